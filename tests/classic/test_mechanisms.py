"""exact.mechanisms and exact.graphs: hand-computed instances, properties, cross-checks."""

import itertools
import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact import InputError, InvalidInstance, Q
from exact.graphs import improvement_graph, pointing_graph, strict_improvement_cycle, \
    trading_cycles
from exact.lottery import sd_envy_free, sd_weak_envy_free
from exact.mechanisms import (attainable_houses, blocking_coalition, core_blocking_cycle,
                              eating_schedule, envy_pair, individually_rational,
                              is_pareto_efficient, pareto_improvement, probabilistic_serial,
                              random_serial_dictatorship, serial_dictatorship, ttc, ttc_cycles)
from exact.prefs import Profile, canonical_profiles, profiles

H = Q(1, 2)


def _fracs(M):
    return [[str(x) for x in row] for row in M]


# -- TTC ------------------------------------------------------------------------------------------

def test_ttc_by_hand_three_agents():
    # 0: 1 > 2 > 0, 1: 0 > 2 > 1, 2: 0 > 1 > 2. Round 1: 0 -> 1 -> 0 trade; then 2 keeps 2.
    p = Profile([(1, 2, 0), (0, 2, 1), (0, 1, 2)])
    assert ttc(p) == (1, 0, 2)
    assert ttc_cycles(p) == [[[0, 1]], [[2]]]


def test_ttc_by_hand_long_cycle_and_endowment():
    p = [(1, 0, 2, 3), (2, 1, 0, 3), (3, 2, 1, 0), (0, 3, 2, 1)]
    assert ttc(p) == (1, 2, 3, 0) and ttc_cycles(p) == [[[0, 1, 2, 3]]]
    # agent 0 owns house 2, 1 owns 0, 2 owns 1: 1 and 2 keep their houses, 0 keeps house 2
    assert ttc([(0, 1, 2), (0, 2, 1), (1, 0, 2)], endowment=[2, 0, 1]) == (2, 0, 1)
    # agent 1 owns house 0, which both like best: she keeps it, agent 0 keeps house 1
    assert ttc([(0, 1), (0, 1)], endowment=(1, 0)) == (1, 0)


@pytest.mark.parametrize("endowment, message", [
    ([0, 0], r"endowment: not a bijection"),
    ([0], r"endowment: 1 entries, expected 2"),
    ([0, 2], r"endowment\[1\]: expected a house 0..1"),
    ("01", r"endowment: expected a list"),
])
def test_ttc_rejects_bad_endowment(endowment, message):
    with pytest.raises(InvalidInstance, match=message):
        ttc([(0, 1), (1, 0)], endowment)


def test_ttc_rejects_incomplete_or_non_square_markets():
    with pytest.raises(InvalidInstance, match=r"prefs\[1\]: 1 objects, expected 2"):
        ttc([(0, 1), (1,)])
    with pytest.raises(InvalidInstance, match="prefs: 2 agents but 3 houses"):
        ttc([(0, 1, 2), (1, 0, 2)])


@pytest.mark.parametrize("mechanism", [ttc, serial_dictatorship, probabilistic_serial,
                                       random_serial_dictatorship])
def test_mechanisms_reject_a_repeated_object_naming_the_ranking(mechanism):
    with pytest.raises(InvalidInstance, match=r"prefs\[2\]: repeated object 1"):
        mechanism([[0, 1, 2], [1, 0, 2], [1, 1, 0]])


def _pareto(p, x):
    return not any(all(p.weakly_prefers(i, y[i], x[i]) for i in range(p.n)) and y != x
                   for y in itertools.permutations(range(p.n)))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5).flatmap(profiles), st.data())
def test_ttc_is_individually_rational_pareto_and_in_the_core(p, data):
    e = data.draw(st.permutations(range(p.n)))
    for endowment in (None, e):
        x = ttc(p, endowment)
        own = range(p.n) if endowment is None else endowment
        assert sorted(x) == list(range(p.n))
        assert all(p.weakly_prefers(i, x[i], own[i]) for i in range(p.n))
        assert individually_rational(p, x, endowment) is None
        assert _pareto(p, x) and is_pareto_efficient(p, x)
        assert blocking_coalition(p, x, endowment) is None
        assert core_blocking_cycle(p, x, endowment) is None


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 5).flatmap(profiles), st.data())
def test_pareto_by_graph_agrees_with_all_permutations(p, data):
    x = tuple(data.draw(st.permutations(range(p.n))))
    cyc = pareto_improvement(p, x)
    assert (cyc is None) == _pareto(p, x)
    if cyc is not None:          # apply the swap cycle: a Pareto improvement
        y = list(x)
        for k, i in enumerate(cyc):
            y[i] = x[cyc[(k + 1) % len(cyc)]]
        assert all(p.weakly_prefers(i, y[i], x[i]) for i in range(p.n)) and tuple(y) != x


