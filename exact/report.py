"""Worked examples and reports: exact tables rendered as text, Markdown, LaTeX or JSON.

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
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any, Callable, Optional, Sequence

from .errors import UnknownClaim
from .numbers import q_tex, to_jsonable

__all__ = ["Table", "Report", "example", "EXAMPLES", "get_example", "all_examples", "FORMATS"]

FORMATS = ("text", "markdown", "latex", "json")


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

    def render(self, fmt: str = "text") -> str:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        if fmt == "json":
            return json.dumps({"title": self.title, "source": self.source,
                               "values": to_jsonable(self.values),
                               "blocks": [_block_json(b) for b in self.blocks]}, indent=1)
        out = [_heading(self.title, self.source, fmt)]
        for b in self.blocks:
            out.append(_render_table(b, fmt) if isinstance(b, Table) else _para(str(b), fmt))
        return "\n\n".join(out) + "\n"


def _cell(v: Any, fmt: str) -> str:
    if isinstance(v, str):
        return _tex_escape(v) if fmt == "latex" else v
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


def _tex_escape(s: str) -> str:
    return re.sub(r"([&%#_$])", r"\\\1", s)


def _heading(title: str, source: str, fmt: str) -> str:
    src = f" ({source})" if source else ""
    if fmt == "markdown":
        return f"## {title}\n\n_Source: {source}_" if source else f"## {title}"
    if fmt == "latex":
        return f"\\subsection*{{{_tex_escape(title)}}}" + (
            f"\n\\emph{{Source: {_tex_escape(source)}}}" if source else "")
    return f"{title}{src}\n{'=' * len(title + src)}"


def _para(text: str, fmt: str) -> str:
    return _tex_escape(text) if fmt == "latex" else text


def _render_table(t: Table, fmt: str) -> str:
    rows = t.cells(fmt)
    heads = [_tex_escape(h) if fmt == "latex" else h for h in t.headers]
    if fmt == "markdown":
        lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return (f"*{t.caption}*\n\n" if t.caption else "") + "\n".join(lines)
    if fmt == "latex":
        body = " \\\\\n".join(" & ".join(r) for r in rows)
        cap = f"\\caption*{{{_tex_escape(t.caption)}}}\n" if t.caption else ""
        return (f"\\begin{{table}}[h]\n{cap}\\begin{{tabular}}{{{'l' * len(heads)}}}\n"
                f"{' & '.join(heads)} \\\\ \\hline\n{body}\n\\end{{tabular}}\n\\end{{table}}")
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
