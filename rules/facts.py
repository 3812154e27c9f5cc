"""Read the crawler's recorded facts out of a snapshot (their schema: docs/facts.md).

Rules look into ``PageFetch.facts``, ``PortalSnapshot.probes`` and ``ListingItem.meta`` only
through these accessors, so a change of the facts schema has one place to follow it here.
"""

from __future__ import annotations

from typing import Any

from nd42.records import ListingItem, PageFetch, PortalSnapshot, SectionSnapshot
from nd42.textnorm import fold

DISCOVERY_SOURCES = ("menus", "sitemap_page", "sitemap_xml")


def home_page(snapshot: PortalSnapshot) -> PageFetch | None:
    """The home page when it was fetched successfully."""
    home = snapshot.home()
    return home if home is not None and home.ok else None


def home_facts(snapshot: PortalSnapshot) -> dict[str, Any]:
    home = home_page(snapshot)
    return home.facts if home is not None else {}


def layout(snapshot: PortalSnapshot, part: str) -> dict[str, Any]:
    """The home page's ``layout`` part (``header`` | ``menu`` | ``footer``), ``{}`` when not recorded."""
    value = home_facts(snapshot).get("layout", {}).get(part, {})
    return value if isinstance(value, dict) else {}


def section_pages(snapshot: PortalSnapshot, kind: str) -> list[PageFetch]:
    """The successfully fetched listing/content pages of a section kind, in crawl order."""
    section = snapshot.sections.get(kind)
    urls = set(section.pages) if section is not None else set()
    return [p for p in snapshot.pages
            if p.ok and p.kind == kind and p.role in ("listing", "content", "sitemap_page")
            and (not urls or p.url in urls or p.final_url in urls)]


def article_pages(snapshot: PortalSnapshot, kind: str | None = None) -> list[PageFetch]:
    """Item pages that were opened (documents' detail pages, news articles)."""
    return snapshot.pages_where(role="article", kind=kind)


def text(page: PageFetch | None) -> str:
    """The page's main-region text as recorded by the crawler ("" when none)."""
    if page is None:
        return ""
    value = page.facts.get("text", "")
    return value if isinstance(value, str) else ""


def folded(page: PageFetch | None) -> str:
    return fold(text(page))


def forms(page: PageFetch | None) -> list[dict[str, Any]]:
    if page is None:
        return []
    value = page.facts.get("forms", [])
    return [f for f in value if isinstance(f, dict)] if isinstance(value, list) else []


def fact_list(page: PageFetch | None, key: str) -> list[dict[str, Any]]:
    """A list-valued fact of a page (``images``, ``tables``, ``files``, ``links``, ``frames``…)."""
    if page is None:
        return []
    value = page.facts.get(key, [])
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def external_links(snapshot: PortalSnapshot) -> list[dict[str, Any]]:
    """Links from the home page to other hosts (``<a>``, ``<option value>``, ``<area>``)."""
    value = home_facts(snapshot).get("links", {}).get("external", [])
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def probe(snapshot: PortalSnapshot, name: str) -> dict[str, Any]:
    """An active probe's result (``search`` | ``english`` | ``print``), ``{}`` when it never ran."""
    value = snapshot.probes.get(name, {})
    return value if isinstance(value, dict) else {}


def discovery_complete(snapshot: PortalSnapshot) -> bool:
    """True when the menus, the HTML site map and sitemap.xml were all read (strong evidence of absence)."""
    return all(snapshot.discovery.get(source) == "read" for source in DISCOVERY_SOURCES)


def usable(section: SectionSnapshot | None) -> bool:
    """A section that exists and could be fetched."""
    return section is not None and section.state != "unreachable"


def items_with(snapshot: PortalSnapshot, kinds: tuple[str, ...], *keys: str) -> list[tuple[str, ListingItem]]:
    """``(kind, item)`` for the items of ``kinds`` whose ``meta`` holds every one of ``keys``."""
    out = []
    for kind in kinds:
        section = snapshot.sections.get(kind)
        if section is None:
            continue
        out += [(kind, item) for item in section.items if all(item.meta.get(k) for k in keys)]
    return out
