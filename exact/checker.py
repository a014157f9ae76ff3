"""The small trusted checker: re-verifies a saved record from its JSON alone.

Trust rests here, not on the search: this module imports no solver (no scipy, no SAT, no sympy).
It rebuilds each saved instance with the domain's strict ``from_json`` and re-evaluates it with the
model's own code: a claim's ``replay`` function when it has one (which checks a certificate with
fmpq arithmetic only), otherwise the claim's predicate, whose result must equal the saved data
exactly. LP certificates found in witness data are re-checked by :mod:`exact.lpcert`.

What replay trusts, in lines (docs/reliability.md has the long form):

* the judge: a built-in claim by its id (only its own paper package is imported), or the file
  the *user* names with ``--claims``; never a path read from the record;
* the code: the record's ``code_digest`` must equal today's (:mod:`exact.digest`), else replay
  fails unless told ``--any-code``;
* independent checks: LP/QP certificates (:mod:`exact.lpcert`, fmpq only) and a claim's own
  ``replay`` function (certificate checks in fmpq, DRAT checking);
* re-execution: the claim's predicate re-run on every instance ("verified": the whole domain;
  a minimal refutation: every earlier instance), through :func:`exact.engine.run_shard`.

Editing any number of a saved counterexample changes either the instance (which then no longer
fails the same way) or the violation data (which then no longer matches): replay fails.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Optional

from .claims import Claim, get_claim, load_claim_file
from .errors import CertificateError, InputError, ReplayError

__all__ = ["replay", "ReplayReport", "check_witness", "check_counterexample"]


@dataclasses.dataclass(frozen=True)
class ReplayReport:
    claim: str
    verdict: str
    checked: int
    detail: str

    def to_json(self) -> dict:
        # "ok" only for a re-verification; a counts-only look is not one
        return {"claim": self.claim, "replayed": self.verdict, "items_checked": self.checked,
                "detail": self.detail, "ok": self.verdict != "counts-only"}


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise ReplayError(message)


def _decode(claim: Claim, data: Any, field: str):
    if data is None:
        raise ReplayError(f"{field}: missing instance")
    try:
        inst = claim.domain.from_json(data)
    except InputError as exc:
        problem = exc.problem if exc.field == "instance" else str(exc)
        raise ReplayError(f"{field}: {problem}") from None
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        raise ReplayError(f"{field}: not an instance of {claim.domain.name} ({exc})") from None
    _require(claim.domain.to_json(inst) == data,
             f"{field}: instance is not in canonical form (re-encodes differently)")
    return inst


def _at_index(claim: Claim, entry: dict, data: Any, field: str) -> None:
    """A saved (size, index) must point at the saved instance in the domain's canonical order."""
    size, index = entry.get("size"), entry.get("index")
    if index is None:
        return
    _require(isinstance(size, int) and isinstance(index, int) and 0 <= index,
             f"{field}: size/index malformed")
    _require(index < claim.domain.count(size), f"{field}: index {index} beyond the domain")
    found = next(iter(claim.domain.instances(size, index, index + 1)), None)
    _require(found is not None and claim.domain.to_json(found) == data,
             f"{field}: the domain's instance {index} of size {size} is not the saved instance")


def _check_refuted_counts(claim: Claim, record: dict, cx: dict, sizes: list) -> None:
    """An exhaustive refutation's bookkeeping follows from the domain: re-derive it."""
    size = cx.get("size")
    _require(size in sizes, f"sizes: {sizes} does not contain the counterexample's size {size}")
    _require(all(s in claim.domain.sizes for s in sizes),
             f"sizes: {sizes} are not all sizes of {claim.domain.name}")
    total = sum(claim.domain.count(s) for s in sizes)
    _require(record.get("total") == total,
             f"total: record says {record.get('total')}, the domain has {total}")
    before = sum(claim.domain.count(s) for s in sizes if s < size)
    _require(record.get("instances") == before + cx["index"] + 1,
             f"instances: record says {record.get('instances')}, the counterexample is instance "
             f"{before + cx['index'] + 1} in canonical order")
    if cx.get("minimal"):
        missing = [s for s in claim.domain.sizes if s < size and s not in sizes]
        _require(not missing, f"counterexample.minimal: smaller sizes {missing} were not checked")


def _lp_certificates(data: Any):
    """Yield every LP/QP certificate nested in witness data (kind 'lp-...' or 'qp-...')."""
    if isinstance(data, dict):
        if isinstance(data.get("kind"), str) and data["kind"].startswith(("lp-", "qp-")):
            yield data
        for v in data.values():
            yield from _lp_certificates(v)
    elif isinstance(data, list):
        for v in data:
            yield from _lp_certificates(v)


