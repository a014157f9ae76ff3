"""The screening model: grid, weights, bad input, constraint sets and their counts."""

import pytest

from exact.errors import InputError
from exact.numbers import Q
from proofs.screening import constraints, readings
from proofs.screening.domains import GridSizes
from proofs.screening.model import (lewis_sappington, linear, model_from_json, separable,
                                    trapezoid_weights)
from proofs.screening.problem import least_rents, min_ic_slack


def test_weights_sum_to_one_and_are_trapezoid():
    for n in (2, 3, 7):
        w = trapezoid_weights(n)
        assert sum(w) == 1 and len(w) == n * n
    w = trapezoid_weights(3)
    assert (w[0], w[1], w[4]) == (Q(1, 16), Q(1, 8), Q(1, 4))


@pytest.mark.parametrize("n", [1, 0, -3])
def test_grid_below_two_is_refused(n):
    with pytest.raises(InputError, match="at least 2 points"):
        lewis_sappington(n)


@pytest.mark.parametrize("bad", [2.5, "3", True, None])
def test_grid_size_must_be_an_int(bad):
    with pytest.raises(InputError, match="n: the grid size must be an integer"):
        separable(bad)


@pytest.mark.parametrize("field,value", [("c0", 1.5), ("alpha", "five"), ("K", "1/0"),
                                         ("c0", "0.1.5")])
def test_non_rational_cost_parameter_is_refused(field, value):
    with pytest.raises(InputError) as exc:
        lewis_sappington(3, **{field: value})
    assert exc.value.field == field


def test_non_positive_parameters_are_refused():
    with pytest.raises(InputError, match="positive"):
        lewis_sappington(3, K=0)
    with pytest.raises(InputError, match="kappa"):
        separable(3, kappa=-1)
    with pytest.raises(InputError, match="slope_b"):
        linear(3, slope_b=0)


@pytest.mark.parametrize("density,field", [
    ([[1, 1], [1, 1]], "density"),                          # 2 rows for n = 3
    ([[1, 1, 1], [1, 1], [1, 1, 1]], "density[1]"),           # ragged
    ([[1, 1, 1], [1, 0, 1], [1, 1, 1]], "density[1][1]"),     # rho > 0 fails
    ([[1, 1, 1], [1, 0.5, 1], [1, 1, 1]], "density[1][1]"),   # float
    ("gaussian", "density"),
    ([[1, 1, 1], "abc", [1, 1, 1]], "density[1]"),
])
def test_malformed_density_is_refused(density, field):
    with pytest.raises(InputError) as exc:
        separable(3, density=density)
    assert exc.value.field == field


def test_density_enters_the_weights():
    rho = [["1", "2", "1"], ["1", "1", "1"], ["1", "1", "1"]]
    m = separable(3, density=rho)
    assert m.weight[1] == 2 * trapezoid_weights(3)[1]
    assert model_from_json(m.to_json()).key() == m.key()


def test_model_json_round_trip_and_strictness():
    m = lewis_sappington(4, c0="3/2")
    assert model_from_json(m.to_json()).key() == m.key()
    with pytest.raises(InputError, match="unknown model"):
        model_from_json({"model": "quadratic", "n": 3})
    with pytest.raises(InputError) as exc:
        model_from_json({"model": "separable", "n": 3, "gamma": 2})
    assert exc.value.field == "gamma"
    with pytest.raises(InputError):
        GridSizes("g", (2, 3)).from_json({"n": 1})


def test_ls_valuation_is_the_papers():
    m = lewis_sappington(3)
    for I in range(m.N):
        a, b = m.coords(I)
        p = Q(7, 3)
        assert m.v(p, I) == (5 + a - p) * (p - 1 - b) - 2
        # regulator's payoff v - H with H = -Q^2/2
        assert -m.curv * p * p + m.g[I] * p + m.e[I] == m.v(p, I) + (5 + a - p) ** 2 / 2


@pytest.mark.parametrize("name", sorted(constraints.CLOSED_FORMS))
def test_counts_are_the_closed_forms(name):
    for n in range(2, 11):
        assert constraints.count(name, n) == constraints.closed_form(name, n)


def test_paper_set_at_n3_is_the_text():
    n = 3
    idx = lambda i, j: i * n + j  # noqa: E731
    assert constraints.targets("paper", 3, idx(0, 0)) == [idx(0, 2), idx(1, 2), idx(2, 1),
                                                         idx(2, 2)]
    # top-row type (1/2, 1): the whole left column and the bottom row left of 1/2
    assert constraints.targets("paper", 3, idx(1, 2)) == [idx(0, 0), idx(0, 1), idx(0, 2)]
    # right-column type (1, 1/2): left column up to 1/2, bottom row except (1, 0)
    assert constraints.targets("paper", 3, idx(2, 1)) == [idx(0, 0), idx(0, 1), idx(1, 0)]


def test_one_reading_is_the_described_set():
    o = {"top": ">=", "right": ">=", "footnote3": "drop", "boundary": "sw",
         "southwest": "none", "cut": "<=", "self": "removed", "counting": "ordered"}
    for n in range(2, 9):
        assert readings.reading_count(n, o) == constraints.count("paper-prop3", n)
    o["cut"] = "none"
    assert readings.reading_count(6, o) == constraints.count("paper", 6)


def test_least_rents_detect_a_non_implementable_allocation():
    m = separable(3)
    q = [Q(0)] * 9
    q[0] = Q(1)                       # the worst corner (0, 0) gets more than (1, 0): not monotone
    pairs = list(constraints.pairs("full", 3))
    assert least_rents(m, q, pairs) is None
    assert least_rents(m, [Q(0)] * 9, pairs) == [Q(0)] * 9
    assert min_ic_slack(m, [Q(0)] * 9, [Q(0)] * 9)[0] == 0
