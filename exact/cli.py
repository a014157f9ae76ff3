"""The ``exact`` command line: list, check, search, example, replay.

A thin driver over the library (pygambit's pattern): parse, call, render. Every error the
library raises on purpose becomes one line on stderr and exit code 3, never a traceback.

Exit codes: 0 nothing new refuted and nothing inconclusive; 1 a counterexample that is not a
recorded erratum (or an error inside a check, or a record that does not replay); 2 inconclusive;
3 bad usage or bad input.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import ExactError

try:  # typer >= 0.2x vendors click as typer._click
    from typer._click import exceptions as _cx
except ImportError:  # pragma: no cover - older typer with a separate click
    from click import exceptions as _cx

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Check the claims of economic-theory papers exactly.")
err = Console(stderr=True, highlight=False)
out = Console(highlight=False, width=None if sys.stdout.isatty() else 140)

EXIT_OK, EXIT_REFUTED, EXIT_INCONCLUSIVE, EXIT_USAGE = 0, 1, 2, 3


class Usage(ExactError):
    """Bad command-line usage."""


@contextlib.contextmanager
def user_errors():
    try:
        yield
    except ExactError as exc:
        err.print(f"exact: error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)


def exit_code(verdicts) -> int:
    code = EXIT_OK
    for v in verdicts:
        if v.kind == "error" or (v.kind == "refuted" and not v.known_erratum) or (
                v.kind == "verified" and v.expect == "refuted"):
            return EXIT_REFUTED
        if v.kind == "inconclusive":
            code = EXIT_INCONCLUSIVE
    return code


@app.command("list")
def list_cmd(prefix: List[str] = typer.Argument(None, help="paper key or id prefix"),
             as_json: bool = typer.Option(False, "--json", help="one JSON object per claim")):
    """List the registered claims: id, paper, source, statement."""
    from .claims import all_claims, select_claims
    with user_errors():
        claims = select_claims(prefix) if prefix else all_claims()
    if as_json:
        for c in claims:
            print(json.dumps(c.describe()))
        return
    t = Table(title=f"{len(claims)} claims")
    for col in ("claim", "source", "expect", "statement", "checked on"):
        t.add_column(col, overflow="fold")
    for c in claims:
        expect = "refuted (erratum)" if c.expect == "refuted" else c.expect
        if c.erratum and c.expect == "verified":
            expect += " (proof erratum noted)"
        t.add_row(c.id, c.source, expect, c.statement, c.scope)
    out.print(t)


def _progress_bar(enabled: bool):
    if not enabled:
        return contextlib.nullcontext(None)
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    class Rate(TextColumn):
        def __init__(self):
            super().__init__("")

        def render(self, task):
            speed = task.finished_speed or task.speed
            return f"{speed:,.0f} inst/s" if speed else ""

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err,
                    transient=True)


@app.command()
def check(ids: List[str] = typer.Argument(None, help="claim ids, id prefixes (a paper key), or "
                                                     "a user file path/to/claims.py[::name]"),
          all_: bool = typer.Option(False, "--all", help="check every registered claim"),
          size: Optional[int] = typer.Option(None, "--size", help="check sizes up to N"),
          budget: Optional[float] = typer.Option(None, "--budget", help="seconds per claim"),
          jobs: int = typer.Option(1, "--jobs", help="local worker processes"),
          scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                                  help="dask scheduler address tcp://HOST:PORT"),
          resume: bool = typer.Option(False, "--resume", help="continue a killed run"),
          journal: str = typer.Option(os.path.join(".exact", "journal.sqlite"), "--journal",
                                      help="SQLite journal of finished shards"),
          out_dir: str = typer.Option(os.path.join(".exact", "results"), "--out",
                                      help="directory for the saved records"),
          shard_size: Optional[int] = typer.Option(None, "--shard-size", help="instances/shard"),
          as_json: bool = typer.Option(False, "--json", help="one JSON object per claim"),
          progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                                  help="progress bar (default: on a terminal)")):
    """Check claims exhaustively at their default sizes (or up to --size)."""
    from .claims import all_claims, select_claims
    from .engine import check as run_check
    from .journal import Journal
    from .records import make_record, record_path

    with user_errors():
        if not ids and not all_:
            raise Usage("give claim ids or a paper key, or --all (see `exact list`)")
        if size is not None and size < 0:
            raise Usage(f"--size: must be >= 0, got {size}")
        if jobs < 1:
            raise Usage(f"--jobs: must be >= 1, got {jobs}")
        claims = all_claims() if all_ else select_claims(ids)
        executor = None
        if scheduler:
            from .executors import dask_executor
            executor = dask_executor(scheduler)
        jr = Journal(journal) if journal else None
        show = sys.stderr.isatty() if progress is None else progress
        verdicts = []
        for c in claims:
            # with several claims, --size N means "up to N where the claim's domain allows"
            sz = None if size is None else (size if len(claims) == 1 else
                                            min(max(size, min(c.domain.sizes)),
                                                max(c.domain.sizes)))
            with _progress_bar(show) as bar:
                task = bar.add_task(c.id, total=None) if bar else None
                cb = (lambda done, total: bar.update(task, completed=done, total=total)) \
                    if bar else None
                v = run_check(c, size=sz, jobs=jobs, budget=budget, shard_size=shard_size,
                              journal=jr, resume=resume, progress=cb, witnesses=None,
                              executor=executor)
            verdicts.append(v)
            if out_dir:
                path = _save(make_record(v, c), record_path(out_dir, c.id))
            if as_json:
                d = v.to_json()
                d.pop("witnesses", None)
                if out_dir:
                    d["record"] = path
                print(json.dumps(d), flush=True)
            elif not show:
                err.print(f"{c.id}: {v.label} ({v.scope}; {v.seconds:.1f}s)", markup=False)
        if jr:
            jr.close()
    if not as_json:
        _summary(verdicts, out_dir)
    raise typer.Exit(exit_code(verdicts))


def _save(record: dict, path: str) -> str:
    """Save a record, never over a stronger one of the same claim, code and sizes."""
    from .records import keeps_stronger, save_record
    if keeps_stronger(path, record):
        weaker = path[:-5] + f".{record['verdict']}.json"
        err.print(f"exact: {record['claim']}: kept the stronger saved record {path}; this "
                  f"{record['verdict']} run is saved as {weaker}", markup=False, soft_wrap=True)
        path = weaker
    return save_record(record, path)


def _summary(verdicts, out_dir) -> None:
    t = Table(title="exact check: summary")
    for col in ("claim", "verdict", "instances", "sizes", "seconds", "counterexample"):
        t.add_column(col, overflow="fold")
    style = {"verified": "green", "refuted": "red", "inconclusive": "yellow", "error": "red"}
    for v in verdicts:
        cx = ""
        if v.counterexample:
            cx = json.dumps(v.counterexample.get("instance"))
            cx = cx if len(cx) <= 48 else cx[:45] + "..."
        colour = "magenta" if v.known_erratum else style[v.kind]
        inst = f"{v.instances:,}/{v.total:,}" if v.kind == "inconclusive" else f"{v.instances:,}"
        if v.weighted and v.weighted != v.instances:
            inst += f" (={v.weighted:,} labelled)"
        if v.met is not None and v.met != v.instances:
            inst += f"; {v.met:,} met hyp."
        if v.reason:
            inst += f"; {v.reason}"
        t.add_row(v.id if hasattr(v, "id") else v.claim, f"[{colour}]{v.label}[/]", inst,
                  ",".join(map(str, v.sizes)), f"{v.seconds:.2f}", cx)
    out.print(t)
    counts = {}
    for v in verdicts:
        counts[v.label] = counts.get(v.label, 0) + 1
    out.print(", ".join(f"{n} {k}" for k, n in sorted(counts.items())) +
              (f"; records in {out_dir}/" if out_dir else ""), markup=False)


@app.command()
def search(claim_id: str = typer.Argument(..., help="claim id"),
           budget: float = typer.Option(30.0, "--budget", help="seconds"),
           seed: Optional[int] = typer.Option(None, "--seed", help="random seed"),
           size: Optional[int] = typer.Option(None, "--size", help="largest size to draw"),
           database: str = typer.Option(os.path.join(".exact", "hypothesis"), "--database",
                                        help="hypothesis example database (replayed first)"),
           out_dir: str = typer.Option(os.path.join(".exact", "results"), "--out"),
           as_json: bool = typer.Option(False, "--json")):
    """Search for a counterexample with hypothesis beyond the exhaustive sizes."""
    from .claims import get_claim
    from .engine import search as run_search
    from .records import make_record, record_path
    with user_errors():
        c = get_claim(claim_id)
        sizes = None
        if size is not None:
            if not min(c.domain.sizes) <= size <= 1000:
                raise Usage(f"--size: must be between {min(c.domain.sizes)} (the smallest size "
                            f"of {c.id}) and 1000, got {size}")
            sizes = range(min(c.domain.sizes), size + 1)
        v = run_search(c, sizes=sizes, budget=budget, seed=seed, database=database)
        path = None
        if v.kind in ("refuted", "error") and out_dir:
            path = _save(make_record(v, c), record_path(out_dir, c.id, ".search"))
    d = v.to_json()
    if path:
        d["record"] = path
    if as_json:
        print(json.dumps(d))
    else:
        out.print(f"{c.id}: {v.label} after {v.instances} random instances "
                  f"({v.seconds:.1f}s)", markup=False)
        if v.counterexample:
            out.print(json.dumps(v.counterexample, indent=1), markup=False)
        if path:
            out.print(f"saved to {path}; replay with `exact replay {path}`", markup=False)
    raise typer.Exit(exit_code([v]))


@app.command()
def example(name: Optional[str] = typer.Argument(None, help="example name (omit to list)"),
            fmt: str = typer.Option("text", "--format", help="text | markdown | latex | json"),
            plot: Optional[str] = typer.Option(None, "--plot", help="save a figure to FILE")):
    """Print a paper's worked example, recomputed exactly."""
    from .report import FORMATS, all_examples, get_example
    with user_errors():
        if fmt not in FORMATS:
            raise Usage(f"--format: must be one of {', '.join(FORMATS)}, got {fmt!r}")
        if name is None:
            t = Table(title="worked examples")
            t.add_column("name")
            t.add_column("title")
            t.add_column("source")
            for k, (_, title, src) in all_examples().items():
                t.add_row(k, title, src)
            out.print(t)
            return
        report = get_example(name)()
        if plot:
            if report.plot is None:
                raise Usage(f"--plot: example {name} has no figure")
            try:
                import matplotlib
            except ImportError:
                raise Usage("--plot needs matplotlib: pip install 'exact[plot]'") from None
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
            fig, ax = plt.subplots(figsize=(6, 4))
            report.plot(ax)
            try:
                fig.savefig(plot)
            except (OSError, ValueError) as exc:
                raise Usage(f"--plot: cannot save {plot}: {exc}") from None
    print(report.render(fmt), end="")


