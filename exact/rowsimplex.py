"""Exact simplex in the row (active-set) form, warm-started at a float basis: the LP repair.

``min c.x`` subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq``, ``lo <= x <= hi`` with many more
rows than columns is walked vertex to vertex: a *working set* ``W`` of ``n`` linearly
independent constraints (rows, bounds, or *pins* ``x_j = v`` where a variable has no active
constraint) defines the vertex ``x`` (``W x = b_W``) and multipliers ``mu`` with
``-c = W^T mu`` (``mu >= 0`` on inequalities, free on equalities, ``0`` on pins at an optimum).
Only the ``n x n`` matrix of ``W`` is ever solved (``fmpq_mat``); every other row is streamed
(a sparse dot product per row) for the feasibility scan and the ratio test. Nothing dense of
size ``rows x columns`` is built.

* primal step (``x`` feasible, some ``mu`` wrong): a constraint with the wrong multiplier leaves,
  ``x`` moves along the edge until the first row blocks (none: an improving ray, unbounded);
* dual step (``mu`` right, ``x`` violates a row): the violated row enters, the leaving constraint
  is chosen by the dual ratio test (none: a Farkas certificate, infeasible);
* neither: the objective is replaced by one for which ``W`` is dual feasible until ``x`` is
  feasible (a dual phase 1), then the true objective returns.

Dantzig's rule while steps make progress; after a degenerate step, smallest-index rules (Bland)
until the objective or the infeasibility moves again. A pivot cap returns ``None`` (the caller
falls back); the results are certified by :mod:`exact.lpcert` through :mod:`exact.lp`.
"""

from __future__ import annotations

import math
from typing import Optional

from flint import fmpq_mat

from .numbers import Q, ZERO
from .sparse import row_dot

__all__ = ["solve", "start_set"]

_ONE = Q(1)


def _normal(P: dict, key: tuple):
    kind, i = key[0], key[1]
    if kind == "ub":
        return P["A_ub"][i], P["b_ub"][i]
    if kind == "eq":
        return P["A_eq"][i], P["b_eq"][i]
    if kind == "lo":
        return ((i,), (-_ONE,)), -P["lo"][i]
    if kind == "hi":
        return ((i,), (_ONE,)), P["hi"][i]
    return ((i,), (_ONE,)), key[2]                         # ("pin", j, value)


def _matrix(P: dict, W: list):
    n = P["n"]
    M = fmpq_mat(n, n)
    for r, key in enumerate(W):
        (idx, val), _ = _normal(P, key)
        for j, a in zip(idx, val):
            M[r, j] = a
    return M


def start_set(P: dict, preferred: list, guess: Optional[list] = None) -> Optional[list]:
    """``n`` independent constraints: equalities first, then ``preferred`` keys in order, then
    pins ``x_j = guess_j`` (exact rank by ``fmpq_mat.rref``); None if the equalities alone are
    dependent (the caller falls back)."""
    n = P["n"]
    cands = [("eq", i) for i in range(len(P["b_eq"]))] + [k for k in preferred if k[0] != "eq"]
    if len(cands) == n:                                     # a valid float basis: n of them
        try:
            _matrix(P, cands).solve(fmpq_mat(n, 1, [Q(0)] * n))
            return cands
        except ZeroDivisionError:
            pass
    pins = [("pin", j, Q(0) if guess is None else guess[j]) for j in range(n)]
    cands += pins
    T = fmpq_mat(n, len(cands))
    for c, key in enumerate(cands):
        (idx, val), _ = _normal(P, key)
        for j, a in zip(idx, val):
            T[j, c] = a
    R, rank = T.rref()
    if rank < n:
        return None
    piv, col = [], 0
    for r in range(rank):
        while R[r, col] == 0:
            col += 1
        piv.append(col)
    if any(p >= len(P["b_eq"]) for p in piv[:len(P["b_eq"])]) and P["b_eq"]:
        return None                                         # dependent equalities
    return [cands[p] for p in piv]


