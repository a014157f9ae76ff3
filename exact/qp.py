"""Certified exact convex quadratic programming: a float QP solver guides, exact rationals decide.

Minimise ``x^T H x / 2 + c.x`` (``H`` symmetric positive semidefinite) subject to
``A_ub x <= b_ub``, ``A_eq x = b_eq`` and bounds ``lo <= x <= hi``; with ``maximize=True``
maximise it (``H`` negative semidefinite). Same argument conventions as
:func:`exact.lp.solve_lp`; matrices may be dense lists, lists of sparse rows or scipy.sparse
(see :mod:`exact.sparse`). Import it as ``from exact.lp import solve_qp``.

How
---
1. *float-active-set*: Clarabel (then HiGHS's QP solver, ``highspy``) proposes ``x`` and
   multipliers. The constraints tight there or with a non-zero float multiplier form the
   active set; the KKT system of the QP restricted to it (active bounds fix their variables, active rows are
   equalities, stationarity ``H x + c = A_S^T y_S + z``) is solved exactly (``fmpq_mat.rref``:
   degenerate, singular systems are fine; the unknowns it leaves free are pinned at the
   rationalised float values, multipliers of weakly active rows at 0; above ``SPARSE_FROM``
   free variables by sparse elimination, :func:`exact.sparse.solve_sparse`). The exact KKT
   conditions are then checked.
2. *repair*: when no float active set certifies, an exact primal active-set method starts
   from an exact feasible point near the float ``x`` (the working set: the rows and bounds
   tight there), solves the KKT system on the working set exactly, steps as far as an exact
   ratio test over all rows allows, adds the blocking row or drops the most wrong-signed
   multiplier (at most ``REPAIR_STEPS`` steps).
3. *exact-lemke*: when there is no float guide or the repair gives up: exact LPs
   (:func:`exact.lp.solve_lp`) decide feasibility (a Farkas certificate) and unboundedness (a
   recession direction ``d`` with ``H d = 0``, ``A d <= 0`` and ``c.d < 0``; a convex QP is
   unbounded below iff one exists); otherwise Lemke's complementary pivoting (lexicographic, so
   it cannot cycle) solves the KKT system as a linear complementarity problem in ``fmpq``. This
   dense tableau is refused above ``LEMKE_LIMIT`` KKT rows: :class:`Undecided` is raised (no
   answer; a claim reports it with ``exact.undecided``).

Every returned result has passed the exact conditions of :mod:`exact.lpcert` (``kind``
"qp-optimal", "qp-infeasible", "qp-unbounded"): primal feasibility, dual signs,
complementarity, stationarity and an exact LDL^T check that ``H`` is PSD (NSD for max).

Examples
--------
>>> res = solve_qp([[2, 0], [0, 2]], [-2, -5], A_ub=[[1, 2]], b_ub=[3])
>>> res.status, res.x, res.value
('optimal', [2/5, 13/10], -109/20)
>>> res.duals["ub"]
[-6/5]
"""

from __future__ import annotations

import dataclasses
import functools
from fractions import Fraction
from typing import Any, Optional

from flint import fmpq, fmpq_mat

from . import highs
from .errors import ExactError, InputError, Undecided
from .lpcert import FORMAT_QP, check_data, psd_failure, seal_data
from .numbers import Q, ZERO
from .sparse import col_combo, constraints, dense_row, row_dot, solve_sparse, sparse_rows, vector

__all__ = ["solve_qp", "QPResult", "QP_METHODS", "Undecided"]

QP_METHODS = ("auto", "float-active-set", "exact-lemke")
#: the dense Lemke tableau is refused above this many KKT rows (variables + constraint rows)
LEMKE_LIMIT = 3000
_TOL = 1e-7
#: above this many free variables the active-set KKT system is solved by sparse elimination
#: (:func:`exact.sparse.solve_sparse`) instead of a dense ``fmpq_mat.rref``
SPARSE_FROM = 150


@dataclasses.dataclass(frozen=True)
class QPResult:
    """The exact, certified answer of :func:`solve_qp` (the layout of :class:`exact.lp.LPResult`).

    Attributes
    ----------
    status : {"optimal", "infeasible", "unbounded"}
    x : list of fmpq or None
        an optimal point ("optimal"), a feasible point ("unbounded"), ``None`` ("infeasible").
    value : fmpq or None
        the optimal ``x^T H x / 2 + c.x`` ("optimal").
    duals : dict or None
        ``{"ub", "eq", "lower", "upper"}`` with ``H x + c = A_ub^T y_ub + A_eq^T y_eq + z_lower
        + z_upper``; signs as in :func:`exact.lp.solve_lp` (``y_ub <= 0`` for min).
    ray : list of fmpq or None
        ("unbounded") a direction with ``H d = 0`` along which the objective improves linearly.
    farkas : dict or None
        ("infeasible") the Farkas multipliers of the constraints, as for an LP.
    method : {"float-active-set", "repair", "exact-lemke"}
    data : dict
        the checked exact data the certificate is written from.
    certificate : dict
        JSON-able (format ``exact-qp-certificate/1``, sparse rows), re-verified by
        :func:`exact.lpcert.check_certificate`.
    """

    status: str
    x: Optional[list]
    value: Optional[fmpq]
    duals: Optional[dict]
    ray: Optional[list]
    farkas: Optional[dict]
    method: str
    data: dict = dataclasses.field(repr=False, compare=False)

    @functools.cached_property
    def certificate(self) -> dict:
        """JSON-able, self-contained; :func:`exact.lpcert.check_certificate` re-verifies it."""
        return _certificate(self.data)


