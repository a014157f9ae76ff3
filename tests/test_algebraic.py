"""Tests of real algebraic numbers (exact.algebraic); sympy's evalf is the oracle for digits."""

from fractions import Fraction

import pytest
import sympy
from flint import fmpq_poly, fmpz_poly
from hypothesis import given, settings
from hypothesis import strategies as st

from exact import InputError, Q, parse_q
from exact.symbolic import RealAlgebraic, real_roots

x = sympy.Symbol("x")
SQRT2 = real_roots([-2, 0, 1])[1]


def _close(decimal: str, exact, n: int) -> bool:
    """|decimal - exact| < 10^-n / 2, checked with 2n + 40 digits of sympy (tests only)."""
    err = abs(sympy.Rational(decimal) - exact).evalf(2 * n + 40)
    return err < sympy.Rational(1, 2 * 10 ** n)


# -- sqrt(2) -------------------------------------------------------------------------------------

def test_sqrt2_against_its_decimal_expansion():
    assert SQRT2.minimal_polynomial() == fmpz_poly([-2, 0, 1])
    assert SQRT2 > parse_q("1.41421356") and SQRT2 < parse_q("1.41421357")
    assert SQRT2 > Q(14142135623730950, 10 ** 16)
    assert SQRT2 < Q(14142135623730951, 10 ** 16)   # the float 1.4142135623730951 is too big
    assert SQRT2 != parse_q("1.41421356") and SQRT2 >= 1 and SQRT2 <= 2
    assert SQRT2 > Fraction(7, 5) and SQRT2 < sympy.Rational(3, 2)
    assert SQRT2.digits(8) == "1.41421356"
    assert SQRT2.digits(0) == "1"


@pytest.mark.parametrize("n", [0, 1, 5, 16, 50, 300])
def test_sqrt2_digits_against_sympy(n):
    d = SQRT2.digits(n)
    assert len(d.partition(".")[2]) == n
    assert _close(d, sympy.sqrt(2), n)          # within half a unit: the nearest n-place decimal


def test_digits_round_to_nearest():
    # sqrt(2) = 1.41421356237... : 4 places round down, 3 places round up (1.4142 -> 1.414)
    assert SQRT2.digits(4) == "1.4142"
    assert SQRT2.digits(3) == "1.414"
    golden = real_roots([-1, -1, 1])[1]                     # 1.6180339887498948482...
    assert golden.digits(3) == "1.618" and golden.digits(4) == "1.6180"
    assert golden.digits(9) == "1.618033989"                # ...98874 rounds up
    assert (-golden).digits(9) == "-1.618033989"
    assert RealAlgebraic.from_rational("-1/8").digits(2) == "-0.12"    # tie rounds up
    assert RealAlgebraic.from_rational("1/8").digits(2) == "0.13"


# -- the quintic x^5 - x - 1 (not solvable by radicals) ------------------------------------------

def test_quintic_root():
    roots = real_roots([-1, -1, 0, 0, 0, 1])
    assert len(roots) == 1 == len(sympy.real_roots(x ** 5 - x - 1))
    r = roots[0]
    assert r.degree == 5 and r.index == 0
    exact = sympy.CRootOf(x ** 5 - x - 1, 0)
    for n in (10, 100, 500):
        assert _close(r.digits(n), exact, n)
    assert r.digits(20) == "1.16730397826141868426"
    assert Q(1167, 1000) < r < Q(1168, 1000)
    assert r.to_sympy() == exact
    assert r.sign_at(x ** 5 - x - 1) == 0
    assert r.sign_at(x - Q(1167, 1000)) == 1 and r.sign_at(Q(1168, 1000) - x) == 1


# -- (5 sqrt(2) - 6)/3 is a root of 9x^2 + 36x - 14 ----------------------------------------------

