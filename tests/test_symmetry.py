"""Reduced domains serve only claims that declare invariance, and the declaration is checked.

Soundness path 1 of issue #12: a user claim over a domain that enumerates one representative
per orbit was reported verified though false (representatives say nothing about the rest of an
orbit for a statement that is not invariant).
"""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact import check, claim, fails, holds
from exact.claims import all_claims
from exact.mechanisms import ttc
from exact.prefs import HousingMarkets, StrictProfiles, canonical_form
from exact.symmetry import declares_symmetry, invariance_violation
from proofs.sef.domains import SMALL

SYMMETRIC = [c for c in all_claims() if declares_symmetry(c)]
REDUCED = [StrictProfiles(), HousingMarkets(), SMALL]


def test_some_registered_claims_declare_a_symmetry():
    assert {"classic/ttc-strategy-proof", "classic/ps-sd-envy-free"} <= {c.id for c in SYMMETRIC}


@pytest.mark.parametrize("c", SYMMETRIC, ids=lambda c: c.id)
def test_registered_claim_is_invariant_under_its_domain_symmetry(c):
    assert invariance_violation(c, samples=12, seed=1) is None


@pytest.mark.parametrize("domain", REDUCED[:2], ids=["profiles", "housing"])
def test_an_undeclared_claim_gets_every_labelled_instance(domain):
    @claim("test/agent-0-ranks-0-first", domain=domain, register=False)
    def label_dependent(p):
        return holds() if p[0][0] == 0 else fails(top=p[0][0])
    assert label_dependent.domain.symmetry is None
    assert label_dependent.domain.count(3) == 6 ** 3
    v = check(label_dependent, size=3)
    assert v.kind == "refuted" and v.counterexample["minimal"]


def test_the_issue_reproductions_are_refuted():
    """"agent 0 ranks object 0 first" over profiles; "TTC never gives agent 0 house n-1"."""
    @claim("test/a0", domain=StrictProfiles(), register=False)
    def a0(p):
        return holds() if p[0][0] == 0 else fails(top=p[0][0])

    @claim("test/ttc-last", domain=HousingMarkets(), register=False)
    def ttc_last(p):
        x = ttc(p)
        return holds() if x[0] != p.n - 1 else fails(allocation=x)
    assert check(a0).kind == "refuted"
    assert check(ttc_last, size=3).kind == "refuted"


@pytest.mark.parametrize("domain", REDUCED, ids=["profiles", "housing", "sef-small"])
def test_a_false_declaration_is_an_error_not_a_verdict(domain):
    """"The first agent's row is lexicographically at most the last one's" holds on every
    representative (agents are sorted in them) and fails on images: a false declaration."""
    def rows(x):  # in the order the domain sorts agents by in a representative
        if hasattr(x, "u"):
            return [(max(r), sum(r), tuple(r)) for r in x.u]
        return [list(r) for r in x.rankings]

    @claim("test/declared", domain=domain, invariant=domain.symmetry, register=False)
    def declared(x):
        r = rows(x)
        return holds() if r[0] <= r[-1] else fails(first=r[0], last=r[-1])
    v = check(declared, sizes=[3] if domain is not SMALL else [2])
    assert v.kind == "error", v
    assert "invariance declared" in v.error and "image" in v.counterexample["exception"]


def test_a_declaration_must_name_the_domain_symmetry():
    with pytest.raises(ValueError, match="reduces by"):
        claim("test/x", domain=HousingMarkets(), invariant="agents+objects", register=False)(
            lambda p: holds())


@settings(max_examples=25, deadline=None)
@given(which=st.sampled_from(range(len(REDUCED))), data=st.data())
def test_non_invariant_user_claims_are_never_verified(which, data):
    """A claim false on exactly one labelled instance (not invariant unless its orbit is a
    singleton) over any reduced domain: `check` never says verified."""
    domain = REDUCED[which]
    size = 3 if domain is not SMALL else 1
    full = domain.unreduced()
    k = data.draw(st.integers(0, full.count(size) - 1))
    bad = full.to_json(next(iter(full.instances(size, k, k + 1))))

    @claim("test/not-x0", domain=domain, register=False)
    def not_x0(x):
        return fails(hit=True) if domain.to_json(x) == bad else holds()
    v = check(not_x0, sizes=[size])
    assert v.kind == "refuted" and v.counterexample["instance"] == bad


@pytest.mark.parametrize("domain, n", [(StrictProfiles(), 3), (HousingMarkets(), 3)])
def test_symmetric_image_stays_in_the_orbit(domain, n):
    rng = random.Random(5)
    for p in domain.instances(n):
        q = domain.symmetric_image(p, rng)
        assert canonical_form(q, domain.symmetry) == canonical_form(p, domain.symmetry)


def test_unreduced_weights_sum_to_the_labelled_count():
    for domain in REDUCED[:2]:
        assert sum(domain.weight(p) for p in domain.instances(3)) == domain.unreduced().count(3)
    assert sum(SMALL.weight(m) for m in SMALL.instances(1)) == SMALL.unreduced().count(1)
