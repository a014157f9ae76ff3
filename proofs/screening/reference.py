"""Reference profits of Appendix A's analytical solutions, by floating-point quadrature.

These numbers are reported beside the paper's error figures; no claim rests on them (the
closed forms themselves are checked exactly in :mod:`proofs.screening.appendix_a`, and Example
1's profit is integrated exactly in :mod:`proofs.screening.examples`).
"""

from __future__ import annotations

import numpy as np

__all__ = ["basov_profit", "araujo_profit", "araujo_r_low"]


def basov_profit(c: float = 1.0, g: float = 3.0, m: int = 800) -> float:
    """``E[T(q(a, b))]`` for Example 2 (midpoint rule on an ``m x m`` grid)."""
    a, b = np.meshgrid((np.arange(m) + 0.5) / m, (np.arange(m) + 0.5) / m, indexing="ij")
    ys = 2 / (3 + 2 * c)
    qs = ys ** (1 / (g - 1))
    y1 = np.clip((4 * a - 2) / (4 * b + 2 * c - 1), 0, None)
    y2 = np.clip((3 * a - 1) / (3 * b + 2 * c), 0, None)
    reg1 = (3 + 2 * c) * a - 2 * b <= 2 * c + 1
    y = np.where(a <= 0.5, 0.0, np.where(reg1, y1, y2))
    q = y ** (1 / (g - 1))
    T1 = q / 2 - (c / 2 + 0.25) * q ** g / g
    T2 = qs / 6 - (c / 6 + 0.25) * qs ** g / g + q / 3 - c * q ** g / (3 * g)
    T = np.where(q <= qs, T1, T2)
    return float(T.mean())


def _phi(r, c, lam):
    L = np.log(r)
    D = lam * r * (1 - r)
    E = lam * (1 - r) - lam * r * L - c * r * (1 - r)
    F = 2 * c * r * L + c * (1 - r) - lam * L
    return (-E + np.sqrt(np.maximum(E * E - 4 * D * F, 0))) / (2 * D)


def araujo_r_low(c: float = 1.0, lam: float = 0.4) -> float:
    """The root of ``(2cr - lam) log r + c(1 - r) = 0`` in (0, 1) (bisection)."""
    f = lambda r: (2 * c * r - lam) * np.log(r) + c * (1 - r)  # noqa: E731
    lo, hi = 1e-9, 1 - 1e-12
    # f < 0 near 0 (the log term dominates with 2cr - lam < 0 ... sign checked at the ends)
    if np.sign(f(lo)) == np.sign(f(0.999)):
        lo = 0.05
    a_, b_ = lo, 0.999
    for _ in range(200):
        mid = (a_ + b_) / 2
        if np.sign(f(mid)) == np.sign(f(a_)):
            a_ = mid
        else:
            b_ = mid
    return (a_ + b_) / 2


def araujo_profit(c: float = 1.0, lam: float = 0.4, m: int = 300) -> float:
    """``E[t - lam q]`` for Example 3: each type's characteristic ``r`` by vectorised bisection
    on ``a(c - b)(r phi + 1) = c r (a phi + 1)``, ``t = T(r)`` by cumulative quadrature."""
    rl = araujo_r_low(c, lam)
    rs = np.linspace(rl, 1 - 1e-7, 8001)
    ph = _phi(rs, c, lam)
    dph = np.gradient(ph, rs)
    integrand = c * rs * dph / (rs * ph + 1)                      # v_q(phi(r), r, 0) phi'(r)
    T = np.concatenate([[0.0], np.cumsum((integrand[1:] + integrand[:-1]) / 2 * np.diff(rs))])
    a, b = np.meshgrid((np.arange(m) + 0.5) / m, (np.arange(m) + 0.5) / m, indexing="ij")
    active = b < c - c * rl / a
    lo = np.full(a.shape, rl)
    hi = np.full(a.shape, 1 - 1e-7)

    def g(r):
        p = _phi(r, c, lam)
        return a * (c - b) * (r * p + 1) - c * r * (a * p + 1)
    glo = g(lo)
    for _ in range(45):
        mid = (lo + hi) / 2
        gm = g(mid)
        same = np.sign(gm) == np.sign(glo)
        lo = np.where(same, mid, lo)
        glo = np.where(same, gm, glo)
        hi = np.where(same, hi, mid)
    r = (lo + hi) / 2
    q = np.where(active, _phi(r, c, lam), 0.0)
    t = np.where(active, np.interp(r, rs, T), 0.0)
    return float((t - lam * q).mean())
