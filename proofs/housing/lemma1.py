"""Lemma 1: dominance is exactly what every consistent separable preference agrees on.

On full bundles, the consistent separable preferences of an agent with rankings ``P_i`` are the
linear orders that extend the dominance (product) order ``>=_{P_i}`` of Section 2.1.1 (the note's
1.3). Bundles are written by their *position vectors* (``x[k]`` = position of the object in
``P_i^k``, 0 = best), so one shape ``n^m`` covers every ``P_i``.
"""

from __future__ import annotations

import itertools
from typing import Iterator, Optional

import networkx as nx
import numpy as np

__all__ = ["grid", "dominates", "dominance_dag", "linear_extensions", "unanimity_mismatch",
           "witness_utility", "utility_order", "is_linear_extension", "paper_construction",
           "construction_cycle"]


def grid(n: int, m: int) -> list[tuple[int, ...]]:
    """All ``n^m`` bundles as position vectors, lexicographic."""
    return list(itertools.product(range(n), repeat=m))


def dominates(x, y) -> bool:
    """``x >= y``: ``x`` is weakly better in every category."""
    return all(a <= b for a, b in zip(x, y))


def dominance_dag(n: int, m: int) -> nx.DiGraph:
    """The covering DAG of the dominance order: ``x -> y`` when ``y`` is ``x`` one step worse."""
    G = nx.DiGraph()
    G.add_nodes_from(grid(n, m))
    for x in grid(n, m):
        for k in range(m):
            if x[k] + 1 < n:
                G.add_edge(x, x[:k] + (x[k] + 1,) + x[k + 1:])
    return G


def linear_extensions(n: int, m: int) -> Iterator[list]:
    """All consistent separable preferences on full bundles, best first (networkx's
    ``all_topological_sorts`` of the dominance DAG)."""
    return nx.all_topological_sorts(dominance_dag(n, m))


def unanimity_mismatch(n: int, m: int) -> tuple[Optional[dict], int]:
    """Compare "x above y in every linear extension" with "x dominates y".

    Returns ``(mismatch or None, number of extensions)``.
    """
    nodes = grid(n, m)
    index = {x: t for t, x in enumerate(nodes)}
    rows = []
    for ext in linear_extensions(n, m):
        row = [0] * len(nodes)
        for place, x in enumerate(ext):
            row[index[x]] = place
        rows.append(row)
    E = np.array(rows, dtype=np.int32)
    for a, x in enumerate(nodes):
        for b, y in enumerate(nodes):
            if a == b:
                continue
            always = bool((E[:, a] < E[:, b]).all())
            if always != dominates(x, y):
                return {"x": x, "y": y, "unanimous": always, "dominates": dominates(x, y)}, len(E)
    return None, len(E)


def witness_utility(x, y, n: int) -> list[int]:
    """The note's A8(b): integer weights ``w`` such that ``u(z) = sum_k w_k (n - z_k)``, ties
    broken lexicographically, is a consistent separable preference ranking ``y`` above ``x``
    whenever ``x`` does not dominate ``y``."""
    m = len(x)
    kstar = next(k for k in range(m) if y[k] < x[k])
    return [(m - 1) * (n - 1) + 1 if k == kstar else 1 for k in range(m)]


def utility_order(w, n, m) -> list:
    return sorted(grid(n, m), key=lambda z: (-sum(wk * (n - zk) for wk, zk in zip(w, z)), z))


def is_linear_extension(order: list, n: int, m: int) -> bool:
    """Whether a best-first order of all bundles extends the dominance order."""
    place = {x: t for t, x in enumerate(order)}
    return len(place) == n ** m and all(
        place[x] < place[y] for x, y in dominance_dag(n, m).edges)


def paper_construction(order: list) -> dict:
    """The preference built in the paper's proof of Lemma 1 ("Only if") from ``order``:

    dominance pairs are kept; every dominance-incomparable pair is *reversed*. Returns the
    strict relation as ``{x: set of bundles strictly below x}``.
    """
    place = {x: t for t, x in enumerate(order)}
    below = {x: set() for x in order}
    for x in order:
        for y in order:
            if x == y:
                continue
            if dominates(x, y):
                below[x].add(y)
            elif not dominates(y, x) and place[y] < place[x]:
                below[x].add(y)                 # y was above x: the construction reverses it
    return below


def construction_cycle(order: list) -> Optional[tuple]:
    """A 3-cycle ``x > y > z > x`` of :func:`paper_construction` (it is complete, so it is
    transitive iff it has no 3-cycle), the lexicographically first; ``None`` if transitive."""
    below = paper_construction(order)
    nodes = sorted(order)
    for x in nodes:
        for y in sorted(below[x]):
            for z in sorted(below[y]):
                if x in below[z]:
                    return (x, y, z)
    return None
