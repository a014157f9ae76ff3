"""Claims of Guo and Yannelis, "Robust Coalitional Implementation" (October 2020).

Robustness here is belief-free: for every type space and every belief-revising rule, as in
Bergemann and Morris (2011); agents are Bayesian with arbitrary beliefs (no maxmin expected
utility). No result of the paper quantifies over finitely many objects, so the theorems are
checked through (a) their conditions decided exactly on declared finite families of environments,
(b) every explicit construction of their proofs (the type spaces of Lemmas 1 and 2, the deviations
of Claims 1-6) verified exactly on those environments and on seeded random finite type spaces,
and (c) the examples, recomputed.

Reference: H. Guo and N. C. Yannelis, "Robust Coalitional Implementation" (working paper,
October 1, 2020; text in ``../shared/papers/coalitional-implementation.txt``); note
``../shared/notes/coalitional.md`` (facts F1-F16, slips S1-S12).

Main statements
---------------
- ``coalitional/proposition-1`` and ``lemma-1``: every RCIC violation yields Lemma 1's type space
  in which every member of the coalition strictly gains (exact gains); ``proposition-2`` and
  ``lemma-2``: every RCM failure yields Lemma 2's type space, every step of the proof is verified,
  and the direct mechanism has the bad interim equilibrium ``sigma* o alpha``.
- ``coalitional/theorem-1`` (Claims 1-3) and ``theorem-2`` (Claims 4-6): the proof-step oracles
  of the two mechanisms on random finite type spaces, where the conditions hold.
- ``coalitional/corollary-1-step-1-corrected``, ``corollary-1-step-2``.
- ``coalitional/example-1``, ``example-2``: 1/2 > 3/8, the single RCIC violation, 117,648
  deceptions all with a whistle-blower; 18 of 80 deceptions without one, the exact epsilon
  range ``(0, (sqrt(13) - 1)/6)`` as an algebraic number, robust maximal-pattern conditions.
- ``coalitional/fact-1`` ... ``fact-16``: the note's stated facts, each with its check (F2-F4
  are the examples; F7 is an erratum; F15's second half is ``fact-15-pattern``, on a
  three-agent witness found by search).
- ``coalitional/definition-8-coalition-only``: with three agents, a coalition with an outsider
  dissolves a deception that no singleton can (Definition 8 decided exactly for every profile of
  conjectures, :mod:`.profiles`).
- ``coalitional/two-agent-characterisation`` (exhaustive, n = 2) and
  ``characterisation-fails-n3`` (a witness found by search); ``whistle-blower-minimax`` (the
  minimax LP against Balas's formulation); ``rescaling-invariance``.

Errata (expected "refuted")
---------------------------
- ``fact-7``: "in private value environments an obviously strategy-proof f is RCIC" (S1).
- ``corollary-1-step-1``: "the extreme points of R_i lie in X" (S2: the vertex (0, 1/2, 1/2)).
- ``claim-2``: the Case-1 deviation of Claim 2 gains nothing when ``m^4 = 0`` ("a non-negative
  integer"); corrected by raising ``m^4`` to 1 (checked inside ``theorem-1``).
- ``example-2-unique-efficient``: "f is the only ex-post efficient SCF" (S6).

Other slips of the paper (recorded here and in the statements; no claim of their own): Def 6 (i)
quantifies over conjectures on ``beta``'s pairs with ``beta`` unbound, the proof of Claim 2 needs
all pairs (S3); ``Y_S[S]`` is defined for S in the pattern but used for every coalition inside one
(S4, built so in :mod:`.rewards`); the belief-revising rule's sentence is garbled, read as
"probability one on t*_{S minus i}" (S5, :mod:`.typespace`); Claim 4's probabilities are
misprinted (S7); "setting S = bar-S in Theorem 2 also proves Theorem 1" needs the interior
property for every coalition (S8, ``fact-16``); Lemma 2's "y in Y_i is easy to verify" needs
member-specific T^2 indices (S9, checked in ``lemma-2``); "quasilinear: RM implies RCM" needs
transfers that can be lowered (S11, ``fact-12`` checks the free-disposal case).

Budgets: every check that runs out of a budget (z3 timeout, branch-and-bound nodes, refinement
rounds) raises ``exact.Undecided``, which ``Claim.check`` turns into an undecided outcome, so its
run is inconclusive, never verified.

The statements in this file are the trust basis; LP answers carry certificates re-checked by
:mod:`exact.lpcert`, and the proof trees over unions of polytopes are re-checked leaf by leaf.
"""

from __future__ import annotations

import hashlib
import itertools
import random

from exact import claim, fails, holds, vacuous
from exact.domains import Enumerated
from exact.errors import CertificateError
from exact.numbers import Q, ZERO

from . import analysis
from .coalitions import coalitions, maximal, minimal, pattern, split
from .deceptions import count_profiles, deception_json, images
from .domains import EnvDomain, OrdinalDomain
from .incentives import (epic_violation, expost_coalitional_violation, ic_violations,
                         joint_improvement, pattern_ic_violation, rcic_violation, violation_json)
from .interior import cnti, interior_test, lp_argmax, vertices
from .lemmas import direct_equilibrium_violation, lemma_1, lemma_2_check
from .margins import check_margin, conv_margin
from .mechanisms import Message, WhistleMechanism
from .model import dot
from .monotonicity import Monotonicity, gains_for
from .monotonicity import _check_result as _check_mono_result
from .oracles import (ProofStepFailure, claim_1, claim_2, claim_3, claim_6, hat_lists,
                      menus_for)
from .typespace import interim_ic_violation, random_type_space

N2 = "named:example-1-binary+example-2"
ENVS = EnvDomain([N2 + "+osp-witness", "random-n2-m3", "random-n2-m2-punish", "random-n3-m2"])
ENVS2 = EnvDomain([N2, "random-n2-m3", "random-n2-m2-punish", "quadratic-public-good"])
PUBLIC = EnvDomain([N2, "quadratic-public-good", "public-good"])
MINIMAX = EnvDomain(["random-n2-m3-random-f"])
LOTTERY = EnvDomain(["named:extreme-point-witness", "random-n2-m3", "random-n2-m2-punish"])
CONSTANT = EnvDomain(["constant"])
ORDINAL = OrdinalDomain()
EX1 = EnvDomain(["named:example-1+example-1-binary"])
EX2 = EnvDomain(["named:example-2"])
OSP = EnvDomain(["named:osp-witness"])
PAIR = EnvDomain(["named:example-2+example-1"])

#: random finite type spaces per environment in the proof-step oracles
TYPE_SPACES = 2


def _rng(env, tag: str) -> random.Random:
    return random.Random(hashlib.sha256(f"{env.digest}|{tag}".encode()).hexdigest())


def _agents(S):
    return [i + 1 for i in S]


def _mono(env, kind, pat=None):
    return analysis.monotonicity(env, kind, pat)


def _holds_rcm(env) -> bool:
    return _mono(env, "coalitional")[1]["failures"] == 0


# ================================================================================ Propositions, lemmas

@claim("coalitional/proposition-1", domain=ENVS, source="Section 4.1, Proposition 1 (Appendix)",
       statement="On the environments of the domain (the paper's examples, the note's S1 "
                 "witness, 28 seeded random ones with 2 or 3 agents): whenever f violates RCIC, "
                 "Lemma 1's payoff type space built from the first violation gives every member "
                 "of the coalition a strictly positive conditional gain from copying the "
                 "equilibrium messages of t'_S, so no mechanism has a good interim strong "
                 "equilibrium there (the proof of Proposition 1); the gains equal the ex-post "
                 "gains of the violation.")
def proposition_1(env):
    v = rcic_violation(env)
    if v is None:
        return vacuous(rcic=True)
    L = lemma_1(env, v)
    g = L["gains"]
    if any(x <= 0 for x in g.values()) or g != v["gains"]:
        return fails(violation=violation_json(env, v), gains={str(i + 1): x for i, x in g.items()})
    return holds(violation=violation_json(env, v), type_space=L["type_space"].to_json(),
                 gains={str(i + 1): x for i, x in g.items()})


