"""Finite domains of the ``approx_ic`` claims.

* :data:`ENVIRONMENTS` (size ``n`` = players, 1..3): every signal structure of
  :mod:`.families` (plus :func:`correlated`, signals correlated beyond the state, from two
  players on) with each type set that fits its states, every composition of the players into
  types, both tie rules. One representative per relabelling of the players
  (``symmetry = "players"``: players sorted by type); :meth:`EnvironmentDomain.unreduced`
  lists every labelled assignment.
* :data:`SETTINGS` (size = index in :data:`EPSILONS`): Theorem 1's settings with an epsilon.
* :data:`PROOF_SETTINGS`: the single-type, two-signal settings on which the proof's ``n0`` is
  computed (cost grows with the scan of (4)).
* :data:`TYPE_SETS` (size = ``|U|``): every set of distinct utility types from one of three pools,
  ``u: A x Omega -> {0, 1}`` with ``|A| = |Omega| = 2``; ``u: A -> {0, 1, 2}`` with ``|A| = 3``,
  ``|Omega| = 1``; ``u: A x Omega -> {0, 1, 2}`` with the strict top ``a_w = w`` in each state.
* :data:`OBJECT_EXAMPLES` (size = number of groups): the paper's single-object example with
  values ``v_k(w) in {1, 2, 3}``.
"""

from __future__ import annotations

import itertools
import math
from typing import Any, Iterator, Optional

from exact.claims import Domain
from exact.errors import InputError
from exact.numbers import Q, parse_q, to_jsonable

from .families import (BINARY, INVEST, MATCH, OBJECT_1, OBJECT_2, SHARED_TOP, SKEWED,
                       THREE_SIGNALS, THREE_STATE_TYPES, THREE_STATES, Signals, object_types)
from .model import (TIE_RULES, Environment, Setting, compositions, distribution,
                    utility_matrix)

__all__ = ["EnvironmentDomain", "ENVIRONMENTS", "ENVIRONMENTS_2", "TYPE_SETS_2", "correlated", "SettingDomain", "SETTINGS",
           "PROOF_SETTINGS", "EPSILONS", "TypeSetDomain", "TYPE_SETS", "ObjectDomain",
           "OBJECT_EXAMPLES", "composition_of", "permute"]

#: epsilon of each size of the setting domains (size 3 is opt-in)
EPSILONS = (Q(1, 2), Q(1, 10), Q(1, 100))

BINARY_TYPE_SETS = (("match", (MATCH,)), ("invest", (INVEST,)),
                    ("object", (OBJECT_1, OBJECT_2)), ("shared-top", SHARED_TOP))


def correlated(n: int, types: tuple, composition: tuple, tie: str) -> Environment:
    """``BINARY``'s signals made more alike than the state explains: ``mu(s | w)`` proportional to
    ``prod_i nu(s_i | w) (1 + [all signals equal])`` (exchangeable, not a product)."""
    nu = BINARY.nu
    profiles = list(itertools.product(range(2), repeat=n))
    mu = []
    for w in range(2):
        raw = [math.prod((nu[w][x] for x in p), start=Q(1)) * (2 if len(set(p)) == 1 else 1)
               for p in profiles]
        z = sum(raw, Q(0))
        mu.append(tuple(r / z for r in raw))
    players = [u for u, k in enumerate(composition) for _ in range(k)]
    return Environment(BINARY.prior, (2,) * n, tuple(mu), tuple(types[u] for u in players), tie)


def _structures(n: int):
    """``(name, builder(n, types, composition, tie), type sets)`` in canonical order (the
    correlated structure from two players on: with one player it is the binary one)."""
    def iid(sig: Signals):
        return lambda n, types, comp, tie: sig.with_types(types, tie).environment(comp)
    yield "binary", iid(BINARY), BINARY_TYPE_SETS
    yield "skewed", iid(SKEWED), BINARY_TYPE_SETS
    yield "three-signals", iid(THREE_SIGNALS), BINARY_TYPE_SETS
    if n >= 2:
        yield "correlated", correlated, BINARY_TYPE_SETS
    yield "three-states", iid(THREE_STATES), (("guess", THREE_STATE_TYPES),)


