"""Tests of exact.lpcert, the trusted LP certificate checker: tampering, malformed data, purity."""

import ast
import copy
import json
import pathlib
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.errors import CertificateError
from exact.lp import solve_lp
from exact.lpcert import FORMAT, check_certificate, digest, seal
from exact.numbers import Q, parse_q
from reliability.helpers import set_path

NON_NUMERIC = {"format", "kind", "status", "sense", "digest"}

PROBLEMS = {
    "optimal-min": dict(c=[1, 2, -1], A_ub=[[1, 1, 1], [1, -1, 0]], b_ub=[4, 1],
                        A_eq=[[1, 0, 1]], b_eq=[2], bounds=[(0, 3), (-1, None), (None, 2)]),
    "optimal-max": dict(c=[3, 2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6], bounds=[(0, 3), (0, None)],
                        maximize=True),
    "infeasible": dict(c=[1, 1], A_ub=[[1, 1]], b_ub=[1], A_eq=[[1, -1]], b_eq=[3],
                       bounds=[(0, 1), (0, None)]),
    "unbounded": dict(c=[-1, 1], A_ub=[[-1, 1], [1, -2]], b_ub=[2, 4]),
}


@pytest.fixture(scope="module")
def certs():
    out = {}
    for name, kw in PROBLEMS.items():
        res = solve_lp(**kw)
        assert res.status == name.split("-")[0]
        out[name] = res.certificate
    return out


def numeric_paths(obj, path=()):
    """Every (path, value) of a number in the certificate (ints and "p/q" strings)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if not path and k in NON_NUMERIC:
                continue
            yield from numeric_paths(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from numeric_paths(v, path + (i,))
    elif obj is not None:
        yield path, obj


def bumped(v):
    new = parse_q(v) + 1
    return int(new.p) if new.q == 1 else str(new)


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_untouched_certificates_check_and_survive_json(certs, name):
    cert = certs[name]
    text = json.dumps(cert)
    assert "." not in "".join(str(v) for _, v in numeric_paths(cert))     # no floats anywhere
    assert check_certificate(json.loads(text)) is None
    assert cert["digest"] == digest(cert)


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_changing_any_single_number_fails(certs, name):
    paths = list(numeric_paths(certs[name]))
    assert len(paths) > 15
    for path, v in paths:
        with pytest.raises(CertificateError):
            check_certificate(set_path(certs[name], path, bumped(v)))


def _restated(cert):
    """Re-solve the certificate's (possibly modified) problem exactly."""
    p = cert["problem"]
    return solve_lp(p["c"], p["A_ub"] or None, p["b_ub"] or None, p["A_eq"] or None,
                    p["b_eq"] or None, [tuple(b) for b in p["bounds"]],
                    maximize=cert["sense"] == "max", method="exact-simplex")


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_resealed_tampering_is_caught_by_mathematics_or_is_true(certs, name):
    """Even an edit followed by a fresh seal never proves a false statement.

    Edits of the solution part (x, slacks, value, duals, Farkas weights, ray) are always caught by
    an exact condition; an edit of the problem data either breaks an exact condition or leaves a
    certificate whose statement is true of the edited problem (checked by re-solving it).
    """
    caught = true_of_other_problem = 0
    for path, v in numeric_paths(certs[name]):
        cert = seal(set_path(certs[name], path, bumped(v)))
        try:
            check_certificate(cert)
        except CertificateError as exc:
            assert not str(exc).startswith("digest"), (path, exc)
            caught += 1
            continue
        assert path[0] == "problem", f"solution edit {path} passed the exact checks"
        again = _restated(cert)
        assert again.status == cert["status"]
        if again.status == "optimal":
            assert again.value == parse_q(cert["value"])
        true_of_other_problem += 1
    assert caught > true_of_other_problem


def _edit(cert, path, value):
    return seal(set_path(cert, path, value))


def test_named_conditions(certs):
    opt = certs["optimal-min"]
    ub0 = parse_q(opt["duals"]["ub"][0])
    cases = [
        (_edit(opt, ("x", 0), 3), r"^primal feasibility: "),
        (_edit(opt, ("value",), bumped(opt["value"])), r"^objective: c\.x = "),
        (_edit(opt, ("duals", "ub", 1), 1), r"^dual feasibility: ub row 1: multiplier 1 has the "
                                            r"wrong sign for min"),
        (_edit(opt, ("duals", "lower", 1), 5), r"^dual feasibility: "),
        (_edit(opt, ("duals", "eq", 0), bumped(opt["duals"]["eq"][0])),
         r"^dual feasibility: column 0: "),
        (_edit(certs["infeasible"], ("farkas", "ub", 0), -1), r"^farkas: ub row 0: multiplier -1"),
        (_edit(certs["infeasible"], ("farkas", "bound"), 0), r"^farkas: bound: stated 0"),
        (_edit(certs["unbounded"], ("ray", "gain"), 0), r"^ray: gain: stated c\.d = 0"),
        (_edit(certs["optimal-max"], ("sense",), "min"),
         r"^dual feasibility: .*wrong sign for min"),
    ]
    assert ub0 <= 0
    for cert, pattern in cases:
        with pytest.raises(CertificateError, match=pattern):
            check_certificate(cert)


