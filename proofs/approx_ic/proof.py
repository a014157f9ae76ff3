"""The constants of Theorem 1's proof, computed exactly: ``e``, ``delta``, the sets ``P``, ``T``, (4), ``n0``.

* ``e(lambda; w) = min E(lambda; w)``: the least posterior weight on ``w`` beyond which the
  ``lambda``-welfare maximiser is the one of state ``w``; ``e = max_w max_lambda e(lambda; w)``.
  Under condition (1) every state ``w`` has a common strict top ``a_w`` (:mod:`.condition`), and
  ``e(lambda; w)`` is the largest ``p`` at which some ``b`` ties ``a_w`` on an edge of the simplex
  between ``w`` and another state ``w'``: ``p = g / (g + D)`` with ``D = W_lambda(a_w, w) -
  W_lambda(b, w) > 0`` and ``g = W_lambda(b, w') - W_lambda(a_w, w') > 0``. That is a
  linear-fractional function of ``lambda``, so its maximum over ``Delta(U)`` sits at a vertex: ``e``
  is a maximum over single types (:func:`proof_e`), and ``e < 1`` because ``D > 0``.
* ``delta``: (2) asks ``5 delta max_{u, a} ||u(a, .)|| < epsilon``; the norms must pair, we take
  ``||u||_inf`` and ``||pi - pi'||_1`` and ``delta = slack * epsilon / (5 max ||u||_inf)`` with the
  note's ``slack = 99/100``.
* (4): ``nu^n(P^n_w  cap  T^n | w) >= 1 - delta`` for every state, ``n`` the other players' count;
  decided exactly by signal counts (:func:`equation_4`).
* ``n0``: the least ``n0`` with (4) for *every* ``n >= n0``. Beyond a computable ``n2`` (4) holds
  by Markov's inequality on the square root of the posterior odds, whose conditional expectation
  is a Bhattacharyya power (:func:`equation_4_tail`); below it, every ``n`` is checked exactly. The
  proof then covers ``|N| > n0``: it needs ``n0 + 1`` players.

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST
>>> st = BINARY.with_types([INVEST])
>>> str(proof_e(st))
'2/3'
>>> proof_threshold(st, Q(1, 10)).players
92
"""

from __future__ import annotations

import dataclasses
import functools
import math

from exact.numbers import Q

from .bounds import bhattacharyya_upper, sqrt_upper
from .condition import common_strict_tops
from .counts import likelihood, multinomial
from .model import Setting, compositions

__all__ = ["proof_e", "e_constant", "e_vertex", "e_lp", "proof_delta", "sup_norm", "equation_4", "equation_4_tail",
           "ProofThreshold", "proof_threshold", "SLACK"]

#: delta = SLACK * epsilon / (5 max ||u||): (2) is a strict inequality, the note's choice
SLACK = Q(99, 100)


def proof_e(st: Setting) -> Q:
    """``e = max_w max_lambda e(lambda; w)`` for the setting's types (see :func:`e_constant`)."""
    return e_constant(st.types)


def e_vertex(u, tops: tuple, w: int) -> Q:
    """``e(delta_u; w)`` for one type ``u`` (``tops[w]`` the common strict top of state ``w``)."""
    best, aw = Q(0), tops[w]
    for v in range(len(u[0])):
        if v == w:
            continue
        for b in range(len(u)):
            if b == aw:
                continue
            D = u[aw][w] - u[b][w]
            g = u[b][v] - u[aw][v]
            if g > 0:
                best = max(best, g / (g + D))
    return best


def e_constant(types) -> Q:
    """``e = max_w max_lambda e(lambda; w)`` (exact; the vertex formula of the module docstring).

    Raises
    ------
    ValueError
        when condition (1) fails (then some ``e(lambda; w)`` is undefined: no unique maximiser).
    """
    tops = common_strict_tops(types)
    if tops is None:
        raise ValueError("condition (1) fails: e(lambda; w) is not defined")
    return max((e_vertex(u, tops, w) for u in types for w in range(len(tops))), default=Q(0))


def e_lp(types, lam, w: int, tops: tuple) -> Q:
    """``e(lambda; w)`` at one mixture ``lambda`` by exact LPs (independent of the vertex formula):
    the largest ``pi(w)`` over beliefs ``pi`` at which some ``b != a_w`` is at least as good."""
    from exact.lp import solve_lp
    W, A, aw = len(types[0][0]), len(types[0]), tops[w]
    mix = [[sum((x * u[a][v] for x, u in zip(lam, types)), Q(0)) for v in range(W)]
           for a in range(A)]
    best = Q(0)
    for b in range(A):
        if b == aw:
            continue
        c = [Q(int(v == w)) for v in range(W)]
        res = solve_lp(c, A_ub=[[mix[aw][v] - mix[b][v] for v in range(W)]], b_ub=[Q(0)],
                       A_eq=[[Q(1)] * W], b_eq=[Q(1)], maximize=True)
        if res.status == "optimal":
            best = max(best, res.value)
    return best


def sup_norm(st: Setting) -> Q:
    """``max_{u, a} ||u(a, .)||_inf``."""
    return max(abs(x) for u in st.types for row in u for x in row)


def proof_delta(st: Setting, eps: Q, slack: Q = SLACK) -> Q:
    """``delta = slack * epsilon / (5 max ||u||_inf)``, so that (2) holds strictly."""
    d = Q(slack) * Q(eps) / (5 * sup_norm(st))
    return min(d, Q(slack))                          # delta in (0, 1); smaller keeps (2)


