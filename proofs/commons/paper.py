"""The paper's formulas, transcribed: each returns residuals (left side minus right side).

These are the *statements* the claims test; the derivations they are compared with live in
:mod:`proofs.commons.model` (generic) and :mod:`proofs.commons.families` (parametric). Every
function takes the model as callables ``pi(x, q)``, ``g(x)`` (or a Hamiltonian ``H(x, q, lam)``)
and tuples of sympy symbols, so the same transcription serves the generic model and the
families. A residual of 0 means the relation holds.

Corrected readings (the note, A1.11-A1.12 and A5.5-A5.6) are separate functions, named
``..._corrected``; the printed ones keep the paper's text.
"""

from __future__ import annotations

import sympy

__all__ = ["grad", "jacobian_T_times", "adjoint_11", "maximum_condition_11", "equation_12",
           "golden_rule_18", "golden_rule_scalar", "equation_14_printed",
           "equation_14_corrected", "proposition_5_stationary", "proposition_6_printed",
           "proposition_6_corrected"]


def grad(expr, xs) -> tuple:
    """The gradient of ``expr`` in the symbols ``xs``."""
    return tuple(sympy.diff(expr, v) for v in xs)


def jacobian_T_times(g, x, lam) -> tuple:
    """``Dg(x)^T lambda``: component ``j`` is ``sum_s dg_s/dx_j lambda_s`` (A1.12)."""
    J = sympy.Matrix(list(g(x))).jacobian(list(x))
    return tuple(J.T * sympy.Matrix(list(lam)))


def adjoint_11(H, x, q, lam, lam_prev, delta) -> tuple:
    """(11), adjoint equation: ``lambda_t - delta^-1 lambda_{t-1} = -d/dx H(x_t, q_t, lambda_t)``."""
    Hx = grad(H(x, q, lam), x)
    return tuple(l - lp / delta + h for l, lp, h in zip(lam, lam_prev, Hx))


def maximum_condition_11(H, x, q, lam) -> tuple:
    """(11), maximum condition ``q_t in argmax H(x_t, ., lambda_t)``, smooth interior: ``d/dq H = 0``."""
    return grad(H(x, q, lam), q)


def equation_12(pi, x, q, lam) -> tuple:
    """(12): ``lambda_t = q_t^* = d/dq pi(x_t, q_t)``."""
    return tuple(l - d for l, d in zip(lam, grad(pi(x, q), q)))


def golden_rule_18(pi, g, x, q, lam, rho) -> dict:
    """(18), smooth: ``g(x) = q``; ``rho lambda = grad_x pi + Dg(x)^T lambda``; ``lambda = grad_q pi``.

    The middle relation is "Hotelling's rule" ``rho lambda in d_x H(x, q, lambda)`` written out
    with the Jacobian (A1.12, vector case).
    """
    px = grad(pi(x, q), x)
    dg = jacobian_T_times(g, x, lam)
    return {"stationary stock": tuple(gs - qs for gs, qs in zip(g(x), q)),
            "Hotelling's rule": tuple(rho * l - a - b for l, a, b in zip(lam, px, dg)),
            "balanced shadow pricing": equation_12(pi, x, q, lam)}


def golden_rule_scalar(pi, g, x, q, rho):
    """One species (A1.12): ``g'(x) + pi_x(x, q) / pi_q(x, q) - rho`` with ``q = g(x)``."""
    (x1,), (q1,) = x, q
    p = pi(x, q)
    return (sympy.diff(g(x)[0], x1) + sympy.diff(p, x1) / sympy.diff(p, q1) - rho)


def equation_14_printed(Hred, x, lam, x_next, lam_prev, delta) -> tuple:
    """(14) as printed: ``x_{t+1} - x_t in d_x Hcal`` and
    ``lambda_t - delta^-1 lambda_{t-1} in -d_lambda Hcal``."""
    h = Hred(x, lam)
    return (tuple(xn - xs - d for xn, xs, d in zip(x_next, x, grad(h, x)))
            + tuple(l - lp / delta + d for l, lp, d in zip(lam, lam_prev, grad(h, lam))))


def equation_14_corrected(Hred, x, lam, x_next, lam_prev, delta) -> tuple:
    """(14) corrected as in (16) and Theorem 1 (A1.11): the two partials swapped back."""
    h = Hred(x, lam)
    return (tuple(xn - xs - d for xn, xs, d in zip(x_next, x, grad(h, lam)))
            + tuple(l - lp / delta + d for l, lp, d in zip(lam, lam_prev, grad(h, x))))


def proposition_5_stationary(Hred, x, lam, delta) -> tuple:
    """Prop. 5: ``[-(1 - delta^-1) lambda, 0] in dHcal(x, lambda)`` (smooth: equal to the gradient)."""
    h = Hred(x, lam)
    return (tuple(-(1 - 1 / delta) * l - d for l, d in zip(lam, grad(h, x)))
            + tuple(-d for d in grad(h, lam)))


def proposition_6_printed(H, x, q, lam, rho) -> dict:
    """Prop. 6 as printed: user cost ``q^* in d/dq H(x, q, lambda)`` and
    ``lambda = q^* in d/dx H_x(x, q, lambda) / rho``; returns the two printed right sides."""
    h = H(x, q, lam)
    user_cost = grad(h, q)
    return {"q* = d/dq H": user_cost,
            "lambda = d/dx H_x / rho": tuple(sympy.diff(h, v, 2) / rho for v in x)}


def proposition_6_corrected(pi, H, x, q, lam, rho) -> dict:
    """Prop. 6 corrected (A5.6): ``q^* in d_q pi(x, q)`` and ``rho lambda in d_x H(x, q, lambda)``."""
    return {"q* = d/dq pi": grad(pi(x, q), q),
            "lambda = d/dx H / rho": tuple(d / rho for d in grad(H(x, q, lam), x))}
