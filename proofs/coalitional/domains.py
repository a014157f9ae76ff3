"""Finite domains of environments for the coalitional claims.

An :class:`EnvDomain` is graded by *family*: each size is one family, a list of named
environments or ``count`` seeded random ones (``random.Random(f"{family}/{seed}")``), so every
instance is replayable from ``{"size", "seed"}`` and its JSON carries the environment's digest
(a record whose environment changed does not decode). :class:`OrdinalDomain` enumerates every
two-outcome environment with binary types exhaustively (the section-6 characterisation).
"""

from __future__ import annotations

import random
from typing import Callable, Optional

from exact.claims import Domain
from exact.errors import InputError

from .generators import (ordinal_environment, public_good_n, quadratic_public_good,
                         random_environment, random_public_good)
from .instances import named
from .model import Environment

__all__ = ["Family", "EnvDomain", "OrdinalDomain", "families", "named_family"]


class Family:
    """A finite list of environments: ``build(seed)`` for ``seed in range(count)``."""

    def __init__(self, name: str, count: int, build: Callable[[int], Environment], about: str):
        self.name, self.count, self._build, self.about = name, count, build, about

    def build(self, seed: int) -> Environment:
        env = self._build(seed)
        env.origin = (self.name, seed)
        return env


def named_family(names) -> Family:
    names = list(names)
    return Family("named:" + "+".join(names), len(names), lambda j: named(names[j]),
                  "the paper's and the note's environments: " + ", ".join(names))


def seeded_family(name: str, count: int, about: str, make: Callable[[random.Random], Environment]):
    return Family(name, count, lambda s: make(random.Random(f"{name}/{s}")), about)


def families() -> dict:
    """The families used by the claims (name -> Family)."""
    def rnd(n, k, m, **kw):
        def make(rng):
            scf = kw.get("scf") or rng.choice(["random", "utilitarian"])
            opts = {a: b for a, b in kw.items() if a != "scf"}
            return random_environment(rng, n, k, m, scf=scf, **opts)
        return make
    fams = [
        seeded_family("random-n2-m3", 12, "12 random environments: 2 agents, 2 types each, "
                      "lotteries over 3 outcomes, interdependent integer utilities in -2..2, "
                      "random or utilitarian f", rnd(2, 2, 3)),
        seeded_family("random-n2-m2-punish", 8, "8 random environments: 2 agents, 2 types, "
                      "2 outcomes plus two universally bad ones, utilitarian f",
                      rnd(2, 2, 2, scf="utilitarian", punish=True)),
        seeded_family("random-n3-m2", 8, "8 random environments: 3 agents, 2 types each, "
                      "lotteries over 2 outcomes, private values, random or utilitarian f",
                      rnd(3, 2, 2, private=True)),
        seeded_family("random-n3-m3", 12, "12 random environments: 3 agents, 2 types each, "
                      "lotteries over 3 outcomes, interdependent integer utilities in -2..2, "
                      "random or utilitarian f", rnd(3, 2, 3)),
        seeded_family("random-n3-m2-punish", 12, "12 random environments: 3 agents, 2 types "
                      "each, 2 outcomes plus two universally bad ones, interdependent integer "
                      "utilities in -2..2, random or utilitarian f", rnd(3, 2, 2, punish=True)),
        seeded_family("random-n2-m3-random-f", 10, "10 random environments: 2 agents, 2 types "
                      "each, lotteries over 3 outcomes, interdependent utilities in -2..2, "
                      "uniformly random f", rnd(2, 2, 3, scf="random")),
        seeded_family("quadratic-public-good", 6, "6 public-good environments with Example 1's "
                      "rule a (theta_1 + theta_2), -a theta_i^2/2 on types {0, t}, t in "
                      "{1/2, 1, 2}, a in {1, 2}, free disposal", quadratic_public_good),
        seeded_family("public-good", 8, "8 random public-good environments with free disposal: "
                      "u_i = v_i(theta) x_0 + x_i, v_i in {0,1,2}, f(theta) = (g, -c_1, -c_2), "
                      "g in {0,1,2}, c_i in {0, 1/2, 1}", random_public_good),
        seeded_family("constant", 6, "6 random environments (2 or 3 agents, 2 types, 3 "
                      "outcomes) with a constant f", lambda rng: random_environment(
                          rng, rng.choice([2, 3]), 2, 3, scf="constant")),
    ]
    grids = ["1/2", "1", "2"]
    fams.append(Family("public-good-n3", 3, lambda s: public_good_n(
        3, grids[s], name="public-good-n3"), "3 public-good environments with three agents and "
        "Example 1's rule (sum theta_i, -theta_i^2/2 on types {0, t}, t in {1/2, 1, 2}), free "
        "disposal"))
    return {f.name: f for f in fams}