def test_cutoff_as_root_of_quadratic():
    value = (5 * sympy.sqrt(2) - 6) / 3
    assert sympy.expand(9 * value ** 2 + 36 * value - 14) == 0      # oracle: it is a root
    roots = real_roots(9 * x ** 2 + 36 * x - 14)
    assert len(roots) == 2 and roots[0] < 0 < roots[1]
    a = RealAlgebraic.from_sympy(value)
    assert a == roots[1] and a != roots[0] and hash(a) == hash(roots[1])
    assert a.minimal_polynomial() == fmpz_poly([-14, 36, 9])
    assert a.sign_at([-14, 36, 9]) == 0
    assert _close(a.digits(40), value, 40)
    assert a.digits(6) == "0.357023"
    # the same number from an interval given by hand, and from a non-minimal polynomial
    b = RealAlgebraic(fmpq_poly([-14, 36, 9]), 0, 1)
    c = RealAlgebraic(sympy.expand((9 * x ** 2 + 36 * x - 14) * (x - 1) ** 2), "0.3", "0.4")
    assert a == b == c
    assert sympy.nsimplify(a.to_sympy()) == sympy.nsimplify(value)


# -- comparisons -------------------------------------------------------------------------------------

def test_comparisons_between_numbers():
    cbrt3 = real_roots([-3, 0, 0, 1])[0]                        # 1.44224957...
    assert SQRT2 < cbrt3 and cbrt3 > SQRT2 and SQRT2 != cbrt3
    s2_other = RealAlgebraic(sympy.expand((x ** 2 - 2) * (x ** 2 - 3)), 1, Q(3, 2))
    assert s2_other == SQRT2 and s2_other.minimal_polynomial() == SQRT2.minimal_polynomial()
    assert -SQRT2 < 0 < SQRT2 and (-SQRT2).digits(5) == "-1.41421"
    mixed = sorted([cbrt3, Q(3, 2), SQRT2, 1, -SQRT2, Fraction(-3, 2)])
    assert [str(v) if not isinstance(v, RealAlgebraic) else v.digits(3) for v in mixed] == \
        ["-3/2", "-1.414", "1", "1.414", "1.442", "3/2"]
    assert len({SQRT2, s2_other, cbrt3}) == 2
    one = RealAlgebraic.from_rational(1)
    assert one == 1 and hash(one) == hash(1) and one == Q(1)
    with pytest.raises(TypeError):
        SQRT2 < 1.5                                             # floats are not exact
    # exact sympy constants are converted exactly
    assert SQRT2 == sympy.sqrt(2) and SQRT2 < sympy.root(3, 3) and SQRT2 != sympy.sqrt(3)
    assert cbrt3 == sympy.CRootOf(x ** 3 - 3, 0)
    with pytest.raises(TypeError, match="not a recognisably algebraic"):
        SQRT2 < sympy.pi


def test_close_roots_of_different_polynomials():
    # x^2 - 2 and 10^16 x - 14142135623730951 have roots 4.8e-17 apart
    r = real_roots([-14142135623730951, 10 ** 16])[0]
    assert r.is_rational and SQRT2 < r
    # two irrational roots 10^-12 apart
    a = real_roots(sympy.expand((x - sympy.Rational(1, 3)) ** 2 - 2))[1]
    b = real_roots(sympy.expand((x - sympy.Rational(1, 3) - sympy.Rational(1, 10 ** 12)) ** 2
                                - 2))[1]
    assert a < b and b > a and a != b
    assert _close(a.digits(20), sympy.Rational(1, 3) + sympy.sqrt(2), 20)


def test_equal_irrationals_with_overlapping_intervals():
    a = RealAlgebraic([-2, 0, 1], 1, 2)
    b = RealAlgebraic([-2, 0, 1], Q(7, 5), Q(3, 2))
    c = RealAlgebraic([-2, 0, 1], -2, -1)
    assert a == b and a != c and not (a < b) and a <= b and a >= b


# -- real_roots ----------------------------------------------------------------------------------

