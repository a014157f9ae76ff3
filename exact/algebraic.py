"""Real algebraic numbers: a root of an irreducible integer polynomial, isolated exactly.

Cut-offs of economic models are often roots of polynomials (the verification paper's crossing
points ``z1, z2, r1, r2`` of capacity functions). :class:`RealAlgebraic` holds such a number
*exactly*: its minimal polynomial (an irreducible, primitive ``fmpz_poly`` with positive leading
coefficient) and an isolating interval ``(lo, hi)`` with rational end points containing exactly
one real root; a rational number is held as ``lo == hi``. Comparisons, signs of polynomials at the
number and decimal digits are exact: they refine the interval by bisection (Newton steps may guide
the refinement, but every interval is certified by a sign change at rational points). Arithmetic
(``+ - * /``, integer powers, ``apply(poly)``) is exact too: a resultant (python-flint
``fmpz_mpoly``) gives a polynomial having the result as a root, and exact interval arithmetic on the
operands' isolating intervals picks the root.

:func:`real_roots` isolates all real roots of a polynomial, optionally in ``[a, b]``: flint factors
it into irreducible factors (exact), and the roots of each factor are isolated with Descartes'
rule of signs and bisection (the Vincent-Collins-Akritas method) in integer arithmetic.

Examples
--------
>>> r = real_roots([-2, 0, 1])            # x^2 - 2, coefficients from the constant term up
>>> r[1].digits(10)
'1.4142135624'
>>> r[1] > Q(141421356, 10**8)
True
>>> [str(x) for x in real_roots([-1, -1, 0, 0, 0, 1])]        # x^5 - x - 1
['RealAlgebraic(x^5 - x - 1, 0 < root < 4)']

References
----------
.. [1] G. E. Collins, A. G. Akritas, "Polynomial real root isolation using Descartes' rule of
   signs", Proc. SYMSAC 1976, 272-275. https://doi.org/10.1145/800205.806346
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Optional

import sympy
from flint import arb, ctx as _flint_ctx, fmpq, fmpq_poly, fmpz, fmpz_mpoly, fmpz_mpoly_ctx, fmpz_poly

from .errors import InputError
from .numbers import Q, as_q, parse_q

__all__ = ["RealAlgebraic", "real_roots", "as_fmpq_poly", "arb_enclosure"]


# -- polynomials ----------------------------------------------------------------------------------

def as_fmpq_poly(poly: Any, field: str = "poly") -> fmpq_poly:
    """Read a univariate polynomial exactly, without normalising it.

    Accepted: ``fmpq_poly``, ``fmpz_poly``, a list of exact coefficients **from the constant term
    up** (flint's order: ``[-2, 0, 1]`` is ``x^2 - 2``; ints, fmpq, Fractions or strings such as
    ``"3/4"``), a ``sympy.Poly`` in one generator over ZZ or QQ, or a sympy expression that is a
    polynomial in its single free symbol. Floats are refused.
    """
    if isinstance(poly, fmpq_poly):
        return poly
    if isinstance(poly, fmpz_poly):
        return fmpq_poly(poly)
    if isinstance(poly, (list, tuple)):
        return fmpq_poly([parse_q(c, f"{field}[{i}]") for i, c in enumerate(poly)])
    if isinstance(poly, sympy.Poly):
        if len(poly.gens) != 1:
            raise InputError(field, f"expected a univariate polynomial, got generators "
                                    f"{poly.gens}")
        coeffs = poly.all_coeffs()[::-1]
        if not all(getattr(c, "is_Rational", False) for c in coeffs):
            raise InputError(field, f"coefficients must be rational, got {poly.domain}")
        return fmpq_poly([Q(int(c.p), int(c.q)) for c in coeffs])
    if isinstance(poly, sympy.Expr):
        free = poly.free_symbols
        if len(free) > 1:
            raise InputError(field, f"expected one variable, got {sorted(map(str, free))}")
        if not free:
            return as_fmpq_poly([poly], field) if poly.is_Rational else _bad(field, poly)
        (x,) = free
        if poly.atoms(sympy.Float):
            raise InputError(field, "floats are not exact")
        try:
            p = sympy.Poly(poly, x)
        except sympy.PolynomialError:
            raise InputError(field, f"not a polynomial in {x}: {poly}") from None
        if p.domain not in (sympy.ZZ, sympy.QQ):
            raise InputError(field, f"coefficients must be rational, got {p.domain}")
        return as_fmpq_poly(p, field)
    raise InputError(field, f"expected a polynomial (fmpq_poly, coefficient list or sympy), "
                            f"got {type(poly).__name__}")


def _bad(field, poly):
    raise InputError(field, f"not a rational polynomial: {poly}")


def _primitive(p: fmpq_poly) -> fmpz_poly:
    """The primitive integer polynomial with positive leading coefficient and the same roots."""
    z = p.numer()
    c = fmpz(0)
    for a in z.coeffs():
        c = c.gcd(a)
    z = fmpz_poly([a // c for a in z.coeffs()])
    return -z if z.coeffs()[-1] < 0 else z


def _sign(v) -> int:
    return (v > 0) - (v < 0)


def _variations(coeffs) -> int:
    last, n = 0, 0
    for c in coeffs:
        s = _sign(c)
        if s:
            if last and s != last:
                n += 1
            last = s
    return n


_X_PLUS_1 = fmpz_poly([1, 1])


def _descartes01(p: fmpz_poly) -> int:
    """Descartes' bound for the roots of ``p`` in (0, 1): sign variations of (x+1)^n p(1/(x+1))."""
    rev = fmpz_poly(p.coeffs()[::-1])
    return _variations(rev(_X_PLUS_1).coeffs())


