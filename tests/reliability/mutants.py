"""Deliberately broken mechanisms and models: checks that can fail (item 6 of the issue).

Each mutant is a copy of a correct construction with one seeded bug; each comes with a claim
(``register=False``) stating the property the correct construction has, and a *control* claim
(the same property of the project's correct code). The engine must verify every control and
refute every mutant with a minimal counterexample.

Mutants
-------
* :func:`ttc_skip_cycle` -- top trading cycles that skips the last cycle of a round with two or
  more cycles (its agents keep their own houses). Property: Pareto efficiency (Shapley and Scarf
  1974). Smallest failure: 3 agents (two cycles, the skipped one a real trade).
* :func:`sd_wrong_order` -- serial dictatorship that serves agents 1 and 0 in the wrong order.
  Property: agent ``k`` receives her best object among those not taken by agents ``0..k-1``.
  Smallest failure: 2 agents who both rank object 0 first.
* :func:`assignment_lp_flipped` -- the assignment LP ``max u.x`` with the object-capacity rows
  written with the wrong sign (``-sum_i x_ij <= 1``). Property: the LP optimum equals the best
  permutation's utility (Birkhoff-von Neumann). Smallest failure: 2 agents who like one object.
* :class:`TicketsIgnoringTie` -- the Tickets algorithm (paper ``sef``, Section 5.1) whose entry
  step takes only the first of several best pools instead of branching on the tie (N1).
  Property: the outcome set of Tickets is neutral (relabelling the pools relabels the outcomes).
  Smallest failure: one agent indifferent between the two pools.

The oracles are written here, by brute force, independently of the code under test.
"""

from __future__ import annotations

import contextlib
import itertools
import math

from exact import InputError, claim, fails, holds
from exact.domains import Graded
from exact.prefs import Profile, all_profiles

__all__ = ["PROFILES", "MATRICES", "MARKETS", "ttc_reference", "ttc_skip_cycle",
           "sd_reference", "sd_wrong_order", "assignment_lp", "assignment_lp_flipped",
           "TicketsIgnoringTie", "MUTANTS", "CONTROLS", "pareto_improvement_brute"]


# -- domains: every instance, no symmetry reduction (the properties are not all symmetric) --------

def _decode_profile(data):
    if not isinstance(data, list) or not data:
        raise InputError("instance", f"expected a non-empty list of rankings, got {data!r}")
    return Profile(data, len(data), complete=True, field="instance")


PROFILES = Graded("all complete strict profiles n x n", sizes=(1, 2, 3),
                  generate=all_profiles, count=lambda n: math.factorial(n) ** n,
                  decode=_decode_profile, size_of=lambda p: p.n,
                  encode=lambda p: [list(r) for r in p.rankings])


def _matrices(n):
    for bits in itertools.product((0, 1), repeat=n * n):
        yield tuple(tuple(bits[i * n:(i + 1) * n]) for i in range(n))


def _decode_matrix(data):
    if (not isinstance(data, list) or not data or
            any(not isinstance(r, list) or len(r) != len(data) for r in data) or
            any(v not in (0, 1) or isinstance(v, bool) for r in data for v in r)):
        raise InputError("instance", f"expected a square 0/1 matrix, got {data!r}")
    return tuple(tuple(r) for r in data)


MATRICES = Graded("0/1 utility matrices n x n", sizes=(1, 2, 3), generate=_matrices,
                  count=lambda n: 2 ** (n * n), decode=_decode_matrix, size_of=len)


def _markets(n):
    from proofs.sef.model import Market
    rows = [r for r in itertools.product(range(3), repeat=2) if any(r)]
    rows.sort(key=lambda r: (max(r), sum(r), r))
    for combo in itertools.product(rows, repeat=n):
        yield Market.of(combo, (1, 1))


def _decode_market(data):
    from proofs.sef.model import parse_market
    return parse_market(data, "instance")


MARKETS = Graded("sef markets: n agents, 2 pools of capacity 1, utilities 0..2", sizes=(1, 2, 3),
                 generate=_markets, count=lambda n: 8 ** n, decode=_decode_market,
                 size_of=lambda mk: mk.n, encode=lambda mk: mk.to_json())


