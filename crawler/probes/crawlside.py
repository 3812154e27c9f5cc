"""The crawl's own home request, reused by the probes instead of being sent twice.

The crawl requests the portal URL first thing; a probe that needs the answer to that very URL
(the HTTPS answer of an https portal, the redirect chain of an http one, the last hops of a chain
that leads there) does not request it again: it leaves a ``crawled`` mark, and when the spider
closes the answers the crawl received are filled in.  :class:`HomeChain` records them raw — each
response of the home request, redirects included, as the downloader got it — from Scrapy's
``response_downloaded`` signal.
"""

from __future__ import annotations

import gzip
import zlib
from typing import Any
from urllib.parse import urlsplit

from crawler.probes.endpoints import twins
from crawler.probes.httpget import KEPT, hsts_max_age, title_of
from crawler.urls import join
from nd42.records import PortalSnapshot

MAX_RESPONSES = 12
MAX_DECODED = 8 * 1024 * 1024  # a decompression bomb must not blow up the probe's memory


def decoded_body(body: bytes, content_encoding: str) -> bytes:
    """The body as the server meant it: ``response_downloaded`` fires before Scrapy decompresses.

    Without this the IPv4 side of the IPv6 comparison of a gzip portal has no title and the
    compressed length, and the two answers look like different pages.
    """
    encoding = content_encoding.lower().strip()
    try:
        if encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, MAX_DECODED)
        if encoding == "deflate":
            try:
                return zlib.decompressobj().decompress(body, MAX_DECODED)
            except zlib.error:  # raw deflate, as some servers send it
                return zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, MAX_DECODED)
    except (zlib.error, gzip.BadGzipFile, EOFError):
        return b""
    return body


class HomeChain:
    """``response_downloaded`` handler: the home request's responses, hop by hop."""

    def __init__(self) -> None:
        self.responses: list[dict[str, Any]] = []

    def __call__(self, response: Any, request: Any, spider: Any) -> None:
        if request.meta.get("role") != "home" or len(self.responses) >= MAX_RESPONSES:
            return
        headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        location = headers.get("location") if 300 <= response.status < 400 else None
        body = decoded_body(response.body, headers.get("content-encoding", ""))
        entry = {"url": response.url, "status": response.status,
                 "location": join(response.url, location) if location else None, "error_class": None,
                 "headers": {k: v for k, v in headers.items() if k in KEPT},
                 "address": str(response.ip_address) if getattr(response, "ip_address", None) else None,
                 "title": title_of(body, headers.get("content-type", "")),
                 "length": len(body)}
        if self.responses and self.responses[-1]["url"] == entry["url"] and self.responses[-1]["location"] is None:
            self.responses[-1] = entry  # a retry of the same URL: the later answer stands
        else:
            self.responses.append(entry)

    def hops(self, snapshot: PortalSnapshot, start: str) -> list[dict[str, Any]]:
        """The crawl's hops from ``start`` (the portal URL); a failed fetch ends with its error class."""
        hops = [{k: r[k] for k in ("url", "status", "location", "error_class")} for r in self.responses]
        home = snapshot.home()
        if home is not None and home.status is None:
            # The last request failed in the downloader (refused, timeout...): no response for it.
            failed_url = hops[-1]["location"] if hops else start
            hops.append({"url": failed_url, "status": None, "location": None, "error_class": home.error_class})
        if not hops:
            hops = [{"url": start, "status": None, "location": None, "error_class": "not_fetched"}]
        for hop in hops:
            hop["source"] = "crawl"
        return hops

    def headers(self, url: str) -> dict[str, str]:
        return next((dict(r["headers"]) for r in self.responses if r["url"] == url), {})


def _extend(hops: list[dict[str, Any]], crawl: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if hops and hops[-1].pop("crawled", False):
        hops[-1]["followed"] = True
        return hops + crawl
    return hops


def complete(probes: dict[str, dict[str, Any]], snapshot: PortalSnapshot, chain: HomeChain) -> None:
    """Fill the probes' ``crawled`` marks with what the crawl's home request received."""
    start = snapshot.url
    crawl = chain.hops(snapshot, start)
    _complete_redirect(probes.get("http_redirect"), crawl)
    _complete_https(probes.get("tls"), crawl, chain)
    _complete_ipv6(probes.get("ipv6"), chain, crawl[0])


def _complete_redirect(entry: dict[str, Any] | None, crawl: list[dict[str, Any]]) -> None:
    if not entry:
        return
    if entry.get("source") == "crawl":
        # The http endpoint is the portal URL: the crawl's home request is this probe's request.
        hops = [dict(h) for h in crawl]
        failed = hops[0]["status"] is None
        entry.update({"status": "failed" if failed else "probed", "error_class": hops[0]["error_class"]})
    elif entry.get("chain") and entry["chain"][-1].get("crawled"):
        hops = _extend(entry["chain"], [dict(h) for h in crawl])
    else:
        return
    final = hops[-1]["url"]
    host = urlsplit(entry.get("endpoint") or final).hostname or ""
    entry.update({"chain": hops, "final_url": final,
                  "https_final": urlsplit(final).scheme == "https" and (urlsplit(final).hostname or "") in twins(host)})


def _complete_https(entry: dict[str, Any] | None, crawl: list[dict[str, Any]], chain: HomeChain) -> None:
    https = (entry or {}).get("https")
    if not https:
        return
    if https.get("source") == "crawl":
        # The endpoint is the portal URL: its answer is the crawl's first response.
        first = crawl[0]
        https.update({"status": first["status"], "headers": chain.headers(first["url"]),
                      "error_class": first["error_class"], "chain": [dict(h) for h in crawl]})
    elif https.get("chain") and https["chain"][-1].get("crawled"):
        https["chain"] = _extend(https["chain"], [dict(h) for h in crawl])
    else:
        return
    last = https["chain"][-1]
    https.update({"final_url": last["url"], "final_status": last["status"]})
    if not https.get("hsts"):
        https["hsts"] = next((value for h in crawl if urlsplit(h["url"]).scheme == "https"
                              and (value := chain.headers(h["url"]).get("strict-transport-security"))), None)
    https["hsts_max_age"] = hsts_max_age(https["hsts"])


def _complete_ipv6(entry: dict[str, Any] | None, chain: HomeChain, first: dict[str, Any]) -> None:
    """The IPv4 side is the crawl's first answer to the portal URL (the crawl connects over IPv4 only)."""
    if not entry or not isinstance(entry.get("v4"), dict) or entry["v4"].get("source") != "crawl":
        return
    v4 = entry["v4"]
    response = chain.responses[0] if chain.responses else None
    if response is None:
        v4.update({"status": None, "error_class": first["error_class"]})
        return
    v4.update({k: response[k] for k in ("status", "title", "length", "location")})
    v4["address"] = response["address"] or v4.get("address")
    v6 = entry.get("v6") or {}
    if v6.get("status") is not None:
        entry["same_page"] = all(v6.get(k) == v4.get(k) for k in ("status", "title", "location"))
