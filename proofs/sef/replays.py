"""Replay functions of the sef claims: re-check a saved witness or violation from its data.

``exact replay`` rebuilds the market and calls ``replay(market, data)``; the function must bind
*every* field of ``data``: each one is either recomputed by the model code (:mod:`.model`,
:mod:`.efficiency`, all exact ``fmpq``) and compared with the saved JSON exactly, or validated
as a certificate (an HZ equilibrium, checked by the solver-free :mod:`.hzcheck`). Anything
wrong -- a missing or unknown field, a pool out of range, a changed number -- raises
:class:`exact.CertificateError` naming the field; nothing here calls an LP or SAT solver.

- :func:`replay_theorem_4` (Section 5.3, Theorem 4): the SEF x*, its EU vector, the IS
  allocations it dominates (with their EU vectors) and the number of the other allocations,
  each of which must have a profitable unilateral move (Definition 2); x* must be PO within X.
- :func:`replay_theorem_7_uniqueness` (Section 6, Theorem 7 'the unique'): the SEF, its prices
  ``h_j = 1/z_j(x*)``, ``P(x*)``, and a second equilibrium ``(other_prices, other_P)``.
- :func:`replay_theorem_11` (Section 7, Theorem 11): the SEF, the strong NE / CS set, the
  congestion vector of an undersubscribed SEF, or the uniqueness data above.

A witness that a uniqueness claim *holds* records the SEF and its prices; those are re-checked,
but the absence of a second equilibrium is a search result (``proofs.sef.hz.equilibria_m2``)
that no finite witness certifies, and is not replayed.
"""

from __future__ import annotations

from typing import Any

from exact.errors import CertificateError, InputError
from exact.numbers import ONE, parse_q, to_jsonable

from .efficiency import dominates, reference_analyse as analyse
from .hzcheck import check_equilibrium
from .model import (IS_violation, Market, allocations, counts, eu, induced_lottery, is_IS,
                    is_SEF, z)

__all__ = ["replay_theorem_4", "replay_theorem_7", "replay_theorem_7_uniqueness",
           "replay_theorem_11"]

_UNIQUENESS_FAILS = frozenset({"sef", "sef_prices", "P_sef", "eu_sef", "other_prices",
                               "other_P", "other_eu"})


def _fail(field: str, problem: str):
    raise CertificateError(f"{field}: {problem}")


def _shape(data: Any, *shapes: frozenset) -> frozenset:
    """The key set of ``data``, which must be one of ``shapes``."""
    if not isinstance(data, dict):
        _fail("data", f"expected an object, got {type(data).__name__}")
    keys = frozenset(data)
    if keys not in shapes:
        _fail("data", f"fields {sorted(keys)} are not those of any outcome of this claim "
                      f"(expected one of {[sorted(s) for s in shapes]})")
    return keys


def _same(data: dict, field: str, value: Any) -> None:
    """The saved ``data[field]`` must be the JSON encoding of the recomputed ``value``."""
    want = to_jsonable(value)
    if data[field] != want:
        _fail(field, f"saved {data[field]!r}, recomputed {want!r}")