# -- oracles --------------------------------------------------------------------------------

def pareto_improvement_brute(p: Profile, x) -> tuple | None:
    """An allocation (permutation of the houses) that Pareto dominates ``x``, by brute force."""
    for y in itertools.permutations(range(p.n)):
        if all(not p.prefers(i, x[i], y[i]) for i in range(p.n)) and \
                any(p.prefers(i, y[i], x[i]) for i in range(p.n)):
            return y
    return None


# -- TTC ------------------------------------------------------------------------------------

def _ttc(p: Profile, skip_last_cycle: bool) -> tuple:
    remaining = set(range(p.n))           # agent i owns house i
    out = [None] * p.n
    while remaining:
        point = {i: next(h for h in p[i] if h in remaining) for i in remaining}
        cycles, seen = [], set()
        for start in sorted(remaining):
            path, i = [], start
            while i not in seen and i not in path:
                path.append(i)
                i = point[i]
            if i in path:
                cycles.append(path[path.index(i):])
            seen |= set(path)
        for k, c in enumerate(sorted(cycles, key=min)):
            skip = skip_last_cycle and len(cycles) >= 2 and k == len(cycles) - 1  # the bug
            for i in c:
                out[i] = i if skip else point[i]
            remaining -= set(c)
    return tuple(out)


def ttc_reference(p: Profile) -> tuple:
    """Gale's top trading cycles (agent ``i`` owns house ``i``), written here from scratch."""
    return _ttc(p, False)


def ttc_skip_cycle(p: Profile) -> tuple:
    """MUTANT: TTC that lets the last cycle of a round with several cycles go untraded."""
    return _ttc(p, True)


def _pareto(mechanism):
    def predicate(p):
        x = tuple(mechanism(p))
        y = pareto_improvement_brute(p, x)
        return holds() if y is None else fails(allocation=x, dominated_by=y)
    return predicate


# -- serial dictatorship ----------------------------------------------------------------------

def sd_reference(p: Profile) -> tuple:
    """Serial dictatorship in the order 0, 1, ..., n-1 (the project's implementation)."""
    from exact.mechanisms import serial_dictatorship
    return serial_dictatorship(p, order=list(range(p.n)))


def sd_wrong_order(p: Profile) -> tuple:
    """MUTANT: serial dictatorship that serves agent 1 before agent 0."""
    order = list(range(p.n))
    if len(order) >= 2:
        order[0], order[1] = order[1], order[0]          # the bug
    taken, out = set(), [None] * p.n
    for i in order:
        out[i] = next(h for h in p[i] if h not in taken)
        taken.add(out[i])
    return tuple(out)


def _sd_property(mechanism):
    def predicate(p):
        x = tuple(mechanism(p))
        taken = set()
        for k in range(p.n):
            best = next(h for h in p[k] if h not in taken)
            if x[k] != best:
                return fails(agent=k, got=x[k], best_available=best, allocation=x)
            taken.add(best)
        return holds()
    return predicate


# -- the assignment LP ------------------------------------------------------------------------

