"""Parse a fetched page once and answer the questions every later step asks of it.

A :class:`ParsedPage` holds the lxml tree, the base URL (``<base href>`` honoured) and cheap
derived facts.  Extraction modules take a ``ParsedPage`` so that no page is parsed twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

from crawler.extract.text import clean
from crawler.urls import join, split

# Regions told apart by tag, id and class names: real portals rarely use <nav>/<aside>, so the
# id/class vocabulary below (English, Vietnamese and CMS-specific) does most of the work.
_MENU_RE = re.compile(
    r"menu|nav|topnav|mainmenu|megamenu|dropdown|submenu|sub-menu|ms-core-listmenu|deltatopnavigation"
    r"|level[12]|thanh-?menu|danh-?muc-?chinh",
    re.IGNORECASE,
)
# "left"/"right" columns are not matched: many portals put the content in "col-right".
_SIDE_RE = re.compile(r"sidebar|side-?bar|\bside\b|\baside\b|widget-area|\bsidebox|box-?side|cot-?phai-?tin",
                      re.IGNORECASE)
_FOOT_RE = re.compile(r"foot|bottom|chan-?trang|colophon|copyright|contentinfo", re.IGNORECASE)
# "header" as a whole class token (or site-header, header-top…), not "entry-header"/"page-header",
# which are headings inside the content.
_HEAD_RE = re.compile(r"(?<![\w-])(?:site-)?header(?!\w)|masthead|banner|top-?bar|dau-?trang", re.IGNORECASE)
_RELATED_RE = re.compile(r"related|lien-?quan|tin-?khac|other|more-?news|cung-?chuyen-?muc|da-?dua|tin-?moi-?hon"
                         r"|tin-?cu-?hon|xem-?nhieu|most", re.IGNORECASE)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_REFRESH_RE = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]+)", re.IGNORECASE)

SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "#", "about:", "ftp:", "file:")
# Bounds on what one page can make the crawler carry: a link longer than any server takes in a request
# line is no link to follow (nor to store); past MAX_LINKS a page's links are not read (a portal's home
# page has a few hundred; a page of 10,000 would cost every later step its time, and the reactor with it).
MAX_URL_CHARS = 4096
MAX_LINKS = 2000
# Bytes of a page parsed: the first 4 MB (Scrapy's DOWNLOAD_WARNSIZE); a 10 MB page of small elements costs
# a quarter of a gigabyte as a tree and seconds of every fact, all in the reactor's thread.
MAX_PARSE_BYTES = 4 * 1024 * 1024


def marker(el: etree._Element) -> str:
    """The tag, id and class of an element as one lower-case string, for region tests."""
    tag = el.tag if isinstance(el.tag, str) else ""
    return f"{tag} {el.get('id') or ''} {el.get('class') or ''} {el.get('role') or ''}".lower()


def region_of(el: etree._Element) -> str:
    """Where an element sits: menu | sidebar | footer | header | related | main.

    The nearest classified ancestor wins, so a menu inside a header counts as menu and a box
    inside a sidebar counts as sidebar.
    """
    node: etree._Element | None = el
    while node is not None:
        region = classify(node, "")
        if region:
            return region
        node = node.getparent()
    return "main"


_REGION_TAGS = frozenset(("nav", "aside", "footer", "header"))
# id/class/role strings repeat across a page (every list item carries the same classes), so the
# verdict of the patterns is remembered per string; the walk costs a dict look-up per element.
_MARK_CACHE: dict[str, str] = {}
_MARK_CACHE_MAX = 20000


def _mark_region(mark: str) -> str:
    region = _MARK_CACHE.get(mark)
    if region is None:
        if _MENU_RE.search(mark):
            region = "menu"
        elif _SIDE_RE.search(mark):
            region = "sidebar"
        elif _FOOT_RE.search(mark):
            region = "footer"
        elif _RELATED_RE.search(mark):
            region = "related"
        elif _HEAD_RE.search(mark):
            region = "header"
        else:
            region = ""
        if len(_MARK_CACHE) >= _MARK_CACHE_MAX:
            _MARK_CACHE.clear()
        _MARK_CACHE[mark] = region
    return region


def classify(el: etree._Element, inherited: str) -> str:
    """The region of ``el`` given its parent's region (for one-pass tree walks)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("html", "body", "main", "form"):
        # Themes put words like "has-navigation" on <body>; a page-wide wrapper is no region.
        return inherited
    # Tag names are tested explicitly below; the patterns look at id, class and role only.
    mark = f"{el.get('id') or ''} {el.get('class') or ''} {el.get('role') or ''}".lower()
    if tag not in _REGION_TAGS:
        return _mark_region(mark) or inherited
    if tag == "nav" or _MENU_RE.search(mark):
        return "menu"
    if tag == "aside" or _SIDE_RE.search(mark):
        return "sidebar"
    if (tag == "footer" and not _inside_content(el)) or _FOOT_RE.search(mark):
        return "footer"
    if _RELATED_RE.search(mark):
        return "related"
    if _HEAD_RE.search(mark) or (tag == "header" and not _inside_content(el)):
        return "header"
    return inherited


