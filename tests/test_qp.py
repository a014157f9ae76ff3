"""Tests of exact.lp.solve_qp: an active-set enumeration oracle, screening's QP, bad input."""

import random
from itertools import combinations

import pytest
from flint import fmpq_mat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exact.errors import InputError
from exact.lp import QPResult, solve_lp, solve_qp
from exact.lpcert import check_certificate
from exact.numbers import Q, ZERO

METHODS = ["float-active-set", "exact-lemke"]


# ----------------------------------------------------------------------------- the oracle


def _value(H, c, x):
    n = len(c)
    return sum((Q(H[i][j]) * x[i] * x[j] for i in range(n) for j in range(n)), ZERO) / 2 + \
        sum((Q(c[j]) * x[j] for j in range(n)), ZERO)


def enumerate_active_sets(H, c, A_ub, b_ub, lo, hi):
    """The exact minimum of a convex QP over a box (so an optimum exists iff it is feasible).

    For every set W of constraints taken as equalities, the KKT system
    ``H x + A_W^T y = -c, A_W x = b_W`` is solved exactly; where its x-part is unique and x is
    feasible, f(x) is a candidate (such a W exists: from any optimum, move along directions
    d with H d = 0, c.d = 0, A_W d = 0 until a new constraint binds). Multiplier signs are not
    needed: the minimum over feasible candidates is the optimum. Returns the value or None
    (infeasible).
    """
    n = len(c)
    cons = [(list(r), Q(b)) for r, b in zip(A_ub, b_ub)]
    cons += [([-1 if k == j else 0 for k in range(n)], -Q(lo[j])) for j in range(n)]
    cons += [([1 if k == j else 0 for k in range(n)], Q(hi[j])) for j in range(n)]
    best = None
    for size in range(n + 1):
        for W in combinations(cons, size):
            k = len(W)
            M = fmpq_mat(n + k, n + k + 1)
            for i in range(n):
                for j in range(n):
                    M[i, j] = H[i][j]
                for a, (row, _) in enumerate(W):
                    M[i, n + a] = row[i]
                M[i, n + k] = -Q(c[i])
            for a, (row, b) in enumerate(W):
                for j in range(n):
                    M[n + a, j] = row[j]
                M[n + a, n + k] = b
            R, rank = M.rref()
            piv = [next(j for j in range(n + k + 1) if R[i, j] != 0) for i in range(rank)]
            if n + k in piv:
                continue                                   # inconsistent
            free = [j for j in range(n + k) if j not in piv]
            x_rows = [i for i, p in enumerate(piv) if p < n]
            if len(x_rows) < n or any(R[i, f] != 0 for i in x_rows for f in free):
                continue                                   # x not unique
            x = [R[i, n + k] for i in x_rows]
            if all(sum((Q(a) * v for a, v in zip(row, x)), ZERO) <= b for row, b in cons):
                v = _value(H, c, x)
                best = v if best is None or v < best else best
    return best


@st.composite
def tiny_qps(draw):
    """2-3 variables in a box, 0-2 rows, H = L L^T with small integer L (PSD, maybe singular)."""
    n = draw(st.integers(2, 3))
    r = draw(st.integers(0, n))
    small = st.integers(-2, 2)
    L = [[draw(small) for _ in range(r)] for _ in range(n)]
    H = [[sum(L[i][t] * L[j][t] for t in range(r)) for j in range(n)] for i in range(n)]
    c = [draw(st.integers(-4, 4)) for _ in range(n)]
    m = draw(st.integers(0, 2))
    A = [[draw(small) for _ in range(n)] for _ in range(m)]
    b = [draw(st.integers(-3, 4)) for _ in range(m)]
    lo = [draw(st.integers(-2, 0)) for _ in range(n)]
    hi = [l + draw(st.integers(0, 3)) for l in lo]
    return H, c, A, b, lo, hi


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(qp=tiny_qps())
def test_solve_qp_agrees_with_active_set_enumeration(method, qp):
    H, c, A, b, lo, hi = qp
    res = solve_qp(H, c, A or None, b or None, bounds=list(zip(lo, hi)), method=method)
    check_certificate(res.certificate)
    want = enumerate_active_sets(H, c, A, b, lo, hi)
    if want is None:
        assert res.status == "infeasible"
    else:
        assert res.status == "optimal" and res.value == want == _value(H, c, res.x)


