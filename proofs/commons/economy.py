"""A cooperative commons at its golden-rule steady state: quadratic agents sharing the quota.

An :class:`Economy` is one species with net growth ``g``, interest ``rho`` and agents
``pi_i(x, q_i) = a_i q_i - b_i q_i^2 / (2x)`` (or ``x := 1`` inside the payoffs when there is no
stock effect), with property rights ``rights_i`` as shares of the steady quota (Assumption 1 (I)).
The aggregate (6) is, where every agent is active, the closed form of note A2.2,
``pi(x, q) = abar q - bbar q^2/(2x) + C x``; :meth:`Economy.aggregate` computes it from the agents
(sympy, exact) and :meth:`Economy.closed_form` from A2.2's formula, and the two are compared by
:func:`exact.symbolic.prove_identity`. The steady state is solved exactly from (18) with the
aggregate (:mod:`proofs.commons.steady`) and must be unique and have every agent active (so the
closed form is the aggregate near it).

:func:`proposition_6` checks every item of Prop. 6 (corrected where the printed text slips, note
A5.6) at the steady state, and the core property of Prop. 3 for the take-home payments.

Reference: paper, Props. 2, 3, 6 and (17), (18); note A2.2, A2.4, E3, E6, E9.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

import sympy

from exact.errors import InputError
from exact.numbers import Q, as_q, to_sympy
from exact.symbolic import prove_identity

from .convolution import QuadraticAgent, conjugate, core_violations, supgradients, water_fill
from .steady import scalar_steady_states

__all__ = ["Economy", "E6", "E9", "ECONOMIES", "proposition_6", "inverse_design_rho"]

x, q = sympy.symbols("x q", positive=True)


@dataclasses.dataclass(frozen=True)
class Economy:
    """Agents, growth, interest rate and rights (see the module docstring)."""

    name: str
    agents: tuple
    stock_effect: bool
    g: Callable
    rho: object
    box: tuple
    rights: tuple
    source: str = ""

    def payoff_stock(self, xx):
        """The stock as it enters the payoffs: ``x`` (stock effect) or 1."""
        return xx if self.stock_effect else 1

    def aggregate(self):
        """(6) with every agent active: ``sum_i pi_i(x, q_i°)`` at the equal-margin split."""
        X = self.payoff_stock(x)
        ab = [(to_sympy(ag.a), to_sympy(ag.b)) for ag in self.agents]
        p = (sum(a / b for a, b in ab) - q / X) / sum(1 / b for _, b in ab)
        shares = [X * (a - p) / b for a, b in ab]
        return sum(a * qi - b * qi**2 / (2 * X) for (a, b), qi in zip(ab, shares))

    def closed_form(self):
        """Note A2.2: ``abar q - bbar q^2/(2x) + C x``."""
        X = self.payoff_stock(x)
        ab = [(to_sympy(ag.a), to_sympy(ag.b)) for ag in self.agents]
        bbar = 1 / sum(1 / b for _, b in ab)
        abar = bbar * sum(a / b for a, b in ab)
        C = (sum(a**2 / b for a, b in ab) - sum(a / b for a, b in ab)**2
             / sum(1 / b for _, b in ab)) / 2
        return abar * q - bbar * q**2 / (2 * X) + C * X

    def steady_state(self) -> dict:
        """The unique steady state of (18) with the aggregate payoff (exact, rational)."""
        states = scalar_steady_states(self.g(x), self.aggregate(), x, q, self.rho, self.box)
        if len(states) != 1:
            raise InputError(self.name, f"{len(states)} steady states, expected exactly one")
        st = states[0]
        if not (st.x.is_rational and st.q.is_rational and st.lam.is_rational):
            raise InputError(self.name, "the steady state is irrational; Prop. 6 is checked at "
                                        "rational states")
        return {"x*": st.x.value, "q*": st.q.value, "lambda*": st.lam.value}


def proposition_6(eco: Economy) -> dict:
    """Every item of Prop. 6 (corrected) and Prop. 3's core at the steady state of ``eco``.

    Returns ``{"checks": {name: bool}, "values": {...}}``; every check is an exact comparison.
    """
    st = eco.steady_state()
    xs, qs, lam = st["x*"], st["q*"], st["lambda*"]
    X = as_q(eco.payoff_stock(xs))
    rho = as_q(eco.rho)
    delta = 1 / (1 + rho)
    agents = eco.agents
    p, shares = water_fill(agents, X, qs)
    agg = eco.aggregate()
    at = {x: to_sympy(xs), q: to_sympy(qs)}
    pi_q = sympy.diff(agg, q).subs(at)
    H_x = (sympy.diff(agg, x) + to_sympy(lam) * sympy.diff(eco.g(x), x)).subs(at)
    total = sum(ag.payoff(X, qi) for ag, qi in zip(agents, shares))
    profits = [conjugate(ag, X, p) for ag in agents]
    rights = [as_q(w) * qs for w in eco.rights]
    kappa = [pr + p * w for pr, w in zip(profits, rights)]
    checks = {
        "(6) aggregate = closed form of note A2.2": bool(prove_identity(agg, eco.closed_form(),
                                                                        [x, q])),
        "every agent active at the steady state": all(s > 0 for s in shares),
        "stationary stock: g(x*) = q* = sum_i q_i": sum(shares) == qs and
        as_q(sympy.Rational(eco.g(to_sympy(xs)))) == qs,
        "user cost q* = market price = d_q pi(x*, q*) = lambda*": as_q(pi_q) == p == lam,
        "Hotelling: rho lambda = d_x H(x*, q*, lambda)": as_q(H_x) == rho * lam,
        "q* in argmax H(x*, ., lambda): pi(x*, q*) - lambda q* = sum_i pi_i*(x*, lambda)":
            total - lam * qs == sum(conjugate(ag, X, lam) for ag in agents),
        "(17): the split solves the convolution (q* in d pi_i(x*, q_i) for all i)": all(
            lo <= p and (hi is None or p <= hi)
            for lo, hi in (supgradients(ag, X, qi) for ag, qi in zip(agents, shares))),
        "profit pi_i*(x, q*) = pi_i(x, q_i) - q* q_i": all(
            pr == ag.payoff(X, qi) - p * qi for pr, ag, qi in zip(profits, agents, shares)),
        "rights sum to g(x*)": sum(rights) == qs,
        "take-home payments balance: sum_i kappa_i = pi(x*, q*)": sum(kappa) == total,
        "core (Prop. 3): every coalition gets at least its autarky value":
            not core_violations(agents, X, rights, p),
    }
    values = {"x*": xs, "q*": qs, "lambda*": lam, "rho": rho, "split q_i": shares,
              "rights": rights, "profits pi_i*": profits, "take-home kappa_i": kappa,
              "pi(x*, q*)": total, "capital value of rights q* r_i / (1 - delta)":
              [p * w / (1 - delta) for w in rights]}
    return {"checks": checks, "values": values}


def _logistic(xx):
    return xx * (1 - xx)


def inverse_design_rho(agents, stock_effect: bool, g, x_star):
    """Note A2.5 (i): the interest rate making ``x_star`` a steady state, ``rho = H_x / lambda``
    at ``q = g(x_star)``, ``lambda = pi_q`` (one species, every agent active)."""
    eco = Economy("inverse design", tuple(agents), stock_effect, g, 0, (0, 1), ())
    agg = eco.aggregate()
    at = {x: to_sympy(x_star), q: g(to_sympy(x_star))}
    lam = sympy.diff(agg, q).subs(at)
    H_x = (sympy.diff(agg, x) + lam * sympy.diff(g(x), x)).subs(at)
    return as_q(H_x / lam)


#: E6 with the agents of E3: logistic growth r = K = 1, rho = 1/5, no stock effect, equal rights
E6 = Economy("E6", (QuadraticAgent(1, 1), QuadraticAgent(Q(6, 5), 2)), False, _logistic,
             Q(1, 5), (0, 1), (Q(1, 2), Q(1, 2)), "note A.4, E3 and E6")
#: E9: two agents with a stock effect, rho = 137/380 (inverse design at x* = 2/5), rights 1/3, 2/3
_E9_AGENTS = (QuadraticAgent(1, 1), QuadraticAgent(Q(3, 2), 1))
E9 = Economy("E9", _E9_AGENTS, True, _logistic,
             inverse_design_rho(_E9_AGENTS, True, _logistic, Q(2, 5)), (0, 1),
             (Q(1, 3), Q(2, 3)), "note A.4, E9")
ECONOMIES = {"E6": E6, "E9": E9}
