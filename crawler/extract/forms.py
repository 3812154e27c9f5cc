"""Forms of a page as facts: what a visitor can type in, and whether it is a search box.

ASP.NET WebForms pages (SharePoint, DotNetNuke) wrap the whole page in one ``<form>``; that
wrapper is no form a visitor fills in.  Its search box is recorded as a form of its own (method
``post``: WebForms post back), and its other visible fields (a Q&A or contact form) as one more.
A search box outside any form, run by a script, is recorded with method ``script``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from crawler.extract.elements import plain_text
from crawler.extract.scan import Placed, Scan
from nd42.textnorm import clean, slug_words

INPUTS_CAP = 25
_TEXT_TYPES = frozenset(("", "text", "search", "email", "tel"))
_NOT_FIELDS = frozenset(("hidden", "submit", "button", "image", "reset"))
_SEARCH_TOKENS = frozenset(("q", "k", "s", "keyword", "keywords", "query", "tukhoa", "timkiem", "search", "srch",
                            "txtsearch", "searchtext", "searchbox", "kw"))
_SEARCH_PHRASES = ("tim kiem", "tu khoa", "tra cuu", "search")
_WEBFORMS_IDS = frozenset(("aspnetform", "form1", "form", "mainform"))
_SEARCH_ATTRS = ("name", "id", "class", "placeholder", "title", "aria-label", "value", "alt")


def form_facts(found: Scan, cap: int) -> list[dict[str, Any]]:
    labels = _label_map(found)
    out: list[dict[str, Any]] = []
    in_forms: set[int] = set()
    # Each field belongs to its nearest form (nested forms are invalid HTML, yet seen).
    by_form: dict[int, list[Placed]] = {}
    for placed in found.inputs:
        owner = next(placed.el.iterancestors("form"), None)
        if owner is not None:
            by_form.setdefault(id(owner), []).append(placed)
    for placed in found.forms:
        form = placed.el
        fields = by_form.get(id(form), [])
        in_forms.update(id(p.el) for p in fields)
        if _is_webforms_wrapper(form, fields):
            out.extend(_webforms_parts(found, form, fields, labels, placed))
        else:
            out.append(_describe(found, form.get("action"), (form.get("method") or "get").lower(), fields, labels,
                                 placed.region, form))
    orphans = [p for p in found.inputs if id(p.el) not in in_forms]
    search = [p for p in orphans if _is_text(p.el) and _search_named(p.el, labels)]
    if search:
        # A search box without a form: a script builds the query (onclick/onkeypress).
        group = _group_of(search[0], orphans)
        out.append(_describe(found, None, "script", group, labels, search[0].region, None, search_like=True))
    return out[:cap]


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    return any(a is ancestor for a in el.iterancestors())


def _is_text(el: etree._Element) -> bool:
    return el.tag == "input" and (el.get("type") or "").lower() in _TEXT_TYPES


def _is_webforms_wrapper(form: etree._Element, fields: list[Placed]) -> bool:
    marker = f"{form.get('id') or ''} {form.get('name') or ''}".lower().split()
    if any(m in _WEBFORMS_IDS for m in marker) and any((p.el.get("name") or "").startswith("__") for p in fields):
        return True
    return any(p.el.get("name") == "__VIEWSTATE" for p in fields) and sum(1 for _ in form.iter()) > 300


def _webforms_parts(found: Scan, form: etree._Element, fields: list[Placed], labels: dict[str, str],
                    placed: Placed) -> list[dict[str, Any]]:
    visible = [p for p in fields if not p.hidden and (p.el.get("type") or "").lower() != "hidden"
               and not (p.el.get("name") or "").startswith("__")]
    out: list[dict[str, Any]] = []
    used: set[int] = set()
    for box in visible:
        if id(box.el) in used or not _is_text(box.el) or not _search_named(box.el, labels):
            continue
        group = _group_of(box, visible)
        used.update(id(p.el) for p in group)
        out.append(_describe(found, form.get("action"), "post", group, labels, box.region, None, search_like=True))
    rest = [p for p in visible if id(p.el) not in used and p.el.tag in ("input", "textarea", "select")
            and (p.el.tag != "input" or _is_text(p.el))]
    if rest:
        out.append(_describe(found, form.get("action"), "post", rest, labels, rest[0].region, None))
    return out


def _group_of(box: Placed, pool: list[Placed]) -> list[Placed]:
    """The fields around a search box: those under its nearest ancestor that also holds a button."""
    node = box.el.getparent()
    for _ in range(4):
        if node is None:
            break
        members = [p for p in pool if p.el is box.el or _inside(p.el, node)]
        if any(p.el.tag == "button" or (p.el.get("type") or "").lower() in ("submit", "image", "button")
               for p in members) or node.find(".//a[@href]") is not None:
            return members
        node = node.getparent()
    return [box]


def _search_named(el: etree._Element, labels: dict[str, str]) -> bool:
    for attr in _SEARCH_ATTRS:
        value = el.get(attr)
        if value and _search_words(value):
            return True
    label = labels.get(el.get("id") or "")
    return bool(label and _search_words(label))


def _search_words(value: str) -> bool:
    words = slug_words(value).split()
    if any(w in _SEARCH_TOKENS or w.startswith("search") or w.startswith("timkiem") for w in words):
        return True
    padded = f" {' '.join(words)} "
    return any(f" {p} " in padded for p in _SEARCH_PHRASES)


def _label_map(found: Scan) -> dict[str, str]:
    """``<label for=id>`` texts, when the page has any labels."""
    out: dict[str, str] = {}
    if not found.inputs:
        return out
    for label in found.page.tree.iter("label"):
        target = label.get("for")
        if target:
            out[target] = plain_text(label)[:120]
    return out


def _field_label(el: etree._Element, labels: dict[str, str]) -> str:
    label = labels.get(el.get("id") or "")
    if not label:
        wrapper = next((a for a in el.iterancestors() if a.tag == "label"), None)
        if wrapper is not None:
            label = plain_text(wrapper)
    return (label or clean(el.get("placeholder") or el.get("title") or el.get("aria-label") or ""))[:120]


def _describe(found: Scan, action: str | None, method: str, fields: list[Placed], labels: dict[str, str],
              region: str, form: etree._Element | None, *, search_like: bool = False) -> dict[str, Any]:
    page = found.page
    inputs: list[dict[str, str]] = []
    text_inputs = textareas = selects = 0
    submit = ""
    for placed in fields:
        el = placed.el
        tag = el.tag
        kind = (el.get("type") or "").lower()
        if tag == "input" and kind in _NOT_FIELDS:
            if kind in ("submit", "image", "button") and not submit:
                submit = clean(el.get("value") or el.get("alt") or el.get("title") or "")
            if kind == "hidden" and len(inputs) < INPUTS_CAP:
                inputs.append({"name": el.get("name") or "", "type": "hidden", "label": "",
                               "value": (el.get("value") or "")[:200]})
            continue
        if tag == "button":
            if not submit and kind in ("", "submit"):
                submit = plain_text(el) or clean(el.get("title") or el.get("aria-label") or "")
            continue
        if tag == "textarea":
            textareas += 1
            kind = "textarea"
        elif tag == "select":
            selects += 1
            kind = "select"
        elif kind in _TEXT_TYPES:
            text_inputs += 1
            kind = kind or "text"
        if len(inputs) < INPUTS_CAP:
            inputs.append({"name": el.get("name") or "", "type": kind, "label": _field_label(el, labels)})
        search_like = search_like or (tag == "input" and kind in _TEXT_TYPES and _search_named(el, labels))
    if form is not None and not search_like:
        marks = " ".join(form.get(a) or "" for a in ("id", "name", "class", "role", "action"))
        search_like = (form.get("role") or "").lower() == "search" or (_search_words(marks) and text_inputs > 0) \
            or (text_inputs > 0 and _search_words(submit))
    resolved = page.absolute(action) if action and action.strip() not in ("", "#") else None
    return {"action": resolved or page.url, "method": method if method in ("get", "post", "script") else "get",
            "inputs": inputs, "text_inputs": text_inputs, "textareas": textareas, "selects": selects,
            "search_like": bool(search_like), "region": region, "submit": submit[:80]}

