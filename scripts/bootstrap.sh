#!/usr/bin/env bash
# Create ./.venv (once) and install nd42 with its development tools into it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "import nd42, crawler, rules, reports, scrapy" # fail loudly if the install did not work