def test_multiple_roots_reported_once():
    roots = real_roots(sympy.expand((x - 1) ** 3 * (x ** 2 - 2) ** 2 * (x ** 2 + 1)))
    assert [r.digits(4) for r in roots] == ["-1.4142", "1.0000", "1.4142"]
    assert roots[1].is_rational and roots[1].value == 1


def test_interval_is_closed():
    p = sympy.expand(x * (x - 1) * (x ** 2 - 2))
    assert [r.digits(2) for r in real_roots(p, (0, 1))] == ["0.00", "1.00"]
    assert [r.digits(2) for r in real_roots(p, ("1/2", 2))] == ["1.00", "1.41"]
    assert real_roots(p, (2, 3)) == []
    assert real_roots([5]) == []


@pytest.mark.parametrize("poly, expected", [
    ([1, 2, 3], []),                                    # 3x^2 + 2x + 1 has no real root
    (fmpz_poly([-1, 0, 1]), ["-1.00", "1.00"]),
    (fmpq_poly([Q(-1, 4), 0, 1]), ["-0.50", "0.50"]),
    (sympy.Poly(x ** 2 - sympy.Rational(1, 4), x), ["-0.50", "0.50"]),
    (-x ** 2 + sympy.Rational(1, 4), ["-0.50", "0.50"]),
    (["-1/4", 0, 1], ["-0.50", "0.50"]),
    ([Fraction(-1, 4), "0.0", 1], ["-0.50", "0.50"]),
])
def test_accepted_polynomial_forms(poly, expected):
    assert [r.digits(2) for r in real_roots(poly)] == expected


@pytest.mark.parametrize("poly, interval, field, match", [
    ([0], None, "poly", "zero polynomial"),
    ([1, 0.5], None, "poly[1]", "floats are not exact"),
    (x * sympy.Symbol("y"), None, "poly", "one variable"),
    (sympy.sqrt(2) * x, None, "poly", "coefficients must be rational"),
    (sympy.sin(x), None, "poly", "not a polynomial"),
    ("x^2", None, "poly", "expected a polynomial"),
    ([1, 1], (2, 1), "interval", "empty interval"),
    ([1, 1], (0,), "interval", "expected"),
])
def test_bad_polynomials(poly, interval, field, match):
    with pytest.raises(InputError, match=match) as err:
        real_roots(poly, interval)
    assert err.value.field == field


def test_constructor_validates_the_interval():
    with pytest.raises(InputError, match="contains 2 real roots"):
        RealAlgebraic([-2, 0, 1], -2, 2)
    with pytest.raises(InputError, match="contains 0 real roots"):
        RealAlgebraic([-2, 0, 1], 0, 1)
    with pytest.raises(InputError, match="interval\\[0\\]"):
        RealAlgebraic([-2, 0, 1], 1.0, 2)
    with pytest.raises(InputError, match="digits: must be a nonnegative int"):
        SQRT2.digits(-1)
    with pytest.raises(InputError, match="exactly one of"):
        SQRT2.refine()
    with pytest.raises(InputError, match="not a recognisably algebraic"):
        RealAlgebraic.from_sympy(sympy.pi)


def test_refine():
    r = RealAlgebraic([-2, 0, 1], 1, 2)
    lo, hi = r.refine(bits=200)
    assert hi - lo <= Q(1, 2 ** 200) and lo < hi
    assert lo ** 2 < 2 < hi ** 2                                 # still isolates sqrt(2)
    lo2, hi2 = r.refine(digits=100)
    assert hi2 - lo2 <= Q(1, 10 ** 100) and lo <= lo2 < hi2 <= hi


def test_sign_at():
    assert SQRT2.sign_at([-2, 0, 1]) == 0
    assert SQRT2.sign_at(x ** 3 - 2 * x) == 0                      # multiple of the minpoly
    assert SQRT2.sign_at([-Q(3, 2), 1]) == -1
    assert SQRT2.sign_at([Q(3, 2), -1]) == 1
    assert SQRT2.sign_at([-14142135623730951, 10 ** 16]) == -1     # the double is above
    assert SQRT2.sign_at(-(x ** 3) + 3) == 1                       # 3 - 2 sqrt(2) > 0
    assert (-SQRT2).sign_at(x ** 3 + 3) == 1
    assert RealAlgebraic.from_rational(2).sign_at([-2, 1]) == 0


