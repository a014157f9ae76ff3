"""Exact identities of polynomials and rational functions over Q, and exact spot checks.

A paper's algebra ("by (19), c'(q) = -n G(m-1; n-1, 1-q)") is a claim that two expressions are
the same rational function. :func:`prove_identity` decides it exactly: both sides become
python-flint ``fmpq_mpoly`` fractions, the residual ``lhs - rhs`` is brought to lowest terms, and
the identity holds iff its numerator is the zero polynomial. A false identity comes with a
*witness*: a rational point, away from every pole of either side, where the two sides take
different exact values (re-checked by sympy's own exact evaluation).

Expressions outside the decided fragment (``sqrt``, ``exp``, ``log``, ``min``, ``max``,
fractional powers) are never declared to hold: the record says ``holds=None, method="undecided"``
unless a spot check finds a certified disagreement, which refutes the identity.

:func:`spot_check` evaluates both sides at random rational points. Rational values are compared
exactly; other values with rigorous ball arithmetic (python-flint ``arb``: a ball that excludes 0
certifies a difference) and, for algebraic values, sympy's exact minimal polynomial (certifies
equality). Floats never decide anything.

The safe parser lives in :mod:`exact.parse` and real algebraic numbers in :mod:`exact.algebraic`;
both are re-exported here.

Examples
--------
>>> q, phi = sympy.symbols("q phi")
>>> prove_identity((1 - q**2) / (1 - q), 1 + q).holds
True
>>> r = prove_identity((q + phi)**2, q**2 + phi**2)
>>> r.holds, r.residual, r.witness
(False, '2*phi*q', {'phi': 1, 'q': 1})
"""

from __future__ import annotations

import dataclasses
import math
import random
from typing import Any, Iterator, Mapping, Optional, Sequence

import sympy
from flint import fmpq, fmpq_mpoly, fmpq_mpoly_ctx

from .algebraic import RealAlgebraic, arb_enclosure, real_roots
from .errors import CertificateError, InputError
from .numbers import Q, as_q, parse_q, to_jsonable, to_sympy
from .parse import parse_expression

__all__ = ["parse_expression", "prove_identity", "spot_check", "spot_values", "Identity",
           "Evaluation", "rational_function", "evaluate", "OutsideFragment", "RealAlgebraic",
           "real_roots"]

#: Largest total degree :func:`prove_identity` will expand (guards against hostile input).
MAX_DEGREE = 10_000
#: Largest number of terms an expansion may reach (guards against ``(x+y+z)^4096``).
MAX_TERMS = 2_000_000
#: Most distinct radicals in a difference whose minimal polynomial a spot check computes (the
#: degree can reach 2^MAX_RADICALS); beyond it equal irrational values stay undecided.
MAX_RADICALS = 5


class OutsideFragment(InputError):
    """The expression is not a rational function over Q of the given symbols."""


# -- symbols ----------------------------------------------------------------------------------

def _resolve_symbols(exprs: Sequence, symbols, field: str = "symbols") -> list:
    """The ordered list of sympy Symbols that are the variables."""
    free: set = set()
    for e in exprs:
        free |= e.free_symbols
    by_name: dict = {}
    for s in free:
        if s.name in by_name and by_name[s.name] != s:
            raise InputError(field, f"two different symbols are named {s.name!r} (different "
                                    f"assumptions); rename one")
        by_name[s.name] = s
    if symbols is None:
        return sorted(free, key=lambda s: s.name)
    if isinstance(symbols, (str, sympy.Symbol)):
        symbols = (symbols,)
    out = []
    for s in symbols:
        if isinstance(s, sympy.Symbol):
            out.append(s if by_name.get(s.name, s) == s else by_name[s.name])
        elif isinstance(s, str):
            out.append(by_name.get(s, sympy.Symbol(s)))
        else:
            raise InputError(field, f"expected names or sympy Symbols, got {type(s).__name__}")
    names = [s.name for s in out]
    if len(set(names)) != len(names):
        raise InputError(field, f"a symbol is listed twice: {names}")
    extra = sorted(set(by_name) - set(names))
    if extra:
        raise InputError(field, f"the expression contains {', '.join(extra)}, which is not "
                                f"among the symbols {names}")
    return out


