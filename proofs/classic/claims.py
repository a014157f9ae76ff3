"""Classic claims on housing markets and random assignment, checked over every strict profile.

Papers
------
* L. Shapley, H. Scarf, "On cores and indivisibility", J. Math. Econ. 1 (1974) 23-37,
  https://doi.org/10.1016/0304-4068(74)90033-0 (Gale's top trading cycles).
* A. Roth, A. Postlewaite, "Weak versus strong domination in a market with indivisible goods",
  J. Math. Econ. 4 (1977) 131-137, https://doi.org/10.1016/0304-4068(77)90004-0 (strict core).
* A. Roth, "Incentive compatibility in a market with indivisible goods", Econ. Letters 9 (1982)
  127-132, https://doi.org/10.1016/0165-1765(82)90003-9 (TTC is strategy-proof).
* A. Bogomolnaia, H. Moulin, "A new solution to the random assignment problem", J. Econ. Theory
  100 (2001) 295-328, https://doi.org/10.1006/jeth.2000.2710 (PS; RSD, which they call random
  priority RP, is not sd-efficient).

Main statements
---------------
* ``classic/ttc-strategy-proof``: no agent gains by misreporting under TTC (Roth 1982).
* ``classic/ttc-pareto``: the TTC allocation is Pareto efficient.
* ``classic/ttc-core``: no coalition blocks the TTC allocation weakly (strict core; Roth and
  Postlewaite 1977).
* ``classic/ps-sd-envy-free``: probabilistic serial is sd-envy-free (Bogomolnaia-Moulin 2001).

Errata (known false statements, expected refuted)
-------------------------------------------------
* ``classic/rsd-sd-efficient``: the conjecture that random serial dictatorship is sd-efficient;
  false from n = 4 (Bogomolnaia-Moulin 2001); the violation carries an exact sd-dominating
  assignment.
* ``classic/sd-envy-free``: "serial dictatorship is envy-free"; false from n = 2.

Domains: housing markets (agent i owns house i) up to simultaneous relabelling, and n x n strict
profiles up to independent agent and object relabelling, n = 1..4 (every claim checked is
invariant under the symmetry used: TTC commutes with simultaneous relabelling, RSD and PS with
both). The statements in this file are the trust basis; the engine is apparatus.
"""

from __future__ import annotations

import functools
import itertools

from exact import CertificateError, InputError, claim, fails, holds
from exact.lottery import sd_dominates, sd_envy, sd_improvement_cycle, sd_strictly_dominates
from exact.mechanisms import (attainable_houses, blocking_coalition, envy_pair,
                              probabilistic_serial, random_serial_dictatorship,
                              serial_dictatorship, ttc)
from exact.numbers import Q, parse_q
from exact.prefs import HousingMarkets, Profile, StrictProfiles

__all__ = ["ttc_strategy_proof", "ttc_pareto", "ttc_core", "ps_sd_envy_free",
           "rsd_sd_efficient", "sd_envy_free", "improving_trade"]

HOUSING = HousingMarkets()
PROFILES = StrictProfiles()


# -- housing markets: TTC -------------------------------------------------------------------------

def _saved_data(replay):
    """Saved violations are untrusted JSON: a malformed one is a CertificateError, not a crash."""
    @functools.wraps(replay)
    def wrapped(profile: Profile, data: dict) -> None:
        try:
            replay(profile, data)
        except (KeyError, IndexError, TypeError, ValueError, InputError) as exc:
            if isinstance(exc, CertificateError):
                raise
            raise CertificateError(f"malformed violation: {type(exc).__name__}: {exc}") from None
    return wrapped


@_saved_data
def _replay_manipulation(profile: Profile, data: dict) -> None:
    """Re-check a manipulation with plain TTC: the report gives the agent a better house."""
    i, report = data["agent"], tuple(data["report"])
    got = ttc(profile.replace(i, Profile([report], profile.m, complete=True)[0]))[i]
    truth = ttc(profile)[i]
    if got != data["obtains"] or not profile.prefers(i, got, truth):
        raise CertificateError(f"agent {i} reporting {list(report)} obtains house {got}, "
                               f"not better than her truthful house {truth}")


