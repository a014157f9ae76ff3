"""exact.prefs: the Profile value object, Burnside counts against enumeration, orbit weights,
domains (JSON round trip, strict decoding, sharding), hypothesis strategy."""

import itertools
import math

import pytest
from hypothesis import given, settings

from exact import InputError, InvalidInstance
from exact.prefs import (HousingMarkets, Profile, StrictProfiles, all_profiles, canonical_form,
                         canonical_profiles, count_profiles, orbit_size, profiles)


# -- Profile -----------------------------------------------------------------------------------

@pytest.mark.parametrize("rows, message", [
    ([[0, 1], [1, 0], [0, 1, 1]], r"prefs\[2\]: repeated object 1"),
    ([[0, 1], [0, -1]], r"prefs\[1\]\[1\]: negative object -1"),
    ([[0, "1"]], r"prefs\[0\]\[1\]: objects are integers"),
    ([[0, True]], r"prefs\[0\]\[1\]: objects are integers"),
    ([[0, 1], 5], r"prefs\[1\]: expected a list of objects"),
    ("01", r"prefs: expected a list of rankings"),
])
def test_profile_rejects_bad_rankings_naming_the_field(rows, message):
    with pytest.raises(InvalidInstance, match=message):
        Profile(rows)


def test_profile_checks_object_range_and_completeness():
    with pytest.raises(InvalidInstance, match=r"prefs\[1\]\[0\]: object 2 out of range 0..1"):
        Profile([[0, 1], [2]], n_objects=2)
    with pytest.raises(InvalidInstance, match=r"prefs\[1\]: 1 objects, expected 2"):
        Profile([[0, 1], [1]], complete=True)
    assert Profile([[1], [0]]).m == 2 and not Profile([[1], [0]]).is_complete


def test_outside_option_sits_between_acceptable_and_unacceptable_objects():
    p = Profile([[2, 0]], n_objects=3)            # 2 > 0 > outside option > 1
    assert p.prefers(0, 2, 0) and p.prefers(0, 0, None) and p.prefers(0, None, 1)
    assert not p.prefers(0, None, 0) and not p.prefers(0, 1, None)
    assert p.rank(0, 0) == 1 and p.rank(0, 1) is None and p.acceptable(0) == {0, 2}
    assert p.weakly_prefers(0, 1, 1) and not p.weakly_prefers(0, 1, 0)


def test_parse_json_text_and_round_trip():
    p = Profile.parse('{"prefs": [[1, 0], [0]], "objects": 2}')
    assert p == Profile([(1, 0), (0,)], 2) and hash(p) == hash(Profile([[1, 0], [0]], 2))
    assert Profile.parse(p.to_json()) == p
    assert Profile.parse("[[0, 1], [1, 0]]", complete=True).rankings == ((0, 1), (1, 0))
    with pytest.raises(InputError, match="prefs: not valid JSON"):
        Profile.parse("[[0, 1], [1, 0]")
    with pytest.raises(InputError, match=r"prefs: unknown keys \['extra'\]"):
        Profile.parse({"prefs": [[0]], "extra": 1})
    with pytest.raises(InputError, match="missing key 'prefs'"):
        Profile.parse({"objects": 1})


def test_replace_relabel_and_misreports():
    p = Profile([(0, 1, 2), (2, 1, 0)])
    q = p.replace(1, (1, 0, 2))
    assert q[1] == (1, 0, 2) and p[1] == (2, 1, 0)                  # immutable
    with pytest.raises(InvalidInstance, match=r"prefs\[1\]: repeated object 0"):
        p.replace(1, (0, 0, 2))
    r = p.relabel(agents=(1, 0), objects=(2, 0, 1))
    assert r.rankings == ((1, 0, 2), (2, 0, 1))
    assert r.relabel(agents=(1, 0), objects=(1, 2, 0)) == p        # inverse relabelling
    with pytest.raises(InvalidInstance, match="objects: not a permutation"):
        p.relabel(objects=(0, 0, 1))
    lies = list(p.misreports(0))
    assert len(lies) == 5 and all(a == 0 and r != p[0] for a, r in lies)
    assert len(list(p.misreports())) == 10
    assert len(list(p.misreports(0, truncations=True))) == 1 + 3 + 6 + 6 - 1


# -- counting and enumeration -------------------------------------------------------------------

def _brute_orbits(n, m, symmetry):
    """Orbits by brute force: apply every group element to every profile (independent of the
    canonical forms and of Burnside)."""
    seen, orbits = set(), 0
    for p in all_profiles(n, m):
        if p in seen:
            continue
        orbits += 1
        for sigma in itertools.permutations(range(n)):
            if symmetry == "housing":
                seen.add(p.relabel(sigma, sigma))
                continue
            for pi in (itertools.permutations(range(m)) if symmetry == "agents+objects"
                       else [tuple(range(m))]):
                seen.add(p.relabel(sigma, pi))
    return orbits


