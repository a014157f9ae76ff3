"""Which constraint binds where: the regions C^ic, C^allo, C^aud (Corollary 1, Lemma 7).

For a rational ``phi`` the three differences ``c^ic - c^allo``, ``c^ic - c^aud`` and
``c^allo - c^aud`` are polynomials in ``q`` with rational coefficients. Their roots in ``(0, 1)``
are isolated exactly (:func:`exact.algebraic.real_roots`); between consecutive roots exactly one
function is the strict minimum, found by exact evaluation at a rational point (the simplest
rational between the two roots, which depends on the numbers only, not on their intervals).
Merging equal labels gives the *runs* (label, left end, right end) of the lower envelope, with
algebraic end points.

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

from exact.algebraic import RealAlgebraic, real_roots

from .capacity import LABELS, c_allo_poly, c_aud_poly, c_ic_poly, phi, q

__all__ = ["Run", "dyadic_enclosure", "number_json", "interior_roots", "simplest_between",
           "between", "differences", "runs", "pattern", "cutoffs", "crossings", "lemma_7_prediction",
           "corrected_prediction", "disagreement", "COROLLARY_1", "Envelope", "envelope_runs",
           "envelope_crossings", "envelope_lemma_7", "envelope_corrected", "envelope_disagreement"]

#: Corollary 1: C^ic = [0, g1], C^allo >= [g1, g2) u [g3, 1], C^aud = [g2, g3]
COROLLARY_1 = re.compile(r"(ic ?)?(allo ?)?(aud ?)?(allo)?")


def dyadic_enclosure(x: RealAlgebraic, bits: int = 64) -> tuple:
    """A canonical isolating interval of ``x``: the dyadic cell ``[j, j + 1] / 2^b`` holding it.

    ``b >= bits`` is the least power-of-two multiple of ``bits`` at which the cell isolates ``x``
    among the real roots of its minimal polynomial; ``j = floor(x 2^b)`` is decided exactly (the
    interval is refined until its ends share the floor, which terminates because an irrational
    ``x`` is not dyadic); a rational ``x`` gives ``(x, x)``. Unlike the interval ``x`` carries
    (which depends on the comparisons made so far), the result depends on the number only, so
    saved witnesses are reproducible.
    """
    if x.is_rational:
        return x.value, x.value
    while True:
        scale = Q(2) ** bits
        x.refine(bits=bits + 2)
        while True:
            lo, hi = x.interval
            j = (lo * scale).floor()
            if j == (hi * scale).floor():
                break
            x.refine(bits=2 * max(bits + 2, (hi - lo).q.bit_length() - (hi - lo).p.bit_length()))
        a, b = j / scale, (j + 1) / scale
        if len(real_roots(x.minpoly, (a, b))) == 1:
            return a, b
        bits *= 2


def number_json(x: RealAlgebraic) -> dict:
    """JSON of an exact real algebraic number: its minimal polynomial (integer coefficients,
    highest degree first), a canonical isolating interval (:func:`dyadic_enclosure`) and 12
    correctly rounded digits."""
    lo, hi = dyadic_enclosure(x)
    return {"poly": [str(c) for c in reversed(x.minpoly.coeffs())],
            "interval": [str(lo), str(hi)], "digits": x.digits(12)}


def interior_roots(poly, lo=0, hi=1, open_left: bool = True,
                   open_right: bool = True) -> list[RealAlgebraic]:
    """The distinct real roots of the univariate ``poly`` in ``[lo, hi]``, ascending, exact
    (:func:`exact.algebraic.real_roots`), without ``lo`` / ``hi`` when the side is open."""
    lo, hi = as_q(lo), as_q(hi)
    return [r for r in real_roots(poly, (lo, hi))
            if not (open_left and r == lo) and not (open_right and r == hi)]


@dataclasses.dataclass
class Run:
    """A maximal interval ``[left, right]`` of quantiles on which ``label`` is the binding bound."""

    label: str
    left: RealAlgebraic
    right: RealAlgebraic

    def to_json(self) -> dict:
        return {"label": self.label, "left": number_json(self.left),
                "right": number_json(self.right)}


def _sq(x) -> sympy.Rational:
    x = as_q(x)
    return sympy.Rational(int(x.p), int(x.q))


@dataclasses.dataclass(frozen=True)
class Envelope:
    """Three constraint functions of ``q`` (labels ``"ic"``, ``"allo"``, ``"aud"``; sympy
    polynomials over QQ) whose lower envelope is studied.

    :meth:`of` builds the paper's ``c^ic_phi``, ``c^allo``, ``c^aud_phi`` at a rational ``phi``;
    any other triple (e.g. a test's synthetic one, to exercise a branch of Lemma 7 that the
    paper's functions never reach) goes through the same code.
    """

    polys: tuple          # ((label, sympy.Poly in q), ...) in LABELS order

    @staticmethod
    def of(n: int, m: int, k: int, ph) -> "Envelope":
        s = {phi: _sq(ph)}
        return Envelope.from_exprs({"allo": c_allo_poly(n, m).as_expr(),
                                    "aud": c_aud_poly(n, k).as_expr().subs(s),
                                    "ic": c_ic_poly(n, m).as_expr().subs(s)})

    @staticmethod
    def from_exprs(funcs: dict) -> "Envelope":
        """From ``{label: polynomial expression in q}`` (exact rational coefficients)."""
        return Envelope(tuple((lab, sympy.Poly(sympy.expand(funcs[lab]), q, domain="QQ"))
                              for lab in LABELS))

    def poly(self, label: str) -> sympy.Poly:
        return dict(self.polys)[label]

    def binding(self, x) -> tuple:
        """The labels whose function attains the minimum at the rational ``x`` (ties: all)."""
        xs = _sq(x)
        vals = {lab: p.eval(xs) for lab, p in self.polys}
        low = min(vals.values())
        return tuple(lab for lab in LABELS if vals[lab] == low)

    def differences(self) -> dict:
        """``{"ic-allo", "ic-aud", "allo-aud"}`` -> polynomial in ``q``."""
        P = dict(self.polys)
        return {"ic-allo": P["ic"] - P["allo"], "ic-aud": P["ic"] - P["aud"],
                "allo-aud": P["allo"] - P["aud"]}


def differences(n: int, m: int, k: int, ph) -> dict[str, sympy.Poly]:
    """``{"ic-allo", "ic-aud", "allo-aud"}`` -> polynomial in ``q`` at the rational ``phi``."""
    return Envelope.of(n, m, k, ph).differences()


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


def between(a: RealAlgebraic, b: RealAlgebraic) -> sympy.Rational:
    """The simplest rational strictly between two exact numbers ``a < b`` (Stern-Brocot).

    The simplest rational of the wider interval ``(lo(a), hi(b))`` is the simplest of ``(a, b)``
    as soon as it lies in ``(a, b)`` (checked exactly); otherwise both isolating intervals are
    refined. The result depends on ``a`` and ``b`` only, never on the intervals' history.
    """
    bits = 8
    while True:
        s = simplest_between(_sq(a.interval[0]), _sq(b.interval[1]))
        if a < s < b:
            return s
        a.refine(bits=bits)
        b.refine(bits=bits)
        bits *= 2


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
    return envelope_runs(Envelope.of(n, m, k, ph))


def envelope_runs(env: Envelope) -> list[Run]:
    """The runs of the lower envelope of ``env`` on ``[0, 1]`` (see :func:`runs`).

    Between consecutive roots of the non-zero differences a tie means two functions are
    identical (e.g. ``c^ic = c^aud`` when ``k = 0`` and ``phi = m/n``): the first label in
    LABELS order is taken.
    """
    pts: list[RealAlgebraic] = []
    for poly in env.differences().values():
        if poly.is_zero:
            continue
        for r in interior_roots(poly):
            if not any(r == p for p in pts):
                pts.append(r)
    pts.sort()
    bounds = [RealAlgebraic.from_rational(0)] + pts + [RealAlgebraic.from_rational(1)]
    out: list[Run] = []
    for a, b in zip(bounds, bounds[1:]):
        lab = env.binding(between(a, b))[0]
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
    g1 = rs[0].right if labels[0] == "ic" else RealAlgebraic.from_rational(0)
    if "aud" in labels:
        i = labels.index("aud")
        g2, g3 = rs[i].left, rs[i].right
    else:
        g2 = g3 = g1
    return {"gamma_1": g1, "gamma_2": g2, "gamma_3": g3}


def crossings(n: int, m: int, k: int, ph) -> dict:
    """Lemma 7's ``z1, z2`` (in ``(0, 1]``) and the interior roots ``r`` of ``c^allo - c^aud``."""
    return envelope_crossings(Envelope.of(n, m, k, ph))


def envelope_crossings(env: Envelope) -> dict:
    """:func:`crossings` of any :class:`Envelope`."""
    d = env.differences()
    z1 = interior_roots(d["ic-allo"], open_right=False) if not d["ic-allo"].is_zero else []
    z2 = interior_roots(d["ic-aud"], open_left=False, open_right=False) \
        if not d["ic-aud"].is_zero else []
    r = interior_roots(d["allo-aud"])
    return {"z1": z1[0] if z1 else None, "z2": z2[0] if z2 else None, "r": r}


def _case_1(env: Envelope) -> bool:
    """``phi <= (m-k)/n``, i.e. ``c^aud_phi(0) = k + n phi <= m = c^ic_phi(0)``."""
    return env.poly("aud").eval(0) <= env.poly("ic").eval(0)


def lemma_7_prediction(n: int, m: int, k: int, ph) -> tuple[str, list[tuple]]:
    """The case and the regions that Lemma 7 states, as ``(label, left, right)`` triples.

    The case is decided exactly as in the paper: case 1 when ``phi <= (m-k)/n``; case 2 when
    ``c^allo - c^aud`` has two interior roots ``r1 < r2`` (``phi <= phi-bar``), split into 2.a
    (``z1 < r1``) and 2.b (``z1 >= r1``); case 3 otherwise.
    """
    return envelope_lemma_7(Envelope.of(n, m, k, ph))


def envelope_lemma_7(env: Envelope) -> tuple[str, list[tuple]]:
    """:func:`lemma_7_prediction` for any :class:`Envelope`."""
    cr = envelope_crossings(env)
    z1, z2, r = cr["z1"], cr["z2"], cr["r"]
    one, zero = RealAlgebraic.from_rational(1), RealAlgebraic.from_rational(0)
    if _case_1(env):
        rr = r[-1] if r else one
        return "1", [("aud", zero, rr), ("allo", rr, one)]
    if len(r) >= 2:
        r1, r2 = r[0], r[1]
        if z1 is not None and z1 < r1:
            return "2.a", [("ic", zero, z2), ("allo", z2, r1), ("aud", r1, r2), ("allo", r2, one)]
        return "2.b", [("ic", zero, z2), ("aud", z2, r2), ("allo", r2, one)]
    return "3", [("ic", zero, z1), ("allo", z1, one), ("aud", one, one)]


def corrected_prediction(n: int, m: int, k: int, ph) -> tuple[str, list[tuple]]:
    """Lemma 7 with the errata fixed: the auditing region exists iff ``z2 < r2``; 2.a uses ``z1``."""
    return envelope_corrected(Envelope.of(n, m, k, ph))


def envelope_corrected(env: Envelope) -> tuple[str, list[tuple]]:
    """:func:`corrected_prediction` for any :class:`Envelope`."""
    cr = envelope_crossings(env)
    z1, z2, r = cr["z1"], cr["z2"], cr["r"]
    one, zero = RealAlgebraic.from_rational(1), RealAlgebraic.from_rational(0)
    if _case_1(env):
        rr = r[-1] if r else one
        return "1", [("aud", zero, rr), ("allo", rr, one)]
    if len(r) >= 2 and z2 is not None and z2 < r[-1]:
        r1, r2 = r[0], r[-1]
        if z1 is not None and z1 < r1:
            return "2.a", [("ic", zero, z1), ("allo", z1, r1), ("aud", r1, r2), ("allo", r2, one)]
        return "2.b", [("ic", zero, z2), ("aud", z2, r2), ("allo", r2, one)]
    return "3", [("ic", zero, z1 if z1 is not None else one), ("allo", z1 or one, one)]


def disagreement(n: int, m: int, k: int, ph, predicted: list[tuple]) -> Optional[dict]:
    """A rational quantile where the predicted region's function is not binding, or None.

    Sample points: a rational inside every gap between consecutive end points of the predicted
    and the true runs. At each, the predicted label (the first predicted interval containing the
    point; an inverted interval contains nothing) must be among the binding labels.
    """
    return envelope_disagreement(Envelope.of(n, m, k, ph), predicted)


def envelope_disagreement(env: Envelope, predicted: list[tuple]) -> Optional[dict]:
    """:func:`disagreement` for any :class:`Envelope`."""
    true = envelope_runs(env)
    pts = [RealAlgebraic.from_rational(0), RealAlgebraic.from_rational(1)]
    for lab, a, b in predicted:
        pts += [a, b]
    for r in true:
        pts += [r.left, r.right]
    uniq: list[RealAlgebraic] = []
    for p in pts:
        if not any(p == u for u in uniq):
            uniq.append(p)
    uniq.sort()
    for a, b in zip(uniq, uniq[1:]):
        x = between(a, b)
        inside = [lab for lab, lo, hi in predicted if lo <= x <= hi]
        labs = env.binding(x)
        if not inside or inside[0] not in labs:
            return {"q": as_q(x), "predicted_label": inside[0] if inside else None,
                    "binding": list(labs), "true_pattern": pattern(true)}
    return None
