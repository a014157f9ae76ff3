"""The ``exact`` command line: list, check, search, example, replay, report.

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
                  rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]},
                  help="Check the claims of economic-theory papers exactly.")
WIDTH = 100  # the summary fits a 100-column terminal; off a terminal, lines are 100 wide
err = Console(stderr=True, highlight=False)
out = Console(highlight=False, width=None if sys.stdout.isatty() else WIDTH)

EXIT_OK, EXIT_REFUTED, EXIT_INCONCLUSIVE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


_REPORTED: set = set()   # "interrupt" once the one-line Ctrl-C message is printed


class Usage(ExactError):
    """Bad command-line usage."""


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version
        try:
            v = version("exact")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            v = "unknown (not installed)"
        print(f"exact {v}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="print the version and exit")):
    """Check the claims of economic-theory papers exactly.

    Verdicts: verified (every instance of the declared finite domain, with exact certificates),
    refuted (a minimal, replayable counterexample), inconclusive (a budget ran out, or no
    instance met the claim's hypothesis). Exit codes: 0 nothing new refuted and nothing
    inconclusive; 1 a counterexample that is not a recorded erratum; 2 inconclusive; 3 bad
    usage or input; 130 interrupted.
    """


def _colour(no_color: bool) -> None:
    """``--no-color`` (colour is also off when the output is not a terminal, or with NO_COLOR)."""
    global out, err
    if no_color:
        out = Console(highlight=False, color_system=None, width=out.width if not
                      sys.stdout.isatty() else None)
        err = Console(stderr=True, highlight=False, color_system=None)


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
        if _failed(v):
            return EXIT_REFUTED
        if v.kind == "inconclusive":
            code = EXIT_INCONCLUSIVE
    return code


def _failed(v) -> bool:
    """A verdict that needs the user's attention: a new refutation, an error, or an erratum
    that no longer refutes."""
    return v.kind == "error" or (v.kind == "refuted" and not v.known_erratum) or (
        v.kind == "verified" and v.expect == "refuted")


def _sizes(values) -> str:
    """``1-4`` for consecutive sizes, ``3, 5, 9`` otherwise."""
    values = sorted(values)
    if len(values) > 2 and values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]}-{values[-1]}"
    return ", ".join(map(str, values))


@app.command("list")
def list_cmd(ids: List[str] = typer.Argument(None, metavar="[IDS]...", help="ids, paper keys or patterns"),
             keyword: Optional[str] = typer.Option(None, "-k", metavar="EXPR",
                                               help="keyword expression on ids"),
             as_json: bool = typer.Option(False, "--json", help="one JSON object per claim"),
             no_color: bool = typer.Option(False, "--no-color", help="no colour")):
    """List the registered claims: id, source in the paper, statement, sizes."""
    from .claims import select_claims
    _colour(no_color)
    with user_errors():
        claims = select_claims(ids, keyword)
    if as_json:
        for c in claims:
            print(json.dumps(c.describe()))
        return
    from rich import box
    t = Table(title=f"{len(claims)} claims", box=box.SIMPLE_HEAD, pad_edge=False)
    t.add_column("claim", no_wrap=True)
    t.add_column("source", overflow="fold", max_width=14)
    t.add_column("expect", overflow="fold", max_width=10)
    t.add_column("statement", overflow="fold", ratio=1)
    t.add_column("sizes", overflow="fold", max_width=9)
    t.add_column("opt-in", overflow="fold", max_width=9)
    for c in claims:
        expect = "erratum" if c.expect == "refuted" else c.expect
        d = c.describe()
        t.add_row(c.id, c.source, expect, c.statement, _sizes(c.default_sizes),
                  _sizes(d["opt_in_sizes"]) if d["opt_in_sizes"] else "")
    out.print(t)
    out.print("expect 'erratum': the paper's statement is false and is expected to be refuted; "
              "opt-in sizes run with --size N", markup=False)


class _Watch:
    """What the user sees while one claim is checked: a bar on a terminal, else nothing; the
    counts it keeps are what Ctrl-C reports."""

    def __init__(self, claim, total: int, show: bool):
        self.claim, self.done, self.total = claim, 0, total
        self.bar = self.task = None
        if show:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"),
                                TimeRemainingColumn(), console=err, transient=True)

    def __enter__(self):
        if self.bar:
            self.bar.__enter__()
            from rich.markup import escape
            self.task = self.bar.add_task(escape(self.claim.id), total=self.total)
        return self

    def __exit__(self, *exc):
        if self.bar:
            self.bar.__exit__(*exc)
        return False

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.bar:
            self.bar.update(self.task, completed=done, total=total)

    def phase(self, name: Optional[str]) -> None:
        if self.bar:
            from rich.markup import escape
            desc = escape(self.claim.id + (f": {name}" if name else ""))
            self.bar.update(self.task, description=desc)


def _plan_sizes(claims, size: Optional[int]):
    """Each claim's sizes for ``--size N`` ("every size up to N"), and the claims skipped.

    N must be one of the domain's sizes (of the one claim, or of at least one of several);
    a claim whose smallest size is above N is skipped, and said so.
    """
    if size is None:
        return [(c, tuple(c.default_sizes)) for c in claims], []
    if len(claims) == 1:
        c = claims[0]
        if size not in c.domain.sizes:
            raise Usage(f"--size: {c.id} has sizes {_sizes(c.domain.sizes)}; got {size}")
    else:
        every = sorted({s for c in claims for s in c.domain.sizes})
        if size not in every:
            raise Usage(f"--size: the selected claims have sizes {_sizes(every)}; got {size}")
    plan, skipped = [], []
    for c in claims:
        sizes = tuple(s for s in c.domain.sizes if s <= size)
        (plan.append((c, sizes)) if sizes else skipped.append(c))
    return plan, skipped


def _last_failed_path(journal: str, out_dir: str) -> str:
    base = os.path.dirname(journal) if journal else (os.path.dirname(out_dir) if out_dir
                                                     else ".exact")
    return os.path.join(base or ".", "lastfailed.json")


def _read_last_failed(path: str) -> set:
    try:
        with open(path) as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:
        raise Usage(f"--lf: cannot read {path}: {exc}") from None
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        raise Usage(f"--lf: {path}: expected a JSON list of claim ids")
    return set(data)


def _write_last_failed(path: str, verdicts) -> None:
    """pytest's rule: a claim that needed attention is remembered until it passes again."""
    failed = _read_last_failed(path) if os.path.exists(path) else set()
    for v in verdicts:
        (failed.add if _failed(v) or v.kind == "inconclusive" else failed.discard)(v.claim)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(sorted(failed), fh)
    os.replace(tmp, path)


@app.command()
def check(ids: List[str] = typer.Argument(None, metavar="[IDS]...", help="claim ids, paper keys, patterns "
                                                     "(sef/theorem-*), or a user file "
                                                     "path/to/claims.py[::name]"),
          all_: bool = typer.Option(False, "--all", help="check every registered claim"),
          keyword: Optional[str] = typer.Option(None, "-k", metavar="EXPR",
                                                help="keep ids matching EXPR, e.g. "
                                                     "'theorem and not 11'"),
          exitfirst: bool = typer.Option(False, "-x", "--exitfirst",
                                         help="stop at the first new refutation"),
          last_failed: bool = typer.Option(False, "--lf", "--last-failed",
                                           help="only the claims refuted, inconclusive or in "
                                                "error last time"),
          size: Optional[int] = typer.Option(None, "--size", metavar="N",
                                             help="check every size up to N (N must be one of "
                                                  "the domain's sizes)"),
          budget: Optional[float] = typer.Option(None, "--budget", metavar="SEC",
                                                help="seconds per claim"),
          jobs: int = typer.Option(1, "--jobs", metavar="N", help="local worker processes"),
          scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDR",
                                                  help="dask scheduler address tcp://HOST:PORT"),
          resume: bool = typer.Option(False, "--resume", help="continue a killed run"),
          journal: str = typer.Option(os.path.join(".exact", "journal.sqlite"), "--journal", metavar="FILE",
                                      help="SQLite journal of finished shards"),
          out_dir: str = typer.Option(os.path.join(".exact", "results"), "--out", metavar="DIR",
                                      help="directory for the saved records"),
          shard_size: Optional[int] = typer.Option(None, "--shard-size", metavar="N",
                                                    help="instances per shard"),
          as_json: bool = typer.Option(False, "--json", help="one JSON object per claim"),
          progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                                  help="progress bar (default: on a terminal)"),
          quiet: bool = typer.Option(False, "-q", "--quiet",
                                     help="no progress; print only what needs attention"),
          no_color: bool = typer.Option(False, "--no-color", help="no colour")):
    """Check claims exhaustively at their default sizes (or every size up to --size)."""
    from .claims import select_claims
    from .engine import check as run_check
    from .journal import Journal
    from .progress import listening
    from .records import make_record, record_path

    _colour(no_color)
    with user_errors():
        if not ids and not all_ and not keyword and not last_failed:
            raise Usage("give claim ids, a paper key or a pattern, -k EXPR, --lf, or --all "
                        "(see `exact list`)")
        if jobs < 1:
            raise Usage(f"--jobs: must be >= 1, got {jobs}")
        claims = select_claims(None if all_ else ids, keyword)
        lf_path = _last_failed_path(journal, out_dir)
        if last_failed:
            before = _read_last_failed(lf_path)
            claims = [c for c in claims if c.id in before]
            if not claims:
                out.print("exact: no claim failed last time (nothing to re-check)", markup=False)
                raise typer.Exit(EXIT_OK)
        plan, skipped = _plan_sizes(claims, size)
        for c in skipped:
            err.print(f"{c.id}: not checked (its smallest size is {min(c.domain.sizes)} "
                      f"> --size {size})", markup=False)
        executor = None
        if scheduler:
            from .executors import dask_executor
            executor = dask_executor(scheduler)
        jr = Journal(journal) if journal else None
        show = (sys.stderr.isatty() if progress is None else progress) and not quiet
        verdicts = []
        try:
            for c, sizes in plan:
                total = sum(c.domain.count(s) for s in sizes)
                with _Watch(c, total, show) as watch, listening(watch.phase):
                    try:
                        v = run_check(c, sizes=sizes, jobs=jobs, budget=budget,
                                      shard_size=shard_size, journal=jr, resume=resume,
                                      progress=watch.progress, witnesses=None,
                                      executor=executor)
                    except KeyboardInterrupt:
                        err.print(f"exact: interrupted in {c.id} after {watch.done:,} of "
                                  f"{watch.total:,} instances; continue with --resume",
                                  markup=False, soft_wrap=True)
                        _REPORTED.add("interrupt")
                        raise typer.Exit(EXIT_INTERRUPTED) from None
                verdicts.append(v)
                path = _save(make_record(v, c), record_path(out_dir, c.id)) if out_dir else None
                if as_json:
                    d = v.to_json()
                    d.pop("witnesses", None)
                    if path:
                        d["record"] = path
                    print(json.dumps(d), flush=True)
                elif not show and not quiet:
                    err.print(_log_line(v), markup=False, soft_wrap=True)
                if exitfirst and _failed(v):
                    rest = len(plan) - len(verdicts)
                    if rest:
                        err.print(f"exact: stopped at the first failure (-x); {rest} claims not "
                                  f"checked", markup=False)
                    break
        finally:
            if jr:
                jr.close()
            if verdicts:
                _write_last_failed(lf_path, verdicts)
    if not as_json:
        _summary(verdicts, out_dir, quiet)
    raise typer.Exit(exit_code(verdicts))