def _assignment_lp(u, flipped: bool):
    from exact.lp import solve_lp
    n = len(u)
    c = [u[i][j] for i in range(n) for j in range(n)]
    rows = [[1 if k // n == i else 0 for k in range(n * n)] for i in range(n)]      # agents
    sign = -1 if flipped else 1                                                      # the bug
    rows += [[sign if k % n == j else 0 for k in range(n * n)] for j in range(n)]    # objects
    return solve_lp(c, A_ub=rows, b_ub=[1] * (2 * n), maximize=True)


def assignment_lp(u):
    """``max sum u_ij x_ij`` s.t. every agent and every object at most one unit, ``x >= 0``."""
    return _assignment_lp(u, False)


def assignment_lp_flipped(u):
    """MUTANT: the object rows written as ``-sum_i x_ij <= 1`` (a flipped sign)."""
    return _assignment_lp(u, True)


def _birkhoff(lp):
    def predicate(u):
        n = len(u)
        best = max(sum(u[i][s[i]] for i in range(n)) for s in itertools.permutations(range(n)))
        res = lp(u)
        if res.status != "optimal" or res.value != best:
            return fails(status=res.status, lp_value=res.value, best_permutation=best)
        return holds(value=res.value, certificate=res.certificate)
    return predicate


# -- Tickets (paper sef, Section 5.1) ----------------------------------------------------------

def _tickets_class():
    from proofs.sef import tickets as T

    class TicketsIgnoringTie(T.Tickets):
        """MUTANT: the entry step takes the first best pool only (ignores a tie, N1)."""

        def _step(self, room, agent):
            real = T.best_pools
            with _patched(T, "best_pools", lambda market, r, h: real(market, r, h)[:1]):
                return super()._step(room, agent)

    return TicketsIgnoringTie


@contextlib.contextmanager
def _patched(module, name, value):
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def TicketsIgnoringTie(market):  # noqa: N802 - a class factory, named as the class it returns
    return _tickets_class()(market)


def _reference_tickets(market):
    from proofs.sef.tickets import Tickets
    return Tickets(market)


def _neutral(make):
    from proofs.sef.model import Market

    def predicate(market):
        swapped = Market(tuple(tuple(reversed(r)) for r in market.u), tuple(reversed(market.q)))
        a = make(market).all_leaves()
        b = make(swapped).all_leaves()
        relabelled = frozenset(tuple(1 - j for j in x) for x in a)
        if b != relabelled:
            return fails(outcomes=sorted(a), swapped_outcomes=sorted(b))
        return holds()
    return predicate


# -- the claims -------------------------------------------------------------------------------

def _pair(key, domain, statement, mutant_predicate, control_predicate):
    m = claim(f"mutants/{key}", domain=domain, statement=statement, register=False)(
        mutant_predicate)
    c = claim(f"controls/{key}", domain=domain, statement=statement, register=False)(
        control_predicate)
    return m, c


_PAIRS = {
    "ttc-skip-cycle": _pair("ttc-skip-cycle", PROFILES, "TTC is Pareto efficient.",
                            _pareto(ttc_skip_cycle), _pareto(
                                lambda p: __import__("exact.mechanisms", fromlist=["ttc"]).ttc(p))),
    "sd-wrong-order": _pair("sd-wrong-order", PROFILES,
                            "Under SD with order 0..n-1, agent k gets her best object among "
                            "those agents 0..k-1 left.", _sd_property(sd_wrong_order),
                            _sd_property(sd_reference)),
    "lp-flipped-sign": _pair("lp-flipped-sign", MATRICES,
                             "The assignment LP optimum equals the best permutation "
                             "(Birkhoff-von Neumann).", _birkhoff(assignment_lp_flipped),
                             _birkhoff(assignment_lp)),
    "tickets-ignores-tie": _pair("tickets-ignores-tie", MARKETS,
                                 "The Tickets outcome set is neutral (relabelling pools "
                                 "relabels outcomes).", _neutral(TicketsIgnoringTie),
                                 _neutral(_reference_tickets)),
}

#: key -> the mutant's claim (must be refuted) and the control's claim (must be verified)
MUTANTS = {k: m for k, (m, c) in _PAIRS.items()}
CONTROLS = {k: c for k, (m, c) in _PAIRS.items()}

# module-level names, so that this file is also a user claim file (``exact check mutants.py``,
# ``exact replay`` of a saved record, and worker processes re-import the claims from it)
mutant_ttc_skip_cycle, control_ttc_skip_cycle = _PAIRS["ttc-skip-cycle"]
mutant_sd_wrong_order, control_sd_wrong_order = _PAIRS["sd-wrong-order"]
mutant_lp_flipped_sign, control_lp_flipped_sign = _PAIRS["lp-flipped-sign"]
mutant_tickets_ignores_tie, control_tickets_ignores_tie = _PAIRS["tickets-ignores-tie"]
for _c in (*MUTANTS.values(), *CONTROLS.values()):
    _c.source_file = __file__
del _c
