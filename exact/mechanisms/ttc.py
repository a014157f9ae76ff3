"""Gale's top trading cycles for Shapley-Scarf housing markets, on networkx pointing graphs.

References
----------
.. [1] L. Shapley, H. Scarf, "On cores and indivisibility", J. Math. Econ. 1 (1974) 23-37.
   https://doi.org/10.1016/0304-4068(74)90033-0
.. [2] A. Roth, "Incentive compatibility in a market with indivisible goods", Econ. Letters 9
   (1982) 127-132. https://doi.org/10.1016/0165-1765(82)90003-9
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from ..errors import InvalidInstance
from ..graphs import pointing_graph, trading_cycles
from ..prefs import Profile
from ._common import as_profile

__all__ = ["ttc", "ttc_cycles", "attainable_houses"]


def _market(prefs: Any, endowment: Optional[Sequence[int]]) -> tuple[Profile, tuple[int, ...]]:
    p = as_profile(prefs, complete=True, square=True)
    n = p.n
    if endowment is None:
        return p, tuple(range(n))
    if not isinstance(endowment, (list, tuple)):
        raise InvalidInstance("endowment", f"expected a list of {n} houses, got "
                                           f"{type(endowment).__name__}")
    if len(endowment) != n:
        raise InvalidInstance("endowment", f"{len(endowment)} entries, expected {n}")
    for i, h in enumerate(endowment):
        if isinstance(h, bool) or not isinstance(h, int) or not 0 <= h < n:
            raise InvalidInstance(f"endowment[{i}]", f"expected a house 0..{n - 1}, got {h!r}")
    if len(set(endowment)) != n:
        raise InvalidInstance("endowment", f"not a bijection: {list(endowment)}")
    return p, tuple(endowment)


def ttc_cycles(prefs: Any, endowment: Optional[Sequence[int]] = None) -> list[list[list[int]]]:
    """The trading cycles of TTC, round by round: ``rounds[t]`` lists the cycles of round ``t``.

    Parameters and errors as :func:`ttc`. Each cycle lists agents; agent ``c[k]`` receives the
    house of ``c[k+1]`` (cyclically).
    """
    p, endowment = _market(prefs, endowment)
    owner = {h: i for i, h in enumerate(endowment)}
    rounds = []
    while owner:
        cycles = trading_cycles(pointing_graph(p, owner))
        rounds.append(cycles)
        for c in cycles:
            for i in c:
                del owner[endowment[i]]
    return rounds


def ttc(prefs: Any, endowment: Optional[Sequence[int]] = None) -> tuple[int, ...]:
    """Top trading cycles allocation of a housing market [1]_.

    Every remaining agent points to the owner of her favourite remaining house; the agents on
    each cycle of this pointing graph trade along it (each gets the house she points at) and
    leave with their houses; repeat until no agent remains.

    Parameters
    ----------
    prefs : Profile or sequence of sequences of int
        complete strict rankings of the houses ``0..n-1``, best first.
    endowment : sequence of int, optional
        ``endowment[i]`` is the house agent ``i`` owns (default: agent ``i`` owns house ``i``).

    Returns
    -------
    tuple of int
        the house of each agent.

    Raises
    ------
    InvalidInstance
        naming the field: a ranking that is not a permutation of the houses, an endowment that
        is not a bijection.

    Examples
    --------
    >>> ttc([(1, 0), (0, 1)])
    (1, 0)
    >>> ttc([(0, 1, 2), (0, 2, 1), (1, 0, 2)], endowment=[2, 0, 1])
    (2, 0, 1)

    Notes
    -----
    The cycles of each round are found on the networkx pointing graph by
    :func:`exact.graphs.trading_cycles` (out-degree one, so the cycles are disjoint and are its
    strongly connected components with an edge). At most ``n`` rounds.
    """
    p, endowment = _market(prefs, endowment)
    out: list = [None] * p.n
    for cycles in ttc_cycles(p, endowment):
        for c in cycles:
            for k, i in enumerate(c):
                out[i] = endowment[c[(k + 1) % len(c)]]
    return tuple(out)


def attainable_houses(prefs: Any, agent: int,
                      endowment: Optional[Sequence[int]] = None) -> dict[int, tuple[int, ...]]:
    """Every house ``agent`` can obtain from TTC by some report, with one report obtaining it.

    Parameters
    ----------
    prefs : Profile or sequence of sequences of int
        the others' rankings are held fixed; ``agent``'s own ranking is ignored.
    agent : int
    endowment : sequence of int, optional

    Returns
    -------
    dict house -> report
        the report (a complete ranking) gives ``agent`` that house under :func:`ttc`.

    Notes
    -----
    TTC reads ``agent``'s report only to find where she points: at her favourite remaining
    house, which she keeps pointing at until it leaves. So the runs of TTC over all ``n!``
    reports are exactly the runs in which the agent, at the start and whenever the house she
    points at has left, chooses any remaining house: a report ``L`` makes the choices "first
    remaining house of ``L``", and the choices ``c1, c2, ...`` are made by the report
    ``c1, c2, ..., (the other houses)``, because ``c1, ..., c(k-1)`` have left when ``ck`` is
    chosen. This function explores that choice tree (a subset of the ``n!`` runs, each round on
    the networkx pointing graph); tests check it against all ``n!`` reports.
    """
    p, endowment = _market(prefs, endowment)
    if isinstance(agent, bool) or not isinstance(agent, int) or not 0 <= agent < p.n:
        raise InvalidInstance("agent", f"expected an agent 0..{p.n - 1}, got {agent!r}")
    found: dict[int, tuple[int, ...]] = {}

    def explore(owner: dict, choices: tuple, target: Optional[int]) -> None:
        if target is None or target not in owner:
            for h in sorted(owner):
                explore(owner, choices + (h,), h)
            return
        cycles = trading_cycles(pointing_graph(p, owner, {agent: target}))
        rest = dict(owner)
        for c in cycles:
            if agent in c:
                if target not in found:
                    found[target] = choices + tuple(h for h in range(p.n) if h not in choices)
                return
            for i in c:
                del rest[endowment[i]]
        explore(rest, choices, target)

    explore({h: i for i, h in enumerate(endowment)}, (), None)
    return dict(sorted(found.items()))
