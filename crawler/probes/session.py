"""One portal's probing session: addresses, politeness, and the record of what was sent.

A session belongs to one thread and one portal: its exchanges run one after the other, so the
portal never sees more than one probe connection at a time, and consecutive connections to a
host are spaced by the crawl's delay, as the spider's requests are.  Every connection is logged
(``probes["network"]["requests"]``) so a webmaster can see exactly what the scanner did.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
import time
from collections.abc import Iterator
from typing import Any

from crawler.probes import httpget
from crawler.probes.dns import Resolver
from crawler.probes.httpget import Reply
from crawler.probes.net import BudgetSpent, Deadline, ProbeError, Target, classify, connect, is_ip
from crawler.settings import USER_AGENT
from nd42.config import CrawlOptions

LOG_CAP = 60  # a session makes about a dozen connections; the cap only guards against surprises
# A connection that timed out or found no route is not tried again in the same session: the
# next probe would only wait as long again for the same answer.
STICKY = ("timeout", "no_route")


class Exchange:
    """One connection of a probe; the probe sets ``outcome`` (a status or what it learnt)."""

    def __init__(self, session: Session, sock: socket.socket, entry: dict[str, Any]) -> None:
        self.session = session
        self.sock = sock
        self.entry = entry
        self.outcome: str | None = None

    def get(self, target: Target, deadline: Deadline) -> Reply:
        """The exchange's HTTP request (counted: it comes out of the portal's page budget)."""
        self.session.http_requests += 1
        return httpget.get(self.sock, target, self.session.user_agent, deadline)


class Session:
    def __init__(self, options: CrawlOptions, clock: dt.datetime) -> None:
        self.options = options
        self.clock = clock
        self.user_agent = options.user_agent or USER_AGENT
        self.resolve = {h.lower().rstrip("."): ip for h, ip in options.resolve.items()}
        self.resolver: Resolver | None = Resolver.at(options.dns_server, options.timeout) if options.dns_server \
            else None
        self.log: list[dict[str, Any]] = []
        self.connections = 0
        self.http_requests = 0
        self._t0 = time.monotonic()
        self._last: dict[str, float] = {}
        self._sticky: dict[tuple[str, int], str] = {}
        self._addresses: dict[str, list[str]] = {}
        self._unresolved: dict[str, str] = {}

    def deadline(self) -> Deadline:
        return Deadline(self.options.timeout)

    def at(self) -> str:
        return (self.clock + dt.timedelta(seconds=time.monotonic() - self._t0)).isoformat(timespec="seconds")

    def mapped(self, host: str) -> str | None:
        return self.resolve.get(host.lower().rstrip("."))

    def addresses(self, host: str, deadline: Deadline) -> list[str]:
        """IP addresses to connect to ``host``: --resolve first (never a lookup), then the configured
        resolver, then the system's."""
        if is_ip(host):
            return [host]
        mapped = self.mapped(host)
        if mapped is not None:
            return [mapped]
        if host in self._addresses:
            return self._addresses[host]
        if host in self._unresolved:
            raise ProbeError(_lookup_class(self._unresolved[host]), f"{host}: {self._unresolved[host]} (DNS probe)")
        found: list[str] = []
        if self.resolver is not None:
            for rtype in ("A", "AAAA"):
                answer = self.resolver.query(host, rtype, deadline)
                if answer.error_class is not None and not found:
                    raise ProbeError(_lookup_class(answer.error_class), f"{host} {rtype}: {answer.error_class}")
                found += answer.addresses
                if found:
                    break
        else:
            try:
                infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
            except socket.gaierror as exc:
                raise ProbeError("dns", f"{host}: {exc}") from exc
            found = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not found:
            raise ProbeError("dns", f"{host}: no address")
        self._addresses[host] = found
        return found

    def remember(self, host: str, addresses: list[str], error_class: str | None = None) -> None:
        """What the DNS probe found with the configured resolver: connections use it unasked, and a
        name that did not resolve is not asked about again by every later probe."""
        if error_class is not None:
            self._unresolved[host] = error_class
        elif addresses:
            self._addresses[host] = addresses

    def _pace(self, host: str, deadline: Deadline) -> None:
        last = self._last.get(host)
        if last is None or self.options.delay <= 0:
            return
        wait = self.options.delay - (time.monotonic() - last)
        if wait > 0:
            time.sleep(wait)
            deadline.extend(wait)

    @contextlib.contextmanager
    def exchange(self, probe: str, what: str, host: str, address: str, port: int,
                 deadline: Deadline) -> Iterator[Exchange]:
        """A logged, paced connection to ``address:port`` for ``host``; closed on leaving."""
        self._pace(host, deadline)
        entry: dict[str, Any] = {"probe": probe, "what": what, "host": host, "address": address, "port": port,
                                 "at": self.at(), "ms": None, "outcome": None}
        if len(self.log) < LOG_CAP:
            self.log.append(entry)
        start = time.monotonic()
        try:
            sticky = self._sticky.get((address, port))
            if sticky is not None:
                raise ProbeError(sticky, f"{address}:{port} {sticky} earlier in this session: not tried again")
            self.connections += 1
            try:
                sock = connect(address, port, deadline)
            except Exception as exc:
                if classify(exc) in STICKY and not isinstance(exc, BudgetSpent):
                    self._sticky[(address, port)] = classify(exc)
                raise
            ex = Exchange(self, sock, entry)
            try:
                yield ex
            finally:
                ex.sock.close()
            entry["outcome"] = ex.outcome or "ok"
        except Exception as exc:
            entry["outcome"] = classify(exc)
            raise
        finally:
            entry["ms"] = int((time.monotonic() - start) * 1000)
            self._last[host] = time.monotonic()


def _lookup_class(dns_error: str) -> str:
    # A probe that could not even find the host failed on the DNS, whatever the resolver's trouble was.
    return "nxdomain" if dns_error == "nxdomain" else "dns"
