"""Theorem 1 (Section 3): SP + nonbossy + category-wise neutral <=> multi-category serial
dictatorship, proved at fixed ``(n, m)`` over the CNF of :mod:`proofs.housing.sat`.

The models of the CNF ``F`` are exactly the neutral SP + NB mechanisms. The theorem at ``(n, m)``
is the pair of facts

1. every ``MCSD_f`` is a model of ``F`` (an exact evaluation of every clause), and
2. ``F`` plus one blocking clause per ``MCSD_f`` is unsatisfiable (there is no other model),

and fact 2 is certified by a clausal proof that an independent checker re-checks.

The proof follows the paper's (corrected) argument and needs no SAT solver. All identical
profiles form one neutrality orbit ``u0``, and an allocation there is the outcome of exactly one
``MCSD_f`` at the identical profile (Lemma 3). Fixing it, unit propagation through the SP and NB
clauses carries it along the chain of the note's A5 (Lemma 2 applied agent by agent) to every
orbit, i.e. derives all of ``MCSD_f``, which its blocking clause forbids. So the clause "not this
allocation at ``u0``" is RUP, for each of the ``(n!)^m`` allocations; a decision tree over the
objects of agents ``0..n-2`` at ``u0`` combines them (each inner node is RUP from its children and
the exactly-one clauses) down to the empty clause. The lemmas are checked by the vectorised RUP
checker :mod:`proofs.housing.rup` (the pure-Python :mod:`proofs.housing.drat` accepts the same
proof, more slowly).

If a lemma is not RUP (the encoding or the theorem would be wrong), the SAT solver enumerates
the models instead: a model that is not an MCSD is the counterexample.
"""

from __future__ import annotations

import math

import numpy as np

from exact.errors import CertificateError
from exact.progress import phase

from .drat import check_drat
from .mechanisms import mcsd, priority_profiles
from .rup import check_rup
from .sat import NeutralEncoding, encode, theorem_1_sat

__all__ = ["solution_priorities", "mcsd_literals", "structured_proof", "theorem_1_certificate",
           "theorem_1_solver_certificate", "replay_theorem_1", "models", "is_model"]


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
    """A CNF as integer arrays (one per clause width, stored by column), for fast evaluation."""

    def __init__(self, groups, nvars: int, nz: int):
        self.cols = []                  # per group: [(variables, negated?) per literal column]
        self.aux = []                   # per group: the positive auxiliary literal, or -1
        self.repairable = []            # per group: clause has exactly one positive auxiliary
        for g in groups:
            g = np.asarray(g, dtype=np.int64)
            if not len(g):
                continue
            self.cols.append([(np.abs(g[:, c]), g[:, c] < 0) for c in range(g.shape[1])])
            pos_aux = g > nz
            one = pos_aux.sum(axis=1) == 1
            self.repairable.append(one)
            self.aux.append(np.where(one, np.where(pos_aux, g, 0).max(axis=1), -1))
        self.nvars = max(nvars, nz)


def models(cnf, assignments: list, nz: int) -> list[bool]:
    """For each ``z`` assignment (the set of true ``z`` variables; other ``z`` false), whether
    it extends to a model of the CNF (up to 64 assignments are evaluated together, one bit each).

    The auxiliaries of the nonbossiness gadget occur positively only in their definitional
    clauses (``premises -> aux``), so the least assignment closed under those clauses is the
    one to test: start with every auxiliary false, set an auxiliary true when a clause whose
    only non-false literal is that positive auxiliary requires it, repeat to the fixpoint,
    then every clause must be true.

    ``cnf`` is a :class:`NeutralEncoding`, a list of clauses, or a prepared ``_CNF``.
    """
    if isinstance(cnf, NeutralEncoding):
        cnf = _CNF(cnf.groups, cnf.nvars, nz)
    elif not isinstance(cnf, _CNF):
        from .sat import _group
        cnf = _CNF(_group([list(c) for c in cnf]),
                   max((abs(l) for c in cnf for l in c), default=0), nz)
    out = []
    for start in range(0, len(assignments), 64):
        out += _models64(cnf, assignments[start:start + 64])
    return out


