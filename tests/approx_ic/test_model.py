"""The model of Section 2: validation (field named), beliefs, (sigma*, q*), counts vs profiles."""

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact import InputError
from exact.numbers import Q
from proofs.approx_ic.beliefs import beliefs
from proofs.approx_ic.counts import epsilon_star, welfare
from proofs.approx_ic.domains import ENVIRONMENTS, TYPE_SETS, SETTINGS, permute
from proofs.approx_ic.families import BINARY, INVEST, MATCH, OBJECT_1, OBJECT_2, SKEWED
from proofs.approx_ic.gains import definition_epsilon, min_epsilon
from proofs.approx_ic.mechanism import (first_best_welfare, interim_utility, mechanism, revenue,
                                        sigma_star)
from proofs.approx_ic.model import Environment, Setting, environment, setting

NU = [["2/3", "1/3"], ["1/3", "2/3"]]
U = [[[0, 0], [-1, 2]]]


def test_a_valid_environment():
    env = environment(["1/2", "1/2"], [["4/9", "2/9", "2/9", "1/9"], ["1/9", "2/9", "2/9", "4/9"]],
                      [2, 2], U * 2)
    assert env.n == 2 and env.profiles == ((0, 0), (0, 1), (1, 0), (1, 1))
    assert Environment.from_json(env.to_json()) == env


@pytest.mark.parametrize("prior, field, message", [
    (["1/2", "1/3"], "prior", "sum to 1, they sum to 5/6"),
    (["3/2", "-1/2"], "prior[1]", "must be positive"),
    (["1", "0"], "prior[1]", "must be positive"),
    ([0.5, 0.5], "prior[0]", "floats are not exact"),
    (["1/2", "x"], "prior[1]", "not a rational number"),
    ("1/2", "prior", "expected a list"),
])
def test_bad_priors_are_refused_naming_the_field(prior, field, message):
    with pytest.raises(InputError, match=message) as exc:
        environment(prior, [["1"], ["1"]], [1], [[[0, 0]]])
    assert exc.value.field == field


def test_a_mis_sized_type_space_is_refused():
    with pytest.raises(InputError, match=r"has 3 entries, expected 4") as exc:
        environment(["1"], [["1/3", "1/3", "1/3"]], [2, 2], [[[0]], [[0]]])
    assert exc.value.field == "mu[0]"
    with pytest.raises(InputError, match="2 utility matrices for 1 players"):
        environment(["1"], [["1"]], [1], [[[0]], [[0]]])
    with pytest.raises(InputError, match="one per state") as exc:
        environment(["1/2", "1/2"], [["1"], ["1"]], [1], [[[0]]])
    assert exc.value.field == "utilities[0][0]"
    with pytest.raises(InputError, match="expected one per state"):
        environment(["1/2", "1/2"], [["1"]], [1], [[[0, 0]]])
    with pytest.raises(InputError) as exc:
        environment(["1"], [["1/2", "1/2"]], [2, 0], [[[0]], [[0]]])
    assert exc.value.field == "signals[1]"


def test_other_fields_are_named():
    with pytest.raises(InputError) as exc:
        environment(["1"], [["1/2", "-1/2", "1"]], [3], [[[0]]])
    assert exc.value.field == "mu[0][1]"
    with pytest.raises(InputError) as exc:
        environment(["1"], [["1"]], [1], [[[0]]], tie="random")
    assert exc.value.field == "tie"
    with pytest.raises(InputError) as exc:
        Environment.from_json({"prior": ["1"], "mu": [["1"]], "signals": [1],
                               "utilities": [[[0]]], "extra": 1})
    assert exc.value.field == "extra"
    with pytest.raises(InputError, match="floats") as exc:
        environment(["1"], [["1"]], [1], [[[0.1]]])
    assert exc.value.field == "utilities[0][0][0]"


def test_the_setting_of_theorem_1_is_validated():
    st_ = setting(["1/2", "1/2"], NU, U)
    assert Setting.from_json(st_.to_json()) == st_
    with pytest.raises(InputError, match="identifiability") as exc:
        setting(["1/2", "1/2"], [["1/2", "1/2"], ["1/2", "1/2"]], U)
    assert exc.value.field == "nu[1]"
    with pytest.raises(InputError) as exc:
        setting(["1/2", "1/2"], [["2/3", "1/3"], ["1/3", "1/3", "1/3"]], U)
    assert exc.value.field == "nu[1]"
    with pytest.raises(InputError, match="distinct") as exc:
        setting(["1/2", "1/2"], NU, U * 2)
    assert exc.value.field == "types[1]"
    with pytest.raises(InputError) as exc:
        st_.environment([-1])
    assert exc.value.field == "composition[0]"
    with pytest.raises(InputError):
        st_.environment([0])


