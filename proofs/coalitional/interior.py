"""Interior reward properties (Definitions 6 and 9) and conditional no total indifference (Def 12).

Sufficient test (the note's 2.3 item 6): the *universally dominated outcomes*

    B = {a in A : u_j(a, theta) <= u_j(f(theta), theta) for all j and theta}

are in every reward set as constant rewards, and mixing B-valued rewards into any ``y`` of a
reward set keeps every constraint's witness (each member is weakly worse under a B-value than
under ``f`` at every state), so Definition 6 (ii) / 9 (ii) hold for ``Y-hat`` inside ``B``. Then
(i) holds for agent ``i`` if ``B`` has ``a-bar, a-under`` with ``u_i(a-bar, theta) > u_i(a-under,
theta)`` at every ``theta`` (every conjecture ranks them): one exact LP per agent (maximise the
smallest difference), whose certificate is kept.

CNTI (Definition 12) at ``(i, theta_i, theta'_{-i})`` holds iff ``R_i(theta'_{-i})`` has two
outcomes ranked strictly by ``i`` at every ``(theta_i, theta_{-i})``: by LP duality, the maximum
of the smallest difference is ``> 0`` iff no belief ``phi`` makes ``E_phi u_i`` constant on
``R_i``; when it is ``<= 0`` the LP's dual is that ``phi``.
"""

from __future__ import annotations

import itertools
from typing import Optional

from exact.lp import solve_lp
from exact.numbers import ONE, ZERO, Q

from .coalitions import split
from .model import Environment, dot

__all__ = ["dominated_pair", "interior_test", "cnti", "r_polytope", "vertices", "lp_argmax"]


def _block(env: Environment, npts: int, extra: int = 1):
    """Bounds and rows for ``npts`` outcome points plus ``extra`` free variables."""
    return env.space.lp_blocks(npts, extra)


def _difference_row(n: int, w, first: int, second: int) -> list:
    """The row ``-w . a_first + w . a_second + eps`` (eps the last variable)."""
    row = [ZERO] * n
    for c, x in enumerate(w):
        row[first + c] = -x
        row[second + c] = x
    row[-1] = ONE
    return row


def dominated_pair(env: Environment, i: int) -> dict:
    """Maximise ``min_theta u_i(a-bar, theta) - u_i(a-under, theta)`` over ``a-bar, a-under in B``.

    Returns ``{"value", "bar", "under", "lp"}`` (``value`` None when ``B`` is empty); the test
    succeeds iff ``value > 0``. The difference is capped at 1 (with free disposal it is
    unbounded).
    """
    W = env.space.width
    n, bounds, A_ub, b_ub, A_eq, b_eq = _block(env, 2)
    for j in range(env.n):
        for s in range(len(env.states)):
            w = env.w[j][s]
            top = dot(w, env.f[s])
            for m in range(2):
                row = [ZERO] * n
                for c, x in enumerate(w):
                    row[m * W + c] = x
                A_ub.append(row)
                b_ub.append(top)
    for s in range(len(env.states)):
        A_ub.append(_difference_row(n, env.w[i][s], 0, W))
        b_ub.append(ZERO)
    c = [ZERO] * (n - 1) + [ONE]
    bounds[-1] = (None, ONE)             # the test needs a positive margin only (B may be unbounded)
    res = solve_lp(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq or None, b_eq=b_eq or None, bounds=bounds,
                   maximize=True)
    if res.status == "infeasible":
        return {"value": None, "lp": res.certificate}
    return {"value": res.value, "bar": tuple(res.x[:W]), "under": tuple(res.x[W:2 * W]),
            "lp": res.certificate}


def interior_test(env: Environment, coalition: Optional[tuple] = None) -> dict:
    """The sufficient test for every agent (Definition 6), or for the members of ``coalition``
    (Definition 9: constant B-valued rewards serve every coalition). ``ok`` iff every agent
    concerned has a strictly ranked dominated pair."""
    agents = range(env.n) if coalition is None else coalition
    pairs = {i: dominated_pair(env, i) for i in agents}
    ok = all(p["value"] is not None and p["value"] > 0 for p in pairs.values())
    return {"ok": ok, "pairs": pairs}


