"""The exact decision procedures: unions of polytopes, margins, monotonicity, lemmas, oracles."""

import copy
import itertools
import random

import pytest

from exact import CertificateError
from exact.numbers import ONE, Q, ZERO
from proofs.coalitional.coalitions import maximal, split
from proofs.coalitional.deceptions import (agent_deceptions, count_profiles, deception_from_json,
                                           deception_profiles, is_acceptable)
from proofs.coalitional.efficiency import balas_margin
from proofs.coalitional.generators import random_environment
from proofs.coalitional.incentives import (expost_coalitional_violation, rcic_violation,
                                           check_violation, violation_json)
from proofs.coalitional.instances import example_1, example_2, extreme_point_witness, osp_witness
from proofs.coalitional.interior import cnti, interior_test, vertices
from proofs.coalitional.lemmas import lemma_1
from proofs.coalitional.margins import check_margin, conv_margin, single_margin
from proofs.coalitional.monotonicity import Monotonicity, check_monotonicity, gains_for
from proofs.coalitional.rewards import bm_reward_set, coalitional_reward_set
from proofs.coalitional.union import Problem, check_tree, feasible, maximize


def _union():
    """x in [0, 2], (x <= 1/2 or x >= 3/2)."""
    return Problem(1, [(0, 2)], [], [], [], [],
                   [[[([ONE], Q(1, 2))], [([-ONE], Q(-3, 2))]]])


def test_branch_and_bound_finds_points_and_proves_bounds():
    P = _union()
    out = maximize(P, [ONE], Q(1))
    assert out[0] == "above" and out[1] == [Q(2)]
    # max of -|x - 1| over the union is -1/2: prove -x <= -1/2 is false, i.e. bound 0 fails
    down = maximize(P, [-ONE], Q(-1, 2) - 1)
    assert down[0] == "above"
    # the largest x below 1 in the union is 1/2
    cap = Problem(1, [(0, 1)], [], [], [], [], P.disjunctions)
    res = maximize(cap, [ONE], Q(1, 2))
    assert res[0] == "below"
    assert check_tree(res[1], cap, [ONE], Q(1, 2)) == 2
    with pytest.raises(CertificateError):
        check_tree(res[1], cap, [ONE], Q(1, 3))           # the tree does not prove a lower bound


def test_tampered_tree_leaf_is_rejected():
    cap = Problem(1, [(0, 1)], [], [], [], [], _union().disjunctions)
    tree = maximize(cap, [ONE], Q(1, 2))[1]
    bad = copy.deepcopy(tree)
    bad["children"] = bad["children"][:1]
    with pytest.raises(CertificateError):
        check_tree(bad, cap, [ONE], Q(1, 2))
    other = Problem(1, [(0, 1)], [], [], [], [], [[[([ONE], Q(1, 3))], [([-ONE], Q(-3, 2))]]])
    with pytest.raises(CertificateError):
        check_tree(tree, other, [ONE], Q(1, 2))           # a tree for another union


def test_z3_feasibility_is_rechecked_and_certified():
    P = _union()
    sat = feasible(P, [([-ONE], Q(-7, 4))])               # x > 7/4
    assert sat["status"] == "sat" and sat["z"][0] > Q(7, 4)
    unsat = feasible(P, [([-ONE], Q(-1, 2)), ([ONE], Q(3, 2))])   # 1/2 < x < 3/2
    assert unsat["status"] == "unsat"
    from proofs.coalitional.union import with_epsilon
    Pe, c, extra = with_epsilon(P, [([-ONE], Q(-1, 2)), ([ONE], Q(3, 2))])
    assert check_tree(unsat["tree"], Pe, c, ZERO, extra) >= 2


def _components(seed_count=25):
    rng = random.Random(11)
    for _ in range(seed_count):
        env = random_environment(rng, 2, 2, rng.choice([3, 4]), scf="random")
        for i in range(2):
            rs = coalitional_reward_set(env, i)
            for C, comp in enumerate(rs.components):
                if comp.disjunctions:
                    yield env, i, comp


def test_minimax_margin_equals_balas_and_dominates_one_reward():
    n = 0
    for env, i, comp in itertools.islice(_components(), 6):
        P = comp.problem()
        M = len(split(env.k, (i,)).outside)
        bits = [s * M + r for r in comp.points for s in range(M)]
        for ti, tpi in itertools.product(range(env.k[i]), repeat=2):
            g = gains_for(env, comp, (i,), (ti,), (tpi,), bits, M)
            res = conv_margin(P, g, optimal=True)
            v = check_margin(P, g, res)
            assert v == balas_margin(P, g)
            one = single_margin(P, g, tau=v)
            assert one["value"] is None                     # no single reward beats the hull
            n += 1
    assert n >= 8


def test_margin_certificate_tampering():
    env, i, comp = next(_components())
    P = comp.problem()
    M = len(split(env.k, (i,)).outside)
    bits = [s * M + r for r in comp.points for s in range(M)]
    g = gains_for(env, comp, (i,), (0,), (1,), bits, M)
    res = conv_margin(P, g, optimal=True)
    check_margin(P, g, res)
    worse = dict(res, value=res["value"] + 1)
    with pytest.raises(CertificateError):
        check_margin(P, g, worse)
    skew = dict(res, psi=[p * 2 for p in res["psi"]])
    with pytest.raises(CertificateError):
        check_margin(P, g, skew)


