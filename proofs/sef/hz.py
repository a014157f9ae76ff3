"""The Hylland-Zeckhauser pseudo-market (Section 6, Theorem 7) and full-space ex-ante efficiency.

Budgets are 1; the null good (column ``m``) has price 0, utility 0 and supply ``n - sum(q)``.
Agent i demands the *cheapest* bundles among those maximising ``u_i . p`` over
``{p >= 0, sum_j p_j <= 1, h . p <= 1}``. An equilibrium ``(P, h)`` has every row a cheapest
demand and clears the market: ``sum_i P_ij = q_j`` for every real good.

* :func:`verify_equilibrium` checks a proposed ``(P, h)`` exactly for any m: two certified exact
  LPs per agent (``exact.lp.solve_lp``): the value ``v_i`` and the least cost ``c_i`` at value
  ``v_i``.
* :func:`demand_m2` computes the exact demand set (a point or a segment) for m = 2 by
  enumerating the vertices of the budget polygon; :func:`equilibria_m2` searches a finite
  candidate set of exact prices (arrangement vertices of the regime lines ``h_j = 1``,
  ``h_1 = h_2``, ``h_1 u_i2 = h_2 u_i1`` and the axes, the closed-form clearing prices of each
  demand regime (:func:`regime_candidates`), and a rational grid) and decides market clearing
  exactly (zonotope membership by an exact LP). It is exact but not a proof of completeness:
  an equilibrium off the candidate set is not found.
* :func:`equilibria_float_search` (any m): float tatonnement guides, :func:`clearing_lp` and
  :func:`verify_equilibrium` decide exactly.
* :func:`fullspace_gain` is the LP test of full-space ex-ante Pareto optimality (note 1.6).

Examples
--------
>>> from proofs.sef.model import Market, induced_lottery
>>> m = Market.of([[4, 0], [6, 0], [3, 2]], [1, 1])
>>> verify_equilibrium(m, induced_lottery(m, (0, 0, 1)), (2, 1)) is None
True
"""

from __future__ import annotations

import functools
import itertools
from typing import Optional, Sequence

from exact.lp import solve_lp
from exact.numbers import ONE, ZERO, Q

from .model import Market

__all__ = ["verify_equilibrium", "demand_m2", "clearing_m2", "other_clearing", "equilibria_m2",
           "fullspace_gain",
           "sef_prices", "price_grid", "regime_candidates", "clearing_lp",
           "equilibria_float_search", "sd_gain"]


def _q(x) -> Q:
    return x if isinstance(x, Q) else Q(x)


def _agent_lps(u: Sequence, h: Sequence):
    """(v, c): the best utility over the budget set and the least cost of reaching it."""
    m = len(h)
    A = [[ONE] * m, list(h)]
    b = [ONE, ONE]
    best = solve_lp(list(u), A_ub=A, b_ub=b, maximize=True)
    v = best.value
    cheap = solve_lp(list(h), A_ub=A, b_ub=b, A_eq=[list(u)], b_eq=[v])
    return v, cheap.value


def verify_equilibrium(market: Market, P: Sequence[Sequence], h: Sequence) -> Optional[str]:
    """Check exactly that ``(P, h)`` is an HZ equilibrium with unit budgets.

    ``P`` has ``m + 1`` columns (last = null good). Returns None when every condition holds,
    else a one-line description of the first failed condition. The conditions are those of
    :func:`proofs.sef.hzcheck.check_equilibrium`; each agent's optimum comes from two certified
    exact LPs here.
    """
    from .hzcheck import check_equilibrium
    return check_equilibrium(market, P, h, demand=_agent_lps)


def sef_prices(market: Market, x: Sequence[int]) -> tuple:
    """The prices of the proof of Theorem 7: ``h_j = 1 / z_j(x) = max(1, n_j / q_j)``."""
    c = [0] * market.m
    for j in x:
        c[j] += 1
    return tuple(Q(k, qj) if k > qj else ONE for k, qj in zip(c, market.q))


