"""Serial dictatorship and random serial dictatorship (exact average over all orders).

References
----------
.. [1] A. Abdulkadiroglu, T. Sonmez, "Random serial dictatorship and the core from random
   endowments in house allocation problems", Econometrica 66 (1998) 689-701.
   https://doi.org/10.2307/2998580
.. [2] A. Bogomolnaia, H. Moulin, "A new solution to the random assignment problem",
   J. Econ. Theory 100 (2001) 295-328. https://doi.org/10.1006/jeth.2000.2710
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional, Sequence

from ..numbers import Q
from ._common import as_capacities, as_demands, as_order, as_profile

__all__ = ["serial_dictatorship", "random_serial_dictatorship"]


def _pick(ranking: Sequence[int], left: Sequence[int], k: int) -> tuple[int, ...]:
    """The best ``k`` acceptable objects with a copy left (at most one copy of each)."""
    return tuple(o for o in ranking if left[o] > 0)[:k]


def serial_dictatorship(prefs: Any, order: Optional[Sequence[int]] = None,
                        capacities: Optional[Sequence[int]] = None, *,
                        demands: Optional[Sequence[int]] = None) -> tuple:
    """Serial dictatorship: agents choose in ``order``, each her best object still available.

    Parameters
    ----------
    prefs : Profile or sequence of sequences of int
        strict rankings, best first; omitted objects are unacceptable (outside option).
    order : sequence of int, optional
        the priority order, a permutation of the agents (default ``0, 1, ..., n-1``).
    capacities : sequence of int, optional
        copies of each object (default one).
    demands : sequence of int, optional
        when given, agent ``i`` takes her best ``demands[i]`` distinct available objects.

    Returns
    -------
    tuple
        the object of each agent (``None`` when nothing acceptable is left); with ``demands``,
        the tuple of objects of each agent, best first.

    Raises
    ------
    InvalidInstance
        naming the field (``order``, ``capacities[j]``, ``demands[i]``, ``prefs[i]``).

    Examples
    --------
    >>> serial_dictatorship([(0, 1), (0, 1)])
    (0, 1)
    >>> serial_dictatorship([(0, 1), (0,)], order=[0, 1])
    (0, None)
    >>> serial_dictatorship([(0, 1), (0, 1)], capacities=[2, 0])
    (0, 0)
    """
    p = as_profile(prefs)
    order = as_order(order, p.n)
    left = list(as_capacities(capacities, p.m))
    dem = as_demands(demands, p.n)
    out: list = [None] * p.n
    for i in order:
        got = _pick(p[i], left, dem[i])
        for o in got:
            left[o] -= 1
        out[i] = got
    if demands is None:
        return tuple(g[0] if g else None for g in out)
    return tuple(out)


def random_serial_dictatorship(prefs: Any, capacities: Optional[Sequence[int]] = None, *,
                               demands: Optional[Sequence[int]] = None) -> tuple:
    """Random serial dictatorship: the average of serial dictatorship over all ``n!`` orders [1]_.

    Parameters
    ----------
    prefs, capacities, demands
        as in :func:`serial_dictatorship`.

    Returns
    -------
    tuple of tuples of fmpq
        ``P[i][j]``: the probability that agent ``i`` receives object ``j`` (its expected number
        of copies of ``j``); exact.

    Examples
    --------
    >>> P = random_serial_dictatorship([(0, 1), (0, 1)])
    >>> [[str(x) for x in row] for row in P]
    [['1/2', '1/2'], ['1/2', '1/2']]

    Notes
    -----
    The uniform order is drawn first-dictator-first: the first agent is uniform among the ``n``
    agents, and the rest is a uniform order of the others. So the average over all orders
    satisfies ``RSD(S, left) = (1/|S|) sum_{i in S} [i picks; RSD(S - i, left')]``, which is
    memoised on (remaining agents, remaining copies): at most ``2^n`` agent sets instead of
    ``n!`` orders. Exact in fmpq; tests compare it with the plain average over all orders.
    """
    p = as_profile(prefs)
    caps = as_capacities(capacities, p.m)
    dem = as_demands(demands, p.n)
    n, m = p.n, p.m

    @lru_cache(maxsize=None)
    def rsd(agents: frozenset, left: tuple) -> tuple:
        """Expected copies as a flat tuple of length n*m (exact)."""
        total = [Q(0)] * (n * m)
        if not agents:
            return tuple(total)
        for i in sorted(agents):
            got = _pick(p[i], left, dem[i])
            after = list(left)
            for o in got:
                after[o] -= 1
                total[i * m + o] += 1
            sub = rsd(agents - {i}, tuple(after))
            for k, v in enumerate(sub):
                if v:
                    total[k] += v
        share = Q(1, len(agents))
        return tuple(v * share for v in total)

    flat = rsd(frozenset(range(n)), caps)
    return tuple(tuple(flat[i * m:(i + 1) * m]) for i in range(n))
