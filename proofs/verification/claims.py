"""Claims of Erlanson & Kleiner, "Optimal allocations with capacity constrained verification".

Checked exactly: capacity-function identities (Lemma 6, the proof of Lemma 7), the envelope
structure (Lemma 7, Corollary 1), Theorem 1 and Proposition 1 on finite type spaces (certified
exact LP), the Border-type Lemmas 2, 3, 5 and Lemma 8, Proposition 2's first-order condition,
Example 1, and the errata.

Reference: A. Erlanson and A. Kleiner, "Optimal allocations with capacity constrained
verification" (working paper; text in ``../shared/papers/capacity-verification.txt``); notes
``../shared/notes/verification.md`` and ``verification-appendix.md``.

Main statements
---------------
Here (``claims.py``):

- ``verification/lemma-2`` (Border, all sets vs upper sets), ``lemma-3`` (audits given p:
  max-flow against every symmetric E on 6,764 instances, exact LP on every 20th), ``lemma-4``
  (MWG solves (R); (R) built independently from (4)-(6)), ``lemma-5`` (type-dependent Border:
  max-flow/min-cut vs every E, 10,400 instances), ``footnote-11``, ``lemma-6`` ((19), (20),
  (23), the induction step and boundary values for symbolic n, :mod:`.symbolic_n`),
  ``lemma-6-per-n`` (the same per (n, m, k), n <= 8), ``lemma-7-derivatives``, ``lemma-8``,
  ``lemma-9``, ``lemma-9-discrete``, ``lemma-11-equality``, ``lemma-12-proof-steps``;
  ``lemma-10-reduced`` and ``lemma-12-inequality``: Lemma 10 / (29) on the proofs' reduced
  families with g continuous, exact radicals (Example 1's n, m, k).
- ``verification/theorem-1``: OPT over symmetric BIC ex-post mechanisms = max_phi W(phi), each
  instance with a checked LP certificate (n <= 5, all k < m < n, L <= 4, grid values/probs);
  ``proposition-1``, ``remark-1``, ``first-best-discrete``.
- ``verification/phi-lower-bound`` (the continuous statement, every phi), ``phi-lower-bound-
  positive`` and ``phi-lower-bound-discrete`` (a fact of the discrete analogue).
- ``verification/proposition-2`` and ``proposition-2-derivative``: (10) is V'(phi) = 0.
- ``verification/example-1``: phi* (the exact maximiser), the payoff, 39/32, 1 and 5/4.

In :mod:`.claims_cases` (Lemma 7's cases, every claim also as ``<id>-case-1/-2b/-3``):
``corollary-1-no-middle-allo`` (case 2.a occurs for no phi), ``lemma-7-corrected``,
``corollary-1``, the construction ``lemma-10``, ``lemma-13``, ``theorem-1-construction``
(straddling types included), ``lemma-11-discrete`` and ``lemma-12-discrete`` (finite types), and on all symmetric cell unions ``lemma-10-cells``, ``lemma-11``
(its reduction), ``lemma-12``. In :mod:`.claims_continuous`: ``proposition-2-derivative-
general`` (symbolic n and F), ``proposition-2-formula``, ``proposition-2-every-optimum``. In
:mod:`.claims_mechanisms`: ``lemma-1`` (from Definition 1 on explicit lotteries),
``lemma-1-needs-a-le-p`` (S7), ``collective-punishment`` (S6). In :mod:`.claims_notes`:
``section-3-1-slopes``, ``definition-3-objects``, ``k-zero-random-allocation``,
``lemma-5-submodular`` (S8, C-L5-sub).

Errata (expected "refuted"; witnesses in the verdicts and in ``examples.py``)
----------------------------------------------------------------------------
- ``lemma-7``: the auditing region collapses at phi-hat = (5 sqrt 2 - 6)/3, not at phi-bar = 3/8.
- ``lemma-10-proof``: n int_E P <= n int_E P^eff fails for E = C^ic u [g, gamma_3] (case 2.b).
- ``example-1-uniform-audit``, ``example-1-random-allocation``, ``example-1-per-agent``,
  ``proposition-2-a8-display``, ``lemma-4-wording``, ``footnote-13``;
  ``lemma-7-proof-case-split`` and ``proposition-2-a8-notation`` (in :mod:`.claims_notes`).

The statements in this file (predicates and witnesses) are the trust basis; the engine, the LP
solver and the flow solver are apparatus: LP results pass ``exact.lpcert.check_certificate``,
flows are re-checked exactly.
"""

from __future__ import annotations

import functools
import itertools

import sympy

from exact import claim, fails, holds, vacuous
from exact.domains import Enumerated
from exact.errors import CertificateError
from exact.numbers import Q

from . import border, example1, identities, regions
from .capacity import c_allo_poly, c_aud_poly, phi, q
from .domains import DiscreteDomain, PhiGridDomain, SeededDomain, TripleDomain
from .generators import lemma_8_values, make_lemma_2, make_lemma_3, make_lemma_5, make_lemma_8
from .mwg import W, best_value, breakpoints, first_best, interim_P, optimal_phis
from .optimum import certify, implement
from .typespace import instance

