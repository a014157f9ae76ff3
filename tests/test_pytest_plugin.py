"""exact's pytest plugin (exact/pytest_plugin.py), run on users' test suites made by pytester."""

from importlib.metadata import entry_points

import pytest

from exact import claims as claims_module

pytest_plugins = ["pytester"]

#: a user's test module: conjectures about integers beside an ordinary test
CONJECTURES = '''
import time
from exact import claim, fails, holds, undecided
from exact.domains import Graded

NUMS = Graded("integers 0..n-1", sizes=(10, 20, 30, 40, 50), generate=lambda n: iter(range(n)),
              count=lambda n: n, decode=int, size_of=lambda x: x + 1)


def _euler(n):
    v = n * n + n + 41
    d = next((d for d in range(2, v) if d * d <= v and v % d == 0), None)
    return holds() if d is None else fails(value=v, factor=d)


@claim("mine/euler-primes", domain=NUMS, statement="n^2 + n + 41 is prime.")
def euler(n):
    return _euler(n)


@claim("mine/pronic-even", domain=NUMS, statement="n^2 + n is even.")
def pronic_even(n):
    return holds() if (n * n + n) % 2 == 0 else fails(n=n)


def test_ordinary():
    assert 1 + 1 == 2
'''

ERRATA = '''
from exact import claim, fails, holds
from exact.domains import Graded

NUMS = Graded("integers 0..n-1", sizes=(10, 50), generate=lambda n: iter(range(n)),
              count=lambda n: n, decode=int, size_of=lambda x: x + 1)


@claim("mine/euler-all-n", domain=NUMS, erratum="n = 40 gives 41^2",
       statement="n^2 + n + 41 is prime for every n.")
def euler_erratum(n):
    v = n * n + n + 41
    return fails(value=v) if any(v % d == 0 for d in range(2, v) if d * d <= v) else holds()


@claim("mine/odd-squares", domain=NUMS, erratum="believed false, but it is true",
       statement="n^2 - n is odd for some n.")
def stale_erratum(n):
    return holds() if (n * n - n) % 2 == 0 else fails(n=n)
'''

INCONCLUSIVE = '''
import time
from exact import claim, fails, holds, undecided
from exact.domains import Graded

MANY = Graded("integers 0..n-1", sizes=(600,), generate=lambda n: iter(range(n)),
              count=lambda n: n, decode=int, size_of=lambda x: x + 1)


@claim("mine/slow", domain=MANY, statement="every n is a non-negative integer (slowly).")
def slow(n):
    time.sleep(0.002)
    return holds() if n >= 0 else fails(n=n)


@claim("mine/undecided", domain=MANY, statement="cannot tell for n = 7.")
def unsure(n):
    return undecided(reason="solver timeout") if n == 7 else holds()
'''


@pytest.fixture(autouse=True)
def _registry_restored():
    """Claims of the pytester modules register in the global registry: take them out again."""
    before = dict(claims_module.REGISTRY)
    yield
    claims_module.REGISTRY.clear()
    claims_module.REGISTRY.update(before)


def test_the_plugin_is_registered_through_the_pytest11_entry_point():
    found = [e for e in entry_points(group="pytest11") if e.name == "exact"]
    assert [e.value for e in found] == ["exact.pytest_plugin"]


def test_without_opt_in_claims_are_not_collected(pytester):
    pytester.makepyfile(test_conjectures=CONJECTURES)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=1)
    assert "euler" not in result.stdout.str()


def test_refuted_conjecture_fails_with_its_minimal_counterexample(pytester):
    pytester.makepyfile(test_conjectures=CONJECTURES)
    result = pytester.runpytest("--exact-claims", "-v")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines([
        "*test_conjectures.py::euler FAILED*",
        "*test_conjectures.py::pronic_even PASSED*",
        "*test_conjectures.py::test_ordinary PASSED*",
        "mine/euler-primes: refuted",
        "  minimal counterexample at size 50, instance #40:",
        "    instance:  40",
        "    value:  1681",
        "    factor: 41",
    ])
    assert "Traceback" not in result.stdout.str()


