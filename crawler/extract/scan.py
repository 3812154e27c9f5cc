"""One pass over a parsed page that sorts its text and elements by region.

Every fact builder (main-region facts, layout, forms, documents, probes) reads a :class:`Scan`
instead of walking the tree again: the walk is the expensive part, so it happens once per page.
It uses lxml's ``iterwalk`` (start and end events), so element tails land in document order
with the state of their parent, and whole subtrees the facts never need are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from crawler.extract.page import MAX_LINKS, ParsedPage, classify
from nd42.textnorm import clean

_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Never text: code, and the option lists of selects (filters and "Liên kết website" pick lists).
_NO_TEXT = frozenset(("script", "style", "template", "noscript", "select", "option", "optgroup", "textarea"))
_SKIP = frozenset(("script", "style", "template", "noscript", "svg", "math", "head"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4"))
_FORM_TAGS = frozenset(("form", "input", "select", "textarea", "button", "iframe", "frame"))
# Block-level tags: their boundaries separate words; inline tags (b, span, a) do not.
_BLOCKS = frozenset(("p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "br", "h1", "h2", "h3", "h4", "h5",
                     "h6", "dt", "dd", "dl", "section", "article", "header", "footer", "nav", "aside", "form",
                     "blockquote", "pre", "hr", "figure", "figcaption", "address", "main", "tbody", "thead",
                     "caption", "label", "option", "button", "center", "fieldset", "legend"))
# Inline elements a page often writes back to back ("<a>English</a><a>Đăng nhập</a>"): a visitor sees
# separate words, so their ends separate words too (a space, not a line break).
_WORD_BREAKS = frozenset(("a", "img", "input", "select", "textarea", "iframe", "button"))
TEXT_CAP = 6000
HEADER_CAP = 600
FOOTER_CAP = 2000


@dataclass
class Placed:
    """An element with where it sits: region (nearest classified ancestor), band and visibility."""

    el: etree._Element
    region: str  # main | menu | sidebar | footer | header | related
    band: str  # header | footer | "" : inside the page's header or footer, menus included
    hidden: bool


@dataclass
class _Buffer:
    cap: int
    parts: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, text: str) -> None:
        if self.size < self.cap:
            self.parts.append(text)
            self.size += len(text)

    def text(self) -> str:
        return clean("".join(self.parts))[: self.cap]

    def lines(self) -> list[str]:
        """The text cut at block boundaries ("Label: value" lines of a detail page)."""
        out = []
        for line in "".join(self.parts).split("\n"):
            line = clean(line)
            if line:
                out.append(line)
        return out


@dataclass
class Scan:
    page: ParsedPage
    full: bool  # every region walked (home pages), not only the main one
    main_text: _Buffer = field(default_factory=lambda: _Buffer(TEXT_CAP * 2))
    body_text: _Buffer = field(default_factory=lambda: _Buffer(TEXT_CAP * 2))
    header_text: _Buffer = field(default_factory=lambda: _Buffer(HEADER_CAP * 2))
    footer_text: _Buffer = field(default_factory=lambda: _Buffer(FOOTER_CAP * 2))
    premenu_text: _Buffer = field(default_factory=lambda: _Buffer(HEADER_CAP * 2))
    anchors: list[Placed] = field(default_factory=list)
    images: list[Placed] = field(default_factory=list)
    headings: list[Placed] = field(default_factory=list)
    tables: list[Placed] = field(default_factory=list)
    forms: list[Placed] = field(default_factory=list)
    inputs: list[Placed] = field(default_factory=list)  # inputs, selects, textareas, buttons
    frames: list[Placed] = field(default_factory=list)
    options: list[Placed] = field(default_factory=list)  # <option value> (link selectors)
    areas: list[Placed] = field(default_factory=list)
    menu_roots: list[Placed] = field(default_factory=list)
    premenu_images: list[Placed] = field(default_factory=list)  # images before the first menu
    dls: list[Placed] = field(default_factory=list)
    header_found: bool = False
    footer_found: bool = False
    print_css: str | None = None  # the markup of a print style sheet, when one is declared

    def text(self) -> tuple[str, str]:
        """(main-region text, "main") or, when the page has no usable main region, (body text, "body")."""
        main = self.main_text.text()
        if len(main) < 200:
            body = self.body_text.text()
            if len(body) > len(main) + 100:
                return body[:TEXT_CAP], "body"
        return main[:TEXT_CAP], "main"


def scan(page: ParsedPage, *, full: bool = False) -> Scan:
    """Walk ``page`` once.  ``full`` also walks menus, header, footer and sidebars (home pages)."""
    result = Scan(page, full)
    root = page.tree
    head = root.find("head")
    if head is not None:
        _scan_head(head, result)
    body = root.find("body")
    if body is None:
        body = root
    # (region, band, hidden, text allowed) of the element whose subtree we are in.
    stack: list[tuple[str, str, bool, bool]] = [("main", "", False, True)]
    menu_seen = False
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "end":
            if len(stack) > 1:
                stack.pop()
            reg, band, hid, texty = stack[-1]
            if texty and not hid:
                if isinstance(tag, str) and tag in _BLOCKS:
                    _text(result, "\n", reg, band, menu_seen)
                elif isinstance(tag, str) and tag in _WORD_BREAKS:
                    _text(result, " ", reg, band, menu_seen)
                tail = el.tail
                if tail and not tail.isspace():
                    _text(result, tail, reg, band, menu_seen)
            continue
        reg, band, hid, texty = stack[-1]
        if not isinstance(tag, str) or tag in _SKIP:
            stack.append((reg, band, True, False))
            walker.skip_subtree()
            continue
        keys = el.keys()
        if keys:
            own = classify(el, "") if ("class" in keys or "id" in keys or "role" in keys or tag in (
                "nav", "aside", "footer", "header")) else ""
            if not hid and ("style" in keys or "hidden" in keys or "aria-hidden" in keys):
                style = el.get("style")
                hid = el.get("hidden") is not None or el.get("aria-hidden") == "true" or bool(
                    style and _HIDDEN_STYLE_RE.search(style))
        elif tag in ("nav", "aside", "footer", "header"):
            own = classify(el, "")
        else:
            own = ""
        if own:
            if own == "menu" and reg != "menu":
                result.menu_roots.append(Placed(el, own, band, hid))
            if own in ("header", "footer") and band != own:
                band = own
                if own == "header":
                    result.header_found = True
                else:
                    result.footer_found = True
            reg = own
        if reg == "menu":
            menu_seen = True
        if not full and (hid or reg in ("menu", "footer")) and tag not in _FORM_TAGS:
            # Menus, footers and hidden blocks of ordinary pages: only their forms and frames matter.
            stack.append((reg, band, hid, False))
            _collect_forms_only(result, el, reg, band, hid)
            walker.skip_subtree()
            continue
        texty = texty and tag not in _NO_TEXT
        stack.append((reg, band, hid, texty))
        if full or reg == "main" or tag in _FORM_TAGS:
            # Headers and sidebars of ordinary pages give text for the body fallback, no elements.
            _place(result, el, tag, reg, band, hid)
        text = el.text
        if text and texty and not hid and not text.isspace():
            _text(result, text, reg, band, menu_seen)
    return result


def _text(result: Scan, text: str, reg: str, band: str, menu_seen: bool) -> None:
    if reg == "main":
        result.main_text.add(text)
    if reg not in ("menu", "footer") and band != "footer":
        result.body_text.add(text)
        if not menu_seen:
            result.premenu_text.add(text)
    if band == "header" and reg != "menu":
        result.header_text.add(text)
    if band == "footer":
        result.footer_text.add(text)


def _place(result: Scan, el: etree._Element, tag: str, reg: str, band: str, hid: bool) -> None:
    if tag == "a":
        # As many as ParsedPage.links() reads: a page of 90,000 links would cost the facts seconds each.
        if el.get("href") is not None and len(result.anchors) < MAX_LINKS:
            result.anchors.append(Placed(el, reg, band, hid))
    elif tag == "img":
        placed = Placed(el, reg, band, hid)
        result.images.append(placed)
        if not result.menu_roots and reg != "footer":
            result.premenu_images.append(placed)
    elif tag in _HEADINGS:
        if not hid and reg == "main":
            result.headings.append(Placed(el, reg, band, hid))
    elif tag == "table":
        if not hid and reg == "main":
            result.tables.append(Placed(el, reg, band, hid))
    elif tag == "form":
        result.forms.append(Placed(el, reg, band, hid))
    elif tag in ("input", "select", "textarea", "button"):
        result.inputs.append(Placed(el, reg, band, hid))
    elif tag in ("iframe", "frame"):
        result.frames.append(Placed(el, reg, band, hid))
    elif tag == "option":
        if el.get("value"):
            result.options.append(Placed(el, reg, band, hid))
    elif tag == "area":
        if el.get("href") is not None:
            result.areas.append(Placed(el, reg, band, hid))
    elif tag == "dl" and not hid and reg == "main":
        result.dls.append(Placed(el, reg, band, hid))


_FORMISH = etree.XPath(".//form | .//input | .//select | .//textarea | .//button | .//iframe | .//frame")


def _collect_forms_only(result: Scan, el: etree._Element, reg: str, band: str, hid: bool) -> None:
    """Forms, their fields and frames inside a skipped subtree (search boxes sit in headers)."""
    for node in [el, *_FORMISH(el)]:  # type: ignore[misc]
        tag = node.tag
        if not isinstance(tag, str):
            continue
        if tag == "form":
            result.forms.append(Placed(node, reg, band, hid))
        elif tag in ("input", "select", "textarea", "button"):
            result.inputs.append(Placed(node, reg, band, hid))
        elif tag in ("iframe", "frame"):
            result.frames.append(Placed(node, reg, band, hid))


def _scan_head(head: etree._Element, result: Scan) -> None:
    for el in head.iter("link", "style"):
        if el.tag == "link" and "print" in (el.get("media") or "").lower():
            result.print_css = etree.tostring(el, encoding="unicode", with_tail=False)[:120]
            return
        if el.tag == "style" and "@media print" in (el.text or "").lower():
            result.print_css = "@media print"
            return
