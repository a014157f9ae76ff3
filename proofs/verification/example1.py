"""Example 1 (n = 3, m = 2, k = 1, types uniform on [0, 1]) and Proposition 2, exactly.

In case 2.b of Lemma 7 (the case of Example 1) the cut-offs are ``gamma_1 = gamma_2 = z2`` (where
``c^ic = c^aud``) and ``gamma_3 = r2`` (the upper interior root of ``c^allo = c^aud``). With the
uniform ``F`` the first-order condition (10) reads ``gamma_1 = gamma_3 (1 - gamma_3) +
gamma_3^2 / 2``. Everything below is derived from the model's polynomials by resultants, not typed
in: the quintic for ``gamma_3``, the minimal polynomial of ``phi*``, the payoff ``n U(phi*)`` as an
element of ``Q(gamma_3)``, and the errata values (uniform auditing, Lemma 10's proof step).
The numbers themselves (``gamma_3*``, ``phi*``, the payoff, the triple point) are exact real
algebraic numbers (:class:`exact.algebraic.RealAlgebraic`): ``phi*`` and the payoff are computed
from ``gamma_3*`` by exact arithmetic (:meth:`~exact.algebraic.RealAlgebraic.apply`).

The general model -- any ``(n, m, k)`` and ``F(t) = t^a``, phi* as the exact maximiser of V, the
note's tables -- is :mod:`proofs.verification.continuous`; this module keeps Example 1's own
closed forms (radicals, the quintic) and errata, and the tests check that both routes give the
same phi*, gamma_3* and payoff.
"""

from __future__ import annotations

import functools

import sympy

from exact.algebraic import RealAlgebraic
from exact.numbers import Q, as_q

from .capacity import c_allo_poly, c_aud_poly, c_ic_poly, phi, q
from .regions import interior_roots

__all__ = ["N", "M", "K", "X", "constraint_polys", "foc_quintic", "gamma3_star", "phi_star",
           "phi_star_minpoly", "payoff_in_g", "payoff_star", "V_rational", "V_derivative_formula",
           "V_prime_residual", "foc_identity", "a8_display_residual", "uniform_audit_gain", "triple_point",
           "phi_bar", "lemma_10_overshoot", "lemma_10_overshoot_star", "g1", "g2", "g3", "F"]

N, M, K = 3, 2, 1
X = sympy.Symbol("x")            # the variable of foc_quintic and phi_star_minpoly
g, g1, g2, g3, F_ = sympy.symbols("g gamma1 gamma2 gamma3 F")
F = sympy.Function("F")
t = sympy.Symbol("t")


def constraint_polys() -> dict:
    """``c^allo, c^aud_phi, c^ic_phi`` of Example 1 as expressions in ``(q, phi)`` (from the model)."""
    return {"allo": c_allo_poly(N, M).as_expr(), "aud": c_aud_poly(N, K).as_expr(),
            "ic": c_ic_poly(N, M).as_expr()}


@functools.lru_cache(maxsize=None)
def foc_quintic() -> sympy.Poly:
    """The polynomial of ``gamma_3*``, eliminated from: ``z2`` equation, ``r2`` equation and (10).

    ``c^ic(g1) = c^aud(g1)``; ``(c^allo - c^aud)(g) / (g - 1) = 0``; FOC (10) with uniform ``F``
    and ``gamma_2 = gamma_1``: ``g1 F(g1) + g1 (1 - g1) = g (1 - g) + g1^2/2 + (g^2 - g1^2)/2``.
    Returns the irreducible factor with a root in ``(0, 1)`` (monic, integer coefficients).
    """
    c = constraint_polys()
    e1 = sympy.expand((c["ic"] - c["aud"]).subs(q, g1))
    quo, rem = sympy.div(sympy.expand((c["allo"] - c["aud"]).subs(q, g)), g - 1, g)
    if rem != 0:
        raise ArithmeticError("c^allo - c^aud does not vanish at q = 1")
    e2 = sympy.expand(quo)
    foc = sympy.expand(g1 * g1 + g1 * (1 - g1) - g * (1 - g) - g1 ** 2 / 2 - (g ** 2 - g1 ** 2) / 2)
    r = sympy.resultant(e1, e2, phi)             # eliminate phi
    r = sympy.resultant(r, foc, g1)              # eliminate gamma_1
    _, factors = sympy.Poly(r, g).factor_list()
    for f, _ in factors:
        f = sympy.Poly(f.as_expr().subs(g, X), X)
        if f.degree() >= 1 and interior_roots(f, Q(1, 10 ** 6), 1 - Q(1, 10 ** 6), False, False):
            return sympy.Poly((f * sympy.sign(f.LC())).as_expr(), X, domain="ZZ")
    raise ArithmeticError("no factor with a root in (0, 1)")


