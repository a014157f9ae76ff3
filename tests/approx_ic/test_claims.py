"""Verdicts of the approx_ic claims, and a deliberately broken mechanism or model for each claim
that makes it fail (the claims can fail)."""

import pytest

import proofs.approx_ic.claims as C
from exact import check
from exact.numbers import Q
from proofs.approx_ic import bounds, condition, counts, proof, thresholds
from proofs.approx_ic.mechanism import Mechanism, sigma_star


@pytest.fixture(autouse=True)
def fresh_caches():
    """The model caches exact tables; a mutant must not see (or leave) cached correct values."""
    def clear():
        for fn in (condition.decide, counts._table, bounds.tail_bound, proof.proof_threshold,
                   thresholds.ic_threshold):
            fn.cache_clear()
    clear()
    yield
    clear()


CHEAP = ["approx_ic/equation-5", "approx_ic/remark-3-budget-balance",
         "approx_ic/example-single-object-payments", "approx_ic/condition-1-common-top",
         "approx_ic/remark-2-unique-maximiser", "approx_ic/remark-2-same-ordinal-corrected",
         "approx_ic/remark-2-disagreement", "approx_ic/theorem-1-proof-e",
         "approx_ic/equation-4", "approx_ic/theorem-1-proof-bound"]


@pytest.mark.parametrize("cid", CHEAP)
def test_verified_at_default_sizes(cid):
    v = check(cid)
    assert v.kind == "verified" and v.instances == v.total > 0, v


@pytest.mark.parametrize("cid", ["approx_ic/gain-identity", "approx_ic/theorem-1-optimality",
                                 "approx_ic/cremer-mclean"])
def test_lp_claims_verified_up_to_two_players(cid):
    sizes = [2] if cid.endswith("mclean") else [1, 2]
    v = check(cid, sizes=sizes)
    assert v.kind == "verified" and v.instances == v.total == (66 if sizes == [2] else 38 + 66)
    assert v.witnesses and any("certificate" in w["data"] for w in v.witnesses)


@pytest.mark.parametrize("cid", ["approx_ic/theorem-1", "approx_ic/theorem-1-without-condition-1",
                                 "approx_ic/remark-1-rate"])
def test_theorem_1_claims_at_epsilon_one_half(cid):
    v = check(cid, sizes=[1])
    assert v.kind == "verified" and v.instances == 10


def test_theorem_1_is_vacuous_exactly_on_the_object_settings():
    from proofs.approx_ic.domains import SETTINGS
    met = [C.theorem_1(inst).met for inst in SETTINGS.instances(1)]
    assert met.count(False) == 2                       # the single-object settings (two tie rules)
    assert all(C.theorem_1_without_condition_1(inst).met for inst in SETTINGS.instances(1))


def test_errata_are_refuted_with_minimal_witnesses():
    v = check("approx_ic/example-single-object")
    assert v.known_erratum
    viol = v.counterexample["violation"]
    assert v.counterexample["instance"] == [[1, 1], [1, 1]]
    assert viol["weights"] == ["1/2", "1/2"] and viol["mixture_welfare"] == ["1/2", "1/2"]
    v = check("approx_ic/remark-2-same-ordinal")
    assert v.known_erratum and v.counterexample["instance"] == [[[0, 0], [0, 0]]]


def test_the_note_example_violates_condition_1_with_the_note_tie():
    out = C.example_single_object(((Q(1), Q(2)), (Q(3, 2), Q(1, 2))))
    assert not out.ok and out.data["weights"] == ["3/5", "2/5"] and out.data["state"] == 0


def test_remark_1_rate_reports_23_against_the_proofs_92():
    from proofs.approx_ic.families import BINARY, INVEST
    out = C.remark_1_rate((BINARY.with_types([INVEST]), Q(1, 10)))
    assert out.ok and out.data["players"] == 23 and out.data["proof_players"] == 92


# --- mutants: each claim fails on a deliberately broken mechanism or model -------------------------

def _scaled_payments(factor):
    def broken(env, sigma=None):
        m = sigma_star(env, sigma)
        return Mechanism(m.allocation, tuple(tuple(p * factor for p in row) for row in m.payments))
    return broken


def test_equation_5_fails_when_payments_overcharge(monkeypatch):
    monkeypatch.setattr(C, "sigma_star", _scaled_payments(Q(11, 10)))
    v = check("approx_ic/equation-5", sizes=[1])
    assert v.kind == "refuted" and v.counterexample["violation"]["interim_utility"] != "0"


def test_gain_identity_fails_for_a_mechanism_charging_prior_expected_utility(monkeypatch):
    def prior_payments(env, sigma=None):
        m = sigma_star(env, sigma)
        pay = tuple(tuple(sum((env.prior[w] * u[alloc.index(Q(1))][w]
                               for w in range(env.states)), Q(0)) for u in env.utilities)
                    for alloc in m.allocation)
        return Mechanism(m.allocation, pay)
    monkeypatch.setattr(C, "sigma_star", prior_payments)
    v = check("approx_ic/gain-identity", sizes=[1])
    assert v.kind == "refuted" and "definition" in v.counterexample["violation"]


def test_optimality_fails_for_an_inefficient_choice(monkeypatch):
    monkeypatch.setattr(C, "sigma_star",
                        lambda env: sigma_star(env, [0] * len(env.profiles)))
    v = check("approx_ic/theorem-1-optimality", sizes=[1])
    assert v.kind == "refuted"
    viol = v.counterexample["violation"]
    assert Q(viol["revenue"]) < Q(viol["first_best"])


