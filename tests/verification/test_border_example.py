"""Border-type lemmas (max-flow vs enumeration), Example 1 golden values and errata."""

import random

import sympy

from exact.numbers import Q
from proofs.verification import border, example1
from proofs.verification.example1 import t
from proofs.verification.generators import make_lemma_5


def test_footnote_11_numbers():
    mk = border.footnote_11()
    bad = border.violated_sets(mk)
    assert [(E, lhs, rhs) for E, lhs, rhs in bad] == [
        ((frozenset({0}), frozenset({1})), Q(3, 8), Q(1, 4))]
    assert border.lemma_5_flow(mk)["feasible"] is False


def test_lemma_5_flow_matches_enumeration_and_rules_check():
    kinds = set()
    for seed in range(30):
        mk = make_lemma_5(2, random.Random(seed))
        res = border.lemma_5_flow(mk)
        kinds.add(res["feasible"])
        assert res["feasible"] == (not border.violated_sets(mk))
        if res["feasible"]:
            assert border.check_rule(mk, res["rule"]) is None
            t0 = next(iter(res["rule"]))
            tampered = dict(res["rule"])
            tampered[t0] = {i: v / 2 + Q(1, 7) for i, v in res["rule"][t0].items()}
            if tampered[t0]:
                assert border.check_rule(mk, tampered) is not None
        else:
            assert res["lhs"] > res["rhs"]
    assert kinds == {True, False}          # both outcomes were exercised


def test_example_1_golden_values():
    quint = example1.foc_quintic().as_expr()
    x = sympy.Symbol("x")
    assert sympy.expand(quint - (x**5 - 6*x**4 + 12*x**3 - 8*x**2 - 16*x + 8)) == 0
    assert example1.phi_star().digits(5) == "0.34764"                # paper
    # note: 0.347644426880308716, truncated (digits() rounds: ...717); checked exactly
    assert Q(347644426880308716, 10**18) < example1.phi_star() < Q(347644426880308717, 10**18)
    # phi* = phi(gamma_3*) by exact arithmetic has the resultant's minimal polynomial
    want = [int(c) for c in reversed(example1.phi_star_minpoly().all_coeffs())]
    assert list(example1.phi_star().minpoly.coeffs()) == want
    assert example1.payoff_star(3) == "1.223"                        # paper
    assert example1.payoff_star(10) == "1.2230683065"                # note
    assert example1.V_rational(Q(1, 3)) == Q(39, 32)
    assert example1.V_rational(Q(2, 3)) == 1                         # random allocation


def test_proposition_2_identity_and_a8_sign_erratum():
    for F in (t, t**2, sympy.sqrt(t)):
        assert example1.foc_identity(F) == 0
    assert sympy.simplify(example1.a8_display_residual(t)
                          - 2 * example1.g3 * (1 - example1.g3)) == 0


def test_uniform_audit_gain_is_positive():
    gain, simple = example1.uniform_audit_gain()
    assert sympy.expand(simple - (1 - example1.g)**2 / 6) == 0
    s = example1.gamma3_star()
    assert Q(499, 10000) < s.apply(sympy.Poly(simple, example1.g)) < Q(5, 100)


def test_lemma_10_overshoot_is_exact_and_positive():
    assert example1.lemma_10_overshoot(Q(28, 81), Q(2, 5)) > 0
    assert example1.lemma_10_overshoot(Q(28, 81), Q(1, 3)) == 0   # g = gamma_1: no overshoot


def test_lemma_10_reduced_family_exact_signs():
    from proofs.verification.lemma10 import algebraic_sign, reduced_family_max
    res = reduced_family_max(Q(17, 50))
    # the note's values: without C^ic -0.0758... at gamma_1 and 0 at gamma_3; with C^ic 0 and -0.1355...
    assert res["[g, gamma_3]"]["signs"] == {"gamma_1": -1, "gamma_3": 0}
    assert res["C^ic u [g, gamma_3]"]["signs"] == {"gamma_1": 0, "gamma_3": -1}
    assert algebraic_sign(sympy.sqrt(2) - sympy.Rational(141421, 100000)) == 1
    assert algebraic_sign(sympy.cbrt(2) ** 3 - 2) == 0


def test_lemma_12_inequality_on_lemma_11_family():
    from proofs.verification.lemma10 import audit_family_max
    res = audit_family_max(Q(17, 50))
    assert res["max_le_0"] and res["signs"]["gamma_3"] == 0   # equality at E = [gamma_1, 1]
    assert res["signs"]["critical point"] == -1
