"""Tests of exact identity proving and exact spot checks (exact.symbolic)."""

import json
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from exact import InputError, Q
from exact.symbolic import (Evaluation, Identity, evaluate, parse_expression, prove_identity,
                            rational_function, spot_check, spot_values)

x, y, z, q, phi = sympy.symbols("x y z q phi")
R = sympy.Rational


def _differ_at(lhs, rhs, witness):
    """Independent re-check of a witness with sympy (not the code under test)."""
    sub = {sympy.Symbol(k): R(int(v.p), int(v.q)) for k, v in witness.items()}
    a, b = lhs.subs(sub), rhs.subs(sub)
    assert a.is_Rational and b.is_Rational, (a, b)
    return a != b


# -- identities that hold ---------------------------------------------------------------------------

@pytest.mark.parametrize("lhs, rhs, method", [
    ((x + y) ** 2, x ** 2 + 2 * x * y + y ** 2, "polynomial"),
    (x ** 3 - y ** 3, (x - y) * (x ** 2 + x * y + y ** 2), "polynomial"),
    ((x + y + z) ** 3 - x ** 3 - y ** 3 - z ** 3, 3 * (x + y) * (y + z) * (z + x), "polynomial"),
    (R(1, 2) * (x + 1) ** 2 - R(1, 2), x ** 2 / 2 + x, "polynomial"),
    ((1 - q ** 2) / (1 - q), 1 + q, "rational-function"),            # removable singularity
    (1 / (x - 1) - 1 / (x + 1), 2 / (x ** 2 - 1), "rational-function"),
    (x / y + y / x, (x ** 2 + y ** 2) / (x * y), "rational-function"),
    ((x ** 4 - y ** 4) / ((x - y) * (x ** 2 + y ** 2)), x + y, "rational-function"),
    (1 / (1 / x + 1 / y), x * y / (x + y), "rational-function"),
    (sympy.Integer(3), Q(3), "polynomial"),
])
def test_true_identities(lhs, rhs, method):
    r = prove_identity(lhs, rhs)
    assert r.holds is True and bool(r)
    assert r.method == method
    assert r.residual == "0" and r.witness is None
    assert sympy.cancel(sympy.sympify(lhs) - sympy.sympify(rhs)) == 0     # oracle agrees


def test_lemma_6_derivative_identity():
    """c_allo'(q) = -n G(m-1; n-1, 1-q) (Erlanson-Kleiner, Appendix A.4, eq. (19)),
    recomputed here from the definitions for small n, m as a realistic workload."""
    def G(i, N, rho):
        return sum(sympy.binomial(N, j) * rho ** j * (1 - rho) ** (N - j) for j in range(i + 1))

    for n in range(2, 8):
        for m in range(1, n):
            c_allo = sum(min(i, m) * sympy.binomial(n, i) * (1 - q) ** i * q ** (n - i)
                         for i in range(1, n + 1))
            r = prove_identity(sympy.diff(c_allo, q), -n * G(m - 1, n - 1, 1 - q), ["q"])
            assert r.holds is True, (n, m, r)
            # a corrupted version (m instead of m - 1) is refuted with a witness
            bad = prove_identity(sympy.diff(c_allo, q), -n * G(m, n - 1, 1 - q), ["q"])
            assert bad.holds is False and _differ_at(sympy.diff(c_allo, q),
                                                     -n * G(m, n - 1, 1 - q), bad.witness)


# -- identities that fail --------------------------------------------------------------------------

