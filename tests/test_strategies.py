"""The public hypothesis strategies (exact/strategies.py): what every draw satisfies, exactly,
and what shrinking gives."""

import doctest
from fractions import Fraction

import pytest
from flint import fmpq
from hypothesis import find, given, settings
from hypothesis import strategies as st

import exact.strategies as S
from exact import InputError
from exact.claims import Domain
from exact.lottery import birkhoff_von_neumann, compose
from exact.numbers import Q
from exact.prefs import HousingMarkets, Profile

QUIET = settings(database=None)


def is_bistochastic(P) -> bool:
    """Exactly: square, fmpq entries >= 0, every row and column sums to 1."""
    n = len(P)
    return (all(len(r) == n for r in P) and
            all(isinstance(x, fmpq) and x >= 0 for r in P for x in r) and
            all(sum(r, Q(0)) == 1 for r in P) and
            all(sum((P[i][j] for i in range(n)), Q(0)) == 1 for j in range(n)))


def is_weak_ranking(r, m: int, complete: bool) -> bool:
    seen = [o for tier in r for o in tier]
    return (all(tier and list(tier) == sorted(set(tier)) for tier in r) and
            len(seen) == len(set(seen)) and set(seen) <= set(range(m)) and
            (not complete or len(seen) == m))


def test_module_examples_run():
    failures, tried = doctest.testmod(S)
    assert tried >= 8 and failures == 0


@given(S.strict_profiles(3, 4))
def test_strict_profiles_are_complete_profiles(p):
    assert isinstance(p, Profile) and p.n == 3 and p.m == 4 and p.is_complete


@given(st.data())
def test_weak_profiles_partition_the_objects(data):
    truncated = data.draw(st.booleans())
    p = data.draw(S.weak_profiles(3, 4, truncated=truncated))
    assert len(p) == 3
    assert all(is_weak_ranking(r, 4, complete=not truncated) for r in p)


def test_weak_profiles_reach_ties_and_truncations_and_shrink_to_strict():
    assert find(S.weak_profiles(2, 3), lambda p: True, settings=QUIET) == (((0,), (1,), (2,)),) * 2
    tied = find(S.weak_profiles(2, 3), lambda p: any(len(t) == 3 for t in p[1]), settings=QUIET)
    assert tied == (((0,), (1,), (2,)), ((0, 1, 2),))
    short = find(S.weak_rankings(3, truncated=True), lambda r: len(r) == 1, settings=QUIET)
    assert short == ((0,),)


def test_is_weak_ranking_catches_broken_rankings():   # the property's check can fail
    assert not is_weak_ranking(((0, 1), (1,)), 2, True)      # object twice
    assert not is_weak_ranking(((0,),), 2, True)             # incomplete
    assert not is_weak_ranking(((1, 0),), 2, True)           # unsorted tier
    assert not is_weak_ranking(((), (0, 1)), 2, True)        # empty tier


@given(S.utility_matrices(2, 3, low="-1/2", high=2, max_denominator=3, distinct=True))
def test_utility_matrices_are_exact_bounded_and_distinct(u):
    assert len(u) == 2 and all(len(r) == 3 for r in u)
    for r in u:
        assert all(isinstance(x, fmpq) and Q(-1, 2) <= x <= 2 and x.q <= 3 for x in r)
        assert len(set(r)) == 3


def test_utility_matrices_shrink_to_zero_and_refuse_bad_bounds():
    assert find(S.utility_matrices(2), lambda u: True, settings=QUIET) == ((0, 0), (0, 0))
    with pytest.raises(InputError, match="^low: floats are not exact"):
        S.utility_matrices(2, low=0.5)
    with pytest.raises(InputError, match="^high: must be >= low"):
        S.utility_matrices(2, low=3, high=1)
    with pytest.raises(InputError, match="^distinct: only 2 values"):
        S.utility_matrices(1, 3, low=0, high=1, distinct=True)


@given(S.capacities(4, low=0, high=3, total=5))
def test_capacities_with_a_total_sum_to_it(q):
    assert len(q) == 4 and sum(q) == 5 and all(0 <= c <= 3 for c in q)


@given(S.capacities(3))
def test_capacities_are_bounded_ints(q):
    assert len(q) == 3 and all(type(c) is int and 1 <= c <= 3 for c in q)


def test_capacities_refuse_an_impossible_total():
    with pytest.raises(InputError, match="^total: 2 capacities in \\[1, 3\\] cannot sum to 7"):
        S.capacities(2, total=7)
    with pytest.raises(InputError, match="^m: must be an integer >= 0"):
        S.capacities(-1)


@given(S.random_assignments(4))
def test_every_random_assignment_is_exactly_bistochastic(P):
    assert is_bistochastic(P)
    assert compose(birkhoff_von_neumann(P)) == P      # and Birkhoff-von Neumann recomposes it


def test_bistochastic_check_catches_a_mutant():
    P = find(S.random_assignments(3), lambda P: P[0][0] not in (0, 1), settings=QUIET)
    assert is_bistochastic(P)
    bad = [list(r) for r in P]
    bad[0][0] += Q(1, 10 ** 9)
    assert not is_bistochastic(bad)
    assert not is_bistochastic([[Fraction(1)]])         # not an fmpq


def test_random_assignments_shrink_to_the_identity_then_halves():
    I = find(S.random_assignments(3), lambda P: True, settings=QUIET)
    assert I == tuple(tuple(Q(int(i == j)) for j in range(3)) for i in range(3))
    P = find(S.random_assignments(3), lambda P: any(x not in (0, 1) for r in P for x in r),
             settings=QUIET)
    assert sorted({x for r in P for x in r}) == [0, Q(1, 2), 1]   # a 2-term lottery, 1/2 each


@given(S.type_distributions(4, max_weight=7))
def test_type_distributions_sum_exactly_to_one(p):
    assert len(p) == 4 and all(isinstance(x, fmpq) and x >= 0 for x in p)
    assert sum(p, Q(0)) == 1 and all(x.q <= 28 for x in p)


@given(S.type_distributions(3, positive=True))
def test_positive_type_distributions_have_full_support(p):
    assert all(x > 0 for x in p) and sum(p, Q(0)) == 1


def test_type_distributions_shrink_to_uniform():
    assert find(S.type_distributions(4), lambda p: True, settings=QUIET) == (Q(1, 4),) * 4


@given(S.domain_instances(HousingMarkets(sizes=(2, 3))))
def test_domain_instances_draw_each_size_of_the_domain(p):
    assert isinstance(p, Profile) and p.n == p.m and p.n in (2, 3)


def test_domain_without_strategy_is_an_input_error():
    class Bare(Domain):
        name = "bare"
    with pytest.raises(InputError, match="^domain: bare: no hypothesis strategy"):
        S.domain_instances(Bare())
