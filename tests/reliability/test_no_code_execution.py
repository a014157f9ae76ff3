"""Item 2: no code execution from data.

Expressions are read by the whitelisted grammar of :mod:`exact.parse`, numbers by
:func:`exact.parse_q`, records by a strict JSON reader. Hostile payloads that would run code under
``eval``/``sympify`` (they would create a sentinel file) are refused with an ``InputError``, and a
scan of the source shows no ``eval``/``exec``/``pickle``/``sympify``/``parse_expr`` anywhere.
"""

import ast
import json
import os
import pathlib
import time

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from exact import InputError, parse_q
from exact.parse import parse_expression
from exact.records import load_record

from .helpers import ROOT, USER, cli, count, examples

SENTINEL = "/tmp/exact-reliability-pwned"

PAYLOADS = [
    f"__import__('os').system('touch {SENTINEL}')",
    "__import__(\"os\").system(\"id\")",
    "q.__class__.__mro__",
    "q.__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "(lambda x: x)(q)",
    "exec('1')",
    "eval('1')",
    "open('/etc/passwd')",
    "q if q else 1",
    "[x for x in ()]",
    "sympify('1')",
    "Symbol('x')",
    "q; 1",
    "q = 1",
    "q @ q",
    "q % 2",
    "q[0]",
    "{1: 2}",
    "'abc'",
    "b'abc'",
    "f'{q}'",
    "1e400",
    "2**10**10",
    "9**9**9",
    "2^999999",
    "(2^64)^(64)^(64)",
    "((2^64)^64)^64",
    "(((q^64)^64)^64)^64",
    "10^64^64",
    "x**(1/0)",
    "\\x41",
    "q\x00",
    "Integer(2)",
    "sqrt.__globals__",
    "globals()",
    "getattr(q, 'x')",
    "import os",
    "os.system",
]


@pytest.fixture(autouse=True)
def no_sentinel():
    if os.path.exists(SENTINEL):
        os.unlink(SENTINEL)
    yield
    assert not os.path.exists(SENTINEL), "a payload executed code"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_expressions_are_refused_quickly(payload):
    count("inputs fuzzed: expressions")
    t0 = time.monotonic()
    with pytest.raises(InputError, match=r"^expression: position \d+: "):
        parse_expression(payload, symbols=("q", "x"))
    assert time.monotonic() - t0 < 5


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_numbers_are_refused(payload):
    count("inputs fuzzed: numbers")
    with pytest.raises(InputError, match=r"^w\[0\]: "):
        parse_q(payload, "w[0]")


def test_exponential_tower_power_is_refused_with_input_error():
    count("inputs fuzzed: expressions")
    with pytest.raises(InputError, match="expression: position"):
        parse_expression("exp(exp(exp(exp(exp(1000)))))^64")


TOKENS = ["q", "x", "1", "2", "64", "0", "0.5", "+", "-", "*", "/", "^", "**", "(", ")", ",",
          "sqrt", "exp", "log", "min", "max", "abs", "__import__", "os", ".", "system", "'",
          "lambda", ":", "[", "]", "__class__", "e5", " ", "9999", "x", "q"]


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map("".join))
def test_token_soup_is_parsed_by_the_grammar_or_refused(text):
    """Random strings of grammar and attack tokens: a sympy value without floats, or InputError."""
    count("inputs fuzzed: expressions")
    t0 = time.monotonic()
    try:
        e = parse_expression(text, symbols=("q", "x"))
    except InputError as exc:
        assert exc.field == "expression" and "\n" not in exc.problem
    else:
        assert isinstance(e, sympy.Basic) and not e.atoms(sympy.Float)
        assert e.free_symbols <= {sympy.Symbol("q"), sympy.Symbol("x")}
    assert time.monotonic() - t0 < 5, f"{text!r} took too long"


def test_hostile_text_in_a_record_is_never_executed(tmp_path):
    """A record whose instance is a hostile string is refused, not evaluated."""
    rec = {"format": "exact-record/1", "claim": "user/sum-below-five", "verdict": "refuted",
           "claim_file": USER, "sizes": [1, 2, 3],
           "counterexample": {"size": 3, "index": 0, "instance": PAYLOADS[0],
                              "violation": {"total": PAYLOADS[0]}}}
    p = tmp_path / "r.json"
    p.write_text(json.dumps(rec))
    code, out, err = cli("replay", str(p))
    assert code == 1 and "replay FAILED" in err and "Traceback" not in err
    assert load_record(str(p))["counterexample"]["instance"] == PAYLOADS[0]


# -- the source scan ----------------------------------------------------------------------

#: builtins that run text as code, and sympy's text parsers
FORBIDDEN_NAMES = {"eval", "exec", "compile", "__import__", "sympify", "parse_expr"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle", "yaml"}


def _python_files():
    for top in ("exact", "proofs"):
        for p in sorted(pathlib.Path(ROOT, top).rglob("*.py")):
            yield p


def _offences(path: pathlib.Path) -> list:
    """Imports of unpickling modules and calls that evaluate text (methods such as
    ``poly.eval(x)`` or ``re.compile`` are not flagged: they do not run code)."""
    tree = ast.parse(path.read_text(), str(path))
    where = os.path.relpath(path, ROOT)
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module] if isinstance(
                node, ast.ImportFrom) and node.module else [])
            for n in names:
                if n.split(".")[0] in FORBIDDEN_MODULES or n in ("sympify", "parse_expr"):
                    bad.append(f"{where}:{node.lineno}: import {n}")
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in FORBIDDEN_NAMES:
                bad.append(f"{where}:{node.lineno}: {f.id}(...)")
            elif isinstance(f, ast.Attribute):
                owner = f.value.id if isinstance(f.value, ast.Name) else None
                if f.attr in ("sympify", "parse_expr"):
                    bad.append(f"{where}:{node.lineno}: {owner}.{f.attr}(...)")
                elif owner == "builtins" and f.attr in FORBIDDEN_NAMES:
                    bad.append(f"{where}:{node.lineno}: builtins.{f.attr}(...)")
                elif owner == "sympy" and f.attr == "S" and not (
                        node.args and isinstance(node.args[0], ast.Constant)
                        and not isinstance(node.args[0].value, str)):
                    bad.append(f"{where}:{node.lineno}: sympy.S(...) of possible text")
    return bad


def test_source_has_no_eval_exec_pickle_or_sympify():
    files = list(_python_files())
    assert len(files) > 10
    bad = [o for p in files for o in _offences(p)]
    count("source files scanned for eval/exec/pickle/sympify", len(files))
    assert not bad, "code execution from data is possible:\n" + "\n".join(bad)


def test_the_scan_itself_can_fail(tmp_path):
    """The scanner is not vacuous: it flags each forbidden construct in a planted file."""
    p = tmp_path / "planted.py"
    p.write_text("import pickle\nfrom sympy import sympify\nx = eval('1')\nexec('y=1')\n"
                 "import sympy\nz = sympy.sympify('q')\nw = sympy.S('q')\nv = sympy.S(1)\n"
                 "import re\nr = re.compile('a')\nu = poly.eval(2)\n")
    got = _offences(p)
    assert len(got) == 6, got


def test_algebraic_sign_refuses_text(tmp_path):
    from proofs.verification.lemma10 import algebraic_sign
    marker = tmp_path / "ran"
    try:
        with pytest.raises((TypeError, InputError)):
            algebraic_sign(f"__import__('os').system('touch {marker}') + 1")
    finally:
        ran = marker.exists()
    assert not ran, "the text was executed"
