"""Figures from exact data (matplotlib axes in, nothing returned); extra ``plot``.

Paper-agnostic drawing helpers taking plain data: directed graphs on agents (envy graphs, TTC
pointing graphs and trading cycles, improvement cycles) drawn with networkx, and exact curves
(a value against a parameter). Floats appear only to place marks on the canvas; every value is
computed exactly first and labels print the exact values.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> draw_ttc_rounds(ax, [(1, 0), (0, 1)])
[[[0, 1]]]
>>> plt.close(fig)
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import networkx as nx

__all__ = ["draw_digraph", "draw_envy_graph", "draw_ttc_rounds", "draw_exact_curve",
           "save_figure"]

_ROUND_COLOURS = ["tab:red", "tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown"]


def _circle(nodes: Sequence[Any]) -> dict:
    """Nodes on a circle, the first at the top, clockwise (stable, no random layout)."""
    k = max(len(nodes), 1)
    return {v: (math.sin(2 * math.pi * t / k), math.cos(2 * math.pi * t / k))
            for t, v in enumerate(nodes)}


def draw_digraph(ax, graph: nx.DiGraph, *, labels: Optional[dict] = None,
                 edge_labels: Optional[dict] = None, highlight: Sequence[Sequence[Any]] = (),
                 title: str = "", node_colour: str = "#dde8f5") -> None:
    """A small directed graph on a circle; ``highlight`` cycles drawn thick and coloured.

    ``labels[node]`` and ``edge_labels[(u, v)]`` are text; a highlighted cycle ``[c0, c1, ...]``
    colours the edges ``c0 -> c1 -> ... -> c0``.
    """
    nodes = list(graph.nodes)
    pos = _circle(nodes)
    hot: dict = {}
    for k, cyc in enumerate(highlight):
        for a, b in zip(cyc, list(cyc[1:]) + [cyc[0]]):
            hot[(a, b)] = _ROUND_COLOURS[k % len(_ROUND_COLOURS)]
    plain = [e for e in graph.edges if e not in hot]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=node_colour, edgecolors="black",
                           node_size=1600)
    nx.draw_networkx_labels(graph, pos, labels=labels or {v: str(v) for v in nodes}, ax=ax,
                            font_size=8)
    style = {"arrows": True, "arrowsize": 16, "node_size": 1600, "ax": ax,
             "connectionstyle": "arc3,rad=0.12"}
    nx.draw_networkx_edges(graph, pos, edgelist=[e for e in plain if e[0] != e[1]],
                           edge_color="grey", width=1.2, **style)
    if hot:
        nx.draw_networkx_edges(graph, pos, edgelist=[e for e in hot if e[0] != e[1]],
                               edge_color=[c for e, c in hot.items() if e[0] != e[1]], width=3,
                               **style)
    for e in [e for e in plain if e[0] == e[1]] + [e for e in hot if e[0] == e[1]]:
        _self_loop(ax, pos[e[0]], hot.get(e, "grey"), 3 if e in hot else 1.2)
    if edge_labels:
        nx.draw_networkx_edge_labels(graph, pos, edge_labels={
            e: t for e, t in edge_labels.items() if e[0] != e[1]}, ax=ax, font_size=7,
            label_pos=0.35, connectionstyle="arc3,rad=0.12")
    ax.set_title(title, fontsize=9)
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.5, 1.5)
    ax.set_aspect("equal")
    ax.axis("off")


def _self_loop(ax, xy, colour, width) -> None:
    """A loop outside the node at ``xy`` (pointing away from the centre of the circle)."""
    x, y = xy
    r = math.hypot(x, y) or 1.0
    ux, uy = (x / r, y / r) if math.hypot(x, y) else (0.0, 1.0)
    px, py = -uy, ux
    base = (x + 0.2 * ux, y + 0.2 * uy)
    ax.annotate("", xy=(base[0] - 0.1 * px, base[1] - 0.1 * py),
                xytext=(base[0] + 0.1 * px, base[1] + 0.1 * py),
                arrowprops={"arrowstyle": "-|>", "connectionstyle": "arc3,rad=-1.6",
                            "color": colour, "lw": width, "mutation_scale": 14})


def draw_envy_graph(ax, envy: Sequence[Sequence[Any]], *, names: Optional[Sequence[str]] = None,
                    title: str = "") -> list[list[int]]:
    """The envy graph of a matrix ``envy[i][j]`` (edge ``i -> j`` when it is non-zero, labelled
    with the exact value): returns its simple cycles (highlighted), shortest first."""
    n = len(envy)
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    labels = {}
    for i in range(n):
        for j in range(n):
            if i != j and envy[i][j] != 0:
                g.add_edge(i, j)
                labels[(i, j)] = str(envy[i][j])
    cycles = sorted((c for c in nx.simple_cycles(g)), key=lambda c: (len(c), c))
    draw_digraph(ax, g, labels={i: (names[i] if names else f"agent {i}") for i in range(n)},
                 edge_labels=labels, highlight=cycles[:3],
                 title=title or ("envy graph: " + (f"{len(cycles)} cycle(s)" if cycles else
                                                   "acyclic")))
    return cycles


def draw_ttc_rounds(ax, prefs: Sequence[Sequence[int]], endowment: Optional[Sequence[int]] = None,
                    *, title: str = "") -> list:
    """Top trading cycles on a housing market: every agent's first pointer (to the owner of her
    favourite house), and the trading cycles of all rounds, each cycle in its own colour (the title
    lists them round by round). Returns the rounds
    (:func:`exact.mechanisms.ttc.ttc_cycles`)."""
    from .graphs import pointing_graph
    from .mechanisms.ttc import ttc_cycles
    from .prefs import Profile
    p = Profile(list(prefs))
    endow = list(endowment) if endowment is not None else list(range(p.n))
    rounds = ttc_cycles(p, endow)
    g = pointing_graph(p, {h: i for i, h in enumerate(endow)})
    g.add_nodes_from(range(p.n))
    cyc = [c for r in rounds for c in r]
    # the edges along later-round cycles (pointers after earlier agents left)
    for c in cyc:
        for a, b in zip(c, c[1:] + c[:1]):
            g.add_edge(a, b)
    draw_digraph(ax, g, labels={i: f"{i}: h{endow[i]}" for i in range(p.n)}, highlight=cyc,
                 title=title or "TTC: " + "; ".join(
                     f"round {t + 1}: " + ", ".join("(" + " ".join(map(str, c)) + ")"
                                                    for c in r) for t, r in enumerate(rounds)))
    return rounds


def draw_exact_curve(ax, points: Sequence[tuple[Any, Any]], *, xlabel: str = "x",
                     ylabel: str = "y", marks: Sequence[Any] = (), title: str = "",
                     log: bool = False) -> None:
    """An exact function sampled at exact points ``[(x, y), ...]`` (fmpq, ints); ``marks`` are
    x-values drawn as dotted vertical lines (optima, thresholds)."""
    xs = [float(x) for x, _ in points]
    ys = [float(y) for _, y in points]
    ax.plot(xs, ys, "-o", ms=3)
    for m in marks:
        ax.axvline(float(m), ls=":", color="red")
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)


def save_figure(draw, path: str, figsize=(6, 4)) -> str:
    """Draw ``draw(ax)`` on a new figure and save it to ``path`` (PNG, PDF or SVG by suffix)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=figsize)
    try:
        draw(ax)
        fig.tight_layout()
        fig.savefig(path, dpi=120)
    finally:
        plt.close(fig)
    return path
