"""Deceptions (Section 4.1), enumerated through their graphs.

A deception of agent ``i`` is ``beta_i : Theta_i -> 2^{Theta_i} minus {}``; here it is the tuple
over ``theta_i`` of non-empty bitmasks of ``beta_i(theta_i)``, i.e. its graph
``G_i = {(theta_i, theta'_i) : theta'_i in beta_i(theta_i)}``. A profile is a tuple over agents.
There are ``(2^k - 1)^k`` deceptions of an agent with ``k`` types (9 for k = 2, 343 for k = 3).

``beta`` is *acceptable* when ``f(theta') = f(theta)`` for every ``theta`` and every
``theta' in beta(theta)``, otherwise *unacceptable*. The whistle-blower test of ``(i, theta_i,
theta'_i)`` depends on ``beta`` only through the pairs ``P_{-i}(beta) = {(theta_{-i},
theta'_{-i}) : theta'_{-i} in beta_{-i}(theta_{-i})}`` (a bitmask over pairs of ``-i``
profiles), which is what the monotonicity checks cache on.
"""

from __future__ import annotations

import itertools
from typing import Iterator, Sequence

from .model import Environment

__all__ = ["agent_deceptions", "deception_profiles", "count_profiles", "images", "is_acceptable",
           "truthful", "pairs_mask", "deception_json", "deception_from_json", "same_outcome_masks"]


def agent_deceptions(k: int) -> list[tuple]:
    """Every deception of an agent with ``k`` types, in canonical (lexicographic) order."""
    return list(itertools.product(range(1, 1 << k), repeat=k))


def count_profiles(k: Sequence[int]) -> int:
    out = 1
    for m in k:
        out *= ((1 << m) - 1) ** m
    return out


def deception_profiles(env: Environment) -> Iterator[tuple]:
    """Every deception profile, in canonical order (agent 1's deception varies slowest)."""
    return itertools.product(*(agent_deceptions(m) for m in env.k))


def truthful(env: Environment) -> tuple:
    return tuple(tuple(1 << t for t in range(m)) for m in env.k)


def images(mask: int) -> list[int]:
    """The types in a bitmask."""
    out, t = [], 0
    while mask:
        if mask & 1:
            out.append(t)
        mask >>= 1
        t += 1
    return out


def same_outcome_masks(env: Environment) -> list[int]:
    """``same[s]``: bitmask of the states ``r`` with ``f(r) = f(s)``."""
    m = len(env.states)
    out = []
    for s in range(m):
        mask = 0
        for r in range(m):
            if env.f[r] == env.f[s]:
                mask |= 1 << r
        out.append(mask)
    return out


def is_acceptable(env: Environment, beta: tuple, same=None) -> bool:
    """``f(theta') = f(theta)`` for all ``theta`` and ``theta' in beta(theta)``."""
    same = same if same is not None else same_outcome_masks(env)
    img = [[images(b) for b in bi] for bi in beta]
    for s, th in enumerate(env.states):
        ok = same[s]
        for rep in itertools.product(*(img[i][t] for i, t in enumerate(th))):
            if not ok >> env.sindex[rep] & 1:
                return False
    return True


def pairs_mask(env: Environment, beta: tuple, i: int) -> int:
    """``P_{-i}(beta)`` as a bitmask over ``(theta_{-i}, theta'_{-i})``, index ``s * M + r``
    with ``s, r`` the positions of the ``-i`` profiles (see :func:`.coalitions.split`)."""
    from .coalitions import split
    sp = split(env.k, (i,))
    M = len(sp.outside)
    others = sp.O
    mask = 0
    for s, th in enumerate(sp.outside):
        for rep in itertools.product(*(images(beta[j][t]) for j, t in zip(others, th))):
            mask |= 1 << (s * M + sp.pos_out[rep])
    return mask


def deception_json(env: Environment, beta: tuple) -> list:
    """``[{type label: [image labels]}]`` per agent."""
    return [{env.types[i][t]: [env.types[i][r] for r in images(b)] for t, b in enumerate(bi)}
            for i, bi in enumerate(beta)]


def deception_from_json(env: Environment, data) -> tuple:
    from exact.errors import InputError
    if not isinstance(data, list) or len(data) != env.n:
        raise InputError("deception", f"expected one map per agent ({env.n})")
    out = []
    for i, d in enumerate(data):
        if not isinstance(d, dict) or set(d) != set(env.types[i]):
            raise InputError(f"deception[{i}]", "expected a map from every type label")
        masks = []
        for t, lab in enumerate(env.types[i]):
            imgs = d[lab]
            if not isinstance(imgs, list) or not imgs:
                raise InputError(f"deception[{i}][{lab!r}]", "non-empty list of type labels")
            m = 0
            for x in imgs:
                if x not in env.types[i]:
                    raise InputError(f"deception[{i}][{lab!r}]", f"unknown type {x!r}")
                m |= 1 << env.types[i].index(x)
            masks.append(m)
        out.append(tuple(masks))
    return tuple(out)
