"""Door times of the proof of Theorem 6 (Appendix, "Discussion of the proof of Theorem 6",
Table 5): every branch of a Tickets run, its door table, the properties (A)-(G) and the premises
and conclusions of Lemmas 1-3.

A *run* is one complete branch of the Tickets algorithm for one arrival order: every tie-break
among best pools (N1) and every choice of the returning agent (N2) gives its own run
(:func:`runs`). Its events are ``("enter", agent, pool)`` and ``("out", agent)``. The door
clock ticks at every entry and once more at the end: door time z has the entrant ``a_z`` (None
at the final tick T) and the room ``y_z`` just before that entry (any leaver already gone).
``t_i`` is agent i's last door time, ``t_j`` (pool) the first door time at which pool j holds
its final count ``n_j(x^n)``.

Examples
--------
>>> from proofs.sef.instances import EX2
>>> d = door_table(EX2, next(runs(EX2, (0, 1, 2, 3))))
>>> d.t_agent, dict(sorted(d.t_pool.items())), d.T    # Table 5 (0-based agents, pools)
({0: 3, 1: 2, 2: 4, 3: 5}, {0: 6, 1: 5, 2: 4}, 6)
"""

from __future__ import annotations

import dataclasses
from typing import Iterator, Optional, Sequence

from .model import Market
from .tickets import best_pools, check_order, unstable_agents

__all__ = ["runs", "DoorTable", "door_table", "door_time_violation", "pool_times_distinct",
           "trading_cycles", "lemma_violation"]


def runs(market: Market, order: Sequence[int]) -> Iterator[tuple]:
    """Every complete run (events) of the Tickets algorithm for ``order``: every N1 tie-break
    and every N2 choice of the returning agent, depth first."""
    order = check_order(market, order)
    n = market.n

    def rec(room, k, door, events):
        if door is None:
            if k == n:
                yield events
                return
            door, k = order[k], k + 1
        for j in best_pools(market, room, door):
            r2 = room[:door] + (j,) + room[door + 1:]
            ev = events + (("enter", door, j),)
            bad = unstable_agents(market, r2)
            if not bad:
                yield from rec(r2, k, None, ev)
            for a in bad:
                yield from rec(r2[:a] + (None,) + r2[a + 1:], k, a, ev + (("out", a),))

    return rec((None,) * n, 0, None, ())


@dataclasses.dataclass
class DoorTable:
    """The door clock of one run: ``rows[z - 1] = (a_z, z, y_z)`` for z = 1..T (``a_T`` is
    None), ``t_agent``, ``t_pool``, ``T``, the outcome ``x^n`` and, per agent, whether her
    last entry is her first one."""

    rows: list
    t_agent: dict
    t_pool: dict
    T: int
    outcome: tuple
    first_entry_last: dict


def _counts(room, m):
    c = [0] * m
    for j in room:
        if j is not None:
            c[j] += 1
    return c


def door_table(market: Market, events: Sequence[tuple]) -> DoorTable:
    """The door clock of a run (the definitions before properties (A)-(G))."""
    room = (None,) * market.n
    rows, t_agent, entries = [], {}, {}
    z = 0
    for ev in events:
        if ev[0] == "enter":
            z += 1
            rows.append((ev[1], z, room))
            t_agent[ev[1]] = z
            entries[ev[1]] = entries.get(ev[1], 0) + 1
            room = room[:ev[1]] + (ev[2],) + room[ev[1] + 1:]
        else:
            room = room[:ev[1]] + (None,) + room[ev[1] + 1:]
    rows.append((None, z + 1, room))
    final = _counts(room, market.m)
    t_pool = {}
    for _, zz, y in rows:
        c = _counts(y, market.m)
        for j in range(market.m):
            if j not in t_pool and c[j] == final[j]:
                t_pool[j] = zz
    return DoorTable(rows, t_agent, t_pool, z + 1, room,
                     {a: k == 1 for a, k in entries.items()})


