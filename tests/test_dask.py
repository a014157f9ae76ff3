"""A real dask.distributed cluster on localhost (scheduler + two workers, the standard commands)."""

import json
import os
import socket
import subprocess
import sys

import pytest

distributed = pytest.importorskip("distributed")  # the 'dist' extra is part of the test install

from exact import check  # noqa: E402
from exact.claims import get_claim  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USER = os.path.join(ROOT, "tests", "data", "user_claims.py")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    from exact.executors import local_cluster
    with local_cluster(2, env={"PYTHONPATH": ROOT},
                       logdir=str(tmp_path_factory.mktemp("dask"))) as addr:
        yield addr


@pytest.mark.dist
@pytest.mark.parametrize("name", ["sum_below_five", "sum_symmetric"])
def test_dask_verdict_equals_local(cluster, name):
    from exact.executors import dask_executor
    c = get_claim(f"{USER}::{name}")
    ex = dask_executor(cluster)
    try:
        assert ex.workers() == 2
        remote = check(c, size=5, executor=ex, shard_size=3).to_json()
    finally:
        ex.close()
    local = check(c, size=5).to_json()
    for key in ("verdict", "counterexample", "instances", "total", "sizes"):
        assert remote.get(key) == local.get(key)


@pytest.mark.dist
def test_cli_scheduler_option(cluster, tmp_path):
    p = subprocess.run([sys.executable, "-m", "exact.cli", "check", f"{USER}::sum_symmetric",
                        "--scheduler", cluster, "--json", "--out", "", "--journal", ""],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["verdict"] == "verified"


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    port = _free_port()
    p = subprocess.run([sys.executable, "-m", "exact.cli", "check", f"{USER}::sum_symmetric",
                        "--scheduler", f"tcp://127.0.0.1:{port}", "--out", "", "--journal", ""],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 3 and "--scheduler: cannot reach" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr


def test_local_path_never_imports_dask(tmp_path):
    code = ("import sys; from exact import check; from exact.claims import get_claim; "
            f"check(get_claim({USER!r} + '::sum_symmetric'), jobs=2); "
            "print('distributed' in sys.modules or 'dask' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert p.stdout.strip() == "False", p.stderr
