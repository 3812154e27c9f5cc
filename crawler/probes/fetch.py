"""Fetching one URL for a probe (plain or over TLS, never verified: certificates are the TLS probe's
business), and following its redirects while they stay on the portal's host."""

from __future__ import annotations

from typing import Any

from crawler.probes.contexts import inspect_context
from crawler.probes.httpget import Reply
from crawler.probes.net import Deadline, ProbeError, Target, classify, same_url
from crawler.probes.session import Session


def fetch(session: Session, probe: str, url: str, deadline: Deadline, *, address: str | None = None) -> Reply:
    target = Target.of(url)
    address = address or session.addresses(target.host, deadline)[0]
    with session.exchange(probe, f"GET {url}", target.host, address, target.port, deadline) as ex:
        if target.scheme == "https":
            try:
                ex.sock = inspect_context().wrap_socket(ex.sock, server_hostname=target.sni)
            except Exception as exc:
                raise ProbeError(classify(exc), str(exc)) from exc
        reply = ex.get(target, deadline)
        ex.outcome = str(reply.status)
        return reply


def hop(url: str, reply: Reply | None = None, error_class: str | None = None) -> dict[str, Any]:
    return {"url": url, "status": reply.status if reply else None, "location": reply.location if reply else None,
            "error_class": error_class}


def follow(session: Session, probe: str, first: Reply, allowed: set[str], deadline: Deadline, *,
           max_hops: int, https_only: bool = False, crawled: str | None = None) -> tuple[list[dict[str, Any]],
                                                                                         list[Reply]]:
    """The redirect chain from ``first``: a hop per answer; a Location that leaves ``allowed`` hosts
    (or, ``https_only``, goes back to http) is recorded with ``followed`` false, not requested.  One
    that leads to ``crawled`` (the portal URL, which the crawl requests) ends the chain with a
    ``crawled`` mark: the crawl's answers are filled in later (:mod:`crawler.probes.crawlside`)."""
    hops, replies = [hop(first.url, first)], [first]
    seen = {first.url}
    reply = first
    while reply.location is not None and len(hops) <= max_hops:
        location = reply.location
        try:
            target = Target.of(location)
        except ProbeError:
            hops[-1]["followed"] = False
            break
        if same_url(location, crawled):
            hops[-1]["crawled"] = True
            break
        if target.host not in allowed or (https_only and target.scheme != "https") or location in seen:
            hops[-1]["followed"] = False
            hops[-1]["loop"] = location in seen
            break
        seen.add(location)
        try:
            reply = fetch(session, probe, location, deadline)
        except Exception as exc:
            hops.append(hop(location, error_class=classify(exc)))
            break
        hops.append(hop(location, reply))
        replies.append(reply)
    return hops, replies
