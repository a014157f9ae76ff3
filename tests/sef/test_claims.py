"""Verdicts of the sef claims at small sizes, and the errata's minimal counterexamples."""

import pytest

from exact import CertificateError, check
from exact.numbers import Q
from proofs.sef import claims  # noqa: F401  (registers)
from proofs.sef.anatomy import analyse
from proofs.sef.errata import theorem_7_uniqueness
from proofs.sef.hz import equilibria_m2, fullspace_gain, sef_prices, verify_equilibrium
from proofs.sef.instances import T7A, T7B
from proofs.sef.model import Market, induced_lottery

#: claim -> instances of its domain at size 1 (CORPUS: 2,720 markets; SEF_CORPUS: the 1,779
#: markets with an SEF of CORPUS sizes 1-2)
VERIFIED = {"sef/theorem-1": 2720, "sef/theorem-2": 2720, "sef/potential": 2720,
            "sef/theorem-3": 1779, "sef/theorem-4": 1779, "sef/theorem-4-corollaries": 1779,
            "sef/theorem-5": 1779, "sef/theorem-6": 1779, "sef/theorem-10-lottery": 1779,
            "sef/theorem-11-sne-lottery": 1779}


@pytest.mark.parametrize("cid", sorted(VERIFIED))
def test_paper_theorems_verified_on_smallest_corpus(cid):
    v = check(cid, size=1)
    assert v.kind == "verified" and v.instances == v.total == VERIFIED[cid]
    if VERIFIED[cid] == 1779:                       # built around an SEF: never vacuous
        assert v.met == v.instances


@pytest.mark.slow
@pytest.mark.parametrize("cid", ["sef/theorem-4", "sef/theorem-6"])
def test_headline_theorems_verified_on_all_default_corpora(cid):
    v = check(cid)
    assert v.kind == "verified" and v.total == v.met == 1779 + 3994 + 2645 + 3436


def test_theorem_4_witness_replays_and_tampering_is_caught():
    c = claims.theorem_4
    m = Market.of([[2, 4, 3], [0, 1, 0], [0, 1, 0], [3, 0, 2]], [1, 1, 1])
    out = c(m)
    assert out.ok and out.data["sef"] == [2, 1, 1, 0]
    c.replay(m, out.data)
    bad = dict(out.data, sef=[0, 1, 1, 2])
    with pytest.raises(CertificateError, match="sef: .* is not the SEF allocation"):
        c.replay(m, bad)


@pytest.mark.parametrize("cid, instance", [
    ("sef/theorem-7", [[0, 1], [1, 3]]),
    ("sef/theorem-7-po", [[0, 1], [1, 3]]),
    ("sef/theorem-11", [[0, 1], [1, 3]]),
    ("sef/selective", [[0, 1], [1, 2]]),
    ("sef/remark-nonincreasing-f", [[0, 1], [2, 1]]),
    ("sef/sef-iff-ef-strict", [[0, 1], [1, 2]]),
    ("sef/sne-iff-weakly-po", [[0, 1], [1, 1], [1, 3]]),
    ("sef/theorem-7-uniqueness", [[0, 1], [0, 1], [2, 3]]),
])
def test_errata_refuted_with_minimal_counterexample(cid, instance):
    v = check(cid)
    assert v.kind == "refuted" and v.known_erratum
    assert v.counterexample["instance"]["utilities"] == instance
    assert v.counterexample["instance"]["capacities"] == [1, 1]


def test_note_t7a_not_po_and_not_clearing():
    x = analyse(T7A).sef
    P = induced_lottery(T7A, x)
    assert x == (0, 0, 0) and "does not clear" in verify_equilibrium(T7A, P, sef_prices(T7A, x))
    assert fullspace_gain(T7A, P)[0] == 1


def test_note_t7b_two_equilibria():
    eqs = equilibria_m2(T7B)
    assert [h for h, _ in eqs] == [(2, 1), (3, 0)]
    P2 = ((Q(1, 3), Q(1, 6), Q(1, 2)), (Q(1, 3), Q(1, 6), Q(1, 2)), (Q(1, 3), Q(2, 3), 0))
    assert verify_equilibrium(T7B, P2, (3, 0)) is None        # the note's symmetric version
    assert not theorem_7_uniqueness(T7B).ok


def test_corrected_theorem_7_on_smallest_corpus():
    assert check("sef/theorem-7-corrected", size=1).kind == "verified"


def test_example_5_equilibrium_and_a_non_equilibrium():
    m = Market.of([[1, 0], [3, 2], [3, 2]], [1, 1])
    P = ((Q(5, 9), 0, Q(4, 9)), (Q(2, 9), Q(1, 2), Q(5, 18)), (Q(2, 9), Q(1, 2), Q(5, 18)))
    assert verify_equilibrium(m, P, (Q(9, 5), Q(6, 5))) is None
    assert verify_equilibrium(m, P, (2, 1)) is not None
    assert [h for h, _ in equilibria_m2(m)] == [(Q(9, 5), Q(6, 5))]


def test_paper_example_2_has_a_second_hz_equilibrium():
    from proofs.sef.hz import clearing_lp
    from proofs.sef.instances import EX2
    h = (1, 3, 0)
    P = clearing_lp(EX2, h)
    assert P is not None and verify_equilibrium(EX2, P, h) is None
    assert P != induced_lottery(EX2, (2, 1, 1, 0))
    assert sum(u * p for u, p in zip(EX2.u[0], P[0][:3])) == Q(10, 3)


def test_strict_oversubscription_search_claim():
    v = check("sef/hz-strict-uniqueness-search")
    assert v.kind == "verified" and v.total == 330 and v.met == 36


def test_note_witnesses_all_confirmed():
    from proofs.sef.examples import note_witnesses
    assert all(note_witnesses().values["confirmed"])


def test_nyc_erratum_minimal_at_four_agents():
    v = check("sef/nyc-neither-ef-nor-po")
    assert v.known_erratum
    assert v.counterexample["instance"]["utilities"] == [[0, 1], [0, 1], [1, 0], [2, 1]]
    assert v.counterexample["violation"]["PO"] is True


def test_theorem_6_detects_a_broken_tickets(monkeypatch):
    """Negative control: without re-entries (the NYC rule) the check must fail on NYC-6."""
    from proofs.sef import fast
    from proofs.sef.claims import theorem_6
    from proofs.sef.instances import NYC6

    def no_returns(q, n, room, row):
        c = [0] * len(q)
        for _, j in room:
            c[j] += 1
        V = fast._vals(q, row, n)
        dv = [V[j][c[j] + 1] for j in range(len(q))]
        return frozenset(tuple(sorted(room + ((row, j),))) for j in range(len(q))
                         if dv[j] == max(dv))

    assert theorem_6(NYC6).ok
    monkeypatch.setattr(fast, "_step", no_returns)
    monkeypatch.setattr("proofs.sef.claims.outcomes", fast.outcomes)
    assert not theorem_6(NYC6).ok
