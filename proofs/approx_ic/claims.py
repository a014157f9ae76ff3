"""Claims of Basu, "Optimal Mechanism Design with Approximate IC and Many Players".

Checked exactly on finite environments, settings and type sets (each statement names its domain).
Reference: P. Basu, "Optimal mechanism design with approximate incentive compatibility and many
players" (text in ``../shared/papers/approximate-ic.txt``); note
``../shared/notes/commons-and-approx-ic.md``, Part B. The paper has no numbers; the instances are
the note's (:mod:`.families`).

Main statements
---------------
- ``approx_ic/equation-5``: (5), BIR of ``(sigma*, q*)`` binds for every type.
- ``approx_ic/theorem-1-optimality``: revenue ``Q(sigma*, q*) = W*``, and ``W*`` bounds the revenue
  of every BIR mechanism (certified LP over randomised mechanisms): ``(sigma*, q*)`` is
  epsilon-optimal (Definition 3) for every ``epsilon >= epsilon*``.
- ``approx_ic/gain-identity`` (the note's identity G): the deviation gain is
  ``E[<pi(s_i, s_-i) - pi(t_i, s_-i), u_i(sigma*(t_i, s_-i))> | s_i]``; ``epsilon*`` from the
  epsilon-IC LP (certified) equals it.
- ``approx_ic/theorem-1``: for every epsilon of the grid some ``n0`` makes every environment with
  ``|N| > n0`` epsilon-BIC (and, with the two claims above, epsilon-optimal); the least ``n0`` is
  computed exactly, and every larger ``n`` is covered by a geometric tail bound (proved in
  :mod:`.bounds` from identity G, evaluated in exact rationals, checked against every exact value).
- ``approx_ic/theorem-1-without-condition-1``: the same conclusion without condition (1).
- ``approx_ic/remark-1-rate``: ``epsilon*(n) <= K beta^(n-1)``: ``O(log 1/epsilon)`` players suffice
  (the paper's ``O(1/epsilon^2)`` holds but is loose); 23 players against the proof's 92 for the
  note's invest instance at epsilon = 1/10.
- ``approx_ic/equation-4``, ``approx_ic/theorem-1-proof-bound``, ``approx_ic/theorem-1-proof-e``: the
  proof's ``n0`` of (4), its gain bound ``5 delta ||u||``, and ``e < 1``.
- ``approx_ic/condition-1-common-top`` (the note's lemma L0), ``approx_ic/remark-2-unique-maximiser``,
  ``approx_ic/remark-2-same-ordinal-corrected``, ``approx_ic/remark-2-disagreement``.
- ``approx_ic/cremer-mclean``: with convexly independent beliefs, exact BIC (epsilon = 0) already
  extracts ``W*`` (certified LPs).
- ``approx_ic/cremer-mclean-construction``: the same inside the paper's deterministic class: sigma*
  with Cremer-McLean surcharges q* + M z is exactly BIC, BIR and earns ``W*`` (Definitions 1-2
  evaluated on the joint law; the lotteries are the witness).
- ``approx_ic/remark-3-budget-balance``, ``approx_ic/example-single-object-payments``.

Errata (expected "refuted")
---------------------------
- ``approx_ic/example-single-object``: the paper's own single-object example violates condition
  (1); the exact tie weights are the witness (and the conclusion holds anyway,
  ``theorem-1-without-condition-1``).
- ``approx_ic/remark-2-same-ordinal``: "the same ordinal preference" satisfies (1) only when the
  common ranking has a strict top in every state.

Not checked (not finite statements): (3), the almost-sure convergence of posteriors (its exact
proxy is the tail bound); the continuity of ``e(.; w)`` (under (1) ``e`` is a maximum of
linear-fractional functions, attained at vertices: ``theorem-1-proof-e``); the contrast with
Myerson-Satterthwaite in the budget-balance remark (a different setting: independent private
values, ex-post budget balance).

The statements in this file (predicates, replays in :mod:`.replays`) are the trust basis; the LP
solver is apparatus: every LP result passes ``exact.lpcert`` and its certificate is kept.
"""

