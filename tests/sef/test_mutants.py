"""Each main sef claim fails on a deliberately broken model or mechanism (the claims of issue 17
have theirs in test_issue17.py): the checks can fail, so their verdicts say something."""

import itertools

import pytest

from exact.numbers import Q
from proofs.sef import claims, errata
from proofs.sef.anatomy import Analysis, analyse
from proofs.sef.domains import SMALL
from proofs.sef.errata import FMarket
from proofs.sef.fast import clear_caches
from proofs.sef.instances import EX2, NYC6, TRADE_MARKETS
from proofs.sef.model import Market
from proofs.sef.tickets import tickets_of
from proofs.sef.ttc import _all_outcomes


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Mutants patch code under cached results: no cached result may enter or leave a test."""
    def clear():
        analyse.cache_clear()
        tickets_of.cache_clear()
        _all_outcomes.cache_clear()
        clear_caches()
    clear()
    yield
    clear()


def _no_trade(market, x):
    return {tuple(x): None}


def test_theorem_1_fails_for_tickets_without_returns(monkeypatch):
    """The NYC rule R4 (nobody returns a ticket): NYC-6 then ends at a non-IS allocation."""
    assert claims.theorem_1(NYC6).ok
    monkeypatch.setattr("proofs.sef.tickets.unstable_agents", lambda market, room: [])
    tickets_of.cache_clear()
    assert not claims.theorem_1(NYC6).ok


def test_theorem_2_fails_without_the_ttc_trades(monkeypatch):
    """Note C9's tie-free market: a Tickets outcome that two agents block by swapping."""
    assert claims.theorem_2(TRADE_MARKETS[0]).ok
    monkeypatch.setattr(claims, "ttc_all_outcomes", _no_trade)
    assert not claims.theorem_2(TRADE_MARKETS[0]).ok


def test_theorem_5_fails_without_the_ttc_trades(monkeypatch):
    """Example 2: TTC must trade x = (C1,C2,C2,C3) to the SEF (C3,C2,C2,C1)."""
    assert claims.theorem_5(EX2).ok
    monkeypatch.setattr(claims, "ttc_all_outcomes", _no_trade)
    assert not claims.theorem_5(EX2).ok


def test_theorems_3_4_and_corollaries_fail_when_crowding_pays():
    """EU = u f(z) with f(z) = 1/z (the Remark's nonincreasing f): the SEF of
    u = ((0,1),(2,1)) is Pareto-dominated, so Theorems 3, 4 and C11 fail on it."""
    m = Market.of([[0, 1], [2, 1]], [1, 1])
    fm = FMarket(m.u, m.q, "1/z")
    for c in (claims.theorem_3, claims.theorem_4, claims.theorem_4_corollaries):
        assert c(m).ok
        out = c(fm)
        assert out.met and not out.ok, c.id


def test_theorem_4_fails_when_nothing_dominates(monkeypatch):
    """Example 2's IS allocation x is Pareto-dominated by the SEF; with a dominance test that
    never holds, x is a second IS and PO allocation."""
    monkeypatch.setattr(claims, "dominates", lambda a, b: False)
    monkeypatch.setattr(Analysis, "dominator", lambda self, x: None)
    assert not claims.theorem_4(EX2).ok


def test_theorem_4_corollaries_fail_when_nothing_blocks(monkeypatch):
    """C11d: with a blocking test that never blocks, Example 2's x is a second CS allocation."""
    monkeypatch.setattr(Analysis, "blocker", lambda self, x: None)
    assert not claims.theorem_4_corollaries(EX2).ok


def test_theorem_7_corrected_fails_at_the_wrong_prices(monkeypatch):
    """The proof's prices h_j = n_j / q_j; at h = (1, ..., 1) an oversubscribed SEF lottery is
    no HZ equilibrium."""
    ones = lambda market, x: tuple(Q(1) for _ in range(market.m))      # noqa: E731
    hits = [m for m in itertools.islice(SMALL.instances(2), 0, 400)
            if errata.theorem_7_corrected(m).met]
    assert hits and all(errata.theorem_7_corrected(m).ok for m in hits)
    monkeypatch.setattr(errata, "sef_prices", ones)
    assert any(not errata.theorem_7_corrected(m).ok for m in hits)
