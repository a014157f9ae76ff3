"""The paper's construction (Appendix A.5-A.7) on a finite type space: merit + lottery + audits.

For a breakpoint ``phi`` at which every type's quantile interval ``[q_l, q_{l+1}]`` lies inside
one region (C^ic, C^aud or C^allo; the cut-offs then sit on grid points), the merit rule of
Definition 4 with random tie-breaking is an explicit symmetric ex-post rule:
an agent of type ``l`` in profile ``M`` with ``a`` agents of higher types and ``c_l`` agents of
his own type wins with probability ``min(1, max(0, cap - a) / c_l)``, ``cap = m`` on C^allo,
``k`` on C^aud, ``0`` on C^ic.

* Lemma 10 (discrete): the leftover objects ``m - sum_l c_l x^m(M, l)`` can be given to agents
  without a merit object (``c_l (1 - x^m(M, l))``) so that every type in C^aud u C^ic wins with
  interim probability ``phi`` in the lottery -- an exact max-flow.
* Lemma 13 (discrete): the audits ``A = P - phi`` fit among the merit winners (capacity ``k`` per
  profile, ``c_l x^m(M, l)`` per type) -- an exact max-flow.
* Theorem 1 (A.7): ``x = x^m + x^l``, ``y`` from Lemma 13 induce ``(P_phi, A_phi)`` exactly.
"""

from __future__ import annotations

from typing import Optional

from exact.numbers import Q

from . import regions
from .flows import _route, check_witness
from .mwg import interim_A, interim_P
from .profiles import Layout, layout
from .typespace import Instance

__all__ = ["type_regions", "merit_rule", "lottery", "audits", "construct"]


def type_regions(inst: Instance, ph) -> Optional[list]:
    """The region of each type at ``phi``, or None if some type straddles a cut-off."""
    rs = regions.runs(inst.n, inst.m, inst.k, ph)
    g = inst.grid
    out = []
    for l in range(inst.L):
        run = [r for r in rs if r.left <= g[l] and r.right >= g[l + 1]]
        if not run:
            return None
        out.append(run[0].label)
    return out


def merit_rule(inst: Instance, labels: list, lay: Optional[Layout] = None) -> list:
    """``x^m(M, l)`` for every entry (Definition 4 with random tie-breaking)."""
    lay = lay or layout(inst)
    cap = {"allo": inst.m, "aud": inst.k, "ic": 0}
    out = []
    for mi, l in lay.entries:
        M = lay.profiles[mi]
        above = sum(M[l + 1:])
        out.append(min(Q(1), Q(max(0, cap[labels[l]] - above), M[l])))
    return out


def lottery(inst: Instance, ph, labels: list, xm: list, lay: Layout) -> Optional[list]:
    """Lemma 10: the lottery part ``x^l`` (interim ``phi 1{aud, ic}``), or None if none exists."""
    counts = [lay.profiles[mi][l] for mi, l in lay.entries]
    left = [Q(inst.m)] * len(lay.profiles)
    for (mi, l), c, v in zip(lay.entries, counts, xm):
        left[mi] -= c * v
    target = [Q(ph) if lab != "allo" else Q(0) for lab in labels]
    return _route(lay, left, [c * (1 - v) for c, v in zip(counts, xm)], target)


def audits(inst: Instance, ph, xm: list, lay: Layout) -> Optional[list]:
    """Lemma 13: audits ``y <= x^m`` with interim ``A = P - phi``, or None if infeasible."""
    counts = [lay.profiles[mi][l] for mi, l in lay.entries]
    return _route(lay, [inst.k] * len(lay.profiles), [c * v for c, v in zip(counts, xm)],
                  interim_A(inst, ph))


def construct(inst: Instance, ph) -> dict:
    """Run the construction of A.7 at ``phi``; report each step (exact, re-checked)."""
    lay = layout(inst)
    labels = type_regions(inst, ph)
    if labels is None:
        return {"applicable": False}
    xm = merit_rule(inst, labels, lay)
    P = interim_P(inst, ph)
    lemma_9 = lay.interim(xm) == [p - (Q(ph) if lab != "allo" else 0) for p, lab in zip(P, labels)]
    xl = lottery(inst, ph, labels, xm, lay)
    y = audits(inst, ph, xm, lay)
    out = {"applicable": True, "labels": labels, "lemma_9": lemma_9,
           "lemma_10": xl is not None, "lemma_13": y is not None}
    if xl is not None and y is not None:
        x = [a + b for a, b in zip(xm, xl)]
        check_witness(inst, ph, x, y, lay)          # raises if (x, y) does not induce (P, A)
        out["theorem_1"] = True
    return out
