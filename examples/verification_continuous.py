"""The optimal merit-with-guarantee rule for any (n, m, k) and F(t) = t^a, recomputed exactly.

Usage::

    .venv/bin/python examples/verification_continuous.py [N M K] [--a A]
                                                        [--format text|markdown|latex|json]
    .venv/bin/python examples/verification_continuous.py --tables   # the note's three tables

Prints Lemma 7's case for every phi (exact intervals), the end phi-hat of the case-2.b window,
phi* (the exact maximiser of V), the payoff n U(phi*), the cut-offs, V((m-k)/n), V(m/n) and
the first best; with ``--tables`` the note's 8-row continuous table, the appendix's table 4.2
and the discretisation table, each beside the note's printed values. Bad input (k >= m, a
non-positive power, floats) is refused with the field named.
"""

import argparse
import sys

from exact.errors import InputError
from proofs.verification.examples import (appendix_4_2, continuous_examples, continuous_model,
                                          discretisation)


def main() -> None:
    ap = argparse.ArgumentParser(description="The continuous model, exactly")
    ap.add_argument("nmk", nargs="*", type=int, help="n m k (default 3 2 1: Example 1)")
    ap.add_argument("--a", default="1", help="F(t) = t^a, a rational (default 1: uniform)")
    ap.add_argument("--tables", action="store_true", help="the note's tables instead")
    ap.add_argument("--format", default="text", choices=["text", "markdown", "latex", "json"])
    opts = ap.parse_args()
    if opts.tables:
        for rep in (continuous_examples(), appendix_4_2(), discretisation()):
            print(rep.render(opts.format))
        return
    if len(opts.nmk) not in (0, 3):
        sys.exit("error: give n m k, or nothing for Example 1")
    n, m, k = opts.nmk or (3, 2, 1)
    try:
        rep = continuous_model(n, m, k, opts.a)
    except InputError as exc:
        sys.exit(f"error: {exc}")
    print(rep.render(opts.format))


if __name__ == "__main__":
    main()
