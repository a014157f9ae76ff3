"""Claims of S. D. Flåm, "Golden Rule in Cooperative Commons", checked exactly.

The first-order conditions and the golden rule are proved as identities for a *generic* model
(sympy undefined functions for ``pi`` and ``G``, decided by :func:`exact.symbolic.prove_identity`
on independent jet variables, :mod:`proofs.commons.jets`): these are proofs for every smooth model
with ``S <= 3`` species (or ``n <= 4`` agents), in the smooth interior reading the paper's
footnote 20 gives. Claims on the note's parametric families are identities in the family
parameters; claims on named instances say so in their statements.

Reference: S. D. Flåm, "Golden Rule in Cooperative Commons" (text in
``../shared/papers/commons-golden-rule.txt``); note ``../shared/notes/commons-and-approx-ic.md``,
Part A.

Main statements
---------------
- ``commons/theorem-1-lagrangian``: the rewriting of (8) in the proof of Theorem 1 (generic).
- ``commons/theorem-1``: stationarity of (8) in ``x_t``, ``q_t``, ``lambda_t`` is the adjoint
  equation, the maximum condition (hence (12)) and the system dynamics of (11) (generic).
- ``commons/equation-12``: ``lambda = d_q pi = d_{q_i} pi_i`` and the convolution's stock effect
  (generic, ``n`` agents).
- ``commons/golden-rule``: (15)/(18) from the stationary first-order conditions; in one dimension
  ``g' + pi_x/pi_q = rho`` (generic).
- ``commons/proposition-5``: the reduced Hamiltonian's gradient (envelope) and Prop. 5's fixed
  point = a steady state of (18) (generic).
- ``commons/equation-14-corrected``: (14) with its partials swapped back is (11) (generic).
- ``commons/saddle-path-determinant``: the linearised canonical map has determinant ``1/delta``
  (generic, one species; note A2.7).
- ``commons/golden-rule-families``: the closed-form steady states of the note's families satisfy
  (18) identically in the parameters (logistic, Beverton-Holt, Gompertz, power-log, LQ with
  ``x* = 9/5``, logistic with stock-dependent cost).
- ``commons/assumption-3``: on the note's rational instances with concave growth, (18) has exactly
  one interior steady state with ``lambda > 0`` (exact root isolation).
- ``commons/theorem-1-paths``: whole optimal paths (LQ, power-log): Bellman, Benveniste-Scheinkman
  and the adjoint equation along the path.
- ``commons/proposition-6-corrected``: Prop. 6 (corrected) and Prop. 3's core at E6 and E9.
- ``commons/example-1``: Example 1, ``d pi(q)`` = dual solutions (2), on a price grid.
- ``commons/proposition-1``, ``commons/proposition-2``, ``commons/proposition-3``: Section 2-3 on
  every grid payoff (:mod:`.grid`; concave or not): Fenchel-Young and the supdifferential, equal
  margins, core and competitive equilibrium for every shadow price.

Errata (expected "refuted"; the witness is in the verdict)
----------------------------------------------------------
- ``commons/definition-2-quasiconcavity``: sup-convolution does not preserve quasi-concavity in
  R^2 (two ray-step functions on the axes, values 1 and 0).
- ``commons/definition-2-inequality``: the "<=" form of (4) differs from (4) on bounded domains.
- ``commons/equation-14``: (14) as printed fails at the steady state of every closed-form path.
- ``commons/proposition-6``: the printed user cost ``d_q H`` and ``H_xx/rho``.
- ``commons/initial-condition``: ``x_{-1}`` enters neither (7) nor (8); ``x_0`` is free.
- ``commons/proposition-5-proof``: no compact convex Xi as the proof asserts (logistic, rho = 2).
- ``commons/remark-5``: the averaged discount factor violates unanimity (streams (0,5,0), (1,0,5)).

The statements in this file are the trust basis; the engine, the LP solver and sympy's
differentiation and ``solve`` (a proposer, always re-checked exactly) are apparatus.
"""

from __future__ import annotations

import itertools

import sympy

from exact import claim, fails, holds, vacuous
from exact.numbers import Q
from exact.symbolic import prove_identity

