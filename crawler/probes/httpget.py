"""One HTTP/1.1 GET over a socket the probe already opened (plain or TLS), bounded in time and size."""

from __future__ import annotations

import contextlib
import dataclasses
import html
import http.client
import re
import socket
import threading
import time

from crawler.probes.net import Deadline, ProbeError, Target
from crawler.urls import join
from nd42.textnorm import clean

BODY_CAP = 256 * 1024  # enough for a home page's <title> and a meta refresh; the crawl reads the rest
# Headers worth keeping from a probe's answer: what the TLS and header rules read.
KEPT = ("server", "x-powered-by", "x-aspnet-version", "strict-transport-security", "content-security-policy",
        "x-frame-options", "x-content-type-options", "referrer-policy", "permissions-policy", "location",
        "content-type", "content-length", "content-encoding")


@dataclasses.dataclass
class Reply:
    url: str
    status: int
    headers: dict[str, str]  # lower-case names, repeated headers joined with ", "
    body: bytes

    @property
    def location(self) -> str | None:
        value = self.headers.get("location")
        return join(self.url, value.strip()) if value and 300 <= self.status < 400 else None

    def kept_headers(self) -> dict[str, str]:
        return {k: v for k, v in self.headers.items() if k in KEPT}


def get(sock: socket.socket, target: Target, user_agent: str, deadline: Deadline) -> Reply:
    """The GET, done by the deadline: a socket timeout only bounds each read, and a server that drips
    its status line and headers a byte at a time would keep ``getresponse`` going for ever, so a
    watchdog shuts the socket down when the deadline passes (the probe then fails with ``timeout``)."""
    fired = threading.Event()

    def cut() -> None:
        fired.set()
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(max(0.0, deadline.end - time.monotonic()), cut)
    watchdog.daemon = True
    watchdog.start()
    try:
        return _get(sock, target, user_agent, deadline)
    except Exception as exc:
        if fired.is_set():
            raise ProbeError("timeout", f"no complete answer from {target.url[:200]} by the deadline") from exc
        raise
    finally:
        watchdog.cancel()


def _get(sock: socket.socket, target: Target, user_agent: str, deadline: Deadline) -> Reply:
    conn = http.client.HTTPConnection(target.host, target.port)
    conn.sock = sock  # http.client writes to and reads from the socket we connected (and maybe wrapped)
    sock.settimeout(deadline.remaining())
    conn.putrequest("GET", target.path, skip_host=True, skip_accept_encoding=True)
    for name, value in (("Host", target.host_header), ("User-Agent", user_agent),
                        ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
                        ("Accept-Language", "vi,en;q=0.5"), ("Connection", "close")):
        conn.putheader(name, value)
    conn.endheaders()
    response = conn.getresponse()
    headers: dict[str, str] = {}
    for name, value in response.getheaders():
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    body = bytearray()
    while len(body) < BODY_CAP:
        sock.settimeout(deadline.remaining())
        chunk = response.read1(min(65536, BODY_CAP - len(body)))
        if not chunk:
            break
        body += chunk
    return Reply(target.url, response.status, headers, bytes(body))


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([a-z0-9_\-]+)""", re.IGNORECASE)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_REFRESH = re.compile(rb"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*>""", re.IGNORECASE)
_REFRESH_URL = re.compile(rb"""content\s*=\s*["'][^"']*?url\s*=\s*['"]?([^"'>\s]+)""", re.IGNORECASE)


def _charset(content_type: str, body: bytes) -> str:
    match = re.search(r"charset\s*=\s*\"?([a-z0-9_\-]+)", content_type, re.IGNORECASE)
    if match:
        return match.group(1)
    meta = _CHARSET.search(body[:4096])
    return meta.group(1).decode("ascii") if meta else "utf-8"


def title_of(body: bytes, content_type: str = "") -> str | None:
    """A page's <title> as clean text, as the crawl's page facts have it (None when it has none)."""
    match = _TITLE.search(body[:BODY_CAP])
    if match is None:
        return None
    try:
        text = match.group(1).decode(_charset(content_type, body), "replace")
    except LookupError:
        text = match.group(1).decode("utf-8", "replace")
    return clean(html.unescape(text))


def title(reply: Reply) -> str | None:
    return title_of(reply.body, reply.headers.get("content-type", ""))


def meta_refresh(reply: Reply) -> str | None:
    """The target of a ``<meta http-equiv=refresh>`` (how some portals send http visitors to https)."""
    tag = _REFRESH.search(reply.body)
    if tag is None:
        return None
    target = _REFRESH_URL.search(tag.group(0))
    return join(reply.url, target.group(1).decode("latin-1")) if target else None


def hsts_max_age(value: str | None) -> int | None:
    """``max-age`` of a Strict-Transport-Security value (None when absent or unreadable)."""
    match = re.search(r"max-age\s*=\s*\"?(\d+)", value or "", re.IGNORECASE)
    return int(match.group(1)) if match else None
