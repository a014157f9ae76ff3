"""Finite corpora of markets for the exhaustive checks (note Section 3, "EXH").

A corpus of one size is a list of blocks ``(n, m, umax, qs)``: every capacity vector in ``qs`` and
every *multiset* of n utility rows in ``{0..umax}^m`` with a positive entry (agents are
interchangeable, so a multiset stands for ``n! / prod(mult!)`` labelled markets: its
:meth:`weight`). Rows are ordered by (max, sum, entries), so small utilities come first and the
first failing market in canonical order is the simplest one.

Default sizes of :data:`CORPUS`:

1. n=3, m=2, u in {0..3}, q in {(1,1),(1,2),(2,1),(2,2)}: 2,720 markets;
2. n=3, m=3, u in {0..2}, q in {(1,1,1),(1,1,2)}: 6,552 markets;
3. n=4, m=2, u in {0..3}, q in {(1,1),(1,2),(2,2),(1,3)}: 12,240 markets.
"""

from __future__ import annotations

import itertools
import math
from typing import Any, Iterator, Optional, Sequence

from exact.claims import Domain

from .model import Market, parse_market, zeta

__all__ = ["Corpus", "CORPUS", "SMALL", "SEFCorpus", "SEF_CORPUS", "MarketList", "rows", "markets",
           "sef_markets", "sef_rows", "compositions", "market_strategy"]


def rows(m: int, umax) -> list:
    """Utility rows in ``{0..umax}^m`` (or ``values^m`` when ``umax`` is a tuple of values) with
    a positive entry, ordered by (max, sum, row)."""
    vals = tuple(umax) if isinstance(umax, tuple) else range(umax + 1)
    rs = [r for r in itertools.product(vals, repeat=m) if any(r)]
    return sorted(rs, key=lambda r: (max(r), sum(r), r))


def markets(n: int, m: int, umax: int, qs: Sequence[tuple], exact_max: bool = False,
            ordered: bool = False) -> Iterator[Market]:
    """Every market of the block, capacities outermost, row multisets in canonical order
    (with ``exact_max``: only those whose largest utility is ``umax``; with ``ordered``: every
    labelled tuple of rows instead of multisets)."""
    return (Market.of(u, q) for u, q in _raw_markets(n, m, umax, qs, exact_max, ordered))


def _raw_markets(n, m, umax, qs, exact_max=False, ordered=False) -> Iterator[tuple]:
    """:func:`markets` as ``(rows, q)`` tuples (cheap to skip when a shard starts late)."""
    rs = rows(m, umax)
    for q in qs:
        combos = itertools.product(rs, repeat=n) if ordered else \
            itertools.combinations_with_replacement(rs, n)
        for combo in combos:
            if not exact_max or max(max(r) for r in combo) == umax:
                yield combo, q


def compositions(n: int, m: int) -> Iterator[tuple]:
    """Count vectors ``(n_1, ..., n_m)`` of nonnegative integers summing to n, lexicographic."""
    if m == 1:
        yield (n,)
        return
    for k in range(n + 1):
        for rest in compositions(n - k, m - 1):
            yield (k,) + rest


def sef_rows(rs: Sequence[tuple], c: Sequence[int], q: Sequence[int]) -> list:
    """``R[j]``: the rows of ``rs`` whose unique best pool at the counts ``c`` is j.

    Row r is in ``R[j]`` iff ``r_j z_j > r_l z_l`` for every ``l != j``, with
    ``z_l = zeta(c_l, q_l)`` (Definition 6 at the counts c; an empty pool has z = 1).
    """
    z = [zeta(k, qj) for k, qj in zip(c, q)]
    out = [[] for _ in c]
    for r in rs:
        v = [a * b for a, b in zip(r, z)]
        top = max(v)
        if v.count(top) == 1:
            out[v.index(top)].append(r)
    return out


def sef_markets(n: int, m: int, umax: int, qs: Sequence[tuple],
                ordered: bool = False) -> Iterator[Market]:
    """Every market of the block ``(n, m, umax, qs)`` that has an SEF allocation, built around
    it (:func:`_raw_sef_markets`)."""
    return (Market.of(u, q) for u, q in _raw_sef_markets(n, m, umax, qs, ordered))


