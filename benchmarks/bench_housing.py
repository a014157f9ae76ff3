"""Benchmarks of the housing paper (not tests): ``python benchmarks/bench_housing.py [--full]``.

1. Strategy-proofness of ``MCSD`` over all 331,776 profiles at ``(n, m) = (4, 1)``: the outcome
   table (evaluate each profile once, check every misreport by lookup) against the naive check
   that re-runs the mechanism for every misreport. The naive check is timed on a prefix of the
   profiles in the same run and scaled linearly to all profiles (``--full`` runs it on all of
   them: about 30 million mechanism runs). Target: ratio >= 30, table check < 10 s on one core.
2. Theorem 1 at ``(3, 2)``, the whole proof including its independent check, each path in a fresh
   process (CPU seconds on one core and peak RSS): today's path (numpy encoder, structured RUP
   refutation, vectorised RUP checker) against the previous path measured in the same run (loop
   encoder, 37 cadical calls with blocking clauses, cadical's DRAT proof of the final step,
   pure-Python DRAT checker). Target: under 20 s and 500 MB. ``rows(quick)`` gives the rows of
   ``benchmarks/run_all.py`` (``--quick``: at ``(3, 1)``).
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from proofs.housing.axioms import outcome_table, sp_violation, sp_violation_naive  # noqa: E402
from proofs.housing.mechanisms import mcsd  # noqa: E402


def bench_sp(full: bool, prefix: int = 4000) -> None:
    n, m = 4, 1
    psi = lambda P: mcsd(P, ((0, 1, 2, 3),))  # noqa: E731
    t0 = time.process_time()
    table = outcome_table(psi, n, m)
    t1 = time.process_time()
    bad = sp_violation(table)
    t2 = time.process_time()
    N = table.out.shape[0]
    print(f"(4, 1): {N} profiles, SP by outcome table: {t2 - t0:.2f} s CPU "
          f"(table {t1 - t0:.2f} s + lookups {t2 - t1:.2f} s); violation: {bad}")
    limit = None if full else prefix
    t3 = time.process_time()
    bad2, done = sp_violation_naive(psi, n, m, limit=limit)
    t4 = time.process_time()
    naive = (t4 - t3) * N / done
    how = "measured on all profiles" if done == N else \
        f"measured on the first {done} profiles ({t4 - t3:.2f} s), scaled x{N / done:.1f}"
    print(f"naive re-running check: {naive:.1f} s CPU ({how}); violation: {bad2}")
    print(f"ratio naive / table = {naive / (t2 - t0):.1f}  (target >= 30; table < 10 s: "
          f"{'yes' if t2 - t0 < 10 else 'NO'})")


_PATHS = {
    "structured": "from proofs.housing.theorem1 import theorem_1_certificate as f; "
                  "c = f({n}, {m})",
    "previous": "from proofs.housing.theorem1 import theorem_1_solver_certificate as f; "
                "from proofs.housing.sat import encode_loops; "
                "from proofs.housing.drat import check_drat; "
                "c = f({n}, {m}, drat=True, encoder=encode_loops, checker=check_drat)",
}


def run_path(path: str, n: int, m: int) -> dict:
    """Run one route of Theorem 1 in a fresh process: CPU s, wall s, peak RSS (MB), result."""
    import json
    import subprocess
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    code = ("import json, resource, sys, time; sys.path.insert(0, {root!r}); "
            "t, c0 = time.monotonic(), time.process_time(); " + _PATHS[path] + "; "
            "print(json.dumps({{'cpu': time.process_time() - c0, 'wall': time.monotonic() - t, "
            "'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "
            "'models': c['solution_count'], 'mcsds': c['mcsd_count'], "
            "'all_mcsd': c['all_are_mcsd'], 'checked_by': c['final_step']['checked_by'], "
            "'lemmas': c['final_step'].get('proof_lemmas')}}))").format(root=root, n=n, m=m)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def rows(quick: bool = False) -> list[dict]:
    """Rows of ``benchmarks/run_all.py``: Theorem 1, both routes, in the same run."""
    n, m = (3, 1) if quick else (3, 2)
    new, old = run_path("structured", n, m), run_path("previous", n, m)
    if not (new["all_mcsd"] and old["all_mcsd"] and new["models"] == old["models"] == new["mcsds"]):
        raise RuntimeError(f"the two routes disagree: {new} vs {old}")
    met = new["cpu"] < 20 and new["rss_mb"] < 500
    return [{"benchmark": f"housing Theorem 1 at ({n}, {m}), proof + independent check: "
                          f"structured RUP vs solver enumeration + pure-Python DRAT (CPU, 1 core)",
             "ours_s": new["cpu"], "baseline_s": old["cpu"], "ratio": old["cpu"] / new["cpu"],
             "target": None, "met": "yes" if met else "NO",
             "note": f"{new['models']} models = MCSDs on both routes; peak RSS "
                     f"{new['rss_mb']:.0f} MB vs {old['rss_mb']:.0f} MB (target < 20 s and "
                     f"< 500 MB); {new['lemmas']} vs {old['lemmas']} proof lemmas; wall "
                     f"{new['wall']:.1f} s vs {old['wall']:.1f} s"}]


if __name__ == "__main__":
    full = "--full" in sys.argv
    bench_sp(full)
    if "--no-sat" not in sys.argv:
        for r in rows(quick="--quick" in sys.argv):
            print(f"{r['benchmark']}: {r['ours_s']:.1f} s vs {r['baseline_s']:.1f} s = "
                  f"{r['ratio']:.1f}x; met: {r['met']}; {r['note']}")
