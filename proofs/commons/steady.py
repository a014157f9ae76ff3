"""Exact golden-rule steady states of a one-species model with rational data (forward solve).

For numeric ``g`` and ``pi`` that are rational functions of ``x`` (and ``q``), eliminating
``q = g(x)`` and ``lambda = pi_q`` from (18) leaves one equation in ``x``:

    F(x) = pi_x(x, g(x)) + pi_q(x, g(x)) (g'(x) - rho) = 0,

the negative of Hotelling's residual. Its numerator is a polynomial over Q; every real root in
the open box is isolated exactly (:func:`exact.algebraic.real_roots`, Descartes' rule and
bisection), roots of a denominator are discarded, and ``q*`` and ``lambda*`` are computed as
exact real algebraic numbers. The steady states of (18) with ``lambda > 0`` are exactly the roots
kept with a positive ``lambda*`` (Assumption 3 asks for exactly one).

Reference: paper (18) and Assumption 3; note A2.5 ("forward") and A.4 (E8, E9, E12).
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

import sympy
from flint import fmpq_poly

from exact.algebraic import RealAlgebraic, real_roots
from exact.errors import InputError
from exact.numbers import Q, as_q, parse_q
from exact.symbolic import OutsideFragment, rational_function

__all__ = ["SteadyState", "scalar_steady_states", "univariate", "value_at"]


@dataclasses.dataclass(frozen=True)
class SteadyState:
    """An exact steady state ``(x*, q*, lambda*)``: real algebraic numbers."""

    x: RealAlgebraic
    q: RealAlgebraic
    lam: RealAlgebraic

    def to_json(self) -> dict:
        return {k: _number(v) for k, v in (("x", self.x), ("q", self.q), ("lambda", self.lam))}


def _number(v: RealAlgebraic):
    if v.is_rational:
        return str(v.value)
    return {"minpoly": str(v.minpoly), "interval": [str(t) for t in v.interval],
            "digits": v.digits(12)}


def univariate(expr, x: sympy.Symbol, field: str = "expression") -> tuple:
    """``expr`` as ``(numerator, denominator)`` ``fmpq_poly`` in ``x``, in lowest terms.

    Raises InputError (naming ``field``) when ``expr`` is not a rational function of ``x`` with
    rational coefficients (a parameter left free, ``log``, ``sqrt``, ...).
    """
    try:
        num, den = rational_function(expr, [x], field=field)
    except OutsideFragment as exc:
        raise InputError(field, f"{exc.problem}; the steady state can only be solved exactly "
                                f"for rational functions of {x}") from None

    def poly(p):
        d = p.to_dict()
        deg = max((mon[0] for mon in d), default=0)
        coeffs = [Q(0)] * (deg + 1)
        for mon, c in d.items():
            coeffs[mon[0]] = Q(c)
        return fmpq_poly(coeffs)
    return poly(num), poly(den)


def value_at(expr, x: sympy.Symbol, root: RealAlgebraic, field: str = "expression"):
    """The exact value of the rational function ``expr`` of ``x`` at ``root`` (a RealAlgebraic)."""
    num, den = univariate(expr, x, field)
    if root.sign_at(den) == 0:
        raise InputError(field, f"has a pole at x = {root}")
    return root.apply(num) / root.apply(den)


def scalar_steady_states(g, pi, x: sympy.Symbol, q: sympy.Symbol, rho, box: Sequence) -> list:
    """Every steady state of (18) with ``lo < x* < hi`` and ``lambda* > 0``, exactly.

    Parameters
    ----------
    g : sympy.Expr
        Net growth, a rational function of ``x`` with rational coefficients.
    pi : sympy.Expr
        Payoff, a rational function of ``x`` and ``q``.
    x, q : sympy.Symbol
    rho : rational
        The interest rate.
    box : (lo, hi)
        Rational bounds of the state box ``X``.

    Returns
    -------
    list of SteadyState
        In increasing ``x*``.

    Raises
    ------
    InputError
        for data outside the rational fragment, a bad box or a polynomial ``F`` that vanishes
        identically (a continuum of steady states).
    """
    rho_q = as_q(rho) if isinstance(rho, sympy.Basic) else parse_q(rho, "rho")
    rho_s = sympy.Rational(int(rho_q.p), int(rho_q.q))
    lo, hi = parse_q(box[0], "box[0]"), parse_q(box[1], "box[1]")
    if not lo < hi:
        raise InputError("box", f"empty box ({lo}, {hi})")
    pi_x, pi_q = sympy.diff(pi, x), sympy.diff(pi, q)
    gx = g
    F = pi_x.subs(q, gx) + pi_q.subs(q, gx) * (sympy.diff(gx, x) - rho_s)
    num, den = univariate(F, x, "golden rule")
    if num.is_zero():
        raise InputError("golden rule", "vanishes identically: every stock is a steady state")
    out = []
    for root in real_roots(num, (lo, hi)):
        if root == lo or root == hi or root.sign_at(den) == 0:
            continue
        lam = value_at(pi_q.subs(q, gx), x, root, "pi_q")
        if lam > 0:
            out.append(SteadyState(root, value_at(gx, x, root, "g"), lam))
    return out
