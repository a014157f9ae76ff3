"""Claims checked case by case of Lemma 7, on phi chosen from the exact case intervals.

- ``verification/corollary-1-no-middle-allo``: for *every* phi (exact event decomposition,
  :mod:`.cases`) only cases 1, 2.b and 3 occur; case 2.a never does.
- ``verification/lemma-7-corrected`` and ``verification/corollary-1``, per case.
- The paper's construction on finite type spaces (A.5-A.7; :mod:`.construction`, straddling types
  served by mixtures): ``lemma-10`` (lottery), ``lemma-13`` (audits among merit winners),
  ``theorem-1-construction`` (everything assembled; n <= 4: ``lemma-10-mixture-limit`` is
  an n = 5 instance where the mixture lottery fails), ``lemma-12-discrete`` ((29) on the family,
  right-hand side by an independent exact LP), ``lemma-11-discrete`` (its reduction over all
  symmetric sets of types), per case.
- Lemmas 10-12 in the continuous model on all symmetric unions of quantile cells (:mod:`.cells`):
  ``lemma-10-cells``, ``lemma-11`` (its reduction), ``lemma-12`` (the inequality), per case.

Imported by :mod:`proofs.verification.claims`; the statements here are part of the trust basis.
"""

from __future__ import annotations

import functools

from exact import claim, fails, holds, undecided, vacuous
from exact.domains import Enumerated
from exact.numbers import Q

from . import cases, regions
from .domains import CaseGridDomain, CellDomain, ConstructionDomain, TripleDomain
from .percase import by_case

def CASE_GRID(case):
    return CaseGridDomain(sizes=(3, 4, 5, 6, 7), default_size=5, case=case)


def CASE_GRID_UPPER(case):
    return CaseGridDomain(sizes=(3, 4, 5, 6, 7), from_lower=True, default_size=5, case=case)


def CONSTRUCTION(case):
    return ConstructionDomain(sizes=(3, 4, 5), default_size=4, case=case)


def CONSTRUCTION_N4(case):
    """The construction's domain up to n = 4: at n = 5 the mixture lottery fails once
    (``verification/lemma-10-mixture-limit``)."""
    return ConstructionDomain(sizes=(3, 4), default_size=4, case=case)


def CELLS(case):
    return CellDomain(sizes=(3, 4, 5, 6), default_size=5, case=case)
TRIPLES_K1 = TripleDomain(sizes=tuple(range(3, 14)), k_min=1)


# --- which cases occur, for every phi --------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _event_roles(n: int, m: int, k: int) -> dict:
    """Names of the event polynomials vanishing at each end of the case-2.b window."""
    polys = cases.event_polys(n, m, k)
    out = {}
    for iv in cases.window(n, m, k):
        for end, x in (("lo", iv.lo), ("hi", iv.hi)):
            out[end] = sorted(name for name, p in polys.items()
                              if not p.is_zero() and p.degree() >= 1 and x.sign_at(p) == 0)
    return out



@claim("verification/corollary-1-no-middle-allo", domain=TRIPLES_K1, size=8,
       source="Corollary 1 / Lemma 7 case 2.a (appendix note S3/S5), for every phi",
       statement="For every phi in (0, m/n) -- not on a grid: phi is cut at every root of the "
                 "event polynomials (discriminants and resultants in q of c^ic - c^aud, "
                 "c^ic - c^allo, c^allo - c^aud) and the pattern read exactly inside each piece -- "
                 "the envelope is 'aud allo' (case 1) below (m-k)/n, 'ic aud allo' (case 2.b) on "
                 "((m-k)/n, phi-hat) and 'ic allo' (case 3) above, phi-hat a triple point "
                 "c^ic = c^aud = c^allo; the four-run pattern of case 2.a never occurs "
                 "(n <= 8 by default, --size 13).")