# ----------------------------------------------------------------------------- input


def _problem(H, c, A_ub, b_ub, A_eq, b_eq, bounds, maximize) -> dict:
    from .lp import _bounds
    if not isinstance(maximize, bool):
        raise InputError("maximize", f"expected True or False, got {maximize!r}")
    cv = vector(c, "c")
    n = len(cv)
    if n == 0:
        raise InputError("c", "the objective has no variables")
    if H is None:
        Hr = [((), ())] * n
    else:
        Hr = sparse_rows(H, "H", n)
        if len(Hr) != n:
            raise InputError("H", f"has {len(Hr)} rows, expected {n} (the length of c)")
    sgn = -1 if maximize else 1
    why = psd_failure(Hr, n, sgn)
    if why is not None:
        need = "negative semidefinite (maximize=True: a concave objective)" if maximize else \
            "positive semidefinite (a convex objective)"
        raise InputError("H", f"must be symmetric {need}: {why}")
    A1, b1 = constraints(A_ub, b_ub, "A_ub", "b_ub", n)
    A2, b2 = constraints(A_eq, b_eq, "A_eq", "b_eq", n)
    lo, hi = _bounds(bounds, n)
    Hmin = [(idx, tuple(sgn * v for v in val)) for idx, val in Hr]
    return {"n": n, "c": cv, "cmin": [sgn * v for v in cv], "sgn": sgn, "H": Hr, "Hmin": Hmin,
            "A_ub": A1, "b_ub": b1, "A_eq": A2, "b_eq": b2, "lo": lo, "hi": hi,
            "sense": "max" if maximize else "min"}


# ----------------------------------------------------------------------------- certificates


def _json_num(v):
    return v if type(v) is int else int(v.p) if v.q == 1 else str(v)


def _json_rows(rows: list) -> list:
    return [[[j, _json_num(a)] for j, a in zip(idx, val)] for idx, val in rows]


def _json_vec(v: list) -> list:
    return [None if e is None else _json_num(e) for e in v]


def _certificate(D: dict) -> dict:
    """The JSON certificate of checked data ``D`` (the inverse of exact.lpcert's parser)."""
    cert = {"format": FORMAT_QP, "kind": f"qp-{D['status']}", "status": D["status"],
            "sense": D["sense"],
            "problem": {"c": _json_vec(D["c"]), "H": _json_rows(D["H"]),
                        "A_ub": _json_rows(D["A_ub"]), "b_ub": _json_vec(D["b_ub"]),
                        "A_eq": _json_rows(D["A_eq"]), "b_eq": _json_vec(D["b_eq"]),
                        "bounds": [[None if l is None else _json_num(l),
                                    None if h is None else _json_num(h)]
                                   for l, h in zip(D["lo"], D["hi"])]}}
    for key in ("x", "value", "slack", "duals", "farkas", "ray"):
        if key in D:
            v = D[key]
            if isinstance(v, dict):
                cert[key] = {k: _json_vec(w) if isinstance(w, list) else _json_num(w)
                             for k, w in v.items()}
            elif isinstance(v, list):
                cert[key] = _json_vec(v)
            else:
                cert[key] = _json_num(v)
    cert["digest"] = seal_data(D)
    return cert


def _finish(P: dict, method: str, status: str, **data) -> QPResult:
    """Run the trusted checker's exact conditions; raises CertificateError if any fails."""
    D = {"status": status, "sense": P["sense"], "n": P["n"], "m_ub": len(P["b_ub"]),
         "m_eq": len(P["b_eq"]), "c": P["c"], "A_ub": P["A_ub"], "b_ub": P["b_ub"],
         "A_eq": P["A_eq"], "b_eq": P["b_eq"], "H": P["H"], "lo": P["lo"], "hi": P["hi"],
         "sparse": True}
    x = data.get("x")
    value = duals = ray = farkas = None
    if x is not None:
        D["x"] = x
    if x is not None and (len(P["b_ub"]) + len(P["b_eq"])) * P["n"] <= 10 ** 5:
        D["slack"] = {"ub": [b - row_dot(r, x) for r, b in zip(P["A_ub"], P["b_ub"])],
                      "lower": [None if l is None else xj - l for xj, l in zip(x, P["lo"])],
                      "upper": [None if h is None else h - xj for xj, h in zip(x, P["hi"])]}
    if status == "optimal":
        Hx = [row_dot(r, x) for r in P["H"]]
        value = sum((a * b for a, b in zip(x, Hx) if a and b), ZERO) / 2 + \
            sum((a * b for a, b in zip(P["c"], x) if a and b), ZERO)
        duals = data["duals"]
        D["value"], D["duals"] = value, duals
    elif status == "infeasible":
        farkas = data["farkas"]
        D["farkas"] = farkas
    else:
        ray = data["ray"]
        D["ray"] = {"d": ray, "ub": [row_dot(r, ray) for r in P["A_ub"]],
                    "gain": sum((a * b for a, b in zip(P["c"], ray) if a and b), ZERO)}
    check_data(D)
    copy = lambda v: None if v is None else (  # noqa: E731 - the caller may mutate its copy
        {k: list(w) if isinstance(w, list) else w for k, w in v.items()}
        if isinstance(v, dict) else list(v))
    return QPResult(status, copy(x), value, copy(duals), copy(ray), copy(farkas), method, D)


