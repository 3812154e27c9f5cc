"""The HTTP → HTTPS probe against local HTTP(S) servers: redirect, none, meta refresh, off-site, loops, refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from crawler.probes import redirect
from crawler.probes.session import Session
from nd42.clock import VN_TZ
from nd42.config import CrawlOptions
from nd42.demo.tls import DemoPki
from tests.test_probes_servers import PAGE, Site, refused_port

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
HOST = "skhcn.hoalam.gov.vn"


@pytest.fixture(scope="module")
def pki() -> Iterator[DemoPki]:
    pki = DemoPki(NOW)
    yield pki
    pki.close()


def session(delay: float = 0) -> Session:
    return Session(CrawlOptions(resolve={HOST: "127.0.0.1", f"www.{HOST}": "127.0.0.1"}, timeout=2, delay=delay), NOW)


def test_http_redirects_to_https_of_the_same_host(pki: DemoPki) -> None:
    with Site(context=pki.server_context("self_signed", HOST)) as https, Site() as http:
        http.server.routes["/"] = (301, {"Location": https.url("/", HOST)}, b"")
        result = redirect.probe_redirect(http.url("/", HOST), session())
    assert result["status"] == "probed" and result["error_class"] is None
    assert [(h["status"], h["location"]) for h in result["chain"]] == [(301, https.url("/", HOST)), (200, None)]
    assert result["final_url"] == https.url("/", HOST) and result["https_final"] is True
    assert https.seen[0]["host"] == f"{HOST}:{https.port}"  # the certificate does not matter here


def test_http_answering_200_is_no_redirect() -> None:
    with Site() as http:
        result = redirect.probe_redirect(http.url("/", HOST), session())
    assert [h["status"] for h in result["chain"]] == [200]
    assert result["https_final"] is False and result["final_url"] == http.url("/", HOST)
    assert result["chain"][0]["meta_refresh"] is None


def test_meta_refresh_is_recorded_not_followed() -> None:
    page = b'<html><head><meta http-equiv="refresh" content="0; url=https://skhcn.hoalam.gov.vn/"></head></html>'
    with Site({"/": (200, {}, page)}) as http:
        result = redirect.probe_redirect(http.url("/", HOST), session())
        assert len(http.seen) == 1
    assert result["chain"][0]["meta_refresh"] == f"https://{HOST}/" and result["https_final"] is False


def test_redirect_to_the_www_twin_is_followed_and_off_site_is_not() -> None:
    with Site() as http:
        http.server.routes["/"] = (302, {"Location": http.url("/home", f"www.{HOST}")}, b"")
        http.server.routes["/home"] = (301, {"Location": "https://other.gov.vn/"}, b"")
        result = redirect.probe_redirect(http.url("/", HOST), session())
        assert [s["path"] for s in http.seen] == ["/", "/home"]
    assert result["chain"][-1]["followed"] is False
    assert result["final_url"] == "https://other.gov.vn/" and result["https_final"] is False


def test_redirect_loop_stops() -> None:
    with Site({"/": (302, {"Location": "/a"}, b""), "/a": (302, {"Location": "/"}, b"")}) as http:
        result = redirect.probe_redirect(http.url("/", HOST), session())
    assert [h["status"] for h in result["chain"]] == [302, 302]
    assert result["chain"][-1]["loop"] is True and result["https_final"] is False


def test_https_target_down_is_recorded_in_the_chain() -> None:
    down = f"https://{HOST}:{refused_port()}/"
    with Site({"/": (301, {"Location": down}, b"")}) as http:
        result = redirect.probe_redirect(http.url("/", HOST), session())
    assert result["status"] == "probed" and result["chain"][-1] == {"url": down, "status": None, "location": None,
                                                                     "error_class": "refused"}
    assert result["https_final"] is True  # it points there; whether HTTPS answers is the TLS probe's finding


def test_http_port_refused() -> None:
    result = redirect.probe_redirect(f"http://{HOST}:{refused_port()}/", session())
    assert result["status"] == "failed" and result["error_class"] == "refused"
    assert result["chain"][0]["error_class"] == "refused" and result["final_url"] is None


def test_hops_are_paced_by_the_crawl_delay() -> None:
    import time

    with Site({"/": (302, {"Location": "/a"}, b""), "/a": (302, {"Location": "/b"}, b""), "/b": (200, {}, PAGE)}) as s:
        start = time.monotonic()
        result = redirect.probe_redirect(s.url("/", HOST), session(delay=0.15))
        elapsed = time.monotonic() - start
        assert s.max_active == 1
    assert len(result["chain"]) == 3 and elapsed >= 0.3
