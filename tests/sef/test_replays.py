"""Replay of saved sef records binds every field: any single changed number, a pool out of
range, a missing or unknown field is an exact.CertificateError (never IndexError/KeyError)."""

import copy
import itertools
import subprocess
import sys

import pytest

from exact import CertificateError, check
from exact.checker import replay as full_replay
from exact.claims import REGISTRY
from exact.numbers import Q
from exact.records import make_record
from proofs.sef import claims  # noqa: F401  (registers)
from proofs.sef.claims import theorem_4
from proofs.sef.domains import SMALL
from proofs.sef.errata import HZ2, FMarket, theorem_7_uniqueness, theorem_11
from proofs.sef.hz import _agent_lps, demand_m2, sef_prices, verify_equilibrium
from proofs.sef.hzcheck import budget_vertices, check_equilibrium, demand_value_cost
from proofs.sef.instances import T7B
from proofs.sef.model import Market, allocations, induced_lottery
from proofs.sef.replays import (replay_theorem_4, replay_theorem_7_uniqueness,
                                replay_theorem_11)
from reliability.helpers import number_edits as _numbers, set_path as _set

def replay(record):
    """The saved fields of a record re-checked (witnesses or the counterexample, and the
    counts): the tampering tests need no re-walk of the domain."""
    return full_replay(record, full=False)


def _rejected(fn, *args) -> bool:
    try:
        fn(*args)
    except CertificateError:
        return True
    return False


# -- saved records (the brief's construction) -------------------------------------------------

RECORDS = [("sef/theorem-4", 1, "verified"), ("sef/theorem-7", 1, "refuted"),
           ("sef/theorem-7-uniqueness", 1, "verified"),
           ("sef/theorem-7-uniqueness", 3, "refuted"), ("sef/theorem-11", 3, "refuted")]


@pytest.fixture(scope="module")
def records():
    out = {}
    for cid, size, kind in RECORDS:
        v = check(cid, size=size)
        assert v.kind == kind, (cid, size, v.kind)
        out[cid, size] = make_record(v, REGISTRY[cid])
    return out


@pytest.mark.parametrize("cid, size, kind", RECORDS)
def test_every_field_of_a_saved_record_is_bound(records, cid, size, kind):
    rec = records[cid, size]
    assert replay(rec).verdict == ("counts-only" if kind == "verified" else kind)
    if kind == "refuted":
        assert full_replay(rec).verdict == kind       # every earlier instance re-walked
    part = "counterexample" if kind == "refuted" else "witnesses"
    if part == "witnesses":            # every witness is kept; the first three are tampered
        rec = dict(rec, witnesses=rec["witnesses"][:3])
    data_fields = set()
    n = 0
    for path, values in _numbers(rec[part], (part,)):
        if path[-1] in ("size", "index") and len(path) == 3:
            continue                   # bound by the checker itself, not by the replay
        data_fields.add(path[2] if part == "witnesses" else path[1:3])
        for value in values:
            n += 1
            assert _rejected(replay, _set(rec, path, value)), (path, value)
    assert n >= 20
    # the tampered paths reach the saved data of the claim, not only the instance
    if part == "witnesses":
        assert {"instance", "data"} <= data_fields
    else:
        assert any(p[0] == "violation" for p in data_fields)


def test_theorem_11_violation_fields_are_bound(records):
    """The gap the reliability run found: 'sef' and 'undersubscribed' were free; the lead
    witness is substantive (both goods valued) and carries an exact HZ equilibrium."""
    rec = records["sef/theorem-11", 3]
    assert rec["counterexample"]["instance"]["utilities"] == [[0, 1], [1, 3]]
    assert rec["counterexample"]["violation"] == {
        "sef": [1, 1], "undersubscribed": [0, 2], "eq_prices": [0, 2],
        "eq_P": [["1/2", "1/2", 0], ["1/2", "1/2", 0]]}
    for path, value in [(("sef",), [0, 1]), (("sef",), [1, 0]), (("undersubscribed",), [1, 1]),
                        (("undersubscribed",), [0, 3]), (("sef",), [1, 2]),
                        (("undersubscribed",), "0, 2"), (("eq_prices",), [0, 3]),
                        (("eq_P",), [[0, "1/2", "1/2"], [0, "1/2", "1/2"]]),
                        (("eq_P",), [["1/2", "1/2", 0], [1, 0, 0]])]:
        bad = _set(rec, ("counterexample", "violation") + path, value)
        assert _rejected(replay, bad), (path, value)


