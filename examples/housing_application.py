"""Section 4 of Caspari (2023) on a synthetic instance: ``python examples/housing_application.py [text|markdown|latex] [pairs]``."""

import sys

from proofs.housing.examples import application_report

if __name__ == "__main__":
    fmt = sys.argv[1] if len(sys.argv) > 1 else "text"
    pairs = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    print(application_report(pairs=pairs).render(fmt))
