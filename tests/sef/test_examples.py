"""The worked examples recompute the paper's numbers (and its slips) exactly."""

from exact.numbers import Q
from proofs.sef import examples as ex


def test_nyc_lottery():
    v = ex.nyc_lottery().values
    assert v["nyc"] == (1, 0, 1, 1, 1, 1) and v["nyc_total"] == Q(33, 5)
    assert v["tickets"] == [(0, 0, 1, 1, 1, 1)] and v["tickets_total"] == 7
    assert v["nyc_PO"] is True                                  # S9: paper says "not PO"
    assert sorted(v["nyc_orders"].values()) == [144, 144, 432]


def test_ps_illustration_corrects_the_paper():
    v = ex.ps_illustration().values
    assert v["hz_supports"] and v["bckm_matches"]
    assert v["ps6"][2] == (0, Q(1, 6), Q(5, 6))                # paper prints (0,1/6,1/3)
    assert v["ps6_total"] == Q(19, 3)                          # paper prints 4 5/6


def test_example_2_tables():
    v = ex.example_2().values
    assert v["eu_x"] == (2, Q(1, 2), Q(1, 2), 2)              # paper main text (2,1,1,2)
    assert v["door"] == {0: 3, 1: 2, 2: 4, 3: 5} and v["T"] == 6
    assert v["T_witness"] == 4                                 # S6: above the paper's n(n+1)/2 = 3
    assert all(o == [(2, 1, 1, 0)] for o in v["tickets"].values()) and len(v["tickets"]) == 24
    assert v["hz"]


def test_example_3_table_2():
    v = ex.example_3().values
    assert v["totals"] == [14, Q(50, 3), Q(50, 3), Q(50, 3)]  # paper: "14 + 5/3"
    t2 = v["table2"]
    assert sorted(len(o) for o in t2.values()) == [8, 8, 8] and "(C1,C1,C1,C2)" not in t2
    assert (0, 3, 1, 2) in t2["(C2,C1,C1,C1)"]                 # paper lists (1,4,2,3) in row 1
    assert v["rsd4"] == Q(1, 4)
    assert v["ps_sd_gain"] == 0 and v["ps_full_gain"] > 0        # note 4.5: SD-eff., not PO
    assert v["cs_full_gains"] == [Q(11, 5), 0, 0, 0]             # x4 is not full-space PO


def test_example_5_and_6():
    v = ex.example_5().values
    assert v["hz_ok"] and v["hz_total"] == Q(35, 9) and v["tickets_totals"] == [4]
    w = ex.example_6().values
    assert w["cycle"] and w["sne"] == [(2, 0, 1)] and w["tickets"] == [(2, 0, 1)]
    assert w["ne"] == [(1, 2, 0), (2, 0, 1)]
    assert sorted(w["inconsistent"]) == ["(C2,C2,C1)", "(C3,C2,C1)", "(C3,C2,C2)"]


def test_c3d_trace():
    v = ex.c3d_trace().values
    assert (v["before"], v["after"]) == (5, 7)


def test_sef_check_script_runs_example_2_and_rejects_bad_input(tmp_path):
    import pathlib
    import subprocess
    import sys
    root = pathlib.Path(__file__).resolve().parents[2]
    script = str(root / "examples" / "sef_check.py")
    out = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=120,
                         cwd=root)
    assert out.returncode == 0 and "SEF allocation: (C3,C2,C2,C1)" in out.stdout
    assert "HZ at h = ('1', '2', '1'): equilibrium" in out.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"utilities": [[1, 2]], "capacities": [1, "x"]}')
    out = subprocess.run([sys.executable, script, str(bad)], capture_output=True, text=True,
                         timeout=120, cwd=root)
    assert out.returncode == 3 and "capacities[1]" in out.stderr and "Traceback" not in out.stderr
