"""Benchmark: exact.lp (solve_lp, solve_qp) against exact peers and the float solver, one run.

    .venv/bin/python benchmarks/bench_lp.py             # every row (~10 minutes on 2 cores)
    .venv/bin/python benchmarks/bench_lp.py --quick     # small sizes only
    .venv/bin/python benchmarks/bench_lp.py --only dense sparse degenerate qp

Rows (each measured in this run, on this machine; optima asserted identical across solvers):

* ``dense n x n`` (n = 10, 20, 40, 60, 80): maximise c.x s.t. A x <= b, x >= 0, entries 1..9;
  ours (``method="auto"``) against pycddlib's exact GMP LP (``cdd.gmp``; an optional benchmark
  dependency: ``pip install pycddlib`` needs libcdd-dev and libgmp-dev; skipped with a message
  otherwise) and sympy's ``linprog``. Targets (n = 40-80): >= 3x pycddlib, >= 100x sympy.
* ``sparse m x n``: 1,980 x 100 (a 10 x 10 transportation problem plus 1,960 sparse side rows),
  20,000 x 300 and 100,000 x 300 (4-6 non-zeros a row around an interior point, bounds 0..10),
  each in a fresh process: certified solve time, peak RSS, the exact check of the certificate
  (``lpcert.check_certificate`` from JSON), and HiGHS alone (scipy ``linprog``, floats, building
  its input included) as the ratio's baseline. Targets: 100,000 x 300 certified < 30 s and
  < 1 GB, checked < 10 s. pycddlib and sympy run on the 1,980 x 100 LP with a time limit.
* ``degenerate``: the sparse LP plus twins of 10 active rows tightened by 10^-15 (invisible in
  floats: HiGHS's basis is wrong, ``res.method == "repair"``) against the same LP without twins
  (HiGHS's basis certifies); screening's full-IC LP (the note's toy LP model, degenerate) too.
  Target: within 5x the comparable float-basis solve; never a cold dense simplex.
* ``qp``: screening's full Lewis-Sappington problem (n x n types, n^4 - n^2 IC rows), n = 10:
  certified by ``solve_qp`` < 10 s; its value against the exact Lemke path where that is
  feasible (n = 3) and the note's exact optimum.

Times are wall-clock (``time.perf_counter``) except in the dense rows, which take process CPU
time (``time.process_time``, best of 3, for ours and the peers alike): on the shared 2-core
machine a few-millisecond solve measured by the wall clock mostly measures the scheduler. Ratios
are taken within one run. Every exact answer passed exact.lpcert before it was returned.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

DENSE = (10, 20, 40, 60, 80)
SPARSE = ((1980, 100), (20000, 300), (100000, 300))


# ----------------------------------------------------------------------------- instances


def dense_lp(n: int, seed: int):
    rng = random.Random(1000 * n + seed)
    A = [[rng.randint(1, 9) for _ in range(n)] for _ in range(n)]
    return [rng.randint(1, 9) for _ in range(n)], A, [rng.randint(10, 50) for _ in range(n)]


def sparse_lp(m: int, n: int, seed: int = 0):
    """min c.x s.t. m sparse rows <= b, 0 <= x <= 10; a 10 x 10 transportation problem in the
    first 20 rows when n = 100. Every row has slack >= 1 at an interior integer point."""
    rng = random.Random(seed)
    x0 = [rng.randint(1, 5) for _ in range(n)]
    rows, b = [], []
    if n == 100:                                           # supplies, then demands (as <=)
        for i in range(10):
            row = [(10 * i + j, 1) for j in range(10)]
            rows.append(row)
            b.append(sum(x0[k] for k, _ in row) + rng.randint(1, 10))
        for j in range(10):
            row = [(10 * i + j, -1) for i in range(10)]
            rows.append(row)
            b.append(-sum(x0[k] for k, _ in row) + rng.randint(1, 3))
    k = 5 if n == 100 else 6
    while len(rows) < m:
        row = [(j, rng.choice([-7, -3, -2, -1, 1, 2, 3, 4, 6, 8]))
               for j in sorted(rng.sample(range(n), k))]
        rows.append(row)
        b.append(sum(a * x0[j] for j, a in row) + rng.randint(1, 20))
    c = [rng.randint(1, 20) for _ in range(n)] if n == 100 else \
        [rng.randint(-9, 9) for _ in range(n)]
    return c, rows, b, [(0, 10)] * n


def twin_lp(m: int, n: int, count: int = 10):
    """sparse_lp plus copies of ``count`` rows active at its (float) optimum, tighter by 10^-15."""
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix
    from fractions import Fraction
    c, rows, b, bounds = sparse_lp(m, n)
    M = _csr(rows, n)
    res = linprog(c, A_ub=M, b_ub=b, bounds=bounds, method="highs")
    slack = np.array(b, dtype=float) - M @ res.x
    act = [int(i) for i in np.argsort(slack)[:count]]
    eps = Fraction(1, 10 ** 15)
    return c, rows + [rows[i] for i in act], b + [b[i] - eps for i in act], bounds


def _csr(rows, n):
    from scipy.sparse import csr_matrix
    data = [float(v) for r in rows for _, v in r]
    ri = [i for i, r in enumerate(rows) for _ in r]
    ci = [j for r in rows for j, _ in r]
    return csr_matrix((data, (ri, ci)), shape=(len(rows), n))


def screening_lp(n: int):
    """Screening's full problem for the note's toy LP model (A4: psi = 0, alpha = a - b,
    beta = 0, 0 <= q <= 1, uniform trapezoid weights): max sum w [(a - b - 1/2) q - V]
    s.t. V_I - V_K - (alpha_I - alpha_K) q_K >= 0 for all I != K, V >= 0. Degenerate."""
    from exact.numbers import Q
    h = Q(1, n - 1)
    types = [(i, j) for i in range(n) for j in range(n)]
    N = len(types)
    cw = [Q(1, 2) if k in (0, n - 1) else Q(1) for k in range(n)]
    w = [h * h * cw[i] * cw[j] for i, j in types]
    alpha = [(i - j) * h for i, j in types]
    c = [w[t] * (alpha[t] - Q(1, 2)) for t in range(N)] + [-w[t] for t in range(N)]
    rows, rhs = [], []
    for I in range(N):
        for K in range(N):
            if I != K:
                row = [(K, alpha[I] - alpha[K])] if alpha[I] != alpha[K] else []
                rows.append(sorted(row + [(N + I, -1), (N + K, 1)]))
                rhs.append(0)
    return c, rows, rhs, [(0, 1)] * N + [(0, None)] * N


def ls_qp(n: int, c0: int = 1, alpha: int = 5, K: int = 2):
    """Screening's full Lewis-Sappington QP (note section 1.4); see tests/test_qp.py."""
    from exact.numbers import Q, ZERO
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