from __future__ import annotations

from exact import CertificateError, claim, fails, holds, vacuous
from exact.numbers import Q

from . import replays
from .beliefs import beliefs
from .bounds import tail_bound
from .condition import check_tie, common_strict_tops, decide
from .counts import worst_epsilon
from .domains import (ENVIRONMENTS, ENVIRONMENTS_2, OBJECT_EXAMPLES, PROOF_SETTINGS, SETTINGS,
                      TYPE_SETS, TYPE_SETS_2)
from .extraction import cm_mechanism, verify
from .families import object_types
from .gains import definition_epsilon, deviations, exact_gain, gain
from .lps import cm_independence, epsilon_ic_lp, revenue_lp
from .mechanism import (expected_welfare, first_best_welfare, interim_utility, revenue,
                        sigma_star, social_choice)
from .proof import e_constant, e_lp, e_vertex, equation_4, proof_threshold, sup_norm
from .thresholds import ic_threshold, log_threshold

_ENV_SCOPE = (" Checked on every small environment of the domain: 1-3 players; binary, skewed, "
              "three-signal, correlated (non-product) and three-state signals; match, invest, "
              "single-object and shared-top types in every composition; both tie rules.")


def _dev(d) -> str:
    return f"{d[0]}:{d[1]}->{d[2]}"


# --- Section 2 and the proof of Theorem 1 on small environments ----------------------------------

@claim("approx_ic/equation-5", domain=ENVIRONMENTS, invariant="players",
       source="Theorem 1, proof, equation (5)",
       statement="BIR of (sigma*, q*) binds: E[u_i(sigma*(s), w) | s_i] = E[q*_i(s) | s_i], i.e. "
                 "U_i(s_i | s_i) = 0 exactly, for every player and signal (Definition 2 from the "
                 "joint law)." + _ENV_SCOPE)
def equation_5(env):
    m = sigma_star(env)
    for i, k in enumerate(env.signals):
        for s in range(k):
            U = interim_utility(env, m, i, s, s)
            if U != 0:
                return fails(player=i, signal=s, interim_utility=U)
    return holds(types_checked=sum(env.signals))


@claim("approx_ic/gain-identity", domain=ENVIRONMENTS, invariant="players",
       replay=replays.gain_identity, source="Theorem 1, proof (the note's identity G)",
       statement="Every deviation gain of (sigma*, q*) from Definition 1 (computed from the joint "
                 "law) equals E[<pi(s_i, s_-i) - pi(t_i, s_-i), u_i(sigma*(t_i, s_-i))> | s_i], and "
                 "the least epsilon of the epsilon-IC LP over the mechanism (certified) is "
                 "max(0, max gain)." + _ENV_SCOPE)
def gain_identity(env):
    m = sigma_star(env)
    sigma = social_choice(env)
    out = {}
    for d in deviations(env):
        g_def, g_id = exact_gain(env, m, *d), gain(env, sigma, *d)
        if g_def != g_id:
            return fails(deviation=_dev(d), definition=g_def, identity=g_id)
        out[_dev(d)] = g_id
    eps = max([Q(0), *out.values()])
    res = epsilon_ic_lp(env, m)
    if res.status != "optimal" or res.value != eps:
        return fails(epsilon_identity=eps, lp_status=res.status, lp_value=res.value)
    return holds(certificate=res.certificate, epsilon=eps, gains=out)


@claim("approx_ic/theorem-1-optimality", domain=ENVIRONMENTS, invariant="players",
       replay=replays.theorem_1_optimality, source="Theorem 1, proof (last part); Definition 3",
       statement="Q(sigma*, q*) = E[sum_i u_i(sigma*)] = W*, and W* is the optimal revenue of the "
                 "LP over all BIR mechanisms with randomised allocations and free payments "
                 "(certified): so (sigma*, q*), which is BIR and epsilon*-BIC, is epsilon-optimal "
                 "for every epsilon >= epsilon*." + _ENV_SCOPE)