def test_properties_by_hand():
    p = Profile([(1, 0, 2), (0, 1, 2), (2, 1, 0)])
    assert individually_rational(p, (2, 1, 0)) == 0       # agent 0 prefers her house 0 to 2
    assert blocking_coalition(p, (2, 1, 0)) == ((0,), (0,))
    assert blocking_coalition(p, (0, 1, 2)) == ((0, 1), (1, 0))
    assert pareto_improvement(p, (0, 1, 2)) == [0, 1]
    assert envy_pair(p, (0, 1, 2)) == (0, 1) and envy_pair(p, ttc(p)) is None
    assert envy_pair(Profile([(0,), (0,)]), (0, None)) == (1, 0)
    with pytest.raises(InvalidInstance, match="allocation: not a permutation"):
        pareto_improvement(p, (0, 0, 1))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5).flatmap(profiles), st.data())
def test_core_by_coalitions_agrees_with_the_pointing_graph_characterisation(p, data):
    """Two exact methods for "some coalition blocks x weakly": all coalitions and bijections
    (the claim's method) and a cycle through a strict edge of the improvement graph."""
    x = data.draw(st.permutations(range(p.n)))
    block = blocking_coalition(p, x)
    cycle = strict_improvement_cycle(improvement_graph(p, x))
    assert cycle == core_blocking_cycle(p, x)
    assert (block is None) == (cycle is None)
    if cycle is not None:  # the cycle itself blocks: everyone gets the next agent's house
        y = {i: cycle[(k + 1) % len(cycle)] for k, i in enumerate(cycle)}
        assert all(p.weakly_prefers(i, h, x[i]) for i, h in y.items())
        assert any(p.prefers(i, h, x[i]) for i, h in y.items())


def test_attainable_houses_equals_all_reports_on_every_small_market():
    for n in (1, 2, 3):
        for p in canonical_profiles(n, symmetry="housing"):
            for i in range(n):
                brute = {}
                for r in itertools.permutations(range(n)):
                    brute.setdefault(ttc(p.replace(i, r))[i], r)
                found = attainable_houses(p, i)
                assert set(found) == set(brute)
                assert all(ttc(p.replace(i, r))[i] == h for h, r in found.items())


@settings(max_examples=25, deadline=None)
@given(st.integers(4, 5).flatmap(profiles), st.data())
def test_attainable_houses_equals_all_reports_at_n_4_and_5(p, data):
    i = data.draw(st.integers(0, p.n - 1))
    brute = {ttc(p.replace(i, r))[i] for r in itertools.permutations(range(p.n))}
    assert set(attainable_houses(p, i)) == brute


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 7).flatmap(lambda n: st.lists(st.integers(0, n - 1), min_size=n,
                                                    max_size=n)))
def test_trading_cycles_are_the_simple_cycles_of_a_functional_graph(succ):
    g = nx.DiGraph((i, j) for i, j in enumerate(succ))
    ours = trading_cycles(g)
    johnson = sorted(c[c.index(min(c)):] + c[:c.index(min(c))] for c in nx.simple_cycles(g))
    assert ours == johnson and ours


def test_pointing_graph_points_at_owners_of_favourite_remaining_houses():
    p = Profile([(2, 0, 1), (2, 1, 0), (0, 1, 2)])
    g = pointing_graph(p, owner={0: 1, 1: 2, 2: 0})
    assert sorted(g.edges(data="house")) == [(0, 0, 2), (1, 0, 2), (2, 1, 0)]
    g = pointing_graph(p, owner={0: 1, 1: 2})           # house 2 has left with agent 0
    assert sorted(g.edges(data="house")) == [(1, 2, 1), (2, 1, 0)]


# -- serial dictatorship -----------------------------------------------------------------------

def test_serial_dictatorship_by_hand():
    p = [(0, 1, 2), (0, 2, 1), (1, 0, 2)]
    assert serial_dictatorship(p) == (0, 2, 1)
    assert serial_dictatorship(p, order=[2, 1, 0]) == (2, 0, 1)
    assert serial_dictatorship(p, capacities=[2, 0, 1]) == (0, 0, 2)
    assert serial_dictatorship([(0,), (0,), (1, 0)]) == (0, None, 1)
    assert serial_dictatorship(p, demands=[2, 1, 0]) == ((0, 1), (2,), ())


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(order=[0, 0, 1]), InvalidInstance, r"order: not a permutation"),
    (dict(order=[0, 1]), InvalidInstance, r"order: 2 entries, expected 3"),
    (dict(capacities=[1, -1, 1]), InvalidInstance, r"capacities\[1\]: must be >= 0"),
    (dict(capacities=[1, 1.0, 1]), InvalidInstance, r"capacities\[1\]: expected an integer"),
    (dict(demands=[1, 1]), InvalidInstance, r"demands: 2 entries, expected 3"),
])
def test_serial_dictatorship_validates_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        serial_dictatorship([(0, 1, 2)] * 3, **kwargs)