# ----------------------------------------------------------------------------- peers


def cdd_value(c, A, b, maximize=True):
    """pycddlib's exact (GMP) LP: b - A x >= 0, x >= 0. None if pycddlib is missing."""
    try:
        import cdd.gmp as cg
    except ImportError:
        return None
    n = len(c)
    arr = [[bi] + [-a for a in row] for row, bi in zip(A, b)]
    arr += [[0] + [1 if k == j else 0 for k in range(n)] for j in range(n)]
    arr.append([0] + list(c))
    lp = cg.linprog_from_array(arr, cg.LPObjType.MAX if maximize else cg.LPObjType.MIN)
    cg.linprog_solve(lp)
    return lp.obj_value


def sympy_value(c, A, b):
    from sympy import Matrix
    from sympy.solvers.simplex import linprog
    value, _ = linprog(Matrix([-v for v in c]), Matrix(A), Matrix(b))
    return -value


def _best(fn, repeat=3, clock=time.perf_counter):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = clock()
        out = fn()
        best = min(best, clock() - t)
    return best, out


def _row(name, ours, base, target=None, note=""):
    ratio = base / ours if (ours and base) else None
    met = "" if target is None or ratio is None else ("yes" if ratio >= target else "NO")
    return {"benchmark": name, "ours_s": ours, "baseline_s": base, "ratio": ratio,
            "target": target, "met": met, "note": note}


# ----------------------------------------------------------------------------- rows


def dense_rows(sizes, count):
    from exact.lp import solve_lp
    from exact.numbers import Q
    try:
        import cdd.gmp  # noqa: F401
        have_cdd = True
    except ImportError:
        have_cdd = False
    out = []
    for n in sizes:
        t = {"ours": 0.0, "cdd": 0.0, "sympy": 0.0}
        paths = set()
        for seed in range(count):
            c, A, b = dense_lp(n, seed)
            cpu = time.process_time                       # CPU time: the machine is shared
            t1, ours = _best(lambda: solve_lp(c, A, b, maximize=True), clock=cpu)
            t3, sv = _best(lambda: sympy_value(c, A, b), 1 if n >= 60 else 3, clock=cpu)
            values = {Q(int(sv.p), int(sv.q))}
            if have_cdd:
                t2, cv = _best(lambda: cdd_value(c, A, b), clock=cpu)
                values.add(Q(cv.numerator, cv.denominator))
                t["cdd"] += t2
            if values != {ours.value}:
                raise SystemExit(f"dense {n}x{n} seed {seed}: optima differ: ours {ours.value}, "
                                 f"peers {sorted(values)}")
            t["ours"] += t1
            t["sympy"] += t3
            paths.add(ours.method)
        big = n >= 40
        note = f"{count} random LPs, equal optima asserted; path {'/'.join(sorted(paths))}"
        if have_cdd:
            out.append(_row(f"exact LP dense {n}x{n}: ours vs pycddlib (GMP)", t["ours"],
                            t["cdd"], 3 if big else None, note))
        else:
            out.append({"benchmark": f"exact LP dense {n}x{n}: ours vs pycddlib",
                        "note": "skipped: pycddlib not installed (needs libcdd-dev, libgmp-dev)"})
        out.append(_row(f"exact LP dense {n}x{n}: ours vs sympy linprog", t["ours"], t["sympy"],
                        100 if big else None, note))
    return out


