"""A user's growth and payoff are read by the safe parser only; bad text is refused clearly."""

import subprocess
import sys
from pathlib import Path

import pytest

from exact import InputError
from proofs.commons.user import check_state, read_model, solve

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("growth, payoff, field, message", [
    ("x*(1 - y)", "q", "growth", "unknown name 'y'"),
    ("q*(1 - x)", "q", "growth", "unknown name 'q'"),
    ("x*(1 - x)", "sin(q)", "payoff", "unknown function 'sin'"),
    ("x*(1 - x)", "__import__('os').system('true')", "payoff", "unknown function '__import__'"),
    ("x*(1 - x)", "max(q, 1)", "payoff", "unknown function 'max'"),
    ("x^(99999)", "q", "growth", "exceeds 64"),
    ("((x^64)^64)^64", "q", "growth", "power too large"),
    ("x*(1 - x)", "q**2**3", "payoff", "chained powers"),
    ("x*(1 - x)", "q*1e5", "payoff", "malformed number"),
    ("x*(1 - x)", "q.real", "payoff", "'.' is only allowed inside a number"),
    ("x*(1 - x)", "", "payoff", "empty expression"),
])
def test_bad_text_is_refused_naming_the_field(growth, payoff, field, message):
    with pytest.raises(InputError) as exc:
        solve(growth, payoff, rho="1/5")
    assert exc.value.field == field and message in exc.value.problem


@pytest.mark.parametrize("params, field", [({"x": "1"}, "params['x']"),
                                           ({"log": "1"}, "params['log']"),
                                           ({"r": "0.1e2"}, "params[r]"),
                                           ({"r": "1/0"}, "params[r]")])
def test_bad_parameters(params, field):
    with pytest.raises(InputError) as exc:
        read_model("r*x*(1 - x)", "q", params)
    assert exc.value.field == field


def test_bad_rho_and_box():
    with pytest.raises(InputError, match="rho"):
        solve("x*(1 - x)", "log(q)", rho="0")
    with pytest.raises(InputError, match="box"):
        solve("x*(1 - x)", "log(q)", rho="1/5", box=("1", "0"))
    with pytest.raises(InputError, match="rational function"):
        solve("x*exp(-x)", "log(q)", rho="1/5")


def test_user_model_reproduces_e8_and_e6():
    res = solve("r*x*(1 - x/K)", "p*q - c*q^2/(2*x)", rho="1/4",
                params={"r": "1", "K": "1", "p": "1", "c": "1"})
    assert res["steady states"] == [{"x": "1/2", "q": "1/4", "lambda": "1/2"}]
    res = solve("x*(1 - x)", "q - q^2/(2*x)", rho="0.5")
    (st,) = res["steady states"]
    assert st["x"]["minpoly"] == "3*x^2 + x + (-1)" and st["x"]["digits"].startswith("0.434258")
    assert check_state("x - x^2", "log(q)", "1/5", "2/5")["steady state"] is True
    assert check_state("x - x^2", "log(q)", "1/5", "1/2")["steady state"] is False


def test_script_exits_3_with_one_line_on_bad_input():
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "commons_golden_rule.py"),
                          "--growth", "x^(10^10)"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 3 and "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and "growth: position" in run.stderr


def test_script_solves_a_typed_model():
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "commons_golden_rule.py"),
                          "--growth", "x*(1 - x)", "--payoff", "log(q)", "--rho", "1/5"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and '"x": "2/5"' in run.stdout
