"""Tests of exact.lp at scale: sparse input, the sparse certificate, the repair from a wrong
float basis (exact.rowsimplex) and the refusal of a cold dense simplex on many rows."""

import json
import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exact.errors import CertificateError, ExactError, InputError
from exact.lp import solve_lp
from exact.lpcert import FORMAT, FORMAT_SPARSE, check_certificate, seal
from exact.numbers import Q
from reliability.helpers import set_path
from test_lp import brute_force, small_lps


def sparse_lp(m, n, k=4, seed=0):
    """``m`` random rows with ``k`` non-zeros each, around an interior point ``x0`` (every slack
    at least 1), bounds ``0 <= x <= 10``: feasible, bounded, with a fractional vertex optimum."""
    rng = random.Random(seed)
    x0 = [rng.randint(0, 5) for _ in range(n)]
    rows, b = [], []
    for _ in range(m):
        row = [(j, rng.choice([-7, -3, -2, -1, 1, 2, 3, 5])) for j in sorted(rng.sample(range(n), k))]
        rows.append(row)
        b.append(sum(a * x0[j] for j, a in row) + rng.randint(1, 20))
    return [rng.randint(-9, 9) for _ in range(n)], rows, b, [(0, 10)] * n


def twins(rows, b, count, eps=Fraction(1, 10 ** 15), c=None, bounds=None):
    """The LP plus a copy, tighter by ``eps`` (invisible in floats), of its first ``count`` rows
    active at the optimum: HiGHS cannot tell a row from its twin, the exact optimum can."""
    res = solve_lp(c or C, A_ub=rows, b_ub=b, bounds=bounds or BOUNDS)
    act = [i for i, s in enumerate(res.certificate["slack"]["ub"]) if s == 0][:count]
    return rows + [rows[i] for i in act], b + [b[i] - eps for i in act], len(act)


C, ROWS, B, BOUNDS = sparse_lp(300, 30)


# ----------------------------------------------------------------------------- sparse input


def test_every_matrix_spelling_gives_the_same_certified_answer():
    import numpy as np
    import scipy.sparse as sp
    c, rows, b, bounds = sparse_lp(40, 8, seed=3)
    dense = [[dict(r).get(j, 0) for j in range(8)] for r in rows]
    answers = [solve_lp(c, A_ub=A, b_ub=b, bounds=bounds) for A in (
        dense, rows, [dict(r) for r in rows], sp.csr_matrix(np.array(dense)),
        sp.coo_array(np.array(dense)), np.array(dense))]
    assert len({r.value for r in answers}) == 1 and answers[0].status == "optimal"
    for r in answers:
        check_certificate(r.certificate)
    assert answers[0].value == solve_lp(c, A_ub=dense, b_ub=b, bounds=bounds,
                                        method="exact-simplex").value


@pytest.mark.parametrize("A, field", [
    ([[(0, 1), (3, 1)]], r"A_ub\[0\]\[1\]: column index 3 out of range 0\.\.2"),
    ([[(0, 1), (0, 2)]], r"A_ub\[0\]\[1\]: column index 0 given twice"),
    ([[(-1, 1)]], r"A_ub\[0\]\[0\]: column index -1 out of range"),
    ([[(1.0, 1)]], r"A_ub\[0\]\[0\]: column index must be an integer"),
    ([[(0, 0.5)]], r"A_ub\[0\]\[0\]: floats are not exact"),
    ([[(0, float("nan"))]], r"A_ub\[0\]\[0\]: NaN and inf are not numbers"),
    ([[(0, float("inf"))]], r"A_ub\[0\]\[0\]: NaN and inf"),
    ([[(0, 1, 2)]], r"A_ub\[0\]\[0\]: expected an \(index, value\) pair"),
    ([[(0, 1)], [1, 2]], r"A_ub\[1\]: row has 2 entries, expected 3"),
    ([{0: 1, 5: 2}], r"A_ub\[0\]\[1\]: column index 5 out of range"),
    ([[1, 2, 3], []], r"A_ub\[1\]: row has 0 entries"),
])
def test_bad_sparse_rows_name_the_field(A, field):
    with pytest.raises(InputError, match=field):
        solve_lp([1, 1, 1], A_ub=A, b_ub=[1] * len(A))


