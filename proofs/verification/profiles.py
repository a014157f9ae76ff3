"""Symmetric ex-post mechanisms over multiset profiles (the note's discrete model, Section 1.5).

A symmetric mechanism treats agents with equal types alike, so a profile is a multiset of types:
a count vector ``M = (c_1, ..., c_L)`` with ``sum c_l = n``, of probability
``Pr(M) = n! / prod c_l! * prod pi_l^c_l``. An ex-post mechanism gives every agent of type ``l``
in ``M`` an object with probability ``x(M, l)`` and an audit (only if he gets the object) with
probability ``y(M, l) <= x(M, l)``; capacities are ``sum_l c_l x(M, l) <= m`` and
``sum_l c_l y(M, l) <= k``. Such marginals are always a lottery over pairs ``B <= S <= N`` with
``|S| <= m``, ``|B| <= k`` (the constraint matrix is totally unimodular, note Section 1.5).

The interim rules are ``P(l) = sum_M w(M, l) x(M, l)`` with ``w(M, l) = Pr(M - e_l)``, and
similarly ``A`` with ``y``.
"""

from __future__ import annotations

import dataclasses
from itertools import combinations_with_replacement
from math import factorial

from exact.numbers import Q

from .typespace import Instance

__all__ = ["profiles", "profile_prob", "Layout", "layout"]


def profiles(n: int, L: int) -> list[tuple]:
    """All count vectors of ``n`` agents over ``L`` types, in a fixed canonical order."""
    out = []
    for combo in combinations_with_replacement(range(L), n):
        c = [0] * L
        for l in combo:
            c[l] += 1
        out.append(tuple(c))
    return out


def profile_prob(probs, M) -> Q:
    """``Pr(M) = n! / prod c_l! * prod pi_l^{c_l}`` (multinomial)."""
    n = sum(M)
    coef = factorial(n)
    val = Q(1)
    for c, p in zip(M, probs):
        coef //= factorial(c)
        val *= Q(p) ** c
    return coef * val


@dataclasses.dataclass(frozen=True)
class Layout:
    """Index bookkeeping: profiles, their probabilities, and the entries ``(M, l)`` with ``c_l > 0``."""

    inst: Instance
    profiles: tuple
    prob: tuple
    entries: tuple          # (profile index, type index)
    weight: tuple           # w(M, l) = Pr(M - e_l): contribution of x(M, l) to P(l)

    @property
    def E(self) -> int:
        return len(self.entries)

    def interim(self, x) -> list:
        """``P(l) = sum_M w(M, l) x(M, l)`` for an entry vector ``x``."""
        out = [Q(0)] * self.inst.L
        for (mi, l), w, xv in zip(self.entries, self.weight, x):
            out[l] += w * xv
        return out


def layout(inst: Instance) -> Layout:
    """The :class:`Layout` of an instance."""
    profs = profiles(inst.n, inst.L)
    prob = [profile_prob(inst.probs, M) for M in profs]
    entries, weight = [], []
    for mi, M in enumerate(profs):
        for l, c in enumerate(M):
            if c:
                entries.append((mi, l))
                weight.append(prob[mi] * c / (inst.n * inst.probs[l]))
    return Layout(inst, tuple(profs), tuple(prob), tuple(entries), tuple(weight))