def theorem_1_optimality(env):
    W = first_best_welfare(env)
    m = sigma_star(env)
    rev = revenue(env, m)
    if rev != W:
        return fails(revenue=rev, first_best=W)
    res = revenue_lp(env, ic=False)
    if res.status != "optimal" or res.value != W:
        return fails(first_best=W, lp_status=res.status, lp_value=res.value)
    return holds(certificate=res.certificate, first_best=W, epsilon=definition_epsilon(env, m))


@claim("approx_ic/cremer-mclean", domain=ENVIRONMENTS_2, invariant="players",
       replay=replays.cremer_mclean, source="Theorem 1 (the note's point 4: epsilon plays no role)",
       statement="Where every player's beliefs P(s_-i | s_i) are convexly independent "
                 "(Cremer-McLean; certified by Farkas certificates), the best revenue of an exactly "
                 "BIC (epsilon = 0) and BIR mechanism with free payments is W* (certified LP), so "
                 "the optimal value R(E, epsilon) = W* for every epsilon >= 0. Vacuous where the "
                 "condition fails." + _ENV_SCOPE.replace("1-3 players", "2-3 players"))
def cremer_mclean(env):
    ok, certs, failure = cm_independence(env)
    if not ok:
        return vacuous(dependent_belief=failure)
    W = first_best_welfare(env)
    res = revenue_lp(env, eps=Q(0))
    if res.status != "optimal" or res.value != W:
        return fails(first_best=W, lp_status=res.status, lp_value=res.value)
    return holds(certificate=res.certificate, independence=list(certs), first_best=W)


@claim("approx_ic/cremer-mclean-construction", domain=ENVIRONMENTS_2, invariant="players",
       replay=replays.cremer_mclean_construction,
       source="Section 2, Definitions 1-3 (the paper's deterministic class; the note's B2.6)",
       statement="Where every player's beliefs are convexly independent (Cremer-McLean, decided by "
                 "exact LPs), the paper's own deterministic sigma* with payments q*_i + M_i z^i_t "
                 "(lotteries z with E[z_t | t] = 0 and E[z_t | s] >= 1, M_i the least scale) is "
                 "exactly BIC (every gain <= 0), BIR and earns W*, all computed from Definitions "
                 "1-2 on the joint law: within the paper's class epsilon plays no role in the "
                 "optimal revenue. The lotteries exist exactly where the beliefs are convexly "
                 "independent (checked both ways). Vacuous where the condition fails."
                 + _ENV_SCOPE.replace("1-3 players", "2-3 players"))
def cremer_mclean_construction(env):
    ok, _, failure = cm_independence(env)
    cm = cm_mechanism(env)
    if ok != (cm is not None):
        return fails(independent=ok, lotteries_exist=cm is not None)
    if not ok:
        return vacuous(dependent_belief=failure)
    good, data = verify(env, cm.lotteries, cm.scales)
    return holds(**data) if good else fails(**data)


@claim("approx_ic/remark-3-budget-balance", domain=ENVIRONMENTS, invariant="players",
       source="Section 2, remark after Theorem 1 (epsilon-budget balance)",
       statement="Expected payments equal expected welfare: Q(sigma*, q*) = E[sum_i u_i(sigma*(s), "
                 "w)] = W*, so |E[sum_i q*_i]| <= epsilon exactly when |W*| <= epsilon." + _ENV_SCOPE)
def remark_3_budget_balance(env):
    m = sigma_star(env)
    rev, wel, W = revenue(env, m), expected_welfare(env, m), first_best_welfare(env)
    if not rev == wel == W:
        return fails(revenue=rev, welfare=wel, first_best=W)
    return holds(revenue=rev)


@claim("approx_ic/example-single-object-payments", domain=ENVIRONMENTS, invariant="players",
       source="Section 2, single-object example",
       statement="In the single-object example (alternative k gives the object to group k) a player "
                 "whose group does not get the object pays 0, and one whose group gets it pays "
                 "her posterior expected value of the object. Vacuous for other type sets."
                 + _ENV_SCOPE)
