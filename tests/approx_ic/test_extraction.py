"""Cremer-McLean full extraction with the paper's deterministic sigma* (proofs/approx_ic/extraction.py)."""

import dataclasses

import pytest

import proofs.approx_ic.claims as C
from exact import CertificateError, check
from exact.numbers import Q, to_jsonable
from proofs.approx_ic import extraction, replays
from proofs.approx_ic.families import BINARY, INVEST, MATCH, THREE_SIGNALS
from proofs.approx_ic.gains import definition_epsilon
from proofs.approx_ic.lps import cm_independence
from proofs.approx_ic.mechanism import first_best_welfare, revenue, sigma_star

INVEST2 = BINARY.with_types([INVEST]).environment([2])


def test_verified_on_two_and_three_players():
    v = check("approx_ic/cremer-mclean-construction")
    assert v.kind == "verified" and v.instances == v.total == 148 and 0 < v.met < v.total
    data = [w["data"] for w in v.witnesses if "lotteries" in w["data"]]
    assert data and all(Q(d["largest_gain"]) <= 0 for d in data)
    assert any(Q(d["epsilon_star_of_q_star"]) > 0 for d in data)     # q* alone is not BIC there


def test_the_note_lotteries_come_out_and_the_least_scale_is_epsilon_star():
    """Note B4-T2: z_L = (-4, 5), z_H = (5, -4) over the other's signal (L, H); the note scales
    them by 10, the least scale is epsilon*(2) = 1/2 because E[z_t | s] = 1 for s != t."""
    cm = extraction.cm_mechanism(INVEST2)
    assert cm.lotteries[0] == cm.lotteries[1] == ((Q(-4), Q(5)), (Q(5), Q(-4)))
    assert cm.scales == (Q(1, 2), Q(1, 2)) == (definition_epsilon(INVEST2, sigma_star(INVEST2)),) * 2
    assert cm.mechanism.allocation == sigma_star(INVEST2).allocation          # deterministic sigma*
    assert definition_epsilon(INVEST2, cm.mechanism) == 0                     # exactly BIC
    assert revenue(INVEST2, cm.mechanism) == first_best_welfare(INVEST2) == Q(11, 9)
    ok, data = extraction.verify(INVEST2, cm.lotteries, cm.scales)
    assert ok and data["largest_gain"] == 0


def test_lotteries_exist_exactly_where_beliefs_are_convexly_independent():
    for env in (THREE_SIGNALS.with_types([INVEST]).environment([2]),
                THREE_SIGNALS.with_types([MATCH]).environment([3])):
        assert not cm_independence(env)[0] and extraction.cm_mechanism(env) is None
        assert not C.cremer_mclean_construction(env).met
    assert cm_independence(INVEST2)[0] and C.cremer_mclean_construction(INVEST2).ok


def _broken(monkeypatch, change):
    real = extraction.cm_mechanism

    def broken(env):
        cm = real(env)
        return None if cm is None else change(cm)
    monkeypatch.setattr(C, "cm_mechanism", broken)


def test_fails_when_the_scale_is_too_small(monkeypatch):
    _broken(monkeypatch, lambda cm: dataclasses.replace(cm, scales=tuple(m / 2 for m in cm.scales)))
    v = check("approx_ic/cremer-mclean-construction", sizes=[2])
    assert v.kind == "refuted" and Q(v.counterexample["violation"]["gain"]) > 0


def test_fails_when_a_truthful_type_pays_a_surcharge(monkeypatch):
    _broken(monkeypatch, lambda cm: dataclasses.replace(
        cm, lotteries=tuple(tuple(tuple(x + 1 for x in zt) for zt in zi) for zi in cm.lotteries)))
    v = check("approx_ic/cremer-mclean-construction", sizes=[2])
    assert v.kind == "refuted" and Q(v.counterexample["violation"]["truthful_mean"]) == 1


def test_fails_when_the_scale_is_larger_than_needed(monkeypatch):
    _broken(monkeypatch, lambda cm: dataclasses.replace(cm, scales=tuple(m + 1 for m in cm.scales)))
    v = check("approx_ic/cremer-mclean-construction", sizes=[2])
    assert v.kind == "refuted" and "not the least" in v.counterexample["violation"]["reason"]


def test_fails_when_a_lottery_does_not_tax_some_lie(monkeypatch):
    """Scaling the lotteries by 1/2 keeps E[z_t | t] = 0 but E[z_t | s] = 1/2 < 1."""
    _broken(monkeypatch, lambda cm: dataclasses.replace(
        cm, lotteries=tuple(tuple(tuple(x / 2 for x in zt) for zt in zi) for zi in cm.lotteries)))
    v = check("approx_ic/cremer-mclean-construction", sizes=[2])
    assert v.kind == "refuted" and Q(v.counterexample["violation"]["deviation_mean"]) == Q(1, 2)


def test_fails_when_lotteries_are_claimed_for_dependent_beliefs(monkeypatch):
    """A construction that 'finds' lotteries where none exist (the Farkas equivalence broken)."""
    fake = extraction.cm_mechanism(INVEST2)
    monkeypatch.setattr(C, "cm_mechanism", lambda env: extraction.cm_mechanism(env) or fake)
    v = check("approx_ic/cremer-mclean-construction", sizes=[2])
    assert v.kind == "refuted" and v.counterexample["violation"]["independent"] is False


def test_replay_rejects_tampered_lotteries_and_scales():
    out = C.cremer_mclean_construction(INVEST2)
    data = to_jsonable(out.data)
    replays.cremer_mclean_construction(INVEST2, data)                      # the honest witness
    bad = {**data, "lotteries": [[["-4", "5"], ["5", "-3"]], data["lotteries"][1]]}
    with pytest.raises(CertificateError, match="truthful_mean"):
        replays.cremer_mclean_construction(INVEST2, bad)
    with pytest.raises(CertificateError, match="gain"):
        replays.cremer_mclean_construction(INVEST2, {**data, "scales": ["1/4", "1/2"]})
    with pytest.raises(CertificateError, match="scales"):
        replays.cremer_mclean_construction(INVEST2, {**data, "scales": ["1/2", "0.5.1"]})
    with pytest.raises(CertificateError, match="lotteries"):
        replays.cremer_mclean_construction(INVEST2, {**data, "lotteries": [[["1"]]]})
    with pytest.raises(CertificateError, match="not the least"):
        replays.cremer_mclean_construction(INVEST2, {**data, "scales": ["1", "1/2"]})
    with pytest.raises(CertificateError, match="largest_gain"):
        replays.cremer_mclean_construction(INVEST2, {**data, "largest_gain": "-1"})


def test_the_record_replays():
    """The saved record is re-walked by the checker (tampered witnesses: the test above)."""
    from exact import get_claim
    from exact.checker import replay
    from exact.records import make_record
    cid = "approx_ic/cremer-mclean-construction"
    v = check(cid, sizes=[2])
    rec = make_record(v, get_claim(cid))
    replay(rec)                                       # raises ReplayError if it does not hold
    assert v.witnesses and v.witnesses[0]["data"]["lotteries"]
