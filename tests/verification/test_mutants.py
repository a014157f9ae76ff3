"""Claims that must fail on a broken model: Lemma 1, Lemma 4, Lemma 5's flow, the max-flow."""

import random

import networkx as nx

from exact import check
from exact.numbers import Q
from proofs.verification import lotteries, maxflow
from proofs.verification.claims_mechanisms import lemma_1


def _first_instances(count=60):
    from proofs.verification.claims_mechanisms import LEMMA_1
    return list(LEMMA_1.instances(3, 0, count))


def test_lemma_1_holds_and_both_verdicts_occur():
    outs = [lemma_1(inst) for inst in _first_instances()]
    assert all(o.ok for o in outs)
    assert {o.data["bic"] for o in outs} == {True, False}


def test_lemma_1_fails_with_a_wrong_condition(monkeypatch):
    monkeypatch.setattr(lotteries, "lemma_1_condition",
                        lambda P, A: all(a >= p - max(P) for p, a in zip(P, A)))
    assert not all(lemma_1(inst).ok for inst in _first_instances())


def test_lemma_1_fails_when_a_caught_liar_keeps_his_object(monkeypatch):
    real = lotteries.win_probability

    def lenient(mech, true, report, collective=False, liar=None):
        return real(mech, report, report, collective, liar)     # audits never bite
    monkeypatch.setattr(lotteries, "win_probability", lenient)
    assert not all(lemma_1(inst).ok for inst in _first_instances())


def test_s7_needs_a_le_p_and_the_metamorphic_relation():
    v = check("verification/lemma-1-needs-a-le-p")
    assert v.kind == "verified" and 0 < v.met < v.instances


def test_lemma_4_notices_a_wrong_envelope(monkeypatch):
    from proofs.verification import mwg
    from proofs.verification.capacity import c_allo, c_ic
    from proofs.verification.claims import lemma_4
    from proofs.verification.typespace import instance
    inst = instance(3, 2, 1, [1, 2, 3], ["1/3"] * 3)
    assert lemma_4(inst).ok
    monkeypatch.setattr(mwg, "c_env", lambda n, m, k, ph, x: min(c_allo(n, m, x),
                                                                  c_ic(n, m, ph, x)))
    assert not lemma_4(inst).ok


def test_maxflow_agrees_with_networkx():
    rng = random.Random(7)
    for _ in range(200):
        nodes = list(range(7))
        g, G = maxflow.Network(), nx.DiGraph()
        for _e in range(rng.randint(5, 20)):
            u, v = rng.sample(nodes, 2)
            if G.has_edge(v, u) or G.has_edge(u, v):
                continue
            c = rng.randint(0, 9)
            g.add(u, v, c)
            G.add_edge(u, v, capacity=c)
        G.add_nodes_from(nodes)
        want = nx.maximum_flow_value(G, 0, 6)
        assert g.max_flow(0, 6) == want
        cut = g.source_side(0)
        assert 0 in cut and 6 not in cut
        assert sum(c for (u, v), c in g.orig.items() if u in cut and v not in cut) == want


def test_lemma_12_discrete_against_the_lp_and_a_mutant(monkeypatch):
    from proofs.verification import audit_lp
    from proofs.verification.domains import ConstructionDomain
    items = [it for it in ConstructionDomain(sizes=(3,), case="2.b").instances(3)]
    reports = [audit_lp.lemma_12_discrete(*it) for it in items]
    used = [r for r in reports if r["applicable"]]
    assert used and all(r["ok"] for r in used)
    real = audit_lp.rhs_closed_form
    monkeypatch.setattr(audit_lp, "rhs_closed_form",
                        lambda inst, lay, xm, E: real(inst, lay, xm, E) + Q(1, 10**6))
    assert not any(audit_lp.lemma_12_discrete(*it)["ok"] for it in items
                   if audit_lp.lemma_12_discrete(*it)["applicable"])
