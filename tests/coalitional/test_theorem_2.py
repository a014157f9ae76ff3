"""Theorem 2's proof steps with three agents: Claim 5's corrected deviation and Claim 6 with a
coalition that has an outsider."""

import random

from exact.numbers import ZERO
from proofs.coalitional import analysis, claims
from proofs.coalitional.coalitions import coalitions, maximal, pattern
from proofs.coalitional.generators import random_environment
from proofs.coalitional.mechanisms import Message, WhistleMechanism, interim
from proofs.coalitional.monotonicity import Monotonicity
from proofs.coalitional.oracles import claim_2, claim_3, claim_6, hat_lists, menus_for
from proofs.coalitional.typespace import random_type_space


def _punish_env(seed):
    rng = random.Random(f"t2/util/{seed}")
    return random_environment(rng, 3, 2, 2, scf=rng.choice(["utilitarian", "random"]), punish=True)


def _mechanism(env, pat):
    it = analysis.interior(env)
    assert it["ok"]
    keys = [S for S in coalitions(env.n) if any(set(S) <= set(T) for T in pat)]
    hat = hat_lists(env, it["pairs"], keys)
    return WhistleMechanism(env, hat, pattern=pat), menus_for(env, hat)


def test_claim_5_with_m4_zero_swaps_every_coalition_proposal():
    """With m^4 = 0 the corrected Case 1 raises m^4 to 1, which gives weight to j's proposal for
    every whistle set containing j; swapping only one of them (as for Theorem 1) loses here."""
    rng = random.Random("t2/1")
    private = rng.random() < 0.5
    env = random_environment(rng, 3, 2, 2, scf="utilitarian", punish=True, private=private)
    mech, menus = _mechanism(env, maximal(3))
    found = None
    r = claims._rng(env, "theorem-2")
    ts = random_type_space(env, r)
    for _ in range(2):
        sigma = claims._random_sigma(r, ts, env, menus, mech)
        out = claim_2(mech, ts, sigma, corrected=True)
        assert out["gain"] > 0
        if len(out["swapped"]) >= 2:
            found = (sigma, out)
        {(i, x): r.randrange(env.k[i]) for i in range(env.n) for x in range(ts.sizes[i])}
    assert found is not None
    sigma, out = found
    j, tj, new = out["agent"], out["type"], out["deviation"]
    assert out["K"] == 0 and new[3] == 1 and out["case"] == "1"
    m = sigma(j, tj)
    first = out["swapped"][0]
    one = Message(m[0], True, {**m[2], first: new[2][first]}, 1)
    belief = ts.conditional(j, tj)
    dev = lambda a, x: one if (a, x) == (j, tj) else sigma(a, x)  # noqa: E731
    loss = interim(mech, ts, j, tj, belief, dev) - interim(mech, ts, j, tj, belief, sigma)
    assert loss <= 0


def test_claim_6_with_an_outsider_gives_every_member_a_strict_gain():
    """Pattern {1,2} + singletons: in the first deception (everybody reports 0) no singleton
    dissolves and the coalition {1,2} does, whatever each member believes about agent 3; in
    seeded random type spaces the coalition's deviation (blow, propose the certified reward,
    K* above every member's threshold) is strictly profitable for both members."""
    env = _punish_env(4)
    pat = pattern(3, [[0], [1], [2], [0, 1]])
    mech, _ = _mechanism(env, pat)
    mono = Monotonicity(env, "pattern", pattern=pat)
    report_of = lambda i, x: 0  # noqa: E731
    rng = random.Random("claim-6")
    done = 0
    for _ in range(6):
        ts = random_type_space(env, rng)
        r3 = claim_3(mono, mech, ts, report_of)
        assert r3["coalition"] == (0, 1)
        r6 = claim_6(mono, mech, ts, report_of, r3["coalition"], r3["true"], r3["report"],
                     r3["keys"])
        if r6.get("absent"):
            continue
        done += 1
        assert all(g > ZERO for g in r6["gains"].values()) and r6["K"] >= 1
    assert done >= 3
