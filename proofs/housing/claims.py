"""Claims of Caspari's multi-category housing paper, checked exhaustively at small sizes.

G. Caspari, "A market design solution for multi-category housing allocation problems",
Journal of Mechanism and Institution Design 8(1) (2023) 75-96.
https://doi.org/10.22574/jmid.2023.12.003

Main statements
---------------
* ``housing/lemma-1``        Lemma 1: dominance = unanimity of consistent separable preferences.
* ``housing/corollary-1``    Corollary 1: strategy-proof iff strongly strategy-proof, for every
  mechanism (the two conditions compared on every report and pair of bundles).
* ``housing/lemma-2``        Lemma 2: SP + NB mechanisms are invariant under monotonic changes;
  for every SP + NB mechanism (unit propagation on the CNF of all of them), at (3, 2) every
  neutral one.
* ``housing/lemma-3``        Lemma 3: neutral mechanisms fix who gets the l-th object on identical
  profiles; for every neutral mechanism.
* ``housing/theorem-1``      Theorem 1 as a computer-aided proof (CNF of every neutral mechanism,
  structured RUP refutation checked by an independent checker).
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
  counterexample at n = 2, m = 1; ``housing/proposition-2-floor-m3`` gives one with m = 3. The
  statement (ceil) is true.
* ``housing/separability``: the definition of separability read literally ("strict in at least
  one category" forces a strict preference) admits no preference at all when m >= 2.
* Gaps recorded in the erratum text of ``housing/lemma-2`` (a repeated line in its proof).
* Gaps recorded in the erratum text of ``housing/theorem-1`` (circular step) and
  ``housing/proposition-2`` (fairness never used, reversed inequality; see
  ``housing/proposition-2-every-mcsd``).

Symmetry: the claims over MCSD priority profiles enumerate one profile per relabelling of the
agents (``invariant="agents"``), D1 and D2 one profile per relabelling of the objects of each
category (``invariant="objects"``); the engine spot-checks both declarations.

The statements in this file are the trust basis; the engine, the SAT solver and the proof
checkers are apparatus.
"""

from __future__ import annotations

from functools import lru_cache

from exact import claim, fails, holds, vacuous

import numpy as np

from .axioms import (cn_violation, lemma_2_violation, mcsd_table, nb_violation, outcome_table,
                     replay_a5_table, sp_violation)
from .controls import CONTROLS, sequential
from .domain import PAIRS, SizeGrid, neutral_orbits, priority_orbits, scope
from .envy import (envy_arrays, envy_counts, has_cycle, max_envy, pareto_efficient_brute,
                   pareto_efficient_graph, pareto_possible_brute, pareto_possible_graph)
from .example1 import PAPER, example_1
from .lemma1 import (construction_cycle, dominates, grid, is_linear_extension,
                     linear_extensions, unanimity_mismatch, witness_utility, utility_order)
from .mechanisms import (envy_level_of_priorities, is_fair_priority, is_identical_priority,
                         mcsd, priority_profiles)
from .model import allocations, identical_profiles, profiles
from .theorem1 import replay_theorem_1, theorem_1_certificate
from .ttc import ttc_endowment, ttc_priorities_table
from .universal import corollary_1_pointwise, lemma_2_all_mechanisms, lemma_3_all_neutral

__all__ = ["lemma_1", "lemma_1_proof", "corollary_1", "lemma_2", "lemma_3", "theorem_1",
           "theorem_1_if", "proposition_1", "proposition_2", "proposition_2_floor",
           "proposition_2_floor_m3", "proposition_2_every_mcsd", "observation_1",
           "example_1_claim", "d1", "d2", "ttc_priorities_claim", "ttc_endowment_claim",
           "application_claim", "theorem_1_proof", "d3", "d4", "separability"]

#: sizes of the claims over MCSD priority profiles: (2, 4) is opt-in
MCSD_PAIRS = PAIRS + ((2, 4),)


def _priorities_in(cls):
    return lambda n, m: [(n, m, f) for f in priority_profiles(n, m) if cls(f)]


