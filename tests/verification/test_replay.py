"""Saved Theorem 1 records replay, and their LP certificates are re-checked by the checker."""

import copy

import pytest

from exact import check
from exact.checker import _lp_certificates, replay
from exact.claims import get_claim
from exact.errors import ReplayError
from exact.records import make_record


@pytest.fixture(scope="module")
def record():
    verdict = check("verification/theorem-1", size=2, jobs=1)
    assert verdict.kind == "verified" and len(verdict.witnesses) == verdict.instances
    return make_record(verdict, get_claim("verification/theorem-1"))


def _cert(rec, i=0):
    return rec["witnesses"][i]["data"]["certificate"]


def test_theorem_1_record_replays_and_carries_lp_certificates(record):
    report = replay(copy.deepcopy(record))
    n = len(record["witnesses"])
    assert report.verdict == "verified" and report.checked == n + record["instances"]
    # every saved witness holds one certificate the checker recognises (kind "lp-optimal")
    for w in record["witnesses"]:
        certs = list(_lp_certificates(w["data"]))
        assert len(certs) == 1 and certs[0]["kind"] == "lp-optimal"
        assert certs[0]["digest"] == w["data"]["certificate_digest"]
        assert certs[0]["value"] == w["data"]["value"]


@pytest.mark.parametrize("edit, condition", [
    (lambda c: c["x"].__setitem__(0, "1/3"), "primal feasibility"),
    (lambda c: c["duals"]["ub"].__setitem__(4, "1/7"), "dual feasibility"),
    (lambda c: c.__setitem__("value", "1/5"), "objective"),
    (lambda c: c["problem"]["b_ub"].__setitem__(0, 1), "primal feasibility"),
])
def test_changing_one_number_of_the_certificate_fails_replay(record, edit, condition):
    bad = copy.deepcopy(record)
    edit(_cert(bad))
    with pytest.raises(ReplayError, match=rf"witnesses\[0\]: {condition}"):
        replay(bad)


def test_a_resealed_certificate_of_another_lp_is_refused(record):
    # a consistent certificate (it passes lpcert) that is not Theorem 1's LP of the instance
    from exact.lpcert import seal
    bad = copy.deepcopy(record)
    cert = _cert(bad)
    cert["problem"]["c"] = [0] * len(cert["problem"]["c"])
    cert["value"] = 0
    cert["duals"] = {"ub": [0] * len(cert["duals"]["ub"]), "eq": [],
                     "lower": [0] * len(cert["x"]), "upper": [0] * len(cert["x"])}
    cert = seal(cert)
    bad["witnesses"][0]["data"]["certificate"] = cert
    bad["witnesses"][0]["data"]["certificate_digest"] = cert["digest"]
    with pytest.raises(ReplayError, match=r"witnesses\[0\]: certificate: its problem is not"):
        replay(bad)
