"""Paper content: one package per paper (model.py, claims.py, examples.py)."""
