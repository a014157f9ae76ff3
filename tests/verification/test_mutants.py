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


# --- more claims that must fail on a broken model -----------------------------------------------

def _claim(cid):
    import proofs.verification.claims  # noqa: F401
    from exact.claims import REGISTRY
    return REGISTRY[cid]


def _outcomes(cid, size, count):
    c = _claim(cid)
    return [c.check(i) for i in c.domain.instances(size, 0, count)]


def test_lemma_3_fails_when_the_flow_has_one_audit_more(monkeypatch):
    from proofs.verification import border
    assert all(o.ok for o in _outcomes("verification/lemma-3", 3, 120))
    real = border.symmetric_flow
    monkeypatch.setattr(border, "symmetric_flow",
                        lambda probs, n, cap, target, eligible=None:
                        real(probs, n, cap + 1, target, eligible))
    assert any(not o.ok for o in _outcomes("verification/lemma-3", 3, 120))


def test_lemma_5_fails_when_the_condition_ignores_the_sets(monkeypatch):
    from proofs.verification import border
    outs = _outcomes("verification/lemma-5", 2, 300)
    assert all(o.ok for o in outs) and {o.data["feasible"] for o in outs} == {True, False}
    monkeypatch.setattr(border, "violated_sets", lambda mk: [])
    assert any(not o.ok for o in _outcomes("verification/lemma-5", 2, 300))


def test_lemma_8_rejects_a_submodular_function(monkeypatch):
    from proofs.verification import claims
    assert all(o.ok for o in _outcomes("verification/lemma-8", 2, 20))
    real = claims.lemma_8_values
    monkeypatch.setattr(claims, "lemma_8_values",
                        lambda d: {X: -v for X, v in real(d).items()})
    assert any(not o.ok for o in _outcomes("verification/lemma-8", 2, 20))


def test_lemma_9_fails_with_a_shifted_binomial(monkeypatch):
    from proofs.verification import capacity
    c = _claim("verification/lemma-9")
    assert c.check((5, 3, 2)).ok
    real = capacity.binom_cdf_poly
    monkeypatch.setattr(capacity, "binom_cdf_poly", lambda r, n: real(r + 1, n))
    assert not c.check((5, 3, 2)).ok


def test_lemma_9_discrete_fails_without_random_tie_breaking(monkeypatch):
    from proofs.verification import mwg
    outs = _outcomes("verification/lemma-9-discrete", 3, 40)
    assert all(o.ok for o in outs)
    real = mwg.top_probability                # mutant: one merit object too many
    monkeypatch.setattr(mwg, "top_probability", lambda inst, l, cap: real(inst, l, cap + 1))
    assert any(not o.ok for o in _outcomes("verification/lemma-9-discrete", 3, 40))


def test_lemma_7_derivatives_fail_for_a_convex_audit_capacity(monkeypatch):
    import sympy

    from proofs.verification import claims
    from proofs.verification.capacity import phi, q
    c = _claim("verification/lemma-7-derivatives")
    assert c.check((4, 2, 1)).ok
    real = claims.c_aud_poly
    monkeypatch.setattr(claims, "c_aud_poly", lambda n, k: sympy.Poly(
        real(n, k).as_expr() + 3 * q ** 2, q, phi))
    assert not c.check((4, 2, 1)).ok


def test_remark_1_fails_when_ex_post_constraints_cost_nothing(monkeypatch):
    from proofs.verification import optimum
    from proofs.verification.mwg import best_value
    outs = _outcomes("verification/remark-1", 3, 5)
    assert all(o.ok for o in outs)

    class NoLoss:
        status = "optimal"

        def __init__(self, inst):
            self.value = best_value(inst)
    monkeypatch.setattr(optimum, "expost_ic_value", NoLoss)
    assert not any(o.ok for o in _outcomes("verification/remark-1", 3, 5))


def test_k_zero_fails_when_the_random_value_is_wrong(monkeypatch):
    from proofs.verification import mwg
    outs = _outcomes("verification/k-zero-random-allocation", 2, 5)
    assert all(o.ok for o in outs)
    real = mwg.random_value
    monkeypatch.setattr(mwg, "random_value", lambda inst: real(inst) * Q(inst.n, inst.m))
    assert not any(o.ok for o in _outcomes("verification/k-zero-random-allocation", 2, 5))


def test_collective_punishment_fails_if_the_collective_rule_lets_liars_keep_objects(monkeypatch):
    outs = _outcomes("verification/collective-punishment", 3, 30)
    assert all(o.ok for o in outs) and any(o.met for o in outs)
    real = lotteries.win_probability

    def lenient_collective(mech, true, report, collective=False, liar=None):
        if collective:
            return real(mech, report, report, collective, liar)
        return real(mech, true, report, collective, liar)
    monkeypatch.setattr(lotteries, "win_probability", lenient_collective)
    assert any(not o.ok for o in _outcomes("verification/collective-punishment", 3, 30))


def test_every_optimum_fails_if_V_rose_in_case_3(monkeypatch):
    from proofs.verification import claims_continuous, continuous
    c = _claim("verification/proposition-2-every-optimum")
    row = (3, 2, 1, "1")
    assert c.check(row).ok
    real = continuous.V_prime_sign

    def rising(n, m, k, ph, F):
        s = real(n, m, k, ph, F)
        return -s if continuous.cutoff_roots(n, m, k, ph, F)["case"] == "3" else s
    monkeypatch.setattr(continuous, "V_prime_sign", rising)
    claims_continuous._optimum.cache_clear()
    try:
        assert not c.check(row).ok
    finally:
        claims_continuous._optimum.cache_clear()
