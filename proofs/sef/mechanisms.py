"""Comparison mechanisms on a market: PS and RSD (via ``exact.mechanisms``), with a null column.

Rankings put pools by decreasing utility, ties by index (note 2.6), zero-utility pools omitted
(unacceptable: "agents eat nothing with zero utility", Section 3.1).

Examples
--------
>>> from proofs.sef.model import Market
>>> ps(Market.of([[2, 3], [2, 3]], [1, 1]))[0]
(1/2, 1/2, 0)
"""

from __future__ import annotations

from exact.mechanisms import probabilistic_serial, random_serial_dictatorship
from exact.numbers import ONE

from .model import Market

__all__ = ["rankings", "ps", "rsd", "expected_utilities"]


def rankings(market: Market) -> list:
    """Strict rankings of the acceptable pools, best first, ties by index."""
    return [tuple(sorted((j for j in range(market.m) if r[j] > 0), key=lambda j: (-r[j], j)))
            for r in market.u]


def _with_null(P) -> tuple:
    return tuple(tuple(row) + (ONE - sum(row),) for row in P)


def ps(market: Market) -> tuple:
    """Probabilistic serial (Bogomolnaia-Moulin) with capacities q; last column = null."""
    return _with_null(probabilistic_serial(rankings(market), list(market.q)))


def rsd(market: Market) -> tuple:
    """Random serial dictatorship with capacities q; last column = null."""
    return _with_null(random_serial_dictatorship(rankings(market), list(market.q)))


def expected_utilities(market: Market, P) -> tuple:
    """``u_i . P_i`` over the real goods."""
    return tuple(sum(u * p for u, p in zip(market.u[i], P[i][:market.m])) for i in range(market.n))
