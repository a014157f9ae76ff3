"""Finite type spaces and belief-revising rules (Section 2), and the interim conditions.

A type space ``(T_i, theta-hat_i, pi_i)``: finite type sets, an onto payoff-type map, and a belief
``pi_i(t_i)`` over ``T_{-i}`` (no common prior). A member ``i`` of a coalition ``S`` of types
``t*_S`` conditions on ``t*_{S \\ i}``; when that event has probability zero under
``pi_i(t*_i)``, a *belief-revising rule* supplies a posterior over ``T_{-i}`` whose marginal puts
probability one on ``t*_{S \\ i}`` (the paper's garbled sentence, read as the note's S5). The
default rule is Lemma 2's Step 4: the point on ``t*_{S \\ i}`` times the prior marginal on
``T_{-S}``; random rules (seeded) are for the proof-step oracles.

Type profiles are tuples of type indices; ``t_{-i}`` tuples list the agents other than ``i`` in
order. Every probability is an exact rational.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from typing import Callable, Optional, Sequence

from exact.errors import InvalidInstance
from exact.numbers import ONE, ZERO, Q

from .coalitions import coalitions
from .model import Environment, dot

__all__ = ["TypeSpace", "random_type_space", "interim_ic_violation", "payoff_type_space"]


class TypeSpace:
    """A finite type space over ``env`` with a belief-revising rule.

    Parameters
    ----------
    names : list over agents of lists of type names
    theta : list over agents of lists of payoff-type indices (onto ``Theta_i``)
    beliefs : list over agents of lists (per type) of dicts ``t_{-i} tuple -> probability``
    revise : callable ``(i, t_i, S, t_{S minus i} as {agent: type}) -> {t_{-i}: prob}``, optional
    """

    def __init__(self, env: Environment, names, theta, beliefs, revise: Optional[Callable] = None):
        self.env = env
        self.n = env.n
        self.names = [list(x) for x in names]
        self.theta = [list(x) for x in theta]
        self.beliefs = beliefs
        self.revise_rule = revise
        self.sizes = [len(x) for x in self.names]
        self.others = [tuple(j for j in range(self.n) if j != i) for i in range(self.n)]
        self.validate()

    def validate(self) -> None:
        env = self.env
        for i in range(self.n):
            if sorted(set(self.theta[i])) != list(range(env.k[i])):
                raise InvalidInstance(f"typespace.theta[{i}]", "the payoff-type map must be onto")
            for t, b in enumerate(self.beliefs[i]):
                if any(p < 0 for p in b.values()) or sum(b.values(), ZERO) != 1:
                    raise InvalidInstance(f"typespace.beliefs[{i}][{t}]",
                                          "not a probability distribution")
                for key in b:
                    if len(key) != self.n - 1 or any(
                            not 0 <= x < self.sizes[j] for x, j in zip(key, self.others[i])):
                        raise InvalidInstance(f"typespace.beliefs[{i}][{t}]", f"bad profile {key}")

    def payoff(self, t: Sequence[int]) -> tuple:
        """``theta-hat(t)``."""
        return tuple(self.theta[i][x] for i, x in enumerate(t))

    def full(self, i: int, ti: int, rest: tuple) -> tuple:
        out = list(rest[:i]) + [ti] + list(rest[i:])
        return tuple(out)

    def conditional(self, i: int, ti: int, S: Sequence[int] = (), tS: Optional[dict] = None) -> dict:
        """``pi_i(t_i)[. | t_{S minus i}]`` over ``t_{-i}`` (Bayes, or the revising rule)."""
        b = self.beliefs[i][ti]
        fixed = {j: x for j, x in (tS or {}).items() if j != i}
        if not fixed:
            return b
        pos = {j: m for m, j in enumerate(self.others[i])}
        keep = {k: p for k, p in b.items() if all(k[pos[j]] == x for j, x in fixed.items())}
        mass = sum(keep.values(), ZERO)
        if mass > 0:
            return {k: p / mass for k, p in keep.items() if p}
        post = (self.revise_rule or step_4_rule(self))(i, ti, tuple(S), fixed)
        if sum(post.values(), ZERO) != 1 or any(p < 0 for p in post.values()) or any(
                k[pos[j]] != x for k, p in post.items() if p for j, x in fixed.items()):
            raise InvalidInstance("typespace.revise", f"the revised belief of agent {i + 1} "
                                  f"type {ti} given {fixed} does not put probability 1 on it")
        return {k: p for k, p in post.items() if p}

    def to_json(self) -> dict:
        return {"types": self.names,
                "payoff_types": [[self.env.types[i][x] for x in self.theta[i]]
                                 for i in range(self.n)],
                "beliefs": [[{",".join(self.names[j][x] for j, x in zip(self.others[i], k)): p
                              for k, p in sorted(b.items()) if p} for b in self.beliefs[i]]
                            for i in range(self.n)]}


def step_4_rule(ts: TypeSpace) -> Callable:
    """Lemma 2, Step 4: the point on ``t_{S minus i}`` times the prior marginal on ``T_{-S}``."""
    def rule(i, ti, S, fixed):
        pos = {j: m for m, j in enumerate(ts.others[i])}
        out = {}
        for k, p in ts.beliefs[i][ti].items():
            key = list(k)
            for j, x in fixed.items():
                key[pos[j]] = x
            key = tuple(key)
            out[key] = out.get(key, ZERO) + p
        return out
    return rule


def _seeded_rule(ts: TypeSpace, seed: str) -> Callable:
    """A random revising rule, deterministic in ``seed`` and the conditioning event."""
    def rule(i, ti, S, fixed):
        h = hashlib.sha256(f"{seed}|{i}|{ti}|{sorted(fixed.items())}".encode()).digest()
        rng = random.Random(h)
        free = [j for j in ts.others[i] if j not in fixed]
        rest = list(itertools.product(*(range(ts.sizes[j]) for j in free)))
        wts = [rng.randint(0, 3) for _ in rest]
        if not any(wts):
            wts[rng.randrange(len(wts))] = 1
        tot = sum(wts)
        out = {}
        for r, w in zip(rest, wts):
            if w:
                vals = dict(zip(free, r))
                vals.update(fixed)
                out[tuple(vals[j] for j in ts.others[i])] = Q(w, tot)
        return out
    return rule


def random_type_space(env: Environment, rng: random.Random, max_types: int = 3,
                      zero_prob: float = 0.4) -> TypeSpace:
    """A random finite type space: ``|T_i| <= max_types`` (at least ``|Theta_i|``), onto payoff
    types, rational beliefs with zeros (so revision is triggered), a seeded revising rule."""
    names, theta, beliefs = [], [], []
    for i in range(env.n):
        m = rng.randint(env.k[i], max(env.k[i], max_types))
        th = list(range(env.k[i])) + [rng.randrange(env.k[i]) for _ in range(m - env.k[i])]
        rng.shuffle(th)
        theta.append(th)
        names.append([f"t{i + 1}.{x}" for x in range(m)])
    for i in range(env.n):
        others = [j for j in range(env.n) if j != i]
        profiles = list(itertools.product(*(range(len(names[j])) for j in others)))
        bl = []
        for _ in names[i]:
            w = [0 if rng.random() < zero_prob else rng.randint(1, 4) for _ in profiles]
            if not any(w):
                w[rng.randrange(len(w))] = 1
            tot = sum(w)
            bl.append({p: Q(x, tot) for p, x in zip(profiles, w) if x})
        beliefs.append(bl)
    ts = TypeSpace(env, names, theta, beliefs)
    ts.revise_rule = _seeded_rule(ts, f"{rng.random()}")
    return ts


def payoff_type_space(env: Environment, point_beliefs: dict) -> TypeSpace:
    """A payoff type space (``T_i = Theta_i``); ``point_beliefs[(i, theta_i)] = theta_{-i}`` puts
    probability one there, other types believe the uniform distribution."""
    names = [list(env.types[i]) for i in range(env.n)]
    theta = [list(range(env.k[i])) for i in range(env.n)]
    beliefs = []
    for i in range(env.n):
        others = [j for j in range(env.n) if j != i]
        profiles = list(itertools.product(*(range(env.k[j]) for j in others)))
        bl = []
        for t in range(env.k[i]):
            if (i, t) in point_beliefs:
                bl.append({tuple(point_beliefs[(i, t)]): ONE})
            else:
                bl.append({p: Q(1, len(profiles)) for p in profiles})
        beliefs.append(bl)
    return TypeSpace(env, names, theta, beliefs)


def coalition_gains(ts: TypeSpace, S: tuple, tstar: tuple, tdev: tuple) -> dict:
    """Each member's conditional expected gain from the joint misreport ``tdev`` of ``tstar``
    (Definition 10): ``E[u_i(f(theta-hat(t'_S, t_{-S}))) - u_i(f(theta-hat(t*_S, t_{-S})))]``."""
    env = ts.env
    out = {}
    tS = dict(zip(S, tstar))
    dev = dict(zip(S, tdev))
    for i in S:
        g = ZERO
        for rest, p in ts.conditional(i, tS[i], S, tS).items():
            t = ts.full(i, tS[i], rest)
            td = tuple(dev.get(j, x) for j, x in enumerate(t))
            st = env.sindex[ts.payoff(t)]
            g += p * (dot(env.w[i][st], env.f[env.sindex[ts.payoff(td)]]) -
                      dot(env.w[i][st], env.f[st]))
        out[i] = g
    return out


def interim_ic_violation(ts: TypeSpace, coals=None) -> Optional[dict]:
    """The first ``(S, t*_S, t'_S)`` of Definition 10 at which every member strictly gains."""
    for S in coals if coals is not None else coalitions(ts.n):
        for tstar in itertools.product(*(range(ts.sizes[i]) for i in S)):
            for tdev in itertools.product(*(range(ts.sizes[i]) for i in S)):
                if tdev == tstar:
                    continue
                g = coalition_gains(ts, S, tstar, tdev)
                if all(v > 0 for v in g.values()):
                    return {"S": S, "true": tstar, "report": tdev, "gains": g}
    return None