TRIPLES = TripleDomain(sizes=tuple(range(3, 13)), k_min=0)
TRIPLES_K1 = TripleDomain(sizes=tuple(range(3, 13)), k_min=1)
PHI_GRID = PhiGridDomain(sizes=(3, 4, 5, 6, 7), D=24)
PHI_GRID_UPPER = PhiGridDomain(sizes=(3, 4, 5, 6, 7), D=24, from_lower=True)
DISCRETE = DiscreteDomain(sizes=(2, 3, 4, 5))
DISCRETE_POS = DiscreteDomain(sizes=(2, 3, 4, 5), where=lambda i: i.values[0] > 0,
                              tag="lowest value v_1 > 0")


def _ids(out):
    return [i.name for i in out]


# --- Lemma 6 and Lemma 7 (A.4) -------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _lemma_6_steps() -> dict:
    from .symbolic_n import lemma_6_steps
    return {st.name: st for st in lemma_6_steps()}


@claim("verification/lemma-6", domain=Enumerated(["(19)", "(20)", "(23) derivative",
                                                  "(23) integral form", "induction step",
                                                  "boundary values"], name="Lemma 6's identities"),
       source="Appendix A.4, Lemma 6 (19), (20), (23) and the induction over m",
       statement="For symbolic n, m, k, i (every n): (19) c^allo' = -n sum_{j<m} C(n-1,j) "
                 "q^(n-1-j) (1-q)^j, (20) the same with k minus n phi, (23) d/dq G(i;n,1-q) = "
                 "n C(n-1,i) q^(n-i-1) (1-q)^i and its integral form, the induction step "
                 "c^allo(q|m+1) - c^allo(q|m) = 1 - G(m;n,1-q), and the boundary values: the "
                 "termwise derivative is a polynomial identity in n, j, q "
                 "(exact.symbolic.prove_identity), the sums telescope (sympy.summation).")
def lemma_6(name):
    from .symbolic_n import STATEMENTS
    steps = _lemma_6_steps()
    used = [st for key in STATEMENTS[name] for nm, st in steps.items() if nm.startswith(key)]
    if len(used) < len(STATEMENTS[name]) or not all(st.holds for st in used):
        return fails(identity=name, steps=[st.to_json() for st in used])
    return holds(identity=name, steps=[st.to_json() for st in used])


@claim("verification/lemma-6-per-n", domain=TRIPLES, size=8,
       source="Appendix A.4, Lemma 6 (19), (20), (23)",
       statement="Cross-check of verification/lemma-6 for each (n, m, k) with n <= 8 (--size 12): "
                 "(19), (20), (23), the boundary values, c^ic - c^aud = m - n phi - "
                 "E[min{Bin(n,1-q),k}] and the induction step over m as polynomial identities in "
                 "q and phi.")
def lemma_6_per_n(t):
    n, m, k = t
    out = identities.lemma_6_identities(n, m, k) + identities.induction_step(n, m)
    bad = [i.to_json() for i in out if not i.holds]
    if bad:
        return fails(failed=bad)
    return holds(identities=_ids(out), method="exact.symbolic.prove_identity")


@claim("verification/lemma-7-derivatives", domain=TRIPLES, size=8,
       source="Appendix A.4, proof of Lemma 7",
       statement="For each (n, m, k) with n <= 8 (--size 12): c^allo'' and c^aud'' have the stated "
                 "closed forms and are <= 0 on [0,1] (checked at q = j/20 exactly), c^ic is "
                 "linear, (c^ic - c^aud)' = n G(k-1; n-1, 1-q).")
def lemma_7_derivatives(t):
    n, m, k = t
    out = identities.lemma_7_derivative_identities(n, m, k)
    bad = [i.to_json() for i in out if not i.holds]
    if bad:
        return fails(failed=bad)
    d2a = c_allo_poly(n, m).diff(q).diff(q)
    d2u = sympy.Poly(c_aud_poly(n, k).as_expr().diff(q, 2), q, phi)
    for j in range(21):
        x = sympy.Rational(j, 20)
        va, vu = d2a.eval(x), d2u.as_expr().subs(q, x)
        if va > 0 or vu > 0:
            return fails(q=str(x), c_allo_second=str(va), c_aud_second=str(vu))
    return holds(identities=_ids(out), grid="q = j/20")


def _lemma_7(inst, predict):
    n, m, k, ph = inst
    case, pred = predict(n, m, k, ph)
    bad = regions.disagreement(n, m, k, ph, pred)
    if bad:
        return fails(case=case, phi=ph, predicted=[(lab, regions.number_json(a),
                                                    regions.number_json(b))
                                                   for lab, a, b in pred], **bad)
    return holds(case=case, pattern=regions.pattern(regions.runs(n, m, k, ph)))


@claim("verification/lemma-7", domain=PHI_GRID, size=5, source="Appendix A.4, Lemma 7",
       statement="The lower envelope has the four structures of Lemma 7 (cases 1, 2.a, 2.b, 3 "
                 "with the threshold phi-bar where c^aud >= c^allo on [0,1)).",
       erratum="The auditing region collapses at the triple point phi-hat (z2 = r2), below "
               "phi-bar; for phi in (phi-hat, phi-bar] the case-2.b description is inverted "
               "(n=3, m=2, k=1: phi-hat = (5 sqrt 2 - 6)/3 < 73/200 < 3/8 = phi-bar).")
def lemma_7(inst):
    return _lemma_7(inst, regions.lemma_7_prediction)


# --- Lemma 9, Lemma 12 ------------------------------------------------------------------------------

