"""proofs.classic: verdicts of the classic claims, their counterexamples and replays, and the
Bogomolnaia-Moulin worked example (golden values from the paper against recomputed ones)."""

import math

import pytest

from exact import CertificateError, check
from exact.checker import check_counterexample
from exact.claims import get_claim
from exact.lottery import is_sd_efficient, sd_dominating_assignment
from exact.mechanisms import blocking_coalition, random_serial_dictatorship, \
    serial_dictatorship, ttc
from exact.numbers import Q
from exact.prefs import HousingMarkets, Profile, StrictProfiles, count_profiles
from proofs.classic import claims as C
from proofs.classic.examples import PAPER_PS, PAPER_RSD, bogomolnaia_moulin

FULL = {n: math.factorial(n) ** n for n in range(1, 5)}


@pytest.mark.parametrize("cid", ["classic/ttc-strategy-proof", "classic/ttc-pareto",
                                 "classic/ttc-core"])
def test_ttc_claims_verified_up_to_n_3(cid):
    v = check(cid, size=3)
    assert v.kind == "verified" and v.label == "verified"
    assert v.instances == v.total == 1 + 3 + 38 == sum(HousingMarkets().count(n)
                                                       for n in (1, 2, 3))
    assert v.weighted == FULL[1] + FULL[2] + FULL[3]


@pytest.mark.slow
@pytest.mark.parametrize("cid", ["classic/ttc-strategy-proof", "classic/ttc-pareto",
                                 "classic/ttc-core"])
def test_ttc_claims_verified_up_to_n_4(cid):
    v = check(cid)
    assert v.kind == "verified" and v.sizes == (1, 2, 3, 4)
    assert v.instances == v.total == 1 + 3 + 38 + 13902
    assert v.weighted == sum(FULL.values())


def test_ps_sd_envy_free_verified_up_to_n_4():
    v = check("classic/ps-sd-envy-free")
    assert v.kind == "verified" and v.sizes == (1, 2, 3, 4)
    assert v.instances == v.total == 1 + 2 + 10 + 762 == sum(
        count_profiles(n, symmetry="agents+objects") for n in range(1, 5))
    assert v.weighted == sum(FULL.values())


def test_sd_envy_free_is_refuted_at_n_2_by_two_identical_rankings():
    v = check("classic/sd-envy-free")
    assert v.kind == "refuted" and v.known_erratum
    cx = v.counterexample
    assert (cx["size"], cx["index"], cx["minimal"]) == (2, 0, True)
    assert cx["instance"] == [[0, 1], [0, 1]]
    assert cx["violation"] == {"order": [0, 1], "allocation": [0, 1], "envious": 1, "envied": 0}
    assert v.instances == 2          # the one instance of size 1, then the first of size 2


def test_rsd_sd_efficient_is_refuted_at_n_4_with_the_first_failing_profile():
    v = check("classic/rsd-sd-efficient")
    assert v.kind == "refuted" and v.known_erratum
    cx = v.counterexample
    assert cx["size"] == 4 and cx["minimal"] is True
    p = Profile(cx["instance"])
    assert p.rankings == ((0, 1, 2, 3), (0, 1, 2, 3), (0, 1, 3, 2), (0, 1, 3, 2))
    # it is the first failing instance in canonical order, and nothing fails below n = 4
    # (both checked by the LP method too, independently of tau)
    dom = StrictProfiles()
    earlier = list(dom.instances(4, 0, cx["index"]))
    assert all(is_sd_efficient(random_serial_dictatorship(q), q) for q in earlier)
    assert all(sd_dominating_assignment(random_serial_dictatorship(q), q) is None
               for n in (1, 2, 3) for q in dom.instances(n))
    R = random_serial_dictatorship(p)
    assert sd_dominating_assignment(R, p) is not None
    assert [[str(x) for x in row] for row in R] == [["1/4", "1/4", "5/12", "1/12"]] * 2 + \
        [["1/4", "1/4", "1/12", "5/12"]] * 2
    assert v.instances == 1 + 2 + 10 + cx["index"] + 1


def test_counterexamples_replay_and_tampering_is_caught():
    for cid in ("classic/rsd-sd-efficient", "classic/sd-envy-free"):
        v = check(cid)
        c = get_claim(cid)
        inst = c.domain.from_json(v.counterexample["instance"])
        check_counterexample(c, inst, v.counterexample["violation"])
        bad = dict(v.counterexample["violation"])
        if "dominating" in bad:
            bad["dominating"] = [row[:] for row in bad["dominating"]]
            bad["dominating"][0][2], bad["dominating"][0][3] = "5/12", "1/12"   # = RSD
        else:
            bad["envious"] = 0
        with pytest.raises(CertificateError):
            check_counterexample(c, inst, bad)