def pool_times_distinct(d: DoorTable, market: Market, held_only: bool) -> Optional[tuple]:
    """Property (B): two pools with the same door time ``t_j`` (only pools held at the end
    with ``held_only``), or None."""
    final = _counts(d.outcome, market.m)
    seen = {}
    for j in range(market.m):
        if held_only and final[j] == 0:
            continue
        if d.t_pool[j] in seen:
            return seen[d.t_pool[j]], j
        seen[d.t_pool[j]] = j
    return None


def door_time_violation(market: Market, events: Sequence[tuple]) -> Optional[dict]:
    """The first of the properties (A), (B) (for the pools held at the end), (C)-(G) and the
    range of T that fails on this run, as data; None when all hold.

    (A) distinct agents have distinct ``t_i``; (B) distinct held pools have distinct ``t_j``;
    (C) ``t_i1 > t_i2`` implies that i1's last entry is her first, or that she re-entered at
    a door time after ``t_i2``; (D) ``n_j(y_z)`` is nondecreasing in z; (E) ``n_j(y_t) <
    n_j(y_T)`` for ``t < t_j`` and ``=`` from ``t_j`` on; (F) every ``y_z`` is IS for the agents
    in the room; (G) the entrant at door time ``t_j - 1`` chooses j, and an entrant choosing j
    at a door time ``t > t_j`` makes an agent return a j ticket, who re-enters at once and
    chooses a pool other than j; and ``n + 1 <= T <= n(n+1)/2 + 1`` (the final tick counted,
    as in Table 5).
    """
    d = door_table(market, events)
    n, m = market.n, market.m
    V = market.values
    if len(set(d.t_agent.values())) != len(d.t_agent):
        return {"property": "A", "t_agent": d.t_agent}
    hit = pool_times_distinct(d, market, held_only=True)
    if hit is not None:
        return {"property": "B", "pools": hit, "t_pool": d.t_pool}
    entry_pos = [i for i, ev in enumerate(events) if ev[0] == "enter"]   # door time z at z-1
    for i1, s1 in d.t_agent.items():
        for i2, s2 in d.t_agent.items():
            if s1 > s2 and not d.first_entry_last[i1] and not any(
                    ev == ("out", i1) for ev in events[entry_pos[s2 - 1]:]):
                return {"property": "C", "agents": (i1, i2)}
    counts = [_counts(y, m) for _, _, y in d.rows]
    for z in range(1, d.T):
        if any(counts[z][j] < counts[z - 1][j] for j in range(m)):
            return {"property": "D", "door_time": z + 1, "before": counts[z - 1],
                    "after": counts[z]}
    final = counts[-1]
    for j in range(m):
        for z in range(1, d.T + 1):
            c = counts[z - 1][j]
            if (z < d.t_pool[j] and not c < final[j]) or (z >= d.t_pool[j] and c != final[j]):
                return {"property": "E", "pool": j, "door_time": z}
    for _, z, y in d.rows:
        c = counts[z - 1]
        for a, j in enumerate(y):
            if j is not None and any(V[a][k][c[k] + 1] > V[a][j][c[j]]
                                     for k in range(m) if k != j):
                return {"property": "F", "door_time": z, "agent": a, "room": y}
    enters = [(i, ev) for i, ev in enumerate(events) if ev[0] == "enter"]
    for j in range(m):
        tj = d.t_pool[j]
        if tj > 1 and enters[tj - 2][1][2] != j:
            return {"property": "G", "pool": j, "door_time": tj - 1,
                    "entrant_chose": enters[tj - 2][1][2]}
        for z in range(tj + 1, d.T):
            pos, ev = enters[z - 1]
            if ev[2] != j:
                continue
            nxt = events[pos + 1] if pos + 1 < len(events) else None
            if nxt is None or nxt[0] != "out" or d.rows[z][2][nxt[1]] is not None or \
                    _held_before(events, pos, nxt[1]) != j:
                return {"property": "G", "pool": j, "door_time": z, "next": nxt}
            again = events[pos + 2] if pos + 2 < len(events) else None
            if again is None or again[:2] != ("enter", nxt[1]) or again[2] == j:
                return {"property": "G", "pool": j, "door_time": z, "re_entry": again}
    if not n + 1 <= d.T <= n * (n + 1) // 2 + 1:
        return {"property": "T", "T": d.T}
    return None


