"""Failure is data, in unit form: the error classes of wrapped fetch errors, the redirect guard's refusals, the
bounded gzip sitemap and the probe GET's deadline (tests/test_hostile.py has the same end to end)."""

from __future__ import annotations

import socket
import threading
import time
import zlib

import pytest
from scrapy.exceptions import DownloadFailedError, IgnoreRequest, ResponseDataLossError
from scrapy.http import Request
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from crawler.errors import MESSAGE_CAP, Refused, classify_failure
from crawler.extract.sitemap import parse_sitemap
from crawler.middlewares import _checked
from crawler.probes import httpget
from crawler.probes.net import Deadline, ProbeError, Target


def _wrapped(outer: Exception, inner: BaseException) -> Exception:
    outer.__cause__ = inner
    return outer


class _Spider:
    def __init__(self) -> None:
        self.allowed = {"so.hoalam.gov.vn", "www.so.hoalam.gov.vn"}


@pytest.mark.parametrize(("exc", "expected"), [
    (_wrapped(ResponseDataLossError(), ConnectionError("lost")), "reset"),
    (_wrapped(DownloadFailedError("x"), ResponseNeverReceived([Failure(ConnectionResetError("by peer"))])), "reset"),
    (IgnoreRequest("max redirections reached"), "redirect_loop"),
    (IgnoreRequest("Forbidden by robots.txt"), "robots"),
    (Refused("offsite", "HTTP 302 redirect to http://evil/"), "offsite"),
])
def test_wrapped_errors_get_the_class_of_what_happened(exc: Exception, expected: str) -> None:
    assert classify_failure(Failure(exc))[0] == expected


def test_a_tls_error_below_scrapys_wrapper_is_tls() -> None:
    from OpenSSL.SSL import Error as SSLError

    exc = _wrapped(DownloadFailedError("x"), ResponseNeverReceived([Failure(SSLError("handshake failure"))]))
    error_class, message = classify_failure(Failure(exc))
    assert error_class == "tls"
    assert "handshake failure" in message


def test_messages_are_capped() -> None:
    _cls, message = classify_failure(Failure(IgnoreRequest("x" * 1_000_000)))
    assert len(message) <= MESSAGE_CAP


def _hop(url: str, chain: list[str]) -> Refused | None:
    request = Request(chain[-1], meta={"redirect_urls": chain[:-1]})
    return _checked(Request(url), request, _Spider(), "HTTP 302 redirect")


def test_redirects_keep_to_the_portals_hosts_and_end_loops() -> None:
    home = "https://so.hoalam.gov.vn/"
    assert _hop("https://www.so.hoalam.gov.vn/trang-chu", [home]) is None
    assert _hop("http://so.hoalam.gov.vn:8080/", [home]) is None  # the host, another port
    refused = _hop("https://evil.example/", [home])
    assert refused is not None and refused.error_class == "offsite"
    refused = _hop("ftp://so.hoalam.gov.vn/x", [home])
    assert refused is not None and refused.error_class == "redirect_scheme"
    assert _hop(home, [home]) is None  # once: a server that sets a cookie and sends the visitor back
    refused = _hop(home, [home, home])
    assert refused is not None and refused.error_class == "redirect_loop"
    long = "https://so.hoalam.gov.vn/" + "a" * 100_000
    refused = _hop("https://evil.example/" + "a" * 100_000, [home])
    assert refused is not None and len(str(refused)) < 400
    assert _hop(long, [home]) is None


def test_a_gzip_bomb_sitemap_is_not_inflated_whole() -> None:
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = deflate.compress(bytes(64 * 1024 * 1024)) + deflate.flush()
    assert len(bomb) < 1024 * 1024
    result = parse_sitemap(bomb)
    assert result.error == "too_large"
    small = zlib.compressobj(9, zlib.DEFLATED, 31)
    ok = small.compress(b"<urlset><url><loc>https://so.hoalam.gov.vn/a</loc></url></urlset>") + small.flush()
    assert parse_sitemap(ok).urls == ["https://so.hoalam.gov.vn/a"]


def test_the_probe_get_ends_at_its_deadline_when_headers_drip() -> None:
    client, server = socket.socketpair()

    def drip() -> None:
        server.recv(4096)
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"p" * 200:
            try:
                server.sendall(bytes([byte]))
            except OSError:
                return
            time.sleep(0.05)

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    started = time.monotonic()
    with pytest.raises(ProbeError) as info:
        httpget.get(client, Target.of("http://so.hoalam.gov.vn/"), "nd42-test", Deadline(0.6))
    assert info.value.error_class == "timeout"
    assert time.monotonic() - started < 2.0
    client.close()
    server.close()
