"""Tickets-TTC (Section 5.2): Gale's top trading cycles on the lottery housing market.

House k is agent k's ticket (of type ``x_k``); agent i values it at ``u_{i,x_k} z_{x_k}(x)``.
Trades permute tickets, so counts and winning probabilities are fixed. Ties are broken as the
paper prescribes: at equal value, *houses of a different type* > *own house* > *other houses of
the own type*; all remaining ties by a tie-break permutation of the agents (any is allowed, so
:func:`tie_breaks` supplies several to explore).

Examples
--------
>>> from proofs.sef.model import Market
>>> ex2 = Market.of([[2, 4, 3], [0, 1, 0], [0, 1, 0], [3, 0, 2]], [1, 1, 1])
>>> ttc_step(ex2, (0, 1, 1, 2))
(2, 1, 1, 0)
>>> ttc_step(Market.of([[7, 7], [6, 3]], [1, 1]), (0, 1))    # the note's indifferent trade
(1, 0)
"""

from __future__ import annotations

from typing import Optional, Sequence

from exact.mechanisms import ttc

from .model import Market, counts

__all__ = ["ttc_step", "ttc_outcomes", "ttc_ranked", "tie_breaks", "tickets_ttc", "ranking"]


def ranking(market: Market, x: Sequence[int], i: int, tie: Sequence[int]) -> list:
    """Agent i's strict ranking of houses (agents' tickets), best first (Section 5.2 rules)."""
    c = counts(market, x)
    V = market.values[i]
    pos = {a: r for r, a in enumerate(tie)}

    def key(k):
        v = V[x[k]][c[x[k]]]
        cls = 0 if x[k] != x[i] else (1 if k == i else 2)
        return (-v, cls, pos[k])

    return sorted(range(market.n), key=key)


def ttc_step(market: Market, x: Sequence[int], tie: Optional[Sequence[int]] = None) -> tuple:
    """Top trading cycles from the endowment ``x``; returns the new allocation (types).

    Each remaining agent points to the owner of her best remaining house; the cycles of the
    pointing graph (networkx, via exact.mechanisms.ttc) trade and leave, until nobody remains.
    """
    x = tuple(x)
    tie = tuple(range(market.n)) if tie is None else tuple(tie)
    return ttc_ranked(x, tuple(tuple(ranking(market, x, i, tie)) for i in range(market.n)))


def ttc_outcomes(market: Market, x: Sequence[int]) -> dict:
    """TTC outcome for each distinct ranking profile induced by :func:`tie_breaks`
    (tie-breaks inducing the same strict rankings are run once): {outcome: first tie-break}."""
    x = tuple(x)
    seen, out = set(), {}
    for tie in tie_breaks(market.n):
        ranks = tuple(tuple(ranking(market, x, i, tie)) for i in range(market.n))
        if ranks in seen:
            continue
        seen.add(ranks)
        out.setdefault(ttc_ranked(x, ranks), tie)
    return out


def ttc_ranked(x: tuple, ranks: tuple) -> tuple:
    """Gale's TTC for the endowment ``x`` (agent k owns house k, of type ``x[k]``) and strict
    rankings ``ranks[i]`` of the houses; uses the shared :func:`exact.mechanisms.ttc`
    (pointing graph on networkx). Returns the types received."""
    houses = ttc(ranks)
    return tuple(x[k] for k in houses)


def tie_breaks(n: int) -> list:
    """A family of 2n tie-break permutations: every rotation of ``0..n-1`` and of its reverse."""
    base = list(range(n))
    out = []
    for r in range(n):
        out.append(tuple(base[r:] + base[:r]))
        out.append(tuple(reversed(base[r:] + base[:r])))
    return list(dict.fromkeys(out))


def tickets_ttc(market: Market, order: Sequence[int], tie: Optional[Sequence[int]] = None) -> tuple:
    """Tickets-TTC: the first Tickets branch for ``order``, then the TTC step."""
    from .tickets import run
    return ttc_step(market, run(market, order).outcome, tie)
