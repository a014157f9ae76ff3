"""exact.lottery: sd-dominance, sd-efficiency by tau(P) cross-checked with an exact LP,
sd-envy, and the exact Birkhoff-von Neumann decomposition."""


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact import InputError, Q
from exact.lottery import (birkhoff_von_neumann, compose, is_sd_efficient, sd_dominates,
                           sd_dominating_assignment, sd_envy, sd_envy_free,
                           sd_improvement_cycle, sd_strictly_dominates, sd_weak_envy_free,
                           tau_relation)
from exact.mechanisms import probabilistic_serial, random_serial_dictatorship, serial_dictatorship
from exact.prefs import Profile, canonical_profiles, profiles
from proofs.classic.claims import improving_trade

BM = Profile([(0, 1, 2, 3), (0, 1, 2, 3), (1, 0, 3, 2), (1, 0, 3, 2)])
H, T = Q(1, 2), Q(1, 3)


def test_sd_dominance_by_hand():
    r = (0, 1, 2)
    assert sd_dominates((H, H, 0), (H, 0, H), r) and not sd_dominates((H, 0, H), (H, H, 0), r)
    assert sd_strictly_dominates((H, H, 0), (H, 0, H), r)
    assert sd_dominates((T, T, T), (T, T, T), r) and not sd_strictly_dominates((T, T, T),
                                                                            (T, T, T), r)
    assert not sd_dominates((0, 1, 0), (H, 0, H), r) and not sd_dominates((H, 0, H), (0, 1, 0), r)
    # an unranked object does not count: (0, 1) vs (0,) with all mass on object 1
    assert sd_dominates((0, 0), (0, 1), (0,))


def test_tau_relation_of_bogomolnaia_moulin_rsd_has_the_cycle_c_d():
    R = random_serial_dictatorship(BM)
    g = tau_relation(R, BM)
    assert g.has_edge(2, 3) and g.has_edge(3, 2) and g.has_edge(0, 1) and g.has_edge(1, 0)
    assert not is_sd_efficient(R, BM)
    assert is_sd_efficient(probabilistic_serial(BM), BM)


def test_waste_makes_an_assignment_inefficient():
    p = Profile([(0, 1), (1, 0)])
    assert sd_improvement_cycle(((0, 1), (0, 0)), p) == {"waste": (0, 0, 1)}
    assert sd_improvement_cycle(((H, 0), (0, 0)), Profile([(0,), (1,)], 2)) == \
        {"waste": (0, 0, None)}
    assert is_sd_efficient(((1, 0), (0, 1)), p)


def _dominates_strictly(D, P, p):
    return all(sd_dominates(D[i], P[i], p[i]) for i in range(p.n)) and any(
        sd_strictly_dominates(D[i], P[i], p[i]) for i in range(p.n))


def _bistochastic(M):
    n = len(M)
    return all(v >= 0 for r in M for v in r) and all(sum(r, Q(0)) == 1 for r in M) and all(
        sum((M[i][j] for i in range(n)), Q(0)) == 1 for j in range(n))


@pytest.mark.parametrize("n", [2, 3])
def test_tau_and_lp_agree_on_rsd_and_ps_of_every_small_profile(n):
    """Two exact methods for sd-efficiency: BM's acyclicity of tau(P) and an exact rational LP
    looking for an sd-dominating assignment."""
    for p in canonical_profiles(n):
        for P in (random_serial_dictatorship(p), probabilistic_serial(p)):
            D = sd_dominating_assignment(P, p)
            assert is_sd_efficient(P, p) == (D is None)


@pytest.mark.slow
def test_tau_and_lp_agree_on_rsd_of_every_profile_of_four_agents():
    """The refutation of classic/rsd-sd-efficient does not rest on tau alone: on all 762
    profiles up to relabelling the LP finds a dominating assignment exactly when tau(RSD) has a
    cycle (153 of them)."""
    bad = 0
    for p in canonical_profiles(4):
        R = random_serial_dictatorship(p)
        D = sd_dominating_assignment(R, p)
        assert is_sd_efficient(R, p) == (D is None)
        bad += D is not None
    assert bad == 153


