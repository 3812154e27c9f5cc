"""sitemap.xml and robots.txt: safe parsing of the machine-readable maps of a portal."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field

from lxml import etree

# No entity expansion, no network, no huge trees: sitemaps are untrusted input (XML bombs).
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True,
                          remove_comments=True, remove_pis=True)
MAX_URLS = 5000
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class SitemapResult:
    urls: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # <sitemapindex> entries
    lastmod: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def parse_sitemap(body: bytes) -> SitemapResult:
    result = SitemapResult()
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body[: 5 * 1024 * 1024])[: 20 * 1024 * 1024]
        except (OSError, EOFError):
            result.error = "bad_gzip"
            return result
    if b"<!ENTITY" in body[:4096].upper():
        result.error = "entities_refused"
        return result
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
