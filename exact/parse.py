"""A safe parser for user-written formulas: a whitelisted grammar that builds sympy objects.

User text (a cost function in a JSON instance, a formula on the command line) never reaches
``eval``, ``exec``, ``sympify`` or ``parse_expr``. :func:`parse_expression` has its own tokenizer
and recursive-descent parser; it builds the expression with sympy's constructors only
(``Integer``, ``Rational``, ``Symbol``, ``Add``, ``Mul``, ``Pow``, ``sqrt``, ...), so the only
names that can appear are the symbols and functions the caller allows.

Grammar (``^`` and ``**`` are the same operator)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-") unary | power
    power      := atom [("^" | "**") exponent]
    exponent   := ["+" | "-"] INTEGER | "(" ["+" | "-"] INTEGER ["/" INTEGER] ")"
    atom       := NUMBER | SYMBOL | FUNCTION "(" expression ("," expression)* ")"
                  | "(" expression ")"
    NUMBER     := digits ["." digits]          (a finite decimal, read exactly: 0.1 = 1/10)

Exponents are literals: an integer with ``|e| <= 64`` or, in parentheses, a rational ``p/q`` with
``|p|, q <= 64`` (``x^(1/2)``); so ``2**10**10`` is refused, as are floats, exponents in numbers
(``1e5``), strings, brackets, attribute access, keywords and every unknown name.

Examples
--------
>>> parse_expression("m - n*q*phi", symbols=("q", "phi", "m", "n"))
m - n*phi*q
>>> parse_expression("0.25*x^2 + sqrt(2)", symbols=("x",))
x**2/4 + sqrt(2)
>>> parse_expression("__import__('os')", symbols=("x",))
Traceback (most recent call last):
...
exact.errors.InputError: expression: position 1: unknown function '__import__' (allowed functions: sqrt, exp, log, min, max)
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple, Optional

import sympy

from .errors import InputError

__all__ = ["parse_expression", "FUNCTIONS", "MAX_LENGTH", "MAX_DEPTH", "MAX_NUMBER_DIGITS",
           "MAX_EXPONENT", "MAX_BITS", "MAX_TOTAL_EXPONENT"]

#: Longest accepted text (characters).
MAX_LENGTH = 2000
#: Deepest accepted nesting of parentheses, calls and unary signs.
MAX_DEPTH = 50
#: Most digits in one number literal.
MAX_NUMBER_DIGITS = 200
#: Largest ``|p|`` (and ``q``) of an exponent literal ``p`` or ``p/q``.
MAX_EXPONENT = 64
#: Largest size (in bits) of the numbers a power may create: ``(2^64)^64`` is fine,
#: ``((2^64)^64)^64`` is refused before sympy computes it.
MAX_BITS = 1 << 16
#: Largest exponent that may build up through nested powers (``(x^64)^64`` = ``x^4096``).
MAX_TOTAL_EXPONENT = 4096


def _min(*args):
    # sympy simplifies Min/Max of symbolic arguments by pairwise comparisons, whose cost grows
    # quickly with the arguments (seconds for ~100): evaluate only numbers, keep the rest as is
    return sympy.Min(*args, evaluate=all(a.is_number for a in args))


def _max(*args):
    return sympy.Max(*args, evaluate=all(a.is_number for a in args))


#: name -> (sympy constructor, minimal number of arguments, maximal number or None)
FUNCTIONS = {
    "sqrt": (sympy.sqrt, 1, 1),
    "exp": (sympy.exp, 1, 1),
    "log": (sympy.log, 1, 1),
    "abs": (sympy.Abs, 1, 1),
    "min": (_min, 2, None),
    "max": (_max, 2, None),
}

_DEFAULT_FUNCTIONS = ("sqrt", "exp", "log", "min", "max")

_TOKEN = re.compile(r"""
    (?P<space>[ \t\r\n]+)
  | (?P<number>[0-9]+(?:\.[0-9]+)?)
  | (?P<name>[^\W\d]\w*)
  | (?P<op>\*\*|[-+*/^(),])
