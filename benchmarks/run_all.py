"""The benchmark suite of exact: one command, one Markdown table of ratios measured in one run.

    .venv/bin/python benchmarks/run_all.py            # full (several minutes)
    .venv/bin/python benchmarks/run_all.py --quick    # smaller jobs, same rows

Each row compares our method with a baseline timed in the same run, on the same machine, with the
same answers asserted. The table is printed and saved under benchmarks/results/ together with
the machine description.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import subprocess
import sys
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t, out


def row(name, ours, base, target=None, note=""):
    ratio = base / ours if ours > 0 else float("inf")
    met = "" if target is None else ("yes" if ratio >= target else "NO")
    return {"benchmark": name, "ours_s": ours, "baseline_s": base, "ratio": ratio,
            "target": target, "met": met, "note": note}


def bench_lp(quick):
    try:
        import bench_lp
    except ImportError:
        return [{"benchmark": "exact LP vs sympy", "note": "benchmarks/bench_lp.py missing"}]
    return bench_lp.rows(quick=quick)


def bench_sp_table(quick):
    """Strategy-proofness of TTC at n = 4: outcome table vs re-running TTC per misreport."""
    from exact.mechanisms import ttc
    from exact.outcomes import (naive_strategy_proofness_violation, outcome_table,
                                strategy_proofness_violation)
    n = 3 if quick else 4
    N = __import__("math").factorial(n) ** n
    t_table, table = timed(outcome_table, ttc, n)
    t_check, found = timed(strategy_proofness_violation, table, n)
    assert found is None, found
    sample = 200 if quick else 400
    t_naive, naive = timed(naive_strategy_proofness_violation, ttc, n, profiles=sample)
    assert naive is None
    ours = (t_table + t_check) / N
    base = t_naive / sample
    return [row(f"SP check, TTC n={n}: outcome table vs re-run per misreport (per profile)",
                ours, base, 30, f"table over all {N} profiles {t_table + t_check:.1f}s; naive "
                                f"timed on the first {sample} profiles, same verdict")]


def bench_fmpq(quick):
    """The engine's hot loop: exact expected utilities and sd-comparisons, fmpq vs Fraction."""
    from flint import fmpq
    rng = random.Random(7)
    data = [[[(rng.randint(0, 9), rng.randint(1, 12)) for _ in range(4)] for _ in range(4)]
            for _ in range(800 if quick else 4000)]

    def kernel(Q):
        count = 0
        for mat in data:
            rows = [[Q(a, b) for a, b in r] for r in mat]
            tot = [sum(r, Q(0)) for r in rows]
            rows = [[x / t for x in r] if t else r for r, t in zip(rows, tot)]
            for r in rows:
                for s in rows:
                    cr = cs = Q(0)
                    for x, y in zip(r, s):
                        cr += x
                        cs += y
                        if cr < cs:
                            count += 1
                            break
        return count

    t_f, a = timed(kernel, fmpq)
    t_F, b = timed(kernel, Fraction)
    assert a == b
    return [row("exact rational hot loop: fmpq vs fractions.Fraction", t_f, t_F, None,
                "same counts asserted")]


def _check_time(claim_id, **kw):
    from exact import check
    from exact.claims import get_claim
    import bench_claims  # noqa: F401 - registers bench/* claims
    c = get_claim(claim_id)
    t, v = timed(check, c, **kw)
    return t, v


def bench_jobs(quick):
    size = 1 if quick else 2
    t1, v1 = _check_time("bench/busy", sizes=[size], jobs=1)
    t2, v2 = _check_time("bench/busy", sizes=[size], jobs=2)
    assert v1.kind == v2.kind == "verified" and v1.instances == v2.instances
    return [row(f"--jobs 2 vs --jobs 1 ({v1.instances} instances)", t2, t1, 1.8,
                f"identical verdicts; cores: {os.cpu_count()}")]


