"""First-order conditions of the generic model, derived from the Lagrangian and decided exactly.

Each function returns the list of identities ``(name, lhs, rhs)`` that one claim needs; a claim
passes the list to :func:`proofs.commons.jets.decide_all`. The left sides are *derived* (sympy
differentiation of the Lagrangian window (8), of the reduced Hamiltonian (13), of a
convolution); the right sides are the paper's statements as transcribed in
:mod:`proofs.commons.paper`. Generic ``pi`` and ``G`` are undefined functions, so a proved
identity holds for every smooth model with ``S`` species (see :mod:`proofs.commons.jets`).

Smooth interior reading throughout: supdifferentials are gradients and the maximiser in (11)
and (13) is interior, as in the note (A1.11-A1.12); footnote 20 of the paper says the inclusions
become equalities for differentiable functions.
"""

from __future__ import annotations

import sympy

from . import paper
from .jets import jet_form, jet_symbol
from .model import DELTA, RHO, generic

__all__ = ["lagrangian_identities", "theorem_1_identities", "golden_rule_identities",
           "envelope_substitution", "proposition_5_identities", "equation_14_identities",
           "convolution_identities", "saddle_determinant_identities"]


def lagrangian_identities(S: int) -> list:
    """Proof of Theorem 1: ``pi + lambda.(G(x) - x_+ - q) = H(x, q, lambda) - lambda.(x_+ - x)``."""
    m = generic(S)
    p = m.period
    return [("(8) braces = H - lambda.(x_{t+1} - x_t)",
             m.lagrangian_term(p["x"], p["q"], p["lam"], p["x_next"]),
             m.rewritten_term(p["x"], p["q"], p["lam"], p["x_next"]))]


def theorem_1_identities(S: int) -> list:
    """Theorem 1 (11), (12): the stationarity conditions of (8) in ``x_t``, ``q_t``, ``lambda_t``.

    ``dL/dx_t / delta^t`` is the adjoint residual of (11); ``dL/dq_t / delta^t`` is the maximum
    condition's ``d/dq H`` and equals ``d/dq pi - lambda_t`` (so it vanishes iff (12) holds);
    ``dL/dlambda_t / delta^t`` is the slack ``G(x_t) - x_{t+1} - q_t`` of the system dynamics.
    """
    m = generic(S)
    p = m.period
    adj = paper.adjoint_11(m.H, p["x"], p["q"], p["lam"], p["lam_prev"], DELTA)
    mx = paper.maximum_condition_11(m.H, p["x"], p["q"], p["lam"])
    e12 = paper.equation_12(m.pi, p["x"], p["q"], p["lam"])
    G = m.G(p["x"])
    out = []
    for s in range(S):
        out.append((f"dL/dx{s + 1}_t = delta^t * adjoint residual (11)", m.dL(p["x"][s]), adj[s]))
        out.append((f"dL/dq{s + 1}_t = delta^t * d/dq H (maximum condition (11))",
                    m.dL(p["q"][s]), mx[s]))
        out.append((f"d/dq{s + 1} H = -(lambda - d/dq pi) ((12))", mx[s], -e12[s]))
        out.append((f"dL/dlam{s + 1}_t = delta^t * (G(x_t) - x_(t+1) - q_t)", m.dL(p["lam"][s]),
                    G[s] - p["x_next"][s] - p["q"][s]))
    return out


def golden_rule_identities(S: int) -> list:
    """(15)/(18) from the first-order conditions of (8) at a stationary point.

    With ``x_{t-1} = x_t = x_{t+1} = x``, ``q_{t-1} = q_t = q``, ``lambda_{t-1} = lambda_t =
    lambda`` and ``delta = 1/(1 + rho)``, the derived ``dL/dx_t``, ``dL/dq_t`` and
    ``dL/dlambda_t`` are (minus) the three residuals of (18); so the stationary first-order
    conditions hold iff ``q = g(x)``, ``lambda = grad_q pi`` and ``rho lambda = grad_x pi +
    Dg(x)^T lambda``. In one dimension, with ``lambda = pi_q``, Hotelling's rule reads
    ``pi_q (rho - g' - pi_x / pi_q) = 0``: the golden rule ``g' + pi_x / pi_q = rho``.
    """
    m = generic(S)
    p = m.period
    x, q, lam = m.x(), m.q(), m.lam()
    st = m.stationary(x, q, lam)
    gr = paper.golden_rule_18(m.pi, m.g, x, q, lam, RHO)
    out = []
    for s in range(S):
        out.append((f"stationary dL/dx{s + 1} = -(Hotelling's rule residual)",
                    m.dL(p["x"][s]).subs(st), -gr["Hotelling's rule"][s]))
        out.append((f"stationary dL/dq{s + 1} = -(balanced shadow pricing residual)",
                    m.dL(p["q"][s]).subs(st), -gr["balanced shadow pricing"][s]))
        out.append((f"stationary dL/dlam{s + 1} = stationary stock residual",
                    m.dL(p["lam"][s]).subs(st), gr["stationary stock"][s]))
    if S == 1:
        pq = jet_symbol(m.pi_fn, (0, 1), (*x, *q))
        lhs = jet_form(gr["Hotelling's rule"][0]).subs(lam[0], pq)
        rhs = jet_form(-pq * paper.golden_rule_scalar(m.pi, m.g, x, q, RHO))
        out.append(("with lambda = pi_q: Hotelling = -pi_q (g' + pi_x/pi_q - rho)", lhs, rhs))
    return out


