"""Worked examples, recomputed exactly (``exact example approx_ic/...``).

The paper has no numbers: its examples are the single-object assignment and the budget-balance
remark; the tables of the note (``../shared/notes/commons-and-approx-ic.md``, B.4) are
reproduced here from the model's code, and where a value differs from the note the report says
so.

- ``approx_ic/base-instance``: epsilon*(n) and W*(n) for the match and invest types with binary
  signals (note B4-T1), the fully worked n = 2 invest instance (B4-T1b), the geometric ratio;
  ``--plot`` draws epsilon*(n) against n with the certified bound.
- ``approx_ic/threshold``: players needed for epsilon-BIC: exact, certified bound, and the
  proof's n0 (note B4-T6: 23 against 92 at epsilon = 1/10).
- ``approx_ic/optimal-revenue``: the certified revenue LPs R(n, epsilon), free and bounded
  payments, hat-epsilon (note B4-T2, B4-T3); the Cremer-McLean surcharges that make the paper's
  deterministic sigma* exactly BIC at revenue W* (note B4-T2).
- ``approx_ic/three-signals``: Cremer-McLean fails, full extraction still holds (note B4-T4).
- ``approx_ic/single-object``: the paper's single-object example: condition (1) fails (exact
  tie), epsilon* by group sizes, the threshold over every split (note B4-T5).
"""

from __future__ import annotations

from exact.numbers import Q
from exact.report import Report, Table, example

from .beliefs import beliefs
from .bounds import tail_bound
from .condition import decide
from .counts import epsilon_star, welfare
from .extraction import cm_mechanism, cm_payments
from .families import BINARY, INVEST, MATCH, OBJECT_1, OBJECT_2, THREE_SIGNALS
from .gains import exact_gain, gains
from .lps import cm_independence, full_extraction_epsilon, revenue_lp
from .mechanism import first_best_welfare, revenue, sigma_star
from .proof import proof_threshold
from .thresholds import ic_threshold

__all__ = ["base_instance", "threshold", "optimal_revenue", "three_signals", "single_object",
           "sci"]


def sci(x, digits: int = 4) -> str:
    """``x`` (exact, >= 0) in scientific notation with ``digits`` significant digits, rounded
    exactly (display only)."""
    x = Q(x)
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    x = abs(x)
    k = 0
    while Q(10) ** k > x:
        k -= 1
    while Q(10) ** (k + 1) <= x:
        k += 1
    r = int((x / Q(10) ** k * 10 ** (digits - 1) + Q(1, 2)).floor())      # round half up
    if r >= 10 ** digits:
        r //= 10
        k += 1
    s = str(r)
    return f"{sign}{s[0]}.{s[1:]}e{k}"


def _setting(types, tie="first"):
    return BINARY.with_types(types, tie)


@example("approx_ic/base-instance", title="epsilon*(n) and W*(n), binary signals",
         source="Theorem 1 (note B4-T1, B4-T1b)")
