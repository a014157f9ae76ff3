"""Check a congestion game with player-specific payoffs (Milchtaich; paper Section 7) exactly:
its Nash equilibria (7.1), SEF profiles (7.2), strong Nash equilibria (Definition 10) and the
outcomes of the Tickets algorithm and of Tickets-TTC over every order, branch and tie-break.

Usage: python examples/sef_games.py game.json   (``{"payoffs": [[[U_i1(1..n)], ...], ...]}``,
payoffs nonincreasing in the count; ints or "p/q" strings)
       python examples/sef_games.py              (the first game of SEF_GAMES size 2 with an
                                                   SEF and three or more Nash equilibria)
"""

import json
import sys

from exact.errors import InputError
from proofs.sef.anatomy import Analysis
from proofs.sef.congestion import SEF_GAMES, parse_game, to_table
from proofs.sef.tickets import Tickets
from proofs.sef.ttc import ttc_all_outcomes


def _profile(s) -> str:
    return "(" + ",".join(f"C{j + 1}" for j in s) + ")"


def main(argv) -> int:
    if len(argv) > 1:
        try:
            with open(argv[1]) as fh:
                game = parse_game(json.load(fh))
        except (InputError, ValueError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 3
    else:
        game = next(g for g in SEF_GAMES.instances(2) if len(Analysis(g).IS) >= 3)
        print("payoffs U_ij(1..n):", json.dumps(to_table(game)))
    a = Analysis(game)
    leaves = sorted(Tickets(game).all_leaves())
    ttc = sorted({y for x in leaves for y in ttc_all_outcomes(game, x)})
    print("Nash equilibria:       ", ", ".join(map(_profile, a.IS)))
    print("SEF profiles:          ", ", ".join(map(_profile, a.SEF)) or "none")
    print("strong NE:             ", ", ".join(map(_profile, a.CS)))
    print("Tickets outcomes:      ", ", ".join(map(_profile, leaves)))
    print("Tickets-TTC outcomes:  ", ", ".join(map(_profile, ttc)))
    print("Theorem 8 (outcomes are NE):", all(x in a.IS for x in leaves))
    print("Theorem 9 (Tickets-TTC outcomes are SNE):", all(y in a.CS for y in ttc))
    if a.SEF:
        print("Theorems 10/11 (Tickets reaches the SEF, the unique SNE):",
              leaves == a.SEF[:1] and a.CS == a.SEF[:1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
