"""Every coalitional claim can fail: a deliberately broken model or mechanism makes it fail.

Each test breaks one piece the claim relies on (monkeypatching the name the claim module uses)
and checks the claim on the instances of its own domain: at least one must now fail. For the
errata (expected refuted) the test shows the other direction: the claim holds where the paper's
statement is true.
"""

import random

import pytest

from exact.numbers import ONE, Q, ZERO
from proofs.coalitional import analysis, claims
from proofs.coalitional.coalitions import minimal, split


@pytest.fixture(autouse=True)
def fresh_memo():
    analysis.clear()
    yield
    analysis.clear()


def _instances(domain):
    for size in domain.sizes:
        if size <= (domain.default_size or max(domain.sizes)):
            yield from domain.instances(size)


def _some_fail(claim_obj, domain=None):
    for inst in _instances(domain or claim_obj.domain):
        if not claim_obj.predicate(inst).ok:
            return inst
    return None


def test_proposition_1_and_lemma_1_fail_with_a_common_belief(monkeypatch):
    """Lemma 1 needs member-specific beliefs about outsiders (S9); a common belief breaks it."""
    from proofs.coalitional import lemmas

    real = lemmas.lemma_1

    def common(env, v):
        w = dict(v, outsiders={i: v["outsiders"][v["S"][0]] for i in v["S"]})
        out = real(env, w)
        return out
    monkeypatch.setattr(claims, "lemma_1", common)
    bad = _some_fail(claims.proposition_1)
    assert bad is not None and bad.name == "osp-witness"


def test_lemma_1_fails_when_the_type_space_ignores_the_violation(monkeypatch):
    from proofs.coalitional import lemmas
    from proofs.coalitional.typespace import payoff_type_space

    def uniform(env, v):
        ts = payoff_type_space(env, {})
        return {"type_space": ts, "gains": {}, "first_violation": None}
    monkeypatch.setattr(claims, "lemma_1", uniform)
    assert _some_fail(claims.lemma_1_claim) is not None
    assert lemmas.lemma_1 is not uniform


def test_lemma_2_fails_with_a_conjecture_that_is_not_the_certified_one(monkeypatch):
    real = claims._failing_psis

    def skewed(m, fails_list, *beta):
        psis, keys = real(m, fails_list, *beta)
        for k, psi in psis.items():
            if len(psi) > 1:
                first = sorted(psi)[0]
                psis[k] = {first: ONE}
                break
        return psis, keys
    monkeypatch.setattr(claims, "_failing_psis", skewed)
    assert _some_fail(claims.lemma_2_claim) is not None


def test_proposition_2_fails_with_conjectures_that_favour_the_truth(monkeypatch):
    """Build Lemma 2's type space from *good* conjectures (a point on the pair where lying costs
    most) and skip their certificates: sigma* o alpha is then not an equilibrium."""
    from proofs.coalitional.monotonicity import gains_for  # noqa: F401 - documents the gains

    def truthful_points(m, fails_list, beta):
        env = m.env
        psis, keys = {}, {}
        for (S, ts, tps), key in fails_list:
            i, ti, tpi = S[0], ts[0], tps[0]
            sub = key[4] or m.mask(beta, S)           # 0: Y_i is empty
            sp = split(env.k, S)
            a_t, a_r = sp.pos_in[(ti,)], sp.pos_in[(tpi,)]
            best = max(((s, r) for s in range(len(sp.outside)) for r in range(len(sp.outside))
                        if sub >> (s * m.M[S] + r) & 1),
                       key=lambda p: env.U[i][sp.index[a_t][p[0]]][sp.index[a_t][p[1]]] -
                       env.U[i][sp.index[a_t][p[0]]][sp.index[a_r][p[1]]])
            psis[(i, ti, tpi)] = {best: ONE}
            keys[(i, ti, tpi)] = key
        return psis, keys
    monkeypatch.setattr(claims, "_failing_psis", truthful_points)
    monkeypatch.setattr(claims, "check_margin", lambda P, g, res: None)
    assert _some_fail(claims.proposition_2) is not None