def test_theorem_7_lead_witness_carries_an_equilibrium_certificate(records):
    rec = records["sef/theorem-7", 1]
    v = rec["counterexample"]["violation"]
    assert rec["counterexample"]["instance"]["utilities"] == [[0, 1], [1, 3]]
    assert v["failed"].startswith("market for C1 does not clear")
    assert v["eq_prices"] == [0, 2] and v["eq_P"] != v["P"]
    for field, value in [("eq_prices", [0, 1]), ("eq_P", v["P"]), ("failed", "x"),
                         ("counts", [1, 1]), ("P", v["eq_P"])]:
        assert _rejected(replay, _set(rec, ("counterexample", "violation", field), value))


def test_theorem_7_uniqueness_witness_fields_are_bound(records):
    """The gap the reliability run found: any 'sef' pool and any 'prices' passed."""
    rec = records["sef/theorem-7-uniqueness", 1]
    w = rec["witnesses"][0]
    assert w["data"] == {"sef": [1, 0], "prices": [1, 1]}
    for field, value in [("sef", [1, 2]), ("sef", [0, 1]), ("prices", [1, 2]),
                         ("prices", ["1/2", 1]), ("prices", [1]), ("sef", [1, 0, 0])]:
        bad = _set(rec, ("witnesses", 0, "data", field), value)
        with pytest.raises(CertificateError, match=field):
            replay(bad)


# -- every outcome shape of the three replays -----------------------------------------------

#: (replay, predicate, f, utilities, expected ok, expected fields): FMarket's payoffs u f(z)
#: reach the outcome shapes that the lottery markets of the corpora never produce
SHAPES = [
    (replay_theorem_4, theorem_4, "1/z", [[0, 1], [0, 1]], True,
     {"sef", "eu", "dominated_IS", "not_IS"}),
    (replay_theorem_4, theorem_4, "z^2", [[0, 1], [1, 1]], True, {"sef_exists"}),
    (replay_theorem_4, theorem_4, "1/z", [[0, 1], [2, 1]], False, {"sef", "not_PO"}),
    (replay_theorem_4, theorem_4, "1/z", [[1, 1], [1, 1]], False,
     {"sef", "other_IS", "other_PO", "dominated_by"}),
    (replay_theorem_11, theorem_11, "1/z", [[0, 1], [2, 1]], False, {"sef", "sne"}),
    (replay_theorem_11, theorem_11, "1/z", [[0, 1], [0, 1]], False,
     {"sef", "undersubscribed", "eq_prices", "eq_P"}),
    (replay_theorem_11, theorem_11, "z^2", [[0, 1], [1, 1]], True, set()),
    (replay_theorem_11, theorem_11, "1/z", [[0, 1], [1, 0]], True, {"sef", "prices"}),
    (replay_theorem_11, theorem_11, "z^2", [[0, 1], [0, 1], [1, 3]], False,
     {"sef", "not_equilibrium"}),
    (replay_theorem_11, theorem_11, "z^2", [[0, 1], [0, 1], [1, 2]], False,
     {"sef", "sef_prices", "P_sef", "eu_sef", "other_prices", "other_P", "other_eu"}),
    (replay_theorem_7_uniqueness, theorem_7_uniqueness, "1/z", [[0, 1], [0, 1]], True, set()),
    (replay_theorem_7_uniqueness, theorem_7_uniqueness, "1/z", [[0, 1], [1, 0]], True,
     {"sef", "prices"}),
    (replay_theorem_7_uniqueness, theorem_7_uniqueness, "z^2", [[0, 1], [0, 1], [1, 3]],
     False, {"sef", "not_equilibrium"}),
    (replay_theorem_7_uniqueness, theorem_7_uniqueness, None, [[0, 1], [0, 1], [2, 3]], False,
     {"sef", "sef_prices", "P_sef", "eu_sef", "other_prices", "other_P", "other_eu"}),
]


def _market(f, u):
    m = Market.of(u, [1, 1])
    return m if f is None else FMarket(m.u, m.q, f)


@pytest.mark.parametrize("replay_fn, predicate, f, u, ok, fields", SHAPES,
                         ids=[f"{s[1].id}-{'-'.join(sorted(s[5])) or 'empty'}" for s in SHAPES])
def test_each_outcome_shape_replays_and_every_number_change_is_rejected(replay_fn, predicate, f,
                                                                       u, ok, fields):
    market = _market(f, u)
    out = predicate(market)
    assert out.ok is ok and set(out.data) == fields
    replay_fn(market, out.data)
    n = 0
    for path, values in _numbers(out.data):
        for value in values:
            n += 1
            assert _rejected(replay_fn, market, _set(out.data, path, value)), (path, value)
    assert n >= 2 or len(fields) <= 1
    # a field removed, a field added: the outcome no longer has one of the claim's shapes
    for key in fields:
        assert _rejected(replay_fn, market, {k: v for k, v in out.data.items() if k != key})
    assert _rejected(replay_fn, market, dict(out.data, extra=0))


