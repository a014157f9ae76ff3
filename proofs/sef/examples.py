"""Worked examples and tables of the sef paper, recomputed exactly (``exact example sef/...``).

Where the paper prints a different value, the report shows both and says which is right.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from exact.numbers import Q
from exact.report import Report, Table, example

from .anatomy import analyse
from .efficiency import is_CS
from .game import (lottery_game, best_reply_graph, is_sef_profile, nash_equilibria, payoffs,
                   strong_nash_equilibria, table_game)
from .hz import (clearing_lp, equilibria_float_search, equilibria_m2, fullspace_gain, sd_gain,
                 sef_prices, verify_equilibrium)
from .instances import (C3D, EX1, EX2, EX3, EX4, EX5, EX6_PREFS, EX6_TABLE4, NYC6, PS2, T7A,
                        T7B)
from .mechanisms import expected_utilities, ps, rsd
from .model import eu, induced_lottery, is_EF, is_IS, is_SEF, labels, Market
from .tickets import Tickets, door_times, nyc, run
from .ttc import ttc_step

__all__ = ["nyc_lottery", "ps_illustration", "example_1", "example_2", "example_3", "example_4",
           "example_5", "example_6", "theorem_7_counterexamples", "c3d_trace", "ex6_game"]


def _o(order) -> str:
    return "(" + ",".join(str(a + 1) for a in order) + ")"


@example("sef/nyc-lottery", title="NYC six-agent lottery", source="Section 3.1")
def nyc_lottery() -> Report:
    m = NYC6
    r = Report("NYC six-agent lottery: u1 = u2 = (2,3), u3..u6 = (0,5), q = (1,1)",
               source="Section 3.1")
    L = nyc(m, range(6))
    Lp = sorted(Tickets(m).all_leaves())
    a = analyse(m)
    r.add(Table(["item", "recomputed", "paper"], [
        ["NYC outcome L^sigma, sigma = (1..6)", labels(L), "(C2,C1,C2,C2,C2,C2)"],
        ["EU(L^sigma)", eu(m, L), "total 6 3/5"],
        ["total EU(L^sigma)", sum(eu(m, L)), "33/5"],
        ["L^sigma is IS", str(is_IS(m, L)), "no (agent 1 switches)"],
        ["L^sigma is EF", str(is_EF(m, L)), "no"],
        ["L^sigma is PO within X", str(a.dominator(L) is None), "no (\"neither EF nor PO\") - WRONG"],
        ["L^sigma full-space LP gain", fullspace_gain(m, induced_lottery(m, L))[0], "-"],
        ["Tickets outcomes, all 720 orders and branches", ", ".join(map(labels, Lp)),
         "L' = (C1,C1,C2,C2,C2,C2) for every order"],
        ["EU(L')", eu(m, Lp[0]), "-"],
        ["total EU(L')", sum(eu(m, Lp[0])), "7 (\"7, 2/5 higher\")"],
        ["L' is SEF", str(is_SEF(m, Lp[0])), "yes"],
    ], caption="Outcomes"))
    r.add(Table(["agent"] + ["P(L^sigma)"] + ["P(L')"],
                [[i + 1, induced_lottery(m, L)[i], induced_lottery(m, Lp[0])[i]] for i in range(6)],
                caption="Induced lotteries (last column: no apartment)"))
    dist = defaultdict(int)
    for o in itertools.permutations(range(6)):
        dist[nyc(m, o)] += 1
    r.add(Table(["NYC outcome (lowest-index tie-break)", "orders"],
                [[labels(x), k] for x, k in sorted(dist.items(), key=lambda t: -t[1])]))
    r.add("Erratum S9: L^sigma is not EF but it is PO within X (and full-space PO, LP gain 0), "
          "so 'the NYC lottery is neither EF nor PO' is false for the paper's own example.")
    r.values.update(nyc=L, nyc_total=sum(eu(m, L)), tickets=Lp, tickets_total=sum(eu(m, Lp[0])),
                    nyc_PO=a.dominator(L) is None, nyc_orders={labels(k): v for k, v in dist.items()})
    return r


@example("sef/ps-illustration", title="PS and HZ illustrations", source="Section 3.1")
def ps_illustration() -> Report:
    r = Report("Probabilistic serial and HZ on the Section 3.1 markets", source="Section 3.1")
    P2 = ps(PS2)
    ok = verify_equilibrium(PS2, P2, (0, 2))
    r.add(Table(["agent", "PS (2 agents)"], [[i + 1, P2[i]] for i in range(2)]))
    r.add(f"HZ at prices (0, 2) supports this PS matrix: {ok is None} (two entries per agent "
          f"violate rule R1).")
    P6 = ps(NYC6)
    paper = [(Q(1, 2), Q(1, 6), Q(1, 3))] * 2 + [(0, Q(1, 6), Q(1, 3))] * 4
    r.add(Table(["agent", "P_BM recomputed", "paper", "right"],
                [[i + 1, P6[i], paper[i], "recomputed" if tuple(P6[i]) != paper[i] else "both"]
                 for i in range(6)], caption="Six agents, no eating of zero-utility houses"))
    total = sum(expected_utilities(NYC6, P6))
    r.add(Table(["quantity", "recomputed", "paper"], [
        ["total EU under P_BM", total, "4 5/6 (wrong; rows 3-6 of the printed matrix sum to 1/2)"],
        ["RSD equals PS here", str(rsd(NYC6) == P6), "-"]]))
    # BCKM decomposition (paper's six matrices, 1/6 each): agent -> pool or None
    terms = [(1, 0, None, None, None, None), (0, 1, None, None, None, None),
             (0, None, 1, None, None, None), (0, None, None, 1, None, None),
             (None, 0, None, None, 1, None), (None, 0, None, None, None, 1)]
    avg = [[sum(Q(1, 6) for t in terms if t[i] == j) for j in (0, 1)] for i in range(6)]
    avg = [tuple(a) + (1 - sum(a),) for a in avg]
    r.add(f"The paper's six-matrix BCKM decomposition averages exactly to the recomputed P_BM: "
          f"{avg == [tuple(x) for x in P6]}.")
    r.values.update(ps2=P2, hz_supports=ok is None, ps6=P6, ps6_total=total,
                    bckm_matches=avg == [tuple(x) for x in P6])
    return r


@example("sef/example-1", title="Example 1", source="Section 4, Example 1")
def example_1() -> Report:
    m = EX1
    a = analyse(m)
    paper = {(0, 0): "(1,1)", (0, 1): "(2,3)", (1, 0): "(3,2)", (1, 1): "(1.5,1.5)"}
    r = Report("Example 1: an EF allocation may not exist; u1 = u2 = (2,3), q = (1,1)",
               source="Section 4")
    r.add(Table(["x", "EU recomputed", "EU paper", "EF", "IS"],
                [[labels(x), a.EU[x], paper[x], str(is_EF(m, x)), str(is_IS(m, x))] for x in a.X]))
    r.add(f"Tickets: order (1,2) -> {labels(run(m, (0, 1)).outcome)}, "
          f"order (2,1) -> {labels(run(m, (1, 0)).outcome)}; PS = RSD = {ps(m)}.")
    r.values.update(eu={labels(x): a.EU[x] for x in a.X}, ef=[x for x in a.X if is_EF(m, x)])
    return r


def _tickets_table(m, orders) -> Table:
    cols = []
    for o in orders:
        rr = run(m, o)
        cells = []
        for k, states in enumerate(rr.steps):
            cells.append(" -> ".join(labels(s) for s in states))
        cols.append(cells)
    rows = [[k + 1] + [c[k] for c in cols] for k in range(m.n)]
    return Table(["step"] + [_o(o) for o in orders], rows)


@example("sef/example-2", title="Example 2 (Tables 1, 5, 6, 7)", source="Section 5.1, App. 9.2")
def example_2() -> Report:
    m = EX2
    a = analyse(m)
    r = Report("Example 2: u1 = (2,4,3), u2 = u3 = (0,1,0), u4 = (3,0,2), q = (1,1,1)",
               source="Section 5.1, Tables 1/5/6/7, Appendix 9.2")
    x, xs = (0, 1, 1, 2), (2, 1, 1, 0)
    r.add(Table(["allocation", "EU recomputed", "EU paper (main text)", "IS", "SEF", "CS"], [
        [labels(x), a.EU[x], "(2,1,1,2)", str(x in a.IS), str(is_SEF(m, x)), str(is_CS(m, x))],
        [labels(xs), a.EU[xs], "(3,1,1,3)", str(xs in a.IS), str(is_SEF(m, xs)), str(is_CS(m, xs))],
    ], caption="IS allocations (exactly these two); S2: the main text forgets the congestion in C2; "
               "Appendix 9.2's (2,1/2,1/2,2), (3,1/2,1/2,3) are right"))
    r.add(f"TTC from x gives {labels(ttc_step(m, x))}; x* Pareto-dominates x.")
    orders = sorted(itertools.permutations(range(4)))
    out = Tickets(m).outcomes_by_order()
    r.add(f"Tickets over all 24 orders and all branches: outcomes "
          f"{sorted({labels(y) for v in out.values() for y in v})}.")
    r.add(_tickets_table(m, [(0, 1, 2, 3), (0, 1, 3, 2), (0, 2, 1, 3)]))
    r.add("Table 1 above (rooms after each entry; '->' separates re-entries). Table 6 below: "
          "the other 21 orders.")
    rest = [o for o in orders if o not in [(0, 1, 2, 3), (0, 1, 3, 2), (0, 2, 1, 3)]]
    for k in range(0, 21, 3):
        r.add(_tickets_table(m, rest[k:k + 3]))
    d = door_times(m, (0, 1, 2, 3))
    r.add(Table(["agent at the door", "door time z", "y_z"],
                [["null" if ag is None else ag + 1, z, labels(y)] for ag, z, y in d["rows"]],
                caption="Table 5/7 (captioned 'Example 3' in the paper; it is Example 2), "
                        "order (1,2,3,4)"))
    r.add(f"t_agents = {[d['t_agent'][i] for i in range(4)]}, t_pools = "
          f"{[d['t_pool'][j] for j in range(3)]}, T = {d['T']}.")
    w = Market.of([[2, 3], [0, 1]], [1, 1])
    dw = door_times(w, (0, 1))
    r.add(f"S6: counting the final tick as Table 5 does, T ranges over [n+1, n(n+1)/2+1], not the "
          f"paper's [n, n(n+1)/2]: here T = {d['T']} = n+2 for n = 4; the market u = ((2,3),(0,1)), "
          f"q = (1,1), order (1,2) has T = {dw['T']} = n(n+1)/2 + 1 for n = 2 (agent 1 re-enters).")
    g = lottery_game(m)
    ne = nash_equilibria(g)
    r.add(Table(["pure NE of the lottery game", "payoffs", "strong NE", "SEF"],
                [[labels(s), payoffs(g, s), str(s in strong_nash_equilibria(g)),
                  str(is_sef_profile(g, s))] for s in ne],
                caption="Table 7 (Appendix 9.2): the game of Example 2"))
    L = nyc(m, (0, 1, 2, 3))
    P = ps(m)
    hz_ok = verify_equilibrium(m, induced_lottery(m, xs), sef_prices(m, xs)) is None
    r.add(Table(["mechanism", "outcome", "EU", "total"], [
        ["NYC (1,2,3,4)", labels(L), eu(m, L), sum(eu(m, L))],
        ["Tickets (all)", labels(xs), a.EU[xs], sum(a.EU[xs])],
        ["PS", str(P), expected_utilities(m, P), sum(expected_utilities(m, P))],
        ["RSD = PS", str(rsd(m) == P), "", ""],
        [f"HZ at h = {sef_prices(m, xs)}", f"P(x*) is an equilibrium: {hz_ok}", "", ""],
    ]))
    r.values.update(IS=a.IS, eu_x=a.EU[x], eu_sef=a.EU[xs], door=d["t_agent"], T=d["T"], ne=ne,
                    T_witness=dw["T"],
                    tickets={_o(o): sorted(v) for o, v in out.items()}, hz=hz_ok)
    return r


@example("sef/example-3", title="Example 3 (Table 2)", source="Section 5.2")
def example_3() -> Report:
    m = EX3
    a = analyse(m)
    r = Report("Example 3: u1 = u2 = u3 = (12,7), u4 = (5,2), q = (1,1)", source="Section 5.2")
    r.add(Table(["CS allocation", "EU", "total", "full-space LP gain of P(x)"],
                [[labels(x), a.EU[x], sum(a.EU[x]), fullspace_gain(m, induced_lottery(m, x))[0]]
                 for x in a.CS],
                caption="The paper gives the total of x1-x3 as '14 + 5/3'; it is 50/3 = 15 + 5/3"))
    t = Tickets(m)
    rows = defaultdict(list)
    for o in itertools.permutations(range(4)):
        outs = {ttc_step(m, y) for y in t.leaves(o)}
        for y in outs:
            rows[y].append(o)
    paper = {
        (0, 1, 0, 0): "(1,2,3,4);(1,2,4,3);(1,4,2,3);(3,2,1,4);(3,2,4,1);(3,4,2,1);(4,2,3,1);(4,2,1,3)",
        (0, 0, 1, 0): "(1,3,2,4);(1,3,4,2);(1,4,3,2);(2,3,1,4);(2,4,3,1);(3,2,4,1);(4,3,2,1);(4,3,1,1)",
        (1, 0, 0, 0): "(2,1,3,4);(2,1,4,3);(2,4,1,3);(3,1,2,4);(3,1,4,2);(3,4,1,2);(4,1,3,2);(4,1,2,3)"}
    r.add(Table(["in C1", "in C2", "orders (recomputed, all branches)", "paper's Table 2"],
                [[",".join(str(i + 1) for i in range(4) if y[i] == 0),
                  ",".join(str(i + 1) for i in range(4) if y[i] == 1),
                  ";".join(_o(o) for o in sorted(os)), paper.get(y, "-")]
                 for y, os in sorted(rows.items())]))
    r.add("S4: the paper misplaces the six orders with agent 4 second, lists (3,2,4,1) twice, "
          "prints the non-order (4,3,1,1), and omits (2,3,4,1) and (4,3,1,2).")
    P = rsd(m)
    r.add(Table(["mechanism", "P (agent 1)", "EU", "total", "SD-efficiency LP gain",
                 "full-space LP gain"],
                [["PS", str(ps(m)[0]), expected_utilities(m, ps(m)), sum(expected_utilities(m, ps(m))),
                  sd_gain(m, ps(m))[0], fullspace_gain(m, ps(m))[0]],
                 ["RSD", str(P[0]), expected_utilities(m, P), sum(expected_utilities(m, P)),
                  sd_gain(m, P)[0], fullspace_gain(m, P)[0]]],
                caption="PS = RSD here: SD-efficient (gain 0) but not cardinally full-space PO"))
    r.add(f"Tickets-TTC never yields x4 = (C1,C1,C1,C2): {(0, 0, 0, 1) not in rows}. "
          f"RSD: agent 4 gets C2 with probability {P[3][1]} (exactly when 2nd in the order).")
    r.values.update(ps_sd_gain=sd_gain(m, ps(m))[0], ps_full_gain=fullspace_gain(m, ps(m))[0],
                    cs_full_gains=[fullspace_gain(m, induced_lottery(m, x))[0] for x in a.CS],
                    CS=a.CS, totals=[sum(a.EU[x]) for x in a.CS],
                    table2={labels(y): sorted(os) for y, os in rows.items()}, rsd4=P[3][1])
    return r


@example("sef/example-4", title="Example 4", source="Section 5.3")
def example_4() -> Report:
    m = EX4
    a = analyse(m)
    r = Report("Example 4: u1 = (2,3), u2 = (3,2), q = (1,1)", source="Section 5.3")
    r.add(Table(["x", "EU", "IS", "SEF", "PO", "weakly PO"],
                [[labels(x), a.EU[x], str(x in a.IS), str(is_SEF(m, x)), str(x in a.PO),
                  str(not any(all(p > b for p, b in zip(a.EU[y], a.EU[x])) for y in a.X))]
                 for x in a.X]))
    r.add(f"Full-space LP gain: P(x*) {fullspace_gain(m, induced_lottery(m, (1, 0)))[0]}, "
          f"P(x') {fullspace_gain(m, induced_lottery(m, (0, 1)))[0]}; P(x*) is an HZ equilibrium "
          f"at h = (1, 1): {verify_equilibrium(m, induced_lottery(m, (1, 0)), (1, 1)) is None}.")
    r.values.update(IS=a.IS, SEF=a.SEF, PO=a.PO,
                    gain_xprime=fullspace_gain(m, induced_lottery(m, (0, 1)))[0])
    return r


@example("sef/example-5", title="Example 5 (HZ vs Tickets)", source="Section 6")
def example_5() -> Report:
    m = EX5
    r = Report("Example 5: u1 = (1,0), u2 = u3 = (3,2), q = (1,1)", source="Section 6")
    h = (Q(9, 5), Q(6, 5))
    P = ((Q(5, 9), 0, Q(4, 9)), (Q(2, 9), Q(1, 2), Q(5, 18)), (Q(2, 9), Q(1, 2), Q(5, 18)))
    ok = verify_equilibrium(m, P, h)
    eus = expected_utilities(m, P)
    r.add(Table(["quantity", "recomputed", "paper"], [
        ["(P_HZ, h*) is an HZ equilibrium", str(ok is None), "yes"],
        ["EU under P_HZ", eus, "(5/9, 1 2/3, 1 2/3)"], ["total", sum(eus), "3 8/9"]]))
    eqs = equilibria_m2(m)
    r.add(f"Equilibrium prices on the exact candidate set: {sorted({e[0] for e in eqs})}.")
    t = Tickets(m)
    res = {_o(o): sorted(v) for o, v in t.outcomes_by_order().items()}
    r.add(Table(["order", "Tickets outcome(s)", "EU", "total"],
                [[o, ", ".join(labels(y) for y in v), eu(m, v[0]), sum(eu(m, v[0]))]
                 for o, v in res.items()]))
    r.add(f"No SEF exists: {analyse(m).sef is None}. Tickets beats HZ in total (4 > 35/9) but "
          f"not for agent 1 (1/2 < 5/9): the outcomes are not Pareto-comparable (S16).")
    r.values.update(hz_ok=ok is None, hz_total=sum(eus),
                    tickets_totals=sorted({sum(eu(m, y)) for v in res.values() for y in v}))
    return r


def ex6_game():
    """Example 6's game from the reconstructed preferences (ranks 5..1, else 0)."""
    n = 3
    table = []
    for i in range(n):
        rows = []
        for j in range(3):
            seq = []
            for k in range(1, n + 1):
                v = 0
                for rank, pair in zip((5, 4, 3, 2, 1), EX6_PREFS[i]):
                    if pair == (j, k):
                        v = rank
                seq.append(v)
            rows.append(seq)
        table.append(rows)
    return table_game(table, check=False)


