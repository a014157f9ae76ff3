"""Robust coalitional incentive compatibility (Definition 4) and its pattern version (Definition 7).

Pure enumeration, no LP (the note's section 2.3, item 1). ``f`` is RCIC when for every coalition
``S`` and ``theta'_S != theta*_S`` some member ``i`` of ``S`` satisfies

    u_i(f(theta*_S, theta_{-S}), (theta*_S, theta_{-S})) >= u_i(f(theta'_S, theta_{-S}), ...)
    for ALL theta_{-S}                                                   (exists i, for all)

A violation is ``(S, theta*_S, theta'_S, (theta^i_{-S})_{i in S})``: every member strictly gains
at its own outsider profile. That is exactly the data Lemma 1 turns into a type space
(:func:`proofs.coalitional.typespace.lemma_1_type_space`).

Robust S IC restricts ``S`` to a pattern; the minimal pattern gives ex-post IC (EPIC). The weaker
"ex-post coalitional IC" (for all theta_{-S} some member does not gain: the quantifiers swapped,
the note's S12) is here for comparison only.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from .coalitions import coalitions, minimal, split
from .model import Environment

__all__ = ["ic_violations", "ic_violation", "rcic_violation", "pattern_ic_violation",
           "epic_violation", "expost_coalitional_violation", "joint_improvement",
           "violation_json", "check_violation"]


def ic_violations(env, coals: Iterable[tuple]) -> Iterator[dict]:
    """Every violation of robust IC for the coalitions ``coals``, in canonical order.

    Yields ``{"S", "true", "report", "outsiders": {i: theta^i_{-S}}, "gains": {i: gain}}`` with
    type-index tuples; each member's outsider profile is the first one (canonical order) at
    which it strictly gains, and ``gain`` is that strict gain.
    """
    U = env.U
    for S in coals:
        sp = split(env.k, S)
        for a, ts in enumerate(sp.inside):
            row_t = sp.index[a]
            for b, rs in enumerate(sp.inside):
                if a == b:
                    continue
                row_r = sp.index[b]
                outs, gains = {}, {}
                for i in S:
                    Ui = U[i]
                    for c in range(len(sp.outside)):
                        t = row_t[c]
                        g = Ui[t][row_r[c]] - Ui[t][t]
                        if g > 0:
                            outs[i], gains[i] = sp.outside[c], g
                            break
                    else:
                        break               # member i never gains: the pair is fine
                else:
                    yield {"S": S, "true": ts, "report": rs, "outsiders": outs, "gains": gains}


def ic_violation(env: Environment, coals: Iterable[tuple]) -> Optional[dict]:
    return next(ic_violations(env, coals), None)


def rcic_violation(env: Environment) -> Optional[dict]:
    """The first violation of robust coalitional IC (Definition 4), or None."""
    return ic_violation(env, coalitions(env.n))


def pattern_ic_violation(env: Environment, pat) -> Optional[dict]:
    """The first violation of robust S IC (Definition 7) for the pattern ``pat``, or None."""
    return ic_violation(env, [c for c in coalitions(env.n) if c in pat])


def epic_violation(env: Environment) -> Optional[dict]:
    """The first violation of ex-post IC (= robust underline-S IC), or None."""
    return ic_violation(env, sorted(minimal(env.n)))


def expost_coalitional_violation(env: Environment) -> Optional[dict]:
    """A coalition and a FIXED outsider profile at which every member strictly gains, or None.

    This is the negation of "for all theta_{-S} some member does not gain", strictly weaker than
    RCIC's "some member does not gain for all theta_{-S}" when ``n >= 3`` (the note's S12).
    """
    U = env.U
    for S in coalitions(env.n):
        sp = split(env.k, S)
        for a, ts in enumerate(sp.inside):
            for b, rs in enumerate(sp.inside):
                if a == b:
                    continue
                for c, out in enumerate(sp.outside):
                    t, r = sp.index[a][c], sp.index[b][c]
                    if all(U[i][t][r] > U[i][t][t] for i in S):
                        return {"S": S, "true": ts, "report": rs, "outside": out}
    return None


def joint_improvement(env: Environment) -> Optional[tuple]:
    """``(theta, theta')`` with ``f(theta')`` strictly better than ``f(theta)`` for all agents
    at ``theta`` (RCIC with ``S = I`` rules this out: weak efficiency within ``f(Theta)``)."""
    U = env.U
    m = len(env.states)
    for t in range(m):
        for r in range(m):
            if r != t and all(U[i][t][r] > U[i][t][t] for i in range(env.n)):
                return env.states[t], env.states[r]
    return None


def violation_json(env: Environment, v: dict) -> dict:
    """A violation as JSON data with the paper's agent numbers (from 1) and type labels."""
    S = v["S"]
    O = [i for i in range(env.n) if i not in S]
    return {"coalition": [i + 1 for i in S],
            "true": [env.types[i][t] for i, t in zip(S, v["true"])],
            "report": [env.types[i][t] for i, t in zip(S, v["report"])],
            "outsiders": {str(i + 1): [env.types[j][t] for j, t in zip(O, v["outsiders"][i])]
                          for i in S},
            "gains": {str(i + 1): v["gains"][i] for i in S}}


def check_violation(env: Environment, data: dict) -> None:
    """Re-check a :func:`violation_json` record exactly (solver-free); raise CertificateError."""
    from exact.errors import CertificateError
    from exact.numbers import parse_q

    try:
        S = tuple(a - 1 for a in data["coalition"])
        O = [i for i in range(env.n) if i not in S]
        ts = tuple(env.types[i].index(lab) for i, lab in zip(S, data["true"]))
        rs = tuple(env.types[i].index(lab) for i, lab in zip(S, data["report"]))
        if len(ts) != len(S) or len(rs) != len(S) or ts == rs or not S:
            raise CertificateError("violation: malformed coalition or profiles")
        if set(data["gains"]) != {str(i + 1) for i in S} or \
                set(data["outsiders"]) != set(data["gains"]):
            raise CertificateError("violation: one gain and outsider profile per member")
        sp = split(env.k, S)
        for i in S:
            out = tuple(env.types[j].index(lab) for j, lab in zip(O, data["outsiders"][str(i + 1)]))
            t = sp.index[sp.pos_in[ts]][sp.pos_out[out]]
            r = sp.index[sp.pos_in[rs]][sp.pos_out[out]]
            g = env.U[i][t][r] - env.U[i][t][t]
            if g <= 0 or g != parse_q(data["gains"][str(i + 1)], "gain"):
                raise CertificateError(f"violation: agent {i + 1}'s gain is {g}, not the "
                                       f"saved strict gain")
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise CertificateError(f"violation: malformed ({exc})") from None
