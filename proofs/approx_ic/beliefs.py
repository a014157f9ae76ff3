"""Beliefs of Section 2: the joint law ``pi_0 (x) mu``, posteriors ``pi(s)`` and ``pi(s_i)``.

All numbers are exact (``fmpq``). Profiles are indexed as in :attr:`Environment.profiles`.

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST
>>> env = BINARY.with_types([INVEST]).environment([2])
>>> b = beliefs(env)
>>> [str(b.posterior[k][1]) for k in range(4)]          # P(omega = 1 | LL, LH, HL, HH)
['1/5', '1/2', '1/2', '4/5']
"""

from __future__ import annotations

import dataclasses
import functools

from exact.numbers import Q

from .model import Environment

__all__ = ["Beliefs", "beliefs", "deviate"]


@dataclasses.dataclass(frozen=True)
class Beliefs:
    """``joint[k][w] = P(omega = w, s = profile k)``, ``marginal[k] = P(s)``, ``posterior[k] = pi(s)``,
    ``own[i][s_i] = P(s_i)`` and ``own_posterior[i][s_i] = pi(s_i)``."""

    joint: tuple
    marginal: tuple
    posterior: tuple
    own: tuple
    own_posterior: tuple


@functools.lru_cache(maxsize=256)
def beliefs(env: Environment) -> Beliefs:
    """The exact beliefs of ``env`` (Section 2: ``pi(s)(w)`` proportional to ``pi_0(w) mu(s | w)``)."""
    k_states = range(env.states)
    joint = tuple(tuple(env.prior[w] * env.mu[w][k] for w in k_states)
                  for k in range(len(env.profiles)))
    marginal = tuple(sum(row, Q(0)) for row in joint)
    posterior = tuple(tuple(p / m for p in row) for row, m in zip(joint, marginal))
    own, own_post = [], []
    for i, m in enumerate(env.signals):
        acc = [[Q(0)] * env.states for _ in range(m)]
        for k, prof in enumerate(env.profiles):
            for w in k_states:
                acc[prof[i]][w] += joint[k][w]
        tot = [sum(a, Q(0)) for a in acc]
        own.append(tuple(tot))
        own_post.append(tuple(tuple(x / t for x in a) for a, t in zip(acc, tot)))
    return Beliefs(joint, marginal, posterior, tuple(own), tuple(own_post))


def deviate(env: Environment, k: int, i: int, t: int) -> int:
    """Index of the profile ``(t, s_-i)`` where ``s`` is profile ``k``: player ``i`` reports ``t``."""
    prof = list(env.profiles[k])
    prof[i] = t
    return env.index(prof)
