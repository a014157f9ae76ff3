"""Tickets-TTC (Section 5.2): Gale's top trading cycles on the lottery housing market.

House k is agent k's ticket (of type ``x_k``); agent i values it at ``u_{i,x_k} z_{x_k}(x)``.
Trades permute tickets, so counts and winning probabilities are fixed.

Ties (Section 5.2, the paragraph before Theorem 2): "In case there is a tie between his initial
endowed lottery house and any other lottery houses of the same kind, he always prefers his own
lottery house to others' lottery houses and uses an arbitrary tie-breaker to break other ties,
if any. In case there is a tie between his initial endowed lottery house and any other lottery
houses that are not the same type, he prefers others' lottery houses to his initial endowed
lottery house and uses an arbitrary tie-breaker to break other ties, if any."

So *every tie-break* means: each agent, independently of the others, ranks the n houses by
any strict refinement of her weak order by value in which, inside the class of her own house,
*houses of a different type* > *own house* > *other houses of the own type*. These admissible
rankings are exactly the concatenations of arbitrary permutations of the blocks of the ordered
partition :func:`tie_classes`; :func:`tie_break_profiles` enumerates every profile of them
(``prod_i prod_B |B|!`` profiles, each generated once) and :func:`ttc_outcomes_by_profiles`
runs TTC on each. :func:`ttc_all_outcomes` gives the same outcome set through a sound
reduction (only the choices TTC actually consults), which the claims use.

The older :func:`tie_breaks` family (one common permutation of the agents breaking every
remaining tie, 2n rotations) is kept for :mod:`proofs.sef.errata`, the examples and a search
test; it is a subset of the admissible profiles.

Examples
--------
>>> from proofs.sef.model import Market
>>> ex2 = Market.of([[2, 4, 3], [0, 1, 0], [0, 1, 0], [3, 0, 2]], [1, 1, 1])
>>> ttc_step(ex2, (0, 1, 1, 2))
(2, 1, 1, 0)
>>> ttc_step(Market.of([[7, 7], [6, 3]], [1, 1]), (0, 1))    # the note's indifferent trade
(1, 0)
>>> tie_classes(Market.of([[7, 7], [6, 3]], [1, 1]), (0, 1), 0)   # house 1 (C2) before own
((1,), (0,))
>>> sorted(ttc_all_outcomes(ex2, (0, 1, 1, 2)))
[(2, 1, 1, 0)]
"""

from __future__ import annotations

import functools
import itertools
from typing import Iterator, Optional, Sequence

from exact.mechanisms import ttc

from .model import Market, counts

__all__ = ["ttc_step", "ttc_outcomes", "ttc_ranked", "tie_breaks", "tickets_ttc", "ranking",
           "tie_classes", "is_admissible", "tie_break_profiles", "profile_count",
           "ttc_outcomes_by_profiles", "ttc_all_outcomes"]


def tie_classes(market: Market, x: Sequence[int], i: int) -> tuple:
    """Agent i's weak ranking of the houses with the paper's fixed rules, as an ordered
    partition (best block first); the admissible strict rankings are exactly the
    concatenations of arbitrary permutations of the blocks (Section 5.2).

    Houses of equal value form one block, except the block of i's own house, which splits into
    (houses of a different type), (own house), (other houses of the own type); empty blocks
    are dropped. Houses inside a block are listed in increasing index.
    """
    x = tuple(x)
    c = counts(market, x)
    V = market.values[i]
    val = [V[x[k]][c[x[k]]] for k in range(market.n)]
    out = []
    ks = sorted(range(market.n), key=val.__getitem__, reverse=True)   # stable: equal values
    start = 0                                                           # keep increasing index
    while start < len(ks):
        end = start + 1
        while end < len(ks) and val[ks[end]] == val[ks[start]]:
            end += 1
        block = ks[start:end]
        start = end
        if i in block:
            parts = ([k for k in block if x[k] != x[i]], [i],
                     [k for k in block if x[k] == x[i] and k != i])
            out.extend(tuple(p) for p in parts if p)
        else:
            out.append(tuple(block))
    return tuple(out)


def is_admissible(market: Market, x: Sequence[int], i: int, rank: Sequence[int]) -> bool:
    """Whether ``rank`` (best first) is one of agent i's admissible strict rankings."""
    rank = tuple(rank)
    if sorted(rank) != list(range(market.n)):
        return False
    block = {k: b for b, ks in enumerate(tie_classes(market, x, i)) for k in ks}
    return all(block[a] <= block[b] for a, b in zip(rank, rank[1:]))