from . import errata, firstorder, grid
from .convolution import interval_convolution_lp, quasiconcavity_violation
from .domains import agents, grid_profiles, named, species
from .economy import ECONOMIES
from .economy import proposition_6 as proposition_6_checks
from .example1 import GRID_PRICES, is_dual_solution, is_supgradient, lp_payoff
from .families import FAMILIES, family, golden_rule_residual, steady_values
from .instances import D2A_TOTALS, KAKUTANI, PATHS, RAYS, STEADY, STREAMS, concave_on, q, x
from .jets import decide_all
from .model import generic
from .steady import scalar_steady_states

__all__ = ["theorem_1_lagrangian", "theorem_1", "equation_12", "golden_rule", "proposition_5",
           "equation_14_corrected", "saddle_path_determinant", "golden_rule_families",
           "assumption_3", "theorem_1_paths",
           "proposition_6_corrected", "example_1", "definition_2_quasiconcavity",
           "definition_2_inequality", "equation_14", "proposition_6", "initial_condition",
           "proposition_5_proof", "remark_5"]

SPECIES = species()
AGENTS = agents()


def _identities(items):
    proved, failed = decide_all(items)
    if failed:
        return fails(failed=failed, proved=proved)
    return holds(identities=proved, method="exact.symbolic.prove_identity on jet variables")


# --- generic first-order conditions -----------------------------------------------------------

@claim("commons/theorem-1-lagrangian", domain=SPECIES, source="Section 4, proof of Theorem 1",
       statement="For every smooth pi and G with S <= 3 species: each period's braces in the "
                 "Lagrangian (8), pi + lambda.(G(x) - x_+ - q), equal H(x, q, lambda) - "
                 "lambda.(x_+ - x) with H of (10).")
def theorem_1_lagrangian(S):
    return _identities(firstorder.lagrangian_identities(S))


@claim("commons/theorem-1", domain=SPECIES, source="Section 4, Theorem 1, (11) and (12)",
       statement="For every smooth pi and G with S <= 3 species: dL/dx_t of (8) is delta^t times "
                 "the adjoint residual lambda_t - lambda_{t-1}/delta + d_x H(x_t, q_t, lambda_t), "
                 "dL/dq_t is delta^t d_q H = delta^t (d_q pi - lambda_t), and dL/dlambda_t is "
                 "delta^t (G(x_t) - x_{t+1} - q_t); so stationarity of (8) is the adjoint "
                 "equation, the (interior) maximum condition with (12), and the dynamics.")
def theorem_1(S):
    return _identities(firstorder.theorem_1_identities(S))


@claim("commons/equation-12", domain=AGENTS, source="Section 4, (12); Prop. 2 (smooth case)",
       statement="One species, n <= 4 agents, smooth interior split of (6) with equal margins mu: "
                 "d/dq pi(x, q) = mu = d/dq_i pi_i(x, q_i) for every i, and d/dx pi = "
                 "sum_i d/dx pi_i (generic pi_i and split functions).")
def equation_12(n):
    return _identities(firstorder.convolution_identities(n))


@claim("commons/golden-rule", domain=SPECIES, source="Section 5, (15), Prop. 6 and (18)",
       statement="For every smooth pi and G with S <= 3 species: at a stationary point of the "
                 "first-order conditions of (8) (x, q, lambda constant, delta = 1/(1+rho)) the "
                 "three conditions are exactly q = g(x), lambda = grad_q pi(x, q) and rho lambda = "
                 "grad_x pi(x, q) + Dg(x)^T lambda; for S = 1, with lambda = pi_q, the last is "
                 "pi_q (g' + pi_x/pi_q - rho) = 0, the golden rule g' + pi_x/pi_q = rho.")
def golden_rule(S):
    return _identities(firstorder.golden_rule_identities(S))


