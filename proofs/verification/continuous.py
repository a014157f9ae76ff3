"""The continuous model for any ``(n, m, k)`` and ``F(t) = t^a`` (``a`` rational), exactly.

Section 3.3 and Proposition 2. With types on ``[0, 1]`` the principal's payoff of the MWG rule is
(payoff identity, proof of Lemma 4) ``V(phi) = n U(phi) = int_0^1 c_phi(F(t)) dt``. For fixed
``q`` the envelope ``c_phi(q)`` is the minimum of ``c^allo`` (constant in phi), ``c^aud_phi``
(slope ``n (1 - q)``) and ``c^ic_phi`` (slope ``-n q``), so ``V`` is concave; ties between pieces
of different slopes happen at finitely many ``q``, so ``V`` is differentiable and (envelope
theorem) ``V'(phi) = n [int_{C^aud} (1 - F) dt - int_{C^ic} F dt]``. In case 2.b (types
``t1 < t3`` at the quantile cut-offs ``gamma_1 = z2``, ``gamma_3 = r2``)

    V'(phi) / n = t3 - t1 - T(t3),     T(x) = int_0^x F(t) dt,

so the first-order condition V' = 0 reads ``t1 = t3 - T(t3)``, which is (10) after integration by
parts. Writing ``a = p/r``, ``t = w^r`` and ``q = F(t) = w^p`` makes every quantity a polynomial
in ``w``: the cut-offs at a rational ``phi`` are real roots of polynomials with rational
coefficients (exact, :class:`exact.algebraic.RealAlgebraic`); the optimal guarantee ``phi*`` is
found by eliminating ``t1`` (a resultant when ``r > 1``), which leaves one polynomial in
``w3 = t3^(1/r)``; its root is singled out by an exact sign change of ``V'`` at two rational
guarantees around it (``V'`` is non-increasing, so ``phi*`` maximises ``V`` -- not only solves the
first-order condition). ``phi*``, the payoff ``V(phi*)`` and the cut-offs are exact algebraic
numbers; ``V(m/n) = m E[t]`` and the first best are rational.

Examples
--------
>>> row = optimum(3, 2, 1, Power(1))
>>> row["phi_star"].digits(10), row["payoff"].digits(10)
('0.3476444269', '1.2230683065')
"""

from __future__ import annotations

import dataclasses
import functools
from math import comb
from typing import Optional

from flint import fmpq, fmpq_mpoly_ctx, fmpq_poly

from exact.algebraic import RealAlgebraic, real_roots
from exact.errors import InputError
from exact.numbers import Q, parse_q

from . import cases

__all__ = ["Power", "E_poly", "cutoff_roots", "V_prime", "V_value", "V_terms", "U_prime_terms",
           "optimum", "first_best", "V_lower", "V_upper", "nth_root", "elimination_poly",
           "field_value", "sign_of", "V_prime_sign", "constant_rule_payoff", "rounds_to"]

_W = fmpq_poly([0, 1])


@dataclasses.dataclass(frozen=True)
class Power:
    """``F(t) = t^a`` on ``[0, 1]`` for a rational ``a = p/r > 0`` (uniform: ``a = 1``)."""

    a: fmpq

    def __init__(self, a):
        a = parse_q(a, "a")
        if not a > 0:
            raise InputError("a", f"the power must be positive, got {a}")
        object.__setattr__(self, "a", a)

    @property
    def p(self) -> int:
        return int(self.a.p)

    @property
    def r(self) -> int:
        return int(self.a.q)

    @property
    def name(self) -> str:
        return "t" if self.a == 1 else f"t^{self.a}"

    def t_of_w(self) -> fmpq_poly:
        """``t = w^r``."""
        return _W ** self.r

    def q_of_w(self) -> fmpq_poly:
        """``q = F(t) = w^p``."""
        return _W ** self.p

    def T_of_w(self) -> fmpq_poly:
        """``T(t) = int_0^t F = t^(a+1) / (a+1) = r/(p+r) w^(p+r)``."""
        return Q(self.r, self.p + self.r) * _W ** (self.p + self.r)

    def tdF_of_w(self) -> fmpq_poly:
        """``int_0^t s dF(s) = a/(a+1) t^(a+1) = p/(p+r) w^(p+r)``."""
        return Q(self.p, self.p + self.r) * _W ** (self.p + self.r)

    def mean(self) -> fmpq:
        """``E[t] = a / (a + 1)``."""
        return self.a / (self.a + 1)


