"""Robust monotonicity conditions: Definition 5 (RCM), Bergemann-Morris's, Definition 8.

For an unacceptable deception ``beta`` some *candidate* must dissolve it:

- Definition 5 (RCM) and Bergemann and Morris (BM): a whistle-blower ``(i, theta_i, theta'_i in
  beta_i(theta_i))`` such that for every conjecture ``psi_i`` on ``P_{-i}(beta)`` some ``y`` in
  the reward set (``Y_i``, resp. ``Y_i^BM``) beats ``f(theta'_i, theta'_{-i})`` in expectation;
- Definition 8 (robust S monotonicity): a coalition ``S`` of the pattern with ``(theta_S,
  theta'_S in beta_S(theta_S))`` such that for every profile of conjectures some ``y`` in
  ``Y_S[pattern]`` beats ``f`` for every member.

A singleton candidate is decided exactly by the minimax margin of :func:`.margins.conv_margin`
(``> 0`` iff a whistle-blower; otherwise its dual ``psi`` is the *bad conjecture* that Lemma 2
turns into a type space). A coalition candidate: with ``S = I`` there are no conjectures and the
candidate works iff one constant ``a`` in ``Y_I[pattern]`` makes every member strictly better
(:func:`.union.feasible`: z3 over linear rational arithmetic with a timeout proposes, a model is
re-checked in fmpq, an unsat answer is certified by a tree of LP/Farkas certificates, and a
timeout leaves it undecided); with outsiders, one ``y`` good for all conjectures is
sufficient and a positive margin over ``conv(Y_S)`` for all members' pairs at once is necessary
(the note's 2.3 item 5); when neither decides, :func:`.profiles.profile_test` decides every
profile of conjectures exactly by refinement (or raises :class:`.union.Undecided` when its
budget runs out).

Caching (the note's 2.3 item 4): a candidate's test depends on ``beta`` only through the pairs
``P_{-S}(beta)``; the reward set is a product over its components, so the test splits into one
margin per component and the pairs falling in it, cached by ``(candidate, component, pair
set)``. The test is *antitone* in the pair set (more pairs, more conjectures, harder): a success
decides every subset, a failure every superset. The full pair set of every candidate is tested
first. ``cached=False`` is the baseline that solves every test afresh.

Emptiness: the split by components would miss a component of ``Y_S`` that the deception's pairs
avoid; if any component is empty, ``Y_S`` is empty and every candidate of ``S`` fails. Each
coalition's components are therefore tested once (:meth:`Monotonicity.support`): a failure is
stored with ``sub = 0`` and an emptiness proof tree, and the record lists a point of every
component of each non-empty ``Y_S``, which the checker requires before it accepts a success.
"""

from __future__ import annotations

import itertools
import time
from typing import Optional

from exact.errors import CertificateError
from exact.numbers import ZERO, to_jsonable

from .coalitions import coalitions, maximal, minimal, split
from .deceptions import deception_json, deception_profiles, images, is_acceptable, same_outcome_masks
from .margins import check_margin, conv_margin
from .model import Environment, dot
from .profiles import check_profiles, profile_test
from .rewards import reward_set
from .union import Undecided, check_tree, feasible, maximize, with_epsilon

__all__ = ["Monotonicity", "gains_for", "check_monotonicity", "KINDS"]

#: kind -> (pattern builder, coalition candidates?)
KINDS = {"bm": (minimal, False), "coalitional": (maximal, False), "pattern": (None, True)}


def _bits(mask: int) -> list:
    return images(mask)


def gains_for(env: Environment, comp, S: tuple, ts: tuple, tps: tuple, bits: list, M: int) -> list:
    """The gains ``u_i(y(theta'_{-S}), (theta_S, theta_{-S})) - u_i(f(theta'_S, theta'_{-S}), .)``
    of every member ``i`` of ``S`` at the pairs ``bits`` (``s * M + r``) on component ``comp``,
    members outer, pairs inner."""
    sp = split(env.k, S)
    W = env.space.width
    a_t, a_r = sp.pos_in[ts], sp.pos_in[tps]
    out = []
    for i in S:
        for b in bits:
            s, r = divmod(b, M)
            w = env.w[i][sp.index[a_t][s]]
            row = [ZERO] * comp.nvar
            off = comp.pos[r] * W
            for c, x in enumerate(w):
                row[off + c] = x
            out.append((row, dot(w, env.f[sp.index[a_r][r]])))
    return out


