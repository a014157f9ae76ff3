"""Which reading of the text, if any, has the constraint count of Appendix A's formula?

Appendix A, Example 1 says "The exact number of IC constraints is (3n^3 - 3n^2 - 4n + 4)/2"
(67,970 at n = 36; the same count, 39,092 at n = 30, in Example 2). The set the text describes
(problem (4) with Proposition 3's slope-1 cut, :mod:`proofs.screening.constraints`) has
``(n - 1)(n^2 + 5n - 4)/2`` rows, about a third of it. :func:`search` enumerates a family of
readings of Sections 3.1 and A.5.1 and counts each one's rows exactly on the grid.

The family (every combination; 1,728 readings)
----------------------------------------------
- ``top``: the top-row points of F with ``a_k >= a`` (as (3) reads) or ``a_k > a``;
- ``right``: the right-column points with ``b_l >= b`` or ``b_l > b``;
- ``footnote3``: drop ``(1, b)`` (as footnote 3 says) or keep it;
- ``boundary``: the top-row and right-column types take the printed southwest sets ("sw"),
  the same with the bottom row up to and including ``a`` ("sw-inclusive"), the northeast set
  ``F ∩ X_n`` like interior types ("ne"), or both ("ne+sw");
- ``southwest``: every type also gets the southwest boundary ``{(0, s): s < b} ∪ {(s, 0): s < a}``
  ("strict"), with ``<=`` ("inclusive"), or not ("none");
- ``cut``: Proposition 3's slope-1 cut drops northeast points with slope ``<= 1`` (as the paper),
  ``< 1``, or no cut;
- ``self``: the type itself counted as a constraint or not;
- ``counting``: ordered (type, target) rows, distinct unordered pairs, or the symmetric closure.
"""

from __future__ import annotations

import itertools

from .constraints import paper_example_1_formula

__all__ = ["OPTIONS", "readings", "reading_sets", "reading_count", "search"]

OPTIONS = {
    "top": (">=", ">"),
    "right": (">=", ">"),
    "footnote3": ("drop", "keep"),
    "boundary": ("sw", "sw-inclusive", "ne", "ne+sw"),
    "southwest": ("none", "strict", "inclusive"),
    "cut": ("<=", "<", "none"),
    "self": ("removed", "counted"),
    "counting": ("ordered", "unordered", "symmetric"),
}


def readings():
    """Every reading of the family, as dicts, in a fixed order."""
    keys = list(OPTIONS)
    for vals in itertools.product(*(OPTIONS[k] for k in keys)):
        yield dict(zip(keys, vals))


def _ne(n, i, j, o):
    N = n - 1
    S = {(k, N) for k in range(i if o["top"] == ">=" else i + 1, n)}
    S |= {(N, l) for l in range(j if o["right"] == ">=" else j + 1, n)}
    if o["footnote3"] == "drop":
        S.discard((N, j))
    return S


def _sw_boundary_type(n, i, j, inclusive):
    N = n - 1
    last = i + 1 if inclusive else i
    if j == N:
        return {(0, l) for l in range(n)} | {(k, 0) for k in range(last)}
    return {(0, l) for l in range(j + 1)} | {(k, 0) for k in range(N + (1 if inclusive else 0))}


def reading_sets(n: int, o: dict):
    """``[(type, set of targets)]`` of reading ``o`` on the ``n x n`` grid."""
    N = n - 1
    out = []
    for i in range(n):
        for j in range(n):
            if i < N and j < N:
                S = _ne(n, i, j, o)
            else:
                S = set()
                if o["boundary"] in ("ne", "ne+sw"):
                    S |= _ne(n, i, j, o)
                if o["boundary"] in ("sw", "ne+sw"):
                    S |= _sw_boundary_type(n, i, j, False)
                if o["boundary"] == "sw-inclusive":
                    S |= _sw_boundary_type(n, i, j, True)
            if o["southwest"] != "none":
                inc = 1 if o["southwest"] == "inclusive" else 0
                S |= {(0, l) for l in range(j + inc)} | {(k, 0) for k in range(i + inc)}
            if o["cut"] != "none":
                strict = o["cut"] == "<"
                S = {(k, l) for (k, l) in S
                     if not (k > i and l > j and ((l - j) < (k - i) if strict
                                                  else (l - j) <= (k - i)))}
            if o["self"] == "removed":
                S.discard((i, j))
            else:
                S.add((i, j))
            out.append(((i, j), S))
    return out


def reading_count(n: int, o: dict) -> int:
    """The number of IC constraints of reading ``o`` at grid size ``n`` (by enumeration)."""
    sets = reading_sets(n, o)
    if o["counting"] == "ordered":
        return sum(len(S) for _, S in sets)
    pairs = set()
    for I, S in sets:
        for K in S:
            if o["counting"] == "unordered":
                pairs.add((min(I, K), max(I, K)))
            else:
                pairs.add((I, K))
                pairs.add((K, I))
    return len(pairs)


def search(sizes=range(3, 9)) -> dict:
    """Count every reading at every size in ``sizes``; a reading *matches* when it equals the
    formula at all of them. Returns the numbers tried, matched, and matched at the first size."""
    sizes = list(sizes)
    tried, first, matches = 0, 0, []
    for o in readings():
        tried += 1
        ok = True
        for t, n in enumerate(sizes):
            if reading_count(n, o) != paper_example_1_formula(n):
                ok = False
                break
            if t == 0:
                first += 1
        if ok:
            matches.append(o)
    return {"readings": tried, "sizes": sizes, "equal_at_smallest_size": first,
            "matching": matches}
