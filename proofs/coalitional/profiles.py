"""Definition 8 with outsiders: for every profile of conjectures, one reward for all members.

A coalition ``S`` with outsiders dissolves a deception on one component of ``Y_S[pattern]``
(a finite union of polytopes ``U`` over the component's values ``z``) iff

    for every profile (psi_i)_{i in S}, psi_i a probability vector over the pairs,
    some z in U has  psi_i . G_i(z) > 0  for every member i,

where ``G_i(z)`` are member ``i``'s gains at the pairs (affine in ``z``). The quantifiers are
``forall exists`` over the reals (the note's 2.3 item 5 and slip S10: no single LP). This module
decides it exactly by counterexample-guided refinement, every step an exact LP or an exact
branch and bound (:func:`.union.maximize`), no floats and no SMT:

1. keep a finite list ``Z`` of rewards of ``U`` (seeded with the points of the convex-hull
   certificate);
2. look for a profile that is bad for all of ``Z`` (for every ``z`` in ``Z`` some member has
   ``psi_i . G_i(z) <= 0``: a union of polytopes in the profile space); the deepest one first
   (largest slack), else any one;
3. if there is none, the condition holds: the certificate is ``Z`` (each point re-checked in
   ``U``) and the proof tree that the profile union is empty;
4. else look for ``z`` in ``U`` beating that profile for every member (the best uniform margin,
   :func:`.margins.single_margin`); if none, the condition fails: the certificate is the profile
   and the proof tree bounding ``min_i psi_i . G_i <= 0`` over ``U``; else add ``z`` to ``Z``.

When only profiles with zero slack remain, the refinement typically approaches a bad profile
geometrically (e.g. 29/81, 197/729, 1517/6561, ... -> 1/5); the profiles near the current one
with denominators up to 12 are then tried first (each an exact branch and bound).
Termination is not guaranteed in general (the bad profiles may have no rational point, or the
refinement may converge slowly): after ``rounds`` rounds, or when a branch and bound exceeds its
node budget, :class:`.union.Undecided` is raised and the caller reports the instance undecided.
:func:`check_profiles` re-verifies either certificate with fmpq and :mod:`exact.lpcert` only.
"""

from __future__ import annotations

from typing import Sequence

from exact.errors import CertificateError
from exact.numbers import ONE, ZERO, Q, parse_q

from .margins import _pdot, single_margin, single_problem
from .union import Problem, Undecided, check_tree, maximize

__all__ = ["profile_test", "check_profiles", "profile_problem", "combined_gains"]


def _members(gains: Sequence, members: int) -> list:
    """Split ``gains`` (members outer, pairs inner) into one list per member."""
    if members <= 0 or len(gains) % members:
        raise ValueError("profile test: the gains do not split evenly over the members")
    B = len(gains) // members
    return [list(gains[j * B:(j + 1) * B]) for j in range(members)]


def profile_problem(per: list, Z: Sequence, slack: bool) -> tuple:
    """The union of profiles bad for every reward in ``Z``: variables ``psi`` (members outer,
    pairs inner, each block a probability vector) and ``eps``; for every ``z`` a disjunction
    over members of ``psi_i . G_i(z) + eps <= 0``. ``slack=True``: ``eps <= 1`` free below (to be
    maximised); ``slack=False``: ``0 <= eps <= 1`` (any bad profile; emptiness is the proof).
    Returns ``(P, c)`` with ``c`` the objective ``eps``."""
    m, B = len(per), len(per[0])
    n = m * B + 1
    bounds = [(ZERO, None)] * (m * B) + [((None if slack else ZERO), ONE)]
    A_eq, b_eq = [], []
    for j in range(m):
        A_eq.append([ONE if j * B <= v < (j + 1) * B else ZERO for v in range(n)])
        b_eq.append(ONE)
    disj = []
    for z in Z:
        alts = []
        for j in range(m):
            row = [ZERO] * n
            for b, (r, k) in enumerate(per[j]):
                row[j * B + b] = _pdot(r, z) - k
            row[-1] = ONE
            alts.append([(row, ZERO)])
        disj.append(alts)
    c = [ZERO] * (n - 1) + [ONE]
    return Problem(n, bounds, [], [], A_eq, b_eq, disj), c


def combined_gains(per: list, psi: list) -> list:
    """Each member's expected gain under its conjecture: ``(row, k)`` with ``row . z - k =
    psi_i . G_i(z)``."""
    out = []
    for j, rows in enumerate(per):
        nv = len(rows[0][0])
        row = [ZERO] * nv
        k = ZERO
        for p, (r, kk) in zip(psi[j], rows):
            if p:
                k += p * kk
                for v, x in enumerate(r):
                    if x:
                        row[v] += p * x
        out.append((row, k))
    return out


