"""G. Caspari, "A market design solution for multi-category housing allocation problems" (2023)."""