@claim("coalitional/lemma-1", domain=ENVS, source="Appendix, Lemma 1",
       statement="On the environments of the domain: whenever f violates RCIC, an exhaustive "
                 "search of Definition 10 in Lemma 1's payoff type space (every coalition, every "
                 "pair of type profiles) finds a violation of interim coalitional IC.")
def lemma_1_claim(env):
    v = rcic_violation(env)
    if v is None:
        return vacuous(rcic=True)
    found = lemma_1(env, v)["first_violation"]
    if found is None:
        return fails(violation=violation_json(env, v))
    return holds(coalition=_agents(found["S"]), gains={str(i + 1): x
                                                       for i, x in found["gains"].items()})


def _failing_psis(m, fails_list, beta):
    psis, certs = {}, {}
    for (S, ts, tps), key in fails_list:
        i = S[0]
        res = m.results[key]
        M = m.M[S]
        # sub = 0: Y_i is empty, every conjecture on the deception's pairs is bad
        bits = images(key[4] or m.mask(beta, S))
        # an empty component of Y_i makes every conjecture bad: take the uniform one
        psi = res["psi"] if not res.get("empty") else [Q(1, len(bits))] * len(bits)
        psis[(i, ts[0], tps[0])] = {divmod(b, M): p for b, p in zip(bits, psi)}
        certs[(i, ts[0], tps[0])] = key
    return psis, certs


def _lemma_2(env, beta, fails_list, m):
    psis, keys = _failing_psis(m, fails_list, beta)

    def certify(i, ti, tpi, psi):
        """The certified bound on E_psi[Delta] for the conjecture ``psi`` the type space uses:
        it must be the conjecture of the stored certificate (or any, for an empty set)."""
        key = keys[(i, ti, tpi)]
        S, _, _, C, sub = key
        res = m.results[key]
        if sub == 0:                             # Y_i is empty: re-check the emptiness proof
            if _check_mono_result(m, key, res):
                raise CertificateError("lemma 2: an empty reward set re-checks as non-empty")
            return None
        value = check_margin(m.problem(S, C), m.gains(S, (ti,), (tpi,), C, sub), res)
        if value is not None:
            M = m.M[S]
            cert = {divmod(b, M): Q(p) for b, p in zip(images(sub), res["psi"]) if p}
            if {k: v for k, v in psi.items() if v} != cert:
                raise CertificateError(f"lemma 2: the conjecture of ({i + 1}, "
                                       f"{env.types[i][ti]}, {env.types[i][tpi]}) is not the "
                                       f"certified one")
        return value

    return lemma_2_check(env, beta, psis, certify)


@claim("coalitional/lemma-2", domain=ENVS2, source="Appendix, Lemma 2",
       statement="On the 2-agent environments of the domain (Examples 1 (types {0,1}) and 2, 20 "
                 "seeded random ones): for each of the first three unacceptable deceptions "
                 "without a whistle-blower (RCM fails), Lemma 2's type space T^1 + T^2, the map "
                 "alpha and the Step-4 revising rule are well defined; alpha is unacceptable; "
                 "Definition 11 (i) at T^1 types is exactly E_psi of the whistle-blower gain; "
                 "every constraint of Y_i is realised by T^2 types with member-specific beliefs "
                 "(so (ii) forces y_h into Y_i); (i) and (ii) contradict at T^2 types; and every "
                 "psi is certified bad (E_psi[Delta(y)] <= 0 on all of Y_i).")
def lemma_2_claim(env):
    m, out = _mono(env, "coalitional")
    if out["failures"] == 0:
        return vacuous(rcm=True)
    done = []
    for beta, fl in out["failing"][:3]:
        try:
            r = _lemma_2(env, beta, fl, m)
        except CertificateError as exc:
            return fails(deception=deception_json(env, beta), step=str(exc))
        done.append({"deception": deception_json(env, beta), "types": r["types"],
                     "definition_11_i": r["checked_i"], "constraints": r["checked_ii"],
                     "T2_types": r["checked_T2"],
                     "psi_values": sorted(str(v) for v in r["psi_values"].values())})
    return holds(checked=done)


@claim("coalitional/proposition-2", domain=ENVS2, source="Section 4.1, Proposition 2 (Appendix)",
       statement="On the 2-agent environments of the domain: whenever f is RCIC but violates RCM, "
                 "in Lemma 2's type space of the first deception without a whistle-blower, truth "
                 "telling is an interim strong equilibrium of the direct mechanism (Definition 10 "
                 "holds, exhaustively) and sigma* o alpha is an interim equilibrium of it "
                 "(every unilateral report deviation checked) with a bad outcome: the "
                 "contradiction of Proposition 2's proof, exhibited for the direct mechanism.")
def proposition_2(env):
    if rcic_violation(env) is not None:
        return vacuous(rcic=False)
    m, out = _mono(env, "coalitional")
    if out["failures"] == 0:
        return vacuous(rcm=True)
    beta, fl = out["failing"][0]
    try:
        r = _lemma_2(env, beta, fl, m)
    except CertificateError as exc:
        return fails(deception=deception_json(env, beta), step=str(exc))
    ts, alpha = r["type_space"], r["alpha"]
    iv = interim_ic_violation(ts)
    if iv is not None:
        return fails(deception=deception_json(env, beta), truthful_not_strong=True)
    dev = direct_equilibrium_violation(env, ts, lambda i, x: ts.theta[i][alpha(i, x)])
    if dev is not None:
        return fails(deception=deception_json(env, beta), profitable=str(dev["gain"]))
    bad = r["unacceptable_at"]
    return holds(deception=deception_json(env, beta), types=ts.sizes,
                 bad_at=[ts.names[i][x] for i, x in enumerate(bad)])


# ================================================================================ Theorems 1 and 2

def _random_sigma(rng, ts, env, menus, mech):
    table = {}
    for i in range(env.n):
        for x in range(ts.sizes[i]):
            blow = rng.random() < 0.5
            if mech.pattern is None:
                prop = rng.choice(menus[i])
            else:
                prop = {S: rng.choice(menus[S]) for S in menus if i in S}
            table[(i, x)] = Message(rng.randrange(env.k[i]), blow, prop, rng.randrange(3))
    return lambda i, x: table[(i, x)]


def _oracles(env, mech, menus, mono, tag):
    try:
        return _run_oracles(env, mech, menus, mono, tag)
    except ProofStepFailure as exc:
        return fails(proof_step=str(exc))


def _run_oracles(env, mech, menus, mono, tag):
    rng = _rng(env, tag)
    stats = {"type_spaces": 0, "coalition_deviations": 0, "mixtures_in_reward_set": 0,
             "whistle_deviations": 0, "dissolving_deviations": 0, "acceptable_report_maps": 0}
    for _ in range(TYPE_SPACES):
        ts = random_type_space(env, rng)
        stats["type_spaces"] += 1
        r1 = claim_1(mech, ts, menus)
        stats["coalition_deviations"] += r1["deviations"]
        stats["mixtures_in_reward_set"] += r1["mixtures"]
        if r1["violation"] is not None:
            return fails(claim=1, type_space=ts.to_json(), violation=str(r1["violation"]))
        for _ in range(2):
            r2 = claim_2(mech, ts, _random_sigma(rng, ts, env, menus, mech), corrected=True)
            if r2 is not None:
                stats["whistle_deviations"] += 1
                if r2["gain"] <= 0:
                    return fails(claim=2, type_space=ts.to_json(),
                                 data=str({k: v for k, v in r2.items() if k != "deviation"}))
            reps = {(i, x): rng.randrange(env.k[i]) for i in range(env.n)
                    for x in range(ts.sizes[i])}
            report_of = lambda i, x, reps=reps: reps[(i, x)]  # noqa: E731
            r3 = claim_3(mono, mech, ts, report_of)
            if r3 is None:
                stats["acceptable_report_maps"] += 1
                continue
            if r3.get("no_whistle_blower"):
                return fails(claim=3, type_space=ts.to_json(), reason="no dissolver")
            if "coalition" in r3:
                S, ths, thp = r3["coalition"], r3["true"], r3["report"]
                r6 = claim_6(mono, mech, ts, report_of, S, ths, thp, r3["keys"])
                if r6.get("absent"):
                    continue
                if any(g <= 0 for g in r6["gains"].values()):
                    return fails(claim=6, type_space=ts.to_json(), gains=str(r6["gains"]))
            elif r3["gain"] <= 0:
                return fails(claim=3, type_space=ts.to_json(), data=str(r3))
            stats["dissolving_deviations"] += 1
    return holds(**stats)


