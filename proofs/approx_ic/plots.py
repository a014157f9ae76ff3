"""Figures (a matplotlib axes in, nothing returned): drawing only, from exact values.

Floats appear here only to place points on the canvas; every plotted value is an exact rational
computed first (:mod:`.counts`, :mod:`.bounds`).
"""

from __future__ import annotations

__all__ = ["draw_epsilon_curve"]


def draw_epsilon_curve(ax, series: dict, bound: list, eps=None, thresholds: dict | None = None,
                       title: str = "") -> None:
    """``epsilon*(n)`` against ``n`` on a log scale: one marker series per name, the tail bound.

    ``series[name] = [(n, value), ...]`` (exact; zeros are drawn on the bottom edge as ticks),
    ``bound = [(n, B(n)), ...]``, ``eps`` a horizontal reference line, ``thresholds[name] = n``
    vertical lines at the exact thresholds.
    """
    markers = ["o", "s", "^", "d"]
    positive = [float(v) for pts in series.values() for _, v in pts if v > 0]
    floor = min(positive) / 3 if positive else 1e-6
    for k, (name, pts) in enumerate(series.items()):
        xs = [n for n, v in pts if v > 0]
        ys = [float(v) for n, v in pts if v > 0]
        line = ax.plot(xs, ys, markers[k % 4], ms=3, label=f"{name}: exact epsilon*(n)")[0]
        zeros = [n for n, v in pts if v == 0]
        if zeros:
            ax.plot(zeros, [floor] * len(zeros), "|", ms=8, color=line.get_color(),
                    label=f"{name}: epsilon*(n) = 0 (exactly BIC)")
    if bound:
        ax.plot([n for n, _ in bound], [float(b) for _, b in bound], "k--", lw=1,
                label="certified bound K beta^(n-1)")
    if eps is not None:
        ax.axhline(float(eps), color="grey", lw=0.8, ls=":")
        right = max(n for pts in series.values() for n, _ in pts)
        ax.text(right, float(eps) * 0.6, f"epsilon = {eps}", ha="right", va="top", fontsize=8,
                color="dimgrey")
    for name, n in (thresholds or {}).items():
        ax.axvline(n, color="grey", lw=0.8, ls="-.")
        ax.text(n + 1, floor * 4, f"{name}: {n}", rotation=90, fontsize=7, va="bottom",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_yscale("log")
    ax.set_xlabel("number of players n")
    ax.set_ylabel("least epsilon making (sigma*, q*) epsilon-BIC")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, loc="upper right")
