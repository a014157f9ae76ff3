"""The discrete bidimensional screening problem of Section 3.1, in exact rationals.

Types sit on the grid ``X_n = {0, h, ..., 1}^2`` with ``h = 1/(n-1)`` (Section 3.1); type
``(a_i, b_j)`` has the flat index ``I = i*n + j``. The objective of problem (4) is discretised by
the product trapezoid rule, ``w(i, j) = h^2 c_i c_j`` with ``c_0 = c_{n-1} = 1/2`` and ``c_k = 1``
otherwise (the paper does not spell the weights out; footnote 5 says the integral is
discretised, not the density), times the density ``rho(a_i, b_j)``.

Every model here has the *separable* form of Remark 3,
``v(q, a, b) = -kappa q^2 + alpha(a, b) q + beta(a, b)``, so each IC constraint
``V_I - V_K >= v(q_K, theta_I) - v(q_K, theta_K)`` reads, linearly in ``(q, V)``,
``V_I - V_K - (alpha_I - alpha_K) q_K >= beta_I - beta_K``.
The principal's per-type payoff is ``-curv q_I^2 + g_I q_I + e_I - V_I`` (``v - C - V`` in
Section 2, ``v - H - V`` in Section 4): a concave quadratic (``curv > 0``: a convex QP) or linear
(``curv = 0``: an LP, then ``q`` is box-bounded).

Constructors
------------
- :func:`separable` -- ``v = (a - b) q - q^2/2``, ``C = 0`` (the note's instance refuting Prop. 4);
  ``alpha``, ``kappa``, the cost and the density can be changed.
- :func:`lewis_sappington` -- Section 4, eq. (6): ``v(p, a, b) = (alpha + a - p)(p - c0 - b) - K``,
  ``H = -Q^2/2``; here both ``v_pa`` and ``v_pb`` are positive (monotonicity in both directions).
- :func:`linear` -- ``v = alpha(a, b) q``, ``C(q) = c q``, ``0 <= q <= 1``: an LP.

Bad input (a grid size below 2, a float or otherwise non-rational parameter, a malformed density)
raises :class:`exact.InputError` naming the field.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Optional, Sequence

from exact.errors import InputError
from exact.numbers import Q, parse_q, to_jsonable

__all__ = ["Model", "grid_size", "trapezoid_weights", "parse_density", "separable",
           "lewis_sappington", "linear", "model_from_json", "index", "point", "MAX_GRID"]

#: largest grid accepted from user input (n^4 IC rows: 6.8 million at 51, 27 million at 72)
MAX_GRID = 101
#: orientations: "standard" (v_qa > 0 > v_qb, Section 2, Assumption 2: q nondecreasing in a,
#: nonincreasing in b) and "both-increasing" (Section 4: p nondecreasing in a and in b)
ORIENTATIONS = ("standard", "both-increasing")


def grid_size(n: Any, field: str = "n") -> int:
    """Validate a grid size: an int with ``2 <= n <= MAX_GRID`` (``n`` points per axis)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise InputError(field, f"the grid size must be an integer, got {n!r}")
    if n < 2:
        raise InputError(field, f"the grid needs at least 2 points per axis, got {n}")
    if n > MAX_GRID:
        raise InputError(field, f"grid size {n} exceeds the supported maximum {MAX_GRID}")
    return n


def index(n: int, i: int, j: int) -> int:
    """The flat index of grid type ``(a_i, b_j)``."""
    return i * n + j


def point(n: int, I: int) -> tuple:
    """``(i, j)`` of flat index ``I``."""
    return divmod(I, n)


def trapezoid_weights(n: int) -> list:
    """Product trapezoid weights ``w(i, j) = h^2 c_i c_j`` (flat order); they sum to 1.

    >>> [str(w) for w in trapezoid_weights(2)]
    ['1/4', '1/4', '1/4', '1/4']
    """
    n = grid_size(n)
    h = Q(1, n - 1)
    c = [Q(1, 2) if k in (0, n - 1) else Q(1) for k in range(n)]
    return [h * h * c[i] * c[j] for i in range(n) for j in range(n)]


