"""Claims reported per case of Lemma 7: one claim per case, each on the instances of its case.

A statement checked on instances that fall in different cases of Lemma 7 (1: phi <= (m-k)/n;
2.b: the generic case ``ic aud allo``; 3: ``ic allo``) is registered once per case,
``<id>-case-<c>``, over the domain restricted to phi in that case (``domain_of(c)``), so each
verdict says how many instances fell in its case (and, through :func:`exact.vacuous`, how many
of them met the claim's own hypothesis). Case 2.a never occurs for any phi (proved per
``(n, m, k)`` by ``verification/corollary-1-no-middle-allo``), so it has no claim.
"""

from __future__ import annotations

from typing import Callable

from exact import claim

__all__ = ["CASE_SUFFIX", "by_case"]

#: case name -> claim-id suffix
CASE_SUFFIX = {"1": "1", "2.b": "2b", "3": "3"}


def by_case(base_id: str, case_names: tuple, *, domain_of: Callable, source: str,
            statement: str, size=None) -> Callable:
    """Decorator: ``fn(instance) -> Outcome`` becomes ``base_id-case-<c>`` for each ``c`` in
    ``case_names``, checked on ``domain_of(c)`` (the instances in case ``c``)."""

    def wrap(fn: Callable) -> Callable:
        for c in case_names:
            def one(inst, _fn=fn):
                return _fn(inst)
            one.__module__, one.__qualname__ = fn.__module__, f"{fn.__qualname__}[{c}]"
            claim(f"{base_id}-case-{CASE_SUFFIX[c]}", domain=domain_of(c), source=source,
                  size=size, statement=f"{statement} Instances in Lemma 7's case {c}.")(one)
        return fn

    return wrap
