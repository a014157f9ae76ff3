"""Theorem 1's i.i.d. setting by signal counts: exact ``epsilon*`` and ``W*`` for many players.

With ``mu = nu^N`` the posterior after a profile depends only on its signal counts ``c``, and so
does ``sigma*``: the welfare weights ``sum_i u_i = sum_u n_u u`` depend on the composition
``(n_u)``, not on who holds which signal. For a player of type ``u`` with signal ``s`` reporting
``t``, with ``c`` the counts of the other ``n - 1`` signals (identity G of :mod:`.gains`):

    gain_u(s -> t) = sum_c P(c | s) < pi(c + s) - pi(c + t), u(sigma*(c + t), .) >.

Write ``L_c(w) = pi_0(w) prod_x nu(x | w)^{c_x}`` (one ordered profile with counts ``c``) and
``m(c)`` for the multinomial coefficient; then ``P(c | s) pi(c + s)(w) = m(c) L_c(w) nu(s | w) / P(s)``
and everything is a finite sum of exact rationals: ``O(C(n + |X| - 2, |X| - 1))`` count vectors
instead of ``|X|^(n-1)`` profiles. :func:`table` shares the posteriors of one ``n`` among all
compositions (Theorem 1 quantifies over every assignment of types from ``U``).

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST, MATCH
>>> [str(epsilon_star(BINARY.with_types([INVEST]), (n,))) for n in (1, 2, 3, 4)]
['0', '1/2', '2/9', '19/45']
>>> str(epsilon_star(BINARY.with_types([MATCH]), (2,))), str(welfare(BINARY.with_types([MATCH]), (3,)))
('1/30', '20/9')
"""

from __future__ import annotations

import dataclasses
import functools
import math
from typing import Sequence

from exact.numbers import Q

from .mechanism import argmax_alternative
from .model import Setting, _composition, compositions

__all__ = ["Table", "table", "epsilon_star", "welfare", "worst_epsilon", "multinomial",
           "likelihood"]


def multinomial(c: Sequence[int]) -> int:
    """``(sum c)! / prod c_x!``."""
    out, acc = 1, 0
    for k in c:
        acc += k
        out *= math.comb(acc, k)
    return out


def likelihood(st: Setting, c: Sequence[int]) -> tuple:
    """``L_c(w) = pi_0(w) prod_x nu(x | w)^{c_x}`` for every state."""
    return tuple(st.prior[w] * math.prod((st.nu[w][x] ** k for x, k in enumerate(c) if k),
                                         start=Q(1)) for w in range(st.states))


@dataclasses.dataclass(frozen=True)
class Table:
    """Per-``n`` data shared by every composition of ``n`` players (and both tie rules).

    Integers throughout: with ``D`` the common denominator of ``pi_0`` and ``nu`` and ``Du`` that of
    the utilities, ``Y[j][t][u][a] = D^(n+1) Du sum_w L_c(w) nu(t | w) u(a, w)`` and ``Z[j][t] =
    D^(n+1) sum_w L_c(w) nu(t | w)`` for the count vector ``c = others[j]`` of the other ``n - 1``
    signals (``mult[j]`` its multinomial). Then, with ``a_j = sigma*(c_j + t)``,

        P(s) D^(n+1) Du gain_u(s -> t) = sum_j mult[j] (Y[j][s][u][a_j] Z[j][t] - Z[j][s] Y[j][t][u][a_j]) / Z[j][t].
    """

    setting: Setting
    n: int
    others: tuple
    mult: tuple
    Y: tuple
    Z: tuple
    P: tuple          # P(s) for each signal s
    scale: Q          # D^(n+1) Du

    def choice(self, comp: Sequence[int], j: int, t: int, tie: str) -> int:
        """``sigma*(c_j + t)`` for the composition ``comp`` (exact: a positive multiple of the
        posterior welfare of each alternative) under the tie rule."""
        Y = self.Y[j][t]
        present = [(u, k) for u, k in enumerate(comp) if k]
        if len(present) == 1:
            return argmax_alternative(Y[present[0][0]], tie)
        vals = [sum([k * Y[u][a] for u, k in present]) for a in range(self.setting.alternatives)]
        return argmax_alternative(vals, tie)

    def _gain(self, u: int, s: int, t: int, choices: tuple) -> Q:
        tot = Q(0)
        for j, a in enumerate(choices):
            Ys, Yt, Z = self.Y[j][s][u][a], self.Y[j][t][u][a], self.Z[j]
            num = self.mult[j] * (Ys * Z[t] - Z[s] * Yt)
            if num:
                tot += Q(num, Z[t])
        return tot / (self.P[s] * self.scale)

    def gains(self, comp: Sequence[int], tie: str | None = None) -> dict:
        """``{(u, s, t): gain}`` for every type ``u`` present in ``comp`` and ``s != t``."""
        tie = self.setting.tie if tie is None else tie
        X = self.setting.signals
        out = {}
        for t in range(X):
            choices = tuple(self.choice(comp, j, t, tie) for j in range(len(self.others)))
            for u, k in enumerate(comp):
                if not k:
                    continue
                for s in range(X):
                    if s != t:
                        key = (u, s, t, choices)
                        if key not in self._memo:
                            self._memo[key] = self._gain(u, s, t, choices)
                        out[(u, s, t)] = self._memo[key]
        return dict(sorted(out.items()))

    @functools.cached_property
    def _memo(self) -> dict:
        return {}

    def epsilon(self, comp: Sequence[int], tie: str | None = None) -> Q:
        """``epsilon*`` of the composition: ``max(0, max gain)``."""
        return max([Q(0), *self.gains(comp, tie).values()])