@functools.lru_cache(maxsize=200000)
def demand_m2(u: tuple, h: tuple) -> tuple:
    """Exact cheapest demand of an agent with utilities ``u = (u1, u2)`` at prices ``h`` (m = 2).

    Returns the endpoints ``(v, w)`` of the demand segment (``v == w`` for a single bundle);
    bundles are ``(p1, p2)``.
    """
    a, b = h
    lines = [((ONE, ZERO), ZERO), ((ZERO, ONE), ZERO), ((ONE, ONE), ONE), ((a, b), ONE)]
    verts = set()
    for (n1, c1), (n2, c2) in itertools.combinations(lines, 2):
        det = n1[0] * n2[1] - n1[1] * n2[0]
        if det == 0:
            continue
        p1 = (c1 * n2[1] - c2 * n1[1]) / det
        p2 = (n1[0] * c2 - n2[0] * c1) / det
        if p1 >= 0 and p2 >= 0 and p1 + p2 <= 1 and a * p1 + b * p2 <= 1:
            verts.add((p1, p2))
    val = {v: u[0] * v[0] + u[1] * v[1] for v in verts}
    top = max(val.values())
    opt = [v for v in verts if val[v] == top]
    cost = {v: a * v[0] + b * v[1] for v in opt}
    low = min(cost.values())
    cheap = sorted(v for v in opt if cost[v] == low)
    return (cheap[0], cheap[-1])


def clearing_m2(market: Market, h: tuple) -> Optional[tuple]:
    """An assignment ``P`` clearing the market at ``h`` from the exact demands, or None.

    Market clearing is membership of ``q`` in the zonotope ``sum_i [v_i, w_i]``, decided by an
    exact LP in the segment parameters ``t_i`` (``p_i = v_i + t_i (w_i - v_i)``).
    """
    segs = [demand_m2(tuple(r), h) for r in market.u]
    lo = [sum(min(v[k], w[k]) for v, w in segs) for k in (0, 1)]
    hi = [sum(max(v[k], w[k]) for v, w in segs) for k in (0, 1)]
    q = market.q
    if not (lo[0] <= q[0] <= hi[0] and lo[1] <= q[1] <= hi[1]):
        return None
    free = [i for i, (v, w) in enumerate(segs) if v != w]
    base = [sum(v[k] for v, _ in segs) for k in (0, 1)]
    if not free:
        t = []
    else:
        A = [[segs[i][1][k] - segs[i][0][k] for i in free] for k in (0, 1)]
        res = solve_lp([0] * len(free), A_eq=A, b_eq=[q[k] - base[k] for k in (0, 1)],
                       bounds=(0, 1))
        if res.status != "optimal":
            return None
        t = res.x
    if not free and (base[0] != q[0] or base[1] != q[1]):
        return None
    return _assignment(segs, free, t)


def _assignment(segs: list, free: list, t: Sequence) -> tuple:
    """``P`` with rows ``v_i + t_i (w_i - v_i)`` (``t_i = 0`` off ``free``) and the null
    column."""
    tv = dict(zip(free, t))
    out = []
    for i, (v, w) in enumerate(segs):
        s_ = tv.get(i, ZERO)
        p1, p2 = v[0] + s_ * (w[0] - v[0]), v[1] + s_ * (w[1] - v[1])
        out.append((p1, p2, ONE - p1 - p2))
    return tuple(out)


