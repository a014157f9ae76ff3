"""Finite domains of the screening claims: a model on grids of several sizes, parameter lists.

A :class:`GridModels` instance is one :class:`~proofs.screening.model.Model` per grid size
``n`` (size = ``n``), serialised as the model's JSON and rebuilt strictly on replay (a grid size
below 2, a float parameter or a malformed density is an :class:`exact.InputError`).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from exact.claims import Domain
from exact.errors import InputError
from exact.numbers import parse_q

from .model import Model, grid_size, model_from_json

__all__ = ["GridModels", "GridSizes", "Bumps"]


class GridModels(Domain):
    """``factory(n)`` for every ``n`` in ``sizes`` (one instance per size)."""

    def __init__(self, name: str, factory: Callable[[int], Model], sizes: tuple,
                 default_size: Optional[int] = None):
        self.name, self.factory = name, factory
        self.sizes = tuple(sizes)
        self.default_size = default_size

    def describe(self) -> dict:
        return {"name": self.name, "model": self.factory(2).to_json()}

    def count(self, size: int) -> int:
        return 1 if size in self.sizes else 0

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        if size in self.sizes:
            yield from [self.factory(size)][start:stop]

    def to_json(self, inst: Model) -> dict:
        return inst.to_json()

    def from_json(self, data: Any) -> Model:
        model = model_from_json(data)
        if model.to_json() != self.factory(model.n).to_json():
            raise InputError("instance", f"not an instance of {self.name}: {data!r}")
        return model

    def size_of(self, inst: Model) -> int:
        return inst.n

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.just(self.factory(size))


class GridSizes(Domain):
    """The grid sizes themselves (one int per size)."""

    def __init__(self, name: str, sizes: tuple, default_size: Optional[int] = None):
        self.name, self.sizes, self.default_size = name, tuple(sizes), default_size

    def count(self, size: int) -> int:
        return 1 if size in self.sizes else 0

    def instances(self, size, start=0, stop=None):
        if size in self.sizes:
            yield from [size][start:stop]

    def to_json(self, inst: int) -> dict:
        return {"n": inst}

    def from_json(self, data: Any) -> int:
        if not isinstance(data, dict) or "n" not in data:
            raise InputError("instance", f"expected an object with the grid size n, got {data!r}")
        n = grid_size(data["n"])
        if n not in self.sizes:
            raise InputError("n", f"{n} is not a size of {self.name}")
        return n

    def size_of(self, inst: int) -> int:
        return inst

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.just(size)


class Bumps(Domain):
    """The bump coefficients ``k`` of Theorem 1's counterexample family (all of size 1)."""

    sizes = (1,)

    def __init__(self, values: tuple):
        self.values = tuple(values)
        self.name = f"Theorem 1 family, V = U(a - b) + k (1 - a)(1 - b), k in {{{', '.join(values)}}}"

    def count(self, size):
        return len(self.values) if size == 1 else 0

    def instances(self, size, start=0, stop=None):
        if size == 1:
            yield from self.values[start:stop]

    def to_json(self, inst):
        return {"k": inst}

    def from_json(self, data):
        if not isinstance(data, dict) or "k" not in data:
            raise InputError("instance", f"expected an object with the bump k, got {data!r}")
        k = str(parse_q(data["k"], "k"))
        if k not in self.values:
            raise InputError("k", f"{k} is not in the family {self.values}")
        return k

    def size_of(self, inst):
        return 1

    def strategy(self, size):
        from hypothesis import strategies as st
        return st.sampled_from(self.values)