def _unrestricted(real):
    """Menus with every vertex of A as a constant proposal besides the restricted ones."""
    def unrestricted(env, hat):
        out = real(env, hat)
        for key in out:
            S = (key,) if isinstance(key, int) else key
            pts = len(split(env.k, S).outside)
            out[key] = out[key] + [[env.space.coords_of_vertex(k)] * pts
                                   for k in range(env.space.K)]
        return out
    return unrestricted


def test_theorem_1_fails_with_unrestricted_proposals(monkeypatch):
    """Bergemann-Morris-style unrestricted proposals (F15): a coalition profits in Claim 1, or a
    realised reward leaves Y_i."""
    monkeypatch.setattr(claims, "menus_for", _unrestricted(claims.menus_for))
    bad = _some_fail(claims.theorem_1)
    assert bad is not None
    assert "Definition 6" in claims.theorem_1.predicate(bad).data["proof_step"]


def test_theorem_2_fails_with_a_broken_tail(monkeypatch):
    """Y-hat weights that do not sum to one make the Rule-2 lottery infeasible / off the set."""
    from proofs.coalitional import mechanisms
    monkeypatch.setattr(mechanisms, "hat_weights", lambda K: [Q(1, 2 ** k) for k in range(1, K + 1)])
    assert _some_fail(claims.theorem_2) is not None


def test_claim_2_holds_when_m4_is_positive(monkeypatch):
    """The erratum's other side: with m^4 >= 1 (M^4 = N_+) the paper's Case-1 deviation works."""
    from proofs.coalitional.mechanisms import Message
    real = Message.__new__

    def positive(cls, report, blow=False, proposal=None, K=0):
        return real(cls, report, blow, proposal, max(K, 1) if blow else K)
    monkeypatch.setattr(Message, "__new__", positive)
    for inst in _instances(claims.EX1):
        assert claims.claim_2_paper.predicate(inst).ok


def test_corollary_1_step_1_holds_where_vertices_are_degenerate(monkeypatch):
    """The erratum's other side (some random environments have only degenerate vertices), and a
    mutant of the corrected claim: a vertex list missing one vertex is caught."""
    holds = [e for e in claims.LOTTERY.instances(2) if claims.corollary_1_step_1.predicate(e).ok]
    assert holds
    real = claims.vertices
    monkeypatch.setattr(claims, "vertices", lambda e, i, rep: real(e, i, rep)[1:])
    assert _some_fail(claims.corollary_1_step_1_corrected) is not None


def test_corollary_1_step_2_fails_when_every_deception_has_a_whistle_blower(monkeypatch):
    from proofs.coalitional.monotonicity import Monotonicity
    monkeypatch.setattr(Monotonicity, "deception",
                        lambda self, beta: {"whistle": ((0,), (0,), (0,)), "keys": []})
    assert _some_fail(claims.corollary_1_step_2) is not None


def test_example_1_fails_with_another_transfer_rule(monkeypatch):
    from proofs.coalitional import instances, worked
    from proofs.coalitional.model import Environment, OutcomeSpace
    import itertools
    from exact.numbers import parse_q

    def quarter(types=("0", "1/2", "1")):
        f = lambda th: (parse_q(th[0]) + parse_q(th[1]), -parse_q(th[0]) ** 2 / 4,  # noqa: E731
                        -parse_q(th[1]) ** 2 / 4)
        pts = [f(th) for th in itertools.product(types, types)]
        sp = OutcomeSpace("free-disposal", ["x0", "x1", "x2"], pts)
        util = lambda i, th: (parse_q(th[i]), 1 - i, i)  # noqa: E731
        return Environment.build([list(types)] * 2, sp, util, f,
                                 name="example-1" if len(types) == 3 else "example-1-binary")
    monkeypatch.setattr(worked, "example_1", quarter)
    worked.example_1_values.cache_clear()
    try:
        env = next(claims.EX1.instances(1))
        assert not claims.example_1_claim.predicate(env).ok
    finally:
        worked.example_1_values.cache_clear()
    assert instances.example_1 is not quarter


