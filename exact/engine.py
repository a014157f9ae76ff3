"""The engine: walks a claim's domain in shards and returns a :class:`~exact.claims.Verdict`.

Guarantees
----------
* **Verified** only when every instance of every requested size was checked and held.
* **Refuted** with the first failing instance (in canonical order) of the smallest failing size:
  the counterexample is the same for any number of jobs, any shard size and any resume history.
* **Inconclusive** when the budget ran out first; ``instances / total`` is the exact coverage.
* Shards are committed to the journal one by one; a resumed run re-uses finished shards only.

Beyond exhaustive sizes, :func:`search` runs a hypothesis search; a found failure is shrunk
(smaller size first, then inside the size) and saved to hypothesis's example database so that it
is replayed first next time (the database is a cache; the record we keep is the saved JSON).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import time
import traceback
from typing import Any, Callable, Iterable, Optional

from .claims import Claim, Verdict, get_claim
from .errors import InputError

__all__ = ["check", "search", "plan_shards", "run_shard"]

#: how many witnesses of held instances a verdict keeps by default (all, with ``witnesses=None``)
WITNESS_SAMPLE = 3


def plan_shards(claim: Claim, sizes: Iterable[int], shard_size: Optional[int],
                jobs: int) -> list[tuple[int, int, int]]:
    """Cut each size's index range into ``(size, start, stop)`` shards, smallest size first."""
    shards = []
    for size in sizes:
        total = claim.domain.count(size)
        step = shard_size or max(1, min(20000, math.ceil(total / (8 * max(1, jobs)))))
        shards += [(size, a, min(a + step, total)) for a in range(0, total, step)]
    return shards


#: instances per shard whose symmetric images are also checked, for a claim over a reduced domain
SYMMETRY_SAMPLES = 3


def _symmetry_picks(claim: Claim, size: int, start: int, stop: int) -> tuple[set, random.Random]:
    """The shard's instances whose images are checked: its first and a few seeded random ones.

    Deterministic in (claim, size, start), so a resumed or re-run shard checks the same ones.
    """
    seed = int.from_bytes(hashlib.sha256(f"{claim.id}|{size}|{start}".encode()).digest()[:8],
                          "big")
    rng = random.Random(seed)
    k = min(SYMMETRY_SAMPLES, stop - start)
    picks = {start} | set(rng.sample(range(start, stop), k)) if k else set()
    return picks, rng


def run_shard(claim: Claim | str, size: int, start: int, stop: int,
              deadline: Optional[float] = None, keep: Optional[int] = WITNESS_SAMPLE) -> dict:
    """Check instances ``[start, stop)`` of ``size``; stop at the first failure or error.

    Returns plain JSON data: ``checked``, ``weighted``, ``met`` (instances that met the claim's
    hypothesis), ``complete``, and ``failure`` / ``error`` (``{"index", "instance", "data"}``)
    and ``witnesses`` (the first ``keep`` witnesses of held instances, or all with
    ``keep=None``).

    For a claim that declares invariance under its domain's symmetry, a few instances of the
    shard (:func:`_symmetry_picks`) are also checked on a random symmetric image; an image whose
    outcome differs (holds/fails, or hypothesis met/not met) is an ``error``: the declaration is
    false and the reduced domain proves nothing.
    """
    if isinstance(claim, str):
        claim = get_claim(claim)
    domain = claim.domain
    checked = weighted = met = undecided = 0
    first_undecided = None
    witnesses: list = []
    result: dict[str, Any] = {"size": size, "start": start, "stop": stop}
    picks, rng = (_symmetry_picks(claim, size, start, stop)
                  if claim.invariant is not None else (set(), None))
    index = start
    for index, inst in enumerate(domain.instances(size, start, stop), start):
        if deadline is not None and (checked & 15) == 0 and time.monotonic() > deadline:
            result.update(checked=checked, weighted=weighted, met=met, complete=False,
                          witnesses=witnesses, undecided=undecided,
                          first_undecided=first_undecided)
            return result
        try:
            out = claim.check(inst)        # exact.Undecided becomes an undecided outcome
            broken = _image_disagrees(claim, inst, out, rng) if index in picks else None
        except Exception as exc:  # noqa: BLE001 - an exception in a check is an `error` verdict
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            result["error"] = {"index": index, "instance": domain.to_json(inst),
                               "data": {"exception": f"{type(exc).__name__}: {exc}",
                                        "where": f"{os.path.basename(tb.filename)}:{tb.lineno}"}}
            break
        if broken is not None:
            result["error"] = {"index": index, "instance": domain.to_json(inst), "data": broken}
            break
        checked += 1
        weighted += domain.weight(inst)
        met += out.met
        if not out.decided:
            undecided += 1
            first_undecided = index if first_undecided is None else first_undecided
        if not out.ok:
            result["failure"] = {"index": index, "instance": domain.to_json(inst),
                                 "data": out.data}
            break
        if out.data and (keep is None or len(witnesses) < keep):
            witnesses.append({"size": size, "index": index, "instance": domain.to_json(inst),
                              "data": out.data})
    else:
        if checked != stop - start:
            result["error"] = {"index": start + checked, "instance": None, "data": {
                "exception": f"domain yielded {checked} instances for [{start}, {stop})"}}
    result.update(checked=checked, weighted=weighted, met=met, complete=True,
                  witnesses=witnesses, undecided=undecided, first_undecided=first_undecided)
    return result