@example("sef/example-6", title="Example 6 (Milchtaich; Tables 3, 4)", source="Section 7")
def example_6() -> Report:
    g = ex6_game()
    r = Report("Example 6: Milchtaich's game (reconstructed Table 3)", source="Section 7")
    r.add("The extracted 'Table 3' is a copy of Table 2; the preferences below are the note's "
          "reconstruction (rank 5 = best; unlisted = 0).")
    r.add(Table(["player", "5", "4", "3", "2", "1"],
                [[i + 1] + [f"(C{j + 1},{k})" for j, k in EX6_PREFS[i]] for i in range(3)]))
    bad = []
    for s, printed in sorted(EX6_TABLE4.items()):
        got = payoffs(g, s)
        if tuple(got) != printed:
            bad.append([labels(s), printed, got])
    r.add(Table(["profile", "Table 4 printed", "recomputed"], bad,
                caption="Cells of Table 4 inconsistent with the game (S5)"))
    cyc = [(1, 0, 0), (2, 0, 0), (2, 2, 0), (2, 2, 1), (1, 2, 1), (1, 0, 1)]
    br = best_reply_graph(g)
    is_cycle = all(br.has_edge(cyc[k], cyc[(k + 1) % 6]) for k in range(6))
    ne = nash_equilibria(g)
    sne = strong_nash_equilibria(g)
    leaves = Tickets(g).all_leaves()
    r.add(Table(["quantity", "recomputed"], [
        ["best-reply cycle s(0)..s(5) of the paper", str(is_cycle)],
        ["pure NE", ", ".join(f"{labels(s)} {payoffs(g, s)}" for s in ne)],
        ["strong NE", ", ".join(labels(s) for s in sne)],
        ["SEF NE", ", ".join(labels(s) for s in ne if is_sef_profile(g, s))],
        ["Tickets outcomes (all orders, all branches)", ", ".join(labels(s) for s in leaves)]]))
    r.values.update(cycle=is_cycle, ne=ne, sne=sne, tickets=sorted(leaves),
                    inconsistent=[row[0] for row in bad])
    return r