@claim("coalitional/theorem-1", domain=ENVS2, source="Section 4.2, Theorem 1 (Claims 1-3)",
       statement="On the 2-agent environments of the domain that satisfy RCIC, RCM and the "
                 "interior coalitional reward property (via universally dominated rewards), with "
                 "Theorem 1's mechanism and 2 seeded random finite type spaces each (|T_i| <= 3, "
                 "beliefs with zeros, random revising rules): Claim 1 (no coalition deviation "
                 "from truth without whistles, over reports x whistle sets x proposals "
                 "f(theta_i, .) and Y-hat x m^4 <= 2, is strictly profitable for all members; "
                 "every realised Rule-2 reward lies in Y_i), Claim 2 with the corrected deviation "
                 "(strictly profitable) and Claim 3 (the RCM whistle-blower with K* above the "
                 "exact threshold strictly gains), for 2 random strategy profiles each.")
def theorem_1(env):
    if rcic_violation(env) is not None or not _holds_rcm(env):
        return vacuous(conditions=False)
    it = analysis.interior(env)
    if not it["ok"]:
        return vacuous(interior=False)
    hat = hat_lists(env, it["pairs"], range(env.n))
    mech = WhistleMechanism(env, hat)
    return _oracles(env, mech, menus_for(env, hat), _mono(env, "coalitional")[0], "theorem-1")


@claim("coalitional/theorem-2", domain=ENVS2, source="Section 5.2, Theorem 2 (Claims 4-6)",
       statement="On the 2-agent environments of the domain that satisfy, for the maximal "
                 "pattern, robust S IC, robust S monotonicity (Definition 8, decided exactly for "
                 "n = 2) and the interior S reward property (via universally dominated rewards), "
                 "with Theorem 2's mechanism and 2 seeded random finite type spaces each: Claim 4 "
                 "(no pattern coalition profits from deviating from truth), Claim 5 with the "
                 "corrected deviation, and Claim 6 (the dissolving coalition, singleton or grand, "
                 "strictly gains with K* above the exact threshold).")
def theorem_2(env):
    return _theorem_2(env, maximal(env.n))


def _theorem_2(env, pat):
    if pattern_ic_violation(env, pat) is not None:
        return vacuous(conditions=False)
    m, out = _mono(env, "pattern", pat)
    if out["failures"]:
        return vacuous(monotonicity=False)
    it = analysis.interior(env)
    if not it["ok"]:
        return vacuous(interior=False)
    # Y-hat for every coalition inside a member of the pattern (Definition 9; the note's S4)
    keys = [S for S in coalitions(env.n) if any(set(S) <= set(T) for T in pat)]
    hat = hat_lists(env, it["pairs"], keys)
    mech = WhistleMechanism(env, hat, pattern=pat)
    return _oracles(env, mech, menus_for(env, hat), m, "theorem-2")


@claim("coalitional/theorem-2-three-agents", domain=EnvDomain(["public-good-n3"]),
       source="Section 5.2, Theorem 2 (Claims 4-6), with three agents",
       statement="On the 3 three-agent public goods with Example 1's rule (types {0, t}, t in "
                 "{1/2, 1, 2}, free disposal) and the pattern {{1,2},{1},{2},{3}}: robust S IC, "
                 "robust S monotonicity (Definition 8 over all 729 deception profiles, the "
                 "coalition {1,2} with the outsider 3 decided exactly for every profile of "
                 "conjectures) and the interior S reward property hold, and Theorem 2's "
                 "mechanism passes Claims 4-6 as in coalitional/theorem-2 (2 seeded random "
                 "finite type spaces each; Claim 5 with the corrected deviation). Not checked: "
                 "the maximal pattern with three agents (its Claim 4 enumeration is 20x larger).")
def theorem_2_three_agents(env):
    return _theorem_2(env, pattern(3, [[0], [1], [0, 1], [2]]))


@claim("coalitional/claim-2", domain=EX1, source="Appendix, proof of Theorem 1, Claim 2 (Case 1)",
       erratum="Case 1 replaces y by a better y^k but keeps m^4; with m^4 = 0 (allowed: 'a "
               "non-negative integer') y has weight 0/(0+1) and the deviation changes nothing. "
               "Repair: also raise m^4 to 1 and take y^k better than the Y-hat lottery (or read "
               "M^4 = N_+ as the positive integers).",
       statement="On Example 1's environments with Theorem 1's mechanism: whenever the smallest "
                 "whistle-blower j blows at t*_j with m^4 = 0 and a proposal y no better than the "
                 "Y-hat lottery (Case 1), the paper's deviation (swap y for a better y^k) is "
                 "strictly profitable.")
def claim_2_paper(env):
    it = analysis.interior(env)
    if not it["ok"]:
        return vacuous(interior=False)
    hat = hat_lists(env, it["pairs"], range(env.n))
    mech = WhistleMechanism(env, hat)
    ts = random_type_space(env, _rng(env, "claim-2"))
    under = {i: hat[i][1] for i in range(env.n)}           # the worse dominated reward
    sigma = lambda i, x: Message(ts.theta[i][x], True, under[i], 0)  # noqa: E731
    r = claim_2(mech, ts, sigma)
    if r["gain"] <= 0:
        return fails(type_space=ts.to_json(), agent=r["agent"] + 1, type=ts.names[r["agent"]][r["type"]],
                     case=r["case"], m4=r["K"], gain=r["gain"])
    return holds(case=r["case"], gain=r["gain"])


# ================================================================================ Corollary 1

@claim("coalitional/corollary-1-step-1", domain=LOTTERY, source="Appendix, proof of Corollary 1, "
       "Step 1", erratum="A vertex of R_i(theta'_{-i}) can be a non-degenerate lottery: with one "
       "type each, X = {x0, x1, x2}, u_1 = (1, 0, 2) and f = x0, R_1 = {mu: mu_0 + 2 mu_2 <= 1} has "
       "the vertex (0, 1/2, 1/2) (the note's S2). Step 1 survives: vertices have support <= "
       "|Theta_i| + 1, so vertex-valued rewards are still countable (corollary-1-step-1-corrected).",
       statement="For lotteries over a finite X (the note's S2 environment and 20 seeded random "
                 "ones): every extreme point of every R_i(theta'_{-i}) is a degenerate lottery "
                 "(a point of X).")
def corollary_1_step_1(env):
    for i in range(env.n):
        for rep in split(env.k, (i,)).outside:
            for v in vertices(env, i, rep):
                if sum(1 for x in v if x) > 1:
                    return fails(agent=i + 1, reported=[env.types[j][t] for j, t in
                                                        zip(split(env.k, (i,)).O, rep)],
                                 vertex=v)
    return holds()


@claim("coalitional/corollary-1-step-1-corrected", domain=LOTTERY,
       source="Appendix, proof of Corollary 1, Step 1 (corrected, the note's S2)",
       statement="For lotteries over a finite X (the domain's 21 environments): every vertex of "
                 "R_i(theta'_{-i}) has support of size <= |Theta_i| + 1; and where CNTI holds at "
                 "(i, theta_i) for every theta'_{-i}, Step 1's construction (per reported "
                 "theta'_{-i}: the conditional belief phi-bar, an LP-vertex maximiser and "
                 "minimiser of E_phi u_i on R_i) yields vertex-valued y-bar, y-under strictly "
                 "ranked under each of 3 seeded random conjectures psi in Delta(Theta_{-i} x "
                 "Theta_{-i}).")
