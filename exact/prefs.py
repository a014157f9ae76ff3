"""Strict preference profiles over objects ``0..m-1``: the value object, enumeration, domains.

A :class:`Profile` lists, for each agent ``i = 0..n-1``, her strict ranking of objects, best
first. A ranking may be *truncated*: the objects it omits are unacceptable (worse than the outside
option ``None``). Profiles are immutable; transforms (:meth:`Profile.replace`,
:meth:`Profile.relabel`) return new profiles.

Enumeration streams all complete strict profiles, or one canonical representative per orbit of a
symmetry group, with the number of orbits known in advance (Burnside's lemma) and the orbit size
of each representative as its weight, so that the weights of size ``(n, m)`` sum to ``(m!)^n``.

Symmetries (``symmetry=``)
--------------------------
``"none"``
    every profile.
``"agents"``
    relabelling agents: a profile is a multiset of rankings.
``"agents+objects"``
    relabelling agents and, independently, objects (assignment problems without endowments:
    anonymous and neutral mechanisms such as PS and RSD commute with both).
``"housing"``
    simultaneous relabelling of agents and houses, agent ``i`` owning house ``i`` (Shapley-Scarf
    housing markets: TTC commutes with it).

Examples
--------
>>> p = Profile([(1, 0), (0, 1)])
>>> p.prefers(0, 1, 0), p.n, p.m
(True, 2, 2)
>>> count_profiles(3, symmetry="housing"), sum(1 for _ in canonical_profiles(3, symmetry="housing"))
(38, 38)
"""

from __future__ import annotations

import itertools
import json
import math
from functools import lru_cache
from typing import Any, Iterator, Optional, Sequence

from .claims import Domain
from .errors import InputError, InvalidInstance

__all__ = ["Profile", "SYMMETRIES", "all_profiles", "canonical_profiles", "canonical_form",
           "count_profiles", "orbit_size", "strict_profiles", "profiles", "StrictProfiles",
           "HousingMarkets"]

SYMMETRIES = ("none", "agents", "agents+objects", "housing")
#: largest JSON text :meth:`Profile.parse` accepts (hostile input guard)
MAX_JSON = 1_000_000