def test_bad_scipy_matrices_name_the_field():
    import numpy as np
    import scipy.sparse as sp
    with pytest.raises(InputError, match=r"A_ub: floats are not exact \(dtype float64\)"):
        solve_lp([1, 1], A_ub=sp.csr_matrix(np.ones((2, 2))), b_ub=[1, 1])
    with pytest.raises(InputError, match=r"A_eq: has 3 columns, expected 2"):
        solve_lp([1, 1], A_eq=sp.csr_matrix(np.ones((1, 3), dtype=np.int64)), b_eq=[1])
    with pytest.raises(InputError, match=r"b_ub: has 1 entries but A_ub has 2 rows"):
        solve_lp([1, 1], A_ub=sp.csr_matrix(np.ones((2, 2), dtype=np.int64)), b_ub=[1])
    with pytest.raises(InputError, match=r"A_ub: floats are not exact"):
        solve_lp([1, 1], A_ub=np.ones((2, 2)), b_ub=[1, 1])


# ----------------------------------------------------------------------------- sparse certificate


@pytest.fixture(scope="module")
def large():
    """An LP above exact.lp.DENSE_CERTIFICATE: its certificate has sparse rows."""
    c, rows, b, bounds = sparse_lp(3500, 30, seed=1)
    return solve_lp(c, A_ub=rows, b_ub=b, bounds=bounds)


def test_large_lp_gets_a_sparse_certificate_that_checks(large):
    cert = large.certificate
    assert large.method == "float-basis" and cert["format"] == FORMAT_SPARSE
    assert "slack" not in cert and cert["problem"]["A_ub"][0][0][0] >= 0
    assert check_certificate(json.loads(json.dumps(cert))) is None


def test_large_certificate_round_trips_through_a_compressed_file(large, tmp_path):
    from exact.lpcert import load_certificate, save_certificate
    for name in ("cert.json.gz", "cert.json"):
        save_certificate(large.certificate, tmp_path / name)
        assert check_certificate(load_certificate(tmp_path / name)) is None
    assert (tmp_path / "cert.json.gz").stat().st_size < (tmp_path / "cert.json").stat().st_size / 2


def test_sparse_certificate_tampering_is_caught(large):
    cert = large.certificate
    j = next(k for k, v in enumerate(cert["x"]) if v not in (0, 10))
    row0 = cert["problem"]["A_ub"][0]
    cases = [
        (set_path(cert, ("x", j), 11), r"^(primal feasibility|digest)"),
        (seal(set_path(cert, ("x", j), 11)), r"^primal feasibility: "),
        (seal(set_path(cert, ("value",), 0)), r"^objective: "),
        (set_path(cert, ("problem", "A_ub", 0, 0, 0), 99), r"out of order or out of range"),
        (set_path(cert, ("problem", "A_ub", 0), row0[::-1]), r"out of order"),
        (set_path(cert, ("format",), FORMAT), r"problem\.A_ub\[0\] has 4 entries, expected 30"),
    ]
    y = next(i for i, v in enumerate(cert["duals"]["ub"]) if v != 0)
    cases.append((seal(set_path(cert, ("duals", "ub", y), 0)), r"^dual feasibility: column "))
    entry = cert["problem"]["A_ub"][y][0]                  # a row with a non-zero multiplier
    cases.append((seal(set_path(cert, ("problem", "A_ub", y, 0, 1), entry[1] + 1)),
                  r"^(primal feasibility|dual feasibility: column)"))
    for bad, pattern in cases:
        with pytest.raises(CertificateError, match=pattern):
            check_certificate(bad)


# ----------------------------------------------------------------------------- repair


def test_float_basis_blind_to_twins_is_repaired_exactly():
    rows, b, k = twins(ROWS, B, 8)
    res = solve_lp(C, A_ub=rows, b_ub=b, bounds=BOUNDS)
    assert k == 8 and res.method == "repair" and res.status == "optimal"
    check_certificate(res.certificate)
    c, small, b0, bounds = sparse_lp(40, 6, seed=5)        # the cold exact simplex as the oracle
    rows, b, k = twins(small, b0, 4, c=c, bounds=bounds)
    res = solve_lp(c, A_ub=rows, b_ub=b, bounds=bounds, method="float-basis")
    cold = solve_lp(c, A_ub=rows, b_ub=b, bounds=bounds, method="exact-simplex")
    assert res.method == "repair" and res.value == cold.value