@claim("verification/lemma-9", domain=TRIPLES_K1, size=8, source="Appendix A.5, Lemma 9",
       statement="For each (n, m, k) with n <= 8 (--size 12; every n follows from (19), (20) in "
                 "verification/lemma-6): the merit rule's interim probability is P on C^allo "
                 "(G(m-1;n-1,1-q) = -c^allo'/n), P - phi on C^aud (G(k-1;n-1,1-q) = -c^aud'/n - "
                 "phi), 0 = P - phi on C^ic, as polynomial identities.")
def lemma_9(t):
    n, m, k = t
    from .capacity import binom_cdf_poly, c_ic_poly
    ca, cu, ci = (c_allo_poly(n, m).as_expr(), c_aud_poly(n, k).as_expr(),
                  c_ic_poly(n, m).as_expr())
    out = [identities.prove("allo", "Lemma 9", binom_cdf_poly(m - 1, n - 1).as_expr(),
                            -sympy.diff(ca, q) / n),
           identities.prove("aud", "Lemma 9", binom_cdf_poly(k - 1, n - 1).as_expr(),
                            -sympy.diff(cu, q) / n - phi),
           identities.prove("ic", "Lemma 9", 0, -sympy.diff(ci, q) / n - phi)]
    bad = [i.to_json() for i in out if not i.holds]
    return fails(failed=bad) if bad else holds(identities=_ids(out))


@claim("verification/lemma-9-discrete", domain=DISCRETE, size=4,
       source="Appendix A.5, Lemma 9 and Definition 4, with atoms (note Section 2: random tie-breaking)",
       statement="With random tie-breaking, the chord of c^allo (c^aud without phi) over a type's "
                 "quantile interval is the probability of being among the m (k) highest; so for "
                 "every type whose interval lies in one region, P_phi = merit + phi 1{aud, ic}.")
def lemma_9_discrete(inst):
    from .capacity import expected_min
    from .mwg import top_probability
    n, m, k, g = inst.n, inst.m, inst.k, inst.grid
    for l in range(inst.L):
        for cap in (m, k):
            chord = (expected_min(n, cap, g[l]) - expected_min(n, cap, g[l + 1])) / (n * inst.probs[l])
            if chord != top_probability(inst, l, cap):
                return fails(type=l, cap=cap, chord=chord, tie_broken=top_probability(inst, l, cap))
    checked = 0
    for ph in [p for p in breakpoints(inst) if p >= Q(m - k, n)]:
        rs = regions.runs(n, m, k, ph)
        P = interim_P(inst, ph)
        for l in range(inst.L):
            run = [r for r in rs if r.left <= g[l] and r.right >= g[l + 1]]
            if not run:
                continue                          # the type straddles a cut-off
            lab = run[0].label
            merit = {"allo": top_probability(inst, l, m), "aud": top_probability(inst, l, k),
                     "ic": Q(0)}[lab]
            if P[l] != merit + (ph if lab != "allo" else 0):
                return fails(phi=ph, type=l, region=lab, P=P[l], merit=merit)
            checked += 1
    return holds(types_in_one_region=checked)


@claim("verification/lemma-12-proof-steps", domain=TRIPLES_K1, size=8,
       source="Appendix A.6, proof of Lemma 12 (the helper rule p^k)",
       statement="For n <= 8: p^k <= p^m pointwise and |J^{p^k}| <= k for every ranked region profile, and the "
                 "interim of p^k on C^allo u C^aud is G(k-1; n-1, 1-q) = -c^aud'/n - phi.")
def lemma_12(t):
    n, m, k = t
    from .capacity import binom_cdf_poly
    order = ["allo", "aud", "allo_low", "ic"]         # regions from the top quantile down
    for regs in itertools.combinations_with_replacement(range(4), n):
        labels = [order[r] for r in regs]             # rank 1 (highest) first
        pm = [(lab.startswith("allo") and r < m) or (lab == "aud" and r < k)
              for r, lab in enumerate(labels)]
        pk = [lab != "ic" and r < k for r, lab in enumerate(labels)]
        if any(a and not b for a, b in zip(pk, pm)) or sum(pk) > k or sum(pm) > m:
            return fails(ranked_regions=labels, p_k=pk, p_m=pm)
    ident = identities.prove("interim p^k", "Lemma 12", binom_cdf_poly(k - 1, n - 1).as_expr(),
                             -sympy.diff(c_aud_poly(n, k).as_expr(), q) / n - phi)
    return holds(profiles="all ranked region profiles") if ident.holds else fails(
        failed=ident.to_json())


@claim("verification/lemma-11-equality", domain=TRIPLES_K1, size=7,
       source="Appendix A.6, Lemma 11 (the maximising sets; appendix note Section 4.4)",
       statement="For each (n, m, k) with n <= 7: for E = [x, 1] with x in C^aud, (29) holds "
                 "with equality: E[min{|J^{p^m}(t, E)|, k}] = n int_x^1 A dq = E[min{Bin(n, 1-x), "
                 "k}], identically in x and gamma_3.")
def lemma_11_equality(t):
    n, m, k = t
    from math import factorial
    from .capacity import expected_min_poly
    x, G = sympy.symbols("x G")
    rhs = sympy.Integer(0)
    for n0 in range(n + 1):                  # agents below x, in [x, gamma_3), in [gamma_3, 1]
        for n1 in range(n - n0 + 1):
            n2 = n - n0 - n1
            won = min(n2, m) + max(0, min(n1, k - n2))        # merit winners above x
            coef = factorial(n) // (factorial(n0) * factorial(n1) * factorial(n2))
            rhs += coef * x ** n0 * (G - x) ** n1 * (1 - G) ** n2 * min(won, k)
    lhs = expected_min_poly(n, k).as_expr().subs(q, x)       # c^aud(x) - n phi (1 - x)
    res = sympy.expand(rhs - lhs)
    return holds(residual="0") if res == 0 else fails(residual=str(res))


