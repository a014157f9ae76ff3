"""The per-case claims (Lemmas 7, 10-13, Theorem 1's construction, the cell unions) can fail.

Each test runs a registered claim's predicate on its own case domain, first on the real model
(every instance holds, and the hypothesis is met by some), then on a deliberately broken model
(a mutant): the claim must then fail on instances of the case it reports.
"""

import pytest

import proofs.verification.claims  # noqa: F401  (registers every claim)
from exact.claims import REGISTRY
from exact.numbers import Q
from proofs.verification import cells, claims_cases, construction


@pytest.fixture(autouse=True)
def _fresh_caches():
    """The claims cache constructions and cell models per instance: mutants need fresh ones."""
    def clear():
        claims_cases._construct.cache_clear()
        claims_cases._cells.cache_clear()
        cells.cell_model.cache_clear()
    clear()
    yield
    clear()


def _run(cid, size=3, limit=None):
    c = REGISTRY[cid]
    insts = list(c.domain.instances(size))[:limit]
    assert insts, f"{cid}: no instance of its case at size {size}"
    return [c.check(i) for i in insts]


# --- the construction on finite type spaces (A.5-A.7), in the generic case 2.b ------------------

@pytest.mark.parametrize("cid", ["verification/lemma-10-case-2b", "verification/lemma-13-case-2b",
                                 "verification/theorem-1-construction-case-2b"])
def test_construction_claims_hold_in_case_2b(cid):
    outs = _run(cid)
    assert all(o.ok for o in outs)
    met = [o for o in outs if o.met]
    assert met and all("regions" in o.data for o in met), "no instance meets the hypothesis"
    # the generic case: some types straddle a cut-off (gamma_3 is irrational)
    assert any(o.data["straddling"] > 0 for o in met)


def test_lemma_10_fails_when_the_lottery_promises_more(monkeypatch):
    real = construction.lottery_target
    monkeypatch.setattr(construction, "lottery_target",
                        lambda ph, regs: [t * Q(1001, 1000) for t in real(ph, regs)])
    outs = _run("verification/lemma-10-case-2b")
    met = [o for o in outs if o.met]
    assert met and all(not o.ok for o in met)     # every object is already spoken for
    outs = _run("verification/theorem-1-construction-case-2b")
    assert any(not o.ok for o in outs)


def test_lemma_13_fails_when_audits_forget_the_guarantee(monkeypatch):
    from proofs.verification.mwg import interim_P
    monkeypatch.setattr(construction, "interim_A", lambda inst, ph: interim_P(inst, ph))
    for c in ("2b", "3"):
        outs = _run(f"verification/lemma-13-case-{c}")
        assert any(not o.ok for o in outs), c


def test_theorem_1_construction_fails_with_a_wrong_merit_rule(monkeypatch):
    # Definition 4 with k + 1 merit objects on C^aud: the merit rule's interim is no longer
    # P - phi 1{aud, ic} (Lemma 9), so the assembled mechanism does not induce (P_phi, A_phi)
    real = construction._cap
    monkeypatch.setattr(construction, "_cap",
                        lambda inst, label: real(inst, label) + (label == "aud"))
    outs = _run("verification/theorem-1-construction-case-2b")
    assert any(not o.ok for o in outs)


def test_lemma_12_discrete_holds_per_case():
    for c in ("1", "2b", "3"):
        outs = _run(f"verification/lemma-12-discrete-case-{c}")
        assert all(o.ok for o in outs) and any(o.met for o in outs), c


# --- the cell unions in the continuous model (Lemmas 10, 11, 12) ---------------------------------

def test_lemma_11_reduction_fails_with_a_family_that_misses_the_maximiser(monkeypatch):
    # mutant reading of Lemma 11: gamma' strictly inside C^allo's top part (never gamma_3 or 1):
    # the family keeps only C^aud u [gamma', 1] with a proper, non-empty [gamma', 1]
    real = cells._families

    def proper_tails(model):
        fam = real(model)
        top = {j for j, c in enumerate(model.cells) if c.label == "allo"
               and model.alg[c.a] >= model.cutoffs["gamma_3"]}
        keep = {E for E in fam["audit"] if 0 < len(E & top) < len(top)}
        return {"lottery": fam["lottery"], "audit": keep}
    monkeypatch.setattr(cells, "_families", proper_tails)
    outs = _run("verification/lemma-11-case-2b")
    assert outs and all(not o.ok and o.data["beats_family"] for o in outs)
    # Lemma 12 on the smaller family still holds: it is a separate check
    assert all(o.ok for o in _run("verification/lemma-12-case-2b"))


