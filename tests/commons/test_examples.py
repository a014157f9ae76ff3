"""The commons worked examples render in every format and recompute the note's numbers."""

import json
import sys
from pathlib import Path

import pytest

from exact.numbers import Q
from exact.report import FORMATS, get_example

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["commons/example-1", "commons/sharing", "commons/golden-rule", "commons/lq-path",
         "commons/errata"]


@pytest.fixture(scope="module")
def reports():
    return {n: get_example(n)() for n in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_renders_in_every_format(reports, name):
    for fmt in FORMATS:
        text = reports[name].render(fmt)
        assert text.strip()
        if fmt == "json":
            assert json.loads(text)["title"] == reports[name].title


def test_example_1_values(reports):
    v = reports["commons/example-1"].values
    assert (v["pi(4,6)"], v["pi(2,6)"]) == (Q(48, 5), 6)
    assert v["kappa"] == [Q(18, 5), Q(6, 5), Q(24, 5)] and v["core_ok"]


def test_sharing_values(reports):
    v = reports["commons/sharing"].values
    assert (v["E3_price"], v["E3_split"], v["E3_value"]) == (Q(68, 75), [Q(7, 75), Q(11, 75)],
                                                             Q(913, 3750))
    assert v["E3_kappa"] == [Q(1273, 11250), Q(733, 5625)]
    assert (v["E3b_price"], v["E3b_value"]) == (Q(3, 4), Q(7, 32))
    # note E4: pi_J = q^2 on [0, 1] and 1 + (q - 1)^2 on [1, 2] (here at the grid points);
    # at q_J = 1 both inclusions of Prop. 2 give {1} = (-inf, 1] n [1, inf)
    assert v["E4_pi_J"][:3] == (0, 1, 2)
    at_one = [row for row in v["E4_rows"] if row[0] == 1]
    assert [row[2:] for row in at_one] == [["{1}", "[1, inf)", "(-inf, 1]", "{1}"],
                                           ["{1}", "(-inf, 1]", "[1, inf)", "{1}"]]
    assert all(row[2] == row[5] for row in v["E4_rows"])


def test_golden_rule_values(reports):
    v = reports["commons/golden-rule"].values
    assert v["families"]["linear-quadratic"] == Q(9, 5)
    assert v["E11_residual"] == ["0", "0"]


def test_lq_path_values(reports):
    v = reports["commons/lq-path"].values
    assert (v["trace"], v["det"]) == (Q(19, 6), Q(4, 3))
    assert v["eigenvalues"] == ["1/2", "8/3"]


def test_errata_values(reports):
    v = reports["commons/errata"].values
    assert v["fixed_points_16"] == [("-1/2", "7/4")]
    assert v["proposition_6"]["lambda*"] == Q(6, 5)


@pytest.mark.parametrize("script", sorted((ROOT / "examples").glob("commons_*.py")),
                         ids=lambda p: p.name)
def test_scripts_run(script, monkeypatch, capsys):
    import runpy
    monkeypatch.setattr(sys, "argv", [str(script), "--format", "markdown"])
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out.startswith("## ")
