"""Slow user claims for the interruption tests (loaded as a user's claim file).

Domain: the integers ``0 .. 600 n - 1`` at size ``n`` (sizes 1, 2, 3); every check sleeps 1 ms so
that a run lasts a few seconds and a kill can land anywhere in it.
"""

import time

from exact import InputError, claim, fails, holds
from exact.domains import Graded

PER_SIZE = 600


def _decode(data):
    if not isinstance(data, int) or isinstance(data, bool) or not 0 <= data < 3 * PER_SIZE:
        raise InputError("instance", f"expected an int in [0, {3 * PER_SIZE}), got {data!r}")
    return data


INTS = Graded("ints 0 .. 600n-1, 1 ms each", sizes=(1, 2, 3),
              generate=lambda n: iter(range(PER_SIZE * n)), count=lambda n: PER_SIZE * n,
              decode=_decode, size_of=lambda k: k // PER_SIZE + 1)


@claim("slow/true", domain=INTS, statement="k*k >= 0 (true; every check sleeps 1 ms).")
def slow_true(k):
    time.sleep(0.001)
    return holds(square=k * k)


@claim("slow/false-late", domain=INTS,
       statement="k is not 1234 (false, first at k = 1234, an instance of size 3).")
def slow_false_late(k):
    time.sleep(0.001)
    return holds() if k != 1234 else fails(k=k)
