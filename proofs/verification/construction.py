"""The paper's construction (Appendix A.5-A.7) on a finite type space: merit + lottery + audits.

Types are quantile intervals ``[q_l, q_{l+1}]``; the MWG interim rule is the chord version of
Definition 3 (:func:`proofs.verification.mwg.interim_P`). At a guarantee ``phi`` each type is

* *inside one region* (C^ic, C^aud or C^allo, from the exact envelope
  :func:`proofs.verification.regions.runs`): the merit rule of Definition 4 with random
  tie-breaking serves it -- an agent of type ``l`` in profile ``M`` with ``a`` agents of higher
  types and ``c_l`` of his own wins with probability ``min(1, max(0, cap - a) / c_l)``,
  ``cap = m`` on C^allo, ``k`` on C^aud, ``0`` on C^ic (Lemma 9: its interim is the chord of
  ``c^allo`` resp. ``c^aud - n (1 - q) phi``, checked exactly);
* *straddling one cut-off* (the generic case: the cut-offs gamma_1, gamma_3 are irrational,
  type boundaries rational): the chord ``P_phi(l)`` of the envelope lies between the chords of
  the two functions binding below and above the cut-off (concavity), so ``P_phi(l) =
  mu chord_upper + (1 - mu) chord_lower`` for one ``mu`` in ``[0, 1]`` (computed and range-checked
  exactly); the type is served by the mixture ``mu x^m_upper + (1 - mu) x^m_lower`` of the two
  regions' merit rules (the other types' merit does not depend on it: ranks count every agent),
  and its lottery share is ``phi`` times the weight of its non-C^allo part;
* *straddling two or more cut-offs*: not covered (reported as such).

Then, exactly as in A.5-A.7:

* Lemma 10 (discrete): the leftover objects ``m - sum_l c_l x^m(M, l)`` go to agents without a
  merit object (``c_l (1 - x^m(M, l))``) so that each type gets its lottery share -- an exact
  max-flow (Lemma 5's network);
* Lemma 13 (discrete): the audits ``A = P - phi`` fit among the merit winners (capacity ``k`` per
  profile, ``c_l x^m(M, l)`` per type) -- an exact max-flow;
* Theorem 1 (A.7): ``x = x^m + x^l`` and ``y`` from Lemma 13 induce ``(P_phi, A_phi)`` exactly
  and respect every capacity (:func:`proofs.verification.flows.check_witness`).
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from exact.numbers import Q

from . import regions
from .capacity import c_allo, c_aud, c_ic
from .flows import _route, check_witness
from .mwg import interim_A, interim_P
from .profiles import Layout, layout
from .typespace import Instance

__all__ = ["TypeRegion", "type_regions", "merit_rule", "lottery", "audits", "construct",
           "lottery_target"]


@dataclasses.dataclass(frozen=True)
class TypeRegion:
    """The region(s) of one type: ``lower`` (and ``upper`` with weight ``mu`` if it straddles)."""

    lower: str
    upper: Optional[str] = None
    mu: Q = Q(0)

    @property
    def straddles(self) -> bool:
        return self.upper is not None

    def weights(self) -> dict:
        """``{label: weight}`` of the regions serving the type."""
        if self.upper is None:
            return {self.lower: Q(1)}
        return {self.lower: 1 - self.mu, self.upper: self.mu}

    def to_json(self):
        return self.lower if self.upper is None else [self.lower, self.upper, str(self.mu)]


def _chord(inst: Instance, ph, l: int, label: str) -> Q:
    n, m, k, g = inst.n, inst.m, inst.k, inst.grid
    f = {"allo": lambda x: c_allo(n, m, x), "aud": lambda x: c_aud(n, k, ph, x),
         "ic": lambda x: c_ic(n, m, ph, x)}[label]
    return (f(g[l]) - f(g[l + 1])) / (n * inst.probs[l])


def type_regions(inst: Instance, ph, straddle: bool = True) -> Optional[list]:
    """The :class:`TypeRegion` of each type at ``phi``; None if some type cannot be served.

    With ``straddle=False`` only types inside one region are accepted (the original discrete
    construction). Raises ArithmeticError if a straddling type's mixture weight falls outside
    ``[0, 1]`` (it cannot, by concavity of the envelope; the check keeps that honest).
    """
    rs = regions.runs(inst.n, inst.m, inst.k, ph)
    g = inst.grid
    P = interim_P(inst, ph)
    out = []
    for l in range(inst.L):
        inside = [r for r in rs if r.left < g[l + 1] and r.right > g[l]]
        if len(inside) == 1:
            out.append(TypeRegion(inside[0].label))
            continue
        if len(inside) != 2 or not straddle:
            return None
        lo, hi = inside[0].label, inside[1].label
        a, b = _chord(inst, ph, l, lo), _chord(inst, ph, l, hi)
        if a == b:
            if P[l] != a:
                raise ArithmeticError(f"type {l}: chord {P[l]} differs from both regions' {a}")
            mu = Q(0)
        else:
            mu = (P[l] - a) / (b - a)
        if not 0 <= mu <= 1:
            raise ArithmeticError(f"type {l}: mixture weight {mu} outside [0, 1]")
        out.append(TypeRegion(lo, hi, mu))
    return out


def _cap(inst: Instance, label: str) -> int:
    return {"allo": inst.m, "aud": inst.k, "ic": 0}[label]


def merit_rule(inst: Instance, labels: list, lay: Optional[Layout] = None) -> list:
    """``x^m(M, l)`` for every entry (Definition 4 with random tie-breaking; mixtures for
    straddling types). ``labels`` holds :class:`TypeRegion` objects or plain labels."""
    lay = lay or layout(inst)
    regs = [r if isinstance(r, TypeRegion) else TypeRegion(r) for r in labels]
    out = []
    for mi, l in lay.entries:
        M = lay.profiles[mi]
        above = sum(M[l + 1:])
        out.append(sum((w * min(Q(1), Q(max(0, _cap(inst, lab) - above), M[l]))
                        for lab, w in regs[l].weights().items()), Q(0)))
    return out


def lottery_target(ph, regs: list) -> list:
    """Each type's interim share of the lottery: ``phi`` times its non-C^allo weight."""
    return [Q(ph) * sum((w for lab, w in r.weights().items() if lab != "allo"), Q(0))
            for r in regs]