def envelope_substitution(S: int, x, lam) -> dict:
    """The first-order condition of (13), ``d/dq_s pi(x, q°(x, lambda)) = lambda_s``, on jets."""
    m = generic(S)
    point = tuple(jet_form(a) for a in (*x, *m.q_opt(x, lam)))
    sub = {}
    for s in range(S):
        counts = [0] * (2 * S)
        counts[S + s] = 1
        sub[jet_symbol(m.pi_fn, counts, point)] = lam[s]
    return sub


def proposition_5_identities(S: int) -> list:
    """Prop. 5 and (15) through the reduced Hamiltonian (13) (envelope theorem).

    With ``q°(x, lambda)`` a generic interior maximiser of ``H(x, ., lambda)`` (its first-order
    condition substituted on the jets): ``grad_x Hcal = grad_x H(x, q°, lambda)``,
    ``grad_lambda Hcal = g(x) - q°``, and Prop. 5's stationary relation
    ``[-(1 - delta^-1) lambda, 0] = grad Hcal`` (``delta = 1/(1+rho)``) has residuals equal to
    (18)'s Hotelling residual and ``-(g(x) - q°)``: a fixed point of (16) is a steady state of
    (18) with ``q = q°``.
    """
    m = generic(S)
    x, lam = m.x(), m.lam()
    qo = m.q_opt(x, lam)
    foc = envelope_substitution(S, x, lam)
    h = m.reduced_H(x, lam)
    qs = m.q()
    Hx = [sympy.diff(m.H(x, qs, lam), v).subs(dict(zip(qs, qo))) for v in x]
    gr = paper.golden_rule_18(m.pi, m.g, x, qs, lam, RHO)
    p5 = paper.proposition_5_stationary(m.reduced_H, x, lam, 1 / (1 + RHO))
    out = []
    on = lambda e: jet_form(e).subs(foc)  # noqa: E731
    to_qo = dict(zip(qs, qo))
    for s in range(S):
        out.append((f"d Hcal/dx{s + 1} = d H/dx{s + 1} at q° (envelope)",
                    on(sympy.diff(h, x[s])), on(Hx[s])))
        out.append((f"d Hcal/dlam{s + 1} = g{s + 1}(x) - q°{s + 1} (envelope)",
                    on(sympy.diff(h, lam[s])), on(m.g(x)[s] - qo[s])))
        out.append((f"Prop. 5 x-residual {s + 1} = Hotelling's rule residual of (18) at q°",
                    on(p5[s]), on(gr["Hotelling's rule"][s].subs(to_qo))))
        out.append((f"Prop. 5 lambda-residual {s + 1} = -(g{s + 1}(x) - q°{s + 1})",
                    on(p5[S + s]), on(-(m.g(x)[s] - qo[s]))))
    return out


def equation_14_identities(S: int) -> list:
    """(14) against Theorem 1: its residuals along a path with ``q_t = q°(x_t, lambda_t)``.

    Corrected (14) (``printed=False``): ``x_{t+1} - x_t - d_lambda Hcal = -dL/dlambda_t`` and
    ``lambda_t - delta^-1 lambda_{t-1} + d_x Hcal = dL/dx_t`` (each divided by ``delta^t``), so
    the corrected canonical system is exactly the system dynamics plus the adjoint equation (11).
    """
    m = generic(S)
    p = m.period
    x, lam = p["x"], p["lam"]
    qo = m.q_opt(x, lam)
    foc = envelope_substitution(S, x, lam)
    e14 = paper.equation_14_corrected(m.reduced_H, x, lam, p["x_next"], p["lam_prev"], DELTA)
    to_qo = dict(zip(p["q"], qo))
    on = lambda e: jet_form(e).subs(foc)  # noqa: E731
    out = []
    for s in range(S):
        out.append((f"(14) state residual {s + 1} = -dL/dlam{s + 1}_t at q°", on(e14[s]),
                    on(-m.dL(lam[s]).subs(to_qo))))
        out.append((f"(14) price residual {s + 1} = dL/dx{s + 1}_t at q°", on(e14[S + s]),
                    on(m.dL(x[s]).subs(to_qo))))
    return out


