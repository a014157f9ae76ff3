"""Efficiency and coalitional stability within X (Definitions 3-5), by exact enumeration.

All comparisons are between exact expected utilities; ``X`` has ``m^n`` allocations, so these
functions are meant for the small markets of the paper and the note's corpora.

Examples
--------
>>> from proofs.sef.model import Market
>>> m = Market.of([[2, 3], [3, 2]], [1, 1])          # Example 4
>>> pareto_dominates(m, (1, 0), (0, 1)), is_PO(m, (0, 1)), is_CS(m, (1, 0))
(True, False, True)
"""

from __future__ import annotations

import functools
from typing import Sequence

from .model import Market, allocations, eu, is_IS, is_SEF

__all__ = ["dominates", "pareto_dominates", "PO_violation", "is_PO", "is_weakly_PO",
           "CS_violation", "is_CS", "ReferenceAnalysis", "reference_analyse"]


def dominates(a: Sequence, b: Sequence) -> bool:
    """``a`` Pareto-dominates ``b`` as utility vectors: ``a >= b`` and ``a != b``."""
    return all(x >= y for x, y in zip(a, b)) and any(x > y for x, y in zip(a, b))


def pareto_dominates(market: Market, y: Sequence[int], x: Sequence[int]) -> bool:
    """``y P x`` (Section 5.3): EU_i(y) >= EU_i(x) for all i, strictly for some i."""
    return dominates(eu(market, y), eu(market, x))


def PO_violation(market: Market, x: Sequence[int]):
    """An allocation that Pareto-dominates ``x`` (Definition 5), or None."""
    e = eu(market, x)
    for y in allocations(market):
        if dominates(eu(market, y), e):
            return y
    return None


def is_PO(market: Market, x: Sequence[int]) -> bool:
    """Pareto optimal within X (Definition 5)."""
    return PO_violation(market, x) is None


def is_weakly_PO(market: Market, x: Sequence[int]) -> bool:
    """Weakly PO within X (Definition 4): no y with ``EU_i(y) > EU_i(x)`` for all i."""
    e = eu(market, x)
    return not any(all(a > b for a, b in zip(eu(market, y), e)) for y in allocations(market))


def CS_violation(market: Market, x: Sequence[int]):
    """A blocking allocation ``y != x`` whose movers all strictly gain (Definition 3), or None."""
    e = eu(market, x)
    for y in allocations(market):
        if y == tuple(x):
            continue
        ey = eu(market, y)
        if all(ey[i] > e[i] for i in range(market.n) if y[i] != x[i]):
            return y
    return None


def is_CS(market: Market, x: Sequence[int]) -> bool:
    """Coalitionally stable (Definition 3)."""
    return CS_violation(market, x) is None


class ReferenceAnalysis:
    """The exact anatomy of one market by plain fmpq loops: EU of every allocation, the IS
    and SEF sets. The claims use its fast twin :class:`proofs.sef.anatomy.Analysis` (integer
    arrays); this one serves the solver-free replays, and the tests compare the two.

    Attributes
    ----------
    X : list of tuple
        all allocations, lexicographic.
    EU : dict
        allocation -> EU vector.
    IS, SEF : list of tuple
        the individually stable and strictly envy-free allocations.
    """

    def __init__(self, market: Market):
        self.market = market
        self.X = list(allocations(market))
        self.EU = {x: eu(market, x) for x in self.X}
        self.IS = [x for x in self.X if is_IS(market, x)]
        self.SEF = [x for x in self.IS if is_SEF(market, x)]

    @property
    def sef(self):
        """The SEF allocation if there is one (there is at most one, Theorem 4), else None."""
        return self.SEF[0] if self.SEF else None

    def dominator(self, x):
        """An allocation Pareto-dominating ``x``, or None (one pass over X)."""
        e = self.EU[x]
        for y in self.X:
            if dominates(self.EU[y], e):
                return y
        return None

    def blocker(self, x):
        """A blocking allocation for coalitional stability, or None."""
        e = self.EU[x]
        n = self.market.n
        for y in self.X:
            if y != x:
                ey = self.EU[y]
                if all(ey[i] > e[i] for i in range(n) if y[i] != x[i]):
                    return y
        return None

    @functools.cached_property
    def PO(self) -> list:
        return [x for x in self.X if self.dominator(x) is None]

    @functools.cached_property
    def CS(self) -> list:
        return [x for x in self.IS if self.blocker(x) is None]


@functools.lru_cache(maxsize=256)
def reference_analyse(market: Market) -> ReferenceAnalysis:
    """Cached :class:`ReferenceAnalysis` of ``market``."""
    return ReferenceAnalysis(market)
