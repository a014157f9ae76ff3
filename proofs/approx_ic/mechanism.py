"""Mechanisms ``(sigma, q)`` and their interim utilities, from the definitions of Section 2.

The paper's mechanism ``(sigma*, q*)`` chooses the social optimum under the full-profile posterior
and charges every player her own posterior expected utility there:

* ``sigma*(s) in argmax_a sum_w pi(s)(w) sum_i u_i(a, w)`` (the selection is the environment's
  tie rule);
* ``q*_i(s) = sum_w pi(s)(w) u_i(sigma*(s), w)``.

:func:`interim_utility` is Definition 1's conditional expectation computed from the joint law
``P(w, s)`` alone (no posterior is formed), so that it is an independent oracle for the deviation
gain formula of :mod:`.gains`. A mechanism may randomise: ``allocation[k]`` is a lottery over the
alternatives at profile ``k`` (a unit vector for a deterministic ``sigma``).

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST
>>> env = BINARY.with_types([INVEST]).environment([2])
>>> m = sigma_star(env)
>>> [str(m.payments[k][0]) for k in range(4)]            # q* at LL, LH, HL, HH
['0', '1/2', '1/2', '7/5']
>>> str(deviation_gain(env, m, 0, 1, 0))                 # H reports L: the note's 1/2
'1/2'
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

from exact.errors import InputError
from exact.numbers import Q, parse_q

from .beliefs import beliefs, deviate
from .model import Environment

__all__ = ["Mechanism", "argmax_alternative", "social_choice", "sigma_star", "mechanism",
           "interim_utility", "deviation_gain", "revenue", "first_best_welfare",
           "expected_welfare", "welfare_values"]


@dataclasses.dataclass(frozen=True)
class Mechanism:
    """``allocation[k][a]``: probability of ``a`` at profile ``k``; ``payments[k][i]``: ``q_i(s)``."""

    allocation: tuple
    payments: tuple

    def to_json(self) -> dict:
        from exact.numbers import to_jsonable
        return {"allocation": to_jsonable(self.allocation), "payments": to_jsonable(self.payments)}


def argmax_alternative(values: Sequence, tie: str) -> int:
    """The selected maximiser of ``values``: the first (``tie="first"``) or the last one."""
    best = max(values)
    hits = [a for a, v in enumerate(values) if v == best]
    return hits[0] if tie == "first" else hits[-1]


def welfare_values(env: Environment, k: int) -> list:
    """``sum_w pi(s)(w) sum_i u_i(a, w)`` for every alternative ``a`` at profile ``k``."""
    post = beliefs(env).posterior[k]
    return [sum((post[w] * sum((u[a][w] for u in env.utilities), Q(0))
                 for w in range(env.states)), Q(0)) for a in range(env.alternatives)]


def social_choice(env: Environment) -> tuple:
    """``sigma*(s)`` for every profile (Section 2, item 1), with the environment's tie rule."""
    return tuple(argmax_alternative(welfare_values(env, k), env.tie)
                 for k in range(len(env.profiles)))


def sigma_star(env: Environment, sigma: Sequence[int] | None = None) -> Mechanism:
    """The paper's mechanism ``(sigma*, q*)`` (Section 2, items 1 and 2).

    ``sigma`` overrides the social choice (any selection from the argmax, or a deliberately
    broken one in tests); ``q*`` is always the posterior expected utility at the chosen ``a``.
    """
    sig = social_choice(env) if sigma is None else tuple(sigma)
    post = beliefs(env).posterior
    A = env.alternatives
    alloc = tuple(tuple(Q(1) if a == sig[k] else Q(0) for a in range(A))
                  for k in range(len(env.profiles)))
    pay = tuple(tuple(sum((post[k][w] * u[sig[k]][w] for w in range(env.states)), Q(0))
                      for u in env.utilities) for k in range(len(env.profiles)))
    return Mechanism(alloc, pay)


