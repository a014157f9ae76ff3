"""Claims about the continuous model for general ``(n, m, k)`` and ``F(t) = t^a`` (Section 3.3).

- ``verification/proposition-2-derivative-general``: the derivative formula of Proposition 2 by
  the Leibniz rule for symbolic n, m, k and F, in each case of Lemma 7 (:mod:`.leibniz`).
- ``verification/proposition-2-formula``: the formula against the exact payoff ``V`` at rational
  guarantees (one-sided difference quotients of the concave ``V`` bracket ``n U'``).
- ``verification/proposition-2-every-optimum``: every optimal phi satisfies ``U' = 0``; the exact
  phi* maximises V (the rows of the note's continuous tables).
- ``verification/proposition-2-a8-notation`` (erratum): A.8's implicit function ``h1`` is the
  case-2.a one.

Imported by :mod:`proofs.verification.claims`; the statements here are part of the trust basis.
"""

from __future__ import annotations

import functools

from exact import claim, fails, holds
from exact.domains import Enumerated, Graded
from exact.errors import InputError
from exact.numbers import Q

from . import cases, continuous, leibniz, regions
from .continuous import Power

#: the note's continuous tables (verification.md Section 4, appendix Section 4.2): (n, m, k, a)
TABLE_ROWS = [(3, 2, 1, "1"), (4, 2, 1, "1"), (4, 3, 1, "1"), (5, 3, 2, "1"), (6, 3, 1, "1"),
              (3, 2, 1, "2"), (4, 2, 1, "2"), (4, 3, 2, "1/2"), (3, 2, 1, "1/2"),
              (4, 2, 1, "1/2"), (5, 3, 2, "3")]
#: rows whose exact phi* takes long (degree-57 field): opt-in with --size 2
SLOW_ROWS = {(5, 3, 2, "3")}


def _row_from_json(data):
    if not isinstance(data, list) or len(data) != 4:
        raise InputError("instance", "expected [n, m, k, a]")
    row = tuple(data)
    if row not in TABLE_ROWS:
        raise InputError("instance", f"not a row of the note's tables: {data!r}")
    return row


TABLE = Graded("the note's continuous examples: (n, m, k, F = t^a), 8-row table and appendix "
               "4.2 (size 1; size 2 adds (5, 3, 2, t^3))", (1, 2),
               generate=lambda s: iter([r for r in TABLE_ROWS if (r in SLOW_ROWS) == (s == 2)]),
               count=lambda s: sum(1 for r in TABLE_ROWS if (r in SLOW_ROWS) == (s == 2)),
               decode=_row_from_json, size_of=lambda r: 2 if r in SLOW_ROWS else 1,
               encode=list)


def _formula_points():
    for row in TABLE_ROWS:
        if row in SLOW_ROWS:
            continue
        n, m, k, a = row
        for ph in cases.window_points(n, m, k, 2) + cases.window_points(n, m, k, 1, "3"):
            yield (n, m, k, a, str(ph))


FORMULA = Enumerated(list(_formula_points()), name="table rows x (2 phi in the case-2.b window, "
                     "1 in case 3)", decode=lambda d: tuple(d) if isinstance(d, list) and
                     tuple(d) in set(_formula_points()) else _bad(d))


def _bad(d):
    raise InputError("instance", f"not an instance of this domain: {d!r}")


@claim("verification/proposition-2-derivative-general",
       domain=Enumerated(["2.a", "2.b", "3"], name="Lemma 7's cases with phi > (m-k)/n"),
       source="Section 3.3, Proposition 2 (proof in A.8)",
       statement="For symbolic n, m, k and any F with density f > 0: differentiating U(phi) = "
                 "sum_R int_R -(1/n) c_R'(F(t)) t dF with the implicit cut-offs (Leibniz rule) "
                 "gives exactly -g1 F(g1) - g2 [1 - F(g2)] + g3 [1 - F(g3)] + int_0^g1 t dF + "
                 "int_g2^g3 t dF, whenever the crossing slopes differ (rational-function identity, "
                 "exact.symbolic.prove_identity), in each case.")
def proposition_2_derivative_general(case):
    res = leibniz.check_case(case)
    if res.holds:
        return holds(case=case, method="exact.symbolic.prove_identity")
    return fails(case=case, residual=res.residual, witness=res.witness)


