"""Exact computations behind the errata: (14), Prop. 6, the initial condition, Prop. 5's proof, Remark 5.

- :func:`reduced_hamiltonian`: ``Hcal(x, lambda) = max_q H(x, q, lambda)`` (13) for a scalar model
  whose ``H`` is strictly concave in ``q`` with a unique interior maximiser (found by sympy
  ``solve``, a proposer; the first-order condition and ``H_qq < 0`` are then checked exactly).
- :func:`equation_14_at_steady_state`: both readings of (14) at an exact steady state.
- :func:`proposition_6_at_steady_state`: the printed user cost ``d_q H`` and ``H_xx / rho``
  against the price ``lambda* = pi_q`` that clears the quota market.
- :func:`initial_condition`: what (7) as printed optimises in the LQ family (E10).
- :func:`fixed_points_16`: every fixed point of the smooth canonical map (16) for logistic
  growth without stock effect (eliminating ``lambda`` by a resultant; roots isolated exactly).
- :func:`present_value` and :func:`unanimity_violation`: Remark 5.

Reference: paper (7), (13)-(16), Props. 5-6, Remark 5; note A5.3, A5.5-A5.8, E10, E13.
"""

from __future__ import annotations

import dataclasses

import sympy

from exact.algebraic import real_roots
from exact.errors import InputError
from exact.numbers import Q, as_q, to_sympy
from exact.symbolic import prove_identity

from . import paper
from .convolution import rational
from .steady import univariate, value_at

__all__ = ["reduced_hamiltonian", "equation_14_at_steady_state", "proposition_6_at_steady_state",
           "initial_condition", "LogisticQuadratic", "fixed_points_16", "present_value",
           "unanimity_violation", "Streams"]

x, q, lam = sympy.symbols("x q lam")


def _q(v):
    if not v.is_Rational:
        raise InputError("value", f"expected an exact rational, got {v}")
    return Q(int(v.p), int(v.q))


def reduced_hamiltonian(H):
    """``(Hcal, q°, H_qq at q°)``: ``Hcal(x, lambda) = H(x, q°, lambda)``, ``H_q(x, q°, lambda) = 0``.

    ``H`` is a callable ``(x, q, lambda) -> expr`` of scalars. ``q°`` is proposed by sympy
    ``solve`` and must be its only solution; ``H_q(q°) = 0`` is then proved exactly. ``q°`` is
    the maximiser where ``H_qq(q°) < 0`` (callers check the sign at their points).
    Raises InputError otherwise.
    """
    h = H(x, q, lam)
    sols = sympy.solve(sympy.diff(h, q), q)
    if len(sols) != 1:
        raise InputError("H", f"d/dq H = 0 has {len(sols)} solutions, expected one")
    qo = sols[0]
    if not prove_identity(sympy.diff(h, q).subs(q, qo), 0, [x, lam]):
        raise InputError("H", "the maximiser does not solve d/dq H = 0")
    return h.subs(q, qo), qo, sympy.diff(h, q, 2).subs(q, qo)


def equation_14_at_steady_state(model, steady: dict) -> dict:
    """Residuals of (14) as printed and as corrected at ``x_{t+1} = x_t = x*``, ``lambda_{t-1} =
    lambda_t = lambda*`` (a steady state of the optimal path); ``model`` has ``H`` and ``delta``."""
    Hc, _, Hqq = reduced_hamiltonian(model.H)
    Hred = lambda X, L: Hc.subs({x: X[0], lam: L[0]})  # noqa: E731
    xs, ls = to_sympy(steady["x*"]), to_sympy(steady["lambda*"])
    if not _q(Hqq.subs({x: xs, lam: ls})) < 0:
        raise InputError("H", "H is not strictly concave in q at the steady state")
    X, L = sympy.Symbol("X"), sympy.Symbol("L")
    d = to_sympy(model.delta)
    out = {}
    for name, rel in (("printed", paper.equation_14_printed),
                      ("corrected", paper.equation_14_corrected)):
        res = rel(Hred, (X,), (L,), (X,), (L,), d)
        out[name] = [_q(r.subs({X: xs, L: ls})) for r in res]
    out["d_x Hcal"] = _q(sympy.diff(Hc, x).subs({x: xs, lam: ls}))
    out["d_lambda Hcal"] = _q(sympy.diff(Hc, lam).subs({x: xs, lam: ls}))
    return out


