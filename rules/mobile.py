"""Mobile rules (MB-xxx): the viewport meta tag and fixed layouts wider than a phone.

They read the home page's ``facts["tech"]`` (docs/facts.md): ``viewport`` (the content of
``<meta name="viewport">``) and ``fixed_widths`` (widths the page's own markup and CSS set on the
body, wrappers and tables).  Nothing is rendered: MB-002 is a heuristic and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.records import Evidence, Finding, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules.base import ComplianceRule, Option, RuleContext, register
from rules.techfacts import entries, home_tech_page, html_pages, no_tech_facts, shorten, status_option, tech, text_of

# A phone's CSS width: 360 px is the narrowest common Android width (WCAG 1.4.10 reflow uses 320).
PHONE_PX = 360
WHERE = {"inline_style": ("thuộc tính style", "inline style"), "width_attr": ("thuộc tính width", "width attribute"),
         "style_block": ("khối <style>", "<style> block")}
_PAIR = re.compile(r"\s*([a-zA-Z-]+)\s*=\s*([^,;\s]*)")


def viewport_content(value: Any) -> str | None:
    """The viewport's ``content``; ``None`` when the page has no viewport meta tag."""
    if isinstance(value, dict):
        value = value.get("content")
    if isinstance(value, str):
        return value.strip()
    return None


def viewport_settings(content: str) -> dict[str, str]:
    return {key.lower(): val.strip().lower() for key, val in _PAIR.findall(content)}


