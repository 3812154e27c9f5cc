"""Serve the demo portals on loopback: HTTP and HTTPS endpoints, IPv6 twins, a DNS server, a local CA.

    python -m nd42.demo.server --today 2026-11-24 --seconds 600

prints one JSON line (see :meth:`DemoNetwork.info`): ``urls`` (each portal's base URL on
127.0.0.1, ``https://`` where the portal is served over HTTPS), ``hosts``, ``public`` (the same by
host name), ``endpoints`` (``{"http": …, "https": …}`` by host name, what the network probes
try), ``resolve`` (``HOSTNAME:127.0.0.1`` for ``--resolve``), ``dns_server`` (``HOST:PORT`` for
``--dns-server``), ``ca_file`` (the demo CA for ``--ca-file``) and ``env`` (IPv6 loopback, legacy
TLS on this machine).  Ports are ephemeral; a crawler reaches a portal by its public name with
``--resolve``.

Each portal (its :class:`~nd42.demo.common.Net`) gets a plain-HTTP listener that serves it or
answers 301 to HTTPS; an HTTPS listener presenting a certificate of its kind from
:class:`~nd42.demo.tls.DemoPki` (validity relative to the demo clock), or a port that refuses
connections; and, where its DNS record has an AAAA, listeners on ``[::1]`` at the same ports
serving the same portal, a default server page, or refusing.  Without an IPv6 loopback on the
machine the ``[::1]`` listeners are left out (the truth says so: :mod:`nd42.demo.network`).

Files are looked up by path + query as written in the links (percent-decoded), then by the bare path
(an unknown query is ignored); anything else is a 404 page.  ``ORIGIN`` placeholders in bodies and
redirect targets become the origin the client asked for: the ``Host`` header when it names the portal
(``HOSTNAME:PORT``) or a loopback address, else the loopback origin; so a crawler using the hostname
sees hostname links and a test using 127.0.0.1 sees 127.0.0.1 links.  Search endpoints
(``DemoPortal.searches``) answer GET requests dynamically.  ``/__nd42_log__`` returns the portal's
request log (every listener's) as JSON.

Nights (issue 5): :meth:`DemoNetwork.switch` serves another night of the same portals (``build_portals(day,
night=2)``) on the running listeners: same ports, same DNS zone, same CA; a certificate whose kind changed
is issued again from the same CA.  ``--night N`` starts with night N; ``SIGUSR1`` switches a running
server to the other night and prints ``{"night": N, …}`` on a line of its own.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import email.utils
import gzip
import hashlib
import json
import signal
import socket
import socketserver
import ssl
import threading
import time
import urllib.parse
import warnings
from collections.abc import Callable, Mapping
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from nd42.demo.common import QUERY, RESULTS, VN_TZ, Net, SearchEndpoint, search_fold
from nd42.demo.dnsserver import DnsServer
from nd42.demo.network import environment, zone
from nd42.demo.portals import NIGHTS, ORIGIN, DemoPortal, build_portals
from nd42.demo.tls import DemoPki

LOG_PATH = "/__nd42_log__"
HTML = "text/html; charset=utf-8"
NOT_FOUND = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>404 - Không tìm thấy trang</title>'
             "</head><body><h1>404 - Không tìm thấy trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa."
             '</p><p><a href="/">Về trang chủ</a></p></body></html>').encode()
# What a web server shows on an address no site is configured for (the IPv6 listener of a portal
# whose virtual host was set up for IPv4 only).
DEFAULT_PAGE = (b'<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1>'
                b"<p>The web server works, but no site is configured for this address.</p></body></html>")
LOOPBACKS = ("127.0.0.1", "localhost", "[::1]")
_COMPRESSIBLE = ("text/", "application/xml", "application/json", "application/rss+xml", "application/atom+xml")
_PAIR_ATTEMPTS = 50


class PortalLog:
    """One portal's requests, whichever listener (scheme, address family) they reached."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []

    def record(self, method: str, path: str, user_agent: str, scheme: str, address: str) -> None:
        with self._lock:
            self._entries.append({"method": method, "path": path, "user_agent": user_agent, "time": time.time(),
                                  "scheme": scheme, "address": address})

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entries)


