"""Solver-free replays of the ``approx_ic`` witnesses (``exact replay``).

:mod:`exact.checker` first re-verifies every LP certificate in a witness (``"kind": "lp-..."``)
with :mod:`exact.lpcert`; the functions here then bind each certificate to the instance (its LP
must be the one the model builds from the instance, with the stated status) and recompute every
other saved number with the model's exact code. No LP is solved. A violation record (no
certificate) returns at once: the checker re-runs the predicate on it.
"""

from __future__ import annotations

from exact.errors import CertificateError
from exact.numbers import Q, to_jsonable

__all__ = ["gain_identity", "theorem_1_optimality", "cremer_mclean", "cremer_mclean_construction", "theorem_1", "condition_1"]


def _same(saved, value, field: str) -> None:
    if saved != to_jsonable(value):
        raise CertificateError(f"{field}: saved {saved!r}, recomputed {to_jsonable(value)!r}")


def gain_identity(env, data: dict) -> None:
    """Identity gains = Definition 1 gains (recomputed); the LP is the mechanism's epsilon-IC LP."""
    if "certificate" not in data:
        return
    from .gains import deviations, exact_gain, gain
    from .lps import bind, mechanism_lp
    from .mechanism import sigma_star, social_choice
    m, sigma = sigma_star(env), social_choice(env)
    gains = {}
    for d in deviations(env):
        g = gain(env, sigma, *d)
        if exact_gain(env, m, *d) != g:
            raise CertificateError(f"gains: deviation {d} differs from Definition 1")
        gains[f"{d[0]}:{d[1]}->{d[2]}"] = g
    _same(data.get("gains"), gains, "gains")
    eps = max([Q(0), *gains.values()])
    _same(data.get("epsilon"), eps, "epsilon")
    cert = data["certificate"]
    bind(cert, mechanism_lp(env, eps_variable=True, fixed=m)[0], "optimal")
    _same(cert.get("value"), eps, "certificate.value")


def theorem_1_optimality(env, data: dict) -> None:
    """The certificate is the BIR-only revenue LP of ``env`` with value ``W*`` = revenue of ``(sigma*, q*)``."""
    if "certificate" not in data:
        return
    from .gains import definition_epsilon
    from .lps import bind, mechanism_lp
    from .mechanism import first_best_welfare, revenue, sigma_star
    W = first_best_welfare(env)
    m = sigma_star(env)
    if revenue(env, m) != W:
        raise CertificateError("revenue: Q(sigma*, q*) differs from W*")
    _same(data.get("first_best"), W, "first_best")
    _same(data.get("epsilon"), definition_epsilon(env, m), "epsilon")
    cert = data["certificate"]
    bind(cert, mechanism_lp(env, ic=False)[0], "optimal")
    _same(cert.get("value"), W, "certificate.value")


def cremer_mclean(env, data: dict) -> None:
    """Farkas certificates of the CM LPs of every type, then the epsilon = 0 revenue LP with value W*."""
    if "certificate" not in data:
        return
    from .lps import bind, cm_lp, mechanism_lp
    from .mechanism import first_best_welfare
    certs = data.get("independence")
    wanted = [(i, s) for i, m in enumerate(env.signals) if m > 1 for s in range(m)]
    if not isinstance(certs, list) or len(certs) != len(wanted):
        raise CertificateError(f"independence: expected {len(wanted)} certificates")
    for cert, (i, s) in zip(certs, wanted):
        bind(cert, cm_lp(env, i, s), "infeasible", f"independence[{i}, {s}]")
    W = first_best_welfare(env)
    _same(data.get("first_best"), W, "first_best")
    cert = data["certificate"]
    bind(cert, mechanism_lp(env, Q(0))[0], "optimal")
    _same(cert.get("value"), W, "certificate.value")


def _condition_1(types, data: dict, holds: bool) -> None:
    from .condition import check_tie, tie_lp
    from exact.numbers import parse_q
    if holds:
        certs = data.get("condition_1_certificates", data.get("certificates"))
        A, W = len(types[0]), len(types[0][0])
        wanted = [(w, a, b) for w in range(W) for a in range(A) for b in range(a + 1, A)]
        if not isinstance(certs, list) or len(certs) != len(wanted):
            raise CertificateError(f"certificates: expected {len(wanted)} Farkas certificates")
        from .lps import bind
        for cert, (w, a, b) in zip(certs, wanted):
            bind(cert, tie_lp(types, w, a, b), "infeasible", f"certificates[{w}, {a}, {b}]")
        return
    tie = data.get("tie")
    if isinstance(tie, dict):
        w, pair, lam = tie.get("state"), tie.get("pair"), tie.get("weights")
    else:
        w, pair, lam = data.get("state"), data.get("pair"), tie
    if not (isinstance(w, int) and isinstance(pair, list) and len(pair) == 2
            and isinstance(lam, list)):
        raise CertificateError("tie: malformed")
    weights = [parse_q(x, f"tie[{j}]") for j, x in enumerate(lam)]
    if not check_tie(types, w, pair[0], pair[1], weights):
        raise CertificateError("tie: the weights do not make the two alternatives tie at the top")


def theorem_1(inst, data: dict) -> None:
    """Recompute the threshold by counts; bind the condition (1) certificates or tie."""
    if "players" not in data:
        return
    from .thresholds import ic_threshold
    st, eps = inst
    r = ic_threshold(st, eps)
    if r.violation is not None:
        raise CertificateError("epsilon*: exceeds the tail bound on re-computation")
    _same(data.get("players"), r.players, "players")
    _same(data.get("bound_takes_over"), r.n1, "bound_takes_over")
    if r.players > 1:
        _same(data.get("epsilon_star_at_n0"), r.worst[r.players - 2][0], "epsilon_star_at_n0")
    _condition_1(st.types, data, data.get("condition_1") is True)


def condition_1(types, data: dict) -> None:
    """Farkas certificates of every (state, pair) when (1) holds; the exact tie otherwise."""
    if "condition_1" not in data:
        return
    from .condition import common_strict_tops
    tops = common_strict_tops(types)
    if (tops is not None) != (data["condition_1"] is True):
        raise CertificateError("condition_1: disagrees with the common strict tops")
    _condition_1(types, data, data["condition_1"] is True)


def cremer_mclean_construction(env, data: dict) -> None:
    """Rebuild ``(sigma*, q* + M z)`` from the saved lotteries and scales; recheck Definitions 1-2."""
    if "lotteries" not in data:
        return
    from exact.errors import InputError
    from exact.numbers import parse_q
    from .extraction import check_shape, verify
    z, M = data.get("lotteries"), data.get("scales")
    check_shape(env, z)
    if not isinstance(M, list) or len(M) != env.n:
        raise CertificateError(f"scales: expected {env.n} numbers")
    try:
        z = tuple(tuple(tuple(parse_q(x, f"lotteries[{i}][{t}]") for x in zt)
                        for t, zt in enumerate(zi)) for i, zi in enumerate(z))
        M = tuple(parse_q(x, f"scales[{i}]") for i, x in enumerate(M))
    except InputError as exc:
        raise CertificateError(str(exc)) from None
    ok, out = verify(env, z, M)
    if not ok:
        raise CertificateError(f"the saved mechanism fails: {to_jsonable(out)}")
    for key, value in out.items():
        _same(data.get(key), value, key)