# --- Lemma 10: the proof step --------------------------------------------------------------------

#: case-2.b phi of Example 1's (n, m, k) with rational gamma_1 = 1/4, 1/3, 2/5 (3 phi - 1 =
#: gamma_1^3), and a point g inside (gamma_1, gamma_3) (the predicate re-checks g's position)
LEMMA_10_CASES = [{"n": 3, "m": 2, "k": 1, "phi": "phi*", "g": "gamma_3*"},
                  {"n": 3, "m": 2, "k": 1, "phi": Q(65, 192), "g": Q(2, 5)},
                  {"n": 3, "m": 2, "k": 1, "phi": Q(28, 81), "g": Q(2, 5)},
                  {"n": 3, "m": 2, "k": 1, "phi": Q(133, 375), "g": Q(5, 12)}]


@claim("verification/lemma-10-proof", domain=Enumerated(LEMMA_10_CASES, name="Example 1's "
       "(n,m,k) at case-2.b phi with rational gamma_1; g in (gamma_1, gamma_3)"),
       source="Appendix A.5, proof of Lemma 10 (last step)",
       statement="For E = C^ic u [g, gamma_3], n int_E P dF <= n int_E P^eff dF.",
       erratum="In case 2.b (Example 1's own case) n int_{C^ic} P = m - c^aud(gamma_1) exceeds "
               "m - c^allo(gamma_1); the step overshoots by [c^allo - c^aud](gamma_1) - "
               "[c^allo - c^aud](g) > 0 for g near gamma_3. The lemma's conclusion is not refuted.")
def lemma_10_proof(inst):
    if inst["phi"] == "phi*":                    # Example 1 at phi*, g -> gamma_3* (algebraic)
        red, value = example1.lemma_10_overshoot_star()
        if value > 0:                            # exact sign of an element of Q(gamma_3*)
            return fails(overshoot=f"{red.as_expr()} at g = gamma_3*", digits=value.digits(18),
                         enclosure=regions.dyadic_enclosure(value, 100))
        return holds()
    over = example1.lemma_10_overshoot(inst["phi"], inst["g"])
    return fails(overshoot=over) if over > 0 else holds(overshoot=over)


@claim("verification/lemma-10-reduced", domain=Enumerated(
           [str(Q(1, 3) + Q(j, 600)) for j in range(1, 15)], name="Example 1's (n, m, k) = (3, 2, 1), "
           "phi = 1/3 + j/600, j = 1..14 (all in case 2.b, below phi-hat)"),
       source="Appendix A.5, Lemma 10 (conclusion, on the proof's reduced family)",
       statement="In case 2.b, (27) holds for E = [g, gamma_3] and E = C^ic u [g, gamma_3], "
                 "g in [gamma_2, gamma_3]: the exact maximum of the gap over g is <= 0 (attained "
                 "at E = empty set and E = [0, gamma_3] with equality).")
def lemma_10_reduced(text):
    from .lemma10 import reduced_family_max
    res = reduced_family_max(sympy.Rational(text))
    if all(v["max_le_0"] for v in res.values()):
        return holds(**res)
    return fails(**res)


@claim("verification/lemma-12-inequality", domain=Enumerated(
           [str(Q(1, 3) + Q(j, 600)) for j in range(1, 15)], name="Example 1's (n, m, k) = (3, 2, 1), "
           "phi = 1/3 + j/600, j = 1..14 (all in case 2.b, below phi-hat)"),
       source="Appendix A.6, Lemmas 11 and 12 (the inequality (29) on Lemma 11's family)",
       statement="In case 2.b, (29) holds for E = [gamma_1, gamma_3] u [g, 1], g in [gamma_3, 1] "
                 "(Lemma 11's family with gamma = gamma_1 = gamma_2): the exact maximum of "
                 "n int_E A - E[min{|J^{p^m}(t, E)|, k}] over g is <= 0.")
def lemma_12_inequality(text):
    from .lemma10 import audit_family_max
    res = audit_family_max(sympy.Rational(text))
    return holds(**res) if res["max_le_0"] else fails(**res)


# --- Lemmas 2, 3, 5, 8 and footnote 11 -----------------------------------------------------------

@claim("verification/lemma-2", domain=SeededDomain("lemma-2", (2, 3, 4), 40, make_lemma_2,
                                                    lambda d: d),
       source="Section 4, Lemma 2 (Border; Che, Kim, Mierendorff 2013)",
       statement="P is feasible iff (12) holds for all sets E; for non-decreasing P upper sets "
                 "E = [e, 1] suffice.")
def lemma_2(inst):
    d = inst[2]
    feas = border.symmetric_flow(d["probs"], d["n"], d["m"], d["P"])
    bad = border.border_sets(d["probs"], d["n"], d["m"], d["P"])
    if feas != (not bad):
        return fails(flow_feasible=feas, violated=bad)
    mono = list(d["P"]) == sorted(d["P"])
    if mono and (not bad) != (not border.border_sets(d["probs"], d["n"], d["m"], d["P"],
                                                     upper_only=True)):
        return fails(monotone=True, violated=bad)
    return holds(feasible=feas, monotone=mono)


