"""A user's own one-species model, from text: growth ``g(x)`` and payoff ``pi(x, q)``.

The text is read by :func:`exact.parse.parse_expression` only (never ``eval``, ``sympify`` or
``parse_expr``): the growth may use ``x`` and the named parameters, the payoff ``x``, ``q`` and
the parameters; functions are limited to ``sqrt``, ``exp`` and ``log``; exponents are literals of
at most 64 (so ``x^(10^10)`` or ``2^2^2^2`` are refused with the position of the offending
character). Parameter values are exact rationals (``"3/4"``, ``"0.25"``), never floats.

:func:`solve` then returns every golden-rule steady state of (18) in the box with ``lambda > 0``
exactly (:mod:`proofs.commons.steady`); it needs the first-order conditions to be rational in
``x`` after substituting the parameters (``log q`` is fine: its derivative is ``1/q``), and says
so with an :class:`exact.InputError` otherwise. :func:`check_state` decides whether a given
rational stock satisfies the golden rule.

Example
-------
>>> res = solve("r*x*(1 - x/K)", "q - q^2/(2*x)", rho="1/4", params={"r": "1", "K": "1"})
>>> [s["x"] for s in res["steady states"]]
['1/2']
>>> solve("x^(99999)", "q", rho="1")
Traceback (most recent call last):
...
exact.errors.InputError: growth: position 4: exponent '99999' exceeds 64 in absolute value
"""

from __future__ import annotations

import re
from typing import Mapping, Optional

import sympy

from exact.errors import InputError
from exact.numbers import parse_q, to_sympy
from exact.parse import parse_expression

from .steady import scalar_steady_states

__all__ = ["read_model", "solve", "check_state", "FUNCTIONS"]

#: functions a user's growth or payoff may call
FUNCTIONS = ("sqrt", "exp", "log")
_RESERVED = {"x", "q"}

x, q = sympy.symbols("x q", positive=True)


def _read(field: str, text, names: dict):
    try:
        return parse_expression(text, tuple(names.values()), functions=FUNCTIONS)
    except InputError as exc:
        raise InputError(field, exc.problem) from None


def read_model(growth: str, payoff: str, params: Optional[Mapping[str, str]] = None) -> tuple:
    """``(g, pi)`` as sympy expressions in ``x`` and ``q`` with the parameters substituted.

    Raises
    ------
    InputError
        field ``growth``/``payoff`` for text the safe parser refuses (unknown names, calls
        outside ``sqrt, exp, log``, huge exponents, floats in exponent notation, ...);
        ``params[name]`` for a bad name or a value that is not an exact rational.
    """
    params = dict(params or {})
    values = {}
    for name, v in params.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) \
                or name in _RESERVED or name in FUNCTIONS:
            raise InputError(f"params[{name!r}]", "must be an identifier other than x, q and "
                                                  "the function names")
        values[sympy.Symbol(name, positive=True)] = to_sympy(parse_q(v, f"params[{name}]"))
    names = {s.name: s for s in values}
    g = _read("growth", growth, {"x": x, **names})
    pi = _read("payoff", payoff, {"x": x, "q": q, **names})
    return g.xreplace(values), pi.xreplace(values)


def solve(growth: str, payoff: str, rho, box=("0", "1"), params=None) -> dict:
    """Every steady state of (18) with ``lo < x* < hi`` and ``lambda* > 0``, exactly.

    Returns a JSON-able dict: the model as read, ``rho``, ``box`` and ``steady states`` (each
    ``x``, ``q``, ``lambda``: a rational as ``"p/q"`` or an algebraic number with its minimal
    polynomial, isolating interval and digits).
    """
    g, pi = read_model(growth, payoff, params)
    r = parse_q(rho, "rho")
    if r <= 0:
        raise InputError("rho", f"the interest rate must be > 0, got {r}")
    if not isinstance(box, (tuple, list)) or len(box) != 2:
        raise InputError("box", f"expected (lo, hi), got {box!r}")
    lo, hi = parse_q(box[0], "box[0]"), parse_q(box[1], "box[1]")
    states = scalar_steady_states(g, pi, x, q, r, (lo, hi))
    return {"g(x)": sympy.sstr(g), "pi(x, q)": sympy.sstr(pi), "rho": str(r),
            "box": [str(lo), str(hi)], "steady states": [s.to_json() for s in states]}


def check_state(growth: str, payoff: str, rho, x_star, params=None) -> dict:
    """Whether the rational stock ``x_star`` satisfies (18) exactly (``q = g(x)``, ``lambda = pi_q``)."""
    g, pi = read_model(growth, payoff, params)
    r, xs = to_sympy(parse_q(rho, "rho")), to_sympy(parse_q(x_star, "x_star"))
    qs = g.subs(x, xs)
    lam = sympy.diff(pi, q).subs({x: xs, q: qs})
    hot = r * lam - sympy.diff(pi, x).subs({x: xs, q: qs}) - sympy.diff(g, x).subs(x, xs) * lam
    if not hot.is_Rational or not lam.is_Rational:
        raise InputError("x_star", f"the golden rule at x = {xs} is not rational ({hot}); "
                                   f"use solve() for algebraic steady states")
    return {"x": str(xs), "q": sympy.sstr(qs), "lambda": sympy.sstr(lam),
            "Hotelling residual": sympy.sstr(hot), "steady state": bool(hot == 0 and lam > 0)}
