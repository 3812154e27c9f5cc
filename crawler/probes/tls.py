"""The HTTPS probe: handshake, certificate, chain, host name, protocol versions, and the HTTPS answer.

Connections, in order (one at a time, paced like the crawl):

1. a verifying handshake (default security level) and a GET of the HTTPS endpoint on the same
   connection — the common case ends the chain question here; no GET when the endpoint is the
   portal URL, which the crawl requests anyway (:mod:`crawler.probes.crawlside`);
2. only if that handshake is refused before verification: the same at security level 0 (servers
   that speak nothing newer than TLS 1.0/1.1 or only weak ciphers);
3. only if the chain does not verify: an unverified handshake + GET, to read the certificate and
   the answer anyway;
4. one handshake per protocol version not yet seen (no HTTP request), and the endpoint's
   same-host HTTPS redirects, if any (at most three).
"""

from __future__ import annotations

import dataclasses
import ssl
from typing import Any

from crawler.probes import certs
from crawler.probes.contexts import VERSIONS, inspect_context, verify_context, version_context
from crawler.probes.endpoints import twins
from crawler.probes.fetch import follow
from crawler.probes.httpget import Reply, hsts_max_age
from crawler.probes.net import Deadline, ProbeError, Target, classify, same_url
from crawler.probes.session import Session

HTTPS_REDIRECTS = 3
# A handshake the server answered with an alert or by hanging up: it does not accept what was offered.
REFUSALS = ("tls_handshake", "reset")


class HandshakeFailed(ProbeError):
    def __init__(self, exc: BaseException) -> None:
        super().__init__(classify(exc), str(exc))
        self.verify_error: str | None = None
        if isinstance(exc, ssl.SSLCertVerificationError):
            self.verify_error = str(exc.verify_message or exc.reason or exc)


@dataclasses.dataclass
class Handshake:
    der: bytes | None
    version: str | None
    cipher: str | None
    reply: Reply | None = None
    reply_error: str | None = None


def handshake(session: Session, target: Target, address: str, ctx: ssl.SSLContext, label: str,
              deadline: Deadline, *, get: bool) -> Handshake:
    what = f"TLS handshake ({label})" + (f" + GET {target.url}" if get else "")
    with session.exchange("tls", what, target.host, address, target.port, deadline) as ex:
        try:
            ex.sock.settimeout(deadline.remaining())
            tls = ctx.wrap_socket(ex.sock, server_hostname=target.sni)
        except Exception as exc:
            raise HandshakeFailed(exc) from exc
        ex.sock = tls
        cipher = tls.cipher()
        result = Handshake(tls.getpeercert(binary_form=True), tls.version(), cipher[0] if cipher else None)
        if get:
            try:
                result.reply = ex.get(target, deadline)
            except Exception as exc:
                result.reply_error = classify(exc)
        ex.outcome = str(result.reply.status) if result.reply else (result.reply_error or result.version)
        return result


def skeleton(status: str, url: str | None, error_class: str | None) -> dict[str, Any]:
    return {"status": status, "endpoint": url, "address": None, "error_class": None if status == "probed" else
            error_class, "https": None, "cert": None, "chain": {"valid": None, "error": None},
            "hostname_match": None, "protocols": dict.fromkeys(VERSIONS), "protocol_errors": {},
            "negotiated": None, "cipher": None}


def _https(session: Session, target: Target, hs: Handshake, deadline: Deadline, crawled: str | None) -> dict[str, Any]:
    if hs.reply is None:
        empty: dict[str, Any] = {"status": None, "final_url": None, "final_status": None, "hsts": None,
                                 "hsts_max_age": None, "headers": {}, "chain": [], "error_class": hs.reply_error}
        # The endpoint is the portal URL: the crawl's home request answers for it (crawlside).
        return {**empty, "source": "crawl"} if same_url(target.url, crawled) else empty
    hops, replies = follow(session, "tls", hs.reply, twins(target.host), deadline, max_hops=HTTPS_REDIRECTS,
                           https_only=True, crawled=crawled)
    last = replies[-1]
    # Browsers honour the header on any HTTPS answer of the host: the endpoint's own first, else the
    # page it leads to.
    hsts = hs.reply.headers.get("strict-transport-security") or next(
        (r.headers["strict-transport-security"] for r in replies if "strict-transport-security" in r.headers), None)
    return {"status": hs.reply.status, "final_url": last.url, "final_status": last.status, "hsts": hsts,
            "hsts_max_age": hsts_max_age(hsts), "headers": hs.reply.kept_headers(),
            "chain": hops, "error_class": None}


def _first_handshake(session: Session, target: Target, address: str, deadline: Deadline,
                     chain: dict[str, Any], get: bool) -> Handshake:
    """Steps 1–3: a verified handshake if the chain allows, else an unverified one."""
    ca_file = session.options.ca_file
    try:
        hs = handshake(session, target, address, verify_context(ca_file, False), "verify", deadline, get=get)
    except HandshakeFailed as first:
        if first.verify_error is None and first.error_class not in REFUSALS:
            raise
        if first.verify_error is None:
            try:
                hs = handshake(session, target, address, verify_context(ca_file, True), "verify, legacy", deadline,
                               get=get)
                chain.update({"valid": True, "security_level": 0})
                return hs
            except HandshakeFailed as second:
                if second.verify_error is None:
                    raise
                first = second
        chain.update({"valid": False, "error": first.verify_error})
        return handshake(session, target, address, inspect_context(), "unverified", deadline, get=get)
    chain["valid"] = True
    return hs


def _protocols(session: Session, target: Target, address: str, negotiated: str | None, deadline: Deadline,
               result: dict[str, Any]) -> None:
    protocols, errors = result["protocols"], result["protocol_errors"]
    for name in VERSIONS:
        if name == negotiated:
            protocols[name] = True
            continue
        ctx = version_context(name)
        if ctx is None:
            errors[name] = "untested: the scanner's OpenSSL cannot offer it"
            continue
        try:
            handshake(session, target, address, ctx, name, deadline, get=False)
            protocols[name] = True
        except HandshakeFailed as exc:
            if exc.error_class in REFUSALS:
                protocols[name] = False
            errors[name] = f"{exc.error_class}: {exc}"[:200]
        except Exception as exc:
            # No answer either way (timeout, the probe's time spent): untested, not refused.
            errors[name] = f"untested: {classify(exc)}"


def probe_tls(url: str, session: Session, *, crawled: str | None = None) -> dict[str, Any]:
    """``crawled``: the URL the crawl requests first (the portal URL), which this probe never GETs."""
    try:
        target = Target.of(url)
    except ProbeError as exc:
        return skeleton("failed", url, exc.error_class)
    deadline = session.deadline()
    result = skeleton("probed", url, None)
    try:
        address = session.addresses(target.host, deadline)[0]
        result["address"] = address
        hs = _first_handshake(session, target, address, deadline, result["chain"], not same_url(url, crawled))
    except Exception as exc:
        failed = skeleton("failed", url, classify(exc))
        failed.update({"address": result["address"], "error": str(exc)[:300]})
        return failed
    result.update({"negotiated": hs.version, "cipher": hs.cipher})
    if hs.der:
        result["cert"] = certs.describe(hs.der)
        result["hostname_match"] = certs.hostname_match(hs.der, target.host)
    result["https"] = _https(session, target, hs, deadline, crawled)
    _protocols(session, target, address, hs.version, deadline, result)
    return result