@claim("commons/proposition-5", domain=SPECIES, source="Section 5, (13), Prop. 5 and (15)",
       statement="For every smooth pi and G with S <= 3 species and an interior maximiser q°(x, "
                 "lambda) of H(x, ., lambda): grad_x Hcal = grad_x H(x, q°, lambda) and "
                 "grad_lambda Hcal = g(x) - q° (envelope), so Prop. 5's stationary relation "
                 "[-(1 - delta^-1) lambda, 0] = grad Hcal(x, lambda) holds iff q° = g(x) and "
                 "rho lambda = grad_x H(x, q°, lambda) ((15), (18)).")
def proposition_5(S):
    return _identities(firstorder.proposition_5_identities(S))


@claim("commons/equation-14-corrected", domain=SPECIES,
       source="Section 5, (14) with the partials of (16) (note A1.11)",
       statement="For every smooth pi and G with S <= 3 species, along any path with q_t = "
                 "q°(x_t, lambda_t): x_{t+1} - x_t - d_lambda Hcal = -(G(x_t) - x_{t+1} - q_t) and "
                 "lambda_t - lambda_{t-1}/delta + d_x Hcal = the adjoint residual of (11); the "
                 "corrected canonical system is exactly Theorem 1's dynamics and adjoint equation.")
def equation_14_corrected(S):
    return _identities(firstorder.equation_14_identities(S))


ONE_SPECIES = named(["generic, one species"], "generic smooth model, one species")


@claim("commons/saddle-path-determinant", domain=ONE_SPECIES,
       source="Section 5 (stability and Rockafellar 1976); note A2.7",
       statement="For every smooth pi and G (one species), the canonical map (x_t, lambda_{t-1}) "
                 "-> (x_{t+1}, lambda_t) defined by the maximum condition, the adjoint equation "
                 "(11) and the dynamics has Jacobian determinant 1/delta: its eigenvalues "
                 "multiply to 1/delta > 1, so at most one is stable (saddle-path structure).")
def saddle_path_determinant(_):
    return _identities(firstorder.saddle_determinant_identities())


# --- families and instances ----------------------------------------------------------------------

FAMILY_KEYS = named([f.key for f in FAMILIES], "the note's parametric families (one species)")


@claim("commons/golden-rule-families", domain=FAMILY_KEYS,
       source="Section 5, (18); note A.4 family catalogue, E6-E10",
       statement="For the families logistic, Beverton-Holt (R = s^2 (1+rho)), Gompertz, power-log "
                 "(alpha = 1/2), linear-quadratic and logistic with stock-dependent cost (rho = "
                 "(3-m^2)/(2m)), the closed-form x* with q* = g(x*), lambda* = pi_q(x*, q*) "
                 "satisfies Hotelling's rule rho lambda* = pi_x + g'(x*) lambda* identically in the "
                 "family parameters (generic u(q) where the payoff has no stock effect).")
def golden_rule_families(key):
    fam = family(key)
    res = prove_identity(golden_rule_residual(fam), 0)
    at = {k: (str(v) if not hasattr(v, "p") else v) for k, v in steady_values(fam).items()}
    if res.holds is not True:
        return fails(family=key, residual=res.residual, reason=res.reason,
                     witness={k: str(v) for k, v in (res.witness or {}).items()})
    return holds(family=key, x_star=sympy.sstr(fam.x_star), note_instance=at,
                 interior_when_positive=[sympy.sstr(e) for e in fam.interior])


STEADY_KEYS = named(list(STEADY), "the note's rational one-species instances (E6, E8-E10, E12, "
                                  "Beverton-Holt)")


@claim("commons/assumption-3", domain=STEADY_KEYS,
       source="Section 5, Assumption 3 and Prop. 5; note A2.5, E6, E8-E10, E12",
       statement="On each of the note's rational one-species instances whose growth g is concave "
                 "on the box (checked exactly), (18) has exactly one steady state with x* inside "
                 "the box and lambda* > 0 (all roots isolated exactly); an instance with "
                 "non-concave growth does not meet the hypothesis.")
def assumption_3(key):
    inst = STEADY[key]
    states = scalar_steady_states(inst.g, inst.pi, x, q, inst.rho, inst.box)
    found = [s.to_json() for s in states]
    if not concave_on(inst.g, x, inst.box):
        return vacuous(reason="g is not concave on the box", steady_states=found)
    if len(states) != 1:
        return fails(steady_states=found, count=len(states))
    return holds(steady_state=found[0])