@claim("classic/ttc-strategy-proof", domain=HOUSING, invariant="housing",
       replay=_replay_manipulation,
       source="Roth (1982), Econ. Letters 9, 127-132",
       statement="Under TTC no agent obtains a better house by misreporting her ranking.")
def ttc_strategy_proof(profile: Profile):
    """Under TTC no agent obtains a better house by misreporting her ranking.

    Every report is covered: :func:`~exact.mechanisms.attainable_houses` lists each house the
    agent can get by some report (all ``n!`` reports explored as the choice tree of where she
    points), with a report that obtains it.
    """
    truth = ttc(profile)
    for i in range(profile.n):
        if profile[i][0] == truth[i]:
            continue  # she already gets her favourite house
        for h, report in attainable_houses(profile, i).items():
            if profile.prefers(i, h, truth[i]):
                return fails(agent=i, report=report, obtains=h, truthful=truth[i])
    return holds()


def _weakly_improving(profile: Profile, x, y, agents) -> bool:
    """``y`` is weakly better than ``x`` for every agent in ``agents`` and strictly for one."""
    strict = False
    for i in agents:
        if y[i] != x[i]:
            if not profile.prefers(i, y[i], x[i]):
                return False
            strict = True
    return strict


@claim("classic/ttc-pareto", domain=HOUSING, invariant="housing",
       source="Shapley and Scarf (1974), J. Math. Econ. 1, 23-37 (Gale's TTC)",
       statement="The TTC allocation is Pareto efficient: no allocation makes every agent weakly "
                 "better off and one strictly.")
def ttc_pareto(profile: Profile):
    """No allocation (permutation of the houses) Pareto dominates the TTC allocation."""
    x = ttc(profile)
    agents = range(profile.n)
    for y in itertools.permutations(range(profile.n)):
        if _weakly_improving(profile, x, y, agents):
            return fails(allocation=y, ttc=x)
    return holds()


@_saved_data
def _replay_block(profile: Profile, data: dict) -> None:
    x = ttc(profile)
    S, houses = tuple(data["coalition"]), tuple(data["houses"])
    if not all(isinstance(i, int) and 0 <= i < profile.n for i in S) or len(set(S)) != len(S):
        raise CertificateError(f"coalition {list(S)}: not a set of agents 0..{profile.n - 1}")
    if sorted(houses) != sorted(S) or not _weakly_improving(profile, x, dict(zip(S, houses)), S):
        raise CertificateError(f"coalition {list(S)} with houses {list(houses)} does not block "
                               f"the TTC allocation {list(x)}")


@claim("classic/ttc-core", domain=HOUSING, invariant="housing", replay=_replay_block,
       source="Roth and Postlewaite (1977), J. Math. Econ. 4, 131-137",
       statement="The TTC allocation is in the strict core: no coalition, trading its own houses, "
                 "makes all its members weakly better off and one strictly.")
def ttc_core(profile: Profile):
    """No coalition blocks the TTC allocation weakly.

    Checked by the definition (:func:`~exact.mechanisms.blocking_coalition`): every coalition
    and every reallocation of its own houses among its members, restricted to houses each member
    weakly prefers to her TTC house (64 bijections at n = 4). Tests compare it with the
    polynomial improvement-graph test (:func:`~exact.mechanisms.core_blocking_cycle`).
    """
    x = ttc(profile)
    found = blocking_coalition(profile, x)
    if found is not None:
        return fails(coalition=found[0], houses=found[1], ttc=x)
    return holds()


# -- random assignment: PS, RSD, SD --------------------------------------------------------------

@claim("classic/ps-sd-envy-free", domain=PROFILES, invariant="agents+objects",
       source="Bogomolnaia and Moulin (2001), J. Econ. Theory 100, 295-328 (abstract: "
               "\"PS is envy-free\")",
       statement="Under probabilistic serial every agent's lottery sd-dominates every other "
                 "agent's lottery for her own ranking.")
