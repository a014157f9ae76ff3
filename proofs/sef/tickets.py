"""The Tickets algorithm (Section 5.1), with every nondeterministic branch, and the NYC lottery.

Agents enter a room one at a time in an arrival order. An entrant takes a ticket from a pool of
maximal deviation value ``u_hj * zeta(N_j + 1, q_j)`` (N = the counts in the room); if some agent
inside is then unstable, one unstable agent returns her ticket, goes out and re-enters. The
paper allows *any* tie-break among best pools (N1) and *any* choice of the returning agent (N2);
:class:`Tickets` explores all of them exhaustively (memoised DFS), for one order or for all orders.

Examples
--------
>>> from proofs.sef.model import Market
>>> ex2 = Market.of([[2, 4, 3], [0, 1, 0], [0, 1, 0], [3, 0, 2]], [1, 1, 1])
>>> Tickets(ex2).leaves((0, 1, 2, 3))
frozenset({(2, 1, 1, 0)})
>>> [e for e in run(ex2, (0, 1, 2, 3)).events]
[('enter', 0, 1), ('enter', 1, 1), ('out', 0), ('enter', 0, 2), ('enter', 2, 1), ('enter', 3, 0)]
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from typing import Optional, Sequence

from exact.errors import InvalidInstance

from . import model as _model
from .model import Market

__all__ = ["Tickets", "tickets_of", "StepResult", "Run", "run", "nyc", "nyc_outcomes", "door_times",
           "best_pools", "unstable_agents", "check_order"]


def _counts(room: tuple, m: int) -> list:
    c = [0] * m
    for j in room:
        if j is not None:
            c[j] += 1
    return c


def best_pools(market: Market, room: tuple, h: int) -> list:
    """Pools maximising ``u_hj zeta(N_j + 1, q_j)`` for entrant ``h`` (ties: all of them, N1)."""
    V = market.values[h]
    m = len(V)
    c = _counts(room, m)
    vals = [V[j][c[j] + 1] for j in range(m)]
    top = max(vals)
    return [j for j in range(m) if vals[j] == top]


def unstable_agents(market: Market, room: tuple) -> list:
    """Agents in the room with a strictly better unilateral move (the candidates of N2)."""
    values = market.values
    m = len(values[0])
    c = _counts(room, m)
    out = []
    for a, j in enumerate(room):
        if j is None:
            continue
        V = values[a]
        own = V[j][c[j]]
        for k in range(m):
            if k != j and V[k][c[k] + 1] > own:
                out.append(a)
                break
    return out


def check_order(market: Market, order: Sequence[int]) -> tuple:
    """Validate an arrival order (a permutation of the agents ``0..n-1``)."""
    order = tuple(order)
    if sorted(order) != list(range(market.n)):
        raise InvalidInstance("order", f"not a permutation of 0..{market.n - 1}: {order}")
    return order


@dataclasses.dataclass
class StepResult:
    """All outcomes of one step (one new agent and the chain of returns it triggers).

    ``rooms``: the stable rooms in which the step can end; ``max_entries``: the most entries a
    branch needed; ``f1``: whether only holders of the just-entered pool ever became unstable
    (note F1); ``f2``: whether no agent re-entered twice within the step (note F2); ``bound``: whether
    every branch needed at most ``k + 1`` entries with ``k`` agents already inside.
    """

    rooms: frozenset
    max_entries: int
    f1: bool
    f2: bool
    bound: bool = True


#: steps shared across plain markets (see :meth:`Tickets.step`), cleared when full
_SHARED: dict = {}
_SHARED_MAX = 50_000


class Tickets:
    """Exhaustive Tickets algorithm on one market (memoised over rooms and steps)."""

    def __init__(self, market: Market):
        self.market = market
        #: utility rows as integer pairs (cheap to hash) when the steps can be shared: a plain
        #: market and this class's own step (a subclass may step differently: never shared)
        self._rowkeys = tuple(tuple((int(v.p), int(v.q)) for v in row) for row in market.u) \
            if type(market) is Market and type(self) is Tickets else None
        self._steps: dict = {}
        self._all: dict = {}
        # a plain market's payoff table is a function of the utility row (and q, n)
        rows = self._rowkeys or [tuple((x.p, x.q) for t in r for x in t)
                                 for r in market.values]
        first = {}
        #: symmetry classes: agents with identical payoff tables are interchangeable
        self._cls = tuple(first.setdefault(rows[a], a) for a in range(market.n))
        self._members = {}
        for a, c in enumerate(self._cls):
            self._members.setdefault(c, []).append(a)

    def step(self, room: tuple, agent: int) -> StepResult:
        """All branches (N1 x N2) of the step in which ``agent`` enters the stable ``room``.

        Memoised per market and, for a plain :class:`Market` and this class itself (not a
        subclass), across markets (:data:`_SHARED`): a step reads only the capacities, the
        room and the utility rows of
        the agents inside and of the entrant (agents outside are never consulted), so two
        markets agreeing on those have the same step, labels included. The shared key also
        holds the code the step runs (its two helper functions, :meth:`_step` and the
        payoff function ``zeta``), so a patched one never meets a result of the real one.
        """
        key = (room, agent)
        res = self._steps.get(key)
        if res is None:
            rk = self._rowkeys
            if rk is None:
                res = self._step(room, agent)
            else:
                gkey = (self.market.q, room, agent, best_pools, unstable_agents,
                        Tickets._step, _model.zeta,
                        tuple(rk[a] for a in range(len(room))
                              if room[a] is not None or a == agent))
                res = _SHARED.get(gkey)
                if res is None:
                    res = self._step(room, agent)
                    if len(_SHARED) >= _SHARED_MAX:
                        _SHARED.clear()
                    _SHARED[gkey] = res
            self._steps[key] = res
        return res

    def _step(self, room: tuple, agent: int) -> StepResult:
        market = self.market
        finals = set()
        max_entries = 0
        f1 = f2 = True
        seen = set()
        # DFS state: (room with the door agent outside, door agent, entries so far, re-entrants)
        stack = [(room, agent, 0, frozenset())]
        while stack:
            r, door, entries, returned = stack.pop()
            if (r, door, returned) in seen:
                continue
            seen.add((r, door, returned))
            for j in best_pools(market, r, door):
                r2 = r[:door] + (j,) + r[door + 1:]
                e2 = entries + 1
                bad = unstable_agents(market, r2)
                if not bad:
                    finals.add(r2)
                    max_entries = max(max_entries, e2)
                    continue
                if any(r2[a] != j for a in bad):
                    f1 = False
                for a in bad:
                    if a in returned:
                        f2 = False
                    r3 = r2[:a] + (None,) + r2[a + 1:]
                    stack.append((r3, a, e2, returned | {a}))
        inside = sum(1 for j in room if j is not None)
        return StepResult(frozenset(finals), max_entries, f1, f2, max_entries <= inside + 1)

    def leaves(self, order: Sequence[int]) -> frozenset:
        """All final allocations ``x^n`` for the arrival ``order`` over all branches."""
        order = check_order(self.market, order)
        rooms = {(None,) * self.market.n}
        for a in order:
            rooms = {r2 for r in rooms for r2 in self.step(r, a).rooms}
        return frozenset(rooms)

    def all_leaves(self) -> frozenset:
        """The union of :meth:`leaves` over all ``n!`` orders.

        Memoised on (room, agents still outside), reduced by symmetry: agents with identical
        payoff tables are interchangeable, so a state is replaced by its canonical form (within
        each class, the agents' (pool, outside) states sorted) and one entrant per class and
        state is tried. The leaves of the canonical run are then closed under the class
        permutations, which gives exactly the union over all orders (relabelling identical
        agents maps runs to runs).
        """
        n = self.market.n
        canon = self._union(*self._canon((None,) * n, frozenset(range(n))))
        out = set()
        for x in canon:
            out |= self._orbit(x)
        return frozenset(out)

    def _canon(self, room: tuple, rest: frozenset) -> tuple:
        r = list(room)
        inside = set(rest)
        for c, mem in self._members.items():
            if len(mem) < 2:
                continue
            states = sorted(((a in rest), -1 if room[a] is None else room[a]) for a in mem)
            for a, (out_, j) in zip(mem, states):
                r[a] = None if j == -1 else j
                if out_:
                    inside.add(a)
                else:
                    inside.discard(a)
        return tuple(r), frozenset(inside)

    def _orbit(self, x: tuple) -> set:
        res = {x}
        for c, mem in self._members.items():
            if len(mem) < 2:
                continue
            nxt = set()
            for y in res:
                vals = [y[a] for a in mem]
                for perm in set(itertools.permutations(vals)):
                    z = list(y)
                    for a, v in zip(mem, perm):
                        z[a] = v
                    nxt.add(tuple(z))
            res = nxt
        return res

    def _union(self, room: tuple, rest: frozenset) -> frozenset:
        if not rest:
            return frozenset((room,))
        key = (room, rest)
        got = self._all.get(key)
        if got is None:
            acc = set()
            tried = set()
            for a in sorted(rest):
                sig = (self._cls[a], room[a])
                if sig in tried:
                    continue
                tried.add(sig)
                for r2 in self.step(room, a).rooms:
                    acc |= self._union(*self._canon(r2, rest - {a}))
            got = self._all[key] = frozenset(acc)
        return got

    def outcomes_by_order(self) -> dict:
        """order -> frozenset of outcomes, for every order (orders as 0-based tuples)."""
        return {o: self.leaves(o) for o in itertools.permutations(range(self.market.n))}

    def invariants(self) -> dict:
        """F1, F2 and the entry bound over every step explored so far (call after leaves)."""
        steps = list(self._steps.values())
        return {"f1": all(s.f1 for s in steps), "f2": all(s.f2 for s in steps),
                "bound": all(s.bound for s in steps),
                "max_step_entries": max((s.max_entries for s in steps), default=0),
                "steps": len(steps)}


@dataclasses.dataclass
class Run:
    """One deterministic run: events ``('enter', agent, pool)`` / ``('out', agent)`` and the
    allocation after each step (``x^1 .. x^n``) with the intermediate rooms."""

    order: tuple
    events: list
    steps: list
    outcome: tuple


def run(market: Market, order: Sequence[int], tie: str = "first", returner: str = "first") -> Run:
    """One branch of the Tickets algorithm: lowest-index best pool and lowest-index returner
    (``"first"``) or the highest (``"last"``)."""
    order = check_order(market, order)
    pick = (lambda xs: xs[0]) if tie == "first" else (lambda xs: xs[-1])
    pick_r = (lambda xs: xs[0]) if returner == "first" else (lambda xs: xs[-1])
    room = (None,) * market.n
    events, steps = [], []
    for a in order:
        door: Optional[int] = a
        states = []
        while door is not None:
            j = pick(best_pools(market, room, door))
            room = room[:door] + (j,) + room[door + 1:]
            events.append(("enter", door, j))
            states.append(room)
            bad = unstable_agents(market, room)
            if bad:
                door = pick_r(bad)
                room = room[:door] + (None,) + room[door + 1:]
                events.append(("out", door))
            else:
                door = None
        steps.append(states)
    return Run(order, events, steps, room)


def door_times(market: Market, order: Sequence[int]) -> dict:
    """Door-time bookkeeping of the proof of Theorem 6 (Table 5) for the first branch.

    Returns ``rows`` (agent at the door or None for the final tick, door time z, y_z),
    ``t_agent`` (door time of each agent's last entry), ``t_pool`` (first door time at which the
    pool reaches its final count) and ``T`` (the final tick).
    """
    r = run(market, order)
    room = (None,) * market.n
    rows, t_agent = [], {}
    z = 0
    for ev in r.events:
        if ev[0] == "enter":
            z += 1
            rows.append((ev[1], z, room))
            t_agent[ev[1]] = z
            room = room[:ev[1]] + (ev[2],) + room[ev[1] + 1:]
        else:
            room = room[:ev[1]] + (None,) + room[ev[1] + 1:]
    rows.append((None, z + 1, room))
    final = _counts(r.outcome, market.m)
    t_pool = {}
    for agent, zz, y in rows:
        c = _counts(y, market.m)
        for j in range(market.m):
            if j not in t_pool and c[j] == final[j]:
                t_pool[j] = zz
    return {"rows": rows, "t_agent": t_agent, "t_pool": t_pool, "T": z + 1}


def nyc(market: Market, order: Sequence[int], tie: str = "first") -> tuple:
    """The NYC lottery (Section 3.1): serial dictatorship over tickets, no revisions (rule R4)."""
    order = check_order(market, order)
    room = (None,) * market.n
    for a in order:
        best = best_pools(market, room, a)
        j = best[0] if tie == "first" else best[-1]
        room = room[:a] + (j,) + room[a + 1:]
    return room


def nyc_outcomes(market: Market, order: Sequence[int]) -> frozenset:
    """All NYC outcomes for ``order`` over every tie-break."""
    order = check_order(market, order)
    rooms = {(None,) * market.n}
    for a in order:
        rooms = {r[:a] + (j,) + r[a + 1:] for r in rooms for j in best_pools(market, r, a)}
    return frozenset(rooms)


@functools.lru_cache(maxsize=2048)
def tickets_of(market: Market) -> Tickets:
    """A cached :class:`Tickets` of ``market`` with :meth:`Tickets.all_leaves` computed (shared
    by the claims that need the labelled outcomes)."""
    t = Tickets(market)
    t.all_leaves()
    return t
