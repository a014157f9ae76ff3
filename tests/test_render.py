"""exact.render: verdicts, records and counterexamples as Markdown, LaTeX (compiled) and HTML."""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess

import pytest

from exact import check, get_claim
from exact.numbers import Q
from exact.records import make_record
from exact.render import (PREAMBLE, _TEX_UNICODE, emit, latex_document, latex_escape,
                          render_records, render_verdict, show, value_nodes)
from exact.report import Report, Table

# -- a structural LaTeX check (always run; the only check where pdflatex is missing) ----------

#: the control words a document of exact may use: all defined by LaTeX's article class
BASE_COMMANDS = {"documentclass", "begin", "end", "section", "subsection", "subsubsection",
                 "textit", "emph", "frac", "hline", "textbackslash", "textasciitilde",
                 "textasciicircum", "renewcommand", "arraystretch", "linewidth", "footnotesize",
                 "texttt", "dots"} | {v.lstrip("\\") for v in _TEX_UNICODE.values()
                                      if v.startswith("\\")}
BASE_ENVIRONMENTS = {"document", "center", "tabular", "verbatim"}


def latex_problems(tex: str) -> list[str]:
    """What keeps ``tex`` from being a document of plain LaTeX under ``PREAMBLE`` (empty: ok)."""
    problems = []
    body = re.sub(r"\\begin\{verbatim\}.*?\\end\{verbatim\}", "", tex, flags=re.S)
    pre, sep, _ = body.partition("\\begin{document}")
    if not sep:
        problems.append("no \\begin{document}")
    elif pre != PREAMBLE:
        problems.append(f"preamble is {pre!r}, not exact.render.PREAMBLE")
    if not body.rstrip().endswith("\\end{document}"):
        problems.append("does not end with \\end{document}")
    stack = []
    for m in re.finditer(r"\\(begin|end)\{([^}]*)\}", body):
        kind, env = m.groups()
        if env not in BASE_ENVIRONMENTS:
            problems.append(f"environment {env} is not plain LaTeX")
        if kind == "begin":
            stack.append(env)
        elif not stack or stack.pop() != env:
            problems.append(f"\\end{{{env}}} does not close the open environment")
    if stack:
        problems.append(f"unclosed environments {stack}")
    for name in set(re.findall(r"\\([A-Za-z]+)", body)) - BASE_COMMANDS:
        problems.append(f"command \\{name} is not in the plain-LaTeX list")
    if re.search(r"\\[A-Za-z]+\*(?!\{)", body) or "\\caption" in body:
        problems.append("starred command or caption")
    plain = re.sub(r"\\\\(\[[^]]*\])?", " ", body)          # line breaks
    plain = re.sub(r"\\[{}$&%#_]", "", plain)                # escaped specials
    depth = 0
    for ch in plain:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            problems.append("a } closes nothing")
            break
    if depth > 0:
        problems.append(f"{depth} unclosed {{")
    if plain.count("$") % 2:
        problems.append("odd number of $")
    text = re.sub(r"\$[^$]*\$", "", plain)                  # outside math
    for ch in "%#_^":
        if ch in text:
            problems.append(f"unescaped {ch}")
    return problems


def compiles(tex: str, tmp_path, name: str = "doc") -> tuple[bool, str]:
    """Compile with pdflatex (no shell escape); (ok, log tail)."""
    (tmp_path / f"{name}.tex").write_text(tex)
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                           "-no-shell-escape", f"{name}.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    return proc.returncode == 0 and (tmp_path / f"{name}.pdf").exists(), proc.stdout[-800:]


def assert_latex_ok(tex: str, tmp_path, name: str = "doc") -> None:
    assert latex_problems(tex) == []
    if shutil.which("pdflatex"):
        ok, log = compiles(tex, tmp_path, name)
        assert ok, log