def _on_unit(p: fmpq_poly, lo: fmpq, hi: fmpq) -> fmpz_poly:
    """An integer polynomial whose roots in (0, 1) are those of p in (lo, hi), mapped affinely."""
    return fmpq_poly(p)(fmpq_poly([lo, hi - lo])).numer()


def _vca(P: fmpz_poly, lo: fmpq, hi: fmpq, out: list) -> None:
    """Vincent-Collins-Akritas bisection: append isolating intervals of P's roots in (0, 1),
    mapped to (lo, hi), in increasing order (``(m, m)`` for an exact rational root)."""
    v = _descartes01(P)
    if v == 0:
        return
    if v == 1:
        out.append((lo, hi))
        return
    n = P.degree()
    mid = (lo + hi) / 2
    left = fmpz_poly([c * (fmpz(2) ** (n - i)) for i, c in enumerate(P.coeffs())])  # 2^n P(x/2)
    right = left(_X_PLUS_1)
    _vca(left, lo, mid, out)
    if right.coeffs()[0] == 0:
        out.append((mid, mid))
        right = fmpz_poly(right.coeffs()[1:])
    _vca(right, mid, hi, out)


def _root_bound(p: fmpz_poly) -> fmpq:
    """A power of two strictly above |root| for every complex root (Cauchy's bound)."""
    c = p.coeffs()
    lead = abs(c[-1])
    m = max(abs(a) for a in c[:-1]) if len(c) > 1 else fmpz(0)
    bound = 1 + (m + lead - 1) // lead + 1
    b = fmpz(1)
    while b < bound:
        b *= 2
    return Q(b)


def _isolate(p: fmpz_poly, lo: fmpq, hi: fmpq) -> list:
    """Isolating intervals of the roots of the squarefree ``p`` in the open interval (lo, hi)."""
    out: list = []
    P = _on_unit(fmpq_poly(p), lo, hi)
    while P.coeffs() and P.coeffs()[0] == 0:     # root at lo: excluded from the open interval
        P = fmpz_poly(P.coeffs()[1:])
    if P.degree() >= 1:
        _vca(P, lo, hi, out)
    return out


# -- the number -----------------------------------------------------------------------------------

_RATIONALS = (int, fmpz, fmpq, Fraction)


def _as_rational(x) -> Optional[fmpq]:
    if isinstance(x, bool):
        return None
    if isinstance(x, _RATIONALS) or getattr(x, "is_Rational", False):
        return as_q(x)
    return None