def test_ini_option_opts_in_and_size_option_bounds_the_sizes(pytester):
    pytester.makepyfile(test_conjectures=CONJECTURES)
    pytester.makeini("[pytest]\nexact_claims = true\n")
    # up to size 40 the numbers are 0..39: Euler's polynomial is prime on all of them
    result = pytester.runpytest("--exact-size", "40", "-k", "euler")
    result.assert_outcomes(passed=1, deselected=2)
    result = pytester.runpytest("-k", "mine/euler-primes")   # the claim id is a keyword
    result.assert_outcomes(failed=1, deselected=2)


def test_a_size_the_domain_does_not_have_is_a_one_line_failure(pytester):
    pytester.makepyfile(test_conjectures=CONJECTURES)
    result = pytester.runpytest("--exact-claims", "--exact-size", "7", "-k", "pronic")
    result.assert_outcomes(failed=1, deselected=2)
    result.stdout.fnmatch_lines(["mine/pronic-even: cannot check: --size: *smallest size is 10*"])


def test_erratum_refuted_as_expected_passes_and_a_verified_one_fails(pytester):
    pytester.makepyfile(test_errata=ERRATA)
    result = pytester.runpytest("--exact-claims", "-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*::euler_erratum PASSED*",
        "*::stale_erratum FAILED*",
        "mine/odd-squares: erratum no longer refuted (the claim is verified)",
        "  erratum: believed false, but it is true",
    ])


def test_inconclusive_is_a_failure_with_its_reason(pytester):
    pytester.makepyfile(test_slow=INCONCLUSIVE)
    result = pytester.runpytest("--exact-claims", "--exact-budget", "0.3", "-v")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "mine/slow: inconclusive: budget ran out after * of 600 instances (coverage *)",
        "mine/undecided: inconclusive: 1 instances undecided",
    ])
    # the same slow claim with time enough passes
    result = pytester.runpytest("--exact-claims", "-k", "mine/slow")
    result.assert_outcomes(passed=1, deselected=1)


def test_bad_domain_is_a_collection_error_naming_the_domain(pytester):
    pytester.makepyfile(test_bad='''
from exact import claim, holds

@claim("mine/bad", domain=[1, 2, 3])
def bad(n):
    return holds()
''')
    result = pytester.runpytest("--exact-claims")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*TypeError: mine/bad: domain must be an exact.Domain, got list*"])


def test_domain_without_count_and_a_raising_predicate_fail_readably(pytester):
    pytester.makepyfile(test_broken='''
from exact import Domain, claim, holds
from exact.domains import Enumerated

class NoCount(Domain):
    name = "a domain that cannot count"

@claim("mine/no-count", domain=NoCount())
def no_count(x):
    return holds()

@claim("mine/raises", domain=Enumerated([1, 0, 2], name="three numbers"))
def raises(x):
    return holds(inverse=1 // x)
''')
    result = pytester.runpytest("--exact-claims")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "mine/no-count: cannot check: a domain that cannot count: NotImplementedError*",
        "mine/raises: error: ZeroDivisionError: integer division or modulo by zero",
        "  on instance 0 (size 1)",
    ])


def test_only_claims_defined_in_the_module_are_collected(pytester):
    pytester.makepyfile(helpers_claims='''
from exact import claim, holds
from exact.domains import Enumerated

@claim("mine/imported", domain=Enumerated([1], name="one"))
def imported(x):
    return holds()
''', test_uses='''
from helpers_claims import imported
from exact import claim, holds
from exact.domains import Enumerated

@claim("mine/own", domain=Enumerated([1], name="one"))
def own(x):
    return holds()

alias = own
''')
    result = pytester.runpytest("--exact-claims", "--collect-only", "-q")
    out = result.stdout.str()
    assert "test_uses.py::own" in out and "imported" not in out and "alias" not in out
    result = pytester.runpytest("--exact-claims", "-m", "exact_claim")
    result.assert_outcomes(passed=1)


def test_the_docs_example_runs_as_shown(pytester):
    import os
    import re
    docs = open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                             "docs", "tools.md")).read()
    code = re.search(r"```python\n# test_conjectures.py\n(.*?)```", docs, re.S).group(1)
    shown = re.search(r"```\n(_+ exact claim mine/sd-envy-free _+\n.*?)```", docs, re.S).group(1)
    pytester.makepyfile(test_conjectures=code)
    result = pytester.runpytest("--exact-claims")
    result.assert_outcomes(passed=2, failed=1)
    out = result.stdout.str()
    for line in shown.splitlines()[1:]:
        assert line in out
