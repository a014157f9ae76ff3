"""Trusted re-check of an exact LP or convex QP certificate, from its JSON alone.

This module is part of the trusted checker: it imports only python-flint's ``fmpq``,
:mod:`exact.errors`, :mod:`exact.numbers` and the standard library (``hashlib``, ``json``, ``re``).
It never calls a solver. :func:`check_certificate` returns ``None`` when the certificate proves
its statement and raises :class:`~exact.errors.CertificateError` naming the first failed
condition. :func:`check_data` runs the same exact conditions on parsed data (``exact.lp`` runs it
on every result before returning it); :func:`seal` / :func:`certify` add the ``digest``.

The problem
-----------
Optimise ``c.x`` (``sense`` "min" or "max") subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq`` and
``lo_j <= x_j <= hi_j`` (``null`` bounds are infinite).

What each status proves
-----------------------
``optimal``
    ``x`` is feasible (the stated slacks ``b_ub - A_ub x``, ``x - lo``, ``hi - x`` are recomputed
    and must be ``>= 0``); the duals ``y_ub, y_eq, z_lower, z_upper`` satisfy stationarity
    ``c = A_ub^T y_ub + A_eq^T y_eq + z_lower + z_upper`` with signs ``y_ub <= 0, z_lower >= 0,
    z_upper <= 0`` for "min" (all reversed for "max"), ``z`` vanishing at infinite bounds; and
    ``c.x = value = b_ub.y_ub + b_eq.y_eq + lo.z_lower + hi.z_upper``. Weak duality then makes
    ``value`` the optimum: for every feasible ``x'``, ``c.x' >= value`` ("min").
``infeasible``
    Farkas multipliers ``u_ub >= 0``, ``u_eq`` free, ``w_lower >= 0``, ``w_upper >= 0`` (zero at
    infinite bounds) with ``A_ub^T u_ub + A_eq^T u_eq - w_lower + w_upper = 0`` and
    ``bound = b_ub.u_ub + b_eq.u_eq - lo.w_lower + hi.w_upper < 0``: adding the constraints with
    these weights gives ``0 <= bound < 0``.
``unbounded``
    A feasible ``x`` (as above) and a ray ``d`` with ``A_ub d <= 0``, ``A_eq d = 0``,
    ``d_j >= 0`` where ``lo_j`` is finite, ``d_j <= 0`` where ``hi_j`` is finite and
    ``gain = c.d < 0`` ("min") or ``> 0`` ("max"): ``x + t d`` is feasible for all ``t >= 0``.

Convex QP (format ``exact-qp-certificate/1``, ``kind`` "qp-optimal" | "qp-infeasible" |
"qp-unbounded", required)
    The problem gains a symmetric ``H`` (objective ``x^T H x / 2 + c.x``) and every matrix is a
    list of sparse rows ``[[index, value], ...]`` (indices strictly increasing). H must be
    symmetric (checked for every status). ``optimal``: ``x`` feasible as above; dual signs as
    above; stationarity ``H x + c = A_ub^T y_ub + A_eq^T y_eq + z_lower + z_upper``;
    complementarity (each multiplier times its slack is 0); ``value = x^T H x / 2 + c.x``; and
    convexity: an exact LDL^T elimination shows ``H`` PSD ("min") or ``-H`` PSD ("max"). These
    are the KKT conditions, sufficient for a global optimum of a convex QP. ``infeasible``: the
    Farkas conditions above (H plays no part). ``unbounded``: the ray conditions above plus
    ``H d = 0``, so the objective is ``f(x) + t c.d`` along ``x + t d``.

Large LPs (format ``exact-lp-certificate/2``)
    The same statements as format 1, with every matrix a list of sparse rows
    ``[[index, value], ...]`` (indices strictly increasing), as in the QP format.

The optional ``kind`` field (``"lp-optimal"``, ``"lp-infeasible"``, ``"lp-unbounded"``) is how
:mod:`exact.checker` finds LP certificates inside saved witnesses; it must agree with ``status``.

Binding
-------
Every number that can be tied to another by an exact equation is: slacks, the dual objective, the
Farkas bound, ``A_ub d`` and ``c.d`` are stored *and* recomputed, so changing one number breaks an
equation. Data that no equation touches (a row with zero multiplier and zero-weight entries) are
bound by ``digest``, a SHA-256 seal of the canonical content (:func:`seal`). The seal is integrity,
not proof: soundness rests on the exact checks alone, which run first.

Examples
--------
>>> cert = seal({"format": FORMAT, "status": "optimal", "sense": "min",
...              "problem": {"c": [1], "A_ub": [], "b_ub": [], "A_eq": [], "b_eq": [],
...                          "bounds": [[2, None]]},
...              "x": [2], "value": 2, "slack": {"ub": [], "lower": [0], "upper": [None]},
...              "duals": {"ub": [], "eq": [], "lower": [1], "upper": [0]}})
>>> check_certificate(cert) is None
True
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from typing import Any, Optional

from flint import fmpq

from .errors import CertificateError, InputError
from .numbers import ZERO, parse_q

__all__ = ["FORMAT", "FORMAT_SPARSE", "FORMAT_QP", "check_certificate", "certify", "seal", "digest", "check_data",
           "seal_data", "psd_failure", "row_slacks", "save_certificate", "load_certificate"]

FORMAT = "exact-lp-certificate/1"
#: the same LP statements with sparse rows ``[[index, value], ...]`` (large LPs)
FORMAT_SPARSE = "exact-lp-certificate/2"
#: convex QP certificates: sparse rows, the Hessian ``H``; see "Convex QP" in the module docstring
FORMAT_QP = "exact-qp-certificate/1"
_STATUSES = ("optimal", "infeasible", "unbounded")


def _fail(condition: str) -> None:
    raise CertificateError(condition)


_FRAC = re.compile(r"-?[0-9]{1,4000}(/[0-9]{1,4000})?")


def _num(v: Any, field: str):
    t = type(v)
    if t is int:                                           # fast paths for the JSON spellings
        return fmpq(v)
    if t is str and _FRAC.fullmatch(v):
        p, _, q = v.partition("/")
        if not q:
            return fmpq(int(p))
        if int(q):
            return fmpq(int(p), int(q))
    try:
        return parse_q(v, field)
    except InputError as exc:
        raise CertificateError(f"malformed certificate: {exc}") from None


def _opt(v: Any, field: str):
    return None if v is None else _num(v, field)


def _get(d: Any, key: str, where: str) -> Any:
    if not isinstance(d, dict):
        _fail(f"malformed certificate: {where} must be an object")
    if key not in d:
        _fail(f"malformed certificate: missing {where + '.' if where else ''}{key}")
    return d[key]


def _vec(v: Any, field: str, n: int, optional: bool = False) -> list:
    if not isinstance(v, list):
        _fail(f"malformed certificate: {field} must be a list")
    if len(v) != n:
        _fail(f"malformed certificate: {field} has {len(v)} entries, expected {n}")
    out = []
    for i, e in enumerate(v):
        t = type(e)
        if t is int:
            out.append(fmpq(e))
        elif e is None and optional:
            out.append(None)
        else:
            out.append(_num(e, f"{field}[{i}]"))
    return out


def _mat(v: Any, field: str, m: int, n: int) -> list:
    if not isinstance(v, list):
        _fail(f"malformed certificate: {field} must be a list of rows")
    if len(v) != m:
        _fail(f"malformed certificate: {field} has {len(v)} rows, expected {m}")
    return [_vec(r, f"{field}[{i}]", n) for i, r in enumerate(v)]


def _dot(u: list, v: list):
    s = ZERO
    for a, b in zip(u, v):
        if a and b:
            s += a * b
    return s


def _srow(v: Any, field: str, n: int) -> tuple:
    """A sparse row ``[[index, value], ...]`` (indices strictly increasing) as (idx, val)."""
    if not isinstance(v, list):
        _fail(f"malformed certificate: {field} must be a list of [index, value] pairs")
    idx, val, last = [], [], -1
    for k, p in enumerate(v):
        if not isinstance(p, list) or len(p) != 2 or type(p[0]) is not int:
            _fail(f"malformed certificate: {field}[{k}] must be a pair [index, value]")
        if not last < p[0] < n:
            _fail(f"malformed certificate: {field}[{k}]: index {p[0]} out of order or out of "
                  f"range 0..{n - 1}")
        last = p[0]
        a = p[1] if type(p[1]) is int else _num(p[1], f"{field}[{k}]")
        if a:
            idx.append(p[0])
            val.append(a)
    return tuple(idx), tuple(val)


def _smat(v: Any, field: str, m: int, n: int) -> list:
    if not isinstance(v, list):
        _fail(f"malformed certificate: {field} must be a list of sparse rows")
    if len(v) != m:
        _fail(f"malformed certificate: {field} has {len(v)} rows, expected {m}")
    return [_srow(r, f"{field}[{i}]", n) for i, r in enumerate(v)]


def _sdot(row: tuple, x: list):
    """``a . x`` for a sparse row (values int or fmpq) and a dense fmpq vector."""
    s = ZERO
    for j, a in zip(*row):
        v = x[j]
        if v:
            s += a * v
    return s


def _parse(cert: Any) -> dict:
    """Parse and shape-check the whole certificate into fmpq data (no mathematics yet)."""
    if not isinstance(cert, dict):
        _fail("malformed certificate: expected a JSON object")
    fmt = cert.get("format")
    if fmt not in (FORMAT, FORMAT_SPARSE, FORMAT_QP):
        _fail(f"malformed certificate: format must be {FORMAT!r}, {FORMAT_SPARSE!r} or "
              f"{FORMAT_QP!r}, got {fmt!r}")
    qp, sparse = fmt == FORMAT_QP, fmt != FORMAT
    status = _get(cert, "status", "")
    if status not in _STATUSES:
        _fail(f"malformed certificate: status must be one of {_STATUSES}, got {status!r}")
    family = "qp" if qp else "lp"
    if ("kind" in cert or qp) and cert.get("kind") != f"{family}-{status}":
        _fail(f"malformed certificate: kind must be '{family}-{status}' (the status), got "
              f"{cert.get('kind')!r}")
    sense = _get(cert, "sense", "")
    if sense not in ("min", "max"):
        _fail(f"malformed certificate: sense must be 'min' or 'max', got {sense!r}")
    prob = _get(cert, "problem", "")
    c_raw = _get(prob, "c", "problem")
    if not isinstance(c_raw, list) or not c_raw:
        _fail("malformed certificate: problem.c must be a non-empty list")
    n = len(c_raw)
    c = _vec(c_raw, "problem.c", n)
    b_ub_raw, b_eq_raw = _get(prob, "b_ub", "problem"), _get(prob, "b_eq", "problem")
    if not isinstance(b_ub_raw, list) or not isinstance(b_eq_raw, list):
        _fail("malformed certificate: problem.b_ub and problem.b_eq must be lists")
    m_ub, m_eq = len(b_ub_raw), len(b_eq_raw)
    mat = _smat if sparse else _mat
    P = {"status": status, "sense": sense, "n": n, "m_ub": m_ub, "m_eq": m_eq, "c": c,
         "A_ub": mat(_get(prob, "A_ub", "problem"), "problem.A_ub", m_ub, n),
         "b_ub": _vec(b_ub_raw, "problem.b_ub", m_ub),
         "A_eq": mat(_get(prob, "A_eq", "problem"), "problem.A_eq", m_eq, n),
         "b_eq": _vec(b_eq_raw, "problem.b_eq", m_eq)}
    if sparse:
        P["sparse"] = True
    if qp:
        P["H"] = _smat(_get(prob, "H", "problem"), "problem.H", n, n)
    bounds = _get(prob, "bounds", "problem")
    if not isinstance(bounds, list) or len(bounds) != n:
        _fail(f"malformed certificate: problem.bounds must be a list of {n} pairs")
    lo, hi = [], []
    for j, pair in enumerate(bounds):
        if not isinstance(pair, list) or len(pair) != 2:
            _fail(f"malformed certificate: problem.bounds[{j}] must be a pair [lo, hi]")
        lo.append(_opt(pair[0], f"problem.bounds[{j}][0]"))
        hi.append(_opt(pair[1], f"problem.bounds[{j}][1]"))
    P["lo"], P["hi"] = lo, hi
    if status in ("optimal", "unbounded"):
        P["x"] = _vec(_get(cert, "x", ""), "x", n)
        if sparse and "slack" not in cert:                # optional in the sparse formats
            return _parse_answer(cert, P, n, m_ub, m_eq)
        sl = _get(cert, "slack", "")
        P["slack"] = {"ub": _vec(_get(sl, "ub", "slack"), "slack.ub", m_ub),
                      "lower": _vec(_get(sl, "lower", "slack"), "slack.lower", n, True),
                      "upper": _vec(_get(sl, "upper", "slack"), "slack.upper", n, True)}
    return _parse_answer(cert, P, n, m_ub, m_eq)


def _parse_answer(cert: dict, P: dict, n: int, m_ub: int, m_eq: int) -> dict:
    """The status-specific part of the certificate (value and duals, Farkas weights, ray)."""
    status = P["status"]
    if status == "optimal":
        P["value"] = _num(_get(cert, "value", ""), "value")
        du = _get(cert, "duals", "")
        P["duals"] = {"ub": _vec(_get(du, "ub", "duals"), "duals.ub", m_ub),
                      "eq": _vec(_get(du, "eq", "duals"), "duals.eq", m_eq),
                      "lower": _vec(_get(du, "lower", "duals"), "duals.lower", n),
                      "upper": _vec(_get(du, "upper", "duals"), "duals.upper", n)}
    elif status == "infeasible":
        fk = _get(cert, "farkas", "")
        P["farkas"] = {"ub": _vec(_get(fk, "ub", "farkas"), "farkas.ub", m_ub),
                       "eq": _vec(_get(fk, "eq", "farkas"), "farkas.eq", m_eq),
                       "lower": _vec(_get(fk, "lower", "farkas"), "farkas.lower", n),
                       "upper": _vec(_get(fk, "upper", "farkas"), "farkas.upper", n),
                       "bound": _num(_get(fk, "bound", "farkas"), "farkas.bound")}
    else:
        ray = _get(cert, "ray", "")
        P["ray"] = {"d": _vec(_get(ray, "d", "ray"), "ray.d", n),
                    "ub": _vec(_get(ray, "ub", "ray"), "ray.ub", m_ub),
                    "gain": _num(_get(ray, "gain", "ray"), "ray.gain")}
    return P


def _canonical(P: dict) -> str:
    """One text per content: every number as its reduced ``p/q`` (or ``p``) string.

    In the sparse formats the matrices are first written as ``[[index, "p/q"], ...]`` strings
    in one pass (the same text ``default=str`` gives, without a callback per entry)."""
    P = {k: v for k, v in P.items() if not k.startswith("_")}
    if P.get("sparse"):
        for key in ("A_ub", "A_eq", "H"):
            if key in P:
                P[key] = [[list(idx), [str(a) if type(a) is int else str(int(a.p)) if a.q == 1
                                       else str(a) for a in val]] for idx, val in P[key]]
    return json.dumps(P, sort_keys=True, separators=(",", ":"), default=str)


def digest(cert: dict) -> str:
    """The SHA-256 seal of a certificate's canonical content (every number normalised to p/q).

    Raises
    ------
    CertificateError
        if the certificate is malformed (missing fields, wrong shapes, non-rational numbers).
    """
    return hashlib.sha256(_canonical(_parse(cert)).encode()).hexdigest()


def seal(cert: dict) -> dict:
    """A copy of ``cert`` with its ``digest`` field set (see :func:`digest`)."""
    out = {k: v for k, v in cert.items() if k != "digest"}
    out["digest"] = digest(out)
    return out


def _rowdot(P: dict):
    """The row-times-vector product for P's row layout (dense lists or sparse (idx, val))."""
    return _sdot if P.get("sparse") else _dot