def _models64(cnf: "_CNF", batch: list) -> list[bool]:
    value = np.zeros(cnf.nvars + 1, dtype=np.uint64)
    for b, true_z in enumerate(batch):
        value[np.asarray(list(true_z), dtype=np.int64)] |= np.uint64(1 << b)
    full = np.uint64((1 << len(batch)) - 1)
    failed = np.uint64(0)
    while True:
        changed = False
        for cols, aux, one in zip(cnf.cols, cnf.aux, cnf.repairable):
            sat = np.zeros(len(aux), dtype=np.uint64)
            for var, neg in cols:
                x = value[var]
                sat |= np.where(neg, ~x, x)
            unsat = ~sat & full
            rows = np.nonzero(unsat)[0]
            if not len(rows):
                continue
            bad = rows[~one[rows]]
            if len(bad):
                failed |= np.bitwise_or.reduce(unsat[bad])
            fix = rows[one[rows]]
            if len(fix):
                before = value[aux[fix]].copy()
                np.bitwise_or.at(value, aux[fix], unsat[fix])
                changed |= bool((value[aux[fix]] != before).any())
        if not changed:
            return [not (int(failed) >> b) & 1 for b in range(len(batch))]


def is_model(cnf, true_z, nz: int) -> bool:
    """Whether one ``z`` assignment extends to a model (see :func:`models`)."""
    return models(cnf, [true_z], nz)[0]


_satisfies = is_model       # the former name, kept for the tests


def structured_proof(enc: NeutralEncoding) -> list[str]:
    """The refutation of ``F`` plus the MCSD blocking clauses described in the module docstring:
    DRAT lines, leaves of the decision tree first, the empty clause last."""
    n, m = enc.n, enc.m
    u0 = enc.rep_index[(tuple(tuple(range(n)) for _ in range(m)),) * n]
    slots = [(k, i) for k in range(m) for i in range(n - 1)]
    lines: list[str] = []

    def node(decided: list) -> None:
        if len(decided) < len(slots):
            k, i = slots[len(decided)]
            used = {o for (k2, _, o) in decided if k2 == k}
            for o in range(n):
                if o not in used:
                    node(decided + [(k, i, o)])
        lines.append(" ".join([str(-enc.z(u0, i, k, o)) for k, i, o in decided] + ["0"]))

    node([])
    return lines


def _structured(enc: NeutralEncoding, fs: list) -> dict:
    """Facts 1 and 2 of the module docstring by the structured proof; raises CertificateError
    when a lemma is not RUP or an MCSD is not a model."""
    lits = [mcsd_literals(enc, f) for f in fs]
    with phase("check the MCSDs are models"):
        ok = models(enc, lits, enc.nz)
    not_models = [f for f, good in zip(fs, ok) if not good]
    if not_models:
        raise CertificateError(f"MCSDs that are not models of the CNF: {not_models[:3]}")
    blocks = [[-l for l in x] for x in lits]
    with phase("build the structured proof"):
        proof = structured_proof(enc)
    with phase("check the proof (RUP)"):
        stats = check_rup(blocks, proof, enc.nvars, groups=enc.groups)
    return {"proof": proof, "stats": stats}


def theorem_1_solver_certificate(n: int, m: int, drat: bool, encoder=None,
                                 checker=check_drat) -> dict:
    """The solver route (the previous path, kept as fallback and benchmark baseline): enumerate
    every model with blocking clauses (at most ``(n!)^m + 1``), then check the solver's DRAT proof
    of the final UNSAT step with ``checker``."""
    with phase("SAT enumeration"):
        res = theorem_1_sat(n, m, proof=drat, encoder=encoder)
    enc = res.encoding
    sols = [solution_priorities(enc, s) for s in res.solutions]
    all_mcsd = all(s == tuple(tuple(mcsd(P, f)) for P in enc.reps)
                   for s, f in zip(res.solutions, sols))
    cert = _head(n, m, enc, sols)
    cert.update(all_are_mcsd=all_mcsd, enumeration_exhausted=res.exhausted,
                method="solver enumeration (cadical153) with blocking clauses")
    if not all_mcsd:
        bad = next(s for s, f in zip(res.solutions, sols)
                   if s != tuple(tuple(mcsd(P, f)) for P in enc.reps))
        cert["non_mcsd_model"] = {"allocation_at_each_orbit": bad[:8],
                                  "orbits": len(bad), "note": "first 8 orbits shown"}
    if drat and res.proof is not None:
        with phase("check the DRAT proof"):
            stats = checker(enc.clauses + res.blocks, res.proof)
        cert["final_step"] = {
            "checked_by": f"independent checker {checker.__module__}.{checker.__name__} "
                          f"(no solver code)",
            "solver": "cadical153", "proof_lemmas": stats["lemmas"], "rup": stats["rup"],
            "rat": stats["rat"], "proof": res.proof}
    elif res.exhausted:
        cert["final_step"] = {
            "checked_by": "the SAT solver alone (cadical153): no independent DRAT check was "
                          "requested for this run"}
    else:
        cert["final_step"] = {"checked_by": "none: the enumeration found more models than "
                                            "there are MCSDs"}
    return cert