def one_reward(P, g, budget: int = 4000, timeout_ms: int = 20000) -> dict:
    """One reward for every conjecture: ``y`` in the (union of polytopes) reward set with every
    gain ``> 0``. z3 proposes (its model is re-checked exactly); an unsat answer is certified by
    a proof tree of LP/Farkas certificates; otherwise Undecided."""
    res = feasible(P, [([-x for x in r], -k) for r, k in g], timeout_ms=timeout_ms, budget=budget)
    if res["status"] == "sat":
        return {"z": res["z"], "by": "z3 model, re-checked exactly"}
    if res["status"] == "unsat":
        return {"tree": res["tree"], "by": "z3 unsat, certified by a proof tree"}
    raise Undecided(f"Definition 8, one reward: {res['why']}")


def coalition_test(P, g, members: int, grand: bool, budget: int = 4000,
                   timeout_ms: int = 20000) -> dict:
    """Definition 8 for a coalition of ``members`` on one reward set ``P`` with gains ``g``
    (members outer, pairs inner): one reward good for every pair (sufficient); without
    outsiders (``grand``) that is the test; else the convex hull's margin (necessary), and
    when one passes and the other fails, every profile of conjectures
    (:func:`.profiles.profile_test`). Returns ``{"single", "conv"?, "profiles"?, "holds"}``."""
    one = one_reward(P, g, budget, timeout_ms)
    if "z" in one:
        return {"single": one, "holds": True}
    if grand:
        return {"single": one, "holds": False}
    conv = conv_margin(P, g, budget=budget)
    if conv.get("value") is None or conv["value"] <= 0:
        return {"single": one, "conv": conv, "holds": False}
    # one reward fails, the convex hull passes: decide every profile of conjectures exactly
    prof = profile_test(P, g, members, [p["z"] for p in conv.get("points", [])], budget=budget)
    return {"single": one, "conv": conv, "profiles": prof, "holds": prof["holds"]}


