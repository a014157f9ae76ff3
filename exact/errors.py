"""The one error hierarchy of ``exact``.

Every error raised on purpose by the library is an :class:`ExactError`; the command line turns
each into a one-line message and exit code 3, never a traceback.
"""

__all__ = ["ExactError", "InputError", "InvalidInstance", "CertificateError", "ReplayError",
           "UnknownClaim"]


class ExactError(Exception):
    """Base class of every error that ``exact`` raises on purpose."""


class InputError(ExactError, ValueError):
    """User data (a number, an expression, a JSON file, a CLI argument) is malformed.

    The message names the field and the offending value, e.g. ``capacities[2]: must be >= 0, got -1``.
    """

    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


class InvalidInstance(InputError):
    """A model instance (profile, market, type space) violates the model's own definition."""


class UnknownClaim(InputError):
    """No registered claim has the requested id (or prefix)."""


class CertificateError(ExactError):
    """A certificate or counterexample does not check out exactly; the message names the condition."""


class ReplayError(CertificateError):
    """A saved record cannot be replayed: it is tampered, stale, or of an unknown kind."""


class Undecided(ExactError):
    """No exact method decided the question within its budget (an exact fallback refused, out
    of rounds, an SMT timeout). Not an answer: the engine turns it, raised by a claim's check,
    into an undecided outcome (``exact.undecided(reason=str(e))``), so the verdict is
    inconclusive, never a guess and never an error."""
