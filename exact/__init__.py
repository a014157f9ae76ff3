"""exact: check the claims of economic-theory papers exactly.

Models are built in exact rationals (:data:`Q`, python-flint's ``fmpq``); each theorem is a
registered :func:`claim` over a finite :class:`Domain`; the engine returns a :class:`Verdict`:
``verified``, ``refuted`` (with a minimal, replayable counterexample) or ``inconclusive``.
"""

from .claims import Claim, Domain, Outcome, Verdict, claim, fails, get_claim, holds, undecided, vacuous
from .errors import (CertificateError, ExactError, InputError, InvalidInstance, ReplayError,
                     Undecided)
from .numbers import Q, parse_q

__version__ = "0.1.0"

__all__ = ["Claim", "Domain", "Outcome", "Verdict", "claim", "fails", "holds", "vacuous", "undecided", "get_claim",
           "Q", "parse_q", "ExactError", "InputError", "InvalidInstance", "CertificateError",
           "ReplayError", "Undecided", "check", "__version__"]


def check(claim_or_id, **options) -> Verdict:
    """Check a claim (object or id) and return its :class:`Verdict`; see :func:`exact.engine.check`."""
    from .engine import check as _check
    return _check(claim_or_id, **options)
