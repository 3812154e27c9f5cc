"""One portal's network probes, in order: DNS, TLS, HTTP → HTTPS, IPv6 (which needs the DNS answer).

A probe that raises anyway (a bug, never a network error: those are data) leaves its entry
``failed`` with error class ``probe_error``: a broken probe never costs the portal its crawl.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from crawler.probes import dns, ipv6, redirect, tls
from crawler.probes.endpoints import endpoints
from crawler.probes.session import Session
from nd42.config import CrawlOptions, PortalConfig

PROBES = ("dns", "tls", "http_redirect", "ipv6")


def skipped_probes(reason: str) -> dict[str, dict[str, Any]]:
    """Every probe's entry, not run (``reason`` is the error class, e.g. ``disabled``)."""
    return {
        "dns": dns.skeleton("skipped", reason),
        "tls": tls.skeleton("skipped", None, reason),
        "http_redirect": redirect.skeleton("skipped", None, reason),
        "ipv6": ipv6.skeleton("skipped", reason),
        "network": {"status": "skipped", "reason": reason, "requests": []},
    }


def _guarded(name: str, probe: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return probe()
    except Exception as exc:
        return {"status": "failed", "error_class": "probe_error", "error": f"{name}: {type(exc).__name__}: {exc}"[:300]}


def run_probes(portal: PortalConfig, options: CrawlOptions, clock: dt.datetime) -> dict[str, dict[str, Any]]:
    """``snapshot.probes`` entries ``dns``, ``tls``, ``http_redirect``, ``ipv6`` and ``network``
    (what was sent), for one portal; blocking, bounded by the crawl timeout per probe."""
    if not options.network_probes:
        return skipped_probes("disabled")
    start = time.monotonic()
    session = Session(options, clock)
    ends = endpoints(portal)
    host = (urlsplit(portal.url).hostname or "").lower()
    out: dict[str, dict[str, Any]] = {}
    out["dns"] = _guarded("dns", lambda: dns.probe_dns(host, session))
    out["tls"] = _guarded("tls", lambda: tls.probe_tls(ends["https"], session, crawled=portal.url))
    out["http_redirect"] = _guarded("http_redirect",
                                    lambda: redirect.probe_redirect(ends["http"], session, crawled=portal.url))
    out["ipv6"] = _guarded("ipv6", lambda: ipv6.probe_ipv6(portal.url, out["dns"], session))
    out["network"] = {
        "status": "probed", "started_at": clock.isoformat(timespec="seconds"),
        "duration_s": round(time.monotonic() - start, 2), "endpoints": ends,
        "resolver": options.dns_server or "system", "ca_file": bool(options.ca_file),
        "user_agent": session.user_agent, "connections": session.connections, "http_requests": session.http_requests,
        "requests": session.log,
    }
    return out