def _image_disagrees(claim: Claim, inst, out, rng) -> Optional[dict]:
    """None if the claim's outcome on a random symmetric image of ``inst`` agrees with ``out``."""
    image = claim.domain.symmetric_image(inst, rng)
    if image is None:
        return {"exception": f"{claim.id} declares invariance under {claim.invariant!r} but "
                             f"the domain gives no symmetric image"}
    other = claim.check(image)
    if (other.ok, other.met) == (out.ok, out.met) or not (out.decided and other.decided):
        return None
    def word(o):
        return ("holds" if o.ok else "fails") + ("" if o.met else " (vacuously)")
    return {"exception": f"invariance declared under {claim.invariant!r} is false: the claim "
                         f"{word(out)} on the instance but {word(other)} on its image",
            "image": claim.domain.to_json(image)}


def _shard_task(args):
    claim_ref, size, start, stop, deadline, keep = args
    return run_shard(_resolve(claim_ref), size, start, stop, deadline, keep)


_CACHE: dict = {}


def _resolve(ref: str) -> Claim:
    if ref not in _CACHE:
        _CACHE[ref] = get_claim(ref)
    return _CACHE[ref]


def claim_ref(claim: Claim) -> str:
    """A string from which a worker process can re-import the claim."""
    path = getattr(claim, "source_file", None)
    return f"{path}::{claim.id}" if path else claim.id