class Monotonicity:
    """Decide a robust monotonicity condition of ``env``'s SCF.

    Parameters
    ----------
    kind : {"bm", "coalitional", "pattern"}
        Bergemann-Morris (``Y_i^BM``), Definition 5 (``Y_i``), or Definition 8 for ``pattern``.
    cached : bool
        cache component results by pair set with antitone look-ups (default), or not (baseline).
    """

    def __init__(self, env: Environment, kind: str = "bm", pattern: Optional[frozenset] = None,
                 cached: bool = True, budget: int = 4000, timeout_ms: int = 20000):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}")
        self.env, self.kind, self.cached, self.budget = env, kind, cached, budget
        self.timeout_ms = timeout_ms
        build, self.groups = KINDS[kind]
        self.pattern = pattern if kind == "pattern" else build(env.n)
        if self.pattern is None:
            raise ValueError("kind 'pattern' needs a pattern")
        self.coals = [S for S in coalitions(env.n) if S in self.pattern and
                      (self.groups or len(S) == 1)]
        self.rs = {S: reward_set(env, S, self.pattern) for S in self.coals}
        self.M = {S: len(split(env.k, S).outside) for S in self.coals}
        self.compmask = {}
        for S in self.coals:
            M = self.M[S]
            masks = []
            for comp in self.rs[S].components:
                m = 0
                for r in comp.points:
                    for s in range(M):
                        m |= 1 << (s * M + r)
                masks.append(m)
            self.compmask[S] = masks
        self.results: dict = {}
        self.succ: dict = {}
        self.fail: dict = {}
        self._problems: dict = {}
        self._support: dict = {}
        self.lp_tests = 0
        self.same = same_outcome_masks(env)

    # -- one candidate, one component ------------------------------------------------------------
    def support(self, S: tuple) -> dict:
        """``{"points": [z per component], "empty": None}`` (a point of every component, so
        ``Y_S`` is non-empty) or ``{"empty": (C, tree)}``: component ``C`` is empty (a proof
        tree whose every leaf is infeasible), so ``Y_S`` is empty and no candidate of ``S``
        can propose a reward, whatever the pairs (the test of one component alone would miss
        it when the deception's pairs avoid ``C``)."""
        if S not in self._support:
            pts = []
            out = {"points": pts, "empty": None}
            for C, comp in enumerate(self.rs[S].components):
                P = self.problem(S, C)
                r = maximize(P, [ZERO] * P.nvar, None, budget=self.budget)
                if r[0] == "below":
                    out = {"empty": (C, r[1])}
                    break
                pts.append(list(r[1]))
            self._support[S] = out
        return self._support[S]

    def problem(self, S: tuple, C: int):
        if (S, C) not in self._problems:
            self._problems[(S, C)] = self.rs[S].components[C].problem()
        return self._problems[(S, C)]

    def gains(self, S, ts, tps, C, sub):
        return gains_for(self.env, self.rs[S].components[C], S, ts, tps, _bits(sub), self.M[S])

    def compute(self, S: tuple, ts: tuple, tps: tuple, C: int, sub: int) -> dict:
        """The test of one component on the pair set ``sub`` (always solved afresh)."""
        P = self.problem(S, C)
        g = self.gains(S, ts, tps, C, sub)
        self.lp_tests += 1
        if len(S) == 1:
            res = conv_margin(P, g, budget=self.budget)
            res["holds"] = res.get("value") is not None and res["value"] > 0
            return res
        return coalition_test(P, g, len(S), len(S) == self.env.n, self.budget, self.timeout_ms)

    def component(self, S, ts, tps, C, sub):
        """``(holds, key)`` where ``key`` names the stored result that decides it."""
        key = (S, ts, tps, C, sub)
        if not self.cached:
            res = self.compute(*key)
            self.results[key] = res
            return res["holds"], key
        res = self.results.get(key)
        if res is not None:
            return res["holds"], key
        base = (S, ts, tps, C)
        for m in self.succ.get(base, ()):
            if sub & ~m == 0:
                return True, base + (m,)
        for m in self.fail.get(base, ()):
            if m & ~sub == 0:
                return False, base + (m,)
        res = self.compute(*key)
        self.results[key] = res
        (self.succ if res["holds"] else self.fail).setdefault(base, []).append(sub)
        return res["holds"], key

    def candidate(self, S, ts, tps, mask: int):
        """``(True, keys)`` if ``(S, theta_S, theta'_S)`` dissolves the deception with pairs
        ``mask``, else ``(False, failing key)``."""
        empty = self.support(S)["empty"]
        if empty is not None:                      # Y_S is empty: nothing to propose
            key = (S, ts, tps, empty[0], 0)
            self.results.setdefault(key, {"holds": False, "empty": empty[1]})
            return False, key
        keys = []
        for C, cm in enumerate(self.compmask[S]):
            sub = mask & cm
            if not sub:
                continue
            ok, key = self.component(S, ts, tps, C, sub)
            if not ok:
                return False, key
            keys.append(key)
        return True, keys

    def warm(self) -> None:
        """Test every candidate on its full pair set first (antitonicity then decides most)."""
        if not self.cached:
            return
        for S in self.coals:
            full = (1 << (self.M[S] * self.M[S])) - 1
            sp = split(self.env.k, S)
            for ts in sp.inside:
                for tps in sp.inside:
                    self.candidate(S, ts, tps, full)

    # -- deceptions ------------------------------------------------------------------------------
    def mask(self, beta: tuple, S: tuple) -> int:
        """``P_{-S}(beta)`` as a bitmask ``s * M + r`` over positions of ``-S`` profiles."""
        env = self.env
        sp = split(env.k, S)
        M = self.M[S]
        others = sp.O
        if len(others) == 1:
            j = others[0]
            m = 0
            for s in range(env.k[j]):
                m |= beta[j][s] << (s * M)
            return m
        m = 0
        for s, th in enumerate(sp.outside):
            for rep in itertools.product(*(images(beta[j][t]) for j, t in zip(others, th))):
                m |= 1 << (s * M + sp.pos_out[rep])
        return m

    def candidates(self, beta: tuple):
        for S in self.coals:
            for ts in itertools.product(*(range(self.env.k[i]) for i in S)):
                for tps in itertools.product(*(images(beta[i][t]) for i, t in zip(S, ts))):
                    yield S, ts, tps

    def deception(self, beta: tuple) -> Optional[dict]:
        """None if ``beta`` is acceptable, else ``{"whistle": (S, theta_S, theta'_S), "keys"}``
        or ``{"fails": [(candidate, key), ...]}``."""
        if is_acceptable(self.env, beta, self.same):
            return None
        masks = {}
        failing = []
        for S, ts, tps in self.candidates(beta):
            if S not in masks:
                masks[S] = self.mask(beta, S)
            ok, info = self.candidate(S, ts, tps, masks[S])
            if ok:
                return {"whistle": (S, ts, tps), "keys": info}
            failing.append(((S, ts, tps), info))
        return {"fails": failing}

    def run(self, limit: Optional[int] = None, keep_failures: Optional[int] = None) -> dict:
        """Walk every deception profile (the first ``limit`` with ``limit``)."""
        t0 = time.perf_counter()
        self.warm()
        total = unacceptable = nfail = 0
        failures, used = [], set()
        for beta in deception_profiles(self.env):
            if limit is not None and total >= limit:
                break
            total += 1
            out = self.deception(beta)
            if out is None:
                continue
            unacceptable += 1
            if "fails" in out:
                nfail += 1
                used.update(key for _, key in out["fails"])
                if keep_failures is None or len(failures) < keep_failures:
                    failures.append((beta, out["fails"]))
            else:
                used.update(out["keys"])
        return {"deceptions": total, "unacceptable": unacceptable, "failures": nfail,
                "failing": failures, "used": sorted(used), "lp_tests": self.lp_tests,
                "seconds": time.perf_counter() - t0}

    # -- JSON ------------------------------------------------------------------------------------
    def key_json(self, key) -> str:
        S, ts, tps, C, sub = key
        env = self.env
        lab = lambda tt: ",".join(env.types[i][t] for i, t in zip(S, tt))  # noqa: E731
        return f"{'+'.join(str(i + 1) for i in S)}|{lab(ts)}|{lab(tps)}|{C}|{sub}"

    def key_from_json(self, text: str):
        try:
            a, tl, tpl, C, sub = text.split("|")
            S = tuple(int(x) - 1 for x in a.split("+"))
            ts = tuple(self.env.types[i].index(x) for i, x in zip(S, tl.split(",")))
            tps = tuple(self.env.types[i].index(x) for i, x in zip(S, tpl.split(",")))
            C, sub = int(C), int(sub)
            if S not in self.rs or not 0 <= C < len(self.rs[S].components) or \
                    len(ts) != len(S) or len(tps) != len(S) or sub < 0:
                raise ValueError("out of range")
        except ValueError as exc:
            raise CertificateError(f"monotonicity: bad result key {text!r} ({exc})") from None
        return S, ts, tps, C, sub

    def candidate_json(self, cand) -> dict:
        S, ts, tps = cand
        env = self.env
        return {"coalition": [i + 1 for i in S],
                "true": [env.types[i][t] for i, t in zip(S, ts)],
                "report": [env.types[i][t] for i, t in zip(S, tps)]}

    def summary_json(self, out: dict) -> dict:
        """Counts, the failing deceptions and every stored result that decided one."""
        env = self.env
        d = {"kind": self.kind, "deceptions": out["deceptions"],
             "unacceptable": out["unacceptable"], "without_dissolver": out["failures"],
             "failing": [{"deception": deception_json(env, beta),
                          "candidates": [dict(self.candidate_json(c), result=self.key_json(k))
                                         for c, k in fails]}
                         for beta, fails in out["failing"]],
             "results": {self.key_json(k): self.results[k] for k in out["used"]},
             "nonempty": {"+".join(str(i + 1) for i in S): self._support[S]["points"]
                          for S in sorted(self._support) if self._support[S]["empty"] is None}}
        if self.kind == "pattern":
            d["pattern"] = sorted([[i + 1 for i in S] for S in self.pattern],
                                  key=lambda c: (len(c), c))
        return d


