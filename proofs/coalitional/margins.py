"""Best uniform margins over a reward set or its convex hull, with exact certificates.

Given linear *gains* ``Delta_g(z) = r_g . z - k_g`` of the values ``z`` of a reward function on
one component of a reward set ``Y_C`` (:mod:`.rewards`):

- :func:`conv_margin` computes ``max_{z in conv(Y_C)} min_g Delta_g(z)``. For every conjecture
  ``psi`` there is a ``y in Y_C`` with ``E_psi Delta > 0`` iff this margin is ``> 0`` (LP duality:
  the whistle-blower test of Definition 5 is this minimax, the note's 2.3 item 3). Convex ``Y_C``:
  one exact LP (maximise ``eps`` subject to ``Delta_g >= eps``), whose dual is the *bad
  conjecture* ``psi`` when the margin is ``<= 0``. Non-convex ``Y_C``: column generation: a master
  LP over finitely many points of ``Y_C`` (its dual is ``psi``) and, as oracle, the exact branch
  and bound of :mod:`.union` for ``max_{y in Y_C} psi . Delta(y)``, whose proof tree certifies the
  final bound.
- :func:`single_margin` computes ``max_{z in Y_C} min_g Delta_g(z)`` (one reward for every
  conjecture; the sufficient test of Definition 8).

Certificates (JSON, checked by :func:`check_margin` with fmpq and :mod:`exact.lpcert` only):
``{"value", "points": [{"weight", "z"}], "psi": [...], "lp" | "tree" | "trees"}``: the points lie in
``Y_C`` and their mixture has every gain ``>= value``; ``psi`` (a probability vector over the
gains) bounds every point of ``Y_C``: ``psi . Delta(y) <= value`` (by the LP certificate or the
proof tree). Together they prove that ``value`` is the exact optimum.
"""

from __future__ import annotations

from typing import Sequence

from exact.errors import CertificateError
from exact.numbers import ONE, ZERO, Q, parse_q

from .union import Problem, check_tree, maximize

__all__ = ["conv_margin", "single_margin", "single_problem", "check_margin"]


def _direct_lp(P: Problem, gains: Sequence):
    """max eps s.t. eps - r_g . z <= -k_g, z in P (no disjunctions); bounded since A is bounded above in utility."""
    n = P.nvar + 1
    A = [list(r) + [ZERO] for r in P.A_ub] + [[-x for x in r] + [ONE] for r, _ in gains]
    b = list(P.b_ub) + [-k for _, k in gains]
    Aeq = [list(r) + [ZERO] for r in P.A_eq]
    c = [ZERO] * P.nvar + [ONE]
    from exact.lp import solve_lp
    res = solve_lp(c, A_ub=A, b_ub=b, A_eq=Aeq or None, b_eq=list(P.b_eq) or None,
                   bounds=list(P.bounds) + [(None, None)], maximize=True)
    return res, len(P.b_ub)


def _pdot(row, z):
    s = ZERO
    for x, y in zip(row, z):
        if x and y:
            s += x * y
    return s


def conv_margin(P: Problem, gains: Sequence, optimal: bool = False, budget: int = 4000) -> dict:
    """``max_{z in conv(Y)} min_g Delta_g(z)`` with certificates (see the module docstring).

    ``gains`` is a list of ``(row over P's variables, constant k_g)``. With ``optimal=False`` a
    non-convex search stops as soon as the margin is known to be positive (the certificate then
    proves ``value > 0``, not optimality). Raises :class:`.union.Undecided` on budget exhaustion.
    """
    if not gains:
        raise ValueError("conv_margin: no gains")
    if not P.disjunctions:
        res, m0 = _direct_lp(P, gains)
        if res.status == "infeasible":
            return {"value": None, "empty": True, "lp": res.certificate}
        psi = [Q(v) for v in res.duals["ub"][m0:]]
        z = list(res.x[:P.nvar])
        return {"value": res.value, "points": [{"weight": ONE, "z": z}], "psi": psi,
                "lp": res.certificate}
    from exact.lp import solve_lp
    uniform = [Q(1, len(gains))] * len(gains)
    first = maximize(P, _combine(gains, uniform, P.nvar), None, budget=budget)
    if first[0] == "below":
        return {"value": None, "empty": True, "tree": first[1]}
    cols = [first[1]]
    while True:
        K = len(cols)
        vals = [[_pdot(r, z) - k for r, k in gains] for z in cols]
        A = [[-vals[c][g] for c in range(K)] + [ONE] for g in range(len(gains))]
        res = solve_lp([ZERO] * K + [ONE], A_ub=A, b_ub=[ZERO] * len(gains),
                       A_eq=[[ONE] * K + [ZERO]], b_eq=[ONE],
                       bounds=[(0, None)] * K + [(None, None)], maximize=True)
        eps = res.value
        psi = [Q(v) for v in res.duals["ub"]]
        mu = res.x[:K]
        pts = [{"weight": mu[c], "z": cols[c]} for c in range(K) if mu[c]]
        if eps > 0 and not optimal:
            return {"value": eps, "points": pts, "psi": psi, "master": res.certificate,
                    "optimal": False}
        c = _combine(gains, psi, P.nvar)
        const = -sum((p * k for p, (_, k) in zip(psi, gains)), ZERO)
        out = maximize(P, c, eps, constant=const, budget=budget)
        if out[0] == "above":
            if any(out[1] == z for z in cols):
                raise RuntimeError("column generation: repeated column")
            cols.append(out[1])
            continue
        return {"value": eps, "points": pts, "psi": psi, "tree": out[1], "master": res.certificate,
                "optimal": True}