def base_instance() -> Report:
    r = Report("epsilon*(n) and W*(n): binary signals, match and invest types",
               source="Theorem 1; the note's tables B4-T1 and B4-T1b (the paper has no numbers)")
    r.add("Omega = {0, 1}, pi_0 = (1/2, 1/2), X = {L, H}, nu(H | 1) = nu(L | 0) = 2/3. match: "
          "u(a_w, w) = 1, else 0. invest: u(a_0, .) = 0, u(a_1, 0) = -1, u(a_1, 1) = 2. Ties go "
          "to the first alternative. epsilon*(n) = max(0, max gain) is the least epsilon for "
          "which (sigma*, q*) is epsilon-BIC (identity G, by signal counts).")
    match, invest = _setting((MATCH,)), _setting((INVEST,))
    rows = [[n, epsilon_star(match, (n,)), welfare(match, (n,)), epsilon_star(invest, (n,)),
             welfare(invest, (n,))] for n in range(1, 9)]
    r.add(Table(["n", "match epsilon*", "match W*", "invest epsilon*", "invest W*"], rows,
                caption="Exact values (the note's table B4-T1)"))
    horizon = (10, 20, 30, 50, 100, 150, 200)
    r.add(Table(["n"] + [str(n) for n in horizon],
                [["match"] + [sci(epsilon_star(match, (n,))) for n in horizon],
                 ["invest"] + [sci(epsilon_star(invest, (n,))) for n in horizon]],
                caption="Longer horizon (exact values, printed in scientific notation)"))
    ratio_m = epsilon_star(match, (200,)) / epsilon_star(match, (198,))
    ratio_i = epsilon_star(invest, (202,)) / epsilon_star(invest, (200,))
    odd = [n for n in range(1, 102, 2) if epsilon_star(match, (n,)) == 0]
    r.add(f"Geometric decay: epsilon*(n+2)/epsilon*(n) = {sci(ratio_m)} (match, n = 198) and "
          f"{sci(ratio_i)} (invest, n = 200), tending to BC^2 = 8/9 = {sci(Q(8, 9))} where BC = "
          f"sum_x sqrt(nu(x|0) nu(x|1)) = 2 sqrt(2)/3. Match is exactly BIC (epsilon* = 0) at "
          f"{len(odd)} of the 51 odd n <= 101.")
    env = invest.environment([2])
    b = beliefs(env)
    m = sigma_star(env)
    names = ["LL", "LH", "HL", "HH"]
    r.add(Table(["profile", "P(s)", "pi(s)(1)", "sigma*", "q*_i"],
                [[names[k], b.marginal[k], b.posterior[k][1], f"a_{m.allocation[k].index(Q(1))}",
                  m.payments[k][0]] for k in range(4)],
                caption="The worked n = 2 invest instance (B4-T1b)"))
    g = gains(env)
    r.add(Table(["deviation", "gain (identity G = Definition 1)"],
                [["H reports L", g[(0, 1, 0)]], ["L reports H", g[(0, 0, 1)]]]))
    r.add(f"W* = {first_best_welfare(env)} = revenue of (sigma*, q*); epsilon*(2) = "
          f"{max(Q(0), *g.values())}.")
    r.values.update({"match_epsilon": [row[1] for row in rows],
                     "invest_epsilon": [row[3] for row in rows],
                     "match_welfare": [row[2] for row in rows],
                     "invest_welfare": [row[4] for row in rows],
                     "ratio_invest_200": ratio_i, "match_exact_odd": len(odd), "gain_H_to_L": g[(0, 1, 0)],
                     "gain_L_to_H": g[(0, 0, 1)]})

    def plot(ax):
        from .plots import draw_epsilon_curve
        N = 120
        series = {"invest": [(n, epsilon_star(invest, (n,))) for n in range(1, N + 1)],
                  "match": [(n, epsilon_star(match, (n,))) for n in range(1, N + 1)]}
        tb = tail_bound(invest)
        eps = Q(1, 10)
        thr = {"invest, exact": ic_threshold(invest, eps).players,
               "invest, proof's n0 + 1": proof_threshold(invest, eps).players}
        draw_epsilon_curve(ax, series, [(n, tb.at(n)) for n in range(1, N + 1)], eps, thr,
                           title="Binary signals (accuracy 2/3): exact epsilon*(n), n <= 120")
    r.plot = plot
    return r


@example("approx_ic/threshold", title="Players needed: exact, bound, proof",
         source="Theorem 1 and its first remark (note B4-T6)")
def threshold() -> Report:
    r = Report("How many players make (sigma*, q*) epsilon-BIC", source="Theorem 1, proof and "
               "first remark (the note's B4-T6)")
    r.add("'exact' is the least N such that every environment with at least N players is "
          "epsilon-BIC (exact epsilon* below the certified bound's point n1, the bound beyond); "
          "'proof' is n0 + 1 for the proof's n0 of (4), with e, delta = 99/100 epsilon / "
          "(5 max ||u||) and ||.||_1 on beliefs; both are exact and valid for every larger N.")
    rows = []
    for name, types in (("invest", (INVEST,)), ("match", (MATCH,))):
        st = _setting(types)
        for eps in (Q(1, 2), Q(1, 10), Q(1, 100), Q(1, 1000)):
            t = ic_threshold(st, eps)
            p = proof_threshold(st, eps)
            rows.append([name, eps, t.players, t.n1, p.players, p.e, p.delta])
    r.add(Table(["types", "epsilon", "exact players", "bound n1", "proof players", "e", "delta"],
                rows))
    inv = {row[1]: row for row in rows if row[0] == "invest"}
    head = inv[Q(1, 10)]
    r.add(f"At epsilon = 1/10 (invest): {head[2]} players suffice exactly, the proof needs "
          f"{head[4]}. Each factor 10 in epsilon adds about the same number of players "
          f"(O(log 1/epsilon), not O(1/epsilon^2)): exact "
          f"{[inv[e][2] for e in sorted(inv, reverse=True)]}, proof "
          f"{[inv[e][4] for e in sorted(inv, reverse=True)]}.")
    pt = proof_threshold(_setting((INVEST,)), Q(1, 10))
    r.add(f"The proof's (4) at epsilon = 1/10 (invest) fails for n = {list(pt.failures[-4:])} "
          f"other players and holds from {pt.n0} on (exactly below {pt.n2}, by Markov's "
          f"inequality beyond).")
    r.values.update({"exact_players_invest_tenth": head[2], "proof_players_invest_tenth": head[4],
                     "rows": rows})
    return r


