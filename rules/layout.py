"""Layout rules (LY-xxx): the home page's header, main menu and footer (Circular 32/2017 Art. 16.3).

They read the home page's ``layout`` facts (docs/facts.md): the header region's text and images,
the main menu's entries and the footer's text.  The circular is legacy guidance (it predates
Decree 42/2022 and its current force is not established), so a shortfall is a warning by default;
a provincial profile that adopts the layout criteria may set ``missing_status = "fail"``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from nd42.records import Evidence, Finding, PortalSnapshot, Severity, Status
from nd42.textnorm import clean, fold, has_phrase
from rules import citations as cite
from rules import facts
from rules.base import ComplianceRule, RuleContext, register
from rules.domain import parse_host, portal_host
from rules.functions import external_links, home_read_error, status_option
from rules.patterns import EMAIL, phones

# Footer lines start with their label ("Cơ quan chủ quản: …"), so a snippet starts at the match.
SNIPPET_AFTER = 80


def fold_positions(text: str) -> tuple[str, list[int]]:
    """``nd42.textnorm.fold(text)`` and, for each folded character, its index in ``text``.

    Lets a phrase matched on folded text be shown as the original words (with diacritics).
    """
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        folded = char.casefold().replace("đ", "d")
        folded = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
        for c in folded:
            if c.isascii() and c.isalnum():
                out.append(c)
                where.append(index)
            elif out and out[-1] != " ":
                out.append(" ")
                where.append(index)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def snippet(text: str, folded_pattern: re.Pattern[str], stops: re.Pattern[str] | None = None) -> str | None:
    """The words of ``text`` (clean) from the first match of a pattern run on its folded form.

    The snippet runs up to ``SNIPPET_AFTER`` characters, or up to the next match of ``stops`` (the
    next footer label), so that "Giấy phép số …" does not trail into "Địa chỉ".
    """
    folded, where = fold_positions(text)
    match = folded_pattern.search(folded)
    if match is None:
        return None
    start = where[match.start()]
    end = where[max(match.end() - 1, match.start())] + 1
    limit = min(end + SNIPPET_AFTER, len(text))
    stop = stops.search(folded, match.end()) if stops is not None else None
    if stop is not None and where[stop.start()] < limit:
        return text[start:where[stop.start()]].strip(" -–·|,;")
    right = text.find(" ", limit)
    return text[start:right if right >= 0 else len(text)].strip()


def matched_words(text: str, folded_phrase: str) -> str | None:
    """The words of ``text`` that fold to ``folded_phrase`` (e.g. "SỞ KHOA HỌC" for "so khoa hoc")."""
    folded, where = fold_positions(text)
    match = re.search(r"\b" + re.escape(folded_phrase) + r"\b", folded)
    if match is None:
        return None
    return text[where[match.start()]:where[match.end() - 1] + 1]


def phrase_pattern(*phrases: str) -> re.Pattern[str]:
    """Whole-word alternatives on folded text (the phrases are folded already)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def region_unreadable(snapshot: PortalSnapshot, part: dict[str, Any]) -> str | None:
    """Why a home-page region cannot be judged (``home_not_parsed``, ``not_recorded``), or ``None``."""
    error = home_read_error(snapshot)
    if error:
        return error
    return None if part else "not_recorded"


def configured_name(snapshot: PortalSnapshot) -> str | None:
    """The agency's configured name; the crawler's fallback (the page title) does not count."""
    name = snapshot.portal.get("name")
    if isinstance(name, str) and name.strip():
        return clean(name)
    title = facts.home_facts(snapshot).get("title")
    if snapshot.name and clean(snapshot.name) != clean(str(title or "")):
        return clean(snapshot.name)
    return None


