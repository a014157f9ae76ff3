"""Discrete MWG rule and the certified LP of Theorem 1 (golden rows of the note's table)."""

import copy

import pytest
from hypothesis import given, settings, strategies as st

from exact.errors import CertificateError
from exact.lpcert import check_certificate
from exact.numbers import Q
from proofs.verification.mwg import (best_value, breakpoints, first_best, interim_A, interim_P,
                                     optimal_phis, W)
from proofs.verification.optimum import certify, implement, solve_opt
from proofs.verification.typespace import instance

THIRD = ["1/3"] * 3


@pytest.mark.parametrize("n,m,k,vals,opt,phis", [
    (3, 2, 1, [1, 2, 3], Q(374, 81), [Q(28, 81)]),
    (4, 2, 1, [1, 2, 3], Q(389, 81), [Q(41, 162), Q(8, 27), Q(97, 324)]),
    (4, 3, 2, [0, "1/2", 1], Q(307, 162), [Q(2, 9), Q(1, 4), Q(91, 324), Q(43, 108)]),
    (5, 4, 2, [1, 2, 3], Q(718, 81), [Q(2, 5), Q(166, 405), Q(194, 405)]),
])
def test_note_table_rows(n, m, k, vals, opt, phis):
    inst = instance(n, m, k, vals, THIRD)
    assert best_value(inst) == opt and optimal_phis(inst) == phis
    cert = certify(inst)
    assert cert.value == opt
    check_certificate(cert.certificate)


def test_hand_checked_interim_rule():
    inst = instance(3, 2, 1, [1, 2, 3], THIRD)
    assert interim_P(inst, Q(28, 81)) == [Q(28, 81), Q(56, 81), Q(26, 27)]
    assert interim_A(inst, Q(28, 81)) == [0, Q(28, 81), Q(50, 81)]


def test_generic_lp_agrees_with_the_closed_form():
    # an independent route: the plain exact LP solver on the full LP
    for args in [(3, 2, 1, [0, 1], ["1/4", "3/4"]), (4, 2, 1, [1, 2, 3], THIRD),
                 (5, 3, 2, ["1/4", "1/2", 1], ["1/2", "1/4", "1/4"])]:
        inst = instance(*args)
        assert solve_opt(inst).value == best_value(inst)


def test_first_best_is_bic_in_a_discrete_instance():
    inst = instance(4, 3, 2, [1, 2, 3], THIRD)
    assert certify(inst).value == first_best(inst) == Q(550, 81)


def test_certificate_tampering_is_caught():
    cert = certify(instance(3, 2, 1, [1, 2, 3], THIRD)).certificate
    bad = copy.deepcopy(cert)
    bad["x"][0] = "1"
    with pytest.raises(CertificateError):
        check_certificate(bad)


def test_closed_form_dual_does_not_certify_a_suboptimal_phi():
    inst = instance(3, 2, 1, [1, 2, 3], THIRD)
    worse = [p for p in breakpoints(inst) if W(inst, p) < best_value(inst)][0]
    with pytest.raises(CertificateError):
        certify(inst, ph=worse)


def test_proposition_1_witness_induces_the_interim_rule():
    inst = instance(4, 2, 1, [0, "1/2", 1], ["1/4", "1/2", "1/4"])
    from proofs.verification.profiles import layout
    lay = layout(inst)
    for ph in [p for p in breakpoints(inst) if p >= Q(1, 4)]:
        res = implement(inst, ph, lay)
        assert res.status == "optimal"
        x, y = res.x[:lay.E], res.x[lay.E:]
        assert lay.interim(x) == interim_P(inst, ph) and lay.interim(y) == interim_A(inst, ph)
        assert all(0 <= b <= a <= 1 for a, b in zip(x, y))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([(3, 2, 1), (4, 3, 1), (4, 2, 0)]),
       st.lists(st.integers(1, 4), min_size=2, max_size=3),
       st.integers(0, 3), st.integers(1, 3))
def test_affine_values_scale_the_mwg_value(nmk, weights, a, b):
    n, m, k = nmk
    probs = [Q(w, sum(weights)) for w in weights]
    vals = [Q(i) for i in range(len(weights))]
    base = instance(n, m, k, vals, probs)
    moved = instance(n, m, k, [a + b * v for v in vals], probs)
    assert best_value(moved) == a * m + b * best_value(base)


def test_random_tie_breaking_reproduces_the_chord():
    from proofs.verification.capacity import expected_min
    from proofs.verification.mwg import top_probability
    inst = instance(4, 2, 1, [1, 2, 3], ["1/4", "1/2", "1/4"])
    g = inst.grid
    for l in range(3):
        for cap in (1, 2):
            chord = (expected_min(4, cap, g[l]) - expected_min(4, cap, g[l + 1])) / (4 * inst.probs[l])
            assert top_probability(inst, l, cap) == chord
    # the top type wins a single object for sure only if it is alone at the top
    assert top_probability(inst, 2, 1) < 1