def lottery(inst: Instance, ph, regs: list, xm: list, lay: Layout) -> Optional[list]:
    """Lemma 10: the lottery part ``x^l`` (interim :func:`lottery_target`), or None if none exists."""
    counts = [lay.profiles[mi][l] for mi, l in lay.entries]
    left = [Q(inst.m)] * len(lay.profiles)
    for (mi, l), c, v in zip(lay.entries, counts, xm):
        left[mi] -= c * v
    return _route(lay, left, [c * (1 - v) for c, v in zip(counts, xm)], lottery_target(ph, regs))


def audits(inst: Instance, ph, xm: list, lay: Layout) -> Optional[list]:
    """Lemma 13: audits ``y <= x^m`` with interim ``A = P - phi``, or None if infeasible."""
    counts = [lay.profiles[mi][l] for mi, l in lay.entries]
    return _route(lay, [inst.k] * len(lay.profiles), [c * v for c, v in zip(counts, xm)],
                  interim_A(inst, ph))


def construct(inst: Instance, ph, straddle: bool = True) -> dict:
    """Run the construction of A.7 at ``phi``; report each step (exact, re-checked).

    Returns ``{"applicable": False}`` when some type straddles two cut-offs; otherwise the
    regions, whether Lemma 9 (interim of the merit rule), Lemma 10 (lottery) and Lemma 13
    (audits) hold, and ``theorem_1`` when the assembled ``(x, y)`` passed the exact re-check.
    """
    lay = layout(inst)
    regs = type_regions(inst, ph, straddle)
    if regs is None:
        return {"applicable": False}
    xm = merit_rule(inst, regs, lay)
    P = interim_P(inst, ph)
    want = [p - t for p, t in zip(P, lottery_target(ph, regs))]
    lemma_9 = lay.interim(xm) == want
    xl = lottery(inst, ph, regs, xm, lay)
    y = audits(inst, ph, xm, lay)
    out = {"applicable": True, "labels": [r.to_json() for r in regs],
           "straddling": sum(r.straddles for r in regs), "lemma_9": lemma_9,
           "lemma_10": xl is not None, "lemma_13": y is not None}
    if xl is not None and y is not None:
        x = [a + b for a, b in zip(xm, xl)]
        check_witness(inst, ph, x, y, lay)          # raises if (x, y) does not induce (P, A)
        out["theorem_1"] = True
    return out