def _int(value: Any, field: str, top: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < top:
        _fail(field, f"expected an integer in 0..{top - 1}, got {value!r}")
    return value


def _allocation(market: Market, value: Any, field: str) -> tuple:
    """A saved allocation: a list of n pools in ``0..m-1``."""
    if not isinstance(value, list) or len(value) != market.n:
        _fail(field, f"expected a list of {market.n} pools, got {value!r}")
    return tuple(_int(j, f"{field}[{i}]", market.m) for i, j in enumerate(value))


def _rationals(value: Any, field: str, length: int) -> list:
    """A saved list of ``length`` exact rationals (``int`` or ``"p/q"``), strictly."""
    if not isinstance(value, list) or len(value) != length:
        _fail(field, f"expected a list of {length} numbers, got {value!r}")
    try:
        return [parse_q(x, f"{field}[{k}]") for k, x in enumerate(value)]
    except InputError as exc:
        raise CertificateError(str(exc)) from None


def _the_sef(market: Market, data: dict) -> tuple:
    """``data["sef"]`` must be the market's SEF allocation (unique by Theorem 4)."""
    x = _allocation(market, data["sef"], "sef")
    sef = analyse(market).sef
    if sef is None:
        _fail("sef", f"{list(x)} is recorded as SEF, but the market has no SEF allocation")
    if x != sef:
        _fail("sef", f"{list(x)} is not the SEF allocation {list(sef)}")
    return x


def _lists(value: Any, field: str, width: int) -> list:
    if not isinstance(value, list):
        _fail(field, f"expected a list, got {type(value).__name__}")
    for k, entry in enumerate(value):
        if not isinstance(entry, list) or len(entry) != width:
            _fail(f"{field}[{k}]", f"expected a list of {width} entries, got {entry!r}")
    return value


def replay_theorem_4(market: Market, data: dict) -> None:
    """Re-check a Theorem 4 witness or violation (Section 5.3, Theorem 4; App. IX.C).

    Raises
    ------
    CertificateError
        naming the first field that is wrong.
    """
    a = analyse(market)
    keys = _shape(data, frozenset({"sef_exists"}), frozenset({"sef", "not_PO"}),
                  frozenset({"sef", "eu", "dominated_IS", "not_IS"}),
                  frozenset({"sef", "other_IS", "other_PO", "dominated_by"}))
    if keys == {"sef_exists"}:
        if data["sef_exists"] is not False:
            _fail("sef_exists", f"expected false, got {data['sef_exists']!r}")
        hit = next((x for x in a.X if is_SEF(market, x)), None)
        if hit is not None:
            _fail("sef_exists", f"the witness says no SEF, but {list(hit)} is SEF")
        return
    x = _the_sef(market, data)
    e = eu(market, x)
    if keys == {"sef", "not_PO"}:
        d = _allocation(market, data["not_PO"], "not_PO")
        if d != a.dominator(x):
            _fail("not_PO", f"{list(d)} is not the first allocation dominating the SEF")
        return
    if keys == {"sef", "other_IS", "other_PO", "dominated_by"}:
        if a.dominator(x) is not None:
            _fail("sef", "the SEF is not PO: the violation is not_PO, not other_IS")
        y = _allocation(market, data["other_IS"], "other_IS")
        first = next((w for w in a.X if w != x and is_IS(market, w)
                      and not dominates(e, a.EU[w])), None)
        if y != first:
            _fail("other_IS", f"{list(y)} is not the first IS allocation the SEF does not "
                              f"dominate ({first})")
        d = a.dominator(y)
        _same(data, "other_PO", d is None)
        _same(data, "dominated_by", d)
        return
    _same(data, "eu", e)
    seen = {x}
    entries = _lists(data["dominated_IS"], "dominated_IS", 2)
    prev = None
    for k, entry in enumerate(entries):
        field = f"dominated_IS[{k}]"
        y = _allocation(market, entry[0], f"{field}[0]")
        if prev is not None and not y > prev:
            _fail(f"{field}[0]", "allocations are not listed in lexicographic order")
        prev = y
        if y in seen:
            _fail(f"{field}[0]", f"{list(y)} is listed twice (or is the SEF)")
        seen.add(y)
        if not is_IS(market, y):
            _fail(f"{field}[0]", f"{list(y)} is not IS")
        ey = eu(market, y)
        if entry[1] != to_jsonable(ey):
            _fail(f"{field}[1]", f"saved {entry[1]!r}, recomputed {to_jsonable(ey)!r}")
        if not dominates(e, ey):
            _fail(f"{field}[0]", f"{list(y)} is not dominated by the SEF")
    k = data["not_IS"]
    if isinstance(k, bool) or not isinstance(k, int):
        _fail("not_IS", f"expected the number of allocations that are not IS, got {k!r}")
    others = 0
    for y in allocations(market):            # every allocation not listed has a profitable move
        if y not in seen:
            if IS_violation(market, y) is None:
                _fail("dominated_IS", f"{list(y)} is IS but not listed")
            others += 1
    if others != k:
        _fail("not_IS", f"saved {k}, recomputed {others} allocations that are not IS")
    for y in a.X:                    # x is PO: nothing dominates it
        if dominates(a.EU[y], e):
            _fail("sef", f"{list(y)} dominates the SEF")


def _sef_prices(market: Market, x: tuple) -> tuple:
    """``h_j = 1 / z_j(x*)`` (proof of Theorem 7)."""
    return tuple(ONE / zj for zj in z(market, x))


def _oversubscribed(market: Market, x: tuple) -> bool:
    return all(c >= q for c, q in zip(counts(market, x), market.q))


def _replay_uniqueness_fails(market: Market, data: dict, x: tuple) -> None:
    """The shared check of a second HZ equilibrium (Theorem 7 'the unique', Theorem 11)."""
    h0 = _sef_prices(market, x)
    P0 = induced_lottery(market, x)
    _same(data, "sef_prices", h0)
    _same(data, "P_sef", P0)
    _same(data, "eu_sef", eu(market, x))
    why = check_equilibrium(market, P0, h0)
    if why is not None:
        _fail("sef_prices", f"P(x*) is not an equilibrium at the SEF prices ({why}): the "
                            f"violation should be not_equilibrium")
    P = _other_equilibrium(market, data, "other_prices", "other_P", P0)
    _same(data, "other_eu", tuple(sum(u * p for u, p in zip(market.u[i], P[i][:market.m]))
                                  for i in range(market.n)))


def _replay_uniqueness(market: Market, data: dict, keys: frozenset) -> None:
    x = _the_sef(market, data)
    if not _oversubscribed(market, x):
        _fail("sef", f"some community is undersubscribed at {list(x)}")
    if keys == {"sef", "prices"}:
        h0 = _sef_prices(market, x)
        _same(data, "prices", h0)
        why = check_equilibrium(market, induced_lottery(market, x), h0)
        if why is not None:
            _fail("prices", f"P(x*) is not an equilibrium at these prices: {why}")
        return
    if keys == {"sef", "not_equilibrium"}:
        h0 = _sef_prices(market, x)
        _same(data, "not_equilibrium", h0)
        if check_equilibrium(market, induced_lottery(market, x), h0) is None:
            _fail("not_equilibrium", "P(x*) is an equilibrium at the SEF prices")
        return
    _replay_uniqueness_fails(market, data, x)


_UNIQUENESS_SHAPES = (frozenset({"sef", "prices"}), frozenset({"sef", "not_equilibrium"}),
                      _UNIQUENESS_FAILS)


def replay_theorem_7_uniqueness(market: Market, data: dict) -> None:
    """Re-check a saved outcome of ``sef/theorem-7-uniqueness`` (Section 6, Theorem 7).

    An empty witness means: no SEF, or some community undersubscribed at it.

    Raises
    ------
    CertificateError
        naming the first field that is wrong.
    """
    keys = _shape(data, frozenset(), *_UNIQUENESS_SHAPES)
    if not keys:
        sef = analyse(market).sef
        if sef is not None and _oversubscribed(market, sef):
            _fail("data", f"empty witness, but {list(sef)} is an SEF with every community "
                          f"weakly oversubscribed")
        return
    _replay_uniqueness(market, data, keys)


def _replay_certificate(market: Market, data: dict, P0) -> None:
    """``eq_prices``/``eq_P``: an HZ equilibrium (unit budgets) whose assignment is not
    ``P0``, re-checked by :func:`proofs.sef.hzcheck.check_equilibrium` (no solver); both null
    when the search found none."""
    if data["eq_prices"] is None and data["eq_P"] is None:
        return
    _other_equilibrium(market, data, "eq_prices", "eq_P", P0)


def _other_equilibrium(market: Market, data: dict, prices: str, assignment: str, P0) -> list:
    """``data[prices]``, ``data[assignment]``: an HZ equilibrium (unit budgets) whose assignment
    is not ``P0``, checked by :func:`proofs.sef.hzcheck.check_equilibrium`; returns it."""
    h = _rationals(data[prices], prices, market.m)
    rows = data[assignment]
    if not isinstance(rows, list) or len(rows) != market.n:
        _fail(assignment, f"expected {market.n} rows, got {rows!r}")
    P = [_rationals(r, f"{assignment}[{i}]", market.m + 1) for i, r in enumerate(rows)]
    why = check_equilibrium(market, P, h)
    if why is not None:
        _fail(assignment, f"the second equilibrium does not check: {why}")
    if P == [list(r) for r in P0]:
        _fail(assignment, "the second equilibrium is P(x*) itself")
    return P


def replay_theorem_7(market: Market, data: dict) -> None:
    """Re-check a saved outcome of ``sef/theorem-7`` (Section 6, Theorem 7).

    Empty: no SEF or ``n < sum(q)``. ``{"sef"}``: P(x*) is an equilibrium at ``h = 1/z(x*)``.
    A violation: the SEF, ``P = P(x*)``, the first failed equilibrium condition at those prices
    (as :func:`~proofs.sef.hzcheck.check_equilibrium` words it), the counts, and the
    certificate of :func:`_replay_certificate`.

    Raises
    ------
    CertificateError
        naming the first field that is wrong.
    """
    keys = _shape(data, frozenset(), frozenset({"sef"}),
                  frozenset({"sef", "P", "failed", "counts", "eq_prices", "eq_P"}))
    a = analyse(market)
    if not keys:
        if a.sef is not None and market.n >= sum(market.q):
            _fail("data", f"empty witness, but {list(a.sef)} is SEF and n >= sum(q)")
        return
    x = _the_sef(market, data)
    if market.n < sum(market.q):
        _fail("sef", "n < sum(q): the HZ market has no null supply; nothing to check")
    P0 = induced_lottery(market, x)
    why = check_equilibrium(market, P0, _sef_prices(market, x))
    if keys == {"sef"}:
        if why is not None:
            _fail("sef", f"P(x*) is not an equilibrium at h = 1/z(x*): {why}")
        return
    _same(data, "P", P0)
    _same(data, "counts", counts(market, x))
    if why is None:
        _fail("failed", "P(x*) is an equilibrium at h = 1/z(x*): no violation")
    _same(data, "failed", why)
    _replay_certificate(market, data, P0)


def replay_theorem_11(market: Market, data: dict) -> None:
    """Re-check a saved outcome of ``sef/theorem-11`` (Section 7, Theorem 11).

    An empty witness means: no SEF. A violation is the CS (= strong NE) set when it is not
    ``[x*]`` (``sne``), the congestion vector of an undersubscribed SEF (``undersubscribed``),
    or the uniqueness data of :func:`replay_theorem_7_uniqueness`.

    Raises
    ------
    CertificateError
        naming the first field that is wrong.
    """
    keys = _shape(data, frozenset(), frozenset({"sef", "sne"}),
                  frozenset({"sef", "undersubscribed", "eq_prices", "eq_P"}),
                  *_UNIQUENESS_SHAPES)
    a = analyse(market)
    if not keys:
        if a.sef is not None:
            _fail("data", f"empty witness, but {list(a.sef)} is SEF")
        return
    x = _the_sef(market, data)
    if keys == {"sef", "sne"}:
        _same(data, "sne", a.CS)
        if a.CS == [x]:
            _fail("sne", "the SEF is the unique strong NE: no violation")
        return
    if a.CS != [x]:
        _fail("sef", f"the strong NE are {a.CS}, not only the SEF: the violation is sne")
    if keys == {"sef", "undersubscribed", "eq_prices", "eq_P"}:
        _same(data, "undersubscribed", counts(market, x))
        if _oversubscribed(market, x):
            _fail("undersubscribed", "every community is weakly oversubscribed")
        _replay_certificate(market, data, induced_lottery(market, x))
        return
    _replay_uniqueness(market, data, keys)
