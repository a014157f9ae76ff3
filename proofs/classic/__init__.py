"""Classic demo: Shapley-Scarf housing markets (TTC) and random assignment (RSD and PS,
Bogomolnaia-Moulin 2001)."""
