"""Outcome tables: evaluate a mechanism once per profile, then check every misreport by lookup.

For a direct mechanism on strict profiles of ``n`` agents over ``m`` objects there are
``(m!)^n`` profiles and ``n (m! - 1)`` misreports per profile. Re-running the mechanism for each
misreport costs ``n * m!`` runs per profile; an outcome table costs one run per profile and turns
each misreport into an array lookup (exact integer arithmetic, vectorised with numpy).

Profiles are indexed in lexicographic order of the agents' ranking indices (the order of
``itertools.product(permutations, repeat=n)``), so the *first* violation found is the same one a
naive scan in that order finds first.

Examples
--------
>>> from exact.mechanisms import serial_dictatorship
>>> table = outcome_table(lambda p: serial_dictatorship(p), n=2)
>>> strategy_proofness_violation(table, n=2) is None
True
"""

from __future__ import annotations

import itertools
import math
from typing import Callable, Optional, Sequence

import numpy as np

from .errors import InputError

__all__ = ["profile_at", "outcome_table", "strategy_proofness_violation",
           "naive_strategy_proofness_violation"]

NONE = -1  # "no object" in a table


def _perms(m: int):
    return list(itertools.permutations(range(m)))


def profile_at(index: int, n: int, m: Optional[int] = None) -> tuple:
    """The profile with lexicographic ``index`` (agent 0's ranking is the most significant digit)."""
    m = n if m is None else m
    perms, P = _perms(m), math.factorial(m)
    digits = []
    for _ in range(n):
        index, r = divmod(index, P)
        digits.append(r)
    return tuple(perms[r] for r in reversed(digits))


def outcome_table(mechanism: Callable[[tuple], Sequence[Optional[int]]], n: int,
                  m: Optional[int] = None, limit: int = 5_000_000) -> np.ndarray:
    """``table[k, i]`` = the object agent ``i`` receives at profile ``k`` (``-1``: none).

    ``mechanism(profile)`` receives a tuple of rankings (best first) and returns one object (or
    None) per agent.
    """
    m = n if m is None else m
    if n < 1 or m < 1:
        raise InputError("n, m", f"must be positive, got n={n}, m={m}")
    P = math.factorial(m)
    N = P ** n
    if N > limit:
        raise InputError("n, m", f"{N} profiles exceed the outcome-table limit {limit}")
    table = np.empty((N, n), dtype=np.int16)
    perms = _perms(m)
    for k, prof in enumerate(itertools.product(perms, repeat=n)):
        out = mechanism(prof)
        table[k] = [NONE if o is None else o for o in out]
    return table


def strategy_proofness_violation(table: np.ndarray, n: int, m: Optional[int] = None):
    """The first (profile, agent, lie) at which the lie gets the agent a better object, or None.

    Returns a dict with ``profile`` (index), ``agent``, ``lie`` (ranking index), ``truthful``
    and ``manipulated`` objects; the order is profile index, then agent, then lie.
    """
    m = n if m is None else m
    P = math.factorial(m)
    N = table.shape[0]
    if table.shape != (P ** n, n):
        raise InputError("table", f"shape {table.shape}, expected {(P ** n, n)}")
    perms = _perms(m)
    # pos[r, h + 1] = position of object h in ranking r; "none" (h = -1) is worst (position m)
    pos = np.full((P, m + 1), m, dtype=np.int16)
    for r, perm in enumerate(perms):
        for rank, h in enumerate(perm):
            pos[r, h + 1] = rank
    idx = np.arange(N, dtype=np.int64)
    best = None
    for i in range(n):
        stride = P ** (n - 1 - i)
        r_i = (idx // stride) % P
        truthful = pos[r_i, table[:, i].astype(np.int64) + 1]
        for lie in range(P):
            got = table[idx + (lie - r_i) * stride, i].astype(np.int64)
            better = pos[r_i, got + 1] < truthful
            if better.any():
                k = int(np.argmax(better))
                cand = (k, i, lie)
                if best is None or cand < best:
                    best = cand
    if best is None:
        return None
    k, i, lie = best
    stride = P ** (n - 1 - i)
    r_i = (k // stride) % P
    return {"profile": k, "agent": i, "lie": list(perms[lie]),
            "truthful": int(table[k, i]), "manipulated": int(table[k + (lie - r_i) * stride, i])}


def naive_strategy_proofness_violation(mechanism, n: int, m: Optional[int] = None,
                                       profiles: Optional[int] = None):
    """The baseline: re-run the mechanism for every misreport (first ``profiles`` profiles only)."""
    m = n if m is None else m
    perms = _perms(m)
    for k, prof in enumerate(itertools.product(perms, repeat=n)):
        if profiles is not None and k >= profiles:
            return None
        truth = mechanism(prof)
        for i in range(n):
            rank = {h: t for t, h in enumerate(prof[i])}
            worst = m
            t_i = worst if truth[i] is None else rank[truth[i]]
            for lie in perms:
                if lie == prof[i]:
                    continue
                out = mechanism(prof[:i] + (lie,) + prof[i + 1:])[i]
                if (worst if out is None else rank[out]) < t_i:
                    return {"profile": k, "agent": i, "lie": list(lie),
                            "truthful": truth[i], "manipulated": out}
    return None