def _log_line(v) -> str:
    """One line per claim off a terminal: verdict, counts, sizes, time (the scope in words is
    in ``--json`` and the record)."""
    n = (f"{v.instances:,}/{v.total:,}" if v.kind == "inconclusive" else f"{v.instances:,}")
    text = f"{v.claim}: {v.label}, {n} instances"
    if v.weighted and v.weighted != v.instances:
        text += f" (= {v.weighted:,} labelled)"
    if v.met is not None and v.met != v.instances:
        text += f", {v.met:,} met the hypothesis"
    return text + f", sizes {_sizes(v.sizes)}, {v.seconds:.1f}s"


def _save(record: dict, path: str) -> str:
    """Save a record, never over a stronger one of the same claim, code and sizes."""
    from .records import keeps_stronger, save_record
    if keeps_stronger(path, record):
        weaker = path[:-5] + f".{record['verdict']}.json"
        err.print(f"exact: {record['claim']}: kept the stronger saved record {path}; this "
                  f"{record['verdict']} run is saved as {weaker}", markup=False, soft_wrap=True)
        path = weaker
    return save_record(record, path)


def _compact(data, limit: Optional[int] = None) -> str:
    """An instance on one line: JSON without spaces, cut with an ellipsis past ``limit``."""
    text = json.dumps(data, separators=(",", ":"))
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "\u2026"


