"""Verdicts of every coalitional claim at default sizes, and the recomputed golden values."""

import pytest

from exact import check
from exact.claims import REGISTRY, _load_builtin_claims

_load_builtin_claims()
IDS = sorted(c for c in REGISTRY if c.startswith("coalitional/"))
ERRATA = {"coalitional/fact-7", "coalitional/corollary-1-step-1", "coalitional/claim-2",
          "coalitional/example-2-unique-efficient"}


_VERDICTS = {}


def verdict(cid):
    """Each claim is checked once per test session (the checks share per-environment results)."""
    if cid not in _VERDICTS:
        _VERDICTS[cid] = check(cid)
    return _VERDICTS[cid]


def test_every_claim_is_registered_with_a_scope():
    assert len(IDS) >= 29 and ERRATA <= set(IDS)
    for cid in IDS:
        c = REGISTRY[cid]
        assert c.statement and c.source
        assert (c.erratum is not None) == (cid in ERRATA)


@pytest.mark.parametrize("cid", [c for c in IDS if c not in ERRATA])
def test_verified_with_instances_meeting_the_hypothesis(cid):
    v = verdict(cid)
    assert v.kind == "verified", (v.kind, v.counterexample, v.error)
    assert v.instances == v.total > 0


@pytest.mark.parametrize("cid", sorted(ERRATA))
def test_errata_are_refuted_with_their_witness(cid):
    v = verdict(cid)
    assert v.known_erratum and v.counterexample is not None
    inst, viol = v.counterexample["instance"], v.counterexample["violation"]
    if cid == "coalitional/fact-7":
        assert viol["rcic_violation"]["outsiders"] == {"1": ["b"], "2": ["a"]}
        assert viol["obviously_strategy_proof"] and viol["expost_coalitional_violation"] is False
    elif cid == "coalitional/corollary-1-step-1":
        assert inst["environment"] == "extreme-point-witness"
        assert viol["vertex"] == [0, "1/2", "1/2"]
    elif cid == "coalitional/claim-2":
        assert viol["gain"] == 0 and viol["m4"] == 0 and viol["case"] == "1"
    else:
        assert viol["other"] == [-1, 0, 0] and viol["utilities"] == [0, 0]


def test_example_values_recomputed():
    from proofs.coalitional.examples import example_1_report, example_2_report
    from exact.numbers import Q
    a, b = example_1_report().values, example_2_report().values
    assert (a["u_deviation"], a["u_truth"]) == (Q(1, 2), Q(3, 8)) and a["u_deviation"] > a["u_truth"]
    assert (a["rcic_violations"], a["unacceptable"], a["without_whistle_blower"]) == (1, 117648, 0)
    assert (b["unacceptable"], b["without_whistle_blower"], b["rcm_failures"],
            b["pattern_failures"]) == (80, 18, 18, 0)
    assert b["epsilon_bound_digits"].startswith("0.4342585459")


def test_characterisation_witness_is_minimal_and_valid():
    v = verdict("coalitional/characterisation-fails-n3")
    w = v.witnesses[0]["data"]
    assert w["searched"] == w["index"] + 1 and w["rcic_violation"]["coalition"] == [2, 3]


def test_a_coalition_with_an_outsider_dissolves_what_no_singleton_can():
    v = verdict("coalitional/definition-8-coalition-only")
    w = v.witnesses[0]["data"]
    assert w["coalition"]["coalition"] == [1, 2] and w["singleton_candidates"] == 6
    (res,) = w["results"].values()
    assert res["holds"] is True and "z" in res["single"]


def test_fact_15_pattern_witness():
    v = verdict("coalitional/fact-15-pattern")
    w = v.witnesses[0]["data"]
    assert w["coalition"]["coalition"] == [1, 2] and w["theorem_1_tests"] == 16
    assert w["robust_pattern_ic"] is False and w["searched"] == 37
