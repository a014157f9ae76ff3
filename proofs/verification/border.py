"""Feasibility of interim rules: Lemma 5 (type-dependent capacity), Lemmas 2 and 3, Lemma 8.

Lemma 5 on finite types is a bipartite transportation problem; we decide it by an exact integer
max-flow (networkx, capacities scaled by the common denominator) and read the violated set ``E``
off the minimum cut (appendix note, Section 2.2):

    source -> profile t           capacity f(t) h(t)
    profile t -> (i, t_i)         capacity f(t)          if i in J(t)
    (i, x) -> sink                capacity f_i(x) P_i(x)

``P`` is induced by a feasible rule iff the maximum flow saturates the sink edges; the flow on
``t -> (i, t_i)`` divided by ``f(t)`` is such a rule. The brute-force side enumerates every
``E = E_1 u ... u E_n`` and evaluates both sides of Lemma 5 exactly.

The symmetric versions (Lemma 2: capacity ``m``; Lemma 3: audits ``k`` among the winners of a
deterministic symmetric ``p``) run the same network over multiset profiles.
"""

from __future__ import annotations

import dataclasses
import itertools
from math import lcm
from typing import Optional, Sequence

from exact.numbers import Q

from .maxflow import Network
from .profiles import profile_prob, profiles

__all__ = ["FiniteMarket", "symmetric_lp_feasible", "lemma_5_flow", "lemma_5_rhs", "lemma_5_lhs", "all_sets",
           "violated_sets", "symmetric_flow", "border_sets", "footnote_11", "supermodular_gap",
           "symmetric_max"]


@dataclasses.dataclass(frozen=True)
class FiniteMarket:
    """Lemma 5's data on finite types: pmfs ``f[i][x]``, capacity ``h[t]``, eligible ``J[t]``."""

    f: tuple                    # f[i] = tuple of probabilities of agent i's types
    h: dict                     # profile (tuple) -> int
    J: dict                     # profile (tuple) -> frozenset of agents
    P: tuple                    # P[i] = tuple of interim probabilities

    @property
    def n(self) -> int:
        return len(self.f)

    def profiles(self):
        return itertools.product(*[range(len(fi)) for fi in self.f])

    def prob(self, t) -> Q:
        out = Q(1)
        for i, x in enumerate(t):
            out *= self.f[i][x]
        return out

    def to_json(self) -> dict:
        return {"f": [[str(v) for v in fi] for fi in self.f],
                "h": {",".join(map(str, t)): v for t, v in self.h.items()},
                "J": {",".join(map(str, t)): sorted(v) for t, v in self.J.items()},
                "P": [[str(v) for v in Pi] for Pi in self.P]}


def lemma_5_lhs(mk: FiniteMarket, E: Sequence[frozenset]) -> Q:
    """``sum_i sum_{x in E_i} f_i(x) P_i(x)``."""
    return sum((mk.f[i][x] * mk.P[i][x] for i in range(mk.n) for x in E[i]), Q(0))


def lemma_5_rhs(mk: FiniteMarket, E: Sequence[frozenset]) -> Q:
    """``sum_t f(t) min{|J(t) n I(t, E)|, h(t)}``."""
    total = Q(0)
    for t in mk.profiles():
        cnt = sum(1 for i in mk.J[t] if t[i] in E[i])
        total += mk.prob(t) * min(cnt, mk.h[t])
    return total


def all_sets(mk: FiniteMarket):
    """Every ``E = E_1 u ... u E_n`` (each ``E_i`` a subset of agent i's types)."""
    per = []
    for fi in mk.f:
        types = range(len(fi))
        per.append([frozenset(c) for r in range(len(fi) + 1)
                    for c in itertools.combinations(types, r)])
    return itertools.product(*per)


def violated_sets(mk: FiniteMarket) -> list:
    """All ``E`` violating Lemma 5's inequality, with ``(E, lhs, rhs)``.

    Every ``E`` is a bit mask over the pairs (agent, type); each profile contributes
    ``f(t) min{popcount(E & J_t), h(t)}`` with ``J_t`` the mask of its eligible (agent, type)
    pairs. Integer arithmetic on a common denominator; the sets are enumerated in the order of
    :func:`all_sets`.
    """
    bit, k = {}, 0
    for i, fi in enumerate(mk.f):
        for x in range(len(fi)):
            bit[(i, x)] = 1 << k
            k += 1
    profs = []
    for t in mk.profiles():
        mask = sum(bit[(i, t[i])] for i in mk.J[t])
        profs.append((mk.prob(t), mask, mk.h[t]))
    weights = {b: mk.f[i][x] * mk.P[i][x] for (i, x), b in bit.items()}
    D = _scale([p for p, _, _ in profs] + list(weights.values()))
    pint = [(int(p * D), mask, h) for p, mask, h in profs]
    wint = {b: int(w * D) for b, w in weights.items()}
    out = []
    for E in all_sets(mk):
        emask = sum(bit[(i, x)] for i in range(mk.n) for x in E[i])
        lhs = sum(w for b, w in wint.items() if emask & b)
        rhs = sum(p * min(bin(emask & mask).count("1"), h) for p, mask, h in pint)
        if lhs > rhs:
            out.append((E, Q(lhs, D), Q(rhs, D)))
    return out


