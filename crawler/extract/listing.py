"""Listing pages: find the repeated items of a section and the posting date of each.

The items of a listing are the largest family of similar title links in the page's content
area (same tag/class path).  Each item's date is read from its own container, never from the
title (titles carry dates of events), never from header clocks, footers or sidebars, and never
from columns labelled as effective or expiry dates.  The newest item of a listing is then the
maximum date (``SectionSnapshot.newest``), because lists carry pinned items.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from crawler.extract.dates import (
    NON_CONTENT_LABELS,
    PUBLISH_LABELS,
    DateBounds,
    DateHit,
    find_dates,
    infer_order,
    iso_to_vn_date,
    parse_date,
)
from crawler.extract.documents import row_meta
from crawler.extract.page import ParsedPage, element_text, is_hidden, locator, subtree_texts
from crawler.extract.text import clean, fold
from nd42.clock import vn_today
from nd42.records import ListingItem

MIN_TITLE_WORDS = 3
MIN_TITLE_CHARS = 12
# A "date element" is small: a label, a weekday, a time and the date fit in this many characters.
DATE_ELEMENT_MAX_CHARS = 80
_ISO_ATTR = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")
_PAGER_RE = re.compile(r"pag|trang-?so|phan-?trang|pager|paging|nav-links|pagination|lfr-pagination", re.I)
_NEXT_TEXTS = {"2", "trang sau", "sau", "tiep", "trang tiep", "tiep theo", "next", "»", "›", ">", ">>", "xem tiep"}
_HEADING_CLASS = re.compile(r"title|header|heading|tieu-?de|caption", re.I)
_DIGITS = re.compile(r"\d+")
# Row-striping classes ("ms-alternating" on every other SharePoint row, "odd"/"even") must not
# split one family of items in two.
_STRIPE = re.compile(r"^(?:ms-)?(?:alt|alternate|alternating|odd|even|row-?(?:odd|even|alt)|(?:odd|even)-?row)$", re.I)
_MODIFIED = re.compile(r"modif|updat|cap-?nhat|sua", re.I)
_SKIP_REGIONS = {"menu", "header", "footer"}
_EXCLUDED_HEADERS = ("hieu luc", "het han", "het hieu luc", "ngay ky")
_PUBLISH_HEADERS = ("ngay ban hanh", "ngay dang", "ngay cap nhat", "ngay xuat ban", "ngay", "thoi gian")


@dataclass
class ListingOverrides:
    """Per-portal selectors from the portal's configuration (CSS)."""

    item: str | None = None
    title: str | None = None
    date: str | None = None
    order: str | None = None  # force "DMY" or "MDY"


@dataclass
class ListingResult:
    items: list[ListingItem] = field(default_factory=list)
    date_order: str | None = None
    next_page: str | None = None
    locator: str | None = None
    notes: list[str] = field(default_factory=list)
    # Items dated oldest first: the newest ones are on the following pages.
    ascending: bool = False


@dataclass
class _Anchor:
    el: etree._Element
    url: str
    title: str
    region: str
    signature: tuple[str, ...]


@dataclass
class _Candidate:
    rank: float  # lower is better
    hit_date: object
    text: str
    label: str | None


def _signature(el: etree._Element) -> tuple[str, ...]:
    steps = []
    node: etree._Element | None = el
    depth = 0
    while node is not None and depth < 8 and isinstance(node.tag, str) and node.tag != "body":
        cls = [c for c in (node.get("class") or "").split() if not _STRIPE.match(c)]
        # "post-7062", "item-3": per-item numbers must not split one family of items.
        steps.append(f"{node.tag}.{_DIGITS.sub('#', cls[0])}" if cls else node.tag)
        node = node.getparent()
        depth += 1
    return tuple(steps)


def _title_anchors(page: ParsedPage) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    for el, region, hidden in page.walked:
        if el.tag != "a" or hidden or region in _SKIP_REGIONS:
            continue
        href = el.get("href")
        if not href:
            continue
        url = page.absolute(href)
        if url is None:
            continue
        title = element_text(el) or clean(el.get("title") or "")
        if len(title) < MIN_TITLE_CHARS or len(title.split()) < MIN_TITLE_WORDS:
            continue
        anchors.append(_Anchor(el, url, title, region, _signature(el)))
    return anchors