def _combo(P: dict, w_ub: list, w_eq: list) -> list:
    """``A_ub^T w_ub + A_eq^T w_eq`` (dense, length n), for either row layout."""
    n, g = P["n"], [ZERO] * P["n"]
    for rows, ws in ((P["A_ub"], w_ub), (P["A_eq"], w_eq)):
        for row, w in zip(rows, ws):
            if w:
                for j, a in (zip(*row) if P.get("sparse") else zip(range(n), row)):
                    if a:
                        g[j] += a * w
    return g


def row_slacks(rows: list, b: list, x: list, exact: bool = True) -> list:
    """``b_i - a_i . x`` for sparse rows ``(idx, val)``. Integer rows are summed in Python
    integers over the common denominator of ``x`` (vertices of large LPs have long
    denominators); other rows entry by entry in fmpq. With ``exact=False`` an integer row gives
    an integer of the same sign as its slack (zero iff the slack is zero), saving the fmpq."""
    D = math.lcm(*(int(v.q) for v in x)) if x else 1
    X = [int(v.p) * (D // int(v.q)) for v in x]
    out = []
    for (idx, val), bi in zip(rows, b):
        s = 0
        for j, a in zip(idx, val):
            if type(a) is int:
                s += a * X[j]
            elif a.q == 1:
                s += int(a.p) * X[j]
            else:
                out.append(bi - _sdot((idx, val), x))
                break
        else:
            bq = int(bi.q)
            r = int(bi.p) * D - s * bq
            out.append(fmpq(r, D * bq) if exact else r)
    return out


def _check_primal(P: dict) -> None:
    """x satisfies every constraint; the stated slacks equal the recomputed ones."""
    x, dot = P["x"], _rowdot(P)
    stated = "slack" in P
    sl = P["slack"] if stated else {"lower": [None] * P["n"], "upper": [None] * P["n"]}
    fast = row_slacks(P["A_ub"], P["b_ub"], x, stated) if P.get("sparse") else None
    if not stated:                                 # sign-equivalent slacks, for complementarity
        P["_slack_ub"] = fast
    for i in range(P["m_ub"]):
        s = fast[i] if fast is not None else P["b_ub"][i] - dot(P["A_ub"][i], x)
        if not stated:
            if s < 0:
                _fail(f"primal feasibility: ub row {i}: A_ub x exceeds b_ub by "
                      f"{dot(P['A_ub'][i], x) - P['b_ub'][i]}")
            continue
        if s != sl["ub"][i]:
            _fail(f"primal feasibility: ub row {i}: stated slack {sl['ub'][i]} but "
                  f"b_ub - A_ub x = {s}")
        if s < 0:
            _fail(f"primal feasibility: ub row {i}: A_ub x exceeds b_ub by {-s}")
    for i in range(P["m_eq"]):
        r = dot(P["A_eq"][i], x) - P["b_eq"][i]
        if r != 0:
            _fail(f"primal feasibility: eq row {i}: A_eq x - b_eq = {r}")
    for j in range(P["n"]):
        for side, bound, s in (("lower", P["lo"][j], None if P["lo"][j] is None else
                                x[j] - P["lo"][j]),
                               ("upper", P["hi"][j], None if P["hi"][j] is None else
                                P["hi"][j] - x[j])):
            if stated and s != sl[side][j]:
                _fail(f"primal feasibility: {side} bound {j}: stated slack {sl[side][j]} but "
                      f"recomputed {s}")
            if s is not None and s < 0:
                _fail(f"primal feasibility: {side} bound {j}: x[{j}] = {x[j]} violates "
                      f"the bound {bound}")


def _check_signs(P: dict) -> None:
    """"min": y_ub <= 0, z_lower >= 0, z_upper <= 0; "max": reversed; z = 0 at infinite bounds."""
    du, sgn = P["duals"], 1 if P["sense"] == "min" else -1
    for i, y in enumerate(du["ub"]):
        if sgn * y > 0:
            _fail(f"dual feasibility: ub row {i}: multiplier {y} has the wrong sign for "
                  f"{P['sense']}")
    for j in range(P["n"]):
        for side, z, bound, want in (("lower", du["lower"][j], P["lo"][j], 1),
                                     ("upper", du["upper"][j], P["hi"][j], -1)):
            if bound is None and z != 0:
                _fail(f"dual feasibility: {side} bound {j}: multiplier {z} on an infinite bound")
            if sgn * want * z < 0:
                _fail(f"dual feasibility: {side} bound {j}: multiplier {z} has the wrong sign "
                      f"for {P['sense']}")


def _check_optimal(P: dict) -> None:
    _check_primal(P)
    _check_signs(P)
    du, n = P["duals"], P["n"]
    g = _combo(P, du["ub"], du["eq"])
    for j in range(n):
        g[j] += du["lower"][j] + du["upper"][j]
        if g[j] != P["c"][j]:
            _fail(f"dual feasibility: column {j}: A^T y + z = {g[j]} but c[{j}] = {P['c'][j]}")
    primal = _dot(P["c"], P["x"])
    dual = (_dot(P["b_ub"], du["ub"]) + _dot(P["b_eq"], du["eq"])
            + sum((P["lo"][j] * du["lower"][j] for j in range(n) if P["lo"][j] is not None), ZERO)
            + sum((P["hi"][j] * du["upper"][j] for j in range(n) if P["hi"][j] is not None), ZERO))
    if primal != P["value"]:
        _fail(f"objective: c.x = {primal} but the stated value is {P['value']}")
    if dual != primal:
        _fail(f"duality gap: c.x = {primal} but the dual objective is {dual}")


def _check_infeasible(P: dict) -> None:
    fk, n = P["farkas"], P["n"]
    for i, u in enumerate(fk["ub"]):
        if u < 0:
            _fail(f"farkas: ub row {i}: multiplier {u} < 0")
    for j in range(n):
        for side, w, bound in (("lower", fk["lower"][j], P["lo"][j]),
                               ("upper", fk["upper"][j], P["hi"][j])):
            if w < 0:
                _fail(f"farkas: {side} bound {j}: multiplier {w} < 0")
            if bound is None and w != 0:
                _fail(f"farkas: {side} bound {j}: multiplier {w} on an infinite bound")
    g = _combo(P, fk["ub"], fk["eq"])
    for j in range(n):
        g[j] += fk["upper"][j] - fk["lower"][j]
        if g[j] != 0:
            _fail(f"farkas: column {j}: the combination of the constraints is {g[j]}, not 0")
    bound = (_dot(P["b_ub"], fk["ub"]) + _dot(P["b_eq"], fk["eq"])
             - sum((P["lo"][j] * fk["lower"][j] for j in range(n) if P["lo"][j] is not None), ZERO)
             + sum((P["hi"][j] * fk["upper"][j] for j in range(n) if P["hi"][j] is not None), ZERO))
    if bound != fk["bound"]:
        _fail(f"farkas: bound: stated {fk['bound']} but recomputed {bound}")
    if bound >= 0:
        _fail(f"farkas: bound: combined right-hand side {bound} is not < 0")


def _check_unbounded(P: dict) -> None:
    _check_primal(P)
    ray, n, dot = P["ray"], P["n"], _rowdot(P)
    d = ray["d"]
    for i in range(P["m_ub"]):
        r = dot(P["A_ub"][i], d)
        if r != ray["ub"][i]:
            _fail(f"ray: ub row {i}: stated A_ub d = {ray['ub'][i]} but recomputed {r}")
        if r > 0:
            _fail(f"ray: ub row {i}: A_ub d = {r} > 0")
    for i in range(P["m_eq"]):
        r = dot(P["A_eq"][i], d)
        if r != 0:
            _fail(f"ray: eq row {i}: A_eq d = {r}, not 0")
    for j in range(n):
        if P["lo"][j] is not None and d[j] < 0:
            _fail(f"ray: lower bound {j}: d[{j}] = {d[j]} < 0")
        if P["hi"][j] is not None and d[j] > 0:
            _fail(f"ray: upper bound {j}: d[{j}] = {d[j]} > 0")
    if "H" in P:                                   # the objective is linear along the ray
        for i, row in enumerate(P["H"]):
            r = _sdot(row, d)
            if r != 0:
                _fail(f"ray: H d: row {i} is {r}, not 0 (the objective is not linear along d)")
    gain = _dot(P["c"], d)
    if gain != ray["gain"]:
        _fail(f"ray: gain: stated c.d = {ray['gain']} but recomputed {gain}")
    if (gain >= 0) if P["sense"] == "min" else (gain <= 0):
        _fail(f"ray: gain: c.d = {gain} does not improve the objective ({P['sense']})")


def _asymmetry(H: list) -> Optional[str]:
    """Where the sparse square matrix ``H`` is not symmetric, or ``None``."""
    M = [dict(zip(*row)) for row in H]
    for i, Mi in enumerate(M):
        for j, a in Mi.items():
            if M[j].get(i, ZERO) != a:
                return f"not symmetric: H[{i}][{j}] = {a} but H[{j}][{i}] = {M[j].get(i, ZERO)}"
    return None


def psd_failure(H: list, n: int, sign: int = 1) -> Optional[str]:
    """Why ``sign * H`` is not symmetric positive semidefinite, or ``None`` if it is.

    ``H`` is a list of ``n`` sparse rows ``(idx, val)``. Symmetric Gaussian elimination with
    diagonal pivots in order (an exact LDL^T): a symmetric matrix is PSD iff every pivot is
    ``>= 0`` and a zero pivot has a zero remaining row (the Schur complement of a positive pivot
    of a PSD matrix is PSD, and conversely). Cost: the fill-in of the elimination (O(n) for a
    diagonal H, O(n^3) dense).
    """
    why = _asymmetry(H)
    if why is not None:
        return why
    M = [{j: fmpq(sign * a) for j, a in zip(*row) if a} for row in H]
    for k in range(n):
        d = M[k].get(k, ZERO)
        rest = {j: a for j, a in M[k].items() if j > k and a}
        if d < 0:
            return f"pivot {k} of the exact LDL^T elimination is {sign * d} (wrong sign)"
        if d == 0:
            if rest:
                j = min(rest)
                return f"zero pivot {k} of the exact LDL^T elimination with a non-zero entry " \
                       f"in column {j}: the 2x2 minor on ({k}, {j}) is negative"
            continue
        for i, a in rest.items():
            f, Mi = a / d, M[i]
            for j, b in rest.items():
                v = Mi.get(j, ZERO) - f * b
                if v:
                    Mi[j] = v
                else:
                    Mi.pop(j, None)
    return None


def _check_qp_optimal(P: dict) -> None:
    """KKT of a convex QP: feasibility, dual signs, stationarity, complementarity, convexity."""
    _check_primal(P)
    _check_signs(P)
    du, n, x = P["duals"], P["n"], P["x"]
    sl = P["slack"] if "slack" in P else {
        "ub": P["_slack_ub"],
        "lower": [None if l is None else xj - l for xj, l in zip(x, P["lo"])],
        "upper": [None if h is None else h - xj for xj, h in zip(x, P["hi"])]}
    Hx = [_sdot(row, x) for row in P["H"]]
    g = _combo(P, du["ub"], du["eq"])
    for j in range(n):
        g[j] += du["lower"][j] + du["upper"][j]
        if g[j] != Hx[j] + P["c"][j]:
            _fail(f"stationarity: column {j}: A^T y + z = {g[j]} but H x + c = "
                  f"{Hx[j] + P['c'][j]}")
    for i, (y, s) in enumerate(zip(du["ub"], sl["ub"])):
        if y and s:
            _fail(f"complementarity: ub row {i}: multiplier {y} but slack "
                  f"{P['b_ub'][i] - _sdot(P['A_ub'][i], x)}")
    for side in ("lower", "upper"):
        for j, (z, s) in enumerate(zip(du[side], sl[side])):
            if z and s:
                _fail(f"complementarity: {side} bound {j}: multiplier {z} but slack {s}")
    value = _dot(x, Hx) / 2 + _dot(P["c"], x)
    if value != P["value"]:
        _fail(f"objective: x^T H x / 2 + c.x = {value} but the stated value is {P['value']}")
    why = psd_failure(P["H"], n, 1 if P["sense"] == "min" else -1)
    if why is not None:
        _fail(f"convexity: H is not {'positive' if P['sense'] == 'min' else 'negative'} "
              f"semidefinite: {why}")


def _check(P: dict) -> None:
    if "H" in P:                                   # every QP statement reads H as symmetric
        why = _asymmetry(P["H"])
        if why is not None:
            _fail(f"symmetry: H is {why}")
    {"optimal": _check_qp_optimal if "H" in P else _check_optimal,
     "infeasible": _check_infeasible, "unbounded": _check_unbounded}[P["status"]](P)


def check_data(data: dict) -> None:
    """Run the exact conditions of :func:`check_certificate` on already-parsed data.

    ``data`` has the shape produced by the parser (``fmpq`` numbers, ``None`` for infinite
    bounds, keys ``status, sense, n, m_ub, m_eq, c, A_ub, b_ub, A_eq, b_eq, lo, hi`` and
    ``x, slack, value, duals`` / ``farkas`` / ``x, slack, ray``). Shapes are trusted (the caller
    built them); every mathematical condition is checked.

    Raises
    ------
    CertificateError
        naming the first failed condition.
    """
    _check(data)


def seal_data(data: dict) -> str:
    """The digest :func:`check_certificate` expects for a certificate holding ``data``."""
    return hashlib.sha256(_canonical(data).encode()).hexdigest()


def certify(cert: dict) -> dict:
    """Check the mathematics of an unsealed certificate, then return it sealed.

    Equivalent to ``check_certificate(seal(cert))`` with one parse instead of three; used by
    :func:`exact.lp.solve_lp` on every certificate it returns.

    Raises
    ------
    CertificateError
        naming the first failed condition, as :func:`check_certificate`.
    """
    P = _parse(cert)
    _check(P)
    out = {k: v for k, v in cert.items() if k != "digest"}
    out["digest"] = hashlib.sha256(_canonical(P).encode()).hexdigest()
    return out


def check_certificate(cert: dict) -> None:
    """Re-verify an LP certificate exactly; return ``None`` or raise naming the failed condition.

    Parameters
    ----------
    cert : dict
        JSON data as produced by :func:`exact.lp.solve_lp` (``LPResult.certificate``): the
        problem, the status, the primal/dual/Farkas/ray data and the ``digest`` seal; numbers are
        integers or ``"p/q"`` strings (never floats).

    Raises
    ------
    CertificateError
        naming the first failed condition, e.g. ``"dual feasibility: ub row 3: ..."``,
        ``"duality gap: ..."``, ``"farkas: column 1: ..."``, ``"digest: ..."``.

    Notes
    -----
    Cost: O(size of the data) exact rational operations; the mathematical conditions are checked
    before the digest, so a mathematically false certificate is always reported as such.
    """
    P = _parse(cert)
    _check(P)
    stated = cert.get("digest")
    if not isinstance(stated, str):
        _fail("digest: missing (seal the certificate with exact.lpcert.seal)")
    if hashlib.sha256(_canonical(P).encode()).hexdigest() != stated:
        _fail("digest: the certificate's content does not match its seal (edited after sealing)")


def save_certificate(cert: dict, path: str) -> None:
    """Write a certificate as compact JSON; gzip-compressed when ``path`` ends in ``.gz``
    (large sparse certificates: the 100,000 x 300 benchmark LP's is ~10 MB compressed)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as f:
        json.dump(cert, f, separators=(",", ":"))


def load_certificate(path: str) -> dict:
    """Read a certificate written by :func:`save_certificate` (plain or ``.gz``)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)
