"""PrefLib files (exact/preflib.py): the shipped file, the four formats, every malformed line
named, a domain of sub-profiles, and claims checked on the file (examples/preflib_demo.py)."""

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact import InputError, check
from exact import claims as claims_module
from exact.claims import load_claim_file
from exact.preflib import PrefLibProfiles, parse_preflib, read_preflib
from exact.prefs import Profile
from exact.strategies import weak_profiles

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOMS = os.path.join(ROOT, "tests", "data", "exact-demo-rooms.soc")
DEMO = os.path.join(ROOT, "examples", "preflib_demo.py")


def preflib_text(data_type, orders, m, names=True, voters=None, unique=None, extra=""):
    """A PrefLib file: ``orders`` are (count, "order text") pairs."""
    head = [f"# FILE NAME: test.{data_type}", "# TITLE: test", f"# DATA TYPE: {data_type}",
            f"# NUMBER ALTERNATIVES: {m}",
            f"# NUMBER VOTERS: {sum(c for c, _ in orders) if voters is None else voters}",
            f"# NUMBER UNIQUE ORDERS: {len(orders) if unique is None else unique}"]
    if names:
        head += [f"# ALTERNATIVE NAME {j}: alt {j}" for j in range(1, m + 1)]
    return "\n".join(head) + "\n" + extra + "".join(f"{c}: {o}\n" for c, o in orders)


@pytest.fixture
def restore_registry():
    before = dict(claims_module.REGISTRY)
    yield
    claims_module.REGISTRY.clear()
    claims_module.REGISTRY.update(before)


def test_the_shipped_file_reads_into_a_profile():
    d = read_preflib(ROOMS)
    assert d.data_type == "soc" and d.n_voters == 6 and d.n_alternatives == 4
    assert d.alternatives == ("North room", "East room", "South room", "West room")
    assert "crafted" in d.meta("TITLE") and "not PrefLib data" in d.meta("TITLE")
    assert d.profile() == Profile([(0, 1, 2, 3), (0, 1, 2, 3), (1, 0, 3, 2), (2, 0, 1, 3),
                                   (0, 2, 1, 3), (3, 2, 1, 0)])
    assert d.voter_lines() == (17, 17, 18, 19, 20, 21)
    assert d.profile([5, 2]) == Profile([(3, 2, 1, 0), (1, 0, 3, 2)])


def test_soi_gives_truncated_rankings_and_toc_toi_give_ties():
    soi = parse_preflib(preflib_text("soi", [(2, "3, 1"), (1, "2")], 3))
    assert soi.profile() == Profile([(2, 0), (2, 0), (1,)], 3)
    toc = parse_preflib(preflib_text("toc", [(1, "2,{1,3}"), (1, "{ 3 , 2 , 1 }")], 3),
                        source="test.toc")
    assert toc.weak_profile() == (((1,), (0, 2)), ((0, 1, 2),)) and not toc.is_strict
    with pytest.raises(InputError, match=r"^test\.toc:10 order\[1\]: a tie \{1,3\}: a strict "):
        toc.profile()
    toi = parse_preflib(preflib_text("toi", [(3, "{1,2}"), (1, "4,1")], 4))
    assert toi.weak_profile() == (((0, 1),),) * 3 + (((3,), (0,)),)


GOOD = [(2, "1,2,3"), (1, "2,1,3")]
MALFORMED = [
    # (data type, orders, m, other arguments, extra header text, expected message)
    ("soc", GOOD, 3, {}, "# NUMBER VOTER: 3\n", r"^f\.soc:10: unknown header key 'NUMBER VOTER'"),
    ("soc", GOOD, 3, {}, "# TITLE: again\n", r"^f\.soc:10 TITLE: repeated \(first on line 2\)"),
    ("soc", GOOD, 3, {}, "no colon here\n", r"^f\.soc:10: expected 'multiplicity: order'"),
    ("soc", GOOD, 3, {"voters": 4}, "", r"^f\.soc:5 NUMBER VOTERS: the header says 4 but the "
                                        r"multiplicities sum to 3"),
    ("soc", GOOD, 3, {"voters": "three"}, "", r"^f\.soc:5 NUMBER VOTERS: expected an integer"),
    ("soc", GOOD, 3, {"unique": 3}, "", r"^f\.soc:6 NUMBER UNIQUE ORDERS: the header says 3 "),
    ("soc", GOOD, 3, {"names": False}, "", r"^f\.soc ALTERNATIVE NAME 1: missing"),
    ("soc", [(1, "1,2,4")], 3, {}, "", r"^f\.soc:10 order\[2\]: alternative 4 is not one of "
                                       r"1\.\.3"),
    ("soc", [(1, "1,2,1")], 3, {}, "", r"^f\.soc:10 order\[2\]: alternative 1 appears twice"),
    ("soc", [(1, "1,2")], 3, {}, "", r"^f\.soc:10 order: ranks 2 of 3 alternatives \(not 3\)"),
    ("soc", [(1, "1,{2,3}")], 3, {}, "", r"^f\.soc:10 order\[1\]: a tie \{2,3\} in a soc file"),
    ("soc", [(0, "1,2,3")], 3, {"voters": 0}, "", r"^f\.soc:10 multiplicity: expected an "
                                                  r"integer >= 1, got 0"),
    ("soc", [(1, "1,2,3"), (2, "1,2,3")], 3, {}, "", r"^f\.soc:11 order: same order as line 10"),
    ("soi", [(1, "1,2,")], 3, {}, "", r"^f\.soi:10 order\[2\]: missing alternative after the "),
    ("soi", [(1, "1;2")], 3, {}, "", r"^f\.soi:10 order\[0\]: expected an alternative or a "),
    ("toi", [(1, "{}")], 3, {}, "", r"^f\.toi:10 order\[0\]: empty alternative in \{\}"),
    ("toi", [(1, "{1,2")], 3, {}, "", r"^f\.toi:10 order\[0\]: expected an alternative"),
    ("toi", [(1, "")], 3, {}, "", r"^f\.toi:10 order: empty order"),
    ("soc", [(10 ** 13, "1,2,3")], 3, {"voters": 1}, "", r"^f\.soc:10 multiplicity: expected an integer"),
]


