"""The relaxed problem (R) of Section 4, built from the definitions on a finite type space.

(R): maximise ``n sum_l pi_l v_l P(l)`` subject to (14) ``n sum_{j >= l} pi_j P(j) <= c_phi(q_l)``
for every type and (15) ``P >= phi``. Here the right-hand sides are *not* taken from the capacity
formulas of :mod:`.capacity`: each of (4), (5), (6) is recomputed from its meaning by enumerating
the multiset profiles (:mod:`.profiles`):

* (4) ``E[min{#agents with type >= l, m}]``,
* (5) ``m - n phi Pr[type < l]`` (the types below get at least phi each),
* (6) ``E[min{#agents with type >= l, k}] + n phi Pr[type >= l]`` (audits, plus phi for each
  agent above),

and every one of them is a separate row (no envelope). The LP is solved exactly by
:func:`exact.lp.solve_lp`, so a wrong envelope ``c_phi`` in :mod:`.mwg` is noticed (Lemma 4's
claim compares this optimum with the closed form).
"""

from __future__ import annotations

from exact.lp import solve_lp
from exact.numbers import Q

from .profiles import profile_prob, profiles
from .typespace import Instance

__all__ = ["upper_set_bounds", "relaxed_lp"]


def upper_set_bounds(inst: Instance, ph) -> list:
    """For each type ``l``: the bounds (4), (5), (6) on ``n sum_{j >= l} pi_j P(j)``."""
    n, m, k, L = inst.n, inst.m, inst.k, inst.L
    ph = Q(ph)
    out = []
    for l in range(L):
        allo = aud = Q(0)
        for M in profiles(n, L):
            pr = profile_prob(inst.probs, M)
            above = sum(M[l:])
            allo += pr * min(above, m)
            aud += pr * min(above, k)
        below = sum(inst.probs[:l], Q(0))
        out.append({"allo": allo, "ic": m - n * ph * below, "aud": aud + n * ph * (1 - below)})
    return out


def relaxed_lp(inst: Instance, ph):
    """Solve (R) at ``phi`` exactly; returns the :class:`exact.lp.LPResult` (variables P(l))."""
    n, L = inst.n, inst.L
    A_ub, b_ub = [], []
    for l, bounds in enumerate(upper_set_bounds(inst, ph)):
        row = [n * inst.probs[j] if j >= l else Q(0) for j in range(L)]
        for rhs in bounds.values():
            A_ub.append(row), b_ub.append(rhs)
    c = [n * p * v for p, v in zip(inst.probs, inst.values)]
    return solve_lp(c, A_ub=A_ub, b_ub=b_ub, bounds=[(Q(ph), None)] * L, maximize=True)
