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

from .deceptions import deception_profiles, is_acceptable
from .monotonicity import Monotonicity, _check_result

__all__ = ["coalition_only"]


def coalition_only(m: Monotonicity) -> Optional[dict]:
    """The first such deception: ``{"beta", "singletons": [(candidate, key)], "coalition":
    candidate, "keys", "searched"}``, or None. ``m`` must be of kind "pattern"."""
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
                "searched": searched}
    return None