@example("approx_ic/optimal-revenue", title="Certified optimal revenue R(n, epsilon)",
         source="Definition 3 and Theorem 1 (note B4-T2, B4-T3)")
def optimal_revenue() -> Report:
    r = Report("Optimal revenue over epsilon-BIC, BIR mechanisms (certified exact LPs)",
               source="Definition 3; the note's B4-T2 and B4-T3")
    r.add("Invest with binary signals; LPs over every mechanism with randomised allocations, "
          "full signal profiles. Free payments: exact BIC already extracts W* (Cremer-McLean "
          "holds). Payments in [0, 2]: epsilon matters; hat-epsilon is the least epsilon at "
          "which some BIR mechanism earns W*.")
    st = _setting((INVEST,))
    rows = []
    for n in range(1, 5):
        env = st.environment([n])
        W = first_best_welfare(env)
        free = revenue_lp(env, eps=Q(0)).value
        bounded = revenue_lp(env, eps=Q(0), payments=(Q(0), Q(2))).value
        hat = full_extraction_epsilon(env, payments=(Q(0), Q(2))).value
        rows.append([n, W, free, bounded, hat, epsilon_star(st, (n,)),
                     "yes" if cm_independence(env)[0] else "no"])
    r.add(Table(["n", "W*", "R(n, 0) free", "R(n, 0) in [0, 2]", "hat-epsilon", "epsilon*",
                 "CM holds"], rows))
    env = st.environment([2])
    curve = [[e, revenue_lp(env, eps=e, payments=(Q(0), Q(2))).value,
              min(Q(11, 9), Q(7, 9) + Q(8, 9) * e)] for e in (Q(0), Q(1, 8), Q(1, 4), Q(3, 8),
                                                           Q(1, 2), Q(5, 8))]
    r.add(Table(["epsilon", "R(2, epsilon) certified", "note: min(11/9, 7/9 + 8/9 epsilon)"],
                curve, caption="The note's parametric curve for n = 2, payments in [0, 2]"))
    cm = cm_mechanism(env)
    base = sigma_star(env)
    names = "LH"
    pay = [[names[p[0]] + names[p[1]], f"a_{base.allocation[k].index(Q(1))}", base.payments[k][0],
            cm.lotteries[0][p[0]][p[1]], cm.mechanism.payments[k][0]]
           for k, p in enumerate(env.profiles)]
    r.add(Table(["profile", "sigma*", "q*_1", "z_{s_1}(s_2)", "q*_1 + M z"], pay,
                caption=f"Free payments, n = 2: the paper's deterministic sigma* with "
                        f"Cremer-McLean surcharges (least scale M = {cm.scales[0]}; the note's "
                        "lotteries B4-T2)"))
    dev = []
    for M in (cm.scales[0], Q(10)):
        mech = cm_payments(env, cm.lotteries, (M, M))
        dev.append([M, exact_gain(env, mech, 0, 1, 0), exact_gain(env, mech, 0, 0, 1),
                    revenue(env, mech)])
    r.add(Table(["M", "gain H -> L", "gain L -> H", "revenue"], dev,
                caption="Definition 1 gains: exactly BIC, revenue W* = 11/9 (M = 10 is the note's "
                        "choice: gains -19/2, -109/10)"))
    r.values.update({"rows": rows, "curve": curve, "cm_scale": cm.scales[0],
                     "cm_lotteries": cm.lotteries[0], "cm_gains": dev})
    return r


