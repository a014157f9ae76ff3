"""Bogomolnaia and Moulin's example, recomputed exactly: RSD versus probabilistic serial.

Run: ``python examples/classic_bogomolnaia_moulin.py [text|markdown|latex|json]``.
Prints the worked example ``classic/bogomolnaia-moulin`` (the same as
``exact example classic/bogomolnaia-moulin``), then checks the two random-assignment claims
exhaustively for n <= 4 agents.
"""

import sys

from exact import check
from proofs.classic.examples import bogomolnaia_moulin


def main(fmt: str = "text") -> int:
    print(bogomolnaia_moulin().render(fmt))
    if fmt == "json":
        return 0
    for cid in ("classic/ps-sd-envy-free", "classic/rsd-sd-efficient"):
        v = check(cid)
        line = f"{cid}: {v.label} ({v.instances} of {v.total} profiles up to relabelling)"
        if v.counterexample:
            line += f"; first counterexample (n = {v.counterexample['size']}): " \
                    f"{v.counterexample['instance']}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
