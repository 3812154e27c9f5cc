"""Technical facts of one HTML page (``facts["tech"]``, docs/facts.md "Technical facts").

One pass over the tree the spider already parsed (``ParsedPage``) collects what the technical rules
judge: charset declarations, viewport, fixed layout widths, IE compatibility mode, scripts, styles and
the libraries they load, plugins, frames, insecure sub-resources, feeds and the accessibility counts.
The raw body bytes are read too, by C-speed searches only: whether they are UTF-8, legacy font
names, and absolute URLs to internal hosts (the parser drops HTML comments, where such URLs hide).

The text patterns (mojibake, NFC) read the text the page scan (:mod:`crawler.extract.scan`) already
collected, so no text is walked twice.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from crawler.extract import libraries
from crawler.extract.a11y import Collected, a11y_facts, all_text, heading_level, labelled_control, start_tag
from crawler.extract.page import ParsedPage
from crawler.extract.scan import Scan
from crawler.extract.vntext import charset_facts, meta_charset
from nd42.textnorm import clean

CAPS = {"scripts": 40, "styles": 30, "libraries": 20, "plugins": 10, "internal_hosts": 20, "insecure_resources": 30,
        "feeds": 5, "feed_pages": 3, "fixed_widths": 10}
SNIPPET = 120
MIN_FIXED_PX = 360  # wider than a small phone's viewport (360 CSS px) forces horizontal scrolling
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WIDTH = re.compile(r"(?<![\w-])((?:min-)?width)\s*:\s*(\d+(?:\.\d+)?)px", re.IGNORECASE)
_WIDTH_ATTR = re.compile(r"^\s*(\d+)\s*(?:px)?\s*$", re.IGNORECASE)
# Layout wrappers by id/class token: #wrapper, .container, #page, .main-wrap, #khung-chinh, .outer ...
_WRAPPER = re.compile(r"^(?:\w*wrap\w*|container\w*|page\w*|main\w*|site\w*|layout\w*|khung\w*|outer\w*|bao-?ngoai\w*"
                      r"|toan-?trang\w*|all|global)$", re.IGNORECASE)
_SELECTOR_TOKEN = re.compile(r"[#.]([\w-]+)")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?\s*[\"']?([^\"')\s;]+)", re.IGNORECASE)
_FLASH_CLASSID = "d27cdb6e-ae6d-11cf-96b8-444553540000"
_FEED_TYPES = {"application/rss+xml": "rss", "application/atom+xml": "atom", "application/rdf+xml": "rss"}
_FEED_URL = re.compile(r"(?:\.rss|[/_-](?:rss|atom|feed)\.xml|/feed/?)$", re.IGNORECASE)
_ABSOLUTE_URL = re.compile(rb"https?:(?:\\?/){2}(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)"
                           rb"(?::\d{1,5})?(?:[^\s\"'<>\\)]|\\/)*")
_INTERNAL_SUFFIXES = (".local", ".lan", ".internal", ".localdomain", ".intranet", ".corp", ".localhost")
_PRIVATE_NETS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "::1/128", "fc00::/7",
    "fe80::/10"))
_TAG_AT = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)")
_ATTR_BEFORE = re.compile(rb"([a-zA-Z-]+)\s*=\s*[\"']?[^\"'\s>]*$")
_INTERESTING = frozenset(("html", "meta", "title", "script", "link", "style", "base", "body", "img", "input", "select",
                          "textarea", "label", "a", "iframe", "frame", "frameset", "object", "embed", "applet", "h1",
                          "h2", "h3", "h4", "h5", "h6", "table", "marquee", "blink", "audio", "video", "source",
                          "track"))
_ACTIVE = frozenset(("script", "link", "iframe", "frame", "object", "embed"))


def scan_text(found: Scan | None, page: ParsedPage) -> str:
    """The raw (not normalised) text the scan read, with the title: what the encoding checks look at."""
    title = page.tree.find(".//title")
    head = all_text(title) if title is not None else ""
    body = "".join(found.body_text.parts) if found is not None else ""
    return f"{head}\n{body}"


def tech_facts(page: ParsedPage, body: bytes, content_type: str | None, *, found: Scan | None = None,
               home: bool = False, hosts: Iterable[str] = ()) -> dict[str, Any]:
    """Every technical fact of one HTML page (docs/facts.md, ``tech``)."""
    walk = _Walk(page, home)
    walk.run()
    own = {h.lower().rsplit(":", 1)[0] if h.count(":") == 1 else h.lower() for h in hosts}
    own.add((urlsplit(page.url).hostname or "").lower())
    https = urlsplit(page.url).scheme == "https"
    insecure = [r for r in walk.resources if https and r["url"].startswith("http://")]
    facts: dict[str, Any] = {
        "charset": charset_facts(body, content_type, walk.meta_charset, scan_text(found, page)),
        "viewport": walk.viewport,
        "fixed_widths": walk.fixed[: CAPS["fixed_widths"]],
        "x_ua_compatible": walk.x_ua_compatible,
        "generator": walk.generator,
        "scripts": walk.scripts[: CAPS["scripts"]],
        "inline_scripts": walk.inline_scripts,
        "styles": walk.styles[: CAPS["styles"]],
        "libraries": walk.libraries[: CAPS["libraries"]],
        "plugins": walk.plugins[: CAPS["plugins"]],
        "frameset": walk.frameset,
        "internal_hosts": internal_hosts(body, own),
        "insecure_resources": insecure[: CAPS["insecure_resources"]],
        "insecure_count": len(insecure),
        "feeds": walk.feeds[: CAPS["feeds"]],
        "a11y": a11y_facts(page, walk.collected, walk.hidden),
    }
    if home:
        facts["feed_pages"] = walk.feed_pages[: CAPS["feed_pages"]]
    return facts


class _Walk:
    """The one pass over the tree; each element is looked at once, by tag."""

    def __init__(self, page: ParsedPage, home: bool) -> None:
        self.page = page
        self.home = home
        self.hidden: set[etree._Element] = set()
        self.collected = Collected()
        self.meta_charset: str | None = None
        self.viewport: dict[str, Any] | None = None
        self.x_ua_compatible: str | None = None
        self.generator: str | None = None
        self.scripts: list[str] = []
        self.inline_scripts = 0
        self.styles: list[str] = []
        self.libraries: list[dict[str, Any]] = []
        self.plugins: list[dict[str, str]] = []
        self.frameset = False
        self.resources: list[dict[str, Any]] = []
        self.feeds: list[dict[str, Any]] = []
        self.feed_pages: list[dict[str, str]] = []
        self.fixed: list[dict[str, Any]] = []
        self._body: etree._Element | None = None
        self._plugin_objects: set[etree._Element] = set()

    def run(self) -> None:
        hidden = self.hidden
        for el in self.page.tree.iter():
            tag = el.tag
            if not isinstance(tag, str):
                continue
            hid = bool(hidden) and el in hidden
            keys = el.keys()
            if not hid and keys and _own_hidden(el, keys):
                hidden.update(el.iter())
                hid = True
            if "style" in keys and not hid:
                self._inline_width(el, tag)
            if "role" in keys and tag not in _INTERESTING and not hid and el.get("role") == "heading":
                level = heading_level(el)
                if level is not None:
                    self.collected.headings.append(level)
            if tag in _INTERESTING:
                self._element(el, tag, hid)

    # ------------------------------------------------------------------ per element
    def _element(self, el: etree._Element, tag: str, hid: bool) -> None:
        c = self.collected
        if tag == "meta":
            self._meta(el)
        elif tag == "a":
            href = el.get("href")
            if href is None:
                return
            if not hid:
                c.anchors.append(el)
            self._anchor_feed(el, href)
        elif tag == "img":
            self._resource(el, "src", tag)
            if not hid:
                c.images.append(el)
        elif tag == "script":
            self._script(el)
        elif tag == "link":
            self._link(el)
        elif tag == "style":
            self._style(el)
        elif tag in ("input", "textarea", "select"):
            if tag == "input" and (el.get("type") or "").strip().lower() == "image":
                self._resource(el, "src", "img")
            if not hid and labelled_control(el):
                c.controls.append(el)
        elif tag == "label":
            target = el.get("for")
            if target:
                c.labels_for.setdefault(target, []).append(el)
        elif tag in ("iframe", "frame"):
            self._resource(el, "src", tag)
            tabindex = (el.get("tabindex") or "").strip()
            if not hid and not (tabindex.startswith("-") and tabindex[1:].isdigit()):
                c.frames.append(el)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            role = _role(el)
            if not hid and role in ("", "heading"):
                level = heading_level(el)
                if level is not None:
                    c.headings.append(level)
        elif tag == "table":
            if not hid:
                c.tables.append(el)
                self._width_attr(el, tag)
        elif tag in ("object", "embed", "applet"):
            self._plugin(el, tag)
            self._resource(el, "data" if tag == "object" else "src", tag)
        elif tag in ("audio", "video", "source", "track"):
            self._resource(el, "src", tag)
        elif tag == "marquee":
            c.marquee.append(el)
        elif tag == "blink":
            c.blink.append(el)
        elif tag == "frameset":
            self.frameset = True
        elif tag == "html":
            c.html = el
        elif tag == "body":
            self._body = el
        elif tag == "title" and c.title is None:
            c.title = clean(all_text(el)) or None

    def _meta(self, el: etree._Element) -> None:
        name = (el.get("name") or "").strip().lower()
        equiv = (el.get("http-equiv") or "").strip().lower()
        if self.meta_charset is None and (el.get("charset") is not None or equiv == "content-type"):
            self.meta_charset = meta_charset(el.get("charset"), el.get("content"))
        content = el.get("content")
        if name == "viewport" and self.viewport is None:
            self.viewport = viewport(content or "")
        elif name == "generator" and self.generator is None and content:
            self.generator = clean(content)[:200] or None
        elif equiv == "x-ua-compatible" and self.x_ua_compatible is None and content is not None:
            self.x_ua_compatible = clean(content)[:100]

    def _script(self, el: etree._Element) -> None:
        src = el.get("src")
        if src is not None:
            url = self.page.absolute(src)
            if url is None:
                return
            if url not in self.scripts:
                self.scripts.append(url)
            self._library(libraries.from_url(url), url)
            self._resource(el, "src", "script")
            return
        self.inline_scripts += 1
        text = el.text or ""
        for name, version in libraries.from_banner(text):
            self._library((name, version), "inline")
        if ".swf" in text or "SWFObject" in text or "swfobject" in text:
            at = max(text.find(".swf"), text.find("SWFObject"), text.find("swfobject"))
            self._add_plugin("flash", clean(text[max(at - 60, 0): at + 60]))

    def _link(self, el: etree._Element) -> None:
        rel = (el.get("rel") or "").lower().split()
        href = el.get("href")
        if href is None:
            return
        url = self.page.absolute(href)
        if url is None:
            return
        if "stylesheet" in rel:
            if url not in self.styles:
                self.styles.append(url)
            self._library(libraries.from_url(url), url)
            self._resource(el, "href", "link")
        elif "icon" in rel:
            self._resource(el, "href", "img")
        elif "alternate" in rel:
            kind = _FEED_TYPES.get((el.get("type") or "").strip().lower())
            if kind is not None and all(f["url"] != url for f in self.feeds):
                kind = "atom" if "atom" in url.lower() and kind == "rss" and "rss" not in url.lower() else kind
                self.feeds.insert(sum(1 for f in self.feeds if f["via"] == "link"),
                                  {"url": url, "type": kind, "title": clean(el.get("title") or "")[:200] or None,
                                   "via": "link"})

    def _style(self, el: etree._Element) -> None:
        css = _CSS_COMMENT.sub(" ", el.text or "")
        for match in _CSS_IMPORT.finditer(css):
            url = self.page.absolute(match.group(1))
            if url is not None and url not in self.styles:
                self.styles.append(url)
                self._library(libraries.from_url(url), url)
        for name, version in libraries.from_banner(el.text or ""):
            self._library((name, version), "inline")
        if "width" in css:
            for px, snippet in css_fixed_widths(css):
                self._fixed(px, "style_block", snippet)

    def _anchor_feed(self, el: etree._Element, href: str) -> None:
        # Cheap string tests first: a page has hundreds of links and few of them concern feeds.
        lowered = href.lower()
        path = lowered.split("#", 1)[0].split("?", 1)[0]
        feed_like = path.endswith((".rss", ".xml", "/feed", "/feed/"))
        if not feed_like and ("rss" not in lowered or not self.home):
            return
        url = self.page.absolute(href)
        if url is None:
            return
        if feed_like and _FEED_URL.search(urlsplit(url).path):
            if all(f["url"] != url for f in self.feeds):
                kind = "atom" if "atom" in path else "rss"
                self.feeds.append({"url": url, "type": kind, "title": clean(all_text(el))[:200] or None,
                                   "via": "anchor"})
            return
        if self.home and "rss" in lowered and len(self.feed_pages) < CAPS["feed_pages"] and all(
                p["url"] != url for p in self.feed_pages):
            img = el.find(".//img")
            label = clean(all_text(el)) or clean(el.get("title") or "") or (
                clean(img.get("alt") or "") if img is not None else "")
            self.feed_pages.append({"url": url, "label": label[:200]})

    def _library(self, found: tuple[str, str | None] | None, source: str) -> None:
        if found is None:
            return
        name, version = found
        if any(lib["name"] == name and lib["version"] == version for lib in self.libraries):
            return
        if version is None and any(lib["name"] == name for lib in self.libraries):
            return  # a versionless file adds nothing once the version is known
        if version is not None:
            # The version now known replaces an earlier versionless entry of the same library.
            self.libraries = [lib for lib in self.libraries if not (lib["name"] == name and lib["version"] is None)]
        self.libraries.append({"name": name, "version": version, "source": source})

    def _plugin(self, el: etree._Element, tag: str) -> None:
        mime = (el.get("type") or "").lower()
        classid = (el.get("classid") or "").lower()
        data = (el.get("data") or el.get("src") or el.get("code") or "").lower().split("?", 1)[0]
        kind: str | None = None
        if tag == "applet" or "java" in mime or classid.startswith("java:") or data.endswith(".class"):
            kind = "java"
        elif "shockwave-flash" in mime or "futuresplash" in mime or _FLASH_CLASSID in classid or data.endswith(".swf"):
            kind = "flash"
        elif "silverlight" in mime or data.endswith(".xap"):
            kind = "silverlight"
        elif tag == "object":
            for param in el.iter("param"):
                value = (param.get("value") or "").lower().split("?", 1)[0]
                if (param.get("name") or "").lower() in ("movie", "src") and value.endswith(".swf"):
                    kind = "flash"
                elif (param.get("name") or "").lower() == "source" and value.endswith(".xap"):
                    kind = "silverlight"
        if kind is None:
            return
        if tag == "embed" and any(a in self._plugin_objects for a in el.iterancestors("object")):
            return  # the <embed> fallback inside a recorded <object> is the same plugin
        if tag == "object":
            self._plugin_objects.add(el)
        self._add_plugin(kind, start_tag(el))

    def _add_plugin(self, kind: str, snippet: str) -> None:
        if any(p["kind"] == kind and p["snippet"] == snippet for p in self.plugins):
            return
        self.plugins.append({"kind": kind, "snippet": snippet[:SNIPPET]})

    def _resource(self, el: etree._Element, attr: str, tag: str) -> None:
        raw = el.get(attr)
        if not raw:
            return
        url = self.page.absolute(raw)
        if url is None or not url.startswith("http://"):
            return
        self.resources.append({"url": url, "tag": tag, "active": tag in _ACTIVE})

    # ------------------------------------------------------------------ fixed widths
    def _inline_width(self, el: etree._Element, tag: str) -> None:
        style = el.get("style") or ""
        if "width" not in style.lower():
            return
        top_level = self._body is not None and el.getparent() is self._body
        if not (tag in ("html", "body", "table", "center") or top_level or _is_wrapper(el)):
            return
        for match in _WIDTH.finditer(style):
            px = float(match.group(2))
            if px > MIN_FIXED_PX:
                self._fixed(int(px), "inline_style", start_tag(el))
                return

    def _width_attr(self, el: etree._Element, tag: str) -> None:
        match = _WIDTH_ATTR.match(el.get("width") or "")
        if match and int(match.group(1)) > MIN_FIXED_PX:
            self._fixed(int(match.group(1)), "width_attr", start_tag(el))

    def _fixed(self, px: int, where: str, snippet: str) -> None:
        if len(self.fixed) < CAPS["fixed_widths"] and all(f["snippet"] != snippet for f in self.fixed):
            self.fixed.append({"px": px, "where": where, "snippet": snippet[:SNIPPET]})


def _own_hidden(el: etree._Element, keys: list[str]) -> bool:
    if "hidden" in keys or ("aria-hidden" in keys and (el.get("aria-hidden") or "").strip().lower() == "true"):
        return True
    if el.tag == "input" and (el.get("type") or "").strip().lower() == "hidden":
        return True
    style = el.get("style") if "style" in keys else None
    return bool(style and _HIDDEN_STYLE.search(style))


def _role(el: etree._Element) -> str:
    return (el.get("role") or "").strip().lower()


def _is_wrapper(el: etree._Element) -> bool:
    tokens = f"{el.get('id') or ''} {el.get('class') or ''}".split()
    return any(_WRAPPER.match(t) for t in tokens)


def viewport(content: str) -> dict[str, Any]:
    """``<meta name=viewport content=...>``: whether it follows the device width, and a fixed width if set."""
    props: dict[str, str] = {}
    for part in re.split(r"[,;]", content):
        key, _, value = part.partition("=")
        if key.strip():
            props[key.strip().lower()] = value.strip().lower()
    width = props.get("width", "")
    return {"content": clean(content)[:200], "device_width": width == "device-width",
            "width": int(width) if width.isdigit() else None}


def css_fixed_widths(css: str) -> list[tuple[int, str]]:
    """``(px, snippet)`` of top-level CSS rules that fix html/body/wrapper/table widths over 360 px.

    Rules inside ``@media`` blocks that test a width (responsive breakpoints) or print are skipped;
    a plain ``@media screen`` block counts as top level.
    """
    out: list[tuple[int, str]] = []
    stack: list[tuple[str, int, bool]] = []  # (kind "rule"|"at", start offset, skipped block)
    boundary = 0
    for match in re.finditer(r"[{}]", css):
        pos = match.start()
        if match.group() == "{":
            head = css[boundary:pos].strip()
            skipped = bool(stack and stack[-1][2])
            if head.startswith("@"):
                lowered = head.lower()
                skip = skipped or not lowered.startswith("@media") or "width" in lowered or "print" in lowered
                stack.append(("at", pos, skip))
            else:
                stack.append(("rule:" + head, pos, skipped))
            boundary = pos + 1
            continue
        if stack:
            kind, start, skipped = stack.pop()
            if kind.startswith("rule:") and not skipped:
                selector = kind[5:]
                body = css[start + 1: pos]
                width = _WIDTH.search(body)
                if width and float(width.group(2)) > MIN_FIXED_PX and _layout_selector(selector):
                    out.append((int(float(width.group(2))), clean(f"{selector} {{ {width.group(0)}")[:SNIPPET]))
        boundary = pos + 1
    return out


def _layout_selector(selector: str) -> bool:
    for part in selector.split(","):
        last = part.strip().split()[-1] if part.strip() else ""
        if re.match(r"^(?:html|body|table|center)\b", last, re.IGNORECASE):
            return True
        if any(_WRAPPER.match(t) for t in _SELECTOR_TOKEN.findall(last)):
            return True
    return False


def internal_host(host: str) -> bool:
    """A host name that only resolves inside an organisation: single label, localhost, private IP, .local ..."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if not name:
        return False
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        return any(address in net for net in _PRIVATE_NETS)
    if "." not in name:
        return any(c.isalpha() for c in name)
    return name.endswith(_INTERNAL_SUFFIXES) or name == "localhost"