def composition_of(env: Environment, types: tuple) -> Optional[tuple]:
    """How many players of ``env`` have each type of ``types`` (None if some has another type)."""
    counts = [0] * len(types)
    for u in env.utilities:
        if u not in types:
            return None
        counts[types.index(u)] += 1
    return tuple(counts)


def permute(env: Environment, perm: tuple) -> Environment:
    """``env`` with player ``i`` renamed ``perm[i]`` (signals, signal law and utilities moved)."""
    n = env.n
    inv = [0] * n
    for i, p in enumerate(perm):
        inv[p] = i
    signals = tuple(env.signals[inv[j]] for j in range(n))
    profiles = list(itertools.product(*[range(m) for m in signals]))
    pos = {p: k for k, p in enumerate(env.profiles)}
    mu = tuple(tuple(env.mu[w][pos[tuple(q[perm[i]] for i in range(n))]] for q in profiles)
               for w in range(env.states))
    return Environment(env.prior, signals, mu, tuple(env.utilities[inv[j]] for j in range(n)),
                       env.tie)


class EnvironmentDomain(Domain):
    """Small environments, graded by the number of players (see the module docstring)."""

    default_size = 3

    def __init__(self, labelled: bool = False, sizes: tuple = (1, 2, 3)):
        self.labelled = labelled
        self.sizes = tuple(sizes)
        self.symmetry = None if labelled else "players"
        self.name = ("small environments (binary, skewed, three-signal, correlated, three-state"
                     " signals; match/invest/object/shared-top types; both tie rules)"
                     + (", every labelled type assignment" if labelled else
                        ", players sorted by type")
                     + ("" if self.sizes == (1, 2, 3) else f", n in {set(self.sizes)}"))

    def describe(self) -> dict:
        return {"name": self.name, "labelled": self.labelled, "sizes": list(self.sizes)}

    def _all(self, n: int) -> Iterator[Environment]:
        for _, build, type_sets in _structures(n):
            for _, types in type_sets:
                assignments = (itertools.product(range(len(types)), repeat=n) if self.labelled
                               else compositions(n, len(types)))
                for a in assignments:
                    for tie in TIE_RULES:
                        if self.labelled:
                            comp = tuple(a.count(u) for u in range(len(types)))
                            env = build(n, types, comp, tie)
                            env = permute(env, _sorting_perm(a)) if len(types) > 1 else env
                        else:
                            env = build(n, types, a, tie)
                        yield env

    def count(self, size: int) -> int:
        if size not in self.sizes:
            return 0
        tot = 0
        for _, _, type_sets in _structures(size):
            for _, types in type_sets:
                k = len(types)
                tot += 2 * (k ** size if self.labelled else math.comb(size + k - 1, k - 1))
        return tot

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None):
        if size in self.sizes:
            yield from itertools.islice(self._all(size), start, stop)

    def weight(self, env: Environment) -> int:
        if self.labelled:
            return 1
        counts = {}
        for u in env.utilities:
            counts[u] = counts.get(u, 0) + 1
        return math.factorial(env.n) // math.prod(math.factorial(k) for k in counts.values())

    def unreduced(self) -> "EnvironmentDomain":
        return EnvironmentDomain(labelled=True, sizes=self.sizes)

    def symmetric_image(self, env: Environment, rng) -> Environment:
        perm = list(range(env.n))
        rng.shuffle(perm)
        return permute(env, tuple(perm))

    def to_json(self, env: Environment) -> dict:
        return env.to_json()

    def from_json(self, data: Any) -> Environment:
        env = Environment.from_json(data)
        if env.n not in self.sizes:
            raise InputError("signals", f"{env.n} players; this domain has "
                                        f"{min(self.sizes)} to {max(self.sizes)}")
        return env

    def size_of(self, env: Environment) -> int:
        return env.n

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(list(self._all(size)))