def test_example_2_fails_with_another_middle_outcome(monkeypatch):
    from proofs.coalitional import worked
    from proofs.coalitional.model import Environment, OutcomeSpace

    def other():
        pts = [(0, 0, 0), (2, -1, -2), (4, -4, -4)]
        sp = OutcomeSpace("free-disposal", ["x0", "x1", "x2"], pts)
        util = lambda i, th: (int(th[0]) + int(th[1]), 1 - i, i)  # noqa: E731
        scf = {"0,0": pts[0], "0,1": pts[1], "1,0": pts[1], "1,1": pts[2]}
        return Environment.build([["0", "1"]] * 2, sp, util, scf, name="example-2")
    monkeypatch.setattr(worked, "example_2", other)
    worked.example_2_values.cache_clear()
    try:
        env = next(claims.EX2.instances(1))
        assert not claims.example_2_claim.predicate(env).ok
    finally:
        worked.example_2_values.cache_clear()


def test_unique_efficiency_holds_without_a_worthless_coordinate():
    """The erratum's other side: with the public good valued at every state, no
    payoff-equivalent disposal exists and the claim holds."""
    from proofs.coalitional.model import Environment, OutcomeSpace
    pts = [(0, 0, 0), (2, -1, -1), (4, -4, -4)]
    sp = OutcomeSpace("free-disposal", ["x0", "x1", "x2"], pts)
    util = lambda i, th: (int(th[0]) + int(th[1]) + 1, 1 - i, i)  # noqa: E731
    scf = {"0,0": pts[1], "0,1": pts[2], "1,0": pts[2], "1,1": pts[2]}
    env = Environment.build([["0", "1"]] * 2, sp, util, scf)
    assert claims.example_2_unique_efficient.predicate(env).ok


def test_fact_1_fails_when_coalitions_may_block_with_one_gainer(monkeypatch):
    """A 'strong equilibrium' that only singletons can block (the maximal pattern read as the
    minimal one) is no longer contained in the pattern equilibria."""
    real = claims._equilibrium

    def inverted(env, ts, report, pat):
        if len(pat) == 2 ** env.n - 1:
            return real(env, ts, report, minimal(env.n))
        return real(env, ts, report, pat) and not real(env, ts, report, minimal(env.n))
    monkeypatch.setattr(claims, "_equilibrium", inverted)
    assert _some_fail(claims.fact_1) is not None


def test_fact_5_fails_when_rcic_ignores_the_grand_coalition(monkeypatch):
    from proofs.coalitional.coalitions import coalitions
    from proofs.coalitional.incentives import ic_violation
    from proofs.coalitional.instances import example_1
    monkeypatch.setattr(claims, "rcic_violation",
                        lambda env: ic_violation(env, coalitions(env.n)[:-1]))
    env = example_1()                 # the grand coalition's joint improvement at (1/2, 1/2)
    env.origin = (1, 0)
    assert not claims.fact_5.predicate(env).ok


def test_fact_6_fails_with_a_wrong_acceptability(monkeypatch):
    from proofs.coalitional import deceptions
    monkeypatch.setattr(deceptions, "is_acceptable",
                        lambda env, beta, same=None: beta == deceptions.truthful(env))
    assert _some_fail(claims.fact_6) is not None


def test_fact_7_holds_on_a_dictatorship():
    """The erratum's other side: if agent 1 always decides, the OSP mechanism gives an RCIC f."""
    from proofs.coalitional.model import Environment
    util = lambda i, x, th: 0 if i == 2 else (1 if (th[i] == "p") == (x == "x") else 0)  # noqa: E731
    env = Environment.build([["p", "q"], ["p", "q"], ["a", "b"]], ["x", "y"], util,
                            lambda th: "x" if th[0] == "p" else "y")
    from proofs.coalitional import osp
    plan = lambda i, t, path: ("a" if i == 2 else  # noqa: E731
                               ("x" if env.types[i][t] == "p" else "y"))
    real = osp.s1_game
    game = ("move", 2, {"a": real()[2]["a"], "b": real()[2]["a"]})
    assert osp.check_osp(env, game, plan)["obviously_dominant"]
    assert claims.rcic_violation(env) is None


