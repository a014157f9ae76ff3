"""Negative-control mechanisms for Theorem 1 (the note's A11): each fails one axiom.

| mechanism            | SP | NB          | CN |
|----------------------|----|-------------|----|
| ``constant``         | yes| yes         | no |
| ``ttc_endowment``    | yes| yes         | no |
| ``sequential``       | yes| yes         | no |
| ``dictator_allocates``| yes| no (n >= 3)| yes|
| ``anti_dictator``    | no | yes         | yes|
| ``catch_up_draft``   | no | yes         | yes|
| ``random_neutral``   | no | no          | yes|
"""

from __future__ import annotations

import hashlib

from .model import allocations, canonical_form, permute_allocation

__all__ = ["constant", "dictator_allocates", "anti_dictator", "catch_up_draft", "sequential",
           "random_neutral", "CONTROLS"]


def constant(P: tuple) -> tuple:
    """Agent ``i`` receives object ``i`` in every category, whatever is reported."""
    n, m = len(P), len(P[0])
    return (tuple(range(n)),) * m


def dictator_allocates(P: tuple) -> tuple:
    """Agent ``l`` receives agent 0's ``(l+1)``-th ranked object in every category."""
    return tuple(tuple(r) for r in P[0])


def _sd_column(P, k, order, start_taken=()):
    n = len(P)
    taken = set(start_taken)
    col = {}
    for i in order:
        o = next(o for o in P[i][k] if o not in taken)
        taken.add(o)
        col[i] = o
    return col


def anti_dictator(P: tuple) -> tuple:
    """Agent 0 receives her worst object in each category; agents ``1, 2, ...`` then pick."""
    n, m = len(P), len(P[0])
    out = []
    for k in range(m):
        worst = P[0][k][-1]
        col = _sd_column(P, k, range(1, n), (worst,))
        col[0] = worst
        out.append(tuple(col[i] for i in range(n)))
    return tuple(out)


def catch_up_draft(P: tuple) -> tuple:
    """Serial dictatorship per category; agents who got their top object in category ``k``
    move (in order) to the end of the priority order of category ``k + 1``."""
    n, m = len(P), len(P[0])
    order = list(range(n))
    out = []
    for k in range(m):
        col = _sd_column(P, k, order)
        out.append(tuple(col[i] for i in range(n)))
        lucky = [i for i in order if col[i] == P[i][k][0]]
        order = [i for i in order if i not in lucky] + lucky
    return tuple(out)


def sequential(P: tuple) -> tuple:
    """A sequential dictatorship with a label-dependent successor: agent 0 takes her best
    bundle; then agents ``1, ..., n-1`` pick if agent 0 took object 0 of category 0, otherwise
    ``n-1, ..., 1`` (the order depends on object labels, so the mechanism is not neutral)."""
    n, m = len(P), len(P[0])
    first = P[0][0][0]
    rest = list(range(1, n)) if first == 0 else list(range(n - 1, 0, -1))
    order = [0] + rest
    return tuple(tuple(_sd_column(P, k, order)[i] for i in range(n)) for k in range(m))


def random_neutral(P: tuple, seed: int = 0) -> tuple:
    """A neutral mechanism with an arbitrary (hashed) outcome on each relabelling orbit."""
    n, m = len(P), len(P[0])
    rep, pi = canonical_form(P)
    allocs = allocations(n, m)
    h = hashlib.sha256(repr((seed, rep)).encode()).digest()
    return permute_allocation(allocs[int.from_bytes(h[:8], "big") % len(allocs)], pi)


#: name -> (mechanism, (SP, NB, CN) expected for n >= 3)
CONTROLS = {
    "constant": (constant, (True, True, False)),
    "sequential": (sequential, (True, True, False)),
    "dictator_allocates": (dictator_allocates, (True, False, True)),
    "anti_dictator": (anti_dictator, (False, True, True)),
    "catch_up_draft": (catch_up_draft, (False, True, True)),
    "random_neutral": (random_neutral, (False, False, True)),
}
