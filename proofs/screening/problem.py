"""Problem (4) as exact data: variables, IC/IR/(M) rows, objective; ex-post IC checks.

Variables are ``x = (q_0, ..., q_{N-1}, V_0, ..., V_{N-1})`` (``N = n^2``). Every constraint is
written as a sparse row of ``A_ub x <= b_ub`` (the convention of :mod:`exact.lp`):

- IC ``(I, K)``: ``V_I - V_K - (alpha_I - alpha_K) q_K >= beta_I - beta_K`` becomes
  ``-V_I + V_K + (alpha_I - alpha_K) q_K <= beta_K - beta_I``;
- (M) ``q_lo <= q_hi`` becomes ``q_lo - q_hi <= 0``;
- (IR) ``V_I >= 0`` and the instrument's box are variable bounds.

The objective is maximised: ``1/2 x^T H x + c.x + const`` with ``H = diag(-2 curv w_I rho_I)`` on
the ``q`` block (zero on ``V``), ``c = (w rho g, -w rho)`` and ``const = sum w rho e``.

:func:`min_ic_slack` evaluates all ``n^4 - n^2`` IC constraints of the full problem at an exact
point (the ex-post check of the note's Section 1.3: a relaxation's optimum that passes it is
optimal for the full problem).
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Optional, Sequence

from exact.numbers import Q

from . import constraints
from .model import Model

__all__ = ["Data", "build", "ic_row", "min_ic_slack", "ic_slack", "delta_star",
           "split", "monotone_ok"]

ZERO = Q(0)


@dataclasses.dataclass(frozen=True, eq=False)
class Data:
    """Sparse exact data of problem (4) for one model and one IC constraint set.

    ``rows[r] = (cols, coefs)`` and ``rhs[r]``; ``kinds[r]`` is ``("ic", I, K)`` or
    ``("m", lo, hi)``; ``lo``/``hi`` are the variable bounds (None: infinite).
    """

    model: Model
    set_name: str
    rows: list
    rhs: list
    kinds: list
    lo: list
    hi: list
    hdiag: list
    c: list
    const: object

    @property
    def nvars(self) -> int:
        return 2 * self.model.N

    def dense_rows(self) -> list:
        """The rows as dense lists (for the small instances of the claims)."""
        out = []
        for cols, coefs in self.rows:
            r = [ZERO] * self.nvars
            for j, v in zip(cols, coefs):
                r[j] += v
            out.append(r)
        return out

    def dense_hessian(self) -> list:
        n = self.nvars
        return [[self.hdiag[i] if i == j else ZERO for j in range(n)] for i in range(n)]

    def bounds(self) -> list:
        return list(zip(self.lo, self.hi))


def ic_row(model: Model, I: int, K: int) -> tuple:
    """The sparse ``<=`` row and right-hand side of the IC constraint "I is IC with K"."""
    N = model.N
    return ((N + I, N + K, K), (Q(-1), Q(1), model.alpha[I] - model.alpha[K])), \
        model.beta[K] - model.beta[I]


def build(model: Model, set_name: str = "full", *, extra_pairs: Iterable = (),
          monotone: bool = True, pair_list: Optional[Sequence] = None) -> Data:
    """Problem (4) with IC set ``set_name`` (or the explicit ``pair_list``), plus (M) and IR."""
    if pair_list is None:
        pair_list = list(constraints.pairs(set_name, model.n))
    seen = set(pair_list)
    pair_list = list(pair_list) + [p for p in extra_pairs if p not in seen]
    rows, rhs, kinds = [], [], []
    for I, K in pair_list:
        row, b = ic_row(model, I, K)
        rows.append(row)
        rhs.append(b)
        kinds.append(("ic", I, K))
    if monotone:
        for lo, hi in model.monotone_pairs():
            rows.append(((lo, hi), (Q(1), Q(-1))))
            rhs.append(ZERO)
            kinds.append(("m", lo, hi))
    N = model.N
    W = model.weight
    return Data(model, set_name, rows, rhs, kinds,
                [model.q_lo] * N + [ZERO] * N, [model.q_hi] * N + [None] * N,
                [-2 * model.curv * W[I] for I in range(N)] + [ZERO] * N,
                [W[I] * model.g[I] for I in range(N)] + [-W[I] for I in range(N)],
                sum((W[I] * model.e[I] for I in range(N)), ZERO))


def split(model: Model, x: Sequence) -> tuple:
    """``(q, V)`` from the variable vector."""
    N = model.N
    return list(x[:N]), list(x[N:2 * N])


def ic_slack(model: Model, q: Sequence, V: Sequence, I: int, K: int):
    """``V_I - V_K - (v(q_K, theta_I) - v(q_K, theta_K))``; negative means I envies K's bundle."""
    return V[I] - V[K] - model.ic_gain(q[K], I, K)


def min_ic_slack(model: Model, q: Sequence, V: Sequence) -> tuple:
    """The least slack over all ``n^4 - n^2`` IC constraints, exactly, and the first pair attaining it.

    Every ordered pair is evaluated (no shortcut): ``(slack, I, K, rows_checked)``.
    """
    N = model.N
    alpha, beta = model.alpha, model.beta
    d = [V[I] - beta[I] for I in range(N)]           # V_I - beta_I
    best, arg, checked = None, None, 0
    for K in range(N):
        qK = q[K]
        cK = d[K] - alpha[K] * qK
        for I in range(N):
            if I == K:
                continue
            s = d[I] - alpha[I] * qK - cK
            checked += 1
            if best is None or s < best:
                best, arg = s, (I, K)
    return best, arg[0], arg[1], checked


def delta_star(model: Model, q: Sequence, V: Sequence):
    """``delta*`` of Appendix A on the grid: the largest IC violation, ``max(0, -min slack)``."""
    s = min_ic_slack(model, q, V)[0]
    return -s if s < 0 else ZERO


def monotone_ok(model: Model, q: Sequence) -> bool:
    """Whether ``q`` satisfies (M)."""
    return all(q[lo] <= q[hi] for lo, hi in model.monotone_pairs())


def least_rents(model: Model, q: Sequence, pair_list: Iterable) -> Optional[list]:
    """The least ``V >= 0`` with ``V_I - V_K >= v(q_K, theta_I) - v(q_K, theta_K)`` on ``pair_list``.

    Longest paths from a source joined to every type by a 0 arc (Bellman-Ford, exact); ``None``
    when a positive cycle makes ``q`` not implementable on that set (note A6). The optimal rents
    of problem (4) are this least element whenever every weight ``w_I rho_I`` is positive.
    """
    N = model.N
    arcs = [(I, K, model.ic_gain(q[K], I, K)) for I, K in pair_list]
    V = [ZERO] * N
    for _ in range(N + 1):
        changed = False
        for I, K, c in arcs:
            if V[K] + c > V[I]:
                V[I] = V[K] + c
                changed = True
        if not changed:
            return V
    return None
