"""The lottery congestion game G (Section 7) and Milchtaich's player-specific congestion games.

A game is a payoff table ``values[i][j][k]``: player i's payoff on strategy j when k players
(herself included) play j, nonincreasing in k (Definition 7); index 0 holds the value at k = 1
(an unplayed strategy is compared at "count 1", the convention of Definition 9 and note S14).
:func:`lottery_game` turns a market into its game, ``U_ij(k) = u_ij min(1, q_j / k)``; the
Tickets code runs on any such table, so Theorem 10's "related lottery" is the same object.

Also here: Nash equilibria (7.1), EF/SEF profiles (7.2), strong NE (Definition 10), better- and
best-reply improvement paths and cycles (on a networkx graph), and the multiplicative potential
``Psi(x) = prod_i u_{i,x_i} * prod_j prod_{k=1..n_j} zeta(k, q_j)`` of the note (Section 2.7).

Examples
--------
>>> from proofs.sef.model import Market
>>> g = lottery_game(Market.of([[2, 3], [3, 2]], [1, 1]))
>>> nash_equilibria(g)
[(0, 1), (1, 0)]
>>> strong_nash_equilibria(g)
[(1, 0)]
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Sequence

import networkx as nx

from exact.errors import InvalidInstance
from exact.numbers import ONE, Q

from .model import Market, zeta

__all__ = ["Game", "lottery_game", "table_game", "payoffs", "is_nash", "nash_equilibria",
           "is_sef_profile", "is_strong_nash", "strong_nash_equilibria", "improvement_graph",
           "best_reply_graph", "find_cycle", "potential", "lex_potential", "profiles"]


@dataclasses.dataclass(frozen=True)
class Game:
    """A player-specific congestion game: ``values[i][j][k]`` for ``k = 0..n+1`` (see module)."""

    values: tuple

    def __hash__(self) -> int:
        h = self.__dict__.get("_hash")            # cached: hashing fmpq entries is not cheap
        if h is None:
            h = hash(self.values)
            object.__setattr__(self, "_hash", h)
        return h

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def m(self) -> int:
        return len(self.values[0])


def lottery_game(market: Market) -> Game:
    """The lottery congestion game of a market (Section 7): ``U_ij(k) = u_ij zeta(k, q_j)``."""
    return Game(market.values)


def table_game(table: Sequence[Sequence[Sequence]], check: bool = True) -> Game:
    """A Milchtaich game from ``table[i][j][k-1] = U_ij(k)`` for ``k = 1..n``.

    Raises InvalidInstance (naming the entry) if a payoff increases with the count.
    """
    n = len(table)
    vals = []
    for i, row in enumerate(table):
        vr = []
        for j, seq in enumerate(row):
            seq = [x if isinstance(x, Q) else Q(x) for x in seq]
            if len(seq) != n:
                raise InvalidInstance(f"table[{i}][{j}]", f"{len(seq)} entries, expected {n}")
            if check:
                for k in range(1, n):
                    if seq[k] > seq[k - 1]:
                        raise InvalidInstance(f"table[{i}][{j}][{k}]",
                                              "payoff increases with congestion")
            vr.append(tuple([seq[0]] + seq + [seq[-1]]))
        vals.append(tuple(vr))
    return Game(tuple(vals))


def profiles(game) -> list:
    """All strategy profiles ``C^n`` (lexicographic)."""
    return list(itertools.product(range(game.m), repeat=game.n))


def _counts(s, m):
    c = [0] * m
    for j in s:
        c[j] += 1
    return c


def payoffs(game, s: Sequence[int]) -> tuple:
    """``U_i(s) = U_{i s_i}(n_{s_i}(s))``."""
    c = _counts(s, game.m)
    return tuple(game.values[i][j][c[j]] for i, j in enumerate(s))


def is_nash(game, s: Sequence[int]) -> bool:
    """Nash equilibrium (7.1): ``U_{is_i}(n_{s_i}) >= U_ij(n_j + 1)`` for all i and ``j != s_i``."""
    c = _counts(s, game.m)
    V = game.values
    return all(V[i][si][c[si]] >= V[i][j][c[j] + 1]
               for i, si in enumerate(s) for j in range(game.m) if j != si)


def nash_equilibria(game) -> list:
    """All pure Nash equilibria."""
    return [s for s in profiles(game) if is_nash(game, s)]


def is_sef_profile(game, s: Sequence[int]) -> bool:
    """Strictly envy-free profile (Definition 9, strict (7.2)): ``U_{is_i}(n_{s_i}) > U_ij(n_j)``
    for all ``j != s_i`` (``n_j = 0`` read at count 1)."""
    c = _counts(s, game.m)
    V = game.values
    return all(V[i][si][c[si]] > V[i][j][c[j]]
               for i, si in enumerate(s) for j in range(game.m) if j != si)


def is_strong_nash(game, s: Sequence[int], every: Sequence = None) -> bool:
    """Strong NE (Definition 10): no coalition T and joint deviation ``s_T`` with every member
    of T strictly better off. A member who keeps her strategy cannot gain (her count can only
    rise), so it suffices to try every profile y with T = the players who change."""
    s = tuple(s)
    base = payoffs(game, s)
    for y in (every if every is not None else profiles(game)):
        if y == s:
            continue
        py = payoffs(game, y)
        if all(py[i] > base[i] for i in range(game.n) if y[i] != s[i]):
            return False
    return True


def strong_nash_equilibria(game) -> list:
    """All strong Nash equilibria (only Nash equilibria can be strong)."""
    every = profiles(game)
    return [s for s in nash_equilibria(game) if is_strong_nash(game, s, every)]


def improvement_graph(game, best: bool = False) -> nx.DiGraph:
    """Profiles and strict unilateral improvements ``s -> (s_{-i}, j)`` (better replies; with
    ``best=True`` only moves to a best reply). Edges carry the mover ``i``."""
    g = nx.DiGraph()
    for s in profiles(game):
        g.add_node(s)
        c = _counts(s, game.m)
        V = game.values
        for i, si in enumerate(s):
            own = V[i][si][c[si]]
            dev = {j: V[i][j][c[j] + 1] for j in range(game.m) if j != si}
            top = max(dev.values()) if dev else own
            for j, v in dev.items():
                if v > own and (not best or v == top):
                    g.add_edge(s, s[:i] + (j,) + s[i + 1:], mover=i)
    return g


def best_reply_graph(game) -> nx.DiGraph:
    """:func:`improvement_graph` restricted to best replies."""
    return improvement_graph(game, best=True)


def find_cycle(g: nx.DiGraph, start=None):
    """A directed cycle of improvement moves (list of profiles), or None (finite paths)."""
    try:
        edges = nx.find_cycle(g, source=start)
    except nx.NetworkXNoCycle:
        return None
    return [e[0] for e in edges]


def potential(market: Market, x: Sequence[int]) -> Q:
    """The note's multiplicative potential ``Psi(x)`` (a claim of the note, Section 2.7)."""
    c = [0] * market.m
    for j in x:
        c[j] += 1
    v = ONE
    for i, j in enumerate(x):
        v *= market.u[i][j]
    for j, k in enumerate(c):
        for t in range(1, k + 1):
            v *= zeta(t, market.q[j])
    return v


def lex_potential(market: Market, x: Sequence[int]) -> tuple:
    """``(-#{i : EU_i = 0}, Psi over positive factors)``, for payoffs that may be zero."""
    c = [0] * market.m
    for j in x:
        c[j] += 1
    zeros = sum(1 for i, j in enumerate(x) if market.u[i][j] == 0)
    v = ONE
    for i, j in enumerate(x):
        if market.u[i][j] != 0:
            v *= market.u[i][j]
    for j, k in enumerate(c):
        for t in range(1, k + 1):
            v *= zeta(t, market.q[j])
    return (-zeros, v)
