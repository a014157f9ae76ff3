"""The docstring examples of the approx_ic modules run and hold."""

import doctest
import importlib

import pytest

MODULES = ["model", "beliefs", "mechanism", "gains", "counts", "lps", "condition", "bounds",
           "proof", "thresholds", "extraction"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"proofs.approx_ic.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 1