def _int_rows(P: dict) -> list:
    """Each ``<=`` row scaled to integers, cached on ``P``: ``(idx, ints, b, scale)`` with
    ``row = ints / scale`` and ``b_row = b / scale`` (Python ints: the scans stay in integers)."""
    if "_int_ub" not in P:
        out = []
        for (idx, val), b in zip(P["A_ub"], P["b_ub"]):
            scale = math.lcm(int(b.q), *(1 if type(a) is int else int(a.q) for a in val))
            out.append((idx, tuple(a * scale if type(a) is int else
                                   int(a.p) * (scale // int(a.q)) for a in val),
                        int(b.p) * (scale // int(b.q)), scale))
        P["_int_ub"] = out
    return P["_int_ub"]


def _integers(v: list):
    """``v = X / D`` with Python integers ``X`` and ``D > 0``."""
    D = math.lcm(*(int(a.q) for a in v)) if v else 1
    return [int(a.p) * (D // int(a.q)) for a in v], D


def _violations(P: dict, inW: set, x: list):
    """``(key, amount)`` of every inequality outside ``W`` that ``x`` violates."""
    X, D = _integers(x)
    for i, (idx, ints, b, scale) in enumerate(_int_rows(P)):
        s = 0
        for j, a in zip(idx, ints):
            s += a * X[j]
        if s > b * D and ("ub", i) not in inW:
            yield ("ub", i), Q(s - b * D, scale * D)
    for j in range(P["n"]):
        if P["lo"][j] is not None and x[j] < P["lo"][j] and ("lo", j) not in inW:
            yield ("lo", j), P["lo"][j] - x[j]
        if P["hi"][j] is not None and x[j] > P["hi"][j] and ("hi", j) not in inW:
            yield ("hi", j), x[j] - P["hi"][j]


def _ratios(P: dict, inW: set, x: list, d: list):
    """``(t, key)`` for every inequality outside ``W`` with ``a.d > 0``: the step ``t`` to it."""
    X, D = _integers(x)
    Xd, Dd = _integers(d)
    for i, (idx, ints, b, scale) in enumerate(_int_rows(P)):
        ad = 0
        for j, a in zip(idx, ints):
            ad += a * Xd[j]
        if ad > 0 and ("ub", i) not in inW:
            ax = 0
            for j, a in zip(idx, ints):
                ax += a * X[j]
            yield Q((b * D - ax) * Dd, D * ad), ("ub", i)
    for j in range(P["n"]):
        if P["lo"][j] is not None and d[j] < 0 and ("lo", j) not in inW:
            yield (x[j] - P["lo"][j]) / -d[j], ("lo", j)
        if P["hi"][j] is not None and d[j] > 0 and ("hi", j) not in inW:
            yield (P["hi"][j] - x[j]) / d[j], ("hi", j)


def _order(key) -> tuple:
    return ({"ub": 0, "lo": 1, "hi": 2, "eq": 3, "pin": 4}[key[0]], key[1])


def solve(P: dict, W: list, max_pivots: int = 5000):
    """Run the exact row-form simplex from the working set ``W`` (see the module docstring).

    Returns ``("optimal", x, y_ub, y_eq)`` (min-convention row multipliers ``y = -mu``),
    ``("infeasible", u_ub, u_eq)`` (Farkas weights on the rows), ``("unbounded", x, d)``, or
    ``None`` (singular working set, dependent equalities violated, or the pivot cap).
    """
    n, cost, true_cost = P["n"], list(P["cmin"]), True
    W = list(W)
    bland = False
    for _ in range(max_pivots):
        M = _matrix(P, W)
        try:
            x = list(M.solve(fmpq_mat(n, 1, [_normal(P, k)[1] for k in W])).entries())
            mu = list(M.transpose().solve(fmpq_mat(n, 1, [-v for v in cost])).entries())
        except ZeroDivisionError:
            return None
        inW = set(W)
        for i, (row, b) in enumerate(zip(P["A_eq"], P["b_eq"])):
            if ("eq", i) not in inW and row_dot(row, x) != b:
                return None                                 # a dependent equality is violated
        worst, viol = None, ZERO
        for key, v in _violations(P, inW, x):
            if worst is None or (_order(key) < _order(worst) if bland else v > viol):
                worst, viol = key, v
        wrong = [(pos, m) for pos, (key, m) in enumerate(zip(W, mu))
                 if (key[0] in ("ub", "lo", "hi") and m < 0) or (key[0] == "pin" and m != 0)]
        if worst is None and not true_cost:                 # feasible: the true objective back
            cost, true_cost = list(P["cmin"]), True
            continue
        if worst is None:
            if not wrong:
                y_ub, y_eq = [ZERO] * len(P["b_ub"]), [ZERO] * len(P["b_eq"])
                for key, m in zip(W, mu):
                    if key[0] == "ub":
                        y_ub[key[1]] = -m
                    elif key[0] == "eq":
                        y_eq[key[1]] = -m
                return ("optimal", x, y_ub, y_eq)
            pos, m = (min(wrong, key=lambda t: _order(W[t[0]])) if bland else
                      max(wrong, key=lambda t: abs(t[1])))
            s = Q(1) if (W[pos][0] == "pin" and m > 0) else Q(-1)
            rhs = [ZERO] * n
            rhs[pos] = s
            d = list(M.solve(fmpq_mat(n, 1, rhs)).entries())
            best = None
            for t, key in _ratios(P, inW, x, d):
                if best is None or t < best[0] or (t == best[0] and _order(key) < _order(best[1])):
                    best = (t, key)
            if best is None:
                return ("unbounded", x, d)
            W[pos] = best[1]
            bland = best[0] == 0
            continue
        if wrong:                                           # neither: a cost W is dual feasible for
            mu2 = [ZERO if (k[0] == "pin" or (k[0] != "eq" and m < 0)) else m
                   for k, m in zip(W, mu)]
            g = [ZERO] * n
            for key, m in zip(W, mu2):
                if m:
                    (idx, val), _ = _normal(P, key)
                    for j, a in zip(idx, val):
                        g[j] -= a * m
            cost, true_cost = g, False
            continue
        row, b = _normal(P, worst)                          # dual step: the violated row enters
        dense = [ZERO] * n
        for j, a in zip(*row):
            dense[j] = a
        w = list(M.transpose().solve(fmpq_mat(n, 1, dense)).entries())
        best = None
        for pos, (key, wk) in enumerate(zip(W, w)):
            if key[0] == "eq" or not wk:
                continue
            if key[0] == "pin":
                ratio = ZERO
            elif wk > 0:
                ratio = mu[pos] / wk
            else:
                continue
            if best is None or ratio < best[0] or (ratio == best[0] and
                                                   _order(key) < _order(W[best[1]])):
                best = (ratio, pos)
        if best is None:                                    # a_r = W^T w, w <= 0 on inequalities
            u_ub, u_eq = [ZERO] * len(P["b_ub"]), [ZERO] * len(P["b_eq"])
            if worst[0] == "ub":
                u_ub[worst[1]] += 1
            for key, wk in zip(W, w):
                if key[0] == "ub":
                    u_ub[key[1]] -= wk
                elif key[0] == "eq":
                    u_eq[key[1]] -= wk
            return ("infeasible", u_ub, u_eq)               # (bound weights: from A^T u)
        W[best[1]] = worst
        bland = best[0] == 0
    return None
