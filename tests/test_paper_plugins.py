"""A researcher's own paper package, installed beside exact, is found through the
``exact.papers`` entry points as the built-in papers are: listed, checked, replayed."""

import json
import os
import subprocess
import sys

PAPER = '''
from exact import claim, holds, fails
from exact.domains import Graded

NUMBERS = Graded("n in 0..k-1", sizes=(1, 2, 3), generate=lambda k: iter(range(k)),
                 count=lambda k: k, decode=int, size_of=lambda n: n + 1)


@claim("mypaper/theorem-1", domain=NUMBERS, source="Theorem 1", statement="n*n >= n.")
def theorem_1(n):
    return holds() if n * n >= n else fails(n=n)


@claim("mypaper/conjecture-2", domain=NUMBERS, source="Conjecture 2", statement="n < 2.")
def conjecture_2(n):
    return holds() if n < 2 else fails(n=n)
'''


def _install(tmp_path):
    pkg = tmp_path / "site" / "mypaper"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""My paper."""\n')
    (pkg / "claims.py").write_text(PAPER)
    info = tmp_path / "site" / "mypaper-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mypaper\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[exact.papers]\nmypaper = mypaper\n")
    return dict(os.environ, PYTHONPATH=str(tmp_path / "site"))


def _exact(env, cwd, *args):
    p = subprocess.run([sys.executable, "-m", "exact.cli", *args], capture_output=True,
                       text=True, cwd=cwd, env=env, timeout=300)
    return p.returncode, p.stdout, p.stderr


def test_an_installed_paper_package_is_listed_checked_and_replayed(tmp_path):
    env = _install(tmp_path)
    code, out, err = _exact(env, tmp_path, "list", "mypaper", "--json")
    assert code == 0, err
    assert [json.loads(x)["claim"] for x in out.splitlines()] == ["mypaper/conjecture-2",
                                                                  "mypaper/theorem-1"]
    code, out, err = _exact(env, tmp_path, "check", "mypaper", "--json", "--journal", "")
    assert code == 1, err
    got = {d["claim"]: d for d in map(json.loads, out.splitlines())}
    assert got["mypaper/theorem-1"]["verdict"] == "verified"
    assert got["mypaper/conjecture-2"]["counterexample"]["instance"] == 2
    for d in got.values():      # judged by the installed package, named by nothing in the record
        code, out, err = _exact(env, tmp_path, "replay", d["record"])
        assert code == 0 and "OK" in out, err


def test_without_the_package_its_records_have_no_judge(tmp_path):
    env = _install(tmp_path)
    code, out, err = _exact(env, tmp_path, "check", "mypaper/theorem-1", "--json",
                            "--journal", "")
    record = json.loads(out)["record"]
    code, out, err = _exact(dict(os.environ), tmp_path, "replay", record)
    assert code in (1, 3) and "mypaper/theorem-1" in err and "Traceback" not in err
