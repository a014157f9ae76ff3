"""Envy counts and graphs; D1 and D2 against the brute-force definitions; the A7 witnesses."""

import random

import pytest

from proofs.housing.envy import (envy_counts, envy_graph, max_envy, pareto_efficient_brute,
                                 pareto_efficient_graph, pareto_possible_brute,
                                 pareto_possible_graph)
from proofs.housing.mechanisms import alternating, ipd, mcsd
from proofs.housing.model import allocations, bundle, is_allocation, profiles, weakly_dominates

FIX_B = (((0, 1, 2), (0, 1, 2)), ((0, 2, 1), (1, 0, 2)), ((1, 0, 2), (0, 2, 1)))


def test_note_fixture_b_envy_matrices_and_union_graphs():
    A = ipd(FIX_B, (0, 1, 2))
    assert envy_counts(FIX_B, A) == [[0, 0, 0], [1, 0, 0], [1, 0, 0]]
    assert sorted(envy_graph(FIX_B, A).edges) == [(1, 0), (2, 0)]
    assert pareto_efficient_graph(FIX_B, A) is None
    B = mcsd(FIX_B, alternating((0, 1, 2), 2))
    assert envy_counts(FIX_B, B) == [[0, 1, 1], [1, 0, 0], [0, 0, 0]]
    assert sorted(envy_graph(FIX_B, B).edges) == [(0, 1), (0, 2), (1, 0)]
    w = pareto_efficient_graph(FIX_B, B)
    assert w is not None and sorted(w["cycle"]) == [0, 1]


def test_note_fixture_a_identical_profile():
    P = (((0, 1, 2), (0, 1, 2)),) * 3
    A = ipd(P, (0, 1, 2))
    assert envy_counts(P, A)[2][0] == 2 and pareto_efficient_graph(P, A) is None
    B = mcsd(P, alternating((0, 1, 2), 2))
    assert max_envy(P, B) == 1
    assert pareto_efficient_graph(P, B) is not None and pareto_possible_graph(P, B) is None


def _valid_improvement(P, A, B):
    n = len(P)
    return (is_allocation(B, n, len(A)) and B != A and
            all(bundle(B, i) == bundle(A, i) or
                not weakly_dominates(bundle(A, i), bundle(B, i), P[i]) for i in range(n)))


@pytest.mark.parametrize("n, m, sample", [(2, 2, None), (3, 1, None), (2, 3, None), (3, 2, 150)])
def test_graph_tests_equal_definitions_and_witnesses_are_improvements(n, m, sample):
    profs = list(profiles(n, m))
    if sample:
        profs = random.Random(7).sample(profs, sample)
    for P in profs:
        for A in allocations(n, m):
            g1, b1 = pareto_possible_graph(P, A), pareto_possible_brute(P, A)
            assert (g1 is None) == (b1 is None)
            if g1:
                B = g1["better"]
                assert all(weakly_dominates(bundle(B, i), bundle(A, i), P[i]) for i in range(n))
                assert B != A
            g2, b2 = pareto_efficient_graph(P, A), pareto_efficient_brute(P, A)
            assert (g2 is None) == (b2 is None)
            if g2:
                assert _valid_improvement(P, A, g2["better"])
