from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from exact.errors import InputError
from exact.numbers import (Q, parse_q, q_matrix, q_str, q_tex, q_vector, to_fraction,
                           to_jsonable, to_sympy, from_sympy)


@pytest.mark.parametrize("text, value", [("3/4", Q(3, 4)), ("-2", Q(-2)), ("0.25", Q(1, 4)),
                                         ("-0.125", Q(-1, 8)), (" 6/8 ", Q(3, 4)), (".5", Q(1, 2)),
                                         ("+7", Q(7)), (5, Q(5)), (Fraction(2, 6), Q(1, 3))])
def test_parse_accepts_the_three_spellings(text, value):
    assert parse_q(text) == value


@pytest.mark.parametrize("text", ["1/0", "nan", "inf", "1e3", "0x10", "1/2/3", "", "3/-4", "1.",
                                  "one", "½", "1_000", None, [1], 0.5, True])
def test_parse_refuses_everything_else_naming_the_field(text):
    with pytest.raises(InputError, match=r"^capacities\[2\]: "):
        parse_q(text, "capacities[2]")


def test_parse_refuses_huge_text():
    with pytest.raises(InputError, match="too long"):
        parse_q("9" * 10000)


@given(st.fractions())
def test_round_trip_through_string_fraction_and_sympy(f):
    q = Q(f.numerator, f.denominator)
    assert parse_q(q_str(q)) == q
    assert to_fraction(q) == f
    assert from_sympy(to_sympy(q)) == q


@given(st.integers(-10**6, 10**6), st.integers(1, 6))
def test_decimal_is_exact(n, k):
    sign, a = ("-" if n < 0 else ""), abs(n)
    text = f"{sign}{a // 10**k}.{a % 10**k:0{k}d}"
    assert parse_q(text) == Q(n, 10 ** k)


def test_tex_and_json():
    assert q_tex(Q(-3, 4)) == "-\\frac{3}{4}"
    assert to_jsonable({"p": (Q(1, 2), Q(2)), 3: {Q(1, 3)}}) == {"p": ["1/2", 2], "3": ["1/3"]}
    with pytest.raises(TypeError, match="float"):
        to_jsonable([0.5])


def test_ragged_matrix_names_the_row():
    assert q_vector(["1", "1/2"]) == [Q(1), Q(1, 2)]
    with pytest.raises(InputError, match=r"u\[1\]: ragged matrix: 1 entries, expected 2"):
        q_matrix([[1, 2], [3]], "u")
    with pytest.raises(InputError, match=r"u\[0\]\[1\]: not a rational"):
        q_matrix([[1, "x"]], "u")
