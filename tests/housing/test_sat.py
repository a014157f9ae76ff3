"""The SAT encoding of Theorem 1: its models are exactly the SP + NB neutral mechanisms."""

import itertools
import math

import pytest

from proofs.housing.axioms import nb_violation, outcome_table, sp_violation
from proofs.housing.controls import CONTROLS
from proofs.housing.mechanisms import mcsd, priority_profiles
from proofs.housing.model import allocations, canonical_form, permute_allocation
from proofs.housing.sat import encode, encode_loops
from proofs.housing.theorem1 import (_satisfies, mcsd_literals, replay_theorem_1,
                                     theorem_1_certificate)
from exact.errors import CertificateError


def _literals(enc, psi):
    return [enc.z(u, i, k, psi(P)[k][i]) for u, P in enumerate(enc.reps)
            for k in range(enc.m) for i in range(enc.n)]


def test_models_are_exactly_the_sp_nb_mechanisms_among_all_256_neutral_ones_at_2_2():
    enc = encode(2, 2)
    allocs = allocations(2, 2)
    models = 0
    for choice in itertools.product(range(len(allocs)), repeat=len(enc.reps)):
        table = {P: allocs[c] for P, c in zip(enc.reps, choice)}

        def psi(P):
            rep, pi = canonical_form(P)
            return permute_allocation(table[rep], pi)
        t = outcome_table(psi, 2, 2)
        good = sp_violation(t) is None and nb_violation(t) is None
        model = _satisfies(enc.clauses, set(_literals(enc, psi)), enc.nz)
        assert good == model, choice
        models += model
    assert models == 4


@pytest.mark.parametrize("name", ["dictator_allocates", "anti_dictator", "catch_up_draft",
                                  "random_neutral"])
def test_neutral_controls_are_not_models_at_3_1_but_mcsds_are(name):
    enc = encode(3, 1)
    psi = CONTROLS[name][0]
    t = outcome_table(psi, 3, 1)
    good = sp_violation(t) is None and nb_violation(t) is None
    assert _satisfies(enc.clauses, set(_literals(enc, psi)), enc.nz) == good
    for f in priority_profiles(3, 1):
        assert _satisfies(enc.clauses, set(mcsd_literals(enc, f)), enc.nz)


@pytest.mark.parametrize("n, m", [(2, 1), (2, 2), (3, 1), (2, 3)])
def test_theorem_1_small_sizes_with_drat(n, m):
    cert = theorem_1_certificate(n, m, drat=True)
    assert cert["solution_count"] == math.factorial(n) ** m
    assert cert["all_are_mcsd"] and cert["every_mcsd_found"] and cert["enumeration_exhausted"]
    assert cert["final_step"]["proof_lemmas"] > 0
    replay_theorem_1((n, m), {"certificate": cert})


def test_replay_rejects_a_tampered_certificate():
    cert = theorem_1_certificate(2, 2, drat=True)
    bad = dict(cert, solutions=cert["solutions"][:-1])
    with pytest.raises(CertificateError, match="not exactly the"):
        replay_theorem_1((2, 2), {"certificate": bad})
    cut = dict(cert, final_step=dict(cert["final_step"], proof=cert["final_step"]["proof"][:3]))
    with pytest.raises(CertificateError):
        replay_theorem_1((2, 2), {"certificate": cut})


def test_without_nonbossiness_the_count_grows_at_3_1():
    # the note: 36 neutral SP mechanisms at (3, 1), 6 of them MCSDs, 30 bossy
    from proofs.housing.sat import enumerate_solutions
    sols, _, done = enumerate_solutions(encode(3, 1, nonbossy=False))
    assert done and len(sols) == 36


@pytest.mark.slow
def test_theorem_1_at_3_2_solver_route():
    cert = theorem_1_certificate(3, 2, drat=False)
    assert cert["solution_count"] == 36 and cert["all_are_mcsd"] and cert["every_mcsd_found"]


def test_without_strategy_proofness_every_neutral_mechanism_at_2_2_is_a_model():
    # the note: 256 neutral mechanisms at (2, 2), all nonbossy (n = 2)
    from proofs.housing.sat import enumerate_solutions
    sols, _, done = enumerate_solutions(encode(2, 2, strategy_proof=False))
    assert done and len(sols) == 256 == len(set(sols))


def test_a_too_weak_encoding_is_refuted_not_enumerated_forever(monkeypatch):
    # without nonbossiness there are 36 models at (3, 1): the structured proof fails, the
    # solver route takes over and stops at 7 models, one of them not an MCSD
    import proofs.housing.sat as sat
    import proofs.housing.theorem1 as t1
    real = sat.encode
    weak = lambda n, m: real(n, m, nonbossy=False)          # noqa: E731
    monkeypatch.setattr(sat, "encode", weak)
    monkeypatch.setattr(t1, "encode", weak)
    cert = theorem_1_certificate(3, 1, drat=True)
    assert "not RUP" in cert["structured_proof_failed"]
    assert cert["solution_count"] == 7 and not cert["enumeration_exhausted"]
    assert not cert["all_are_mcsd"] and cert["non_mcsd_model"]["orbits"] == 36
    assert cert["final_step"]["checked_by"].startswith("none")
    from proofs.housing.claims import theorem_1
    out = theorem_1((3, 1, "drat"))
    assert not out.ok and out.data["solution_count"] == 7


@pytest.mark.parametrize("n, m, neutral", [(2, 2, True), (3, 1, True), (2, 3, True),
                                           (2, 2, False), (3, 1, False)])
@pytest.mark.parametrize("nb, sp", [(True, True), (True, False), (False, True)])
def test_vectorised_encoding_equals_the_loop_specification(n, m, neutral, nb, sp):
    a, b = encode(n, m, nb, sp, neutral), encode_loops(n, m, nb, sp, neutral)
    assert a.nvars == b.nvars
    assert sorted(map(sorted, a.clauses)) == sorted(map(sorted, b.clauses))


@pytest.mark.slow
def test_vectorised_encoding_equals_the_loop_specification_at_3_2():
    a, b = encode(3, 2), encode_loops(3, 2)
    assert a.nvars == b.nvars == 227448
    assert sorted(map(sorted, a.clauses)) == sorted(map(sorted, b.clauses))
