"""Claims of Wang, Ma & Zhang, "Stable and envy-free lottery allocations for affordable housing"
(2023), checked exactly on finite corpora (``proofs/sef/domains.py``, ``congestion.py``).

Main statements (this file)
---------------------------
- ``sef/theorem-1``  Tickets ends at an IS allocation (every order, every branch) + F1/F2/bound.
- ``sef/theorem-2``  the Tickets-TTC outcome is coalitionally stable (every TTC tie-break).
- ``sef/theorem-3``  an SEF allocation is PO within X.
- ``sef/theorem-4``  an SEF allocation is the unique IS and PO allocation (headline; witness).
- ``sef/theorem-4-corollaries``  note C11a-e (counts, dominance, unique CS, EF iff SEF).
- ``sef/theorem-5``  TTC from any IS allocation reaches the SEF (every TTC tie-break).
- ``sef/theorem-6``  an SEF exists iff x^n is SEF, every order and every branch.
- ``sef/theorem-10-lottery``, ``sef/theorem-11-sne-lottery``  Theorems 10 and 11 (SNE part)
  on the lottery games of the markets (corollaries; the theorems themselves are checked on
  congestion games in :mod:`proofs.sef.section7`).
- ``sef/potential``  the note's multiplicative potential (our own claim).

Elsewhere: :mod:`proofs.sef.section7` (Theorems 8-11 on congestion games with player-specific
payoffs), :mod:`proofs.sef.lemmas` (door-time properties (A)-(G), Lemmas 1-3),
:mod:`proofs.sef.remarks` (the Remark for nondecreasing f, C9's tie-free half, C6/C19, the
NYC sentence read at the mechanism level), :mod:`proofs.sef.errata` (the false statements).

Corpora (agents' rows as multisets, weight = orbit size; every claim declares
``invariant="agents"`` after a check that its statement is label-free):
``CORPUS`` size 1 (n=3, m=2, u<=3, 4 capacity vectors) 2,720 markets; size 2 (n=3, m=3, u<=2)
6,552; size 3 (n=4, m=2, u<=3) 12,240. ``SEF_CORPUS`` (the hypothesis "an SEF exists" met on
every instance: every market of the blocks with an SEF, built around it): size 1 = the 1,779
SEF markets of CORPUS sizes 1-2, size 2 = the 3,994 of size 3, size 3 = 2,645 (n=4, m=3,
u<=2), size 4 = 3,436 (n=3, m=4, u<=2); opt-in size 5: n=4, m=4 and n=5, m=3 (18,137).

Errata (claims with ``erratum=``) live in :mod:`proofs.sef.errata` and
:mod:`proofs.sef.lemmas`. The replay functions of saved records (every field recomputed or
validated, no solver) are in :mod:`proofs.sef.replays`. Worked examples are in
:mod:`proofs.sef.examples`. The statements in these files are the trust basis; the engine is
apparatus.
"""

from __future__ import annotations

from exact import claim, fails, holds, vacuous
from exact.numbers import ZERO

from .domains import CORPUS, SEF_CORPUS
from .anatomy import Analysis, analyse
from .efficiency import dominates
from .fast import as_multiset, outcomes, representative
from .game import is_nash, is_sef_profile, lex_potential, lottery_game
from .model import (IS_violation, SEF_violation, allocations, counts, is_IS,
                    parse_market)
from .replays import replay_theorem_4
from .tickets import Tickets, tickets_of
from .ttc import ttc_all_outcomes

__all__ = ["theorem_1", "theorem_2", "theorem_3", "theorem_4", "theorem_4_corollaries",
           "theorem_5", "theorem_6", "theorem_10_lottery", "theorem_11_sne_lottery",
           "potential_claim"]


@claim("sef/theorem-1", domain=CORPUS, invariant="agents",
       source="Section 5.1, Theorem 1 and its proof (App. IX.B)",
       statement="For every arrival order and every tie-break/returning-agent choice the Tickets "
                 "algorithm stops, within n(n+1)/2 entries, at an IS allocation; only holders of "
                 "the just-entered pool become unstable (F1); nobody re-enters twice in a step (F2).")
def theorem_1(market):
    t = tickets_of(market)
    leaves = t.all_leaves()
    for x in sorted(leaves):
        v = IS_violation(market, x)
        if v is not None:
            return fails(outcome=x, agent=v[0], better_pool=v[1])
    inv = t.invariants()
    if not (inv["f1"] and inv["f2"] and inv["bound"]):
        return fails(invariants=inv)
    return holds(outcomes=sorted(leaves), steps=inv["steps"],
                 max_step_entries=inv["max_step_entries"])