def _lca(elements: list[etree._Element]) -> etree._Element | None:
    if not elements:
        return None
    paths = [[el, *el.iterancestors()][::-1] for el in elements]
    common: etree._Element | None = None
    for level in zip(*paths, strict=False):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


def _labelled_scopes(page: ParsedPage, label: str) -> list[etree._Element]:
    """Boxes titled with the section's label: up to 3 ancestors above each matching heading."""
    want = fold(label)
    if not want:
        return []
    scopes: list[etree._Element] = []
    for heading in page.tree.iter():
        if not isinstance(heading.tag, str):
            continue
        if heading.tag not in ("h1", "h2", "h3", "h4") and not _HEADING_CLASS.search(heading.get("class") or ""):
            continue
        text = fold(element_text(heading))
        if not text or len(text) > 3 * len(want) or (want not in text and text not in want):
            continue
        scope = heading.getparent()
        for _ in range(3):
            if scope is None:
                break
            scopes.append(scope)
            scope = scope.getparent()
    return scopes


def _choose_group(page: ParsedPage, anchors: list[_Anchor], label: str) -> list[_Anchor]:
    groups: dict[tuple[str, ...], list[_Anchor]] = defaultdict(list)
    for anchor in anchors:
        groups[anchor.signature].append(anchor)
    scopes = _labelled_scopes(page, label) if label else []
    own = page.url.split("#", 1)[0].rstrip("/")
    best: list[_Anchor] = []
    best_score = float("-inf")
    for members in groups.values():
        # One anchor per URL: an item may link its title twice (heading and "more").
        seen: set[str] = set()
        uniq = [m for m in members if not (m.url in seen or seen.add(m.url))]  # type: ignore[func-returns-value]
        region_penalty = 4.0 if uniq[0].region in ("sidebar", "related") else 0.0
        if any(m.url.rstrip("/") == own for m in uniq):
            # A list that links the page itself is navigation (a "Chuyên mục" block), not its items.
            region_penalty += 4.0
        avg_len = sum(len(m.title) for m in uniq) / len(uniq)
        lca = _lca([m.el for m in uniq])
        # The box titled with the label we followed holds the section's own items.
        in_scope = lca is not None and any(lca is s or any(a is s for a in lca.iterancestors()) for s in scopes)
        group_score = len(uniq) + 0.02 * min(avg_len, 100) + (5.0 if in_scope else 0.0) - region_penalty
        if group_score > best_score:
            best, best_score = uniq, group_score
    return best


def _containers(group: list[_Anchor]) -> list[etree._Element]:
    """The element holding each item: the anchor's ancestor just below the items' common ancestor."""
    if len(group) == 1:
        el = group[0].el
        node = el
        for anc in el.iterancestors():
            if anc.tag in ("body", "html") or len(element_text(anc)) > 600:
                break
            if len(anc.findall(".//a[@href]")) > 4:
                break
            node = anc
            if anc.tag in ("li", "tr", "article"):
                break
        return [node]
    lca = _lca([a.el for a in group])
    out: list[etree._Element] = []
    for anchor in group:
        node = anchor.el
        for anc in anchor.el.iterancestors():
            if anc is lca:
                break
            node = anc
        out.append(node)
    return out


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())


def _table_headers(container: etree._Element) -> dict[int, str]:
    """Column index → folded header text, for a row inside a table."""
    if container.tag != "tr":
        return {}
    table = next((a for a in container.iterancestors() if a.tag == "table"), None)
    if table is None:
        return {}
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in ("th", "td")]
        if any(c.tag == "th" for c in cells):
            return {i: fold(element_text(c)) for i, c in enumerate(cells)}
    return {}


def _column_rank(header: str) -> float | None:
    """How good a column is as a posting date; None when the column is never one."""
    if any(word in header for word in _EXCLUDED_HEADERS):
        return None
    if any(header.startswith(word) or f" {word}" in header for word in _PUBLISH_HEADERS):
        return 0.5
    return 1.0


