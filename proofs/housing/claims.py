"""Claims of Caspari's multi-category housing paper, checked exhaustively at small sizes.

G. Caspari, "A market design solution for multi-category housing allocation problems",
Journal of Mechanism and Institution Design 8(1) (2023) 75-96.
https://doi.org/10.22574/jmid.2023.12.003

Main statements
---------------
* ``housing/lemma-1``        Lemma 1: dominance = unanimity of consistent separable preferences.
* ``housing/corollary-1``    Corollary 1: strategy-proof iff strongly strategy-proof.
* ``housing/lemma-2``        Lemma 2: SP + NB mechanisms are invariant under monotonic changes.
* ``housing/lemma-3``        Lemma 3: neutral mechanisms fix who gets the l-th object on identical
  profiles.
* ``housing/theorem-1``      Theorem 1 as a computer-aided proof (SAT enumeration + DRAT check).
* ``housing/theorem-1-if``   Theorem 1, "if": every MCSD is SP, nonbossy and neutral.
* ``housing/theorem-1-proof`` the corrected "only if" chain (note A5) replayed on every profile.
* ``housing/proposition-1``  Proposition 1: IPD is Pareto efficient and not l-EF for l < m.
* ``housing/proposition-2``  Proposition 2: FPD is Pareto possible and ceil(m/2)-envy-free.
* ``housing/observation-1``  Section 3.1: no allocation beats ceil(m/2)-EF at identical profiles.
* ``housing/example-1``      Example 1: every number.
* ``housing/application``    Section 4: the exact identities behind the teaching-assistant figures.
* ``housing/d1``, ``housing/d2`` the note's envy-graph characterisations of Pareto possibility
  and Pareto efficiency; ``housing/ttc-priorities`` (TTC with one priority order per category
  is MCSD_f) and ``housing/ttc-endowment`` (the negative control).

Errata
------
* ``housing/lemma-1-proof``: the preference built in the proof of Lemma 1 can be intransitive;
  minimal counterexample at n = 2, m = 3 (the verdict's counterexample). Lemma 1 is true.
* ``housing/proposition-2-floor``: the proof's title "floor(m/2) envy-free" is false; minimal
  counterexample at n = 2, m = 1. The statement (ceil) is true.
* Gaps recorded in the erratum text of ``housing/theorem-1`` (circular step) and
  ``housing/proposition-2`` (fairness never used, reversed inequality; see
  ``housing/proposition-2-every-mcsd``).

The statements in this file are the trust basis; the engine, the SAT solver and the DRAT
checker are apparatus.
"""

from __future__ import annotations

import math
from functools import lru_cache

from exact import claim, fails, holds
from exact.errors import CertificateError

from .axioms import (cn_violation, lemma_2_violation, nb_violation, outcome_table,
                     sp_violation)
from .controls import CONTROLS, dictator_allocates, sequential
from .domain import PAIRS, SizeGrid
from .envy import (envy_counts, max_envy, pareto_efficient_brute, pareto_efficient_graph,
                   pareto_possible_brute, pareto_possible_graph)
from .example1 import PAPER, example_1
from .lemma1 import (construction_cycle, dominates, grid, is_linear_extension,
                     linear_extensions, unanimity_mismatch, witness_utility, utility_order)
from .mechanisms import (alternating, envy_level_of_priorities, is_fair_priority,
                         is_identical_priority, mcsd, priority_profiles)
from .model import allocations, identical_profiles, profiles, reports
from .theorem1 import replay_theorem_1, theorem_1_certificate
from .ttc import ttc_endowment, ttc_priorities

__all__ = ["lemma_1", "lemma_1_proof", "corollary_1", "lemma_2", "lemma_3", "theorem_1",
           "theorem_1_if", "proposition_1", "proposition_2", "proposition_2_floor",
           "proposition_2_every_mcsd", "observation_1", "example_1_claim", "d1", "d2",
           "ttc_priorities_claim", "ttc_endowment_claim", "application_claim",
           "theorem_1_proof", "d3", "d4"]


def _priorities_in(cls):
    return lambda n, m: [(n, m, f) for f in priority_profiles(n, m) if cls(f)]


def _all_priorities(n, m):
    return [(n, m, f) for f in priority_profiles(n, m)]


