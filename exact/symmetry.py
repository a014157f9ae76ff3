"""Is a claim invariant under the symmetry its domain reduces by?

A domain that enumerates one representative per orbit (agents relabelled, objects relabelled)
is sound only for claims whose truth does not change along an orbit. This module tests that
property on random instances and random symmetric images: a claim that is not invariant is
caught, with the instance and the image as the witness.
"""

from __future__ import annotations

import random
from typing import Optional

from .claims import Claim

__all__ = ["invariance_violation", "declares_symmetry"]


def declares_symmetry(claim: Claim) -> bool:
    """Does ``claim`` declare invariance under its (reduced) domain's symmetry?"""
    return claim.invariant is not None and claim.domain.symmetry == claim.invariant


def invariance_violation(claim: Claim, *, size: Optional[int] = None, samples: int = 30,
                         seed: int = 0) -> Optional[dict]:
    """The first (instance, image) pair on which the claim's verdict differs, or None.

    Instances are the first ``samples`` of the domain at ``size`` (default: the largest default
    size with at most 10^5 instances) plus random images of them; each is compared with another
    random image of itself.
    """
    d = claim.domain
    rng = random.Random(seed)
    if size is None:
        small = [s for s in claim.default_sizes if d.count(s) <= 10 ** 5]
        size = max(small) if small else min(d.sizes)
    total = d.count(size)
    picks = sorted(rng.sample(range(total), min(samples, total)))
    for k in picks:
        inst = next(iter(d.instances(size, k, k + 1)))
        base = d.symmetric_image(inst, rng)
        if base is None:
            return None
        for x in (inst, base):
            y = d.symmetric_image(x, rng)
            if claim.check(x).ok != claim.check(y).ok:
                return {"instance": d.to_json(x), "image": d.to_json(y)}
    return None