def parse_density(density: Any, n: int, field: str = "density") -> Optional[list]:
    """``None`` for the uniform density, else the ``n x n`` table ``rho(a_i, b_j)`` flattened.

    A density is ``"uniform"``/``None`` or a list of ``n`` rows of ``n`` positive rationals
    (row ``i`` is ``a_i``, column ``j`` is ``b_j``); the paper assumes ``rho > 0`` (Section 2).
    """
    if density is None or density == "uniform":
        return None
    if isinstance(density, (str, bytes, dict)) or not hasattr(density, "__iter__"):
        raise InputError(field, f"expected 'uniform' or an {n} x {n} table of positive "
                                f"rationals, got {density!r}")
    rows = list(density)
    if len(rows) != n:
        raise InputError(field, f"has {len(rows)} rows, expected {n} (one per a_i)")
    out = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes, dict)) or not hasattr(row, "__iter__"):
            raise InputError(f"{field}[{i}]", f"expected a row of {n} numbers, got {row!r}")
        row = list(row)
        if len(row) != n:
            raise InputError(f"{field}[{i}]", f"has {len(row)} entries, expected {n}")
        for j, v in enumerate(row):
            r = parse_q(v, f"{field}[{i}][{j}]")
            if r <= 0:
                raise InputError(f"{field}[{i}][{j}]", f"a density must be positive "
                                                       f"(Section 2: rho > 0), got {r}")
            out.append(r)
    return out


@dataclasses.dataclass(frozen=True, eq=False)
class Model:
    """A separable screening model on the grid ``X_n`` (see the module docstring).

    Attributes
    ----------
    name : str
        which constructor built it (``separable``, ``lewis-sappington``, ``linear``).
    params : dict
        the constructor's parameters, exactly (JSON round trip: :meth:`to_json`).
    n : int
    orientation : {"standard", "both-increasing"}
    alpha, beta : list of fmpq
        the valuation ``v(q, theta_I) = -kappa q^2 + alpha_I q + beta_I``.
    kappa : fmpq
    curv, g, e : fmpq, list, list
        principal's payoff per type ``-curv q^2 + g_I q + e_I - V_I``.
    weight : list of fmpq
        ``w_I rho_I`` (trapezoid weight times density).
    q_lo, q_hi : fmpq or None
        bounds on the instrument (None: unbounded).
    """

    name: str
    params: dict
    n: int
    orientation: str
    alpha: tuple
    beta: tuple
    kappa: Any
    curv: Any
    g: tuple
    e: tuple
    weight: tuple
    q_lo: Any = None
    q_hi: Any = None

    @property
    def N(self) -> int:
        return self.n * self.n

    @property
    def h(self):
        return Q(1, self.n - 1)

    def coords(self, I: int) -> tuple:
        """``(a, b)`` of type ``I`` as fmpq."""
        i, j = point(self.n, I)
        return (i * self.h, j * self.h)

    def v(self, q, I: int):
        """The agent's valuation ``v(q, theta_I)``."""
        return -self.kappa * q * q + self.alpha[I] * q + self.beta[I]

    def ic_gain(self, q, I: int, K: int):
        """``v(q, theta_I) - v(q, theta_K)`` (right-hand side of (IC) for ``q = q_K``)."""
        return (self.alpha[I] - self.alpha[K]) * q + self.beta[I] - self.beta[K]

    def objective(self, q: Sequence, V: Sequence):
        """The objective of problem (4): ``sum_I w_I rho_I (-curv q_I^2 + g_I q_I + e_I - V_I)``."""
        total = Q(0)
        for I in range(self.N):
            total += self.weight[I] * (-self.curv * q[I] * q[I] + self.g[I] * q[I] + self.e[I]
                                       - V[I])
        return total

    def monotone_pairs(self) -> list:
        """The (M) constraints as pairs ``(lo, hi)`` meaning ``q_lo <= q_hi``.

        Standard orientation: ``q_{i,j} <= q_{i+1,j}`` and ``q_{i,j+1} <= q_{i,j}`` (problem (4));
        both-increasing (Section 4): ``q_{i,j} <= q_{i+1,j}`` and ``q_{i,j} <= q_{i,j+1}``.
        """
        n, out = self.n, []
        for i in range(n):
            for j in range(n):
                if i + 1 < n:
                    out.append((index(n, i, j), index(n, i + 1, j)))
                if j + 1 < n:
                    up = index(n, i, j + 1)
                    out.append((up, index(n, i, j)) if self.orientation == "standard"
                               else (index(n, i, j), up))
        return out

    def key(self) -> tuple:
        """Every number that defines the problem (hashable): equal keys, equal problems."""
        return (self.name, self.n, self.orientation, self.alpha, self.beta, self.kappa,
                self.curv, self.g, self.e, self.weight, self.q_lo, self.q_hi)

    def to_json(self) -> dict:
        return {"model": self.name, "n": self.n, **to_jsonable(self.params)}

    def with_n(self, n: int) -> "Model":
        """The same model on another grid."""
        return model_from_json({**self.to_json(), "n": n})