# ---------------------------------------------------------------------------------------------- LY-001
LOGO_WORDS = ("logo", "quoc huy", "quochuy", "emblem", "bieu trung", "bieutrung", "banner", "header")
# Used only when no agency name is configured; short words are matched with their diacritics ("Sở",
# "Bộ"), because folded "so" is also "số" (number) and "bộ" is everywhere once folded.
AGENCY_WORDS_FOLDED = ("uy ban nhan dan", "ubnd", "ban quan ly", "cong thong tin dien tu", "trang thong tin dien tu")
AGENCY_WORDS_CLEAN = re.compile(r"(?<!\w)(sở|bộ)\s+\w", re.IGNORECASE)
# Locality part that a header often puts on its own line ("UBND TỈNH HÒA LÂM" above "SỞ …").
# Every place a locality may start is tried: "xa" is also the first word of "xã hội" (Sở Lao động –
# Thương binh và Xã hội tỉnh …).
LOCALITY = re.compile(r"\b(?:tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong)\s+\S")


@register
class Header(ComplianceRule):
    """The home page's header shows the emblem or logo and the agency's full name.

    **What it checks**
    The home page's header region (banner): at least one image (the national emblem, the agency's
    logo or a banner; an image whose ``alt`` or file name says "logo", "quốc huy", "biểu trưng",
    "banner" is named in the details), and the agency's configured full name, accent- and
    case-insensitive, in the header text, an image's ``alt`` text or the page title.  A name split
    over two lines ("ỦY BAN NHÂN DÂN TỈNH HÒA LÂM" above "SỞ KHOA HỌC VÀ CÔNG NGHỆ") counts.  Only part
    of the name (without the province) is a ``warn``.  When the name is not found as text but the
    header has images without ``alt`` text, the name is probably drawn in the banner image and
    cannot be read: ``warn``.  Without a configured name, an agency designation ("Sở …", "Ủy ban
    nhân dân …", "Cổng thông tin điện tử …") in the header text is accepted, with a note.

    **Why it matters**
    Circular 32/2017 Art. 16.3.a (VERIFIED; legacy guidance, current force not established) puts
    the national emblem or the agency's logo and its full Vietnamese name in the header, so that a
    visitor knows at once which agency the site speaks for.  A name drawn only in a picture is also
    invisible to screen readers and search engines.

    **Non-compliant**
    A header with the text "Cổng thông tin" and no image: ``warn`` (``fail`` where a provincial
    profile sets it).

    **Compliant**
    A header with the emblem (``alt="Quốc huy"``) and the text "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HÒA
    LÂM": ``pass``.

    **Remediation**
    Put the national emblem or the agency's logo in the banner and write the agency's full name as
    text (or give the banner image an ``alt`` text with the full name).
    """

    id = "LY-001"
    name = "layout.header"
    title_vi = "Đầu trang có quốc huy/biểu trưng và tên đầy đủ của cơ quan"
    title_en = "Header shows the emblem or logo and the agency's full name"
    area = "layout"
    severity = Severity.LOW
    legal_refs = (cite.TT32_16_3_A_HEADER,)
    options = status_option("missing_status", "warn", "đầu trang thiếu biểu trưng hoặc tên cơ quan",
                            "the header lacks the logo or the agency's name")
    description_vi = ("Phần đầu trang chủ có hình quốc huy hoặc biểu trưng (logo) và tên đầy đủ bằng tiếng Việt của cơ "
                      "quan (dạng chữ, chú thích ảnh alt hoặc tiêu đề trang).")
    remediation_vi = ("Đặt quốc huy hoặc biểu trưng của cơ quan trên banner và ghi tên đầy đủ của cơ quan bằng chữ "
                      "(hoặc "
                      "chú thích alt của ảnh banner ghi tên đầy đủ).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        header = facts.layout(snapshot, "header")
        error = region_unreadable(snapshot, header)
        if error:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không đọc được phần đầu trang chủ; chưa xác định được.",
                "The home page's header was not read; undeterminable.",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="home page header")],
                details={"reason": error}, error_class=error)
            return
        home_url = snapshot.home_url or snapshot.url
        text = clean(str(header.get("text") or ""))
        images = [i for i in header.get("images", []) if isinstance(i, dict)] \
            if isinstance(header.get("images"), list) else []
        alts = [clean(str(i.get("alt") or "")) for i in images]
        no_alt = [i for i, alt in zip(images, alts, strict=True) if not alt]
        emblem = next((i for i in images if self._emblem_word(i)), None)
        title = clean(str(facts.home_facts(snapshot).get("title") or ""))
        name = configured_name(snapshot)
        details: dict[str, Any] = {
            "header_found": bool(header.get("found")),
            "images": len(images),
            "images_without_alt": len(no_alt),
            "emblem": ({"src": emblem.get("src"), "alt": emblem.get("alt"), "matched": self._emblem_word(emblem)}
                       if emblem else None),
            "name": name,
        }
        evidence = [Evidence(url=home_url, locator="home page header" + ("" if header.get("found") else
                                                                          " (no header region: top of the page)"),
                             value=text[:300] or None)]
        evidence += [Evidence(url=str(i.get("src") or ""), locator="header image", value=i.get("alt") or "(no alt)")
                     for i in images[:3]]
        name_state, where = self._find_name(name, text, alts, title)
        details["name_found"] = name_state
        details["name_where"] = where
        logo_ok = bool(images)
        details["logo_found"] = logo_ok
        no_logo_vi = ("không có ảnh nào trong phần đầu trang (biểu trưng vẽ bằng ảnh nền CSS thì không nhận ra được)")
        no_logo_en = "the header has no image (a logo drawn as a CSS background cannot be seen)"
        shown = f" Phần đầu trang: \"{text[:120]}\"." if text else ""
        shown_en = f" Header text: \"{text[:120]}\"." if text else ""
        if name_state in ("full", "split", "agency_word") and logo_ok:
            where_vi = {"header_text": "chữ đầu trang", "image_alt": "chú thích ảnh", "title": "tiêu đề trang"}
            where_en = {"header_text": "header text", "image_alt": "image alt text", "title": "page title"}
            if name_state == "agency_word":
                message_vi = ("Đầu trang có ảnh biểu trưng và tên cơ quan; chưa cấu hình tên đầy đủ nên chỉ kiểm tra "
                              "có tên gọi cơ quan (\"Sở …\", \"Ủy ban nhân dân …\").")
                message_en = ("The header has a logo image and an agency name; no full name is configured, so only an "
                              "agency designation (\"Sở …\", \"Ủy ban nhân dân …\") was looked for.")
            else:
                message_vi = (f"Đầu trang có ảnh biểu trưng và tên đầy đủ \"{name}\" "
                              f"({where_vi.get(where or '', where)}).")
                message_en = (f"The header has a logo image and the full name \"{name}\" "
                              f"({where_en.get(where or '', where)}).")
            yield self.finding(ctx, Status.PASS, message_vi, message_en, evidence=evidence, details=details)
            return
        if not logo_ok:
            missing_vi = [no_logo_vi] + ([] if name_state in ("full", "split", "agency_word")
                                         else [f"không thấy tên cơ quan \"{name}\"" if name else
                                               "không thấy tên gọi cơ quan"])
            missing_en = [no_logo_en] + ([] if name_state in ("full", "split", "agency_word")
                                         else [f"the agency's name \"{name}\" was not found" if name else
                                               "no agency name was found"])
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Đầu trang chưa đạt: {'; '.join(missing_vi)}.{shown}",
                f"The header falls short: {'; '.join(missing_en)}.{shown_en}",
                evidence=evidence, details=details)
            return
        quoted = f" \"{name}\"" if name else ""
        if name_state == "partial":
            yield self.finding(
                ctx, Status.WARN,
                f"Đầu trang chỉ ghi một phần tên cơ quan (\"{where}\"), chưa đủ tên đầy đủ \"{name}\".{shown}",
                f"The header shows only part of the agency's name (\"{where}\"), not the full name "
                f"\"{name}\".{shown_en}",
                evidence=evidence, details=details)
            return
        if no_alt:
            details["banner_without_alt"] = [i.get("src") for i in no_alt[:5]]
            yield self.finding(
                ctx, Status.WARN,
                f"Không thấy tên cơ quan{quoted} dưới dạng chữ ở đầu trang; có "
                f"{len(no_alt)} ảnh banner không có chú thích (alt) nên tên trong ảnh không đọc được, cần kiểm tra "
                f"thủ công.{shown}",
                f"The agency's name{quoted} is not in the header as text; {len(no_alt)} banner "
                f"image(s) have no alt text, so a name drawn in them cannot be read: check by hand.{shown_en}",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"Không thấy tên cơ quan{quoted} ở đầu trang (chữ, chú thích ảnh, tiêu đề trang)."
            f"{shown}",
            f"The agency's name{quoted} is not in the header (text, image alt text, page "
            f"title).{shown_en}",
            evidence=evidence, details=details)

    @staticmethod
    def _emblem_word(image: dict[str, Any]) -> str | None:
        alt = fold(str(image.get("alt") or ""))
        src = fold(str(image.get("src") or "").rsplit("/", 1)[-1]).replace(" ", "")
        return has_phrase(alt, LOGO_WORDS) or next((w for w in LOGO_WORDS if w.replace(" ", "") in src), None)

    @staticmethod
    def _find_name(name: str | None, text: str, alts: list[str], title: str) -> tuple[str | None, str | None]:
        """How the name appears: ``full``, ``split``, ``partial``, ``agency_word`` or ``None``; and where."""
        if name is None:
            folded = fold(text)
            word = has_phrase(folded, AGENCY_WORDS_FOLDED)
            match = AGENCY_WORDS_CLEAN.search(text)
            if word or match:
                return "agency_word", "header_text"
            return None, None
        target = fold(name)
        sources = {"header_text": fold(text), "image_alt": fold(" | ".join(alts)), "title": fold(title)}
        for where, folded in sources.items():
            # Block elements are sometimes joined without a space ("…TỈNH HÒA LÂMThứ tư"), so the
            # name only needs a word boundary where it starts.
            if has_phrase(folded, (target,)) or re.search(r"\b" + re.escape(target), folded):
                return "full", where
        visible = f"{sources['header_text']} {sources['image_alt']}"
        partial: str | None = None
        for split in LOCALITY.finditer(target):
            agency, locality = target[:split.start()].strip(), target[split.start():]
            if not agency or not has_phrase(visible, (agency,)):
                continue
            if has_phrase(visible, (locality,)):
                return "split", "header_text"
            partial = partial or agency
        if partial:
            return "partial", matched_words(text, partial) or matched_words(" | ".join(alts), partial) or partial
        return None, None