def ps_sd_envy_free(profile: Profile):
    """PS is envy-free in the sd sense."""
    P = probabilistic_serial(profile)
    pair = sd_envy(P, profile)
    if pair is not None:
        return fails(envious=pair[0], envied=pair[1], ps=P)
    return holds()


def improving_trade(P, cycle) -> tuple:
    """Trade along a ``tau(P)`` cycle ``[(a, i), ...]``: agent ``i`` takes ``eps`` of ``a`` and
    gives ``eps`` of the next object, ``eps`` the least probability given up (exact)."""
    Qm = [list(r) for r in P]
    k = len(cycle)
    eps = min(P[i][cycle[(t + 1) % k][0]] for t, (_, i) in enumerate(cycle))
    for t, (a, i) in enumerate(cycle):
        b = cycle[(t + 1) % k][0]
        Qm[i][a] += eps
        Qm[i][b] -= eps
    return tuple(tuple(r) for r in Qm)


@_saved_data
def _replay_dominated(profile: Profile, data: dict) -> None:
    """The saved assignment is bistochastic and sd-dominates RSD (strictly for one agent)."""
    R = random_serial_dictatorship(profile)
    D = [[parse_q(v, f"dominating[{i}][{j}]") for j, v in enumerate(row)]
         for i, row in enumerate(data["dominating"])]
    n = profile.n
    if len(D) != n or any(len(r) != n for r in D):
        raise CertificateError(f"the dominating assignment is not {n} x {n}")
    if any(v < 0 for r in D for v in r) or any(sum(r, Q(0)) != 1 for r in D) or any(
            sum((D[i][j] for i in range(n)), Q(0)) != 1 for j in range(n)):
        raise CertificateError("the dominating assignment is not bistochastic")
    if not all(sd_dominates(D[i], R[i], profile[i]) for i in range(n)) or not any(
            sd_strictly_dominates(D[i], R[i], profile[i]) for i in range(n)):
        raise CertificateError("the saved assignment does not sd-dominate RSD")


@claim("classic/rsd-sd-efficient", domain=PROFILES, invariant="agents+objects",
       replay=_replay_dominated,
       source="Bogomolnaia and Moulin (2001), J. Econ. Theory 100, 295-328 (abstract: \"RP "
              "is ex post, but not always ordinally, efficient\")",
       erratum="Random serial dictatorship is ex post efficient but not sd-efficient: from four "
               "agents some assignment sd-dominates it (Bogomolnaia and Moulin 2001); it holds "
               "for n <= 3.",
       statement="The random serial dictatorship assignment is sd-efficient (ordinally "
                 "efficient).")
def rsd_sd_efficient(profile: Profile):
    """No random assignment sd-dominates RSD (conjecture; false)."""
    R = random_serial_dictatorship(profile)
    witness = sd_improvement_cycle(R, profile)
    if witness is not None:
        return fails(rsd=R, tau_cycle=witness["cycle"],
                     dominating=improving_trade(R, witness["cycle"]))
    return holds()


@claim("classic/sd-envy-free", domain=PROFILES, invariant="agents+objects",
       source="folklore (contrast: PS is envy-free, Bogomolnaia and Moulin 2001)",
       erratum="Serial dictatorship is not envy-free: when two agents rank the same object "
               "first, the later one in the order envies the earlier one (n = 2).",
       statement="Serial dictatorship (any priority order) gives no agent a reason to envy "
                 "another.")
def sd_envy_free(profile: Profile):
    """For every priority order, no agent prefers another agent's object to her own."""
    for order in itertools.permutations(range(profile.n)):
        y = serial_dictatorship(profile, order)
        pair = envy_pair(profile, y)
        if pair is not None:
            return fails(order=order, allocation=y, envious=pair[0], envied=pair[1])
    return holds()
