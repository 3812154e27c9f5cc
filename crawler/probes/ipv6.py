"""The IPv6 probe: is the portal reachable over IPv6, and is it the same page as over IPv4?

The address is the DNS probe's first AAAA; without one there is nothing to try (``no_aaaa``), and
without a DNS answer nothing is known (``skipped``).  Before any packet, the kernel is asked
whether this machine has an IPv6 route to that address at all: many scanning hosts have none,
and that is the scanner's limit, never the portal's fault (``no_ipv6_route``).  Then the portal
URL is fetched once over IPv6, with the same Host header and without following redirects, and
compared with the crawl's own first answer to that URL over IPv4 (:mod:`crawler.probes.crawlside`:
the crawl connects over IPv4 only, so that answer is not asked for twice); the two are the same
page when their status, their <title> and, for redirects, their Location agree.
"""

from __future__ import annotations

from typing import Any

from crawler.probes import httpget
from crawler.probes.fetch import fetch
from crawler.probes.net import Target, classify, has_route
from crawler.probes.session import Session


def skeleton(status: str, error_class: str | None = None) -> dict[str, Any]:
    return {"status": status, "address": None, "v6": None, "v4": None, "same_page": None, "error_class": error_class}


def _side(session: Session, url: str, address: str | None) -> dict[str, Any]:
    side: dict[str, Any] = {"address": address, "status": None, "title": None, "length": None, "location": None,
                            "error_class": None}
    if address is None:
        side["error_class"] = "no_a"
        return side
    try:
        reply = fetch(session, "ipv6", url, session.deadline(), address=address)
    except Exception as exc:
        side["error_class"] = classify(exc)
        return side
    side.update({"status": reply.status, "title": httpget.title(reply), "length": len(reply.body),
                 "location": reply.location})
    return side


def probe_ipv6(url: str, dns: dict[str, Any], session: Session) -> dict[str, Any]:
    if dns.get("status") != "probed":
        return skeleton("skipped", dns.get("error_class") or "dns")
    if not dns.get("aaaa"):
        return skeleton("no_aaaa")
    target = Target.of(url)
    result = skeleton("probed")
    result["address"] = address = dns["aaaa"][0]
    if not has_route(address, target.port):
        result.update({"status": "no_ipv6_route", "error_class": "no_ipv6_route"})
        return result
    mapped = session.mapped(target.host)
    result["v6"] = v6 = _side(session, url, address)
    if v6["status"] is None:
        result.update({"status": "failed", "error_class": v6["error_class"]})
    # The IPv4 answer is the crawl's own first request for the same URL: never sent twice.
    v4 = mapped if mapped and ":" not in mapped else next(iter(dns.get("a") or []), None)
    result["v4"] = {"source": "crawl", "address": v4, "status": None, "title": None, "length": None,
                    "location": None, "error_class": None}
    return result
