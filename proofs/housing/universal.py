"""Lemma 2, Lemma 3 and Corollary 1 checked over *every* mechanism meeting their hypotheses.

* **Lemma 2** (every SP + NB mechanism, not necessarily neutral). The CNF of
  :func:`proofs.housing.sat.encode` with ``neutral=False`` has one variable per profile, agent,
  category and object; its models are exactly the SP + NB mechanisms. For every profile ``P``
  and every allocation ``A`` at ``P``, unit propagation from "``psi(P) = A``" (the independent
  propagation code of :mod:`proofs.housing.drat`) must derive "``psi(Q) = A``" for every
  ``Q = (hat P_i, P_{-i})`` meeting Lemma 2's hypothesis at ``A_i``. A derived literal is implied
  by the clauses, so the conclusion holds in every model: Lemma 2 for every SP + NB mechanism
  at that size, with no enumeration. (The propagation is the paper's proof: SP twice, the
  exactly-one clauses, then nonbossiness.) When propagation does not derive it, a SAT solver
  decides: a model is a counterexample mechanism, re-checked on its outcome table.
* **Lemma 3** (every category-wise neutral mechanism). The statement concerns the identical
  profiles only, and the restriction of a neutral mechanism to them is neutral there. The CNF
  "one allocation per identical profile, and ``psi(sigma[P]) = sigma[psi(P)]`` for the adjacent
  transpositions ``sigma`` (they generate the group)" has one model per allocation ``A`` at the
  profile ``P^0`` (everyone ranks ``0 < 1 < ...``): unit propagation from ``psi(P^0) = A``
  derives the whole model, and the pattern "who gets the l-th object" is read off it.
* **Corollary 1** (every ranking mechanism). Strategy-proofness and strong strategy-proofness
  are both conjunctions, over the same ``(P, i, hat P_i)``, of a condition on
  ``(P_i, psi(P)_i, psi(hat P_i, P_{-i})_i)`` alone; so they coincide for every mechanism iff the
  two conditions agree on every report ``P_i`` and pair of bundles ``(x, y)``: "``x`` weakly
  above ``y`` in every consistent separable preference" (all linear extensions of the dominance
  order of ``P_i``, on object bundles) versus ``x >=_{P_i} y``.
"""

from __future__ import annotations

import itertools
import math
from typing import Optional

import numpy as np

from .axioms import lemma_2_hypothesis, nb_violation, outcome_table, sp_violation, _skeleton
from .drat import UnitPropagation
from .model import allocations, identical_profiles, permute_profile, reports, weakly_dominates
from .sat import NeutralEncoding, encode

__all__ = ["lemma_2_all_mechanisms", "lemma_3_all_neutral", "cn_identical_clauses",
           "corollary_1_pointwise", "decode_table"]


def decode_table(enc: NeutralEncoding, model) -> "np.ndarray":
    """``out[p, k, i]`` from a model of the non-neutral encoding (profile ``p`` = rep ``p``)."""
    val = np.zeros(enc.nz + 1, dtype=bool)
    val[np.asarray([l for l in model if 0 < l <= enc.nz], dtype=np.int64)] = True
    objs = val[1:].reshape(enc.nreps, enc.n, enc.m, enc.n).argmax(axis=3)
    return objs.transpose(0, 2, 1).astype(np.int8)


def lemma_2_all_mechanisms(n: int, m: int, enc: Optional[NeutralEncoding] = None) -> dict:
    """Lemma 2 at ``(n, m)`` for every SP + NB mechanism (module docstring).

    Returns ``{"ok": True, "instances": ..., "profiles": ..., "by_propagation": ...}`` or
    ``{"ok": False, ...}`` with the counterexample mechanism's violation.
    """
    enc = enc or encode(n, m, neutral=False)
    up = UnitPropagation(enc.clauses, enc.nvars)
    reps = reports(n, m)
    R = len(reps)
    hyp = {}
    instances = by_solver = 0
    for p, P in enumerate(enc.reps):
        digits = _digits(p, n, R)
        for A in allocations(n, m):
            lits = [enc.z(p, i, k, A[k][i]) for k in range(m) for i in range(n)]
            derived = up.closure(lits)
            for i in range(n):
                b = tuple(A[k][i] for k in range(m))
                key = (digits[i], b)
                if key not in hyp:
                    hyp[key] = [r for r in range(R) if r != digits[i] and
                                lemma_2_hypothesis(reps[digits[i]], reps[r], b)]
                for r in hyp[key]:
                    q = p + (r - digits[i]) * R ** (n - 1 - i)
                    want = [enc.z(q, j, k, A[k][j]) for k in range(m) for j in range(n)]
                    instances += 1
                    if derived is not None and all(w in derived for w in want):
                        continue
                    model = _solve(enc, lits, want)
                    if model is None:
                        by_solver += 1          # implied, but not by unit propagation
                        continue
                    return _counterexample(enc, model, P, i, reps[r], A)
    return {"ok": True, "instances": instances, "profiles": enc.nreps,
            "allocations_per_profile": math.factorial(n) ** m,
            "by_propagation": instances - by_solver, "by_solver": by_solver}