@claim("verification/lemma-3", domain=SeededDomain("lemma-3", (3, 4), 3382, make_lemma_3,
                                                    lambda d: {**d, "eligible": {
                                                        str(M): v for M, v in d["eligible"].items()}}),
       source="Section 4, Lemma 3 (proof in A.6)",
       statement="A is feasible given a symmetric deterministic p iff (13) holds for every "
                 "(symmetric) set E of types: exact max-flow against every symmetric E on 6,764 "
                 "random instances (n = 3, 4; 2 to 4 types; the note's scale), and the certified "
                 "exact LP agrees on every 20th.")
def lemma_3(inst):
    d = inst[2]
    feas = border.symmetric_flow(d["probs"], d["n"], d["k"], d["A"], eligible=d["eligible"])
    bad = border.border_sets(d["probs"], d["n"], d["k"], d["A"], eligible=d["eligible"])
    lp = feas
    if inst[1] % 20 == 0:
        lp = border.symmetric_lp_feasible(d["probs"], d["n"], d["k"], d["A"],
                                          eligible=d["eligible"])
    if feas == (not bad) == lp:
        return holds(feasible=feas, lp_checked=inst[1] % 20 == 0)
    return fails(flow_feasible=feas, lp_feasible=lp, violated=bad)


_LEMMA_5 = SeededDomain("lemma-5", (2, 3, 4), 5200, make_lemma_5, lambda mk: mk.to_json())
_LEMMA_5.default_size = 3


@claim("verification/lemma-5", domain=_LEMMA_5,
       source="Appendix A.2, Lemma 5",
       statement="P is induced by a feasible rule with type-dependent capacity h(t) and eligible "
                 "set J(t) iff the inequality holds for every E = E_1 u ... u E_n (exact "
                 "max-flow/min-cut against enumeration of every E): 10,400 random instances with "
                 "n = 2 (2 or 3 types each) and n = 3 (the note's scale); n = 4 with --size 4.")
def lemma_5(inst):
    mk = inst[2]
    res = border.lemma_5_flow(mk)
    bad = border.violated_sets(mk)
    if res["feasible"]:
        err = border.check_rule(mk, res["rule"])
        if err or bad:
            return fails(flow="feasible", rule_error=err, violated=[b[0] for b in bad])
        return holds(feasible=True)
    if not bad or not res["lhs"] > res["rhs"]:
        return fails(flow="infeasible", cut=res["cut"], violated=[b[0] for b in bad])
    return holds(feasible=False, cut=res["cut"], lhs=res["lhs"], rhs=res["rhs"])


@claim("verification/footnote-11", domain=Enumerated(["footnote-11"], name="footnote 11's instance"),
       source="Section 4, footnote 11",
       statement="With type-dependent capacities the upper-set constraints hold but the set "
                 "{low type of agent 1, high type of agent 2} is violated (3/8 > 1/4).")
def footnote_11(_):
    mk = border.footnote_11()
    upper = [frozenset(), frozenset({1}), frozenset({0, 1})]
    ups = [(E1, E2) for E1 in upper for E2 in upper]
    if any(border.lemma_5_lhs(mk, E) > border.lemma_5_rhs(mk, E) for E in ups):
        return fails(reason="an upper set is violated")
    bad = border.violated_sets(mk)
    flow = border.lemma_5_flow(mk)
    want = (frozenset({0}), frozenset({1}))
    if len(bad) != 1 or bad[0][0] != want or flow["feasible"]:
        return fails(violated=bad, flow_feasible=flow["feasible"])
    return holds(upper_sets_checked=len(ups), violated=want, lhs=bad[0][1], rhs=bad[0][2])


@claim("verification/lemma-8", domain=SeededDomain("lemma-8", (2, 3), 240, make_lemma_8,
                                                    lambda d: {**d, "h": {str(t): v for t, v in
                                                                         d["h"].items()}}),
       source="Appendix A.5, Lemma 8",
       statement="A symmetric supermodular f on u_i T has a symmetric maximiser; its maximisers "
                 "are closed under unions and intersections (480 random f: n = 2 with |T| = 3, "
                 "n = 3 with |T| = 2 or 3; the note ran 465).")
def lemma_8(inst):
    vals = lemma_8_values(inst[2])
    gap = border.supermodular_gap(vals)
    if gap:
        return fails(reason="f is not supermodular (generator bug)", pair=gap)
    best, sym, arg = border.symmetric_max(vals)
    if sym != best:
        return fails(max=best, symmetric_max=sym)
    for X, Y in itertools.combinations(arg, 2):
        for Z in (tuple(a | b for a, b in zip(X, Y)), tuple(a & b for a, b in zip(X, Y))):
            if vals[Z] != best:
                return fails(maximisers=(X, Y), not_maximiser=Z)
    return holds(max=best, maximisers=len(arg))


# --- Lemma 4, Theorem 1, Propositions 1 and 2 (discrete) ------------------------------------------

@claim("verification/lemma-4", domain=DISCRETE, size=4, source="Section 4 / A.3, Lemma 4",
       statement="For every breakpoint phi in [(m-k)/n, m/n] the MWG interim rule solves the "
                 "relaxed problem (R): the exact optimum of (R) built independently from the "
                 "definitions of (4), (5), (6) (profile enumeration, one row per bound, no "
                 "envelope) equals W(phi), and P_phi is feasible in it with that value; phi <= "
                 "P_phi <= 1 and P_phi is non-decreasing.")
