"""Probabilistic serial: the simultaneous eating algorithm, with exact (fmpq) event times.

References
----------
.. [1] A. Bogomolnaia, H. Moulin, "A new solution to the random assignment problem",
   J. Econ. Theory 100 (2001) 295-328 (simultaneous eating algorithms).
   https://doi.org/10.1006/jeth.2000.2710
.. [2] F. Kojima, "Random assignment of multiple indivisible objects", Math. Soc. Sci. 57 (2009)
   134-142. https://doi.org/10.1016/j.mathsocsci.2008.07.003
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from ..numbers import Q
from ._common import as_capacities, as_profile, as_speeds

__all__ = ["probabilistic_serial", "eating_schedule"]


def eating_schedule(prefs: Any, capacities: Optional[Sequence[int]] = None,
                    speeds: Optional[Sequence[Any]] = None) -> tuple[tuple, list[dict]]:
    """Run the eating algorithm; return the matrix and the list of phases.

    Each phase is ``{"start", "end", "eats"}`` with ``eats[i]`` the object agent ``i`` eats during
    it (``None`` when she has stopped). Parameters as :func:`probabilistic_serial`.
    """
    p = as_profile(prefs)
    n, m = p.n, p.m
    supply = [Q(c) for c in as_capacities(capacities, m)]
    speed = as_speeds(speeds, n)
    held = [[Q(0)] * m for _ in range(n)]
    t, one = Q(0), Q(1)
    phases: list[dict] = []
    while t < one:
        eats: list = [next((o for o in p[i] if supply[o] > 0 and held[i][o] < one), None)
                      for i in range(n)]
        if all(e is None for e in eats):
            break
        rate = [Q(0)] * m
        for i, o in enumerate(eats):
            if o is not None:
                rate[o] += speed[i]
        dt = one - t
        for o in range(m):
            if rate[o] > 0:
                dt = min(dt, supply[o] / rate[o])
        for i, o in enumerate(eats):
            if o is not None:
                dt = min(dt, (one - held[i][o]) / speed[i])
        for i, o in enumerate(eats):
            if o is not None:
                held[i][o] += speed[i] * dt
                supply[o] -= speed[i] * dt
        phases.append({"start": t, "end": t + dt, "eats": tuple(eats)})
        t += dt
    return tuple(tuple(r) for r in held), phases


def probabilistic_serial(prefs: Any, capacities: Optional[Sequence[int]] = None,
                         speeds: Optional[Sequence[Any]] = None) -> tuple:
    """The probabilistic serial assignment (simultaneous eating at equal speeds) [1]_.

    During the time interval ``[0, 1]`` every agent eats, at her speed, her best acceptable object
    of which some supply is left (and of which she holds less than one unit); the assignment is
    what each agent has eaten.

    Parameters
    ----------
    prefs : Profile or sequence of sequences of int
        strict rankings, best first; omitted objects are unacceptable: an agent with nothing
        acceptable left stops eating (the rest of her unit is the outside option).
    capacities : sequence of int, optional
        supply of each object (default one unit each).
    speeds : sequence of numbers, optional
        exact positive eating speeds (default 1; ``"1/2"`` strings are read exactly). An agent
        with speed ``s`` eats up to ``s`` units in all, at most one unit of each object [2]_.

    Returns
    -------
    tuple of tuples of fmpq
        ``P[i][j]``: the probability (amount) of object ``j`` that agent ``i`` receives.

    Raises
    ------
    InvalidInstance
        naming the field.

    Examples
    --------
    >>> P = probabilistic_serial([(0, 1, 2), (0, 2, 1), (1, 0, 2)])
    >>> [[str(x) for x in row] for row in P]
    [['1/2', '1/4', '1/4'], ['1/2', '0', '1/2'], ['0', '3/4', '1/4']]

    Notes
    -----
    Event-driven: between two events (an object runs out, an agent completes a unit of an
    object, or time 1) every agent eats one object at a constant rate, so each phase is one exact
    fmpq step; at most ``n*m + m + 1`` phases.
    """
    return eating_schedule(prefs, capacities, speeds)[0]
