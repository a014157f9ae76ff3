"""Benchmark: exact.lp.solve_lp vs sympy's exact simplex on random dense LPs.

    .venv/bin/python benchmarks/bench_lp.py            # sizes 10, 20, 40; 5 LPs each
    .venv/bin/python benchmarks/bench_lp.py --quick    # 2 LPs each

Problem: maximise c.x s.t. A x <= b, x >= 0, with A (n x n) and c in 1..9, b in 10..50 (feasible,
bounded, generally with fractional optima). Both solvers run on the same LPs in the same process;
the optimal values are asserted identical (exact rationals). Times are the sum over the LPs of the
best of ``repeat`` runs (the same for every solver), in CPU time of this process
(``time.process_time``: the machine is shared, wall-clock times vary 3x under load).
``ours`` is ``solve_lp`` with its default
``method="auto"``: the exact simplex first on small tableaux, HiGHS-guided basis first on large
ones (``exact.lp._FLOAT_FIRST``); every result has passed the exact certificate check of
exact.lpcert. The "exact simplex only" row forces the rational simplex without any float guide.
The baselines are ``sympy.solvers.simplex.linprog`` (matrix input, the faster one) and
``sympy.solvers.simplex.lpmax`` (symbolic constraints, built outside the timing); they are
benchmark baselines only: exact.lp never uses them for an answer. Target: ratio >= 100x.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SIZES = (10, 20, 40)
TARGET = 100


def instance(n: int, seed: int):
    rng = random.Random(1000 * n + seed)
    A = [[rng.randint(1, 9) for _ in range(n)] for _ in range(n)]
    b = [rng.randint(10, 50) for _ in range(n)]
    c = [rng.randint(1, 9) for _ in range(n)]
    return c, A, b


def _best(fn, repeat: int):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return best, out


def measure(n: int, count: int, repeat: int = 3) -> dict:
    """CPU times (s) on ``count`` LPs of size n: ours, ours forced to the exact simplex, sympy's
    ``linprog`` (matrix input) and sympy's ``lpmax`` (symbolic constraints, built untimed)."""
    import sympy
    from sympy import Matrix, Rational
    from sympy.solvers.simplex import linprog as sympy_linprog
    from sympy.solvers.simplex import lpmax as sympy_lpmax

    from exact.lp import solve_lp
    from exact.numbers import Q

    t = {"ours": 0.0, "simplex": 0.0, "linprog": 0.0, "lpmax": 0.0}
    methods = set()
    for seed in range(count):
        c, A, b = instance(n, seed)
        xs = sympy.symbols(f"x0:{n}")
        f = sum(ci * x for ci, x in zip(c, xs))
        cons = [sum(a * x for a, x in zip(row, xs)) <= bi for row, bi in zip(A, b)]
        cons += [x >= 0 for x in xs]
        t1, ours = _best(lambda: solve_lp(c, A, b, maximize=True), repeat)
        t2, simplex = _best(lambda: solve_lp(c, A, b, maximize=True, method="exact-simplex"),
                            repeat)
        t3, (value, _) = _best(lambda: sympy_linprog(Matrix([-v for v in c]), Matrix(A),
                                                     Matrix(b)), repeat)
        t4, (value4, _) = _best(lambda: sympy_lpmax(f, cons), repeat)
        values = {Q(int(v.p), int(v.q)) for v in (-Rational(value), Rational(value4))}
        if not (ours.status == simplex.status == "optimal" and ours.value == simplex.value
                and values == {ours.value}):
            raise SystemExit(f"n={n} seed={seed}: values differ: ours {ours.value}, "
                             f"exact-simplex {simplex.value}, sympy {sorted(values)}")
        methods.add(ours.method)
        for k, v in zip(t, (t1, t2, t3, t4)):
            t[k] += v
    return {"n": n, "count": count, **t, "methods": sorted(methods)}


def _row(name, ours, base, target, note):
    ratio = base / ours
    met = "" if target is None else ("yes" if ratio >= target else "NO")
    return {"benchmark": name, "ours_s": ours, "baseline_s": base, "ratio": ratio,
            "target": target, "met": met, "note": note}


def rows(quick: bool = False, sizes=SIZES, count=None) -> list:
    """Rows in the format of benchmarks/run_all.py."""
    out = []
    for n in sizes:
        m = measure(n, count or (2 if quick else 5))
        path = "/".join(m["methods"])
        lps = f"{m['count']} random {n}x{n} LPs, equal optima asserted"
        out.append(_row(f"exact LP {n}x{n}: solve_lp vs sympy linprog", m["ours"], m["linprog"],
                        TARGET, f"{lps}; path {path}"))
        out.append(_row(f"exact LP {n}x{n}: solve_lp vs sympy lpmax", m["ours"], m["lpmax"],
                        TARGET, f"{lps}; lpmax on symbolic constraints built untimed"))
        out.append(_row(f"exact LP {n}x{n}: exact simplex only vs sympy linprog", m["simplex"],
                        m["linprog"], None,
                        "no float guide (fmpq tableau, Dantzig + Bland on degeneracy)"))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="2 LPs per size instead of 5")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="LP sizes n")
    ap.add_argument("--count", type=int, default=None, help="LPs per size")
    args = ap.parse_args(argv)
    from exact.lp import solve_lp
    solve_lp([1], [[1]], [1])                              # import scipy/HiGHS outside the timing
    print("| benchmark | ours (s) | sympy (s) | ratio | target | met | note |")
    print("|---|---|---|---|---|---|---|")
    for r in rows(args.quick, args.sizes, args.count):
        target = f">= {r['target']}x" if r["target"] else ""
        print(f"| {r['benchmark']} | {r['ours_s']:.4f} | {r['baseline_s']:.3f} | "
              f"{r['ratio']:.1f}x | {target} | {r['met']} | {r['note']} |")


if __name__ == "__main__":
    main()