PATH_KEYS = named(list(PATHS), "closed-form optimal paths (note A2.6: E10, E7)")


@claim("commons/theorem-1-paths", domain=PATH_KEYS,
       source="Theorem 1 (11), Remark 4; note A2.6, E7, E10",
       statement="Along the closed-form optimal path of the LQ family E10 (its Bellman equation, "
                 "first-order condition and Benveniste-Scheinkman proved as identities in x) and "
                 "along the known closed-form policy of power-log growth E7 (x_+ = alpha delta A "
                 "x^alpha, q = (1 - alpha delta) A x^alpha), the adjoint equation (11) holds at "
                 "t = 1..5 identically in the initial stock.")
def theorem_1_paths(key):
    model = PATHS[key]
    items = (model.identities() + model.adjoint_identities(5)) if hasattr(model, "identities") \
        else model.euler_identities(5)
    bad = [{"name": n, "residual": r.residual, "witness": r.witness} for n, r in items
           if r.holds is not True]
    if bad:
        return fails(failed=bad)
    return holds(identities=[n for n, _ in items], steady_state=model.steady_state)


ECONOMY_KEYS = named(list(ECONOMIES), "the note's economies with quadratic agents (E6, E9)")


@claim("commons/proposition-6-corrected", domain=ECONOMY_KEYS,
       source="Section 5, Prop. 6 (corrected, note A5.6), (17), (18); Prop. 3",
       statement="At the steady state of E6 (logistic, agents of E3) and E9 (two agents with a "
                 "stock effect), the only solution of (18) with the all-agents-active aggregate "
                 "(every agent is active there): q = g(x) = sum q_i; the market price equals d_q pi = "
                 "lambda; rho lambda = d_x H; q maximises H(x, ., lambda); the split solves (17); "
                 "pi_i* = pi_i(x, q_i) - q* q_i; take-home payments balance and lie in the core.")
def proposition_6_corrected(key):
    out = proposition_6_checks(ECONOMIES[key])
    bad = [k for k, v in out["checks"].items() if not v]
    if bad:
        return fails(failed=bad, values=out["values"])
    return holds(checks=list(out["checks"]), values=out["values"])


EXAMPLE_1 = named([f"q = {q}" for q in ("(4, 6)", "(2, 6)")], "Example 1 at q = (4,6), (2,6)")


@claim("commons/example-1", domain=EXAMPLE_1, source="Section 2, Example 1 and (2)",
       statement="For A = [[1,2],[3,1]], y* = (3,4) (note E1) at q = (4,6) and the degenerate "
                 "q = (2,6): a price p on the grid {0, 1/5, ..., 3} x {0, 1/5, ..., 1} is a "
                 "supgradient of pi at q (Definition 1, over all of Q, by an exact LP) iff it "
                 "solves the dual (2).")
def example_1(key):
    q = (4, 6) if key == "q = (4, 6)" else (2, 6)
    supg = []
    for p in GRID_PRICES:
        a, b = is_supgradient(p, q), is_dual_solution(p, q)
        if a != b:
            return fails(q=q, price=p, supgradient=a, dual_solution=b)
        if a:
            supg.append(p)
    return holds(q=q, pi=lp_payoff(q)[0], supgradients_on_grid=supg)


# --- errata ------------------------------------------------------------------------------------

RAY_KEYS = named(list(RAYS), "two ray-step functions in R^2")


@claim("commons/definition-2-quasiconcavity", domain=RAY_KEYS,
       source="Section 3, Definition 2 (sentence after (4))",
       statement="If each pi_i is quasi-concave, the sup-convolution pi_J is quasi-concave "
                 "(checked for two ray-step functions: every pair of vertices of the sum of the "
                 "domains and its midpoint).",
       erratum="False in two dimensions: pi_1 = 1 at 0 and 0 on (0, e1], pi_2 = 1 at 0 and 0 on "
               "(0, e2] (both quasi-concave) give pi_J(e1) = pi_J(e2) = 1 > pi_J((e1+e2)/2) = 0 "
               "(the note's E5b with 10 replaced by 1). Concavity is preserved, quasi-concavity "
               "is not.")
