"""Capacity functions c^allo, c^aud_phi, c^ic_phi and their lower envelope c_phi (Section 3.1).

With ``q = F(t)`` the mass below ``t`` and ``X ~ Bin(n, 1 - q)`` the number of agents above ``t``:

* ``c^allo(q) = E[min{X, m}]`` (eq. (4)),
* ``c^aud_phi(q) = E[min{X, k}] + n (1 - q) phi`` (eq. (6)),
* ``c^ic_phi(q) = m - n q phi`` (eq. (5)),
* ``c_phi(q) = min{c^allo, c^aud_phi, c^ic_phi}`` (eq. (7)).

Two representations: exact evaluation at a rational ``q`` (python-flint ``fmpq``) for the
discrete model, and sympy polynomials in ``q`` (and ``phi``) for the symbolic identities of
Lemma 6 and Lemma 7.

Examples
--------
>>> from exact.numbers import Q
>>> c_allo(3, 2, Q(1, 2))          # Example 1: t^3 - 3t^2 + 2 at t = 1/2
11/8
>>> c_aud(3, 1, Q(1, 3), Q(1, 2))   # -t^3 - 3 phi t + 1 + 3 phi
11/8
>>> binding(3, 2, 1, Q(1, 3), Q(1, 2))
('allo', 'aud')
"""

from __future__ import annotations

from math import comb

import sympy

from exact.numbers import Q

__all__ = ["expected_min", "binom_cdf", "c_allo", "c_aud", "c_ic", "c_env", "LABELS",
           "binding", "q", "phi", "expected_min_poly", "binom_cdf_poly", "c_allo_poly",
           "c_aud_poly", "c_ic_poly"]

#: the three constraints in the paper's order of Corollary 1
LABELS = ("ic", "allo", "aud")

q, phi = sympy.symbols("q phi")


def expected_min(n: int, r: int, x) -> Q:
    """``E[min{Bin(n, 1 - x), r}] = sum_i min(i, r) C(n, i) (1-x)^i x^(n-i)`` exactly.

    Parameters
    ----------
    n, r : int
        number of agents and the cap (``m`` objects or ``k`` audits).
    x : fmpq
        the quantile ``q = F(t)``.
    """
    x = Q(x)
    y = 1 - x
    return sum((min(i, r) * comb(n, i) * y ** i * x ** (n - i) for i in range(1, n + 1)), Q(0))


def binom_cdf(i: int, N: int, rho) -> Q:
    """``G(i; N, rho) = P(Bin(N, rho) <= i)`` exactly (notation of Lemma 6)."""
    rho = Q(rho)
    return sum((comb(N, j) * rho ** j * (1 - rho) ** (N - j) for j in range(0, min(i, N) + 1)),
               Q(0))


def c_allo(n: int, m: int, x) -> Q:
    """``c^allo(q)``, the right-hand side of (4)."""
    return expected_min(n, m, x)


def c_aud(n: int, k: int, ph, x) -> Q:
    """``c^aud_phi(q)``, the right-hand side of (6)."""
    x = Q(x)
    return expected_min(n, k, x) + n * (1 - x) * Q(ph)


def c_ic(n: int, m: int, ph, x) -> Q:
    """``c^ic_phi(q) = m - n q phi``, the right-hand side of (5)."""
    return Q(m) - n * Q(x) * Q(ph)


def c_env(n: int, m: int, k: int, ph, x) -> Q:
    """``c_phi(q) = min{c^allo, c^aud_phi, c^ic_phi}``, the lower envelope (7)."""
    return min(c_allo(n, m, x), c_aud(n, k, ph, x), c_ic(n, m, ph, x))


def binding(n: int, m: int, k: int, ph, x) -> tuple[str, ...]:
    """The labels among ``("ic", "allo", "aud")`` whose function attains ``c_phi(q)`` (ties: all)."""
    vals = {"ic": c_ic(n, m, ph, x), "allo": c_allo(n, m, x), "aud": c_aud(n, k, ph, x)}
    low = min(vals.values())
    return tuple(lab for lab in LABELS if vals[lab] == low)


# --- sympy polynomials (Lemma 6, Lemma 7) -------------------------------------------------------

def expected_min_poly(n: int, r: int) -> sympy.Poly:
    """``E[min{Bin(n, 1 - q), r}]`` as a polynomial in ``q`` over QQ (the sums in (21), (22))."""
    Pq = sympy.Poly(q, q, domain="QQ")
    one = sympy.Poly(1, q, domain="QQ")
    out = sympy.Poly(0, q, domain="QQ")
    for i in range(1, n + 1):
        out += min(i, r) * comb(n, i) * (one - Pq) ** i * Pq ** (n - i)
    return out


def binom_cdf_poly(i: int, N: int) -> sympy.Poly:
    """``G(i; N, 1 - q) = P(Bin(N, 1 - q) <= i)`` as a polynomial in ``q`` (Lemma 6)."""
    Pq = sympy.Poly(q, q, domain="QQ")
    one = sympy.Poly(1, q, domain="QQ")
    out = sympy.Poly(0, q, domain="QQ")
    for j in range(0, min(i, N) + 1):
        out += comb(N, j) * (one - Pq) ** j * Pq ** (N - j)
    return out


def c_allo_poly(n: int, m: int) -> sympy.Poly:
    """``c^allo`` as a polynomial in ``q``."""
    return expected_min_poly(n, m)


def c_aud_poly(n: int, k: int) -> sympy.Poly:
    """``c^aud_phi`` as a polynomial in ``(q, phi)``."""
    base = expected_min_poly(n, k).as_expr()
    return sympy.Poly(base + n * (1 - q) * phi, q, phi, domain="QQ")


def c_ic_poly(n: int, m: int) -> sympy.Poly:
    """``c^ic_phi = m - n q phi`` as a polynomial in ``(q, phi)``."""
    return sympy.Poly(m - n * q * phi, q, phi, domain="QQ")
