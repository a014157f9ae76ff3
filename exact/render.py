r"""Verdicts, saved records and counterexamples as Markdown, LaTeX and HTML documents.

What a report shows, for each claim: its statement and source (when the claim is known), the
verdict, what the verdict covers (``scope``; instances, coverage, labelled instances, how many met
the hypothesis, undecided ones), the time, the erratum if any, and the counterexample as readable
tables. Counterexample data are plain JSON (see :mod:`exact.records`) and are rendered by shape,
without knowing the paper:

* a *preference profile* (a list of rankings, each a permutation of ``0..m-1``, or
  ``{"prefs": ..., "objects": m}``) becomes a ranking table: one row per agent, best first;
* a *matrix* of exact numbers becomes a matrix table; a random assignment (entries in
  ``[0, 1]``, rows summing to at most 1) is labelled agent by object; rationals ``"p/q"`` are
  printed as ``\frac{p}{q}`` in LaTeX;
* a *vector* (an allocation, a price vector) becomes a one-row table indexed from 0 (as in the
  record);
* scalars are collected into a field/value table, nested objects are rendered one level down,
  and anything else (deep certificates) is shown as compact JSON.

LaTeX
-----
Every LaTeX fragment uses only commands of plain LaTeX's ``article`` class: the preamble is
:data:`PREAMBLE` (``\documentclass{article}``, no package at all). ``<``, ``>`` and ``|`` are set
in math mode, and non-ASCII characters are mapped to LaTeX commands (Greek letters, relations) or
spelled ``[U+XXXX]``, so the output compiles with ``pdflatex`` without ``inputenc``/``fontenc``.

Examples
--------
>>> rec = {"claim": "demo/x", "verdict": "refuted", "label": "refuted", "instances": 3,
...        "total": 10, "sizes": [2], "seconds": "0.010", "scope": "sizes 2 of demo",
...        "counterexample": {"size": 2, "minimal": True, "index": 2,
...                           "instance": [[0, 1], [0, 1]], "violation": {"P": [["1/2", "1/2"],
...                                                                        ["1/2", "1/2"]]}}}
>>> md = render_records([rec], "markdown")
>>> "| agent 0 | 0 | 1 |" in md
True
>>> "\\frac{1}{2}" in render_records([rec], "latex")
True
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from typing import Any, Iterable, Optional, Sequence

__all__ = ["FORMATS", "PREAMBLE", "render_records", "render_verdict", "counterexample_nodes",
           "value_nodes", "latex_escape", "md_escape", "latex_document", "html_document", "emit", "show",
           "Shown", "record_of"]

FORMATS = ("markdown", "latex", "html")

#: the whole preamble every LaTeX output of ``exact`` needs: no package beyond the class
PREAMBLE = "\\documentclass{article}\n"

_FRAC = re.compile(r"(-?)(\d+)/(\d+)")
#: widest matrix / vector shown as a table (wider data is shown as compact JSON)
MAX_COLUMNS = 16
MAX_ROWS = 64
_ORD = {1: "st", 2: "nd", 3: "rd"}

# ---------------------------------------------------------------------------------------------
# LaTeX text escaping

_TEX_CHARS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
              "#": r"\#", "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}",
              "^": r"\textasciicircum{}", "<": "$<$", ">": "$>$", "|": "$|$"}
_TEX_UNICODE = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu",
    "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho", "σ": r"\sigma", "τ": r"\tau",
    "φ": r"\phi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta",
    "Θ": r"\Theta", "Λ": r"\Lambda", "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi",
    "Ω": r"\Omega", "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "≈": r"\approx", "×": r"\times",
    "·": r"\cdot", "−": "-", "→": r"\to", "←": r"\leftarrow", "⇒": r"\Rightarrow",
    "⇔": r"\Leftrightarrow", "∞": r"\infty", "∈": r"\in", "∉": r"\notin", "∪": r"\cup",
    "∩": r"\cap", "⊆": r"\subseteq", "⊂": r"\subset", "∅": r"\emptyset", "∑": r"\sum",
    "∏": r"\prod", "√": r"\surd", "±": r"\pm", "∀": r"\forall", "∃": r"\exists",
    "≻": r"\succ", "≽": r"\succeq", "≺": r"\prec", "≼": r"\preceq", "∼": r"\sim", "∂": r"\partial",
}
_TEX_TEXT = {"–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "…": r"\dots{}",
             "\u00a0": "~"}


def latex_escape(text: Any) -> str:
    """``text`` as LaTeX text that compiles under :data:`PREAMBLE` (no package).

    >>> print(latex_escape("a > b & 50% of x_1"))
    a $>$ b \\& 50\\% of x\\_1
    >>> print(latex_escape("φ ∪ {1}"))
    $\\phi$ $\\cup$ \\{1\\}
    """
    out = []
    text = str(text)
    for k, ch in enumerate(text):
        if ch == "-" and text[k + 1:k + 2] == "-":
            out.append("-{}")                  # "--" as typed, not an en dash (--size)
        elif ch in _TEX_CHARS:
            out.append(_TEX_CHARS[ch])
        elif ord(ch) < 128:
            out.append(ch if ch.isprintable() or ch == "\n" else " ")
        elif ch in _TEX_UNICODE:
            out.append(f"${_TEX_UNICODE[ch]}$")
        elif ch in _TEX_TEXT:
            out.append(_TEX_TEXT[ch])
        else:
            out.append(f"[U+{ord(ch):04X}]")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# document nodes: ("h", level, text) | ("p", text) | ("table", caption, headers, rows) |
# ("code", text). Table cells are plain JSON scalars (int, "p/q", str, bool, None) or, in a
# "kv" table, any JSON value (shown compactly).

def _is_scalar(v: Any) -> bool:
    return v is None or isinstance(v, (bool, int, str))


def _number(v: Any) -> Optional[tuple[int, int]]:
    """``(p, q)`` when ``v`` is an exact number of a record (an int or a ``"p/q"`` string)."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v, 1
    if isinstance(v, str):
        m = _FRAC.fullmatch(v)
        if m and int(m.group(3)) != 0:
            p = int(m.group(2)) * (-1 if m.group(1) else 1)
            return p, int(m.group(3))
        if re.fullmatch(r"-?\d+", v):
            return int(v), 1
    return None


