"""Lemma 6 for every n: (19), (20), (23) and the induction step, with symbolic n, m, k, i.

Notation: ``beta_j(q) = C(n, j) (1-q)^j q^(n-j)`` (the probability that exactly ``j`` of ``n``
agents are above quantile ``q``) and ``b_j(q) = C(n-1, j) (1-q)^j q^(n-1-j)``, so that

* ``G(i; n, 1-q) = sum_{j=0}^{i} beta_j`` (Lemma 6's binomial CDF),
* ``c^allo(q) = sum_i min(i, m) beta_i = sum_{r=0}^{m-1} T_r`` with ``T_r = sum_{i>r} beta_i``
  (``min(i, m)`` counts the ``r < m`` with ``r < i``),
* (19)'s right-hand side is ``-n sum_{j<m} b_j``.

The proof has one real step, decided for symbolic ``n, j, q`` by
:func:`exact.symbolic.prove_identity` after the common factor ``C(n, j) (1-q)^(j-1) q^(n-j-1)``
is taken out (the binomial ratios ``C(n-1, j) / C(n, j) = (n-j)/n`` and ``C(n-1, j-1) / C(n, j)
= j/n`` by ``sympy.gammasimp``):

    (T)  d/dq beta_j = n (b_j - b_{j-1});

the rest is telescoping, ``sum_{j=a}^{c} (F(j) - F(j-1)) = F(c) - F(a-1)`` (``sympy.summation``
on an undefined ``F``), with ``b_{-1} = b_n = 0`` (``C(n-1, -1) = C(n-1, n) = 0``, sympy):

* (23) ``d/dq G(i; n, 1-q) = n b_i = n C(n-1, i) q^(n-i-1) (1-q)^i``, and with ``G(i; n, 1) = 0``
  for ``i < n`` the integral form ``(n-i) C(n, i) int_0^q x^(n-i-1) (1-x)^i dx``;
* ``sum_{j=0}^{n} beta_j = 1`` (derivative 0 by telescoping, value 1 at q = 0);
* ``T_r' = n (b_n - b_r) = -n b_r``, hence (19) ``c^allo' = -n sum_{j<m} b_j``, (20) the same
  with ``k`` plus ``d/dq n (1-q) phi = -n phi``, and the induction step ``c^allo(q | m+1) -
  c^allo(q | m) = T_m = 1 - G(m; n, 1-q)`` with derivative ``-n b_m``.
"""

from __future__ import annotations

import dataclasses

import sympy

from exact.symbolic import prove_identity

__all__ = ["Step", "lemma_6_steps", "termwise_derivative", "STATEMENTS"]

n, j, i, r, q, phi = sympy.symbols("n j i r q phi")
a, c = sympy.symbols("a c", integer=True)
X, Y, B = sympy.symbols("X Y B", positive=True)   # (1-q)^(j-1), q^(n-j-1), C(n, j)


@dataclasses.dataclass(frozen=True)
class Step:
    """One decided step: its name, how it was decided, and whether it holds."""

    name: str
    method: str
    holds: bool
    detail: str = ""

    def to_json(self) -> dict:
        return {"name": self.name, "method": self.method, "holds": self.holds,
                "detail": self.detail}


def beta(jj, nn=n):
    return sympy.binomial(nn, jj) * (1 - q) ** jj * q ** (nn - jj)


def b(jj):
    return sympy.binomial(n - 1, jj) * (1 - q) ** jj * q ** (n - 1 - jj)


def _factor_out(expr) -> sympy.Expr:
    """``expr / (C(n, j) (1-q)^(j-1) q^(n-j-1))`` written in ``X, Y, B`` and then divided out:
    a polynomial in n, j, q (raises if a symbolic power or binomial survives)."""
    e = sympy.expand(expr)
    e = e.subs({sympy.binomial(n - 1, j): B * (n - j) / n,
                sympy.binomial(n - 1, j - 1): B * j / n,
                sympy.binomial(n, j): B})
    e = sympy.expand(sympy.powsimp(sympy.expand_power_exp(e), force=True))
    out = sympy.Integer(0)
    for term in sympy.Add.make_args(e):
        coeff, powers = sympy.Integer(1), sympy.Integer(1)
        for f in sympy.Mul.make_args(term):
            base, ex = f.as_base_exp()
            if base == 1 - q or base == q - 1:
                powers *= f
            elif base == q and not ex.is_Integer:
                powers *= f
            else:
                coeff *= f
        # powers = (1-q)^(j + s) q^(n - j + t) with integer s, t: divide by (1-q)^(j-1) q^(n-j-1)
        ratio = sympy.powsimp(powers / ((1 - q) ** (j - 1) * q ** (n - j - 1)), force=True)
        ratio = sympy.simplify(ratio)
        out += coeff * ratio / B
    out = sympy.expand(out)
    if out.has(sympy.binomial) or any(p.exp.free_symbols for p in out.atoms(sympy.Pow)):
        raise ArithmeticError(f"a symbolic power or binomial survived: {out}")
    return out


