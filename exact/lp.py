"""Certified exact linear programming: a float solver guides, exact rationals decide.

Solve ``min`` (or ``max``) ``c.x`` subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq`` and bounds
``lo_j <= x_j <= hi_j``. The data are exact rationals; the answer is exact and comes with a
certificate that :func:`exact.lpcert.check_certificate` re-verifies from its JSON alone.

How
---
The data may be dense rows, sparse rows (lists of ``(index, value)`` pairs or dicts) or
scipy.sparse matrices (:mod:`exact.sparse`); they stay sparse throughout.

1. *float-basis*: HiGHS (:mod:`exact.highs`, ``highspy``; interior point + crossover on large
   LPs) proposes an optimal basis. Its nonbasic columns sit at their bounds, its active rows
   solve for the basic columns and ``B^T y = c_B`` gives the multipliers, exactly, on the basis
   only (``fmpq_mat``, at most ``n x n``). Feasibility and optimality are then checked row by
   row (integer arithmetic over the common denominator of ``x``).
2. *repair*: when that basis fails the exact check (degenerate, ill-conditioned or wrong),
   exact simplex pivots start from it (:mod:`exact.rowsimplex`: the row-form simplex, solving
   only the ``n x n`` working set, streaming the other rows); after ``REPAIR_PIVOTS`` pivots
   HiGHS is asked again with tight tolerances and presolve off, and its basis certified or
   repaired. Infeasibility yields a Farkas certificate, unboundedness a ray.
3. *exact-simplex*: the two-phase rational simplex on a dense tableau (Dantzig's rule while the
   objective moves, Bland's through degenerate stretches), warm-started at HiGHS's point when
   it fits; used cold only on small LPs and never above ``COLD_LIMIT`` = 2,000 rows (above
   that the repair runs without a pivot cap instead).

``method="auto"`` runs the exact simplex first on small tableaux (where it is faster than the
float round trip) and the float-basis path first on large ones. Certificates of LPs with more
than ``DENSE_CERTIFICATE`` matrix entries use the sparse format ``exact-lp-certificate/2``.

A float never decides anything: every returned result has passed the trusted exact checker.
sympy's LP routines are never used (they returned wrong optima on LPs from our papers).

Dual conventions
----------------
Multipliers are the marginal values of the objective in the user's sense, with stationarity
``c = A_ub^T y_ub + A_eq^T y_eq + z_lower + z_upper``. For ``maximize=False``: ``y_ub <= 0``,
``z_lower >= 0``, ``z_upper <= 0`` (scipy's ``marginals``); for ``maximize=True`` all signs are
reversed. Farkas multipliers (infeasible) are the weights on the ``<=`` forms of the constraints:
``u_ub >= 0``, ``u_eq`` free, ``w_lower, w_upper >= 0`` (see :mod:`exact.lpcert`).

Examples
--------
>>> res = solve_lp([1, 1], A_ub=[[-1, -2], [-3, -1]], b_ub=[-2, -3])
>>> res.status, res.value, res.x
('optimal', 7/5, [4/5, 3/5])
>>> solve_lp([1], A_eq=[[1]], b_eq=[-1]).status
'infeasible'
>>> lp_value([1, 2], A_ub=[[1, 1]], b_ub=[4], maximize=True)
8
"""

from __future__ import annotations

import dataclasses
import functools
import math
from fractions import Fraction
from typing import Any, Optional

from flint import fmpq, fmpq_mat, fmpz

from .errors import ExactError, InputError
from . import highs, rowsimplex
from .lpcert import FORMAT, FORMAT_SPARSE, check_data, row_slacks, seal_data
from .numbers import Q, ZERO
from .sparse import coef, col_combo, constraints, dense_row, row_dot, solve_sparse, vector

__all__ = ["solve_lp", "lp_value", "LPResult", "NotOptimal", "kkt_solve", "METHODS"]

METHODS = ("auto", "float-basis", "exact-simplex")
_TOL = 1e-7


class NotOptimal(ExactError):
    """The LP has no optimum (it is infeasible or unbounded); ``result`` holds the certificate."""

    def __init__(self, result: "LPResult"):
        self.result = result
        self.status = result.status
        super().__init__(f"the linear program is {result.status}")


