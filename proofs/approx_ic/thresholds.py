"""How many players make ``(sigma*, q*)`` epsilon-BIC: exact below the tail bound, proved beyond.

For a setting and an epsilon, :func:`ic_threshold` computes ``n1``, the least ``n`` with
``B(n) <= epsilon`` for the certified bound ``B`` of :mod:`.bounds` (so every composition of
``n >= n1`` players is epsilon-BIC), and the exact ``epsilon*`` of every composition of every
``n <= n1`` (:mod:`.counts`). The least number of players from which on every environment of the
setting is epsilon-BIC is ``players = 1 + max{n : worst epsilon*(n) > epsilon}`` (``1`` if none);
in the paper's notation ``n0 = players - 1`` (Theorem 1 covers ``|N| > n0``).

Each computed ``epsilon*(n)`` is also compared with ``B(n)``: the bound is a theorem, so a value
above it exposes an error in the model, the bound or the arithmetic.

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST
>>> r = ic_threshold(BINARY.with_types([INVEST]), Q(1, 10))
>>> r.players, r.n1, r.violation
(23, 53, None)
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Optional

from exact.numbers import Q

from .bounds import tail_bound
from .counts import worst_epsilon
from .model import Setting

__all__ = ["ICThreshold", "ic_threshold", "log_threshold"]


@dataclasses.dataclass(frozen=True)
class ICThreshold:
    """``players``: least number of players from which on all are epsilon-BIC; ``n1``: where the
    bound takes over; ``worst[n - 1] = (epsilon*, composition)`` worst over compositions of ``n``;
    ``violation``: ``(n, epsilon*, B(n), composition)`` if a computed value exceeds the bound."""

    eps: Q
    n1: int
    players: int
    worst: tuple
    violation: Optional[tuple]

    @property
    def n0(self) -> int:
        return self.players - 1


@functools.lru_cache(maxsize=128)
def ic_threshold(st: Setting, eps: Q) -> ICThreshold:
    """Exact epsilon-BIC threshold of the setting (module docstring)."""
    b = tail_bound(st)
    n1 = b.threshold(eps)
    worst, last = [], 0
    for n in range(1, n1 + 1):
        w, comp = worst_epsilon(st, n)
        worst.append((w, comp))
        if w > b.at(n):
            return ICThreshold(eps, n1, n + 1, tuple(worst), (n, w, b.at(n), comp))
        if w > eps:
            last = n
    return ICThreshold(eps, n1, last + 1, tuple(worst), None)


def log_threshold(st: Setting, eps: Q) -> int:
    """``1 + L`` with ``L`` the least ``m >= 0`` such that ``K beta^m <= epsilon``: a majorant of
    ``n1`` of the explicit form ``1 + ceil(log(K / epsilon) / log(1 / beta))``, where
    ``K = max_{s,t} sum_pairs coef`` and ``beta = max BC`` (so ``B(n) <= K beta^(n-1)``)."""
    b = tail_bound(st)
    K = max(sum(t.values(), Q(0)) for t in b.coef.values())
    beta, m, val = b.ratio, 0, K
    while val > eps:
        m += 1
        val *= beta
    return 1 + m