def _rankings(classes: tuple) -> list:
    return [tuple(itertools.chain.from_iterable(p))
            for p in itertools.product(*(itertools.permutations(b) for b in classes))]


def profile_count(market: Market, x: Sequence[int]) -> int:
    """Number of admissible strict ranking profiles, ``prod_i prod_B |B|!``."""
    total = 1
    for i in range(market.n):
        for b in tie_classes(market, x, i):
            for k in range(2, len(b) + 1):
                total *= k
    return total


def tie_break_profiles(market: Market, x: Sequence[int]) -> Iterator[tuple]:
    """Every admissible strict ranking profile (each agent's tie-break chosen independently),
    each exactly once, in lexicographic order of the blocks' permutations."""
    per_agent = [_rankings(tie_classes(market, x, i)) for i in range(market.n)]
    return itertools.product(*per_agent)


def ttc_outcomes_by_profiles(market: Market, x: Sequence[int]) -> dict:
    """Brute force: TTC outcome of every profile of :func:`tie_break_profiles`
    ({outcome: first profile}); exponential, for cross-checks on small markets."""
    x = tuple(x)
    out: dict = {}
    for ranks in tie_break_profiles(market, x):
        y = ttc_ranked(x, ranks)
        if y not in out:
            out[y] = ranks
    return out


@functools.lru_cache(maxsize=4096)
def _all_outcomes(market: Market, x: tuple) -> tuple:
    n = market.n
    classes = [tie_classes(market, x, i) for i in range(n)]
    block = [{k: b for b, ks in enumerate(cl) for k in ks} for cl in classes]
    memo: dict = {}

    def explore(remaining: frozenset, ptr: tuple) -> dict:
        # {types received by the sorted remaining agents: choices (agent, round, house)}
        key = (remaining, ptr)
        got = memo.get(key)
        if got is not None:
            return got
        got = {}
        agents = sorted(remaining)
        need = [i for i in agents if ptr[i] < 0]
        options = []
        for i in need:
            for b in classes[i]:
                avail = [k for k in b if k in remaining]
                if avail:
                    options.append(avail)
                    break
        for pick in itertools.product(*options):
            p = list(ptr)
            for i, k in zip(need, pick):
                p[i] = k
            gone = _cycle_agents(agents, p)
            rest = remaining - gone
            q = tuple(-1 if (a not in rest or p[a] not in rest) else p[a] for a in range(n))
            sub = explore(rest, q) if rest else {(): ()}
            mine = tuple((i, 0, k) for i, k in zip(need, pick))
            rest_sorted = sorted(rest)
            for part, choices in sub.items():
                got_types = dict(zip(rest_sorted, part))
                for a in gone:
                    got_types[a] = x[p[a]]
                types = tuple(got_types[a] for a in agents)
                if types not in got:
                    got[types] = mine + tuple((i, r + 1, k) for i, r, k in choices)
        memo[key] = got
        return got

    res = explore(frozenset(range(n)), (-1,) * n)
    out = []
    for y in sorted(res):
        chosen = [dict() for _ in range(n)]
        for i, r, k in res[y]:
            chosen[i][k] = r
        ranks = tuple(tuple(sorted(range(n), key=lambda k, i=i: (
            block[i][k], chosen[i].get(k, n + 1), k))) for i in range(n))
        out.append((y, ranks))
    return tuple(out)


def _cycle_agents(agents: list, p: list) -> frozenset:
    """Agents on the cycles of the functional graph ``a -> p[a]`` (house k owned by agent k)."""
    on = set()
    state: dict = {}
    for s in agents:
        path = []
        a = s
        while a not in state:
            state[a] = s
            path.append(a)
            a = p[a]
        if state[a] == s:                      # closed a new cycle at a
            on.update(path[path.index(a):])
    return frozenset(on)


