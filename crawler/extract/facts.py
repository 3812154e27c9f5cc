"""Page facts for the rules: what the main region of any HTML page holds (docs/facts.md).

:func:`page_facts` is the one entry point the spider calls per page: it scans the page once
(:mod:`crawler.extract.scan`) and adds the home-only facts (:mod:`crawler.extract.layout`) and the
article facts (:mod:`crawler.extract.probes`) by role.  Values are clean text and absolute URLs,
capped, JSON-ready.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree

from crawler.extract.elements import LABEL_CHARS, anchor_label, file_ext, images, plain_text
from crawler.extract.forms import form_facts
from crawler.extract.layout import home_facts
from crawler.extract.page import ParsedPage
from crawler.extract.probes import print_fact
from crawler.extract.scan import Scan, scan
from nd42.textnorm import clean

CAPS = {"headings": 30, "images": 20, "tables": 5, "files": 30, "links": 60, "frames": 10}
HEADER_CELLS = 15
CELL_CHARS = 80


def page_facts(page: ParsedPage, role: str, hosts: Iterable[str] = ()) -> dict[str, Any]:
    """Every fact of one HTML page for its role (``home``, ``listing``, ``article``, ...)."""
    return page_facts_scan(page, role, hosts)[0]


def page_facts_scan(page: ParsedPage, role: str, hosts: Iterable[str] = ()) -> tuple[dict[str, Any], Scan]:
    """:func:`page_facts` and the scan they were read from (documents and probes read it again)."""
    home = role == "home"
    # English pages are searched for their organisation and contacts links, which live in menus.
    found = scan(page, full=home or role == "english")
    facts = main_facts(found, forms_cap=10 if home else 5)
    if home:
        facts.update(home_facts(found, set(hosts)))
    if role == "article":
        facts["print"] = print_fact(found)
    return facts, found


def main_facts(found: Scan, *, forms_cap: int = 5) -> dict[str, Any]:
    text, scope = found.text()
    links, files = main_links(found)
    return {
        "text": text,
        "text_scope": scope,
        "headings": headings(found),
        "images": images(found.page, found.images, CAPS["images"], main_only=True),
        "tables": tables(found),
        "files": files,
        "forms": form_facts(found, forms_cap),
        "links": links,
        "frames": frames(found),
    }


def headings(found: Scan) -> list[str]:
    out: list[str] = []
    for placed in found.headings:
        text = plain_text(placed.el)[:LABEL_CHARS]
        if text:
            out.append(text)
            if len(out) >= CAPS["headings"]:
                break
    return out


def tables(found: Scan) -> list[dict[str, Any]]:
    """Data tables of the main region; layout tables (holding other tables) are left out."""
    out: list[dict[str, Any]] = []
    for placed in found.tables:
        table = placed.el
        if (table.get("role") or "").lower() == "presentation" or table.find(".//table") is not None:
            continue
        rows = [r for r in table.iter("tr") if _own_table(r) is table]
        if not rows:
            continue
        header_index = next((i for i, r in enumerate(rows) if any(c.tag == "th" for c in r)), None)
        if header_index is not None and header_index <= 1:
            header_row = rows[header_index]
            cells = [c for c in header_row if c.tag == "th"]
            body = len(rows) - header_index - 1
        else:
            header_row = rows[0]
            cells = [c for c in header_row if c.tag in ("td", "th")]
            body = len(rows) - 1
        headers = [plain_text(c)[:CELL_CHARS] for c in cells[:HEADER_CELLS]]
        out.append({"headers": headers, "rows": max(body, 0)})
        if len(out) >= CAPS["tables"]:
            break
    return out


def _own_table(row: etree._Element) -> etree._Element | None:
    return next((a for a in row.iterancestors() if a.tag == "table"), None)


def main_links(found: Scan) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(links, files) of the main region, one entry per URL."""
    page = found.page
    links: list[dict[str, str]] = []
    files: list[dict[str, str]] = []
    seen: set[str] = set()
    for placed in found.anchors:
        if placed.region != "main" or placed.hidden:
            continue
        url = page.absolute(placed.el.get("href") or "")
        if url is None or url in seen:
            continue
        seen.add(url)
        label = anchor_label(placed.el)
        ext = file_ext(url)
        if ext is not None and len(files) < CAPS["files"]:
            files.append({"url": url, "label": label, "ext": ext})
        if len(links) < CAPS["links"]:
            links.append({"url": url, "label": label})
        if len(links) >= CAPS["links"] and len(files) >= CAPS["files"]:
            break
    return links, files


def frames(found: Scan) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for placed in found.frames:
        src = found.page.absolute(placed.el.get("src") or placed.el.get("data-src") or "")
        if src is None:
            continue
        out.append({"src": src, "title": clean(placed.el.get("title") or placed.el.get("name") or "")[:LABEL_CHARS]})
        if len(out) >= CAPS["frames"]:
            break
    return out
