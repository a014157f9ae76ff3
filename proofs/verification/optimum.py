"""Theorem 1 on finite type spaces: the exact LP over symmetric BIC ex-post mechanisms.

Variables (:mod:`.profiles`): ``x(M, l)``, ``y(M, l)`` for every entry of every multiset profile,
and the guarantee ``phi``. The LP (maximise ``n sum_l pi_l v_l P(l)``) has the rows

* ``y(M, l) - x(M, l) <= 0``                      (audit only winners, Definition 2),
* ``sum_l c_l x(M, l) <= m``, ``sum_l c_l y(M, l) <= k``   (capacities, per profile),
* ``phi - P(l) <= 0`` and ``P(l) - A(l) - phi <= 0``       (Lemma 1, linearised),

and bounds ``0 <= x, y <= 1``, ``0 <= phi <= m/n`` (both implied WLOG).

Certifying ``OPT = max_phi W(phi)`` uses the closed form twice (Section 4 and Appendix A.3):

* the **primal** witness is an ex-post implementation of the MWG rule at an optimal breakpoint
  ``phi*`` (Proposition 1: an exact feasibility LP with ``P = P_phi*``, ``A = P_phi* - phi*``);
* the **dual** is written down, not solved: each bound ``S_l <= c^lab_phi(q_l)`` of (4)-(6) is a
  non-negative combination of LP rows (capacity rows of the profiles where the cap binds, the
  guarantee rows below ``l`` for ``c^ic``, the BIC rows above ``l`` for ``c^aud``), weighted by
  ``v_l - v_{l-1}``; the labels binding just left and right of ``phi*`` are mixed so that the
  coefficient of ``phi`` vanishes (``0`` is a supergradient of the concave ``W`` at ``phi*``).
  Bound multipliers are the residual ``c - A^T y``.

The certificate passes :func:`exact.lpcert.check_certificate` (primal feasibility, dual
feasibility, equal values), so the verdict does not depend on any float.
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from exact.errors import CertificateError
from exact.lp import solve_lp
from exact.lpcert import FORMAT, check_certificate, seal
from exact.numbers import Q, to_jsonable

from .capacity import c_allo, c_aud, c_ic
from .mwg import S, W, breakpoints, interim_A, interim_P
from .profiles import Layout, layout
from .typespace import Instance

__all__ = ["OptLP", "opt_lp", "solve_opt", "implement", "closed_form_dual", "certify",
           "Theorem1Certificate"]


@dataclasses.dataclass(frozen=True)
class OptLP:
    """The (dense) LP data with named rows, and the layout it was built from."""

    lay: Layout
    c: list
    A_ub: list
    b_ub: list
    bounds: list
    rows: list          # row names: ("yx", e), ("capm", M), ("capk", M), ("guar", l), ("bic", l)

    @property
    def nvars(self) -> int:
        return len(self.c)


def opt_lp(inst: Instance, lay: Optional[Layout] = None) -> OptLP:
    """Build the LP of Theorem 1 for ``inst`` (maximisation, exact data)."""
    lay = lay or layout(inst)
    E, L, n = lay.E, inst.L, inst.n
    N = 2 * E + 1
    phi_j = 2 * E
    c = [Q(0)] * N
    for e, ((mi, l), w) in enumerate(zip(lay.entries, lay.weight)):
        c[e] = n * inst.probs[l] * inst.values[l] * w
    rows, A, b = [], [], []

    def row():
        return [Q(0)] * N

    for e in range(E):
        r = row()
        r[E + e], r[e] = Q(1), Q(-1)
        A.append(r), b.append(Q(0)), rows.append(("yx", e))
    by_profile: dict[int, list] = {}
    for e, (mi, l) in enumerate(lay.entries):
        by_profile.setdefault(mi, []).append((e, lay.profiles[mi][l]))
    for cap, off, name in ((inst.m, 0, "capm"), (inst.k, E, "capk")):
        for mi in range(len(lay.profiles)):
            r = row()
            for e, cnt in by_profile[mi]:
                r[off + e] = Q(cnt)
            A.append(r), b.append(Q(cap)), rows.append((name, mi))
    for l in range(L):
        r = row()
        r[phi_j] = Q(1)
        for e, ((mi, ll), w) in enumerate(zip(lay.entries, lay.weight)):
            if ll == l:
                r[e] = -w
        A.append(r), b.append(Q(0)), rows.append(("guar", l))
    for l in range(L):
        r = row()
        r[phi_j] = Q(-1)
        for e, ((mi, ll), w) in enumerate(zip(lay.entries, lay.weight)):
            if ll == l:
                r[e], r[E + e] = w, -w
        A.append(r), b.append(Q(0)), rows.append(("bic", l))
    bounds = [(Q(0), Q(1))] * (2 * E) + [(Q(0), Q(inst.m, n))]
    return OptLP(lay, c, A, b, bounds, rows)


def solve_opt(inst: Instance, method: str = "auto"):
    """Solve the LP of Theorem 1 with :func:`exact.lp.solve_lp` (the plain, generic route)."""
    lp = opt_lp(inst)
    return solve_lp(lp.c, A_ub=lp.A_ub, b_ub=lp.b_ub, bounds=lp.bounds, maximize=True,
                    method=method)


def implement(inst: Instance, ph, lay: Optional[Layout] = None):
    """Proposition 1 (discrete): an ex-post ``(x, y)`` inducing ``P_phi`` and ``A_phi = P_phi - phi``.

    Returns the :class:`exact.lp.LPResult` of the exact feasibility LP (status "optimal" with the
    witness ``x`` = the entry vector ``x`` followed by ``y``, or "infeasible" with a Farkas proof).
    """
    lay = lay or layout(inst)
    E = lay.E
    P, A = interim_P(inst, ph), interim_A(inst, ph)
    N = 2 * E
    A_ub, b_ub = [], []
    for e in range(E):
        r = [Q(0)] * N
        r[E + e], r[e] = Q(1), Q(-1)
        A_ub.append(r), b_ub.append(Q(0))
    by_profile: dict[int, list] = {}
    for e, (mi, l) in enumerate(lay.entries):
        by_profile.setdefault(mi, []).append((e, lay.profiles[mi][l]))
    for cap, off in ((inst.m, 0), (inst.k, E)):
        for mi in range(len(lay.profiles)):
            r = [Q(0)] * N
            for e, cnt in by_profile[mi]:
                r[off + e] = Q(cnt)
            A_ub.append(r), b_ub.append(Q(cap))
    A_eq, b_eq = [], []
    for target, off in ((P, 0), (A, E)):
        for l in range(inst.L):
            r = [Q(0)] * N
            for e, ((mi, ll), w) in enumerate(zip(lay.entries, lay.weight)):
                if ll == l:
                    r[off + e] = w
            A_eq.append(r), b_eq.append(target[l])
    return solve_lp([Q(0)] * N, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                    bounds=(Q(0), Q(1)))


def _labels(inst: Instance, ph, side: int) -> list:
    """For each grid point, a constraint binding at ``phi + side * eps`` (side = -1 or +1)."""
    n, m, k = inst.n, inst.m, inst.k
    out = []
    for x in inst.grid[:-1]:
        vals = {"allo": (c_allo(n, m, x), Q(0)), "aud": (c_aud(n, k, ph, x), n * (1 - x)),
                "ic": (c_ic(n, m, ph, x), -n * x)}
        # value then slope in phi, lexicographically smallest from the chosen side
        out.append(min(vals, key=lambda lab: (vals[lab][0], side * vals[lab][1])))
    return out


def _slope(inst: Instance, labels: list) -> Q:
    n, v, g = inst.n, inst.values, inst.grid
    sl = {"allo": lambda x: Q(0), "aud": lambda x: n * (1 - x), "ic": lambda x: -n * x}
    return sum(((v[l] - (v[l - 1] if l else 0)) * sl[lab](g[l]) for l, lab in enumerate(labels)),
               Q(0))


def closed_form_dual(inst: Instance, lp: OptLP, ph) -> list:
    """Row multipliers ``y_ub >= 0`` proving ``OPT <= W(phi)`` for an optimal breakpoint ``phi``."""
    lay = lp.lay
    left, right = _labels(inst, ph, -1), _labels(inst, ph, +1)
    bl, br = _slope(inst, left), _slope(inst, right)
    if bl == br:
        mix = [(right, Q(1))]
    else:
        lam = -br / (bl - br)          # lam * bl + (1 - lam) * br = 0
        lam = min(max(lam, Q(0)), Q(1))
        mix = [(left, lam), (right, 1 - lam)]
    index = {name: i for i, name in enumerate(lp.rows)}
    y = [Q(0)] * len(lp.rows)
    n, m, k = inst.n, inst.m, inst.k
    for labels, lam in mix:
        if lam == 0:
            continue
        for l, lab in enumerate(labels):
            om = lam * (inst.values[l] - (inst.values[l - 1] if l else 0))
            if om == 0:
                continue
            for mi, M in enumerate(lay.profiles):
                above = sum(M[l:])
                if lab == "allo" and above >= m:
                    y[index[("capm", mi)]] += om * lay.prob[mi]
                elif lab == "aud" and above >= k:
                    y[index[("capk", mi)]] += om * lay.prob[mi]
                elif lab == "ic":
                    y[index[("capm", mi)]] += om * lay.prob[mi]
            if lab == "aud":
                for j in range(l, inst.L):
                    y[index[("bic", j)]] += om * n * inst.probs[j]
            elif lab == "ic":
                for j in range(l):
                    y[index[("guar", j)]] += om * n * inst.probs[j]
    return y


@dataclasses.dataclass(frozen=True)
class Theorem1Certificate:
    """``OPT = max_phi W(phi)`` with the optimal breakpoint, the witness and a checked certificate."""

    value: Q
    phi: Q
    x: list
    certificate: dict


def _dot(u, v) -> Q:
    return sum((a * b for a, b in zip(u, v) if a and b), Q(0))


def certify(inst: Instance, ph=None, lay: Optional[Layout] = None) -> Theorem1Certificate:
    """Certify ``OPT = W(phi*)`` for the optimal breakpoint ``phi*`` (or the one given).

    Raises
    ------
    CertificateError
        if the MWG rule at ``phi*`` cannot be implemented (Proposition 1 fails) or the closed-form
        dual does not certify optimality -- i.e. when Theorem 1 fails on this instance.
    """
    lay = lay or layout(inst)
    if ph is None:
        vals = [(W(inst, p), p) for p in breakpoints(inst)]
        best = max(v for v, _ in vals)
        ph = max(p for v, p in vals if v == best)
    ph = Q(ph)
    lp = opt_lp(inst, lay)
    imp = implement(inst, ph, lay)
    if imp.status != "optimal":
        raise CertificateError(f"Proposition 1 fails: the MWG rule at phi = {ph} is not "
                               "implementable (Farkas certificate attached)")
    x = list(imp.x) + [ph]
    y = closed_form_dual(inst, lp, ph)
    N = lp.nvars
    At_y = [Q(0)] * N
    for row, yi in zip(lp.A_ub, y):
        if yi:
            for j, a in enumerate(row):
                if a:
                    At_y[j] += a * yi
    r = [cj - aj for cj, aj in zip(lp.c, At_y)]
    zl = [v if v < 0 else Q(0) for v in r]
    zu = [v if v > 0 else Q(0) for v in r]
    value = _dot(lp.c, x)
    cert = {"format": FORMAT, "status": "optimal", "sense": "max",
            "problem": {"c": lp.c, "A_ub": lp.A_ub, "b_ub": lp.b_ub, "A_eq": [], "b_eq": [],
                        "bounds": [[lo, hi] for lo, hi in lp.bounds]},
            "x": x, "value": value,
            "slack": {"ub": [bi - _dot(row, x) for row, bi in zip(lp.A_ub, lp.b_ub)],
                      "lower": [xj - lo for xj, (lo, hi) in zip(x, lp.bounds)],
                      "upper": [hi - xj for xj, (lo, hi) in zip(x, lp.bounds)]},
            "duals": {"ub": y, "eq": [], "lower": zl, "upper": zu}}
    cert = seal(to_jsonable(cert))
    check_certificate(cert)
    return Theorem1Certificate(value, ph, x, cert)
