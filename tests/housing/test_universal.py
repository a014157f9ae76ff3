"""Lemma 2, Lemma 3 and Corollary 1 over every mechanism; the counts of the note; mutants."""

import itertools

import numpy as np
import pytest

from proofs.housing.axioms import lemma_2_violation, nb_violation, sp_violation, _skeleton
from proofs.housing.controls import CONTROLS
from proofs.housing.lemma1 import linear_extensions
from proofs.housing.mechanisms import mcsd, priority_profiles
from proofs.housing.model import positions, weakly_dominates
from proofs.housing.sat import encode, enumerate_solutions
from proofs.housing.universal import (corollary_1_pointwise, decode_table,
                                      lemma_2_all_mechanisms, lemma_3_all_neutral)
from proofs.housing.axioms import outcome_table


def _all_sp_nb_tables(n, m):
    enc = encode(n, m, neutral=False)
    from pysat.solvers import Solver
    tables = []
    with Solver(name="cadical153", bootstrap_with=enc.clauses) as s:
        while s.solve():
            model = s.get_model()
            t = _skeleton(n, m)
            t.out = decode_table(enc, model)
            tables.append(t)
            s.add_clause([-l for l in model if 0 < l <= enc.nz])
    return tables


@pytest.mark.parametrize("n, m, count", [(2, 1, 6), (2, 2, 36), (2, 3, 216)])
def test_sp_nb_counts_and_lemma_2_on_every_enumerated_mechanism(n, m, count):
    # the note's counts of all SP + NB mechanisms (no neutrality): 6, 36, 216 for n = 2
    tables = _all_sp_nb_tables(n, m)
    assert len(tables) == count
    for t in tables:     # each model passes the table-based checks, and Lemma 2 holds on it
        assert sp_violation(t) is None and nb_violation(t) is None
        assert lemma_2_violation(t)[0] is None


@pytest.mark.slow
def test_sp_nb_count_at_3_1_is_1902_and_lemma_2_holds_on_each():
    tables = _all_sp_nb_tables(3, 1)
    assert len(tables) == 1902
    for t in tables:
        assert sp_violation(t) is None and nb_violation(t) is None
        assert lemma_2_violation(t)[0] is None


def test_neutral_counts_at_3_1():
    # the note: 36 neutral SP mechanisms at (3, 1) (6 MCSDs + 30 bossy), 6 neutral SP + NB
    sols, _, done = enumerate_solutions(encode(3, 1, nonbossy=False))
    assert done and len(sols) == 36
    sols, _, done = enumerate_solutions(encode(3, 1))
    assert done and len(sols) == 6


def test_lemma_2_for_every_sp_nb_mechanism_by_propagation():
    out = lemma_2_all_mechanisms(3, 1)
    assert out["ok"] and out["instances"] == 10368 == out["by_propagation"]
    assert lemma_2_all_mechanisms(2, 2)["instances"] == 160


def test_lemma_2_mutant_encoding_without_nonbossiness_gives_a_bossy_counterexample():
    out = lemma_2_all_mechanisms(3, 1, enc=encode(3, 1, neutral=False, nonbossy=False))
    assert not out["ok"]
    assert out["table_sp_violation"] is None and out["table_nb_violation"] is not None
    assert out["before"] != out["after"]


def test_lemma_3_for_every_neutral_mechanism_and_a_broken_neutrality():
    out = lemma_3_all_neutral(3, 2)
    assert out["ok"] and out["mechanisms_on_identical_profiles"] == 36 == out["distinct_patterns"]
    # only the transpositions of category 0: category 1 is no longer tied across profiles
    gens = [((1, 0, 2), (0, 1, 2)), ((0, 2, 1), (0, 1, 2))]
    assert not lemma_3_all_neutral(3, 2, generators=gens)["ok"]


def test_lemma_3_needs_neutrality():
    # endowment TTC is not neutral: the agent with the top object varies across identical ones
    from proofs.housing.ttc import ttc_endowment
    from proofs.housing.model import identical_profiles
    who = {next(i for i in range(3) if ttc_endowment(P)[0][i] == P[0][0][0])
           for P in identical_profiles(3, 1)}
    assert len(who) > 1


def test_corollary_1_for_every_mechanism_and_a_broken_dominance():
    out = corollary_1_pointwise(3, 2)
    assert out["ok"] and out["reports"] == 36 and out["consistent_preferences_per_report"] == 42

    def first_category_only(x, y, Pi):
        return Pi[0].index(x[0]) <= Pi[0].index(y[0])
    bad = corollary_1_pointwise(2, 2, dominance=first_category_only)
    assert not bad["ok"] and bad["every_consistent_preference"] is False


def _literal_sp(t):
    """Strategy-proofness read literally: every consistent separable preference (a linear
    extension of dominance) weakly prefers the truthful bundle."""
    n, m = t.n, t.m
    exts = [dict((x, p) for p, x in enumerate(e)) for e in linear_extensions(n, m)]
    for p in range(t.out.shape[0]):
        P = t.profile(p)
        for i in range(n):
            x = tuple(P[i][k].index(int(t.out[p, k, i])) for k in range(m))
            for r in range(t.radix):
                q = p + (r - int(t.digits[p, i])) * t.weight(i)
                y = tuple(P[i][k].index(int(t.out[q, k, i])) for k in range(m))
                if x != y and any(e[y] < e[x] for e in exts):
                    return False
    return True


@pytest.mark.parametrize("n, m", [(2, 2), (3, 1)])
def test_literal_sp_equals_strong_sp_on_mechanisms(n, m):
    names = list(CONTROLS) + ["mcsd"]
    seen = set()
    for name in names:
        psi = (lambda P: mcsd(P, priority_profiles(n, m)[-1])) if name == "mcsd" \
            else CONTROLS[name][0]
        t = outcome_table(psi, n, m)
        seen.add(_literal_sp(t))
        assert _literal_sp(t) == (sp_violation(t) is None), name
    assert seen == {True, False}
