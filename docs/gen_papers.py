"""Generate the documentation pages that come from the code: one page per paper, the CLI reference.

Run by ``mkdocs build`` as a hook (``hooks:`` in ``mkdocs.yml``): the pages are added to the
build as generated files (nothing is written into ``docs/``), and the navigation gets a
"Papers" section (one page per installed paper package, from the ``exact.papers`` entry points)
and a "Notes" section holding every hand-written ``docs/*.md`` page not listed in ``mkdocs.yml``.

A paper page is built from the registry: the paper's reference (its package docstring), its
claims (id, source, statement, what a default check covers, the expected verdict), its errata
(the recorded reason each statement is false), the verdicts of the saved records found in
``.exact/results`` (with counterexamples as tables; run ``exact check --all`` before building to
include them, or set ``EXACT_DOCS_RESULTS``), and its worked examples, recomputed while building
(set ``EXACT_DOCS_EXAMPLES=0`` to list them without running them).

Also usable by hand: ``python docs/gen_papers.py OUTDIR`` writes the pages as files.
"""

from __future__ import annotations

import importlib
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: hand-written pages listed explicitly in mkdocs.yml's nav (the hook adds the other ones)
GENERATED_DIR = "papers"


def _md_cell(text) -> str:
    """Text in a Markdown table cell or list item: no link, emphasis or HTML by accident."""
    from exact.render import md_escape
    return md_escape(str(text)).replace("|", "\\|").replace("\n", " ")


def _records(key: str) -> dict:
    """``{claim id: record}`` of the saved main records of paper ``key``."""
    from exact.cli_report import read_record
    from exact.records import record_path
    results = pathlib.Path(os.environ.get("EXACT_DOCS_RESULTS", ROOT / ".exact" / "results"))
    out = {}
    if not results.is_dir():
        return out
    for path in sorted(results.glob(f"{key}__*.json")):
        try:
            rec = read_record(str(path))
        except Exception:  # noqa: BLE001 - a stale or foreign file is skipped, not fatal
            continue
        if path.name == os.path.basename(record_path("", rec["claim"])):
            out[rec["claim"]] = rec
    return out


def paper_page(key: str, package: str) -> str:
    """The Markdown page of paper ``key`` (package ``package``)."""
    from exact.claims import REGISTRY, _natural
    from exact.papers import load_paper
    from exact.render import emit, verdict_nodes
    from exact.report import EXAMPLES

    load_paper(key, "claims")
    load_paper(key, "examples")
    pkg = importlib.import_module(package)
    doc = (pkg.__doc__ or "").strip()
    claims = [REGISTRY[k] for k in sorted(REGISTRY, key=_natural) if k.split("/", 1)[0] == key]
    examples = {k: v for k, v in sorted(EXAMPLES.items()) if k.split("/", 1)[0] == key}
    records = _records(key)
    from exact.render import md_escape
    notes = pathlib.Path(__file__).resolve().parent / f"{key}.md"
    lines = [f"# `{key}`", "", md_escape(doc), ""]
    if notes.is_file():
        lines += [f"Method, findings and what is not checked: [notes on {key}](../{key}.md).", ""]
    lines += [
             f"{len(claims)} claims, {sum(1 for c in claims if c.erratum)} with a recorded "
             f"erratum, {len(examples)} worked examples. Check them with "
             f"`exact check {key}`; this page is generated from the registry by "
             f"`docs/gen_papers.py`.", "", "## Claims", "",
             "| claim | source | expected | statement | a default check covers |",
             "|---|---|---|---|---|"]
    for c in claims:
        expect = "refuted (erratum)" if c.expect == "refuted" else c.expect
        lines.append(f"| `{c.id}` | {_md_cell(c.source)} | {expect} | {_md_cell(c.statement)} "
                     f"| {_md_cell(c.scope)} |")
    errata = [c for c in claims if c.erratum]
    lines += ["", "## Errata", ""]
    if errata:
        for c in errata:
            kind = "false as stated" if c.expect == "refuted" else "noted in the proof"
            lines.append(f"- **`{c.id}`** ({_md_cell(c.source)}; {kind}): {_md_cell(c.erratum)}")
    else:
        lines.append("No erratum is recorded for this paper.")
    lines += ["", "## Verdicts", ""]
    if records:
        lines += [f"From the saved records ({len(records)} of {len(claims)} claims; "
                  f"`exact report {key}` prints the same).", ""]
        for cid in sorted(records, key=_natural):
            c = REGISTRY.get(cid)
            info = {"statement": c.statement, "source": c.source} if c else None
            lines.append(emit(verdict_nodes(records[cid], heading=3, info=info), "markdown"))
    else:
        lines.append(f"No saved records were found when this page was built: run "
                     f"`exact check {key}` (then `exact report {key}`).")
    lines += ["", "## Worked examples", ""]
    run = os.environ.get("EXACT_DOCS_EXAMPLES", "1") != "0"
    for name, (fn, title, source) in examples.items():
        lines += [f"### `{name}`", "", f"{title} ({source}). Run: `exact example {name}`.", ""]
        if run:
            text = fn().render("markdown")
            lines.append("\n".join(("###" + ln[2:]) if ln.startswith("## ") else ln
                                   for ln in text.splitlines()[1:]))
            lines.append("")
    return "\n".join(lines) + "\n"


