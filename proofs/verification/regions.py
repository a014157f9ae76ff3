"""Which constraint binds where: the regions C^ic, C^allo, C^aud (Corollary 1, Lemma 7).

For a rational ``phi`` the three differences ``c^ic - c^allo``, ``c^ic - c^aud`` and
``c^allo - c^aud`` are polynomials in ``q`` with rational coefficients. Their roots in ``(0, 1)``
are isolated exactly (:mod:`.algebraic`); between consecutive roots exactly one function is the
strict minimum, found by exact evaluation at a rational point. Merging equal labels gives the
*runs* (label, left end, right end) of the lower envelope, with algebraic end points.

Lemma 7's own prediction (cases 1, 2.a, 2.b, 3 with ``z1, z2, r1, r2`` and the threshold
``phi-bar``) and a corrected prediction are computed from the same roots, so that the claim in
:mod:`.claims` can compare statement and truth.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional

import sympy

from exact.numbers import Q, as_q

from .algebraic import Algebraic, rational, roots_in
from .capacity import binding, c_allo_poly, c_aud_poly, c_ic_poly, phi, q

__all__ = ["Run", "simplest_between", "differences", "runs", "pattern", "cutoffs", "crossings", "lemma_7_prediction",
           "corrected_prediction", "disagreement", "COROLLARY_1"]

#: Corollary 1: C^ic = [0, g1], C^allo >= [g1, g2) u [g3, 1], C^aud = [g2, g3]
COROLLARY_1 = re.compile(r"(ic ?)?(allo ?)?(aud ?)?(allo)?")


@dataclasses.dataclass
class Run:
    """A maximal interval ``[left, right]`` of quantiles on which ``label`` is the binding bound."""

    label: str
    left: Algebraic
    right: Algebraic

    def to_json(self) -> dict:
        return {"label": self.label, "left": self.left.to_json(), "right": self.right.to_json()}


def _sq(x) -> sympy.Rational:
    x = as_q(x)
    return sympy.Rational(int(x.p), int(x.q))


def differences(n: int, m: int, k: int, ph) -> dict[str, sympy.Poly]:
    """``{"ic-allo", "ic-aud", "allo-aud"}`` -> polynomial in ``q`` at the rational ``phi``."""
    s = {phi: _sq(ph)}
    ca = c_allo_poly(n, m).as_expr()
    cu = c_aud_poly(n, k).as_expr().subs(s)
    ci = c_ic_poly(n, m).as_expr().subs(s)
    return {name: sympy.Poly(sympy.expand(e), q, domain="QQ")
            for name, e in (("ic-allo", ci - ca), ("ic-aud", ci - cu), ("allo-aud", ca - cu))}


def _label_at(n, m, k, ph, x: sympy.Rational) -> str:
    labs = binding(n, m, k, Q(ph), Q(int(x.p), int(x.q)))
    # between consecutive roots of the non-zero differences, a tie means two functions are
    # identical (e.g. c^ic = c^aud when k = 0 and phi = m/n): take the first in LABELS order
    return labs[0]


def simplest_between(lo: sympy.Rational, hi: sympy.Rational) -> sympy.Rational:
    """The rational with the smallest denominator strictly inside ``(lo, hi)`` (Stern-Brocot)."""
    import math
    fl = math.floor(lo)
    if fl + 1 < hi:
        return sympy.Integer(fl + 1)
    # lo and hi share the integer part fl: recurse on the reciprocals of the fractional parts
    a, b = lo - fl, hi - fl
    if a == 0:
        den = math.floor(1 / b) + 1
        return fl + sympy.Rational(1, den)
    return fl + 1 / simplest_between(1 / b, 1 / a)


def _between(a: Algebraic, b: Algebraic) -> sympy.Rational:
    """A simple rational strictly between two distinct algebraic numbers ``a < b``."""
    while not a.hi < b.lo:
        a.refine((a.hi - a.lo) / 4)
        b.refine((b.hi - b.lo) / 4)
    lo = a.hi if not a.is_rational else a.lo
    hi = b.lo
    # widen to the open gap between the two roots as far as the intervals allow
    return simplest_between(lo, hi)


def runs(n: int, m: int, k: int, ph) -> list[Run]:
    """The runs of the lower envelope ``c_phi`` on ``[0, 1]``, bottom to top.

    Parameters
    ----------
    n, m, k : int
    ph : rational
        the guarantee ``phi``.

    Returns
    -------
    list of Run
        consecutive runs with distinct labels; ends are exact algebraic numbers.
    """
    pts: list[Algebraic] = []
    for poly in differences(n, m, k, ph).values():
        if poly.is_zero:
            continue
        for r in roots_in(poly, 0, 1, open_left=True, open_right=True):
            if not any(r.compare(p) == 0 for p in pts):
                pts.append(r)
    import functools
    pts.sort(key=functools.cmp_to_key(lambda s, t: s.compare(t)))
    bounds = [rational(0)] + pts + [rational(1)]
    out: list[Run] = []
    for a, b in zip(bounds, bounds[1:]):
        lab = _label_at(n, m, k, ph, _between(a, b))
        if out and out[-1].label == lab:
            out[-1].right = b
        else:
            out.append(Run(lab, a, b))
    return out


def pattern(rs: list[Run]) -> str:
    """The labels of the runs separated by spaces, e.g. ``"ic aud allo"``."""
    return " ".join(r.label for r in rs)


def cutoffs(rs: list[Run]) -> Optional[dict]:
    """``gamma_1 <= gamma_2 <= gamma_3`` of Corollary 1 read off the runs (None if no match)."""
    if not COROLLARY_1.fullmatch(pattern(rs)) or not rs:
        return None
    labels = [r.label for r in rs]
    g1 = rs[0].right if labels[0] == "ic" else rational(0)
    if "aud" in labels:
        i = labels.index("aud")
        g2, g3 = rs[i].left, rs[i].right
    else:
        g2 = g3 = g1
    return {"gamma_1": g1, "gamma_2": g2, "gamma_3": g3}


def crossings(n: int, m: int, k: int, ph) -> dict:
    """Lemma 7's ``z1, z2`` (in ``(0, 1]``) and the interior roots ``r`` of ``c^allo - c^aud``."""
    d = differences(n, m, k, ph)
    z1 = roots_in(d["ic-allo"], 0, 1, open_left=True) if not d["ic-allo"].is_zero else []
    z2 = roots_in(d["ic-aud"], 0, 1) if not d["ic-aud"].is_zero else []
    r = roots_in(d["allo-aud"], 0, 1, open_left=True, open_right=True)
    return {"z1": z1[0] if z1 else None, "z2": z2[0] if z2 else None, "r": r}


