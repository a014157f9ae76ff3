"""Proof-step oracles of Theorems 1 and 2 (Claims 1-6, Appendix), on finite type spaces.

The note prescribes checking the proofs' explicit inequalities, not searching equilibria of a
truncated mechanism (capping the reward menu or ``m^4`` creates spurious equilibria). Each oracle
takes a finite type space with a revising rule and returns exact data:

- :func:`claim_1` / Claim 4: truth-telling without whistles is an interim strong (pattern)
  equilibrium: no coalition at any ``t*_S`` has a deviation, from a finite menu of reports x
  whistle sets x reward proposals x ``m^4 <= K_max``, making every member strictly better; for
  every Rule-2 deviation the realised reward function is re-checked to lie in the reward set
  (the mixture step, Definition 6 (ii) / 9 (ii)).
- :func:`claim_2` / Claim 5: in a strategy profile where someone blows, the smallest such agent
  ``j`` at a blowing type ``t*_j`` has the proof's deviation (a better ``y^k`` in Case 1, ``m^4 + 1``
  in Case 2), and its exact gain is computed by evaluating the mechanism.
- :func:`claim_3` / Claim 6: for report maps inducing an unacceptable deception, the
  whistle-blower (coalition) of robust (coalitional / pattern) monotonicity proposes a
  successful reward with ``K*`` above the exact threshold, and its exact gain is computed.
"""

from __future__ import annotations

import itertools
from typing import Optional

from exact.numbers import ZERO, Q

from .coalitions import coalitions, maximal, split

from .mechanisms import Message, WhistleMechanism, hat_weights, interim
from .model import Environment, dot, mix
from .rewards import reward_set

__all__ = ["ProofStepFailure", "hat_lists", "menus_for", "claim_1", "claim_2", "claim_3", "claim_6", "truthful"]


class ProofStepFailure(Exception):
    """A step of a proof does not hold on this instance (the message names the step)."""


def constant(env: Environment, S: tuple, coords) -> list:
    return [tuple(coords) for _ in split(env.k, S).outside]


def hat_lists(env: Environment, pairs: dict, keys) -> dict:
    """Y-hat: for an agent key ``i`` the constants ``[a-bar_i, a-under_i]``; for a coalition key
    ``S`` the constants of every member's pair (Definition 9 (i) per member)."""
    out = {}
    for key in keys:
        S = (key,) if isinstance(key, int) else key
        ys = []
        for i in S:
            p = pairs[i]
            ys += [constant(env, S, p["bar"]), constant(env, S, p["under"])]
        out[key] = ys
    return out


def menus_for(env: Environment, hat: dict) -> dict:
    """Reward proposals to try: ``f(theta_S, .)`` for every ``theta_S`` (in the reward set when f
    is RCIC / pattern IC, fact F9) and the Y-hat elements."""
    out = {}
    for key, ys in hat.items():
        S = (key,) if isinstance(key, int) else key
        sp = split(env.k, S)
        fy = [[env.f_coords[sp.index[a][b]] for b in range(len(sp.outside))]
              for a in range(len(sp.inside))]
        out[key] = fy + list(ys)
    return out


def truthful(ts):
    return lambda j, x: Message(ts.theta[j][x])


def _pattern_of(mech: WhistleMechanism):
    return maximal(mech.env.n) if mech.pattern is None else mech.pattern


