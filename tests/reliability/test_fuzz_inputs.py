"""Item 1: bad input, fuzzed — instance JSON, record JSON, certificate JSON, claim-file paths.

Every entry point that reads user data either accepts it or raises the library's InputError /
CertificateError (a one-line message naming the field); through the CLI every case ends with a
single ``exact: ...`` line and exit code 3 (or 1 for a record that does not replay), never a
traceback.
"""

import json
import reprlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exact import CertificateError, InputError
from exact.claims import all_claims
from exact.engine import check
from exact.lpcert import check_certificate
from exact.records import make_record, save_record

from .helpers import USER, cli, count, one_line_error, examples, set_path

NUMBERS = st.one_of(st.integers(-3, 3), st.integers(), st.integers(10 ** 30, 10 ** 40),
                    st.sampled_from(["1/0", "nan", "inf", "-inf", "1e9", "0.1.5", "", "3/4",
                                     "-1", "0", "1/3", "x"]),
                    st.sampled_from([3990, 8003, 20000]).map(lambda k: "7" * k))
# (4301..8002 digits hit a known bug of parse_q: see test_fuzz_numbers.py)
LEAVES = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=8),
                   st.floats(allow_nan=True, allow_infinity=True))
KEYS = st.sampled_from(["utilities", "capacities", "prefs", "profile", "endowment", "n", "m",
                        "u", "q", "instance", "x", "format", "claim", "verdict", "a"])
JSON = st.recursive(LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)), max_leaves=24)


def _nested(depth: int) -> list:
    """``[[[...]]]`` nested ``depth`` times, built without recursion."""
    node: list = []
    for _ in range(depth):
        node = [node]
    return node


#: as deep as ``json.loads`` can deliver (deeper files stop in the JSON reader: "nested too deeply")
DEEP = st.integers(1, 900).map(_nested)

CLAIMS = all_claims()
DOMAINS = {}
for _c in CLAIMS:
    DOMAINS.setdefault(type(_c.domain).__name__ + ":" + _c.domain.name, _c)


def _first_instance_json(claim):
    size = min(claim.domain.sizes)
    inst = next(iter(claim.domain.instances(size, 0, 1)))
    return claim.domain.to_json(inst)


def _paths(data, path=()):
    """Every JSON path in ``data`` (dict keys and list indices)."""
    yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, path + (i,))


def _mutations(seed_json):
    """Strategy: the seed with one node replaced by random JSON, or random JSON outright."""
    paths = list(_paths(seed_json))
    return st.one_of(
        JSON, DEEP,
        st.tuples(st.sampled_from(paths), JSON).map(lambda t: set_path(seed_json, *t)))


#: domain -> top-level fields left out of the fuzzing because of a known bug (none left: the
#: seeded verification domains now refuse sizes outside the domain, test_seeded_domain_sizes)
KNOWN_LOOSE: dict = {}
SEEDED = sorted(k for k in DOMAINS if k.startswith("SeededDomain:"))


def _without(seed, fields):
    """Mutations of ``seed`` that leave ``fields`` (top-level keys) alone."""
    paths = [p for p in _paths(seed) if not (p and p[0] in fields)]
    return st.one_of(JSON, DEEP, st.tuples(st.sampled_from(paths), JSON).map(
        lambda t: set_path(seed, *t)))


