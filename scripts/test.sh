#!/usr/bin/env bash
# Install (if needed) and run the whole test suite, plus ruff and mypy.  CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --browser
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest -n 2 -q "$@"
