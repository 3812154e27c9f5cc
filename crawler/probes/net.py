"""Deadlines, URL targets and error classes shared by the network probes.

Failure is data here as in the crawl (:mod:`crawler.errors`): every exception a probe can meet
becomes one short, stable error class, so the rules can tell a portal's fault (``refused``) from
the scanner's own limits (``timeout``, ``no_route``).
"""

from __future__ import annotations

import dataclasses
import errno
import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urlsplit


class ProbeError(Exception):
    """A probe step that failed, already classified."""

    def __init__(self, error_class: str, message: str = "") -> None:
        super().__init__(message or error_class)
        self.error_class = error_class


class BudgetSpent(ProbeError):
    """The probe's own time budget ran out: says nothing about the endpoint it was about to try."""


class Deadline:
    """A probe's time budget: every blocking call gets what is left of it, never more."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise BudgetSpent("timeout", "probe time budget spent")
        return left

    def extend(self, seconds: float) -> None:
        # Politeness pauses are the scanner's choice, not the portal's slowness.
        self.end += seconds


# errno values that mean the packet has nowhere to go (from this machine or a router on the way).
_NO_ROUTE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT, errno.ENETDOWN}


def classify(exc: BaseException) -> str:
    """The error class of an exception raised while probing."""
    if isinstance(exc, ProbeError):
        return exc.error_class
    # ssl errors are OSErrors too: they go first.
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "tls_verify"
    if isinstance(exc, ssl.SSLError):
        return "tls_handshake"
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    # RemoteDisconnected (closed before any status line) is a ConnectionResetError.
    if isinstance(exc, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
        return "reset"
    if isinstance(exc, socket.gaierror):
        return "dns"
    if isinstance(exc, http.client.HTTPException):
        return "bad_response"
    if isinstance(exc, OSError):
        if exc.errno in _NO_ROUTE:
            return "no_route"
        if exc.errno == errno.ECONNREFUSED:
            return "refused"
        return "network"
    return type(exc).__name__.lower()


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


# Names that never belong to the public DNS (RFC 6761, RFC 6762): asking a resolver about them would
# at best be pointless, at worst leak a query to the internet.
_SPECIAL_SUFFIXES = ("localhost", "test", "invalid", "example", "local")


def special_use(host: str) -> bool:
    name = host.lower().rstrip(".")
    return "." not in name or any(name == s or name.endswith("." + s) for s in _SPECIAL_SUFFIXES)


def host_netloc(host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}" if port else shown


@dataclasses.dataclass(frozen=True)
class Target:
    """Where one URL is fetched: scheme, host, port, path, and the Host header to send."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    explicit_port: bool

    @classmethod
    def of(cls, url: str) -> Target:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ProbeError("bad_url", f"not an http(s) URL: {url}")
        try:
            port = parts.port
        except ValueError as exc:
            raise ProbeError("bad_url", f"bad port in {url}") from exc
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default = 443 if parts.scheme == "https" else 80
        return cls(url, parts.scheme, parts.hostname.lower(), port or default, path, port not in (None, default))

    @property
    def host_header(self) -> str:
        return host_netloc(self.host, self.port if self.explicit_port else None)

    @property
    def sni(self) -> str | None:
        # SNI carries names only (RFC 6066 §3).
        return None if is_ip(self.host) else self.host


def connect(address: str, port: int, deadline: Deadline) -> socket.socket:
    """A TCP connection to an IP address (never a name: no lookup can happen here)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(deadline.remaining())
        sock.connect((address, port))
    except BaseException:
        sock.close()
        raise
    return sock


def has_route(address: str, port: int) -> bool:
    """Whether this machine has a route to ``address``: a UDP connect() sends nothing, it only asks
    the kernel to pick a source address, and fails at once when there is none."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((address, port))
    except OSError:
        return False
    return True


def same_url(a: str | None, b: str | None) -> bool:
    """Whether two URLs ask for the same thing (scheme, host, port, path and query; default ports folded)."""
    if not a or not b:
        return False
    try:
        x, y = Target.of(a), Target.of(b)
    except ProbeError:
        return False
    return (x.scheme, x.host, x.port, x.path) == (y.scheme, y.host, y.port, y.path)
