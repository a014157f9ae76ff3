"""The exact LPs: epsilon-IC rows, revenue, hat-epsilon, Cremer-McLean, condition (1); certificates."""

import pytest

from exact import CertificateError
from exact.lpcert import check_certificate
from exact.numbers import Q
from proofs.approx_ic.condition import check_tie, common_strict_tops, decide, tie_lp
from proofs.approx_ic.families import (BINARY, INVEST, MATCH, OBJECT_1, OBJECT_2, SHARED_TOP,
                                       THREE_SIGNALS)
from proofs.approx_ic.gains import definition_epsilon, min_epsilon
from proofs.approx_ic.lps import (bind, cm_independence, epsilon_ic_lp, full_extraction_epsilon,
                                  mechanism_from_lp, mechanism_lp, revenue_lp)
from proofs.approx_ic.mechanism import (first_best_welfare, interim_utility, mechanism, revenue,
                                        sigma_star)

INVEST2 = BINARY.with_types([INVEST]).environment([2])


def test_revenue_lp_values_of_the_note():
    for n, W, bounded, hat in ((1, "1/2", "1/2", "0"), (2, "11/9", "7/9", "1/2"),
                               (3, "11/6", "3/2", "2/9"), (4, "74/27", "2", "7/18")):
        env = BINARY.with_types([INVEST]).environment([n])
        assert first_best_welfare(env) == Q(W)
        assert revenue_lp(env, ic=False).value == Q(W)
        assert revenue_lp(env, eps=Q(0)).value == Q(W)                     # free payments
        assert revenue_lp(env, eps=Q(0), payments=(0, 2)).value == Q(bounded)
        assert full_extraction_epsilon(env, payments=(0, 2)).value == Q(hat)


def test_the_note_parametric_curve_for_two_players():
    for e in (Q(0), Q(1, 16), Q(3, 16), Q(5, 16), Q(7, 16), Q(1, 2), Q(5, 8)):
        val = revenue_lp(INVEST2, eps=e, payments=(0, 2)).value
        assert val == min(Q(11, 9), Q(7, 9) + Q(8, 9) * e)


def test_the_optimum_at_epsilon_zero_invests_only_after_HH():
    res = revenue_lp(INVEST2, eps=Q(0), payments=(0, 2))
    m = mechanism_from_lp(INVEST2, res.x)
    assert definition_epsilon(INVEST2, m) == 0
    assert revenue(INVEST2, m) == Q(7, 9)
    assert all(interim_utility(INVEST2, m, i, s, s) >= 0 for i in (0, 1) for s in (0, 1))


def test_epsilon_ic_lp_reads_the_least_epsilon_of_a_fixed_mechanism():
    for env in (INVEST2, THREE_SIGNALS.with_types([MATCH]).environment([2]),
                BINARY.with_types([OBJECT_1, OBJECT_2]).environment([2, 1])):
        m = sigma_star(env)
        res = epsilon_ic_lp(env, m)
        assert res.value == definition_epsilon(env, m) == min_epsilon(env)
        check_certificate(res.certificate)


def test_epsilon_ic_lp_is_infeasible_for_a_mechanism_that_is_not_bir():
    m = sigma_star(INVEST2)
    greedy = mechanism(INVEST2, [a.index(Q(1)) for a in m.allocation],
                       [[p + 1 for p in row] for row in m.payments])
    res = epsilon_ic_lp(INVEST2, greedy)
    assert res.status == "infeasible"
    check_certificate(res.certificate)


def test_cremer_mclean_condition():
    ok, certs, failure = cm_independence(INVEST2)
    assert ok and failure is None and all(c["kind"] == "lp-infeasible" for c in certs)
    ok, _, failure = cm_independence(THREE_SIGNALS.with_types([INVEST]).environment([2]))
    assert not ok and failure[:2] == (0, 1)                # the middle signal is dependent
    assert failure[2] == (Q(1, 2), Q(1, 2))
    assert not cm_independence(BINARY.with_types([INVEST]).environment([1]))[0]


def test_three_signals_full_extraction_without_cremer_mclean():
    env = THREE_SIGNALS.with_types([INVEST]).environment([1])
    assert revenue_lp(env, eps=Q(0)).value == Q(5, 12) < first_best_welfare(env) == Q(7, 12)
    env = THREE_SIGNALS.with_types([INVEST]).environment([2])
    assert revenue_lp(env, eps=Q(0)).value == first_best_welfare(env) == Q(47, 36)


