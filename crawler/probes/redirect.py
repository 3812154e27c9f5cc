"""The HTTP → HTTPS probe: what ``http://`` of the portal's host answers, hop by hop.

Redirects are followed while they stay on the host or its www twin (at most five); one that
leaves is recorded, not requested.  A 200 page that sends the visitor on with a
``<meta http-equiv=refresh>`` says so in its hop (``meta_refresh``): the rules decide whether that
counts.  The probe never sends the crawl's own first request (the portal URL): an http portal's
chain is the crawl's home request, and a chain that leads to the portal URL ends there with a
``crawled`` mark; both are completed when the spider closes (:mod:`crawler.probes.crawlside`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from crawler.probes.endpoints import twins
from crawler.probes.fetch import fetch, follow, hop
from crawler.probes.httpget import meta_refresh
from crawler.probes.net import ProbeError, Target, classify, same_url
from crawler.probes.session import Session

MAX_HOPS = 5


def skeleton(status: str, url: str | None, error_class: str | None) -> dict[str, Any]:
    return {"status": status, "endpoint": url, "chain": [], "final_url": None, "https_final": None,
            "error_class": error_class}


def probe_redirect(url: str, session: Session, *, crawled: str | None = None) -> dict[str, Any]:
    """``crawled``: the URL the crawl requests first (the portal URL), which this probe never sends."""
    try:
        host = Target.of(url).host
    except ProbeError as exc:
        return skeleton("failed", url, exc.error_class)
    if same_url(url, crawled):
        # The crawl's home request is this very request: its answers are filled in when it is done.
        return {**skeleton("pending", url, None), "source": "crawl"}
    result = skeleton("probed", url, None)
    deadline = session.deadline()
    try:
        first = fetch(session, "http_redirect", url, deadline)
    except Exception as exc:
        result.update({"status": "failed", "error_class": classify(exc), "chain": [hop(url, None, classify(exc))],
                       "error": str(exc)[:300]})
        return result
    hops, replies = follow(session, "http_redirect", first, twins(host), deadline, max_hops=MAX_HOPS, crawled=crawled)
    last = hops[-1]
    if last["status"] == 200 and replies[-1].url == last["url"]:
        last["meta_refresh"] = meta_refresh(replies[-1])
    # Where the chain points, whether or not the last step was requested.
    final = last["location"] if (last.get("followed") is False or last.get("crawled")) and last["location"] \
        else last["url"]
    parts = urlsplit(final)
    result.update({"chain": hops, "final_url": final,
                   "https_final": parts.scheme == "https" and (parts.hostname or "") in twins(host)})
    return result