def E_poly(n: int, r: int) -> fmpq_poly:
    """``E[min{Bin(n, 1 - q), r}]`` as a polynomial in ``q``."""
    q = fmpq_poly([0, 1])
    out = fmpq_poly([0])
    for i in range(1, n + 1):
        out += min(i, r) * comb(n, i) * (1 - q) ** i * q ** (n - i)
    return out


def _compose(f: fmpq_poly, g: fmpq_poly) -> fmpq_poly:
    return f(g)


def _root_in(poly: fmpq_poly, which: str) -> RealAlgebraic:
    """The smallest / largest root of ``poly`` in the open interval (0, 1)."""
    rs = [x for x in real_roots(poly, (0, 1)) if x != 0 and x != 1]
    if not rs:
        raise ArithmeticError("no root in (0, 1)")
    return rs[0] if which == "min" else rs[-1]


def cutoff_roots(n: int, m: int, k: int, ph, F: Power) -> dict:
    """``w1, w3`` (``t_i = w_i^r``) of the cut-offs at a rational phi, exactly, and the case.

    Case 2.b: ``w1^p = z2`` (the root of ``c^ic = c^aud``), ``w3^p = r2`` (the larger interior
    root of ``c^allo = c^aud``); case 3: ``w1^p = z1``; case 1: ``w3^p = r2``.
    """
    ph = Q(ph)
    case = cases.case_of(n, m, k, ph)
    em, ek = E_poly(n, m), E_poly(n, k)
    qw = F.q_of_w()
    q = fmpq_poly([0, 1])
    out = {"case": case}
    if case in ("2.b", "1"):
        Dt = (em - ek - n * (1 - q) * ph)
        out["w3"] = _root_in(_compose(Dt, qw), "max")
    if case == "2.b":
        out["w1"] = _root_in(_compose(m - n * ph - ek, qw), "min")
    if case == "3":
        K = m - n * q * ph - em
        out["w1"] = _root_in(_compose(K, qw), "min")
    return out


def V_prime(n: int, m: int, k: int, ph, F: Power) -> RealAlgebraic:
    """``V'(phi)`` at a rational phi (envelope formula, exact)."""
    c = cutoff_roots(n, m, k, ph, F)
    t, T = F.t_of_w(), F.T_of_w()
    if c["case"] == "2.b":
        val = c["w3"].apply(t - T) - c["w1"].apply(t)
    elif c["case"] == "3":
        val = -c["w1"].apply(T)
    else:
        val = c["w3"].apply(t - T)
    return n * val


def _antiderivatives(n: int, m: int, k: int, F: Power) -> dict:
    """``G_x(w) = int_0^{t(w)} c_x(F(s)) ds`` split as ``A_x + phi B_x`` (polynomials in w)."""
    em, ek = E_poly(n, m), E_poly(n, k)
    qw, dt = F.q_of_w(), F.t_of_w().derivative()
    out = {}
    for lab, a0, a1 in (("allo", em(qw), fmpq_poly([0])),
                        ("aud", ek(qw), n * (1 - qw)),
                        ("ic", fmpq_poly([m]), -n * qw)):
        out[lab] = ((a0 * dt).integral(), (a1 * dt).integral())
    return out


def V_terms(n: int, m: int, k: int, ph, F: Power) -> list:
    """``V(phi)`` at a rational phi as a sum of terms ``(x, poly)`` (``poly(x)``, ``x`` a cut-off
    ``w_i`` or the rational 1), ready for :func:`sign_of` or exact summation."""
    ph = Q(ph)
    c = cutoff_roots(n, m, k, ph, F)
    G = {lab: A + ph * B for lab, (A, B) in _antiderivatives(n, m, k, F).items()}
    one = RealAlgebraic.from_rational(1)
    if c["case"] == "2.b":
        return [(c["w1"], G["ic"] - G["aud"]), (c["w3"], G["aud"] - G["allo"]), (one, G["allo"])]
    if c["case"] == "3":
        return [(c["w1"], G["ic"] - G["allo"]), (one, G["allo"])]
    return [(c["w3"], G["aud"] - G["allo"]), (one, G["allo"])]