# -- RSD ----------------------------------------------------------------------------------------

def _rsd_by_orders(p, capacities=None, demands=None):
    n, m = p.n, p.m
    M = [[Q(0)] * m for _ in range(n)]
    for order in itertools.permutations(range(n)):
        y = serial_dictatorship(p, order, capacities, demands=demands)
        for i, got in enumerate(y):
            for o in (got if demands is not None else ([] if got is None else [got])):
                M[i][o] += Q(1, math.factorial(n))
    return tuple(tuple(r) for r in M)


def test_rsd_golden_values_of_bogomolnaia_moulin():
    p = [(0, 1, 2, 3), (0, 1, 2, 3), (1, 0, 3, 2), (1, 0, 3, 2)]
    assert _fracs(random_serial_dictatorship(p)) == [["5/12", "1/12", "5/12", "1/12"]] * 2 + \
        [["1/12", "5/12", "1/12", "5/12"]] * 2


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    profiles(n, 3, truncated=True),
    st.lists(st.integers(0, 2), min_size=3, max_size=3),
    st.lists(st.integers(0, 2), min_size=n, max_size=n))))
def test_rsd_recursion_equals_the_average_over_all_orders(args):
    p, caps, dem = args
    assert random_serial_dictatorship(p, caps) == _rsd_by_orders(p, caps)
    assert random_serial_dictatorship(p, caps, demands=dem) == _rsd_by_orders(p, caps, dem)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5).flatmap(profiles))
def test_rsd_is_bistochastic_and_sd_weakly_envy_free(p):
    R = random_serial_dictatorship(p)
    assert all(sum(r, Q(0)) == 1 for r in R)
    assert all(sum((R[i][j] for i in range(p.n)), Q(0)) == 1 for j in range(p.n))
    assert sd_weak_envy_free(R, p)


# -- PS -----------------------------------------------------------------------------------------

def test_ps_by_hand():
    assert _fracs(probabilistic_serial([(0, 1, 2), (0, 2, 1), (1, 0, 2)])) == \
        [["1/2", "1/4", "1/4"], ["1/2", "0", "1/2"], ["0", "3/4", "1/4"]]
    # outside option: agent 0 accepts only object 0 and stops at time 1/2
    assert _fracs(probabilistic_serial([(0,), (0, 1)])) == [["1/2", "0"], ["1/2", "1/2"]]
    # speeds 2 and 1 over three objects: each object is split 2/3, 1/3
    assert _fracs(probabilistic_serial([(0, 1, 2)] * 2, speeds=[2, "1"])) == \
        [["2/3"] * 3, ["1/3"] * 3]
    # two copies of object 0: both agents get a whole unit of it
    assert _fracs(probabilistic_serial([(0, 1)] * 2, capacities=[2, 0])) == [["1", "0"]] * 2


def test_ps_eating_schedule_has_exact_event_times():
    M, phases = eating_schedule([(0, 1, 2), (0, 2, 1), (1, 0, 2)])
    assert [(str(ph["start"]), str(ph["end"])) for ph in phases] == \
        [("0", "1/2"), ("1/2", "3/4"), ("3/4", "1")]
    assert phases[1]["eats"] == (1, 2, 1)


@pytest.mark.parametrize("speeds, error, message", [
    ([1, 0], InvalidInstance, r"speeds\[1\]: must be > 0"),
    ([1, 0.5], InputError, r"speeds\[1\]: floats are not exact"),
    ([1, "x"], InputError, r"speeds\[1\]: not a rational number"),
    ([1], InvalidInstance, r"speeds: 1 entries, expected 2"),
])
def test_ps_validates_speeds(speeds, error, message):
    with pytest.raises(error, match=message):
        probabilistic_serial([(0, 1), (1, 0)], speeds=speeds)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5).flatmap(profiles))
def test_ps_rows_sum_to_one_and_ps_is_sd_envy_free(p):
    P = probabilistic_serial(p)
    assert all(sum(r, Q(0)) == 1 for r in P)
    assert all(sum((P[i][j] for i in range(p.n)), Q(0)) == 1 for j in range(p.m))
    assert sd_envy_free(P, p)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    profiles(n, 3, truncated=True), st.lists(st.integers(0, 3), min_size=3, max_size=3))))
def test_ps_respects_supplies_and_unit_demand(args):
    p, caps = args
    P = probabilistic_serial(p, caps)
    assert all(sum((P[i][j] for i in range(p.n)), Q(0)) <= caps[j] for j in range(3))
    assert all(sum(r, Q(0)) <= 1 and all(0 <= v <= 1 for v in r) for r in P)
    assert all(P[i][j] == 0 for i in range(p.n) for j in range(3) if j not in p[i])
