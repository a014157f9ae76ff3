"""Reward sets: ``R_i`` (Definition 12), ``Y_i`` (Section 4.1), ``Y_S[pattern]`` (Section 5.1).

``Y_S[pattern]`` is the set of ``y : Theta_{-S} -> A`` such that for every ``S-bar`` in the
pattern containing ``S``, every ``theta'_{S-bar \\ S}`` and ``theta''_{S-bar}`` some member ``j``
of ``S-bar`` has

    u_j(f(theta''_{S-bar}, theta_{-S-bar}), .) >= u_j(y(theta'_{S-bar \\ S}, theta_{-S-bar}), .)
    at (theta''_{S-bar}, theta_{-S-bar}), for ALL theta_{-S-bar}.

With ``S = {i}`` and the maximal pattern it is the coalitional reward set ``Y_i``; with the
minimal pattern it is Bergemann and Morris's ``Y_i^BM = {y : y(theta'_{-i}) in R_i(theta'_{-i})}``
(convex). In general it is a finite union of polytopes: one *disjunction* per constraint
``(S-bar, theta'', theta')`` whose *alternatives* are the members ``j`` (each a conjunction of
linear inequalities on the values of ``y``). The paper defines ``Y_S[pattern]`` "for S in the
pattern" but uses it for every coalition contained in a member of the pattern (the note's S4);
it is built here for every coalition (no constraint at all when no member of the pattern
contains ``S``).

Simplifications, all exact and sound: an inequality that holds on all of ``A`` is dropped (an
alternative left with none makes its disjunction void); an alternative with an inequality no
point of ``A`` meets is dropped; an alternative whose inequalities include another alternative's
is dropped (the disjunction is the same set); a disjunction with one alternative is a convex
constraint. The variables of ``y`` split into *components* (points linked by a constraint);
``Y`` is the product of its components' sets, and so is its convex hull.
"""

from __future__ import annotations

import functools
import itertools
from typing import Optional, Sequence

from exact.errors import InputError
from exact.numbers import ZERO

from .coalitions import coalitions, maximal, minimal, split
from .model import Environment, dot

__all__ = ["RewardSet", "Component", "reward_set", "bm_reward_set", "coalitional_reward_set",
           "max_over_A", "min_over_A"]


def max_over_A(env: Environment, w) -> object:
    """``max_{a in A} w . a`` (over the vertices; with free disposal ``w >= 0``)."""
    return max(dot(w, v) for v in env.space.vertices)


def min_over_A(env: Environment, w):
    """``min_{a in A} w . a``; ``None`` for minus infinity (free disposal, some ``w_c > 0``)."""
    if env.space.disposal:
        return None if any(c > 0 for c in w) else ZERO
    return min(w)