def V_value(n: int, m: int, k: int, ph, F: Power) -> RealAlgebraic:
    """``V(phi) = int_0^1 c_phi(F(t)) dt`` at a rational phi, exactly."""
    out = None
    for x, poly in V_terms(n, m, k, ph, F):
        v = x.apply(poly)
        out = v if out is None else out + v
    return out


def U_prime_terms(n: int, m: int, k: int, ph, F: Power, a8_display: bool = False) -> list:
    """The paper's ``U'(phi)`` (Proposition 2) as terms ``(x, poly)``; ``a8_display`` uses A.8's
    last display instead (``+ gamma_3 [1 - F(gamma_3)]`` moved to the left-hand side)."""
    c = cutoff_roots(n, m, k, ph, F)
    t, qw, I = F.t_of_w(), F.q_of_w(), F.tdF_of_w()
    sign3 = -1 if a8_display else 1
    if c["case"] == "2.b":
        # -g1 F(g1) - g2 (1 - F(g2)) + g3 (1 - F(g3)) + int_0^g1 t dF + int_g2^g3 t dF, g1 = g2
        return [(c["w1"], -t * qw - t * (1 - qw) + I - I), (c["w3"], sign3 * t * (1 - qw) + I)]
    if c["case"] == "3":
        # gamma_1 = gamma_2 = gamma_3: -g1 F(g1) + int_0^g1 t dF (the g2, g3 terms cancel)
        w1 = c["w1"]
        return [(w1, -t * qw - t * (1 - qw) + sign3 * t * (1 - qw) + I)]
    raise ValueError("the formula is stated for phi in ((m-k)/n, m/n)")


def V_upper(n: int, m: int, F: Power) -> fmpq:
    """``V(m/n) = m E[t]`` (c^ic binds everywhere)."""
    return m * F.mean()


def V_lower(n: int, m: int, k: int, F: Power) -> RealAlgebraic:
    """``V((m-k)/n)``: C^ic = {0}, C^aud = [0, r2], C^allo = [r2, 1]."""
    return V_value(n, m, k, Q(m - k, n), F)


def first_best(n: int, m: int, F: Power) -> fmpq:
    """``int_0^1 c^allo(F(t)) dt``: the m highest types get the objects (rational)."""
    em = E_poly(n, m)
    return (em(F.q_of_w()) * F.t_of_w().derivative()).integral()(1)


def nth_root(x: RealAlgebraic, r: int) -> RealAlgebraic:
    """The positive real ``r``-th root of a positive algebraic number, exactly.

    A root of ``res_y(m_x(y), X^r - y)``; the right one is the unique positive root whose
    ``r``-th power lies in the (shrinking) isolating interval of ``x``.
    """
    if r == 1:
        return x
    ctx = fmpq_mpoly_ctx.get(("x", "y"), "lex")
    X, _ = ctx.gens()
    my = ctx.from_dict({(0, i): c for i, c in enumerate(x.minpoly.coeffs()) if c})
    res = my.resultant(X ** r - ctx.gens()[1], "y")
    coeffs = {dx: c for (dx, _dy), c in res.to_dict().items()}
    poly = fmpq_poly([coeffs.get(i, 0) for i in range(max(coeffs) + 1)])
    cands = [c for c in real_roots(poly) if c > 0]
    power = _W ** r
    while True:
        lo, hi = x.interval
        hits = [c for c in cands if lo <= c.apply(power) <= hi]
        if len(hits) == 1:
            return hits[0]
        x.refine(bits=2 * max(64, int((hi - lo).q.bit_length() - (hi - lo).p.bit_length())))