def zoom_blocked(settings: dict[str, str]) -> bool:
    """``user-scalable=no`` or a maximum scale below 2 (WCAG 1.4.4 wants text resizable to 200 %)."""
    if settings.get("user-scalable") in ("no", "0"):
        return True
    try:
        return float(settings.get("maximum-scale", "10")) < 2
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------- MB-001
@register
class Viewport(ComplianceRule):
    """The home page declares a mobile viewport (``<meta name="viewport" content="width=device-width">``).

    **What it checks**
    The home page's ``<meta name="viewport">``: ``width=device-width`` → pass (also
    ``initial-scale`` without a width, which browsers treat the same way, with a note).  A fixed
    width (``width=1024``) or a tag without width or scale → ``fixed_status`` (warn).  No tag →
    ``missing_status`` (fail): phones then lay the page out 980 px wide and shrink it.  Zoom
    blocked (``user-scalable=no``, ``maximum-scale`` below 2) is noted in the message and details.
    Other pages without the tag are counted in the details.

    **Why it matters**
    Decree 224/2026 Art. 10.3.a wants information channels convenient on every access device,
    mobile included; Circular 32/2017 Art. 17 required mobile access at least for the main
    information.  Without a viewport, a phone shows a miniature desktop page.

    **Non-compliant**
    A SharePoint 2010 master page with no viewport meta tag (seen on every captured sample).

    **Compliant**
    ``<meta name="viewport" content="width=device-width, initial-scale=1">`` in ``<head>``, with a
    layout that adapts to that width.

    **Remediation**
    Add the viewport meta tag to the master page/theme and make the layout responsive (CSS media
    queries, fluid widths); do not block zooming.
    """

    id = "MB-001"
    name = "technical.viewport"
    title_vi = "Trang chủ khai báo viewport cho thiết bị di động"
    title_en = "Home page has a mobile viewport"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_10_3_A, cite.TT32_17)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("missing_status", "fail", "trang chủ không có thẻ meta viewport",
                        "the home page has no viewport meta tag"),
        **status_option("fixed_status", "warn", "viewport có độ rộng cố định (không phải device-width)",
                        "the viewport has a fixed width (not device-width)"),
    }
    description_vi = ("Trang chủ phải có thẻ <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> "
                      "để hiển thị đúng trên điện thoại; thiếu thẻ là không đạt, độ rộng cố định bị cảnh báo.")
    remediation_vi = ("Thêm thẻ meta viewport vào trang mẫu (master page, theme) và thiết kế giao diện co giãn theo "
                      "màn hình (CSS media query, độ rộng linh hoạt); không chặn phóng to.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        home = home_tech_page(snapshot)
        if home is None:
            yield no_tech_facts(self, snapshot, ctx, home_only=True)
            return
        others = [p for p in html_pages(snapshot) if p.role != "home"]
        without = [p.final_url or p.url for p in others if viewport_content(tech(p).get("viewport")) is None]
        content = viewport_content(tech(home).get("viewport"))
        details: dict[str, Any] = {"viewport": content, "other_pages_checked": len(others),
                                   "other_pages_without_viewport": without[:20]}
        url = home.final_url or home.url
        if content is None:
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Trang chủ {url} không có thẻ <meta name=\"viewport\">: điện thoại sẽ hiển thị trang như trên máy "
                "tính (rộng khoảng 980 px) rồi thu nhỏ lại.",
                f"The home page {url} has no <meta name=\"viewport\"> tag: phones lay it out as a desktop page "
                "(about 980 px wide) and shrink it.",
                evidence=[Evidence(url=url, locator="head > meta[name=viewport]", value="absent")], details=details)
            return
        settings = viewport_settings(content)
        details["settings"] = settings
        blocked = zoom_blocked(settings)
        details["zoom_blocked"] = blocked
        zoom_vi = " Lưu ý: thẻ chặn phóng to (user-scalable/maximum-scale), gây khó cho người nhìn kém." if blocked \
            else ""
        zoom_en = " Note: it blocks zooming (user-scalable/maximum-scale), which hinders low-vision users." if blocked \
            else ""
        evidence = [Evidence(url=url, locator="head > meta[name=viewport]", value=content)]
        width = settings.get("width")
        if width == "device-width":
            yield self.finding(ctx, Status.PASS,
                               f"Trang chủ {url} có viewport theo độ rộng thiết bị: content=\"{content}\".{zoom_vi}",
                               f"The home page {url} has a device-width viewport: content=\"{content}\".{zoom_en}",
                               evidence=evidence, details=details)
            return
        if width is None and "initial-scale" in settings:
            details["note"] = "initial-scale without width: browsers use the device width"
            yield self.finding(
                ctx, Status.PASS,
                f"Trang chủ {url} có viewport content=\"{content}\" (không nêu width, nhưng initial-scale khiến trình "
                f"duyệt dùng độ rộng thiết bị; nên ghi rõ width=device-width).{zoom_vi}",
                f"The home page {url} has a viewport content=\"{content}\" (no width, but initial-scale makes browsers "
                f"use the device width; width=device-width is clearer).{zoom_en}",
                evidence=evidence, details=details)
            return
        what_vi = f"độ rộng cố định width={width}" if width else "không nêu width=device-width"
        what_en = f"a fixed width={width}" if width else "no width=device-width"
        yield self.finding(
            ctx, Status(ctx.options["fixed_status"]),
            f"Thẻ viewport của trang chủ {url} có {what_vi} (content=\"{content}\"): trang không co giãn theo màn hình "
            f"điện thoại.{zoom_vi}",
            f"The home page {url} has a viewport with {what_en} (content=\"{content}\"): the page does not adapt to a "
            f"phone's screen.{zoom_en}",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- MB-002
@register
class FixedLayout(ComplianceRule):
    """HEURISTIC: the home page's own markup and CSS set no fixed layout wider than a phone (360 px).

    **What it checks**
    A static reading, not a rendering: the widths the crawler found on the home page
    (``tech.fixed_widths``: ``width`` of ``body``, ``html``, wrapper ``div``s and tables in inline
    styles, ``<style>`` blocks and ``width`` attributes) that exceed ``max_px`` (360) pixels.  Any
    → warn, never fail: external stylesheets, media queries that override a width and scripts
    are not evaluated, so the page may still reflow.  None → pass.

    **Why it matters**
    Decree 224/2026 Art. 10.3.a (channels convenient on mobile devices) and Circular 32/2017
    Art. 17 (mobile access).  A 980 px wrapper or a 1000 px layout table forces a phone reader to
    scroll sideways on every line (WCAG 1.4.10 reflow).

    **Non-compliant**
    ``<table width="980">`` holding the whole page, or ``#wrapper { width: 1000px }`` in a
    ``<style>`` block.

    **Compliant**
    ``max-width: 1200px; width: 100%`` wrappers, fluid grids; fixed widths only inside media
    queries for wide screens.

    **Remediation**
    Replace fixed page widths by ``max-width`` with percentage widths, drop layout tables, and
    test the home page at 360 px (browser developer tools' device mode).
    """

    id = "MB-002"
    name = "technical.fixed-layout"
    title_vi = "Giao diện không cố định độ rộng lớn hơn màn hình điện thoại (ước lượng)"
    title_en = "No fixed layout wider than a phone (heuristic)"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_10_3_A, cite.TT32_17)
    options: ClassVar[Mapping[str, Option]] = {
        "max_px": Option(int, PHONE_PX, "Độ rộng (px) lớn nhất được coi là vừa màn hình điện thoại.",
                         "The widest fixed width (px) that still fits a phone.", minimum=320),
    }
    description_vi = ("Ước lượng (heuristic) bằng cách đọc tĩnh mã HTML và CSS của trang chủ, không hiển thị trang: "
                      "thân trang, khung bao, bảng dàn trang không được đặt độ rộng cố định lớn hơn 360 px. Nếu có thì "
                      "chỉ cảnh báo, vì CSS ngoài, media query và script không được đánh giá.")
    remediation_vi = ("Thay độ rộng cố định của trang bằng max-width kết hợp độ rộng phần trăm, bỏ bảng dàn trang, và "
                      "kiểm tra trang chủ ở độ rộng 360 px (chế độ thiết bị của công cụ nhà phát triển trình duyệt).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        home = home_tech_page(snapshot)
        if home is None:
            yield no_tech_facts(self, snapshot, ctx, home_only=True)
            return
        url = home.final_url or home.url
        recorded = tech(home).get("fixed_widths")
        if not isinstance(recorded, list):
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không có dữ liệu về độ rộng cố định của trang chủ {url}; không đánh giá được.",
                f"The home page's fixed widths ({url}) were not recorded; nothing could be judged.",
                evidence=[Evidence(url=url, locator="facts.tech.fixed_widths")], details={"heuristic": True},
                error_class="fixed_widths_not_recorded")
            return
        limit = int(ctx.options["max_px"])
        wide = [w for w in entries(recorded) if _px(w.get("px")) > limit]
        wide.sort(key=lambda w: -_px(w.get("px")))
        rows = [[_px(w.get("px")), text_of(w.get("where")) or "", shorten(text_of(w.get("snippet")) or "")]
                for w in wide[:50]]
        details: dict[str, Any] = {
            "heuristic": True, "max_px": limit, "widths": [{"px": r[0], "where": r[1], "snippet": r[2]} for r in rows],
            "viewport": viewport_content(tech(home).get("viewport")),
            "table": {"columns": ["Độ rộng / Width (px)", "Vị trí / Where", "Mã / Snippet"], "rows": rows},
        }
        caveat_vi = ("Đây là ước lượng từ việc đọc tĩnh mã HTML, CSS của trang, không phải kết quả hiển thị thực tế "
                     "(CSS ngoài, media query và script không được đánh giá).")
        caveat_en = ("This is a heuristic from a static reading of the page's HTML and CSS, not a rendering "
                     "(external stylesheets, media queries and scripts are not evaluated).")
        if not wide:
            yield self.finding(
                ctx, Status.PASS,
                f"Không thấy độ rộng cố định lớn hơn {limit} px trong mã HTML, CSS của trang chủ. {caveat_vi}",
                f"No fixed width above {limit} px was found in the home page's HTML and CSS. {caveat_en}",
                evidence=[Evidence(url=url, locator="body, wrappers, tables", value=f"≤ {limit} px")],
                details=details)
            return
        first = wide[0]
        where = text_of(first.get("where")) or ""
        where_vi, where_en = WHERE.get(where, (where, where))
        px = _px(first.get("px"))
        code = shorten(text_of(first.get("snippet")) or "", 80)
        yield self.finding(
            ctx, Status.WARN,
            f"Trang chủ {url} có {len(wide)} độ rộng cố định lớn hơn {limit} px, lớn nhất {px} px ({where_vi}: "
            f"“{code}”): trên điện thoại có thể phải cuộn ngang. {caveat_vi}",
            f"The home page {url} sets {len(wide)} fixed width(s) above {limit} px, the widest {px} px ({where_en}: "
            f"“{code}”): phones may have to scroll sideways. {caveat_en}",
            evidence=[Evidence(url=url, locator=text_of(w.get("where")) or None, value=f"{_px(w.get('px'))} px",
                               snippet=shorten(text_of(w.get("snippet")) or "") or None) for w in wide[:10]],
            details=details)


def _px(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str):
        match = re.match(r"\s*(\d+)", value)
        return int(match.group(1)) if match else 0
    return 0