@pytest.mark.parametrize("replay_fn, predicate, f, u, ok, fields",
                         [s for s in SHAPES if "sef" in s[5]],
                         ids=[f"{s[1].id}-{'-'.join(sorted(s[5]))}" for s in SHAPES
                              if "sef" in s[5]])
def test_outcome_data_of_another_market_is_rejected(replay_fn, predicate, f, u, ok, fields):
    """Data of the right shape but for a different market (the SEF moved) is rejected."""
    market = _market(f, u)
    data = predicate(market).data
    variants = ([list(reversed(r)) for r in u], [[2 * r[0], r[1]] for r in u],
                [[r[0], 2 * r[1] + 1] for r in u])
    other = next(o for o in (_market(f, v) for v in variants) if predicate(o).data != data)
    assert _rejected(replay_fn, other, data)


# -- malformed data: a CertificateError naming the field, never a crash ----------------------

M4 = Market.of([[2, 4, 3], [0, 1, 0], [0, 1, 0], [3, 0, 2]], [1, 1, 1])
M3 = Market.of([[0, 1], [0, 1], [2, 3]], [1, 1])       # the minimal counterexample


@pytest.mark.parametrize("edit, field", [
    (lambda d: d.update(sef=[2, 1, 1, 3]), r"sef\[3\]"),            # pool out of range
    (lambda d: d.update(sef=[2, 1, 1, -1]), r"sef\[3\]"),
    (lambda d: d.update(sef=[2, 1, 1]), "sef"),
    (lambda d: d.update(sef="2110"), "sef"),
    (lambda d: d.update(sef=[2, 1, True, 0]), r"sef\[2\]"),
    (lambda d: d.update(not_IS=d["not_IS"] + 1), "not_IS"),
    (lambda d: d.update(not_IS=True), "not_IS"),
    (lambda d: d.update(not_IS=[]), "not_IS"),
    (lambda d: d["dominated_IS"].pop(), "dominated_IS"),
    (lambda d: d["dominated_IS"][0][0].__setitem__(0, 7), r"dominated_IS\[0\]\[0\]\[0\]"),
    (lambda d: d["dominated_IS"][0][1].__setitem__(0, "5"), r"dominated_IS\[0\]\[1\]"),
    (lambda d: d.update(eu=["1", "1", "1", "1"]), "eu"),
    (lambda d: d.pop("eu"), "data"),
])
def test_malformed_theorem_4_witness(edit, field):
    data = copy.deepcopy(theorem_4(M4).data)
    replay_theorem_4(M4, data)
    edit(data)
    with pytest.raises(CertificateError, match=field):
        replay_theorem_4(M4, data)


@pytest.mark.parametrize("edit, field", [
    (lambda d: d.update(other_prices=[0, "x"]), r"other_prices\[1\]"),
    (lambda d: d.update(other_prices=[0, 3.0]), r"other_prices\[1\]"),
    (lambda d: d.update(other_prices=[0, "3/0"]), r"other_prices\[1\]"),
    (lambda d: d.update(other_prices=[0]), "other_prices"),
    (lambda d: d["other_P"][1].pop(), r"other_P\[1\]"),
    (lambda d: d["other_P"].pop(), "other_P"),
    (lambda d: d.update(other_P=None), "other_P"),
    (lambda d: d.update(other_P=d["P_sef"]), "other_P"),               # P(x*) itself
    (lambda d: d.update(other_eu=d["eu_sef"]), "other_eu"),
    (lambda d: d.update(sef=[1, 1, 2]), r"sef\[2\]"),
    (lambda d: d.update(sef=[1, 0, 0]), "sef"),
    (lambda d: d.update(sef_prices=[1, 1]), "sef_prices"),
])
def test_malformed_uniqueness_violation(edit, field):
    data = copy.deepcopy(theorem_7_uniqueness(M3).data)
    for fn in (replay_theorem_7_uniqueness, replay_theorem_11):
        fn(M3, data)
    edit(data)
    for fn in (replay_theorem_7_uniqueness, replay_theorem_11):
        with pytest.raises(CertificateError, match=field):
            fn(M3, data)


@pytest.mark.parametrize("data", [None, [], "sef", {"sef_exists": True}, {"sef_exists": 0},
                                  {"sef_exists": False, "sef": [0, 0]}])
def test_theorem_4_rejects_non_witnesses(data):
    with pytest.raises(CertificateError):
        replay_theorem_4(M4, data)


