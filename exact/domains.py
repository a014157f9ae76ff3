"""Ready-made domains: an explicit finite list, and a domain built from per-size functions.

Paper modules subclass :class:`exact.claims.Domain` for their own model, or use these for
parameter grids (``(n, m, k)`` triples, a list of worked examples).
"""

from __future__ import annotations

import itertools
from typing import Any, Callable, Iterable, Iterator, Optional

from .claims import Domain
from .errors import InputError
from .numbers import to_jsonable

__all__ = ["Enumerated", "Graded"]


def _strict(decode: Callable[[Any], Any], data: Any, name: str) -> Any:
    """A user decoder's slips on malformed JSON (a list where a number was expected) are bad
    input, named as such, not crashes."""
    try:
        return decode(data)
    except InputError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise InputError("instance", f"not an instance of {name} ({exc})") from None


class Enumerated(Domain):
    """An explicit finite list of JSON-able instances, all of one size.

    Parameters
    ----------
    items : iterable
        the instances, in canonical order (kept as a tuple: use only for small lists).
    name : str
    decode : callable, optional
        ``json -> instance`` for replay; defaults to accepting only a JSON value equal to one of
        the items (so a tampered record never decodes to a different instance silently).
    """

    def __init__(self, items: Iterable[Any], name: str, size: int = 1,
                 decode: Optional[Callable[[Any], Any]] = None):
        self.items = tuple(items)
        self.name = name
        self.sizes = (size,)
        self._decode = decode

    def describe(self) -> dict:
        return {"name": self.name, "items": len(self.items)}

    def count(self, size: int) -> int:
        return len(self.items) if size in self.sizes else 0

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        if size in self.sizes:
            yield from self.items[start:stop]

    def size_of(self, instance: Any) -> int:
        return self.sizes[0]

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(self.items)

    def from_json(self, data: Any) -> Any:
        if self._decode is not None:
            return _strict(self._decode, data, self.name)
        for item in self.items:
            if to_jsonable(item) == data:
                return item
        raise InputError("instance", f"not an instance of {self.name}: {data!r}")


class Graded(Domain):
    """A domain given by functions of the size: ``generate(size)`` and ``count(size)``.

    ``generate`` must yield instances in a fixed canonical order; sharding uses
    :func:`itertools.islice`, so a domain with a faster direct ``unrank`` should subclass
    :class:`~exact.claims.Domain` instead.
    """

    def __init__(self, name: str, sizes: tuple[int, ...], generate: Callable[[int], Iterable],
                 count: Callable[[int], int], decode: Callable[[Any], Any],
                 size_of: Callable[[Any], int], strategy: Optional[Callable[[int], Any]] = None,
                 encode: Callable[[Any], Any] = to_jsonable, weight: Optional[Callable] = None,
                 params: Optional[dict] = None):
        self.name = name
        self.sizes = tuple(sizes)
        self._generate, self._count, self._decode = generate, count, decode
        self._size_of, self._strategy, self._encode = size_of, strategy, encode
        self._weight = weight
        self._params = params or {}

    def describe(self) -> dict:
        return {"name": self.name, **self._params}

    def count(self, size: int) -> int:
        return self._count(size)

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        return itertools.islice(self._generate(size), start, stop)

    def weight(self, instance: Any) -> int:
        return self._weight(instance) if self._weight else 1

    def strategy(self, size: int):
        if self._strategy is None:
            return super().strategy(size)
        return self._strategy(size)

    def to_json(self, instance: Any) -> Any:
        return self._encode(instance)

    def from_json(self, data: Any) -> Any:
        return _strict(self._decode, data, self.name)

    def size_of(self, instance: Any) -> int:
        return self._size_of(instance)
