"""Type spaces: the note's discrete model (values and probabilities) and continuous CDFs on [0, 1].

The paper (Section 2) draws types i.i.d. from a CDF ``F`` on ``T = [0, 1]`` with positive density.
The discrete version used for exact enumeration has values ``v_1 < ... < v_L`` (``v_1 >= 0``) with
rational probabilities ``pi_l > 0`` summing to 1; its quantile grid is ``q_l = sum_{j<l} pi_j``.
Every input is validated strictly: a bad field raises :class:`exact.InputError` naming it.

Examples
--------
>>> inst = instance(3, 2, 1, ["1", "2", "3"], ["1/3", "1/3", "1/3"])
>>> [str(x) for x in inst.grid]
['0', '1/3', '2/3', '1']
>>> instance(3, 3, 1, [1], [1])
Traceback (most recent call last):
...
exact.errors.InputError: m: need m < n (m identical objects, n agents), got m = 3, n = 3
"""

from __future__ import annotations

import dataclasses
from math import lcm
from typing import Any, Sequence

import sympy

from exact.errors import InputError
from exact.numbers import Q, parse_q, to_jsonable

__all__ = ["Instance", "instance", "check_parameters", "Distribution", "uniform", "power",
           "distribution", "t"]

t = sympy.Symbol("t")


