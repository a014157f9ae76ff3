"""The type spaces of Lemmas 1 and 2 (Appendix), built from a violation and checked exactly.

Lemma 1 (contrapositive): from an RCIC violation ``(S, theta*_S, theta'_S, (theta^i_{-S}))`` the
payoff type space where the type ``theta*_i`` of each member believes ``(theta*_{S minus i},
theta^i_{-S})`` with probability one violates interim coalitional IC (Definition 10): every
member's conditional gain from the joint misreport equals its ex-post gain, which is ``> 0``.

Lemma 2 (contrapositive): from an unacceptable ``beta`` without a whistle-blower and the bad
conjectures ``psi_(i, theta_i, theta'_i)`` (the duals of the whistle-blower tests) the type space
``T_i = T_i^1 (graph of beta-bar_i) + T_i^2 (copies of Theta)``, the map ``alpha`` and the
revising rule of Steps 1-4. :func:`lemma_2_check` verifies, exactly and for this instance, every
step by which Step 5 concludes that no ``(i, t*_i, h)`` meets Definition 11:

(a) the type space and the revising rule are well defined; ``alpha`` is unacceptable;
(b) for ``t*_i`` in ``T_i^1`` the left side of Definition 11 (i) *is* ``E_psi[u_i(y_h(theta'_{-i}),
    theta) - u_i(f(theta'), theta)]`` with ``y_h(theta'_{-i}) = h(alpha_i(t*_i), truthful T^1 types of
    theta'_{-i})`` (the weights are compared term by term, for every ``h`` at once);
(c) every constraint of ``Y_i`` is an instance of Definition 11 (ii): for every member-specific
    choice of outsider profiles ``theta^j_{-S}`` there is a profile of ``T^2`` types whose members'
    revised beliefs are the points on those profiles (the note's S9), so (ii) forces ``y_h`` into
    ``Y_i``;
(d) for ``t*_i`` in ``T_i^2``, ``alpha`` fixes the support of ``pi_i(t*_i)``, so (i) and (ii) with
    ``S = {i}`` are the same sum with opposite signs;
(e) each ``psi`` is bad: its certificate bounds ``E_psi[Delta(y)] <= value <= 0`` on all of the
    reward set (:func:`.margins.check_margin`).
"""

from __future__ import annotations

import itertools
from typing import Optional

from exact.errors import CertificateError
from exact.numbers import ONE, ZERO

from .coalitions import coalitions, split
from .deceptions import images
from .model import Environment, dot
from .typespace import TypeSpace, coalition_gains, interim_ic_violation, payoff_type_space

__all__ = ["lemma_1", "lemma_2_space", "lemma_2_check", "direct_equilibrium_violation"]


def lemma_1(env: Environment, v: dict) -> dict:
    """Lemma 1's payoff type space from the RCIC violation ``v`` (of :mod:`.incentives`).

    Returns ``{"type_space", "gains", "first_violation"}``: each member's exact conditional gain
    from reporting ``theta'_S`` (all must be ``> 0``) and the first Definition-10 violation an
    exhaustive search finds in that type space.
    """
    S = v["S"]
    O = [j for j in range(env.n) if j not in S]
    pts = {}
    for m, i in enumerate(S):
        prof = [0] * env.n
        for a, j in enumerate(S):
            prof[j] = v["true"][a]
        for a, j in enumerate(O):
            prof[j] = v["outsiders"][i][a]
        pts[(i, v["true"][m])] = tuple(x for j, x in enumerate(prof) if j != i)
    ts = payoff_type_space(env, pts)
    gains = coalition_gains(ts, S, tuple(v["true"]), tuple(v["report"]))
    return {"type_space": ts, "gains": gains, "first_violation": interim_ic_violation(ts)}


# -- Lemma 2 ------------------------------------------------------------------------------------------

