"""The documentation: the tutorial runs as typed, the generated pages come from the registry,
and the mkdocs site builds offline with --strict (slow)."""

from __future__ import annotations

import doctest
import importlib.util
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BIN = pathlib.Path(sys.executable).parent


def blocks(page: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", page, flags=re.S)


def gen():
    spec = importlib.util.spec_from_file_location("gen_papers", DOCS / "gen_papers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _report_registered() -> bool:
    return "cli_report" in (ROOT / "exact" / "cli.py").read_text()


def test_tutorial_runs_as_typed(tmp_path):
    page = (DOCS / "tutorial.md").read_text()
    (source,) = [b for b in blocks(page, "python") if b.startswith("# conjecture.py")]
    first = source.split("@claim", 2)[1]
    assert len(("@claim" + first).strip().splitlines()) <= 10     # "ten lines"
    (tmp_path / "conjecture.py").write_text(source)
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    expected = {"check": 1, "replay": 0, "report": 0}      # refuted -> exit 1, as the page says
    ran = []
    for block in blocks(page, "bash"):
        for line in block.strip().splitlines():
            cmd = line.split("#")[0].strip()
            if not cmd:
                continue
            sub = cmd.split()[1]
            if sub == "report" and not _report_registered():
                continue          # exact/cli.py does not register `exact report` yet
            p = subprocess.run(cmd, shell=True, cwd=tmp_path, env=env, capture_output=True,
                               text=True, timeout=300)
            assert p.returncode == expected[sub], (cmd, p.stdout[-2000:], p.stderr[-2000:])
            ran.append(sub)
    assert ran[:2] == ["check", "replay"]
    rec = json.loads((tmp_path / ".exact" / "results" / "mine__sd-top-two.json").read_text())
    assert rec["counterexample"]["instance"] == [[0, 1, 2]] * 3
    assert json.loads((tmp_path / ".exact" / "results" / "mine__ps-top-share.json")
                      .read_text())["verdict"] == "verified"
    if "report" in ran:
        tex = (tmp_path / "report.tex").read_text()
        assert tex.startswith("\\documentclass{article}") and "mine/sd-top-two" in tex
    (session,) = blocks(page, "pycon")
    test = doctest.DocTestParser().get_doctest(session, {}, "tutorial", "tutorial.md", 0)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
    finally:
        os.chdir(cwd)
    assert runner.failures == 0 and runner.tries == 4


def test_paper_pages_come_from_the_registry(tmp_path, monkeypatch):
    from exact import check, get_claim
    from exact.claims import REGISTRY
    from exact.papers import paper_packages
    from exact.records import make_record, record_path, save_record

    c = get_claim("classic/sd-envy-free")
    save_record(make_record(check(c), c), record_path(str(tmp_path), c.id))
    monkeypatch.setenv("EXACT_DOCS_RESULTS", str(tmp_path))
    monkeypatch.setenv("EXACT_DOCS_EXAMPLES", "0")
    g = gen()
    page = g.paper_page("classic", paper_packages()["classic"])
    ids = sorted(k for k in REGISTRY if k.startswith("classic/"))
    assert ids and all(f"| `{k}` |" in page for k in ids)
    errata = [k for k in ids if REGISTRY[k].erratum]
    assert page.count("\n- **`classic/") == len(errata)
    assert "### classic/sd-envy-free" in page and "| agent 0 | 0 | 1 |" in page  # record shown
    assert "### `classic/bogomolnaia-moulin`" in page                              # example
    # a statement with Markdown specials shows as typed (no link, no emphasis)
    assert "\\[" in g._md_cell("[a](b) *c*") and "\\*c\\*" in g._md_cell("*c*")


def test_cli_page_lists_every_command():
    import typer.main

    from exact.cli import app
    g = gen()
    page = g.cli_page()
    names = typer.main.get_command(app).list_commands(None)
    assert names and all(f"## `exact {n}`" in page for n in names)
    assert "## `exact report`" in page and "`--format`" in page


@pytest.mark.slow
def test_mkdocs_builds_offline_strict(tmp_path):
    if shutil.which("mkdocs", path=str(BIN)) is None:
        pytest.skip("mkdocs not installed (pip install -e '.[docs]')")
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EXACT_DOCS_EXAMPLES="1",
               EXACT_DOCS_RESULTS=str(tmp_path / "no-results"),
               # offline: any attempt to reach the network fails
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
               http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
    p = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr[-3000:]
    from exact.papers import paper_packages
    for key in paper_packages():
        html = (site / "papers" / key / "index.html").read_text()
        assert f"{key}/" in html and "Worked examples" in html
    assert "exact.render" in (site / "api" / "index.html").read_text()
    assert "ps_top_share" in (site / "tutorial" / "index.html").read_text()
    assert "exact check" in (site / "cli" / "index.html").read_text()
    for page in DOCS.glob("*.md"):                  # every hand-written page is built
        assert (site / page.stem / "index.html").exists() or page.stem == "index", page
