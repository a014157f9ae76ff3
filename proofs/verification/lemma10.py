"""Lemma 10's conclusion on the reduced family, exactly, in Example 1's case 2.b.

The proof of Lemma 10 reduces (27) to symmetric sets ``E = [g, gamma_3]`` and
``E = C^ic u [g, gamma_3]`` with ``g`` in ``[gamma_2, gamma_3]``; its last step is wrong in case
2.b (see ``verification/lemma-10-proof``), so we check the reduced inequality directly, as the
appendix note does (Section 2.4, "cell evaluator"). With cells ``[0, g1)`` (C^ic),
``[g1, g)`` and ``[g, g3)`` (C^aud), ``[g3, 1]`` (C^allo) and counts ``N`` of the ``n`` agents,
the merit rule gives ``min(N3, m)`` objects in C^allo and the top ``max(0, k - N3)`` agents of
C^aud (higher cell first), and

    gap(g) = n phi |E n (C^ic u C^aud)| - E_N[min{#(E, no merit object), m - #merit objects}]

is a cubic in ``g``. For n = 3, m = 2, k = 1 and rational ``phi`` in case 2.b the cut-offs are
radicals, ``g1 = (3 phi - 1)^(1/3)`` and ``g3 = (1 + sqrt(9 - 24 phi))/4``. We prove
``max_{[g1, g3]} gap <= 0``: the candidates are the end points and the real critical points in
the interval; every comparison and sign is decided exactly
(:meth:`exact.algebraic.RealAlgebraic.from_sympy`: sympy's exact minimal polynomial, then the
unique isolating interval that meets a rigorous arb enclosure of the expression).
"""

from __future__ import annotations

import functools
import itertools
from math import factorial

import sympy

from exact.algebraic import RealAlgebraic

__all__ = ["gap_polynomial", "algebraic_sign", "max_sign_on", "reduced_family_max",
           "audit_gap_polynomial", "audit_family_max"]

g, G1, G3, PH = sympy.symbols("g G1 G3 phi")


@functools.lru_cache(maxsize=16)
def gap_polynomial(n: int, m: int, k: int, with_ic: bool) -> sympy.Expr:
    """``gap(g)`` for ``E = [g, g3]`` (or ``C^ic u [g, g3]``) as a polynomial in g, G1, G3, phi."""
    a = [G1, g - G1, G3 - g, 1 - G3]
    rhs = sympy.Integer(0)
    for N in itertools.product(range(n + 1), repeat=4):
        if sum(N) != n:
            continue
        N0, N1, N2, N3 = N
        w3 = min(N3, m)
        r = max(0, k - N3)
        w2 = min(N2, r)
        w1 = min(N1, max(0, r - N2))
        notwon = (N0 if with_ic else 0) + N2 - w2
        coef = factorial(n) // (factorial(N0) * factorial(N1) * factorial(N2) * factorial(N3))
        rhs += coef * a[0] ** N0 * a[1] ** N1 * a[2] ** N2 * a[3] ** N3 * min(notwon, m - (w1 + w2 + w3))
    lhs = n * PH * ((G1 if with_ic else 0) + G3 - g)
    return sympy.expand(lhs - rhs)


def algebraic_sign(expr) -> int:
    """The exact sign of a real algebraic expression in radicals (-1, 0 or 1)."""
    r = RealAlgebraic.from_sympy(expr)
    return (r > 0) - (r < 0)


def max_sign_on(gp: sympy.Expr, lo, hi) -> dict:
    """Exact signs of a polynomial of degree <= 3 in ``g`` at ``lo``, ``hi`` and its interior
    critical points (coefficients and end points are radicals); ``max_le_0`` decides the maximum."""
    cands = [("left", lo), ("right", hi)]
    d = sympy.Poly(sympy.diff(gp, g), g)
    if d.degree() == 2:
        a, b, c = d.all_coeffs()
        disc = sympy.expand(b ** 2 - 4 * a * c)
        if algebraic_sign(disc) >= 0:
            for sgn in (1, -1):
                x = (-b + sgn * sympy.sqrt(disc)) / (2 * a)
                if algebraic_sign(x - lo) > 0 and algebraic_sign(hi - x) > 0:
                    cands.append(("critical point", x))
    elif d.degree() == 1:
        a, b = d.all_coeffs()
        x = -b / a
        if algebraic_sign(x - lo) > 0 and algebraic_sign(hi - x) > 0:
            cands.append(("critical point", x))
    elif d.degree() > 2:
        raise ValueError("degree > 3")
    signs = {name: algebraic_sign(gp.subs(g, x)) for name, x in cands}
    return {"signs": signs, "critical_points_inside": len(cands) - 2,
            "max_le_0": all(v <= 0 for v in signs.values())}


