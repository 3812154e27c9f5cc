"""Home-page facts: header, main menu, footer, links to other sites and language switches.

Read from the :class:`~crawler.extract.scan.Scan` of the home page (walked in full), so the
regions are the ones :func:`crawler.extract.page.classify` tells apart.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from crawler.extract.elements import LABEL_CHARS, anchor_label, images, plain_text
from crawler.extract.scan import HEADER_CAP, Placed, Scan
from nd42.textnorm import clean, fold

MENU_CAP = 150
EXTERNAL_CAP = 300
LANGUAGE_CAP = 5
HEADER_IMAGES = 10
FOOTER_CAP = 2000
_ENGLISH_LABELS = frozenset(("english", "tieng anh", "en", "eng", "en us", "en gb"))
_ENGLISH_URL = re.compile(r"/en(?:/|$)|[?&](?:lang|language|locale|hl)=en\b|languageid=en_us|/english\b|/en-us(?:/|$)",
                          re.IGNORECASE)
_SUBMENU_CLASS = re.compile(r"sub|dropdown|child|level-?2|cap-?2", re.IGNORECASE)


def home_facts(found: Scan, hosts: set[str]) -> dict[str, Any]:
    page = found.page
    return {
        "title": page.title or None,
        "lang": page.lang,
        "generator": page.generator,
        "layout": {"header": header(found), "menu": menu(found), "footer": footer(found)},
        "links": {"external": external_links(found, hosts)},
        "language_links": language_links(found),
    }


def header(found: Scan) -> dict[str, Any]:
    if found.header_found:
        text = found.header_text.text()[:HEADER_CAP]
        pics = images(found.page, (p for p in found.images if p.band == "header"), HEADER_IMAGES)
        return {"found": True, "text": text, "images": pics}
    return {"found": False, "text": found.premenu_text.text()[:HEADER_CAP],
            "images": images(found.page, found.premenu_images, HEADER_IMAGES)}


def footer(found: Scan) -> dict[str, Any]:
    return {"found": found.footer_found, "text": found.footer_text.text()[:FOOTER_CAP]}


def _main_menu(found: Scan) -> Placed | None:
    """The menu with the most links (a page has several: top bar, main menu, sidebar trees)."""
    best: Placed | None = None
    best_count = 0
    for root in found.menu_roots:
        if root.band == "footer":
            continue
        count = sum(1 for _ in root.el.iter("a"))
        if count > best_count:
            best, best_count = root, count
    return best


def menu(found: Scan) -> dict[str, Any]:
    root = _main_menu(found)
    if root is None:
        return {"found": False, "entries": []}
    return {"found": True, "entries": menu_entries(found, root.el)}


def menu_entries(found: Scan, root: etree._Element) -> list[dict[str, Any]]:
    """Entries ``{label, url, level}`` in document order: one per list item, or per link without lists."""
    items = [li for li in root.iter("li")]
    entries: list[dict[str, Any]] = []
    if not items:
        for a in root.iter("a"):
            entry = _entry(found, a, _link_level(a, root))
            if entry is not None:
                entries.append(entry)
            if len(entries) >= MENU_CAP:
                break
        return entries
    for li in items:
        depth = sum(1 for a in li.iterancestors() if a.tag == "li" and _inside(a, root))
        level = 1 if depth == 0 else 2
        own = _own_link(li)
        if own is not None:
            entry = _entry(found, own, level)
        else:
            label = clean(" ".join(t for t in _own_texts(li)))[:LABEL_CHARS]
            entry = {"label": label, "url": None, "level": level} if label else None
        if entry is not None:
            entries.append(entry)
        if len(entries) >= MENU_CAP:
            break
    return entries


def _inside(el: etree._Element, root: etree._Element) -> bool:
    return el is root or any(a is root for a in el.iterancestors())


def _entry(found: Scan, a: etree._Element, level: int) -> dict[str, Any] | None:
    href = a.get("href")
    url = found.page.absolute(href) if href is not None else None
    label = anchor_label(a)
    if not label and url is None:
        return None
    return {"label": label, "url": url, "level": level}


def _own_link(li: etree._Element) -> etree._Element | None:
    """The item's own link: the first ``<a href>`` not inside a nested list of the item."""
    for a in li.iter("a"):
        if a.get("href") is None:
            continue
        nested = False
        for anc in a.iterancestors():
            if anc is li:
                break
            if anc.tag in ("ul", "ol", "li"):
                nested = True
                break
        if not nested:
            return a
        break
    return None


def _own_texts(li: etree._Element) -> list[str]:
    """Texts of a list item outside its nested lists: a heading entry without a link ("Văn bản ▾")."""
    out: list[str] = [li.text or ""]
    for child in li:
        if child.tag in ("ul", "ol", "div") and child.find(".//li") is not None:
            out.append(child.tail or "")
            continue
        if isinstance(child.tag, str) and child.tag not in ("script", "style"):
            out.append(plain_text(child))
        out.append(child.tail or "")
    return out


def _link_level(a: etree._Element, root: etree._Element) -> int:
    for anc in a.iterancestors():
        if anc is root:
            return 1
        if _SUBMENU_CLASS.search(anc.get("class") or ""):
            return 2
    return 1


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower().split("@")[-1]


def external_links(found: Scan, hosts: set[str]) -> list[dict[str, str]]:
    """Links to other hosts: ``<a>``, ``<area>`` and ``<option value>`` of "Liên kết website" pickers."""
    page = found.page
    own = {h.lower() for h in hosts} | {_host(page.url)}
    out: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(url: str | None, label: str, tag: str) -> None:
        if url is None or url in seen or _host(url) in own:
            return
        seen.add(url)
        out.append({"url": url, "label": label[:LABEL_CHARS], "tag": tag})

    for placed in found.anchors:
        add(page.absolute(placed.el.get("href") or ""), anchor_label(placed.el), "a")
        if len(out) >= EXTERNAL_CAP:
            return out
    for placed in found.areas:
        add(page.absolute(placed.el.get("href") or ""), clean(placed.el.get("alt") or placed.el.get("title") or ""),
            "area")
    for placed in found.options:
        value = (placed.el.get("value") or "").strip()
        # Only absolute URLs: option values are also ids ("0", "12") in ordinary selects.
        if value.lower().startswith(("http://", "https://", "//", "www.")):
            url = page.absolute("http://" + value if value.lower().startswith("www.") else value)
            add(url, plain_text(placed.el), "option")
    return out[:EXTERNAL_CAP]


def language_links(found: Scan) -> list[dict[str, str]]:
    """Language switches to English: by label, ``hreflang``/``lang``, or URL shape."""
    page = found.page
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for placed in found.anchors:
        el = placed.el
        url = page.absolute(el.get("href") or "")
        if url is None or url in seen:
            continue
        label = anchor_label(el)
        # Language switches have short labels: longer ones need no folding.
        folded = fold(label) if len(label) <= 24 else label
        lang = (el.get("hreflang") or el.get("lang") or "").lower()
        by_label = folded in _ENGLISH_LABELS
        by_attr = lang.startswith("en")
        # A URL shape alone is weak evidence: only with a short label (a flag, "EN", an icon).
        by_url = bool(_ENGLISH_URL.search(url)) and len(folded.split()) <= 2
        if by_label or by_attr or by_url:
            seen.add(url)
            out.append({"url": url, "label": label or "", "lang": "en"})
            if len(out) >= LANGUAGE_CAP:
                break
    return out
