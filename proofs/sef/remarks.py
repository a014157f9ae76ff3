"""Claims on the paper's remarks and side statements that hold (their false neighbours are in
:mod:`proofs.sef.errata`).

- ``sef/remark-nondecreasing-f``  the Remark after (4.3) for f nondecreasing in z (note C24):
  Theorems 1, 3, 4 and 6 with ``EU_i = u_ij f(z_j)``, f(z) = z^2 and a step function.
- ``sef/selective-tie-free``  note C9's positive half: under the tie-free condition (TF) every
  CS allocation is PO within X, so Tickets-TTC only reaches outcomes no NE Pareto-dominates.
- ``sef/c6-implications``  after Definitions 3-4 and 6 (note C6): SEF => EF => IS, CS => IS,
  CS => weakly PO, on every allocation.
- ``sef/c6-strict``  the converses fail: Example 2's x is IS and not CS, Example 4's x' is IS
  and not weakly PO.
- ``sef/c19-equivalences``  Section 7 (note C19): on the lottery game, NE <=> IS, SNE <=> CS,
  EF/SEF profile <=> EF/SEF allocation, an EF or SEF profile is an NE -- the game's own
  definitions (7.1), (7.2), Definition 10 against the market's (Definitions 1-3, 6).
- ``sef/nyc-neither-ef-nor-po-mechanism``  Section 3.1 read at the mechanism level: on every
  family of small markets, the NYC lottery has an outcome that is not EF although an EF
  allocation exists, and an outcome that is not PO (the allocation-level reading of the same
  sentence is the erratum ``sef/nyc-neither-ef-nor-po``).
"""

from __future__ import annotations

import itertools

from exact import claim, fails, holds, vacuous
from exact.domains import Enumerated

from .anatomy import Analysis, analyse
from .domains import SMALL, Corpus, MarketList
from .efficiency import CS_violation
from .errata import FMarket
from .game import is_nash, is_sef_profile, is_strong_nash, lottery_game, payoffs, profiles
from .instances import EX2, EX4
from .model import IS_violation, counts, is_EF, is_SEF, zeta
from .tickets import Tickets, nyc_outcomes, tickets_of
from .ttc import ttc_all_outcomes

__all__ = ["remark_nondecreasing_f", "selective_tie_free", "c6_implications", "c6_strict",
           "c19_equivalences", "nyc_mechanism", "TIE_FREE", "is_tie_free"]


@claim("sef/remark-nondecreasing-f", domain=SMALL, invariant="agents", size=2,
       source="Remark after (4.3); note C24 (the nondecreasing half)",
       statement="With EU_i = u_ij f(z_j(x)) for f nondecreasing in z (f(z) = z^2 and the step "
                 "f(z) = 1/2 for z < 1/2, 1 for z >= 1/2), on the small markets of sizes 1-2: "
                 "Tickets ends at an IS allocation for every order and branch (Theorem 1), an "
                 "SEF allocation is PO (Theorem 3) and the unique IS and PO allocation (Theorem "
                 "4), and every Tickets outcome is the SEF when one exists (Theorem 6).")
def remark_nondecreasing_f(market):
    for f in ("z^2", "step"):
        fm = FMarket(market.u, market.q, f)
        a = Analysis(fm)
        leaves = sorted(Tickets(fm).all_leaves())
        for x in leaves:
            if x not in a.IS:
                return fails(f=f, theorem=1, outcome=x)
        for x in a.SEF:
            if a.dominator(x) is not None:
                return fails(f=f, theorem=3, sef=x, dominated_by=a.dominator(x))
            others = [y for y in a.IS if y != x and a.dominator(y) is None]
            if others:
                return fails(f=f, theorem=4, sef=x, other_IS_PO=others[0])
            if leaves != [x]:
                return fails(f=f, theorem=6, sef=x, tickets=leaves)
    return holds()


