"""A small independent DRAT proof checker (forward checking, pure Python, no solver).

It re-checks the proof a SAT solver logged for an unsatisfiable CNF: every added lemma must be
RUP (unit propagation on the current clauses plus the negated lemma reaches a conflict) or RAT
on its first literal, and the proof must derive the empty clause.

Deletions are *ignored*: the checker keeps every clause. This is sound (RUP is monotone in the
clause set, and a RAT check against more clauses is stricter), only slower; it also avoids the
known pitfall of solvers deleting unit clauses that the checker still needs.

The checker shares no code with the solver (python-sat) and imports only the standard library.
"""

from __future__ import annotations

import itertools
from typing import Iterable, Sequence

from exact.errors import CertificateError

__all__ = ["parse_proof", "check_drat", "DratStats", "UnitPropagation"]


class DratStats(dict):
    """Counts of a successful check: lemmas, rup, rat, deletions_ignored, clauses."""


def parse_proof(lines: Iterable[str]) -> list[tuple[bool, list[int]]]:
    """Parse DRAT text lines (``"1 -2 0"``, ``"d 3 4 0"``) into ``(is_deletion, literals)``.

    Raises
    ------
    CertificateError
        on a malformed line (naming its number).
    """
    steps = []
    for num, line in enumerate(lines, 1):
        toks = line.split()
        if not toks:
            continue
        dele = toks[0] == "d"
        if dele:
            toks = toks[1:]
        try:
            lits = [int(t) for t in toks]
        except ValueError:
            raise CertificateError(f"proof line {num}: not a DRAT clause: {line!r}") from None
        if not lits or lits[-1] != 0 or 0 in lits[:-1]:
            raise CertificateError(f"proof line {num}: a clause must end with a single 0")
        steps.append((dele, lits[:-1]))
    return steps


def _code(lit: int) -> int:
    """Literal -> index: ``2 v`` for ``v``, ``2 v + 1`` for ``-v``."""
    return 2 * lit if lit > 0 else -2 * lit + 1


class _DB:
    """Clause database with two watched literals over literal codes; the trail can be undone.

    ``val[code]`` is 1 (true), -1 (false) or 0; clauses store literal codes; ``code ^ 1`` is the
    negation.
    """

    def __init__(self, nvars: int):
        self.nvars = 0
        self.val: list[int] = [0, 0]
        self.watch: list[list[int]] = [[], []]
        self.clauses: list[list[int]] = []
        self.hint: list[int] = []              # where the last watch search stopped
        self.trail: list[int] = []
        self.occ: dict[int, list[int]] | None = None   # literal code -> clause ids (RAT only)
        self.conflict = False                  # top-level conflict: formula refuted
        self.grow(nvars)

    def grow(self, v: int) -> None:
        if v > self.nvars:
            extra = 2 * (v - self.nvars)
            self.val.extend([0] * extra)
            self.watch.extend([] for _ in range(extra))
            self.nvars = v

    def assign(self, c: int) -> None:
        self.val[c] = 1
        self.val[c ^ 1] = -1
        self.trail.append(c)

    def add(self, lits: Sequence[int]) -> None:
        """Add a clause at top level (the trail holds top-level assignments only)."""
        codes = [2 * l if l > 0 else 1 - 2 * l for l in lits]
        seen = set(codes)
        if len(seen) != len(codes):
            codes = list(dict.fromkeys(codes))         # repeated literals
        if len(codes) > 1 and any((c ^ 1) in seen for c in codes):
            return                                     # tautology: never propagates
        top = (max(codes) >> 1) if codes else 0
        if top > self.nvars:
            self.grow(top)
        cid = len(self.clauses)
        self.clauses.append(codes)
        self.hint.append(2)
        if self.occ is not None:
            for c in codes:
                self.occ.setdefault(c, []).append(cid)
        if self.conflict:
            return
        if not codes:
            self.conflict = True
            return
        val = self.val
        if self.trail:
            codes.sort(key=lambda c: -val[c])         # true, then unassigned, then false
        self.watch[codes[0]].append(cid)
        if len(codes) > 1:
            self.watch[codes[1]].append(cid)
        v0 = val[codes[0]]
        if v0 == -1:
            self.conflict = True
        elif v0 == 0 and (len(codes) == 1 or val[codes[1]] == -1):
            self.assign(codes[0])
            if not self.propagate(len(self.trail) - 1):
                self.conflict = True

    def propagate(self, head: int) -> bool:
        """Unit propagation from trail position ``head``; False on conflict."""
        val, clauses, watch, trail = self.val, self.clauses, self.watch, self.trail
        hint = self.hint
        while head < len(trail):
            false_lit = trail[head] ^ 1
            head += 1
            ws = watch[false_lit]
            if not ws:
                continue
            keep = []
            j, n = 0, len(ws)
            while j < n:
                cid = ws[j]
                j += 1
                c = clauses[cid]
                if c[0] == false_lit:
                    c[0], c[1] = c[1], false_lit
                first = c[0]
                fv = val[first]
                if fv == 1:
                    keep.append(cid)
                    continue
                L = len(c)
                if L > 3:                       # circular search from the last hit (Gent 2013)
                    start = hint[cid]
                    for t in itertools.chain(range(start, L), range(2, start)):
                        l = c[t]
                        if val[l] != -1:
                            c[1], c[t] = l, false_lit
                            watch[l].append(cid)
                            hint[cid] = t
                            break
                    else:
                        t = -1
                    if t != -1:
                        continue
                else:
                    for t in range(2, L):
                        l = c[t]
                        if val[l] != -1:
                            c[1], c[t] = l, false_lit
                            watch[l].append(cid)
                            break
                    else:
                        t = -1
                    if t != -1:
                        continue
                keep.append(cid)                # no new watch: unit or conflict
                if fv == -1:
                    keep.extend(ws[j:])
                    watch[false_lit] = keep
                    return False
                val[first] = 1
                val[first ^ 1] = -1
                trail.append(first)
            watch[false_lit] = keep
        return True

    def undo(self, size: int) -> None:
        val = self.val
        for c in self.trail[size:]:
            val[c] = 0
            val[c ^ 1] = 0
        del self.trail[size:]

    def rup(self, lits: Sequence[int]) -> bool:
        """Whether the clause ``lits`` is RUP w.r.t. the database."""
        if self.conflict:
            return True
        m = max((abs(l) for l in lits), default=0)
        if m > self.nvars:
            self.grow(m)
        base = len(self.trail)
        ok = False
        for l in lits:
            c = _code(l)
            v = self.val[c]
            if v == 1:
                ok = True
                break
            if v == 0:
                self.assign(c ^ 1)
        if not ok:
            ok = not self.propagate(base)
        self.undo(base)
        return ok


