"""Float guidance for problem (4): a HiGHS QP/LP solve and constraint generation (floats only).

Nothing here decides anything: it proposes which IC rows matter. The exact optimum and its
certificate come from :mod:`exact.lp` on the rows proposed, and the full IC set is then checked
exactly (:func:`proofs.screening.problem.min_ic_slack`).
"""

from __future__ import annotations

import numpy as np

from .problem import Data, build

__all__ = ["float_solve", "violated_pairs", "generate"]


def float_solve(data: Data):
    """Maximise the objective of ``data`` in floats with HiGHS; the point as a numpy array, or None."""
    import highspy
    n, rows = data.nvars, data.rows
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.array([-float(v) for v in data.c])          # HiGHS minimises
    inf = highspy.kHighsInf
    lp.col_lower_ = np.array([-inf if v is None else float(v) for v in data.lo])
    lp.col_upper_ = np.array([inf if v is None else float(v) for v in data.hi])
    lp.row_lower_ = np.full(len(rows), -inf)
    lp.row_upper_ = np.array([float(b) for b in data.rhs])
    cols = [[] for _ in range(n)]
    for r, (cs, vs) in enumerate(rows):
        for j, v in zip(cs, vs):
            cols[j].append((r, float(v)))
    start, idx, val = [0], [], []
    for col in cols:
        col.sort()
        for r, v in col:
            idx.append(r)
            val.append(v)
        start.append(len(idx))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(start, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(idx, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(val)
    model = highspy.HighsModel()
    model.lp_ = lp
    diag = [-float(v) for v in data.hdiag]
    if any(diag):
        hess = highspy.HighsHessian()
        hess.dim_ = n
        hess.format_ = highspy.HessianFormat.kTriangular
        nz = [j for j in range(n) if diag[j]]
        st, ix, vl, k = [], [], [], 0
        for j in range(n):
            st.append(k)
            if diag[j]:
                ix.append(j)
                vl.append(diag[j])
                k += 1
        st.append(k)
        hess.start_ = np.array(st, dtype=np.int32)
        hess.index_ = np.array(ix, dtype=np.int32)
        hess.value_ = np.array(vl)
        model.hessian_ = hess
        del nz
    h.passModel(model)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.array(h.getSolution().col_value)


def violated_pairs(model, x, tol: float = 1e-9, limit: int = 0) -> list:
    """IC pairs ``(I, K)`` of the full problem whose float slack at ``x`` is below ``-tol``.

    Vectorised over all ``n^4 - n^2`` pairs; ``limit`` keeps the most violated per column ``K``.
    """
    N = model.N
    q, V = x[:N], x[N:]
    alpha = np.array([float(a) for a in model.alpha])
    beta = np.array([float(b) for b in model.beta])
    d = V - beta
    # slack[I, K] = d_I - d_K - (alpha_I - alpha_K) q_K
    S = d[:, None] - d[None, :] - (alpha[:, None] - alpha[None, :]) * q[None, :]
    np.fill_diagonal(S, np.inf)
    bad = np.argwhere(S < -tol)
    if limit and len(bad):
        out = []
        for K in np.unique(bad[:, 1]):
            col = S[:, K]
            order = np.argsort(col)[:limit]
            out.extend((int(I), int(K)) for I in order if col[I] < -tol)
        return out
    return [(int(I), int(K)) for I, K in bad]


def generate(model, start_set: str = "paper+local", tol: float = 1e-9, max_rounds: int = 50,
             per_column: int = 3):
    """Constraint generation in floats: start from ``start_set`` and add the violated full IC
    rows until none is left. Returns ``(pair_list, x_float, rounds)``."""
    from . import constraints
    pair_list = list(constraints.pairs(start_set, model.n))
    have = set(pair_list)
    x = None
    for rnd in range(1, max_rounds + 1):
        x = float_solve(build(model, pair_list=pair_list))
        if x is None:
            return pair_list, None, rnd
        new = [p for p in violated_pairs(model, x, tol, per_column) if p not in have]
        if not new:
            return pair_list, x, rnd
        pair_list.extend(new)
        have.update(new)
    return pair_list, x, max_rounds
