"""Sup-convolution (4)/(6) in exact arithmetic: quadratic agents, ray-step functions, LP form.

- :class:`QuadraticAgent`: ``pi_i(x, q) = a q - b q^2 / (2x)`` for ``q >= 0`` and ``-inf`` for
  ``q < 0`` (note A2.2; ``x = 1`` is the no-stock-effect case). :func:`water_fill` solves (6)
  by equal margins (Prop. 2), exactly; :func:`conjugate` is the competitive profit (3);
  :func:`autarky` the coalition values of Prop. 3.
- :class:`RayStep`: a function on the segment ``[0, d]`` of ``R^k``, ``v0`` at the origin and
  ``v1`` on the rest (``-inf`` off the segment). Each is quasi-concave (its upper level sets are
  the segment, the origin or the half-open segment); sums of two of them are the smallest
  witnesses to the erratum on quasi-concavity (Definition 2), and :func:`ray_convolution`
  evaluates their sup-convolution exactly.
- :func:`interval_convolution_lp`: (4) for payoffs ``pi_i(q) = c_i q`` on intervals, with ``=`` or
  with ``<=`` (the second display after (4)), as a certified exact LP.

Reference: paper, Section 3, Definition 2 and Propositions 1-3; note A1.5, A2.2, A2.4, E3-E5.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Optional, Sequence

from exact.errors import InputError
from exact.lp import solve_lp
from exact.numbers import Q, as_q, parse_q

__all__ = ["rational", "QuadraticAgent", "water_fill", "conjugate", "supgradients", "convolution_value",
           "autarky", "core_violations", "RayStep", "ray_convolution",
           "quasiconcavity_violation", "interval_convolution_lp"]


# -- quadratic agents --------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class QuadraticAgent:
    """``pi_i(x, q) = a q - b q^2 / (2x)`` on ``q >= 0`` (note A2.2); ``b > 0``."""

    a: object
    b: object

    def __post_init__(self):
        object.__setattr__(self, "a", rational(self.a, "a"))
        object.__setattr__(self, "b", rational(self.b, "b"))
        if self.b <= 0:
            raise InputError("b", f"must be > 0, got {self.b}")

    def payoff(self, x, q):
        """``pi_i(x, q)``; ``None`` stands for ``-inf`` (``q < 0``)."""
        x, q = as_q(x), as_q(q)
        if q < 0:
            return None
        return self.a * q - self.b * q * q / (2 * x)

    def demand(self, x, p):
        """The maximiser of ``pi_i(x, q) - p q`` over ``q >= 0``: ``max(0, x (a - p) / b)``."""
        return max(Q(0), as_q(x) * (self.a - as_q(p)) / self.b)


def rational(v, field: str):
    """An exact rational from trusted data (int, fmpq, sympy Rational) or text ("3/4")."""
    if isinstance(v, str):
        return parse_q(v, field)
    try:
        return as_q(v)
    except TypeError:
        raise InputError(field, f"not an exact rational: {v!r}") from None


def water_fill(agents: Sequence[QuadraticAgent], x, total) -> tuple:
    """Solve (6) for quadratic agents by equal margins: ``(price p, shares q_i)``.

    The price is the smallest supgradient of the convolution at ``total`` (for ``total > 0`` it
    is unique); shares are ``demand_i(p)``, which sum to ``total`` exactly.
    """
    x, total = as_q(x), as_q(total)
    if x <= 0:
        raise InputError("x", f"the stock must be > 0, got {x}")
    if total < 0:
        raise InputError("total", f"the total quota must be >= 0, got {total}")
    order = sorted(range(len(agents)), key=lambda i: (-agents[i].a, i))
    if total == 0:
        p = agents[order[0]].a
        return p, [Q(0)] * len(agents)
    for k in range(1, len(agents) + 1):
        active = [agents[i] for i in order[:k]]
        p = (sum(ag.a / ag.b for ag in active) - total / x) / sum(1 / ag.b for ag in active)
        nxt = agents[order[k]].a if k < len(agents) else None
        if p <= active[-1].a and (nxt is None or p >= nxt):
            shares = [ag.demand(x, p) for ag in agents]
            return p, shares
    raise RuntimeError("water filling found no active set")  # pragma: no cover - p_n <= a_n


def supgradients(agent: QuadraticAgent, x, q) -> tuple:
    """``d pi_i(x, q)`` as an interval ``(lo, hi)``; ``hi = None`` means ``+inf`` (at ``q = 0``)."""
    x, q = as_q(x), as_q(q)
    if q < 0:
        return None
    if q == 0:
        return agent.a, None
    m = agent.a - agent.b * q / x
    return m, m


def conjugate(agent: QuadraticAgent, x, p):
    """The competitive profit (3): ``sup_{q >= 0} pi_i(x, q) - p q = x max(a - p, 0)^2 / (2b)``."""
    q = agent.demand(x, p)
    return agent.payoff(x, q) - as_q(p) * q


def convolution_value(agents: Sequence[QuadraticAgent], x, total):
    """``pi(x, total)`` of (6) and the optimal split."""
    p, shares = water_fill(agents, x, total)
    return sum(ag.payoff(x, qi) for ag, qi in zip(agents, shares)), p, shares


def autarky(agents, x, rights, coalition) -> object:
    """Prop. 3: the value of coalition ``I`` going alone with its own rights ``sum_{i in I} rights_i``."""
    members = [agents[i] for i in coalition]
    return convolution_value(members, x, sum(as_q(rights[i]) for i in coalition))[0]


def core_violations(agents, x, rights, p) -> list:
    """Prop. 3 (core): coalitions ``I`` with ``sum_{i in I} kappa_i(p) < autarky_I``, and the grand
    coalition when budget balance ``sum kappa_i = pi(x, sum rights)`` fails."""
    kappa = [conjugate(ag, x, p) + as_q(p) * as_q(w) for ag, w in zip(agents, rights)]
    bad = []
    n = len(agents)
    for size in range(1, n + 1):
        for I in itertools.combinations(range(n), size):
            v = autarky(agents, x, rights, I)
            got = sum(kappa[i] for i in I)
            if got < v or (size == n and got != v):
                bad.append({"coalition": list(I), "sum_kappa": got, "autarky": v})
    return bad


# -- ray-step functions (quasi-concavity erratum) ---------------------------------------------

@dataclasses.dataclass(frozen=True)
class RayStep:
    """``v0`` at the origin, ``v1`` on ``{t d : 0 < t <= 1}``, ``-inf`` elsewhere (in ``R^k``)."""

    d: tuple
    v0: object
    v1: object

    def __post_init__(self):
        d = tuple(as_q(c) for c in self.d)
        if not any(d):
            raise InputError("d", "the direction must be non-zero")
        object.__setattr__(self, "d", d)
        object.__setattr__(self, "v0", as_q(self.v0))
        object.__setattr__(self, "v1", as_q(self.v1))

    def at(self, t):
        """The value at ``t d`` for ``t`` in ``[0, 1]``."""
        return self.v0 if t == 0 else self.v1

    def upper_level_sets(self) -> list:
        """Every distinct upper level set ``{pi >= c}`` as ``(c, description)``: each is convex
        (the whole segment, the origin, or the half-open segment ``(0, 1] d``)."""
        lo, hi = min(self.v0, self.v1), max(self.v0, self.v1)
        sets = [(lo, "segment [0, d]")]
        if hi > lo:
            sets.append((hi, "origin" if self.v0 > self.v1 else "half-open segment (0, d]"))
        return sets

    def to_json(self) -> dict:
        return {"d": list(self.d), "v0": self.v0, "v1": self.v1}


def _solve_2(d1, d2, y) -> Optional[list]:
    """The feasible set ``{(t1, t2) in [0,1]^2 : t1 d1 + t2 d2 = y}`` as its end points (0, 1 or 2)."""
    k = len(y)
    for i, j in itertools.combinations(range(k), 2):
        det = d1[i] * d2[j] - d1[j] * d2[i]
        if det != 0:
            t1 = (y[i] * d2[j] - y[j] * d2[i]) / det
            t2 = (d1[i] * y[j] - d1[j] * y[i]) / det
            if all(t1 * d1[c] + t2 * d2[c] == y[c] for c in range(k)) and 0 <= t1 <= 1 \
                    and 0 <= t2 <= 1:
                return [(t1, t2)]
            return []
    # collinear: d2 = c d1; y must be s d1; t1 + c t2 = s over the unit square
    piv = next(i for i in range(k) if d1[i] != 0)
    c, s = d2[piv] / d1[piv], y[piv] / d1[piv]
    if any(d2[i] != c * d1[i] or y[i] != s * d1[i] for i in range(k)):
        return []
    # t2 in [0,1] with t1 = s - c t2 in [0,1]
    lo, hi = Q(0), Q(1)
    if c > 0:
        lo, hi = max(lo, (s - 1) / c), min(hi, s / c)
    elif c < 0:
        lo, hi = max(lo, s / c), min(hi, (s - 1) / c)
    elif not 0 <= s <= 1:
        return []
    if lo > hi:
        return []
    return [(s - c * lo, lo)] if lo == hi else [(s - c * lo, lo), (s - c * hi, hi)]


def ray_convolution(f1: RayStep, f2: RayStep, y) -> Optional[object]:
    """``sup {f1(a) + f2(b) : a + b = y}`` exactly; ``None`` for ``-inf``.

    The feasible splits form a segment in ``(t1, t2)``; the value depends only on which ``t_i``
    vanish, so its end points and midpoint attain every value.
    """
    y = tuple(as_q(c) for c in y)
    ends = _solve_2(f1.d, f2.d, y)
    if not ends:
        return None
    pts = list(ends)
    if len(ends) == 2:
        pts.append(((ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2))
    return max(f1.at(t1) + f2.at(t2) for t1, t2 in pts)


def quasiconcavity_violation(f1: RayStep, f2: RayStep) -> Optional[dict]:
    """A pair ``y1, y2`` with ``pi_J((y1+y2)/2) < min(pi_J(y1), pi_J(y2))``, or None.

    Searched among the vertices ``{0, d1, d2, d1 + d2}`` of the Minkowski sum of the domains.
    """
    zero = tuple(Q(0) for _ in f1.d)
    verts = [zero, f1.d, f2.d, tuple(a + b for a, b in zip(f1.d, f2.d))]
    for y1, y2 in itertools.combinations(verts, 2):
        v1, v2 = ray_convolution(f1, f2, y1), ray_convolution(f1, f2, y2)
        if v1 is None or v2 is None:
            continue
        mid = tuple((a + b) / 2 for a, b in zip(y1, y2))
        vm = ray_convolution(f1, f2, mid)
        if vm is None or vm < min(v1, v2):
            return {"y1": list(y1), "y2": list(y2), "midpoint": list(mid), "pi_J(y1)": v1,
                    "pi_J(y2)": v2, "pi_J(midpoint)": "-inf" if vm is None else vm}
    return None


# -- (4) with "=" against (4) with "<=" ---------------------------------------------------------

def interval_convolution_lp(slopes, intervals, total, relation: str):
    """``sup {sum_i c_i q_i : sum_i q_i (= or <=) total, q_i in [lo_i, hi_i]}`` as a certified LP.

    Returns the :class:`exact.lp.LPResult` (status "infeasible" is the value ``-inf``, with a
    Farkas certificate).
    """
    n = len(slopes)
    row = [[1] * n]
    if relation == "=":
        return solve_lp(list(slopes), A_eq=row, b_eq=[total], bounds=list(intervals),
                        maximize=True)
    if relation == "<=":
        return solve_lp(list(slopes), A_ub=row, b_ub=[total], bounds=list(intervals),
                        maximize=True)
    raise InputError("relation", f"expected '=' or '<=', got {relation!r}")
