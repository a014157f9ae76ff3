"""Exact integer maximum flow for the small networks of Lemmas 3, 5, 10 and 13.

The networks have a few dozen nodes; building a networkx graph costs more than solving it, so
this is a plain Edmonds-Karp (shortest augmenting paths by breadth-first search) on integer
capacities -- exact, and cross-checked against :func:`networkx.maximum_flow` in the tests.

Examples
--------
>>> g = Network()
>>> g.add("s", "a", 3); g.add("a", "t", 2); g.add("s", "t", 1)
>>> g.max_flow("s", "t")
3
>>> sorted(g.source_side("s"))
['a', 's']
"""

from __future__ import annotations

from collections import deque

__all__ = ["Network"]


class Network:
    """A directed network with integer capacities; parallel edges add up. Antiparallel edges
    (``u -> v`` and ``v -> u`` both given) are not supported by :meth:`flow`."""

    def __init__(self):
        self.cap: dict = {}          # u -> {v: residual capacity}
        self.orig: dict = {}         # (u, v) -> original capacity

    def add(self, u, v, capacity: int) -> None:
        if capacity < 0:
            raise ValueError(f"negative capacity on {u} -> {v}")
        self.cap.setdefault(u, {})
        self.cap.setdefault(v, {})
        self.cap[u][v] = self.cap[u].get(v, 0) + capacity
        self.cap[v].setdefault(u, 0)
        self.orig[(u, v)] = self.orig.get((u, v), 0) + capacity

    def max_flow(self, s, t) -> int:
        """The maximum flow value from ``s`` to ``t`` (the residual capacities are updated)."""
        if s not in self.cap or t not in self.cap:
            return 0
        total = 0
        cap = self.cap
        while True:
            parent = {s: None}
            queue = deque([s])
            while queue and t not in parent:
                u = queue.popleft()
                for v, c in cap[u].items():
                    if c > 0 and v not in parent:
                        parent[v] = u
                        queue.append(v)
            if t not in parent:
                return total
            path, v = [], t
            while parent[v] is not None:
                path.append((parent[v], v))
                v = parent[v]
            push = min(cap[u][v] for u, v in path)
            for u, v in path:
                cap[u][v] -= push
                cap[v][u] += push
            total += push

    def flow(self, u, v) -> int:
        """The flow on the original edge ``u -> v`` after :meth:`max_flow`."""
        return self.orig.get((u, v), 0) - self.cap.get(u, {}).get(v, 0) if (u, v) in self.orig \
            else 0

    def source_side(self, s) -> set:
        """Nodes reachable from ``s`` in the residual network (a minimum cut's source side)."""
        seen = {s}
        queue = deque([s])
        while queue:
            u = queue.popleft()
            for v, c in self.cap.get(u, {}).items():
                if c > 0 and v not in seen:
                    seen.add(v)
                    queue.append(v)
        return seen
