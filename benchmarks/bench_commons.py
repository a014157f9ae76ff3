"""Benchmark (not a test): the commons claims, and the exact decider against sympy's simplify.

Two measurements, one process, one core:

1. ``exact check commons`` at default sizes, claim by claim (target: the whole paper in ~30 s).
2. The identities of ``commons/golden-rule``, ``commons/proposition-5`` and
   ``commons/equation-14-corrected`` for S = 1, 2, 3 species, decided by
   :func:`proofs.commons.jets.decide` (jet variables, python-flint polynomials) against the
   baseline ``sympy.simplify(lhs - rhs) == 0`` on the same expressions, measured in the same run
   (simplify is a heuristic and never decides anything in ``exact``; it is only the yardstick).

Usage: ``python benchmarks/bench_commons.py [--no-claims]``.
"""

from __future__ import annotations

import argparse
import time

import sympy


def bench_claims() -> float:
    from exact import check
    from exact.claims import select_claims
    total = 0.0
    for c in select_claims(["commons"]):
        t = time.perf_counter()
        v = check(c.id, jobs=1)
        dt = time.perf_counter() - t
        total += dt
        print(f"  {c.id:40s} {v.label:24s} {dt:6.2f} s")
    print(f"exact check commons: {total:.2f} s (target ~30 s)")
    return total


def bench_decider() -> None:
    from proofs.commons import firstorder
    from proofs.commons.jets import decide, jet_form
    for S in (1, 2, 3):
        items = (firstorder.golden_rule_identities(S) + firstorder.proposition_5_identities(S)
                 + firstorder.equation_14_identities(S))
        t = time.perf_counter()
        ok = all(decide(n, a, b)["holds"] for n, a, b in items)
        fast = time.perf_counter() - t
        t = time.perf_counter()
        base = all(sympy.simplify(jet_form(a) - jet_form(b)) == 0 for _, a, b in items)
        slow = time.perf_counter() - t
        print(f"S = {S}: {len(items)} identities; prove_identity {fast:.3f} s (all proved: {ok}), "
              f"simplify {slow:.3f} s (all zero: {base}); ratio {slow / fast:.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-claims", action="store_true", help="skip the claim timings")
    opts = ap.parse_args()
    if not opts.no_claims:
        bench_claims()
    bench_decider()


if __name__ == "__main__":
    main()
