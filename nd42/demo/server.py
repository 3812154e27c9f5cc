"""Serve the demo portals on 127.0.0.1, one ephemeral port per portal, with an in-memory request log.

    python -m nd42.demo.server --today 2026-11-24 --seconds 600

prints one JSON line: ``{"urls": {id: "http://127.0.0.1:PORT"}, "hosts": {id: hostname},
"public": {id: "http://HOSTNAME:PORT"}, "resolve": ["HOSTNAME:127.0.0.1", …]}``.  A crawler reaches a
portal by its public name with ``--resolve HOSTNAME:127.0.0.1``; the port stays the ephemeral one.

Files are looked up by path + query as written in the links (percent-decoded), then by the bare path
(an unknown query is ignored); anything else is a 404 page.  ``ORIGIN`` placeholders in bodies and
redirect targets become the origin the client asked for: the ``Host`` header when it names the portal
(``HOSTNAME:PORT``) or its loopback address (``127.0.0.1:PORT``), else the loopback origin; so a
crawler using the hostname sees hostname links and a test using 127.0.0.1 sees 127.0.0.1 links.
Search endpoints (``DemoPortal.searches``) answer GET requests dynamically.  ``/__nd42_log__`` returns
the portal's request log as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import threading
import time
import urllib.parse
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from nd42.demo.common import QUERY, RESULTS, SearchEndpoint, search_fold
from nd42.demo.portals import ORIGIN, DemoPortal, build_portals

LOG_PATH = "/__nd42_log__"
HTML = "text/html; charset=utf-8"
NOT_FOUND = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>404 - Không tìm thấy trang</title>'
             "</head><body><h1>404 - Không tìm thấy trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa."
             '</p><p><a href="/">Về trang chủ</a></p></body></html>').encode()


class DemoServer(ThreadingHTTPServer):
    """One portal's server; ``log`` holds one dict per request (method, path, user_agent, time)."""

    daemon_threads = True

    def __init__(self, portal: DemoPortal, host: str) -> None:
        self.portal = portal
        self.log: list[dict[str, Any]] = []
        self.log_lock = threading.Lock()
        super().__init__((host, 0), _Handler)

    @property
    def origin(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def base_url(self) -> str:
        return self.origin

    @property
    def public_url(self) -> str:
        """The origin by the portal's public hostname (reachable through a resolver override only)."""
        return f"http://{self.portal.hostname}:{self.server_address[1]}" if self.portal.hostname else self.origin

    def origin_for(self, host_header: str | None) -> str:
        """The origin links are written with: the Host the client used, when it names this portal."""
        port = self.server_address[1]
        host = (host_header or "").strip().lower()
        known = {f"127.0.0.1:{port}", f"localhost:{port}"}
        if self.portal.hostname:
            known.add(f"{self.portal.hostname.lower()}:{port}")
        return f"http://{host}" if host in known else self.origin

    def record(self, method: str, path: str, user_agent: str) -> None:
        with self.log_lock:
            self.log.append({"method": method, "path": path, "user_agent": user_agent, "time": time.time()})

    def requests(self) -> list[dict[str, Any]]:
        with self.log_lock:
            return list(self.log)


class _Handler(BaseHTTPRequestHandler):
    server: DemoServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def version_string(self) -> str:
        return self.server.portal.server

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, *, head: bool) -> None:
        server, portal = self.server, self.server.portal
        raw = self.path
        if raw.startswith(("http://", "https://")):  # absolute-form request line (a proxy-style client)
            parts = urllib.parse.urlsplit(raw)
            raw = parts.path + (f"?{parts.query}" if parts.query else "")
        if raw == LOG_PATH:
            self._send(200, json.dumps(server.requests(), ensure_ascii=False).encode(),
                       "application/json; charset=utf-8", head=head)
            return
        server.record(self.command, raw, self.headers.get("User-Agent", ""))
        origin = server.origin_for(self.headers.get("Host"))
        bare = raw.split("?", 1)[0]
        if self.command in ("GET", "HEAD"):
            for endpoint in portal.searches:
                results = _search(endpoint, raw)
                if results is not None:
                    self._send(200, results.replace(ORIGIN, origin).encode(), HTML, head=head)
                    return
        candidates = [raw, urllib.parse.unquote(raw), bare, urllib.parse.unquote(bare)]
        for path in candidates:
            if path in portal.redirects:
                target = portal.redirects[path].replace(ORIGIN, origin)
                self._send(portal.redirect_status.get(path, 302), b"", HTML, head=head,
                           extra={"Location": target})
                return
        for path in candidates:
            if path in portal.files:
                body = portal.files[path]
                ctype = portal.content_types.get(path, HTML)
                if ctype.startswith(("text/", "application/xml", "application/json")):
                    body = body.replace(ORIGIN.encode(), origin.encode())
                self._send(200, body, ctype, head=head)
                return
        self._send(404, NOT_FOUND, HTML, head=head)

    def _send(self, status: int, body: bytes, ctype: str, *, head: bool, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in {**self.server.portal.headers, **(extra or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)


def _search(endpoint: SearchEndpoint, raw: str) -> str | None:
    """The results page when ``raw`` (path?query) is a request to ``endpoint``, else None."""
    path, _, query = raw.partition("?")
    want_path, _, want_query = endpoint.path.partition("?")
    if urllib.parse.unquote(path) != want_path:
        return None
    got = urllib.parse.parse_qs(query, keep_blank_values=True)
    for key, values in urllib.parse.parse_qs(want_query, keep_blank_values=True).items():
        if got.get(key) != values:
            return None
    words = " ".join(got.get(endpoint.param, [""])).strip()
    needle = search_fold(words)
    hits = [] if endpoint.broken or not needle else [
        (title, url) for title, url in endpoint.items if needle in search_fold(title)]
    if hits:
        rows = "".join(endpoint.row.replace("@@URL@@", escape(url, quote=True)).replace("@@TITLE@@", escape(title))
                       for title, url in hits)
        results = endpoint.wrap[0] + rows + endpoint.wrap[1]
    else:
        results = endpoint.empty
    return endpoint.shell.replace(QUERY, escape(words)).replace(RESULTS, results)


def serve(portals: dict[str, DemoPortal], host: str = "127.0.0.1") -> tuple[list[DemoServer], dict[str, str]]:
    """Start one server per portal on ``host`` (ephemeral ports) in daemon threads.

    Returns the servers (call ``shutdown()`` then ``server_close()`` on each) and ``{portal_id: base_url}``
    with no trailing slash.
    """
    servers: list[DemoServer] = []
    urls: dict[str, str] = {}
    for pid in sorted(portals):
        server = DemoServer(portals[pid], host)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                         name=f"nd42-demo-{pid}").start()
        servers.append(server)
        urls[pid] = server.origin
    return servers, urls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nd42.demo.server",
                                     description="Serve nd42's demo portals on 127.0.0.1.")
    parser.add_argument("--today", help="Vietnam-local day the portals' dates are relative to (default: today)")
    parser.add_argument("--seconds", type=float, default=600, help="serve this long, then exit (default 600)")
    args = parser.parse_args(argv)
    if args.today:
        today = dt.date.fromisoformat(args.today)
    else:
        today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    portals = build_portals(today)
    servers, urls = serve(portals)
    public = {s.portal.id: s.public_url for s in servers}
    hosts = {pid: p.hostname for pid, p in portals.items()}
    print(json.dumps({"urls": urls, "hosts": hosts, "public": public,
                      "resolve": [f"{h}:127.0.0.1" for h in sorted(set(hosts.values())) if h]}), flush=True)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            time.sleep(args.seconds)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