def _date_texts(container: etree._Element, title_el: etree._Element) -> list[tuple[etree._Element, str, float]]:
    """Small texts of an item that may hold its date, with a base rank (cells by their column)."""
    headers = _table_headers(container)
    out: list[tuple[etree._Element, str, float]] = []
    if headers:
        cells = [c for c in container if c.tag in ("td", "th")]
        for i, cell in enumerate(cells):
            if _inside(title_el, cell):
                continue
            col_rank = _column_rank(headers.get(i, ""))
            if col_rank is None:
                continue
            out.append((cell, element_text(cell), col_rank))
        return out
    # The title's ancestors and descendants once per item, not a walk up the tree per element (profiled).
    above = {title_el, *title_el.iterancestors()}
    below = set(title_el.iter())
    texts = subtree_texts(container)
    for el in container.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style") or el is container:
            continue
        if el in above:
            continue
        text = texts[el] if texts is not None else element_text(el)
        if not text or len(text) > DATE_ELEMENT_MAX_CHARS or not any(map(str.isdigit, text)):
            continue
        if el in below:
            # A date element inside the title link (Lạc Việt's <span class="ShowDate">) is the item's
            # date; the title's own words ("từ ngày 01 đến 15/4/2020") never are.
            if el is title_el or len(text) > 40:
                continue
            out.append((el, text, 1.2))
            continue
        if is_hidden(el):
            continue
        out.append((el, text, 1.0))
    if not out:
        # Date as loose text beside the title: "<li><a>…</a> (12/05/2024)</li>".
        rest = _text_without(container, title_el)
        if rest and len(rest) <= DATE_ELEMENT_MAX_CHARS * 2:
            out.append((container, rest, 1.5))
    return out


def _text_without(container: etree._Element, skip: etree._Element) -> str:
    parts: list[str] = []
    below = set(skip.iter())
    for el in container.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        inside = el in below
        if el.text and not inside:
            parts.append(el.text)
        if (el.tail and el is not container and not inside) or (el is skip and el.tail):
            parts.append(el.tail)
    return clean(" ".join(parts))


def _attr_dates(container: etree._Element) -> list[tuple[etree._Element, str, float, str]]:
    out = []
    for el in container.iter():
        if not isinstance(el.tag, str):
            continue
        for key, value in el.attrib.items():
            key, value = str(key), str(value)
            if (key == "datetime" or key.startswith("data-")) and _ISO_ATTR.match(value):
                modified = bool(_MODIFIED.search(f"{key} {el.get('class') or ''} {el.get('itemprop') or ''}"))
                out.append((el, f'{key}="{value}"', 3.0 if modified else 0.0, value))
    return out


def _item_date(container: etree._Element, title_el: etree._Element, bounds: DateBounds, order: str,
               texts: list[tuple[etree._Element, str, float]] | None = None,
               ) -> tuple[DateHit | None, str | None, str, float]:
    """Best date of one item: (hit-or-None, iso attribute value, evidence text, rank).  ``texts``: the item's
    :func:`_date_texts`, when the caller has them already."""
    best: tuple[float, int, DateHit | None, str | None, str] | None = None
    latest = vn_today(bounds.now) + dt.timedelta(days=bounds.future_days)
    for _el, text, rank, value in _attr_dates(container):
        day = iso_to_vn_date(value)
        if day is None or day > latest or day.year < bounds.min_year:
            continue
        key = (rank, day.toordinal())
        if best is None or key < (best[0], best[1]):
            best = (rank, day.toordinal(), None, value, text)
    for _el, text, rank in _date_texts(container, title_el) if texts is None else texts:
        hits = find_dates(text, bounds, order)
        if not hits and len(text) <= DATE_ELEMENT_MAX_CHARS:
            one = parse_date(text, bounds, order, fallback=False)
            hits = [one] if one is not None else []
        for hit in hits:
            if hit.label in NON_CONTENT_LABELS:
                continue
            hit_rank = rank - (0.25 if hit.label in PUBLISH_LABELS else 0.0)
            key = (hit_rank, hit.date.toordinal())
            if best is None or key < (best[0], best[1]):
                best = (hit_rank, hit.date.toordinal(), hit, None, text)
    if best is None:
        return None, None, "", 99.0
    return best[2], best[3], best[4], best[0]


def _next_page(page: ParsedPage, group: list[_Anchor]) -> str | None:
    item_urls = {a.url for a in group}
    for el, region, _hidden in page.walked:
        if el.tag != "a" or region in ("header", "footer"):
            continue
        # The cheap tests first: a link that does not read as "next" is not resolved (profiled: resolving
        # every link of the page was most of this search), nor asked whether a pager holds it.
        rel_next = (el.get("rel") or "").lower() == "next"
        text = ""
        if not rel_next:
            raw = element_text(el)
            text = fold(raw) or raw
            if text not in _NEXT_TEXTS:  # holds "2", "trang sau" and "trang tiep" too
                continue
        url = page.absolute(el.get("href") or "")
        if url is None or url == page.url or url in item_urls:
            continue
        # Pagers are often classed "nav-links"/"pagination": a menu region only counts when not a pager.
        if region == "menu" and not _in_pager(el):
            continue
        if rel_next or text in ("2", "trang sau", "trang tiep") or _in_pager(el):
            return url
    return None


