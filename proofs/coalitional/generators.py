"""Random finite environments (the note's 6.1 generators), seeded and replayable.

- :func:`random_environment`: ``n`` agents with ``k`` payoff types, lotteries over ``m``
  outcomes, integer utilities in ``lo..hi`` (interdependent, or private values), and a
  deterministic SCF: uniformly random, utilitarian (ties to the first outcome; biases towards
  efficiency and incentive compatibility) or constant. With ``punish=True`` two outcomes
  ``p1, p2`` worse than every other for every agent at every state (``p2`` worse than ``p1``) are
  added and never chosen: a finite stand-in for the "very low consumption" rewards of the paper's
  interior reward remark.
- :func:`random_public_good`: the paper's public-good family with free disposal, ``u_i = v_i(theta)
  x_0 + x_i`` with ``v_i`` in ``{0, 1, 2}`` (interdependent) and ``f(theta) = (g, -c_1, -c_2)``
  from small grids; :func:`quadratic_public_good` and :func:`public_good_n` (n agents) use
  Example 1's rule on other type grids.
"""

from __future__ import annotations

import itertools
import random

from exact.numbers import Q, parse_q

from .model import Environment, OutcomeSpace

__all__ = ["random_environment", "random_public_good", "quadratic_public_good",
           "public_good_n", "ordinal_environment"]


def random_environment(rng: random.Random, n: int = 2, k: int = 2, m: int = 3, lo: int = -2,
                       hi: int = 2, private: bool = False, scf: str = "random",
                       punish: bool = False, name: str = "random") -> Environment:
    types = [[str(t) for t in range(k)] for _ in range(n)]
    X = [f"x{j}" for j in range(m)]
    states = list(itertools.product(*types))
    util = []
    for i in range(n):
        table, own = {}, {}
        for s in states:
            key = s[i] if private else s
            if key not in own:
                own[key] = [rng.randint(lo, hi) for _ in X]
            table[",".join(s)] = own[key] + ([lo - 1, lo - 2] if punish else [])
        util.append(table)
    f = {}
    for s in states:
        key = ",".join(s)
        if scf == "utilitarian":
            tot = [sum(util[i][key][j] for i in range(n)) for j in range(m)]
            f[key] = X[tot.index(max(tot))]
        elif scf == "constant":
            f[key] = X[0]
        else:
            f[key] = rng.choice(X)
    return Environment.build(types, X + (["p1", "p2"] if punish else []), util, f, name=name)


def random_public_good(rng: random.Random, name: str = "public-good") -> Environment:
    """Two agents, types {0, 1}, free disposal below ``f(Theta)``."""
    types = [["0", "1"], ["0", "1"]]
    states = list(itertools.product(*types))
    v = {(i, s): rng.randint(0, 2) for i in range(2) for s in states}
    f = {s: (Q(rng.randint(0, 2)), -Q(rng.randint(0, 2), 2), -Q(rng.randint(0, 2), 2))
         for s in states}
    space = OutcomeSpace("free-disposal", ["x0", "x1", "x2"], list(f.values()))

    def util(i, th):
        return (v[(i, tuple(th))], 1 if i == 0 else 0, 1 if i == 1 else 0)

    return Environment.build(types, space, util, lambda th: f[tuple(th)], name=name)


def quadratic_public_good(rng: random.Random, name: str = "quadratic-public-good") -> Environment:
    """Example 1's rule on other grids: types {0, t} (t in {1/2, 1, 2}), private values
    ``u_i = theta_i x_0 + x_i``, ``f(theta) = (a (theta_1 + theta_2), -a theta_1^2/2,
    -a theta_2^2/2)`` with ``a`` in {1, 2}, free disposal below ``f(Theta)``."""
    t = rng.choice(["1/2", "1", "2"])
    a = Q(rng.choice([1, 2]))
    types = [["0", t], ["0", t]]

    def f(th):
        x, y = parse_q(th[0]), parse_q(th[1])
        return (a * (x + y), -a * x * x / 2, -a * y * y / 2)

    points = [f(th) for th in itertools.product(*types)]
    space = OutcomeSpace("free-disposal", ["x0", "x1", "x2"], points)

    def util(i, th):
        return (parse_q(th[i]), 1 if i == 0 else 0, 1 if i == 1 else 0)

    return Environment.build(types, space, util, f, name=name)


def public_good_n(n: int, t: str, a=1, name: str = "public-good-n") -> Environment:
    """Example 1's rule with ``n`` agents: types {0, t}, private values ``u_i = theta_i x_0 +
    x_i``, ``f(theta) = (a sum_i theta_i, -a theta_1^2/2, ..., -a theta_n^2/2)``, free disposal
    below ``f(Theta)``."""
    a = Q(a)
    types = [["0", t] for _ in range(n)]

    def f(th):
        xs = [parse_q(x) for x in th]
        return (a * sum(xs, Q(0)),) + tuple(-a * x * x / 2 for x in xs)

    points = [f(th) for th in itertools.product(*types)]
    space = OutcomeSpace("free-disposal", [f"x{j}" for j in range(n + 1)], points)

    def util(i, th):
        return (parse_q(th[i]),) + tuple(1 if j == i else 0 for j in range(n))

    return Environment.build(types, space, util, f, name=name)


def ordinal_environment(n: int, prefs: tuple, scf: tuple, name: str = "ordinal") -> Environment:
    """``n`` agents with types {0, 1}, ``X = {x0, x1}``; ``prefs[i][s]`` in {0, 1, 2} says agent
    ``i`` at state index ``s`` prefers x0 (utility (1, 0)), x1 ((0, 1)) or is indifferent
    ((0, 0)); ``scf[s]`` in {0, 1} is the outcome. With ``len(prefs[i]) == 2`` preferences are
    private values (indexed by the agent's own type)."""
    types = [["0", "1"]] * n
    states = list(itertools.product(range(2), repeat=n))
    vec = {0: [1, 0], 1: [0, 1], 2: [0, 0]}
    util = []
    for i in range(n):
        pi = prefs[i]
        util.append({",".join(map(str, s)): vec[pi[s[i]] if len(pi) == 2 else pi[j]]
                     for j, s in enumerate(states)})
    f = {",".join(map(str, s)): f"x{scf[j]}" for j, s in enumerate(states)}
    return Environment.build(types, ["x0", "x1"], util, f, name=name)
