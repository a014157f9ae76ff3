"""Merit-with-guarantee rules on a discrete type space (Definition 3, chord version).

With atoms, the right-derivative of Definition 3 becomes a chord: ``S_l = c_phi(q_l)`` is the
expected number of objects given to types ``>= v_l`` and

    P_phi(l) = (c_phi(q_l) - c_phi(q_{l+1})) / (n pi_l),     A_phi(l) = P_phi(l) - phi.

The principal's value is, by Abel summation (the discrete analogue of the integration by parts in
the proof of Lemma 4),

    W(phi) = n sum_l pi_l v_l P_phi(l) = v_1 c_phi(q_1) + sum_{l>=2} (v_l - v_{l-1}) c_phi(q_l).

For fixed ``q``, ``c_phi(q)`` is the minimum of a constant and two affine functions of ``phi``, so
``W`` is concave and piecewise linear in ``phi``; its maximum over ``[0, m/n]`` is attained at one
of the breakpoints enumerated by :func:`breakpoints`, all exact rationals.

Examples
--------
>>> from proofs.verification.typespace import instance
>>> inst = instance(3, 2, 1, [1, 2, 3], ["1/3", "1/3", "1/3"])
>>> best_value(inst), optimal_phis(inst)
(374/81, [28/81])
>>> [str(p) for p in interim_P(inst, Q(28, 81))]
['28/81', '56/81', '26/27']
"""

from __future__ import annotations

from exact.numbers import Q

from .capacity import c_allo, c_env, expected_min
from .typespace import Instance

__all__ = ["W", "breakpoints", "optimal_phis", "best_value", "interim_P", "interim_A",
           "first_best", "random_value", "S", "top_probability"]


def S(inst: Instance, ph) -> list:
    """``(c_phi(q_1), ..., c_phi(q_L), 0)``: the binding upper-set bounds (7) on the grid."""
    g = inst.grid
    return [c_env(inst.n, inst.m, inst.k, Q(ph), x) for x in g[:-1]] + [Q(0)]


def W(inst: Instance, ph) -> Q:
    """The principal's value of the MWG rule with guarantee ``phi`` (Abel summation)."""
    s = S(inst, ph)
    v = inst.values
    return v[0] * s[0] + sum(((v[l] - v[l - 1]) * s[l] for l in range(1, inst.L)), Q(0))


def breakpoints(inst: Instance) -> list:
    """All ``phi`` in ``[0, m/n]`` where some ``c_phi(q_l)`` changes slope, with 0, (m-k)/n, m/n.

    At ``q_l`` the three bounds are ``E_m``, ``E_k + n (1 - q) phi`` and ``m - n q phi``; their
    pairwise crossings in ``phi`` are ``(m - E_k)/n``, ``(E_m - E_k)/(n (1 - q))`` and
    ``(m - E_m)/(n q)``.
    """
    n, m, k = inst.n, inst.m, inst.k
    top = Q(m, n)
    out = {Q(0), Q(m - k, n), top}
    for x in inst.grid[:-1]:
        em, ek = expected_min(n, m, x), expected_min(n, k, x)
        cands = [(m - ek) / n]
        if x != 1:
            cands.append((em - ek) / (n * (1 - x)))
        if x != 0:
            cands.append((m - em) / (n * x))
        out.update(c for c in cands if 0 <= c <= top)
    return sorted(out)


def optimal_phis(inst: Instance) -> list:
    """The breakpoints at which ``W`` is maximal (the optimal set is their convex hull)."""
    vals = [(W(inst, p), p) for p in breakpoints(inst)]
    best = max(v for v, _ in vals)
    return [p for v, p in vals if v == best]


def best_value(inst: Instance) -> Q:
    """``max_phi W(phi)``: the best merit-with-guarantee value."""
    return max(W(inst, p) for p in breakpoints(inst))


def interim_P(inst: Instance, ph) -> list:
    """``P_phi(l) = (S_l - S_{l+1}) / (n pi_l)`` (chord version of (8))."""
    s = S(inst, ph)
    return [(s[l] - s[l + 1]) / (inst.n * inst.probs[l]) for l in range(inst.L)]


def interim_A(inst: Instance, ph) -> list:
    """``A_phi = P_phi - phi`` ((9))."""
    return [p - Q(ph) for p in interim_P(inst, ph)]


def top_probability(inst: Instance, l: int, cap: int) -> Q:
    """Probability that a type-``l`` agent is among the ``cap`` highest, ties broken at random.

    The other ``n - 1`` agents split into ``a`` above, ``t`` tied and the rest below (multinomial
    with probabilities ``1 - q_{l+1}``, ``pi_l``, ``q_l``); the agent wins with probability
    ``min(1, max(0, cap - a) / (t + 1))``. This is the merit stage of Definition 4 with the
    random tie-breaking that atoms require (note, Section 2).
    """
    from math import comb
    n = inst.n
    up = 1 - inst.grid[l + 1]
    tie = inst.probs[l]
    low = inst.grid[l]
    total = Q(0)
    for a in range(n):
        for t in range(n - a):
            b = n - 1 - a - t
            pr = comb(n - 1, a) * comb(n - 1 - a, t) * up ** a * tie ** t * low ** b
            if pr:
                total += pr * min(Q(1), Q(max(0, cap - a), t + 1))
    return total


def first_best(inst: Instance) -> Q:
    """Value of giving the m objects to the m highest types (ties broken at random)."""
    g, v = inst.grid, inst.values
    return v[0] * c_allo(inst.n, inst.m, g[0]) + sum(
        ((v[l] - v[l - 1]) * c_allo(inst.n, inst.m, g[l]) for l in range(1, inst.L)), Q(0))


def random_value(inst: Instance) -> Q:
    """Value of a uniform lottery: ``m E[v]``."""
    return inst.m * sum((p * v for p, v in zip(inst.probs, inst.values)), Q(0))
