"""Benchmark (not a test): the exhaustive Theorem 6 run on (n=4, m=2, u in {0..3}, 4 capacity
vectors) = 12,240 markets, against a naive plain-Fraction prototype measured in the same run.

The naive prototype (as in the note's 101 s measurement): ``fractions.Fraction`` arithmetic,
every one of the n! orders explored separately by an unmemoised DFS over all tie-break and
returning-agent branches, SEF existence by enumerating X. The fast path: ``fmpq`` value tables,
Tickets steps memoised on (room, entrant), the union over all orders memoised on
(room, remaining agents), and the analysis shared (proofs.sef).

The fast path is the ``sef/theorem-6`` claim itself: exact fmpq values, rooms as multisets of
(utility row, pool) (identical agents are interchangeable), Tickets steps memoised across
markets on (capacities, room, entrant row), the union over all orders memoised on (room, rows
outside) -- ``proofs/sef/fast.py``.

A third row: the labelled Tickets search of ``sef/theorem-1`` (every order and branch, with the
F1/F2 invariants) with its steps shared across markets (``proofs.sef.tickets._SHARED``)
against the same search memoised per market only, on the note corpus (n = 4, m = 2).

A second row: the exact integer-array anatomy of the claims (``proofs/sef/anatomy.py``)
against the plain fmpq reference on the same SEF markets (n = 4, m = 3).

Usage: ``python benchmarks/bench_sef.py [--every K] [--full]``. By default the naive prototype
runs on every K-th market (K = 10) and the fast code on the same sample and on the whole corpus;
the ratio is measured on the sample (same instances, same process, one core).
"""

from __future__ import annotations

import argparse
import itertools
import time
from fractions import Fraction

from proofs.sef.domains import CORPUS


def naive_theorem_6(u, q) -> bool:
    n, m = len(u), len(q)
    u = [[Fraction(int(x.p), int(x.q)) for x in row] for row in u]

    def zeta(k, c):
        return Fraction(1) if k <= c else Fraction(c, k)

    def cnt(room):
        c = [0] * m
        for j in room:
            if j is not None:
                c[j] += 1
        return c

    def sef(x):
        c = cnt(x)
        return all(u[i][x[i]] * zeta(c[x[i]], q[x[i]]) > u[i][l] * zeta(c[l], q[l])
                   for i in range(n) for l in range(m) if l != x[i])

    sefs = [x for x in itertools.product(range(m), repeat=n) if sef(x)]

    def leaves(room, order, k, door):
        if door is None:
            if k == len(order):
                return {tuple(room)}
            return leaves(room, order, k + 1, order[k])
        c = cnt(room)
        vals = [u[door][j] * zeta(c[j] + 1, q[j]) for j in range(m)]
        out = set()
        for j in range(m):
            if vals[j] != max(vals):
                continue
            r2 = list(room)
            r2[door] = j
            c2 = cnt(r2)
            bad = [a for a in range(n) if r2[a] is not None and any(
                u[a][kk] * zeta(c2[kk] + 1, q[kk]) > u[a][r2[a]] * zeta(c2[r2[a]], q[r2[a]])
                for kk in range(m) if kk != r2[a])]
            if not bad:
                out |= leaves(r2, order, k, None)
            for a in bad:
                r3 = list(r2)
                r3[a] = None
                out |= leaves(r3, order, k, a)
        return out

    outs = set()
    for order in itertools.permutations(range(n)):
        outs |= leaves([None] * n, order, 1, order[0])
    return (not sefs) or outs == {sefs[0]}


def fast_theorem_6(market) -> bool:
    from proofs.sef.claims import theorem_6
    return theorem_6(market).ok