def lemma_4(inst):
    from .relaxed import relaxed_lp, upper_set_bounds
    n, m, k, L = inst.n, inst.m, inst.k, inst.L
    for ph in [p for p in breakpoints(inst) if p >= Q(m - k, n)]:
        P = interim_P(inst, ph)
        if not all(ph <= p <= 1 for p in P) or P != sorted(P):
            return fails(phi=ph, P=P, reason="phi <= P <= 1 and monotone")
        res = relaxed_lp(inst, ph)
        value = sum((n * p * v * x for p, v, x in zip(inst.probs, inst.values, P)), Q(0))
        feasible = all(sum((n * inst.probs[j] * P[j] for j in range(l, L)), Q(0)) <= min(b.values())
                       for l, b in enumerate(upper_set_bounds(inst, ph)))
        if res.status != "optimal" or res.value != W(inst, ph) or value != res.value \
                or not feasible:
            return fails(phi=ph, lp_value=res.value, closed_form=W(inst, ph), mwg_value=value,
                         mwg_feasible=feasible)
    return holds()


def _replay_theorem_1(inst, data):
    """Re-check a saved Theorem 1 witness with fmpq only: rebuild the LP, check x and the duals.

    The saved LP certificate (``"kind": "lp-optimal"``) has already been re-checked by
    :func:`exact.lpcert.check_certificate` (:func:`exact.checker.check_witness` does that for
    every ``lp-*`` certificate in a witness); here it is bound to the instance: its problem must
    be the LP of Theorem 1 rebuilt from the instance, its value the saved optimum.
    """
    if "x" not in data:
        return                                   # a violation: the engine re-runs the predicate
    from exact.numbers import parse_q, to_jsonable
    from .optimum import check_sparse, opt_lp
    lp = opt_lp(inst)
    x, y = [Q(0)] * lp.nvars, [Q(0)] * len(lp.rows)
    for vec, key in ((x, "x"), (y, "y_ub")):
        for j, v in data[key].items():
            vec[int(j)] = parse_q(v, f"{key}[{j}]")
    check_sparse(lp, x, y)
    value = parse_q(data["value"], "value")
    if sum((c * v for c, v in zip(lp.c, x)), Q(0)) != value:
        raise CertificateError("value: c.x differs from the saved optimum")
    if value != best_value(inst):
        raise CertificateError("value: differs from max_phi W(phi)")
    cert = data.get("certificate")
    if cert is None:
        return                                   # a record saved before certificates were kept
    if not isinstance(cert, dict) or cert.get("kind") != "lp-optimal":
        raise CertificateError("certificate: not an 'lp-optimal' LP certificate")
    problem = {"c": lp.c, "A_ub": lp.A_ub, "b_ub": lp.b_ub, "A_eq": [], "b_eq": [],
               "bounds": [[lo, hi] for lo, hi in lp.bounds]}
    if cert.get("sense") != "max" or cert.get("problem") != to_jsonable(problem):
        raise CertificateError("certificate: its problem is not Theorem 1's LP of this instance")
    if parse_q(cert.get("value"), "certificate.value") != value:
        raise CertificateError("certificate: its value differs from the saved optimum")
    if cert.get("digest") != data.get("certificate_digest"):
        raise CertificateError("certificate_digest: differs from the certificate's digest")


@claim("verification/theorem-1", domain=DISCRETE, size=5, source="Section 3.1, Theorem 1",
       replay=_replay_theorem_1,
       statement="On a finite type space, the optimum over all symmetric BIC ex-post mechanisms "
                 "equals the best merit-with-guarantee value max_phi W(phi) (certified exact LP).")
def theorem_1(inst):
    try:
        cert = certify(inst)
    except CertificateError as exc:
        return fails(reason=str(exc), mwg_value=best_value(inst))
    return holds(certificate=cert.certificate, value=cert.value, phi=cert.phi,
                 optimal_phis=optimal_phis(inst), certificate_digest=cert.certificate["digest"],
                 x={j: v for j, v in enumerate(cert.x) if v},
                 y_ub={j: v for j, v in enumerate(cert.duals["ub"]) if v})


@claim("verification/proposition-1", domain=DISCRETE, size=4, source="Section 3.2, Proposition 1",
       statement="For every breakpoint phi in [(m-k)/n, m/n] the MWG interim rule (P_phi, "
                 "A_phi = P_phi - phi) is induced by a feasible ex-post mechanism (exact LP "
                 "feasibility with a witness).")
def proposition_1(inst):
    done = []
    for ph in [p for p in breakpoints(inst) if p >= Q(inst.m - inst.k, inst.n)]:
        res = implement(inst, ph)
        if res.status != "optimal":
            return fails(phi=ph, farkas=res.farkas)
        done.append(ph)
    return holds(phis=done)


@claim("verification/phi-lower-bound", domain=TRIPLES_K1, size=8, source="Section 3.1",
       statement="In the continuous model (f > 0) every optimal phi is at least (m-k)/n: for "
                 "every phi < (m-k)/n the envelope is 'aud allo' with an auditing region [0, r2] "
                 "of positive length (exact case intervals, all phi), so V'(phi) = n int_0^{t(r2)} "
                 "(1 - F) dt > 0; n <= 8 by default (--size 13).")
def phi_lower_bound(t):
    from . import cases
    n, m, k = t
    first = cases.intervals(n, m, k)[0]
    rs = regions.runs(n, m, k, first.sample)
    ok = (first.pattern == "aud allo" and first.hi == Q(m - k, n) and rs[0].label == "aud"
          and rs[0].right > 0)
    data = {"interval": first.to_json(), "aud_region_end_at_sample": regions.number_json(
        rs[0].right)}
    return holds(**data) if ok else fails(**data)