class RealAlgebraic:
    """A real algebraic number: a root of an irreducible integer polynomial in a rational interval.

    Parameters
    ----------
    poly : polynomial
        Any polynomial with rational coefficients having the number as a root (see
        :func:`as_fmpq_poly` for the accepted forms); it need not be irreducible or squarefree.
    lo, hi : rational
        An interval ``[lo, hi]`` containing exactly one real root of ``poly``
        (``hi`` omitted: the rational root ``lo``).

    Raises
    ------
    InputError
        field ``"interval"`` when ``[lo, hi]`` holds no root or several roots; ``"poly"`` for the
        zero polynomial or unreadable input.

    Notes
    -----
    The stored representation is canonical: ``minpoly`` is the minimal polynomial (irreducible,
    primitive, positive leading coefficient) and, for irrational numbers, ``lo < root < hi`` with
    rational end points. Refining the interval (which comparisons do on demand) changes the
    representation, never the value. Equality and hashing are by value: a rational
    ``RealAlgebraic`` equals (and hashes as) the ``fmpq``.

    Examples
    --------
    >>> phi = RealAlgebraic([-1, -1, 1], 1, 2)       # x^2 - x - 1: the golden ratio
    >>> phi.digits(20)
    '1.61803398874989484820'
    >>> phi.sign_at([-1, 0, 1])                      # phi^2 - 1 = phi > 0
    1
    """

    __slots__ = ("minpoly", "_lo", "_hi", "_index")

    def __init__(self, poly: Any, lo: Any, hi: Any = None):
        p = as_fmpq_poly(poly)
        lo_q = parse_q(lo, "interval[0]")
        hi_q = lo_q if hi is None else parse_q(hi, "interval[1]")
        if hi_q < lo_q:
            raise InputError("interval", f"empty interval [{lo_q}, {hi_q}]")
        if p.is_zero():
            raise InputError("poly", "the zero polynomial has every number as a root")
        roots = real_roots(p, (lo_q, hi_q))
        if len(roots) != 1:
            raise InputError("interval", f"[{lo_q}, {hi_q}] contains {len(roots)} real roots "
                                         f"of {p}, expected exactly 1")
        r = roots[0]
        self.minpoly, self._lo, self._hi, self._index = r.minpoly, r._lo, r._hi, r._index

    @classmethod
    def _make(cls, minpoly: fmpz_poly, lo: fmpq, hi: fmpq, index: Optional[int] = None):
        self = object.__new__(cls)
        self.minpoly, self._lo, self._hi, self._index = minpoly, lo, hi, index
        return self

    @classmethod
    def from_rational(cls, value: Any) -> "RealAlgebraic":
        """The rational ``value`` as a RealAlgebraic (minimal polynomial ``q x - p``)."""
        v = parse_q(value, "value")
        return cls._make(fmpz_poly([-v.p, v.q]), v, v, 0)

    @classmethod
    def from_sympy(cls, expr) -> "RealAlgebraic":
        """An exact real algebraic sympy constant (``(5*sqrt(2) - 6)/3``, ``CRootOf``) as a
        RealAlgebraic: its minimal polynomial by sympy (exact), the root picked by a rigorous
        arb enclosure that meets exactly one isolating interval.

        >>> RealAlgebraic.from_sympy((5*sympy.sqrt(2) - 6)/3).minpoly
        9*x^2 + 36*x + (-14)
        """
        if not isinstance(expr, sympy.Expr) or expr.free_symbols or expr.atoms(sympy.Float):
            raise InputError("expression", f"expected an exact real constant, got {expr!r}")
        if expr.is_Rational:
            return cls.from_rational(as_q(expr))
        x = sympy.Dummy("x")
        try:
            m = sympy.minimal_polynomial(expr, x)
        except (NotImplementedError, sympy.polys.polyerrors.NotAlgebraic) as exc:
            raise InputError("expression", f"not a recognisably algebraic number: {expr} "
                                           f"({type(exc).__name__})") from None
        roots = real_roots(sympy.Poly(m, x))
        for prec in (64, 256, 1024, 4096):
            ball = arb_enclosure(expr, prec)
            if ball is None:
                break
            lo, hi = _arb_bounds(ball)
            hits = [r for r in roots if r._overlaps(lo, hi, prec)]
            if len(hits) == 1:
                return hits[0]
        raise InputError("expression", f"cannot identify the real root of {m} equal to {expr}")

    # -- representation ----------------------------------------------------------------------
    @property
    def interval(self) -> tuple:
        """The current isolating interval ``(lo, hi)`` (``lo == hi`` for a rational)."""
        return self._lo, self._hi

    @property
    def is_rational(self) -> bool:
        return self.minpoly.degree() == 1

    @property
    def value(self) -> Optional[fmpq]:
        """The exact value when rational, else None."""
        return self._lo if self.is_rational else None

    @property
    def degree(self) -> int:
        """The degree of the minimal polynomial."""
        return self.minpoly.degree()

    def minimal_polynomial(self) -> fmpz_poly:
        """The minimal polynomial: irreducible, primitive, positive leading coefficient."""
        return self.minpoly

    @property
    def index(self) -> int:
        """The position (0-based, ascending) of the number among the real roots of minpoly."""
        if self._index is None:
            b = _root_bound(self.minpoly)
            self._index = len(_isolate(self.minpoly, -b, self._lo))
        return self._index

    def to_sympy(self):
        """``sympy.Rational`` or ``sympy.CRootOf`` with the same value (exact)."""
        if self.is_rational:
            return sympy.Rational(int(self._lo.p), int(self._lo.q))
        x = sympy.Symbol("x")
        poly = sympy.Poly([int(c) for c in self.minpoly.coeffs()[::-1]], x)
        return sympy.CRootOf(poly, self.index)

    # -- refinement --------------------------------------------------------------------------
    def _sign_lo(self) -> int:
        return _sign(self.minpoly(self._lo))

    def _bisect(self) -> None:
        mid = (self._lo + self._hi) / 2
        if _sign(self.minpoly(mid)) == self._sign_lo():
            self._lo = mid
        else:
            self._hi = mid

    def _newton(self) -> bool:
        """One certified Newton step; False when it does not shrink the interval."""
        lo, hi = self._lo, self._hi
        w = hi - lo
        mid = (lo + hi) / 2
        d = self.minpoly.derivative()(mid)
        if d == 0:
            return False
        c = mid - self.minpoly(mid) / d
        delta = w * w
        if not (lo < c < hi) or delta * 8 > w:
            return False
        k = 1
        while Q(1, 2 ** k) > delta / 4:
            k += 1
        c = Q(int((c * 2 ** k).floor()), 2 ** k)   # round the guide; the signs certify
        a, b = max(lo, c - delta), min(hi, c + delta)
        sa, sb = _sign(self.minpoly(a)), _sign(self.minpoly(b))
        if a < b and sa != sb and sa and sb:
            self._lo, self._hi = a, b
            return True
        return False

    def refine(self, bits: Optional[int] = None, digits: Optional[int] = None) -> tuple:
        """Narrow the isolating interval to width at most ``2^-bits`` (or ``10^-digits``).

        Returns the new ``(lo, hi)``. Quadratically convergent Newton steps are tried and
        accepted only when certified by a sign change; otherwise the interval is bisected.
        """
        if (bits is None) == (digits is None):
            raise InputError("refine", "give exactly one of bits= or digits=")
        n = bits if bits is not None else digits
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise InputError("bits" if bits is not None else "digits",
                             f"must be a nonnegative int, got {n!r}")
        width = Q(1, 2 ** bits) if bits is not None else Q(1, 10 ** digits)
        self._refine_to(width)
        return self._lo, self._hi

    def _refine_to(self, width: fmpq) -> None:
        if self.is_rational:
            return
        while self._hi - self._lo > width:
            if not self._newton():
                self._bisect()

    def digits(self, n: int) -> str:
        """The decimal expansion rounded to ``n`` places after the point (correctly rounded).

        For an irrational number the result is the nearest ``n``-place decimal (no ties are
        possible); for a rational one, ties are rounded up (towards +infinity).

        >>> RealAlgebraic([-2, 0, 1], 1, 2).digits(30)
        '1.414213562373095048801688724210'
        """
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise InputError("digits", f"must be a nonnegative int, got {n!r}")
        scale = 10 ** n
        half = Q(1, 2)
        if self.is_rational:
            k = int((self._lo * scale + half).floor())
        else:
            self._refine_to(Q(1, 4 * scale))
            while True:
                a = (self._lo * scale + half).floor()
                b = (self._hi * scale + half).floor()
                if a == b:
                    k = int(a)
                    break
                self._refine_to((self._hi - self._lo) / 4)
        sign = "-" if k < 0 else ""
        whole, frac = divmod(abs(k), scale)
        return f"{sign}{whole}" + (f".{frac:0{n}d}" if n else "")

    def _overlaps(self, lo: fmpq, hi: fmpq, prec: int) -> bool:
        """Does the number's interval meet [lo, hi] after refining to about ``prec`` bits?"""
        self._refine_to(max(hi - lo, Q(1, 2 ** prec)))
        return not (self._hi < lo or hi < self._lo)

    # -- comparison --------------------------------------------------------------------------
    def _cmp_rational(self, r: fmpq) -> int:
        """Sign of (self - r), exactly; narrows the interval as a side effect."""
        if self.is_rational:
            return _sign(self._lo - r)
        if r <= self._lo:
            return 1
        if r >= self._hi:
            return -1
        s = _sign(self.minpoly(r))          # nonzero: an irrational root is no rational r
        if s == self._sign_lo():
            self._lo = r
            return 1
        self._hi = r
        return -1

    def _equal(self, other: "RealAlgebraic") -> bool:
        """Exact equality: the gcd of the two polynomials has a root in both intervals."""
        if self.is_rational or other.is_rational:
            if self.is_rational and other.is_rational:
                return self._lo == other._lo
            return False
        g = self.minpoly.gcd(other.minpoly)
        if g.degree() < 1:
            return False
        lo, hi = max(self._lo, other._lo), min(self._hi, other._hi)
        if lo >= hi:
            return False
        # g divides both minimal polynomials and is irreducible-free of rational roots, so it
        # has at most one (simple) root in [lo, hi], which is then both numbers
        return _sign(g(lo)) != _sign(g(hi))

    def _cmp(self, other: Any) -> int:
        r = _as_rational(other)
        if r is not None:
            return self._cmp_rational(r)
        if isinstance(other, sympy.Expr) and other.is_number:
            try:
                other = RealAlgebraic.from_sympy(other)    # sqrt(2), CRootOf(...): exact
            except InputError as exc:
                raise TypeError(f"cannot compare RealAlgebraic with {other}: "
                                f"{exc.problem}") from None
        if not isinstance(other, RealAlgebraic):
            raise TypeError(f"cannot compare RealAlgebraic with {type(other).__name__}")
        if self.is_rational:
            return -other._cmp_rational(self._lo)
        if other.is_rational:
            return self._cmp_rational(other._lo)
        if self._equal(other):
            return 0
        while not (self._hi <= other._lo or other._hi <= self._lo):
            (self if self._hi - self._lo >= other._hi - other._lo else other)._bisect()
        return 1 if self._lo >= other._hi else -1

    def __eq__(self, other: Any) -> bool:
        try:
            return self._cmp(other) == 0
        except TypeError:
            return NotImplemented

    def __lt__(self, other: Any) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: Any) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: Any) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: Any) -> bool:
        return self._cmp(other) >= 0

    def __hash__(self) -> int:
        if self.is_rational:
            return hash(self._lo)
        return hash((tuple(int(c) for c in self.minpoly.coeffs()), self.index))

    # -- exact arithmetic ---------------------------------------------------------------------------
    # With a rational: an affine change of variable (irreducibility is preserved). With another
    # irrational: a resultant gives a polynomial with the result among its roots, and the root is
    # picked by exact interval arithmetic on the operands' isolating intervals.
    def _affine(self, scale: fmpq, shift: fmpq) -> "RealAlgebraic":
        """The number ``scale * self + shift`` (``scale != 0``): the root of m((x - shift)/scale)."""
        p = _primitive(fmpq_poly(self.minpoly)(fmpq_poly([-shift / scale, 1 / scale])))
        a, b = scale * self._lo + shift, scale * self._hi + shift
        return RealAlgebraic._make(p, min(a, b), max(a, b))

    def _operand(self, other: Any):
        """``other`` as a rational (fmpq) or a RealAlgebraic; None if it is neither."""
        c = _as_rational(other)
        if c is not None:
            return c
        if isinstance(other, RealAlgebraic):
            return other.value if other.is_rational else other
        return None

    def __neg__(self) -> "RealAlgebraic":
        return self._affine(Q(-1), Q(0))

    def __add__(self, other: Any) -> "RealAlgebraic":
        o = self._operand(other)
        if o is None:
            return NotImplemented
        if self.is_rational:
            return RealAlgebraic.from_rational(self.value + o) if isinstance(o, fmpq) else \
                o._affine(Q(1), self.value)
        if isinstance(o, fmpq):
            return self._affine(Q(1), o)
        return _sum(self, o)

    __radd__ = __add__

    def __sub__(self, other: Any) -> "RealAlgebraic":
        o = self._operand(other)
        return NotImplemented if o is None else self + (-o)

    def __rsub__(self, other: Any) -> "RealAlgebraic":
        o = self._operand(other)
        return NotImplemented if o is None else (-self) + o

    def __mul__(self, other: Any) -> "RealAlgebraic":
        o = self._operand(other)
        if o is None:
            return NotImplemented
        if self.is_rational:
            if isinstance(o, fmpq):
                return RealAlgebraic.from_rational(self.value * o)
            return o * self.value
        if isinstance(o, fmpq):
            return RealAlgebraic.from_rational(0) if o == 0 else self._affine(o, Q(0))
        return _product(self, o)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> "RealAlgebraic":
        o = self._operand(other)
        if o is None:
            return NotImplemented
        if o == 0:
            raise ZeroDivisionError("RealAlgebraic division by zero")
        return self * (1 / o if isinstance(o, fmpq) else o._inverse())

    def __rtruediv__(self, other: Any) -> "RealAlgebraic":
        o = self._operand(other)
        if o is None:
            return NotImplemented
        if self.is_rational:
            if self.value == 0:
                raise ZeroDivisionError("RealAlgebraic division by zero")
            return RealAlgebraic.from_rational(o / self.value) if isinstance(o, fmpq) else \
                o * (1 / self.value)
        return self._inverse() * o

    def _inverse(self) -> "RealAlgebraic":
        """1 / self for an irrational self (never 0): the reversed minimal polynomial."""
        while self._lo <= 0 <= self._hi:
            self._bisect()
        p = fmpz_poly(self.minpoly.coeffs()[::-1])
        p = -p if p.coeffs()[-1] < 0 else p
        return RealAlgebraic._make(p, 1 / self._hi, 1 / self._lo)

    def __pow__(self, k: int) -> "RealAlgebraic":
        if not isinstance(k, int) or isinstance(k, bool):
            return NotImplemented
        if k < 0:
            return (1 / self) ** -k
        return self.apply(fmpq_poly([0] * k + [1]))

    def apply(self, poly: Any) -> "RealAlgebraic":
        """The exact number ``poly(self)`` for a polynomial with rational coefficients.

        Its minimal polynomial divides the resultant ``res_y(m(y), d x - P(y))`` where
        ``poly = P/d``; the right root is picked by exact interval evaluation of ``poly`` on the
        isolating interval.

        >>> s = real_roots([-2, 0, 1])[1]
        >>> s.apply([0, 1, -Q(1, 2)]).digits(10)                # sqrt(2) - 1 = s - s^2/2
        '0.4142135624'
        """
        p = as_fmpq_poly(poly)
        if self.is_rational:
            return RealAlgebraic.from_rational(p(self.value))
        if p.degree() < 1:
            return RealAlgebraic.from_rational(p(0))
        num, den = p.numer(), p.denom()
        X, Y = _XY.gens()
        res = _in_y(self.minpoly).resultant(den * X - _in_y(num), "y")

        def enclose():
            out = _interval_horner(p, self._lo, self._hi)
            self._bisect()
            return out
        return _identify(_univariate(res), enclose)

    # -- polynomials at the number ---------------------------------------------------------------
    def sign_at(self, poly: Any) -> int:
        """The exact sign (-1, 0, 1) of the polynomial ``poly`` at this number.

        Zero iff the minimal polynomial divides ``poly``; otherwise the interval is refined
        until Descartes' rule shows that ``poly`` has no root in it.
        """
        p = as_fmpq_poly(poly)
        if self.is_rational:
            return _sign(p(self._lo))
        r = p % fmpq_poly(self.minpoly)
        if r.is_zero():
            return 0
        z = _primitive(r)
        scale = _sign(r.coeffs()[-1])           # z = positive multiple of scale * r
        while True:
            a, b = _sign(z(self._lo)), _sign(z(self._hi))
            if a and a == b and _descartes01(_on_unit(fmpq_poly(z), self._lo, self._hi)) == 0:
                return a * scale                 # r(root) = p(root) and z = c * r, sign(c) = scale
            self._bisect()

    def __repr__(self) -> str:
        if self.is_rational:
            return f"RealAlgebraic({self._lo})"
        return f"RealAlgebraic({_pstr(self.minpoly)}, {self._lo} < root < {self._hi})"

    __str__ = __repr__