def definition_2_quasiconcavity(key):
    f1, f2 = RAYS[key]
    levels = [f.upper_level_sets() for f in (f1, f2)]   # each set listed is convex
    v = quasiconcavity_violation(f1, f2)
    if v is not None:
        return fails(pi_1=f1, pi_2=f2, upper_level_sets=levels, **v)
    return holds(upper_level_sets=levels)


D2A_KEYS = named([str(t) for t in D2A_TOTALS], "pi_1 = pi_2 = q on [0,1], totals 1/2..3")


@claim("commons/definition-2-inequality", domain=D2A_KEYS,
       source="Section 3, the display after (4)",
       statement="If some pi_i increases on dom pi_i, (4) equals its '<=' form (checked for "
                 "pi_1 = pi_2 = q on [0, 1], -inf elsewhere, at q_J in {1/2, 1, ..., 3}, both by "
                 "certified exact LPs).",
       erratum="Needs an upward-closed domain: for pi_1 = pi_2 = q on [0, 1] and q_J = 5/2, (4) "
               "is -inf (no split; Farkas certificate) while the '<=' form gives 2 (the note's E5a "
               "used q_J = 3).")
def definition_2_inequality(key):
    from exact.numbers import parse_q
    total = parse_q(key, "instance")
    eq = interval_convolution_lp([1, 1], [(0, 1), (0, 1)], total, "=")
    le = interval_convolution_lp([1, 1], [(0, 1), (0, 1)], total, "<=")
    v_eq = eq.value if eq.status == "optimal" else "-inf"
    if v_eq != le.value:
        return fails(q_J=total, equality_form=v_eq, inequality_form=le.value,
                     equality_status=eq.status, equality_certificate=eq.certificate,
                     inequality_certificate=le.certificate)
    return holds(q_J=total, value=le.value)


@claim("commons/equation-14", domain=PATH_KEYS, source="Section 5, (14)",
       statement="Along an optimal path the system moves by (14) as printed: x_{t+1} - x_t in "
                 "d_x Hcal(x_t, lambda_t) and lambda_t - lambda_{t-1}/delta in -d_lambda Hcal "
                 "(checked at the steady state of the closed-form optimal paths E10 and E7).",
       erratum="The partials are swapped (compare (16) and Theorem 1): at the steady state of "
               "E10 (x* = 9/5, lambda* = 6/5, rho = 1/3) x_{t+1} - x_t = 0 but d_x Hcal = "
               "rho lambda* = 2/5, and lambda_t - lambda_{t-1}/delta = -2/5 but -d_lambda Hcal "
               "= 0; the corrected system holds (commons/equation-14-corrected).")
def equation_14(key):
    model = PATHS[key]
    r = errata.equation_14_at_steady_state(model, model.steady_state)
    if any(r["printed"]):
        return fails(steady_state=model.steady_state, **r)
    return holds(**r)


@claim("commons/proposition-6", domain=PATH_KEYS, source="Section 5, Prop. 6",
       statement="At the steady state the user cost is q* in d/dq H(x, q, lambda) and lambda = "
                 "q* in d/dx H_x(x, q, lambda)/rho, as printed (checked at the steady states of "
                 "E10 and E7).",
       erratum="Slips: d_q H = pi_q - lambda = 0 at the optimum, so the printed user cost is 0, "
               "while the price clearing the quota market is lambda = pi_q (E10: 6/5); and "
               "d_x H_x / rho = H_xx / rho = -3, not 6/5. Read q* in d_q pi(x, q) and rho lambda "
               "in d_x H (commons/proposition-6-corrected).")
def proposition_6(key):
    model = PATHS[key]
    r = errata.proposition_6_at_steady_state(model, model.steady_state)
    lam = r["lambda*"]
    if any(v != lam for v in r["printed"].values()):
        return fails(steady_state=model.steady_state, **r)
    return holds(**r)


LQ_KEYS = named(["linear-quadratic (E10)"], "the LQ family E10")