# ---------------------------------------------------------------------------------------------- LY-002
MENU_ITEMS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "home": (("trang chu", "home"), "Trang chủ", "Home"),
    "about": (("gioi thieu",), "Giới thiệu", "About"),
    # "Thủ tục hành chính" is the procedures list, not the online-services entry the circular names.
    "services": (("dich vu cong", "dvc", "cong dich vu cong"), "Dịch vụ công trực tuyến", "Online public services"),
    "sitemap": (("so do cong", "so do site", "so do trang", "so do website", "sitemap", "site map"),
                "Sơ đồ cổng", "Site map"),
}
ROOT_PATHS = ("", "/", "/index.html", "/index.htm", "/index.php", "/default.aspx", "/home")


@register
class MainMenu(ComplianceRule):
    """The main menu has Home, About, Online public services and Site map.

    **What it checks**
    The entries of the home page's main menu (top level and dropdowns), accent- and
    case-insensitive: "Trang chủ" (or "Home", or an icon entry linking to the site root),
    "Giới thiệu", "Dịch vụ công" / "DVC" / "Cổng dịch vụ công" ("Thủ tục hành chính" alone does
    not count: it is the procedures list), and "Sơ đồ cổng" / "Sơ đồ site" / "Sitemap".  All four in
    the menu: ``pass``.  Items missing from the menu but present elsewhere on the home page (the
    top bar, the footer, a banner link) are a ``warn`` naming where they are.  Otherwise
    ``missing_status``.

    **Why it matters**
    Circular 32/2017 Art. 16.3.a (VERIFIED; legacy guidance, current force not established) names
    these four entries for the main menu, and Art. 16.2 puts the main information items on the
    home page or in the main menu.  They are the fixed points a visitor uses to find the agency,
    its services and the rest of the portal.

    **Non-compliant**
    A menu "Trang chủ | Tin tức | Văn bản | Liên hệ" with no about, services or site-map entry
    anywhere: ``warn`` (``fail`` under a profile that sets it).

    **Compliant**
    "Trang chủ | Giới thiệu | Tin tức | Dịch vụ công trực tuyến | Sơ đồ cổng": ``pass``.

    **Remediation**
    Add the missing entries to the main menu (not only to the footer): Home, About, Online public
    services (linking to the provincial or national service portal) and Site map.
    """

    id = "LY-002"
    name = "layout.main-menu"
    title_vi = "Menu chính có Trang chủ, Giới thiệu, Dịch vụ công trực tuyến, Sơ đồ cổng"
    title_en = "Main menu has Home, About, Online services and Site map"
    area = "layout"
    severity = Severity.LOW
    legal_refs = (cite.TT32_16_3_A,)
    options = status_option("missing_status", "warn", "menu chính thiếu mục", "main-menu entries are missing")
    description_vi = ("Menu chính của trang chủ có đủ bốn mục: Trang chủ, Giới thiệu, Dịch vụ công trực tuyến và Sơ đồ "
                      "cổng thông tin điện tử (mục chỉ có ở chân trang hoặc nơi khác trên trang chủ thì cảnh báo).")
    remediation_vi = ("Bổ sung vào menu chính (không chỉ ở chân trang) các mục còn thiếu: Trang chủ, Giới thiệu, Dịch "
                      "vụ "
                      "công trực tuyến (liên kết tới cổng dịch vụ công của tỉnh hoặc quốc gia), Sơ đồ cổng.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        menu = facts.layout(snapshot, "menu")
        error = region_unreadable(snapshot, menu)
        raw = menu.get("entries")
        entries = [e for e in raw if isinstance(e, dict)] if isinstance(raw, list) else []
        home_url = snapshot.home_url or snapshot.url
        if error or not entries:
            error_class = error or "no_menu"
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không nhận ra menu chính trên trang chủ; chưa kiểm tra được các mục menu.",
                "No main menu was recognised on the home page; its entries could not be checked.",
                evidence=[Evidence(url=home_url, locator="home page main menu")],
                details={"reason": error_class, "menu_found": bool(menu.get("found"))}, error_class=error_class)
            return
        found: dict[str, dict[str, Any]] = {}
        for entry in entries:
            label = clean(str(entry.get("label") or ""))
            folded = fold(label)
            for item, (phrases, _, _) in MENU_ITEMS.items():
                if item in found:
                    continue
                if has_phrase(folded, phrases) or (item == "home" and not folded and self._is_root(snapshot, entry)):
                    found[item] = {"where": "menu", "label": label or "(icon)", "url": entry.get("url"),
                                   "level": entry.get("level")}
        missing = [item for item in MENU_ITEMS if item not in found]
        elsewhere = self._elsewhere(snapshot, [m for m in missing if m != "home"])
        details: dict[str, Any] = {"found": found, "missing": missing, "elsewhere": elsewhere,
                                   "entries": len(entries)}
        labels = " | ".join(clean(str(e.get("label") or "")) for e in entries if e.get("level", 1) == 1)[:300]
        evidence = [Evidence(url=home_url, locator=f"home page main menu ({len(entries)} entries)", value=labels)]
        evidence += [Evidence(url=str(v.get("url") or ""), locator=f"{item}: {v['where']}", value=v.get("label"))
                     for item, v in elsewhere.items()]
        names_vi = {k: v[1] for k, v in MENU_ITEMS.items()}
        names_en = {k: v[2] for k, v in MENU_ITEMS.items()}
        if not missing:
            yield self.finding(
                ctx, Status.PASS,
                "Menu chính có đủ Trang chủ, Giới thiệu, Dịch vụ công trực tuyến và Sơ đồ cổng.",
                "The main menu has Home, About, Online public services and Site map.",
                evidence=evidence, details=details)
            return
        where_vi = {"header": "đầu trang", "footer": "chân trang", "home page link": "một liên kết trên trang chủ",
                    "external link": "một liên kết ra trang ngoài"}
        where_en = {"header": "the header", "footer": "the footer", "home page link": "a link on the home page",
                    "external link": "a link to another site"}
        away_vi = "; ".join(f"\"{names_vi[i]}\" chỉ có ở {where_vi.get(v['where'], v['where'])} (\"{v['label']}\")"
                            for i, v in elsewhere.items())
        away_en = "; ".join(f"\"{names_en[i]}\" only in {where_en.get(v['where'], v['where'])} (\"{v['label']}\")"
                            for i, v in elsewhere.items())
        if all(item in elsewhere for item in missing):
            yield self.finding(
                ctx, Status.WARN,
                f"Menu chính thiếu {', '.join(names_vi[m] for m in missing)}, nhưng có trên trang chủ: {away_vi}.",
                f"The main menu lacks {', '.join(names_en[m] for m in missing)}, found elsewhere on the home page: "
                f"{away_en}.",
                evidence=evidence, details=details)
            return
        absent = [m for m in missing if m not in elsewhere]
        extra_vi = f" ({away_vi})" if away_vi else ""
        extra_en = f" ({away_en})" if away_en else ""
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"Menu chính thiếu {', '.join(names_vi[m] for m in missing)}; không thấy "
            f"{', '.join(names_vi[m] for m in absent)} ở đâu trên trang chủ (menu, đầu trang, chân trang, liên kết)"
            f"{extra_vi}.",
            f"The main menu lacks {', '.join(names_en[m] for m in missing)}; "
            f"{', '.join(names_en[m] for m in absent)} not found anywhere on the home page (menu, header, footer, "
            f"links){extra_en}.",
            evidence=evidence, details=details)

    @staticmethod
    def _is_root(snapshot: PortalSnapshot, entry: dict[str, Any]) -> bool:
        url = str(entry.get("url") or "")
        if not url:
            return False
        if url in (snapshot.home_url, snapshot.url):
            return True
        host, _ = portal_host(snapshot)
        target = parse_host(url)
        parts = urlsplit(url)
        same_host = target is None or host is None or target.name == host.name
        return same_host and parts.path.lower() in ROOT_PATHS and not parts.query

    @staticmethod
    def _elsewhere(snapshot: PortalSnapshot, wanted: list[str]) -> dict[str, dict[str, Any]]:
        """Where on the home page (outside the menu) each wanted item appears."""
        home = facts.home_facts(snapshot)
        header_text = clean(str(facts.layout(snapshot, "header").get("text") or ""))
        footer_text = clean(str(facts.layout(snapshot, "footer").get("text") or ""))
        main_links = home.get("links") if isinstance(home.get("links"), list) else []
        links = [(v, "home page link") for v in main_links or [] if isinstance(v, dict)]
        links += [(v, "external link") for v in external_links(snapshot) or []]
        out: dict[str, dict[str, Any]] = {}
        for item in wanted:
            phrases = MENU_ITEMS[item][0]
            pattern = phrase_pattern(*phrases)
            for region, region_text in (("header", header_text), ("footer", footer_text)):
                seen = snippet(region_text, pattern)
                if seen:
                    out[item] = {"where": region, "label": seen, "url": None}
                    break
            if item in out:
                continue
            for link, where in links:
                label = clean(str(link.get("label") or ""))
                if has_phrase(fold(label), phrases):
                    out[item] = {"where": where, "label": label, "url": link.get("url")}
                    break
        return out


