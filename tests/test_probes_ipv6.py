"""The IPv6 probe: a page served on ::1 (skipped only where ::1 cannot be bound) compared with the crawl's
IPv4 answer — the same page, a different one, the same redirect —, refused over IPv6, no AAAA, no DNS
answer, and a scanner without an IPv6 route."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from crawler.probes import ipv6
from crawler.probes.crawlside import HomeChain, complete
from crawler.probes.httpget import title_of
from crawler.probes.session import Session
from nd42.clock import VN_TZ
from nd42.config import CrawlOptions
from nd42.demo.dnsserver import ipv6_loopback_available
from nd42.records import PageFetch, PortalSnapshot
from tests.test_probes_servers import PAGE, Site, refused_port

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
HOST = "skhcn.hoalam.gov.vn"
needs_v6 = pytest.mark.skipif(not ipv6_loopback_available(), reason="this machine cannot bind ::1")


def dns(aaaa: list[str], a: list[str] | None = None, status: str = "probed") -> dict[str, Any]:
    return {"status": status, "a": ["127.0.0.1"] if a is None else a, "aaaa": aaaa, "error_class": None}


def session() -> Session:
    return Session(CrawlOptions(timeout=1, delay=0), NOW)


def crawl_saw(probes: dict[str, Any], url: str, status: int, body: bytes, location: str | None = None) -> None:
    """What the crawl's first home response would add (crawler.probes.crawlside)."""
    chain = HomeChain()
    chain.responses.append({"url": url, "status": status, "location": location, "error_class": None, "headers": {},
                            "address": "127.0.0.1", "title": title_of(body), "length": len(body)})
    snapshot = PortalSnapshot(portal_id="p", url=url, started_at=NOW,
                              pages=[PageFetch(url=url, role="home", status=status, final_url=url)])
    complete({"ipv6": probes}, snapshot, chain)


@needs_v6
def test_same_page_over_both() -> None:
    with Site({"/": (200, {}, PAGE)}, host="::1") as site6:
        url = site6.url("/", HOST)
        result = ipv6.probe_ipv6(url, dns(["::1"]), session())
        assert site6.seen[0]["host"] == f"{HOST}:{site6.port}"
    assert result["status"] == "probed" and result["address"] == "::1" and result["same_page"] is None
    assert result["v6"]["status"] == 200 and result["v6"]["title"] == "Sở Khoa học và Công nghệ"
    assert result["v4"]["source"] == "crawl" and result["v4"]["address"] == "127.0.0.1"
    crawl_saw(result, url, 200, PAGE)
    assert result["same_page"] is True and result["v4"]["status"] == 200 and result["v4"]["length"] == len(PAGE)


@needs_v6
def test_a_different_page_over_ipv6() -> None:
    other = b"<html><head><title>IIS Windows Server</title></head></html>"
    with Site({"/": (200, {}, other)}, host="::1") as site6:
        url = site6.url("/", HOST)
        result = ipv6.probe_ipv6(url, dns(["::1"]), session())
    crawl_saw(result, url, 200, PAGE)
    assert result["status"] == "probed" and result["same_page"] is False
    assert result["v6"]["title"] == "IIS Windows Server" and result["v4"]["title"] == "Sở Khoa học và Công nghệ"


@needs_v6
def test_same_redirect_over_both() -> None:
    with Site({"/": (302, {"Location": "/portal/"}, b"")}, host="::1") as site6:
        url = site6.url("/", HOST)
        result = ipv6.probe_ipv6(url, dns(["::1"]), session())
    crawl_saw(result, url, 302, b"", location=url + "portal/")
    assert result["same_page"] is True and result["v6"]["location"] == url + "portal/"


@needs_v6
def test_refused_over_ipv6() -> None:
    url = f"http://{HOST}:{refused_port()}/"
    result = ipv6.probe_ipv6(url, dns(["::1"]), session())
    assert result["status"] == "failed" and result["error_class"] == "refused"
    assert result["v6"]["error_class"] == "refused"
    crawl_saw(result, url, 200, PAGE)
    assert result["v4"]["status"] == 200 and result["same_page"] is None


def test_no_aaaa_and_no_dns_answer() -> None:
    assert ipv6.probe_ipv6(f"http://{HOST}/", dns([]), session())["status"] == "no_aaaa"
    skipped = ipv6.probe_ipv6(f"http://{HOST}/", {"status": "skipped", "error_class": "resolve_override"}, session())
    assert skipped["status"] == "skipped" and skipped["error_class"] == "resolve_override"
    failed = ipv6.probe_ipv6(f"http://{HOST}/", {"status": "failed", "error_class": "timeout"}, session())
    assert failed["status"] == "skipped" and failed["error_class"] == "timeout"


def test_no_route_on_the_scanner_is_not_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ipv6, "has_route", lambda address, port: False)
    s = session()
    result = ipv6.probe_ipv6(f"http://{HOST}/", dns(["2001:db8::1"]), s)
    assert result["status"] == "no_ipv6_route" and result["error_class"] == "no_ipv6_route"
    assert result["address"] == "2001:db8::1" and s.log == []  # nothing was sent


@needs_v6
def test_route_check_sends_nothing_and_sees_loopback() -> None:
    from crawler.probes.net import has_route

    assert has_route("::1", 80) is True


def test_the_ipv4_address_is_the_resolve_mapping_else_the_first_a(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ipv6, "_side", lambda s, url, address: {"address": address, "status": None,
                                                                 "error_class": "refused"})
    monkeypatch.setattr(ipv6, "has_route", lambda address, port: True)
    mapped = Session(CrawlOptions(timeout=1, delay=0, resolve={HOST: "127.0.0.2"}), NOW)
    assert ipv6.probe_ipv6(f"http://{HOST}/", dns(["::1"]), mapped)["v4"]["address"] == "127.0.0.2"
    assert ipv6.probe_ipv6(f"http://{HOST}/", dns(["::1"], a=["127.0.0.3"]), session())["v4"]["address"] == "127.0.0.3"
    assert ipv6.probe_ipv6(f"http://{HOST}/", dns(["::1"], a=[]), session())["v4"]["address"] is None