def corollary_1_step_1_corrected(env):
    sp_cache = {}
    met = False
    rng = _rng(env, "corollary-1")
    for i in range(env.n):
        sp = sp_cache.setdefault(i, split(env.k, (i,)))
        verts = {}
        for rep in sp.outside:
            verts[rep] = vertices(env, i, rep)
            for v in verts[rep]:
                if sum(1 for x in v if x) > env.k[i] + 1:
                    return fails(agent=i + 1, vertex=v)
        for ti in range(env.k[i]):
            if any((cnti(env, i, ti, rep)["value"] or 0) <= 0 for rep in sp.outside):
                continue
            met = True
            for _ in range(3):
                M = len(sp.outside)
                wts = [rng.randint(0, 3) for _ in range(M * M)]
                if not any(wts):
                    wts[0] = 1
                psi = {(s, r): Q(w, sum(wts)) for (s, r), w in
                       zip(itertools.product(range(M), repeat=2), wts) if w}
                lhs = rhs = ZERO
                for r, rep in enumerate(sp.outside):
                    mass = sum((p for (s, rr), p in psi.items() if rr == r), ZERO)
                    phi = ({s: psi.get((s, r), ZERO) / mass for s in range(M)} if mass
                           else {s: Q(1, M) for s in range(M)})
                    a = sp.pos_in[(ti,)]
                    obj = [sum((phi[s] * env.w[i][sp.index[a][s]][c] for s in range(M)), ZERO)
                           for c in range(env.space.dim)]
                    hi = lp_argmax(env, i, rep, obj, True)
                    lo = lp_argmax(env, i, rep, obj, False)
                    vb, vu = tuple(hi.x[:env.space.dim]), tuple(lo.x[:env.space.dim])
                    if vb not in verts[rep] or vu not in verts[rep] or hi.value <= lo.value:
                        return fails(agent=i + 1, type=env.types[i][ti], reported=list(rep),
                                     bar=vb, under=vu)
                    for (s, rr), p in psi.items():
                        if rr == r:
                            w = env.w[i][sp.index[a][s]]
                            lhs += p * dot(w, vb)
                            rhs += p * dot(w, vu)
                if not lhs > rhs:
                    return fails(agent=i + 1, type=env.types[i][ti], psi=str(psi))
    return holds() if met else vacuous(cnti=False)


@claim("coalitional/corollary-1-step-2", domain=ENVS2, source="Appendix, proof of Corollary 1, "
       "Step 2 (Bergemann and Morris 2011, Lemma 1)",
       statement="On the 2-agent environments of the domain: robust monotonicity implies EPIC; "
                 "constructively, whenever EPIC fails at (i, theta_i, theta'_i), the deception in "
                 "which i reports theta'_i at theta_i and everyone else is truthful is "
                 "unacceptable and has no whistle-blower (every candidate's bad conjecture "
                 "certified).")
def corollary_1_step_2(env):
    v = epic_violation(env)
    m, out = _mono(env, "bm")
    if v is None:
        return holds(epic=True, rm=True) if out["failures"] == 0 else vacuous(rm=False)
    i = v["S"][0]
    ti, tpi = v["true"][0], v["report"][0]
    beta = tuple(tuple((1 << tpi) if (j == i and t == ti) else (1 << t) for t in range(env.k[j]))
                 for j in range(env.n))
    r = m.deception(beta)
    if r is None or "whistle" in r:
        return fails(epic_violation=violation_json(env, v), deception=deception_json(env, beta))
    if out["failures"] == 0:
        return fails(epic_violation=violation_json(env, v), rm=True)
    return holds(epic_violation=violation_json(env, v), deception=deception_json(env, beta),
                 candidates=len(r["fails"]))


# ================================================================================ Examples

def _paper_beta_json(env, beta):
    return deception_json(env, beta)


@claim("coalitional/example-1", domain=EX1, source="Section 3, Example 1 and footnote 4",
       statement="Example 1 recomputed exactly. Types {0, 1/2, 1}: at theta* = (1/2, 1/2) the "
                 "joint misreport (1, 1) gives each agent 1/2 > 3/8; this is the only violation "
                 "of RCIC (all coalitions, all pairs); EPIC holds with margins "
                 "(theta_i - theta'_i)^2/2; robust monotonicity (Bergemann-Morris) holds: all "
                 "117,648 unacceptable deceptions have a whistle-blower; CNTI and the interior "
                 "reward property hold. Types {0, 1}: RCIC holds and all 80 unacceptable "
                 "deceptions have a coalitional whistle-blower (RCM), with the interior property.")
def example_1_claim(env):
    from .worked import example_1_values
    if env.name == "example-1-binary":
        return holds(role="checked with the three-type environment (instance 1)")
    V = example_1_values()
    bad = {}
    if V["u_deviation"] != [Q(1, 2)] * 2 or V["u_truth"] != [Q(3, 8)] * 2:
        bad["numbers"] = [V["u_deviation"], V["u_truth"]]
    viol = V["violations"]
    if len(viol) != 1 or viol[0]["S"] != (0, 1) or \
            [env.types[0][viol[0]["true"][0]], env.types[1][viol[0]["report"][1]]] != ["1/2", "1"]:
        bad["violations"] = [violation_json(env, v) for v in viol]
    for (i, ti, tp), mg in V["epic_margins"].items():
        want = (Q(env.types[i][ti]) - Q(env.types[i][tp])) ** 2 / 2
        if mg != want:
            bad["epic_margin"] = [i + 1, env.types[i][ti], env.types[i][tp], mg]
    rm = V["rm"]
    if (rm["deceptions"], rm["unacceptable"], rm["failures"]) != (117649, 117648, 0):
        bad["rm"] = [rm["deceptions"], rm["unacceptable"], rm["failures"]]
    if not V["interior"]["ok"] or not V["cnti"]:
        bad["interior_or_cnti"] = True
    b = V["binary_rcm"]
    if V["binary_rcic"] is not None or (b["unacceptable"], b["failures"]) != (80, 0) or \
            not V["binary_interior"]["ok"]:
        bad["binary"] = [b["unacceptable"], b["failures"]]
    if bad:
        return fails(**bad)
    return holds(u_deviation=V["u_deviation"], u_truth=V["u_truth"],
                 rcic_violation=violation_json(env, viol[0]),
                 robust_monotonicity=V["rm_object"].summary_json(rm),
                 binary_rcm=[b["unacceptable"], b["failures"]])


@claim("coalitional/example-2", domain=EX2, source="Section 3, Example 2, Table 3.1, footnote 5",
       statement="Example 2 recomputed exactly: f(theta) is a best outcome of A for both agents "
                 "at every theta; EPIC and RCIC hold; exactly 18 of the 80 unacceptable "
                 "deceptions have no whistle-blower for Bergemann-Morris robust monotonicity (the "
                 "paper's beta_1 = {0}, beta_2 = {1} and the opposite-type deception among "
                 "them) and the same 18 for RCM; for the maximal pattern robust S IC, robust S "
                 "monotonicity (0 failures) and the interior property hold; Table 3.1's "
                 "conditional beliefs of t1^0 are (eps/(1+eps), 1/(1+eps)); x^2 is the strict "
                 "best outcome of every type exactly for 0 < eps < (sqrt(13) - 1)/6 (an exact "
                 "algebraic number), a best one for 0 < eps <= (sqrt(13) - 1)/6.")
