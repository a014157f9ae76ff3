"""Ranking mechanisms: multi-category serial dictatorships and their subclasses (Section 3, 3.1).

A *priority profile* ``orders`` is a tuple over categories of tuples of agents, highest priority
first: ``orders[k] = ((f^k)^{-1}(1), ..., (f^k)^{-1}(n))``.
"""

from __future__ import annotations

import itertools
from typing import Callable, Sequence

from exact.errors import InvalidInstance

from .model import positions, rankings

__all__ = ["allocate", "mcsd", "mcsd_interleaved", "ipd", "alternating", "priority_profiles",
           "is_identical_priority", "is_fair_priority", "envy_level_of_priorities",
           "recover_priorities", "check_orders"]


def check_orders(orders: Sequence[Sequence[int]], n: int, m: int) -> tuple:
    """Validate a priority profile (one permutation of the agents per category)."""
    if len(orders) != m:
        raise InvalidInstance("orders", f"{len(orders)} priority orders, expected {m}")
    for k, o in enumerate(orders):
        if sorted(o) != list(range(n)):
            raise InvalidInstance(f"orders[{k}]", f"{list(o)} is not a permutation of 0..{n - 1}")
    return tuple(tuple(o) for o in orders)


def mcsd(P: tuple, orders: Sequence[Sequence[int]]) -> tuple:
    """Multi-category serial dictatorship ``MCSD_f`` (Section 3, Step l).

    In every category ``k`` the agents pick, in the order ``orders[k]``, their best remaining
    object according to their own ranking of ``k``.

    Parameters
    ----------
    P : profile ``P[i][k]`` (see :mod:`proofs.housing.model`)
    orders : ``orders[k]`` = agents from highest to lowest priority in category ``k``

    Returns
    -------
    tuple
        the allocation ``A[k][i]``.

    Examples
    --------
    >>> mcsd((((0, 1),), ((0, 1),)), ((1, 0),))
    ((1, 0),)
    """
    n = len(P)
    out = []
    for k, order in enumerate(orders):
        taken = [False] * n
        col = [0] * n
        for i in order:
            for o in P[i][k]:
                if not taken[o]:
                    taken[o] = True
                    col[i] = o
                    break
        out.append(tuple(col))
    return tuple(out)


def mcsd_interleaved(P: tuple, orders: Sequence[Sequence[int]]) -> tuple:
    """``MCSD_f`` processed exactly as printed: step ``l`` serves the l-th agent of every category.

    Used to check that the processing order does not matter (the note's D8(ii)).
    """
    n, m = len(P), len(orders)
    taken = [[False] * n for _ in range(m)]
    col = [[0] * n for _ in range(m)]
    for step in range(n):
        for k in range(m):
            i = orders[k][step]
            o = next(o for o in P[i][k] if not taken[k][o])
            taken[k][o] = True
            col[k][i] = o
    return tuple(tuple(c) for c in col)


def ipd(P: tuple, order: Sequence[int]) -> tuple:
    """Identical-priority MCSD (Section 3.1): the same order ``order`` in every category."""
    return mcsd(P, (tuple(order),) * len(P[0]))


def alternating(order: Sequence[int], m: int) -> tuple:
    """The draft-like priority profile of the introduction: ``order``, reversed, ``order``, ..."""
    order = tuple(order)
    return tuple(order if k % 2 == 0 else order[::-1] for k in range(m))


def priority_profiles(n: int, m: int) -> list[tuple]:
    """All ``(n!)^m`` priority profiles ``f = (f^k)_k``."""
    return list(itertools.product(rankings(n), repeat=m))


def is_identical_priority(orders) -> bool:
    """``f^k = f`` for every k (IPD, Section 3.1)."""
    return all(o == orders[0] for o in orders)


def is_fair_priority(orders) -> bool:
    """FPD (Section 3.1): every ordered pair ``i != j`` has ``f^k(i) < f^k(j)`` in at least
    ``floor(m/2)`` categories."""
    m = len(orders)
    n = len(orders[0])
    rank = [positions(o) for o in orders]
    return all(sum(r[i] < r[j] for r in rank) >= m // 2
               for i in range(n) for j in range(n) if i != j)


def envy_level_of_priorities(orders) -> int:
    """``max_{i != j} #{k : f^k(j) < f^k(i)}``: the exact envy level of ``MCSD_f`` (note, D4)."""
    n = len(orders[0])
    rank = [positions(o) for o in orders]
    return max((sum(r[j] < r[i] for r in rank) for i in range(n) for j in range(n) if i != j),
               default=0)


def recover_priorities(psi: Callable[[tuple], tuple], n: int, m: int) -> tuple:
    """The priority profile ``f`` read off ``psi`` at the identical profile ``0 > 1 > ... > n-1``.

    This is the construction of the proof of Theorem 1 ("Only if"): ``f^k(i)`` is the rank of
    ``psi(P)_i^k``. ``psi`` is an MCSD iff ``psi == MCSD_{recover_priorities(psi)}``.
    """
    P0 = ((tuple(range(n)),) * m,) * n
    A = psi(P0)
    return tuple(tuple(sorted(range(n), key=lambda i: A[k][i])) for k in range(m))


def allocate(profile, orders, fair: bool = False) -> tuple:
    """``MCSD_f`` on user data: validates the profile and the priority orders first.

    Parameters
    ----------
    profile : list of list of list of int
        ``profile[i][k]`` = agent ``i``'s best-first ranking of category ``k``.
    orders : list of list of int
        ``orders[k]`` = agents from highest to lowest priority in category ``k``; with
        ``fair=True`` a single order ``g`` (reversed in every other category).

    Raises
    ------
    InvalidInstance
        one line naming the field (``profile[1][0]: object 2 repeated in ranking [2, 2, 0]``).
    """
    from .model import parse_profile
    P = parse_profile(profile)
    n, m = len(P), len(P[0])
    if fair:
        if not isinstance(orders, (list, tuple)) or sorted(orders) != list(range(n)):
            raise InvalidInstance("orders", f"expected one permutation of 0..{n - 1}")
        orders = alternating(orders, m)
    if not isinstance(orders, (list, tuple)):
        raise InvalidInstance("orders", f"expected a list of {m} priority orders")
    return mcsd(P, check_orders(orders, n, m))
