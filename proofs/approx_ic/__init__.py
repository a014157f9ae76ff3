"""P. Basu, "Optimal Mechanism Design with Approximate Incentive Compatibility and Many Players"."""
