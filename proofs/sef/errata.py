"""Errata of the sef paper: false statements registered with ``erratum=`` (expected refuted),
their corrected versions, and the note's false side claims (S7-S12).

- ``sef/theorem-7``: P(x*) is the HZ equilibrium assignment. False when some community is
  undersubscribed (n_j(x*) < q_j): P(x*) cannot clear that market at any prices. Checked on
  markets where every community is valued by someone (the lead witness u = ((0,1),(1,3)) is
  substantive), and the record carries an exact HZ equilibrium with another assignment.
- ``sef/theorem-7-po``: the weaker consequence "P(x*) is full-space ex-ante PO". False.
- ``sef/theorem-7-uniqueness``: with every community weakly oversubscribed, P(x*) is the *unique*
  HZ equilibrium assignment. False (a second equilibrium, found by the exact m = 2 search).
- ``sef/theorem-11``: the SEF NE induces *a unique* HZ equilibrium matrix. False (same).
- ``sef/theorem-7-corrected``: if every n_j(x*) >= q_j, (P(x*), h_j = n_j/q_j) is an HZ
  equilibrium. Verified.
- ``sef/theorem-1-proof-monotone`` (S7), ``sef/selective`` (S8), ``sef/nyc-neither-ef-nor-po``
  (S9), ``sef/remark-nonincreasing-f`` (S10), ``sef/sef-iff-ef-strict`` (S11),
  ``sef/sne-iff-weakly-po`` (S12): false side claims.
- ``sef/hz-strict-uniqueness-search``: the note's open conjecture (uniqueness when every
  community is strictly oversubscribed), checked *relative to the price search* only: the
  regime candidates and the grid {k/d : d <= 4, k/d <= 4}^2, with the whole clearing set at
  each candidate examined exactly. It is a search, not a decision of uniqueness.

The domains are ordered from small to large (fewer agents first, then smaller utilities), so
each refutation is the first failing market in that order: minimal in the corpus, not
necessarily the note's witness (the report lists both).
"""

from __future__ import annotations

import itertools

from exact import claim, fails, holds, vacuous
from exact.numbers import Q

from .domains import SMALL, Corpus, WithPaper
from .instances import EX2, EX3, EX4, EX5, NYC6
from .anatomy import analyse
from .efficiency import dominates
from .game import is_strong_nash, lottery_game, nash_equilibria, profiles
from .hz import (equilibria_float_search, fullspace_gain, other_clearing, price_grid,
                 regime_candidates, sef_prices, verify_equilibrium)
from .model import Market, counts, eu, induced_lottery, is_EF, is_SEF
from .replays import replay_theorem_7, replay_theorem_11, replay_theorem_7_uniqueness
from .tickets import Tickets, nyc_outcomes, tickets_of
from .ttc import ttc_all_outcomes

__all__ = ["theorem_7", "theorem_7_po", "theorem_7_uniqueness", "theorem_11",
           "theorem_7_corrected", "theorem_1_proof_monotone", "selective",
           "nyc_neither_ef_nor_po", "remark_nonincreasing_f", "sef_iff_ef_strict",
           "sne_iff_weakly_po", "HZ2", "HZ4", "other_equilibrium", "FMarket",
           "hz_strict_uniqueness_search"]

#: HZ markets with m = 2, q = (1, 1), n = 2 and 3, graded by the largest utility (size = umax);
#: both goods valued by someone (a good nobody values clears at price 0 and says nothing)
HZ2 = Corpus({k: [(2, 2, k, [(1, 1)], True), (3, 2, k, [(1, 1)], True)] for k in range(1, 7)},
             name="n=2 then n=3, m=2, q=(1,1), size = largest utility, every good valued",
             default=(1, 2, 3), valued=True)

#: the small markets in which every community has a positive utility for some agent: the
#: Theorem 7 failures found there are substantive (not a good nobody wants)
SMALL_VALUED = Corpus(SMALL.blocks, name="small markets, every community valued by some agent: "
                      "(n2,m2,u<=3) | (n3,m2,u<=3) | (n3,m3,u<=2) | opt-in (n4,m2,u<=3)",
                      default=(1, 2, 3), valued=True)


def hz_certificate(market, P0):
    """An exact HZ equilibrium ``(h, P)`` with ``P != P0`` (unit budgets), or None.

    m = 2: the candidate prices of :func:`other_equilibrium`; otherwise the float-guided
    :func:`proofs.sef.hz.equilibria_float_search`. Either way ``(h, P)`` passed
    :func:`proofs.sef.hz.verify_equilibrium` exactly (and the replays re-check it without a
    solver).
    """
    if market.m == 2:
        return other_equilibrium(market, P0)
    P0 = tuple(tuple(Q(x) for x in row) for row in P0)
    for h, P in equilibria_float_search(market):
        if tuple(P) != P0:
            return h, P
    return None