def test_to_sympy():
    roots = real_roots(sympy.expand((x ** 3 - 3 * x + 1) * (2 * x - 1)))
    assert len(roots) == 4
    for r in roots:
        s = r.to_sympy()
        if r.is_rational:
            assert s == sympy.Rational(1, 2) and r.value == Q(1, 2)
        else:
            assert isinstance(s, sympy.CRootOf) and _close(r.digits(30), s, 30)


def test_affine_arithmetic_with_rationals():
    value = (5 * sympy.sqrt(2) - 6) / 3
    a = (5 * SQRT2 - 6) / 3                              # exact, without sympy
    assert a == RealAlgebraic.from_sympy(value)
    assert a.minimal_polynomial() == fmpz_poly([-14, 36, 9])
    assert _close(a.digits(30), value, 30)
    b = Q(1, 2) - SQRT2 * Fraction(-3, 7)
    assert _close(b.digits(30), sympy.Rational(1, 2) + 3 * sympy.sqrt(2) / 7, 30)
    assert 0 * SQRT2 == 0 and (SQRT2 + 0) == SQRT2 and 0 < SQRT2 - 1 < Q(1, 2)
    assert RealAlgebraic.from_rational(3) / 4 == Q(3, 4)
    with pytest.raises(ZeroDivisionError):
        SQRT2 / 0


def test_arithmetic_between_algebraic_numbers():
    s3 = real_roots([-3, 0, 1])[1]
    total = SQRT2 + s3
    assert total.minimal_polynomial() == fmpz_poly([1, 0, -10, 0, 1])
    assert total == sympy.sqrt(2) + sympy.sqrt(3)
    assert SQRT2 * s3 == real_roots([-6, 0, 1])[1]
    assert SQRT2 * SQRT2 == 2 and (SQRT2 * SQRT2).is_rational
    assert SQRT2 - SQRT2 == 0 and SQRT2 / SQRT2 == 1
    assert SQRT2 ** 2 == 2 and SQRT2 ** 3 == 2 * SQRT2 and SQRT2 ** -2 == Q(1, 2)
    assert 1 / SQRT2 == SQRT2 / 2 and (1 / SQRT2).minimal_polynomial() == fmpz_poly([-1, 0, 2])
    assert _close((s3 / SQRT2 - 1).digits(30), sympy.sqrt(3) / sympy.sqrt(2) - 1, 30)
    assert SQRT2.apply(x ** 2 - 2 * x) == 2 - 2 * SQRT2


@settings(max_examples=15, deadline=None)
@given(st.tuples(st.integers(-5, 5), st.integers(1, 7)), st.tuples(st.integers(-5, 5),
                                                                     st.integers(1, 7)),
       st.sampled_from(["+", "-", "*", "/", "apply"]))
def test_arithmetic_against_sympy(a, b, op):
    """(u + sqrt(v)) op (w + cbrt(z)) agrees with sympy's value to 30 places."""
    (u, v), (w, z) = a, b
    A = u + real_roots([-v, 0, 1])[1]
    B = w + real_roots([-z, 0, 0, 1])[0]
    SA, SB = u + sympy.sqrt(v), w + sympy.cbrt(z)
    if op == "apply":
        got, want = A.apply([z, -w, 0, 1]), z - w * SA + SA ** 3
    elif op == "/" and B == 0:
        return
    else:
        got = {"+": A + B, "-": A - B, "*": A * B, "/": A / B if B != 0 else None}[op]
        want = {"+": SA + SB, "-": SA - SB, "*": SA * SB, "/": SA / SB}[op]
    assert isinstance(got, RealAlgebraic)
    assert _close(got.digits(30), want, 30)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-20, 20), min_size=2, max_size=8).filter(lambda c: c[-1] != 0))