class Profile:
    """A strict preference profile: ``rankings[i]`` is agent ``i``'s ranking, best first.

    Parameters
    ----------
    rankings : sequence of sequences of int
        objects are ``0..m-1``; a ranking omitting objects declares them unacceptable.
    n_objects : int, optional
        ``m``; default ``max(longest ranking, largest object + 1)``.
    complete : bool, optional (default=False)
        require every ranking to list all ``m`` objects.
    field : str, optional (default="prefs")
        the name used in error messages (``prefs[2]: repeated object 1``).

    Raises
    ------
    InvalidInstance
        naming the field: a repeated or out-of-range object, a non-integer, a missing object
        when ``complete``.
    """

    __slots__ = ("_rankings", "_m", "_pos")

    def __init__(self, rankings: Any, n_objects: Optional[int] = None, *,
                 complete: bool = False, field: str = "prefs"):
        if isinstance(rankings, Profile):
            rankings, n_objects = rankings.rankings, n_objects if n_objects is not None \
                else rankings.m
        if not isinstance(rankings, (list, tuple)):
            raise InvalidInstance(field, f"expected a list of rankings, got "
                                         f"{type(rankings).__name__}")
        rows = []
        for i, r in enumerate(rankings):
            if not isinstance(r, (list, tuple)):
                raise InvalidInstance(f"{field}[{i}]", f"expected a list of objects, got "
                                                       f"{type(r).__name__}")
            row = []
            seen = set()
            for k, o in enumerate(r):
                if isinstance(o, bool) or not isinstance(o, int):
                    raise InvalidInstance(f"{field}[{i}][{k}]",
                                          f"objects are integers 0..m-1, got {o!r}")
                if o < 0:
                    raise InvalidInstance(f"{field}[{i}][{k}]", f"negative object {o}")
                if o in seen:
                    raise InvalidInstance(f"{field}[{i}]", f"repeated object {o}")
                seen.add(o)
                row.append(int(o))
            rows.append(tuple(row))
        top = max((max(r) + 1 for r in rows if r), default=0)
        longest = max((len(r) for r in rows), default=0)
        if n_objects is None:
            m = max(top, longest)
        else:
            if isinstance(n_objects, bool) or not isinstance(n_objects, int) or n_objects < 0:
                raise InvalidInstance("n_objects", f"must be an integer >= 0, got {n_objects!r}")
            m = n_objects
            for i, r in enumerate(rows):
                for k, o in enumerate(r):
                    if o >= m:
                        raise InvalidInstance(f"{field}[{i}][{k}]",
                                              f"object {o} out of range 0..{m - 1}")
        if complete:
            for i, r in enumerate(rows):
                if len(r) != m:
                    raise InvalidInstance(f"{field}[{i}]", f"{len(r)} objects, expected {m}")
        object.__setattr__(self, "_rankings", tuple(rows))
        object.__setattr__(self, "_m", m)
        object.__setattr__(self, "_pos", tuple({o: k for k, o in enumerate(r)} for r in rows))

    @classmethod
    def _trusted(cls, rows: tuple, m: int) -> "Profile":
        """Build from rankings known to be valid (enumeration); skips validation."""
        self = object.__new__(cls)
        object.__setattr__(self, "_rankings", rows)
        object.__setattr__(self, "_m", m)
        object.__setattr__(self, "_pos", tuple({o: k for k, o in enumerate(r)} for r in rows))
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Profile is immutable; use replace() or relabel()")

    def __reduce__(self):  # copy/pickle through the validating constructor
        return (Profile, (self._rankings, self._m))

    # -- reading -------------------------------------------------------------------------------
    @property
    def rankings(self) -> tuple[tuple[int, ...], ...]:
        """The rankings, one tuple per agent, best first."""
        return self._rankings

    @property
    def n(self) -> int:
        """Number of agents."""
        return len(self._rankings)

    @property
    def m(self) -> int:
        """Number of objects."""
        return self._m

    @property
    def is_complete(self) -> bool:
        """Every agent ranks every object (no truncation)."""
        return all(len(r) == self._m for r in self._rankings)

    def __len__(self) -> int:
        return len(self._rankings)

    def __getitem__(self, i: int) -> tuple[int, ...]:
        return self._rankings[i]

    def __iter__(self):
        return iter(self._rankings)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Profile) and (self._rankings, self._m) == (
            other._rankings, other._m)

    def __hash__(self) -> int:
        return hash((self._rankings, self._m))

    def __repr__(self) -> str:
        extra = "" if self._m == max((len(r) for r in self._rankings), default=0) else \
            f", n_objects={self._m}"
        return f"Profile({list(self._rankings)!r}{extra})"

    def rank(self, agent: int, obj: Optional[int]) -> Optional[int]:
        """Position of ``obj`` in ``agent``'s ranking (0 = best); ``None`` if unacceptable."""
        return None if obj is None else self._pos[agent].get(obj)

    def acceptable(self, agent: int) -> frozenset:
        """The objects ``agent`` ranks (prefers to the outside option)."""
        return frozenset(self._rankings[agent])

    def prefers(self, agent: int, a: Optional[int], b: Optional[int]) -> bool:
        """``a`` is strictly better than ``b`` for ``agent`` (``None`` is the outside option).

        Ranked objects beat ``None``, which beats unranked (unacceptable) objects; two unranked
        objects are incomparable and neither is preferred.
        """
        def key(x):
            if x is None:
                return self._m  # between the ranked objects and the unacceptable ones
            k = self._pos[agent].get(x)
            return k if k is not None else None
        ka, kb = key(a), key(b)
        if ka is None:
            return False
        if kb is None:
            return True
        return ka < kb

    def weakly_prefers(self, agent: int, a: Optional[int], b: Optional[int]) -> bool:
        """``a`` is at least as good as ``b`` for ``agent`` (``a == b`` or strictly better)."""
        return a == b or self.prefers(agent, a, b)

    # -- transforms ----------------------------------------------------------------------------
    def replace(self, agent: int, ranking: Sequence[int]) -> "Profile":
        """The profile in which ``agent`` reports ``ranking`` instead (validated)."""
        if not 0 <= agent < self.n:
            raise InvalidInstance("agent", f"{agent} out of range 0..{self.n - 1}")
        rows = list(self._rankings)
        rows[agent] = tuple(ranking)
        return Profile(rows, self._m, field="prefs")

    def misreports(self, agent: Optional[int] = None, *,
                   truncations: Optional[bool] = None) -> Iterator[tuple[int, tuple]]:
        """Yield ``(agent, ranking)`` for every strict ranking other than the agent's truth.

        Parameters
        ----------
        agent : int, optional
            one agent (default: every agent in turn).
        truncations : bool, optional
            also yield rankings of subsets of the objects (default: only when the profile is
            itself truncated).
        """
        agents = range(self.n) if agent is None else (agent,)
        trunc = (not self.is_complete) if truncations is None else truncations
        lengths = range(self._m + 1) if trunc else (self._m,)
        for i in agents:
            for k in lengths:
                for r in itertools.permutations(range(self._m), k):
                    if r != self._rankings[i]:
                        yield i, r

    def relabel(self, agents: Optional[Sequence[int]] = None,
                objects: Optional[Sequence[int]] = None) -> "Profile":
        """Rename agent ``i`` as ``agents[i]`` and object ``o`` as ``objects[o]``.

        ``relabel(s, s)`` is the simultaneous relabelling of a housing market.
        """
        sigma = tuple(range(self.n)) if agents is None else tuple(agents)
        pi = tuple(range(self._m)) if objects is None else tuple(objects)
        if sorted(sigma) != list(range(self.n)):
            raise InvalidInstance("agents", f"not a permutation of 0..{self.n - 1}: {sigma}")
        if sorted(pi) != list(range(self._m)):
            raise InvalidInstance("objects", f"not a permutation of 0..{self._m - 1}: {pi}")
        rows: list = [None] * self.n
        for i, r in enumerate(self._rankings):
            rows[sigma[i]] = tuple(pi[o] for o in r)
        return Profile(rows, self._m)

    # -- JSON ----------------------------------------------------------------------------------
    def to_json(self) -> dict:
        """``{"prefs": [[...], ...], "objects": m}``."""
        return {"prefs": [list(r) for r in self._rankings], "objects": self._m}

    @classmethod
    def parse(cls, data: Any, n_objects: Optional[int] = None, *, complete: bool = False,
              field: str = "prefs") -> "Profile":
        """Read a profile from JSON text or data, strictly (never eval).

        Accepts a list of rankings, or ``{"prefs": [...], "objects": m}``.

        Raises
        ------
        InputError, InvalidInstance
            naming the field.
        """
        if isinstance(data, (str, bytes)):
            if len(data) > MAX_JSON:
                raise InputError(field, f"JSON text too long ({len(data)} characters)")
            try:
                data = json.loads(data)
            except ValueError as exc:
                raise InputError(field, f"not valid JSON: {exc}") from None
        if isinstance(data, dict):
            unknown = set(data) - {"prefs", "objects"}
            if unknown:
                raise InputError(field, f"unknown keys {sorted(unknown)}")
            if "prefs" not in data:
                raise InputError(field, "missing key 'prefs'")
            m = data.get("objects", n_objects)
            if n_objects is not None and m != n_objects:
                raise InvalidInstance(f"{field}.objects", f"expected {n_objects}, got {m!r}")
            return cls(data["prefs"], m, complete=complete, field=field)
        return cls(data, n_objects, complete=complete, field=field)