def _rectangular(value: Any) -> bool:
    return (isinstance(value, list) and 0 < len(value) <= MAX_ROWS and
            all(isinstance(r, list) and r for r in value) and
            len({len(r) for r in value}) == 1 and len(value[0]) <= MAX_COLUMNS)


def _is_profile(value: Any) -> bool:
    """A list of complete strict rankings of the objects ``0..m-1`` (m >= 2)."""
    if not _rectangular(value):
        return False
    m = len(value[0])
    return m >= 2 and all(all(isinstance(o, int) and not isinstance(o, bool) for o in r) and
                          sorted(r) == list(range(m)) for r in value)


def _is_assignment(value: list) -> bool:
    """A matrix of exact probabilities, rows summing to at most 1, some entry fractional."""
    from fractions import Fraction
    nums = [[_number(x) for x in r] for r in value]
    if any(x is None for r in nums for x in r):
        return False
    fr = [[Fraction(p, q) for p, q in r] for r in nums]
    return (any(x.denominator != 1 for r in fr for x in r) and
            all(0 <= x <= 1 for r in fr for x in r) and all(sum(r) <= 1 for r in fr))


_PROFILE_HINT = re.compile(r"(instance|profile|prefs|preference|ranking|report)", re.I)


def _ordinal(k: int) -> str:
    return f"{k}{'th' if 10 <= k % 100 <= 20 else _ORD.get(k % 10, 'th')}"


