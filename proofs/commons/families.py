"""The note's parametric families of growth and payoff, with their closed-form golden-rule states.

One species. Each :class:`Family` has net growth ``g(x)`` and payoff ``pi(x, q)`` as sympy
expressions in ``x``, ``q`` and its parameters (positive symbols), the interest rate ``rho`` as
an expression in the parameters, and the closed-form steady stock ``x*``; the steady quota
``q* = g(x*)`` and price ``lambda* = pi_q(x*, q*)`` follow from (18). Families without a stock
effect take a *generic* concave utility ``u(q)`` (an undefined function; note A.4, "family
catalogue": the steady state does not depend on ``u``).

Closed forms that involve a root are written with a rational parametrisation instead, so that
every identity is a rational-function identity decided by :func:`exact.symbolic.prove_identity`:

- Beverton-Holt ``G = R x / (1 + x/M)``: ``x* = M (sqrt(R/(1+rho)) - 1)``; with
  ``s = sqrt(R/(1+rho))`` as the parameter, ``R = s^2 (1 + rho)`` and ``x* = M (s - 1)``.
- Logistic growth with stock-dependent cost (E8, ``r = K = p = c = 1``): ``x* = (sqrt(rho^2 + 3)
  - rho)/3``; with ``m = sqrt(rho^2 + 3) - rho`` (a decreasing bijection from ``rho >= 0`` onto
  ``(0, sqrt 3]``), ``rho = (3 - m^2)/(2m)`` and ``x* = m/3``.
- Gompertz ``g = r x log(K/x)``: ``x* = K exp(-(1 + rho/r))``; sympy evaluates
  ``log(K/x*) = 1 + rho/r`` for positive symbols, which leaves a rational identity.
- Power growth with log payoff (E7) at ``alpha = 1/2``: ``x* = (A/(2(1+rho)))^2`` and
  ``sqrt(x*) = A/(2(1+rho))`` for positive symbols.

Any ``log``, ``exp`` or fractional power that remains is replaced by an independent symbol
before deciding (a substitution: an identity proved for independent symbols holds for their
actual values; a failure there is reported as not proved).

Reference: the note ``../shared/notes/commons-and-approx-ic.md``, A.4 (E6-E12) and the family
catalogue; the paper's (18) and footnote 20.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Optional

import sympy

from exact.numbers import Q

from . import paper
from .jets import as_sympy, jet_form
from .model import RHO

__all__ = ["Family", "FAMILIES", "family", "X", "QQ", "u", "golden_rule_residual",
           "opaque", "steady_values"]

X = sympy.Symbol("x", positive=True)
QQ = sympy.Symbol("q", positive=True)
LAM = sympy.Symbol("lam", positive=True)
u = sympy.Function("u")


@dataclasses.dataclass(frozen=True)
class Family:
    """A one-species model: net growth, payoff, interest rate and closed-form steady stock.

    Attributes
    ----------
    key, title, source : str
    params : tuple of sympy.Symbol
        The free parameters (``rho`` is one of them unless ``rho`` is a function of others).
    g : callable
        ``x -> g(x)``, net growth (Section 4).
    pi : callable
        ``(x, q) -> pi(x, q)``, the aggregate payoff (6).
    rho : sympy.Expr
        The interest rate, in the parameters.
    x_star : sympy.Expr
        The closed-form steady stock, in the parameters.
    interior : tuple of sympy.Expr
        Expressions that are positive exactly when the steady state is interior (``x* > 0`` and
        in the box) and ``lambda* > 0``; the hypothesis of the golden rule as an equality.
    concave : bool
        Whether ``g`` is concave and ``pi`` jointly concave (Prop. 5's hypothesis).
    instance : dict
        The note's instance: parameter -> exact value.
    """

    key: str
    title: str
    source: str
    params: tuple
    g: Callable
    pi: Callable
    rho: sympy.Expr
    x_star: sympy.Expr
    interior: tuple = ()
    concave: bool = True
    instance: dict = dataclasses.field(default_factory=dict)
    derived: dict = dataclasses.field(default_factory=dict)

    def steady(self) -> dict:
        """``x*``, ``q* = g(x*)`` and ``lambda* = pi_q(x*, q*)`` as expressions in the parameters."""
        q_star = self.g(self.x_star)
        lam = sympy.diff(self.pi(X, QQ), QQ).subs({X: self.x_star, QQ: q_star})
        return {"x*": self.x_star, "q*": q_star, "lambda*": lam}


def opaque(expr):
    """``expr`` with every ``log``, ``exp`` and non-integer power replaced by its own symbol."""
    atoms = [a for a in sympy.preorder_traversal(expr)
             if isinstance(a, (sympy.log, sympy.exp))
             or (isinstance(a, sympy.Pow) and not a.exp.is_Integer)]
    sub = {}
    for a in atoms:
        if a not in sub:
            sub[a] = sympy.Symbol(f"<{sympy.sstr(a)}>", positive=True)
    return expr.xreplace(sub) if sub else expr


def golden_rule_residual(fam: Family):
    """Hotelling's rule residual of (18) at the closed-form steady state, as a rational function.

    ``rho lambda* - pi_x(x*, q*) - g'(x*) lambda*`` with ``q* = g(x*)`` and ``lambda* = pi_q``;
    generic-function jets and opaque atoms become independent symbols.
    """
    st = fam.steady()
    res = paper.golden_rule_18(lambda x, q: fam.pi(x[0], q[0]), lambda x: (fam.g(x[0]),),
                               (X,), (QQ,), (LAM,), fam.rho)
    hot = res["Hotelling's rule"][0].subs({X: st["x*"], QQ: st["q*"], LAM: st["lambda*"]})
    return opaque(jet_form(hot))


def steady_values(fam: Family, values: Optional[dict] = None) -> dict:
    """The steady state at the parameter values (default: the note's instance), exactly.

    Returns the values of ``x*``, ``q*``, ``lambda*`` and ``rho``; rationals as ``fmpq``,
    other exact numbers as sympy expressions (``lambda*`` stays symbolic, ``u'(q*)``, for a
    generic utility).
    """
    values = fam.instance if values is None else values
    sub = {p: as_sympy(v) for p, v in values.items()}
    out = {}
    for name, e in {**fam.steady(), "rho": fam.rho, **fam.derived}.items():
        v = as_sympy(e).subs(sub)
        v = v.doit() if isinstance(v, sympy.Subs) or v.has(sympy.Subs) else v
        out[name] = Q(int(v.p), int(v.q)) if v.is_Rational else v
    return out


# -- the families ------------------------------------------------------------------------------

r, K, s, M, A, m = sympy.symbols("r K s M A m", positive=True)
a_, B_, e_, k_, R_ = sympy.symbols("a B e k R", real=True)

_LQ_D = (RHO - R_ + 1) * (R_ - 1) - k_

FAMILIES = (
    Family("logistic", "logistic growth, no stock effect (E6)", "note A.4, E6 and catalogue",
           (r, K, RHO), lambda x: r * x * (1 - x / K), lambda x, q: u(q), RHO,
           K * (r - RHO) / (2 * r), interior=(r - RHO,),
           instance={r: 1, K: 1, RHO: sympy.Rational(1, 5)}),
    Family("beverton-holt", "Beverton-Holt growth, no stock effect", "note A.4, catalogue",
           (s, M, RHO), lambda x: s**2 * (1 + RHO) * x / (1 + x / M) - x, lambda x, q: u(q), RHO,
           M * (s - 1), interior=(s - 1,),
           instance={s: 2, M: 1, RHO: sympy.Rational(1, 8)}, derived={"R": s**2 * (1 + RHO)}),
    Family("gompertz", "Gompertz growth, no stock effect", "note A.4, catalogue",
           (r, K, RHO), lambda x: r * x * sympy.log(K / x), lambda x, q: u(q), RHO,
           K * sympy.exp(-(1 + RHO / r)), interior=(),
           instance={r: 1, K: sympy.E**2, RHO: 1}),
    Family("power-log", "power growth A x^(1/2), log payoff (E7)", "note A.4, E7 and A2.6",
           (A, RHO), lambda x: A * sympy.sqrt(x) - x, lambda x, q: sympy.log(q), RHO,
           (A / (2 * (1 + RHO)))**2, interior=(),
           instance={A: 4, RHO: 1}),
    Family("linear-quadratic", "linear growth, quadratic payoff (E10)", "note A.4, E10 and A2.6",
           (a_, B_, e_, k_, R_, RHO), lambda x: (R_ - 1) * x + B_,
           lambda x, q: a_ * q - q**2 / 2 + e_ * x - k_ * x**2 / 2, RHO,
           ((RHO - R_ + 1) * (a_ - B_) - e_) / _LQ_D, interior=(),
           instance={a_: 2, B_: sympy.Rational(1, 2), e_: 2, k_: 1, R_: sympy.Rational(7, 6),
                     RHO: sympy.Rational(1, 3)}),
    Family("stock-cost", "logistic growth, stock-dependent cost pi = q - q^2/(2x) (E8)",
           "note A.4, E8", (m,), lambda x: x * (1 - x), lambda x, q: q - q**2 / (2 * x),
           (3 - m**2) / (2 * m), m / 3, interior=(3 - m**2,),
           instance={m: 3 * sympy.Rational(1, 2)}),
)


def family(key: str) -> Family:
    """The family named ``key``."""
    for f in FAMILIES:
        if f.key == key:
            return f
    raise KeyError(key)
