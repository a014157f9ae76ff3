"""Item 3: a truncated, corrupted or edited journal is detected, never silently trusted.

Each case damages a copy of a finished (or half-finished) journal and resumes from it. The only
acceptable outcomes: one ``exact: ... journal ...`` line with exit code 3, or a result identical to
an uninterrupted run (SQLite may drop a damaged page of free space or an unsynced WAL frame: then
the lost shards are simply checked again).
"""

import json
import os
import random
import shutil
import sqlite3

import pytest

from exact.claims import get_claim
from exact.engine import check
from exact.journal import Journal

from .helpers import USER, cli, count, one_line_error, examples

KEYS = ("verdict", "instances", "total", "coverage", "sizes", "counterexample")


def _argv(name, journal, out):
    return ["check", f"{USER}::{name}", "--json", "--shard-size", "1", "--journal", str(journal),
            "--out", str(out), "--no-progress"]


@pytest.fixture(scope="module")
def journals(tmp_path_factory):
    """For each claim: the reference output and a journal of a finished run with 1-instance shards."""
    base = tmp_path_factory.mktemp("journals")
    out = {}
    for name in ("sum_symmetric", "sum_below_five"):
        j = base / f"{name}.sqlite"
        code, text, err = cli(*_argv(name, j, base / "out"))
        assert code in (0, 1), err
        assert not os.path.exists(str(j) + "-wal") or os.path.getsize(str(j) + "-wal") == 0
        out[name] = (json.loads(text), j)
    return out


def _resume(name, journal, tmp_path):
    return cli(*_argv(name, journal, tmp_path / "out"), "--resume")


def _acceptable(code, text, err, reference) -> str:
    if code == 3:
        assert one_line_error(code, err) and "journal" in err, err
        return "detected"
    assert "Traceback" not in err and "internal error" not in err, err
    got = json.loads(text)
    for k in KEYS:
        assert got.get(k) == reference.get(k), (k, got.get(k), reference.get(k))
    return "recomputed"


@pytest.mark.parametrize("name", ["sum_symmetric", "sum_below_five"])
@pytest.mark.parametrize("fraction", [0.0, 0.001, 0.1, 0.5, 0.9, 0.999])
def test_truncated_journal(name, fraction, journals, tmp_path):
    reference, good = journals[name]
    bad = tmp_path / "j.sqlite"
    data = good.read_bytes()
    bad.write_bytes(data[:int(len(data) * fraction)])
    count("corrupted journals: detected or recomputed")
    _acceptable(*_resume(name, bad, tmp_path), reference)


def _classify(code, text, err, reference) -> str:
    """'detected' (one line, exit 3), 'recomputed' (identical result), 'internal: <error>'
    (caught, but as an internal error with exit 1), or 'WRONG' (a different result trusted)."""
    if code == 3 and one_line_error(code, err) and "journal" in err:
        return "detected"
    if "internal error" in err:
        return "internal: " + err.split("internal error: ", 1)[1].split(":", 1)[0]
    try:
        got = json.loads(text)
    except ValueError:
        return f"WRONG: exit {code}, {err.strip()}"
    if all(got.get(k) == reference.get(k) for k in KEYS):
        return "recomputed"
    return "WRONG: " + json.dumps({k: got.get(k) for k in KEYS})


FLIP_CASES = examples(40)


@pytest.fixture(scope="module")
def flip_outcomes(journals, tmp_path_factory):
    """Resume from FLIP_CASES copies of the journals with 1..8 random bytes flipped."""
    rng = random.Random(20261125)
    outcomes = []
    for case in range(FLIP_CASES):
        name = ("sum_symmetric", "sum_below_five")[case % 2]
        reference, good = journals[name]
        d = tmp_path_factory.mktemp("flip")
        bad = d / "j.sqlite"
        data = bytearray(good.read_bytes())
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
        bad.write_bytes(bytes(data))
        count("corrupted journals: detected or recomputed")
        outcomes.append(_classify(*_resume(name, bad, d), reference))
        count(f"journal byte-flip cases: {outcomes[-1].split(':')[0]}")
    return outcomes


def test_random_byte_flips_are_never_silently_trusted(flip_outcomes):
    """The safety property: a damaged journal never changes the verdict or counterexample."""
    wrong = [o for o in flip_outcomes if o.startswith("WRONG")]
    assert not wrong, wrong
    assert len(flip_outcomes) == FLIP_CASES


def test_random_byte_flips_give_a_clear_journal_error(flip_outcomes):
    internal = sorted({o for o in flip_outcomes if o.startswith("internal")})
    assert not internal, internal


def test_edited_shard_body_is_detected(journals, tmp_path):
    """Turning a failing shard into a passing one by hand breaks its digest: exit 3."""
    reference, good = journals["sum_below_five"]
    bad = tmp_path / "j.sqlite"
    shutil.copy(good, bad)
    db = sqlite3.connect(bad)
    (n,) = db.execute("SELECT count(*) FROM shards WHERE body LIKE '%failure%'").fetchone()
    assert n == 1
    db.execute("UPDATE shards SET body = replace(body, '\"failure\"', '\"ignored\"') "
               "WHERE body LIKE '%failure%'")
    db.commit()
    db.close()
    count("corrupted journals: detected or recomputed")
    code, text, err = _resume("sum_below_five", bad, tmp_path)
    assert one_line_error(code, err) and "digest mismatch" in err, err


def test_deleted_shard_is_recomputed(journals, tmp_path):
    reference, good = journals["sum_symmetric"]
    bad = tmp_path / "j.sqlite"
    shutil.copy(good, bad)
    db = sqlite3.connect(bad)
    db.execute("DELETE FROM shards WHERE start IN (0, 7)")
    db.commit()
    db.close()
    count("corrupted journals: detected or recomputed")
    assert _acceptable(*_resume("sum_symmetric", bad, tmp_path), reference) == "recomputed"


def test_not_a_database(tmp_path):
    for blob in (b"hello", b"SQLite format 3\x00" + b"\xff" * 200, b"\x00" * 4096):
        p = tmp_path / "j.sqlite"
        p.write_bytes(blob)
        count("corrupted journals: detected or recomputed")
        code, text, err = cli(*_argv("sum_symmetric", p, tmp_path / "out"), "--resume")
        assert one_line_error(code, err) and "journal" in err, (blob[:20], err)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_damaged_wal_of_a_killed_run(damage, tmp_path):
    """A run stopped without closing its journal leaves shards in the WAL; damage it."""
    c = get_claim(f"{USER}::sum_symmetric")
    live = tmp_path / "live.sqlite"
    j = Journal(str(live))
    reference = check(c, shard_size=1, journal=j, witnesses=None).to_json()
    wal = str(live) + "-wal"
    assert os.path.getsize(wal) > 0
    bad = tmp_path / "j.sqlite"
    shutil.copy(live, bad)
    data = bytearray(open(wal, "rb").read())
    if damage == "truncate":
        data = data[:len(data) // 2]
    elif damage == "flip":
        for i in range(64, len(data), 997):
            data[i] ^= 0x5A
    else:
        data = bytearray(os.urandom(len(data)))
    open(str(bad) + "-wal", "wb").write(bytes(data))
    j.close()
    count("corrupted journals: detected or recomputed")
    _acceptable(*_resume("sum_symmetric", bad, tmp_path), reference)
