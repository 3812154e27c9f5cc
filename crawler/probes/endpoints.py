"""The endpoints a portal is probed on (pshtt's model): plain HTTP and HTTPS of its host.

The portal URL's own scheme keeps its port; the other scheme gets its default port, since that is
where a visitor who types the other scheme lands.  ``PortalConfig.endpoints`` overrides either
(the demo and the tests serve both on loopback ports of their own).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from crawler.probes.net import host_netloc
from nd42.config import PortalConfig


def endpoints(portal: PortalConfig) -> dict[str, str]:
    parts = urlsplit(portal.url)
    host = (parts.hostname or "").lower()
    out = {}
    for scheme in ("http", "https"):
        port = parts.port if parts.scheme == scheme else None
        out[scheme] = f"{scheme}://{host_netloc(host, port)}/"
    out.update({k: v for k, v in portal.endpoints.items() if k in out})
    return out


def twins(host: str) -> set[str]:
    """A host and its www twin: a redirect between them stays on the portal."""
    bare = host.lower().removeprefix("www.")
    return {bare, f"www.{bare}"}
