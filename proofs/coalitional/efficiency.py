"""Ex-post efficiency of outcomes over ``A`` (exact LPs with certificates) and Balas's formulation
of the convex hull of a union of polytopes (an independent cross-check of :mod:`.margins`)."""

from __future__ import annotations

import itertools

from exact.lp import solve_lp
from exact.numbers import ONE, ZERO, Q

from .model import Environment, dot

__all__ = ["weak_improvement", "pareto_efficient", "balas_margin"]


def _point(env: Environment, extra: int):
    return env.space.lp_blocks(1, extra)


def weak_improvement(env: Environment, s: int) -> dict:
    """Max of ``min_i u_i(a, theta) - u_i(f(theta), theta)`` over ``a`` in ``A`` (capped at 1):
    ``f(theta)`` is weakly Pareto efficient in ``A`` iff ``value <= 0``."""
    n, bounds, A_ub, b_ub, A_eq, b_eq = _point(env, 1)
    for i in range(env.n):
        w = env.w[i][s]
        A_ub.append([-x for x in w] + [ZERO] * (n - 1 - len(w)) + [ONE])
        b_ub.append(-dot(w, env.f[s]))
    bounds[-1] = (None, ONE)
    res = solve_lp([ZERO] * (n - 1) + [ONE], A_ub=A_ub, b_ub=b_ub, A_eq=A_eq or None,
                   b_eq=b_eq or None, bounds=bounds, maximize=True)
    return {"value": res.value, "a": tuple(res.x[:env.space.dim]), "lp": res.certificate}


def pareto_efficient(env: Environment, s: int, coords) -> dict:
    """Is the outcome ``coords`` Pareto efficient in ``A`` at state ``s``? (Maximise the sum of
    utilities subject to nobody losing; efficient iff the optimum is the outcome's sum.)"""
    n, bounds, A_ub, b_ub, A_eq, b_eq = _point(env, 0)
    a0 = env.space.point(coords)
    c = [ZERO] * n
    for i in range(env.n):
        w = env.w[i][s]
        A_ub.append([-x for x in w] + [ZERO] * (n - len(w)))
        b_ub.append(-dot(w, a0))
        for j, x in enumerate(w):
            c[j] += x
    res = solve_lp(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq or None, b_eq=b_eq or None, bounds=bounds,
                   maximize=True)
    own = sum((dot(env.w[i][s], a0) for i in range(env.n)), ZERO)
    return {"efficient": res.value == own, "sum": own, "max": res.value, "lp": res.certificate}


def balas_margin(P, gains):
    """``max_{z in conv(union)} min_g Delta_g(z)`` by Balas's disjunctive LP: one homogenised
    copy of every polytope of the union (every choice of alternatives). Exponential; tests only."""
    pieces = list(itertools.product(*[range(len(d)) for d in P.disjunctions]))
    nv, W = P.nvar, len(pieces)
    N = W * (nv + 1) + 1
    A, b, Aeq, beq, bounds = [], [], [], [], []
    for w, pc in enumerate(pieces):
        o, lam = w * (nv + 1), w * (nv + 1) + nv
        for j, (lo, hi) in enumerate(P.bounds):
            for bound, sign in ((lo, -1), (hi, 1)):
                if bound is not None:
                    r = [ZERO] * N
                    r[o + j], r[lam] = Q(sign), -sign * Q(bound)
                    A.append(r)
                    b.append(ZERO)
        rows = list(zip(P.A_ub, P.b_ub)) + [rr for d, a in enumerate(pc)
                                             for rr in P.disjunctions[d][a]]
        for row, h in rows:
            r = [ZERO] * N
            for j, x in enumerate(row):
                r[o + j] = x
            r[lam] = -h
            A.append(r)
            b.append(ZERO)
        for row, h in zip(P.A_eq, P.b_eq):
            r = [ZERO] * N
            for j, x in enumerate(row):
                r[o + j] = x
            r[lam] = -h
            Aeq.append(r)
            beq.append(ZERO)
        bounds += [(None, None)] * nv + [(0, None)]
    r = [ZERO] * N
    for w in range(W):
        r[w * (nv + 1) + nv] = ONE
    Aeq.append(r)
    beq.append(ONE)
    for row, k in gains:
        r = [ZERO] * N
        r[-1] = ONE
        for w in range(W):
            for j, x in enumerate(row):
                r[w * (nv + 1) + j] = -x
        A.append(r)
        b.append(-k)
    bounds.append((None, None))
    res = solve_lp([ZERO] * (N - 1) + [ONE], A_ub=A, b_ub=b, A_eq=Aeq, b_eq=beq, bounds=bounds,
                   maximize=True)
    return res.value if res.status == "optimal" else None
