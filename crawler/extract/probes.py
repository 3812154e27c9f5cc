"""What the active probes need from pages: a print function, the search box, English pages.

The spider decides what to fetch; these functions only read pages and facts, so they are tested
on synthetic HTML without a crawl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from lxml import etree

from crawler.extract.elements import anchor_label
from crawler.extract.scan import Scan
from nd42.textnorm import clean, fold

SNIPPET = 120
QUERY_WORDS = 5
_PRINT_CALL = re.compile(r"print\w*\s*\(", re.IGNORECASE)
_PRINT_URL = re.compile(r"(?<![a-z])print|(?<![a-z])in-?bai|ban-?in(?![a-z])|[?&]in=", re.IGNORECASE)
_PRINT_LABELS = frozenset(("in", "in bai", "in trang", "ban in", "print", "in bai viet", "in tin", "in van ban",
                           "print page", "printer", "xem ban in", "in noi dung"))

ORGANISATION_LABELS = ("organizational structure", "organisational structure", "organization", "organisation",
                       "structure", "functions", "about us", "about")
CONTACT_LABELS = ("contact information", "contact us", "contacts", "contact", "directory")


def print_fact(found: Scan) -> dict[str, Any]:
    """``{found, how, snippet}``: a print button or link, or a print style sheet."""
    candidates = [p for p in found.anchors if p.region not in ("related",)]
    candidates += [p for p in found.inputs if p.el.tag in ("button", "input")]
    for placed in candidates:
        el = placed.el
        script = f"{el.get('onclick') or ''} {el.get('href') or ''}"
        if _PRINT_CALL.search(script) and ("javascript:" in script.lower() or el.get("onclick")):
            return {"found": True, "how": "window.print", "snippet": _markup(el)}
    for placed in candidates:
        el = placed.el
        label = fold(anchor_label(el) or el.get("value") or el.get("title") or "")
        href = el.get("href") or ""
        if label in _PRINT_LABELS or fold(el.get("title") or "") in _PRINT_LABELS or (
                href and not href.lower().startswith("javascript:") and _PRINT_URL.search(href)):
            return {"found": True, "how": "print_link", "snippet": _markup(el)}
    if found.print_css:
        return {"found": True, "how": "print_css", "snippet": found.print_css[:SNIPPET]}
    return {"found": False, "how": None, "snippet": None}


def _markup(el: etree._Element) -> str:
    html = etree.tostring(el, encoding="unicode", with_tail=False)
    return clean(html)[:SNIPPET]


# ---------------------------------------------------------------------------------------------- search
def search_forms(forms: Iterable[dict[str, Any]]) -> tuple[dict[str, Any] | None, bool]:
    """(the first search GET form, whether any search form exists at all)."""
    any_search = False
    for form in forms:
        if not form.get("search_like"):
            continue
        any_search = True
        if form.get("method") == "get" and query_param(form):
            return form, True
    return None, any_search


def query_param(form: dict[str, Any]) -> str | None:
    """The name of the text input the query goes into (the search-named one first)."""
    texts = [i for i in form.get("inputs", []) if i.get("type") in ("text", "search") and i.get("name")]
    for field in texts:
        if field.get("type") == "search":
            return str(field["name"])
    return str(texts[0]["name"]) if texts else None


def search_query(title: str) -> str:
    """The first words of a known title: distinctive, and short enough for any search box."""
    words = [w for w in clean(title).split() if any(ch.isalnum() for ch in w)]
    return " ".join(words[:QUERY_WORDS])


def search_url(form: dict[str, Any], query: str) -> tuple[str, str]:
    """(URL of the results page, parameter) for a GET form: its hidden inputs, then the query."""
    param = query_param(form) or "q"
    pairs: list[tuple[str, str]] = []
    for field in form.get("inputs", []):
        name = field.get("name")
        if not name:
            continue
        if name == param:
            pairs.append((name, query))
        elif field.get("type") == "hidden":
            pairs.append((name, str(field.get("value", ""))))
    if param not in [k for k, _ in pairs]:
        pairs.append((param, query))
    parts = urlsplit(str(form["action"]))
    # A GET submission replaces the action's own query string, as browsers do.
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(pairs), "")), param


def _same_url(a: str, b: str) -> bool:
    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url)
        return parts.netloc.lower().removeprefix("www."), parts.path.rstrip("/") or "/", parts.query
    return key(a) == key(b)


def search_result(found: Scan, links: list[dict[str, str]], expected_url: str, expected_title: str
                  ) -> dict[str, Any]:
    """``{found, matched, result_links}``: the known item among the results, by URL or by title."""
    if any(_same_url(link["url"], expected_url) for link in links) or any(
            _same_url(found.page.absolute(p.el.get("href") or "") or "", expected_url) for p in found.anchors
            if p.region == "main"):
        return {"found": True, "matched": "url", "result_links": len(links)}
    want = fold(expected_title)
    text = f" {fold(found.text()[0])} "
    labels = " ".join(fold(link.get("label", "")) for link in links)
    short = " ".join(want.split()[:8])
    if want and (f" {want} " in text or want in labels or (len(want.split()) > 8 and short in labels)):
        return {"found": True, "matched": "title", "result_links": len(links)}
    return {"found": False, "matched": None, "result_links": len(links)}


# ---------------------------------------------------------------------------------------------- english
def best_link(links: Iterable[dict[str, str]], phrases: tuple[str, ...]) -> dict[str, str] | None:
    """The link whose label names one of ``phrases`` best: an exact label first, then the longest phrase."""
    best: tuple[int, int, int] | None = None
    chosen: dict[str, str] | None = None
    for order, link in enumerate(links):
        label = fold(link.get("label", ""))
        if not label or len(label.split()) > 6:
            continue
        padded = f" {label} "
        for rank, phrase in enumerate(phrases):
            if f" {phrase} " in padded:
                key = (0 if label == phrase else 1, rank, order)
                if best is None or key < best:
                    best, chosen = key, link
                break
    return chosen


def page_links(found: Scan, hosts: set[str]) -> list[dict[str, str]]:
    """Every link of a page (all regions: English menus are where these pages are linked) on ``hosts``."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for placed in found.anchors:
        url = found.page.absolute(placed.el.get("href") or "")
        if url is None or url in seen or urlsplit(url).netloc.lower() not in hosts:
            continue
        seen.add(url)
        out.append({"url": url, "label": anchor_label(placed.el)})
    return out