def _raw_sef_markets(n: int, m: int, umax: int, qs: Sequence[tuple],
                     ordered: bool = False) -> Iterator[tuple]:
    """Every market of the block ``(n, m, umax, qs)`` that has an SEF allocation, built around it.

    For each capacity vector q and each count vector c, the agents placed in pool j get a row of
    :func:`sef_rows` ``R[j]`` (pool j strictly best at the counts c); the allocation so built is
    SEF, and conversely every market with an SEF arises here exactly once, from the counts of
    its (unique, Theorem 4) SEF. Rows are multisets per pool (one market per orbit of agent
    relabelling), agents listed pool by pool; with ``ordered``, every labelled market: every
    assignment of the agents to pools with those counts and every tuple of rows.
    """
    rs = rows(m, umax)
    for q in qs:
        for c in compositions(n, m):
            R = sef_rows(rs, c, q)
            if any(k and not R[j] for j, k in enumerate(c)):
                continue
            if not ordered:
                per_pool = [itertools.combinations_with_replacement(R[j], k)
                            for j, k in enumerate(c)]
                for combo in itertools.product(*per_pool):
                    yield tuple(r for part in combo for r in part), q
                continue
            for x in itertools.product(range(m), repeat=n):
                if tuple(x.count(j) for j in range(m)) != c:
                    continue
                for u in itertools.product(*(R[j] for j in x)):
                    yield u, q


def _sef_count(n, m, umax, qs, ordered=False) -> int:
    rs = rows(m, umax)
    total = 0
    for q in qs:
        for c in compositions(n, m):
            R = sef_rows(rs, c, q)
            if ordered:
                k = math.factorial(n)
                for j, cj in enumerate(c):
                    k = k // math.factorial(cj) * len(R[j]) ** cj
            else:
                k = math.prod(math.comb(len(R[j]) + cj - 1, cj) for j, cj in enumerate(c))
            total += k
    return total


def _count(n, m, umax, qs, exact_max=False, ordered=False):
    def k(r):
        return r ** n if ordered else math.comb(r + n - 1, n)
    c = k(len(rows(m, umax)))
    if exact_max and umax > 1:
        c -= k(len(rows(m, umax - 1)))
    return c * len(qs)


def market_strategy(n_range=(2, 5), m_range=(2, 3), umax: int = 6, qmax: int = 3):
    """Hypothesis strategy of markets; shrinks towards fewer agents, pools and small numbers."""
    from hypothesis import strategies as st

    @st.composite
    def build(draw):
        n = draw(st.integers(*n_range))
        m = draw(st.integers(*m_range))
        q = tuple(draw(st.lists(st.integers(1, qmax), min_size=m, max_size=m)))
        row = st.lists(st.integers(0, umax), min_size=m, max_size=m).filter(any)
        u = draw(st.lists(row, min_size=n, max_size=n))
        return Market.of(u, q)

    return build()


class _AgentRows:
    """Markets whose agents' rows are listed as multisets (``symmetry = "agents"``) unless
    ``ordered``: the orbit weight, a random image, and the JSON of a market."""

    ordered: bool = False
    symmetry: Optional[str] = "agents"

    def weight(self, market: Market) -> int:
        if self.ordered:
            return 1
        # multiplicities of equal rows: runs of the sorted rows (comparing fmpq is cheap,
        # hashing it is not)
        rs = sorted(market.u)
        mult = [len(list(g)) for _, g in itertools.groupby(rs)]
        return math.factorial(market.n) // math.prod(math.factorial(k) for k in mult)

    def symmetric_image(self, market: Market, rng) -> Optional[Market]:
        """The market with its agents' rows in a random order (same orbit under ``agents``)."""
        if self.symmetry is None:
            return None
        rows_ = list(market.u)
        rng.shuffle(rows_)
        return Market.of(rows_, market.q)

    def to_json(self, market: Market) -> Any:
        return market.to_json()

    def from_json(self, data: Any) -> Market:
        return parse_market(data, "instance")