def value_nodes(name: str, value: Any, depth: int = 0) -> list:
    """Document nodes showing one JSON value named ``name`` (see the module docstring)."""
    if isinstance(value, dict) and set(value) <= {"prefs", "objects"} and \
            _is_profile(value.get("prefs")):
        value = value["prefs"]
        return value_nodes(name, value, depth)
    if _is_profile(value) and (_PROFILE_HINT.search(name) or depth == 0):
        m = len(value[0])
        return [("table", f"{name}: rankings, best first", ["agent"] +
                 [_ordinal(k) for k in range(1, m + 1)],
                 [[f"agent {i}"] + list(r) for i, r in enumerate(value)])]
    if _rectangular(value) and all(_is_scalar(x) for r in value for x in r):
        n, m = len(value), len(value[0])
        if _is_assignment(value):
            return [("table", f"{name}: random assignment (row: agent, column: object)",
                     ["agent \\ object"] + [str(j) for j in range(m)],
                     [[f"agent {i}"] + list(r) for i, r in enumerate(value)])]
        return [("table", f"{name}: {n} x {m} matrix", [""] + [str(j) for j in range(m)],
                 [[str(i)] + list(r) for i, r in enumerate(value)])]
    if isinstance(value, list) and 1 < len(value) <= MAX_COLUMNS and \
            all(_is_scalar(x) for x in value):
        return [("table", name, [str(j) for j in range(len(value))], [list(value)])]
    if isinstance(value, dict) and value and depth < 2:
        scalars = [[k, v] for k, v in value.items() if _is_scalar(v) or
                   (isinstance(v, list) and len(v) <= 1 and all(_is_scalar(x) for x in v))]
        out = [("table", name, ["field", "value"], scalars)] if scalars else []
        for k, v in value.items():
            if not (_is_scalar(v) or (isinstance(v, list) and len(v) <= 1 and
                                      all(_is_scalar(x) for x in v))):
                out += value_nodes(f"{name}.{k}", v, depth + 1)
        return out
    if _is_scalar(value):
        return [("table", name, ["field", "value"], [[name, value]])]
    return [("p", f"{name}:"), ("code", _compact(value))]


def _compact(value: Any, width: int = 80) -> str:
    text = json.dumps(value, separators=(", ", ": "), sort_keys=False)
    return "\n".join(textwrap.wrap(text, width, break_long_words=True,
                                   break_on_hyphens=False)) or text


def counterexample_nodes(cx: dict) -> list:
    """Nodes showing a saved counterexample: size, minimality, the instance, the violation."""
    if not isinstance(cx, dict):
        return [("p", "counterexample:"), ("code", _compact(cx))]
    facts = []
    if "size" in cx:
        facts.append(f"size {cx['size']}")
    if "index" in cx:
        facts.append(f"instance #{cx['index']} of its size in the canonical order")
    if "minimal" in cx:
        facts.append("minimal (the first failing instance of the smallest failing size)"
                     if cx["minimal"] else "not known to be minimal")
    out = [("h", 3, "Counterexample"), ("p", "; ".join(facts) + ".")] if facts else \
        [("h", 3, "Counterexample")]
    if "instance" in cx:
        out += value_nodes("instance", cx["instance"])
    viol = cx.get("violation")
    if isinstance(viol, dict):
        out += value_nodes("violation", viol, depth=0) if viol else []
    elif viol is not None:
        out += value_nodes("violation", viol)
    rest = {k: v for k, v in cx.items() if k not in ("size", "index", "minimal", "instance",
                                                      "violation")}
    if rest:
        out += value_nodes("other", rest)
    return out


# ---------------------------------------------------------------------------------------------
# verdicts and records

def record_of(verdict: Any) -> dict:
    """A record-like dict of a :class:`~exact.claims.Verdict` (or a record dict, unchanged)."""
    if isinstance(verdict, dict):
        return verdict
    d = verdict.to_json()
    d.pop("witnesses", None)
    return d