def _optimal(P: dict, method: str, x: list, y_ub: list, y_eq: list) -> Optional[QPResult]:
    """Certify ``x`` with min-convention row multipliers; bound multipliers are the residual
    ``H x + c - A^T y`` (positive part on the lower bound, negative on the upper)."""
    if any(y > 0 for y in y_ub):
        return None
    g = [row_dot(r, x) + cj for r, cj in zip(P["Hmin"], P["cmin"])]
    At_y = col_combo(P["A_eq"], y_eq, P["n"], col_combo(P["A_ub"], y_ub, P["n"]))
    g = [a - b for a, b in zip(g, At_y)]
    zl = [v if v > 0 else ZERO for v in g]
    zu = [v if v < 0 else ZERO for v in g]
    s = P["sgn"]
    duals = {"ub": [s * y for y in y_ub], "eq": [s * y for y in y_eq],
             "lower": [s * z for z in zl], "upper": [s * z for z in zu]}
    try:
        return _finish(P, method, "optimal", x=x, duals=duals)
    except ExactError:
        return None


# ----------------------------------------------------------------------------- exact algebra


def solve_consistent(rows: list, rhs: list, nvars: int, guess) -> Optional[list]:
    """An exact solution of ``rows x = rhs`` (sparse rows over ``nvars`` unknowns, any rank).

    ``fmpq_mat.rref`` of the augmented matrix: ``None`` if inconsistent; otherwise the pivot
    unknowns are solved for and the free ones set to ``guess`` (exact numbers, or a function
    ``j -> number`` called only for the free unknowns). Pivots are taken in column order, so put
    the unknowns you most want determined by the system first.
    """
    if callable(guess):
        guess = _Lazy(guess, nvars)
    if not rows:
        return list(guess)
    m = len(rows)
    M = fmpq_mat(m, nvars + 1)
    for i, ((idx, val), b) in enumerate(zip(rows, rhs)):
        for j, a in zip(idx, val):
            M[i, j] = a
        M[i, nvars] = b
    R, rank = M.rref()
    pivots = []
    for i in range(rank):
        p = next(j for j in range(nvars + 1) if R[i, j] != 0)
        if p == nvars:
            return None                                    # 0 = non-zero: inconsistent
        pivots.append(p)
    pset = set(pivots)
    x = [None if j in pset else guess[j] for j in range(nvars)]
    free = [j for j in range(nvars) if j not in pset and x[j]]
    for i, p in enumerate(pivots):
        v = R[i, nvars]
        for f in free:
            r = R[i, f]
            if r:
                v -= r * guess[f]
        x[p] = v
    return x


class _Lazy:
    """``guess[j]`` computed on first use (rationalising floats costs more than the solve)."""

    def __init__(self, fn, n: int):
        self.fn, self.n, self.memo = fn, n, {}

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, j: int):
        if j not in self.memo:
            self.memo[j] = self.fn(j)
        return self.memo[j]

    def __iter__(self):
        return (self[j] for j in range(self.n))


def _rational(v: float) -> fmpq:
    f = Fraction(v).limit_denominator(10 ** 6)
    return Q(f.numerator, f.denominator)


# ----------------------------------------------------------------------------- float guide

def _highs_qp(P: dict):
    """HiGHS's float answer: ``(x, row_duals)`` at a reported optimum, else ``None``."""
    g = highs.solve(P, hessian=True)
    return None if g is None else (g.x, g.row_dual)


