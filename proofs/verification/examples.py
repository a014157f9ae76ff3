"""Worked examples of the paper, recomputed exactly (``exact example verification/...``).

- ``verification/example-1``: Example 1 (n=3, m=2, k=1, uniform): capacity functions, cut-offs,
  the quintic, phi*, the payoff, the benchmarks, and the errata on the way; ``--plot`` draws the
  three capacity functions, the envelope and gamma_1..gamma_3 at phi*.
- ``verification/lemma-7-counterexample``: phi = 73/200 in Example 1, where Lemma 7's case 2.b
  description inverts.
- ``verification/theorem-1-table``: the note's table of certified optima; ``--plot`` draws W(phi)
  with its breakpoints for n=3, m=2, k=1, types {1, 2, 3}.
- ``verification/continuous-model``: any (n, m, k) and F = t^a: Lemma 7's case for every phi,
  phi* (exact maximiser of V), the payoff and cut-offs (``examples/verification_continuous.py``).
- ``verification/continuous-examples``, ``verification/appendix-4-2``,
  ``verification/discretisation``: the note's three tables, recomputed exactly beside the
  printed values (the 8-row table's phi* column is off by up to 2.5e-7: float quadrature).
"""

from __future__ import annotations

import sympy

from exact.numbers import Q
from exact.report import Report, Table, example

from . import example1, regions
from .capacity import c_allo_poly, c_aud_poly, c_ic_poly, q

__all__ = ["example_1", "lemma_7_counterexample", "theorem_1_table"]


def _minpoly(x) -> sympy.Expr:
    """The minimal polynomial of an exact algebraic number, as a sympy expression in ``x``."""
    return sympy.Poly([int(c) for c in reversed(x.minpoly.coeffs())], example1.X).as_expr()


@example("verification/example-1", title="Example 1: n = 3, m = 2, k = 1, uniform types",
         source="Section 3.3, Example 1")
def example_1() -> Report:
    r = Report("Example 1: n = 3, m = 2, k = 1, types uniform on [0, 1]",
               source="Section 3.3, Example 1")
    polys = [("c^allo", c_allo_poly(3, 2).as_expr(), "t^3 - 3t^2 + 2"),
             ("c^aud_phi", sympy.expand(c_aud_poly(3, 1).as_expr()), "-t^3 - 3 phi t + 1 + 3 phi"),
             ("c^ic_phi", c_ic_poly(3, 2).as_expr(), "2 - 3 phi t")]
    r.add(Table(["function", "recomputed (q = t)", "paper"],
                [[a, str(b), c] for a, b, c in polys], caption="Constraint functions"))
    quint = example1.foc_quintic()
    s, ph = example1.gamma3_star(), example1.phi_star()
    g1 = s.apply([0, 1, Q(-1, 2)])                          # gamma_1* = g - g^2/2, exact
    r.add("Eliminating phi and gamma_1 from c^ic = c^aud at gamma_1, c^allo = c^aud at gamma_3 "
          "and the first-order condition (10) leaves the irreducible quintic "
          f"{quint.as_expr()} = 0 for gamma_3 (variable x).")
    r.add(Table(["quantity", "exact", "digits", "paper"], [
        ["gamma_3*", f"root of {quint.as_expr()}", s.digits(15), "-"],
        ["gamma_1* = gamma_2*", "g - g^2/2 (the FOC)", g1.digits(15), "-"],
        ["phi*", f"root of {example1.phi_star_minpoly().as_expr()}", ph.digits(15), "0.34764"],
        ["n U(phi*)", f"{example1.payoff_in_g().as_expr()} at g = gamma_3*",
         example1.payoff_star(10), "1.223"],
        ["U(phi*) per agent", "n U / 3", f"{sympy.Float(example1.payoff_star(12), 15) / 3:.10f}",
         "1.223 (called U)"],
        ["V(1/3)", str(example1.V_rational(Q(1, 3))), f"{float(example1.V_rational(Q(1, 3))):.5f}",
         "-"],
        ["random allocation V(2/3)", str(example1.V_rational(Q(2, 3))), "1", "1"],
        ["first best", str(sympy.integrate(c_allo_poly(3, 2).as_expr(), (q, 0, 1))), "1.25", "1.25"],
    ], caption="Optimal guarantee and payoffs (recomputed; paper column for comparison)"))
    qstar, phat = example1.triple_point()
    gain, simple = example1.uniform_audit_gain()
    r.add(Table(["erratum", "exact value"], [
        ["auditing region collapses at phi-hat (not phi-bar = 3/8)",
         f"root of {_minpoly(phat)} = (5 sqrt 2 - 6)/3 = {phat.digits(12)}; "
         f"q* = {qstar.digits(12)}"],
        ["uniform audit among merit winners: gain of type 0 reporting 1", f"{simple} = "
         f"{s.apply(sympy.Poly(simple, example1.g)).digits(12)}"],
        ["random allocation with probability 1/3", "payoff 1/2 (probability 2/3 gives 1)"],
        ["U(phi) is per agent", "1.223 is n U(phi*)"],
    ], caption="Errata visible in Example 1"))
    r.values.update({"phi_star": ph.digits(12), "payoff": example1.payoff_star(10),
                     "V_one_third": example1.V_rational(Q(1, 3)),
                     "quintic": str(quint.as_expr())})

    def plot(ax):
        from .plots import draw_capacity
        ph_r = ph.refine(digits=12)[0]                      # a rational within 1e-12 of phi*
        draw_capacity(ax, 3, 2, 1, ph_r, regions.cutoffs(regions.runs(3, 2, 1, ph_r)),
                      title=f"Example 1 at phi* = {ph.digits(5)}: gamma_1 = gamma_2 < gamma_3")
    r.plot = plot
    return r


