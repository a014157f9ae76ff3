"""Claims on the inner statements of the proof of Theorem 6 (Appendix): the door-time
properties (A)-(G) and Lemmas 1-3 (:mod:`proofs.sef.doortimes`).

- ``sef/door-time-properties``: (A), (B) for the pools held at the end, (C)-(G) and
  ``n + 1 <= T <= n(n+1)/2 + 1`` on every run (every order, every N1/N2 branch).
- ``sef/door-time-b``: (B) as printed ("t_j1 != t_j2 iff j1 != j2" for all communities) is
  false: every pool empty at the end has ``t_j = 1`` (erratum).
- ``sef/lemma-1``, ``sef/lemma-2``, ``sef/lemma-3``: the lemmas under the premises their
  proofs use. Their literal hypothesis (Case 2: an SEF ``x* != x^n`` with the same counts) never
  holds (``sef/theorem-6``), so literally they hold vacuously everywhere; the proofs of Lemmas
  1 and 2 only use (9.11) (every member of the TTC cycle strictly gains at the counts of
  ``x^n``), and Lemma 3 adds (9.22) for gamma_1. The claims take every run, every TTC trade
  of its outcome (every admissible tie-break profile, Section 5.2) and every cycle meeting those
  premises, on :data:`TRADES`: markets whose Tickets outcome a same-count trade improves for
  every mover (none exists among the exhaustive blocks of n <= 4 agents with small utilities;
  note C9's market and ten found by :func:`trade_search`). Lemmas 1 and 2 and the construction
  before Lemma 3 (gamma_1 exists, ``t_gamma1 > t_eta``) are met and hold on all of them; Lemma
  3's own premises (case alpha: Omega_2 strictly gains; case beta: (9.22)) are met on none of
  them (nor on 41 more such markets of a random search), consistent with (9.22) needing the
  SEF of Case 2. Without them its conclusion fails on all 40 (cycle, gamma_1) pairs found.
"""

from __future__ import annotations

import itertools

from exact import claim, fails, holds, vacuous
from exact.mechanisms import ttc

from .anatomy import analyse
from .domains import SMALL, MarketList
from .instances import TRADE_MARKETS
from .model import Market, counts
from .tickets import tickets_of
from .doortimes import door_table, door_time_violation, lemma_violation, pool_times_distinct, runs
from .ttc import tie_break_profiles

__all__ = ["door_time_properties", "door_time_b", "lemma_1", "lemma_2", "lemma_3", "TRADES",
           "improving_trade", "trade_search"]

#: the markets of :data:`proofs.sef.instances.TRADE_MARKETS`, one per orbit of agent relabelling
TRADES = MarketList(TRADE_MARKETS, name="markets whose Tickets outcome a same-count trade "
                                        "strictly improves for every mover (note C9, trade_search)")


def improving_trade(market, x):
    """An allocation with the counts of ``x`` in which every agent who changes pool is strictly
    better off (the situation (9.11) of Case 2), or None."""
    a = analyse(market)
    e, c = a.EU[x], counts(market, x)
    for y in a.X:
        if y != x and counts(market, y) == c and \
                all(a.EU[y][i] > e[i] for i in range(market.n) if y[i] != x[i]):
            return y
    return None


def trade_search(seed: int = 1, tries: int = 100000, limit: int = 10):
    """Random markets (n in {3, 4}, m in {2, 3}, capacities in {1, 2}, utilities up to 6, 10 or
    20, Python's ``random.Random(seed)``) having a Tickets outcome with an improving trade; the
    first ``limit`` found, as ``(utilities, capacities)``."""
    import random
    rng = random.Random(seed)
    hits = []
    for _ in range(tries):
        n, m, top = rng.choice([3, 4]), rng.choice([2, 3]), rng.choice([6, 10, 20])
        q = [rng.choice([1, 1, 2]) for _ in range(m)]
        u = [[rng.randint(0, top) for _ in range(m)] for _ in range(n)]
        if any(not any(r) for r in u):
            continue
        market = Market.of(u, q)
        if any(improving_trade(market, x) for x in tickets_of(market).all_leaves()):
            hits.append((u, q))
            if len(hits) == limit:
                break
    return hits


def _all_runs(market):
    for order in itertools.permutations(range(market.n)):
        for events in runs(market, order):
            yield order, events