@claim("sef/theorem-2", domain=CORPUS, invariant="agents",
       source="Section 5.2, Theorem 2",
       statement="The Tickets-TTC outcome (TTC on the lottery housing market from any Tickets "
                 "outcome, every order and branch, under every tie-break: each agent's own "
                 "strict refinement of her ranking of the houses by value, with different-type "
                 "houses > own house > own-type houses at equal value) is CS.")
def theorem_2(market):
    # every tie-break via ttc.ttc_all_outcomes (exact outcome set of all admissible profiles);
    # one Tickets outcome per multiset (fast.outcomes = the labelled leaves up to permuting
    # identical agents, an automorphism of the market that maps TTC outcomes and CS to
    # themselves; tests/sef/test_search.py checks fast.outcomes against the labelled search)
    a = analyse(market)
    for x in sorted(representative(market, ms) for ms in outcomes(market)):
        for y, tie in ttc_all_outcomes(market, x).items():
            b = a.blocker(y)
            if b is not None:
                return fails(tickets=x, tie_break=tie, ttc=y, blocked_by=b)
    return holds()


@claim("sef/theorem-3", domain=SEF_CORPUS, invariant="agents",
       source="Section 5.3, Theorem 3",
       statement="Every SEF allocation is Pareto optimal within X.")
def theorem_3(market):
    a = analyse(market)
    if a.sef is None:
        return vacuous()
    d = a.dominator(a.sef)
    return holds(sef=a.sef) if d is None else fails(sef=a.sef, dominated_by=d)


@claim("sef/theorem-4", domain=SEF_CORPUS, invariant="agents",
       source="Section 5.3, Theorem 4 (proof App. IX.C)",
       statement="An SEF allocation is the unique allocation that is both IS and PO.",
       replay=replay_theorem_4)
def theorem_4(market):
    a = analyse(market)
    x = a.sef
    if x is None:
        return vacuous(sef_exists=False)
    if a.dominator(x) is not None:
        return fails(sef=x, not_PO=a.dominator(x))
    e = a.EU[x]
    dominated = []
    for y in a.IS:
        if y == x:
            continue
        if dominates(e, a.EU[y]):
            dominated.append((y, a.EU[y]))
        else:
            d = a.dominator(y)
            return fails(sef=x, other_IS=y, other_PO=d is None, dominated_by=d)
    return holds(sef=x, eu=e, dominated_IS=dominated, not_IS=len(a.X) - len(a.IS))


@claim("sef/theorem-4-corollaries", domain=SEF_CORPUS, invariant="agents",
       source="App. IX.C proof of Theorem 4; note C11",
       statement="If x* is SEF: it is the only SEF (C11a); every IS x has n(x) = n(x*) (C11b); "
                 "every agent who changes pool in an IS x is strictly worse off (C11c); x* is the "
                 "unique CS allocation (C11d); x is EF iff x = x* (C11e).")
def theorem_4_corollaries(market):
    a = analyse(market)
    x = a.sef
    if x is None:
        return vacuous()
    if len(a.SEF) != 1:
        return fails(C11a=a.SEF)
    n0, e = counts(market, x), a.EU[x]
    for y in a.IS:
        if counts(market, y) != n0:
            return fails(C11b=y)
        ey = a.EU[y]
        if any(ey[i] >= e[i] for i in range(market.n) if y[i] != x[i]):
            return fails(C11c=y)
    if a.CS != [x]:
        return fails(C11d=a.CS)
    ef = a.EF                     # Definition 1 on the exact integer table (anatomy)
    if ef != [x]:
        return fails(C11e=ef)
    return holds(sef=x)


@claim("sef/theorem-5", domain=SEF_CORPUS, invariant="agents",
       source="Section 5.3, Theorem 5",
       statement="From every IS allocation, the TTC step under every tie-break (each agent's "
                 "own strict refinement of her ranking of the houses by value, with "
                 "different-type houses > own house > own-type houses at equal value) reaches "
                 "the SEF allocation when one exists.")
def theorem_5(market):
    a = analyse(market)
    if a.sef is None:
        return vacuous()
    for x in a.IS:
        for y, tie in ttc_all_outcomes(market, x).items():
            if y != a.sef:
                return fails(start=x, tie_break=tie, ttc=y, sef=a.sef)
    return holds(sef=a.sef, starts=len(a.IS))


@claim("sef/theorem-6", domain=SEF_CORPUS, invariant="agents",
       source="Section 5.3, Theorem 6 (proof App. IX.D)",
       statement="An SEF allocation exists iff x^n is SEF: when one exists, every order and "
                 "every branch of the Tickets algorithm ends at it.")
def theorem_6(market):
    # symmetry-reduced and memoised (proofs.sef.fast); tests cross-check it against the
    # labelled exhaustive search of proofs.sef.tickets
    sef = next((x for x in allocations(market) if SEF_violation(market, x) is None), None)
    if sef is None:
        return vacuous(sef_exists=False)
    leaves = outcomes(market)
    target = as_multiset(market, sef)
    others = sorted(leaves - {target})
    if others:
        labelled = sorted(Tickets(market).all_leaves() - {sef})
        return fails(sef=sef, other_outcome=labelled[0] if labelled else others[0])
    return holds(sef=sef)