@example("verification/lemma-7-counterexample", title="Lemma 7 at phi = 73/200",
         source="Appendix A.4, Lemma 7")
def lemma_7_counterexample() -> Report:
    ph = Q(73, 200)
    r = Report("Lemma 7 fails at phi = 73/200 (n = 3, m = 2, k = 1)", source="Appendix A.4, Lemma 7")
    cr = regions.crossings(3, 2, 1, ph)
    case, pred = regions.lemma_7_prediction(3, 2, 1, ph)
    rs = regions.runs(3, 2, 1, ph)
    r.add(Table(["crossing", "digits"], [["z1", cr["z1"].digits(8)], ["z2", cr["z2"].digits(8)]] +
                [[f"r{i + 1}", x.digits(8)] for i, x in enumerate(cr["r"])]))
    r.add(Table(["", "regions"], [
        [f"Lemma 7 (case {case})", ", ".join(f"C^{lab} = [{a.digits(5)}, {b.digits(5)}]"
                                             for lab, a, b in pred)],
        ["true envelope", ", ".join(f"C^{x.label} = [{x.left.digits(5)}, {x.right.digits(5)}]"
                                    for x in rs)]]))
    bad = regions.disagreement(3, 2, 1, ph, pred)
    from .capacity import c_allo, c_aud, c_ic
    x = bad["q"]
    r.add(Table(["at q", "c^allo", "c^ic", "c^aud", "Lemma 7 says binding"],
                [[x, c_allo(3, 2, x), c_ic(3, 2, ph, x), c_aud(3, 1, ph, x),
                  bad["predicted_label"]]], caption="Exact witness"))
    r.values.update({"witness_q": x, "case": case, "true_pattern": regions.pattern(rs)})
    return r


NOTE_TABLE = [(n, m, k, vals) for vals in (("1", "2", "3"), ("0", "1/2", "1"))
              for (n, m, k) in ((2, 1, 0), (3, 2, 1), (3, 2, 0), (4, 2, 1), (4, 3, 1), (4, 3, 2),
                                (5, 2, 1), (5, 3, 1), (5, 3, 2), (5, 4, 2))]