class DemoServer(ThreadingHTTPServer):
    """One listener of a portal: ``scheme`` http or https (``tls`` context), ``mode`` what it answers.

    ``site`` serves the portal, ``redirect`` answers 301 to the same path on ``https_port``,
    ``default`` a web server's default page for every path.  ``log`` holds one dict per request.
    """

    daemon_threads = True

    def __init__(self, portal: DemoPortal, host: str, *, port: int = 0, scheme: str = "http", mode: str = "site",
                 tls: ssl.SSLContext | None = None, https_port: int | None = None, log: PortalLog | None = None
                 ) -> None:
        self.portal, self.scheme, self.mode, self.tls, self.https_port = portal, scheme, mode, tls, https_port
        self.portal_log = log or PortalLog()
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), _Handler)

    def switch(self, portal: DemoPortal, tls: ssl.SSLContext | None = None) -> None:
        """Serve ``portal`` (another night of the same portal) from now on; ``tls``: a new certificate.

        Each request reads the portal once, so a request in flight finishes with the night it started on.
        """
        if portal.id != self.portal.id:
            raise ValueError(f"a listener of {self.portal.id} cannot serve {portal.id}")
        if tls is not None:
            self.tls = tls
        self.portal = portal

    def server_bind(self) -> None:
        if self.address_family == socket.AF_INET6:
            # ::1 only: the IPv4 twin of the listener is another socket on 127.0.0.1.
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        socketserver.TCPServer.server_bind(self)
        # HTTPServer.server_bind would ask the resolver for the loopback's name: nothing here needs it.
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def finish_request(self, request: Any, client_address: Any) -> None:
        # The handshake happens in the request's own thread, so a slow or failed one (a probe offering
        # TLS 1.0 to a modern server) never holds up the accept loop.
        if self.tls is None:
            super().finish_request(request, client_address)
            return
        request.settimeout(15)
        try:
            conn = self.tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            super().finish_request(conn, client_address)
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def origin(self) -> str:
        host = str(self.server_address[0])
        return f"{self.scheme}://{f'[{host}]' if ':' in host else host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin

    @property
    def public_url(self) -> str:
        """The origin by the portal's public hostname (reachable through a resolver override only)."""
        return f"{self.scheme}://{self.portal.hostname}:{self.port}" if self.portal.hostname else self.origin

    def known_host(self, host_header: str | None) -> str | None:
        """The host part of ``Host`` when it names this portal at this port (its name or a loopback)."""
        host = (host_header or "").strip().lower()
        names = [*LOOPBACKS, *([self.portal.hostname.lower()] if self.portal.hostname else [])]
        return next((name for name in names if host == f"{name}:{self.port}"), None)

    def origin_for(self, host_header: str | None) -> str:
        """The origin links are written with: the Host the client used, when it names this portal."""
        host = self.known_host(host_header)
        return f"{self.scheme}://{host}:{self.port}" if host else self.origin

    def record(self, method: str, path: str, user_agent: str) -> None:
        self.portal_log.record(method, path, user_agent, self.scheme, str(self.server_address[0]))

    @property
    def log(self) -> list[dict[str, Any]]:
        return self.portal_log.entries()

    def requests(self) -> list[dict[str, Any]]:
        return self.portal_log.entries()

    def close(self) -> None:
        self.server_close()


def _last_modified(portal: DemoPortal) -> str:
    # Pages are regenerated every night: Last-Modified is the day's 03:00, Vietnam time.
    today = dt.date.fromisoformat(portal.truth["today"])
    return email.utils.format_datetime(dt.datetime.combine(today, dt.time(3, 0), VN_TZ).astimezone(dt.UTC),
                                       usegmt=True)