def lemma_7_prediction(n: int, m: int, k: int, ph) -> tuple[str, list[tuple]]:
    """The case and the regions that Lemma 7 states, as ``(label, left, right)`` triples.

    The case is decided exactly as in the paper: case 1 when ``phi <= (m-k)/n``; case 2 when
    ``c^allo - c^aud`` has two interior roots ``r1 < r2`` (``phi <= phi-bar``), split into 2.a
    (``z1 < r1``) and 2.b (``z1 >= r1``); case 3 otherwise.
    """
    ph = Q(ph)
    cr = crossings(n, m, k, ph)
    z1, z2, r = cr["z1"], cr["z2"], cr["r"]
    one, zero = rational(1), rational(0)
    if ph <= Q(m - k, n):
        rr = r[-1] if r else one
        return "1", [("aud", zero, rr), ("allo", rr, one)]
    if len(r) >= 2:
        r1, r2 = r[0], r[1]
        if z1 is not None and z1.compare(r1) < 0:
            return "2.a", [("ic", zero, z2), ("allo", z2, r1), ("aud", r1, r2), ("allo", r2, one)]
        return "2.b", [("ic", zero, z2), ("aud", z2, r2), ("allo", r2, one)]
    return "3", [("ic", zero, z1), ("allo", z1, one), ("aud", one, one)]


def corrected_prediction(n: int, m: int, k: int, ph) -> tuple[str, list[tuple]]:
    """Lemma 7 with the errata fixed: the auditing region exists iff ``z2 < r2``; 2.a uses ``z1``."""
    ph = Q(ph)
    cr = crossings(n, m, k, ph)
    z1, z2, r = cr["z1"], cr["z2"], cr["r"]
    one, zero = rational(1), rational(0)
    if ph <= Q(m - k, n):
        rr = r[-1] if r else one
        return "1", [("aud", zero, rr), ("allo", rr, one)]
    if len(r) >= 2 and z2 is not None and z2.compare(r[-1]) < 0:
        r1, r2 = r[0], r[-1]
        if z1 is not None and z1.compare(r1) < 0:
            return "2.a", [("ic", zero, z1), ("allo", z1, r1), ("aud", r1, r2), ("allo", r2, one)]
        return "2.b", [("ic", zero, z2), ("aud", z2, r2), ("allo", r2, one)]
    return "3", [("ic", zero, z1 if z1 is not None else one), ("allo", z1 or one, one)]


def disagreement(n: int, m: int, k: int, ph, predicted: list[tuple]) -> Optional[dict]:
    """A rational quantile where the predicted region's function is not binding, or None.

    Sample points: a rational inside every gap between consecutive end points of the predicted
    and the true runs. At each, the predicted label (the first predicted interval containing the
    point; an inverted interval contains nothing) must be among the binding labels.
    """
    true = runs(n, m, k, ph)
    pts = [rational(0), rational(1)]
    for lab, a, b in predicted:
        pts += [a, b]
    for r in true:
        pts += [r.left, r.right]
    uniq: list[Algebraic] = []
    for p in pts:
        if not any(p.compare(u) == 0 for u in uniq):
            uniq.append(p)
    import functools
    uniq.sort(key=functools.cmp_to_key(lambda s, t: s.compare(t)))
    for a, b in zip(uniq, uniq[1:]):
        x = _between(a, b)
        inside = [lab for lab, lo, hi in predicted if lo.compare(x) <= 0 and hi.compare(x) >= 0]
        labs = binding(n, m, k, Q(ph), Q(int(x.p), int(x.q)))
        if not inside or inside[0] not in labs:
            return {"q": as_q(x), "predicted_label": inside[0] if inside else None,
                    "binding": list(labs), "true_pattern": pattern(true)}
    return None
