"""SQLite journal: every finished shard is committed atomically, so a killed run can resume.

A *run* is identified by a key hashed from the claim id, the domain's parameters, the sizes and
the shard size; its shards are rows ``(size, start, stop)`` with the outcome of that index range.
Each row carries a SHA-256 digest of its content: a row edited or truncated by hand is detected
and reported, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from typing import Any, Optional

from .errors import InputError

__all__ = ["Journal", "run_key", "JournalError"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run TEXT PRIMARY KEY, claim TEXT NOT NULL, params TEXT NOT NULL, started REAL NOT NULL,
    verdict TEXT);
CREATE TABLE IF NOT EXISTS shards (
    run TEXT NOT NULL, size INTEGER NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL,
    body TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (run, size, start));
"""


class JournalError(InputError):
    """The journal file is unreadable, corrupted or was edited."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"journal {path}", problem)


def run_key(claim_id: str, params: dict) -> str:
    blob = json.dumps({"claim": claim_id, **params}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def _digest(run: str, size: int, start: int, stop: int, body: str) -> str:
    return hashlib.sha256(f"{run}|{size}|{start}|{stop}|{body}".encode()).hexdigest()


class Journal:
    """A resumable record of shard results in one SQLite file (WAL mode, one commit a shard)."""

    def __init__(self, path: str):
        self.path = str(path)
        parent = os.path.dirname(self.path)
        try:
            if parent:
                os.makedirs(parent, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(SCHEMA)
            ok = self.db.execute("PRAGMA quick_check").fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise JournalError(self.path, f"not a readable journal ({type(exc).__name__})") \
                from None
        except OSError as exc:
            raise JournalError(self.path, f"cannot create: {exc.strerror or exc}") from None
        if not ok or ok[0] != "ok":
            raise JournalError(self.path, f"integrity check failed: {ok}")

    def begin(self, run: str, claim_id: str, params: dict, resume: bool) -> dict:
        """Start (or, with ``resume``, continue) a run; returns the finished shards by (size, start)."""
        try:
            row = self.db.execute("SELECT params FROM runs WHERE run=?", (run,)).fetchone()
            if row is None or not resume:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.execute("DELETE FROM shards WHERE run=?", (run,))
                self.db.execute("INSERT OR REPLACE INTO runs VALUES (?,?,?,?,NULL)",
                                (run, claim_id, json.dumps(params, sort_keys=True), time.time()))
                self.db.execute("COMMIT")
                return {}
            return self.finished(run)
        except sqlite3.DatabaseError as exc:
            raise JournalError(self.path, f"cannot start run ({exc})") from None

    def finished(self, run: str) -> dict:
        try:
            rows = self.db.execute("SELECT size, start, stop, body, digest FROM shards "
                                   "WHERE run=?", (run,)).fetchall()
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise JournalError(self.path, f"unreadable shard rows ({type(exc).__name__}: {exc}); "
                                          f"delete the journal to start over") from None
        done = {}
        for size, start, stop, body, digest in rows:
            if not all(isinstance(v, int) for v in (size, start, stop)) or not all(
                    isinstance(v, str) for v in (body, digest)):
                raise JournalError(self.path, "a shard row has the wrong column types")
            if _digest(run, size, start, stop, body) != digest:
                raise JournalError(self.path, f"shard (size {size}, start {start}) was altered: "
                                              f"digest mismatch; delete the journal to start over")
            try:
                done[(size, start)] = json.loads(body)
            except ValueError:
                raise JournalError(self.path, f"shard (size {size}, start {start}) is not JSON") \
                    from None
        return done

    def record(self, run: str, size: int, start: int, stop: int, result: dict) -> None:
        """Commit one finished shard atomically."""
        body = json.dumps(result, sort_keys=True, separators=(",", ":"))
        try:
            self.db.execute("INSERT OR REPLACE INTO shards VALUES (?,?,?,?,?,?)",
                            (run, size, start, stop, body, _digest(run, size, start, stop, body)))
        except sqlite3.Error as exc:
            raise JournalError(self.path, f"cannot record a shard: {exc}") from None

    def close_run(self, run: str, verdict: dict) -> None:
        self.db.execute("UPDATE runs SET verdict=? WHERE run=?",
                        (json.dumps(verdict, sort_keys=True), run))

    def close(self) -> None:
        self.db.close()
