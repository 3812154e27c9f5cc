"""Failure is data: every way a fetch can go wrong becomes a short, stable error class."""

from __future__ import annotations

import re
from typing import Any

# Words seen on challenge pages of WAFs and anti-bot services (Cloudflare, F5, Imperva, Akamai).
_WAF_MARKERS = re.compile(
    rb"cf-chl|challenge-platform|attention required|captcha|access denied|request rejected|"
    rb"the requested url was rejected|bot verification|incapsula|ddos protection|checking your browser",
    re.IGNORECASE,
)


def classify_failure(failure: Any) -> tuple[str, str]:
    """(error class, message) for a Twisted failure raised while fetching."""
    exc = getattr(failure, "value", failure)
    names = [cls.__name__ for cls in type(exc).__mro__]
    module = type(exc).__module__
    text = str(exc)
    http_response = getattr(exc, "response", None)
    if http_response is not None and "HttpError" in names:
        return http_error_class(http_response.status, http_response.body), text
    if "IgnoreRequest" in names:
        if "robots" in text.lower() or "Forbidden by robots" in text:
            return "robots", text
        if "offsite" in text.lower():
            return "offsite", text
        if "max" in text.lower() and "size" in text.lower():
            return "too_large", text
        return "ignored", text
    if any(n in names for n in ("DNSLookupError", "gaierror", "CannotResolveHostError")) or any(
            "DNS" in n for n in names):
        return "dns", text
    if any("Timeout" in n or "TimedOut" in n for n in names):
        return "timeout", text
    # Scrapy ≥ 2.13 wraps Twisted's errors in its own Download* exceptions.
    if any("ConnectionRefused" in n for n in names):
        return "refused", text
    if "SSL" in module or "ssl" in module.lower() or any("SSL" in n or "TLS" in n for n in names):
        return "tls", text
    if "ResponseNeverReceived" in names or "ResponseFailed" in names:
        inner = " ".join(str(r) for r in getattr(exc, "reasons", []))
        if "SSL" in inner or "certificate" in inner or "tls" in inner.lower():
            return "tls", inner or text
        if "timeout" in inner.lower():
            return "timeout", inner
        return "reset", inner or text
    if any(n in names for n in ("ConnectionLost", "ConnectionDone", "ConnectionResetError", "ConnectionAborted")):
        return "reset", text
    if "DownloadCancelledError" in names or ("cancelled" in text.lower() and "size" in text.lower()):
        return "too_large", text
    if "DownloadFailedError" in names:
        return "reset", text
    return type(exc).__name__.lower(), text


def http_error_class(status: int, body: bytes = b"") -> str:
    """``http_404``; ``waf`` when a 403/429/503 (or an empty-looking page) is a challenge."""
    if status in (403, 429, 503) and _WAF_MARKERS.search(body[:20000]):
        return "waf"
    return f"http_{status}"


# Only unambiguous challenge markers for 200 answers: a contact form may well mention a captcha.
_CHALLENGE_200 = re.compile(rb"cf-chl|challenge-platform|checking your browser|ddos protection by|_incapsula_resource",
                            re.IGNORECASE)


def looks_like_challenge(body: bytes) -> bool:
    """A 200 answer that is a WAF challenge, not the portal's page."""
    return len(body) < 30000 and bool(_CHALLENGE_200.search(body[:30000]))
