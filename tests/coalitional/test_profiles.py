"""Definition 8 with outsiders: every profile of conjectures, decided exactly by refinement."""

import copy
import random

import pytest

from exact import CertificateError
from exact.numbers import ONE, Q, ZERO
from proofs.coalitional.coalitions import pattern
from proofs.coalitional.generators import random_environment
from proofs.coalitional.margins import conv_margin, single_margin
from proofs.coalitional.monotonicity import Monotonicity, check_monotonicity
from proofs.coalitional.profiles import check_profiles, profile_test
from proofs.coalitional.union import Problem, Undecided


def _two_points():
    """z in [0, 1] with z <= 0 or z >= 1: the union {0, 1}."""
    return Problem(1, [(0, 1)], [], [], [], [], [[[([ONE], Q(0))], [([-ONE], Q(-1))]]])


# gains (row, k) mean row . z - k; member 1 gains 2 - 3z at pair a and 3z - 1 at pair b
M1 = [([Q(-3)], Q(-2)), ([Q(3)], Q(1))]
AGREE = M1 + [([Q(0)], Q(-1)), ([Q(0)], Q(-1))]        # member 2 gains 1 everywhere
CLASH = M1 + [([Q(3)], Q(1)), ([Q(-3)], Q(-2))]        # member 2 mirrors member 1


def test_holds_when_one_reward_fails_and_every_profile_is_answered():
    P = _two_points()
    assert single_margin(P, AGREE)["value"] is None            # no reward good at every pair
    assert conv_margin(P, AGREE)["value"] > 0                  # the convex hull passes
    out = profile_test(P, AGREE, 2)
    assert out["holds"] and sorted(out["rewards"]) == [[Q(0)], [Q(1)]]
    assert check_profiles(P, AGREE, 2, out) is True
    fewer = dict(out, rewards=out["rewards"][:1])
    with pytest.raises(CertificateError):
        check_profiles(P, AGREE, 2, fewer)


def test_fails_with_a_certified_bad_profile():
    P = _two_points()
    assert conv_margin(P, CLASH)["value"] > 0
    out = profile_test(P, CLASH, 2)
    assert not out["holds"]
    psi = out["psi"]
    # the certified profile is bad: at each of the two rewards some member does not gain
    for z in (Q(0), Q(1)):
        gains = [sum(p * (r[0] * z - k) for p, (r, k) in zip(psi[j], CLASH[2 * j:2 * j + 2]))
                 for j in range(2)]
        assert min(gains) <= 0
    assert check_profiles(P, CLASH, 2, out) is False
    bad = copy.deepcopy(out)
    bad["psi"][0] = [Q(1, 2), Q(1, 2)] if psi[0] != [Q(1, 2), Q(1, 2)] else [ONE, Q(0)]
    with pytest.raises(CertificateError):
        check_profiles(P, CLASH, 2, bad)
    with pytest.raises(CertificateError):
        check_profiles(P, CLASH, 2, dict(out, psi=[[Q(2), Q(-1)], psi[1]]))


def test_a_round_budget_leaves_it_undecided():
    with pytest.raises(Undecided):
        profile_test(_two_points(), AGREE, 2, rounds=1)


def test_three_agents_with_outsiders_are_decided_and_replay():
    """A seeded 3-agent environment where coalition {1, 2} has one reward failing and the convex
    hull passing (the case that used to be undecided): every such test is now decided, the
    record re-checks without a solver, and a flipped result is rejected."""
    rng = random.Random("probe/5")
    env = random_environment(rng, 3, 2, 3, scf=rng.choice(["random", "utilitarian"]))
    m = Monotonicity(env, "pattern", pattern=pattern(3, [[0], [1], [2], [0, 1]]))
    out = m.run()
    gap = [k for k, v in m.results.items() if "profiles" in v]
    assert gap and all(len(k[0]) == 2 for k in gap)
    data = m.summary_json(out)
    check_monotonicity(env, data)
    key = next(k for k in data["results"] if "profiles" in data["results"][k])
    flipped = copy.deepcopy(data)
    flipped["results"][key]["holds"] = not flipped["results"][key]["holds"]
    with pytest.raises(CertificateError):
        check_monotonicity(env, flipped)


