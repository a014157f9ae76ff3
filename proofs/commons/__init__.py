"""Flåm, "Golden Rule in Cooperative Commons": the first-order conditions, the golden rule and the errata, exactly."""
