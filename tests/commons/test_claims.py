"""Verdicts of every commons claim, with the errata's witnesses compared to the note's values."""

import pytest

from exact import check

VERIFIED = ["commons/theorem-1-lagrangian", "commons/theorem-1", "commons/equation-12",
            "commons/golden-rule", "commons/proposition-5", "commons/equation-14-corrected",
            "commons/saddle-path-determinant", "commons/golden-rule-families",
            "commons/assumption-3", "commons/theorem-1-paths", "commons/proposition-6-corrected",
            "commons/example-1"]
ERRATA = ["commons/definition-2-quasiconcavity", "commons/definition-2-inequality",
          "commons/equation-14", "commons/proposition-6", "commons/initial-condition",
          "commons/proposition-5-proof", "commons/remark-5"]


@pytest.mark.parametrize("cid", VERIFIED)
def test_verified(cid):
    v = check(cid)
    assert v.kind == "verified" and v.instances == v.total > 0


@pytest.mark.parametrize("cid", ERRATA)
def test_errata_refuted(cid):
    v = check(cid)
    assert v.known_erratum and v.counterexample is not None


def _violation(cid):
    v = check(cid)
    assert v.known_erratum
    return v.counterexample["instance"], v.counterexample["violation"]


def test_generic_claims_cover_three_species():
    v = check("commons/golden-rule")
    assert v.sizes == (1, 2, 3) and v.instances == 3


def test_assumption_3_skips_the_non_concave_instance():
    v = check("commons/assumption-3")
    assert v.kind == "verified" and v.to_json()["met"] == v.total - 1


def test_quasiconcavity_witness_is_on_the_axes_with_values_one_and_zero():
    inst, viol = _violation("commons/definition-2-quasiconcavity")
    assert "axes" in inst
    assert (viol["y1"], viol["y2"], viol["midpoint"]) == ([1, 0], [0, 1], ["1/2", "1/2"])
    assert (viol["pi_J(y1)"], viol["pi_J(y2)"], viol["pi_J(midpoint)"]) == (1, 1, 0)


def test_inequality_form_first_differs_at_five_halves():
    inst, viol = _violation("commons/definition-2-inequality")
    assert inst == "5/2"
    assert viol["equality_form"] == "-inf" and viol["inequality_form"] == 2
    assert viol["equality_status"] == "infeasible"


def test_equation_14_fails_by_rho_lambda_at_the_lq_steady_state():
    inst, viol = _violation("commons/equation-14")
    assert inst == "linear-quadratic (E10)"
    assert viol["steady_state"] == {"x*": "9/5", "q*": "4/5", "lambda*": "6/5"}
    assert viol["printed"] == ["-2/5", "-2/5"] and viol["corrected"] == [0, 0]
    assert viol["d_x Hcal"] == "2/5"           # rho lambda* = 1/3 * 6/5


def test_proposition_6_printed_sides():
    _, viol = _violation("commons/proposition-6")
    assert viol["printed"] == {"q* = d/dq H": 0, "lambda = d/dx H_x / rho": -3}
    assert viol["corrected"] == {"q* = d/dq pi": "6/5", "lambda = d/dx H / rho": "6/5"}


def test_initial_condition_witness():
    _, viol = _violation("commons/initial-condition")
    assert viol["x_minus_1_occurs_in_7_or_8"] is False
    assert viol["optimal x_0"] == "27/10" and viol["value of (7) as printed"] == "344/25"
    assert viol["H_x + lambda_0 at x_0"] == 0


def test_proposition_5_proof_fixed_point_outside():
    inst, viol = _violation("commons/proposition-5-proof")
    assert inst.endswith("rho = 2")
    assert viol["fixed_points"] == [{"x": "-1/2", "lambda": "7/4"}] and viol["in_X_plus"] == []


def test_proposition_5_proof_control_has_an_interior_fixed_point():
    from proofs.commons.claims import proposition_5_proof
    out = proposition_5_proof("logistic r = K = 1, u = q - q^2/2, rho = 1/5")
    assert out.ok and out.data["xi"] == {"x": "2/5", "lambda": "19/25"}


def test_remark_5_smaller_witness_than_e13():
    inst, viol = _violation("commons/remark-5")
    assert "(smaller)" in inst
    pv = viol["present values (r, r_hat)"]
    assert pv == {"principal": ["5/2", "9/4"], "agent 1": [1, "6/5"], "agent 2": [4, "21/5"]}


def test_remark_5_note_e13_values():
    from proofs.commons.claims import remark_5
    out = remark_5("delta = (1/2, 9/10), r = (0, 35/12, 0), r_hat = (1, 0, 25/12) (E13)")
    pv = out.data["present values (r, r_hat)"]
    assert not out.ok and pv["principal"] == ["49/24", "97/48"]
    assert pv["agent 1"] == ["35/24", "73/48"] and pv["agent 2"] == ["21/8", "43/16"]


def test_remark_5_single_discount_factor_is_vacuous():
    from proofs.commons.claims import remark_5
    out = remark_5("one discount factor 1/2")
    assert out.ok and not out.met


@pytest.mark.parametrize("cid", ["commons/remark-5", "commons/golden-rule",
                                 "commons/proposition-6-corrected"])
def test_records_replay(cid):
    from exact import get_claim
    from exact.checker import replay
    from exact.records import make_record
    v = check(cid)
    replay(make_record(v, get_claim(cid)))          # raises ReplayError if it does not hold