def _ratio_steps() -> list:
    out = []
    for name, lhs, rhs in (("C(n-1, j) / C(n, j) = (n-j)/n", sympy.binomial(n - 1, j) /
                            sympy.binomial(n, j), (n - j) / n),
                           ("C(n-1, j-1) / C(n, j) = j/n", sympy.binomial(n - 1, j - 1) /
                            sympy.binomial(n, j), j / n)):
        diff = sympy.gammasimp(sympy.expand_func(lhs) - rhs)
        out.append(Step(name, "sympy.gammasimp", diff == 0, str(diff)))
    return out


def termwise_derivative(rhs=None) -> Step:
    """(T) ``d/dq beta_j = n (b_j - b_{j-1})`` for symbolic n, j (``rhs`` overrides the right
    side, for mutation tests)."""
    rhs = n * (b(j) - b(j - 1)) if rhs is None else rhs
    lhs = sympy.diff(beta(j), q)
    name = "(T) d/dq beta_j = n (b_j - b_{j-1})"
    try:
        res = prove_identity(_factor_out(lhs), _factor_out(rhs), symbols=(n, j, q))
    except ArithmeticError as exc:
        return Step(name, "not reducible to a polynomial identity", False, str(exc))
    return Step(name, "exact.symbolic.prove_identity "
                "(after factoring out C(n,j) (1-q)^(j-1) q^(n-j-1))", res.holds is True,
                res.residual)


def _telescoping() -> Step:
    F = sympy.Function("F")
    s = sympy.summation(F(j) - F(j - 1), (j, a, c))
    ok = sympy.simplify(s - (F(c) - F(a - 1))) == 0
    return Step("telescoping: sum_{j=a}^{c} F(j) - F(j-1) = F(c) - F(a-1)", "sympy.summation",
                ok, str(s))


def _vanishing() -> list:
    pos = sympy.Symbol("N", integer=True, positive=True)
    out = []
    for name, e in (("b_{-1} = 0", b(-1)), ("b_n = 0", b(n))):
        v = sympy.simplify(e.subs(n, pos))
        out.append(Step(name, "sympy (binomial(N-1, -1) = binomial(N-1, N) = 0 for N >= 1)",
                        v == 0, str(v)))
    return out


def _at_zero() -> list:
    """``beta_j(0) = 0`` for ``j < n`` and ``beta_n(0) = 1``: G(i; n, 1) = 0 for i < n, the
    total mass 1, c^allo(0) = m, c^aud(0) = k + n phi; and ``beta_j(1) = 0`` for j >= 1."""
    N = sympy.Symbol("N", integer=True, positive=True)
    J = sympy.Symbol("J", integer=True, nonnegative=True)
    out = []
    for name, e, target in (("beta_J(0) = 0 for J < N", beta(J, N).subs(q, 0).subs(N, J + 1 + N), 0),
                            ("beta_N(0) = 1", beta(N, N).subs(q, 0), 1),
                            ("beta_J(1) = 0 for J >= 1", beta(J + 1, N).subs(q, 1), 0)):
        v = sympy.simplify(e)
        out.append(Step(name, "sympy", v == target, str(v)))
    return out


def _integral_form() -> Step:
    """(23) integral form: derivative and value at 0 agree; ``(n-i) C(n, i) = n C(n-1, i)``."""
    lhs = (n - i) * sympy.binomial(n, i)
    rhs = n * sympy.binomial(n - 1, i)
    diff = sympy.gammasimp(sympy.expand_func(lhs / rhs)) - 1
    return Step("(23) (n-i) C(n, i) x^(n-i-1) (1-x)^i = n b_i(x)", "sympy.gammasimp", diff == 0,
                str(diff))


def _min_split() -> Step:
    """``min(i, m) = #{r : 0 <= r < m, r < i}`` for 0 <= i, m <= 40 (the sum swap)."""
    ok = all(min(ii, mm) == sum(1 for rr in range(mm) if rr < ii)
             for ii in range(41) for mm in range(41))
    return Step("min(i, m) = sum_{r<m} 1{i > r}", "enumeration of 0 <= i, m <= 40 (and the "
                "identity is the definition of min for integers)", ok)


#: what each identity of Lemma 6 rests on (names of the steps above)
STATEMENTS = {
    "(23) derivative": ["(T)", "telescoping", "b_{-1} = 0"],
    "(23) integral form": ["(T)", "telescoping", "b_{-1} = 0", "beta_J(0) = 0 for J < N",
                           "(23) (n-i) C(n, i)"],
    "(19)": ["(T)", "telescoping", "b_n = 0", "min(i, m)"],
    "(20)": ["(T)", "telescoping", "b_n = 0", "min(i, m)"],
    "induction step": ["(T)", "telescoping", "b_{-1} = 0", "b_n = 0", "beta_J(0) = 0 for J < N",
                       "beta_N(0) = 1"],
    "boundary values": ["beta_J(0) = 0 for J < N", "beta_N(0) = 1", "beta_J(1) = 0 for J >= 1"],
}


def lemma_6_steps() -> list:
    """Every step, decided (see the module docstring)."""
    return (_ratio_steps() + [termwise_derivative(), _telescoping()] + _vanishing() + _at_zero()
            + [_integral_form(), _min_split()])
