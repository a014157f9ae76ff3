"""The command line as a user meets it: exit codes, JSON lines, one-line errors, replay."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USER = os.path.join(ROOT, "tests", "data", "user_claims.py")


def run(*args, cwd=None, timeout=300):
    p = subprocess.run([sys.executable, "-m", "exact.cli", *args], capture_output=True,
                       text=True, cwd=cwd, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def test_false_user_claim_is_refuted_with_exit_1_and_replays(tmp_path):
    code, out, err = run("check", f"{USER}::sum_below_five", "--json", "--out", str(tmp_path),
                         "--journal", str(tmp_path / "j.sqlite"), cwd=tmp_path)
    assert code == 1, err
    line = json.loads(out.strip().splitlines()[-1])
    assert line["verdict"] == "refuted" and line["counterexample"]["instance"] == [2, 3]
    for key in ("claim", "verdict", "instances", "seconds", "domain"):
        assert key in line
    record = line["record"]
    code, out, err = run("replay", record, "--claims", USER)
    assert code == 0 and "OK" in out, err
    # editing one number of the saved counterexample makes replay fail
    data = json.load(open(record))
    data["counterexample"]["instance"] = [2, 2]
    json.dump(data, open(tmp_path / "tampered.json", "w"))
    code, out, err = run("replay", str(tmp_path / "tampered.json"), "--claims", USER)
    assert code == 1 and "replay FAILED" in err and "Traceback" not in err
    data = json.load(open(record))
    data["counterexample"]["violation"]["total"] = 6
    json.dump(data, open(tmp_path / "tampered2.json", "w"))
    code, out, err = run("replay", str(tmp_path / "tampered2.json"), "--claims", USER)
    assert code == 1 and "violation differs" in err


def test_true_user_claim_verified_exit_0_and_record_replays(tmp_path):
    code, out, err = run("check", f"{USER}::sum_symmetric", "--json", "--out", str(tmp_path),
                         "--journal", "", cwd=tmp_path)
    assert code == 0, err
    line = json.loads(out)
    assert line["verdict"] == "verified" and line["instances"] == line["total"] == 55
    code, out, err = run("replay", line["record"], "--claims", USER, "--full")
    assert code == 0 and "re-walked" in out, err
    data = json.load(open(line["record"]))
    data["instances"] = 54
    json.dump(data, open(tmp_path / "short.json", "w"))
    code, out, err = run("replay", str(tmp_path / "short.json"), "--claims", USER)
    assert code == 1 and "not a full check" in err


def test_budget_gives_exit_2(tmp_path):
    code, out, err = run("check", f"{USER}::slow_true", "--budget", "0.2", "--json",
                         "--out", "", "--journal", "", cwd=tmp_path)
    assert code == 2, err
    assert json.loads(out)["verdict"] == "inconclusive"


@pytest.mark.parametrize("args, message", [
    (["check", "no/such-claim"], "no registered claim"),
    (["check"], "give claim ids"),
    (["check", "x", "--size", "abc"], "--size"),
    (["check", f"{USER}::sum_symmetric", "--jobs", "0"], "--jobs"),
    (["check", "missing_file.py::x"], "no such claim file"),
    (["check", f"{USER}::nope"], "no claim named 'nope'"),
    (["replay", "/nonexistent.json"], "no such file"),
    (["example", "no/such-example"], "unknown example"),
    (["example", "--format", "pdf", "x"], "--format"),
    (["search", f"{USER}::sum_symmetric", "--budget", "-1"], "--budget"),
    (["frobnicate"], "No such command"),
])
def test_bad_usage_is_one_line_exit_3(args, message, tmp_path):
    code, out, err = run(*args, cwd=tmp_path)
    assert code == 3
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("content, message", [
    ("{not json", "malformed JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"format": "exact-record/1", "claim": "x", "verdict": "refuted", "n": 0.5}', "non-exact"),
    ('{"format": "other"}', "format"),
    ("[" * 100000, "nested too deeply"),
    ('{"format": "exact-record/1", "claim": "no/such", "verdict": "refuted"}', "unknown claim"),
])
def test_malformed_records_are_one_line_exit_3(content, message, tmp_path):
    p = tmp_path / "r.json"
    p.write_text(content)
    code, out, err = run("replay", str(p))
    assert code == 3 and message in err and "Traceback" not in err, err


def test_search_cli_saves_a_replayable_record(tmp_path):
    code, out, err = run("search", f"{USER}::sum_below_five", "--budget", "20", "--seed", "3",
                         "--size", "8", "--json", "--out", str(tmp_path),
                         "--database", str(tmp_path / "db"), cwd=tmp_path)
    assert code == 1, err
    d = json.loads(out)
    assert d["verdict"] == "refuted" and sum(d["counterexample"]["instance"]) == 5
    code, out, err = run("replay", d["record"], "--claims", USER)
    assert code == 0, err


def test_sigkill_then_resume_gives_identical_result(tmp_path):
    """A run killed with SIGKILL mid-way and resumed reaches the uninterrupted verdict."""
    args = ["check", f"{USER}::slow_true", "--json", "--shard-size", "100", "--out", "",
            "--journal", str(tmp_path / "j.sqlite")]
    p = subprocess.Popen([sys.executable, "-m", "exact.cli", *args], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    import sqlite3

    def finished() -> int:
        try:
            db = sqlite3.connect(tmp_path / "j.sqlite", timeout=5)
            return db.execute("SELECT count(*) FROM shards").fetchone()[0]
        except sqlite3.Error:
            return 0
    deadline = time.monotonic() + 120
    while finished() < 2 and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert 0 < finished() < 24, "the kill should land mid-run"
    code, out, err = run(*args, "--resume", cwd=tmp_path)
    code2, out2, err2 = run("check", f"{USER}::slow_true", "--json", "--out", "", "--journal", "",
                            cwd=tmp_path)
    a, b = json.loads(out), json.loads(out2)
    assert code == code2 == 0
    for key in ("verdict", "instances", "total", "sizes"):
        assert a[key] == b[key]


def test_replay_a_directory_of_records(tmp_path):
    out_dir = tmp_path / "rec"
    run("check", f"{USER}::sum_below_five", "--out", str(out_dir), "--journal", "", cwd=tmp_path)
    run("check", f"{USER}::sum_symmetric", "--out", str(out_dir), "--journal", "", cwd=tmp_path)
    code, out, err = run("replay", str(out_dir), "--claims", USER, cwd=tmp_path)
    assert code == 0 and "2 records re-verified, 0 failed" in out, err
    rec = next(out_dir.glob("*below*.json"))
    data = json.loads(rec.read_text())
    data["counterexample"]["instance"] = [3, 2]
    rec.write_text(json.dumps(data))
    code, out, err = run("replay", str(out_dir), "--claims", USER, cwd=tmp_path)
    assert code == 1 and "1 records re-verified, 1 failed" in out


def test_user_file_that_fails_to_import_is_a_one_line_error(tmp_path):
    (tmp_path / "broken.py").write_text("from nowhere import nothing\n")
    code, out, err = run("check", "broken.py::x", cwd=tmp_path)
    assert code == 3 and "cannot import: ModuleNotFoundError" in err and "Traceback" not in err
