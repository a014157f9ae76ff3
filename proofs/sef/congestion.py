"""Finite congestion games with player-specific payoffs (Milchtaich 1996; paper Section 7,
Definition 7), enumerated for the exhaustive checks of Theorems 8-11.

A player's *type* is her payoff table ``t[j][k-1] = U_ij(k)``, ``k = 1..n``, nonincreasing in
the count k. Every statement of Section 7 (NE (7.1), EF/SEF (7.2), SNE (Definition 10), the
Tickets and Tickets-TTC procedures) compares payoffs of *one* player only, so it depends on a
type only through its weak order on the pairs (j, k): replacing each player's payoffs by their
*dense ranks* (0 = the lowest value she receives, then 1, 2, ...) changes none of them
(tests/sef/test_congestion.py checks this on random order-preserving maps). The corpora
therefore enumerate dense-rank types with ranks ``<= V``: they stand for every game whose
players each have at most ``V + 1`` distinct payoff values (``V >= n m - 1``: every game of
that size).

:class:`GameCorpus` lists games as multisets of types (players are interchangeable) and keeps
one game per orbit of *resource* relabelling too (``symmetry = "players+resources"``); with
``sef_only`` it lists exactly the games of the blocks that have an SEF profile, built around
it (as :func:`proofs.sef.domains.sef_markets` does for markets).

Examples
--------
>>> g = game_of([((1, 0), (1, 1)), ((1, 1), (0, 0))])
>>> g.n, g.m, to_table(g)
(2, 2, [[[1, 0], [1, 1]], [[1, 1], [0, 0]]])
>>> GAMES.count(1)
183
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from typing import Any, Iterator, Optional, Sequence

from exact.claims import Domain
from exact.errors import InputError
from exact.numbers import parse_q

from .domains import compositions
from .game import Game, table_game

__all__ = ["chains", "dense", "player_types", "game_of", "to_table", "types_of", "canonical",
           "is_sef_type", "GameCorpus", "GAMES", "SEF_GAMES", "parse_game", "MAX_PLAYERS"]

#: largest game accepted from user JSON (m^n profiles are enumerated)
MAX_PLAYERS = 8


def chains(n: int, top: int) -> list:
    """Nonincreasing sequences of length n with entries in ``{0..top}`` (a payoff ``U_ij(.)``)."""
    return [c for c in itertools.product(range(top, -1, -1), repeat=n)
            if all(c[k] >= c[k + 1] for k in range(n - 1))]


def dense(t: Sequence[Sequence]) -> tuple:
    """The dense ranks of a type: each payoff replaced by the number of smaller distinct ones."""
    vals = sorted({v for seq in t for v in seq})
    rank = {v: r for r, v in enumerate(vals)}
    return tuple(tuple(rank[v] for v in seq) for seq in t)


@functools.lru_cache(maxsize=None)
def player_types(n: int, m: int, top: int) -> tuple:
    """Every dense-rank type of a player (m resources, counts 1..n) with ranks ``<= top``,
    sorted."""
    cs = chains(n, top)
    return tuple(sorted({dense(t) for t in itertools.product(cs, repeat=m)}))


def game_of(types: Sequence) -> Game:
    """The game with ``U_ij(k) = types[i][j][k-1]`` (Definition 7)."""
    return table_game([[list(seq) for seq in t] for t in types])


def to_table(game: Game) -> list:
    """``table[i][j][k-1] = U_ij(k)`` for ``k = 1..n`` (JSON-able; numbers as ints or "p/q")."""
    n = game.n
    return [[[_num(v) for v in seq[1:n + 1]] for seq in row] for row in game.values]


def types_of(game: Game) -> tuple:
    """The players' payoff tables ``((U_i1(1..n)), ...)`` as tuples of fmpq."""
    n = game.n
    return tuple(tuple(tuple(seq[1:n + 1]) for seq in row) for row in game.values)


def _num(x):
    return int(x.p) if x.q == 1 else str(x)


def _permute(t: tuple, p: Sequence[int]) -> tuple:
    return tuple(t[p[j]] for j in range(len(t)))


def canonical(types: Sequence) -> tuple:
    """The representative of a multiset of types under resource relabelling: the least sorted
    tuple over every permutation of the resources."""
    m = len(types[0])
    return min(tuple(sorted(_permute(t, p) for t in types))
               for p in itertools.permutations(range(m)))


def _resource_images(types: tuple) -> int:
    m = len(types[0])
    return len({tuple(sorted(_permute(t, p) for t in types))
                for p in itertools.permutations(range(m))})


def is_sef_type(t: Sequence, c: Sequence[int], j: int) -> bool:
    """Whether a player of type t playing j is strictly envy-free at the counts c (7.2):
    ``U_ij(c_j) > U_il(c_l)`` for every ``l != j``, an unplayed l read at count 1."""
    own = t[j][c[j] - 1]
    return c[j] > 0 and all(own > t[l][max(c[l], 1) - 1] for l in range(len(c)) if l != j)