@app.command()
def replay(file: str = typer.Argument(..., help="saved record (JSON), or a directory of records"),
           claims: Optional[str] = typer.Option(None, "--claims",
                                                help="the claim file that judges a user's claim"),
           counts_only: bool = typer.Option(False, "--counts-only",
                                            help="check bookkeeping and saved items only "
                                                 "(not a re-verification)"),
           any_code: bool = typer.Option(False, "--any-code",
                                         help="judge a record made by other code with "
                                              "today's code"),
           full: bool = typer.Option(False, "--full", hidden=True,
                                     help="(the default now: kept for old scripts)"),
           as_json: bool = typer.Option(False, "--json")):
    """Re-verify saved records: re-walk what "verified" means, re-check every certificate.

    The judge is a built-in claim (by the record's id) or the user's file given with
    --claims; a record never names its own judge. A record made by other code is refused
    unless --any-code.
    """
    from .checker import replay as run_replay
    from .errors import CertificateError, InputError
    from .records import load_record
    with user_errors():
        if os.path.isdir(file):
            files = sorted(os.path.join(file, f) for f in os.listdir(file) if f.endswith(".json"))
            if not files:
                raise InputError(file, "no records (*.json) in this directory")
        else:
            files = [file]
        failed = skipped = 0
        for path in files:
            record = load_record(path)
            if record["verdict"] not in ("verified", "refuted"):
                skipped += 1
                if not as_json:
                    out.print(f"{path}: skipped ({record['verdict']} records carry no claim to "
                              f"re-verify)", markup=False)
                continue
            try:
                rep = run_replay(record, full=not counts_only, claims=claims,
                                 any_code=any_code)
            except CertificateError as exc:
                failed += 1
                if as_json:
                    print(json.dumps({"file": path, "claim": record.get("claim"), "ok": False,
                                      "detail": str(exc)}))
                else:
                    err.print(f"exact: {path}: replay FAILED: {exc}", markup=False,
                              soft_wrap=True)
                continue
            if as_json:
                print(json.dumps({"file": path, **rep.to_json()}))
            elif rep.verdict == "counts-only":
                out.print(f"{path}: {rep.claim}: {rep.detail}", markup=False)
            else:
                out.print(f"{path}: OK: {rep.claim} {rep.verdict}: {rep.detail}", markup=False)
        if len(files) > 1 and not as_json:
            done = "counted (counts only: not re-verified)" if counts_only else "re-verified"
            out.print(f"{len(files) - failed - skipped} records {done}, {failed} failed, "
                      f"{skipped} skipped", markup=False)
    raise typer.Exit(EXIT_REFUTED if failed else EXIT_OK)


