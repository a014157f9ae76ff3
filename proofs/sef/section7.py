"""Claims of Section 7 (lottery congestion games) checked on Milchtaich's congestion games with
player-specific payoffs (:mod:`proofs.sef.congestion`), as the theorems are stated.

- ``sef/theorem-8``   (Milchtaich) every game has a pure NE, via Theorem 1 ("Theorem 1 proves
  Theorem 8"): the Tickets algorithm run on the game's payoff table ends at an NE, every order
  and branch, with the invariants F1/F2 and the entry bound of the proof of Theorem 1.
- ``sef/theorem-9``   (Konishi et al.) every game has a strong NE, via Theorem 2: every
  Tickets-TTC outcome (every order, branch and admissible TTC tie-break) is an SNE.
- ``sef/theorem-10``  an SEF NE exists iff the Tickets outcome is SEF (every order, branch).
- ``sef/theorem-11-sne``  an SEF NE is the unique SNE.

Theorems 10 and 11 are checked on :data:`~proofs.sef.congestion.SEF_GAMES` (every game of the
blocks with an SEF profile): their other direction / case is vacuous or Theorem 8. The lottery
games of the sef markets are kept as corollaries in :mod:`proofs.sef.claims`
(``sef/theorem-10-lottery``, ``sef/theorem-11-sne-lottery``).

NE, SEF and SNE are decided by :class:`proofs.sef.anatomy.Analysis` on the game's payoff table
(an SNE is a profile no coalition of strictly gaining movers blocks: Definition 10, the
``blocker`` of Definition 3); Tickets and TTC are the market code run on the table.
"""

from __future__ import annotations

from exact import claim, fails, holds, vacuous

from .anatomy import Analysis
from .congestion import GAMES, SEF_GAMES
from .tickets import Tickets
from .ttc import ttc_all_outcomes

__all__ = ["theorem_8", "theorem_9", "theorem_10", "theorem_11_sne"]

_INV = "players+resources"


@claim("sef/theorem-8", domain=GAMES, invariant=_INV,
       source="Section 7, Theorem 8 (Milchtaich 1996) and 'Theorem 1 proves Theorem 8'",
       statement="Every congestion game with player-specific payoffs nonincreasing in the count "
                 "has a pure NE: the Tickets algorithm on its payoff table ends at an NE (7.1) "
                 "for every arrival order and every tie-break/returning-agent choice, within "
                 "n(n+1)/2 entries, with F1 and F2 of the proof of Theorem 1.")
def theorem_8(game):
    t = Tickets(game)
    leaves = sorted(t.all_leaves())
    a = Analysis(game)
    for x in leaves:
        v = a.is_violations[a.index(x)]
        if v is not None:
            return fails(outcome=x, player=v[0], better_strategy=v[1])
    inv = t.invariants()
    if not (inv["f1"] and inv["f2"] and inv["bound"]):
        return fails(invariants=inv)
    return holds(ne=leaves[0], outcomes=len(leaves))


@claim("sef/theorem-9", domain=GAMES, invariant=_INV,
       source="Section 7, Theorem 9 (Konishi et al. 1997) and its proof 'from Theorem 2'",
       statement="Every congestion game with player-specific payoffs nonincreasing in the count "
                 "has a strong NE: TTC on the game's 'lottery housing market' from every Tickets "
                 "outcome (every order and branch), under every admissible tie-break (Section "
                 "5.2), ends at an SNE (Definition 10).")
def theorem_9(game):
    a = Analysis(game)
    for x in sorted(Tickets(game).all_leaves()):
        for y, tie in ttc_all_outcomes(game, x).items():
            b = a.blocker(y)
            if b is not None:
                return fails(tickets=x, tie_break=tie, ttc=y, blocked_by=b)
    return holds()


@claim("sef/theorem-10", domain=SEF_GAMES, invariant=_INV, source="Section 7, Theorem 10",
       statement="A congestion game with player-specific payoffs has an NE that is SEF (7.2) "
                 "iff the outcome of the Tickets algorithm is SEF: on every game of the blocks "
                 "with an SEF NE, every Tickets outcome (every order and branch) is SEF (the "
                 "converse holds as Tickets outcomes are NE, sef/theorem-8).")
def theorem_10(game):
    a = Analysis(game)
    sef_ne = [s for s in a.SEF]                # SEF profiles are NE (SEF => IS)
    if not sef_ne:
        return vacuous()
    leaves = sorted(Tickets(game).all_leaves())
    bad = [x for x in leaves if x not in sef_ne]
    if bad:
        return fails(sef_ne=sef_ne, tickets_outcome=bad[0])
    return holds(sef_ne=sef_ne[0])


@claim("sef/theorem-11-sne", domain=SEF_GAMES, invariant=_INV,
       source="Section 7, Theorem 11 (first sentence)",
       statement="In a congestion game with player-specific payoffs, an NE that is SEF is the "
                 "unique strong NE (Definition 10).")
def theorem_11_sne(game):
    a = Analysis(game)
    if not a.SEF:
        return vacuous()
    if a.CS != a.SEF[:1] or len(a.SEF) != 1:
        return fails(sef_ne=a.SEF, sne=a.CS)
    return holds(sne=a.SEF[0])