def _sef_profiles(types: Sequence) -> list:
    """Every SEF profile of the game (players in the given order), lexicographic."""
    n, m = len(types), len(types[0])
    out = []
    for s in itertools.product(range(m), repeat=n):
        c = [s.count(j) for j in range(m)]
        if all(is_sef_type(t, c, j) for t, j in zip(types, s)):
            out.append(s)
    return out


def _split(types: Sequence, s: Sequence[int]) -> tuple:
    """An SEF profile as (counts, the sorted multiset of types in each resource)."""
    m = len(types[0])
    return (tuple(s.count(j) for j in range(m)),
            tuple(tuple(sorted(t for t, sj in zip(types, s) if sj == j)) for j in range(m)))


def _sef_games(n: int, m: int, top: int, ordered: bool) -> Iterator[tuple]:
    """Every game of the block with an SEF profile, once: built around the profile (for each
    count vector c, the players in resource j get a type for which j is SEF at c); a game
    with several SEF profiles is emitted only from its first one."""
    ts = player_types(n, m, top)
    for c in compositions(n, m):
        R = [[t for t in ts if is_sef_type(t, c, j)] for j in range(m)]
        if any(k and not R[j] for j, k in enumerate(c)):
            continue
        if ordered:
            for s in itertools.product(range(m), repeat=n):
                if tuple(s.count(j) for j in range(m)) != c:
                    continue
                for types in itertools.product(*(R[j] for j in s)):
                    if _sef_profiles(types)[0] == s:
                        yield types
            continue
        per = [itertools.combinations_with_replacement(R[j], k) for j, k in enumerate(c)]
        for combo in itertools.product(*per):
            split = (c, tuple(tuple(part) for part in combo))
            types = tuple(sorted(t for part in combo for t in part))
            if canonical(types) != types:
                continue
            sefs = _sef_profiles(types)
            if len(sefs) > 1 and min(_split(types, s) for s in sefs) != split:
                continue
            yield types


def _all_games(n: int, m: int, top: int, ordered: bool) -> Iterator[tuple]:
    ts = player_types(n, m, top)
    if ordered:
        yield from itertools.product(ts, repeat=n)
        return
    for types in itertools.combinations_with_replacement(ts, n):
        if canonical(types) == types:
            yield types


class GameCorpus(Domain):
    """Congestion games graded by size; each size is a list of blocks ``(n, m, top)``: n
    players, m resources, every player's payoffs dense ranks ``<= top`` (module docstring).

    One game per orbit of player and resource relabelling (``symmetry = "players+resources"``);
    :meth:`unreduced` lists every labelled game of the blocks. With ``sef_only``, only the
    games that have an SEF profile (7.2), generated around it.
    """

    symmetry: Optional[str] = "players+resources"

    def __init__(self, blocks: dict, name: str, default: Optional[int] = None,
                 sef_only: bool = False, ordered: bool = False):
        self.blocks = {s: [tuple(b) for b in bl] for s, bl in blocks.items()}
        self.sizes = tuple(sorted(self.blocks))
        self.default_size = default
        self.name = name
        self.sef_only = sef_only
        self.ordered = ordered
        if ordered:
            self.symmetry = None
        self._counts: dict = {}
        self._lists: dict = {}

    def describe(self) -> dict:
        return {"name": self.name, "ordered": self.ordered, "sef_only": self.sef_only,
                "blocks": {str(s): [list(b) for b in bl] for s, bl in self.blocks.items()}}

    def unreduced(self) -> "GameCorpus":
        if self.ordered:
            return self
        return GameCorpus(self.blocks, self.name + " (every labelled game)", self.default_size,
                          self.sef_only, ordered=True)

    def _types(self, size: int) -> Iterator[tuple]:
        if not self.ordered:                       # reduced lists are small: kept per size
            got = self._lists.get(size)
            if got is None:
                got = self._lists[size] = tuple(self._generate(size))
            return iter(got)
        return self._generate(size)

    def _generate(self, size: int) -> Iterator[tuple]:
        gen = _sef_games if self.sef_only else _all_games
        return itertools.chain.from_iterable(gen(*b, self.ordered)
                                             for b in self.blocks.get(size, []))

    def count(self, size: int) -> int:
        if size not in self._counts:
            if not self.sef_only and not self.ordered:
                self._counts[size] = sum(1 for _ in self._types(size))
            elif not self.sef_only:
                self._counts[size] = sum(len(player_types(*b)) ** b[0]
                                         for b in self.blocks.get(size, []))
            else:
                self._counts[size] = sum(1 for _ in self._types(size))
        return self._counts[size]

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        return (game_of(t) for t in itertools.islice(self._types(size), start, stop))

    def weight(self, game: Game) -> int:
        """Labelled games in the orbit: resource images of the multiset times the
        arrangements of the players."""
        if self.ordered:
            return 1
        types = tuple(sorted(types_of(game)))
        mult = Counter(types).values()
        return _resource_images(types) * (math.factorial(len(types)) //
                                          math.prod(math.factorial(k) for k in mult))

    def symmetric_image(self, game: Game, rng) -> Optional[Game]:
        """The game with its players and its resources in a random order."""
        if self.symmetry is None:
            return None
        types = list(types_of(game))
        rng.shuffle(types)
        p = list(range(game.m))
        rng.shuffle(p)
        return game_of([_permute(t, p) for t in types])

    def to_json(self, game: Game) -> Any:
        return {"payoffs": to_table(game)}

    def from_json(self, data: Any) -> Game:
        return parse_game(data, "instance")

    def size_of(self, game: Game) -> int:
        types = types_of(game)
        d = tuple(sorted(dense(t) for t in types))
        for s, bl in sorted(self.blocks.items()):
            for n, m, top in bl:
                if (n, m) == (game.n, game.m) and max(max(max(seq) for seq in t)
                                                      for t in d) <= top:
                    if not self.sef_only or _sef_profiles(d):
                        return s
        return max(self.blocks) + 1

    def strategy(self, size: int):
        from hypothesis import strategies as st

        @st.composite
        def build(draw):
            n = draw(st.integers(2, 4))
            m = draw(st.integers(2, 3))
            seq = st.lists(st.integers(0, 6), min_size=n, max_size=n).map(
                lambda xs: sorted(xs, reverse=True))
            return game_of([[draw(seq) for _ in range(m)] for _ in range(n)])

        return build()