def ttc_all_outcomes(market: Market, x: Sequence[int]) -> dict:
    """TTC outcome under *every* admissible tie-break: {outcome (types): a strict ranking
    profile of :func:`tie_break_profiles` that produces it}, outcomes in increasing order.

    Sound reduction (the same outcome set as :func:`ttc_outcomes_by_profiles`, without
    enumerating the ``prod |B|!`` profiles): TTC only consults each agent's best *remaining*
    house, so the search branches only on those choices. In each round an agent keeps pointing
    at her house while it remains; when it has left (or at the start) she points at any
    remaining house of her first block (:func:`tie_classes`) that still has one; all cycles
    trade and leave (Gale's TTC with strict rankings: the outcome does not depend on the order
    in which the cycles of a round are cleared).

    (i) Under a fixed admissible profile, an agent's pointer is her best remaining house: it
    lies in her first block with a remaining house and stays while it remains (the remaining
    set only shrinks), so the profile's run is a path of the search. (ii) Conversely, for a
    path, rank each of her blocks as: the houses she pointed at, in pointing order, then the
    block's other houses by index. This keeps the block order (admissible) and makes the same
    choices: while she points at p, every house of an earlier block has left (p was taken from
    the first block with a remaining house) and every remaining house of p's block is pointed
    at later or never, so ranked after p. That profile is returned as the witness.

    The search state (remaining agents, pointers) determines the rest of the run and is
    memoised; results are cached per (market, x). At the default sizes 1-3 the outcome sets
    equal those of every profile on all 43,225 IS allocations (tests/sef/test_ttc_ties.py).
    Every profile would be about 57 s there against about 23 s (both claims), and at the
    opt-in size 4 (n = 5, up to 8 million profiles for one allocation) out of reach.
    """
    return dict(_all_outcomes(market, tuple(x)))


def ranking(market: Market, x: Sequence[int], i: int, tie: Sequence[int]) -> list:
    """Agent i's strict ranking of houses (agents' tickets), best first (Section 5.2 rules),
    remaining ties broken by the permutation ``tie`` of the agents."""
    c = counts(market, x)
    V = market.values[i]
    pos = {a: r for r, a in enumerate(tie)}

    def key(k):
        v = V[x[k]][c[x[k]]]
        cls = 0 if x[k] != x[i] else (1 if k == i else 2)
        return (-v, cls, pos[k])

    return sorted(range(market.n), key=key)


def ttc_step(market: Market, x: Sequence[int], tie: Optional[Sequence[int]] = None) -> tuple:
    """Top trading cycles from the endowment ``x``; returns the new allocation (types).

    Each remaining agent points to the owner of her best remaining house; the cycles of the
    pointing graph (networkx, via exact.mechanisms.ttc) trade and leave, until nobody remains.
    """
    x = tuple(x)
    tie = tuple(range(market.n)) if tie is None else tuple(tie)
    return ttc_ranked(x, tuple(tuple(ranking(market, x, i, tie)) for i in range(market.n)))


def ttc_outcomes(market: Market, x: Sequence[int]) -> dict:
    """TTC outcome for each distinct ranking profile induced by the family :func:`tie_breaks`
    (tie-breaks inducing the same strict rankings are run once): {outcome: first tie-break}.
    Not every tie-break: see :func:`ttc_all_outcomes`."""
    x = tuple(x)
    seen, out = set(), {}
    for tie in tie_breaks(market.n):
        ranks = tuple(tuple(ranking(market, x, i, tie)) for i in range(market.n))
        if ranks in seen:
            continue
        seen.add(ranks)
        out.setdefault(ttc_ranked(x, ranks), tie)
    return out


def ttc_ranked(x: tuple, ranks: tuple) -> tuple:
    """Gale's TTC for the endowment ``x`` (agent k owns house k, of type ``x[k]``) and strict
    rankings ``ranks[i]`` of the houses; uses the shared :func:`exact.mechanisms.ttc`
    (pointing graph on networkx). Returns the types received."""
    houses = ttc(ranks)
    return tuple(x[k] for k in houses)


def tie_breaks(n: int) -> list:
    """A family of 2n tie-break permutations: every rotation of ``0..n-1`` and of its reverse."""
    base = list(range(n))
    out = []
    for r in range(n):
        out.append(tuple(base[r:] + base[:r]))
        out.append(tuple(reversed(base[r:] + base[:r])))
    return list(dict.fromkeys(out))


def tickets_ttc(market: Market, order: Sequence[int], tie: Optional[Sequence[int]] = None) -> tuple:
    """Tickets-TTC: the first Tickets branch for ``order``, then the TTC step."""
    from .tickets import run
    return ttc_step(market, run(market, order).outcome, tie)