def proposition_6_at_steady_state(model, steady: dict) -> dict:
    """Prop. 6's printed right sides at the steady state, and the corrected ones."""
    xs, qs, ls = (to_sympy(steady[k]) for k in ("x*", "q*", "lambda*"))
    rho = to_sympy(model.rho)
    H = lambda X, Qv, L: model.H(X[0], Qv[0], L[0])  # noqa: E731
    pi = lambda X, Qv: model.pi(X[0], Qv[0])  # noqa: E731
    at = {x: xs, q: qs, lam: ls}
    printed = paper.proposition_6_printed(H, (x,), (q,), (lam,), rho)
    corrected = paper.proposition_6_corrected(pi, H, (x,), (q,), (lam,), rho)
    return {"printed": {k: _q(v[0].subs(at)) for k, v in printed.items()},
            "corrected": {k: _q(v[0].subs(at)) for k, v in corrected.items()},
            "lambda*": as_q(steady["lambda*"])}


def initial_condition(lq) -> dict:
    """(7) as printed, in the LQ family: ``x_{-1}`` occurs nowhere, ``x_0`` is a choice variable.

    Returns the optimal ``x_0`` (``argmax V``), the value ``max V`` (the value of (7) as printed,
    the same for every ``x_{-1}``), the value ``V(x0)`` when ``x_0`` is given instead, and the
    stationarity of (8) in the free ``x_0``: ``H_x(x_0, q_0, lambda_0) + lambda_0 = 0``, which is
    the adjoint equation at ``t = 0`` with ``lambda_{-1} = 0``.
    """
    x0 = lq.argmax_V()
    q0 = _q(lq.policy.subs(x, to_sympy(x0)))
    l0 = _q(sympy.diff(lq.pi(x, q), q).subs({x: to_sympy(x0), q: to_sympy(q0)}))
    Hx = _q(sympy.diff(lq.H(x, q, lam), x).subs({x: to_sympy(x0), q: to_sympy(q0),
                                                 lam: to_sympy(l0)}))
    return {"optimal x_0": x0, "value of (7) as printed": lq.V(x0), "q_0": q0, "lambda_0": l0,
            "H_x + lambda_0 at x_0": Hx + l0}


# -- Prop. 5's proof: fixed points of (16) ---------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class LogisticQuadratic:
    """Logistic ``g = r x (1 - x/K)``, no stock effect, ``u(q) = a q - q^2/2``; interest ``rho``."""

    r: object
    K: object
    a: object
    rho: object

    def __post_init__(self):
        for f in ("r", "K", "a", "rho"):
            object.__setattr__(self, f, rational(getattr(self, f), f))
        if min(self.r, self.K, self.rho) <= 0:
            raise InputError("r, K, rho", "must be > 0")

    @property
    def delta(self):
        return 1 / (1 + self.rho)

    def g(self, xx):
        return to_sympy(self.r) * xx * (1 - xx / to_sympy(self.K))

    def pi(self, xx, qq):
        return to_sympy(self.a) * qq - qq**2 / 2

    def H(self, xx, qq, ll):
        return self.pi(xx, qq) + ll * (self.g(xx) - qq)

    def to_json(self) -> dict:
        return {"r": self.r, "K": self.K, "a": self.a, "rho": self.rho}