@pytest.mark.parametrize("lhs, rhs", [
    ((x + y) ** 2, x ** 2 + y ** 2),
    (x ** 2, x),                                        # 0 and 1 are roots of the residual
    (x * (x - 1) * (x + 1) * (x - 2) + 1, sympy.Integer(1) + 0 * x),
    (1 / (x - 1) - 1 / (x + 1), 2 / (x ** 2 - 1) + x),
    ((x ** 2 - 1) / (x - 1), x),                        # the witness must avoid the pole x = 1
    (1 / (x * (x - 1) * (x + 1)), 1 / x ** 3),
    (x * y * z, x * y * z + (x - 1) * (y - 2) * (z + 3) * x * y * z),
    (q / (1 - phi) + phi, q),
])
def test_false_identities_have_witnesses(lhs, rhs):
    r = prove_identity(lhs, rhs)
    assert r.holds is False and not bool(r)
    assert r.witness is not None and set(r.witness) == {s.name for s in
                                                          (sympy.sympify(lhs) - rhs).free_symbols
                                                          | sympy.sympify(rhs).free_symbols
                                                          | sympy.sympify(lhs).free_symbols}
    assert _differ_at(lhs, rhs, r.witness)
    assert r.lhs_value != r.rhs_value
    # the witness values are the exact values of the two sides
    sub = {sympy.Symbol(k): R(int(v.p), int(v.q)) for k, v in r.witness.items()}
    assert sympy.sympify(lhs).subs(sub) == R(int(r.lhs_value.p), int(r.lhs_value.q))
    assert sympy.sympify(rhs).subs(sub) == R(int(r.rhs_value.p), int(r.rhs_value.q))
    # no pole: every denominator of either side is nonzero at the witness
    for side in (lhs, rhs):
        _, den = sympy.fraction(sympy.together(sympy.sympify(side)))
        assert den.subs(sub) != 0


def test_residual_is_the_canonical_numerator():
    r = prove_identity((x + y) ** 2, x ** 2 + y ** 2, ["x", "y"])
    assert r.residual == "2*x*y"
    r = prove_identity(1 / (x - 1), 1 / (x + 1), ["x"])
    # 1/(x-1) - 1/(x+1) = 2 / (x^2 - 1): numerator over a monic denominator
    assert r.residual == "2"
    r = prove_identity(x ** 3 / 3, x ** 2 / 2, ["x"])
    back = parse_expression(r.residual, ["x"])
    num, den = sympy.fraction(sympy.cancel(x ** 3 / 3 - x ** 2 / 2))
    lc = sympy.Poly(den, x).LC()
    assert sympy.expand(back - num / lc) == 0


def test_witness_is_simple_and_deterministic():
    r1 = prove_identity(x ** 2, x)
    r2 = prove_identity(x ** 2, x)
    assert r1 == r2
    assert r1.witness == {"x": -1}          # 0 and 1 are roots; -1 is the next simplest rational
    assert (r1.lhs_value, r1.rhs_value) == (1, -1)


def test_identity_record_json():
    r = prove_identity((x + 1) / 2, x / 2)
    d = r.to_json()
    assert json.loads(json.dumps(d)) == d
    assert d["holds"] is False and d["witness"] == {"x": 0}
    assert d["lhs_value"] == "1/2" and d["rhs_value"] == 0
    assert isinstance(r, Identity)
    with pytest.raises(Exception):
        r.holds = True                      # frozen


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 3), st.integers(0, 2)),
                min_size=1, max_size=5),
       st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 3), st.integers(0, 2)),
                min_size=1, max_size=4),
       st.booleans())
def test_agrees_with_sympy_cancel(num_terms, den_terms, perturb):
    """prove_identity agrees with sympy's cancel on random rational functions."""
    num = sum(c * x ** a * y ** b for c, a, b in num_terms)
    den = sum(c * x ** a * y ** b for c, a, b in den_terms)
    if den == 0:
        den = sympy.Integer(1)
    lhs = num / den
    rhs = sympy.expand(num) / sympy.expand(den) + (x - y) ** 2 * (1 if perturb else 0) / 7
    try:
        r = prove_identity(lhs, rhs, ["x", "y"])
    except InputError:
        return
    truth = sympy.cancel(sympy.together(lhs - rhs)) == 0
    assert r.holds is truth
    if not truth:
        assert _differ_at(lhs, rhs, r.witness)


# -- outside the fragment -----------------------------------------------------------------------

