"""Category-wise top trading cycles (the note's A10; in the paper only footnote 2).

Two uses in the toolkit: TTC where every object of category ``k`` has the priority order
``orders[k]`` must coincide with ``MCSD_f`` (a consistency claim), and TTC with fixed
endowments is the negative control of Theorem 1 (strategy-proof and nonbossy, not neutral).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import networkx as nx

__all__ = ["ttc_category", "ttc_priorities", "ttc_priorities_table", "ttc_endowment",
           "ttc_endowment_by_priorities"]


def ttc_category(ranks: Sequence[Sequence[int]], priority: Sequence[Sequence[int]]) -> tuple:
    """TTC in one category with object priorities (Abdulkadiroglu and Sonmez, 1999).

    Every remaining agent points to her best remaining object, every remaining object to its
    highest-priority remaining agent; the agents on the cycles of this pointing graph (found by
    networkx) receive the object they point to and leave with it.

    Parameters
    ----------
    ranks : ``ranks[i]`` best-first ranking of agent ``i``
    priority : ``priority[o]`` agents from highest to lowest priority for object ``o``

    Returns
    -------
    tuple
        ``col[i]`` = object of agent ``i``.

    Examples
    --------
    >>> ttc_category([(1, 0), (0, 1)], [(0, 1), (1, 0)])
    (1, 0)
    """
    n = len(ranks)
    agents, objects = set(range(n)), set(range(n))
    col = [None] * n
    while agents:
        G = nx.DiGraph()
        for i in agents:
            G.add_edge(("a", i), ("o", next(o for o in ranks[i] if o in objects)))
        for o in objects:
            G.add_edge(("o", o), ("a", next(i for i in priority[o] if i in agents)))
        for cyc in nx.simple_cycles(G):          # functional graph: disjoint cycles
            for node in cyc:
                if node[0] == "a":
                    o = next(iter(G.successors(node)))[1]
                    col[node[1]] = o
        for i, o in enumerate(col):
            if o is not None:
                agents.discard(i)
                objects.discard(o)
    return tuple(col)


@lru_cache(maxsize=65536)
def _ttc_common(ranks: tuple, order: tuple) -> tuple:
    return ttc_category(ranks, [order] * len(ranks))


def ttc_priorities(P: tuple, orders: Sequence[Sequence[int]]) -> tuple:
    """Category-wise TTC in which every object of category ``k`` has priority ``orders[k]``
    (each category's TTC is memoised: it is a function of that category's rankings only)."""
    n = len(P)
    return tuple(_ttc_common(tuple(tuple(P[i][k]) for i in range(n)), tuple(order))
                 for k, order in enumerate(orders))


def ttc_priorities_table(n: int, m: int, orders):
    """The outcome table (:mod:`proofs.housing.axioms`) of :func:`ttc_priorities` on every
    profile: each category's TTC is computed once per list of the agents' rankings of that
    category (``(n!)^n`` of them) and looked up for every profile."""
    import itertools

    import numpy as np

    from .axioms import _skeleton
    from .model import rankings
    t = _skeleton(n, m)
    ranks = rankings(n)
    T = len(ranks)
    out = np.empty((t.digits.shape[0], m, n), dtype=np.int8)
    for k in range(m):
        col = np.array([_ttc_common(tuple(ranks[x] for x in combo), tuple(orders[k]))
                        for combo in itertools.product(range(T), repeat=n)], dtype=np.int8)
        sub = sum(t.rank_of[t.digits[:, i], k] * T ** (n - 1 - i) for i in range(n))
        out[:, k, :] = col[sub]
    t.out = out
    return t


def ttc_endowment(P: tuple, endowment: Sequence[Sequence[int]] | None = None) -> tuple:
    """Category-wise Shapley-Scarf TTC: in category ``k`` agent ``i`` owns ``endowment[k][i]``.

    Each category is a housing market solved by the toolkit's :func:`exact.mechanisms.ttc`
    (networkx pointing graphs). By default agent ``i`` owns object ``i`` in every category.
    """
    from exact.mechanisms import ttc

    n, m = len(P), len(P[0])
    if endowment is None:
        endowment = (tuple(range(n)),) * m
    return tuple(tuple(ttc([P[i][k] for i in range(n)], endowment[k])) for k in range(m))


def ttc_endowment_by_priorities(P: tuple, endowment=None) -> tuple:
    """The same market solved by :func:`ttc_category` with owner-first object priorities
    (a cross-check of the two TTC implementations)."""
    n, m = len(P), len(P[0])
    if endowment is None:
        endowment = (tuple(range(n)),) * m
    out = []
    for k in range(m):
        owner = {o: i for i, o in enumerate(endowment[k])}
        prio = [(owner[o],) + tuple(j for j in range(n) if j != owner[o]) for o in range(n)]
        out.append(ttc_category([P[i][k] for i in range(n)], prio))
    return tuple(out)
