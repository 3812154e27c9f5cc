"""End to end: ``nd42 check`` in a subprocess against a local HTTPS portal (demo CA, loopback DNS server,
--resolve), and the probes as stored; then the same with --no-network-probes; then two portals at once
through ``crawl_portals`` (the thread pool hands each portal to the reactor when its probes are done)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nd42.clock import VN_TZ
from nd42.demo.dnsserver import DnsServer, Record, Zone, ipv6_loopback_available
from nd42.demo.tls import DemoPki
from tests.test_probes_servers import PAGE, Site, refused_port

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
HOST = "skhcn.hoalam.gov.vn"
HSTS = "max-age=31536000; includeSubDomains"
pytestmark = pytest.mark.e2e


@dataclass
class Portal:
    https: Site
    https6: Site | None
    http: Site
    dns: DnsServer
    pki: DemoPki

    @property
    def url(self) -> str:
        return self.https.url("/", HOST)


def _bind_twin(context: Any) -> tuple[Site, Site | None]:
    """HTTPS on 127.0.0.1 and, where the machine has ::1, on the same port there (a dual-stack server)."""
    routes = {"/": (200, {"Strict-Transport-Security": HSTS}, PAGE)}
    if not ipv6_loopback_available():
        return Site(routes, context=context), None
    for _ in range(20):
        site = Site(routes, context=context)
        try:
            return site, Site(routes, context=context, host="::1", port=site.port)
        except OSError:
            site.server.server_close()
    pytest.skip("no port free on both 127.0.0.1 and ::1")


@pytest.fixture(scope="module")
def portal() -> Iterator[Portal]:
    pki = DemoPki(NOW)
    context = pki.server_context("valid", HOST)
    https, https6 = _bind_twin(context)
    record = Record(a=["127.0.0.1"], aaaa=["::1"] if https6 else [], signed=True)
    with DnsServer(Zone({HOST: record})) as dns, https, Site() as http:
        http.server.routes["/"] = (301, {"Location": https.url("/", HOST)}, b"")
        if https6 is not None:
            https6.__enter__()
        try:
            yield Portal(https, https6, http, dns, pki)
        finally:
            if https6 is not None:
                https6.__exit__(None, None, None)
            pki.close()


def check(portal: Portal, tmp: Path, *extra: str) -> dict[str, Any]:
    conf = tmp / "portal.toml"
    conf.write_text(f'[portal]\nurl = "{portal.url}"\n[portal.endpoints]\nhttp = "{portal.http.url("/", HOST)}"\n',
                    encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "nd42.cli", "check", "--portal-config", str(conf), "--now", "2026-11-24", "--quiet",
         "--delay", "0", "--timeout", "3", "--budget", "12", "--resolve", f"{HOST}:127.0.0.1",
         "--out", str(tmp / "out"), "--db", str(tmp / "db.sqlite3"), *extra],
        capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    from nd42.records import to_jsonable
    from nd42.store import Store

    with Store(tmp / "db.sqlite3") as store:
        run = store.latest_run()
        assert run is not None
        (portal_id,) = store.portal_ids(run.id)
        return to_jsonable(store.load_snapshot(run.id, portal_id))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def probed(portal: Portal, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return check(portal, tmp_path_factory.mktemp("probed"), "--dns-server", portal.dns.spec,
                 "--ca-file", str(portal.pki.ca_file))


def test_tls_probe_stored(probed: dict[str, Any]) -> None:
    tls = probed["probes"]["tls"]
    assert tls["status"] == "probed" and tls["chain"] == {"valid": True, "error": None}
    assert tls["hostname_match"] is True and tls["cert"]["san"] == [HOST]
    assert tls["protocols"]["TLSv1.2"] is True and tls["protocols"]["TLSv1.3"] is True
    assert tls["protocols"]["TLSv1"] is False
    https = tls["https"]
    assert https["source"] == "crawl" and https["status"] == 200 and https["hsts"] == HSTS
    assert https["hsts_max_age"] == 31536000


def test_redirect_probe_stored(probed: dict[str, Any], portal: Portal) -> None:
    redirect = probed["probes"]["http_redirect"]
    assert redirect["status"] == "probed" and redirect["https_final"] is True
    assert [(h["status"], h.get("source")) for h in redirect["chain"]] == [(301, None), (200, "crawl")]
    assert redirect["final_url"] == portal.url


def test_dns_and_ipv6_probes_stored(probed: dict[str, Any], portal: Portal) -> None:
    dns, ipv6 = probed["probes"]["dns"], probed["probes"]["ipv6"]
    assert dns["status"] == "probed" and dns["resolver"] == portal.dns.spec and dns["a"] == ["127.0.0.1"]
    assert dns["dnssec"] == {"rrsig": True, "ad": True}
    assert {name for name, _ in portal.dns.zone.queries} == {HOST}  # no other name was ever asked about
    if portal.https6 is None:
        assert dns["aaaa"] == [] and ipv6["status"] == "no_aaaa"
        return
    assert dns["aaaa"] == ["::1"]
    assert ipv6["status"] == "probed" and ipv6["same_page"] is True
    assert ipv6["v6"]["status"] == ipv6["v4"]["status"] == 200 and ipv6["v4"]["source"] == "crawl"


def test_politeness_recorded_and_home_never_requested_twice(probed: dict[str, Any], portal: Portal) -> None:
    network, crawl = probed["probes"]["network"], probed["crawl"]
    assert network["status"] == "probed" and network["requests"]
    assert all(e["address"] in ("127.0.0.1", "::1") for e in network["requests"])
    assert crawl["page_budget"] == 12 and crawl["probe_http_requests"] == network["http_requests"]
    assert crawl["requests"] + crawl["probe_http_requests"] <= 12
    v4_home = [s for s in portal.https.seen if s["path"] == "/"]
    assert len(v4_home) == 1  # the crawl's; the probes reused its answers
    assert portal.https.max_active <= 2


def test_no_network_probes(portal: Portal, tmp_path: Path) -> None:
    before = len(portal.http.seen)
    snapshot = check(portal, tmp_path, "--no-network-probes")
    probes = snapshot["probes"]
    assert {probes[k]["status"] for k in ("tls", "http_redirect", "dns", "ipv6")} == {"skipped"}
    assert probes["tls"]["error_class"] == "disabled" and snapshot["crawl"]["probe_http_requests"] == 0
    assert len(portal.http.seen) == before


SCRIPT = """
import json, sys
from nd42.clock import parse_clock
from nd42.config import CrawlOptions, PortalConfig
from crawler.runner import crawl_portals
args = json.loads(sys.argv[1])
portals = [PortalConfig(id=p["id"], url=p["url"], endpoints=p.get("endpoints", {})) for p in args["portals"]]
options = CrawlOptions(delay=0, timeout=3, page_budget=6, resolve=args["resolve"], ca_file=args["ca_file"])
seen = {}
crawl_portals(portals, options, parse_clock("2026-11-24"), lambda s: seen.__setitem__(s.portal_id, s.probes))
print(json.dumps(seen))
"""


def test_several_portals_each_probed_before_its_crawl(portal: Portal) -> None:
    other = "stc.hoalam.gov.vn"
    with Site() as plain:
        args = {"portals": [{"id": "skhcn", "url": portal.url, "endpoints": {"http": portal.http.url("/", HOST)}},
                            {"id": "stc", "url": plain.url("/", other),
                             "endpoints": {"https": f"https://{other}:{refused_port()}/"}}],
                "resolve": {HOST: "127.0.0.1", other: "127.0.0.1"}, "ca_file": str(portal.pki.ca_file)}
        out = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(args)], capture_output=True, text=True,
                             timeout=180)
        assert out.returncode == 0, out.stderr
        assert [s["path"] for s in plain.seen].count("/") == 1
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert set(seen) == {"skhcn", "stc"}
    assert seen["skhcn"]["tls"]["chain"]["valid"] is True and seen["skhcn"]["http_redirect"]["https_final"] is True
    stc = seen["stc"]["http_redirect"]
    assert stc["source"] == "crawl" and [h["status"] for h in stc["chain"]] == [200] and stc["https_final"] is False
    assert seen["stc"]["tls"]["error_class"] == "refused"
