"""commons/sharing of Flåm, "Golden Rule in Cooperative Commons", recomputed exactly.

Usage::

    .venv/bin/python examples/commons_sharing.py [--format text|markdown|latex|json]
"""

from proofs.commons.examples import render_main

if __name__ == "__main__":
    render_main("commons/sharing")
