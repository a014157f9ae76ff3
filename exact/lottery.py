"""Random assignments (lotteries) in exact arithmetic: sd-dominance, sd-efficiency, sd-envy,
and the Birkhoff-von Neumann decomposition.

A random assignment is a matrix ``P[i][j]`` of fmpq: the probability that agent ``i`` receives
object ``j``. Agent ``i``'s row ``P[i]`` *sd-dominates* ``Q[i]`` (first-order stochastic dominance
for her ranking) when, for every ``k``, the probability of one of her ``k`` best objects is at
least as large under ``P[i]`` (Bogomolnaia and Moulin 2001).

References
----------
.. [1] A. Bogomolnaia, H. Moulin, "A new solution to the random assignment problem",
   J. Econ. Theory 100 (2001) 295-328. https://doi.org/10.1006/jeth.2000.2710
.. [2] G. Birkhoff, "Three observations on linear algebra", Univ. Nac. Tucuman Rev. Ser. A 5
   (1946) 147-151; J. von Neumann, "A certain zero-sum two-person game equivalent to the optimal
   assignment problem", Contributions to the Theory of Games II (1953) 5-12.

Examples
--------
>>> from exact.numbers import Q
>>> h = Q(1, 2)
>>> sd_dominates((h, h, 0), (h, 0, h), (0, 1, 2))
True
>>> birkhoff_von_neumann([[h, h], [h, h]])
[(1/2, (0, 1)), (1/2, (1, 0))]
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import networkx as nx

from .errors import InputError
from .mechanisms._common import as_capacities, as_profile
from .numbers import Q, as_q

__all__ = ["sd_dominates", "sd_strictly_dominates", "tau_relation", "sd_improvement_cycle",
           "is_sd_efficient", "sd_dominating_assignment", "sd_envy_free", "sd_weak_envy_free",
           "sd_envy", "birkhoff_von_neumann", "compose"]


def _cumulative(row: Sequence[Any], ranking: Sequence[int]) -> list:
    out, acc = [], Q(0)
    for o in ranking:
        acc += as_q(row[o])
        out.append(acc)
    return out


def sd_dominates(P_row: Sequence[Any], Q_row: Sequence[Any], ranking: Sequence[int]) -> bool:
    """``P_row`` weakly sd-dominates ``Q_row`` for ``ranking`` (best first).

    For every ``k``: ``sum of P_row over the k best objects >= the same sum of Q_row``. Objects
    missing from ``ranking`` (unacceptable) are ignored, i.e. ranked below the outside option.
    """
    return all(a >= b for a, b in zip(_cumulative(P_row, ranking), _cumulative(Q_row, ranking)))


def sd_strictly_dominates(P_row: Sequence[Any], Q_row: Sequence[Any],
                          ranking: Sequence[int]) -> bool:
    """``P_row`` sd-dominates ``Q_row`` and differs from it on the ranked objects."""
    a, b = _cumulative(P_row, ranking), _cumulative(Q_row, ranking)
    return all(x >= y for x, y in zip(a, b)) and a != b


def tau_relation(P: Sequence[Sequence[Any]], prefs: Any) -> nx.DiGraph:
    """Bogomolnaia-Moulin's relation ``tau(P)`` on objects as a directed graph.

    Edge ``a -> b`` (attribute ``agent=i``, the first such agent) when some agent ``i`` prefers
    ``a`` to ``b`` and receives ``b`` with positive probability ([1]_).
    """
    p = as_profile(prefs)
    g = nx.DiGraph()
    g.add_nodes_from(range(p.m))
    for i, r in enumerate(p.rankings):
        for k, b in enumerate(r):
            if as_q(P[i][b]) > 0:
                for a in r[:k]:
                    if not g.has_edge(a, b):
                        g.add_edge(a, b, agent=i)
    return g


def _assignment(P: Any, p, caps: Sequence[int], field: str = "P") -> list[list]:
    """Validate a unit-demand random assignment: ``n x m`` exact entries >= 0, rows summing to at
    most 1, columns to at most the supplies, no probability on unacceptable objects."""
    if not isinstance(P, (list, tuple)) or len(P) != p.n:
        raise InputError(field, f"expected {p.n} rows (one per agent)")
    rows = _nonnegative_rows(P, field, p.m, "(one per object)")
    for i, r in enumerate(rows):
        for j, q in enumerate(r):
            if q > 0 and p.rank(i, j) is None:
                raise InputError(f"{field}[{i}][{j}]", f"agent {i} receives the unacceptable "
                                                       f"object {j} with probability {q}")
        if sum(r, Q(0)) > 1:
            raise InputError(f"{field}[{i}]", f"row sums to {sum(r, Q(0))} > 1 (unit demand)")
    for j in range(p.m):
        s = sum((rows[i][j] for i in range(p.n)), Q(0))
        if s > caps[j]:
            raise InputError(f"{field}[*][{j}]", f"column sums to {s} > supply {caps[j]}")
    return rows


def sd_improvement_cycle(P: Sequence[Sequence[Any]], prefs: Any,
                         capacities: Optional[Sequence[int]] = None) -> Optional[dict]:
    """A witness that ``P`` is not sd-efficient, or ``None`` when it is.

    Returns ``{"waste": (i, a, b)}`` when object ``a`` has unassigned supply and agent ``i``
    prefers it to an object ``b`` she receives with positive probability (``b = None``: her
    outside option, when ``a`` is acceptable), else ``{"cycle": [(a, i), ...]}``: a cycle of
    ``tau(P)`` in which agent ``i`` prefers ``a`` to the next object; trading a small probability
    along it improves every agent on it in the sd sense.

    Parameters
    ----------
    P : matrix of exact rationals
        a unit-demand random assignment (see Raises).
    prefs : Profile or rankings
        possibly truncated (the outside option ranks below the listed objects).
    capacities : sequence of int, optional
        supplies (default one unit each).

    Raises
    ------
    InputError
        naming the entry, row or column: a negative entry, a row summing to more than 1, a column
        above its supply, or positive probability on an unacceptable object.

    Notes
    -----
    Bogomolnaia and Moulin (2001) prove that a bistochastic ``P`` is sd-efficient
    (ordinally efficient) iff ``tau(P)`` is acyclic; with supplies and an outside option the
    non-wastefulness condition is added (the outside option has no edge out of it, since ``P``
    gives no unacceptable object). Exact: only signs of fmpq entries are used. Tests compare
    this with the exact LP of :func:`sd_dominating_assignment`.
    """
    p = as_profile(prefs)
    caps = as_capacities(capacities, p.m)
    rows = _assignment(P, p, caps)
    for a in range(p.m):
        used = sum((rows[i][a] for i in range(p.n)), Q(0))
        if used < caps[a]:
            for i, r in enumerate(p.rankings):
                if a not in r:
                    continue
                worse = [b for b in r[r.index(a) + 1:] if rows[i][b] > 0]
                if worse:
                    return {"waste": (i, a, worse[0])}
                if sum(rows[i], Q(0)) < 1:
                    return {"waste": (i, a, None)}
    g = tau_relation(rows, p)
    try:
        cyc = nx.find_cycle(g)
    except nx.NetworkXNoCycle:
        return None
    return {"cycle": [(a, g.edges[a, b]["agent"]) for a, b in cyc]}


def is_sd_efficient(P: Sequence[Sequence[Any]], prefs: Any,
                    capacities: Optional[Sequence[int]] = None) -> bool:
    """No random assignment sd-dominates ``P`` for every agent, strictly for one.

    Decided by the acyclicity of ``tau(P)`` (and non-wastefulness), see
    :func:`sd_improvement_cycle`.
    """
    return sd_improvement_cycle(P, prefs, capacities) is None


def sd_dominating_assignment(P: Sequence[Sequence[Any]], prefs: Any,
                             capacities: Optional[Sequence[int]] = None) -> Optional[tuple]:
    """A random assignment that sd-dominates ``P`` (strictly for some agent), found by an exact
    linear program; ``None`` when ``P`` is sd-efficient.

    A second, independent decision of sd-efficiency (used to cross-check
    :func:`is_sd_efficient`): maximise ``sum_i sum_k (cumulative k-best probability of Q[i])``
    over unit-demand assignments ``Q`` (rows at most 1, columns at most the supplies, nothing on
    unacceptable objects) with every cumulative sum at least that of ``P``. ``P`` is feasible, so
    it is sd-efficient iff the optimum equals its own value. Solved by
    :func:`exact.lp.solve_lp` (certified, exact rationals). Arguments and errors as
    :func:`sd_improvement_cycle`.
    """
    from .lp import solve_lp

    p = as_profile(prefs)
    caps = as_capacities(capacities, p.m)
    rows = _assignment(P, p, caps)
    n, m = p.n, p.m
    keys = [(i, o) for i, r in enumerate(p.rankings) for o in r]
    var = {k: v for v, k in enumerate(keys)}
    A_ub, b_ub = [], []
    for i in range(n):
        A_ub.append([1 if k[0] == i else 0 for k in keys])
        b_ub.append(1)
    for j in range(m):
        A_ub.append([1 if k[1] == j else 0 for k in keys])
        b_ub.append(caps[j])
    c = [0] * len(keys)
    base = Q(0)
    for i, r in enumerate(p.rankings):
        row, pacc = [0] * len(keys), Q(0)
        for k, o in enumerate(r):
            row[var[i, o]] = -1
            pacc += rows[i][o]
            A_ub.append(list(row))
            b_ub.append(-pacc)
            c[var[i, o]] = len(r) - k
            base += pacc
    if not keys:
        return None
    res = solve_lp(c, A_ub, b_ub, maximize=True)
    if res.value == base:
        return None
    return tuple(tuple(res.x[var[i, j]] if (i, j) in var else Q(0) for j in range(m))
                 for i in range(n))


def sd_envy(P: Sequence[Sequence[Any]], prefs: Any) -> Optional[tuple[int, int]]:
    """The first pair ``(i, j)`` such that ``P[i]`` does not sd-dominate ``P[j]`` for agent ``i``
    (``i`` envies ``j`` in the sd sense), or ``None``."""
    p = as_profile(prefs)
    for i, r in enumerate(p.rankings):
        for j in range(p.n):
            if j != i and not sd_dominates(P[i], P[j], r):
                return (i, j)
    return None


def sd_envy_free(P: Sequence[Sequence[Any]], prefs: Any) -> bool:
    """Every agent's row sd-dominates every other row for her ranking (Bogomolnaia-Moulin's
    envy-freeness)."""
    return sd_envy(P, prefs) is None


def sd_weak_envy_free(P: Sequence[Sequence[Any]], prefs: Any) -> bool:
    """No agent's row is strictly sd-dominated, for her ranking, by another agent's row."""
    p = as_profile(prefs)
    return not any(j != i and sd_strictly_dominates(P[j], P[i], r)
                   for i, r in enumerate(p.rankings) for j in range(p.n))


def _nonnegative_rows(P: Sequence, field: str, width: int, what: str = "") -> list[list]:
    """The rows of ``P`` as exact rationals, each of ``width`` entries >= 0 (errors name the cell)."""
    rows = []
    for i, row in enumerate(P):
        if not isinstance(row, (list, tuple)) or len(row) != width:
            raise InputError(f"{field}[{i}]", f"expected {width} entries" + (f" {what}" if what
                                                                               else ""))
        r = []
        for j, v in enumerate(row):
            try:
                q = as_q(v)
            except TypeError:
                raise InputError(f"{field}[{i}][{j}]", f"not an exact rational: {v!r}") from None
            if q < 0:
                raise InputError(f"{field}[{i}][{j}]", f"negative entry {q}")
            r.append(q)
        rows.append(r)
    return rows


def _bistochastic(P: Any, field: str) -> list[list]:
    if not isinstance(P, (list, tuple)) or not P:
        raise InputError(field, "expected a non-empty square matrix")
    n = len(P)
    rows = _nonnegative_rows(P, field, n)
    for i, r in enumerate(rows):
        if sum(r, Q(0)) != 1:
            raise InputError(f"{field}[{i}]", f"row sums to {sum(r, Q(0))}, not 1")
    for j in range(n):
        s = sum((rows[i][j] for i in range(n)), Q(0))
        if s != 1:
            raise InputError(f"{field}[*][{j}]", f"column sums to {s}, not 1")
    return rows


def birkhoff_von_neumann(P: Sequence[Sequence[Any]]) -> list[tuple[Any, tuple[int, ...]]]:
    """Write a bistochastic matrix as a convex combination of permutation matrices, exactly.

    Parameters
    ----------
    P : square matrix of exact rationals, rows and columns summing to 1.

    Returns
    -------
    list of (weight, assignment)
        ``assignment[i]`` is the object of agent ``i``; weights are positive fmpq summing to 1
        and ``sum weight * permutation matrix == P`` (see :func:`compose`).

    Raises
    ------
    InputError
        naming the entry, row or column that is negative or does not sum to 1.

    Notes
    -----
    Repeatedly take a perfect matching of the positive entries (Hopcroft-Karp in networkx; one
    exists by Hall's theorem for a positive multiple of a bistochastic matrix), subtract its
    smallest entry times the permutation matrix. Each step zeroes an entry: at most ``n^2``
    terms.
    """
    rows = _bistochastic(P, "P")
    n = len(rows)
    out = []
    left = Q(1)
    while left > 0:
        g = nx.Graph()  # agents 0..n-1, objects n..2n-1 (int labels: deterministic order)
        g.add_nodes_from(range(2 * n))
        g.add_edges_from((i, n + j) for i in range(n) for j in range(n) if rows[i][j] > 0)
        match = nx.bipartite.hopcroft_karp_matching(g, top_nodes=range(n))
        perm = tuple(match[i] - n for i in range(n))
        w = min(rows[i][perm[i]] for i in range(n))
        for i in range(n):
            rows[i][perm[i]] -= w
        left -= w
        out.append((w, perm))
    return sorted(out, key=lambda t: t[1])


def compose(terms: Sequence[tuple[Any, Sequence[int]]], m: Optional[int] = None) -> tuple:
    """The matrix ``sum weight * permutation matrix`` of a decomposition (exact)."""
    n = len(terms[0][1]) if terms else 0
    m = n if m is None else m
    M = [[Q(0)] * m for _ in range(n)]
    for w, perm in terms:
        for i, j in enumerate(perm):
            M[i][j] += as_q(w)
    return tuple(tuple(r) for r in M)
