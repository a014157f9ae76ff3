"""Worked examples: recomputed values, the figure, and the runnable scripts."""

import os
import subprocess
import sys

import pytest

from exact.numbers import Q
from proofs.approx_ic import examples

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_base_instance_report():
    r = examples.base_instance()
    assert r.values["invest_epsilon"][:4] == [0, Q(1, 2), Q(2, 9), Q(19, 45)]
    assert r.values["match_welfare"][2] == Q(20, 9)
    assert (r.values["gain_H_to_L"], r.values["gain_L_to_H"]) == (Q(1, 2), Q(-9, 10))
    assert r.values["match_exact_odd"] == 51
    assert Q(88, 100) < r.values["ratio_invest_200"] < Q(8, 9)
    text = r.render("text")
    assert "244604/805545" in text and "1.514e-7" in text
    assert r.render("latex").count("\\frac") > 10


def test_sci_rounds_exactly():
    assert examples.sci(Q(1, 3)) == "3.333e-1"
    assert examples.sci(Q(99995, 10 ** 9)) == "1.000e-4"       # rounds up across a decade
    assert examples.sci(Q(123456)) == "1.235e5" and examples.sci(0) == "0"


@pytest.mark.slow
def test_threshold_report_has_the_note_numbers():
    r = examples.threshold()
    assert (r.values["exact_players_invest_tenth"], r.values["proof_players_invest_tenth"]) == \
        (23, 92)
    rows = {(row[0], row[1]): row for row in r.values["rows"]}
    assert rows[("invest", Q(1, 2))][2:5] == [1, 26, 53]
    # each decade of epsilon adds a bounded number of players (log growth), for both
    inv = [rows[("invest", Q(1, 10 ** j))] for j in (1, 2, 3)]
    assert {b[2] - a[2] for a, b in zip(inv, inv[1:])} <= set(range(30, 41))
    assert {b[4] - a[4] for a, b in zip(inv, inv[1:])} <= set(range(45, 56))


def test_optimal_revenue_report():
    r = examples.optimal_revenue()
    assert [row[3] for row in r.values["rows"]] == [Q(1, 2), Q(7, 9), Q(3, 2), Q(2)]
    assert [row[4] for row in r.values["rows"]] == [0, Q(1, 2), Q(2, 9), Q(7, 18)]
    assert all(row[1] == row[2] for row in r.values["rows"])           # R(n, 0) free = W*
    assert all(a == b for _, a, b in r.values["curve"])
    # note B4-T2: the note's lotteries come out; with its M = 10 the gains are -19/2 and -109/10
    assert r.values["cm_lotteries"] == ((Q(-4), Q(5)), (Q(5), Q(-4)))
    assert r.values["cm_gains"] == [[Q(1, 2), 0, Q(-7, 5), Q(11, 9)],
                                    [Q(10), Q(-19, 2), Q(-109, 10), Q(11, 9)]]


def test_three_signals_report():
    r = examples.three_signals()
    lp = {(row[0], row[1]): row for row in r.values["lp_rows"]}
    assert lp[(1, "invest")][2:4] == [Q(5, 12), Q(7, 12)]
    assert all(row[2] == row[3] for key, row in lp.items() if key[0] >= 2)
    assert all(row[4].startswith("fails") for row in lp.values())


def test_single_object_report():
    r = examples.single_object()
    assert r.values["tie"] == (Q(3, 5), Q(2, 5)) and r.values["state"] == 0
    assert r.values["players_tenth"] == 15
    unb = r.values["unbalanced"]
    assert all(b < a for a, b in zip(unb[1:], unb[2:]))                 # decreasing in n_1


@pytest.mark.slow
def test_the_cli_draws_the_figure(tmp_path):
    out = tmp_path / "eps.png"
    res = subprocess.run([sys.executable, "-m", "exact.cli", "example", "approx_ic/base-instance",
                          "--plot", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20000


def test_the_plot_hook_draws_exact_points():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    examples.base_instance().plot(ax)
    ys = ax.lines[0].get_ydata()
    assert len(ys) == 119 and abs(ys[0] - 0.5) < 1e-12                # invest n = 2..120
    assert ax.get_yscale() == "log"
    plt.close(fig)


def _script(*args):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": ROOT})


def test_threshold_script_and_its_bad_input():
    res = _script("examples/approx_ic_threshold.py", "--epsilon", "1/10")
    assert res.returncode == 0 and "at least 23 players" in res.stdout and "92 players" in res.stdout
    res = _script("examples/approx_ic_threshold.py", "--epsilon", "0.1.5")
    assert res.returncode == 3 and "--epsilon" in res.stderr and "Traceback" not in res.stderr
    res = _script("examples/approx_ic_threshold.py", "--accuracy", "1/2")
    assert res.returncode == 3 and "--accuracy" in res.stderr


@pytest.mark.slow
def test_examples_script_runs():
    res = _script("examples/approx_ic_examples.py", "single-object", "--format", "markdown")
    assert res.returncode == 0 and "| (n_1, n_2) |" in res.stdout
