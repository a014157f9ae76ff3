"""The exact anatomy of a market or game (Definitions 2-6) on integer arrays, for the claims.

:class:`Analysis` computes the expected utility of every allocation, the IS and SEF sets, Pareto
dominators and CS blockers of a market (or of any payoff table ``values[i][j][k]``, e.g. a
congestion game) by comparisons of exact integers on numpy arrays; it is the fast twin of
:class:`proofs.sef.efficiency.ReferenceAnalysis` (plain fmpq loops, used by the solver-free
replays), and the tests compare the two on the corpora.

Examples
--------
>>> from proofs.sef.model import Market
>>> a = analyse(Market.of([[2, 3], [3, 2]], [1, 1]))          # Example 4
>>> a.IS, a.SEF, a.EU[(1, 0)]
([(0, 1), (1, 0)], [(1, 0)], (3, 3))
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping

import numpy as np

from exact.numbers import Q

from .model import Market

__all__ = ["Analysis", "analyse", "integer_table"]


class Analysis:
    """The exact anatomy of one market: EU of every allocation, the IS and SEF sets.

    Exact integer arithmetic on arrays: every payoff ``values[i][j][k]`` (an fmpq) times the
    common denominator D of the table is an integer, so every comparison the definitions make
    (Definitions 2-6: IS, SEF, Pareto dominance, blocking) is a comparison of integers, done
    on numpy ``int64`` arrays when every scaled payoff is below 2^62 in absolute value (only
    comparisons are made, never sums or products, so nothing can overflow) and on Python
    integers (``dtype=object``) otherwise. No float is involved. :class:`ReferenceAnalysis`
    is the same anatomy by plain fmpq loops (tests compare the two).

    Attributes
    ----------
    X : list of tuple
        all allocations, lexicographic.
    EU : mapping
        allocation -> EU vector (tuple of fmpq, built on access).
    IS, SEF : list of tuple
        the individually stable allocations, and those that are also strictly envy-free
        (for a lottery market SEF implies IS; for a payoff table decreasing in z it need not,
        and the list keeps the IS ones, as :class:`~proofs.sef.efficiency.ReferenceAnalysis`).
    """

    def __init__(self, market: Market):
        self.market = market
        n, m = market.n, market.m
        g = _grid(n, m)
        self.X, A, self._index = g.X, g.A, g.index
        W, self.denominator = integer_table(market)
        self._A = A
        self.U = W[g.agents, A, g.K]                                    # EU * D, (X, n)
        own = g.own
        dev = W[g.agents3, g.pools3, g.C1]           # dev[x, i, k] = W[i, k, n_k(x) + 1]
        envy = W[g.agents3, g.pools3, g.C0]          # envy[x, i, l] = W[i, l, n_l(x)]
        e = self.U[:, :, None]
        self._dev_gain = (dev > e) & ~own              # profitable unilateral moves
        self._is = ~self._dev_gain.any(axis=(1, 2))
        self._sef_def = ((envy < e) | own).all(axis=(1, 2))          # Definition 6 alone
        self._sef = self._is & self._sef_def
        self._ef = (envy <= e).all(axis=(1, 2))
        self.IS = [self.X[k] for k in np.flatnonzero(self._is)]
        self.SEF = [self.X[k] for k in np.flatnonzero(self._sef)]
        self.EU = _EUView(self)

    @property
    def sef(self):
        """The SEF allocation if there is one (there is at most one, Theorem 4), else None."""
        return self.SEF[0] if self.SEF else None

    def index(self, x) -> int:
        """Position of allocation ``x`` in :attr:`X`."""
        return self._index[tuple(x)]

    def dominator(self, x):
        """The first allocation (lexicographic) Pareto-dominating ``x``, or None."""
        e = self.U[self.index(x)]
        hit = (self.U >= e).all(axis=1) & (self.U > e).any(axis=1)
        k = np.flatnonzero(hit)
        return self.X[k[0]] if len(k) else None

    def blocker(self, x):
        """The first allocation blocking ``x`` (Definition 3: every mover strictly gains), or
        None."""
        k0 = self.index(x)
        e = self.U[k0]
        hit = ((self.U > e) | (self._A == self._A[k0])).all(axis=1)
        hit[k0] = False
        k = np.flatnonzero(hit)
        return self.X[k[0]] if len(k) else None

    @functools.cached_property
    def is_violations(self) -> list:
        """For every allocation of :attr:`X`, its first profitable unilateral move
        ``(agent, pool)`` (agents, then pools, in increasing order; as
        :func:`~proofs.sef.model.IS_violation`), or None when it is IS."""
        nx, n, m = self._dev_gain.shape
        flat = self._dev_gain.reshape(nx, n * m)
        first = flat.argmax(axis=1)
        return [None if ok else (int(f) // m, int(f) % m)
                for ok, f in zip(self._is.tolist(), first.tolist())]

    def weak_dominator(self, x):
        """The first allocation making every agent strictly better off than ``x``, or None."""
        e = self.U[self.index(x)]
        k = np.flatnonzero((self.U > e).all(axis=1))
        return self.X[k[0]] if len(k) else None

    def masks(self) -> dict:
        """Boolean arrays over :attr:`X`, each from its own definition: ``IS`` (Definition 2),
        ``EF`` (Definition 1), ``SEF`` (Definition 6), ``CS`` (Definition 3: no blocking
        allocation), ``weakly_PO`` (Definition 4) and ``PO`` (Definition 5)."""
        U, A = self.U, self._A
        up = U[None, :, :] > U[:, None, :]                  # up[x, y, i]: U_i(y) > U_i(x)
        blocked = (up | (A[None, :, :] == A[:, None, :])).all(axis=2)
        np.fill_diagonal(blocked, False)
        weak = (U[None, :, :] >= U[:, None, :]).all(axis=2) & up.any(axis=2)
        return {"IS": self._is, "EF": self._ef, "SEF": self._sef_def,
                "CS": ~blocked.any(axis=1), "weakly_PO": ~up.all(axis=2).any(axis=1),
                "PO": ~weak.any(axis=1)}

    @functools.cached_property
    def EF(self) -> list:
        """The envy-free allocations (Definition 1), lexicographic."""
        return [self.X[k] for k in np.flatnonzero(self._ef)]

    @functools.cached_property
    def PO(self) -> list:
        return [x for x in self.X if self.dominator(x) is None]

    @functools.cached_property
    def CS(self) -> list:
        return [x for x in self.IS if self.blocker(x) is None]


class _EUView(Mapping):
    """allocation -> exact EU vector (fmpq), converted from the integer table on access."""

    def __init__(self, a: Analysis):
        self._a = a
        self._cache: dict = {}

    def __getitem__(self, x):
        got = self._cache.get(x)
        if got is None:
            d = self._a.denominator
            got = self._cache[x] = tuple(Q(int(v), d) for v in self._a.U[self._a.index(x)])
        return got

    def __iter__(self):
        return iter(self._a.X)

    def __len__(self):
        return len(self._a.X)


class _Grid:
    """Allocations of n agents to m pools (lexicographic) as index arrays: pools ``A`` (X, n),
    counts ``C`` (X, m), own-pool counts ``K`` (X, n), and the broadcast index arrays of the
    deviation and envy lookups."""

    def __init__(self, n: int, m: int):
        self.X = list(itertools.product(range(m), repeat=n))
        A = np.array(self.X, dtype=np.int64).reshape(len(self.X), n)
        C = np.stack([(A == j).sum(axis=1) for j in range(m)], axis=1)
        self.A, self.K = A, np.take_along_axis(C, A, axis=1)
        self.index = {x: k for k, x in enumerate(self.X)}
        self.agents = np.arange(n)[None, :]
        self.agents3 = np.arange(n)[None, :, None]
        self.pools3 = np.arange(m)[None, None, :]
        self.C0 = C[:, None, :]
        self.C1 = (C + 1)[:, None, :]
        self.own = A[:, :, None] == self.pools3


@functools.lru_cache(maxsize=64)
def _grid(n: int, m: int) -> _Grid:
    return _Grid(n, m)


def integer_table(market) -> tuple:
    """``(W, D)``: the payoff table ``market.values[i][j][k]`` (fmpq) times its common
    denominator D, as an integer array (``int64`` when every entry is below 2^62, else Python
    integers).

    For a :class:`~proofs.sef.model.Market` (payoffs ``u_ij zeta(k, q_j)``, eq. 4.3) the table
    is built directly: ``D = lcm(1..n+1) * lcm(denominators of u)``, and
    ``W[i][j][k] = (u_ij * lcm(den u)) * (D' * zeta(k, q_j))`` with ``D' = lcm(1..n+1)``, an
    integer since ``zeta(k, q) = q/k`` or 1 with ``k <= n + 1``. Any other table (a game, an
    ``f``-market) goes through its fmpq values.
    """
    if type(market) is Market:
        n, m = market.n, market.m
        du = 1
        for row in market.u:
            for v in row:
                du = math.lcm(du, int(v.q))
        dz = math.lcm(*range(1, n + 2))
        u = [[int(v.p) * (du // int(v.q)) for v in row] for row in market.u]
        z = [[dz if k <= qj else dz * qj // k for k in range(n + 2)] for qj in market.q]
        big = max(max(max(r) for r in u), 1) * dz
        if big < 2 ** 62:
            U = np.array(u, dtype=np.int64).reshape(n, m)
            Z = np.array(z, dtype=np.int64)
            return U[:, :, None] * Z[None, :, :], du * dz
    values = market.values
    d = 1
    for row in values:
        for seq in row:
            for v in seq:
                d = math.lcm(d, int(v.q))
    ints = [[[int(v.p) * (d // int(v.q)) for v in seq] for seq in row] for row in values]
    big = max(abs(v) for row in ints for seq in row for v in seq)
    return np.array(ints, dtype=np.int64 if big < 2 ** 62 else object), d


@functools.lru_cache(maxsize=4096)
def analyse(market) -> Analysis:
    """Cached :class:`Analysis` of ``market`` (a Market or any hashable payoff table)."""
    return Analysis(market)