def corollary_1_no_middle_allo(t):
    n, m, k = t
    ivs = cases.intervals(n, m, k)
    pats = [iv.pattern for iv in ivs]
    roles = _event_roles(n, m, k)
    ok = (pats == ["aud allo", "ic aud allo", "ic allo"] and ivs[1].lo == Q(m - k, n)
          and "res H K" in roles.get("hi", []))
    data = {"intervals": [iv.to_json() for iv in ivs], "window_ends": roles}
    return holds(**data) if ok else fails(**data)


# --- Lemma 7 (corrected) and Corollary 1, per case ------------------------------------------------

@by_case("verification/lemma-7-corrected", ("1", "2.b", "3"), domain_of=CASE_GRID,
         source="Appendix A.4, Lemma 7 (corrected by the appendix note, S2/S3)",
         statement="Lemma 7 with C^aud non-degenerate iff z2 < r2, and case 2.a with z1 in place "
                   "of z2, describes the lower envelope exactly (exact comparison of predicted and "
                   "true regions; phi from the exact case intervals, 8 per case-2.b window). Its "
                   "2.a branch is exercised on a synthetic envelope in the tests: case 2.a never "
                   "occurs for the paper's functions.")
def lemma_7_corrected(inst):
    n, m, k, ph = inst
    case, pred = regions.corrected_prediction(n, m, k, ph)
    true = cases.case_of(n, m, k, ph)
    bad = regions.disagreement(n, m, k, ph, pred)
    if bad or case != true:
        return fails(case=case, true_case=true, phi=ph, **(bad or {}))
    return holds(case=case, pattern=regions.pattern(regions.runs(n, m, k, ph)))


@by_case("verification/corollary-1", ("1", "2.b", "3"), domain_of=CASE_GRID_UPPER,
         source="Section 3.1, Corollary 1",
         statement="For phi in [(m-k)/n, m/n] there are 0 <= g1 <= g2 <= g3 <= 1 with C^ic = "
                   "[0,g1], C^allo >= [g1,g2) u [g3,1], C^aud = [g2,g3]; cut-offs are exact "
                   "algebraic numbers (phi from the exact case intervals, most in the case-2.b "
                   "window).")
def corollary_1(inst):
    n, m, k, ph = inst
    rs = regions.runs(n, m, k, ph)
    cut = regions.cutoffs(rs)
    if cut is None:
        return fails(phi=ph, pattern=regions.pattern(rs))
    return holds(pattern=regions.pattern(rs),
                 **{k_: regions.number_json(v) for k_, v in cut.items()})


# --- the construction on finite type spaces --------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _construct(inst, ph) -> dict:
    from .construction import construct
    return construct(inst, ph)


def _construction_case(item, key: str):
    inst, ph = item
    r = _construct(inst, ph)
    if not r["applicable"]:
        return vacuous(reason="a type straddles two cut-offs")
    data = {"phi": ph, "regions": r["labels"], "straddling": r["straddling"]}
    if key == "theorem_1":
        ok = r["lemma_9"] and r.get("theorem_1", False)
    else:
        ok = r[key]
    return holds(**data) if ok else fails(step=key, **data)


_CONSTRUCTION_SOURCE = "Appendix A.5-A.7 (discrete analogue: types are quantile intervals)"


@by_case("verification/lemma-10", ("1", "2.b", "3"), domain_of=CONSTRUCTION_N4,
         source="Appendix A.5, Lemma 10 (discrete)",
         statement="For n <= 4: with atoms and random tie-breaking, the objects left by the merit "
                   "rule can be given to agents without a merit object so that each type in C^aud "
                   "u C^ic gets interim probability phi (a type straddling one cut-off: phi times "
                   "its non-C^allo weight) -- an exact max-flow. Instances where a type straddles "
                   "two cut-offs are vacuous. Not for every n: at n = 5 the mixture merit rule "
                   "leaves no such lottery on 1 of 68 case-2.b instances "
                   "(verification/lemma-10-mixture-limit).")
def lemma_10(item):
    return _construction_case(item, "lemma_10")


#: the first instance of the n = 5 construction domain (case 2.b) where the lottery fails
MIXTURE_LIMIT = {"n": 5, "m": 4, "k": 3, "values": [0, "1/4", "1/2", "3/4"],
                 "probabilities": ["1/38", "27/418", "8/33", "2/3"], "phi": "62/309"}


