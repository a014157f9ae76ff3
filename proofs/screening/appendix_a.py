"""Appendix A's closed-form solutions, checked as exact identities.

Example 1 (Laffont, Maskin and Rochet): ``v = a q - (1 + b) q^2/2``, ``C = 0``; the published
``q`` (three regions) and tariff ``T`` (two pieces). Example 2 (Basov): ``v = a q - (c + b) q^g/g``;
the identities are written in ``y = q^(g-1)`` (and ``q*^g = q* y*``), so they hold for every
``g`` and ``c`` as rational functions. Example 3 (Araujo, Vieira and Calagua):
``v = (c - b) log(a q + 1)``, ``C = lambda q``; ``L`` stands for ``log r`` (the identities are
linear in it), and the limit ``phi(1^-)`` comes from the leading terms at ``r = 1 - u``.

Each check is :func:`exact.symbolic.prove_identity` on rational functions; sympy only
differentiates and expands.
"""

from __future__ import annotations

import sympy

from .identities import Check, prove

__all__ = ["example_1_checks", "example_2_checks", "example_3_checks", "lmr_q", "lmr_T",
           "basov_y", "EXAMPLES"]

a, b, q, c, g, y, lam, r, L, u, phi, qs = sympy.symbols("a b q c gamma y lam r L u phi qs")
ONE, ZERO = sympy.Integer(1), sympy.Integer(0)


# --- Example 1 -------------------------------------------------------------------------------

def lmr_q(region: int, a_=a, b_=b):
    """The published allocation: region 1 ``(4a - 2)/(4b + 1)``, region 2 ``(3a - 1)/(2 + 3b)``."""
    return (4 * a_ - 2) / (4 * b_ + 1) if region == 1 else (3 * a_ - 1) / (2 + 3 * b_)


def lmr_T(piece: int, q_=q):
    """The published tariff: ``q/2 - 3q^2/8`` (q <= 2/5) and ``q/3 - q^2/6 + 1/30`` (q >= 2/5)."""
    if piece == 1:
        return q_ / 2 - 3 * q_ ** 2 / 8
    return q_ / 3 - q_ ** 2 / 6 + sympy.Rational(1, 30)


def example_1_checks() -> list[Check]:
    src = "Appendix A, Example 1 (Laffont et al. 1987)"
    v = a * q - (1 + b) * q ** 2 / 2
    vq = sympy.diff(v, q)
    k = sympy.Rational(2, 5)
    out = [prove("T continuous at q = 2/5 (value 7/50)", src, lmr_T(1, k), lmr_T(2, k), ()),
           prove("T(2/5) = 7/50", src, lmr_T(1, k), sympy.Rational(7, 50), ()),
           prove("T is C^1 at q = 2/5 (slope 1/5)", src, sympy.diff(lmr_T(1), q).subs(q, k),
                 sympy.diff(lmr_T(2), q).subs(q, k), ())]
    for reg in (1, 2):
        qq = lmr_q(reg)
        out.append(prove(f"agent's first-order condition gives q (region {reg})", src,
                         vq.subs(q, qq), sympy.diff(lmr_T(reg), q).subs(q, qq), (a, b)))
        out.append(prove(f"isoquant PDE (9): q q_a + q_b = 0 (region {reg})", src,
                         -(sympy.diff(vq, b) / sympy.diff(vq, a)).subs(q, qq) * sympy.diff(qq, a)
                         + sympy.diff(qq, b), 0, (a, b)))
    # region labels: (a+2b)/(4b+1) <= 3/5  <=>  q_1 <= 2/5  <=>  a <= (3+2b)/5 (same sign)
    out.append(prove("region 1 label is q <= 2/5", src, lmr_q(1) - k,
                     4 * ((a + 2 * b) / (4 * b + 1) - sympy.Rational(3, 5)), (a, b)))
    out.append(prove("region 1 lower label is q >= 0", src, lmr_q(1),
                     4 * ((a + 2 * b) / (4 * b + 1) - sympy.Rational(1, 2)), (a, b)))
    out.append(prove("region 2 label is q >= 2/5", src, lmr_q(2) - k,
                     sympy.Rational(3, 2) * ((2 * a + b) / (2 + 3 * b) - sympy.Rational(3, 5)),
                     (a, b)))
    out.append(prove("region 2 upper label (2a+b)/(2+3b) <= 1 always on the square", src,
                     1 - (2 * a + b) / (2 + 3 * b), 2 * (1 - a + b) / (2 + 3 * b), (a, b)))
    out.append(prove("regions meet on a = (3 + 2b)/5", src, lmr_q(1, (3 + 2 * b) / 5),
                     lmr_q(2, (3 + 2 * b) / 5), (b,)))
    out.append(prove("no distortion at the top: q(1, 0) = 1", src, lmr_q(2, ONE, ZERO), 1, ()))
    out.append(prove("v_q(q(1,0), 1, 0) = 0", src, vq.subs({q: 1, a: 1, b: 0}), 0, ()))
    out.append(prove("-v_qa/v_qb = 1/q (>= 1 on Q = [0, 1])", src,
                     -sympy.diff(vq, a) / sympy.diff(vq, b), 1 / q, (q,)))
    out.append(prove("agent's problem concave (piece 1): v_qq - T'' = -(b + 1/4)", src,
                     sympy.diff(vq, q) - sympy.diff(lmr_T(1), q, 2), -(b + sympy.Rational(1, 4)),
                     (b,)))
    out.append(prove("agent's problem concave (piece 2): v_qq - T'' = -(b + 2/3)", src,
                     sympy.diff(vq, q) - sympy.diff(lmr_T(2), q, 2), -(b + sympy.Rational(2, 3)),
                     (b,)))
    return out


