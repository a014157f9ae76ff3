"""Envelope regions, Lemma 7 and its erratum, algebraic cut-offs."""

import sympy
from flint import fmpz_poly

from exact.algebraic import RealAlgebraic
from exact.numbers import Q
from proofs.verification import example1, regions


def test_lemma_7_inverts_at_73_200_with_an_exact_witness():
    case, pred = regions.lemma_7_prediction(3, 2, 1, Q(73, 200))
    assert case == "2.b"
    bad = regions.disagreement(3, 2, 1, Q(73, 200), pred)
    assert bad["q"] == Q(3, 7) and bad["predicted_label"] == "ic" and bad["binding"] == ["allo"]
    assert bad["true_pattern"] == "ic allo"
    # the witness by hand: c^allo(3/7) < c^ic(3/7)
    from proofs.verification.capacity import c_allo, c_ic
    assert c_allo(3, 2, Q(3, 7)) == Q(524, 343) < c_ic(3, 2, Q(73, 200), Q(3, 7))


def test_corrected_lemma_7_agrees_where_the_original_fails():
    for ph in (Q(73, 200), Q(17, 50), Q(3, 8), Q(1, 2), Q(1, 4)):
        _, pred = regions.corrected_prediction(3, 2, 1, ph)
        assert regions.disagreement(3, 2, 1, ph, pred) is None


def test_example_1_cutoffs_at_17_50_are_exact_algebraic_numbers():
    rs = regions.runs(3, 2, 1, Q(17, 50))
    assert regions.pattern(rs) == "ic aud allo"
    cut = regions.cutoffs(rs)
    g1 = cut["gamma_1"]
    # gamma_1^3 = 3 phi - 1 = 1/50  (note: gamma_1 = (3 phi - 1)^(1/3))
    assert g1.minpoly == fmpz_poly([-1, 0, 0, 50])                    # 50 x^3 - 1
    assert g1 == sympy.Rational(1, 50) ** sympy.Rational(1, 3)        # exact, against sympy
    assert Q(2714417616, 10**10) < g1 < Q(2714417617, 10**10)        # 0.2714417616... (truncated)
    assert cut["gamma_2"] == g1 and cut["gamma_3"] > g1


def test_triple_point_and_phi_bar():
    qstar, phat = example1.triple_point()
    assert phat.minpoly == fmpz_poly([-14, 36, 9])               # 9 x^2 + 36 x - 14
    assert phat == (5 * sympy.sqrt(2) - 6) / 3 and phat.digits(9) == "0.357022604"
    assert qstar.minpoly == fmpz_poly([-1, 2, 1])                # x^2 + 2 x - 1
    assert qstar == sympy.sqrt(2) - 1
    assert example1.phi_bar() == Q(3, 8)


def test_interior_roots_are_exact_and_respect_open_ends():
    r2 = regions.interior_roots([-2, 0, 1], 0, 2)[0]               # sqrt 2
    r3 = regions.interior_roots([-3, 0, 0, 1], 0, 2)[0]            # 3^(1/3)
    assert r2 < r3 and r2 > Q(1414213, 1000000)
    assert r2 == regions.interior_roots([-4, 0, 2], 0, 2)[0]
    # x (x - 1) (2x - 1): the end points 0 and 1 are dropped unless the side is closed
    p = [0, 1, -3, 2]
    assert [r.value for r in regions.interior_roots(p)] == [Q(1, 2)]
    assert [r.value for r in regions.interior_roots(p, open_left=False)] == [0, Q(1, 2)]


def test_between_is_the_simplest_rational_whatever_the_intervals():
    # the sample point depends on the two numbers only: a fresh and a refined copy agree
    a = regions.interior_roots([-1, 0, 0, 12])[0]                 # 12^(-1/3) = 0.43679...
    b = RealAlgebraic.from_rational(Q(1, 2))
    fresh = regions.between(RealAlgebraic.from_rational(Q(2, 5)), a)
    a.refine(bits=200)
    assert regions.between(RealAlgebraic.from_rational(Q(2, 5)), a) == fresh
    assert fresh == Q(3, 7) and regions.between(a, b) == Q(4, 9)


def test_corollary_1_pattern_rejects_wrong_orders():
    assert regions.COROLLARY_1.fullmatch("ic aud allo")
    assert not regions.COROLLARY_1.fullmatch("aud ic")
    assert not regions.COROLLARY_1.fullmatch("allo ic")


def test_saved_numbers_do_not_depend_on_the_refinement_history():
    r = regions.interior_roots([-1, 0, 0, 12])[0]                 # 12^(-1/3)
    saved = regions.number_json(r)
    r.refine(bits=500)
    assert regions.number_json(r) == saved
    # the saved interval isolates the number: it reads back as the same RealAlgebraic
    lo, hi = (Q(*map(int, v.split("/"))) for v in saved["interval"])
    assert hi - lo <= Q(1, 2**64)
    assert RealAlgebraic([int(c) for c in reversed(saved["poly"])], lo, hi) == r