def example_2_claim(env):
    import sympy
    from .example2 import EPS
    from .worked import example_2_values
    V = example_2_values()
    bad = {}
    if any(fv != mx for fv, mx in V["best"].values()):
        bad["f_not_best"] = True
    if V["rcic"] is not None or V["epic"] is not None or V["sbar_ic"] is not None:
        bad["ic"] = True
    rm, rcm, sbar = V["rm"], V["rcm"], V["sbar"]
    if (rm["unacceptable"], rm["failures"], rcm["failures"], sbar["failures"]) != (80, 18, 18, 0):
        bad["counts"] = [rm["unacceptable"], rm["failures"], rcm["failures"], sbar["failures"]]
    if V["failing_rm"] != V["failing_rcm"] or V["paper_beta"] not in V["failing_rm"] or \
            V["opposite"] not in V["failing_rm"]:
        bad["failing_sets"] = True
    if not V["interior"]["ok"]:
        bad["interior"] = False
    c = V["conditionals"][(0, 0)]
    if sympy.simplify(c[0] - EPS / (1 + EPS)) != 0 or sympy.simplify(c[1] - 1 / (1 + EPS)) != 0:
        bad["table_3_1"] = [str(c[0]), str(c[1])]
    r = V["bound"]
    ws, ss = V["weak"]["intervals"], V["strict"]["intervals"]
    if len(ws) != 1 or len(ss) != 1 or ws[0][0] != 0 or ws[0][1] != r or not ws[0][3] or \
            ss[0][1] != r or ss[0][3] or ws[0][2] or ss[0][2]:
        bad["epsilon"] = [str(ws), str(ss)]
    if bad:
        return fails(**bad)
    return holds(without_whistle_blower=rm["failures"], unacceptable=rm["unacceptable"],
                 failing=[deception_json(env, b) for b in V["failing_rm"]],
                 epsilon_bound={"minimal_polynomial": str(r.minpoly), "digits": r.digits(12)},
                 strict_range="0 < eps < root", weak_range="0 < eps <= root")


@claim("coalitional/example-2-unique-efficient", domain=EX2, source="Section 3, Example 2",
       erratum="'f is the only ex-post efficient social choice function' is false with free "
               "disposal: at theta = (0, 0) the public good is worthless, so f'(0, 0) = (-1, 0, 0) "
               "gives both agents 0 = u(x^1) and is also Pareto efficient; f is unique only up to "
               "payoff-equivalent disposal (the note's S6; likewise x^2 is not the unique "
               "maximiser of type t1^0: (2, -1, -2) gives agent 1 the same).",
       statement="In Example 2, f is the only ex-post (Pareto) efficient SCF: no state admits an "
                 "efficient outcome other than f(theta).")
def example_2_unique_efficient(env):
    from .efficiency import pareto_efficient
    for s, th in enumerate(env.states):
        if not pareto_efficient(env, s, env.f_coords[s])["efficient"]:
            return fails(state=env.key(th), f_inefficient=True)
        for c in range(env.space.dim):
            if all(env.w[i][s][c] == 0 for i in range(env.n)):
                a = list(env.space.point(env.f_coords[s]))
                a[c] -= 1
                coords = env.space.coords_of(tuple(a))
                eff = pareto_efficient(env, s, coords)
                if eff["efficient"]:
                    return fails(state=env.key(th), f=env.f[s], other=tuple(a),
                                 utilities=[dot(env.w[i][s], a) for i in range(env.n)],
                                 certificate=eff["lp"])
    return holds()


# ================================================================================ Facts F1-F16

def _equilibrium(env, ts, report, pat) -> bool:
    """Is the report map an interim pattern equilibrium of the direct mechanism (Definition 1)?"""
    for S in coalitions(env.n):
        if S not in pat:
            continue
        for tstar in itertools.product(*(range(ts.sizes[i]) for i in S)):
            tS = dict(zip(S, tstar))
            beliefs = {i: ts.conditional(i, tS[i], S, tS) for i in S}

            def val(i, dev):
                tot = ZERO
                for rest, p in beliefs[i].items():
                    prof = ts.full(i, tS[i], rest)
                    rep = tuple(dev[j] if j in dev else report(j, x) for j, x in enumerate(prof))
                    tot += p * dot(env.w[i][env.sindex[ts.payoff(prof)]], env.f[env.sindex[rep]])
                return tot
            base = {i: val(i, {}) for i in S}
            for reps in itertools.product(*(range(env.k[i]) for i in S)):
                dev = dict(zip(S, reps))
                if all(val(i, dev) > base[i] for i in S):
                    return False
    return True


def _random_pattern(env, rng):
    extra = [c for c in coalitions(env.n) if len(c) > 1 and rng.random() < 0.5]
    return pattern(env.n, [list(c) for c in minimal(env.n)] + [list(c) for c in extra])


@claim("coalitional/fact-1", domain=ENVS, source="Section 2, after Definition 2 (note F1)",
       statement="On the environments of the domain, for the direct mechanism on one seeded "
                 "random type space each (|T_i| <= 2, beliefs with zeros, random revising rule) "
                 "and every pure report profile: an interim strong equilibrium is an interim "
                 "equilibrium for a seeded random pattern, and that is an interim equilibrium.")
def fact_1(env):
    rng = _rng(env, "fact-1")
    ts = random_type_space(env, rng, max_types=2)
    mid = _random_pattern(env, rng)
    counts = [0, 0, 0]
    for table in itertools.product(*(range(env.k[i]) for i in range(env.n)
                                     for _ in range(ts.sizes[i]))):
        pos, rep = 0, {}
        for i in range(env.n):
            for x in range(ts.sizes[i]):
                rep[(i, x)] = table[pos]
                pos += 1
        report = lambda j, x, rep=rep: rep[(j, x)]  # noqa: E731
        eqs = [_equilibrium(env, ts, report, p) for p in (maximal(env.n), mid, minimal(env.n))]
        for k, e in enumerate(eqs):
            counts[k] += e
        if (eqs[0] and not eqs[1]) or (eqs[1] and not eqs[2]):
            return fails(report=[rep[k] for k in sorted(rep)], equilibria=eqs)
    return holds(strong=counts[0], pattern=counts[1], interim=counts[2])


@claim("coalitional/fact-5", domain=ENVS, source="Section 4.1, after Definition 4 (note F5)",
       statement="On the environments of the domain: if f is RCIC then no theta, theta' make "
                 "f(theta') strictly better than f(theta) for every agent at theta (weak Pareto "
                 "efficiency within f(Theta)).")
def fact_5(env):
    if rcic_violation(env) is not None:
        return vacuous(rcic=False)
    j = joint_improvement(env)
    if j is not None:
        return fails(theta=env.key(j[0]), theta_prime=env.key(j[1]))
    return holds()


@claim("coalitional/fact-6", domain=CONSTANT, source="Section 4.1, after Definition 4 (note F6)",
       statement="For the 6 seeded environments with a constant f (2 or 3 agents): f is RCIC and "
                 "every deception is acceptable, so robust coalitional monotonicity holds "
                 "vacuously and the constant mechanism implements f.")
def fact_6(env):
    from .deceptions import deception_profiles, is_acceptable
    if rcic_violation(env) is not None:
        return fails(rcic=False)
    n = sum(1 for b in deception_profiles(env) if not is_acceptable(env, b))
    if n:
        return fails(unacceptable=n)
    return holds(deceptions=count_profiles(env.k))


@claim("coalitional/fact-7", domain=OSP, source="Section 4.1, remark after Definition 4 (note F7, S1)",
       erratum="False (the note's S1): three agents, X = {x, y}, private values; agent 3 (always "
               "indifferent) names who decides, agent 1 after 'a', agent 2 after 'b', who picks "
               "his favourite: obviously strategy-proof, yet for S = {1, 2}, theta*_S = (p, q), "
               "theta'_S = (q, p) agent 1 gains when theta_3 = b and agent 2 when theta_3 = a; "
               "RCIC needs one member worse for ALL theta_{-S} (exists i, for all), OSP only gives "
               "for all theta_{-S} some member not better.",
       statement="In private value environments, an SCF implemented by an obviously "
                 "strategy-proof mechanism satisfies RCIC (checked on the note's S1 environment "
                 "with its two-stage mechanism).")
def fact_7(env):
    from .osp import check_osp, s1_game, s1_plan
    if not env.is_private():
        return vacuous(private=False)
    osp = check_osp(env, s1_game(), s1_plan(env))
    if not (osp["implements"] and osp["obviously_dominant"]):
        return vacuous(osp=osp)
    v = rcic_violation(env)
    if v is not None:
        return fails(obviously_strategy_proof=True, private_values=True,
                     expost_coalitional_violation=expost_coalitional_violation(env) is not None,
                     rcic_violation=violation_json(env, v))
    return holds()


@claim("coalitional/fact-8", domain=ENVS2, source="Section 4.1, remark after Definition 4 (note F8)",
       statement="With two agents (the domain's 2-agent environments): EPIC and ex-post weak "
                 "Pareto efficiency over A (no outcome strictly better for both, an exact LP per "
                 "state) imply RCIC.")