def parse_game(data: Any, field: str = "game") -> Game:
    """Read a user game ``{"payoffs": [[[U_i1(1), ..., U_i1(n)], ...], ...]}`` strictly.

    Numbers are ints or strings ``"3/4"`` (floats are refused); every ``U_ij`` has n entries
    and is nonincreasing in the count (Definition 7). Errors name the field.
    """
    if not isinstance(data, dict) or set(data) != {"payoffs"}:
        raise InputError(field, "expected an object with the single field 'payoffs'")
    rows = data["payoffs"]
    if not isinstance(rows, list) or not rows:
        raise InputError("payoffs", "expected a nonempty list of players")
    n = len(rows)
    if n > MAX_PLAYERS:
        raise InputError("payoffs", f"{n} players; at most {MAX_PLAYERS} are supported")
    m = None
    table = []
    for i, row in enumerate(rows):
        if not isinstance(row, list) or not row or (m is not None and len(row) != m):
            raise InputError(f"payoffs[{i}]", f"expected a list of {m or 'some'} resources")
        m = len(row)
        tr = []
        for j, seq in enumerate(row):
            if not isinstance(seq, list) or len(seq) != n:
                raise InputError(f"payoffs[{i}][{j}]", f"expected {n} payoffs (counts 1..{n})")
            vals = []
            for k, v in enumerate(seq):
                if isinstance(v, (bool, float)) or not isinstance(v, (int, str)):
                    raise InputError(f"payoffs[{i}][{j}][{k}]", f"expected an exact number, "
                                                                 f"got {v!r}")
                vals.append(parse_q(v, f"payoffs[{i}][{j}][{k}]"))
            tr.append(vals)
        table.append(tr)
    return table_game(table)


#: every game (players' payoffs as dense ranks): size 1 = every game with 2 players and 2
#: resources (183, all payoffs); size 2 = 2 players, 3 resources, at most 3 payoff values
#: each (2,397); size 3 = 3 players, 2 resources, at most 2 values (430); opt-in size 4 =
#: 3 players, 2 resources, 3 values (29,896); size 5 = 4 players, 2 resources and 3 players,
#: 3 resources, 2 values (10,375 + 8,240)
GAMES = GameCorpus({
    1: [(2, 2, 3)],
    2: [(2, 3, 2)],
    3: [(3, 2, 1)],
    4: [(3, 2, 2)],
    5: [(4, 2, 1), (3, 3, 1)],
}, name="congestion games up to players/resources relabelling (dense payoff ranks): "
        "(n2,m2,all) | (n2,m3,<=3 values) | (n3,m2,<=2 values) | opt-in (n3,m2,<=3) | "
        "(n4,m2,<=2)+(n3,m3,<=2)", default=3)

#: the games of the blocks with an SEF profile: size 1 = (n2,m2,all) 65 + (n2,m3,<=3 values)
#: 352; size 2 = (n3,m2,<=3 values) 3,077; size 3 = (n4,m2,<=2) 280 + (n3,m3,<=2) 29 +
#: (n4,m3,<=2) 496; opt-in size 4 = (n4,m2,<=3 values) and (n3,m3,<=3 values)
SEF_GAMES = GameCorpus({
    1: [(2, 2, 3), (2, 3, 2)],
    2: [(3, 2, 2)],
    3: [(4, 2, 1), (3, 3, 1), (4, 3, 1)],
    4: [(4, 2, 2), (3, 3, 2)],
}, name="congestion games with an SEF profile, built around it: (n2,m2,all)+(n2,m3,<=3 "
        "values) | (n3,m2,<=3) | (n4,m2,<=2)+(n3,m3,<=2)+(n4,m3,<=2) | opt-in (n4,m2,<=3)+"
        "(n3,m3,<=3)", default=3, sef_only=True)