def check_parameters(n: Any, m: Any, k: Any) -> tuple[int, int, int]:
    """Validate ``0 <= k < m < n`` (Section 2), naming the offending field."""
    for name, v in (("n", n), ("m", m), ("k", k)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise InputError(name, f"expected an integer, got {v!r}")
    if n < 2:
        raise InputError("n", f"need at least 2 agents, got n = {n}")
    if not 1 <= m < n:
        raise InputError("m", f"need m < n (m identical objects, n agents), got m = {m}, n = {n}"
                         if m >= n else f"need m >= 1, got m = {m}")
    if not 0 <= k < m:
        raise InputError("k", f"need k < m (fewer verifications than objects), got k = {k}, "
                              f"m = {m}" if k >= m else f"need k >= 0, got k = {k}")
    return n, m, k


@dataclasses.dataclass(frozen=True)
class Instance:
    """A discrete instance: ``n`` agents, ``m`` objects, ``k`` audits, values and probabilities."""

    n: int
    m: int
    k: int
    values: tuple
    probs: tuple

    @property
    def L(self) -> int:
        return len(self.values)

    @property
    def grid(self) -> tuple:
        """``(q_1, ..., q_{L+1}) = (0, pi_1, pi_1 + pi_2, ..., 1)``: mass strictly below each type."""
        out, acc = [Q(0)], Q(0)
        for p in self.probs:
            acc += p
            out.append(acc)
        return tuple(out)

    def to_json(self) -> dict:
        return {"n": self.n, "m": self.m, "k": self.k, "values": to_jsonable(self.values),
                "probabilities": to_jsonable(self.probs)}

    @staticmethod
    def from_json(data: Any) -> "Instance":
        if not isinstance(data, dict):
            raise InputError("instance", f"expected an object, got {type(data).__name__}")
        for key in ("n", "m", "k", "values", "probabilities"):
            if key not in data:
                raise InputError(key, "missing")
        return instance(data["n"], data["m"], data["k"], data["values"], data["probabilities"])


def instance(n: int, m: int, k: int, values: Sequence, probs: Sequence) -> Instance:
    """Build and validate a discrete :class:`Instance`.

    Raises
    ------
    InputError
        naming ``n``, ``m``, ``k``, ``values[i]`` or ``probabilities[i]`` / ``probabilities``:
        ``k >= m``, ``m >= n``, values not strictly increasing or negative, a probability that
        is not positive, probabilities that do not sum to 1, lists of different lengths.
    """
    n, m, k = check_parameters(n, m, k)
    if not isinstance(values, (list, tuple)) or not values:
        raise InputError("values", "expected a non-empty list of numbers")
    if not isinstance(probs, (list, tuple)):
        raise InputError("probabilities", "expected a list of numbers")
    vs = tuple(parse_q(v, f"values[{i}]") for i, v in enumerate(values))
    ps = tuple(parse_q(p, f"probabilities[{i}]") for i, p in enumerate(probs))
    if len(ps) != len(vs):
        raise InputError("probabilities", f"{len(ps)} probabilities for {len(vs)} values")
    if vs[0] < 0:
        raise InputError("values[0]", f"types are values in [0, inf), got {vs[0]}")
    for i in range(1, len(vs)):
        if not vs[i] > vs[i - 1]:
            raise InputError(f"values[{i}]", f"values must be strictly increasing, got "
                                             f"{vs[i - 1]} then {vs[i]}")
    for i, p in enumerate(ps):
        if not p > 0:
            raise InputError(f"probabilities[{i}]", f"must be positive, got {p}")
    total = sum(ps, Q(0))
    if total != 1:
        raise InputError("probabilities", f"must sum to 1, they sum to {total}")
    return Instance(n, m, k, vs, ps)


# --- continuous distributions ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Distribution:
    """A CDF ``F(t)`` on ``[0, 1]`` as a sympy expression in :data:`t`, validated exactly."""

    cdf: sympy.Expr
    name: str

    @property
    def density(self) -> sympy.Expr:
        return sympy.diff(self.cdf, t)

    def __call__(self, x) -> sympy.Expr:
        return self.cdf.subs(t, x)


def _as_polynomial_in_root(expr: sympy.Expr) -> tuple[sympy.Poly, int]:
    """Write ``expr`` as a polynomial in ``s = t^(1/D)``; InputError if it is not of that form."""
    expr = sympy.expand(expr)
    dens = [1]
    for p in expr.atoms(sympy.Pow):
        if p.base == t and p.exp.is_Rational:
            dens.append(int(p.exp.q))
    D = lcm(*dens)
    s = sympy.Symbol("s", positive=True)
    sub = sympy.expand(sympy.powsimp(expr.subs(t, s ** D), force=True))
    try:
        return sympy.Poly(sub, s, domain="QQ"), D
    except sympy.PolynomialError:
        raise InputError("distribution", "F must be a polynomial in t^(1/D) with rational "
                                         f"coefficients, got {expr}") from None


def distribution(cdf: Any, name: str = "") -> Distribution:
    """Validate a CDF on ``[0, 1]``: ``F(0) = 0``, ``F(1) = 1``, ``F`` non-decreasing (exactly).

    Parameters
    ----------
    cdf : str or sympy.Expr
        text is read with the safe parser :func:`exact.parse.parse_expression` (symbol ``t``).

    Raises
    ------
    InputError
        field ``distribution`` when ``F`` is not a CDF on ``[0, 1]`` (or not of the supported form).
    """
    if isinstance(cdf, str):
        from exact.parse import parse_expression
        expr = parse_expression(cdf, symbols=[t])
        name = name or cdf
    elif isinstance(cdf, sympy.Expr):
        expr = cdf
    else:
        raise InputError("distribution", f"expected a formula in t, got {type(cdf).__name__}")
    if expr.free_symbols - {t}:
        raise InputError("distribution", f"F may only depend on t, got symbols "
                                         f"{sorted(map(str, expr.free_symbols - {t}))}")
    poly, D = _as_polynomial_in_root(expr)
    f0, f1 = poly.eval(0), poly.eval(1)
    if f0 != 0:
        raise InputError("distribution", f"not a CDF on [0,1]: F(0) = {f0}, not 0")
    if f1 != 1:
        raise InputError("distribution", f"not a CDF on [0,1]: F(1) = {f1}, not 1")
    d = poly.diff()
    from exact.algebraic import real_roots
    cuts = sorted(set([sympy.Integer(0), sympy.Integer(1)] +
                      [sympy.Rational(int(x.p), int(x.q))
                       for r in (real_roots(d, (0, 1)) if not d.is_zero else [])
                       for x in r.refine(digits=6)]))
    for a, b in zip(cuts, cuts[1:]):
        mid = (a + b) / 2
        if d.eval(mid) < 0:
            raise InputError("distribution", f"not a CDF on [0,1]: F decreases near t = "
                                             f"{mid ** D}")
    return Distribution(sympy.nsimplify(expr) if not expr.is_polynomial(t) else expr,
                        name or str(expr))


def uniform() -> Distribution:
    """``F(t) = t`` (Example 1)."""
    return Distribution(t, "uniform")


def power(a) -> Distribution:
    """``F(t) = t^a`` for a rational ``a > 0``."""
    a = parse_q(a, "a")
    if not a > 0:
        raise InputError("a", f"the power must be positive, got {a}")
    return distribution(t ** sympy.Rational(int(a.p), int(a.q)), f"t^{a}")