_CHILD = r"""
import json, resource, sys, time
sys.path[:0] = [{root!r}, {here!r}]
import bench_lp
from exact.lp import solve_lp, solve_qp
from exact.lpcert import check_certificate
kind, args = {kind!r}, {args!r}
t0 = time.perf_counter()
if kind == "sparse":
    c, A, b, bounds = bench_lp.sparse_lp(*args)
elif kind == "twin":
    c, A, b, bounds = bench_lp.twin_lp(*args)
elif kind == "screening":
    c, A, b, bounds = bench_lp.screening_lp(*args)
else:
    H, c, A, b, bounds, const = bench_lp.ls_qp(*args)
build = time.perf_counter() - t0
solve_qp([[(0, 1)], []], [-1, 1], A_ub=[[(0, 1), (1, 1)]], b_ub=[1])    # warm-up: imports of
solve_lp([1, 1], A_ub=[[(0, 1), (1, 1)]], b_ub=[1], method="float-basis")  # the float solvers
t = time.perf_counter()
if kind == "qp":
    res = solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds, maximize=True)
else:
    res = solve_lp(c, A_ub=A, b_ub=b, bounds=bounds, maximize=kind == "screening")
solve = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter(); cert = json.loads(json.dumps(res.certificate)); write = time.perf_counter() - t
t = time.perf_counter(); check_certificate(cert); check = time.perf_counter() - t
value = res.value + const if kind == "qp" else res.value
print(json.dumps({{"solve": solve, "rss": rss, "check": check, "write": write, "build": build,
                  "status": res.status, "method": res.method, "value": str(value)}}))
"""


def _child(kind, args, timeout=900):
    code = _CHILD.format(root=ROOT, here=HERE, kind=kind, args=tuple(args))
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=timeout, check=True).stdout
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.strip().splitlines()[-1])


def _highs_time(c, rows, b, bounds, n, maximize=False):
    from scipy.optimize import linprog
    t = time.perf_counter()
    M = _csr(rows, n)
    res = linprog([-float(v) for v in c] if maximize else [float(v) for v in c], A_ub=M,
                  b_ub=[float(v) for v in b], bounds=[(l, h) for l, h in bounds], method="highs")
    assert res.status == 0
    return time.perf_counter() - t


def _peer_in_child(which, m, n, timeout):
    """pycddlib or sympy on the sparse LP (dense input), in a process with a time limit."""
    code = (f"import sys, time; sys.path[:0] = [{ROOT!r}, {HERE!r}]; import bench_lp; "
            f"c, A, b, bounds = bench_lp.sparse_lp({m}, {n}); "
            f"D = [[dict(r).get(j, 0) for j in range({n})] for r in A]; "
            f"D += [[1 if k == j else 0 for k in range({n})] for j in range({n})]; "
            f"b = b + [10] * {n}; t = time.perf_counter(); "
            + ("v = bench_lp.cdd_value([-x for x in c], D, b); v = -v; "
               if which == "cdd" else "v = -bench_lp.sympy_value([-x for x in c], D, b); ")
            + "print(time.perf_counter() - t, v)")
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"did not finish in {timeout} s"
    if out.returncode != 0:
        return None, "failed: " + (out.stderr.strip().splitlines() or ["?"])[-1][:80]
    secs, value = out.stdout.split()
    return float(secs), value