def _side(e, field: str, symbols=None):
    """Accept sympy expressions, exact numbers (int, fmpq, Fraction) and text, which goes through
    the safe :func:`parse_expression` with ``symbols`` as the whitelist; refuse floats."""
    if isinstance(e, str):
        if isinstance(symbols, (str, sympy.Symbol)):
            symbols = (symbols,)
        try:
            return parse_expression(e, tuple(symbols or ()))
        except InputError as exc:
            raise InputError(field, exc.problem) from None
    if isinstance(e, float):
        raise InputError(field, f"floats are not exact: {e!r}")
    if not isinstance(e, sympy.Basic):
        try:
            e = to_sympy(as_q(e))
        except TypeError:
            raise InputError(field, f"expected a sympy expression, got "
                                    f"{type(e).__name__}") from None
    if e.atoms(sympy.Float):
        raise InputError(field, f"contains the float {sorted(e.atoms(sympy.Float), key=str)[0]}"
                                f"; floats are not exact (use sympy.Rational)")
    if e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise InputError(field, "is undefined (contains zoo, nan or oo)")
    return e


# -- sympy -> flint rational functions -----------------------------------------------------------

class _Frac:
    """A fraction num/den of fmpq_mpoly in lowest terms with a monic denominator."""

    __slots__ = ("num", "den")

    def __init__(self, num: fmpq_mpoly, den: fmpq_mpoly, reduce: bool = True):
        if reduce and not den.is_one():
            g = num.gcd(den)
            if not g.is_one():
                num, den = num / g, den / g
            lc = den.leading_coefficient()
            if lc != 1:
                num, den = num / lc, den / lc
        self.num, self.den = num, den


def _context(symbols: Sequence) -> fmpq_mpoly_ctx:
    """The flint context with one generator per symbol: its name when it is a plain ASCII
    identifier (flint's names are ASCII), else ``_v<i>``."""
    names = tuple(s.name if s.name.isascii() and s.name.isidentifier() else f"_v{i}"
                  for i, s in enumerate(symbols))
    return fmpq_mpoly_ctx.get(names, "lex")


class _Converter:
    def __init__(self, symbols: list, field: str, max_degree: int):
        self.ctx = _context(symbols)
        self.index = {s: i for i, s in enumerate(symbols)}
        self.gens = self.ctx.gens()
        self.field = field
        self.max_degree = max_degree
        self.poles: list = []          # numerators of the bases raised to negative powers
        self.one = self.ctx.constant(1)
        self.memo: dict = {}           # sympy shares subexpressions: convert each once

    def size_guard(self, terms: int, degree: int) -> None:
        """Refuse an expansion that may exceed MAX_TERMS terms (checked before computing it)."""
        n = len(self.gens)
        if degree > self.max_degree:
            raise InputError(self.field, f"total degree above {self.max_degree}")
        if terms > MAX_TERMS and math.comb(degree + n, n) > MAX_TERMS:
            raise InputError(self.field, f"the expansion may have more than {MAX_TERMS} terms")

    def product(self, a: fmpq_mpoly, b: fmpq_mpoly) -> fmpq_mpoly:
        self.size_guard(len(a) * len(b), a.total_degree() + b.total_degree())
        return a * b

    def power(self, a: fmpq_mpoly, k: int) -> fmpq_mpoly:
        t = len(a)
        self.size_guard(math.comb(t + k - 1, k) if t > 1 else 1, max(a.total_degree(), 0) * k)
        return a ** k

    def __call__(self, e) -> _Frac:
        f = self.memo.get(e)
        if f is None:
            f = self.memo[e] = self.convert(e)
        return f

    def convert(self, e) -> _Frac:
        if e.is_Rational:
            return _Frac(self.ctx.constant(Q(int(e.p), int(e.q))), self.one, reduce=False)
        if e.is_Symbol:
            if e not in self.index:
                raise OutsideFragment(self.field, f"unknown symbol {e}")
            return _Frac(self.gens[self.index[e]], self.one, reduce=False)
        if e.is_Add:
            acc = None
            for a in e.args:
                f = self(a)
                if acc is None:
                    acc = f
                elif acc.den == f.den:
                    acc = _Frac(acc.num + f.num, acc.den)
                else:
                    acc = _Frac(self.product(acc.num, f.den) + self.product(f.num, acc.den),
                                self.product(acc.den, f.den))
            return acc
        if e.is_Mul:
            acc = None
            for a in e.args:
                f = self(a)
                if acc is None:
                    acc = f
                else:
                    acc = _Frac(self.product(acc.num, f.num), self.product(acc.den, f.den))
            return acc
        if e.is_Pow and e.exp.is_Integer:
            k = int(e.exp)
            b = self(e.base)
            if k >= 0:
                return _Frac(self.power(b.num, k), self.power(b.den, k), reduce=False)
            if b.num.is_zero():
                raise InputError(self.field, "division by zero")
            self.poles.append(b.num)
            return _Frac(self.power(b.den, -k), self.power(b.num, -k))
        shown = sympy.sstr(e)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise OutsideFragment(self.field, f"{shown} is not a rational function of the symbols "
                                          f"(only + - * / and integer powers are decided "
                                          f"exactly)")