def check(claim: Claim | str, *, size: Optional[int] = None,
          sizes: Optional[Iterable[int]] = None, jobs: int = 1, budget: Optional[float] = None,
          shard_size: Optional[int] = None, journal=None, resume: bool = False,
          progress: Optional[Callable[[int, int], None]] = None,
          witnesses: Optional[int] = None, executor=None) -> Verdict:
    """Check ``claim`` exhaustively over the requested sizes and return its verdict.

    Parameters
    ----------
    claim : Claim or str
    size : int, optional
        check every declared size up to ``size`` (default: the claim's default sizes).
    sizes : iterable of int, optional
        exactly these sizes (overrides ``size``).
    jobs : int, optional (default=1)
        local worker processes; the verdict does not depend on it.
    budget : float, optional
        seconds; when it runs out the verdict is ``inconclusive`` with exact coverage.
    shard_size : int, optional
        instances per shard (default: about eight shards per job and size).
    journal : exact.journal.Journal, optional
        where finished shards are committed; with ``resume=True`` finished shards are re-used.
    progress : callable, optional
        ``progress(done, total)`` after each shard.
    witnesses : int or None
        keep the first ``witnesses`` witnesses of held instances (default ``None``: all of
        them, as a record needs: replay compares them with a re-walk).
    executor : optional
        an :mod:`exact.executors` executor (e.g. a dask cluster); default a local process pool.
    """
    if isinstance(claim, str):
        claim = get_claim(claim)
    if jobs < 1:
        raise InputError("--jobs", f"must be >= 1, got {jobs}")
    if budget is not None and not (budget > 0 and math.isfinite(budget)):
        raise InputError("--budget", f"must be a finite number of seconds > 0, got {budget}")
    if shard_size is not None and shard_size < 1:
        raise InputError("--shard-size", f"must be >= 1, got {shard_size}")
    if sizes is not None:
        sizes = tuple(sorted(set(sizes)))
    elif size is not None:
        sizes = claim.sizes_up_to(size)
    else:
        sizes = claim.default_sizes
    t0 = time.monotonic()
    deadline = t0 + budget if budget else None
    totals = {s: claim.domain.count(s) for s in sizes}
    total = sum(totals.values())
    plan = plan_shards(claim, sizes, shard_size, jobs)

    run = None
    done: dict = {}
    from .digest import claim_digest
    digest = claim_digest(claim)
    if journal is not None:
        from .journal import run_key
        # the code digest keys the run: shards of a changed claim (or library) are never re-used
        params = {"code": digest, "domain": claim.domain.describe(), "sizes": list(sizes),
                  "shards": [list(s) for s in plan[:1]] + [len(plan)],
                  "shard_size": shard_size, "jobs_independent": True, "keep": witnesses}
        run = run_key(claim.id, params)
        done = journal.begin(run, claim.id, params, resume)
        # a resumed run only re-uses shards of the identical plan
        planned = {(s, a): b for s, a, b in plan}
        done = {k: v for k, v in done.items() if planned.get(k) == v.get("stop")}

    results: dict = {}
    counted = 0

    def accept(res: dict) -> None:
        nonlocal counted
        key = (res["size"], res["start"])
        results[key] = res
        counted += res["checked"]
        if journal is not None and res["complete"]:
            journal.record(run, res["size"], res["start"], res["stop"], res)
        if progress:
            progress(counted, total)

    stop_size = None  # smallest size with a failure/error so far
    for s in sizes:
        if stop_size is not None:
            break
        todo = []
        for (sz, a, b) in plan:
            if sz != s:
                continue
            if (sz, a) in done:
                accept(done[(sz, a)])
            else:
                todo.append((sz, a, b))
        ref = claim_ref(claim)
        tasks = [(ref, sz, a, b, deadline, witnesses) for (sz, a, b) in todo]
        first_bad = _first_bad_index(results, s)
        if first_bad is not None:
            tasks = [t for t in tasks if t[2] < first_bad]
        if jobs == 1 and executor is None:
            for t in tasks:
                if first_bad is not None and t[2] > first_bad:
                    break
                res = run_shard(claim, *t[1:])
                accept(res)
                if not res["complete"]:
                    break
                first_bad = _first_bad_index(results, s)
        else:
            _run_parallel(tasks, jobs, executor, accept, lambda: _first_bad_index(results, s),
                          deadline)
        if _first_bad_index(results, s) is not None:
            stop_size = s
        if deadline is not None and time.monotonic() > deadline:
            break

    verdict = _verdict(claim, sizes, totals, results, time.monotonic() - t0, witnesses, digest)
    if journal is not None:
        journal.close_run(run, verdict.to_json())
    return verdict


