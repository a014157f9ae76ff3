"""Input checks shared by the mechanisms (profiles, capacities, demands, speeds, orders)."""

from __future__ import annotations

from typing import Any, Optional

from flint import fmpq, fmpz

from ..errors import InvalidInstance
from ..numbers import Q, parse_q
from ..prefs import Profile

__all__ = ["as_profile", "as_capacities", "as_demands", "as_speeds", "as_order"]


def as_profile(prefs: Any, *, complete: bool = False, square: bool = False) -> Profile:
    """``prefs`` as a validated :class:`Profile` (field ``prefs``)."""
    p = prefs if isinstance(prefs, Profile) else Profile(prefs, field="prefs")
    if square and p.m != p.n:
        raise InvalidInstance("prefs", f"{p.n} agents but {p.m} houses; a housing market has "
                                       f"one house per agent")
    if complete:
        for i, r in enumerate(p.rankings):
            if len(r) != p.m:
                raise InvalidInstance(f"prefs[{i}]", f"{len(r)} objects, expected {p.m}")
    return p


def _int_vector(values: Any, field: str, length: int, low: int) -> tuple[int, ...]:
    if not isinstance(values, (list, tuple)):
        raise InvalidInstance(field, f"expected a list of {length} integers, got "
                                     f"{type(values).__name__}")
    if len(values) != length:
        raise InvalidInstance(field, f"{len(values)} entries, expected {length}")
    out = []
    for k, v in enumerate(values):
        if isinstance(v, fmpz) or (isinstance(v, fmpq) and v.q == 1):
            v = int(v.p) if isinstance(v, fmpq) else int(v)   # an exact integer is fine
        if isinstance(v, bool) or not isinstance(v, int):
            raise InvalidInstance(f"{field}[{k}]", f"expected an integer, got {v!r}")
        if v < low:
            raise InvalidInstance(f"{field}[{k}]", f"must be >= {low}, got {v}")
        out.append(int(v))
    return tuple(out)


def as_capacities(capacities: Optional[Any], m: int) -> tuple[int, ...]:
    """Integer supplies of the ``m`` objects (default one copy each)."""
    return (1,) * m if capacities is None else _int_vector(capacities, "capacities", m, 0)


def as_demands(demands: Optional[Any], n: int) -> tuple[int, ...]:
    """Number of (distinct) objects each agent may take (default one)."""
    return (1,) * n if demands is None else _int_vector(demands, "demands", n, 0)


def as_speeds(speeds: Optional[Any], n: int) -> tuple:
    """Exact positive eating speeds (default 1 each); strings like ``"1/2"`` are parsed."""
    if speeds is None:
        return (Q(1),) * n
    if not isinstance(speeds, (list, tuple)):
        raise InvalidInstance("speeds", f"expected a list of {n} numbers, got "
                                        f"{type(speeds).__name__}")
    if len(speeds) != n:
        raise InvalidInstance("speeds", f"{len(speeds)} entries, expected {n}")
    out = []
    for i, s in enumerate(speeds):
        v = parse_q(s, f"speeds[{i}]")
        if v <= 0:
            raise InvalidInstance(f"speeds[{i}]", f"must be > 0, got {v}")
        out.append(v)
    return tuple(out)


def as_order(order: Optional[Any], n: int) -> tuple[int, ...]:
    """A priority order: a permutation of the agents ``0..n-1`` (default the identity)."""
    if order is None:
        return tuple(range(n))
    o = _int_vector(order, "order", n, 0)
    if sorted(o) != list(range(n)):
        raise InvalidInstance("order", f"not a permutation of the agents 0..{n - 1}: {list(o)}")
    return o