def rational_function(expr, symbols=None, *, field: str = "expression",
                      max_degree: int = MAX_DEGREE):
    """Bring ``expr`` to lowest terms ``num / den`` over Q as python-flint ``fmpq_mpoly``.

    Parameters
    ----------
    expr : sympy.Expr
        Built from rationals and the symbols by ``+``, ``-``, ``*``, ``/`` and integer powers.
    symbols : sequence of str or sympy.Symbol, optional
        The variables, in order (default: the free symbols sorted by name).

    Returns
    -------
    (num, den) : tuple of fmpq_mpoly
        Coprime, ``den`` monic in lex order; generator ``i`` is ``symbols[i]`` (named after it
        when the name is an ASCII identifier, else ``_v<i>``).

    Raises
    ------
    OutsideFragment
        (an :class:`InputError`) naming the first subexpression that is not rational.
    InputError
        for floats, a division by zero or a total degree above ``max_degree``.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> rational_function((x**2 - 1) / (2*x - 2))
    (1/2*x + 1/2, 1)
    """
    expr = _side(expr, field, symbols)
    syms = _resolve_symbols([expr], symbols)
    f = _Converter(syms, field, max_degree)(expr)
    return f.num, f.den


# -- witnesses -------------------------------------------------------------------------------------

def _small_rationals() -> Iterator[fmpq]:
    """0, 1, -1, 2, -2, 1/2, -1/2, 3, -3, 1/3, ... : every rational once, simplest first."""
    yield Q(0)
    h = 1
    while True:
        seen = []
        for p in range(1, h + 1):
            for q in range(1, h + 1):
                if max(p, q) == h and math.gcd(p, q) == 1:
                    seen.append(Q(p, q))
        seen.sort(key=lambda v: (v.q, v.p))
        for v in seen:
            yield v
            yield -v
        h += 1


def _nonzero_point(p: fmpq_mpoly, nvars: int) -> list:
    """A rational point where the nonzero polynomial ``p`` does not vanish (deterministic).

    Take the first variable ``x``; write ``p = sum_k c_k x^k`` and recursively find a point
    where a nonzero ``c_k`` does not vanish; then ``p`` is a nonzero univariate polynomial in
    ``x`` there, with at most ``deg`` roots, so one of the first ``deg + 1`` small rationals works.
    """
    if nvars == 0:
        return []
    terms = p.to_dict()
    # the coefficient of the lowest power of the first variable
    k = min(m[0] for m in terms)
    ctx = p.context()
    coeff = ctx.from_dict({(0,) + m[1:]: c for m, c in terms.items() if m[0] == k})
    rest = _nonzero_point(_drop_first(coeff), nvars - 1)
    names = ctx.names()
    uni = p.subs({names[i + 1]: v for i, v in enumerate(rest)}) if rest else p
    for v in _small_rationals():
        if uni.subs({names[0]: v}).to_dict():
            return [v] + rest


