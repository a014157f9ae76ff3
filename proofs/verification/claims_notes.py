"""Smaller points of the paper found by the notes (S8, C-L5-sub, typos in the proofs).

- ``verification/section-3-1-slopes``: "c^aud decreases faster than c^ic" (Section 3.1).
- ``verification/definition-3-objects``: the MWG rule allocates ``c_phi(0) = min(m, k + n phi)``
  objects in expectation (fewer than m when phi < (m-k)/n).
- ``verification/k-zero-random-allocation``: with ``k = 0`` the optimum is the random allocation.
- ``verification/lemma-5-submodular`` (C-L5-sub): the supply capacity of Lemma 5's network is
  submodular.
- ``verification/lemma-7-proof-case-split`` (erratum): the proof's case split "r1 < z1 / r1 <=
  z1" is not a split.
- ``verification/proposition-2-a8-notation`` (erratum): A.8's ``h1`` is the case-2.a implicit
  function; ``h3`` carries a phi that c^allo does not have.

Imported by :mod:`proofs.verification.claims`; the statements here are part of the trust basis.
"""

from __future__ import annotations

import itertools

from exact import claim, fails, holds
from exact.domains import Enumerated
from exact.numbers import Q

from . import leibniz, regions
from .domains import DiscreteDomain, TripleDomain

TRIPLES_K1 = TripleDomain(sizes=tuple(range(3, 13)), k_min=1)
DISCRETE_K0 = DiscreteDomain(sizes=(2, 3, 4, 5), where=lambda i: i.k == 0, tag="k = 0")
DISCRETE_ALL = DiscreteDomain(sizes=(2, 3, 4))


@claim("verification/section-3-1-slopes", domain=TRIPLES_K1, size=8,
       source="Section 3.1 (\"c^aud_phi decreases faster than c^ic_phi\"); note S8",
       statement="For every phi: (c^ic - c^aud)'(q) = n G(k-1; n-1, 1-q) >= 0 on [0, 1] with "
                 "equality only at q = 0, so c^aud decreases at least as fast as c^ic (strictly "
                 "on (0, 1]); and c^ic - c^aud = m - n phi - E[min{Bin(n,1-q),k}] >= m - k - n phi "
                 "(n <= 8 by default, --size 12).")
def section_3_1_slopes(t):
    from flint import fmpq_poly
    from .capacity import binom_cdf_poly, expected_min_poly
    n, m, k = t
    g = binom_cdf_poly(k - 1, n - 1)
    poly = fmpq_poly([Q(int(c.p), int(c.q)) for c in reversed(g.all_coeffs())])
    from exact.algebraic import real_roots
    zeros = real_roots(poly, (0, 1))
    ek = expected_min_poly(n, k)
    ekp = fmpq_poly([Q(int(c.p), int(c.q)) for c in reversed(ek.all_coeffs())])
    # E[min{X, k}] <= k on [0, 1]: k - E_k has no root in (0, 1] and is >= 0 at 1/2
    slack = fmpq_poly([k]) - ekp
    slack_zeros = [z for z in real_roots(slack, (0, 1)) if z != 0]
    ok = ([z for z in zeros] == [0] and poly(Q(1, 2)) > 0 and not slack_zeros
          and slack(Q(1, 2)) > 0)
    data = {"zeros_of_slope_gap": [regions.number_json(z) for z in zeros],
            "zeros_of_k_minus_E_k": [regions.number_json(z) for z in slack_zeros]}
    return holds(**data) if ok else fails(**data)


@claim("verification/definition-3-objects", domain=DISCRETE_ALL, size=4,
       source="Definition 3 (phi in [0, m/n]); note S8",
       statement="At every breakpoint phi the MWG rule allocates n sum_l pi_l P_phi(l) = c_phi(0) "
                 "= min(m, k + n phi) objects in expectation: fewer than m exactly when phi < "
                 "(m-k)/n (dominated guarantees).")
def definition_3_objects(inst):
    from .mwg import breakpoints, interim_P
    n, m, k = inst.n, inst.m, inst.k
    for ph in breakpoints(inst):
        total = n * sum((p * x for p, x in zip(inst.probs, interim_P(inst, ph))), Q(0))
        if total != min(Q(m), k + n * ph):
            return fails(phi=ph, objects=total, expected=min(Q(m), k + n * ph))
    return holds()


@claim("verification/k-zero-random-allocation", domain=DISCRETE_K0, size=4,
       source="Section 2 (k < m allows k = 0); note S8",
       statement="With no audits (k = 0) the best MWG value is the random allocation's m E[v], "
                 "attained at phi = m/n (P = m/n for every type), and the certified optimum over "
                 "all BIC mechanisms equals it.")
