"""Wang, Ma & Zhang, "Stable and envy-free lottery allocations for affordable housing" (2023)."""
