"""Proposition 2's derivative for every n, m, k and every F: the Leibniz rule, symbolically.

``U(phi) = sum over regions R of int_R g_R(t, phi) dt`` with ``g_x(t) = -(1/n) c_x'(F(t)) t f(t)``
(Section 3.3). Differentiating (Leibniz rule, implicit function theorem for the cut-offs):

* a cut-off ``b`` between a lower region ``A`` and an upper region ``B`` solves
  ``h = c_A(F(b)) - c_B(F(b)) = 0``, so ``b' = -d_phi h / (d_t h)`` with
  ``d_t h = (s_A - s_B) f(b)`` (``s_x = c_x'(F(b))``, free symbols: only ``s_A != s_B`` is used)
  and contributes ``(g_A(b) - g_B(b)) b'``;
* inside a region, ``d_phi g_x = -(1/n) t f d_phi c_x'``, i.e. ``t f`` on C^ic and C^aud and 0
  on C^allo, which integrates to ``int t dF`` over C^ic and C^aud.

The phi-derivatives ``d_phi c^ic = -n q``, ``d_phi c^aud = n (1 - q)``, ``d_phi c^allo = 0`` (and of
their q-derivatives) are taken by sympy from the definitions with *symbolic* ``n, m`` and the
binomial sums as undefined functions of ``q``. The sum is compared with the paper's formula
``-g1 F(g1) - g2 [1 - F(g2)] + g3 [1 - F(g3)] + int_0^g1 t dF + int_g2^g3 t dF`` by
:func:`exact.symbolic.prove_identity` (rational functions in the symbols), case by case
(Lemma 7: 2.a, 2.b with ``g1 = g2``, 3 with ``g1 = g2 = g3``). Passing A.8's ``h1 = c^allo -
c^ic`` for the case-2.b cut-off (where ``c^aud = c^ic``) gives a false identity: the notation
erratum.
"""

from __future__ import annotations

import sympy

from exact.symbolic import prove_identity

__all__ = ["LAYOUTS", "phi_partials", "leibniz_derivative", "paper_formula", "check_case"]

n, m, phi, q = sympy.symbols("n m phi q")
_Ek, _Em = sympy.Function("E_k"), sympy.Function("E_m")

#: regions bottom to top and the cut-off names between them
LAYOUTS = {"2.a": (["ic", "allo", "aud", "allo"], ["g1", "g2", "g3"]),
           "2.b": (["ic", "aud", "allo"], ["g1", "g3"]),
           "3": (["ic", "allo"], ["g1"])}


def phi_partials() -> dict:
    """``{label: (d_phi c_x, d_phi c_x')}`` from the definitions, symbolic n, m and sums."""
    c = {"ic": m - n * q * phi, "aud": _Ek(q) + n * (1 - q) * phi, "allo": _Em(q)}
    return {lab: (sympy.diff(e, phi), sympy.diff(sympy.diff(e, q), phi)) for lab, e in c.items()}


def leibniz_derivative(case: str, h_override: dict | None = None) -> sympy.Expr:
    """``dU/dphi`` by the Leibniz rule in Lemma 7's ``case``, in the module's symbols.

    ``h_override`` maps a cut-off name to the pair of labels whose difference defines it (the
    default is the two regions meeting there); A.8 uses ``("allo", "ic")`` for g1.
    """
    labels, cuts = LAYOUTS[case]
    part = phi_partials()
    total = sympy.Integer(0)
    for i, name in enumerate(cuts):
        A, B = labels[i], labels[i + 1]
        t, Fq, f = sympy.symbols(f"t_{name} F_{name} f_{name}")
        s = {lab: sympy.Symbol(f"s_{lab}_{name}") for lab in ("ic", "aud", "allo")}
        hA, hB = (h_override or {}).get(name, (A, B))
        dphi_h = (part[hA][0] - part[hB][0]).subs(q, Fq)
        dt_h = (s[hA] - s[hB]) * f
        deriv = -dphi_h / dt_h
        jump = -(s[A] - s[B]) * t * f / n
        total += jump * deriv
    for lab in labels:                                    # only C^allo repeats; its weight is 0
        weight = -part[lab][1] / n                        # d_phi g / (t f)
        total += sympy.simplify(weight) * sympy.Symbol(f"I_{lab}_region")
    return total


def paper_formula(case: str) -> sympy.Expr:
    """(10)'s ``U'``: ``-g1 F(g1) - g2 (1 - F(g2)) + g3 (1 - F(g3)) + int_0^g1 t dF +
    int_g2^g3 t dF`` with Lemma 7's identifications of ``g1, g2, g3`` in ``case``."""
    sym = {name: sympy.symbols(f"t_{name} F_{name}") for name in ("g1", "g2", "g3")}
    if case == "2.b":
        sym["g2"] = sym["g1"]
    if case == "3":
        sym["g2"] = sym["g3"] = sym["g1"]
    (t1, F1), (t2, F2), (t3, F3) = sym["g1"], sym["g2"], sym["g3"]
    I_ic = sympy.Symbol("I_ic_region")
    I_aud = sympy.Symbol("I_aud_region") if case != "3" else 0
    return -t1 * F1 - t2 * (1 - F2) + t3 * (1 - F3) + I_ic + I_aud


def check_case(case: str, h_override: dict | None = None):
    """:func:`exact.symbolic.prove_identity` of Leibniz = paper formula in ``case``."""
    lhs = leibniz_derivative(case, h_override)
    rhs = paper_formula(case)
    syms = sorted(lhs.free_symbols | rhs.free_symbols, key=str)
    return prove_identity(lhs, rhs, symbols=syms)