def test_reward_sets_nest_and_rcic_gives_members():
    env = example_1(("0", "1"))
    for i in range(2):
        Y, B = coalitional_reward_set(env, i), bm_reward_set(env, i)
        assert set(B.rows) <= set(Y.rows) | {r for d in Y.disjunctions for a in d for r in a}
        sp = split(env.k, (i,))
        for a in range(len(sp.inside)):
            y = [env.f_coords[sp.index[a][b]] for b in range(len(sp.outside))]
            assert Y.violation(y) is None and B.violation(y) is None
    e1 = example_1()
    Y = coalitional_reward_set(e1, 0)
    sp = split(e1.k, (0,))
    member = {}
    for lab in ("1/2", "1"):
        h = e1.types[0].index(lab)
        y = [e1.f_coords[sp.index[sp.pos_in[(h,)]][b]] for b in range(3)]
        member[lab] = Y.violation(y) is None
    # RCIC fails at (1/2, 1/2) -> (1, 1): f(1, .) proposes f(1, 1), better for both at (1/2, 1/2)
    assert member == {"1/2": True, "1": False}


def test_deception_counts_and_acceptability():
    assert len(agent_deceptions(2)) == 9 and len(agent_deceptions(3)) == 343
    assert count_profiles((3, 3)) == 117649
    env = example_2()
    beta = deception_from_json(env, [{"0": ["0"], "1": ["0"]}, {"0": ["1"], "1": ["1"]}])
    assert not is_acceptable(env, beta)
    assert sum(1 for b in deception_profiles(env) if is_acceptable(env, b)) == 1


def test_monotonicity_cached_equals_uncached_and_replays():
    rng = random.Random(3)
    for env in [example_2()] + [random_environment(rng, 2, 2, 3) for _ in range(2)]:
        for kind in ("bm", "coalitional"):
            a = Monotonicity(env, kind).run()
            b = Monotonicity(env, kind, cached=False).run()
            assert [x for x, _ in a["failing"]] == [x for x, _ in b["failing"]]
            assert a["lp_tests"] <= b["lp_tests"]
    m = Monotonicity(example_2(), "bm")
    data = m.summary_json(m.run())
    assert data["without_dissolver"] == 18
    check_monotonicity(example_2(), data)
    bad = copy.deepcopy(data)
    bad["without_dissolver"] = 17
    with pytest.raises(CertificateError):
        check_monotonicity(example_2(), bad)
    bad = copy.deepcopy(data)
    bad["results"] = {k: r for k, r in bad["results"].items() if r["holds"]}
    with pytest.raises(CertificateError):
        check_monotonicity(example_2(), bad)


def test_antitone_in_the_pair_set():
    env = random_environment(random.Random(8), 2, 2, 3, scf="random")
    m = Monotonicity(env, "coalitional", cached=False)
    S = (0,)
    for C, cm in enumerate(m.compmask[S]):
        subs = [x for x in range(1, cm + 1) if x & ~cm == 0]
        res = {x: m.compute(S, (0,), (1,), C, x)["holds"] for x in subs}
        for x, y in itertools.product(subs, repeat=2):
            if x & ~y == 0 and res[y]:
                assert res[x]                              # success on y decides every subset


def test_lemma_1_gains_and_osp_witness():
    e = osp_witness()
    v = rcic_violation(e)
    data = violation_json(e, v)
    check_violation(e, data)
    assert data["outsiders"] == {"1": ["b"], "2": ["a"]}
    assert expost_coalitional_violation(e) is None          # the quantifier swap (S12)
    L = lemma_1(e, v)
    assert all(g == 1 for g in L["gains"].values()) and L["first_violation"] is not None
    tampered = dict(data, gains={"1": 2, "2": 1})
    with pytest.raises(CertificateError):
        check_violation(e, tampered)


def test_extreme_point_and_cnti():
    e = extreme_point_witness()
    assert (0, Q(1, 2), Q(1, 2)) in vertices(e, 0, (0,))
    assert cnti(e, 1, 0, (0,))["value"] <= 0                 # agent 2 is indifferent: CNTI fails
    assert interior_test(example_2())["ok"] and not interior_test(osp_witness())["ok"]


def test_theorem_1_oracles_on_example_1():
    from proofs.coalitional.mechanisms import Message, WhistleMechanism
    from proofs.coalitional.oracles import claim_1, claim_2, claim_3, hat_lists, menus_for
    from proofs.coalitional.typespace import random_type_space
    env = example_1(("0", "1"))
    it = interior_test(env)
    hat = hat_lists(env, it["pairs"], range(2))
    mech = WhistleMechanism(env, hat)
    menus = menus_for(env, hat)
    mono = Monotonicity(env, "coalitional")
    ts = random_type_space(env, random.Random(5))
    assert claim_1(mech, ts, menus)["violation"] is None
    under = lambda i, x: Message(ts.theta[i][x], True, hat[i][1], 0)  # noqa: E731
    assert claim_2(mech, ts, under)["gain"] == 0                      # the paper's Case 1, m^4 = 0
    assert claim_2(mech, ts, under, corrected=True)["gain"] > 0
    lie = lambda i, x: 1 - ts.theta[i][x]  # noqa: E731
    r3 = claim_3(mono, mech, ts, lie)
    assert r3["gain"] > 0 and r3["K"] >= 1


def test_epsilon_range_is_the_paper_bound():
    from proofs.coalitional.example2 import epsilon_set, paper_bound
    weak, strict = epsilon_set(False)["intervals"], epsilon_set(True)["intervals"]
    r = paper_bound()
    assert weak == [(0, r, False, True)] and strict == [(0, r, False, False)]
    assert Q(43, 100) < r < Q(44, 100)