@pytest.mark.parametrize("key", sorted(DOMAINS))
def test_instance_json_is_read_strictly(key):
    """``Domain.from_json`` on random and mutated instances: an instance or an InputError."""
    claim = DOMAINS[key]
    seed = _first_instance_json(claim)
    assert claim.domain.to_json(claim.domain.from_json(seed)) == seed
    failures = []

    @settings(max_examples=examples(300), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(_without(seed, KNOWN_LOOSE.get(key, ())))
    def run(data):
        count("inputs fuzzed: instance JSON")
        try:
            claim.domain.from_json(data)
        except InputError as exc:
            assert "\n" not in str(exc)
        except RecursionError:
            failures.append(("RecursionError", data))
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            failures.append((f"{type(exc).__name__}: {exc}", data))

    run()
    assert not failures, f"{claim.domain.name}: non-InputError on bad instance JSON, e.g. " \
                         f"{failures[0][0]} for {reprlib.repr(failures[0][1])}"


@pytest.mark.parametrize("key", SEEDED)
@pytest.mark.parametrize("size", [10 ** 4, 10 ** 31])
def test_seeded_domain_sizes_outside_the_domain_are_refused(key, size):
    """Seeded instances are rebuilt from (size, seed): a size outside the domain must be refused
    at once (it was an OverflowError for 10**31 and minutes of work for 10**4)."""
    import time
    claim = DOMAINS[key]
    data = dict(_first_instance_json(claim), size=size)
    count("inputs fuzzed: instance JSON")
    t0 = time.monotonic()
    with pytest.raises(InputError, match="size"):
        claim.domain.from_json(data)
    assert time.monotonic() - t0 < 5


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    """A refuted and a verified record of the user's claim file, saved as the CLI saves them."""
    from exact.claims import get_claim
    d = tmp_path_factory.mktemp("records")
    out = {}
    for name in ("sum_below_five", "sum_symmetric"):
        c = get_claim(f"{USER}::{name}")
        v = check(c, witnesses=None)
        out[name] = save_record(make_record(v, c), str(d / f"{name}.json"))
    return out


@pytest.mark.parametrize("name", ["sum_below_five", "sum_symmetric"])
def test_mutated_records_replay_or_fail_in_one_line(name, records, tmp_path):
    seed = json.load(open(records[name]))
    assert cli("replay", records[name], "--claims", USER)[0] == 0
    path = str(tmp_path / "mutant.json")

    @settings(max_examples=examples(250), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(_mutations(seed))
    def run(data):
        count("inputs fuzzed: record JSON")
        with open(path, "w") as f:
            try:
                json.dump(data, f)
            except ValueError:  # NaN floats are written as NaN: still a file to read
                f.write(repr(data))
        code, out, err = cli("replay", path, "--claims", USER)
        assert code in (0, 1, 3), (code, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) <= 1, err
        if code == 3:
            assert one_line_error(code, err)

    run()


@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=300))
def test_random_bytes_as_a_record_are_one_line_exit_3(tmp_path_factory, blob):
    count("inputs fuzzed: record JSON")
    p = tmp_path_factory.mktemp("bytes") / "r.json"
    p.write_bytes(blob)
    code, out, err = cli("replay", str(p))
    assert one_line_error(code, err), err


@pytest.mark.parametrize("text, message", [
    ('{"format": "exact-record/1", "claim": "x", "verdict": "refuted", "n": NaN}', "non-exact"),
    ('{"format": "exact-record/1", "claim": "x", "verdict": "refuted", "n": Infinity}',
     "non-exact"),
    ('{"format": "exact-record/1", "claim": "x", "verdict": "refuted", "n": 1e999}', "non-exact"),
    ('{"format": "exact-record/1", "claim": 7, "verdict": "refuted"}', "claim"),
    ('{"format": "exact-record/1", "claim": "x"}', "verdict"),
    ("\ufeff{}", "malformed JSON"),
    ("\xff\xfe", "cannot read"),
    ('{"a": ' * 50000 + "1" + "}" * 50000, "nested too deeply"),
    ("", "malformed JSON"),
])
def test_named_record_errors(text, message, tmp_path):
    count("inputs fuzzed: record JSON")
    p = tmp_path / "r.json"
    p.write_bytes(text.encode("latin-1") if text == "\xff\xfe" else text.encode())
    code, out, err = cli("replay", str(p))
    assert one_line_error(code, err) and message in err, err