@claim("verification/lemma-10-mixture-limit",
       domain=Enumerated([MIXTURE_LIMIT], name="the first n = 5 instance where the mixture "
                         "lottery fails"),
       source="Appendix A.5, Lemma 10 (a limit of the discrete analogue, not of the paper)",
       statement="The discrete construction's mixture merit rule is not always completed by a "
                 "lottery: at n = 5, m = 4, k = 3, probabilities (1/38, 27/418, 8/33, 2/3), phi = "
                 "62/309 (case 2.b; one type straddles gamma_1, one gamma_3) no lottery gives "
                 "each type its share (exact max-flow), while (P_phi, A_phi) is implementable "
                 "(Proposition 1's exact LP) and Lemma 10 holds in the continuous model at that "
                 "phi (every symmetric union of cells). The paper's Lemma 10 is about the "
                 "continuum, where no type straddles.")
def lemma_10_mixture_limit(d):
    from .cells import check_cells
    from .construction import construct
    from .optimum import implement
    from .typespace import Instance
    inst, ph = Instance.from_json(d), Q(d["phi"])
    r = construct(inst, ph)
    lp = implement(inst, ph)
    cont = check_cells(inst.n, inst.m, inst.k, ph, 1)
    data = {"case": cases.case_of(inst.n, inst.m, inst.k, ph), "regions": r.get("labels"),
            "lottery_exists": r.get("lemma_10"), "implementable": lp.status,
            "continuous_lemma_10": cont["lottery"]["family_max_sign"] is not None
            and cont["lottery"]["family_max_sign"] <= 0 and not cont["lottery"]["beats_family"]
            and not cont["lottery"]["undecided"]}
    ok = (r["applicable"] and r["straddling"] == 2 and r["lemma_10"] is False
          and lp.status == "optimal" and data["continuous_lemma_10"] and data["case"] == "2.b")
    return holds(**data) if ok else fails(**data)


@by_case("verification/lemma-13", ("1", "2.b", "3"), domain_of=CONSTRUCTION,
         source="Appendix A.6, Lemma 13 (discrete)",
         statement="The audit rule A = P - phi is feasible given the merit rule alone (audits only "
                   "merit winners, at most k per profile; exact max-flow).")
def lemma_13(item):
    return _construction_case(item, "lemma_13")


@by_case("verification/theorem-1-construction", ("1", "2.b", "3"), domain_of=CONSTRUCTION_N4,
         source="Appendix A.7, proof of Theorem 1 (discrete)",
         statement="For n <= 4: merit rule + lottery (Lemma 10) + audits (Lemma 13) induce exactly "
                   "(P_phi, A_phi) within every capacity, and the merit rule's interim is P minus "
                   "the lottery share (Lemma 9). At n = 5 the lottery step fails once "
                   "(verification/lemma-10-mixture-limit).")
def theorem_1_construction(item):
    return _construction_case(item, "theorem_1")


@by_case("verification/lemma-12-discrete", ("1", "2.b", "3"), domain_of=CONSTRUCTION,
         source="Appendix A.6, Lemma 12 (discrete; right-hand side by an independent LP)",
         statement="On the family of type sets that is Lemma 11's [gamma, gamma_3] u [gamma', 1] "
                   "(every type with C^aud weight plus the C^allo types from some index on): "
                   "n sum_E pi A <= the largest audit mass k audits per profile can put on merit "
                   "winners in E, computed by an exact LP (solve_lp, certified) that must equal the "
                   "closed form E[min{|J^{p^m}(t, E)|, k}]. Vacuous where a type straddles two "
                   "cut-offs.")
def lemma_12_discrete(item):
    from .audit_lp import lemma_12_discrete as check_12
    return _type_sets_case(item, check_12, ("sets",))