@claim("commons/initial-condition", domain=LQ_KEYS, source="Section 4, Assumption 2, (7), (11)",
       statement="The initial point x_{-1} of Assumption 2 pins down the optimal program (7), "
                 "and Theorem 1's adjoint equation holds at t = 0 (checked on E10 with X = R).",
       erratum="(7) constrains only t >= 0, so x_{-1} occurs in neither (7) nor (8) and x_0 is a "
               "choice variable; the adjoint equation at t = 0 needs a lambda_{-1} that (8) does "
               "not define. In E10, (7) as printed chooses x_0 = 27/10 and is worth 344/25 for "
               "every x_{-1}, and stationarity in x_0 is the adjoint equation with lambda_{-1} = "
               "0. Read: x_0 is given, and (11) holds for t >= 1.")
def initial_condition(key):
    m = generic(1)
    x_prev, x0, x1, x2 = (sympy.Symbol(f"x1[{t}]") for t in (-1, 0, 1, 2))
    q0, q1, l0, l1 = sympy.symbols("q1[0] q1[1] lam1[0] lam1[1]")
    # the first two periods of (7) and (8): every term in which x_0 or x_1 occurs
    seven = m.pi((x0,), (q0,)) + m.pi((x1,), (q1,)), (x1 - m.G((x0,))[0] + q0,
                                                     x2 - m.G((x1,))[0] + q1)
    eight = (m.lagrangian_term((x0,), (q0,), (l0,), (x1,))
             + m.lagrangian_term((x1,), (q1,), (l1,), (x2,)))
    free = set().union(*(e.free_symbols for e in (seven[0], *seven[1], eight)))
    r = errata.initial_condition(PATHS[key])
    if x_prev not in free:
        return fails(x_minus_1_occurs_in_7_or_8=False, lambda_minus_1_defined_by_8=False, **r)
    return holds(**r)


KAKUTANI_KEYS = named(list(KAKUTANI), "logistic growth, quadratic utility, no stock effect")


@claim("commons/proposition-5-proof", domain=KAKUTANI_KEYS, source="Section 5, proof of Prop. 5",
       statement="The proof's premise: there is a compact convex Xi in X_+ x X_+ on which (16) is "
                 "well defined and each value intersects Xi (Kakutani's theorem applied to "
                 "xi -> F(xi) n Xi then gives a fixed point in X_+ x X_+); decided with (16) read "
                 "with gradients (smooth, interior, as (15) and (18)) by computing every fixed "
                 "point exactly: a fixed point in X_+ x X_+ is such a Xi (a singleton).",
       erratum="The premise is asserted, not shown, and can fail: for logistic growth g = x(1-x), "
               "u(q) = q - q^2/2 and rho = 2 > r, the only fixed point of (16) is (x, lambda) = "
               "(-1/2, 7/4), outside X_+ x X_+, so no such Xi exists (else Kakutani would give a "
               "fixed point in it). The step from 'each value meets Xi' to a fixed point is sound "
               "(apply Kakutani to F n Xi); the missing piece is the existence of Xi. With "
               "compact domains the fixed point is the boundary point x = 0, where (15) holds only "
               "as an inclusion with a normal cone and g' + pi_x/pi_q = 1 != rho.")
def proposition_5_proof(key):
    model = KAKUTANI[key]
    points = errata.fixed_points_16(model)
    shown = [{"x": str(a.value) if a.is_rational else a.digits(12),
              "lambda": str(b.value) if b.is_rational else b.digits(12)} for a, b in points]
    inside = [p for p, (a, b) in zip(shown, points) if a >= 0 and b >= 0]
    if not inside:
        return fails(model=model, fixed_points=shown, in_X_plus=[])
    return holds(xi=inside[0], fixed_points=shown)


STREAM_KEYS = named(list(STREAMS), "Remark 5: two agents, equal weights, three periods")


