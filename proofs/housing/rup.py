"""A vectorised RUP proof checker (numpy): the fast twin of :mod:`proofs.housing.drat`.

It checks a clausal refutation of a CNF in which every added lemma is RUP: unit propagation on
the formula, the earlier lemmas and the negated lemma reaches a conflict; the proof must derive
the empty clause. Deletions are ignored (sound: RUP is monotone in the clause set). RAT lemmas are
*not* accepted (a lemma that is not RUP is rejected); :mod:`proofs.housing.drat` checks those.

Unit propagation runs breadth-first, one round of numpy passes at a time, over the literals made
true in the previous round:

* a binary clause ``(a or b)`` is an implication: when ``not a`` is made true, ``b`` is implied
  (a conflict if ``b`` is false);
* every longer clause keeps its number of false literals; a clause that loses a literal and has
  at most one non-false literal left is read in full: satisfied (a true literal), a conflict
  (none left) or unit (its last unassigned literal is made true in the next round).

Breadth-first propagation reaches a conflict iff depth-first (watched-literal) propagation does:
both compute the closure of the same unit rule.

The checker imports numpy and :mod:`exact.errors` only: no solver code.
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence

import numpy as np

from exact.errors import CertificateError

from .drat import DratStats, parse_proof

__all__ = ["check_rup"]

_EMPTY = np.zeros(0, dtype=np.int64)


def _codes(lits: np.ndarray) -> np.ndarray:
    """DIMACS literals -> codes ``2 v`` (positive) and ``2 v + 1`` (negative)."""
    lits = np.asarray(lits, dtype=np.int64)
    return np.where(lits > 0, 2 * lits, -2 * lits + 1)


def _ranges(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, s + l)`` for each ``(s, l)``."""
    total = int(lens.sum())
    if total == 0:
        return _EMPTY
    before = np.cumsum(lens) - lens
    return np.repeat(starts - before, lens) + np.arange(total, dtype=np.int64)


def _csr(keys: np.ndarray, values: np.ndarray, nkeys: int) -> tuple[np.ndarray, np.ndarray]:
    """``values`` grouped by ``keys``: (pointer array, grouped values)."""
    order = np.argsort(keys, kind="stable")
    grouped = values[order]
    del order
    ptr = np.zeros(nkeys + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=nkeys), out=ptr[1:])
    return ptr, grouped


class _Binary:
    """Binary clauses as implications: ``imp[x]`` lists the literals forced when ``x`` is true."""

    def __init__(self, a: np.ndarray, b: np.ndarray, ncodes: int):
        keys = np.concatenate([a ^ 1, b ^ 1])
        self.ptr, self.imp = _csr(keys, np.concatenate([b, a]).astype(np.int32), ncodes)

    def implied(self, frontier: np.ndarray) -> np.ndarray:
        s = self.ptr[frontier]
        return self.imp[_ranges(s, self.ptr[frontier + 1] - s)]


class _Long:
    """Clauses of any width in CSR form, their occurrence lists, and the number of false
    literals of each clause under the top-level assignment."""

    def __init__(self, codes: np.ndarray, lens: np.ndarray, ncodes: int, val: np.ndarray):
        self.codes = codes.astype(np.int32)
        self.lens = lens.astype(np.int32)
        self.ptr = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=self.ptr[1:])
        cid = np.repeat(np.arange(len(lens), dtype=np.int32), self.lens)
        self.occ_ptr, self.occ = _csr(self.codes, cid, ncodes)
        del cid
        self.nfalse = np.zeros(len(lens), dtype=np.int32)
        self.stamp = np.zeros(len(lens), dtype=np.int64)
        if len(lens):
            false = np.nonzero(val[self.codes] == -1)[0]
            np.add.at(self.nfalse, np.searchsorted(self.ptr, false, side="right") - 1, np.int32(1))

    def __len__(self) -> int:
        return len(self.lens)

    def losing(self, false_codes: np.ndarray) -> np.ndarray:
        s = self.occ_ptr[false_codes]
        return self.occ[_ranges(s, self.occ_ptr[false_codes + 1] - s)]

    def distinct(self, ids: np.ndarray) -> np.ndarray:
        """``ids`` without repeats, in time linear in ``len(ids)``."""
        if len(ids) < 2:
            return ids
        self.stamp[ids] = np.arange(len(ids))
        return ids[self.stamp[ids] == np.arange(len(ids))]

    def literals(self, ids: np.ndarray) -> np.ndarray:
        return self.codes[_ranges(self.ptr[ids], self.lens[ids].astype(np.int64))]


