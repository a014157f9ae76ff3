"""Check a user market (JSON file: {"utilities": [[...]], "capacities": [...]}) exactly:
IS / SEF allocations, the Tickets outcomes over every order and branch, and HZ at the SEF prices.

Usage: python examples/sef_check.py market.json
       python examples/sef_check.py              (the paper's Example 2)
"""

import json
import sys

from exact.errors import InputError
from proofs.sef.anatomy import analyse
from proofs.sef.hz import sef_prices, verify_equilibrium
from proofs.sef.model import induced_lottery, labels, parse_market
from proofs.sef.tickets import Tickets


def main(argv) -> int:
    if len(argv) > 2:
        print(__doc__.strip().splitlines()[-2].strip(), file=sys.stderr)
        return 2
    if len(argv) == 2:
        try:
            with open(argv[1]) as fh:
                market = parse_market(json.load(fh))
        except (InputError, ValueError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 3
    else:
        from proofs.sef.instances import EX2 as market
        print("market (Example 2):", json.dumps(market.to_json()))
    a = analyse(market)
    print("IS allocations:", ", ".join(labels(x) for x in a.IS))
    print("SEF allocation:", labels(a.sef) if a.sef else "none")
    print("Tickets outcomes (all orders, all branches):",
          ", ".join(labels(x) for x in sorted(Tickets(market).all_leaves())))
    if a.sef:
        h = sef_prices(market, a.sef)
        why = verify_equilibrium(market, induced_lottery(market, a.sef), h)
        print(f"HZ at h = {tuple(str(v) for v in h)}:", "equilibrium" if why is None else why)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
