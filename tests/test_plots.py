"""exact.plots: envy graphs, TTC cycles, exact curves; the classic example's --plot figure."""

from __future__ import annotations

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.image import imread  # noqa: E402

from exact.mechanisms.ttc import ttc_cycles  # noqa: E402
from exact.numbers import Q  # noqa: E402
from exact.plots import (draw_envy_graph, draw_exact_curve, draw_ttc_rounds,  # noqa: E402
                         save_figure)

RED = (0xd6 / 255, 0x27 / 255, 0x28 / 255)      # matplotlib's tab:red, the first highlight


def red_pixels(path) -> int:
    img = imread(str(path))[:, :, :3]
    return int(((abs(img - RED) < 0.06).all(axis=2)).sum())


def test_envy_graph_cycles_are_highlighted(tmp_path):
    out = {}
    for name, envy in (("cyclic", [[0, 1, 0], [0, 0, Q(1, 2)], [2, 0, 0]]),
                       ("acyclic", [[0, 1, 1], [0, 0, 1], [0, 0, 0]])):
        path = tmp_path / f"{name}.png"
        save_figure(lambda ax: out.__setitem__(name, draw_envy_graph(ax, envy)), str(path))
        out[name + "_red"] = red_pixels(path)
    assert out["cyclic"] == [[0, 1, 2]] and out["cyclic_red"] > 200
    assert out["acyclic"] == [] and out["acyclic_red"] == 0


def test_ttc_rounds_match_the_mechanism(tmp_path):
    prefs = [(1, 0, 2, 3), (2, 0, 1, 3), (0, 1, 2, 3), (0, 2, 3, 1)]
    got = {}
    path = save_figure(lambda ax: got.setdefault("r", draw_ttc_rounds(ax, prefs)),
                       str(tmp_path / "ttc.png"))
    assert got["r"] == ttc_cycles(prefs) == [[[0, 1, 2]], [[3]]]
    assert red_pixels(path) > 200


def test_exact_curve(tmp_path):
    pts = [(Q(k, 4), Q(k * k, 16)) for k in range(5)]
    path = save_figure(lambda ax: draw_exact_curve(ax, pts, marks=[Q(1, 2)], xlabel="phi"),
                       str(tmp_path / "c.svg"))
    text = open(path).read()
    assert text.startswith("<?xml") and "phi" in text


def test_classic_example_plot(tmp_path):
    """`exact example classic/bogomolnaia-moulin --plot` draws tau(RSD) with its cycle in red."""
    from exact.cli import main
    path = tmp_path / "bm.png"
    assert main(["example", "classic/bogomolnaia-moulin", "--plot", str(path)]) == 0
    assert red_pixels(path) > 200


def test_doctests():
    import doctest

    import exact.plots
    failed, tried = doctest.testmod(exact.plots)
    assert failed == 0 and tried > 0
