"""The paper's environments and the note's witnesses, built exactly.

- :func:`example_1` (Section 3, Example 1): private-value public good, ``u_i = theta_i x_0 + x_i``,
  ``f(theta) = (theta_1 + theta_2, -theta_1^2/2, -theta_2^2/2)``, free disposal below ``f(Theta)``;
  ``types=("0", "1/2", "1")`` is the paper's case, ``("0", "1")`` the shrunk one.
- :func:`example_2` (Section 3, Example 2): common-value public good, ``u_i = (theta_1 + theta_2)
  x_0 + x_i``, ``x^1 = (0,0,0)``, ``x^2 = (2,-1,-1)``, ``x^3 = (4,-4,-4)``, free disposal.
- :func:`osp_witness` (the note's S1): three agents, two outcomes, private values; ``f`` is
  obviously strategy-proof but not RCIC (Section 4.1's remark is false).
- :func:`extreme_point_witness` (the note's S2): ``R_1`` has the vertex ``(0, 1/2, 1/2)``, a
  non-degenerate lottery (the proof of Corollary 1, Step 1).
- :func:`pattern_reward_witness` (F15, second half): a 3-agent environment where a coalition's
  successful reward lies in no member's reward set (found by a seeded search).
"""

from __future__ import annotations

from exact.numbers import parse_q

from .model import Environment, OutcomeSpace

__all__ = ["example_1", "example_2", "osp_witness", "extreme_point_witness",
           "pattern_reward_witness", "NAMED", "named"]


def example_1(types=("0", "1/2", "1")) -> Environment:
    vals = [parse_q(t, "types") for t in types]

    def f(th):
        a, b = (parse_q(t) for t in th)
        return (a + b, -a * a / 2, -b * b / 2)

    import itertools
    points = [f(th) for th in itertools.product(types, types)]
    space = OutcomeSpace("free-disposal", ["x0", "x1", "x2"], points)

    def util(i, th):
        v = parse_q(th[i])
        return (v, 1 if i == 0 else 0, 1 if i == 1 else 0)

    name = "example-1" if len(vals) == 3 else "example-1-binary"
    return Environment.build([list(types), list(types)], space, util, f, name=name)


X1, X2, X3 = (0, 0, 0), (2, -1, -1), (4, -4, -4)


def example_2() -> Environment:
    space = OutcomeSpace("free-disposal", ["x0", "x1", "x2"], [X1, X2, X3])

    def util(i, th):
        s = int(th[0]) + int(th[1])
        return (s, 1 if i == 0 else 0, 1 if i == 1 else 0)

    scf = {"0,0": list(X1), "0,1": list(X2), "1,0": list(X2), "1,1": list(X3)}
    return Environment.build([["0", "1"], ["0", "1"]], space, util, scf, name="example-2")


def osp_witness() -> Environment:
    """S1: agent 3 picks who decides (indifferent), the designated agent picks his favourite."""
    def util(i, x, th):
        if i == 2:
            return 0
        return 1 if (th[i] == "p") == (x == "x") else 0

    def scf(th):
        boss = 0 if th[2] == "a" else 1
        return "x" if th[boss] == "p" else "y"

    return Environment.build([["p", "q"], ["p", "q"], ["a", "b"]], ["x", "y"], util, scf,
                             name="osp-witness")


def extreme_point_witness() -> Environment:
    """S2: one type each, X = {x0, x1, x2}, u_1 = (1, 0, 2), f = x0."""
    return Environment.build([["t"], ["t"]], ["x0", "x1", "x2"],
                             [{"t,t": [1, 0, 2]}, {"t,t": [0, 0, 0]}], {"t,t": "x0"},
                             name="extreme-point-witness")


def pattern_reward_witness() -> Environment:
    """F15, second half (Section 5.2): three agents, types {0, 1}, outcomes x0, x1 and two
    universally bad ones p1, p2, interdependent integer utilities, a random f. Built by the
    seeded generator (:func:`.generators.random_environment` with seed ``"t2/util/19"``): a
    search over the seeds ``t2/util/0..23`` of that family for a deception that the coalition
    {1,2} dissolves under Definition 8 but no proposal of Theorem 1's mechanism does found
    seeds 4 and 19 (``examples/coalitional_fact_15.py`` repeats it)."""
    import random
    from .generators import random_environment
    rng = random.Random("t2/util/19")
    return random_environment(rng, 3, 2, 2, scf=rng.choice(["utilitarian", "random"]),
                              punish=True, name="pattern-reward-witness")


NAMED = {"example-1": example_1, "example-1-binary": lambda: example_1(("0", "1")),
         "example-2": example_2, "osp-witness": osp_witness,
         "extreme-point-witness": extreme_point_witness,
         "pattern-reward-witness": pattern_reward_witness}


def named(name: str) -> Environment:
    from exact.errors import InputError
    if name not in NAMED:
        raise InputError("environment", f"unknown named environment {name!r}; one of {sorted(NAMED)}")
    return NAMED[name]()