_XY = fmpz_mpoly_ctx.get(("x", "y"), "lex")


def _in_y(p: fmpz_poly) -> fmpz_mpoly:
    """The univariate ``p`` as a polynomial in ``y`` of Z[x, y]."""
    return _XY.from_dict({(0, i): c for i, c in enumerate(p.coeffs()) if c})


def _univariate(r: fmpz_mpoly) -> fmpz_poly:
    """A polynomial of Z[x, y] free of ``y`` as an ``fmpz_poly`` in ``x``."""
    coeffs: dict = {}
    for (i, j), c in r.to_dict().items():
        coeffs[i] = c
    return fmpz_poly([coeffs.get(k, 0) for k in range(max(coeffs) + 1)])


def _interval_mul(a: tuple, b: tuple) -> tuple:
    products = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return min(products), max(products)


def _interval_horner(p: fmpq_poly, lo: fmpq, hi: fmpq) -> tuple:
    """An exact rational interval containing ``p(t)`` for every ``t`` in ``[lo, hi]``."""
    c = p.coeffs()
    acc = (c[-1], c[-1])
    for k in reversed(c[:-1]):
        m = _interval_mul(acc, (lo, hi))
        acc = (m[0] + k, m[1] + k)
    return acc


def _identify(candidates: fmpz_poly, enclose) -> "RealAlgebraic":
    """The unique real root of ``candidates`` inside the shrinking enclosures ``enclose()``.

    Certified: the number sought is a root of ``candidates`` and lies in every enclosure, so
    when exactly one isolated root meets an enclosure, that root is the number.
    """
    roots = real_roots(candidates)
    while True:
        lo, hi = enclose()
        hits = [r for r in roots if not (r._hi < lo or hi < r._lo)]
        if len(hits) == 1:
            return hits[0]
        if not hits:  # pragma: no cover - impossible unless the resultant is wrong
            raise ArithmeticError("no root of the resultant in the enclosure")
        for r in hits:
            r._refine_to(max(hi - lo, Q(1, 2 ** 4096)) / 2)


