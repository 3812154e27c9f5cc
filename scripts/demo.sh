#!/usr/bin/env bash
# Install (if needed) and run nd42 on the bundled demo portals, served on 127.0.0.1 (no internet).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
.venv/bin/nd42 demo --out nd42-demo "$@"