@pytest.mark.parametrize("dtype, orders, m, kw, extra, message", MALFORMED)
def test_malformed_files_name_the_line_and_the_field(dtype, orders, m, kw, extra, message):
    text = preflib_text(dtype, orders, m, extra=extra, **kw)
    with pytest.raises(InputError, match=message):
        parse_preflib(text, source=f"f.{dtype}")


def test_header_problems_outside_the_lines_are_named_too(tmp_path):
    text = preflib_text("soc", GOOD, 3)
    with pytest.raises(InputError, match=r"^f:3 DATA TYPE: must be one of soc, soi, toc, toi, "
                                         r"got 'cat'"):
        parse_preflib(text.replace("DATA TYPE: soc", "DATA TYPE: cat"), source="f")
    with pytest.raises(InputError, match=r"^f DATA TYPE: missing"):
        parse_preflib(text.replace("# DATA TYPE: soc\n", ""), source="f")
    with pytest.raises(InputError, match=r"^f:12: header line after the orders"):
        parse_preflib(text + "# TITLE: late\n", source="f")
    with pytest.raises(InputError, match=r"^f: no orders after the header"):
        parse_preflib(text.split("2: 1,2,3")[0], source="f")
    with pytest.raises(InputError, match=r"^f:8 ALTERNATIVE NAME 4: there are 3 alternatives"):
        parse_preflib(text.replace("alt 1\n", "alt 1\n# ALTERNATIVE NAME 4: x\n"), source="f")
    wrong_ext = tmp_path / "votes.toc"
    wrong_ext.write_text(text)
    with pytest.raises(InputError, match=r"^votes\.toc:3 DATA TYPE: the file says 'soc' but "
                                         r"'toc' was expected"):
        read_preflib(wrong_ext)
    latin = tmp_path / "latin.soc"
    latin.write_bytes(text.replace("alt 2", "caf\xe9").encode("latin-1"))
    with pytest.raises(InputError, match=r"^latin\.soc:8: not UTF-8 text"):
        read_preflib(latin)
    with pytest.raises(InputError, match=r"^nothing\.soc: cannot read"):
        read_preflib(tmp_path / "nothing.soc")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="#:,{} 0123456789\nADTYPENUMBRsoctiLVR", max_size=200))
def test_arbitrary_text_is_either_read_or_an_input_error(text):
    try:
        parse_preflib("# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 3\n" + text)
    except InputError:
        pass


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 4).flatmap(lambda m: weak_profiles(3, m, truncated=True)))
def test_weak_profiles_written_as_toi_read_back_equal(profile):
    m = 1 + max((o for r in profile for t in r for o in t), default=0)
    distinct = []
    for r in profile:
        if r not in distinct:
            distinct.append(r)
    orders = [(profile.count(r), ",".join(str(t[0] + 1) if len(t) == 1 else
                                          "{" + ",".join(str(o + 1) for o in t) + "}"
                                          for t in r)) for r in distinct]
    if any(not o for _, o in orders):
        return   # an empty ranking is not a PrefLib order
    d = parse_preflib(preflib_text("toi", orders, m))
    assert sorted(d.weak_profile()) == sorted(profile)


