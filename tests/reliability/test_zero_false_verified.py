"""Item 7: zero false "verified". Every verified verdict is re-checked by the checker from its JSON.

A *verified* record is a universal statement; its saved witnesses are only a sample, so the one
re-check that can catch a false "verified" is the full re-walk (``exact replay --full``). These
tests show that a forged verified record of a false claim passes the witness check but not the
full re-walk, and (slow) re-walk every registered claim's verified record at its smallest size.
"""

import os
import re

import pytest

from exact import CertificateError
from exact.claims import all_claims, get_claim
from exact.engine import check
from exact.records import make_record

from .helpers import ROOT, USER, count, replay


def _forged_verified_record():
    """A 'verified' record of the false claim sum_below_five (first fails at size 4)."""
    c = get_claim(f"{USER}::sum_below_five")
    rec = make_record(check(c, size=3), c)
    assert rec["verdict"] == "verified" and rec["witnesses"]
    total = sum(c.domain.count(s) for s in c.domain.sizes)
    rec.update(sizes=list(c.domain.sizes), total=total, instances=total, coverage="1")
    return rec


def test_a_forged_verified_record_fails_the_full_replay():
    rec = _forged_verified_record()
    with pytest.raises(CertificateError, match="fails on re-check"):
        replay(rec)
    count("forged verified records rejected by the full re-walk")


def test_counts_only_replay_cannot_see_a_forged_verified_record_and_says_so():
    """Why replay re-walks by default: the witnesses and the counts of the forgery are
    consistent, so a counts-only look passes, and it says it is not a re-verification."""
    rep = replay(_forged_verified_record(), full=False)
    assert rep.verdict == "counts-only" and "not a re-verification" in rep.detail


def test_ci_rewalks_every_verified_record():
    script = open(os.path.join(ROOT, ".ci", "run")).read()
    line = re.search(r"\n[^#\n]*exact replay[^\n]*", script)
    assert line and "--counts-only" not in line.group(0), script


CLAIMS = [c.id for c in all_claims()]


@pytest.mark.slow
@pytest.mark.parametrize("cid", CLAIMS)
def test_every_verified_verdict_is_rechecked_from_its_json(cid):
    """Each registered claim at its smallest default size: a verified record survives the full
    re-walk by the checker, a refuted one replays; nothing else is reported as verified."""
    c = get_claim(cid)
    size = min(c.default_sizes)
    v = check(c, sizes=[size], budget=120)
    rec = make_record(v, c)
    if v.kind == "verified":
        assert v.instances == v.total
        rep = replay(rec, full=True)
        assert rep.checked >= v.total
        count("verified verdicts re-walked by the checker from JSON")
    elif v.kind == "refuted":
        assert replay(rec).verdict == "refuted"
        count("refuted verdicts replayed from JSON")
    else:
        # inconclusive: a budget ran out, or no instance met the hypothesis at this size
        # (vacuous), or some instance stayed undecided; never a silent "verified"
        assert v.kind == "error" or v.kind == "inconclusive" and (
            v.instances < v.total or v.met == 0 or v.undecided), (v.kind, v.reason)
