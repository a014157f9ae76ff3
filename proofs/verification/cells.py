"""Lemmas 10-13 in the continuous model on symmetric unions of quantile cells, exactly.

At a rational guarantee ``phi`` the cut-offs ``gamma_1 <= gamma_3`` are algebraic numbers (exact
roots, :func:`proofs.verification.regions.runs`). Split ``[0, 1]`` into *cells*: the regions
C^ic, C^aud, C^allo, each cut further at a few rational points. For a symmetric set ``E`` that is
a union of cells every quantity of Lemmas 10-13 depends only on how many of the ``n`` agents fall
in each cell (appendix note, Sections 1.4 and 2.4): inside a cell all agents share a region and
E-membership, and ranks within a cell decide *who* wins a merit object, not *how many*. With
counts ``N`` (multinomial, cell lengths ``len_c``) and ``a_c`` agents in higher cells, the merit
rule of Definition 4 gives ``w_c = clamp(cap - a_c, 0, N_c)`` objects in cell ``c`` (``cap = m``
on C^allo, ``k`` on C^aud, ``0`` on C^ic) and

* Lemma 10, (27): ``gap_10(E) = n phi |E n (C^ic u C^aud)| - E_N[min{sum_{c in E} (N_c - w_c),
  m - sum_c w_c}]`` (the lottery exists iff ``gap_10 <= 0`` for every E, Lemma 5);
* Lemmas 11-13, (29): ``gap_13(E) = n int_E A - E_N[min{sum_{c in E} w_c, k}]`` with
  ``n int_{[a,b]} A = c_phi(a) - c_phi(b) - n phi (b - a)`` off C^ic and ``0`` on C^ic.

Each gap is a polynomial in the cell end points, hence a number of ``Q(gamma_1, gamma_3)``. We
evaluate it in rigorous ball arithmetic (python-flint ``arb``, the cut-offs enclosed by their
isolating intervals); a sign is accepted only when the ball excludes 0, and a ball that contains 0
is settled exactly: the gap as a polynomial in ``x = gamma_1``, ``y = gamma_3`` (``fmpq_mpoly``)
is reduced modulo their minimal polynomials, and a zero remainder proves the value is 0.
Anything else is reported undecided (never as holding).

Checked, over *all* ``2^C`` symmetric unions of the cells:

* Lemma 10: every ``gap_10 <= 0``, and the maximum is attained on the proof's reduced family
  ``G = {[g, gamma_3], C^ic u [g, gamma_3] : g in [gamma_2, gamma_3]}`` (its reduction);
* Lemma 11: the maximum of ``gap_13`` over all unions equals its maximum over Lemma 11's family
  ``[gamma, gamma_3] u [gamma', 1]`` (``gamma in [gamma_1, gamma_2]``, ``gamma' in [gamma_3, 1]``);
* Lemma 12: ``gap_13 <= 0`` on that family;
* Lemma 13 (with Lemma 3): ``gap_13 <= 0`` for every union.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from math import comb, factorial
from typing import Optional

from flint import arb, ctx as flint_ctx, fmpq_mpoly_ctx, fmpq_poly

from exact.algebraic import RealAlgebraic
from exact.numbers import Q

from . import regions
from .cases import inner_rationals

__all__ = ["Cell", "CellModel", "cell_model", "check_cells", "PREC"]

PREC = 256
_XY = fmpq_mpoly_ctx.get(("x", "y"), "lex")


@dataclasses.dataclass(frozen=True)
class Cell:
    """A cell ``[a, b]`` of quantiles in one region; ``a``/``b`` are keys into the point table."""

    a: int
    b: int
    label: str


def _em_coeffs(n: int, r: int) -> fmpq_poly:
    q = fmpq_poly([0, 1])
    out = fmpq_poly([0])
    for i in range(1, n + 1):
        out += min(i, r) * comb(n, i) * (1 - q) ** i * q ** (n - i)
    return out


class CellModel:
    """The cells at one ``(n, m, k, phi)`` with exact end points and both representations."""

    def __init__(self, n: int, m: int, k: int, ph, per_region: int = 2):
        self.n, self.m, self.k, self.phi = n, m, k, Q(ph)
        rs = regions.runs(n, m, k, self.phi)
        self.pattern = regions.pattern(rs)
        # points: index -> (RealAlgebraic, mpoly in x, y, arb ball)
        self.alg: list = []
        self.symbols: dict = {}                   # "x"/"y" -> RealAlgebraic
        self._poly: list = []
        self._ball: list = []
        flint_ctx.prec = PREC
        cuts = [r.right for r in rs[:-1]]
        names = iter("xy")
        self.cut_names = []
        for c in cuts:
            if c.is_rational:
                self.cut_names.append(None)
            else:
                name = next(names, None)
                if name is None:
                    raise ValueError("more than two irrational cut-offs")
                self.symbols[name] = c
                self.cut_names.append(name)
        self.cells: list[Cell] = []
        bounds = [RealAlgebraic.from_rational(0)] + cuts + [RealAlgebraic.from_rational(1)]
        names_at = [None] + self.cut_names + [None]
        for i, r in enumerate(rs):
            lo_i = self._point(bounds[i], names_at[i])
            a = bounds[i]
            b = bounds[i + 1]
            inner = inner_rationals(a, b, per_region)
            prev = lo_i
            for x in inner:
                j = self._point(RealAlgebraic.from_rational(x), None)
                self.cells.append(Cell(prev, j, r.label))
                prev = j
            hi_i = self._point(b, names_at[i + 1])
            self.cells.append(Cell(prev, hi_i, r.label))
        self.cutoffs = {"gamma_1": bounds[1] if rs[0].label == "ic" else bounds[0]}
        labels = [r.label for r in rs]
        if "aud" in labels:
            i = labels.index("aud")
            self.cutoffs["gamma_2"], self.cutoffs["gamma_3"] = bounds[i], bounds[i + 1]
        else:
            self.cutoffs["gamma_2"] = self.cutoffs["gamma_3"] = self.cutoffs["gamma_1"]
        self.em, self.ek = _em_coeffs(n, m), _em_coeffs(n, k)
        self._rows: dict = {}

    def _point(self, value: RealAlgebraic, name: Optional[str]) -> int:
        for i, v in enumerate(self.alg):
            if v == value:
                return i
        self.alg.append(value)
        if name is None:
            v = value.value
            self._poly.append(_XY.from_dict({(0, 0): v}))
            self._ball.append(arb(v))
        else:
            g = _XY.gens()[0 if name == "x" else 1]
            self._poly.append(g)
            lo, hi = value.refine(bits=PREC + 16)
            self._ball.append(arb((Q(lo) + Q(hi)) / 2, (Q(hi) - Q(lo)) / 2))
        return len(self.alg) - 1

    # -- the two representations of a polynomial expression in the points ------------------------
    def _length(self, c: Cell, rep: str):
        P = self._poly if rep == "poly" else self._ball
        return P[c.b] - P[c.a]

    def _c(self, label: str, i: int, rep: str):
        """``c^label_phi`` at point ``i``."""
        P = self._poly if rep == "poly" else self._ball
        x = P[i]
        ph = self.phi if rep == "poly" else arb(self.phi)
        if label == "allo":
            return _horner(self.em, x, rep)
        if label == "aud":
            return _horner(self.ek, x, rep) + self.n * ph * (1 - x)
        return self.m - self.n * ph * x

    def compositions(self):
        """Every count vector ``N`` of the ``n`` agents over the cells, with its merit winners."""
        C = len(self.cells)
        caps = {"allo": self.m, "aud": self.k, "ic": 0}
        for N in _compositions(self.n, C):
            w = [0] * C
            above = 0
            for c in range(C - 1, -1, -1):
                w[c] = max(0, min(N[c], caps[self.cells[c].label] - above))
                above += N[c]
            yield N, w

    @functools.cached_property
    def _weights(self) -> dict:
        """``Pr(N)`` for every composition in both representations."""
        out = {}
        lens_b = [self._length(c, "ball") for c in self.cells]
        lens_p = [self._length(c, "poly") for c in self.cells]
        for N, w in self.compositions():
            coef = factorial(self.n)
            for x in N:
                coef //= factorial(x)
            b, p = arb(coef), _XY.from_dict({(0, 0): coef})
            for L, Lp, x in zip(lens_b, lens_p, N):
                if x:
                    b *= L ** x
                    p *= Lp ** x
            out[N] = (w, b, p)
        return out

    def gap(self, kind: str, E: frozenset, rep: str = "ball", lhs_only: bool = False):
        """``gap_10`` (kind "lottery") or ``gap_13`` (kind "audit") of the union of cells ``E``."""
        idx = 1 if rep == "ball" else 2
        zero = arb(0) if rep == "ball" else _XY.from_dict({})
        ph = self.phi if rep == "poly" else arb(self.phi)
        lhs = zero
        for j in E:
            c = self.cells[j]
            if kind == "lottery":
                if c.label != "allo":
                    lhs += self.n * ph * self._length(c, rep)
            elif c.label != "ic":
                lhs += (self._c(c.label, c.a, rep) - self._c(c.label, c.b, rep)
                        - self.n * ph * self._length(c, rep))
        if lhs_only:
            return lhs
        rhs = zero
        for N, entry in self._weights.items():
            w = entry[0]
            if kind == "lottery":
                v = min(sum(N[j] - w[j] for j in E), self.m - sum(w))
            else:
                v = min(sum(w[j] for j in E), self.k)
            if v:
                rhs += v * entry[idx]
        return lhs - rhs

    @functools.lru_cache(maxsize=4)
    def all_gaps(self, kind: str) -> list:
        """The ball of ``gap(E)`` for every union, indexed by the bit mask of its cells.

        The right-hand sides of all ``2^C`` unions are one product ``V b`` of the integer
        matrix ``V[E, N]`` (the min{...} term, filled by a subset-sum recursion) with the ball
        vector of the compositions' probabilities (flint ``arb_mat``).
        """
        from flint import arb_mat
        C = len(self.cells)
        M = 1 << C
        comps = list(self._weights.items())
        rows = [[0] * len(comps) for _ in range(M)]
        for ci, (N, (w, _b, _p)) in enumerate(comps):
            d = [N[j] - w[j] for j in range(C)] if kind == "lottery" else w
            cap = self.m - sum(w) if kind == "lottery" else self.k
            acc = [0] * M
            for mask in range(1, M):
                low = mask & -mask
                acc[mask] = acc[mask ^ low] + d[low.bit_length() - 1]
                v = acc[mask] if acc[mask] < cap else cap
                if v:
                    rows[mask][ci] = v
        self._rows[kind] = rows
        rhs = arb_mat(rows) * arb_mat([[b] for _N, (_w, b, _p) in comps])
        ph = arb(self.phi)
        lhs_cell = []
        for c in self.cells:
            if kind == "lottery":
                lhs_cell.append(self.n * ph * self._length(c, "ball") if c.label != "allo"
                                else arb(0))
            elif c.label != "ic":
                lhs_cell.append(self._c(c.label, c.a, "ball") - self._c(c.label, c.b, "ball")
                                - self.n * ph * self._length(c, "ball"))
            else:
                lhs_cell.append(arb(0))
        lhs = [arb(0)] * M
        for mask in range(1, M):
            low = mask & -mask
            lhs[mask] = lhs[mask ^ low] + lhs_cell[low.bit_length() - 1]
        return [lhs[mask] - rhs[mask, 0] for mask in range(M)]

    def ball(self, kind: str, E: frozenset):
        """``gap(E)`` as a ball (from :meth:`all_gaps`)."""
        return self.all_gaps(kind)[sum(1 << j for j in E)]

    def exact_zero(self, value) -> bool:
        """True iff the polynomial ``value`` in ``x, y`` reduces to 0 modulo the cut-offs'
        minimal polynomials (so its value at ``(gamma_1, gamma_3)`` is exactly 0)."""
        r = value
        for name, var in (("x", 0), ("y", 1)):
            if name in self.symbols:
                r = _reduce(r, fmpq_poly(self.symbols[name].minpoly), var)
        return r.is_zero()

    def sign(self, kind: str, E: frozenset, other: Optional[frozenset] = None,
             tied: tuple = ()) -> Optional[int]:
        """Exact sign of ``gap(E)`` (or of ``gap(E) - gap(other)``); None if undecided.

        ``tied``: sets already proved to have exactly the gap of ``other``; a set among them with
        the same min{...} term for every composition settles a tie by the left-hand sides alone.
        """
        b = self.ball(kind, E)
        if other is not None:
            b = b - self.ball(kind, other)
        if b > 0:
            return 1
        if b < 0:
            return -1
        if other is not None:
            rows = self._rows[kind]
            row = rows[sum(1 << j for j in E)]
            for F in (other,) + tuple(tied):
                if rows[sum(1 << j for j in F)] == row:
                    d = self.lhs_poly(kind, E) - self.lhs_poly(kind, F)
                    if self.exact_zero(d):
                        return 0
        p = self.poly_gap(kind, E)
        if other is not None:
            p = p - self.poly_gap(kind, other)
        return 0 if self.exact_zero(p) else None

    @functools.lru_cache(maxsize=256)
    def poly_gap(self, kind: str, E: frozenset):
        """``gap(E)`` as a polynomial in ``x = gamma_1``, ``y = gamma_3`` (exact)."""
        return self.gap(kind, E, "poly")

    def lhs_poly(self, kind: str, E: frozenset):
        """The left-hand side of ``gap(E)`` as a polynomial in ``x, y``."""
        return self.gap(kind, E, "poly", lhs_only=True)


def _horner(poly: fmpq_poly, x, rep: str):
    coeffs = poly.coeffs()
    acc = arb(0) if rep == "ball" else _XY.from_dict({})
    for c in reversed(coeffs):
        acc = acc * x + (arb(c) if rep == "ball" else c)
    return acc


def _reduce(p, minpoly: fmpq_poly, var: int):
    """Remainder of ``p`` modulo ``minpoly`` in variable ``var`` (0: x, 1: y)."""
    d = minpoly.degree()
    lead = minpoly.coeffs()[-1]
    low = {i: -c / lead for i, c in enumerate(minpoly.coeffs()[:-1])}    # x^d = sum low_i x^i
    terms = dict(p.to_dict())
    while True:
        high = [e for e in terms if e[var] >= d]
        if not high:
            break
        e = max(high, key=lambda t: t[var])
        c = terms.pop(e)
        for i, a in low.items():
            if a:
                e2 = list(e)
                e2[var] = e[var] - d + i
                e2 = tuple(e2)
                terms[e2] = terms.get(e2, 0) + c * a
                if terms[e2] == 0:
                    del terms[e2]
    return _XY.from_dict(terms)


def _compositions(n: int, C: int):
    """Count vectors of ``n`` over ``C`` cells (stars and bars), in a fixed order."""
    for bars in itertools.combinations(range(n + C - 1), C - 1):
        prev, out = -1, []
        for b in bars:
            out.append(b - prev - 1)
            prev = b
        out.append(n + C - 2 - prev)
        yield tuple(out)


@functools.lru_cache(maxsize=64)
def cell_model(n: int, m: int, k: int, ph, per_region: int = 2) -> CellModel:
    return CellModel(n, m, k, ph, per_region)


def _families(model: CellModel) -> dict:
    """The reduced families of Lemma 10 and Lemma 11 among the unions of cells."""
    cells = model.cells
    idx = {lab: [j for j, c in enumerate(cells) if c.label == lab] for lab in ("ic", "aud", "allo")}
    g = model.cutoffs
    # cells of [gamma_2, gamma_3] (C^aud) and [gamma_3, 1]; upper parts are suffixes
    aud = idx["aud"]
    top = [j for j, c in enumerate(cells) if model.alg[c.a] >= g["gamma_3"]]
    low_allo = [j for j, c in enumerate(cells) if c.label == "allo"
                and model.alg[c.b] <= g["gamma_2"] and model.alg[c.a] >= g["gamma_1"]]
    ic = frozenset(idx["ic"])
    lottery = set()
    for s in range(len(aud) + 1):
        upper = frozenset(aud[s:])                       # [g, gamma_3], g a cell end in C^aud
        lottery.add(upper)
        lottery.add(ic | upper)
    audit = set()
    for s in range(len(low_allo) + 1):                   # [gamma, gamma_3], gamma in [g1, g2]
        for t in range(len(top) + 1):                    # [gamma', 1], gamma' >= gamma_3
            audit.add(frozenset(low_allo[s:]) | frozenset(aud) | frozenset(top[t:]))
    return {"lottery": lottery, "audit": audit}


def check_cells(n: int, m: int, k: int, ph, per_region: int = 2) -> dict:
    """Decide the four statements of the module docstring at ``(n, m, k, phi)``.

    Returns a dict with, per kind ("lottery" for Lemma 10, "audit" for Lemmas 11-13), the number
    of unions, the maximum's sign, the maximisers found in the family, and ``undecided`` unions;
    ``ok`` summarises: every gap <= 0 and the maximum attained on the family.
    """
    model = cell_model(n, m, k, Q(ph), per_region)
    C = len(model.cells)
    fam = _families(model)
    out = {"pattern": model.pattern, "cells": C,
           "labels": [c.label for c in model.cells]}
    for kind in ("lottery", "audit"):
        unions = [frozenset(j for j in range(C) if mask >> j & 1) for mask in range(1 << C)]
        balls = dict(zip(unions, model.all_gaps(kind)))
        # the family's best member (exactly: compare within the family)
        fam_sets = sorted(fam[kind], key=lambda E: (len(E), sorted(E)))
        best = fam_sets[0]
        undecided = []
        for E in fam_sets[1:]:
            s = model.sign(kind, E, best)
            if s is None:
                undecided.append(sorted(E))
            elif s > 0:
                best = E
        tied = tuple(E for E in fam_sets if E != best and model.sign(kind, E, best) == 0)
        best_sign = model.sign(kind, best)
        above_family = []
        for E in unions:
            if E in fam[kind]:
                continue
            d = balls[E] - balls[best]
            if d < 0:
                continue
            s = model.sign(kind, E, best, tied)
            if s is None:
                undecided.append(sorted(E))
            elif s > 0:
                above_family.append(sorted(E))
        out[kind] = {"unions": len(unions), "family": len(fam[kind]),
                     "family_max_set": sorted(best), "family_max_sign": best_sign,
                     "beats_family": above_family, "undecided": undecided,
                     "family_max_digits": balls[best].mid().str(12, radius=False)}
    out["ok"] = all(out[kd]["family_max_sign"] is not None and out[kd]["family_max_sign"] <= 0
                    and not out[kd]["beats_family"] and not out[kd]["undecided"]
                    for kd in ("lottery", "audit"))
    return out
