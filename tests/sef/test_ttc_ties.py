"""Every tie-break of the TTC step (Section 5.2): the paper's fixed rules, the enumeration of all
admissible strict ranking profiles, and the reduced search the claims use."""

import itertools

import pytest

from proofs.sef.domains import CORPUS
from proofs.sef.anatomy import analyse
from proofs.sef.model import Market
from proofs.sef.ttc import (is_admissible, profile_count, tie_break_profiles, tie_classes,
                            ttc_all_outcomes, ttc_outcomes, ttc_outcomes_by_profiles, ttc_ranked)

# agents 1, 2 (0-based 0, 1) share C2, agent 3 holds C1; agent 3 is indifferent between C1
# (1 * 1) and a half-chance C2 ticket (2 * 1/2), so she prefers either C2 house to her own
TIED = Market.of([[1, 1], [1, 1], [1, 2]], [1, 1])
X_TIED = (1, 1, 0)


def test_tie_classes_are_the_blocks_of_equal_value_best_first():
    """Against the plain reading: for each distinct value (best first), the houses of that
    value in increasing index, the own block split (other type, own house, own type)."""
    from proofs.sef.model import allocations, counts
    for m in itertools.islice(CORPUS.instances(3), 0, None, 211):
        for x in allocations(m):
            c = counts(m, x)
            for i in range(m.n):
                val = [m.values[i][x[k]][c[x[k]]] for k in range(m.n)]
                want = []
                for v in sorted(set(val), reverse=True):
                    block = [k for k in range(m.n) if val[k] == v]
                    if i in block:
                        parts = ([k for k in block if x[k] != x[i]], [i],
                                 [k for k in block if x[k] == x[i] and k != i])
                        want.extend(tuple(p) for p in parts if p)
                    else:
                        want.append(tuple(block))
                assert tie_classes(m, x, i) == tuple(want)


def test_tie_classes_follow_the_papers_fixed_rules():
    # every house is worth 1 to agent 0 at x = (C1, C1, C2), q = (2, 1): the other type first,
    # then her own house, then the other house of her own type
    m = Market.of([[1, 1], [1, 1], [1, 1]], [2, 1])
    assert tie_classes(m, (0, 0, 1), 0) == ((2,), (0,), (1,))
    assert tie_classes(m, (0, 0, 1), 2) == ((0, 1), (2,))
    assert is_admissible(m, (0, 0, 1), 0, (2, 0, 1))
    assert not is_admissible(m, (0, 0, 1), 0, (0, 2, 1))      # own house before C2: forbidden
    assert not is_admissible(m, (0, 0, 1), 0, (2, 1, 0))      # same type before own: forbidden
    assert not is_admissible(m, (0, 0, 1), 0, (2, 0, 0))


def test_two_tie_breaks_give_different_ttc_outcomes_and_both_are_enumerated():
    out = ttc_all_outcomes(TIED, X_TIED)
    assert sorted(out) == [(0, 1, 1), (1, 0, 1)]
    assert ttc_outcomes_by_profiles(TIED, X_TIED).keys() == out.keys()
    a, b = out[(0, 1, 1)], out[(1, 0, 1)]
    assert a[:2] == b[:2] and a[2] != b[2]                    # only agent 3's tie-break differs
    for y, ranks in out.items():
        assert ttc_ranked(X_TIED, ranks) == y
        assert all(is_admissible(TIED, X_TIED, i, ranks[i]) for i in range(3))


def test_every_tie_break_reaches_outcomes_the_rotation_family_misses():
    # everyone is indifferent between all houses and trades away from her own (Section 5.2):
    # every permutation but the identity is a TTC outcome; the 2n rotations find only three
    m = Market.of([[1, 1, 1]] * 3, [1, 1, 1])
    x = (0, 1, 2)
    expected = set(itertools.permutations(x)) - {x}
    assert set(ttc_all_outcomes(m, x)) == expected
    assert set(ttc_outcomes_by_profiles(m, x)) == expected
    assert len(set(ttc_outcomes(m, x))) == 3


def test_profiles_are_every_admissible_profile_once():
    m = Market.of([[1, 1], [1, 1], [1, 1]], [2, 1])
    x = (0, 0, 1)
    profiles = list(tie_break_profiles(m, x))
    assert len(profiles) == len(set(profiles)) == profile_count(m, x) == 1 * 1 * 2
    perms = list(itertools.permutations(range(3)))
    brute = [[r for r in perms if is_admissible(m, x, i, r)] for i in range(3)]
    assert set(profiles) == set(itertools.product(*brute))


def _agree(size, stride=1):
    n = 0
    for k, m in enumerate(CORPUS.instances(size)):
        if k % stride:
            continue
        for x in analyse(m).IS:
            fast = ttc_all_outcomes(m, x)
            assert set(fast) == set(ttc_outcomes_by_profiles(m, x)), (m, x)
            for y, ranks in fast.items():
                assert ttc_ranked(x, ranks) == y
                assert all(is_admissible(m, x, i, ranks[i]) for i in range(m.n))
            n += 1
    return n


def test_reduced_search_equals_every_profile_on_size_1():
    assert _agree(1) == 4332                 # every IS allocation of the 2,720 markets


def test_reduced_search_equals_every_profile_on_part_of_size_3():
    assert _agree(3, stride=97) > 100


@pytest.mark.slow
@pytest.mark.parametrize("size", [2, 3])
def test_reduced_search_equals_every_profile_on_sizes_2_and_3(size):
    assert _agree(size) == {2: 19541, 3: 19352}[size]