_SHORT = {"verified": "verified", "refuted": "REFUTED", "inconclusive": "inconclusive",
          "error": "ERROR"}
_STYLE = {"verified": "green", "refuted": "red", "inconclusive": "yellow", "error": "red"}


def _short_label(v) -> tuple[str, str]:
    if v.known_erratum:
        return "erratum", "magenta"
    if v.kind == "verified" and v.expect == "refuted":
        return "VERIFIED?", "red"
    return _SHORT[v.kind], _STYLE[v.kind]


def _summary(verdicts, out_dir, quiet: bool = False) -> None:
    """One row per claim, grouped by paper; fits 100 columns (ids never broken)."""
    from rich import box
    rows = [v for v in verdicts if not quiet or _failed(v) or v.kind == "inconclusive"]
    if rows:
        body, paper = [], None
        for v in rows:
            key, _, rest = v.claim.partition("/")
            if key != paper:
                paper = key
                body.append((f"[bold]{key}[/]", "", "", "", "", "", None))
            label, colour = _short_label(v)
            inst = (f"{v.instances:,}/{v.total:,}" if v.kind == "inconclusive"
                    else f"{v.instances:,}")
            met = "" if v.met is None or v.met == v.instances else f"{v.met:,}"
            cx = v.counterexample.get("instance") if v.counterexample else None
            body.append(("  " + (rest or key), f"[{colour}]{label}[/]", inst, met,
                         _sizes(v.sizes), f"{v.seconds:.1f}", cx))
        from rich.text import Text
        t = Table(title="exact check: summary", box=box.SIMPLE_HEAD, pad_edge=False)
        heads = ("claim", "verdict", "instances", "met hyp.", "sizes", "s")
        used = 0
        for i, head in enumerate(heads):
            width = max([len(head)] + [Text.from_markup(r[i]).cell_len for r in body])
            used += width + 2
            t.add_column(head, no_wrap=True, min_width=width,
                         justify="right" if head in ("instances", "met hyp.", "s") else "left")
        room = max(14, (out.width or WIDTH) - used - 6)
        t.add_column("counterexample", no_wrap=True, max_width=room)
        for r in body:
            t.add_row(*r[:-1], "" if r[-1] is None else _compact(r[-1], room))
        out.print(t)
    for v in verdicts:   # a new refutation: its counterexample in full (up to 3 lines)
        if v.kind == "refuted" and not v.known_erratum and v.counterexample:
            cx = v.counterexample
            text = f"{v.claim}: counterexample at size {cx.get('size')}" + (
                " (minimal)" if cx.get("minimal") else "") + \
                f": {_compact(cx.get('instance'), 2 * WIDTH)}"
            if cx.get("violation") is not None:
                text += f"; {_compact(cx.get('violation'), WIDTH)}"
            out.print(text, markup=False, soft_wrap=True)
    notes = [v for v in verdicts if v.reason or v.kind == "error"]
    for v in notes:
        out.print(f"{v.claim}: {v.label}: {v.reason or v.error}", markup=False, soft_wrap=True)
    counts: dict = {}
    for v in verdicts:
        counts[v.label] = counts.get(v.label, 0) + 1
    out.print(", ".join(f"{n} {k}" for k, n in sorted(counts.items())) +
              (f"; records (full counterexamples) in {out_dir}/" if out_dir else ""),
              markup=False)
    if any(v.known_erratum for v in verdicts) and not quiet:
        out.print("erratum = refuted as expected (a recorded erratum of the paper); met hyp. "
                  "= instances that met it", markup=False)


