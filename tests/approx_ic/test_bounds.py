"""The certified tail bound, the thresholds and the proof's constants."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.numbers import Q
from proofs.approx_ic.bounds import sqrt_upper, tail_bound
from proofs.approx_ic.counts import worst_epsilon
from proofs.approx_ic.families import (BINARY, INVEST, MATCH, OBJECT_1, OBJECT_2, SHARED_TOP,
                                       SKEWED, THREE_SIGNALS, THREE_STATE_TYPES, THREE_STATES)
from proofs.approx_ic.proof import (e_constant, e_lp, equation_4, equation_4_tail, proof_delta,
                                    proof_e, proof_threshold)
from proofs.approx_ic.thresholds import ic_threshold, log_threshold


@settings(max_examples=60, deadline=None)
@given(st.fractions(min_value=0, max_value=50, max_denominator=10 ** 6), st.integers(1, 40))
def test_sqrt_upper_is_an_upper_bound_within_the_precision(x, digits):
    r = sqrt_upper(Q(x.numerator, x.denominator), digits)
    assert r >= 0 and r * r >= Q(x.numerator, x.denominator)
    assert r - Q(1, 10 ** digits) <= 0 or (r - Q(1, 10 ** digits)) ** 2 < Q(x.numerator,
                                                                             x.denominator)


def test_sqrt_upper_is_exact_on_squares():
    assert sqrt_upper(Q(9, 16)) == Q(3, 4) and sqrt_upper(Q(0)) == 0


SETTINGS = [BINARY.with_types([MATCH]), BINARY.with_types([INVEST]),
            BINARY.with_types([OBJECT_1, OBJECT_2]), BINARY.with_types(SHARED_TOP),
            SKEWED.with_types([INVEST], "last"), THREE_SIGNALS.with_types([INVEST]),
            THREE_STATES.with_types(THREE_STATE_TYPES)]


@pytest.mark.parametrize("stt", SETTINGS, ids=range(len(SETTINGS)))
def test_the_bound_dominates_every_exact_value(stt):
    b = tail_bound(stt)
    assert b.ratio < 1
    for n in range(1, 16):
        assert worst_epsilon(stt, n)[0] <= b.at(n)
        assert b.at(n + 1) < b.at(n)


def test_the_bound_ratio_is_the_bhattacharyya_coefficient():
    b = tail_bound(BINARY.with_types([INVEST]))
    assert Q(8, 9) < b.ratio ** 2 < Q(8, 9) + Q(1, 10 ** 25)   # just above 2 sqrt 2 / 3


def test_thresholds_grow_like_log_one_over_epsilon():
    stt = BINARY.with_types([INVEST])
    n1 = [tail_bound(stt).threshold(Q(1, 10 ** j)) for j in range(1, 6)]
    steps = {b - a for a, b in zip(n1, n1[1:])}
    assert steps <= {39, 40}                               # log 10 / log(1/beta) = 39.1
    for j in range(1, 4):
        eps = Q(1, 10 ** j)
        assert ic_threshold(stt, eps).players <= ic_threshold(stt, eps).n1 <= log_threshold(stt, eps)


def test_the_threshold_is_the_last_violation_plus_one():
    stt = BINARY.with_types([OBJECT_1, OBJECT_2])
    r = ic_threshold(stt, Q(1, 10))
    assert r.violation is None and r.players == 15 and r.n1 == 35
    assert r.worst[13][0] > Q(1, 10) and all(w <= Q(1, 10) for w, _ in r.worst[14:])


def test_proof_constants():
    assert proof_e(BINARY.with_types([INVEST])) == Q(2, 3)
    assert proof_e(BINARY.with_types([MATCH])) == Q(1, 2)
    assert proof_delta(BINARY.with_types([INVEST]), Q(1, 10)) == Q(99, 10000)
    assert e_constant(SHARED_TOP) < 1
    with pytest.raises(ValueError, match="condition"):
        e_constant((OBJECT_1, OBJECT_2))


def test_e_is_attained_at_a_vertex():
    tops = (0, 1)
    e = e_constant(SHARED_TOP)
    assert e == max(e_lp(SHARED_TOP, lam, w, tops) for lam in ((Q(1), Q(0)), (Q(0), Q(1)))
                    for w in (0, 1))
    for lam in ((Q(1, 2), Q(1, 2)), (Q(1, 4), Q(3, 4))):
        assert max(e_lp(SHARED_TOP, lam, w, tops) for w in (0, 1)) <= e


def test_equation_4_and_its_tail():
    stt = BINARY.with_types([INVEST])
    e, delta = Q(2, 3), Q(99, 10000)
    assert equation_4(stt, e, delta, 87)[0] and not equation_4(stt, e, delta, 88)[0]
    n2 = equation_4_tail(stt, e, delta)
    assert all(equation_4(stt, e, delta, n)[0] for n in range(n2, n2 + 5))
    pt = proof_threshold(stt, Q(1, 10))
    assert pt.n2 == n2 and set(pt.failures) | set(pt.holds_at) == set(range(n2))
