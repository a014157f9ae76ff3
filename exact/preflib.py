"""Read PrefLib ordinal preference files (SOC, SOI, TOC, TOI) into profiles, strictly.

PrefLib (https://www.preflib.org, Mattei and Walsh 2013) publishes real preference data in four
ordinal formats: strict orders, complete (``soc``) or incomplete (``soi``), and orders with
ties, complete (``toc``) or incomplete (``toi``). A file is a header of ``# KEY: value`` lines
(``DATA TYPE``, ``NUMBER ALTERNATIVES``, ``NUMBER VOTERS``, ``NUMBER UNIQUE ORDERS``, one
``ALTERNATIVE NAME k`` per alternative, and descriptive keys) followed by one line per distinct
order, ``multiplicity: order``, with alternatives numbered from 1 and ties in braces::

    3: 2,1,3
    1: 1,{2,3}

This module is a small parser of its own (no code is evaluated, nothing is downloaded): every
line is checked, and a malformed file raises :class:`exact.InputError` naming the file, the line
and the field (``rooms.soc:19 order[2]: alternative 7 is not one of 1..4``). The header's counts
must match the orders, an order must not repeat, and a ``soc``/``toc`` order must rank every
alternative.

Alternatives become objects ``0..m-1`` (PrefLib's alternative ``k`` is object ``k - 1``) and
voters become agents in file order, each order repeated by its multiplicity.
:meth:`PrefLibData.profile` gives a strict :class:`~exact.prefs.Profile` (truncated for ``soi``);
:meth:`PrefLibData.weak_profile` gives weak rankings (tuples of indifference classes, the form
of :func:`exact.strategies.weak_profiles`). :class:`PrefLibProfiles` is a domain of the
sub-profiles of ``k`` voters of a file, so a claim can be checked on real preferences.

References
----------
.. [1] N. Mattei, T. Walsh, "PrefLib: A Library for Preferences", ADT 2013, LNCS 8176, 259-270.
   https://doi.org/10.1007/978-3-642-41575-3_20

Examples
--------
>>> data = parse_preflib('''# DATA TYPE: soc
... # NUMBER ALTERNATIVES: 2
... # NUMBER VOTERS: 3
... # NUMBER UNIQUE ORDERS: 2
... # ALTERNATIVE NAME 1: a
... # ALTERNATIVE NAME 2: b
... 2: 1,2
... 1: 2,1
... ''')
>>> data.profile()
Profile([(0, 1), (0, 1), (1, 0)])
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import math
import os
import re
from typing import Any, Iterator, Optional, Sequence

from .claims import Domain
from .errors import InputError
from .prefs import Profile

__all__ = ["DATA_TYPES", "PrefLibData", "parse_preflib", "read_preflib", "PrefLibProfiles"]

#: data type -> (strict, complete)
DATA_TYPES = {"soc": (True, True), "soi": (True, False), "toc": (False, True),
              "toi": (False, False)}
#: the descriptive header keys of PrefLib's format (values kept as text)
TEXT_KEYS = ("FILE NAME", "TITLE", "DESCRIPTION", "DATA TYPE", "MODIFICATION TYPE",
             "RELATES TO", "RELATED FILES", "PUBLICATION DATE", "MODIFICATION DATE")
COUNT_KEYS = ("NUMBER ALTERNATIVES", "NUMBER VOTERS", "NUMBER UNIQUE ORDERS")
#: largest file read (bytes) and longest number accepted (digits): hostile-input guards
MAX_BYTES = 20_000_000
MAX_DIGITS = 12

_ALT_NAME = re.compile(r"ALTERNATIVE NAME (\d+)")
_DATA = re.compile(r"\s*(\S*?)\s*:(.*)")
_ELEMENT = re.compile(r"\s*(?:(\d+)|\{([^{}]*)\})\s*(,|$)")
_NUMBER = re.compile(r"\d+")

WeakRanking = tuple  # tuple of indifference classes (sorted tuples of objects), best first


@dataclasses.dataclass(frozen=True)
class PrefLibData:
    """The contents of one PrefLib ordinal file, validated.

    Attributes
    ----------
    source : str
        the file's name, used in messages.
    data_type : {"soc", "soi", "toc", "toi"}
    header : tuple of (key, value)
        the descriptive header lines, in file order.
    alternatives : tuple of str
        ``alternatives[j]`` names object ``j`` (PrefLib's alternative ``j + 1``).
    orders : tuple of (multiplicity, weak ranking)
        the distinct orders in file order, objects numbered from 0.
    lines : tuple of int
        the line of each order in the file.
    sha256 : str
        digest of the file's text (it identifies the data in a claim's domain).
    """

    source: str
    data_type: str
    header: tuple
    alternatives: tuple
    orders: tuple
    lines: tuple
    sha256: str

    @property
    def n_voters(self) -> int:
        return sum(c for c, _ in self.orders)

    @property
    def n_alternatives(self) -> int:
        return len(self.alternatives)

    @property
    def is_strict(self) -> bool:
        """No order has a tie."""
        return all(len(t) == 1 for _, r in self.orders for t in r)

    def meta(self, key: str) -> str:
        """The value of a descriptive header key ('' when absent)."""
        return dict(self.header).get(key, "")

    def weak_profile(self) -> tuple:
        """One weak ranking per voter, in file order (see :mod:`exact.strategies`)."""
        return tuple(r for c, r in self.orders for _ in range(c))

    def voter_lines(self) -> tuple:
        """The file line of each voter's order."""
        return tuple(ln for (c, _), ln in zip(self.orders, self.lines) for _ in range(c))

    def profile(self, voters: Optional[Sequence[int]] = None) -> Profile:
        """The strict profile of the voters (all, or those listed, as agents ``0, 1, ...``).

        Raises
        ------
        InputError
            naming the line of the first order with a tie (a strict profile cannot hold one),
            or the bad voter index.
        """
        rankings, lines = self.weak_profile(), self.voter_lines()
        picked = range(len(rankings)) if voters is None else voters
        rows = []
        for k, v in enumerate(picked):
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < len(rankings):
                raise InputError(f"voters[{k}]", f"not a voter index 0..{len(rankings) - 1}: "
                                                 f"{v!r}")
            for t, tier in enumerate(rankings[v]):
                if len(tier) > 1:
                    raise InputError(f"{self.source}:{lines[v]} order[{t}]",
                                     f"a tie {{{','.join(str(o + 1) for o in tier)}}}: a "
                                     f"strict profile cannot hold it (use weak_profile())")
            rows.append(tuple(tier[0] for tier in rankings[v]))
        return Profile(rows, self.n_alternatives)


