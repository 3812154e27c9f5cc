"""Run axe-core in Debian's headless Chromium (through Playwright) on pages served on 127.0.0.1.

What the browser test needs is installed by ``scripts/bootstrap.sh``: the apt package
``chromium`` (``/usr/bin/chromium``) and axe-core pinned in ``tools/axe/package-lock.json``
(``npm ci``).  Playwright only drives that binary (``executable_path``): it never downloads a
browser.  :func:`missing` says why the test cannot run, and whether that is a reason to skip
(nothing could install it here) or a failure (bootstrap should have installed it).
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_DIR = ROOT / "tools" / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The axe rules that overlap the AC rules (td-has-header is experimental: runOnly enables it).
AXE_RULES = ("html-has-lang", "html-lang-valid", "document-title", "image-alt", "label", "select-name", "link-name",
             "marquee", "blink", "frame-title", "heading-order", "td-has-header")


def pinned_axe_version() -> str:
    lock = json.loads((AXE_DIR / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/axe-core"]["version"])


def missing() -> tuple[str, bool] | None:
    """``(why, skip)`` when the browser test cannot run; ``skip`` False means bootstrap should have fixed it."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]', scripts/bootstrap.sh)", False
    if not CHROMIUM.is_file():
        can_install = os.geteuid() == 0 and shutil.which("apt-get") is not None
        return (f"{CHROMIUM} missing; scripts/bootstrap.sh installs the apt package chromium "
                + ("(run it)" if can_install else "only as root with apt-get, which this machine lacks")), \
            not can_install
    if not AXE_JS.is_file():
        has_npm = shutil.which("npm") is not None
        return (f"{AXE_JS} missing; scripts/bootstrap.sh installs it with npm ci "
                + ("(run it)" if has_npm else "but npm is not installed")), not has_npm
    return None


@contextmanager
def serve(pages: Mapping[str, str]) -> Iterator[str]:
    """Serve ``pages`` (name → HTML) at ``http://127.0.0.1:<port>/<name>``; yields the base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            name = urlsplit(self.path).path.strip("/")
            if name in pages:
                body, status, ctype = pages[name].encode("utf-8"), 200, "text/html; charset=utf-8"
            else:  # images and frames the pages name: nothing is there, as on a page with broken images
                body, status, ctype = b"not found", 404, "text/plain; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # the test output stays quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


_RUN = """async (rules) => {
  const r = await axe.run(document, {runOnly: {type: 'rule', values: rules}, iframes: false,
                                     resultTypes: ['violations']});
  return {version: axe.version,
          violations: Object.fromEntries(r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))])),
          inapplicable: r.inapplicable.map(x => x.id)};
}"""


def run_axe(base: str, names: list[str]) -> dict[str, dict[str, Any]]:
    """axe-core's results for each page: ``{name: {version, violations: {rule: [targets]}, inapplicable}}``.

    One browser launch for every page; a new empty profile directory; requests to anything but
    the loopback server are aborted (the pages name none, this makes sure).
    """
    from playwright.sync_api import Route, sync_playwright

    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    host = urlsplit(base).netloc

    def only_loopback(route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("http", "https") and url.netloc != host:
            route.abort()
        else:
            route.continue_()

    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="nd42-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            context.route("**/*", only_loopback)
            context.add_init_script(path=str(AXE_JS))
            page = context.new_page()
            for name in names:
                page.goto(base + name, wait_until="load")
                out[name] = page.evaluate(_RUN, list(AXE_RULES))
        finally:
            context.close()
    return out
