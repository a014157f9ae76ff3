"""The five paths to a false "verified" or a false replay "OK" of issue #12, each closed.

1. symmetry reduction for claims that are not invariant (also ``tests/test_symmetry.py``);
2. ``--resume`` re-using shards after the claim changed;
3. a record naming its own judge (``claim_file``);
4. replay of "verified" checking only counts and a sample of witnesses;
5. "minimal" without every earlier instance checked; a weaker run overwriting a stronger record.

Each test fails on the code before the fix (2026-12-06).
"""

import concurrent.futures as cf
import copy
import json
import os
import textwrap

import pytest

from exact import ReplayError, check, claim, fails, holds
from exact.checker import replay as raw_replay
from exact.claims import get_claim
from exact.engine import run_shard
from exact.records import load_record, make_record, save_record

from .helpers import USER, cli, count, replay

TRUE_CLAIM = '''
from exact import claim, holds, fails
from exact.domains import Enumerated

@claim("mine/below-100", domain=Enumerated(range(40), name="0..39"))
def below(n):
    return holds() if n < 100 else fails(n=n)
'''


def _write(path, text):
    path.write_text(textwrap.dedent(text))
    return str(path)


# -- 1 ---------------------------------------------------------------------------------------

def test_path_1_label_dependent_user_claim_over_profiles_is_refuted_from_the_cli(tmp_path):
    f = _write(tmp_path / "mine.py", '''
        from exact import claim, holds, fails
        from proofs.classic.claims import PROFILES

        @claim("mine/agent-0-ranks-0-first", domain=PROFILES)
        def a0(p):
            return holds() if p[0][0] == 0 else fails(top=p[0][0])
        ''')
    code, out, err = cli("check", f, "--json", "--out", str(tmp_path / "r"),
                         "--journal", str(tmp_path / "j.sqlite"))
    v = json.loads(out)
    assert code == 1 and v["verdict"] == "refuted" and v["counterexample"]["minimal"]
    assert "every labelled profile" in v["domain"]


# -- 2 ---------------------------------------------------------------------------------------

def test_path_2_resume_never_reuses_shards_of_changed_code(tmp_path):
    f = tmp_path / "mine.py"
    _write(f, TRUE_CLAIM)
    args = ["check", str(f), "--out", str(tmp_path / "r"), "--journal",
            str(tmp_path / "j.sqlite"), "--shard-size", "5", "--json"]
    code, out, _ = cli(*args)
    assert code == 0 and json.loads(out)["verdict"] == "verified"
    old = load_record(str(tmp_path / "r" / "mine__below-100.json"))
    # the user edits the claim to always fail, in a fresh process (a new module name)
    _write(f, TRUE_CLAIM.replace("n < 100", "n < 0"))
    import sys
    for k in [k for k in sys.modules if k.startswith("exact_user_")]:
        del sys.modules[k]
    from exact.claims import REGISTRY
    REGISTRY.pop("mine/below-100", None)
    code, out, _ = cli(*args, "--resume")
    v = json.loads(out)
    assert code == 1 and v["verdict"] == "refuted" and v["counterexample"]["index"] == 0
    assert v["code_digest"] != old["code_digest"]
    # the old "verified" record, replayed under the changed code, is refused
    with pytest.raises(ReplayError, match=r"^code_digest: the record was made by other code"):
        raw_replay(old, claims=str(f))


# -- 3 ---------------------------------------------------------------------------------------

ATTACKER = '''
import pathlib
pathlib.Path({sentinel!r}).write_text("attacker code ran")
from exact import claim, fails
from exact.prefs import HousingMarkets

@claim("classic/ttc-core", domain=HousingMarkets(), invariant="housing")
def forged(p):
    return fails(forged=True)
'''


def test_path_3_a_record_never_names_its_own_judge(tmp_path):
    sentinel = tmp_path / "ran"
    attacker = _write(tmp_path / "attacker.py", ATTACKER.format(sentinel=str(sentinel)))
    c = get_claim("classic/ttc-core")
    genuine = make_record(check(c, size=2), c)
    forged = copy.deepcopy(genuine)
    forged.update(verdict="refuted", claim_file=attacker, instances=1, counterexample={
        "size": 1, "index": 0, "instance": [[0]], "violation": {"forged": True},
        "minimal": True})
    path = save_record(forged, str(tmp_path / "forged.json"))
    code, out, err = cli("replay", path)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "--claims" in err
    assert not sentinel.exists()
    # and named by the user, the built-in id is not in the attacker's file as a user claim:
    # the built-in claim (true) judges a built-in id; the forged counterexample fails
    del forged["claim_file"]
    path = save_record(forged, str(tmp_path / "forged2.json"))
    code, out, err = cli("replay", path)
    assert code == 1 and "replay FAILED" in err and not sentinel.exists()
    count("tamper cases rejected (records)", 2)


# -- 4 ---------------------------------------------------------------------------------------

def test_path_4_a_renamed_verified_record_fails_replay(tmp_path):
    c = get_claim("classic/ttc-core")
    rec = make_record(check(c, size=3), c)
    assert rec["verdict"] == "verified"
    forged = copy.deepcopy(rec)
    forged.update(claim="classic/sd-envy-free", total=775, instances=775)
    path = save_record(forged, str(tmp_path / "renamed.json"))
    code, out, err = cli("replay", path)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "OK" not in out
    # even judged by today's code regardless of the digest, the re-walk refutes it
    with pytest.raises(ReplayError):
        raw_replay(forged, any_code=True)
    count("tamper cases rejected (records)")


