"""The README's promises: the two quick-start commands, the Python example, the user-claim example."""

import doctest
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = open(os.path.join(ROOT, "README.md")).read()


def test_quick_start_has_exactly_the_two_commands_ci_runs():
    cmds = re.findall(r"```bash\n(python3 -m venv[^\n]*)\n```", README)
    assert len(cmds) == 2
    main, tests = cmds
    assert main.endswith("exact check --all --jobs 2") and "pytest" in tests
    ci = open(os.path.join(ROOT, ".ci", "run")).read()
    for needle in ("install -q -e '\\.\\[test", "install -q -e \\. && "):
        assert needle in ci


def test_python_example_in_readme_runs():
    block = re.search(r"```python\n(>>> .*?)```", README, re.S).group(1)
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 3


def test_user_claim_example_in_readme_runs(tmp_path):
    code = re.search(r"```python\n(# my_claims.py\n.*?)```", README, re.S).group(1)
    (tmp_path / "my_claims.py").write_text(code)
    p = subprocess.run([sys.executable, "-m", "exact.cli", "check", "my_claims.py::someone_gets_top",
                        "--size", "3", "--json", "--out", "", "--journal", ""], cwd=tmp_path,
                       capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=ROOT))
    assert p.returncode == 0, p.stderr
    assert '"verdict": "verified"' in p.stdout


def test_false_conjecture_in_readme_is_refuted_as_the_readme_says(tmp_path):
    code = re.search(r"```python\n(# my_conjecture.py\n.*?)```", README, re.S).group(1)
    (tmp_path / "my_conjecture.py").write_text(code)
    p = subprocess.run([sys.executable, "-m", "exact.cli", "check", "my_conjecture.py",
                        "--journal", ""], cwd=tmp_path, capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=ROOT))
    assert p.returncode == 1, p.stderr
    shown = re.search(r"`(\[\[.*?\]\])`", README[README.index("# my_conjecture.py"):]).group(1)
    assert f"counterexample at size 3 (minimal): {shown}" in p.stdout


def test_tutorial_commands_are_real_commands():
    """Every `exact ...` line of the tutorial block names a real command and parses (-h)."""
    block = README[README.index("## Tutorial"):README.index("Your own conjecture")]
    cmds = re.findall(r"^exact (\w+)", block, re.M)
    assert set(cmds) >= {"list", "check", "search", "example", "replay"}
    from exact.cli import app
    import typer.main
    names = {c.name for c in typer.main.get_command(app).commands.values()}
    assert set(cmds) <= names
