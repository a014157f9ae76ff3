"""The small trusted checker: re-verifies a saved record from its JSON alone.

Trust rests here, not on the search: this module imports no solver (no scipy, no SAT, no sympy).
It rebuilds each saved instance with the domain's strict ``from_json`` and re-evaluates it with the
model's own code: a claim's ``replay`` function when it has one (which checks a certificate with
fmpq arithmetic only), otherwise the claim's predicate, whose result must equal the saved data
exactly. LP certificates found in witness data are re-checked by :mod:`exact.lpcert`.

Editing any number of a saved counterexample changes either the instance (which then no longer
fails the same way) or the violation data (which then no longer matches): replay fails.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

from .claims import Claim, get_claim
from .errors import CertificateError, InputError, ReplayError

__all__ = ["replay", "ReplayReport", "check_witness", "check_counterexample"]


@dataclasses.dataclass(frozen=True)
class ReplayReport:
    claim: str
    verdict: str
    checked: int
    detail: str

    def to_json(self) -> dict:
        return {"claim": self.claim, "replayed": self.verdict, "items_checked": self.checked,
                "detail": self.detail, "ok": True}


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise ReplayError(message)


def _decode(claim: Claim, data: Any, field: str):
    if data is None:
        raise ReplayError(f"{field}: missing instance")
    try:
        inst = claim.domain.from_json(data)
    except InputError as exc:
        raise ReplayError(f"{field}: {exc}") from None
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
    """Yield every LP certificate nested in witness data (dicts with kind 'lp-...')."""
    if isinstance(data, dict):
        if isinstance(data.get("kind"), str) and data["kind"].startswith("lp-"):
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
    if claim.replay is not None:
        claim.replay(instance, violation)
    out = claim.check(instance)
    _require(not out.ok, "the claim holds on this instance: no counterexample")
    _require(out.data == violation,
             f"violation differs from the recomputed one: saved {violation!r}, "
             f"recomputed {out.data!r}")


def replay(record: dict, *, full: bool = False) -> ReplayReport:
    """Re-verify a record loaded by :func:`exact.records.load_record`.

    Refuted records: the counterexample must decode strictly and fail exactly as saved.
    Verified records: every saved witness must re-check, the counts must say the whole domain
    was covered, and with ``full=True`` the whole domain is re-walked serially.

    Raises
    ------
    ReplayError
        naming the first condition that does not hold.
    """
    cid = record["claim"]
    source = record.get("claim_file")
    if source is not None and not isinstance(source, str):
        raise ReplayError("claim_file: not a path")
    claim = get_claim(f"{source}::{cid}" if source else cid)
    kind = record["verdict"]
    sizes = record.get("sizes")
    _require(isinstance(sizes, list) and all(isinstance(s, int) for s in sizes),
             "sizes: missing or not a list of ints")
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
        return ReplayReport(cid, kind, 1, "counterexample re-verified")
    if kind == "verified":
        total = sum(claim.domain.count(s) for s in sizes)
        _require(record.get("total") == total,
                 f"total: record says {record.get('total')}, the domain has {total}")
        _require(record.get("instances") == total,
                 f"instances: {record.get('instances')} checked of {total}: not a full check")
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
        n = len(wits)
        if full:
            for s in sizes:
                for j, inst in enumerate(claim.domain.instances(s)):
                    out = claim.check(inst)
                    _require(out.ok, f"size {s}, instance {j}: the claim fails on re-check")
                    n += 1
        return ReplayReport(cid, kind, n, f"{len(wits)} witnesses re-verified" +
                            (f"; {n - len(wits)} instances re-walked" if full else ""))
    raise ReplayError(f"verdict: cannot replay a {kind!r} record (only refuted or verified)")