def formula_check(inst, a8_display: bool = False):
    """``V(phi) - V(phi - h) >= h n U'(phi) >= V(phi + h) - V(phi)`` (exact signs)."""
    n, m, k, a, ph = inst
    F, ph = Power(a), Q(ph)
    h = Q(1, 10 ** 6)
    U = continuous.U_prime_terms(n, m, k, ph, F, a8_display)
    V0 = continuous.V_terms(n, m, k, ph, F)
    left = (V0 + [(x, -p) for x, p in continuous.V_terms(n, m, k, ph - h, F)]
            + [(x, -h * n * p) for x, p in U])
    right = (continuous.V_terms(n, m, k, ph + h, F) + [(x, -p) for x, p in V0]
             + [(x, -h * n * p) for x, p in U])
    return continuous.sign_of(left), continuous.sign_of(right)


@claim("verification/proposition-2-formula", domain=FORMULA,
       source="Section 3.3, Proposition 2 / (10)",
       statement="At rational phi in the case-2.b window and in case 3, for the note's (n, m, k, F "
                 "= t^a): n U'(phi) from the paper's formula lies between the one-sided difference "
                 "quotients of the exact payoff V (h = 10^-6; V concave): V(phi) - V(phi - h) >= "
                 "h n U'(phi) >= V(phi + h) - V(phi), exact signs.")
def proposition_2_formula(inst):
    lo, hi = formula_check(inst)
    case = cases.case_of(inst[0], inst[1], inst[2], Q(inst[4]))
    if lo >= 0 and hi <= 0:
        return holds(case=case)
    return fails(case=case, left_quotient_minus_derivative=lo, right_quotient_minus_derivative=hi)


@functools.lru_cache(maxsize=64)
def _optimum(row):
    n, m, k, a = row
    return continuous.optimum(n, m, k, Power(a))


@claim("verification/proposition-2-every-optimum", domain=TABLE, size=1,
       source="Section 3.3, Proposition 2 (\"every optimal choice of phi must satisfy U' = 0\"); "
              "appendix note S9",
       statement="V is concave (c_phi(q) is a minimum of affine functions of phi) and "
                 "differentiable; for every phi < (m-k)/n the envelope is 'aud allo' and V' = "
                 "n int_0^t3 (1 - F) > 0, for every phi in case 3 V' = -n int_0^t1 F < 0 (exact "
                 "case intervals), so every maximiser lies in the case-2.b window and satisfies "
                 "U' = 0; there the exact root phi* (elimination polynomial, V' > 0 > V' at "
                 "rationals around it) is the unique maximiser, the crossing slopes differ at its "
                 "cut-offs, and V(phi*) exceeds V((m-k)/n) and V(m/n) = m E[t] and is below the "
                 "first best.")
def proposition_2_every_optimum(row):
    n, m, k, a = row
    F = Power(a)
    ivs = cases.intervals(n, m, k)
    if [iv.pattern for iv in ivs] != ["aud allo", "ic aud allo", "ic allo"]:
        return fails(patterns=[iv.pattern for iv in ivs])
    s1 = continuous.V_prime_sign(n, m, k, Q(m - k, n), F)
    s3 = [continuous.V_prime_sign(n, m, k, x, F) for x in cases.interval_points(ivs[2], 2)]
    opt = _optimum(row)
    lo, hi = opt["bracket"]
    ph = opt["phi_star"]
    vals = {"V_star": opt["payoff"], "V_lower": continuous.V_lower(n, m, k, F)}
    up, fb = continuous.V_upper(n, m, F), continuous.first_best(n, m, F)
    data = {"phi_star": regions.number_json(ph), "payoff": opt["payoff"].digits(12),
            "bracket": [lo, hi], "V_prime_at_lower_end": s1, "V_prime_in_case_3": s3,
            "candidates": opt["candidates"], "slope_gaps": opt["slope_gaps"]}
    # phi* maximises V: V' changes sign on its bracket (re-decided here, exactly) and V is
    # concave, so the maximiser lies in [lo, hi], where phi* is the only root of V' = 0
    sb = (continuous.V_prime_sign(n, m, k, lo, F), continuous.V_prime_sign(n, m, k, hi, F))
    data["V_prime_at_bracket"] = list(sb)
    ok = (s1 > 0 and all(s < 0 for s in s3) and 0 not in opt["slope_gaps"].values()
          and sb[0] > 0 > sb[1] and lo < ph < hi
          and vals["V_star"] > vals["V_lower"] and vals["V_star"] > up and vals["V_star"] < fb
          and ivs[1].lo < ph < ivs[1].hi)
    return holds(**data) if ok else fails(**data)