def _run_parallel(tasks, jobs, executor, accept, first_bad, deadline=None) -> None:
    """Run shard tasks on a pool; cancel shards past a known failure (they cannot matter).

    A shard whose task fails in the infrastructure (a worker killed beyond dask's retries) is not
    accepted: it stays unchecked, so the verdict can only become ``inconclusive``.
    """
    from .executors import LocalPool
    own = executor is None
    if own:
        executor = LocalPool(jobs)
    try:
        futures = {executor.submit(_shard_task, t): t for t in tasks}
        # with a budget, stop waiting shortly after the deadline even if the workers are gone
        # (shards check the deadline themselves; a shard never returned stays unchecked)
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic()) + 10.0
        try:
            for fut in executor.as_completed(futures, timeout=timeout):
                _collect(fut, futures, accept, first_bad)
        except TimeoutError:
            for f in futures:
                f.cancel()
    except KeyboardInterrupt:
        if own:
            executor.kill()
            own = False
        raise
    finally:
        if own:
            executor.close()


def _collect(fut, futures, accept, first_bad) -> None:
    """Accept one finished shard and cancel the shards that can no longer matter."""
    if fut.cancelled():
        return
    try:
        res = fut.result()
    except Exception:  # noqa: BLE001 - a lost shard leaves the verdict inconclusive
        return
    accept(res)
    bad = first_bad()
    if bad is not None:
        for f, t in futures.items():
            if t[2] > bad:
                f.cancel()


def _first_bad_index(results: dict, size: int) -> Optional[int]:
    idx = [r[k]["index"] for (s, _), r in results.items() if s == size
           for k in ("failure", "error") if k in r]
    return min(idx) if idx else None


def _covered(results: dict, size: int, upto: int) -> bool:
    """Were instances ``[0, upto)`` of ``size`` all checked (and held), in finished shards?

    A shard lost with its worker leaves a gap: then a later failure is not known to be the
    first one, and the counterexample is not called minimal.
    """
    at = 0
    for (z, a), r in sorted(results.items()):
        if z != size or at >= upto:
            continue
        if a != at:
            return False
        if "failure" in r or "error" in r:
            bad = r.get("failure", r.get("error"))["index"]
            return bad >= upto and r["checked"] >= upto - a
        if not r["complete"] or r["checked"] != r["stop"] - a:
            return False
        at = r["stop"]
    return at >= upto


def scope(claim: Claim, sizes, instances: int, weighted: int, met: Optional[int] = None,
          total: Optional[int] = None) -> str:
    """What a verdict covers, in words: the sizes, the instances and what they stand for."""
    d = claim.domain
    sz = ", ".join(map(str, sizes))
    text = f"sizes {sz} of {d.name}: {instances:,}" + (
        f" of {total:,}" if total is not None and total != instances else "") + " instances"
    if d.symmetry is not None:
        text += f" (one per orbit under {d.symmetry} relabelling: {weighted:,} labelled)"
    if met is not None and met != instances:
        text += f"; hypothesis met by {met:,}"
    return text