@settings(max_examples=30, deadline=None)
@given(qp=tiny_qps())
def test_maximize_is_the_mirror_image(qp):
    H, c, A, b, lo, hi = qp
    bounds = list(zip(lo, hi))
    lo_res = solve_qp(H, c, A or None, b or None, bounds=bounds)
    hi_res = solve_qp([[-v for v in r] for r in H], [-v for v in c], A or None, b or None,
                      bounds=bounds, maximize=True)
    assert lo_res.status == hi_res.status
    if lo_res.status == "optimal":
        assert hi_res.value == -lo_res.value
        assert hi_res.duals["ub"] == [-v for v in lo_res.duals["ub"]]
        check_certificate(hi_res.certificate)


# ----------------------------------------------------------------------------- hand-made cases


@pytest.mark.parametrize("method", METHODS)
def test_small_qp(method):
    res = solve_qp([[2, 0], [0, 2]], [-2, -5], A_ub=[[1, 2]], b_ub=[3], method=method)
    assert isinstance(res, QPResult) and res.method == method
    assert (res.status, res.x, res.value) == ("optimal", [Q(2, 5), Q(13, 10)], Q(-109, 20))
    assert res.duals == {"ub": [Q(-6, 5)], "eq": [], "lower": [0, 0], "upper": [0, 0]}
    cert = res.certificate
    assert cert["kind"] == "qp-optimal" and check_certificate(cert) is None


@pytest.mark.parametrize("method", METHODS)
def test_equalities_free_variables_and_bounds(method):
    # min (x0 - x1)^2/2 + x2^2/2 - x0 s.t. x0 + x1 + x2 = 3, x0 <= 1, x1 free, x2 in [1, 5]
    H = [[1, -1, 0], [-1, 1, 0], [0, 0, 1]]
    res = solve_qp(H, [-1, 0, 0], A_eq=[[1, 1, 1]], b_eq=[3],
                   bounds=[(None, 1), (None, None), (1, 5)], method=method)
    assert res.status == "optimal"
    check_certificate(res.certificate)
    oracle = solve_qp(H, [-1, 0, 0], A_eq=[[1, 1, 1]], b_eq=[3],
                      bounds=[(None, 1), (None, None), (1, 5)], method="exact-lemke")
    assert res.value == oracle.value == Q(-1, 2) and res.x == [1, 1, 1]


@pytest.mark.parametrize("method", METHODS)
def test_unbounded_qp_has_a_ray_in_the_kernel_of_h(method):
    res = solve_qp([[0, 0], [0, 2]], [-1, 0], A_ub=[[0, 1]], b_ub=[3], method=method)
    assert res.status == "unbounded" and res.value is None
    assert res.ray[1] == 0 and res.ray[0] > 0
    cert = res.certificate
    assert cert["kind"] == "qp-unbounded" and check_certificate(cert) is None


def test_strictly_convex_qp_is_never_unbounded():
    res = solve_qp([[2, 0], [0, 2]], [-1, 0], bounds=(None, None))
    assert res.status == "optimal" and res.x == [Q(1, 2), 0]


@pytest.mark.parametrize("method", METHODS)
def test_infeasible_qp_has_a_farkas_certificate(method):
    res = solve_qp([[2, 0], [0, 2]], [-1, 0], A_ub=[[1, 1]], b_ub=[-3], method=method)
    assert res.status == "infeasible" and res.farkas["bound"] < 0
    assert res.certificate["kind"] == "qp-infeasible"
    check_certificate(res.certificate)
    crossed = solve_qp([[1]], [0], bounds=[(2, 1)])
    assert crossed.status == "infeasible" and crossed.farkas["bound"] == -1