def test_sqrt_is_undecided_never_true():
    r = prove_identity(sympy.sqrt(x) ** 2, x)          # sympy already simplifies this to x
    assert r.holds is True
    r = prove_identity(sympy.sqrt(x * y), sympy.sqrt(x) * sympy.sqrt(y))
    assert r.holds is None and r.method == "undecided" and not bool(r)
    assert "sqrt" in r.reason
    r = prove_identity(sympy.exp(x) * sympy.exp(y), sympy.exp(x + y))
    assert r.holds is None and r.method == "undecided"


def test_false_identity_outside_fragment_refuted_by_certified_point():
    r = prove_identity(sympy.sqrt(x ** 2 + 1), x + 1)
    assert r.holds is False and r.method == "point-evaluation"
    sub = {x: R(int(r.witness["x"].p), int(r.witness["x"].q))}
    diff = (sympy.sqrt(x ** 2 + 1) - x - 1).subs(sub)
    assert diff.evalf(50) != 0 and abs(diff.evalf(50)) > 1e-6
    r = prove_identity(sympy.Min(x, 1 - x), x)
    assert r.holds is False
    assert sympy.Min(x, 1 - x).subs(x, r.witness["x"]) != r.witness["x"]


@pytest.mark.parametrize("lhs, rhs, field, match", [
    (sympy.Float("0.5") * x, x / 2, "lhs", "float"),
    (x, 0.5, "rhs", "floats are not exact"),
    ("x + 1 +", x + 1, "lhs", "position 8: unexpected end"),
    ("x + y", "x", "lhs", "unknown name 'y'"),
    (x + y, x, "symbols", "contains y"),
])
def test_bad_input(lhs, rhs, field, match):
    with pytest.raises(InputError, match=match) as err:
        prove_identity(lhs, rhs, ["x"])
    assert err.value.field == field


def test_text_goes_through_the_safe_parser():
    r = prove_identity("(1 - q^2)/(1 - q)", "1 + q", ["q"])
    assert r.holds is True and r.method == "rational-function"
    r = prove_identity("m - n*q*phi", "m - n*q", ["q", "phi", "m", "n"])
    assert r.holds is False and _differ_at(parse_expression("m - n*q*phi", "q phi m n".split()),
                                           parse_expression("m - n*q", "q phi m n".split()),
                                           r.witness)
    with pytest.raises(InputError, match="rhs: position 1: unknown function '__import__'"):
        prove_identity("q", "__import__('os')", ["q"])
    assert spot_check("sqrt(q)^2", "q", ["q"]) is None


def test_constants():
    assert prove_identity(sympy.Integer(1), R(2, 2)).holds is True
    r = prove_identity(sympy.Integer(1), R(1, 2))
    assert r.holds is False and r.witness == {} and (r.lhs_value, r.rhs_value) == (1, Q(1, 2))


def test_same_name_different_symbols_refused():
    with pytest.raises(InputError, match="two different symbols are named 'q'"):
        prove_identity(sympy.Symbol("q", positive=True), q)


def test_degree_guard():
    with pytest.raises(InputError, match="total degree above 50"):
        prove_identity((x + 1) ** 64, x, max_degree=50)


def test_rational_function_lowest_terms():
    num, den = rational_function((x ** 2 - y ** 2) / (2 * x + 2 * y), ["x", "y"])
    assert str(num) == "1/2*x - 1/2*y" and den.is_one()


# -- exact evaluation and spot checks ----------------------------------------------------------

def test_evaluate_exact():
    assert evaluate((1 - q) ** 2 / 2, {"q": "1/3"}) == Q(2, 9)
    assert evaluate(q * phi, {"q": Fraction(1, 2), "phi": 3}) == Q(3, 2)
    assert evaluate(sympy.sqrt(q), {"q": 2}) == sympy.sqrt(2)
    with pytest.raises(InputError, match="undefined"):
        evaluate(1 / (q - 1), {"q": 1})
    with pytest.raises(InputError, match="no value for phi"):
        evaluate(q * phi, {"q": 1})
    with pytest.raises(InputError, match=r"point\[q\]"):
        evaluate(q, {"q": 0.5})


