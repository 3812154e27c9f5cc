"""Accessibility counts of a page, following axe-core 4.14's rules as far as static HTML allows.

axe decides on the rendered page; we read the markup.  Where the two can differ (style sheets that
hide or show things, scripts that add names) we follow axe's reading of the markup itself: the
checks each rule accepts (``has-alt``, ``implicit-label``, ``non-empty-title`` …) are listed with
the counts below and in docs/facts.md.  Elements inside ``hidden``, ``aria-hidden="true"`` or an
inline ``display:none``/``visibility:hidden`` are left out, as axe leaves out what is hidden.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from lxml import etree

from crawler.extract.page import ParsedPage, locator
from nd42.textnorm import clean, fold

SAMPLES = 5
SNIPPET = 120
HEADINGS_CAP = 60
# axe's `label` rule leaves these input types to other rules (button-name, input-image-alt) or out.
_NO_LABEL_TYPES = frozenset(("hidden", "image", "button", "submit", "reset"))
_PRESENTATIONAL = frozenset(("presentation", "none"))
# Link texts that say nothing about the target out of context (WCAG 2.4.4): compared folded, whole text.
_VAGUE = frozenset(fold(t) for t in (
    "xem thêm", "xem tiếp", "chi tiết", "xem chi tiết", "tại đây", "click vào đây", "bấm vào đây", "nhấn vào đây",
    "kích vào đây", "đọc tiếp", "đọc thêm", "click here", "here", "more", "read more"))
_VAGUE_HINT = re.compile(r"xem|chi ti|đây|đọc|click|here|more|\.\.\.|…|»|>>", re.IGNORECASE)
_VAGUE_SYMBOLS = frozenset(("...", "…", "»", ">>", "»»", "xem thêm...", "xem thêm >>", "xem tiếp..."))


@dataclass
class Collected:
    """The elements the page pass found for the accessibility counts (document order)."""

    html: etree._Element | None = None
    title: str | None = None
    images: list[etree._Element] = field(default_factory=list)
    controls: list[etree._Element] = field(default_factory=list)  # input, textarea, select
    labels_for: dict[str, list[etree._Element]] = field(default_factory=dict)
    anchors: list[etree._Element] = field(default_factory=list)
    frames: list[etree._Element] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    tables: list[etree._Element] = field(default_factory=list)
    marquee: list[etree._Element] = field(default_factory=list)
    blink: list[etree._Element] = field(default_factory=list)


@cache
def _lang_subtags() -> frozenset[str]:
    data = tomllib.loads(resources.files("crawler.extract").joinpath("langs.toml").read_text(encoding="utf-8"))
    return frozenset(data["two"].split()) | frozenset(data["three"].split())


def lang_valid(*values: str | None) -> bool | None:
    """axe's html-lang-valid: every non-blank value's primary subtag is a known language subtag."""
    # axe skips an empty attribute but rejects one of spaces only.
    present = [v for v in values if v]
    if not present:
        return None
    return all(v.strip().split("-")[0].lower() in _lang_subtags() for v in present)


def all_text(el: etree._Element) -> str:
    return "".join(str(t) for t in el.itertext())


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def start_tag(el: etree._Element) -> str:
    """The element's start tag (what a webmaster searches the source for), cut to 120 characters.

    Built from the attributes: serialising the element would serialise its whole subtree (a layout table).
    """
    attrs = " ".join(f'{_str(k)}="{_str(v)}"' for k, v in el.items())
    return clean(f"<{el.tag} {attrs}>" if attrs else f"<{el.tag}>")[:SNIPPET]


def _str(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


class _Names:
    """Accessible-name pieces shared by the rules: ``aria-labelledby`` targets, looked up once per id."""

    def __init__(self, page: ParsedPage, hidden: set[etree._Element]) -> None:
        self.page = page
        self.hidden = hidden
        self._ids: dict[str, etree._Element | None] = {}

    def by_id(self, ident: str) -> etree._Element | None:
        if ident not in self._ids:
            found = self.page.tree.xpath("//*[@id=$v]", v=ident)
            first = found[0] if isinstance(found, list) and found else None
            self._ids[ident] = first if isinstance(first, etree._Element) else None
        return self._ids[ident]

    def labelledby(self, el: etree._Element) -> bool:
        refs = (el.get("aria-labelledby") or "").split()
        # A referenced element names even when hidden (accessible name computation, step 2B).
        return any(target is not None and bool(all_text(target).strip())
                   for target in (self.by_id(r) for r in refs))

    def aria(self, el: etree._Element) -> bool:
        return not _blank(el.get("aria-label")) or self.labelledby(el)

    def has_text(self, el: etree._Element) -> bool:
        """axe's subtree text: text of visible descendants, the alt/title/aria-label of elements inside."""
        if el.text and el.text.strip():
            return True
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag not in ("script", "style") and child not in self.hidden:
                if not _blank(child.get("aria-label")):
                    return True
                if tag == "img" or (tag == "input" and (child.get("type") or "").lower() == "image"):
                    if not _blank(child.get("alt")) or not _blank(child.get("title")):
                        return True
                elif self.has_text(child):
                    return True
            if child.tail and child.tail.strip():
                return True
        return False