def read_preflib(path: str | os.PathLike) -> PrefLibData:
    """Read and validate a PrefLib ``.soc``/``.soi``/``.toc``/``.toi`` file.

    The extension, when it is one of the four, must agree with the header's ``DATA TYPE``.

    Raises
    ------
    InputError
        naming the file, the line and the field.
    """
    name = os.path.basename(os.fspath(path))
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise InputError(name, f"file larger than {MAX_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}", f"not UTF-8 text (byte {exc.start})") from None
    ext = os.path.splitext(name)[1][1:].lower()
    return parse_preflib(text, data_type=ext if ext in DATA_TYPES else None, source=name)


def parse_preflib(text: str, data_type: Optional[str] = None,
                  source: str = "<preflib>") -> PrefLibData:
    """Parse the text of a PrefLib ordinal file (see the module docstring for the format).

    Parameters
    ----------
    text : str
    data_type : {"soc", "soi", "toc", "toi"}, optional
        the expected type (e.g. from the file extension); must equal the header's.
    source : str
        the name used in error messages.
    """
    if not isinstance(text, str):
        raise InputError(source, f"expected text, got {type(text).__name__}")
    if len(text) > MAX_BYTES:
        raise InputError(source, f"text longer than {MAX_BYTES:,} characters")
    lines = text.splitlines()
    header: list = []
    counts: dict = {}
    names: dict = {}
    seen_at: dict = {}
    k = 0
    for k, line in enumerate(lines, 1):
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        key, value = key.strip(), value.strip()
        where = f"{source}:{k}"
        if not sep or not key:
            raise InputError(where, f"header line is not '# KEY: value': {_shown(line)}")
        if key in seen_at:
            raise InputError(f"{where} {key}", f"repeated (first on line {seen_at[key]})")
        seen_at[key] = k
        m = _ALT_NAME.fullmatch(key)
        if m:
            names[_count(m.group(1), f"{where} {key}", 1)] = (value, k)
        elif key in COUNT_KEYS:
            counts[key] = (_count(value, f"{where} {key}", 0), k)
        elif key in TEXT_KEYS:
            header.append((key, value))
        else:
            raise InputError(where, f"unknown header key {key!r} (PrefLib's keys: "
                                    f"{', '.join(TEXT_KEYS + COUNT_KEYS)}, ALTERNATIVE NAME k)")
    else:
        k = len(lines) + 1
    body_start = k

    head = dict(header)
    declared = head.get("DATA TYPE", "").lower()
    if declared not in DATA_TYPES:
        line = seen_at.get("DATA TYPE")
        raise InputError(f"{source}:{line} DATA TYPE" if line else f"{source} DATA TYPE",
                         f"must be one of {', '.join(DATA_TYPES)}, got {declared!r}" if line
                         else "missing (an ordinal PrefLib file says soc, soi, toc or toi)")
    if data_type is not None and data_type != declared:
        raise InputError(f"{source}:{seen_at['DATA TYPE']} DATA TYPE",
                         f"the file says {declared!r} but {data_type!r} was expected "
                         f"(file extension)")
    for key in COUNT_KEYS:
        if key not in counts:
            raise InputError(f"{source} {key}", "missing from the header")
    m, m_line = counts["NUMBER ALTERNATIVES"]
    for j, (_, line) in sorted(names.items()):
        if j > m:
            raise InputError(f"{source}:{line} ALTERNATIVE NAME {j}",
                             f"there are {m} alternatives (NUMBER ALTERNATIVES, line {m_line})")
    missing = [j for j in range(1, m + 1) if j not in names]
    if missing:
        raise InputError(f"{source} ALTERNATIVE NAME {missing[0]}", f"missing ({len(missing)} "
                                                                     f"of {m} alternatives "
                                                                     f"unnamed)")
    strict, complete = DATA_TYPES[declared]

    orders: list = []
    order_lines: list = []
    first_line: dict = {}
    for k in range(body_start, len(lines) + 1):
        line = lines[k - 1]
        where = f"{source}:{k}"
        if not line.strip():
            continue
        if line.startswith("#"):
            raise InputError(where, "header line after the orders")
        mm = _DATA.fullmatch(line)
        if mm is None:
            raise InputError(where, f"expected 'multiplicity: order', got {_shown(line)}")
        count = _count(mm.group(1), f"{where} multiplicity", 1)
        ranking = _order(mm.group(2), m, strict, complete, declared, where)
        if ranking in first_line:
            raise InputError(f"{where} order", f"same order as line {first_line[ranking]} "
                                               f"(PrefLib lists each order once, with its "
                                               f"multiplicity)")
        first_line[ranking] = k
        orders.append((count, ranking))
        order_lines.append(k)
    if not orders:
        raise InputError(source, "no orders after the header")
    voters, v_line = counts["NUMBER VOTERS"]
    if sum(c for c, _ in orders) != voters:
        raise InputError(f"{source}:{v_line} NUMBER VOTERS",
                         f"the header says {voters} but the multiplicities sum to "
                         f"{sum(c for c, _ in orders)}")
    unique, u_line = counts["NUMBER UNIQUE ORDERS"]
    if len(orders) != unique:
        raise InputError(f"{source}:{u_line} NUMBER UNIQUE ORDERS",
                         f"the header says {unique} but the file has {len(orders)} orders")
    return PrefLibData(source=source, data_type=declared, header=tuple(header),
                       alternatives=tuple(names[j][0] for j in range(1, m + 1)),
                       orders=tuple(orders), lines=tuple(order_lines),
                       sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _shown(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit - 3] + "...")