def example_single_object_payments(env):
    A, W = env.alternatives, env.states
    groups = []
    for u in env.utilities:
        g = [a for a in range(A) if any(u[a])]
        if len(g) != 1 or not all(x > 0 for x in u[g[0]]):
            return vacuous(reason="a type is not 'positive value for one group's object'")
        groups.append(g[0])
    if len({(u, g) for u, g in zip(env.utilities, groups)}) != len(set(groups)):
        return vacuous(reason="two types share an alternative")
    m = sigma_star(env)
    post = beliefs(env).posterior
    for k in range(len(env.profiles)):
        a = m.allocation[k].index(Q(1))
        for i, g in enumerate(groups):
            expect = (sum((post[k][w] * env.utilities[i][g][w] for w in range(W)), Q(0))
                      if a == g else Q(0))
            if m.payments[k][i] != expect:
                return fails(profile=list(env.profiles[k]), player=i, winner=a,
                             payment=m.payments[k][i], expected=expect)
    return holds(groups=groups)


# --- Theorem 1 on its settings ---------------------------------------------------------------------

def _theorem_1(inst, need_condition_1: bool):
    st, eps = inst
    d = decide(st.types)
    if need_condition_1 and not d.holds:
        return vacuous(condition_1=False, state=d.state, pair=d.pair, tie=d.tie)
    r = ic_threshold(st, eps)
    if r.violation is not None:
        n, w, bound, comp = r.violation
        return fails(n=n, epsilon_star=w, bound=bound, composition=comp)
    last = r.worst[r.players - 2] if r.players > 1 else None
    data = {"players": r.players, "n0": r.n0, "bound_takes_over": r.n1,
            "epsilon_star_at_n0": None if last is None else last[0],
            "worst_composition_at_n0": None if last is None else last[1],
            "condition_1": d.holds}
    if d.holds:
        data["condition_1_certificates"] = list(d.certificates)
    else:
        data["tie"] = {"state": d.state, "pair": d.pair, "weights": d.tie}
    return holds(**data)


_THM_SCOPE = (" Settings: binary signals (accuracy 2/3) with match, invest, single-object (each "
              "with both tie rules) and shared-top types; skewed invest; three-signal invest; "
              "three-state guess; at epsilon in {1/2, 1/10} (1/100 with --size 3). For every n <= n1 every "
              "composition is computed exactly (and compared with B(n)); for n >= n1 the bound "
              "B(n) <= epsilon of proofs/approx_ic/bounds.py applies (proved there from identity G "
              "and the Bhattacharyya coefficient, for every composition and selection; square "
              "roots rounded up to exact rationals).")


@claim("approx_ic/theorem-1", domain=SETTINGS, source="Section 2, Theorem 1 (epsilon-BIC part)",
       replay=replays.theorem_1,
       statement="Under condition (1), for each epsilon there is n0 such that (sigma*, q*) is "
                 "epsilon-BIC in every environment with |N| > n0 players of types in U (BIR and "
                 "optimality: approx_ic/equation-5, approx_ic/theorem-1-optimality); the least such "
                 "n0 is computed. Vacuous on settings violating (1) (decided by exact LPs)."
                 + _THM_SCOPE)
def theorem_1(inst):
    return _theorem_1(inst, True)


@claim("approx_ic/theorem-1-without-condition-1", domain=SETTINGS,
       source="Section 2, Theorem 1; condition (1) (the note's point 3)",
       replay=replays.theorem_1,
       statement="Theorem 1's conclusion holds without condition (1): on every setting, including "
                 "the single-object example that violates (1) and for every split of the players "
                 "into groups (only |N| matters), some n0 makes every environment with |N| > n0 "
                 "epsilon-BIC; the least n0 is computed." + _THM_SCOPE)
def theorem_1_without_condition_1(inst):
    return _theorem_1(inst, False)