def convolution_identities(n: int) -> list:
    """(12) and the stock effect of (6): one species, ``n`` agents, smooth interior split.

    ``pi(x, q) = sum_i pi_i(x, q_i°(x, q))`` with generic splits ``q_i°`` for ``i < n`` and
    ``q_n° = q - sum_{i<n} q_i°`` (the constraint of (6)); equal margins ``d/dq_i pi_i(x, q_i°) =
    mu`` for every ``i`` (Prop. 2, smooth case). Then ``d/dq pi = mu`` (so ``lambda = d_q pi =
    d_{q_i} pi_i``, (12)) and ``d/dx pi = sum_i d/dx pi_i(x, q_i°)`` (the envelope theorem).
    """
    x, q, mu = sympy.symbols("x q mu")
    fns = [sympy.Function(f"pi_{i + 1}") for i in range(n)]
    splits = [sympy.Function(f"qo{i + 1}")(x, q) for i in range(n - 1)]
    splits.append(q - sum(splits))
    total = sum(f(x, qi) for f, qi in zip(fns, splits))
    foc = {jet_symbol(f, (0, 1), (x, jet_form(qi))): mu for f, qi in zip(fns, splits)}
    on = lambda e: jet_form(e).subs(foc)  # noqa: E731
    stock = sum(jet_symbol(f, (1, 0), (x, jet_form(qi))) for f, qi in zip(fns, splits))
    return [("d/dq pi = mu = d/dq_i pi_i ((12))", on(sympy.diff(total, q)), mu),
            ("d/dx pi = sum_i d/dx pi_i (envelope)", on(sympy.diff(total, x)), stock)]


def saddle_determinant_identities() -> list:
    """Note A2.7: the linearised canonical map has Jacobian determinant ``1/delta`` (one species).

    The map ``(x_t, lambda_{t-1}) -> (x_{t+1}, lambda_t)`` is defined implicitly by
    ``F1 = pi_q(x, q) - lambda = 0``, ``F2 = pi_x(x, q) + lambda G'(x) - lambda_{t-1}/delta = 0``
    (Theorem 1's maximum condition and adjoint equation) and ``x_{t+1} = G(x) - q``. Implicit
    differentiation with generic ``pi`` and ``G`` gives its Jacobian; its determinant is ``1/delta``
    for all second derivatives, so the two eigenvalues multiply to ``1/delta > 1`` (at most one
    stable root: saddle-path structure).
    """
    x, q, lam, mu = sympy.symbols("x q lam mu")
    pi, Gf = sympy.Function("pi"), sympy.Function("G")
    H = lambda X, Qv, L: pi(X[0], Qv[0]) + L[0] * (Gf(X[0]) - X[0] - Qv[0])  # noqa: E731
    # F1: the maximum condition d/dq H = pi_q - lambda; F2: the adjoint residual of (11),
    # lambda - mu/delta + d/dx H = pi_x + lambda G' - mu/delta (mu = lambda_{t-1})
    F = sympy.Matrix([paper.maximum_condition_11(H, (x,), (q,), (lam,))[0],
                      paper.adjoint_11(H, (x,), (q,), (lam,), (mu,), DELTA)[0]])
    inner = sympy.Matrix([q, lam])           # solved for, as functions of (x, mu)
    outer = sympy.Matrix([x, mu])
    Fi = F.jacobian(inner)                   # implicit function theorem, Cramer's rule
    d_inner = -Fi.adjugate() * F.jacobian(outer) / Fi.det(method="berkowitz")
    out_map = sympy.Matrix([Gf(x) - q, lam])     # (x_{t+1}, lambda_t)
    J = out_map.jacobian(outer) + out_map.jacobian(inner) * d_inner
    return [("det of the linearised canonical map = 1/delta", jet_form(J.det()),
             1 / DELTA)]