def check_drat(clauses: Iterable[Sequence[int]], proof: Iterable[str] | list,
               nvars: int = 0) -> DratStats:
    """Check a DRAT refutation of ``clauses``.

    Parameters
    ----------
    clauses : the CNF (lists of non-zero DIMACS integers)
    proof : DRAT text lines (or already parsed steps from :func:`parse_proof`)

    Returns
    -------
    DratStats
        counts, when the proof derives the empty clause and every lemma checks.

    Raises
    ------
    CertificateError
        naming the first lemma that is neither RUP nor RAT, or saying that no empty clause
        was derived.

    Examples
    --------
    >>> check_drat([[1, 2], [-1, 2], [1, -2], [-1, -2]], ["2 0", "0"])["lemmas"]
    2
    """
    steps = proof if proof and isinstance(proof[0], tuple) else parse_proof(proof)
    clauses = list(clauses)
    db = _DB(max(nvars, max((abs(l) for c in clauses for l in c), default=0)))
    for c in clauses:
        if not c:
            raise CertificateError("the formula contains an empty clause: nothing to check")
        db.add(c)
    stats = DratStats(lemmas=0, rup=0, rat=0, deletions_ignored=0, clauses=len(db.clauses))
    for num, (dele, lits) in enumerate(steps, 1):
        if dele:
            stats["deletions_ignored"] += 1
            continue
        stats["lemmas"] += 1
        if db.rup(lits):
            stats["rup"] += 1
        elif lits and _rat(db, lits):
            stats["rat"] += 1
        else:
            raise CertificateError(f"proof step {num}: lemma {lits} is neither RUP nor RAT")
        if not lits:
            return stats
        db.add(lits)
        if db.conflict:
            # the database is refuted by unit propagation; the proof must still say so
            continue
    raise CertificateError("the proof never derives the empty clause")


def _rat(db: _DB, lits: Sequence[int]) -> bool:
    pivot = lits[0]
    neg = _code(-pivot)
    if db.occ is None:                          # built on the first RAT check
        db.occ = {}
        for cid, c in enumerate(db.clauses):
            for code in c:
                db.occ.setdefault(code, []).append(cid)
    for cid in list(db.occ.get(neg, [])):
        other = [c // 2 if c % 2 == 0 else -(c // 2) for c in db.clauses[cid] if c != neg]
        resolvent = list(lits) + other
        if not db.rup(resolvent):
            return False
    return True


class UnitPropagation:
    """Unit propagation over a fixed clause set, with this checker's own propagation code.

    ``closure(assumptions)`` is the set of literals that unit propagation derives from the
    clauses plus the assumptions (``None`` on a conflict). Every derived literal is implied by the
    clauses and the assumptions: a derivation is a (tiny) RUP proof, so the universal checks of
    :mod:`proofs.housing.universal` use it as their proof engine.

    Examples
    --------
    >>> up = UnitPropagation([[-1, 2], [-2, 3]])
    >>> sorted(up.closure([1]))
    [1, 2, 3]
    >>> UnitPropagation([[-1, 2], [-1, -2]]).closure([1]) is None
    True
    """

    def __init__(self, clauses: Iterable[Sequence[int]], nvars: int = 0):
        clauses = list(clauses)
        self.db = _DB(max(nvars, max((abs(l) for c in clauses for l in c), default=0)))
        for c in clauses:
            if not c:
                raise CertificateError("the clause set contains an empty clause")
            self.db.add(c)

    def closure(self, assumptions: Sequence[int]) -> "set[int] | None":
        db = self.db
        if db.conflict:
            return None
        base = len(db.trail)
        ok = True
        for l in assumptions:
            c = _code(l)
            if c >> 1 > db.nvars:
                db.grow(c >> 1)
            v = db.val[c]
            if v == -1:
                ok = False
                break
            if v == 0:
                db.assign(c)
        ok = ok and db.propagate(base)
        out = {c >> 1 if c % 2 == 0 else -(c >> 1) for c in db.trail} if ok else None
        db.undo(base)
        return out