def test_fact_8_fails_when_efficiency_is_not_checked(monkeypatch):
    from proofs.coalitional import efficiency
    monkeypatch.setattr(efficiency, "weak_improvement", lambda env, s: {"value": ZERO})
    monkeypatch.setattr(claims, "rcic_violation",
                        lambda env: {"S": (0, 1), "true": (0, 0), "report": (1, 1),
                                     "outsiders": {0: (), 1: ()}, "gains": {0: ONE, 1: ONE}})
    assert _some_fail(claims.fact_8) is not None


def test_fact_9_fails_with_a_strict_reward_set(monkeypatch):
    from proofs.coalitional.rewards import RewardSet
    real = RewardSet.violation

    def strict(self, y):
        bad = real(self, y)
        if bad is None and self.rows:
            return "mutant: ties are not allowed"
        return bad
    monkeypatch.setattr(RewardSet, "violation", strict)
    assert _some_fail(claims.fact_9) is not None


def test_fact_10_fails_when_bm_is_stricter(monkeypatch):
    monkeypatch.setattr(claims, "_point_violation", lambda rs, r, c: "mutant: never in R_i")
    assert _some_fail(claims.fact_10) is not None


def test_fact_11_fails_with_a_pattern_ic_that_checks_the_complement(monkeypatch):
    from proofs.coalitional.coalitions import coalitions
    from proofs.coalitional.incentives import ic_violation
    monkeypatch.setattr(claims, "pattern_ic_violation",
                        lambda env, pat: ic_violation(env, [c for c in coalitions(env.n)
                                                            if c not in pat]))
    assert _some_fail(claims.fact_11) is not None


def test_fact_12_fails_when_the_wrong_transfer_is_lowered(monkeypatch):
    monkeypatch.setattr(claims, "_lowered", lambda env, i, j, y, M: claims._real_lowered(
        env, i, i, y, M + 1))
    assert _some_fail(claims.fact_12) is not None


def test_fact_13_fails_when_example_2_is_robustly_monotone(monkeypatch):
    from proofs.coalitional import worked
    real = worked.example_2_values
    monkeypatch.setattr(worked, "example_2_values",
                        lambda: dict(real(), rm=dict(real()["rm"], failures=0)))
    assert _some_fail(claims.fact_13) is not None


def _no_disposal(env):
    """The same environment with lotteries over the points f(Theta) only (no disposal)."""
    from proofs.coalitional.model import Environment
    from proofs.coalitional.model import dot
    pts = sorted(set(env.f))
    util = [{env.key(th): [dot(env.w[i][s], v) for v in pts] for s, th in enumerate(env.states)}
            for i in range(env.n)]
    scf = {env.key(th): f"v{pts.index(env.f[s])}" for s, th in enumerate(env.states)}
    return Environment.build([list(t) for t in env.types], [f"v{k}" for k in range(len(pts))],
                             util, scf)


def test_fact_14_fails_without_free_disposal(monkeypatch):
    real = claims.analysis.interior
    monkeypatch.setattr(claims.analysis, "interior", lambda env: real(_no_disposal(env)))
    assert _some_fail(claims.fact_14) is not None


def test_fact_16_fails_when_singletons_cannot_blow(monkeypatch):
    real = claims._mono

    def groups_only(env, kind, pat=None):
        if kind != "pattern":
            return real(env, kind, pat)
        from proofs.coalitional.monotonicity import Monotonicity
        m = Monotonicity(env, "pattern", pattern=pat)
        m.coals = [S for S in m.coals if len(S) > 1]
        return m, m.run()
    monkeypatch.setattr(claims, "_mono", groups_only)
    assert _some_fail(claims.fact_16) is not None


def test_two_agent_characterisation_fails_with_weak_improvements(monkeypatch):
    def weak(env):
        U = env.U
        for t in range(len(env.states)):
            for r in range(len(env.states)):
                if r != t and all(U[i][t][r] >= U[i][t][t] for i in range(env.n)):
                    return env.states[t], env.states[r]
        return None
    monkeypatch.setattr(claims, "joint_improvement", weak)
    assert _some_fail(claims.two_agent_characterisation) is not None


