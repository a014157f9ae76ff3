"""The generic model of Sections 4-5 in sympy: stock dynamics, payoff, Lagrangian, Hamiltonian.

``S`` species; the state ``x`` and the seasonal total quota ``q`` are vectors in ``R^S``
(``Q := X``, Section 4). The payoff ``pi(x, q)`` (the sup-convolution (6)) and the growth laws
``G_s(x)`` are left generic (sympy undefined functions); ``g(x) := G(x) - x`` is natural net
growth (Section 4, before footnote 13). The multiplier ``lambda_t`` values the excess
``G(x_t) - x_{t+1} - q_t`` (8), in current value (the factor ``delta^t`` sits outside).

Only the terms of the Lagrangian (8) containing the period-``t`` variables are built: with the
weight ``w = delta^(t-1)`` they are ``w * [pi(x_{t-1}, q_{t-1}) + lambda_{t-1}.(G(x_{t-1}) - x_t
- q_{t-1})] + w delta * [pi(x_t, q_t) + lambda_t.(G(x_t) - x_{t+1} - q_t)]`` (proof of
Theorem 1: "L features state x_t just two times"). Every derivative of ``L`` with respect to
``x_t``, ``q_t`` or ``lambda_t`` is the derivative of this window.

The paper's own formulas (the adjoint equation (11), the maximum condition, (12), (14) as
printed, (15), (18)) are written out separately in :mod:`proofs.commons.paper`, so that a claim
compares a derivation (here) with a statement (there).
"""

from __future__ import annotations

import dataclasses
import functools

import sympy

__all__ = ["GenericModel", "generic", "RHO", "DELTA", "W"]

#: interest rate rho > 0 and discount factor delta = 1/(1 + rho) (Prop. 5)
RHO = sympy.Symbol("rho", positive=True)
DELTA = sympy.Symbol("delta", positive=True)
#: the weight delta^(t-1) of period t-1 in (8)
W = sympy.Symbol("w", positive=True)


def _vec(name: str, S: int, tag: str = "") -> tuple:
    return tuple(sympy.Symbol(f"{name}{s + 1}{tag}") for s in range(S))


@dataclasses.dataclass(frozen=True)
class GenericModel:
    """The model of Section 4 with ``S`` species and generic smooth ``pi`` and ``G``.

    Attributes
    ----------
    S : int
        number of species (``S = |S|`` in the paper).
    """

    S: int

    # -- the primitives -------------------------------------------------------------------------
    @functools.cached_property
    def pi_fn(self):
        """The aggregate payoff ``pi(x_1..x_S, q_1..q_S)`` of (6), generic."""
        return sympy.Function("pi")

    @functools.cached_property
    def G_fns(self) -> tuple:
        """The growth laws ``G_s(x_1..x_S)``, generic."""
        return tuple(sympy.Function(f"G{s + 1}") for s in range(self.S))

    def pi(self, x, q):
        """Single-period payoff ``pi(x, q)`` (6)."""
        return self.pi_fn(*x, *q)

    def G(self, x) -> tuple:
        """Growth ``G(x)`` (Section 4)."""
        return tuple(G(*x) for G in self.G_fns)

    def g(self, x) -> tuple:
        """Net growth ``g(x) = G(x) - x`` (Section 4)."""
        return tuple(Gs - xs for Gs, xs in zip(self.G(x), x))

    # -- variables --------------------------------------------------------------------------------
    def x(self, tag: str = "") -> tuple:
        return _vec("x", self.S, tag)

    def q(self, tag: str = "") -> tuple:
        return _vec("q", self.S, tag)

    def lam(self, tag: str = "") -> tuple:
        return _vec("lam", self.S, tag)

    @property
    def period(self) -> dict:
        """The symbols of periods ``t-1``, ``t``, ``t+1`` (``x[t-1]``, ``lam[t]``, ...)."""
        return {"x_prev": self.x("[t-1]"), "x": self.x("[t]"), "x_next": self.x("[t+1]"),
                "q_prev": self.q("[t-1]"), "q": self.q("[t]"),
                "lam_prev": self.lam("[t-1]"), "lam": self.lam("[t]")}

    # -- Hamiltonian and Lagrangian ---------------------------------------------------------------
    def H(self, x, q, lam):
        """The Hamiltonian (10): ``pi(x, q) + lambda.(g(x) - q)``."""
        return self.pi(x, q) + sum(l * (gs - qs) for l, gs, qs in zip(lam, self.g(x), q))

    def lagrangian_term(self, x, q, lam, x_next):
        """One period's braces in (8): ``pi(x, q) + lambda.(G(x) - x_next - q)``."""
        return self.pi(x, q) + sum(l * (Gs - xn - qs) for l, Gs, xn, qs in
                                   zip(lam, self.G(x), x_next, q))

    def rewritten_term(self, x, q, lam, x_next):
        """The same braces as rewritten in the proof of Theorem 1: ``H - lambda.(x_next - x)``."""
        return self.H(x, q, lam) - sum(l * (xn - xs) for l, xn, xs in zip(lam, x_next, x))

    @functools.cached_property
    def window(self):
        """The terms of (8) that contain ``x_t``, ``q_t`` or ``lambda_t`` (weight ``w = delta^(t-1)``)."""
        p = self.period
        return (W * self.lagrangian_term(p["x_prev"], p["q_prev"], p["lam_prev"], p["x"])
                + W * DELTA * self.lagrangian_term(p["x"], p["q"], p["lam"], p["x_next"]))

    def dL(self, var):
        """``dL/d var`` divided by the period-``t`` weight ``delta^t = w delta``."""
        return sympy.diff(self.window, var) / (W * DELTA)

    # -- the reduced Hamiltonian (13) -------------------------------------------------------------
    @functools.cached_property
    def q_opt_fns(self) -> tuple:
        """The maximiser ``q°(x, lambda)`` of ``H(x, ., lambda)`` (13), generic."""
        return tuple(sympy.Function(f"qo{s + 1}") for s in range(self.S))

    def q_opt(self, x, lam) -> tuple:
        return tuple(f(*x, *lam) for f in self.q_opt_fns)

    def reduced_H(self, x, lam):
        """``Hcal(x, lambda) = H(x, q°(x, lambda), lambda)`` (13), smooth interior maximiser."""
        return self.H(x, self.q_opt(x, lam), lam)

    def stationary(self, x, q, lam) -> dict:
        """The substitution making periods ``t-1``, ``t``, ``t+1`` equal and ``delta = 1/(1+rho)``."""
        p = self.period
        sub = {DELTA: 1 / (1 + RHO)}
        for key, target in (("x_prev", x), ("x", x), ("x_next", x), ("q_prev", q), ("q", q),
                            ("lam_prev", lam), ("lam", lam)):
            sub.update(dict(zip(p[key], target)))
        return sub


@functools.lru_cache(maxsize=None)
def generic(S: int) -> GenericModel:
    """The generic model with ``S`` species (cached: the derivations are reused by claims)."""
    return GenericModel(S)
