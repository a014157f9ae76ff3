"""Every commons claim can fail: deliberately wrong models and formulas are refuted.

Each test swaps one transcription or one model piece for a wrong one (a sign, a transpose, a
swapped pair of partials, a wrong closed form, a wrong price, a skipped hypothesis) and checks
that the claim's own predicate now fails, with a witness; the errata claims are shown to hold
on the corrected formula or on a control instance.
"""

import sympy

from exact.numbers import Q
from proofs.commons import claims, firstorder, paper


def _wrong_adjoint(H, x, q, lam, lam_prev, delta):
    """(11) with the sign of d_x H flipped."""
    Hx = paper.grad(H(x, q, lam), x)
    return tuple(l - lp / delta - h for l, lp, h in zip(lam, lam_prev, Hx))


def test_wrong_sign_in_the_adjoint_equation_refutes_theorem_1(monkeypatch):
    monkeypatch.setattr(paper, "adjoint_11", _wrong_adjoint)
    out = claims.theorem_1(1)
    assert not out.ok
    bad = out.data["failed"][0]
    assert bad["name"].startswith("dL/dx1_t") and bad["witness"]
    assert bad["lhs_value"] != bad["rhs_value"]


def test_wrong_sign_in_the_adjoint_equation_refutes_the_lq_path(monkeypatch):
    monkeypatch.setattr(paper, "adjoint_11", _wrong_adjoint)
    out = claims.theorem_1_paths("linear-quadratic (E10)")
    assert not out.ok and out.data["failed"][0]["name"] == "adjoint (11) at t = 1"


def test_wrong_sign_in_the_adjoint_equation_refutes_the_saddle_determinant(monkeypatch):
    monkeypatch.setattr(paper, "adjoint_11", _wrong_adjoint)
    assert not claims.saddle_path_determinant("generic, one species").ok


def test_untransposed_jacobian_is_caught_only_with_two_species(monkeypatch):
    def jacobian_times(g, x, lam):
        J = sympy.Matrix(list(g(x))).jacobian(list(x))
        return tuple(J * sympy.Matrix(list(lam)))          # Dg lambda instead of Dg^T lambda
    monkeypatch.setattr(paper, "jacobian_T_times", jacobian_times)
    assert claims.golden_rule(1).ok                         # a 1x1 Jacobian is symmetric
    out = claims.golden_rule(2)
    assert not out.ok and "Hotelling" in out.data["failed"][0]["name"]


def test_printed_equation_14_refutes_the_corrected_claim(monkeypatch):
    monkeypatch.setattr(paper, "equation_14_corrected", paper.equation_14_printed)
    out = claims.equation_14_corrected(1)
    assert not out.ok and len(out.data["failed"]) == 2


def test_corrected_equation_14_makes_the_erratum_hold(monkeypatch):
    monkeypatch.setattr(paper, "equation_14_printed", paper.equation_14_corrected)
    assert claims.equation_14("linear-quadratic (E10)").ok
    assert claims.equation_14("power-log (E7)").ok


def test_wrong_steady_state_formula_refutes_a_family(monkeypatch):
    import dataclasses
    from proofs.commons import families
    fam = families.family("logistic")
    r, K, rho = fam.params
    wrong = dataclasses.replace(fam, x_star=K * (r - rho) / r)        # missing the factor 2
    monkeypatch.setattr(claims, "family", lambda key: wrong)
    out = claims.golden_rule_families("logistic")
    assert not out.ok and out.data["residual"] != "0"


def test_wrong_envelope_refutes_proposition_5(monkeypatch):
    def stationary(Hred, x, lam, delta):                    # forgets the lambda-part
        h = Hred(x, lam)
        return (tuple(-(1 - 1 / delta) * l - d for l, d in zip(lam, paper.grad(h, x)))
                + tuple(0 * d for d in paper.grad(h, lam)))
    monkeypatch.setattr(paper, "proposition_5_stationary", stationary)
    assert not claims.proposition_5(1).ok


def test_wrong_equal_margins_refute_equation_12(monkeypatch):
    real = firstorder.convolution_identities

    def mutant(n):
        (name, lhs, rhs), second = real(n)[0], real(n)[1]
        return [(name, lhs, rhs + 1), second]                # claims d/dq pi = mu + 1
    monkeypatch.setattr(firstorder, "convolution_identities", mutant)
    assert not claims.equation_12(2).ok


def test_wrong_price_refutes_proposition_6_corrected(monkeypatch):
    from proofs.commons import economy
    real = economy.water_fill
    monkeypatch.setattr(economy, "water_fill",
                        lambda agents, x, total: (real(agents, x, total)[0] + Q(1, 100),
                                                  real(agents, x, total)[1]))
    out = claims.proposition_6_corrected("E6")
    assert not out.ok
    assert "user cost q* = market price = d_q pi(x*, q*) = lambda*" in out.data["failed"]


def test_skipping_the_concavity_hypothesis_refutes_assumption_3(monkeypatch):
    monkeypatch.setattr(claims, "concave_on", lambda g, x, box: True)
    out = claims.assumption_3("depensation g = x^2 (1 - x), log payoff, rho = 1/4 (E12)")
    assert not out.ok and out.data["count"] == 2


def test_dual_test_without_strong_duality_refutes_example_1(monkeypatch):
    from proofs.commons import example1

    def feasible_only(p, q, A=example1.A, y_star=example1.Y_STAR):
        return all(v >= 0 for v in p) and all(
            sum(A[i][j] * p[i] for i in range(2)) >= y_star[j] for j in range(2))
    monkeypatch.setattr(claims, "is_dual_solution", feasible_only)
    out = claims.example_1("q = (4, 6)")
    assert not out.ok and out.data["supgradient"] is False and out.data["dual_solution"] is True


def test_errata_hold_on_their_control_instances():
    assert claims.definition_2_quasiconcavity("collinear rays in R^2 (one-dimensional)").ok
    assert claims.definition_2_inequality("2").ok
    assert claims.proposition_5_proof("logistic r = K = 1, u = q - q^2/2, rho = 1/5").ok


def test_printed_proposition_6_holds_if_the_user_cost_is_read_from_pi(monkeypatch):
    monkeypatch.setattr(paper, "proposition_6_printed",
                        lambda H, x, q, lam, rho: {"q*": (lam[0],), "lambda": (lam[0],)})
    assert claims.proposition_6("linear-quadratic (E10)").ok


def test_wrong_rewriting_of_the_lagrangian_refutes_theorem_1_lagrangian(monkeypatch):
    from proofs.commons.model import GenericModel

    def rewritten(self, x, q, lam, x_next):                 # + lambda.(x_+ - x): wrong sign
        return self.H(x, q, lam) + sum(l * (xn - xs) for l, xn, xs in zip(lam, x_next, x))
    monkeypatch.setattr(GenericModel, "rewritten_term", rewritten)
    out = claims.theorem_1_lagrangian(2)
    assert not out.ok and out.data["failed"][0]["witness"]


def test_unanimity_holds_for_streams_everyone_ranks_alike():
    from proofs.commons.errata import Streams, unanimity_violation
    inst = Streams((Q(1, 5), Q(4, 5)), (Q(1, 2), Q(1, 2)), (1, 1, 1), (0, 1, 0))
    assert unanimity_violation(inst) is None