def _sorting_perm(assignment: tuple) -> tuple:
    """The permutation taking the type-sorted players to the labelled ``assignment``."""
    order = sorted(range(len(assignment)), key=lambda i: (assignment[i], i))
    # sorted player j (j-th in type order) becomes player order[j]
    return tuple(order)


ENVIRONMENTS = EnvironmentDomain()
#: two or more players (claims whose hypothesis needs the other players' signals)
ENVIRONMENTS_2 = EnvironmentDomain(sizes=(2, 3))


def _settings():
    yield BINARY.with_types((MATCH,), "first")
    yield BINARY.with_types((MATCH,), "last")
    yield BINARY.with_types((INVEST,), "first")
    yield BINARY.with_types((INVEST,), "last")
    yield BINARY.with_types((OBJECT_1, OBJECT_2), "first")
    yield BINARY.with_types((OBJECT_1, OBJECT_2), "last")
    yield BINARY.with_types(SHARED_TOP, "first")
    yield SKEWED.with_types((INVEST,), "first")
    yield THREE_SIGNALS.with_types((INVEST,), "first")
    yield THREE_STATES.with_types(THREE_STATE_TYPES, "first")


def _proof_settings():
    yield BINARY.with_types((MATCH,), "first")
    yield BINARY.with_types((INVEST,), "first")
    yield BINARY.with_types((INVEST,), "last")
    yield SKEWED.with_types((INVEST,), "first")


class SettingDomain(Domain):
    """``(setting, epsilon)`` with ``epsilon = EPSILONS[size - 1]``; size 3 (1/100) is opt-in."""

    sizes = (1, 2, 3)
    default_size = 2

    def __init__(self, settings, name: str):
        self._settings = settings
        self.name = name

    def describe(self) -> dict:
        return {"name": self.name, "epsilons": [str(e) for e in EPSILONS]}

    def count(self, size: int) -> int:
        return len(list(self._settings())) if size in self.sizes else 0

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None):
        if size in self.sizes:
            eps = EPSILONS[size - 1]
            for st in itertools.islice(self._settings(), start, stop):
                yield (st, eps)

    def to_json(self, inst) -> dict:
        return {"setting": inst[0].to_json(), "epsilon": to_jsonable(inst[1])}

    def from_json(self, data: Any):
        if not isinstance(data, dict) or set(data) != {"setting", "epsilon"}:
            raise InputError("instance", "expected an object with 'setting' and 'epsilon'")
        eps = parse_q(data["epsilon"], "epsilon")
        if eps not in EPSILONS:
            raise InputError("epsilon", f"must be one of {', '.join(map(str, EPSILONS))}, got {eps}")
        return (Setting.from_json(data["setting"]), eps)

    def size_of(self, inst) -> int:
        return EPSILONS.index(inst[1]) + 1

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(list(self.instances(size)))


SETTINGS = SettingDomain(_settings, "Theorem 1 settings (binary match/invest/object/shared-top,"
                                    " skewed invest, three-signal invest, three-state guess)"
                                    " at epsilon 1/2, 1/10 (1/100 opt-in)")
PROOF_SETTINGS = SettingDomain(_proof_settings, "single-type two-signal settings (binary "
                                                "match/invest, skewed invest) at epsilon 1/2, "
                                                "1/10 (1/100 opt-in)")


def _pool_two_states() -> list:
    return [((Q(a), Q(b)), (Q(c), Q(d))) for a, b, c, d in itertools.product((0, 1), repeat=4)]


def _pool_three_alternatives() -> list:
    return [((Q(a),), (Q(b),), (Q(c),)) for a, b, c in itertools.product((0, 1, 2), repeat=3)]


def _pool_matching_tops() -> list:
    """``u: A x Omega -> {0, 1, 2}``, ``|A| = |Omega| = 2``, with strict top ``a_w = w`` in each state."""
    return [((Q(a), Q(b)), (Q(c), Q(d))) for a, b, c, d in itertools.product((0, 1, 2), repeat=4)
            if a > c and d > b]