class EnvDomain(Domain):
    """Environments from the given families; size ``j + 1`` is the ``j``-th family."""

    def __init__(self, names, name: Optional[str] = None, where: Optional[Callable] = None,
                 tag: str = ""):
        fams = families()
        self.fams = [named_family(nm[6:].split("+")) if nm.startswith("named:") else fams[nm]
                     for nm in names]
        self.sizes = tuple(range(1, len(self.fams) + 1))
        self.where = where
        self.name = name or ("environments: " + "; ".join(f.about for f in self.fams) +
                             (f"; {tag}" if tag else ""))

    def describe(self) -> dict:
        return {"name": self.name, "families": [[f.name, f.count] for f in self.fams]}

    def _family(self, size: int) -> Family:
        if isinstance(size, bool) or not isinstance(size, int) or size not in self.sizes:
            raise InputError("size", f"expected one of {list(self.sizes)}, got {size!r}")
        return self.fams[size - 1]

    def count(self, size: int) -> int:
        return self._family(size).count

    def instances(self, size, start=0, stop=None):
        fam = self._family(size)
        stop = fam.count if stop is None else min(stop, fam.count)
        for seed in range(start, stop):
            env = fam.build(seed)
            env.origin = (size, seed)
            yield env

    def to_json(self, env) -> dict:
        size, seed = env.origin
        return {"size": size, "seed": seed, "environment": env.name, "digest": env.digest}

    def from_json(self, data) -> Environment:
        if not isinstance(data, dict):
            raise InputError("instance", "expected {size, seed, environment, digest}")
        size, seed = data.get("size"), data.get("seed")
        if isinstance(size, bool) or not isinstance(size, int) or size not in self.sizes:
            raise InputError("instance.size", f"expected one of {list(self.sizes)}, got {size!r}")
        fam = self._family(size)
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < fam.count:
            raise InputError("instance.seed", f"expected 0..{fam.count - 1}, got {seed!r}")
        env = fam.build(seed)
        env.origin = (size, seed)
        if data.get("digest") != env.digest or data.get("environment") != env.name:
            raise InputError("instance.digest", "does not match the environment built from the seed")
        return env

    def size_of(self, env) -> int:
        return env.origin[0]

    def strategy(self, size: int):
        from hypothesis import strategies as st
        fam = self._family(size)
        return st.integers(0, fam.count - 1).map(lambda s: next(self.instances(size, s, s + 1)))


class OrdinalTable:
    """``n``, ``k`` and ``U[i][true][report]`` of an ordinal environment, computed directly
    (same numbers as :func:`.generators.ordinal_environment` builds; the tests compare them)."""

    def __init__(self, n: int, prefs: tuple, scf: tuple):
        import itertools as _it
        self.n, self.k = n, (2,) * n
        states = list(_it.product(range(2), repeat=n))
        self.states = states
        val = {0: (1, 0), 1: (0, 1), 2: (0, 0)}
        self.U = []
        for i in range(n):
            pi = prefs[i]
            rows = []
            for t, s in enumerate(states):
                pref = val[pi[s[i]] if len(pi) == 2 else pi[t]]
                rows.append([pref[scf[r]] for r in range(len(states))])
            self.U.append(rows)


class OrdinalDomain(Domain):
    """Every environment with ``n`` agents, types {0, 1}, ``X = {x0, x1}``, a deterministic ``f``
    and, per agent and state, a preference in {x0, x1, indifferent}.

    Size 1: two agents, private values (9^2 * 2^4 = 1,296 environments); size 2: two agents,
    interdependent values (3^8 * 2^4 = 104,976, opt-in); size 3: three agents, private values
    (9^3 * 2^8 = 186,624, opt-in).
    """

    _shape = {1: (2, True), 2: (2, False), 3: (3, True)}

    def __init__(self, sizes=(1, 2, 3)):
        self.sizes = tuple(sizes)
        self.default_size = self.sizes[0]
        self.name = ("every environment with types {0,1}, outcomes {x0, x1}, deterministic f "
                     "and ordinal preferences in {x0, x1, indifferent}: n = 2 private values "
                     "(size 1), n = 2 interdependent (size 2), n = 3 private values (size 3)")

    def _dims(self, size):
        if size not in self.sizes:
            raise InputError("size", f"expected one of {list(self.sizes)}, got {size!r}")
        n, private = self._shape[size]
        per = 2 if private else 2 ** n
        return n, per, 2 ** n

    def count(self, size: int) -> int:
        n, per, m = self._dims(size)
        return 3 ** (per * n) * 2 ** m

    def raw(self, size: int, index: int) -> tuple:
        """``(n, prefs, scf)`` of the instance ``index`` (no Environment built)."""
        n, per, m = self._dims(size)
        fcode, pcode = index % 2 ** m, index // 2 ** m
        scf = tuple((fcode >> s) & 1 for s in range(m))
        digits = []
        for _ in range(per * n):
            digits.append(pcode % 3)
            pcode //= 3
        return n, tuple(tuple(digits[i * per:(i + 1) * per]) for i in range(n)), scf

    def table(self, size: int, index: int) -> "OrdinalTable":
        """A light stand-in for the environment with the ``U`` table of :mod:`.incentives`."""
        return OrdinalTable(*self.raw(size, index))

    def decode(self, size: int, index: int) -> Environment:
        n, prefs, scf = self.raw(size, index)
        env = ordinal_environment(n, prefs, scf, name=f"ordinal-{size}-{index}")
        env.origin = (size, index)
        return env

    def instances(self, size, start=0, stop=None):
        total = self.count(size)
        stop = total if stop is None else min(stop, total)
        for index in range(start, stop):
            yield self.decode(size, index)

    def to_json(self, env) -> dict:
        return {"size": env.origin[0], "index": env.origin[1]}

    def from_json(self, data) -> Environment:
        if not isinstance(data, dict) or set(data) != {"size", "index"}:
            raise InputError("instance", "expected {size, index}")
        size, index = data["size"], data["index"]
        if isinstance(size, bool) or not isinstance(size, int) or size not in self.sizes:
            raise InputError("instance.size", f"expected one of {list(self.sizes)}")
        if isinstance(index, bool) or not isinstance(index, int) or \
                not 0 <= index < self.count(size):
            raise InputError("instance.index", "out of range")
        return self.decode(size, index)

    def size_of(self, env) -> int:
        return env.origin[0]

    def strategy(self, size: int):
        from hypothesis import strategies as st
        return st.integers(0, self.count(size) - 1).map(lambda j: self.decode(size, j))