@example("verification/theorem-1-table", title="Theorem 1 on finite type spaces",
         source="Theorem 1 (discrete analogue; note's table)")
def theorem_1_table() -> Report:
    from .mwg import first_best, optimal_phis, random_value
    from .optimum import certify
    from .typespace import instance
    r = Report("Certified optimum = best merit-with-guarantee value (uniform types)",
               source="Theorem 1, discrete analogue")
    rows = []
    for n, m, k, vals in NOTE_TABLE:
        inst = instance(n, m, k, list(vals), [Q(1, 3)] * 3)
        cert = certify(inst)
        opt = optimal_phis(inst)
        from .mwg import interim_P
        rows.append([n, m, k, "{" + ", ".join(vals) + "}", cert.value, opt, interim_P(inst, max(opt)),
                     random_value(inst), first_best(inst)])
    r.add(Table(["n", "m", "k", "types", "OPT (certified)", "optimal phi (breakpoints)",
                 "P at largest optimal phi", "random", "first best"], rows))
    r.values["rows"] = len(rows)

    def plot(ax):
        from .plots import draw_W
        draw_W(ax, instance(3, 2, 1, [1, 2, 3], [Q(1, 3)] * 3),
               title="W(phi), n=3, m=2, k=1, types {1,2,3} uniform")
    r.plot = plot
    return r


# --- the continuous model beyond Example 1 (proofs.verification.continuous) -----------------------

#: the note's 8-row table (verification.md Section 4): (F power, n, m, k) and its printed
#: phi*, V*, V((m-k)/n), V(m/n) (float quadrature, 7 decimals)
NOTE_CONTINUOUS = [("1", 3, 2, 1, "0.3476446", "1.2230683", "1.21875", "1"),
                   ("1", 4, 2, 1, "0.2620566", "1.2972996", "1.2926715", "1"),
                   ("1", 4, 3, 1, "0.5046940", "1.7389358", "1.7375", "1.5"),
                   ("1", 5, 3, 2, "0.2124821", "1.9584087", "1.953125", "1.5"),
                   ("1", 6, 3, 1, "0.3354997", "1.8495758", "1.8486736", "1.5"),
                   ("2", 3, 2, 1, "0.3453322", "1.5090492", "1.5058182", "4/3"),
                   ("2", 4, 2, 1, "0.2579990", "1.5540025", "1.5516640", "4/3"),
                   ("1/2", 4, 3, 2, "0.2559019", "1.2655035", "1.2650381", "1")]

#: the appendix note's table 4.2: ((n, m, k), F power) and its printed phi-hat, phi*, n U(phi*),
#: q1, q3, first best
APPENDIX_4_2 = [(3, 2, 1, "1", "0.357022604", "0.34764442688", "1.22306830655", "0.35015851",
                 "0.45256693", "1.25"),
                (3, 2, 1, "2", "0.357022604", "0.345332379291", "1.50904916055", "0.33018397",
                 "0.46095362", "1.542857143"),
                (3, 2, 1, "1/2", "0.357022604", "0.350394414204", "0.889006897049", "0.37128659",
                 "0.44211553", "0.9"),
                (4, 2, 1, "1", "0.3019387957", "0.26205634658", "1.29729957254", "0.46861796",
                 "0.7494724", "1.4"),
                (4, 2, 1, "1/2", "0.3019387957", "0.269142920326", "0.9944693311", "0.52603791",
                 "0.738095", "1.066666667"),
                (5, 3, 2, "3", "0.2232691253", "0.208907646576", "2.53642606152", "0.32429062",
                 "0.47306714", "2.581730769")]


def _agree(x, printed: str) -> str:
    """"yes" if the exact number rounds to the printed decimal, else the correct rounding."""
    from .continuous import rounds_to
    if "/" in printed:
        return "yes" if x == Q(printed) else "no"
    if rounds_to(x, printed):
        return "yes"
    digits = len(printed.partition(".")[2])
    return f"no: {x.digits(digits) if hasattr(x, 'digits') else x}"


