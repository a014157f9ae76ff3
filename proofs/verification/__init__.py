"""Erlanson & Kleiner, "Optimal allocations with capacity constrained verification": exact checks."""
