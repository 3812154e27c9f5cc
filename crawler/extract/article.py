"""Article pages: the posting date of one item, when its listing shows none.

Ordered stages with early return, htmldate-style: machine-readable metadata first, then a
labelled posting date ("Ngày đăng", "Ngày ban hành"), then the first small date element after
the title.  Related-item lists ("Tin khác", "Các tin đã đưa"), headers with clocks, footers with
licence dates and body paragraphs are never read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from crawler.extract.dates import (
    NON_CONTENT_LABELS,
    PUBLISH_LABELS,
    DateBounds,
    find_dates,
    iso_to_vn_date,
    parse_date,
)
from crawler.extract.page import ParsedPage, element_text, locator
from crawler.extract.text import fold
from nd42.clock import vn_today

_META_NAMES = ("article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued",
               "dc.date", "pubdate", "publishdate", "publish-date", "date")
_JSONLD_RE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_RELATED_HEADINGS = ("tin khac", "tin lien quan", "cac tin da dua", "tin da dua", "bai viet lien quan",
                     "tin cung chuyen muc", "cac tin khac", "xem them", "tin moi hon", "tin cu hon", "van ban khac",
                     "van ban lien quan")
SMALL = 80
# A bare "Ngày" also starts body sentences ("… ngày thành lập 27/7/1999"): not proof of a posting date.
STRONG_PUBLISH_LABELS = PUBLISH_LABELS - {"ngay", "date"}


@dataclass(frozen=True)
class ArticleDate:
    date: dt.date
    text: str  # the source text
    stage: str  # meta | jsonld | time | labelled | near_title
    locator: str | None = None


def _plausible(day: dt.date | None, bounds: DateBounds) -> bool:
    return day is not None and bounds.min_year <= day.year and day <= vn_today(bounds.now) + dt.timedelta(
        days=bounds.future_days)


def _from_meta(page: ParsedPage, bounds: DateBounds) -> ArticleDate | None:
    for meta in page.tree.iterfind(".//meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _META_NAMES:
            value = meta.get("content") or ""
            day = iso_to_vn_date(value)
            if _plausible(day, bounds):
                assert day is not None
                return ArticleDate(day, f'<meta {name}="{value}">', "meta")
    for script in page.tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or ""):
            continue
        match = _JSONLD_RE.search(script.text or "")
        if match:
            day = iso_to_vn_date(match.group(1))
            if _plausible(day, bounds):
                assert day is not None
                return ArticleDate(day, json.dumps({"datePublished": match.group(1)}), "jsonld")
    return None


def _is_related_block(el_text_heading: str) -> bool:
    return any(h in el_text_heading for h in _RELATED_HEADINGS)


def extract_article_date(page: ParsedPage, bounds: DateBounds, order: str = "DMY") -> ArticleDate | None:
    """The posting date of an article or document page, or None."""
    found = _from_meta(page, bounds)
    if found:
        return found
    seen_title = False
    labelled: ArticleDate | None = None
    near_title: ArticleDate | None = None
    time_el: ArticleDate | None = None
    skip_until: object = None
    for el, region, hidden in page.walked:
        if hidden or region in ("menu", "header", "footer", "sidebar", "related"):
            continue
        if skip_until is not None:
            if any(a is skip_until for a in el.iterancestors()):
                continue
            skip_until = None
        tag = el.tag
        if tag in ("h1", "h2", "h3", "h4", "h5") or "title" in (el.get("class") or "").lower():
            heading = fold(element_text(el))
            if _is_related_block(heading) and len(heading) < 40:
                # The rest of this block is a list of other items: skip the heading's parent.
                parent = el.getparent()
                if parent is not None and parent.tag not in ("body", "html"):
                    skip_until = parent
                continue
            if tag == "h1" or (tag == "h2" and not seen_title) or "title" in (el.get("class") or "").lower():
                seen_title = True
        if tag == "time" and el.get("datetime") and time_el is None:
            cls = f"{el.get('class') or ''} {el.get('itemprop') or ''}".lower()
            if not re.search(r"modif|updat", cls):
                day = iso_to_vn_date(el.get("datetime") or "")
                if _plausible(day, bounds):
                    assert day is not None
                    time_el = ArticleDate(day, f'datetime="{el.get("datetime")}"', "time", locator(el))
        if len(el) > 6:
            continue
        text = element_text(el)
        if not text or len(text) > 300 or not any(ch.isdigit() for ch in text):
            continue
        hits = find_dates(text, bounds, order)
        if not hits and len(text) <= SMALL:
            # Short date elements in odd shapes ("thứ hai, 29 07 2019 12:00"): the single-string reader.
            one = parse_date(text, bounds, order, fallback=False)
            hits = [one] if one is not None else []
        for hit in hits:
            if hit.label in NON_CONTENT_LABELS:
                continue
            if hit.label in STRONG_PUBLISH_LABELS and labelled is None and len(text) <= 200:
                labelled = ArticleDate(hit.date, text if len(text) <= SMALL else hit.text, "labelled", locator(el))
            if seen_title and near_title is None and len(text) <= SMALL and hit.label is None:
                near_title = ArticleDate(hit.date, text, "near_title", locator(el))
    return time_el or labelled or near_title
