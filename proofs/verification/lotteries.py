"""Direct mechanisms as explicit lotteries, for Lemma 1 from the definition (Section 2).

A mechanism here is a lottery over *components*; a component ranks the agents by a score of
their reported type (ties broken by a uniformly random priority order, which keeps the
mechanism symmetric), gives objects to the ``m_c`` highest (the set ``S``) and audits ``k_c``
agents ranked by a second score, either among the winners (``a <= p``, Definition 2) or among all
agents (``a`` not below ``p``, for the appendix note's S7). Everything is computed from
``(S, B)`` by enumerating the others' types and all priority orders -- never from interim rules
-- so that BIC (Definition 1) and Lemma 1's condition are computed independently:

* agent 0 of true type ``t'`` reporting ``t`` gets an object iff ``0 in S`` and he is not an
  audited liar (``0 in B`` and ``t != t'``); with the wording of Section 2 taken literally
  (S6) he also loses it when any *other* audited agent lied;
* ``P(t) = Pr[0 in S]``, ``A(t) = Pr[0 in B]`` for a truthful report ``t``.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import random
from math import factorial

from exact.numbers import Q

__all__ = ["Component", "Mechanism", "random_mechanism", "win_probability", "interim",
           "is_bic", "lemma_1_condition", "restrict_audits", "make_instance",
           "off_equilibrium_gap"]


@dataclasses.dataclass(frozen=True)
class Component:
    """Objects to the ``m_c`` highest ``score`` (ties: priority), audits to ``k_c`` agents
    ranked by ``audit_score`` among the winners (``among_winners``) or among all agents."""

    score: tuple
    m_c: int
    audit_score: tuple
    k_c: int
    among_winners: bool = True

    def outcome(self, types: tuple, order: tuple) -> tuple:
        """``(S, B)`` at the reported ``types`` with priority ``order`` (a permutation)."""
        rank = sorted(range(len(types)), key=lambda i: (-self.score[types[i]], order[i]))
        S = frozenset(rank[:self.m_c])
        pool = [i for i in range(len(types)) if i in S or not self.among_winners]
        arank = sorted(pool, key=lambda i: (-self.audit_score[types[i]], order[i]))
        return S, frozenset(arank[:self.k_c])


@dataclasses.dataclass(frozen=True)
class Mechanism:
    """A lottery over components (weights sum to 1), ``n`` agents, types ``0..L-1`` with
    probabilities ``probs``."""

    n: int
    probs: tuple
    components: tuple          # ((weight, Component), ...)

    @property
    def L(self) -> int:
        return len(self.probs)

    def to_json(self) -> dict:
        return {"n": self.n, "probs": [str(p) for p in self.probs],
                "components": [[str(w), dataclasses.asdict(c)] for w, c in self.components]}


def random_mechanism(rng: random.Random, n: int, m: int, k: int, L: int,
                     among_winners: bool = True) -> Mechanism:
    """A pure lottery (score 0 for every type, so that BIC instances occur) mixed with one or
    two merit components with random scores and capacities; audits follow the merit score (the
    BIC-friendly choice) or a random score. With ``among_winners=False`` the audit score is
    often the reverse of the merit score, so that losers are audited (S7)."""
    w = [rng.randint(1, 4) for _ in range(L)]
    probs = tuple(Q(x, sum(w)) for x in w)

    def audit_score(score):
        if not among_winners and rng.random() < 0.6:
            return tuple(3 - x for x in score)
        return score if rng.random() < 0.5 else tuple(rng.randint(0, 3) for _ in range(L))
    flat = tuple([0] * L)
    merit = [tuple(rng.randint(0, 3) for _ in range(L)) for _ in range(rng.randint(1, 2))]
    # the lottery's audits: among all agents they favour the merit winners' types (S7)
    lottery_audit = merit[0] if not among_winners else audit_score(merit[0])
    comps = [Component(flat, m, lottery_audit, rng.randint(0, k), among_winners)]
    for score in merit:
        comps.append(Component(score, rng.randint(1, m), audit_score(score), rng.randint(0, k),
                               among_winners))
    weights = [rng.randint(4, 12)] + [rng.randint(1, 4) for _ in comps[1:]]
    total = sum(weights)
    return Mechanism(n, probs, tuple((Q(x, total), c) for x, c in zip(weights, comps)))


@functools.lru_cache(maxsize=None)
def _orders(n: int) -> tuple:
    return tuple(itertools.permutations(range(n)))


def _profiles(mech: Mechanism):
    """Others' types with probabilities, and all priority orders (uniform)."""
    orders = _orders(mech.n)
    po = Q(1, factorial(mech.n))
    for others in itertools.product(range(mech.L), repeat=mech.n - 1):
        pr = Q(1)
        for x in others:
            pr *= mech.probs[x]
        yield others, pr, orders, po