POOLS = (_pool_two_states(), _pool_three_alternatives(), _pool_matching_tops())


class TypeSetDomain(Domain):
    """Sets ``U`` of ``size`` distinct types from each pool (module docstring); size 3 opt-in."""

    default_size = 2

    def __init__(self, sizes: tuple = (1, 2, 3)):
        self.sizes = tuple(sizes)
        if self.sizes != (1, 2, 3):
            self.name = self.name + f", |U| in {set(self.sizes)}"

    def describe(self) -> dict:
        return {"name": self.name, "sizes": list(self.sizes)}

    name = ("type sets U of 1-3 distinct types from one pool: u: A x Omega -> {0,1} "
            "(|A| = |Omega| = 2); u: A -> {0,1,2} (|A| = 3, |Omega| = 1); u: A x Omega -> "
            "{0,1,2} with strict top a_w = w (|A| = |Omega| = 2)")

    def count(self, size: int) -> int:
        return sum(math.comb(len(p), size) for p in POOLS) if size in self.sizes else 0

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None):
        if size in self.sizes:
            gen = (c for p in POOLS for c in itertools.combinations(p, size))
            yield from itertools.islice(gen, start, stop)

    def to_json(self, types) -> list:
        return to_jsonable(types)

    def from_json(self, data: Any):
        if not isinstance(data, list) or len(data) not in self.sizes:
            raise InputError("types", f"expected a list of {min(self.sizes)} to "
                                      f"{max(self.sizes)} utility matrices")
        if not all(isinstance(u, list) for u in data):
            raise InputError("types", "every type must be a utility matrix (a list of rows)")
        first = utility_matrix(data[0], "types[0]", len(data[0][0]) if data[0] and isinstance(
            data[0][0], list) else 0)
        out = (first,) + tuple(utility_matrix(u, f"types[{k}]", len(first[0]), len(first))
                               for k, u in enumerate(data) if k > 0)
        if len(set(out)) != len(out):
            raise InputError("types", "the types of a set must be distinct")
        return out

    def size_of(self, types) -> int:
        return len(types)

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(list(self.instances(size)))


TYPE_SETS = TypeSetDomain()
#: two or more types (claims about types that disagree)
TYPE_SETS_2 = TypeSetDomain(sizes=(2, 3))


class ObjectDomain(Domain):
    """The single-object example with ``size`` groups, values ``v_k(w) in {1, 2, 3}``, two states."""

    sizes = (2, 3)
    default_size = 2
    name = "single-object examples: groups k value the object at v_k(w) in {1,2,3}, two states"

    def count(self, size: int) -> int:
        return 9 ** size if size in self.sizes else 0

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None):
        if size in self.sizes:
            vecs = list(itertools.product((1, 2, 3), repeat=2))
            gen = itertools.product(vecs, repeat=size)
            for vals in itertools.islice(gen, start, stop):
                yield tuple(tuple(Q(v) for v in vk) for vk in vals)

    def to_json(self, values) -> list:
        return to_jsonable(values)

    def from_json(self, data: Any):
        if not isinstance(data, list) or len(data) not in self.sizes:
            raise InputError("values", f"expected {self.sizes} value vectors")
        out = []
        for k, vk in enumerate(data):
            if not isinstance(vk, list) or len(vk) != 2:
                raise InputError(f"values[{k}]", "expected two values, one per state")
            out.append(tuple(parse_q(v, f"values[{k}][{w}]") for w, v in enumerate(vk)))
        return tuple(out)

    def size_of(self, values) -> int:
        return len(values)

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.sampled_from(list(self.instances(size)))


OBJECT_EXAMPLES = ObjectDomain()


def object_setting(values) -> Setting:
    """The setting of the single-object example with group values ``values`` and BINARY signals."""
    return BINARY.with_types(object_types(values))