def _drop_first(p: fmpq_mpoly) -> fmpq_mpoly:
    """``p`` (free of the first variable) in the context without it."""
    ctx = p.context()
    names = ctx.names()[1:]
    sub = fmpq_mpoly_ctx.get(names, "lex") if names else fmpq_mpoly_ctx.get((), "lex")
    return sub.from_dict({m[1:]: c for m, c in p.to_dict().items()})


def _evaluate_frac(f: _Frac, point: Sequence[fmpq]) -> fmpq:
    return Q(f.num(*point)) / Q(f.den(*point))


@dataclasses.dataclass(frozen=True)
class Identity:
    """The exact verdict of :func:`prove_identity`.

    Attributes
    ----------
    holds : bool or None
        ``True``: the sides are the same rational function (equal wherever both are defined).
        ``False``: they differ at ``witness``. ``None``: outside the decided fragment.
    method : str
        ``"polynomial"`` (no division by a non-constant on either side),
        ``"rational-function"``, ``"point-evaluation"`` (refuted outside the fragment by a
        certified spot check) or ``"undecided"``.
    residual : str
        The numerator of ``lhs - rhs`` in lowest terms with a monic denominator (``"0"`` when it
        holds; ``""`` when undecided), in the parser's syntax, so ``parse_expression`` reads it.
    symbols : tuple of str
    witness : dict or None
        symbol name -> fmpq: a point, away from every pole, where ``lhs != rhs``.
    lhs_value, rhs_value : fmpq or sympy number, optional
        The exact values of the two sides at ``witness``.
    reason : str
        Why the identity is undecided, or how a refutation outside the fragment was certified.
    """

    holds: Optional[bool]
    method: str
    residual: str
    symbols: tuple
    witness: Optional[dict] = None
    lhs_value: Any = None
    rhs_value: Any = None
    reason: str = ""

    def __bool__(self) -> bool:
        """True only when the identity is proved (so ``if prove_identity(...)`` is safe)."""
        return self.holds is True

    def to_json(self) -> dict:
        """Plain JSON data (rationals as ``"p/q"`` strings)."""
        d = {"holds": self.holds, "method": self.method, "residual": self.residual,
             "symbols": list(self.symbols)}
        if self.witness is not None:
            d["witness"] = to_jsonable(self.witness)
            d["lhs_value"] = _value_json(self.lhs_value)
            d["rhs_value"] = _value_json(self.rhs_value)
        if self.reason:
            d["reason"] = self.reason
        return d


def _value_json(v):
    return to_jsonable(v) if isinstance(v, fmpq) else sympy.sstr(v)


