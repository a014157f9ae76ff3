"""Where shards run: a local process pool (default) or a dask.distributed cluster.

Both expose the same three operations, ``submit(fn, arg)``, ``as_completed(futures)`` and
``close()``; the engine does not care which it has. Nothing here imports dask unless a
``--scheduler`` address is given.

A shard whose worker dies is re-run by dask (its ``allowed-failures`` policy); a shard that cannot
be finished at all is *lost*: the engine then reports ``inconclusive`` with the exact coverage,
never ``verified``.

Start a cluster with the standard commands, then point ``exact check`` at it::

    dask scheduler --port 8786 &
    dask worker tcp://127.0.0.1:8786 --nworkers 2 --nthreads 1 &
    exact check classic --scheduler tcp://127.0.0.1:8786
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing

from .errors import InputError

__all__ = ["LocalPool", "DaskExecutor", "dask_executor"]


class LocalPool:
    """A ``fork`` process pool of ``jobs`` workers."""

    def __init__(self, jobs: int):
        self.pool = cf.ProcessPoolExecutor(max_workers=jobs,
                                           mp_context=multiprocessing.get_context("fork"))

    def submit(self, fn, arg):
        return self.pool.submit(fn, arg)

    def as_completed(self, futures, timeout=None):
        return cf.as_completed(futures, timeout=timeout)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """Shards as tasks on a running dask.distributed cluster."""

    def __init__(self, address: str, timeout: float = 10.0):
        try:
            from distributed import Client
        except ImportError:
            raise InputError("--scheduler", "needs dask.distributed: pip install 'exact[dist]'") \
                from None
        if not isinstance(address, str) or "://" not in address:
            raise InputError("--scheduler", f"expected an address like tcp://HOST:PORT, "
                                            f"got {address!r}")
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError("--scheduler", f"cannot reach {address}: {exc}") from None

    def submit(self, fn, arg):
        return self.client.submit(fn, arg, pure=False)

    def as_completed(self, futures, timeout=None):
        """Finished futures in completion order; TimeoutError when ``timeout`` runs out."""
        from distributed import as_completed
        from distributed.utils import TimeoutError as DaskTimeout
        it = as_completed(list(futures), loop=self.client.loop, timeout=timeout)
        try:
            yield from it
        except DaskTimeout as exc:
            raise TimeoutError(str(exc)) from None

    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    def close(self) -> None:
        self.client.close()


def dask_executor(address: str) -> DaskExecutor:
    return DaskExecutor(address)
