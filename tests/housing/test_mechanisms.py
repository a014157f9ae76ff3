"""MCSD, its subclasses, TTC, the negative controls and the outcome-table axiom checks."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.errors import InvalidInstance
from proofs.housing.axioms import (cn_violation, lemma_2_violation, nb_violation,
                                   outcome_table, sp_violation, sp_violation_naive)
from proofs.housing.controls import CONTROLS, dictator_allocates
from proofs.housing.mechanisms import (alternating, check_orders, envy_level_of_priorities,
                                       ipd, is_fair_priority, is_identical_priority, mcsd,
                                       mcsd_interleaved, priority_profiles, recover_priorities)
from proofs.housing.model import permute_allocation, permute_profile
from proofs.housing.ttc import ttc_endowment, ttc_priorities


def profiles_st(n, m):
    return st.tuples(*[st.tuples(*[st.permutations(range(n)).map(tuple)] * m)] * n)


def orders_st(n, m):
    return st.tuples(*[st.permutations(range(n)).map(tuple)] * m)


@st.composite
def instance(draw, max_n=6, max_m=4):
    n, m = draw(st.integers(2, max_n)), draw(st.integers(1, max_m))
    return n, m, draw(profiles_st(n, m)), draw(orders_st(n, m))


def test_note_fixture_a_identical_profile():
    P = (((0, 1, 2), (0, 1, 2)),) * 3
    assert ipd(P, (0, 1, 2)) == ((0, 1, 2), (0, 1, 2))
    assert mcsd(P, alternating((0, 1, 2), 2)) == ((0, 1, 2), (2, 1, 0))


def test_note_fixture_b_heterogeneous_profile():
    P = (((0, 1, 2), (0, 1, 2)), ((0, 2, 1), (1, 0, 2)), ((1, 0, 2), (0, 2, 1)))
    assert ipd(P, (0, 1, 2)) == ((0, 2, 1), (0, 1, 2))              # ax, cy, bz
    assert mcsd(P, alternating((0, 1, 2), 2)) == ((0, 2, 1), (2, 1, 0))   # az, cy, bx


@settings(max_examples=300, deadline=None)
@given(instance())
def test_processing_order_and_ttc_with_common_priorities_agree(inst):
    n, m, P, f = inst
    A = mcsd(P, f)
    assert mcsd_interleaved(P, f) == A
    assert ttc_priorities(P, f) == A


@settings(max_examples=200, deadline=None)
@given(instance(max_n=5), st.data())
def test_mcsd_is_neutral_and_category_separable(inst, data):
    n, m, P, f = inst
    pi = data.draw(orders_st(n, m))
    assert mcsd(permute_profile(P, pi), f) == permute_allocation(mcsd(P, f), pi)
    k = data.draw(st.integers(0, m - 1))
    j = data.draw(st.integers(0, n - 1))
    other = data.draw(st.permutations(range(n)).map(tuple))
    Q = tuple(tuple(other if (a, c) == (j, k) else r for c, r in enumerate(Pa))
              for a, Pa in enumerate(P))
    A, B = mcsd(P, f), mcsd(Q, f)
    assert all(A[c] == B[c] for c in range(m) if c != k)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 5), st.integers(1, 4), st.data())
def test_recover_priorities_reads_f_back(n, m, data):
    f = data.draw(orders_st(n, m))
    assert recover_priorities(lambda P: mcsd(P, f), n, m) == f


def test_priority_classes_and_fpd_counts_of_the_note():
    counts = {(n, m): sum(is_fair_priority(f) for f in priority_profiles(n, m))
              for n, m in [(2, 2), (2, 3), (3, 2), (3, 3)]}
    assert counts == {(2, 2): 2, (2, 3): 6, (3, 2): 6, (3, 3): 102}
    assert is_identical_priority(((0, 1), (0, 1))) and not is_identical_priority(((0, 1), (1, 0)))
    assert envy_level_of_priorities(alternating((0, 1, 2), 3)) == 2
    assert envy_level_of_priorities(((0, 1, 2),) * 3) == 3


def test_bad_priority_orders_are_named():
    with pytest.raises(InvalidInstance, match=r"orders\[1\]: \[0, 0\] is not a permutation"):
        check_orders(((0, 1), (0, 0)), 2, 2)
    with pytest.raises(InvalidInstance, match=r"orders: 1 priority orders, expected 2"):
        check_orders(((0, 1),), 2, 2)


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_negative_controls_fail_exactly_their_axiom_at_3_2(name):
    psi, (sp, nb, cn) = CONTROLS[name]
    t = outcome_table(psi, 3, 2)
    assert (sp_violation(t) is None, nb_violation(t) is None, cn_violation(t) is None) == \
        (sp, nb, cn)


def test_endowment_ttc_is_sp_and_nb_but_not_neutral():
    t = outcome_table(ttc_endowment, 3, 1)
    assert sp_violation(t) is None and nb_violation(t) is None
    w = cn_violation(t)
    pi, P = w["relabelling"], w["profile"]
    assert ttc_endowment(permute_profile(P, pi)) != permute_allocation(ttc_endowment(P), pi)


def test_sp_witness_replays_by_rerunning_the_mechanism():
    psi = CONTROLS["anti_dictator"][0]
    w = sp_violation(outcome_table(psi, 2, 2))
    P, i, lie = w["profile"], w["agent"], w["misreport"]
    Q = P[:i] + (lie,) + P[i + 1:]
    k = w["category"]
    assert P[i][k].index(psi(Q)[k][i]) < P[i][k].index(psi(P)[k][i])
    naive, _ = sp_violation_naive(psi, 2, 2)
    assert naive is not None and naive["profile"] == P and naive["agent"] == i


def test_naive_and_table_checks_agree_on_every_control_at_2_2():
    for name, (psi, _) in CONTROLS.items():
        assert (sp_violation_naive(psi, 2, 2)[0] is None) == \
            (sp_violation(outcome_table(psi, 2, 2)) is None), name


def test_lemma_2_needs_nonbossiness():
    # dictator-allocates is SP and neutral but bossy: Lemma 2's conclusion fails for it
    bad, _ = lemma_2_violation(outcome_table(dictator_allocates, 3, 1))
    assert bad is not None and bad["before"] != bad["after"]
    ok, checked = lemma_2_violation(outcome_table(lambda P: mcsd(P, ((0, 1, 2),)), 3, 1))
    assert ok is None and checked > 0


@settings(max_examples=200, deadline=None)
@given(instance(max_n=5, max_m=3), st.data())
def test_endowment_ttc_toolkit_and_priority_implementation_agree(inst, data):
    from proofs.housing.ttc import ttc_endowment_by_priorities
    n, m, P, _ = inst
    e = data.draw(orders_st(n, m))
    assert ttc_endowment(P, e) == ttc_endowment_by_priorities(P, e)


def test_outcome_table_rows_are_the_mechanism_outcomes():
    import random
    f = ((2, 0, 1), (1, 2, 0))
    t = outcome_table(lambda P: mcsd(P, f), 3, 2)
    for p in random.Random(3).sample(range(t.out.shape[0]), 200):
        P = t.profile(p)
        assert t.allocation(p) == mcsd(P, f) and t.index(P) == p


@settings(max_examples=300, deadline=None)
@given(instance(), st.data())
def test_mcsd_strongly_strategy_proof_and_nonbossy_on_random_misreports(inst, data):
    from proofs.housing.model import bundle, weakly_dominates
    n, m, P, f = inst
    i = data.draw(st.integers(0, n - 1))
    lie = data.draw(st.tuples(*[st.permutations(range(n)).map(tuple)] * m))
    Q = P[:i] + (lie,) + P[i + 1:]
    A, B = mcsd(P, f), mcsd(Q, f)
    assert weakly_dominates(bundle(A, i), bundle(B, i), P[i])
    if bundle(A, i) == bundle(B, i):
        assert A == B
