"""Failure is data: every way a fetch can go wrong becomes a short, stable error class."""

from __future__ import annotations

import re
from typing import Any

from scrapy.exceptions import IgnoreRequest

# Words seen on challenge pages of WAFs and anti-bot services (Cloudflare, F5, Imperva, Akamai).
_WAF_MARKERS = re.compile(
    rb"cf-chl|challenge-platform|attention required|captcha|access denied|request rejected|"
    rb"the requested url was rejected|bot verification|incapsula|ddos protection|checking your browser",
    re.IGNORECASE,
)


MESSAGE_CAP = 500  # characters of an error message kept (a 1 MB URL must not be stored whole)


class Refused(IgnoreRequest):
    """A fetch the crawler itself declined, already classified (``offsite``, ``redirect_loop``...); an
    ``IgnoreRequest``, so that Scrapy hands it to the request's errback."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, what it wraps (``__cause__``/``__context__``) and, for Twisted's ResponseFailed and
    ResponseNeverReceived, the failures in its ``reasons``: Scrapy ≥ 2.13 wraps Twisted's errors in its
    own, so the class that says what happened is often a level or two down."""
    out: list[BaseException] = []
    todo = [exc]
    while todo and len(out) < 20:
        one = todo.pop(0)
        if any(one is seen for seen in out):
            continue
        out.append(one)
        todo.extend(e for e in (one.__cause__, one.__context__) if e is not None)
        for reason in getattr(one, "reasons", None) or []:
            value = getattr(reason, "value", reason)
            if isinstance(value, BaseException):
                todo.append(value)
    return out


def _describe(chain: list[BaseException]) -> str:
    parts = []
    for exc in chain:
        text = str(exc)
        if "<twisted.python.failure.Failure" in text:
            text = ""  # a list of reasons, shown one by one below
        part = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        if part not in parts:
            parts.append(part)
    return "; ".join(parts)


def classify_failure(failure: Any) -> tuple[str, str]:
    """(error class, message) for a Twisted failure raised while fetching; the message at most
    :data:`MESSAGE_CAP` characters."""
    exc = getattr(failure, "value", failure)
    error_class, message = _classify(exc)
    return error_class, _cap(message)


def _cap(text: str) -> str:
    return text if len(text) <= MESSAGE_CAP else text[: MESSAGE_CAP - 1] + "…"


def _classify(exc: Any) -> tuple[str, str]:
    if not isinstance(exc, BaseException):
        return "unknown", _cap(str(exc))
    if isinstance(exc, Refused):
        return exc.error_class, str(exc)
    chain = _chain(exc)
    names = {cls.__name__ for one in chain for cls in type(one).__mro__}
    modules = " ".join(type(one).__module__ for one in chain)
    text = str(exc)
    described = _describe(chain)
    http_response = getattr(exc, "response", None)
    if http_response is not None and "HttpError" in names:
        status = int(http_response.status)
        if 300 <= status < 400:
            # A redirect Scrapy would not follow: to a scheme it does not fetch (file:, ftp:, javascript:...).
            location = http_response.headers.get(b"Location") or b""
            return "redirect_scheme", f"HTTP {status} to {location.decode('latin-1')[:200]!r}, not an http(s) URL"
        return http_error_class(status, http_response.body), text
    if "IgnoreRequest" in names:
        lower = text.lower()
        if "robots" in lower:
            return "robots", text
        if "offsite" in lower:
            return "offsite", text
        if "max redirections" in lower:
            return "redirect_loop", f"{text} (a redirect loop or a chain longer than the crawler follows)"
        if "max" in lower and "size" in lower:
            return "too_large", text
        return "ignored", text
    if names & {"DNSLookupError", "gaierror", "CannotResolveHostError"} or any("DNS" in n for n in names):
        return "dns", described
    if any("Timeout" in n or "TimedOut" in n for n in names):
        return "timeout", described
    if any("ConnectionRefused" in n for n in names):
        return "refused", described
    if "OpenSSL" in modules or "ssl" in modules.lower() or any("SSL" in n or "TLS" in n for n in names) \
            or "certificate" in described.lower():
        return "tls", described
    if "DownloadCancelledError" in names or "CancelledError" in names:
        # Scrapy cancels a download that grows past DOWNLOAD_MAXSIZE.
        return "too_large", described or "download cancelled: larger than the download size cap"
    if "ResponseDataLossError" in names or "_DataLoss" in names:
        return "reset", "the connection closed before the whole body arrived (" + (described or "data loss") + ")"
    if "UnsupportedURLSchemeError" in names or "NotSupported" in names:
        return "redirect_scheme", described
    if "timeout" in described.lower():
        return "timeout", described
    if names & {"ResponseNeverReceived", "ResponseFailed", "DownloadFailedError", "ConnectionLost", "ConnectionDone",
                "ConnectionResetError", "ConnectionAborted", "ConnectionAbortedError", "ParseError",
                "BadHeaders", "LineTooLong"}:
        return "reset", described
    return type(exc).__name__.lower(), described


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