class _DB:
    def __init__(self, codes: np.ndarray, lens: np.ndarray, nvars: int):
        self.ncodes = 2 * (nvars + 1)
        self.val = np.zeros(self.ncodes, dtype=np.int8)
        self.stamp = np.zeros(self.ncodes, dtype=np.int64)
        ptr = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=ptr[1:])
        two = np.nonzero(lens == 2)[0]
        self.binary = _Binary(codes[ptr[two]], codes[ptr[two] + 1], self.ncodes)
        other = lens != 2
        self.blocks = [_Long(codes[np.repeat(other, lens)], lens[other], self.ncodes, self.val)]
        self.pending: list = []
        self.conflict = False
        self._top(codes[ptr[:-1][lens == 1]])

    # -- propagation -------------------------------------------------------------------
    def _unique(self, lits: np.ndarray) -> np.ndarray:
        """``lits`` without repeats (order kept), in time linear in ``len(lits)``."""
        if len(lits) < 2:
            return lits
        self.stamp[lits] = np.arange(len(lits))
        return lits[self.stamp[lits] == np.arange(len(lits))]

    def _propagate(self, val, counters, frontier: np.ndarray) -> bool:
        """Make ``frontier`` (unassigned literal codes) true and propagate; True on conflict."""
        while len(frontier):
            frontier = self._unique(frontier)
            val[frontier] = 1
            if (val[frontier ^ 1] == 1).any():
                return True                    # x and not-x both forced in this round
            val[frontier ^ 1] = -1
            imp = self.binary.implied(frontier)
            v = val[imp]
            if (v == -1).any():
                return True
            new = [imp[v == 0]]
            for b, nfalse in zip(self.blocks, counters):
                hit = b.losing(frontier ^ 1)
                if not len(hit):
                    continue
                np.add.at(nfalse, hit, np.int32(1))
                hit = b.distinct(hit[b.lens[hit] - nfalse[hit] <= 1])
                if not len(hit):
                    continue
                lits = b.literals(hit)
                v = val[lits]
                owner = np.repeat(np.arange(len(hit)), b.lens[hit])
                sat = np.zeros(len(hit), dtype=bool)
                sat[owner[v == 1]] = True
                if (b.lens[hit] == nfalse[hit])[~sat].any():
                    return True
                new.append(lits[(v == 0) & ~sat[owner]])
            frontier = np.concatenate(new).astype(np.int64)
        return False

    def _top(self, units: np.ndarray) -> None:
        """Propagate ``units`` at top level (persistently)."""
        if self.conflict or not len(units):
            return
        units = self._unique(np.asarray(units, dtype=np.int64))
        if (self.val[units] == -1).any():
            self.conflict = True
            return
        units = units[self.val[units] == 0]
        if self._propagate(self.val, [b.nfalse for b in self.blocks], units):
            self.conflict = True

    def rup(self, codes: np.ndarray) -> bool:
        """Whether the clause (codes) is RUP with respect to the database."""
        self._flush()
        if self.conflict:
            return True
        v = self.val[codes]
        if (v == 1).any():
            return True
        assume = codes[v == 0] ^ 1
        if not len(assume):
            return False                       # every literal false and no conflict
        return self._propagate(self.val.copy(), [b.nfalse.copy() for b in self.blocks], assume)

    # -- adding lemmas -----------------------------------------------------------------
    def add(self, codes: np.ndarray) -> None:
        self.pending.append(codes)

    def _flush(self) -> None:
        """Move pending lemmas into blocks (merged so that there are O(log) blocks)."""
        if not self.pending:
            return
        lemmas, self.pending = self.pending, []
        codes = np.concatenate(lemmas)
        lens = np.array([len(c) for c in lemmas], dtype=np.int64)
        while len(self.blocks) > 1 and len(self.blocks[-1]) <= len(lens):
            last = self.blocks.pop()
            codes = np.concatenate([last.codes.astype(np.int64), codes])
            lens = np.concatenate([last.lens.astype(np.int64), lens])
        block = _Long(codes, lens, self.ncodes, self.val)
        self.blocks.append(block)
        if self.conflict:
            return
        v = self.val[block.codes]
        owner = np.repeat(np.arange(len(block)), block.lens)
        sat = np.zeros(len(block), dtype=bool)
        sat[owner[v == 1]] = True
        left = block.lens - block.nfalse
        if ((left == 0) & ~sat).any():
            self.conflict = True
            return
        unit = (left == 1) & ~sat
        self._top(block.codes[unit[owner] & (v == 0)].astype(np.int64))


