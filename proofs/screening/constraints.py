"""The IC constraint sets of the discretised problem: full, the reduced set (4), and variants.

A constraint set assigns to every grid type ``I`` the set ``F~^I`` of types ``K`` with which
``I`` must satisfy IC (``V_I - V_K >= v(q_K, theta_I) - v(q_K, theta_K)``); the pair ``(I, K)``
is one IC row. Indices are flat (``I = i*n + j``, ``a_i = i h``, ``b_j = j h``, ``N = n - 1``).

Sets (standard orientation unless said otherwise)
-------------------------------------------------
``full``
    every ``K != I``: ``n^4 - n^2`` rows (Section 3, Remark 1).
``paper``
    problem (4) as Section 3.1 describes it. Interior types (``a, b < 1``):
    ``F~ = F ∩ X_n`` with ``F`` of (3), the top-row points ``(a_k, 1)``, ``k >= i``, and the
    right-column points ``(1, b_l)``, ``l >= j``, without ``(1, b_j)`` (footnote 3: "we do this
    in the discretized problem"). Top-row types ``(a, 1)``: the whole left column and the bottom
    row left of ``a`` (``0 <= s < a``); right-column types ``(1, b)``: the left column up to
    ``b`` and the bottom row except ``(1, 0)``; the type itself is never its own constraint.
``paper-keep-east``
    the same, keeping ``(1, b_j)`` (footnote 3 not applied).
``paper-prop3``
    ``paper`` minus the northeast pairs that Proposition 3 orders (Appendix A, Example 1, with
    ``-v_qa/v_qb = 1/q >= 1`` on ``Q = [0, 1]``): ``k > i``, ``l > j`` and
    ``(b_l - b_j)/(a_k - a_i) <= 1``.
``local``
    the four grid neighbours (not in the paper; the note's repair candidate).
``paper+local``, ``ls-nw+local``
    unions.
``ls-nw``
    Section 4's set for the Lewis-Sappington model, the northwest boundary
    ``{(0, s): b <= s <= 1} ∪ {(s, 1): 0 <= s <= a}``, literally for every type, self removed.
"""

from __future__ import annotations

from typing import Callable, Iterator

from exact.errors import InputError

from .model import grid_size

__all__ = ["SETS", "targets", "pairs", "count", "closed_form", "CLOSED_FORMS",
           "paper_example_1_formula"]


def _full(n, i, j):
    return {(k, l) for k in range(n) for l in range(n)}


def _paper(n, i, j, east=False):
    N = n - 1
    if i < N and j < N:
        S = {(k, N) for k in range(i, n)} | {(N, l) for l in range(j, n)}
        if not east:
            S.discard((N, j))                        # footnote 3
    elif j == N:                                     # top row (a, 1), including the corner (1, 1)
        S = {(0, l) for l in range(n)} | {(k, 0) for k in range(i)}
    else:                                            # right column (1, b), b < 1
        S = {(0, l) for l in range(j + 1)} | {(k, 0) for k in range(N)}
    return S


def _prop3(n, i, j):
    return {(k, l) for (k, l) in _paper(n, i, j)
            if not (k > i and l > j and (l - j) <= (k - i))}


def _local(n, i, j):
    return {(k, l) for k, l in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1))
            if 0 <= k < n and 0 <= l < n}


def _ls_nw(n, i, j):
    N = n - 1
    return {(0, l) for l in range(j, n)} | {(k, N) for k in range(i + 1)}


SETS: dict[str, Callable] = {
    "full": _full,
    "paper": _paper,
    "paper-keep-east": lambda n, i, j: _paper(n, i, j, east=True),
    "paper-prop3": _prop3,
    "local": _local,
    "paper+local": lambda n, i, j: _paper(n, i, j) | _local(n, i, j),
    "ls-nw": _ls_nw,
    "ls-nw+local": lambda n, i, j: _ls_nw(n, i, j) | _local(n, i, j),
}


def _check_set(name: str) -> Callable:
    if name not in SETS:
        raise InputError("constraint_set", f"unknown set {name!r}; expected one of {sorted(SETS)}")
    return SETS[name]


def targets(name: str, n: int, I: int) -> list:
    """The sorted flat indices ``K`` with which type ``I`` must be IC under set ``name``."""
    fn = _check_set(name)
    n = grid_size(n)
    i, j = divmod(I, n)
    return sorted(k * n + l for (k, l) in fn(n, i, j) if (k, l) != (i, j))


def pairs(name: str, n: int) -> Iterator[tuple]:
    """Every IC row ``(I, K)`` of set ``name`` on the ``n x n`` grid, in index order."""
    for I in range(grid_size(n) ** 2):
        for K in targets(name, n, I):
            yield (I, K)


def count(name: str, n: int) -> int:
    """The number of IC rows of set ``name`` on the ``n x n`` grid, by enumeration of each set."""
    fn = _check_set(name)
    n = grid_size(n)
    total = 0
    for i in range(n):
        for j in range(n):
            S = fn(n, i, j)
            total += len(S) - ((i, j) in S)
    return total


#: closed forms of the enumerated counts (valid for n >= 2; "local" for n >= 2 too)
CLOSED_FORMS: dict[str, Callable[[int], int]] = {
    "full": lambda n: n ** 4 - n ** 2,
    "paper": lambda n: n ** 3 + n ** 2 - 4 * n + 2,
    "paper-keep-east": lambda n: (n - 1) * (n ** 2 + 3 * n - 3),
    "paper-prop3": lambda n: (n - 1) * (n ** 2 + 5 * n - 4) // 2,
    "local": lambda n: 4 * n * (n - 1),
}


def closed_form(name: str, n: int) -> int:
    """The closed form of ``count(name, n)`` (see :data:`CLOSED_FORMS`)."""
    if name not in CLOSED_FORMS:
        raise InputError("constraint_set", f"no closed form for {name!r}")
    return CLOSED_FORMS[name](grid_size(n))


def paper_example_1_formula(n: int) -> int:
    """Appendix A, Example 1: "The exact number of IC constraints is (3n^3 - 3n^2 - 4n + 4)/2"."""
    return (3 * n ** 3 - 3 * n ** 2 - 4 * n + 4) // 2


def level_pairs(alpha, n: int) -> list:
    """A reduced IC set that is exact for every separable model (not in the paper).

    Types with equal ``alpha`` (a *level*) have the same preferences up to ``beta``, so full IC
    makes ``V - beta`` constant on a level (IC both ways); between levels, single crossing
    makes IC with the adjacent levels, both ways and with every type there, imply IC with all
    (the one-dimensional chain argument: ``q`` is monotone across adjacent levels by the two-way
    constraints, then downward and upward IC chain). So the rows are: a two-way chain through
    each level, and, for adjacent levels ``s < s'``, the first type of each level IC with every
    type of the other. About ``6 n^2`` rows instead of ``n^4 - n^2``.
    """
    n = grid_size(n)
    groups: dict = {}
    for I in range(n * n):
        groups.setdefault(alpha[I], []).append(I)
    levels = [groups[k] for k in sorted(groups)]
    out = []
    for lev in levels:
        for A, B in zip(lev, lev[1:]):
            out += [(A, B), (B, A)]
    for low, high in zip(levels, levels[1:]):
        out += [(low[0], K) for K in high] + [(high[0], K) for K in low]
    return out