def r_polytope(env: Environment, i: int, rep: tuple):
    """``R_i(theta'_{-i})`` as ``(n, bounds, A_ub, b_ub, A_eq, b_eq)`` over one point (+1 free)."""
    sp = split(env.k, (i,))
    pos = sp.pos_out[rep]
    n, bounds, A_ub, b_ub, A_eq, b_eq = _block(env, 1, 0)
    for a in range(len(sp.inside)):
        s = sp.index[a][pos]
        w = env.w[i][s]
        A_ub.append(list(w) + [ZERO] * (n - len(w)))
        b_ub.append(dot(w, env.f[s]))
    return n, bounds, A_ub, b_ub, A_eq, b_eq


def cnti(env: Environment, i: int, ti: int, rep: tuple) -> dict:
    """CNTI at ``(i, theta_i, theta'_{-i})``: ``{"value", "phi", "lp"}``; holds iff value > 0
    (``value`` None: ``R_i(theta'_{-i})`` is empty, a Farkas certificate in ``lp``).

    The smallest difference is capped at 1 (with free disposal it is unbounded); ``phi`` is the
    bad belief when ``value <= 0``."""
    W = env.space.width
    n1, bounds1, A1, b1, E1, e1 = r_polytope(env, i, rep)
    n = 2 * n1 + 1
    pad = lambda row, off: [ZERO] * off + list(row) + [ZERO] * (n - off - len(row))  # noqa: E731
    A_ub = [pad(r, 0) for r in A1] + [pad(r, n1) for r in A1]
    b_ub = list(b1) * 2
    A_eq = [pad(r, 0) for r in E1] + [pad(r, n1) for r in E1]
    b_eq = list(e1) * 2
    sp = split(env.k, (i,))
    a = sp.pos_in[(ti,)]
    m0 = len(A_ub)
    for s_out in range(len(sp.outside)):
        A_ub.append(_difference_row(n, env.w[i][sp.index[a][s_out]], 0, n1))
        b_ub.append(ZERO)
    c = [ZERO] * (n - 1) + [ONE]
    res = solve_lp(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq or None, b_eq=b_eq or None,
                   bounds=list(bounds1) * 2 + [(None, ONE)], maximize=True)
    # the capped LP is bounded; when R is empty (f not EPIC) CNTI fails with no pair at all;
    # when the optimum is <= 0 the cap is slack and the duals of the difference rows are phi
    if res.status == "infeasible":
        return {"value": None, "empty": True, "lp": res.certificate}
    return {"value": res.value, "phi": [Q(v) for v in res.duals["ub"][m0:]], "lp": res.certificate,
            "bar": tuple(res.x[:W]), "under": tuple(res.x[n1:n1 + W])}


def lp_argmax(env: Environment, i: int, rep: tuple, objective: list, maximize: bool = True):
    """An optimal *vertex* of ``R_i(theta'_{-i})`` for ``objective . a`` (exact simplex)."""
    n, bounds, A_ub, b_ub, A_eq, b_eq = r_polytope(env, i, rep)
    c = list(objective) + [ZERO] * (n - len(objective))
    res = solve_lp(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq or None, b_eq=b_eq or None, bounds=bounds,
                   maximize=maximize, method="exact-simplex")
    return res


def vertices(env: Environment, i: int, rep: tuple) -> list:
    """Every vertex of ``R_i(theta'_{-i})`` for a lottery space (exact enumeration of bases)."""
    from flint import fmpq_mat
    if env.space.disposal:
        raise ValueError("vertex enumeration is for lottery spaces")
    d = env.space.dim
    n, bounds, A_ub, b_ub, A_eq, b_eq = r_polytope(env, i, rep)
    rows = [(list(r[:d]), h) for r, h in zip(A_ub, b_ub)]
    rows += [([-ONE if c == j else ZERO for c in range(d)], ZERO) for j in range(d)]
    eq = (list(A_eq[0][:d]), b_eq[0])
    out = []
    for combo in itertools.combinations(range(len(rows)), d - 1):
        M = [eq[0]] + [rows[k][0] for k in combo]
        rhs = [eq[1]] + [rows[k][1] for k in combo]
        A = fmpq_mat(d, d, [x for r in M for x in r])
        if A.det() == 0:
            continue
        x = A.solve(fmpq_mat(d, 1, rhs))
        v = tuple(x[j, 0] for j in range(d))
        if all(sum((a * b for a, b in zip(r, v)), ZERO) <= h for r, h in rows) and v not in out:
            out.append(v)
    return sorted(out)