class Component:
    """The points of ``y`` linked by constraints, with their convex rows and disjunctions.

    ``points`` are point indices (positions in ``RewardSet.points``); variable ``c`` of point
    ``points[m]`` is local variable ``m * W + c``. Rows are ``(tuple of (local var, coef), rhs)``
    meaning ``sum coef * z <= rhs``.
    """

    def __init__(self, rs: "RewardSet", points: list, rows: list, disj: list):
        self.rs = rs
        self.points = points
        self.pos = {p: m for m, p in enumerate(points)}
        W = rs.W
        loc = lambda row: (tuple((self.pos[g // W] * W + g % W, c) for g, c in row[0]), row[1])  # noqa: E731
        self.rows = [loc(r) for r in rows]
        self.disjunctions = [[[loc(r) for r in alt] for alt in d] for d in disj]
        self.nvar = len(points) * W

    def problem(self, extra: int = 0):
        """The component as a :class:`~proofs.coalitional.union.Problem` with ``extra`` more
        variables (free, after the point coordinates)."""
        from .union import Problem
        n, bounds, A_ub, b_ub, A_eq, b_eq = self.rs.env.space.lp_blocks(len(self.points), extra)
        for coefs, rhs in self.rows:
            A_ub.append(_dense(coefs, n))
            b_ub.append(rhs)
        disj = [[[(_dense(c, n), r) for c, r in alt] for alt in d] for d in self.disjunctions]
        return Problem(n, bounds, A_ub, b_ub, A_eq, b_eq, disj)


def _dense(coefs, n):
    row = [ZERO] * n
    for v, c in coefs:
        row[v] = c
    return row


class RewardSet:
    """``Y_S[pattern]`` of an environment (see the module docstring).

    Attributes
    ----------
    points : list of ``-S`` profiles (type-index tuples), the arguments of ``y``
    W : coordinates per point (``env.space.width``)
    rows : convex constraints (global variables ``p * W + c``)
    disjunctions : list of lists of alternatives (each a list of rows)
    empty : True when some constraint has no feasible alternative (then ``Y`` is empty)
    components : list of :class:`Component`
    """

    def __init__(self, env: Environment, S: tuple, pat: frozenset):
        self.env, self.S, self.pattern = env, tuple(S), pat
        sp = split(env.k, self.S)
        self.sp = sp
        self.points = sp.outside
        self.W = env.space.width
        self.empty = False
        rows, disj = set(), []
        seen = set()
        for Sbar in coalitions(env.n):
            if Sbar not in pat or not set(self.S) <= set(Sbar):
                continue
            for alts in self._constraints(Sbar):
                if alts is None:
                    self.empty = True
                    continue
                if any(not a for a in alts):
                    continue                            # some member always satisfies it
                alts = _prune(alts)
                if len(alts) == 1:
                    rows.update(alts[0])
                    continue
                key = tuple(sorted(alts))
                if key not in seen:
                    seen.add(key)
                    disj.append(key)
        self.rows = sorted(rows)
        # a disjunction one of whose alternatives is already implied by the convex rows is void
        self.disjunctions = [[sorted(a) for a in d] for d in disj
                             if not any(set(a) <= rows for a in d)]
        self.components = self._components()

    def _constraints(self, Sbar: tuple):
        env, W = self.env, self.W
        S = self.S
        mid = tuple(a for a in Sbar if a not in S)
        outs = tuple(a for a in range(env.n) if a not in Sbar)
        minus = self.sp.O
        pidx = self.sp.pos_out
        sb = split(env.k, Sbar)
        for a2, th2 in enumerate(sb.inside):
            for th1 in itertools.product(*(range(env.k[a]) for a in mid)):
                alts = []
                for j in Sbar:
                    alt, dead = [], False
                    for b0, th0 in enumerate(sb.outside):
                        s = sb.index[a2][b0]
                        w = env.w[j][s]
                        rhs = dot(w, env.f[s])
                        if max_over_A(env, w) <= rhs:
                            continue
                        lo = min_over_A(env, w)
                        if lo is not None and lo > rhs:
                            dead = True
                            break
                        val = {a: th1[mid.index(a)] if a in mid else th0[outs.index(a)]
                               for a in minus}
                        p = pidx[tuple(val[a] for a in minus)]
                        coefs = tuple((p * W + c, x) for c, x in enumerate(w) if x)
                        alt.append((coefs, rhs))
                    if not dead:
                        alts.append(frozenset(alt))
                yield alts if alts else None

    def _components(self) -> list:
        W = self.W
        parent = list(range(len(self.points)))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def link(rows):
            ps = sorted({g // W for r in rows for g, _ in r[0]})
            for p in ps[1:]:
                parent[find(p)] = find(ps[0])

        for r in self.rows:
            link([r])
        for d in self.disjunctions:
            link([r for a in d for r in a])
        groups = {}
        for p in range(len(self.points)):
            groups.setdefault(find(p), []).append(p)
        comps = []
        for ps in sorted(groups.values()):
            pset = set(ps)
            rows = [r for r in self.rows if r[0] and r[0][0][0] // W in pset]
            disj = [d for d in self.disjunctions if d[0][0][0][0][0] // W in pset]
            comps.append(Component(self, ps, rows, disj))
        return comps

    @functools.cached_property
    def component_of(self) -> dict:
        return {p: c for c in self.components for p in c.points}

    @property
    def convex(self) -> bool:
        return not self.disjunctions

    # -- membership (exact, no solver) --------------------------------------------------------------
    def violation(self, y: Sequence[Sequence]) -> Optional[str]:
        """None if ``y`` (coordinates per point) lies in the set, else the first failed condition."""
        if len(y) != len(self.points):
            return f"expected {len(self.points)} values, got {len(y)}"
        if self.empty:
            return "the reward set is empty (a constraint has no feasible member)"
        env, W = self.env, self.W
        for p, c in enumerate(y):
            if not env.space.contains_coords(c):
                return f"value at {self.point_key(p)} is not a feasible outcome"
        z = [v for c in y for v in c]

        def ok(row):
            return sum((c * z[g] for g, c in row[0]), ZERO) <= row[1]

        for r in self.rows:
            if not ok(r):
                return f"convex constraint {self._explain(r)} fails"
        for d in self.disjunctions:
            if not any(all(ok(r) for r in alt) for alt in d):
                return f"no member satisfies the constraint {self._explain(d[0][0])}"
        return None

    def contains(self, y) -> bool:
        return self.violation(y) is None

    def point_key(self, p: int) -> str:
        lab = [self.env.types[a][t] for a, t in zip(self.sp.O, self.points[p])]
        return ",".join(lab) if lab else "(constant)"

    def _explain(self, row) -> str:
        return "on " + ", ".join(sorted({self.point_key(g // self.W) for g, _ in row[0]}))

    def y_json(self, y) -> dict:
        return {self.point_key(p): [str(v) for v in c] for p, c in enumerate(y)}

    def y_from_json(self, data) -> list:
        from exact.numbers import parse_q
        if not isinstance(data, dict) or set(data) != {self.point_key(p)
                                                       for p in range(len(self.points))}:
            raise InputError("y", "expected one outcome per argument profile")
        return [tuple(parse_q(v, f"y[{self.point_key(p)!r}]") for v in data[self.point_key(p)])
                for p in range(len(self.points))]

    def constant(self, coords) -> list:
        return [tuple(coords) for _ in self.points]


def _prune(alts: list) -> list:
    """Drop duplicate alternatives and those implied-by-containment (A subset B: keep A)."""
    uniq = sorted(set(alts), key=lambda a: (len(a), sorted(a)))
    keep = []
    for a in uniq:
        if not any(b <= a for b in keep):
            keep.append(a)
    return keep


_CACHE: dict = {}


def reward_set(env: Environment, S: tuple, pat: frozenset) -> RewardSet:
    """``Y_S[pattern]`` (cached per environment)."""
    key = (env.digest, tuple(S), pat)
    rs = _CACHE.get(key)
    if rs is None or rs.env is not env and rs.env.digest != env.digest:
        rs = RewardSet(env, tuple(S), pat)
        if len(_CACHE) > 512:
            _CACHE.clear()
        _CACHE[key] = rs
    return rs


def bm_reward_set(env: Environment, i: int) -> RewardSet:
    """Bergemann and Morris's reward set ``Y_i^BM`` (= ``Y_{{i}}[minimal pattern]``)."""
    return reward_set(env, (i,), minimal(env.n))


def coalitional_reward_set(env: Environment, i: int) -> RewardSet:
    """The coalitional reward set ``Y_i`` (= ``Y_{{i}}[maximal pattern]``)."""
    return reward_set(env, (i,), maximal(env.n))