def test_lemma_10_cells_fails_with_a_family_that_misses_the_maximiser(monkeypatch):
    # mutant reduction: only E = C^ic (the proof's family without [g, gamma_3])
    real = cells._families

    def ic_only(model):
        ic = frozenset(j for j, c in enumerate(model.cells) if c.label == "ic")
        return {"lottery": {ic}, "audit": real(model)["audit"]}
    monkeypatch.setattr(cells, "_families", ic_only)
    outs = _run("verification/lemma-10-cells-case-2b")
    assert outs and all(not o.ok and o.data["beats_family"] for o in outs)


def test_lemma_12_fails_with_one_audit_fewer(monkeypatch):
    real = cells.cell_model.__wrapped__

    def fewer(n, m, k, ph, per_region=2):
        model = real(n, m, k, ph, per_region)
        model.k = k - 1
        return model
    monkeypatch.setattr(cells, "cell_model", fewer)
    for c in ("2b", "3"):
        assert any(not o.ok for o in _run(f"verification/lemma-12-case-{c}")), c


def test_an_undecided_sign_is_never_verified(monkeypatch):
    real = cells.check_cells

    def undecided(*args, **kw):
        r = real(*args, **kw)
        r["audit"] = dict(r["audit"], undecided=[[0]])
        return r
    monkeypatch.setattr(cells, "check_cells", undecided)
    outs = _run("verification/lemma-11-case-2b", limit=1)
    assert outs[0].ok and not outs[0].decided


# --- Lemma 7 (corrected) per case ---------------------------------------------------------------

def test_corrected_lemma_7_fails_with_the_papers_prediction(monkeypatch):
    from proofs.verification import regions
    # the paper's Lemma 7 (the erratum) as the mutant: it predicts C^aud up to phi-bar, so it
    # is wrong at the case-3 phi of the grid that fall in (phi-hat, phi-bar] (first at n = 4)
    monkeypatch.setattr(regions, "corrected_prediction", regions.lemma_7_prediction)
    outs = _run("verification/lemma-7-corrected-case-3", size=4)
    assert any(not o.ok for o in outs)


def test_lemma_11_discrete_holds_and_fails_when_ic_types_are_audited(monkeypatch):
    from proofs.verification import audit_lp
    from proofs.verification.mwg import interim_A
    for c in ("1", "2b", "3"):
        outs = _run(f"verification/lemma-11-discrete-case-{c}")
        assert all(o.ok for o in outs) and any(o.met for o in outs), c
    # mutant: audits promised to C^ic types too (A = P - phi + 1/100 on the lowest type), a
    # set the family never contains: it now beats the family in case 2.b and case 3
    monkeypatch.setattr(audit_lp, "interim_A", lambda inst, ph: [
        a + (Q(1, 100) if l == 0 else 0) for l, a in enumerate(interim_A(inst, ph))])
    for c in ("2b", "3"):
        outs = _run(f"verification/lemma-11-discrete-case-{c}")
        assert any(not o.ok for o in outs), c


def test_the_mixture_limit_is_a_fact_and_fails_where_the_lottery_exists():
    c = REGISTRY["verification/lemma-10-mixture-limit"]
    (d,) = list(c.domain.instances(1))
    out = c.check(d)
    assert out.ok and out.data["implementable"] == "optimal" and out.data["case"] == "2.b"
    # on an instance where the mixture lottery exists (two straddling types, n = 4) it fails
    other = next((inst, ph) for inst, ph in REGISTRY["verification/lemma-10-case-2b"]
                 .domain.instances(4) if construction.construct(inst, ph).get("lemma_10"))
    assert not c.check({**other[0].to_json(), "phi": str(other[1])}).ok
    # the per-case construction claims stop at n = 4, where the mixture always worked
    assert max(REGISTRY["verification/lemma-10-case-2b"].domain.sizes) == 4
