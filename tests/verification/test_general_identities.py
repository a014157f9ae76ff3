"""Lemma 6 and Proposition 2's derivative for symbolic n, m, k (and any F)."""

import pytest

from proofs.verification import leibniz, symbolic_n


def test_every_step_of_lemma_6_holds_symbolically():
    steps = symbolic_n.lemma_6_steps()
    assert all(st.holds for st in steps), [st for st in steps if not st.holds]
    names = [st.name for st in steps]
    for keys in symbolic_n.STATEMENTS.values():
        assert all(any(nm.startswith(key) for nm in names) for key in keys)


def test_a_wrong_termwise_derivative_fails():
    n, b, j = symbolic_n.n, symbolic_n.b, symbolic_n.j
    assert not symbolic_n.termwise_derivative((n - 1) * (b(j) - b(j - 1))).holds
    assert not symbolic_n.termwise_derivative(n * (b(j) - b(j + 1))).holds


@pytest.mark.parametrize("case", ["2.a", "2.b", "3"])
def test_leibniz_rule_gives_the_paper_formula(case):
    assert leibniz.check_case(case).holds is True


def test_a8_h1_is_the_case_2a_implicit_function():
    assert leibniz.check_case("2.a", {"g1": ("allo", "ic")}).holds is True
    assert leibniz.check_case("2.b", {"g1": ("allo", "ic")}).holds is False


def test_a_wrong_phi_partial_is_caught(monkeypatch):
    good = leibniz.phi_partials()

    def wrong():
        out = dict(good)
        out["aud"] = (-good["aud"][0], good["aud"][1])
        return out
    monkeypatch.setattr(leibniz, "phi_partials", wrong)
    assert leibniz.check_case("2.b").holds is False