def claim_1(mech: WhistleMechanism, ts, menus: dict, K_max: int = 2) -> dict:
    """Claim 1 (Theorem 1) / Claim 4 (Theorem 2) on ``ts``; ``{"deviations", "mixtures",
    "violation"}`` with ``violation`` None when no coalition deviation is strictly profitable."""
    env = mech.env
    pat = _pattern_of(mech)
    coals = coalitions(env.n) if mech.pattern is None else sorted(mech.pattern)
    truth = truthful(ts)
    mixtures = {}
    count = 0
    for S in coals:
        for tstar in itertools.product(*(range(ts.sizes[i]) for i in S)):
            tS = dict(zip(S, tstar))
            beliefs = {i: ts.conditional(i, tS[i], S, tS) for i in S}
            base = {i: interim(mech, ts, i, tS[i], beliefs[i], truth) for i in S}
            for reps in itertools.product(*(range(env.k[i]) for i in S)):
                for r in range(len(S) + 1):
                    for W in itertools.combinations(S, r):
                        for dev in _deviations(mech, S, reps, W, menus, K_max):
                            count += 1
                            if W:
                                _mixture_ok(mech, pat, W, dev, mixtures)

                            def msg_of(j, x, dev=dev):
                                return dev[j] if j in dev else truth(j, x)
                            gains = {i: interim(mech, ts, i, tS[i], beliefs[i], msg_of) - base[i]
                                     for i in S}
                            if all(g > 0 for g in gains.values()):
                                return {"deviations": count, "mixtures": len(mixtures),
                                        "violation": {"S": S, "types": tstar, "reports": reps,
                                                      "whistle": W, "gains": gains}}
    return {"deviations": count, "mixtures": len(mixtures), "violation": None}


def _deviations(mech, S, reps, W, menus, K_max):
    base = {i: Message(r) for i, r in zip(S, reps)}
    if not W:
        yield base
        return
    istar = W[0]
    Sstar = mech.s_star(W)
    key = istar if mech.pattern is None else Sstar
    for y in menus[key]:
        prop = y if mech.pattern is None else {Sstar: y}
        for K in range(K_max + 1):
            dev = dict(base)
            for i in W:
                dev[i] = Message(dev[i][0], True, prop if i == istar else None, K)
            yield dev


def _mixture_ok(mech, pat, W, dev, seen) -> None:
    """The realised reward ``K/(K+1) y + 1/(K+1) sum rho^k y^k`` lies in ``Y_{S*}``."""
    istar = W[0]
    Sstar = mech.s_star(W)
    m = dev[istar]
    y = m[2] if mech.pattern is None else m[2][Sstar]
    key = (Sstar, id(y), m[3])
    if key in seen:
        return
    K = m[3]
    z = [mix([Q(K, K + 1), Q(1, K + 1)], [y[p], mech.tail(Sstar, p)]) for p in range(len(y))]
    rs = reward_set(mech.env, Sstar, pat)
    bad = rs.violation(z)
    if bad is not None:
        raise ProofStepFailure(f"Definition 6 (ii) / 9 (ii) fails for the realised reward of "
                             f"{Sstar}: {bad}")
    seen[key] = True