def _q(v: Any, field: str):
    return parse_q(v, field)


def _build(name: str, params: dict, n: int, orientation: str, alpha_fn: Callable,
           beta_fn: Callable, kappa, curv, g_fn: Callable, e_fn: Callable, density,
           q_lo=None, q_hi=None) -> Model:
    n = grid_size(n)
    rho = parse_density(density, n)
    w = trapezoid_weights(n)
    h = Q(1, n - 1)
    pts = [(i * h, j * h) for i in range(n) for j in range(n)]
    weight = tuple(w[I] * (rho[I] if rho is not None else 1) for I in range(n * n))
    if rho is not None:
        params = {**params, "density": [[rho[i * n + j] for j in range(n)] for i in range(n)]}
    return Model(name, params, n, orientation,
                 tuple(alpha_fn(a, b) for a, b in pts), tuple(beta_fn(a, b) for a, b in pts),
                 kappa, curv, tuple(g_fn(a, b) for a, b in pts), tuple(e_fn(a, b) for a, b in pts),
                 weight, q_lo, q_hi)


def separable(n: int, *, slope_a: Any = 1, slope_b: Any = 1, kappa: Any = "1/2",
              cost: Any = 0, density: Any = None) -> Model:
    """``v = (slope_a a - slope_b b) q - kappa q^2``, ``C(q) = cost q``, ``q >= 0`` (note, Section 4.7).

    With the defaults this is the note's model ``v = (a - b) q - q^2/2``, ``C = 0``, uniform, all
    IR, in which the reduced problem (4) keeps an IC violation of exactly 1/8 at n = 3.
    Assumption 2 needs ``slope_a > 0`` and ``slope_b > 0``; ``kappa > 0`` makes it a convex QP.
    """
    sa, sb = _q(slope_a, "slope_a"), _q(slope_b, "slope_b")
    k, c = _q(kappa, "kappa"), _q(cost, "cost")
    if sa <= 0 or sb <= 0:
        raise InputError("slope_a" if sa <= 0 else "slope_b",
                         "Assumption 2 (v_qa > 0 > v_qb) needs positive slopes")
    if k <= 0:
        raise InputError("kappa", f"must be positive (a strictly concave valuation), got {k}")
    params = {"slope_a": sa, "slope_b": sb, "kappa": k, "cost": c}
    return _build("separable", params, n, "standard",
                  lambda a, b: sa * a - sb * b, lambda a, b: Q(0), k, k,
                  lambda a, b: sa * a - sb * b - c, lambda a, b: Q(0), density, q_lo=Q(0))