def test_cremer_mclean_fails_when_transfers_are_bounded(monkeypatch):
    real = C.revenue_lp
    monkeypatch.setattr(C, "revenue_lp", lambda env, eps=None, **kw:
                        real(env, eps, payments=(Q(0), Q(2))))
    v = check("approx_ic/cremer-mclean", sizes=[2])
    assert v.kind == "refuted"
    assert Q(v.counterexample["violation"]["lp_value"]) < Q(v.counterexample["violation"]["first_best"])


def test_budget_balance_fails_when_payments_are_halved(monkeypatch):
    monkeypatch.setattr(C, "sigma_star", _scaled_payments(Q(1, 2)))
    assert check("approx_ic/remark-3-budget-balance", sizes=[1]).kind == "refuted"


def test_single_object_payments_fail_when_losers_pay(monkeypatch):
    def losers_pay(env, sigma=None):
        m = sigma_star(env, sigma)
        pay = tuple(tuple(q if q else Q(1, 7) for q in row) for row in m.payments)
        return Mechanism(m.allocation, pay)
    monkeypatch.setattr(C, "sigma_star", losers_pay)
    v = check("approx_ic/example-single-object-payments", sizes=[2])
    assert v.kind == "refuted" and v.counterexample["violation"]["payment"] == "1/7"


def _report_fee(monkeypatch, fee=Q(1, 2)):
    """A mechanism charging an extra ``fee`` to every player who reports the last signal: by the
    identity its gain from hiding that signal rises by ``fee`` at every n (it never decays)."""
    real = counts.Table.gains

    def gains(self, comp, tie=None):
        X = self.setting.signals
        return {(u, s, t): g + (fee if s == X - 1 else 0) - (fee if t == X - 1 else 0)
                for (u, s, t), g in real(self, comp, tie).items()}
    monkeypatch.setattr(counts.Table, "gains", gains)


@pytest.mark.parametrize("cid", ["approx_ic/theorem-1", "approx_ic/theorem-1-without-condition-1"])
def test_theorem_1_fails_for_a_mechanism_with_a_report_fee(monkeypatch, cid):
    _report_fee(monkeypatch)
    v = check(cid, sizes=[1])
    assert v.kind == "refuted"
    viol = v.counterexample["violation"]
    assert Q(viol["epsilon_star"]) > Q(viol["bound"])


def test_remark_1_rate_fails_with_a_broken_bound(monkeypatch):
    monkeypatch.setattr(bounds, "sqrt_upper", lambda x, digits=30: Q(x))   # "forgets" the root
    v = check("approx_ic/remark-1-rate", sizes=[1])
    assert v.kind == "refuted"


def test_equation_4_fails_with_a_broken_markov_tail(monkeypatch):
    monkeypatch.setattr(proof, "sqrt_upper", lambda x, digits=30: Q(x) / 1000)
    v = check("approx_ic/equation-4", sizes=[2])
    assert v.kind == "refuted" and "tail_start" in v.counterexample["violation"]


def test_proof_bound_fails_for_a_mechanism_with_a_report_fee(monkeypatch):
    _report_fee(monkeypatch)
    v = check("approx_ic/theorem-1-proof-bound", sizes=[1])
    assert v.kind == "refuted"


def test_condition_1_claims_fail_with_a_tie_lp_missing_its_top_rows(monkeypatch):
    """Without the rows 'a and b are at least as good as every c', ties below the top count."""
    real = condition.tie_lp

    def sloppy(types, w, a, b):
        kw = real(types, w, a, b)
        return {**kw, "A_ub": None, "b_ub": None}
    monkeypatch.setattr(condition, "tie_lp", sloppy)
    assert check("approx_ic/condition-1-common-top", sizes=[1]).kind == "refuted"


def test_condition_1_claims_fail_with_a_tie_lp_without_the_simplex_row(monkeypatch):
    """Without sum lambda = 1, lambda = 0 'ties' everything: (1) would never hold."""
    real = condition.tie_lp

    def unnormalised(types, w, a, b):
        kw = real(types, w, a, b)
        return {**kw, "A_eq": kw["A_eq"][:1], "b_eq": kw["b_eq"][:1]}
    monkeypatch.setattr(condition, "tie_lp", unnormalised)
    assert check("approx_ic/remark-2-same-ordinal-corrected", sizes=[1]).kind == "refuted"
    condition.decide.cache_clear()
    assert check("approx_ic/condition-1-common-top", sizes=[1]).kind == "refuted"


def test_claims_on_condition_1_fail_when_it_is_always_declared_true(monkeypatch):
    monkeypatch.setattr(C, "decide", lambda types: condition.Decision(True))
    assert check("approx_ic/remark-2-unique-maximiser", sizes=[1]).kind == "refuted"
    assert check("approx_ic/remark-2-disagreement", sizes=[2]).kind == "refuted"
    v = check("approx_ic/example-single-object")
    assert v.kind == "verified" and v.label == "verified (erratum expected!)"
    assert check("approx_ic/remark-2-same-ordinal").label == "verified (erratum expected!)"


def test_proof_e_fails_with_a_wrong_vertex_formula(monkeypatch):
    monkeypatch.setattr(C, "e_vertex", lambda u, tops, w: Q(0))
    assert check("approx_ic/theorem-1-proof-e", sizes=[1]).kind == "refuted"
    monkeypatch.setattr(C, "e_constant", lambda types: Q(0))
    v = check("approx_ic/theorem-1-proof-e", sizes=[2])
    assert v.kind == "refuted" and "e_lp" in v.counterexample["violation"]
