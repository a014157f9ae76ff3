"""Write one small notebook per paper (``examples/notebooks/<key>.ipynb``), without outputs.

Run ``.venv/bin/python examples/notebooks/build.py`` after editing the cells below; the tests
execute every notebook with nbmake (``tests/test_notebooks.py``). Each notebook lists the paper's
claims, checks two of them (one verified, one known erratum), shows a worked example and, where a
picture says more, a figure. Every value is recomputed when the notebook runs.
"""

from __future__ import annotations

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).resolve().parent

INTRO = """\
Every value below is recomputed exactly when the notebook runs (python-flint rationals).
A verdict displays itself: what it covers, the counts, the time and, when refuted, the minimal
counterexample as tables. `exact report` renders saved records the same way in Markdown, LaTeX
or HTML."""

LIST = """\
from exact import check
from exact.claims import select_claims
from exact.render import show

for c in select_claims([{key!r}]):
    print(f"{{c.id:45s}} {{c.source}}")"""

#: key -> (title, [(markdown, code), ...])
PAPERS = {
    "classic": ("Classic housing markets and random assignment", [
        ("TTC is strategy-proof (Roth 1982), here on every housing market up to n = 3.",
         'v = check("classic/ttc-strategy-proof", size=3)\nv'),
        ("Serial dictatorship is not envy-free: the minimal counterexample, a ranking table.",
         'v = check("classic/sd-envy-free")\nassert v.kind == "refuted"\nv'),
        ("Bogomolnaia and Moulin's four-agent example, recomputed; the figure is the relation "
         "tau(RSD) with the improvement cycle that shows RSD is not sd-efficient.",
         'from exact.report import get_example\nr = get_example("classic/bogomolnaia-moulin")()\n'
         'r'),
        ("The figure.",
         "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(5, 4))\nr.plot(ax)"),
        ("Top trading cycles on a four-agent market, round by round (agent i owns house i).",
         "from exact.plots import draw_ttc_rounds\nfig, ax = plt.subplots(figsize=(5, 4))\n"
         "draw_ttc_rounds(ax, [(1, 0, 2, 3), (2, 0, 1, 3), (0, 1, 2, 3), (0, 2, 3, 1)])"),
        ("A random assignment displays as a fraction matrix.",
         'show(r.values["ps"], "PS")'),
    ]),
    "sef": ("Stable and envy-free lottery allocations (Wang, Ma and Zhang 2023)", [
        ("A lemma of the paper, verified on every small market.",
         'v = check("sef/lemma-1")\nv'),
        ("A known erratum: Theorem 7 (Pareto part) fails; the counterexample market and the "
         "dominating random assignment.",
         'v = check("sef/theorem-7-po")\nassert v.known_erratum\nv'),
        ("Example 1, recomputed.",
         'from exact.report import get_example\nget_example("sef/example-1")()'),
    ]),
    "housing": ("Multi-category housing allocation (Caspari 2023)", [
        ("Example 1 as a claim, and the worked example.",
         'v = check("housing/example-1")\nv'),
        ("", 'from exact.report import get_example\nget_example("housing/example-1")()'),
        ("Proposition 2 with the floor of m/2 fails for m = 3; the figure is the envy graph of "
         "the counterexample (edge i -> j labelled by the number of categories in which i "
         "envies j).",
         'v = check("housing/proposition-2-floor-m3")\nassert v.known_erratum\nv'),
        ("", "import matplotlib.pyplot as plt\nfrom exact.plots import draw_envy_graph\n"
             "fig, ax = plt.subplots(figsize=(5, 4))\n"
             'draw_envy_graph(ax, v.counterexample["violation"]["envy"])'),
    ]),
    "verification": ("Optimal allocations with capacity-constrained verification "
                     "(Erlanson and Kleiner)", [
        ("Footnote 11, verified; Lemma 4 as worded, refuted.",
         'check("verification/footnote-11")'),
        ("", 'v = check("verification/lemma-4-wording")\nassert v.known_erratum\nv'),
        ("The note's table of certified optima, and W(phi) with its exact optimum.",
         'from exact.report import get_example\nr = get_example("verification/theorem-1-table")()\n'
         "r"),
        ("", "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(5, 3.5))\n"
             "r.plot(ax)"),
    ]),
    "screening": ("Reducing incentive constraints in bidimensional screening (Calagua)", [
        ("A remark verified, and Theorem 1 as printed refuted.",
         'check("screening/remark-1")'),
        ("", 'v = check("screening/theorem-1")\nassert v.known_erratum\nv'),
        ("Theorem 1's family, recomputed.",
         'from exact.report import get_example\nget_example("screening/theorem-1")()'),
    ]),
    "coalitional": ("Robust coalitional implementation (Guo and Yannelis 2020)", [
        ("Proposition 1 verified; Fact 7 refuted (a known erratum).",
         'check("coalitional/proposition-1")'),
        ("", 'v = check("coalitional/fact-7")\nassert v.known_erratum\nv'),
        ("The errata, recomputed.",
         'from exact.report import get_example\nget_example("coalitional/errata")()'),
    ]),
    "commons": ("Golden rule in cooperative commons (Flam)", [
        ("Proposition 1 verified; Remark 5 refuted (a known erratum).",
         'check("commons/proposition-1")'),
        ("", 'v = check("commons/remark-5")\nassert v.known_erratum\nv'),
        ("Example 1, recomputed.",
         'from exact.report import get_example\nget_example("commons/example-1")()'),
    ]),
    "approx_ic": ("Optimal mechanism design with approximate IC and many players (Basu)", [
        ("Theorem 1 on the small environments; the single-object example refuted.",
         'check("approx_ic/theorem-1")'),
        ("", 'v = check("approx_ic/example-single-object")\nassert v.known_erratum\nv'),
        ("The base instance: the exact least epsilon against the number of players.",
         'from exact.report import get_example\nr = get_example("approx_ic/base-instance")()\n'
         "r"),
        ("", "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(6, 4))\n"
             "r.plot(ax)"),
    ]),
}


def notebook(key: str) -> nbformat.NotebookNode:
    title, steps = PAPERS[key]
    cells = [new_markdown_cell(f"# `{key}`: {title}\n\n{INTRO}"),
             new_code_cell(LIST.format(key=key))]
    for text, code in steps:
        if text:
            cells.append(new_markdown_cell(text))
        cells.append(new_code_cell(code))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def main() -> None:
    for key in PAPERS:
        nbformat.write(notebook(key), HERE / f"{key}.ipynb")


if __name__ == "__main__":
    main()
