"""Small readings of single elements shared by the fact builders: labels, images, file links."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from lxml import etree

from crawler.extract.page import ParsedPage
from crawler.extract.scan import Placed
from nd42.textnorm import clean

FILE_EXTS = frozenset(("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "ppt", "pptx", "zip", "rar", "7z"))
LABEL_CHARS = 200


def file_ext(url: str) -> str | None:
    """The download extension of a URL, or None.

    Liferay serves ``/documents/<group>/<folder>/<name>.pdf/<uuid>``, and download scripts take the
    file name in the query (``download.aspx?file=QD-12.pdf``), so those places count too.
    """
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    tails = segments[-1:] + (segments[-2:-1] if "/documents/" in parts.path.lower() else [])
    tails += [v for pair in parts.query.split("&") for v in [pair.partition("=")[2]] if "." in v]
    for tail in tails:
        ext = unquote(tail).rsplit(".", 1)[-1].lower() if "." in tail else ""
        if ext in FILE_EXTS:
            return ext
    return None


def plain_text(el: etree._Element) -> str:
    """All text under an element, cleaned (like lxml.html's ``text_content``, for any element type)."""
    return clean("".join(str(t) for t in el.itertext()))


def anchor_label(el: etree._Element) -> str:
    """A link's label: its text, else its title, else the alt of an image inside it."""
    label = plain_text(el)
    if not label:
        label = clean(el.get("title") or el.get("aria-label") or "")
    if not label:
        img = el.find(".//img")
        label = clean(img.get("alt") or img.get("title") or "") if img is not None else ""
    return label[:LABEL_CHARS]


def images(page: ParsedPage, placed: Iterable[Placed], cap: int, *, main_only: bool = False) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in placed:
        if item.hidden or (main_only and item.region != "main"):
            continue
        el = item.el
        src = el.get("src") or el.get("data-src") or ""
        url = page.absolute(src)
        if url is None or url in seen:
            continue
        seen.add(url)
        out.append({"src": url, "alt": clean(el.get("alt") or el.get("title") or "")[:LABEL_CHARS]})
        if len(out) >= cap:
            break
    return out
