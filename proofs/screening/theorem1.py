"""Theorem 1 (Section 3) and the note's counterexample family (note S1).

Theorem 1: if ``q_a >= 0``, ``q_b <= 0`` and every type is IC with every point of its
northeast boundary ``F^{(a,b)}`` of (3), then every IC constraint holds. The proof (Lemma 1)
uses the taxation principle ``t(x, y) = T(q(x, y))``, which presupposes IC.

The family (note S1): ``v = (a - b) q - q^2/2``, ``q = a - b + 2``,
``V = U(a - b) + k (1 - a)(1 - b)`` with ``U(s) = s^2/2 + 2 s + 10`` (so ``U' = q``). The IC
slack between ``(a, b)`` and ``(x, y)`` is exactly ``(s - s')^2/2 + k((1 - a)(1 - b) - (1 - x)(1 - y))``
(``s = a - b``, ``s' = x - y``); on ``F`` the bump ``(1 - x)(1 - y)`` vanishes, so for ``k >= 0``
the hypotheses hold, while ``(1, 1)`` mimicking ``(0, 0)`` has slack ``-k``.

Everything is decided exactly: the slack formulas by :func:`exact.symbolic.prove_identity`, the
violation by evaluating the model at rational points.
"""

from __future__ import annotations

import sympy

from exact.numbers import Q, from_sympy

from .identities import prove

__all__ = ["a", "b", "x", "y", "valuation", "allocation", "rent", "slack", "hypotheses",
           "violation", "FAMILY", "U"]

a, b, x, y, k = sympy.symbols("a b x y k")
_SRC = "Section 3, Theorem 1 (note S1)"
#: the bump coefficients of the family, in canonical order (0: an IC contract; 1: the note's)
FAMILY = ("0", "1", "1/2", "2", "-1")


def valuation(q, a_, b_):
    """``v(q, a, b) = (a - b) q - q^2/2`` (Assumptions 1-3 and (*) hold)."""
    return (a_ - b_) * q - q ** 2 / 2


def U(t):
    return t ** 2 / 2 + 2 * t + 10


def allocation(a_, b_):
    return a_ - b_ + 2


def rent(a_, b_, kk):
    return U(a_ - b_) + kk * (1 - a_) * (1 - b_)


def slack(kk, a_=a, b_=b, x_=x, y_=y):
    """IC slack of ``(a, b)`` mimicking ``(x, y)``: ``V(a,b) - V(x,y) - (v(q(x,y); a,b) - v(q(x,y); x,y))``."""
    qx = allocation(x_, y_)
    return rent(a_, b_, kk) - rent(x_, y_, kk) - (valuation(qx, a_, b_) - valuation(qx, x_, y_))


def hypotheses(kk) -> list:
    """Exact checks of Theorem 1's hypotheses for bump ``kk``; the slack on ``F`` has the form
    ``(s - s')^2/2 + kk (1 - a)(1 - b)``, nonnegative on the square iff ``kk >= 0``."""
    syms = (a, b, x, y)
    form = lambda x_, y_: (a - b - x_ + y_) ** 2 / 2 + kk * (1 - a) * (1 - b)  # noqa: E731
    return [
        prove("q_a = 1 >= 0", _SRC, sympy.diff(allocation(a, b), a), 1, (a, b)),
        prove("q_b = -1 <= 0", _SRC, sympy.diff(allocation(a, b), b), -1, (a, b)),
        prove("slack on the right edge x = 1", _SRC, slack(kk, a, b, 1, y), form(1, y), syms),
        prove("slack on the top edge y = 1", _SRC, slack(kk, a, b, x, 1), form(x, 1), syms),
        prove("full slack", _SRC, slack(kk),
              (a - b - x + y) ** 2 / 2 + kk * ((1 - a) * (1 - b) - (1 - x) * (1 - y)), syms),
    ]


def violation(kk):
    """``(slack, (a, b), (x, y))`` of ``(1, 1)`` mimicking ``(0, 0)``, exactly."""
    one, zero = sympy.Integer(1), sympy.Integer(0)
    val = sympy.expand(slack(sympy.Rational(kk), one, one, zero, zero))
    return from_sympy(val), (Q(1), Q(1)), (Q(0), Q(0))
