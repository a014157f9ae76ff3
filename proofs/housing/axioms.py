"""Strategy-proofness, nonbossiness and category-wise neutrality, checked on outcome tables.

An *outcome table* evaluates a mechanism once per profile (in the lexicographic order of
:func:`proofs.housing.model.profiles`); every misreport is then checked by index arithmetic and
lookup instead of re-running the mechanism (the note's A9). By Corollary 1, strategy-proofness is
checked as strong strategy-proofness: ``psi(P)_i >=_{P_i} psi(P'_i, P_{-i})_i``.

All arrays hold small integers (object labels, positions, indices): nothing is inexact.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

import numpy as np

from .model import profiles, positions, rankings, replace_report, reports, weakly_dominates

__all__ = ["OutcomeTable", "outcome_table", "sp_violation", "nb_violation", "cn_violation",
           "sp_violation_naive", "lemma_2_violation", "lemma_2_hypothesis", "mcsd_table",
           "neutral_table", "hypothesis_table", "replay_a5_table"]


@dataclass
class OutcomeTable:
    """``out[p, k, i]`` = object of agent ``i`` in category ``k`` at profile number ``p``."""

    n: int
    m: int
    out: np.ndarray          # shape (N, m, n), int8
    digits: np.ndarray       # shape (N, n): report number of each agent at profile p
    reports: list            # report number -> report
    rank_of: np.ndarray      # shape (R, m): ranking number of category k in report r
    pos: np.ndarray          # shape (n!, n): position of object o in ranking number t

    @property
    def radix(self) -> int:
        return len(self.reports)

    def weight(self, i: int) -> int:
        return self.radix ** (self.n - 1 - i)

    def allocation(self, p: int) -> tuple:
        return tuple(tuple(int(x) for x in row) for row in self.out[p])

    def profile(self, p: int) -> tuple:
        return tuple(self.reports[int(d)] for d in self.digits[p])

    def index(self, P: tuple) -> int:
        idx = {r: t for t, r in enumerate(self.reports)}
        p = 0
        for Pi in P:
            p = p * self.radix + idx[Pi]
        return p


def outcome_table(psi: Callable[[tuple], tuple], n: int, m: int) -> OutcomeTable:
    """Evaluate ``psi`` once on each of the ``(n!)^(n m)`` profiles."""
    t = _skeleton(n, m)
    out = np.empty((t.digits.shape[0], m, n), dtype=np.int8)
    for p, P in enumerate(profiles(n, m)):
        out[p] = psi(P)
    t.out = out
    return t


def _first(hits: list) -> Optional[tuple]:
    return min(hits) if hits else None


def sp_violation(t: OutcomeTable) -> Optional[dict]:
    """The first ``(P, i, P'_i)`` (canonical order) where truth-telling is not dominant.

    Returns ``None`` when the mechanism is strongly strategy-proof, otherwise the witness: the
    profile, the agent, the misreport, both bundles and a category where the lie pays.
    """
    n, m, R = t.n, t.m, t.radix
    N = t.out.shape[0]
    hits = []
    for i in range(n):
        d = t.digits[:, i]
        truth_rank = t.rank_of[d]                                     # (N, m)
        pos_truth = t.pos[truth_rank, t.out[:, :, i]]                 # position of true outcome
        q = np.arange(N)[:, None] + (np.arange(R)[None, :] - d[:, None]) * t.weight(i)
        pos_lie = t.pos[truth_rank[:, None, :], t.out[q, :, i]]       # (N, R, m)
        bad = (pos_lie < pos_truth[:, None, :]).any(axis=2)           # (N, R)
        if bad.any():
            p, r = np.unravel_index(np.flatnonzero(bad)[0], bad.shape)
            hits.append((int(p), i, int(r)))
    first = _first(hits)
    if first is None:
        return None
    p, i, r = first
    P = t.profile(p)
    q = p + (r - int(t.digits[p, i])) * t.weight(i)
    A, B = t.allocation(p), t.allocation(q)
    k = next(k for k in range(m) if P[i][k].index(B[k][i]) < P[i][k].index(A[k][i]))
    return {"profile": P, "agent": i, "misreport": t.reports[r],
            "truthful_bundle": tuple(c[i] for c in A), "lie_bundle": tuple(c[i] for c in B),
            "category": k}


def nb_violation(t: OutcomeTable) -> Optional[dict]:
    """The first ``(P, i, P'_i)`` where ``i``'s bundle is unchanged but someone else's is not."""
    n, R = t.n, t.radix
    hits = []
    N = t.out.shape[0]
    flat = t.out.reshape(N, -1)
    for i in range(n):
        d = t.digits[:, i]
        q = np.arange(N)[:, None] + (np.arange(R)[None, :] - d[:, None]) * t.weight(i)
        same = (t.out[q, :, i] == t.out[:, None, :, i]).all(axis=2)   # (N, R)
        p, r = np.nonzero(same)                                       # row-major: p, then r
        bad = np.flatnonzero((flat[q[p, r]] != flat[p]).any(axis=1))
        if len(bad):
            hits.append((int(p[bad[0]]), i, int(r[bad[0]])))
    first = _first(hits)
    if first is None:
        return None
    p, i, r = first
    q = p + (r - int(t.digits[p, i])) * t.weight(i)
    return {"profile": t.profile(p), "agent": i, "misreport": t.reports[r],
            "before": t.allocation(p), "after": t.allocation(q)}


def _generators(n: int, m: int) -> list:
    """Adjacent transpositions of the objects of one category: they generate the group Pi."""
    gens = []
    for k in range(m):
        for a in range(n - 1):
            perm = list(range(n))
            perm[a], perm[a + 1] = a + 1, a
            gens.append(tuple(tuple(perm) if c == k else tuple(range(n)) for c in range(m)))
    return gens


def cn_violation(t: OutcomeTable) -> Optional[dict]:
    """The first ``(P, pi)`` with ``psi(pi[P]) != pi[psi(P)]``, ``pi`` a generator of ``Pi``.

    Checking the generators suffices: the set of ``pi`` for which neutrality holds at every
    profile is closed under composition.
    """
    n, m, R = t.n, t.m, t.radix
    ridx = {r: j for j, r in enumerate(t.reports)}
    N = t.out.shape[0]
    hits = []
    for g, pi in enumerate(_generators(n, m)):
        rmap = np.array([ridx[tuple(tuple(pi[k][o] for o in rk) for k, rk in enumerate(r))]
                         for r in t.reports], dtype=np.int64)
        q = np.zeros(N, dtype=np.int64)
        for i in range(n):
            q = q * R + rmap[t.digits[:, i]]
        perm = np.array(pi, dtype=np.int8)                    # (m, n)
        expected = perm[np.arange(m)[None, :, None], t.out]  # pi applied to psi(P)
        bad = np.nonzero((t.out[q] != expected).reshape(N, -1).any(axis=1))[0]
        if len(bad):
            hits.append((int(bad[0]), g))
    first = _first(hits)
    if first is None:
        return None
    p, g = first
    pi = _generators(n, m)[g]
    return {"profile": t.profile(p), "relabelling": pi, "outcome": t.allocation(p)}


def sp_violation_naive(psi: Callable, n: int, m: int, limit: Optional[int] = None):
    """Strong strategy-proofness by re-running ``psi`` on every misreport (the slow baseline).

    ``limit`` stops after that many profiles (used by the benchmark); returns
    ``(witness or None, profiles_checked)``.
    """
    reps = reports(n, m)
    for count, P in enumerate(profiles(n, m)):
        if limit is not None and count >= limit:
            return None, count
        A = psi(P)
        for i in range(n):
            own = tuple(c[i] for c in A)
            for r in reps:
                if r == P[i]:
                    continue
                B = psi(replace_report(P, i, r))
                if not weakly_dominates(own, tuple(c[i] for c in B), P[i]):
                    return {"profile": P, "agent": i, "misreport": r}, count + 1
    return None, len(reps) ** n


def lemma_2_hypothesis(Pi: tuple, hat: tuple, b: tuple) -> bool:
    """Lemma 2's condition at bundle ``b``: in every category the lower contour set of ``b^k``
    under ``P_i^k`` is contained in that under ``hat^k`` (the note's A6)."""
    return all(set(r[r.index(o):]) <= set(h[h.index(o):]) for r, h, o in zip(Pi, hat, b))


@lru_cache(maxsize=8)
def hypothesis_table(n: int, m: int) -> np.ndarray:
    """``H[d, b, r]``: Lemma 2's hypothesis for true report ``d``, bundle number ``b`` (objects
    ``b`` in base ``n``, category 0 most significant) and report ``r != d``."""
    reps = reports(n, m)
    R = len(reps)
    bundles = list(itertools.product(range(n), repeat=m))
    H = np.zeros((R, len(bundles), R), dtype=bool)
    for d in range(R):
        for bi, b in enumerate(bundles):
            for r in range(R):
                H[d, bi, r] = r != d and lemma_2_hypothesis(reps[d], reps[r], b)
    return H


def lemma_2_violation(t: OutcomeTable, stride: int = 1) -> tuple[Optional[dict], int]:
    """Lemma 2's conclusion over all ``(P, i, hat P_i)`` satisfying its hypothesis.

    Returns ``(first violation or None, number of instances checked)``; ``stride`` checks every
    ``stride``-th profile only. Vectorised: one pass per agent and report.
    """
    n, m, R = t.n, t.m, t.radix
    H = hypothesis_table(n, m)
    N = t.out.shape[0]
    rows = np.arange(0, N, stride)
    place = n ** np.arange(m - 1, -1, -1)
    flat = t.out.reshape(N, -1)
    checked, hits = 0, []
    for i in range(n):
        d = t.digits[rows, i]
        b = (t.out[rows, :, i].astype(np.int64) * place).sum(axis=1)
        for r in range(R):
            meet = H[d, b, r]
            checked += int(meet.sum())
            q = rows + (r - d) * t.weight(i)
            bad = np.nonzero(meet & (flat[q] != flat[rows]).any(axis=1))[0]
            if len(bad):
                hits.append((int(rows[bad[0]]), i, r))
    if not hits:
        return None, checked
    p, i, r = min(hits)
    q = p + (r - int(t.digits[p, i])) * t.weight(i)
    return ({"profile": t.profile(p), "agent": i, "hat": t.reports[r],
             "before": t.allocation(p), "after": t.allocation(q)}, checked)


def mcsd_table(n: int, m: int, orders) -> OutcomeTable:
    """The outcome table of ``MCSD_f`` built with numpy over all profiles at once: in each
    category the agents pick, in the order ``orders[k]``, their best remaining object (the
    definition of :func:`proofs.housing.mechanisms.mcsd`, vectorised over profiles)."""
    t = _skeleton(n, m)
    N = t.digits.shape[0]
    ranks = np.array(rankings(n), dtype=np.int64)                      # ranks[t, p] = object
    out = np.empty((N, m, n), dtype=np.int8)
    rowsN = np.arange(N)
    for k in range(m):
        taken = np.zeros((N, n), dtype=bool)
        for i in orders[k]:
            pref = ranks[t.rank_of[t.digits[:, i], k]]                  # (N, n) best first
            first = (~taken[rowsN[:, None], pref]).argmax(axis=1)
            o = pref[rowsN, first]
            taken[rowsN, o] = True
            out[:, k, i] = o
    t.out = out
    return t


def neutral_table(n: int, m: int, alloc: np.ndarray) -> OutcomeTable:
    """The outcome table of the neutral mechanism with allocation ``alloc[u, k, i]`` at the
    ``u``-th representative (:mod:`proofs.housing.sat` order: agent 0 ranks ``0 < 1 < ...``,
    the other agents' reports lexicographic), extended by ``psi(pi[P]) = pi[psi(P)]``."""
    from .sat import _tables
    t = _skeleton(n, m)
    tab = _tables(n, m)
    R, rel, rk, obj = tab["R"], tab["rel"], tab["rk"], tab["obj"]
    d0 = t.digits[:, 0]
    u = sum(rel[d0, t.digits[:, j]] * R ** (n - 1 - j) for j in range(1, n))
    out = np.empty((t.digits.shape[0], m, n), dtype=np.int8)
    for k in range(m):
        # pi[k][o] = the object at position o of agent 0's ranking of category k
        out[:, k, :] = obj[rk[d0, k][:, None], alloc[u, k, :]]
    t.out = out
    return t


@lru_cache(maxsize=8)
def _skeleton_cached(n: int, m: int) -> OutcomeTable:
    reps = reports(n, m)
    R = len(reps)
    ranks = rankings(n)
    rnum = {r: t for t, r in enumerate(ranks)}
    N = R ** n
    idx = np.arange(N)
    digits = np.stack([(idx // R ** (n - 1 - i)) % R for i in range(n)], axis=1)
    rank_of = np.array([[rnum[r[k]] for k in range(m)] for r in reps], dtype=np.int64)
    pos = np.array([positions(r) for r in ranks], dtype=np.int8)
    return OutcomeTable(n, m, np.zeros((0, m, n), dtype=np.int8), digits, reps, rank_of, pos)


def _skeleton(n: int, m: int) -> OutcomeTable:
    """An outcome table without outcomes (profiles, reports and positions only)."""
    s = _skeleton_cached(n, m)
    return OutcomeTable(n, m, s.out, s.digits, s.reports, s.rank_of, s.pos)


def replay_a5_table(t: OutcomeTable, orders) -> Optional[dict]:
    """The note's A5 chain (the corrected proof of Theorem 1, "only if") on every profile of the
    table of ``MCSD_f`` at once: with ``B = psi(P)`` and ``hat P`` the identical profile listing
    ``B^k`` in the priority order ``f^k``, ``psi(hat P) = B`` (Lemma 3), and replacing
    ``hat P_t`` by ``P_t`` for ``t = 0, 1, ...`` meets Lemma 2's hypothesis at ``B_t`` and keeps
    the outcome ``B``. Returns the first failing step, or None."""
    n, m, R = t.n, t.m, t.radix
    N = t.out.shape[0]
    T = len(rankings(n))
    code = {r: j for j, r in enumerate(rankings(n))}
    index = np.zeros(n ** n, dtype=np.int64)               # ranking (base-n digits) -> number
    for r, j in code.items():
        index[sum(o * n ** (n - 1 - p) for p, o in enumerate(r))] = j
    B = t.out.astype(np.int64)                              # (N, m, n)
    hat = np.zeros(N, dtype=np.int64)                       # report number of hat P_i
    for k in range(m):
        listed = B[:, k, list(orders[k])]                   # objects in priority order
        hat = hat * T + index[(listed * n ** np.arange(n - 1, -1, -1)).sum(axis=1)]
    flat = t.out.reshape(N, -1)
    q = hat * sum(R ** (n - 1 - i) for i in range(n))       # the identical profile hat P
    steps = [("Lemma 3", (flat[q] != flat).any(axis=1))]
    H = hypothesis_table(n, m)
    place = n ** np.arange(m - 1, -1, -1)
    for a in range(n):
        d = t.digits[:, a]
        b = (B[:, :, a] * place).sum(axis=1)
        meets = H[hat, b, d] | (d == hat)
        steps.append((f"Lemma 2 hypothesis, agent {a}", ~meets))
        q = q + (d - hat) * R ** (n - 1 - a)
        steps.append((f"Lemma 2 conclusion, agent {a}", (flat[q] != flat).any(axis=1)))
    firsts = [(int(np.flatnonzero(bad)[0]), j) for j, (_, bad) in enumerate(steps) if bad.any()]
    if not firsts:
        return None
    p, j = min(firsts)
    return {"profile": t.profile(p), "step": steps[j][0], "hat": t.reports[int(hat[p])]}
