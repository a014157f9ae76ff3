"""Example 1 (appendix): two graduate students, two semesters, identical rankings.

Objects are coded ``0`` = micro, ``1`` = macro (spring, category 0) and ``0`` = micro,
``1`` = stats (fall, category 1); agent ``0`` is the paper's ``i``, agent ``1`` is ``j``.
"""

from __future__ import annotations

from exact.numbers import Q

from .envy import pareto_efficient_graph
from .lemma1 import linear_extensions
from .mechanisms import is_fair_priority, is_identical_priority, mcsd
from .model import allocations, bundle, weakly_dominates

__all__ = ["NAMES", "PROFILE", "UTILITY", "PRIORITIES", "PAPER", "example_1"]

NAMES = (("micro1", "macro1"), ("micro2", "stats2"))
#: both agents report micro1 > macro1 and micro2 > stats2
PROFILE = (((0, 1), (0, 1)), ((0, 1), (0, 1)))
#: the utility table of the example (footnote 12), by bundle (spring object, fall object)
UTILITY = ({(0, 0): Q(60), (0, 1): Q(40), (1, 0): Q(45), (1, 1): Q(10)},
           {(0, 0): Q(60), (0, 1): Q(45), (1, 0): Q(40), (1, 1): Q(10)})
#: the four MCSDs at n = m = 2: (spring order, fall order)
PRIORITIES = (((0, 1), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (0, 1)), ((1, 0), (1, 0)))
#: the numbers printed in the paper (golden values, compared with the recomputed ones)
PAPER = {"fpd_welfare_worst": 80, "fpd_welfare_best": 90, "ipd_welfare": 70,
         "fpd_rawls": (40, 45), "ipd_rawls": 10,
         "fpd_bundles": ((0, 1), (1, 0)), "ipd_bundles": ((0, 0), (1, 1))}


def bundle_name(b) -> str:
    return "(" + ", ".join(NAMES[k][o] for k, o in enumerate(b)) + ")"


def example_1() -> dict:
    """Recompute every number of Example 1 from the model (nothing is pasted)."""
    rows = []
    for f in PRIORITIES:
        A = mcsd(PROFILE, f)
        b = [bundle(A, i) for i in range(2)]
        u = [UTILITY[i][b[i]] for i in range(2)]
        rows.append({"priorities": f, "class": "IPD" if is_identical_priority(f) else
                     ("FPD" if is_fair_priority(f) else "MCSD"), "bundles": b, "utilities": u,
                     "welfare": u[0] + u[1], "rawls": min(u),
                     "pareto_efficient": pareto_efficient_graph(PROFILE, A) is None})
    fpd = [r for r in rows if r["class"] == "FPD"]
    ipd = [r for r in rows if r["class"] == "IPD"]
    ext = list(linear_extensions(2, 2))
    consistent = all(UTILITY[i][x] > UTILITY[i][y] for i in range(2)
                     for x in UTILITY[i] for y in UTILITY[i]
                     if x != y and weakly_dominates(x, y, PROFILE[i]))
    pe_allocations = [A for A in allocations(2, 2)
                      if pareto_efficient_graph(PROFILE, A) is None]
    # the "discussed inefficiency": swapping the FPD bundles is better for both
    A = mcsd(PROFILE, PRIORITIES[0])
    swap_gain = [UTILITY[i][bundle(A, 1 - i)] - UTILITY[i][bundle(A, i)] for i in range(2)]
    return {
        "rows": rows,
        "fpd_welfare_worst": min(r["welfare"] for r in fpd),
        "fpd_welfare_best": max(r["welfare"] for r in fpd),
        "ipd_welfare": sorted({r["welfare"] for r in ipd}),
        "fpd_rawls": tuple(sorted(r["rawls"] for r in fpd)),
        "ipd_rawls": sorted({r["rawls"] for r in ipd}),
        "fpd_bundles": tuple(fpd[0]["bundles"]),
        "ipd_bundles": tuple(ipd[0]["bundles"]),
        "linear_extensions": len(ext),
        "incomparable": [(x, y) for x in UTILITY[0] for y in UTILITY[0] if x < y and
                         not weakly_dominates(x, y, PROFILE[0]) and
                         not weakly_dominates(y, x, PROFILE[0])],
        "utilities_consistent": consistent,
        "utilities_additive": [UTILITY[i][(0, 0)] + UTILITY[i][(1, 1)] ==
                               UTILITY[i][(0, 1)] + UTILITY[i][(1, 0)] for i in range(2)],
        "pe_allocations": pe_allocations,
        "swap_gain": swap_gain,
    }