@claim("commons/remark-5", domain=STREAM_KEYS, source="Section 5, Remark 5",
       statement="With identical utilities u_i (here u(r) = r), the principal's discount factor "
                 "delta = sum_i w_i delta_i respects unanimity: if every agent prefers one stream, "
                 "so does the principal, and conversely as displayed (checked on the listed pairs "
                 "of streams).",
       erratum="Jackson and Yariv (2015) prove the opposite (with heterogeneous delta_i, "
               "unanimity and time consistency force dictatorship even for identical u_i). "
               "Witness: delta = (1/5, 4/5), equal weights (delta = 1/2), r = (0, 5, 0), "
               "r_hat = (1, 0, 5): both agents prefer r_hat (1 < 6/5, 4 < 21/5), the principal "
               "prefers r (5/2 > 9/4); smaller than the note's E13.")
def remark_5(key):
    inst = STREAMS[key]
    v = errata.unanimity_violation(inst)
    if v is not None:
        return fails(instance=inst, **v)
    if len(set(inst.deltas)) == 1:
        return vacuous(reason="a single discount factor: no aggregation issue")
    return holds(principal_delta=inst.principal_delta)


# --- Section 2-3 on grid payoffs: Propositions 1-3 without concavity -------------------------------

GRID_1 = grid_profiles(sizes=(1,), default_size=1)
GRID_N = grid_profiles(sizes=(2, 3), default_size=2)
_GRID_SCOPE = (" Checked on every payoff pi_i: {0, 1, 2} -> {-inf, 0, 1, 3} (-inf off the grid of "
               "Q = R; 63 proper payoffs, most not concave)")


def _fenchel_gap(f, q):
    """``p -> pi*(p) + p q - pi(q)``: >= 0 (Fenchel-Young), 0 exactly where the sup is at ``q``."""
    return lambda p: grid.conjugate(f, p) + p * q - f[q]


def _positive_outside(F, iv, breaks):
    """A price outside the closed interval ``iv`` where the convex piecewise-linear ``F`` (``>= 0``,
    zero on ``iv``) vanishes, or None: the nearest break (or a unit step) beyond each finite end
    decides, since ``F`` is affine up to it and convex beyond."""
    lo, hi = iv
    if lo is not None:
        c = max([b for b in breaks if b < lo], default=lo - 1)
        if F(c) <= 0:
            return c
    if hi is not None:
        c = min([b for b in breaks if b > hi], default=hi + 1)
        if F(c) <= 0:
            return c
    return None


@claim("commons/proposition-1", domain=GRID_1, source="Section 2, Proposition 1 (items 2 and 4)",
       statement="For a proper payoff pi and every quota q with pi(q) finite: the supremum in (3) "
                 "is attained at q exactly for the prices p in d pi(q) (Definition 1), i.e. "
                 "pi(q) = pi*(p) + p q iff p in d pi(q), and pi*(p) + p q > pi(q) for every other "
                 "p; and pi(0) >= 0 implies pi*(p) >= 0 for every p. Every real price p is covered "
                 "(pi* is piecewise linear with breaks at chord slopes)." + _GRID_SCOPE + "; items "
                 "1 (pi* closed convex: a maximum of affine functions), 3 (needs concavity on a "
                 "convex domain) and 5 (algebra from item 2) are not checked separately.")
def proposition_1(profile):
    (f,) = profile
    B = grid.breakpoints([f])
    for q in grid.finite(f):
        iv = grid.supdifferential(f, q)
        G = _fenchel_gap(f, q)
        bad = grid.on_interval(G, (None, None), B, ">=")
        if bad is not None:
            return fails(quota=q, price=bad, fenchel_gap=G(bad), reason="pi*(p) + p q < pi(q)")
        if iv is None:
            zero = next((b for b in B if G(b) == 0), None)
            if zero is not None:
                return fails(quota=q, price=zero, reason="attained at q, but d pi(q) is empty")
            continue
        bad = grid.on_interval(G, iv, B, "==")
        if bad is None:
            bad = _positive_outside(G, iv, B)
        if bad is not None:
            return fails(quota=q, supdifferential=list(iv), price=bad, fenchel_gap=G(bad))
    if f[0] is not None and f[0] >= 0:
        bad = grid.on_interval(lambda p: grid.conjugate(f, p), (None, None), B, ">=")
        if bad is not None:
            return fails(price=bad, conjugate=grid.conjugate(f, bad), reason="pi(0) >= 0, pi* < 0")
    return holds(quotas=len(grid.finite(f)))