def is_tie_free(market) -> bool:
    """The tie-free condition TF (note C9): for every agent, the positive values
    ``u_ij zeta(k, q_j)``, ``k = 1..n``, of different pools j are distinct."""
    for row in market.u:
        seen = {}
        for j, uj in enumerate(row):
            for k in range(1, market.n + 1):
                v = uj * zeta(k, market.q[j])
                if v > 0 and seen.setdefault(v, j) != j:
                    return False
    return True


#: tie-free markets: each row's positive utilities are distinct primes larger than 2n (a tie
#: u_ij q_j k' = u_il q_l k with k, k' <= n and q <= 2 is then impossible); every market is
#: still checked for TF
TIE_FREE = Corpus({
    1: [(3, 2, (0, 7, 11, 13), [(1, 1), (1, 2), (2, 1)])],
    2: [(4, 2, (0, 11, 13, 17), [(1, 1), (1, 2)])],
    3: [(3, 3, (0, 7, 11), [(1, 1, 1), (1, 1, 2)])],
}, name="tie-free markets: (n3,m2,u in {0,7,11,13}) | (n4,m2,u in {0,11,13,17}) | "
        "(n3,m3,u in {0,7,11}), positive utilities of a row distinct", default=(1, 2, 3),
    distinct=True)


@claim("sef/selective-tie-free", domain=TIE_FREE, invariant="agents",
       source="Section 5.2 and Fig. 1 note ('selective'); note C9, the tie-free half",
       statement="Under the tie-free condition (for every agent, the positive values u_ij "
                 "zeta(k, q_j), k = 1..n, of different pools are distinct): every CS allocation "
                 "is PO within X, and every Tickets-TTC outcome (every order, branch and "
                 "admissible TTC tie-break) is PO, so no NE Pareto-dominates it.")
def selective_tie_free(market):
    if not is_tie_free(market):
        return vacuous()
    a = analyse(market)
    for x in a.CS:
        d = a.dominator(x)
        if d is not None:
            return fails(cs=x, dominated_by=d)
    for x in sorted(tickets_of(market).all_leaves()):
        for y, tie in ttc_all_outcomes(market, x).items():
            d = a.dominator(y)
            if d is not None:
                return fails(tickets=x, tie_break=tie, outcome=y, dominated_by=d)
    return holds(cs=len(a.CS))


@claim("sef/c6-implications", domain=SMALL, invariant="agents",
       source="Definitions 1-6 and the text after Definitions 3-4; note C6",
       statement="For every allocation of every small market: SEF => EF => IS (Definitions 6, "
                 "1, 2), CS => IS and CS => weakly PO (Definitions 3, 4), each side decided by "
                 "its own definition (anatomy.Analysis.masks, cross-checked in the tests "
                 "against model.is_SEF/is_EF/is_IS and efficiency.is_CS/is_weakly_PO).")
def c6_implications(market):
    k = analyse(market).masks()
    for name, premise, conclusion in (("SEF => EF", "SEF", "EF"), ("EF => IS", "EF", "IS"),
                                      ("CS => IS", "CS", "IS"),
                                      ("CS => weakly PO", "CS", "weakly_PO")):
        bad = k[premise] & ~k[conclusion]
        if bad.any():
            return fails(implication=name, allocation=analyse(market).X[int(bad.argmax())])
    return holds()


@claim("sef/c6-strict", domain=MarketList([EX2, EX4], name="Examples 2 and 4"), invariant="agents",
       source="Examples 2 and 4 (Sections 5.1-5.3); note C6, C12",
       statement="The implications of sef/c6-implications do not reverse: Example 2 has an IS "
                 "allocation that is not CS, Example 4 an IS allocation that is not weakly PO "
                 "(each market: an IS allocation that is not CS and, for Example 4, not weakly "
                 "PO, found by enumeration).")