def fact_8(env):
    from .efficiency import weak_improvement
    if epic_violation(env) is not None:
        return vacuous(epic=False)
    for s in range(len(env.states)):
        w = weak_improvement(env, s)
        if w["value"] > 0:
            return vacuous(weakly_efficient=False, state=env.key(env.states[s]))
    v = rcic_violation(env)
    return fails(rcic_violation=violation_json(env, v)) if v else holds()


@claim("coalitional/fact-9", domain=ENVS, source="Sections 4.1 and 5.1, remarks after the reward "
       "sets (note F9)",
       statement="On the environments of the domain: if f is RCIC, then y = f(theta-bar_i, .) is "
                 "in the coalitional reward set Y_i for every agent and theta-bar_i; if f is "
                 "robust S IC for a seeded random pattern S, then f(theta_S, .) is in Y_S[S] for "
                 "every coalition S inside a member of the pattern and every theta_S (exact "
                 "membership).")
def fact_9(env):
    from .rewards import reward_set
    rng = _rng(env, "fact-9")
    pat = _random_pattern(env, rng)
    met = 0
    checks = []
    if rcic_violation(env) is None:
        met += 1
        checks.append((maximal(env.n), [(i,) for i in range(env.n)]))
    if pattern_ic_violation(env, pat) is None:
        met += 1
        inside = [S for S in coalitions(env.n) if any(set(S) <= set(T) for T in pat)]
        checks.append((pat, inside))
    if not met:
        return vacuous(rcic=False)
    n = 0
    for pt, coals in checks:
        for S in coals:
            rs = reward_set(env, S, pt)
            sp = split(env.k, S)
            for a, thS in enumerate(sp.inside):
                y = [env.f_coords[sp.index[a][b]] for b in range(len(sp.outside))]
                why = rs.violation(y)
                n += 1
                if why is not None:
                    return fails(coalition=_agents(S), theta_S=list(thS), why=why)
    return holds(memberships=n)


@claim("coalitional/fact-10", domain=ENVS2, source="Section 4.1, after Definition 5 (note F10)",
       statement="On the 2-agent environments of the domain: robust coalitional monotonicity "
                 "implies Bergemann-Morris robust monotonicity (every deception without a BM "
                 "whistle-blower has none for RCM either), and every point of the certified "
                 "mixtures of the RCM whistle-blower tests lies in Y_i^BM (Y_i is a subset of "
                 "Y_i^BM).")
def fact_10(env):
    mc, rcm = _mono(env, "coalitional")
    mb, rm = _mono(env, "bm")
    if not set(rm_b for rm_b, _ in rm["failing"]) <= set(b for b, _ in rcm["failing"]):
        return fails(rm_failures=rm["failures"], rcm_failures=rcm["failures"])
    n = 0
    for key, res in mc.results.items():
        S, _, _, C, _ = key
        comp = mc.rs[S].components[C]
        bm = mb.rs[S]
        for pt in res.get("points", []):
            y = [None] * len(bm.points)
            for r in comp.points:
                off = comp.pos[r] * comp.rs.W
                y[r] = tuple(pt["z"][off:off + comp.rs.W])
            for r in range(len(y)):
                if y[r] is None:
                    continue
                pos = bm.component_of[r]
                why = _point_violation(bm, r, y[r])
                n += 1
                if why:
                    return fails(agent=S[0] + 1, point=list(y[r]), why=why)
    return holds(points=n, rcm_failures=rcm["failures"], rm_failures=rm["failures"]) \
        if rcm["failures"] == 0 else vacuous(rcm=False, points=n)


def _point_violation(rs, r, coords):
    """Does the value ``coords`` at point ``r`` meet every convex constraint of ``rs`` there?
    (``rs`` has no disjunctions: Y^BM is convex, a product over points)."""
    if not rs.env.space.contains_coords(coords):
        return "not a feasible outcome"
    W = rs.W
    for coefs, rhs in rs.rows:
        if coefs[0][0] // W == r:
            if sum((c * coords[g % W] for g, c in coefs), ZERO) > rhs:
                return "violates a constraint of R_i"
    return None


@claim("coalitional/fact-11", domain=ENVS, source="Section 5.1, after Definitions 7 and 8 (note F11)",
       statement="On the environments of the domain: robust S IC is antitone in the pattern "
                 "(maximal => a seeded random intermediate pattern => minimal), robust "
                 "minimal-pattern IC coincides with EPIC, and (2-agent environments) Definition 8 "
                 "for the minimal pattern has exactly Bergemann-Morris's failing deceptions.")
def fact_11(env):
    rng = _rng(env, "fact-11")
    mid = _random_pattern(env, rng)
    ic = [pattern_ic_violation(env, p) is None for p in (maximal(env.n), mid, minimal(env.n))]
    if (ic[0] and not ic[1]) or (ic[1] and not ic[2]):
        return fails(ic=ic, pattern=[_agents(c) for c in sorted(mid)])
    if ic[2] != (epic_violation(env) is None):
        return fails(epic_mismatch=True)
    data = {"ic": ic}
    if env.n == 2:
        _, a = _mono(env, "bm")
        _, b = _mono(env, "pattern", minimal(env.n))
        if [x for x, _ in a["failing"]] != [x for x, _ in b["failing"]]:
            return fails(bm=a["failures"], pattern_minimal=b["failures"])
        data["failures"] = a["failures"]
    return holds(**data)


def _lowered(env, i, j, y, M):
    """``y`` with agent ``j``'s transfer (coordinate ``1 + j``) lowered by ``M``."""
    out = list(y)
    out[1 + j] -= M
    return out


_real_lowered = _lowered


@claim("coalitional/fact-12", domain=PUBLIC, source="Section 5.1, after Definition 8 (note F12, S11)",
       statement="On the public-good environments with free disposal (Examples 1 (types {0,1}) "
                 "and 2, 6 quadratic and 8 random ones): whenever robust monotonicity holds, every "
                 "certified Bergemann-Morris whistle-blower reward with the other agent's transfer "
                 "lowered by the exact amount M (the largest gain of the other agent over f at any "
                 "state) lies in the coalitional reward set Y_i and keeps the certified margin at "
                 "every pair; and robust coalitional monotonicity and Definition 8 for the maximal "
                 "pattern hold.")
def fact_12(env):
    from .rewards import coalitional_reward_set
    mb, rm = _mono(env, "bm")
    if rm["failures"]:
        return vacuous(rm=False)
    n = 0
    d = env.space.dim
    for key, res in mb.results.items():
        S, ts, tps, C, sub = key
        if not res["holds"]:
            continue
        i = S[0]
        j = 1 - i
        comp = mb.rs[S].components[C]
        W = comp.rs.W
        full = coalitional_reward_set(env, i)
        lowered = []
        for pt in res["points"]:
            z = list(pt["z"])
            for r in comp.points:
                off = comp.pos[r] * W
                y = z[off:off + W]
                M = max([ZERO] + [dot(env.w[j][s], y[:d]) - dot(env.w[j][s], env.f[s])
                                  for s in range(len(env.states))])
                y = _lowered(env, i, j, y, M)
                why = _union_point_violation(full, r, tuple(y))
                n += 1
                if why:
                    return fails(agent=i + 1, lowered=y, why=why)
                z[off:off + W] = y
            lowered.append((pt["weight"], z))
        mix = [sum((w * z[c] for w, z in lowered), ZERO) for c in range(comp.nvar)]
        g = mb.gains(S, ts, tps, C, sub)
        low = min(sum((x * y for x, y in zip(r, mix)), ZERO) - k for r, k in g)
        if low < res["value"]:
            return fails(agent=i + 1, margin=res["value"], after_lowering=low)
    if _mono(env, "coalitional")[1]["failures"] or _mono(env, "pattern", maximal(2))[1]["failures"]:
        return fails(rcm_or_pattern=True)
    return holds(lowered_rewards=n)


