"""Host names resolved from a fixed table (``--resolve HOST:IP``) instead of the DNS.

The demo portals and the tests serve public-looking host names (``skhcn.hoalam.gov.vn``) on
127.0.0.1.  Scrapy installs its resolver on the reactor (``TWISTED_DNS_RESOLVER``), and Twisted's
TCP endpoints, which the HTTP/1.1 download handler uses, resolve through it; so a mapped host
never causes a DNS query, and the request still carries the host name in its ``Host`` header.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.base import ReactorBase

SETTING = "ND42_RESOLVE"


class OverrideResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, with the hosts of ``ND42_RESOLVE`` answered from the table."""

    def __init__(self, reactor: ReactorBase, cache_size: int, timeout: float,
                 table: dict[str, str] | None = None) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.table = {host.lower().rstrip("."): ip for host, ip in (table or {}).items()}

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: ReactorBase) -> OverrideResolver:
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"), dict(settings.getdict(SETTING)))

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        ip = self.table.get(name.lower().rstrip("."))
        if ip is not None:
            return defer.succeed(ip)
        return super().getHostByName(name, timeout)
