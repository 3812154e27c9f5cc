"""The DNS probe against the loopback DNS server: A/AAAA, CNAME, DNSSEC signs, NXDOMAIN, timeouts,
and the names it must never ask about (--resolve without --dns-server, IP literals, special-use names)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from crawler.probes import dns as dnsprobe
from crawler.probes import tls
from crawler.probes.session import Session
from nd42.clock import VN_TZ
from nd42.config import ConfigError, CrawlOptions, parse_dns_server
from nd42.demo.dnsserver import DnsServer, Record, Zone
from tests.test_probes_servers import Site

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
ZONE = {
    "skhcn.hoalam.gov.vn": Record(a=["127.0.0.1"], aaaa=["::1"], signed=True),
    "stc.hoalam.gov.vn": Record(a=["127.0.0.1"]),
    "www.skhcn.hoalam.gov.vn": Record(cname="skhcn.hoalam.gov.vn"),
    "slow.hoalam.gov.vn": Record(timeout=True),
}


@pytest.fixture
def server() -> Iterator[DnsServer]:
    with DnsServer(Zone(dict(ZONE))) as server:
        yield server


def session(server: DnsServer | None, timeout: float = 1.0, **resolve: str) -> Session:
    mapping = {k.replace("_", "."): v for k, v in resolve.items()}
    return Session(CrawlOptions(dns_server=server.spec if server else None, timeout=timeout, resolve=mapping), NOW)


def test_signed_name_with_aaaa(server: DnsServer) -> None:
    result = dnsprobe.probe_dns("skhcn.hoalam.gov.vn", session(server))
    assert result["status"] == "probed" and result["error_class"] is None and result["rcode"] == "NOERROR"
    assert result["a"] == ["127.0.0.1"] and result["aaaa"] == ["::1"] and result["cname"] == []
    assert result["dnssec"] == {"rrsig": True, "ad": True}
    assert result["resolver"] == server.spec
    assert [(q["type"], q["rcode"]) for q in result["queries"]] == [("A", "NOERROR"), ("AAAA", "NOERROR")]


def test_unsigned_name_without_aaaa(server: DnsServer) -> None:
    result = dnsprobe.probe_dns("stc.hoalam.gov.vn", session(server))
    assert result["status"] == "probed" and result["a"] == ["127.0.0.1"] and result["aaaa"] == []
    assert result["dnssec"] == {"rrsig": False, "ad": False}


def test_cname_is_followed(server: DnsServer) -> None:
    result = dnsprobe.probe_dns("www.skhcn.hoalam.gov.vn", session(server))
    assert result["cname"] == ["skhcn.hoalam.gov.vn"]
    assert result["a"] == ["127.0.0.1"] and result["aaaa"] == ["::1"] and result["dnssec"]["rrsig"] is True


def test_nxdomain(server: DnsServer) -> None:
    result = dnsprobe.probe_dns("khong-co.hoalam.gov.vn", session(server))
    assert result["status"] == "failed" and result["error_class"] == "nxdomain" and result["rcode"] == "NXDOMAIN"
    assert result["dnssec"] == {"rrsig": None, "ad": None}


def test_timeout_is_bounded(server: DnsServer) -> None:
    start = time.monotonic()
    result = dnsprobe.probe_dns("slow.hoalam.gov.vn", session(server, timeout=0.4))
    assert result["status"] == "failed" and result["error_class"] == "timeout" and result["rcode"] is None
    assert time.monotonic() - start < 1.5


def test_the_other_probes_do_not_ask_again_for_a_name_that_failed(server: DnsServer) -> None:
    s = session(server, timeout=0.4)
    dnsprobe.probe_dns("slow.hoalam.gov.vn", s)
    start = time.monotonic()
    result = tls.probe_tls("https://slow.hoalam.gov.vn/", s)
    assert result["error_class"] == "dns" and time.monotonic() - start < 0.2
    assert server.zone.queries.count(("slow.hoalam.gov.vn", "A")) == 1


def test_resolve_mapping_is_never_looked_up_without_a_dns_server(server: DnsServer) -> None:
    result = dnsprobe.probe_dns("skhcn.hoalam.gov.vn", session(None, skhcn_hoalam_gov_vn="127.0.0.1"))
    assert result["status"] == "skipped" and result["error_class"] == "resolve_override"
    assert result["resolver"] is None and server.zone.queries == []


def test_resolve_mapping_is_looked_up_when_a_dns_server_is_given(server: DnsServer) -> None:
    result = dnsprobe.probe_dns("skhcn.hoalam.gov.vn", session(server, skhcn_hoalam_gov_vn="127.0.0.1"))
    assert result["status"] == "probed" and ("skhcn.hoalam.gov.vn", "AAAA") in server.zone.queries


@pytest.mark.parametrize(("host", "reason"), [("127.0.0.1", "ip_literal"), ("::1", "ip_literal"),
                                              ("localhost", "special_use"), ("egov2k10", "special_use"),
                                              ("portal.hoalam.test", "special_use")])
def test_names_never_asked_about(host: str, reason: str) -> None:
    # No resolver is configured: asking would mean the system's, maybe on the internet.
    result = dnsprobe.probe_dns(host, session(None))
    assert result["status"] == "skipped" and result["error_class"] == reason


def test_connections_use_the_configured_resolver(server: DnsServer) -> None:
    with Site() as site:
        s = session(server)
        dnsprobe.probe_dns("stc.hoalam.gov.vn", s)
        result = tls.probe_tls(f"https://stc.hoalam.gov.vn:{site.port}/", s)
    assert result["address"] == "127.0.0.1" and result["error_class"] == "tls_handshake"  # plain HTTP there
    assert server.zone.queries.count(("stc.hoalam.gov.vn", "A")) == 1  # the DNS probe's answer was reused


def test_no_name_server_at_all() -> None:
    resolver = dnsprobe.Resolver([], "system ()", 1)
    assert resolver.query("skhcn.hoalam.gov.vn", "A", session(None).deadline()).error_class == "dns"


@pytest.mark.parametrize(("text", "parsed"), [("127.0.0.1:5353", ("127.0.0.1", 5353)), ("127.0.0.1", ("127.0.0.1", 53)),
                                              ("[::1]:5353", ("::1", 5353)), ("::1", ("::1", 53))])
def test_dns_server_option(text: str, parsed: tuple[str, int]) -> None:
    assert parse_dns_server(text) == parsed


@pytest.mark.parametrize("text", ["ns.hoalam.gov.vn:53", "127.0.0.1:0", "127.0.0.1:x", ""])
def test_dns_server_option_rejects(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_dns_server(text)