def test_real_roots_against_sympy(coeffs):
    ours = real_roots(coeffs)
    theirs = sympy.real_roots(sympy.Poly(coeffs[::-1], x))
    distinct = sorted(set(theirs), key=lambda t: t.evalf(50))
    assert len(ours) == len(distinct)
    for r, t in zip(ours, distinct):
        assert _close(r.digits(25), t, 25)
        lo, hi = r.interval
        assert lo <= t <= hi if r.is_rational else (lo < t < hi)
    assert all(a < b for a, b in zip(ours, ours[1:]))


def test_capacity_verification_example_1_cutoffs():
    """Erlanson-Kleiner, Example 1 (n=3, m=2, k=1, uniform F): the cut-offs as exact algebraic
    numbers, recomputed from the polynomials and compared with the printed/noted values."""
    g, p, t, r = sympy.symbols("g phi t r")
    # FOC gamma_1 = g(1 - g) + g^2/2 with gamma_1^3 = 3 phi - 1 = g - 2 g^2  (phi = (1+g-2g^2)/3)
    foc = sympy.expand((g * (1 - g) + g ** 2 / 2) ** 3 - (g - 2 * g ** 2))
    quintic = g ** 5 - 6 * g ** 4 + 12 * g ** 3 - 8 * g ** 2 - 16 * g + 8
    assert sympy.expand(foc + g * quintic / 8) == 0
    (s,) = real_roots(quintic, (0, 1))
    assert s.degree == 5                                      # irreducible over Q
    assert s.digits(21) == "0.452566926420718851687"
    # phi* = (1 + s - 2 s^2)/3 is the root in (0, 1) of 27 phi^5 + 117 phi^4 - ... - 387
    P = 27 * p ** 5 + 117 * p ** 4 - 246 * p ** 3 + 1814 * p ** 2 + 507 * p - 387
    (phi_star,) = real_roots(P, (0, 1))
    assert phi_star.digits(21) == "0.347644426880308716553"
    assert phi_star.digits(5) == "0.34764"                  # the paper's value
    assert s.sign_at(sympy.expand(P.subs(p, (1 + g - 2 * g ** 2) / 3))) == 0
    lo, hi = phi_star.refine(bits=80)
    assert s.sign_at((1 + g - 2 * g ** 2) / 3 - lo) == 1 and s.sign_at((1 + g - 2 * g ** 2) / 3
                                                                         - hi) == -1
    assert (1 + s - 2 * s ** 2) / 3 == phi_star                # exact, by resultants
    # gamma_1 = s - s^2/2 = 0.350158514975770676...
    assert s.apply(g - g ** 2 / 2).digits(18) == "0.350158514975770676"
    gamma1 = g - g ** 2 / 2
    assert s.sign_at(gamma1 - parse_q("0.3501585149757706755")) == 1
    assert s.sign_at(gamma1 - parse_q("0.3501585149757706765")) == -1
    # the triple point t = sqrt(2) - 1 at phi_hat = (5 sqrt(2) - 6)/3 = 0.357022603955...
    phi_hat = (5 * SQRT2 - 6) / 3
    assert phi_hat.digits(12) == "0.357022603955"
    c_allo = t ** 3 - 3 * t ** 2 + 2
    c_aud = -t ** 3 - 3 * p * t + 1 + 3 * p
    c_ic = 2 - 3 * p * t
    at = {t: r - 1, p: (5 * r - 6) / 3}                     # r = sqrt(2)
    for diff in (c_allo - c_aud, c_ic - c_aud):
        assert SQRT2.sign_at(sympy.expand(diff.subs(at)).subs(r, x)) == 0
    assert SQRT2.sign_at(sympy.expand((c_allo - c_aud).subs({t: r - 1, p: sympy.Rational(1, 3)})
                                      ).subs(r, x)) != 0
