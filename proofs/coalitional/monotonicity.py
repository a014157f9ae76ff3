"""Robust (coalitional) monotonicity: Definition 5, Bergemann and Morris's robust monotonicity.

For an unacceptable deception ``beta`` some ``(i, theta_i, theta'_i in beta_i(theta_i))`` must be
a *whistle-blower*: for every conjecture ``psi_i`` on ``P_{-i}(beta)`` some ``y`` in the reward set
(``Y_i`` for RCM, ``Y_i^BM`` for BM) beats ``f(theta'_i, theta'_{-i})`` in expectation. The test
is the minimax margin of :func:`.margins.conv_margin`: the best ``eps`` such that a point of
``conv(Y)`` beats ``f`` by ``eps`` at every pair; it is a whistle-blower iff ``eps > 0``, and when
it is not, the dual conjecture ``psi`` is the *bad conjecture* (Lemma 2 builds its type space from
it).

Caching (the note's 2.3 item 4): the test depends on ``beta`` only through ``(i, theta_i,
theta'_i)`` and the pairs ``P_{-i}(beta)``; the reward set is a product over its components, so
the test splits into one margin per component and the pairs falling in it. Each component
result is cached by ``(i, theta_i, theta'_i, component, pair set)``, and the test is *antitone*
in the pair set (more pairs, more conjectures, harder): a success on a pair set decides every
subset, a failure every superset. The full pair set of every candidate is tested first.
:class:`Monotonicity` with ``cached=False`` is the baseline that solves every test afresh.
"""

from __future__ import annotations

import time
from typing import Optional

from exact.errors import CertificateError
from exact.numbers import ZERO

from .coalitions import maximal, minimal, split
from .deceptions import (deception_json, deception_profiles, images, is_acceptable,
                         same_outcome_masks)
from .margins import check_margin, conv_margin
from .model import Environment, dot
from .rewards import reward_set

__all__ = ["Monotonicity", "wb_gains", "check_monotonicity", "robust_monotonicity",
           "coalitional_monotonicity"]


def wb_gains(env: Environment, comp, i: int, ti: int, tpi: int, bits: list, M: int) -> list:
    """The gains ``u_i(y(theta'_{-i}), (theta_i, theta_{-i})) - u_i(f(theta'_i, theta'_{-i}),
    (theta_i, theta_{-i}))`` of the pairs ``bits`` (``s * M + r``) on component ``comp``."""
    sp = split(env.k, (i,))
    W = env.space.width
    a_t, a_r = sp.pos_in[(ti,)], sp.pos_in[(tpi,)]
    out = []
    for b in bits:
        s, r = divmod(b, M)
        w = env.w[i][sp.index[a_t][s]]
        row = [ZERO] * comp.nvar
        off = comp.pos[r] * W
        for c, x in enumerate(w):
            row[off + c] = x
        out.append((row, dot(w, env.f[sp.index[a_r][r]])))
    return out


def _bits(mask: int) -> list:
    return images(mask)