def _clarabel_qp(P: dict):
    """Clarabel's (interior point) float answer ``(x, row_duals)`` in the min convention
    (``H x + c = A^T y + z``), or ``None`` (not installed, a failure, not solved)."""
    try:
        import clarabel
        import numpy as np
        import scipy.sparse as sp
    except ImportError:
        return None
    n, m_ub, m_eq = P["n"], len(P["b_ub"]), len(P["b_eq"])
    try:
        ri, ci, data, rhs = [], [], [], []
        k = 0
        for rows, bs in ((P["A_eq"], P["b_eq"]), (P["A_ub"], P["b_ub"])):
            for (idx, val), b in zip(rows, bs):
                ri.extend([k] * len(idx))
                ci.extend(idx)
                data.extend(float(v) for v in val)
                rhs.append(float(b))
                k += 1
        for j in range(n):
            for bound, sign in ((P["lo"][j], -1.0), (P["hi"][j], 1.0)):
                if bound is not None:
                    ri.append(k)
                    ci.append(j)
                    data.append(sign)
                    rhs.append(sign * float(bound))
                    k += 1
        A = sp.csc_matrix((data, (ri, ci)), shape=(k, n))
        hr, hc, hv = [], [], []
        for i, (idx, val) in enumerate(P["Hmin"]):
            for j, v in zip(idx, val):
                if j >= i:
                    hr.append(i)
                    hc.append(j)
                    hv.append(float(v))
        H = sp.csc_matrix((hv, (hr, hc)), shape=(n, n))
        cones = ([clarabel.ZeroConeT(m_eq)] if m_eq else []) + \
            ([clarabel.NonnegativeConeT(k - m_eq)] if k > m_eq else [])
        settings = clarabel.DefaultSettings()
        settings.verbose = False
        sol = clarabel.DefaultSolver(H, np.array([float(v) for v in P["cmin"]]), A,
                                     np.array(rhs), cones, settings).solve()
        if str(sol.status) != "Solved":
            return None
        x, z = np.array(sol.x, dtype=float), np.array(sol.z, dtype=float)
    except (ValueError, OverflowError, TypeError, RuntimeError, AttributeError):
        return None
    if len(x) != n or not np.all(np.isfinite(x)) or not np.all(np.isfinite(z)):
        return None
    y = np.concatenate([-z[m_eq:m_eq + m_ub], -z[:m_eq]])   # rows in the order A_ub, A_eq
    return x, y


def _guides(P: dict):
    """Float answers to try, best first: Clarabel (fast, interior point), then HiGHS's QP."""
    yield _clarabel_qp
    yield _highs_qp


def _independent(rows: list, col: dict) -> list:
    """Indices of a greedily chosen, numerically independent subset of sparse ``rows``
    restricted to the columns ``col`` (``{j: position}``); floats only guide the choice."""
    import numpy as np
    k = len(col)
    if not k:
        return []
    basis = np.zeros((k, k))
    chosen = []
    for t, (idx, val) in enumerate(rows):
        v = np.zeros(k)
        for j, a in zip(idx, val):
            if j in col:
                v[col[j]] = float(a)
        nv = float(np.linalg.norm(v))
        if nv == 0:
            continue
        B = basis[:, :len(chosen)]
        r = v - B @ (B.T @ v)
        r = r - B @ (B.T @ r)                              # re-orthogonalise once
        nr = float(np.linalg.norm(r))
        if nr > 1e-9 * nv:
            basis[:, len(chosen)] = r / nr
            chosen.append(t)
            if len(chosen) == k:
                break
    return chosen


def _guess_sets(P: dict, xf, yf, tol: float):
    """From a float ``(x, y)``: the bounds ``x`` sits on (``{j: bound}``), the rows with a float
    multiplier above ``tol`` (every equality too), strongest first, and the other rows tight
    within ``tol``. Floats only choose; the exact solve and checks decide."""
    n, m_ub = P["n"], len(P["b_ub"])
    rows = P["A_ub"] + P["A_eq"]
    b = P["b_ub"] + P["b_eq"]
    fixed = {}
    for j in range(n):
        for bound in (P["lo"][j], P["hi"][j]):
            if bound is not None and abs(xf[j] - float(bound)) <= tol * (1 + abs(float(bound))):
                fixed[j] = bound
    strong, tight = [], []
    for i, (r, bi) in enumerate(zip(rows, b)):
        if i >= m_ub or abs(yf[i]) > tol:
            strong.append((-abs(float(yf[i])), i))
        else:
            act = sum(float(a) * xf[j] for j, a in zip(*r))
            if abs(float(bi) - act) <= tol * (1 + abs(float(bi)) + abs(act)):
                tight.append(i)
    strong.sort(key=lambda t: (t[1] < m_ub, t[0]))          # equalities first, then by |y|
    return fixed, [i for _, i in strong], tight


def _active_set(P: dict, xf, yf, tol: float = _TOL):
    """The exact KKT solve on the active set guessed from a float ``(x, y)``; None if it fails.

    Rows with a float multiplier above ``tol`` (and every equality) get an exact multiplier;
    rows and bounds tight within ``tol`` are equalities for ``x`` with multiplier 0.
    """
    fixed, strong, tight = _guess_sets(P, xf, yf, tol)
    return _kkt(P, fixed, strong, tight, xf, yf)[0]


