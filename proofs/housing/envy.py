"""Envy counts, envy graphs (networkx), Pareto possibility and Pareto efficiency (Section 3.1).

* ``e_ij(P, A) = #{k : a_j^k P_i^k a_i^k}`` -- the number of categories where ``i`` prefers
  ``j``'s object; a mechanism is *l envy-free* when ``e_ij <= l`` always.
* The category-``k`` envy graph has an edge ``i -> j`` when ``i`` prefers ``j``'s object in ``k``.
* (D1, the note) ``A`` is Pareto possible at ``P`` iff every per-category envy graph is acyclic.
* (D2, the note) ``A`` is (necessarily) Pareto efficient -- no allocation is weakly better for
  everyone and strictly better for someone under *some* consistent preferences -- iff the union
  of the envy graphs is acyclic.

The brute-force definitions are here too, so that D1 and D2 are checked, not assumed.
"""

from __future__ import annotations

from typing import Optional

import networkx as nx

from .model import allocations, bundle, strictly_dominates, weakly_dominates

__all__ = ["envy_counts", "max_envy", "envy_graph", "category_envy_graphs", "pareto_possible_graph",
           "pareto_efficient_graph", "pareto_possible_brute", "pareto_efficient_brute",
           "improvement_from_cycle", "envy_arrays", "has_cycle"]


def _pos(P: tuple) -> list:
    """``pos[i][k][o]``: position of object ``o`` in ``P_i^k``."""
    out = []
    for Pi in P:
        row = []
        for r in Pi:
            p = [0] * len(r)
            for t, o in enumerate(r):
                p[o] = t
            row.append(p)
        out.append(row)
    return out


def envy_counts(P: tuple, A: tuple) -> list[list[int]]:
    """The matrix ``e[i][j]`` of envy counts (Section 3.1, l envy-freeness)."""
    n, pos = len(P), _pos(P)
    return [[0 if i == j else sum(pos[i][k][A[k][j]] < pos[i][k][A[k][i]]
                                  for k in range(len(A))) for j in range(n)] for i in range(n)]


def max_envy(P: tuple, A: tuple) -> int:
    """``max_{i != j} e_ij``."""
    e = envy_counts(P, A)
    return max((e[i][j] for i in range(len(P)) for j in range(len(P)) if i != j), default=0)


def envy_graph(P: tuple, A: tuple, categories=None) -> nx.DiGraph:
    """The envy digraph on agents over ``categories`` (default: all); edge ``i -> j`` when ``i``
    prefers ``j``'s object in one of them (attribute ``cats``: those categories)."""
    n, pos = len(P), _pos(P)
    cats = range(len(A)) if categories is None else categories
    label: dict = {}
    for k in cats:
        col = A[k]
        for i in range(n):
            p = pos[i][k]
            mine = p[col[i]]
            for j in range(n):
                if j != i and p[col[j]] < mine:
                    label.setdefault((i, j), []).append(k)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from((i, j, {"cats": ks}) for (i, j), ks in label.items())
    return G


def improvement_from_cycle(A: tuple, G: nx.DiGraph, cycle: list) -> tuple:
    """The note's A7 witness built from a cycle ``c_0 -> c_1 -> ... -> c_0`` of the union graph.

    Each ``c_t`` is labelled with one category where it envies ``c_{t+1}`` and takes
    ``c_{t+1}``'s object there. In each category the labelled edges form runs
    ``x_1 -> ... -> x_p`` (or the whole cycle); the run's end ``x_p`` receives ``x_1``'s object.
    Every agent on the cycle is strictly better in its label category, so (Lemma 1) some
    consistent preference ranks its new bundle above the old one.
    """
    r = len(cycle)
    nxt = {cycle[t]: cycle[(t + 1) % r] for t in range(r)}
    label = {i: G[i][nxt[i]]["cats"][0] for i in cycle}
    cols = [list(c) for c in A]
    for k in sorted(set(label.values())):
        members = [i for i in cycle if label[i] == k]
        for i in members:
            cols[k][i] = A[k][nxt[i]]
        if len(members) == r:
            continue
        prev = {v: u for u, v in nxt.items()}
        for x1 in members:
            if label[prev[x1]] == k:
                continue                       # not the start of a run
            end = x1
            while label[end] == k:
                end = nxt[end]
            cols[k][end] = A[k][x1]
    return tuple(tuple(c) for c in cols)