def bench_dask(quick):
    try:
        import distributed  # noqa: F401 - only: is the 'dist' extra installed?
    except ImportError:
        return [{"benchmark": "dask 2 workers vs 1", "note": "dask not installed ('dist' extra)"}]
    from exact.executors import dask_executor, local_cluster
    size = 1 if quick else 3
    times, verdicts = {}, {}
    for workers in (1, 2):
        env = {"PYTHONPATH": os.pathsep.join([ROOT, HERE])}
        with local_cluster(workers, env=env, worker_args=["--preload", "bench_claims"]) as addr:
            ex = dask_executor(addr)
            times[workers], verdicts[workers] = _check_time("bench/busy", sizes=[size],
                                                            executor=ex, shard_size=500)
            ex.close()
    assert verdicts[1].kind == verdicts[2].kind == "verified"
    assert verdicts[1].instances == verdicts[2].instances
    return [row(f"dask 2 workers vs 1 worker ({verdicts[1].instances} instances, "
                f"{times[1]:.0f}s on 1)", times[2], times[1], 1.7, "identical verdicts")]


def bench_memory(quick):
    """Peak memory of a streamed run over 10^7 instances (in a fresh process)."""
    n = 10 ** 6 if quick else 10 ** 7
    code = (f"import sys, time, resource; sys.path[:0] = [{ROOT!r}, {HERE!r}]; "
            "import bench_claims; from exact import check; from exact.claims import get_claim; "
            "from exact.domains import Graded; c = get_claim('bench/ten-million'); "
            f"c.domain._count = lambda s: {n}; c.domain._generate = lambda s: iter(range({n})); "
            "t = time.perf_counter(); v = check(c); "
            "print(v.kind, v.instances, time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    kind, count, secs, rss_kb = out[0], int(out[1]), float(out[2]), int(out[3])
    assert kind == "verified" and count == n
    return [{"benchmark": f"streamed run over {n:,} instances: peak memory",
             "ours_s": secs, "baseline_s": None, "ratio": None, "target": None,
             "met": "yes" if rss_kb < 500 * 1024 else "NO",
             "note": f"peak RSS {rss_kb / 1024:.0f} MB (target < 500 MB); "
                     f"{count / secs:,.0f} instances/s"}]


def bench_coalitional(quick):
    """Robust monotonicity of Example 1 (117,648 deceptions): cached vs solved afresh."""
    import bench_coalitional
    return bench_coalitional.rows(quick=quick)


def bench_screening(quick):
    """Screening: float-guided vs pure exact full problem; n = 30 (809,100 rows) certified."""
    import bench_screening
    return bench_screening.rows(quick=quick)


def bench_housing(quick):
    """Housing Theorem 1 at (3, 2): the proof and its independent check, both routes."""
    import bench_housing
    return bench_housing.rows(quick=quick)


BENCHES = {"lp": bench_lp, "sp-table": bench_sp_table, "fmpq": bench_fmpq, "jobs": bench_jobs,
           "dask": bench_dask, "memory": bench_memory, "coalitional": bench_coalitional,
           "screening": bench_screening, "housing": bench_housing}


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    return (f"{platform.node()}: {platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, "
            f"Python {platform.python_version()}, {platform.platform()}")


def fmt(v, digits=3):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.{digits}g}" if v < 1000 else f"{v:,.0f}"
    return str(v)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", nargs="*", choices=sorted(BENCHES))
    args = ap.parse_args(argv)
    rows = []
    for name, fn in BENCHES.items():
        if args.only and name not in args.only:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows += fn(args.quick)
    head = "| benchmark | ours (s) | baseline (s) | ratio | target | met | note |"
    lines = [head, "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append("| " + " | ".join([r.get("benchmark", ""), fmt(r.get("ours_s")),
                                        fmt(r.get("baseline_s")),
                                        (fmt(r["ratio"]) + "x") if r.get("ratio") else "",
                                        (f">= {r['target']}x" if r.get("target") else ""),
                                        r.get("met", ""), r.get("note", "")]) + " |")
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%MZ")
    text = (f"# exact benchmarks ({'quick' if args.quick else 'full'}), {stamp}\n\n"
            f"Machine: {machine()}\n\n" + "\n".join(lines) + "\n")
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", f"{stamp}{'-quick' if args.quick else ''}.md")
    with open(path, "w") as f:
        f.write(text)
    print(f"saved {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