# ---------------------------------------------------------------- Lemma 1 and its proof
@claim("housing/lemma-1", source="Section 2.1.1, Lemma 1; proof in the appendix",
       domain=SizeGrid("bundle grids n^m", PAIRS + ((4, 2),)),
       erratum="The statement is true (verified); the proof of 'only if' is wrong: it reverses "
               "every dominance-incomparable pair and the result can be intransitive "
               "(housing/lemma-1-proof has the minimal counterexample). The witness here is "
               "the note's A8(b) integer utility instead.",
       expect="verified",
       statement="A_i is weakly preferred to A'_i under every consistent separable preference "
                 "iff A_i >=_{P_i} A'_i.")
def lemma_1(inst):
    n, m = inst
    bad, count = unanimity_mismatch(n, m)
    if bad:
        return fails(**bad)
    for x in grid(n, m):
        for y in grid(n, m):
            if x != y and not dominates(x, y):
                order = utility_order(witness_utility(x, y, n), n, m)
                if not is_linear_extension(order, n, m) or order.index(y) > order.index(x):
                    return fails(x=x, y=y, witness_failed=witness_utility(x, y, n))
    return holds(linear_extensions=count)


@claim("housing/lemma-1-proof", source="Appendix, proof of Lemma 1 ('Only if')",
       domain=SizeGrid("bundle grids n^m", PAIRS),
       erratum="The proof's preference (keep dominance pairs, reverse every incomparable pair) "
               "is not always transitive, so it need not lie in Q_{P_i}: at n = 2, m = 3 the "
               "lexicographic preference yields the 3-cycle (0,0,1) > (1,0,1) > (0,1,0) > "
               "(0,0,1) (position vectors, 0 = best).",
       statement="For every consistent separable preference, the relation built in the proof "
                 "of Lemma 1 is a (transitive) preference.")
def lemma_1_proof(inst):
    n, m = inst
    for t, order in enumerate(linear_extensions(n, m)):
        cyc = construction_cycle(order)
        if cyc:
            return fails(preference=order, extension_index=t, cycle=cyc)
    return holds()


# ---------------------------------------------------------------- Corollary 1
def _family(n, m):
    fam = [("mcsd" + str(t), f) for t, f in enumerate(priority_profiles(n, m))]
    return [(n, m, name) for name, _ in fam] + [(n, m, c) for c in CONTROLS] + \
        [(n, m, "ttc_endowment")]


def _mechanism(n, m, name):
    if name.startswith("mcsd"):
        f = priority_profiles(n, m)[int(name[4:])]
        return lambda P: mcsd(P, f)
    if name == "ttc_endowment":
        return ttc_endowment
    return CONTROLS[name][0]


@lru_cache(maxsize=64)
def _table(n, m, name):
    return outcome_table(_mechanism(n, m, name), n, m)


@claim("housing/corollary-1", source="Section 3, Corollary 1",
       domain=SizeGrid("mechanisms x sizes", ((2, 1), (2, 2), (3, 1), (2, 3)), items=_family),
       statement="A ranking mechanism is strategy-proof (for every consistent separable "
                 "preference) iff it is strongly strategy-proof.")
def corollary_1(inst):
    n, m, name = inst
    t = _table(n, m, name)
    exts = [[dict((x, p) for p, x in enumerate(e))] for e in linear_extensions(n, m)]
    literal_ok = True
    witness = None
    for p in range(t.out.shape[0]):
        P = t.profile(p)
        for i in range(n):
            own = t.out[p, :, i]
            x = tuple(P[i][k].index(int(own[k])) for k in range(m))
            for r in range(t.radix):
                q = p + (r - int(t.digits[p, i])) * t.weight(i)
                y = tuple(P[i][k].index(int(t.out[q, k, i])) for k in range(m))
                if x != y and any(e[0][y] < e[0][x] for e in exts):
                    literal_ok, witness = False, (P, i, t.reports[r])
                    break
            if not literal_ok:
                break
        if not literal_ok:
            break
    strong = sp_violation(t) is None
    if literal_ok != strong:
        return fails(mechanism=name, literal_sp=literal_ok, strong_sp=strong, witness=witness)
    return holds(mechanism=name, strategy_proof=strong)


