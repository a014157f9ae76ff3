"""Exact optimisation and feasibility over a finite union of polytopes (a disjunctive program).

A :class:`Problem` is ``{z : bounds, A_ub z <= b_ub, A_eq z = b_eq}`` intersected with
disjunctions, each a list of alternatives (conjunctions of rows ``r . z <= rhs``). Reward sets
``Y_i`` are such unions (:mod:`.rewards`).

- :func:`maximize` is a branch and bound whose every node is an exact LP (``exact.lp.solve_lp``):
  it either returns a point of the union with ``c . z > tau`` (re-checked exactly), or a *proof
  tree* that ``max c . z <= tau`` over the union: every leaf is an LP certificate (an optimum
  ``<= tau`` or a Farkas proof of infeasibility) of the polytope chosen along its path, every
  branch node splits on a disjunction into all its alternatives. :func:`check_tree` re-verifies a
  tree with :mod:`exact.lpcert` alone (no solver).
- :func:`feasible` decides ``exists z in union with strict rows r . z < rhs``: z3 over linear
  rational arithmetic proposes (in a fresh context, so its model is reproducible whatever ran
  before; with a timeout: ``"unknown"``, never a guess); a model is
  re-checked in fmpq; an unsat answer is certified by a proof tree of infeasibility (Farkas and
  LP certificates per polytope) whenever the tree fits the node budget.
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Sequence

from exact.errors import CertificateError, ExactError, Undecided
from exact.numbers import ONE, ZERO, Q, parse_q

__all__ = ["Problem", "Undecided", "maximize", "check_tree", "feasible", "tree_stats"]

# ``Undecided`` (a budget ran out: the question is left open, never answered by a guess) is
# exact's own, so the engine also turns it into an undecided outcome.


@dataclasses.dataclass
class Problem:
    nvar: int
    bounds: list
    A_ub: list
    b_ub: list
    A_eq: list
    b_eq: list
    disjunctions: list          # [[ [(row, rhs), ...] per alternative ] per disjunction]

    def rows_for(self, path: Sequence, extra_ub: Sequence = ()) -> tuple:
        A, b = list(self.A_ub), list(self.b_ub)
        for d, a in path:
            for row, rhs in self.disjunctions[d][a]:
                A.append(row)
                b.append(rhs)
        for row, rhs in extra_ub:
            A.append(row)
            b.append(rhs)
        return A, b

    def lp(self, c, path=(), extra_ub=(), maximize=True):
        from exact.lp import solve_lp
        A, b = self.rows_for(path, extra_ub)
        return solve_lp(c, A_ub=A or None, b_ub=b or None, A_eq=self.A_eq or None,
                        b_eq=self.b_eq or None, bounds=self.bounds, maximize=maximize)

    @staticmethod
    def _ok(row, rhs, z) -> bool:
        s = ZERO
        for x, y in zip(row, z):
            if x and y:
                s += x * y
        return s <= rhs

    def alternative_holds(self, d: int, z) -> Optional[int]:
        for a, alt in enumerate(self.disjunctions[d]):
            if all(self._ok(r, h, z) for r, h in alt):
                return a
        return None

    def contains(self, z, extra_ub=()) -> bool:
        """Exact membership of ``z`` (bounds, rows, every disjunction, extra rows)."""
        for v, (lo, hi) in zip(z, self.bounds):
            if (lo is not None and v < lo) or (hi is not None and v > hi):
                return False
        if any(not self._ok(r, h, z) for r, h in zip(self.A_ub, self.b_ub)):
            return False
        for r, h in zip(self.A_eq, self.b_eq):
            if sum((x * y for x, y in zip(r, z)), ZERO) != h:
                return False
        if any(not self._ok(r, h, z) for r, h in extra_ub):
            return False
        return all(self.alternative_holds(d, z) is not None for d in range(len(self.disjunctions)))


def maximize(P: Problem, c: Sequence, tau, extra_ub: Sequence = (), budget: int = 4000,
             constant=ZERO):
    """Find ``z`` in the union with ``c . z + constant > tau``, or prove ``max <= tau``.

    Returns ``("above", z, value)`` or ``("below", tree)``; raises :class:`Undecided` after
    ``budget`` LPs. ``tau`` may be None (any point of the union is accepted).
    """
    count = [0]

    def node(path):
        count[0] += 1
        if count[0] > budget:
            raise Undecided(f"branch and bound: more than {budget} LPs")
        res = P.lp(c, path, extra_ub)
        if res.status == "infeasible":
            return ("below", {"leaf": res.certificate})
        if res.status == "unbounded":
            raise ExactError("maximize: the objective is unbounded over a polytope of the union")
        value = res.value + constant
        if tau is not None and value <= tau:
            return ("below", {"leaf": res.certificate})
        z = res.x
        chosen = {d for d, _ in path}
        for d in range(len(P.disjunctions)):
            if d in chosen or P.alternative_holds(d, z) is not None:
                continue
            kids = []
            for a in range(len(P.disjunctions[d])):
                out = node(path + [(d, a)])
                if out[0] == "above":
                    return out
                kids.append(out[1])
            return ("below", {"branch": d, "children": kids})
        if not P.contains(z, extra_ub):            # cannot happen: every disjunction holds
            raise ExactError("maximize: LP point outside the union")
        return ("above", z, value)

    return node([])


def tree_stats(tree: dict) -> dict:
    if "leaf" in tree:
        return {"leaves": 1, "nodes": 1}
    kids = [tree_stats(t) for t in tree["children"]]
    return {"leaves": sum(k["leaves"] for k in kids), "nodes": 1 + sum(k["nodes"] for k in kids)}


def _same_problem(cert: dict, P: Problem, c, path, extra_ub, sense: str) -> None:
    A, b = P.rows_for(path, extra_ub)
    pr = cert.get("problem")
    if not isinstance(pr, dict):
        raise CertificateError("tree leaf: certificate without a problem")

    def vec(v, field):
        if not isinstance(v, list):
            raise CertificateError(f"tree leaf: {field} is not a list")
        return [parse_q(x, field) for x in v]

    def mat(m, field):
        """Dense rows, or the sparse rows ``[[index, value], ...]`` of the large-LP format."""
        if not isinstance(m, list):
            raise CertificateError(f"tree leaf: {field} is not a list")
        n = len(pr["c"])
        out = []
        for r in m:
            if isinstance(r, list) and all(isinstance(e, list) for e in r) and (r or n):
                row = [Q(0)] * n
                for e in r:
                    if len(e) != 2 or isinstance(e[0], bool) or not isinstance(e[0], int) \
                            or not 0 <= e[0] < n:
                        raise CertificateError(f"tree leaf: bad sparse entry in {field}")
                    row[e[0]] = parse_q(e[1], field)
                out.append(row)
            else:
                out.append(vec(r, field))
        return out

    try:
        same = (vec(pr["c"], "c") == [Q(x) for x in c] and
                mat(pr["A_ub"], "A_ub") == [[Q(x) for x in r] for r in A] and
                vec(pr["b_ub"], "b_ub") == [Q(x) for x in b] and
                mat(pr["A_eq"], "A_eq") == [[Q(x) for x in r] for r in P.A_eq] and
                vec(pr["b_eq"], "b_eq") == [Q(x) for x in P.b_eq] and
                [[None if lo is None else parse_q(lo), None if hi is None else parse_q(hi)]
                 for lo, hi in pr["bounds"]] ==
                [[None if lo is None else Q(lo), None if hi is None else Q(hi)]
                 for lo, hi in P.bounds] and cert.get("sense") == sense)
    except (KeyError, TypeError, ValueError, ExactError) as exc:
        raise CertificateError(f"tree leaf: malformed problem ({exc})") from None
    if not same:
        raise CertificateError(f"tree leaf at path {list(path)}: the certified LP is not the "
                               f"polytope of this path")


def check_tree(tree, P: Problem, c, tau, extra_ub=(), constant=ZERO, path=()) -> int:
    """Re-verify a proof tree of ``max c . z + constant <= tau`` over the union; solver-free.

    ``tau=None`` asks for a proof of emptiness (every leaf infeasible). Returns the number of leaves; raises CertificateError naming the first failure.
    """
    from exact.lpcert import check_certificate
    if not isinstance(tree, dict):
        raise CertificateError("tree: node is not an object")
    if "leaf" in tree:
        cert = tree["leaf"]
        if not isinstance(cert, dict):
            raise CertificateError("tree leaf: not a certificate")
        check_certificate(cert)
        _same_problem(cert, P, c, list(path), extra_ub, "max")
        if cert.get("status") == "infeasible":
            return 1
        if cert.get("status") != "optimal" or tau is None:
            raise CertificateError(f"tree leaf: status {cert.get('status')!r}")
        if parse_q(cert["value"], "value") + constant > tau:
            raise CertificateError(f"tree leaf: optimum {cert['value']} + {constant} exceeds {tau}")
        return 1
    d, kids = tree.get("branch"), tree.get("children")
    if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d < len(P.disjunctions):
        raise CertificateError(f"tree: bad branch index {d!r}")
    if d in {x for x, _ in path}:
        raise CertificateError(f"tree: disjunction {d} branched twice on one path")
    if not isinstance(kids, list) or len(kids) != len(P.disjunctions[d]):
        raise CertificateError(f"tree: disjunction {d} has {len(P.disjunctions[d])} alternatives, "
                               f"the node covers {len(kids) if isinstance(kids, list) else '?'}")
    return sum(check_tree(t, P, c, tau, extra_ub, constant, tuple(path) + ((d, a),))
               for a, t in enumerate(kids))


def feasible(P: Problem, strict: Sequence, timeout_ms: int = 10000, budget: int = 2000) -> dict:
    """Is there ``z`` in the union with ``r . z < rhs`` for every ``(r, rhs)`` in ``strict``?

    Returns ``{"status": "sat", "z": z}`` (z re-checked exactly), ``{"status": "unsat", "tree":
    tree}`` (an exact proof tree: the maximum of ``eps`` with ``r . z + eps <= rhs``, ``eps <=
    1``, is ``<= 0`` on every polytope), or ``{"status": "unknown", "why": ...}`` when z3 timed
    out or the proof tree did not fit the budget (z3's own unsat is then reported, unproven).
    """
    import z3
    ctx = z3.Context()          # a fresh context: the model does not depend on earlier calls
    s = z3.Solver(ctx=ctx)
    s.set("timeout", int(timeout_ms))
    zs = [z3.Real(f"z{j}", ctx) for j in range(P.nvar)]

    def lin(row):
        terms = [z3.Q(int(x.p), int(x.q), ctx) * zs[j] if x != 1 else zs[j]
                 for j, x in enumerate(map(Q, row)) if x]
        return z3.Sum(terms) if terms else z3.RealVal(0, ctx)

    def rv(x):
        x = Q(x)
        return z3.Q(int(x.p), int(x.q), ctx)

    for j, (lo, hi) in enumerate(P.bounds):
        if lo is not None:
            s.add(zs[j] >= rv(lo))
        if hi is not None:
            s.add(zs[j] <= rv(hi))
    for r, h in zip(P.A_ub, P.b_ub):
        s.add(lin(r) <= rv(h))
    for r, h in zip(P.A_eq, P.b_eq):
        s.add(lin(r) == rv(h))
    for d in P.disjunctions:
        s.add(z3.Or([z3.And([lin(r) <= rv(h) for r, h in alt] + [z3.BoolVal(True, ctx)])
                     for alt in d] + [z3.BoolVal(False, ctx)]))
    for r, h in strict:
        s.add(lin(r) < rv(h))
    ans = s.check()
    if ans == z3.sat:
        m = s.model()
        z = []
        for v in zs:
            val = m.eval(v, model_completion=True)
            z.append(Q(val.numerator_as_long(), val.denominator_as_long()))
        if P.contains(z) and all(sum((Q(x) * y for x, y in zip(r, z)), ZERO) < h
                                 for r, h in strict):
            return {"status": "sat", "z": z}
        return {"status": "unknown", "why": "z3 model failed the exact re-check"}
    if ans != z3.unsat:
        return {"status": "unknown", "why": f"z3: {s.reason_unknown() or 'unknown'}"}
    Pe, c, extra = with_epsilon(P, strict)
    try:
        out = maximize(Pe, c, ZERO, extra, budget=budget)
    except Undecided as exc:
        return {"status": "unknown", "why": f"z3 says unsat; {exc} for the proof tree"}
    if out[0] == "above":                                  # z3 and the exact search disagree
        return {"status": "unknown", "why": "z3 says unsat but an exact point exists"}
    return {"status": "unsat", "tree": out[1]}


def with_epsilon(P: Problem, strict: Sequence):
    """``P`` with one more variable ``eps <= 1`` and the rows ``r . z + eps <= rhs``."""
    n = P.nvar + 1
    ext = lambda r: list(r) + [ZERO]  # noqa: E731
    Pe = Problem(n, list(P.bounds) + [(None, ONE)], [ext(r) for r in P.A_ub], list(P.b_ub),
                 [ext(r) for r in P.A_eq], list(P.b_eq),
                 [[[(ext(r), h) for r, h in alt] for alt in d] for d in P.disjunctions])
    extra = [(list(r) + [ONE], h) for r, h in strict]
    c = [ZERO] * P.nvar + [ONE]
    return Pe, c, extra