# -- permutations and group actions (cached per m) ------------------------------------------------

@lru_cache(maxsize=None)
def _perms(m: int) -> tuple[tuple[int, ...], ...]:
    """All permutations of ``0..m-1`` in lexicographic order (index 0 is the identity)."""
    return tuple(itertools.permutations(range(m)))


@lru_cache(maxsize=None)
def _index(m: int) -> dict:
    return {p: k for k, p in enumerate(_perms(m))}


@lru_cache(maxsize=None)
def _act(m: int) -> tuple[tuple[int, ...], ...]:
    """``_act(m)[s][r]``: index of the ranking ``perm[s] o perm[r]`` (objects renamed by s)."""
    perms, idx = _perms(m), _index(m)
    return tuple(tuple(idx[tuple(s[o] for o in r)] for r in perms) for s in perms)


@lru_cache(maxsize=None)
def _inverse(m: int) -> tuple[tuple[int, ...], ...]:
    out = []
    for s in _perms(m):
        inv = [0] * m
        for i, si in enumerate(s):
            inv[si] = i
        out.append(tuple(inv))
    return tuple(out)


def _check_sizes(n: int, m: Optional[int], symmetry: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InputError("n", f"must be an integer >= 0, got {n!r}")
    m = n if m is None else m
    if isinstance(m, bool) or not isinstance(m, int) or m < 0:
        raise InputError("m", f"must be an integer >= 0, got {m!r}")
    if symmetry not in SYMMETRIES:
        raise InputError("symmetry", f"must be one of {', '.join(SYMMETRIES)}, got {symmetry!r}")
    if symmetry == "housing" and m != n:
        raise InputError("m", f"a housing market has as many houses as agents ({n}), got {m}")
    return m


# -- counting (Burnside) --------------------------------------------------------------------------

def _partitions(n: int, largest: Optional[int] = None) -> Iterator[tuple[int, ...]]:
    largest = n if largest is None else largest
    if n == 0:
        yield ()
        return
    for k in range(min(n, largest), 0, -1):
        for rest in _partitions(n - k, k):
            yield (k,) + rest


def _class_size(parts: tuple[int, ...]) -> int:
    """Number of permutations of ``sum(parts)`` points with cycle type ``parts``."""
    n = sum(parts)
    denom = 1
    for k in set(parts):
        c = parts.count(k)
        denom *= k ** c * math.factorial(c)
    return math.factorial(n) // denom


def count_profiles(n: int, m: Optional[int] = None, symmetry: str = "none") -> int:
    """Number of complete strict profiles (``symmetry="none"``) or of orbits, by Burnside.

    Notes
    -----
    A pair (agent relabelling sigma, object relabelling pi) fixes a profile iff on each cycle of
    sigma of length L the ranking of one agent determines the others and ``pi^L`` is the identity,
    so ``Fix = prod over cycles of (m! if ord(pi) divides L else 0)``. For housing markets the
    simultaneous relabelling sigma fixes ``(n!)^c`` profiles when its c cycles all have the same
    length, and none otherwise. The count is ``|G|^{-1} sum_g Fix(g)``.

    Examples
    --------
    >>> [count_profiles(n, symmetry="agents+objects") for n in (1, 2, 3)]
    [1, 2, 10]
    """
    m = _check_sizes(n, m, symmetry)
    f = math.factorial(m)
    if symmetry == "none":
        return f ** n
    if symmetry == "agents":
        return math.comb(f + n - 1, n)
    if symmetry == "agents+objects":
        total = 0
        for lam in _partitions(n):
            for mu in _partitions(m):
                order = math.lcm(*mu) if mu else 1
                if all(L % order == 0 for L in lam):
                    total += _class_size(lam) * _class_size(mu) * f ** len(lam)
        return total // (math.factorial(n) * f)
    total = sum(_class_size(lam) * f ** len(lam) for lam in _partitions(n)
                if len(set(lam)) <= 1)
    return total // f


# -- canonical forms and orbit sizes --------------------------------------------------------------

def _as_indices(profile: Profile) -> tuple[int, ...]:
    if not profile.is_complete:
        raise InvalidInstance("prefs", "symmetry reduction needs complete rankings")
    idx = _index(profile.m)
    return tuple(idx[r] for r in profile.rankings)


def _housing_image(p: tuple[int, ...], s: int, n: int) -> tuple[int, ...]:
    perm, act = _perms(n)[s], _act(n)[s]
    out = [0] * n
    for i, r in enumerate(p):
        out[perm[i]] = act[r]
    return tuple(out)


def _is_housing_canonical(p: tuple[int, ...], n: int) -> bool:
    act, inv = _act(n), _inverse(n)
    for s in range(1, len(act)):
        a, sinv = act[s], inv[s]
        for i in range(n):
            v = a[p[sinv[i]]]
            if v != p[i]:
                if v < p[i]:
                    return False
                break
    return True


def _ao_canonical(p: tuple[int, ...], m: int) -> tuple[int, ...]:
    """Lexicographically least sorted tuple over object relabellings (agents: sorting)."""
    act = _act(m)
    return min(tuple(sorted(a[r] for r in p)) for a in act)


def canonical_form(profile: Profile, symmetry: str = "agents+objects") -> Profile:
    """The canonical representative of ``profile``'s orbit (the one :func:`canonical_profiles`
    yields)."""
    n, m = profile.n, profile.m
    _check_sizes(n, m, symmetry)
    if symmetry == "none":
        return profile
    p = _as_indices(profile)
    perms = _perms(m)
    if symmetry == "agents":
        best = tuple(sorted(p))
    elif symmetry == "agents+objects":
        best = _ao_canonical(p, m)
    else:
        best = min(_housing_image(p, s, n) for s in range(len(perms)))
    return Profile([perms[r] for r in best], m)


def orbit_size(profile: Profile, symmetry: str = "agents+objects") -> int:
    """Number of profiles in ``profile``'s orbit (its weight as a representative)."""
    n, m = profile.n, profile.m
    _check_sizes(n, m, symmetry)
    if symmetry == "none":
        return 1
    p = _as_indices(profile)
    mult = math.prod(math.factorial(c) for c in _multiplicities(p))
    if symmetry == "agents":
        return math.factorial(n) // mult
    if symmetry == "agents+objects":
        target = tuple(sorted(p))
        fixing = sum(1 for a in _act(m) if tuple(sorted(a[r] for r in p)) == target)
        return math.factorial(n) * math.factorial(m) // (fixing * mult)
    act, inv = _act(n), _inverse(n)
    stab = sum(1 for s in range(len(act))
               if all(act[s][p[inv[s][i]]] == p[i] for i in range(n)))
    return math.factorial(n) // stab


def _multiplicities(p: Sequence[int]) -> list[int]:
    counts: dict = {}
    for r in p:
        counts[r] = counts.get(r, 0) + 1
    return list(counts.values())


# -- enumeration ----------------------------------------------------------------------------------

def all_profiles(n: int, m: Optional[int] = None) -> Iterator[Profile]:
    """Every complete strict profile of ``n`` agents over ``m`` objects (default ``m = n``),
    in lexicographic order; a generator."""
    m = _check_sizes(n, m, "none")
    perms = _perms(m)
    for p in itertools.product(perms, repeat=n):
        yield Profile._trusted(p, m)


def canonical_profiles(n: int, m: Optional[int] = None,
                       symmetry: str = "agents+objects") -> Iterator[Profile]:
    """One representative per orbit, streamed in canonical order (a generator).

    Order: for ``agents`` and ``agents+objects``, by the number of distinct rankings (profiles in
    which agents agree come first), then lexicographically on the representative; for
    ``housing``, lexicographically. Representatives are lexicographically least in their orbit
    (after sorting agents, for the agent symmetries), so ``agents+objects`` representatives start
    with the ranking ``0, 1, ..., m-1``.

    Notes
    -----
    Cost: ``agents+objects`` tests ``C(m! + n - 2, n - 1)`` candidates against the ``m!`` object
    relabellings; ``housing`` tests the candidates whose first ranking is least possible against
    the ``n!`` relabellings with early exit (about 0.2 s for n = 4).
    """
    m = _check_sizes(n, m, symmetry)
    perms = _perms(m)
    for p in _canonical_indices(n, m, symmetry):
        yield Profile._trusted(tuple(perms[r] for r in p), m)


def _canonical_indices(n: int, m: int, symmetry: str) -> Iterator[tuple[int, ...]]:
    """The representatives of :func:`canonical_profiles` as tuples of permutation indices."""
    perms = _perms(m)
    if symmetry == "none":
        yield from itertools.product(range(len(perms)), repeat=n)
        return
    if n == 0:
        yield ()
        return
    if symmetry == "agents":
        for k in range(1, n + 1):
            for p in itertools.combinations_with_replacement(range(len(perms)), n):
                if len(set(p)) == k:
                    yield p
        return
    if symmetry == "agents+objects":
        for k in range(1, n + 1):
            for rest in itertools.combinations_with_replacement(range(len(perms)), n - 1):
                p = (0,) + rest
                if len(set(p)) == k and _ao_canonical(p, m) == p:
                    yield p
        return
    # housing: the least ranking in an orbit puts the own house at the smallest own-rank k first
    pos = [{r: perms[r].index(i) for r in range(len(perms))} for i in range(n)]
    firsts = [_index(n)[tuple(list(range(1, k + 1)) + [0] + list(range(k + 1, n)))]
              for k in range(n)]
    for k, first in enumerate(firsts):
        allowed = [[r for r in range(len(perms)) if pos[i][r] >= k] for i in range(n)]
        for rest in itertools.product(*allowed[1:]):
            p = (first,) + rest
            if _is_housing_canonical(p, n):
                yield p


# -- hypothesis -----------------------------------------------------------------------------------

def strict_profiles(n: int, m: Optional[int] = None, *, truncated: bool = False):
    """A hypothesis strategy of strict profiles of ``n`` agents over objects ``0..m-1``.

    Examples shrink towards the profile in which every agent ranks ``0, 1, ..., m-1`` (and, when
    ``truncated``, towards short rankings).
    """
    from hypothesis import strategies as st

    m = _check_sizes(n, m, "none")
    ranking = st.permutations(range(m))
    if truncated:
        ranking = st.tuples(ranking, st.integers(0, m)).map(lambda t: tuple(t[0][:t[1]]))
    return st.lists(ranking, min_size=n, max_size=n).map(lambda rows: Profile(rows, m))


#: short alias of :func:`strict_profiles`
profiles = strict_profiles


# -- domains --------------------------------------------------------------------------------------

class _ProfileDomain(Domain):
    """Complete strict n x n profiles, one per orbit of ``reduce`` (``"none"``: every profile)."""

    reduce = "agents+objects"

    def __init__(self, sizes: tuple[int, ...] = (1, 2, 3, 4), reduce: Optional[str] = None):
        if not sizes or any(isinstance(s, bool) or not isinstance(s, int) or s < 1
                            for s in sizes):
            raise InputError("sizes", f"positive integers expected, got {sizes!r}")
        self.sizes = tuple(sorted(set(sizes)))
        if reduce is not None:
            if reduce not in SYMMETRIES:
                raise InputError("reduce", f"must be one of {', '.join(SYMMETRIES)}, got {reduce!r}")
            self.reduce = reduce
        self.symmetry = None if self.reduce == "none" else self.reduce
        if self.symmetry is None:
            self.name = self.name.split(" up to ")[0] + " (every labelled profile)"
            # (n!)^n labelled profiles: 331,776 at n = 4, so n = 4 is opt-in there
            self.default_size = min(3, max(self.sizes)) if min(self.sizes) <= 3 else None

    def describe(self) -> dict:
        return {"name": self.name, "symmetry": self.reduce}

    def unreduced(self) -> "_ProfileDomain":
        return type(self)(self.sizes, reduce="none")

    def count(self, size: int) -> int:
        return count_profiles(size, size, self.reduce)

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None):
        perms = _perms(size)
        for p in itertools.islice(_canonical_indices(size, size, self.reduce), start, stop):
            yield Profile._trusted(tuple(perms[r] for r in p), size)

    def weight(self, instance: Profile) -> int:
        return orbit_size(instance, self.reduce)

    def strategy(self, size: int):
        return profiles(size, size)

    def to_json(self, instance: Profile) -> list:
        return [list(r) for r in instance.rankings]

    def from_json(self, data: Any) -> Profile:
        if not isinstance(data, list) or not data:
            raise InputError("instance", f"expected a non-empty list of rankings, got {data!r}")
        p = Profile.parse(data, len(data), complete=True, field="instance")
        return p

    def size_of(self, instance: Profile) -> int:
        return instance.n

    def symmetric_image(self, instance: Profile, rng) -> Optional[Profile]:
        """A random relabelling of ``instance`` within its orbit (see :meth:`Domain.symmetric_image`)."""
        if self.symmetry is None:
            return None
        sigma = list(range(instance.n))
        rng.shuffle(sigma)
        if self.symmetry == "housing":
            return instance.relabel(sigma, sigma)
        pi = list(range(instance.m))
        rng.shuffle(pi)
        return instance.relabel(sigma, pi if self.symmetry == "agents+objects" else None)


class StrictProfiles(_ProfileDomain):
    """Complete strict profiles of n agents over n objects, one per relabelling orbit.

    Symmetry: agents and objects relabelled independently (for anonymous and neutral
    mechanisms and properties); sizes n = 1..4 by default (1, 2, 10, 762 representatives).
    """

    reduce = "agents+objects"
    name = "strict profiles n x n up to agent and object relabelling"


class HousingMarkets(_ProfileDomain):
    """Shapley-Scarf housing markets: n agents, agent i owns house i, complete strict rankings.

    One representative per orbit of simultaneous agent+house relabelling; n = 1..4 by default
    (1, 3, 38, 13902 representatives).
    """

    reduce = "housing"
    name = "housing markets n x n (agent i owns house i) up to simultaneous relabelling"
