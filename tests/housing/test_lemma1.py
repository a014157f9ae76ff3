"""Lemma 1 tools: linear extensions, unanimity, the A8(b) witness, the proof's construction."""

from proofs.housing.lemma1 import (construction_cycle, dominates, grid, is_linear_extension,
                                   linear_extensions, paper_construction, unanimity_mismatch,
                                   witness_utility, utility_order)


def test_linear_extension_counts_of_the_note():
    assert [sum(1 for _ in linear_extensions(n, m)) for n, m in
            [(2, 2), (3, 2), (2, 3), (4, 2)]] == [2, 42, 48, 24024]


def test_unanimity_equals_dominance():
    assert unanimity_mismatch(3, 2) == (None, 42)


def test_witness_utility_reverses_every_non_dominated_pair():
    n, m = 3, 2
    for x in grid(n, m):
        for y in grid(n, m):
            if x != y and not dominates(x, y):
                order = utility_order(witness_utility(x, y, n), n, m)
                assert is_linear_extension(order, n, m)
                assert order.index(y) < order.index(x)


def test_papers_construction_is_intransitive_smallest_at_2_3():
    assert all(construction_cycle(e) is None for e in linear_extensions(2, 2))
    first = next(iter(linear_extensions(2, 3)))
    x, y, z = construction_cycle(first)
    below = paper_construction(first)
    assert y in below[x] and z in below[y] and x in below[z]
    # the note's n = 3, m = 2 example: u(a) = (10, 5, 0), u(b) = (8, 1, 0)
    ua, ub = (10, 5, 0), (8, 1, 0)
    order = sorted(grid(3, 2), key=lambda b: -(ua[b[0]] + ub[b[1]]))
    assert is_linear_extension(order, 3, 2)
    b = paper_construction(order)
    x, y, z = (0, 1), (1, 0), (2, 0)
    assert y in b[x] and z in b[y] and x in b[z]