def _reset():
    from proofs.sef.anatomy import analyse
    from proofs.sef.fast import clear_caches
    analyse.cache_clear()
    clear_caches()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=10)
    ap.add_argument("--full", action="store_true", help="run the naive prototype on all 12,240")
    args = ap.parse_args()
    every = 1 if args.full else args.every
    markets = list(CORPUS.instances(3))
    sample = markets[::every]
    t0 = time.process_time()
    ok_naive = all(naive_theorem_6(mk.u, mk.q) for mk in sample)
    t_naive = time.process_time() - t0
    _reset()
    t0 = time.process_time()
    ok_fast_sample = all(fast_theorem_6(mk) for mk in sample)
    t_fast_sample = time.process_time() - t0
    _reset()
    t0 = time.process_time()
    ok_fast = all(fast_theorem_6(mk) for mk in markets)
    t_fast = time.process_time() - t0
    print(f"Theorem 6, corpus (n=4, m=2, u<=3, 4 q): {len(markets)} markets; "
          f"sample every {every}: {len(sample)}")
    print(f"naive Fraction prototype on sample : {t_naive:8.2f} s CPU  (holds: {ok_naive})")
    print(f"fast (fmpq, memoised) on sample    : {t_fast_sample:8.2f} s CPU  (holds: {ok_fast_sample})")
    print(f"fast on the whole corpus           : {t_fast:8.2f} s CPU  (holds: {ok_fast})")
    print(f"speed-up on the same sample        : {t_naive / t_fast_sample:8.1f} x")
    print(f"naive extrapolated to the corpus   : {t_naive * len(markets) / len(sample):8.1f} s "
          f"-> ratio {t_naive * len(markets) / len(sample) / t_fast:.1f} x")


def anatomy_ratio(every: int = 10) -> None:
    """The exact integer-array anatomy (proofs.sef.anatomy) against the plain fmpq reference
    (proofs.sef.efficiency.ReferenceAnalysis) on the same markets: IS, SEF, PO and CS sets of
    every K-th market with an SEF of n = 4 agents and m = 3 pools (SEF_CORPUS size 3)."""
    from proofs.sef.anatomy import Analysis
    from proofs.sef.domains import SEF_CORPUS
    from proofs.sef.efficiency import ReferenceAnalysis
    sample = list(itertools.islice(SEF_CORPUS.instances(3), 0, None, every))
    times = {}
    for name, cls in (("reference (fmpq loops)", ReferenceAnalysis),
                      ("anatomy (integer arrays)", Analysis)):
        t0 = time.process_time()
        sets = [(a.IS, a.SEF, a.PO, a.CS) for a in map(cls, sample)]
        times[name] = (time.process_time() - t0, sets)
    (t_ref, s_ref), (t_new, s_new) = times.values()
    print(f"anatomy, SEF markets n=4 m=3, {len(sample)} markets: reference {t_ref:.2f} s, "
          f"integer arrays {t_new:.2f} s CPU, ratio {t_ref / t_new:.1f} x, "
          f"same sets: {s_ref == s_new}")


def shared_steps_ratio(every: int = 2) -> None:
    """The labelled Tickets search (outcomes and F1/F2/bound invariants, as ``sef/theorem-1``)
    with steps shared across markets against per-market memoisation only, on every K-th market
    of CORPUS size 3 (n = 4, m = 2); same markets, same process."""
    from proofs.sef import tickets
    sample = list(itertools.islice(CORPUS.instances(3), 0, None, every))
    times = {}
    for name, share in (("per market", False), ("shared across markets", True)):
        tickets._SHARED.clear()
        t0 = time.process_time()
        res = []
        for mk in sample:
            t = tickets.Tickets(mk)
            if not share:
                t._rowkeys = None
            res.append((t.all_leaves(), t.invariants()))
        times[name] = (time.process_time() - t0, res)
    (t_one, r_one), (t_shared, r_shared) = times.values()
    print(f"Tickets (theorem-1 search), n=4 m=2, {len(sample)} markets: per market "
          f"{t_one:.2f} s, shared steps {t_shared:.2f} s CPU, ratio {t_one / t_shared:.2f} x, "
          f"same outcomes and invariants: {r_one == r_shared}")


if __name__ == "__main__":
    main()
    anatomy_ratio()
    shared_steps_ratio()
