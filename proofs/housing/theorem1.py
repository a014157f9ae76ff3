"""Theorem 1 (Section 3): SP + nonbossy + category-wise neutral <=> multi-category serial
dictatorship, proved at fixed ``(n, m)`` by SAT enumeration (:mod:`proofs.housing.sat`) with the
final unsatisfiability step checked by the independent DRAT checker (:mod:`proofs.housing.drat`).
"""

from __future__ import annotations

import math
import time

from exact.errors import CertificateError

from .drat import check_drat
from .mechanisms import mcsd, priority_profiles
from .sat import NeutralEncoding, encode, theorem_1_sat

__all__ = ["solution_priorities", "mcsd_literals", "theorem_1_certificate", "replay_theorem_1"]


def solution_priorities(enc: NeutralEncoding, sol: tuple) -> tuple:
    """The priority profile read off a solution at the identical profile (proof of Theorem 1)."""
    u0 = enc.rep_index[(tuple(tuple(range(enc.n)) for _ in range(enc.m)),) * enc.n]
    A = sol[u0]
    return tuple(tuple(sorted(range(enc.n), key=lambda i: A[k][i])) for k in range(enc.m))


def mcsd_literals(enc: NeutralEncoding, orders) -> list[int]:
    """The true ``z`` literals of ``MCSD_f`` (its outcome at every representative)."""
    lits = []
    for u, P in enumerate(enc.reps):
        A = mcsd(P, orders)
        lits += [enc.z(u, i, k, A[k][i]) for k in range(enc.m) for i in range(enc.n)]
    return lits


class _CNF:
    """A CNF grouped by clause length into integer arrays, for fast exact evaluation."""

    def __init__(self, clauses, nvars: int):
        import numpy as np
        groups: dict = {}
        for c in clauses:
            groups.setdefault(len(c), []).append(c)
        self.groups = [np.array(g, dtype=np.int64) for g in groups.values()]
        self.nvars = nvars

    def lit_values(self, value):
        """``value[v]`` in {0, 1} -> truth of every literal, per group."""
        import numpy as np
        return [np.where(g > 0, value[np.abs(g)], 1 - value[np.abs(g)]) for g in self.groups]


def _satisfies(cnf, true_z: set, nz: int) -> bool:
    """Whether the ``z`` assignment (``true_z`` true, other ``z`` false) extends to a model.

    The auxiliaries of the nonbossiness gadget occur positively only in their definitional
    clauses (``premises -> aux``), so the least assignment closed under those clauses is the
    one to test: start with every auxiliary false, set an auxiliary true when a clause whose
    only non-false literal is that positive auxiliary requires it, repeat to the fixpoint,
    then every clause must be true.
    """
    import numpy as np
    if not isinstance(cnf, _CNF):
        cnf = _CNF(cnf, max((abs(l) for c in cnf for l in c), default=0))
    value = np.zeros(cnf.nvars + 1, dtype=np.int64)
    value[list(true_z)] = 1
    while True:
        changed = False
        for g, lv in zip(cnf.groups, cnf.lit_values(value)):
            unsat = lv.sum(axis=1) == 0
            if not unsat.any():
                continue
            rows = g[unsat]
            for row in rows:
                aux = [l for l in row if l > nz]
                if len(aux) != 1:
                    return False            # a violated clause with no auxiliary to repair it
                value[aux[0]] = 1
                changed = True
        if not changed:
            return True


def theorem_1_certificate(n: int, m: int, drat: bool) -> dict:
    """Run the SAT route at ``(n, m)`` and return the certificate (or raise on a mismatch).

    Returns
    -------
    dict
        ``mcsd_count`` (= ``(n!)^m``), ``solutions`` (the priority profile of each model),
        ``all_are_mcsd``, ``cnf`` sizes, timings and ``final_step``: how the last UNSAT answer
        is certified (independent DRAT check, or the solver alone), with the proof lines when
        checked.
    """
    t0 = time.monotonic()
    res = theorem_1_sat(n, m, proof=drat)
    enc = res.encoding
    sols = [solution_priorities(enc, s) for s in res.solutions]
    all_mcsd = all(s == tuple(tuple(mcsd(P, f)) for P in enc.reps)
                   for s, f in zip(res.solutions, sols))
    cert = {
        "n": n, "m": m,
        "cnf": {"variables": res.nvars, "clauses": res.nclauses,
                "neutral_orbits": len(enc.reps), "allocations": math.factorial(n) ** m},
        "solutions": sorted(sols), "solution_count": len(sols),
        "mcsd_count": math.factorial(n) ** m,
        "all_are_mcsd": all_mcsd,
        "every_mcsd_found": sorted(sols) == sorted(priority_profiles(n, m)),
        "enumeration_exhausted": res.exhausted,
        "seconds": {"encode": round(res.seconds_encode), "enumerate": round(res.seconds_solve)},
    }
    if drat and res.proof is not None:
        t1 = time.monotonic()
        stats = check_drat(enc.clauses + res.blocks, res.proof)
        cert["final_step"] = {
            "checked_by": "independent DRAT checker proofs.housing.drat (no solver code)",
            "solver": "cadical153", "proof_lemmas": stats["lemmas"], "rup": stats["rup"],
            "rat": stats["rat"], "proof": res.proof}
        cert["seconds"]["drat_check"] = round(time.monotonic() - t1)
    elif res.exhausted:
        cert["final_step"] = {
            "checked_by": "the SAT solver alone (cadical153): no independent DRAT check was "
                          "requested for this run"}
    else:
        cert["final_step"] = {"checked_by": "none: the enumeration found more models than "
                                            "there are MCSDs"}
    cert["seconds"]["total"] = round(time.monotonic() - t0)
    return cert


def replay_theorem_1(instance, data: dict) -> None:
    """Re-check a saved Theorem 1 certificate without a SAT solver.

    Rebuilds the CNF, checks that each listed ``MCSD_f`` is a model, that they are all
    ``(n!)^m`` priority profiles, and (when the certificate has one) re-checks the DRAT proof of
    the final step against the CNF plus one blocking clause per listed solution.
    """
    n, m = instance[0], instance[1]
    cert = data.get("certificate", data)
    enc = encode(n, m)
    sols = [tuple(tuple(o) for o in f) for f in cert["solutions"]]
    if sorted(sols) != sorted(priority_profiles(n, m)):
        raise CertificateError("the listed solutions are not exactly the (n!)^m priority profiles")
    blocks = []
    cnf = _CNF(enc.clauses, enc.nvars)
    for f in sols:
        lits = mcsd_literals(enc, f)
        if not _satisfies(cnf, set(lits), enc.nz):
            raise CertificateError(f"MCSD with priorities {f} is not a model of the CNF")
        blocks.append([-l for l in lits])
    proof = cert.get("final_step", {}).get("proof")
    if proof is not None:
        check_drat(enc.clauses + blocks, proof)
