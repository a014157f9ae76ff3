"""The Lewis-Sappington model in the continuum (Section 4): the price conjecture, proved.

Section 4 conjectures that the optimal price is ``p = c0 + a + b`` on ``a + b <= 1`` and
``c0 + 1`` on ``a + b > 1`` (uniform types on ``[0, 1]^2``). The note (A10) derives it by
reducing to one dimension, ``s = a + b``: ``v = -p^2 + (alpha + c0 + s) p + beta(a, b)`` depends
on the type through ``s`` up to ``beta``, so IC forces ``p`` to be nondecreasing across levels
and hence a function of ``s`` except on countably many levels (a null set).

:func:`conjecture_checks` decides every step of the argument as exact identities over Q in
``a, b, s, c0, alpha, K`` (and ``shat``, the level of the mimicked type):

1. the envelope conditions ``V_a = v_a(p)``, ``V_b = v_b(p)`` and continuity of ``V`` on ``a + b = 1``;
2. IC: ``V - V^ - (v(p^; a, b) - v(p^; a^, b^))`` equals, on the four combinations of pieces,
   ``(s - shat)^2/2``, ``(1 - s)^2/2``, ``(1 - shat)^2/2 + (s - 1)(1 - shat)`` and ``0``, each
   nonnegative on its piece;
3. IR: ``V = a^2/2 + (1 - b)(alpha - c0 - (1 + b)/2)`` below the diagonal and
   ``(1 - b)(a + alpha - c0 - 1)`` above it, both ``>= 0`` when ``alpha > c0 + 1``; ``V = 0`` on ``b = 1``;
4. optimality (Lagrangian sufficiency for the one-dimensional problem, the multiplier of IR a
   measure ``mu`` on the top edge with ``M(s) = mu([s, 2]) = 1`` on ``[0, 1]`` and ``(2 - s)^2`` on
   ``[1, 2]``, density ``2 (2 - s) >= 0``): the pointwise first-order condition
   ``p = c0 + E[b | s] + (M(s) - (1 - G(s)))/g(s)`` holds on both pieces, with ``E[b | s] = s/2``
   (computed by integration), ``G``, ``g`` the law of ``s``; the objective is concave in ``p``
   and its maximiser is nondecreasing, so dropping monotonicity loses nothing;
5. the value ``OPT* = (alpha - c0)(alpha - c0 - 1)/2 - K + 5/24`` (101/24 at (1, 5, 2)) by
   exact integration of polynomials, and ``AMC(s) = c0 + s = p`` (Section 4's adjusted marginal
   cost).
"""

from __future__ import annotations

import sympy

from .identities import Check, prove

__all__ = ["SYMBOLS", "price", "rent", "conjecture_checks", "opt_star", "valuation", "beta",
           "restriction", "opt_star_integral"]

a, b, s, sh, c0, al, K, x, u = sympy.symbols("a b s shat c0 alpha K x u")
SYMBOLS = (a, b, s, sh, c0, al, K)
_SRC = "Section 4, insight 1 (conjecture); note A10"


def valuation(p, a_, b_):
    """``v(p, a, b) = (alpha + a - p)(p - c0 - b) - K`` (Section 4)."""
    return (al + a_ - p) * (p - c0 - b_) - K


def beta(a_, b_):
    return -(al + a_) * (c0 + b_) - K


def price(piece: str, a_=a, b_=b):
    """The conjectured price on ``piece`` "low" (``a + b <= 1``) or "high" (``a + b >= 1``)."""
    return c0 + a_ + b_ if piece == "low" else c0 + 1


def rent(piece: str, a_=a, b_=b):
    """The firm's profit ``V`` of the conjectured solution (note A10)."""
    if piece == "low":
        return (a_ ** 2 + b_ ** 2 - 1) / 2 + (al - c0) * (1 - b_)
    return (1 - b_) * (a_ + al - c0 - 1)


