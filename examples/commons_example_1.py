"""commons/example-1 of Flåm, "Golden Rule in Cooperative Commons", recomputed exactly.

Usage::

    .venv/bin/python examples/commons_example_1.py [--format text|markdown|latex|json]
"""

from proofs.commons.examples import render_main

if __name__ == "__main__":
    render_main("commons/example-1")
