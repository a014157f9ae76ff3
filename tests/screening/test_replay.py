"""Replays re-check the screening certificates against the model, without solvers."""

import copy

import pytest

from exact import get_claim
from exact.errors import CertificateError, ExactError
from proofs.screening.model import lewis_sappington, separable
from proofs.screening.solve import check_solution, optimum


def test_witness_replays_and_tampering_is_caught():
    m = lewis_sappington(3)
    w = optimum(m, "full").witness()
    assert str(check_solution(m, "full", w)[2]) == "5467/1280"
    bad = copy.deepcopy(w)
    bad["value"] = "4.21"
    with pytest.raises(CertificateError, match="value"):
        check_solution(m, "full", bad)
    bad = copy.deepcopy(w)
    bad["certificate"]["x"][0] = "2"                    # a different price for (0, 0)
    with pytest.raises(CertificateError):
        check_solution(m, "full", bad)


def test_certificate_of_another_problem_is_refused():
    m = lewis_sappington(3)
    other = optimum(lewis_sappington(3, K=3), "full").witness()
    with pytest.raises(ExactError):
        check_solution(m, "full", other)
    reduced = optimum(m, "ls-nw").witness()             # right model, wrong constraint set
    with pytest.raises(CertificateError, match="problem"):
        check_solution(m, "full", reduced)


@pytest.mark.parametrize("cid,inst", [("screening/proposition-4", separable(3)),
                                      ("screening/section-4-reduced-set", lewis_sappington(3))])
def test_counterexample_replays_and_a_changed_figure_fails(cid, inst):
    c = get_claim(cid)
    out = c.check(inst)
    assert not out.ok
    c.replay(inst, out.data)
    bad = copy.deepcopy(out.data)
    bad["delta_star"] = "1/9"
    with pytest.raises(CertificateError):
        c.replay(inst, bad)


@pytest.mark.parametrize("cid,inst", [("screening/section-4-opt", lewis_sappington(3)),
                                      ("screening/proposition-5", lewis_sappington(4)),
                                      ("screening/remark-3", {"model": "separable", "n": 3})])
def test_verified_witness_replays(cid, inst):
    c = get_claim(cid)
    out = c.check(inst)
    assert out.ok
    c.replay(inst, out.data)
    bad = copy.deepcopy(out.data)
    bad["full"]["certificate"]["problem"]["c"][0] = "7"
    with pytest.raises(CertificateError):
        c.replay(inst, bad)