def _inside_content(el: etree._Element) -> bool:
    """<header>/<footer> inside an article or main area belong to that content, not to the page."""
    return any(a.tag in ("article", "main", "section") for a in el.iterancestors())


def walk(root: etree._Element, region: str = "main", hidden: bool = False
         ) -> Iterator[tuple[etree._Element, str, bool]]:
    """Elements in document order with their region and hidden state, computed in one pass."""
    stack: list[tuple[etree._Element, str, bool]] = [(root, region, hidden)]
    while stack:
        el, reg, hid = stack.pop()
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "template", "noscript"):
            continue
        reg = classify(el, reg)
        style = el.get("style")
        hid = hid or el.get("hidden") is not None or el.get("aria-hidden") == "true" or bool(
            style and _HIDDEN_STYLE_RE.search(style))
        yield el, reg, hid
        stack.extend((child, reg, hid) for child in reversed(el))


def is_hidden(el: etree._Element) -> bool:
    """Hidden by inline CSS, ``hidden`` or ``aria-hidden`` on it or an ancestor.

    SharePoint pages keep raw list views with US-order dates inside ``display:none`` blocks;
    what a visitor cannot see must not count as content.
    """
    node: etree._Element | None = el
    while node is not None:
        if node.get("hidden") is not None or node.get("aria-hidden") == "true":
            return True
        style = node.get("style")
        if style and _HIDDEN_STYLE_RE.search(style):
            return True
        node = node.getparent()
    return False


@dataclass(frozen=True)
class Link:
    url: str  # absolute, fragment removed
    label: str  # cleaned anchor text (or title/alt when the text is empty)
    region: str  # menu | sidebar | footer | header | related | main
    in_submenu: bool  # inside a nested list under a menu entry (a dropdown)
    in_heading: bool  # the anchor is (inside) a heading: a home-page box title
    element: etree._Element


class ParsedPage:
    """One HTML page, parsed once."""

    def __init__(self, url: str, body: bytes | str, content_type: str | None = None) -> None:
        self.url = url
        self.truncated = len(body) > MAX_PARSE_BYTES  # only the first MAX_PARSE_BYTES were parsed
        # libxml2 stops a tree at 256 levels: what lies deeper is not read (``too_deep``).
        self.tree, self.too_deep = _parse(body[:MAX_PARSE_BYTES] if self.truncated else body, content_type)
        base = self.tree.find(".//base[@href]")
        self.base_url = (join(url, base.get("href") or "") or url) if base is not None else url
        self._absolute_cache: dict[str, str | None] = {}
        self.links_capped = False  # the page had more than MAX_LINKS links: the rest were not read

    @cached_property
    def walked(self) -> list[tuple[etree._Element, str, bool]]:
        """``walk(self.tree)`` once: the listing's title search, its next-page search and the article's
        date search each walked the whole page again (profiled).  Extraction does not change the tree."""
        return list(walk(self.tree))

    @cached_property
    def title(self) -> str:
        node = self.tree.find(".//title")
        return clean(node.text_content()) if node is not None else ""

    @cached_property
    def lang(self) -> str | None:
        root = self.tree if self.tree.tag == "html" else self.tree.find(".//html")
        return str(root.get("lang")) if root is not None and root.get("lang") is not None else None

    @cached_property
    def generator(self) -> str | None:
        for meta in self.tree.iterfind(".//meta"):
            if (meta.get("name") or "").lower() == "generator":
                return str(meta.get("content") or "") or None
        return None

    def meta_refresh(self) -> str | None:
        """The target of a ``<meta http-equiv="refresh">`` outside ``<noscript>``, absolute."""
        for meta in self.tree.iterfind(".//meta"):
            if (meta.get("http-equiv") or "").lower() != "refresh":
                continue
            if any(a.tag == "noscript" for a in meta.iterancestors()):
                continue
            match = _REFRESH_RE.match(meta.get("content") or "")
            if match and match.group(1).strip():
                return join(self.base_url, str(match.group(1)).strip())
        return None

    def absolute(self, href: str) -> str | None:
        # Fact builders resolve the same hrefs several times (menu, external links, language links).
        try:
            return self._absolute_cache[href]
        except KeyError:
            url = self._absolute_cache[href] = self._absolute(href)
            return url

    def _absolute(self, href: str) -> str | None:
        href = href.strip()
        if not href or len(href) > MAX_URL_CHARS or href.lower().startswith(SKIP_SCHEMES):
            return None
        url = join(self.base_url, href)
        parts = split(url) if url is not None and len(url) <= MAX_URL_CHARS else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        return parts._replace(fragment="").geturl()

    def links(self) -> Iterator[Link]:
        """Every usable ``<a href>`` with its label and region, hidden ones included.

        Dropdown submenus are often hidden until hover, so visibility is not a filter here.  At most
        :data:`MAX_LINKS` (``links_capped`` then says so).
        """
        count = 0
        for a in self.tree.iterfind(".//a[@href]"):
            url = self.absolute(a.get("href") or "")
            if url is None:
                continue
            count += 1
            if count > MAX_LINKS:
                self.links_capped = True
                return
            label = clean(a.text_content())
            if not label:
                label = clean(a.get("title") or "")
            if not label:
                img = a.find(".//img[@alt]")
                label = clean(img.get("alt") or "") if img is not None else ""
            in_submenu = False
            in_heading = False
            for anc in a.iterancestors():
                if anc.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    in_heading = True
                if anc.tag in ("ul", "ol") and any(x.tag == "li" for x in anc.iterancestors()):
                    in_submenu = True
            yield Link(url, label, region_of(a), in_submenu, in_heading, a)