@claim("verification/phi-lower-bound-discrete", domain=DISCRETE, size=4,
       source="Section 3.1 (discrete analogue; appendix note S3)",
       statement="Discrete analogue (a fact of the finite model, not an error of the paper): the "
                 "best W over phi >= (m-k)/n equals the global maximum, so some optimal phi is "
                 ">= (m-k)/n; with v_1 = 0 the optimal set can extend below (m-k)/n (e.g. n=4, "
                 "m=3, k=2, types {0, 1/2, 1} uniform: [2/9, 43/108]); the hypothesis -- it does "
                 "extend below -- is met by the instances counted in the verdict.")
def phi_lower_bound_discrete(inst):
    opt = optimal_phis(inst)
    low = Q(inst.m - inst.k, inst.n)
    if max(opt) < low:
        return fails(optimal_set=[min(opt), max(opt)], lower_bound=low)
    data = {"optimal_set": [min(opt), max(opt)], "v_1": inst.values[0]}
    return holds(**data) if min(opt) < low else vacuous(**data)


@claim("verification/phi-lower-bound-positive", domain=DISCRETE_POS, size=4, source="Section 3.1",
       statement="With v_1 > 0 every optimal phi is at least (m-k)/n, and W is strictly "
                 "increasing on [0, (m-k)/n].")
def phi_lower_bound_positive(inst):
    opt = optimal_phis(inst)
    low = Q(inst.m - inst.k, inst.n)
    pts = [p for p in breakpoints(inst) if p <= low]
    vals = [W(inst, p) for p in pts]
    if min(opt) < low or any(a >= b for a, b in zip(vals, vals[1:])):
        return fails(optimal_set=[min(opt), max(opt)], W=list(zip(pts, vals)))
    return holds(optimal_set=[min(opt), max(opt)])


@claim("verification/remark-1", domain=DiscreteDomain(sizes=(3, 4, 5), k_min=1), size=3,
       source="Section 3.2, Remark 1",
       statement="No optimal BIC mechanism satisfies the ex-post incentive constraints: adding "
                 "them to the LP lowers the exact optimum (k >= 1).")
def remark_1(inst):
    from .optimum import expost_ic_value
    res = expost_ic_value(inst)
    opt = best_value(inst)
    if res.status == "optimal" and res.value < opt:
        return holds(opt=opt, expost_ic_opt=res.value)
    return fails(opt=opt, expost_ic_opt=res.value)


FIRST_BEST = [{"n": 4, "m": 3, "k": 2, "values": [1, 2, 3], "probabilities": ["1/3"] * 3}]


@claim("verification/first-best-discrete", domain=Enumerated(FIRST_BEST, name="the note's witness"),
       source="Section 3.1 (observation; the argument needs an atomless F)",
       statement="With discrete types the first best can be BIC: the certified optimum equals "
                 "the first-best value.")
def first_best_discrete(d):
    inst = instance(d["n"], d["m"], d["k"], d["values"], d["probabilities"])
    cert = certify(inst)
    fb = first_best(inst)
    return holds(value=cert.value, first_best=fb, phi=cert.phi) if cert.value == fb else fails(
        value=cert.value, first_best=fb)


DISTRIBUTIONS = ["t", "t^2", "t^3", "t^(1/2)", "3*t^2 - 2*t^3"]


@claim("verification/proposition-2", domain=Enumerated(DISTRIBUTIONS, name="CDFs on [0,1]"),
       source="Section 3.3, Proposition 2, (10); proof in A.8",
       statement="(10) is V'(phi) = 0 with V'(phi)/n = int_{g2}^{g3} (1-F) dt - int_0^{g1} F dt "
                 "(integration by parts; an identity in g1, g2, g3).")
def proposition_2(text):
    from .typespace import distribution
    res = example1.foc_identity(distribution(text).cdf)
    return holds(residual="0") if res == 0 else fails(residual=str(res))


@claim("verification/proposition-2-derivative", domain=Enumerated(["example-1"], name="Example 1"),
       source="Section 3.3, Proposition 2 (proof in A.8), in Example 1's case 2.b",
       statement="Differentiating V(phi) = n U(phi) with the implicit cut-offs gives "
                 "V'(phi) = n [int_{g2}^{g3} (1 - F) - int_0^{g1} F] (boundary terms cancel).")
def proposition_2_derivative(_):
    res = example1.V_prime_residual()
    return holds(residual="0") if res == 0 else fails(residual=str(res))


@claim("verification/proposition-2-a8-display", domain=Enumerated(DISTRIBUTIONS, name="CDFs on [0,1]"),
       source="Appendix A.8, last display",
       statement="A.8's final display (with +g3[1-F(g3)] on the left) is the condition U'(phi) = 0.",
       erratum="The sign of g3[1-F(g3)] is wrong: the display differs from (10) by "
               "2 g3 (1 - F(g3)) != 0; main-text (10) is right.")
def proposition_2_a8(text):
    from .typespace import distribution
    res = example1.a8_display_residual(distribution(text).cdf)
    return holds() if res == 0 else fails(difference=str(res))


# --- Example 1 and its errata ----------------------------------------------------------------------

@claim("verification/example-1", domain=Enumerated(["example-1"], name="Example 1"),
       source="Section 3.3, Example 1",
       statement="phi* rounds to 0.34764 (the exact maximiser of V, root of the quintic for "
                 "gamma_3), n U(phi*) rounds to 1.223, the random allocation (the MWG rule at phi "
                 "= m/n, P = 2/3) pays 1, the first best is 5/4, and V(1/3) = 39/32 (exact).")
