"""Coalitions and coalition patterns (Section 2), and profiles split into a coalition and outsiders.

A coalition is a sorted tuple of agent indices; a pattern is a set of coalitions that contains
every singleton (the paper assumes agents can always act alone). ``minimal(n)`` is the paper's
underline-S = {{i}}, ``maximal(n)`` its bar-S = 2^I minus the empty set.
"""

from __future__ import annotations

import functools
import itertools
from typing import Iterable, Sequence

from exact.errors import InputError

__all__ = ["coalitions", "minimal", "maximal", "pattern", "Split", "split", "pattern_json"]


def coalitions(n: int) -> list[tuple]:
    """Every non-empty coalition, by size then lexicographically."""
    return [c for r in range(1, n + 1) for c in itertools.combinations(range(n), r)]


def minimal(n: int) -> frozenset:
    """The minimal pattern: singletons only."""
    return frozenset((i,) for i in range(n))


def maximal(n: int) -> frozenset:
    """The maximal pattern: every non-empty coalition."""
    return frozenset(coalitions(n))


def pattern(n: int, members: Iterable, field: str = "pattern") -> frozenset:
    """A validated coalition pattern over agents ``0..n-1``.

    ``members`` lists coalitions as lists of agent indices (0-based). Raises InputError naming
    the field when a coalition is empty, names an unknown agent, or a singleton is missing.
    """
    out = set()
    for j, c in enumerate(members):
        if not isinstance(c, (list, tuple, set, frozenset)) or not c:
            raise InputError(f"{field}[{j}]", "a coalition is a non-empty list of agents")
        for a in c:
            if isinstance(a, bool) or not isinstance(a, int) or not 0 <= a < n:
                raise InputError(f"{field}[{j}]", f"unknown agent {a!r} (agents are 0..{n - 1})")
        out.add(tuple(sorted(set(c))))
    missing = [i for i in range(n) if (i,) not in out]
    if missing:
        raise InputError(field, f"a coalition pattern contains every singleton; missing "
                                f"{['{%d}' % (i + 1) for i in missing]} (agents numbered from 1)")
    return frozenset(out)


def pattern_json(p: frozenset) -> list:
    return sorted([list(c) for c in p], key=lambda c: (len(c), c))


class Split:
    """Profiles of a coalition ``S`` and of its outsiders, and the state index of each pair.

    ``inside`` lists every ``theta_S`` (tuples over ``S`` in order), ``outside`` every
    ``theta_{-S}``; ``index[a][b]`` is the state index of the profile joining ``inside[a]`` and
    ``outside[b]``.
    """

    def __init__(self, k: Sequence[int], S: tuple):
        n = len(k)
        self.S = tuple(S)
        self.O = tuple(i for i in range(n) if i not in self.S)
        self.inside = list(itertools.product(*(range(k[i]) for i in self.S)))
        self.outside = list(itertools.product(*(range(k[i]) for i in self.O)))
        self.pos_in = {t: j for j, t in enumerate(self.inside)}
        self.pos_out = {t: j for j, t in enumerate(self.outside)}
        strides = [1] * n
        for i in range(n - 2, -1, -1):
            strides[i] = strides[i + 1] * k[i + 1]
        self.index = [[sum(a[m] * strides[i] for m, i in enumerate(self.S)) +
                       sum(b[m] * strides[i] for m, i in enumerate(self.O))
                       for b in self.outside] for a in self.inside]

    def join(self, a: tuple, b: tuple) -> tuple:
        """The full profile from ``theta_S = a`` and ``theta_{-S} = b``."""
        out = [0] * (len(self.S) + len(self.O))
        for m, i in enumerate(self.S):
            out[i] = a[m]
        for m, i in enumerate(self.O):
            out[i] = b[m]
        return tuple(out)


@functools.lru_cache(maxsize=4096)
def split(k: tuple, S: tuple) -> Split:
    return Split(k, S)
