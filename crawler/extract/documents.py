"""Document fields: number, type, issuer, dates and files of a listed document or its detail page.

Portals label these fields in many ways ("Số/Ký hiệu", "Ngày ban hành", "Trích yếu nội dung"):
table columns of a listing, label/value rows of a detail page (SharePoint's ``ms-formtable``),
``<dl>`` lists, or plain "Label: value" texts.  Labels are folded and mapped to the canonical
names of ``ListingItem.meta`` (docs/facts.md).  Dates are read with the listing's day/month order.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any

from lxml import etree

from crawler.extract.dates import DateBounds, parse_date
from crawler.extract.elements import file_ext
from crawler.extract.page import ParsedPage, element_text
from crawler.extract.scan import Scan
from nd42.textnorm import clean, fold

DATE_FIELDS = ("issued", "posted", "effective", "deadline")
TEXT_FIELDS = ("number", "doc_type", "issuer", "abstract", "signer")
VALUE_CHARS = 300
DATE_VALUE_CHARS = 60
LABELS_CAP = 30
FILES_CAP = 10
# Folded label phrases per field.  A label is a field's when it is one of these phrases or starts
# with one ("Ngày ban hành văn bản").  Phrases that need no colon are written in NO_COLON.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "issued": ("ngay ban hanh", "ban hanh ngay", "ngay ky", "ngay ky ban hanh", "ngay van ban"),
    "posted": ("ngay dang", "ngay dang tai", "dang ngay", "ngay cap nhat", "cap nhat", "ngay xuat ban", "ngay tao",
               "tao luc", "ngay dang tin", "thoi gian dang", "created", "created at", "posted"),
    "effective": ("ngay hieu luc", "ngay co hieu luc", "hieu luc tu", "hieu luc tu ngay", "co hieu luc tu ngay",
                  "ngay ap dung"),
    "deadline": ("han gop y", "thoi han gop y", "thoi han lay y kien", "het han", "han chot", "ngay ket thuc",
                 "ngay het han", "ngay het han gop y", "han lay y kien", "thoi gian ket thuc"),
    "number": ("so ky hieu", "so hieu", "ky hieu", "so van ban", "so hieu van ban", "so ky hieu van ban"),
    "doc_type": ("loai van ban", "hinh thuc van ban", "the loai", "loai"),
    "issuer": ("co quan ban hanh", "don vi ban hanh", "noi ban hanh", "cap ban hanh", "co quan chu tri",
               "don vi soan thao", "co quan soan thao"),
    "abstract": ("trich yeu", "trich yeu noi dung", "noi dung", "tom tat", "tom tat noi dung"),
    "signer": ("nguoi ky", "nguoi ky duyet", "nguoi ky van ban"),
    "files": ("tai ve", "tep dinh kem", "file dinh kem", "dinh kem", "van ban dinh kem", "tai lieu dinh kem",
              "tep tin dinh kem", "toan van", "file van ban", "download", "tai file"),
}
NO_COLON = ("tao luc", "ban hanh ngay", "dang ngay", "hieu luc tu ngay", "hieu luc tu", "created at")
# "Ngày có hiệu lực" starts with "ngay co": no field; these labels are never a field even as prefixes.
_NOT_FIELDS = ("ngay het hieu luc", "tinh trang hieu luc", "ngay xac thuc", "ngay dang cong bao")


def field_for_label(label: str) -> str | None:
    """The canonical field a label names (``"Ngày ban hành:"`` → ``issued``), or None."""
    folded = fold(label)
    if not folded or len(folded.split()) > 7:
        return None
    if any(folded.startswith(x) for x in _NOT_FIELDS):
        return None
    for field, phrase in _phrases_by_length():
        if folded == phrase or folded.startswith(phrase + " "):
            return field
    return None


@lru_cache(maxsize=1)
def _phrases_by_length() -> tuple[tuple[str, str], ...]:
    pairs = [(field, phrase) for field, phrases in FIELD_LABELS.items() for phrase in phrases]
    return tuple(sorted(pairs, key=lambda p: -len(p[1])))


# ---------------------------------------------------------------------------------------------- "Label: value"
_FOLD_TABLE: dict[int, str] = {}


def _fold_keep(text: str) -> str:
    """Lower case without diacritics, one output character per input character (offsets stay valid)."""
    if not _FOLD_TABLE:
        import unicodedata

        for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
            base = unicodedata.normalize("NFD", chr(code))[0].lower()
            if len(base) == 1:
                _FOLD_TABLE[code] = base
        _FOLD_TABLE[0x110] = _FOLD_TABLE[0x111] = "d"
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=1)
def _label_regex() -> re.Pattern[str]:
    def alternation(phrases: list[str]) -> str:
        return "|".join(r"[\s/.\-]*".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))
    colon = [p for _f, p in _phrases_by_length() if p not in NO_COLON]
    return re.compile(
        rf"(?<![a-z0-9])(?P<c>{alternation(colon)})\s*[:：]\s*"
        # Labels without a colon only start a line or a "|"-separated part: in prose "ban hành ngày
        # 21/7" cites another document.
        rf"|(?:^|[|•;]\s*)(?P<n>{alternation(list(NO_COLON))})\s+(?=\d)")


@dataclasses.dataclass
class LabelledText:
    field: str
    label: str  # as written
    value: str


def labelled_values(text: str) -> list[LabelledText]:
    """The "Label: value" pairs of a text, each value running to the next label (or 300 chars)."""
    text = clean(text)
    if ":" not in text and not any(ch.isdigit() for ch in text):
        return []
    folded = _fold_keep(text)
    matches = list(_label_regex().finditer(folded))
    out: list[LabelledText] = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end():end].strip(" |;,•-–")[:VALUE_CHARS]
        label_span = m.span("c") if m.group("c") is not None else m.span("n")
        label = text[label_span[0]:label_span[1]]
        field = field_for_label(label)
        if field in DATE_FIELDS:
            # A date with its time and author fits; what follows the last label is other content.
            value = value[:DATE_VALUE_CHARS].rstrip()
        if field is not None:
            out.append(LabelledText(field, label, value))
    return out


# ---------------------------------------------------------------------------------------------- values
def _future_bounds(bounds: DateBounds) -> DateBounds:
    # Effective dates and consultation deadlines are often ahead of the crawl day.
    return dataclasses.replace(bounds, future_days=3660)


def date_value(field: str, value: str, bounds: DateBounds, order: str) -> str | None:
    """The ISO date of a date field's value, or None."""
    if not value or not any(ch.isdigit() for ch in value):
        return None
    limit = _future_bounds(bounds) if field in ("effective", "deadline") else bounds
    hit = parse_date(value[:120], limit, order, fallback=False)
    return hit.date.isoformat() if hit is not None else None