# ---------------------------------------------------------------------------------------------- LY-003
FOOTER_ITEMS: dict[str, tuple[str, str]] = {
    "copyright": ("bản quyền", "copyright"),
    "agency": ("cơ quan chủ quản", "managing agency"),
    "responsible": ("người chịu trách nhiệm", "responsible person"),
    "address": ("địa chỉ", "address"),
    "phone": ("điện thoại", "phone"),
    "email": ("thư điện tử", "email"),
}
COPYRIGHT = phrase_pattern("ban quyen", "copyright")
AGENCY = phrase_pattern("co quan chu quan", "co quan quan ly", "don vi chu quan", "don vi quan ly")
# "…không chịu trách nhiệm về nội dung các trang liên kết" is a disclaimer, not the responsible person.
RESPONSIBLE = re.compile(r"(?<!khong )\b(?:chiu trach nhiem|truong ban bien tap)\b")
# "Địa chỉ email / thư điện tử / IP" is not a postal address; "Trụ sở:" and "Số 12 đường …" are.
ADDRESS = re.compile(r"\bdia chi\b(?!\s+(?:email|e mail|mail|thu dien tu|ip|website|web|trang)\b)"
                     r"|\btru so\b|\bso \d+[a-z]?\s+(?:duong|pho)\b")