def _oversubscribed(market, x) -> bool:
    return all(c >= q for c, q in zip(counts(market, x), market.q))


@claim("sef/theorem-7", domain=SMALL_VALUED, invariant="agents", replay=replay_theorem_7,
       source="Section 6, Theorem 7 (proof App. IX)",
       statement="If x* is SEF, P(x*) is the HZ competitive-equilibrium assignment with unit "
                 "budgets (prices h_j = 1/z_j(x*)).",
       erratum="an SEF may leave a community undersubscribed (n_j < q_j); then P(x*) does not "
               "clear that market at any prices (the proof's step b assumes n_j >= q_j); the "
               "record carries an exact HZ equilibrium with another assignment")
def theorem_7(market):
    a = analyse(market)
    if a.sef is None or market.n < sum(market.q):
        return vacuous()
    P = induced_lottery(market, a.sef)
    why = verify_equilibrium(market, P, sef_prices(market, a.sef))
    if why is None:
        return holds(sef=a.sef)
    cert = hz_certificate(market, P)
    return fails(sef=a.sef, P=P, failed=why, counts=counts(market, a.sef),
                 eq_prices=cert[0] if cert else None, eq_P=cert[1] if cert else None)


@claim("sef/theorem-7-po", domain=SMALL_VALUED, invariant="agents",
       source="Section 6, Theorem 7 (consequence); note C10b",
       statement="If x* is SEF, P(x*) is full-space ex-ante Pareto optimal (as every HZ "
                 "equilibrium assignment is).",
       erratum="an undersubscribed SEF can be Pareto-dominated by a random assignment outside "
               "the ticket allocations (exact LP gain > 0)")
def theorem_7_po(market):
    a = analyse(market)
    if a.sef is None or market.n < sum(market.q):
        return vacuous()
    gain, better = fullspace_gain(market, induced_lottery(market, a.sef))
    if gain == 0:
        return holds()
    return fails(sef=a.sef, gain=gain, dominating_assignment=better)


#: the price grid of the HZ searches: {k/d : d <= GRID_DEN, 0 <= k/d <= GRID_TOP}^2
GRID_TOP, GRID_DEN = 4, 4


def other_equilibrium(market, P0, top: int = GRID_TOP, den: int = GRID_DEN):
    """An HZ equilibrium ``(h, P)`` with ``P != P0`` whose prices are a regime candidate
    (:func:`proofs.sef.hz.regime_candidates`) or on the grid ``price_grid(top, den)^2``
    (m = 2), or None. At each candidate the whole clearing set is examined exactly
    (:func:`proofs.sef.hz.other_clearing`), so the answer is label-free; a search, not a proof
    that no other equilibrium exists off the candidates."""
    g = price_grid(top, den)
    P0 = tuple(tuple(Q(x) for x in row) for row in P0)
    for h in sorted(regime_candidates(market) | {(a, b) for a in g for b in g}):
        P = other_clearing(market, h, P0)
        if P is not None and verify_equilibrium(market, P, h) is None:
            return h, P
    return None


def _uniqueness(market):
    a = analyse(market)
    if a.sef is None or not _oversubscribed(market, a.sef):
        return vacuous()
    P0 = induced_lottery(market, a.sef)
    h0 = sef_prices(market, a.sef)
    if verify_equilibrium(market, P0, h0) is not None:
        return fails(sef=a.sef, not_equilibrium=h0)
    other = other_equilibrium(market, P0)
    if other is None:
        return holds(sef=a.sef, prices=h0)
    return fails(sef=a.sef, sef_prices=h0, P_sef=P0, eu_sef=eu(market, a.sef),
                 other_prices=other[0], other_P=other[1],
                 other_eu=tuple(sum(u * p for u, p in zip(market.u[i], other[1][i][:market.m]))
                                for i in range(market.n)))


@claim("sef/theorem-7-uniqueness", domain=HZ2, invariant="agents", source="Section 6, Theorem 7 ('the unique'); S1b",
       statement="If x* is SEF and every community is weakly oversubscribed, P(x*) is the unique "
                 "HZ equilibrium assignment (unit budgets).",
       erratum="uniqueness is asserted but not proved; a second HZ equilibrium with a different "
               "assignment exists (found by the exact m = 2 price search, verified exactly)",
       replay=replay_theorem_7_uniqueness)
def theorem_7_uniqueness(market):
    return _uniqueness(market)


@claim("sef/theorem-11", domain=HZ2, invariant="agents", source="Section 7, Theorem 11",
       statement="An SEF NE s* is the unique SNE and induces a unique probability matrix at an HZ "
                 "competitive equilibrium with unit budgets.",
       erratum="the HZ part fails: P(x*) is not an equilibrium when a community is "
               "undersubscribed, and not the unique one otherwise (see sef/theorem-7-uniqueness)",
       replay=replay_theorem_11)
