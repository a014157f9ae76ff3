"""Golden-rule steady states: the note's families, or a model you type in.

Usage::

    .venv/bin/python examples/commons_golden_rule.py [--format text|markdown|latex|json]
    .venv/bin/python examples/commons_golden_rule.py --growth "r*x*(1 - x/K)" \
        --payoff "q - q^2/(2*x)" --rho 1/4 --param r=1 --param K=1 [--box 0 1]

Without ``--growth`` it prints the report ``commons/golden-rule`` (families E6-E12). With it,
the growth ``g(x)`` and payoff ``pi(x, q)`` are read by the safe parser
(``exact.parse.parse_expression``: only ``x``, ``q``, the ``--param`` names and ``sqrt``,
``exp``, ``log``; literal exponents up to 64), and every steady state of (18) in the box with
``lambda > 0`` is printed exactly. Bad input: one line on stderr, exit code 3.
"""

import argparse
import json
import sys

from exact.errors import InputError
from proofs.commons.examples import render_main
from proofs.commons.user import solve


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="golden-rule steady states, exactly")
    ap.add_argument("--format", default="text", choices=["text", "markdown", "latex", "json"])
    ap.add_argument("--growth", help="net growth g(x), e.g. 'x*(1 - x)'")
    ap.add_argument("--payoff", default="log(q)", help="payoff pi(x, q) (default log(q))")
    ap.add_argument("--rho", default="1/5", help="interest rate, an exact rational")
    ap.add_argument("--box", nargs=2, default=("0", "1"), metavar=("LO", "HI"))
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    opts = ap.parse_args(argv)
    if opts.growth is None:
        render_main("commons/golden-rule", ["--format", opts.format])
        return 0
    try:
        params = {}
        for item in opts.param:
            name, sep, value = item.partition("=")
            if not sep:
                raise InputError("--param", f"expected NAME=VALUE, got {item!r}")
            params[name.strip()] = value.strip()
        res = solve(opts.growth, opts.payoff, opts.rho, opts.box, params)
    except InputError as exc:
        print(f"commons_golden_rule: {exc}", file=sys.stderr)
        return 3
    print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
