"""Benchmarks of the housing paper (not tests): ``python benchmarks/bench_housing.py [--full]``.

1. Strategy-proofness of ``MCSD`` over all 331,776 profiles at ``(n, m) = (4, 1)``: the outcome
   table (evaluate each profile once, check every misreport by lookup) against the naive check
   that re-runs the mechanism for every misreport. The naive check is timed on a prefix of the
   profiles in the same run and scaled linearly to all profiles (``--full`` runs it on all of
   them: about 30 million mechanism runs). Target: ratio >= 30, table check < 10 s on one core.
2. Theorem 1 by SAT at ``(3, 2)`` (encode + enumerate all 36 models + final UNSAT, and the DRAT
   check of that step), against the note's constraint-programming run of about 200 s (that
   baseline is the note's figure, not re-measured here: its code is not part of the project).
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


def bench_sat(drat: bool) -> None:
    from proofs.housing.theorem1 import theorem_1_certificate

    t0 = time.monotonic()
    c0 = time.process_time()
    cert = theorem_1_certificate(3, 2, drat=drat)
    wall, cpu = time.monotonic() - t0, time.process_time() - c0
    print(f"Theorem 1 SAT at (3, 2): {cert['solution_count']} models = {cert['mcsd_count']} "
          f"MCSDs; {wall:.1f} s wall, {cpu:.1f} s CPU; parts {cert['seconds']}")
    print(f"ratio note's CSP (~200 s, not re-measured) / SAT route = {200 / wall:.1f}")


if __name__ == "__main__":
    full = "--full" in sys.argv
    bench_sp(full)
    if "--no-sat" not in sys.argv:
        bench_sat(drat="--drat" in sys.argv)