# ---------------------------------------------------------------- Lemma 1 and its proof
@claim("housing/lemma-1", source="Section 2.1.1, Lemma 1; proof in the appendix",
       domain=SizeGrid("bundle grids n^m", PAIRS + ((4, 2),)),
       erratum="The statement is true (verified); the proof of 'only if' is wrong: it reverses "
               "every dominance-incomparable pair and the result can be intransitive "
               "(housing/lemma-1-proof has the minimal counterexample). The witness here is "
               "the note's A8(b) integer utility instead.",
       expect="verified",
       statement="A_i is weakly preferred to A'_i under every consistent separable preference "
                 "iff A_i >=_{P_i} A'_i. " + scope(PAIRS + ((4, 2),)))
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
                 "of Lemma 1 is a (transitive) preference. " + scope(PAIRS))
def lemma_1_proof(inst):
    n, m = inst
    for t, order in enumerate(linear_extensions(n, m)):
        cyc = construction_cycle(order)
        if cyc:
            return fails(preference=order, extension_index=t, cycle=cyc)
    return holds()


# ---------------------------------------------------------------- Corollary 1
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
       domain=SizeGrid("sizes (every ranking mechanism)", PAIRS),
       statement="A ranking mechanism is strategy-proof (for every consistent separable "
                 "preference) iff it is strongly strategy-proof; for every ranking mechanism: "
                 "both are conjunctions over (P, i, P'_i) of a condition on (P_i, psi(P)_i, "
                 "psi(P'_i, P_-i)_i) alone, and the two conditions agree on every report P_i and "
                 "pair of bundles (every consistent separable preference enumerated). "
                 + scope(PAIRS))
def corollary_1(inst):
    n, m = inst
    out = corollary_1_pointwise(n, m)
    return holds(**out) if out.pop("ok") else fails(**out)


# ---------------------------------------------------------------- Lemma 2 and Lemma 3
LEMMA_2_SIZES = ((2, 1, "all"), (2, 2, "all"), (3, 1, "all"), (2, 3, "all"), (3, 2, "neutral"),
                 (2, 4, "all"))


@claim("housing/lemma-2", source="Section 3, Lemma 2 (after Svensson 1999); proof in the appendix",
       domain=SizeGrid("SP + NB mechanisms x sizes", LEMMA_2_SIZES, default=5), size=5,
       erratum="The statement is true (verified). Its proof repeats a line: 'Combining the second "
               "and third line we get psi(hat P_i, P_-i)_i >=_{hat P_i} psi(P)_i' restates the "
               "third line; meant is: the second line gives psi(P)_i >=_{hat P_i} psi(Q)_i, the "
               "third the reverse, and antisymmetry of >=_{hat P_i} gives equality (the note's "
               "5.3).",
       expect="verified",
       statement="For a nonbossy strategy-proof mechanism, if every lower contour set at "
                 "psi(P)_i only grows from P_i to hat P_i, then psi(hat P_i, P_-i) = psi(P). "
                 "Checked at (n, m) = (2, 1), (2, 2), (3, 1), (2, 3) for every SP + NB mechanism "
                 "(opt-in: (2, 4)): unit propagation on the CNF whose models are all of them "
                 "derives the conclusion; at (3, 2) for every neutral one (the 36 MCSDs, "
                 "Theorem 1) and the non-neutral sequential dictatorship of the controls.")
def lemma_2(inst):
    n, m, which = inst
    if which == "all":
        out = lemma_2_all_mechanisms(n, m)
        if not out.pop("ok"):
            return fails(**out)
        return holds(**out) if out["instances"] else vacuous(**out)
    checked = {}
    tables = [(f, mcsd_table(n, m, f)) for f in priority_profiles(n, m)]
    tables.append(("sequential", outcome_table(sequential, n, m)))
    for name, t in tables:
        bad, count = lemma_2_violation(t)
        if bad:
            return fails(mechanism=name, **bad)
        checked[str(name)] = count
    return holds(mechanisms=len(checked), instances=sum(checked.values()))


@claim("housing/lemma-3", source="Section 3, Lemma 3",
       domain=SizeGrid("sizes (every neutral mechanism)", PAIRS + ((3, 3), (4, 2)), default=5),
       size=5,
       statement="For a category-wise neutral mechanism the same agent i_l^k receives the "
                 "l-th ranked object of category k at every identical profile; for every neutral "
                 "mechanism (its restriction to the identical profiles is one of the models of the "
                 "CNF 'neutral on the identical profiles', each derived by unit propagation from "
                 "its value at one profile). " + scope(PAIRS + ((3, 3), (4, 2)), 5))
def lemma_3(inst):
    n, m = inst
    out = lemma_3_all_neutral(n, m)
    return holds(**out) if out.pop("ok") else fails(**out)