def claim_2(mech: WhistleMechanism, ts, sigma, corrected: bool = False) -> Optional[dict]:
    """Claim 2 (Theorem 1) / Claim 5 (Theorem 2): the proof's deviation for the smallest blowing
    agent. ``sigma(j, t_j) -> Message``. Returns None if nobody blows, else ``{"agent", "type",
    "case", "gain", "K"}`` (``gain`` must be > 0 for the claim).

    The paper's Case 1 swaps ``y`` for a ``y^k`` with ``E[y^k] > E[y]``; when ``m^4 = 0`` the
    weight of ``y`` is ``0/(0+1)`` and nothing changes. ``corrected=True`` then also raises
    ``m^4`` to 1 and takes ``y^k`` with ``E[y^k] > E[tail]`` (one exists: the tail is a
    full-support average of the ``y^k``, which are not all equal under Definition 6 (i)). With
    Theorem 2's mechanism ``j``'s proposal is used for several coalitions ``S*`` (one per
    whistle set containing ``j``), and raising ``m^4`` from 0 to 1 gives weight 1/2 to the
    proposal for *every* such ``S*``: the correction therefore swaps, for every ``S*`` whose
    proposal is no better than its tail, a ``y^k`` better than that tail (swapping only one, as
    for Theorem 1, can lose on the others)."""
    env = mech.env
    j = next((i for i in range(env.n) for x in range(ts.sizes[i]) if sigma(i, x)[1]), None)
    if j is None:
        return None
    tj = next(x for x in range(ts.sizes[j]) if sigma(j, x)[1])
    belief = ts.conditional(j, tj)
    m = sigma(j, tj)
    K = m[3]
    parts = {}                        # S* -> [(prob, state, point)]
    for rest, p in belief.items():
        prof = ts.full(j, tj, rest)
        msgs = [sigma(a, x) for a, x in enumerate(prof)]
        W = [a for a, mm in enumerate(msgs) if mm[1]]
        if W[0] != j:
            raise ProofStepFailure("an agent below j blows")
        S = mech.s_star(W)
        sp = split(env.k, S)
        point = sp.pos_out[tuple(msgs[a][0] for a in sp.O)]
        parts.setdefault(S, []).append((p, env.sindex[ts.payoff(prof)], point))
    base = interim(mech, ts, j, tj, belief, sigma)
    case, new = None, None
    fix = corrected and K == 0
    swaps = {}
    for S, items in sorted(parts.items()):
        y = m[2] if mech.pattern is None else m[2][S]
        hat = mech.hat[S[0] if mech.pattern is None else S]
        ev = lambda f: sum((p * dot(env.w[j][st], f(pt)) for p, st, pt in items), ZERO)  # noqa: E731
        e_y = ev(lambda pt: y[pt])
        e_tail = ev(lambda pt: mech.tail(S, pt))
        if e_y <= e_tail:
            bar = e_tail if fix else e_y
            k = next((k for k, yk in enumerate(hat) if ev(lambda pt: yk[pt]) > bar), None)
            if k is None:
                raise ProofStepFailure(f"Definition 6 (i) / 9 (i): no Y-hat element of {S} "
                                       f"beats {'the tail' if fix else 'the proposal'}")
            swaps[S] = hat[k]
            if not fix:
                break                   # the paper's Case 1: one coalition suffices when K >= 1
    if swaps:
        case = "1"
        prop = next(iter(swaps.values())) if mech.pattern is None else {**m[2], **swaps}
        new = Message(m[0], True, prop, 1 if fix else K)
    else:
        case = "2"
        new = Message(m[0], True, m[2], K + 1)
    dev = lambda a, x: new if (a, x) == (j, tj) else sigma(a, x)  # noqa: E731
    gain = interim(mech, ts, j, tj, belief, dev) - base
    return {"agent": j, "type": tj, "case": case, "gain": gain, "K": K, "deviation": new,
            "swapped": sorted(swaps)}


def _psi(env, ts, i, ti, belief, report_of, S):
    """The law of ``(theta-hat_{-S}, sigma^1_{-S})`` under ``belief``: ``{(s, r): prob}`` over
    positions of ``-S`` profiles."""
    sp = split(env.k, S)
    out = {}
    for rest, p in belief.items():
        prof = ts.full(i, ti, rest)
        th = ts.payoff(prof)
        s = sp.pos_out[tuple(th[a] for a in sp.O)]
        r = sp.pos_out[tuple(report_of(a, prof[a]) for a in sp.O)]
        out[(s, r)] = out.get((s, r), ZERO) + p
    return out


def k_star(e_f, e_tail, e_y) -> int:
    """The smallest ``K >= 1`` with ``K/(K+1) e_y + 1/(K+1) e_tail > e_f`` (needs e_y > e_f)."""
    if e_y <= e_f:
        raise ValueError("the reward must beat f")
    num = e_f - e_tail
    if num < 0:
        return 1
    K = int((num / (e_y - e_f)).floor()) + 1
    return max(K, 1)