def _type_sets_case(item, check, keys):
    """The outcome of a finite-type check of Lemma 11 or 12 (``check(inst, phi) -> dict``)."""
    inst, ph = item
    r = check(inst, ph)
    if not r["applicable"]:
        return vacuous(reason="a type straddles two cut-offs")
    data = {"phi": ph, **{key: r[key] for key in keys}}
    return holds(**data) if r["ok"] else fails(**data)


@by_case("verification/lemma-11-discrete", ("1", "2.b", "3"), domain_of=CONSTRUCTION,
         source="Appendix A.6, Lemma 11 (discrete; the reduction to its family)",
         statement="For the construction's merit rule on a finite type space, over all 2^L "
                   "symmetric sets E of types, n sum_E pi A - E[min{|J^{p^m}(t, E)|, k}] is never "
                   "above its maximum over Lemma 11's family (every type with C^aud weight plus "
                   "the C^allo types from some index on) and E = empty: (29) on the family implies "
                   "(29) for every E. Vacuous where a type straddles two cut-offs.")
def lemma_11_discrete(item):
    from .audit_lp import lemma_11_discrete as check_11
    return _type_sets_case(item, check_11, ("sets", "family_max", "beats_family"))


# --- Lemmas 10, 11, 12 on symmetric unions of cells (continuous model) -----------------------------

@functools.lru_cache(maxsize=256)
def _cells(inst) -> dict:
    from .cells import check_cells
    n, m, k, ph, cuts = inst
    return check_cells(n, m, k, ph, cuts)


def _cells_case(inst, kind: str, part: str):
    r = _cells(inst)
    res = r[kind]
    data = {"pattern": r["pattern"], "cells": r["labels"], "unions": res["unions"],
            "family_max_set": res["family_max_set"], "family_max_sign": res["family_max_sign"]}
    if res["undecided"]:
        # a ball that contains 0 and no exact proof of 0: neither holds nor fails
        return undecided(reason="sign of a gap not decided exactly",
                         undecided_unions=res["undecided"][:5], **data)
    if part == "reduction":
        ok = not res["beats_family"]
    elif part == "inequality":
        ok = res["family_max_sign"] is not None and res["family_max_sign"] <= 0
    else:
        ok = (not res["beats_family"] and res["family_max_sign"] is not None
              and res["family_max_sign"] <= 0)
    if not ok:
        return fails(beats_family=res["beats_family"][:5], **data)
    return holds(**data)


@by_case("verification/lemma-10-cells", ("2.b", "3"), domain_of=CELLS,
         source="Appendix A.5, Lemma 10 (conclusion and the proof's reduction)",
         statement="Continuous model, all symmetric unions E of quantile cells (regions cut at "
                   "rational points; cut-offs exact algebraic numbers): (27) holds, n phi |E n "
                   "(C^ic u C^aud)| <= E[min{#(E, no merit object), m - #merit objects}], and the "
                   "largest gap is attained on the proof's family [g, gamma_3], C^ic u [g, gamma_3] "
                   "(exact signs: ball arithmetic, zero by reduction modulo minimal polynomials).")
def lemma_10_cells(inst):
    return _cells_case(inst, "lottery", "both")


@by_case("verification/lemma-11", ("2.b", "3"), domain_of=CELLS,
         source="Appendix A.6, Lemma 11 (the reduction)",
         statement="Over all symmetric unions of quantile cells, the largest value of n int_E A - "
                   "E[min{|J^{p^m}(t, E)|, k}] is attained on Lemma 11's family [gamma, gamma_3] u "
                   "[gamma', 1] (gamma in [gamma_1, gamma_2], gamma' in [gamma_3, 1]), exactly.")
def lemma_11(inst):
    return _cells_case(inst, "audit", "reduction")


@by_case("verification/lemma-12", ("2.b", "3"), domain_of=CELLS,
         source="Appendix A.6, Lemma 12",
         statement="On Lemma 11's family (cell unions), n int_E A <= E[min{|J^{p^m}(t, E)|, k}] "
                   "(29), with exact signs; with Lemma 11 this is (13) for every symmetric union of "
                   "cells (Lemma 13 via Lemma 3).")
def lemma_12(inst):
    return _cells_case(inst, "audit", "inequality")
