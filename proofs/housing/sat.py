"""Theorem 1 as a SAT problem over the whole space of category-wise neutral mechanisms.

In the style of Brandt and Geist's computer-aided proofs: the statement "a category-wise neutral
ranking mechanism that is strategy-proof and nonbossy" becomes a CNF formula whose models are
exactly those mechanisms; all models are enumerated with blocking clauses, and the final
unsatisfiable formula (formula plus one blocking clause per model found) is certified by a DRAT
proof that :mod:`proofs.housing.drat` checks independently of the solver.

Encoding
--------
Category-wise relabelling acts freely on profiles (``n >= 2``), so a neutral mechanism is an
arbitrary allocation at one representative per orbit (agent 0 ranks ``0 < 1 < ... < n-1`` in every
category; :func:`proofs.housing.model.canonical_form`), extended by ``psi(pi[P]) = pi[psi(P)]``.

* ``z(u, i, k, o)``: at representative ``u``, agent ``i`` receives object ``o`` of category ``k``.
  Each ``(u, k)`` is a bijection agents -> objects (exactly-one constraints).
* At any profile ``P = pi[rep_u]``: ``psi(P)_i^k = o`` iff ``z(u, i, k, pi^{-1}[k][o])``.
* Strong strategy-proofness (Lemma 1 / Corollary 1): for every representative ``P``, agent ``i``,
  report ``r != P_i`` and ``Q = (r, P_{-i})``, category ``k`` and objects ``o' P_i^k o``:
  ``not (psi(P)_i^k = o and psi(Q)_i^k = o')``. Profiles off the representatives need no clause:
  their constraints are relabellings of these, hence the same clauses.
* Nonbossiness: auxiliaries ``e_k`` are forced true when ``i``'s category-``k`` object is equal
  at ``P`` and ``Q``, ``s`` when all ``e_k`` are; ``s`` forces ``n - 2`` other agents to keep their
  objects (the last one then keeps hers, every category being a bijection). Each unordered pair
  ``{P, Q}`` is encoded once (the constraint is symmetric).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Optional

from .model import canonical_form, positions, replace_report, reports

__all__ = ["NeutralEncoding", "encode", "enumerate_solutions", "decode", "certify_unsat",
           "Theorem1Result", "theorem_1_sat"]


@dataclass
class NeutralEncoding:
    """The CNF of "category-wise neutral, strategy-proof and nonbossy" at size ``(n, m)``."""

    n: int
    m: int
    reps: list                      # representative profiles, index u
    rep_index: dict                 # representative -> u
    clauses: list = field(default_factory=list)
    nvars: int = 0

    def z(self, u: int, i: int, k: int, o: int) -> int:
        n, m = self.n, self.m
        return 1 + ((u * n + i) * m + k) * n + o

    @property
    def nz(self) -> int:
        return len(self.reps) * self.n * self.m * self.n


def _representatives(n: int, m: int) -> list:
    ident = tuple(tuple(range(n)) for _ in range(m))
    return [(ident,) + rest for rest in itertools.product(reports(n, m), repeat=n - 1)]


def encode(n: int, m: int, nonbossy: bool = True, strategy_proof: bool = True) -> NeutralEncoding:
    """Build the CNF (see the module docstring). Requires ``n >= 2``.

    Returns
    -------
    NeutralEncoding
        clauses as lists of DIMACS integers; variables ``1..nz`` are the ``z`` variables.
    """
    if n < 2:
        raise ValueError("the encoding needs n >= 2 (for n = 1 every mechanism is trivial)")
    reps = _representatives(n, m)
    enc = NeutralEncoding(n, m, reps, {P: u for u, P in enumerate(reps)})
    cl = enc.clauses
    z = enc.z
    # feasibility: one bijection agents -> objects per representative and category
    for u in range(len(reps)):
        for k in range(m):
            for i in range(n):
                cl.append([z(u, i, k, o) for o in range(n)])
                cl += [[-z(u, i, k, a), -z(u, i, k, b)] for a in range(n) for b in range(a + 1, n)]
            for o in range(n):
                cl.append([z(u, i, k, o) for i in range(n)])
                cl += [[-z(u, a, k, o), -z(u, b, k, o)] for a in range(n) for b in range(a + 1, n)]
    nvar = enc.nz
    seen_nb = set()

    def literal_map(P):
        # psi(P)_i^k = o  iff  z(u, i, k, inv[k][o])
        rep, pi = canonical_form(P)
        return enc.rep_index[rep], [positions(p) for p in pi], rep

    allreps = reports(n, m)
    for u, P in enumerate(reps):
        for i in range(n):
            true_pos = [positions(r) for r in P[i]]
            for r in allreps:
                if r == P[i]:
                    continue
                Q = replace_report(P, i, r)
                v, invQ, repQ = literal_map(Q)
                if strategy_proof:
                    for k in range(m):
                        for o in range(n):           # o = psi(P)_i^k (P is its own rep)
                            for o2 in range(n):      # o2 = psi(Q)_i^k, strictly better
                                if true_pos[k][o2] < true_pos[k][o]:
                                    cl.append([-z(u, i, k, o), -z(v, i, k, invQ[k][o2])])
                if nonbossy:
                    back = replace_report(repQ, i, tuple(
                        tuple(invQ[k][o] for o in P[i][k]) for k in range(m)))
                    key = (i, min((P, Q), (repQ, back)))
                    if key in seen_nb:
                        continue
                    seen_nb.add(key)
                    # e_k <- psi(P)_i^k = psi(Q)_i^k ; s <- all e_k
                    es = list(range(nvar + 1, nvar + m + 1))
                    s = nvar + m + 1
                    nvar = s
                    for k in range(m):
                        for o in range(n):
                            cl.append([es[k], -z(u, i, k, o), -z(v, i, k, invQ[k][o])])
                    cl.append([s] + [-e for e in es])
                    # s -> every other agent keeps her objects; with i fixed and every
                    # category a bijection, n - 2 of the others suffice
                    others = [j for j in range(n) if j != i]
                    for j in others:
                        for k in range(m):
                            for o in range(n):
                                cl.append([-s, -z(u, j, k, o), z(v, j, k, invQ[k][o])])
    enc.nvars = nvar
    return enc


def decode(enc: NeutralEncoding, model) -> tuple:
    """The allocation at each representative from a model: ``alloc[u][k][i]``."""
    true = set(l for l in model if l > 0)
    out = []
    for u in range(len(enc.reps)):
        out.append(tuple(tuple(next(o for o in range(enc.n) if enc.z(u, i, k, o) in true)
                               for i in range(enc.n)) for k in range(enc.m)))
    return tuple(out)


def blocking_clause(enc: NeutralEncoding, model) -> list:
    """The clause excluding exactly this mechanism (the negation of its true ``z`` literals)."""
    return [-l for l in model if 0 < l <= enc.nz]


def enumerate_solutions(enc: NeutralEncoding, solver: str = "cadical153",
                        limit: Optional[int] = None) -> tuple[list, list, bool]:
    """All models (projected on the ``z`` variables), by blocking clauses.

    Returns ``(solutions, blocking_clauses, exhausted)``: ``exhausted`` is True when the final
    call answered UNSAT (so the list is complete), False when ``limit`` stopped the loop.
    """
    from pysat.solvers import Solver

    sols, blocks = [], []
    with Solver(name=solver, bootstrap_with=enc.clauses) as s:
        while s.solve():
            model = s.get_model()
            sols.append(decode(enc, model))
            blocks.append(blocking_clause(enc, model))
            if limit is not None and len(sols) >= limit:
                return sols, blocks, False
            s.add_clause(blocks[-1])
    return sols, blocks, True


def certify_unsat(enc: NeutralEncoding, blocks: list, solver: str = "cadical153") -> list[str]:
    """Solve ``formula + blocks`` afresh with proof logging and return the DRAT proof lines.

    Raises
    ------
    RuntimeError
        if the formula is satisfiable (the enumeration was incomplete).
    """
    from pysat.solvers import Solver

    with Solver(name=solver, bootstrap_with=enc.clauses + blocks, with_proof=True) as s:
        if s.solve():
            raise RuntimeError("formula plus blocking clauses is satisfiable")
        return list(s.get_proof())


@dataclass
class Theorem1Result:
    """What the SAT route found at ``(n, m)``."""

    n: int
    m: int
    solutions: list                 # per solution: allocation at each representative
    exhausted: bool
    nvars: int
    nclauses: int
    seconds_encode: float
    seconds_solve: float
    proof: Optional[list] = None
    seconds_proof: float = 0.0
    blocks: list = field(default_factory=list)
    encoding: Optional[NeutralEncoding] = None


def theorem_1_sat(n: int, m: int, proof: bool = True, solver: str = "cadical153") -> Theorem1Result:
    """Encode, enumerate every model (at most ``(n!)^m + 1``), and (optionally, when the
    enumeration ended with UNSAT) log a DRAT proof of the final UNSAT step."""
    t0 = time.monotonic()
    enc = encode(n, m)
    t1 = time.monotonic()
    # stop one model beyond what the theorem allows: a refutation, not an endless enumeration
    limit = math.factorial(n) ** m + 1
    sols, blocks, exhausted = enumerate_solutions(enc, solver=solver, limit=limit)
    t2 = time.monotonic()
    res = Theorem1Result(n, m, sols, exhausted, enc.nvars, len(enc.clauses), t1 - t0, t2 - t1,
                         blocks=blocks, encoding=enc)
    if proof and exhausted:
        res.proof = certify_unsat(enc, blocks, solver=solver)
        res.seconds_proof = time.monotonic() - t2
    return res
