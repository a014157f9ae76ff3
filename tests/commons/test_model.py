"""The commons model pieces against the note's numbers (A.4), recomputed by the code."""

import pytest
import sympy

from exact import InputError
from exact.algebraic import RealAlgebraic
from exact.numbers import Q
from exact.symbolic import prove_identity
from proofs.commons import convolution as cv
from proofs.commons.economy import E6, E9, proposition_6
from proofs.commons.example1 import dual_segment_point, is_supgradient, lp_payoff
from proofs.commons.families import FAMILIES, family, steady_values
from proofs.commons.jets import decide, jet_form, jet_symbol
from proofs.commons.paths import E7, E10, LQ
from proofs.commons.steady import scalar_steady_states

x, q = sympy.symbols("x q", positive=True)


# -- jets -------------------------------------------------------------------------------------

def test_jets_of_a_composition_use_the_chain_rule():
    a, b = sympy.symbols("a b")
    f, h = sympy.Function("f"), sympy.Function("h")
    e = jet_form(sympy.diff(f(a, h(a, b)), a))
    fa = jet_symbol(f, (1, 0), (a, jet_symbol(h, (0, 0), (a, b))))
    fb = jet_symbol(f, (0, 1), (a, jet_symbol(h, (0, 0), (a, b))))
    assert prove_identity(e, fa + fb * jet_symbol(h, (1, 0), (a, b)))


def test_jets_refute_with_a_witness_and_refuse_ambiguous_slots():
    a = sympy.Symbol("a")
    f = sympy.Function("f")
    r = decide("product rule with a wrong sign", sympy.diff(a * f(a), a),
               f(a) - a * sympy.diff(f(a), a))
    assert r["holds"] is False and r["lhs_value"] != r["rhs_value"]
    with pytest.raises(InputError, match="slot"):
        jet_form(sympy.Derivative(f(a, a), a))


# -- families (note A.4 catalogue) -------------------------------------------------------------

NOTE_STEADY = {"logistic": (Q(2, 5), Q(6, 25)), "beverton-holt": (1, Q(5, 4)),
               "gompertz": (1, 2), "power-log": (1, 3), "linear-quadratic": (Q(9, 5), Q(4, 5)),
               "stock-cost": (Q(1, 2), Q(1, 4))}


@pytest.mark.parametrize("fam", FAMILIES, ids=lambda f: f.key)
def test_family_instance_matches_the_note(fam):
    v = steady_values(fam)
    assert (v["x*"], v["q*"]) == NOTE_STEADY[fam.key]


def test_family_prices_and_derived_parameters():
    assert steady_values(family("beverton-holt"))["R"] == Q(9, 2)
    assert steady_values(family("power-log"))["lambda*"] == Q(1, 3)
    assert steady_values(family("linear-quadratic"))["lambda*"] == Q(6, 5)
    sc = steady_values(family("stock-cost"))
    assert (sc["rho"], sc["lambda*"]) == (Q(1, 4), Q(1, 2))


def test_stock_cost_parametrisation_is_the_closed_form():
    m = sympy.Symbol("m", positive=True)
    rho = (3 - m**2) / (2 * m)
    # x* = (sqrt(rho^2 + 3) - rho)/3 = m/3  <=>  (m + rho)^2 = rho^2 + 3 with m + rho > 0
    assert prove_identity((m + rho)**2, rho**2 + 3, [m])


# -- exact steady states (E8, E12) --------------------------------------------------------------

@pytest.mark.parametrize("rho,digits", [(0, "0.57735"), (Q(1, 10), "0.54498"),
                                        (Q(1, 4), "0.50000"), (Q(1, 2), "0.43426"),
                                        (1, "0.33333"), (2, "0.21525")])
def test_e8_table(rho, digits):
    (st,) = scalar_steady_states(x * (1 - x), q - q**2 / (2 * x), x, q, rho, (0, 1))
    r = sympy.Rational(int(Q(rho).p), int(Q(rho).q))
    assert st.x == RealAlgebraic.from_sympy((sympy.sqrt(r**2 + 3) - r) / 3)
    assert st.x.digits(5) == digits and st.lam == st.x        # lambda* = x* (note E8)


def test_e12_two_roots_and_logistic_boundary():
    sts = scalar_steady_states(x**2 * (1 - x), sympy.log(q), x, q, Q(1, 4), (0, 1))
    assert [(s.x, s.q) for s in sts] == [(Q(1, 6), Q(5, 216)), (Q(1, 2), Q(1, 8))]
    # logistic without stock effect and rho >= r: no interior steady state (note A5.4)
    assert scalar_steady_states(x * (1 - x), sympy.log(q), x, q, 1, (0, 1)) == []


def test_steady_states_refuse_non_rational_data():
    with pytest.raises(InputError, match="rational function"):
        scalar_steady_states(x * sympy.exp(-x), sympy.log(q), x, q, Q(1, 5), (0, 1))


# -- sup-convolution (E3, E3b, E5, A2.2) ---------------------------------------------------------