# --- Example 2 -------------------------------------------------------------------------------

def basov_y(region: int, a_=a, b_=b, c_=c):
    """``q^(g-1)`` of the published solution: ``(4a-2)/(4b+2c-1)`` and ``(3a-1)/(3b+2c)``."""
    return (4 * a_ - 2) / (4 * b_ + 2 * c_ - 1) if region == 1 else (3 * a_ - 1) / (3 * b_ + 2 * c_)


def example_2_checks() -> list[Check]:
    src = "Appendix A, Example 2 (Basov 2001)"
    ys = 2 / (3 + 2 * c)                                   # q*^(g-1)
    # T as a function of q with q^g = q * y (y = q^(g-1)); T'(q) in terms of y
    T1 = lambda q_, y_: q_ / 2 - (c / 2 + sympy.Rational(1, 4)) * q_ * y_ / g  # noqa: E731
    T2 = lambda q_, y_: (qs / 6 - (c / 6 + sympy.Rational(1, 4)) * qs * ys / g  # noqa: E731
                         + q_ / 3 - c * q_ * y_ / (3 * g))
    dT1 = lambda y_: sympy.Rational(1, 2) - (c / 2 + sympy.Rational(1, 4)) * y_  # noqa: E731
    dT2 = lambda y_: sympy.Rational(1, 3) - c * y_ / 3  # noqa: E731
    out = [prove("T continuous at q*", src, T1(qs, ys), T2(qs, ys), (qs, c, g)),
           prove("T is C^1 at q* (slope 1/(3 + 2c))", src, dT1(ys), dT2(ys), (c,)),
           prove("slope at q* is 1/(3 + 2c)", src, dT1(ys), 1 / (3 + 2 * c), (c,))]
    vq = lambda y_: a - (c + b) * y_  # noqa: E731   v_q = a - (c+b) q^(g-1)
    out.append(prove("first-order condition gives q (region 1)", src, vq(basov_y(1)),
                     dT1(basov_y(1)), (a, b, c)))
    out.append(prove("first-order condition gives q (region 2)", src, vq(basov_y(2)),
                     dT2(basov_y(2)), (a, b, c)))
    out.append(prove("region condition is y <= y*", src, basov_y(1) - ys,
                     4 * ((3 + 2 * c) * a - 2 * b - (2 * c + 1))
                     / ((4 * b + 2 * c - 1) * (3 + 2 * c)), (a, b, c)))
    for reg in (1, 2):
        yy = basov_y(reg)
        # q = y^(1/(g-1)): y q_a + q_b = q/((g-1) y) (y y_a + y_b), so (9) iff y y_a + y_b = 0
        out.append(prove(f"isoquant PDE (9) in y (region {reg})", src,
                         yy * sympy.diff(yy, a) + sympy.diff(yy, b), 0, (a, b, c)))
    out.append(prove("gamma = 2, c = 1 is Example 1 (region 1)", src, basov_y(1, c_=ONE),
                     lmr_q(1), (a, b)))
    out.append(prove("gamma = 2, c = 1 is Example 1 (region 2)", src, basov_y(2, c_=ONE),
                     lmr_q(2), (a, b)))
    out.append(prove("q(1, 0) = 1 when c = 1", src, basov_y(2, ONE, ZERO, ONE), 1, ()))
    return out


