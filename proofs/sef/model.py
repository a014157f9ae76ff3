"""The lottery allocation problem (A, C, q, u) and ticket allocations X (paper Section 4).

An allocation ``x`` is a tuple of pool indices, ``x[i] = j`` meaning that agent ``i`` holds one
ticket in community ``j`` (0-based; the paper's C_1 is pool 0). Everything is exact (``fmpq``).

Conventions made explicit (note S14): the congestion level of an empty pool is ``z_j = 1``
(``q_j / 0`` read as infinity), so an empty pool is worth ``u_ij`` in envy comparisons and a
deviation into it is worth ``u_ij * min(1, q_j / 1) = u_ij``.

Examples
--------
>>> m = Market.of([[2, 3], [2, 3]], [1, 1])
>>> eu(m, (0, 0))
(1, 1)
>>> is_IS(m, (0, 1)), is_EF(m, (0, 1))
(True, False)
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any, Iterator, Sequence

from exact.errors import InputError, InvalidInstance
from exact.numbers import ONE, ZERO, Q, parse_q

__all__ = ["Market", "zeta", "counts", "z", "eu", "envy_value", "deviation_value", "is_IS",
           "is_EF", "is_SEF", "IS_violation", "SEF_violation", "allocations", "induced_lottery",
           "parse_market", "label", "labels", "MAX_AGENTS"]

#: largest market accepted from user JSON (|X| = m^n allocations are enumerated)
MAX_AGENTS = 12


def zeta(k: int, q: int) -> Q:
    """Winning probability ``min(1, q / k)`` of a ticket in a pool of ``k`` tickets (eq. 4.2).

    ``k = 0`` (an empty pool) gives 1, the convention of note S14.
    """
    return ONE if k <= q else Q(q, k)


@dataclasses.dataclass(frozen=True)
class Market:
    """A lottery allocation problem (A, C, q, u) of Section 4.

    Parameters
    ----------
    u : tuple of tuple of fmpq
        ``u[i][j] >= 0`` vNM utility of agent i for community j; every row has a positive entry.
    q : tuple of int
        capacities ``q_j >= 1``.
    """

    u: tuple
    q: tuple

    @staticmethod
    def of(u: Sequence[Sequence[Any]], q: Sequence[int]) -> "Market":
        """Build a market from trusted in-program numbers (ints, fmpq); validates the model."""
        uu = tuple(tuple(x if isinstance(x, Q) else Q(x) for x in row) for row in u)
        return _validated(uu, tuple(int(v) for v in q))

    @property
    def n(self) -> int:
        return len(self.u)

    @property
    def m(self) -> int:
        return len(self.q)

    @property
    def values(self) -> tuple:
        """``values[i][j][k] = u_ij * zeta(k, q_j)`` for ``k = 0..n+1`` (cached)."""
        v = self.__dict__.get("_values")
        if v is None:
            v = tuple(tuple(tuple(self.u[i][j] * zeta(k, self.q[j]) for k in range(self.n + 2))
                            for j in range(self.m)) for i in range(self.n))
            object.__setattr__(self, "_values", v)
        return v

    def __hash__(self) -> int:
        h = self.__dict__.get("_hash")            # cached: hashing fmpq entries is not cheap
        if h is None:
            h = hash((self.u, self.q))
            object.__setattr__(self, "_hash", h)
        return h

    def to_json(self) -> dict:
        return {"utilities": [[_num(x) for x in row] for row in self.u], "capacities": list(self.q)}


def _num(x: Q):
    return int(x.p) if x.q == 1 else str(x)


def _validated(u: tuple, q: tuple) -> Market:
    if not q:
        raise InvalidInstance("capacities", "empty market: at least one community is needed")
    if not u:
        raise InvalidInstance("utilities", "empty market: at least one agent is needed")
    for j, c in enumerate(q):
        if c < 1:
            raise InvalidInstance(f"capacities[{j}]", f"must be an integer >= 1, got {c}")
    for i, row in enumerate(u):
        if len(row) != len(q):
            raise InvalidInstance(f"utilities[{i}]",
                                  f"ragged matrix: {len(row)} entries, expected {len(q)}")
        for j, x in enumerate(row):
            if x < 0:
                raise InvalidInstance(f"utilities[{i}][{j}]", f"must be >= 0, got {x}")
        if not any(x > 0 for x in row):
            raise InvalidInstance(f"utilities[{i}]", "every agent needs a positive utility")
    return Market(u, q)


def parse_market(data: Any, field: str = "market") -> Market:
    """Read a user market ``{"utilities": [[...], ...], "capacities": [...]}`` strictly.

    Numbers are ints or strings ``"3/4"``/``"0.25"`` (floats are refused); capacities are
    integers >= 1. Every error names its field, e.g. ``capacities[1]: must be an integer >= 1``.

    Raises
    ------
    InputError
        naming the offending field.
    """
    if not isinstance(data, dict):
        raise InputError(field, f"expected an object with utilities and capacities, "
                                f"got {type(data).__name__}")
    extra = set(data) - {"utilities", "capacities"}
    if extra:
        raise InputError(f"{field}.{sorted(extra)[0]}", "unknown field")
    if "utilities" not in data:
        raise InputError("utilities", "missing")
    if "capacities" not in data:
        raise InputError("capacities", "missing")
    caps = data["capacities"]
    if not isinstance(caps, list):
        raise InputError("capacities", f"expected a list of integers, got {type(caps).__name__}")
    if not caps:
        raise InputError("capacities", "empty market: at least one community is needed")
    q = []
    for j, c in enumerate(caps):
        if isinstance(c, bool) or not isinstance(c, (int, str)):
            raise InputError(f"capacities[{j}]", f"expected an integer, got {c!r}")
        v = parse_q(c, f"capacities[{j}]")
        if v.q != 1:
            raise InputError(f"capacities[{j}]", f"expected an integer, got {c!r}")
        if v < 1:
            raise InputError(f"capacities[{j}]", f"must be an integer >= 1, got {c!r}")
        q.append(int(v.p))
    rows = data["utilities"]
    if not isinstance(rows, list):
        raise InputError("utilities", f"expected a list of rows, got {type(rows).__name__}")
    if not rows:
        raise InputError("utilities", "empty market: at least one agent is needed")
    if len(rows) > MAX_AGENTS:
        raise InputError("utilities", f"{len(rows)} agents; at most {MAX_AGENTS} are supported")
    u = []
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            raise InputError(f"utilities[{i}]", f"expected a list of numbers, got {row!r}")
        if len(row) != len(q):
            raise InputError(f"utilities[{i}]",
                             f"ragged matrix: {len(row)} entries, expected {len(q)}")
        u.append(tuple(parse_q(x, f"utilities[{i}][{j}]") for j, x in enumerate(row)))
    return _validated(tuple(u), tuple(q))


def counts(market: Market, x: Sequence[int]) -> tuple:
    """Congestion vector ``n_j(x)`` (eq. 4.1)."""
    c = [0] * market.m
    for j in x:
        c[j] += 1
    return tuple(c)


def z(market: Market, x: Sequence[int]) -> tuple:
    """Winning probabilities ``z_j(x) = min(1, q_j / n_j(x))`` (eq. 4.2), 1 for empty pools."""
    return tuple(zeta(k, qj) for k, qj in zip(counts(market, x), market.q))


def eu(market: Market, x: Sequence[int]) -> tuple:
    """Expected utilities ``EU_i(x) = u_{i,x_i} z_{x_i}(x)`` (eq. 4.3)."""
    c = counts(market, x)
    V = market.values
    return tuple(V[i][j][c[j]] for i, j in enumerate(x))


def envy_value(market: Market, x: Sequence[int], i: int, l: int) -> Q:
    """``u_il z_l(x)``: the value to i of the tickets others hold in l (Definitions 1 and 6)."""
    return market.values[i][l][counts(market, x)[l]]


def deviation_value(market: Market, x: Sequence[int], i: int, k: int) -> Q:
    """``EU_i((x_{-i}, k))`` for ``k != x_i``: the value of moving to k (Definition 2)."""
    return market.values[i][k][counts(market, x)[k] + 1]


def IS_violation(market: Market, x: Sequence[int]):
    """The first ``(agent, pool)`` with a profitable unilateral move (Definition 2), or None."""
    c = counts(market, x)
    V = market.values
    for i, j in enumerate(x):
        own = V[i][j][c[j]]
        for k in range(market.m):
            if k != j and V[i][k][c[k] + 1] > own:
                return (i, k)
    return None


def is_IS(market: Market, x: Sequence[int]) -> bool:
    """Individually stable (Definition 2): no agent gains by moving her ticket alone."""
    return IS_violation(market, x) is None


def is_EF(market: Market, x: Sequence[int]) -> bool:
    """Envy-free (Definition 1): ``EU_i(x) >= u_il z_l(x)`` for every agent i and pool l."""
    c = counts(market, x)
    V = market.values
    return all(V[i][j][c[j]] >= V[i][l][c[l]] for i, j in enumerate(x) for l in range(market.m))


def SEF_violation(market: Market, x: Sequence[int]):
    """The first ``(agent, pool)`` with ``EU_i(x) <= u_il z_l(x)``, ``l != x_i``, or None."""
    c = counts(market, x)
    V = market.values
    for i, j in enumerate(x):
        own = V[i][j][c[j]]
        for l in range(market.m):
            if l != j and V[i][l][c[l]] >= own:
                return (i, l)
    return None


def is_SEF(market: Market, x: Sequence[int]) -> bool:
    """Strictly envy-free (Definition 6): ``EU_i(x) > u_il z_l(x)`` for all i and ``l != x_i``."""
    return SEF_violation(market, x) is None


def allocations(market: Market) -> Iterator[tuple]:
    """All ``m^n`` ticket allocations X, in lexicographic order."""
    return itertools.product(range(market.m), repeat=market.n)


def induced_lottery(market: Market, x: Sequence[int]) -> tuple:
    """The random assignment ``P(x)`` (Section 4): row i has ``z_{x_i}`` in column ``x_i`` and
    ``1 - z_{x_i}`` in the last (null) column."""
    zz = z(market, x)
    rows = []
    for j in x:
        row = [ZERO] * (market.m + 1)
        row[j] = zz[j]
        row[market.m] = ONE - zz[j]
        rows.append(tuple(row))
    return tuple(rows)


def label(j: int) -> str:
    """Paper name of pool ``j`` (0-based): ``C1``, ``C2``, ..."""
    return f"C{j + 1}"


def labels(x: Sequence) -> str:
    """``(C3,C2,C2,C1)``; ``None`` entries (agents outside the room) print empty."""
    return "(" + ",".join("" if j is None else label(j) for j in x) + ")"