@pytest.mark.parametrize("n, m", [(1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 4), (4, 2)])
@pytest.mark.parametrize("symmetry", ["agents", "agents+objects", "housing"])
def test_burnside_count_equals_enumeration_and_brute_force_orbits(n, m, symmetry):
    if symmetry == "housing" and n != m:
        with pytest.raises(InputError, match="m: a housing market has as many houses"):
            count_profiles(n, m, symmetry)
        return
    reps = list(canonical_profiles(n, m, symmetry))
    assert len(reps) == len(set(reps)) == count_profiles(n, m, symmetry)
    assert count_profiles(n, m, symmetry) == _brute_orbits(n, m, symmetry)
    assert all(canonical_form(r, symmetry) == r for r in reps)


@pytest.mark.parametrize("symmetry, counts", [
    ("agents", [1, 3, 56, 17550]), ("agents+objects", [1, 2, 10, 762]),
    ("housing", [1, 3, 38, 13902]), ("none", [1, 4, 216, 331776])])
def test_weights_sum_to_all_profiles_at_n_up_to_4(symmetry, counts):
    for n in range(1, 5 if symmetry != "none" else 4):   # "none" at n = 4 is 331776 profiles
        reps = canonical_profiles(n, symmetry=symmetry)
        total = k = 0
        for p in reps:
            total += orbit_size(p, symmetry)
            k += 1
        assert (k, total) == (counts[n - 1], math.factorial(n) ** n)


def test_canonical_form_maps_every_profile_into_the_representatives():
    for symmetry in ("agents", "agents+objects", "housing"):
        reps = set(canonical_profiles(3, symmetry=symmetry))
        sizes: dict = {}
        for p in all_profiles(3):
            c = canonical_form(p, symmetry)
            assert c in reps
            sizes[c] = sizes.get(c, 0) + 1
        assert all(sizes[c] == orbit_size(c, symmetry) for c in reps)


def test_canonical_order_puts_agreeing_agents_first():
    reps = list(canonical_profiles(3, symmetry="agents+objects"))
    distinct = [len(set(p.rankings)) for p in reps]
    assert distinct == sorted(distinct) and reps[0].rankings == ((0, 1, 2),) * 3
    assert all(p[0] == (0, 1, 2) for p in reps)


def test_enumeration_is_a_generator():
    gen = canonical_profiles(4, symmetry="housing")
    assert iter(gen) is gen and next(gen).n == 4


# -- domains ------------------------------------------------------------------------------------

@pytest.mark.parametrize("domain", [StrictProfiles(), HousingMarkets()])
def test_domain_counts_shards_and_json_round_trip(domain):
    assert domain.sizes == (1, 2, 3, 4)
    for size in (1, 2, 3):
        whole = list(domain.instances(size))
        assert len(whole) == domain.count(size)
        assert list(domain.instances(size, 2, 7)) == whole[2:7]
        for p in whole:
            assert domain.from_json(domain.to_json(p)) == p and domain.size_of(p) == size
    assert sum(domain.weight(p) for p in domain.instances(3)) == 6 ** 3


@pytest.mark.parametrize("data, message", [
    ([[0, 1], [1]], r"instance\[1\]: 1 objects, expected 2"),
    ([[0, 1], [1, 1]], r"instance\[1\]: repeated object 1"),
    ({"prefs": [[0]]}, "instance: expected a non-empty list"),
    ([], "instance: expected a non-empty list"),
    ([[0, 2], [1, 0]], r"instance\[0\]\[1\]: object 2 out of range"),
])
def test_domain_from_json_is_strict(data, message):
    with pytest.raises(InputError, match=message):
        StrictProfiles().from_json(data)


@settings(max_examples=30, deadline=None)
@given(profiles(4))
def test_strategy_draws_complete_profiles(p):
    assert p.n == 4 and p.is_complete and canonical_form(p, "housing").n == 4


@settings(max_examples=30, deadline=None)
@given(profiles(3, 4, truncated=True))
def test_truncated_strategy_draws_valid_profiles(p):
    assert p.m == 4 and all(len(set(r)) == len(r) for r in p)


def test_profile_is_immutable_and_copies_equal():
    import copy
    p = Profile([(0, 1), (1, 0)])
    with pytest.raises(AttributeError, match="immutable"):
        p._rankings = ((1, 0), (1, 0))
    with pytest.raises(TypeError):
        p.rankings[0] = (1, 0)
    assert copy.deepcopy(p) == p and copy.copy(p) is not None


@pytest.mark.parametrize("module", ["exact.prefs", "exact.graphs", "exact.lottery",
                                    "exact.mechanisms", "exact.mechanisms.ttc",
                                    "exact.mechanisms.serial", "exact.mechanisms.ps",
                                    "exact.mechanisms.properties"])
def test_docstring_examples_run(module):
    import doctest
    import importlib
    res = doctest.testmod(importlib.import_module(module))
    assert res.failed == 0 and res.attempted > 0