def _head(n, m, enc, sols) -> dict:
    return {"n": n, "m": m,
            "cnf": {"variables": enc.nvars, "clauses": enc.nclauses,
                    "neutral_orbits": enc.nreps, "allocations": math.factorial(n) ** m},
            "solutions": sorted(sols), "solution_count": len(sols),
            "mcsd_count": math.factorial(n) ** m,
            "every_mcsd_found": sorted(sols) == sorted(priority_profiles(n, m))}


def theorem_1_certificate(n: int, m: int, drat: bool = True) -> dict:
    """Prove Theorem 1 at ``(n, m)`` and return the certificate.

    The structured proof (module docstring) is tried first; when it does not go through, the
    solver route runs (:func:`theorem_1_solver_certificate`), whose extra model, if any, is the
    counterexample. ``drat=False`` skips the independent check of the solver's final step on
    that route (the structured proof is always checked: it is the proof).

    Returns
    -------
    dict
        ``mcsd_count`` (= ``(n!)^m``), ``solutions`` (the priority profile of each model),
        ``all_are_mcsd``, ``cnf`` sizes and ``final_step``: how the unsatisfiability
        of ``F`` plus the blocking clauses is certified, with the proof lines.
    """
    with phase("encode"):
        enc = encode(n, m)
    fs = priority_profiles(n, m)
    try:
        out = _structured(enc, fs)
    except CertificateError as exc:
        cert = theorem_1_solver_certificate(n, m, drat)
        cert["structured_proof_failed"] = str(exc)
        return cert
    cert = _head(n, m, enc, fs)
    cert.update(all_are_mcsd=True, enumeration_exhausted=True,
                method="structured refutation (Lemma 3 at the identical orbit, then unit "
                       "propagation along Lemma 2's chain)")
    st = out["stats"]
    cert["final_step"] = {
        "checked_by": "independent RUP checker proofs.housing.rup (numpy, no solver code)",
        "proof_lemmas": st["lemmas"], "rup": st["rup"], "rat": st["rat"], "proof": out["proof"]}
    return cert


def replay_theorem_1(instance, data: dict) -> None:
    """Re-check a saved Theorem 1 certificate without a SAT solver.

    Rebuilds the CNF, checks that each listed ``MCSD_f`` is a model, that they are all
    ``(n!)^m`` priority profiles, and (when the certificate has one) re-checks the proof of the
    final step against the CNF plus one blocking clause per listed solution: with the
    vectorised RUP checker, or with the pure-Python DRAT checker when the proof has RAT lemmas.
    """
    n, m = instance[0], instance[1]
    cert = data.get("certificate", data)
    enc = encode(n, m)
    sols = [tuple(tuple(o) for o in f) for f in cert["solutions"]]
    if sorted(sols) != sorted(priority_profiles(n, m)):
        raise CertificateError("the listed solutions are not exactly the (n!)^m priority profiles")
    lits = [mcsd_literals(enc, f) for f in sols]
    for f, good in zip(sols, models(enc, lits, enc.nz)):
        if not good:
            raise CertificateError(f"MCSD with priorities {f} is not a model of the CNF")
    blocks = [[-l for l in x] for x in lits]
    proof = cert.get("final_step", {}).get("proof")
    if proof is None:
        return
    if cert.get("final_step", {}).get("rat"):
        check_drat(enc.clauses + blocks, proof)
    else:
        check_rup(blocks, proof, enc.nvars, groups=enc.groups)