def table(st: Setting, n: int) -> Table:
    """The shared per-``n`` data of :class:`Table` (cached; the tie rule is not part of the key)."""
    return _table(st.prior, st.nu, st.types, n)


def _lcm_den(values) -> int:
    return math.lcm(*[int(Q(v).q) for v in values])


@functools.lru_cache(maxsize=512)
def _table(prior: tuple, nu: tuple, types: tuple, n: int) -> Table:
    if n < 1:
        raise ValueError("n >= 1 players")
    st = Setting(prior, nu, types)
    X, W, A = st.signals, st.states, st.alternatives
    D = _lcm_den(list(prior) + [x for row in nu for x in row])
    Du = _lcm_den([x for u in types for row in u for x in row])
    p0 = [int(x * D) for x in prior]
    nut = [[int(x * D) for x in row] for row in nu]
    ut = [[[int(x * Du) for x in row] for row in u] for u in types]
    others = tuple(compositions(n - 1, X))
    mult, Ys, Zs = [], [], []
    rw = range(W)
    columns = [[nut[w][t] for w in rw] for t in range(X)]       # nu(t | .) scaled, per signal
    for c in others:
        L = [p0[w] * math.prod([nut[w][x] ** k for x, k in enumerate(c) if k]) for w in rw]
        mult.append(multinomial(c))
        Yc, Zc = [], []
        for nt in columns:
            Lt = [L[w] * nt[w] for w in rw]
            Zc.append(sum(Lt))
            Yc.append(tuple(tuple(sum([Lt[w] * row[w] for w in rw]) for row in u) for u in ut))
        Ys.append(tuple(Yc))
        Zs.append(tuple(Zc))
    P = tuple(sum((st.prior[w] * st.nu[w][s] for w in range(W)), Q(0)) for s in range(X))
    return Table(st, n, others, tuple(mult), tuple(Ys), tuple(Zs), P, Q(D) ** (n + 1) * Du)


def epsilon_star(st: Setting, composition: Sequence[int]) -> Q:
    """Exact ``epsilon*`` of ``(sigma*, q*)`` with ``composition[u]`` players of type ``u``."""
    comp = _composition(composition, len(st.types))
    return table(st, sum(comp)).epsilon(comp, st.tie)


def worst_epsilon(st: Setting, n: int) -> tuple:
    """``(max over compositions of n players of epsilon*, a composition attaining it)``."""
    tab = table(st, n)
    best, arg = None, None
    for comp in compositions(n, len(st.types)):
        e = tab.epsilon(comp, st.tie)
        if best is None or e > best:
            best, arg = e, comp
    return best, arg


def welfare(st: Setting, composition: Sequence[int]) -> Q:
    """``W* = E[max_a sum_i <pi(s), u_i(a)>]`` by counts of all ``n`` signals."""
    comp = _composition(composition, len(st.types))
    n = sum(comp)
    tot = Q(0)
    for c in compositions(n, st.signals):
        L = likelihood(st, c)
        vals = [sum((k * sum((L[w] * st.types[u][a][w] for w in range(st.states)), Q(0))
                     for u, k in enumerate(comp) if k), Q(0)) for a in range(st.alternatives)]
        tot += multinomial(c) * max(vals)
    return tot
