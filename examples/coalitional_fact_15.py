"""F15, second half (Section 5.2): a coalition's successful reward in no member's reward set.

Searches the seeded three-agent environments ``random_environment(random.Random("t2/util/<k>"),
3 agents, 2 types, outcomes x0, x1 plus two universally bad ones)`` with the pattern {1,2} +
singletons, in seed order, for an unacceptable deception that no singleton dissolves, that the
coalition {1,2} dissolves under Definition 8, and that no proposal of Theorem 1's mechanism
dissolves (every member's y in Y_i at every report of the other member; decided exactly).
The claim ``coalitional/fact-15-pattern`` checks the hit at seed 19 (the named environment
``pattern-reward-witness``); the first hit is at seed 4.

Usage::

    .venv/bin/python examples/coalitional_fact_15.py [--seeds 24] [--all]
"""

import argparse
import random
import time

from proofs.coalitional.coalitions import pattern
from proofs.coalitional.deceptions import deception_json
from proofs.coalitional.dissolvers import coalition_only, theorem_1_cannot
from proofs.coalitional.generators import random_environment
from proofs.coalitional.monotonicity import Monotonicity
from proofs.coalitional.rewards import coalitional_reward_set


def search(seed: int):
    rng = random.Random(f"t2/util/{seed}")
    env = random_environment(rng, 3, 2, 2, scf=rng.choice(["utilitarian", "random"]),
                             punish=True)
    m = Monotonicity(env, "pattern", pattern=pattern(3, [[0], [1], [0, 1], [2]]))
    mc = Monotonicity(env, "coalitional")
    S = (0, 1)
    sup = {i: mc.support((i,)) for i in S}
    if any(sup[i]["empty"] is not None for i in S):
        return env, None
    Y = {i: coalitional_reward_set(env, i) for i in S}
    return env, coalition_only(m, accept=lambda beta, cand: cand[0] == S and
                               theorem_1_cannot(m, beta, S, Y, sup))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=24)
    ap.add_argument("--all", action="store_true", help="do not stop at the first hit")
    opts = ap.parse_args()
    for seed in range(opts.seeds):
        t = time.perf_counter()
        env, w = search(seed)
        took = time.perf_counter() - t
        if w is None:
            print(f"seed {seed}: no such deception ({took:.1f} s)")
            continue
        print(f"seed {seed}: deception {w['searched']} {deception_json(env, w['beta'])}: "
              f"coalition {[i + 1 for i in w['coalition'][0]]} dissolves it, no singleton and "
              f"none of Theorem 1's {w['accepted']} proposal tests does ({took:.1f} s)")
        if not opts.all:
            break


if __name__ == "__main__":
    main()