def example_1(_):
    from .continuous import Power, V_upper, constant_rule_payoff, first_best, optimum, rounds_to
    F = Power(1)
    opt = optimum(3, 2, 1, F)
    rnd = constant_rule_payoff(3, Q(2, 3), F)
    v13, fb = example1.V_rational(Q(1, 3)), first_best(3, 2, F)
    ok = (rounds_to(opt["phi_star"], "0.34764") and rounds_to(opt["payoff"], "1.223")
          and rnd == 1 == V_upper(3, 2, F) and fb == Q(5, 4) and v13 == Q(39, 32))
    data = dict(phi_star=regions.number_json(opt["phi_star"]),
                payoff=regions.number_json(opt["payoff"]), random=rnd, V_one_third=v13,
                first_best=fb, quintic=str(example1.foc_quintic().as_expr()))
    return holds(**data) if ok else fails(**data)


@claim("verification/example-1-uniform-audit", domain=Enumerated(["example-1"], name="Example 1"),
       source="Section 1 (\"k are randomly selected\") and Section 3.2, in Example 1",
       statement="Auditing one merit-stage winner uniformly at random is BIC in Example 1.",
       erratum="Type 0 (P = phi*) gains (1 - gamma_3*)^2/6 = 0.04995 by reporting 1: "
               "A_unif(1) = (1 + gamma_3^2)/2 < 1 - phi*. Audits must follow A = P - phi.")
def example_1_uniform_audit(_):
    gain, simple = example1.uniform_audit_gain()
    g3 = example1.gamma3_star()
    lo, hi = (sympy.Rational(int(x.p), int(x.q)) for x in g3.refine(digits=20))
    low = min(simple.subs(example1.g, lo), simple.subs(example1.g, hi))   # the gain on [lo, hi]
    if low > 0:
        return fails(gain=str(simple), gain_lower_bound=str(sympy.Float(low, 15)),
                     gamma_3=regions.number_json(g3))
    return holds()


@claim("verification/example-1-random-allocation", domain=Enumerated(["example-1"], name="Example 1"),
       source="Section 3.3, Example 1",
       statement="A random allocation giving every agent an object with probability 1/3 has "
                 "expected payoff 1.",
       erratum="With probability 1/3 the payoff is 1/2 (payoff identity, n int_0^1 P t dF with "
               "P = 1/3); the payoff 1 is the random allocation with probability m/n = 2/3, the "
               "MWG rule at phi = m/n.")
def example_1_random(_):
    from .continuous import Power, V_upper, constant_rule_payoff
    F = Power(1)
    third, two_thirds = constant_rule_payoff(3, Q(1, 3), F), constant_rule_payoff(3, Q(2, 3), F)
    if third == 1:
        return holds(payoff_with_one_third=third)
    return fails(payoff_with_one_third=third, payoff_with_two_thirds=two_thirds,
                 mwg_at_m_over_n=V_upper(3, 2, F))


@claim("verification/example-1-per-agent", domain=Enumerated(["example-1"], name="Example 1"),
       source="Section 3.3 (U(phi) called the principal's payoff) and Example 1",
       statement="The principal's payoff U(phi*) rounds to 1.223.",
       erratum="U(phi) as defined integrates P(t) t dF: it is per agent (U(phi*) = 0.40769, "
               "exact); the principal's payoff 1.223 is n U(phi*).")
def example_1_per_agent(_):
    from .continuous import Power, optimum, rounds_to
    total = optimum(3, 2, 1, Power(1))["payoff"]
    per = total / 3
    if rounds_to(per, "1.223"):
        return holds(U=regions.number_json(per))
    return fails(U=regions.number_json(per), n_U=regions.number_json(total),
                 n_U_rounds_to_1_223=rounds_to(total, "1.223"))


@claim("verification/lemma-4-wording", domain=TRIPLES, size=6, source="Appendix A.3, proof of Lemma 4",
       statement="All c^i's are non-decreasing (in q).",
       erratum="They are non-increasing: c^allo(0) = m > 0 = c^allo(1); the proof needs concavity "
               "and c^i(1) values only.")
def lemma_4_wording(t):
    n, m, k = t
    from .capacity import c_allo
    a, b = c_allo(n, m, 0), c_allo(n, m, 1)
    return fails(c_allo_0=a, c_allo_1=b) if a > b else holds()


@claim("verification/footnote-13", domain=Enumerated([(k, s) for k in range(1, 5) for s in range(0, 6)],
                                                      name="(k, s): audits and other winners in E"),
       source="Appendix A.6, footnote 13",
       statement="min{k, s} - min{k, s + 1} = -1 exactly when s >= k (s = winners in E besides i).",
       erratum="It is -1 exactly when s <= k - 1; eq. (30) itself integrates the right event.")
def footnote_13(ks):
    k, s = ks
    minus_one = min(k, s) - min(k, s + 1) == -1
    return holds() if minus_one == (s >= k) else fails(k=k, s=s, integrand=min(k, s) - min(k, s + 1))


# the claims checked case by case of Lemma 7 (registered on import)
from . import claims_cases  # noqa: E402,F401
from . import claims_continuous  # noqa: E402,F401
from . import claims_mechanisms  # noqa: E402,F401
from . import claims_notes  # noqa: E402,F401
