"""Section 2-3 on payoffs given on a finite grid: exact supdifferentials, (3), (4), Props. 1-3.

A *grid payoff* is a tuple ``f`` with ``f[k] = pi(k)`` at the quota ``k = 0, ..., m`` of the line
``Q = R`` and ``None`` for ``-inf``; ``pi = -inf`` off the grid. Such a ``pi`` is proper when some
value is finite, and need not be concave (its domain is not even convex), which is the generality
of Proposition 2 ("presumes no concavity"). Everything below is exact:

- Definition 1: ``p in d pi(q)`` iff ``pi(q') <= pi(q) + p (q' - q)`` for every ``q'``; only the
  finite grid values constrain ``p``, so :func:`supdifferential` is an exact closed interval
  ``[max_{q' > q} slope, min_{q' < q} slope]`` (``None`` ends are infinite), or ``None`` (empty;
  always empty where ``pi(q) = -inf``).
- (3): :func:`conjugate` ``pi*(p) = max_k pi(k) - p k``, a maximum of finitely many affine
  functions of ``p``: convex and piecewise linear, with breaks only at the chord slopes
  ``(pi(a) - pi(b)) / (a - b)`` (:func:`breakpoints`).
- (4): :func:`convolution` by enumerating the splits of ``q_J`` over the grids.

Quantifiers over prices. Every price function used by Props. 1 and 3 (``pi_i*``, sums of them,
``pi_i(q) - p q``) is piecewise linear with breaks among the chord slopes. :func:`on_interval`
decides ``F >= 0`` or ``F = 0`` for *every* ``p`` of an interval: it evaluates ``F`` at the
interval's finite ends, at every break inside it and at two points beyond the last break on each
unbounded side (``F`` is affine between consecutive points, and on the unbounded pieces the two
far points give the slope), so a finite exact check covers the whole interval.

Examples
--------
>>> f = (0, 1, None)                      # the note's E4 on the grid {0, 1}: pi = q^2
>>> supdifferential(f, 1), supdifferential(f, 0)     # the note: (-inf, 1] and [1, inf)
((None, 1), (1, None))
>>> convolution([f, f], 1)
(1, [(0, 1), (1, 0)])
>>> str(conjugate(f, Q(1, 2)))
'1/2'
"""

from __future__ import annotations

import itertools
from typing import Callable, Optional, Sequence

from exact.numbers import Q

__all__ = ["supdifferential", "intersect", "conjugate", "breakpoints", "convolution",
           "on_interval", "coalition_value", "grid_payoffs", "finite"]


def finite(f: Sequence) -> list:
    """The grid points where ``f`` is finite."""
    return [k for k, v in enumerate(f) if v is not None]


def supdifferential(f: Sequence, q: int) -> Optional[tuple]:
    """``d pi(q)`` (Definition 1) as ``(lo, hi)`` (``None`` = infinite end), or ``None`` if empty."""
    if not 0 <= q < len(f) or f[q] is None:
        return None
    lo = hi = None
    for k in finite(f):
        if k == q:
            continue
        s = Q(f[k] - f[q]) / (k - q)
        if k > q:
            lo = s if lo is None else max(lo, s)
        else:
            hi = s if hi is None else min(hi, s)
    if lo is not None and hi is not None and lo > hi:
        return None
    return (lo, hi)


def intersect(intervals: Sequence[Optional[tuple]]) -> Optional[tuple]:
    """The intersection of closed intervals ``(lo, hi)`` (``None`` entries are empty sets)."""
    lo = hi = None
    for iv in intervals:
        if iv is None:
            return None
        a, b = iv
        if a is not None:
            lo = a if lo is None else max(lo, a)
        if b is not None:
            hi = b if hi is None else min(hi, b)
    if lo is not None and hi is not None and lo > hi:
        return None
    return (lo, hi)


def conjugate(f: Sequence, p) -> Q:
    """``pi*(p) = sup_q pi(q) - p q`` of (3) (``f`` proper)."""
    p = Q(p)
    return max(Q(f[k]) - p * k for k in finite(f))


def breakpoints(payoffs: Sequence[Sequence]) -> list:
    """Every chord slope ``(pi(a) - pi(b)) / (a - b)`` of every payoff, sorted (no repeats)."""
    out = sorted(Q(f[b] - f[a]) / (b - a) for f in payoffs
                 for a, b in itertools.combinations(finite(f), 2))
    return [v for k, v in enumerate(out) if k == 0 or v != out[k - 1]]


def convolution(payoffs: Sequence[Sequence], total: int) -> tuple:
    """``(pi_J(q_J), optimal splits)`` of (4); ``(None, [])`` when every split is ``-inf``."""
    best, arg = None, []
    for split in itertools.product(*[finite(f) for f in payoffs]):
        if sum(split) != total:
            continue
        v = sum(Q(f[k]) for f, k in zip(payoffs, split))
        if best is None or v > best:
            best, arg = v, [split]
        elif v == best:
            arg.append(split)
    return best, arg


def coalition_value(payoffs: Sequence[Sequence], coalition: Sequence[int], rights: Sequence[int]):
    """``underline pi_I(underline q_I)`` of Prop. 3 (``None`` for ``-inf``)."""
    return convolution([payoffs[i] for i in coalition], sum(rights[i] for i in coalition))[0]


def on_interval(F: Callable, interval: tuple, breaks: Sequence, relation: str) -> Optional[Q]:
    """``None`` if ``F(p) >= 0`` (``relation=">="``) or ``F(p) = 0`` (``"=="``) for every ``p`` in
    the closed ``interval``; otherwise a price where it fails.

    ``F`` must be affine between consecutive ``breaks`` (sorted; module docstring). Far beyond the
    last break ``F`` is affine: there ``F >= 0`` for all ``p`` iff it holds at the first far point
    and ``F`` does not decrease outwards, and ``F = 0`` iff it vanishes at both far points.
    """
    lo, hi = interval
    pts = [b for b in breaks if (lo is None or b >= lo) and (hi is None or b <= hi)]
    ends = [e for e in (lo, hi) if e is not None]
    span = [*breaks[:1], *breaks[-1:], *ends] or [Q(0)]
    rays = []
    if lo is None:
        far = min(span) - 1
        rays.append((far, far - 1))
    if hi is None:
        far = max(span) + 1
        rays.append((far, far + 1))
    equal = relation == "=="
    for p in [*ends, *pts, *(x for ray in rays for x in ray)]:
        v = F(p)
        if (v != 0) if equal else (v < 0):
            return p
    if not equal:
        for near, far in rays:
            a, b = F(near), F(far)
            if b < a:
                # decreasing outwards: negative beyond distance a / (a - b); name such a price
                return near + (far - near) * (a / (a - b) + 1)
    return None


def grid_payoffs(m: int, values: Sequence) -> list:
    """Every proper grid payoff on ``{0, ..., m}`` with values in ``values`` (``None`` = ``-inf``)."""
    return [f for f in itertools.product(values, repeat=m + 1) if any(v is not None for v in f)]
