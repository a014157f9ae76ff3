"""Item 1: number parsing, fuzzed. Every input is an exact rational or one InputError naming the field.

``parse_q`` is the only door for user numbers (instances, certificates, records). Random text,
random bytes decoded, near-misses of the grammar (``1e3``, ``nan``, ``1/0``, ``0x10``, ``1_000``)
and huge integers are thrown at it; whatever it accepts must be the exact value of the text.
"""

from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from exact import InputError, Q, parse_q
from exact.numbers import MAX_DIGITS, q_matrix, q_vector

from .helpers import count, examples

NEAR = st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "1e3", "1E-2", "1/0", "-1/0",
                        "0/0", "0x10", "1_000", "½", "٣", "1.", ".", "-", "+", "1/-2", "1//2",
                        "1/2/3", "--1", "+-1", " ", "", "1 2", "0.1.5", "3/4.0", "1e", "∞",
                        "__import__('os')", "(1)", "2**3", "1+1", "True", "None", "[1]"])
ALPHABET = st.text(st.sampled_from("0123456789+-./eE xnaifIN_()*"), max_size=30)


def _reference(s: str):
    """An independent reading of the grammar: int, p/q (q > 0 digits) or a finite decimal."""
    t = s.strip()
    sign = -1 if t[:1] == "-" else 1
    body = t[1:] if t[:1] in "+-" else t
    if body.isascii() and body.isdigit():
        return sign * Fraction(int(body))
    if "/" in body:
        a, _, b = body.partition("/")
        if a.isascii() and a.isdigit() and b.isascii() and b.isdigit() and int(b) != 0:
            return sign * Fraction(int(a), int(b))
        return None
    if body.count(".") == 1:
        a, _, b = body.partition(".")
        if (a == "" or (a.isascii() and a.isdigit())) and b.isascii() and b.isdigit():
            return sign * Fraction(int(a or "0") * 10 ** len(b) + int(b), 10 ** len(b))
    return None


@settings(max_examples=examples(1500), deadline=None)
@given(st.one_of(NEAR, ALPHABET, st.text(max_size=40),
                 st.binary(max_size=40).map(lambda b: b.decode("latin-1"))))
@example("3/4")
@example("-0.25")
@example("1/0")
def test_parse_q_accepts_exactly_the_grammar(text):
    count("inputs fuzzed: numbers")
    ref = _reference(text)
    try:
        got = parse_q(text, "field[3]")
    except InputError as exc:
        assert exc.field == "field[3]" and "\n" not in exc.problem
        assert ref is None, f"{text!r} is a valid number {ref} but was refused: {exc}"
        return
    assert ref is not None, f"{text!r} is not in the grammar but parsed as {got}"
    assert got == Q(ref.numerator, ref.denominator)


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
                 st.lists(st.integers(), max_size=2), st.dictionaries(st.text(), st.integers(),
                                                                       max_size=2)))
def test_parse_q_refuses_non_text_values(value):
    count("inputs fuzzed: numbers")
    with pytest.raises(InputError, match=r"^x: "):
        parse_q(value, "x")


@pytest.mark.parametrize("digits", [MAX_DIGITS, 2 * MAX_DIGITS + 3, 10 ** 6])
def test_huge_integers_are_exact_or_refused_quickly(digits):
    count("inputs fuzzed: numbers")
    text = "7" * digits
    if len(text) > 2 * MAX_DIGITS + 2:
        with pytest.raises(InputError, match="too long"):
            parse_q(text, "n")
    else:
        assert parse_q(text, "n") == Q(int(text))


@pytest.mark.parametrize("text", ["7" * 5000, "1/" + "7" * 5000, "0." + "7" * 5000])
def test_numbers_between_4301_and_8002_digits_give_input_error(text):
    count("inputs fuzzed: numbers")
    try:
        got = parse_q(text, "n")
    except InputError as exc:
        assert exc.field == "n"
        return
    import sys
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        ref = _reference(text)
    finally:
        sys.set_int_max_str_digits(old)
    assert got == Q(ref.numerator, ref.denominator)  # accepted: then exactly


@settings(max_examples=examples(400), deadline=None)
@given(st.recursive(st.one_of(st.integers(-10 ** 30, 10 ** 30), st.text(max_size=6),
                              st.floats(), st.none(), st.booleans()),
                    lambda inner: st.lists(inner, max_size=4), max_leaves=20))
def test_ragged_and_malformed_matrices_name_the_row(rows):
    count("inputs fuzzed: matrices")
    try:
        m = q_matrix(rows, "A")
    except InputError as exc:
        assert exc.field.startswith("A") and "\n" not in str(exc)
        return
    assert isinstance(rows, list) and len({len(r) for r in m}) <= 1
    for r, row in zip(m, rows):
        assert r == q_vector(row)
