"""The command line as people expect it (issue #20): selection, -k, -x, --lf, sizes, help,
version, examples of a paper, Ctrl-C, a summary that fits 100 columns, a short search."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from exact.claims import select_claims
from exact.errors import InputError, UnknownClaim
from exact.select import keyword_filter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USER = os.path.join(ROOT, "tests", "data", "user_claims.py")


def run(*args, cwd=None, timeout=300):
    p = subprocess.run([sys.executable, "-m", "exact.cli", *args], capture_output=True,
                       text=True, cwd=cwd, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def ids(*selectors, keyword=None):
    return [c.id for c in select_claims(list(selectors) or None, keyword)]


# --- selection ---------------------------------------------------------------------------------

def test_an_id_selects_itself_only():
    assert ids("sef/theorem-1") == ["sef/theorem-1"]
    assert ids("housing/theorem-1") == ["housing/theorem-1"]


def test_a_paper_key_selects_its_paper():
    got = ids("classic")
    assert got and all(i.startswith("classic/") for i in got)
    assert ids("classic/") == got


def test_patterns_are_explicit():
    got = ids("sef/theorem-1*")
    assert "sef/theorem-1" in got and "sef/theorem-10" in got
    assert all(i.startswith("sef/theorem-1") for i in got)
    assert ids("classic/ttc-*") == ["classic/ttc-core", "classic/ttc-pareto",
                                    "classic/ttc-strategy-proof"]


@pytest.mark.parametrize("typo, hint", [("sef/theorm-1", "sef/theorem-1"),
                                        ("sef/theorem", "sef/theorem-*"),
                                        ("classik", "classic")])
def test_a_mistyped_selector_gets_did_you_mean(typo, hint):
    with pytest.raises(UnknownClaim, match="did you mean") as info:
        select_claims([typo])
    assert hint in str(info.value)


def test_keyword_expressions():
    assert ids("classic", keyword="ttc and not core") == ["classic/ttc-pareto",
                                                          "classic/ttc-strategy-proof"]
    assert ids("classic", keyword="(sd or ps) and envy") == ["classic/ps-sd-envy-free",
                                                             "classic/sd-envy-free"]
    pred = keyword_filter("not (a or b) and c")
    assert pred("xc") and not pred("ac") and not pred("x")
    for bad in ("", "a and", "(a", "a )", "and a", "a b"):
        with pytest.raises(InputError, match="^-k"):
            keyword_filter(bad)


def test_keyword_that_matches_nothing_is_an_error():
    with pytest.raises(UnknownClaim, match="-k"):
        select_claims(["classic"], "no-such-word")


# --- the commands ------------------------------------------------------------------------------

def test_help_version_and_a_bare_exact():
    code, out, err = run()
    assert code == 0 and out.count("Usage: exact") == 1 and "check" in out
    code, out, err = run("-h")
    assert code == 0 and "Usage: exact" in out
    code, out, err = run("check", "-h")
    assert code == 0 and "--all " in out and "<bool>" not in out and "-k EXPR" in out
    code, out, err = run("--version")
    assert code == 0 and out.startswith("exact ") and out.split()[1][0].isdigit()


@pytest.mark.parametrize("args, message", [
    (["check", "classic/ttc-core", "--size", "0"], "has sizes 1-4; got 0"),
    (["check", "classic/ttc-core", "--size", "9"], "has sizes 1-4; got 9"),
    (["check", "classic", "--size", "0"], "the selected claims have sizes 1-4; got 0"),
    (["check", "classic", "-k", "a and"], "-k"),
    (["check", "sef/theorem"], "did you mean sef/theorem-*?"),
])
def test_bad_sizes_and_selectors_are_refused_before_anything_runs(tmp_path, args, message):
    code, out, err = run(*args, "--out", str(tmp_path / "res"), cwd=tmp_path)
    assert code == 3 and message in err and "Traceback" not in err, err
    assert not (tmp_path / "res").exists()          # nothing was overwritten


def test_exitfirst_and_last_failed(tmp_path):
    common = ("--out", str(tmp_path / "res"), "--journal", str(tmp_path / "j.sqlite"),
              "--no-progress")
    code, out, err = run("check", f"{USER}::sum_below_five", f"{USER}::sum_symmetric", "-x",
                         *common, cwd=tmp_path)
    assert code == 1 and "stopped at the first failure (-x); 1 claims not checked" in err
    assert "user/sum-symmetric" not in out                  # never checked
    remembered = json.load(open(tmp_path / "lastfailed.json"))
    assert remembered == ["user/sum-below-five"]
    code, out, err = run("check", f"{USER}::sum_below_five", f"{USER}::sum_symmetric",
                         "--lf", "--json", *common, cwd=tmp_path)
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 1 and [d["claim"] for d in lines] == ["user/sum-below-five"]
    # once it passes (here: the true claim alone), nothing is left to re-check
    code, out, err = run("check", f"{USER}::sum_symmetric", "--lf", *common, cwd=tmp_path)
    assert code == 0 and "no claim failed last time" in out


def test_summary_fits_100_columns_and_shows_the_counterexample(tmp_path):
    code, out, err = run("check", "classic/sd-envy-free", "classic/rsd-sd-efficient",
                         "--out", str(tmp_path), "--journal", "", cwd=tmp_path)
    assert code == 0, err
    assert max(len(line) for line in out.splitlines()) <= 100
    row = next(line for line in out.splitlines() if "sd-envy-free" in line
               and "rsd" not in line)
    assert "erratum" in row and "[[0,1],[0,1]]" in row
    cut = next(line for line in out.splitlines() if "rsd-sd-efficient" in line)
    assert "[[0,1,2,3]" in cut
    # off a terminal: one log line per claim on stderr
    assert [line.split(":")[0] for line in err.strip().splitlines()] == [
        "classic/rsd-sd-efficient", "classic/sd-envy-free"]


def test_quiet_prints_only_what_needs_attention(tmp_path):
    code, out, err = run("check", f"{USER}::sum_symmetric", f"{USER}::sum_below_five", "-q",
                         "--out", "", "--journal", "", cwd=tmp_path)
    assert code == 1 and err == ""
    assert "sum-below-five" in out and "sum-symmetric" not in out


def test_list_shows_default_and_opt_in_sizes():
    code, out, err = run("list", "classic/ttc-core", "classic/ps-sd-envy-free")
    assert code == 0 and "opt-in" in out and "ttc-core" in out
    code, out, err = run("list", "sef/theorem-6", "--json")
    d = json.loads(out)
    assert d["default_sizes"] and "opt_in_sizes" in d


def test_example_of_a_paper_prints_each_of_its_examples():
    code, out, err = run("example", "classic")
    assert code == 0, err
    from exact.report import all_examples
    names = [k for k in all_examples() if k.startswith("classic/")]
    assert names and all(f"=== {k} (" in out for k in names)
    code, out, err = run("example")
    assert code == 0 and "exact example NAME" in out


def test_search_prints_a_short_summary_and_the_record(tmp_path):
    code, out, err = run("search", f"{USER}::sum_below_five", "--budget", "20", "--seed", "1",
                         "--out", str(tmp_path), "--database", str(tmp_path / "db"), cwd=tmp_path)
    assert code == 1, err
    lines = out.strip().splitlines()
    assert len(lines) <= 4 and lines[0].startswith("user/sum-below-five: refuted")
    assert any(line.startswith("counterexample (size") for line in lines)
    assert "saved to" in lines[-1] and "exact replay" in lines[-1]


def test_ctrl_c_prints_one_line_and_exits_130(tmp_path):
    """A real SIGINT in the middle of a check, on one and on two workers."""
    for jobs in ("1", "2"):
        p = subprocess.Popen(
            [sys.executable, "-m", "exact.cli", "check", f"{USER}::slow_true", "--jobs", jobs,
             "--shard-size", "50", "--journal", str(tmp_path / f"j{jobs}.sqlite"),
             "--out", str(tmp_path / "res"), "--no-progress"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 120
        journal = tmp_path / f"j{jobs}.sqlite"
        while not journal.exists() and time.monotonic() < deadline:   # the check has started
            time.sleep(0.2)
        time.sleep(1.5)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)
        assert p.returncode == 130, (jobs, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err, err
        assert lines[0].startswith("exact: interrupted in user/slow-true after ")
        assert lines[0].endswith("of 2,400 instances; continue with --resume")
        # the run continues where it stopped and reaches the verdict
        code, out, err = run("check", f"{USER}::slow_true", "--jobs", jobs, "--shard-size", "50",
                             "--journal", str(journal), "--out", str(tmp_path / "res"),
                             "--resume", "--json", cwd=tmp_path)
        assert code == 0 and json.loads(out)["verdict"] == "verified", err


def test_example_latex_fragment_or_standalone_document():
    code, frag, err = run("example", "classic/bogomolnaia-moulin", "--format", "latex")
    assert code == 0 and "\\documentclass" not in frag and "\\begin{tabular}" in frag
    code, doc, err = run("example", "classic/bogomolnaia-moulin", "--format", "latex",
                         "--standalone")
    assert code == 0 and doc.startswith("\\documentclass{article}")
    assert doc.rstrip().endswith("\\end{document}")


def test_no_color_means_no_escape_codes(tmp_path):
    env = dict(os.environ, FORCE_COLOR="1")      # colour forced on, as on a terminal
    args = [sys.executable, "-m", "exact.cli", "check", "classic/sd-envy-free", "--journal", "",
            "--out", str(tmp_path)]
    coloured = subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path)
    plain = subprocess.run(args + ["--no-color"], capture_output=True, text=True, env=env,
                           cwd=tmp_path)
    assert "\x1b[" in coloured.stdout and "\x1b[" not in plain.stdout + plain.stderr
