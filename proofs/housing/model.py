"""Rankings, profiles, allocations and the dominance relation (Section 2 and 2.1.1).

Conventions
-----------
* Agents are ``0..n-1``, categories ``0..m-1``, and the objects of every category are ``0..n-1``.
* A *ranking* is a best-first tuple of the ``n`` objects of one category.
* A *profile* ``P`` is a tuple over agents of tuples over categories of rankings: ``P[i][k]``.
* An *allocation* ``A`` is a tuple over categories of tuples over agents: ``A[k][i]`` is the
  object of agent ``i`` in category ``k`` (one bijection agents -> objects per category).
* The *bundle* of ``i`` is ``tuple(A[k][i] for k in range(m))``.

Everything is integers and tuples: the model has no numbers that could be inexact.
"""

from __future__ import annotations

import itertools
from typing import Any, Iterator, Sequence

from exact.errors import InvalidInstance

__all__ = ["rankings", "reports", "profiles", "profile_count", "identical_profiles",
           "allocations", "positions", "bundle", "weakly_dominates", "strictly_dominates",
           "parse_profile", "permute_profile", "permute_allocation", "canonical_form",
           "replace_report", "is_allocation", "size_of_profile"]


def rankings(n: int) -> list[tuple[int, ...]]:
    """All ``n!`` rankings of one category, in lexicographic order."""
    return list(itertools.permutations(range(n)))


def reports(n: int, m: int) -> list[tuple[tuple[int, ...], ...]]:
    """All ``(n!)^m`` lists of rankings ``P_i = (P_i^k)_k`` of one agent (the set script-P_i)."""
    return list(itertools.product(rankings(n), repeat=m))


def profiles(n: int, m: int) -> Iterator[tuple]:
    """All ``(n!)^(n m)`` profiles ``P = (P_i)_i`` in lexicographic order (a generator)."""
    return itertools.product(reports(n, m), repeat=n)


def profile_count(n: int, m: int) -> int:
    """``|script-P| = (n!)^(n m)``."""
    import math
    return math.factorial(n) ** (n * m)


def identical_profiles(n: int, m: int) -> Iterator[tuple]:
    """The ``(n!)^m`` identical profiles (the set script-I of Section 3)."""
    for r in itertools.product(rankings(n), repeat=m):
        yield (r,) * n


def allocations(n: int, m: int) -> list[tuple]:
    """All ``(n!)^m`` feasible allocations (the set script-A), ``A[k][i]``."""
    return list(itertools.product(rankings(n), repeat=m))


def positions(ranking: Sequence[int]) -> tuple[int, ...]:
    """``pos[o]`` = position of object ``o`` in ``ranking`` (0 = best)."""
    pos = [0] * len(ranking)
    for p, o in enumerate(ranking):
        pos[o] = p
    return tuple(pos)


def bundle(A: Sequence[Sequence[int]], i: int) -> tuple[int, ...]:
    """The bundle ``A_i``: agent ``i``'s object in each category."""
    return tuple(col[i] for col in A)


def weakly_dominates(X: Sequence[int], Y: Sequence[int], Pi: Sequence[Sequence[int]]) -> bool:
    """The dominance relation ``X >=_{P_i} Y`` (Section 2.1.1): ``x^k R_i^k y^k`` for every k."""
    return all(r.index(x) <= r.index(y) for x, y, r in zip(X, Y, Pi))


def strictly_dominates(X, Y, Pi) -> bool:
    """``X >_{P_i} Y`` (footnote 9): ``X >= Y`` and ``X != Y`` (the relation is antisymmetric)."""
    return tuple(X) != tuple(Y) and weakly_dominates(X, Y, Pi)


def replace_report(P: tuple, i: int, report: tuple) -> tuple:
    """The profile ``(report, P_{-i})``."""
    return P[:i] + (report,) + P[i + 1:]