class _HTMLBalance(html.parser.HTMLParser):
    VOID = {"meta", "br"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def html_balanced(text: str) -> bool:
    p = _HTMLBalance()
    p.feed(text)
    return not p.errors and not p.stack


# -- records used below --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def records():
    """Two real records (a refutation with a profile, a verification) and a hand-made one."""
    out = []
    for cid, size in (("classic/sd-envy-free", 2), ("classic/ps-sd-envy-free", 3)):
        c = get_claim(cid)
        out.append(make_record(check(c, size=size), c))
    out.append({"claim": "demo/assignment", "verdict": "refuted", "label": "refuted",
                "instances": 8, "total": 20, "sizes": [3], "seconds": "0.250",
                "scope": "sizes 3 of a demo domain & more_than 50%", "met": 5,
                "counterexample": {"size": 3, "index": 7, "minimal": True,
                                   "instance": {"capacities": [1, 2],
                                                "utilities": [[0, 1], [2, 1], [1, 3]]},
                                   "violation": {"P": [["1/2", "1/2"], ["1/3", "n/a"],
                                                       [0, "2/3"]],
                                                 "agent": 2, "gain": "-7/12",
                                                 "certificate": {"deep": {"deeper": [1, {
                                                     "x": "1/2"}]}}}}})
    return out


def test_profile_counterexample_is_a_ranking_table(records):
    md = render_verdict(records[0], "markdown")
    assert "refuted (known erratum)" in md
    assert "| agent | 1st | 2nd |" in md
    assert "| agent 0 | 0 | 1 |" in md and "| agent 1 | 0 | 1 |" in md
    assert "minimal" in md and "Known erratum" in md


def test_assignment_matrix_and_fractions(records):
    rec = records[2]
    md = render_verdict(rec, "markdown")
    assert "random assignment" not in md        # "n/a" is not a number: a plain matrix
    good = dict(rec, counterexample=dict(rec["counterexample"], violation={
        "P": [["1/2", "1/2"], ["1/3", 0], [0, "2/3"]]}))
    md = render_verdict(good, "markdown")
    assert "random assignment (row: agent, column: object)" in md
    assert "| agent 1 | 1/3 | 0 |" in md
    tex = render_verdict(good, "latex")
    assert "$\\frac{1}{3}$ & $0$" in tex and "$\\frac{2}{3}$" in tex
    assert "$-\\frac{7}{12}$" in render_verdict(rec, "latex")


def test_matrix_not_called_an_assignment_when_rows_exceed_one():
    nodes = value_nodes("x", [["1/2", "2/3"], [0, 1]])
    assert "matrix" in nodes[0][1] and "assignment" not in nodes[0][1]


def test_nested_and_deep_values(records):
    md = render_verdict(records[2], "markdown")
    assert "*instance.capacities*" in md and "*instance.utilities: 3 x 2 matrix*" in md
    assert "```json" in md and '"deeper"' in md       # too deep: compact JSON
    assert "| gain | -7/12 |" in md


def test_report_document_latex_compiles(records, tmp_path):
    tex = render_records(records, "latex", title="Report_1 & <all>",
                         info={"classic/sd-envy-free": {"statement": "x^2 ~ {y}",
                                                        "source": "§ 3"}})
    assert tex.startswith(PREAMBLE)
    assert "\\usepackage" not in tex and "caption" not in tex.split("\\begin{document}")[0]
    assert_latex_ok(tex, tmp_path)


def test_structural_check_can_fail(tmp_path):
    good = latex_document("x")
    assert latex_problems(good) == []
    bad = {
        "caption": latex_document("\\begin{center}\\caption*{c}\\end{center}"),
        "package": "\\documentclass{article}\n\\usepackage{caption}\n\\begin{document}\n"
                   "x\n\\end{document}\n",
        "brace": latex_document("\\textit{x"),
        "env": latex_document("\\begin{center}x"),
        "nesting": latex_document("\\begin{center}\\begin{tabular}{l}\\end{center}"
                                  "\\end{tabular}"),
        "dollar": latex_document("$x"),
        "unescaped": latex_document("\\textit{50% of x}"),   # % comments out the }
        "underscore": latex_document("x_1"),
    }
    for name, tex in bad.items():
        assert latex_problems(tex), name
    if shutil.which("pdflatex"):
        assert compiles(good, tmp_path, "good")[0]
        for name in ("caption", "brace", "unescaped"):
            assert not compiles(bad[name], tmp_path, name)[0], name


def test_escape_covers_specials_and_unicode(tmp_path):
    text = "a_b & c% #1 $2 {x} ~ ^ \\ < > | φ ≤ ∪ — é --size"
    esc = latex_escape(text)
    assert "[U+00E9]" in esc and "$\\phi$" in esc and "$\\cup$" in esc and "-{}-size" in esc
    assert_latex_ok(latex_document(esc), tmp_path)


def test_html_and_markdown(records):
    page = render_records(records, "html", title="a <b> & c")
    assert page.startswith("<!DOCTYPE html>") and html_balanced(page)
    assert "a &lt;b&gt; &amp; c" in page and "<td>agent 0</td>" in page
    assert "&amp; more_than 50%" in page
    md = render_records(records, "markdown")
    assert md.count("\n## ") == 3 and "| claim | verdict |" in md
    assert "3 claims: 1 refuted, 1 refuted (known erratum), 1 verified;" in md
    with pytest.raises(ValueError, match="format"):
        emit([("p", "x")], "rtf")


def test_verdict_reprs(records, tmp_path):
    v = check("classic/sd-envy-free", size=2)
    h = v._repr_html_()
    assert html_balanced(h) and "<td>agent 1</td>" in h and "refuted (known erratum)" in h
    assert_latex_ok(latex_document(v._repr_latex_()), tmp_path)


def test_report_reprs_and_no_caption_star(tmp_path):
    r = Report("Demo_1", source="Section 2 & 3", blocks=[
        "x > y for 50% of φ", Table(["a_1", "p"], [[1, Q(1, 3)], ["x^2", Q(-5, 2)]],
                                   caption="Table 1 {demo}")])
    tex = r.render("latex")
    assert "\\caption" not in tex and "\\begin{table}" not in tex
    assert "$-\\frac{5}{2}$" in tex
    assert r._repr_latex_() == tex
    assert_latex_ok(r.render("latex", standalone=True), tmp_path)
    h = r._repr_html_()
    assert html_balanced(h) and "<caption>Table 1 {demo}</caption>" in h and "1/3" in h
    assert html_balanced(r.render("html", standalone=True))


def test_example_reports_compile(tmp_path):
    """Worked examples of three papers (with fractions, Unicode, long tables) compile."""
    from exact.report import get_example
    names = ["classic/bogomolnaia-moulin", "screening/section-4", "sef/example-1"]
    body = "\n".join(get_example(n)().render("latex") for n in names)
    assert "\\frac" in body
    assert_latex_ok(latex_document(body), tmp_path)


def test_show_wraps_exact_values(tmp_path):
    P = [[Q(1, 2), Q(1, 2)], [Q(1, 2), Q(1, 2)]]
    s = show(P, "P")
    assert "random assignment" in s._repr_markdown_()
    assert "\\frac{1}{2}" in s._repr_latex_()
    assert html_balanced(s._repr_html_())
    assert "| agent | 1st | 2nd | 3rd |" in show([[2, 0, 1], [0, 1, 2]], "profile")._repr_markdown_()
    cx = show({"instance": [[0, 1], [0, 1]], "violation": {"envious": 1}, "size": 2},
              "counterexample")
    assert "Counterexample" in cx._repr_markdown_()
    assert_latex_ok(latex_document(cx._repr_latex_()), tmp_path)


def test_doctests():
    import doctest

    import exact.render
    import exact.report
    for mod in (exact.render, exact.report):
        failed, tried = doctest.testmod(mod)
        assert failed == 0 and tried > 0, mod.__name__
