"""The vectorised RUP checker: accepts valid refutations, rejects bad ones, agrees with the
pure-Python DRAT checker on solver proofs, and checks Theorem 1's structured proof."""

import random

import numpy as np
import pytest

from exact.errors import CertificateError
from proofs.housing.drat import check_drat
from proofs.housing.rup import check_rup
from proofs.housing.sat import encode
from proofs.housing.theorem1 import mcsd_literals, structured_proof
from proofs.housing.mechanisms import priority_profiles

XOR2 = [[1, 2], [-1, 2], [1, -2], [-1, -2]]


def test_accepts_a_rup_refutation_from_lists_and_from_groups():
    assert check_rup(XOR2, ["2 0", "0"])["lemmas"] == 2
    assert check_rup(None, ["2 0", "0"], groups=[np.array(XOR2)])["rup"] == 2


def test_rejects_what_does_not_follow():
    with pytest.raises(CertificateError, match=r"proof step 1: lemma \[-2\] is not RUP"):
        check_rup(XOR2[:3], ["-2 0", "0"])
    with pytest.raises(CertificateError, match="not RUP"):
        check_rup(XOR2[:3], ["0"])
    with pytest.raises(CertificateError, match="never derives the empty clause"):
        check_rup(XOR2, ["2 0"])


def test_rat_lemmas_are_rejected_here_but_accepted_by_the_drat_checker():
    assert check_drat(XOR2, ["3 0", "2 0", "0"])["rat"] == 1
    with pytest.raises(CertificateError, match="RUP lemmas only"):
        check_rup(XOR2, ["3 0", "2 0", "0"])


def test_units_tautologies_repeats_and_top_level_conflicts():
    # repeated literals and a tautology in the formula; a unit clause propagates at top level
    cnf = [[1, 1, 2], [-1, 2, 2], [1, -2], [-1, -2], [3, -3]]
    assert check_rup(cnf, ["2 0", "0"])["lemmas"] == 2
    assert check_rup([[1], [-1, 2], [-2]], ["0"])["lemmas"] == 1        # UP refutes at once
    with pytest.raises(CertificateError):
        check_rup([[1, 1, 2], [3, -3], [-1, -2]], ["0"])                   # satisfiable
    # a width-3 group with a repeated literal and one with a tautology
    g = np.array([[1, 1, 2], [1, -1, 3], [-1, 2, 4], [-2, -4, -4], [-4, -4, -1]])
    assert check_rup([[-2]], ["0"], groups=[g])["lemmas"] == 1      # -2, then 1, 4: conflict
    with pytest.raises(CertificateError, match="not RUP"):
        check_rup(None, ["0"], groups=[g])
    with pytest.raises(CertificateError, match=r"proof step 2: lemma \[\] is not RUP"):
        check_rup(None, ["2 0", "0"], groups=[g])             # 2 follows; g is satisfiable
    with pytest.raises(CertificateError, match="empty clause"):
        check_rup([[]], ["0"])


def _random_cnf(rng, nvars, nclauses):
    return [[v if rng.random() < 0.5 else -v for v in rng.sample(range(1, nvars + 1), 3)]
            for _ in range(nclauses)]


def test_agrees_with_the_drat_checker_on_solver_proofs_and_their_mutants():
    from pysat.solvers import Solver
    rng = random.Random(7)
    compared = rejected = 0
    for _ in range(40):
        cnf = _random_cnf(rng, 14, 90)
        with Solver(name="cadical153", bootstrap_with=cnf, with_proof=True) as s:
            if s.solve():
                continue
            proof = list(s.get_proof())
        if check_drat(cnf, proof)["rat"]:
            continue
        assert check_rup(cnf, proof)["lemmas"] == check_drat(cnf, proof)["lemmas"]
        compared += 1
        # mutants: drop one formula clause, or flip one literal of one lemma
        for mutant_cnf, mutant_proof in [(cnf[1:], proof), (cnf, _flip(proof, rng))]:
            try:
                check_drat(mutant_cnf, mutant_proof)
                drat_ok = True
            except CertificateError:
                drat_ok = False
            try:
                check_rup(mutant_cnf, mutant_proof)
                rup_ok = True
            except CertificateError:
                rup_ok = False
            assert rup_ok <= drat_ok              # RUP-only never accepts more
            rejected += not rup_ok
    assert compared >= 10 and rejected >= 1


def _flip(proof, rng):
    lines = [l for l in proof if not l.startswith("d") and l.strip() != "0"]
    if not lines:
        return proof
    pick = rng.choice(lines)
    toks = pick.split()
    toks[0] = str(-int(toks[0]))
    return [(" ".join(toks) if l is pick else l) for l in proof]


@pytest.mark.parametrize("n, m", [(2, 2), (3, 1), (2, 3)])
def test_theorem_1_structured_proof_is_accepted_by_both_checkers(n, m):
    enc = encode(n, m)
    blocks = [[-l for l in mcsd_literals(enc, f)] for f in priority_profiles(n, m)]
    proof = structured_proof(enc)
    assert check_rup(blocks, proof, groups=enc.groups)["lemmas"] == len(proof)
    assert check_drat(enc.clauses + blocks, proof)["lemmas"] == len(proof)
    # one blocking clause missing: that MCSD is a model, the proof must fail
    with pytest.raises(CertificateError, match="not RUP"):
        check_rup(blocks[1:], proof, groups=enc.groups)
    # without nonbossiness (n = 3) the neutral SP mechanisms are not pinned down by propagation
    if n == 3:
        weak = encode(n, m, nonbossy=False)
        with pytest.raises(CertificateError, match="not RUP"):
            check_rup(blocks, structured_proof(weak), groups=weak.groups)
