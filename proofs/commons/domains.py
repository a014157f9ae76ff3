"""The finite domains of the commons claims: model sizes, named families and named instances.

Every domain here is a short explicit list (the claims are symbolic: one instance is a whole
model, proved for all values of its functions or parameters), so there is no symmetry
reduction and every instance is enumerated.
"""

from __future__ import annotations

import itertools

from exact.domains import Enumerated, Graded
from exact.errors import InputError

__all__ = ["species", "agents", "named", "grid_profiles", "GRID_M", "GRID_VALUES"]

#: grid payoffs of the Props. 1-3 claims: quotas {0, ..., GRID_M}, values in GRID_VALUES
GRID_M = 2
GRID_VALUES = (None, 0, 1, 3)


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


def _payoffs() -> list:
    from .grid import grid_payoffs
    return grid_payoffs(GRID_M, GRID_VALUES)


def _decode_profile(data):
    allowed = set(GRID_VALUES)
    if not isinstance(data, list) or not data:
        raise InputError("instance", "expected a list of grid payoffs, one per agent")
    out = []
    for i, f in enumerate(data):
        if not isinstance(f, list) or len(f) != GRID_M + 1 or \
                any(isinstance(v, bool) or v not in allowed for v in f) or \
                all(v is None for v in f):
            raise InputError(f"instance[{i}]", f"expected {GRID_M + 1} values from "
                                               f"{list(GRID_VALUES)} (null = -inf), not all null")
        out.append(tuple(f))
    return tuple(out)


def grid_profiles(sizes=(1, 2, 3), default_size: int = 2) -> Graded:
    """Every profile of ``n`` proper grid payoffs (:mod:`.grid`), ``n`` in ``sizes``: quotas
    ``{0, 1, 2}``, values in ``{-inf, 0, 1, 3}`` (63 payoffs, concave or not), every ordered
    profile (no symmetry reduction)."""
    dom = Graded(f"profiles of n grid payoffs on {{0, ..., {GRID_M}}} with values in "
                 f"{{-inf, 0, 1, 3}}, n in {list(sizes)}", sizes=tuple(sizes),
                 generate=lambda n: itertools.product(_payoffs(), repeat=n),
                 count=lambda n: len(_payoffs()) ** n, decode=_decode_profile,
                 size_of=len, params={"what": "grid payoffs", "m": GRID_M})
    dom.default_size = default_size
    return dom
