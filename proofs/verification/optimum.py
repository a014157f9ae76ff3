"""Theorem 1 on finite type spaces: the exact LP over symmetric BIC ex-post mechanisms.

Variables (:mod:`.profiles`): ``x(M, l)``, ``y(M, l)`` for every entry of every multiset profile,
and the guarantee ``phi``. The LP (maximise ``n sum_l pi_l v_l P(l)``) has the rows

* ``y(M, l) - x(M, l) <= 0``                      (audit only winners, Definition 2),
* ``sum_l c_l x(M, l) <= m``, ``sum_l c_l y(M, l) <= k``   (capacities, per profile),
* ``phi - P(l) <= 0`` and ``P(l) - A(l) - phi <= 0``       (Lemma 1, linearised),

and bounds ``0 <= x, y <= 1``, ``0 <= phi <= m/n`` (both implied WLOG).

Certifying ``OPT = max_phi W(phi)`` uses the closed form twice (Section 4 and Appendix A.3):

* the **primal** witness is an ex-post implementation of the MWG rule at an optimal breakpoint
  ``phi*`` (Proposition 1, ``P = P_phi*``, ``A = P_phi* - phi*``): two exact max-flows
  (:mod:`.flows`), or an exact feasibility LP when the flow heuristic fails;
* the **dual** is written down, not solved: each bound ``S_l <= c^lab_phi(q_l)`` of (4)-(6) is a
  non-negative combination of LP rows (capacity rows of the profiles where the cap binds, the
  guarantee rows below ``l`` for ``c^ic``, the BIC rows above ``l`` for ``c^aud``), weighted by
  ``v_l - v_{l-1}``; the labels binding just left and right of ``phi*`` are mixed so that the
  coefficient of ``phi`` vanishes (``0`` is a supergradient of the concave ``W`` at ``phi*``).
  Bound multipliers are the residual ``c - A^T y``.

The certificate passes :func:`exact.lpcert.check_certificate` (primal feasibility, dual
feasibility, equal values), so the verdict does not depend on any float. It carries
``"kind": "lp-optimal"``: saved in a witness, ``exact replay`` re-checks it (:mod:`exact.checker`).
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from exact.errors import CertificateError
from exact.lp import solve_lp
from exact.lpcert import FORMAT
from exact.lpcert import certify as seal_checked
from exact.numbers import Q, to_jsonable

from .capacity import c_allo, c_aud, c_ic
from .mwg import W, breakpoints, interim_A, interim_P
from .profiles import Layout, layout
from .typespace import Instance

__all__ = ["OptLP", "opt_lp", "solve_opt", "implement", "closed_form_dual", "certify",
           "Theorem1Certificate", "witness", "check_sparse", "expost_ic_value"]


@dataclasses.dataclass(frozen=True)
class OptLP:
    """The LP data with sparse named rows (``{column: coefficient}``) and the layout."""

    lay: Layout
    c: list
    rows: list          # sparse rows: dict column -> coefficient
    b_ub: list
    bounds: list
    names: list         # ("yx", e), ("capm", M), ("capk", M), ("guar", l), ("bic", l)

    @property
    def nvars(self) -> int:
        return len(self.c)

    @property
    def A_ub(self) -> list:
        """Dense rows (for :func:`exact.lp.solve_lp` and :mod:`exact.lpcert`)."""
        out = []
        for r in self.rows:
            d = [Q(0)] * self.nvars
            for j, a in r.items():
                d[j] = a
            out.append(d)
        return out


def opt_lp(inst: Instance, lay: Optional[Layout] = None) -> OptLP:
    """Build the LP of Theorem 1 for ``inst`` (maximisation, exact data, sparse rows)."""
    lay = lay or layout(inst)
    E, L, n = lay.E, inst.L, inst.n
    N = 2 * E + 1
    phi_j = 2 * E
    c = [Q(0)] * N
    for e, ((mi, l), w) in enumerate(zip(lay.entries, lay.weight)):
        c[e] = n * inst.probs[l] * inst.values[l] * w
    names, rows, b = [], [], []
    for e in range(E):
        rows.append({E + e: Q(1), e: Q(-1)}), b.append(Q(0)), names.append(("yx", e))
    by_profile: dict[int, list] = {}
    for e, (mi, l) in enumerate(lay.entries):
        by_profile.setdefault(mi, []).append((e, lay.profiles[mi][l]))
    for cap, off, name in ((inst.m, 0, "capm"), (inst.k, E, "capk")):
        for mi in range(len(lay.profiles)):
            rows.append({off + e: Q(cnt) for e, cnt in by_profile[mi]})
            b.append(Q(cap)), names.append((name, mi))
    for l in range(L):
        r = {phi_j: Q(1)}
        for e, ((mi, ll), w) in enumerate(zip(lay.entries, lay.weight)):
            if ll == l:
                r[e] = -w
        rows.append(r), b.append(Q(0)), names.append(("guar", l))
    for l in range(L):
        r = {phi_j: Q(-1)}
        for e, ((mi, ll), w) in enumerate(zip(lay.entries, lay.weight)):
            if ll == l:
                r[e], r[E + e] = w, -w
        rows.append(r), b.append(Q(0)), names.append(("bic", l))
    bounds = [(Q(0), Q(1))] * (2 * E) + [(Q(0), Q(inst.m, n))]
    return OptLP(lay, c, rows, b, bounds, names)


def solve_opt(inst: Instance, method: str = "auto"):
    """Solve the LP of Theorem 1 with :func:`exact.lp.solve_lp` (the plain, generic route)."""
    lp = opt_lp(inst)
    return solve_lp(lp.c, A_ub=lp.A_ub, b_ub=lp.b_ub, bounds=lp.bounds, maximize=True,
                    method=method)


def expost_ic_value(inst: Instance):
    """Remark 1: the exact optimum when ex-post incentive constraints are added to the LP.

    For others' multiset ``O`` and types ``l != l'``: ``x(O + l, l) >= x(O + l', l') - y(O + l', l')``
    (truth-telling beats an unaudited win after misreporting, profile by profile).
    """
    from .profiles import profiles
    lp = opt_lp(inst)
    lay, E = lp.lay, lp.lay.E
    idx = {(lay.profiles[mi], l): e for e, (mi, l) in enumerate(lay.entries)}
    A, b = lp.A_ub, list(lp.b_ub)
    for O in profiles(inst.n - 1, inst.L):
        for l in range(inst.L):
            for l2 in range(inst.L):
                if l == l2:
                    continue
                Mt = tuple(c + (j == l) for j, c in enumerate(O))
                Mf = tuple(c + (j == l2) for j, c in enumerate(O))
                r = [Q(0)] * lp.nvars
                et, ef = idx[(Mt, l)], idx[(Mf, l2)]
                r[et] -= 1
                r[ef] += 1
                r[E + ef] -= 1
                A.append(r), b.append(Q(0))
    return solve_lp(lp.c, A_ub=A, b_ub=b, bounds=lp.bounds, maximize=True)


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
    index = {name: i for i, name in enumerate(lp.names)}
    y = [Q(0)] * len(lp.names)
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
    """``OPT = max_phi W(phi)``: the optimal breakpoint, the witness, the duals, how checked."""

    value: Q
    phi: Q
    x: list
    duals: dict
    witness_method: str
    certificate: Optional[dict]


def _dot(u, v) -> Q:
    return sum((a * b for a, b in zip(u, v) if a and b), Q(0))


def witness(inst: Instance, ph, lay: Optional[Layout] = None) -> tuple:
    """Proposition 1's ex-post ``(x, y)`` at ``phi``: two exact max-flows, else the exact LP.

    Returns ``(x_and_y, method)``; raises CertificateError (with the Farkas proof in the message)
    when the MWG rule at ``phi`` is not implementable.
    """
    from .flows import check_witness, two_stage_witness
    lay = lay or layout(inst)
    w = two_stage_witness(inst, ph, lay)
    if w is not None:
        check_witness(inst, ph, *w, lay=lay)
        return list(w[0]) + list(w[1]), "two-stage max-flow"
    imp = implement(inst, ph, lay)
    if imp.status != "optimal":
        raise CertificateError(f"Proposition 1 fails: the MWG rule at phi = {ph} is not "
                               f"implementable (Farkas bound {imp.farkas['bound']})")
    return list(imp.x), "exact LP"


def check_sparse(lp: OptLP, x: list, y: list) -> dict:
    """Exact optimality check on sparse rows: the conditions of :mod:`exact.lpcert`, sparse.

    Primal: ``A x <= b`` and bounds. Dual (maximisation): ``y >= 0``; the residual
    ``r = c - A^T y`` is put on the upper bounds where positive and on the lower bounds where
    negative; equal values ``c.x = b.y + hi.r+ + lo.r-``. Returns the duals; raises
    CertificateError naming the first failed condition.
    """
    N = lp.nvars
    for i, (row, bi) in enumerate(zip(lp.rows, lp.b_ub)):
        if sum((a * x[j] for j, a in row.items()), Q(0)) > bi:
            raise CertificateError(f"primal feasibility: row {lp.names[i]} violated")
    for j, (lo, hi) in enumerate(lp.bounds):
        if not lo <= x[j] <= hi:
            raise CertificateError(f"primal feasibility: bound of variable {j} violated")
    if any(v < 0 for v in y):
        raise CertificateError("dual feasibility: a row multiplier is negative")
    At_y = [Q(0)] * N
    for row, yi in zip(lp.rows, y):
        if yi:
            for j, a in row.items():
                At_y[j] += a * yi
    r = [cj - aj for cj, aj in zip(lp.c, At_y)]
    zl = [v if v < 0 else Q(0) for v in r]
    zu = [v if v > 0 else Q(0) for v in r]
    primal = _dot(lp.c, x)
    dual = (_dot(lp.b_ub, y) + sum((hi * z for (lo, hi), z in zip(lp.bounds, zu) if z), Q(0))
            + sum((lo * z for (lo, hi), z in zip(lp.bounds, zl) if z), Q(0)))
    if primal != dual:
        raise CertificateError(f"duality gap: c.x = {primal} but the dual bound is {dual}")
    return {"ub": y, "eq": [], "lower": zl, "upper": zu}


def certify(inst: Instance, ph=None, lay: Optional[Layout] = None,
            dense_certificate: bool = True) -> Theorem1Certificate:
    """Certify ``OPT = W(phi*)`` for the largest optimal breakpoint ``phi*`` (or the one given).

    The witness comes from :func:`witness`, the duals from :func:`closed_form_dual`; both are
    checked exactly by :func:`check_sparse`, and with ``dense_certificate`` also assembled into
    an :mod:`exact.lpcert` certificate (``"kind": "lp-optimal"``, so that :mod:`exact.checker`
    finds it inside a saved witness and re-checks it on replay), checked exactly and sealed by
    :func:`exact.lpcert.certify` (the same conditions as :func:`exact.lpcert.check_certificate`).

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
    xy, method = witness(inst, ph, lay)
    x = xy + [ph]
    y = closed_form_dual(inst, lp, ph)
    duals = check_sparse(lp, x, y)
    value = _dot(lp.c, x)
    cert = None
    if dense_certificate:
        cert = {"format": FORMAT, "kind": "lp-optimal", "status": "optimal", "sense": "max",
                "problem": {"c": lp.c, "A_ub": lp.A_ub, "b_ub": lp.b_ub, "A_eq": [], "b_eq": [],
                            "bounds": [[lo, hi] for lo, hi in lp.bounds]},
                "x": x, "value": value,
                "slack": {"ub": [bi - sum((a * x[j] for j, a in row.items()), Q(0))
                                 for row, bi in zip(lp.rows, lp.b_ub)],
                          "lower": [xj - lo for xj, (lo, hi) in zip(x, lp.bounds)],
                          "upper": [hi - xj for xj, (lo, hi) in zip(x, lp.bounds)]},
                "duals": duals}
        cert = seal_checked(to_jsonable(cert))     # exact re-check, then the digest seal
    return Theorem1Certificate(value, ph, x, duals, method, cert)
