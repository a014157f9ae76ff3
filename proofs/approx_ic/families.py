"""Named instances: the note's signal structures and utility types (the paper has no numbers).

Signal structures (``Omega = {0, 1}`` unless said; signals ``L = 0, M, H = last``):

* :data:`BINARY`: ``pi_0 = (1/2, 1/2)``, ``nu(H | 1) = nu(L | 0) = 2/3`` (the note's base instance);
* :data:`THREE_SIGNALS`: ``nu(. | 1) = (1/6, 1/3, 1/2)``, ``nu(. | 0) = (1/2, 1/3, 1/6)``: the
  middle signal's posterior is the average of the others', so Cremer-McLean fails;
* :data:`SKEWED`: ``pi_0 = (2/3, 1/3)``, ``nu(. | 0) = (3/4, 1/4)``, ``nu(. | 1) = (2/5, 3/5)``;
* :data:`THREE_STATES`: ``Omega = {0, 1, 2}``, three signals.

Utility types ``u[a][w]`` over ``Omega = {0, 1}``:

* :data:`MATCH`: ``u(a_w, w) = 1``, else 0;
* :data:`INVEST`: ``u(a_0, .) = 0``, ``u(a_1, 0) = -1``, ``u(a_1, 1) = 2`` (``a_1`` is optimal iff the
  posterior on state 1 exceeds 1/3);
* :data:`OBJECT_1`, :data:`OBJECT_2`: the paper's single-object example (Section 2, after Theorem 1)
  with the note's values ``v_1 = (1, 2)``, ``v_2 = (3/2, 1/2)``: alternative ``k`` gives the object
  to group ``k``, ``u_k(a, w) = v_k(w) 1[a = k]``.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

from exact.numbers import Q

from .model import Setting, distribution, setting

__all__ = ["Signals", "BINARY", "THREE_SIGNALS", "SKEWED", "THREE_STATES", "MATCH", "INVEST",
           "OBJECT_1", "OBJECT_2", "object_types", "SHARED_TOP", "THREE_STATE_TYPES",
           "binary_symmetric"]


@dataclasses.dataclass(frozen=True)
class Signals:
    """A prior and a conditionally i.i.d. signal law ``nu[w][x]`` (Theorem 1's ``pi_0``, ``nu``)."""

    name: str
    prior: tuple
    nu: tuple

    def with_types(self, types: Sequence, tie: str = "first") -> Setting:
        """The setting of Theorem 1 with the utility types ``types`` (validated)."""
        return setting(self.prior, self.nu, types, tie)


def _signals(name: str, prior, nu) -> Signals:
    return Signals(name, distribution(prior, "prior"),
                   tuple(distribution(r, f"nu[{w}]") for w, r in enumerate(nu)))


def binary_symmetric(accuracy) -> Signals:
    """``pi_0 = (1/2, 1/2)``, ``nu(H | 1) = nu(L | 0) = accuracy`` (two signals)."""
    a = Q(accuracy)
    return _signals(f"binary symmetric, accuracy {a}", ["1/2", "1/2"], [[a, 1 - a], [1 - a, a]])


BINARY = binary_symmetric(Q(2, 3))
THREE_SIGNALS = _signals("three signals (CM fails)", ["1/2", "1/2"],
                         [["1/2", "1/3", "1/6"], ["1/6", "1/3", "1/2"]])
SKEWED = _signals("skewed binary", ["2/3", "1/3"], [["3/4", "1/4"], ["2/5", "3/5"]])
THREE_STATES = _signals("three states", ["1/3", "1/3", "1/3"],
                        [["1/2", "1/4", "1/4"], ["1/4", "1/2", "1/4"], ["1/4", "1/4", "1/2"]])

MATCH = ((Q(1), Q(0)), (Q(0), Q(1)))
INVEST = ((Q(0), Q(0)), (Q(-1), Q(2)))


def object_types(values: Sequence[Sequence]) -> tuple:
    """The single-object example: type ``k`` values the object at ``values[k][w]`` in state ``w``,
    alternative ``a`` gives it to group ``a``: ``u_k(a, w) = values[k][w] 1[a = k]``."""
    K = len(values)
    return tuple(tuple(tuple(Q(v) if a == k else Q(0) for v in values[k]) for a in range(K))
                 for k in range(K))


OBJECT_1, OBJECT_2 = object_types([[1, 2], [Q(3, 2), Q(1, 2)]])

#: two types over three alternatives that share the strict top in each state (a_w) but rank
#: the other two alternatives oppositely: condition (1) holds (the paper's "may disagree")
SHARED_TOP = (((Q(3), Q(0)), (Q(0), Q(3)), (Q(1), Q(1))),
              ((Q(3), Q(1)), (Q(1), Q(3)), (Q(0), Q(0))))

#: one type over Omega = {0, 1, 2}: guess the state (the match type with three states)
THREE_STATE_TYPES = (tuple(tuple(Q(int(a == w)) for w in range(3)) for a in range(3)),)
