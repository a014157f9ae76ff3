"""Every screening claim can fail: a deliberately broken model or set flips its outcome."""

import dataclasses

import pytest
import sympy

from exact import get_claim
from exact.errors import ExactError
from exact.numbers import Q
from proofs.screening import appendix_a, claims, constraints, continuum, readings, theorem1
from proofs.screening import solve as S
from proofs.screening.model import lewis_sappington, separable


@pytest.fixture(autouse=True)
def fresh_cache():
    S._CACHE.clear()
    yield
    S._CACHE.clear()


def _outcome(cid, inst):
    return get_claim(cid).check(inst)


def test_theorem_1_holds_on_the_ic_member_and_fails_with_a_bump():
    assert _outcome("screening/theorem-1", "0").ok
    assert not _outcome("screening/theorem-1", "1").ok
    assert not _outcome("screening/theorem-1", "-1").met           # hypotheses fail: vacuous


def test_theorem_1_refuses_to_decide_a_broken_contract(monkeypatch):
    monkeypatch.setattr(theorem1, "allocation", lambda a, b: a - b + 3)     # U' != q
    with pytest.raises(ExactError, match="slack forms"):
        _outcome("screening/theorem-1", "0")


def test_proposition_4_holds_with_the_full_set(monkeypatch):
    assert not _outcome("screening/proposition-4", separable(3)).ok
    monkeypatch.setitem(constraints.SETS, "paper", constraints.SETS["full"])
    assert _outcome("screening/proposition-4", separable(3)).ok


def test_remark_1_fails_on_a_miscounted_set(monkeypatch):
    assert _outcome("screening/remark-1", 4).ok
    monkeypatch.setitem(constraints.SETS, "paper",
                        lambda n, i, j: constraints._paper(n, i, j) | {(0, 0)})
    assert not _outcome("screening/remark-1", 4).ok


def test_example_1_count_holds_with_the_right_formula(monkeypatch):
    assert not _outcome("screening/example-1-count", 5).ok
    monkeypatch.setattr(constraints, "paper_example_1_formula",
                        lambda n: (n - 1) * (n * n + 5 * n - 4) // 2)
    assert _outcome("screening/example-1-count", 5).ok


def test_readings_search_finds_a_formula_that_is_a_reading(monkeypatch):
    inst = {"sizes": "3..8"}
    assert not _outcome("screening/example-1-count-readings", inst).ok
    monkeypatch.setattr(readings, "paper_example_1_formula",
                        lambda n: (n - 1) * (n * n + 5 * n - 4) // 2)
    assert _outcome("screening/example-1-count-readings", inst).ok


def test_section_4_reduced_set_holds_when_the_set_is_full(monkeypatch):
    m = lewis_sappington(3)
    assert not _outcome("screening/section-4-reduced-set", m).ok
    monkeypatch.setitem(constraints.SETS, "ls-nw", constraints.SETS["full"])
    assert _outcome("screening/section-4-reduced-set", m).ok
    assert not _outcome("screening/section-4-opt", m).ok      # full no longer below reduced


def _broken_ls(n):
    """Lewis-Sappington with the cost slope dropped from the regulator's payoff (g = c0)."""
    m = lewis_sappington(n)
    return dataclasses.replace(m, g=tuple(Q(1) for _ in m.g))


def test_section_4_insights_fail_on_a_broken_payoff():
    assert _outcome("screening/section-4-insights", lewis_sappington(3)).ok
    assert not _outcome("screening/section-4-insights", _broken_ls(3)).ok


def test_proposition_5_fails_when_the_restriction_is_not_implementable(monkeypatch):
    m = lewis_sappington(3)
    assert _outcome("screening/proposition-5", m).ok
    real = continuum.restriction

    def broken(model):
        p, V = real(model)
        p[0] += 1                        # (0, 0) gets a higher price than its neighbours
        return p, V
    monkeypatch.setattr(continuum, "restriction", broken)
    assert not _outcome("screening/proposition-5", m).ok


def test_remark_3_fails_with_a_zero_weight(monkeypatch):
    inst = {"model": "lewis-sappington", "n": 3}
    assert _outcome("screening/remark-3", inst).ok
    m = lewis_sappington(3)
    monkeypatch.setattr(claims, "_model_of",
                        lambda i: dataclasses.replace(m, weight=(Q(0),) + m.weight[1:]))
    assert not _outcome("screening/remark-3", inst).ok


def test_level_set_fails_without_the_adjacent_levels(monkeypatch):
    inst = {"model": "separable", "n": 3}
    assert _outcome("screening/observation-level-set", inst).ok
    real = constraints.level_pairs
    monkeypatch.setattr(constraints, "level_pairs", lambda alpha, n: real(alpha, n)[:4])
    assert not _outcome("screening/observation-level-set", inst).ok


def test_conjecture_1_fails_for_another_price(monkeypatch):
    inst = "all c0, alpha, K with alpha > c0 + 1"
    real = continuum.price
    monkeypatch.setattr(continuum, "price",
                        lambda piece, a_=continuum.a, b_=continuum.b: real("low", a_, b_))
    assert not _outcome("screening/conjecture-1", inst).ok


@pytest.mark.parametrize("key,name,broken", [
    ("example-1", "lmr_T", lambda piece, q_=appendix_a.q: q_ / 3 - q_ ** 2 / 6
     + sympy.Rational(1, 31) if piece == 2 else q_ / 2 - 3 * q_ ** 2 / 8),
    ("example-2", "basov_y", lambda region, a_=appendix_a.a, b_=appendix_a.b, c_=appendix_a.c:
     (4 * a_ - 2) / (4 * b_ + 2 * c_)),
    ("example-3", "_DEF", lambda r_, L_: (r_, r_, r_)),
])
def test_appendix_a_fails_on_a_broken_closed_form(monkeypatch, key, name, broken):
    cid = f"screening/appendix-a-{key}"
    assert _outcome(cid, "closed form").ok
    monkeypatch.setattr(appendix_a, name, broken)
    assert not _outcome(cid, "closed form").ok


@pytest.mark.parametrize("cid, inst", [("screening/section-4-opt", 3),
                                       ("screening/section-4-insights", 3),
                                       ("screening/proposition-4", 3)])
def test_an_exact_fallback_out_of_budget_is_undecided(monkeypatch, cid, inst):
    """When no exact method decides an optimum (exact.lp.Undecided), the instance is undecided
    (the verdict inconclusive), neither holds nor fails."""
    from exact.lp import Undecided

    def refuse(*a, **k):
        raise Undecided("exact QP: ... no answer")
    monkeypatch.setattr(claims, "full_optimum", refuse)
    monkeypatch.setattr(claims, "optimum", refuse)
    model = separable(inst) if cid.endswith("proposition-4") else lewis_sappington(inst)
    out = _outcome(cid, model)
    assert out.decided is False and "no answer" in str(out.data)
