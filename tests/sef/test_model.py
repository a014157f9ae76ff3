"""Model, Tickets, TTC and game basics of the sef paper, against the paper's own numbers."""

import json

import pytest

from exact import InputError, Q
from proofs.sef.anatomy import analyse
from proofs.sef.efficiency import is_CS, is_PO, is_weakly_PO
from proofs.sef.game import lottery_game, nash_equilibria, strong_nash_equilibria
from proofs.sef.model import Market, eu, induced_lottery, is_EF, is_IS, is_SEF, parse_market
from proofs.sef.tickets import Tickets, door_times, nyc, run
from proofs.sef.ttc import ttc_step

EX1 = Market.of([[2, 3], [2, 3]], [1, 1])
EX2 = Market.of([[2, 4, 3], [0, 1, 0], [0, 1, 0], [3, 0, 2]], [1, 1, 1])
EX4 = Market.of([[2, 3], [3, 2]], [1, 1])
NYC6 = Market.of([[2, 3], [2, 3]] + [[0, 5]] * 4, [1, 1])


def test_example_1_no_EF_allocation_and_paper_utilities():
    a = analyse(EX1)
    assert not any(is_EF(EX1, x) for x in a.X)
    assert [a.EU[x] for x in a.X] == [(1, 1), (2, 3), (3, 2), (Q(3, 2), Q(3, 2))]
    assert induced_lottery(EX1, (0, 0))[0] == (Q(1, 2), 0, Q(1, 2))


def test_example_2_is_set_and_corrected_utilities():
    a = analyse(EX2)
    assert a.IS == [(0, 1, 1, 2), (2, 1, 1, 0)]
    assert a.EU[(0, 1, 1, 2)] == (2, Q(1, 2), Q(1, 2), 2)      # paper prints (2,1,1,2)
    assert a.SEF == [(2, 1, 1, 0)]
    assert not is_CS(EX2, (0, 1, 1, 2)) and is_CS(EX2, (2, 1, 1, 0))
    assert ttc_step(EX2, (0, 1, 1, 2)) == (2, 1, 1, 0)


def test_example_2_tickets_every_order_and_door_times():
    t = Tickets(EX2)
    assert t.all_leaves() == {(2, 1, 1, 0)}
    assert all(v == {(2, 1, 1, 0)} for v in t.outcomes_by_order().values())
    d = door_times(EX2, (0, 1, 2, 3))
    assert d["T"] == 6 and d["t_agent"] == {0: 3, 1: 2, 2: 4, 3: 5}
    assert d["t_pool"] == {0: 6, 1: 5, 2: 4}
    assert nyc(EX2, (0, 1, 2, 3)) == (1, 1, 1, 0) and not is_IS(EX2, (1, 1, 1, 0))


def test_example_4_is_po_and_game():
    assert is_IS(EX4, (0, 1)) and not is_PO(EX4, (0, 1)) and not is_weakly_PO(EX4, (0, 1))
    g = lottery_game(EX4)
    assert nash_equilibria(g) == [(0, 1), (1, 0)] and strong_nash_equilibria(g) == [(1, 0)]


def test_nyc_six_agents():
    assert nyc(NYC6, range(6)) == (1, 0, 1, 1, 1, 1)
    assert sum(eu(NYC6, (1, 0, 1, 1, 1, 1))) == Q(33, 5)
    assert Tickets(NYC6).all_leaves() == {(0, 0, 1, 1, 1, 1)}
    assert sum(eu(NYC6, (0, 0, 1, 1, 1, 1))) == 7 and is_SEF(NYC6, (0, 0, 1, 1, 1, 1))


def test_c3d_incumbent_gains_trace():
    m = Market.of([[5, 4, 1], [7, 1, 5], [4, 1, 7]], [1, 1, 1])
    r = run(m, (0, 1, 2))
    assert r.outcome == (1, 0, 2) and eu(m, r.outcome) == (4, 7, 7)
    assert r.steps[1][-1] == (0, 2, None)                  # after step 2: agent 2 in C3, EU 5
    assert m.values[1][2][1] == 5 and eu(m, r.outcome)[1] == 7   # ... and 7 after step 3


@pytest.mark.parametrize("data, field", [
    ({"utilities": [[1, 2]], "capacities": [1, -1]}, "capacities[1]"),
    ({"utilities": [[1, 2], [1]], "capacities": [1, 1]}, "utilities[1]"),
    ({"utilities": [[1, "x"]], "capacities": [1, 1]}, "utilities[0][1]"),
    ({"utilities": [[1, 0.5]], "capacities": [1, 1]}, "utilities[0][1]"),
    ({"utilities": [], "capacities": [1]}, "utilities"),
    ({"utilities": [[1]], "capacities": []}, "capacities"),
    ({"utilities": [[0, 0]], "capacities": [1, 1]}, "utilities[0]"),
    ({"utilities": [[1, 2]], "capacities": [1, "1/2"]}, "capacities[1]"),
])
def test_bad_input_names_the_field(data, field):
    with pytest.raises(InputError) as err:
        parse_market(json.loads(json.dumps(data)))
    assert err.value.field == field
    assert "\n" not in str(err.value)
