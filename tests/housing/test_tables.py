"""Vectorised outcome tables and envy arrays against the scalar definitions; the encoding of
Theorem 1 cross-checked at (3, 2) against the table-based SP / NB checks, with a broken
encoding that only (3, 2) catches."""

import random

import numpy as np
import pytest

from proofs.housing.axioms import (lemma_2_hypothesis, lemma_2_violation, mcsd_table,
                                   nb_violation, neutral_table, outcome_table, replay_a5_table,
                                   sp_violation)
from proofs.housing.controls import CONTROLS, catch_up_draft, random_neutral, sequential
from proofs.housing.envy import (envy_arrays, envy_counts, has_cycle, pareto_efficient_graph,
                                 pareto_possible_graph)
from proofs.housing.mechanisms import mcsd, priority_profiles
from proofs.housing.model import allocations, canonical_form
from proofs.housing.sat import encode
from proofs.housing.theorem1 import mcsd_literals, models


@pytest.mark.parametrize("n, m", [(2, 2), (3, 1), (2, 3), (3, 2)])
def test_vectorised_tables_equal_the_mechanisms(n, m):
    for f in random.Random(n * m).sample(priority_profiles(n, m), 1 if n ** m > 8 else 3):
        assert (mcsd_table(n, m, f).out == outcome_table(lambda P: mcsd(P, f), n, m).out).all()
    enc = encode(n, m)
    alloc = np.array([[[random_neutral(P)[k][i] for i in range(n)] for k in range(m)]
                      for P in enc.reps])
    assert (neutral_table(n, m, alloc).out == outcome_table(random_neutral, n, m).out).all()


@pytest.mark.parametrize("n, m", [(2, 3), (3, 2)])
def test_envy_arrays_and_cycles_equal_the_graph_tests(n, m):
    t = outcome_table(random_neutral, n, m)
    env = envy_arrays(t)
    per_category, union = has_cycle(env), has_cycle(env.any(axis=1))
    for p in random.Random(5).sample(range(t.out.shape[0]), min(300, t.out.shape[0])):
        P, A = t.profile(p), t.allocation(p)
        assert (env[p].sum(axis=0) == np.array(envy_counts(P, A))).all()
        assert (pareto_possible_graph(P, A) is None) == (not per_category[p].any())
        assert (pareto_efficient_graph(P, A) is None) == (not union[p])
    assert per_category.any() and union.any()


def test_a5_replay_passes_for_mcsd_and_fails_for_other_mechanisms():
    f = ((0, 1, 2), (2, 0, 1))
    assert replay_a5_table(mcsd_table(3, 2, f), f) is None
    bad = replay_a5_table(outcome_table(catch_up_draft, 3, 2), ((0, 1, 2), (0, 1, 2)))
    assert bad is not None and bad["step"].startswith("Lemma")
    other = mcsd_table(3, 2, ((1, 0, 2), (2, 0, 1)))        # the table of another MCSD
    assert replay_a5_table(other, f)["step"] == "Lemma 3"


def test_lemma_2_table_check_equals_the_loop_definition_at_3_1():
    for psi in (CONTROLS["dictator_allocates"][0], sequential, CONTROLS["anti_dictator"][0]):
        t = outcome_table(psi, 3, 1)
        first, count = None, 0
        for p in range(t.out.shape[0]):
            for i in range(3):
                d = int(t.digits[p, i])
                b = tuple(int(x) for x in t.out[p, :, i])
                for r in range(t.radix):
                    if r != d and lemma_2_hypothesis(t.reports[d], t.reports[r], b):
                        count += 1
                        q = p + (r - d) * t.weight(i)
                        if first is None and not np.array_equal(t.out[q], t.out[p]):
                            first = (p, i, r)
        bad, checked = lemma_2_violation(t)
        assert checked == count
        assert (bad is None) == (first is None)
        if bad:
            p, i, r = first
            assert bad["profile"] == t.profile(p) and bad["agent"] == i
            assert bad["hat"] == t.reports[r]


# ---------------------------------------------------------------- encoding cross-checks
def _alloc_of(psi, enc):
    return np.array([[[psi(P)[k][i] for i in range(enc.n)] for k in range(enc.m)]
                     for P in enc.reps], dtype=np.int64)


