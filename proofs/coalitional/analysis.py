"""Per-environment results shared by the claims (memoised by the environment's digest).

Several claims need the same exact computations on one environment (robust monotonicity, the
interior test); they run in one process, so each is computed once. Nothing here decides a claim.
"""

from __future__ import annotations

from .coalitions import maximal
from .interior import interior_test
from .monotonicity import Monotonicity

__all__ = ["monotonicity", "interior", "clear"]

_MEMO: dict = {}


def _get(key, make):
    if key not in _MEMO:
        if len(_MEMO) > 2000:
            _MEMO.clear()
        _MEMO[key] = make()
    return _MEMO[key]


def monotonicity(env, kind: str, pattern=None):
    """``(Monotonicity object, run summary)``; ``kind`` "pattern" defaults to the maximal pattern."""
    if kind == "pattern" and pattern is None:
        pattern = maximal(env.n)
    def make():
        m = Monotonicity(env, kind, pattern=pattern)
        return m, m.run()
    return _get((env.digest, kind, pattern), make)


def interior(env):
    return _get((env.digest, "interior"), lambda: interior_test(env))


def clear() -> None:
    _MEMO.clear()
