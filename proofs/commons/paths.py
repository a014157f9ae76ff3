"""Whole optimal paths in closed form: the linear-quadratic family (E10) and power/log growth (E7).

Linear-quadratic (note A2.6, E10): ``G(x) = R x + B``, ``pi(x, q) = a q - q^2/2 + e x - k x^2/2``,
discount factor ``delta``. The value function is ``V(x) = v0 + v1 x - v2 x^2 / 2`` with ``v2 > 0``
the root of the Riccati equation ``delta v^2 + (1 - k delta - delta R^2) v - k = 0`` (isolated
exactly; the whole-path checks need it rational), ``v1`` and ``v0`` from matching coefficients of
the Bellman equation (solved as a linear system over Q), and the policy ``q(x)`` from the first-order
condition ``pi_q(x, q) = delta V'(G(x) - q)``. The Bellman equation, the first-order condition
and Benveniste-Scheinkman (Remark 4) are then *proved* as polynomial identities in ``x`` by
:func:`exact.symbolic.prove_identity`; the adjoint equation (11) is proved along the path
``x_{t+1} = G(x_t) - q(x_t)`` for ``t = 1..T`` from a symbolic ``x_0``.

Power/log (E7): ``G(x) = A x^(1/2)``, ``pi = log q``, policy ``x_{t+1} = alpha delta A x_t^alpha``
(``alpha = 1/2``). Writing ``x_0 = y^(2^T)`` with a symbolic ``y > 0`` makes every ``x_t``
(``t <= T``) a monomial in ``y``, so the Euler equation ``1/(delta q_{t-1}) = alpha A
x_t^(alpha-1) / q_t`` becomes a rational identity in ``y``; the value function ``E + F log x`` is
checked with ``log`` atoms as independent symbols (:func:`proofs.commons.families.opaque`).

Reference: paper, Theorem 1, Remark 4, Section 5; note A2.6, A2.7, E7, E10.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy

from exact.algebraic import real_roots
from exact.errors import InputError
from exact.numbers import Q, to_sympy
from exact.symbolic import prove_identity

from . import paper
from .convolution import rational

__all__ = ["LQ", "E10", "PowerLog", "E7"]

x, q, lam, x0, y = sympy.symbols("x q lam x0 y")


@dataclasses.dataclass(frozen=True)
class LQ:
    """The linear-quadratic model (note A2.6); all data exact rationals, ``0 < delta < 1``, ``k > 0``."""

    a: object
    B: object
    e: object
    k: object
    R: object
    delta: object

    def __post_init__(self):
        for f in ("a", "B", "e", "k", "R", "delta"):
            object.__setattr__(self, f, rational(getattr(self, f), f))
        if not 0 < self.delta < 1:
            raise InputError("delta", f"must lie in (0, 1), got {self.delta}")
        if self.k <= 0:
            raise InputError("k", f"must be > 0, got {self.k}")

    @property
    def rho(self):
        return 1 / self.delta - 1

    def s(self, name):
        return to_sympy(getattr(self, name))

    def G(self, xx):
        return self.s("R") * xx + self.s("B")

    def g(self, xx):
        return self.G(xx) - xx

    def pi(self, xx, qq):
        return (self.s("a") * qq - qq**2 / 2 + self.s("e") * xx - self.s("k") * xx**2 / 2)

    def H(self, xx, qq, ll):
        return self.pi(xx, qq) + ll * (self.g(xx) - qq)

    @functools.cached_property
    def v2(self):
        """The positive root of the Riccati equation (exact; must be rational for the path checks)."""
        d, k, R = self.delta, self.k, self.R
        roots = [r for r in real_roots([-k, 1 - k * d - d * R * R, d]) if r > 0]
        if len(roots) != 1 or not roots[0].is_rational:
            raise InputError("riccati", f"needs one rational positive root, got {roots}")
        return roots[0].value

    @functools.cached_property
    def value_function(self):
        """``V(x) = v0 + v1 x - v2 x^2 / 2``, ``v1`` and ``v0`` solved from the Bellman equation."""
        v0, v1 = sympy.symbols("v0 v1")
        V = lambda z: v0 + v1 * z - to_sympy(self.v2) * z**2 / 2  # noqa: E731
        qq = self._policy_expr(V)
        resid = sympy.expand(V(x) - self.pi(x, qq) - to_sympy(self.delta) * V(self.G(x) - qq))
        coeffs = sympy.Poly(resid, x).all_coeffs()
        sol = sympy.solve(coeffs[-2:], [v0, v1], dict=True)   # constant and linear terms
        if len(sol) != 1:
            raise InputError("value function", "no unique affine part")
        return sympy.expand(V(x).subs(sol[0]))

    def _policy_expr(self, V):
        """``q`` solving ``pi_q(x, q) = delta V'(G(x) - q)`` (linear in q)."""
        z = sympy.Symbol("z")
        dV = sympy.diff(V(z), z)
        foc = sympy.diff(self.pi(x, q), q) - to_sympy(self.delta) * dV.subs(z, self.G(x) - q)
        (sol,) = sympy.solve(foc, q)
        return sympy.expand(sol)

    @functools.cached_property
    def policy(self):
        """The optimal harvest ``q(x)`` (affine)."""
        V = self.value_function
        return self._policy_expr(lambda z: V.subs(x, z))

    def next_state(self, xx):
        return self.G(xx) - self.policy.subs(x, xx)

    def identities(self) -> list:
        """Bellman, first-order condition and Benveniste-Scheinkman, as (name, Identity)."""
        V, pol, d = self.value_function, self.policy, to_sympy(self.delta)
        Vf = lambda z: V.subs(x, z)  # noqa: E731
        xn = self.G(x) - pol
        z = sympy.Symbol("z")
        dV = sympy.diff(V, x)
        return [
            ("Bellman: V(x) = pi(x, q(x)) + delta V(G(x) - q(x))", prove_identity(
                V, self.pi(x, pol) + d * Vf(xn), [x])),
            ("first-order condition: pi_q = delta V'(x_+)", prove_identity(
                sympy.diff(self.pi(x, q), q).subs(q, pol), d * dV.subs(x, xn), [x])),
            ("Benveniste-Scheinkman: V'(x) = pi_x + pi_q G'", prove_identity(
                dV, (sympy.diff(self.pi(x, q), x) + sympy.diff(self.pi(x, q), q)
                     * sympy.diff(self.G(x), x)).subs(q, pol), [x])),
        ]

    def path(self, T: int) -> list:
        """``(x_t, q_t, lambda_t)`` for ``t = 0..T`` from the symbolic ``x0``; ``lambda_t = pi_q``."""
        out, xt = [], x0
        for _ in range(T + 1):
            qt = sympy.expand(self.policy.subs(x, xt))
            out.append((xt, qt, sympy.diff(self.pi(x, q), q).subs({x: xt, q: qt})))
            xt = sympy.expand(self.G(xt) - qt)
        return out

    def adjoint_identities(self, T: int = 5, adjoint=None) -> list:
        """(11) along the optimal path, ``t = 1..T``: residual ``= 0`` identically in ``x0``."""
        adjoint = adjoint or paper.adjoint_11
        H = lambda X, Qv, L: self.H(X[0], Qv[0], L[0])  # noqa: E731 - (11) is written for vectors
        res = adjoint(H, (x,), (q,), (lam,), (sympy.Symbol("lam_prev"),),
                      to_sympy(self.delta))[0]
        pts = self.path(T)
        out = []
        for t in range(1, T + 1):
            (xt, qt, lt), lp = pts[t], pts[t - 1][2]
            r = res.subs({x: xt, q: qt, lam: lt, sympy.Symbol("lam_prev"): lp})
            out.append((f"adjoint (11) at t = {t}", prove_identity(r, 0, [x0])))
        return out

    @functools.cached_property
    def steady_state(self) -> dict:
        """The fixed point of the policy: ``x*``, ``q*``, ``lambda*`` (exact rationals)."""
        (xs,) = sympy.solve(sympy.Eq(self.next_state(x), x), x)
        qs = self.policy.subs(x, xs)
        ls = sympy.diff(self.pi(x, q), q).subs({x: xs, q: qs})
        return {"x*": Q(int(xs.p), int(xs.q)), "q*": Q(int(qs.p), int(qs.q)),
                "lambda*": Q(int(ls.p), int(ls.q))}

    @property
    def policy_slope(self):
        c = sympy.Poly(self.next_state(x), x).all_coeffs()[0]
        return Q(int(c.p), int(c.q))

    def V(self, xx):
        """The exact value ``V(xx)`` at a rational stock."""
        v = self.value_function.subs(x, to_sympy(xx))
        return Q(int(v.p), int(v.q))

    def argmax_V(self):
        """The stock maximising ``V`` (concave quadratic): ``v1 / v2``."""
        v1 = sympy.Poly(self.value_function, x).all_coeffs()[1]
        return Q(int(v1.p), int(v1.q)) / self.v2