@claim("sef/door-time-properties", domain=SMALL, invariant="agents", size=2,
       source="Appendix, discussion of the proof of Theorem 6: properties (A)-(G); note S6",
       statement="On every run of the Tickets algorithm (every order, every N1/N2 branch) of the "
                 "small markets of sizes 1-2 (n <= 3, m = 2): (A) "
                 "agents have distinct door times t_i; (B) pools held at the end have distinct "
                 "t_j; (C) t_i1 > t_i2 implies i1 entered once (from the order) or went out and "
                 "re-entered after t_i2; (D) n_j(y_z) is nondecreasing in the door time; (E) "
                 "n_j(y_t) < n_j(y_T) before t_j and = from t_j on; (F) every y_z is IS for the "
                 "agents in the room; (G) the entrant at t_j - 1 chooses j, and an entrant "
                 "choosing j after t_j makes a holder of j return, who re-enters choosing "
                 "another pool; and n + 1 <= T <= n(n+1)/2 + 1 (final tick counted, Table 5).")
def door_time_properties(market):
    k = 0
    for order, events in _all_runs(market):
        k += 1
        bad = door_time_violation(market, events)
        if bad is not None:
            return fails(order=order, events=events, **bad)
    return holds(runs=k)


@claim("sef/door-time-b", domain=SMALL, invariant="agents",
       source="Appendix, discussion of the proof of Theorem 6, property (B)",
       statement="(B) as printed: t_j1 != t_j2 for any two distinct communities, on every run.",
       erratum="a community empty at the end has t_j = 1 (its final count 0 holds from the "
               "first door time), so two communities empty at the end share t_j = 1; (B) holds "
               "for the communities held at the end, the only ones the proof uses")
def door_time_b(market):
    for order, events in _all_runs(market):
        hit = pool_times_distinct(door_table(market, events), market, held_only=False)
        if hit is not None:
            return fails(order=order, events=events, pools=hit)
    return holds()


def _lemmas(market):
    """(met lemmas, first failure) over every run and every TTC trade of its outcome."""
    met, trades = set(), {}
    for order, events in _all_runs(market):
        d = door_table(market, events)
        x = d.outcome
        if x not in trades:
            trades[x] = sorted({tuple(ttc(ranks)) for ranks in tie_break_profiles(market, x)})
        for houses in trades[x]:
            res = lemma_violation(market, d, houses)
            met |= set(res["met"])
            if res["failed"] is not None:
                return met, dict(order=order, events=events, houses=houses,
                                 lemma=res["failed"][0], **res["failed"][1])
    return met, None


def _lemma_claim(k):
    def check(market):
        met, bad = _lemmas(market)
        if bad is not None and bad["lemma"] <= k:
            return fails(**bad)                  # an earlier lemma's failure stops the chain
        if k not in met:
            return vacuous()
        if k == 3:
            return holds(lemma_3_premises_met="3-premises" in met)
        return holds()
    return check


_LEMMA_SOURCE = "Appendix, proof of Theorem 6, Case 2"
_PREMISES = ("on every run of the Tickets algorithm (every order and branch) and every TTC "
             "trade of its outcome x^n (every admissible tie-break profile)")

_STATEMENTS = {
    1: "Lemma 1 under the premise its proof uses, " + _PREMISES + ": every trading cycle whose "
       "members all strictly gain at the counts of x^n ((9.11)) has a member theta with "
       "t_{nu_theta} < t_theta.",
    2: "Lemma 2 under the premise its proof uses, " + _PREMISES + ": in every trading cycle "
       "whose members all strictly gain ((9.11)), the member eta with the largest door time "
       "has t_{nu_eta} < t_eta.",
    3: "Lemma 3 and the construction before it, " + _PREMISES + ": for every strictly gaining "
       "cycle Omega_1 ((9.11)) with last member eta, an agent gamma_1 holding nu_eta at door "
       "time t_eta and another pool in x^n exists and has t_gamma1 > t_eta; and when gamma_1's "
       "cycle Omega_2 strictly gains (case alpha) or is {gamma_1} with (9.22) (case beta), some "
       "gamma_2 outside Omega_1 and Omega_2 has t_gamma2 > t_gamma1 (a third cycle). Lemma 3's "
       "own premises ((9.22) needs the SEF of Case 2) are met on none of these markets: the "
       "witness says.",
}
lemma_1, lemma_2, lemma_3 = (
    claim(f"sef/lemma-{k}", domain=TRADES, invariant="agents",
          source=f"{_LEMMA_SOURCE}, Lemma {k}", statement=_STATEMENTS[k])(_lemma_claim(k))
    for k in (1, 2, 3))
