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
from collections import Counter
from typing import Any, Iterator, Optional, Sequence

from exact.claims import Domain

from .model import Market, parse_market

__all__ = ["Corpus", "CORPUS", "SMALL", "rows", "markets", "market_strategy"]


def rows(m: int, umax: int) -> list:
    """Utility rows in ``{0..umax}^m`` with a positive entry, ordered by (max, sum, row)."""
    rs = [r for r in itertools.product(range(umax + 1), repeat=m) if any(r)]
    return sorted(rs, key=lambda r: (max(r), sum(r), r))


def markets(n: int, m: int, umax: int, qs: Sequence[tuple], exact_max: bool = False,
            ordered: bool = False) -> Iterator[Market]:
    """Every market of the block, capacities outermost, row multisets in canonical order
    (with ``exact_max``: only those whose largest utility is ``umax``; with ``ordered``: every
    labelled tuple of rows instead of multisets)."""
    rs = rows(m, umax)
    for q in qs:
        combos = itertools.product(rs, repeat=n) if ordered else \
            itertools.combinations_with_replacement(rs, n)
        for combo in combos:
            if not exact_max or max(max(r) for r in combo) == umax:
                yield Market.of(combo, q)


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


class Corpus(Domain):
    """Markets graded by size; each size is a list of blocks ``(n, m, umax, qs)``.

    Agents' rows are enumerated as multisets (one market per orbit of agent relabelling:
    ``symmetry = "agents"``); :meth:`unreduced` enumerates every labelled market instead.
    """

    symmetry: Optional[str] = "agents"

    def __init__(self, blocks: dict, name: str, default: Optional[tuple] = None,
                 search: Optional[dict] = None, ordered: bool = False):
        self.blocks = {s: [(bb[0], bb[1], bb[2], tuple(map(tuple, bb[3]))) + tuple(bb[4:])
                           for bb in b] for s, b in blocks.items()}
        self.sizes = tuple(sorted(self.blocks))
        self.default_size = max(default) if default else None
        self.name = name
        self._search = search or {}
        self._default = default
        self.ordered = ordered
        if ordered:
            self.symmetry = None

    def describe(self) -> dict:
        return {"name": self.name, "ordered": self.ordered,
                "blocks": {str(s): [list(map(str, b)) for b in bl]
                           for s, bl in self.blocks.items()}}

    def unreduced(self) -> "Corpus":
        if self.ordered:
            return self
        return Corpus(self.blocks, self.name + " (every labelled market)", self._default,
                      self._search, ordered=True)

    def _blocks(self, size: int):
        return [tuple(b[:4]) + ((b[4] if len(b) > 4 else False), self.ordered)
                for b in self.blocks.get(size, [])]

    def count(self, size: int) -> int:
        return sum(_count(*b) for b in self._blocks(size))

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        gen = itertools.chain.from_iterable(markets(*b) for b in self._blocks(size))
        return itertools.islice(gen, start, stop)

    def weight(self, market: Market) -> int:
        if self.ordered:
            return 1
        mult = Counter(market.u).values()
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

    def size_of(self, market: Market) -> int:
        """The first size whose blocks contain ``market`` (else one above the largest)."""
        top = max(max(r) for r in market.u)
        integral = all(x.q == 1 for r in market.u for x in r)
        for s, bl in sorted(self.blocks.items()):
            for b in bl:
                n, m, umax, qs = b[:4]
                exact_max = len(b) > 4 and b[4]
                if (n, m) == (market.n, market.m) and tuple(market.q) in qs and integral and \
                        (top == umax if exact_max else top <= umax):
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