def test_duality_gap_is_named():
    # x = 0 is feasible and the duals are sign-correct and stationary, but not optimal: gap 0 vs 1
    cert = seal({"format": FORMAT, "status": "optimal", "sense": "max",
                 "problem": {"c": [1], "A_ub": [[1]], "b_ub": [1], "A_eq": [], "b_eq": [],
                             "bounds": [[0, None]]},
                 "x": [0], "value": 0, "slack": {"ub": [1], "lower": [0], "upper": [None]},
                 "duals": {"ub": [1], "eq": [], "lower": [0], "upper": [0]}})
    with pytest.raises(CertificateError,
                       match=r"^duality gap: c\.x = 0 but the dual objective is 1"):
        check_certificate(cert)


def test_farkas_with_nonnegative_bound_is_refused():
    cert = seal({"format": FORMAT, "status": "infeasible", "sense": "min",
                 "problem": {"c": [1], "A_ub": [[1]], "b_ub": [1], "A_eq": [], "b_eq": [],
                             "bounds": [[0, None]]},
                 "farkas": {"ub": [1], "eq": [], "lower": [1], "upper": [0], "bound": 1}})
    with pytest.raises(CertificateError,
                       match=r"^farkas: bound: combined right-hand side 1 is not < 0"):
        check_certificate(cert)


def test_ray_that_does_not_improve_is_refused():
    cert = seal({"format": FORMAT, "status": "unbounded", "sense": "min",
                 "problem": {"c": [1], "A_ub": [], "b_ub": [], "A_eq": [], "b_eq": [],
                             "bounds": [[0, None]]},
                 "x": [0], "slack": {"ub": [], "lower": [0], "upper": [None]},
                 "ray": {"d": [1], "ub": [], "gain": 1}})
    with pytest.raises(CertificateError, match=r"^ray: gain: c\.d = 1 does not improve"):
        check_certificate(cert)


def test_multiplier_on_infinite_bound_is_refused():
    cert = seal({"format": FORMAT, "status": "optimal", "sense": "min",
                 "problem": {"c": [1], "A_ub": [], "b_ub": [], "A_eq": [], "b_eq": [],
                             "bounds": [[None, None]]},
                 "x": [0], "value": 0, "slack": {"ub": [], "lower": [None], "upper": [None]},
                 "duals": {"ub": [], "eq": [], "lower": [1], "upper": [0]}})
    with pytest.raises(CertificateError, match=r"^dual feasibility: lower bound 0: multiplier 1 on "
                                               r"an infinite bound"):
        check_certificate(cert)


@pytest.mark.parametrize("edit, pattern", [
    (lambda c: "not a dict", r"expected a JSON object"),
    (lambda c: {**c, "format": "lp/0"}, r"format must be"),
    (lambda c: {**c, "status": "solved"}, r"status must be one of"),
    (lambda c: {**c, "kind": "lp-infeasible"}, r"kind must be 'lp-optimal'"),
    (lambda c: {k: v for k, v in c.items() if k != "x"}, r"missing x"),
    (lambda c: {**c, "x": c["x"][:1]}, r"x has 1 entries, expected 3"),
    (lambda c: {**c, "value": 0.5}, r"malformed certificate: value: floats are not exact"),
    (lambda c: {**c, "value": "1/0"}, r"malformed certificate: value: division by zero"),
    (lambda c: {**c, "problem": {**c["problem"], "A_ub": [[1, 1, 1], [1, -1]]}},
     r"problem\.A_ub\[1\] has 2 entries, expected 3"),
    (lambda c: {**c, "problem": {**c["problem"], "bounds": [[0, 3]]}}, r"problem\.bounds must be"),
    (lambda c: {k: v for k, v in c.items() if k != "digest"}, r"^digest: missing"),
])
def test_malformed_certificates(certs, edit, pattern):
    with pytest.raises(CertificateError, match=pattern):
        check_certificate(edit(certs["optimal-min"]))


def test_equivalent_spellings_keep_the_seal(certs):
    cert = copy.deepcopy(certs["optimal-min"])
    path, v = next((p, v) for p, v in numeric_paths(cert) if isinstance(v, int) and v != 0)
    respelled = set_path(cert, path, f"{2 * v}/2")           # the same number, written otherwise
    assert check_certificate(respelled) is None


