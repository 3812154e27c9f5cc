"""URL parsing that never raises on what a server or a page sends.

``urllib.parse`` raises ``ValueError`` on some malformed input (``http://[::1`` — an unclosed IPv6
bracket; a port out of range when ``.port`` is read).  A portal that publishes such a link, a
``Location`` header or a sitemap entry must cost us that one URL, not the page's facts: every URL
that comes from the wire goes through these two functions first.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


def split(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or None when the URL cannot be parsed."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is the check (out of range, not a number)
    except ValueError:
        return None
    return parts


def join(base: str, href: str) -> str | None:
    """``urljoin(base, href)`` when both parse, else None."""
    try:
        joined = urljoin(base, href)
    except ValueError:
        return None
    return joined if split(joined) is not None else None


def netloc(url: str) -> str:
    """The URL's lower-cased ``host[:port]``; empty when it cannot be parsed."""
    parts = split(url)
    return parts.netloc.lower() if parts is not None else ""
