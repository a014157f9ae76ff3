"""Solve the Lewis-Sappington problem of Section 4 exactly on an n x n grid.

Usage::

    .venv/bin/python examples/screening_lewis_sappington.py [--n 5] [--c0 1] [--alpha 5] [--K 2]
                                                             [--set full|ls-nw|ls-nw+local]

Prints the certified optimum (an exact fraction), the largest IC violation over all
n^4 - n^2 pairs, and the price table. Parameters are exact rationals ("3/2", "0.25"); a float
spelling that is not exact, a grid size below 2 or a non-positive parameter is refused.
"""

import argparse
import sys

from exact.errors import InputError
from proofs.screening.model import lewis_sappington
from proofs.screening.problem import min_ic_slack
from proofs.screening.solve import full_optimum, solve


def main() -> int:
    ap = argparse.ArgumentParser(description="Lewis-Sappington (Section 4), exact")
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--c0", default="1")
    ap.add_argument("--alpha", default="5")
    ap.add_argument("--K", default="2")
    ap.add_argument("--set", default="full", choices=["full", "ls-nw", "ls-nw+local"])
    opts = ap.parse_args()
    try:
        model = lewis_sappington(opts.n, c0=opts.c0, alpha=opts.alpha, K=opts.K)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    sol = full_optimum(model)[0] if opts.set == "full" else solve(model, opts.set)
    slack, I, K, rows = min_ic_slack(model, sol.q, sol.V)
    print(f"n = {model.n}, set {opts.set}: OPT = {sol.value} = {float(sol.value):.10f}")
    print(f"largest IC violation over {rows} pairs: {max(-slack, 0)}"
          + (f" ({model.coords(I)} mimics {model.coords(K)})" if slack < 0 else ""))
    n = model.n
    for j in reversed(range(n)):
        print(f"b = {model.coords(j)[1]}:  " + "  ".join(str(sol.q[i * n + j]) for i in range(n)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