def other_clearing(market: Market, h: tuple, P0: Sequence[Sequence]) -> Optional[tuple]:
    """An assignment ``P != P0`` that clears the market from the exact demands at ``h``
    (m = 2), or None when the clearing set at ``h`` is empty or is ``{P0}``.

    The clearing set is ``{P(t) : t in [0,1]^F, sum_i p_i(t) = q}`` (F = the agents whose
    demand is a segment, ``p_i(t) = v_i + t_i (w_i - v_i)``): a polytope in t on which P is
    injective. It differs from ``{P0}`` iff it is nonempty and either P0 is not in it or some
    ``t_i`` is not constant on it; both are decided by exact LPs (minimum and maximum of each
    ``t_i``), so the answer does not depend on which vertex an LP returns (nor on the agents'
    labels).
    """
    segs = [demand_m2(tuple(r), h) for r in market.u]
    q = market.q
    free = [i for i, (v, w) in enumerate(segs) if v != w]
    base = [sum(v[k] for v, _ in segs) for k in (0, 1)]
    P0 = [tuple(_q(x) for x in row) for row in P0]

    def assignment(t):
        return _assignment(segs, free, t)

    if not free:
        if base[0] != q[0] or base[1] != q[1]:
            return None
        P = assignment([])
        return None if list(P) == P0 else P
    A = [[segs[i][1][k] - segs[i][0][k] for i in free] for k in (0, 1)]
    rhs = [q[k] - base[k] for k in (0, 1)]
    first = solve_lp([0] * len(free), A_eq=A, b_eq=rhs, bounds=(0, 1))
    if first.status != "optimal":
        return None
    P = assignment(first.x)
    if list(P) != P0:
        return P
    for k in range(len(free)):                 # P0 is in the set: is it the only point?
        for sense in (True, False):
            c = [ONE if j == k else ZERO for j in range(len(free))]
            res = solve_lp(c, A_eq=A, b_eq=rhs, bounds=(0, 1), maximize=sense)
            if res.x[k] != first.x[k]:
                return assignment(res.x)
    return None


def price_grid(top: int, den: int) -> list:
    """Rationals ``k/d`` in ``[0, top]`` with ``d <= den``, sorted."""
    return sorted({Q(k, d) for d in range(1, den + 1) for k in range(0, top * d + 1)})


def _arrangement(market: Market) -> list:
    """Vertices of the regime arrangement (m = 2) within the positive quadrant."""
    lines = [((ONE, ZERO), ZERO), ((ZERO, ONE), ZERO), ((ONE, ZERO), ONE), ((ZERO, ONE), ONE),
             ((ONE, -ONE), ZERO)]
    for r in set(market.u):
        lines.append(((r[1], -r[0]), ZERO))
    pts = set()
    for (n1, c1), (n2, c2) in itertools.combinations(lines, 2):
        det = n1[0] * n2[1] - n1[1] * n2[0]
        if det != 0:
            a = (c1 * n2[1] - c2 * n1[1]) / det
            b = (n1[0] * c2 - n2[0] * c1) / det
            if a >= 0 and b >= 0:
                pts.add((a, b))
    return sorted(pts)


def regime_candidates(market: Market) -> set:
    """Closed-form equilibrium price candidates of each demand regime (m = 2, prices (a, b)).

    * Fisher regime a, b > 1 (budget binds, demands (1/a, 0) or (0, 1/b)): ``a = k_A / q_1``,
      ``b = k_B / q_2``; on a bang-per-buck tie line ``b = t a`` (t = u_i2/u_i1 of some agent)
      the tied agents split, and clearing gives ``a = k / (q_1 + t q_2)``.
    * Mixed regime a > 1 > b (demands (1/a, 0), the corner M of ``p_1 + p_2 = 1`` and
      ``a p_1 + b p_2 = 1``, or (0, 1)): with k_A, k_M, k_E agents on them, clearing gives
      ``s = (k_M + k_E - q_2) / k_M`` (M's first coordinate), ``a = k_A / (q_1 + q_2 - k_M - k_E)``
      and ``b = (1 - s a) / (1 - s)``; the mirror regime b > 1 > a likewise.
    * Free-good axes (a = 0 or b = 0): the paid good clears at ``k / l``, ``1 <= k <= n``,
      ``1 <= l <= q_1 + q_2``.
    * The vertices of the regime arrangement (lines h_j = 1, a = b, a u_i2 = b u_i1, axes).
    Every candidate is only a candidate: :func:`equilibria_m2` decides it exactly.
    """
    n = market.n
    q1, q2 = market.q
    cands = set(_arrangement(market))
    slopes = {Q(r[1]) / Q(r[0]) for r in market.u if r[0] > 0 and r[1] > 0}
    for kA in range(1, n + 1):
        for kB in range(1, n + 1):
            cands.add((Q(kA, q1), Q(kB, q2)))
    for t in slopes:
        for k in range(1, n + 1):
            a = Q(k) / (q1 + t * q2)
            cands.add((a, t * a))
    for kA, kM, kE in itertools.product(range(n + 1), repeat=3):
        if kA + kM + kE > n or kM == 0:
            continue
        for (qa, qb, flip) in ((q1, q2, False), (q2, q1, True)):
            s_ = Q(kM + kE - qb, kM)
            den = qa + qb - kM - kE
            if kA == 0 or den <= 0 or not (0 < s_ < 1):
                continue
            a = Q(kA, den)
            b = (1 - s_ * a) / (1 - s_)
            if a > 1 and 0 <= b < 1:
                cands.add((b, a) if flip else (a, b))
    for k in range(1, n + 1):
        for l in range(1, q1 + q2 + 1):
            cands.add((Q(k, l), Q(0)))
            cands.add((Q(0), Q(k, l)))
    return {h for h in cands if h[0] >= 0 and h[1] >= 0}


