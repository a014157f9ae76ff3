"""Envelope regions, Lemma 7 and its erratum, algebraic cut-offs."""

import sympy

from exact.numbers import Q
from proofs.verification import example1, regions
from proofs.verification.algebraic import X, roots_in


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
    assert g1.poly == sympy.Poly(50 * X**3 - 1, X, domain="ZZ")
    assert g1.digits(10) == "0.2714417616"
    assert cut["gamma_2"].compare(g1) == 0 and cut["gamma_3"] > g1


def test_triple_point_and_phi_bar():
    qstar, phat = example1.triple_point()
    assert phat.poly == sympy.Poly(9 * X**2 + 36 * X - 14, X, domain="ZZ")
    assert phat.digits(9) == "0.357022603"                       # (5 sqrt 2 - 6)/3
    assert qstar.poly == sympy.Poly(X**2 + 2 * X - 1, X, domain="ZZ")   # sqrt 2 - 1
    assert example1.phi_bar().compare(sympy.Rational(3, 8)) == 0


def test_algebraic_comparison_is_exact():
    r2 = roots_in(sympy.Poly(X**2 - 2, X), 0, 2)[0]
    r3 = roots_in(sympy.Poly(X**3 - 3, X), 0, 2)[0]
    assert r2 < r3 and r2.compare(sympy.Rational(1414213, 1000000)) > 0
    assert r2.compare(roots_in(sympy.Poly(2 * X**2 - 4, X), 0, 2)[0]) == 0


def test_corollary_1_pattern_rejects_wrong_orders():
    assert regions.COROLLARY_1.fullmatch("ic aud allo")
    assert not regions.COROLLARY_1.fullmatch("aud ic")
    assert not regions.COROLLARY_1.fullmatch("allo ic")