def _verdict(claim: Claim, sizes, totals, results, seconds, keep, digest="") -> Verdict:
    checked = sum(r["checked"] for r in results.values())
    weighted = sum(r["weighted"] for r in results.values())
    met = sum(r.get("met", r["checked"]) for r in results.values())
    total = sum(totals.values())
    bad = None
    for (s, a), r in sorted(results.items()):
        for k in ("failure", "error"):
            if k in r and (bad is None or (s, r[k]["index"]) < (bad[1], bad[2]["index"])):
                bad = (k, s, r[k])
    witnesses = []
    for key in sorted(results):
        witnesses.extend(results[key].get("witnesses", []))
    if keep is not None:
        witnesses = witnesses[:keep]
    common = dict(claim=claim.id, instances=checked, total=total, sizes=tuple(sizes),
                  seconds=seconds, domain=claim.domain.name, weighted=weighted,
                  erratum=claim.erratum, expect=claim.expect, digest=digest)
    if bad is not None:
        kind, s, info = bad
        cx = {"size": s, "index": info["index"], "instance": info["instance"],
              "violation" if kind == "failure" else "exception": info["data"]}
        # the smaller sizes were all checked; at size s everything before the index was
        before = sum(totals[z] for z in sizes if z < s)
        earlier = [(z, r) for (z, _), r in results.items() if z < s]
        prefix = sum(r["weighted"] for _, r in earlier)
        prefix_met = sum(r.get("met", r["checked"]) for _, r in earlier)
        head = list(claim.domain.instances(s, 0, info["index"] + (kind == "failure")))
        common["weighted"] = prefix + sum(claim.domain.weight(x) for x in head)
        common["met"] = None
        if kind == "error":
            common["instances"] = before + info["index"]
            common["scope"] = scope(claim, sizes, common["instances"], common["weighted"])
            return Verdict(kind="error", counterexample=cx, error=info["data"]["exception"],
                           **common)
        # minimal: every smaller size and every earlier instance of this size checked and held
        # (and decided: an undecided earlier instance might be the first counterexample)
        cx["minimal"] = all(sum(r["checked"] for zz, r in earlier if zz == z) == totals[z] and
                            _covered(results, z, totals[z]) for z in sizes if z < s) and \
            _covered(results, s, info["index"]) and not any(
                r.get("first_undecided") is not None and (z < s or r["first_undecided"] <
                                                          info["index"])
                for (z, _), r in results.items() if z <= s)
        # count in canonical order up to the counterexample, so the figures are jobs-independent
        common["instances"] = before + info["index"] + 1
        common["scope"] = scope(claim, sizes, common["instances"], common["weighted"])
        return Verdict(kind="refuted", counterexample=cx, **common)
    complete = checked == total and all(r["complete"] for r in results.values())
    kind, reason = ("verified" if complete else "inconclusive"), None
    undecided = sum(r.get("undecided", 0) for r in results.values())
    if kind == "verified" and undecided:
        kind, reason = "inconclusive", f"{undecided:,} instances undecided"
    if kind == "verified" and checked == 0:
        kind, reason = "inconclusive", "empty: the domain has no instance at these sizes"
    if kind == "verified" and met == 0 and checked > 0:
        kind, reason = "inconclusive", "vacuous: no instance met the claim's hypothesis"
    return Verdict(kind=kind, witnesses=tuple(witnesses), met=met, reason=reason,
                   undecided=undecided,
                   scope=scope(claim, sizes, checked, weighted, met, total), **common)


