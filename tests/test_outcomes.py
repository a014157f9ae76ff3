import itertools

import pytest

from exact.mechanisms import serial_dictatorship, ttc
from exact.outcomes import (naive_strategy_proofness_violation, outcome_table, profile_at,
                            strategy_proofness_violation)


def test_profile_index_is_lexicographic():
    perms = list(itertools.permutations(range(3)))
    for k, prof in enumerate(itertools.product(perms, repeat=2)):
        assert profile_at(k, 2, 3) == prof


@pytest.mark.parametrize("n", [2, 3])
def test_ttc_and_serial_dictatorship_have_no_violation(n):
    for mech in (ttc, serial_dictatorship):
        table = outcome_table(mech, n)
        assert strategy_proofness_violation(table, n) is None
        assert naive_strategy_proofness_violation(mech, n) is None


def _second_choice(prof):
    """Agent 0 gets her *second* choice, agent 1 the other object: manipulable by agent 0."""
    first = prof[0][1]
    return (first, next(h for h in prof[1] if h != first))


@pytest.mark.parametrize("mech", [_second_choice])
def test_table_and_naive_find_the_same_first_violation(mech):
    table = outcome_table(mech, 2)
    fast = strategy_proofness_violation(table, 2)
    slow = naive_strategy_proofness_violation(mech, 2)
    assert fast is not None and slow is not None
    assert fast["profile"] == slow["profile"] and fast["agent"] == slow["agent"]
    assert fast["lie"] == slow["lie"]
    assert fast == {"profile": 0, "agent": 0, "lie": [1, 0], "truthful": 1, "manipulated": 0}
