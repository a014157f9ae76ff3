"""Lemmas 10-12 on all symmetric unions of quantile cells (exact signs)."""

from exact import check
from exact.numbers import Q
from proofs.verification import cells


def test_example_1_at_17_50_every_union():
    r = cells.check_cells(3, 2, 1, Q(17, 50), 2)
    assert r["pattern"] == "ic aud allo" and r["cells"] == 9 and r["ok"]
    lot, aud = r["lottery"], r["audit"]
    assert lot["unions"] == aud["unions"] == 512
    # (27): the largest gap is 0, at E = empty (and E = [0, gamma_3], appendix note 4.4)
    assert lot["family_max_sign"] == 0 and lot["family_max_set"] == []
    # (29): 0 at E = C^aud = [gamma_1, gamma_3] (E[min{X_g1, k}] - E[min{X_g3, k}] exactly)
    assert aud["family_max_sign"] == 0 and aud["family_max_set"] == [3, 4, 5]
    assert not lot["beats_family"] and not aud["beats_family"]


def test_zero_gaps_are_proved_exactly_and_nonzero_ones_by_balls():
    model = cells.CellModel(3, 2, 1, Q(17, 50), 1)
    ic_to_g3 = frozenset(j for j, c in enumerate(model.cells) if c.label != "allo")
    assert model.sign("lottery", ic_to_g3) == 0          # E = [0, gamma_3]: equality
    assert model.sign("lottery", frozenset(j for j, c in enumerate(model.cells)
                                           if c.label == "aud")) == -1
    assert not model.exact_zero(model.poly_gap("lottery", frozenset({0})) + 1)


def test_a_wrong_audit_capacity_is_caught():
    # mutant: one audit fewer in the right-hand side of (29): C^aud now violates it
    model = cells.CellModel(3, 2, 1, Q(17, 50), 1)
    aud = frozenset(j for j, c in enumerate(model.cells) if c.label == "aud")
    assert model.sign("audit", aud) == 0
    bad = cells.CellModel(3, 2, 1, Q(17, 50), 1)
    bad.k = 0
    assert bad.sign("audit", aud) == 1


def test_cell_claims_meet_case_2b():
    for cid in ("verification/lemma-10-cells-case-2b", "verification/lemma-11-case-2b",
                "verification/lemma-12-case-2b"):
        v = check(cid, sizes=[3, 4])
        assert v.kind == "verified" and v.met == v.instances == 8, cid