def prove_identity(lhs, rhs, symbols=None, *, max_degree: int = MAX_DEGREE) -> Identity:
    """Decide exactly whether ``lhs == rhs`` as rational functions over Q.

    Parameters
    ----------
    lhs, rhs : sympy.Expr, exact number or str
        Typically polynomials or rational functions in ``symbols`` with rational coefficients.
        Text is read by :func:`parse_expression` with ``symbols`` as the only allowed names.
    symbols : sequence of str or sympy.Symbol, optional
        The variables (default: all free symbols, sorted by name). A free symbol that is not
        listed is an error: parameters are variables too (the identity must hold for all of them).
    max_degree : int
        Refuse expansions of total degree above this.

    Returns
    -------
    Identity
        ``holds=True`` iff the numerator of ``lhs - rhs`` (in lowest terms) is the zero
        polynomial; otherwise ``holds=False`` with a rational witness point at which both sides
        are defined and differ. Outside the fragment (``sqrt``, ``exp``, ``Min``, fractional
        powers, ...) ``holds=None`` and ``method="undecided"``, unless :func:`spot_check` certifies
        a disagreement (then ``holds=False``, ``method="point-evaluation"``). Never a false
        ``True``.

    Raises
    ------
    InputError
        for floats, unparsable text, undefined constants (``1/0``), a symbol not listed in ``symbols``.
    CertificateError
        if a witness does not re-check with sympy's independent exact evaluation (a bug).

    Notes
    -----
    "Holds as rational functions" means equality wherever both sides are defined:
    ``(1 - q^2)/(1 - q) = 1 + q`` holds, although the left side is undefined at ``q = 1``.
    The witness is found deterministically (small rationals first): it avoids the zeros of the
    residual numerator and of every denominator met while reading either side.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> prove_identity(x**3 - y**3, (x - y)*(x**2 + x*y + y**2)).method
    'polynomial'
    >>> r = prove_identity(1/(x - 1) - 1/(x + 1), 2/(x**2 - 1) + x)
    >>> r.holds, r.witness, r.lhs_value, r.rhs_value
    (False, {'x': 2}, 2/3, 8/3)
    """
    lhs = _side(lhs, "lhs", symbols)
    rhs = _side(rhs, "rhs", symbols)
    syms = _resolve_symbols([lhs, rhs], symbols)
    names = tuple(s.name for s in syms)
    conv = _Converter(syms, "lhs", max_degree)
    try:
        fl = conv(lhs)
        conv.field = "rhs"
        fr = conv(rhs)
    except OutsideFragment as exc:
        return _undecided(lhs, rhs, syms, exc.problem)
    diff = _Frac(fl.num * fr.den - fr.num * fl.den, fl.den * fr.den)
    # "rational-function" as soon as either side divides by a non-constant (even if it cancels)
    method = "rational-function" if any(not p.is_constant() for p in conv.poles) else \
        "polynomial"
    if diff.num.is_zero():
        return Identity(True, method, "0", names)
    guard = diff.num * fl.den * fr.den
    for p in conv.poles:
        guard = guard * p
    point = _nonzero_point(guard, len(syms))
    lv, rv = _evaluate_frac(fl, point), _evaluate_frac(fr, point)
    witness = dict(zip(names, point))
    _recheck(lhs, rhs, syms, point, lv, rv)
    return Identity(False, method, _poly_str(diff.num, names), names, witness, lv, rv)


def _poly_str(p: fmpq_mpoly, names: Sequence[str]) -> str:
    """``p`` in the parser's syntax with the symbols' own names, terms in lex order."""
    out = ""
    for mon, c in sorted(p.to_dict().items(), reverse=True):
        factors = [n if e == 1 else f"{n}^{e}" for n, e in zip(names, mon) if e]
        a = abs(c)
        body = "*".join(([str(a)] if a != 1 or not factors else []) + factors)
        if not out:
            out = "-" + body if c < 0 else body
        else:
            out += (" - " if c < 0 else " + ") + body
    return out or "0"


def _recheck(lhs, rhs, syms, point, lv, rv) -> None:
    """Independent check of a witness with sympy's exact evaluation."""
    sub = {s: to_sympy(v) for s, v in zip(syms, point)}
    a, b = lhs.xreplace(sub), rhs.xreplace(sub)
    if not (a.is_Rational and b.is_Rational and a == to_sympy(lv) and b == to_sympy(rv)
            and a != b):
        raise CertificateError(f"witness {sub} does not re-check: sympy gives {a} and {b}, "
                               f"flint gives {lv} and {rv}")


def _undecided(lhs, rhs, syms, why: str) -> Identity:
    names = tuple(s.name for s in syms)
    found = spot_check(lhs, rhs, syms, points=20, seed=0)
    if found is not None:
        return Identity(False, "point-evaluation", "", names, dict(found.point), found.lhs,
                        found.rhs, reason=f"outside the rational fragment ({why}); the sides "
                                          f"differ at the witness ({found.how})")
    return Identity(None, "undecided", "", names, reason=why)