def test_zero_hessian_is_the_lp():
    c, A, b = [-1, -2, 1], [[1, 1, 1], [1, -1, 2]], [4, 3]
    qp, lp = solve_qp(None, c, A, b), solve_lp(c, A, b)
    assert qp.status == lp.status == "optimal" and qp.value == lp.value
    assert qp.duals["ub"] == lp.duals["ub"] or qp.value == sum(
        (bi * y for bi, y in zip(b, qp.duals["ub"])), ZERO)


def test_float_guide_that_lies_is_never_trusted(monkeypatch):
    import numpy as np
    import exact.qp as qpm
    liar = lambda P: (np.array([3.0, 0.0]), np.array([0.0]))  # noqa: E731
    monkeypatch.setattr(qpm, "_guides", lambda P: [liar, liar])
    res = solve_qp([[2, 0], [0, 2]], [-2, -5], A_ub=[[1, 2]], b_ub=[3])
    assert res.method == "repair" and res.value == Q(-109, 20)     # exact steps from the lie
    monkeypatch.setattr(qpm, "REPAIR_STEPS", 0)
    res = solve_qp([[2, 0], [0, 2]], [-2, -5], A_ub=[[1, 2]], b_ub=[3])
    assert res.method == "exact-lemke" and res.value == Q(-109, 20)
    monkeypatch.setattr(qpm, "_guides", lambda P: [lambda P: None])  # the float solvers failed
    assert solve_qp([[2, 0], [0, 2]], [-2, -5], A_ub=[[1, 2]], b_ub=[3]).value == Q(-109, 20)


def test_degenerate_duals_are_settled_by_an_exact_lp(monkeypatch):
    """On a degenerate QP the first multipliers from the active-set solve can have a wrong sign;
    the exact multiplier LP at the exact x repairs them (no Lemke fallback)."""
    import exact.qp as qpm
    calls = []
    real = qpm._multipliers
    monkeypatch.setattr(qpm, "_multipliers", lambda *a: calls.append(1) or real(*a))
    H, c, A, b, bounds, const = ls_full(5)
    res = solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds, maximize=True)
    assert res.method == "float-active-set" and calls
    assert res.value + const == Q(225503, 53248)


# ----------------------------------------------------------------------------- screening


def ls_full(n, c0=1, alpha=5, K=2):
    """Lewis-Sappington regulation, the full discrete problem on the n x n grid (all n^4 - n^2
    IC rows; /work/shared/notes/screening.md section 1.4): variables p[t], V[t] per type t;
    maximise sum_t w_t [(alpha+a-c0-b)^2/2 - K - (p - c0 - b)^2/2 - V] (trapezoid weights),
    IC  V_I - V_K - (s_I - s_K) p_K >= beta_I - beta_K (s = a + b), V >= 0, p free.
    Returns (H, c, A_ub as sparse rows, b_ub, bounds, constant term of the objective)."""
    h = Q(1, n - 1)
    types = [(i, j) for i in range(n) for j in range(n)]
    N = len(types)
    cw = [Q(1, 2) if k in (0, n - 1) else Q(1) for k in range(n)]
    w = [h * h * cw[i] * cw[j] for i, j in types]
    a, b = [i * h for i, _ in types], [j * h for _, j in types]
    s = [x + y for x, y in zip(a, b)]
    beta = [-(alpha + x) * (c0 + y) - K for x, y in zip(a, b)]
    cost = [c0 + y for y in b]
    H = [[(t, -w[t])] for t in range(N)] + [[] for _ in range(N)]
    c = [w[t] * cost[t] for t in range(N)] + [-w[t] for t in range(N)]
    const = sum((w[t] * ((alpha + a[t] - cost[t]) ** 2 / 2 - K - cost[t] ** 2 / 2)
                 for t in range(N)), ZERO)
    rows, rhs = [], []
    for I in range(N):
        for J in range(N):
            if I != J:
                row = [(J, s[I] - s[J])] if s[I] != s[J] else []
                rows.append(sorted(row + [(N + I, -1), (N + J, 1)]))
                rhs.append(beta[J] - beta[I])
    return H, c, rows, rhs, [(None, None)] * N + [(0, None)] * N, const