def gamma3_star() -> RealAlgebraic:
    """``gamma_3*``: the root of :func:`foc_quintic` in ``(0, 1)`` with ``gamma_1 > 0``."""
    for r in interior_roots(foc_quintic()):
        if r.sign_at([0, 1, -2]) > 0:   # gamma_1^3 = g - 2 g^2 must be positive (exact sign)
            return r
    raise ArithmeticError("no admissible root")


def _phi_of_g(expr_g):
    """``phi = (1 + g - 2 g^2) / 3`` on the ``r2`` branch (from ``2 g^2 - g + 3 phi - 1 = 0``)."""
    c = constraint_polys()
    quo, _ = sympy.div(sympy.expand((c["allo"] - c["aud"]).subs(q, g)), g - 1, g)
    return sympy.solve(quo, phi)[0].subs(g, expr_g)


@functools.lru_cache(maxsize=None)
def phi_star_minpoly() -> sympy.Poly:
    """The minimal polynomial of ``phi*`` over Q (resultant of the quintic and phi(g))."""
    p = sympy.symbols("p")
    quint = foc_quintic().as_expr().subs(X, g)
    res = sympy.resultant(quint, sympy.expand(3 * p - 3 * _phi_of_g(g)), g)
    _, factors = sympy.Poly(res, p).factor_list()
    for f, _ in factors:
        f = sympy.Poly(f.as_expr().subs(p, X), X)
        if interior_roots(f, Q(1, 3), Q(2, 3), False, False):
            return sympy.Poly((f * sympy.sign(f.LC())).as_expr(), X, domain="ZZ")
    raise ArithmeticError("phi* not found")


def phi_star() -> RealAlgebraic:
    """``phi*`` as an exact algebraic number: ``phi(gamma_3*)`` evaluated exactly.

    Its minimal polynomial is :func:`phi_star_minpoly` (the tests check that the two agree).
    """
    return gamma3_star().apply(sympy.Poly(_phi_of_g(g), g))


def payoff_in_g() -> sympy.Poly:
    """``n U(phi*) = int_0^1 c_phi(t) dt`` reduced modulo the quintic: a polynomial in ``g``.

    ``V = int_0^{g1} c^ic + int_{g1}^{g} c^aud + int_g^1 c^allo`` with ``g1 = g - g^2/2`` (the FOC)
    and ``phi = (1 + g - 2 g^2)/3``.
    """
    c = constraint_polys()
    V = (sympy.integrate(c["ic"], (q, 0, g1)) + sympy.integrate(c["aud"], (q, g1, g))
         + sympy.integrate(c["allo"], (q, g, 1)))
    V = sympy.expand(V.subs(phi, _phi_of_g(g)).subs(g1, g - g ** 2 / 2))
    quint = sympy.Poly(foc_quintic().as_expr().subs(X, g), g)
    return sympy.Poly(V, g).rem(quint)


def payoff_star(digits: int = 12) -> str:
    """``n U(phi*)`` to ``digits`` places (correctly rounded), from the exact element
    :func:`payoff_in_g` of ``Q(gamma_3*)`` evaluated exactly at ``gamma_3*``."""
    return gamma3_star().apply(payoff_in_g()).digits(digits)