# -- exact evaluation and spot checks -------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Evaluation:
    """Both sides at one rational point.

    ``lhs``/``rhs`` are fmpq when rational, else exact sympy numbers (``sqrt(3)/2``).
    ``equal`` is True/False when decided, None when undecidable at this precision; ``how`` is
    ``"exact"`` (rational values), ``"ball"`` (an arb ball of the difference excludes 0) or
    ``"minimal-polynomial"`` (the algebraic difference has minimal polynomial x), or
    ``"undecided"``.
    """

    point: Mapping[str, fmpq]
    lhs: Any
    rhs: Any
    equal: Optional[bool]
    how: str

    def to_json(self) -> dict:
        return {"point": to_jsonable(dict(self.point)), "lhs": _value_json(self.lhs),
                "rhs": _value_json(self.rhs), "equal": self.equal, "how": self.how}


def evaluate(expr, point: Mapping, symbols=None):
    """The exact value of ``expr`` at ``point`` (symbol name or Symbol -> rational).

    Returns fmpq when the value is rational, else the exact sympy number. Raises InputError
    (field ``"point"``) at a pole or for a non-real value, or when a symbol has no value.

    >>> q = sympy.Symbol("q")
    >>> evaluate((1 - q)**2 / 2, {"q": "1/3"})
    2/9
    """
    expr = _side(expr, "expression", symbols)
    syms = _resolve_symbols([expr], symbols)
    values = {}
    for s in syms:
        v = point.get(s.name, point.get(s)) if isinstance(point, Mapping) else None
        if v is None:
            raise InputError("point", f"no value for {s.name}")
        values[s] = parse_q(v, f"point[{s.name}]")
    value = expr.xreplace({s: to_sympy(v) for s, v in values.items()})
    shown = sympy.sstr(expr)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise InputError("point", f"{shown} is undefined at {to_jsonable(values)}")
    if value.is_Rational:
        return Q(int(value.p), int(value.q))
    if value.has(sympy.I) or value.free_symbols:
        raise InputError("point", f"{shown} is not a real number at {to_jsonable(values)}")
    return value


def _compare(a, b) -> tuple[Optional[bool], str]:
    """Decide a == b for exact real constants: exactly, by balls, or by minimal polynomial."""
    if isinstance(a, fmpq) and isinstance(b, fmpq):
        return a == b, "exact"
    sa = to_sympy(a) if isinstance(a, fmpq) else a
    sb = to_sympy(b) if isinstance(b, fmpq) else b
    d = sa - sb
    if d.is_Rational:
        return d == 0, "exact"
    for prec in (128, 1024):
        ball = arb_enclosure(d, prec)
        if ball is None:
            break
        if not ball.contains(0):
            return False, "ball"
    algebraic = all(p.exp.is_Rational for p in d.atoms(sympy.Pow)) and not d.atoms(
        sympy.Function) and not d.has(sympy.pi, sympy.E)
    radicals = {p for p in d.atoms(sympy.Pow) if not p.exp.is_Integer}
    if algebraic and len(radicals) <= MAX_RADICALS:
        x = sympy.Dummy("x")
        try:
            m = sympy.minimal_polynomial(d, x)
        except (NotImplementedError, sympy.polys.polyerrors.NotAlgebraic):
            return None, "undecided"
        return m == x, "minimal-polynomial"
    return None, "undecided"


def _draw(rng: random.Random, lo: fmpq, hi: fmpq, max_den: int) -> fmpq:
    """A random rational in [lo, hi] with denominator at most max_den."""
    for _ in range(100):
        den = rng.randint(1, max_den)
        a, b = int((lo * den).ceil()), int((hi * den).floor())
        if a <= b:
            return Q(rng.randint(a, b), den)
    return lo


