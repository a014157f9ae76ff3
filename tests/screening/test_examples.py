"""The worked examples and the example scripts run and show recomputed values."""

import subprocess
import sys
from pathlib import Path

import pytest

from exact.numbers import Q
from proofs.screening import examples

ROOT = Path(__file__).resolve().parents[2]


def test_theorem_1_example():
    assert examples.theorem_1().values["ic_slack"] == -1


def test_appendix_a_reference_profits():
    r = examples.appendix_a_profits()
    assert r.values["lmr_profit"] == "-2*log(2)/27 - 1/90 + 2*log(5)/27"
    assert abs(r.values["basov_profit"] - 0.1096423) < 2e-5
    assert abs(r.values["araujo_profit"] - 0.006433) < 2e-5
    assert abs(r.values["araujo_r_low"] - 0.5878949794) < 1e-8
    assert "3.6 times" in r.render("text")


@pytest.mark.slow
def test_scripts_run_and_refuse_bad_input():
    out = subprocess.run([sys.executable, "examples/screening_lewis_sappington.py", "--n", "3"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "OPT = 5467/1280" in out.stdout
    bad = subprocess.run([sys.executable, "examples/screening_lewis_sappington.py", "--n", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 3 and "at least 2 points" in bad.stderr
    assert "Traceback" not in bad.stderr
    ex = subprocess.run([sys.executable, "examples/screening_examples.py", "counts", "theorem-1"],
                        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert ex.returncode == 0 and "67970" in ex.stdout and "1610350" in ex.stdout
    assert str(Q(-1)) in ex.stdout
