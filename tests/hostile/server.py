"""The hostile server: one threaded process on 127.0.0.1 serving every hostile case by host name.

Three listeners: plain HTTP, HTTPS (the certificate is picked per host from the TLS client hello's
SNI, so one port serves a valid, an expired, a self-signed and a wrong-host certificate, or refuses
the handshake) and a "HTTPS" port that answers in plain text.  A request is dispatched on its Host
header to the case whose host it names; whatever the crawler sends — every request, every TLS
connection with its SNI, every request to a host no case owns — lands in :attr:`HostileServer.log`,
which the test reads to say what was asked of whom.

The HTTP side is written on raw sockets, not ``http.server``: the cases must be able to lie about
lengths, stall, drip bytes, reset and send garbage, which a well-behaved server library won't do.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import ssl
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nd42.demo.tls import DemoPki

HEAD_CAP = 64 * 1024
SLOW_CAP = 30.0  # no handler keeps a connection longer, even if the client never hangs up
REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 403: "Forbidden", 404: "Not Found",
           429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
           504: "Gateway Timeout"}


@dataclass
class Entry:
    """One thing the server saw: an HTTP request (``path`` set) or a TLS connection (``path`` None)."""

    listener: str  # http | https | plaintext
    host: str  # the Host header (or the SNI for a TLS connection), lower case, port removed
    sni: str | None
    path: str | None
    headers: dict[str, str]
    start: float
    end: float | None = None
    conn: int = 0  # the connection it came on: a TLS handshake and the requests after it share it

    @property
    def crawl(self) -> bool:
        # Scrapy's compression middleware always asks for gzip; the probes' own GETs never do.
        return self.path is not None and "accept-encoding" in self.headers


class Request:
    """A parsed request and the socket to answer it on; the handlers' whole toolbox."""

    def __init__(self, server: HostileServer, sock: socket.socket, method: str, path: str,
                 headers: dict[str, str], listener: str) -> None:
        self.server = server
        self.sock = sock
        self.method = method
        self.path = path
        self.headers = headers
        self.listener = listener
        self.host = _host(headers.get("host", ""))

    @property
    def base(self) -> str:
        """``scheme://host:port`` of this request, as the client reached it."""
        scheme = "https" if self.listener == "https" else "http"
        port = self.server.https_port if scheme == "https" else self.server.http_port
        return f"{scheme}://{self.host}:{port}"

    @property
    def stopping(self) -> bool:
        return self.server.stopping.is_set()

    def send(self, data: bytes) -> bool:
        """Write raw bytes; False once the client has gone."""
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def head(self, status: int, headers: dict[str, str] | None = None, *, reason: str | None = None) -> bool:
        lines = [f"HTTP/1.1 {status} {reason or REASONS.get(status, 'Whatever')}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def reply(self, status: int = 200, body: bytes | str = b"", headers: dict[str, str] | None = None,
              ctype: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.head(status, {"Content-Type": ctype, "Content-Length": str(len(data)), "Connection": "close",
                           **(headers or {})})
        self.send(data)

    def redirect(self, location: str, status: int = 302) -> None:
        self.reply(status, b"", {"Location": location})

    def reset(self) -> None:
        """Close with a TCP RST instead of a FIN."""
        with contextlib.suppress(OSError):
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            self.sock.close()

    def drip(self, data: bytes, every: float, step: int = 1) -> None:
        """``data`` ``step`` bytes at a time, ``every`` seconds apart, until sent or the client leaves."""
        deadline = time.monotonic() + SLOW_CAP
        for i in range(0, len(data), step):
            if self.stopping or time.monotonic() > deadline or not self.send(data[i:i + step]):
                return
            time.sleep(every)

    def hold(self) -> None:
        """Keep the connection open, saying nothing, until the client leaves (or the cap)."""
        deadline = time.monotonic() + SLOW_CAP
        self.sock.settimeout(0.2)
        while not self.stopping and time.monotonic() < deadline:
            try:
                if not self.sock.recv(4096):
                    return
            except TimeoutError:
                continue
            except OSError:
                return


Handler = Callable[[Request], None]


def _host(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value.split("]", 1)[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


@dataclass
class Vhost:
    handler: Handler
    tls: str = "valid"  # valid | expired | self_signed | wrong_host | refuse


@dataclass
class HostileServer:
    """``hosts`` maps host names (www twins are the same case) to what they serve."""

    hosts: dict[str, Vhost]
    pki: DemoPki
    log: list[Entry] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._sni: dict[int, str | None] = {}
        self._conns = 0
        self._ctx = self._tls_context()
        self._servers: list[socketserver.ThreadingTCPServer] = []
        self.http_port = self._listen("http")
        self.https_port = self._listen("https")
        self.plaintext_port = self._listen("plaintext")

    # ------------------------------------------------------------------ plumbing
    def _listen(self, listener: str) -> int:
        owner = self

        class Handle(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                owner._connection(self.request, listener)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True
            request_queue_size = 128

        server = Server(("127.0.0.1", 0), Handle)
        self._servers.append(server)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                         name=f"hostile-{listener}").start()
        return int(server.server_address[1])

    def vhost(self, host: str) -> Vhost | None:
        host = host.lower().rstrip(".")
        return self.hosts.get(host) or self.hosts.get(host.removeprefix("www."))

    def _record(self, entry: Entry) -> Entry:
        with self._lock:
            self.log.append(entry)
        return entry

    def entries(self) -> list[Entry]:
        with self._lock:
            return list(self.log)

    def _tls_context(self) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        cert, key = self.pki.issue("valid", "hostile.test")
        ctx.load_cert_chain(str(cert), str(key))

        def pick(sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, _ctx: ssl.SSLContext) -> int | None:
            with self._lock:
                self._sni[id(sock)] = name
            vhost = self.vhost(name or "")
            kind = vhost.tls if vhost is not None else "valid"
            if kind == "refuse":
                return ssl.ALERT_DESCRIPTION_HANDSHAKE_FAILURE
            sock.context = self._host_context(kind, (name or "hostile.test").lower())
            return None

        ctx.sni_callback = pick
        return ctx

    def _host_context(self, kind: str, host: str) -> ssl.SSLContext:
        key = f"{kind}:{host}"
        with self._lock:
            ctx = self._contexts.get(key)
        if ctx is None:
            ctx = self.pki.server_context(kind, host)
            with self._lock:
                self._contexts[key] = ctx
        return ctx

    def _connection(self, sock: socket.socket, listener: str) -> None:
        sock.settimeout(10)
        with self._lock:
            self._conns += 1
            conn = self._conns
        sni = None
        try:
            if listener == "https":
                sock, sni = self._handshake(sock, conn)
            elif listener == "plaintext":
                # What a misconfigured port 443 says: an HTTP answer to a TLS client hello.
                self._record(Entry(listener, "", None, None, {}, time.monotonic(), time.monotonic(), conn))
                with contextlib.suppress(OSError):
                    sock.recv(4096)
                    sock.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            self._serve(sock, listener, sni, conn)
        except (OSError, ssl.SSLError):
            pass
        finally:
            with contextlib.suppress(OSError):
                sock.close()

    def _handshake(self, sock: socket.socket, conn: int) -> tuple[ssl.SSLSocket, str | None]:
        tls = self._ctx.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        entry = self._record(Entry("https", "", None, None, {}, time.monotonic(), None, conn))
        try:
            tls.do_handshake()
        finally:
            with self._lock:
                entry.sni = self._sni.pop(id(tls), None)
            entry.host = (entry.sni or "").lower()
            entry.end = time.monotonic()
        return tls, entry.sni

    def _serve(self, sock: socket.socket, listener: str, sni: str | None, conn: int) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                return
            data += chunk
            if len(data) > HEAD_CAP:
                return
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        request_line, *lines = head.split("\r\n")
        parts = request_line.split(" ")
        if len(parts) < 2:
            return
        headers: dict[str, str] = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        request = Request(self, sock, parts[0], parts[1], headers, listener)
        entry = self._record(Entry(listener, request.host, sni, request.path, headers, time.monotonic(), None, conn))
        try:
            vhost = self.vhost(request.host)
            if vhost is None:
                request.reply(404, "<html><body>no such host</body></html>")
            else:
                vhost.handler(request)
        except OSError:
            pass  # the client went away mid-answer: that is its right
        finally:
            entry.end = time.monotonic()

    def close(self) -> None:
        self.stopping.set()
        for server in self._servers:
            server.shutdown()
            server.server_close()


def describe(entries: list[Entry]) -> list[dict[str, Any]]:
    """The log as plain data, for assertion messages."""
    return [{"listener": e.listener, "host": e.host, "sni": e.sni, "path": e.path, "crawl": e.crawl}
            for e in entries]