# ---------------------------------------------------------------- Theorem 1
@claim("housing/theorem-1", source="Section 3, Theorem 1; proof in the appendix",
       domain=SizeGrid("(n, m), every neutral mechanism, refutation independently checked",
                       ((2, 1, "drat"), (2, 2, "drat"), (3, 1, "drat"), (2, 3, "drat"),
                        (3, 2, "drat"), (2, 4, "drat"), (2, 5, "drat"))),
       erratum="The statement is true at every size checked. The printed proof of 'only if' is "
               "circular: it builds the identical profile hat P from psi(P) using "
               "psi_f(P) = psi(P), the conclusion, and its lower-contour inclusion holds for "
               "the SD outcome psi_f(P), not for an arbitrary psi(P). Fix (the note's A5): "
               "build hat P from B = MCSD_f(P); Lemma 3 gives psi(hat P) = B; Lemma 2, agent by "
               "agent, carries B back to P.",
       expect="verified", replay=lambda inst, data: replay_theorem_1(inst, data),
       statement="A ranking mechanism is strategy-proof, nonbossy and category-wise neutral "
                 "iff it is a multi-category serial dictatorship (exactly (n!)^m of them); over "
                 "every neutral mechanism (the models of a CNF), the absence of other models "
                 "certified by a refutation that an independent checker re-checks. "
                 "Checked at (n, m) = (2, 1), (2, 2), (3, 1), (2, 3), (3, 2), (2, 4), (2, 5).")
def theorem_1(inst):
    n, m, how = inst
    cert = theorem_1_certificate(n, m, drat=(how == "drat"))
    ok = (cert["enumeration_exhausted"] and cert["all_are_mcsd"] and cert["every_mcsd_found"]
          and cert["solution_count"] == cert["mcsd_count"])
    if not ok:
        return fails(**{k: v for k, v in cert.items() if k != "final_step"})
    return holds(certificate=cert)


@claim("housing/theorem-1-if", source="Appendix, proof of Theorem 1 ('If')",
       domain=priority_orbits("MCSD priority profiles", MCSD_PAIRS, default=5), size=5,
       invariant="agents",
       statement="Every multi-category serial dictatorship is strategy-proof, nonbossy and "
                 "category-wise neutral (all profiles, all misreports). " + scope(MCSD_PAIRS, 5))
def theorem_1_if(inst):
    n, m, f = inst
    t = mcsd_table(n, m, f)
    for axiom, check in (("strategy-proof", sp_violation), ("nonbossy", nb_violation),
                         ("neutral", cn_violation)):
        bad = check(t)
        if bad:
            return fails(axiom=axiom, **bad)
    return holds()


# ---------------------------------------------------------------- Propositions
@claim("housing/proposition-1", source="Section 3.1, Proposition 1",
       domain=priority_orbits("IPD priority orders", PAIRS, keep=is_identical_priority),
       invariant="agents",
       statement="Identical-priority MCSDs are Pareto efficient and (n >= 2) not l-envy-free "
                 "for any l < m (all profiles; efficiency by the envy-graph test D2, itself "
                 "checked against the definition by housing/d2). " + scope(PAIRS))
def proposition_1(inst):
    n, m, f = inst
    t = mcsd_table(n, m, f)
    p = _first(has_cycle(envy_arrays(t).any(axis=1)))
    if p is not None:
        P = t.profile(p)
        return fails(profile=P, **pareto_efficient_graph(P, t.allocation(p)))
    levels = {max_envy(P, mcsd(P, f)) for P in identical_profiles(n, m)}
    if levels != {m}:
        return fails(envy_levels_at_identical_profiles=sorted(levels), m=m)
    return holds(envy_level=m)


def _first(mask) -> "int | None":
    """The first profile number where ``mask`` is true (profiles in canonical order)."""
    hits = np.flatnonzero(mask)
    return int(hits[0]) if len(hits) else None


def _max_envy(env) -> "np.ndarray":
    """``max_{i != j} e_ij`` per profile from :func:`envy_arrays`."""
    e = env.sum(axis=1)
    n = e.shape[-1]
    e[:, np.arange(n), np.arange(n)] = 0
    return e.reshape(len(e), -1).max(axis=1)


