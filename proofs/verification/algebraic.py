"""Real algebraic numbers: an irreducible integer polynomial and an isolating rational interval.

The cut-offs gamma_1..gamma_3 of Corollary 1, phi* of Example 1 and the regime thresholds of
Lemma 7 are roots of polynomials; they are kept exact as ``Algebraic(poly, lo, hi)`` with exactly
one root of ``poly`` in ``[lo, hi]``. Comparisons refine intervals (never floats); equality of two
roots holds iff they are the same root of the same irreducible polynomial. Digits are produced on
demand by bisection in exact rationals.

Examples
--------
>>> import sympy
>>> x = sympy.Symbol("x")
>>> r = roots_in(sympy.Poly(x**2 - 2, x), 0, 2)[0]
>>> r.digits(12)
'1.414213562373'
>>> r > sympy.Rational(141, 100)
True
"""

from __future__ import annotations

import dataclasses
from typing import Union

import sympy

from exact.numbers import Q, as_q

__all__ = ["Algebraic", "roots_in", "rational", "X"]

X = sympy.Symbol("x")


@dataclasses.dataclass
class Algebraic:
    """The unique root of the irreducible ``poly`` (over ZZ, in ``X``) in ``[lo, hi]``.

    A rational number is stored with ``poly = x - r`` and ``lo = hi = r``.
    """

    poly: sympy.Poly
    lo: sympy.Rational
    hi: sympy.Rational

    @property
    def is_rational(self) -> bool:
        return self.poly.degree() == 1

    def rational_value(self) -> Q:
        """The exact value when ``poly`` has degree 1 (else ValueError)."""
        if not self.is_rational:
            raise ValueError("not a rational number")
        a, b = self.poly.all_coeffs()
        return as_q(sympy.Rational(-b, a))

    def refine(self, width) -> "Algebraic":
        """Bisect in exact rationals until ``hi - lo <= width``; returns self."""
        width = sympy.Rational(width)
        if self.is_rational:
            return self
        f = self.poly
        slo = sympy.sign(f.eval(self.lo))
        while self.hi - self.lo > width:
            mid = (self.lo + self.hi) / 2
            s = sympy.sign(f.eval(mid))
            if s == 0:
                self.lo = self.hi = mid
                break
            if s == slo:
                self.lo = mid
            else:
                self.hi = mid
        return self

    def digits(self, d: int = 15) -> str:
        """A decimal string correct to ``d`` significant digits after the point (truncated)."""
        self.refine(sympy.Rational(1, 10 ** (d + 2)))
        mid = (self.lo + self.hi) / 2
        s = sympy.Float(mid, d + 5)
        txt = f"{s:.{d + 3}f}"
        return txt[: txt.index(".") + d + 1]

    def _cmp_rational(self, r) -> int:
        r = sympy.Rational(r)
        if self.is_rational:
            v = -self.poly.all_coeffs()[1] / sympy.Integer(self.poly.all_coeffs()[0])
            return int(bool(v > r)) - int(bool(v < r))
        if self.poly.eval(r) == 0:
            return -1 if self.hi < r else (1 if self.lo > r else 0)  # r is another root
        while self.lo <= r <= self.hi:
            self.refine((self.hi - self.lo) / 4)
        return 1 if self.lo > r else -1

    def compare(self, other: Union["Algebraic", int, sympy.Rational]) -> int:
        """-1, 0 or 1 as ``self`` is below, equal to or above ``other`` (exact)."""
        if not isinstance(other, Algebraic):
            return self._cmp_rational(other)
        if other.is_rational:
            return self._cmp_rational(-other.poly.all_coeffs()[1] /
                                      sympy.Integer(other.poly.all_coeffs()[0]))
        if self.is_rational:
            return -other.compare(self)
        if self.poly == other.poly and not (self.hi < other.lo or other.hi < self.lo):
            return 0  # same irreducible polynomial and overlapping isolating intervals
        while not (self.hi < other.lo or other.hi < self.lo):
            self.refine((self.hi - self.lo) / 4)
            other.refine((other.hi - other.lo) / 4)
        return 1 if self.lo > other.hi else -1

    def __lt__(self, other):
        return self.compare(other) < 0

    def __le__(self, other):
        return self.compare(other) <= 0

    def __gt__(self, other):
        return self.compare(other) > 0

    def __ge__(self, other):
        return self.compare(other) >= 0

    def __eq__(self, other):
        if not isinstance(other, (Algebraic, int, sympy.Rational)):
            return NotImplemented
        return self.compare(other) == 0

    __hash__ = None

    def sample_below(self) -> sympy.Rational:
        """A rational strictly below the root (the interval's left end, refined if needed)."""
        if self.is_rational:
            return self.lo - sympy.Rational(1, 10 ** 9)
        return self.lo

    def to_json(self) -> dict:
        """``{"poly": [integer coefficients, highest first], "interval": ["lo", "hi"], "digits"}``."""
        return {"poly": [str(c) for c in self.poly.all_coeffs()],
                "interval": [str(self.lo), str(self.hi)], "digits": self.digits(12)}

    def __repr__(self) -> str:
        return f"Algebraic({self.poly.as_expr()}, ~{self.digits(10)})"


def rational(r) -> Algebraic:
    """The rational ``r`` as an :class:`Algebraic`."""
    r = sympy.Rational(str(r)) if not isinstance(r, sympy.Rational) else r
    return Algebraic(sympy.Poly(r.q * X - r.p, X, domain="ZZ"), r, r)


def roots_in(poly, lo=0, hi=1, open_left: bool = False, open_right: bool = False) -> list[Algebraic]:
    """All distinct real roots of ``poly`` (one variable, rational coefficients) in ``[lo, hi]``.

    Returns them sorted, each as an :class:`Algebraic` over its irreducible integer factor;
    ``open_left``/``open_right`` drop the endpoints. Isolation is sympy's exact real-root
    isolation (``Poly.intervals``), so nothing rests on floating point.
    """
    lo, hi = sympy.Rational(lo), sympy.Rational(hi)
    gen = poly.gens[0]
    p = sympy.Poly(poly.as_expr().subs(gen, X), X, domain="QQ")
    if p.is_zero:
        raise ValueError("the zero polynomial has every number as a root")
    _, factors = p.clear_denoms()[1].set_domain("ZZ").factor_list()
    out: list[Algebraic] = []
    for f, _mult in factors:
        f = sympy.Poly(f.as_expr(), X, domain="ZZ")
        if f.degree() < 1:
            continue
        if f.LC() < 0:
            f = -f
        for (a, b), _ in f.intervals(inf=lo, sup=hi):
            a, b = sympy.Rational(a), sympy.Rational(b)
            r = Algebraic(f, a, b) if f.degree() > 1 else rational(-f.all_coeffs()[1] /
                                                                   sympy.Integer(f.all_coeffs()[0]))
            if (open_left and r.compare(lo) == 0) or (open_right and r.compare(hi) == 0):
                continue
            out.append(r)
    import functools
    out.sort(key=functools.cmp_to_key(lambda s, t: s.compare(t)))
    return out