@dataclasses.dataclass(frozen=True)
class LPResult:
    """The exact, certified answer of :func:`solve_lp`.

    Attributes
    ----------
    status : {"optimal", "infeasible", "unbounded"}
    x : list of fmpq or None
        an optimal vertex ("optimal"), a feasible point ("unbounded"), ``None`` ("infeasible").
    value : fmpq or None
        the optimal objective ``c.x`` in the user's sense (``None`` unless "optimal").
    duals : dict or None
        ``{"ub": [...], "eq": [...], "lower": [...], "upper": [...]}`` (see module docstring).
    ray : list of fmpq or None
        an improving direction of the feasible set ("unbounded").
    farkas : dict or None
        ``{"ub", "eq", "lower", "upper", "bound"}``: the infeasibility proof ("infeasible").
    method : {"float-basis", "exact-simplex"}
    data : dict
        the checked exact data (fmpq) the certificate is written from.
    certificate : dict
        JSON-able, self-contained, written on first access from ``data``, which already passed
        the exact conditions of :mod:`exact.lpcert`; ``check_certificate`` re-verifies it.
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


_coef, _vector = coef, vector


def _is_seq(v: Any) -> bool:
    return hasattr(v, "__iter__") and not isinstance(v, (str, bytes, dict))


def _bound(v: Any, field: str, side: str):
    if v is None:
        return None
    if isinstance(v, float) and math.isinf(v) and (v < 0) == (side == "lo"):
        return None
    return _coef(v, field)


def _bounds(bounds: Any, n: int):
    if bounds is None:
        return [ZERO] * n, [None] * n
    if not _is_seq(bounds):
        raise InputError("bounds", f"expected None, a pair (lo, hi) or a list of pairs, got "
                                   f"{type(bounds).__name__}")
    bl = list(bounds)
    if len(bl) == 2 and not any(_is_seq(e) for e in bl):
        lo, hi = _bound(bl[0], "bounds[0]", "lo"), _bound(bl[1], "bounds[1]", "hi")
        return [lo] * n, [hi] * n
    if len(bl) != n:
        raise InputError("bounds", f"has {len(bl)} pairs, expected {n} (one per variable)")
    lo, hi = [], []
    for j, pair in enumerate(bl):
        if not _is_seq(pair) or len(list(pair)) != 2:
            raise InputError(f"bounds[{j}]", f"expected a pair (lo, hi), got {pair!r}")
        p = list(pair)
        lo.append(_bound(p[0], f"bounds[{j}][0]", "lo"))
        hi.append(_bound(p[1], f"bounds[{j}][1]", "hi"))
    return lo, hi


def _problem(c, A_ub, b_ub, A_eq, b_eq, bounds, maximize) -> dict:
    if not isinstance(maximize, bool):
        raise InputError("maximize", f"expected True or False, got {maximize!r}")
    cv = _vector(c, "c")
    n = len(cv)
    if n == 0:
        raise InputError("c", "the objective has no variables")
    A1, b1 = constraints(A_ub, b_ub, "A_ub", "b_ub", n)
    A2, b2 = constraints(A_eq, b_eq, "A_eq", "b_eq", n)
    lo, hi = _bounds(bounds, n)
    sgn = -1 if maximize else 1
    return {"n": n, "c": cv, "cmin": [sgn * v for v in cv], "sgn": sgn,
            "A_ub": A1, "b_ub": b1, "A_eq": A2, "b_eq": b2, "lo": lo, "hi": hi,
            "sense": "max" if maximize else "min"}


# ----------------------------------------------------------------------------- exact algebra


def _dot(u, v) -> fmpq:
    s = ZERO
    for a, b in zip(u, v):
        if a and b:
            s += a * b
    return s


def kkt_solve(A_active, b_active, c, H=None):
    """Solve the KKT system of ``min c.x (+ x^T H x / 2)`` on the active set ``A_active x = b``.

    The active constraints are treated as equalities; the result ``(x, y)`` satisfies exactly
    ``A_active x = b_active`` and ``c + H x = A_active^T y``, i.e. ``y_i`` is the multiplier of
    active row ``i`` in the convention of :func:`solve_lp` (``c = A^T y + ...``).

    Parameters
    ----------
    A_active : list of list of fmpq
        ``k`` active rows of length ``n``; without ``H`` (an LP basis) ``k`` must equal ``n``.
    b_active : list of fmpq
        the ``k`` right-hand sides.
    c : list of fmpq
        the linear objective (length ``n``).
    H : list of list of fmpq, optional
        a symmetric ``n x n`` matrix (convex QP); then the block system
        ``[[H, -A^T], [A, 0]] [x; y] = [-c; b]`` is solved.

    Returns
    -------
    (list of fmpq, list of fmpq) or None
        ``None`` when the system is singular (the active rows are not a basis).

    Raises
    ------
    InputError
        naming ``A_active`` when the shapes do not fit.

    Examples
    --------
    >>> kkt_solve([[1, 0], [1, 1]], [1, 3], [2, 1])
    ([1, 2], [1, 1])
    """
    c = _vector(c, "c")
    A_active = [_vector(r, f"A_active[{i}]") for i, r in enumerate(A_active)]
    b_active = _vector(b_active, "b_active")
    n, k = len(c), len(A_active)
    if any(len(r) != n for r in A_active) or len(b_active) != k:
        raise InputError("A_active", f"expected {k} rows of length {n} and {k} right-hand sides")
    if H is None:
        if k != n:
            raise InputError("A_active", f"an LP basis needs {n} rows, got {k}")
        if n == 0:
            return [], []
        B = fmpq_mat(n, n, [v for r in A_active for v in r])
        try:
            x = B.solve(fmpq_mat(n, 1, b_active))
            y = B.transpose().solve(fmpq_mat(n, 1, c))
        except ZeroDivisionError:
            return None
        return list(x.entries()), list(y.entries())
    H = [_vector(r, f"H[{i}]") for i, r in enumerate(H)]
    if len(H) != n or any(len(r) != n for r in H):
        raise InputError("H", f"expected an {n} x {n} matrix")
    size = n + k
    K = [[ZERO] * size for _ in range(size)]
    for i in range(n):
        for j in range(n):
            K[i][j] = H[i][j]
        for a in range(k):
            K[i][n + a] = -A_active[a][i]
    for a in range(k):
        for j in range(n):
            K[n + a][j] = A_active[a][j]
    rhs = [-v for v in c] + b_active
    try:
        sol = fmpq_mat(size, size, [v for r in K for v in r]).solve(fmpq_mat(size, 1, rhs))
    except ZeroDivisionError:
        return None
    e = list(sol.entries())
    return e[:n], e[n:]


# ----------------------------------------------------------------------------- certificates


def _split_bounds(P: dict, g: list):
    """z_lower, z_upper with z_lower + z_upper = g: the positive part on the lower bound, the
    negative part on the upper bound (min convention); ``None`` if a needed bound is infinite."""
    zl, zu = [], []
    for j, v in enumerate(g):
        zl.append(v if v > 0 else ZERO)
        zu.append(v if v < 0 else ZERO)
        if (v > 0 and P["lo"][j] is None) or (v < 0 and P["hi"][j] is None):
            return None
    return zl, zu


def _col_combo(P: dict, y_ub: list, y_eq: list) -> list:
    n = P["n"]
    return col_combo(P["A_eq"], y_eq, n, col_combo(P["A_ub"], y_ub, n))


def _slacks(P: dict, x: list) -> dict:
    return {"ub": [b - row_dot(r, x) for r, b in zip(P["A_ub"], P["b_ub"])],
            "lower": [None if l is None else xj - l for xj, l in zip(x, P["lo"])],
            "upper": [None if h is None else h - xj for xj, h in zip(x, P["hi"])]}


def _json(obj: Any) -> Any:
    """Certificate data to JSON: fmpq -> int or ``"p/q"``; dicts and lists recursively."""
    t = type(obj)
    if t is fmpq:
        return int(obj.p) if obj.q == 1 else str(obj)
    if t is list:
        if all(type(v) is fmpq for v in obj):
            return [int(v.p) if v.q == 1 else str(v) for v in obj]
        return [_json(v) for v in obj]
    if t is dict:
        return {k: _json(v) for k, v in obj.items()}
    return obj


def _finish(P: dict, method: str, status: str, **data) -> LPResult:
    """Run the trusted checker's exact conditions on the result; raises CertificateError if any
    fails. The JSON certificate is written from the very same checked numbers, on first access."""
    D = {"status": status, "sense": P["sense"], "n": P["n"], "m_ub": len(P["b_ub"]),
         "m_eq": len(P["b_eq"]), "c": P["c"], "A_ub": P["A_ub"], "b_ub": P["b_ub"],
         "A_eq": P["A_eq"], "b_eq": P["b_eq"], "lo": P["lo"], "hi": P["hi"], "sparse": True}
    x = data.get("x")
    value = duals = ray = farkas = None
    if x is not None:
        D["x"] = x
        if _dense_certificate(P):                          # the sparse format omits slacks
            D["slack"] = data.get("slack") or _slacks(P, x)
    if status == "optimal":
        value = _dot(P["c"], x)
        duals = data["duals"]
        D["value"], D["duals"] = value, duals
    elif status == "infeasible":
        farkas = data["farkas"]
        D["farkas"] = farkas
    else:
        ray = data["ray"]
        D["ray"] = {"d": ray, "ub": [row_dot(r, ray) for r in P["A_ub"]],
                    "gain": _dot(P["c"], ray)}
    check_data(D)
    copy = lambda v: None if v is None else (  # noqa: E731 - the caller may mutate its copy
        {k: list(w) if isinstance(w, list) else w for k, w in v.items()}
        if isinstance(v, dict) else list(v))
    return LPResult(status, copy(x), value, copy(duals), copy(ray), copy(farkas), method, D)


#: certificates of LPs with at most this many matrix entries (rows x columns) are written in the
#: dense format ``exact-lp-certificate/1``; larger ones in the sparse ``exact-lp-certificate/2``
DENSE_CERTIFICATE = 100_000


_ONE_Q = Q(1).q


def _sparse_json(rows: list) -> list:
    return [[[j, a if type(a) is int else int(a.p) if a.q == _ONE_Q else str(a)]
             for j, a in zip(idx, val)] for idx, val in rows]


def _dense_certificate(P: dict) -> bool:
    return (len(P["b_ub"]) + len(P["b_eq"])) * P["n"] <= DENSE_CERTIFICATE


def _certificate(D: dict) -> dict:
    """The JSON certificate of checked data ``D`` (the inverse of exact.lpcert's parser): dense
    rows for small LPs, sparse rows ``[[index, value], ...]`` above ``DENSE_CERTIFICATE``."""
    n, m = D["n"], D["m_ub"] + D["m_eq"]
    dense = m * n <= DENSE_CERTIFICATE
    if dense:
        D = {k: v for k, v in D.items() if k != "sparse"}
        D["A_ub"] = [dense_row(r, n) for r in D["A_ub"]]
        D["A_eq"] = [dense_row(r, n) for r in D["A_eq"]]
    cert = {"format": FORMAT if dense else FORMAT_SPARSE, "kind": f"lp-{D['status']}",
            "status": D["status"], "sense": D["sense"],
            "problem": {"c": D["c"], "A_ub": D["A_ub"] if dense else [], "b_ub": D["b_ub"],
                        "A_eq": D["A_eq"] if dense else [], "b_eq": D["b_eq"],
                        "bounds": [[l, h] for l, h in zip(D["lo"], D["hi"])]}}
    for key in ("x", "slack", "value", "duals", "farkas", "ray"):
        if key in D:
            cert[key] = D[key]
    cert = _json(cert)
    if not dense:                                          # already JSON: not walked again
        cert["problem"]["A_ub"] = _sparse_json(D["A_ub"])
        cert["problem"]["A_eq"] = _sparse_json(D["A_eq"])
    cert["digest"] = seal_data(D)
    return cert


def _optimal(P: dict, method: str, x: list, y_ub: list, y_eq: list) -> Optional[LPResult]:
    """Certify ``x`` with min-convention row multipliers; ``None`` if they do not certify."""
    if any(y > 0 for y in y_ub):
        return None
    dense = _dense_certificate(P)
    slack = row_slacks(P["A_ub"], P["b_ub"], x, dense)     # sign-equivalent when not dense
    if any(v < 0 for v in slack):
        return None
    g = [cj - v for cj, v in zip(P["cmin"], _col_combo(P, y_ub, y_eq))]
    split = _split_bounds(P, g)
    if split is None:
        return None
    s = P["sgn"]
    duals = {"ub": [s * y for y in y_ub], "eq": [s * y for y in y_eq],
             "lower": [s * z for z in split[0]], "upper": [s * z for z in split[1]]}
    sl = {"ub": slack,
          "lower": [None if l is None else xj - l for xj, l in zip(x, P["lo"])],
          "upper": [None if h is None else h - xj for xj, h in zip(x, P["hi"])]}
    try:
        return _finish(P, method, "optimal", x=x, duals=duals, slack=sl if dense else None)
    except ExactError:
        return None


def _infeasible(P: dict, method: str, u_ub: list, u_eq: list) -> LPResult:
    """Farkas certificate from row weights ``u_ub >= 0``, ``u_eq`` (bound weights derived)."""
    k = _col_combo(P, u_ub, u_eq)
    w_lo = [v if v > 0 else ZERO for v in k]
    w_hi = [-v if v < 0 else ZERO for v in k]
    bound = (_dot(P["b_ub"], u_ub) + _dot(P["b_eq"], u_eq)
             - sum((l * w for l, w in zip(P["lo"], w_lo) if w), ZERO)
             + sum((h * w for h, w in zip(P["hi"], w_hi) if w), ZERO))
    farkas = {"ub": u_ub, "eq": u_eq, "lower": w_lo, "upper": w_hi, "bound": bound}
    return _finish(P, method, "infeasible", farkas=farkas)


def _crossed_bounds(P: dict) -> Optional[LPResult]:
    for j, (l, h) in enumerate(zip(P["lo"], P["hi"])):
        if l is not None and h is not None and l > h:
            n = P["n"]
            unit = [Q(1) if i == j else ZERO for i in range(n)]
            farkas = {"ub": [ZERO] * len(P["b_ub"]), "eq": [ZERO] * len(P["b_eq"]),
                      "lower": unit, "upper": unit, "bound": h - l}
            return _finish(P, "exact-simplex", "infeasible", farkas=farkas)
    return None


# ----------------------------------------------------------------------------- float guide


def _certify_basis(P: dict, guide) -> Optional[LPResult]:
    """Solve HiGHS's basis exactly: nonbasic columns sit at their bounds (free ones at 0), the
    nonbasic (active) rows and every equality hold with equality and solve for the basic columns
    (``fmpq_mat`` on the basis only); the row multipliers solve ``B^T y = c_B``. ``None`` when
    there is no basis, it is singular, or the result does not certify."""
    if guide is None or guide.col_status is None or guide.status != "optimal":
        return None
    n, m_ub = P["n"], len(P["b_ub"])
    x = [ZERO] * n
    basic = []
    for j, st in enumerate(guide.col_status):
        if st == "basic":
            basic.append(j)
        elif st == "lower" and P["lo"][j] is not None:
            x[j] = P["lo"][j]
        elif st == "upper" and P["hi"][j] is not None:
            x[j] = P["hi"][j]
        elif st not in ("zero", "lower", "upper") or (st == "lower" and P["lo"][j] is None
                                                      and P["hi"][j] is not None):
            return None
    rows = [("ub", i) for i in range(m_ub) if guide.row_status[i] != "basic"] + \
        [("eq", i) for i in range(len(P["b_eq"])) if guide.row_status[m_ub + i] != "basic"]
    if len(rows) != len(basic):
        return None
    y_ub, y_eq = [ZERO] * m_ub, [ZERO] * len(P["b_eq"])
    if len(basic) > SPARSE_BASIS:
        xs_ys = _sparse_basis(P, x, basic, rows)
        if xs_ys is None:
            return None
        xs, ys = xs_ys
        for j, v in zip(basic, xs):
            x[j] = v
        for (kind, i), y in zip(rows, ys):
            (y_ub if kind == "ub" else y_eq)[i] = y
    elif basic:
        k, pos = len(basic), {j: t for t, j in enumerate(basic)}
        B, rhs = fmpq_mat(k, k), []
        for r, (kind, i) in enumerate(rows):
            row, b = (P["A_ub"][i], P["b_ub"][i]) if kind == "ub" else (P["A_eq"][i], P["b_eq"][i])
            for j, a in zip(*row):
                if j in pos:
                    B[r, pos[j]] = a
                else:
                    b -= a * x[j]
            rhs.append(b)
        try:
            xs = B.solve(fmpq_mat(k, 1, rhs)).entries()
            ys = B.transpose().solve(fmpq_mat(k, 1, [P["cmin"][j] for j in basic])).entries()
        except ZeroDivisionError:
            return None
        for j, v in zip(basic, xs):
            x[j] = v
        for (kind, i), y in zip(rows, ys):
            (y_ub if kind == "ub" else y_eq)[i] = y
    return _optimal(P, "float-basis", x, y_ub, y_eq)


#: bases with more columns than this are solved by sparse elimination, not a dense fmpq_mat
SPARSE_BASIS = 300


def _sparse_basis(P: dict, x: list, basic: list, rows: list):
    """``B x_B = b - N x_N`` and ``B^T y = c_B`` by sparse exact elimination
    (:func:`exact.sparse.solve_sparse`; no dense ``k x k`` matrix). ``None`` if inconsistent;
    a singular ``B`` gives some solution, which the exact checks then judge like any other."""
    pos = {j: t for t, j in enumerate(basic)}
    k = len(basic)
    B, rhs, cols = [], [], [[] for _ in range(k)]
    for r, (kind, i) in enumerate(rows):
        row, b = (P["A_ub"][i], P["b_ub"][i]) if kind == "ub" else (P["A_eq"][i], P["b_eq"][i])
        idx, val = [], []
        for j, a in zip(*row):
            if j in pos:
                idx.append(pos[j])
                val.append(a)
                cols[pos[j]].append((r, a))
            elif x[j]:
                b -= a * x[j]
        B.append((tuple(idx), tuple(val)))
        rhs.append(b)
    xs = solve_sparse(B, rhs, k, [ZERO] * k)
    if xs is None:
        return None
    Bt = [(tuple(r for r, _ in c), tuple(a for _, a in c)) for c in cols]
    ys = solve_sparse(Bt, [P["cmin"][j] for j in basic], k, [ZERO] * k)
    return None if ys is None else (xs, ys)


def _preferred(P: dict, guide) -> list:
    """The constraints HiGHS's basis makes active, as keys of :mod:`exact.rowsimplex`."""
    keys = []
    if guide is not None and guide.col_status is not None:
        keys += [("ub", i) for i in range(len(P["b_ub"])) if guide.row_status[i] != "basic"]
        for j, st in enumerate(guide.col_status):
            if st == "lower" and P["lo"][j] is not None:
                keys.append(("lo", j))
            elif st == "upper" and P["hi"][j] is not None:
                keys.append(("hi", j))
            elif st == "zero":
                keys.append(("pin", j, ZERO))              # a free nonbasic variable at 0
    return keys


#: exact pivots tried from a float basis before HiGHS is asked again with tight tolerances
REPAIR_PIVOTS = 50


def _repair(P: dict, guide, max_pivots: int = 100_000) -> Optional[LPResult]:
    """Exact pivots (:mod:`exact.rowsimplex`) warm-started at HiGHS's basis."""
    guess = None
    if guide is not None and guide.status == "optimal":
        guess = []
        for v in guide.x:
            f = Fraction(float(v)).limit_denominator(10 ** 6)
            guess.append(Q(f.numerator, f.denominator))
    W = rowsimplex.start_set(P, _preferred(P, guide), guess)
    if W is None:
        return None
    out = rowsimplex.solve(P, W, max_pivots)
    if out is None:
        return None
    if out[0] == "optimal":
        return _optimal(P, "repair", out[1], out[2], out[3])
    try:
        if out[0] == "infeasible":
            return _infeasible(P, "repair", out[1], out[2])
        return _finish(P, "repair", "unbounded", x=out[1], ray=out[2])
    except ExactError:
        return None


def _float_path(P: dict):
    """HiGHS's basis certified exactly; else a few exact pivots from it (:func:`_repair`); else
    HiGHS again with tight tolerances and presolve off, its basis certified or repaired.
    Returns ``(result or None, the last guide or None)``."""
    guide = highs.solve(P)
    if guide is None or guide.col_status is None:          # presolve decided: no basis
        guide = highs.solve(P, tight=True) or guide
    res = _certify_basis(P, guide) or _repair(P, guide, REPAIR_PIVOTS)
    if res is None and guide is not None:
        again = highs.solve(P, tight=True)
        res = _certify_basis(P, again) or _repair(P, again, REPAIR_PIVOTS)
        guide = again or guide
    return res, guide


# ----------------------------------------------------------------------------- exact simplex


def _standard_form(P: dict):
    """``min cost.p, A p = b, p >= 0`` equivalent to P, with the map ``x = offset + T p``."""
    n = P["n"]
    offset, cols = [], []                                  # cols: list of (j, +-1)
    bound_rows = []
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
    ns, m_ub, m_eq, nb = len(cols), len(P["b_ub"]), len(P["b_eq"]), len(bound_rows)
    N = ns + m_ub + nb
    A, b = [], []
    for rows, rhs, slack in ((P["A_ub"], P["b_ub"], True), (P["A_eq"], P["b_eq"], False)):
        for i, (srow, bi) in enumerate(zip(rows, rhs)):
            row = dense_row(srow, n)
            r = [row[j] * s if row[j] else ZERO for j, s in cols] + [ZERO] * (N - ns)
            if slack:
                r[ns + i] = Q(1)
            A.append(r)
            b.append(bi - _dot(row, offset))
    for k, (col, width) in enumerate(bound_rows):
        r = [ZERO] * N
        r[col] = Q(1)
        r[ns + m_ub + k] = Q(1)
        A.append(r)
        b.append(width)
    cost = [P["cmin"][j] * s for j, s in cols] + [ZERO] * (N - ns)
    slack_of_row = ([ns + i for i in range(m_ub)] + [None] * m_eq
                    + [ns + m_ub + k for k in range(nb)])
    return A, b, cost, offset, cols, slack_of_row, bound_rows


def _pivot(T: list, obj: list, r: int, e: int) -> None:
    row = T[r]
    inv = 1 / row[e]
    row[:] = [v * inv if v else v for v in row]
    nz = [k for k, v in enumerate(row) if v]
    for other in (*T[:r], *T[r + 1:], obj):
        f = other[e]
        if f:
            for k in nz:
                other[k] -= f * row[k]


def _run(T: list, obj: list, basis: list, allowed: int):
    """Pivot to optimality; returns None (optimal) or the entering column of an unbounded ray.

    Dantzig's rule (most negative reduced cost) while pivots make progress; after a degenerate
    pivot, Bland's rule (smallest index enters and leaves) until the objective moves again.
    Termination: a strict decrease never returns to a basis, and a stretch of degenerate pivots
    is a run of Bland's rule, which cannot cycle (Bland 1977).
    """
    bland = False
    while True:
        if bland:
            e = next((j for j in range(allowed) if obj[j] < 0), None)
        else:
            e, low = None, ZERO
            for j in range(allowed):
                if obj[j] < low:
                    e, low = j, obj[j]
        if e is None:
            return None
        best = None
        for i, row in enumerate(T):
            if row[e] > 0:
                ratio = row[-1] / row[e]
                if best is None or ratio < best[0] or (ratio == best[0] and basis[i] < best[1]):
                    best = (ratio, basis[i], i)
        if best is None:
            return e
        bland = best[0] == 0
        _pivot(T, obj, best[2], e)
        basis[best[2]] = e


def _warm_tableau(T: list, start: list):
    """``B^{-1} T`` for the basis columns ``start``; None if singular or not primal feasible."""
    m, width = len(T), len(T[0])
    B = fmpq_mat(m, m, [T[i][k] for i in range(m) for k in start])
    try:
        W = B.solve(fmpq_mat(m, width, [v for row in T for v in row])).tolist()
    except ZeroDivisionError:
        return None
    if any(row[-1] < 0 for row in W):
        return None
    return W


def _simplex(A: list, b: list, cost: list, slack_of_row: Optional[list] = None,
             start: Optional[list] = None):
    """Two-phase exact simplex on ``min cost.p, A p = b, p >= 0`` (Dantzig/Bland, fmpq).

    ``slack_of_row[i]`` names a column equal to the unit vector ``e_i`` (a slack), used as the
    starting basic variable of row ``i`` when ``b_i >= 0``; other rows start on an artificial.
    ``start`` (optional) is a guessed basis (``m`` column indices); when it is non-singular and
    primal feasible, phase 1 is skipped and phase 2 starts there (a warm start).
    Artificial columns are kept throughout: they hold ``B^{-1}``, from which the multipliers are
    read. Returns ``("optimal", p, y)``, ``("infeasible", y)`` with ``y^T A <= 0 < y^T b``, or
    ``("unbounded", p, dp)``; ``y`` are multipliers of the rows of ``A``.
    """
    m, N = len(A), len(cost)
    slack_of_row = slack_of_row or [None] * m
    sign = [1 if bi >= 0 else -1 for bi in b]
    T = [[v * sign[i] if v else v for v in A[i]] + [Q(1) if k == i else ZERO for k in range(m)]
         + [b[i] * sign[i]] for i in range(m)]
    basis = [slack_of_row[i] if sign[i] > 0 and slack_of_row[i] is not None else N + i
             for i in range(m)]
    W = _warm_tableau(T, start) if start is not None and len(start) == m and m else None
    if W is not None:
        T, basis = W, list(start)
    art_rows = [i for i in range(m) if basis[i] >= N]
    obj = [ZERO] * N + [Q(1)] * m + [ZERO]                 # phase 1: cost 1 on artificials
    for i in art_rows:
        obj = [o - t if t else o for o, t in zip(obj, T[i])]
    _run(T, obj, basis, N)                                 # phase 1 is bounded below by 0
    if obj[-1] != 0:                                       # phase-1 optimum -obj[-1] > 0
        return ("infeasible", [sign[k] * (1 - obj[N + k]) for k in range(m)])
    for r in range(m):                                     # drive artificials out (degenerate)
        if basis[r] >= N:
            e = next((j for j in range(N) if T[r][j] != 0), None)
            if e is not None:
                _pivot(T, obj, r, e)
                basis[r] = e
    obj = list(cost) + [ZERO] * m + [ZERO]
    for i, bi in enumerate(basis):
        cb = cost[bi] if bi < N else ZERO
        if cb:
            obj = [o - cb * t if t else o for o, t in zip(obj, T[i])]
    e = _run(T, obj, basis, N)
    p = [ZERO] * N
    for i, bi in enumerate(basis):
        if bi < N:
            p[bi] = T[i][-1]
    if e is not None:
        dp = [ZERO] * N
        dp[e] = Q(1)
        for i, bi in enumerate(basis):
            if bi < N:
                dp[bi] = -T[i][e]
        return ("unbounded", p, dp)
    return ("optimal", p, [-sign[k] * obj[N + k] for k in range(m)])


def _start_basis(A: list, offset: list, cols: list, bound_rows: list, P: dict, guess: list):
    """A basis of the standard form guessed from a float point: its positive columns, completed
    by slacks and then other columns to ``m`` independent ones (exact rank); None if no fit."""
    m, N, ns = len(A), len(A[0]), len(cols)
    value = []                                             # the guess in standard-form columns
    for (j, s) in cols:
        if P["lo"][j] is not None:
            value.append(guess[j] - float(P["lo"][j]))
        elif P["hi"][j] is not None:
            value.append(float(P["hi"][j]) - guess[j])
        else:
            value.append(max(s * guess[j], 0.0))
    for row, bi in zip(P["A_ub"], P["b_ub"]):
        value.append(float(bi) - sum(float(a) * guess[j] for j, a in zip(*row)))
    for col, width in bound_rows:
        value.append(float(width) - value[col])
    positive = [k for k in range(N) if value[k] > _TOL * (1 + abs(value[k]))]
    if len(positive) > m:
        return None
    order = positive + [k for k in range(ns, N) if k not in positive] + \
        [k for k in range(ns) if k not in positive]
    M = fmpq_mat(m, len(order), [A[i][k] for i in range(m) for k in order])
    R, rank = M.rref()
    if rank < m:
        return None
    rows = R.tolist()
    piv = [next(k for k, v in enumerate(rows[i]) if v != 0) for i in range(m)]
    if piv[:len(positive)] != list(range(len(positive))):
        return None
    return [order[k] for k in piv]


def _exact_simplex(P: dict, guess: Optional[list] = None) -> LPResult:
    A, b, cost, offset, cols, slack_of_row, bound_rows = _standard_form(P)
    start = None
    if guess is not None and A:
        try:
            start = _start_basis(A, offset, cols, bound_rows, P, guess)
        except (OverflowError, ValueError):                 # floats only guide: ignore the guess
            start = None
    out = _simplex(A, b, cost, slack_of_row, start)
    m_ub, m_eq = len(P["b_ub"]), len(P["b_eq"])

    def to_x(p, base):
        x = list(base)
        for (j, s), v in zip(cols, p):
            if v:
                x[j] += s * v
        return x

    if out[0] == "infeasible":
        y = out[1]
        return _infeasible(P, "exact-simplex", [-v for v in y[:m_ub]],
                           [-v for v in y[m_ub:m_ub + m_eq]])
    x = to_x(out[1], offset)
    if out[0] == "unbounded":
        ray = to_x(out[2], [ZERO] * P["n"])
        return _finish(P, "exact-simplex", "unbounded", x=x, ray=ray)
    y = out[2]
    res = _optimal(P, "exact-simplex", x, y[:m_ub], y[m_ub:m_ub + m_eq])
    if res is None:                                        # a bug, never a user error
        raise ExactError("exact simplex: the optimal basis failed its own certificate")
    return res


# ----------------------------------------------------------------------------- API


#: tableau size (rows x columns of the standard form) above which "auto" asks HiGHS first;
#: measured crossover on dense random LPs (benchmarks/bench_lp.py): the exact simplex wins below
_FLOAT_FIRST = 1500


#: the dense exact simplex is never started cold on more rows than this
COLD_LIMIT = 2000


def _large(P: dict) -> bool:
    n, m_ub, m_eq = P["n"], len(P["b_ub"]), len(P["b_eq"])
    nb = sum(1 for l, h in zip(P["lo"], P["hi"]) if l is not None and h is not None)
    free = sum(1 for l, h in zip(P["lo"], P["hi"]) if l is None and h is None)
    rows = m_ub + m_eq + nb
    return rows * (n + free + m_ub + nb + rows) > _FLOAT_FIRST


def solve_lp(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, bounds=None, *,
             maximize: bool = False, method: str = "auto") -> LPResult:
    """Solve a linear program exactly and certify the answer.

    ``min`` (``max`` if ``maximize``) ``c.x`` subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq``
    and the bounds, with scipy's conventions for the arguments.

    Parameters
    ----------
    c : sequence of exact numbers
        int, ``fractions.Fraction``, ``fmpq``, sympy ``Rational`` or a string ``"3/4"``;
        floats are refused.
    A_ub, b_ub, A_eq, b_eq : optional
        constraint matrices and right-hand sides: lists of dense rows of length ``len(c)``,
        lists of sparse rows (``(index, value)`` pairs or ``{index: value}`` dicts), numpy
        integer arrays or scipy.sparse matrices of an integer dtype.
    bounds : None, a pair, or a list of pairs, optional
        ``None`` (default) means ``x >= 0``; ``(lo, hi)`` applies to every variable; a list
        gives one pair per variable; ``None`` in a pair means an infinite bound.
    maximize : bool, optional
        maximise instead of minimise (default False).
    method : {"auto", "float-basis", "exact-simplex"}, optional
        "float-basis" asks HiGHS first and certifies its basis, repairing it by exact pivots
        when it fails (``res.method == "repair"``), with the dense exact simplex as the last
        resort on at most 2,000 rows; "exact-simplex" never uses floats; "auto"
        (default) is "exact-simplex" on small tableaux (at most ``_FLOAT_FIRST`` = 1500 entries,
        where it is faster) and "float-basis" on larger ones. ``res.method`` says which
        path produced the answer.

    Returns
    -------
    LPResult
        status, exact ``x``, ``value``, ``duals`` / ``farkas`` / ``ray`` and a certificate whose
        exact conditions (:func:`exact.lpcert.check_data`) passed before returning.

    Raises
    ------
    InputError
        naming the argument (and row and entry) for a float, NaN/inf, a non-number, a ragged or
        mis-sized matrix, a sparse index out of range or repeated, malformed bounds.
    Undecided
        (an ``ExactError``) in the (unobserved) case that no exact method certified an LP above
        2,000 rows: no answer, which a claim reports as ``exact.undecided``.

    Notes
    -----
    Exactness: every number returned is an ``fmpq`` checked exactly; floats only choose the basis.
    The exact simplex switches to Bland's rule on degenerate pivots, so it terminates on
    cycling-prone problems (Beale's example is a test). Cost: one HiGHS solve plus ``O(n^3)``
    exact linear algebra on the float path; ``O(m w)`` rational operations per simplex pivot
    (tableau ``m x w``). ``benchmarks/bench_lp.py`` compares with sympy's exact LP.

    Examples
    --------
    >>> r = solve_lp([-1, -1], A_ub=[[1, 2]], b_ub=[4], bounds=[(0, 3), (0, None)])
    >>> r.value, r.x, r.duals["ub"], r.duals["upper"]
    (-7/2, [3, 1/2], [-1/2], [-1/2, 0])
    """
    if method not in METHODS:
        raise InputError("method", f"expected one of {METHODS}, got {method!r}")
    P = _problem(c, A_ub, b_ub, A_eq, b_eq, bounds, maximize)
    res = _crossed_bounds(P)
    if res is not None:
        return res
    if method == "float-basis" or (method == "auto" and _large(P)):
        res, guide = _float_path(P)
        if res is not None:
            return res
        if len(P["b_ub"]) + len(P["b_eq"]) <= COLD_LIMIT:  # warm start at HiGHS's point
            ok = guide is not None and guide.status == "optimal"
            return _exact_simplex(P, [float(v) for v in guide.x] if ok else None)
        res = _repair(P, guide)                            # exact pivots, no cap
        if res is not None:
            return res
        raise Undecided(f"exact LP: neither HiGHS's basis nor the exact pivots from it "
                         f"certified, and a cold dense simplex is refused above "
                         f"{COLD_LIMIT} rows")
    return _exact_simplex(P)


def lp_value(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, bounds=None, *,
             maximize: bool = False) -> fmpq:
    """The exact optimal value of the LP (see :func:`solve_lp`).

    Raises
    ------
    NotOptimal
        when the LP is infeasible or unbounded (``exc.result`` holds the certificate).
    InputError
        for malformed data, as :func:`solve_lp`.
    """
    res = solve_lp(c, A_ub, b_ub, A_eq, b_eq, bounds, maximize=maximize)
    if res.status != "optimal":
        raise NotOptimal(res)
    return res.value


from .qp import QPResult, Undecided, solve_qp  # noqa: E402 - exact.qp uses this module's helpers
__all__ += ["solve_qp", "QPResult", "Undecided"]
