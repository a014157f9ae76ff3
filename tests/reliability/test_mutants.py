"""Item 6: checks that can fail. The engine refutes every deliberately broken mechanism or model
of :mod:`mutants` with a minimal, replayable counterexample, and verifies every control."""

import pytest

from exact.engine import check
from exact.records import make_record

from .helpers import count, replay
from .mutants import CONTROLS, MUTANTS

#: the smallest size at which each seeded bug can show (argued in the mutants' docstring)
SMALLEST = {"ttc-skip-cycle": 3, "sd-wrong-order": 2, "lp-flipped-sign": 2,
            "tickets-ignores-tie": 1}


@pytest.mark.parametrize("key", sorted(MUTANTS))
def test_control_is_verified(key):
    v = check(CONTROLS[key])
    assert v.kind == "verified" and v.instances == v.total > 0, v
    assert replay(make_record(v, CONTROLS[key]), full=True).checked >= v.total


@pytest.mark.parametrize("key", sorted(MUTANTS))
def test_mutant_is_refuted_minimally(key):
    mutant, control = MUTANTS[key], CONTROLS[key]
    v = check(mutant)
    assert v.kind == "refuted", v
    cx = v.counterexample
    assert cx["minimal"] and cx["size"] == SMALLEST[key], cx
    domain = mutant.domain
    inst = domain.from_json(cx["instance"])
    # minimal: every instance before it in canonical order (all smaller sizes, then the
    # earlier indices of its size) satisfies the property, checked here without the engine
    for s in domain.sizes:
        if s > cx["size"]:
            break
        stop = cx["index"] if s == cx["size"] else None
        for j, x in enumerate(domain.instances(s, 0, stop)):
            assert mutant.check(x).ok, (key, s, j)
    # the seeded bug is the cause: the correct construction passes on the same instance
    assert control.check(inst).ok and not mutant.check(inst).ok
    # the counterexample replays from its JSON, and an edited one does not
    rec = make_record(v, mutant)
    assert replay(rec).verdict == "refuted"
    count("mutant mechanisms refuted with a minimal counterexample")


@pytest.mark.parametrize("key", ["sd-wrong-order", "lp-flipped-sign"])
def test_counterexample_does_not_depend_on_jobs_or_shards(key):
    a = check(MUTANTS[key])
    b = check(MUTANTS[key], jobs=2, shard_size=3)
    assert (a.kind, a.counterexample, a.instances) == (b.kind, b.counterexample, b.instances)