def sparse_rows(sizes, peers_timeout=60):
    out = []
    for m, n in sizes:
        r = _child("sparse", (m, n))
        c, rows, b, bounds = sparse_lp(m, n)
        t_h = _highs_time(c, rows, b, bounds, n)
        note = (f"{r['method']}, peak RSS {r['rss']:.0f} MB, certificate checked from JSON in "
                f"{r['check']:.1f} s (written in {r['write']:.1f} s); input built in "
                f"{r['build']:.1f} s")
        target = None
        if m >= 100000:
            met = r["solve"] < 30 and r["rss"] < 1024 and r["check"] < 10
            note += f"; targets < 30 s, < 1 GB, check < 10 s: {'met' if met else 'NOT met'}"
        out.append(_row(f"exact LP sparse {m:,}x{n}: certified vs HiGHS float", r["solve"], t_h,
                        target, note))
        if m < 5000:
            for which, name in (("cdd", "pycddlib (GMP)"), ("sympy", "sympy linprog")):
                secs, value = _peer_in_child(which, m, n, peers_timeout)
                if secs is not None and value != r["value"] and which == "sympy":
                    raise SystemExit(f"sparse {m}x{n}: optima differ: ours {r['value']}, "
                                     f"{name} {value}")
                out.append(_row(f"exact LP sparse {m:,}x{n}: ours vs {name}", r["solve"], secs,
                                None, value if secs is None else "equal optima asserted"))
    return out


def degenerate_rows(m=20000, n=300, screening_n=8):
    out = []
    twin = _child("twin", (m, n, 10))
    plain = _child("sparse", (m, n))
    ratio = twin["solve"] / plain["solve"]
    out.append({"benchmark": f"degenerate LP {m:,}x{n} (+10 twins at 10^-15): wrong float "
                             f"basis repaired vs float-basis path on the LP without twins",
                "ours_s": twin["solve"], "baseline_s": plain["solve"], "ratio": ratio,
                "target": None, "met": "yes" if ratio <= 5 else "NO",
                "note": f"paths {twin['method']} vs {plain['method']}; target: <= 5x slower "
                        f"(the ratio column is ours/baseline here)"})
    scr = _child("screening", (screening_n,))
    c, rows, b, bounds = screening_lp(screening_n)
    t_h = _highs_time(c, rows, b, bounds, 2 * screening_n ** 2, maximize=True)
    out.append(_row(f"screening full-IC LP n={screening_n} ({len(rows):,} rows, degenerate): "
                    f"certified vs HiGHS float", scr["solve"], t_h, None,
                    f"path {scr['method']}, value {scr['value']}"))
    return out


def qp_rows(n=10):
    r = _child("qp", (n,))
    three = _child("qp", (3,))
    from exact.lp import solve_qp
    H, c, A, b, bounds, const = ls_qp(3)
    t, lemke = _best(lambda: solve_qp(H, c, A_ub=A, b_ub=b, bounds=bounds, maximize=True,
                                      method="exact-lemke"), 1)
    if str(lemke.value + const) != three["value"]:
        raise SystemExit(f"QP n=3: float-guided {three['value']} vs Lemke {lemke.value + const}")
    return [
        {"benchmark": f"convex QP: screening's full LS problem n={n} ({n ** 4 - n ** 2:,} IC "
                      f"rows) certified", "ours_s": r["solve"], "baseline_s": None,
         "ratio": None, "target": None, "met": "yes" if r["solve"] < 10 else "NO",
         "note": f"target < 10 s; {r['method']}; OPT = {r['value']}; checked in "
                 f"{r['check']:.1f} s; peak RSS {r['rss']:.0f} MB"},
        _row("convex QP n=3: float-guided vs exact Lemke (same optimum 5467/1280 asserted)",
             three["solve"], t, None, f"OPT_3 = {three['value']}"),
    ]


def rows(quick: bool = False, only=None) -> list:
    """Rows in the format of benchmarks/run_all.py."""
    out = []
    if not only or "dense" in only:
        out += dense_rows((10, 40) if quick else DENSE, 2 if quick else 3)
    if not only or "sparse" in only:
        out += sparse_rows(SPARSE[:1] if quick else SPARSE)
    if not only or "degenerate" in only:
        out += degenerate_rows(*((2000, 100, 5) if quick else (20000, 300, 8)))
    if not only or "qp" in only:
        out += qp_rows(6 if quick else 10)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes only")
    ap.add_argument("--only", nargs="*", choices=["dense", "sparse", "degenerate", "qp"])
    args = ap.parse_args(argv)
    from exact.lp import solve_lp
    solve_lp([1], [[1]], [1], method="float-basis")        # imports outside the timing
    print("| benchmark | ours (s) | baseline (s) | ratio | target | met | note |")
    print("|---|---|---|---|---|---|---|")
    for r in rows(args.quick, args.only):
        f = lambda v: "" if v is None else f"{v:.4g}"  # noqa: E731
        target = f">= {r['target']}x" if r.get("target") else ""
        ratio = f"{r['ratio']:.3g}x" if r.get("ratio") else ""
        print(f"| {r['benchmark']} | {f(r.get('ours_s'))} | {f(r.get('baseline_s'))} | {ratio} "
              f"| {target} | {r.get('met', '')} | {r.get('note', '')} |", flush=True)


if __name__ == "__main__":
    main()