#: the note's instance E10: delta = 3/4, G = 7/6 x + 1/2, pi = 2q - q^2/2 + 2x - x^2/2
E10 = LQ(a=2, B=Q(1, 2), e=2, k=1, R=Q(7, 6), delta=Q(3, 4))


@dataclasses.dataclass(frozen=True)
class PowerLog:
    """``G(x) = A sqrt(x)``, ``pi = log q`` (note E7, ``alpha = 1/2``); ``A > 0``, ``0 < delta < 1``."""

    A: object
    delta: object
    alpha = Q(1, 2)

    def __post_init__(self):
        object.__setattr__(self, "A", rational(self.A, "A"))
        object.__setattr__(self, "delta", rational(self.delta, "delta"))
        if self.A <= 0 or not 0 < self.delta < 1:
            raise InputError("A, delta", "need A > 0 and 0 < delta < 1")

    @property
    def rho(self):
        return 1 / self.delta - 1

    def G(self, xx):
        return to_sympy(self.A) * sympy.sqrt(xx)

    def g(self, xx):
        return self.G(xx) - xx

    def pi(self, xx, qq):
        return sympy.log(qq)

    def H(self, xx, qq, ll):
        return self.pi(xx, qq) + ll * (self.g(xx) - qq)

    def next_state(self, xx):
        return to_sympy(self.alpha * self.delta * self.A) * sympy.sqrt(xx)

    def harvest(self, xx):
        return to_sympy((1 - self.alpha * self.delta) * self.A) * sympy.sqrt(xx)

    def euler_identities(self, T: int = 5) -> list:
        """The Euler form of (11), ``lambda_{t-1} = delta (pi_x + G'(x_t) lambda_t)`` with
        ``lambda = 1/q``, at ``t = 1..T`` from ``x_0 = y^(2^T)``."""
        Y = sympy.Symbol("y", positive=True)
        xs = [Y ** (2 ** T)]
        for _ in range(T):
            xs.append(self.next_state(xs[-1]))
        d = to_sympy(self.delta)
        z = sympy.Symbol("z", positive=True)
        Gp = sympy.diff(self.G(z), z)
        out = []
        for t in range(1, T + 1):
            lam_prev = 1 / self.harvest(xs[t - 1])
            lam_t = 1 / self.harvest(xs[t])
            out.append((f"Euler/adjoint at t = {t}",
                        prove_identity(lam_prev, d * Gp.subs(z, xs[t]) * lam_t, [Y])))
        return out

    @property
    def steady_state(self) -> dict:
        """``x* = (alpha delta A)^(1/(1-alpha)) = (delta A / 2)^2``, ``q* = g(x*)``, ``lambda* = 1/q*``."""
        xs = (self.alpha * self.delta * self.A) ** 2
        qs = self.A * (self.alpha * self.delta * self.A) - xs     # A sqrt(x*) - x*
        return {"x*": xs, "q*": qs, "lambda*": 1 / qs}


#: the note's instance E7: A = 4, delta = 1/2 (rho = 1)
E7 = PowerLog(A=4, delta=Q(1, 2))
