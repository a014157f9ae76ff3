"""The finite domains of the commons claims: model sizes, named families and named instances.

Every domain here is a short explicit list (the claims are symbolic: one instance is a whole
model, proved for all values of its functions or parameters), so there is no symmetry
reduction and every instance is enumerated.
"""

from __future__ import annotations

from exact.domains import Enumerated, Graded
from exact.errors import InputError

__all__ = ["species", "agents", "named"]


def _int_decoder(name: str, sizes: tuple):
    def decode(data):
        if isinstance(data, bool) or not isinstance(data, int) or data not in sizes:
            raise InputError("instance", f"{name}: expected one of {list(sizes)}, got {data!r}")
        return data
    return decode


def _graded(name: str, sizes: tuple, what: str) -> Graded:
    return Graded(name, sizes=sizes, generate=lambda n: iter([n]), count=lambda n: 1,
                  decode=_int_decoder(name, sizes), size_of=lambda n: n,
                  params={"what": what})


def species(sizes=(1, 2, 3)) -> Graded:
    """The generic model with ``S`` species, ``S`` in ``sizes`` (one instance per size)."""
    return _graded(f"generic smooth model, S species, S in {list(sizes)}", tuple(sizes),
                   "species")


def agents(sizes=(2, 3, 4)) -> Graded:
    """The generic sup-convolution (6) of ``n`` agents, ``n`` in ``sizes``."""
    return _graded(f"generic smooth agents, n in {list(sizes)}", tuple(sizes), "agents")


def named(keys, name: str) -> Enumerated:
    """An explicit list of named instances (strings), in the given (simple-to-complex) order."""
    return Enumerated(tuple(keys), name=name)
