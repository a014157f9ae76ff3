"""Symmetry-reduced, memoised Tickets algorithm over all orders (for the exhaustive Theorem 6).

Agents with the same utility row are interchangeable, so a room is a *multiset* of
(row, pool) pairs (a sorted tuple) and the agents outside are a multiset of rows. A Tickets step
depends only on the room and the entrant's row, not on who waits outside, so steps are memoised
**across markets** (key: capacities, room, entrant row); the union of outcomes over all orders
is memoised per market on (room, rows outside). With identical rows, an SEF puts identical
agents in the same pool, so comparing multisets decides Theorem 6 exactly.

Everything is exact (``fmpq`` values); only the bookkeeping is reduced.

Examples
--------
>>> from proofs.sef.model import Market
>>> ex2 = Market.of([[2, 4, 3], [0, 1, 0], [0, 1, 0], [3, 0, 2]], [1, 1, 1])
>>> sorted(outcomes(ex2))
[(((0, 1, 0), 1), ((0, 1, 0), 1), ((2, 4, 3), 2), ((3, 0, 2), 0))]
>>> theorem_6_fast(ex2)
True
"""

from __future__ import annotations

import functools

from exact.numbers import Q

from .model import Market, SEF_violation, allocations

__all__ = ["outcomes", "theorem_6_fast", "as_multiset", "representative", "clear_caches"]


def _key(x):
    return int(x.p) if x.q == 1 else (int(x.p), int(x.q))


@functools.lru_cache(maxsize=None)
def _vals(q: tuple, row: tuple, n: int) -> tuple:
    """``vals[j][k] = row_j * min(1, q_j / k)`` for k = 0..n+1 (k = 0 read as 1)."""
    out = []
    for j, qj in enumerate(q):
        u = row[j] if isinstance(row[j], Q) else Q(row[j][0], row[j][1]) \
            if isinstance(row[j], tuple) else Q(row[j])
        out.append(tuple(u if k <= qj else u * Q(qj, k) for k in range(n + 2)))
    return tuple(out)


_STEPS: dict = {}


def clear_caches() -> None:
    """Forget the cross-market step memo (for benchmarks)."""
    _STEPS.clear()
    _vals.cache_clear()


def _step(q: tuple, n: int, room: tuple, row: tuple) -> frozenset:
    """All final rooms (sorted tuples of (row, pool)) when an agent with ``row`` enters."""
    key = (q, room, row)
    got = _STEPS.get(key)
    if got is not None:
        return got
    m = len(q)
    finals = set()
    seen = set()
    stack = [(room, row)]
    while stack:
        r, door = stack.pop()
        if (r, door) in seen:
            continue
        seen.add((r, door))
        c = [0] * m
        for _, j in r:
            c[j] += 1
        V = _vals(q, door, n)
        dv = [V[j][c[j] + 1] for j in range(m)]
        top = max(dv)
        for j in range(m):
            if dv[j] != top:
                continue
            r2 = tuple(sorted(r + ((door, j),)))
            c[j] += 1
            bad = set()
            for (a, ja) in r2:
                W = _vals(q, a, n)
                own = W[ja][c[ja]]
                for k in range(m):
                    if k != ja and W[k][c[k] + 1] > own:
                        bad.add((a, ja))
                        break
            c[j] -= 1
            if not bad:
                finals.add(r2)
            for (a, ja) in bad:
                lst = list(r2)
                lst.remove((a, ja))
                stack.append((tuple(lst), a))
    got = _STEPS[key] = frozenset(finals)
    return got


def as_multiset(market: Market, x) -> tuple:
    """An allocation as a sorted tuple of (row key, pool)."""
    return tuple(sorted((tuple(_key(v) for v in market.u[i]), j) for i, j in enumerate(x)))


def representative(market: Market, ms: tuple) -> tuple:
    """One labelled allocation with the multiset ``ms`` (sorted (row key, pool) pairs): agents
    with the same row take that row's pools in increasing order. Every other labelled
    allocation with this multiset is its image under a permutation of identical agents (an
    automorphism of the market)."""
    pools: dict = {}
    for key, j in ms:
        pools.setdefault(key, []).append(j)
    out = []
    for row in market.u:
        out.append(pools[tuple(_key(v) for v in row)].pop(0))
    return tuple(out)


def outcomes(market: Market) -> frozenset:
    """Tickets outcomes over all orders and all branches, as multisets of (row, pool)."""
    q, n = tuple(market.q), market.n
    rows = tuple(sorted(tuple(_key(v) for v in r) for r in market.u))
    memo: dict = {}

    def union(room, out):
        if not out:
            return frozenset((room,))
        k = (room, out)
        got = memo.get(k)
        if got is None:
            acc = set()
            for idx, r in enumerate(out):
                if idx and out[idx - 1] == r:
                    continue
                rest = out[:idx] + out[idx + 1:]
                for r2 in _step(q, n, room, r):
                    acc |= union(r2, rest)
            got = memo[k] = frozenset(acc)
        return got

    return union((), rows)


def theorem_6_fast(market: Market) -> bool:
    """Theorem 6 on one market: if an SEF exists, every Tickets outcome is the SEF."""
    sef = next((x for x in allocations(market) if SEF_violation(market, x) is None), None)
    if sef is None:
        return True
    return outcomes(market) == {as_multiset(market, sef)}
