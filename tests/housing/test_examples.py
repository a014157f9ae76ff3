"""Worked examples: Example 1's numbers against the paper, the application's exact identities."""

import pytest

from exact.numbers import Q
from exact.report import get_example
from proofs.housing.application import (CAPACITY, reversal_closed_orders, sd_bracket, sd_types,
                                        simulate, synthetic_instance)
from proofs.housing.example1 import PAPER, example_1


def test_example_1_numbers_equal_the_papers():
    v = example_1()
    assert (v["fpd_welfare_worst"], v["fpd_welfare_best"]) == (PAPER["fpd_welfare_worst"],
                                                               PAPER["fpd_welfare_best"]) == (80, 90)
    assert v["ipd_welfare"] == [PAPER["ipd_welfare"]] == [70]
    assert v["fpd_rawls"] == PAPER["fpd_rawls"] == (40, 45)
    assert v["ipd_rawls"] == [PAPER["ipd_rawls"]] == [10]
    assert v["fpd_bundles"] == PAPER["fpd_bundles"] and v["ipd_bundles"] == PAPER["ipd_bundles"]
    assert v["linear_extensions"] == 2 and v["incomparable"] == [((0, 1), (1, 0))]
    assert v["utilities_consistent"] and v["utilities_additive"] == [False, False]
    assert v["pe_allocations"] == [((0, 1), (0, 1)), ((1, 0), (1, 0))]   # only the IPD outcomes


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "json"])
def test_reports_render_in_every_format(fmt):
    for name in ("housing/example-1", "housing/application"):
        fn = get_example(name)
        r = fn() if name.endswith("-1") else fn(pairs=50)
        out = r.render(fmt)
        assert "Example 1" in out or "Teaching" in out
        assert "." not in str(r.values.get("ipd_welfare", "")), "values stay exact"


def test_example_1_report_values():
    r = get_example("housing/example-1")()
    assert r.values["fpd_welfare_worst"] == Q(80) and r.values["ipd_rawls"] == Q(10)


def test_application_identities():
    assert sum(CAPACITY) == 37
    s = simulate(synthetic_instance(7), reversal_closed_orders(37, 40, 3))
    assert s["identical"]["mean_total_rank"] == s["fair"]["mean_total_rank"]
    assert s["fair"]["envy_both_share"] == 0 < s["identical"]["envy_both_share"]
    assert s["fair"]["special_always"] and s["identical"]["special_always"]
    assert 2 <= s["fair"]["best_total_rank"] and s["identical"]["worst_total_rank"] <= 14


def test_sd_types_respects_capacities_and_sd_bracket_is_exact():
    A = sd_types([(0, 1), (0, 1), (0, 1)], (2, 0, 1), (2, 1))
    assert A == [0, 1, 0]
    lo, hi = sd_bracket(Q(2))
    assert lo == Q(141, 100) and hi == Q(142, 100) and lo * lo <= 2 < hi * hi


def test_special_arrangements_are_checked_in_both_semesters():
    orders = reversal_closed_orders(37, 30, 4)
    # students 30..34 are special only in the second semester: they keep it there too
    s = simulate(synthetic_instance(5, special=(range(5), range(30, 35))), orders)
    assert s["identical"]["special_always"] and s["fair"]["special_always"]
    # six students claim the five special positions of the second semester only: one of them
    # must miss it, which a first-semester-only check would not see
    s = simulate(synthetic_instance(5, special=(range(5), range(30, 36))), orders)
    assert not s["identical"]["special_always"] and not s["fair"]["special_always"]