def _convoluted(profile) -> tuple:
    n, m = len(profile), len(profile[0]) - 1
    return tuple(grid.convolution(profile, t)[0] for t in range(n * m + 1))


@claim("commons/proposition-2", domain=GRID_N, source="Section 3, Proposition 2",
       statement="Equal margins without concavity: for every total q_J and every best split (q_i) "
                 "of (4), d pi_J(q_J) = intersection of d pi_i(q_i) (both inclusions, as exact "
                 "intervals, empty sets included), and every split of q_J whose supdifferentials "
                 "intersect solves (4)." + _GRID_SCOPE + "; 2 agents (3 with --size 3).")
def proposition_2(profile):
    pJ = _convoluted(profile)
    nonempty = 0
    for total, value in enumerate(pJ):
        if value is None:
            continue
        left = grid.supdifferential(pJ, total)
        nonempty += left is not None
        for split in itertools.product(*[grid.finite(f) for f in profile]):
            if sum(split) != total:
                continue
            right = grid.intersect([grid.supdifferential(f, k) for f, k in zip(profile, split)])
            best = sum(f[k] for f, k in zip(profile, split)) == value
            if best and left != right:
                return fails(total=total, split=list(split), d_pi_J=_iv(left),
                             intersection=_iv(right))
            if not best and right is not None:
                return fails(total=total, split=list(split), intersection=_iv(right),
                             reason="the supdifferentials meet but the split is not optimal")
    return holds(totals_with_price=nonempty)


def _iv(iv):
    return "empty" if iv is None else [iv[0], iv[1]]


@claim("commons/proposition-3", domain=GRID_N, source="Section 3, Proposition 3",
       statement="For every rights profile (underline q_i) on the grid with q_J = sum underline "
                 "q_i and every shadow price q* in d pi_J(q_J) (all of them: kappa is piecewise "
                 "linear in q*): the payments kappa_i(q*) = pi_i*(q*) + q* underline q_i satisfy "
                 "sum_{i in I} kappa_i >= underline pi_I(underline q_I) for every coalition I, with "
                 "equality for I = J (core), and with any best split (q_i) of (4) the market clears "
                 "and q_i maximises pi_i(q) - q* q, so agent i takes home pi_i*(q*) + q* underline "
                 "q_i (competitive equilibrium). Hypothesis: d pi_J(q_J) is non-empty for some "
                 "rights profile." + _GRID_SCOPE + "; 2 agents (3 with --size 3). The Pareto item "
                 "(immediate with transferable payoff) is not checked separately.")
def proposition_3(profile):
    n, m = len(profile), len(profile[0]) - 1
    pJ = _convoluted(profile)
    B = grid.breakpoints(profile)
    coalitions = [c for r in range(1, n + 1) for c in itertools.combinations(range(n), r)]
    met = 0
    for rights in itertools.product(range(m + 1), repeat=n):
        total = sum(rights)
        iv = grid.supdifferential(pJ, total)
        if iv is None:
            continue
        met += 1
        for I in coalitions:
            floor = grid.coalition_value(profile, I, rights)
            if floor is None:
                continue
            F = (lambda I, floor: lambda p: sum((grid.conjugate(profile[i], p) + p * rights[i]
                                                 for i in I), Q(0)) - floor)(I, floor)
            bad = grid.on_interval(F, iv, B, "==" if len(I) == n else ">=")
            if bad is not None:
                return fails(rights=list(rights), coalition=list(I), price=bad, surplus=F(bad),
                             shadow_prices=_iv(iv))
        for split in grid.convolution(profile, total)[1]:
            for i, k in enumerate(split):
                f = profile[i]
                bad = grid.on_interval(_fenchel_gap(f, k), iv, B, "==")
                if bad is not None:
                    return fails(rights=list(rights), split=list(split), agent=i, price=bad,
                                 reason="q_i does not maximise pi_i(q) - q* q")
    if not met:
        return vacuous(reason="no rights profile has a shadow price")
    return holds(rights_with_price=met)