@example("sef/theorem-7-counterexamples", title="Theorem 7 / 11 counterexamples",
         source="Section 6, Theorem 7; note S1, C10b, C17")
def theorem_7_counterexamples() -> Report:
    r = Report("Theorem 7 / 11: SEF is not 'the unique HZ equilibrium'", source="Section 6")
    rows = []
    for name, m in [("note T7-a (n=3, u=(4,1))", T7A), ("smallest found: u=((0,1),(1,3))",
                                                        Market.of([[0, 1], [1, 3]], [1, 1]))]:
        x = analyse(m).sef
        P = induced_lottery(m, x)
        gain, better = fullspace_gain(m, P)
        rows.append([name, labels(x), eu(m, x), verify_equilibrium(m, P, sef_prices(m, x)),
                     gain, str(better), sd_gain(m, P)[0]])
    r.add(Table(["market", "SEF", "EU", "P(x*) as HZ equilibrium", "full-space LP gain",
                 "dominating assignment", "SD LP gain"], rows,
                caption="(a) undersubscribed SEF"))
    rows = []
    for name, m in [("note T7-b: u=((4,0),(6,0),(3,2))", T7B),
                    ("smallest found: u=((0,1),(0,1),(2,3))",
                     Market.of([[0, 1], [0, 1], [2, 3]], [1, 1]))]:
        x = analyse(m).sef
        for h, P in equilibria_m2(m):
            rows.append([name, labels(x), h, str(P), expected_utilities(m, P),
                         str(P == induced_lottery(m, x))])
    r.add(Table(["market", "SEF", "prices h", "equilibrium P", "EU", "P = P(x*)"], rows,
                caption="(b) weakly oversubscribed SEF, several HZ equilibria (exact candidate "
                        "search, each verified)"))
    h2 = (Q(1), Q(3), Q(0))
    P2 = clearing_lp(EX2, h2)
    x2 = analyse(EX2).sef
    found = sorted({h for h, _ in equilibria_float_search(EX2, starts=4, iters=150)})
    r.add(Table(["market", "prices h", "equilibrium P", "EU", "verified exactly"], [
        ["Example 2 (m=3), SEF prices", sef_prices(EX2, x2), str(induced_lottery(EX2, x2)),
         eu(EX2, x2), str(verify_equilibrium(EX2, induced_lottery(EX2, x2), sef_prices(EX2, x2))
                          is None)],
        ["Example 2 (m=3), second", h2, str(P2), expected_utilities(EX2, P2),
         str(verify_equilibrium(EX2, P2, h2) is None)]],
        caption="(c) the paper's own Example 2 has a second HZ equilibrium (float search, then "
                "exact verification); agent 1 gets 10/3 > 3, agents 2 and 3 get 1/3 < 1/2"))
    r.add(f"Equilibrium prices found for Example 2 by the float search (exactly verified): {found}")
    r.values.update(t7b_prices=sorted({row[2] for row in rows if row[0].startswith("note")}),
                    ex2_second=(h2, P2), ex2_second_ok=verify_equilibrium(EX2, P2, h2) is None,
                    ex2_found=found)
    return r