@claim("approx_ic/remark-1-rate", domain=SETTINGS, source="Section 2, first remark after Theorem 1",
       statement="The threshold grows like log(1/epsilon): epsilon*(n) <= K beta^(n-1) with "
                 "beta = max Bhattacharyya coefficient < 1 for every composition, so every "
                 "environment with at least 1 + ceil(log(K/epsilon)/log(1/beta)) players is "
                 "epsilon-BIC (checked: beta < 1, the exact threshold <= n1 <= that explicit "
                 "majorant), so the paper's n0 = O(1/epsilon^2) is a loose upper bound. Where the "
                 "proof's n0 is computed (single type, two signals) it is reported beside the "
                 "exact one."
                 + _THM_SCOPE)
def remark_1_rate(inst):
    st, eps = inst
    b = tail_bound(st)
    if not b.ratio < 1:
        return fails(beta=b.ratio)
    r = ic_threshold(st, eps)
    if r.violation is not None:
        n, w, bound, comp = r.violation
        return fails(n=n, epsilon_star=w, bound=bound, composition=comp)
    explicit = log_threshold(st, eps)
    if not r.players <= r.n1 <= explicit:
        return fails(players=r.players, n1=r.n1, explicit=explicit)
    data = {"players": r.players, "bound_takes_over": r.n1, "explicit_log_bound": explicit,
            "beta_upper": b.ratio}
    if len(st.types) == 1 and st.signals == 2 and common_strict_tops(st.types) is not None:
        data["proof_players"] = proof_threshold(st, eps).players
    return holds(**data)


# --- the proof's constants ---------------------------------------------------------------------

_PROOF_SCOPE = (" Settings: binary signals (accuracy 2/3) with match, and with invest under both "
                "tie rules; skewed invest; epsilon in {1/2, 1/10} (1/100 with --size 3); delta = 99/100 "
                "epsilon / (5 max ||u||_inf), norms ||.||_1 on beliefs and ||.||_inf on utilities.")


@claim("approx_ic/equation-4", domain=PROOF_SETTINGS, source="Theorem 1, proof, equation (4)",
       statement="There is n0 such that nu^n(P^n_w cap T^n | w) >= 1 - delta for every n >= n0 "
                 "and every state: every n below a Markov-inequality tail n2 is decided exactly, "
                 "and (4) is re-checked exactly on n2..n2+4; e < 1 and 5 delta ||u|| < epsilon."
                 + _PROOF_SCOPE)
def equation_4_claim(inst):
    st, eps = inst
    pt = proof_threshold(st, eps)
    if not pt.e < 1:
        return fails(e=pt.e)
    if not 5 * pt.delta * sup_norm(st) < eps:
        return fails(delta=pt.delta, sup_norm=sup_norm(st))
    for n in range(pt.n2, pt.n2 + 5):
        ok, mass = equation_4(st, pt.e, pt.delta, n)
        if not ok:
            return fails(n=n, mass=mass, tail_start=pt.n2)
    return holds(n0=pt.n0, proof_players=pt.players, e=pt.e, delta=pt.delta,
                 failures=list(pt.failures), tail_start=pt.n2)


@claim("approx_ic/theorem-1-proof-bound", domain=PROOF_SETTINGS,
       source="Theorem 1, proof (the bound delta ||u|| + 4 delta ||u||)",
       statement="Wherever (4) holds for n other players, every deviation gain with n + 1 "
                 "players is at most 5 delta max ||u(a, .)||_inf < epsilon: exactly at every n below "
                 "the tail n2 of approx_ic/equation-4 (and up to where the certified bound of "
                 "proofs/approx_ic/bounds.py falls under 5 delta ||u||), by that bound beyond." + _PROOF_SCOPE)
def theorem_1_proof_bound(inst):
    st, eps = inst
    pt = proof_threshold(st, eps)
    cap = 5 * pt.delta * sup_norm(st)
    beyond = tail_bound(st).threshold(cap)         # B(n) <= cap for every n >= beyond
    computed = 0
    for n in [*pt.holds_at, *range(pt.n2, beyond - 1)]:     # (4) holds at all n >= n2
        w, comp = worst_epsilon(st, n + 1)
        computed += 1
        if w > cap:
            return fails(others=n, epsilon_star=w, bound=cap, composition=comp)
    return holds(bound=cap, computed=computed, bound_takes_over=beyond)


# --- condition (1) and the remarks on it ----------------------------------------------------------