def theorem_11(market):
    a = analyse(market)
    if a.sef is None:
        return vacuous()
    if a.CS != [a.sef]:
        return fails(sef=a.sef, sne=a.CS)
    if not _oversubscribed(market, a.sef):
        P0 = induced_lottery(market, a.sef)
        cert = hz_certificate(market, P0)
        return fails(sef=a.sef, undersubscribed=counts(market, a.sef),
                     eq_prices=cert[0] if cert else None, eq_P=cert[1] if cert else None)
    return _uniqueness(market)


@claim("sef/theorem-7-corrected", domain=SMALL, invariant="agents",
       source="Section 6, Theorem 7 corrected (note S1)",
       statement="If x* is SEF and n_j(x*) >= q_j for every community, then (P(x*), h_j = "
                 "n_j(x*)/q_j) is an HZ equilibrium with unit budgets, and P(x*) is full-space PO.")
def theorem_7_corrected(market):
    a = analyse(market)
    if a.sef is None or not _oversubscribed(market, a.sef):
        return vacuous()
    P = induced_lottery(market, a.sef)
    h = sef_prices(market, a.sef)
    why = verify_equilibrium(market, P, h)
    if why is not None:
        return fails(sef=a.sef, prices=h, failed=why)
    gain, better = fullspace_gain(market, P)
    if gain != 0:
        return fails(sef=a.sef, gain=gain, dominating_assignment=better)
    return holds(sef=a.sef, prices=h)


@claim("sef/theorem-1-proof-monotone", domain=SMALL, invariant="agents",
       source="App. IX.B, proof of Theorem 1; S7",
       statement="From x^{i-1} to x^i the expected utilities of the agents already inside are "
                 "nonincreasing (every order, every branch).",
       erratum="a returning agent can move to a pool whose value rose relative to her old one; "
               "incumbents' expected utility can increase (termination still holds, via F1/F2)")
def theorem_1_proof_monotone(market):
    t = Tickets(market)
    for order in itertools.permutations(range(market.n)):
        rooms = {(None,) * market.n}
        for a in order:
            nxt = set()
            for r in rooms:
                for r2 in t.step(r, a).rooms:
                    before, after = _room_eu(market, r), _room_eu(market, r2)
                    for i, v in before.items():
                        if after[i] > v:
                            return fails(order=order, before=r, after=r2, agent=i,
                                         eu_before=v, eu_after=after[i])
                    nxt.add(r2)
            rooms = nxt
    return holds()


def _room_eu(market, room) -> dict:
    c = [0] * market.m
    for j in room:
        if j is not None:
            c[j] += 1
    return {i: market.values[i][j][c[j]] for i, j in enumerate(room) if j is not None}


@claim("sef/selective", domain=SMALL, invariant="agents",
       source="Section 5.2 text and Fig. 1 note; S8 / C9",
       statement="Tickets-TTC only reaches outcomes that no other NE (IS allocation) Pareto-"
                 "dominates (every order, branch and TTC tie-break).",
       erratum="with value ties an agent can take a pool whose empty alternative TTC can never "
               "trade back; the outcome is then Pareto-dominated by another NE")
def selective(market):
    a = analyse(market)
    for x in sorted(tickets_of(market).all_leaves()):
        for y, tie in ttc_all_outcomes(market, x).items():
            for w in a.IS:
                if dominates(a.EU[w], a.EU[y]):
                    return fails(tickets=x, tie_break=tie, outcome=y, eu=a.EU[y],
                                 dominated_by=w, eu_dominating=a.EU[w])
    return holds()


NYC_DOMAIN = WithPaper(SMALL, [EX4, EX5, EX2, EX3, NYC6],
                       name="small markets | size 5: the paper's markets (Ex 4, 5, 2, 3, NYC-6)")


@claim("sef/nyc-neither-ef-nor-po", domain=NYC_DOMAIN, invariant="agents",
       source="Section 3.1 and Introduction; S9",
       statement="Allocation reading of 'the NYC lottery is neither EF nor PO': when an SEF "
                 "exists and the NYC lottery misses it, that NYC outcome is neither EF nor PO "
                 "(every order and tie-break). The mechanism reading is "
                 "sef/nyc-neither-ef-nor-po-mechanism.",
       erratum="such an NYC outcome is never EF (Theorem 4, C11e) but can be PO within X")
def nyc_neither_ef_nor_po(market):
    a = analyse(market)
    if a.sef is None:
        return vacuous()
    missed = False
    for order in itertools.permutations(range(market.n)):
        for y in sorted(nyc_outcomes(market, order)):
            if y != a.sef:
                missed = True
                if is_EF(market, y) or a.dominator(y) is None:
                    return fails(order=order, nyc=y, sef=a.sef, EF=is_EF(market, y),
                                 PO=a.dominator(y) is None)
    return holds() if missed else vacuous(nyc_reaches_sef=True)


