"""The named instances the claims run on: the note's worked examples, and the smallest witnesses.

Each instance is data (growth and payoff expressions, rationals); the claims look them up by key.
Keys are listed simple-to-complex, so the engine's first counterexample is the simplest one.

Reference: note A.4 (E1-E13) and A.5; the witnesses marked "smaller" were found here by exhaustive
search and replace the note's (see each entry).
"""

from __future__ import annotations

import dataclasses

import sympy

from exact.algebraic import real_roots
from exact.numbers import Q

from .convolution import RayStep
from .economy import E9
from .errata import LogisticQuadratic, Streams
from .paths import E7, E10
from .steady import univariate

__all__ = ["SteadyInstance", "STEADY", "PATHS", "KAKUTANI", "STREAMS", "RAYS", "D2A_TOTALS",
           "concave_on"]

x, q = sympy.symbols("x q", positive=True)


@dataclasses.dataclass(frozen=True)
class SteadyInstance:
    """A one-species model with rational data, for the exact forward solve of (18)."""

    g: sympy.Expr
    pi: sympy.Expr
    rho: object
    box: tuple
    source: str


_log = sympy.log(q)
STEADY = {
    "logistic, log payoff, rho = 1/5 (E6)": SteadyInstance(x * (1 - x), _log, Q(1, 5), (0, 1),
                                                            "note E6"),
    "Beverton-Holt R = 9/2, M = 1, log payoff, rho = 1/8": SteadyInstance(
        Q(9, 2) * x / (1 + x) - x, _log, Q(1, 8), (0, Q(7, 2)), "note, family catalogue"),
    "linear-quadratic (E10)": SteadyInstance(x / 6 + sympy.Rational(1, 2),
                                             2 * q - q**2 / 2 + 2 * x - x**2 / 2, Q(1, 3),
                                             (0, 5), "note E10"),
    **{f"stock-cost, rho = {r} (E8)": SteadyInstance(x * (1 - x), q - q**2 / (2 * x), r, (0, 1),
                                                     "note E8")
       for r in (Q(1, 10), Q(1, 4), Q(1, 2), Q(1), Q(2))},
    "two agents with stock effect, rho = 137/380 (E9)": SteadyInstance(
        x * (1 - x), E9.aggregate(), E9.rho, (0, 1), "note E9"),
    "depensation g = x^2 (1 - x), log payoff, rho = 1/4 (E12)": SteadyInstance(
        x**2 * (1 - x), _log, Q(1, 4), (0, 1), "note E12"),
}

#: whole optimal paths in closed form (note A2.6)
PATHS = {"linear-quadratic (E10)": E10, "power-log (E7)": E7}

#: Prop. 5's proof: logistic growth, u = q - q^2/2; rho = 1/5 has an interior steady state,
#: rho = 2 > r has none (own witness; the note flags the proof, A5.7, without an instance)
KAKUTANI = {"logistic r = K = 1, u = q - q^2/2, rho = 1/5": LogisticQuadratic(1, 1, 1, Q(1, 5)),
            "logistic r = K = 1, u = q - q^2/2, rho = 2": LogisticQuadratic(1, 1, 1, 2)}

#: Remark 5: a single discount factor (no issue, per the paper), the smallest integer witness
#: found by exhaustive search (entries <= 5, discount factors in tenths), and the note's E13
STREAMS = {
    "one discount factor 1/2": Streams((Q(1, 2), Q(1, 2)), (Q(1, 2), Q(1, 2)), (0, 5, 0),
                                       (1, 0, 5)),
    "delta = (1/5, 4/5), r = (0, 5, 0), r_hat = (1, 0, 5) (smaller)": Streams(
        (Q(1, 5), Q(4, 5)), (Q(1, 2), Q(1, 2)), (0, 5, 0), (1, 0, 5)),
    "delta = (1/2, 9/10), r = (0, 35/12, 0), r_hat = (1, 0, 25/12) (E13)": Streams(
        (Q(1, 2), Q(9, 10)), (Q(1, 2), Q(1, 2)), (0, Q(35, 12), 0), (1, 0, Q(25, 12))),
}

#: Definition 2, quasi-concavity: two ray-step functions; collinear (one dimension) and on the
#: two axes of R^2 (the note's E5b with values 10 -> 1: a smaller witness)
RAYS = {"collinear rays in R^2 (one-dimensional)": (RayStep((1, 0), 1, 0), RayStep((1, 0), 1, 0)),
        "the two axes of R^2 (E5b, values 1 and 0)": (RayStep((1, 0), 1, 0),
                                                       RayStep((0, 1), 1, 0))}

#: Definition 2, "<=" form: pi_1 = pi_2 = q on [0, 1] (E5a) at these totals
D2A_TOTALS = tuple(Q(k, 2) for k in range(1, 7))


def concave_on(g, var, box) -> bool:
    """Whether the rational function ``g`` of ``var`` has ``g'' <= 0`` on the open ``box``, exactly.

    The real roots of the numerator and denominator of ``g''`` in the box cut it into pieces;
    ``g''`` has constant sign on each, read at a rational point; a pole in the box fails.
    """
    num, den = univariate(sympy.diff(g, var, 2), var, "g''")
    lo, hi = Q(box[0]), Q(box[1])

    def inside(p):
        return [r for r in real_roots(p, (lo, hi)) if lo < r < hi] if p.degree() > 0 else []
    if inside(den):
        return False
    cuts = [lo, *inside(num), hi]
    return all(num(m) * den(m) <= 0 for m in (_between(a, b) for a, b in zip(cuts, cuts[1:])))


def _between(a, b):
    """A rational strictly between ``a < b`` (rationals or real algebraic numbers)."""
    def upper(v):
        return v.interval[1] if hasattr(v, "interval") else v

    def lower(v):
        return v.interval[0] if hasattr(v, "interval") else v
    bits = 8
    while not upper(a) < lower(b):
        for v in (a, b):
            if hasattr(v, "interval") and not v.is_rational:
                v.refine(bits=bits)
        bits *= 2
    return (upper(a) + lower(b)) / 2