def test_checker_imports_nothing_but_flint_and_exact_basics():
    src = pathlib.Path(__file__).parents[1] / "exact" / "lpcert.py"
    tree = ast.parse(src.read_text())
    mods = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            mods.add(("." * node.level) + (node.module or ""))
    allowed = {"__future__", "gzip", "hashlib", "json", "math", "re", "typing", "flint", ".errors",
               ".numbers"}
    assert mods <= allowed, mods
    code = ("import sys, exact.lpcert; bad = [m for m in ('scipy', 'sympy', 'exact.lp', 'numpy') "
            "if m in sys.modules]; print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_hand_written_certificate_checks():
    cert = seal({"format": FORMAT, "status": "optimal", "sense": "min",
                 "problem": {"c": [1, 1], "A_ub": [[-1, -2], [-3, -1]], "b_ub": [-2, -3],
                             "A_eq": [], "b_eq": [], "bounds": [[0, None], [0, None]]},
                 "x": ["4/5", "3/5"], "value": "7/5",
                 "slack": {"ub": [0, 0], "lower": ["4/5", "3/5"], "upper": [None, None]},
                 "duals": {"ub": ["-2/5", "-1/5"], "eq": [], "lower": [0, 0], "upper": [0, 0]}})
    assert check_certificate(cert) is None
    assert Q(7, 5) == parse_q(cert["value"])


def all_paths(obj, path=()):
    yield path
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from all_paths(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from all_paths(v, path + (i,))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) |
    st.text(max_size=8) | st.sampled_from(["1/0", "3/4", "-0.5", "1e3", "9" * 5000]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                 max_size=3), max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(which=st.sampled_from(sorted(PROBLEMS)), pick=st.integers(0, 10 ** 6), value=json_values)
def test_any_mutation_is_a_certificate_error_or_harmless(which, pick, value):
    """Arbitrary JSON in any place: check_certificate returns or raises CertificateError only."""
    cert = solve_lp(**PROBLEMS[which]).certificate
    paths = [p for p in all_paths(cert) if p]
    path = paths[pick % len(paths)]
    try:
        check_certificate(set_path(cert, path, value))
    except CertificateError:
        pass


def test_exact_checker_finds_and_rechecks_certificates_in_witnesses(certs):
    """exact.checker looks for dicts whose kind starts with "lp-" inside saved witness data."""
    from exact.checker import _lp_certificates
    witness = {"value": "7/5", "proof": [certs["optimal-min"], {"other": 1}]}
    found = list(_lp_certificates(witness))
    assert found == [certs["optimal-min"]] and found[0]["kind"] == "lp-optimal"


# ----------------------------------------------------------------------------- convex QP

QP_PROBLEMS = {
    "optimal-min": dict(H=[[2, 1, 0], [1, 2, 0], [0, 0, 0]], c=[-3, 1, -1],
                        A_ub=[[1, 1, 1], [1, -1, 0]], b_ub=[4, 1], A_eq=[[1, 0, 1]], b_eq=[2],
                        bounds=[(0, 3), (-1, None), (None, 2)]),
    "optimal-max": dict(H=[[-2, 0], [0, -1]], c=[3, 2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6],
                        bounds=[(0, 3), (0, None)], maximize=True),
    "infeasible": dict(H=[[1, 0], [0, 1]], c=[1, 1], A_ub=[[1, 1]], b_ub=[1], A_eq=[[1, -1]],
                       b_eq=[3], bounds=[(0, 1), (0, None)]),
    "unbounded": dict(H=[[0, 0], [0, 2]], c=[-1, 1], A_ub=[[-1, 1], [0, -1]], b_ub=[2, 4],
                      bounds=[(0, None), (-5, 5)]),
}


@pytest.fixture(scope="module")
def qp_certs():
    from exact.lp import solve_qp
    out = {}
    for name, kw in QP_PROBLEMS.items():
        res = solve_qp(**kw)
        assert res.status == name.split("-")[0]
        out[name] = res.certificate
    return out


@pytest.mark.parametrize("name", list(QP_PROBLEMS))
def test_qp_certificates_check_and_change_of_any_number_fails(qp_certs, name):
    cert = qp_certs[name]
    assert cert["kind"] == f"qp-{name.split('-')[0]}"
    assert check_certificate(json.loads(json.dumps(cert))) is None
    paths = list(numeric_paths(cert))
    assert len(paths) > 15
    for path, v in paths:
        with pytest.raises(CertificateError):
            check_certificate(set_path(cert, path, bumped(v)))


@pytest.mark.parametrize("name", list(QP_PROBLEMS))
def test_resealed_qp_tampering_is_caught_or_true(qp_certs, name):
    """A resealed edit of the solution part is always caught by an exact condition; an edit of
    the problem data is caught or leaves a statement true of the edited problem (re-solved)."""
    from exact.errors import InputError
    from exact.lp import solve_qp
    caught = other = 0
    for path, v in numeric_paths(qp_certs[name]):
        try:
            cert = seal(set_path(qp_certs[name], path, bumped(v)))
            check_certificate(cert)
        except CertificateError as exc:
            assert not str(exc).startswith("digest"), (path, exc)
            caught += 1
            continue
        assert path[0] == "problem", f"solution edit {path} passed the exact checks"
        p = cert["problem"]
        try:
            again = solve_qp(p["H"], p["c"], p["A_ub"] or None, p["b_ub"] or None,
                             p["A_eq"] or None, p["b_eq"] or None,
                             [tuple(b) for b in p["bounds"]], maximize=cert["sense"] == "max",
                             method="exact-lemke")
        except InputError:                 # the edited H is not convex: only Farkas ignores H
            assert cert["status"] == "infeasible" and path[1] == "H"
            other += 1
            continue
        assert again.status == cert["status"]
        if again.status == "optimal":
            assert again.value == parse_q(cert["value"])
        other += 1
    assert caught > other


def test_qp_named_conditions(qp_certs):
    opt = qp_certs["optimal-min"]
    lower0 = opt["duals"]["lower"][0]
    cases = [
        (_edit(opt, ("value",), bumped(opt["value"])), r"^objective: x\^T H x / 2 \+ c\.x = "),
        (_edit(opt, ("duals", "eq", 0), bumped(opt["duals"]["eq"][0])), r"^stationarity: "),
        (_edit(opt, ("problem", "H", 0, 1), [1, 5]), r"^symmetry: H is not symmetric"),
        (_edit(qp_certs["unbounded"], ("problem", "H", 0), [[0, 1]]), r"^ray: H d: row 0"),
        (set_path(opt, ("problem", "A_ub", 0, 0), [7, 1]), r"^malformed certificate: .*out of"),
        (set_path(opt, ("kind",), "lp-optimal"), r"kind must be 'qp-optimal'"),
    ]
    for cert, pattern in cases:
        with pytest.raises(CertificateError, match=pattern):
            check_certificate(cert)
    assert lower0 is not None


def test_qp_complementarity_is_checked():
    """x = 1 is feasible, the multiplier -1 on the slack row x <= 2 is sign-correct and
    stationary (H x + c = 1 + (-2) = -1 = y), but x is not at that bound: not a KKT point."""
    from exact.lpcert import FORMAT_QP
    cert = seal({"format": FORMAT_QP, "kind": "qp-optimal", "status": "optimal", "sense": "min",
                 "problem": {"c": [-2], "H": [[[0, 1]]], "A_ub": [[[0, 1]]], "b_ub": [2],
                             "A_eq": [], "b_eq": [], "bounds": [[None, None]]},
                 "x": [1], "value": "-3/2", "slack": {"ub": [1], "lower": [None], "upper": [None]},
                 "duals": {"ub": [-1], "eq": [], "lower": [0], "upper": [0]}})
    with pytest.raises(CertificateError, match=r"^complementarity: ub row 0: multiplier -1 but "
                                               r"slack 1"):
        check_certificate(cert)


def test_kkt_point_of_a_nonconvex_qp_is_refused():
    """x = 0 is a KKT point of min -x^2/2 on [-1, 1] (a local maximum; the minimum is -1/2)."""
    from exact.lpcert import FORMAT_QP
    cert = seal({"format": FORMAT_QP, "kind": "qp-optimal", "status": "optimal", "sense": "min",
                 "problem": {"c": [0], "H": [[[0, -1]]], "A_ub": [], "b_ub": [], "A_eq": [],
                             "b_eq": [], "bounds": [[-1, 1]]},
                 "x": [0], "value": 0, "slack": {"ub": [], "lower": [1], "upper": [1]},
                 "duals": {"ub": [], "eq": [], "lower": [0], "upper": [0]}})
    with pytest.raises(CertificateError, match=r"^convexity: H is not positive semidefinite: "
                                               r"pivot 0 .* is -1"):
        check_certificate(cert)


def test_psd_failure_is_an_exact_ldlt():
    from exact.lpcert import psd_failure
    from exact.sparse import sparse_rows
    rows = lambda M: sparse_rows(M, "H", len(M))  # noqa: E731
    eps = Q(1, 10 ** 30)
    assert psd_failure(rows([[1, 1], [1, 1]]), 2) is None                       # singular PSD
    assert psd_failure(rows([[1, 1], [1, 1 - eps]]), 2) is not None             # det = -eps
    assert psd_failure(rows([[1, 1], [1, 1 + eps]]), 2) is None
    assert psd_failure(rows([[-1, 0], [0, 0]]), 2, sign=-1) is None             # NSD when max
    assert "zero pivot" in psd_failure(rows([[0, 1], [1, 5]]), 2)