def _phi_of_w3(n: int, m: int, k: int, F: Power) -> tuple:
    """``phi = (E_m(q3) - E_k(q3)) / (n (1 - q3))`` as (numerator, denominator) in w."""
    em, ek, qw = E_poly(n, m), E_poly(n, k), F.q_of_w()
    return (em - ek)(qw), n * (1 - qw)


def elimination_poly(n: int, m: int, k: int, F: Power) -> fmpq_poly:
    """The polynomial in ``w = w3`` whose roots contain every case-2.b solution of V' = 0.

    Unknowns ``w1, w3``: ``t1 = t3 - T(t3)`` (the FOC), ``w1^r = t1``, and the two expressions
    of phi agree: ``(m - E_k(w1^p)) (1 - w3^p) = E_m(w3^p) - E_k(w3^p)``. For ``r = 1`` the FOC
    substitutes ``w1``; otherwise ``w1`` is eliminated by a resultant.
    """
    em, ek = E_poly(n, m), E_poly(n, k)
    qw = F.q_of_w()
    t1 = F.t_of_w() - F.T_of_w()
    if F.r == 1:
        return (m - ek(t1 ** F.p)) * (1 - qw) - (em - ek)(qw)
    ctx = fmpq_mpoly_ctx.get(("u", "w"), "lex")
    U, Wv = ctx.gens()

    def lift(poly: fmpq_poly, var):
        return sum((c * var ** i for i, c in enumerate(poly.coeffs()) if c), ctx.from_dict({}))
    eqA = U ** F.r - lift(t1, Wv)
    ekU = lift(ek, U ** F.p)
    eqB = (m - ekU) * (1 - Wv ** F.p) - lift((em - ek)(qw), Wv)
    res = eqA.resultant(eqB, "u")
    coeffs = {dw: c for (du, dw), c in res.to_dict().items()}
    return fmpq_poly([coeffs.get(i, 0) for i in range(max(coeffs) + 1)])


def field_value(w: RealAlgebraic, num: fmpq_poly, den: Optional[fmpq_poly] = None
                ) -> RealAlgebraic:
    """``num(w) / den(w)`` for an algebraic ``w``, by one exact :meth:`RealAlgebraic.apply`.

    The quotient is reduced to a polynomial modulo ``w``'s minimal polynomial (the inverse of
    ``den`` by the extended Euclidean algorithm), so no resultant of two algebraic numbers of
    the same field (whose degree would square) is ever formed.
    """
    mp = fmpq_poly(w.minpoly)
    if den is not None:
        g, inv, _ = (den % mp).xgcd(mp)
        if g.degree() != 0:
            raise ZeroDivisionError("the denominator vanishes at w")
        num = num * inv / g
    return w.apply(num % mp)


def _ball(x: RealAlgebraic, bits: int):
    from flint import arb, ctx as flint_ctx
    flint_ctx.prec = max(flint_ctx.prec, bits + 32)
    if x.is_rational:
        return arb(x.value)
    lo, hi = x.refine(bits=bits)
    return arb((Q(lo) + Q(hi)) / 2, (Q(hi) - Q(lo)) / 2)


def sign_of(terms: list) -> int:
    """The exact sign of ``sum_i poly_i(x_i)`` for algebraic ``x_i`` (a list of ``(x, poly)``).

    Ball arithmetic on isolating intervals refined to 64, 128, ... bits decides any non-zero
    sum; after 4096 bits the sum is formed exactly (resultants) and its sign read off.
    """
    bits = 64
    while bits <= 4096:
        total = sum((_horner_ball(poly, _ball(x, bits)) for x, poly in terms), _ball(
            RealAlgebraic.from_rational(0), bits))
        if total > 0:
            return 1
        if total < 0:
            return -1
        bits *= 2
    exact = None
    for x, poly in terms:
        v = x.apply(poly)
        exact = v if exact is None else exact + v
    return (exact > 0) - (exact < 0)


def _horner_ball(poly: fmpq_poly, b):
    from flint import arb
    acc = arb(0)
    for c in reversed(poly.coeffs()):
        acc = acc * b + arb(c)
    return acc


