"""Claims reported per case of Lemma 7: one claim per case, vacuous outside it.

A statement checked on instances that fall in different cases of Lemma 7 (1: phi <= (m-k)/n;
2.b: the generic case ``ic aud allo``; 3: ``ic allo``) is registered once for all instances and
once per case, ``<id>-case-<c>``: the case claim returns ``vacuous(case=...)`` on the other
cases, so its verdict says how many instances met the case, and a case that never occurred is
not reported verified (:func:`exact.vacuous`). Case 2.a never occurs for any phi (proved per
``(n, m, k)`` by ``verification/corollary-1-no-middle-allo``), so it has no claim of its own.
"""

from __future__ import annotations

from typing import Callable

from exact import claim, vacuous

__all__ = ["CASE_SUFFIX", "by_case"]

#: case name -> claim-id suffix
CASE_SUFFIX = {"1": "1", "2.b": "2b", "3": "3"}


def by_case(base_id: str, case_names: tuple, *, domain, source: str, statement: str,
            size=None, replay=None) -> Callable:
    """Decorator: ``fn(instance) -> (case, Outcome)`` becomes ``base_id`` (every instance) and
    ``base_id-case-<c>`` for each ``c`` in ``case_names`` (vacuous on the other cases)."""

    def wrap(fn: Callable) -> Callable:
        def every(inst):
            return fn(inst)[1]
        every.__module__, every.__qualname__ = fn.__module__, fn.__qualname__
        claim(base_id, domain=domain, source=source, size=size, replay=replay,
              statement=statement + " (every instance; the case claims split them)")(every)
        for c in case_names:
            def one(inst, c=c):
                case, out = fn(inst)
                return out if case == c else vacuous(case=case)
            one.__module__, one.__qualname__ = fn.__module__, f"{fn.__qualname__}[{c}]"
            claim(f"{base_id}-case-{CASE_SUFFIX[c]}", domain=domain, source=source, size=size,
                  replay=replay,
                  statement=f"{statement} Instances in Lemma 7's case {c} (others vacuous).")(one)
        return fn

    return wrap
