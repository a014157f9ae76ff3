"""Exact sparse rows: strict parsing of constraint matrices and the few operations LP/QP need.

A *sparse row* is a pair ``(idx, val)`` of equally long tuples: strictly increasing column
indices and their non-zero exact values, each a Python ``int`` (integer entries stay Python
integers: no conversion on input, integer arithmetic in the row scans) or an ``fmpq``. Use
:func:`dense_row` (fmpq) where a division may follow. A matrix is a list of sparse rows.
Input may be

* a list of dense rows (each a sequence of ``n`` exact numbers),
* a list of sparse rows, each a list of ``(index, value)`` pairs or a dict ``{index: value}``,
* a ``scipy.sparse`` matrix or array of an integer dtype (scipy.sparse has no object dtype:
  give rational entries as sparse rows), or a numpy array of an integer dtype or of dtype
  ``object`` holding exact numbers.

Floats are refused (a float dtype, NaN and inf included) with the offending field named, as are
ragged or mis-sized rows, indices out of range or repeated, and non-integer indices.

Examples
--------
>>> rows = sparse_rows([[(0, 1), (2, "1/2")], {1: 3}], "A_ub", 3)
>>> rows[0]
((0, 2), (1, 1/2))
>>> rows[1]
((1,), (3,))
>>> row_dot(rows[0], [Q(2), Q(5), Q(4)])
4
"""

from __future__ import annotations

import heapq
import math
import operator
from fractions import Fraction
from typing import Any, Optional

from flint import fmpq, fmpz

from .errors import InputError
from .numbers import Q, ZERO, parse_q

__all__ = ["coef", "vector", "sparse_rows", "constraints", "row_dot", "col_combo", "dense_row",
           "solve_sparse", "EMPTY_ROW"]

EMPTY_ROW = ((), ())


def coef(v: Any, field: str) -> fmpq:
    """An exact coefficient; floats (and everything inexact) are refused naming ``field``."""
    t = type(v)
    if t is int or t is fmpq:                              # fast path for the common types
        return fmpq(v)
    if isinstance(v, bool):
        raise InputError(field, f"expected a rational number, got the boolean {v!r}")
    if isinstance(v, float) or type(v).__name__.startswith(("float", "complex")):
        try:
            finite = math.isfinite(v)
        except TypeError:
            finite = True
        what = "floats are not exact" if finite else "NaN and inf are not numbers"
        raise InputError(field, f"{what}, got {v!r}; use an int, a Fraction, an fmpq, a sympy "
                                f"Rational or a string such as \"3/4\"")
    if isinstance(v, (fmpq, fmpz, int, Fraction, str)):
        return parse_q(v, field)
    if getattr(v, "is_Rational", False):
        return Q(int(v.p), int(v.q))
    if hasattr(v, "__index__"):
        return Q(operator.index(v))
    raise InputError(field, f"expected an exact rational, got {type(v).__name__} {v!r}")


def _is_seq(v: Any) -> bool:
    return hasattr(v, "__iter__") and not isinstance(v, (str, bytes, dict))


def vector(v: Any, field: str, n: Optional[int] = None) -> list:
    """A list of exact numbers (``fmpq``); ``n`` checks the length."""
    if not _is_seq(v):
        raise InputError(field, f"expected a list of numbers, got {type(v).__name__}")
    out = [fmpq(e) if type(e) is int else coef(e, f"{field}[{i}]") for i, e in enumerate(v)]
    if n is not None and len(out) != n:
        raise InputError(field, f"has {len(out)} entries, expected {n}")
    return out


def _refuse_float_array(A: Any, field: str) -> None:
    kind = getattr(getattr(A, "dtype", None), "kind", None)
    if kind in ("f", "c"):
        raise InputError(field, f"floats are not exact (dtype {A.dtype}); use an integer dtype "
                                f"or dtype=object with exact numbers")
    if kind == "b":
        raise InputError(field, "expected rational numbers, got a boolean array")


def _index(j: Any, field: str, n: int) -> int:
    if isinstance(j, bool) or not hasattr(j, "__index__"):
        raise InputError(field, f"column index must be an integer, got {j!r}")
    j = operator.index(j)
    if not 0 <= j < n:
        raise InputError(field, f"column index {j} out of range 0..{n - 1}")
    return j