def _count(text: str, field: str, low: int) -> int:
    if not _NUMBER.fullmatch(text) or len(text) > MAX_DIGITS:
        raise InputError(field, f"expected an integer >= {low}, got {_shown(text)}")
    value = int(text)
    if value < low:
        raise InputError(field, f"expected an integer >= {low}, got {value}")
    return value


def _order(text: str, m: int, strict: bool, complete: bool, data_type: str,
           where: str) -> WeakRanking:
    """One order: alternatives 1..m separated by commas, ties in braces; objects from 0."""
    tiers: list = []
    seen: set = set()
    pos, k = 0, 0
    body = text.rstrip()
    if not body.strip():
        raise InputError(f"{where} order", "empty order")
    while pos < len(body):
        mm = _ELEMENT.match(body, pos)
        field = f"{where} order[{k}]"
        if mm is None:
            raise InputError(field, f"expected an alternative or a {{tie}} at "
                                    f"{_shown(body[pos:].strip(), 20)}")
        single, tie, sep = mm.groups()
        if tie is not None:
            if strict:
                raise InputError(field, f"a tie {{{tie.strip()}}} in a {data_type} file "
                                        f"(strict orders only)")
            items = [s.strip() for s in tie.split(",")]
        else:
            items = [single]
        tier = []
        for s in items:
            if not s:
                raise InputError(field, f"empty alternative in {{{tie}}}")
            a = _count(s, field, 1)
            if a > m:
                raise InputError(field, f"alternative {a} is not one of 1..{m}")
            if a in seen:
                raise InputError(field, f"alternative {a} appears twice")
            seen.add(a)
            tier.append(a - 1)
        tiers.append(tuple(sorted(tier)))
        pos, k = mm.end(), k + 1
        if sep == "," and pos >= len(body):
            raise InputError(f"{where} order[{k}]", "missing alternative after the last comma")
    if complete and len(seen) != m:
        absent = min(set(range(1, m + 1)) - seen)
        raise InputError(f"{where} order", f"ranks {len(seen)} of {m} alternatives (not "
                                           f"{absent}); a {data_type} order ranks every one")
    return tuple(tiers)