@pytest.mark.parametrize("n, value", [(3, Q(5467, 1280)), (4, Q(24763, 5832))])
def test_screening_full_problem_exact_optima(n, value):
    """The note's exact discrete optima OPT_3, OPT_4 (recomputed here, not pasted into code)."""
    H, c, A, b, bounds, const = ls_full(n)
    assert len(A) == n ** 4 - n ** 2
    res = solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds, maximize=True)
    assert res.status == "optimal" and res.value + const == value
    check_certificate(res.certificate)
    if n == 3:
        exact = solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds, maximize=True,
                         method="exact-lemke")
        assert exact.value == res.value


@pytest.mark.parametrize("n, value", [(3, Q(5467, 1280)), (4, Q(24763, 5832))])
def test_sparse_kkt_solve_gives_the_same_optima(monkeypatch, n, value):
    """The sparse elimination path (used above SPARSE_FROM free variables, i.e. on every large
    problem) forced on small ones: all active rows go in, the same certified optima come out."""
    import exact.qp as qp
    calls = []
    real = qp.solve_sparse
    monkeypatch.setattr(qp, "SPARSE_FROM", 0)
    monkeypatch.setattr(qp, "solve_sparse", lambda *a: calls.append(1) or real(*a))
    H, c, A, b, bounds, const = ls_full(n)
    res = solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds, maximize=True)
    assert calls and res.method == "float-active-set"
    assert res.status == "optimal" and res.value + const == value
    check_certificate(res.certificate)


# ----------------------------------------------------------------------------- input


def test_sparse_and_scipy_input_agree_with_dense():
    import numpy as np
    import scipy.sparse as sp
    H, c, A, b = [[2, 0], [0, 2]], [-2, -5], [[1, 2]], [3]
    dense = solve_qp(H, c, A, b)
    pairs = solve_qp([[(0, 2)], {1: 2}], c, [[(0, 1), (1, 2)]], b)
    scipy_ = solve_qp(sp.csr_matrix(np.array(H)), c, sp.coo_matrix(np.array(A)), b)
    objs = solve_qp(np.array([[Q(2), 0], [0, Q(2)]], dtype=object), c, np.array(A), b)
    assert dense.value == pairs.value == scipy_.value == objs.value == Q(-109, 20)


@pytest.mark.parametrize("kwargs, field", [
    (dict(H=[[1, 0], [0, 1.0]], c=[1, 1]), r"H\[1\]\[1\]: floats are not exact"),
    (dict(H=[[1, 1], [0, 1]], c=[1, 1]), r"H: must be symmetric .*not symmetric"),
    (dict(H=[[1, 2], [2, 1]], c=[1, 1]), r"H: must be symmetric positive semidefinite"),
    (dict(H=[[1, 0], [0, 1]], c=[1, 1], maximize=True), r"H: .*negative semidefinite"),
    (dict(H=[[0, 1], [1, 0]], c=[1, 1]), r"H: .*zero pivot 0"),
    (dict(H=[[1, 0]], c=[1, 1]), r"H: has 1 rows, expected 2"),
    (dict(H=[[1, 0], [0]], c=[1, 1]), r"H\[1\]: row has 1 entries"),
    (dict(H=None, c=[1, 1], A_ub=[[(2, 1)]], b_ub=[1]), r"A_ub\[0\]\[0\]: column index 2 out"),
    (dict(H=None, c=[1, 1], A_ub=[[(0, 1), (0, 2)]], b_ub=[1]), r"A_ub\[0\]\[1\]: .*twice"),
    (dict(H=None, c=[1, 1], A_ub=[[(0.0, 1)]], b_ub=[1]), r"A_ub\[0\]\[0\]: column index"),
    (dict(H=None, c=[1, 1], A_ub=[[(0, float("nan"))]], b_ub=[1]), r"A_ub\[0\]\[0\]: NaN"),
    (dict(H=None, c=[1, 1], A_ub=[[(0, 1, 2)]], b_ub=[1]), r"A_ub\[0\]\[0\]: expected an \("),
    (dict(H=None, c=[1, 1], A_ub=[[1, 1]], b_ub=[float("inf")]), r"b_ub\[0\]: NaN and inf"),
    (dict(H=None, c=[1, 1], A_ub=[[1, 1], []], b_ub=[1, 1]), r"A_ub\[1\]: row has 0 entries"),
    (dict(H=None, c=[1, 1], method="simplex"), r"method"),
    (dict(H=None, c=[1, 1], maximize=1), r"maximize"),
])
def test_bad_input_names_the_field(kwargs, field):
    with pytest.raises(InputError, match=field):
        solve_qp(**kwargs)