@example("sef/c3d-trace", title="Proof of Theorem 1: an incumbent gains (S7)",
         source="App. IX.B; note C3(d)")
def c3d_trace() -> Report:
    m = C3D
    rr = run(m, (0, 1, 2))
    r = Report("C3(d): q = (1,1,1), u1 = (5,4,1), u2 = (7,1,5), u3 = (4,1,7), order (1,2,3)",
               source="App. IX.B")
    ev = [f"{e[1] + 1}->C{e[2] + 1}" if e[0] == "enter" else f"out {e[1] + 1}" for e in rr.events]
    r.add("Events: " + ", ".join(ev))
    x2 = rr.steps[1][-1]
    e2 = {i: m.values[i][j][sum(1 for t in x2 if t == j)] for i, j in enumerate(x2) if j is not None}
    r.add(f"After step 2: {labels(x2)}, EU of agent 2 = {e2[1]}; after step 3: "
          f"{labels(rr.outcome)}, EU = {eu(m, rr.outcome)}: agent 2's EU rose from {e2[1]} to "
          f"{eu(m, rr.outcome)[1]}, so 'incumbents' EU is nonincreasing' is false.")
    r.values.update(before=e2[1], after=eu(m, rr.outcome)[1])
    return r


@example("sef/note-witnesses", title="The note's side-claim witnesses, re-checked",
         source="note C5, C6, C9, C11, C24, S11")
