"""Every housing claim reaches its expected verdict; errata carry minimal counterexamples."""

import pytest

from exact import check, get_claim

FAST = ["housing/lemma-1", "housing/corollary-1", "housing/lemma-3", "housing/observation-1",
        "housing/example-1", "housing/d1", "housing/d2", "housing/ttc-endowment",
        "housing/ttc-priorities", "housing/theorem-1-if", "housing/proposition-2-every-mcsd",
        "housing/application", "housing/theorem-1-proof", "housing/d3", "housing/d4"]


@pytest.mark.parametrize("cid", FAST)
def test_fast_claims_are_verified(cid):
    v = check(cid)
    assert v.kind == "verified", (cid, v.counterexample, v.error)
    assert v.instances == v.total > 0


@pytest.mark.parametrize("cid, size", [("housing/proposition-1", 4), ("housing/proposition-2", 4),
                                       ("housing/lemma-2", 4), ("housing/theorem-1", 4)])
def test_claims_at_small_sizes(cid, size):
    v = check(cid, size=size)
    assert v.kind == "verified", (cid, v.counterexample, v.error)


def test_theorem_1_certificate_lists_the_mcsds_and_the_drat_step():
    v = check("housing/theorem-1", size=2)
    cert = v.witnesses[-1]["data"]["certificate"]
    assert cert["solution_count"] == cert["mcsd_count"] == 4
    assert "independent DRAT checker" in cert["final_step"]["checked_by"]
    claim = get_claim("housing/theorem-1")
    claim.replay(tuple(v.witnesses[-1]["instance"]), v.witnesses[-1]["data"])


def test_lemma_1_proof_erratum_has_the_minimal_counterexample():
    v = check("housing/lemma-1-proof")
    assert v.known_erratum and v.counterexample["instance"] == [2, 3]
    assert v.counterexample["minimal"]
    assert v.counterexample["violation"]["cycle"] == [[0, 0, 1], [1, 0, 1], [0, 1, 0]]


def test_proposition_2_floor_is_refuted_at_the_smallest_size():
    v = check("housing/proposition-2-floor")
    assert v.known_erratum and v.counterexample["size"] == 1
    assert v.counterexample["violation"]["envy"] == [[0, 0], [1, 0]]


@pytest.mark.slow
@pytest.mark.parametrize("cid", ["housing/proposition-1", "housing/proposition-2",
                                 "housing/lemma-2"])
def test_default_sizes_slow(cid):
    assert check(cid).kind == "verified"


@pytest.mark.slow
def test_theorem_1_default_sizes():
    v = check("housing/theorem-1")
    assert v.kind == "verified" and v.total == 5
