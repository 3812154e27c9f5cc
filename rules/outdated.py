"""Outdated-technology rules (OT-xxx): vulnerable libraries, dead plug-ins, framesets, IE modes, CMS versions, leaks.

They read ``facts["tech"]`` of every HTML page fetched (docs/facts.md) and the kept response
headers.  The vulnerable ranges of jQuery, jQuery UI and Bootstrap, the CMS and platform versions
and their end-of-life dates live in ``rules/data/vulnerable_libraries.toml``, each with its
advisory ids (CVE, GHSA) and source: that file is the one place to update.  End-of-life dates are
compared with the run day (``ctx.now``), never the wall clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from nd42.clock import vn_today
from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules.base import ComplianceRule, Option, RuleContext, register
from rules.techfacts import (
    MAX_EVIDENCE,
    MAX_ROWS,
    PageVerdict,
    entries,
    html_pages,
    no_tech_facts,
    shorten,
    status_option,
    summarise,
    tech,
    text_of,
)

DATA_FILE = Path(__file__).with_name("data") / "vulnerable_libraries.toml"
_VERSION = re.compile(r"\s*v?(\d+(?:\.\d+)*)(.*)")


# ---------------------------------------------------------------------------------------------- versions
@functools.total_ordering
@dataclasses.dataclass(frozen=True)
class Version:
    """A dotted version; a suffix (``-beta.2``, ``rc1``) makes it a pre-release, below its release."""

    parts: tuple[int, ...]
    pre: str = ""

    @classmethod
    def parse(cls, text: str) -> Version | None:
        match = _VERSION.match(text or "")
        if not match:
            return None
        parts = tuple(int(p) for p in match.group(1).split("."))
        suffix = match.group(2).strip().lstrip("-.+").lower()
        # Build metadata and words after a space ("6.2 CE GA5") are not pre-releases.
        pre = suffix if suffix and re.match(r"(alpha|beta|a|b|rc|pre|dev)", suffix) else ""
        return cls(parts, pre)

    def _key(self) -> tuple[tuple[int, ...], int, str]:
        width = 6
        padded = self.parts + (0,) * (width - len(self.parts))
        return padded[:width], 0 if self.pre else 1, self.pre

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


def in_range(version: Version, entry: Mapping[str, Any]) -> bool:
    """``introduced <= version < fixed`` (no ``introduced``: every version below ``fixed``)."""
    low = Version.parse(str(entry.get("introduced", "0")))
    high = Version.parse(str(entry["fixed"]))
    return high is not None and (low is None or low <= version) and version < high


@functools.cache
def data() -> dict[str, Any]:
    """The outdated-technology table (rules/data/vulnerable_libraries.toml)."""
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


def library_names() -> dict[str, str]:
    """Alias (lower case) → canonical library name."""
    out = {}
    for lib in data().get("library", []):
        out[lib["name"]] = lib["name"]
        out.update({alias.lower(): lib["name"] for alias in lib.get("aliases", [])})
    return out


def library_title(name: str) -> str:
    return next((lib["title"] for lib in data().get("library", []) if lib["name"] == name), name)


def advisories(name: str, version: Version) -> list[dict[str, Any]]:
    return [a for a in data().get("advisory", []) if a["library"] == name and in_range(version, a)]


def library_eol(name: str, version: Version) -> dict[str, Any] | None:
    return next((e for e in data().get("library_eol", []) if e["library"] == name and in_range(version, e)), None)


def canonical_library(name: Any) -> str | None:
    text = text_of(name)
    if not text:
        return None
    key = text.lower().replace("_", "-")
    return library_names().get(key) or library_names().get(key.replace(" ", "-"))


# ---------------------------------------------------------------------------------------------- OT-001
@register
class VulnerableLibraries(ComplianceRule):
    """No JavaScript/CSS library in a version with published vulnerabilities (jQuery, jQuery UI, Bootstrap).

    **What it checks**
    The libraries the crawler recognised on every HTML page fetched (``tech.libraries``: name,
    version, the script or stylesheet URL), against the affected ranges of
    ``rules/data/vulnerable_libraries.toml`` (CVE and GitHub advisory ids with their sources):
    a version in an affected range → ``vulnerable_status`` (fail), naming the advisories and the
    first fixed version; a line its maintainers no longer patch (Bootstrap 3 and 4) without a
    listed advisory → ``eol_status`` (warn); a known library whose version could not be read →
    warn; none of these → pass.  Other libraries are listed in the details, not judged.

    **Why it matters**
    Decree 224/2026 Art. 21.4 requires attack prevention; Circular 22/2023's general requirements
    ask for safe, continuous operation.  The jQuery versions found on Vietnamese portals (1.4–1.8)
    carry cross-site scripting flaws fixed years ago (CVE-2020-11022/11023, CVE-2019-11358,
    CVE-2015-9251, CVE-2012-6708).

    **Non-compliant**
    ``/_layouts/js/jquery-1.4.4.min.js`` (six advisories); ``bootstrap-3.3.7`` (CVE-2018-14040/
    14041/14042, CVE-2018-20676/20677, CVE-2019-8331).

    **Compliant**
    jQuery 3.7.1, jQuery UI 1.13.3, Bootstrap 5.3.3.

    **Remediation**
    Upgrade the libraries the theme loads (jQuery ≥ 3.5.0 with jQuery Migrate for old plug-ins,
    jQuery UI ≥ 1.13.2, Bootstrap ≥ 4.3.1 or, better, 5.x), remove duplicate copies, and keep a
    list of the front-end libraries with their versions.
    """

    id = "OT-001"
    name = "technical.vulnerable-libraries"
    title_vi = "Không dùng thư viện có lỗ hổng đã công bố"
    title_en = "No libraries with known vulnerabilities"
    area = "technical"
    severity = Severity.HIGH
    legal_refs = (cite.ND224_21_4, cite.TT22_GENERAL)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("vulnerable_status", "fail", "trang dùng thư viện có lỗ hổng đã công bố",
                        "a page loads a library version with a published vulnerability"),
        "eol_status": Option(str, "warn", "Kết quả khi thư viện đã hết hạn hỗ trợ (không có lỗ hổng trong bảng): "
                             "\"fail\", \"warn\" hoặc \"pass\".", "Status when a library line is end of life (no "
                             "listed advisory): \"fail\", \"warn\" or \"pass\".", choices=("fail", "warn", "pass")),
    }
    description_vi = ("Các thư viện JavaScript/CSS nhận diện được trên các trang (jQuery, jQuery UI, Bootstrap) không "
                      "được ở phiên bản có lỗ hổng đã công bố (theo bảng dữ liệu kèm mã CVE, GHSA và nguồn); thư viện "
                      "hết hạn hỗ trợ hoặc không đọc được phiên bản bị cảnh báo.")
    remediation_vi = ("Nâng cấp thư viện mà giao diện nạp (jQuery ≥ 3.5.0, kèm jQuery Migrate cho plug-in cũ; jQuery "
                      "UI ≥ 1.13.2; Bootstrap ≥ 4.3.1, tốt nhất 5.x), bỏ các bản nạp trùng, và lập danh mục thư viện "
                      "kèm phiên bản để theo dõi.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        found: dict[tuple[str, str], dict[str, Any]] = {}
        others: dict[str, set[str]] = {}
        for page in pages:
            for lib in entries(tech(page).get("libraries")):
                raw_name = text_of(lib.get("name")) or ""
                name = canonical_library(raw_name)
                version = text_of(lib.get("version")) or ""
                if name is None:
                    if raw_name:
                        others.setdefault(raw_name, set()).add(version or "?")
                    continue
                entry = found.setdefault((name, version), {"pages": [], "sources": []})
                if (page.final_url or page.url) not in entry["pages"]:
                    entry["pages"].append(page.final_url or page.url)
                source = text_of(lib.get("source"))
                # A banner comment in an inline script has no URL of its own: the page is the evidence.
                if source == "inline":
                    source = None
                if source and source not in entry["sources"]:
                    entry["sources"].append(source)
        versioned = {name for name, version in found if version}
        vulnerable, eol, unknown, fine = [], [], [], []
        for (name, version), entry in found.items():
            parsed = Version.parse(version) if version else None
            row = {"library": name, "title": library_title(name), "version": version or None, **entry}
            if parsed is None:
                if name not in versioned:
                    unknown.append(row)
                continue
            hits = advisories(name, parsed)
            if hits:
                row["advisories"] = hits
                row["fixed_in"] = _max_fixed(hits)
                vulnerable.append(row)
            elif (end := library_eol(name, parsed)) is not None:
                row["eol"] = end
                eol.append(row)
            else:
                fine.append(row)
        yield self._finding(ctx, vulnerable, eol, unknown, fine, others, len(pages))

    def _finding(self, ctx: RuleContext, vulnerable: list[dict[str, Any]], eol: list[dict[str, Any]],
                 unknown: list[dict[str, Any]], fine: list[dict[str, Any]], others: dict[str, set[str]],
                 pages: int) -> Finding:
        def label(row: dict[str, Any]) -> str:
            return f"{row['title']} {row['version'] or '(?)'}"

        rows = []
        for row in vulnerable:
            rows.append([row["title"], row["version"], ", ".join(i for a in row["advisories"] for i in a["ids"]),
                         row["fixed_in"], (row["sources"] or row["pages"])[0]])
        rows += [[r["title"], r["version"], r["eol"]["summary_en"], "—", (r["sources"] or r["pages"])[0]] for r in eol]
        rows += [[r["title"], "?", "version unknown", "—", (r["sources"] or r["pages"])[0]] for r in unknown]
        rows += [[r["title"], r["version"], "—", "—", (r["sources"] or r["pages"])[0]] for r in fine]
        details: dict[str, Any] = {
            "pages_checked": pages,
            "vulnerable": [{"library": r["library"], "version": r["version"], "fixed_in": r["fixed_in"],
                            "advisories": [i for a in r["advisories"] for i in a["ids"]], "pages": r["pages"][:5],
                            "sources": r["sources"][:5]} for r in vulnerable],
            "end_of_life": [{"library": r["library"], "version": r["version"], "eol": r["eol"]["eol"],
                             "source": r["eol"]["source"]} for r in eol],
            "unknown_version": [{"library": r["library"], "pages": r["pages"][:5], "sources": r["sources"][:5]}
                                for r in unknown],
            "up_to_date": [{"library": r["library"], "version": r["version"]} for r in fine],
            "other_libraries": {name: sorted(v) for name, v in sorted(others.items())},
            "table": {"columns": ["Thư viện / Library", "Phiên bản / Version", "Lỗ hổng / Advisories",
                                  "Bản sửa / Fixed in", "Nguồn / Source"], "rows": rows[:MAX_ROWS]},
        }
        if vulnerable:
            first = vulnerable[0]
            ids = ", ".join(i for a in first["advisories"] for i in a["ids"] if i.startswith("CVE"))
            more = len(vulnerable) - 1
            more_vi = f"; và {more} thư viện khác: {', '.join(label(r) for r in vulnerable[1:4])}" if more else ""
            more_en = f"; and {more} more: {', '.join(label(r) for r in vulnerable[1:4])}" if more else ""
            evidence = [Evidence(url=(r["sources"] or r["pages"])[0], locator=f"script/stylesheet on {r['pages'][0]}",
                                 value=label(r), snippet="; ".join(
                                     f"{', '.join(a['ids'])}: {a['summary_en']} (fixed in {a['fixed']})"
                                     for a in r["advisories"][:4])) for r in vulnerable[:MAX_EVIDENCE]]
            return self.finding(
                ctx, Status(ctx.options["vulnerable_status"]),
                f"Cổng dùng {label(first)} có {len(first['advisories'])} lỗ hổng đã công bố ({ids}), đã sửa từ bản "
                f"{first['fixed_in']}; nạp tại {(first['sources'] or first['pages'])[0]}{more_vi}.",
                f"The portal loads {label(first)}, which has {len(first['advisories'])} published vulnerabilities "
                f"({ids}), fixed in {first['fixed_in']}; loaded from {(first['sources'] or first['pages'])[0]}"
                f"{more_en}.",
                evidence=evidence, details=details)
        if eol and Status(ctx.options["eol_status"]) is Status.PASS:
            fine = fine + eol
            eol = []
        if eol:
            first = eol[0]
            return self.finding(
                ctx, Status(ctx.options["eol_status"]),
                f"Cổng dùng {label(first)}: {first['eol']['summary_vi']} (không có lỗ hổng nào trong bảng dữ liệu ứng "
                f"với phiên bản này); nạp tại {(first['sources'] or first['pages'])[0]}.",
                f"The portal loads {label(first)}: {first['eol']['summary_en']} (no advisory in the data table for "
                f"this version); loaded from {(first['sources'] or first['pages'])[0]}.",
                evidence=[Evidence(url=(r["sources"] or r["pages"])[0], locator=f"on {r['pages'][0]}",
                                   value=label(r), snippet=r["eol"]["source"]) for r in eol[:MAX_EVIDENCE]],
                details=details)
        if unknown:
            names = ", ".join(r["title"] for r in unknown)
            return self.finding(
                ctx, Status.WARN,
                f"Cổng dùng {names} nhưng không đọc được phiên bản (tên tệp và chú thích đầu tệp không ghi số phiên "
                f"bản); cần kiểm tra thủ công, ví dụ {(unknown[0]['sources'] or unknown[0]['pages'])[0]}.",
                f"The portal loads {names}, but the version could not be read (neither the file name nor its header "
                f"comment gives it): check by hand, e.g. {(unknown[0]['sources'] or unknown[0]['pages'])[0]}.",
                evidence=[Evidence(url=(r["sources"] or r["pages"])[0], locator=f"on {r['pages'][0]}",
                                   value=f"{r['title']} (version unknown)") for r in unknown[:MAX_EVIDENCE]],
                details=details)
        if fine:
            shown = ", ".join(label(r) for r in fine)
            return self.finding(ctx, Status.PASS,
                                f"Các thư viện nhận diện được không có lỗ hổng trong bảng dữ liệu: {shown}.",
                                f"The libraries recognised have no advisory in the data table: {shown}.",
                                evidence=[Evidence(url=(r["sources"] or r["pages"])[0], value=label(r))
                                          for r in fine[:MAX_EVIDENCE]], details=details)
        return self.finding(ctx, Status.PASS,
                            f"Không nhận diện được jQuery, jQuery UI hay Bootstrap trên {pages} trang đã kiểm tra.",
                            f"No jQuery, jQuery UI or Bootstrap was recognised on the {pages} page(s) checked.",
                            details=details)


def _max_fixed(hits: list[dict[str, Any]]) -> str:
    """The first version fixing every listed advisory (the highest ``fixed``)."""
    best = max(hits, key=lambda a: Version.parse(a["fixed"]) or Version((0,)))
    return str(best["fixed"])


# ---------------------------------------------------------------------------------------------- OT-002
PLUGIN_NAMES = {"flash": "Adobe Flash", "silverlight": "Microsoft Silverlight", "java": "Java applet",
                "applet": "Java applet"}


@register
class ObsoletePlugins(ComplianceRule):
    """No content that needs a dead browser plug-in (Flash, Silverlight, Java applets).

    **What it checks**
    On every HTML page fetched, the plug-in content the crawler found (``tech.plugins``):
    ``.swf`` files or ``application/x-shockwave-flash`` objects (Flash),
    ``application/x-silverlight*`` objects (Silverlight), ``<applet>`` or
    ``application/x-java-applet`` objects (Java).  Any → ``found_status`` (fail), with the markup.

    **Why it matters**
    Flash reached its end of life on 31/12/2020 and no current browser runs it; Silverlight
    ended on 12/10/2021; browsers dropped Java applets years before.  Such content is invisible to
    every visitor, and its players were a prime attack vector (Decree 224/2026 Art. 21.4).

    **Non-compliant**
    A Flash banner ``<embed src="/banner.swf" type="application/x-shockwave-flash">`` in the header.

    **Compliant**
    Images, HTML5 ``<video>``, or HTML/CSS animation.

    **Remediation**
    Replace Flash banners and players with images or ``<video>``; remove Silverlight and applet
    objects from the theme and the articles.
    """

    id = "OT-002"
    name = "technical.obsolete-plugins"
    title_vi = "Không dùng Flash, Silverlight, Java applet"
    title_en = "No Flash, Silverlight or Java applets"
    area = "technical"
    severity = Severity.HIGH
    legal_refs = (cite.ND224_21_4,)
    options = status_option("found_status", "fail", "trang có nội dung Flash, Silverlight hoặc Java applet",
                            "a page embeds Flash, Silverlight or a Java applet")
    description_vi = ("Không trang nào được nhúng nội dung cần trình cắm (plug-in) đã bị khai tử: Flash (.swf), "
                      "Silverlight, Java applet; trình duyệt hiện nay không chạy được các nội dung này.")
    remediation_vi = ("Thay banner, trình phát Flash bằng ảnh hoặc thẻ <video> HTML5; gỡ các đối tượng Silverlight, "
                      "applet khỏi giao diện và bài viết.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["found_status"])
        verdicts = []
        for page in pages:
            plugins = entries(tech(page).get("plugins"))
            kinds = sorted({PLUGIN_NAMES.get(str(p.get("kind", "")).lower(), str(p.get("kind") or "plug-in"))
                            for p in plugins})
            snippets = [shorten(str(p.get("snippet") or "")) for p in plugins if p.get("snippet")]
            if plugins:
                what = ", ".join(kinds)
                verdicts.append(PageVerdict(page, bad, f"{len(plugins)} đối tượng {what}",
                                            f"{len(plugins)} {what} object(s)", samples=snippets[:3],
                                            locator="object, embed, applet", value=what,
                                            cells=[what, " | ".join(snippets[:3])]))
            else:
                verdicts.append(PageVerdict(page, Status.PASS, cells=["—", ""]))
        yield summarise(self, ctx, verdicts, what_vi="Nội dung Flash, Silverlight hoặc Java applet",
                        what_en="Flash, Silverlight or Java applet content",
                        ok_vi="Không trang nào nhúng Flash, Silverlight hay Java applet",
                        ok_en="No page embeds Flash, Silverlight or a Java applet",
                        columns=["Loại / Kind", "Mã / Markup"])


# ---------------------------------------------------------------------------------------------- OT-003
@register
class Frameset(ComplianceRule):
    """Pages are not built from framesets (``<frameset>``).

    **What it checks**
    On every HTML page fetched, whether it is a ``<frameset>`` document (``tech.frameset``): any
    → ``found_status`` (fail).  Inline ``<iframe>`` embeds are not framesets (see AC-009 for their
    titles).

    **Why it matters**
    HTML5 dropped framesets: a frameset portal has one address for every page (no links or
    bookmarks to an article), search engines index the frames without their context, and screen
    readers and phones handle them poorly — Decree 224/2026 Art. 10.3.c (accessibility) and
    Art. 21.4 (outdated, unmaintained technology).

    **Non-compliant**
    ``<frameset cols="200,*"><frame src="menu.htm"><frame src="main.htm"></frameset>``.

    **Compliant**
    One HTML document per page with its menu in the page itself.

    **Remediation**
    Rebuild the site as ordinary pages (a CMS theme with header, menu and content regions) and
    redirect the old frame addresses to them.
    """

    id = "OT-003"
    name = "technical.frameset"
    title_vi = "Không dùng khung trang (frameset)"
    title_en = "No framesets"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_21_4, cite.ND224_10_3_C)
    options = status_option("found_status", "fail", "trang dùng frameset", "a page is a frameset")
    description_vi = ("Không trang nào được dựng bằng khung trang <frameset> (đã bị loại khỏi HTML5; mọi trang chung "
                      "một địa chỉ, khó tiếp cận).")
    remediation_vi = ("Xây dựng lại thành các trang HTML thông thường (giao diện CMS có phần đầu, menu, nội dung) và "
                      "chuyển hướng các địa chỉ khung cũ sang trang mới.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["found_status"])
        verdicts = []
        for page in pages:
            value = tech(page).get("frameset")
            if value:
                shown = value if isinstance(value, str) else "<frameset>"
                verdicts.append(PageVerdict(page, bad, "trang là khung trang <frameset>", "the page is a <frameset>",
                                            samples=[shorten(shown)] if isinstance(value, str) else [],
                                            locator="frameset", value="<frameset>", cells=["có / yes"]))
            else:
                verdicts.append(PageVerdict(page, Status.PASS, cells=["không / no"]))
        yield summarise(self, ctx, verdicts, what_vi="Khung trang <frameset>", what_en="A <frameset> page",
                        ok_vi="Không trang nào dùng <frameset>", ok_en="No page is a <frameset>",
                        columns=["<frameset>"])


# ---------------------------------------------------------------------------------------------- OT-004
_IE_TOKEN = re.compile(r"\bIE\s*=\s*([A-Za-z]+\d*|\d+)", re.IGNORECASE)


def ua_compatible_values(value: Any) -> list[tuple[str, str]]:
    """``(where, value)`` of X-UA-Compatible declarations (a string, ``{header, meta}`` or a list)."""
    out: list[tuple[str, str]] = []
    if isinstance(value, str) and value.strip():
        out.append(("X-UA-Compatible", value.strip()))
    elif isinstance(value, dict):
        for where in ("header", "meta"):
            item = value.get(where)
            for text in item if isinstance(item, list) else [item]:
                if isinstance(text, str) and text.strip():
                    out.append((where, text.strip()))
        if isinstance(value.get("value"), str):
            out.append((str(value.get("where") or "X-UA-Compatible"), value["value"].strip()))
    elif isinstance(value, list):
        for item in value:
            out += ua_compatible_values(item)
    return out


def ie_modes(text: str) -> tuple[list[str], bool]:
    """The legacy document modes an X-UA-Compatible value forces (IE=5..10, EmulateIE*) and whether it says edge."""
    legacy, edge = [], False
    for token in _IE_TOKEN.findall(text):
        lowered = token.lower()
        if lowered == "edge":
            edge = True
        elif lowered.startswith("emulateie") or (lowered.isdigit() and 5 <= int(lowered) <= 10):
            legacy.append(f"IE={token}")
    return legacy, edge


@register
class IECompatibility(ComplianceRule):
    """Pages do not force an old Internet Explorer document mode (``X-UA-Compatible: IE=8``).

    **What it checks**
    On every HTML page fetched, the ``X-UA-Compatible`` header and ``<meta http-equiv>`` the
    crawler recorded (``headers["x-ua-compatible"]``, ``tech.x_ua_compatible``): a legacy mode
    (``IE=5`` … ``IE=10``, ``IE=EmulateIE7`` …) without ``IE=edge`` → ``legacy_status`` (fail).
    ``IE=edge`` passes (the declaration is obsolete but harmless; the details say so); none →
    pass.

    **Why it matters**
    Decree 224/2026 Art. 10.3.a wants channels usable on every device: a page written for IE 8's
    rendering (SharePoint 2010 master pages) relies on quirks no current browser has, and the
    mode switch marks a template left unmaintained for over a decade.

    **Non-compliant**
    ``<meta http-equiv="X-UA-Compatible" content="IE=8">`` (every captured SharePoint sample).

    **Compliant**
    No X-UA-Compatible at all, or ``IE=edge``.

    **Remediation**
    Remove the X-UA-Compatible header/meta from the master page (or set ``IE=edge``) and fix the
    layout for standards mode.
    """

    id = "OT-004"
    name = "technical.ie-compatibility"
    title_vi = "Không ép chế độ tương thích Internet Explorer cũ"
    title_en = "No legacy IE compatibility mode"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_10_3_A,)
    options = status_option("legacy_status", "fail", "trang ép chế độ hiển thị Internet Explorer cũ (IE=5..10)",
                            "a page forces a legacy Internet Explorer mode (IE=5..10)")
    description_vi = ("Trang không được ép trình duyệt dùng chế độ hiển thị của Internet Explorer cũ qua "
                      "X-UA-Compatible (IE=5 đến IE=10, EmulateIE…); IE=edge hoặc không khai báo thì đạt.")
    remediation_vi = ("Bỏ tiêu đề hoặc thẻ meta X-UA-Compatible khỏi trang mẫu (hoặc đặt IE=edge) và sửa giao diện "
                      "để hiển thị đúng ở chế độ chuẩn.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["legacy_status"])
        verdicts = []
        edge_pages = 0
        for page in pages:
            declared = [("meta", v) for _, v in ua_compatible_values(tech(page).get("x_ua_compatible"))]
            header = page.headers.get("x-ua-compatible")
            if isinstance(header, str) and header.strip():
                declared.append(("header", header.strip()))
            shown = "; ".join(f"{value} ({where})" for where, value in declared)
            legacy, edge = [], False
            for _, value in declared:
                modes, says_edge = ie_modes(value)
                legacy += modes
                edge = edge or says_edge
            if legacy and not edge:
                forced = ", ".join(dict.fromkeys(legacy))
                verdicts.append(PageVerdict(page, bad, f"X-UA-Compatible ép chế độ {forced}",
                                            f"X-UA-Compatible forces {forced}", samples=[shown],
                                            locator="X-UA-Compatible", value=shown, cells=[shown]))
            else:
                edge_pages += bool(edge)
                verdicts.append(PageVerdict(page, Status.PASS, value=shown, cells=[shown or "—"]))
        note_vi = note_en = ""
        if edge_pages and all(v.status is Status.PASS for v in verdicts):
            note_vi = (f"{edge_pages} trang khai báo X-UA-Compatible IE=edge: đã lỗi thời nhưng vô hại, có thể bỏ.")
            note_en = f"{edge_pages} page(s) declare X-UA-Compatible IE=edge: obsolete but harmless; it can go."
        yield summarise(self, ctx, verdicts, what_vi="Chế độ tương thích Internet Explorer cũ",
                        what_en="A legacy Internet Explorer compatibility mode",
                        ok_vi="Không trang nào ép chế độ Internet Explorer cũ",
                        ok_en="No page forces a legacy Internet Explorer mode",
                        columns=["X-UA-Compatible"], details={"edge_pages": edge_pages},
                        note_vi=note_vi, note_en=note_en)


# ---------------------------------------------------------------------------------------------- OT-005
def where_names(where: str) -> tuple[str, str]:
    """How messages name where a version was read: the generator tag or a response header."""
    if where == "generator":
        return "thẻ meta generator", "the generator meta tag"
    header = where.removeprefix("header:")
    shown = {"microsoftsharepointteamservices": "MicrosoftSharePointTeamServices", "x-powered-by": "X-Powered-By",
             "x-generator": "X-Generator", "liferay-portal": "Liferay-Portal", "server": "Server"}.get(header, header)
    return f"tiêu đề HTTP {shown}", f"the {shown} response header"


@dataclasses.dataclass
class Disclosed:
    product: str
    title: str
    kind: str
    version: str
    where: str
    raw: str
    url: str


def disclosures(pages: list[PageFetch]) -> list[Disclosed]:
    """Product versions named by the generator meta tags and response headers, each (product, version) once."""
    products = data().get("product", [])
    seen: set[tuple[str, str]] = set()
    out = []
    for page in pages:
        sources: list[tuple[str, str]] = []
        generator = tech(page).get("generator")
        for text in generator if isinstance(generator, list) else [generator]:
            if isinstance(text, str) and text.strip():
                sources.append(("generator", text.strip()))
        sources += [(f"header:{k.lower()}", v) for k, v in page.headers.items() if isinstance(v, str)]
        for where, raw in sources:
            # X-Generator (Drupal and others) says what the generator meta tag says.
            reads = "generator" if where == "header:x-generator" else where
            for product in products:
                if product["where"] != reads:
                    continue
                match = re.search(product["pattern"], raw, re.IGNORECASE)
                if not match:
                    continue
                key = (product["name"], match.group("v"))
                if key in seen:
                    break
                seen.add(key)
                out.append(Disclosed(product["name"], product["title"], product.get("kind", "cms"), match.group("v"),
                                     where, shorten(raw), page.final_url or page.url))
                break
    return out


def generators_without_version(pages: list[PageFetch]) -> list[str]:
    out = []
    for page in pages:
        generator = text_of(tech(page).get("generator"))
        if generator and not re.search(r"\d", generator) and generator not in out:
            out.append(generator)
    return out


@register
class CMSVersion(ComplianceRule):
    """The portal runs no end-of-life CMS or platform, and does not advertise its CMS version.

    **What it checks**
    The ``<meta name="generator">`` of every HTML page fetched and the response headers
    (``X-Generator``, ``MicrosoftSharePointTeamServices``, ``Liferay-Portal``, ``Server``,
    ``X-Powered-By``), read with the product patterns of ``rules/data/vulnerable_libraries.toml``.
    A version that the same file lists as end of life on the run day (SharePoint 2010/2013, Joomla 3, Drupal 7–9, IIS
    on Windows Server 2008/2012 …) or as exploited (Liferay Portal CE before 7.2.1,
    CVE-2020-7961; DNN before 9.1.1, CVE-2017-9822) → ``eol_status`` (fail).  A disclosed CMS
    version otherwise → ``disclosed_status`` (warn; an end of life still ahead is named).  Web
    server and PHP versions count only when end of life (disclosure alone is SH-005's).  Nothing
    disclosed → pass.

    **Why it matters**
    Decree 224/2026 Art. 21.4 requires attack prevention: software past its end of life gets no
    security fixes, and an advertised version tells attackers which exploits to try.

    **Non-compliant**
    ``MicrosoftSharePointTeamServices: 14.0.0.6029`` (SharePoint 2010, unsupported since
    13/04/2021); ``Liferay-Portal: Liferay Portal Community Edition 6.2 CE GA5``.

    **Compliant**
    A supported release, with the generator tag and version headers removed.

    **Remediation**
    Plan the migration off end-of-life releases (SharePoint Subscription Edition, a supported
    Liferay/Drupal/Joomla line, a supported Windows Server), and stop sending the generator meta
    tag and version headers.
    """

    id = "OT-005"
    name = "technical.cms-version"
    title_vi = "Không dùng CMS, nền tảng hết hạn hỗ trợ; không lộ phiên bản CMS"
    title_en = "No end-of-life CMS; CMS version not disclosed"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_21_4,)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("eol_status", "fail", "CMS hoặc nền tảng đã hết hạn hỗ trợ hoặc có lỗ hổng đang bị khai thác",
                        "the CMS or platform is end of life or has an exploited vulnerability"),
        "disclosed_status": Option(str, "warn", "Kết quả khi trang để lộ phiên bản CMS (chưa hết hạn hỗ trợ): "
                                   "\"warn\" hoặc \"pass\".", "Status when a page discloses its CMS version (not end "
                                   "of life): \"warn\" or \"pass\".", choices=("warn", "pass")),
    }
    description_vi = ("Phiên bản CMS, nền tảng lộ ra qua thẻ meta generator hoặc tiêu đề HTTP không được là bản đã hết "
                      "hạn hỗ trợ hoặc có lỗ hổng đang bị khai thác (theo bảng dữ liệu kèm nguồn); để lộ phiên bản CMS "
                      "thì bị cảnh báo.")
    remediation_vi = ("Lập kế hoạch chuyển khỏi các phiên bản hết hạn hỗ trợ (SharePoint Subscription Edition, dòng "
                      "Liferay/Drupal/Joomla còn hỗ trợ, Windows Server còn hỗ trợ) và tắt thẻ meta generator, các "
                      "tiêu đề HTTP nêu phiên bản.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        today = vn_today(ctx.now)
        judged = [self._judge(d, today) for d in disclosures(pages)]
        bare = generators_without_version(pages)
        rows = [[j["title"], j["version"], j["where"], j["verdict"], j.get("release") or "", j.get("eol") or "",
                 j.get("source") or ""] for j in judged]
        details: dict[str, Any] = {
            "disclosed": judged, "generator_without_version": bare,
            "table": {"columns": ["Sản phẩm / Product", "Phiên bản / Version", "Nguồn / Where", "Đánh giá / Verdict",
                                  "Dòng / Release", "Hết hỗ trợ / End of life", "Căn cứ / Source"], "rows": rows},
        }
        # The CMS leads the message: an end-of-life web server under it is the lesser news.
        dead = sorted((j for j in judged if j["verdict"] in ("eol", "exploited")),
                      key=lambda j: j["kind"] == "platform")
        if dead:
            first = dead[0]
            why_vi, why_en = self._why(first)
            more_vi = f" (và {len(dead) - 1} mục khác)" if len(dead) > 1 else ""
            more_en = f" (and {len(dead) - 1} more)" if len(dead) > 1 else ""
            where_vi, where_en = where_names(first["where"])
            yield self.finding(
                ctx, Status(ctx.options["eol_status"]),
                f"Cổng chạy {first['title']} {first['version']} ({first['release']}): {why_vi}; lộ qua {where_vi} "
                f"tại {first['url']}{more_vi}.",
                f"The portal runs {first['title']} {first['version']} ({first['release']}): {why_en}; disclosed by "
                f"{where_en} on {first['url']}{more_en}.",
                evidence=[self._evidence(j) for j in dead[:MAX_EVIDENCE]], details=details)
            return
        cms = [j for j in judged if j["kind"] != "platform"]
        if cms and Status(ctx.options["disclosed_status"]) is not Status.PASS:
            first = cms[0]
            soon_vi = soon_en = ""
            if first.get("eol"):
                soon_vi = f"; dòng {first['release']} hết hạn hỗ trợ ngày {_vn_date(first['eol'])}"
                soon_en = f"; the {first['release']} line reaches end of life on {first['eol']}"
            where_vi, where_en = where_names(first["where"])
            yield self.finding(
                ctx, Status(ctx.options["disclosed_status"]),
                f"Trang để lộ phiên bản CMS {first['title']} {first['version']} qua {where_vi} tại {first['url']} "
                f"(“{first['raw']}”){soon_vi}: kẻ tấn công biết ngay cần thử lỗ hổng nào.",
                f"A page discloses the CMS version {first['title']} {first['version']} in {where_en} on "
                f"{first['url']} (“{first['raw']}”){soon_en}: attackers know at once which exploits to try.",
                evidence=[self._evidence(j) for j in cms[:MAX_EVIDENCE]], details=details)
            return
        bare_vi = f" (thẻ generator không nêu phiên bản: {', '.join(bare)})" if bare else ""
        bare_en = f" (generator without a version: {', '.join(bare)})" if bare else ""
        yield self.finding(
            ctx, Status.PASS,
            f"Không thấy phiên bản CMS nào bị lộ hay nền tảng hết hạn hỗ trợ trên {len(pages)} trang đã kiểm tra"
            f"{bare_vi}.",
            f"No disclosed CMS version and no end-of-life platform on the {len(pages)} page(s) checked{bare_en}.",
            evidence=[self._evidence(j) for j in judged[:3]], details=details)

    @staticmethod
    def _judge(found: Disclosed, today: dt.date) -> dict[str, Any]:
        out: dict[str, Any] = {"product": found.product, "title": found.title, "kind": found.kind,
                               "version": found.version, "where": found.where, "raw": found.raw, "url": found.url,
                               "verdict": "disclosed"}
        version = Version.parse(found.version)
        if version is None:
            return out
        for row in data().get("product_eol", []):
            if row["product"] != found.product or not in_range(version, row):
                continue
            out.update(release=row.get("release"), source=row.get("source"), eol=row.get("eol"),
                       ids=row.get("ids", []), summary_en=row.get("summary_en"), summary_vi=row.get("summary_vi"))
            if row.get("ids"):
                out["verdict"] = "exploited"
            elif row.get("eol") and dt.date.fromisoformat(str(row["eol"])) <= today:
                out["verdict"] = "eol"
            elif row.get("eol"):
                out["verdict"] = "eol_ahead"
            break
        return out

    @staticmethod
    def _why(item: dict[str, Any]) -> tuple[str, str]:
        if item["verdict"] == "exploited":
            ids = ", ".join(item["ids"])
            return f"{item['summary_vi']} ({ids})", f"{item['summary_en']} ({ids})"
        return (f"hết hạn hỗ trợ từ {_vn_date(item['eol'])}, không còn bản vá bảo mật",
                f"end of life since {item['eol']}, no more security fixes")

    @staticmethod
    def _evidence(item: dict[str, Any]) -> Evidence:
        return Evidence(url=item["url"], locator=item["where"], value=f"{item['title']} {item['version']}",
                        snippet=item["raw"], dates=[item["eol"]] if item.get("eol") else [])


def _vn_date(iso: Any) -> str:
    try:
        return dt.date.fromisoformat(str(iso)).strftime("%d/%m/%Y")
    except ValueError:
        return str(iso)


# ---------------------------------------------------------------------------------------------- OT-006
def own_hosts(snapshot: PortalSnapshot) -> set[str]:
    """The portal's own host names (its configured URL, the home page and where it redirected)."""
    hosts = set()
    home = snapshot.home()
    for url in (snapshot.url, snapshot.home_url, home.url if home else None, home.final_url if home else None):
        host = (urlsplit(url).hostname or "") if url else ""
        if host:
            hosts.add(host.lower())
    return hosts


@register
class InternalHosts(ComplianceRule):
    """Pages leak no internal host names or private addresses (``http://egov2k10:81``, ``192.168.…``).

    **What it checks**
    On every HTML page fetched, the internal hosts the crawler found in links, sources and HTML
    comments (``tech.internal_hosts``): single-label names (``egov2k10``), ``localhost``,
    ``.local``/``.lan``/``.internal`` names and private IP literals (10.x, 172.16–31.x,
    192.168.x).  The portal's own host is never counted (a portal scanned on an intranet
    address).  Any → ``found_status`` (fail), naming the URL and where it appeared.

    **Why it matters**
    Decree 224/2026 Art. 21.4 (attack prevention): internal server names and addresses map the
    agency's network for an attacker, and links to them are broken for every visitor
    (``http://egov2k10:81`` in a SharePoint portal's menu).

    **Non-compliant**
    ``<a href="http://egov2k10/quantri/">``; ``<img src="http://192.168.1.20/Images/logo.png">``;
    ``<!-- http://localhost:8080/portal -->``.

    **Compliant**
    Relative links or the portal's public host name only.

    **Remediation**
    Replace the internal addresses with the public host name (SharePoint: alternate access
    mappings; CMS content: search and replace), and strip development comments from templates.
    """

    id = "OT-006"
    name = "technical.internal-hosts"
    title_vi = "Không lộ tên máy chủ, địa chỉ nội bộ"
    title_en = "No internal host names leaked"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_21_4,)
    options = status_option("found_status", "fail", "trang để lộ tên máy chủ hoặc địa chỉ nội bộ",
                            "a page leaks an internal host name or address")
    description_vi = ("Liên kết, nguồn tài nguyên và chú thích HTML của các trang không được chứa tên máy chủ nội bộ "
                      "(như egov2k10, localhost, *.local) hay địa chỉ IP nội bộ (10.x, 172.16–31.x, 192.168.x).")
    remediation_vi = ("Thay địa chỉ nội bộ bằng tên miền công khai của cổng (SharePoint: Alternate Access Mappings; "
                      "nội dung CMS: tìm và thay thế) và xóa các chú thích phát triển khỏi trang mẫu.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        if not pages:
            yield no_tech_facts(self, snapshot, ctx)
            return
        bad = Status(ctx.options["found_status"])
        mine = own_hosts(snapshot)
        verdicts = []
        skipped: list[str] = []
        for page in pages:
            leaks = []
            for item in entries(tech(page).get("internal_hosts")):
                host = (text_of(item.get("host")) or urlsplit(str(item.get("url") or "")).hostname or "").lower()
                if host in mine:
                    skipped.append(host)
                    continue
                leaks.append(item)
            if leaks:
                hosts = ", ".join(dict.fromkeys(str(i.get("host") or "?") for i in leaks))
                shown = [shorten(f"{i.get('url') or i.get('host')} ({i.get('where') or '?'})") for i in leaks[:3]]
                verdicts.append(PageVerdict(page, bad, f"{len(leaks)} địa chỉ nội bộ ({hosts})",
                                            f"{len(leaks)} internal address(es) ({hosts})", samples=shown,
                                            locator=", ".join(dict.fromkeys(str(i.get("where") or "?")
                                                                            for i in leaks)),
                                            value=str(leaks[0].get("url") or leaks[0].get("host") or ""),
                                            cells=[hosts, " | ".join(shown)]))
            else:
                verdicts.append(PageVerdict(page, Status.PASS, cells=["—", ""]))
        yield summarise(self, ctx, verdicts, what_vi="Tên máy chủ hoặc địa chỉ nội bộ bị lộ",
                        what_en="Internal host names or addresses",
                        ok_vi="Không trang nào để lộ tên máy chủ hay địa chỉ nội bộ",
                        ok_en="No page leaks an internal host name or address",
                        columns=["Máy chủ / Hosts", "Ví dụ / Samples"],
                        details={"own_hosts_ignored": sorted(set(skipped))})
