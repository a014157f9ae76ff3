"""Finite domains of the verification claims: parameter triples, phi grids, discrete instances.

All domains are graded by ``n`` (the number of agents) and stream their instances in a fixed
canonical order (smaller ``m``, ``k`` first; grids from low to high), so the engine's first
counterexample is reproducible. Seeded domains draw pseudo-random instances from
``random.Random(seed)`` with the seed in the instance's JSON, so every instance is replayable.
"""

from __future__ import annotations

import itertools
import random
from typing import Any, Callable, Iterator, Optional

from exact.claims import Domain
from exact.errors import InputError
from exact.numbers import Q, parse_q, to_jsonable

from .typespace import Instance, check_parameters

__all__ = ["triples", "TripleDomain", "PhiGridDomain", "DiscreteDomain", "SeededDomain",
           "CaseGridDomain", "ConstructionDomain", "CellDomain",
           "VALUE_GRID", "probability_grid", "type_spaces"]


def triples(n: int, k_min: int = 0) -> list[tuple]:
    """All ``(n, m, k)`` with ``k_min <= k < m < n``, ordered by ``m`` then ``k``."""
    return [(n, m, k) for m in range(1, n) for k in range(k_min, m)]


def _triple_from_json(data: Any, k_min: int) -> tuple:
    if not isinstance(data, dict):
        raise InputError("instance", "expected an object with n, m, k")
    n, m, k = check_parameters(data.get("n"), data.get("m"), data.get("k"))
    if k < k_min:
        raise InputError("k", f"this domain has k >= {k_min}, got {k}")
    return (n, m, k)


class TripleDomain(Domain):
    """``(n, m, k)`` with ``k_min <= k < m < n``; size ``n``."""

    def __init__(self, sizes: tuple, k_min: int = 0):
        self.sizes = tuple(sizes)
        self.k_min = k_min
        self.name = f"(n, m, k) with {k_min} <= k < m < n"

    def describe(self) -> dict:
        return {"name": self.name, "k_min": self.k_min}

    def count(self, size: int) -> int:
        return len(triples(size, self.k_min))

    def instances(self, size, start=0, stop=None):
        yield from triples(size, self.k_min)[start:stop]

    def to_json(self, inst) -> dict:
        return {"n": inst[0], "m": inst[1], "k": inst[2]}

    def from_json(self, data):
        return _triple_from_json(data, self.k_min)

    def size_of(self, inst) -> int:
        return inst[0]

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(triples(size, self.k_min))


class _PhiInstances(Domain):
    """JSON, size and strategy of ``(n, m, k, phi)`` instances (``k >= k_min``)."""

    k_min: int = 1

    def to_json(self, inst) -> dict:
        return {"n": inst[0], "m": inst[1], "k": inst[2], "phi": str(inst[3])}

    def from_json(self, data):
        n, m, k = _triple_from_json(data, self.k_min)
        ph = parse_q(data.get("phi"), "phi")
        if not 0 <= ph <= Q(m, n):
            raise InputError("phi", f"must lie in [0, m/n] = [0, {Q(m, n)}], got {ph}")
        return (n, m, k, ph)

    def size_of(self, inst) -> int:
        return inst[0]

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(list(self._all(size)))


class PhiGridDomain(_PhiInstances):
    """``(n, m, k, phi)`` with ``phi = j * m / (n * D)``, ``j = j_lo..D`` (a rational grid on [0, m/n]).

    With ``from_lower=True`` only ``phi >= (m - k)/n`` (the range of Corollary 1) is kept.
    """

    def __init__(self, sizes: tuple, D: int = 24, from_lower: bool = False, k_min: int = 1):
        self.sizes, self.D, self.from_lower, self.k_min = tuple(sizes), D, from_lower, k_min
        self.name = (f"(n, m, k) with {k_min} <= k < m < n, phi on the grid j m/(n {D})"
                     + (" with phi >= (m-k)/n" if from_lower else ""))

    def describe(self) -> dict:
        return {"name": self.name, "D": self.D, "from_lower": self.from_lower, "k_min": self.k_min}

    def _all(self, size):
        for (n, m, k) in triples(size, self.k_min):
            for j in range(self.D + 1):
                ph = Q(j * m, n * self.D)
                if self.from_lower and ph < Q(m - k, n):
                    continue
                yield (n, m, k, ph)

    def count(self, size: int) -> int:
        return sum(1 for _ in self._all(size))

    def instances(self, size, start=0, stop=None):
        yield from itertools.islice(self._all(size), start, stop)