def _perturbations(enc, f, count, seed):
    """MCSD_f with the allocation of one orbit changed (neutral by construction)."""
    rng = random.Random(seed)
    base = _alloc_of(lambda P: mcsd(P, f), enc)
    allocs = allocations(enc.n, enc.m)
    out = []
    for _ in range(count):
        u = rng.randrange(len(enc.reps))
        A = rng.choice([a for a in allocs if a != mcsd(enc.reps[u], f)])
        alloc = base.copy()
        alloc[u] = np.array(A).reshape(enc.m, enc.n)
        out.append(("perturbed " + str((f, u)), alloc))
    return out


def _sample(enc, mcsds, perturbations, seed=1):
    fs = random.Random(seed).sample(priority_profiles(enc.n, enc.m), mcsds)
    sample = [("mcsd " + str(f), _alloc_of(lambda P: mcsd(P, f), enc)) for f in fs]
    for name in ("dictator_allocates", "anti_dictator", "catch_up_draft", "random_neutral"):
        psi = CONTROLS[name][0]
        sample.append((name, _alloc_of(psi, enc)))
    for t, f in enumerate(fs):
        sample += _perturbations(enc, f, perturbations, seed + t)
    return sample


def _disagreements(encodings, sample):
    """Mechanisms whose SAT-model verdict in some encoding differs from the table checks."""
    n, m = encodings["full"].n, encodings["full"].m
    out, seen, expected = [], set(), []
    for name, alloc in sample:
        t = neutral_table(n, m, alloc)
        sp, nb = sp_violation(t) is None, nb_violation(t) is None
        seen.add((sp, nb))
        expected.append({"full": sp and nb, "no NB": sp, "no SP": nb})
    for which, enc in encodings.items():
        zs = [[enc.z(u, i, k, int(alloc[u, k, i])) for u in range(len(alloc))
               for k in range(m) for i in range(n)] for _, alloc in sample]
        for (name, _), want, got in zip(sample, expected, models(enc, zs, enc.nz)):
            if got != want[which]:
                out.append((name, which))
    return out, seen


def _encodings(n, m, full=None):
    return {"full": full or encode(n, m), "no NB": encode(n, m, nonbossy=False),
            "no SP": encode(n, m, strategy_proof=False)}


def test_encodings_agree_with_the_table_checks_at_3_2():
    encs = _encodings(3, 2)
    bad, seen = _disagreements(encs, _sample(encs["full"], mcsds=2, perturbations=2))
    assert bad == []
    # the sample exercises every verdict the theorem allows: SP+NB, SP only, NB only, neither
    assert seen == {(True, True), (True, False), (False, True), (False, False)}


@pytest.mark.slow
def test_encodings_agree_with_the_table_checks_at_3_2_larger_sample():
    encs = _encodings(3, 2)
    bad, _ = _disagreements(encs, _sample(encs["full"], mcsds=12, perturbations=6, seed=2))
    assert bad == []


def _nb_from_first_category_only(n, m):
    """A broken encoding: the nonbossiness trigger s needs only e_0 (i keeps her category-0
    object), not every e_k. At m = 1 this is the correct encoding."""
    enc = encode(n, m)
    groups = []
    for g in enc.groups:
        if g.shape[1] == m + 1 and m > 1:
            s_rows = (g[:, 0] > enc.nz) & (g[:, 1:] < 0).all(axis=1) & (-g[:, 1:] > enc.nz).all(axis=1)
            fixed = g.copy()
            fixed[s_rows, 2:] = fixed[s_rows, 1:2]          # [s, -e_0, -e_0, ...]
            g = fixed
        groups.append(g)
    enc.groups = groups
    return enc


def test_a_broken_encoding_passes_at_3_1_and_is_caught_at_3_2():
    encs = _encodings(3, 1, full=_nb_from_first_category_only(3, 1))
    assert _disagreements(encs, _sample(encs["full"], mcsds=2, perturbations=2))[0] == []
    broken = _nb_from_first_category_only(3, 2)
    assert sum(len(g) for g in broken.groups) == encode(3, 2).nclauses
    bad, _ = _disagreements({"full": broken}, _sample(broken, mcsds=1, perturbations=0))
    assert ("mcsd " + str(random.Random(1).sample(priority_profiles(3, 2), 1)[0]), "full") in bad