def lemma_2_space(env: Environment, beta: tuple, psis: dict) -> tuple:
    """Steps 1-4 of Lemma 2 for ``beta`` and bad conjectures ``psis[(i, ti, tpi)] = {(s, r):
    prob}`` over pairs of ``-i`` profile positions (as in :mod:`.monotonicity`).

    ``beta`` is first extended to ``beta-bar_i(theta_i) = beta_i(theta_i) + {theta_i}``; a new
    candidate ``(i, theta_i, theta_i)`` gets the point conjecture on a truthful pair (Case 2 of the
    proof). Returns ``(type_space, alpha, info)`` with ``info`` the bijections ``xi^1, xi^2``.
    """
    n = env.n
    bbar = tuple(tuple(b | (1 << t) for t, b in enumerate(bi)) for bi in beta)
    graph = [[(t, r) for t in range(env.k[i]) for r in images(bbar[i][t])] for i in range(n)]
    T1 = [len(g) for g in graph]
    names, theta = [], []
    for i in range(n):
        nm = [f"1:{env.types[i][t]}>{env.types[i][r]}" for t, r in graph[i]]
        nm += ["2:" + env.key(s) for s in env.states]
        names.append(nm)
        theta.append([t for t, _ in graph[i]] + [s[i] for s in env.states])
    xi1 = [{pair: x for x, pair in enumerate(graph[i])} for i in range(n)]
    truth = [[xi1[i][(t, t)] for t in range(env.k[i])] for i in range(n)]
    psis = dict(psis)
    for i in range(n):
        sp = split(env.k, (i,))
        M = len(sp.outside)
        for t in range(env.k[i]):
            if (i, t, t) not in psis:
                psis[(i, t, t)] = {(0, 0): ONE}          # Case 2: point on a truthful pair
    beliefs = []
    for i in range(n):
        sp = split(env.k, (i,))
        bl = []
        for x, (t, r) in enumerate(graph[i]):
            b = {}
            for (s, rr), p in psis[(i, t, r)].items():
                if not p:
                    continue
                th, rep = sp.outside[s], sp.outside[rr]
                key = tuple(xi1[j][(a, c)] for j, a, c in zip(sp.O, th, rep))
                b[key] = b.get(key, ZERO) + p
            bl.append(b)
        for s in env.states:
            bl.append({tuple(truth[j][s[j]] for j in range(n) if j != i): ONE})
        beliefs.append(bl)
    ts = TypeSpace(env, names, theta, beliefs)          # default rule = Step 4

    def alpha(i, x):
        if x < T1[i]:
            t, r = graph[i][x]
            return xi1[i][(r, r)]
        return x

    info = {"graph": graph, "xi1": xi1, "truth": truth, "T1": T1, "bbar": bbar, "psis": psis}
    return ts, alpha, info


def _fail(msg: str):
    raise CertificateError(f"lemma 2: {msg}")


