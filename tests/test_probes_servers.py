"""Loopback servers for the probe tests (imported by the other tests/test_probes*.py), and their own checks.

* :class:`Site` — a threaded HTTP server, optionally TLS (a context from :class:`DemoPki`), on
  127.0.0.1 or ::1, answering fixed routes and counting what it was asked;
* :func:`reset_server` (accepts, then resets), :func:`silent_server` (accepts, never answers),
  :func:`refused_port` (nothing listens).
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import socketserver
import ssl
import struct
import threading
from collections.abc import Iterator
from typing import Any

import pytest

Route = tuple[int, dict[str, str], bytes]  # status, headers, body
_COUNT = threading.Lock()
PAGE = "<html><head><title>Sở Khoa học và Công nghệ</title></head><body>Trang chủ</body></html>".encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.seen.append({"path": self.path, "host": self.headers.get("Host"),
                                 "user_agent": self.headers.get("User-Agent")})
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    context: ssl.SSLContext | None = None
    routes: dict[str, Route]
    seen: list[dict[str, Any]]
    handshakes: int = 0
    active: int = 0
    max_active: int = 0  # the most connections open at once: probes must keep this at 1
    connections: int = 0

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with _COUNT:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            self.connections += 1
        try:
            super().process_request_thread(request, client_address)
        finally:
            with _COUNT:
                self.active -= 1

    def finish_request(self, request: Any, client_address: Any) -> None:
        # Handshake in the connection's own thread: a client that stalls blocks nobody else.
        if self.context is not None:
            try:
                request.settimeout(5)
                request = self.context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
            finally:
                self.handshakes += 1
        with contextlib.suppress(OSError):
            super().finish_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up after the handshake are the point of several tests


class _Server6(_Server):
    address_family = socket.AF_INET6


class Site:
    """``with Site(routes, context=ctx) as site: site.url("/")``."""

    def __init__(self, routes: dict[str, Route] | None = None, *, context: ssl.SSLContext | None = None,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        cls = _Server6 if ":" in host else _Server
        self.server = cls((host, port), _Handler)
        self.server.routes = routes if routes is not None else {"/": (200, {}, PAGE)}
        self.server.seen = []
        self.server.context = context
        self.host = host
        self.port = int(self.server.server_address[1])
        self.scheme = "https" if context is not None else "http"

    def url(self, path: str = "/", host: str | None = None) -> str:
        name = host or (f"[{self.host}]" if ":" in self.host else self.host)
        return f"{self.scheme}://{name}:{self.port}{path}"

    @property
    def seen(self) -> list[dict[str, Any]]:
        return self.server.seen

    @property
    def handshakes(self) -> int:
        return self.server.handshakes

    @property
    def max_active(self) -> int:
        return self.server.max_active

    @property
    def connections(self) -> int:
        return self.server.connections

    def __enter__(self) -> Site:
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def _acceptor(behave: str) -> Iterator[int]:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    port = listener.getsockname()[1]
    stop = threading.Event()
    held: list[socket.socket] = []

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if behave == "reset":
                with contextlib.suppress(OSError):
                    conn.recv(1024)
                # SO_LINGER with a zero timeout: close() sends a RST instead of a FIN.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()
            elif behave == "garbage":
                with contextlib.suppress(OSError):
                    conn.recv(1024)
                    conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\n" * 20)
                conn.close()
            else:
                held.append(conn)  # silent: keep it open, say nothing

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        stop.set()
        thread.join(2)
        listener.close()
        for conn in held:
            conn.close()


def reset_server() -> contextlib.AbstractContextManager[int]:
    return _acceptor("reset")


def silent_server() -> contextlib.AbstractContextManager[int]:
    return _acceptor("silent")


def garbage_server() -> contextlib.AbstractContextManager[int]:
    """Answers a ClientHello with bytes that are no TLS record: a handshake failure."""
    return _acceptor("garbage")


def refused_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------------------------------- own checks
def test_site_serves_routes_and_records_requests() -> None:
    import urllib.request

    with Site({"/": (200, {"X-Test": "1"}, PAGE)}) as site:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(site.url("/"), timeout=5) as response:
            assert response.status == 200 and response.headers["X-Test"] == "1"
        assert site.seen[0]["path"] == "/"


def test_acceptors_behave_as_named() -> None:
    with reset_server() as port, socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"hello")
        with pytest.raises(ConnectionResetError):
            sock.recv(10)
            sock.recv(10)
    with silent_server() as port, socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock, \
            pytest.raises(TimeoutError):
        sock.recv(10)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", refused_port()), timeout=2)
