"""The engine's guarantees: verdicts and counterexamples independent of jobs, shards, resume."""

import pytest

from exact import check, claim, fails, holds
from exact.claims import get_claim
from exact.domains import Enumerated
from exact.journal import Journal

USER = "tests/data/user_claims.py"


def test_false_claim_is_refuted_at_its_first_failure():
    v = check(get_claim(f"{USER}::sum_below_five"))
    assert v.kind == "refuted"
    assert v.counterexample["instance"] == [2, 3] and v.counterexample["size"] == 4
    assert v.counterexample["violation"] == {"total": 5, "bound": 5}
    assert v.counterexample["minimal"] is True
    # 1 + 4 + 9 instances of sizes 1..3, then indices 0..11 of size 4
    assert v.instances == 1 + 4 + 9 + 12


@pytest.mark.parametrize("jobs, shard", [(1, 1), (1, 5), (2, 1), (2, 3), (2, None)])
def test_verdict_does_not_depend_on_jobs_or_shards(jobs, shard):
    c = get_claim(f"{USER}::sum_below_five")
    base = check(c).to_json()
    v = check(c, jobs=jobs, shard_size=shard).to_json()
    for key in ("verdict", "counterexample", "instances", "total"):
        assert v[key] == base[key]


def test_true_claim_is_verified_with_exact_counts():
    v = check(get_claim(f"{USER}::sum_symmetric"), size=5)
    assert (v.kind, v.instances, v.total, v.sizes) == ("verified", 55, 55, (1, 2, 3, 4, 5))
    assert v.coverage == "1"


def test_budget_gives_inconclusive_with_exact_coverage():
    v = check(get_claim(f"{USER}::slow_true"), budget=0.3, shard_size=50)
    assert v.kind == "inconclusive"
    assert 0 < v.instances < v.total == 2400
    assert v.coverage == str(__import__("flint").fmpq(v.instances, v.total))


