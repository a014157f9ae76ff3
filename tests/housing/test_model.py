"""Profiles, allocations, dominance, relabelling, and the one-line errors for bad input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.errors import InputError, InvalidInstance
from proofs.housing.model import (allocations, canonical_form, identical_profiles,
                                  parse_profile, permute_allocation, permute_profile,
                                  profile_count, profiles, reports, strictly_dominates,
                                  weakly_dominates)


def test_counts_match_the_note():
    assert len(reports(3, 2)) == 36
    assert profile_count(3, 2) == 46656 == sum(1 for _ in profiles(3, 2))
    assert len(allocations(3, 2)) == 36
    assert sum(1 for _ in identical_profiles(2, 3)) == 8


def test_dominance_is_the_product_order():
    Pi = ((2, 0, 1), (0, 1, 2))
    assert weakly_dominates((2, 0), (0, 1), Pi)
    assert not weakly_dominates((0, 0), (2, 1), Pi)       # worse in category 0
    assert not strictly_dominates((1, 1), (1, 1), Pi)
    assert strictly_dominates((2, 1), (2, 2), Pi)


@pytest.mark.parametrize("data, message", [
    ([[[0, 0]], [[1, 0]]], r"profile\[0\]\[0\]: object 0 repeated in ranking \[0, 0\]"),
    ([[[0, 1], [1, 0]], [[1, 0]]], r"profile\[1\]: 1 categories, expected 2 \(missing category"),
    ([[[0, 1]], [[1, 0, 2]]], r"profile\[1\]\[0\]: 3 objects, expected 2 \(ragged size\)"),
    ([[[0, 1]], [[1, 5]]], r"profile\[1\]\[0\]: object 5 outside 0..1"),
    ([[[0, 1]], [[1, "0"]]], r"profile\[1\]\[0\]: object '0' is not an integer"),
    ([], r"profile: expected a non-empty list"),
])
def test_bad_profiles_get_one_line_errors_naming_the_field(data, message):
    with pytest.raises(InvalidInstance, match=message) as exc:
        parse_profile(data)
    assert isinstance(exc.value, InputError) and "\n" not in str(exc.value)


def test_expected_sizes_are_enforced():
    with pytest.raises(InvalidInstance, match=r"profile: 2 agents, expected 3"):
        parse_profile([[[0, 1]], [[1, 0]]], n=3)
    assert parse_profile([[[0, 1], [1, 0]], [[1, 0], [0, 1]]], m=2)[1][0] == (1, 0)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 4), st.integers(1, 3), st.data())
def test_canonical_form_inverts_the_relabelling(n, m, data):
    P = tuple(tuple(tuple(data.draw(st.permutations(range(n)))) for _ in range(m))
              for _ in range(n))
    rep, pi = canonical_form(P)
    assert permute_profile(rep, pi) == P
    assert all(r == tuple(range(n)) for r in rep[0])
    A = tuple(tuple(data.draw(st.permutations(range(n)))) for _ in range(m))
    assert permute_allocation(A, tuple(tuple(range(n)) for _ in range(m))) == A


def test_allocate_validates_user_data_with_one_line_errors():
    from proofs.housing.mechanisms import allocate
    P = [[[0, 1, 2], [0, 1, 2]]] * 3
    assert allocate(P, [0, 1, 2], fair=True) == ((0, 1, 2), (2, 1, 0))
    with pytest.raises(InvalidInstance, match=r"profile\[2\]\[1\]: object 2 repeated"):
        allocate(P[:2] + [[[0, 1, 2], [2, 2, 0]]], [[0, 1, 2]] * 2)
    with pytest.raises(InvalidInstance, match=r"orders\[1\]: \[0, 1\] is not a permutation"):
        allocate(P, [[0, 1, 2], [0, 1]])
    with pytest.raises(InvalidInstance, match=r"orders: expected one permutation"):
        allocate(P, [0, 0, 1], fair=True)


def test_allocate_script_prints_one_line_for_bad_input(tmp_path):
    import json
    import subprocess
    import sys
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"profile": [[[0, 1]], [[1, 0, 1]]], "orders": [[0, 1]]}))
    import pathlib
    script = pathlib.Path(__file__).resolve().parents[2] / "examples" / "housing_allocate.py"
    r = subprocess.run([sys.executable, str(script), str(f)],
                       capture_output=True, text=True)
    assert r.returncode == 3
    assert r.stderr.strip() == ("housing_allocate: profile[1][0]: 3 objects, expected 2 "
                                "(ragged size)")


def test_domain_json_is_read_strictly():
    from proofs.housing.claims import d1, theorem_1
    dom = d1.domain
    inst = next(iter(dom.instances(1)))
    assert dom.from_json(dom.to_json(inst)) == inst
    deep = [2, 1]
    for _ in range(3000):
        deep = [deep]
    for bad, msg in [([2, 1, deep], "nested too deeply"), ([9, 9], r"\(9, 9\) is not a size"),
                     ([True, 1], "expected \\[n, m"), ([2, 1, [[[1, 1]], [[0, 1]]]],
                                                       "not an instance")]:
        with pytest.raises(InputError, match=msg):
            dom.from_json(bad)
    assert theorem_1.domain.from_json([3, 2, "drat"]) == (3, 2, "drat")