#: the fixed value grid of the discrete domain (types in [0, 1], as in the paper)
VALUE_GRID = (Q(0), Q(1, 4), Q(1, 2), Q(1))


def probability_grid(L: int) -> list[tuple]:
    """Probability vectors: compositions of 4 into ``L`` positive quarters, plus the uniform one."""
    out = []
    for cuts in itertools.combinations(range(1, 4), L - 1):
        parts = [b - a for a, b in zip((0,) + cuts, cuts + (4,))]
        out.append(tuple(Q(p, 4) for p in parts))
    uni = tuple(Q(1, L) for _ in range(L))
    if uni not in out:
        out.append(uni)
    return out


def type_spaces(L_max: int = 4) -> list[tuple]:
    """``(values, probabilities)`` from the grids, ``2 <= L <= L_max``."""
    out = []
    for L in range(2, L_max + 1):
        for vals in itertools.combinations(VALUE_GRID, L):
            for probs in probability_grid(L):
                out.append((vals, probs))
    return out


class DiscreteDomain(Domain):
    """Discrete instances: every ``(n, m, k)`` of size ``n`` times every grid type space."""

    def __init__(self, sizes: tuple, L_max: int = 4, k_min: int = 0,
                 where: Optional[Callable[[Instance], bool]] = None, tag: str = ""):
        self.sizes, self.L_max, self.k_min, self.where = tuple(sizes), L_max, k_min, where
        self.name = (f"discrete instances: (n, m, k) with {k_min} <= k < m < n; values from "
                     f"{{0, 1/4, 1/2, 1}}, 2 <= L <= {L_max}, probabilities in quarters or uniform"
                     + (f"; {tag}" if tag else ""))

    def describe(self) -> dict:
        return {"name": self.name, "L_max": self.L_max, "k_min": self.k_min}

    def _all(self, size) -> Iterator[Instance]:
        spaces = type_spaces(self.L_max)
        for (n, m, k) in triples(size, self.k_min):
            for vals, probs in spaces:
                inst = Instance(n, m, k, vals, probs)
                if self.where is None or self.where(inst):
                    yield inst

    def count(self, size: int) -> int:
        return sum(1 for _ in self._all(size))

    def instances(self, size, start=0, stop=None):
        yield from itertools.islice(self._all(size), start, stop)

    def to_json(self, inst: Instance) -> dict:
        return inst.to_json()

    def from_json(self, data) -> Instance:
        return Instance.from_json(data)

    def size_of(self, inst: Instance) -> int:
        return inst.n

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(list(self._all(size)))


class SeededDomain(Domain):
    """``count`` pseudo-random instances per size, instance ``i`` built by ``make(size, Random(i))``."""

    def __init__(self, name: str, sizes: tuple, count: int, make: Callable, encode: Callable):
        self.name, self.sizes, self._count = name, tuple(sizes), count
        self._make, self._encode = make, encode

    def describe(self) -> dict:
        return {"name": self.name, "count": self._count}

    def count(self, size: int) -> int:
        return self._count

    def build(self, size: int, seed: int):
        return (size, seed, self._make(size, random.Random(f"{self.name}/{size}/{seed}")))

    def instances(self, size, start=0, stop=None):
        stop = self._count if stop is None else min(stop, self._count)
        for seed in range(start, stop):
            yield self.build(size, seed)

    def to_json(self, inst) -> dict:
        return {"size": inst[0], "seed": inst[1], "data": to_jsonable(self._encode(inst[2]))}

    def from_json(self, data):
        if not isinstance(data, dict) or not isinstance(data.get("size"), int) \
                or not isinstance(data.get("seed"), int):
            raise InputError("instance", "expected {size: int, seed: int, data: ...}")
        size, seed = data["size"], data["seed"]
        if isinstance(size, bool) or size not in self.sizes:
            raise InputError("instance.size", f"expected one of {list(self.sizes)}, got {size!r}")
        if isinstance(seed, bool) or not 0 <= seed < self._count:
            raise InputError("instance.seed", f"expected 0..{self._count - 1}, got {seed!r}")
        inst = self.build(size, seed)
        if "data" in data and to_jsonable(self._encode(inst[2])) != data["data"]:
            raise InputError("data", "does not match the instance generated from the seed")
        return inst

    def size_of(self, inst) -> int:
        return inst[0]

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.integers(0, 10 ** 6).map(lambda s: self.build(size, s))


# --- domains chosen from Lemma 7's exact phi-intervals (proofs.verification.cases) ----------------

_LISTINGS: dict = {}


