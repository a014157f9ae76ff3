"""Classic demo: Shapley-Scarf housing markets (TTC) and random assignment (RSD vs PS, Bogomolnaia-Moulin 2001)."""