def _union_point_violation(rs, r, coords):
    """Membership of one value in a product component of a reward set (one-point component)."""
    comp = rs.component_of[r]
    if len(comp.points) != 1:
        return "not a one-point component"
    P = comp.problem()
    return None if P.contains(list(coords)) else "not in the coalitional reward set"


@claim("coalitional/fact-13", domain=PAIR, source="Sections 1 and 5.1 (note F13)",
       statement="The conditions of Theorem 2 for the maximal pattern and those of Bergemann and "
                 "Morris are independent: Example 2 satisfies robust S IC, robust S monotonicity "
                 "and the interior property for the maximal pattern but not robust monotonicity; "
                 "Example 1 (types {0, 1/2, 1}) satisfies EPIC, robust monotonicity, CNTI and "
                 "the interior property but not robust maximal-pattern IC.")
def fact_13(env):
    from .worked import example_1_values, example_2_values
    if env.name == "example-2":
        V = example_2_values()
        ok = V["sbar_ic"] is None and V["sbar"]["failures"] == 0 and V["interior"]["ok"] and \
            V["rm"]["failures"] > 0
        data = {"rm_failures": V["rm"]["failures"]}
    else:
        V = example_1_values()
        ok = epic_violation(env) is None and V["rm"]["failures"] == 0 and V["cnti"] and \
            V["interior"]["ok"] and pattern_ic_violation(env, maximal(2)) is not None
        data = {"sbar_ic_violation": violation_json(env, pattern_ic_violation(env, maximal(2)))}
    return holds(**data) if ok else fails(**data)


@claim("coalitional/fact-14", domain=PUBLIC, source="Section 4.1, after Definition 6 (note F14)",
       statement="On the public-good environments with free disposal: the interior coalitional "
                 "reward property holds through two low-consumption rewards (universally "
                 "dominated outcomes a-bar, a-under with u_i(a-bar) > u_i(a-under) at every "
                 "state, an exact LP per agent).")
def fact_14(env):
    it = analysis.interior(env)
    if not it["ok"]:
        return fails(pairs={i + 1: str(p["value"]) for i, p in it["pairs"].items()})
    return holds(pairs={str(i + 1): {"bar": p["bar"][:env.space.dim],
                                     "under": p["under"][:env.space.dim], "lp": p["lp"]}
                        for i, p in it["pairs"].items()})


@claim("coalitional/fact-16", domain=ENVS2, source="Section 5.2, remark after Theorem 2 (note F16, S8)",
       statement="On the 2-agent environments of the domain: RCIC coincides with robust maximal-"
                 "pattern IC, and RCM implies Definition 8 for the maximal pattern (the singleton "
                 "whistle-blowers suffice). Not checked: the interior maximal-pattern property "
                 "for every coalition, which Theorem 2's mechanism needs and Theorem 1 does not "
                 "assume (the note's S8).")
def fact_16(env):
    if (rcic_violation(env) is None) != (pattern_ic_violation(env, maximal(2)) is None):
        return fails(ic_mismatch=True)
    if not _holds_rcm(env):
        return vacuous(rcm=False)
    if _mono(env, "pattern", maximal(2))[1]["failures"]:
        return fails(definition_8=False)
    return holds()


# ================================================================================ Section 6 of the note

@claim("coalitional/two-agent-characterisation", domain=OrdinalDomain(sizes=(1, 2)),
       source="Section 4.1 remark (note F8 and section 6.2, item 2)",
       statement="Every two-agent environment with types {0,1}, outcomes {x0, x1}, deterministic "
                 "f and ordinal preferences (1,296 with private values; --size 2 adds the "
                 "104,976 interdependent ones): f is RCIC iff f is EPIC and no theta, theta' make "
                 "f(theta') strictly better than f(theta) for both agents at theta.")
def two_agent_characterisation(env):
    a = rcic_violation(env) is None
    b = epic_violation(env) is None and joint_improvement(env) is None
    return holds(rcic=a) if a == b else fails(rcic=a, epic_and_no_joint=b)


N3_SEARCH = Enumerated([{"search": "n = 3, types {0,1}, outcomes {x0,x1}, private ordinal "
                                   "preferences, canonical order"}],
                        name="one search over the 186,624 three-agent ordinal environments")


@claim("coalitional/characterisation-fails-n3", domain=N3_SEARCH,
       source="note section 6.2 item 2 and 6.3 (the n = 2 characterisation with n = 3)",
       statement="Among the three-agent environments with types {0,1}, outcomes {x0, x1}, "
                 "deterministic f and private ordinal preferences (186,624, searched in "
                 "canonical order), some is EPIC with no joint strict improvement yet not RCIC: "
                 "the two-agent characterisation fails for n = 3 (the first one in canonical "
                 "order is returned).")
def characterisation_fails_n3(search):
    dom = OrdinalDomain(sizes=(3,))
    for k in range(dom.count(3)):
        t = dom.table(3, k)
        if epic_violation(t) is None and joint_improvement(t) is None and \
                rcic_violation(t) is not None:
            e = dom.decode(3, k)
            v = rcic_violation(e)
            if v is None or epic_violation(e) is not None or joint_improvement(e) is not None:
                return fails(index=k, table_disagrees_with_environment=True)
            return holds(index=k, environment=e.to_json(), rcic_violation=violation_json(e, v),
                         searched=k + 1)
    return fails(searched=dom.count(3))


@claim("coalitional/whistle-blower-minimax", domain=MINIMAX,
       source="Definition 5; note section 2.3 item 3 and 6.2 item 6",
       statement="On 10 seeded random 2-agent lottery environments with a random f: for every "
                 "candidate (i, theta_i, theta'_i), every component of Y_i that is a union of "
                 "several polytopes, with "
                 "the full and a half pair set, the certified minimax margin (column generation "
                 "with branch-and-bound proof trees) equals the margin of Balas's disjunctive LP "
                 "(one homogenised copy per polytope), and the certificate re-checks.")
def whistle_blower_minimax(env):
    from .efficiency import balas_margin
    m, _ = _mono(env, "coalitional")
    n = 0
    for S in m.coals:
        i = S[0]
        M = m.M[S]
        for C, comp in enumerate(m.rs[S].components):
            P = m.problem(S, C)
            if not P.disjunctions:
                continue
            for ti in range(env.k[i]):
                for tpi in range(env.k[i]):
                    full = m.compmask[S][C]
                    half = full & int("01" * (M * M), 2)
                    for sub in (full, half):
                        if not sub:
                            continue
                        g = gains_for(env, comp, S, (ti,), (tpi,), images(sub), M)
                        res = conv_margin(P, g, optimal=True)
                        v = check_margin(P, g, res)
                        b = balas_margin(P, g)
                        n += 1
                        if v != b:
                            return fails(agent=i + 1, component=C, minimax=v, balas=b)
    return holds(compared=n) if n else vacuous(convex=True)


def _rescaled(env, rng):
    from .model import Environment
    util = []
    for i in range(env.n):
        table = {}
        for s, th in enumerate(env.states):
            c, d = Q(rng.randint(1, 3)), Q(rng.randint(-1, 1))
            table[env.key(th)] = [c * x + d for x in env.w[i][s]]
        util.append(table)
    scf = {env.key(th): list(env.f[s]) for s, th in enumerate(env.states)}
    return Environment.build([list(t) for t in env.types], list(env.space.labels), util, scf,
                             name=env.name + "-rescaled")


def _signature(env) -> dict:
    _, rm = analysis.monotonicity(env, "bm")
    _, rcm = analysis.monotonicity(env, "coalitional")
    viol = [(v["S"], v["true"], v["report"]) for v in ic_violations(env, coalitions(env.n))]
    cn = [(cnti(env, i, ti, rep)["value"] or 0) > 0 for i in range(env.n) for ti in range(env.k[i])
          for rep in split(env.k, (i,)).outside]
    return {"rcic_violations": viol, "rm_failing": [b for b, _ in rm["failing"]],
            "rcm_failing": [b for b, _ in rcm["failing"]], "cnti": cn,
            "interior": analysis.interior(env)["ok"]}


