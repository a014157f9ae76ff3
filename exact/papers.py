"""Paper packages, found through the ``exact.papers`` entry-point group.

A paper package (built in, or a researcher's own distribution) registers itself in its
``pyproject.toml``::

    [project.entry-points."exact.papers"]
    mypaper = "mypackage.mypaper"      # key = claim-id prefix, value = the package

and provides ``<package>.claims`` (its ``@claim``s) and optionally ``<package>.examples``
(its ``@example``s). ``exact`` never imports a paper by name: it asks the entry points, and
loads one paper's package only when that paper's claims are asked for (so ``exact replay`` of
a sef record imports sef and nothing else).
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from importlib.metadata import entry_points

__all__ = ["paper_packages", "load_paper", "load_all"]

GROUP = "exact.papers"


@lru_cache(maxsize=1)
def paper_packages() -> dict:
    """``{paper key: package name}`` of every installed paper package."""
    return {ep.name: ep.value for ep in entry_points(group=GROUP)}


def _import(package: str, part: str) -> bool:
    name = f"{package}.{part}"
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name not in (name, package):   # a paper without this part (or not yet written)
            raise
        return False
    return True


def load_paper(key: str, part: str = "claims") -> bool:
    """Import paper ``key``'s ``claims`` (or ``examples``) module; False if there is none."""
    package = paper_packages().get(key)
    return package is not None and _import(package, part)


def load_all(part: str = "claims") -> None:
    """Import the ``claims`` (or ``examples``) module of every installed paper package."""
    for key in sorted(paper_packages()):
        load_paper(key, part)