class PrefLibProfiles(Domain):
    """Every profile of ``agents`` voters of a strict PrefLib file: a domain for claims.

    Instances are :class:`~exact.prefs.Profile`s of the chosen voters (kept in file order, as
    agents ``0..agents-1``) over all the file's alternatives, enumerated by the voters'
    combinations in lexicographic order; ``agents`` defaults to every voter (one instance).
    Two choices of voters with equal orders give equal profiles: each is checked (they are
    different agents of the data).

    The domain's parameters (``describe``) include the file's SHA-256, so a changed file is a
    changed domain for the journal and the records.

    Examples
    --------
    >>> d = PrefLibProfiles(parse_preflib(_DOCTEST), agents=2)
    >>> d.count(2), list(d.instances(2))
    (3, [Profile([(0, 1), (0, 1)]), Profile([(0, 1), (1, 0)]), Profile([(0, 1), (1, 0)])])
    """

    def __init__(self, data: PrefLibData, agents: Optional[int] = None,
                 name: Optional[str] = None):
        if not isinstance(data, PrefLibData):
            raise InputError("data", f"expected PrefLibData (read_preflib), got "
                                     f"{type(data).__name__}")
        data.profile()                      # strict orders only: names the first tie's line
        n = data.n_voters
        if agents is None:
            agents = n
        if isinstance(agents, bool) or not isinstance(agents, int) or not 1 <= agents <= n:
            raise InputError("agents", f"must be an integer in 1..{n} (voters of "
                                       f"{data.source}), got {agents!r}")
        self.data = data
        self.agents = agents
        self.sizes = (agents,)
        self.name = name or (f"profiles of {agents} of the {n} voters of {data.source} "
                             f"({data.n_alternatives} alternatives, PrefLib {data.data_type})")
        self._rankings = data.profile().rankings

    def describe(self) -> dict:
        return {"name": self.name, "file": self.data.source, "sha256": self.data.sha256,
                "agents": self.agents}

    def count(self, size: int) -> int:
        return math.comb(self.data.n_voters, self.agents) if size == self.agents else 0

    def _profile(self, voters: Sequence[int]) -> Profile:
        return Profile([self._rankings[v] for v in voters], self.data.n_alternatives)

    def instances(self, size: int, start: int = 0, stop: Optional[int] = None) -> Iterator[Any]:
        if size != self.agents:
            return
        combos = itertools.combinations(range(self.data.n_voters), self.agents)
        for voters in itertools.islice(combos, start, stop):
            yield self._profile(voters)

    def size_of(self, instance: Profile) -> int:
        return instance.n

    def strategy(self, size: int):
        from hypothesis import strategies as st
        voters = st.lists(st.integers(0, self.data.n_voters - 1), min_size=self.agents,
                          max_size=self.agents, unique=True)
        return voters.map(lambda vs: self._profile(sorted(vs)))

    def to_json(self, instance: Profile) -> list:
        return [list(r) for r in instance.rankings]

    def from_json(self, data: Any) -> Profile:
        """A profile of this domain: the file's orders of ``agents`` voters, in file order."""
        if not isinstance(data, list) or len(data) != self.agents:
            raise InputError("instance", f"expected a list of {self.agents} rankings, "
                                         f"got {data!r}")
        p = Profile.parse(data, self.data.n_alternatives, field="instance")
        at = 0
        for i, r in enumerate(p.rankings):   # greedy: the earliest voter with this order
            while at < len(self._rankings) and self._rankings[at] != r:
                at += 1
            if at == len(self._rankings):
                raise InputError(f"instance[{i}]", f"no later voter of {self.data.source} "
                                                   f"has the order {list(r)}")
            at += 1
        return p


_DOCTEST = """# DATA TYPE: soc
# NUMBER ALTERNATIVES: 2
# NUMBER VOTERS: 3
# NUMBER UNIQUE ORDERS: 2
# ALTERNATIVE NAME 1: a
# ALTERNATIVE NAME 2: b
2: 1,2
1: 2,1
"""
