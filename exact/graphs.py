"""Pointing graphs and their cycles, on networkx: the combinatorics behind TTC and the core.

* :func:`pointing_graph`: each remaining agent points to the owner of her favourite remaining
  house (Gale's top trading cycles, in Shapley and Scarf 1974).
* :func:`trading_cycles`: the cycles of a pointing graph (every node has out-degree one, so the
  cycles are disjoint and at least one exists).
* :func:`improvement_graph` and :func:`strict_improvement_cycle`: agent ``i`` points to the owner
  of every house she weakly prefers to her assignment; a coalition blocks weakly (all weakly
  better, one strictly) iff the graph has a cycle through a strict edge.

Examples
--------
>>> from exact.prefs import Profile
>>> g = pointing_graph(Profile([(1, 0), (0, 1)]), owner={0: 0, 1: 1})
>>> trading_cycles(g)
[[0, 1]]
"""

from __future__ import annotations

from typing import Mapping, Optional, Sequence

import networkx as nx

from .prefs import Profile

__all__ = ["pointing_graph", "trading_cycles", "improvement_graph", "strict_improvement_cycle"]


def pointing_graph(profile: Profile, owner: Mapping[int, int],
                   pointers: Optional[Mapping[int, int]] = None) -> nx.DiGraph:
    """The TTC pointing graph of the remaining market.

    Parameters
    ----------
    profile : Profile
        complete strict rankings of the houses.
    owner : mapping house -> agent
        the remaining houses and their current owners (the remaining agents are the values).
    pointers : mapping agent -> house, optional
        override the house an agent points at (used to explore an agent's possible reports).

    Returns
    -------
    networkx.DiGraph
        edge ``i -> owner[h]`` with attribute ``house=h``, ``h`` being ``i``'s favourite
        remaining house (or ``pointers[i]``).
    """
    g = nx.DiGraph()
    for i in owner.values():
        if pointers is not None and i in pointers:
            h = pointers[i]
        else:
            h = next(x for x in profile[i] if x in owner)
        g.add_edge(i, owner[h], house=h)
    return g


def trading_cycles(graph: nx.DiGraph) -> list[list[int]]:
    """The cycles of a pointing graph, each starting at its smallest agent, sorted.

    A self-loop (an agent pointing to herself) is a cycle of length one.

    Notes
    -----
    Every node has out-degree one, so the cycles are exactly the strongly connected components
    with an edge inside (``networkx.strongly_connected_components``, linear time; Johnson's
    ``simple_cycles`` gives the same cycles but is about ten times slower on these graphs).
    Each cycle is listed by following the pointers from its smallest agent.
    """
    out = []
    for comp in nx.strongly_connected_components(graph):
        start = min(comp)
        if len(comp) == 1 and not graph.has_edge(start, start):
            continue
        cyc, v = [start], next(iter(graph.successors(start)))
        while v != start:
            cyc.append(v)
            v = next(iter(graph.successors(v)))
        out.append(cyc)
    return sorted(out)


def improvement_graph(profile: Profile, allocation: Sequence[int],
                      endowment: Optional[Sequence[int]] = None) -> nx.DiGraph:
    """Agent ``i`` points to the owner of every house she weakly prefers to ``allocation[i]``.

    Edges carry ``house=h`` and ``strict=True`` when ``h`` is strictly better than
    ``allocation[i]``. The self-loop ``i -> i`` is present when ``i`` weakly prefers her own
    endowment (strict when ``allocation`` is not individually rational for ``i``).
    """
    n = profile.n
    endowment = tuple(range(n)) if endowment is None else tuple(endowment)
    owner = {h: i for i, h in enumerate(endowment)}
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for i in range(n):
        for h in profile[i]:
            if profile.weakly_prefers(i, h, allocation[i]):
                g.add_edge(i, owner[h], house=h, strict=h != allocation[i])
    return g


def strict_improvement_cycle(graph: nx.DiGraph) -> Optional[list[int]]:
    """A cycle of an :func:`improvement_graph` through a strict edge, or ``None``.

    Such a cycle exists iff some strongly connected component contains a strict edge; the cycle
    returned is that edge followed by a shortest path back.
    """
    comp = {}
    for k, c in enumerate(nx.strongly_connected_components(graph)):
        for v in c:
            comp[v] = k
    for u, v, d in sorted(graph.edges(data=True)):
        if d["strict"] and comp[u] == comp[v]:
            return [u] + nx.shortest_path(graph, v, u)[:-1] if u != v else [u]
    return None