""", re.VERBOSE)


class _Tok(NamedTuple):
    kind: str      # "number", "name", "op", "end"
    text: str
    pos: int       # 1-based position in the text


def _fail(pos: int, problem: str) -> InputError:
    return InputError("expression", f"position {pos}: {problem}")


def _show(s: str) -> str:
    s = s if len(s) <= 20 else s[:17] + "..."
    return repr(s)


def _tokenize(text: str) -> list[_Tok]:
    """Split ``text`` into tokens; the first lexical error becomes a ``bad`` token there.

    The error is raised only when the parser reaches it, so the message reports the first
    problem from the left (``__import__('os')`` fails on the unknown name, not the string).
    """
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        m = _TOKEN.match(text, i)
        if m is None:
            ch = text[i]
            if ch in "'\"":
                problem = "strings are not allowed"
            elif ch in "[]{}":
                problem = f"brackets {ch!r} are not allowed (use parentheses)"
            elif ch == ".":
                problem = "'.' is only allowed inside a number such as 0.25"
            else:
                problem = f"unexpected character {ch!r}"
            toks.append(_Tok("bad", problem, i + 1))
            return toks
        kind = m.lastgroup
        if kind == "number" and m.end() < n and re.match(r"[\w.]", text[m.end()]):
            # 1e5, 2x, 1.5.2, 3. : exponent notation and juxtaposition are refused
            end = m.end()
            while end < n and re.match(r"[\w.]", text[end]):
                end += 1
            toks.append(_Tok("bad", f"malformed number {_show(text[i:end])} (no exponent "
                                    f"notation or juxtaposition: write 100000 or 2*x)", i + 1))
            return toks
        if kind != "space":
            toks.append(_Tok(kind, m.group(), i + 1))
        i = m.end()
    toks.append(_Tok("end", "", n + 1))
    return toks


def _bits(expr) -> int:
    """Total size in bits of the rational constants inside ``expr`` (a guard, not a measure)."""
    total = 0
    for a in expr.atoms(sympy.Rational):
        total += int(a.p).bit_length() + int(a.q).bit_length()
    return max(total, 1)


class _Parser:
    def __init__(self, text: str, names: dict, functions: dict):
        self.toks = _tokenize(text)
        self.i = 0
        self.names = names
        self.functions = functions
        self.depth = 0

    # -- helpers --------------------------------------------------------------------------
    @property
    def tok(self) -> _Tok:
        t = self.toks[self.i]
        if t.kind == "bad":
            raise _fail(t.pos, t.text)
        return t

    def take(self) -> _Tok:
        t = self.tok
        self.i += 1
        return t

    def at(self, *ops: str) -> bool:
        t = self.toks[self.i]  # peek without raising on a bad token
        return t.kind == "op" and t.text in ops

    def expect(self, op: str, what: str) -> _Tok:
        if not self.at(op):
            raise _fail(self.tok.pos, f"expected {what}, found {self._found()}")
        return self.take()

    def _found(self) -> str:
        t = self.tok
        return "the end of the text" if t.kind == "end" else _show(t.text)

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _fail(pos, f"nesting deeper than {MAX_DEPTH} levels")

    @staticmethod
    def build(pos: int, fn, *args):
        """Call a sympy constructor on user data; its internal failures are input errors.

        sympy evaluates eagerly (``exp(exp(exp(1000)))^64`` asks mpmath for a precision that
        overflows), so every construction is guarded.
        """
        try:
            return fn(*args)
        except (ArithmeticError, ValueError, TypeError, RecursionError) as exc:
            raise _fail(pos, f"cannot be evaluated ({type(exc).__name__}: value too large "
                             f"or undefined)") from None

    @staticmethod
    def check_value(value, pos: int, what: str):
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise _fail(pos, f"{what} is undefined (division by zero or log(0))")
        if value.has(sympy.I):
            raise _fail(pos, f"{what} is not a real number")
        return value

    # -- grammar --------------------------------------------------------------------------
    def parse(self):
        if self.tok.kind == "end":
            raise _fail(1, "empty expression")
        value = self.expression()
        if self.tok.kind != "end":
            t = self.tok
            if t.kind == "op" and t.text == ",":
                raise _fail(t.pos, "',' is only allowed between the arguments of a function")
            if t.kind == "op" and t.text == ")":
                raise _fail(t.pos, "unbalanced ')'")
            raise _fail(t.pos, f"unexpected {self._found()} after a complete expression "
                               f"(missing operator?)")
        return value

    def expression(self):
        value = self.term()
        while self.at("+", "-"):
            op = self.take()
            rhs = self.term()
            if op.text == "-":
                rhs = self.build(op.pos, sympy.Mul, sympy.S.NegativeOne, rhs)
            value = self.build(op.pos, sympy.Add, value, rhs)
        return value

    def term(self):
        value = self.unary()
        while self.at("*", "/"):
            op = self.take()
            rhs = self.unary()
            if op.text == "*":
                value = self.build(op.pos, sympy.Mul, value, rhs)
            else:
                if rhs == 0:
                    raise _fail(op.pos, "division by zero")
                inverse = self.build(op.pos, sympy.Pow, rhs, sympy.S.NegativeOne)
                value = self.check_value(self.build(op.pos, sympy.Mul, value, inverse), op.pos,
                                         "the quotient")
        return value

    def unary(self):
        if self.at("+", "-"):
            op = self.take()
            self.enter(op.pos)
            value = self.unary()
            self.depth -= 1
            return self.build(op.pos, sympy.Mul, sympy.S.NegativeOne, value) \
                if op.text == "-" else value
        return self.power()

    def power(self):
        base = self.atom()
        if self.at("^", "**"):
            op = self.take()
            exponent = self.exponent()
            if self.at("^", "**"):
                raise _fail(self.tok.pos, "chained powers such as 2^3^4 are not allowed; "
                                          "use parentheses: (2^3)^4")
            if base == 0 and exponent < 0:
                raise _fail(op.pos, "division by zero (0 to a negative power)")
            if _bits(base) * abs(int(exponent.p)) > MAX_BITS:
                raise _fail(op.pos, "power too large")
            value = self.build(op.pos, sympy.Pow, base, exponent)
            for p in value.atoms(sympy.Pow):
                e = p.exp
                if e.is_Rational and abs(int(e.p)) > MAX_TOTAL_EXPONENT:
                    raise _fail(op.pos, f"power too large (exponent {e} exceeds "
                                        f"{MAX_TOTAL_EXPONENT})")
            return self.check_value(value, op.pos, "the power")
        return base

    def exponent(self):
        t = self.tok
        if self.at("("):
            self.take()
            num = self.signed_integer()
            den = 1
            if self.at("/"):
                self.take()
                d = self.tok
                if d.kind != "number" or "." in d.text:
                    raise _fail(d.pos, f"expected an integer denominator in the exponent, "
                                       f"found {self._found()}")
                self.take()
                den = int(d.text)
                if den == 0:
                    raise _fail(d.pos, "division by zero in the exponent")
                if den > MAX_EXPONENT:
                    raise _fail(d.pos, f"exponent denominator {den} exceeds {MAX_EXPONENT}")
            self.expect(")", "')' closing the exponent (exponents must be literal numbers)")
            return sympy.Rational(num, den)
        if t.kind in ("number",) or self.at("+", "-"):
            return sympy.Integer(self.signed_integer())
        raise _fail(t.pos, f"the exponent must be an integer literal or a literal fraction in "
                           f"parentheses such as (1/2), found {self._found()}")

    def signed_integer(self) -> int:
        sign = 1
        if self.at("+", "-"):
            sign = -1 if self.take().text == "-" else 1
        t = self.tok
        if t.kind != "number":
            raise _fail(t.pos, f"the exponent must be a literal number, found {self._found()}")
        if "." in t.text:
            raise _fail(t.pos, f"the exponent must be an integer or a fraction p/q, got "
                               f"{_show(t.text)}")
        self.take()
        if len(t.text) > 4 or int(t.text) > MAX_EXPONENT:
            raise _fail(t.pos, f"exponent {_show(t.text)} exceeds {MAX_EXPONENT} in absolute "
                               f"value")
        return sign * int(t.text)

    def atom(self):
        t = self.tok
        if t.kind == "number":
            self.take()
            digits = t.text.replace(".", "")
            if len(digits) > MAX_NUMBER_DIGITS:
                raise _fail(t.pos, f"number with more than {MAX_NUMBER_DIGITS} digits")
            if "." in t.text:
                whole, frac = t.text.split(".")
                return sympy.Rational(int(whole + frac), 10 ** len(frac))
            return sympy.Integer(int(t.text))
        if t.kind == "name":
            self.take()
            if self.at("("):
                return self.call(t)
            if t.text in self.names:
                return self.names[t.text]
            if t.text in self.functions:
                raise _fail(t.pos, f"function {t.text!r} must be called with parentheses")
            allowed = ", ".join(self.names) or "none"
            raise _fail(t.pos, f"unknown name {_show(t.text)} (allowed symbols: {allowed})")
        if self.at("("):
            self.take()
            self.enter(t.pos)
            value = self.expression()
            self.expect(")", "')'")
            self.depth -= 1
            return value
        if t.kind == "end":
            raise _fail(t.pos, "unexpected end of the text (an operand is missing)")
        if t.text == ",":
            raise _fail(t.pos, "',' is only allowed between the arguments of a function")
        raise _fail(t.pos, f"expected a number, a symbol or '(', found {self._found()}")

    def call(self, name: _Tok):
        if name.text not in self.functions:
            allowed = ", ".join(self.functions) or "none"
            raise _fail(name.pos, f"unknown function {_show(name.text)} "
                                  f"(allowed functions: {allowed})")
        fn, lo, hi = self.functions[name.text]
        self.enter(name.pos)
        self.take()  # "("
        args = [self.expression()]
        while self.at(","):
            self.take()
            args.append(self.expression())
        self.expect(")", f"')' closing the call of {name.text}")
        self.depth -= 1
        if len(args) < lo or (hi is not None and len(args) > hi):
            want = str(lo) if hi == lo else (f"at least {lo}" if hi is None else f"{lo}..{hi}")
            raise _fail(name.pos, f"{name.text} takes {want} argument(s), got {len(args)}")
        if name.text == "log" and args[0] == 0:
            raise _fail(name.pos, "log(0) is undefined")
        return self.check_value(self.build(name.pos, fn, *args), name.pos, f"{name.text}(...)")


def _symbol_table(symbols: Iterable) -> dict:
    if isinstance(symbols, (str, sympy.Symbol)):
        symbols = (symbols,)
    table: dict = {}
    for s in symbols:
        if isinstance(s, sympy.Symbol):
            name, sym = s.name, s
        elif isinstance(s, str):
            name, sym = s, sympy.Symbol(s)
        else:
            raise InputError("symbols", f"expected names (str) or sympy Symbols, got "
                                        f"{type(s).__name__}")
        if not re.fullmatch(r"[^\W\d]\w*", name):
            raise InputError("symbols", f"{name!r} is not a valid symbol name")
        if name in FUNCTIONS:
            raise InputError("symbols", f"{name!r} is a function name")
        table[name] = sym
    return table


def parse_expression(text: str, symbols: Iterable = (), *,
                     functions: Optional[Iterable[str]] = _DEFAULT_FUNCTIONS):
    """Parse a user formula into a sympy expression, allowing only whitelisted names.

    Parameters
    ----------
    text : str
        The formula, e.g. ``"m - n*q*phi"`` or ``"min(1, 2*q) + 0.5"``. Numbers are integers or
        finite decimals, read exactly (``0.1`` is 1/10); ``^`` and ``**`` both mean power.
    symbols : iterable of str or sympy.Symbol
        The only variable names allowed. Strings become plain ``sympy.Symbol(name)``; pass
        Symbols to keep their assumptions (``Symbol("q", positive=True)``).
    functions : iterable of str, optional
        Allowed function names, a subset of :data:`FUNCTIONS` (``sqrt``, ``exp``, ``log``,
        ``abs``, ``min``, ``max``); default all but ``abs``. ``()`` allows none.

    Returns
    -------
    sympy.Expr
        Built with sympy constructors only; never through ``sympify`` or ``eval``.

    Raises
    ------
    InputError
        with field ``"expression"`` and a one-line problem starting ``position N:`` (1-based
        character position) for any text outside the grammar or the limits (:data:`MAX_LENGTH`
        characters, :data:`MAX_DEPTH` nesting levels, :data:`MAX_NUMBER_DIGITS` digits per
        number, exponents up to :data:`MAX_EXPONENT`), division by a zero constant, a
        non-real constant (``sqrt(-1)``); field ``"symbols"`` or ``"functions"`` for a bad
        whitelist.

    Examples
    --------
    >>> parse_expression("(1 - q)^2 / 2", symbols=["q"])
    (1 - q)**2/2
    >>> parse_expression("1/0")
    Traceback (most recent call last):
    ...
    exact.errors.InputError: expression: position 2: division by zero
    """
    if not isinstance(text, str):
        raise InputError("expression", f"expected text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise InputError("expression", f"position {MAX_LENGTH + 1}: text longer than "
                                       f"{MAX_LENGTH} characters ({len(text)})")
    names = _symbol_table(symbols)
    fns = {}
    for f in (functions or ()):
        if f not in FUNCTIONS:
            raise InputError("functions", f"unknown function {f!r}; available: "
                                          f"{', '.join(FUNCTIONS)}")
        if f in names:
            raise InputError("functions", f"{f!r} is also a symbol name")
        fns[f] = FUNCTIONS[f]
    try:
        return _Parser(text, names, fns).parse()
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps recursion far below the limit
        raise InputError("expression", "position 1: nesting too deep") from None