@claim("housing/proposition-2", source="Section 3.1, Proposition 2; proof in the appendix",
       domain=priority_orbits("FPD priority profiles", PAIRS, keep=is_fair_priority),
       invariant="agents",
       erratum="The statement is true (verified). The proof has slips: its title says "
               "floor(m/2) envy-free (false: housing/proposition-2-floor); in the Pareto-"
               "possibility part 'f^k(j) > f^k(i)' must read 'f^k(j) < f^k(i)' (higher "
               "priority); the final inequality chain is garbled (it should read "
               "e_ij = m - #{k: i gets a better object} <= m - floor(m/2) = ceil(m/2)); and the "
               "Pareto-possibility part never uses fairness: every MCSD is Pareto possible "
               "(housing/proposition-2-every-mcsd). The introduction attributes Proposition "
               "2's 'maximal fairness' to identical-priority MCSDs; fair-priority is meant.",
       expect="verified",
       statement="Fair-priority MCSDs are Pareto possible and ceil(m/2)-envy-free (all "
                 "profiles). " + scope(PAIRS))
def proposition_2(inst):
    n, m, f = inst
    bound = -(-m // 2)
    t = mcsd_table(n, m, f)
    env = envy_arrays(t)
    p_pp = _first(has_cycle(env).any(axis=1))
    p_ef = _first(_max_envy(env) > bound)
    if p_pp is not None and (p_ef is None or p_pp <= p_ef):
        P = t.profile(p_pp)
        return fails(profile=P, **pareto_possible_graph(P, t.allocation(p_pp)))
    if p_ef is not None:
        P, A = t.profile(p_ef), t.allocation(p_ef)
        return fails(profile=P, allocation=A, envy=envy_counts(P, A), bound=bound)
    return holds(bound=bound, exact_level=envy_level_of_priorities(f))


@claim("housing/proposition-2-floor", source="Appendix, title of the proof of Proposition 2",
       domain=SizeGrid("FPD priority profiles", PAIRS, items=_priorities_in(is_fair_priority)),
       erratum="The proof's title says fair-priority MCSDs are floor(m/2) envy-free; for odd m "
               "this is false (the proposition itself says ceil(m/2), which is right).",
       statement="Fair-priority MCSDs are floor(m/2)-envy-free (as printed in the proof title). "
                 + scope(PAIRS))
def proposition_2_floor(inst):
    n, m, f = inst
    t = mcsd_table(n, m, f)
    p = _first(_max_envy(envy_arrays(t)) > m // 2)
    if p is not None:
        P, A = t.profile(p), t.allocation(p)
        return fails(profile=P, priorities=f, allocation=A, envy=envy_counts(P, A),
                     floor_m_half=m // 2)
    return holds()


@claim("housing/proposition-2-floor-m3", source="Appendix, title of the proof of Proposition 2",
       domain=SizeGrid("FPD priority profiles, m = 3", ((2, 3), (3, 3)),
                       items=_priorities_in(is_fair_priority), default=1), size=1,
       erratum="The proof's title says fair-priority MCSDs are floor(m/2) envy-free; already for "
               "m = 3 (floor = 1) someone envies another in 2 categories (here at n = 2, the "
               "smallest such size; the minimal counterexample over all sizes is "
               "housing/proposition-2-floor's, with m = 1).",
       statement="Fair-priority MCSDs with m = 3 categories are floor(3/2) = 1-envy-free (as "
                 "printed in the proof title). " + scope(((2, 3), (3, 3)), 1))
def proposition_2_floor_m3(inst):
    return proposition_2_floor(inst)


@claim("housing/proposition-2-every-mcsd", source="Appendix, proof of Proposition 2 (PP part)",
       domain=priority_orbits("MCSD priority profiles", MCSD_PAIRS, default=5), size=5,
       invariant="agents",
       statement="Every MCSD (fair or not) is Pareto possible at every profile: the proof of "
                 "Proposition 2 never uses fairness. " + scope(MCSD_PAIRS, 5))
def proposition_2_every_mcsd(inst):
    n, m, f = inst
    t = mcsd_table(n, m, f)
    p = _first(has_cycle(envy_arrays(t)).any(axis=1))
    if p is not None:
        P = t.profile(p)
        return fails(profile=P, **pareto_possible_graph(P, t.allocation(p)))
    return holds(identical_priority=is_identical_priority(f), fair=is_fair_priority(f))


@claim("housing/observation-1", source="Section 3.1, first observation",
       domain=SizeGrid("sizes", PAIRS + ((4, 2), (3, 3), (4, 3))),
       statement="At an identical profile every allocation has some envy count >= ceil(m/2) "
                 "(n >= 2): no mechanism is better than ceil(m/2)-envy-free. "
                 + scope(PAIRS + ((4, 2), (3, 3), (4, 3))))
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
                 "{macro1, stats2}. Checked on the example's instance (n, m) = (2, 2).")
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
@claim("housing/d1", source="note D1 (derived; Section 3.1's Pareto possibility)",
       domain=neutral_orbits("profiles", PAIRS), invariant="objects",
       statement="An allocation is Pareto possible iff every per-category envy graph is "
                 "acyclic (every allocation at every profile, against the definition). "
                 + scope(PAIRS))
def d1(inst):
    n, m, P = inst
    for A in allocations(n, m):
        g, b = pareto_possible_graph(P, A), pareto_possible_brute(P, A)
        if (g is None) != (b is None):
            return fails(allocation=A, graph=g, brute_force=b)
    return holds()


@claim("housing/d2", source="note D2 (derived; Section 3.1's Pareto efficiency)",
       domain=neutral_orbits("profiles", PAIRS), invariant="objects",
       statement="An allocation is Pareto efficient (for every consistent preference profile) "
                 "iff the union of the envy graphs is acyclic (every allocation at every "
                 "profile, against the definition: the test of Proposition 1). " + scope(PAIRS))
def d2(inst):
    n, m, P = inst
    for A in allocations(n, m):
        g, b = pareto_efficient_graph(P, A), pareto_efficient_brute(P, A)
        if (g is None) != (b is None):
            return fails(allocation=A, graph=g, brute_force=b)
    return holds()


# ---------------------------------------------------------------- TTC
@claim("housing/ttc-priorities", source="note A10 (footnote 2 background)",
       domain=priority_orbits("MCSD priority profiles", MCSD_PAIRS, default=5), size=5,
       invariant="agents",
       statement="Category-wise TTC in which every object of category k has the priority "
                 "order f^k coincides with MCSD_f at every profile. " + scope(MCSD_PAIRS, 5))
def ttc_priorities_claim(inst):
    n, m, f = inst
    a, b = ttc_priorities_table(n, m, f), mcsd_table(n, m, f)
    p = _first((a.out != b.out).reshape(len(a.out), -1).any(axis=1))
    if p is not None:
        return fails(profile=a.profile(p), ttc=a.allocation(p), mcsd=b.allocation(p))
    return holds()


@claim("housing/ttc-endowment", source="note A11 (negative control of Theorem 1)",
       domain=SizeGrid("sizes", ((2, 1), (2, 2), (3, 1), (2, 3))),
       statement="Category-wise TTC with fixed endowments is strategy-proof and nonbossy but "
                 "not category-wise neutral (so neutrality is needed in Theorem 1). "
                 + scope(((2, 1), (2, 2), (3, 1), (2, 3))))
def ttc_endowment_claim(inst):
    n, m = inst
    t = _table(n, m, "ttc_endowment")
    sp, nb, cn = sp_violation(t), nb_violation(t), cn_violation(t)
    if sp or nb or cn is None:
        return fails(sp_violation=sp, nb_violation=nb, neutral=cn is None)
    return holds(not_neutral=cn)


# ---------------------------------------------------------------- Section 4
#: (seed, students with a special arrangement in each semester): the paper's 5 in both
#: semesters, and special arrangements "in the respective semester" (different students)
APPLICATION_CASES = ((2018, (0, 1, 2, 3, 4), (0, 1, 2, 3, 4)),
                     (2019, (0, 1, 2, 3, 4), (30, 31, 32, 33, 34)),
                     (2020, (0, 1, 2), (3, 4, 5, 6, 7)))


def _seeds(n, m):
    return [(n, m) + case for case in APPLICATION_CASES]


@claim("housing/application", source="Section 4 (teaching assignments), footnote 11",
       domain=SizeGrid("synthetic 37-student instances", ((37, 2),), items=_seeds),
       statement="With the paper's positions: students with a special arrangement in a semester "
                 "always keep it in that semester (both semesters, every priority order drawn); "
                 "nobody envies both assignments under fair priorities; and the mean total rank "
                 "is the same under identical and fair priorities (reversal-closed draws). "
                 "Checked on three synthetic 37-student instances x 400 priority orders.")
def application_claim(inst):
    from .application import reversal_closed_orders, simulate, synthetic_instance
    _, _, seed, first, second = inst
    ranks = synthetic_instance(seed, special=(first, second))
    s = simulate(ranks, reversal_closed_orders(37, 200, seed))
    ok = (s["identical"]["special_always"] and s["fair"]["special_always"] and
          s["fair"]["envy_both_share"] == 0 and
          s["identical"]["mean_total_rank"] == s["fair"]["mean_total_rank"])
    data = {k: {a: b for a, b in v.items()} for k, v in s.items()}
    return holds(**data) if ok else fails(**data)


# ---------------------------------------------------------------- Theorem 1, corrected proof
@claim("housing/theorem-1-proof", source="Appendix, proof of Theorem 1 ('Only if'), corrected "
                                          "order (the note's A5)",
       domain=priority_orbits("MCSD priority profiles", MCSD_PAIRS, default=5), size=5,
       invariant="agents",
       statement="For every P: with B = MCSD_f(P) and hat P the identical profile listing B in "
                 "priority order, MCSD_f(hat P) = B, and replacing hat P_t by P_t agent by agent "
                 "satisfies Lemma 2's hypothesis at every step and keeps the outcome B. "
                 + scope(MCSD_PAIRS, 5))
def theorem_1_proof(inst):
    n, m, f = inst
    bad = replay_a5_table(mcsd_table(n, m, f), f)
    return fails(**bad) if bad else holds()


# ---------------------------------------------------------------- the note's D3 and D4
@claim("housing/d3", source="note D3 (derived; backs Section 3.1's 'FPD is not Pareto "
                            "efficient')",
       domain=priority_orbits("MCSD priority profiles", ((2, 2), (2, 3), (3, 2), (2, 4)),
                              default=3), size=3, invariant="agents",
       statement="Within the MCSDs (n, m >= 2): MCSD_f is Pareto efficient iff f is identical "
                 "in all categories. " + scope(((2, 2), (2, 3), (3, 2), (2, 4)), 3))
def d3(inst):
    n, m, f = inst
    t = mcsd_table(n, m, f)
    p = _first(has_cycle(envy_arrays(t).any(axis=1)))
    witness = None
    if p is not None:
        P = t.profile(p)
        witness = {"profile": P, **pareto_efficient_graph(P, t.allocation(p))}
    if (witness is None) != is_identical_priority(f):
        return fails(priorities=f, inefficiency=witness)
    return holds(inefficiency=witness)


@claim("housing/d4", source="note D4 (derived; the exact envy level behind Propositions 1-2)",
       domain=priority_orbits("MCSD priority profiles", MCSD_PAIRS, default=5), size=5,
       invariant="agents",
       statement="The envy level of MCSD_f, max over P and i != j of e_ij, is exactly "
                 "max_{i != j} #{k : f^k(j) < f^k(i)}, attained at identical profiles. "
                 + scope(MCSD_PAIRS, 5))
def d4(inst):
    n, m, f = inst
    level = envy_level_of_priorities(f)
    worst = int(_max_envy(envy_arrays(mcsd_table(n, m, f))).max())
    at_identical = max(max_envy(P, mcsd(P, f)) for P in identical_profiles(n, m))
    if not worst == at_identical == level:
        return fails(priorities=f, formula=level, max_over_profiles=worst,
                     max_at_identical=at_identical)
    return holds(level=level)


# ---------------------------------------------------------------- separability, as printed
@claim("housing/separability", source="Section 2, definition of separable preferences",
       domain=SizeGrid("bundle grids n^m", PAIRS),
       erratum="Read literally, 'if {a_i^k} >_i {a'_i^k} for at least one k then A_i >_i A'_i' "
               "makes two bundles that each win one category strictly better than each other, so "
               "no preference is separable once n, m >= 2 (the note's 5.8). Meant (and "
               "implemented): strictly better in one category and weakly better in all others.",
       statement="Some preference on full bundles satisfies separability as printed: weakly "
                 "better in every category gives weakly better, and strictly better in at least "
                 "one category gives strictly better. " + scope(PAIRS))
def separability(inst):
    n, m = inst
    for x in grid(n, m):
        for y in grid(n, m):
            wins_x = [k for k in range(m) if x[k] < y[k]]
            wins_y = [k for k in range(m) if y[k] < x[k]]
            if wins_x and wins_y:
                return fails(x=x, y=y, x_strictly_better_in=wins_x, y_strictly_better_in=wins_y,
                             forced="x > y and y > x")
    # no such pair (m = 1 or n = 1): the dominance order itself is then a linear order
    return holds(preference=sorted(grid(n, m)))
