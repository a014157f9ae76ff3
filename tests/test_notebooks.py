"""The per-paper notebooks (examples/notebooks/<key>.ipynb): in sync with build.py, one per
paper, and executed with nbmake (slow: about 40 s together)."""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NB = ROOT / "examples" / "notebooks"
nbformat = pytest.importorskip("nbformat")


def _build():
    spec = importlib.util.spec_from_file_location("nb_build", NB / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_one_notebook_per_paper_in_sync_with_build():
    from exact.papers import paper_packages
    build = _build()
    builtin = {k for k, v in paper_packages().items() if v.startswith("proofs.")}
    assert builtin <= set(build.PAPERS)
    for key in build.PAPERS:
        saved = nbformat.read(NB / f"{key}.ipynb", as_version=4)
        fresh = build.notebook(key)
        assert [c.source for c in saved.cells] == [c.source for c in fresh.cells], \
            f"{key}.ipynb is stale: run examples/notebooks/build.py"
        assert all(not c.get("outputs") for c in saved.cells if c.cell_type == "code")


@pytest.mark.slow
def test_notebooks_execute_with_nbmake():
    pytest.importorskip("nbmake")
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "--nbmake", "--nbmake-timeout=60", str(NB)], capture_output=True,
                       text=True, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:]
    assert f"{len(list(NB.glob('*.ipynb')))} passed" in p.stdout
