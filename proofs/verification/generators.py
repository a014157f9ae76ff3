"""Seeded random instances for Lemmas 2, 3, 5 and 8 (exact rationals, replayable from a seed).

Each ``make_*(size, rng)`` returns plain data; half of the interim targets are pushed slightly
outward so that both feasible and infeasible instances occur.
"""

from __future__ import annotations

import itertools
import random

from exact.numbers import Q

from .border import FiniteMarket
from .profiles import profile_prob, profiles

__all__ = ["random_probs", "random_mechanism", "interim", "make_lemma_2", "make_lemma_3",
           "make_lemma_5", "make_lemma_8", "lemma_8_values"]


def random_probs(rng: random.Random, L: int) -> tuple:
    w = [rng.randint(1, 4) for _ in range(L)]
    return tuple(Q(x, sum(w)) for x in w)


def _scale(vec: list, counts, cap: int) -> list:
    tot = sum((c * v for c, v in zip(counts, vec)), Q(0))
    return [v * cap / tot for v in vec] if tot > cap else vec


def random_mechanism(rng: random.Random, n: int, m: int, k: int, L: int) -> dict:
    """A random symmetric ex-post ``(x, y)`` with ``y <= x`` and both capacities respected."""
    mech = {}
    for M in profiles(n, L):
        x = _scale([Q(rng.randint(0, 4), 4) if c else Q(0) for c in M], M, m)
        y = _scale([xv * Q(rng.randint(0, 4), 4) for xv in x], M, k)
        mech[M] = (x, y)
    return mech


def interim(probs, n: int, mech: dict, part: int) -> list:
    """Interim ``P`` (part 0) or ``A`` (part 1) of a symmetric ex-post mechanism."""
    L = len(probs)
    out = [Q(0)] * L
    for M, xy in mech.items():
        w = profile_prob(probs, M)
        for l, c in enumerate(M):
            if c:
                out[l] += w * c / (n * probs[l]) * xy[part][l]
    return out


def _params(rng: random.Random, n: int) -> tuple:
    m = rng.randint(1, n - 1)
    return m, rng.randint(0, m - 1)


def _perturb(rng: random.Random, vec: list) -> list:
    vec = list(vec)
    if rng.random() < 0.5:
        i = rng.randrange(len(vec))
        vec[i] = min(Q(1), vec[i] + Q(1, 20))
    return vec


def make_lemma_2(size: int, rng: random.Random) -> dict:
    n = size
    m = rng.randint(1, n - 1)
    L = rng.randint(2, 3)
    probs = random_probs(rng, L)
    mech = random_mechanism(rng, n, m, 0, L)
    P = _perturb(rng, interim(probs, n, mech, 0))
    if rng.random() < 0.5:
        P = sorted(P)
    return {"n": n, "m": m, "probs": probs, "P": tuple(P)}


def make_lemma_3(size: int, rng: random.Random) -> dict:
    n = size
    m, k = _params(rng, n)
    k = max(k, 1)
    if k >= m:
        m = k + 1 if k + 1 < n else m
    L = rng.randint(2, 4)
    probs = random_probs(rng, L)
    eligible, mech = {}, {}
    for M in profiles(n, L):
        order = list(range(L))
        rng.shuffle(order)
        p, used = [0] * L, 0
        for l in order:
            if M[l] and used + M[l] <= m and rng.random() < 0.8:
                p[l], used = 1, used + M[l]
        eligible[M] = tuple(p)
        y = _scale([Q(rng.randint(0, 4), 4) * p[l] for l in range(L)], M, k)
        mech[M] = (None, y)
    A = _perturb(rng, interim(probs, n, mech, 1))
    return {"n": n, "k": k, "probs": probs, "eligible": eligible, "A": tuple(A)}


def make_lemma_5(size: int, rng: random.Random) -> FiniteMarket:
    n = size
    sizes = [rng.randint(2, 3) if n == 2 else 2 for _ in range(n)]
    f = tuple(random_probs(rng, s) for s in sizes)
    h, J, rule = {}, {}, {}
    for t in itertools.product(*[range(s) for s in sizes]):
        h[t] = rng.randint(0, n)
        J[t] = frozenset(i for i in range(n) if rng.random() < 0.7)
        shares = {i: Q(rng.randint(0, 4), 4) for i in J[t]}
        tot = sum(shares.values(), Q(0))
        if tot > h[t]:
            shares = {i: v * h[t] / tot for i, v in shares.items()}
        rule[t] = shares
    P = []
    for i in range(n):
        Pi = []
        for x in range(sizes[i]):
            num = sum((_prob(f, t) * rule[t].get(i, Q(0)) for t in rule if t[i] == x), Q(0))
            Pi.append(num / f[i][x])
        P.append(tuple(_perturb(rng, Pi)))
    return FiniteMarket(f=f, h=h, J=J, P=tuple(P))


def _prob(f, t) -> Q:
    out = Q(1)
    for i, x in enumerate(t):
        out *= f[i][x]
    return out


def make_lemma_8(size: int, rng: random.Random) -> dict:
    """A symmetric supermodular set function on ``H = u_{i < n} T`` (Lemma 8's setting);
    ``|T| = 3`` for two agents, and for three agents one time in four (else 2)."""
    n = size
    T = 3 if n == 2 or rng.random() < 0.25 else 2
    pi = random_probs(rng, T)
    a = tuple(Q(rng.randint(0, 8), 8) for _ in range(T))
    S = frozenset(x for x in range(T) if rng.random() < 0.7)
    hs = {}
    for t in itertools.combinations_with_replacement(range(T), n):
        hs[t] = rng.randint(0, n)
    return {"n": n, "T": T, "pi": pi, "a": a, "S": S, "h": hs}


def lemma_8_values(d: dict) -> dict:
    """``f(E) = sum_i sum_{x in E_i} pi(x) a(x) - sum_t Pr(t) min{|J(t) n I(t, E)|, h(t)}``."""
    n, T, pi, a, S, hs = d["n"], d["T"], d["pi"], d["a"], d["S"], d["h"]
    subsets = [frozenset(c) for r in range(T + 1) for c in itertools.combinations(range(T), r)]
    profs = list(itertools.product(range(T), repeat=n))
    prob = {t: _prob([pi] * n, t) for t in profs}
    out = {}
    for E in itertools.product(subsets, repeat=n):
        mod = sum((pi[x] * a[x] for i in range(n) for x in E[i]), Q(0))
        cov = sum((prob[t] * min(sum(1 for i in range(n) if t[i] in S and t[i] in E[i]),
                                 hs[tuple(sorted(t))]) for t in profs), Q(0))
        out[E] = mod - cov
    return out
