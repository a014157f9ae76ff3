"""Example 1 of Erlanson & Kleiner (n=3, m=2, k=1, uniform types), recomputed exactly.

Usage::

    .venv/bin/python examples/verification_example_1.py [--format text|markdown|latex|json]
                                                        [--plot FILE]

``--plot`` draws the three capacity functions, their lower envelope and gamma_1..gamma_3 at phi*.
"""

import argparse

from proofs.verification.examples import example_1


def main() -> None:
    ap = argparse.ArgumentParser(description="Example 1, recomputed exactly")
    ap.add_argument("--format", default="text", choices=["text", "markdown", "latex", "json"])
    ap.add_argument("--plot", metavar="FILE", help="save the capacity-function figure")
    opts = ap.parse_args()
    report = example_1()
    print(report.render(opts.format))
    if opts.plot:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(6, 4))
        report.plot(ax)
        fig.tight_layout()
        fig.savefig(opts.plot)


if __name__ == "__main__":
    main()
