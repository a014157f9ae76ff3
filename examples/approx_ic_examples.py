"""Worked examples of Basu's approximate-IC paper (and the note's tables), recomputed exactly.

Usage::

    .venv/bin/python examples/approx_ic_examples.py [NAME ...] [--format text|markdown|latex|json]
                                                    [--plot FILE]

NAME is one of base-instance, threshold, optimal-revenue, three-signals, single-object (default:
all). ``--plot`` saves the figure of ``base-instance``: the exact least epsilon against the number
of players, with the certified geometric bound and the thresholds at epsilon = 1/10.
"""

import argparse

from proofs.approx_ic import examples

EXAMPLES = {"base-instance": examples.base_instance, "threshold": examples.threshold,
            "optimal-revenue": examples.optimal_revenue, "three-signals": examples.three_signals,
            "single-object": examples.single_object}


def main() -> None:
    ap = argparse.ArgumentParser(description="approx_ic worked examples, recomputed exactly")
    ap.add_argument("names", nargs="*", choices=[[], *EXAMPLES], default=[],
                    metavar="NAME", help=", ".join(EXAMPLES))
    ap.add_argument("--format", default="text", choices=["text", "markdown", "latex", "json"])
    ap.add_argument("--plot", metavar="FILE", help="save the epsilon*(n) figure (base-instance)")
    opts = ap.parse_args()
    for name in opts.names or list(EXAMPLES):
        print(EXAMPLES[name]().render(opts.format))
    if opts.plot:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 4.5))
        examples.base_instance().plot(ax)
        fig.tight_layout()
        fig.savefig(opts.plot)


if __name__ == "__main__":
    main()
