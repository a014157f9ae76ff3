"""A fast exact witness for Proposition 1 by two max-flows (falls back to the LP when it fails).

Stage 1 routes the audited wins ``y`` (interim ``A_phi``, at most ``k`` per profile), preferring
the highest agents of each profile (a minimum-cost flow: audits go to the merit winners); stage 2 routes
the unaudited wins ``z = x - y`` (interim ``phi`` for every type) into the capacity left over:
``m - sum_l c_l y(M, l)`` objects per profile and ``c_l (1 - y(M, l))`` per type. Each stage is an
exact integer max-flow (networkx, capacities scaled by a common denominator), the Lemma 5 network
over multiset profiles. Success gives ``x = y + z`` exactly; it is then re-checked by
:func:`check_witness`. A failure of the heuristic proves nothing (the split of capacity between
the stages may be unlucky) and the caller falls back to the exact LP.
"""

from __future__ import annotations

from math import lcm
from typing import Optional

import networkx as nx

from exact.numbers import Q

from .maxflow import Network
from .mwg import interim_A, interim_P
from .profiles import Layout, layout
from .typespace import Instance

__all__ = ["two_stage_witness", "check_witness"]


def _route(lay: Layout, cap_profile: list, cap_entry: list, target: list,
           merit: bool = False) -> Optional[list]:
    """Max-flow: per-profile capacity (objects), per-entry capacity (agents), interim targets.

    With ``merit=True`` a minimum-cost maximum flow prefers agents with fewer agents above them
    in their profile (cost = number of agents of strictly higher type), like the merit stage.
    """
    inst = lay.inst
    n = inst.n
    vals = [lay.prob[mi] * c for mi, c in enumerate(cap_profile)]
    vals += [lay.prob[mi] * c for (mi, l), c in zip(lay.entries, cap_entry)]
    vals += [n * p * a for p, a in zip(inst.probs, target)]
    D = lcm(*[int(Q(v).q) for v in vals])
    if not merit:
        return _route_plain(lay, cap_profile, cap_entry, target, D)
    G = nx.DiGraph()
    for mi, c in enumerate(cap_profile):
        G.add_edge("s", ("M", mi), capacity=int(lay.prob[mi] * c * D))
    for e, ((mi, l), c) in enumerate(zip(lay.entries, cap_entry)):
        cost = sum(lay.profiles[mi][l + 1:])
        G.add_edge(("M", mi), ("e", e), capacity=int(lay.prob[mi] * c * D), weight=cost)
        G.add_edge(("e", e), ("l", l), weight=0)
    demand = 0
    for l, (p, a) in enumerate(zip(inst.probs, target)):
        d = int(n * p * a * D)
        demand += d
        G.add_edge(("l", l), "z", capacity=d, weight=0)
    flow = nx.max_flow_min_cost(G, "s", "z")
    value = sum(flow[("l", l)]["z"] for l in range(inst.L))
    if value != demand:
        return None
    out = []
    for e, (mi, l) in enumerate(lay.entries):
        f = flow[("M", mi)].get(("e", e), 0)
        count = lay.profiles[mi][l]
        out.append(Q(f, D) / (lay.prob[mi] * count))     # per-agent probability
    return out


def _route_plain(lay: Layout, cap_profile: list, cap_entry: list, target: list,
                 D: int) -> Optional[list]:
    """:func:`_route` without costs: an exact integer max-flow (:class:`.maxflow.Network`)."""
    inst = lay.inst
    G = Network()
    for mi, c in enumerate(cap_profile):
        G.add("s", ("M", mi), int(lay.prob[mi] * c * D))
    for e, ((mi, l), c) in enumerate(zip(lay.entries, cap_entry)):
        G.add(("M", mi), ("l", l, e), int(lay.prob[mi] * c * D))
        G.add(("l", l, e), ("l", l), int(lay.prob[mi] * c * D))
    demand = 0
    for l, (p, a) in enumerate(zip(inst.probs, target)):
        d = int(inst.n * p * a * D)
        demand += d
        G.add(("l", l), "z", d)
    if G.max_flow("s", "z") != demand:
        return None
    return [Q(G.flow(("M", mi), ("l", l, e)), D) / (lay.prob[mi] * lay.profiles[mi][l])
            for e, (mi, l) in enumerate(lay.entries)]


def two_stage_witness(inst: Instance, ph, lay: Optional[Layout] = None) -> Optional[tuple]:
    """``(x, y)`` inducing ``(P_phi, P_phi - phi)`` exactly, or None if the heuristic fails."""
    lay = lay or layout(inst)
    counts = [lay.profiles[mi][l] for mi, l in lay.entries]
    nprof = len(lay.profiles)
    y = _route(lay, [inst.k] * nprof, counts, interim_A(inst, ph), merit=True)
    if y is None:
        return None
    used = [Q(0)] * nprof
    for (mi, l), c, yv in zip(lay.entries, counts, y):
        used[mi] += c * yv
    z = _route(lay, [inst.m - u for u in used], [c * (1 - yv) for c, yv in zip(counts, y)],
               [Q(ph)] * inst.L)
    if z is None:
        return None
    x = [a + b for a, b in zip(y, z)]
    return x, y


def check_witness(inst: Instance, ph, x: list, y: list, lay: Optional[Layout] = None) -> None:
    """Exact re-check of an ex-post witness: bounds, capacities, interim rules (raises ValueError)."""
    lay = lay or layout(inst)
    if not all(0 <= b <= a <= 1 for a, b in zip(x, y)):
        raise ValueError("need 0 <= y <= x <= 1")
    tot_x = [Q(0)] * len(lay.profiles)
    tot_y = [Q(0)] * len(lay.profiles)
    for (mi, l), a, b in zip(lay.entries, x, y):
        tot_x[mi] += lay.profiles[mi][l] * a
        tot_y[mi] += lay.profiles[mi][l] * b
    if any(v > inst.m for v in tot_x) or any(v > inst.k for v in tot_y):
        raise ValueError("capacity exceeded")
    if lay.interim(x) != interim_P(inst, ph) or lay.interim(y) != interim_A(inst, ph):
        raise ValueError("interim rules not matched")