def internal_hosts(body: bytes, own: set[str]) -> list[dict[str, str]]:
    """Absolute URLs to internal hosts anywhere in the raw page, with where they sit."""
    out: list[dict[str, str]] = []
    lowered: bytes | None = None
    verdicts: dict[bytes, bool] = {}  # a page names the same few hosts hundreds of times
    for match in _ABSOLUTE_URL.finditer(body):
        raw = match.group(1)
        internal = verdicts.get(raw)
        if internal is None:
            name = raw.decode("latin-1").lower()
            internal = verdicts[raw] = name not in own and internal_host(name)
        if not internal:
            continue
        host = raw.decode("latin-1").lower()
        url = match.group(0).decode("utf-8", "replace").replace("\\/", "/")[:200]
        if any(entry["url"] == url for entry in out):
            continue
        if lowered is None:
            lowered = body.lower()
        out.append({"url": url, "host": host.strip("[]"), "where": _where(lowered, match.start())})
        if len(out) >= CAPS["internal_hosts"]:
            break
    return out


def _where(lowered: bytes, pos: int) -> str:
    """Where a raw offset sits: ``comment``, ``script``, ``style``, ``<tag> <attribute>`` or ``text``."""
    opened = lowered.rfind(b"<!--", 0, pos)
    if opened != -1 and lowered.rfind(b"-->", opened, pos) == -1:
        return "comment"
    tag_open = lowered.rfind(b"<", 0, pos)
    if tag_open != -1 and lowered.rfind(b">", tag_open, pos) == -1:
        tag = _TAG_AT.match(lowered, tag_open)
        attr = _ATTR_BEFORE.search(lowered, tag_open, pos)
        if tag:
            name = tag.group(1).decode("latin-1")
            return f"{name} {attr.group(1).decode('latin-1')}" if attr else name
    for block in (b"script", b"style"):
        if lowered.rfind(b"<" + block, 0, pos) > lowered.rfind(b"</" + block, 0, pos):
            return block.decode()
    return "text"

