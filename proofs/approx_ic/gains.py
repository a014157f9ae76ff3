"""The exact deviation gain of ``(sigma, q_sigma)`` and the minimal epsilon (the note's identity G).

For any social choice ``sigma`` with posterior payments ``q_i(s) = <pi(s), u_i(sigma(s), .)>``
(the paper's ``q*`` when ``sigma = sigma*``), truth-telling gives zero interim net utility by the
tower property (the paper's (5)), so the gain of type ``s_i`` from reporting ``t_i`` is

    gain_i(s_i -> t_i) = E[ < pi(s_i, s_-i) - pi(t_i, s_-i), u_i(sigma(t_i, s_-i), .) > | s_i ].

Only the change of the posterior enters, weighted by the utility at the *reported* outcome: the
outcome's change (``sigma(s) != sigma(t, s_-i)``), which the paper's proof controls with condition
(1), does not appear. The minimal epsilon for which ``(sigma*, q*)`` is epsilon-BIC (Definition 1)
is ``epsilon*(E) = max(0, max_{i, s_i, t_i} gain_i)``.

This module evaluates the formula on full profiles; :mod:`.counts` evaluates it by signal counts
for the i.i.d. setting of Theorem 1; :func:`exact_gain` is Definition 1 itself (via
:mod:`.mechanism`), the oracle the formula is checked against.

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST
>>> env = BINARY.with_types([INVEST]).environment([2])
>>> from proofs.approx_ic.mechanism import social_choice
>>> str(gain(env, social_choice(env), 0, 1, 0)), str(min_epsilon(env))
('1/2', '1/2')
"""

from __future__ import annotations

from typing import Sequence

from exact.numbers import Q

from .beliefs import beliefs, deviate
from .mechanism import Mechanism, deviation_gain, social_choice
from .model import Environment

__all__ = ["gain", "gains", "min_epsilon", "exact_gain", "definition_epsilon", "deviations"]


def deviations(env: Environment):
    """Every ``(i, s_i, t_i)`` with ``s_i != t_i``, players first."""
    for i, m in enumerate(env.signals):
        for s in range(m):
            for t in range(m):
                if s != t:
                    yield i, s, t


def gain(env: Environment, sigma: Sequence[int], i: int, s_i: int, t_i: int) -> Q:
    """``E[<pi(s_i, s_-i) - pi(t_i, s_-i), u_i(sigma(t_i, s_-i))> | s_i]`` (identity G)."""
    b = beliefs(env)
    u = env.utilities[i]
    tot = Q(0)
    for k, prof in enumerate(env.profiles):
        if prof[i] != s_i:
            continue
        d = deviate(env, k, i, t_i)
        a = sigma[d]
        inner = sum(((b.posterior[k][w] - b.posterior[d][w]) * u[a][w]
                     for w in range(env.states)), Q(0))
        tot += b.marginal[k] * inner
    return tot / b.own[i][s_i]


def gains(env: Environment, sigma: Sequence[int] | None = None) -> dict:
    """``{(i, s_i, t_i): gain}`` for every deviation, by the identity (``sigma`` defaults to ``sigma*``)."""
    sig = social_choice(env) if sigma is None else tuple(sigma)
    return {dev: gain(env, sig, *dev) for dev in deviations(env)}


def min_epsilon(env: Environment, sigma: Sequence[int] | None = None) -> Q:
    """``epsilon*(E) = max(0, max gain)``: the least epsilon for which ``(sigma*, q*)`` is epsilon-BIC."""
    return max([Q(0), *gains(env, sigma).values()])


def exact_gain(env: Environment, mech: Mechanism, i: int, s_i: int, t_i: int) -> Q:
    """Definition 1's ``U_i(t_i | s_i) - U_i(s_i | s_i)`` from the joint law (the oracle)."""
    return deviation_gain(env, mech, i, s_i, t_i)


def definition_epsilon(env: Environment, mech: Mechanism) -> Q:
    """The least epsilon for which ``mech`` is epsilon-BIC, from Definition 1 directly."""
    return max([Q(0), *(exact_gain(env, mech, *dev) for dev in deviations(env))])
