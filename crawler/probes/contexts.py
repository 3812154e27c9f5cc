"""TLS client contexts for the probes, built once per process and shared by the probing threads.

* **verify** — the chain is verified against the trust store (the system's, plus ``--ca-file``)
  with ``X509_V_FLAG_NO_CHECK_TIME``: an expired certificate is a date for the rules to judge
  against the run clock (TL-004), not a broken chain (TL-002).  The host name is not checked
  here either (TL-003 does it, :mod:`crawler.probes.certs`).
* **inspect** — no verification at all, any protocol and cipher OpenSSL still has: to read the
  certificate of a server whose chain is bad, or to fetch a page over TLS.
* **version** — exactly one protocol version: does the server accept it?

OpenSSL 3 offers TLS 1.0/1.1 only at security level 0, hence ``@SECLEVEL=0`` wherever a legacy
protocol must be possible.
"""

from __future__ import annotations

import functools
import ssl
import threading
import warnings

NO_CHECK_TIME = 0x200000  # X509_V_FLAG_NO_CHECK_TIME (the ssl module has no name for it)
LEGACY_CIPHERS = "ALL:@SECLEVEL=0"
VERSIONS = {"TLSv1": ssl.TLSVersion.TLSv1, "TLSv1.1": ssl.TLSVersion.TLSv1_1, "TLSv1.2": ssl.TLSVersion.TLSv1_2,
            "TLSv1.3": ssl.TLSVersion.TLSv1_3}
_LOCK = threading.Lock()


def _set_versions(ctx: ssl.SSLContext, low: ssl.TLSVersion, high: ssl.TLSVersion) -> None:
    # Python deprecates TLS 1.0/1.1 in these setters; probing for them is the point, so hush it.
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = low
        ctx.maximum_version = high


def can_offer(ctx: ssl.SSLContext) -> bool:
    """Whether OpenSSL writes a ClientHello with this context (no network: memory buffers)."""
    out = ssl.MemoryBIO()
    tls = ctx.wrap_bio(ssl.MemoryBIO(), out, server_hostname="probe.invalid")
    try:
        tls.do_handshake()
    except ssl.SSLWantReadError:
        return bool(out.pending)
    except ssl.SSLError:
        return False
    return False


def _unverified() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.set_ciphers(LEGACY_CIPHERS)
    return ctx


@functools.cache
def version_context(name: str) -> ssl.SSLContext | None:
    """A context offering only ``name`` ("TLSv1" … "TLSv1.3"); None when this OpenSSL cannot."""
    ctx = _unverified()
    try:
        _set_versions(ctx, VERSIONS[name], VERSIONS[name])
    except ValueError:
        return None
    return ctx if can_offer(ctx) else None


@functools.cache
def inspect_context() -> ssl.SSLContext:
    ctx = _unverified()
    _set_versions(ctx, ssl.TLSVersion.MINIMUM_SUPPORTED, ssl.TLSVersion.MAXIMUM_SUPPORTED)
    return ctx


@functools.cache
def verify_context(ca_file: str | None, legacy: bool) -> ssl.SSLContext:
    """``legacy`` also accepts what only TLS 1.0/1.1 servers speak (weak ciphers, weak keys)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.load_default_certs()
    if ca_file:
        ctx.load_verify_locations(cafile=ca_file)
    ctx.verify_flags |= NO_CHECK_TIME
    if legacy:
        ctx.set_ciphers(LEGACY_CIPHERS)
        _set_versions(ctx, ssl.TLSVersion.MINIMUM_SUPPORTED, ssl.TLSVersion.MAXIMUM_SUPPORTED)
    return ctx