def test_domains_refuse_bad_json():
    with pytest.raises(InputError) as exc:
        SETTINGS.from_json({"setting": BINARY.with_types([INVEST]).to_json(), "epsilon": "1/3"})
    assert exc.value.field == "epsilon"
    with pytest.raises(InputError):
        TYPE_SETS.from_json([[[0, 1]], [[0, 1]]])
    with pytest.raises(InputError):
        ENVIRONMENTS.from_json({"prior": ["1"]})


def test_user_mechanisms_are_validated():
    env = BINARY.with_types([INVEST]).environment([1])
    m = mechanism(env, [0, 1], [[0], ["1/3"]])
    assert m.allocation == ((1, 0), (0, 1))
    with pytest.raises(InputError) as exc:
        mechanism(env, [0, 2], [[0], [0]])
    assert exc.value.field == "allocation[1]"
    with pytest.raises(InputError) as exc:
        mechanism(env, [0, ["1/2", "1/3"]], [[0], [0]])
    assert exc.value.field == "allocation[1]"
    with pytest.raises(InputError) as exc:
        mechanism(env, [0, 1], [[0], [Fraction(1, 3), 1]])
    assert exc.value.field == "payments[1]"


def test_beliefs_of_the_two_player_invest_instance():
    b = beliefs(BINARY.with_types([INVEST]).environment([2]))
    assert [p[1] for p in b.posterior] == [Q(1, 5), Q(1, 2), Q(1, 2), Q(4, 5)]
    assert b.marginal == (Q(5, 18), Q(2, 9), Q(2, 9), Q(5, 18))
    assert b.own[0] == (Q(1, 2), Q(1, 2)) and b.own_posterior[0][1] == (Q(1, 3), Q(2, 3))


def test_sigma_star_chooses_the_posterior_optimum_with_the_tie_rule():
    env = BINARY.with_types([INVEST], "first").environment([1])
    assert sigma_star(env).allocation == ((1, 0), (0, 1))        # L: 3p - 1 = 0, tie -> a_0
    env = BINARY.with_types([INVEST], "last").environment([1])
    assert sigma_star(env).allocation[0] == (0, 1)                # tie -> a_1
    assert definition_epsilon(env, sigma_star(env)) == 1          # the note's tie sensitivity


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([BINARY, SKEWED]), st.sampled_from([(MATCH,), (INVEST,),
                                                           (OBJECT_1, OBJECT_2)]),
       st.integers(1, 4), st.sampled_from(["first", "last"]), st.randoms(use_true_random=False))
def test_counts_agree_with_full_profiles(sig, types, n, tie, rng):
    """epsilon* and W* by signal counts equal the full-profile computation (Definition 1)."""
    stt = sig.with_types(types, tie)
    comp = [0] * len(types)
    for _ in range(n):
        comp[rng.randrange(len(types))] += 1
    env = stt.environment(comp)
    assert epsilon_star(stt, comp) == min_epsilon(env) == definition_epsilon(env, sigma_star(env))
    assert welfare(stt, comp) == first_best_welfare(env) == revenue(env, sigma_star(env))


def test_permuting_players_keeps_the_law_and_the_verdicts():
    env = next(e for e in ENVIRONMENTS.instances(3) if len(set(e.utilities)) == 2
               and len(e.signals) == 3)
    img = permute(env, (2, 0, 1))
    assert img != env and sorted(img.utilities) == sorted(env.utilities)
    assert first_best_welfare(img) == first_best_welfare(env)
    assert min_epsilon(img) == min_epsilon(env)
    for _ in range(3):
        other = ENVIRONMENTS.symmetric_image(env, random.Random(_))
        assert Environment.from_json(other.to_json()) == other


def test_the_unreduced_domain_lists_every_labelled_assignment():
    red, full = ENVIRONMENTS, ENVIRONMENTS.unreduced()
    for n in (1, 2, 3):
        assert sum(red.weight(e) for e in red.instances(n)) == full.count(n)
        assert len(list(full.instances(n))) == full.count(n)
        assert len({e for e in full.instances(n)}) == full.count(n)


def test_interim_utility_of_truth_is_zero_and_a_lie_is_computed_from_the_joint_law():
    env = BINARY.with_types([INVEST]).environment([2])
    m = sigma_star(env)
    assert interim_utility(env, m, 0, 1, 1) == 0
    assert interim_utility(env, m, 0, 1, 0) == Q(1, 2)