class _Listed(Domain):
    """A domain whose instances of one size are computed once per process (``_all``), optionally
    restricted to one case of Lemma 7 (``case``: instances whose phi lies in that case)."""

    case: Optional[str] = None

    def _listing(self, size) -> tuple:
        key = (type(self).__name__, repr(sorted(self.describe().items())), size)
        if key not in _LISTINGS:
            _LISTINGS[key] = tuple(self._all(size))
        return _LISTINGS[key]

    def _in_case(self, n, m, k, ph) -> bool:
        if self.case is None:
            return True
        from . import cases
        return cases.case_of(n, m, k, ph) == self.case

    def count(self, size: int) -> int:
        return len(self._listing(size))

    def instances(self, size, start=0, stop=None):
        yield from self._listing(size)[start:stop]

def _interval_points(n: int, m: int, k: int, per_case: dict, from_lower: bool) -> list:
    """Rational phi for ``(n, m, k)``: ``per_case[case]`` points inside each phi-interval of that
    case (:func:`proofs.verification.cases.intervals`), plus the rational ends (m-k)/n and m/n,
    ascending. ``from_lower`` drops phi < (m-k)/n."""
    from . import cases
    pts = {Q(m - k, n), Q(m, n)}
    for iv in cases.intervals(n, m, k):
        count = per_case.get(iv.case, 0)
        if count:
            pts.update(cases.interval_points(iv, count))
    return sorted(p for p in pts if not from_lower or p >= Q(m - k, n))


class CaseGridDomain(_Listed, _PhiInstances):
    """``(n, m, k, phi)`` with phi chosen inside Lemma 7's exact phi-intervals, most of them in
    the case-2.b window ``((m-k)/n, phi-hat)`` (the paper's generic case)."""

    def __init__(self, sizes: tuple, per_case: Optional[dict] = None, from_lower: bool = False,
                 k_min: int = 1, default_size: Optional[int] = None, case: Optional[str] = None):
        self.sizes, self.k_min, self.from_lower = tuple(sizes), k_min, from_lower
        self.per_case = dict(per_case or {"1": 2, "2.b": 8, "3": 3})
        self.default_size, self.case = default_size, case
        self.name = ((f"Lemma 7's case {case}: " if case else "")
                     + f"(n, m, k) with {k_min} <= k < m < n; phi at "
                     + ", ".join(f"{c} in each case-{k_} interval" for k_, c in
                                 sorted(self.per_case.items()))
                     + " (simplest rationals of equal parts of the exact intervals), (m-k)/n, m/n"
                     + (", phi >= (m-k)/n" if from_lower else ""))

    def describe(self) -> dict:
        return {"name": self.name, "per_case": self.per_case, "from_lower": self.from_lower,
                "k_min": self.k_min, "case": self.case}

    def _all(self, size):
        for (n, m, k) in triples(size, self.k_min):
            for ph in _interval_points(n, m, k, self.per_case, self.from_lower):
                if self._in_case(n, m, k, ph):
                    yield (n, m, k, ph)



def _tailored_grids(n: int, m: int, k: int, ph) -> list:
    """Quantile grids with points inside C^ic, C^aud (two) and C^allo at a case-2.b phi, so that
    every type lies in one region or straddles one cut-off and one type is purely in C^aud."""
    from . import cases, regions
    rs = regions.runs(n, m, k, ph)
    if regions.pattern(rs) != "ic aud allo":
        return []
    ic, aud, allo = (cases.inner_rationals(r.left, r.right, 2) for r in rs)
    return [(ic[0], aud[0], allo[0]), (ic[0], aud[0], aud[1], allo[1])]


def _probs_of_grid(points) -> tuple:
    pts = (Q(0),) + tuple(points) + (Q(1),)
    return tuple(b - a for a, b in zip(pts, pts[1:]))