def equilibria_m2(market: Market, top: int = 4, den: int = 5) -> list:
    """HZ equilibria ``(h, P)`` found by regime enumeration (m = 2), each verified exactly.

    Candidates: :func:`regime_candidates` plus the grid ``price_grid(top, den)^2``. At each
    candidate the exact demands are computed and clearing is decided exactly; a found ``(h, P)``
    is re-verified by :func:`verify_equilibrium` (two certified LPs per agent). Exact, but not a
    proof that no other equilibrium exists (continua are represented by their candidates).
    """
    if market.m != 2:
        raise ValueError("equilibria_m2 needs m = 2")
    g = price_grid(top, den)
    cands = regime_candidates(market) | {(a, b) for a in g for b in g}
    out = []
    for h in sorted(cands):
        P = clearing_m2(market, h)
        if P is not None and verify_equilibrium(market, P, h) is None:
            out.append((h, P))
    return out


def clearing_lp(market: Market, h: Sequence) -> Optional[tuple]:
    """Any m: an assignment clearing the market from the exact demand sets at prices ``h``.

    Two certified LPs per agent give the value ``v_i`` and the least cost ``c_i``; one joint
    exact LP then looks for bundles ``p_i`` with ``u_i . p_i = v_i``, ``h . p_i = c_i``,
    ``sum_j p_ij <= 1`` and ``sum_i p_i = q``. Returns P (with the null column) or None.
    """
    n, m = market.n, market.m
    h = [_q(x) for x in h]
    nv = n * m
    A_eq, b_eq, A_ub, b_ub = [], [], [], []
    for i in range(n):
        v, c = _agent_lps(market.u[i], h)
        row = [ZERO] * nv
        for j in range(m):
            row[i * m + j] = market.u[i][j]
        A_eq.append(row); b_eq.append(v)
        row = [ZERO] * nv
        for j in range(m):
            row[i * m + j] = h[j]
        A_eq.append(row); b_eq.append(c)
        row = [ZERO] * nv
        for j in range(m):
            row[i * m + j] = ONE
        A_ub.append(row); b_ub.append(ONE)
    for j in range(m):
        A_eq.append([ONE if k % m == j else ZERO for k in range(nv)]); b_eq.append(Q(market.q[j]))
    res = solve_lp([0] * nv, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq)
    if res.status != "optimal":
        return None
    x = res.x
    return tuple(tuple(x[i * m:(i + 1) * m]) + (ONE - sum(x[i * m:(i + 1) * m]),)
                 for i in range(n))