def check_witness(claim: Claim, instance: Any, data: dict) -> None:
    """Re-verify that ``claim`` holds on ``instance`` with the saved witness ``data``."""
    certs = list(_lp_certificates(data))
    if certs:
        from .lpcert import check_certificate
        for cert in certs:
            check_certificate(cert)
    if claim.replay is not None:
        claim.replay(instance, data)
        return
    out = claim.check(instance)
    _require(out.ok, "the claim fails on this instance: the saved witness is wrong")
    _require(out.data == data, "witness differs from the recomputed one")


def check_counterexample(claim: Claim, instance: Any, violation: dict) -> None:
    """Re-verify that ``claim`` fails on ``instance`` exactly as ``violation`` records."""
    certs = list(_lp_certificates(violation))
    if certs:
        from .lpcert import check_certificate
        for cert in certs:
            check_certificate(cert)
    if claim.replay is not None:
        claim.replay(instance, violation)
    out = claim.check(instance)
    _require(not out.ok, "the claim holds on this instance: no counterexample")
    _require(out.data == violation,
             f"violation differs from the recomputed one: saved {violation!r}, "
             f"recomputed {out.data!r}")


def _judge(record: dict, claims: Optional[str]) -> Claim:
    """The claim that judges ``record``: a built-in id, or the user's file named by the *user*.

    A record never names its own judge: its ``claim_file`` is only a hint for the message, and
    no code it names is imported or run.
    """
    cid = record["claim"]
    hint = record.get("claim_file")
    if hint is not None and not isinstance(hint, str):
        raise ReplayError("claim_file: not a path")
    if claims is None:
        if hint is not None:
            raise ReplayError(f"claim {cid!r} is a user's claim: name its file with "
                              f"--claims FILE (a record never names its own judge)")
        return get_claim(cid)            # an unknown id is bad input (exit 3), not a replay
    try:
        found = [c for c in load_claim_file(claims) if c.id == cid]
    except InputError as exc:
        raise ReplayError(f"--claims: {exc}") from None
    if not found:
        raise ReplayError(f"claim: {claims} defines no claim {cid!r}")
    return found[0]


def _same_code(claim: Claim, record: dict, any_code: bool) -> Optional[str]:
    """None if the record was made by this code; else a note (``any_code``) or a ReplayError."""
    from .digest import claim_digest
    saved, now = record.get("code_digest"), claim_digest(claim)
    if saved == now:
        return None
    what = "has no code digest" if saved is None else \
        f"was made by other code (digest {str(saved)[:12]}, this code {now[:12]})"
    if not any_code:
        raise ReplayError(f"code_digest: the record {what}: re-run `exact check`, or replay "
                          f"with --any-code to judge it by today's code")
    return f"judged by today's code: the record {what}"


def _walk(claim: Claim, size: int, stop: int) -> dict:
    """Re-check instances ``[0, stop)`` of ``size`` with the engine's walker (re-execution)."""
    from .engine import run_shard
    return run_shard(claim, size, 0, stop, keep=None)


def _rewalk_held(claim: Claim, size: int, stop: int, what: str) -> dict:
    res = _walk(claim, size, stop)
    for k in ("failure", "error"):
        if k in res:
            word = "fails" if k == "failure" else "raises an error"
            raise ReplayError(f"size {size}, instance {res[k]['index']}: the claim {word} on "
                              f"re-check ({what})")
    _require(res["checked"] == stop, f"size {size}: {res['checked']} of {stop} instances "
                                     f"re-checked")
    return res


