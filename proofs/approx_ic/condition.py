"""Condition (1) of Theorem 1, decided exactly: an LP per state and pair of alternatives.

Condition (1): for every ``lambda in Delta(U)`` and every state ``w``, the mixture
``W_lambda(., w) = sum_u lambda(u) u(., w)`` has a unique maximiser in ``A``. It fails iff some
``lambda`` makes two alternatives ``a != b`` both maximisers in some state, i.e. iff for some
``(w, a, b)`` the LP

    find lambda >= 0, sum lambda = 1, W_lambda(a, w) = W_lambda(b, w) >= W_lambda(c, w) (all c)

is feasible. :func:`decide` solves these LPs with :func:`exact.lp.solve_lp`: a feasible point is
an exact tie witness ``lambda``; when all are infeasible their Farkas certificates prove (1).

:func:`common_strict_tops` is the note's lemma L0: (1) holds iff in every state one alternative is
the strict maximiser of *every* type (the sets of ``lambda`` with a given unique maximiser are
open, disjoint and cover the connected simplex). The claim ``approx_ic/condition-1-common-top``
checks that the two agree.

Examples
--------
>>> from proofs.approx_ic.families import OBJECT_1, OBJECT_2, SHARED_TOP
>>> d = decide((OBJECT_1, OBJECT_2))
>>> d.holds, d.state, d.pair, [str(x) for x in d.tie]
(False, 0, (0, 1), ['3/5', '2/5'])
>>> decide(SHARED_TOP).holds, common_strict_tops(SHARED_TOP)
(True, (0, 1))
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Optional, Sequence

from exact.lp import solve_lp
from exact.numbers import Q

__all__ = ["Decision", "tie_lp", "decide", "common_strict_tops", "check_tie"]


@dataclasses.dataclass(frozen=True)
class Decision:
    """The exact decision of condition (1) for a type set.

    ``holds``; when it fails, ``state``, ``pair`` and the tie weights ``tie`` (a point of
    ``Delta(U)``) and the LP certificate; when it holds, one Farkas certificate per
    ``(state, a, b)``.
    """

    holds: bool
    state: Optional[int] = None
    pair: Optional[tuple] = None
    tie: Optional[tuple] = None
    certificates: tuple = ()


def tie_lp(types: Sequence, w: int, a: int, b: int) -> dict:
    """The LP data (``solve_lp`` keywords) whose feasible points are ``lambda`` tying ``a``, ``b`` at ``w``."""
    K, A = len(types), len(types[0])
    A_eq = [[u[a][w] - u[b][w] for u in types], [Q(1)] * K]
    A_ub = [[u[c][w] - u[a][w] for u in types] for c in range(A) if c not in (a, b)]
    return {"c": [Q(0)] * K, "A_ub": A_ub, "b_ub": [Q(0)] * len(A_ub), "A_eq": A_eq,
            "b_eq": [Q(0), Q(1)], "bounds": (Q(0), None)}


def check_tie(types: Sequence, w: int, a: int, b: int, lam: Sequence) -> bool:
    """Exactly: is ``lam`` in ``Delta(U)`` and are ``a != b`` both maximisers of ``W_lam(., w)``?"""
    if a == b or any(x < 0 for x in lam) or sum(lam, Q(0)) != 1 or len(lam) != len(types):
        return False
    vals = [sum((x * u[c][w] for x, u in zip(lam, types)), Q(0)) for c in range(len(types[0]))]
    return vals[a] == vals[b] == max(vals)


@functools.lru_cache(maxsize=4096)
def decide(types: Sequence) -> Decision:
    """Decide condition (1) for the type set ``types`` (each ``u[a][w]``) by exact LPs."""
    A, W = len(types[0]), len(types[0][0])
    certs = []
    for w in range(W):
        for a in range(A):
            for b in range(a + 1, A):
                res = solve_lp(**tie_lp(types, w, a, b))
                if res.status == "optimal":
                    lam = tuple(res.x)
                    return Decision(False, w, (a, b), lam, (res.certificate,))
                certs.append(res.certificate)
    return Decision(True, certificates=tuple(certs))


def common_strict_tops(types: Sequence) -> Optional[tuple]:
    """The note's lemma L0: per state, the alternative every type strictly prefers to all others.

    Returns the tuple of tops, or ``None`` when some state has none.
    """
    A, W = len(types[0]), len(types[0][0])
    tops = []
    for w in range(W):
        found = None
        for a in range(A):
            if all(u[a][w] > u[b][w] for u in types for b in range(A) if b != a):
                found = a
        if found is None:
            return None
        tops.append(found)
    return tuple(tops)
