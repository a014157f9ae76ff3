"""A user's own claim file, as `exact check tests/data/user_claims.py::name` loads it.

Domain: pairs (a, b) with 0 <= a, b < n, size n. Both claims are about a + b.
"""

import itertools

from exact import InputError, claim, fails, holds
from exact.domains import Graded


def _decode(data):
    if (not isinstance(data, list) or len(data) != 2 or
            not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in data)):
        raise InputError("instance", f"expected a pair of non-negative ints, got {data!r}")
    return tuple(data)


def _strategy(n):
    from hypothesis import strategies as st
    return st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))


PAIRS = Graded("pairs (a, b), 0 <= a, b < n", sizes=(1, 2, 3, 4, 5),
               generate=lambda n: ((a, b) for a, b in itertools.product(range(n), repeat=2)),
               count=lambda n: n * n, decode=_decode, size_of=lambda x: max(x) + 1,
               strategy=_strategy)


@claim("user/sum-below-five", domain=PAIRS, statement="a + b < 5 (false: first fails at (2, 3)).")
def sum_below_five(pair):
    a, b = pair
    return holds(total=a + b) if a + b < 5 else fails(total=a + b, bound=5)


@claim("user/sum-symmetric", domain=PAIRS, statement="a + b == b + a.")
def sum_symmetric(pair):
    a, b = pair
    return holds() if a + b == b + a else fails(a=a, b=b)


@claim("user/slow-true", domain=Graded(
    "slow ints", sizes=(1, 2, 3), generate=lambda n: iter(range(n * 400)),
    count=lambda n: n * 400, decode=int, size_of=lambda x: x // 400 + 1), size=3,
    statement="A deliberately slow true claim, for interruption tests.")
def slow_true(k):
    import time
    time.sleep(0.002)
    return holds(k=k)
