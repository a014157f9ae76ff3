"""Cremer-McLean full extraction inside the paper's own class: deterministic ``sigma*``, exact BIC.

The paper's mechanisms have a deterministic social choice ``sigma``. Where player ``i``'s beliefs
``b_s = P(s_-i | s_i = s)`` are convexly independent (Cremer and McLean), the paper's ``sigma*``
with the payments

    q_i(t, s_-i) = q*_i(t, s_-i) + M_i z^i_t(s_-i)

is *exactly* Bayesian incentive compatible (epsilon = 0), BIR, and earns ``W*``, the first-best
welfare that bounds the revenue of every BIR mechanism (:func:`cm_mechanism`). Here ``z^i_t`` is a
lottery over the other players' profiles with

    E[z^i_t | s_i = t] = 0   and   E[z^i_t | s_i = s] >= 1  for every s != t,

found by an exact LP (:func:`lottery_lp`; feasible iff ``b_t`` is not in ``conv{b_s : s != t}``, by
Farkas' lemma: a solution ``y >= 0, y_t`` of ``sum_{s != t} y_s b_s + y_t b_t = 0``, ``sum y_s > 0``
makes ``b_t`` a convex combination, since every ``b`` sums to 1). Why it works: a type ``s``
reporting ``t`` pays ``M_i E[z^i_t | s] >= M_i`` more than under ``q*``, so its gain drops from
``gain*_i(s -> t)`` (identity G, :mod:`.gains`) to ``gain*_i(s -> t) - M_i E[z^i_t | s]``;
``M_i = max(0, max_{s != t} gain*_i(s -> t) / E[z^i_t | s])`` makes every gain ``<= 0``. Truthful
types pay ``E[z^i_s | s] = 0`` extra, so BIR still binds ((5)) and revenue stays ``W*``.

The LP is apparatus: :func:`cm_mechanism` returns the mechanism, and the claim
``approx_ic/cremer-mclean-construction`` checks every property from Definitions 1 and 2 on the
joint law (:mod:`.mechanism`), which is also what the replay recomputes from the saved lotteries.

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST
>>> env = BINARY.with_types([INVEST]).environment([2])
>>> cm = cm_mechanism(env)
>>> [[str(v) for v in row] for row in cm.lotteries[0]]   # z_L, z_H over the other's signal (L, H)
[['-4', '5'], ['5', '-4']]
>>> [str(m) for m in cm.scales]                         # = epsilon*(2) = 1/2: E[z_t | s] = 1
['1/2', '1/2']
>>> verify(env, cm.lotteries, cm.scales)[0]
True

These are the note's lotteries (B4-T2); the note scales them by ``M = 10``, the least scale is
``1/2``.
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Sequence

from exact.errors import CertificateError
from exact.lp import solve_lp
from exact.numbers import Q

from .gains import definition_epsilon, deviations, exact_gain, gain
from .lps import belief_vectors
from .mechanism import (Mechanism, first_best_welfare, interim_utility, revenue, sigma_star,
                        social_choice)
from .model import Environment

__all__ = ["CMMechanism", "lottery_lp", "lotteries", "scales", "cm_payments", "cm_mechanism",
           "belief_means", "check_shape", "verify"]


def lottery_lp(env: Environment, i: int, t: int) -> dict:
    """``solve_lp`` keywords for ``z^i_t``: ``b_t . z = 0``, ``b_s . z >= 1`` (``s != t``), ``z`` free.

    The objective ``min sum_{s != t} b_s . z`` (bounded below by ``|S_i| - 1``) picks a vertex with
    small margins; any feasible point would do.
    """
    vecs = belief_vectors(env, i)
    others = [s for s in range(len(vecs)) if s != t]
    width = len(vecs[t])
    c = [sum((vecs[s][j] for s in others), Q(0)) for j in range(width)]
    return {"c": c, "A_eq": [list(vecs[t])], "b_eq": [Q(0)],
            "A_ub": [[-x for x in vecs[s]] for s in others], "b_ub": [Q(-1)] * len(others),
            "bounds": (None, None)}


def lotteries(env: Environment, i: int) -> Optional[tuple]:
    """``(z^i_0, z^i_1, ...)`` (each over the others' profiles, lexicographic), or ``None`` when
    some ``z^i_t`` does not exist (the beliefs are not convexly independent)."""
    out = []
    for t in range(env.signals[i]):
        res = solve_lp(**lottery_lp(env, i, t))
        if res.status != "optimal":
            return None
        out.append(tuple(res.x))
    return tuple(out)


def belief_means(env: Environment, i: int, z: Sequence[Sequence]) -> tuple:
    """``E[z^i_t | s_i = s]`` as ``means[s][t]`` (exact)."""
    vecs = belief_vectors(env, i)
    return tuple(tuple(sum((b * x for b, x in zip(vecs[s], z[t])), Q(0)) for t in range(len(z)))
                 for s in range(len(vecs)))


def scales(env: Environment, z: Sequence) -> tuple:
    """``M_i = max(0, max_{s != t} gain*_i(s -> t) / E[z^i_t | s])`` for every player.

    Raises CertificateError if some ``E[z^i_t | s] <= 0`` for ``s != t`` (not a CM lottery).
    """
    sigma = social_choice(env)
    out = []
    for i, m in enumerate(env.signals):
        means = belief_means(env, i, z[i])
        best = Q(0)
        for s in range(m):
            for t in range(m):
                if s == t:
                    continue
                if means[s][t] <= 0:
                    raise CertificateError(f"lotteries[{i}][{t}]: E[z | s = {s}] = {means[s][t]} "
                                           "is not positive")
                best = max(best, gain(env, sigma, i, s, t) / means[s][t])
        out.append(best)
    return tuple(out)


def cm_payments(env: Environment, z: Sequence, M: Sequence) -> Mechanism:
    """``(sigma*, q* + M z)``: the deterministic ``sigma*`` with the Cremer-McLean surcharges."""
    base = sigma_star(env)
    pay = []
    for k, prof in enumerate(env.profiles):
        row = []
        for i in range(env.n):
            rest = prof[:i] + prof[i + 1:]
            j = _others_index(env, i, rest)
            row.append(base.payments[k][i] + M[i] * z[i][prof[i]][j])
        pay.append(tuple(row))
    return Mechanism(base.allocation, tuple(pay))


def _others_index(env: Environment, i: int, rest: Sequence[int]) -> int:
    """Position of the others' profile ``rest`` in :func:`belief_vectors` order (lexicographic)."""
    j = 0
    for p, x in enumerate(rest):
        m = env.signals[p if p < i else p + 1]
        j = j * m + x
    return j


@dataclasses.dataclass(frozen=True)
class CMMechanism:
    """``lotteries[i][t]`` = ``z^i_t``; ``scales[i]`` = ``M_i``; ``mechanism`` = ``(sigma*, q* + M z)``."""

    lotteries: tuple
    scales: tuple
    mechanism: Mechanism


def cm_mechanism(env: Environment) -> Optional[CMMechanism]:
    """The construction of the module docstring, or ``None`` where some lottery does not exist."""
    z = []
    for i, m in enumerate(env.signals):
        if m == 1:
            z.append(((Q(0),) * len(belief_vectors(env, i)[0]),))
            continue
        zi = lotteries(env, i)
        if zi is None:
            return None
        z.append(zi)
    z = tuple(z)
    M = scales(env, z)
    return CMMechanism(z, M, cm_payments(env, z, M))


def check_shape(env: Environment, z) -> None:
    """Raise CertificateError unless ``z[i][t]`` has one entry per profile of the others."""
    if not isinstance(z, (list, tuple)) or len(z) != env.n:
        raise CertificateError(f"lotteries: expected {env.n} players")
    for i, m in enumerate(env.signals):
        width = sum(1 for prof in env.profiles if prof[i] == 0)
        if not isinstance(z[i], (list, tuple)) or len(z[i]) != m or \
                any(not isinstance(zt, (list, tuple)) or len(zt) != width for zt in z[i]):
            raise CertificateError(f"lotteries[{i}]: expected {m} lotteries of {width} entries")


def verify(env: Environment, z: Sequence, M: Sequence) -> tuple:
    """``(ok, data)``: is ``(sigma*, q* + M z)`` exactly BIC, BIR with revenue ``W*``?

    Every property is computed from Definitions 1 and 2 on the joint law (:mod:`.mechanism`),
    not from identity G: ``E[z^i_t | t] = 0`` and ``E[z^i_t | s] >= 1`` for ``s != t`` (so every
    gain falls strictly as ``M_i`` grows), ``M_i >= 0``, every deviation gain ``<= 0`` and, where
    ``M_i > 0``, one of player ``i``'s gains ``= 0`` (so no smaller ``M_i`` works), every truthful
    interim utility ``>= 0``, and ``Q = W*``. ``data`` is the violation, or the witness.
    """
    check_shape(env, z)
    if len(M) != env.n or any(m < 0 for m in M):
        return False, {"scales": list(M), "reason": "a scale is negative or missing"}
    for i in range(env.n):
        means = belief_means(env, i, z[i])
        for t in range(env.signals[i]):
            if means[t][t] != 0:
                return False, {"player": i, "report": t, "truthful_mean": means[t][t]}
            for s in range(env.signals[i]):
                if s != t and means[s][t] < 1:
                    return False, {"player": i, "report": t, "signal": s,
                                   "deviation_mean": means[s][t]}
    mech = cm_payments(env, z, M)
    worst = None
    per_player = [None] * env.n
    for d in deviations(env):
        g = exact_gain(env, mech, *d)
        if g > 0:
            return False, {"deviation": f"{d[0]}:{d[1]}->{d[2]}", "gain": g}
        worst = g if worst is None else max(worst, g)
        per_player[d[0]] = g if per_player[d[0]] is None else max(per_player[d[0]], g)
    for i, m in enumerate(M):
        if m > 0 and per_player[i] != 0:       # gains fall linearly in M_i: none binds, not least
            return False, {"player": i, "scale": m, "largest_gain": per_player[i],
                           "reason": "the scale is not the least one"}
    for i, m in enumerate(env.signals):
        for s in range(m):
            U = interim_utility(env, mech, i, s, s)
            if U < 0:
                return False, {"player": i, "signal": s, "interim_utility": U}
    W, rev = first_best_welfare(env), revenue(env, mech)
    if rev != W:
        return False, {"revenue": rev, "first_best": W}
    return True, {"lotteries": z, "scales": M, "largest_gain": worst, "revenue": rev,
                  "epsilon_star_of_q_star": definition_epsilon(env, sigma_star(env))}
