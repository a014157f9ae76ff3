"""Example 1 of Caspari (2023), recomputed: run ``python examples/housing_example_1.py [text|markdown|latex]``."""

import sys

from proofs.housing.examples import example_1_report

if __name__ == "__main__":
    print(example_1_report().render(sys.argv[1] if len(sys.argv) > 1 else "text"))