def category_envy_graphs(P: tuple, A: tuple) -> nx.DiGraph:
    """The per-category envy graphs as one digraph on nodes ``(k, i)`` (a disjoint union)."""
    n, pos = len(P), _pos(P)
    G = nx.DiGraph()
    G.add_nodes_from((k, i) for k in range(len(A)) for i in range(n))
    G.add_edges_from(((k, i), (k, j)) for k, col in enumerate(A) for i in range(n)
                     for j in range(n) if j != i and pos[i][k][col[j]] < pos[i][k][col[i]])
    return G


def pareto_possible_graph(P: tuple, A: tuple) -> Optional[dict]:
    """D1: ``None`` when every per-category envy graph is acyclic, else a dominating allocation
    built from a cycle (everyone weakly better in every category, the cycle strictly)."""
    G = category_envy_graphs(P, A)
    if nx.is_directed_acyclic_graph(G):
        return None
    cyc = [node for node, _ in nx.find_cycle(G)]
    k = cyc[0][0]
    agents = [i for _, i in cyc]
    B = [list(c) for c in A]
    for t, i in enumerate(agents):
        B[k][i] = A[k][agents[(t + 1) % len(agents)]]
    return {"category": k, "cycle": agents, "better": tuple(tuple(c) for c in B)}


def pareto_efficient_graph(P: tuple, A: tuple) -> Optional[dict]:
    """D2: ``None`` when the union envy graph is acyclic, else a cycle and the A7 improvement."""
    G = envy_graph(P, A)
    if nx.is_directed_acyclic_graph(G):
        return None
    cyc = [u for u, _ in nx.find_cycle(G)]
    return {"cycle": cyc, "better": improvement_from_cycle(A, G, cyc)}


def pareto_possible_brute(P: tuple, A: tuple) -> Optional[tuple]:
    """The definition: an allocation ``B`` with ``B_i >=_{P_i} A_i`` for all ``i``, ``>`` for one."""
    n, m = len(P), len(A)
    for B in allocations(n, m):
        if B != A and all(weakly_dominates(bundle(B, i), bundle(A, i), P[i]) for i in range(n)):
            return B
    return None


def pareto_efficient_brute(P: tuple, A: tuple) -> Optional[tuple]:
    """The definition with its quantifier made explicit (necessary PE; the note's 1.7): an
    allocation ``B != A`` such that every agent has a consistent preference with ``B_i >= A_i``,
    i.e. (Lemma 1) ``B_i = A_i`` or not ``A_i >=_{P_i} B_i``."""
    n, m = len(P), len(A)
    for B in allocations(n, m):
        if B != A and all(bundle(B, i) == bundle(A, i) or
                          not weakly_dominates(bundle(A, i), bundle(B, i), P[i])
                          for i in range(n)):
            return B
    return None


# ---------------------------------------------------------------- over a whole outcome table
def envy_arrays(t) -> "np.ndarray":
    """``env[p, k, i, j]``: at profile ``p`` agent ``i`` prefers ``j``'s object of category
    ``k`` to her own (an :class:`proofs.housing.axioms.OutcomeTable` ``t``, every profile at
    once). ``env.sum(axis=1)`` is the envy-count matrix of :func:`envy_counts`."""
    import numpy as np
    n, m = t.n, t.m
    N = t.out.shape[0]
    env = np.zeros((N, m, n, n), dtype=bool)
    for k in range(m):
        for i in range(n):
            pos = t.pos[t.rank_of[t.digits[:, i], k]]                  # (N, n): i's positions
            mine = pos[np.arange(N), t.out[:, k, i]]
            theirs = np.take_along_axis(pos, t.out[:, k, :].astype(np.int64), axis=1)
            env[:, k, i, :] = theirs < mine[:, None]
    return env


def has_cycle(adj) -> "np.ndarray":
    """For digraphs ``adj[..., i, j]`` (boolean, stacked), whether each has a directed cycle:
    the transitive closure by repeated boolean squaring has a true diagonal entry."""
    import numpy as np
    n = adj.shape[-1]
    reach = adj.astype(bool)
    steps = 1
    while steps < n:
        reach = reach | (np.matmul(reach.astype(np.uint8), reach.astype(np.uint8)) > 0)
        steps *= 2
    return np.diagonal(reach, axis1=-2, axis2=-1).any(axis=-1)
