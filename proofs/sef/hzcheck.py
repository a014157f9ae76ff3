"""A solver-free exact check of a Hylland-Zeckhauser equilibrium (Section 6, Theorem 7).

:func:`proofs.sef.hz.verify_equilibrium` decides the agents' demand problems with two certified
LPs each; the replay of a saved record must not depend on an LP solver, so this module decides
the same conditions by enumerating the vertices of the budget polytope
``B(h) = {p >= 0, sum_j p_j <= 1, h . p <= 1}`` in exact arithmetic (``flint.fmpq_mat``).

The value ``v_i = max {u_i . p : p in B(h)}`` is attained at a vertex; the cheapest optimal
bundles form a face of the optimal face, whose vertices are vertices of ``B(h)``, so the least
cost ``c_i = min {h . p : p vertex of B(h), u_i . p = v_i}``. The messages are those of
:func:`~proofs.sef.hz.verify_equilibrium`, so both functions can be compared string for string.

Examples
--------
>>> from proofs.sef.model import Market, induced_lottery
>>> m = Market.of([[4, 0], [6, 0], [3, 2]], [1, 1])
>>> check_equilibrium(m, induced_lottery(m, (0, 0, 1)), (2, 1)) is None
True
"""

from __future__ import annotations

import itertools
from typing import Callable, Optional, Sequence

from flint import fmpq_mat

from exact.numbers import ONE, ZERO, Q

from .model import Market

__all__ = ["budget_vertices", "demand_value_cost", "check_equilibrium"]


def _q(x) -> Q:
    return x if isinstance(x, Q) else Q(x)


def budget_vertices(h: Sequence) -> list:
    """The vertices of ``B(h) = {p in R^m : p >= 0, sum_j p_j <= 1, h . p <= 1}``.

    Parameters
    ----------
    h : sequence of rationals
        prices ``h_1..h_m`` (assumed ``>= 0``).

    Returns
    -------
    list of tuple of fmpq
        every point where ``m`` linearly independent constraints are tight and all hold,
        sorted, without repetition.

    Notes
    -----
    ``C(m + 2, 2)`` exact ``m x m`` solves; ``B(h)`` is bounded (it lies in the simplex).
    """
    h = [_q(x) for x in h]
    m = len(h)
    rows = [[ONE if c == j else ZERO for c in range(m)] for j in range(m)]
    rhs = [ZERO] * m
    rows += [[ONE] * m, list(h)]
    rhs += [ONE, ONE]
    verts = set()
    for pick in itertools.combinations(range(m + 2), m):
        M = fmpq_mat(m, m, [x for r in pick for x in rows[r]])
        if M.det() == 0:
            continue
        sol = M.solve(fmpq_mat(m, 1, [rhs[r] for r in pick]))
        p = tuple(sol[j, 0] for j in range(m))
        if all(x >= 0 for x in p) and sum(p) <= 1 and sum(a * b for a, b in zip(h, p)) <= 1:
            verts.add(p)
    return sorted(verts)


def demand_value_cost(u: Sequence, h: Sequence, vertices: Optional[list] = None) -> tuple:
    """``(v, c)``: the best utility over ``B(h)`` and the least cost of reaching it.

    Parameters
    ----------
    u : sequence of rationals
        one agent's utilities ``u_i1..u_im``.
    h : sequence of rationals
        prices.
    vertices : list, optional
        ``budget_vertices(h)`` when already computed.
    """
    verts = budget_vertices(h) if vertices is None else vertices
    h = [_q(x) for x in h]
    val = {p: sum(_q(a) * b for a, b in zip(u, p)) for p in verts}
    v = max(val.values())
    c = min(sum(a * b for a, b in zip(h, p)) for p in verts if val[p] == v)
    return v, c


def check_equilibrium(market: Market, P: Sequence[Sequence], h: Sequence,
                      demand: Optional[Callable] = None) -> Optional[str]:
    """Check exactly, without an LP solver, that ``(P, h)`` is an HZ equilibrium (unit budgets).

    Parameters
    ----------
    market : Market
    P : n rows of ``m + 1`` rationals
        the assignment; the last column is the null good.
    h : m rationals
        prices of the real goods.
    demand : callable, optional
        ``(u_i, h) -> (v, c)``, the best utility over the budget set and the least cost of
        reaching it; by default from the budget set's vertices (no solver).
        :func:`proofs.sef.hz.verify_equilibrium` passes its certified LPs instead.

    Returns
    -------
    None or str
        None when every condition of Section 6 holds (lotteries, market clearing, each row an
        optimal and cheapest bundle), else the first failed condition, worded as
        :func:`proofs.sef.hz.verify_equilibrium` words it.
    """
    n, m = market.n, market.m
    h = [_q(x) for x in h]
    P = [[_q(x) for x in row] for row in P]
    if len(h) != m:
        return f"{len(h)} prices for {m} communities"
    if len(P) != n:
        return f"{len(P)} rows for {n} agents"
    if any(x < 0 for x in h):
        return "prices must be >= 0"
    for i, row in enumerate(P):
        if len(row) != m + 1 or any(x < 0 for x in row) or sum(row) != 1:
            return f"row {i} is not a lottery over the goods and the null good"
    for j in range(m):
        col = sum(P[i][j] for i in range(n))
        if col != market.q[j]:
            return f"market for C{j + 1} does not clear: demand {col}, supply {market.q[j]}"
    if demand is None:
        verts = budget_vertices(h)
        demand = lambda u, prices: demand_value_cost(u, prices, verts)  # noqa: E731
    for i in range(n):
        p = P[i][:m]
        v, c = demand(market.u[i], h)
        util = sum(a * b for a, b in zip(market.u[i], p))
        cost = sum(a * b for a, b in zip(h, p))
        if cost > 1:
            return f"agent {i} exceeds the budget: cost {cost}"
        if util != v:
            return f"agent {i} is not optimising: {util} < {v}"
        if cost != c:
            return f"agent {i} does not buy a cheapest optimal bundle: {cost} > {c}"
    return None
