"""Worked examples of the housing paper, recomputed by the model code (nothing pasted).

* ``housing/example-1``: Example 1 of the appendix (welfare, Rawlsian welfare, bundles).
* ``housing/application``: Section 4's teaching-assistant application on a synthetic instance
  with the paper's positions (its data are not public): rank, envy and Rawlsian figures.
"""

from __future__ import annotations

from exact.numbers import Q
from exact.report import Report, Table, example

from .application import (CAPACITY, TYPES, expected_total_rank, reversal_closed_orders,
                          sd_bracket, simulate, synthetic_instance)
from .example1 import NAMES, PAPER, UTILITY, bundle_name, example_1
from .mechanisms import alternating
from .model import rankings

__all__ = ["example_1_report", "application_report"]


@example("housing/example-1", title="Example 1: two students, two semesters",
         source="Appendix, Example 1")
def example_1_report() -> Report:
    v = example_1()
    r = Report("Example 1: fair vs identical priorities for two teaching assistants",
               source="Caspari (2023), appendix, Example 1")
    r.add("Both students rank micro1 above macro1 (spring) and micro2 above stats2 (fall). "
          "Dominance: bundle (micro1, micro2) above (micro1, stats2) and (macro1, micro2), both above "
          "(macro1, stats2); the middle pair is incomparable, so there are exactly "
          f"{v['linear_extensions']} consistent separable preferences.")
    r.add(Table(["bundle", "u_i", "u_j"],
                [[bundle_name(b), UTILITY[0][b], UTILITY[1][b]] for b in UTILITY[0]],
                caption="Utilities of the example (footnote 12)"))
    rows = []
    for row in v["rows"]:
        f = row["priorities"]
        rows.append([" / ".join("".join("ij"[a] for a in o) for o in f), row["class"],
                     bundle_name(row["bundles"][0]), bundle_name(row["bundles"][1]),
                     row["utilities"][0], row["utilities"][1], row["welfare"], row["rawls"],
                     "yes" if row["pareto_efficient"] else "no"])
    r.add(Table(["priority (spring / fall)", "class", "i gets", "j gets", "u_i", "u_j",
                 "welfare", "Rawlsian", "Pareto efficient"], rows,
                caption="The four multi-category serial dictatorships at the example's profile"))
    paper = [["FPD welfare (worst, best)", f"{PAPER['fpd_welfare_worst']}, "
              f"{PAPER['fpd_welfare_best']}", f"{v['fpd_welfare_worst']}, "
              f"{v['fpd_welfare_best']}"],
             ["IPD welfare", str(PAPER["ipd_welfare"]), ", ".join(map(str, v["ipd_welfare"]))],
             ["FPD Rawlsian", " or ".join(map(str, PAPER["fpd_rawls"])),
              " or ".join(map(str, v["fpd_rawls"]))],
             ["IPD Rawlsian", str(PAPER["ipd_rawls"]), ", ".join(map(str, v["ipd_rawls"]))]]
    r.add(Table(["figure", "paper", "recomputed"], paper, caption="All figures agree"))
    r.add("Under these utilities the fair outcome with i first in spring is improved by "
          f"swapping bundles (gains {v['swap_gain'][0]} and {v['swap_gain'][1]}): the "
          "'discussed inefficiency'. Only the two identical-priority outcomes are Pareto "
          "efficient for every consistent preference (union envy graph acyclic). Paper typos: "
          "the IPD sentence writes psi_i^FPD for j's bundle (psi_j^IPD is meant), and '~' "
          "(indifference) contradicts the model's antisymmetry.")
    r.values.update(fpd_welfare_worst=Q(v["fpd_welfare_worst"]),
                    fpd_welfare_best=Q(v["fpd_welfare_best"]),
                    ipd_welfare=Q(v["ipd_welfare"][0]), fpd_rawls=[Q(x) for x in v["fpd_rawls"]],
                    ipd_rawls=Q(v["ipd_rawls"][0]), linear_extensions=v["linear_extensions"])
    return r


@example("housing/application", title="Section 4: teaching assignments",
         source="Section 4 and footnote 11")
def application_report(pairs: int = 500, seed: int = 2018) -> Report:
    ranks = synthetic_instance(seed)
    orders = reversal_closed_orders(len(ranks[0]), pairs)
    s = simulate(ranks, orders)
    r = Report("Teaching assignments: identical vs fair priorities (synthetic instance)",
               source="Caspari (2023), Section 4")
    r.add(Table(["position", "per semester"], [[t, c] for t, c in zip(TYPES, CAPACITY)] +
                [["total", sum(CAPACITY)]], caption="Positions (footnote 11)"))
    r.add(f"The 2018 rankings are not public; this instance has the paper's shape: 37 "
          f"students, 5 of whom rank the special arrangement first, the others rank it last "
          f"and the 7 regular positions in a seeded random order (seed {seed}). Priorities: "
          f"{len(orders)} orders g, closed under reversal; identical = (g, g), fair = "
          f"(g, reversed g).")
    rows = []
    for name in ("identical", "fair"):
        v = s[name]
        lo, hi = sd_bracket(v["variance"])
        rows.append([name, v["mean_total_rank"], v["variance"], f"[{lo}, {hi})",
                     v["worst_total_rank"], v["envy_both_share"],
                     "yes" if v["special_always"] else "no"])
    r.add(Table(["priorities", "mean total rank", "variance", "std. dev. in", "worst (Rawlsian)",
                 "share envying both", "special always kept"], rows,
                caption="Exact statistics over students and priority draws"))
    paper = [["mean total rank (both classes)", "3.21 and 3.21",
              "identical in both classes (an identity, note D6)"],
             ["actual 2018 allocation", "4.72", "needs the data"],
             ["envy both (IPD / FPD / 2018)", "15 % / 0 % / 29 %",
              f"{s['identical']['envy_both_share']} / {s['fair']['envy_both_share']} / -"],
             ["std. dev. (IPD / FPD)", "2.2 / 1.6", "see table"],
             ["worst total rank (IPD / FPD)", "12 / 9",
              f"{s['identical']['worst_total_rank']} / {s['fair']['worst_total_rank']}"]]
    r.add(Table(["figure", "paper (2018 data)", "this instance"], paper,
                caption="What transfers from the paper"))
    P = (((0, 1, 2), (0, 1, 2)), ((0, 2, 1), (1, 0, 2)), ((1, 0, 2), (0, 2, 1)))
    ident = [(g, g) for g in rankings(3)]
    fair = [alternating(g, 2) for g in rankings(3)]
    e_i, e_f = expected_total_rank(P, ident), expected_total_rank(P, fair)
    r.add(f"Exact expectation over all 6 priority orders at the note's fixture B (n = 3, "
          f"m = 2): mean total rank {e_i} (identical) and {e_f} (fair).")
    r.values.update(mean_identical=s["identical"]["mean_total_rank"],
                    mean_fair=s["fair"]["mean_total_rank"],
                    envy_both_fair=s["fair"]["envy_both_share"],
                    envy_both_identical=s["identical"]["envy_both_share"],
                    worst_identical=Q(s["identical"]["worst_total_rank"]),
                    worst_fair=Q(s["fair"]["worst_total_rank"]),
                    special_always=s["identical"]["special_always"] and s["fair"]["special_always"],
                    fixture_b_identical=e_i, fixture_b_fair=e_f)
    return r