def permute_profile(P: tuple, pi: Sequence[Sequence[int]]) -> tuple:
    """``pi[P]`` (Section 3): object ``o`` of category ``k`` is renamed ``pi[k][o]``."""
    return tuple(tuple(tuple(pi[k][o] for o in r) for k, r in enumerate(Pi)) for Pi in P)


def permute_allocation(A: tuple, pi: Sequence[Sequence[int]]) -> tuple:
    """``pi[A]``: ``pi[A][k][i] = pi[k][A[k][i]]``."""
    return tuple(tuple(pi[k][o] for o in col) for k, col in enumerate(A))


def canonical_form(P: tuple) -> tuple[tuple, tuple]:
    """The representative of ``P``'s orbit under category-wise relabelling, and the relabelling.

    Returns ``(rep, pi)`` with ``permute_profile(rep, pi) == P``; in ``rep`` agent 0 ranks every
    category ``0, 1, ..., n-1``. For ``n >= 2`` the group acts freely, so ``pi`` is unique.
    """
    pi = tuple(tuple(r) for r in P[0])               # pi[k][p] = object at position p of P_0^k
    inv = tuple(positions(r) for r in P[0])          # relabel o -> its position in P_0^k
    return permute_profile(P, inv), pi


def is_allocation(A: Any, n: int, m: int) -> bool:
    """Whether ``A`` is ``m`` permutations of ``range(n)``."""
    return (isinstance(A, tuple) and len(A) == m and
            all(sorted(col) == list(range(n)) for col in A))


def size_of_profile(P: tuple) -> tuple[int, int]:
    """``(n, m)`` of a profile."""
    return len(P), len(P[0]) if P else 0


def parse_profile(data: Any, n: int | None = None, m: int | None = None,
                  field: str = "profile") -> tuple:
    """Validate a user's profile (list over agents of lists over categories of rankings).

    Parameters
    ----------
    data : list of list of list of int
        ``data[i][k]`` is agent ``i``'s best-first ranking of category ``k``'s objects ``0..n-1``.
    n, m : int, optional
        expected numbers of agents (= objects per category) and categories.

    Returns
    -------
    tuple
        the profile as nested tuples.

    Raises
    ------
    InvalidInstance
        one line naming the field: a repeated or unknown object in a ranking, a missing
        category, a ragged size.

    Examples
    --------
    >>> parse_profile([[[0, 1]], [[1, 0]]])
    (((0, 1),), ((1, 0),))
    """
    if not isinstance(data, (list, tuple)) or not data:
        raise InvalidInstance(field, "expected a non-empty list of agents' rankings")
    if n is None:
        n = len(data)
    if len(data) != n:
        raise InvalidInstance(field, f"{len(data)} agents, expected {n}")
    out = []
    for i, Pi in enumerate(data):
        fi = f"{field}[{i}]"
        if not isinstance(Pi, (list, tuple)):
            raise InvalidInstance(fi, f"expected a list of rankings (one per category), got "
                                      f"{type(Pi).__name__}")
        if m is None:
            m = len(Pi)
            if m == 0:
                raise InvalidInstance(fi, "no category")
        if len(Pi) != m:
            raise InvalidInstance(fi, f"{len(Pi)} categories, expected {m} (missing category?)")
        row = []
        for k, r in enumerate(Pi):
            fk = f"{fi}[{k}]"
            if not isinstance(r, (list, tuple)):
                raise InvalidInstance(fk, f"expected a ranking (list of objects), got "
                                          f"{type(r).__name__}")
            if len(r) != n:
                raise InvalidInstance(fk, f"{len(r)} objects, expected {n} (ragged size)")
            seen = set()
            for o in r:
                if isinstance(o, bool) or not isinstance(o, int):
                    raise InvalidInstance(fk, f"object {o!r} is not an integer")
                if not 0 <= o < n:
                    raise InvalidInstance(fk, f"object {o} outside 0..{n - 1}")
                if o in seen:
                    raise InvalidInstance(fk, f"object {o} repeated in ranking {list(r)}")
                seen.add(o)
            row.append(tuple(r))
        out.append(tuple(row))
    return tuple(out)