class ConstructionDomain(_Listed):
    """``(instance, phi)`` for the paper's construction (A.5-A.7) on finite type spaces.

    For each ``(n, m, k)`` (``k >= 1``) and each phi of :func:`_interval_points` (``per_case``
    points per case interval, plus (m-k)/n): uniform type spaces with ``L`` in ``uniform_L``,
    ``random_count`` seeded random families (the note's: integer weights 1..4, ``L`` in {3, 4}),
    and at case-2.b phi two tailored grids with points inside every region. Values are
    ``0, 1/L, ..., (L-1)/L`` (the construction does not depend on them).
    """

    def __init__(self, sizes: tuple, per_case: Optional[dict] = None,
                 uniform_L: tuple = (3, 4, 5, 6), random_count: int = 2,
                 default_size: Optional[int] = None, case: Optional[str] = None):
        self.sizes, self.uniform_L, self.random_count = tuple(sizes), tuple(uniform_L), random_count
        self.per_case = dict(per_case or {"2.b": 3, "3": 1})
        self.default_size, self.case = default_size, case
        self.name = ((f"Lemma 7's case {case}: " if case else "")
                     + f"(n, m, k) with 1 <= k < m < n; phi: {self.per_case} per case interval and "
                     f"(m-k)/n; type spaces: uniform L in {list(uniform_L)}, {random_count} "
                     "seeded random, two grids with points in every region (case 2.b)")

    def describe(self) -> dict:
        return {"name": self.name, "per_case": self.per_case, "uniform_L": list(self.uniform_L),
                "random_count": self.random_count, "case": self.case}

    def _spaces(self, n, m, k, ph) -> list:
        out = [tuple([Q(1, L)] * L) for L in self.uniform_L]
        for s in range(self.random_count):
            rng = random.Random(f"construction/{n}/{m}/{k}/{s}")
            L = rng.randint(3, 4)
            w = [rng.randint(1, 4) for _ in range(L)]
            out.append(tuple(Q(x, sum(w)) for x in w))
        out += [_probs_of_grid(g) for g in _tailored_grids(n, m, k, ph)]
        return out

    def _all(self, size):
        for (n, m, k) in triples(size, 1):
            pts = [p for p in _interval_points(n, m, k, self.per_case, True) if p < Q(m, n)]
            for ph in pts:
                if not self._in_case(n, m, k, ph):
                    continue
                for probs in self._spaces(n, m, k, ph):
                    L = len(probs)
                    yield (Instance(n, m, k, tuple(Q(j, L) for j in range(L)), probs), ph)

    def to_json(self, inst) -> dict:
        return {**inst[0].to_json(), "phi": str(inst[1])}

    def from_json(self, data):
        inst = Instance.from_json(data)
        ph = parse_q(data.get("phi") if isinstance(data, dict) else None, "phi")
        if not 0 <= ph <= Q(inst.m, inst.n):
            raise InputError("phi", f"must lie in [0, m/n] = [0, {Q(inst.m, inst.n)}], got {ph}")
        return (inst, ph)

    def size_of(self, inst) -> int:
        return inst[0].n

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(list(self._all(size)))


class CellDomain(_Listed):
    """``(n, m, k, phi, cuts)`` for the cell checks of Lemmas 10-12 (:mod:`.cells`).

    phi: ``per_case`` rational points inside each case interval with phi >= (m-k)/n (most in
    the case-2.b window); ``cuts`` rational points split each region (2 for n = 3, else 1).
    """

    def __init__(self, sizes: tuple, per_case: Optional[dict] = None,
                 default_size: Optional[int] = None, case: Optional[str] = None):
        self.sizes, self.default_size, self.case = tuple(sizes), default_size, case
        self.per_case = dict(per_case or {"2.b": 2, "3": 1})
        self.name = ((f"Lemma 7's case {case}: " if case else "")
                     + f"(n, m, k) with 1 <= k < m < n; phi: {self.per_case} per case interval; "
                     "regions cut at 2 (n = 3) or 1 (n >= 4) rational points")

    def describe(self) -> dict:
        return {"name": self.name, "per_case": self.per_case, "case": self.case}

    def _all(self, size):
        for (n, m, k) in triples(size, 1):
            for ph in _interval_points(n, m, k, self.per_case, True):
                if Q(m - k, n) < ph < Q(m, n) and self._in_case(n, m, k, ph):
                    yield (n, m, k, ph, 2 if n == 3 else 1)

    def to_json(self, inst) -> dict:
        return {"n": inst[0], "m": inst[1], "k": inst[2], "phi": str(inst[3]), "cuts": inst[4]}

    def from_json(self, data):
        n, m, k = _triple_from_json(data, 1)
        ph = parse_q(data.get("phi"), "phi")
        if not Q(m - k, n) < ph < Q(m, n):
            raise InputError("phi", f"must lie in ((m-k)/n, m/n), got {ph}")
        cuts = data.get("cuts")
        if isinstance(cuts, bool) or not isinstance(cuts, int) or not 0 <= cuts <= 3:
            raise InputError("cuts", f"expected an integer 0..3, got {cuts!r}")
        return (n, m, k, ph, cuts)

    def size_of(self, inst) -> int:
        return inst[0]

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(list(self._all(size)))
