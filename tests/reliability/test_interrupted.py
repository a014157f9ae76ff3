"""Item 3: interrupted runs. A real ``exact check`` is SIGKILLed at random points and resumed.

After every kill the journal must be readable and intact (each shard's digest checks), no record
may claim ``verified`` unless the journal holds every shard, and the final result after the last
resume must equal an uninterrupted run's (verdict, counts, counterexample, witnesses).
"""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from exact.journal import Journal
from exact.records import load_record

from .helpers import DATA, cli_process, count, replay

SLOW = os.path.join(DATA, "slow_claims.py")
SHARD = 50
SHARDS = (600 + 1200 + 1800) // SHARD
#: the parts of a result that must not depend on the kill/resume history
STABLE = ("claim", "verdict", "instances", "total", "coverage", "sizes", "weighted",
          "counterexample", "witnesses", "expect", "known_erratum", "domain")


def _stable(record: dict) -> dict:
    return {k: record.get(k) for k in STABLE}


def _args(name, tmp, jobs=1):
    return ["check", f"{SLOW}::{name}", "--json", "--shard-size", str(SHARD), "--jobs", str(jobs),
            "--journal", str(tmp / "j.sqlite"), "--out", str(tmp / "out"), "--no-progress"]


def _shards_now(path) -> int:
    """Finished shards in the journal right now (0 if it does not exist yet or is locked)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
        try:
            return db.execute("SELECT count(*) FROM shards").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def _journal_state(path) -> tuple[int, list]:
    """(number of finished shards, list of run verdicts); raises if the journal is corrupted."""
    j = Journal(str(path))
    try:
        runs = j.db.execute("SELECT run, verdict FROM runs").fetchall()
        shards = sum(len(j.finished(run)) for run, _ in runs)
        return shards, [json.loads(v) for _, v in runs if v is not None]
    finally:
        j.close()


@pytest.mark.slow
@pytest.mark.parametrize("name, kills", [("slow_true", 12), ("slow_false_late", 12)])
def test_sigkill_at_random_points_then_resume(name, kills, tmp_path):
    reference_dir = tmp_path / "reference"
    reference_dir.mkdir()
    code_ref, out_ref, err_ref = cli_process(*_args(name, reference_dir), cwd=reference_dir)
    assert code_ref in (0, 1), err_ref
    reference = json.loads(out_ref)
    ref_record = load_record(reference["record"])

    work = tmp_path / "work"
    work.mkdir()
    rng = random.Random(f"{name}-20261125")
    landed_mid_run = 0
    for k in range(kills):
        argv = [sys.executable, "-m", "exact.cli", *_args(name, work, jobs=1 + (k % 3 == 2)),
                "--resume"]
        before = _shards_now(work / "j.sqlite")
        p = subprocess.Popen(argv, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
        if k % 4 == 3:      # a kill at a random moment of the start-up (imports, journal)
            time.sleep(rng.uniform(0.0, 0.8))
        else:               # a kill at a random moment once shards are being committed
            deadline = time.monotonic() + 60
            while (p.poll() is None and time.monotonic() < deadline and
                   _shards_now(work / "j.sqlite") <= before):
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.8))
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        count("SIGKILLs of a real exact check")
        shards, verdicts = _journal_state(work / "j.sqlite")   # intact after every kill
        landed_mid_run += 0 < shards < SHARDS
        record = work / "out" / os.path.basename(reference["record"])
        for v in verdicts:
            assert v["verdict"] != "verified" or shards == SHARDS, (k, shards, v)
        if record.exists():  # only written when a run finished: it must be the full answer
            rec = load_record(str(record))
            assert _stable(rec) == _stable(ref_record), k
            replay(rec)
    assert landed_mid_run >= kills // 3, "too few kills landed while shards were being checked"
    count("SIGKILLs that landed mid-run (some shards done, some not)", landed_mid_run)

    code, out, err = cli_process(*_args(name, work), "--resume", cwd=work)
    assert code == code_ref, err
    final = json.loads(out)
    for key in ("verdict", "instances", "total", "coverage", "sizes", "counterexample"):
        assert final.get(key) == reference.get(key), key
    assert _stable(load_record(final["record"])) == _stable(ref_record)
    assert replay(load_record(final["record"])).verdict == reference["verdict"]
    count("kills survived with identical results", kills)


def test_one_kill_then_resume_quick(tmp_path):
    """The default (fast) suite's version: one kill mid-run at size 1, resume, compare."""
    name = "slow_true"
    args = _args(name, tmp_path) + ["--size", "1"]
    p = subprocess.Popen([sys.executable, "-m", "exact.cli", *args], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    shards = 0
    while time.monotonic() < deadline and shards < 2 and p.poll() is None:
        time.sleep(0.05)
        try:
            shards = sqlite3.connect(tmp_path / "j.sqlite").execute(
                "SELECT count(*) FROM shards").fetchone()[0]
        except sqlite3.Error:
            shards = 0
    os.killpg(p.pid, signal.SIGKILL)
    p.communicate()
    count("SIGKILLs of a real exact check")
    assert 0 < _journal_state(tmp_path / "j.sqlite")[0] < 600 // SHARD
    assert not (tmp_path / "out").exists() or not os.listdir(tmp_path / "out")
    code, out, err = cli_process(*args, "--resume", cwd=tmp_path)
    assert code == 0, err
    got = json.loads(out)
    assert got["verdict"] == "verified" and got["instances"] == got["total"] == 600
    assert replay(load_record(got["record"])).checked == 2 * 600   # every witness, re-walked


class _ReverseOrder:
    """An executor that runs the submitted shards last-first (as a busy cluster may finish them)."""

    def __init__(self):
        self.tasks = {}

    def submit(self, fn, arg):
        import concurrent.futures as cf
        f = cf.Future()
        self.tasks[f] = (fn, arg)
        return f

    def as_completed(self, futures, timeout=None):
        for f in reversed(list(futures)):
            if not f.cancelled():
                fn, arg = self.tasks[f]
                f.set_result(fn(arg))
                yield f

    def close(self):
        pass


def test_weighted_count_does_not_depend_on_shard_order():
    from exact.claims import get_claim
    from exact.engine import check

    from .helpers import USER
    c = get_claim(f"{USER}::sum_below_five")
    serial = check(c).to_json()
    reverse = check(c, executor=_ReverseOrder(), shard_size=2).to_json()
    assert (reverse["instances"], reverse["counterexample"]) == (serial["instances"],
                                                                 serial["counterexample"])
    assert reverse["weighted"] == serial["weighted"]