def test_tau_and_lp_agree_on_the_bogomolnaia_moulin_profile():
    R = random_serial_dictatorship(BM)
    D = sd_dominating_assignment(R, BM)
    assert D is not None and _bistochastic(D) and _dominates_strictly(D, R, BM)
    assert sd_dominating_assignment(probabilistic_serial(BM), BM) is None


@st.composite
def lotteries(draw, n):
    """A bistochastic matrix: a convex combination of up to three permutation matrices with
    weights k/12 (shrinks towards one permutation)."""
    perms = draw(st.lists(st.permutations(range(n)), min_size=1, max_size=3))
    cuts = sorted(draw(st.lists(st.integers(1, 11), min_size=len(perms) - 1,
                                max_size=len(perms) - 1)))
    weights = [Q(b - a, 12) for a, b in zip([0] + cuts, cuts + [12])]
    return compose(list(zip(weights, perms)))


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_tau_and_lp_agree_on_random_lotteries(data):
    p = data.draw(profiles(3))
    P = data.draw(lotteries(3))
    D = sd_dominating_assignment(P, p)
    assert is_sd_efficient(P, p) == (D is None)
    if D is not None:
        assert _bistochastic(D) and _dominates_strictly(D, P, p)
        cyc = sd_improvement_cycle(P, p)["cycle"]
        E = improving_trade(P, cyc)
        assert _bistochastic(E) and _dominates_strictly(E, P, p)


def test_sd_envy_by_hand():
    p = Profile([(0, 1), (0, 1)])
    assert sd_envy(((1, 0), (0, 1)), p) == (1, 0)
    assert sd_envy_free(((H, H), (H, H)), p)
    assert not sd_weak_envy_free(((1, 0), (0, 1)), p)
    # agent 1 cannot compare (1/2, 0, 1/2) with (0, 1, 0): weakly but not sd-envy-free
    q = Profile([(0, 1, 2)] * 3)
    M = ((0, 1, 0), (H, 0, H), (H, 0, H))
    assert sd_weak_envy_free(M, q) and not sd_envy_free(M, q)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5).flatmap(lotteries))
def test_birkhoff_von_neumann_recomposes_exactly(P):
    terms = birkhoff_von_neumann(P)
    assert compose(terms) == tuple(tuple(r) for r in P)
    assert all(w > 0 for w, _ in terms) and sum((w for w, _ in terms), Q(0)) == 1
    assert all(sorted(perm) == list(range(len(P))) for _, perm in terms)
    assert len(terms) <= len(P) ** 2


def test_birkhoff_von_neumann_of_ps_and_by_hand():
    assert birkhoff_von_neumann(((H, H), (H, H))) == [(H, (0, 1)), (H, (1, 0))]
    P = probabilistic_serial(BM)
    assert compose(birkhoff_von_neumann(P)) == P


@pytest.mark.parametrize("M, message", [
    (((H, H), (H, 0)), r"P\[1\]: row sums to 1/2"),
    (((1, 0), (1, 0)), r"P\[\*\]\[0\]: column sums to 2"),
    (((2, -1), (-1, 2)), r"P\[0\]\[1\]: negative entry -1"),
    (((0.5, 0.5), (0.5, 0.5)), r"P\[0\]\[0\]: not an exact rational"),
    (((1, 0),), r"P\[0\]: expected 1 entries"),
])
def test_birkhoff_von_neumann_rejects_non_bistochastic_input(M, message):
    with pytest.raises(InputError, match=message):
        birkhoff_von_neumann(M)


# -- supplies and an outside option ------------------------------------------------------------

@st.composite
def markets(draw):
    n, m = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    p = draw(profiles(n, m, truncated=True))
    caps = draw(st.lists(st.integers(0, 2), min_size=m, max_size=m))
    return p, caps


