"""Propositions 1-3 on grid payoffs (proofs/commons/grid.py): verdicts, the note's E4, the
every-price machinery, and a broken model for each claim."""

import pytest

import proofs.commons.claims as C
from exact import InputError, check
from exact.numbers import Q
from proofs.commons import grid
from proofs.commons.domains import grid_profiles

E4 = (0, 1, None)           # the note's E4 on the grid: pi = q^2 on {0, 1}, -inf elsewhere


@pytest.mark.parametrize("cid, count", [("commons/proposition-1", 63),
                                        ("commons/proposition-2", 3969)])
def test_verified(cid, count):
    v = check(cid)
    assert v.kind == "verified" and v.instances == v.total == count


def test_proposition_3_on_a_slice_with_the_hypothesis_met():
    """The full verdict (3,969 profiles, ~5 s) is in `exact check commons`; here every 25th."""
    outs = [C.proposition_3(p) for p in list(grid_profiles().instances(2))[::25]]
    assert all(o.ok for o in outs) and all(o.met for o in outs)


def test_note_e4_equal_margins_without_concavity():
    """Note E4: at q_J = 1 the best split is (1, 0) (and (0, 1)); d pi_1(1) = (-inf, 1],
    d pi_2(0) = [1, inf), both inclusions of Prop. 2 give {1}; pi_J = (0, 1, 2) (-inf beyond)."""
    assert C._convoluted((E4, E4)) == (0, 1, 2, None, None)
    value, splits = grid.convolution([E4, E4], 1)
    assert value == 1 and splits == [(0, 1), (1, 0)]
    assert grid.supdifferential(E4, 1) == (None, 1) and grid.supdifferential(E4, 0) == (1, None)
    assert grid.supdifferential((0, 1, 2, None, None), 1) == (1, 1)
    assert C.proposition_2((E4, E4)).ok and C.proposition_3((E4, E4)).ok


def test_a_non_concave_payoff_has_a_non_local_supdifferential():
    f = (0, 0, 3)                                      # convex: no price at the middle quota
    assert grid.supdifferential(f, 1) is None
    assert grid.supdifferential(f, 0) == (Q(3, 2), None)   # set by the far point, not q = 1


def test_on_interval_uses_breaks_and_both_rays():
    vee = lambda p: abs(p) - Q(1, 2)                   # affine off its break at 0
    assert grid.on_interval(vee, (Q(-1), Q(1)), [Q(0)], ">=") == 0
    assert grid.on_interval(vee, (Q(1), None), [Q(0)], ">=") is None
    down = grid.on_interval(lambda p: 1 - p, (Q(0), None), [], ">=")
    assert down is not None and 1 - down < 0           # a price where the ray goes negative
    assert grid.on_interval(lambda p: Q(0), (None, None), [], "==") is None
    assert grid.on_interval(lambda p: p - 5, (None, Q(0)), [], "==") is not None


def test_bad_instances_are_refused_naming_the_field():
    dom = grid_profiles()
    for data, field in (([[0, 1, 2]], "instance[0]"), ([[None, None, None]], "instance[0]"),
                        ([[0, 1]], "instance[0]"), ([[0, 1, True]], "instance[0]"),
                        ("x", "instance")):
        with pytest.raises(InputError) as exc:
            dom.from_json(data)
        assert exc.value.field == field


# --- mutants ----------------------------------------------------------------------------------

def _local_supdifferential(f, q):
    """Only the neighbouring finite quotas bound the price: right for concave payoffs only."""
    if f[q] is None:
        return None
    fin = grid.finite(f)
    k = fin.index(q)
    lo = Q(f[fin[k + 1]] - f[q]) / (fin[k + 1] - q) if k + 1 < len(fin) else None
    hi = Q(f[q] - f[fin[k - 1]]) / (q - fin[k - 1]) if k > 0 else None
    return None if lo is not None and hi is not None and lo > hi else (lo, hi)


def test_propositions_1_and_2_fail_with_a_local_supdifferential(monkeypatch):
    monkeypatch.setattr(grid, "supdifferential", _local_supdifferential)
    assert check("commons/proposition-1").kind == "refuted"
    v = check("commons/proposition-2")
    assert v.kind == "refuted" and "total" in v.counterexample["violation"]


def test_propositions_1_and_3_fail_with_a_conjugate_that_skips_interior_quotas(monkeypatch):
    def ends_only(f, p):
        fin = grid.finite(f)
        return max(Q(f[k]) - Q(p) * k for k in {fin[0], fin[-1]})
    monkeypatch.setattr(grid, "conjugate", ends_only)
    assert check("commons/proposition-1").kind == "refuted"
    v = check("commons/proposition-3")
    assert v.kind == "refuted" and "price" in v.counterexample["violation"]


def test_proposition_3_fails_when_every_profit_carries_a_bonus(monkeypatch):
    """Profits pi_i* + 1/7: every coalition still gets enough, but the grand coalition's
    payments exceed pi_J (budget balance, the equality for I = J, breaks)."""
    real = grid.conjugate
    monkeypatch.setattr(grid, "conjugate", lambda f, p: real(f, p) + Q(1, 7))
    v = check("commons/proposition-3")
    assert v.kind == "refuted" and v.counterexample["violation"]["coalition"] == [0, 1]


def test_on_interval_agrees_with_dense_sampling_on_random_conjugate_sums():
    """Property: on sums of conjugates minus a constant (the functions Prop. 3 checks), a verdict
    'holds' is never contradicted on a fine price grid, and a returned price is a real violation
    inside the interval."""
    import random
    rng = random.Random(15)
    payoffs = grid.grid_payoffs(2, (None, 0, 1, 3))
    samples = [Q(k, 8) for k in range(-80, 81)]
    for _ in range(300):
        fs = rng.sample(payoffs, rng.choice((1, 2)))
        c = Q(rng.randint(-6, 6), rng.choice((1, 2, 3)))
        ends = sorted(rng.sample(range(-8, 9), 2))
        lo = None if rng.random() < 0.3 else Q(ends[0], 2)
        hi = None if rng.random() < 0.3 else Q(ends[1], 2)
        rel = rng.choice((">=", "=="))
        F = lambda p: sum((grid.conjugate(f, p) for f in fs), Q(0)) - c
        got = grid.on_interval(F, (lo, hi), grid.breakpoints(fs), rel)
        inside = [p for p in samples if (lo is None or p >= lo) and (hi is None or p <= hi)]
        violated = [p for p in inside if (F(p) < 0 if rel == ">=" else F(p) != 0)]
        if got is None:
            assert not violated, (fs, c, lo, hi, rel)
        else:
            assert (lo is None or got >= lo) and (hi is None or got <= hi)
            assert F(got) < 0 if rel == ">=" else F(got) != 0


@pytest.mark.parametrize("cid", ["commons/proposition-1", "commons/proposition-2"])
def test_records_replay(cid):
    from exact import get_claim
    from exact.checker import replay
    from exact.records import make_record
    v = check(cid)
    replay(make_record(v, get_claim(cid)))          # raises ReplayError if it does not hold
