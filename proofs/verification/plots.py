"""Figures (matplotlib axes in, nothing returned): drawing only, from exact values.

Floats appear here only to place points on a canvas; every plotted value is computed exactly
first (``fmpq`` or an isolating interval refined to the pixel).
"""

from __future__ import annotations

__all__ = ["draw_capacity", "draw_W"]


def draw_capacity(ax, n: int, m: int, k: int, ph, cutoffs: dict, title: str = "") -> None:
    """The three capacity functions, their lower envelope and the cut-offs (Figure 1 style)."""
    from exact.numbers import Q

    from .capacity import c_allo, c_aud, c_env, c_ic
    grid = [Q(j, 200) for j in range(201)]
    xs = [float(x) for x in grid]
    ax.plot(xs, [float(c_allo(n, m, x)) for x in grid], label="c^allo", lw=1)
    ax.plot(xs, [float(c_aud(n, k, ph, x)) for x in grid], label="c^aud_phi", lw=1)
    ax.plot(xs, [float(c_ic(n, m, ph, x)) for x in grid], label="c^ic_phi", lw=1)
    ax.plot(xs, [float(c_env(n, m, k, ph, x)) for x in grid], "k", label="c_phi (envelope)", lw=2.2)
    for name, val in cutoffs.items():
        x = float(val.digits(6))
        ax.axvline(x, ls=":", color="grey")
        ax.text(x, 0.05, name.replace("gamma_", "g"), rotation=90, va="bottom", fontsize=8)
    ax.set_xlabel("q = F(t)")
    ax.set_ylabel("expected objects to types above q")
    ax.set_title(title)
    ax.legend(fontsize=8)


def draw_W(ax, inst, title: str = "") -> None:
    """``W(phi)`` on ``[0, m/n]`` (piecewise linear) with its breakpoints and optimal set."""
    from .mwg import W, breakpoints, optimal_phis
    bps = breakpoints(inst)
    ax.plot([float(p) for p in bps], [float(W(inst, p)) for p in bps], "-o", ms=3)
    for p in optimal_phis(inst):
        ax.axvline(float(p), ls=":", color="red")
    ax.axvline(float((inst.m - inst.k) / inst.n), ls="--", color="grey", lw=0.8)
    ax.set_xlabel("phi")
    ax.set_ylabel("W(phi)")
    ax.set_title(title)
