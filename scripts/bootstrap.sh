#!/usr/bin/env bash
# Create ./.venv (once) and install nd42 with its development tools into it; with --browser, also what
# the browser tests need (tests/browser/): Debian's chromium (apt, when missing and run as root) and axe-core
# pinned in tools/axe/package-lock.json (npm ci).  Playwright drives /usr/bin/chromium: it never
# downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "import nd42, crawler, rules, reports, scrapy" # fail loudly if the install did not work

# The browser tests' needs (scripts/test.sh asks for them; the demo does not).
if [ "${1:-}" != "--browser" ]; then
    exit 0
fi

# Chromium: as root on Debian/Ubuntu (CI) a failed install stops here, so the browser test cannot
# silently skip in CI; elsewhere the test skips and says why.
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "bootstrap: installing chromium (apt)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends chromium >/dev/null
    else
        echo "bootstrap: /usr/bin/chromium missing and not root with apt-get: the browser test will skip" >&2
    fi
fi

# axe-core: npm ci only when the installed tree is missing or older than the lock file (npm ci
# deletes and rebuilds node_modules, so running it every time would only cost time).
if command -v npm >/dev/null; then
    stamp=tools/axe/node_modules/.package-lock.json
    if [ ! -f "$stamp" ] || [ tools/axe/package-lock.json -nt "$stamp" ]; then
        npm ci --prefix tools/axe --no-audit --no-fund --loglevel=error
    fi
else
    echo "bootstrap: npm missing: axe-core not installed, the browser test will skip" >&2
fi
