"""Lemma 7's cases for *every* guarantee phi at once: the exact phi-intervals of each case.

For fixed ``(n, m, k)`` the envelope's structure depends on the relative position of the roots in
``q`` of three polynomials that are affine in ``phi`` (Section 3.1, Lemma 7):

* ``H = c^ic - c^aud = m - n phi - E_k(q)`` (root ``z2``),
* ``K = c^ic - c^allo = m - n q phi - E_m(q)`` (roots ``0`` and ``z1``),
* ``D = c^allo - c^aud = E_m(q) - E_k(q) - n (1 - q) phi`` (roots ``r1, r2`` and ``1``).

As ``phi`` moves, the sequence of binding labels on ``[0, 1]`` can change only at an *event*: a
root enters or leaves ``[0, 1]`` through an end point, two roots of one polynomial merge (a
root of its discriminant in ``q``), roots of two polynomials meet (a root of their resultant:
since ``D = H - K`` all three functions are then equal, a *triple point*), or the degree in ``q``
drops. Every event ``phi`` is a real root of one univariate polynomial in ``phi`` computed here
exactly (python-flint ``fmpq_mpoly`` resultants and discriminants), so between consecutive
events the pattern is constant; it is read off exactly at one rational ``phi`` inside each open
interval (:func:`proofs.verification.regions.runs`). A pattern made of runs of positive length
is an open condition in ``phi`` (strict inequalities between continuous functions on open
sets of ``q``), so a pattern that holds at an event also holds on an adjacent interval: the
intervals' patterns are all the patterns that occur for ``phi`` in ``(0, m/n)``.

This decides, for each ``(n, m, k)``, *for all phi* and not on a grid: which of Lemma 7's cases
occur, the exact case-2.b window (the paper's generic case and Example 1's) with algebraic end
points, and whether case 2.a (``ic allo aud allo``) occurs at all.

Examples
--------
>>> iv = intervals(3, 2, 1)
>>> [x.pattern for x in iv]
['aud allo', 'ic aud allo', 'ic allo']
>>> iv[1].hi.digits(12)                      # phi-hat = (5 sqrt 2 - 6)/3, the triple point
'0.357022603955'
"""

from __future__ import annotations

import dataclasses
import functools
from math import comb

from flint import fmpq, fmpq_mpoly_ctx, fmpq_poly

from exact.algebraic import RealAlgebraic, real_roots
from exact.numbers import Q

from . import regions

__all__ = ["CASE_OF_PATTERN", "PhiInterval", "envelope_polys", "event_polys", "events",
           "intervals", "window", "case_of", "window_points", "interval_points",
           "inner_rationals"]

#: Lemma 7's case of each envelope pattern (for phi > (m-k)/n; "aud allo" is case 1)
CASE_OF_PATTERN = {"aud allo": "1", "aud": "1", "ic allo aud allo": "2.a", "ic aud allo": "2.b",
                   "ic allo": "3", "ic": "3"}

_CTX = fmpq_mpoly_ctx.get(("q", "p"), "lex")


def _expected_min(n: int, r: int):
    """``E[min{Bin(n, 1 - q), r}]`` as an element of ``Q[q, p]``."""
    q, _ = _CTX.gens()
    one = _CTX.from_dict({(0, 0): 1})
    out = _CTX.from_dict({})
    for i in range(1, n + 1):
        out += min(i, r) * comb(n, i) * (one - q) ** i * q ** (n - i)
    return out


def envelope_polys(n: int, m: int, k: int) -> dict:
    """``H``, ``K``, ``D`` of the module docstring in ``Q[q, p]`` (``p`` = phi)."""
    q, p = _CTX.gens()
    em, ek = _expected_min(n, m), _expected_min(n, k)
    return {"H": m - n * p - ek, "K": m - n * q * p - em, "D": em - ek - n * (1 - q) * p}


def _strip(f, root):
    """Divide out every factor ``q - root`` that ``f`` has for all ``phi``."""
    q, _ = _CTX.gens()
    lin = q - root
    while not f.is_zero() and f.subs({"q": root}).is_zero():
        quo, rem = divmod(f, lin)
        if not rem.is_zero():
            raise ArithmeticError("exact division by q - root failed")
        f = quo
    return f


def _univariate_p(f) -> fmpq_poly:
    """An element of ``Q[p]`` (no ``q``) as an ``fmpq_poly``."""
    coeffs = {}
    for (dq, dp), c in f.to_dict().items():
        if dq:
            raise ArithmeticError("expected a polynomial in phi only")
        coeffs[dp] = c
    top = max(coeffs, default=0)
    return fmpq_poly([coeffs.get(i, 0) for i in range(top + 1)])


def _leading_in_q(f):
    d = f.degrees()[0]
    return _CTX.from_dict({(0, dp): c for (dq, dp), c in f.to_dict().items() if dq == d})