class Refuser:
    """A port that refuses connections: bound, never listening (the kernel answers RST)."""

    def __init__(self, host: str, port: int = 0) -> None:
        self.sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        try:
            if ":" in host:
                self.sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            self.sock.bind((host, port))
        except OSError:
            self.sock.close()
            raise
        self.host = host
        self.port = int(self.sock.getsockname()[1])

    def close(self) -> None:
        self.sock.close()


class _Handler(BaseHTTPRequestHandler):
    server: DemoServer
    portal: DemoPortal
    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection does not hold its thread for ever

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def version_string(self) -> str:
        return "nginx" if self.server.mode == "default" else self.server.portal.server

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, *, head: bool) -> None:
        # One read of the portal per request: a switch to another night never mixes two nights in one answer.
        server, portal = self.server, self.server.portal
        self.portal = portal
        raw = self.path
        if raw.startswith(("http://", "https://")):  # absolute-form request line (a proxy-style client)
            parts = urllib.parse.urlsplit(raw)
            raw = parts.path + (f"?{parts.query}" if parts.query else "")
        if raw == LOG_PATH:
            self._send(200, json.dumps(server.requests(), ensure_ascii=False).encode(),
                       "application/json; charset=utf-8", head=head)
            return
        server.record(self.command, raw, self.headers.get("User-Agent", ""))
        if server.mode == "default":
            self._send(200, DEFAULT_PAGE, HTML, head=head, site=False)
            return
        if server.mode == "redirect":
            host = server.known_host(self.headers.get("Host")) or "127.0.0.1"
            self._send(301, b"", HTML, head=head, extra={"Location": f"https://{host}:{server.https_port}{raw}"})
            return
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
                if ctype.startswith(_COMPRESSIBLE):
                    body = body.replace(ORIGIN.encode(), origin.encode())
                self._send(portal.statuses.get(path, 200), body, ctype, head=head)
                return
        self._send(404, NOT_FOUND, HTML, head=head)

    def _send(self, status: int, body: bytes, ctype: str, *, head: bool, extra: dict[str, str] | None = None,
              site: bool = True) -> None:
        server, portal = self.server, self.portal
        net = portal.net
        headers = dict(portal.headers) if site else {}
        if site and server.scheme == "https" and net.hsts:
            headers["Strict-Transport-Security"] = net.hsts
        if site and status == 200 and body:
            if net.validators:
                etag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
                headers |= {"ETag": etag, "Last-Modified": _last_modified(portal)}
                if self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
            if net.cache_control:
                headers["Cache-Control"] = net.cache_control
        if site and net.gzip and body and status == 200 and ctype.startswith(_COMPRESSIBLE):
            headers["Vary"] = "Accept-Encoding"
            accepted = {t.split(";")[0].strip().lower() for t in self.headers.get("Accept-Encoding", "").split(",")}
            if "gzip" in accepted:
                body = gzip.compress(body, mtime=0)  # mtime 0: the same page gives the same bytes
                headers["Content-Encoding"] = "gzip"
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in {**headers, **(extra or {})}.items():
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


def _start(server: DemoServer) -> DemoServer:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                     name=f"nd42-demo-{server.portal.id}-{server.scheme}").start()
    return server


def serve(portals: dict[str, DemoPortal], host: str = "127.0.0.1") -> tuple[list[DemoServer], dict[str, str]]:
    """Every portal's site over plain HTTP on ``host`` (ephemeral ports), in daemon threads.

    No TLS, DNS or IPv6: the content alone, for in-process tests (:func:`start` serves the whole
    network).  Returns the servers (call ``shutdown()`` then ``server_close()`` on each) and
    ``{portal_id: base_url}`` with no trailing slash.
    """
    servers: list[DemoServer] = []
    urls: dict[str, str] = {}
    for pid in sorted(portals):
        server = _start(DemoServer(portals[pid], host))
        servers.append(server)
        urls[pid] = server.origin
    return servers, urls


