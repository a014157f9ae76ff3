"""Property tests on random exact environments (the note's B.6): identity G, BIR binding, the
revenue bound, and the tail bound against exact values."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from exact.numbers import Q
from proofs.approx_ic.bounds import tail_bound
from proofs.approx_ic.counts import worst_epsilon
from proofs.approx_ic.gains import deviations, exact_gain, gain
from proofs.approx_ic.lps import revenue_lp
from proofs.approx_ic.mechanism import (first_best_welfare, interim_utility, revenue, sigma_star,
                                        social_choice)
from proofs.approx_ic.model import environment, setting


@st.composite
def distributions(draw, k):
    """A full-support exact distribution on ``k`` points (shrinks towards small weights)."""
    w = draw(st.lists(st.integers(1, 6), min_size=k, max_size=k))
    return [Q(x, sum(w)) for x in w]


@st.composite
def environments(draw):
    """Up to 3 players, |Omega|, |S_i|, |A| <= 3, integer utilities in [-3, 3], any joint law."""
    W = draw(st.integers(1, 3))
    n = draw(st.integers(1, 3))
    signals = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    size = 1
    for m in signals:
        size *= m
    if size > 12:
        signals = [min(m, 2) for m in signals]
        size = 1
        for m in signals:
            size *= m
    A = draw(st.integers(1, 3))
    util = st.lists(st.lists(st.integers(-3, 3), min_size=W, max_size=W), min_size=A,
                    max_size=A)
    return environment(draw(distributions(W)), [draw(distributions(size)) for _ in range(W)],
                       signals, [draw(util) for _ in range(n)],
                       draw(st.sampled_from(["first", "last"])))


@settings(max_examples=60, deadline=None)
@given(environments())
def test_identity_g_and_bir_binding_on_random_environments(env):
    m = sigma_star(env)
    sigma = social_choice(env)
    for i, k in enumerate(env.signals):
        for s in range(k):
            assert interim_utility(env, m, i, s, s) == 0
    for d in deviations(env):
        assert exact_gain(env, m, *d) == gain(env, sigma, *d)
    assert revenue(env, m) == first_best_welfare(env)


@settings(max_examples=15, deadline=None)
@given(environments())
def test_no_bir_mechanism_earns_more_than_w_star(env):
    assert revenue_lp(env, ic=False).value == first_best_welfare(env)


@st.composite
def settings_(draw):
    W = draw(st.integers(2, 3))
    X = draw(st.integers(2, 3))
    nu = [draw(distributions(X)) for _ in range(W)]
    if len({tuple(r) for r in nu}) < W:
        nu = [[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 3), Fraction(2, 3)],
              [Fraction(1, 4), Fraction(3, 4)]][:W]
        nu = [[Q(x.numerator, x.denominator) for x in r] for r in nu]
    A = draw(st.integers(2, 3))
    util = st.lists(st.lists(st.integers(-3, 3), min_size=W, max_size=W), min_size=A,
                    max_size=A)
    types = draw(st.lists(util, min_size=1, max_size=2, unique_by=lambda u: str(u)))
    return setting(draw(distributions(W)), nu, types, draw(st.sampled_from(["first", "last"])))


@settings(max_examples=25, deadline=None)
@given(settings_(), st.integers(1, 7))
def test_the_tail_bound_dominates_every_composition(stt, n):
    assert worst_epsilon(stt, n)[0] <= tail_bound(stt).at(n)
