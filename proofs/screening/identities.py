"""A list of named exact identities, each decided by :func:`exact.symbolic.prove_identity`.

A symbolic claim of this paper is a conjunction of identities between rational functions over
Q (polynomials in the types, the parameters, and placeholders such as ``L = log r``). Each is
decided exactly (flint ``fmpq_mpoly``); sympy only builds the expressions (differentiation and
integration of polynomials); nothing is decided by ``simplify``.
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Sequence

from exact.symbolic import prove_identity

__all__ = ["Check", "prove", "failed", "names"]


@dataclasses.dataclass(frozen=True)
class Check:
    """One decided identity ``lhs == rhs``: name, where in the paper, verdict, residual."""

    name: str
    source: str
    holds: bool
    residual: str
    witness: Optional[dict] = None

    def to_json(self) -> dict:
        out = {"name": self.name, "source": self.source, "holds": self.holds,
               "residual": self.residual}
        if self.witness is not None:
            out["witness"] = {k: str(v) for k, v in self.witness.items()}
        return out


def prove(name: str, source: str, lhs, rhs, symbols: Sequence) -> Check:
    """Decide ``lhs == rhs`` as rational functions in ``symbols`` (every other name is an error)."""
    res = prove_identity(lhs, rhs, symbols=tuple(symbols))
    return Check(name, source, res.holds is True, res.residual, res.witness)


def failed(checks) -> list:
    """JSON of the checks that did not hold."""
    return [c.to_json() for c in checks if not c.holds]


def names(checks) -> list:
    return [c.name for c in checks]
