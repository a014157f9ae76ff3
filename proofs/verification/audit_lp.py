"""Lemma 12 on a finite type space: (29) on Lemma 11's family against an independently built LP.

Given the merit rule ``x^m`` of the construction (:mod:`.construction`; straddling types are
mixtures), the right-hand side of (29) for a set ``E`` of types is the largest interim audit mass
that ``k`` audits per profile can put on merit winners with types in ``E``:

    RHS(E) = max  sum_M Pr(M) sum_{l in E} c_l y(M, l)
             s.t. 0 <= y(M, l) <= x^m(M, l),   sum_l c_l y(M, l) <= k   (every profile M).

It is solved as an exact LP (:func:`exact.lp.solve_lp`; certified), not from the closed form
``E[min{|J^{p^m}(t, E)|, k}] = sum_M Pr(M) min{k, sum_{l in E} c_l x^m(M, l)}``, which it must
equal. Lemma 11's family ``[gamma, gamma_3] u [gamma', 1]`` becomes, on types: every type with
C^aud weight (the case-2.b aud region, straddlers included) together with the C^allo-only types
from some index on.
"""

from __future__ import annotations

from exact.lp import solve_lp
from exact.numbers import Q

from .construction import merit_rule, type_regions
from .mwg import interim_A
from .profiles import layout

__all__ = ["family_sets", "rhs_closed_form", "rhs_lp", "lemma_11_discrete", "lemma_12_discrete"]


def family_sets(regs: list) -> list:
    """Lemma 11's family on types (see the module docstring), as sorted tuples of indices."""
    aud = {l for l, r in enumerate(regs) if r.weights().get("aud", 0) > 0}
    allo_only = [l for l, r in enumerate(regs) if set(r.weights()) == {"allo"}]
    out = []
    for s in range(len(allo_only) + 1):
        E = tuple(sorted(aud | set(allo_only[s:])))
        if E and E not in out:
            out.append(E)
    return out


def rhs_closed_form(inst, lay, xm, E) -> Q:
    total = Q(0)
    by_profile: dict = {}
    for (mi, l), v in zip(lay.entries, xm):
        if l in E:
            by_profile[mi] = by_profile.get(mi, Q(0)) + lay.profiles[mi][l] * v
    for mi, s in by_profile.items():
        total += lay.prob[mi] * min(Q(inst.k), s)
    return total


def rhs_lp(inst, lay, xm, E):
    """The LP of the module docstring, solved exactly; returns the LPResult."""
    N = lay.E
    c = [lay.prob[mi] * lay.profiles[mi][l] if l in E else Q(0) for (mi, l) in lay.entries]
    rows: dict = {}
    for e, (mi, l) in enumerate(lay.entries):
        rows.setdefault(mi, [Q(0)] * N)[e] = Q(lay.profiles[mi][l])
    A_ub = list(rows.values())
    return solve_lp(c, A_ub=A_ub, b_ub=[Q(inst.k)] * len(A_ub),
                    bounds=[(Q(0), v) for v in xm], maximize=True)


def _setting(inst, ph):
    """``(regs, lay, xm, A, lhs)`` of the construction at ``phi`` (``lhs(E) = n sum_E pi A``), or
    None when a type straddles two cut-offs."""
    regs = type_regions(inst, ph)
    if regs is None:
        return None
    lay = layout(inst)
    A = interim_A(inst, ph)

    def lhs(E):
        return inst.n * sum((inst.probs[l] * A[l] for l in E), Q(0))
    return regs, lay, merit_rule(inst, regs, lay), A, lhs


def lemma_12_discrete(inst, ph) -> dict:
    """(29) on the family with the LP's right-hand side; None-free report for the claim."""
    st = _setting(inst, ph)
    if st is None:
        return {"applicable": False}
    regs, lay, xm, _A, lhs = st
    rows = []
    for E in family_sets(regs):
        res = rhs_lp(inst, lay, xm, E)
        closed = rhs_closed_form(inst, lay, xm, E)
        rows.append({"E": list(E), "lhs": lhs(E), "rhs_lp": res.value, "rhs_formula": closed,
                     "ok": res.status == "optimal" and res.value == closed
                     and lhs(E) <= res.value})
    return {"applicable": True, "sets": rows, "ok": all(r["ok"] for r in rows)}


def lemma_11_discrete(inst, ph) -> dict:
    """Lemma 11's reduction on types: no set of types beats Lemma 11's family (or E = empty).

    ``gap(E) = n sum_E pi A - E[min{|J^{p^m}(t, E)|, k}]`` over all ``2^L`` symmetric sets of
    types; Lemma 11 says (29) on the family implies (29) everywhere, checked here in the strong
    form ``max_E gap(E) = max(0, max_family gap)`` (``gap(empty) = 0``).
    """
    import itertools
    st = _setting(inst, ph)
    if st is None:
        return {"applicable": False}
    regs, lay, xm, _A, lhs = st

    def gap(E):
        return lhs(E) - rhs_closed_form(inst, lay, xm, E)
    fam = family_sets(regs)
    fam_max = max([gap(E) for E in fam] + [Q(0)])
    beats = [list(E) for r in range(1, inst.L + 1)
             for E in itertools.combinations(range(inst.L), r) if gap(E) > fam_max]
    return {"applicable": True, "family": [list(E) for E in fam], "family_max": fam_max,
            "sets": 2 ** inst.L, "beats_family": beats[:5], "ok": not beats}