def _kkt(P: dict, fixed: dict, strong: list, tight: list, xf, yf, select: bool = False):
    """The exact KKT solve with the bounds ``fixed`` active, the rows ``strong`` active with a
    multiplier and the rows ``tight`` active with multiplier 0; the unknowns the system leaves
    free take the float values ``xf``/``yf`` (rationalised). Returns ``(result or None, x, y)``
    (``x``, ``y`` exact, ``None`` when the system is inconsistent). ``select``: always choose a
    numerically independent subset of the active rows first (earlier rows preferred), also on
    the sparse path (which otherwise takes every row as it comes)."""
    n, m_ub = P["n"], len(P["b_ub"])
    rows = P["A_ub"] + P["A_eq"]
    b = P["b_ub"] + P["b_eq"]
    free = [j for j in range(n) if j not in fixed]
    col = {j: k for k, j in enumerate(free)}               # unknowns: x_free, then y_S
    # at most len(free) independent active rows matter: pick them (floats only choose; the exact
    # checks below see every row), strong ones first, so the exact system stays small
    cand = list(strong) + list(tight)
    sparse = len(free) > SPARSE_FROM
    # (the sparse elimination takes dependent rows as they come: every candidate goes in)
    keep = range(len(cand)) if sparse and not select else \
        _independent([rows[i] for i in cand], col)
    strong_set = set(strong)
    R = [cand[k] for k in keep]
    S = [i for i in R if i in strong_set]
    tight = [i for i in R if i not in strong_set]
    nf, nv = len(free), len(free) + len(S)
    xfix = [fixed.get(j, ZERO) for j in range(n)]
    eqs, rhs = [], []
    # stationarity of free j: (H x)_j - sum_S a_ij y_i = -c_j   (min convention, y_ub <= 0)
    colsA = [[] for _ in range(n)]
    for k, i in enumerate(S):
        for j, a in zip(*rows[i]):
            colsA[j].append((nf + k, -a))
    for j in free:
        idx, val = P["Hmin"][j]
        e, r = {}, -P["cmin"][j]
        for k, a in zip(idx, val):
            if k in col:
                e[col[k]] = a
            else:
                r -= a * xfix[k]
        for k, a in colsA[j]:
            e[k] = a
        ks = sorted(e)
        eqs.append((tuple(ks), tuple(e[k] for k in ks)))
        rhs.append(r)
    for i in S + tight:                                    # active rows are equalities
        idx, val = rows[i]
        e, r = [], b[i]
        for j, a in zip(idx, val):
            if j in col:
                e.append((col[j], a))
            else:
                r -= a * xfix[j]
        eqs.append((tuple(k for k, _ in e), tuple(a for _, a in e)))
        rhs.append(r)

    def guess(k: int):
        if k < nf:
            return _rational(xf[free[k]])
        i = S[k - nf]
        return _rational(min(yf[i], 0.0) if i < m_ub else yf[i])

    sol = (solve_sparse(eqs, rhs, nv, _Lazy(guess, nv)) if sparse else
           solve_consistent(eqs, rhs, nv, guess))
    if sol is None:
        return None, None, None
    x = list(xfix)
    for j in free:
        x[j] = sol[col[j]]
    y = [ZERO] * len(rows)
    for k, i in enumerate(S):
        y[i] = sol[nf + k]
    res = _optimal(P, "float-active-set", x, y[:m_ub], y[m_ub:])
    return (res if res is not None else _multipliers(P, x, "float-active-set")), x, y


#: the exact active-set repair gives up (the answer is then undecided) after this many steps
REPAIR_STEPS = 400


def _feasible_start(P: dict, xf) -> Optional[list]:
    """An exact feasible point near the float ``xf``: ``xf`` rationalised and clipped to the
    bounds if feasible, else the last feasible point on the segment to it from an exact LP's
    feasible point (``None`` if there is none)."""
    from .lp import solve_lp
    n = P["n"]
    x0 = []
    for j in range(n):
        v, lo, hi = _rational(xf[j]), P["lo"][j], P["hi"][j]
        x0.append(lo if lo is not None and v < lo else hi if hi is not None and v > hi else v)
    if all(row_dot(r, x0) <= b for r, b in zip(P["A_ub"], P["b_ub"])) and \
            all(row_dot(r, x0) == b for r, b in zip(P["A_eq"], P["b_eq"])):
        return x0
    pairs = lambda rows: [list(zip(*r)) for r in rows] or None  # noqa: E731
    feas = solve_lp([ZERO] * n, A_ub=pairs(P["A_ub"]), b_ub=P["b_ub"] or None,
                    A_eq=pairs(P["A_eq"]), b_eq=P["b_eq"] or None,
                    bounds=list(zip(P["lo"], P["hi"])))
    if feas.status != "optimal":
        return None
    xl = feas.x
    if P["A_eq"]:
        return xl
    d = [a - v for a, v in zip(x0, xl)]
    t = Q(1)
    for r, b in zip(P["A_ub"], P["b_ub"]):
        ad = row_dot(r, d)
        if ad > 0:
            t = min(t, (b - row_dot(r, xl)) / ad)
    return [v + t * dj for v, dj in zip(xl, d)]


