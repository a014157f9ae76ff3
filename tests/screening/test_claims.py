"""Verdicts and exact figures of the screening claims (recomputed, compared with the note)."""

import pytest

from exact import check
from exact.numbers import Q
from proofs.screening import examples
from proofs.screening.model import lewis_sappington, separable
from proofs.screening.problem import min_ic_slack
from proofs.screening.solve import full_optimum, optimum


@pytest.mark.parametrize("cid", ["screening/remark-1", "screening/remark-3",
                                 "screening/proposition-5", "screening/conjecture-1",
                                 "screening/section-4-opt", "screening/section-4-insights",
                                 "screening/appendix-a-example-1", "screening/appendix-a-example-2",
                                 "screening/appendix-a-example-3",
                                 "screening/observation-level-set"])
def test_verified(cid):
    v = check(cid)
    assert v.kind == "verified" and v.instances == v.total > 0


def test_theorem_1_refuted_by_the_notes_contract():
    v = check("screening/theorem-1")
    assert v.known_erratum
    viol = v.counterexample["violation"]
    assert (v.counterexample["instance"], viol["ic_slack"], viol["type"], viol["mimics"]) == \
        ({"k": "1"}, -1, [1, 1], [0, 0])


def test_proposition_4_refuted_with_one_eighth():
    v = check("screening/proposition-4")
    assert v.known_erratum and v.counterexample["instance"]["n"] == 3
    viol = v.counterexample["violation"]
    assert (viol["ic_slack"], viol["delta_star"], viol["type"], viol["mimics"]) == \
        ("-1/8", "1/8", [1, 0], [1, "1/2"])


def test_separable_model_exact_figures():
    """The note's exact values (Section 4.7), recomputed: 25/512, 13/256, 491/16384, 871/24576,
    delta* = 1/8 at n = 3 and 13/192 at n = 5."""
    r = examples.proposition_4()
    assert (r.values["opt_full_3"], r.values["opt_reduced_3"], r.values["delta_3"]) == \
        (Q(25, 512), Q(13, 256), Q(1, 8))
    assert (r.values["opt_full_5"], r.values["opt_reduced_5"], r.values["delta_5"]) == \
        (Q(491, 16384), Q(871, 24576), Q(13, 192))


def test_ls_exact_grid_optima():
    """The note's exact OPT_3, OPT_4, OPT_5 and the literal NW-set optima, recomputed."""
    r = examples.section_4()
    assert [r.values[f"opt_full_{n}"] for n in (3, 4, 5)] == \
        [Q(5467, 1280), Q(24763, 5832), Q(225503, 53248)]
    assert [r.values[f"opt_nw_{n}"] for n in (3, 4, 5)] == \
        [Q(4465, 1024), Q(16849, 3888), Q(141699, 32768)]
    assert r.values["opt_star"] == Q(101, 24)
    assert all(r.values[f"delta_nw_{n}"] > 0 for n in (3, 4, 5))


def test_ls_n3_solution_table():
    m = lewis_sappington(3)
    sol, route = full_optimum(m)
    assert route["route"] == "full problem"
    assert sol.q == [1, Q(3, 2), 2, Q(5, 4), Q(19, 10), 2, Q(19, 10), 2, 2]
    assert sol.V == [Q(137, 40), Q(31, 20), 0, Q(71, 20), Q(7, 4), 0, 4, 2, 0]
    assert min_ic_slack(m, sol.q, sol.V)[0] == 0


def test_level_route_agrees_with_the_direct_route():
    m = lewis_sappington(5)
    from proofs.screening import solve as S
    old = S.DIRECT_MAX
    S.DIRECT_MAX = 2
    try:
        sol, route = full_optimum(m)
    finally:
        S.DIRECT_MAX = old
    assert route["full_rows_checked"] == 600 and route["min_full_slack"] == 0
    assert sol.value == optimum(m, "full").value == Q(225503, 53248)


def test_section_4_reduced_set_refuted_at_n3():
    v = check("screening/section-4-reduced-set")
    viol = v.counterexample["violation"]
    assert v.known_erratum
    assert (viol["reduced_optimum"], viol["full_optimum"], viol["delta_star"]) == \
        ("4465/1024", "5467/1280", "25/32")


def test_count_errata():
    v = check("screening/example-1-count")
    assert v.known_erratum and v.counterexample["violation"]["paper_formula"] == 4
    v = check("screening/example-1-count-readings")
    assert v.known_erratum and v.counterexample["violation"]["readings"] == 1728


@pytest.mark.slow
def test_paper_count_figures_at_30_and_36():
    r = examples.counts()
    assert (r.values["formula_36"], r.values["ruled_out_36"]) == (67970, 1610350)
    assert (r.values["formula_30"], r.values["ruled_out_30"]) == (39092, 770008)
    assert r.values["prop3_36"] == 25760


def test_linear_model_goes_through_solve_lp():
    from proofs.screening.model import linear
    sol = optimum(linear(3), "full")
    assert sol.certificate["kind"].startswith("lp-") and sol.value == Q(1, 32)


def test_separable_full_and_paper_values():
    assert optimum(separable(3), "full").value == Q(25, 512)


def test_sparse_and_dense_exact_kkt_solves_agree_at_n_8(monkeypatch):
    """n = 8 (4,032 full IC rows): the level-set route through the sparse exact KKT elimination
    (forced) and the full problem through the dense rref give the same certified optimum."""
    import exact.qp as qp
    from exact.lpcert import check_certificate
    from proofs.screening import solve as S
    m = lewis_sappington(8)
    direct = S.solve(m, "full")                           # 128 variables: the dense rref
    monkeypatch.setattr(qp, "SPARSE_FROM", 0)
    level, route = full_optimum(m)
    assert route["full_rows_checked"] == 8 ** 4 - 8 ** 2 and route["min_full_slack"] == 0
    assert level.value == direct.value and level.q == direct.q
    check_certificate(level.certificate)