def test_record_with_a_5000_digit_integer_is_one_line_exit_3(tmp_path):
    count("inputs fuzzed: record JSON")
    p = tmp_path / "r.json"
    p.write_text('{"format": "exact-record/1", "claim": "x", "verdict": "refuted", "n": '
                 + "7" * 5000 + "}")
    code, out, err = cli("replay", str(p))
    assert one_line_error(code, err), err


def test_record_with_huge_integer_sizes_is_refused(records, tmp_path):
    data = json.load(open(records["sum_symmetric"]))
    data["sizes"] = [10 ** 400]
    p = tmp_path / "r.json"
    p.write_text(json.dumps(data))
    code, out, err = cli("replay", str(p))
    assert code in (1, 3) and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


# -- LP certificates ----------------------------------------------------------------------

def _certificates():
    from exact.lp import solve_lp
    return [solve_lp([1, 1], A_ub=[[-1, -2], [-3, -1]], b_ub=[-2, -3]).certificate,
            solve_lp([1], A_eq=[[1]], b_eq=[-1]).certificate,
            solve_lp([-1, 0], A_ub=[[-1, 1]], b_ub=[1]).certificate]


@pytest.mark.parametrize("which", [0, 1, 2], ids=["optimal", "infeasible", "unbounded"])
def test_certificate_json_is_read_strictly(which):
    cert = _certificates()[which]
    check_certificate(cert)
    failures = []

    @settings(max_examples=examples(400), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(_mutations(cert))
    def run(data):
        count("inputs fuzzed: certificate JSON")
        try:
            check_certificate(data)
        except CertificateError as exc:
            assert "\n" not in str(exc)
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            failures.append((f"{type(exc).__name__}: {exc}", data))

    run()
    assert not failures, f"non-CertificateError: {failures[0][0]} for " \
                         f"{reprlib.repr(failures[0][1])}"


# -- user claim files ---------------------------------------------------------------------

CLAIM_FILES = {
    "empty.py": "",
    "syntax.py": "def f(:\n",
    "nul.py": "x = 1\x00\n",
    "latin1.py": "# \xe9\n".encode("latin-1"),
    "binary.py": bytes(range(256)),
    "noclaim.py": "x = 1\n",
    "notpy.txt": "x = 1\n",
}


@pytest.mark.parametrize("name", sorted(CLAIM_FILES))
def test_bad_claim_files_are_one_line_exit_3(name, tmp_path):
    count("inputs fuzzed: claim-file paths")
    body = CLAIM_FILES[name]
    p = tmp_path / name
    p.write_bytes(body if isinstance(body, bytes) else body.encode())
    code, out, err = cli("check", f"{p}::x", "--out", "", "--journal", "")
    assert one_line_error(code, err), err


@settings(max_examples=examples(200), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(st.sampled_from("ab/.:_-~ \x00*?[]\\$"), max_size=20).map(lambda s: s + ".py"))
def test_random_claim_file_paths_are_one_line_exit_3(path):
    count("inputs fuzzed: claim-file paths")
    code, out, err = cli("check", path, "--out", "", "--journal", "")
    assert one_line_error(code, err), (path, err)


def test_directory_and_missing_file_paths(tmp_path):
    for spec in (f"{tmp_path}::x", f"{tmp_path}/missing.py", f"{tmp_path}/missing.py::y",
                 "/dev/null::x", f"{USER}::::x"):
        count("inputs fuzzed: claim-file paths")
        code, out, err = cli("check", spec, "--out", "", "--journal", "")
        assert one_line_error(code, err), (spec, err)


def test_a_claim_with_two_names_is_one_claim(tmp_path):
    p = tmp_path / "alias.py"
    p.write_text("from exact import claim, holds\nfrom exact.domains import Enumerated\n"
                 "@claim('alias/one', domain=Enumerated([1, 2], name='1, 2'), register=False)\n"
                 "def one(x):\n    return holds()\n"
                 "also_one = one\n")
    from exact.claims import get_claim
    assert get_claim(f"{p}::alias/one").id == "alias/one"