class _Fields:
    """Fields gathered from one item or page: the first value of a field wins."""

    def __init__(self) -> None:
        self.raw: dict[str, str] = {}
        self.labels: list[str] = []
        self.files: list[str] = []

    def label(self, text: str) -> None:
        text = clean(text).rstrip(":： *").strip()
        if text and len(self.labels) < LABELS_CAP and text not in self.labels and len(text) <= 80:
            self.labels.append(text)

    def add(self, field: str, value: str) -> None:
        value = clean(value)[:VALUE_CHARS]
        if field != "files" and value and field not in self.raw:
            self.raw[field] = value

    def file(self, url: str | None) -> None:
        if url and url not in self.files and len(self.files) < FILES_CAP:
            self.files.append(url)


def _cell_links(page: ParsedPage, el: etree._Element) -> list[str]:
    out = []
    for a in el.iter("a"):
        url = page.absolute(a.get("href") or "")
        if url:
            out.append(url)
    return out


# ---------------------------------------------------------------------------------------------- listing rows
def column_headers(row: etree._Element, cache: dict[int, list[str]] | None = None) -> list[str]:
    """Header texts of the table a row belongs to: its ``th`` row, else a first row of known labels."""
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    if table is None:
        return []
    if cache is not None and id(table) in cache:
        return cache[id(table)]
    headers: list[str] = []
    rows = [r for r in table.iter("tr") if next((a for a in r.iterancestors() if a.tag == "table"), None) is table]
    for r in rows[:3]:
        cells = [c for c in r if c.tag in ("th", "td")]
        if any(c.tag == "th" for c in cells):
            headers = [element_text(c) for c in cells]
            break
    if not headers and rows and rows[0] is not row:
        first = [element_text(c) for c in rows[0] if c.tag in ("th", "td")]
        if sum(1 for c in first if field_for_label(c)) >= 2:
            headers = first
    if cache is not None:
        cache[id(table)] = headers
    return headers