def _sum(a: "RealAlgebraic", b: "RealAlgebraic") -> "RealAlgebraic":
    """a + b for irrational a, b: a root of res_y(m_a(y), m_b(x - y))."""
    X, Y = _XY.gens()
    shifted = _XY.from_dict({})
    for i, c in enumerate(b.minpoly.coeffs()):
        if c:
            shifted += c * (X - Y) ** i
    res = _in_y(a.minpoly).resultant(shifted, "y")

    def enclose():
        out = (a._lo + b._lo, a._hi + b._hi)
        a._bisect()
        b._bisect()
        return out
    return _identify(_univariate(res), enclose)


def _product(a: "RealAlgebraic", b: "RealAlgebraic") -> "RealAlgebraic":
    """a * b for irrational a, b: a root of res_y(m_a(y), y^d m_b(x / y)), d = deg m_b."""
    d = b.minpoly.degree()
    scaled = _XY.from_dict({(i, d - i): c for i, c in enumerate(b.minpoly.coeffs()) if c})
    res = _in_y(a.minpoly).resultant(scaled, "y")

    def enclose():
        out = _interval_mul((a._lo, a._hi), (b._lo, b._hi))
        a._bisect()
        b._bisect()
        return out
    return _identify(_univariate(res), enclose)


def _pstr(p: fmpz_poly) -> str:
    """``x^5 - x - 1`` rather than flint's ``x^5 + (-1)*x + (-1)``."""
    terms = []
    for i in range(p.degree(), -1, -1):
        c = int(p.coeffs()[i])
        if c == 0:
            continue
        mag = abs(c)
        body = ("" if mag == 1 and i else str(mag)) + ("" if i == 0 else
                                                       ("*" if mag != 1 else "") + "x" +
                                                       (f"^{i}" if i > 1 else ""))
        terms.append(("-" if c < 0 else "+", body))
    s = "".join(f" {sg} {b}" for sg, b in terms).strip()
    return s[2:] if s.startswith("+ ") else "-" + s[2:]


