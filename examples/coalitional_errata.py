"""The errata of "Robust Coalitional Implementation" (minimal witnesses), recomputed exactly.

Usage::

    .venv/bin/python examples/coalitional_errata.py [--format text|markdown|latex|json]
"""

import argparse

from proofs.coalitional.examples import errata_report


def main() -> None:
    ap = argparse.ArgumentParser(description="errata, recomputed exactly")
    ap.add_argument("--format", default="text", choices=["text", "markdown", "latex", "json"])
    opts = ap.parse_args()
    print(errata_report().render(opts.format))


if __name__ == "__main__":
    main()
