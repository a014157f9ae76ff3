"""The mechanisms of Theorems 1 and 2 (Sections 4.2 and 5.2) on finite truncations.

A message is ``m_i = (m^1, m^2, m^3, m^4)``: a reported payoff type, a whistle (B / NB), a reward
proposal and a non-negative integer. Rule 1 (nobody blows): ``g(m) = f(m^1)``. Rule 2 (the
whistle-blowers ``W`` are non-empty): ``i* = min W`` and the outcome is the lottery

    y(m^1_{-S*})  with probability K/(K+1),   y^k(m^1_{-S*})  with probability 0.5^k/(K+1),

with ``K = m^4_{i*}``, ``(y^k)`` the list ``Y-hat`` of the interior reward property (a finite list
``y^1..y^K`` puts ``0.5^k`` on ``k < K`` and ``0.5^{K-1}`` on the last), and

- Theorem 1: ``S* = {i*}``, ``y = m^3_{i*}`` a coalitional reward function in ``Y_{i*}``;
- Theorem 2: ``S* = W`` if some member of the pattern contains ``W``, else ``{i*}``; ``y`` is the
  component of ``m^3_{i*}`` for ``S*`` (an element of ``Y_{S*}[pattern]``).

Outcomes are coordinates of points of ``A`` (mixtures are exact). A reward function is a list of
coordinates over the ``-S`` profiles in :func:`.coalitions.split` order.
"""

from __future__ import annotations

from typing import Optional, Sequence

from exact.numbers import ZERO, Q

from .coalitions import split
from .model import Environment, dot, mix

__all__ = ["WhistleMechanism", "hat_weights", "Message", "NB", "B", "interim"]

NB, B = False, True


class Message(tuple):
    """``(report, blow, proposal, K)``; ``proposal`` is a reward function (Theorem 1) or a dict
    coalition -> reward function (Theorem 2), ignored unless the sender is ``i*``."""

    def __new__(cls, report: int, blow: bool = NB, proposal=None, K: int = 0):
        return super().__new__(cls, (report, blow, proposal, K))


def hat_weights(K: int) -> list:
    """``0.5^k`` for ``k = 1..K-1`` and ``0.5^{K-1}`` on ``y^K`` (they sum to 1)."""
    return [Q(1, 2 ** k) for k in range(1, K)] + [Q(1, 2 ** (K - 1))]


class WhistleMechanism:
    """The mechanism of Theorem 1 (``pattern=None``) or of Theorem 2 (a coalition pattern).

    ``hat`` maps an agent (Theorem 1) or a coalition (Theorem 2) to its list ``Y-hat``.
    """

    def __init__(self, env: Environment, hat: dict, pattern: Optional[frozenset] = None):
        self.env, self.hat, self.pattern = env, hat, pattern

    def s_star(self, W: Sequence[int]) -> tuple:
        W = tuple(sorted(W))
        if self.pattern is None:
            return (W[0],)
        if any(set(W) <= set(Sb) for Sb in self.pattern):
            return W
        return (W[0],)

    def tail(self, S: tuple, point: int) -> tuple:
        """``sum_k rho^k y^k(point)`` of the Y-hat list of ``S`` (agent ``S[0]`` in Theorem 1)."""
        key = S[0] if self.pattern is None else S
        ys = self.hat[key]
        return mix(hat_weights(len(ys)), [y[point] for y in ys])

    def outcome(self, msgs: Sequence) -> tuple:
        env = self.env
        reports = tuple(m[0] for m in msgs)
        W = [i for i, m in enumerate(msgs) if m[1]]
        if not W:
            return env.f_coords[env.sindex[reports]]
        S = self.s_star(W)
        istar = W[0]
        prop = msgs[istar][2]
        y = prop if self.pattern is None else prop[S]
        K = msgs[istar][3]
        sp = split(env.k, S)
        point = sp.pos_out[tuple(reports[j] for j in sp.O)]
        return mix([Q(K, K + 1), Q(1, K + 1)], [y[point], self.tail(S, point)])

    def utility(self, i: int, msgs: Sequence, state: tuple):
        return dot(self.env.w[i][self.env.sindex[state]], self.outcome(msgs))


def interim(mech: WhistleMechanism, ts, i: int, ti: int, belief: dict, msg_of) -> object:
    """``sum_{t_{-i}} belief[t_{-i}] u_i(g(msg_of(j, t_j)), theta-hat(t))``."""
    tot = ZERO
    for rest, p in belief.items():
        prof = ts.full(i, ti, rest)
        msgs = [msg_of(j, x) for j, x in enumerate(prof)]
        tot += p * mech.utility(i, msgs, ts.payoff(prof))
    return tot