def equation_4(st: Setting, e: Q, delta: Q, n: int) -> tuple:
    """``(holds, min_w nu^n(P_w cap T | w))`` for ``n`` other players' signals (exact).

    Integers throughout: with ``D`` the common denominator of ``pi_0`` and ``nu``, a posterior is
    ``a_y(w) / Z_y`` with ``a_y(w) = D^(n+2) pi_0(w) nu(y | w) prod_x nu(x | w)^(c_x)``, and every
    membership test is a comparison of integers.
    """
    X, W = st.signals, st.states
    D = math.lcm(*[int(x.q) for x in st.prior], *[int(x.q) for row in st.nu for x in row])
    p0 = [int(x * D) for x in st.prior]
    nut = [[int(x * D) for x in row] for row in st.nu]
    ep, eq, dp, dq = int(e.p), int(e.q), int(delta.p), int(delta.q)
    mass = [0] * W
    for c in compositions(n, X):
        like = [math.prod([nut[w][x] ** k for x, k in enumerate(c) if k]) for w in range(W)]
        a = [[p0[w] * like[w] * nut[w][y] for w in range(W)] for y in range(X)]
        Z = [sum(r) for r in a]
        in_T = all(dq * sum(abs(a[y][w] * Z[z] - a[z][w] * Z[y]) for w in range(W))
                   < dp * Z[y] * Z[z] for y in range(X) for z in range(y + 1, X))
        if not in_T:
            continue
        m = multinomial(c)
        for w in range(W):
            if all(a[y][w] * eq > ep * Z[y] for y in range(X)):
                mass[w] += m * like[w]
    low = min(Q(x, D ** n) for x in mass)
    return low >= 1 - delta, low


def equation_4_tail(st: Setting, e: Q, delta: Q) -> int:
    """An ``n2`` such that (4) holds for every ``n >= n2`` (Markov's inequality; exact rationals).

    If ``x^n`` is not in ``P_w cap T`` then for some signal ``y`` and state ``v != w`` the posterior
    odds ``O = pi(x^n, y)(v) / pi(x^n, y)(w)`` are at least ``c_y``: ``(1 - e) / (|Omega| - 1)`` when
    ``P_w`` fails, ``delta min l / (2 #pairs |l(a) - l(b)|)`` when ``T`` fails at ``(y, z)`` (the
    bound of :mod:`.bounds`). Given ``w``, ``E[sqrt(O)] = sqrt(kappa) BC_{wv}^n`` with ``kappa =
    pi_0(v) nu(y | v) / (pi_0(w) nu(y | w))``, so the failure probability is at most
    ``sum_{y, v} sqrt(kappa / c_y) BC_{wv}^n``, decreasing in ``n``.
    """
    X, W = st.signals, st.states
    pairs = W * (W - 1) // 2
    cy = []
    for y in range(X):
        c = (1 - e) / (W - 1)
        for z in range(X):
            if z == y:
                continue
            ell = [st.nu[w][z] / st.nu[w][y] for w in range(W)]
            spread = max(abs(ell[a] - ell[b]) for a in range(W) for b in range(W))
            if spread:
                c = min(c, delta * min(ell) / (2 * pairs * spread))
        cy.append(c)
    terms = []                                 # (w, coefficient, BC upper bound)
    for w in range(W):
        for v in range(W):
            if v == w:
                continue
            bc = bhattacharyya_upper(st, min(w, v), max(w, v))
            for y in range(X):
                kappa = st.prior[v] * st.nu[v][y] / (st.prior[w] * st.nu[w][y])
                terms.append((w, sqrt_upper(kappa / cy[y]), bc))

    def bound(n):
        return max(sum((c * bc ** n for ww, c, bc in terms if ww == w), Q(0)) for w in range(W))
    n = 0
    while bound(n) > delta:
        n += 1 if n < 8 else max(1, n // 8)
    while n > 0 and bound(n - 1) <= delta:     # back off the coarse steps: least such n
        n -= 1
    return n


@dataclasses.dataclass(frozen=True)
class ProofThreshold:
    """The proof's ``n0`` for one epsilon: ``players = n0 + 1`` players suffice by the proof.

    ``failures`` lists every ``n < n2`` (other players) at which (4) fails; ``n0`` is one past the
    last of them; (4) holds for every ``n >= n2`` by :func:`equation_4_tail`.
    """

    eps: Q
    e: Q
    delta: Q
    n0: int
    n2: int
    failures: tuple
    holds_at: tuple

    @property
    def players(self) -> int:
        return self.n0 + 1


@functools.lru_cache(maxsize=64)
def proof_threshold(st: Setting, eps: Q, slack: Q = SLACK) -> ProofThreshold:
    """The proof's ``n0(epsilon)`` for the setting (requires condition (1))."""
    e = proof_e(st)
    delta = proof_delta(st, eps, slack)
    n2 = equation_4_tail(st, e, delta)
    fails, ok = [], []
    for n in range(n2):
        (ok if equation_4(st, e, delta, n)[0] else fails).append(n)
    n0 = fails[-1] + 1 if fails else 0
    return ProofThreshold(Q(eps), e, delta, n0, n2, tuple(fails), tuple(ok))
