"""Claims over symmetry-reduced domains must be invariant under that symmetry."""

import pytest

from exact import claim, fails, holds
from exact.claims import all_claims
from exact.prefs import HousingMarkets, StrictProfiles
from exact.symmetry import declares_symmetry, invariance_violation

SYMMETRIC = [c for c in all_claims() if declares_symmetry(c)]


def test_some_registered_claims_declare_a_symmetry():
    assert {"classic/ttc-strategy-proof", "classic/ps-sd-envy-free"} <= {c.id for c in SYMMETRIC}


@pytest.mark.parametrize("c", SYMMETRIC, ids=lambda c: c.id)
def test_registered_claim_is_invariant_under_its_domain_symmetry(c):
    assert invariance_violation(c, samples=12, seed=1) is None


@pytest.mark.parametrize("domain", [StrictProfiles(), HousingMarkets()])
def test_a_claim_that_depends_on_labels_is_caught(domain):
    @claim("test/agent-0-ranks-0-first", domain=domain, register=False)
    def label_dependent(p):
        return holds() if p[0][0] == 0 else fails(top=p[0][0])
    assert invariance_violation(label_dependent, size=3, samples=20, seed=0) is not None


@pytest.mark.parametrize("domain, n", [(StrictProfiles(), 3), (HousingMarkets(), 3)])
def test_symmetric_image_stays_in_the_orbit(domain, n):
    import random

    from exact.prefs import canonical_form
    rng = random.Random(5)
    for p in domain.instances(n):
        q = domain.symmetric_image(p, rng)
        assert canonical_form(q, domain.symmetry) == canonical_form(p, domain.symmetry)
