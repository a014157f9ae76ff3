"""Lemma 6 and the derivative facts in the proof of Lemma 7, as exact polynomial identities.

Every identity is an equation between two polynomials in ``q`` (and ``phi``) over QQ, built with
sympy (exact rational coefficients) and decided by :func:`exact.symbolic.prove_identity`: both
sides become python-flint ``fmpq_mpoly`` polynomials and the identity holds iff ``lhs - rhs`` is the
zero polynomial (a false one comes with a rational witness point), for one ``(n, m, k)`` at a
time. Rational functions (only for ``k = 0`` in the second-derivative formula, where
``(1 - q)^(k-1)`` appears) are multiplied out first.

References: Appendix A.4, Lemma 6 (equations (19), (20), (23) and the induction over ``m``) and
the proof of Lemma 7; Section 3.1 for the identity ``c^ic - c^aud = m - n phi - E[min{X, k}]``.
"""

from __future__ import annotations

import dataclasses
from math import comb
from typing import Optional

import sympy

from exact.symbolic import prove_identity

from .capacity import (binom_cdf_poly, c_allo_poly, c_aud_poly, c_ic_poly, expected_min_poly,
                       phi, q)

__all__ = ["Identity", "lemma_6_identities", "lemma_7_derivative_identities",
           "induction_step", "prove"]


@dataclasses.dataclass(frozen=True)
class Identity:
    """One decided identity: its name, the paper's equation, and the exact verdict.

    ``holds`` is True only when :func:`exact.symbolic.prove_identity` proved it (an expression
    outside the rational fragment is undecided and counts as not holding); ``residual`` is the
    numerator of ``lhs - rhs`` ("0" when it holds), ``witness`` a rational point where the two
    sides differ.
    """

    name: str
    source: str
    holds: bool
    residual: str
    method: str = "polynomial"
    witness: Optional[dict] = None

    def to_json(self) -> dict:
        out = {"name": self.name, "source": self.source, "holds": self.holds,
               "residual": self.residual,
               "method": f"exact.symbolic.prove_identity ({self.method}, flint fmpq_mpoly)"}
        if self.witness is not None:
            out["witness"] = self.witness
        return out


def prove(name: str, source: str, lhs, rhs) -> Identity:
    """Decide ``lhs == rhs`` as polynomials (rational functions) in ``(q, phi)`` over QQ, exactly."""
    res = prove_identity(lhs, rhs, symbols=(q, phi))
    return Identity(name, source, res.holds is True, res.residual, res.method, res.witness)


def _bern(N: int, j: int):
    """``C(N, j) q^(N-j) (1-q)^j`` (the summand of (19) and (20))."""
    return comb(N, j) * q ** (N - j) * (1 - q) ** j


def lemma_6_identities(n: int, m: int, k: int) -> list[Identity]:
    """All identities of Lemma 6 for one ``(n, m, k)`` with ``0 <= k < m < n``.

    Parameters
    ----------
    n, m, k : int

    Returns
    -------
    list of Identity
        (19), (20), (23) for every ``i < n``, the boundary values, the sign fact at ``q = 0``,
        and the Section 3.1 identity ``c^ic - c^aud = m - n phi - E[min{Bin(n, 1-q), k}]``.
    """
    ca = c_allo_poly(n, m).as_expr()
    cu = c_aud_poly(n, k).as_expr()
    ci = c_ic_poly(n, m).as_expr()
    out = [
        prove("(19)", "Lemma 6, eq. (19)", sympy.diff(ca, q),
              -n * sum(_bern(n - 1, j) for j in range(m))),
        prove("(19) as -n G(m-1; n-1, 1-q)", "Lemma 6 / proof of Lemma 7", sympy.diff(ca, q),
              -n * binom_cdf_poly(m - 1, n - 1).as_expr()),
        prove("(20)", "Lemma 6, eq. (20)", sympy.diff(cu, q),
              -n * sum((_bern(n - 1, j) for j in range(k)), sympy.Integer(0)) - n * phi),
        prove("c^ic - c^aud", "Section 3.1", ci - cu, m - n * phi - expected_min_poly(n, k).as_expr()),
        prove("c^allo(0) = m", "Lemma 6", ca.subs(q, 0), m),
        prove("c^ic(0) = m", "Lemma 6", ci.subs(q, 0), m),
        prove("c^allo(1) = 0", "Lemma 6", ca.subs(q, 1), 0),
        prove("c^aud(1) = 0", "Lemma 6", cu.subs(q, 1), 0),
        prove("c^aud(0) = k + n phi", "proof of Lemma 6", cu.subs(q, 0), k + n * phi),
        prove("c^ic(1) = m - n phi", "proof of Lemma 7", ci.subs(q, 1), m - n * phi),
    ]
    x = sympy.Symbol("x")
    for i in range(n):
        G = binom_cdf_poly(i, n).as_expr()
        integral = sympy.integrate(sympy.expand(x ** (n - i - 1) * (1 - x) ** i), (x, 0, q))
        out.append(prove(f"(23) G({i}; {n}, 1-q) integral form", "Lemma 6, eq. (23)", G,
                         (n - i) * comb(n, i) * integral))
        out.append(prove(f"(23) dG({i}; {n}, 1-q)/dq", "Lemma 6, eq. (23)", sympy.diff(G, q),
                         n * comb(n - 1, i) * q ** (n - i - 1) * (1 - q) ** i))
    return out


