"""``exact report``: saved records as a Markdown, LaTeX or HTML document.

Reads the records that ``exact check`` and ``exact search`` saved (``--results DIR``, default
``.exact/results``), selects them by claim id, paper key or pattern, and renders them with
:mod:`exact.render`: a summary table, then per claim its statement (when the claim is
registered), verdict, what it covers, counts, time, erratum and counterexample tables. LaTeX
output is a complete document whose preamble is :data:`exact.render.PREAMBLE` (no package).

Bad input (an unknown format, a selector that matches no record, a malformed record, an
unwritable output file) is one line on stderr naming the field, and exit code 3.

The command is added to the ``exact`` application by :func:`register`.
"""

from __future__ import annotations

import fnmatch
import json
import os
from typing import List, Optional

import typer

from .errors import InputError

__all__ = ["register", "read_record", "load_records", "select_records", "report_text"]


def read_record(path: str) -> dict:
    """A saved record, read strictly (:func:`exact.records.load_record`), without its witness
    sidecar: a report shows what a record says; ``exact replay`` is what re-verifies it."""
    from .records import load_record
    return load_record(path, sidecar=False)


def load_records(results: str) -> list[tuple[str, dict]]:
    """``(path, record)`` of every saved record in ``results``, strictly read, by file name."""
    if not os.path.isdir(results):
        raise InputError("--results", f"{results}: no such directory (run `exact check` first)")
    files = sorted(f for f in os.listdir(results) if f.endswith(".json"))
    return [(os.path.join(results, f), read_record(os.path.join(results, f))) for f in files]


def _matches(sel: str, cid: str) -> bool:
    if any(ch in sel for ch in "*?["):
        return fnmatch.fnmatchcase(cid, sel)
    return cid == sel or ("/" not in sel and cid.split("/", 1)[0] == sel)


def select_records(found: list[tuple[str, dict]], selectors: Optional[List[str]]) -> list[dict]:
    """The records named by ``selectors`` (ids, paper keys, ``*`` patterns; none: all).

    A claim's main record (``<id>.json``) is preferred; a claim that has only other records
    (``.search``, ``.inconclusive``: a weaker run kept beside a stronger one) shows those.
    """
    from .claims import _natural
    from .records import record_path
    selectors = list(selectors or [])
    for sel in selectors:
        if not any(_matches(sel, rec["claim"]) for _, rec in found):
            raise InputError("IDS", f"no saved record matches {sel!r} (ids, paper keys or "
                                    f"patterns such as 'sef/theorem-*')")
    by_claim: dict[str, list[tuple[bool, str, dict]]] = {}
    for path, rec in found:
        if selectors and not any(_matches(s, rec["claim"]) for s in selectors):
            continue
        main = os.path.basename(path) == os.path.basename(record_path("", rec["claim"]))
        by_claim.setdefault(rec["claim"], []).append((main, path, rec))
    out = []
    for cid in sorted(by_claim, key=_natural):
        entries = by_claim[cid]
        mains = [e for e in entries if e[0]]
        for _, path, rec in (mains or entries):
            rec = {k: v for k, v in rec.items() if k != "witnesses"}
            if not mains:
                rec["claim"] = f"{cid} ({os.path.basename(path)})"
            out.append(rec)
    if not out:
        raise InputError("--results", "no saved records (run `exact check` first)")
    return out


def _claim_info(records: list[dict]) -> dict:
    """Statement and source of each registered claim (records do not keep them)."""
    from .claims import REGISTRY
    from .papers import load_paper
    for key in sorted({r["claim"].split("/", 1)[0] for r in records}):
        load_paper(key)
    return {r["claim"]: {"statement": REGISTRY[r["claim"]].statement,
                         "source": REGISTRY[r["claim"]].source}
            for r in records if r["claim"] in REGISTRY}


def report_text(results: str, selectors: Optional[List[str]] = None, fmt: str = "markdown",
                title: str = "exact report") -> str:
    """The report document of the selected saved records in ``fmt``."""
    from .render import FORMATS, render_records
    if fmt not in FORMATS:
        raise InputError("--format", f"must be one of {', '.join(FORMATS)}, got {fmt!r}")
    records = select_records(load_records(results), selectors)
    return render_records(records, fmt, title=title, info=_claim_info(records))


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""

    @app.command("report")
    def report(ids: List[str] = typer.Argument(None, help="claim ids, paper keys or patterns "
                                                          "(sef/theorem-*); default: every record"),
               fmt: str = typer.Option("markdown", "--format", "-f",
                                       help="markdown | latex | html"),
               output: Optional[str] = typer.Option(None, "--output", "-o",
                                                    help="write to FILE (default: stdout)"),
               results: str = typer.Option(os.path.join(".exact", "results"), "--results",
                                           help="directory of saved records"),
               title: str = typer.Option("exact report", "--title", help="document title")):
        """Render saved records as a Markdown, LaTeX or HTML report.

        Claims, verdicts, what each covers, times, and each counterexample as tables. The
        LaTeX is a complete document needing no package (preamble: \\documentclass{article}).
        """
        from .cli import user_errors
        with user_errors():
            text = report_text(results, ids, fmt, title)
            if output:
                try:
                    with open(output, "w", encoding="utf-8") as f:
                        f.write(text)
                except OSError as exc:
                    raise InputError("--output", f"cannot write {output}: "
                                                 f"{exc.strerror or exc}") from None
            else:
                typer.echo(text, nl=False)
