"""Domains of the housing claims: sizes are ``(n, m)`` pairs, smallest first.

Size ``s`` of a :class:`SizeGrid` is the ``s``-th ``(n, m)`` pair of its list; its instances are
JSON-able tuples built from ``(n, m)`` (the pair itself, a priority profile, a mechanism name),
in a fixed canonical order. Instances are read back strictly (:meth:`SizeGrid.from_json`).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from exact.claims import Domain
from exact.errors import InputError
from exact.numbers import to_jsonable

__all__ = ["SizeGrid", "PAIRS"]

#: the note's sizes, smallest first: (n agents = objects per category, m categories)
PAIRS = ((2, 1), (2, 2), (3, 1), (2, 3), (3, 2))


def _depth(x: Any, limit: int = 8) -> int:
    """Nesting depth of lists (iterative; stops counting past ``limit``)."""
    depth, level = 0, [x]
    while level and depth <= limit:
        level = [v for item in level if isinstance(item, list) for v in item]
        depth += 1
    return depth


def _tuplify(x: Any) -> Any:
    return tuple(_tuplify(v) for v in x) if isinstance(x, list) else x


class SizeGrid(Domain):
    """A graded domain over ``(n, m)`` pairs.

    Parameters
    ----------
    name : str
    pairs : sequence of (n, m)
        size ``s`` (1-based) is ``pairs[s - 1]``.
    default : int
        the largest size checked by default; the claim must pass it as ``size=`` (larger
        sizes are opt-in via ``--size``).
    items : callable, optional
        ``(n, m) -> list`` of instances; default: the single instance ``(n, m)``.
    """

    def __init__(self, name: str, pairs, default: Optional[int] = None,
                 items: Optional[Callable[..., list]] = None):
        self.name = name
        self.pairs = tuple(tuple(p) for p in pairs)     # (n, m) or (n, m, tag)
        self.sizes = tuple(range(1, len(self.pairs) + 1))
        #: sizes checked by default; pass it as the claim's ``size=`` (the rest are opt-in)
        self.default = default or len(self.pairs)
        self._items = items or (lambda n, m: [(n, m)])
        self._cache: dict = {}

    def describe(self) -> dict:
        return {"name": self.name, "pairs": [list(p) for p in self.pairs]}

    def pair(self, size: int) -> tuple[int, int]:
        if not 1 <= size <= len(self.pairs):
            raise InputError("--size", f"{self.name}: sizes are 1..{len(self.pairs)} "
                                       f"({', '.join(map(str, self.pairs))}), got {size}")
        return self.pairs[size - 1]

    def _list(self, size: int) -> list:
        if size not in self._cache:
            p = self.pair(size)
            self._cache[size] = list(self._items(*p) if len(p) == 2 else [p])
        return self._cache[size]

    def count(self, size: int) -> int:
        return len(self._list(size))

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        yield from self._list(size)[start:stop]

    def size_of(self, instance: Any) -> int:
        for s in range(1, len(self.pairs) + 1):
            if instance in self._list(s):
                return s
        raise InputError("instance", f"not an instance of {self.name}: {instance!r}")

    def to_json(self, instance: Any) -> Any:
        return to_jsonable(instance)

    def from_json(self, data: Any) -> Any:
        if not isinstance(data, list) or len(data) < 2 or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in data[:2]):
            raise InputError("instance", f"expected [n, m, ...], got {data!r}")
        if _depth(data) > 6:
            raise InputError("instance", "nested too deeply for an instance of " + self.name)
        pair = (data[0], data[1])
        if pair not in [p[:2] for p in self.pairs]:
            raise InputError("instance", f"(n, m) = {pair} is not a size of {self.name}")
        inst = _tuplify(data)
        self.size_of(inst)
        return inst

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(self._list(size))
