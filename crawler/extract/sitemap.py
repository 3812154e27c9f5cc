"""sitemap.xml and robots.txt: safe parsing of the machine-readable maps of a portal."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

# No entity expansion, no network, no huge trees: sitemaps are untrusted input (XML bombs).
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True,
                          remove_comments=True, remove_pis=True)
# Tried first: a sitemap that only the recovering parser can read is not well-formed (SM-002).
_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False,
                          remove_comments=True, remove_pis=True)
MAX_URLS = 5000
MAX_GZIP_IN = 5 * 1024 * 1024  # bytes of a .gz sitemap read, and
MAX_GZIP_OUT = 20 * 1024 * 1024  # bytes it may inflate to (a gzip bomb stops there)
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class SitemapResult:
    urls: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # <sitemapindex> entries
    lastmod: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    well_formed: bool = False
    dated: int = 0  # entries (URLs or child sitemaps) with a <lastmod>


def parse_sitemap(body: bytes) -> SitemapResult:
    result = SitemapResult()
    if body[:2] == b"\x1f\x8b":
        inflate = zlib.decompressobj(wbits=31)
        try:
            # max_length: never more than the cap in memory, however far the stream would inflate.
            body = inflate.decompress(body[:MAX_GZIP_IN], MAX_GZIP_OUT)
        except zlib.error:
            result.error = "bad_gzip"
            return result
        if inflate.unconsumed_tail:
            result.error = "too_large"
            return result
    if b"<!ENTITY" in body[:4096].upper():
        result.error = "entities_refused"
        return result
    try:
        root = etree.fromstring(body, parser=_STRICT)
        result.well_formed = True
    except etree.XMLSyntaxError:
        try:
            root = etree.fromstring(body, parser=_PARSER)
        except etree.XMLSyntaxError:
            root = None
    if root is None:
        result.error = "not_xml"
        return result
    tag = etree.QName(root).localname if isinstance(root.tag, str) else ""
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        loc = lastmod = None
        for child in entry:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc" and child.text:
                loc = child.text.strip()
            elif name == "lastmod" and child.text:
                lastmod = child.text.strip()
        if not loc:
            continue
        if lastmod:
            result.dated += 1
        if tag == "sitemapindex":
            result.children.append(loc)
        elif len(result.urls) < MAX_URLS:
            result.urls.append(loc)
            if lastmod:
                result.lastmod[loc] = lastmod
    if tag not in ("urlset", "sitemapindex"):
        result.error = f"unexpected_root:{tag}"
    return result


def parse_robots_sitemaps(text: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    return [m.group(1) for m in _SITEMAP_LINE.finditer(text)]


_ROBOTS_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z-]*)\s*:\s*(.*?)\s*$")
_GROUP_RULES = frozenset(("allow", "disallow", "crawl-delay", "noindex", "request-rate", "visit-time"))
_ROBOTS_CHARS = 500_000


def robots_facts(body: bytes) -> dict[str, Any]:
    """What SM-001 judges in a robots.txt (RFC 9309): well-formed, a soft-404 HTML page, everything disallowed.

    Unknown fields (``Host``, ``Clean-param``) are not errors: crawlers ignore them.  Errors are lines
    that are not ``field: value`` and group rules before any ``User-agent``.
    """
    text = body[:_ROBOTS_CHARS].decode("utf-8", "replace")
    head = text[:1024].lstrip().lower()
    html = head.startswith(("<!doctype", "<html", "<?xml")) or "<html" in head or "<body" in head
    errors: list[str] = []
    agents: list[str] = []
    group: list[str] = []  # user agents of the current group
    in_rules = False
    star_disallows_root = False
    star_allows = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _ROBOTS_LINE.match(line)
        if match is None:
            errors.append(raw.strip()[:120])
            continue
        field_name, value = match.group(1).lower(), match.group(2)
        if field_name == "user-agent":
            if in_rules:
                group, in_rules = [], False
            group.append(value.lower())
            if value and value not in agents and len(agents) < 20:
                agents.append(value)
        elif field_name in _GROUP_RULES:
            if not group:
                errors.append(raw.strip()[:120])
                continue
            in_rules = True
            if "*" in group and field_name == "disallow" and value in ("/", "/*"):
                star_disallows_root = True
            elif "*" in group and field_name == "allow" and value:
                star_allows = True
    return {"ok": not html and not errors, "html": html, "parse_errors": len(errors), "error_lines": errors[:3],
            "disallow_all": star_disallows_root and not star_allows, "user_agents": agents}
