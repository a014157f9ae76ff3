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

__all__ = ["SizeGrid", "ReducedGrid", "PAIRS", "scope", "priority_orbits", "neutral_orbits"]

#: the note's sizes, smallest first: (n agents = objects per category, m categories)
PAIRS = ((2, 1), (2, 2), (3, 1), (2, 3), (3, 2))


def scope(pairs, default: Optional[int] = None) -> str:
    """The sentence stating the sizes a claim is checked at (for its ``statement``)."""
    pairs = [tuple(p[:2]) for p in pairs]
    default = default or len(pairs)
    text = "Checked at (n, m) = " + ", ".join(f"({n}, {m})" for n, m in pairs[:default])
    if pairs[default:]:
        text += "; opt-in (--size): " + ", ".join(f"({n}, {m})" for n, m in pairs[default:])
    return text + "."


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


class ReducedGrid(SizeGrid):
    """A :class:`SizeGrid` that lists one instance per orbit of a symmetry group.

    Parameters
    ----------
    symmetry : str
        the group's name (claims over this domain declare ``invariant=symmetry``).
    items : ``(n, m) -> list`` of representatives; ``every`` : ``(n, m) -> list`` of all labelled
        instances (the :meth:`unreduced` domain); ``image`` : ``(instance, rng) -> instance`` a
        random element of the orbit; ``orbit`` : ``(n, m) -> int`` the orbit size (the group acts
        freely, so every representative stands for that many labelled instances).
    """

    def __init__(self, name, pairs, *, symmetry, items, every, image, orbit, default=None):
        super().__init__(name, pairs, default=default, items=items)
        self.symmetry = symmetry
        self._every, self._image, self._orbit = every, image, orbit

    def describe(self) -> dict:
        return dict(super().describe(), symmetry=self.symmetry)

    def weight(self, instance) -> int:
        return self._orbit(instance[0], instance[1])

    def unreduced(self) -> SizeGrid:
        return SizeGrid(self.name + " (every labelled instance)", self.pairs,
                        default=self.default, items=self._every)

    def symmetric_image(self, instance, rng):
        return self._image(instance, rng)


def _relabel_agents(inst, rng):
    n, m, f = inst
    sigma = list(range(n))
    rng.shuffle(sigma)
    return (n, m, tuple(tuple(sigma[a] for a in order) for order in f))


def priority_orbits(name: str, pairs, default=None, keep=None) -> ReducedGrid:
    """Priority profiles ``f`` up to relabelling the agents: the representatives have
    ``f^0 = (0, 1, ..., n-1)`` (the action is free, orbits have ``n!`` elements). ``keep``
    filters by a property invariant under relabelling (identical, fair)."""
    import math
    from .mechanisms import priority_profiles

    def every(n, m):
        return [(n, m, f) for f in priority_profiles(n, m) if keep is None or keep(f)]

    def items(n, m):
        return [x for x in every(n, m) if x[2][0] == tuple(range(n))]
    return ReducedGrid(name + " (one per agent relabelling)", pairs, symmetry="agents",
                       items=items, every=every, image=_relabel_agents,
                       orbit=lambda n, m: math.factorial(n), default=default)


def _relabel_objects(inst, rng):
    from .model import permute_profile
    n, m, P = inst
    pi = []
    for _ in range(m):
        perm = list(range(n))
        rng.shuffle(perm)
        pi.append(tuple(perm))
    return (n, m, permute_profile(P, pi))


def neutral_orbits(name: str, pairs, default=None) -> ReducedGrid:
    """Profiles up to relabelling the objects of each category: the representatives have
    agent 0 ranking ``0 < 1 < ... < n-1`` in every category (the action is free for ``n >= 2``,
    orbits have ``(n!)^m`` elements)."""
    import math
    from .model import profiles

    def every(n, m):
        return [(n, m, P) for P in profiles(n, m)]

    def items(n, m):
        ident = tuple(range(n))
        return [x for x in every(n, m) if all(r == ident for r in x[2][0])]
    return ReducedGrid(name + " (one per relabelling of objects)", pairs, symmetry="objects",
                       items=items, every=every, image=_relabel_objects,
                       orbit=lambda n, m: math.factorial(n) ** m, default=default)
