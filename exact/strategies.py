"""Public hypothesis strategies for the models of matching and mechanism design, all exact.

Use them in your own property tests (``@given(...)``) or as a domain's :meth:`strategy`:

* :func:`strict_profiles` (complete or truncated strict rankings; :class:`exact.prefs.Profile`),
* :func:`weak_profiles` (rankings with ties, as tuples of indifference classes),
* :func:`utility_matrices` (rational utilities, ``fmpq``),
* :func:`capacities` (integer supplies, optionally with a fixed total),
* :func:`random_assignments` (bistochastic ``fmpq`` matrices: exactly, rows and columns sum to 1),
* :func:`type_distributions` (rational probability vectors summing exactly to 1),
* :func:`domain_instances` (the instances of any :class:`exact.Domain`, across its sizes).

No float is ever drawn: rationals are built from integers and ``fractions.Fraction``. Each
strategy says what its examples shrink towards, so a failing property is reported on a small,
readable instance (hypothesis's ``find`` gives the minimal one).

A *weak ranking* is a tuple of indifference classes, best first, each a sorted tuple of objects:
``((1,), (0, 2))`` ranks object 1 first and is indifferent between 0 and 2. A truncated one
omits the objects the agent finds unacceptable. :mod:`exact.preflib` reads PrefLib's TOC/TOI
files into the same form.

Examples
--------
>>> from hypothesis import find, given, settings
>>> quiet = settings(database=None)
>>> find(strict_profiles(2), lambda p: True, settings=quiet)      # the simplest profile
Profile([(0, 1), (0, 1)])
>>> find(type_distributions(3), lambda p: True, settings=quiet)   # shrinks to uniform
(1/3, 1/3, 1/3)

In a test (every drawn assignment is bistochastic, so its Birkhoff-von Neumann decomposition
recomposes it exactly)::

    from exact.lottery import birkhoff_von_neumann, compose

    @given(random_assignments(3))
    def test_bvn_round_trip(P):
        assert compose(birkhoff_von_neumann(P)) == P
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Iterable, Optional

from hypothesis import strategies as st

from .errors import InputError
from .lottery import compose
from .numbers import Q, parse_q
from .prefs import strict_profiles

__all__ = ["strict_profiles", "weak_profiles", "weak_rankings", "utility_matrices",
           "capacities", "random_assignments", "type_distributions", "domain_instances"]


def _count(value: Any, field: str, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InputError(field, f"must be an integer >= {low}, got {value!r}")
    return value


def weak_rankings(m: int, *, truncated: bool = False) -> st.SearchStrategy:
    """Weak rankings of objects ``0..m-1``: tuples of indifference classes, best first.

    Parameters
    ----------
    m : int
        number of objects (>= 0).
    truncated : bool, optional (default=False)
        also draw rankings that stop early (the objects left out are unacceptable).

    Notes
    -----
    Drawn as a permutation and, between consecutive objects, whether they are tied. Examples
    shrink towards the strict ranking ``0, 1, ..., m-1`` (no ties; ties appear only where a
    property needs them) and, when ``truncated``, towards the empty ranking.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> find(weak_rankings(3), lambda r: len(r) == 1, settings=settings(database=None))
    ((0, 1, 2),)
    """
    m = _count(m, "m", 0)

    @st.composite
    def build(draw) -> tuple:
        order = draw(st.permutations(range(m)))
        ties = draw(st.lists(st.booleans(), min_size=max(m - 1, 0), max_size=max(m - 1, 0)))
        tiers: list[list[int]] = []
        for k, o in enumerate(order):
            if k and ties[k - 1]:
                tiers[-1].append(o)
            else:
                tiers.append([o])
        if truncated:
            tiers = tiers[:draw(st.integers(0, len(tiers)))]
        return tuple(tuple(sorted(t)) for t in tiers)

    return build()


def weak_profiles(n: int, m: Optional[int] = None, *,
                  truncated: bool = False) -> st.SearchStrategy:
    """Profiles of ``n`` agents with weak rankings (ties) of objects ``0..m-1`` (default ``m = n``).

    Returns a tuple of ``n`` weak rankings (see :func:`weak_rankings`, which says how they
    shrink: towards every agent ranking ``0, 1, ..., m-1`` strictly).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> find(weak_profiles(2), lambda p: len(p[1]) == 1, settings=settings(database=None))
    (((0,), (1,)), ((0, 1),))
    """
    n = _count(n, "n", 0)
    m = n if m is None else _count(m, "m", 0)
    return st.tuples(*[weak_rankings(m, truncated=truncated)] * n)


def _rational(value: Any, field: str) -> Fraction:
    q = parse_q(value, field)
    return Fraction(int(q.p), int(q.q))


def _rationals(lo: Fraction, hi: Fraction, den: int) -> st.SearchStrategy:
    """``fmpq`` values ``k/d`` in ``[lo, hi]`` with ``d <= den``: shrink to ``d = 1`` and
    ``k`` towards 0 (hypothesis's ``fractions`` strategy shrinks far more slowly)."""
    def with_denominator(d: int) -> st.SearchStrategy:
        a, b = math.ceil(lo * d), math.floor(hi * d)
        return st.integers(a, b).map(lambda k: Q(k, d)) if a <= b else st.nothing()

    if den == 1:
        return with_denominator(1)
    return st.integers(1, den).flatmap(with_denominator)


def utility_matrices(n: int, m: Optional[int] = None, *, low: Any = 0, high: Any = 10,
                     max_denominator: int = 1, distinct: bool = False) -> st.SearchStrategy:
    """``n x m`` matrices of rational utilities (``fmpq``) in ``[low, high]`` (default ``m = n``).

    Parameters
    ----------
    low, high : rational (int, Fraction, fmpq or a string such as ``"1/2"``; never a float)
    max_denominator : int, optional (default=1: integer utilities)
    distinct : bool, optional (default=False)
        each agent's utilities are pairwise distinct (strict cardinal preferences).

    Returns a tuple of rows, each a tuple of ``fmpq``. Examples shrink towards small entries
    (the zero matrix when ``low <= 0 <= high``).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> find(utility_matrices(2, 3, max_denominator=2), lambda u: u[1][2] > 1 and u[1][2].q == 2,
    ...      settings=settings(database=None))
    ((0, 0, 0), (0, 0, 3/2))
    """
    n = _count(n, "n", 0)
    m = n if m is None else _count(m, "m", 0)
    lo, hi = _rational(low, "low"), _rational(high, "high")
    if lo > hi:
        raise InputError("high", f"must be >= low ({lo}), got {hi}")
    den = _count(max_denominator, "max_denominator")
    if distinct and m > 1:
        room = math.floor(hi * den) - math.ceil(lo * den) + 1   # values k/den in [lo, hi]
        if room < m:
            raise InputError("distinct", f"only {max(room, 0)} values with denominator <= {den} "
                                         f"in [{lo}, {hi}], {m} needed")
    entry = _rationals(lo, hi, den)
    row = st.lists(entry, min_size=m, max_size=m, unique=distinct).map(tuple)
    return st.lists(row, min_size=n, max_size=n).map(tuple)


def capacities(m: int, *, low: int = 1, high: int = 3,
               total: Optional[int] = None) -> st.SearchStrategy:
    """Integer capacities (supplies) of ``m`` objects, each in ``[low, high]``.

    With ``total``, the capacities sum to exactly ``total`` (for instance the number of agents).
    Returns a tuple of ints. Examples shrink towards ``low`` (with a total: the earlier objects
    towards ``low``, the rest taking what is left).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> find(capacities(3, low=0, total=4), lambda q: True, settings=settings(database=None))
    (0, 1, 3)
    """
    m = _count(m, "m", 0)
    low = _count(low, "low", 0)
    high = _count(high, "high", low)
    if total is None:
        return st.lists(st.integers(low, high), min_size=m, max_size=m).map(tuple)
    total = _count(total, "total", 0)
    if not low * m <= total <= high * m:
        raise InputError("total", f"{m} capacities in [{low}, {high}] cannot sum to {total}")

    @st.composite
    def build(draw) -> tuple:
        out, left = [], total
        for j in range(m):
            rest = m - j - 1
            out.append(draw(st.integers(max(low, left - high * rest),
                                        min(high, left - low * rest))))
            left -= out[-1]
        return tuple(out)

    return build()


def random_assignments(n: int, *, max_terms: Optional[int] = None,
                       max_weight: int = 6) -> st.SearchStrategy:
    """Random assignments of ``n`` objects to ``n`` agents: bistochastic ``fmpq`` matrices.

    ``P[i][j]`` is the probability that agent ``i`` receives object ``j``; every row and every
    column sums to exactly 1. Drawn as a lottery over at most ``max_terms`` (default
    ``(n-1)^2 + 1``) assignments (permutations), with integer weights in ``1..max_weight``
    normalised exactly, and composed by :func:`exact.lottery.compose`. By Birkhoff's theorem,
    with Caratheodory's bound of ``(n-1)^2 + 1`` terms, every rational bistochastic matrix is
    such a lottery, so only the denominators are limited.

    Examples shrink towards a single deterministic assignment, the identity matrix.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> find(random_assignments(2), lambda P: P[0][0] not in (0, 1),
    ...      settings=settings(database=None))
    ((1/2, 1/2), (1/2, 1/2))
    """
    n = _count(n, "n")
    terms = (n - 1) ** 2 + 1 if max_terms is None else _count(max_terms, "max_terms")
    max_weight = _count(max_weight, "max_weight")
    lottery = st.lists(st.tuples(st.integers(1, max_weight), st.permutations(range(n))),
                       min_size=1, max_size=terms)

    def build(pairs) -> tuple:
        total = sum(w for w, _ in pairs)
        return compose([(Q(w, total), tuple(perm)) for w, perm in pairs], n)

    return lottery.map(build)


def type_distributions(k: int, *, max_weight: int = 10,
                       positive: bool = False) -> st.SearchStrategy:
    """Probability distributions over ``k`` types: tuples of ``fmpq`` >= 0 summing exactly to 1.

    Drawn as integer weights in ``0..max_weight`` (``1..max_weight`` when ``positive``)
    normalised exactly; all-zero weights give the uniform distribution. Denominators divide
    the sum of the weights (at most ``k * max_weight``). Examples shrink towards the uniform
    distribution.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> find(type_distributions(2), lambda p: p[0] > p[1], settings=settings(database=None))
    (1, 0)
    """
    k = _count(k, "k")
    max_weight = _count(max_weight, "max_weight")
    weights = st.lists(st.integers(1 if positive else 0, max_weight), min_size=k, max_size=k)

    def build(ws) -> tuple:
        total = sum(ws)
        return tuple(Q(w, total) for w in ws) if total else (Q(1, k),) * k

    return weights.map(build)


def domain_instances(domain, sizes: Optional[Iterable[int]] = None) -> st.SearchStrategy:
    """Instances of an :class:`exact.Domain` drawn through its ``strategy(size)``.

    Draws a size from ``sizes`` (default: the domain's sizes), then an instance of that size, as
    ``exact search`` does; examples shrink towards the smallest size first.

    Raises
    ------
    InputError
        naming the domain when it has no hypothesis strategy.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> from exact.prefs import HousingMarkets
    >>> find(domain_instances(HousingMarkets()), lambda p: p.n > 1 and p[0][0] == 1,
    ...      settings=settings(database=None))
    Profile([(1, 0), (0, 1)])
    """
    sizes = tuple(sorted(set(domain.sizes if sizes is None else sizes)))
    if not sizes:
        raise InputError("sizes", f"{domain.name}: no size to draw from")
    try:
        domain.strategy(sizes[0])
    except NotImplementedError as exc:
        raise InputError("domain", str(exc) or f"{domain.name}: no hypothesis strategy") from None
    return st.sampled_from(sizes).flatmap(domain.strategy)