def _label_text(label: etree._Element) -> bool:
    """A label has text of its own (the control inside it does not name itself)."""
    if label.text and label.text.strip():
        return True
    for child in label.iter():
        if child is not label and isinstance(child.tag, str) and child.tag not in ("select", "textarea", "option",
                                                                                      "script", "style"):
            if child.text and child.text.strip():
                return True
            if child.tag == "img" and not _blank(child.get("alt")):
                return True
        if child is not label and child.tail and child.tail.strip():
            return True
    return False


def _control_named(el: etree._Element, names: _Names, labels_for: dict[str, list[etree._Element]],
                   placeholder: bool) -> bool:
    for anc in el.iterancestors():
        if anc.tag == "label":
            if _label_text(anc):
                return True
            break
    ident = el.get("id")
    if ident:
        for label in labels_for.get(ident, []):
            if label not in names.hidden and _label_text(label):
                return True
    if names.aria(el) or not _blank(el.get("title")):
        return True
    return placeholder and not _blank(el.get("placeholder"))


def _image_named(el: etree._Element, names: _Names) -> bool:
    role = (el.get("role") or "").strip().lower()
    presentational = role in _PRESENTATIONAL and el.get("tabindex") is None
    alt = el.get("alt")
    if alt is not None:
        # axe's alt-space-value: an alt of spaces only is neither a text nor "decorative".
        return alt == "" or bool(alt.strip()) or presentational
    return names.aria(el) or not _blank(el.get("title")) or presentational


def _frame_named(el: etree._Element, names: _Names) -> bool:
    if not _blank(el.get("title")) or names.aria(el):
        return True
    role = (el.get("role") or "").strip().lower()
    return role in _PRESENTATIONAL and el.get("title") is None


def _data_table(table: etree._Element) -> tuple[bool, bool]:
    """(is a data table, has header cells)."""
    if (table.get("role") or "").strip().lower() in _PRESENTATIONAL or table.find(".//table") is not None:
        return False, False
    rows = 0
    columns = 0
    has_th = False
    for row in table.iter("tr"):
        rows += 1
        cells = 0
        for cell in row:
            if cell.tag in ("td", "th"):
                cells += 1
                if cell.tag == "th" or (cell.get("role") or "") in ("columnheader", "rowheader"):
                    has_th = True
        columns = max(columns, cells)
    return rows >= 2 and columns >= 2, has_th


