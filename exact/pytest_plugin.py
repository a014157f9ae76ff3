"""pytest plugin: a researcher's ``@claim``s, written beside her tests, run as test items.

Opt in with ``pytest --exact-claims`` or, in the project's pytest configuration::

    [tool.pytest.ini_options]
    exact_claims = true

Then every :func:`exact.claim` *defined* in a collected test module (``test_*.py``; claims a
module merely imports are skipped) becomes one test item, named after the Python name of the
claim and carrying the marker ``exact_claim`` and the claim id as a keyword (``-k
"mine/ttc-top"`` selects it). Each item runs :func:`exact.engine.check` at the claim's default
sizes and

* passes when the claim is ``verified`` (a known erratum: when it is ``refuted`` as expected);
* fails with the minimal counterexample (instance and violation as JSON) when it is refuted,
  and with "erratum no longer refuted" when an erratum claim is verified;
* fails when the verdict is ``inconclusive`` (budget ran out, undecided or vacuous instances),
  giving the reason and the exact coverage: an unfinished check is never a pass;
* fails with the exception when the check raised (``error`` verdict) or the options are bad.

Options: ``--exact-size N`` (check every size of the domain up to ``N`` instead of the default
sizes), ``--exact-budget SEC`` (seconds per claim; running out makes the item fail as
inconclusive). Without the opt-in the plugin does nothing, so test suites whose test files define
claims for their own purposes (as ``exact``'s own does) are unaffected.

The plugin is registered through the ``pytest11`` entry point of the ``exact`` distribution; it
imports nothing heavy until a claim item runs.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import pytest

__all__ = ["ClaimItem", "ClaimFailure"]

MARKER = "exact_claim"
_SEEN = pytest.StashKey[set]()


def pytest_addoption(parser) -> None:
    group = parser.getgroup("exact", "exact: run @claim's of the test modules as test items")
    group.addoption("--exact-claims", action="store_true", default=None, dest="exact_claims",
                    help="collect the @claim's defined in test modules as test items "
                         "(or set the ini option exact_claims = true)")
    group.addoption("--exact-size", type=int, default=None, dest="exact_size", metavar="N",
                    help="check every size of a claim's domain up to N (default: the claim's "
                         "default sizes)")
    group.addoption("--exact-budget", type=float, default=None, dest="exact_budget",
                    metavar="SEC", help="seconds per claim; when it runs out the item fails as "
                                        "inconclusive")
    parser.addini("exact_claims", type="bool", default=False,
                  help="collect the @claim's defined in test modules as test items (exact)")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: an exact @claim collected as a test item "
                                       f"(exact's pytest plugin)")


def _enabled(config) -> bool:
    opt = config.getoption("exact_claims")
    return bool(opt) if opt is not None else bool(config.getini("exact_claims"))


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector, name: str, obj: Any):
    """A :class:`~exact.claims.Claim` defined in the collected module becomes a ClaimItem."""
    if not _enabled(collector.config) or not isinstance(collector, pytest.Module):
        return None
    from .claims import Claim
    if not isinstance(obj, Claim) or obj.module != collector.obj.__name__:
        return None
    seen = collector.stash.setdefault(_SEEN, set())
    if id(obj) in seen:          # one item per claim, however many names it is bound to
        return []
    seen.add(id(obj))
    return ClaimItem.from_parent(collector, name=name, claim=obj)


class ClaimFailure(Exception):
    """A claim item did not pass; the message is the whole report (no traceback is shown)."""


class ClaimItem(pytest.Item):
    """One ``@claim`` checked by :func:`exact.engine.check` as one pytest item."""

    def __init__(self, *, claim, **kwargs):
        super().__init__(**kwargs)
        self.claim = claim
        self.add_marker(MARKER)
        self.extra_keyword_matches.add(claim.id)
        self.verdict = None

    def runtest(self) -> None:
        from .engine import check
        from .errors import ExactError

        config = self.config
        size: Optional[int] = config.getoption("exact_size")
        budget: Optional[float] = config.getoption("exact_budget")
        try:
            v = check(self.claim, size=size, budget=budget)
        except ExactError as exc:   # bad option or input: one line, no traceback
            raise ClaimFailure(f"{self.claim.id}: cannot check: {exc}") from None
        except NotImplementedError as exc:   # a domain missing a method the engine needs
            raise ClaimFailure(f"{self.claim.id}: cannot check: {self.claim.domain.name}: "
                               f"NotImplementedError" + (f": {exc}" if str(exc) else "")) from None
        self.verdict = v
        self.user_properties.append(("exact_verdict", v.label))
        problem = verdict_problem(v)
        if problem is not None:
            raise ClaimFailure(problem)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ClaimFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        code = getattr(self.claim.predicate, "__code__", None)
        line = code.co_firstlineno - 1 if code is not None else None
        return self.path, line, f"exact claim {self.claim.id}"


def verdict_problem(v) -> Optional[str]:
    """Why a verdict fails its test item, as a readable report; ``None`` when it passes."""
    head = f"{v.claim}: {v.label}"
    scope = f"  checked: {v.scope}" if v.scope else f"  checked: {v.instances:,} instances"
    if v.kind == "verified" and v.expect == "verified":
        return None
    if v.kind == "refuted" and v.expect == "refuted":
        return None
    if v.kind == "verified":   # an erratum claim that holds now
        return "\n".join([f"{v.claim}: erratum no longer refuted (the claim is verified)",
                          f"  erratum: {v.erratum}", scope,
                          "  the model changed, or the erratum is wrong: re-examine it"])
    if v.kind == "refuted":
        return "\n".join([head, *_counterexample_lines(v.counterexample), scope])
    if v.kind == "inconclusive":
        if v.reason:
            return "\n".join([f"{head}: {v.reason}", scope,
                              "  an unfinished check is not a pass"])
        return "\n".join([f"{head}: budget ran out after {v.instances:,} of {v.total:,} "
                          f"instances (coverage {v.coverage})", scope,
                          "  an unfinished check is not a pass: raise --exact-budget or lower "
                          "--exact-size"])
    cx = v.counterexample or {}
    lines = [f"{head}: {v.error}"]
    if cx.get("instance") is not None:
        lines.append(f"  on instance {_compact(cx['instance'])} (size {cx.get('size')})")
    if isinstance(cx.get("exception"), dict) and cx["exception"].get("where"):
        lines.append(f"  raised at {cx['exception']['where']}")
    return "\n".join(lines)


def _counterexample_lines(cx: Optional[dict]) -> list[str]:
    if not cx:
        return ["  (no counterexample recorded)"]
    what = "minimal counterexample" if cx.get("minimal") else "counterexample (not shown minimal)"
    where = f"size {cx.get('size')}" + (f", instance #{cx['index']}" if cx.get("index")
                                        is not None else "")
    out = [f"  {what} at {where}:", f"    instance:  {_compact(cx.get('instance'))}"]
    violation = cx.get("violation")
    if isinstance(violation, dict) and violation:
        width = max(len(k) for k in violation)
        out += [f"    {k + ':':<{width + 1}} {_compact(val)}" for k, val in violation.items()]
    elif violation is not None:
        out.append(f"    violation: {_compact(violation)}")
    return out


def _compact(data: Any, limit: int = 400) -> str:
    text = json.dumps(data, separators=(", ", ": "))
    return text if len(text) <= limit else text[:limit] + " ..."