class FMarket(Market):
    """A market with payoffs ``u_ij f(z_j)`` (the Remark after (4.3)); ``f`` by name."""

    F = {"1/z": lambda z: 1 / z, "z^2": lambda z: z * z,
         "step": lambda z: Q(1, 2) if z < Q(1, 2) else Q(1)}

    def __init__(self, u, q, f):
        object.__setattr__(self, "u", u)
        object.__setattr__(self, "q", q)
        object.__setattr__(self, "f", f)

    @property
    def values(self):
        from .model import zeta
        v = self.__dict__.get("_values")
        if v is None:
            f = self.F[self.f]
            v = tuple(tuple(tuple(self.u[i][j] * f(zeta(k, self.q[j])) for k in range(self.n + 2))
                            for j in range(self.m)) for i in range(self.n))
            object.__setattr__(self, "_values", v)
        return v

    def __hash__(self):
        return hash((self.u, self.q, self.f))

    def __eq__(self, other):
        return isinstance(other, FMarket) and (self.u, self.q, self.f) == \
            (other.u, other.q, other.f)


@claim("sef/remark-nonincreasing-f", domain=SMALL, invariant="agents",
       source="Remark after (4.3); S10 / C24",
       statement="Theorem 3 (SEF => PO) still holds with EU_i = u_ij f(z_j) for f nonincreasing "
                 "in z (checked with f(z) = 1/z).",
       erratum="with f decreasing in z, crowding raises payoffs and an SEF can be Pareto-dominated")
def remark_nonincreasing_f(market):
    fm = FMarket(market.u, market.q, "1/z")
    a = analyse(fm)
    if not a.SEF:
        return vacuous()
    for x in a.SEF:
        d = a.dominator(x)
        if d is not None:
            return fails(f="1/z", sef=x, eu=a.EU[x], dominated_by=d, eu_dominating=a.EU[d])
    return holds()


@claim("sef/sef-iff-ef-strict", domain=SMALL, invariant="agents",
       source="Section 5.3, before Definition 6; S11",
       statement="With strict ordinal preferences (u_i1, ..., u_im distinct for every agent), "
                 "every EF allocation is SEF.",
       erratum="a cardinal tie EU_i(x) = u_il z_l(x) can occur with strict ordinal preferences")
def sef_iff_ef_strict(market):
    if any(len(set(r)) != len(r) for r in market.u):
        return vacuous()
    for x in analyse(market).X:
        if is_EF(market, x) and not is_SEF(market, x):
            return fails(allocation=x, eu=eu(market, x))
    return holds()


@claim("sef/sne-iff-weakly-po", domain=SMALL, invariant="agents",
       source="Section 7, after Definition 10; S12",
       statement="A Nash equilibrium whose outcome is weakly PO is a strong Nash equilibrium "
                 "(the characterisation 'an SNE is an NE whose outcome is weakly PO').",
       erratum="true only as an implication (SNE => NE and weakly PO); the converse fails")
def sne_iff_weakly_po(market):
    g = lottery_game(market)
    a = analyse(market)
    every = profiles(g)
    for s in nash_equilibria(g):
        e = a.EU[s]
        weak = not any(all(p > b for p, b in zip(a.EU[y], e)) for y in a.X)
        if weak and not is_strong_nash(g, s, every):
            return fails(ne=s, eu=e, blocked_by=a.blocker(s))
    return holds()


#: n = 4, m = 2, q = (1, 1): strict oversubscription is possible (counts (2, 2))
HZ4 = Corpus({1: [(4, 2, 2, [(1, 1)])], 2: [(4, 2, 3, [(1, 1)], True)]},
             name="n=4, m=2, q=(1,1): u<=2 | opt-in u=3", default=(1,))


@claim("sef/hz-strict-uniqueness-search", domain=HZ4, invariant="agents",
       source="note S1 / C17: open conjecture (ours to test, not the paper's)",
       statement="If x* is SEF and every community is strictly oversubscribed, no HZ equilibrium "
                 "with an assignment other than P(x*) has its prices among the regime candidates "
                 "(proofs.sef.hz.regime_candidates) or on the grid {k/d : d <= 4, 0 <= k/d <= "
                 "4}^2, the whole clearing set examined exactly at each (a search over these "
                 "prices, not a proof of uniqueness over all real prices).")
def hz_strict_uniqueness_search(market):
    a = analyse(market)
    if a.sef is None or not all(c > q for c, q in zip(counts(market, a.sef), market.q)):
        return vacuous()
    other = other_equilibrium(market, induced_lottery(market, a.sef))
    if other is None:
        return holds(sef=a.sef)
    return fails(sef=a.sef, other_prices=other[0], other_P=other[1])