class Monotonicity:
    """Decide robust monotonicity of ``env``'s SCF for a reward-set pattern.

    Parameters
    ----------
    kind : {"bm", "coalitional"}
        ``Y_i^BM`` (Bergemann and Morris 2011) or the coalitional ``Y_i`` (Definition 5).
    cached : bool
        cache component results by pair set with antitone look-ups (default), or not (baseline).
    """

    def __init__(self, env: Environment, kind: str = "bm", cached: bool = True,
                 budget: int = 4000):
        if kind not in ("bm", "coalitional"):
            raise ValueError(kind)
        self.env, self.kind, self.cached, self.budget = env, kind, cached, budget
        pat = minimal(env.n) if kind == "bm" else maximal(env.n)
        self.rs = [reward_set(env, (i,), pat) for i in range(env.n)]
        self.M = len(split(env.k, (0,)).outside) if env.n else 1
        self.Ms = [len(split(env.k, (i,)).outside) for i in range(env.n)]
        self.compmask = []
        for i in range(env.n):
            M = self.Ms[i]
            masks = []
            for comp in self.rs[i].components:
                m = 0
                for r in comp.points:
                    for s in range(M):
                        m |= 1 << (s * M + r)
                masks.append(m)
            self.compmask.append(masks)
        self.results: dict = {}          # key -> result dict (with "holds")
        self.succ: dict = {}             # (i, ti, tpi, C) -> [masks]
        self.fail: dict = {}
        self._problems: dict = {}
        self.lp_tests = 0
        self.same = same_outcome_masks(env)

    def problem(self, i: int, C: int):
        key = (i, C)
        if key not in self._problems:
            self._problems[key] = self.rs[i].components[C].problem()
        return self._problems[key]

    def compute(self, i: int, ti: int, tpi: int, C: int, sub: int) -> dict:
        """The margin of one component on the pair set ``sub`` (always solved afresh)."""
        comp = self.rs[i].components[C]
        gains = wb_gains(self.env, comp, i, ti, tpi, _bits(sub), self.Ms[i])
        self.lp_tests += 1
        res = conv_margin(self.problem(i, C), gains, budget=self.budget)
        res["holds"] = res.get("value") is not None and res["value"] > 0
        return res

    def component(self, i: int, ti: int, tpi: int, C: int, sub: int):
        """``(holds, key)`` where ``key`` names the stored result that decides it."""
        if not self.cached:
            key = (i, ti, tpi, C, sub)
            res = self.compute(i, ti, tpi, C, sub)
            self.results[key] = res
            return res["holds"], key
        key = (i, ti, tpi, C, sub)
        res = self.results.get(key)
        if res is not None:
            return res["holds"], key
        base = (i, ti, tpi, C)
        for m in self.succ.get(base, ()):
            if sub & ~m == 0:
                return True, base + (m,)
        for m in self.fail.get(base, ()):
            if m & ~sub == 0:
                return False, base + (m,)
        res = self.compute(i, ti, tpi, C, sub)
        self.results[key] = res
        (self.succ if res["holds"] else self.fail).setdefault(base, []).append(sub)
        return res["holds"], key

    def whistle(self, i: int, ti: int, tpi: int, mask: int):
        """``(True, keys)`` if ``(i, theta_i, theta'_i)`` is a whistle-blower for ``P_{-i} =
        mask``, else ``(False, failing key)``."""
        keys = []
        for C, cm in enumerate(self.compmask[i]):
            sub = mask & cm
            if not sub:
                continue
            ok, key = self.component(i, ti, tpi, C, sub)
            if not ok:
                return False, key
            keys.append(key)
        return True, keys

    def warm(self) -> None:
        """Test every candidate on its full pair set first (antitonicity then decides most)."""
        if not self.cached:
            return
        for i in range(self.env.n):
            full = (1 << (self.Ms[i] * self.Ms[i])) - 1
            for ti in range(self.env.k[i]):
                for tpi in range(self.env.k[i]):
                    self.whistle(i, ti, tpi, full)

    def masks(self, beta: tuple) -> list:
        """``P_{-i}(beta)`` for every agent ``i``."""
        env = self.env
        out = []
        for i in range(env.n):
            sp = split(env.k, (i,))
            M = self.Ms[i]
            others = sp.O
            if len(others) == 1:
                j = others[0]
                m = 0
                for s in range(env.k[j]):
                    b = beta[j][s]
                    m |= b << (s * M)
                out.append(m)
                continue
            import itertools
            m = 0
            for s, th in enumerate(sp.outside):
                for rep in itertools.product(*(images(beta[j][t]) for j, t in zip(others, th))):
                    m |= 1 << (s * M + sp.pos_out[rep])
            out.append(m)
        return out

    def deception(self, beta: tuple) -> Optional[dict]:
        """None if ``beta`` is acceptable, else ``{"whistle": (i, ti, tpi), "keys": [...]}`` or
        ``{"fails": [((i, ti, tpi), key), ...]}``."""
        if is_acceptable(self.env, beta, self.same):
            return None
        masks = self.masks(beta)
        failing = []
        for i in range(self.env.n):
            for ti in range(self.env.k[i]):
                for tpi in images(beta[i][ti]):
                    ok, info = self.whistle(i, ti, tpi, masks[i])
                    if ok:
                        return {"whistle": (i, ti, tpi), "keys": info}
                    failing.append(((i, ti, tpi), info))
        return {"fails": failing}

    def run(self, limit: Optional[int] = None, keep_failures: Optional[int] = None) -> dict:
        """Walk every deception profile (the first ``limit`` with ``limit``)."""
        t0 = time.perf_counter()
        self.warm()
        total = unacceptable = 0
        failures = []
        nfail = 0
        used = set()
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
                for _, key in out["fails"]:
                    used.add(key)
                if keep_failures is None or len(failures) < keep_failures:
                    failures.append((beta, out["fails"]))
            else:
                used.update(out["keys"])
        return {"deceptions": total, "unacceptable": unacceptable, "failures": nfail,
                "failing": failures, "used": sorted(used), "lp_tests": self.lp_tests,
                "seconds": time.perf_counter() - t0}

    # -- JSON ----------------------------------------------------------------------------------------
    def key_json(self, key) -> str:
        i, ti, tpi, C, sub = key
        env = self.env
        return f"{i + 1}|{env.types[i][ti]}|{env.types[i][tpi]}|{C}|{sub}"

    def summary_json(self, out: dict) -> dict:
        """The verdict data: counts, the failing deceptions and every result that decided one."""
        env = self.env
        return {"kind": self.kind, "deceptions": out["deceptions"],
                "unacceptable": out["unacceptable"], "without_whistle_blower": out["failures"],
                "failing": [{"deception": deception_json(env, beta),
                             "candidates": [{"agent": i + 1, "true": env.types[i][ti],
                                             "report": env.types[i][tpi],
                                             "result": self.key_json(key)}
                                            for (i, ti, tpi), key in fails]}
                            for beta, fails in out["failing"]],
                "results": {self.key_json(k): _result_json(self.results[k[:4] + (k[4],)]
                                                           if k in self.results else
                                                           self.results[k])
                            for k in out["used"]}}


