"""Deceptions that only a coalition with outsiders dissolves (Section 5.1, after Definition 8).

The paper remarks that under robust S monotonicity "there might exist a coalition of
whistle-blowers to dissolve a bad deception profile but no singleton can play this role": the
members' conjectures about the outsiders need not agree, yet one reward in ``Y_S[pattern]`` may
serve them all. :func:`coalition_only` searches the unacceptable deceptions of an environment in
canonical order for the first one that no singleton of the pattern dissolves (every singleton
candidate's test fails) and a coalition ``S`` with outsiders (``S != I``) does, every test decided
exactly by :class:`.monotonicity.Monotonicity` and re-checked from its certificate.
"""

from __future__ import annotations

from typing import Optional

from exact.errors import CertificateError
from exact.numbers import ZERO

from .coalitions import split
from .deceptions import deception_profiles, images, is_acceptable
from .model import dot
from .monotonicity import Monotonicity, _check_result

__all__ = ["coalition_only"]


def coalition_only(m: Monotonicity, accept=None) -> Optional[dict]:
    """The first such deception: ``{"beta", "singletons": [(candidate, key)], "coalition":
    candidate, "keys", "searched", "accepted"}``, or None. ``m`` must be of kind "pattern".
    ``accept(beta, candidate)``, if given, must also return a true value (stored as
    ``accepted``) for the deception to be taken."""
    env = m.env
    searched = 0
    for beta in deception_profiles(env):
        searched += 1
        if is_acceptable(env, beta, m.same):
            continue
        masks, failed, found = {}, [], None
        for S, ts, tps in m.candidates(beta):
            if S not in masks:
                masks[S] = m.mask(beta, S)
            ok, info = m.candidate(S, ts, tps, masks[S])
            if len(S) == 1:
                if ok:
                    break
                failed.append(((S, ts, tps), info))
            elif ok and len(S) < env.n:
                found = ((S, ts, tps), info)
                break
        else:
            continue
        if found is None:
            continue
        extra = accept(beta, found[0]) if accept is not None else True
        if not extra:
            continue
        # every singleton candidate comes first (coalitions are listed by size): re-check them all
        singles = [c for c in m.candidates(beta) if len(c[0]) == 1]
        if [c for c, _ in failed] != singles:
            raise CertificateError("coalition_only: a singleton candidate was not tested")
        for _, key in failed:
            if _check_result(m, key, m.results[key]):
                raise CertificateError("coalition_only: a singleton's stored failure re-checks "
                                       "as a success")
        for key in found[1]:
            if not _check_result(m, key, m.results[key]):
                raise CertificateError("coalition_only: the coalition's success does not re-check")
        return {"beta": beta, "singletons": failed, "coalition": found[0], "keys": found[1],
                "searched": searched, "accepted": extra}
    return None



def _stack(problems: list):
    """The product of several :class:`.union.Problem` (variables concatenated)."""
    from .union import Problem
    n = sum(P.nvar for P in problems)
    bounds, A_ub, b_ub, A_eq, b_eq, disj = [], [], [], [], [], []
    off = 0
    for P in problems:
        pad = lambda r, off=off, P=P: [ZERO] * off + list(r) + [ZERO] * (n - off - P.nvar)  # noqa: E731
        bounds += list(P.bounds)
        A_ub += [pad(r) for r in P.A_ub]
        b_ub += list(P.b_ub)
        A_eq += [pad(r) for r in P.A_eq]
        b_eq += list(P.b_eq)
        disj += [[[(pad(r), h) for r, h in alt] for alt in d] for d in P.disjunctions]
        off += P.nvar
    return Problem(n, bounds, A_ub, b_ub, A_eq, b_eq, disj)


def member_proposals(m: Monotonicity, beta: tuple, cand: tuple, i: int, report: tuple,
                     yi) -> dict:
    """Theorem 1's mechanism lets the coalition ``S`` of ``cand = (S, theta_S, theta'_S)`` blow
    the whistle with ``i* = i`` proposing some ``y in Y_i`` while the other members report
    ``report`` (types of ``S`` minus ``i``, in order): the realised reward is the *slice*
    ``theta'_{-S} -> y(report, theta'_{-S})``. Decide Definition 8's test for ``cand`` on the
    set of slices (a union of polytopes: the components of ``Y_i`` at those points, stacked),
    exactly as :func:`.monotonicity.coalition_test` decides it on ``Y_S[pattern]``.

    ``yi`` is the reward set ``Y_i`` (:func:`.rewards.coalitional_reward_set`). Returns the
    test's result (``holds``: some slice dissolves the deception for every profile)."""
    from .monotonicity import coalition_test
    env = m.env
    S, ths, thp = cand
    spS, spi = split(env.k, S), split(env.k, (i,))
    rest = [j for j in S if j != i]
    points = []
    for r, out in enumerate(spS.outside):
        prof = dict(zip(spS.O, out))
        prof.update(zip(rest, report))
        points.append(spi.pos_out[tuple(prof[j] for j in spi.O)])
    comps = []
    for p in points:
        c = yi.component_of[p]
        if c not in comps:
            comps.append(c)
    base, off = {}, 0
    for c in comps:
        base[id(c)] = off
        off += c.nvar
    P = _stack([c.problem() for c in comps])
    M = len(spS.outside)
    a_t, a_r = spS.pos_in[ths], spS.pos_in[thp]
    g = []
    mask = m.mask(beta, S)
    for k in S:
        for b in images(mask):
            s_, r = divmod(b, M)
            w = env.w[k][spS.index[a_t][s_]]
            c = yi.component_of[points[r]]
            start = base[id(c)] + c.pos[points[r]] * yi.W
            row = [ZERO] * P.nvar
            for j, x in enumerate(w):
                row[start + j] = x
            g.append((row, dot(w, env.f[spS.index[a_r][r]])))
    return coalition_test(P, g, len(S), len(S) == env.n, m.budget, m.timeout_ms)


def theorem_1_cannot(m: Monotonicity, beta: tuple, S: tuple, yis: dict, supports: dict):
    """Does no proposal of Theorem 1's mechanism dissolve ``beta`` for the coalition ``S``?
    Every candidate ``(S, theta_S, theta'_S in beta_S(theta_S))``, every member ``i`` as ``i*``
    (its ``Y_i`` must be non-empty: ``supports[i]``) and every report of the other members:
    :func:`member_proposals`. Returns the number of tests when none dissolves, else None.
    (Mixing the proposal with the Y-hat lottery, i.e. a finite ``m^4``, is not considered.)"""
    import itertools
    env = m.env
    n = 0
    if any(supports[i]["empty"] is not None for i in S):
        raise CertificateError("theorem_1_cannot: some Y_i is empty")
    for ths in itertools.product(*(range(env.k[j]) for j in S)):
        for thp in itertools.product(*(images(beta[j][t]) for j, t in zip(S, ths))):
            for i in S:
                rest = [j for j in S if j != i]
                for rep in itertools.product(*(range(env.k[j]) for j in rest)):
                    n += 1
                    if member_proposals(m, beta, (S, ths, thp), i, rep, yis[i])["holds"]:
                        return None
    return n