@app.command()
def search(claim_id: str = typer.Argument(..., metavar="ID", help="claim id"),
           budget: float = typer.Option(30.0, "--budget", metavar="SEC", help="seconds"),
           seed: Optional[int] = typer.Option(None, "--seed", metavar="S", help="random seed"),
           size: Optional[int] = typer.Option(None, "--size", metavar="N",
                                               help="largest size to draw"),
           database: str = typer.Option(os.path.join(".exact", "hypothesis"), "--database", metavar="DIR",
                                        help="hypothesis example database (replayed first)"),
           out_dir: str = typer.Option(os.path.join(".exact", "results"), "--out", metavar="DIR",
                                        help="where a counterexample is saved"),
           as_json: bool = typer.Option(False, "--json", help="JSON output")):
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
        out.print(f"{c.id}: {v.label} after {v.instances:,} random instances "
                  f"({v.seconds:.1f}s)", markup=False)
        if v.counterexample:
            cx = v.counterexample
            out.print(f"counterexample (size {cx.get('size')}): "
                      f"{_compact(cx.get('instance'), 3 * WIDTH)}", markup=False, soft_wrap=True)
            if cx.get("violation") is not None:
                out.print(f"violation: {_compact(cx.get('violation'), 2 * WIDTH)}",
                          markup=False, soft_wrap=True)
        if path:
            out.print(f"saved to {path} (full data; --json prints it); replay with "
                      f"`exact replay {path}`", markup=False, soft_wrap=True)
    raise typer.Exit(exit_code([v]))


