"""The independent DRAT checker: accepts valid refutations, rejects bad ones."""

import pytest

from exact.errors import CertificateError
from proofs.housing.drat import check_drat, parse_proof

XOR2 = [[1, 2], [-1, 2], [1, -2], [-1, -2]]


def test_accepts_a_rup_refutation():
    stats = check_drat(XOR2, ["2 0", "0"])
    assert stats["lemmas"] == 2 and stats["rup"] == 2


def test_rejects_a_lemma_that_does_not_follow():
    # (1 2), (-1 2), (1 -2) is satisfied by x1 = x2 = 1, which (-2) excludes
    with pytest.raises(CertificateError, match=r"proof step 1: lemma \[-2\] is neither RUP"):
        check_drat(XOR2[:3], ["-2 0", "0"])


def test_rejects_an_empty_clause_of_a_satisfiable_formula():
    with pytest.raises(CertificateError, match="neither RUP nor RAT"):
        check_drat(XOR2[:3], ["0"])


def test_rejects_a_proof_without_empty_clause():
    with pytest.raises(CertificateError, match="never derives the empty clause"):
        check_drat(XOR2, ["2 0"])


def test_accepts_a_rat_lemma_on_a_fresh_variable():
    # x3 is fresh: (3) is RAT (no clause contains -3); then the XOR refutation follows
    stats = check_drat(XOR2, ["3 0", "2 0", "0"])
    assert stats["rat"] == 1


def test_rejects_a_non_rat_clause():
    # (-1) is not RUP; RAT on -1 requires resolvents with (1 2) and (1 -2) to be RUP: (2) is
    # not RUP from the three clauses (1 2), (1 -2), (-1 2)... with x1 false, x2 free.
    with pytest.raises(CertificateError):
        check_drat([[1, 2], [1, -2], [-1, 2]], ["-1 0", "0"])


def test_deletions_are_ignored_soundly_and_bad_lines_are_named():
    assert check_drat(XOR2, ["d 1 2 0", "2 0", "0"])["deletions_ignored"] == 1
    with pytest.raises(CertificateError, match="proof line 2"):
        parse_proof(["2 0", "x 0"])
    with pytest.raises(CertificateError, match="end with a single 0"):
        parse_proof(["1 2"])


def _pigeonhole(holes):
    """``holes + 1`` pigeons into ``holes`` holes: variable ``p * holes + h + 1``."""
    v = lambda p, h: p * holes + h + 1
    cls = [[v(p, h) for h in range(holes)] for p in range(holes + 1)]
    cls += [[-v(p, h), -v(q, h)] for h in range(holes) for p in range(holes + 1)
            for q in range(p + 1, holes + 1)]
    return cls


def test_pigeonhole_4_into_3_with_a_solver_proof():
    from pysat.solvers import Solver

    cnf = _pigeonhole(3)
    with Solver(name="cadical153", bootstrap_with=cnf, with_proof=True) as s:
        assert not s.solve()
        proof = s.get_proof()
    assert check_drat(cnf, proof)["lemmas"] >= 1
    # the same proof does not refute the (satisfiable) formula without one pigeon's clause
    with pytest.raises(CertificateError):
        check_drat(cnf[1:], proof)


def test_repeated_literals_and_tautologies_in_the_formula():
    cnf = [[1, 1, 2], [-1, 2, 2], [1, -2], [-1, -2], [3, -3]]
    assert check_drat(cnf, ["2 0", "0"])["lemmas"] == 2
    with pytest.raises(CertificateError):
        check_drat([[1, 1, 2], [3, -3], [-1, -2]], ["0"])      # satisfiable
