"""Benchmark (not a test): certify Theorem 1's optimum on the prototype's two large instances.

The prototype solved the symmetric ex-post LP with a float-only solver in 5 s (n = 5, 6 types) and
21 s (n = 3, 12 types). Here, in one run and on the same machine, we time

* ``fast``: the certified route of :func:`proofs.verification.optimum.certify` (MWG closed form:
  witness by two exact max-flows, dual written down, exact sparse optimality check);
* ``float``: scipy's HiGHS on the same LP (sparse, floats only; the prototype's kind of answer);
* ``generic``: :func:`exact.lp.solve_lp` on the full LP (float-guided basis + exact certificate);
* ``simplex``: :func:`exact.lp.solve_lp` with ``method="exact-simplex"`` (a plain rational
  simplex), in a subprocess with a time limit (a timeout gives a lower bound on the ratio).

and print every time as a ratio to ``fast``. A second table (``--parts``) times the pieces of
the deeper checks against the baselines they replaced, in the same run:

* Lemma 5 instances: the package's exact max-flow (:mod:`proofs.verification.maxflow`) against
  ``networkx.maximum_flow`` on the same integer networks;
* the cell check of Lemmas 10-12 at (4, 2, 1): every union's gap by one ``arb_mat`` product
  against one union at a time;
* phi* of (5, 3, 2) with F = t: reduced-polynomial arithmetic in Q(w3)
  (:func:`proofs.verification.continuous.field_value`) against RealAlgebraic quotients.

Usage::

    .venv/bin/python benchmarks/bench_verification.py [--limit SECONDS] [--quick] [--parts]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time

from exact.numbers import Q


def _instances(quick: bool):
    from proofs.verification.typespace import instance
    small = ("n=4, 3 types", instance(4, 2, 1, [1, 2, 3], [Q(1, 3)] * 3))
    if quick:
        return [small]
    return [small,
            ("n=5, 6 types", instance(5, 3, 1, [1, 2, 3, 4, 5, 6], [Q(1, 6)] * 6)),
            ("n=3, 12 types", instance(3, 2, 1, list(range(1, 13)), [Q(1, 12)] * 12))]


def _float_highs(inst) -> tuple:
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    from proofs.verification.optimum import opt_lp
    lp = opt_lp(inst)
    data, ri, ci = [], [], []
    for i, row in enumerate(lp.rows):
        for j, a in row.items():
            data.append(float(a)), ri.append(i), ci.append(j)
    A = csr_matrix((data, (ri, ci)), shape=(len(lp.rows), lp.nvars))
    t = time.perf_counter()
    res = linprog(-np.array([float(c) for c in lp.c]), A_ub=A,
                  b_ub=[float(b) for b in lp.b_ub],
                  bounds=[(float(lo), float(hi)) for lo, hi in lp.bounds], method="highs")
    return time.perf_counter() - t, -res.fun


def _simplex_worker(args, out):
    from proofs.verification.optimum import solve_opt
    from proofs.verification.typespace import instance
    t = time.perf_counter()
    res = solve_opt(instance(*args), method="exact-simplex")
    out.put((time.perf_counter() - t, str(res.value)))


def _timed(fn, repeat: int = 1) -> float:
    t = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t) / repeat


def parts() -> None:
    """The deeper checks' pieces against the baselines they replaced (ratios, same run)."""
    import random

    import networkx as nx

    from proofs.verification import border, cases, cells, continuous
    from proofs.verification.generators import make_lemma_5
    from proofs.verification.maxflow import Network
    print(f"{'piece':44s} {'new [s]':>9s} {'baseline [s]':>13s} {'ratio':>7s}")
    nets = []
    for seed in range(200):
        mk = make_lemma_5(3, random.Random(seed))
        caps = []
        for t in mk.profiles():
            ft = mk.prob(t)
            caps.append((("s", ("t", t)), ft * mk.h[t]))
            caps += [((("t", t), ("a", i, t[i])), ft) for i in mk.J[t]]
        caps += [((("a", i, x), "z"), mk.f[i][x] * mk.P[i][x])
                 for i in range(mk.n) for x in range(len(mk.f[i]))]
        D = border._scale([c for _, c in caps])
        nets.append([(u, v, int(c * D)) for (u, v), c in caps])

    def ours():
        for edges in nets:
            g = Network()
            for u, v, c in edges:
                g.add(u, v, c)
            g.max_flow("s", "z")

    def theirs():
        for edges in nets:
            G = nx.DiGraph()
            for u, v, c in edges:
                G.add_edge(u, v, capacity=c)
            nx.maximum_flow_value(G, "s", "z")
    a, b = _timed(ours), _timed(theirs)
    print(f"{'Lemma 5 max-flow, 200 networks (n = 3)':44s} {a:9.3f} {b:13.3f} {b / a:6.1f}x")
    phi = cases.window_points(4, 2, 1, 1)[0]
    model = cells.CellModel(4, 2, 1, phi, 2)
    C = len(model.cells)
    unions = [frozenset(j for j in range(C) if mask >> j & 1) for mask in range(1 << C)]
    a = _timed(lambda: cells.CellModel(4, 2, 1, phi, 2).all_gaps("audit"))
    b = _timed(lambda: [model.gap("audit", E) for E in unions])
    print(f"{'cells (4,2,1), 9 cells: all 512 union gaps':44s} {a:9.3f} {b:13.3f} {b / a:6.1f}x")
    F = continuous.Power(1)
    opt = continuous.optimum(5, 3, 2, F)
    num, den = continuous._phi_of_w3(5, 3, 2, F)
    w3 = opt["w3"]
    a = _timed(lambda: continuous.field_value(w3, num, den))
    b = _timed(lambda: w3.apply(num) / w3.apply(den))
    print(f"{'phi* of (5,3,2), t: num/den at w3':44s} {a:9.3f} {b:13.3f} {b / a:6.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=120.0, help="time limit of the plain simplex")
    ap.add_argument("--quick", action="store_true", help="only the small instance")
    ap.add_argument("--parts", action="store_true", help="only the deeper checks' pieces")
    opts = ap.parse_args()
    if opts.parts:
        parts()
        return
    from proofs.verification.mwg import best_value
    from proofs.verification.optimum import certify, solve_opt
    print(f"{'instance':14s} {'fast [s]':>9s} {'float':>14s} {'generic':>16s} {'simplex':>18s}")
    for name, inst in _instances(opts.quick):
        t = time.perf_counter()
        cert = certify(inst, dense_certificate=False)
        fast = time.perf_counter() - t
        assert cert.value == best_value(inst)
        tf, vf = _float_highs(inst)
        t = time.perf_counter()
        gen = solve_opt(inst)
        tg = time.perf_counter() - t
        assert gen.value == cert.value
        q = mp.get_context("spawn").Queue()
        p = mp.get_context("spawn").Process(
            target=_simplex_worker, args=((inst.n, inst.m, inst.k, list(map(str, inst.values)),
                                           list(map(str, inst.probs))), q))
        p.start()
        p.join(opts.limit)
        if p.is_alive():
            p.terminate()
            p.join()
            simplex = f">{opts.limit:.0f}s (>{opts.limit / fast:.0f}x)"
        else:
            ts, val = q.get()
            if val != str(cert.value):
                raise SystemExit(f"{name}: exact simplex value {val} != {cert.value}")
            simplex = f"{ts:.2f}s ({ts / fast:.1f}x)"
        print(f"{name:14s} {fast:9.2f} {tf:6.2f}s ({tf / fast:4.1f}x) {tg:7.2f}s ({tg / fast:5.1f}x) "
              f"{simplex:>18s}   OPT = {cert.value} (~{float(cert.value):.6f}; float {vf:.6f}); "
              f"witness: {cert.witness_method}", flush=True)


if __name__ == "__main__":
    main()
