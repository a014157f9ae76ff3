"""Examples 1 and 2 (Section 3), recomputed exactly: the values the claims and reports share.

Nothing here is pasted from the paper; the paper's printed numbers are compared by the claims
(``coalitional/example-1``, ``example-2``) and shown beside the recomputed ones in the reports.
"""

from __future__ import annotations

import functools

from . import analysis
from .coalitions import coalitions, maximal, split
from .deceptions import deception_from_json
from .example2 import conditionals, epsilon_set, expected_utilities, paper_bound
from .incentives import epic_violation, ic_violations, pattern_ic_violation, rcic_violation
from .instances import example_1, example_2
from .interior import cnti
from .model import dot

__all__ = ["example_1_values", "example_2_values"]


@functools.lru_cache(maxsize=None)
def example_1_values() -> dict:
    env = example_1()
    h, one = env.types[0].index("1/2"), env.types[0].index("1")
    star, dev = env.sindex[(h, h)], env.sindex[(one, one)]
    u_dev = [env.U[i][star][dev] for i in range(2)]
    u_star = [env.U[i][star][star] for i in range(2)]
    viol = list(ic_violations(env, coalitions(2)))
    margins = {}
    for i in range(2):
        sp = split(env.k, (i,))
        for a, (ti,) in enumerate(sp.inside):
            for b, (tp,) in enumerate(sp.inside):
                if a != b:
                    margins[(i, ti, tp)] = min(env.U[i][sp.index[a][c]][sp.index[a][c]] -
                                               env.U[i][sp.index[a][c]][sp.index[b][c]]
                                               for c in range(len(sp.outside)))
    m, out = analysis.monotonicity(env, "bm")
    it = analysis.interior(env)
    cn = all((cnti(env, i, ti, rep)["value"] or 0) > 0 for i in range(2) for ti in range(env.k[i])
             for rep in split(env.k, (i,)).outside)
    binary = example_1(("0", "1"))
    mb, outb = analysis.monotonicity(binary, "coalitional")
    return {"env": env, "u_deviation": u_dev, "u_truth": u_star, "violations": viol,
            "epic_margins": margins, "rm": out, "rm_object": m, "interior": it, "cnti": cn,
            "binary": binary, "binary_rcic": rcic_violation(binary),
            "binary_rcm": outb, "binary_interior": analysis.interior(binary)}


@functools.lru_cache(maxsize=None)
def example_2_values() -> dict:
    env = example_2()
    mb, rm = analysis.monotonicity(env, "bm")
    mc, rcm = analysis.monotonicity(env, "coalitional")
    mp, sbar = analysis.monotonicity(env, "pattern", maximal(2))
    paper_beta = deception_from_json(env, [{"0": ["0"], "1": ["0"]}, {"0": ["1"], "1": ["1"]}])
    opposite = deception_from_json(env, [{"0": ["1"], "1": ["0"]}, {"0": ["1"], "1": ["0"]}])
    failing_rm = [b for b, _ in rm["failing"]]
    failing_rcm = [b for b, _ in rcm["failing"]]
    best = {}
    for s, th in enumerate(env.states):
        for i in range(2):
            vals = [dot(env.w[i][s], v) for v in env.space.vertices]
            best[(i, s)] = (dot(env.w[i][s], env.f[s]), max(vals))
    weak, strict = epsilon_set(False), epsilon_set(True)
    return {"env": env, "rm": rm, "rcm": rcm, "sbar": sbar, "failing_rm": failing_rm,
            "failing_rcm": failing_rcm, "paper_beta": paper_beta, "opposite": opposite,
            "rcic": rcic_violation(env), "epic": epic_violation(env),
            "sbar_ic": pattern_ic_violation(env, maximal(2)),
            "interior": analysis.interior(env), "best": best,
            "conditionals": conditionals(), "utilities": expected_utilities(),
            "weak": weak, "strict": strict, "bound": paper_bound()}