# ---------------------------------------------------------------- Lemma 2 and Lemma 3
def _sp_nb_family(n, m):
    fs = priority_profiles(n, m)
    names = ["mcsd0", "mcsd" + str(len(fs) - 1), "sequential"]
    if n ** m < 9:                       # TTC on networkx is slow: small sizes only
        names.append("ttc_endowment")
    return [(n, m, name) for name in names]


@claim("housing/lemma-2", source="Section 3, Lemma 2 (after Svensson 1999)",
       domain=SizeGrid("SP+NB mechanisms x sizes", PAIRS, items=_sp_nb_family),
       statement="For a nonbossy strategy-proof mechanism, if every lower contour set at "
                 "psi(P)_i only grows from P_i to hat P_i, then psi(hat P_i, P_-i) = psi(P).")
def lemma_2(inst):
    n, m, name = inst
    t = _table(n, m, name)
    if sp_violation(t) or nb_violation(t):
        return fails(mechanism=name, problem="not strategy-proof and nonbossy")
    bad, checked = lemma_2_violation(t)
    return fails(mechanism=name, **bad) if bad else holds(mechanism=name, instances=checked)


def _neutral_family(n, m):
    return [(n, m, name) for name in ("mcsd0", "dictator_allocates", "anti_dictator",
                                      "catch_up_draft", "random_neutral")]


@claim("housing/lemma-3", source="Section 3, Lemma 3",
       domain=SizeGrid("neutral mechanisms x sizes", PAIRS + ((4, 2), (3, 3)),
                       items=_neutral_family),
       statement="For a category-wise neutral mechanism the same agent i_l^k receives the "
                 "l-th ranked object of category k at every identical profile.")
def lemma_3(inst):
    n, m, name = inst
    psi = _mechanism(n, m, name)
    pattern = None
    for P in identical_profiles(n, m):
        A = psi(P)
        who = tuple(tuple(next(i for i in range(n) if A[k][i] == P[0][k][l]) for l in range(n))
                    for k in range(m))
        if pattern is None:
            pattern = who
        elif who != pattern:
            return fails(mechanism=name, profile=P, agents=who, expected=pattern)
    return holds(mechanism=name, i_l_k=pattern)


# ---------------------------------------------------------------- Theorem 1
@claim("housing/theorem-1", source="Section 3, Theorem 1; proof in the appendix",
       domain=SizeGrid("(n, m), final UNSAT step DRAT-checked",
                       ((2, 1, "drat"), (2, 2, "drat"), (3, 1, "drat"), (2, 3, "drat"),
                        (3, 2, "drat"), (2, 4, "drat"), (2, 5, "drat")), default=5),
       size=5,
       erratum="The statement is true at every size checked. The printed proof of 'only if' is "
               "circular: it builds the identical profile hat P from psi(P) using "
               "psi_f(P) = psi(P), the conclusion, and its lower-contour inclusion holds for "
               "the SD outcome psi_f(P), not for an arbitrary psi(P). Fix (the note's A5): "
               "build hat P from B = MCSD_f(P); Lemma 3 gives psi(hat P) = B; Lemma 2, agent by "
               "agent, carries B back to P.",
       expect="verified", replay=lambda inst, data: replay_theorem_1(inst, data),
       statement="A ranking mechanism is strategy-proof, nonbossy and category-wise neutral "
                 "iff it is a multi-category serial dictatorship (exactly (n!)^m of them).")
def theorem_1(inst):
    n, m, how = inst
    cert = theorem_1_certificate(n, m, drat=(how == "drat"))
    ok = (cert["enumeration_exhausted"] and cert["all_are_mcsd"] and cert["every_mcsd_found"]
          and cert["solution_count"] == cert["mcsd_count"])
    if not ok:
        return fails(**{k: v for k, v in cert.items() if k != "final_step"})
    return holds(certificate=cert)


@claim("housing/theorem-1-if", source="Appendix, proof of Theorem 1 ('If')",
       domain=SizeGrid("MCSD priority profiles", PAIRS, items=_all_priorities, default=4),
       size=4,
       statement="Every multi-category serial dictatorship is strategy-proof, nonbossy and "
                 "category-wise neutral.")
def theorem_1_if(inst):
    n, m, f = inst
    t = outcome_table(lambda P: mcsd(P, f), n, m)
    for axiom, check in (("strategy-proof", sp_violation), ("nonbossy", nb_violation),
                         ("neutral", cn_violation)):
        bad = check(t)
        if bad:
            return fails(axiom=axiom, **bad)
    return holds()