def test_spot_check_agreement_and_reproducibility():
    lhs, rhs = (1 - q ** 2) / (1 - q), 1 + q
    assert spot_check(lhs, rhs, ["q"], points=30) is None
    vals = spot_values(lhs, rhs, ["q"], points=30, seed=7)
    assert len(vals) == 30 and all(v.equal is True and v.how == "exact" for v in vals)
    assert all(0 <= v.point["q"] <= 1 and v.point["q"] != 1 for v in vals)
    assert vals == spot_values(lhs, rhs, ["q"], points=30, seed=7)
    assert vals != spot_values(lhs, rhs, ["q"], points=30, seed=8)


def test_spot_check_avoids_poles():
    vals = spot_values(1 / (2 * q - 1), 1 / (2 * q - 1), ["q"], points=50, domain=(0, 1),
                       max_den=2)
    assert all(v.point["q"] != Q(1, 2) for v in vals) and vals


def test_spot_check_finds_disagreement():
    ev = spot_check(x * (1 - x), x - x ** 2 + x ** 3 / 1000, ["x"], domain=("1/10", "9/10"))
    assert isinstance(ev, Evaluation) and ev.equal is False
    assert ev.lhs != ev.rhs and ev.how == "exact"
    assert Q(1, 10) <= ev.point["x"] <= Q(9, 10)
    d = ev.to_json()
    assert json.loads(json.dumps(d)) == d


def test_spot_check_irrational_values():
    # equal algebraic values: decided by the exact minimal polynomial
    vals = spot_values(sympy.sqrt(2 * x) * sympy.sqrt(x), sympy.sqrt(2) * x, ["x"], points=5)
    assert all(v.equal is True for v in vals) and vals
    # different transcendental values: a rigorous ball excludes 0
    ev = spot_check(sympy.exp(x), 1 + x + x ** 2 / 2, ["x"], domain=(1, 2))
    assert ev is not None and ev.how == "ball"
    # equal transcendental values that sympy does not simplify: undecided, never "different"
    vals = spot_values(sympy.log(2 * x), sympy.log(2) + sympy.log(x), ["x"], points=5)
    assert vals and all(v.equal in (True, None) for v in vals)


def test_spot_check_per_symbol_domains():
    vals = spot_values(x + y, y + x, ["x", "y"], points=10, domain={"x": (0, 1), "y": (5, 6)})
    assert all(0 <= v.point["x"] <= 1 and 5 <= v.point["y"] <= 6 for v in vals)
    with pytest.raises(InputError, match="no interval for y"):
        spot_values(x + y, y + x, ["x", "y"], domain={"x": (0, 1)})
    with pytest.raises(InputError, match=r"domain\[x\]: empty interval"):
        spot_values(x, x, ["x"], domain=(1, 0))


def test_unicode_symbol_names():
    """flint's generator names are ASCII; the paper's Greek letters still work end to end."""
    f = sympy.Symbol("φ")
    r = prove_identity((q + f) ** 2, q ** 2 + f ** 2, ["q", "φ"])
    assert r.holds is False and r.residual == "2*q*φ" and r.witness == {"q": 1, "φ": 1}
    assert parse_expression(r.residual, ["q", "φ"]) == 2 * q * f
    assert prove_identity("(q + φ)^2 - φ^2", "q*(q + 2*φ)", ["q", "φ"]).holds is True


@pytest.mark.timeout(30)
def test_hostile_expansions_are_refused_before_computing():
    e = parse_expression("((q + x + y)^64)^64", ["q", "x", "y"])          # degree 4096
    with pytest.raises(InputError, match="more than 2000000 terms"):
        prove_identity(e, 1, ["q", "x", "y"])
    e = parse_expression("((q + 1)^64)^64", ["q"])                        # univariate: fine
    assert prove_identity(e, sympy.expand((q + 1) ** 64) ** 64, ["q"]).holds is True