# "Giấy phép số 16/GPTTĐT-STTTT", "110/GP-TTĐT" (folded: "16 gpttdt", "110 gp ttdt").
LICENCE = re.compile(r"\bgiay phep\b|\b\d+\s+gp[a-z]*\b")
# Where the next footer item starts: a snippet of one item ends there.
FOOTER_LABELS = re.compile(r"\b(?:co quan chu quan|co quan quan ly|don vi chu quan|don vi quan ly|chiu trach nhiem|"
                           r"truong ban bien tap|dia chi|tru so|dien thoai|dt|tel|fax|e ?mail|thu dien tu|giay phep|"
                           r"ghi ro nguon|thiet ke|website|so luot truy cap)\b")
FIRST_WORD = re.compile(r"\w")


@register
class Footer(ComplianceRule):
    """The footer names the copyright, the managing agency, the responsible person, address, phone and email.

    **What it checks**
    The home page's footer text, accent- and case-insensitive: a copyright notice ("©", "(c)",
    "Bản quyền", "Copyright"), the managing agency ("Cơ quan chủ quản", "Cơ quan quản lý", "Đơn vị
    chủ quản"), the responsible person ("Chịu trách nhiệm", "Trưởng Ban biên tập"; a disclaimer "không
    chịu trách nhiệm …" does not count), an address ("Địa chỉ", "Trụ sở", "Số 12 đường …"; "Địa chỉ
    email" does not count), a phone number and an email address.  All six: ``pass``; any missing:
    ``missing_status``.  The licence number ("Giấy phép số …/GP-…") is reported as recommended
    practice only: no verified provision requires it on the footer, so it never fails the rule.
    No footer found: ``not_determinable`` (``no_footer``).

    **Why it matters**
    Circular 32/2017 Art. 16.3.c (VERIFIED; legacy guidance, current force not established) asks
    the footer for copyright information and, at a minimum, the managing agency's name, the person
    responsible, the address, a contact phone number and an email address: who answers for the
    site and how to reach them.

    **Non-compliant**
    A footer with only "Sở Tài chính tỉnh Hòa Lâm – Địa chỉ: 12 Lê Lợi – ĐT: 0200 3856 210"
    (no copyright, managing agency, responsible person or email): ``warn`` (``fail`` under a
    profile that sets it).

    **Compliant**
    "© Bản quyền thuộc Sở Khoa học và Công nghệ tỉnh Hòa Lâm. Cơ quan chủ quản: Ủy ban nhân dân
    tỉnh Hòa Lâm. Chịu trách nhiệm nội dung: Ông Nguyễn Văn An – Trưởng Ban biên tập. Địa chỉ: Số 8
    đường Trần Phú … Điện thoại: 0200 3856 210. Email: skhcn@hoalam.gov.vn": ``pass``.

    **Remediation**
    Write in the footer, as text: the copyright line, the managing agency, the person responsible
    for the content (name and title), the address, a phone number and an official email address;
    the licence number too, as good practice.
    """

    id = "LY-003"
    name = "layout.footer"
    title_vi = "Chân trang có bản quyền, cơ quan chủ quản, người chịu trách nhiệm, địa chỉ, điện thoại, thư điện tử"
    title_en = "Footer has copyright, managing agency, responsible person, address, phone and email"
    area = "layout"
    severity = Severity.LOW
    legal_refs = (cite.TT32_16_3_C,)
    options = status_option("missing_status", "warn", "chân trang thiếu thông tin", "footer items are missing")
    description_vi = ("Chân trang chủ có thông tin bản quyền, cơ quan chủ quản, người chịu trách nhiệm, địa chỉ, số "
                      "điện "
                      "thoại và địa chỉ thư điện tử. Số giấy phép chỉ được ghi nhận là thực hành tốt, không làm rule "
                      "không đạt.")
    remediation_vi = ("Ghi ở chân trang bằng chữ: dòng bản quyền, cơ quan chủ quản, người chịu trách nhiệm nội dung "
                      "(họ "
                      "tên, chức vụ), địa chỉ, số điện thoại, thư điện tử công vụ; nên ghi cả số giấy phép.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        footer = facts.layout(snapshot, "footer")
        error = region_unreadable(snapshot, footer)
        text = clean(str(footer.get("text") or ""))
        home_url = snapshot.home_url or snapshot.url
        if error or not text:
            error_class = "home_not_parsed" if error == "home_not_parsed" else "no_footer"
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không nhận ra chân trang trên trang chủ; chưa kiểm tra được.",
                "No footer was recognised on the home page; it could not be checked.",
                evidence=[Evidence(url=home_url, locator="home page footer")],
                details={"footer_found": bool(footer.get("found")), "reason": error}, error_class=error_class)
            return
        found: dict[str, str] = {}
        copyright_sign = re.search(r"©|\(c\)|&copy;", text, re.IGNORECASE)
        if copyright_sign:
            rest = snippet(text[copyright_sign.end():], FIRST_WORD, FOOTER_LABELS) or ""
            seen: str | None = f"{copyright_sign.group(0)} {rest}".strip()
        else:
            seen = snippet(text, COPYRIGHT, FOOTER_LABELS)
        if seen:
            found["copyright"] = seen
        for item, pattern in (("agency", AGENCY), ("responsible", RESPONSIBLE), ("address", ADDRESS)):
            seen = snippet(text, pattern, FOOTER_LABELS)
            if seen:
                found[item] = seen
        numbers = phones(text)
        if numbers:
            found["phone"] = numbers[0]
        email = EMAIL.search(text)
        if email:
            found["email"] = email.group(0)
        licence = snippet(text, LICENCE, FOOTER_LABELS)
        missing = [item for item in FOOTER_ITEMS if item not in found]
        details: dict[str, Any] = {"found": found, "missing": missing, "licence": licence or None,
                                   "licence_found": bool(licence), "footer_found": bool(footer.get("found"))}
        evidence = [Evidence(url=home_url, locator="home page footer", value=text[:300])]
        evidence += [Evidence(url=home_url, locator=f"footer: {item}", snippet=value) for item, value in found.items()]
        if licence:
            licence_vi = f" Có ghi giấy phép (\"{licence}\"; thực hành tốt, không bắt buộc theo văn bản đã xác minh)."
            licence_en = f" A licence is shown (\"{licence}\"; good practice, no verified requirement)."
        else:
            licence_vi = " Không ghi số giấy phép (chỉ là khuyến nghị, không ảnh hưởng kết quả)."
            licence_en = " No licence number is shown (recommended practice only; it does not affect the result)."
        if not missing:
            yield self.finding(
                ctx, Status.PASS,
                "Chân trang có đủ bản quyền, cơ quan chủ quản, người chịu trách nhiệm, địa chỉ, điện thoại và thư điện "
                "tử." + licence_vi,
                "The footer has the copyright, managing agency, responsible person, address, phone and email."
                + licence_en,
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"Chân trang thiếu: {', '.join(FOOTER_ITEMS[m][0] for m in missing)} (đã đọc {len(text)} ký tự chân trang)."
            + licence_vi,
            f"The footer lacks: {', '.join(FOOTER_ITEMS[m][1] for m in missing)} ({len(text)} characters of footer "
            "text read)." + licence_en,
            evidence=evidence, details=details)
