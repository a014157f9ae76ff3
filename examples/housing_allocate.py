"""Allocate with an MCSD from a JSON file: ``python examples/housing_allocate.py FILE.json``.

The file holds ``{"profile": [[[...], ...], ...], "orders": [[...], ...]}`` (or ``"fair": [g]``
for the alternating fair priorities). Bad input gets one line on stderr naming the field.
"""

import json
import sys

from exact.errors import ExactError
from proofs.housing.envy import envy_counts
from proofs.housing.mechanisms import allocate

if __name__ == "__main__":
    try:
        with open(sys.argv[1]) as fh:
            data = json.load(fh)
        if "fair" in data:
            A = allocate(data.get("profile"), data["fair"], fair=True)
        else:
            A = allocate(data.get("profile"), data.get("orders"))
    except (ExactError, OSError, ValueError, IndexError) as exc:
        print(f"housing_allocate: {exc}", file=sys.stderr)
        sys.exit(3)
    P = tuple(tuple(tuple(r) for r in Pi) for Pi in data["profile"])
    for i in range(len(P)):
        print(f"agent {i}: bundle {[A[k][i] for k in range(len(A))]}")
    print("envy counts:", envy_counts(P, A))