def lewis_sappington(n: int, *, c0: Any = 1, alpha: Any = 5, K: Any = 2,
                     density: Any = None) -> Model:
    """Section 4: demand ``Q(p, a) = alpha - p + a``, cost ``C(q, b) = K + (c0 + b) q``, eq. (6).

    ``v(p, a, b) = p Q - C(Q, b) = (alpha + a - p)(p - c0 - b) - K`` and ``H(p, a) = -Q^2/2``, so
    the regulator's payoff per type is ``v - H - V = (A - c)^2/2 - (p - c)^2/2 - K - V`` with
    ``A = alpha + a``, ``c = c0 + b``; ``v = -p^2 + (alpha + c0 + a + b) p - (alpha + a)(c0 + b) - K``.
    The price ``p`` is unrestricted; all IR constraints are kept (Section 4: (*) cannot be used).
    The paper's run is ``c0 = 1, alpha = 5, K = 2, n = 51``.
    """
    c0q, aq, Kq = _q(c0, "c0"), _q(alpha, "alpha"), _q(K, "K")
    for fld, val in (("c0", c0q), ("alpha", aq), ("K", Kq)):
        if val <= 0:
            raise InputError(fld, f"Section 4: alpha, K and c0 are positive constants, got {val}")
    params = {"c0": c0q, "alpha": aq, "K": Kq}
    return _build("lewis-sappington", params, n, "both-increasing",
                  lambda a, b: aq + c0q + a + b, lambda a, b: -(aq + a) * (c0q + b) - Kq,
                  Q(1), Q(1, 2), lambda a, b: c0q + b,
                  lambda a, b: (aq + a - c0q - b) ** 2 / 2 - (c0q + b) ** 2 / 2 - Kq, density)


def linear(n: int, *, slope_a: Any = 1, slope_b: Any = 1, cost: Any = "1/2",
           density: Any = None) -> Model:
    """``v = (slope_a a - slope_b b) q``, ``C(q) = cost q``, ``0 <= q <= 1``: an LP (Remark 3, psi = 0)."""
    sa, sb, c = _q(slope_a, "slope_a"), _q(slope_b, "slope_b"), _q(cost, "cost")
    if sa <= 0 or sb <= 0:
        raise InputError("slope_a" if sa <= 0 else "slope_b",
                         "Assumption 2 (v_qa > 0 > v_qb) needs positive slopes")
    params = {"slope_a": sa, "slope_b": sb, "cost": c}
    return _build("linear", params, n, "standard", lambda a, b: sa * a - sb * b,
                  lambda a, b: Q(0), Q(0), Q(0), lambda a, b: sa * a - sb * b - c,
                  lambda a, b: Q(0), density, q_lo=Q(0), q_hi=Q(1))


_CONSTRUCTORS = {"separable": separable, "lewis-sappington": lewis_sappington, "linear": linear}


def model_from_json(data: Any) -> Model:
    """Rebuild a model from :meth:`Model.to_json`, validating every field strictly."""
    if not isinstance(data, dict):
        raise InputError("model", f"expected an object with 'model' and 'n', got {data!r}")
    name = data.get("model")
    if not isinstance(name, str) or name not in _CONSTRUCTORS:
        raise InputError("model", f"unknown model {name!r}; expected one of "
                                  f"{sorted(_CONSTRUCTORS)}")
    if "n" not in data:
        raise InputError("n", "missing grid size")
    import inspect
    allowed = set(inspect.signature(_CONSTRUCTORS[name]).parameters) - {"n"}
    extra = sorted(set(data) - allowed - {"model", "n"})
    if extra:
        raise InputError(extra[0], f"not a parameter of the {name} model "
                                   f"(expected {sorted(allowed)})")
    kwargs = {k: v for k, v in data.items() if k in allowed}
    return _CONSTRUCTORS[name](data["n"], **kwargs)
