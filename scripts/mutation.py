"""Mutation testing of the trusted checker and the exact LP with mutmut's mutation engine.

Each mutant (one mutmut mutation of the target file) is written into a scratch copy of the
committed tree (``git archive HEAD``), never into the checkout, and the target's tests run there
with ``PYTHONPATH`` pointing at the copy. A mutant is *killed* when the tests fail (or time out),
*survived* when they pass. Survivors are saved as diffs for examination.

Usage (from the repository root; needs ``.venv/bin/pip install mutmut==2.5.1``)::

    .venv/bin/python scripts/mutation.py exact/checker.py              # every mutant
    .venv/bin/python scripts/mutation.py exact/lp.py --sample 150      # a seeded random sample

Prints one JSON summary line per target; writes ``<out>/<name>.json`` with every mutant's
outcome and ``<out>/<name>-survivors.diff``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: the tests that guard each target, fastest first (pytest -x stops at the first failure)
TESTS = {
    "exact/checker.py": ["tests/reliability/test_checker.py", "tests/reliability/test_tampering.py",
                         "tests/reliability/test_mutants.py"],
    "exact/lp.py": ["tests/test_lp.py", "tests/test_lpcert.py",
                    "tests/reliability/test_mutants.py"],
}


def scratch_copy() -> str:
    """A fresh directory holding the committed tree of the repository."""
    work = tempfile.mkdtemp(prefix="exact-mutation-")
    blob = subprocess.run(["git", "-C", ROOT, "archive", "HEAD"], check=True,
                          capture_output=True).stdout
    path = os.path.join(work, "head.tar")
    with open(path, "wb") as f:
        f.write(blob)
    with tarfile.open(path) as t:
        t.extractall(work)
    os.unlink(path)
    return work


def run_tests(work: str, tests: list, timeout: float) -> tuple[str, float]:
    env = dict(os.environ, PYTHONPATH=work, EXACT_FUZZ_SCALE="0.2")
    t0 = time.monotonic()
    try:
        p = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                            "-m", "not slow", *tests], cwd=work, env=env, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - t0
    return ("survived" if p.returncode == 0 else "killed"), time.monotonic() - t0


def main(argv=None) -> int:
    from mutmut import Context, list_mutations, mutate

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("target", choices=sorted(TESTS))
    ap.add_argument("--sample", type=int, default=0, help="test a random sample of N mutants")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--out", default=os.path.join(ROOT, ".exact", "mutation"))
    args = ap.parse_args(argv)

    work = scratch_copy()
    try:
        target = os.path.join(work, args.target)
        with open(target) as f:
            source = f.read()
        ids = list_mutations(Context(source=source, filename=args.target))
        chosen = list(range(len(ids)))
        if args.sample and args.sample < len(ids):
            chosen = sorted(random.Random(args.seed).sample(chosen, args.sample))
        tests = TESTS[args.target]
        baseline, seconds = run_tests(work, tests, timeout=1800)
        if baseline != "survived":
            print(json.dumps({"target": args.target, "error": "the tests fail without mutation"}))
            return 1
        rows, diffs = [], []
        for k in chosen:
            mid = ids[k]
            mutated, n = mutate(Context(source=source, filename=args.target, mutation_id=mid))
            if n == 0 or mutated == source:
                continue
            with open(target, "w") as f:
                f.write(mutated)
            outcome, dt = run_tests(work, tests, timeout=max(120.0, 3 * seconds))
            with open(target, "w") as f:
                f.write(source)
            diff = "".join(difflib.unified_diff(source.splitlines(True), mutated.splitlines(True),
                                                f"a/{args.target}", f"b/{args.target}", n=1))
            rows.append({"index": k, "line": mid.line_number, "outcome": outcome,
                         "seconds": round(dt, 1)})
            if outcome == "survived":
                diffs.append(f"# mutant {k} (line {mid.line_number})\n{diff}")
            print(f"{args.target} mutant {k} line {mid.line_number}: {outcome} ({dt:.1f}s)",
                  file=sys.stderr, flush=True)
        killed = sum(r["outcome"] in ("killed", "timeout") for r in rows)
        summary = {"target": args.target, "mutants_total": len(ids), "tested": len(rows),
                   "killed": killed, "survived": len(rows) - killed,
                   "kill_rate": f"{killed}/{len(rows)}", "sample_seed": args.seed if args.sample
                   else None, "tests": tests, "baseline_seconds": round(seconds, 1)}
        os.makedirs(args.out, exist_ok=True)
        name = os.path.basename(args.target).removesuffix(".py")
        with open(os.path.join(args.out, f"{name}.json"), "w") as f:
            json.dump({"summary": summary, "mutants": rows}, f, indent=1)
        with open(os.path.join(args.out, f"{name}-survivors.diff"), "w") as f:
            f.write("\n".join(diffs))
        print(json.dumps(summary), flush=True)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