def _cutoffs(ph):
    ph = sympy.Rational(ph)
    g1v = sympy.cbrt(3 * ph - 1)
    g3v = (1 + sympy.sqrt(9 - 24 * ph)) / 4
    if algebraic_sign(g3v - g1v) <= 0:
        raise ValueError(f"phi = {ph} is not in case 2.b (gamma_1 >= gamma_3)")
    return ph, g1v, g3v


def reduced_family_max(ph) -> dict:
    """Exact analysis of ``max gap`` on ``[g1, g3]`` for both families at ``phi`` (n, m, k = 3, 2, 1)."""
    ph, g1v, g3v = _cutoffs(ph)
    out = {}
    for with_ic in (False, True):
        gp = gap_polynomial(3, 2, 1, with_ic).subs({G1: g1v, G3: g3v, PH: ph})
        res = max_sign_on(gp, g1v, g3v)
        res["signs"] = {{"left": "gamma_1", "right": "gamma_3"}.get(k_, k_): v
                        for k_, v in res["signs"].items()}
        out["C^ic u [g, gamma_3]" if with_ic else "[g, gamma_3]"] = res
    return out


@functools.lru_cache(maxsize=16)
def audit_gap_polynomial(n: int, m: int, k: int) -> sympy.Expr:
    """Lemma 12's gap for ``E = [g1, g3] u [g, 1]`` (case 2.b, ``gamma = gamma_1 = gamma_2``).

    ``n int_E A = c^aud(g1) - c^aud(g3) - n phi (g3 - g1) + c^allo(g) - n phi (1 - g)`` minus
    ``E[min{|J^{p^m}(t, E)|, k}]`` with cells ``[0, g1)`` (C^ic), ``[g1, g3)`` (C^aud, in E),
    ``[g3, g)`` (C^allo, not in E), ``[g, 1]`` (C^allo, in E).
    """
    from .capacity import c_allo_poly, c_aud_poly, phi, q
    a = [G1, G3 - G1, g - G3, 1 - g]
    rhs = sympy.Integer(0)
    for N in itertools.product(range(n + 1), repeat=4):
        if sum(N) != n:
            continue
        N0, N1, N2, N3 = N
        J = min(N3, m) + min(N1, max(0, k - N2 - N3))
        coef = factorial(n) // (factorial(N0) * factorial(N1) * factorial(N2) * factorial(N3))
        rhs += coef * a[0] ** N0 * a[1] ** N1 * a[2] ** N2 * a[3] ** N3 * min(J, k)
    cu = c_aud_poly(n, k).as_expr().subs(phi, PH)
    ca = c_allo_poly(n, m).as_expr()
    lhs = (cu.subs(q, G1) - cu.subs(q, G3) - n * PH * (G3 - G1) + ca.subs(q, g)
           - n * PH * (1 - g))
    return sympy.expand(lhs - rhs)


def audit_family_max(ph) -> dict:
    """Exact ``max`` over ``g in [gamma_3, 1]`` of Lemma 12's gap at ``phi`` (n, m, k = 3, 2, 1)."""
    ph, g1v, g3v = _cutoffs(ph)
    gp = audit_gap_polynomial(3, 2, 1).subs({G1: g1v, G3: g3v, PH: ph})
    res = max_sign_on(gp, g3v, sympy.Integer(1))
    res["signs"] = {{"left": "gamma_3", "right": "1"}.get(k_, k_): v
                    for k_, v in res["signs"].items()}
    return res