def _in_pager(el: etree._Element) -> bool:
    return any(_PAGER_RE.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in el.iterancestors())


def order_hint(page: ParsedPage, items: list[etree._Element] | None = None) -> str | None:
    """SharePoint's raw list views print dates month-first (US culture); other pages day-first.

    Only the items' own table counts: SharePoint pages also carry hidden list views elsewhere.
    """
    low = page.url.lower()
    if "/lists/" in low and ("allitems.aspx" in low or "/forms/" in low):
        return "MDY"
    for el in items or []:
        table = next((a for a in el.iterancestors() if a.tag == "table"), None)
        if table is not None and "ms-listviewtable" in (table.get("class") or ""):
            return "MDY"
    return None


def extract_listing(page: ParsedPage, bounds: DateBounds, *, label: str = "",
                    overrides: ListingOverrides | None = None) -> ListingResult:
    """Items of a listing page with their dates (each with the text it was read from)."""
    result = ListingResult()
    if overrides and overrides.item:
        group = _override_group(page, overrides)
        result.notes.append("items from the portal's item selector")
    else:
        group = _choose_group(page, _title_anchors(page), label)
    if not group:
        result.notes.append("no repeated title links found")
        return result
    containers = _containers(group)
    result.locator = locator(containers[0]) if containers else None

    # Decide day/month order from every candidate text of the listing at once.
    # Each item's candidate texts once: for the order here and for its date below.
    candidates = [_date_texts(c, a.el) for c, a in zip(containers, group, strict=True)]
    texts = [t for found in candidates for _e, t, _r in found]
    order = (overrides.order if overrides and overrides.order else None) or infer_order(texts) or \
        order_hint(page, containers) or "DMY"
    result.date_order = order

    headers: dict[int, list[str]] = {}
    for container, anchor, found in zip(containers, group, candidates, strict=True):
        if overrides and overrides.date:
            hit, iso_value, text = _override_date(container, overrides.date, bounds, order)
        else:
            hit, iso_value, text, _rank = _item_date(container, anchor.el, bounds, order, found)
        item = ListingItem(title=anchor.title, url=anchor.url)
        if hit is not None:
            item.date, item.date_text, item.date_source = hit.date, hit.text if len(text) > 80 else text, "listing"
        elif iso_value is not None:
            item.date, item.date_text, item.date_source = iso_to_vn_date(iso_value), text, "attribute"
        rest = "" if container.tag == "tr" else _text_without(container, anchor.el)
        item.meta = row_meta(page, container, anchor.el, rest, bounds, order, headers)
        result.items.append(item)
    result.next_page = _next_page(page, group)
    dated = [i.date for i in result.items if i.date]
    result.ascending = len(dated) >= 3 and dated == sorted(dated) and dated[0] < dated[-1]
    return result


def _override_group(page: ParsedPage, overrides: ListingOverrides) -> list[_Anchor]:
    assert overrides.item
    group: list[_Anchor] = []
    for container in page.tree.cssselect(overrides.item):
        links = container.cssselect(overrides.title) if overrides.title else container.findall(".//a[@href]")
        for link in links:
            url = page.absolute(link.get("href") or "")
            if url:
                group.append(_Anchor(link, url, element_text(link), "main", ()))
                break
    return group


def _override_date(container: etree._Element, selector: str, bounds: DateBounds, order: str
                   ) -> tuple[DateHit | None, str | None, str]:
    # With an item selector the anchor's ancestor below the LCA may be smaller than the item.
    item = container
    for el in item.cssselect(selector) or []:
        for value in (el.get("datetime"), el.get("content")):
            if value and _ISO_ATTR.match(value):
                return None, value, value
        text = element_text(el)
        hits = [h for h in find_dates(text, bounds, order) if h.label not in NON_CONTENT_LABELS]
        if hits:
            return min(hits, key=lambda h: h.date), None, text
    return None, None, ""