def note_witnesses() -> Report:
    from .errata import FMarket
    from .ttc import ttc_outcomes
    r = Report("The engineering note's witnesses, recomputed", source="note Sections 3-5")
    rows = []
    # C5: simultaneous best responses cycle in Example 1
    m = EX1
    both = [(1, 1) if all(m.values[i][1][1] > eu(m, (0, 0))[i] for i in range(2)) else None,
            (0, 0) if all(m.values[i][0][1] > eu(m, (1, 1))[i] for i in range(2)) else None]
    rows.append(["C5 simultaneous moves cycle (C1,C1) <-> (C2,C2) in Example 1",
                 str(both == [(1, 1), (0, 0)])])
    # C6
    rows.append(["C6 Example 2's x is IS but not CS", str(is_IS(EX2, (0, 1, 1, 2))
                                                         and not is_CS(EX2, (0, 1, 1, 2)))])
    a4 = analyse(EX4)
    rows.append(["C6 Example 4's x' is IS but not weakly PO",
                 str(is_IS(EX4, (0, 1)) and any(all(p > b for p, b in zip(a4.EU[y], a4.EU[(0, 1)]))
                                                for y in a4.X))])
    # C9: ties make Tickets-TTC select a dominated outcome
    m9 = Market.of([[8, 8, 2], [7, 6, 8], [5, 9, 5]], [1, 1, 2])
    a9 = analyse(m9)
    outs = set()
    for x in Tickets(m9).all_leaves():
        outs |= set(ttc_outcomes(m9, x))
    y = (1, 2, 2)
    rows.append(["C9 q=(1,1,2), u=((8,8,2),(7,6,8),(5,9,5)): Tickets-TTC can give (C2,C3,C3) "
                 "with EU (8,8,5), dominated by IS (C1,C3,C2) with EU (8,8,9)",
                 str(y in outs and a9.EU[y] == (8, 8, 5) and a9.EU[(0, 2, 1)] == (8, 8, 9)
                     and (0, 2, 1) in a9.IS)])
    mt = Market.of([[109, 810, 917], [482, 277, 521], [774, 79, 863], [205, 41, 163]], [1, 1, 2])
    xt = (1, 0, 2, 2)
    t = Tickets(mt)
    k = sum(1 for o in itertools.permutations(range(4)) if xt in t.leaves(o))
    rows.append(["C9 tie-free 4-agent market: Tickets outcome (C2,C1,C3,C3) from 2 of 24 "
                 "orders, EU (810,482,863,163), not CS (agents 2, 4 swap)",
                 str(k == 2 and eu(mt, xt) == (810, 482, 863, 163) and not is_CS(mt, xt)
                     and eu(mt, (1, 2, 2, 0)) == (810, 521, 863, 205))])
    # S11 / section 1.4: EF but not SEF with strict ordinal preferences
    ms = Market.of([[2, 1], [1, 0]], [1, 1])
    rows.append(["S11 u1=(2,1), u2=(1,0): (C1,C1) is EF but not SEF",
                 str(is_EF(ms, (0, 0)) and not is_SEF(ms, (0, 0)))])
    # C24: f(z) = 1/z breaks Theorem 3
    fm = FMarket(((Q(4), Q(3)), (Q(3), Q(4))), (1, 1), "1/z")
    rows.append(["C24 f(z)=1/z, u=((4,3),(3,4)): SEF (C1,C2) EU (4,4) dominated by (C1,C1) "
                 "EU (8,6)", str(is_SEF(fm, (0, 1)) and eu(fm, (0, 1)) == (4, 4)
                                 and eu(fm, (0, 0)) == (8, 6))])
    r.add(Table(["witness", "confirmed"], rows))
    r.values["confirmed"] = [row[1] == "True" for row in rows]
    return r