def test_exception_in_a_check_is_an_error_verdict():
    @claim("test/raises", domain=Enumerated([1, 2, 0, 3], "ints"), register=False)
    def raises(k):
        return holds(inv=1 // k)
    v = check(raises)
    assert v.kind == "error" and "ZeroDivisionError" in v.error
    assert v.counterexample["instance"] == 0 and v.instances == 2


def test_predicate_must_return_an_outcome():
    @claim("test/bool", domain=Enumerated([1], "one"), register=False)
    def returns_bool(k):
        return True
    v = check(returns_bool)
    assert v.kind == "error" and "expected holds" in v.error


def test_erratum_is_reported_as_known():
    @claim("test/erratum", domain=Enumerated([1, 2, 3], "ints"), register=False,
           erratum="2 is even")
    def all_odd(k):
        return holds() if k % 2 else fails(k=k)
    v = check(all_odd)
    assert v.known_erratum and v.label == "refuted (known erratum)"


def test_resume_reuses_finished_shards_and_gives_identical_verdict(tmp_path):
    c = get_claim(f"{USER}::slow_true")
    j = Journal(str(tmp_path / "j.sqlite"))
    first = check(c, budget=0.4, shard_size=100, journal=j)
    assert first.kind == "inconclusive"
    calls = []
    resumed = check(c, shard_size=100, journal=j, resume=True,
                    progress=lambda done, total: calls.append(done))
    fresh = check(c, shard_size=100)
    assert resumed.kind == fresh.kind == "verified"
    assert resumed.instances == fresh.instances == 2400
    # the first progress report already includes the shards finished before the interruption
    assert calls[0] >= 100


def test_tampered_journal_is_detected(tmp_path):
    import sqlite3

    from exact.journal import JournalError
    path = str(tmp_path / "j.sqlite")
    c = get_claim(f"{USER}::sum_symmetric")
    check(c, journal=Journal(path), shard_size=2)
    db = sqlite3.connect(path)
    db.execute("UPDATE shards SET body = replace(body, '\"checked\":2', '\"checked\":3')")
    db.commit()
    db.close()
    with pytest.raises(JournalError, match="digest mismatch"):
        check(c, journal=Journal(path), shard_size=2, resume=True)


def test_garbage_journal_is_a_clear_error(tmp_path):
    from exact.journal import JournalError
    p = tmp_path / "j.sqlite"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(JournalError, match="not a readable journal"):
        Journal(str(p))


def test_search_finds_and_shrinks_a_counterexample(tmp_path):
    from exact.engine import search
    c = get_claim(f"{USER}::sum_below_five")
    v = search(c, sizes=range(1, 9), budget=20, seed=1, database=str(tmp_path / "db"))
    assert v.kind == "refuted" and v.method == "hypothesis"
    a, b = v.counterexample["instance"]
    assert a + b == 5  # shrunk to the boundary


def test_search_without_failure_is_inconclusive(tmp_path):
    from exact.engine import search
    v = search(get_claim(f"{USER}::sum_symmetric"), budget=1, seed=0)
    assert v.kind == "inconclusive" and v.instances > 0
    assert v.seconds < 6, "the budget is honoured even when every check is cheap"


def test_search_prefers_a_smaller_size_found_exhaustively(tmp_path):
    """hypothesis may report size 6; the smaller sizes are then walked and size 4 wins."""
    from exact.engine import search
    c = get_claim(f"{USER}::sum_below_five")
    v = search(c, sizes=[5, 6], budget=20, seed=2, database=str(tmp_path / "db"))
    assert v.kind == "refuted"
    assert v.counterexample["size"] == 4 and v.counterexample["instance"] == [2, 3]
    assert v.counterexample["minimal"] is True


def test_default_size_keeps_larger_sizes_opt_in():
    from exact.claims import Domain

    class Two(Domain):
        name, sizes, default_size = "two sizes", (1, 2), 1

        def count(self, size):
            return 2 * size

        def instances(self, size, start=0, stop=None):
            yield from list(range(2 * size))[start:stop]

    @claim("test/opt-in", domain=Two(), register=False)
    def small(k):
        return holds() if k < 2 else fails(k=k)
    assert check(small).kind == "verified" and check(small).sizes == (1,)
    v = check(small, size=2)
    assert v.kind == "refuted" and v.counterexample["size"] == 2


def test_undecided_instances_make_a_run_inconclusive_and_a_later_refutation_not_minimal():
    from exact import claim, fails, holds, undecided
    from exact.domains import Enumerated

    @claim("test/undecided", domain=Enumerated(range(10), name="0..9"), register=False)
    def budgeted(n):
        if n == 3:
            return undecided(budget="ran out")
        return holds() if n < 7 else fails(n=n)
    v = check(budgeted)
    assert v.kind == "refuted" and v.counterexample["index"] == 7
    assert v.counterexample["minimal"] is False

    @claim("test/undecided-true", domain=Enumerated(range(10), name="0..9"), register=False)
    def budgeted_true(n):
        return undecided(budget="ran out") if n == 3 else holds()
    v = check(budgeted_true)
    assert v.kind == "inconclusive" and v.undecided == 1 and "undecided" in v.reason


def test_all_vacuous_is_not_verified():
    from exact import claim, holds, vacuous
    from exact.domains import Enumerated

    @claim("test/vacuous", domain=Enumerated(range(5), name="0..4"), register=False)
    def if_negative(n):
        return holds() if n < 0 else vacuous(reason="n >= 0")
    v = check(if_negative)
    assert v.kind == "inconclusive" and v.met == 0 and v.reason.startswith("vacuous")

    @claim("test/half", domain=Enumerated(range(6), name="0..5"), register=False)
    def if_even(n):
        return holds() if n % 2 == 0 else vacuous()
    v = check(if_even)
    assert v.kind == "verified" and v.met == 3 and "hypothesis met by 3" in v.scope


def test_an_empty_domain_is_not_verified_and_its_forged_record_does_not_replay():
    """Nothing checked proves nothing: 0 instances is inconclusive, and a record that calls it
    verified (or a vacuous run verified) is refused by the checker."""
    import dataclasses

    from exact import vacuous
    from exact.checker import replay
    from exact.errors import ReplayError
    from exact.records import make_record

    @claim("test/empty", domain=Enumerated([], name="nothing"), register=False)
    def anything(n):
        return fails(n=n)
    v = check(anything)
    assert v.kind == "inconclusive" and v.instances == v.total == 0
    assert v.reason.startswith("empty")

    @claim("test/never-met", domain=Enumerated(range(3), name="0..2"), register=False)
    def never(n):
        return vacuous()
    v = check(never)
    assert v.kind == "inconclusive"
    for c, forged in ((anything, dataclasses.replace(check(anything), kind="verified",
                                                     reason=None)),
                      (never, dataclasses.replace(v, kind="verified", reason=None))):
        rec = make_record(forged, c)
        import exact.claims as claims_mod
        claims_mod.REGISTRY[c.id] = c           # the judge: this very claim
        try:
            with pytest.raises(ReplayError, match="total: the domain has no instance|met: no "
                                                  "instance meets"):
                replay(rec)
        finally:
            claims_mod.REGISTRY.pop(c.id, None)


def test_a_check_that_raises_undecided_is_undecided_not_an_error():
    from exact import Undecided

    @claim("test/budget", domain=Enumerated(range(4), name="0..3"), register=False)
    def sometimes(n):
        if n == 2:
            raise Undecided("exact fallback refused above 3,000 rows")
        return holds()
    v = check(sometimes)
    assert v.kind == "inconclusive" and v.undecided == 1 and v.error is None
    assert "undecided" in v.reason

    @claim("test/budget-then-false", domain=Enumerated(range(4), name="0..3"), register=False)
    def later_false(n):
        if n == 1:
            raise Undecided("out of rounds")
        return holds() if n < 3 else fails(n=n)
    v = check(later_false)
    # a counterexample after an undecided instance is real but not called minimal
    assert v.kind == "refuted" and v.counterexample["minimal"] is False


def test_claim_check_itself_turns_undecided_into_an_outcome():
    from exact import Undecided

    @claim("test/raises-undecided", domain=Enumerated(range(2), name="0..1"), register=False)
    def raises(n):
        raise Undecided("z3: timeout")
    with pytest.raises(Undecided):
        raises.predicate(0)
    out = raises.check(0)
    assert out.ok and out.decided is False and out.data == {"reason": "z3: timeout"}