def test_empty_witnesses_are_checked():
    """An empty witness claims 'nothing to check'; on a market with an SEF it is wrong."""
    with_sef = Market.of([[0, 1], [1, 0]], [1, 1])
    with pytest.raises(CertificateError, match="SEF"):
        replay_theorem_11(with_sef, {})
    with pytest.raises(CertificateError, match="oversubscribed"):
        replay_theorem_7_uniqueness(with_sef, {})
    with pytest.raises(CertificateError, match=r"no SEF, but \[1, 0\] is SEF"):
        replay_theorem_4(with_sef, {"sef_exists": False})


# -- the solver-free equilibrium check agrees with the LP one --------------------------------

GRID = [Q(0), Q(1, 2), Q(1), Q(3, 2), Q(2), Q(3)]


@pytest.mark.parametrize("h", list(itertools.product(GRID, repeat=2)))
def test_budget_vertices_give_the_exact_m2_demand(h):
    """Value and least cost from the vertices equal those of hz.demand_m2 (and of the LPs)."""
    verts = budget_vertices(h)
    assert (0, 0) in verts and len(verts) >= 3
    for u in [(0, 1), (1, 0), (1, 1), (2, 3), (3, 1), (Q(1, 2), 2)]:
        v, c = demand_value_cost(u, h, verts)
        seg = demand_m2(tuple(Q(x) for x in u), tuple(h))
        assert v == u[0] * seg[0][0] + u[1] * seg[0][1]
        assert c == h[0] * seg[0][0] + h[1] * seg[0][1]


@pytest.mark.parametrize("h", [(1, 1, 1), (0, 2, 1), (Q(1, 2), 3, 0), (2, 2, 2), (0, 0, 0)])
def test_budget_vertices_agree_with_the_certified_lps_for_three_goods(h):
    for u in [(1, 2, 3), (0, 0, 1), (2, 4, 3), (1, 1, 0)]:
        assert demand_value_cost(u, h) == _agent_lps(u, [Q(x) for x in h])


def test_check_equilibrium_agrees_with_verify_equilibrium():
    """Same verdict and the same message on every (market, P(x), price) of a small family."""
    n = 0
    prices = [(1, 1), (1, 2), (2, 1), (0, 3), (3, 0), (Q(3, 2), 1), (0, 0)]
    for size in (1, 2):
        for market in HZ2.instances(size):
            for x in allocations(market):
                P = induced_lottery(market, x)
                for h in prices + [sef_prices(market, x)]:
                    n += 1
                    assert check_equilibrium(market, P, h) == verify_equilibrium(market, P, h)
    assert n > 500


def test_check_equilibrium_on_the_papers_equilibria():
    m = Market.of([[1, 0], [3, 2], [3, 2]], [1, 1])                   # Example 5
    P = ((Q(5, 9), 0, Q(4, 9)), (Q(2, 9), Q(1, 2), Q(5, 18)), (Q(2, 9), Q(1, 2), Q(5, 18)))
    assert check_equilibrium(m, P, (Q(9, 5), Q(6, 5))) is None
    assert check_equilibrium(m, P, (2, 1)) == verify_equilibrium(m, P, (2, 1)) is not None
    P2 = ((Q(1, 3), Q(1, 6), Q(1, 2)), (Q(1, 3), Q(1, 6), Q(1, 2)), (Q(1, 3), Q(2, 3), 0))
    assert check_equilibrium(T7B, P2, (3, 0)) is None                   # the note's T7-b
    assert check_equilibrium(T7B, P2, (3, 1)) == verify_equilibrium(T7B, P2, (3, 1)) is not None
    P0 = induced_lottery(T7B, (0, 0, 1))
    assert check_equilibrium(T7B, P0, (2, 1)) is None                   # P(x*) at h = n/q
    assert check_equilibrium(T7B, P2, (3, 0, 1)) == "3 prices for 2 communities"
    assert check_equilibrium(T7B, P2[:2], (3, 0)) == "2 rows for 3 agents"


def test_replays_import_no_solver():
    code = ("import sys, proofs.sef.replays\n"
            "print(','.join(sorted(m for m in ('scipy', 'pysat', 'exact.lp', 'networkx', "
            "'sympy', 'numpy', 'highspy') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_small_corpus_witnesses_of_theorem_4_replay():
    """Every theorem-4 witness of the n = 2 markets replays (the predicate's own output)."""
    n = 0
    for market in SMALL.instances(1):
        out = theorem_4(market)
        assert out.ok
        replay_theorem_4(market, out.data)
        n += 1
    assert n == SMALL.count(1)
