"""Exact optima of problem (4): certified by :func:`exact.lp.solve_qp` / :func:`exact.lp.solve_lp`.

:func:`solve` hands the exact sparse data of :mod:`proofs.screening.problem` to the library's
certified solver and returns a :class:`Solution` whose ``certificate`` (kind ``qp-optimal`` or
``lp-optimal``) :func:`exact.lpcert.check_certificate` re-verifies from its JSON alone.
The objective's constant ``sum w rho e`` is not part of the solver's objective: it is added to
the certified value and recomputed from the model on replay (:func:`check_solution`).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Optional

from exact.errors import CertificateError, ExactError
from exact.numbers import Q, parse_q

from . import problem
from .model import Model

__all__ = ["Solution", "solve", "solver_args", "check_solution", "NoOptimum", "optimum",
           "full_optimum", "check_full_optimum", "DIRECT_MAX"]


class NoOptimum(ExactError):
    """The problem has no optimum (the solver returned an infeasibility or unboundedness proof)."""


@dataclasses.dataclass(frozen=True, eq=False)
class Solution:
    """An exact optimum of problem (4) for one model and one IC set.

    ``value`` is the objective of (4) (the solver's value plus ``const``); ``q``, ``V`` the
    optimal allocation and rents; ``certificate`` the solver's JSON certificate.
    """

    model: Model
    set_name: str
    q: list
    V: list
    value: object
    const: object
    method: str
    certificate: dict
    rows: int

    def witness(self) -> dict:
        """JSON-able data a claim keeps: the figures and the certificate the checker re-verifies."""
        return {"set": self.set_name, "value": self.value, "constant": self.const,
                "ic_rows": self.rows, "method": self.method, "certificate": self.certificate}


def solver_args(data: problem.Data) -> dict:
    """Keyword arguments of ``solve_qp``/``solve_lp`` for ``data`` (sparse rows, maximise)."""
    rows = [list(zip(cols, coefs)) for cols, coefs in data.rows]
    args = {"A_ub": rows, "b_ub": list(data.rhs), "bounds": data.bounds(), "maximize": True}
    return args


def solve(model: Model, set_name: str = "full", *, method: str = "auto",
          pair_list=None, extra_pairs=()) -> Solution:
    """The exact optimum of problem (4) with IC set ``set_name`` (or an explicit ``pair_list``).

    A QP (``curv > 0``) goes to :func:`exact.lp.solve_qp`, an LP to :func:`exact.lp.solve_lp`;
    ``method`` is passed through ("auto", or the solver's float-guided / pure exact methods).

    Raises
    ------
    NoOptimum
        if the solver proves the problem infeasible or unbounded.
    """
    data = problem.build(model, set_name, pair_list=pair_list, extra_pairs=extra_pairs)
    args = solver_args(data)
    if model.curv:
        from exact.lp import solve_qp
        H = [[(j, v)] if v else [] for j, v in enumerate(data.hdiag)]
        res = solve_qp(H, list(data.c), method=method, **args)
    else:
        from exact.lp import solve_lp
        res = solve_lp(list(data.c), method=method, **args)
    if res.status != "optimal":
        raise NoOptimum(f"problem (4) with set {set_name!r} is {res.status}")
    q, V = problem.split(model, res.x)
    n_ic = sum(1 for k in data.kinds if k[0] == "ic")
    return Solution(model, set_name, q, V, res.value + data.const, data.const, res.method,
                    res.certificate, n_ic)


def check_solution(model: Model, set_name: str, data: dict, pair_list=None) -> tuple:
    """Re-check a :meth:`Solution.witness` against the model, without solvers.

    The certificate must state exactly the problem rebuilt from the model (rows, right-hand
    sides, bounds, objective) and be a checked optimum (:func:`exact.lpcert.check_certificate`);
    ``value`` must equal its value plus the recomputed constant. Returns ``(q, V, value)``.

    Raises
    ------
    CertificateError
        naming the first mismatch.
    """
    from exact.lpcert import check_certificate
    cert = data.get("certificate")
    if not isinstance(cert, dict):
        raise CertificateError("certificate: missing")
    check_certificate(cert)
    if cert.get("status") != "optimal" or cert.get("sense") != "max":
        raise CertificateError("certificate: not a maximum")
    built = problem.build(model, set_name, pair_list=pair_list)
    expected = _problem_json(built, quadratic=bool(model.curv))
    got = dict(cert.get("problem", {}))
    for key in ("A_ub", "H"):
        if isinstance(got.get(key), list):
            got[key] = [_any_row(r) for r in got[key]]
    for key, val in expected.items():
        if _canon(got.get(key)) != _canon(val):
            raise CertificateError(f"certificate.problem.{key}: not the problem (4) of "
                                   f"{model.to_json()} with set {set_name!r}")
    x = [parse_q(v, "certificate.x") for v in cert["x"]]
    const = built.const
    value = parse_q(cert["value"], "certificate.value") + const
    if str(parse_q(data.get("constant"), "constant")) != str(const):
        raise CertificateError(f"constant: {data.get('constant')} is not sum w rho e = {const}")
    if parse_q(data.get("value"), "value") != value:
        raise CertificateError(f"value: {data.get('value')} is not the certified {value}")
    q, V = problem.split(model, x)
    return q, V, value


#: up to this grid size the full problem (n^4 - n^2 IC rows) goes to the solver as it is; above
#: it, the exact level-set relaxation is solved and every full IC row checked exactly ex post
DIRECT_MAX = 6


_CACHE: dict = {}


def optimum(model: Model, set_name: str = "full", method: str = "auto") -> Solution:
    """:func:`solve`, memoised on the model's exact data and the set (claims share small optima)."""
    from .constraints import SETS
    key = (model.key(), set_name, SETS.get(set_name), method)
    if key not in _CACHE:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = solve(model, set_name, method=method)
    return _CACHE[key]


def full_optimum(model: Model, method: str = "auto") -> tuple:
    """The certified optimum of the full problem and the JSON-able route it was certified by.

    Up to :data:`DIRECT_MAX` the full problem is solved as it is. Above, the level-set
    relaxation (:func:`proofs.screening.constraints.level_pairs`) is solved exactly and its
    optimum is checked against all ``n^4 - n^2`` IC rows in exact arithmetic: a relaxation's
    optimum that is feasible for the full problem is optimal for it. A violated row (which the
    chain argument of ``level_pairs`` excludes) would be added and the relaxation re-solved.
    """
    if model.n <= DIRECT_MAX:
        sol = optimum(model, "full", method)
        return sol, {"route": "full problem", "pairs": None}
    from .constraints import level_pairs
    pair_list = level_pairs(model.alpha, model.n)
    while True:
        sol = solve(model, pair_list=pair_list, method=method)
        sol = dataclasses.replace(sol, set_name="level")
        slack, I, K, checked = problem.min_ic_slack(model, sol.q, sol.V)
        if slack >= 0:
            return sol, {"route": "level-set relaxation + exact ex-post check of every full IC "
                                  "row", "full_rows_checked": checked, "min_full_slack": slack,
                         "pairs": "level"}
        pair_list = pair_list + [(I, K)]


def check_full_optimum(model: Model, data: dict) -> tuple:
    """Replay of :func:`full_optimum`'s witness: the certificate is for the full problem, or
    for the level-set relaxation and every full IC row holds at its optimum. ``(q, V, value)``."""
    route = data.get("route")
    if route == "full problem":
        return check_solution(model, "full", data)
    from .constraints import level_pairs
    q, V, value = check_solution(model, "level", data, pair_list=level_pairs(model.alpha,
                                                                              model.n))
    slack = problem.min_ic_slack(model, q, V)[0]
    if slack < 0:
        raise CertificateError(f"the relaxation's optimum violates a full IC row by {-slack}")
    return q, V, value


def _canon(v):
    """Numbers as exact rationals, recursively, so 3 and "3" and "6/2" compare equal."""
    if isinstance(v, (list, tuple)):
        return [_canon(e) for e in v]
    if isinstance(v, dict):
        return {k: _canon(e) for k, e in v.items()}
    if v is None:
        return None
    try:
        return str(parse_q(v))
    except ExactError:
        return v


def _problem_json(data: problem.Data, quadratic: bool) -> dict:
    """The problem part of the solver's certificate, as :mod:`exact.lpcert` writes it."""
    out = {"c": list(data.c), "b_ub": list(data.rhs), "bounds": [list(b) for b in data.bounds()],
           "A_ub": [_row(cols, coefs) for cols, coefs in data.rows]}
    if quadratic:
        out["H"] = [_row((j,), (v,)) for j, v in enumerate(data.hdiag)]
    return out


def _any_row(r) -> list:
    """A certificate row, dense (a list of numbers) or sparse (``[index, value]`` pairs)."""
    if not isinstance(r, list):
        raise CertificateError("certificate.problem: a row is not a list")
    if all(isinstance(e, list) and len(e) == 2 for e in r):
        return _row([e[0] for e in r], [e[1] for e in r])
    return _row(list(range(len(r))), r)


def _row(cols, coefs) -> list:
    """A sparse row as sorted ``[index, value]`` pairs without zeros (summing repeats)."""
    acc: dict = {}
    for j, v in zip(cols, coefs):
        if isinstance(j, bool) or not isinstance(j, int):
            raise CertificateError(f"certificate.problem: column index {j!r} is not an int")
        acc[j] = acc.get(j, Q(0)) + parse_q(v, "certificate.problem")
    return [[j, acc[j]] for j in sorted(acc) if acc[j] != 0]