def event_polys(n: int, m: int, k: int) -> dict:
    """Univariate polynomials in phi whose real roots contain every event (see module doc)."""
    e = envelope_polys(n, m, k)
    red = {"H": e["H"], "K": _strip(_strip(e["K"], 0), 1), "D": _strip(_strip(e["D"], 1), 0)}
    out = {}
    for name, f in red.items():
        if f.degrees()[0] >= 2:
            out[f"disc {name}"] = _univariate_p(f.discriminant("q"))
        out[f"lead {name}"] = _univariate_p(_leading_in_q(f))
        out[f"{name}(0)"] = _univariate_p(f.subs({"q": 0}))
        out[f"{name}(1)"] = _univariate_p(f.subs({"q": 1}))
    out["res H K"] = _univariate_p(red["H"].resultant(red["K"], "q"))
    out["res H D"] = _univariate_p(red["H"].resultant(red["D"], "q"))
    out["res K D"] = _univariate_p(red["K"].resultant(red["D"], "q"))
    return out


def events(n: int, m: int, k: int) -> list:
    """All event values of phi in ``[0, m/n]`` (exact, sorted, with 0, (m-k)/n and m/n)."""
    top = Q(m, n)
    pts = [RealAlgebraic.from_rational(x) for x in sorted({Q(0), Q(m - k, n), top})]
    for poly in event_polys(n, m, k).values():
        if poly.is_zero() or poly.degree() < 1:
            continue
        for r in real_roots(poly, (0, top)):
            if not any(r == x for x in pts):
                pts.append(r)
    pts.sort()
    return pts


@dataclasses.dataclass
class PhiInterval:
    """An open interval ``(lo, hi)`` of phi on which the envelope pattern is constant."""

    lo: RealAlgebraic
    hi: RealAlgebraic
    sample: fmpq
    pattern: str

    @property
    def case(self) -> str:
        return CASE_OF_PATTERN.get(self.pattern, "other")

    def to_json(self) -> dict:
        return {"lo": regions.number_json(self.lo), "hi": regions.number_json(self.hi),
                "sample": str(self.sample), "pattern": self.pattern, "case": self.case}


@functools.lru_cache(maxsize=256)
def intervals(n: int, m: int, k: int) -> list:
    """The maximal phi-intervals of ``(0, m/n)`` with one envelope pattern each (exact).

    Consecutive event intervals with the same pattern are merged; ``sample`` is the simplest
    rational of the first merged piece.
    """
    ev = events(n, m, k)
    out: list[PhiInterval] = []
    for a, b in zip(ev, ev[1:]):
        s = regions.between(a, b)
        x = Q(int(s.p), int(s.q))
        pat = regions.pattern(regions.runs(n, m, k, x))
        if out and out[-1].pattern == pat:
            out[-1].hi = b
        else:
            out.append(PhiInterval(a, b, x, pat))
    return out


def case_of(n: int, m: int, k: int, ph) -> str:
    """Lemma 7's case at a rational phi in ``(0, m/n]``: ``"1"`` for phi <= (m-k)/n, else read
    off the exact phi-intervals (:func:`intervals`; at an event point, from the envelope)."""
    ph = Q(ph)
    if ph <= Q(m - k, n):
        return "1"
    for iv in intervals(n, m, k):
        if iv.lo < ph < iv.hi:
            return iv.case
    pat = regions.pattern(regions.runs(n, m, k, ph))
    return CASE_OF_PATTERN.get(pat, "other")


def window(n: int, m: int, k: int, case: str = "2.b") -> list:
    """The phi-intervals on which ``case`` holds (a list of :class:`PhiInterval`)."""
    return [iv for iv in intervals(n, m, k) if iv.case == case]


def inner_rationals(lo: RealAlgebraic, hi: RealAlgebraic, count: int) -> list:
    """``count`` rationals strictly inside ``(lo, hi)``, evenly spread: the simplest rational in
    the middle half of each of ``count`` equal parts (bounds taken just inside the exact end
    points), so the points depend on the numbers only, not on their isolating intervals."""
    if count <= 0:
        return []
    a = lo.value if lo.is_rational else Q(lo.refine(bits=48)[1])
    b = hi.value if hi.is_rational else Q(hi.refine(bits=48)[0])
    out = []
    for j in range(count):
        u = a + (b - a) * Q(4 * j + 1, 4 * count)
        v = a + (b - a) * Q(4 * j + 3, 4 * count)
        s = regions.simplest_between(regions._sq(u), regions._sq(v))
        out.append(Q(int(s.p), int(s.q)))
    return out


def interval_points(iv: PhiInterval, count: int) -> list:
    """``count`` rational phi inside the open interval ``iv`` (:func:`inner_rationals`)."""
    return inner_rationals(iv.lo, iv.hi, count)


def window_points(n: int, m: int, k: int, count: int, case: str = "2.b") -> list:
    """``count`` rational phi inside each interval of the ``case`` window (empty if the case
    never occurs)."""
    return [x for iv in window(n, m, k, case) for x in interval_points(iv, count)]