def _held_before(events, pos, agent):
    """The pool ``agent`` held just before ``events[pos + 1]`` (her last entry before it)."""
    for ev in reversed(events[:pos + 1]):
        if ev[0] == "enter" and ev[1] == agent:
            return ev[2]
    return None


def trading_cycles(x: Sequence[int], houses: Sequence[int]) -> list:
    """The cycles of the permutation ``i -> houses[i]`` (agent i receives agent
    ``houses[i]``'s ticket) of length >= 2, each listed from its least agent."""
    seen, out = set(), []
    for s in range(len(x)):
        if s in seen:
            continue
        cyc, a = [], s
        while a not in seen:
            seen.add(a)
            cyc.append(a)
            a = houses[a]
        if len(cyc) >= 2:
            out.append(tuple(cyc))
    return out


def lemma_violation(market: Market, d: DoorTable, houses: Sequence[int]) -> dict:
    """Lemmas 1-3 on one run and one trade of its outcome ``x^n`` (agent i receives agent
    ``houses[i]``'s ticket; same counts), under the premises their proofs use.

    For every trading cycle Omega (length >= 2) whose members all strictly gain at the counts of
    ``x^n`` (inequality (9.11), the premise of Lemmas 1 and 2): Lemma 1 asks for a member
    theta with ``t_{nu_theta} < t_theta``; Lemma 2 for ``t_{nu_eta} < t_eta``, eta the member
    with the largest door time. Lemma 3's premises add: an agent gamma_1 holding ``nu_eta`` in
    ``y_{t_eta}`` and another pool in ``x^n``; its cycle Omega_2 either has every member
    strictly gaining (case alpha) or is ``{gamma_1}`` with ``EU_gamma1(x^n) >
    u_{gamma1, nu_eta} z_{nu_eta}`` ((9.22), case beta); then Lemma 3 asks for an agent gamma_2
    with ``t_gamma2 > t_gamma1`` outside Omega_1 and Omega_2.

    Returns ``{"met": [lemmas whose premises held], "failed": (lemma, data) or None}``.
    """
    x = d.outcome
    n, m = market.n, market.m
    V = market.values
    c = _counts(x, m)
    eu = [V[i][x[i]][c[x[i]]] for i in range(n)]
    gain = [V[i][x[houses[i]]][c[x[houses[i]]]] > eu[i] for i in range(n)]
    cycles = trading_cycles(x, houses)
    cycle_of = {a: cyc for cyc in cycles for a in cyc}
    met, t, tp = set(), d.t_agent, d.t_pool
    for om in cycles:
        if not all(gain[a] for a in om):
            continue
        met |= {1, 2}
        if not any(tp[x[a]] < t[a] for a in om):
            return {"met": sorted(met), "failed": (1, {"cycle": om, "t_agent": t,
                                                       "t_pool": tp})}
        eta = max(om, key=lambda a: t[a])
        if not tp[x[eta]] < t[eta]:
            return {"met": sorted(met), "failed": (2, {"cycle": om, "eta": eta})}
        y = d.rows[t[eta] - 1][2]
        gammas = [g for g, j in enumerate(y) if j == x[eta] and g != eta and x[g] != x[eta]]
        met.add(3)
        if not gammas or any(t[g1] <= t[eta] for g1 in gammas):
            return {"met": sorted(met), "failed": (3, {"cycle": om, "eta": eta,
                                                       "gamma1": gammas, "t_agent": t})}
        for g1 in gammas:
            om2 = cycle_of.get(g1, (g1,))
            if len(om2) >= 2:
                if not all(gain[a] for a in om2):
                    continue
            elif not eu[g1] > V[g1][x[eta]][c[x[eta]]]:
                continue
            met.add("3-premises")
            if not any(t[g2] > t[g1] and g2 not in om and g2 not in om2 for g2 in range(n)):
                return {"met": sorted(met, key=str), "failed": (3, {
                    "cycle": om, "gamma1": g1, "cycle2": om2, "t_agent": t})}
    return {"met": sorted(met, key=str), "failed": None}