def _repair(P: dict, xf, yf, steps: Optional[int] = None) -> Optional[QPResult]:
    """Exact primal active-set method warm-started near a float guide that did not certify.

    From an exact feasible point near ``xf`` (:func:`_feasible_start`), with the rows and bounds
    tight there as the working set: solve the KKT system on the working set exactly (the
    minimiser ``x*`` of the objective on its affine set); if ``x* = x``, certify, or drop the row
    (or bound) with the most wrong-signed multiplier; else step towards ``x*`` as far as every
    row and bound allows (an exact ratio test over all rows) and add the blocking one. Every
    point stays exactly feasible and the objective never increases. Each answer is certified as
    on the float path; after ``steps`` steps, or on a singular step, ``None`` (the caller
    reports the QP undecided, never a guess).
    """
    n, m_ub = P["n"], len(P["b_ub"])
    rows = P["A_ub"] + P["A_eq"]
    b = P["b_ub"] + P["b_eq"]
    steps = REPAIR_STEPS if steps is None else steps
    x = _feasible_start(P, xf)
    if x is None:
        return None
    fixed = {j: x[j] for j in range(n) if x[j] in (P["lo"][j], P["hi"][j])}
    W = list(range(m_ub, len(rows))) + [i for i in range(m_ub) if row_dot(rows[i], x) == b[i]]
    for _ in range(steps):
        res, xs, y = _kkt(P, fixed, W, [], [float(v) for v in x], yf, select=True)
        if res is not None:
            return dataclasses.replace(res, method="repair")
        if xs is None:
            return None
        p = [a - v for a, v in zip(xs, x)]
        if not any(p):
            g = [row_dot(r, x) + cj for r, cj in zip(P["Hmin"], P["cmin"])]
            g = [a - v for a, v in zip(g, col_combo(rows, y, n))]
            worst, drop = ZERO, None
            for i in W:
                if i < m_ub and y[i] > worst:
                    worst, drop = y[i], ("row", i)
            for j, v in fixed.items():
                wrong = -g[j] if v == P["lo"][j] else g[j] if v == P["hi"][j] else ZERO
                if P["lo"][j] != P["hi"][j] and wrong > worst:
                    worst, drop = wrong, ("bound", j)
            if drop is None:
                return None
            if drop[0] == "row":
                W.remove(drop[1])
            else:
                del fixed[drop[1]]
            continue
        alpha, block = Q(1), None
        inW = set(W)
        for i in range(m_ub):
            if i not in inW:
                ap = row_dot(rows[i], p)
                if ap > 0:
                    t = (b[i] - row_dot(rows[i], x)) / ap
                    if t < alpha:
                        alpha, block = t, ("row", i)
        for j in range(n):
            if j not in fixed and p[j]:
                bound = P["hi"][j] if p[j] > 0 else P["lo"][j]
                if bound is not None:
                    t = (bound - x[j]) / p[j]
                    if t < alpha:
                        alpha, block = t, ("bound", j)
        x = [v + alpha * d if d else v for v, d in zip(x, p)]
        if block is not None:
            if block[0] == "row":
                W.insert(0, block[1])                      # preferred in the independent subset
            else:
                fixed[block[1]] = x[block[1]]
    return None


def _multipliers(P: dict, x: list, method: str) -> Optional[QPResult]:
    """KKT multipliers for a given exact ``x`` by an exact LP (``None`` if ``x`` is infeasible
    or not optimal): ``y <= 0`` on the rows tight at ``x``, free on equalities, ``z`` on tight
    bounds, with ``A^T y + z = H x + c``. For a convex QP with linear constraints such
    multipliers exist iff ``x`` is optimal, so this settles degenerate (non-unique) duals."""
    from .lp import solve_lp
    n, m_ub = P["n"], len(P["b_ub"])
    if any(row_dot(r, x) > b for r, b in zip(P["A_ub"], P["b_ub"])) or \
            any(row_dot(r, x) != b for r, b in zip(P["A_eq"], P["b_eq"])) or \
            any(l is not None and xj < l for xj, l in zip(x, P["lo"])) or \
            any(h is not None and xj > h for xj, h in zip(x, P["hi"])):
        return None
    tight = [i for i, (r, b) in enumerate(zip(P["A_ub"], P["b_ub"])) if row_dot(r, x) == b]
    cols = [(P["A_ub"][i], (None, ZERO)) for i in tight] + \
        [(r, (None, None)) for r in P["A_eq"]]
    for j in range(n):
        unit = ((j,), (Q(1),))
        if P["lo"][j] is not None and x[j] == P["lo"][j]:
            cols.append((unit, (ZERO, None)))
        if P["hi"][j] is not None and x[j] == P["hi"][j]:
            cols.append((unit, (None, ZERO)))
    g = [row_dot(r, x) + cj for r, cj in zip(P["Hmin"], P["cmin"])]
    if not cols:
        return _optimal(P, method, x, [ZERO] * m_ub, []) if not any(g) else None
    A_eq = [{} for _ in range(n)]
    for k, ((idx, val), _) in enumerate(cols):
        for j, a in zip(idx, val):
            A_eq[j][k] = a
    res = solve_lp([ZERO] * len(cols), A_eq=A_eq, b_eq=g, bounds=[bd for _, bd in cols],
                   method="float-basis" if len(cols) * n > 10 ** 4 else "exact-simplex")
    if res.status != "optimal":
        return None
    y_ub = [ZERO] * m_ub
    for k, i in enumerate(tight):
        y_ub[i] = res.x[k]
    y_eq = res.x[len(tight):len(tight) + len(P["A_eq"])]
    return _optimal(P, method, x, y_ub, y_eq)