def _scale(values) -> int:
    return lcm(*[int(Q(v).q) for v in values] or [1])


def lemma_5_flow(mk: FiniteMarket) -> dict:
    """Decide Lemma 5 by an exact integer max-flow.

    Returns
    -------
    dict
        ``feasible`` (bool); if feasible, ``rule``: ``{profile: {agent: p_i(t)}}`` (exact);
        otherwise ``cut``: the set ``E`` read off the minimum cut, with its ``lhs`` > ``rhs``.
    """
    caps = []
    profs = list(mk.profiles())
    for t in profs:
        ft = mk.prob(t)
        caps += [ft * mk.h[t], ft]
    caps += [mk.f[i][x] * mk.P[i][x] for i in range(mk.n) for x in range(len(mk.f[i]))]
    D = _scale(caps)
    G = Network()
    for t in profs:
        ft = mk.prob(t)
        G.add("s", ("t", t), int(ft * mk.h[t] * D))
        for i in mk.J[t]:
            G.add(("t", t), ("a", i, t[i]), int(ft * D))
    demand = 0
    for i in range(mk.n):
        for x in range(len(mk.f[i])):
            c = int(mk.f[i][x] * mk.P[i][x] * D)
            demand += c
            G.add(("a", i, x), "z", c)
    value = G.max_flow("s", "z")
    if value == demand:
        rule = {}
        for t in profs:
            ft = mk.prob(t)
            rule[t] = {i: (Q(G.flow(("t", t), ("a", i, t[i])), D) / ft if ft else Q(0))
                       for i in mk.J[t]}
        return {"feasible": True, "rule": rule}
    S = G.source_side("s")
    E = [frozenset(x for x in range(len(mk.f[i])) if ("a", i, x) not in S) for i in range(mk.n)]
    return {"feasible": False, "cut": E, "lhs": lemma_5_lhs(mk, E), "rhs": lemma_5_rhs(mk, E),
            "flow": Q(value, D), "demand": Q(demand, D)}


def check_rule(mk: FiniteMarket, rule: dict) -> Optional[str]:
    """Re-check an ex-post rule exactly: capacities, eligibility and the interim targets."""
    got = [[Q(0)] * len(fi) for fi in mk.f]
    for t in mk.profiles():
        r = rule.get(t, {})
        if any(v < 0 or v > 1 for v in r.values()):
            return f"probability outside [0,1] at {t}"
        if sum(r.values(), Q(0)) > mk.h[t]:
            return f"capacity h{t} exceeded"
        if any(i not in mk.J[t] and v for i, v in r.items()):
            return f"ineligible agent served at {t}"
        for i, v in r.items():
            got[i][t[i]] += mk.prob(t) * v
    for i in range(mk.n):
        for x in range(len(mk.f[i])):
            if got[i][x] != mk.f[i][x] * mk.P[i][x]:
                return f"interim P_{i}({x}) not matched"
    return None


# --- symmetric versions over multiset profiles (Lemmas 2 and 3) ---------------------------------

def symmetric_flow(probs: Sequence, n: int, cap: int, target: Sequence,
                   eligible: Optional[dict] = None) -> bool:
    """Is the symmetric interim ``target`` induced by a rule with ``cap`` objects per profile?

    ``eligible[M][l] = 1`` restricts to agents with ``p(M, l) = 1`` (Lemma 3's ``J^p``).
    """
    L = len(probs)
    profs = profiles(n, L)
    pr = [profile_prob(probs, M) for M in profs]
    caps = pr + [n * Q(p) * Q(a) for p, a in zip(probs, target)]
    D = _scale(caps + [1])
    G = Network()
    for M, w in zip(profs, pr):
        G.add("s", ("M", M), int(w * cap * D))
        for l, c in enumerate(M):
            if c and (eligible is None or eligible[M][l]):
                G.add(("M", M), ("l", l), int(w * c * D))
    demand = 0
    for l in range(L):
        d = int(n * Q(probs[l]) * Q(target[l]) * D)
        demand += d
        G.add(("l", l), "z", d)
    return G.max_flow("s", "z") == demand


