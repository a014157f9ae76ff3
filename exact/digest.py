"""The code a verdict rests on, as one digest: records and journal shards are bound to it.

A verdict is a statement about a claim *as coded*. :func:`claim_digest` hashes

* the source of every module of the ``exact`` package (the engine, the checker, the library),
* the source of every module of the package (or the single file) that defines the claim's
  predicate, its replay function and its domain: for a built-in claim, its whole paper
  package (``proofs/sef/``); for a user's claim, the user's file (and, when the claim uses a
  built-in domain, that domain's paper package),
* the domain's parameters (:meth:`exact.claims.Domain.describe`) and the claim's own
  declarations (id, sizes, invariance, expectation), and the package version.

So a changed claim never re-uses journalled shards, and a record replayed under different code
says so. What it does not see: code imported from outside those packages (a user's own helper
modules in other files, third-party libraries); a user who edits such code should re-run
without ``--resume``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys

__all__ = ["claim_digest", "source_digest"]


def _tree_digest(root: str) -> str:
    """SHA-256 over the ``.py`` files under ``root`` (a directory) or of ``root`` (a file)."""
    h = hashlib.sha256()
    if os.path.isfile(root):
        files = [root]
        base = os.path.dirname(root)
    else:
        base = root
        files = sorted(os.path.join(d, f) for d, dirs, fs in os.walk(root)
                       if "__pycache__" not in d for f in fs if f.endswith(".py"))
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        h.update(os.path.relpath(path, base).encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def _module_root(module: str) -> str | None:
    """The directory of the paper package (or the file) that ``module`` belongs to."""
    mod = sys.modules.get(module)
    path = getattr(mod, "__file__", None)
    if not path:
        return None
    parts = module.split(".")
    # a module of a package: hash its top two levels (``proofs.sef`` for ``proofs.sef.claims``),
    # i.e. the paper package; a top-level module (a user's file) is hashed alone
    if len(parts) >= 3 or (len(parts) == 2 and os.path.basename(path) != "__init__.py"):
        pkg = sys.modules.get(".".join(parts[:2]))
        pkg_file = getattr(pkg, "__file__", None)
        if pkg_file and os.path.basename(pkg_file) == "__init__.py":
            return os.path.dirname(pkg_file)
    return path


def source_digest() -> str:
    """Digest of the ``exact`` package's own source."""
    return _tree_digest(os.path.dirname(os.path.abspath(__file__)))


def claim_digest(claim) -> str:
    """The digest of everything ``claim``'s verdict depends on (see the module docstring)."""
    from . import __version__
    modules = {claim.module, getattr(claim.predicate, "__module__", None),
               type(claim.domain).__module__}
    if claim.replay is not None:
        modules.add(getattr(claim.replay, "__module__", None))
    roots = sorted({r for m in modules if m for r in [_module_root(m)] if r})
    user_file = getattr(claim, "source_file", None)
    if user_file:
        roots = sorted(set(roots) | {user_file})
    parts = {"version": __version__, "exact": source_digest(),
             # names, not paths: the same code in another clone has the same digest
             "code": sorted([os.path.basename(r.rstrip(os.sep)), _tree_digest(r)] for r in roots
                            if not r.startswith(os.path.dirname(os.path.abspath(__file__)))),
             "claim": {"id": claim.id, "invariant": claim.invariant, "expect": claim.expect,
                       "size": claim.size, "erratum": claim.erratum},
             "domain": claim.domain.describe()}
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()
