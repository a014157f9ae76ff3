"""The environment model: validation (clear errors naming the field), JSON, utilities."""

import random

import pytest

from exact import InputError
from exact.numbers import Q
from proofs.coalitional.coalitions import maximal, minimal, pattern
from proofs.coalitional.domains import OrdinalDomain
from proofs.coalitional.generators import random_environment
from proofs.coalitional.instances import example_1, example_2, osp_witness
from proofs.coalitional.model import Environment, OutcomeSpace

GOOD = {"types": [["a", "b"], ["c"]], "outcomes": ["x", "y"],
        "utility": [{"a,c": [1, 0], "b,c": [0, 1]}, {"a,c": [0, 0], "b,c": ["1/2", 1]}],
        "scf": {"a,c": "x", "b,c": {"x": "1/2", "y": "1/2"}}}


def _with(**changes):
    d = {k: v for k, v in GOOD.items()}
    d.update(changes)
    return d


def test_good_environment_round_trips():
    env = Environment.from_json(GOOD)
    assert env.n == 2 and env.k == (2, 1)
    assert env.f[1] == (Q(1, 2), Q(1, 2))
    assert env.u(1, env.f[1], (1, 0)) == Q(3, 4)
    again = Environment.from_json(env.to_json())
    assert again.digest == env.digest


@pytest.mark.parametrize("data, field, words", [
    (_with(scf={"a,c": "x", "b,c": {"x": "1/2", "y": "2/3"}}), "scf['b,c']", "sum"),
    (_with(scf={"a,c": "x", "b,c": {"x": "-1/2", "y": "3/2"}}), "scf['b,c']", "negative"),
    (_with(scf={"a,c": "z", "b,c": "x"}), "scf['a,c']", "unknown outcome"),
    (_with(utility=[{"a,c": [1, 0], "b,c": [0, 1], "q,c": [0, 0]},
                    {"a,c": [0, 0], "b,c": [0, 0]}]), "utility[0]['q,c']", "not in types[0]"),
    (_with(utility=[{"a,c": [1, 0]}, {"a,c": [0, 0], "b,c": [0, 0]}]), "utility[0]",
     "no utility for the profile 'b,c'"),
    (_with(types=[["a", "b"], []]), "types[1]", "empty type set"),
    (_with(utility=[{"a,c": [0.5, 0], "b,c": [0, 1]}, {"a,c": [0, 0], "b,c": [0, 0]}]),
     "utility[0]['a,c'][0]", "floats"),
    (_with(outcomes=[]), "outcomes.labels", "empty"),
])
def test_bad_environments_name_the_field(data, field, words):
    with pytest.raises(InputError) as exc:
        Environment.from_json(data)
    assert exc.value.field == field and words in str(exc.value)


def test_pattern_needs_every_singleton():
    with pytest.raises(InputError) as exc:
        pattern(3, [[0], [1], [0, 1]])
    assert exc.value.field == "pattern" and "{3}" in str(exc.value)
    with pytest.raises(InputError):
        pattern(2, [[0], [1], [0, 5]])
    assert pattern(2, [[0], [1], [1, 0]]) == maximal(2)
    assert pattern(2, [[1], [0]]) == minimal(2)


def test_free_disposal_space():
    sp = OutcomeSpace("free-disposal", ["x0", "x1"], [(0, 0), (1, -1), (0, -1)])
    assert sp.K == 2                                  # (0, -1) lies below (0, 0)
    c = sp.coords_of((Q(1, 2), Q(-1)))
    sp.check_coords(c)
    with pytest.raises(InputError):
        sp.coords_of((Q(1), Q(0)))                     # above every mixture
    with pytest.raises(InputError) as exc:
        Environment.build([["0"]], sp, lambda i, th: (-1, 1), lambda th: (0, 0))
    assert "non-decreasing" in str(exc.value)


def test_examples_have_the_paper_outcomes():
    e = example_1()
    h = e.types[0].index("1/2")
    assert e.fs((h, h)) == (Q(1), Q(-1, 8), Q(-1, 8))
    e2 = example_2()
    assert e2.fs((1, 1)) == (Q(4), Q(-4), Q(-4))
    assert osp_witness().is_private() and not e2.is_private()


def test_ordinal_table_matches_the_environment():
    dom = OrdinalDomain()
    rng = random.Random(0)
    for size in (1, 2, 3):
        for _ in range(20):
            j = rng.randrange(dom.count(size))
            env, tab = dom.decode(size, j), dom.table(size, j)
            assert [[[Q(x) for x in row] for row in Ui] for Ui in tab.U] == env.U


def test_random_environments_validate():
    env = random_environment(random.Random(1), 3, 2, 3, punish=True)
    assert env.space.labels[-2:] == ("p1", "p2")
    assert Environment.from_json(env.to_json()).digest == env.digest