Closable = DemoServer | Refuser


def _shape(net: Net) -> tuple[object, ...]:
    """What decides the sockets and the DNS zone of a portal: a night switch must keep it."""
    return (net.certificate is not None, net.http, net.aaaa, net.ipv6, net.dnssec)


def _tls_of(net: Net) -> tuple[object, ...]:
    """What decides the HTTPS endpoint's server context."""
    return (net.certificate, net.legacy_tls)


def _same_port(makers: list[Callable[[int], Closable]]) -> list[Closable]:
    """Listeners made by ``makers`` on one port number (the first picks it; IPv4 and IPv6 twins)."""
    for _ in range(_PAIR_ATTEMPTS):
        made: list[Closable] = []
        try:
            made.append(makers[0](0))
            for make in makers[1:]:
                made.append(make(made[0].port))
            return made
        except OSError:  # the port is taken on the other loopback: try another
            for listener in made:
                listener.close()
            if not made:
                raise
    raise OSError("no port free on both loopback addresses")


@dataclasses.dataclass
class PortalListeners:
    """A portal's endpoints: ``http`` and ``https`` (a server, or a refusing port), and their [::1] twins."""

    portal: DemoPortal
    http: Closable
    https: Closable
    v6: dict[str, Closable] = dataclasses.field(default_factory=dict)

    def all(self) -> list[Closable]:
        return [self.http, self.https, *self.v6.values()]


