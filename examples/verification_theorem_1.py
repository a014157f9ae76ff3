"""Theorem 1 on a finite type space of your choice: certified optimum = best MWG value.

Usage::

    .venv/bin/python examples/verification_theorem_1.py N M K --values 1 2 3 \\
        --probabilities 1/3 1/3 1/3 [--plot FILE]

Prints W(phi) at every breakpoint, the optimal guarantee(s), the MWG interim rule, and the exact
optimum of the LP over all symmetric BIC ex-post mechanisms with how it was certified. Bad input
(k >= m, m >= n, probabilities not summing to 1, floats) is refused with the field named.
``--plot`` draws W(phi) with its breakpoints.
"""

import argparse
import sys

from exact.errors import InputError
from proofs.verification.mwg import W, breakpoints, first_best, interim_A, interim_P, optimal_phis
from proofs.verification.optimum import certify
from proofs.verification.typespace import instance


def main() -> None:
    ap = argparse.ArgumentParser(description="Theorem 1 on a finite type space")
    ap.add_argument("n", type=int)
    ap.add_argument("m", type=int)
    ap.add_argument("k", type=int)
    ap.add_argument("--values", nargs="+", required=True)
    ap.add_argument("--probabilities", nargs="+", required=True)
    ap.add_argument("--plot", metavar="FILE")
    opts = ap.parse_args()
    try:
        inst = instance(opts.n, opts.m, opts.k, opts.values, opts.probabilities)
    except InputError as exc:
        sys.exit(f"error: {exc}")
    print("phi          W(phi)")
    for p in breakpoints(inst):
        print(f"{str(p):12s} {W(inst, p)}")
    opt = optimal_phis(inst)
    ph = max(opt)
    print(f"optimal phi (breakpoints): {', '.join(map(str, opt))}")
    print(f"P = {', '.join(map(str, interim_P(inst, ph)))}")
    print(f"A = {', '.join(map(str, interim_A(inst, ph)))}")
    cert = certify(inst)
    print(f"OPT = {cert.value} (certified: witness by {cert.witness_method}, closed-form dual, "
          f"exact check); first best = {first_best(inst)}")
    if opts.plot:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from proofs.verification.plots import draw_W
        fig, ax = plt.subplots(figsize=(6, 4))
        draw_W(ax, inst, title=f"W(phi), n={inst.n}, m={inst.m}, k={inst.k}")
        fig.tight_layout()
        fig.savefig(opts.plot)


if __name__ == "__main__":
    main()