def test_replay_functions_reject_false_violations():
    p = Profile([(1, 0, 2), (0, 1, 2), (2, 0, 1)])
    with pytest.raises(CertificateError, match="not better than her truthful house"):
        C._replay_manipulation(p, {"agent": 0, "report": [0, 1, 2], "obtains": 0})
    with pytest.raises(CertificateError, match="does not block"):
        C._replay_block(p, {"coalition": [0, 1], "houses": [0, 1]})


def test_predicates_can_fail():
    """The checks are not vacuous: wrong allocations are blocked, envy is found."""
    p = Profile([(1, 0), (0, 1)])
    assert blocking_coalition(p, (0, 1)) == ((0, 1), (1, 0))
    assert blocking_coalition(p, ttc(p)) is None
    q = Profile([(0, 1, 2), (1, 0, 2), (0, 1, 2)])
    assert blocking_coalition(q, (2, 1, 0)) == ((0,), (0,))      # agent 0 keeps her house
    assert serial_dictatorship(q, (2, 1, 0)) == (2, 1, 0)
    assert not C.sd_envy_free(q).ok


def test_claims_are_registered_with_sources_and_errata():
    ids = {"classic/ttc-strategy-proof", "classic/ttc-pareto", "classic/ttc-core",
           "classic/ps-sd-envy-free", "classic/rsd-sd-efficient", "classic/sd-envy-free"}
    for cid in ids:
        c = get_claim(cid)
        assert c.source and c.statement
        assert (c.expect == "refuted") == (c.erratum is not None) == (
            cid in {"classic/rsd-sd-efficient", "classic/sd-envy-free"})


def test_bogomolnaia_moulin_example_matches_the_paper():
    r = bogomolnaia_moulin()
    assert r.values["rsd"] == PAPER_RSD and r.values["ps"] == tuple(
        tuple(Q(v) for v in row) for row in PAPER_PS)
    assert r.values["paper_agrees"] is True and r.values["ps_sd_dominates_rsd"] is True
    assert r.values["rsd_tau_cycle"] == [(2, 0), (3, 2)]
    assert sum((w for w, _ in r.values["ps_bvn"]), Q(0)) == 1
    for fmt in ("text", "markdown", "latex", "json"):
        out = r.render(fmt)
        assert "5/12" in out or "frac{5}{12}" in out


def test_example_script_runs(capsys):
    import pathlib
    import runpy
    script = pathlib.Path(__file__).resolve().parents[2] / "examples" / \
        "classic_bogomolnaia_moulin.py"
    runpy.run_path(str(script), run_name="not_main")["main"]("text")
    out = capsys.readouterr().out
    assert "classic/rsd-sd-efficient: refuted (known erratum)" in out
    assert "The recomputed matrices agree with the paper's." in out


def test_counterexample_does_not_depend_on_jobs_or_shards():
    base = check("classic/rsd-sd-efficient").to_json()
    other = check("classic/rsd-sd-efficient", jobs=2, shard_size=7).to_json()
    for key in ("verdict", "counterexample", "instances", "total"):
        assert other[key] == base[key]


@pytest.mark.parametrize("cid, data", [
    ("classic/ttc-strategy-proof", {}),
    ("classic/ttc-strategy-proof", {"agent": 7, "report": [0, 1, 2], "obtains": 0}),
    ("classic/ttc-strategy-proof", {"agent": 0, "report": [0, 0, 2], "obtains": 0}),
    ("classic/ttc-core", {"coalition": [9], "houses": [9]}),
    ("classic/ttc-core", {"coalition": "ab", "houses": [0]}),
    ("classic/rsd-sd-efficient", {"dominating": [[1]]}),
    ("classic/rsd-sd-efficient", {"dominating": [["x", 1, 0], [0, 1, 0], [0, 0, 1]]}),
    ("classic/rsd-sd-efficient", {"dominating": 5}),
])
def test_malformed_saved_violations_are_certificate_errors(cid, data):
    p = Profile([(1, 0, 2), (0, 1, 2), (2, 0, 1)])
    with pytest.raises(CertificateError):
        get_claim(cid).replay(p, data)
