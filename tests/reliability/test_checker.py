"""The trusted checker's own tests: every rejection path of :func:`exact.checker.replay` is hit
and names its condition; the report it returns is exact. (The mutation run of
``scripts/mutation.py exact/checker.py`` measures how well these tests pin the checker down.)"""

import copy
import dataclasses

import pytest

from exact import CertificateError, ReplayError
from exact.checker import ReplayReport, check_counterexample, check_witness
from exact.claims import get_claim
from exact.engine import check, search
from exact.records import make_record

from .helpers import USER, count, replay
from .mutants import CONTROLS


@pytest.fixture(scope="module")
def refuted():
    c = get_claim(f"{USER}::sum_below_five")
    return make_record(check(c), c)


@pytest.fixture(scope="module")
def verified():
    c = get_claim(f"{USER}::sum_below_five")
    return make_record(check(c, size=3), c)


def _edit(record, path, value=None, delete=False):
    rec = copy.deepcopy(record)
    node = rec
    for k in path[:-1]:
        node = node[k]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return rec


REFUTED_CASES = [
    (("counterexample",), None, False, r"^counterexample: missing$"),
    (("counterexample", "violation"), None, True, r"^counterexample\.violation: missing$"),
    (("counterexample", "instance"), None, True, r"^counterexample\.instance: missing instance$"),
    (("counterexample", "instance"), [2], False, r"^counterexample\.instance: expected"),
    (("counterexample", "instance"), [2, 3, 4], False, r"^counterexample\.instance: "),
    (("counterexample", "index"), "x", False, r"^counterexample: size/index malformed$"),
    (("counterexample", "index"), -1, False, r"^counterexample: size/index malformed$"),
    (("counterexample", "size"), "4", False, r"^counterexample: size/index malformed$"),
    (("counterexample", "index"), 16, False, r"^counterexample: index 16 beyond the domain$"),
    (("counterexample", "index"), 17, False, r"^counterexample: index 17 beyond the domain$"),
    (("counterexample", "index"), 12, False,
     r"^counterexample: the domain's instance 12 of size 4 is not the saved instance$"),
    (("counterexample", "violation", "total"), 6, False,
     r"^counterexample: violation differs from the recomputed one: saved \{'total': 6, "
     r"'bound': 5\}, recomputed \{'total': 5, 'bound': 5\}$"),
    (("sizes",), ["1"], False, r"^sizes: missing or not a list of ints$"),
    (("sizes",), None, True, r"^sizes: missing or not a list of ints$"),
    (("verdict",), "inconclusive", False,
     r"^verdict: cannot replay a 'inconclusive' record \(only refuted or verified\)$"),
    (("claim_file",), 7, False, r"^claim_file: not a path$"),
]


@pytest.mark.parametrize("path, value, delete, message", REFUTED_CASES)
def test_refuted_record_rejections_name_the_condition(refuted, path, value, delete, message):
    count("tamper cases rejected (records)")
    with pytest.raises(ReplayError, match=message):
        replay(_edit(refuted, path, value, delete))


def test_a_holding_instance_is_no_counterexample(refuted):
    rec = _edit(refuted, ("counterexample",), {"size": 1, "index": 0, "instance": [0, 0],
                                                "violation": {"total": 0, "bound": 5}})
    rec["instances"] = 1
    with pytest.raises(ReplayError, match=r"^counterexample: the claim holds on this instance: "
                                          r"no counterexample$"):
        replay(rec)


def test_search_record_without_index_checks_the_size():
    c = get_claim(f"{USER}::sum_below_five")
    v = search(c, budget=20, seed=3, sizes=range(1, 9))
    rec = make_record(v, c)
    assert rec["counterexample"]["index"] is None
    assert replay(rec).verdict == "refuted"
    size = rec["counterexample"]["size"]
    with pytest.raises(ReplayError, match=rf"^counterexample\.size: instance has size {size}$"):
        replay(_edit(rec, ("counterexample", "size"), size + 1))


VERIFIED_CASES = [
    (("total",), 13, r"^total: record says 13, the domain has 14$"),
    (("instances",), 13, r"^instances: 13 checked of 14: not a full check$"),
    (("witnesses",), {}, r"^witnesses: not a list$"),
    (("witnesses", 0), 5, r"^witnesses\[0\]: malformed$"),
    (("witnesses", 0, "data"), 5, r"^witnesses\[0\]: malformed$"),
    (("witnesses", 1, "instance"), None, r"^witnesses\[1\]\.instance: missing instance$"),
    (("witnesses", 1, "index"), 3, r"^witnesses\[1\]: the domain's instance 3 of size 2 is not "),
    (("witnesses", 2, "data", "total"), 9,
     r"^witnesses\[2\]: witness differs from the recomputed one$"),
]


@pytest.mark.parametrize("path, value, message", VERIFIED_CASES)
def test_verified_record_rejections_name_the_condition(verified, path, value, message):
    count("tamper cases rejected (records)")
    with pytest.raises(ReplayError, match=message):
        replay(_edit(verified, path, value))


