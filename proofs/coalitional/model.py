"""The payoff environment of Section 2: agents, finite payoff types, outcomes, utilities, an SCF.

An :class:`Environment` is ``E = {I, A, (Theta_i, u_i)}`` with a social choice function
``f : Theta -> A`` (Section 2), in exact rationals:

- agents ``0..n-1`` (the paper's ``1..n``; reports print ``agent i+1``), payoff types
  ``Theta_i`` (labels, non-empty, finite), profiles ``theta`` as tuples of type indices;
- outcomes ``A``, an :class:`OutcomeSpace`, either the lotteries ``Delta(X)`` over a finite ``X``
  (a point of ``A`` is a probability vector), or, for the paper's public-good examples, a linear
  space with free disposal: ``A = conv{x^1..x^K} - R^d_+`` (utilities linear in ``x``, so a
  lottery is utility-equivalent to its mean and ``A`` is the polyhedron of means, Section 3);
- utilities ``u_i(a, theta) = w_i(theta) . a``, linear in the outcome (expected utility; possibly
  interdependent: ``w_i`` may depend on the whole profile).

A point of ``A`` is carried with *coordinates*: for lotteries the probability vector itself, with
free disposal the pair ``(a, lam)`` with ``lam`` in the simplex and ``a <= sum_k lam_k x^k``, so
that membership is checked with rational arithmetic alone (no solver).

Bad input raises :class:`exact.InputError` naming the field: an empty type set, a utility for a
type that does not exist, a missing profile, an outcome that is not a lottery, a float.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any, Callable, Optional, Sequence

from exact.errors import InputError
from exact.numbers import ONE, ZERO, Q, parse_q, to_jsonable

__all__ = ["OutcomeSpace", "Environment", "dot", "mix"]


def dot(w: Sequence, a: Sequence):
    """``w . a`` in exact arithmetic."""
    s = ZERO
    for x, y in zip(w, a):
        if x and y:
            s += x * y
    return s


def mix(weights: Sequence, points: Sequence[Sequence]) -> tuple:
    """The compound lottery (or mean) ``sum_k weights[k] * points[k]`` (Section 2)."""
    d = len(points[0])
    out = [ZERO] * d
    for r, p in zip(weights, points):
        if r:
            for c in range(d):
                out[c] += r * p[c]
    return tuple(out)


def _label(v: Any, field: str) -> str:
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        raise InputError(field, f"expected a label (string or integer), got {v!r}")
    s = str(v)
    if not s or "," in s or s != s.strip():
        raise InputError(field, f"labels must be non-empty, without commas or outer spaces: {s!r}")
    return s


class OutcomeSpace:
    """The feasible outcomes ``A``: lotteries over a finite ``X``, or a free-disposal polyhedron.

    Parameters
    ----------
    kind : {"lotteries", "free-disposal"}
    labels : list of str
        ``X`` (lotteries) or the coordinate names (free disposal).
    points : list of vectors, optional
        free disposal only: the deterministic outcomes ``x^k`` without disposal.
    """

    def __init__(self, kind: str, labels: Sequence[str], points: Optional[Sequence] = None):
        if kind not in ("lotteries", "free-disposal"):
            raise InputError("outcomes.kind", f"expected 'lotteries' or 'free-disposal', got {kind!r}")
        self.kind = kind
        self.labels = tuple(_label(x, f"outcomes.labels[{j}]") for j, x in enumerate(labels))
        if not self.labels:
            raise InputError("outcomes.labels", "empty: there must be at least one outcome")
        if len(set(self.labels)) != len(self.labels):
            raise InputError("outcomes.labels", "labels must be distinct")
        self.dim = len(self.labels)
        if kind == "lotteries":
            if points is not None:
                raise InputError("outcomes.points", "only free-disposal spaces list points")
            self.vertices = tuple(tuple(ONE if c == j else ZERO for c in range(self.dim))
                                  for j in range(self.dim))
            self.disposal = False
        else:
            if not points:
                raise InputError("outcomes.points", "free disposal needs at least one point")
            pts = []
            for k, p in enumerate(points):
                if not isinstance(p, (list, tuple)) or len(p) != self.dim:
                    raise InputError(f"outcomes.points[{k}]", f"expected {self.dim} numbers")
                pts.append(tuple(parse_q(v, f"outcomes.points[{k}][{c}]") for c, v in enumerate(p)))
            keep = []
            for p in pts:                   # drop duplicates and points below another point
                if p in keep or any(q != p and all(a <= b for a, b in zip(p, q)) for q in pts):
                    continue
                keep.append(p)
            self.vertices = tuple(keep)
            self.disposal = True
        self.K = len(self.vertices)
        #: number of LP coordinates of one point: ``a`` (and ``lam`` with free disposal)
        self.width = self.dim + (self.K if self.disposal else 0)

    # -- coordinates of a point ------------------------------------------------------------------
    def coords_of_vertex(self, k: int) -> tuple:
        a = self.vertices[k]
        if not self.disposal:
            return a
        return a + tuple(ONE if j == k else ZERO for j in range(self.K))

    def point(self, coords: Sequence) -> tuple:
        """The outcome vector ``a`` of coordinates ``coords``."""
        return tuple(coords[:self.dim])

    def check_coords(self, coords: Sequence, field: str = "outcome") -> None:
        """Raise InputError unless ``coords`` are the coordinates of a point of ``A`` (exact)."""
        if len(coords) != self.width:
            raise InputError(field, f"expected {self.width} coordinates, got {len(coords)}")
        if not self.disposal:
            if any(c < 0 for c in coords):
                raise InputError(field, f"not a lottery: negative probability in {_show(coords)}")
            if sum(coords, ZERO) != 1:
                raise InputError(field, f"not a lottery: probabilities sum to "
                                        f"{sum(coords, ZERO)}, not 1")
            return
        lam = coords[self.dim:]
        if any(c < 0 for c in lam) or sum(lam, ZERO) != 1:
            raise InputError(field, "mixture weights must be >= 0 and sum to 1")
        top = mix(lam, self.vertices)
        if any(a > t for a, t in zip(coords[:self.dim], top)):
            raise InputError(field, f"{_show(coords[:self.dim])} is not below the mixture "
                                    f"{_show(top)} of the points")

    def contains_coords(self, coords: Sequence) -> bool:
        try:
            self.check_coords(coords)
        except InputError:
            return False
        return True

    def coords_of(self, a: Sequence, field: str = "outcome") -> tuple:
        """Coordinates of the outcome vector ``a`` (an exact LP finds mixture weights)."""
        a = tuple(a)
        if len(a) != self.dim:
            raise InputError(field, f"expected {self.dim} numbers, got {len(a)}")
        if not self.disposal:
            self.check_coords(a, field)
            return a
        for k, v in enumerate(self.vertices):
            if all(x <= y for x, y in zip(a, v)):
                return a + tuple(ONE if j == k else ZERO for j in range(self.K))
        from exact.lp import solve_lp
        A_ub = [[-self.vertices[k][c] for k in range(self.K)] for c in range(self.dim)]
        res = solve_lp([0] * self.K, A_ub=A_ub, b_ub=[-x for x in a], A_eq=[[1] * self.K],
                       b_eq=[1])
        if res.status != "optimal":
            raise InputError(field, f"{_show(a)} is not a feasible outcome (not below any "
                                    f"mixture of the points)")
        coords = a + tuple(res.x)
        self.check_coords(coords, field)
        return coords

    # -- LP rows for one point at offset `o` of the variable vector -------------------------------
    def lp_block(self, o: int, nvar: int):
        """``(bounds, A_ub, b_ub, A_eq, b_eq)`` restricting variables ``o..o+width-1`` to ``A``."""
        ub, bub, eq, beq = [], [], [], []
        if not self.disposal:
            bounds = [(0, None)] * self.dim
            row = [ZERO] * nvar
            for c in range(self.dim):
                row[o + c] = ONE
            eq.append(row)
            beq.append(ONE)
            return bounds, ub, bub, eq, beq
        bounds = [(None, None)] * self.dim + [(0, None)] * self.K
        row = [ZERO] * nvar
        for k in range(self.K):
            row[o + self.dim + k] = ONE
        eq.append(row)
        beq.append(ONE)
        for c in range(self.dim):
            row = [ZERO] * nvar
            row[o + c] = ONE
            for k in range(self.K):
                row[o + self.dim + k] = -self.vertices[k][c]
            ub.append(row)
            bub.append(ZERO)
        return bounds, ub, bub, eq, beq

    def lp_blocks(self, npts: int, extra: int = 0):
        """``(n, bounds, A_ub, b_ub, A_eq, b_eq)`` for ``npts`` points (``width`` variables each)
        followed by ``extra`` free variables."""
        n = npts * self.width + extra
        bounds, A_ub, b_ub, A_eq, b_eq = [], [], [], [], []
        for m in range(npts):
            bd, ub, bu, eq, be = self.lp_block(m * self.width, n)
            bounds += bd
            A_ub += ub
            b_ub += bu
            A_eq += eq
            b_eq += be
        return n, bounds + [(None, None)] * extra, A_ub, b_ub, A_eq, b_eq

    def to_json(self) -> dict:
        d = {"kind": self.kind, "labels": list(self.labels)}
        if self.disposal:
            d["points"] = [[str(v) for v in p] for p in self.vertices]
        return d

    @classmethod
    def from_json(cls, data: Any) -> "OutcomeSpace":
        if isinstance(data, list):
            return cls("lotteries", data)
        if not isinstance(data, dict):
            raise InputError("outcomes", "expected a list of labels or an object with 'kind'")
        extra = set(data) - {"kind", "labels", "points"}
        if extra:
            raise InputError("outcomes", f"unknown fields {sorted(extra)}")
        labels = data.get("labels")
        if not isinstance(labels, list):
            raise InputError("outcomes.labels", "expected a list of labels")
        return cls(data.get("kind", "lotteries"), labels, data.get("points"))


def _show(v) -> str:
    return "(" + ", ".join(str(x) for x in v) + ")"


class Environment:
    """A finite payoff environment with an SCF (Section 2); immutable after construction.

    Use :meth:`build` (Python values, callables allowed) or :meth:`from_json` (user data); both
    validate everything and raise :class:`exact.InputError` naming the offending field.

    Attributes
    ----------
    n : int
    types : tuple of tuple of str          ``Theta_i`` labels
    k : tuple of int                       ``|Theta_i|``
    states : list of tuple                 every profile, lexicographic in type indices
    space : OutcomeSpace
    w : list over agents of list over state indices of utility vectors
    f : list over state indices of outcome vectors (``f(theta)``, length ``space.dim``)
    f_coords : the coordinates of ``f(theta)`` in ``A``
    """

    def __init__(self, name: str, types, space: OutcomeSpace, w, f_coords):
        self.name = name
        self.types = tuple(tuple(t) for t in types)
        self.n = len(self.types)
        self.k = tuple(len(t) for t in self.types)
        self.space = space
        self.states = list(itertools.product(*(range(m) for m in self.k)))
        self.sindex = {s: j for j, s in enumerate(self.states)}
        self.w = [[tuple(v) for v in wi] for wi in w]
        self.f_coords = [tuple(c) for c in f_coords]
        self.f = [space.point(c) for c in self.f_coords]

    # -- construction ------------------------------------------------------------------------------
    @classmethod
    def build(cls, types: Sequence[Sequence], outcomes: Any, utility: Any, scf: Any,
              name: str = "environment") -> "Environment":
        """Validate and build.

        Parameters
        ----------
        types : list of lists of labels (str or int), one non-empty list per agent
        outcomes : list of labels (lotteries over them), an :class:`OutcomeSpace`, or its JSON
        utility : callable ``(i, theta_labels) -> vector over the outcome coordinates`` or
            ``(i, x_label, theta_labels) -> number`` (lotteries), or a list over agents of dicts
            ``{profile key: vector or {label: number}}`` (profile key ``"l1,l2,..."``)
        scf : callable ``theta_labels -> outcome`` or dict ``{profile key: outcome}``; an outcome
            is a label of ``X`` (a degenerate lottery), a ``{label: probability}`` dict, or a
            vector over the coordinates
        """
        if not isinstance(types, (list, tuple)) or not types:
            raise InputError("types", "expected a non-empty list of type lists (one per agent)")
        tl = []
        for i, t in enumerate(types):
            if not isinstance(t, (list, tuple)):
                raise InputError(f"types[{i}]", "expected a list of type labels")
            if not t:
                raise InputError(f"types[{i}]", f"empty type set for agent {i + 1}: every "
                                                f"Theta_i must be non-empty")
            labs = tuple(_label(x, f"types[{i}][{j}]") for j, x in enumerate(t))
            if len(set(labs)) != len(labs):
                raise InputError(f"types[{i}]", "type labels must be distinct")
            tl.append(labs)
        space = outcomes if isinstance(outcomes, OutcomeSpace) else OutcomeSpace.from_json(outcomes)
        states = list(itertools.product(*tl))
        keys = [",".join(s) for s in states]
        n = len(tl)
        w = [[None] * len(states) for _ in range(n)]
        if callable(utility):
            for i in range(n):
                for j, s in enumerate(states):
                    w[i][j] = _utility_vector(space, utility, i, s, f"utility[{i}][{keys[j]!r}]")
        else:
            if not isinstance(utility, (list, tuple)) or len(utility) != n:
                raise InputError("utility", f"expected a list of {n} per-agent tables")
            for i, table in enumerate(utility):
                table = _keyed(table, tl, f"utility[{i}]")
                for j, key in enumerate(keys):
                    if key not in table:
                        raise InputError(f"utility[{i}]", f"no utility for the profile {key!r}")
                    w[i][j] = _vector(space, table[key], f"utility[{i}][{key!r}]")
        if callable(scf):
            fc = [_outcome(space, scf(s), f"scf[{keys[j]!r}]") for j, s in enumerate(states)]
        else:
            table = _keyed(scf, tl, "scf")
            fc = []
            for key in keys:
                if key not in table:
                    raise InputError("scf", f"no outcome for the profile {key!r}")
                fc.append(_outcome(space, table[key], f"scf[{key!r}]"))
        if space.disposal:
            for i in range(n):
                for j, key in enumerate(keys):
                    if any(c < 0 for c in w[i][j]):
                        raise InputError(f"utility[{i}][{key!r}]", "free disposal needs utilities "
                                         "non-decreasing in every coordinate (coefficients >= 0)")
        return cls(name, tl, space, w, fc)

    @classmethod
    def from_json(cls, data: Any) -> "Environment":
        """Read an environment from JSON data (see :meth:`to_json`), strictly."""
        if not isinstance(data, dict):
            raise InputError("environment", "expected an object")
        extra = set(data) - {"name", "types", "outcomes", "utility", "scf"}
        if extra:
            raise InputError("environment", f"unknown fields {sorted(extra)}")
        for key in ("types", "outcomes", "utility", "scf"):
            if key not in data:
                raise InputError(key, "missing")
        name = data.get("name", "environment")
        if not isinstance(name, str):
            raise InputError("name", "expected a string")
        return cls.build(data["types"], data["outcomes"], data["utility"], data["scf"], name=name)

    def to_json(self) -> dict:
        keys = [self.key(s) for s in self.states]
        return {"name": self.name, "types": [list(t) for t in self.types],
                "outcomes": self.space.to_json(),
                "utility": [{keys[j]: [str(v) for v in self.w[i][j]]
                             for j in range(len(self.states))} for i in range(self.n)],
                "scf": {keys[j]: [str(v) for v in (self.f_coords[j] if self.space.disposal
                                                   else self.f[j])]
                        for j in range(len(self.states))}}

    # -- queries -----------------------------------------------------------------------------------
    def key(self, s: Sequence[int]) -> str:
        """The profile key ``"l1,l2,..."`` of a profile of type indices."""
        return ",".join(self.types[i][t] for i, t in enumerate(s))

    def labels(self, s: Sequence[int]) -> tuple:
        return tuple(self.types[i][t] for i, t in enumerate(s))

    def u(self, i: int, a: Sequence, s: Sequence[int]):
        """``u_i(a, theta)`` for an outcome vector ``a`` at profile ``s``."""
        return dot(self.w[i][self.sindex[tuple(s)]], a)

    def fs(self, s: Sequence[int]) -> tuple:
        """``f(theta)``."""
        return self.f[self.sindex[tuple(s)]]

    @functools.cached_property
    def U(self) -> list:
        """``U[i][true][report] = u_i(f(report), true)`` over state indices (exact table)."""
        m = len(self.states)
        return [[[dot(self.w[i][t], self.f[r]) for r in range(m)] for t in range(m)]
                for i in range(self.n)]

    @functools.cached_property
    def digest(self) -> str:
        import hashlib
        import json
        return hashlib.sha256(json.dumps(to_jsonable(self.to_json()), sort_keys=True)
                              .encode()).hexdigest()[:16]

    def is_private(self) -> bool:
        """Private values: ``u_i`` depends on ``theta`` only through ``theta_i``."""
        for i in range(self.n):
            seen = {}
            for j, s in enumerate(self.states):
                if seen.setdefault(s[i], self.w[i][j]) != self.w[i][j]:
                    return False
        return True

    def same_outcome(self, r: int, t: int) -> bool:
        """``f`` takes the same outcome at state indices ``r`` and ``t`` (exact vectors)."""
        return self.f[r] == self.f[t]

    def __repr__(self) -> str:
        return f"Environment({self.name!r}, n={self.n}, |Theta_i|={self.k}, {self.space.kind} " \
               f"over {self.space.labels})"


def _keyed(table: Any, tl: list, field: str) -> dict:
    """A ``{profile key: value}`` table whose keys name existing types only."""
    if not isinstance(table, dict):
        raise InputError(field, "expected an object keyed by profile 'l1,l2,...'")
    out = {}
    for key, v in table.items():
        if isinstance(key, tuple):
            parts = [str(x) for x in key]
        elif isinstance(key, str):
            parts = key.split(",")
        else:
            raise InputError(field, f"bad profile key {key!r}")
        if len(parts) != len(tl):
            raise InputError(f"{field}[{key!r}]", f"a profile names {len(tl)} types, got "
                                                  f"{len(parts)}")
        for j, lab in enumerate(parts):
            if lab not in tl[j]:
                raise InputError(f"{field}[{key!r}]", f"type {lab!r} of agent {j + 1} is not in "
                                                      f"types[{j}] = {list(tl[j])}")
        k = ",".join(parts)
        if k in out:
            raise InputError(f"{field}[{key!r}]", "profile given twice")
        out[k] = v
    return out


def _vector(space: OutcomeSpace, v: Any, field: str) -> tuple:
    if isinstance(v, dict):
        extra = set(v) - set(space.labels)
        if extra:
            raise InputError(field, f"unknown outcomes {sorted(extra)} (outcomes: "
                                    f"{list(space.labels)})")
        missing = [x for x in space.labels if x not in v]
        if missing:
            raise InputError(field, f"no value for outcomes {missing}")
        return tuple(parse_q(v[x], f"{field}[{x!r}]") for x in space.labels)
    if not isinstance(v, (list, tuple)) or len(v) != space.dim:
        raise InputError(field, f"expected {space.dim} numbers (one per {'outcome' if not space.disposal else 'coordinate'})")
    return tuple(parse_q(x, f"{field}[{c}]") for c, x in enumerate(v))


def _utility_vector(space, fn: Callable, i: int, s: tuple, field: str) -> tuple:
    import inspect
    try:
        nparams = len(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        nparams = 2
    if nparams == 3:
        if space.disposal:
            raise InputError(field, "per-outcome utilities need a lottery space")
        return tuple(parse_q(fn(i, x, s), f"{field}[{x!r}]") for x in space.labels)
    return _vector(space, fn(i, s), field)


def _outcome(space: OutcomeSpace, v: Any, field: str) -> tuple:
    """Coordinates of an SCF value: a label, a ``{label: prob}`` lottery, or a vector."""
    if isinstance(v, str) and not space.disposal:
        if v not in space.labels:
            raise InputError(field, f"unknown outcome {v!r} (outcomes: {list(space.labels)})")
        return space.coords_of_vertex(space.labels.index(v))
    if isinstance(v, dict) and not space.disposal:
        vec = _vector(space, {x: v.get(x, 0) for x in space.labels} if not set(v) - set(space.labels)
                      else v, field)
        space.check_coords(vec, field)
        return vec
    if isinstance(v, (list, tuple)):
        vec = tuple(parse_q(x, f"{field}[{c}]") for c, x in enumerate(v))
        if space.disposal and len(vec) == space.width:
            space.check_coords(vec, field)
            return vec
        if len(vec) != space.dim:
            raise InputError(field, f"expected {space.dim} numbers, got {len(vec)}")
        return space.coords_of(vec, field)
    raise InputError(field, f"expected an outcome label, a lottery or a vector, got {v!r}")
