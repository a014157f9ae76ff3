"""Lemma 1 and the punishment wording, from the definitions (Section 2; appendix A.1).

- ``verification/lemma-1``: BIC computed from Definition 1 on explicit lotteries agrees with
  Lemma 1's condition computed from the interim rules (:mod:`.lotteries`).
- ``verification/lemma-1-needs-a-le-p`` (note S7): without ``a <= p`` the condition is not
  equivalent to BIC; replacing ``a`` by ``a p`` keeps P and BIC and lowers A (metamorphic).
- ``verification/collective-punishment`` (note S6): the literal rule of Section 2 (no object
  for anyone when an audited agent lied) and the individual rule give the same BIC constraints;
  they differ only off equilibrium.

Imported by :mod:`proofs.verification.claims`; the statements here are part of the trust basis.
"""

from __future__ import annotations

import functools

from exact import claim, fails, holds, vacuous

from . import lotteries
from .domains import SeededDomain

LEMMA_1 = SeededDomain("lemma-1-lotteries", (3, 4), 200, lotteries.make_instance,
                       lambda mech: mech.to_json())
LEMMA_1.default_size = 3
GENERAL_AUDITS = SeededDomain(
    "lemma-1-general-audits", (3, 4), 200,
    lambda size, rng: lotteries.make_instance(size, rng, among_winners=False),
    lambda mech: mech.to_json())
GENERAL_AUDITS.default_size = 3
PUNISHMENT = SeededDomain("collective-punishment", (3, 4), 60, lotteries.make_instance,
                          lambda mech: mech.to_json())
PUNISHMENT.default_size = 3


@claim("verification/lemma-1", domain=LEMMA_1, source="Section 2, Lemma 1 (proof in A.1)",
       statement="For a symmetric mechanism with a <= p (random lotteries over merit and lottery "
                 "components, random priority order; n = 3 by default, 4 with --size 4): BIC, "
                 "computed from Definition 1 on the mechanism's outcomes (an audited liar loses "
                 "his object), holds iff A(t) >= P(t) - min P for the interim rules.")
def lemma_1(inst):
    mech = inst[2]
    P, A = lotteries.interim(mech)
    bic = lotteries.is_bic(mech)
    cond = lotteries.lemma_1_condition(P, A)
    if bic != cond:
        return fails(bic=bic, lemma_1_condition=cond, P=P, A=A)
    return holds(bic=bic, P=P, A=A)


@claim("verification/lemma-1-needs-a-le-p", domain=GENERAL_AUDITS,
       source="Section 2 / A.1, Lemma 1's standing assumption a <= p (appendix note S7)",
       statement="Mechanisms that may audit losers: replacing a by a p leaves P and every "
                 "deviation payoff (hence BIC) unchanged and lowers A weakly, and Lemma 1 holds "
                 "for the restricted audits; the hypothesis -- Lemma 1's condition with the "
                 "unrestricted A disagrees with BIC, so a <= p is needed -- is met by the instances "
                 "counted in the verdict.")
def lemma_1_needs_a_le_p(inst):
    mech = inst[2]
    P, A = lotteries.interim(mech)
    bic = lotteries.is_bic(mech)
    r = lotteries.restrict_audits(mech)
    Pr, Ar = lotteries.interim(r)
    bic_r = lotteries.is_bic(r)
    data = {"bic": bic, "P": P, "A": A, "A_restricted": Ar}
    if Pr != P or bic_r != bic or any(x > y for x, y in zip(Ar, A)) \
            or lotteries.lemma_1_condition(Pr, Ar) != bic:
        return fails(bic_restricted=bic_r, P_restricted=Pr, **data)
    if lotteries.lemma_1_condition(P, A) == bic:
        return vacuous(**data)
    return holds(lemma_1_condition_unrestricted=not bic, **data)


@functools.lru_cache(maxsize=512)
def _gap(mech):
    return lotteries.off_equilibrium_gap(mech)


@claim("verification/collective-punishment", domain=PUNISHMENT,
       source="Section 2 (\"obtains an object if all audited agents were found to be truthful\"; "
              "appendix note S6)",
       statement="With the others truthful, every deviation payoff -- hence BIC -- is the same "
                 "under the literal collective rule and under the individual rule (only a caught "
                 "liar loses his object); the hypothesis -- the two rules differ off equilibrium, "
                 "when another agent lies -- is met by the instances counted in the verdict.")
def collective_punishment(inst):
    mech = inst[2]
    for t in range(mech.L):
        for s in range(mech.L):
            ind = lotteries.win_probability(mech, t, s)
            col = lotteries.win_probability(mech, t, s, collective=True)
            if ind != col:
                return fails(true_type=t, report=s, individual=ind, collective=col)
    gap = _gap(mech)
    if gap is None:
        return vacuous(bic=lotteries.is_bic(mech))
    t, liar, ind, col = gap
    return holds(agent_type=t, other_true_type=liar, individual=ind, collective=col)