def _fast_pairs(pairs: Any, n: int):
    """The common case (a list of ``(int, int | fmpq)`` pairs, indices in range and strictly
    increasing) without per-entry checks; ``None`` sends anything else to the careful path."""
    idx, val, last = [], [], -1
    for p in pairs:
        if type(p) not in (tuple, list) or len(p) != 2:
            return None
        j, v = p
        tv = type(v)
        if type(j) is not int or not last < j < n or (tv is not int and tv is not fmpq):
            return None
        last = j
        if v:
            idx.append(j)
            val.append(v)
    return tuple(idx), tuple(val)


def _pairs_row(pairs: Any, field: str, n: int):
    if not isinstance(pairs, dict):
        fast = _fast_pairs(pairs, n)
        if fast is not None:
            return fast
    items = pairs.items() if isinstance(pairs, dict) else pairs
    entries = {}
    for k, p in enumerate(items):
        if not _is_seq(p) or len(p) != 2:
            raise InputError(f"{field}[{k}]", f"expected an (index, value) pair, got {p!r}")
        j = _index(p[0], f"{field}[{k}]", n)
        if j in entries:
            raise InputError(f"{field}[{k}]", f"column index {j} given twice")
        entries[j] = coef(p[1], f"{field}[{k}]")
    idx = tuple(sorted(j for j, v in entries.items() if v))
    return idx, tuple(entries[j] for j in idx)


def _dense_row(row: Any, field: str, n: int):
    if type(row) is list and all(type(v) is int for v in row):   # plain integers: as they are
        if len(row) != n:
            raise InputError(field, f"row has {len(row)} entries, expected {n} (the length of c)")
        idx = tuple(j for j, v in enumerate(row) if v)
        return idx, tuple(row[j] for j in idx)
    vals = vector(row, field)
    if len(vals) != n:
        raise InputError(field, f"row has {len(vals)} entries, expected {n} (the length of c)")
    idx = tuple(j for j, v in enumerate(vals) if v)
    return idx, tuple(vals[j] for j in idx)


def _scipy_rows(A: Any, field: str, n: int) -> list:
    _refuse_float_array(A, field)
    if A.shape[1] != n:
        raise InputError(field, f"has {A.shape[1]} columns, expected {n} (the length of c)")
    R = A.tocsr()
    R.sum_duplicates()
    R.sort_indices()
    ptr, ind, data = R.indptr, R.indices, R.data
    rows = []
    for i in range(A.shape[0]):
        idx, val = [], []
        for k in range(ptr[i], ptr[i + 1]):
            v = data[k]
            v = int(v) if hasattr(v, "__index__") and not isinstance(v, bool) \
                else coef(v, f"{field}[{i}][{int(ind[k])}]")
            if v:
                idx.append(int(ind[k]))
                val.append(v)
        rows.append((tuple(idx), tuple(val)))
    return rows


def sparse_rows(A: Any, field: str, n: int) -> list:
    """Parse a constraint matrix of ``n`` columns into sparse rows (see the module docstring).

    Raises
    ------
    InputError
        naming ``field`` (and the row, and the entry) for a float, NaN/inf, a ragged or
        mis-sized row, a column index out of range or given twice, anything not a matrix.
    """
    if hasattr(A, "tocsr") and hasattr(A, "shape"):
        return _scipy_rows(A, field, n)
    if not _is_seq(A):
        raise InputError(field, f"expected a list of rows, got {type(A).__name__}")
    if getattr(A, "ndim", None) == 2:
        _refuse_float_array(A, field)
        if A.shape[1] != n:
            raise InputError(field, f"has {A.shape[1]} columns, expected {n} (the length of c)")
    rows, sparse_mode = [], None
    for i, row in enumerate(A):
        f = f"{field}[{i}]"
        if isinstance(row, dict):
            rows.append(_pairs_row(row, f, n))
            continue
        if not _is_seq(row):
            raise InputError(f, f"expected a row (list of numbers or of (index, value) pairs), "
                                f"got {type(row).__name__}")
        row = row if hasattr(row, "__len__") else list(row)
        if len(row) and _is_seq(row[0]) and getattr(row, "ndim", 1) == 1:
            sparse_mode = True
            rows.append(_pairs_row(row, f, n))
        elif not len(row) and n:                        # [] is an empty sparse row, or too short
            rows.append(None)
        else:
            sparse_mode = False if sparse_mode is None else sparse_mode
            rows.append(_dense_row(row, f, n))
    for i, row in enumerate(rows):
        if row is None:
            if not sparse_mode:
                raise InputError(f"{field}[{i}]", f"row has 0 entries, expected {n} (the length "
                                                  f"of c); an all-zero sparse row is [] only "
                                                  f"among sparse rows, else {{}}")
            rows[i] = EMPTY_ROW
    return rows