_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text the way browsers do: BOM, then HTTP charset, then ``<meta>``, then UTF-8."""
    _, text = html_to_unicode(content_type, body)
    return str(text)


def _parse(body: bytes | str, content_type: str | None) -> tuple[lxml.html.HtmlElement, bool]:
    """The tree, and whether libxml2 stopped at its depth limit."""
    text = decode_html(body, content_type) if isinstance(body, bytes) else body
    if not text.strip():
        return lxml.html.document_fromstring("<html><body></body></html>"), False
    try:
        # Re-encoding lets lxml ignore any XML/meta encoding declaration in the text.
        tree = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=_UTF8_PARSER)
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<html><body></body></html>"), False
    return tree, any("Excessive depth" in entry.message for entry in _UTF8_PARSER.error_log)


_TEXT_XPATH = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::template)]")


def element_text(el: etree._Element) -> str:
    """Visible-ish text of an element: scripts and styles left out, whitespace collapsed."""
    return clean(" ".join(str(t) for t in _TEXT_XPATH(el)))  # type: ignore[union-attr]


_NO_TEXT = ("script", "style", "template")


def subtree_texts(root: etree._Element) -> dict[etree._Element, str] | None:
    """``element → element_text(element)`` for ``root`` and every element under it, in one pass.

    Asking :func:`element_text` of every element of an item reads nested text again at each level
    (an XPath per element: profiled).  Here each element's raw text is joined from its children's:
    the pieces differ from the XPath's only by extra spaces, which ``clean`` collapses, so the texts
    are the same.  None when ``root`` lies inside a script, style or template (its text is empty
    there: ask :func:`element_text`).
    """
    if any(isinstance(a.tag, str) and a.tag in _NO_TEXT for a in root.iterancestors()):
        return None
    raw: dict[etree._Element, str] = {}

    def visit(el: etree._Element) -> str:
        if el.tag in _NO_TEXT:
            raw[el] = ""
            for child in el.iter():  # nothing inside counts, but each element gets its (empty) text
                raw[child] = ""
            return ""
        parts = [el.text] if el.text else []
        for child in el:
            if isinstance(child.tag, str):
                parts.append(visit(child))
            if child.tail:
                parts.append(child.tail)
        text = raw[el] = " ".join(parts)
        return text

    visit(root)
    return {el: clean(text) for el, text in raw.items()}


def locator(el: etree._Element) -> str:
    """A short CSS-like path for evidence: ``div#content > ul.news > li:nth-of-type(3) > span.date``."""
    steps: list[str] = []
    node: etree._Element | None = el
    while node is not None and isinstance(node.tag, str) and node.tag not in ("html", "body"):
        step = node.tag
        if node.get("id"):
            steps.append(f"{step}#{node.get('id')}")
            break
        cls = (node.get("class") or "").split()
        if cls:
            step += "." + ".".join(cls[:2])
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                step += f":nth-of-type({same.index(node) + 1})"
        steps.append(step)
        node = parent
    return " > ".join(reversed(steps[-6:] if len(steps) > 6 else steps))
