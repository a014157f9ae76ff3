"""Lemma 7's cases for every phi (exact event decomposition) and the 2.a branch exercised."""

import sympy
from flint import fmpz_poly

from exact import check
from exact.numbers import Q
from proofs.verification import cases, regions
from proofs.verification.regions import Envelope


def test_example_1_intervals_are_exact():
    iv = cases.intervals(3, 2, 1)
    assert [x.pattern for x in iv] == ["aud allo", "ic aud allo", "ic allo"]
    assert [x.case for x in iv] == ["1", "2.b", "3"]
    assert iv[1].lo == Q(1, 3)
    # the window ends at the triple point phi-hat = (5 sqrt 2 - 6)/3, a root of 9x^2 + 36x - 14
    assert iv[1].hi.minpoly == fmpz_poly([-14, 36, 9])
    assert iv[1].hi == (5 * sympy.sqrt(2) - 6) / 3
    # ... which is a root of the resultant of c^ic - c^aud and c^ic - c^allo (all three meet)
    res = cases.event_polys(3, 2, 1)["res H K"]
    assert iv[1].hi.sign_at(res) == 0


def test_window_points_lie_inside_the_window_and_are_in_case_2b():
    for n, m, k in ((3, 2, 1), (5, 3, 2), (6, 4, 3)):
        (win,) = cases.window(n, m, k)
        pts = cases.window_points(n, m, k, 5)
        assert len(set(pts)) == 5 and pts == sorted(pts)
        assert all(win.lo < p < win.hi for p in pts)
        assert {cases.case_of(n, m, k, p) for p in pts} == {"2.b"}


def test_case_2a_never_occurs_for_any_phi_small_n():
    v = check("verification/corollary-1-no-middle-allo", sizes=[3, 4, 5, 6])
    assert v.kind == "verified" and v.instances == 1 + 3 + 6 + 10


def test_corrected_lemma_7_branch_2a_on_a_synthetic_envelope():
    # the paper's functions never reach case 2.a; this triple does: ic below until 1/5, then
    # allo, aud dips below allo on (2/5, 3/5), allo again; aud(0) > ic(0) (phi > (m-k)/n)
    q = sympy.Symbol("q")
    allo = 2 - sympy.Rational(4, 5) * q - q**2
    env = Envelope.from_exprs({"ic": 2 - q, "allo": allo,
                               "aud": allo + (q - sympy.Rational(2, 5)) * (q - sympy.Rational(3, 5))})
    assert regions.pattern(regions.envelope_runs(env)) == "ic allo aud allo"
    case, pred = regions.envelope_corrected(env)
    assert case == "2.a"
    assert [(lab, a, b) for lab, a, b in pred] == [
        ("ic", 0, Q(1, 5)), ("allo", Q(1, 5), Q(2, 5)), ("aud", Q(2, 5), Q(3, 5)), ("allo", Q(3, 5), 1)]
    assert regions.envelope_disagreement(env, pred) is None
    # the paper's 2.a (C^ic = [0, z2], z2 = 3/10 where c^ic = c^aud) is wrong on (1/5, 3/10)
    pcase, ppred = regions.envelope_lemma_7(env)
    bad = regions.envelope_disagreement(env, ppred)
    assert pcase == "2.a" and bad is not None and Q(1, 5) < bad["q"] < Q(3, 10)
    assert bad["predicted_label"] == "ic" and bad["binding"] == ["allo"]


def test_per_case_claims_split_the_grid():
    from proofs.verification.domains import CaseGridDomain
    for cid, upper in (("verification/lemma-7-corrected", False), ("verification/corollary-1", True)):
        every = CaseGridDomain(sizes=(3, 4, 5, 6, 7), from_lower=upper)
        total = every.count(3) + every.count(4)
        counts = []
        for c in ("1", "2b", "3"):
            v = check(f"{cid}-case-{c}", sizes=[3, 4])
            assert v.kind == "verified" and v.met == v.instances > 0
            counts.append(v.instances)
        assert sum(counts) == total                 # every phi is in exactly one case
        assert counts[1] == max(counts)             # most of the grid is in the case-2.b window
