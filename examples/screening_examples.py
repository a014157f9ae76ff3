"""Calagua's bidimensional screening paper: the worked examples, recomputed exactly.

Usage::

    .venv/bin/python examples/screening_examples.py [NAME ...] [--format text|markdown|latex|json]

NAME is one of section-4 (Lewis-Sappington optima, the n = 3 solution table), counts (Remark 1
and Appendix A's constraint counts), proposition-4 (IC violations of (4)), theorem-1 (the
counterexample) and appendix-a (closed forms, reference profits); default: all of them.
"""

import argparse

from proofs.screening import examples

NAMES = {"section-4": examples.section_4, "counts": examples.counts,
         "proposition-4": examples.proposition_4, "theorem-1": examples.theorem_1,
         "appendix-a": examples.appendix_a_profits}


def main() -> None:
    ap = argparse.ArgumentParser(description="the screening paper's worked examples, exactly")
    ap.add_argument("names", nargs="*", choices=[[]] + list(NAMES), default=[])
    ap.add_argument("--format", default="text", choices=["text", "markdown", "latex", "json"])
    opts = ap.parse_args()
    for name in opts.names or list(NAMES):
        print(NAMES[name]().render(opts.format))
        print()


if __name__ == "__main__":
    main()
