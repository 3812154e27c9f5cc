"""RSS and Atom feeds: is the fetched document a well-formed feed, how many items, how many dated, the newest.

Feeds are untrusted XML like sitemaps: no entities, no network, no huge trees.  The parse is strict
first (``ok`` means well-formed), then recovering, so that a nearly-right feed still reports its items.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

from lxml import etree

_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False,
                          remove_comments=True, remove_pis=True)
_RECOVER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True,
                           remove_comments=True, remove_pis=True)
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DATE_TAGS = frozenset(("pubDate", "date", "updated", "published", "issued", "modified"))
MAX_BYTES = 5 * 1024 * 1024
_VIETNAM = dt.timezone(dt.timedelta(hours=7))


def feed_fact(body: bytes) -> dict[str, Any]:
    """``facts["feed"]`` (docs/facts.md): ``{ok, kind, items, dated, newest, error}``."""
    fact: dict[str, Any] = {"ok": False, "kind": None, "items": 0, "dated": 0, "newest": None, "error": None}
    head = body[:4096].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if b"<!entity" in head:
        fact["error"] = "entities_refused"
        return fact
    # An HTML page where a feed was expected (a soft 404, a "feeds" page); feeds may quote HTML later on.
    if not head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and (
            head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1024]):
        fact["error"] = "html"
        return fact
    well_formed = True
    try:
        root = etree.fromstring(body[:MAX_BYTES], parser=_STRICT)
    except etree.XMLSyntaxError:
        well_formed = False
        try:
            root = etree.fromstring(body[:MAX_BYTES], parser=_RECOVER)
        except etree.XMLSyntaxError:
            root = None
    if root is None or not isinstance(root.tag, str):
        fact["error"] = "not_xml"
        return fact
    name = etree.QName(root).localname
    if name == "rss":
        kind, items = "rss", [i for c in root if _local(c) == "channel" for i in c if _local(i) == "item"]
    elif name == "RDF":
        kind, items = "rdf", [i for i in root if _local(i) == "item"]
    elif name == "feed":
        kind, items = "atom", [i for i in root if _local(i) == "entry"]
    else:
        fact["error"] = f"unexpected_root:{name}"
        return fact
    dates = [d for d in (_item_date(i) for i in items) if d is not None]
    fact.update({"ok": well_formed, "kind": kind, "items": len(items), "dated": len(dates),
                 "newest": max(dates).isoformat() if dates else None,
                 "error": None if well_formed else "not_well_formed"})
    return fact


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _item_date(item: etree._Element) -> dt.datetime | None:
    for child in item:
        if _local(child) in _DATE_TAGS and child.text:
            parsed = parse_date(child.text)
            if parsed is not None:
                return parsed
    return None


def parse_date(text: str) -> dt.datetime | None:
    """RFC 822 (RSS), ISO 8601 (Atom, dc:date) or the ``dd/mm/yyyy [hh:mm]`` Vietnamese portals write.

    Dates without a zone are read as Vietnam time (UTC+7): the portals' own clock.
    """
    value = text.strip()
    parsed: dt.datetime | None = None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
    if parsed is None:
        match = _DMY.match(value)
        if match:
            day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            try:
                parsed = dt.datetime(year, month, day, int(match.group(4) or 0), int(match.group(5) or 0),
                                     int(match.group(6) or 0))
            except ValueError:
                parsed = None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=_VIETNAM)