_TYPES_SCOPE = (" Checked on every set of 1 or 2 distinct types (3 with --size 3) from one of the "
                "pools u: A x Omega -> {0,1} (|A| = |Omega| = 2), u: A -> {0,1,2} (|A| = 3, one "
                "state), u: A x Omega -> {0,1,2} with strict top a_w = w (|A| = |Omega| = 2).")


def _rankings(u) -> tuple:
    """Per state, the weak ranking of the alternatives as a sign pattern."""
    A, W = len(u), len(u[0])
    return tuple(tuple((u[a][w] > u[b][w]) - (u[a][w] < u[b][w]) for a in range(A)
                       for b in range(A)) for w in range(W))


@claim("approx_ic/condition-1-common-top", domain=TYPE_SETS, replay=replays.condition_1,
       source="Theorem 1, condition (1) (the note's lemma L0)",
       statement="Condition (1), decided by exact LPs (a tie weight lambda, or Farkas certificates "
                 "for every state and pair), holds exactly when every state has an alternative "
                 "that is the strict maximiser of every type." + _TYPES_SCOPE)
def condition_1_common_top(types):
    d = decide(types)
    tops = common_strict_tops(types)
    if d.holds != (tops is not None):
        return fails(lp_decision=d.holds, common_tops=tops, tie=d.tie)
    if not d.holds:
        if not check_tie(types, d.state, d.pair[0], d.pair[1], d.tie):
            return fails(reason="the LP tie point is not a tie", tie=d.tie)
        return holds(condition_1=False, state=d.state, pair=d.pair, tie=d.tie)
    return holds(condition_1=True, tops=tops, certificates=list(d.certificates))


@claim("approx_ic/remark-2-unique-maximiser", domain=TYPE_SETS,
       source="Section 2, second remark after Theorem 1",
       statement="Condition (1) (exact LPs) implies that every type in U has a unique maximiser in "
                 "every state. Vacuous where (1) fails." + _TYPES_SCOPE)
def remark_2_unique_maximiser(types):
    if not decide(types).holds:
        return vacuous(condition_1=False)
    for k, u in enumerate(types):
        for w in range(len(u[0])):
            col = [row[w] for row in u]
            if col.count(max(col)) != 1:
                return fails(type=k, state=w)
    return holds()


def _same_ordinal(types, strict: bool):
    ranks = {_rankings(u) for u in types}
    if len(ranks) != 1:
        return vacuous(reason="the types rank the alternatives differently")
    A = len(types[0])
    if strict and any(r[a * A + b] == 0 for r in next(iter(ranks))
                      for a in range(A) for b in range(A) if a != b):
        return vacuous(reason="the common ranking has ties")
    d = decide(types)
    if not d.holds:
        return fails(state=d.state, pair=d.pair, tie=d.tie)
    return holds()


@claim("approx_ic/remark-2-same-ordinal", domain=TYPE_SETS,
       source="Section 2, second remark after Theorem 1",
       erratum="'The same ordinal preference' satisfies (1) only if that preference has a strict "
               "top in every state: a type indifferent between its two best alternatives violates "
               "(1) already at lambda = delta_u (minimal witness: one type, two alternatives, "
               "indifferent in state 0). Corrected: approx_ic/remark-2-same-ordinal-corrected.",
       statement="If all types share the same (weak) ordinal ranking of the alternatives in every "
                 "state, condition (1) holds." + _TYPES_SCOPE)
def remark_2_same_ordinal(types):
    return _same_ordinal(types, strict=False)


@claim("approx_ic/remark-2-same-ordinal-corrected", domain=TYPE_SETS,
       source="Section 2, second remark after Theorem 1 (corrected)",
       statement="If all types share the same strict ranking of the alternatives in every state, "
                 "condition (1) holds (exact LPs)." + _TYPES_SCOPE)
def remark_2_same_ordinal_corrected(types):
    return _same_ordinal(types, strict=True)