def a11y_facts(page: ParsedPage, found: Collected, hidden: set[etree._Element]) -> dict[str, object]:
    """``tech.a11y`` (docs/facts.md)."""
    names = _Names(page, hidden)
    html = found.html
    lang = html.get("lang") if html is not None else None
    xml_lang = html.get("{http://www.w3.org/XML/1998/namespace}lang") or html.get("xml:lang") \
        if html is not None else None

    no_alt = [el for el in found.images if not _image_named(el, names)]
    inputs = [el for el in found.controls if el.tag != "select"]
    selects = [el for el in found.controls if el.tag == "select"]
    unlabelled = [el for el in inputs if not _control_named(el, names, found.labels_for, placeholder=True)]
    unlabelled_selects = [el for el in selects if not _control_named(el, names, found.labels_for, placeholder=False)]

    nameless: list[etree._Element] = []
    vague: list[tuple[etree._Element, str]] = []
    for a in found.anchors:
        if names.has_text(a):
            raw = all_text(a)
            # Most link texts are titles, far longer than any vague phrase: skip them before folding.
            if len(raw) <= 60 and _VAGUE_HINT.search(raw):
                text = clean(raw)
                if text and len(text) <= 30 and (text.lower() in _VAGUE_SYMBOLS or fold(text) in _VAGUE):
                    vague.append((a, text))
        elif not (names.aria(a) or not _blank(a.get("title"))):
            nameless.append(a)

    untitled = [el for el in found.frames if not _frame_named(el, names)]
    tables = 0
    no_th: list[etree._Element] = []
    for table in found.tables:
        data, has_th = _data_table(table)
        if data:
            tables += 1
            if not has_th:
                no_th.append(table)

    return {
        "lang": lang,
        "xml_lang": xml_lang,
        "lang_valid": lang_valid(lang, xml_lang),
        "title": found.title,
        "images": len(found.images),
        "images_no_alt": len(no_alt),
        "no_alt_samples": [_sample(page, el, "src") for el in no_alt[:SAMPLES]],
        "inputs": len(inputs),
        "inputs_unlabelled": len(unlabelled),
        "unlabelled_samples": [{"name": el.get("name"), "type": _control_type(el), "locator": locator(el),
                                "snippet": start_tag(el)} for el in unlabelled[:SAMPLES]],
        "selects": len(selects),
        "selects_unlabelled": len(unlabelled_selects),
        "select_samples": [{"name": el.get("name"), "type": "select", "locator": locator(el),
                            "snippet": start_tag(el)} for el in unlabelled_selects[:SAMPLES]],
        "headings": found.headings[:HEADINGS_CAP],
        "tables": tables,
        "tables_no_th": len(no_th),
        "no_th_samples": [{"locator": locator(el), "snippet": start_tag(el)} for el in no_th[:SAMPLES]],
        "links": len(found.anchors),
        "links_no_name": len(nameless),
        "no_name_samples": [_sample(page, el, "href") for el in nameless[:SAMPLES]],
        "links_vague": len(vague),
        "vague_samples": [{"url": page.absolute(a.get("href") or "") or a.get("href"), "text": text,
                           "locator": locator(a)} for a, text in vague[:SAMPLES]],
        "frames": len(found.frames),
        "frames_untitled": len(untitled),
        "untitled_samples": [_sample(page, el, "src") for el in untitled[:SAMPLES]],
        "marquee": len(found.marquee),
        "marquee_samples": [{"locator": locator(el), "snippet": start_tag(el)} for el in found.marquee[:SAMPLES]],
        "blink": len(found.blink),
        "blink_samples": [{"locator": locator(el), "snippet": start_tag(el)} for el in found.blink[:SAMPLES]],
    }


def _control_type(el: etree._Element) -> str:
    if el.tag == "input":
        return (el.get("type") or "text").strip().lower()
    return str(el.tag)


def _sample(page: ParsedPage, el: etree._Element, attr: str) -> dict[str, str | None]:
    raw = el.get(attr) or el.get("data-src") or ""
    key = "url" if attr == "href" else "src"
    return {key: page.absolute(raw) or raw or None, "locator": locator(el), "snippet": start_tag(el)}


def labelled_control(el: etree._Element) -> bool:
    """Whether an ``<input>`` is one axe's ``label`` rule looks at (not hidden/image/button/submit/reset)."""
    return el.tag != "input" or (el.get("type") or "").strip().lower() not in _NO_LABEL_TYPES


def heading_level(el: etree._Element) -> int | None:
    """A heading's level: ``aria-level`` when valid, else the ``hN`` number (role=heading defaults to 2)."""
    level = (el.get("aria-level") or "").strip()
    if level.isdigit() and int(level) > 0:
        return int(level)
    tag = el.tag
    if isinstance(tag, str) and len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
        return int(tag[1])
    return 2