def equilibria_float_search(market: Market, starts: int = 12, iters: int = 400, seed: int = 0,
                            dens: Sequence[int] = (1, 2, 3, 4, 5, 6, 8, 10, 12)) -> list:
    """Any m: a float tatonnement guides, exact arithmetic decides.

    From ``starts`` random price vectors, floats follow ``h <- max(0, h + step * excess)`` with
    float LP demands (scipy); each end point is rounded to rationals with small denominators,
    and every rounded price vector (plus the SEF prices ``n_j / q_j`` when an SEF exists) is
    checked exactly with :func:`clearing_lp` and :func:`verify_equilibrium`. Returns the exact
    equilibria found ``[(h, P)]``; floats never enter a returned value.
    """
    import random
    from fractions import Fraction

    import numpy as np
    from scipy.optimize import linprog

    n, m = market.n, market.m
    U = np.array([[float(x) for x in r] for r in market.u])
    qf = np.array([float(c) for c in market.q])
    rng = random.Random(seed)

    def demand(h):
        tot = np.zeros(m)
        for i in range(n):
            r = linprog(-U[i], A_ub=np.vstack([np.ones(m), h]), b_ub=[1.0, 1.0],
                        bounds=[(0, None)] * m, method="highs")
            tot += r.x if r.status == 0 else 0
        return tot

    cands = set()
    from .anatomy import analyse
    sef = analyse(market).sef if market.m ** market.n <= 10 ** 5 else None
    if sef is not None:
        cands.add(sef_prices(market, sef))
    for _ in range(starts):
        h = np.array([rng.uniform(0, 3) for _ in range(m)])
        for t in range(iters):
            h = np.maximum(0.0, h + (0.5 / (1 + t) ** 0.5) * (demand(h) - qf))
        for d in dens:
            cands.add(tuple(Q(Fraction(float(v)).limit_denominator(d).numerator,
                              Fraction(float(v)).limit_denominator(d).denominator) for v in h))
    out = []
    for h in sorted(cands):
        P = clearing_lp(market, h)
        if P is not None and verify_equilibrium(market, P, h) is None:
            out.append((h, P))
    return out


def fullspace_gain(market: Market, P: Sequence[Sequence]):
    """Full-space ex-ante PO test (note 1.6): maximise ``sum_i u_i . P'_i`` over random
    assignments ``P'`` (rows sum to <= 1 over real goods, columns <= q) with
    ``u_i . P'_i >= u_i . P_i``. Returns ``(gain, P')``; P is full-space PO iff gain is 0."""
    n, m = market.n, market.m
    nv = n * m
    c = [market.u[i][j] for i in range(n) for j in range(m)]
    A, b = [], []
    for i in range(n):
        A.append([ONE if k // m == i else ZERO for k in range(nv)]); b.append(ONE)
    for j in range(m):
        A.append([ONE if k % m == j else ZERO for k in range(nv)]); b.append(Q(market.q[j]))
    for i in range(n):
        row = [ZERO] * nv
        for j in range(m):
            row[i * m + j] = -market.u[i][j]
        A.append(row); b.append(-sum(market.u[i][j] * _q(P[i][j]) for j in range(m)))
    res = solve_lp(c, A_ub=A, b_ub=b, maximize=True)
    base = sum(market.u[i][j] * _q(P[i][j]) for i in range(n) for j in range(m))
    x = res.x
    Pp = tuple(tuple(x[i * m:(i + 1) * m]) + (ONE - sum(x[i * m:(i + 1) * m]),)
               for i in range(n))
    return res.value - base, Pp


def sd_gain(market: Market, P: Sequence[Sequence]):
    """SD-efficiency test over random assignments (note 1.6), by a certified exact LP.

    Agent i's weak order on pools: by utility, zero-utility pools tied with the null good. For
    each positive level v, ``U_i(v) = {j : u_ij >= v}``. Maximise the total of
    ``sum_{U_i(v)} P'_ij - sum_{U_i(v)} P_ij`` over random assignments P' (rows <= 1, columns
    <= q) with every term >= 0. Returns ``(gain, P')``: P is sd-efficient iff gain is 0.
    """
    n, m = market.n, market.m
    nv = n * m
    A, b = [], []
    for i in range(n):
        A.append([ONE if k // m == i else ZERO for k in range(nv)]); b.append(ONE)
    for j in range(m):
        A.append([ONE if k % m == j else ZERO for k in range(nv)]); b.append(Q(market.q[j]))
    c = [ZERO] * nv
    base = ZERO
    for i in range(n):
        for v in sorted({x for x in market.u[i] if x > 0}):
            up = [j for j in range(m) if market.u[i][j] >= v]
            row = [ZERO] * nv
            for j in up:
                row[i * m + j] = -ONE
                c[i * m + j] += 1
            have = sum(_q(P[i][j]) for j in up)
            A.append(row); b.append(-have)
            base += have
    res = solve_lp(c, A_ub=A, b_ub=b, maximize=True)
    x = res.x
    Pp = tuple(tuple(x[i * m:(i + 1) * m]) + (ONE - sum(x[i * m:(i + 1) * m]),)
               for i in range(n))
    return res.value - base, Pp