def _seconds(rec: dict) -> str:
    s = rec.get("seconds")
    if isinstance(s, str) and re.fullmatch(r"\d+(\.\d+)?", s):
        return s
    if isinstance(s, (int, float)) and not isinstance(s, bool):
        return f"{s:.3f}"
    return "?"


def _instances(rec: dict) -> str:
    inst, total = rec.get("instances"), rec.get("total")
    text = f"{inst:,}" if isinstance(inst, int) else "?"
    if rec.get("verdict") == "inconclusive" and isinstance(total, int):
        text += f" of {total:,}"
    return text


def verdict_nodes(rec: dict, *, heading: int = 2, info: Optional[dict] = None) -> list:
    """Nodes of one verdict: heading, statement, verdict table, erratum, counterexample.

    ``info`` may add ``statement`` and ``source`` (from the registry; records do not keep them).
    """
    info = info or {}
    out: list = [("h", heading, str(rec.get("claim", "?")))]
    if info.get("statement"):
        src = f" ({info['source']})" if info.get("source") else ""
        out.append(("p", f"Statement{src}: {info['statement']}"))
    rows = [["verdict", rec.get("label") or rec.get("verdict")]]
    if rec.get("scope"):
        rows.append(["covers", rec["scope"]])
    rows.append(["instances", _instances(rec)])
    for key, label in (("coverage", "coverage"), ("weighted", "labelled instances"),
                       ("met", "met the hypothesis"), ("undecided", "undecided"),
                       ("reason", "reason"), ("method", "method"), ("domain", "domain")):
        v = rec.get(key)
        if v not in (None, "", 0) or (key == "met" and v == 0):
            rows.append([label, f"{v:,}" if isinstance(v, int) and not isinstance(v, bool)
                         else v])
    if rec.get("sizes"):
        rows.append(["sizes", ", ".join(map(str, rec["sizes"]))])
    rows.append(["seconds", _seconds(rec)])
    if rec.get("error"):
        rows.append(["error", rec["error"]])
    out.append(("table", "", ["", ""], rows))
    if rec.get("erratum"):
        out.append(("p", f"Known erratum: {rec['erratum']}"))
    if rec.get("counterexample") is not None:
        out += counterexample_nodes(rec["counterexample"])
    return out


def summary_nodes(records: Sequence[dict]) -> list:
    rows = []
    for r in records:
        met = r.get("met")
        rows.append([r.get("claim"), r.get("label") or r.get("verdict"), _instances(r),
                     f"{met:,}" if isinstance(met, int) and not isinstance(met, bool) else "",
                     ", ".join(map(str, r.get("sizes") or [])), _seconds(r)])
    counts: dict = {}
    total = 0.0
    for r in records:
        label = str(r.get("label") or r.get("verdict"))
        counts[label] = counts.get(label, 0) + 1
        s = _seconds(r)
        total += float(s) if s != "?" else 0.0      # a time shown, never a verdict
    line = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    return [("table", "Summary", ["claim", "verdict", "instances", "met", "sizes", "seconds"],
             rows), ("p", f"{len(records)} claims: {line}; {total:.1f} s of checking in all.")]


def render_records(records: Iterable[Any], fmt: str = "markdown", *, title: str = "exact report",
                   info: Optional[dict] = None, standalone: bool = True) -> str:
    """A document of several verdicts or saved records (dicts as written by :mod:`exact.records`).

    ``info[claim_id]`` may give ``statement`` and ``source``; ``standalone`` wraps LaTeX and
    HTML in a complete document (LaTeX: :data:`PREAMBLE` + ``document``).
    """
    recs = [record_of(r) for r in records]
    nodes: list = [("h", 1, title)] + summary_nodes(recs)
    for r in recs:
        nodes += verdict_nodes(r, info=(info or {}).get(r.get("claim")))
    body = emit(nodes, fmt)
    if not standalone or fmt == "markdown":
        return body
    return latex_document(body) if fmt == "latex" else html_document(body, title)