def V_prime_sign(n: int, m: int, k: int, ph, F: Power) -> int:
    """The exact sign of ``V'(phi)`` at a rational phi (ball arithmetic, exact fallback)."""
    c = cutoff_roots(n, m, k, ph, F)
    t, T = F.t_of_w(), F.T_of_w()
    if c["case"] == "2.b":
        return sign_of([(c["w3"], t - T), (c["w1"], -t)])
    if c["case"] == "3":
        return sign_of([(c["w1"], -T)])
    return sign_of([(c["w3"], t - T)])


def _identify_root(poly: fmpq_poly, ball_fn) -> RealAlgebraic:
    """The unique real root of ``poly`` inside the shrinking balls ``ball_fn(bits)``."""
    roots = real_roots(poly)
    bits = 64
    while bits <= 8192:
        b = ball_fn(bits)
        from exact.algebraic import _arb_bounds
        lo, hi = _arb_bounds(b)
        hits = [r for r in roots if not (r.interval[1] < lo or hi < r.interval[0])]
        if len(hits) == 1:
            return hits[0]
        for r in hits:
            r.refine(bits=bits)
        bits *= 2
    raise ArithmeticError("cannot single out the root")


@functools.lru_cache(maxsize=64)
def optimum(n: int, m: int, k: int, F: Power) -> dict:
    """phi*, the cut-offs and the payoff of the optimal MWG rule, exactly, with the proof data.

    Every solution of V' = 0 in the case-2.b window is a root ``w3`` of
    :func:`elimination_poly` with ``phi = (E_m - E_k)(q3) / (n (1 - q3))`` inside the window.
    The candidates are separated by rationals ``s_0 < ... < s_J``; V' is non-increasing (V is
    concave), so the candidate between the ``s_j`` where the exact sign of V' turns from + to -
    is the unique zero: phi* maximises V.

    Returns a dict with ``phi_star``, ``w1``, ``w3``, ``q1``, ``q3`` (quantile cut-offs), ``t1``,
    ``t3`` (type cut-offs), ``payoff`` (``V(phi*) = n U(phi*)``), all RealAlgebraic, the
    ``bracket`` ``(lo, hi)`` of rationals with ``V'(lo) > 0 > V'(hi)``, ``phi_hat`` (the window's
    upper end) and ``poly`` (the elimination polynomial).
    """
    from . import regions
    win = cases.window(n, m, k)
    if len(win) != 1:
        raise ArithmeticError("no case-2.b window")
    lo_w, hi_w = win[0].lo, win[0].hi
    R = elimination_poly(n, m, k, F)
    num, den = _phi_of_w3(n, m, k, F)
    cands = []
    for w in real_roots(R, (0, 1)):
        if w == 0 or w == 1:
            continue
        ph = field_value(w, num, den)
        if lo_w < ph < hi_w:
            cands.append((ph, w))
    cands.sort(key=lambda c: c[0])
    if not cands:
        raise ArithmeticError("no solution of the first-order condition in the window")
    ends = [lo_w] + [c[0] for c in cands] + [hi_w]
    seps = [regions.between(a, b) for a, b in zip(ends, ends[1:])]
    seps = [Q(int(x.p), int(x.q)) for x in seps]
    signs = [V_prime_sign(n, m, k, x, F) for x in seps]
    turns = [j for j in range(len(cands)) if signs[j] > 0 and signs[j + 1] < 0]
    if len(turns) != 1 or any(a < b for a, b in zip(signs, signs[1:])):
        raise ArithmeticError(f"V' signs {signs} at the separators: no unique sign change")
    ph, w3 = cands[turns[0]]
    t, qw = F.t_of_w(), F.q_of_w()
    t1 = field_value(w3, t - F.T_of_w())
    w1 = t1 if F.r == 1 else nth_root(t1, F.r)
    payoff = _payoff(n, m, k, F, w3, w1, num, den)
    # transversality: the slopes of the two functions crossing at each cut-off differ
    em, ek = E_poly(n, m), E_poly(n, k)
    q1 = field_value(w3, (t - F.T_of_w()) ** F.p) if F.r == 1 else w1.apply(qw)
    gaps = {"(c^ic - c^aud)' at q1": q1.sign_at(-ek.derivative()),
            "(c^allo - c^aud)' at q3": field_value(
                w3, (em.derivative() - ek.derivative())(qw) * den + n * num, den).sign_at(
                    fmpq_poly([0, 1]))}
    return {"phi_star": ph, "w1": w1, "w3": w3,
            "q1": q1, "slope_gaps": gaps,
            "q3": field_value(w3, qw), "t1": t1, "t3": field_value(w3, t), "payoff": payoff,
            "bracket": (seps[turns[0]], seps[turns[0] + 1]), "phi_hat": hi_w, "poly": R,
            "candidates": len(cands)}


