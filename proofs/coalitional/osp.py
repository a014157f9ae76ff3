"""Obvious strategy-proofness (Li 2017) of a finite perfect-information game, for fact F7.

A game tree is ``("leaf", outcome label)`` or ``("move", agent, {action: subtree})``. A strategy
of agent ``i`` of payoff type ``t`` picks an action at each of ``i``'s nodes: ``plan(i, t, node
path) -> action``. With private values, the plan is *obviously dominant* when at every node ``h``
where ``i`` moves (reachable while ``i`` follows the plan), the worst outcome from following the
plan from ``h`` on (others play anything) is at least as good as the best outcome after any other
action at ``h`` (everyone, ``i`` included, plays anything afterwards). The mechanism
*implements* ``f`` if following every plan leads to ``f(theta)`` at every profile.

:func:`s1_game` is the note's S1 mechanism: agent 3 announces ``a`` / ``b``, then agent 1 (after
``a``) or agent 2 (after ``b``) picks the outcome.
"""

from __future__ import annotations


from .model import Environment, dot

__all__ = ["s1_game", "s1_plan", "check_osp"]


def s1_game():
    pick = lambda i: ("move", i, {"x": ("leaf", "x"), "y": ("leaf", "y")})  # noqa: E731
    return ("move", 2, {"a": pick(0), "b": pick(1)})


def s1_plan(env: Environment):
    def plan(i, t, path):
        if i == 2:
            return env.types[2][t]
        return "x" if env.types[i][t] == "p" else "y"
    return plan


def _leaves(node, i=None, t=None, plan=None, path=()):
    """Outcomes reachable from ``node``; agent ``i`` follows ``plan`` if given."""
    if node[0] == "leaf":
        return {node[1]}
    _, who, kids = node
    if plan is not None and who == i:
        a = plan(i, t, path)
        return _leaves(kids[a], i, t, plan, path + (a,))
    return set().union(*(_leaves(c, i, t, plan, path + (a,)) for a, c in kids.items()))


def check_osp(env: Environment, game, plan) -> dict:
    """``{"implements": bool, "obviously_dominant": bool, "failure": ...}`` for private values."""
    if not env.is_private():
        raise ValueError("check_osp: private values only")
    X = env.space.labels

    def util(i, t, label):
        s = next(s for s in env.states if s[i] == t)
        return dot(env.w[i][env.sindex[s]], env.space.coords_of_vertex(X.index(label)))

    implements = True
    for s in env.states:
        node, path = game, ()
        while node[0] == "move":
            a = plan(node[1], s[node[1]], path)
            node, path = node[2][a], path + (a,)
        if env.space.coords_of_vertex(X.index(node[1])) != env.f_coords[env.sindex[s]]:
            implements = False
    failure = None

    def walk(node, path, i, t):
        nonlocal failure
        if node[0] == "leaf" or failure is not None:
            return
        _, who, kids = node
        if who == i:
            a = plan(i, t, path)
            worst = min(util(i, t, x) for x in _leaves(kids[a], i, t, plan, path + (a,)))
            for b, c in kids.items():
                if b != a:
                    best = max(util(i, t, x) for x in _leaves(c))
                    if best > worst:
                        failure = {"agent": i + 1, "type": env.types[i][t], "path": list(path),
                                   "plan": a, "deviation": b, "worst": worst, "best": best}
                        return
            walk(kids[a], path + (a,), i, t)
        else:
            for b, c in kids.items():
                walk(c, path + (b,), i, t)

    for i in range(env.n):
        for t in range(env.k[i]):
            walk(game, (), i, t)
    return {"implements": implements, "obviously_dominant": failure is None, "failure": failure}


