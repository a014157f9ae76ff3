"""Exact LPs of the model: epsilon-BIC and BIR as linear rows, revenue, Cremer-McLean.

Variables (:class:`Layout`): a lottery ``p(a | s)`` for every profile (the paper's ``sigma`` is
deterministic; randomising only enlarges the class, so an upper bound on revenue over lotteries
bounds the paper's class too), payments ``q_i(s)`` (free unless bounds are given) and optionally
``epsilon``. With ``J_i(s, a) = sum_w P(w, s) u_i(a, w)`` and ``s' = (t_i, s_-i)``, every row is
``P(s_i)`` times an interim expectation of Definition 1 or 2:

* BIR (Definition 2), for each ``(i, s_i)``:
  ``- sum_{s_-i} [ sum_a p(a | s) J_i(s, a) - P(s) q_i(s) ] <= 0``;
* epsilon-IC (Definition 1), for each ``(i, s_i, t_i)``, ``t_i != s_i``:
  ``sum_{s_-i} [ sum_a (p(a | s') - p(a | s)) J_i(s, a) - P(s) (q_i(s') - q_i(s)) ] <= P(s_i) epsilon``;
* ``sum_a p(a | s) = 1``; ``p >= 0``.

The revenue ``Q = sum_s P(s) sum_i q_i(s)`` is maximised (:func:`revenue_lp`), or epsilon is
minimised (:func:`epsilon_ic_lp` for a fixed mechanism: every variable pinned by its bounds, so
the optimum is the mechanism's least epsilon read off the very rows the revenue LP uses;
:func:`full_extraction_epsilon` for the least epsilon at which some BIR mechanism earns ``W*``).
Every LP goes through :func:`exact.lp.solve_lp`, whose certificates (``"kind": "lp-..."``) the
trusted checker re-verifies.

Cremer-McLean (:func:`cm_independence`): player ``i``'s beliefs ``b_{s_i} = P(s_-i | s_i)`` are
convexly independent iff, for every ``s_i``, the LP ``b_{s_i} = sum_{t != s_i} x_t b_t, x >= 0,
sum x = 1`` is infeasible (its Farkas certificate is the proof).

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST
>>> env = BINARY.with_types([INVEST]).environment([2])
>>> str(revenue_lp(env, ic=False).value), str(revenue_lp(env, eps=Q(0), payments=(0, 2)).value)
('11/9', '7/9')
>>> str(full_extraction_epsilon(env, payments=(0, 2)).value)
'1/2'
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Sequence

from exact.errors import CertificateError
from exact.lp import solve_lp
from exact.numbers import Q, to_jsonable

from .beliefs import beliefs, deviate
from .mechanism import Mechanism, first_best_welfare
from .model import Environment

__all__ = ["Layout", "layout", "mechanism_lp", "revenue_lp", "epsilon_ic_lp",
           "full_extraction_epsilon", "cm_independence", "cm_lp", "belief_vectors",
           "mechanism_from_lp", "problem_json", "bind"]


@dataclasses.dataclass(frozen=True)
class Layout:
    """Column indices: ``p(a | k)`` at ``k * A + a``, ``q_i(k)`` at ``S * A + k * n + i``, then epsilon."""

    S: int
    A: int
    n: int
    eps_column: bool

    def p(self, k: int, a: int) -> int:
        return k * self.A + a

    def q(self, k: int, i: int) -> int:
        return self.S * self.A + k * self.n + i

    @property
    def eps(self) -> int:
        return self.S * (self.A + self.n)

    @property
    def width(self) -> int:
        return self.S * (self.A + self.n) + int(self.eps_column)


def layout(env: Environment, eps_column: bool = False) -> Layout:
    return Layout(len(env.profiles), env.alternatives, env.n, eps_column)


def _interim_row(env: Environment, lay: Layout, i: int, s_i: int, t_i: int) -> list:
    """Coefficients of ``P(s_i) U_i(t_i | s_i)`` (Definition 1's conditional expectation)."""
    b = beliefs(env)
    row = [Q(0)] * lay.width
    u = env.utilities[i]
    for k, prof in enumerate(env.profiles):
        if prof[i] != s_i:
            continue
        d = deviate(env, k, i, t_i)
        for a in range(env.alternatives):
            row[lay.p(d, a)] += sum((b.joint[k][w] * u[a][w] for w in range(env.states)), Q(0))
        row[lay.q(d, i)] -= b.marginal[k]
    return row


def mechanism_lp(env: Environment, eps: Optional[Q] = None, *, ic: bool = True,
                 payments: Optional[tuple] = None, eps_variable: bool = False,
                 revenue_at_least: Optional[Q] = None, fixed: Optional[Mechanism] = None) -> tuple:
    """The LP data ``(kwargs for solve_lp, layout)`` of the module docstring.

    Parameters
    ----------
    eps : exact number, optional
        the epsilon of the IC rows (ignored with ``eps_variable``; ``ic=False`` drops them).
    payments : (lo, hi), optional
        bounds on every ``q_i(s)`` (``None`` entries are infinite); default free.
    eps_variable : bool
        make epsilon a variable (``>= 0``) and minimise it.
    revenue_at_least : exact number, optional
        add the row ``Q >= revenue_at_least``.
    fixed : Mechanism, optional
        pin every ``p`` and ``q`` to this mechanism (with ``eps_variable``: its least epsilon).
    """
    lay = layout(env, eps_variable)
    b = beliefs(env)
    A_ub, b_ub = [], []
    for i, m in enumerate(env.signals):
        for s in range(m):
            truth = _interim_row(env, lay, i, s, s)
            A_ub.append([-x for x in truth])
            b_ub.append(Q(0))
            if not ic:
                continue
            for t in range(m):
                if t == s:
                    continue
                row = [x - y for x, y in zip(_interim_row(env, lay, i, s, t), truth)]
                if eps_variable:
                    row[lay.eps] = -b.own[i][s]
                    b_ub.append(Q(0))
                else:
                    b_ub.append(b.own[i][s] * Q(eps))
                A_ub.append(row)
    objective = [Q(0)] * lay.width
    for k in range(lay.S):
        for i in range(lay.n):
            objective[lay.q(k, i)] = b.marginal[k]
    if revenue_at_least is not None:
        A_ub.append([-x for x in objective])
        b_ub.append(-Q(revenue_at_least))
    A_eq = []
    for k in range(lay.S):
        row = [Q(0)] * lay.width
        for a in range(lay.A):
            row[lay.p(k, a)] = Q(1)
        A_eq.append(row)
    lo_q, hi_q = payments if payments is not None else (None, None)
    bounds = [(Q(0), None)] * (lay.S * lay.A) + [(lo_q, hi_q)] * (lay.S * lay.n)
    if fixed is not None:
        bounds = ([(x, x) for k in range(lay.S) for x in fixed.allocation[k]] +
                  [(x, x) for k in range(lay.S) for x in fixed.payments[k]])
    if eps_variable:
        bounds.append((Q(0), None))
        c = [Q(0)] * lay.width
        c[lay.eps] = Q(1)
        kw = {"c": c, "maximize": False}
    else:
        kw = {"c": objective, "maximize": True}
    kw.update(A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[Q(1)] * lay.S, bounds=bounds)
    return kw, lay


def revenue_lp(env: Environment, eps: Optional[Q] = None, *, ic: bool = True,
               payments: Optional[tuple] = None):
    """``R(E, epsilon)``: the best revenue over epsilon-BIC, BIR mechanisms (``ic=False``: BIR only)."""
    if ic and eps is None:
        raise ValueError("eps is required with ic=True")
    kw, _ = mechanism_lp(env, eps, ic=ic, payments=payments)
    return solve_lp(**kw)


def epsilon_ic_lp(env: Environment, mech: Mechanism):
    """The least epsilon for which ``mech`` is epsilon-BIC, as the LP over the epsilon-IC rows.

    BIR rows are kept (the LP is infeasible, with a Farkas certificate, when ``mech`` is not BIR).
    """
    kw, _ = mechanism_lp(env, eps_variable=True, fixed=mech)
    return solve_lp(**kw)


def full_extraction_epsilon(env: Environment, payments: Optional[tuple] = None):
    """``hat epsilon``: the least epsilon at which some epsilon-BIC, BIR mechanism earns ``W*``."""
    kw, _ = mechanism_lp(env, eps_variable=True, payments=payments,
                         revenue_at_least=first_best_welfare(env))
    return solve_lp(**kw)


def mechanism_from_lp(env: Environment, x: Sequence) -> Mechanism:
    """Read the lottery and payments of an LP point (of :func:`mechanism_lp`) into a :class:`Mechanism`."""
    lay = layout(env)
    return Mechanism(tuple(tuple(x[lay.p(k, a)] for a in range(lay.A)) for k in range(lay.S)),
                     tuple(tuple(x[lay.q(k, i)] for i in range(lay.n)) for k in range(lay.S)))


def belief_vectors(env: Environment, i: int) -> list:
    """``b_{s_i} = P(s_-i | s_i)`` as vectors over the profiles of the others (lexicographic)."""
    b = beliefs(env)
    out = []
    for s in range(env.signals[i]):
        vec = [b.marginal[k] / b.own[i][s] for k, prof in enumerate(env.profiles) if prof[i] == s]
        out.append(vec)
    return out


def cm_lp(env: Environment, i: int, s_i: int) -> dict:
    """The LP (``solve_lp`` keywords) feasible iff ``b_{s_i}`` is in the hull of the other beliefs."""
    vecs = belief_vectors(env, i)
    others = [t for t in range(len(vecs)) if t != s_i]
    m = len(vecs[s_i])
    A_eq = [[vecs[t][j] for t in others] for j in range(m)] + [[Q(1)] * len(others)]
    return {"c": [Q(0)] * len(others), "A_eq": A_eq, "b_eq": list(vecs[s_i]) + [Q(1)],
            "bounds": (Q(0), None)}


def cm_independence(env: Environment) -> tuple:
    """``(holds, certificates, failure)``: Cremer-McLean convex independence for every player.

    ``failure`` is ``(i, s_i, weights)`` when a belief is a convex combination of the others.
    A player with a single signal satisfies it vacuously.
    """
    certs = []
    for i, m in enumerate(env.signals):
        for s in range(m):
            if m == 1:
                continue
            res = solve_lp(**cm_lp(env, i, s))
            if res.status == "optimal":
                return False, tuple(certs + [res.certificate]), (i, s, tuple(res.x))
            certs.append(res.certificate)
    return True, tuple(certs), None


def problem_json(kw: dict) -> tuple:
    """``(problem, sense)`` as :func:`exact.lp.solve_lp` writes them into its certificate."""
    n = len(kw["c"])
    bounds = kw.get("bounds")
    if bounds is None:
        pairs = [[Q(0), None]] * n
    elif len(bounds) == 2 and not any(isinstance(e, (list, tuple)) for e in bounds):
        pairs = [list(bounds)] * n
    else:
        pairs = [list(p) for p in bounds]
    problem = {"c": kw["c"], "A_ub": kw.get("A_ub") or [], "b_ub": kw.get("b_ub") or [],
               "A_eq": kw.get("A_eq") or [], "b_eq": kw.get("b_eq") or [], "bounds": pairs}
    return to_jsonable(problem), ("max" if kw.get("maximize") else "min")


def bind(cert, kw: dict, status: str, field: str = "certificate") -> None:
    """Raise CertificateError unless ``cert`` is an LP certificate of exactly the LP ``kw``
    with the given status (its exact conditions are re-checked by :mod:`exact.lpcert`)."""
    if not isinstance(cert, dict) or cert.get("kind") != f"lp-{status}":
        raise CertificateError(f"{field}: not an 'lp-{status}' certificate")
    problem, sense = problem_json(kw)
    if cert.get("sense") != sense or cert.get("problem") != problem:
        raise CertificateError(f"{field}: its LP is not the one this instance defines")
