"""Claims, domains, outcomes and verdicts: the vocabulary every paper module speaks.

A *claim* is a paper's statement as a predicate over one instance of a finite *domain*. The
predicate returns :func:`holds` (optionally with an exact certificate or witness) or :func:`fails`
(with the violation as data). The engine (:mod:`exact.engine`) walks the domain and turns the
outcomes into a :class:`Verdict`.

Examples
--------
>>> from exact.domains import Enumerated
>>> @claim("demo/even-squares", domain=Enumerated(range(5), name="0..4"), register=False,
...        statement="n^2 - n is even.")
... def even(n):
...     return holds() if (n * n - n) % 2 == 0 else fails(n=n)
>>> even.check(3).ok
True
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Callable, Iterator, Optional

from .errors import InputError, Undecided, UnknownClaim
from .numbers import to_jsonable

__all__ = ["Domain", "Outcome", "holds", "fails", "Claim", "claim", "Verdict", "REGISTRY",
           "get_claim", "select_claims", "VERDICTS", "vacuous", "undecided"]

VERDICTS = ("verified", "refuted", "inconclusive", "error")
_ID = re.compile(r"[a-z0-9_]+/[a-z0-9][a-z0-9_.\-]*")


class Domain:
    """A finite family of instances, graded by an integer *size*, streamed in canonical order.

    Subclasses implement :meth:`count`, :meth:`instances`, :meth:`to_json`, :meth:`from_json`
    and usually :meth:`strategy`. A domain never materialises itself: :meth:`instances` is a
    generator over an index range, so the engine can cut it into shards ``[start, stop)``.

    The canonical order matters: the engine reports the first failing instance of the smallest
    failing size, so the counterexample does not depend on the number of jobs or shard order.
    """

    #: every size the domain supports, smallest first (``--size N`` picks those up to N)
    sizes: tuple[int, ...] = (1,)
    #: the largest size checked by default (None: the largest of ``sizes``); larger are opt-in
    default_size: Optional[int] = None
    #: one line saying what the domain is, printed in reports
    name: str = "domain"
    #: the symmetry group the domain reduces by (one representative per orbit), or None when
    #: every instance is enumerated. A claim over a reduced domain must declare invariance under
    #: exactly this symmetry (``@claim(..., invariant=domain.symmetry)``); a claim that declares
    #: nothing is checked on :meth:`unreduced` instead.
    symmetry: Optional[str] = None

    def describe(self) -> dict:
        """JSON-able parameters identifying the domain (enters the journal's run key)."""
        return {"name": self.name}

    def count(self, size: int) -> int:
        """Number of instances (canonical representatives) of ``size``."""
        raise NotImplementedError

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        """Yield the instances of ``size`` with canonical indices in ``[start, stop)``."""
        raise NotImplementedError

    def weight(self, instance: Any) -> int:
        """Number of instances of the full (unreduced) domain this representative stands for."""
        return 1

    def unreduced(self) -> "Domain":
        """The same family with every instance enumerated (no symmetry reduction).

        A domain with a ``symmetry`` must implement it: claims that do not declare invariance
        are checked over it. Its instances are labelled instances, so ``weight`` is 1.
        """
        if self.symmetry is None:
            return self
        raise NotImplementedError(f"{self.name}: reduces by {self.symmetry!r} but has no "
                                  f"unreduced() domain")

    def strategy(self, size: int):
        """A hypothesis strategy of instances of ``size`` (for ``exact search``)."""
        raise NotImplementedError(f"{self.name}: no hypothesis strategy")

    def to_json(self, instance: Any) -> Any:
        """Serialise an instance to plain JSON data (rationals as ``"p/q"`` strings)."""
        return to_jsonable(instance)

    def from_json(self, data: Any) -> Any:
        """Rebuild an instance from :meth:`to_json` data, validating strictly (raise InputError)."""
        raise NotImplementedError(f"{self.name}: instances cannot be read back from JSON")

    def size_of(self, instance: Any) -> int:
        """The size of an instance (used to order counterexamples found by search)."""
        raise NotImplementedError

    def symmetric_image(self, instance: Any, rng) -> Any:
        """A random image of ``instance`` under the symmetry group the domain reduces by.

        ``None`` when the domain declares no symmetry. A domain that enumerates one representative
        per orbit must implement it, so that :func:`exact.symmetry.invariance_violation` can
        test that each claim over it really is invariant (otherwise checking representatives
        proves nothing about the rest of the orbit).
        """
        return None


@dataclasses.dataclass(frozen=True)
class Outcome:
    """The result of checking a claim on one instance.

    ``ok`` says whether the statement holds; ``data`` is the witness or certificate (when it holds)
    or the violation (when it fails), always plain JSON-able data.
    """

    ok: bool
    data: dict
    #: False when the statement holds only because its hypothesis fails on this instance
    met: bool = True
    #: False when the check could not decide this instance (a solver budget ran out)
    decided: bool = True

    def __bool__(self) -> bool:  # so `if claim.check(x):` reads naturally
        return self.ok


def holds(certificate: Any = None, **witness: Any) -> Outcome:
    """The statement holds on this instance; attach an exact certificate or witness if any."""
    data = dict(witness)
    if certificate is not None:
        data["certificate"] = certificate
    return Outcome(True, to_jsonable(data))


def vacuous(**witness: Any) -> Outcome:
    """The statement holds on this instance only because its hypothesis does not.

    Counted apart: a verdict reports how many instances met the hypothesis (``met``), and a
    claim no instance of which met its hypothesis is not reported as verified.
    """
    return Outcome(True, to_jsonable(dict(witness)), met=False)


def undecided(**why: Any) -> Outcome:
    """The check could not decide this instance (e.g. an SMT or search budget ran out).

    Never a failure and never a success: a run with an undecided instance is at best
    ``inconclusive`` (with the count), and a later counterexample is not called minimal.
    """
    return Outcome(True, to_jsonable(dict(why)), decided=False)


def fails(**violation: Any) -> Outcome:
    """The statement fails on this instance; ``violation`` is the counterexample's data."""
    return Outcome(False, to_jsonable(violation))


@dataclasses.dataclass
class Claim:
    """A registered statement: id, paper source, domain and the predicate that checks it.

    Parameters
    ----------
    id : str
        ``<paper>/<kind>-<number>`` with the paper's own numbering (``sef/theorem-4``).
    predicate : callable
        ``instance -> Outcome``.
    domain : Domain
    source, statement : str
        where the claim sits in the paper, and what it says.
    erratum : str, optional
        set when the paper's statement is false: why. Then ``expect`` is "refuted" by default and
        a refutation is reported as a known erratum that does not fail a run.
    expect : {"verified", "refuted"}
    size : int, optional
        the largest size checked by default (defaults to ``max(domain.sizes)``).
    replay : callable, optional
        ``(instance, data) -> None``: re-checks a saved counterexample or witness without solvers;
        raises CertificateError when it does not hold. Defaults to re-running the predicate.
    invariant : str, optional
        the symmetry the statement is invariant under; it must equal ``domain.symmetry`` for
        the claim to be checked on the reduced domain (one representative per orbit). The
        declaration is itself spot-checked in every run (random images of sampled instances).
    """

    id: str
    predicate: Callable[[Any], Outcome]
    domain: Domain
    source: str = ""
    statement: str = ""
    erratum: Optional[str] = None
    expect: str = "verified"
    size: Optional[int] = None
    replay: Optional[Callable[[Any, dict], None]] = None
    module: str = ""
    invariant: Optional[str] = None

    @property
    def paper(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def default_sizes(self) -> tuple[int, ...]:
        top = self.size if self.size is not None else (
            self.domain.default_size if self.domain.default_size is not None
            else max(self.domain.sizes))
        return tuple(s for s in self.domain.sizes if s <= top) or (top,)

    def sizes_up_to(self, top: int) -> tuple[int, ...]:
        """The domain's declared sizes not above ``top``.

        The domain lists every size it supports (the claim's ``size`` picks the default ones);
        beyond the largest, ``exact search`` is the tool.
        """
        low, high = min(self.domain.sizes), max(self.domain.sizes)
        if top < low:
            raise InputError("--size", f"{self.id}: smallest size is {low}, got {top}")
        if top > high:
            raise InputError("--size", f"{self.id}: largest exhaustive size is {high}, got {top}"
                                       f" (use `exact search` beyond it)")
        return tuple(s for s in self.domain.sizes if s <= top)

    def check(self, instance: Any) -> Outcome:
        """Evaluate the predicate on one instance; a non-Outcome return is a programming error."""
        try:
            out = self.predicate(instance)
        except Undecided as exc:        # a budget ran out: undecided, never a verdict
            return undecided(reason=str(exc))
        if not isinstance(out, Outcome):
            raise TypeError(f"{self.id}: predicate returned {type(out).__name__}, "
                            f"expected holds(...) or fails(...)")
        return out

    def __call__(self, instance: Any) -> Outcome:
        return self.check(instance)

    @property
    def scope(self) -> str:
        """What a default check covers, in words (sizes, domain, symmetry); opt-in sizes."""
        d = self.domain
        sizes = ", ".join(map(str, self.default_sizes))
        text = f"sizes {sizes} of {d.name}"
        if d.symmetry is not None:
            text += f" (one per orbit: the claim declares invariance under {d.symmetry})"
        more = [s for s in d.sizes if s > max(self.default_sizes)]
        if more:
            text += f"; opt-in: --size {', '.join(map(str, more))}"
        return text

    def describe(self) -> dict:
        return {"claim": self.id, "paper": self.paper, "source": self.source,
                "statement": self.statement, "domain": self.domain.name,
                "default_sizes": list(self.default_sizes),
                "opt_in_sizes": [s for s in self.domain.sizes if s > max(self.default_sizes)],
                "scope": self.scope, "invariant": self.invariant, "expect": self.expect,
                "erratum": self.erratum}


#: id -> Claim, filled by the ``@claim`` decorator when a paper's ``claims`` module is imported
REGISTRY: dict[str, Claim] = {}


def claim(id: str, *, domain: Domain, source: str = "", statement: str = "",
          erratum: Optional[str] = None, expect: Optional[str] = None, size: Optional[int] = None,
          replay: Optional[Callable] = None, invariant: Optional[str] = None,
          register: bool = True):
    """Decorator: register ``fn(instance) -> Outcome`` as the claim ``id``.

    The decorated name becomes the :class:`Claim` itself (callable on one instance).

    A domain that reduces by a symmetry (``domain.symmetry``) is used as it is only when the
    claim declares ``invariant=domain.symmetry``; otherwise the claim gets
    ``domain.unreduced()``, every labelled instance, since a representative proves nothing about
    the rest of its orbit for a statement that is not invariant.
    """
    if not _ID.fullmatch(id):
        raise ValueError(f"claim id {id!r} must look like 'paper/kind-number'")
    if expect is None:
        expect = "refuted" if erratum else "verified"
    if expect not in ("verified", "refuted"):
        raise ValueError(f"{id}: expect must be 'verified' or 'refuted', got {expect!r}")
    if not isinstance(domain, Domain):
        raise TypeError(f"{id}: domain must be an exact.Domain, got {type(domain).__name__}")
    if invariant is not None and invariant != domain.symmetry:
        raise ValueError(f"{id}: declares invariance under {invariant!r} but the domain "
                         f"{domain.name!r} reduces by {domain.symmetry!r}")
    if domain.symmetry is not None and invariant is None:
        domain = domain.unreduced()

    def wrap(fn: Callable) -> Claim:
        c = Claim(id=id, predicate=fn, domain=domain, source=source,
                  statement=statement or (fn.__doc__ or "").strip().split("\n\n")[0],
                  erratum=erratum, expect=expect, size=size, replay=replay,
                  module=getattr(fn, "__module__", ""), invariant=invariant)
        c.__doc__ = fn.__doc__
        if register:
            old = REGISTRY.get(id)
            if old is not None and old.module != c.module:
                raise ValueError(f"claim id {id!r} registered twice ({old.module}, {c.module})")
            REGISTRY[id] = c
        return c

    return wrap


@dataclasses.dataclass(frozen=True)
class Verdict:
    """The frozen record of one check of one claim (pygambit's result-record idea).

    ``kind`` is one of ``verified``, ``refuted``, ``inconclusive``, ``error``; ``instances`` is the
    number of instances checked, ``total`` the size of the domain walked (so coverage is exact),
    ``weighted`` the number of full-domain instances they stand for under declared symmetries.
    """

    claim: str
    kind: str
    instances: int
    total: int
    sizes: tuple[int, ...]
    seconds: float
    domain: str
    method: str = "exhaustive"
    weighted: int = 0
    counterexample: Optional[dict] = None
    error: Optional[str] = None
    erratum: Optional[str] = None
    expect: str = "verified"
    witnesses: tuple = ()
    #: instances that met the claim's hypothesis (the rest held vacuously); None if not counted
    met: Optional[int] = None
    #: what the verdict covers, in words (sizes, instances, symmetry, hypothesis)
    scope: str = ""
    #: :func:`exact.digest.claim_digest` of the code that produced the verdict
    digest: str = ""
    #: why a complete run is not "verified" (e.g. vacuous, undecided instances)
    reason: Optional[str] = None
    #: instances the check could not decide (see :func:`undecided`)
    undecided: int = 0

    @property
    def known_erratum(self) -> bool:
        return self.kind == "refuted" and self.expect == "refuted"

    @property
    def coverage(self) -> str:
        from .numbers import Q
        return str(Q(self.instances, self.total)) if self.total else "0"

    @property
    def label(self) -> str:
        if self.known_erratum:
            return "refuted (known erratum)"
        if self.kind == "verified" and self.expect == "refuted":
            return "verified (erratum expected!)"
        return self.kind

    def to_json(self) -> dict:
        d = {"claim": self.claim, "verdict": self.kind, "label": self.label,
             "instances": self.instances, "total": self.total, "coverage": self.coverage,
             "sizes": list(self.sizes), "seconds": round(self.seconds, 3),
             "domain": self.domain, "method": self.method, "weighted": self.weighted,
             "expect": self.expect, "known_erratum": self.known_erratum}
        if self.counterexample is not None:
            d["counterexample"] = self.counterexample
        if self.error:
            d["error"] = self.error
        if self.erratum:
            d["erratum"] = self.erratum
        if self.witnesses:
            d["witnesses"] = list(self.witnesses)
        if self.met is not None:
            d["met"] = self.met
        if self.scope:
            d["scope"] = self.scope
        if self.digest:
            d["code_digest"] = self.digest
        if self.reason:
            d["reason"] = self.reason
        if self.undecided:
            d["undecided"] = self.undecided
        return d

    def _repr_html_(self) -> str:
        """Notebook display: verdict, scope, counts, time, counterexample tables."""
        from .render import render_verdict
        return render_verdict(self, "html")

    def _repr_latex_(self) -> str:
        """LaTeX fragment (preamble :data:`exact.render.PREAMBLE`), e.g. for nbconvert to PDF."""
        from .render import render_verdict
        return render_verdict(self, "latex")


def _load_builtin_claims(paper: Optional[str] = None) -> None:
    """Import the ``claims`` module of one paper package (or of every one) so its claims register.

    Paper packages are found through the ``exact.papers`` entry points (:mod:`exact.papers`);
    ``exact`` imports no paper by name.
    """
    from .papers import load_all, load_paper
    if paper is None:
        load_all("claims")
    else:
        load_paper(paper, "claims")


def load_claim_file(spec: str) -> list[Claim]:
    """Load a user's claim file ``path/to/file.py`` or ``path/to/file.py::name``.

    The file is imported as a module (it is the user's own code, as with pytest); its ``@claim``
    objects register. Returns the selected claims.
    """
    import importlib.util
    import pathlib
    import sys

    path, _, name = spec.partition("::")
    p = pathlib.Path(path)
    if not p.is_file():
        raise InputError(path, "no such claim file")
    modname = "exact_user_" + re.sub(r"\W", "_", str(p.resolve()))
    if modname in sys.modules:
        module = sys.modules[modname]
    else:
        before = set(REGISTRY)
        loader = importlib.util.spec_from_file_location(modname, p)
        if loader is None or loader.loader is None:
            raise InputError(path, "not a Python file")
        module = importlib.util.module_from_spec(loader)
        sys.modules[modname] = module
        try:
            loader.loader.exec_module(module)
        except SyntaxError as exc:
            del sys.modules[modname]
            raise InputError(path, f"syntax error on line {exc.lineno}: {exc.msg}") from None
        except Exception as exc:  # noqa: BLE001 - the user's module failed while importing
            del sys.modules[modname]
            for k in set(REGISTRY) - before:
                del REGISTRY[k]
            raise InputError(path, f"cannot import: {type(exc).__name__}: {exc}") from None
        module.__exact_new__ = [k for k in REGISTRY if k not in before]
    found = list({id(v): v for v in vars(module).values() if isinstance(v, Claim)}.values())
    if name:
        found = list({id(c): c for k, c in vars(module).items() if isinstance(c, Claim) and
                      (k == name or c.id == name)}.values())
        if not found:
            raise UnknownClaim(spec, f"no claim named {name!r} in {path}")
    if not found:
        raise UnknownClaim(path, "the file defines no @claim")
    for c in found:
        c.module = c.module or modname
        c.source_file = str(p.resolve())
    return found


def get_claim(cid: str) -> Claim:
    """The registered claim ``cid`` (loading the built-in papers first)."""
    if "::" in cid or cid.endswith(".py"):
        found = load_claim_file(cid)
        if len(found) != 1:
            raise UnknownClaim(cid, f"{len(found)} claims in file; name one with ::name")
        return found[0]
    if cid not in REGISTRY:
        _load_builtin_claims(cid.split("/", 1)[0])   # only the claim's own paper
    if cid not in REGISTRY:
        raise UnknownClaim(cid, "unknown claim id (see `exact list`)")
    return REGISTRY[cid]


def select_claims(selectors: Optional[list[str]] = None, keyword: Optional[str] = None
                  ) -> list[Claim]:
    """Claims named by ids, paper keys, patterns (``sef/theorem-*``) or user files, filtered by a
    ``-k`` keyword expression, in natural id order (rules: :mod:`exact.select`).

    Without selectors every registered claim is a candidate for ``keyword``.
    """
    from .papers import paper_packages
    from .select import keyword_filter, select
    pred = keyword_filter(keyword) if keyword is not None else None
    if selectors:
        # import only the papers the selectors name (a user file needs none of them)
        papers = paper_packages()
        for sel in selectors:
            key = str(sel).split("/", 1)[0]
            if "::" in str(sel) or str(sel).endswith(".py"):
                continue
            if key in papers:
                _load_builtin_claims(key)
            else:
                _load_builtin_claims()
        try:
            out = select(list(selectors), REGISTRY, load_claim_file, papers)
        except UnknownClaim:
            _load_builtin_claims()       # suggestions from every paper's ids
            out = select(list(selectors), REGISTRY, load_claim_file, papers)
    else:
        _load_builtin_claims()
        out = dict(REGISTRY)
    if pred is not None:
        out = {k: c for k, c in out.items() if pred(k)}
        if not out:
            raise UnknownClaim("-k", f"no selected claim matches {keyword!r}")
    return [out[k] for k in sorted(out, key=_natural)]


def all_claims() -> list[Claim]:
    _load_builtin_claims()
    return [REGISTRY[k] for k in sorted(REGISTRY, key=_natural)]


def _natural(key: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", key)]