def test_a_z3_timeout_makes_the_claim_inconclusive_never_verified(monkeypatch):
    """A budget that runs out inside a claim (here: every z3 call times out) gives
    ``undecided``: the engine's verdict is inconclusive with the count, not verified, not error."""
    from exact import check
    from proofs.coalitional import analysis, claims, monotonicity
    analysis.clear()
    monkeypatch.setattr(monotonicity, "feasible",
                        lambda *a, **k: {"status": "unknown", "why": "z3: timeout"})
    env = next(iter(claims.ENVS2.instances(1)))
    with pytest.raises(Undecided):
        claims.fact_16.predicate(env)                   # the bare predicate raises ...
    o = claims.fact_16.check(env)                       # ... Claim.check makes it undecided
    assert o.decided is False and "z3: timeout" in o.data["reason"]
    v = check("coalitional/fact-16")
    analysis.clear()
    assert v.kind == "inconclusive" and v.kind != "verified"


def test_an_empty_reward_set_dissolves_nothing():
    """Seeded 2-agent environment (random-n2-m3, seed 8): a component of agent 1's reward set is
    empty (no outcome is weakly worse than f for both of agent 1's types there), so Y_1 is
    empty and agent 1 is never a whistle-blower, even for deceptions whose pairs avoid that
    component (6 of them were wrongly dissolved by agent 1 when components were tested alone)."""
    from proofs.coalitional.deceptions import deception_profiles
    from proofs.coalitional.domains import EnvDomain
    env = next(EnvDomain(["random-n2-m3"]).instances(1, 8, 9))
    m = Monotonicity(env, "bm")
    assert m.support((0,))["empty"] is not None and m.support((1,))["empty"] is None
    out = m.run()
    for beta in deception_profiles(env):
        o = m.deception(beta)
        assert o is None or "fails" in o or o["whistle"][0] == (1,)
    assert out["failures"] == 42
    data = m.summary_json(out)
    check_monotonicity(env, data)
    with pytest.raises(CertificateError):
        check_monotonicity(env, dict(data, nonempty={}))


def test_z3_models_do_not_depend_on_earlier_calls():
    """Witnesses must be reproducible for replay: the same question gives the same model
    whatever z3 solved before (each call has its own context)."""
    import z3
    from proofs.coalitional.union import feasible
    P = Problem(2, [(0, 1), (0, 1)], [], [], [], [],
                [[[([ONE, ONE], Q(1, 2))], [([-ONE, -ONE], Q(-3, 2))]]])
    strict = [([-ONE, ZERO], Q(-1, 10))]
    first = feasible(P, strict)
    noise = z3.Solver()
    xs = [z3.Real(f"n{j}") for j in range(6)]
    noise.add(z3.Sum(xs) > 3, *[x < 1 for x in xs])
    assert noise.check() == z3.sat
    again = feasible(P, strict)
    assert first["status"] == again["status"] == "sat" and first["z"] == again["z"]


@pytest.mark.slow
def test_a_boundary_bad_profile_is_found_by_small_denominators():
    """probe/11, maximal pattern: a bad profile has zero slack ((1, 0) and (1/5, 4/5)); the plain
    refinement only approaches it (29/81, 197/729, ...) and ran out of rounds; the nearby
    small-denominator profiles decide it. The record re-checks."""
    rng = random.Random("probe/11")
    env = random_environment(rng, 3, 2, 3, scf=rng.choice(["random", "utilitarian"]))
    from proofs.coalitional.coalitions import maximal
    m = Monotonicity(env, "pattern", pattern=maximal(3))
    out = m.run()
    decided = [v["profiles"] for v in m.results.values() if "profiles" in v]
    assert decided and not any(d["holds"] for d in decided)
    check_monotonicity(env, m.summary_json(out))