def claim_3(mono, mech: WhistleMechanism, ts, report_of) -> Optional[dict]:
    """Claim 3: for the report map ``report_of(j, t_j) -> theta_j`` (nobody blows), if the induced
    deception is unacceptable, the whistle-blower's deviation ``(report, B, y, K*)`` is strictly
    profitable. ``mono`` is a :class:`.monotonicity.Monotonicity` (kind "coalitional").
    Returns None when the deception is acceptable (then every outcome is f's)."""
    env = mech.env
    beta = tuple(tuple(_image(ts, report_of, i, t) for t in range(env.k[i])) for i in range(env.n))
    out = mono.deception(beta)
    if out is None:
        return None
    if "whistle" not in out:
        return {"no_whistle_blower": True}
    S, ts_, tps_ = out["whistle"]
    if len(S) > 1:
        return {"coalition": S, "true": ts_, "report": tps_, "keys": out["keys"]}
    i, ti, tpi = S[0], ts_[0], tps_[0]
    x = next(x for x in range(ts.sizes[i]) if ts.theta[i][x] == ti and report_of(i, x) == tpi)
    belief = ts.conditional(i, x)
    psi = _psi(env, ts, i, x, belief, report_of, (i,))
    y = _successful_reward(mono, i, ti, tpi, out["keys"], psi)
    rs = mono.rs[(i,)]
    if rs.violation(y) is not None:
        raise ProofStepFailure(f"the assembled reward is not in Y_i: {rs.violation(y)}")
    sp = split(env.k, (i,))
    a_t, a_r = sp.pos_in[(ti,)], sp.pos_in[(tpi,)]
    ev = lambda g: sum((p * dot(env.w[i][sp.index[a_t][s]], g(s, r))  # noqa: E731
                        for (s, r), p in psi.items()), ZERO)
    e_f = ev(lambda s, r: env.f[sp.index[a_r][r]])
    e_y = ev(lambda s, r: env.space.point(y[r]))
    e_tail = ev(lambda s, r: env.space.point(mech.tail((i,), r)))
    K = k_star(e_f, e_tail, e_y)
    honest = lambda a, t: Message(report_of(a, t))  # noqa: E731
    base = interim(mech, ts, i, x, belief, honest)
    prop = y if mech.pattern is None else {(i,): y}
    dev = lambda a, t: Message(report_of(a, t), True, prop, K) if (a, t) == (i, x) else honest(a, t)  # noqa: E731
    gain = interim(mech, ts, i, x, belief, dev) - base
    return {"agent": i, "type": x, "whistle": (i, ti, tpi), "K": K, "gain": gain,
            "threshold": (e_f - e_tail) / (e_y - e_f)}


def _image(ts, report_of, i, t) -> int:
    m = 0
    for x in range(ts.sizes[i]):
        if ts.theta[i][x] == t:
            m |= 1 << report_of(i, x)
    if not m:
        raise ProofStepFailure("a payoff type without a type")
    return m


def _successful_reward(mono, i, ti, tpi, keys, psi) -> list:
    S = (i,)
    """A reward ``y in Y_i`` with ``E_psi[Delta(y)] > 0``: on each component the best point of
    the certified mixture (the mixture beats f at every pair, so its best point does under psi);
    elsewhere ``f(theta_i, .)`` (in ``Y_i`` when f is RCIC)."""
    env = mono.env
    rs = mono.rs[S]
    W = rs.W
    sp = split(env.k, (i,))
    y = [env.f_coords[sp.index[sp.pos_in[(ti,)]][b]] for b in range(len(rs.points))]
    a_t = sp.pos_in[(ti,)]
    for key in keys:
        C = key[3]
        res = mono.results.get(key)
        comp = rs.components[C]
        best, best_v = None, None
        for pt in res["points"]:
            z = pt["z"]
            v = ZERO
            for (s, r), p in psi.items():
                if r in comp.pos:
                    off = comp.pos[r] * W
                    v += p * dot(env.w[i][sp.index[a_t][s]], z[off:off + env.space.dim])
            if best_v is None or v > best_v:
                best, best_v = z, v
        for r in comp.points:
            off = comp.pos[r] * W
            y[r] = tuple(best[off:off + W])
    return y