@claim("approx_ic/remark-2-disagreement", domain=TYPE_SETS_2,
       source="Section 2, second remark after Theorem 1",
       statement="Types may rank the alternatives differently and yet satisfy condition (1) "
                 "(instances meeting the hypothesis exist), but only below the top: whenever "
                 "(1) holds, all types have the same strict maximiser in each state. Hypothesis: "
                 "the rankings differ and (1) holds (exact LPs)."
                 + _TYPES_SCOPE.replace("1 or 2 distinct types", "2 distinct types"))
def remark_2_disagreement(types):
    if len({_rankings(u) for u in types}) == 1:
        return vacuous(reason="the types rank alike")
    if not decide(types).holds:
        return vacuous(condition_1=False)
    A, W = len(types[0]), len(types[0][0])
    tops = set()
    for u in types:
        tops.add(tuple(max(range(A), key=lambda a: u[a][w]) for w in range(W)))
    if len(tops) != 1:
        return fails(tops=sorted(tops))
    return holds(tops=next(iter(tops)))


@claim("approx_ic/theorem-1-proof-e", domain=TYPE_SETS, source="Theorem 1, proof (e < 1)",
       statement="Under condition (1), e = max_w max_lambda e(lambda; w) < 1, and e is attained at "
                 "a vertex lambda = delta_u: the exact LP value of e(lambda; w) on the grid "
                 "lambda in Delta(U) with denominator 4 never exceeds the vertex formula and meets "
                 "it at the vertices. Vacuous where (1) fails." + _TYPES_SCOPE)
def theorem_1_proof_e(types):
    if not decide(types).holds:
        return vacuous(condition_1=False)
    tops = common_strict_tops(types)
    if tops is None:
        return fails(reason="(1) holds by the LPs but no common strict top (lemma L0 broken)")
    e = e_constant(types)
    if not e < 1:
        return fails(e=e)
    K = len(types)
    seen = Q(0)
    for lam in _simplex_grid(K, 4):
        for w in range(len(tops)):
            val = e_lp(types, lam, w, tops)
            if val > e:
                return fails(lam=lam, state=w, e_lp=val, e=e)
            if lam.count(Q(1)) == 1:
                u = types[lam.index(Q(1))]
                if val != e_vertex(u, tops, w):
                    return fails(lam=lam, state=w, e_lp=val, e_vertex=e_vertex(u, tops, w))
            seen = max(seen, val)
    if seen != e:
        return fails(e=e, grid_max=seen)
    return holds(e=e)


def _simplex_grid(K: int, D: int):
    def rec(k, left):
        if k == 1:
            yield (left,)
            return
        for x in range(left, -1, -1):
            for rest in rec(k - 1, left - x):
                yield (x,) + rest
    for pt in rec(K, D):
        yield tuple(Q(x, D) for x in pt)


# --- the paper's single-object example ------------------------------------------------------------

@claim("approx_ic/example-single-object", domain=OBJECT_EXAMPLES,
       source="Section 2, single-object example after Theorem 1",
       erratum="The paper offers the single-object example as an application of Theorem 1, but it "
               "violates condition (1): with positive values some lambda makes giving the object "
               "to group 1 or group 2 equally good (the note's v_1 = (1, 2), v_2 = (3/2, 1/2) tie "
               "at lambda = (3/5, 2/5) in state 0). The conclusion still holds: "
               "approx_ic/theorem-1-without-condition-1.",
       statement="The single-object example (A = U, u_k(a, w) = v_k(w) 1[a = k]) satisfies "
                 "condition (1). Checked for 2 groups (3 with --size 3) and values v_k(w) in "
                 "{1, 2, 3}, two states.")
def example_single_object(values):
    types = object_types(values)
    d = decide(types)
    if d.holds:
        return holds(certificates=list(d.certificates))
    if not check_tie(types, d.state, d.pair[0], d.pair[1], d.tie):
        raise CertificateError(f"the LP's tie point {d.tie} is not an exact tie")
    vals = [sum((x * u[a][d.state] for x, u in zip(d.tie, types)), Q(0))
            for a in range(len(types))]
    return fails(state=d.state, alternatives=d.pair, weights=d.tie, mixture_welfare=vals)