def _as_alg(x):
    from exact.algebraic import RealAlgebraic
    return x if isinstance(x, RealAlgebraic) else RealAlgebraic.from_rational(x)


@example("verification/continuous-examples", title="Continuous examples beyond Example 1",
         source="Proposition 2 (note verification.md, Section 4: 8-row table)")
def continuous_examples(rows=None) -> Report:
    from .continuous import Power, V_lower, V_upper, optimum
    r = Report("Optimal guarantee phi* and payoffs for F(t) = t^a, exact (algebraic numbers)",
               source="Section 3.3, Proposition 2; note's table")
    out = []
    agree = []
    for a, n, m, k, p_phi, p_v, p_lo, p_up in rows or NOTE_CONTINUOUS:
        F = Power(a)
        opt = optimum(n, m, k, F)
        lo, up = V_lower(n, m, k, F), V_upper(n, m, F)
        checks = [_agree(opt["phi_star"], p_phi), _agree(opt["payoff"], p_v),
                  _agree(_as_alg(lo), p_lo if "/" not in p_lo else p_lo), _agree(_as_alg(up), p_up)]
        agree.append(checks)
        out.append([F.name, n, m, k, opt["phi_star"].digits(10), opt["payoff"].digits(10),
                    lo.digits(10) if not lo.is_rational else str(lo.value), str(up),
                    f"{p_phi} / {p_v} / {p_lo} / {p_up}", " ".join(
                        "=" if c == "yes" else c for c in checks)])
    r.add(Table(["F", "n", "m", "k", "phi*", "V* = n U(phi*)", "V((m-k)/n)", "V(m/n) = m E t",
                 "note (phi*, V*, V(lo), V(hi))", "note agrees"], out,
                caption="phi* is the exact maximiser of the concave V (unique sign change of V')"))
    r.values["rows"] = out
    r.values["agreement"] = agree
    return r


@example("verification/appendix-4-2", title="Proposition 2 for power distributions",
         source="Appendix note, Section 4.2")
def appendix_4_2(rows=None) -> Report:
    from .continuous import Power, first_best, optimum
    r = Report("phi-hat, phi*, n U(phi*), quantile cut-offs and first best, exact",
               source="Appendix A.8 / note Section 4.2")
    out, agree = [], []
    for n, m, k, a, *printed in rows or APPENDIX_4_2:
        F = Power(a)
        opt = optimum(n, m, k, F)
        fb = first_best(n, m, F)
        vals = [opt["phi_hat"], opt["phi_star"], opt["payoff"], opt["q1"], opt["q3"], _as_alg(fb)]
        checks = [_agree(v, p) for v, p in zip(vals, printed)]
        agree.append(checks)
        out.append([f"({n},{m},{k})", F.name] + [v.digits(11) for v in vals[:5]] + [str(fb)]
                   + [" ".join("=" if c == "yes" else c for c in checks)])
    r.add(Table(["(n,m,k)", "F", "phi-hat", "phi*", "n U(phi*)", "q1 = gamma_1", "q3 = gamma_3",
                 "first best", "note agrees"], out))
    r.values["rows"] = out
    r.values["agreement"] = agree
    return r


#: the note's discretisation table (n = 3, m = 2, k = 1; types (2l - 1)/(2L) uniform):
#: L -> printed value and optimal phi
DISCRETISATION = {2: ("1.18750000", "[1/3, 5/12]"), 3: ("1.20576132", "28/81"),
                  4: ("1.21386719", "65/192"), 6: ("1.21913580", "28/81"),
                  8: ("1.22064209", "539/1536"), 10: ("1.22110000", "[1027/3000, 133/375]"),
                  12: ("1.22193287", "28/81"), 50: ("1.22299540", "0.34644"),
                  200: ("1.22306453", "0.34763")}