@claim("sef/theorem-10-lottery", domain=SEF_CORPUS, invariant="agents", size=1,
       source="Section 7, Theorem 10, on the lottery games of the sef markets (a corollary)",
       statement="On the lottery congestion game of every market with an SEF (default size 1: "
                 "the n = 3 markets of the note corpus, m = 2 and 3; larger sizes opt-in; on "
                 "lottery games the check repeats sef/theorem-6 on the game's own payoff "
                 "table): an NE that is "
                 "SEF (7.2) exists and every Tickets outcome (every order and branch) on the "
                 "game's payoff table is SEF (Theorem 10 for lottery games; the theorem itself "
                 "is sef/theorem-10, on congestion games).")
def theorem_10_lottery(market):
    g = lottery_game(market)
    a = Analysis(g)
    if not a.SEF:
        return vacuous()
    leaves = Tickets(g).all_leaves()
    bad = sorted(s for s in leaves if not is_sef_profile(g, s))
    if bad or not is_nash(g, a.SEF[0]):
        return fails(sef_ne=a.SEF, tickets=bad)
    return holds(sef_ne=a.SEF[0])


@claim("sef/theorem-11-sne-lottery", domain=SEF_CORPUS, invariant="agents", size=1,
       source="Section 7, Theorem 11 (first sentence), on the lottery games (a corollary)",
       statement="On the lottery congestion game of every market with an SEF x* (default size "
                 "1: the n = 3 markets of the note corpus, m = 2 and 3; larger sizes opt-in; "
                 "on lottery games it is C11d of sef/theorem-4-corollaries read through "
                 "Definition 10), x* is the "
                 "unique strong Nash equilibrium (the theorem itself is sef/theorem-11-sne, on "
                 "congestion games).")
def theorem_11_sne_lottery(market):
    a = analyse(market)
    if a.sef is None:
        return vacuous()
    sne = Analysis(lottery_game(market)).CS     # SNE of the game's own payoff table (Def. 10)
    return holds(sne=a.sef) if sne == [a.sef] else fails(sef=a.sef, sne=sne)


@claim("sef/potential", domain=CORPUS, invariant="agents", size=2,
       source="note Section 2.7 (our claim, not the paper's)",
       statement="On the note corpus of sizes 1-2 (n = 3): "
                 "Psi(x) = prod_i u_{i,x_i} prod_j prod_{k<=n_j} min(1,q_j/k) is an exact "
                 "multiplicative potential: Psi(x')/Psi(x) = EU_i(x')/EU_i(x) for unilateral moves "
                 "between positive payoffs; every strict unilateral improvement raises the "
                 "lexicographic potential (so the game has the finite improvement property); "
                 "every maximiser of the lexicographic potential is IS; "
                 "if an SEF exists it is the unique maximiser of Psi.")
def potential_claim(market):
    # one pass over the unilateral moves; EU as the exact integers EU * D of the anatomy
    # (anatomy.integer_table: one common D, so ratios and comparisons are those of EU);
    # Psi(x) = 0 iff some agent's utility factor is 0, else the lexicographic potential's Psi
    a = analyse(market)
    X, n, m = a.X, market.n, market.m
    U = a.U.tolist()
    lex = [lex_potential(market, x) for x in X]
    psi = [v if z == 0 else ZERO for z, v in lex]
    for p, x in enumerate(X):
        e = U[p]
        for i in range(n):
            step = m ** (n - 1 - i)           # X is lexicographic: y = x with x_i -> k
            for k in range(m):
                if k == x[i]:
                    continue
                r = p + (k - x[i]) * step
                ey = U[r]
                if e[i] > 0 and ey[i] > 0 and psi[r] * e[i] != psi[p] * ey[i]:
                    return fails(x=x, y=X[r], agent=i)
                if ey[i] > e[i] and not lex[r] > lex[p]:    # finite improvement property
                    return fails(improvement=(x, X[r]), agent=i, lex_before=lex[p],
                                 lex_after=lex[r])
    top = max(lex)
    for x, v in zip(X, lex):
        if v == top and not is_IS(market, x):
            return fails(argmax_not_IS=x)
    if a.sef is not None:
        best = max(psi)
        arg = [x for x, v in zip(X, psi) if v == best]
        if arg != [a.sef]:
            return fails(sef=a.sef, argmax_psi=arg)
    return holds()


def _json_market(data):
    return parse_market(data, "instance")


from . import errata, lemmas, remarks, section7  # noqa: E402,F401  (register their claims)