def _simple_profiles(prof: list, tried: set, dens=(1, 2, 3, 4, 5, 6, 8, 10, 12)) -> list:
    """Profiles near ``prof`` whose entries have small denominators (each entry rounded to the
    nearest fraction with denominator ``<= d``, the largest entry taking the remainder), new
    ones only (``tried`` is updated)."""
    from fractions import Fraction
    out = []
    for d in dens:
        cand = []
        for p in prof:
            q = [Q(Fraction(int(x.p), int(x.q)).limit_denominator(d).numerator,
                   Fraction(int(x.p), int(x.q)).limit_denominator(d).denominator) for x in p]
            top = max(range(len(q)), key=lambda j: q[j])
            q[top] = ONE - sum((x for j, x in enumerate(q) if j != top), ZERO)
            if q[top] < 0:
                break
            cand.append(q)
        else:
            key = tuple(tuple(str(x) for x in q) for q in cand)
            if key not in tried:
                tried.add(key)
                out.append(cand)
    return out


def profile_test(P: Problem, gains: Sequence, members: int, seeds: Sequence = (),
                 rounds: int = 60, budget: int = 4000) -> dict:
    """Decide Definition 8's ``forall profile exists reward`` on one component (module docstring).

    ``gains`` as in :func:`.monotonicity.gains_for` (members outer, pairs inner). Returns
    ``{"holds": True, "rewards": Z, "tree": tree}`` or ``{"holds": False, "psi": [[...] per
    member], "tree": tree}``; raises :class:`.union.Undecided` when a budget runs out.
    """
    per = _members(gains, members)
    B = len(per[0])
    Z = []
    for z in seeds:
        z = [Q(x) for x in z]
        if P.contains(z) and z not in Z:
            Z.append(z)
    tried = set()
    for _ in range(rounds):
        psi, boundary = None, False
        if Z:
            Ps, c = profile_problem(per, Z, slack=True)
            out = maximize(Ps, c, ZERO, budget=budget)
            if out[0] == "above":
                psi = out[1]
        if psi is None:
            Pa, c = profile_problem(per, Z, slack=False)
            out = maximize(Pa, c, None, budget=budget)
            if out[0] == "below":
                return {"holds": True, "rewards": Z, "tree": out[1]}
            psi, boundary = out[1], True
        prof = [list(psi[j * B:(j + 1) * B]) for j in range(members)]
        if boundary:
            # only profiles with zero slack are left: the refinement approaches a bad profile
            # geometrically; try the nearby profiles with small denominators first
            for cand in _simple_profiles(prof, tried):
                near = single_margin(P, combined_gains(per, cand), ZERO, budget=budget)
                if near["value"] is None:
                    return {"holds": False, "psi": cand, "tree": near["tree"]}
        best = single_margin(P, combined_gains(per, prof), ZERO, budget=budget)
        if best["value"] is None:
            return {"holds": False, "psi": prof, "tree": best["tree"]}
        z = [Q(x) for x in best["z"]]
        if z in Z:                      # cannot happen: z beats a profile bad for all of Z
            raise CertificateError("profile test: a reward repeated")
        Z.append(z)
    raise Undecided(f"Definition 8, every profile of conjectures: no decision after {rounds} "
                    f"refinement rounds ({len(Z)} rewards)")


def check_profiles(P: Problem, gains: Sequence, members: int, data: dict) -> bool:
    """Re-verify a :func:`profile_test` result from its data (fmpq and exact.lpcert only);
    return whether the condition holds. Raises CertificateError on any defect."""
    if not isinstance(data, dict) or not isinstance(data.get("holds"), bool):
        raise CertificateError("profile test: not a result")
    per = _members(gains, members)
    B = len(per[0])
    if data["holds"]:
        Z = []
        for j, z in enumerate(data.get("rewards") or []):
            if not isinstance(z, list):
                raise CertificateError(f"profile test: rewards[{j}] is not a list")
            z = [parse_q(x, f"rewards[{j}]") for x in z]
            if len(z) != P.nvar or not P.contains(z):
                raise CertificateError(f"profile test: rewards[{j}] is not in the reward set")
            Z.append(z)
        Pa, c = profile_problem(per, Z, slack=False)
        check_tree(data.get("tree"), Pa, c, None)
        return True
    prof = data.get("psi")
    if not isinstance(prof, list) or len(prof) != members:
        raise CertificateError("profile test: psi is not one conjecture per member")
    psi = []
    for j, p in enumerate(prof):
        if not isinstance(p, list) or len(p) != B:
            raise CertificateError(f"profile test: psi[{j}] has the wrong length")
        q = [parse_q(x, f"psi[{j}]") for x in p]
        if any(x < 0 for x in q) or sum(q, ZERO) != 1:
            raise CertificateError(f"profile test: psi[{j}] is not a probability vector")
        psi.append(q)
    Pe, c, extra = single_problem(P, combined_gains(per, psi))
    check_tree(data.get("tree"), Pe, c, ZERO, extra)
    return False
