"""Bad input gets a clear error naming the field."""

import pytest

from exact.errors import InputError
from proofs.verification.domains import DiscreteDomain, PhiGridDomain
from proofs.verification.typespace import Instance, distribution, instance, power


@pytest.mark.parametrize("args,field", [
    ((3, 2, 2, [1], [1]), "k"),
    ((3, 3, 1, [1], [1]), "m"),
    ((3, 4, 1, [1], [1]), "m"),
    ((3, 2, -1, [1], [1]), "k"),
    ((3, 2, 1, [1, 2], ["1/2", "1/3"]), "probabilities"),
    ((3, 2, 1, [1, 2], ["1/2", 0.5]), "probabilities[1]"),
    ((3, 2, 1, [1, 2], ["1", "0"]), "probabilities[1]"),
    ((3, 2, 1, [2, 1], ["1/2", "1/2"]), "values[1]"),
    ((3, 2, 1, ["-1", 1], ["1/2", "1/2"]), "values[0]"),
    ((3, 2, 1, [1, 2], ["1"]), "probabilities"),
    ((3, "2", 1, [1], [1]), "m"),
])
def test_instance_errors_name_the_field(args, field):
    with pytest.raises(InputError) as exc:
        instance(*args)
    assert exc.value.field == field


@pytest.mark.parametrize("text,problem", [
    ("t^2/2", "F(1) = 1/2"),
    ("1 - t", "F(0) = 1"),
    ("2*t^2 - t", "decreases"),
    ("t + x", "unknown name"),
    ("__import__('os')", "unknown function"),
])
def test_distribution_errors(text, problem):
    with pytest.raises(InputError) as exc:
        distribution(text)
    assert problem in str(exc.value)


def test_valid_distributions_and_power():
    assert str(distribution("3*t^2 - 2*t^3").cdf) == "-2*t**3 + 3*t**2"
    assert str(power("1/2").cdf) == "sqrt(t)"
    with pytest.raises(InputError, match="a: the power must be positive"):
        power("-1")


def test_instance_json_round_trip_and_strict_decoding():
    inst = instance(4, 3, 2, ["0", "1/2", "1"], ["1/3"] * 3)
    assert Instance.from_json(inst.to_json()) == inst
    with pytest.raises(InputError, match="k: need k < m"):
        DiscreteDomain((3,)).from_json({**inst.to_json(), "k": 3})
    with pytest.raises(InputError, match="phi: must lie in"):
        PhiGridDomain((3,)).from_json({"n": 3, "m": 2, "k": 1, "phi": "1"})