def _domains(domain, syms) -> dict:
    if isinstance(domain, Mapping):
        out = {}
        for s in syms:
            if s.name not in domain:
                raise InputError("domain", f"no interval for {s.name}")
            out[s] = domain[s.name]
    else:
        out = {s: domain for s in syms}
    parsed = {}
    for s, d in out.items():
        if not isinstance(d, (tuple, list)) or len(d) != 2:
            raise InputError(f"domain[{s.name}]", f"expected (lo, hi), got {d!r}")
        lo, hi = parse_q(d[0], f"domain[{s.name}][0]"), parse_q(d[1], f"domain[{s.name}][1]")
        if lo > hi:
            raise InputError(f"domain[{s.name}]", f"empty interval [{lo}, {hi}]")
        parsed[s] = (lo, hi)
    return parsed


def spot_values(lhs, rhs, symbols=None, points: int = 20, seed: int = 0,
                domain=(0, 1), *, max_den: int = 64) -> list:
    """Evaluate both sides exactly at ``points`` random rational points, skipping poles.

    Parameters
    ----------
    lhs, rhs : sympy.Expr or str (read by :func:`parse_expression`)
        Any real expressions the parser can build (rational functions, ``sqrt``, ``exp``,
        ``log``, ``Min``, ``Max``, rational powers).
    symbols : sequence of str or sympy.Symbol, optional
    points : int
        How many points to evaluate.
    seed : int
        Seed of the random draw (the same seed gives the same points).
    domain : (lo, hi) or dict name -> (lo, hi)
        Rational bounds (numbers or strings such as ``"1/3"``); default the unit interval.
    max_den : int
        Largest denominator of the drawn coordinates.

    Returns
    -------
    list of Evaluation
        In drawing order; points where either side is undefined or not real are skipped (at
        most ``10 * points`` draws are made).
    """
    lhs = _side(lhs, "lhs", symbols)
    rhs = _side(rhs, "rhs", symbols)
    if not isinstance(points, int) or points < 0:
        raise InputError("points", f"must be a nonnegative int, got {points!r}")
    syms = _resolve_symbols([lhs, rhs], symbols)
    bounds = _domains(domain, syms)
    rng = random.Random(seed)
    fast = None
    conv = _Converter(syms, "lhs", MAX_DEGREE)
    try:
        fast = (conv(lhs), conv(rhs), conv.poles)
    except OutsideFragment:
        fast = None
    out: list = []
    draws = 0
    while len(out) < points and draws < 10 * max(points, 1):
        draws += 1
        pt = [_draw(rng, *bounds[s], max_den) for s in syms]
        named = {s.name: v for s, v in zip(syms, pt)}
        if fast is not None:
            fl, fr, poles = fast
            if any(p(*pt) == 0 for p in poles) or fl.den(*pt) == 0 or fr.den(*pt) == 0:
                continue
            a, b = _evaluate_frac(fl, pt), _evaluate_frac(fr, pt)
            out.append(Evaluation(named, a, b, a == b, "exact"))
            continue
        try:
            a = evaluate(lhs, named, syms)
            b = evaluate(rhs, named, syms)
        except InputError:
            continue
        equal, how = _compare(a, b)
        out.append(Evaluation(named, a, b, equal, how))
    return out


def spot_check(lhs, rhs, symbols=None, points: int = 20, seed: int = 0, domain=(0, 1), *,
               max_den: int = 64) -> Optional[Evaluation]:
    """The first certified disagreement of ``lhs`` and ``rhs`` at random rational points, or None.

    Same parameters as :func:`spot_values`. A returned :class:`Evaluation` has ``equal=False``:
    an exact refutation (rational values compared exactly, or a rigorous ball excluding 0).
    ``None`` means no disagreement was found, which is evidence, not a proof: use
    :func:`prove_identity` for rational functions.

    >>> q = sympy.Symbol("q")
    >>> spot_check(sympy.sqrt(q**2), q, domain=(0, 1)) is None
    True
    >>> spot_check(sympy.sqrt(q**2), q, domain=(-1, 0)).how
    'exact'
    >>> spot_check(sympy.sqrt(q**2 + 1), q + 1).how
    'ball'
    """
    for ev in spot_values(lhs, rhs, symbols, points, seed, domain, max_den=max_den):
        if ev.equal is False:
            return ev
    return None
