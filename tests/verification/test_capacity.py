"""Capacity functions and the Lemma 6 / Lemma 7 identities."""

import pytest
import sympy

from exact.numbers import Q
from proofs.verification import identities
from proofs.verification.capacity import (binding, c_allo, c_allo_poly, c_aud, c_aud_poly, c_env,
                                          c_ic, c_ic_poly, expected_min, phi, q)


def test_example_1_constraint_functions_match_the_paper():
    # paper, Example 1 (with t = q): golden polynomials compared with the model's recomputation
    assert sympy.expand(c_allo_poly(3, 2).as_expr() - (q**3 - 3*q**2 + 2)) == 0
    assert sympy.expand(c_aud_poly(3, 1).as_expr() - (-q**3 - 3*phi*q + 1 + 3*phi)) == 0
    assert sympy.expand(c_ic_poly(3, 2).as_expr() - (2 - 3*phi*q)) == 0


@pytest.mark.parametrize("n,m,k", [(3, 2, 1), (5, 3, 2), (7, 4, 0)])
def test_exact_evaluation_agrees_with_polynomials(n, m, k):
    for j in range(11):
        x = Q(j, 10)
        xs = sympy.Rational(j, 10)
        assert c_allo(n, m, x) == Q(str(c_allo_poly(n, m).eval(xs)))
        val = c_aud_poly(n, k).as_expr().subs({q: xs, phi: sympy.Rational(1, 3)})
        assert c_aud(n, k, Q(1, 3), x) == Q(str(val))
        assert c_env(n, m, k, Q(1, 3), x) == min(c_allo(n, m, x), c_aud(n, k, Q(1, 3), x),
                                                  c_ic(n, m, Q(1, 3), x))


def test_expected_min_is_the_binomial_expectation_by_enumeration():
    # E[min{X, r}], X ~ Bin(4, 1 - q), enumerated over all 2^4 outcomes
    import itertools
    x = Q(1, 3)
    direct = sum((min(sum(s), 2) * Q(1 - x) ** sum(s) * x ** (4 - sum(s))
                  for s in itertools.product((0, 1), repeat=4)), Q(0))
    assert expected_min(4, 2, x) == direct


def test_binding_reports_ties():
    assert binding(3, 2, 1, Q(1, 3), Q(0)) == ("ic", "allo", "aud")


@pytest.mark.parametrize("n,m,k", [(3, 2, 1), (6, 4, 2), (12, 11, 10), (12, 5, 0)])
def test_lemma_6_and_7_identities_hold(n, m, k):
    out = (identities.lemma_6_identities(n, m, k) + identities.induction_step(n, m)
           + identities.lemma_7_derivative_identities(n, m, k))
    assert out and all(i.holds for i in out), [i.name for i in out if not i.holds]


def test_the_prover_detects_a_false_identity():
    # (19) with one summand too many is false; the residual names the missing term
    bad = identities.prove("wrong (19)", "test", sympy.diff(c_allo_poly(4, 2).as_expr(), q),
                           -4 * sum(sympy.binomial(3, j) * q**(3 - j) * (1 - q)**j
                                    for j in range(3)))
    assert not bad.holds and bad.residual != "0"
    # a rational point where the two sides differ, re-checked here with sympy
    w = bad.witness
    assert w is not None and bad.to_json()["witness"] == w
    lhs = sympy.diff(c_allo_poly(4, 2).as_expr(), q)
    rhs = -4 * sum(sympy.binomial(3, j) * q**(3 - j) * (1 - q)**j for j in range(3))
    xs = sympy.Rational(int(w["q"].p), int(w["q"].q))
    assert lhs.subs(q, xs) != rhs.subs(q, xs)