def main(argv: Optional[list] = None) -> int:
    """Entry point of the console script: maps usage errors to exit code 3, one line each."""
    try:
        rv = app(args=argv, standalone_mode=False, prog_name="exact")
    except typer.Exit as e:
        return _finish(e.exit_code)
    except _cx.NoArgsIsHelpError as e:
        out.print(e.ctx.get_help() if e.ctx else "exact --help", markup=False)
        return _finish(0)
    except _cx.ClickException as e:
        err.print(f"exact: error: {e.format_message()}", markup=False, soft_wrap=True)
        return _finish(EXIT_USAGE)
    except typer.Abort:
        err.print("exact: aborted", markup=False)
        return _finish(130)
    except ExactError as e:
        err.print(f"exact: error: {e}", markup=False, soft_wrap=True)
        return _finish(EXIT_USAGE)
    except KeyboardInterrupt:
        err.print("exact: interrupted; finished shards are in the journal (use --resume)",
                  markup=False)
        return _finish(130)
    except Exception as e:  # noqa: BLE001 - a bug of ours: one line, traceback on request
        if os.environ.get("EXACT_DEBUG"):
            raise
        err.print(f"exact: internal error: {type(e).__name__}: {e} (set EXACT_DEBUG=1 for the "
                  f"traceback)", markup=False, soft_wrap=True)
        return _finish(EXIT_REFUTED)
    return _finish(rv if isinstance(rv, int) else 0)


def _finish(code) -> int:
    code = 0 if code is None else int(code)
    if __name__ == "__main__" or sys.argv and os.path.basename(sys.argv[0]) == "exact":
        sys.exit(code)
    return code


if __name__ == "__main__":
    main()