def test_float_scipy_sparse_is_refused():
    import numpy as np
    import scipy.sparse as sp
    with pytest.raises(InputError, match=r"H: floats are not exact \(dtype float64\)"):
        solve_qp(sp.csr_matrix(np.eye(2)), [1, 1])
    with pytest.raises(InputError, match=r"A_ub: has 3 columns, expected 2"):
        solve_qp(None, [1, 1], sp.csr_matrix(np.ones((1, 3), dtype=int)), [1])


# ----------------------------------------------------------------------------- repair, budget


def _far_qp(m=800, n=20, seed=0):
    """min |x - t|^2 / 2 over m sparse rows around an interior point, t far outside: many
    active rows at the optimum."""
    rng = random.Random(seed)
    x0 = [rng.randint(0, 5) for _ in range(n)]
    rows, b = [], []
    for _ in range(m):
        row = [(j, rng.choice([-3, -2, -1, 1, 2, 3])) for j in sorted(rng.sample(range(n), 3))]
        rows.append(row)
        b.append(sum(a * x0[j] for j, a in row) + rng.randint(1, 6))
    return [[(j, 1)] for j in range(n)], [-rng.randint(5, 15) for _ in range(n)], rows, b, \
        [(0, 10)] * n


def _lying_guide(monkeypatch, x, shift):
    """Replace the float solvers by one guide: the optimum moved by ``shift`` (wrong active set)."""
    import math

    import exact.qp as qp
    xf = [float(v) + shift * math.sin(j) for j, v in enumerate(x)]
    monkeypatch.setattr(qp, "_guides", lambda P: iter([lambda P: (xf, [0.0] * len(P["b_ub"]))]))


def test_repair_certifies_from_a_wrong_float_active_set(monkeypatch):
    """A guide whose active set is wrong on a QP too large for Lemke: the exact active-set
    repair (no Lemke, no dense tableau) reaches the same certified optimum."""
    import exact.qp as qp
    H, c, A, b, bounds = _far_qp()
    honest = solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds)
    assert honest.method == "float-active-set"
    _lying_guide(monkeypatch, honest.x, 1e-3)
    monkeypatch.setattr(qp, "LEMKE_LIMIT", 100)
    monkeypatch.setattr(qp, "_lemke", lambda P: pytest.fail("Lemke used"))
    monkeypatch.setattr(qp, "_active_set", lambda *a: None)   # the guide never certifies
    res = solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds)
    assert res.method == "repair" and res.value == honest.value and res.x == honest.x
    check_certificate(res.certificate)


def test_an_exhausted_exact_fallback_is_undecided_not_an_answer(monkeypatch):
    import exact.qp as qp
    from exact.lp import Undecided
    H, c, A, b, bounds = _far_qp()
    honest = solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds)
    _lying_guide(monkeypatch, honest.x, 3.0)
    monkeypatch.setattr(qp, "LEMKE_LIMIT", 100)
    monkeypatch.setattr(qp, "REPAIR_STEPS", 2)
    with pytest.raises(Undecided, match="no answer"):
        solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds)
