"""Which claims a command line names: ids, paper keys, patterns, ``-k`` expressions.

The rules, as in pytest and the shells people already use:

- an id (``sef/theorem-1``) selects exactly that claim, never ``sef/theorem-10`` too;
- a paper key (``sef``) selects every claim of that paper;
- a pattern with ``*``, ``?`` or ``[...]`` (``sef/theorem-*``) selects the ids it matches
  (:func:`fnmatch.fnmatchcase`);
- ``path/to/claims.py`` or ``path/to/claims.py::name`` loads a user's file;
- ``-k EXPR`` keeps the claims whose id matches a keyword expression: words are
  case-insensitive substrings of the id, combined with ``and``, ``or``, ``not`` and
  parentheses (``-k "theorem and not 11"``).

A selector that matches nothing is an error with the nearest ids ("did you mean").
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from typing import Callable, Iterable, Optional

from .errors import InputError, UnknownClaim

__all__ = ["select", "keyword_filter", "suggest"]

_GLOB = re.compile(r"[*?\[]")


def suggest(word: str, names: Iterable[str], n: int = 3) -> str:
    """``" (did you mean a, b?)"`` for the names nearest to ``word``, or ``""``."""
    names = list(names)
    stem = [k for k in names if k.startswith(word)]
    if len(stem) > 1:  # a prefix typed as if it were an id: offer the pattern first
        near = [word + ("*" if word.endswith(("/", "-")) else "-*")]
    else:
        near = difflib.get_close_matches(word, names, n=n, cutoff=0.6) or stem
    return f" (did you mean {', '.join(near)}?)" if near else ""


def select(selectors: list[str], registry: dict, load_file: Callable[[str], list],
           papers: Iterable[str] = ()) -> dict:
    """The claims the selectors name, as ``{id: claim}`` (order: as found).

    ``registry`` maps ids to claims, ``load_file`` loads a user's claim file, ``papers`` are the
    installed paper keys (a key selects its paper even if its claims are not loaded yet).
    """
    out: dict = {}
    keys = {k.split("/", 1)[0] for k in registry} | set(papers)
    for sel in selectors:
        if not isinstance(sel, str) or not sel.strip():
            raise InputError("claim", f"empty selector {sel!r}")
        if "::" in sel or sel.endswith(".py"):
            for c in load_file(sel):
                out[c.id] = c
            continue
        if sel in registry:
            out[sel] = registry[sel]
            continue
        if _GLOB.search(sel):
            hits = [k for k in registry if fnmatch.fnmatchcase(k, sel)]
            if not hits:
                raise UnknownClaim(sel, "no registered claim matches this pattern"
                                        + suggest(sel.replace("*", ""), registry))
        elif sel.rstrip("/") in keys:
            key = sel.rstrip("/")
            hits = [k for k in registry if k.startswith(key + "/")]
        else:
            raise UnknownClaim(sel, "no registered claim has this id and no paper this key"
                               + suggest(sel, list(registry) + sorted(keys))
                               + " (see `exact list`)")
        for k in hits:
            out[k] = registry[k]
    return out


# --- -k expressions: a small recursive-descent parser (never eval) ----------------------------

_TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")


def keyword_filter(expr: str) -> Callable[[str], bool]:
    """A predicate on claim ids from a pytest-style ``-k`` expression."""
    if not isinstance(expr, str) or not expr.strip():
        raise InputError("-k", "empty expression")
    tokens = _TOKEN.findall(expr)
    if "".join(tokens) != re.sub(r"\s+", "", expr):
        raise InputError("-k", f"cannot read {expr!r}")
    pos = 0

    def peek() -> Optional[str]:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        tok = peek()
        if tok is None:
            raise InputError("-k", f"{expr!r}: unexpected end of expression")
        pos += 1
        return tok

    def disjunction():
        parts = [conjunction()]
        while peek() == "or":
            take()
            parts.append(conjunction())
        return lambda s: any(p(s) for p in parts)

    def conjunction():
        parts = [negation()]
        while peek() == "and":
            take()
            parts.append(negation())
        return lambda s: all(p(s) for p in parts)

    def negation():
        if peek() == "not":
            take()
            inner = negation()
            return lambda s: not inner(s)
        return atom()

    def atom():
        tok = take()
        if tok == "(":
            inner = disjunction()
            if take() != ")":
                raise InputError("-k", f"{expr!r}: expected ')'")
            return inner
        if tok in (")", "and", "or"):
            raise InputError("-k", f"{expr!r}: unexpected {tok!r}")
        word = tok.lower()
        return lambda s: word in s.lower()

    pred = disjunction()
    if peek() is not None:
        raise InputError("-k", f"{expr!r}: unexpected {peek()!r}")
    return pred
