"""The continuous model for general (n, m, k) and F = t^a: the note's tables, recomputed."""

import pytest

from exact import check
from exact.numbers import Q, parse_q
from proofs.verification import continuous, example1, examples
from proofs.verification.continuous import Power


def test_example_1_two_independent_derivations_agree():
    opt = continuous.optimum(3, 2, 1, Power(1))
    # example1 eliminates with Example 1's closed forms; continuous with the general FOC
    assert opt["phi_star"] == example1.phi_star()
    assert opt["w3"] == example1.gamma3_star()
    assert opt["phi_star"].minpoly == example1.phi_star().minpoly
    assert continuous.rounds_to(opt["payoff"], "1.2230683065")


def test_phi_star_maximises_V_not_only_the_foc():
    for n, m, k, a in ((3, 2, 1, 1), (4, 3, 2, "1/2"), (3, 2, 1, 2)):
        F = Power(a)
        opt = continuous.optimum(n, m, k, F)
        lo, hi = opt["bracket"]
        assert continuous.V_prime_sign(n, m, k, lo, F) == 1
        assert continuous.V_prime_sign(n, m, k, hi, F) == -1
        assert lo < opt["phi_star"] < hi
        best = opt["payoff"]
        for ph in (lo, hi, Q(m - k, n), (lo + hi) / 2):
            assert best > continuous.V_value(n, m, k, ph, F)


def test_appendix_4_2_table_exactly():
    rows = [r for r in examples.APPENDIX_4_2 if r[3] != "3"]
    rep = examples.appendix_4_2(rows)
    assert all(c == "yes" for row in rep.values["agreement"] for c in row)


@pytest.mark.slow
def test_appendix_4_2_t_cubed_row():
    rep = examples.appendix_4_2([r for r in examples.APPENDIX_4_2 if r[3] == "3"])
    assert all(c == "yes" for c in rep.values["agreement"][0])


def test_note_8_row_table():
    rep = examples.continuous_examples()
    agree = rep.values["agreement"]
    # every payoff column agrees with the note to the printed digits ...
    assert all(c == "yes" for row in agree for c in row[1:])
    # ... the phi* column is float quadrature: only (4, 3, 1) rounds right, the rest are off by
    # at most 2.5e-7 (e.g. Example 1: 0.3476446 printed, exact 0.34764443 as in the appendix)
    assert [row[0] == "yes" for row in agree] == [False, False, True] + [False] * 5
    for (a, n, m, k, printed, *_rest) in examples.NOTE_CONTINUOUS:
        ph = continuous.optimum(n, m, k, Power(a))["phi_star"]
        assert parse_q(printed) - Q(26, 10**8) < ph < parse_q(printed) + Q(26, 10**8)


def test_discretisation_table():
    rep = examples.discretisation(Ls=(2, 3, 4, 6, 8, 10, 12), certify_up_to=3)
    for L, exact_value, digits, phis, how, printed, printed_phi in rep.values["rows"]:
        assert digits == printed and phis == printed_phi, L
        assert how != "MISMATCH"
    assert rep.values["rows"][0][1] == "19/16"


def test_random_allocation_and_first_best_from_the_model():
    F = Power(1)
    assert continuous.constant_rule_payoff(3, Q(2, 3), F) == 1 == continuous.V_upper(3, 2, F)
    assert continuous.constant_rule_payoff(3, Q(1, 3), F) == Q(1, 2)
    assert continuous.first_best(3, 2, F) == Q(5, 4)
    assert continuous.first_best(5, 3, Power(3)) == Q(537, 208)       # appendix 2.581730769


def test_algebraic_helpers():
    from exact.algebraic import real_roots
    two = real_roots([-2, 0, 1])[1]                                   # sqrt 2
    assert continuous.nth_root(two, 2) ** 4 == 2
    from flint import fmpq_poly
    x = fmpq_poly([0, 1])
    # (sqrt2 + 1) / (sqrt2 - 1) = 3 + 2 sqrt 2
    v = continuous.field_value(two, x + 1, x - 1)
    assert v == two.apply(2 * x + 3)


def test_proposition_2_formula_catches_the_a8_display():
    from proofs.verification.claims_continuous import FORMULA, formula_check
    inst = next(iter(FORMULA.instances(1)))
    lo, hi = formula_check(inst)
    assert lo >= 0 >= hi
    lo, hi = formula_check(inst, a8_display=True)
    assert not (lo >= 0 >= hi)


def test_every_optimum_claim():
    v = check("verification/proposition-2-every-optimum")
    assert v.kind == "verified" and v.met == v.instances == 10