def welfare(p, a_, b_):
    """Regulator's payoff before rents, ``v - H = (A - c)^2/2 - (p - c)^2/2 - K``."""
    A, c = al + a_, c0 + b_
    return (A - c) ** 2 / 2 - (p - c) ** 2 / 2 - K


def _ic_slack(pi, pj):
    """IC slack of a type at level ``s`` (piece ``pi``) mimicking one at level ``shat`` (``pj``).

    Written with representatives ``(s - b, b)`` and ``(shat - b2, b2)``; ``b`` and ``b2`` cancel
    (checked: the identities below hold for all ``b``), so the slack depends on the levels.
    """
    b2 = sympy.Symbol("b2")
    A = (s - b, b)
    B = (sh - b2, b2)
    pB = price(pj, *B)
    return rent(pi, *A) - rent(pj, *B) - (valuation(pB, *A) - valuation(pB, *B)), b2


def conjecture_checks() -> list[Check]:
    """Every step of the proof of the price conjecture, decided exactly (see module docstring)."""
    out = []
    syms = (a, b, c0, al, K)
    for piece in ("low", "high"):
        p, V = price(piece), rent(piece)
        out.append(prove(f"envelope V_a ({piece})", _SRC, sympy.diff(V, a),
                         sympy.diff(valuation(x, a, b), a).subs(x, p), syms))
        out.append(prove(f"envelope V_b ({piece})", _SRC, sympy.diff(V, b),
                         sympy.diff(valuation(x, a, b), b).subs(x, p), syms))
    out.append(prove("V continuous on a + b = 1", _SRC, rent("low", a, 1 - a),
                     rent("high", a, 1 - a), (a, c0, al, K)))
    out.append(prove("p continuous on a + b = 1", _SRC, price("low", a, 1 - a),
                     price("high", a, 1 - a), (a, c0)))
    # IC on the four combinations of pieces; each slack has a manifestly nonnegative form there
    forms = {("low", "low"): (s - sh) ** 2 / 2,            # s, shat <= 1
             ("low", "high"): (1 - s) ** 2 / 2,            # s <= 1 <= shat
             ("high", "low"): (1 - sh) ** 2 / 2 + (s - 1) * (1 - sh),   # shat <= 1 <= s
             ("high", "high"): sympy.Integer(0)}
    for (pi, pj), form in forms.items():
        slack, b2 = _ic_slack(pi, pj)
        out.append(prove(f"IC slack, {pi} mimics {pj}", _SRC, slack, form,
                         (s, sh, b, b2, c0, al, K)))
    # IR: nonnegative forms (alpha > c0 + 1, 0 <= a, b <= 1), zero on the top edge b = 1
    out.append(prove("IR form (low)", _SRC, rent("low"),
                     a ** 2 / 2 + (1 - b) * (al - c0 - (1 + b) / 2), syms))
    out.append(prove("IR binds on b = 1 (high)", _SRC, rent("high", a, 1), 0, (a, c0, al)))
    out.append(prove("IR binds at (0, 1) (low)", _SRC, rent("low", 0, 1), 0, (c0, al)))
    # the law of s = a + b (uniform on the square): G, g, E[b | s]
    g_low, g_high = s, 2 - s
    G_low, G_high = s ** 2 / 2, 1 - (2 - s) ** 2 / 2
    out.append(prove("g = G' (low)", _SRC, sympy.diff(G_low, s), g_low, (s,)))
    out.append(prove("g = G' (high)", _SRC, sympy.diff(G_high, s), g_high, (s,)))
    Eb_low = sympy.integrate(x, (x, 0, s)) / s                    # b uniform on [0, s]
    Eb_high = sympy.integrate(x, (x, s - 1, 1)) / (2 - s)         # b uniform on [s - 1, 1]
    out.append(prove("E[b | s] = s/2 (low)", _SRC, Eb_low, s / 2, (s,)))
    out.append(prove("E[b | s] = s/2 (high)", _SRC, Eb_high, s / 2, (s,)))
    M_low, M_high = sympy.Integer(1), (2 - s) ** 2
    out.append(prove("multiplier mass continuous at s = 1", _SRC, M_low, M_high.subs(s, 1), ()))
    out.append(prove("multiplier density 2 (2 - s)", _SRC, -sympy.diff(M_high, s), 2 * (2 - s),
                     (s,)))
    for piece, M, G, g in (("low", M_low, G_low, g_low), ("high", M_high, G_high, g_high)):
        foc = c0 + s / 2 + (M - (1 - G)) / g
        target = c0 + s if piece == "low" else c0 + 1
        out.append(prove(f"first-order condition gives p ({piece})", _SRC, foc, target,
                         (s, c0)))
    # the regulator's payoff is -(p - c)^2/2 + ...: its p-derivative at E[.|s] is the FOC above
    out.append(prove("d/dp E[v - H | s] = c0 + s/2 - p", _SRC,
                     sympy.diff(welfare(x, s - b, b), x).subs(b, s / 2), c0 + s / 2 - x,
                     (x, s, c0, al)))
    # AMC(s) (Section 4) for the uniform density: c0 + s, i.e. p = AMC(a + b) on a + b <= 1
    at = sympy.Symbol("atil")
    amc = (sympy.integrate(c0 + (s - at), (at, 0, s)) + sympy.integrate(s - at, (at, 0, s))) / s
    out.append(prove("AMC(s) = c0 + s", "Section 4, adjusted marginal cost", amc, c0 + s,
                     (s, c0)))
    out.append(prove("OPT* closed form", _SRC, opt_star_integral(), opt_star(), (c0, al, K)))
    return out