def test_repair_does_not_start_from_a_cold_dense_tableau(monkeypatch):
    import exact.lp as lp
    rows, b, _ = twins(ROWS, B, 8)
    monkeypatch.setattr(lp, "_exact_simplex", lambda *a: pytest.fail("cold simplex used"))
    assert solve_lp(C, A_ub=rows, b_ub=b, bounds=BOUNDS).method == "repair"


def test_infeasible_and_unbounded_large_lps_are_certified_without_the_tableau(monkeypatch):
    import exact.lp as lp
    monkeypatch.setattr(lp, "_exact_simplex", lambda *a: pytest.fail("cold simplex used"))
    bad = solve_lp(C, A_ub=ROWS + [[(0, 1)]], b_ub=B + [-1], bounds=BOUNDS)
    assert bad.status == "infeasible" and bad.method == "repair"
    check_certificate(bad.certificate)
    ray = solve_lp(C, A_ub=ROWS, b_ub=B, bounds=[(0, 10)] * 29 + [(0, None)])
    free = solve_lp(C, A_ub=ROWS, b_ub=B, bounds=[(0, 10)] * 29 + [(None, None)])
    for r in (ray, free):
        check_certificate(r.certificate)
        assert r.status in ("optimal", "unbounded")
    A = [[(0, -1), (1, 1)]] * 2001
    out = solve_lp([-1, -1], A_ub=A, b_ub=[1] * 2001)
    assert out.status == "unbounded" and out.ray[0] > 0 and out.method == "repair"


def test_no_cold_dense_simplex_above_two_thousand_rows(monkeypatch):
    import exact.lp as lp
    assert lp.COLD_LIMIT == 2000
    monkeypatch.setattr(lp, "COLD_LIMIT", 60)              # the same logic, on smaller LPs
    monkeypatch.setattr(lp, "_float_path", lambda P: (None, None))
    monkeypatch.setattr(lp, "_repair", lambda *a: None)
    c, rows, b, bounds = sparse_lp(61, 5, k=2, seed=2)
    from exact.lp import Undecided
    with pytest.raises(Undecided, match="cold dense simplex is refused above 60 rows"):
        solve_lp(c, A_ub=rows, b_ub=b, bounds=bounds, method="float-basis")
    c, rows, b, bounds = sparse_lp(60, 5, k=2, seed=2)
    res = solve_lp(c, A_ub=rows, b_ub=b, bounds=bounds, method="float-basis")
    assert res.method == "exact-simplex" and res.status == "optimal"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lp=small_lps(), pick=st.lists(st.integers(0, 10 ** 6), max_size=6))
def test_repair_from_any_working_set_agrees_with_vertex_enumeration(lp, pick):
    """exact.rowsimplex from an arbitrary start (random rows and bounds, then pins): the
    answer is the exact one whatever the float basis proposed."""
    import exact.lp as lpm
    from exact import rowsimplex
    c, A_ub, b_ub, A_eq, b_eq, lo, hi, maximize = lp
    P = lpm._problem(c, A_ub or None, b_ub or None, A_eq or None, b_eq or None,
                     list(zip(lo, hi)), maximize)
    keys = [("ub", i) for i in range(len(b_ub))] + [("lo", j) for j in range(len(c))] + \
        [("hi", j) for j in range(len(c)) if hi[j] is not None]
    preferred = [keys[p % len(keys)] for p in pick] if keys else []
    W = rowsimplex.start_set(P, list(dict.fromkeys(preferred)))
    status, value = brute_force(c, A_ub, b_ub, A_eq, b_eq, lo, hi, maximize)
    if W is None:                                          # dependent equalities: the caller
        assert A_eq                                        # falls back to the exact simplex
        return
    out = rowsimplex.solve(P, W)
    assert out is not None and out[0] == status
    if status == "optimal":
        res = lpm._optimal(P, "repair", out[1], out[2], out[3])
        assert res is not None and res.value == value
    elif status == "infeasible":
        assert lpm._infeasible(P, "repair", out[1], out[2]).status == "infeasible"
    else:
        assert lpm._finish(P, "repair", "unbounded", x=out[1], ray=out[2]).ray == out[2]


