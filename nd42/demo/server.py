"""Serve the demo portals on 127.0.0.1, one port per portal, with a request log.

    python -m nd42.demo.server --today 2026-11-24 --seconds 600   # prints {"portal": "http://127.0.0.1:PORT"}
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from nd42.demo.portals import ORIGIN, DemoPortal, build_portals

NOT_FOUND = b'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>404</title></head>' \
            b"<body><h1>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y trang</h1></body></html>"


class DemoServer(ThreadingHTTPServer):
    daemon_threads = True
    log: list[dict[str, Any]]


def _handler(portal: DemoPortal) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server: DemoServer

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.server.log.append({"method": "GET", "path": self.path, "ua": self.headers.get("User-Agent", ""),
                                    "time": time.time()})
            if self.path == "/__nd42_log__":
                self._send(200, json.dumps(self.server.log).encode(), "application/json")
                return
            if self.path in portal.redirects:
                self.send_response(302)
                self.send_header("Location", portal.redirects[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = self.path if self.path in portal.files else self.path.split("?", 1)[0]
            body = portal.files.get(path)
            if body is None:
                self._send(404, NOT_FOUND, "text/html; charset=utf-8")
                return
            origin = f"http://{self.headers.get('Host') or '127.0.0.1'}"
            self._send(200, body.replace(ORIGIN.encode(), origin.encode()),
                       portal.content_types.get(path, "text/html; charset=utf-8"))

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def serve(portals: dict[str, DemoPortal], host: str = "127.0.0.1") -> tuple[list[DemoServer], dict[str, str]]:
    servers, urls = [], {}
    for pid in sorted(portals):
        server = DemoServer((host, 0), _handler(portals[pid]))
        server.log = []
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        servers.append(server)
        urls[pid] = f"http://{host}:{server.server_address[1]}"
    return servers, urls


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve nd42's demo portals on 127.0.0.1.")
    parser.add_argument("--today", help="day the portals' dates are relative to (default: today)")
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    servers, urls = serve(build_portals(today))
    print(json.dumps(urls), flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        time.sleep(args.seconds)
    for server in servers:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
