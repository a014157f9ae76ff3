"""Exact symbolic identities (placeholder while being written)."""
from .parse import parse_expression
__all__ = ["parse_expression"]
