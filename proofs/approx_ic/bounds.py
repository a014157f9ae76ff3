"""A certified geometric tail bound on ``epsilon*(n)`` for Theorem 1's setting, valid for every n.

From identity G (:mod:`.gains`), for a player of any type ``u`` in ``U`` with signal ``s``
reporting ``t``, whatever the composition of the other players and whatever selection ``sigma``::

    gain <= Ubar * sum_{w < w'} |l(w) - l(w')| / min l * sqrt(pi(s)(w) pi(s)(w')) * BC_{ww'}^(n-1)

where ``Ubar = max_{u, a} (max_w u(a, w) - min_w u(a, w)) / 2``, ``l(w) = nu(t | w) / nu(s | w)``
and ``BC_{ww'} = sum_x sqrt(nu(x | w) nu(x | w'))`` is the Bhattacharyya coefficient (``< 1`` by
identifiability). Proof: ``pi(c + t)`` is ``p = pi(c + s)`` reweighted by ``l``, so
``||p - pi(c + t)||_1 <= 2 sum_{w<w'} p(w) p(w') |l(w) - l(w')| / min l``; ``p(w) p(w') <=
sqrt(p(w) p(w')) / 2``; ``|<d, u>| <= ||d||_1 Ubar`` when ``sum d = 0``; and
``sum_c P(c | s) sqrt(p_c(w) p_c(w')) = sqrt(pi(s)(w) pi(s)(w')) BC_{ww'}^(n-1)`` by the
multinomial theorem. Hence ``epsilon*`` decays geometrically and ``n = O(log 1/epsilon)`` players
suffice; condition (1) and the tie rule play no role.

Square roots are replaced by rational *upper* bounds (:func:`sqrt_upper`), so every comparison
with the bound is exact and the bound stays valid.

Examples
--------
>>> from proofs.approx_ic.families import BINARY, INVEST
>>> b = tail_bound(BINARY.with_types([INVEST]))
>>> float(b.ratio) > 0.9428 and b.ratio < 1      # 2 sqrt(2) / 3 = 0.94280904...
True
>>> b.threshold(Q(1, 10))
53
"""

from __future__ import annotations

import dataclasses
import functools
import math

from exact.numbers import Q

from .model import Setting

__all__ = ["sqrt_upper", "bhattacharyya_upper", "TailBound", "tail_bound", "utility_half_span",
           "DIGITS"]

#: decimal digits of the rational upper bounds of square roots
DIGITS = 30


def sqrt_upper(x: Q, digits: int = DIGITS) -> Q:
    """A rational ``r >= sqrt(x)`` with ``r - sqrt(x) <= 10^-digits`` (exact when ``x`` is a square).

    >>> sqrt_upper(Q(4, 9)), sqrt_upper(Q(2), 3)
    (2/3, 283/200)
    """
    x = Q(x)
    if x < 0:
        raise ValueError("sqrt of a negative number")
    p, q = int(x.p), int(x.q)
    rp, rq = math.isqrt(p), math.isqrt(q)
    if rp * rp == p and rq * rq == q:
        return Q(rp, rq)
    D = 10 ** digits
    r = math.isqrt(p * q * D * D)
    if r * r != p * q * D * D:
        r += 1
    return Q(r, q * D)


def bhattacharyya_upper(st: Setting, w: int, v: int) -> Q:
    """A rational upper bound of ``BC_{wv} = sum_x sqrt(nu(x | w) nu(x | v))``."""
    return sum((sqrt_upper(st.nu[w][x] * st.nu[v][x]) for x in range(st.signals)), Q(0))


def utility_half_span(st: Setting) -> Q:
    """``Ubar = max_{u, a} (max_w u(a, w) - min_w u(a, w)) / 2``."""
    return max(max(row) - min(row) for u in st.types for row in u) / 2


@dataclasses.dataclass(frozen=True)
class TailBound:
    """``B(n) = max_{s != t} sum_{(w, w')} coef[(s, t)][(w, w')] * bc[(w, w')]^(n-1)`` (exact)."""

    coef: dict
    bc: dict

    @property
    def ratio(self) -> Q:
        """The slowest geometric ratio ``max BC`` (upper bound)."""
        return max(self.bc.values())

    def at(self, n: int) -> Q:
        """``B(n)``, an upper bound of ``epsilon*`` for every composition of ``n >= 1`` players."""
        return max(sum((c * self.bc[pair] ** (n - 1) for pair, c in terms.items()), Q(0))
                   for terms in self.coef.values())

    def threshold(self, eps: Q, start: int = 1) -> int:
        """The least ``n >= start`` with ``B(n) <= eps``; ``B`` decreases, so it holds beyond."""
        if eps <= 0:
            raise ValueError("epsilon > 0")
        # the float only guesses a starting point; the answer is decided exactly below
        n = max(start, 1)
        lo_guess = self._guess(eps)
        if lo_guess > n and self.at(lo_guess - 1) > eps:
            n = lo_guess - 1
        while self.at(n) > eps:
            n += 1
        return n

    def _guess(self, eps: Q) -> int:
        total = float(sum(max(t.values()) for t in self.coef.values()))
        r = float(self.ratio)
        if total <= float(eps) or r <= 0:
            return 1
        return max(1, int(math.log(total / float(eps)) / -math.log(r)) - 2)


@functools.lru_cache(maxsize=128)
def tail_bound(st: Setting) -> TailBound:
    """The certified bound of the module docstring for the setting ``st`` (all compositions)."""
    W, X = st.states, st.signals
    bc = {(w, v): bhattacharyya_upper(st, w, v) for w in range(W) for v in range(w + 1, W)}
    if any(b >= 1 for b in bc.values()):
        raise ValueError("Bhattacharyya bound >= 1: the signal law is not identifiable")
    ubar = utility_half_span(st)
    P = [sum((st.prior[w] * st.nu[w][s] for w in range(W)), Q(0)) for s in range(X)]
    coef = {}
    for s in range(X):
        post = [st.prior[w] * st.nu[w][s] / P[s] for w in range(W)]
        for t in range(X):
            if s == t:
                continue
            ell = [st.nu[w][t] / st.nu[w][s] for w in range(W)]
            lmin = min(ell)
            coef[(s, t)] = {pair: ubar * abs(ell[pair[0]] - ell[pair[1]]) / lmin
                            * sqrt_upper(post[pair[0]] * post[pair[1]]) for pair in bc}
    return TailBound(coef, bc)