# ---------------------------------------------------------------- Propositions
@claim("housing/proposition-1", source="Section 3.1, Proposition 1",
       domain=SizeGrid("IPD priority orders", PAIRS, items=_priorities_in(is_identical_priority)),
       statement="Identical-priority MCSDs are Pareto efficient and (n >= 2) not l-envy-free "
                 "for any l < m.")
def proposition_1(inst):
    n, m, f = inst
    for P in profiles(n, m):
        bad = pareto_efficient_graph(P, mcsd(P, f))
        if bad:
            return fails(profile=P, **bad)
    levels = {max_envy(P, mcsd(P, f)) for P in identical_profiles(n, m)}
    if levels != {m}:
        return fails(envy_levels_at_identical_profiles=sorted(levels), m=m)
    return holds(envy_level=m)


@claim("housing/proposition-2", source="Section 3.1, Proposition 2; proof in the appendix",
       domain=SizeGrid("FPD priority profiles", PAIRS, items=_priorities_in(is_fair_priority)),
       erratum="The statement is true (verified). The proof has slips: its title says "
               "floor(m/2) envy-free (false: housing/proposition-2-floor); in the Pareto-"
               "possibility part 'f^k(j) > f^k(i)' must read 'f^k(j) < f^k(i)' (higher "
               "priority); the final inequality chain is garbled (it should read "
               "e_ij = m - #{k: i gets a better object} <= m - floor(m/2) = ceil(m/2)); and the "
               "Pareto-possibility part never uses fairness: every MCSD is Pareto possible "
               "(housing/proposition-2-every-mcsd). The introduction attributes Proposition "
               "2's 'maximal fairness' to identical-priority MCSDs; fair-priority is meant.",
       expect="verified",
       statement="Fair-priority MCSDs are Pareto possible and ceil(m/2)-envy-free.")
