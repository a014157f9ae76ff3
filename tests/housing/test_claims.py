"""Every housing claim reaches its expected verdict; errata carry minimal counterexamples;
every claim can fail on a broken mechanism."""

import pytest

from exact import check, get_claim

# cheap at their default sizes (seconds in all)
FAST = ["housing/lemma-1", "housing/corollary-1", "housing/lemma-3", "housing/observation-1",
        "housing/example-1", "housing/ttc-endowment", "housing/ttc-priorities",
        "housing/proposition-2-every-mcsd", "housing/theorem-1-proof", "housing/d3",
        "housing/d4", "housing/proposition-1", "housing/proposition-2"]


@pytest.mark.parametrize("cid", FAST)
def test_fast_claims_are_verified(cid):
    v = check(cid)
    assert v.kind == "verified", (cid, v.counterexample, v.error)
    assert v.instances == v.total > 0


@pytest.mark.parametrize("cid, size", [("housing/lemma-2", 2), ("housing/theorem-1", 4),
                                       ("housing/theorem-1-if", 4), ("housing/d1", 4),
                                       ("housing/d2", 4)])
def test_claims_at_small_sizes(cid, size):
    v = check(cid, size=size)
    assert v.kind == "verified", (cid, v.counterexample, v.error)


def test_theorem_1_certificate_lists_the_mcsds_and_the_independent_check():
    v = check("housing/theorem-1", size=2)
    cert = v.witnesses[-1]["data"]["certificate"]
    assert cert["solution_count"] == cert["mcsd_count"] == 4
    assert "independent RUP checker" in cert["final_step"]["checked_by"]
    claim = get_claim("housing/theorem-1")
    claim.replay(tuple(v.witnesses[-1]["instance"]), v.witnesses[-1]["data"])


def test_lemma_1_proof_erratum_has_the_minimal_counterexample():
    v = check("housing/lemma-1-proof")
    assert v.known_erratum and v.counterexample["instance"] == [2, 3]
    assert v.counterexample["minimal"]
    assert v.counterexample["violation"]["cycle"] == [[0, 0, 1], [1, 0, 1], [0, 1, 0]]


def test_proposition_2_floor_is_refuted_at_the_smallest_size_and_at_m_3():
    v = check("housing/proposition-2-floor")
    assert v.known_erratum and v.counterexample["size"] == 1
    assert v.counterexample["violation"]["envy"] == [[0, 0], [1, 0]]
    v = check("housing/proposition-2-floor-m3")
    assert v.known_erratum and v.counterexample["instance"][:2] == [2, 3]
    envy = v.counterexample["violation"]["envy"]
    assert max(max(row) for row in envy) == 2 > v.counterexample["violation"]["floor_m_half"]


def test_separability_as_printed_is_refuted_at_2_2():
    v = check("housing/separability")
    assert v.known_erratum and v.counterexample["instance"] == [2, 2]
    w = v.counterexample["violation"]
    assert w["x_strictly_better_in"] and w["y_strictly_better_in"]


def test_every_statement_states_its_sizes():
    from exact.claims import all_claims
    for c in all_claims():
        if c.id.startswith("housing/"):
            assert "Checked at" in c.statement or "Checked on" in c.statement, c.id


# ---------------------------------------------------------------- mutants: every claim can fail
def test_a_broken_mcsd_fails_the_mcsd_claims(monkeypatch):
    import numpy as np
    import proofs.housing.claims as C
    real = C.mcsd_table

    def swapped(n, m, f):           # agents 0 and 1 exchange their objects of category 0
        t = real(n, m, f)
        t.out = t.out.copy()
        t.out[:, 0, [0, 1]] = t.out[:, 0, [1, 0]]
        return t
    monkeypatch.setattr(C, "mcsd_table", swapped)
    f = ((0, 1, 2), (0, 1, 2))
    for claim in (C.theorem_1_if, C.theorem_1_proof, C.proposition_1,
                  C.ttc_priorities_claim, C.proposition_2_every_mcsd):
        assert not claim((3, 2, f)).ok, claim
    assert not C.proposition_2((3, 2, ((0, 1, 2), (2, 1, 0)))).ok
    assert not C.d3((3, 2, f)).ok
    # D4: the envy level of an identical-priority table where a fair one is claimed
    monkeypatch.setattr(C, "mcsd_table", lambda n, m, g: real(n, m, f))
    assert not C.d4((3, 2, ((0, 1, 2), (2, 1, 0)))).ok


def test_d1_d2_fail_with_a_wrong_graph_test(monkeypatch):
    import proofs.housing.claims as C
    P = (((0, 1, 2), (0, 1, 2)), ((1, 0, 2), (1, 0, 2)), ((0, 1, 2), (0, 1, 2)))
    monkeypatch.setattr(C, "pareto_possible_graph", lambda P, A: None)
    monkeypatch.setattr(C, "pareto_efficient_graph", lambda P, A: None)
    assert not C.d1((3, 2, P)).ok and not C.d2((3, 2, P)).ok


def test_lemma_3_and_corollary_1_claims_fail_on_mutants(monkeypatch):
    import proofs.housing.claims as C
    import proofs.housing.universal as U
    monkeypatch.setattr(C, "lemma_3_all_neutral",
                        lambda n, m: U.lemma_3_all_neutral(n, m, generators=[((1, 0), (0, 1))]))
    assert not C.lemma_3((2, 2)).ok
    monkeypatch.setattr(C, "corollary_1_pointwise", lambda n, m: U.corollary_1_pointwise(
        n, m, dominance=lambda x, y, Pi: Pi[0].index(x[0]) <= Pi[0].index(y[0])))
    assert not C.corollary_1((2, 2)).ok


def test_lemma_2_claim_fails_on_a_bossy_mechanism(monkeypatch):
    import proofs.housing.claims as C
    from proofs.housing.controls import dictator_allocates
    monkeypatch.setattr(C, "sequential", dictator_allocates)     # SP but bossy
    monkeypatch.setattr(C, "priority_profiles", lambda n, m: [])
    out = C.lemma_2((3, 2, "neutral"))
    assert not out.ok and out.data["mechanism"] == "sequential"


@pytest.mark.slow
@pytest.mark.parametrize("cid", ["housing/lemma-2", "housing/theorem-1", "housing/theorem-1-if",
                                 "housing/d1", "housing/d2", "housing/application"])
def test_default_sizes_slow(cid):
    assert check(cid).kind == "verified"