def _normalise(c: Sequence[int]) -> Optional[list]:
    """Repeated literals removed; ``None`` for a tautology."""
    c = list(dict.fromkeys(int(x) for x in c))
    s = set(c)
    return None if any(-x in s for x in c) else c


def _load(clauses, groups) -> tuple[np.ndarray, np.ndarray, int]:
    parts, lens, top = [], [], 0
    for g in groups or ():
        g = np.asarray(g)
        if g.ndim != 2 or g.shape[1] == 0:
            raise CertificateError("a clause group must be a non-empty 2-D integer array")
        if len(g) == 0:
            continue
        if (g == 0).any():
            raise CertificateError("a clause contains the literal 0")
        a = np.sort(np.abs(g), axis=1)
        odd = (a[:, 1:] == a[:, :-1]).any(axis=1) if g.shape[1] > 1 else np.zeros(len(g), bool)
        top = max(top, int(a.max()))
        del a
        parts.append(_codes(g[~odd].reshape(-1)))
        lens.append(np.full(int((~odd).sum()), g.shape[1], dtype=np.int64))
        for row in g[odd].tolist():
            c = _normalise(row)
            if c is not None:
                parts.append(_codes(c))
                lens.append(np.array([len(c)], dtype=np.int64))
    for row in clauses or ():
        if not len(row):
            raise CertificateError("the formula contains an empty clause: nothing to check")
        if 0 in row:
            raise CertificateError("a clause contains the literal 0")
        c = _normalise(row)
        if c is not None:
            parts.append(_codes(c))
            lens.append(np.array([len(c)], dtype=np.int64))
            top = max(top, max(abs(x) for x in c))
    codes = np.concatenate(parts) if parts else _EMPTY
    return codes, (np.concatenate(lens) if lens else _EMPTY), top


def check_rup(clauses: Optional[Iterable[Sequence[int]]] = None,
              proof: Iterable[str] | list = (), nvars: int = 0,
              groups: Optional[Sequence[np.ndarray]] = None) -> DratStats:
    """Check a RUP refutation of ``groups`` (arrays of equal-width clauses) plus ``clauses``.

    Parameters
    ----------
    clauses : lists of non-zero DIMACS integers (any widths)
    proof : DRAT text lines (or steps from :func:`proofs.housing.drat.parse_proof`)
    nvars : int, optional
        at least the largest variable (it is computed from the clauses and the proof anyway)
    groups : 2-D integer arrays, one clause per row

    Returns
    -------
    DratStats
        counts (``lemmas``, ``rup``, ``rat`` = 0, ``deletions_ignored``, ``clauses``) when every
        lemma is RUP and the empty clause is derived.

    Raises
    ------
    CertificateError
        naming the first lemma that is not RUP, or saying that no empty clause was derived.

    Examples
    --------
    >>> check_rup([[1, 2], [-1, 2], [1, -2], [-1, -2]], ["2 0", "0"])["lemmas"]
    2
    """
    proof = list(proof)
    steps = proof if proof and isinstance(proof[0], tuple) else parse_proof(proof)
    codes, lens, top = _load(clauses, groups)
    top = max([top, nvars] + [abs(x) for _, lits in steps for x in lits])
    db = _DB(codes, lens, top)
    del codes
    stats = DratStats(lemmas=0, rup=0, rat=0, deletions_ignored=0, clauses=len(lens))
    for num, (dele, lits) in enumerate(steps, 1):
        if dele:
            stats["deletions_ignored"] += 1
            continue
        stats["lemmas"] += 1
        c = _normalise(lits)
        if c is None:                          # a tautology is implied by anything
            stats["rup"] += 1
            continue
        cc = _codes(c)
        if not db.rup(cc):
            shown = " ".join(map(str, lits[:12])) + (" ..." if len(lits) > 12 else "")
            raise CertificateError(f"proof step {num}: lemma [{shown}] is not RUP (this checker "
                                   f"accepts RUP lemmas only)")
        stats["rup"] += 1
        if not c:
            return stats
        db.add(cc)
    raise CertificateError("the proof never derives the empty clause")