def row_meta(page: ParsedPage, container: etree._Element, title_el: etree._Element, rest_text: str,
             bounds: DateBounds, order: str, cache: dict[int, list[str]] | None = None) -> dict[str, Any]:
    """``ListingItem.meta`` from one listing row: cells under labelled columns, or "Label: value" texts."""
    fields = _Fields()
    headers = column_headers(container, cache) if container.tag == "tr" else []
    if headers:
        cells = [c for c in container if c.tag in ("td", "th")]
        for header, cell in zip(headers, cells, strict=False):
            if not header:
                continue
            fields.label(header)
            field = field_for_label(header)
            if field == "files":
                for url in _cell_links(page, cell):
                    fields.file(url)
            elif field is not None:
                fields.add(field, element_text(cell))
    else:
        for pair in labelled_values(rest_text):
            fields.label(pair.label)
            fields.add(pair.field, pair.value)
    for a in container.iter("a"):
        link = page.absolute(a.get("href") or "")
        if link and file_ext(link):
            fields.file(link)
    return to_meta(fields.raw, fields.files, fields.labels, bounds, order, "listing")


def to_meta(raw: dict[str, str], files: list[str], labels: list[str], bounds: DateBounds, order: str,
            source: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for field, value in raw.items():
        if field in DATE_FIELDS:
            iso = date_value(field, value, bounds, order)
            if iso is not None:
                meta[field] = iso
        elif field in TEXT_FIELDS:
            meta[field] = value
    if files:
        meta["files"] = list(files)
    if not meta and not labels:
        return {}
    meta["labels"] = [fold(label) for label in labels]
    meta["sources"] = {k: source for k in meta if k != "labels"}
    return meta


# ---------------------------------------------------------------------------------------------- detail pages
def doc_fact(found: Scan, bounds: DateBounds, order: str, files: list[dict[str, str]] | None = None
             ) -> dict[str, Any]:
    """``{fields, labels, dates, files}`` of a document's detail page."""
    page = found.page
    fields = _Fields()
    for placed in found.tables:
        _table_pairs(page, placed.el, fields)
    for placed in found.dls:
        _dl_pairs(placed.el, fields)
    _text, scope = found.text()
    for line in (found.main_text if scope == "main" else found.body_text).lines():
        for pair in labelled_values(line):
            fields.label(pair.label)
            fields.add(pair.field, pair.value)
    for item in files or []:
        fields.file(item["url"])
    dates = {f: date_value(f, fields.raw.get(f, ""), bounds, order) for f in DATE_FIELDS}
    return {"fields": dict(fields.raw), "labels": fields.labels, "dates": dates, "files": fields.files}


def _table_pairs(page: ParsedPage, table: etree._Element, fields: _Fields) -> None:
    """Label/value cells: rows of (label, value) or (label, value, label, value)."""
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        if len(cells) < 2:
            continue
        i = 0
        while i + 1 < len(cells):
            label_text = element_text(cells[i])
            field = field_for_label(label_text) if len(label_text) <= 60 else None
            if field is None and not (cells[i].tag == "th" or "label" in (cells[i].get("class") or "").lower()):
                i += 1
                continue
            fields.label(label_text)
            if field == "files":
                for url in _cell_links(page, cells[i + 1]):
                    fields.file(url)
            elif field is not None:
                fields.add(field, element_text(cells[i + 1]))
            i += 2


def _dl_pairs(dl: etree._Element, fields: _Fields) -> None:
    label: str = ""
    for child in dl:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "dt":
            label = element_text(child)
        elif child.tag == "dd" and label:
            fields.label(label)
            field = field_for_label(label)
            if field is not None and field != "files":
                fields.add(field, element_text(child))
            label = ""


def merge_meta(meta: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """An item's meta completed from its detail page's ``doc`` fact; the listing's values win."""
    merged = dict(meta)
    sources = dict(merged.get("sources", {}))
    for field in DATE_FIELDS:
        value = doc.get("dates", {}).get(field)
        if value and field not in merged:
            merged[field] = value
            sources[field] = "article"
    for field in TEXT_FIELDS:
        value = doc.get("fields", {}).get(field)
        if value and field not in merged:
            merged[field] = value
            sources[field] = "article"
    files = [f for f in doc.get("files", []) if f not in merged.get("files", [])]
    if files:
        if "files" not in merged:
            sources["files"] = "article"
        merged["files"] = [*merged.get("files", []), *files][:FILES_CAP]
    labels = list(merged.get("labels", []))
    for label in doc.get("labels", []):
        folded = fold(label)
        if folded not in labels:
            labels.append(folded)
    merged["labels"] = labels[:LABELS_CAP * 2]
    merged["sources"] = sources
    return merged