def test_path_4_a_verified_record_keeps_every_witness_and_replay_compares_all(tmp_path):
    rec = make_record(check(f"{USER}::sum_below_five", size=3), get_claim(
        f"{USER}::sum_below_five"))
    assert len(rec["witnesses"]) == rec["total"] == 14      # every held instance's witness
    path = save_record(rec, str(tmp_path / "r.json"))
    assert "witnesses" not in json.load(open(path)) and os.path.exists(
        str(tmp_path / "r.witnesses.json.gz"))
    back = load_record(path)
    assert back["witnesses"] == rec["witnesses"]
    assert replay(back).checked == 2 * 14
    dropped = copy.deepcopy(back)
    dropped["witnesses"].pop()
    with pytest.raises(ReplayError, match=r"^witnesses: the record keeps 13, the re-walk "
                                          r"produces 14$"):
        replay(dropped)
    # the sidecar is bound to the record by its digest
    with open(str(tmp_path / "r.witnesses.json.gz"), "ab") as fh:
        fh.write(b"\0")
    code, out, err = cli("replay", path, "--claims", USER)
    assert code == 3 and "SHA-256 differs" in err


def test_path_4_counts_only_never_says_ok(tmp_path):
    c = get_claim(f"{USER}::sum_symmetric")
    path = save_record(make_record(check(c, size=3), c), str(tmp_path / "s.json"))
    code, out, err = cli("replay", path, "--claims", USER, "--counts-only")
    assert code == 0 and "counts only: not a re-verification" in out and "OK" not in out


# -- 5 ---------------------------------------------------------------------------------------

class LosesShardZero:
    """A local executor (threads, running ``claim``) whose first shard is lost with its worker."""

    def __init__(self, claim):
        self.claim = claim
        self.pool = cf.ThreadPoolExecutor(1)

    def submit(self, fn, arg):
        if arg[2] == 0:
            f = cf.Future()
            f.set_exception(RuntimeError("worker lost"))
            return f
        return self.pool.submit(run_shard, self.claim, *arg[1:])

    def as_completed(self, futures, timeout=None):
        return cf.as_completed(futures, timeout=timeout)

    def close(self):
        self.pool.shutdown()


def test_path_5_a_lost_earlier_shard_means_not_minimal():
    from exact.domains import Enumerated

    @claim("test/below-30", domain=Enumerated(range(40), name="0..39"), register=False)
    def below_30(n):
        return holds() if n < 30 else fails(n=n)
    full = check(below_30, shard_size=10)
    assert full.counterexample["minimal"]
    lossy = check(below_30, shard_size=10, jobs=2, executor=LosesShardZero(below_30))
    assert lossy.kind == "refuted" and lossy.counterexample["index"] == 30
    assert lossy.counterexample["minimal"] is False


def test_path_5_replay_rechecks_that_earlier_instances_hold():
    """A forged minimal refutation whose claimed counterexample is not the first one."""
    c = get_claim(f"{USER}::sum_below_five")
    rec = make_record(check(c), c)
    size, index = rec["counterexample"]["size"], rec["counterexample"]["index"]
    later = next(i for i, x in enumerate(c.domain.instances(size)) if i > index and
                 not c.check(x).ok)
    inst = next(iter(c.domain.instances(size, later, later + 1)))
    forged = copy.deepcopy(rec)
    forged["counterexample"].update(index=later, instance=list(inst),
                                    violation=c.check(inst).data)
    forged["instances"] += later - index
    with pytest.raises(ReplayError, match=rf"^size {size}, instance {index}: the claim fails on "
                                          rf"re-check \(so the counterexample is not minimal\)$"):
        replay(forged)
    assert replay(forged, full=False).verdict == "refuted"     # counts only cannot see it
    count("tamper cases rejected (records)")


def test_path_5_a_weaker_run_never_overwrites_a_stronger_record(tmp_path):
    args = ["check", f"{USER}::slow_true", "--out", str(tmp_path / "r"), "--journal",
            str(tmp_path / "j.sqlite"), "--no-progress", "--size", "1"]
    assert cli(*args)[0] == 0
    path = tmp_path / "r" / "user__slow-true.json"
    before = path.read_bytes()
    code, out, err = cli(*args, "--budget", "0.05")
    assert code == 2 and "kept the stronger saved record" in err
    assert path.read_bytes() == before
    assert load_record(str(tmp_path / "r" / "user__slow-true.inconclusive.json"))[
        "verdict"] == "inconclusive"


def test_replay_imports_only_the_claims_own_paper(tmp_path):
    """The trusted base of a replay: the record's own paper package, no other paper."""
    import subprocess
    import sys
    c = get_claim("classic/ttc-core")
    path = save_record(make_record(check(c, size=3), c), str(tmp_path / "core.json"))
    code = ("import sys; from exact.checker import replay; from exact.records import "
            f"load_record; r = replay(load_record({path!r})); "
            "print(r.verdict, sorted({m.split('.')[1] for m in sys.modules "
            "if m.startswith('proofs.')}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "verified ['classic']"
