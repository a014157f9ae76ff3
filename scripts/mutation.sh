#!/usr/bin/env bash
# Mutation testing of exact/checker.py (every mutant) and exact/lp.py (a seeded sample) with
# mutmut 2.5.1's mutation engine, in scratch copies of the committed tree (see scripts/mutation.py).
# Usage: scripts/mutation.sh [LP_SAMPLE]    (default 150; 0 = all ~900 lp.py mutants, hours)
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -c "import mutmut" 2>/dev/null || .venv/bin/pip install -q "mutmut==2.5.1"
.venv/bin/python scripts/mutation.py exact/checker.py
.venv/bin/python scripts/mutation.py exact/lp.py --sample "${1:-150}"
