"""Search remembers (issue 20): a failure found by `exact search` is replayed first next time.

`exact.engine.search(..., database=DIR)` hands hypothesis's example database to `find`; the CLI
passes `.exact/hypothesis` (under the working directory) by default. These tests count the
claim's calls: the second search's very first call must be the failure the first one found.
A seeded search remembers too (exact's own memory: hypothesis turns its database off under a
seed), and each claim has its own key, so searching another claim loses nothing.
"""

import os
import subprocess
import sys
import textwrap

import pytest

from exact import claim, fails, holds
from exact.domains import Graded
from exact.engine import search

BOUND = 1000


def _ints(size):
    from hypothesis import strategies as st
    return st.integers(0, 10 ** 6)


INTS = Graded("integers drawn by hypothesis", sizes=(1,), generate=lambda n: iter(range(n)),
              count=lambda n: n, decode=int, size_of=lambda x: 1, strategy=_ints)


def _counting_claims():
    """Two claims over INTS: one false from BOUND on (calls logged), one true."""
    calls = []

    @claim("memory/below-bound", domain=INTS, register=False, statement=f"n < {BOUND}.")
    def below(n):
        calls.append(n)
        return holds() if n < BOUND else fails(n=n)

    @claim("memory/true", domain=INTS, register=False, statement="n >= 0.")
    def nonnegative(n):
        return holds() if n >= 0 else fails(n=n)

    return below, nonnegative, calls


def _first_failing_call(calls):
    return next(i for i, n in enumerate(calls) if n >= BOUND)


def test_second_search_replays_the_failure_first(tmp_path):
    below, _, calls = _counting_claims()
    db = str(tmp_path / "db")
    v = search(below, sizes=[1], budget=20, database=db)
    assert v.kind == "refuted" and v.counterexample["instance"] == BOUND   # shrunk to the bound
    assert _first_failing_call(calls) > 0        # the first search had to look for it
    assert os.listdir(db)
    calls.clear()
    v = search(below, sizes=[1], budget=20, database=db)
    assert v.kind == "refuted" and calls[0] == BOUND   # replayed first: the very first call


def test_without_a_database_nothing_is_replayed(tmp_path):
    below, _, calls = _counting_claims()
    for _ in range(2):
        calls.clear()
        v = search(below, sizes=[1], budget=20, database=None)
        assert v.kind == "refuted" and _first_failing_call(calls) > 0


CLAIM_FILE = '''
import pathlib
from exact import claim, fails, holds
from exact.domains import Graded

LOG = pathlib.Path(__file__).with_suffix(".log")

def _ints(size):
    from hypothesis import strategies as st
    return st.integers(0, 10 ** 6)

INTS = Graded("integers", sizes=(1,), generate=lambda n: iter(range(n)), count=lambda n: n,
              decode=int, size_of=lambda x: 1, strategy=_ints)

@claim("memory/cli-below-bound", domain=INTS, statement="n < 1000.")
def below(n):
    with LOG.open("a") as f:
        f.write(f"{n}\\n")
    return holds() if n < 1000 else fails(n=n)
'''


def _cli_search(cwd, spec, *extra):
    p = subprocess.run([sys.executable, "-m", "exact.cli", "search", spec, "--budget", "20",
                        "--json", *extra], capture_output=True, text=True, cwd=cwd, timeout=300)
    return p.returncode, p.stdout, p.stderr


def test_cli_search_keeps_its_database_under_dot_exact_and_replays_first(tmp_path):
    path = tmp_path / "my_claims.py"
    path.write_text(textwrap.dedent(CLAIM_FILE))
    log = tmp_path / "my_claims.log"
    code, out, err = _cli_search(tmp_path, f"{path}::below")
    assert code == 1, err
    first = [int(x) for x in log.read_text().split()]
    assert first[0] < BOUND and BOUND in first
    assert (tmp_path / ".exact" / "hypothesis").is_dir()
    log.unlink()
    code, out, err = _cli_search(tmp_path, f"{path}::below")
    assert code == 1, err
    assert int(log.read_text().split()[0]) == BOUND


def test_seeded_search_replays_the_failure_first(tmp_path):
    below, _, calls = _counting_claims()
    db = str(tmp_path / "db")
    search(below, sizes=[1], budget=20, seed=1, database=db)
    calls.clear()
    v = search(below, sizes=[1], budget=20, seed=2, database=db)
    assert v.kind == "refuted" and calls[0] == BOUND


def test_memory_survives_a_search_of_another_claim(tmp_path):
    below, nonnegative, calls = _counting_claims()
    db = str(tmp_path / "db")
    search(below, sizes=[1], budget=20, database=db)
    assert search(nonnegative, sizes=[1], budget=1, database=db).kind == "inconclusive"
    calls.clear()
    v = search(below, sizes=[1], budget=20, database=db)
    assert v.kind == "refuted" and calls[0] == BOUND


def test_a_damaged_or_stale_memory_is_ignored(tmp_path):
    """The memory is a cache: garbage in it, or an instance that no longer fails, changes
    nothing but the order of the search."""
    import glob
    below, _, calls = _counting_claims()
    db = str(tmp_path / "db")
    search(below, sizes=[1], budget=20, seed=1, database=db)
    (memo,) = glob.glob(os.path.join(db, "exact-failures", "*.json"))
    for junk in ("{not json", '{"instance": "x"}', '{"instance": 3}'):   # 3 holds: stale
        open(memo, "w").write(junk)
        calls.clear()
        v = search(below, sizes=[1], budget=20, seed=3, database=db)
        assert v.kind == "refuted" and v.counterexample["instance"] == BOUND
