"""Item 4: distributed faults. A real local dask cluster loses workers in the middle of a run.

The cluster is started with the standard commands (``dask scheduler``, ``dask worker`` with a
nanny that restarts a dead worker). Worker processes are SIGKILLed at random points while
``exact.engine.check`` runs shards on them: the verdict must be identical to a local run, or,
when a shard cannot be finished at all (a poisoned instance kills every worker that checks it),
``inconclusive`` with the exact coverage — never ``verified`` with a missing shard.
"""

import os
import random
import signal
import subprocess
import sys
import threading

import pytest

distributed = pytest.importorskip("distributed")

from exact.claims import get_claim  # noqa: E402
from exact.engine import check  # noqa: E402

from .helpers import DATA, ROOT, count  # noqa: E402

SLOW = os.path.join(DATA, "slow_claims.py")
POISON = os.path.join(DATA, "poison_claims.py")
pytestmark = [pytest.mark.dist, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Scheduler + 2 nanny-supervised workers; the workers carry EXACT_POISON=1."""
    from exact.executors import local_cluster
    with local_cluster(2, env={"PYTHONPATH": ROOT,
                               "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "2"},
                       worker_env={"EXACT_POISON": "1"},
                       logdir=str(tmp_path_factory.mktemp("dask"))) as addr:
        client = distributed.Client(addr, timeout=60)
        try:
            yield addr, client
        finally:
            client.close()


def _worker_pids(client) -> list:
    return sorted(client.run(os.getpid).values())


def _killer(client, kills: int, rng: random.Random, stop: threading.Event, log: list):
    """SIGKILL a random worker process (not its nanny) ``kills`` times at random moments."""
    for _ in range(kills):
        if stop.wait(rng.uniform(0.4, 1.5)):
            return
        try:
            pids = _worker_pids(client)
        except Exception:  # noqa: BLE001 - the cluster is busy restarting: try again later
            continue
        if pids:
            pid = rng.choice(pids)
            try:
                os.kill(pid, signal.SIGKILL)
                log.append(pid)
            except ProcessLookupError:
                pass


def _run_with_kills(addr, client, claim, kills, seed, **options):
    from exact.executors import dask_executor
    ex = dask_executor(addr)
    stop, log = threading.Event(), []
    t = threading.Thread(target=_killer, args=(client, kills, random.Random(seed), stop, log))
    try:
        t.start()
        v = check(claim, executor=ex, **options)
    finally:
        stop.set()
        t.join()
        ex.close()
    client.wait_for_workers(2, timeout=90)   # the nannies bring the killed workers back
    return v, log


@pytest.mark.parametrize("name", ["slow_true", "slow_false_late"])
def test_killed_workers_give_the_identical_verdict(cluster, name):
    addr, client = cluster
    claim = get_claim(f"{SLOW}::{name}")
    local = check(claim, shard_size=50, witnesses=None).to_json()
    v, killed = _run_with_kills(addr, client, claim, kills=3, seed=name, shard_size=50,
                                witnesses=None)
    got = v.to_json()
    assert killed, "no worker was killed during the run"
    count("dask worker processes SIGKILLed mid-run", len(killed))
    if got["verdict"] == "inconclusive":      # a shard lost beyond dask's retries
        assert got["instances"] < got["total"] and got["coverage"] != "1"
        count("worker-fault runs: inconclusive with exact coverage")
    else:
        count("worker-fault runs: verdict identical to the local run")
        for key in ("verdict", "instances", "total", "coverage", "counterexample", "witnesses"):
            assert got.get(key) == local.get(key), key
    assert not (got["verdict"] == "verified" and got["instances"] != got["total"])
    count("worker-fault runs with a correct verdict")


def test_a_shard_that_kills_every_worker_leaves_the_run_inconclusive(cluster):
    addr, client = cluster
    from exact.executors import dask_executor
    claim = get_claim(f"{POISON}::poison_true")
    assert check(claim).kind == "verified"           # locally (no poison) the claim holds
    ex = dask_executor(addr)
    try:
        v = check(claim, executor=ex, shard_size=20)
    finally:
        ex.close()
    client.wait_for_workers(2, timeout=90)
    assert v.kind == "inconclusive", v.to_json()
    assert v.instances == v.total - 20 and v.total == 400   # exactly the poisoned shard is missing
    assert v.coverage == "19/20"
    count("worker-fault runs with a correct verdict")


HANG_SCRIPT = """
import os, signal, sys, threading
from exact.claims import get_claim
from exact.engine import check
from exact.executors import dask_executor
addr, worker_pid, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ex = dask_executor(addr)
threading.Timer(1.5, lambda: os.kill(worker_pid, signal.SIGKILL)).start()
v = check(get_claim(path + "::slow_true"), executor=ex, shard_size=50, budget=5)
print(v.kind, v.instances, v.total, flush=True)
os._exit(0)
"""


def test_losing_every_worker_ends_inconclusive_within_the_budget(tmp_path):
    from exact.executors import local_cluster
    env = dict(os.environ, PYTHONPATH=ROOT)
    with local_cluster(1, env={"PYTHONPATH": ROOT}, worker_args=["--no-nanny"],
                       logdir=str(tmp_path)) as addr:
        client = distributed.Client(addr, timeout=60)
        (worker_pid,) = client.run(os.getpid).values()
        client.close()
        count("dask worker processes SIGKILLed mid-run")
        try:
            out = subprocess.run([sys.executable, "-c", HANG_SCRIPT, addr, str(worker_pid), SLOW],
                                 capture_output=True, text=True, timeout=60, env=env)
        except subprocess.TimeoutExpired:
            pytest.fail("check(budget=5) did not return within 60 s after the last worker died")
        kind, instances, total = out.stdout.split()
        assert kind == "inconclusive" and int(instances) < int(total), out.stdout