def test_domain_of_sub_profiles_round_trips_and_refuses_tampering():
    d = read_preflib(ROOMS)
    dom = PrefLibProfiles(d, agents=4)
    assert dom.count(4) == 15 and dom.count(3) == 0
    items = list(dom.instances(4))
    assert len(items) == 15 and items[0] == d.profile([0, 1, 2, 3])
    assert list(dom.instances(4, 14, 15)) == [d.profile([2, 3, 4, 5])]
    assert all(dom.from_json(dom.to_json(p)) == p for p in items)
    with pytest.raises(InputError, match=r"^instance\[1\]: no later voter of "):
        dom.from_json([[3, 2, 1, 0], [0, 1, 2, 3], [0, 1, 2, 3], [1, 0, 3, 2]])
    with pytest.raises(InputError, match="^agents: must be an integer in 1..6"):
        PrefLibProfiles(d, agents=7)
    assert dom.describe()["sha256"] == d.sha256
    toc = parse_preflib(preflib_text("toc", [(1, "2,{1,3}")], 3), source="t.toc")
    with pytest.raises(InputError, match=r"^t\.toc:10 order\[1\]: a tie"):
        PrefLibProfiles(toc)


def _boston(profile):
    """Immediate acceptance with priority by position: manipulable (a mutant of TTC)."""
    x, taken = [None] * profile.n, set()
    for k in range(profile.m):
        for i in range(profile.n):
            if x[i] is None and k < len(profile[i]) and profile[i][k] not in taken:
                x[i] = profile[i][k]
                taken.add(x[i])
    return tuple(x)


def test_claims_checked_on_the_file_and_their_mutants(restore_registry):
    sp, ir, envy = sorted(load_claim_file(DEMO), key=lambda c: c.id)[::-1]
    assert (sp.id, ir.id, envy.id) == ("rooms/ttc-strategy-proof",
                                       "rooms/ttc-individually-rational", "rooms/sd-envy-free")
    for c in (sp, ir):
        v = check(c)
        assert v.kind == "verified" and v.instances == v.total == 15
    v = check(envy)
    cx = v.counterexample
    assert v.kind == "refuted" and cx["minimal"] and cx["index"] == 0
    assert cx["violation"] == {"envious": 1, "envied": 0, "allocation": [0, 1, 3, 2]}
    # mutants: each claim fails when the mechanism it is about is broken
    demo = sys.modules[sp.module]
    sp_b, ir_b, envy_b = demo.claims_for(demo.markets(), allocate=_boston,
                                         dictatorship=demo.ttc, register=False)
    v = check(sp_b)
    assert v.kind == "refuted" and v.counterexample["violation"]["agent"] == 1
    _, ir_sd, _ = demo.claims_for(demo.markets(), allocate=demo.serial_dictatorship,
                                  register=False)
    assert check(ir_sd).kind == "refuted"
    assert check(envy_b).kind == "refuted"      # TTC is not envy-free either


def test_demo_script_runs_on_the_shipped_file_and_on_another(tmp_path):
    p = subprocess.run([sys.executable, DEMO], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "rooms/ttc-strategy-proof: verified (15 of 15 markets)" in p.stdout
    assert "rooms/sd-envy-free: refuted (1 of 15 markets)" in p.stdout
    soc = tmp_path / "three.soc"
    soc.write_text(preflib_text("soc", [(2, "1,2,3"), (1, "3,2,1"), (1, "2,3,1")], 3))
    p = subprocess.run([sys.executable, DEMO, str(soc)], capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0 and "verified (4 of 4 markets)" in p.stdout, p.stderr
    soc.write_text(preflib_text("soc", [(1, "1,2,3"), (1, "3,2,1")], 3))   # 2 voters, 3 rooms
    p = subprocess.run([sys.executable, DEMO, str(soc)], capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 3 and p.stderr.startswith("preflib_demo: agents: must be an "
                                                     "integer in 1..2"), p.stderr


def test_module_examples_run():
    import doctest

    import exact.preflib
    failures, tried = doctest.testmod(exact.preflib)
    assert tried >= 3 and failures == 0


def test_error_messages_shown_in_the_docs_are_the_real_ones(tmp_path):
    docs = open(os.path.join(ROOT, "docs", "tools.md")).read()
    lines = open(ROOMS).read().splitlines()
    edits = {19: ("1: 3,1,2,4", "1: 3,1,7,4"), 11: ("VOTERS: 6", "VOTERS: 5"),
             20: ("1: 1,3,2,4", "1: 2,1,4,3")}
    for line, (old, new) in edits.items():
        broken = list(lines)
        assert old in broken[line - 1]
        broken[line - 1] = broken[line - 1].replace(old, new)
        path = tmp_path / "exact-demo-rooms.soc"
        path.write_text("\n".join(broken) + "\n")
        with pytest.raises(InputError) as err:
            read_preflib(path)
        assert str(err.value).startswith(f"exact-demo-rooms.soc:{line} ")
        assert str(err.value) in docs
