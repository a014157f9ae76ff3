"""Generic smooth functions as independent jet variables, so that identities are decided exactly.

A *generic* model leaves the payoff ``pi`` and the growth ``G`` unspecified: they are sympy
undefined functions (``sympy.Function("pi")``). Differentiating the Lagrangian (8) or the
Hamiltonian (10) then produces terms such as ``Derivative(pi(x, q), x)`` or, through a
composition, ``Subs(Derivative(pi(_xi, h(x)), _xi), _xi, x)``. :func:`jet_form` replaces every
such term by one fresh symbol per *jet coordinate*: a function, a multi-index of partial
derivatives by argument slot, and the point at which it is evaluated
(``D[1,0]pi(x_t, q_t)`` is the partial of ``pi`` in its first slot at ``(x_t, q_t)``).

Why this is a proof. The map sending each jet coordinate to its symbol is a substitution; if
the two sides of an identity agree as rational functions of *independent* jet symbols (decided by
:func:`exact.symbolic.prove_identity`), they agree for every assignment of values to the jets,
in particular for the jets of any actual smooth ``pi`` and ``G`` (equality of mixed partials,
i.e. ``C^2`` functions, is built in: a multi-index counts derivatives per slot, not their order).
A refutation gives jet values at which the sides differ; any jet is realised by a polynomial, so
it is a genuine counterexample whenever the jet coordinates involved are at distinct points.

References: the jet-variable method is standard in symbolic verification of first-order
conditions (e.g. P. J. Olver, *Applications of Lie Groups to Differential Equations*, 1986, ch. 2).
"""

from __future__ import annotations

from typing import Iterable

import sympy
from sympy.core.function import AppliedUndef

from exact.errors import InputError
from exact.symbolic import prove_identity

__all__ = ["jet_form", "jet_symbol", "decide", "decide_all"]



def as_sympy(v):
    """A sympy value of an exact number or a sympy expression, never by parsing text
    (``sympify`` is banned: text goes through :func:`exact.parse.parse_expression`)."""
    if isinstance(v, sympy.Basic):
        return v
    from exact.numbers import to_sympy
    return to_sympy(v)          # int, Fraction, fmpq or a strict "p/q": exact, no parsing

def _key_name(name: str, counts: tuple, args: tuple) -> str:
    shown = ", ".join(sympy.sstr(a) for a in args)
    if not any(counts):
        return f"{name}({shown})"
    return f"D[{','.join(map(str, counts))}]{name}({shown})"


_CACHE: dict = {}


def jet_symbol(fn, counts: Iterable[int], args: Iterable) -> sympy.Symbol:
    """The jet symbol of ``fn`` differentiated ``counts[k]`` times in slot ``k``, at ``args``.

    ``fn`` is an undefined sympy function (or its name); the same key always gives the same
    symbol, so callers can build substitutions such as "the first-order condition
    ``D_q pi(x, q°) = lambda``" by naming the jet directly.
    """
    name = fn if isinstance(fn, str) else fn.__name__
    args = tuple(as_sympy(a) for a in args)
    counts = tuple(int(c) for c in counts)
    if len(counts) != len(args):
        raise InputError("counts", f"{len(counts)} slots for {len(args)} arguments of {name}")
    key = (name, counts, args)
    sym = _CACHE.get(key)
    if sym is None:
        sym = _CACHE[key] = sympy.Symbol(_key_name(name, counts, args))
    return sym


def _slot(args: tuple, var, where: str) -> int:
    hits = [k for k, a in enumerate(args) if a == var]
    if len(hits) != 1:
        raise InputError("expression", f"{where}: cannot tell which argument slot {var} is "
                                       f"({len(hits)} slots match); use distinct arguments")
    return hits[0]


def _derivative_jet(deriv: sympy.Derivative, replace: dict):
    """The jet symbol of ``Derivative(f(args), v1, v2, ...)``, after substituting ``replace``."""
    f = deriv.expr
    if not isinstance(f, AppliedUndef):
        raise InputError("expression", f"derivative of a non-generic expression: "
                                       f"{sympy.sstr(deriv)[:60]}")
    counts = [0] * len(f.args)
    for var, n in deriv.variable_count:
        counts[_slot(f.args, var, f.func.__name__)] += int(n)
    point = tuple(_jet(a.xreplace(replace)) for a in f.args)
    return jet_symbol(f.func, counts, point)


def _jet(e):
    if isinstance(e, sympy.Subs):
        inner = e.expr
        replace = dict(zip(e.variables, e.point))
        if isinstance(inner, sympy.Derivative):
            return _derivative_jet(inner, replace)
        return _jet(inner.xreplace(replace))
    if isinstance(e, sympy.Derivative):
        return _derivative_jet(e, {})
    if isinstance(e, AppliedUndef):
        point = tuple(_jet(a) for a in e.args)
        return jet_symbol(e.func, [0] * len(point), point)
    if not e.args:
        return e
    return e.func(*[_jet(a) for a in e.args])


def jet_form(expr):
    """``expr`` with every generic-function value and partial derivative replaced by its jet symbol.

    Parameters
    ----------
    expr : sympy.Expr
        Built from symbols, rationals and undefined functions (and their derivatives, possibly
        through compositions).

    Returns
    -------
    sympy.Expr
        The same expression in which no undefined function remains.

    Raises
    ------
    InputError
        when a derivative variable matches no argument slot or several (``pi(x, x)``).

    Examples
    --------
    >>> x, q = sympy.symbols("x q")
    >>> pi = sympy.Function("pi")
    >>> jet_form(sympy.diff(pi(x, q)**2, x))
    2*D[1,0]pi(x, q)*pi(x, q)
    """
    return _jet(as_sympy(expr))


def decide(name: str, lhs, rhs, *, source: str = "") -> dict:
    """Decide ``lhs == rhs`` for generic functions exactly (jets, then ``prove_identity``).

    Returns a JSON-able record: ``name``, ``source``, ``holds`` (True only when proved),
    ``method``, ``residual`` and, when refuted, ``witness`` (jet symbol -> rational) and the two
    values there.
    """
    res = prove_identity(jet_form(lhs), jet_form(rhs))
    out = {"name": name, "holds": res.holds is True, "method": f"prove_identity ({res.method})",
           "residual": res.residual}
    if source:
        out["source"] = source
    if res.holds is None:
        out["undecided"] = res.reason
    if res.witness is not None:
        out["witness"] = {k: str(v) for k, v in res.witness.items()}
        out["lhs_value"] = str(res.lhs_value)
        out["rhs_value"] = str(res.rhs_value)
    return out


def decide_all(items: Iterable[tuple]) -> tuple[list, list]:
    """Decide ``(name, lhs, rhs)`` triples; returns ``(proved names, failed records)``."""
    proved, failed = [], []
    for name, lhs, rhs in items:
        r = decide(name, lhs, rhs)
        (proved.append(name) if r["holds"] else failed.append(r))
    return proved, failed