def induction_step(n: int, m: int) -> list[Identity]:
    """The induction over the number of objects in the proof of Lemma 6, for ``m -> m + 1``.

    Checks (a) the paper's representation ``c^allo = sum_{i<=m} i [G(i) - G(i-1)] + m [1 - G(m)]``,
    (b) ``c^allo(q | m+1) - c^allo(q | m) = 1 - G(m; n, 1-q)``, (c) its derivative
    ``-n C(n-1, m) q^(n-m-1) (1-q)^m``, and (d) that (19) for ``m`` plus (c) is (19) for ``m + 1``.
    """
    G = lambda i: binom_cdf_poly(i, n).as_expr() if i >= 0 else sympy.Integer(0)  # noqa: E731
    rhs19 = lambda mm: -n * sum(_bern(n - 1, j) for j in range(mm))  # noqa: E731
    step = -n * comb(n - 1, m) * q ** (n - m - 1) * (1 - q) ** m
    cm, cm1 = c_allo_poly(n, m).as_expr(), c_allo_poly(n, m + 1).as_expr()
    return [
        prove(f"c^allo(q|{m}) via G", "proof of Lemma 6", cm,
              sum(i * (G(i) - G(i - 1)) for i in range(1, m + 1)) + m * (1 - G(m))),
        prove(f"c^allo(q|{m + 1}) - c^allo(q|{m}) = 1 - G({m})", "proof of Lemma 6",
              cm1 - cm, 1 - G(m)),
        prove(f"d/dq [1 - G({m}; {n}, 1-q)]", "proof of Lemma 6", sympy.diff(1 - G(m), q), step),
        prove(f"(19) for m={m} + step = (19) for m={m + 1}", "proof of Lemma 6",
              rhs19(m) + step, rhs19(m + 1)),
    ]


def lemma_7_derivative_identities(n: int, m: int, k: int) -> list[Identity]:
    """Second derivatives in the proof of Lemma 7, and the slope of ``c^ic - c^aud``.

    ``(c^allo - c^aud)''`` is multiplied by ``(1 - q)`` on both sides so that ``k = 0`` stays a
    polynomial identity.
    """
    ca = c_allo_poly(n, m).as_expr()
    cu = c_aud_poly(n, k).as_expr()
    ci = c_ic_poly(n, m).as_expr()
    d2a = sympy.diff(ca, q, 2)
    d2u = sympy.diff(cu, q, 2)
    bracket = m * comb(n - 1, m) * (1 - q) ** (m - k) - k * comb(n - 1, k) * q ** (m - k)
    return [
        prove("c^allo'' = -n m C(n-1,m) q^(n-m-1) (1-q)^(m-1)", "proof of Lemma 7", d2a,
              -n * m * comb(n - 1, m) * q ** (n - m - 1) * (1 - q) ** (m - 1)),
        prove("c^allo'' = -n (n-m) C(n-1,m-1) q^(n-m-1) (1-q)^(m-1)", "proof of Lemma 7", d2a,
              -n * (n - m) * comb(n - 1, m - 1) * q ** (n - m - 1) * (1 - q) ** (m - 1)),
        prove("(1-q) c^aud'' = -n k C(n-1,k) q^(n-k-1) (1-q)^k", "proof of Lemma 7",
              (1 - q) * d2u, -n * k * comb(n - 1, k) * q ** (n - k - 1) * (1 - q) ** k),
        prove("(1-q) (c^allo - c^aud)'' = -n q^(n-m-1) (1-q)^k [bracket]", "proof of Lemma 7",
              (1 - q) * (d2a - d2u), -n * q ** (n - m - 1) * (1 - q) ** k * bracket),
        prove("(c^ic - c^aud)' = n G(k-1; n-1, 1-q)", "appendix note C-L7b",
              sympy.diff(ci - cu, q),
              n * (binom_cdf_poly(k - 1, n - 1).as_expr() if k >= 1 else 0)),
        prove("c^ic'' = 0 (linear)", "proof of Lemma 7", sympy.diff(ci, q, 2), 0),
    ]