def test_replay_report_is_exact_and_frozen(refuted, verified):
    r = replay(refuted)
    earlier = refuted["instances"] - 1         # every instance before it, in canonical order
    detail = f"counterexample re-verified; minimal: {earlier} earlier instances re-checked"
    assert r == ReplayReport("user/sum-below-five", "refuted", earlier + 1, detail)
    assert r.to_json() == {"claim": "user/sum-below-five", "replayed": "refuted",
                           "items_checked": earlier + 1, "detail": detail, "ok": True}
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.checked = 2
    w = len(verified["witnesses"])
    assert w == verified["total"] == 14       # every witness is kept
    counts = replay(verified, full=False)
    assert counts == ReplayReport("user/sum-below-five", "counts-only", w,
                                  f"counts only: not a re-verification ({w} saved witnesses "
                                  f"re-checked, the domain not re-walked)")
    assert counts.to_json()["ok"] is False
    full = replay(verified)
    assert full.checked == w + verified["total"]
    assert full.detail == (f"{verified['total']} instances re-walked; {w} witnesses and their "
                           f"certificates re-verified")


def test_witness_that_fails_is_rejected():
    c = get_claim(f"{USER}::sum_below_five")
    with pytest.raises(ReplayError, match="^the claim fails on this instance: the saved "
                                          "witness is wrong$"):
        check_witness(c, (2, 3), {"total": 5})
    check_counterexample(c, (2, 3), {"total": 5, "bound": 5})


@pytest.fixture(scope="module")
def lp_record():
    c = CONTROLS["lp-flipped-sign"]
    rec = make_record(check(c, sizes=[2]), c)
    assert rec["verdict"] == "verified"
    assert all(w["data"]["certificate"]["kind"].startswith("lp-") for w in rec["witnesses"])
    return rec


def test_lp_certificates_inside_witnesses_are_rechecked(lp_record):
    n = len(lp_record["witnesses"])
    assert n == lp_record["total"] and replay(lp_record).checked == 2 * n
    cert = lp_record["witnesses"][0]["data"]["certificate"]
    bad = _edit(lp_record, ("witnesses", 0, "data", "certificate", "value"),
                str(int(cert["value"]) + 1))
    count("tamper cases rejected (LP certificates)")
    with pytest.raises(CertificateError, match=r"^witnesses\[0\]: objective: c\.x = "):
        replay(bad)


REFUTED_COUNT_CASES = [
    ({"sizes": [1, 2, 3, 5]}, r"^sizes: \[1, 2, 3, 5\] does not contain the counterexample's "
                              r"size 4$"),
    ({"sizes": [1, 2, 3, 4, 5, 9]}, r"^sizes: \[1, 2, 3, 4, 5, 9\] are not all sizes of pairs "),
    ({"total": 54}, r"^total: record says 54, the domain has 55$"),
    ({"instances": 27}, r"^instances: record says 27, the counterexample is instance 26 in "
                        r"canonical order$"),
    ({"sizes": [4, 5], "total": 41, "instances": 12},
     r"^counterexample\.minimal: smaller sizes \[1, 2, 3\] were not checked$"),
]


@pytest.mark.parametrize("edits, message", REFUTED_COUNT_CASES)
def test_refuted_bookkeeping_rejections_name_the_condition(refuted, edits, message):
    count("tamper cases rejected (records)")
    rec = copy.deepcopy(refuted)
    rec.update(edits)
    with pytest.raises(ReplayError, match=message):
        replay(rec)


def test_not_minimal_refutation_over_fewer_sizes_replays(refuted):
    """The same counterexample found by a run over sizes 4 and 5 only is not minimal: fine."""
    rec = copy.deepcopy(refuted)
    rec.update(sizes=[4, 5], total=41, instances=12)
    rec["counterexample"]["minimal"] = False
    assert replay(rec).verdict == "refuted"


def _slow_true_record(instance):
    """A hand-made verified record of the user's slow claim (decode = int) with one witness."""
    return {"format": "exact-record/1", "claim": "user/slow-true", "claim_file": USER,
            "verdict": "verified", "sizes": [1, 2, 3], "total": 2400, "instances": 2400,
            "witnesses": [{"size": 1, "index": 5, "instance": instance, "data": {"k": 5}}]}


def _replay_counts(record):
    """A hand-made record has no code digest: judge it by today's code, counts only."""
    return replay(record, any_code=True, full=False)


def test_witness_instance_of_the_wrong_type():
    with pytest.raises(ReplayError, match=r"^witnesses\[0\]\.instance: not an instance of slow "
                                          r"ints \(int\(\) argument must be"):
        _replay_counts(_slow_true_record([5]))
    count("tamper cases rejected (records)")


def test_witness_instance_not_in_canonical_form():
    assert _replay_counts(_slow_true_record(5)).checked == 1
    with pytest.raises(ReplayError, match=r"^witnesses\[0\]\.instance: instance is not in "
                                          r"canonical form \(re-encodes differently\)$"):
        _replay_counts(_slow_true_record("5"))
    count("tamper cases rejected (records)")


def test_claim_specific_replay_still_needs_a_failing_instance():
    from exact import claim, fails, holds
    from exact.domains import Enumerated

    @claim("demo/replayed", domain=Enumerated([1, 2], name="1, 2"), register=False,
           replay=lambda instance, data: None)
    def demo(x):
        return holds() if x == 1 else fails(x=x)

    check_counterexample(demo, 2, {"x": 2})
    with pytest.raises(ReplayError, match=r"^the claim holds on this instance: "
                                          r"no counterexample$"):
        check_counterexample(demo, 1, {"x": 1})


def test_full_rewalk_names_the_failing_instance():
    from .test_zero_false_verified import _forged_verified_record
    with pytest.raises(ReplayError, match=r"^size 4, instance 11: the claim fails on re-check "
                                          r"\(the record says verified\)$"):
        replay(_forged_verified_record(), any_code=True)