def _payoff(n, m, k, F: Power, w3: RealAlgebraic, w1: RealAlgebraic, num, den) -> RealAlgebraic:
    """``V(phi*) = G_ic(w1) - G_aud(w1) + G_aud(w3) - G_allo(w3) + G_allo(1)`` exactly.

    ``phi* = num/den (w3)``. With ``r = 1``, ``w1 = t1`` is a polynomial in ``w3`` and the payoff
    is one element of ``Q(w3)``; otherwise ``w1`` is eliminated by resultants (``w1^r = t1(w3)``)
    and the root picked by ball arithmetic.
    """
    G = _antiderivatives(n, m, k, F)
    A = {lab: v[0] for lab, v in G.items()}
    B = {lab: v[1] for lab, v in G.items()}
    t1 = F.t_of_w() - F.T_of_w()
    mp = fmpq_poly(w3.minpoly)
    g, inv, _ = (den % mp).xgcd(mp)
    phi_w = (num * inv / g) % mp                     # phi* as a polynomial in w3
    part3 = (A["aud"] - A["allo"] + phi_w * B["aud"] + A["allo"](1)) % mp
    a1, b1 = A["ic"] - A["aud"], B["ic"] - B["aud"]
    if F.r == 1:
        return w3.apply((part3 + a1(t1) + phi_w * b1(t1)) % mp)
    # V = part3(w3) + a1(w1) + phi(w3) b1(w1), with w1^r = t1(w3): eliminate w1 and w3
    ctx = fmpq_mpoly_ctx.get(("v", "u", "w"), "lex")
    Vv, U, Wv = ctx.gens()

    def lift(poly: fmpq_poly, var):
        return sum((c * var ** i for i, c in enumerate(poly.coeffs()) if c), ctx.from_dict({}))
    expr = Vv - lift(part3, Wv) - lift(a1, U) - lift(phi_w, Wv) * lift(b1, U)
    e1 = expr.resultant(U ** F.r - lift(t1, Wv), "u")
    e2 = e1.resultant(lift(mp, Wv), "w")
    coeffs = {dv: c for (dv, _du, _dw), c in e2.to_dict().items()}
    poly = fmpq_poly([coeffs.get(i, 0) for i in range(max(coeffs) + 1)])

    def ball(bits):
        from flint import arb
        bw3, bw1 = _ball(w3, bits), _ball(w1, bits)
        return (_horner_ball(part3, bw3) + _horner_ball(a1, bw1)
                + _horner_ball(phi_w, bw3) * _horner_ball(b1, bw1))
    return _identify_root(poly, ball)


def constant_rule_payoff(n: int, p, F: Power) -> fmpq:
    """The payoff of the interim rule ``P = p`` for every type, from the payoff identity
    ``n int_0^1 P t dF = int_0^1 S(t) dt`` with ``S(t) = n int_t^1 P dF = n p (1 - F(t))``."""
    S = n * Q(p) * (1 - F.q_of_w())
    return (S * F.t_of_w().derivative()).integral()(1)


def rounds_to(x: RealAlgebraic, text: str) -> bool:
    """Exactly: does ``x`` round to the decimal ``text`` (``|x - text| <= half a unit in its last
    place``)?"""
    whole, _, frac = text.partition(".")
    value = Q(int(whole + frac), 10 ** len(frac))
    half = Q(1, 2 * 10 ** len(frac))
    return value - half <= x <= value + half