class DemoNetwork:
    """The demo portals on loopback with their DNS server and CA (see the module docstring)."""

    def __init__(self, portals: Mapping[str, DemoPortal], *, now: dt.datetime, host: str = "127.0.0.1",
                 ipv6: bool | None = None) -> None:
        self.portals = dict(portals)
        self.host = host
        self.ipv6 = environment()["ipv6"] if ipv6 is None else ipv6
        self.pki = DemoPki(now)
        self.listeners: dict[str, PortalListeners] = {}
        self.dns: DnsServer | None = None
        try:
            for pid in sorted(self.portals):
                self.listeners[pid] = self._listen(self.portals[pid])
            self.dns = DnsServer(zone(self.portals), host).start()
        except BaseException:
            self.close()
            raise

    def _listen(self, portal: DemoPortal) -> PortalListeners:
        net, log = portal.net, PortalLog()
        twin = net.aaaa and self.ipv6

        def https_maker(host: str, mode: str) -> Callable[[int], Closable]:
            if net.certificate is None or mode == "refused":
                return lambda port: Refuser(host, port)
            if mode == "default":
                return lambda port: DemoServer(portal, host, port=port, scheme="https", mode="default", tls=tls)
            return lambda port: DemoServer(portal, host, port=port, scheme="https", tls=tls, log=log)

        tls = self._context(portal)
        https = _same_port([https_maker(self.host, "site"), *([https_maker("::1", net.ipv6 or "")] if twin else [])])
        made: list[Closable] = list(https)

        def http_maker(host: str, mode: str) -> Callable[[int], Closable]:
            if mode == "refused":
                return lambda port: Refuser(host, port)
            if mode == "default":
                return lambda port: DemoServer(portal, host, port=port, mode="default")
            return lambda port: DemoServer(portal, host, port=port, mode=net.http, https_port=https[0].port, log=log)

        try:
            http = _same_port([http_maker(self.host, "site"), *([http_maker("::1", net.ipv6 or "")] if twin else [])])
        except BaseException:
            for listener in made:
                listener.close()
            raise
        for listener in [*https, *http]:
            if isinstance(listener, DemoServer):
                _start(listener)
        v6 = {"http": http[1], "https": https[1]} if twin else {}
        return PortalListeners(portal, http[0], https[0], v6)

    def _context(self, portal: DemoPortal) -> ssl.SSLContext | None:
        """The server context of the portal's HTTPS endpoint, from the demo CA (None: no HTTPS)."""
        net = portal.net
        if net.certificate is None:
            return None
        with warnings.catch_warnings():
            # Python deprecates offering TLS 1.0; the legacy portal offers it on purpose.
            warnings.simplefilter("ignore", DeprecationWarning)
            return self.pki.server_context(net.certificate, portal.hostname, legacy=net.legacy_tls)

    # ------------------------------------------------------------------ nights
    @property
    def night(self) -> int:
        """Which night of the demo the listeners serve (``truth["night"]``; 1 for portals without one)."""
        return max(int(p.truth.get("night", 1)) for p in self.portals.values())

    def switch(self, portals: Mapping[str, DemoPortal], *, now: dt.datetime | None = None) -> None:
        """Serve another night of the same portals on the running listeners: same ports, DNS zone and CA.

        ``portals`` holds the same ids with the same host names and the same shape of network (an HTTPS
        endpoint or none, what plain HTTP does, AAAA and the IPv6 listener, DNSSEC): what a switch cannot
        change without other sockets or another zone, so it refuses (``ValueError``, nothing switched).
        A certificate whose kind or TLS versions changed is issued again from the demo CA; ``now`` (the
        next night's clock) issues every certificate again, its validity relative to that clock.
        """
        new = dict(portals)
        if set(new) != set(self.portals):
            raise ValueError(f"a switch serves the same portals: {sorted(self.portals)}, not {sorted(new)}")
        for pid in sorted(new):
            was, now_net = self.portals[pid], new[pid].net
            if new[pid].hostname != was.hostname or _shape(now_net) != _shape(was.net):
                raise ValueError(f"{pid}: a switch keeps the host name, the listeners and the DNS zone "
                                 f"({_shape(was.net)} → {_shape(now_net)})")
        if now is not None:
            self.pki.now = now.astimezone(dt.UTC)
        # Every certificate first: if one cannot be issued, nothing has switched yet.
        contexts = {pid: self._context(portal) for pid, portal in new.items()
                    if now is not None or _tls_of(portal.net) != _tls_of(self.portals[pid].net)}
        for pid in sorted(new):
            ports = self.listeners[pid]
            for listener in ports.all():
                if isinstance(listener, DemoServer):
                    listener.switch(new[pid], contexts.get(pid) if listener.scheme == "https" else None)
            ports.portal = new[pid]
        self.portals = new

    # ------------------------------------------------------------------ addresses
    def base_url(self, pid: str) -> str:
        """Where the portal is served on the loopback address (``https://127.0.0.1:PORT`` when over HTTPS)."""
        portal, ports = self.portals[pid], self.listeners[pid]
        scheme = portal.net.crawl
        return f"{scheme}://{self.host}:{(ports.https if scheme == 'https' else ports.http).port}"

    def url(self, pid: str) -> str:
        """The portal's URL by its public name (``PortalConfig.url``), with a trailing slash."""
        portal = self.portals[pid]
        return self.base_url(pid).replace(self.host, portal.hostname, 1) + "/"

    def endpoints(self, pid: str) -> dict[str, str]:
        """``PortalConfig.endpoints``: plain HTTP and HTTPS of the portal's name, on the demo's ports."""
        portal, ports = self.portals[pid], self.listeners[pid]
        return {"http": f"http://{portal.hostname}:{ports.http.port}/",
                "https": f"https://{portal.hostname}:{ports.https.port}/"}

    @property
    def resolve(self) -> dict[str, str]:
        return {p.hostname: self.host for p in self.portals.values() if p.hostname}

    @property
    def dns_server(self) -> str:
        """``HOST:PORT`` of the demo's DNS server, as ``--dns-server`` takes it."""
        assert self.dns is not None, "the network is closed"
        return self.dns.spec

    @property
    def ca_file(self) -> str:
        """The demo CA certificate (PEM), as ``--ca-file`` takes it; removed by :meth:`close`."""
        return str(self.pki.ca_file)

    def servers(self) -> list[DemoServer]:
        return [x for ports in self.listeners.values() for x in ports.all() if isinstance(x, DemoServer)]

    def info(self) -> dict[str, Any]:
        """What a client needs to reach the portals (the JSON line of ``python -m nd42.demo.server``)."""
        ids = sorted(self.portals)
        return {
            "urls": {pid: self.base_url(pid) for pid in ids},
            "hosts": {pid: self.portals[pid].hostname for pid in ids},
            "public": {pid: self.url(pid).rstrip("/") for pid in ids},
            "endpoints": {pid: self.endpoints(pid) for pid in ids},
            "loopback": {pid: {k: v.replace(self.portals[pid].hostname, self.host, 1)
                               for k, v in self.endpoints(pid).items()} for pid in ids},
            "ipv6_ports": {pid: {k: v.port for k, v in self.listeners[pid].v6.items()} for pid in ids},
            "resolve": [f"{h}:{ip}" for h, ip in sorted(self.resolve.items())],
            "dns_server": self.dns_server, "ca_file": self.ca_file,
            "env": {"ipv6": self.ipv6, "legacy_tls": environment()["legacy_tls"]},
            "night": self.night,
        }

    def close(self) -> None:
        for ports in self.listeners.values():
            for listener in ports.all():
                if isinstance(listener, DemoServer):
                    listener.shutdown()
                listener.close()
        self.listeners.clear()
        if self.dns is not None:
            self.dns.stop()
            self.dns = None
        self.pki.close()

    def __enter__(self) -> DemoNetwork:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start(portals: Mapping[str, DemoPortal], *, now: dt.datetime, host: str = "127.0.0.1",
          ipv6: bool | None = None) -> DemoNetwork:
    """Serve ``portals`` with their endpoints, DNS and certificates valid relative to ``now`` (the crawl clock)."""
    return DemoNetwork(portals, now=now, host=host, ipv6=ipv6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nd42.demo.server",
                                     description="Serve nd42's demo portals on 127.0.0.1.")
    parser.add_argument("--today", help="Vietnam-local day the portals' dates and certificates are relative to "
                                        "(its noon is the clock; default: now)")
    parser.add_argument("--seconds", type=float, default=600, help="serve this long, then exit (default 600)")
    parser.add_argument("--night", type=int, choices=NIGHTS, default=1,
                        help="which of the demo's nights to serve first (default 1); SIGUSR1 switches to the other")
    args = parser.parse_args(argv)
    if args.today:
        # The checks run with --now DAY, i.e. noon in Vietnam: certificates are dated from the same clock.
        now = dt.datetime.combine(dt.date.fromisoformat(args.today), dt.time(12, 0), VN_TZ)
    else:
        now = dt.datetime.now(VN_TZ)
    network = start(build_portals(now.date(), night=args.night), now=now)

    def other_night(_signum: int, _frame: object) -> None:
        # Same day, the other night: what a nightly run meets when it looks again after the change.
        night = NIGHTS[(NIGHTS.index(network.night) + 1) % len(NIGHTS)]
        network.switch(build_portals(now.date(), night=night))
        print(json.dumps({"night": network.night, "today": now.date().isoformat()}), flush=True)

    # POSIX only (elsewhere the night is chosen at start); the previous handler comes back on return, so that
    # calling main() in a process that has its own does not leave ours behind.
    previous = signal.signal(signal.SIGUSR1, other_night) if hasattr(signal, "SIGUSR1") else None
    try:
        print(json.dumps(network.info()), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            time.sleep(args.seconds)
    finally:
        if hasattr(signal, "SIGUSR1"):
            signal.signal(signal.SIGUSR1, signal.SIG_DFL if previous is None else previous)
        network.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