def real_roots(poly: Any, interval: Optional[tuple] = None) -> list:
    """All real roots of ``poly`` (in the closed ``interval`` if given), sorted, exact.

    Parameters
    ----------
    poly : polynomial
        See :func:`as_fmpq_poly`: ``fmpq_poly``/``fmpz_poly``, coefficients from the constant
        term up, ``sympy.Poly`` or a univariate sympy polynomial. Multiple roots are reported
        once.
    interval : (a, b), optional
        Rational bounds (numbers or strings); roots with ``a <= root <= b`` are returned.

    Returns
    -------
    list of RealAlgebraic
        Distinct roots in increasing order, each with its minimal polynomial.

    Raises
    ------
    InputError
        for the zero polynomial, a non-rational coefficient or an empty interval.

    Examples
    --------
    >>> [r.digits(6) for r in real_roots([0, -3, 0, 1])]        # x^3 - 3x
    ['-1.732051', '0.000000', '1.732051']
    >>> real_roots([-2, 0, 1], interval=(0, 1))
    []
    """
    p = as_fmpq_poly(poly)
    if p.is_zero():
        raise InputError("poly", "the zero polynomial has every number as a root")
    if interval is not None:
        if not isinstance(interval, (tuple, list)) or len(interval) != 2:
            raise InputError("interval", f"expected (a, b), got {interval!r}")
        a, b = parse_q(interval[0], "interval[0]"), parse_q(interval[1], "interval[1]")
        if a > b:
            raise InputError("interval", f"empty interval [{a}, {b}]")
    if p.degree() < 1:
        return []
    _, factors = _primitive(p).factor()
    out = []
    for f, _mult in factors:
        f = -f if f.coeffs()[-1] < 0 else f
        if f.degree() == 1:
            c0, c1 = f.coeffs()
            v = Q(-c0, c1)
            if interval is None or a <= v <= b:
                out.append(RealAlgebraic._make(f, v, v, 0))
            continue
        bound = _root_bound(f)
        if interval is None:
            lo, hi, first = -bound, bound, 0
        else:
            lo, hi, first = max(a, -bound), min(b, bound), None
            if lo >= hi:
                continue
        for i, (u, v) in enumerate(_isolate(f, lo, hi)):
            out.append(RealAlgebraic._make(f, u, v, None if first is None else first + i))
    out.sort()
    return out