def V_rational(ph) -> Q:
    """``V(phi) = int_0^1 c_phi(q) dq`` for a rational ``phi`` whose cut-offs are rational.

    Raises ValueError when a cut-off is irrational (use the algebraic route instead).
    """
    from .regions import runs
    total = sympy.Integer(0)
    c = constraint_polys()
    ph_s = sympy.Rational(int(Q(ph).p), int(Q(ph).q))
    for r in runs(N, M, K, ph):
        if not (r.left.is_rational and r.right.is_rational):
            raise ValueError("irrational cut-off")
        a, b = (sympy.Rational(int(x.value.p), int(x.value.q)) for x in (r.left, r.right))
        total += sympy.integrate(c[r.label].subs(phi, ph_s), (q, a, b))
    return as_q(total)


def V_derivative_formula(Fexpr, n: int = N):
    """``V'(phi) / n = int_{g2}^{g3} (1 - F) dt - int_0^{g1} F dt`` (symbolic in the gammas)."""
    return sympy.integrate(1 - Fexpr, (t, g2, g3)) - sympy.integrate(Fexpr, (t, 0, g1))


def V_prime_residual() -> sympy.Expr:
    """``d/dphi V(phi) - 3 [int_{g1}^{g3} (1 - q) dq - int_0^{g1} q dq]`` in case 2.b of Example 1.

    ``V(phi) = int_0^{g1} c^ic + int_{g1}^{g3} c^aud + int_{g3}^1 c^allo`` with the closed forms
    ``g1 = (3 phi - 1)^(1/3)`` (``c^ic = c^aud``) and ``g3 = (1 + sqrt(9 - 24 phi))/4``
    (``c^allo = c^aud``), differentiated by sympy; zero means the Leibniz boundary terms cancel
    and Proposition 2's derivative is right.
    """
    c = constraint_polys()
    G1 = sympy.cbrt(3 * phi - 1)
    G3 = (1 + sympy.sqrt(9 - 24 * phi)) / 4
    V = (sympy.integrate(c["ic"], (q, 0, G1)) + sympy.integrate(c["aud"], (q, G1, G3))
         + sympy.integrate(c["allo"], (q, G3, 1)))
    formula = N * (sympy.integrate(1 - q, (q, G1, G3)) - sympy.integrate(q, (q, 0, G1)))
    return sympy.simplify(sympy.diff(V, phi) - formula)


def foc_identity(Fexpr) -> sympy.Expr:
    """``(10)_LHS - (10)_RHS + V'/n``: zero iff (10) is exactly ``V'(phi) = 0`` (integration by parts)."""
    Fg = lambda x: Fexpr.subs(t, x)  # noqa: E731
    dF = sympy.diff(Fexpr, t)
    lhs = g1 * Fg(g1) + g2 * (1 - Fg(g2))
    rhs = g3 * (1 - Fg(g3)) + sympy.integrate(t * dF, (t, 0, g1)) + sympy.integrate(t * dF, (t, g2, g3))
    return sympy.simplify(sympy.expand(lhs - rhs + V_derivative_formula(Fexpr)))


def a8_display_residual(Fexpr) -> sympy.Expr:
    """A.8's last display (``+ g3 [1 - F(g3)]`` on the left) minus the correct (10): ``2 g3 (1 - F(g3))``."""
    Fg = lambda x: Fexpr.subs(t, x)  # noqa: E731
    dF = sympy.diff(Fexpr, t)
    integrals = sympy.integrate(t * dF, (t, 0, g1)) + sympy.integrate(t * dF, (t, g2, g3))
    a8 = g1 * Fg(g1) + g2 * (1 - Fg(g2)) + g3 * (1 - Fg(g3)) - integrals
    eq10 = g1 * Fg(g1) + g2 * (1 - Fg(g2)) - g3 * (1 - Fg(g3)) - integrals
    return sympy.simplify(a8 - eq10)


