"""Ranking mechanisms as SAT models: strategy-proofness and nonbossiness as CNF clauses.

In the style of Brandt and Geist's computer-aided proofs: "a (category-wise neutral) ranking
mechanism that is strategy-proof and nonbossy" becomes a CNF formula whose models are exactly those
mechanisms. Theorem 1 (:mod:`proofs.housing.theorem1`) and the universal checks of Lemma 2
(:mod:`proofs.housing.universal`) read their mechanisms off the models.

Encoding
--------
*Neutral* (``neutral=True``, Theorem 1). Category-wise relabelling acts freely on profiles
(``n >= 2``), so a neutral mechanism is an arbitrary allocation at one representative per orbit
(agent 0 ranks ``0 < 1 < ... < n-1`` in every category; :func:`proofs.housing.model.canonical_form`),
extended by ``psi(pi[P]) = pi[psi(P)]``. *All mechanisms* (``neutral=False``, Lemma 2): every
profile is its own representative.

* ``z(u, i, k, o)``: at representative ``u``, agent ``i`` receives object ``o`` of category ``k``.
  Each ``(u, k)`` is a bijection agents -> objects (exactly-one constraints both ways).
* At any profile ``P = pi[rep_u]``: ``psi(P)_i^k = o`` iff ``z(u, i, k, pi^{-1}[k][o])``.
* Strong strategy-proofness (Lemma 1 / Corollary 1): for every representative ``P``, agent ``i``,
  report ``r != P_i`` and ``Q = (r, P_{-i})``, category ``k`` and objects ``o' P_i^k o``:
  ``not (psi(P)_i^k = o and psi(Q)_i^k = o')``. Profiles off the representatives need no clause:
  their constraints are relabellings of these, hence the same clauses.
* Nonbossiness: auxiliaries ``e_k`` are forced true when ``i``'s category-``k`` object is equal
  at ``P`` and ``Q``, ``s`` when all ``e_k`` are; ``s`` forces every other agent to keep her
  objects. Each unordered pair ``{P, Q}`` is encoded once (the constraint is symmetric): from the
  representative with the smaller index.

:func:`encode` builds the clauses with numpy (one array per clause width); :func:`encode_loops`
is the same formula written as plain loops over profiles, the readable specification that the
tests compare clause by clause with :func:`encode`.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from .model import canonical_form, positions, profiles, rankings, replace_report, reports

__all__ = ["NeutralEncoding", "encode", "encode_loops", "enumerate_solutions", "decode",
           "blocking_clause", "certify_unsat", "Theorem1Result", "theorem_1_sat"]


@dataclass
class NeutralEncoding:
    """The CNF of "(category-wise neutral,) strategy-proof and nonbossy" at size ``(n, m)``.

    ``groups`` holds the clauses as integer arrays, one per clause width (DIMACS literals);
    :attr:`clauses` lists them as Python lists (for a SAT solver).
    """

    n: int
    m: int
    neutral: bool = True
    groups: list = field(default_factory=list)
    nvars: int = 0
    _clauses: Optional[list] = None
    _reps: Optional[list] = None
    _rep_index: Optional[dict] = None

    @property
    def nreps(self) -> int:
        return math.factorial(self.n) ** (self.m * (self.n - 1 if self.neutral else self.n))

    def z(self, u: int, i: int, k: int, o: int) -> int:
        n, m = self.n, self.m
        return 1 + ((u * n + i) * m + k) * n + o

    @property
    def nz(self) -> int:
        return self.nreps * self.n * self.m * self.n

    @property
    def reps(self) -> list:
        """Representative profiles, index ``u`` (lexicographic in the reports of agents
        ``1..n-1``, or of all agents when not neutral)."""
        if self._reps is None:
            if self.neutral:
                ident = tuple(tuple(range(self.n)) for _ in range(self.m))
                self._reps = [(ident,) + rest for rest in
                              itertools.product(reports(self.n, self.m), repeat=self.n - 1)]
            else:
                self._reps = list(profiles(self.n, self.m))
        return self._reps

    @property
    def rep_index(self) -> dict:
        if self._rep_index is None:
            self._rep_index = {P: u for u, P in enumerate(self.reps)}
        return self._rep_index

    @property
    def clauses(self) -> list:
        if self._clauses is None:
            self._clauses = [row for g in self.groups for row in g.tolist()]
        return self._clauses

    @property
    def nclauses(self) -> int:
        return sum(len(g) for g in self.groups)

    def literal_map(self, P: tuple) -> tuple[int, list, tuple]:
        """``(u, inv, rep)``: ``psi(P)_i^k = o`` iff ``z(u, i, k, inv[k][o])``."""
        if not self.neutral:
            return self.rep_index[P], [tuple(range(self.n))] * self.m, P
        rep, pi = canonical_form(P)
        return self.rep_index[rep], [positions(p) for p in pi], rep


def _group(rows: list) -> list:
    """Clause lists -> one int32 array per width."""
    by: dict = {}
    for c in rows:
        by.setdefault(len(c), []).append(c)
    return [np.array(by[w], dtype=np.int32) for w in sorted(by)]


def encode_loops(n: int, m: int, nonbossy: bool = True, strategy_proof: bool = True,
                 neutral: bool = True) -> NeutralEncoding:
    """The CNF of the module docstring, written as plain loops (the specification of
    :func:`encode`; about 10 s at ``(3, 2)``). Requires ``n >= 2``."""
    if n < 2:
        raise ValueError("the encoding needs n >= 2 (for n = 1 every mechanism is trivial)")
    enc = NeutralEncoding(n, m, neutral)
    reps = enc.reps
    cl: list = []
    z = enc.z
    for u in range(len(reps)):                     # feasibility: one bijection per (u, k)
        for k in range(m):
            for i in range(n):
                cl.append([z(u, i, k, o) for o in range(n)])
                cl += [[-z(u, i, k, a), -z(u, i, k, b)] for a in range(n) for b in range(a + 1, n)]
            for o in range(n):
                cl.append([z(u, i, k, o) for i in range(n)])
                cl += [[-z(u, a, k, o), -z(u, b, k, o)] for a in range(n) for b in range(a + 1, n)]
    nvar = enc.nz
    seen_nb = set()
    allreps = reports(n, m)
    for u, P in enumerate(reps):
        for i in range(n):
            true_pos = [positions(r) for r in P[i]]
            for r in allreps:
                if r == P[i]:
                    continue
                Q = replace_report(P, i, r)
                v, invQ, repQ = enc.literal_map(Q)
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
                    for j in range(n):               # s -> every other agent keeps her objects
                        if j == i:
                            continue
                        for k in range(m):
                            for o in range(n):
                                cl.append([-s, -z(u, j, k, o), z(v, j, k, invQ[k][o])])
    enc.groups = _group(cl)
    enc._clauses = cl
    enc.nvars = nvar
    return enc


def _tables(n: int, m: int) -> dict:
    """Index tables of rankings and reports (small: ``(n!)^m`` reports)."""
    ranks = rankings(n)
    T = len(ranks)
    rindex = {r: t for t, r in enumerate(ranks)}
    pos = np.array([positions(r) for r in ranks], dtype=np.int64)       # pos[t, o]
    obj = np.array(ranks, dtype=np.int64)                                # obj[t, p]
    reps = reports(n, m)
    rk = np.array([[rindex[r[k]] for k in range(m)] for r in reps], dtype=np.int64)
    # relabel ranking t2 so that ranking t1 becomes 0 < 1 < ... : o -> pos[t1, o]
    rrel = np.array([[rindex[tuple(int(pos[t1, o]) for o in ranks[t2])] for t2 in range(T)]
                     for t1 in range(T)], dtype=np.int64)
    place = T ** np.arange(m - 1, -1, -1)
    rel = (rrel[rk[:, None, :], rk[None, :, :]] * place).sum(axis=2)    # rel[r, r2]
    return {"R": len(reps), "pos": pos, "obj": obj, "rk": rk, "rel": rel}


def encode(n: int, m: int, nonbossy: bool = True, strategy_proof: bool = True,
           neutral: bool = True) -> NeutralEncoding:
    """Build the CNF of the module docstring with numpy (the same clauses as
    :func:`encode_loops`, the same auxiliary numbering). Requires ``n >= 2``.

    Returns
    -------
    NeutralEncoding
        variables ``1..nz`` are the ``z`` variables, then the nonbossiness auxiliaries.
    """
    if n < 2:
        raise ValueError("the encoding needs n >= 2 (for n = 1 every mechanism is trivial)")
    enc = NeutralEncoding(n, m, neutral)
    t = _tables(n, m)
    R, pos, obj, rk, rel = t["R"], t["pos"], t["obj"], t["rk"], t["rel"]
    U = enc.nreps
    first = 1 if neutral else 0                      # agents whose report is a digit of u
    u = np.arange(U, dtype=np.int64)
    digit = np.zeros((U, n), dtype=np.int64)         # report index of agent j at rep u
    for j in range(first, n):
        digit[:, j] = (u // R ** (n - 1 - j)) % R
    r = np.arange(R, dtype=np.int64)

    def Z(uu, i, k, o):
        return 1 + ((uu * n + i) * m + k) * n + o

    groups: dict = {}

    def add(*cols):
        arr = np.stack(np.broadcast_arrays(*cols), axis=-1).reshape(-1, len(cols))
        groups.setdefault(len(cols), []).append(arr)

    # feasibility
    uu = u[:, None, None]
    kk = np.arange(m)[None, :, None]
    for i in range(n):
        add(*[Z(uu, i, kk, o) for o in range(n)])
        for a in range(n):
            for b in range(a + 1, n):
                add(-Z(uu, i, kk, a), -Z(uu, i, kk, b))
    for o in range(n):
        add(*[Z(uu, i, kk, o) for i in range(n)])
        for a in range(n):
            for b in range(a + 1, n):
                add(-Z(uu, a, kk, o), -Z(uu, b, kk, o))

    # moves (u, i, r): Q = (r, P_{-i}) has representative v and z-relabelling inv[k][o]
    V = np.empty((U, n, R), dtype=np.int64)
    valid = np.empty((U, n, R), dtype=bool)
    INV = []                                         # INV[i][k]: (U or 1, R, n) object map
    for i in range(n):
        if neutral and i == 0:
            V[:, 0, :] = sum(rel[r[None, :], digit[:, j][:, None]] * R ** (n - 1 - j)
                             for j in range(1, n))
            INV.append([pos[rk[:, k]][None, :, :] for k in range(m)])
        else:
            V[:, i, :] = u[:, None] + (r[None, :] - digit[:, i][:, None]) * R ** (n - 1 - i)
            INV.append([np.broadcast_to(np.arange(n), (1, R, n)) for _ in range(m)])
        valid[:, i, :] = r[None, :] != digit[:, i][:, None]

    if strategy_proof:
        for i in range(n):
            ok = valid[:, i, :]
            ui, vi = np.broadcast_to(u[:, None], ok.shape)[ok], V[:, i, :][ok]
            ri = np.broadcast_to(r[None, :], ok.shape)[ok]
            truth = digit[:, i][np.broadcast_to(u[:, None], ok.shape)[ok]]
            for k in range(m):
                inv = INV[i][k]
                inv = inv[0] if inv.shape[0] == 1 else inv
                for pb in range(n):
                    for pw in range(pb + 1, n):
                        o = obj[rk[truth, k], pw]             # truthful outcome, worse
                        o2 = obj[rk[truth, k], pb]            # outcome of the lie, better
                        add(-Z(ui, i, k, o), -Z(vi, i, k, inv[ri, o2]))

    nvar = enc.nz
    if nonbossy:
        keep = valid & (V > u[:, None, None])        # each unordered pair once, from min(u, v)
        idx = np.nonzero(keep.reshape(-1))[0]
        ui, ii, ri = np.unravel_index(idx, keep.shape)
        vi = V[ui, ii, ri]
        a = np.arange(len(idx), dtype=np.int64)
        e = [enc.nz + a * (m + 1) + k + 1 for k in range(m)]
        s = enc.nz + a * (m + 1) + m + 1
        nvar = enc.nz + len(idx) * (m + 1)
        for i in range(n):
            sel = ii == i
            if not sel.any():
                continue
            us, vs, rs = ui[sel], vi[sel], ri[sel]
            es, ss = [x[sel] for x in e], s[sel]
            for k in range(m):
                inv = INV[i][k]
                invk = inv[0][rs] if inv.shape[0] == 1 else inv[us, rs]     # (N, n)
                for o in range(n):
                    add(es[k], -Z(us, i, k, o), -Z(vs, i, k, invk[:, o]))
                for j in range(n):
                    if j != i:
                        for o in range(n):
                            add(-ss, -Z(us, j, k, o), Z(vs, j, k, invk[:, o]))
            add(ss, *[-x for x in es])
    enc.groups = [np.concatenate(groups[w]).astype(np.int32) for w in sorted(groups)]
    enc.nvars = nvar
    return enc


def decode(enc: NeutralEncoding, model) -> tuple:
    """The allocation at each representative from a model: ``alloc[u][k][i]``."""
    n, m = enc.n, enc.m
    val = np.zeros(enc.nz + 1, dtype=bool)
    lits = np.asarray([l for l in model if 0 < l <= enc.nz], dtype=np.int64)
    val[lits] = True
    objs = val[1:].reshape(enc.nreps, n, m, n).argmax(axis=3)      # [u, i, k]
    return tuple(tuple(tuple(int(x) for x in objs[u, :, k]) for k in range(m))
                 for u in range(enc.nreps))


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
    """What the solver route found at ``(n, m)``."""

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


def theorem_1_sat(n: int, m: int, proof: bool = True, solver: str = "cadical153",
                  encoder=None) -> Theorem1Result:
    """The solver route: encode, enumerate every model (at most ``(n!)^m + 1``), and
    (optionally, when the enumeration ended with UNSAT) log the solver's DRAT proof of the
    final UNSAT step. ``encoder`` defaults to :func:`encode`."""
    t0 = time.monotonic()
    enc = (encoder or encode)(n, m)
    t1 = time.monotonic()
    # stop one model beyond what the theorem allows: a refutation, not an endless enumeration
    limit = math.factorial(n) ** m + 1
    sols, blocks, exhausted = enumerate_solutions(enc, solver=solver, limit=limit)
    t2 = time.monotonic()
    res = Theorem1Result(n, m, sols, exhausted, enc.nvars, enc.nclauses, t1 - t0, t2 - t1,
                         blocks=blocks, encoding=enc)
    if proof and exhausted:
        res.proof = certify_unsat(enc, blocks, solver=solver)
        res.seconds_proof = time.monotonic() - t2
    return res