def search(claim: Claim | str, *, sizes: Optional[Iterable[int]] = None,
           budget: float = 30.0, seed: Optional[int] = None, max_examples: int = 10 ** 6,
           database: Optional[str] = None) -> Verdict:
    """Search for a counterexample with hypothesis beyond exhaustive sizes.

    Draws a size, then an instance of that size from the domain's strategy; a failure is shrunk
    by hypothesis (the size first, since it is drawn first) and stored in the example database
    (``database`` directory) so the next search replays it first.
    """
    from hypothesis import HealthCheck, find, settings
    from hypothesis import strategies as st
    from hypothesis.database import DirectoryBasedExampleDatabase
    from hypothesis.errors import NoSuchExample

    if isinstance(claim, str):
        claim = get_claim(claim)
    if not (budget > 0 and math.isfinite(budget)):
        raise InputError("--budget", f"must be a finite number of seconds > 0, got {budget}")
    sizes = tuple(sorted(set(sizes))) if sizes else tuple(
        range(min(claim.domain.sizes), max(claim.domain.sizes) + 2))
    try:
        claim.domain.strategy(sizes[0])
    except NotImplementedError as exc:
        raise InputError(claim.id, str(exc)) from None
    strategy = st.sampled_from(sizes).flatmap(claim.domain.strategy)
    t0 = time.monotonic()
    deadline = t0 + budget
    tried = 0

    def fails_here(inst) -> bool:
        nonlocal tried
        if time.monotonic() > deadline:
            return False
        tried += 1
        try:
            return not claim.check(inst).ok
        except Exception:  # noqa: BLE001 - errors are failures to report too
            return True

    db = DirectoryBasedExampleDatabase(database) if database else None
    import random
    from .digest import claim_digest
    common = dict(claim=claim.id, sizes=sizes, domain=claim.domain.name, method="hypothesis",
                  erratum=claim.erratum, expect=claim.expect, digest=claim_digest(claim))
    # rounds of at most `chunk` examples, so that the budget is honoured however cheap a check is
    chunk = min(max_examples, 300)
    found, rounds = _remembered(claim, database, fails_here), 0
    while found is None and time.monotonic() < deadline and tried < max_examples:
        cfg = settings(max_examples=chunk, deadline=None, database=db,
                       suppress_health_check=list(HealthCheck))
        rng = random.Random(seed * 1_000_003 + rounds) if seed is not None else None
        rounds += 1
        try:
            found = find(strategy, fails_here, settings=cfg, random=rng,
                         database_key=f"exact.search:{claim.id}".encode())
        except NoSuchExample:
            continue
    if found is None:
        return Verdict(kind="inconclusive", instances=tried, total=0,
                       seconds=time.monotonic() - t0, **common)
    try:
        out = claim.check(found)
        kind, key, data = ("refuted", "violation", out.data) if not out.ok else (None, None, None)
    except Exception as exc:  # noqa: BLE001
        kind, key, data = "error", "exception", {"exception": f"{type(exc).__name__}: {exc}"}
    if kind is None:  # flaky predicate: never report a refutation that does not reproduce
        return Verdict(kind="error", instances=tried, total=0, seconds=time.monotonic() - t0,
                       error="counterexample did not reproduce (non-deterministic claim?)",
                       **common)
    cx = {"size": claim.domain.size_of(found), "index": None,
          "instance": claim.domain.to_json(found), key: data, "minimal": False}
    if kind == "refuted":
        smaller = _smaller_exhaustive(claim, cx["size"], deadline + budget / 2)
        if smaller is not None:
            tried += smaller.instances
            cx = smaller.counterexample
            common["method"] = "hypothesis, then exhaustive at smaller sizes"
    _remember(claim, database, cx["instance"])
    return Verdict(kind=kind, instances=tried, total=0, seconds=time.monotonic() - t0,
                   counterexample=cx, error=data.get("exception") if kind == "error" else None,
                   **common)


def _memory_file(claim: Claim, database: str) -> str:
    name = hashlib.sha256(claim.id.encode()).hexdigest()[:24]
    return os.path.join(database, "exact-failures", name + ".json")


def _remembered(claim: Claim, database: Optional[str], fails_here) -> Any:
    """The last failure a search of this claim found, if it still fails: tried first.

    Hypothesis's own database does this for unseeded searches; this memory also serves seeded
    ones (hypothesis turns its database off under a seed). It is a cache: an unreadable or
    stale entry is ignored, and a remembered instance is re-checked like any other.
    """
    if not database:
        return None
    try:
        with open(_memory_file(claim, database)) as fh:
            data = json.load(fh)
        inst = claim.domain.from_json(data["instance"])
    except (OSError, ValueError, KeyError, TypeError, NotImplementedError):
        return None
    return inst if fails_here(inst) else None


def _remember(claim: Claim, database: Optional[str], instance_json: Any) -> None:
    if not database:
        return
    path = _memory_file(claim, database)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + f".{os.getpid()}.tmp"
        with open(tmp, "w") as fh:
            json.dump({"claim": claim.id, "instance": instance_json}, fh)
        os.replace(tmp, path)
    except OSError:   # a cache: failing to write it loses nothing the record does not keep
        pass


def _smaller_exhaustive(claim: Claim, size: int, deadline: float,
                        limit: int = 500_000) -> Optional[Verdict]:
    """Smallest size first: walk the sizes below a found counterexample exhaustively (while
    their domains are small and time remains); the first refutation found there replaces it."""
    for z in sorted(s for s in claim.domain.sizes if s < size):
        left = deadline - time.monotonic()
        if left <= 0 or claim.domain.count(z) > limit:
            return None
        v = check(claim, sizes=[z], budget=left)
        if v.kind == "refuted":
            return v
        if v.kind != "verified":
            return None
    return None
