"""Hypothesis search beyond the exhaustive corpora, and cross-checks of the fast paths."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from proofs.sef.claims import theorem_1, theorem_4, theorem_5, theorem_6
from proofs.sef.domains import CORPUS, market_strategy
from proofs.sef.fast import as_multiset, outcomes
from proofs.sef.game import is_nash, table_game
from proofs.sef.tickets import Tickets

MARKETS = market_strategy(n_range=(2, 5), m_range=(2, 3), umax=6, qmax=3)


@settings(max_examples=60, deadline=None)
@given(MARKETS)
def test_theorems_1_4_5_6_beyond_the_corpus(market):
    for c in (theorem_1, theorem_4, theorem_5, theorem_6):
        assert c(market).ok, (c.id, market)


@settings(max_examples=60, deadline=None)
@given(MARKETS)
def test_fast_outcomes_equal_the_labelled_search_over_every_order(market):
    union = set()
    for order in itertools.permutations(range(market.n)):
        union |= Tickets(market).leaves(order)
    assert Tickets(market).all_leaves() == union
    assert outcomes(market) == {as_multiset(market, x) for x in union}


def test_fast_outcomes_on_a_corpus_sample():
    for k, market in enumerate(CORPUS.instances(2)):
        if k % 50 == 0:
            assert outcomes(market) == {as_multiset(market, x) for x in Tickets(market).all_leaves()}


@st.composite
def milchtaich_games(draw):
    n = draw(st.integers(2, 4))
    m = draw(st.integers(2, 3))
    table = []
    for _ in range(n):
        row = []
        for _ in range(m):
            vals = sorted(draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)), reverse=True)
            row.append(vals)
        table.append(row)
    return table_game(table)


@settings(max_examples=80, deadline=None)
@given(milchtaich_games())
def test_tickets_ends_at_a_nash_equilibrium_in_general_milchtaich_games(game):
    # note C21: the proof of Theorem 1 only uses "payoff nonincreasing in the count"
    leaves = Tickets(game).all_leaves()
    assert leaves and all(is_nash(game, s) for s in leaves)


@settings(max_examples=60, deadline=None)
@given(milchtaich_games())
def test_tickets_ttc_ends_at_a_strong_nash_equilibrium_in_general_games(game):
    # note C7 / C21: Theorem 2's argument only needs payoffs nonincreasing in the count
    from proofs.sef.game import is_strong_nash
    from proofs.sef.ttc import ttc_outcomes
    for x in Tickets(game).all_leaves():
        for y in ttc_outcomes(game, x):
            assert is_strong_nash(game, y), (x, y)


def test_steps_shared_across_markets_equal_the_per_market_search():
    """tickets._SHARED: a step of one market re-used by another gives the same outcomes and the
    same F1/F2/bound invariants as the search without sharing (second pass: every step hit)."""
    from proofs.sef import tickets
    sample = [m for s in (1, 2, 3) for m in itertools.islice(CORPUS.instances(s), 0, None, 89)]

    def search(share):
        out = []
        for m in sample:
            t = Tickets(m)
            if not share:
                t._rowkeys = None
            out.append((t.all_leaves(), t.invariants()))
        return out
    alone = search(False)
    tickets._SHARED.clear()
    first = search(True)
    assert len(tickets._SHARED) > 0
    assert first == alone and search(True) == alone


def test_shared_steps_never_cross_a_subclass_or_a_patched_helper(monkeypatch):
    """A subclass stepping differently (the reliability mutant 'tickets-ignores-tie') and a
    patched helper neither read nor write the shared steps of the real algorithm."""
    from proofs.sef import tickets
    from proofs.sef.instances import NYC6
    sample = [NYC6] + list(itertools.islice(CORPUS.instances(1), 0, None, 97))

    class FirstPoolOnly(Tickets):
        def _step(self, room, agent):
            real = tickets.best_pools
            monkeypatch.setattr(tickets, "best_pools", lambda m, r, h: real(m, r, h)[:1])
            try:
                return super()._step(room, agent)
            finally:
                monkeypatch.setattr(tickets, "best_pools", real)

    tickets._SHARED.clear()
    real = [Tickets(m).all_leaves() for m in sample]
    mutant = [FirstPoolOnly(m).all_leaves() for m in sample]
    tickets._SHARED.clear()
    assert mutant == [FirstPoolOnly(m).all_leaves() for m in sample]
    assert real == [Tickets(m).all_leaves() for m in sample]
    assert mutant != real
    monkeypatch.setattr(tickets, "unstable_agents", lambda market, room: [])   # no returns
    assert [Tickets(m).all_leaves() for m in sample] != real