# --- Example 3 -------------------------------------------------------------------------------

def _DEF(r_, L_):
    D = lam * r_ * (1 - r_)
    E = lam * (1 - r_) - lam * r_ * L_ - c * r_ * (1 - r_)
    F = 2 * c * r_ * L_ + c * (1 - r_) - lam * L_
    return D, E, F


def example_3_checks() -> list[Check]:
    src = "Appendix A, Example 3 (Araujo et al. 2022)"
    D, E, F = _DEF(r, L)
    out = [prove("the equation of r_ is F(r_) = 0", src, F, (2 * c * r - lam) * L + c * (1 - r),
                 (r, L, c, lam))]
    # characteristics: a(c - b)/(a q + 1) is constant along da/db = -v_qb/v_qa = a(aq+1)/(c - b)
    v = (c - b) * sympy.log(a * q + 1)
    vq = sympy.diff(v, q)
    slope = sympy.cancel(-sympy.diff(vq, b) / sympy.diff(vq, a))
    out.append(prove("characteristic slope -v_qb/v_qa = a(aq+1)/(c-b)", src, slope,
                     a * (a * q + 1) / (c - b), (a, b, c, q)))
    inv = a * (c - b) / (a * q + 1)
    out.append(prove("a(c - b)/(aq + 1) is constant along characteristics", src,
                     sympy.diff(inv, a) * slope + sympy.diff(inv, b), 0, (a, b, c, q)))
    # through (r, 0) at level q: a(c-b)/(aq+1) = c r/(r q + 1)  <=>  q = (c-b)/(b r) - c/(a b)
    qrel = (c - b) / (b * r) - c / (a * b)
    out.append(prove("q = (c - b)/(b r) - c/(a b) on the characteristic from (r, 0)", src,
                     a * (c - b) * (r * qrel + 1) - c * r * (a * qrel + 1), 0, (a, b, c, r)))
    out.append(prove("q = 0 on b = c - c r/a (participation boundary)", src,
                     qrel.subs(b, c - c * r / a), 0, (a, c, r)))
    # phi(1^-): with r = 1 - u, D, E, F = u (d1, e1, f1) + O(u^2); the limit solves
    # d1 phi^2 + e1 phi + f1 = 0, whose positive root is c/lam - 1
    Lu = -u - u ** 2 / 2                                    # log(1 - u) to second order
    lead = []
    for P in _DEF(ONE - u, Lu):
        lead.append(sympy.expand(P).coeff(u, 1))
    out.append(prove("leading terms at r = 1: D ~ lam u", src, lead[0], lam, (lam,)))
    out.append(prove("leading terms at r = 1: E ~ (2 lam - c) u", src, lead[1], 2 * lam - c,
                     (lam, c)))
    out.append(prove("leading terms at r = 1: F ~ (lam - c) u", src, lead[2], lam - c,
                     (lam, c)))
    root = c / lam - 1
    out.append(prove("phi(1^-) = c/lam - 1 solves the limit quadratic", src,
                     lead[0] * root ** 2 + lead[1] * root + lead[2], 0, (lam, c)))
    # phi is the positive root: D phi^2 + E phi + F = 0 for phi = (-E + sqrt(E^2-4DF))/(2D)
    out.append(prove("phi solves D phi^2 + E phi + F = 0 (Vieta: product F/D)", src,
                     ((-E) ** 2 - (E ** 2 - 4 * D * F)) / (4 * D ** 2), F / D, (r, L, c, lam)))
    return out


EXAMPLES = {"example-1": example_1_checks, "example-2": example_2_checks,
            "example-3": example_3_checks}