def test_e3_and_e3b():
    e3 = [cv.QuadraticAgent(1, 1), cv.QuadraticAgent(Q(6, 5), 2)]
    assert cv.water_fill(e3, 1, Q(6, 25)) == (Q(68, 75), [Q(7, 75), Q(11, 75)])
    assert cv.convolution_value(e3, 1, Q(6, 25))[0] == Q(913, 3750)
    e3b = [cv.QuadraticAgent(1, 1), cv.QuadraticAgent(Q(1, 2), 1)]
    assert cv.water_fill(e3b, 1, Q(1, 4)) == (Q(3, 4), [Q(1, 4), 0])
    assert cv.supgradients(e3b[1], 1, 0) == (Q(1, 2), None)            # [1/2, inf) contains 3/4


def test_core_inequalities_hold_for_any_price_but_balance_needs_the_right_one():
    e3 = [cv.QuadraticAgent(1, 1), cv.QuadraticAgent(Q(6, 5), 2)]
    rights = [Q(3, 25), Q(3, 25)]
    assert cv.core_violations(e3, 1, rights, Q(68, 75)) == []
    bad = cv.core_violations(e3, 1, rights, Q(68, 75) + Q(1, 10))
    assert [b["coalition"] for b in bad] == [[0, 1]]


def test_aggregate_closed_form_of_e9_is_the_notes():
    note = sympy.Rational(5, 4) * q - q**2 / (4 * x) + x / 16
    assert prove_identity(E9.aggregate(), note, [x, q])
    assert prove_identity(E9.aggregate(), E9.closed_form(), [x, q])


def test_ray_convolution():
    f1, f2 = cv.RayStep((1, 0), 1, 0), cv.RayStep((0, 1), 1, 0)
    assert cv.ray_convolution(f1, f2, (0, 0)) == 2
    assert cv.ray_convolution(f1, f2, (1, 1)) == 0
    assert cv.ray_convolution(f1, f2, (2, 0)) is None
    g1 = cv.RayStep((1, 0), 1, 0)
    assert cv.ray_convolution(f1, g1, (1, 0)) == 1                     # split (1, 0) + (0, 0)
    assert cv.quasiconcavity_violation(f1, g1) is None


@pytest.mark.parametrize("make, field", [(lambda: cv.QuadraticAgent(1, 0), "b"),
                                         (lambda: cv.RayStep((0, 0), 1, 0), "d"),
                                         (lambda: cv.water_fill([cv.QuadraticAgent(1, 1)], 1, -1),
                                          "total"),
                                         (lambda: cv.QuadraticAgent("x", 1), "a"),
                                         (lambda: LQ(2, 1, 2, 1, 1, 1), "delta")])
def test_bad_data_names_the_field(make, field):
    with pytest.raises(InputError) as exc:
        make()
    assert exc.value.field == field


# -- paths (E7, E10) and Example 1 (E1) -----------------------------------------------------------

def test_e10_and_e7_closed_forms():
    assert E10.v2 == Q(16, 9) and E10.policy_slope == Q(1, 2)
    assert sympy.expand(E10.value_function - (sympy.Rational(182, 25) + sympy.Rational(24, 5) *
                                              sympy.Symbol("x") - sympy.Rational(8, 9) *
                                              sympy.Symbol("x")**2)) == 0
    assert E10.steady_state == {"x*": Q(9, 5), "q*": Q(4, 5), "lambda*": Q(6, 5)}
    assert E10.argmax_V() == Q(27, 10) and E10.V(Q(27, 10)) == Q(344, 25)
    assert E7.steady_state == {"x*": 1, "q*": 3, "lambda*": Q(1, 3)}


def test_example_1_lp_values_and_dual_segment():
    assert lp_payoff((4, 6)) == (Q(48, 5), [Q(8, 5), Q(6, 5)])
    assert lp_payoff((2, 6))[0] == 6
    assert lp_payoff((-1, 6)) == (None, None)
    for s in (0, Q(1, 5), Q(2, 5)):
        assert is_supgradient(dual_segment_point(s), (2, 6))
    assert not is_supgradient((Q(31, 10), 0), (2, 6))
    assert not is_supgradient(dual_segment_point(Q(1, 2)), (2, 6))


# -- Prop. 6 at E6 and E9 ---------------------------------------------------------------------------

def test_e6_and_e9_take_home_payments():
    v6 = proposition_6(E6)["values"]
    assert v6["take-home kappa_i"] == [Q(1273, 11250), Q(733, 5625)]
    assert v6["capital value of rights q* r_i / (1 - delta)"] == [Q(408, 625)] * 2
    v9 = proposition_6(E9)["values"]
    assert E9.rho == Q(137, 380) and v9["lambda*"] == Q(19, 20)
    assert v9["split q_i"] == [Q(1, 50), Q(11, 50)]
    assert v9["take-home kappa_i"] == [Q(153, 2000), Q(17, 80)]
    assert v9["pi(x*, q*)"] == Q(289, 1000)
    aut = [cv.autarky(E9.agents, Q(2, 5), v9["rights"], (i,)) for i in range(2)]
    assert aut == [Q(9, 125), Q(26, 125)]


@pytest.mark.parametrize("module", ["proofs.commons.jets", "proofs.commons.user"])
def test_doctests(module):
    import doctest
    import importlib
    res = doctest.testmod(importlib.import_module(module))
    assert res.failed == 0 and res.attempted > 0