# ----------------------------------------------------------------------------- exact fallback


def _dense(rows: list, n: int) -> list:
    return [dense_row(r, n) for r in rows]


def _bounds_list(P: dict) -> list:
    return list(zip(P["lo"], P["hi"]))


def _infeasible_or_unbounded(P: dict) -> Optional[QPResult]:
    """Exact LPs: a Farkas certificate, or a feasible point and an improving ray with H d = 0;
    ``None`` when the QP is feasible and bounded (it then has an optimum: Frank-Wolfe)."""
    from .lp import solve_lp
    n = P["n"]
    A_ub, A_eq = _dense(P["A_ub"], n), _dense(P["A_eq"], n)
    feas = solve_lp([ZERO] * n, A_ub or None, P["b_ub"] or None, A_eq or None,
                    P["b_eq"] or None, _bounds_list(P))
    if feas.status == "infeasible":
        return _finish(P, "exact-lemke", "infeasible", farkas=feas.farkas)
    Hd = _dense(P["Hmin"], n)
    box = [(ZERO if l is not None else Q(-1), ZERO if h is not None else Q(1))
           for l, h in zip(P["lo"], P["hi"])]
    ray = solve_lp(P["cmin"], A_ub or None, [ZERO] * len(A_ub) or None,
                   (A_eq + Hd) or None, [ZERO] * (len(A_eq) + n) or None, box)
    if ray.status == "optimal" and ray.value < 0:
        return _finish(P, "exact-lemke", "unbounded", x=feas.x, ray=ray.x)
    return None


def _lemke(P: dict) -> QPResult:
    """Lemke's method (lexicographic) on the KKT LCP of the QP in the form ``p >= 0``."""
    n = P["n"]
    offset, cols, bound_rows = [], [], []
    for j in range(n):
        l, h = P["lo"][j], P["hi"][j]
        if l is not None:
            offset.append(l)
            cols.append((j, 1))
            if h is not None:
                bound_rows.append((len(cols) - 1, h - l))
        elif h is not None:
            offset.append(h)
            cols.append((j, -1))
        else:
            offset.append(ZERO)
            cols.append((j, 1))
            cols.append((j, -1))
    K = len(cols)
    Hd = _dense(P["Hmin"], n)
    G = [[s * t * Hd[j][k] if Hd[j][k] else ZERO for k, t in cols] for j, s in cols]
    Hoff = [sum((a * o for a, o in zip(r, offset) if a and o), ZERO) for r in Hd]
    g = [s * (Hoff[j] + P["cmin"][j]) for j, s in cols]
    ineq, rhs = [], []                                     # rows a.p <= r in p-space
    for kind, rows, bs in (("ub", P["A_ub"], P["b_ub"]), ("eq", P["A_eq"], P["b_eq"])):
        for r, b in zip(rows, bs):
            d = dict(zip(*r))
            a = [Q(s * d.get(j, ZERO)) for j, s in cols]
            rr = b - row_dot(r, offset)
            ineq.append(a)
            rhs.append(rr)
            if kind == "eq":
                ineq.append([-v for v in a])
                rhs.append(-rr)
    for k, width in bound_rows:
        ineq.append([Q(1) if t == k else ZERO for t in range(K)])
        rhs.append(width)
    R = len(ineq)
    N = K + R
    # M = [[G, A^T], [-A, 0]], q = [g; rhs]; tableau rows: w - M z - e z0 = q
    M = [G[k] + [ineq[r][k] for r in range(R)] for k in range(K)] + \
        [[-v for v in ineq[r]] + [ZERO] * R for r in range(R)]
    q = g + rhs
    # columns: 0..N-1 w, N..2N-1 z, 2N z0, 2N+1 rhs
    T = [[Q(1) if c == i else ZERO for c in range(N)] + [-v for v in M[i]] + [Q(-1), q[i]]
         for i in range(N)]
    basis = list(range(N))
    W, Z0, RHS = N, 2 * N, 2 * N + 1
    if all(v >= 0 for v in q):
        z = [ZERO] * N
    else:
        def leave(e):
            cand = [i for i in range(N) if T[i][e] > 0]
            if not cand:
                return None
            for col in [RHS] + list(range(N)):             # lexicographic minimum ratio
                best = min(T[i][col] / T[i][e] for i in cand)
                cand = [i for i in cand if T[i][col] / T[i][e] == best]
                if len(cand) == 1:
                    break
            return cand[0]

        def pivot(r, e):
            row = T[r]
            inv = 1 / row[e]
            row[:] = [v * inv if v else v for v in row]
            nz = [k for k, v in enumerate(row) if v]
            for i in range(N):
                f = T[i][e]
                if i != r and f:
                    Ti = T[i]
                    for k in nz:
                        Ti[k] -= f * row[k]
            out = basis[r]
            basis[r] = e
            return out

        e = Z0
        r = min(range(N), key=lambda i: (T[i][RHS], i))
        while True:
            out = pivot(r, e)
            if out == Z0:
                break
            e = out + N if out < N else out - N            # the complement enters
            r = leave(e)
            if r is None:
                raise ExactError("Lemke's method ended on a ray for a feasible, bounded convex "
                                 "QP (a bug)")
        z = [ZERO] * N
        for i, bv in enumerate(basis):
            if W <= bv < Z0:
                z[bv - N] = T[i][RHS]
    p, u = z[:K], z[K:]
    x = list(offset)
    for (j, s), v in zip(cols, p):
        if v:
            x[j] += s * v
    m_ub = len(P["b_ub"])
    y_ub = [-u[i] for i in range(m_ub)]
    y_eq = [-(u[m_ub + 2 * i] - u[m_ub + 2 * i + 1]) for i in range(len(P["b_eq"]))]
    res = _optimal(P, "exact-lemke", x, y_ub, y_eq)
    if res is None:
        raise ExactError("Lemke's method: the complementary solution failed its own certificate")
    return res


