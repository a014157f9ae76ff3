"""The corpora and claims of issue 17: markets built around an SEF, congestion games, the
door-time properties and Lemmas 1-3, the remarks and equivalences. Each claim is checked with
its verdict and non-vacuous count, and each is failed by a deliberately broken mechanism."""

import itertools
import random

import pytest

from exact import check
from exact.claims import REGISTRY
from exact.numbers import Q
from exact.symmetry import invariance_violation
from proofs.sef import claims  # noqa: F401  (registers)
from proofs.sef import lemmas, remarks, section7
from proofs.sef.anatomy import Analysis, analyse
from proofs.sef.congestion import (GAMES, SEF_GAMES, canonical, dense, game_of, parse_game,
                                   player_types, to_table, types_of)
from proofs.sef.domains import CORPUS, SEF_CORPUS, SMALL
from proofs.sef.efficiency import ReferenceAnalysis, is_CS, is_weakly_PO
from proofs.sef.errata import FMarket
from proofs.sef.instances import NYC6, TRADE_MARKETS
from proofs.sef.model import Market, is_EF, is_IS, is_SEF


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Mutants patch model code: no cached analysis may outlive a test."""
    yield
    from proofs.sef.tickets import tickets_of
    analyse.cache_clear()
    tickets_of.cache_clear()


def _first_failure(claim, instances):
    return next((x for x in instances if not claim.predicate(x).ok), None)


# -- the corpora -----------------------------------------------------------------------------

def _key(m):
    return tuple(sorted(m.u)), m.q


def test_sef_corpus_is_exactly_the_markets_with_an_sef():
    built = [_key(m) for m in SEF_CORPUS.instances(1)]
    assert len(built) == len(set(built)) == SEF_CORPUS.count(1) == 1779
    exhaustive = {_key(m) for s in (1, 2) for m in CORPUS.instances(s)
                  if analyse(m).sef is not None}
    assert set(built) == exhaustive


def test_sef_corpus_weights_count_the_labelled_markets():
    labelled = SEF_CORPUS.unreduced()
    assert sum(SEF_CORPUS.weight(m) for m in SEF_CORPUS.instances(1)) == labelled.count(1)
    assert sum(1 for _ in labelled.instances(1)) == labelled.count(1) == 8495
    assert all(analyse(m).sef is not None for m in itertools.islice(labelled.instances(1),
                                                                   0, None, 41))


@pytest.mark.parametrize("domain, size", [(GAMES, 1), (GAMES, 2), (SEF_GAMES, 1)])
def test_game_corpora_one_game_per_orbit_and_weights(domain, size):
    games = list(domain.instances(size))
    assert len(games) == domain.count(size)
    forms = {canonical(tuple(sorted(dense(t) for t in types_of(g)))) for g in games}
    assert len(forms) == len(games)                         # no two games are isomorphic
    assert sum(domain.weight(g) for g in games) == domain.unreduced().count(size)
    if domain is SEF_GAMES:
        assert all(Analysis(g).SEF for g in games)


def test_every_two_player_two_resource_game_is_represented():
    """Size 1 of GAMES covers every 2x2 game: a random rational game has its dense-rank,
    resource-canonical form among the 183 representatives."""
    forms = {tuple(sorted(dense(t) for t in types_of(g))) for g in GAMES.instances(1)}
    rng = random.Random(3)
    for _ in range(200):
        t = [[sorted((Q(rng.randint(0, 9), rng.randint(1, 3)) for _ in range(2)), reverse=True)
              for _ in range(2)] for _ in range(2)]
        assert canonical(tuple(sorted(dense(x) for x in t))) in forms
    assert len(player_types(2, 2, 3)) == 26


def test_game_json_round_trip_and_bad_input():
    g = next(SEF_GAMES.instances(2))
    assert parse_game({"payoffs": to_table(g)}) == g
    from exact.errors import InputError
    for bad, field in [({"payoffs": [[[1, 2]]]}, "payoffs[0][0]"),
                       ({"payoffs": [[[1.0]]]}, "payoffs[0][0][0]"),
                       ({"payoffs": [[[1, 2], [2, 1]], [[1]]]}, "payoffs[1]"), ({}, "game")]:
        with pytest.raises(InputError, match=field.replace("[", r"\[").replace("]", r"\]")):
            parse_game(bad)


def test_anatomy_agrees_with_the_fmpq_reference():
    sample = [m for s in (1, 2, 3) for m in itertools.islice(CORPUS.instances(s), 0, None, 211)]
    sample += [FMarket(m.u, m.q, f) for m in sample[:20] for f in ("1/z", "z^2", "step")]
    for m in sample:
        a, b = Analysis(m), ReferenceAnalysis(m)
        assert (a.IS, a.SEF, a.PO, a.CS) == (b.IS, b.SEF, b.PO, b.CS)
        assert all(a.EU[x] == b.EU[x] for x in a.X)
        k = a.masks()
        assert a.EF == [x for x in a.X if is_EF(m, x)]
        for i, x in enumerate(a.X):
            assert k["EF"][i] == is_EF(m, x) and k["IS"][i] == is_IS(m, x)
            assert k["SEF"][i] == is_SEF(m, x)
            if isinstance(m, Market) and type(m) is Market and i % 3 == 0:
                assert k["CS"][i] == is_CS(m, x) and k["weakly_PO"][i] == is_weakly_PO(m, x)


def test_section_7_claims_depend_on_payoffs_only_through_each_players_order():
    """The dense-rank reduction of the game corpora: a random increasing map of each player's
    payoffs changes no outcome of Theorems 8-11."""
    rng = random.Random(5)
    games = list(itertools.islice(SEF_GAMES.instances(2), 0, None, 97))
    for g in games:
        image = []
        for t in types_of(g):
            vals = sorted({v for seq in t for v in seq})
            new, acc = {}, Q(rng.randint(0, 3), 2)
            for v in vals:
                new[v] = acc
                acc += Q(rng.randint(1, 5), rng.randint(1, 4))
            image.append([[new[v] for v in seq] for seq in t])
        h = game_of(image)
        for c in (section7.theorem_8, section7.theorem_9, section7.theorem_10,
                  section7.theorem_11_sne):
            a, b = c.predicate(g), c.predicate(h)
            assert (a.ok, a.met) == (b.ok, b.met)


NEW = ["sef/theorem-8", "sef/theorem-9", "sef/theorem-10", "sef/theorem-11-sne",
       "sef/door-time-properties", "sef/lemma-1", "sef/remark-nondecreasing-f",
       "sef/selective-tie-free", "sef/c6-implications", "sef/c19-equivalences"]


@pytest.mark.parametrize("cid", NEW)
def test_declared_invariance_holds_on_samples(cid):
    for seed in (0, 1):
        assert invariance_violation(REGISTRY[cid], samples=8, seed=seed, size=1) is None


# -- verdicts and non-vacuous counts ----------------------------------------------------------

@pytest.mark.parametrize("cid, size, total, met", [
    ("sef/theorem-8", 2, 183 + 2397, 183 + 2397),
    ("sef/theorem-9", 1, 183, 183),
    ("sef/theorem-10", 2, 417 + 3077, 417 + 3077),
    ("sef/theorem-11-sne", 2, 417 + 3077, 417 + 3077),
    ("sef/lemma-1", 1, 11, 11), ("sef/lemma-2", 1, 11, 11), ("sef/lemma-3", 1, 11, 11),
    ("sef/c6-strict", 1, 2, 2), ("sef/nyc-neither-ef-nor-po-mechanism", 1, 3, 3),
    ("sef/selective-tie-free", 1, 1092, 1092),
])
def test_new_claims_verified_with_their_non_vacuous_counts(cid, size, total, met):
    v = check(cid, size=size)
    assert v.kind == "verified" and v.total == total and v.met == met


def test_door_time_b_erratum_minimal():
    v = check("sef/door-time-b")
    assert v.kind == "refuted" and v.known_erratum
    assert v.counterexample["instance"]["utilities"] == [[0, 0, 1]] * 3
    assert v.counterexample["violation"]["pools"] == [0, 1]


def test_lemma_3_premises_are_reported_unmet():
    out = lemmas.lemma_3.predicate(TRADE_MARKETS[0])
    assert out.ok and out.met and out.data == {"lemma_3_premises_met": False}


@pytest.mark.slow
def test_trade_markets_are_those_the_seeded_search_finds():
    found = lemmas.trade_search(seed=1, limit=2)
    assert [Market.of(u, q) for u, q in found] == list(TRADE_MARKETS[1:3])


# -- mutants: each claim fails on a deliberately broken mechanism -------------------------------

def _no_returns(monkeypatch):
    """Tickets without re-entries (the NYC rule R4): nobody ever returns a ticket."""
    for where in ("proofs.sef.tickets.unstable_agents", "proofs.sef.doortimes.unstable_agents"):
        monkeypatch.setattr(where, lambda market, room: [])


def test_mutant_tickets_without_returns_fails_theorems_8_and_10(monkeypatch):
    _no_returns(monkeypatch)
    assert _first_failure(section7.theorem_8, GAMES.instances(1)) is not None
    assert _first_failure(section7.theorem_10, SEF_GAMES.instances(2)) is not None
    assert _first_failure(claims.theorem_10_lottery, SEF_CORPUS.instances(1)) is not None
    assert not lemmas.door_time_properties.predicate(NYC6).ok          # (F) fails


def test_mutant_ttc_without_trades_fails_theorem_9(monkeypatch):
    from proofs.sef.game import lottery_game
    g = lottery_game(TRADE_MARKETS[0])     # note C9: a Tickets outcome two players improve on
    assert section7.theorem_9.predicate(g).ok
    monkeypatch.setattr(section7, "ttc_all_outcomes", lambda g, x: {tuple(x): None})
    assert not section7.theorem_9.predicate(g).ok


def test_mutant_blocking_ignored_fails_theorem_11(monkeypatch):
    monkeypatch.setattr(Analysis, "blocker", lambda self, x: None)       # CS = IS
    assert _first_failure(section7.theorem_11_sne, SEF_GAMES.instances(1)) is not None
    assert _first_failure(claims.theorem_11_sne_lottery, SEF_CORPUS.instances(1)) is not None
    assert not remarks.c6_strict.predicate(remarks.EX2).ok


def test_mutant_door_clock_fails_lemmas(monkeypatch):
    real = lemmas.door_table

    def late_pools(market, events):
        d = real(market, events)
        d.t_pool = {j: d.T for j in d.t_pool}
        return d
    monkeypatch.setattr(lemmas, "door_table", late_pools)
    for c in (lemmas.lemma_1, lemmas.lemma_2, lemmas.lemma_3):
        assert not c.predicate(TRADE_MARKETS[1]).ok


def test_mutant_decreasing_f_fails_the_remark(monkeypatch):
    monkeypatch.setitem(FMarket.F, "z^2", lambda z: 1 / z)
    assert _first_failure(remarks.remark_nondecreasing_f, SMALL.instances(1)) is not None


def test_mutant_tie_free_test_fails_selective(monkeypatch):
    monkeypatch.setattr(remarks, "is_tie_free", lambda market: True)
    assert _first_failure(remarks.selective_tie_free, SMALL.instances(1)) is not None


def test_mutant_masks_fail_c6(monkeypatch):
    real = Analysis.masks

    def broken(self):
        k = real(self)
        return dict(k, IS=k["SEF"])
    monkeypatch.setattr(Analysis, "masks", broken)
    assert _first_failure(remarks.c6_implications, SMALL.instances(1)) is not None


def test_mutant_strict_nash_fails_c19(monkeypatch):
    from proofs.sef import game
    monkeypatch.setattr(remarks, "is_nash", lambda g, s: game.is_sef_profile(g, s))
    assert _first_failure(remarks.c19_equivalences, SMALL.instances(1)) is not None


def test_mutant_perfect_nyc_fails_the_mechanism_reading(monkeypatch):
    monkeypatch.setattr(remarks, "nyc_outcomes", lambda m, o: frozenset({analyse(m).PO[0]}))
    assert not remarks.nyc_mechanism.predicate(1).ok


def test_mutant_search_fails_strict_uniqueness(monkeypatch):
    from proofs.sef import errata
    monkeypatch.setattr(errata, "other_equilibrium", lambda market, P0: ((1, 1), P0))
    assert _first_failure(errata.hz_strict_uniqueness_search,
                          errata.HZ4.instances(1)) is not None


def test_potential_claim_psi_is_the_notes_psi():
    """The claim reads Psi off the lexicographic potential (0 when a utility factor is 0)."""
    from proofs.sef.game import lex_potential, potential
    for m in itertools.islice(CORPUS.instances(2), 0, None, 97):
        for x in analyse(m).X:
            zeros, v = lex_potential(m, x)
            assert (v if zeros == 0 else 0) == potential(m, x)


def test_mutant_potential_without_congestion_fails(monkeypatch):
    """A 'potential' that forgets the congestion factors is no potential: the claim fails."""
    def utilities_only(market, x):
        v = Q(1)
        for i, j in enumerate(x):
            if market.u[i][j] != 0:
                v *= market.u[i][j]
        return (-sum(1 for i, j in enumerate(x) if market.u[i][j] == 0), v)
    monkeypatch.setattr(claims, "lex_potential", utilities_only)
    assert _first_failure(claims.potential_claim, CORPUS.instances(1)) is not None
