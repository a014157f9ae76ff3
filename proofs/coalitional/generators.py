"""Random finite environments (the note's 6.1 generators), seeded and replayable.

:func:`random_environment` draws ``n`` agents with ``k`` payoff types each, lotteries over ``m``
outcomes, integer utilities in ``lo..hi`` (interdependent, or private values), and a
deterministic SCF: uniformly random, or the utilitarian choice (ties to the first outcome),
which biases towards efficiency and incentive compatibility.
"""

from __future__ import annotations

import itertools
import random

from .model import Environment

__all__ = ["random_environment"]


def random_environment(rng: random.Random, n: int = 2, k: int = 2, m: int = 3, lo: int = -2,
                       hi: int = 2, private: bool = False, scf: str = "random",
                       name: str = "random") -> Environment:
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
            table[",".join(s)] = own[key]
        util.append(table)
    f = {}
    for s in states:
        key = ",".join(s)
        if scf == "utilitarian":
            tot = [sum(util[i][key][j] for i in range(n)) for j in range(m)]
            f[key] = X[tot.index(max(tot))]
        else:
            f[key] = rng.choice(X)
    return Environment.build(types, X, util, f, name=name)