def _digits(p: int, n: int, R: int) -> list[int]:
    return [(p // R ** (n - 1 - i)) % R for i in range(n)]


def _solve(enc: NeutralEncoding, lits: list, want: list):
    """A model of the CNF with ``lits`` true and not all of ``want`` true, or None."""
    from pysat.solvers import Solver
    with Solver(name="cadical153", bootstrap_with=enc.clauses) as s:
        s.add_clause([-w for w in want])
        return s.get_model() if s.solve(assumptions=lits) else None


def _counterexample(enc, model, P, i, hat, A) -> dict:
    t = _skeleton(enc.n, enc.m)
    t.out = decode_table(enc, model)
    return {"ok": False, "profile": P, "agent": i, "hat": hat, "before": A,
            "after": t.allocation(t.index(P[:i] + (hat,) + P[i + 1:])),
            "table_sp_violation": sp_violation(t), "table_nb_violation": nb_violation(t)}


# ---------------------------------------------------------------- Lemma 3
def cn_identical_clauses(n: int, m: int, generators: Optional[list] = None) -> tuple:
    """The CNF "an allocation per identical profile, neutral under ``generators``" (default:
    the adjacent transpositions of each category). Returns ``(clauses, profiles, z)`` with
    ``z(t, i, k, o)`` the variable of profile number ``t``."""
    profs = list(identical_profiles(n, m))
    index = {P: t for t, P in enumerate(profs)}

    def z(t, i, k, o):
        return 1 + ((t * n + i) * m + k) * n + o
    if generators is None:
        generators = []
        for k in range(m):
            for a in range(n - 1):
                perm = list(range(n))
                perm[a], perm[a + 1] = a + 1, a
                generators.append(tuple(tuple(perm) if c == k else tuple(range(n))
                                        for c in range(m)))
    cl = []
    for t in range(len(profs)):
        for k in range(m):
            for i in range(n):
                cl.append([z(t, i, k, o) for o in range(n)])
                cl += [[-z(t, i, k, a), -z(t, i, k, b)] for a in range(n) for b in range(a + 1, n)]
            for o in range(n):
                cl.append([z(t, i, k, o) for i in range(n)])
                cl += [[-z(t, a, k, o), -z(t, b, k, o)] for a in range(n) for b in range(a + 1, n)]
    for t, P in enumerate(profs):
        for g in generators:
            s = index[permute_profile(P, g)]
            for i in range(n):
                for k in range(m):
                    for o in range(n):
                        cl.append([-z(t, i, k, o), z(s, i, k, g[k][o])])
    return cl, profs, z


def lemma_3_all_neutral(n: int, m: int, generators: Optional[list] = None) -> dict:
    """Lemma 3 at ``(n, m)`` for every category-wise neutral mechanism (module docstring).

    Returns ``{"ok": True, "mechanisms_on_identical_profiles": ..., "patterns": ...}`` or the
    first violation.
    """
    cl, profs, z = cn_identical_clauses(n, m, generators)
    up = UnitPropagation(cl)
    count, patterns = 0, set()
    for A in allocations(n, m):
        derived = up.closure([z(0, i, k, A[k][i]) for k in range(m) for i in range(n)])
        if derived is None:
            continue                                    # A is no neutral mechanism's value
        count += 1
        pattern = None
        for t, P in enumerate(profs):
            B = tuple(tuple(next((o for o in range(n) if z(t, i, k, o) in derived), None)
                            for i in range(n)) for k in range(m))
            if any(o is None for col in B for o in col):
                return {"ok": False, "problem": "propagation leaves the allocation open",
                        "value_at_P0": A, "profile": P}
            who = tuple(tuple(B[k].index(P[0][k][l]) for l in range(n)) for k in range(m))
            if pattern is None:
                pattern = who
            elif who != pattern:
                return {"ok": False, "value_at_P0": A, "profile": P, "agents": who,
                        "at_P0": pattern}
        patterns.add(pattern)
    return {"ok": True, "mechanisms_on_identical_profiles": count,
            "identical_profiles": len(profs), "distinct_patterns": len(patterns)}


# ---------------------------------------------------------------- Corollary 1
def corollary_1_pointwise(n: int, m: int, dominance=weakly_dominates) -> dict:
    """Corollary 1 at ``(n, m)`` for every mechanism (module docstring): for every report
    ``P_i`` and bundles ``x, y``, "``x`` weakly above ``y`` in every linear extension of the
    dominance order of ``P_i``" equals ``dominance(x, y, P_i)``."""
    import networkx as nx
    bundles = list(itertools.product(range(n), repeat=m))
    count = 0
    for Pi in reports(n, m):
        G = nx.DiGraph()
        G.add_nodes_from(bundles)
        # separability + consistency (Section 2): x^k R_i^k y^k in every k forces x above y
        G.add_edges_from((x, y) for x in bundles for y in bundles if x != y and
                         all(Pi[k].index(x[k]) <= Pi[k].index(y[k]) for k in range(m)))
        rows = []
        for ext in nx.all_topological_sorts(nx.transitive_reduction(G)):
            where = {b: t for t, b in enumerate(ext)}
            rows.append([where[b] for b in bundles])
        place = np.array(rows, dtype=np.int32)
        unanimous = (place[:, :, None] <= place[:, None, :]).all(axis=0)
        for a, x in enumerate(bundles):
            for b, y in enumerate(bundles):
                if bool(unanimous[a, b]) != bool(dominance(x, y, Pi)):
                    return {"ok": False, "report": Pi, "x": x, "y": y,
                            "every_consistent_preference": bool(unanimous[a, b]),
                            "dominance": bool(dominance(x, y, Pi))}
        count += 1
    return {"ok": True, "reports": count, "bundle_pairs": len(bundles) ** 2,
            "consistent_preferences_per_report": len(rows)}