# ----------------------------------------------------------------------------- API


def solve_qp(H, c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, bounds=None, *,
             maximize: bool = False, method: str = "auto") -> QPResult:
    """Solve a convex quadratic program exactly and certify the answer.

    ``min`` ``x^T H x / 2 + c.x`` (``max`` if ``maximize``, then ``H`` must be negative
    semidefinite) subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq`` and the bounds.

    Parameters
    ----------
    H : matrix of exact numbers, or None
        symmetric ``n x n``; dense rows, sparse rows (lists of ``(index, value)`` pairs or
        dicts), a scipy.sparse matrix (integer or object dtype); ``None`` means zero (an LP).
    c : sequence of exact numbers
        the linear part (its length ``n`` is the number of variables).
    A_ub, b_ub, A_eq, b_eq, bounds :
        as in :func:`exact.lp.solve_lp` (``bounds=None`` means ``x >= 0``); the matrices also
        accept sparse rows and scipy.sparse.
    maximize : bool
        maximise a concave objective instead of minimising a convex one.
    method : {"auto", "float-active-set", "exact-lemke"}
        "auto" and "float-active-set": HiGHS proposes the active set, the exact KKT solve and
        checks decide, with the exact fallback on failure; "exact-lemke" never uses floats.

    Returns
    -------
    QPResult
        whose exact conditions (:func:`exact.lpcert.check_data`) passed before returning.

    Raises
    ------
    InputError
        naming the field for floats, NaN/inf, ragged or mis-sized rows, bad indices, malformed
        bounds, and for an ``H`` that is not symmetric PSD (NSD with ``maximize``).

    Notes
    -----
    The float path costs one HiGHS solve plus an exact rref of the KKT system on the active set
    (size ``n + |active rows|``); the Lemke fallback is a dense ``O(N^2)``-per-pivot tableau
    with ``N = n' + rows``, meant for small problems.
    """
    if method not in QP_METHODS:
        raise InputError("method", f"expected one of {QP_METHODS}, got {method!r}")
    P = _problem(H, c, A_ub, b_ub, A_eq, b_eq, bounds, maximize)
    for j, (l, h) in enumerate(zip(P["lo"], P["hi"])):
        if l is not None and h is not None and l > h:      # crossed bounds: x_j <= h < l <= x_j
            unit = [Q(1) if k == j else ZERO for k in range(P["n"])]
            return _finish(P, "exact-lemke", "infeasible",
                           farkas={"ub": [ZERO] * len(P["b_ub"]), "eq": [ZERO] * len(P["b_eq"]),
                                   "lower": unit, "upper": unit, "bound": h - l})
    guides = []
    if method != "exact-lemke":
        for propose in _guides(P):
            guide = propose(P)
            if guide is None:
                continue
            guides.append(guide)
            for tol in (_TOL, 1e-6, 1e-9):
                res = _active_set(P, *guide, tol)
                if res is not None:
                    return res
        for guide in guides:                               # exact pivots from the float guess
            res = _repair(P, *guide)
            if res is not None:
                return res
    res = _infeasible_or_unbounded(P)
    if res is not None:
        return res
    size = P["n"] + len(P["b_ub"]) + 2 * len(P["b_eq"])
    if size > LEMKE_LIMIT:
        raise Undecided(f"exact QP: neither the float active set nor {REPAIR_STEPS} exact "
                        f"active-set steps from it certified, and the dense Lemke fallback is "
                        f"refused on {size} > {LEMKE_LIMIT} KKT rows: no answer")
    return _lemke(P)
