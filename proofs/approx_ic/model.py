"""Environments of Section 2 and the setting of Theorem 1, in exact rationals.

An *environment* ``<N, Omega, (S_i), A, (u_i), pi_0, mu>`` (Section 2): players ``0..n-1``, states
``0..k-1``, finite signal sets ``S_i = {0..|S_i|-1}``, alternatives ``0..|A|-1``, utilities
``u_i[a][omega]``, a prior ``pi_0(omega) > 0`` and a full-support signal law ``mu(s | omega) > 0``
on the profiles ``S = prod_i S_i`` (listed in lexicographic order, player 0 slowest). Signals may be
correlated beyond the state: ``mu`` is a table, not a product.

The *setting* of Theorem 1 fixes ``Omega``, a signal space ``X``, a prior, a conditionally i.i.d.
signal law ``nu(x | omega) > 0`` with ``nu(. | omega) != nu(. | omega')`` and a finite set ``U`` of
utility types; an environment of the theorem is a *composition* (how many players of each type),
``mu = nu^N``. The paper leaves the selection from ``argmax`` open (``sigma*(s) in argmax``); every
model here carries an explicit tie rule, ``"first"`` or ``"last"`` maximising alternative.

Every constructor validates its input and raises :class:`exact.InputError` naming the field: a
float, a negative or zero probability, probabilities that do not sum to 1, a signal table whose
length is not ``|S|``, a utility matrix of the wrong shape.

Examples
--------
>>> env = environment(["1/2", "1/2"], [["1/3", "2/3"], ["2/3", "1/3"]], [2],
...                   [[[0, 0], [-1, 2]]])
>>> env.n, env.states, env.alternatives, env.profiles
(1, 2, 2, ((0,), (1,)))
>>> environment(["1/2", "1/3"], [["1"], ["1"]], [1], [[[0, 0]]])
Traceback (most recent call last):
...
exact.errors.InputError: prior: probabilities must sum to 1, they sum to 5/6
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from typing import Any, Sequence

from exact.errors import InputError
from exact.numbers import Q, parse_q, to_jsonable

__all__ = ["Environment", "Setting", "environment", "setting", "TIE_RULES", "distribution",
           "utility_matrix", "compositions"]

TIE_RULES = ("first", "last")


def _seq(v: Any, field: str, what: str = "list") -> Sequence:
    if not isinstance(v, (list, tuple)):
        raise InputError(field, f"expected a {what}, got {type(v).__name__}")
    return v


def distribution(values: Any, field: str, length: int | None = None,
                 positive: bool = True) -> tuple:
    """A probability vector: exact, ``> 0`` (or ``>= 0``), summing to 1, of the given length.

    Raises
    ------
    InputError
        naming ``field`` or ``field[i]``.
    """
    vs = _seq(values, field, "list of probabilities")
    if length is not None and len(vs) != length:
        raise InputError(field, f"has {len(vs)} entries, expected {length}")
    if not vs:
        raise InputError(field, "is empty")
    out = tuple(parse_q(v, f"{field}[{j}]") for j, v in enumerate(vs))
    for j, p in enumerate(out):
        if p < 0 or (positive and p == 0):
            raise InputError(f"{field}[{j}]", f"probabilities must be {'positive' if positive else 'non-negative'}"
                                              f" (full support, Section 2), got {p}")
    total = sum(out, Q(0))
    if total != 1:
        raise InputError(field, f"probabilities must sum to 1, they sum to {total}")
    return out


def utility_matrix(rows: Any, field: str, states: int, alternatives: int | None = None) -> tuple:
    """``u[a][omega]``: one row per alternative, ``states`` exact entries per row."""
    rs = _seq(rows, field, "list of rows u[a][omega]")
    if not rs:
        raise InputError(field, "needs at least one alternative")
    if alternatives is not None and len(rs) != alternatives:
        raise InputError(field, f"has {len(rs)} alternatives, expected {alternatives}")
    out = []
    for a, row in enumerate(rs):
        r = _seq(row, f"{field}[{a}]", "list of utilities over states")
        if len(r) != states:
            raise InputError(f"{field}[{a}]", f"has {len(r)} entries, expected one per state "
                                              f"({states})")
        out.append(tuple(parse_q(v, f"{field}[{a}][{w}]") for w, v in enumerate(r)))
    return tuple(out)


def _tie(tie: Any) -> str:
    if tie not in TIE_RULES:
        raise InputError("tie", f"expected one of {TIE_RULES}, got {tie!r}")
    return tie


@dataclasses.dataclass(frozen=True)
class Environment:
    """A finite environment (Section 2); build it with :func:`environment`.

    ``mu[omega][k]`` is the probability of the ``k``-th profile of :attr:`profiles` in state
    ``omega``; ``utilities[i][a][omega]`` is ``u_i(a, omega)``.
    """

    prior: tuple
    signals: tuple
    mu: tuple
    utilities: tuple
    tie: str = "first"

    @property
    def n(self) -> int:
        return len(self.signals)

    @property
    def states(self) -> int:
        return len(self.prior)

    @property
    def alternatives(self) -> int:
        return len(self.utilities[0])

    @functools.cached_property
    def profiles(self) -> tuple:
        """Every signal profile, lexicographic (player 0 slowest): the order of ``mu[omega]``."""
        return tuple(itertools.product(*[range(m) for m in self.signals]))

    def index(self, profile: Sequence[int]) -> int:
        """Position of ``profile`` in :attr:`profiles`."""
        k = 0
        for s, m in zip(profile, self.signals):
            k = k * m + s
        return k

    def to_json(self) -> dict:
        return {"prior": to_jsonable(self.prior), "signals": list(self.signals),
                "mu": to_jsonable(self.mu), "utilities": to_jsonable(self.utilities),
                "tie": self.tie}

    @staticmethod
    def from_json(data: Any) -> "Environment":
        if not isinstance(data, dict):
            raise InputError("environment", f"expected an object, got {type(data).__name__}")
        extra = set(data) - {"prior", "signals", "mu", "utilities", "tie"}
        if extra:
            raise InputError(sorted(extra)[0], "unknown field of an environment")
        for key in ("prior", "signals", "mu", "utilities"):
            if key not in data:
                raise InputError(key, "missing")
        return environment(data["prior"], data["mu"], data["signals"], data["utilities"],
                           data.get("tie", "first"))


def environment(prior: Any, mu: Any, signals: Any, utilities: Any,
                tie: str = "first") -> Environment:
    """Build and validate an :class:`Environment`.

    Parameters
    ----------
    prior : list of exact numbers
        ``pi_0(omega) > 0`` summing to 1 (one entry per state).
    mu : list of lists
        ``mu[omega]``: the signal law in state ``omega`` over the ``|S| = prod |S_i|`` profiles in
        lexicographic order, every entry ``> 0`` (full support), summing to 1.
    signals : list of int
        ``|S_i| >= 1`` for each player.
    utilities : list of matrices
        ``utilities[i][a][omega]``; every player has the same alternatives.
    tie : {"first", "last"}
        the selection from ``argmax`` in ``sigma*``.

    Raises
    ------
    InputError
        naming the field: ``prior``, ``prior[j]``, ``signals[i]``, ``mu[w]``, ``mu[w][k]``,
        ``utilities``, ``utilities[i][a]``, ``tie``.
    """
    pr = distribution(prior, "prior")
    sig = _seq(signals, "signals", "list of signal-set sizes")
    if not sig:
        raise InputError("signals", "needs at least one player")
    for i, m in enumerate(sig):
        if isinstance(m, bool) or not isinstance(m, int) or m < 1:
            raise InputError(f"signals[{i}]", f"expected a positive integer |S_{i}|, got {m!r}")
    size = math.prod(sig)
    if size > 4096:
        raise InputError("signals", f"{size} signal profiles; at most 4096 are supported")
    rows = _seq(mu, "mu", "list of signal laws, one per state")
    if len(rows) != len(pr):
        raise InputError("mu", f"has {len(rows)} signal laws, expected one per state ({len(pr)})")
    law = tuple(distribution(r, f"mu[{w}]", length=size) for w, r in enumerate(rows))
    us = _seq(utilities, "utilities", "list of utility matrices, one per player")
    if len(us) != len(sig):
        raise InputError("utilities", f"has {len(us)} utility matrices for {len(sig)} players")
    first = utility_matrix(us[0], "utilities[0]", len(pr))
    util = (first,) + tuple(utility_matrix(u, f"utilities[{i}]", len(pr), len(first))
                            for i, u in enumerate(us) if i > 0)
    return Environment(pr, tuple(sig), law, util, _tie(tie))


def compositions(total: int, parts: int):
    """Every tuple of ``parts`` non-negative ints summing to ``total``, lexicographically descending.

    >>> list(compositions(2, 2))
    [(2, 0), (1, 1), (0, 2)]
    """
    if parts == 1:
        yield (total,)
        return
    for first in range(total, -1, -1):
        for rest in compositions(total - first, parts - 1):
            yield (first,) + rest


@dataclasses.dataclass(frozen=True)
class Setting:
    """The data of Theorem 1: ``Omega``, ``X``, ``pi_0``, ``nu`` and the finite type set ``U``.

    ``nu[omega][x]`` is ``nu(x | omega)``; ``types[u][a][omega]`` is ``u(a, omega)``. An
    environment of the theorem is a composition ``(n_u)_u`` of the players into types.
    """

    prior: tuple
    nu: tuple
    types: tuple
    tie: str = "first"

    @property
    def states(self) -> int:
        return len(self.prior)

    @property
    def signals(self) -> int:
        return len(self.nu[0])

    @property
    def alternatives(self) -> int:
        return len(self.types[0])

    def environment(self, composition: Sequence[int]) -> Environment:
        """The environment with ``composition[u]`` players of type ``u`` (players sorted by type).

        ``mu = nu^N`` is expanded over all ``|X|^n`` profiles: use it for small ``n`` only.
        """
        comp = _composition(composition, len(self.types))
        players = [u for u, k in enumerate(comp) for _ in range(k)]
        n = len(players)
        mu = []
        for w in range(self.states):
            mu.append(tuple(math.prod((self.nu[w][x] for x in prof), start=Q(1))
                            for prof in itertools.product(range(self.signals), repeat=n)))
        return Environment(self.prior, (self.signals,) * n, tuple(mu),
                           tuple(self.types[u] for u in players), self.tie)

    def to_json(self) -> dict:
        return {"prior": to_jsonable(self.prior), "nu": to_jsonable(self.nu),
                "types": to_jsonable(self.types), "tie": self.tie}

    @staticmethod
    def from_json(data: Any) -> "Setting":
        if not isinstance(data, dict):
            raise InputError("setting", f"expected an object, got {type(data).__name__}")
        extra = set(data) - {"prior", "nu", "types", "tie"}
        if extra:
            raise InputError(sorted(extra)[0], "unknown field of a setting")
        for key in ("prior", "nu", "types"):
            if key not in data:
                raise InputError(key, "missing")
        return setting(data["prior"], data["nu"], data["types"], data.get("tie", "first"))


def _composition(composition: Any, types: int) -> tuple:
    comp = _seq(composition, "composition", "list of counts, one per type")
    if len(comp) != types:
        raise InputError("composition", f"has {len(comp)} counts, expected one per type ({types})")
    for u, k in enumerate(comp):
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise InputError(f"composition[{u}]", f"expected a non-negative integer, got {k!r}")
    if sum(comp) < 1:
        raise InputError("composition", "needs at least one player")
    return tuple(comp)


def setting(prior: Any, nu: Any, types: Any, tie: str = "first") -> Setting:
    """Build and validate the :class:`Setting` of Theorem 1.

    Raises
    ------
    InputError
        naming ``prior``, ``nu[w]`` (full support, sums, equal lengths, identifiability:
        ``nu(. | w) != nu(. | w')``), ``types[u][a]``, ``tie``.
    """
    pr = distribution(prior, "prior")
    rows = _seq(nu, "nu", "list of signal distributions, one per state")
    if len(rows) != len(pr):
        raise InputError("nu", f"has {len(rows)} signal distributions, expected one per state "
                               f"({len(pr)})")
    first = distribution(rows[0], "nu[0]")
    law = (first,) + tuple(distribution(r, f"nu[{w}]", length=len(first))
                           for w, r in enumerate(rows) if w > 0)
    for w in range(len(law)):
        for v in range(w):
            if law[w] == law[v]:
                raise InputError(f"nu[{w}]", f"equals nu[{v}]; Theorem 1 needs "
                                             f"nu(. | w) != nu(. | w') (identifiability)")
    ts = _seq(types, "types", "list of utility matrices (the set U)")
    if not ts:
        raise InputError("types", "needs at least one utility type")
    t0 = utility_matrix(ts[0], "types[0]", len(pr))
    typ = (t0,) + tuple(utility_matrix(u, f"types[{k}]", len(pr), len(t0))
                        for k, u in enumerate(ts) if k > 0)
    for k in range(len(typ)):
        for j in range(k):
            if typ[k] == typ[j]:
                raise InputError(f"types[{k}]", f"equals types[{j}]; U is a set of distinct types")
    return Setting(pr, law, typ, _tie(tie))