# -- rigorous enclosures -----------------------------------------------------------------------

def _arb_bounds(ball: arb) -> tuple:
    """Exact rational end points of an arb ball."""
    def exact(x: arb) -> fmpq:
        m, e = x.man_exp()
        return Q(m) * Q(2) ** int(e) if e >= 0 else Q(m, fmpz(2) ** int(-e))
    return exact(ball.lower()), exact(ball.upper())


def arb_enclosure(expr, prec: int = 128) -> Optional[arb]:
    """A rigorous ball (python-flint ``arb``) containing the real sympy constant ``expr``.

    Handles rationals, ``pi``, ``E``, ``+``, ``*``, integer and rational powers, ``exp``, ``log``,
    ``Abs``, ``Min``, ``Max`` and real ``CRootOf`` (through :func:`real_roots`); returns None for anything else or when a power or ``log`` has a
    base not certified positive. ``prec`` is the working precision in bits.
    """
    old = _flint_ctx.prec
    try:
        _flint_ctx.prec = prec
        return _ball(expr)
    except _NoBall:
        return None
    finally:
        _flint_ctx.prec = old


class _NoBall(Exception):
    pass


def _ball(e) -> arb:
    if e.is_Rational:
        return arb(Q(int(e.p), int(e.q)))
    if e is sympy.pi:
        return arb.pi()
    if e is sympy.E:
        return arb.const_e()
    if e.is_Add or e.is_Mul:
        acc = arb(0) if e.is_Add else arb(1)
        for a in e.args:
            acc = acc + _ball(a) if e.is_Add else acc * _ball(a)
        return acc
    if e.is_Pow and e.exp.is_Rational:
        b = _ball(e.base)
        if e.exp.is_Integer:
            return b ** int(e.exp)
        if not b > 0:
            raise _NoBall
        return (b.log() * arb(Q(int(e.exp.p), int(e.exp.q)))).exp()
    if isinstance(e, sympy.exp):
        return _ball(e.args[0]).exp()
    if isinstance(e, sympy.log):
        b = _ball(e.args[0])
        if not b > 0:
            raise _NoBall
        return b.log()
    if isinstance(e, sympy.Abs):
        return abs(_ball(e.args[0]))
    if isinstance(e, (sympy.Min, sympy.Max)):
        balls = [_ball(a) for a in e.args]
        acc = balls[0]
        for b in balls[1:]:
            acc = acc.min(b) if isinstance(e, sympy.Min) else acc.max(b)
        return acc
    if isinstance(e, sympy.CRootOf) and e.is_real and e.poly.is_sqf:
        r = real_roots(e.poly)[e.index]          # sympy lists the real roots first, ascending
        lo, hi = r.refine(bits=_flint_ctx.prec + 8)
        return arb(lo).union(arb(hi))
    raise _NoBall
