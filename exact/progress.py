"""Phases of a long check, for whoever is watching.

A claim whose single instance takes a minute (a SAT proof: encode, solve, check the proof)
announces its phases so that a progress display is not silent::

    from exact.progress import phase

    with phase("encode"):
        cnf = encode(...)
    with phase("solve"):
        ...

Without a listener (in a worker process, in the tests) ``phase`` costs one global lookup.
The command line sets a listener that shows the phase next to the claim's progress bar.
"""

from __future__ import annotations

import contextlib
from typing import Callable, Iterator, Optional

__all__ = ["phase", "listening"]

_listener: Optional[Callable[[Optional[str]], None]] = None


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    """Announce that the current check is in phase ``name`` until the block ends."""
    if _listener is not None:
        _listener(name)
    try:
        yield
    finally:
        if _listener is not None:
            _listener(None)


@contextlib.contextmanager
def listening(callback: Callable[[Optional[str]], None]) -> Iterator[None]:
    """Send phase names (``None`` when a phase ends) to ``callback`` inside the block."""
    global _listener
    previous, _listener = _listener, callback
    try:
        yield
    finally:
        _listener = previous
