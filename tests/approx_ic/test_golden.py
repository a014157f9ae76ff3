"""The note's tables (B4-T1 .. B4-T6), recomputed by the code and compared with the printed values.

The paper has no numbers; every golden value below is the note's, typed in here and compared with
what the model computes (never fed to it).
"""

import pytest

from exact.numbers import Q
from proofs.approx_ic.counts import epsilon_star, welfare
from proofs.approx_ic.families import (BINARY, INVEST, MATCH, OBJECT_1, OBJECT_2, THREE_SIGNALS,
                                       binary_symmetric)
from proofs.approx_ic.proof import proof_threshold
from proofs.approx_ic.thresholds import ic_threshold


def q(s):
    return Q(*map(int, s.split("/"))) if "/" in s else Q(int(s))


NOTE_T1 = {  # n: (match eps*, match W*, invest eps*, invest W*)
    1: ("0", "2/3", "0", "1/2"), 2: ("1/30", "4/3", "1/2", "11/9"),
    3: ("0", "20/9", "2/9", "11/6"), 4: ("79/2295", "80/27", "19/45", "74/27"),
    5: ("0", "320/81", "56/243", "185/54"), 6: ("2852/89505", "128/27", "164/459", "1079/243"),
    7: ("0", "12656/2187", "568/2673", "7553/1458"),
    8: ("17732396/621075195", "14464/2187", "244604/805545", "41084/6561")}


@pytest.mark.parametrize("n", sorted(NOTE_T1))
def test_note_table_b4_t1(n):
    m, i = BINARY.with_types([MATCH]), BINARY.with_types([INVEST])
    got = (epsilon_star(m, (n,)), welfare(m, (n,)), epsilon_star(i, (n,)), welfare(i, (n,)))
    assert got == tuple(q(x) for x in NOTE_T1[n])


def test_note_longer_horizon_and_ratio():
    m, i = BINARY.with_types([MATCH]), BINARY.with_types([INVEST])
    assert abs(float(epsilon_star(m, (100,))) - 7.278e-5) < 1e-8
    assert abs(float(epsilon_star(i, (50,))) - 1.557e-2) < 1e-5
    r = epsilon_star(i, (102,)) / epsilon_star(i, (100,))
    assert Q(8, 9) - Q(1, 20) < r < Q(8, 9)            # decays geometrically, ratio -> 8/9


def test_per_capita_welfare_pairs_up_condorcet_parity():
    m, i = BINARY.with_types([MATCH]), BINARY.with_types([INVEST])
    for k in range(1, 5):
        assert welfare(m, (2 * k,)) / (2 * k) == welfare(m, (2 * k - 1,)) / (2 * k - 1)
        assert welfare(i, (2 * k,)) / (2 * k) == welfare(i, (2 * k + 1,)) / (2 * k + 1)


def test_tie_rule_sensitivity_of_invest():
    last = BINARY.with_types([INVEST], "last")
    first = BINARY.with_types([INVEST], "first")
    assert [epsilon_star(last, (n,)) for n in (1, 3, 5, 7)] == \
        [Q(1), Q(2, 3), Q(128, 243), Q(3464, 8019)]
    assert all(epsilon_star(last, (n,)) == epsilon_star(first, (n,)) for n in (2, 4, 6))


def test_match_is_exactly_bic_at_odd_n_and_invest_even_exceeds_odd_neighbours():
    m, i = BINARY.with_types([MATCH]), BINARY.with_types([INVEST])
    assert all(epsilon_star(m, (n,)) == 0 for n in range(1, 40, 2))
    e = [epsilon_star(i, (n,)) for n in range(1, 42)]
    assert all(e[n - 1] > max(e[n - 2], e[n]) for n in range(2, 41, 2))


def test_note_table_b4_t4_three_signals():
    m, i = THREE_SIGNALS.with_types([MATCH]), THREE_SIGNALS.with_types([INVEST])
    assert [welfare(m, (n,)) for n in range(1, 6)] == [q(x) for x in
                                                       "2/3 13/9 83/36 260/81 16135/3888".split()]
    assert [epsilon_star(m, (n,)) for n in range(1, 6)] == [q(x) for x in
                                                            "1/4 1/12 5/72 11/216 107/2592".split()]
    assert [welfare(i, (n,)) for n in range(1, 6)] == [q(x) for x in
                                                       "7/12 47/36 19/9 1931/648 3785/972".split()]
    assert [epsilon_star(i, (n,)) for n in range(1, 6)] == [
        q(x) for x in "3/4 1/2 11/24 53/120 12203/30240".split()]


def test_note_table_b4_t5_single_object():
    st = BINARY.with_types([OBJECT_1, OBJECT_2])
    sizes = [(1, 1), (2, 1), (2, 2), (3, 2), (3, 3), (4, 3), (4, 4), (7, 1)]
    note = "1/6 22/81 19/135 1808/8019 164/1377 1448/8019 244604/2416635 9876/56797"
    assert [epsilon_star(st, c) for c in sizes] == [q(x) for x in note.split()]


def test_note_b4_t6_ninety_two_against_twenty_three():
    invest = BINARY.with_types([INVEST])
    proof = proof_threshold(invest, Q(1, 10))
    assert (proof.e, proof.delta) == (Q(2, 3), Q(99, 10000))
    assert proof.n0 == 91 and proof.players == 92
    assert proof.failures[-3:] == (86, 88, 90) and 87 in proof.holds_at   # "first holds at 87"
    exact = ic_threshold(invest, Q(1, 10))
    assert exact.players == 23 and exact.worst[21][0] > Q(1, 10)          # epsilon*(22) > 1/10
    assert all(w <= Q(1, 10) for w, _ in exact.worst[22:])
    assert proof_threshold(invest, Q(1, 2)).n0 == 52                      # "about 52 others"
    assert ic_threshold(BINARY.with_types([MATCH]), Q(1, 100)).players == 23   # last bad n: 22


@pytest.mark.parametrize("accuracy", [Q(3, 5), Q(2, 3), Q(3, 4)])
def test_decay_ratio_tends_to_4a_1_minus_a(accuracy):
    """The note's asymptotics: epsilon*(n+2)/epsilon*(n) -> (2 sqrt(a(1-a)))^2 = 4a(1-a)."""
    st = binary_symmetric(accuracy).with_types([INVEST])
    n = 120
    r = epsilon_star(st, (n + 2,)) / epsilon_star(st, (n,))
    limit = 4 * accuracy * (1 - accuracy)
    assert abs(r - limit) < Q(1, 20) and r < 1