@st.composite
def markets_with_assignment(draw):
    """A feasible individually rational random assignment: a mixture (weights k/12) of up to
    three serial dictatorship outcomes (non-wasteful) or, half of the time, of outcomes in which
    agents skip some acceptable objects (usually wasteful)."""
    p, caps = draw(markets())
    mix = []
    skip = draw(st.booleans())
    for _ in range(draw(st.integers(1, 3))):
        order = draw(st.permutations(range(p.n)))
        sub = [tuple(o for o in r if not skip or draw(st.booleans())) for r in p]
        mix.append(serial_dictatorship(Profile(sub, p.m), order, caps))
    cuts = sorted(draw(st.lists(st.integers(1, 11), min_size=len(mix) - 1,
                                max_size=len(mix) - 1)))
    P = [[Q(0)] * p.m for _ in range(p.n)]
    for w, y in zip([Q(b - a, 12) for a, b in zip([0] + cuts, cuts + [12])], mix):
        for i, o in enumerate(y):
            if o is not None:
                P[i][o] += w
    return p, caps, P


def _feasible(D, p, caps):
    return all(v >= 0 for r in D for v in r) and all(sum(r, Q(0)) <= 1 for r in D) and all(
        sum((D[i][j] for i in range(p.n)), Q(0)) <= caps[j] for j in range(p.m)) and all(
        D[i][j] == 0 for i in range(p.n) for j in range(p.m) if j not in p[i])


@settings(max_examples=60, deadline=None)
@given(markets_with_assignment())
def test_tau_and_lp_agree_with_supplies_and_outside_option(args):
    p, caps, P = args
    D = sd_dominating_assignment(P, p, caps)
    assert is_sd_efficient(P, p, caps) == (D is None)
    if D is not None:
        assert _feasible(D, p, caps) and _dominates_strictly(D, P, p)


@settings(max_examples=40, deadline=None)
@given(markets())
def test_ps_is_sd_efficient_with_supplies_and_outside_option_by_both_methods(args):
    p, caps = args
    P = probabilistic_serial(p, caps)
    assert is_sd_efficient(P, p, caps) and sd_dominating_assignment(P, p, caps) is None
    R = random_serial_dictatorship(p, caps)
    assert is_sd_efficient(R, p, caps) == (sd_dominating_assignment(R, p, caps) is None)


@pytest.mark.parametrize("M, message", [
    (((1, 0), (0, 0)), r"P\[0\]\[0\]: agent 0 receives the unacceptable object 0"),
    (((0, 1), (0, 1)), r"P\[\*\]\[1\]: column sums to 2 > supply 1"),
    (((0, 1), (0, 1, 0)), r"P\[1\]: expected 2 entries"),
    (((0, 2), (0, 0)), r"P\[0\]: row sums to 2 > 1"),
])
def test_sd_efficiency_rejects_infeasible_assignments(M, message):
    with pytest.raises(InputError, match=message):
        is_sd_efficient(M, Profile([(1,), (0, 1)]))


@pytest.mark.parametrize("rows, caps", [
    ([(0, 1), (1, 0), (0, 1), (1, 0)], [1, 1]),      # four agents, two objects, outside option
    ([(0,), (1,), (1, 0), (0, 1)], [1, 1]),          # with truncated rankings
    ([(0, 1), (0, 1), (1, 0), (1, 0)], [1, 1]),
])
def test_rsd_with_more_agents_than_objects_is_sd_dominated(rows, caps):
    p = Profile(rows, 2)
    R = random_serial_dictatorship(p, caps)
    cyc = sd_improvement_cycle(R, p, caps)
    D = sd_dominating_assignment(R, p, caps)
    assert cyc is not None and "cycle" in cyc and D is not None
    assert _feasible(D, p, caps) and _dominates_strictly(D, R, p)
    E = improving_trade(R, cyc["cycle"])
    assert _feasible(E, p, caps) and _dominates_strictly(E, R, p)
    P = probabilistic_serial(p, caps)
    assert is_sd_efficient(P, p, caps) and sd_dominating_assignment(P, p, caps) is None
