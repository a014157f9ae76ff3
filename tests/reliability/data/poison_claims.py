"""A claim whose check kills the worker process on one instance (for the worker-fault tests).

``poison/true`` holds everywhere, but when the environment variable ``EXACT_POISON`` is ``"1"``
(set only in the dask workers of the test cluster) checking the instance 137 ends the process
with ``os._exit``: every worker that receives that shard dies, so the shard is lost for good.
"""

import os
import time

from exact import InputError, claim, holds
from exact.domains import Graded

POISONED = 137


def _decode(data):
    if not isinstance(data, int) or isinstance(data, bool) or not 0 <= data < 400:
        raise InputError("instance", f"expected an int in [0, 400), got {data!r}")
    return data


@claim("poison/true", domain=Graded("ints 0 .. 399", sizes=(1,), generate=lambda n: iter(range(400)),
                                    count=lambda n: 400, decode=_decode, size_of=lambda k: 1),
       statement="Always true; instance 137 kills a poisoned worker.")
def poison_true(k):
    time.sleep(0.002)
    if k == POISONED and os.environ.get("EXACT_POISON") == "1":
        os._exit(17)
    return holds()
