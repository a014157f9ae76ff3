"""Worked examples and reports: exact tables rendered as text, Markdown, LaTeX, HTML or JSON.

A paper's worked example is a function registered with :func:`example` that *recomputes* the
example and returns a :class:`Report`: a title, the paper location, and blocks of prose and
:class:`Table` objects whose cells are exact values (ints, ``fmpq``, strings). Nothing is pasted
from the paper: where the paper prints a different value, the report shows both (``Table`` rows
may carry a ``paper`` column) and says which is right.

Examples
--------
>>> from exact.numbers import Q
>>> r = Report("Demo", source="Section 1", blocks=[Table(["x", "x^2"], [[Q(1, 2), Q(1, 4)]])])
>>> print(r.render("markdown").splitlines()[-1])
| 1/2 | 1/4 |

LaTeX output is a fragment (``\\subsection*``, ``center`` + ``tabular``, captions in italics
above the table) that needs no package: the whole preamble is :data:`exact.render.PREAMBLE`
(``\\documentclass{article}``); ``render("latex", standalone=True)`` adds it. In a notebook a
:class:`Report` displays itself (``_repr_html_``, ``_repr_latex_``).
"""

from __future__ import annotations

import dataclasses
import html
import json
from typing import Any, Callable, Optional, Sequence

from .errors import UnknownClaim
from .numbers import q_tex, to_jsonable
from .render import html_document, latex_document, latex_escape, latex_table

__all__ = ["Table", "Report", "example", "EXAMPLES", "get_example", "all_examples", "FORMATS"]

FORMATS = ("text", "markdown", "latex", "html", "json")


@dataclasses.dataclass
class Table:
    """A table of exact values with headers and an optional caption."""

    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    caption: str = ""

    def cells(self, fmt: str) -> list[list[str]]:
        return [[_cell(v, fmt) for v in row] for row in self.rows]


@dataclasses.dataclass
class Report:
    """A recomputed worked example: title, paper source and blocks (str paragraphs or Tables).

    ``values`` holds the headline exact values by name (used by tests and ``--format json``).
    """

    title: str
    source: str = ""
    blocks: list = dataclasses.field(default_factory=list)
    values: dict = dataclasses.field(default_factory=dict)
    #: optional ``plot(ax)`` drawing the example's figure on a matplotlib axes
    plot: Optional[Callable[[Any], None]] = None

    def add(self, block) -> "Report":
        self.blocks.append(block)
        return self

    def render(self, fmt: str = "text", standalone: bool = False) -> str:
        """The report in ``fmt`` (one of :data:`FORMATS`); ``standalone`` makes LaTeX and HTML
        complete documents (LaTeX: :data:`exact.render.PREAMBLE`, nothing else)."""
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        if fmt == "json":
            return json.dumps({"title": self.title, "source": self.source,
                               "values": to_jsonable(self.values),
                               "blocks": [_block_json(b) for b in self.blocks]}, indent=1)
        out = [_heading(self.title, self.source, fmt)]
        for b in self.blocks:
            out.append(_render_table(b, fmt) if isinstance(b, Table) else _para(str(b), fmt))
        text = "\n\n".join(out) + "\n"
        if standalone and fmt == "latex":
            return latex_document(text)
        if standalone and fmt == "html":
            return html_document(text, self.title)
        return text

    def _repr_html_(self) -> str:
        return self.render("html")

    def _repr_latex_(self) -> str:
        return self.render("latex")


def _cell(v: Any, fmt: str) -> str:
    if isinstance(v, str):
        return _tex_escape(v) if fmt == "latex" else html.escape(v) if fmt == "html" else v
    try:
        j = to_jsonable(v)
    except TypeError:
        j = str(v)
    if fmt == "latex" and not isinstance(j, (list, dict)):
        try:
            return f"${q_tex(v)}$"
        except TypeError:
            return _tex_escape(str(j))
    if isinstance(j, list):
        return "(" + ", ".join(_cell(x, fmt) for x in v) + ")"
    return str(j)


_tex_escape = latex_escape


def _heading(title: str, source: str, fmt: str) -> str:
    src = f" ({source})" if source else ""
    if fmt == "markdown":
        return f"## {title}\n\n_Source: {source}_" if source else f"## {title}"
    if fmt == "latex":
        return f"\\subsection*{{{_tex_escape(title)}}}" + (
            f"\n\\emph{{Source: {_tex_escape(source)}}}" if source else "")
    if fmt == "html":
        return f"<h2>{html.escape(title)}</h2>" + (
            f"\n<p><em>Source: {html.escape(source)}</em></p>" if source else "")
    return f"{title}{src}\n{'=' * len(title + src)}"


def _para(text: str, fmt: str) -> str:
    if fmt == "html":
        return f"<p>{html.escape(text)}</p>"
    return _tex_escape(text) if fmt == "latex" else text


def _render_table(t: Table, fmt: str) -> str:
    rows = t.cells(fmt)
    heads = [_tex_escape(h) if fmt == "latex" else h for h in t.headers]
    if fmt == "markdown":
        lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return (f"*{t.caption}*\n\n" if t.caption else "") + "\n".join(lines)
    if fmt == "latex":     # no float, no \caption*: plain LaTeX (see the module docstring)
        return latex_table(t.caption, heads, rows)
    if fmt == "html":
        cap = f"<caption>{html.escape(t.caption)}</caption>" if t.caption else ""
        head = "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in t.headers) + "</tr>"
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table>{cap}{head}{body}</table>"
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(heads)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = ([t.caption] if t.caption else []) + [line(heads), line(["-" * w for w in widths])]
    return "\n".join(out + [line(r) for r in rows])


def _block_json(b) -> Any:
    if isinstance(b, Table):
        return {"caption": b.caption, "headers": list(b.headers),
                "rows": [[to_jsonable(v) if not isinstance(v, str) else v for v in r]
                         for r in b.rows]}
    return str(b)


#: name -> (function, title, source), filled by ``@example`` in ``proofs/<paper>/examples.py``
EXAMPLES: dict[str, tuple[Callable[[], Report], str, str]] = {}


def example(name: str, *, title: str = "", source: str = ""):
    """Register ``fn() -> Report`` as the worked example ``name`` (``sef/example-1``)."""
    def wrap(fn: Callable[[], Report]) -> Callable[[], Report]:
        EXAMPLES[name] = (fn, title or name, source)
        return fn
    return wrap


def _load_builtin_examples() -> None:
    from .papers import load_all
    load_all("examples")


def all_examples() -> dict:
    _load_builtin_examples()
    return dict(sorted(EXAMPLES.items()))


def get_example(name: str) -> Callable[[], Report]:
    _load_builtin_examples()
    if name not in EXAMPLES:
        close = [k for k in EXAMPLES if k.startswith(name)]
        hint = f"; did you mean {', '.join(close[:5])}?" if close else " (see `exact example`)"
        raise UnknownClaim(name, "unknown example" + hint)
    return EXAMPLES[name][0]