def _check_result(m: Monotonicity, key, res: dict) -> bool:
    S, ts, tps, C, sub = key
    P = m.problem(S, C)
    if sub == 0:                               # "Y_S is empty": every leaf infeasible
        if res.get("holds") is not False or "empty" not in res:
            raise CertificateError(f"monotonicity: result {m.key_json(key)} without pairs "
                                   f"must prove an empty component")
        check_tree(res["empty"], P, [ZERO] * P.nvar, None)
        return False
    g = m.gains(S, ts, tps, C, sub)
    if len(S) == 1:
        v = check_margin(P, g, res)
        holds = v is not None and v > 0
    else:
        one = res.get("single")
        if not isinstance(one, dict):
            raise CertificateError("monotonicity: coalition result without 'single'")
        if "z" in one:
            from exact.numbers import parse_q
            z = [parse_q(v, "single.z") for v in one["z"]]
            if not P.contains(z) or min(sum((x * y for x, y in zip(r, z)), ZERO) - k
                                        for r, k in g) <= 0:
                raise CertificateError("monotonicity: the coalition's reward does not work")
            holds = True
        else:
            Pe, c, extra = with_epsilon(P, [([-x for x in r], -k) for r, k in g])
            check_tree(one["tree"], Pe, c, ZERO, extra)
            holds = False
            if len(S) < m.env.n:
                v = check_margin(P, g, res.get("conv", {}))
                if v is not None and v > 0:
                    if not isinstance(res.get("profiles"), dict):
                        raise CertificateError("monotonicity: undecided coalition result")
                    holds = check_profiles(P, g, len(S), res["profiles"])
    if holds != res.get("holds"):
        raise CertificateError(f"monotonicity: result {m.key_json(key)} claims "
                               f"holds={res.get('holds')}")
    return holds