# ----------------------------------------------------------------------------- solve_sparse


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_solve_sparse_agrees_with_dense_rref(data):
    """Sparse elimination against flint's dense rref on random systems of any rank, with
    dependent rows, inconsistent right-hand sides and free unknowns set to the guess."""
    from flint import fmpq_mat

    from exact.sparse import solve_sparse
    n = data.draw(st.integers(1, 7))
    m = data.draw(st.integers(0, 8))
    num = st.fractions(min_value=-4, max_value=4, max_denominator=3)
    rows = []
    for _ in range(m):
        cols = data.draw(st.lists(st.integers(0, n - 1), max_size=3, unique=True))
        vals = [Q(v.numerator, v.denominator) for v in
                data.draw(st.lists(num.filter(bool), min_size=len(cols), max_size=len(cols)))]
        rows.append((tuple(sorted(cols)), tuple(v for _, v in sorted(zip(cols, vals)))))
    if m >= 2 and data.draw(st.booleans()):                   # a dependent row
        d = {}
        for r in rows[:2]:
            for j, a in zip(*r):
                d[j] = d.get(j, Q(0)) + 2 * a
        idx = tuple(j for j in sorted(d) if d[j])
        rows.append((idx, tuple(d[j] for j in idx)))
    x0 = [Q(data.draw(st.integers(-5, 5))) for _ in range(n)]
    rhs = [sum((a * x0[j] for j, a in zip(*r)), Q(0)) for r in rows]
    if rows and data.draw(st.booleans()):
        rhs[-1] += 1                                          # maybe inconsistent now
    guess = [Q(data.draw(st.integers(-3, 3))) for _ in range(n)]
    M = fmpq_mat(len(rows), n + 1)
    for i, ((idx, val), b) in enumerate(zip(rows, rhs)):
        for j, a in zip(idx, val):
            M[i, j] = a
        M[i, n] = b
    R, rank = M.rref()
    consistent = all(any(R[i, j] != 0 for j in range(n)) for i in range(rank))
    x = solve_sparse(rows, rhs, n, guess)
    assert (x is not None) == consistent
    if x is not None:
        assert all(sum((a * x[j] for j, a in zip(*r)), Q(0)) == b for r, b in zip(rows, rhs))
        if rank == n:                                         # unique: the guess is not used
            assert x == solve_sparse(rows, rhs, n, [Q(7)] * n)


def test_solve_sparse_sets_free_unknowns_to_the_guess():
    from exact.sparse import solve_sparse
    x = solve_sparse([((0, 1), (1, 1))], [Q(3)], 3, [Q(5), Q(5), Q(-2)])
    assert x[0] + x[1] == 3 and 5 in x[:2] and x[2] == -2
    assert solve_sparse([((0,), (1,)), ((0,), (2,))], [Q(1), Q(3)], 1, [Q(0)]) is None


@pytest.mark.parametrize("seed", range(4))
def test_sparse_basis_solve_agrees_with_the_dense_one(monkeypatch, seed):
    """HiGHS's basis solved by sparse elimination (used above SPARSE_BASIS basic columns)
    forced on small LPs: the same certified optimum, on the float-basis path."""
    import exact.lp as lp
    c, rows, b, bounds = sparse_lp(300, 40, seed=seed)
    dense = solve_lp(c, A_ub=rows, b_ub=b, bounds=bounds, method="float-basis")
    calls = []
    real = lp._sparse_basis
    monkeypatch.setattr(lp, "SPARSE_BASIS", 0)
    monkeypatch.setattr(lp, "_sparse_basis", lambda *a: calls.append(1) or real(*a))
    res = solve_lp(c, A_ub=rows, b_ub=b, bounds=bounds, method="float-basis")
    assert calls and res.method == dense.method == "float-basis"
    assert res.value == dense.value and res.x == dense.x
    check_certificate(res.certificate)