def k_zero(inst):
    from .mwg import best_value, interim_P, optimal_phis, random_value
    from .optimum import certify
    top = Q(inst.m, inst.n)
    ok = (best_value(inst) == random_value(inst) and top in optimal_phis(inst)
          and all(p == top for p in interim_P(inst, top)))
    cert = certify(inst, dense_certificate=False)
    ok = ok and cert.value == random_value(inst)
    return holds(value=cert.value) if ok else fails(value=cert.value, random=random_value(inst))


@claim("verification/lemma-5-submodular",
       domain=Enumerated(list(range(1, 6)), name="n = 1..5 agents"),
       source="Appendix A.2, proof of Lemma 5 (\"k is submodular\"; appendix note C-L5-sub)",
       statement="For every eligible set J and capacity h in 0..n, N' -> min{|N' n J|, h} is "
                 "submodular: adding an agent to N' adds at least as much as adding it to any "
                 "N'' containing N' (all N' <= N'' <= N).")
def lemma_5_submodular(n):
    agents = range(n)
    sets = [frozenset(c) for r in range(n + 1) for c in itertools.combinations(agents, r)]
    for J in sets:
        for h in range(n + 1):
            f = {S: min(len(S & J), h) for S in sets}
            for A in sets:
                for B in sets:
                    if not A <= B:
                        continue
                    for i in agents:
                        if i in B:
                            continue
                        if f[A | {i}] - f[A] < f[B | {i}] - f[B]:
                            return fails(J=sorted(J), h=h, N1=sorted(A), N2=sorted(B), agent=i)
    return holds(sets=len(sets))


@claim("verification/lemma-7-proof-case-split",
       domain=Enumerated(["r1 < z1", "r1 = z1", "r1 > z1"], name="orderings of r1 and z1"),
       source="Appendix A.4, proof of Lemma 7 (\"if r1 < z1 ... and if r1 <= z1 ...\")",
       statement="The proof's conditions \"r1 < z1\" (case 2.a) and \"r1 <= z1\" (case 2.b) split "
                 "the orderings of r1 and z1: exactly one applies to each.",
       erratum="\"r1 < z1\" satisfies both and \"r1 > z1\" neither: a typo; the lemma's own split "
               "is z1 < r1 (2.a) versus z1 >= r1 (2.b), i.e. the first condition should read "
               "z1 < r1 (appendix note S3).")
def lemma_7_proof_case_split(order):
    r1, z1 = {"r1 < z1": (0, 1), "r1 = z1": (0, 0), "r1 > z1": (1, 0)}[order]
    branches = [name for name, test in (("2.a (r1 < z1)", r1 < z1), ("2.b (r1 <= z1)", r1 <= z1))
                if test]
    return holds(branch=branches[0]) if len(branches) == 1 else fails(branches=branches)


@claim("verification/proposition-2-a8-notation",
       domain=Enumerated(["h3", "h1"], name="A.8's implicit functions"),
       source="Appendix A.8, proof of Proposition 2 (appendix note S6)",
       statement="A.8's implicit functions define the cut-offs of the case at hand: h1 = c^allo - "
                 "c^ic = 0 at gamma_1 and h3 = c^allo_phi - c^aud_phi = 0 at gamma_3.",
       erratum="h1 = c^allo - c^ic is the case-2.a implicit function: in case 2.b (Example 1's) "
               "gamma_1 = z2 solves c^aud = c^ic and c^allo - c^ic != 0 there (exact at phi*), and "
               "the boundary term derived from h1 is not -gamma_1; with c^aud - c^ic the formula "
               "(10) follows (verification/proposition-2-derivative-general). h3's subscript phi "
               "is notation only: c^allo does not depend on phi.")
def proposition_2_a8_notation(name):
    if name == "h3":
        dphi = leibniz.phi_partials()["allo"][0]
        return holds(d_phi_c_allo=str(dphi)) if dphi == 0 else fails(d_phi_c_allo=str(dphi))
    from flint import fmpq_poly
    from .continuous import E_poly, Power, optimum
    q1 = optimum(3, 2, 1, Power(1))["q1"]
    # c^allo(q1) - c^ic(q1) = E_2(q1) - 2 + 3 phi* q1, and phi* = (1 + q1^3)/3 on the z2 curve
    x = fmpq_poly([0, 1])
    value = q1.apply(E_poly(3, 2) - 2 + x * (1 + x ** 3))
    res = leibniz.check_case("2.b", {"g1": ("allo", "ic")})
    if value != 0 or res.holds is not True:
        return fails(c_allo_minus_c_ic_at_gamma_1=value.digits(15), boundary_residual=res.residual,
                     witness=res.witness)
    return holds()
