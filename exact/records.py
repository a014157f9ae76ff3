"""Saved records: the JSON file of one verdict, written atomically and read back strictly.

A record holds the claim id, the verdict, the sizes and counts, and the counterexample or the
witnesses, all as plain JSON (rationals as ``"p/q"`` strings): enough for
:func:`exact.checker.replay` to re-verify it without re-running the search.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

from .errors import InputError

__all__ = ["FORMAT", "make_record", "save_record", "load_record", "record_path"]

FORMAT = "exact-record/1"
MAX_BYTES = 256 * 1024 * 1024


def make_record(verdict, claim) -> dict:
    """The record of ``verdict`` for ``claim`` (a user's claim also names its file)."""
    from . import __version__
    rec = {"format": FORMAT, "exact_version": __version__,
           "domain_params": claim.domain.describe()}
    if getattr(claim, "source_file", None):
        rec["claim_file"] = claim.source_file
    rec.update(verdict.to_json())
    rec["seconds"] = f"{verdict.seconds:.3f}"  # a timing, not data: kept as text, never a float
    return rec


def record_path(out_dir: str, claim_id: str, suffix: str = "") -> str:
    return os.path.join(out_dir, claim_id.replace("/", "__") + suffix + ".json")


def save_record(record: dict, path: str) -> str:
    """Write ``record`` to ``path`` atomically (temporary file, fsync, rename)."""
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(record, f, indent=1, sort_keys=True)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def _no_floats(value: str):
    raise InputError("record", f"non-exact number {value!r}: records hold rationals as strings")


def load_record(path: str) -> dict:
    """Read a record strictly: a JSON object of the right format, no floats, no NaN."""
    if not os.path.isfile(path):
        raise InputError(str(path), "no such file")
    if os.path.getsize(path) > MAX_BYTES:
        raise InputError(str(path), "file too large for a record")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (UnicodeDecodeError, OSError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from None
    try:
        data: Any = json.loads(text, parse_float=_no_floats, parse_constant=_no_floats)
    except RecursionError:
        raise InputError(str(path), "JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"malformed JSON at line {exc.lineno} column {exc.colno}: "
                                    f"{exc.msg}") from None
    except ValueError as exc:  # e.g. an integer literal beyond Python's 4300-digit limit
        raise InputError(str(path), f"unreadable JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "a record must be a JSON object")
    if data.get("format") != FORMAT:
        raise InputError(f"{path}: format", f"expected {FORMAT!r}, got {data.get('format')!r}")
    for key, kind in (("claim", str), ("verdict", str)):
        if not isinstance(data.get(key), kind):
            raise InputError(f"{path}: {key}", f"missing or not a {kind.__name__}")
    return data