def opt_star_integral():
    """``OPT* = integral over [0,1]^2 of (v - H - V)`` for the conjectured solution (exact)."""
    low = welfare(price("low"), a, b) - rent("low")
    high = welfare(price("high"), a, b) - rent("high")
    I_low = sympy.integrate(sympy.integrate(sympy.expand(low), (b, 0, 1 - a)), (a, 0, 1))
    I_high = sympy.integrate(sympy.integrate(sympy.expand(high), (b, 1 - a, 1)), (a, 0, 1))
    return sympy.expand(I_low + I_high)


def opt_star(c0_=c0, alpha_=al, K_=K):
    """``(alpha - c0)(alpha - c0 - 1)/2 - K + 5/24`` (note A10); 101/24 at (1, 5, 2)."""
    from exact.numbers import to_sympy
    c0_, alpha_, K_ = (v if isinstance(v, sympy.Basic) else to_sympy(v)
                       for v in (c0_, alpha_, K_))
    return (alpha_ - c0_) * (alpha_ - c0_ - 1) / 2 - K_ + sympy.Rational(5, 24)


def restriction(model) -> tuple:
    """The conjectured continuum solution at the grid points of a Lewis-Sappington ``model``.

    ``(p, V)`` lists (flat order), exact: ``p = c0 + a + b`` and
    ``V = (a^2 + b^2 - 1)/2 + (alpha - c0)(1 - b)`` on ``a + b <= 1``, ``p = c0 + 1`` and
    ``V = (1 - b)(a + alpha - c0 - 1)`` above (Proposition 5's proof evaluates the continuum
    optimum on ``X_n``).
    """
    c0_, al_ = model.params["c0"], model.params["alpha"]
    p, V = [], []
    for I in range(model.N):
        a_, b_ = model.coords(I)
        if a_ + b_ <= 1:
            p.append(c0_ + a_ + b_)
            V.append((a_ * a_ + b_ * b_ - 1) / 2 + (al_ - c0_) * (1 - b_))
        else:
            p.append(c0_ + 1)
            V.append((1 - b_) * (a_ + al_ - c0_ - 1))
    return p, V
