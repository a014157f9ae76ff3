"""Benchmark (not a test): the signal-count reduction of ``approx_ic`` against full profiles.

For the note's invest instance (binary signals) and ``n`` players, time in one run

* ``counts``: ``epsilon*`` by signal counts (:func:`proofs.approx_ic.counts.epsilon_star`, a
  fresh table each time: ``O(n)`` count vectors);
* ``identity``: identity G on every one of the ``2^n`` profiles (:func:`proofs.approx_ic.gains.min_epsilon`);
* ``definition``: Definition 1's interim utilities from the joint law
  (:func:`proofs.approx_ic.gains.definition_epsilon`);

check that the three agree exactly, and print each time as a ratio to ``counts``. Target: the
count reduction is at least 20x faster than the definition from ``n = 8`` on. Usage::

    .venv/bin/python benchmarks/bench_approx_ic.py [--quick]
"""

from __future__ import annotations

import argparse
import time


def _timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    opts = ap.parse_args()
    from proofs.approx_ic import counts
    from proofs.approx_ic.families import BINARY, INVEST
    from proofs.approx_ic.gains import definition_epsilon, min_epsilon
    from proofs.approx_ic.mechanism import sigma_star

    st = BINARY.with_types([INVEST])
    print(f"{'n':>3} {'counts s':>10} {'identity/counts':>16} {'definition/counts':>18}  epsilon*")
    ok = True
    for n in ((4, 6) if opts.quick else (4, 6, 8)):
        counts._table.cache_clear()
        tc, ec = _timed(counts.epsilon_star, st, (n,))
        env = st.environment([n])
        ti, ei = _timed(min_epsilon, env)
        td, ed = _timed(lambda e: definition_epsilon(e, sigma_star(e)), env)
        if not ec == ei == ed:
            raise SystemExit(f"n = {n}: counts {ec}, identity {ei}, definition {ed} disagree")
        ok &= n < 8 or td / tc >= 20
        print(f"{n:>3} {tc:>10.4f} {ti / tc:>16.1f} {td / tc:>18.1f}  {ec}")
    print("target (definition/counts >= 20 from n = 8):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
