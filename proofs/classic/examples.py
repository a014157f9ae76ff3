"""Worked example: Bogomolnaia and Moulin's four-agent profile, RSD against PS, recomputed exactly.

A. Bogomolnaia, H. Moulin, "A new solution to the random assignment problem", J. Econ. Theory
100 (2001) 295-328, https://doi.org/10.1006/jeth.2000.2710 (their random priority, RP, is RSD). Agents 1 and 2 rank
``a > b > c > d``, agents 3 and 4 rank ``b > a > d > c``. Every value below is recomputed by
:mod:`exact.mechanisms` and :mod:`exact.lottery`; the paper's printed matrices are shown next to
them for comparison only.
"""

from __future__ import annotations

from exact.lottery import birkhoff_von_neumann, sd_dominates, sd_improvement_cycle, \
    sd_strictly_dominates
from exact.mechanisms import eating_schedule, random_serial_dictatorship
from exact.numbers import Q
from exact.prefs import Profile
from exact.report import Report, Table, example

__all__ = ["BM_PROFILE", "OBJECTS", "PAPER_RSD", "PAPER_PS", "bogomolnaia_moulin", "plot_tau"]

OBJECTS = "abcd"
#: agents 1, 2: a > b > c > d; agents 3, 4: b > a > d > c (objects a, b, c, d = 0, 1, 2, 3)
BM_PROFILE = Profile([(0, 1, 2, 3), (0, 1, 2, 3), (1, 0, 3, 2), (1, 0, 3, 2)])
#: the matrices as printed in the paper (compared with, never used to compute)
_T, _O = Q(5, 12), Q(1, 12)
PAPER_RSD = ((_T, _O, _T, _O), (_T, _O, _T, _O), (_O, _T, _O, _T), (_O, _T, _O, _T))
_H = Q(1, 2)
PAPER_PS = ((_H, 0, _H, 0), (_H, 0, _H, 0), (0, _H, 0, _H), (0, _H, 0, _H))


def _ranking_text(r) -> str:
    return " > ".join(OBJECTS[o] for o in r)


def _cumulative(row, ranking) -> list:
    out, acc = [], Q(0)
    for o in ranking:
        acc += row[o]
        out.append(acc)
    return out


@example("classic/bogomolnaia-moulin", title="RSD is sd-dominated by PS (Bogomolnaia-Moulin)",
         source="Bogomolnaia and Moulin (2001), four-agent example")
def bogomolnaia_moulin() -> Report:
    """Recompute the RSD and PS assignments of the four-agent example and compare them."""
    p = BM_PROFILE
    rsd = random_serial_dictatorship(p)
    ps, phases = eating_schedule(p)
    r = Report("Random serial dictatorship is not sd-efficient: PS sd-dominates it",
               source="Bogomolnaia and Moulin (2001), J. Econ. Theory 100, 295-328")
    r.add("Preferences: agents 1, 2: " + _ranking_text(p[0]) + "; agents 3, 4: "
          + _ranking_text(p[2]) + ".")
    rows = []
    for i in range(p.n):
        for o in range(p.m):
            rows.append([i + 1, OBJECTS[o], rsd[i][o], PAPER_RSD[i][o], ps[i][o], PAPER_PS[i][o]])
    agree = all(rsd[i][o] == PAPER_RSD[i][o] and ps[i][o] == PAPER_PS[i][o]
                for i in range(p.n) for o in range(p.m))
    r.add(Table(["agent", "object", "RSD", "RSD (paper)", "PS", "PS (paper)"], rows,
                caption="Assignment probabilities, recomputed (exact) and as printed"))
    r.add("The recomputed matrices agree with the paper's." if agree else
          "The recomputed matrices DIFFER from the paper's: the recomputed values are right "
          "(exact average over all 24 orders, exact eating times).")
    r.add(Table(["from", "to", "eats"], [
        [ph["start"], ph["end"], ", ".join(f"{i + 1}:{OBJECTS[o]}" for i, o in
                                           enumerate(ph["eats"]) if o is not None)]
        for ph in phases], caption="Eating algorithm (PS): phases with exact times"))
    dom_rows = []
    for i in range(p.n):
        dom_rows.append([i + 1, _ranking_text(p[i]), _cumulative(ps[i], p[i]),
                         _cumulative(rsd[i], p[i]),
                         "strictly" if sd_strictly_dominates(ps[i], rsd[i], p[i]) else
                         ("weakly" if sd_dominates(ps[i], rsd[i], p[i]) else "no")])
    r.add(Table(["agent", "ranking", "PS cumulative", "RSD cumulative", "PS sd-dominates RSD"],
                dom_rows, caption="First-order stochastic dominance, agent by agent"))
    cycle = sd_improvement_cycle(rsd, p)
    if cycle is not None and "cycle" in cycle:
        c = cycle["cycle"]
        steps = ", ".join(f"agent {i + 1} prefers {OBJECTS[a]} to {OBJECTS[c[(t + 1) % len(c)][0]]}"
                          for t, (a, i) in enumerate(c))
        r.add("RSD is not sd-efficient: tau(RSD) has the cycle " + steps +
              " (each receives the worse object with positive probability, so trading it "
              "along the cycle improves all of them).")
    bvn = birkhoff_von_neumann(ps)
    r.add(Table(["weight", "deterministic assignment"],
                [[w, " ".join(f"{i + 1}{OBJECTS[o]}" for i, o in enumerate(perm))]
                 for w, perm in bvn],
                caption="PS as a lottery over deterministic assignments (Birkhoff-von Neumann)"))
    r.values.update(rsd=rsd, ps=ps, paper_agrees=agree,
                    ps_sd_dominates_rsd=all(sd_dominates(ps[i], rsd[i], p[i])
                                            for i in range(p.n)),
                    rsd_tau_cycle=None if cycle is None else cycle.get("cycle"),
                    ps_bvn=bvn)
    r.plot = lambda ax: plot_tau(ax, rsd, p, None if cycle is None else cycle.get("cycle"))
    return r


def plot_tau(ax, P, profile, cycle) -> None:
    """``--plot``: Bogomolnaia-Moulin's relation tau(P) on objects, edge ``a -> b`` labelled by
    an agent who prefers ``a`` but receives ``b`` with positive probability; the improvement
    cycle found by :func:`exact.lottery.sd_improvement_cycle` in red."""
    from exact.lottery import tau_relation
    from exact.plots import draw_digraph
    g = tau_relation(P, profile)
    hot = [[a for a, _ in cycle]] if cycle else []
    draw_digraph(ax, g, labels={o: OBJECTS[o] for o in g.nodes},
                 edge_labels={(a, b): f"agent {d['agent'] + 1}" for a, b, d in g.edges(data=True)},
                 highlight=hot, title="tau(RSD): a -> b when an agent prefers a but may get b"
                                      + ("; red: improvement cycle" if hot else ""))