@claim("coalitional/rescaling-invariance", domain=EnvDomain(["random-n2-m3"]),
       source="note section 6.2 item 6 (belief-free conditions compare outcomes state by state)",
       statement="On 12 seeded random 2-agent lottery environments: replacing u_i(., theta) by "
                 "c_i(theta) u_i(., theta) + d_i(theta) with seeded c in {1,2,3}, d in {-1,0,1} "
                 "(state-dependent) leaves unchanged the RCIC violations, the deceptions without "
                 "a whistle-blower (BM and RCM), CNTI and the interior test.")
def rescaling_invariance(env):
    other = _rescaled(env, _rng(env, "rescale"))
    a, b = _signature(env), _signature(other)
    diff = [k for k in a if a[k] != b[k]]
    return fails(changed=diff) if diff else holds(rcic_violations=len(a["rcic_violations"]),
                                                  rm_failing=len(a["rm_failing"]))


@claim("coalitional/fact-15", domain=EnvDomain(["constant", "random-n2-m3", "random-n3-m2"]),
       source="Section 4.2, last paragraph (note F15)",
       statement="On the environments of the domain (6 with a constant f, 20 random with 2 or 3 "
                 "agents) whose f is RCIC but not ex-post weakly Pareto efficient over A at some "
                 "state theta: Theorem 1's mechanism with unrestricted proposals (the "
                 "Bergemann-Morris design) is not safe against coalitions: in a seeded random "
                 "finite type space, the grand coalition at types with payoff profile theta "
                 "blows the whistle, proposes the Pareto improvement a with K* above the exact "
                 "threshold, and every member strictly gains; the proposal a is not in Y_1, so "
                 "Theorem 1's restricted mechanism forbids it. (F15's second half is "
                 "coalitional/fact-15-pattern.)")
def fact_15(env):
    from .efficiency import weak_improvement
    from .oracles import constant, k_star
    from .rewards import coalitional_reward_set
    if rcic_violation(env) is not None:
        return vacuous(rcic=False)
    s = next((s for s in range(len(env.states)) if weak_improvement(env, s)["value"] > 0), None)
    if s is None:
        return vacuous(weakly_efficient=True)
    a = env.space.coords_of(weak_improvement(env, s)["a"])
    if coalitional_reward_set(env, 0).violation(constant(env, (0,), a)) is None:
        return fails(proposal_in_Y_1=True)
    hat = {i: [[env.f_coords[b] for b in split(env.k, (i,)).index[0]]] for i in range(env.n)}
    mech = WhistleMechanism(env, hat)
    ts = random_type_space(env, _rng(env, "fact-15"))
    theta = env.states[s]
    tstar = tuple(next(x for x in range(ts.sizes[i]) if ts.theta[i][x] == theta[i])
                  for i in range(env.n))
    S = tuple(range(env.n))
    tail = env.space.point(mech.tail((0,), split(env.k, (0,)).pos_out[theta[1:]]))
    K = max(k_star(dot(env.w[i][s], env.f[s]), dot(env.w[i][s], tail),
                   dot(env.w[i][s], env.space.point(a))) for i in S)
    truth = lambda j, x: Message(ts.theta[j][x])  # noqa: E731
    dev = {i: Message(theta[i], True, constant(env, (0,), a) if i == 0 else None, K) for i in S}
    tS = dict(zip(S, tstar))
    from .mechanisms import interim
    gains = {}
    for i in S:
        belief = ts.conditional(i, tS[i], S, tS)
        base = interim(mech, ts, i, tS[i], belief, truth)
        gains[i] = interim(mech, ts, i, tS[i], belief,
                           lambda j, x: dev[j] if tS.get(j) == x else truth(j, x)) - base
    if any(g <= 0 for g in gains.values()):
        return fails(state=env.key(theta), gains={str(i + 1): g for i, g in gains.items()})
    return holds(state=env.key(theta), proposal=a, K=K,
                 gains={str(i + 1): g for i, g in gains.items()})


N3_PATTERN_SEARCH = Enumerated([{"search": "random-n3-m3 environments in seed order, pattern "
                                           "{1,2} plus singletons, deceptions in canonical order"}],
                               name="one search over the 12 seeded three-agent environments "
                                    "(2 types, 3 outcomes) with the pattern {1,2} + singletons")


@claim("coalitional/definition-8-coalition-only", domain=N3_PATTERN_SEARCH,
       source="Section 5.1, remark after Definition 8 (a coalition may dissolve a deception that "
              "no singleton can)",
       statement="Among the 12 seeded three-agent environments (2 types each, lotteries over 3 "
                 "outcomes, interdependent utilities) with the pattern {{1,2},{1},{2},{3}}, "
                 "searched in order: some environment has an unacceptable deception that no "
                 "singleton dissolves (every singleton candidate's test fails, with its "
                 "certified bad conjecture) while the coalition {1,2}, whose members hold "
                 "independent conjectures about the outsider 3, dissolves it under Definition 8 "
                 "(decided exactly; the certificates re-check). The first one is returned.")
def definition_8_coalition_only(search):
    from .dissolvers import coalition_only
    fam = EnvDomain(["random-n3-m3"])
    pat = pattern(3, [[0], [1], [0, 1], [2]])
    for seed, env in enumerate(fam.instances(1)):
        m = Monotonicity(env, "pattern", pattern=pat)
        w = coalition_only(m)
        if w is None:
            continue
        S, ths, thp = w["coalition"]
        data = {"seed": seed, "environment": env.to_json(), "deception": deception_json(env, w["beta"]),
                "singleton_candidates": len(w["singletons"]), "searched_deceptions": w["searched"],
                "coalition": m.candidate_json(w["coalition"]),
                "results": {m.key_json(k): m.results[k] for k in w["keys"]}}
        if S != (0, 1):
            return fails(**data)
        return holds(**data)
    return fails(searched=fam.count(1))


F15W = EnvDomain(["named:pattern-reward-witness"])


@claim("coalitional/fact-15-pattern", domain=F15W,
       source="Section 5.2, first paragraph (note F15, second half)",
       statement="'A successful S reward function y in Y_S[S] may not be in Y_i for any i in S', "
                 "so Theorem 1's mechanism may leave a bad deception undissolved: on the "
                 "three-agent witness environment (found by a seeded search; it does not meet "
                 "Theorem 2's conditions: robust S IC fails) with the pattern {{1,2},{1},{2},"
                 "{3}}, some unacceptable deception is dissolved by no singleton and by the "
                 "coalition {1,2} under Definition 8 (certificates re-checked), while no "
                 "proposal of Theorem 1's mechanism dissolves it: for every candidate (theta_S, "
                 "theta'_S in beta_S(theta_S)), either member as i* proposing any y in its "
                 "(non-empty) coalitional reward set Y_i, and every report of the other member, "
                 "the realised rewards theta'_3 -> y(report, theta'_3) fail Definition 8's test "
                 "for every profile of conjectures (decided exactly). Not considered: mixing "
                 "with the Y-hat lottery (finite m^4), and whether the deception is an interim "
                 "equilibrium of that mechanism in some type space.")
def fact_15_pattern(env):
    from .dissolvers import coalition_only, theorem_1_cannot
    from .rewards import coalitional_reward_set
    pat = pattern(3, [[0], [1], [0, 1], [2]])
    m = Monotonicity(env, "pattern", pattern=pat)
    mc = Monotonicity(env, "coalitional")
    S = (0, 1)
    sup = {i: mc.support((i,)) for i in S}
    if any(sup[i]["empty"] is not None for i in S):
        return fails(empty_reward_set=[i + 1 for i in S if sup[i]["empty"] is not None])
    Y = {i: coalitional_reward_set(env, i) for i in S}
    w = coalition_only(m, accept=lambda beta, cand: cand[0] == S and
                       theorem_1_cannot(m, beta, S, Y, sup))
    if w is None:
        return fails(searched=count_profiles(env.k))
    return holds(deception=deception_json(env, w["beta"]), searched=w["searched"],
                 coalition=m.candidate_json(w["coalition"]), theorem_1_tests=w["accepted"],
                 results={m.key_json(k): m.results[k] for k in w["keys"]},
                 robust_pattern_ic=pattern_ic_violation(env, pat) is None)
