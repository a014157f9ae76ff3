"""Exact rationals: ``Q`` (python-flint ``fmpq``), strict parsing, printing and bridges.

Only three spellings of a number are accepted from users: an integer (``"-2"``), a fraction
(``"3/4"``) and a finite decimal (``"0.25"``, read exactly as 1/4). Floats, ``nan``, ``inf``,
exponents and anything else are refused with an :class:`~exact.errors.InputError` that names the
field: a float that silently becomes a rational is the error a referee's tool exists to catch.

Examples
--------
>>> parse_q("3/4")
3/4
>>> parse_q("0.25") == Q(1, 4)
True
>>> q_str(Q(-6, 4))
'-3/2'
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Iterable

from flint import fmpq, fmpz

from .errors import InputError

__all__ = ["Q", "ZERO", "ONE", "parse_q", "as_q", "q_str", "q_tex", "to_fraction", "to_sympy",
           "from_sympy", "to_jsonable", "q_vector", "q_matrix", "MAX_DIGITS"]

Q = fmpq
ZERO = Q(0)
ONE = Q(1)
#: Longest integer part accepted from text: guards against memory blow-up from hostile input.
MAX_DIGITS = 4000

_INT = re.compile(r"[+-]?[0-9]+")
_FRAC = re.compile(r"([+-]?[0-9]+)/([0-9]+)")
_DEC = re.compile(r"([+-]?)([0-9]*)\.([0-9]+)")


def parse_q(text: Any, field: str = "number") -> fmpq:
    """Parse ``text`` as an exact rational; the only spellings are ``"-2"``, ``"3/4"``, ``"0.25"``.

    Python ints and ``fmpq``/``Fraction`` values pass through; ``bool`` and ``float`` are refused.

    Raises
    ------
    InputError
        naming ``field`` when ``text`` is anything else (``"1/0"``, ``"nan"``, ``"1e3"``, ``0.5``).
    """
    if isinstance(text, bool):
        raise InputError(field, f"expected a rational number, got the boolean {text!r}")
    if isinstance(text, fmpq):
        return text
    if isinstance(text, (int, fmpz)):
        return Q(text)
    if isinstance(text, Fraction):
        return Q(text.numerator, text.denominator)
    if isinstance(text, float):
        raise InputError(field, f"floats are not exact; write {text!r} as a string such as "
                                f"\"3/4\" or \"0.25\"")
    if not isinstance(text, str):
        raise InputError(field, f"expected a rational number, got {type(text).__name__}")
    s = text.strip()
    if len(s) > 2 * MAX_DIGITS + 2:
        raise InputError(field, f"number too long ({len(s)} characters)")
    if any(len(g) > MAX_DIGITS for g in re.findall(r"[0-9]+", s)):
        raise InputError(field, f"number too long (more than {MAX_DIGITS} digits)")
    if _INT.fullmatch(s):
        return Q(int(s))
    m = _FRAC.fullmatch(s)
    if m:
        den = int(m.group(2))
        if den == 0:
            raise InputError(field, f"division by zero in {text!r}")
        return Q(int(m.group(1)), den)
    m = _DEC.fullmatch(s)
    if m:
        sign, whole, frac = m.groups()
        value = Q(int(whole or "0") * 10 ** len(frac) + int(frac), 10 ** len(frac))
        return -value if sign == "-" else value
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise InputError(field, f"not a rational number: {shown!r} (use -2, 3/4 or 0.25)")


def as_q(x: Any) -> fmpq:
    """Coerce a trusted in-program value (int, Fraction, fmpq, sympy Rational) to ``Q``."""
    if isinstance(x, fmpq):
        return x
    if isinstance(x, (int, fmpz)) and not isinstance(x, bool):
        return Q(x)
    if isinstance(x, Fraction):
        return Q(x.numerator, x.denominator)
    p, q = getattr(x, "p", None), getattr(x, "q", None)
    if isinstance(p, int) and isinstance(q, int):          # sympy.Rational / Integer
        return Q(p, q)
    raise TypeError(f"not an exact rational: {x!r} ({type(x).__name__})")


def q_str(x: Any) -> str:
    """Print an exact rational as ``"p/q"`` (or ``"p"`` when integral)."""
    return str(as_q(x))


def q_tex(x: Any) -> str:
    """LaTeX of an exact rational: ``\\frac{p}{q}``, with the sign outside."""
    v = as_q(x)
    if v.q == 1:
        return str(v.p)
    sign = "-" if v < 0 else ""
    return f"{sign}\\frac{{{abs(int(v.p))}}}{{{int(v.q)}}}"


def to_fraction(x: Any) -> Fraction:
    """Bridge to :class:`fractions.Fraction`."""
    v = as_q(x)
    return Fraction(int(v.p), int(v.q))


def to_sympy(x: Any):
    """Bridge to ``sympy.Rational``."""
    import sympy

    v = as_q(x)
    return sympy.Rational(int(v.p), int(v.q))


def from_sympy(x: Any) -> fmpq:
    """Bridge from a sympy ``Rational``; refuses floats and irrationals."""
    if not getattr(x, "is_Rational", False):
        raise TypeError(f"not a sympy Rational: {x!r}")
    return Q(int(x.p), int(x.q))


def to_jsonable(obj: Any) -> Any:
    """Turn a witness (nested tuples, dicts, fmpq, Fractions, sets) into plain JSON data.

    Rationals become strings ``"p/q"`` so that no float ever appears; tuples and sets become lists
    (sets sorted), dict keys become strings.
    """
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, int):
        return obj
    if isinstance(obj, (fmpq, fmpz, Fraction)):
        v = as_q(obj)
        return int(v.p) if v.q == 1 else str(v)
    if getattr(obj, "is_Rational", False):
        return to_jsonable(from_sympy(obj))
    if isinstance(obj, float):
        raise TypeError(f"a float reached a witness: {obj!r}; witnesses must be exact")
    if isinstance(obj, dict):
        return {str(to_jsonable(k)) if not isinstance(k, str) else k: to_jsonable(v)
                for k, v in obj.items()}
    if isinstance(obj, (set, frozenset)):
        return sorted((to_jsonable(v) for v in obj), key=repr)
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if hasattr(obj, "to_json"):
        return to_jsonable(obj.to_json())
    return str(obj)


def q_vector(values: Iterable[Any], field: str = "vector") -> list[fmpq]:
    """Parse a JSON list of numbers strictly, naming ``field[i]`` on error."""
    if not isinstance(values, (list, tuple)):
        raise InputError(field, f"expected a list of numbers, got {type(values).__name__}")
    return [parse_q(v, f"{field}[{i}]") for i, v in enumerate(values)]


def q_matrix(rows: Any, field: str = "matrix", ncols: int | None = None) -> list[list[fmpq]]:
    """Parse a JSON list of equal-length rows strictly; a ragged matrix is an error naming the row."""
    if not isinstance(rows, (list, tuple)):
        raise InputError(field, f"expected a list of rows, got {type(rows).__name__}")
    out = []
    for i, row in enumerate(rows):
        r = q_vector(row, f"{field}[{i}]")
        if ncols is None:
            ncols = len(r)
        elif len(r) != ncols:
            raise InputError(f"{field}[{i}]", f"ragged matrix: {len(r)} entries, expected {ncols}")
        out.append(r)
    return out
