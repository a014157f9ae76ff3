"""The paper's markets (0-based pools; the paper's C_1 is pool 0) and the note's witnesses."""

from __future__ import annotations

from .model import Market

__all__ = ["NYC6", "PS2", "EX1", "EX2", "EX3", "EX4", "EX5", "T7A", "T7B", "C3D", "C9T",
           "TRADE_MARKETS", "EX6_PREFS", "EX6_TABLE4"]

NYC6 = Market.of([[2, 3], [2, 3], [0, 5], [0, 5], [0, 5], [0, 5]], [1, 1])   # Section 3.1
PS2 = Market.of([[2, 3], [2, 3]], [1, 1])                                     # Section 3.1
EX1 = PS2                                                                     # Example 1
EX2 = Market.of([[2, 4, 3], [0, 1, 0], [0, 1, 0], [3, 0, 2]], [1, 1, 1])      # Example 2
EX3 = Market.of([[12, 7], [12, 7], [12, 7], [5, 2]], [1, 1])                  # Example 3
EX4 = Market.of([[2, 3], [3, 2]], [1, 1])                                     # Example 4
EX5 = Market.of([[1, 0], [3, 2], [3, 2]], [1, 1])                             # Example 5
T7A = Market.of([[4, 1], [4, 1], [4, 1]], [1, 1])                             # note T7-a / C10b
T7B = Market.of([[4, 0], [6, 0], [3, 2]], [1, 1])                             # note T7-b
C3D = Market.of([[5, 4, 1], [7, 1, 5], [4, 1, 7]], [1, 1, 1])                 # note C3(d)
#: note C9: tie-free, yet a Tickets outcome is blocked by agents 2 and 4 swapping
C9T = Market.of([[109, 810, 917], [482, 277, 521], [774, 79, 863], [205, 41, 163]], [1, 1, 2])

#: markets with a Tickets outcome that a same-count trade makes every mover strictly better
#: off (the premise (9.11) of Lemmas 1-2 without an SEF): note C9's market and the first ten
#: found by :func:`proofs.sef.lemmas.trade_search` (seed 1; no exhaustive block of n <= 4
#: agents with utilities <= 3 (m = 2) or <= 2 (m = 3) has one)
TRADE_MARKETS = (C9T,) + tuple(Market.of(u, q) for u, q in [
    ([[9, 10, 4], [20, 15, 8], [7, 14, 11], [1, 20, 12]], [1, 2, 1]),
    ([[2, 4, 2], [0, 6, 4], [2, 5, 1], [0, 3, 1]], [2, 1, 1]),
    ([[2, 4, 5], [2, 2, 0], [1, 6, 2], [0, 6, 4]], [1, 2, 1]),
    ([[5, 1, 4], [4, 3, 4], [5, 2, 6], [5, 5, 3]], [2, 1, 1]),
    ([[1, 6, 5], [5, 6, 2], [5, 6, 3], [1, 4, 5]], [2, 2, 1]),
    ([[5, 0, 4], [1, 0, 6], [3, 3, 3], [4, 0, 6]], [1, 2, 2]),
    ([[0, 4, 5], [2, 4, 2], [3, 4, 4], [5, 6, 5]], [1, 2, 1]),
    ([[5, 1, 6], [3, 6, 5], [3, 1, 4], [2, 4, 5]], [1, 1, 2]),
    ([[10, 5, 4], [7, 4, 6], [10, 7, 4], [8, 9, 2]], [2, 1, 2]),
    ([[9, 9, 12], [4, 13, 11], [9, 5, 18], [8, 6, 8]], [2, 1, 2]),
])

#: Example 6, the note's reconstruction of the lost Table 3: player -> ((pool, count), ...) for
#: ranks 5, 4, 3, 2, 1 (unlisted pairs are worth 0)
EX6_PREFS = (
    ((2, 1), (1, 1), (1, 2), (2, 2), (0, 1)),
    ((0, 1), (2, 1), (2, 2), (0, 2), (1, 1)),
    ((1, 1), (0, 1), (0, 2), (1, 2), (2, 1)),
)

#: Table 4 as printed: (A1, A2, A3) -> payoffs
EX6_TABLE4 = {}
_panels = {
    0: [[(0, 0, 0), (0, 1, 3), (0, 4, 3)], [(4, 2, 3), (2, 0, 4), (4, 4, 4)],
        [(5, 2, 3), (3, 0, 4), (2, 3, 4)]],
    1: [[(0, 2, 5), (1, 0, 2), (1, 4, 5)], [(3, 5, 2), (0, 0, 0), (3, 4, 2)],
        [(5, 5, 5), (1, 3, 1), (2, 3, 5)]],
    2: [[(0, 2, 1), (1, 1, 1), (1, 3, 0)], [(4, 5, 1), (3, 0, 1), (4, 3, 0)],
        [(2, 5, 0), (2, 1, 0), (0, 0, 0)]],
}
for _s3, _rows in _panels.items():
    for _s1, _row in enumerate(_rows):
        for _s2, _cell in enumerate(_row):
            EX6_TABLE4[(_s1, _s2, _s3)] = _cell
