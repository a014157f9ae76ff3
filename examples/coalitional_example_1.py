"""Example 1 of Guo and Yannelis, "Robust Coalitional Implementation", recomputed exactly.

Usage::

    .venv/bin/python examples/coalitional_example_1.py [--format text|markdown|latex|json]
"""

import argparse

from proofs.coalitional.examples import example_1_report


def main() -> None:
    ap = argparse.ArgumentParser(description="example 1, recomputed exactly")
    ap.add_argument("--format", default="text", choices=["text", "markdown", "latex", "json"])
    opts = ap.parse_args()
    print(example_1_report().render(opts.format))


if __name__ == "__main__":
    main()