class Corpus(_AgentRows, Domain):
    """Markets graded by size; each size is a list of blocks ``(n, m, umax, qs)``.

    Agents' rows are enumerated as multisets (one market per orbit of agent relabelling:
    ``symmetry = "agents"``); :meth:`unreduced` enumerates every labelled market instead.
    """

    symmetry: Optional[str] = "agents"

    def __init__(self, blocks: dict, name: str, default: Optional[tuple] = None,
                 search: Optional[dict] = None, ordered: bool = False, valued: bool = False,
                 distinct: bool = False):
        self.blocks = {s: [(bb[0], bb[1], bb[2], tuple(map(tuple, bb[3]))) + tuple(bb[4:])
                           for bb in b] for s, b in blocks.items()}
        self.sizes = tuple(sorted(self.blocks))
        self.default_size = max(default) if default else None
        self.name = name
        self._search = search or {}
        self._default = default
        self.ordered = ordered
        #: only markets in which every community has a positive utility for some agent
        self.valued = valued
        #: only rows whose positive entries are distinct
        self.distinct = distinct
        self._counts: dict = {}
        if ordered:
            self.symmetry = None

    def describe(self) -> dict:
        return {"name": self.name, "ordered": self.ordered, "valued": self.valued,
                "distinct": self.distinct,
                "blocks": {str(s): [list(map(str, b)) for b in bl]
                           for s, bl in self.blocks.items()}}

    def unreduced(self) -> "Corpus":
        if self.ordered:
            return self
        return Corpus(self.blocks, self.name + " (every labelled market)", self._default,
                      self._search, ordered=True, valued=self.valued, distinct=self.distinct)

    def _blocks(self, size: int):
        return [tuple(b[:4]) + ((b[4] if len(b) > 4 else False), self.ordered)
                for b in self.blocks.get(size, [])]

    def count(self, size: int) -> int:
        if not (self.valued or self.distinct):
            return sum(_count(*b) for b in self._blocks(size))
        if size not in self._counts:
            self._counts[size] = sum(1 for _ in self._raw(size))
        return self._counts[size]

    def _raw(self, size: int) -> Iterator[tuple]:
        gen = itertools.chain.from_iterable(_raw_markets(*b) for b in self._blocks(size))
        if self.valued:
            gen = (t for t in gen if all(any(r[j] for r in t[0]) for j in range(len(t[1]))))
        if self.distinct:
            gen = (t for t in gen if all(len({v for v in r if v}) == sum(1 for v in r if v)
                                         for r in t[0]))
        return gen

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        return (Market.of(u, q) for u, q in itertools.islice(self._raw(size), start, stop))

    def size_of(self, market: Market) -> int:
        """The first size whose blocks contain ``market`` (else one above the largest)."""
        if self.valued and not all(any(r[j] > 0 for r in market.u) for j in range(market.m)):
            return max(self.blocks) + 1
        top = max(max(r) for r in market.u)
        integral = all(x.q == 1 for r in market.u for x in r)
        for s, bl in sorted(self.blocks.items()):
            for b in bl:
                n, m, umax, qs = b[:4]
                exact_max = len(b) > 4 and b[4]
                if isinstance(umax, tuple):
                    fits = all(int(x.p) in umax for r in market.u for x in r)
                else:
                    fits = top == umax if exact_max else top <= umax
                if (n, m) == (market.n, market.m) and tuple(market.q) in qs and integral and \
                        fits:
                    return s
        return max(self.blocks) + 1

    def strategy(self, size: int):
        kw = self._search.get(size, {"n_range": (2, min(7, size + 2)), "m_range": (2, 3)})
        return market_strategy(**kw)


CORPUS = Corpus({
    1: [(3, 2, 3, [(1, 1), (1, 2), (2, 1), (2, 2)])],
    2: [(3, 3, 2, [(1, 1, 1), (1, 1, 2)])],
    3: [(4, 2, 3, [(1, 1), (1, 2), (2, 2), (1, 3)])],
    4: [(5, 2, 2, [(1, 1), (1, 2), (2, 2), (1, 3)]), (4, 3, 2, [(1, 1, 1), (1, 1, 2)])],
}, name="note corpus: (n3,m2,u<=3,4q) | (n3,m3,u<=2,2q) | (n4,m2,u<=3,4q) | opt-in n5/m3",
    default=(1, 2, 3))


class SEFCorpus(Corpus):
    """The markets of a :class:`Corpus` that have an SEF allocation, generated around it.

    Same blocks ``(n, m, umax, qs)`` and the same markets as the exhaustive corpus restricted
    to those with an SEF (:func:`sef_markets` builds each exactly once), so a claim whose
    hypothesis is "an SEF exists" meets it on every instance. Agents' rows are multisets
    (``symmetry = "agents"``); :meth:`unreduced` lists every labelled market.
    """

    def describe(self) -> dict:
        d = super().describe()
        d["generator"] = "sef_markets (every market of the blocks with an SEF)"
        return d

    def unreduced(self) -> "SEFCorpus":
        if self.ordered:
            return self
        return SEFCorpus(self.blocks, self.name + " (every labelled market)", self._default,
                         self._search, ordered=True)

    def count(self, size: int) -> int:
        if size not in self._counts:
            self._counts[size] = sum(_sef_count(*b[:4], ordered=self.ordered)
                                     for b in self.blocks.get(size, []))
        return self._counts[size]

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        gen = itertools.chain.from_iterable(_raw_sef_markets(*b[:4], ordered=self.ordered)
                                            for b in self.blocks.get(size, []))
        return (Market.of(u, q) for u, q in itertools.islice(gen, start, stop))

    def size_of(self, market: Market) -> int:
        from .model import SEF_violation, allocations
        if not any(SEF_violation(market, x) is None for x in allocations(market)):
            return max(self.blocks) + 1
        return super().size_of(market)