def mechanism(env: Environment, allocation: Sequence, payments: Sequence) -> Mechanism:
    """A user's mechanism, validated: lotteries over ``A`` per profile, one payment per player.

    ``allocation[k]`` may be an alternative index (deterministic ``sigma``) or a lottery.

    Raises
    ------
    InputError
        naming ``allocation``, ``allocation[k]``, ``payments[k][i]``.
    """
    S, A = len(env.profiles), env.alternatives
    if not isinstance(allocation, (list, tuple)) or len(allocation) != S:
        raise InputError("allocation", f"expected {S} entries, one per signal profile")
    if not isinstance(payments, (list, tuple)) or len(payments) != S:
        raise InputError("payments", f"expected {S} entries, one per signal profile")
    alloc = []
    for k, a in enumerate(allocation):
        if isinstance(a, int) and not isinstance(a, bool):
            if not 0 <= a < A:
                raise InputError(f"allocation[{k}]", f"no alternative {a} (there are {A})")
            alloc.append(tuple(Q(int(b == a)) for b in range(A)))
        else:
            from .model import distribution
            alloc.append(distribution(a, f"allocation[{k}]", length=A, positive=False))
    pay = []
    for k, row in enumerate(payments):
        if not isinstance(row, (list, tuple)) or len(row) != env.n:
            raise InputError(f"payments[{k}]", f"expected {env.n} payments, one per player")
        pay.append(tuple(parse_q(v, f"payments[{k}][{i}]") for i, v in enumerate(row)))
    return Mechanism(tuple(alloc), tuple(pay))


def interim_utility(env: Environment, mech: Mechanism, i: int, s_i: int, t_i: int) -> Q:
    """``U_i(t_i | s_i) = E[u_i(sigma(t_i, s_-i), w) - q_i(t_i, s_-i) | s_i]`` (Definition 1).

    Computed from the joint law: ``sum_{s_-i, w} P(w, s_i, s_-i) [...] / P(s_i)``.
    """
    b = beliefs(env)
    u = env.utilities[i]
    total = Q(0)
    for k, prof in enumerate(env.profiles):
        if prof[i] != s_i:
            continue
        d = deviate(env, k, i, t_i)
        lot, pay = mech.allocation[d], mech.payments[d][i]
        for w in range(env.states):
            val = sum((lot[a] * u[a][w] for a in range(env.alternatives) if lot[a]), Q(0))
            total += b.joint[k][w] * (val - pay)
    return total / b.own[i][s_i]


def deviation_gain(env: Environment, mech: Mechanism, i: int, s_i: int, t_i: int) -> Q:
    """``U_i(t_i | s_i) - U_i(s_i | s_i)``: what type ``s_i`` gains by reporting ``t_i``."""
    return interim_utility(env, mech, i, s_i, t_i) - interim_utility(env, mech, i, s_i, s_i)


def revenue(env: Environment, mech: Mechanism) -> Q:
    """``Q(sigma, q) = E[sum_i q_i(s)]`` (Section 2)."""
    b = beliefs(env)
    return sum((b.marginal[k] * sum(mech.payments[k], Q(0)) for k in range(len(env.profiles))),
               Q(0))


def expected_welfare(env: Environment, mech: Mechanism) -> Q:
    """``E[sum_i u_i(sigma(s), w)]``."""
    b = beliefs(env)
    tot = Q(0)
    for k in range(len(env.profiles)):
        for a, p in enumerate(mech.allocation[k]):
            if p:
                tot += p * sum((b.joint[k][w] * sum((u[a][w] for u in env.utilities), Q(0))
                                for w in range(env.states)), Q(0))
    return tot


def first_best_welfare(env: Environment) -> Q:
    """``W* = E[max_a sum_i sum_w pi(s)(w) u_i(a, w)]``: the first-best expected welfare."""
    b = beliefs(env)
    return sum((b.marginal[k] * max(welfare_values(env, k)) for k in range(len(env.profiles))),
               Q(0))