def test_characterisation_search_cross_checks_its_tables(monkeypatch):
    """A fast table that answers for the wrong environment is caught by the exact re-check."""
    from proofs.coalitional.domains import OrdinalDomain
    real = OrdinalDomain.table
    witness = claims.characterisation_fails_n3.predicate(
        next(iter(claims.N3_SEARCH.items))).data["index"]
    monkeypatch.setattr(OrdinalDomain, "table", lambda self, size, index: real(self, size, witness))
    out = claims.characterisation_fails_n3.predicate(next(iter(claims.N3_SEARCH.items)))
    assert not out.ok and out.data["table_disagrees_with_environment"] and out.data["index"] == 0


def test_whistle_blower_minimax_fails_when_a_gain_is_dropped(monkeypatch):
    real = claims.conv_margin
    monkeypatch.setattr(claims, "conv_margin", lambda P, g, optimal=False: real(P, g[:-1], optimal)
                        if len(g) > 1 else real(P, g, optimal))
    monkeypatch.setattr(claims, "check_margin", lambda P, g, res: res["value"])
    assert _some_fail(claims.whistle_blower_minimax) is not None


def test_rescaling_invariance_fails_with_a_negative_scale(monkeypatch):
    from proofs.coalitional.model import Environment

    def flip(env, rng):
        util = [{env.key(th): [-x for x in env.w[i][s]] for s, th in enumerate(env.states)}
                for i in range(env.n)]
        scf = {env.key(th): list(env.f[s]) for s, th in enumerate(env.states)}
        return Environment.build([list(t) for t in env.types], list(env.space.labels), util, scf,
                                 name=env.name + "-flipped")
    monkeypatch.setattr(claims, "_rescaled", flip)
    assert _some_fail(claims.rescaling_invariance) is not None


def test_random_type_spaces_are_valid():
    from proofs.coalitional.instances import example_2
    from proofs.coalitional.typespace import random_type_space
    env = example_2()
    ts = random_type_space(env, random.Random(4))
    for i in range(env.n):
        for x in range(ts.sizes[i]):
            for S in ((0, 1),):
                for y in range(ts.sizes[1 - i]):
                    post = ts.conditional(i, x, S, {i: x, 1 - i: y})
                    assert sum(post.values(), ZERO) == 1 and all(k == (y,) for k in post)


def test_fact_15_fails_without_a_large_enough_k(monkeypatch):
    """With m^4 = 0 the proposal is never realised: the coalition gains nothing."""
    from proofs.coalitional import oracles
    monkeypatch.setattr(oracles, "k_star", lambda e_f, e_tail, e_y: 0)
    assert _some_fail(claims.fact_15) is not None


def test_definition_8_coalition_only_fails_when_singletons_always_dissolve(monkeypatch):
    """With a broken singleton test that always passes (a reward set containing everything),
    no deception is left to a coalition: the search finds no witness and the claim fails."""
    from proofs.coalitional import monotonicity
    real = monotonicity.Monotonicity.candidate

    def broken(self, S, ts, tps, mask):
        return (True, []) if len(S) == 1 else real(self, S, ts, tps, mask)
    monkeypatch.setattr(monotonicity.Monotonicity, "candidate", broken)
    out = claims.definition_8_coalition_only.predicate({"search": "mutant"})
    assert not out.ok and out.data["searched"] == 12


@pytest.mark.slow
def test_fact_15_pattern_fails_when_theorem_1_proposals_ignore_coalitions(monkeypatch):
    """With Bergemann-Morris's reward sets in place of Y_i (no coalitional constraints, a larger
    set of proposals), some member's proposal dissolves every deception: no witness is left."""
    from proofs.coalitional import rewards
    monkeypatch.setattr(rewards, "coalitional_reward_set", rewards.bm_reward_set)
    assert _some_fail(claims.fact_15_pattern) is not None


def test_theorem_2_three_agents_fails_with_proposals_off_the_pattern_reward_set(monkeypatch):
    """Unrestricted proposals (every vertex of A as a constant reward) for the coalition {1,2}:
    a coalition profits in Claim 4 or a realised reward leaves Y_S (Definition 9 (ii))."""
    monkeypatch.setattr(claims, "menus_for", _unrestricted(claims.menus_for))
    assert _some_fail(claims.theorem_2_three_agents) is not None