def uniform_audit_gain():
    """Section 5 S1: with one audit drawn uniformly among merit winners, type 0 gains by reporting 1.

    At report 1 the agent wins for sure; the other winner exists iff the higher of the two others is
    above ``gamma_3`` (prob. ``1 - g^2``), so ``A_unif(1) = (1 + g^2)/2`` and the unaudited win
    probability is ``(1 - g^2)/2``; truthfully type 0 wins with ``phi*``. Returns the gain as an
    expression in ``g = gamma_3*`` and its simplification ``(1 - g)^2 / 6``.
    """
    gain = (1 - g ** 2) / 2 - _phi_of_g(g)
    return gain, sympy.factor(gain)


def triple_point() -> tuple:
    """``(q*, phi-hat)`` where ``c^ic = c^aud = c^allo``: the auditing region collapses (Lemma 7 erratum)."""
    c = constraint_polys()
    ph_q = sympy.solve(sympy.Eq(c["ic"], c["aud"]), phi)[0]          # phi on the z2 curve
    e = sympy.expand(sympy.numer(sympy.together((c["allo"] - c["aud"]).subs(phi, ph_q))))
    quo, _ = sympy.div(sympy.Poly(e, q), sympy.Poly(q - 1, q))
    qstar = interior_roots(quo)[0]
    phat = qstar.apply(sympy.Poly(ph_q, q))                          # phi on the z2 curve at q*
    return qstar, phat


def phi_bar() -> RealAlgebraic:
    """Lemma 7's ``phi-bar``: where the two interior roots of ``c^allo - c^aud`` merge (a double root)."""
    c = constraint_polys()
    quo, _ = sympy.div(sympy.expand(c["allo"] - c["aud"]), q - 1, q)
    disc = sympy.Poly(sympy.discriminant(quo, q), phi)
    return interior_roots(disc, 0, Q(2, 3), False, False)[0]


def lemma_10_overshoot_star() -> tuple:
    """The overshoot of Lemma 10's proof step at phi* and g -> gamma_3*, exactly.

    ``[c^allo - c^aud](gamma_1*) - [c^allo - c^aud](gamma_3*)`` with ``gamma_1* = g - g^2/2``
    (the FOC), ``phi* = (1 + g - 2 g^2)/3``, ``g = gamma_3*``; the second bracket vanishes at
    ``gamma_3``. Returns the reduced polynomial in ``g`` (modulo the quintic) and its value at
    ``gamma_3*`` as an exact :class:`~exact.algebraic.RealAlgebraic`.
    """
    c = constraint_polys()
    diff = c["allo"] - c["aud"]
    ph_g = _phi_of_g(g)
    expr = sympy.expand(diff.subs(q, g - g ** 2 / 2).subs(phi, ph_g) - diff.subs(q, g).subs(phi, ph_g))
    quint = sympy.Poly(foc_quintic().as_expr().subs(X, g), g)
    red = sympy.Poly(expr, g).rem(quint)
    return red, gamma3_star().apply(red)


def lemma_10_overshoot(ph, gg) -> Q:
    """``n int_E P - n int_E P^eff`` for ``E = C^ic u [gg, gamma_3]`` at a case-2.b ``phi`` with
    rational ``gamma_1``: ``[c^allo(g1) - c^aud(g1)] - [c^allo(gg) - c^aud(gg)]`` (appendix S1).

    The proof of Lemma 10 claims this is ``<= 0``; a positive value refutes that step.
    """
    from .capacity import c_allo, c_aud
    from .regions import runs
    rs = runs(N, M, K, ph)
    if [r.label for r in rs] != ["ic", "aud", "allo"] or not rs[0].right.is_rational:
        raise ValueError("need case 2.b with a rational gamma_1")
    G1 = rs[0].right.value
    if not (G1 <= Q(gg) and rs[1].right >= Q(gg)):
        raise ValueError(f"g = {gg} is not in [gamma_2, gamma_3]")
    return (c_allo(N, M, G1) - c_aud(N, K, ph, G1)) - (c_allo(N, M, gg) - c_aud(N, K, ph, gg))
