"""Print the reliability figures at the end of a run (and save them when asked)."""

import json
import os

from .helpers import FIGURES


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name in sorted(FIGURES):
        terminalreporter.write_line(f"{name}: {FIGURES[name]}")


def pytest_sessionfinish(session):
    target = os.environ.get("EXACT_RELIABILITY_FIGURES")
    if target and FIGURES:
        os.makedirs(target, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(os.path.join(target, f"figures-{worker}-{os.getpid()}.json"), "w") as f:
            json.dump(dict(FIGURES), f, indent=1, sort_keys=True)