def _result_json(res: dict) -> dict:
    return {k: v for k, v in res.items()}


def robust_monotonicity(env: Environment, **kw) -> dict:
    m = Monotonicity(env, "bm", **kw)
    return m.summary_json(m.run())


def coalitional_monotonicity(env: Environment, **kw) -> dict:
    m = Monotonicity(env, "coalitional", **kw)
    return m.summary_json(m.run())


def check_monotonicity(env: Environment, data: dict) -> None:
    """Re-verify a :meth:`Monotonicity.summary_json` record from its data alone (no solver).

    Every stored result's certificate is re-checked (:func:`.margins.check_margin`); then every
    deception profile is walked again: an acceptable one is skipped, an unacceptable one needs a
    candidate whose every component is covered by a stored *success* on a superset of its pairs,
    or else it must be listed among the failures with, for every candidate, a stored *failure*
    on a subset of its pairs. The counts must agree.
    """
    from exact.numbers import to_jsonable
    kind = data.get("kind")
    if kind not in ("bm", "coalitional"):
        raise CertificateError("monotonicity: unknown kind")
    m = Monotonicity(env, kind)
    verdicts = {}
    for kj, res in data.get("results", {}).items():
        try:
            a, tl, tpl, C, sub = kj.split("|")
            i, C, sub = int(a) - 1, int(C), int(sub)
            ti, tpi = env.types[i].index(tl), env.types[i].index(tpl)
            comp = m.rs[i].components[C]
        except (ValueError, IndexError) as exc:
            raise CertificateError(f"monotonicity: bad result key {kj!r} ({exc})") from None
        gains = wb_gains(env, comp, i, ti, tpi, _bits(sub), m.Ms[i])
        value = check_margin(m.problem(i, C), gains, res)
        holds = value is not None and value > 0
        if holds != res.get("holds"):
            raise CertificateError(f"monotonicity: result {kj} claims holds={res.get('holds')}")
        verdicts[(i, ti, tpi, C, sub)] = holds
    succ, fail = {}, {}
    for (i, ti, tpi, C, sub), h in verdicts.items():
        (succ if h else fail).setdefault((i, ti, tpi, C), []).append(sub)
    listed = {str(to_jsonable(f["deception"])) for f in data.get("failing", [])}
    total = unacceptable = nfail = 0
    for beta in deception_profiles(env):
        total += 1
        if is_acceptable(env, beta, m.same):
            continue
        unacceptable += 1
        masks = m.masks(beta)
        found, all_fail = False, True
        for i in range(env.n):
            for ti in range(env.k[i]):
                for tpi in images(beta[i][ti]):
                    comps = [(C, masks[i] & cm) for C, cm in enumerate(m.compmask[i])
                             if masks[i] & cm]
                    if all(any(sub & ~s == 0 for s in succ.get((i, ti, tpi, C), ()))
                           for C, sub in comps):
                        found = True
                        break
                    if not any(any(f & ~sub == 0 for f in fail.get((i, ti, tpi, C), ()))
                               for C, sub in comps):
                        all_fail = False
                if found:
                    break
            if found:
                break
        if found:
            continue
        if not all_fail:
            raise CertificateError(f"monotonicity: deception {deception_json(env, beta)} is "
                                   f"decided by no stored result")
        nfail += 1
        if data.get("failing") is not None and len(listed) >= nfail and \
                str(to_jsonable(deception_json(env, beta))) not in listed and \
                len(data["failing"]) == data.get("without_whistle_blower"):
            raise CertificateError("monotonicity: a failing deception is not listed")
    if (total, unacceptable, nfail) != (data.get("deceptions"), data.get("unacceptable"),
                                        data.get("without_whistle_blower")):
        raise CertificateError(f"monotonicity: counts {total}/{unacceptable}/{nfail} differ from "
                               f"the record")