def replay(record: dict, *, full: bool = True, claims: Optional[str] = None,
           any_code: bool = False) -> ReplayReport:
    """Re-verify a record loaded by :func:`exact.records.load_record`.

    Parameters
    ----------
    full : bool (default True)
        re-check what the verdict means: for "verified", re-walk every instance of every size
        (each must hold; the witnesses recomputed must equal the saved ones, all of them, and
        every saved certificate is re-checked independently); for a minimal exhaustive
        refutation, re-walk every earlier instance (each must hold). ``False`` checks the
        bookkeeping and the saved items only: the report then says "counts only".
    claims : str, optional
        the user's claim file that judges a user's claim (never taken from the record).
    any_code : bool
        replay a record made by other code (its ``code_digest`` differs) with today's code.

    Raises
    ------
    ReplayError
        naming the first condition that does not hold.
    """
    cid = record["claim"]
    claim = _judge(record, claims)
    note = _same_code(claim, record, any_code)
    kind = record["verdict"]
    sizes = record.get("sizes")
    _require(isinstance(sizes, list) and all(isinstance(s, int) for s in sizes),
             "sizes: missing or not a list of ints")
    suffix = f" ({note})" if note else ""
    if kind == "refuted":
        cx = record.get("counterexample")
        _require(isinstance(cx, dict), "counterexample: missing")
        _require(isinstance(cx.get("violation"), dict), "counterexample.violation: missing")
        inst = _decode(claim, cx.get("instance"), "counterexample.instance")
        _at_index(claim, cx, cx.get("instance"), "counterexample")
        if cx.get("size") is not None:
            _require(claim.domain.size_of(inst) == cx["size"],
                     f"counterexample.size: instance has size {claim.domain.size_of(inst)}")
        if cx.get("index") is not None:
            _check_refuted_counts(claim, record, cx, sizes)
        try:
            check_counterexample(claim, inst, cx["violation"])
        except CertificateError as exc:
            raise ReplayError(f"counterexample: {exc}") from None
        n = 1
        detail = "counterexample re-verified"
        if cx.get("minimal") and cx.get("index") is not None:
            if full:
                for s in sizes:
                    if s < cx["size"]:
                        n += _rewalk_held(claim, s, claim.domain.count(s),
                                          "so the counterexample is not minimal")["checked"]
                n += _rewalk_held(claim, cx["size"], cx["index"],
                                  "so the counterexample is not minimal")["checked"]
                detail += f"; minimal: {n - 1} earlier instances re-checked"
            else:
                detail += "; minimality not re-checked (counts only: not a re-verification)"
        return ReplayReport(cid, kind, n, detail + suffix)
    if kind == "verified":
        _require(all(s in claim.domain.sizes for s in sizes),
                 f"sizes: {sizes} are not all sizes of {claim.domain.name}")
        total = sum(claim.domain.count(s) for s in sizes)
        _require(record.get("total") == total,
                 f"total: record says {record.get('total')}, the domain has {total}")
        _require(record.get("instances") == total,
                 f"instances: {record.get('instances')} checked of {total}: not a full check")
        _require(total > 0, "total: the domain has no instance at these sizes: nothing is "
                            "verified")
        wits = record.get("witnesses", [])
        _require(isinstance(wits, list), "witnesses: not a list")
        for i, w in enumerate(wits):
            _require(isinstance(w, dict) and isinstance(w.get("data"), dict),
                     f"witnesses[{i}]: malformed")
            inst = _decode(claim, w.get("instance"), f"witnesses[{i}].instance")
            _at_index(claim, w, w.get("instance"), f"witnesses[{i}]")
            try:
                check_witness(claim, inst, w["data"])
            except CertificateError as exc:
                raise ReplayError(f"witnesses[{i}]: {exc}") from None
        if not full:
            return ReplayReport(cid, "counts-only", len(wits),
                                f"counts only: not a re-verification ({len(wits)} saved "
                                f"witnesses re-checked, the domain not re-walked)" + suffix)
        walked, met, undecided, again = 0, 0, 0, []
        for s in sizes:
            res = _rewalk_held(claim, s, claim.domain.count(s), "the record says verified")
            walked += res["checked"]
            met += res["met"]
            undecided += res.get("undecided", 0)
            again.extend(res["witnesses"])
        again = json.loads(json.dumps(again))          # as saved: tuples become lists
        _require(wits == again, f"witnesses: the record keeps {len(wits)}, the re-walk "
                                f"produces {len(again)}" + ("" if len(wits) != len(again) else
                                                            " that differ"))
        _require(met > 0, "met: no instance meets the claim's hypothesis on re-walk "
                          "(vacuous): not verified")
        _require(undecided == 0, f"undecided: {undecided} instances stay undecided on re-walk: "
                                 f"not verified")
        if record.get("met") is not None:
            _require(record["met"] == met, f"met: record says {record['met']}, the re-walk "
                                           f"finds {met} instances meeting the hypothesis")
        return ReplayReport(cid, kind, len(wits) + walked,
                            f"{walked} instances re-walked; {len(wits)} witnesses and their "
                            f"certificates re-verified" + suffix)
    raise ReplayError(f"verdict: cannot replay a {kind!r} record (only refuted or verified)")