#: the markets with an SEF (note corpus blocks, then m = 3 with n = 4 and m = 4 with n = 3):
#: size 1 = the 1,779 SEF markets of CORPUS sizes 1-2, size 2 = the 3,994 of CORPUS size 3,
#: size 3 = 2,645 (n=4, m=3), size 4 = 3,436 (n=3, m=4); opt-in 5: n=4, m=4 (14,573) and
#: n=5, m=3 (3,564)
SEF_CORPUS = SEFCorpus({
    1: [(3, 2, 3, [(1, 1), (1, 2), (2, 1), (2, 2)]), (3, 3, 2, [(1, 1, 1), (1, 1, 2)])],
    2: [(4, 2, 3, [(1, 1), (1, 2), (2, 2), (1, 3)])],
    3: [(4, 3, 2, [(1, 1, 1), (1, 1, 2)])],
    4: [(3, 4, 2, [(1, 1, 1, 1)])],
    5: [(4, 4, 2, [(1, 1, 1, 1)]), (5, 3, 2, [(1, 1, 1)])],
}, name="markets with an SEF, built around it: (n3,m2,u<=3)+(n3,m3,u<=2) | (n4,m2,u<=3) | "
        "(n4,m3,u<=2) | (n3,m4,u<=2) | opt-in (n4,m4,u<=2)+(n5,m3,u<=2)",
    default=(1, 2, 3, 4), search={s: {"n_range": (3, 5), "m_range": (2, 4)} for s in range(1, 6)})


#: small markets first (n = 2 before n = 3), for the errata: the first failure is minimal in n
SMALL = Corpus({
    1: [(2, 2, 3, [(1, 1), (1, 2), (2, 1), (1, 3)])],
    2: [(3, 2, 3, [(1, 1), (1, 2), (2, 1), (2, 2)])],
    3: [(3, 3, 2, [(1, 1, 1), (1, 1, 2)])],
    4: [(4, 2, 3, [(1, 1), (1, 2), (2, 2), (1, 3)])],
}, name="small markets: (n2,m2,u<=3) | (n3,m2,u<=3) | (n3,m3,u<=2) | opt-in (n4,m2,u<=3)",
    default=(1, 2, 3))


class WithPaper(Domain):
    """A corpus plus, as its last size, an explicit list of the paper's markets."""

    def __init__(self, base: Corpus, paper: Sequence[Market], name: str):
        self.base = base
        self.paper = tuple(paper)
        self.top = max(base.blocks) + 1
        self.sizes = tuple(sorted(base.blocks)) + (self.top,)
        self.name = name
        self.symmetry = base.symmetry

    def describe(self) -> dict:
        return {"name": self.name, "base": self.base.describe(),
                "paper": [m.to_json() for m in self.paper]}

    def unreduced(self) -> "WithPaper":
        return self if self.symmetry is None else WithPaper(
            self.base.unreduced(), self.paper, self.name + " (every labelled market)")

    def symmetric_image(self, market: Market, rng) -> Optional[Market]:
        return self.base.symmetric_image(market, rng)

    def count(self, size: int) -> int:
        return len(self.paper) if size == self.top else self.base.count(size)

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None):
        if size == self.top:
            return iter(self.paper[start:stop])
        return self.base.instances(size, start, stop)

    def weight(self, market: Market) -> int:
        return self.base.weight(market)

    def to_json(self, market: Market) -> Any:
        return market.to_json()

    def from_json(self, data: Any) -> Market:
        return parse_market(data, "instance")

    def size_of(self, market: Market) -> int:
        return self.top if market in self.paper else self.base.size_of(market)

    def strategy(self, size: int):
        return self.base.strategy(size)


class MarketList(_AgentRows, Domain):
    """An explicit list of markets (one size), each standing for its orbit under agent
    relabelling (``symmetry = "agents"``); :meth:`unreduced` lists every distinct labelled
    market of the orbits."""

    symmetry: Optional[str] = "agents"

    def __init__(self, markets_: Sequence[Market], name: str, ordered: bool = False):
        self.markets = tuple(markets_)
        self.name = name
        self.sizes = (1,)
        self.ordered = ordered
        if ordered:
            self.symmetry = None
            self._items = tuple(Market.of(p, m.q) for m in self.markets
                                for p in sorted(set(itertools.permutations(m.u))))
        else:
            self._items = self.markets

    def describe(self) -> dict:
        return {"name": self.name, "ordered": self.ordered,
                "markets": [m.to_json() for m in self.markets]}

    def unreduced(self) -> "MarketList":
        return self if self.ordered else MarketList(self.markets, self.name +
                                                    " (every labelled market)", ordered=True)

    def count(self, size: int) -> int:
        return len(self._items) if size == 1 else 0

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None):
        return iter(self._items[start:stop] if size == 1 else ())

    def size_of(self, market: Market) -> int:
        return 1
