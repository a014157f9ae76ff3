"""Saved records: the JSON file of one verdict, written atomically and read back strictly.

A record holds the claim id, the verdict, the sizes and counts, what the verdict covers
(``scope``), the digest of the code that produced it (``code_digest``) and the counterexample,
all as plain JSON (rationals as ``"p/q"`` strings). The witnesses and certificates of a verified
run (all of them, not a sample) are kept beside it in a compressed sidecar
``<record>.witnesses.json.gz``, bound to the record by its SHA-256 (``witness_file``); loading a
record reads the sidecar back and rejects one that does not match.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import zlib
from typing import Any

from .errors import InputError

__all__ = ["FORMAT", "make_record", "save_record", "load_record", "record_path", "sidecar_path",
           "keeps_stronger"]

FORMAT = "exact-record/1"
MAX_BYTES = 256 * 1024 * 1024


def make_record(verdict, claim) -> dict:
    """The record of ``verdict`` for ``claim`` (a user's claim also names its file)."""
    from . import __version__
    rec = {"format": FORMAT, "exact_version": __version__,
           "domain_params": claim.domain.describe()}
    if getattr(claim, "source_file", None):
        # a hint for people; replay takes the judge from the user's --claims, never from here
        rec["claim_file"] = claim.source_file
    rec.update(verdict.to_json())
    rec["seconds"] = f"{verdict.seconds:.3f}"  # a timing, not data: kept as text, never a float
    return rec


def record_path(out_dir: str, claim_id: str, suffix: str = "") -> str:
    return os.path.join(out_dir, claim_id.replace("/", "__") + suffix + ".json")


def _atomic_write(path: str, data: bytes) -> None:
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=".tmp-")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)        # mkstemp's 0600 would hide records from others
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def sidecar_path(path: str) -> str:
    return path[:-5] + ".witnesses.json.gz" if path.endswith(".json") else \
        path + ".witnesses.json.gz"


def save_record(record: dict, path: str) -> str:
    """Write ``record`` to ``path`` atomically (temporary file, fsync, rename).

    Its witnesses go to the sidecar first (``sidecar_path``), so a record on disk never names
    a sidecar that is not there; the record keeps the sidecar's name, count and SHA-256.
    """
    rec = dict(record)
    wits = rec.pop("witnesses", None)
    side = sidecar_path(path)
    if wits:
        blob = gzip.compress(json.dumps(wits, sort_keys=True, separators=(",", ":")).encode(),
                             mtime=0)
        _atomic_write(side, blob)
        rec["witness_file"] = {"name": os.path.basename(side), "count": len(wits),
                               "sha256": hashlib.sha256(blob).hexdigest()}
    elif os.path.exists(side):
        os.unlink(side)
    text = json.dumps(rec, indent=1, sort_keys=True) + "\n"
    _atomic_write(path, text.encode())
    return path


def _no_floats(value: str):
    raise InputError("record", f"non-exact number {value!r}: records hold rationals as strings")


def load_record(path: str, sidecar: bool = True) -> dict:
    """Read a record strictly: a JSON object of the right format, no floats, no NaN.

    ``sidecar=False`` skips the witness sidecar (a report shows what a record says; replay,
    which loads it, is what re-verifies)."""
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
    if "witnesses" in data:
        raise InputError(f"{path}: witnesses", "witnesses belong in the sidecar (witness_file)")
    for key, kind in (("sizes", list), ("instances", int), ("total", int),
                      ("counterexample", dict), ("scope", str), ("erratum", str)):
        if key in data and not isinstance(data[key], kind):
            raise InputError(f"{path}: {key}", f"expected a {kind.__name__}, got "
                                               f"{type(data[key]).__name__}")
    if "witness_file" in data and sidecar:
        data["witnesses"] = _load_sidecar(str(path), data["witness_file"])
    return data


def _load_sidecar(path: str, ref) -> list:
    """The record's witnesses, from its sidecar, checked against the record's SHA-256."""
    field = f"{path}: witness_file"
    if not isinstance(ref, dict) or not all(isinstance(ref.get(k), t) for k, t in
                                            (("name", str), ("count", int), ("sha256", str))):
        raise InputError(field, "malformed (name, count, sha256 expected)")
    side = sidecar_path(path)
    if ref["name"] != os.path.basename(side):
        raise InputError(field, f"names {ref['name']!r}, expected {os.path.basename(side)!r}")
    if not os.path.isfile(side):
        raise InputError(field, f"the sidecar {side} is missing")
    if os.path.getsize(side) > MAX_BYTES:
        raise InputError(field, "sidecar too large")
    with open(side, "rb") as f:
        blob = f.read()
    if hashlib.sha256(blob).hexdigest() != ref["sha256"]:
        raise InputError(field, "the sidecar does not match the record (SHA-256 differs)")
    try:
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)    # gzip framing
        raw = inflate.decompress(blob, 4 * MAX_BYTES)
        if inflate.unconsumed_tail:
            raise InputError(field, "sidecar inflates beyond the size limit")
        text = raw.decode("utf-8")
        wits = json.loads(text, parse_float=_no_floats, parse_constant=_no_floats)
    except (OSError, EOFError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(field, f"unreadable sidecar ({type(exc).__name__})") from None
    if not isinstance(wits, list) or len(wits) != ref["count"]:
        raise InputError(field, f"the sidecar holds {len(wits) if isinstance(wits, list) else 'no'}"
                                f" witnesses, the record says {ref['count']}")
    return wits


def _strength(rec: dict) -> int:
    kind = rec.get("verdict")
    if kind == "verified":
        return 3
    if kind == "refuted":
        cx = rec.get("counterexample")
        return 3 if isinstance(cx, dict) and cx.get("minimal") else 2
    return 1 if kind == "error" else 0


def keeps_stronger(path: str, new: dict) -> bool:
    """Would writing ``new`` over the record at ``path`` lose a stronger verdict?

    True when the saved record is of the same claim and the same code, covers at least the new
    run's sizes, and is stronger, or as strong over strictly more sizes (verified or a minimal refutation beats a non-minimal
    refutation, which beats an error, which beats inconclusive).
    """
    try:
        old = load_record(path)
    except InputError:
        return False
    return (old.get("claim") == new.get("claim") and
            old.get("code_digest") == new.get("code_digest") and
            isinstance(old.get("sizes"), list) and
            set(new.get("sizes", [])) <= set(old["sizes"]) and (
                _strength(old) > _strength(new) or (
                    _strength(old) == _strength(new) and set(new["sizes"]) < set(old["sizes"]))))