def _combine(gains, psi, nvar):
    c = [ZERO] * nvar
    for p, (r, _) in zip(psi, gains):
        if p:
            for j, x in enumerate(r):
                if x:
                    c[j] += p * x
    return c


def single_margin(P: Problem, gains: Sequence, tau=ZERO, budget: int = 4000) -> dict:
    """Is there ``z in Y`` with every gain ``> tau``?  ``{"value": v, "z": z}`` with ``v > tau``
    (a point of ``Y``; ``v`` its smallest gain), or ``{"value": None, "bound": tau, "tree":
    tree}`` proving ``max_{z in Y} min_g Delta_g(z) <= tau``."""
    Pe, c, extra = single_problem(P, gains)
    out = maximize(Pe, c, tau, extra, budget=budget)
    if out[0] == "above":
        z = out[1][:P.nvar]
        return {"value": min(_pdot(r, z) - k for r, k in gains), "z": z}
    return {"value": None, "bound": tau, "tree": out[1]}


def single_problem(P: Problem, gains: Sequence):
    """``(Pe, c, extra)``: ``P`` with a free variable ``eps`` maximised subject to the rows
    ``eps - r_g . z <= -k_g`` (the LPs of :func:`single_margin` and of its proof tree)."""
    n = P.nvar + 1
    ext = lambda r: list(r) + [ZERO]  # noqa: E731
    Pe = Problem(n, list(P.bounds) + [(None, None)], [ext(r) for r in P.A_ub], list(P.b_ub),
                 [ext(r) for r in P.A_eq], list(P.b_eq),
                 [[[(ext(r), h) for r, h in alt] for alt in d] for d in P.disjunctions])
    extra = [([-x for x in r] + [ONE], -k) for r, k in gains]
    return Pe, [ZERO] * P.nvar + [ONE], extra


# -- the solver-free check ---------------------------------------------------------------------------

def check_margin(P: Problem, gains: Sequence, data: dict) -> object:
    """Re-verify a :func:`conv_margin` certificate; return the certified value (or None: empty).

    Checks: every point lies in ``Y`` (exact membership); the weights are a probability vector;
    the mixture's every gain is ``>= value``; when ``psi`` is claimed as a bound (an LP
    certificate of the direct LP, or a proof tree), ``psi`` is a probability vector and the
    certificate proves ``psi . Delta(y) <= value`` for every ``y`` in ``Y``.
    """
    from exact.lpcert import check_certificate
    if not isinstance(data, dict):
        raise CertificateError("margin: not an object")
    if data.get("empty"):
        if "lp" in data:
            check_certificate(data["lp"])
            _same_direct(P, gains, data["lp"])
            if data["lp"].get("status") != "infeasible":
                raise CertificateError("margin: 'empty' needs an infeasibility certificate")
        else:
            uniform = [Q(1, len(gains))] * len(gains)
            check_tree(data["tree"], P, _combine(gains, uniform, P.nvar), None)
        return None
    value = parse_q(data["value"], "value")
    pts = data.get("points")
    if not isinstance(pts, list) or not pts:
        raise CertificateError("margin: no points")
    mix = [ZERO] * P.nvar
    total = ZERO
    for j, p in enumerate(pts):
        w = parse_q(p["weight"], f"points[{j}].weight")
        z = [parse_q(v, f"points[{j}].z") for v in p["z"]]
        if w < 0 or len(z) != P.nvar or not P.contains(z):
            raise CertificateError(f"margin: points[{j}] is not a weighted point of the set")
        total += w
        for c in range(P.nvar):
            mix[c] += w * z[c]
    if total != 1:
        raise CertificateError(f"margin: weights sum to {total}")
    low = min(_pdot(r, mix) - k for r, k in gains)
    if low < value:
        raise CertificateError(f"margin: the mixture's smallest gain {low} is below {value}")
    psi = [parse_q(v, "psi") for v in data.get("psi", [])]
    bounded = "lp" in data or data.get("optimal")
    if bounded:
        if len(psi) != len(gains) or any(p < 0 for p in psi) or sum(psi, ZERO) != 1:
            raise CertificateError("margin: psi is not a probability vector over the gains")
        if "lp" in data:
            cert = data["lp"]
            check_certificate(cert)
            _same_direct(P, gains, cert)
            if parse_q(cert["value"], "lp.value") != value:
                raise CertificateError("margin: LP value differs")
            # the LP dual bounds psi . Delta(y) <= value for every y: psi must be the LP's duals
            m0 = len(P.b_ub)
            if [parse_q(v, "duals") for v in cert["duals"]["ub"][m0:]] != psi:
                raise CertificateError("margin: psi is not the LP's dual")
        else:
            const = -sum((p * k for p, (_, k) in zip(psi, gains)), ZERO)
            check_tree(data["tree"], P, _combine(gains, psi, P.nvar), value, (), const)
    elif value <= 0:
        raise CertificateError("margin: a non-positive value needs psi and a bound certificate")
    return value


def _same_direct(P: Problem, gains, cert) -> None:
    n = P.nvar + 1
    A = [list(r) + [ZERO] for r in P.A_ub] + [[-x for x in r] + [ONE] for r, _ in gains]
    b = list(P.b_ub) + [-k for _, k in gains]
    Aeq = [list(r) + [ZERO] for r in P.A_eq]
    Pd = Problem(n, list(P.bounds) + [(None, None)], A, b, Aeq, list(P.b_eq), [])
    from .union import _same_problem
    _same_problem(cert, Pd, [ZERO] * P.nvar + [ONE], [], (), "max")