def check_monotonicity(env: Environment, data: dict) -> None:
    """Re-verify a :meth:`Monotonicity.summary_json` record from its data alone (no solver).

    Every stored result's certificate is re-checked; then every deception profile is walked
    again: an acceptable one is skipped; an unacceptable one needs a candidate whose every
    component is covered by a stored *success* on a superset of its pairs, or else every
    candidate must meet a stored *failure* on a subset of its pairs, and the deception must be
    listed among the failures. The counts must agree with the record.
    """
    from .coalitions import pattern as make_pattern
    kind = data.get("kind")
    if kind not in KINDS:
        raise CertificateError("monotonicity: unknown kind")
    pat = None
    if kind == "pattern":
        try:
            pat = make_pattern(env.n, [[a - 1 for a in c] for c in data.get("pattern", [])])
        except Exception as exc:  # noqa: BLE001 - malformed record
            raise CertificateError(f"monotonicity: bad pattern ({exc})") from None
    m = Monotonicity(env, kind, pattern=pat)
    results = data.get("results")
    if not isinstance(results, dict):
        raise CertificateError("monotonicity: results missing")
    nonempty = set()
    for name, pts in (data.get("nonempty") or {}).items():
        try:
            S = tuple(int(x) - 1 for x in name.split("+"))
        except ValueError:
            raise CertificateError(f"monotonicity: bad coalition {name!r}") from None
        if S not in m.rs or not isinstance(pts, list) or len(pts) != len(m.rs[S].components):
            raise CertificateError(f"monotonicity: nonempty[{name!r}] is not a point per component")
        from exact.numbers import parse_q
        for C, z in enumerate(pts):
            if not isinstance(z, list) or not m.problem(S, C).contains(
                    [parse_q(v, "nonempty") for v in z]):
                raise CertificateError(f"monotonicity: nonempty[{name!r}][{C}] is not in Y_S")
        nonempty.add(S)
    succ, fail = {}, {}
    for kj, res in results.items():
        key = m.key_from_json(kj)
        holds = _check_result(m, key, res)
        (succ if holds else fail).setdefault(key[:4], []).append(key[4])
    listed = [to_jsonable(f.get("deception")) for f in data.get("failing", [])]
    total = unacceptable = nfail = 0
    for beta in deception_profiles(env):
        total += 1
        if is_acceptable(env, beta, m.same):
            continue
        unacceptable += 1
        masks, found, all_fail = {}, False, True
        for S, ts, tps in m.candidates(beta):
            if S not in masks:
                masks[S] = m.mask(beta, S)
            comps = [(C, masks[S] & cm) for C, cm in enumerate(m.compmask[S]) if masks[S] & cm]
            if S in nonempty and all(any(sub & ~s == 0 for s in succ.get((S, ts, tps, C), ()))
                                     for C, sub in comps):
                found = True
                break
            every = [(C, masks[S] & cm) for C, cm in enumerate(m.compmask[S])]
            if not any(any(f & ~sub == 0 for f in fail.get((S, ts, tps, C), ()))
                       for C, sub in every):
                all_fail = False
        if found:
            continue
        if not all_fail:
            raise CertificateError(f"monotonicity: deception {deception_json(env, beta)} is "
                                   f"decided by no stored result")
        nfail += 1
        if nfail <= len(listed) and to_jsonable(deception_json(env, beta)) != listed[nfail - 1]:
            raise CertificateError(f"monotonicity: failing deception {nfail} is not the listed one")
    if (total, unacceptable, nfail) != (data.get("deceptions"), data.get("unacceptable"),
                                        data.get("without_dissolver")):
        raise CertificateError(f"monotonicity: counts {total}/{unacceptable}/{nfail} differ "
                               f"from the record {data.get('deceptions')}/"
                               f"{data.get('unacceptable')}/{data.get('without_dissolver')}")