def render_verdict(verdict: Any, fmt: str = "markdown", *, standalone: bool = False) -> str:
    """One verdict (a :class:`~exact.claims.Verdict` or a record dict) as a fragment or document."""
    from .claims import REGISTRY
    rec = record_of(verdict)
    c = REGISTRY.get(rec.get("claim"))
    info = {"statement": c.statement, "source": c.source} if c is not None else None
    body = emit(verdict_nodes(rec, info=info), fmt)
    if not standalone or fmt == "markdown":
        return body
    title = str(rec.get("claim", "verdict"))
    return latex_document(body, title) if fmt == "latex" else html_document(body, title)


def latex_document(body: str, title: str = "") -> str:
    """A complete LaTeX document: :data:`PREAMBLE`, then ``body``."""
    return (PREAMBLE + "\\begin{document}\n" +
            (f"\\section*{{{latex_escape(title)}}}\n" if title else "") + body +
            "\n\\end{document}\n")


_CSS = ("body{font-family:sans-serif;max-width:60em;margin:auto}"
        "table{border-collapse:collapse;margin:.5em 0}"
        "td,th{border:1px solid #bbb;padding:2px 6px;text-align:left}"
        "caption{text-align:left;font-style:italic}pre{background:#f4f4f4;padding:4px}")


def html_document(body: str, title: str = "") -> str:
    """A complete HTML5 page around ``body``."""
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
            f"</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n")


# ---------------------------------------------------------------------------------------------
# emitters

def _cell(v: Any, fmt: str) -> str:
    num = _number(v) if not isinstance(v, str) or _FRAC.fullmatch(v) else None
    if isinstance(v, bool):
        text = "true" if v else "false"
    elif v is None:
        text = "--" if fmt == "latex" else "-"
        return text
    elif num is not None and fmt == "latex":
        p, q = num
        return f"${'-' if p < 0 else ''}\\frac{{{abs(p)}}}{{{q}}}$" if q != 1 else f"${p}$"
    elif isinstance(v, (int, str)):
        text = str(v)
    else:
        text = json.dumps(v, separators=(",", ":"))
    if fmt == "latex":
        return latex_escape(text) if _is_scalar(v) else f"\\texttt{{{latex_escape(text)}}}"
    if fmt == "html":
        return html.escape(text)
    return md_escape(text).replace("|", "\\|").replace("\n", " ")


def md_escape(text: str) -> str:
    """Markdown text that shows as typed: no accidental links (``[a](b)``), emphasis or HTML."""
    return re.sub(r"([\\`*\[\]<>])", r"\\\1", text)


def _text(s: str, fmt: str) -> str:
    if fmt == "latex":
        return latex_escape(s)
    if fmt == "html":
        return html.escape(s)
    return md_escape(s)


