"""How many players make Basu's mechanism (sigma*, q*) epsilon-BIC, for your own epsilon.

Usage::

    .venv/bin/python examples/approx_ic_threshold.py [--epsilon 1/10] [--types invest|match]
                                                     [--accuracy 2/3] [--tie first|last]

Binary states and signals, pi_0 = (1/2, 1/2), nu(H | 1) = nu(L | 0) = accuracy. Prints the exact
least number of players (exact epsilon* below the certified geometric bound, the bound beyond) and
the proof's n0 + 1 from equation (4). Numbers are exact rationals ("1/10", "0.05"); a float-like
or malformed value is refused with the field named.
"""

import argparse
import sys

from exact.errors import InputError
from exact.numbers import parse_q
from proofs.approx_ic.families import INVEST, MATCH, binary_symmetric
from proofs.approx_ic.proof import proof_threshold
from proofs.approx_ic.thresholds import ic_threshold


def main() -> int:
    ap = argparse.ArgumentParser(description="players needed for epsilon-BIC, exactly")
    ap.add_argument("--epsilon", default="1/10")
    ap.add_argument("--types", default="invest", choices=["invest", "match"])
    ap.add_argument("--accuracy", default="2/3")
    ap.add_argument("--tie", default="first", choices=["first", "last"])
    opts = ap.parse_args()
    try:
        eps = parse_q(opts.epsilon, "--epsilon")
        if not 0 < eps < 1:
            raise InputError("--epsilon", f"must lie in (0, 1), got {eps}")
        acc = parse_q(opts.accuracy, "--accuracy")
        if not (0 < acc < 1 and acc * 2 != 1):
            raise InputError("--accuracy", f"must lie in (0, 1) and differ from 1/2, got {acc}")
        st = binary_symmetric(acc).with_types([INVEST if opts.types == "invest" else MATCH],
                                              opts.tie)
    except InputError as exc:
        print(f"approx_ic_threshold: {exc}", file=sys.stderr)
        return 3
    exact = ic_threshold(st, eps)
    proof = proof_threshold(st, eps)
    print(f"epsilon = {eps}, {opts.types} types, accuracy {acc}, tie rule {opts.tie}")
    print(f"exact: every environment with at least {exact.players} players is epsilon-BIC "
          f"(exact below {exact.n1}, certified bound beyond)")
    print(f"proof: (4) holds for every n >= {proof.n0} others, i.e. {proof.players} players "
          f"(e = {proof.e}, delta = {proof.delta})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