def row_dot(row: tuple, x: list) -> fmpq:
    """``a . x`` for a sparse row ``a`` and a dense vector ``x``."""
    s = ZERO
    for j, a in zip(*row):
        v = x[j]
        if v:
            s += a * v
    return s


def col_combo(rows: list, ys: list, n: int, out: Optional[list] = None) -> list:
    """``out + sum_i ys[i] * rows[i]`` as a dense list of length ``n`` (``A^T y``)."""
    g = list(out) if out is not None else [ZERO] * n
    for (idx, val), y in zip(rows, ys):
        if y:
            for j, a in zip(idx, val):
                g[j] += a * y
    return g


def dense_row(row: tuple, n: int) -> list:
    """The dense list (of ``fmpq``) of a sparse row."""
    out = [ZERO] * n
    for j, a in zip(*row):
        out[j] = fmpq(a) if type(a) is int else a
    return out


def constraints(A: Any, b: Any, nameA: str, nameb: str, n: int):
    """Parse a constraint block ``(A, b)`` (both or neither): sparse rows and exact rhs."""
    if A is None and b is None:
        return [], []
    if A is None or b is None:
        missing = nameA if A is None else nameb
        raise InputError(missing, f"missing: {nameA} and {nameb} go together")
    rows = sparse_rows(A, nameA, n)
    rhs = vector(b, nameb)
    if len(rhs) != len(rows):
        raise InputError(nameb, f"has {len(rhs)} entries but {nameA} has {len(rows)} rows")
    return rows, rhs


def solve_sparse(rows: list, rhs: list, nvars: int, guess) -> Optional[list]:
    """An exact solution of ``rows x = rhs`` by sparse Gaussian elimination (any rank).

    ``rows`` are sparse rows over ``nvars`` unknowns. Pivots: the row with the fewest entries,
    and in it the column met by the fewest rows (a Markowitz-like order that keeps the fill of
    the chain- and grid-like systems of LPs and QPs small); no dense matrix is ever formed.
    ``None`` if the system is inconsistent (a row reduces to ``0 = b != 0``); otherwise the
    unknowns left without a pivot are set to ``guess[j]`` (exact numbers; ``guess`` is a list
    or any object with ``__getitem__``, read only at those ``j``) and the pivot unknowns are
    solved for by back substitution. Exact throughout (``fmpq``).
    """
    R = [{j: fmpq(a) for j, a in zip(idx, val)} for idx, val in rows]
    b = [fmpq(v) for v in rhs]
    cols: dict = {}
    for r, row in enumerate(R):
        for j in row:
            cols.setdefault(j, set()).add(r)
    heap = [(len(row), r) for r, row in enumerate(R)]
    heapq.heapify(heap)
    done = [False] * len(R)
    order = []
    while heap:
        size, r = heapq.heappop(heap)
        if done[r]:
            continue
        row = R[r]
        if size != len(row):                               # stale entry: the row changed
            heapq.heappush(heap, (len(row), r))
            continue
        done[r] = True
        if not row:
            if b[r]:
                return None                                # 0 = non-zero: inconsistent
            continue
        c = min(row, key=lambda j: (len(cols[j]), j))
        for j in row:
            cols[j].discard(r)
        a, br = row[c], b[r]
        for s in list(cols[c]):
            other = R[s]
            f = other[c] / a
            for j, v in row.items():
                w = other.get(j)
                w = -f * v if w is None else w - f * v
                if w:
                    if j not in other:
                        cols[j].add(s)
                    other[j] = w
                else:
                    del other[j]
                    cols[j].discard(s)
            if br:
                b[s] -= f * br
            heapq.heappush(heap, (len(other), s))
        order.append((r, c))
    x: list = [None] * nvars
    pivot = {c for _, c in order}
    for j in range(nvars):
        if j not in pivot:
            x[j] = guess[j]
    for r, c in reversed(order):
        row = R[r]
        v = b[r]
        for j, a in row.items():
            if j != c:
                xj = x[j]
                if xj:
                    v -= a * xj
        x[c] = v / row[c]
    return x