def test_bind_rejects_a_certificate_of_another_lp():
    res = revenue_lp(INVEST2, ic=False)
    bind(res.certificate, mechanism_lp(INVEST2, ic=False)[0], "optimal")
    with pytest.raises(CertificateError, match="not the one"):
        bind(res.certificate, mechanism_lp(INVEST2, Q(0))[0], "optimal")
    with pytest.raises(CertificateError, match="lp-infeasible"):
        bind(res.certificate, mechanism_lp(INVEST2, ic=False)[0], "infeasible")


def test_condition_1_by_lp():
    d = decide((OBJECT_1, OBJECT_2))
    assert not d.holds and (d.state, d.pair, d.tie) == (0, (0, 1), (Q(3, 5), Q(2, 5)))
    assert check_tie((OBJECT_1, OBJECT_2), 0, 0, 1, d.tie)
    assert not check_tie((OBJECT_1, OBJECT_2), 0, 0, 1, (Q(1, 2), Q(1, 2)))
    d = decide(SHARED_TOP)
    assert d.holds and len(d.certificates) == 2 * 3
    for cert in d.certificates:
        check_certificate(cert)
    assert common_strict_tops(SHARED_TOP) == (0, 1)
    assert common_strict_tops((OBJECT_1, OBJECT_2)) is None
    assert decide((MATCH,)).holds and decide((INVEST,)).holds


def test_the_tie_lp_rows():
    kw = tie_lp(SHARED_TOP, 0, 1, 2)
    assert kw["A_eq"][0] == [Q(-1), Q(1)]                  # u(a1, 0) - u(a2, 0) per type
    assert len(kw["A_ub"]) == 1                            # one other alternative


def test_the_note_curve_for_three_players_and_five_players_bounded():
    env = BINARY.with_types([INVEST]).environment([3])
    for e in (Q(0), Q(1, 16), Q(1, 8), Q(3, 16), Q(1, 4), Q(1, 2)):
        assert revenue_lp(env, eps=e, payments=(0, 2)).value == min(Q(11, 6), Q(3, 2) + Q(3, 2) * e)


@pytest.mark.slow
def test_note_b4_t3_five_players():
    env = BINARY.with_types([INVEST]).environment([5])
    assert revenue_lp(env, eps=Q(0), payments=(0, 2)).value == Q(155, 54)
    assert full_extraction_epsilon(env, payments=(0, 2)).value == Q(2, 9)


def test_note_b4_t3_six_and_seven_players():
    """The note's last two rows of B4-T3 (64 and 128 profiles: the float-basis path, ~2 s)."""
    for n, R, hat in ((6, Q(853, 243), Q(17, 54)), (7, Q(2177, 486), Q(146, 729))):
        env = BINARY.with_types([INVEST]).environment([n])
        assert revenue_lp(env, eps=Q(0), payments=(0, 2)).value == R
        assert full_extraction_epsilon(env, payments=(0, 2)).value == hat


def test_match_with_payments_in_zero_one_still_extracts_everything():
    for n in (1, 2, 3):
        env = BINARY.with_types([MATCH]).environment([n])
        assert revenue_lp(env, eps=Q(0), payments=(0, 1)).value == first_best_welfare(env)


def test_the_note_cremer_mclean_payments_are_exactly_bic():
    """Note B4-T2: q* + 10 z with z_H(m=1) = -4, z_H(0) = 5, z_L(1) = 5, z_L(0) = -4 (m = number
    of H among the others): gains -19/2 (H -> L) and -109/10 (L -> H), revenue 11/9 = W*."""
    from proofs.approx_ic.mechanism import deviation_gain
    m = sigma_star(INVEST2)
    z = {1: {1: -4, 0: 5}, 0: {1: 5, 0: -4}}
    pay = [[m.payments[k][i] + 10 * z[p[i]][p[1 - i]] for i in (0, 1)]
           for k, p in enumerate(INVEST2.profiles)]
    cm = mechanism(INVEST2, [a.index(Q(1)) for a in m.allocation], pay)
    assert deviation_gain(INVEST2, cm, 0, 1, 0) == Q(-19, 2)
    assert deviation_gain(INVEST2, cm, 0, 0, 1) == Q(-109, 10)
    assert revenue(INVEST2, cm) == Q(11, 9)
    assert epsilon_ic_lp(INVEST2, cm).value == 0
