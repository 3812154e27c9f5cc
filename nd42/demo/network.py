"""What the demo's network looks like on this machine, and the DNS zone of the demo portals.

Two things the portals cannot decide alone: whether this machine has an IPv6 loopback (``::1``;
some containers have no IPv6 at all), and whether its OpenSSL can still speak TLS 1.0 (a build
may have removed it).  The truth of the portals follows what a scanner on this machine will meet
(:func:`nd42.demo.expect.adjust`).
"""

from __future__ import annotations

import functools
import ssl
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

from nd42.demo.common import DemoPortal

if TYPE_CHECKING:
    from nd42.demo.dnsserver import Zone


def legacy_tls_available() -> bool:
    """Whether this OpenSSL writes a TLS 1.0 ClientHello (in memory: nothing is sent anywhere)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        ctx.set_ciphers("ALL:@SECLEVEL=0")
        with warnings.catch_warnings():
            # Deprecated for clients that want security; offering TLS 1.0 is the test here.
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1
    except (ValueError, ssl.SSLError):
        return False
    out = ssl.MemoryBIO()
    tls = ctx.wrap_bio(ssl.MemoryBIO(), out, server_hostname="demo.invalid")
    try:
        tls.do_handshake()
    except ssl.SSLWantReadError:
        return bool(out.pending)
    except ssl.SSLError:
        return False
    return False


@functools.cache
def environment() -> dict[str, bool]:
    """``{"ipv6": …, "legacy_tls": …}`` for this machine (asked once per process)."""
    # Imported here: building the portals needs no DNS library, only serving them does.
    from nd42.demo.dnsserver import ipv6_loopback_available

    return {"ipv6": ipv6_loopback_available(), "legacy_tls": legacy_tls_available()}


def zone(portals: Mapping[str, DemoPortal]) -> Zone:
    """A for every portal host → 127.0.0.1; AAAA ``::1`` where the portal publishes one; one zone signed."""
    from nd42.demo.dnsserver import Record, Zone

    return Zone({p.hostname: Record(a=["127.0.0.1"], aaaa=["::1"] if p.net.aaaa else [], signed=p.net.dnssec)
                 for p in portals.values() if p.hostname})