def lemma_2_check(env: Environment, beta: tuple, psis: dict, certify_psi=None) -> dict:
    """Build Lemma 2's type space and verify (a)-(e) of the module docstring; return counts.

    ``certify_psi(i, ti, tpi, psi) -> value`` re-checks that candidate's bad conjecture (step (e));
    it must return a value ``<= 0`` (the certified maximum of ``E_psi[Delta]``), or None when the
    reward set's component is certified empty (then every conjecture is bad).
    """
    ts, alpha, info = lemma_2_space(env, beta, psis)
    n = env.n
    graph, xi1, truth, T1 = info["graph"], info["xi1"], info["truth"], info["T1"]
    # (a) well defined (TypeSpace validated beliefs); alpha unacceptable on some T^1 profile
    bad = None
    for prof in itertools.product(*(range(T1[i]) for i in range(n))):
        th = ts.payoff(prof)
        ta = ts.payoff(tuple(alpha(i, x) for i, x in enumerate(prof)))
        if env.fs(th) != env.fs(ta):
            bad = prof
            break
    if bad is None:
        _fail("alpha is acceptable")
    checked_b = checked_c = checked_d = 0
    for i in range(n):
        sp = split(env.k, (i,))
        for x in range(ts.sizes[i]):
            b = ts.beliefs[i][x]
            if x < T1[i]:
                # (b): weights of (h-argument, true state, f-state) equal psi's
                t, r = graph[i][x]
                lhs = {}
                for rest, p in b.items():
                    prof = ts.full(i, x, rest)
                    hp = tuple(alpha(j, y) for j, y in enumerate(prof))
                    key = (hp, env.sindex[ts.payoff(prof)], env.sindex[ts.payoff(hp)])
                    lhs[key] = lhs.get(key, ZERO) + p
                rhs = {}
                for (s, rr), p in info["psis"][(i, t, r)].items():
                    if not p:
                        continue
                    th, rep = sp.outside[s], sp.outside[rr]
                    hp = [0] * n
                    hp[i] = xi1[i][(r, r)]
                    for j, c in zip(sp.O, rep):
                        hp[j] = truth[j][c]
                    st = env.sindex[sp.join((t,), th)]
                    fs = env.sindex[sp.join((r,), rep)]
                    key = (tuple(hp), st, fs)
                    rhs[key] = rhs.get(key, ZERO) + p
                if lhs != rhs:
                    _fail(f"agent {i + 1} type {ts.names[i][x]}: Definition 11 (i) is not "
                          f"E_psi of the whistle-blower gain")
                checked_b += 1
            else:
                # (d): alpha fixes the support
                for rest in b:
                    prof = ts.full(i, x, rest)
                    if tuple(alpha(j, y) for j, y in enumerate(prof)) != prof:
                        _fail(f"alpha moves the support of {ts.names[i][x]}")
                checked_d += 1
    # (c): member-specific outsider profiles are realised by T^2 types (Y_i's constraints)
    for i in range(n):
        for Sbar in coalitions(n):
            if i not in Sbar:
                continue
            sb = split(env.k, Sbar)
            for th2 in sb.inside:
                for choice in itertools.product(range(len(sb.outside)), repeat=len(Sbar)):
                    tS = {}
                    for m, j in enumerate(Sbar):
                        prof = sb.join(th2, sb.outside[choice[m]])
                        tS[j] = T1[j] + env.sindex[prof]
                    for m, j in enumerate(Sbar):
                        post = ts.conditional(j, tS[j], Sbar, tS)
                        want = [0] * n
                        for a, jj in enumerate(Sbar):
                            want[jj] = tS[jj]
                        for a, jj in enumerate(sb.O):
                            want[jj] = truth[jj][sb.outside[choice[m]][a]]
                        want = tuple(y for jj, y in enumerate(want) if jj != j)
                        if post != {want: ONE}:
                            _fail(f"a T^2 type of agent {j + 1} does not believe its outsider "
                                  f"profile after revision")
                    checked_c += 1
    # (e): the conjectures are bad
    values = {}
    if certify_psi is not None:
        for i in range(n):
            for t in range(env.k[i]):
                for r in images(beta[i][t]):
                    v = certify_psi(i, t, r, info["psis"][(i, t, r)])
                    if v is not None and v > 0:
                        _fail(f"the conjecture of ({i + 1}, {env.types[i][t]}, "
                              f"{env.types[i][r]}) is not certified bad")
                    values[(i, t, r)] = v
    return {"types": ts.sizes, "type_space": ts, "alpha": alpha, "unacceptable_at": bad,
            "checked_i": checked_b, "checked_ii": checked_c, "checked_T2": checked_d,
            "psi_values": values}


def direct_equilibrium_violation(env: Environment, ts: TypeSpace, report) -> Optional[dict]:
    """Is the report profile ``report(i, t_i) -> theta index`` an interim equilibrium of the
    direct mechanism? Returns the first profitable unilateral deviation, or None."""
    for i in range(env.n):
        for x in range(ts.sizes[i]):
            b = ts.beliefs[i][x]
            def value(r):
                tot = ZERO
                for rest, p in b.items():
                    prof = ts.full(i, x, rest)
                    rep = tuple(r if j == i else report(j, y) for j, y in enumerate(prof))
                    tot += p * dot(env.w[i][env.sindex[ts.payoff(prof)]], env.f[env.sindex[rep]])
                return tot
            base = value(report(i, x))
            for r in range(env.k[i]):
                if value(r) > base:
                    return {"agent": i, "type": x, "report": r, "gain": value(r) - base}
    return None