@example("approx_ic/three-signals", title="Three signals: Cremer-McLean fails, extraction holds",
         source="Theorem 1 (note B4-T4)")
def three_signals() -> Report:
    r = Report("Three signals: the middle signal's belief is the average of the others",
               source="The note's B4-T4")
    r.add("nu(. | 1) = (1/6, 1/3, 1/2), nu(. | 0) = (1/2, 1/3, 1/6); posteriors on state 1: "
          "1/4, 1/2, 3/4, so P(. | M) = (P(. | L) + P(. | H)) / 2 and Cremer-McLean fails.")
    rows = []
    for n in range(1, 6):
        row = [n]
        for types in ((MATCH,), (INVEST,)):
            st = THREE_SIGNALS.with_types(types)
            row += [welfare(st, (n,)), epsilon_star(st, (n,))]
        rows.append(row)
    r.add(Table(["n", "match W*", "match epsilon*", "invest W*", "invest epsilon*"], rows))
    lp_rows = []
    for n in (1, 2, 3):
        for name, types in (("match", (MATCH,)), ("invest", (INVEST,))):
            env = THREE_SIGNALS.with_types(types).environment([n])
            ok, _, failure = cm_independence(env)
            lp_rows.append([n, name, revenue_lp(env, eps=Q(0)).value, first_best_welfare(env),
                            "holds" if ok else f"fails at signal {failure[1]}"])
    r.add(Table(["n", "types", "R(n, 0) free payments (certified)", "W*", "Cremer-McLean"],
                lp_rows, caption="Cremer-McLean is sufficient, not necessary, for full extraction"))
    r.values.update({"rows": rows, "lp_rows": lp_rows})
    return r


@example("approx_ic/single-object", title="The paper's single-object example",
         source="Section 2, example after Theorem 1 (note B4-T5)")
def single_object() -> Report:
    r = Report("Single-object assignment: condition (1) fails, the conclusion holds",
               source="Section 2, the example after Theorem 1; the note's B4-T5")
    types = (OBJECT_1, OBJECT_2)
    d = decide(types)
    st = _setting(types)
    r.add("A = U = {group 1, group 2}; u_k(a, w) = v_k(w) 1[a = k] with v_1 = (1, 2), v_2 = "
          "(3/2, 1/2); binary signals as in the base instance.")
    r.add(f"Condition (1) fails (exact LP): lambda = ({', '.join(map(str, d.tie))}) ties "
          f"alternatives {d.pair[0] + 1} and {d.pair[1] + 1} in state {d.state}: "
          f"{d.tie[0]} * {OBJECT_1[0][d.state]} = {d.tie[1]} * {OBJECT_2[1][d.state]}.")
    sizes = [(1, 1), (2, 1), (2, 2), (3, 2), (3, 3), (4, 3), (4, 4), (7, 1)]
    r.add(Table(["(n_1, n_2)"] + [f"({a},{b})" for a, b in sizes],
                [["epsilon*"] + [epsilon_star(st, c) for c in sizes]],
                caption="epsilon* by group sizes (the note's B4-T5)"))
    unbalanced = [[n, epsilon_star(st, (n, 1))] for n in (1, 5, 10, 20, 40)]
    r.add(Table(["n_1 (n_2 = 1)", "epsilon* (exact, shown rounded)"],
                [[n, sci(e)] for n, e in unbalanced],
                caption="One group large relative to the other (the paper's remark)"))
    t = ic_threshold(st, Q(1, 10))
    w, comp = t.worst[t.players - 2]
    r.add(f"Over every split of the players into the two groups, {t.players} players make "
          f"(sigma*, q*) 1/10-BIC (the worst split below: {comp} with epsilon* = {w}); the "
          f"certified bound covers every n >= {t.n1}.")
    env = st.environment([1, 1])
    m = sigma_star(env)
    r.add(Table(["profile", "winner", "q*_1", "q*_2"],
                [[str(env.profiles[k]), f"group {m.allocation[k].index(Q(1)) + 1}",
                  m.payments[k][0], m.payments[k][1]] for k in range(len(env.profiles))],
                caption="Payments with one player per group: non-winners pay 0"))
    r.values.update({"tie": d.tie, "state": d.state, "players_tenth": t.players,
                     "epsilon": [epsilon_star(st, c) for c in sizes],
                     "unbalanced": [e for _, e in unbalanced]})
    return r