@app.command()
def example(name: Optional[str] = typer.Argument(None, metavar="[NAME|PAPER]", help="example name, or a paper key for "
                                                              "all its examples (omit to list)"),
            fmt: str = typer.Option("text", "--format", metavar="FMT", help="text | markdown | latex | json"),
            plot: Optional[str] = typer.Option(None, "--plot", metavar="FILE",
                                                help="save a figure to FILE"),
            standalone: bool = typer.Option(False, "--standalone",
                                            help="a complete LaTeX/HTML document (default: a "
                                                 "fragment to paste into a paper)")):
    """Print a paper's worked example, recomputed exactly."""
    from .report import FORMATS, all_examples, get_example
    with user_errors():
        if fmt not in FORMATS:
            raise Usage(f"--format: must be one of {', '.join(FORMATS)}, got {fmt!r}")
        examples = all_examples()
        papers = sorted({k.split("/", 1)[0] for k in examples})
        if name is None or name.rstrip("/") in papers:
            key = None if name is None else name.rstrip("/")
            if key is not None and not plot:   # a paper key: every example of that paper
                names = [k for k in examples if k.startswith(key + "/")]
                if fmt == "json":
                    print(json.dumps({k: json.loads(get_example(k)().render(fmt))
                                      for k in names}, indent=1))
                    return
                head = {"text": "=== {} ({}) ===\n\n", "markdown": "<!-- {} ({}) -->\n",
                        "latex": "% {} ({})\n"}[fmt]
                print("\n".join(head.format(k, examples[k][2]) + get_example(k)().render(fmt)
                                for k in names), end="")
                return
            if key is not None:
                raise Usage("--plot: give one example name, not a paper key")
            t = Table(title="worked examples")
            t.add_column("name", no_wrap=True)
            t.add_column("title", overflow="fold")
            t.add_column("source", overflow="fold")
            for k, (_, title, src) in examples.items():
                t.add_row(k, title, src)
            out.print(t)
            out.print("show one with `exact example NAME`, all of a paper with `exact example "
                      "PAPER` (--format markdown|latex|json)", markup=False)
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
    print(report.render(fmt, standalone=standalone), end="")


@app.command()
def replay(file: str = typer.Argument(..., metavar="FILE|DIR", help="saved record (JSON), or a directory of records"),
           claims: Optional[str] = typer.Option(None, "--claims", metavar="FILE",
                                                help="the claim file that judges a user's claim"),
           counts_only: bool = typer.Option(False, "--counts-only",
                                            help="check bookkeeping and saved items only "
                                                 "(not a re-verification)"),
           any_code: bool = typer.Option(False, "--any-code",
                                         help="judge a record made by other code with "
                                              "today's code"),
           full: bool = typer.Option(False, "--full", hidden=True,
                                     help="(the default now: kept for old scripts)"),
           as_json: bool = typer.Option(False, "--json", help="JSON output")):
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


from .cli_report import register as _register_report  # noqa: E402 - needs `app` above

_register_report(app)   # `exact report`: saved records as Markdown, LaTeX or HTML


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
    if rv == EXIT_INTERRUPTED and "interrupt" not in _REPORTED:
        # Ctrl-C outside a check (typer turns it into exit code 130 silently)
        err.print("exact: interrupted", markup=False)
    return _finish(rv if isinstance(rv, int) else 0)


def _finish(code) -> int:
    code = 0 if code is None else int(code)
    if __name__ == "__main__" or sys.argv and os.path.basename(sys.argv[0]) == "exact":
        sys.exit(code)
    return code


if __name__ == "__main__":
    main()