def proposition_2(inst):
    n, m, f = inst
    bound = -(-m // 2)
    for P in profiles(n, m):
        A = mcsd(P, f)
        bad = pareto_possible_graph(P, A)
        if bad:
            return fails(profile=P, **bad)
        if max_envy(P, A) > bound:
            return fails(profile=P, allocation=A, envy=envy_counts(P, A), bound=bound)
    return holds(bound=bound, exact_level=envy_level_of_priorities(f))


@claim("housing/proposition-2-floor", source="Appendix, title of the proof of Proposition 2",
       domain=SizeGrid("FPD priority profiles", PAIRS, items=_priorities_in(is_fair_priority)),
       erratum="The proof's title says fair-priority MCSDs are floor(m/2) envy-free; for odd m "
               "this is false (the proposition itself says ceil(m/2), which is right).",
       statement="Fair-priority MCSDs are floor(m/2)-envy-free (as printed in the proof title).")
def proposition_2_floor(inst):
    n, m, f = inst
    for P in profiles(n, m):
        A = mcsd(P, f)
        if max_envy(P, A) > m // 2:
            return fails(profile=P, priorities=f, allocation=A, envy=envy_counts(P, A),
                         floor_m_half=m // 2)
    return holds()


@claim("housing/proposition-2-every-mcsd", source="Appendix, proof of Proposition 2 (PP part)",
       domain=SizeGrid("MCSD priority profiles", PAIRS, items=_all_priorities, default=4),
       size=4,
       statement="Every MCSD (fair or not) is Pareto possible: the proof of Proposition 2 "
                 "never uses fairness.")
def proposition_2_every_mcsd(inst):
    n, m, f = inst
    for P in profiles(n, m):
        bad = pareto_possible_graph(P, mcsd(P, f))
        if bad:
            return fails(profile=P, **bad)
    return holds(identical_priority=is_identical_priority(f), fair=is_fair_priority(f))


@claim("housing/observation-1", source="Section 3.1, first observation",
       domain=SizeGrid("sizes", PAIRS + ((4, 2), (3, 3), (4, 3))),
       statement="At an identical profile every allocation has some envy count >= ceil(m/2) "
                 "(n >= 2): no mechanism is better than ceil(m/2)-envy-free.")
def observation_1(inst):
    n, m = inst
    P = next(identical_profiles(n, m))
    best = min(max_envy(P, A) for A in allocations(n, m))
    if best < -(-m // 2):
        return fails(profile=P, min_max_envy=best)
    return holds(min_max_envy=best)


# ---------------------------------------------------------------- Example 1
@claim("housing/example-1", source="Appendix, Example 1",
       domain=SizeGrid("Example 1", ((2, 2),)),
       erratum="All numbers are right. Typos: the IPD sentence writes psi_i^{FPD} for j's "
               "bundle (psi_j^{IPD} is meant), and the example allows indifference '~' between "
               "distinct bundles, which the model's antisymmetry forbids.",
       expect="verified",
       statement="Example 1: FPD welfare 80 (worst) / 90 (best), IPD 70; Rawlsian FPD 40 or 45, "
                 "IPD 10; FPD gives {micro1, stats2} / {macro1, micro2}, IPD {micro1, micro2} / "
                 "{macro1, stats2}.")
def example_1_claim(inst):
    v = example_1()
    got = {k: v[k] for k in PAPER}
    got["ipd_welfare"] = v["ipd_welfare"][0] if len(v["ipd_welfare"]) == 1 else v["ipd_welfare"]
    got["ipd_rawls"] = v["ipd_rawls"][0] if len(v["ipd_rawls"]) == 1 else v["ipd_rawls"]
    wrong = {k: {"paper": PAPER[k], "recomputed": got[k]} for k in PAPER if got[k] != PAPER[k]}
    if wrong or not v["utilities_consistent"] or v["linear_extensions"] != 2:
        return fails(mismatch=wrong, consistent=v["utilities_consistent"])
    return holds(values=got, swap_gain=v["swap_gain"], pe_allocations=v["pe_allocations"])


# ---------------------------------------------------------------- envy graphs (the note)
def _profiles_of(n, m):
    return [(n, m, P) for P in profiles(n, m)]


@claim("housing/d1", source="note D1 (derived; Section 3.1's Pareto possibility)",
       domain=SizeGrid("profiles", PAIRS, items=_profiles_of, default=4),
       size=4,
       statement="An allocation is Pareto possible iff every per-category envy graph is "
                 "acyclic.")
def d1(inst):
    n, m, P = inst
    for A in allocations(n, m):
        g, b = pareto_possible_graph(P, A), pareto_possible_brute(P, A)
        if (g is None) != (b is None):
            return fails(allocation=A, graph=g, brute_force=b)
    return holds()


@claim("housing/d2", source="note D2 (derived; Section 3.1's Pareto efficiency)",
       domain=SizeGrid("profiles", PAIRS, items=_profiles_of, default=4),
       size=4,
       statement="An allocation is Pareto efficient (for every consistent preference profile) "
                 "iff the union of the envy graphs is acyclic.")
def d2(inst):
    n, m, P = inst
    for A in allocations(n, m):
        g, b = pareto_efficient_graph(P, A), pareto_efficient_brute(P, A)
        if (g is None) != (b is None):
            return fails(allocation=A, graph=g, brute_force=b)
    return holds()


# ---------------------------------------------------------------- TTC
@claim("housing/ttc-priorities", source="note A10 (footnote 2 background)",
       domain=SizeGrid("MCSD priority profiles", PAIRS, items=_all_priorities, default=4),
       size=4,
       statement="Category-wise TTC in which every object of category k has the priority "
                 "order f^k coincides with MCSD_f.")
def ttc_priorities_claim(inst):
    n, m, f = inst
    for P in profiles(n, m):
        a, b = ttc_priorities(P, f), mcsd(P, f)
        if a != b:
            return fails(profile=P, ttc=a, mcsd=b)
    return holds()


@claim("housing/ttc-endowment", source="note A11 (negative control of Theorem 1)",
       domain=SizeGrid("sizes", ((2, 1), (2, 2), (3, 1), (2, 3))),
       statement="Category-wise TTC with fixed endowments is strategy-proof and nonbossy but "
                 "not category-wise neutral (so neutrality is needed in Theorem 1).")
def ttc_endowment_claim(inst):
    n, m = inst
    t = _table(n, m, "ttc_endowment")
    sp, nb, cn = sp_violation(t), nb_violation(t), cn_violation(t)
    if sp or nb or cn is None:
        return fails(sp_violation=sp, nb_violation=nb, neutral=cn is None)
    return holds(not_neutral=cn)


# ---------------------------------------------------------------- Section 4
def _seeds(n, m):
    return [(n, m, seed) for seed in (2018, 2019, 2020)]


@claim("housing/application", source="Section 4 (teaching assignments), footnote 11",
       domain=SizeGrid("synthetic 37-student instances", ((37, 2),), items=_seeds),
       statement="With the paper's positions: special-arrangement students always keep them; "
                 "nobody envies both assignments under fair priorities; and the mean total rank "
                 "is the same under identical and fair priorities (reversal-closed draws).")
def application_claim(inst):
    from .application import reversal_closed_orders, simulate, synthetic_instance
    _, _, seed = inst
    s = simulate(synthetic_instance(seed), reversal_closed_orders(37, 200, seed))
    ok = (s["identical"]["special_always"] and s["fair"]["special_always"] and
          s["fair"]["envy_both_share"] == 0 and
          s["identical"]["mean_total_rank"] == s["fair"]["mean_total_rank"])
    data = {k: {a: b for a, b in v.items()} for k, v in s.items()}
    return holds(**data) if ok else fails(**data)


# ---------------------------------------------------------------- Theorem 1, corrected proof
@claim("housing/theorem-1-proof", source="Appendix, proof of Theorem 1 ('Only if'), corrected "
                                          "order (the note's A5)",
       domain=SizeGrid("MCSD priority profiles", PAIRS, items=_all_priorities, default=4),
       size=4,
       statement="For every P: with B = MCSD_f(P) and hat P the identical profile listing B in "
                 "priority order, MCSD_f(hat P) = B, and replacing hat P_t by P_t agent by agent "
                 "satisfies Lemma 2's hypothesis at every step and keeps the outcome B.")
def theorem_1_proof(inst):
    from .axioms import lemma_2_hypothesis
    n, m, f = inst
    for P in profiles(n, m):
        B = mcsd(P, f)
        hat = tuple(tuple(B[k][i] for i in f[k]) for k in range(m))
        Q = (hat,) * n
        if mcsd(Q, f) != B:
            return fails(profile=P, step="Lemma 3", hat=hat)
        for t in range(n):
            b = tuple(B[k][t] for k in range(m))
            if not lemma_2_hypothesis(hat, P[t], b):
                return fails(profile=P, step=f"Lemma 2 hypothesis, agent {t}", hat=hat)
            Q = Q[:t] + (P[t],) + Q[t + 1:]
            if mcsd(Q, f) != B:
                return fails(profile=P, step=f"Lemma 2 conclusion, agent {t}", hat=hat)
    return holds()


# ---------------------------------------------------------------- the note's D3 and D4
@claim("housing/d3", source="note D3 (derived; backs Section 3.1's 'FPD is not Pareto "
                            "efficient')",
       domain=SizeGrid("MCSD priority profiles", ((2, 2), (2, 3), (3, 2)), items=_all_priorities,
                       default=2),
       size=2,
       statement="Within the MCSDs (n, m >= 2): MCSD_f is Pareto efficient iff f is identical "
                 "in all categories.")
def d3(inst):
    n, m, f = inst
    witness = None
    for P in profiles(n, m):
        bad = pareto_efficient_graph(P, mcsd(P, f))
        if bad:
            witness = {"profile": P, **bad}
            break
    if (witness is None) != is_identical_priority(f):
        return fails(priorities=f, inefficiency=witness)
    return holds(inefficiency=witness)


@claim("housing/d4", source="note D4 (derived; the exact envy level behind Propositions 1-2)",
       domain=SizeGrid("MCSD priority profiles", PAIRS, items=_all_priorities, default=4),
       size=4,
       statement="The envy level of MCSD_f, max over P and i != j of e_ij, is exactly "
                 "max_{i != j} #{k : f^k(j) < f^k(i)}, attained at identical profiles.")
def d4(inst):
    n, m, f = inst
    level = envy_level_of_priorities(f)
    worst = max(max_envy(P, mcsd(P, f)) for P in profiles(n, m))
    at_identical = max(max_envy(P, mcsd(P, f)) for P in identical_profiles(n, m))
    if not worst == at_identical == level:
        return fails(priorities=f, formula=level, max_over_profiles=worst,
                     max_at_identical=at_identical)
    return holds(level=level)
