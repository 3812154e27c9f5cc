"""One portal's probes together: endpoints, the crawl's home request reused (never sent twice), the
options that turn probes off or point them elsewhere, the time bound, and a broken probe kept apart."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from crawler.probes import run as runmod
from crawler.probes import run_probes, skipped_probes
from crawler.probes.crawlside import HomeChain, complete
from crawler.probes.endpoints import endpoints
from nd42.cli import main
from nd42.clock import VN_TZ
from nd42.config import ConfigError, CrawlOptions, PortalConfig, portal_from_dict
from nd42.records import PageFetch, PortalSnapshot
from tests.test_probes_servers import PAGE, Site, refused_port, silent_server

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
HOST = "skhcn.hoalam.gov.vn"


def test_endpoints_swap_the_scheme_with_the_default_port() -> None:
    assert endpoints(PortalConfig("p", f"http://{HOST}:8080/portal/")) == {
        "http": f"http://{HOST}:8080/", "https": f"https://{HOST}/"}
    assert endpoints(PortalConfig("p", f"https://{HOST}/")) == {"http": f"http://{HOST}/", "https": f"https://{HOST}/"}
    assert endpoints(PortalConfig("p", "http://[::1]:81/")) == {"http": "http://[::1]:81/", "https": "https://[::1]/"}
    custom = PortalConfig("p", f"http://{HOST}:8080/", endpoints={"https": f"https://{HOST}:8443/"})
    assert endpoints(custom)["https"] == f"https://{HOST}:8443/"


def test_portal_file_endpoints() -> None:
    portal = portal_from_dict({"portal": {"url": f"http://{HOST}:8080/",
                                          "endpoints": {"https": f"https://{HOST}:8443/"}}}, "p.toml")
    assert portal.endpoints == {"https": f"https://{HOST}:8443/"}
    for bad in ({"https": f"http://{HOST}/"}, {"ftp": "ftp://x/"}, "https://x/"):
        with pytest.raises(ConfigError):
            portal_from_dict({"portal": {"url": f"http://{HOST}/", "endpoints": bad}}, "p.toml")


def test_options_are_validated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ConfigError):
        CrawlOptions(dns_server="ns1.hoalam.gov.vn").validate()
    with pytest.raises(ConfigError):
        CrawlOptions(ca_file=str(tmp_path / "none.pem")).validate()
    db = str(tmp_path / "db.sqlite3")
    assert main(["check", "http://127.0.0.1:9/", "--dns-server", "x:53", "--db", db]) == 2
    assert main(["check", "http://127.0.0.1:9/", "--ca-file", str(tmp_path / "none.pem"), "--db", db]) == 2
    assert "--dns-server" in capsys.readouterr().err


def test_disabled_probes_send_nothing() -> None:
    with Site() as site:
        out = run_probes(PortalConfig("p", site.url("/", HOST)), CrawlOptions(network_probes=False), NOW)
        assert site.connections == 0
    assert out == skipped_probes("disabled")
    assert {k: v["status"] for k, v in out.items()} == dict.fromkeys(("dns", "tls", "http_redirect", "ipv6",
                                                                      "network"), "skipped")
    assert out["tls"]["error_class"] == "disabled" and out["ipv6"]["error_class"] == "disabled"


def test_an_http_portal_is_not_requested_by_the_probes() -> None:
    with Site() as site:
        url = site.url("/", HOST)
        closed = refused_port()
        out = run_probes(PortalConfig("p", url, endpoints={"https": f"https://{HOST}:{closed}/"}),
                         CrawlOptions(resolve={HOST: "127.0.0.1"}, timeout=1, delay=0), NOW)
        assert site.seen == []  # its home page is the crawl's first request
    assert out["http_redirect"]["status"] == "pending" and out["http_redirect"]["source"] == "crawl"
    assert out["tls"]["status"] == "failed" and out["tls"]["error_class"] == "refused"
    assert out["dns"]["error_class"] == "resolve_override" and out["ipv6"]["status"] == "skipped"
    net = out["network"]
    assert net["status"] == "probed" and net["http_requests"] == 0 and net["connections"] == 1
    assert net["requests"][0]["port"] == closed and net["requests"][0]["outcome"] == "refused"


def crawl(url: str, *responses: tuple[str, int, str | None], error: str | None = None,
          headers: dict[str, str] | None = None) -> tuple[PortalSnapshot, HomeChain]:
    """A snapshot and home chain as the crawl of ``url`` would leave them."""
    chain = HomeChain()
    for hop_url, status, location in responses:
        chain.responses.append({"url": hop_url, "status": status, "location": location, "error_class": None,
                                "headers": dict(headers or {}), "address": "127.0.0.1", "title": None, "length": 0})
    last = responses[-1] if responses else None
    home = PageFetch(url=url, role="home", status=None if error else (last[1] if last else None),
                     final_url=last[0] if last else None, error_class=error)
    return PortalSnapshot(portal_id="p", url=url, started_at=NOW, pages=[home]), chain


def test_http_portal_chain_comes_from_the_crawl() -> None:
    url, https = f"http://{HOST}/", f"https://{HOST}/"
    probes: dict[str, Any] = {"http_redirect": {"status": "pending", "source": "crawl", "endpoint": url, "chain": [],
                                                "final_url": None, "https_final": None, "error_class": None}}
    snapshot, chain = crawl(url, (url, 301, https), (https, 200, None))
    complete(probes, snapshot, chain)
    entry = probes["http_redirect"]
    assert entry["status"] == "probed" and entry["https_final"] is True and entry["final_url"] == https
    assert [(h["status"], h["source"]) for h in entry["chain"]] == [(301, "crawl"), (200, "crawl")]


def test_http_portal_that_cannot_be_fetched() -> None:
    url = f"http://{HOST}/"
    probes: dict[str, Any] = {"http_redirect": {"status": "pending", "source": "crawl", "endpoint": url, "chain": [],
                                                "final_url": None, "https_final": None, "error_class": None}}
    snapshot, chain = crawl(url, error="refused")
    complete(probes, snapshot, chain)
    assert probes["http_redirect"]["status"] == "failed" and probes["http_redirect"]["error_class"] == "refused"


def test_https_portal_answer_comes_from_the_crawl() -> None:
    url = f"https://{HOST}/"
    https: dict[str, Any] = {"status": None, "final_url": None, "final_status": None, "hsts": None,
                             "hsts_max_age": None, "headers": {}, "chain": [], "error_class": None, "source": "crawl"}
    probes: dict[str, Any] = {"tls": {"status": "probed", "endpoint": url, "https": https}}
    snapshot, chain = crawl(url, (url, 302, url + "portal"), (url + "portal", 200, None),
                            headers={"strict-transport-security": "max-age=15552000"})
    complete(probes, snapshot, chain)
    assert https["status"] == 302 and https["final_status"] == 200 and https["final_url"] == url + "portal"
    assert https["hsts_max_age"] == 15552000 and https["headers"]["strict-transport-security"]


def test_a_probe_chain_ending_at_the_portal_url_is_completed_by_the_crawl() -> None:
    with Site() as http:
        portal = f"https://{HOST}:{http.port + 1}/"
        http.server.routes["/"] = (301, {"Location": portal}, b"")
        options = CrawlOptions(resolve={HOST: "127.0.0.1"}, timeout=1, delay=0)
        out = run_probes(PortalConfig("p", portal, endpoints={"http": http.url("/", HOST)}), options, NOW)
        assert [s["path"] for s in http.seen] == ["/"]
    entry = out["http_redirect"]
    assert entry["chain"][-1]["crawled"] is True and entry["final_url"] == portal and entry["https_final"] is True
    snapshot, chain = crawl(portal, (portal, 200, None))
    complete(out, snapshot, chain)
    assert [(h["url"], h["status"]) for h in entry["chain"]] == [(http.url("/", HOST), 301), (portal, 200)]


def test_probes_are_bounded_by_the_timeout_and_do_not_retry_a_dead_endpoint() -> None:
    with silent_server() as port:
        url = f"https://{HOST}:{port}/"
        options = CrawlOptions(resolve={HOST: "127.0.0.1"}, timeout=0.5, delay=0)
        start = time.monotonic()
        out = run_probes(PortalConfig("p", url, endpoints={"http": url.replace("https", "http")}), options, NOW)
        elapsed = time.monotonic() - start
    assert out["tls"]["error_class"] == "timeout"  # the handshake never came
    assert out["http_redirect"]["error_class"] == "timeout"
    assert elapsed < 2.5, elapsed


def test_a_broken_probe_is_kept_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise KeyError("bug")

    monkeypatch.setattr(runmod.tls, "probe_tls", broken)
    with Site({"/": (200, {}, PAGE)}) as site:
        out = run_probes(PortalConfig("p", site.url("/", HOST)),
                         CrawlOptions(resolve={HOST: "127.0.0.1"}, timeout=1, delay=0), NOW)
    assert out["tls"]["status"] == "failed" and out["tls"]["error_class"] == "probe_error"
    assert "KeyError" in out["tls"]["error"] and out["http_redirect"]["status"] == "pending"


def test_the_crawls_home_answer_is_decompressed_before_it_is_compared() -> None:
    import gzip as _gzip
    import zlib as _zlib

    from crawler.probes.crawlside import decoded_body

    page = "<html><head><title>Sở Khoa học</title></head><body>x</body></html>".encode()
    assert decoded_body(_gzip.compress(page), "gzip") == page
    assert decoded_body(_zlib.compress(page), "deflate") == page
    raw = _zlib.compressobj(wbits=-_zlib.MAX_WBITS)
    assert decoded_body(raw.compress(page) + raw.flush(), "deflate") == page
    assert decoded_body(page, "") == page and decoded_body(b"not gzip", "gzip") == b""
    bomb = _gzip.compress(b"\0" * (20 * 1024 * 1024))
    assert len(decoded_body(bomb, "gzip")) <= 8 * 1024 * 1024