def symmetric_lp_feasible(probs: Sequence, n: int, cap: int, target: Sequence,
                          eligible: Optional[dict] = None) -> bool:
    """The same question as :func:`symmetric_flow`, decided by the certified exact LP."""
    from exact.lp import solve_lp
    L = len(probs)
    profs = profiles(n, L)
    cols = [(mi, l) for mi, M in enumerate(profs) for l in range(L)
            if M[l] and (eligible is None or eligible[M][l])]
    A_ub = [[Q(profs[mi][l]) if cm == mi else Q(0) for (cm, l) in cols] for mi in range(len(profs))]
    b_ub = [Q(cap)] * len(profs)
    A_eq = []
    for l in range(L):
        A_eq.append([profile_prob(probs, profs[mi]) * profs[mi][ll] / (n * Q(probs[l]))
                     if ll == l else Q(0) for (mi, ll) in cols])
    if not cols:
        return all(Q(a) == 0 for a in target)
    res = solve_lp([Q(0)] * len(cols), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq,
                   b_eq=[Q(a) for a in target], bounds=(Q(0), Q(1)))
    return res.status == "optimal"


def border_sets(probs: Sequence, n: int, cap: int, target: Sequence,
                eligible: Optional[dict] = None, upper_only: bool = False) -> list:
    """Symmetric sets ``E`` of types with ``n sum_E pi P > E[min{#(eligible in E), cap}]``."""
    L = len(probs)
    profs = profiles(n, L)
    pr = [profile_prob(probs, M) for M in profs]
    sets = ([frozenset(range(l, L)) for l in range(L)] if upper_only else
            [frozenset(c) for r in range(1, L + 1) for c in itertools.combinations(range(L), r)])
    bad = []
    for E in sets:
        lhs = sum((n * Q(probs[l]) * Q(target[l]) for l in E), Q(0))
        rhs = Q(0)
        for M, w in zip(profs, pr):
            cnt = sum(M[l] for l in E if eligible is None or eligible[M][l])
            rhs += w * min(cnt, cap)
        if lhs > rhs:
            bad.append((sorted(E), lhs, rhs))
    return bad


def footnote_11() -> FiniteMarket:
    """Footnote 11: two agents, types {L, H} equally likely, capacity table, P = (1/4, 1/4; 1/4, 1/2)."""
    half = Q(1, 2)
    h = {(0, 0): 0, (0, 1): 1, (1, 0): 2, (1, 1): 0}
    J = {t: frozenset({0, 1}) for t in h}
    return FiniteMarket(f=((half, half), (half, half)), h=h, J=J,
                        P=((Q(1, 4), Q(1, 4)), (Q(1, 4), Q(1, 2))))


# --- Lemma 8 --------------------------------------------------------------------------------------

def supermodular_gap(values: dict) -> Optional[tuple]:
    """A pair ``(X, Y)`` with ``f(X u Y) + f(X n Y) < f(X) + f(Y)`` or None (f is supermodular).

    ``values`` maps every set (a tuple of frozensets, one per agent) to ``f``. On the lattice of
    all sets, supermodularity is equivalent to its local form ``f(X + a + b) + f(X) >= f(X + a)
    + f(X + b)`` for single elements ``a != b`` outside ``X`` (the usual chain argument), which
    is what is checked; the returned pair is then ``(X + a, X + b)``.
    """
    keys = list(values)
    if not keys:
        return None
    n = len(keys[0])
    ground = sorted({(i, x) for E in keys for i in range(n) for x in E[i]})

    def add(E, el):
        i, x = el
        return tuple(e | {x} if j == i else e for j, e in enumerate(E))
    for X in keys:
        outside = [el for el in ground if el[1] not in X[el[0]]]
        for a, b in itertools.combinations(outside, 2):
            Xa, Xb = add(X, a), add(X, b)
            if values[add(Xa, b)] + values[X] < values[Xa] + values[Xb]:
                return Xa, Xb
    return None


def symmetric_max(values: dict) -> tuple:
    """``(max over all sets, max over symmetric sets, maximisers)``."""
    best = max(values.values())
    sym = max(v for E, v in values.items() if all(e == E[0] for e in E))
    return best, sym, [E for E, v in values.items() if v == best]
