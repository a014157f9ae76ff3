"""CPU-bound synthetic claims for the scaling benchmarks (no sleeping: real work per instance)."""

from exact import claim, fails, holds
from exact.domains import Graded
from exact.numbers import Q

#: instances per size; each check does a few thousand exact rational operations
UNITS = {1: 4_000, 2: 100_000, 3: 600_000}


def _work(k: int) -> Q:
    x = Q(k % 97 + 1, 7)
    acc = Q(0)
    for j in range(1, 120):
        acc += x / (j + k % 5) - acc / (j + 3)
    return acc


BUSY = Graded("busy integers", sizes=(1, 2, 3), generate=lambda s: iter(range(UNITS[s])),
              count=lambda s: UNITS[s], decode=int, size_of=lambda k: 1)


@claim("bench/busy", domain=BUSY, size=1, statement="A CPU-bound true claim for timing runs.")
def busy(k):
    v = _work(k)
    return holds() if v == v else fails(k=k)


COUNT = Graded("ten million integers", sizes=(1,), generate=lambda s: iter(range(10 ** 7)),
               count=lambda s: 10 ** 7, decode=int, size_of=lambda k: 1)


@claim("bench/ten-million", domain=COUNT, statement="k >= 0, over 10^7 streamed instances.")
def ten_million(k):
    return holds() if k >= 0 else fails(k=k)
