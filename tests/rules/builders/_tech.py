"""Snapshots with per-page technical facts (docs/facts.md, "Technical facts") for the UC/MB/AC/OT cases.

``tech(...)`` is a compliant page's ``facts["tech"]``; keyword arguments replace parts of it
(``charset`` and ``a11y`` are merged key by key, the rest replaced).  ``site(...)`` is the Hòa Lâm
department portal with its home page and any other pages.
"""

from __future__ import annotations

import copy
from typing import Any

from nd42.records import PageFetch, PortalSnapshot
from tests.rules.builders._common import page, snapshot

HOST = "https://skhcn.hoalam.gov.vn"
HOME = f"{HOST}/"
PORTAL = {"name": "Sở Khoa học và Công nghệ tỉnh Hòa Lâm", "level": "department", "parent": "https://hoalam.gov.vn/"}
UNREACHABLE: dict[str, Any] = {"home_status": None, "home_error": "timeout"}

VI_TEXT = ("Sở Khoa học và Công nghệ tỉnh Hòa Lâm là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thực hiện chức "
           "năng tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về khoa học và công nghệ, bao gồm hoạt động "
           "khoa học và công nghệ, phát triển tiềm lực khoa học và công nghệ, tiêu chuẩn, đo lường, chất lượng.")
EN_TEXT = ("The Department of Science and Technology of Hoa Lam province advises the Provincial People's Committee "
           "on the state management of science and technology, including research, standards, measurement and "
           "quality, intellectual property and the application of radiation and nuclear energy.")

_BASE: dict[str, Any] = {
    "charset": {"header": "utf-8", "meta": "utf-8", "bom": None, "decodes_utf8": True, "detected": "utf-8",
                "replacement_chars": 0, "legacy_fonts": [], "mojibake": {"count": 0, "samples": [], "kinds": {}},
                "nfc": True, "non_nfc_samples": []},
    "viewport": {"content": "width=device-width, initial-scale=1", "device_width": True, "width": None},
    "fixed_widths": [],
    "x_ua_compatible": None,
    "generator": None,
    "scripts": [f"{HOST}/themes/hoalam/js/jquery-3.7.1.min.js", f"{HOST}/themes/hoalam/js/main.js"],
    "inline_scripts": 2,
    "styles": [f"{HOST}/themes/hoalam/css/bootstrap-5.3.3.min.css", f"{HOST}/themes/hoalam/css/site.css"],
    "libraries": [{"name": "jquery", "version": "3.7.1", "source": f"{HOST}/themes/hoalam/js/jquery-3.7.1.min.js"},
                  {"name": "bootstrap", "version": "5.3.3",
                   "source": f"{HOST}/themes/hoalam/css/bootstrap-5.3.3.min.css"}],
    "plugins": [],
    "frameset": False,
    "internal_hosts": [],
    "insecure_resources": [],
    "insecure_count": 0,
    "feeds": [],
    "a11y": {"lang": "vi", "xml_lang": None, "lang_valid": True, "title": "Sở Khoa học và Công nghệ tỉnh Hòa Lâm",
             "images": 12, "images_no_alt": 0, "no_alt_samples": [], "inputs": 2, "inputs_unlabelled": 0,
             "unlabelled_samples": [], "selects": 1, "selects_unlabelled": 0, "headings": [1, 2, 2, 3, 2],
             "tables": 1, "tables_no_th": 0, "no_th_samples": [], "links": 84, "links_no_name": 0,
             "no_name_samples": [], "links_vague": 0, "vague_samples": [], "frames": 1, "frames_untitled": 0,
             "untitled_samples": [], "marquee": 0, "blink": 0},
}


def tech(**parts: Any) -> dict[str, Any]:
    """A compliant page's technical facts with ``parts`` replaced (``charset``/``a11y`` merged)."""
    out = copy.deepcopy(_BASE)
    for key, value in parts.items():
        if key in ("charset", "a11y") and isinstance(value, dict):
            out[key].update(value)
        else:
            out[key] = value
    return out


def tech_page(path: str, role: str = "listing", kind: str | None = "news", *, facts: dict[str, Any] | None = None,
              text: str = VI_TEXT, headers: dict[str, str] | None = None) -> PageFetch:
    """A fetched HTML page of the portal with its technical facts (compliant unless ``facts`` says otherwise)."""
    fetched = page(f"{HOST}{path}", role, kind=kind, facts={"text": text, "tech": tech() if facts is None else facts})
    fetched.headers = {"content-type": "text/html; charset=utf-8", **(headers or {})}
    return fetched


def site(home: dict[str, Any] | None = None, *pages: PageFetch, home_text: str = VI_TEXT,
         home_headers: dict[str, str] | None = None, **kw: Any) -> PortalSnapshot:
    """The portal: its home page with ``home`` technical facts (compliant by default) and ``pages``."""
    facts: dict[str, Any] = {"text": home_text}
    if home is not None:
        facts["tech"] = home
    snap = snapshot(url=HOME, portal=PORTAL, home_facts=facts, pages=list(pages), **kw)
    home_page = snap.home()
    assert home_page is not None
    home_page.content_type = "text/html; charset=utf-8"
    home_page.headers = {"content-type": "text/html; charset=utf-8", **(home_headers or {})}
    return snap


def news_page(**parts: Any) -> PageFetch:
    """A news listing page whose technical facts differ from the compliant ones by ``parts``."""
    return tech_page("/tin-tuc", facts=tech(**parts))


def old_snapshot() -> PortalSnapshot:
    """A snapshot recorded before the technical facts existed (no ``tech`` anywhere)."""
    return site(None, page(f"{HOST}/tin-tuc", "listing", kind="news", facts={"text": VI_TEXT}))


def unreachable() -> PortalSnapshot:
    return site(None, **UNREACHABLE)