def c6_strict(market):
    a = analyse(market)
    not_cs = [x for x in a.IS if a.blocker(x) is not None]
    if not not_cs:
        return fails(IS_not_CS=None)
    if market.m == 2:                                # Example 4 (and its relabellings)
        not_wpo = [x for x in a.IS if a.weak_dominator(x) is not None]
        if not not_wpo:
            return fails(IS_not_weakly_PO=None)
        return holds(IS_not_CS=not_cs[0], IS_not_weakly_PO=not_wpo[0])
    return holds(IS_not_CS=not_cs[0], blocked_by=a.blocker(not_cs[0]))


@claim("sef/c19-equivalences", domain=SMALL, invariant="agents", size=2,
       source="Section 7, Definitions 8-10 and the text after them; note C19",
       statement="On the lottery congestion game of every small market of sizes 1-2, for every "
                 "profile s: s is an NE (7.1) iff x(s) is IS (Definition 2); s is an SNE "
                 "(Definition 10) iff x(s) is CS (Definition 3); s is EF/SEF (7.2) iff x(s) is "
                 "EF/SEF (Definitions 1, 6); an EF or SEF profile is an NE.")
def c19_equivalences(market):
    g = lottery_game(market)
    every = profiles(g)
    for s in every:
        ne, is_ = is_nash(g, s), IS_violation(market, s) is None
        if ne != is_:
            return fails(profile=s, NE=ne, IS=is_)
        sef_p, sef_x = is_sef_profile(g, s), is_SEF(market, s)
        ef_p = all(payoffs(g, s)[i] >= g.values[i][j][counts(market, s)[j]]
                   for i in range(g.n) for j in range(g.m))
        if sef_p != sef_x or ef_p != is_EF(market, s):
            return fails(profile=s, SEF_profile=sef_p, SEF=sef_x, EF_profile=ef_p)
        if (ef_p or sef_p) and not ne:
            return fails(profile=s, EF_profile=ef_p, NE=ne)
        if ne:
            sne, cs = is_strong_nash(g, s, every), CS_violation(market, s) is None
            if sne != cs:
                return fails(profile=s, SNE=sne, CS=cs)
    return holds()


def _nyc_family(size: int):
    """Witnesses in SMALL size ``size``: a market with an EF allocation and a non-EF NYC
    outcome, and a market with a non-PO NYC outcome (every order and tie-break)."""
    not_ef = not_po = None
    for market in SMALL.instances(size):
        a = analyse(market)
        outs = sorted(set().union(*(nyc_outcomes(market, o)
                                    for o in itertools.permutations(range(market.n)))))
        if not_ef is None and any(is_EF(market, x) for x in a.X):
            y = next((y for y in outs if not is_EF(market, y)), None)
            if y is not None:
                not_ef = (market, y)
        if not_po is None:
            y = next((y for y in outs if a.dominator(y) is not None), None)
            if y is not None:
                not_po = (market, y, a.dominator(y))
        if not_ef and not_po:
            break
    return not_ef, not_po


@claim("sef/nyc-neither-ef-nor-po-mechanism",
       domain=Enumerated([1, 2, 3], name="the families of small markets of sizes 1, 2, 3 "
                                         "(instance = the size)"),
       source="Section 3.1 ('the NYC lottery is neither EF nor PO'), mechanism reading",
       statement="Read at the mechanism level: on each family of small markets (sizes 1-3), "
                 "the NYC lottery (every order and tie-break) is not EF -- some market with an "
                 "EF allocation gets a non-EF NYC outcome -- and not PO -- some market gets an "
                 "NYC outcome that another allocation Pareto-dominates.")
def nyc_mechanism(size):
    not_ef, not_po = _nyc_family(size)
    if not_ef is None or not_po is None:
        return fails(not_EF_witness=not_ef and not_ef[0].to_json(),
                     not_PO_witness=not_po and not_po[0].to_json())
    return holds(not_EF=not_ef[0].to_json(), nyc_not_EF=not_ef[1], not_PO=not_po[0].to_json(),
                 nyc_not_PO=not_po[1], dominated_by=not_po[2])
