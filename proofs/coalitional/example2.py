"""Example 2's type space (Table 3.1) and the bad equilibrium sigma', exactly in epsilon.

The common prior of Table 3.1 is ``(t1^0, t2^0) = eps^2``, ``(t1^0, t2^1) = eps``,
``(t1^1, t2^0) = 1 - eps - 2 eps^2``, ``(t1^1, t2^1) = eps^2``. Under ``sigma'`` (agent 1 always
plays ``sigma_1(t1^0)``, agent 2 always ``sigma_2(t2^1)``) the outcome is ``x^2`` at every type
profile, and a unilateral deviation yields a constant outcome (the opponent's strategy is
constant). With linear utilities whose expected weights are non-negative, the best outcomes of
``A`` are among ``x^1, x^2, x^3``; so ``sigma'`` is an interim equilibrium of every mechanism
that truthfully implements ``f`` iff ``x^2`` is a best outcome for every type, and the paper's
argument ("``x^2`` is the unique maximiser") needs it to be the strict best.

:func:`epsilon_set` returns both sets as unions of intervals with exact algebraic end points
(:mod:`exact.algebraic`), for ``eps`` in ``(0, 1/2]`` where the prior is a distribution.
"""

from __future__ import annotations

import sympy

from exact.algebraic import RealAlgebraic, real_roots
from exact.numbers import Q

__all__ = ["EPS", "prior", "conditionals", "expected_utilities", "epsilon_set", "paper_bound"]

EPS = sympy.Symbol("epsilon", positive=True)
X = {"x1": (0, 0, 0), "x2": (2, -1, -1), "x3": (4, -4, -4)}


def prior(e=EPS) -> dict:
    """Table 3.1: ``{(theta_1, theta_2): probability}`` (types ``t_i^0, t_i^1`` have payoff 0, 1)."""
    return {(0, 0): e ** 2, (0, 1): e, (1, 0): 1 - e - 2 * e ** 2, (1, 1): e ** 2}


def conditionals(e=EPS) -> dict:
    """``{(agent, own type): {opponent type: probability}}`` by Bayes' rule from the prior."""
    p = prior(e)
    out = {}
    for i in (0, 1):
        for t in (0, 1):
            row = {o: p[(t, o) if i == 0 else (o, t)] for o in (0, 1)}
            tot = sympy.factor(sum(row.values()))
            out[(i, t)] = {o: sympy.factor(v / tot) for o, v in row.items()}
    return out


def expected_utilities(e=EPS) -> dict:
    """``{(agent, type): {outcome: E[u_i(x, theta)]}}`` as rational functions of ``eps``."""
    out = {}
    for (i, t), row in conditionals(e).items():
        vals = {}
        for name, x in X.items():
            tot = 0
            for o, p in row.items():
                s = t + o
                tot += p * (s * x[0] + x[1 + i])
            vals[name] = sympy.factor(sympy.simplify(tot))
        out[(i, t)] = vals
    return out


def _conditions(strict: bool):
    """Numerators of ``E[u(x^2)] - E[u(x)]`` (denominators are positive on (0, 1/2])."""
    polys = []
    for (i, t), vals in expected_utilities().items():
        for name in ("x1", "x3"):
            d = sympy.together(vals["x2"] - vals[name])
            num, den = sympy.fraction(d)
            polys.append((i, t, name, sympy.Poly(sympy.expand(num), EPS),
                          sympy.Poly(sympy.expand(den), EPS)))
    return polys


def _sign(poly: sympy.Poly, x) -> int:
    if isinstance(x, RealAlgebraic):
        return x.sign_at([Q(int(c.p), int(c.q)) for c in reversed(poly.all_coeffs())])
    v = poly.eval(sympy.Rational(int(x.p), int(x.q)))
    return 1 if v > 0 else (-1 if v < 0 else 0)


def epsilon_set(strict: bool = False) -> dict:
    """The exact set of ``eps`` in ``(0, 1/2]`` at which ``x^2`` is a best (strict: the unique
    best) outcome for every type, as ``{"intervals": [(lo, hi, lo_closed, hi_closed)], "roots"}``.

    Method: every condition is a polynomial sign condition (the denominators ``1 + eps`` and
    ``1 - eps - eps^2`` are positive on ``(0, 1/2]``, checked at the end points and by their roots);
    the real roots of the numerators in ``(0, 1/2)`` cut the range into cells, each decided by
    the exact sign at a rational point, and each root by the exact sign there.
    """
    conds = _conditions(strict)
    half = Q(1, 2)
    pts = set()
    for *_, num, den in conds:
        for r in real_roots(num.as_expr(), (0, half)):
            pts.add(r)
        if real_roots(den.as_expr(), (0, half)):
            raise ArithmeticError("a denominator vanishes on (0, 1/2]")
    cuts = sorted(pts, key=lambda r: r)
    bounds = [RealAlgebraic.from_rational(0)] + cuts + [RealAlgebraic.from_rational(half)]

    def ok(x) -> bool:
        for *_, num, den in conds:
            s = _sign(num, x) * _sign(den, x)
            if s < 0 or (strict and s == 0):
                return False
        return True

    cells = []                                   # (lo, hi, lo_closed, hi_closed, holds)
    for a, b in zip(bounds, bounds[1:]):
        mid = _rational_between(a, b)
        cells.append([a, b, False, False, ok(mid)])
    # the end points: 0 is excluded (eps > 0); the cuts and 1/2 are tested exactly
    out = []
    for j, (a, b, _, _, holds) in enumerate(cells):
        if not holds:
            continue
        lo_closed = j > 0 and ok(a)
        hi_closed = ok(b)
        if out and out[-1][1] == a and out[-1][3] and lo_closed:
            out[-1] = (out[-1][0], b, out[-1][2], hi_closed)
        else:
            out.append((a, b, lo_closed, hi_closed))
    return {"intervals": out, "roots": cuts}


def _rational_between(a: RealAlgebraic, b: RealAlgebraic):
    lo_a, hi_a = a.refine(bits=40)
    lo_b, hi_b = b.refine(bits=40)
    mid = (hi_a + lo_b) / 2
    while not (a < mid < b):
        a.refine(bits=80)
        b.refine(bits=80)
        mid = (a.interval[1] + b.interval[0]) / 2
    return mid


def paper_bound() -> RealAlgebraic:
    """``(sqrt(13) - 1)/6`` as an exact algebraic number."""
    return RealAlgebraic.from_sympy((sympy.sqrt(13) - 1) / 6)
