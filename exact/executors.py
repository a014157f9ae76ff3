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
import contextlib
import multiprocessing
import os
from typing import Iterator, Optional, Sequence

from .errors import InputError

__all__ = ["LocalPool", "DaskExecutor", "dask_executor", "local_cluster"]


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which reports it once and stops them."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalPool:
    """A ``fork`` process pool of ``jobs`` workers."""

    def __init__(self, jobs: int):
        self.pool = cf.ProcessPoolExecutor(max_workers=jobs,
                                           mp_context=multiprocessing.get_context("fork"),
                                           initializer=_ignore_sigint)

    def kill(self) -> None:
        """Stop at once (Ctrl-C): running shards are abandoned; they were never journalled."""
        for p in list(getattr(self.pool, "_processes", {}).values()):
            with contextlib.suppress(OSError):
                p.terminate()
        self.pool.shutdown(wait=False, cancel_futures=True)

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


@contextlib.contextmanager
def local_cluster(workers: int = 2, *, env: Optional[dict] = None,
                  worker_env: Optional[dict] = None, worker_args: Sequence[str] = (),
                  logdir: Optional[str] = None, timeout: float = 90.0) -> Iterator[str]:
    """Start ``dask scheduler`` and ``workers`` ``dask worker`` processes on localhost.

    The standard commands, as a user would start them (each worker under its nanny, one thread);
    yields the scheduler address once every worker has joined, and stops every process (its whole
    process group) on exit. Used by the tests and the benchmarks.
    """
    import signal
    import socket
    import subprocess
    import sys
    import tempfile
    import time

    from distributed import Client

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    addr = f"tcp://127.0.0.1:{port}"
    dask = os.path.join(os.path.dirname(sys.executable), "dask")
    logdir = logdir or tempfile.mkdtemp(prefix="exact-dask-")
    base = dict(os.environ, **(env or {}))
    wenv = dict(base, **(worker_env or {}))

    def start(args, name, environ):
        return subprocess.Popen([dask, *args], env=environ, cwd=logdir,
                                stdout=open(os.path.join(logdir, f"{name}.log"), "w"),
                                stderr=subprocess.STDOUT, start_new_session=True)

    procs = [start(["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                   "scheduler", base)]
    try:
        time.sleep(1.0)
        for i in range(workers):
            procs.append(start(["worker", addr, "--nthreads", "1", "--no-dashboard", "--name",
                                f"w{i}", *worker_args], f"w{i}", wenv))
        with Client(addr, timeout=timeout, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=timeout)
        yield addr
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