def emit(nodes: Sequence, fmt: str) -> str:
    """Render document nodes in ``fmt`` (``markdown``, ``latex`` or ``html``)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    parts = []
    for node in nodes:
        kind = node[0]
        if kind == "h":
            _, level, text = node
            if fmt == "markdown":
                parts.append("#" * level + " " + text)
            elif fmt == "html":
                parts.append(f"<h{level}>{html.escape(text)}</h{level}>")
            else:
                cmd = {1: "section*", 2: "subsection*"}.get(level, "subsubsection*")
                parts.append(f"\\{cmd}{{{latex_escape(text)}}}")
        elif kind == "p":
            parts.append(f"<p>{html.escape(node[1])}</p>" if fmt == "html" else
                         _text(node[1], fmt))
        elif kind == "code":
            if fmt == "markdown":
                parts.append(f"```json\n{node[1]}\n```")
            elif fmt == "html":
                parts.append(f"<pre>{html.escape(node[1])}</pre>")
            else:
                parts.append("{\\footnotesize\n\\begin{verbatim}\n" +
                             node[1].replace("\\end{verbatim}", "\\end {verbatim}") +
                             "\n\\end{verbatim}\n}")
        elif kind == "table":
            parts.append(_table(node[1], node[2], node[3], fmt))
        else:
            raise ValueError(f"unknown node kind {kind!r}")
    return "\n\n".join(parts) + "\n"


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    cells = [[_cell(v, fmt) for v in r] for r in rows]
    heads = [_text(h, fmt) for h in headers]
    show_head = any(h for h in headers)
    if fmt == "markdown":
        if not show_head:
            heads = [" "] * len(headers)
        lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        lines += ["| " + " | ".join(r) + " |" for r in cells]
        return (f"*{caption}*\n\n" if caption else "") + "\n".join(lines)
    if fmt == "html":
        cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
        head = ("<tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr>") if show_head else ""
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in cells)
        return f"<table>{cap}{head}{body}</table>"
    return latex_table(caption, heads, cells, show_head)


def latex_table(caption: str, heads: Sequence[str], cells: Sequence[Sequence[str]],
                show_head: bool = True, chunk: int = 40) -> str:
    """A ``tabular`` in a ``center`` block, the caption above it in italics (no package).

    ``heads`` and ``cells`` are LaTeX already. A column of long prose wraps in a paragraph
    column (``p{..}``); a table of more than ``chunk`` rows is cut into several tabulars, which
    plain LaTeX can break across pages.
    """
    ncols = max(len(heads), max((len(r) for r in cells), default=1))
    longest = [max([len(r[j]) for r in cells if j < len(r) and " " in r[j]] + [0])
               for j in range(ncols)]
    wide = [j for j in range(ncols) if longest[j] > 40]
    share = max(0.2, (0.9 - 0.12 * (ncols - len(wide))) / len(wide)) if wide else 0
    cols = "".join(f"p{{{share:.2f}\\linewidth}}" if j in wide else "l" for j in range(ncols))
    parts = []
    for k in range(0, max(len(cells), 1), chunk):
        lines = ["\\begin{center}"]
        if any("\\frac" in c for r in cells for c in r):
            lines.append("\\renewcommand{\\arraystretch}{1.4}")   # room for fractions (local)
        if caption:
            more = " (continued)" if k else ""
            lines.append(f"\\textit{{{latex_escape(caption)}{more}}}\\\\[2pt]")
        lines.append(f"\\begin{{tabular}}{{{cols}}}")
        lines.append("\\hline")
        if show_head:
            lines.append(" & ".join(heads) + " \\\\ \\hline")
        lines += [" & ".join(r) + " \\\\" for r in cells[k:k + chunk]]
        lines += ["\\hline", "\\end{tabular}", "\\end{center}"]
        parts.append("\n".join(lines))
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# rich display in notebooks

class Shown:
    """A JSON value (a counterexample, an allocation, a random assignment, a profile) with
    notebook displays: ``_repr_html_``, ``_repr_latex_`` (a fragment under :data:`PREAMBLE`, used
    by nbconvert's PDF export) and ``_repr_markdown_``.

    >>> from exact.numbers import Q
    >>> s = show([[Q(1, 2), Q(1, 2)], [Q(1, 2), Q(1, 2)]], "P")
    >>> "random assignment" in s._repr_html_()
    True
    """

    def __init__(self, value: Any, name: str = "value"):
        from .numbers import to_jsonable
        self.name = name
        self.value = to_jsonable(value)

    def nodes(self) -> list:
        if self.name == "counterexample" and isinstance(self.value, dict):
            return counterexample_nodes(self.value)
        return value_nodes(self.name, self.value)

    def _repr_html_(self) -> str:
        return emit(self.nodes(), "html")

    def _repr_latex_(self) -> str:
        return emit(self.nodes(), "latex")

    def _repr_markdown_(self) -> str:
        return emit(self.nodes(), "markdown")

    def __repr__(self) -> str:
        return f"Shown({self.name}={_compact(self.value)})"


def show(value: Any, name: str = "value") -> Shown:
    """Wrap ``value`` (exact numbers allowed) for rich display in a notebook."""
    return Shown(value, name)
