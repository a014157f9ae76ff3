"""Properties of deterministic allocations of houses: individual rationality, Pareto efficiency,
the strict core, envy. Each test returns a witness (or ``None``), never just a boolean.

Two exact methods are given for the cooperative properties: the definition (every coalition and
every reallocation, exponential) and the improvement-graph characterisation of
:mod:`exact.graphs` (polynomial): a coalition blocks weakly iff the graph in which each agent
points to the holders of the houses she weakly prefers has a cycle through a strict edge.
Tests check that the two agree.

Examples
--------
>>> from exact.prefs import Profile
>>> p = Profile([(1, 0), (0, 1)])
>>> pareto_improvement(p, (0, 1)), blocking_coalition(p, (0, 1))
([0, 1], ((0, 1), (1, 0)))
>>> pareto_improvement(p, (1, 0)) is None
True
"""

from __future__ import annotations

import itertools
from typing import Any, Optional, Sequence

from ..errors import InvalidInstance
from ..graphs import improvement_graph, strict_improvement_cycle
from ._common import as_profile

__all__ = ["individually_rational", "pareto_improvement", "is_pareto_efficient",
           "blocking_coalition", "core_blocking_cycle", "envy_pair"]


def _allocation(x: Any, n: int, field: str = "allocation") -> tuple[int, ...]:
    if not isinstance(x, (list, tuple)) or len(x) != n:
        raise InvalidInstance(field, f"expected {n} houses, one per agent")
    if sorted(x) != list(range(n)):
        raise InvalidInstance(field, f"not a permutation of the houses 0..{n - 1}: {list(x)}")
    return tuple(x)


def individually_rational(prefs: Any, x: Sequence[int],
                          endowment: Optional[Sequence[int]] = None) -> Optional[int]:
    """The first agent who prefers her endowment to ``x[i]``, or ``None``."""
    p = as_profile(prefs, complete=True, square=True)
    x = _allocation(x, p.n)
    e = tuple(range(p.n)) if endowment is None else _allocation(endowment, p.n, "endowment")
    return next((i for i in range(p.n) if p.prefers(i, e[i], x[i])), None)


def pareto_improvement(prefs: Any, x: Sequence[int]) -> Optional[list[int]]:
    """A cycle of agents who can swap their houses under ``x`` (each takes the next agent's),
    all weakly better off and one strictly; ``None`` iff ``x`` is Pareto efficient.

    Notes
    -----
    A Pareto improvement is a permutation of the houses; its cycles can be applied separately,
    and one of them contains a strict improvement. So ``x`` is Pareto efficient iff
    :func:`exact.graphs.improvement_graph` with endowment ``x`` has no cycle through a strict
    edge: polynomial time.
    """
    p = as_profile(prefs, complete=True, square=True)
    x = _allocation(x, p.n)
    return strict_improvement_cycle(improvement_graph(p, x, endowment=x))


def is_pareto_efficient(prefs: Any, x: Sequence[int]) -> bool:
    """No allocation makes every agent weakly better off and one strictly (see
    :func:`pareto_improvement`)."""
    return pareto_improvement(prefs, x) is None


def blocking_coalition(prefs: Any, x: Sequence[int],
                       endowment: Optional[Sequence[int]] = None
                       ) -> Optional[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The first coalition (by size, then lexicographically) that blocks ``x`` weakly, with the
    houses its members take; ``None`` iff ``x`` is in the strict core.

    A coalition ``S`` blocks weakly when a reallocation of its own endowments among its members
    makes all of them weakly better off than under ``x`` and one strictly (Roth and Postlewaite
    1977). By the definition: every coalition, every bijection between its members and its
    houses, restricted to the houses each member weakly prefers to ``x[i]`` (at most 64
    bijections in all when ``n = 4``; exponential in general).
    """
    p = as_profile(prefs, complete=True, square=True)
    x = _allocation(x, p.n)
    n = p.n
    e = tuple(range(n)) if endowment is None else _allocation(endowment, n, "endowment")
    for k in range(1, n + 1):
        for S in itertools.combinations(range(n), k):
            own = [e[i] for i in S]
            options = [[h for h in own if p.weakly_prefers(i, h, x[i])] for i in S]
            for houses in itertools.product(*options):
                if len(set(houses)) == k and any(h != x[i] for i, h in zip(S, houses)):
                    return S, tuple(houses)
    return None


def core_blocking_cycle(prefs: Any, x: Sequence[int],
                        endowment: Optional[Sequence[int]] = None) -> Optional[list[int]]:
    """A blocking coalition found in polynomial time: a cycle of agents, each taking the next
    agent's endowment, all weakly better off than under ``x`` and one strictly; ``None`` iff
    ``x`` is in the strict core (a blocking reallocation splits into cycles, one of them
    strict)."""
    p = as_profile(prefs, complete=True, square=True)
    x = _allocation(x, p.n)
    return strict_improvement_cycle(improvement_graph(p, x, endowment))


def envy_pair(prefs: Any, x: Sequence[Optional[int]]) -> Optional[tuple[int, int]]:
    """The first pair ``(i, j)`` such that agent ``i`` prefers ``x[j]`` to ``x[i]``, or ``None``.

    ``x`` may contain ``None`` (no object); rankings may be truncated.
    """
    p = as_profile(prefs)
    if not isinstance(x, (list, tuple)) or len(x) != p.n:
        raise InvalidInstance("allocation", f"expected {p.n} entries, one per agent")
    for i in range(p.n):
        for j in range(p.n):
            if j != i and p.prefers(i, x[j], x[i]):
                return (i, j)
    return None