def discretisation_instance(L: int):
    from .typespace import instance
    return instance(3, 2, 1, [Q(2 * j - 1, 2 * L) for j in range(1, L + 1)], [Q(1, L)] * L)


@example("verification/discretisation", title="Discretisations converge to Example 1",
         source="Theorem 1 (discrete analogue); note verification.md, Section 4")
def discretisation(Ls=(2, 3, 4, 6, 8, 10, 12, 50), certify_up_to: int = 6) -> Report:
    from .mwg import best_value, optimal_phis
    from .optimum import certify
    r = Report("n = 3, m = 2, k = 1, types (2l-1)/(2L), l = 1..L, uniform: exact optimum",
               source="note, discretisation table")
    out = []
    for L in Ls:
        inst = discretisation_instance(L)
        val = best_value(inst)
        opt = optimal_phis(inst)
        how = "max_phi W(phi)"
        if L <= certify_up_to:
            cert = certify(inst)
            how = "certified LP optimum = max_phi W" if cert.value == val else "MISMATCH"
        phis = str(opt[0]) if len(opt) == 1 else f"[{min(opt)}, {max(opt)}]"
        printed = DISCRETISATION.get(L, ("-", "-"))
        from exact.algebraic import RealAlgebraic
        out.append([L, str(val), RealAlgebraic.from_rational(val).digits(8), phis, how, printed[0],
                    printed[1]])
    r.add(Table(["L", "OPT = MWG* (exact)", "digits", "optimal phi", "how", "note", "note phi"],
                out, caption="converges to the continuous n U(phi*) = 1.2230683... from below"))
    r.values["rows"] = out
    return r


@example("verification/continuous-model", title="The optimal MWG rule for any (n, m, k), F = t^a",
         source="Sections 3.1-3.3, Corollary 1, Proposition 2")
def continuous_model(n: int = 3, m: int = 2, k: int = 1, a="1") -> Report:
    """Lemma 7's cases for every phi, phi* and the payoffs, exactly (Example 1 by default)."""
    from . import cases
    from .continuous import Power, V_lower, V_upper, first_best, optimum
    from .typespace import check_parameters
    n, m, k = check_parameters(n, m, k)
    F = Power(a)
    r = Report(f"n = {n}, m = {m}, k = {k}, F(t) = {F.name}", source="Sections 3.1-3.3")
    r.add(Table(["phi from", "phi to", "envelope", "Lemma 7 case"],
                [[iv.lo.digits(10), iv.hi.digits(10), iv.pattern, iv.case]
                 for iv in cases.intervals(n, m, k)],
                caption="every phi in (0, m/n), exact event decomposition (case 2.a never occurs)"))
    if k == 0:
        r.add("With k = 0 there is no case-2.b window: the random allocation is optimal.")
        return r
    opt = optimum(n, m, k, F)
    rows = [["phi-hat (end of the case-2.b window)", opt["phi_hat"].digits(12)],
            ["phi* (maximises V)", opt["phi_star"].digits(12)],
            ["V(phi*) = n U(phi*)", opt["payoff"].digits(12)],
            ["quantile cut-offs q1 = gamma_1 = gamma_2, q3 = gamma_3",
             f"{opt['q1'].digits(10)}, {opt['q3'].digits(10)}"],
            ["type cut-offs t1, t3", f"{opt['t1'].digits(10)}, {opt['t3'].digits(10)}"],
            ["V((m-k)/n)", V_lower(n, m, k, F).digits(12)],
            ["V(m/n) = m E[t] (random allocation)", str(V_upper(n, m, F))],
            ["first best", str(first_best(n, m, F))],
            ["V' > 0 > V' at", f"{opt['bracket'][0]}, {opt['bracket'][1]}"],
            ["minimal polynomial of phi*", str(opt["phi_star"].minpoly)]]
    r.add(Table(["quantity", "exact value"], rows))
    r.values.update({"phi_star": opt["phi_star"].digits(12), "payoff": opt["payoff"].digits(12)})
    return r