def win_probability(mech: Mechanism, true: int, report: int, collective: bool = False,
                    liar: int | None = None) -> Q:
    """Probability that agent 0 of type ``true`` reporting ``report`` ends with an object.

    ``collective``: Section 2's literal rule (an object only if every audited agent was
    truthful); ``liar``: the true type of agent 1 when agent 1 misreports ``0`` (off equilibrium;
    None: the others are truthful).
    """
    total = Q(0)
    for others, pr, orders, po in _profiles(mech):
        reported = (report,) + others
        truth = (true,) + others
        if liar is not None:
            truth = (true, liar) + others[1:]
        for w, comp in mech.components:
            for order in orders:
                S, B = comp.outcome(reported, order)
                if 0 not in S:
                    continue
                caught = {i for i in B if reported[i] != truth[i]}
                lost = (0 in caught) or (collective and bool(caught))
                if not lost:
                    total += pr * po * w
    return total


def interim(mech: Mechanism) -> tuple:
    """``(P, A)``: interim probabilities of an object and of an audit for a truthful report."""
    P, A = [Q(0)] * mech.L, [Q(0)] * mech.L
    for t in range(mech.L):
        for others, pr, orders, po in _profiles(mech):
            for w, comp in mech.components:
                for order in orders:
                    S, B = comp.outcome((t,) + others, order)
                    P[t] += pr * po * w * (0 in S)
                    A[t] += pr * po * w * (0 in B)
    return P, A


def is_bic(mech: Mechanism, collective: bool = False) -> bool:
    """Definition 1: for every true type and report, truth-telling wins weakly more often."""
    L = mech.L
    truthful = [win_probability(mech, t, t, collective) for t in range(L)]
    return all(truthful[tt] >= win_probability(mech, tt, t, collective)
               for tt in range(L) for t in range(L) if t != tt)


def lemma_1_condition(P, A) -> bool:
    """Lemma 1's condition ``A(t) >= P(t) - min P`` for every type."""
    low = min(P)
    return all(a >= p - low for p, a in zip(P, A))


def restrict_audits(mech: Mechanism) -> Mechanism:
    """Replace ``a`` by ``a p``: audit only winners, keeping each component's audit ranking
    (S7's metamorphic relation: P and every deviation payoff are unchanged, A weakly lower)."""
    comps = tuple((w, _Restricted(c)) for w, c in mech.components)
    return Mechanism(mech.n, mech.probs, comps)


@dataclasses.dataclass(frozen=True)
class _Restricted:
    inner: Component

    def outcome(self, types, order):
        S, B = self.inner.outcome(types, order)
        return S, B & S


def make_instance(size: int, rng: random.Random, among_winners: bool = True) -> Mechanism:
    """A random mechanism with ``n = size`` agents, ``1 <= k < m < n`` and 2 or 3 types."""
    n = size
    m = rng.randint(2, n - 1)
    k = rng.randint(1, m - 1)
    return random_mechanism(rng, n, m, k, rng.randint(2, 3), among_winners)


def off_equilibrium_gap(mech: Mechanism) -> tuple | None:
    """A situation where the literal collective rule of Section 2 differs from the individual
    one: agent 1 misreports (true type ``liar``, report 0) and agent 0 is truthful; returns
    ``(type of agent 0, liar type, individual, collective)`` or None."""
    for t in range(mech.L):
        for liar in range(1, mech.L):
            ind = win_probability(mech, t, t, liar=liar)
            col = win_probability(mech, t, t, collective=True, liar=liar)
            if ind != col:
                return t, liar, ind, col
    return None
