"""Item 1: the command line, fuzzed. Every bad invocation is one ``exact:`` line and exit code 3.

The CLI runs in-process (:func:`helpers.cli`), so an exception escaping ``exact.cli.main`` fails the
test the way a traceback would meet a user; a sample also runs as real processes.
"""

import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import USER, cli, cli_process, count, one_line_error, examples

JUNK = st.one_of(st.text(max_size=12), st.sampled_from([
    "nan", "inf", "-inf", "1e999", "-1", "0", "1/0", "0.5", "", " ", "--", "-", "10" * 30,
    "tcp://", "tcp://256.0.0.1:99999", "::", "/", "\x00", "-5", "abc", "1_0", "٣"]))
OPTIONS = ["--size", "--budget", "--jobs", "--journal", "--out", "--shard-size", "--claims",
           "--format", "--plot", "--seed", "--database", "--scheduler"]
FLAGS = ["--json", "--resume", "--full", "--progress", "--no-progress", "--bogus",
         "-x", "--size=", "--jobs=abc", "--budget=-1"]
COMMANDS = ["check", "list", "search", "example", "replay", "frobnicate", "", "CHECK"]
BAD_IDS = st.one_of(st.text(st.sampled_from("abc/-_.:0123 "), min_size=1, max_size=14),
                    st.sampled_from(["no/such-claim", "sef/theorem-99", "../etc/passwd",
                                     "x.py", "x.py::y", f"{USER}::nope", "/", "classic/zz"]))


def _argv(draw_ids):
    opt = st.tuples(st.sampled_from(OPTIONS), JUNK).map(list)
    flag = st.sampled_from(FLAGS).map(lambda f: [f])
    return st.tuples(st.sampled_from(COMMANDS), st.lists(draw_ids, max_size=2),
                     st.lists(st.one_of(opt, flag), max_size=4)).map(
        lambda t: [t[0]] + list(t[1]) + [a for part in t[2] for a in part])


@pytest.fixture()
def in_tmp():
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as d:
        os.chdir(d)
        try:
            yield d
        finally:
            os.chdir(old)


@settings(max_examples=examples(600), deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(argv=_argv(BAD_IDS))
def test_bad_argv_never_tracebacks(in_tmp, argv):
    """No valid claim is named: the answer is help/a listing (exit 0) or one line with exit 3."""
    count("inputs fuzzed: CLI argv")
    if "--help" in argv:
        return
    code, out, err = cli(*argv)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    if code != 0:
        assert one_line_error(code, err), (argv, code, err)


SAFE_SIZE = st.one_of(st.integers(-3, 8).map(str), st.sampled_from(["x", "", "1.5", "nan"]))


@settings(max_examples=examples(250), deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(name=st.sampled_from(["sum_symmetric", "sum_below_five"]),
       size=SAFE_SIZE, jobs=st.one_of(st.integers(-2, 2).map(str), JUNK),
       shard=st.one_of(st.integers(-2, 30).map(str), JUNK),
       extra=st.lists(st.sampled_from(FLAGS[:2] + ["--no-progress"]), max_size=2))
def test_valid_claim_with_fuzzed_options(in_tmp, name, size, jobs, shard, extra):
    """A real claim with random option values: a verdict (exit 0/1) or one line with exit 3."""
    count("inputs fuzzed: CLI argv")
    if jobs not in ("1", "2"):
        jobs = jobs if not jobs.strip().lstrip("+").isdigit() else "1"  # keep the pool small
    argv = ["check", f"{USER}::{name}", "--size", size, "--jobs", jobs, "--shard-size", shard,
            "--out", "out", "--journal", "j.sqlite", *extra]
    code, out, err = cli(*argv)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    if code == 3:
        assert one_line_error(code, err), (argv, err)
        return
    # sum_below_five first fails at (2, 3), an instance of size 4; sizes below 1 mean size 1
    assert size.lstrip("-").isdigit() and int(size) >= 0, (argv, code, err)
    refuted = name == "sum_below_five" and int(size) >= 4
    assert code == (1 if refuted else 0), (argv, code, err)


@pytest.mark.parametrize("argv, message", [
    (["check", f"{USER}::sum_symmetric", "--size", "1000000000000"], "--size"),
    (["check", f"{USER}::sum_symmetric", "--size", "9" * 30], "--size"),
    (["check", f"{USER}::sum_symmetric", "--budget", "nan"], "--budget"),
    (["search", f"{USER}::sum_symmetric", "--budget", "nan"], "--budget"),
])
def test_absurd_sizes_and_nan_budgets_are_refused(argv, message, in_tmp):
    count("inputs fuzzed: CLI argv")
    journal = ["--journal", ""] if argv[0] == "check" else []  # search keeps no journal
    code, out, err = cli(*argv, "--out", "", *journal)
    assert one_line_error(code, err) and message in err, (code, err)


@pytest.mark.parametrize("argv", [
    ["check", "--size", "nan", "x"],
    ["check", f"{USER}::sum_symmetric", "--jobs", "-1"],
    ["replay", "/"],
    ["replay", "/dev/null"],
    ["search", f"{USER}::slow_true", "--budget", "1"],
    ["example", "no/such"],
    ["check", f"{USER}::sum_symmetric", "--scheduler", "nonsense"],
    ["list", "zz"],
])
def test_bad_usage_in_a_real_process(argv, tmp_path):
    count("inputs fuzzed: CLI argv (real processes)")
    code, out, err = cli_process(*argv, cwd=tmp_path)
    assert one_line_error(code, err), (argv, code, err)


@pytest.mark.parametrize("journal", ["/proc/forbidden/j.sqlite", "/dev/null/j.sqlite"])
def test_unusable_journal_path_is_one_line_exit_3(journal, in_tmp):
    count("inputs fuzzed: CLI argv")
    code, out, err = cli("check", f"{USER}::sum_symmetric", "--journal", journal, "--out", "")
    assert one_line_error(code, err) and "journal" in err, (code, err)