def cli_page() -> str:
    """The command-line reference, from the typer application itself."""
    import click
    import typer

    from exact import cli
    app = cli.app
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    if "report" not in names:     # defined in exact/cli_report.py, registered by exact/cli.py
        from exact.cli_report import register
        register(app)
    group = typer.main.get_command(app)
    ctx = click.Context(group, info_name="exact")
    lines = ["# Command line", "", "Generated from the `exact` application by "
             "`docs/gen_papers.py`; `exact COMMAND --help` prints the same.", "",
             (group.help or "").strip(), "",
             "Exit codes: **0** nothing new refuted and nothing inconclusive; **1** a "
             "counterexample that is not a recorded erratum (or an error inside a check, or a "
             "record that fails replay); **2** inconclusive; **3** bad usage or bad input.", ""]
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        sub = click.Context(cmd, info_name=name, parent=ctx)
        usage = " ".join(cmd.collect_usage_pieces(sub))
        lines += [f"## `exact {name}`", "", "```", f"exact {name} {usage}", "```", "",
                  (cmd.help or "").strip().replace("\b\n", ""), "",
                  "| argument / option | help | default |", "|---|---|---|"]
        for p in cmd.params:
            if getattr(p, "hidden", False):
                continue
            opts = ", ".join(f"`{o}`" for o in list(p.opts) + list(p.secondary_opts))
            if isinstance(p, click.Argument):
                opts = f"`{p.human_readable_name}`" + (" ..." if p.nargs == -1 else "")
            default = p.default if p.default not in (None, False, (), []) else ""
            if callable(default):
                default = ""
            lines.append(f"| {opts} | {_md_cell(getattr(p, 'help', '') or '')} | "
                         f"{_md_cell(default)} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def pages() -> dict:
    """``{path inside the site: Markdown}`` of every generated page."""
    from exact.papers import paper_packages
    out = {f"{GENERATED_DIR}/{key}.md": paper_page(key, pkg)
           for key, pkg in sorted(paper_packages().items())}
    out["cli.md"] = cli_page()
    return out


# -- mkdocs hooks --------------------------------------------------------------------------------

_PAGES: dict = {}


def on_config(config, **kwargs):
    """Add the generated pages and the unlisted hand-written pages to the navigation."""
    from exact.papers import paper_packages
    _PAGES.clear()
    _PAGES.update(pages())
    nav = config.get("nav") or []
    listed = set()

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for v in item.values():
                    walk(v if isinstance(v, list) else [v])
            elif isinstance(item, str):
                listed.add(item)
    walk(nav)
    papers = [{key: f"{GENERATED_DIR}/{key}.md"} for key in sorted(paper_packages())]
    for item in nav:
        if isinstance(item, dict) and "Papers" in item:
            item["Papers"] = papers
            break
    else:
        nav.append({"Papers": papers})
    docs = pathlib.Path(config["docs_dir"])
    extra = sorted(p.name for p in docs.glob("*.md") if p.name not in listed)
    if extra:
        nav.append({"Notes": extra})
    config["nav"] = nav
    return config


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s#]+)(#[^)]*)?\)")


def on_page_markdown(markdown, page, config, files, **kwargs):
    """A link from a page to a file of the repository outside ``docs/`` (``../examples/x.py``)
    is not a page of the site: show it as the file's path instead of a broken link."""
    docs = pathlib.Path(config["docs_dir"]).resolve()
    here = (docs / page.file.src_uri).parent

    def fix(m):
        target = m.group(2)
        if "://" in target or target.startswith(("/", "mailto:")):
            return m.group(0)
        path = (here / target).resolve()
        if docs in path.parents or not path.exists() or ROOT not in path.parents:
            return m.group(0)
        return f"{m.group(1)} (`{path.relative_to(ROOT)}` in the repository)"
    return _LINK.sub(fix, markdown)


def on_files(files, config, **kwargs):
    """Add the generated pages to the build (virtual files: nothing is written to docs/)."""
    from mkdocs.structure.files import File
    for path, text in _PAGES.items():
        files.append(File.generated(config, path, content=text))
    return files


if __name__ == "__main__":
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "generated-docs")
    for path, text in pages().items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)
        print(out / path)
