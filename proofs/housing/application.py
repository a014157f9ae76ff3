"""Section 4: teaching assignments for graduate students (types with capacities).

The paper's 2018 rankings are not public, so its data figures (29 %, 15 %, 3.21, 4.72, 2.2, 1.6,
12, 9) cannot be recomputed. What *is* recomputed exactly here, on a synthetic instance with the
paper's positions and capacities (footnote 11) and on any user instance:

* capacities add up to the 37 students; total ranks lie in 2..14;
* the "special arrangements" rule (in each semester, the students who made one rank it first,
  everyone else last) always gives those students their arrangement, in *every* semester and
  under every priority order, as long as they are at most the 5 special positions;
* no student envies both assignments of another under fair (reversed) priorities -- exactly
  Proposition 2 with m = 2;
* the mean total rank is *identical* under identical and fair priorities when the sample of
  priority orders is closed under reversal (the note's D6: linearity of expectation), which
  explains the paper's "3.21 for both";
* variances and worst total ranks (the paper's 2.2 vs 1.6 and 12 vs 9 on its data).

All statistics are exact rationals (``exact.numbers.Q``).
"""

from __future__ import annotations

import random
from typing import Sequence

from exact.errors import InvalidInstance
from exact.numbers import Q

__all__ = ["TYPES", "CAPACITY", "sd_types", "synthetic_instance", "reversal_closed_orders",
           "simulate", "sd_bracket", "expected_total_rank"]

TYPES = ("ta principles", "ta statistics", "ta econometrics", "lab stats", "lab econometrics",
         "tf principles", "tf statistics", "special arrangements")
#: positions per semester (footnote 11); the same in both semesters
CAPACITY = (12, 3, 3, 5, 4, 4, 1, 5)
SPECIAL = 7


def sd_types(ranks: Sequence[Sequence[int]], order: Sequence[int], capacity: Sequence[int]):
    """Serial dictatorship over types with capacities: each student in ``order`` takes her best
    type with a free position. Returns ``type[i]`` per student."""
    left = list(capacity)
    out = [None] * len(ranks)
    for i in order:
        t = next((t for t in ranks[i] if left[t] > 0), None)
        if t is None:
            raise InvalidInstance(f"ranks[{i}]", "no type with a free position is ranked")
        left[t] -= 1
        out[i] = t
    return out


def synthetic_instance(seed: int = 2018, students: int = 37, special=5) -> tuple:
    """A reproducible instance with the paper's shape.

    ``special`` says who made a special arrangement: an int ``s`` (students ``0..s-1``, in both
    semesters) or, per semester, a collection of students ("in the respective semester",
    footnote 11). In each semester those students rank the special arrangement first, everyone
    else ranks it last; the seven regular types are ranked in a seeded random order (integers
    only). Returns ``ranks[k][i]``.
    """
    if sum(CAPACITY) != students:
        raise InvalidInstance("students", f"capacities add up to {sum(CAPACITY)}, not {students}")
    if isinstance(special, int):
        special = (range(special), range(special))
    special = [set(s) for s in special]
    if len(special) != 2 or any(not s <= set(range(students)) for s in special):
        raise InvalidInstance("special", "expected two sets of students (one per semester)")
    rng = random.Random(seed)
    ranks = []
    for k in range(2):
        col = []
        for i in range(students):
            regular = list(range(7))
            rng.shuffle(regular)
            col.append(tuple([SPECIAL] + regular if i in special[k] else regular + [SPECIAL]))
        ranks.append(tuple(col))
    return tuple(ranks)


def reversal_closed_orders(students: int, pairs: int, seed: int = 10000) -> list:
    """``pairs`` seeded random priority orders together with their reverses."""
    rng = random.Random(seed)
    out = []
    for _ in range(pairs):
        g = list(range(students))
        rng.shuffle(g)
        out += [tuple(g), tuple(reversed(g))]
    return out


def _stats(totals: list, envy_both: int, students: int, draws: int) -> dict:
    N = len(totals)
    mean = Q(sum(totals), N)
    var = Q(sum(t * t for t in totals), N) - mean * mean
    return {"mean_total_rank": mean, "variance": var, "worst_total_rank": max(totals),
            "best_total_rank": min(totals),
            "envy_both_share": Q(envy_both, students * draws)}


def simulate(ranks: tuple, orders: list, capacity: Sequence[int] = CAPACITY) -> dict:
    """IPD (``g, g``) and fair priorities (``g, reversed g``) for every ``g`` in ``orders``.

    Returns exact statistics per class: mean and variance of the total rank (sum of the two
    semester ranks, pooled over students and draws), worst and best total rank, the share of
    students who envy both assignments of someone, and whether every student who ranks the
    special arrangement first in a semester always got it in that semester.
    """
    n = len(ranks[0])
    pos = [[{t: p for p, t in enumerate(ranks[k][i])} for i in range(n)] for k in range(2)]
    out = {}
    for name, second in (("identical", lambda g: g), ("fair", lambda g: g[::-1])):
        totals, envy_both, special_ok = [], 0, True
        for g in orders:
            A = [sd_types(ranks[0], g, capacity), sd_types(ranks[1], second(g), capacity)]
            for i in range(n):
                totals.append(pos[0][i][A[0][i]] + pos[1][i][A[1][i]] + 2)
                if any(ranks[k][i][0] == SPECIAL and A[k][i] != SPECIAL for k in range(2)):
                    special_ok = False
                if any(all(pos[k][i][A[k][j]] < pos[k][i][A[k][i]] for k in range(2))
                       for j in range(n) if j != i):
                    envy_both += 1
        out[name] = dict(_stats(totals, envy_both, n, len(orders)), special_always=special_ok)
    return out


def expected_total_rank(P: tuple, priority_profiles_: list) -> Q:
    """Exact mean over priority profiles of the mean total rank (sum over categories of rank)
    under MCSD at profile ``P`` (unit capacities, the paper's formal model)."""
    from .mechanisms import mcsd
    n, m = len(P), len(P[0])
    total = 0
    for f in priority_profiles_:
        A = mcsd(P, f)
        total += sum(P[i][k].index(A[k][i]) + 1 for i in range(n) for k in range(m))
    return Q(total, n * len(priority_profiles_))


def sd_bracket(var: Q, digits: int = 2) -> tuple[Q, Q]:
    """Exact decimal bracket ``lo <= sqrt(var) < lo + 10^-digits`` (no floating point)."""
    scale = 10 ** digits
    lo = 0
    while Q(lo + 1, scale) ** 2 <= var:
        lo += 1
    return Q(lo, scale), Q(lo + 1, scale)