def fixed_points_16(model) -> list:
    """All real fixed points ``(x, lambda)`` of (16) read with gradients (smooth, interior).

    (16): ``x_+ = x + d_lambda Hcal(x, lambda)``, ``lambda_+ = lambda / delta - d_x Hcal(x,
    lambda)``. A fixed point solves ``E1 = d_lambda Hcal = 0`` and ``E2 = (1/delta - 1) lambda -
    d_x Hcal = 0``. ``E1`` must be linear in ``lambda`` (checked); ``lambda(x)`` from ``E1`` is
    substituted into ``E2``, whose numerator's real roots are isolated exactly; each root is
    re-checked in ``E1`` and ``E2``.
    """
    Hc, _, Hqq = reduced_hamiltonian(model.H)
    if not (Hqq.is_Rational and Hqq < 0):
        raise InputError("model", "H_qq must be a negative constant")
    E1 = sympy.expand(sympy.diff(Hc, lam))
    E2 = sympy.expand((1 / to_sympy(model.delta) - 1) * lam - sympy.diff(Hc, x))
    P = sympy.Poly(E1, lam)
    if P.degree() != 1:
        raise InputError("model", "d_lambda Hcal is not linear in lambda")
    c1, c0 = P.all_coeffs()
    lam_of_x = -c0 / c1
    num, den = univariate(E2.subs(lam, lam_of_x), x, "E2")
    out = []
    for root in real_roots(num):
        if root.sign_at(den) == 0 or root.sign_at(univariate(c1, x)[0]) == 0:
            continue
        out.append((root, value_at(lam_of_x, x, root)))
    return out


# -- Remark 5 -------------------------------------------------------------------------------------

def present_value(stream, delta):
    """``sum_t delta^t r_t`` (identical linear utility ``u(r) = r``)."""
    d = as_q(delta)
    return sum((as_q(v) * d**t for t, v in enumerate(stream)), Q(0))


@dataclasses.dataclass(frozen=True)
class Streams:
    """Remark 5's setting: agents' discount factors, the principal's weights, two streams."""

    deltas: tuple
    weights: tuple
    r: tuple
    r_hat: tuple

    def __post_init__(self):
        for f in ("deltas", "weights", "r", "r_hat"):
            object.__setattr__(self, f, tuple(rational(v, f) for v in getattr(self, f)))
        if len(self.deltas) != len(self.weights) or sum(self.weights) != 1 or \
                min(self.weights) <= 0:
            raise InputError("weights", "need one positive weight per agent, summing to 1")

    @property
    def principal_delta(self):
        return sum(w * d for w, d in zip(self.weights, self.deltas))

    def to_json(self) -> dict:
        return {"deltas": list(self.deltas), "weights": list(self.weights), "r": list(self.r),
                "r_hat": list(self.r_hat)}


def unanimity_violation(inst: Streams):
    """A failure of Remark 5's claim for the principal ``delta = sum w_i delta_i``, or None.

    Checks unanimity in both directions: if every agent strictly prefers one stream, so does the
    principal (Pareto); and the paper's displayed implication (the principal's weak preference
    implies every agent's).
    """
    dP = inst.principal_delta
    pv = {"principal": (present_value(inst.r, dP), present_value(inst.r_hat, dP))}
    for i, d in enumerate(inst.deltas):
        pv[f"agent {i + 1}"] = (present_value(inst.r, d), present_value(inst.r_hat, d))
    agents = [v for k, v in pv.items() if k != "principal"]
    P = pv["principal"]
    for better, worse, label in ((1, 0, "r_hat"), (0, 1, "r")):
        if all(a[better] > a[worse] for a in agents) and not P[better] > P[worse]:
            return {"every agent strictly prefers": label, "principal delta": dP,
                    "present values (r, r_hat)": pv}
        if P[better] >= P[worse] and not all(a[better] >= a[worse] for a in agents):
            return {"principal weakly prefers": label, "but an agent does not": True,
                    "principal delta": dP, "present values (r, r_hat)": pv}
    return None