def _coalition_reward(mono, S, ths, thp, keys, psis) -> list:
    """A reward ``y in Y_S[pattern]`` that every member ``i`` of ``S`` prefers to ``f`` under its
    conjecture ``psis[i]``: on each component the certified reward (the one-reward test's ``z``,
    or, when every profile of conjectures was decided, a reward of the certificate that beats
    this profile: one exists by its proof tree); on the other components any of their points
    (:meth:`.monotonicity.Monotonicity.support`)."""
    env = mono.env
    rs = mono.rs[S]
    W = rs.W
    sp = split(env.k, S)
    a_t, a_r = sp.pos_in[ths], sp.pos_in[thp]
    sup = mono.support(S)
    if sup["empty"] is not None:
        raise ProofStepFailure(f"Claim 6: Y_S of {S} is empty")
    y = [None] * len(rs.points)
    for C, comp in enumerate(rs.components):
        for r in comp.points:
            off = comp.pos[r] * W
            y[r] = tuple(sup["points"][C][off:off + W])
    for key in keys:
        C = key[3]
        res = mono.results[key]
        comp = rs.components[C]
        one = res.get("single", {})
        if "z" in one:
            cands = [one["z"]]
        elif res.get("profiles", {}).get("holds"):
            cands = res["profiles"]["rewards"]
        else:
            raise ProofStepFailure(f"Claim 6: no certified reward for {key}")

        def good(z):
            for i in S:
                mass, v = ZERO, ZERO
                for (s, r), p in psis[i].items():
                    if r in comp.pos:
                        off = comp.pos[r] * W
                        mass += p
                        v += p * (dot(env.w[i][sp.index[a_t][s]], z[off:off + env.space.dim]) -
                                  dot(env.w[i][sp.index[a_t][s]], env.f[sp.index[a_r][r]]))
                if mass and v <= 0:
                    return False
            return True
        z = next((z for z in cands if good(z)), None)
        if z is None:
            raise ProofStepFailure(f"Claim 6: no certified reward of {key} beats the members' "
                                   f"conjectures")
        for r in comp.points:
            off = comp.pos[r] * W
            y[r] = tuple(z[off:off + W])
    return y


def claim_6(mono, mech: WhistleMechanism, ts, report_of, coalition: tuple, ths: tuple,
            thp: tuple, keys) -> dict:
    """Claim 6 with a coalition dissolver ``S`` of robust pattern monotonicity (Definition 8;
    with or without outsiders): every member of ``S`` at a type profile ``t*_S`` with payoff
    types ``ths`` reporting ``thp`` blows and ``min S`` proposes a reward ``y in Y_S[pattern]``
    beating ``f`` under every member's conjecture ``psi_i`` (the law of the outsiders' payoff
    types and reports under ``pi_i(t*_i)[. | t*_{S minus i}]``), with ``K*`` above every
    member's exact threshold; returns each member's exact gain (None when no type profile of
    ``S`` has these payoff types and reports)."""
    env = mech.env
    S = coalition
    tstar = None
    for prof in itertools.product(*(range(ts.sizes[i]) for i in S)):
        if all(ts.theta[i][x] == t and report_of(i, x) == r
               for i, x, t, r in zip(S, prof, ths, thp)):
            tstar = prof
            break
    if tstar is None:
        return {"absent": True}
    tS = dict(zip(S, tstar))
    beliefs = {i: ts.conditional(i, tS[i], S, tS) for i in S}
    psis = {i: _psi(env, ts, i, tS[i], beliefs[i], report_of, S) for i in S}
    y = _coalition_reward(mono, S, ths, thp, keys, psis)
    rs = mono.rs[S]
    if rs.violation(y) is not None:
        raise ProofStepFailure(f"Claim 6: the assembled reward is not in Y_S: {rs.violation(y)}")
    sp = split(env.k, S)
    a_t, a_r = sp.pos_in[ths], sp.pos_in[thp]
    Ks = {}
    for i in S:
        ev = lambda g, i=i: sum((p * dot(env.w[i][sp.index[a_t][s]], g(s, r))  # noqa: E731
                                 for (s, r), p in psis[i].items()), ZERO)
        e_f = ev(lambda s, r: env.f[sp.index[a_r][r]])
        e_y = ev(lambda s, r: env.space.point(y[r]))
        e_tail = ev(lambda s, r: env.space.point(mech.tail(S, r)))
        Ks[i] = k_star(e_f, e_tail, e_y)
    K = max(Ks.values())
    honest = lambda j, x: Message(report_of(j, x))  # noqa: E731
    dev = lambda j, x: (Message(report_of(j, x), True, {S: y}, K)  # noqa: E731
                        if j in tS and x == tS[j] else honest(j, x))
    gains = {i: interim(mech, ts, i, tS[i], beliefs[i], dev) -
             interim(mech, ts, i, tS[i], beliefs[i], honest) for i in S}
    return {"gains": gains, "K": K}
