"""Shared helpers of the reliability tests: the CLI in-process and as a real process, counters.

The counters (:data:`FIGURES`) collect the figures that ``docs/reliability.md`` reports (inputs
fuzzed, kills survived, tamper cases rejected, ...); ``conftest.py`` prints them at the end of a
run and, when ``EXACT_RELIABILITY_FIGURES`` names a directory, writes them there as JSON.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import io
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
USER = os.path.join(ROOT, "tests", "data", "user_claims.py")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

#: figure name -> count, filled by the tests of this package
FIGURES: collections.Counter = collections.Counter()

#: multiplies every fuzz test's number of examples (``EXACT_FUZZ_SCALE=10`` for a long run)
SCALE = float(os.environ.get("EXACT_FUZZ_SCALE", "1"))


def examples(n: int) -> int:
    """The number of hypothesis examples of a fuzz test: ``n`` times :data:`SCALE`."""
    return max(1, int(n * SCALE))


def count(name: str, n: int = 1) -> None:
    """Add ``n`` to the figure ``name``."""
    FIGURES[name] += n


def cli(*args: str) -> tuple[int, str, str]:
    """Run ``exact`` in this process; return (exit code, stdout, stderr).

    Any exception escaping :func:`exact.cli.main` propagates: that is a traceback a user would see.
    """
    from exact.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def cli_process(*args: str, cwd=None, timeout: float = 120) -> tuple[int, str, str]:
    """Run ``python -m exact.cli`` as a real process; return (exit code, stdout, stderr)."""
    p = subprocess.run([sys.executable, "-m", "exact.cli", *args], capture_output=True,
                       text=True, cwd=cwd, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def one_line_error(code: int, err: str) -> bool:
    """Exit code 3, a single stderr line starting ``exact:``, no traceback."""
    lines = err.strip().splitlines()
    return (code == 3 and len(lines) == 1 and lines[0].startswith("exact:")
            and "Traceback" not in err)


_FRACTION = re.compile(r"(-?\d+)/(\d+)")


def number_edits(data, path=()):
    """Every number in JSON ``data`` with single-number edits of it: ``(path, [new values])``.

    Ints move by one either way; "p/q" strings change numerator or denominator; integer strings
    move by one. Used by every tamper test (records, certificates, paper replays).
    """
    if isinstance(data, bool):
        return
    if isinstance(data, int):
        yield path, [data + 1, data - 1]
    elif isinstance(data, str):
        m = _FRACTION.fullmatch(data)
        if m:
            p, q = int(m.group(1)), int(m.group(2))
            yield path, [f"{p + 1}/{q}", f"{p}/{q + 1}"]
        elif re.fullmatch(r"-?\d+", data):
            yield path, [str(int(data) + 1)]
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from number_edits(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from number_edits(v, path + (i,))


def set_path(data, path, value):
    """A deep copy of ``data`` with the value at ``path`` replaced (``()``: ``value`` itself)."""
    if not path:
        return value
    data = copy.deepcopy(data)
    node = data
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return data


def replay(record: dict, **options):
    """:func:`exact.checker.replay` with the claim file of our own test claims named by us (the
    tests are the user), as ``exact replay --claims FILE`` does; built-in records need none."""
    from exact.checker import replay as _replay
    hint = record.get("claim_file")
    if isinstance(hint, str) and hint.startswith(os.path.join(ROOT, "tests")) and \
            "claims" not in options:
        options["claims"] = hint
    return _replay(record, **options)
