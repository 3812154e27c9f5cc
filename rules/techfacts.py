"""Read the per-page technical facts (``PageFetch.facts["tech"]``, docs/facts.md) and judge pages one by one.

The Unicode, mobile, accessibility and outdated-technology rules look at every HTML page the crawler
fetched (the home page first) and report one finding per portal: the worst page verdict, the pages
concerned in ``details["table"]`` and samples as evidence.  The facts are read defensively: a
snapshot recorded before the technical facts existed has none, which makes a rule
``not_determinable`` (``not_recorded``), never a failure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Status
from rules.base import KIND_LABELS, ComplianceRule, Option, RuleContext

MAX_EVIDENCE = 10
MAX_ROWS = 50
MAX_SAMPLES = 3
SAMPLE_CHARS = 160
# Worst first: the finding takes the worst page verdict.
_ORDER = {Status.FAIL: 0, Status.WARN: 1, Status.PASS: 2}
_ROLE_LABELS = {"home": ("trang chủ", "home page"), "english": ("trang tiếng Anh", "English page"),
                "search": ("trang kết quả tìm kiếm", "search results page"),
                "article": ("trang bài viết", "article page"), "sitemap_page": ("trang sơ đồ cổng", "site-map page")}


def status_option(key: str, default: str, what_vi: str, what_en: str) -> dict[str, Option]:
    """A ``fail``/``warn`` status option (profiles soften or harden a rule through it)."""
    return {key: Option(str, default, f"Kết quả khi {what_vi}: \"fail\" hoặc \"warn\".",
                        f"Status when {what_en}: \"fail\" or \"warn\".", choices=("fail", "warn"))}


def tech(page: PageFetch | None) -> dict[str, Any]:
    """A page's technical facts, ``{}`` when none were recorded."""
    if page is None:
        return {}
    value = page.facts.get("tech")
    return value if isinstance(value, dict) else {}


def part(page: PageFetch | None, key: str) -> dict[str, Any]:
    """A dict-valued part of the technical facts (``charset``, ``a11y``), ``{}`` when absent."""
    value = tech(page).get(key)
    return value if isinstance(value, dict) else {}


def entries(value: Any) -> list[dict[str, Any]]:
    """The dict entries of a list-valued fact (``libraries``, ``plugins``, ``fixed_widths`` …)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def count(value: Any) -> int:
    """A counter that may be recorded as an int, a bool or a list of samples."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, list):
        return len(value)
    return 0


def text_of(value: Any) -> str | None:
    """A string fact, stripped; ``None`` when absent or not a string."""
    return value.strip() if isinstance(value, str) else None


def samples(value: Any, limit: int = MAX_SAMPLES) -> list[str]:
    """Up to ``limit`` sample snippets (strings, or the ``snippet``/``html``/``url`` of dict samples)."""
    out: list[str] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            # A vague link is best shown by its words and target; other samples by their markup.
            if item.get("text") and item.get("url") and not item.get("snippet"):
                item = f"{item['text']} → {item['url']}"
            else:
                item = item.get("snippet") or item.get("html") or item.get("url") or item.get("text")
        if isinstance(item, str) and item.strip():
            out.append(shorten(item.strip()))
        if len(out) >= limit:
            break
    return out


def shorten(value: str, limit: int = SAMPLE_CHARS) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def html_pages(snapshot: PortalSnapshot) -> list[PageFetch]:
    """Fetched pages with technical facts, home page first, each final URL once."""
    pages = [p for p in snapshot.pages if p.ok and tech(p)]
    pages.sort(key=lambda p: p.role != "home")
    seen: set[str] = set()
    out = []
    for page in pages:
        key = page.final_url or page.url
        if key not in seen:
            seen.add(key)
            out.append(page)
    return out


def home_tech_page(snapshot: PortalSnapshot) -> PageFetch | None:
    home = snapshot.home()
    return home if home is not None and home.ok and tech(home) else None


def page_name(page: PageFetch) -> tuple[str, str]:
    """How messages name a page: its role, or its section kind."""
    if page.role in _ROLE_LABELS:
        return _ROLE_LABELS[page.role]
    if page.kind and page.kind in KIND_LABELS:
        vi, en = KIND_LABELS[page.kind]
        return f"trang {vi}", f"{en} page"
    return "trang", "page"


def no_tech_facts(rule: ComplianceRule, snapshot: PortalSnapshot, ctx: RuleContext, *, home_only: bool = False
                  ) -> Finding:
    """The finding for a snapshot without technical facts (crawled before they existed, or not HTML)."""
    home = snapshot.home()
    where_vi = "trang chủ" if home_only else "các trang đã tải"
    where_en = "the home page" if home_only else "the fetched pages"
    return rule.finding(
        ctx, Status.NOT_DETERMINABLE,
        f"Không có dữ liệu kỹ thuật của {where_vi} (bản ghi thu thập trước khi có các dữ liệu này, hoặc trang không "
        "phải HTML); không đánh giá được.",
        f"No technical facts were recorded for {where_en} (a snapshot from before they existed, or not an HTML "
        "page); nothing could be judged.",
        evidence=[Evidence(url=home.url if home else snapshot.url, locator="facts.tech")],
        details={"pages_checked": 0}, error_class="not_recorded")


@dataclasses.dataclass
class PageVerdict:
    """One page's verdict for a rule: what was found there, with samples."""

    page: PageFetch
    status: Status
    found_vi: str = ""  # what is wrong (or notable) on the page, as a clause: "3 ảnh không có alt"
    found_en: str = ""
    samples: list[str] = dataclasses.field(default_factory=list)
    locator: str = ""
    value: str = ""  # the raw value read (lang="en-US", "IE=8"), shown as the evidence value
    problem: str = ""  # which part of the check failed ("missing", "invalid" …), kept in details["pages"]
    cells: list[Any] = dataclasses.field(default_factory=list)  # the rule's own table columns


def worst(verdicts: Iterable[PageVerdict]) -> Status:
    statuses = [v.status for v in verdicts]
    return min(statuses, key=lambda s: _ORDER.get(s, 3)) if statuses else Status.PASS


def summarise(rule: ComplianceRule, ctx: RuleContext, verdicts: Sequence[PageVerdict], *,
              what_vi: str, what_en: str, ok_vi: str, ok_en: str, columns: Sequence[str],
              details: dict[str, Any] | None = None, note_vi: str = "", note_en: str = "") -> Finding:
    """One finding from the page verdicts: the worst status, the bad pages named with samples.

    ``what_*`` names the problem for the message ("ảnh không có văn bản thay thế"), ``pass_*`` is
    the message when every page passes; ``columns`` head ``details["table"]`` after the page URL
    (each verdict's ``cells``).  ``note_*`` ends the message (a heuristic's caveat).
    """
    status = worst(verdicts)
    bad = sorted((v for v in verdicts if v.status is not Status.PASS), key=lambda v: _ORDER.get(v.status, 3))
    total = len(verdicts)
    rows = [[v.page.final_url or v.page.url, v.status.value, *v.cells] for v in [*bad, *(
        v for v in verdicts if v.status is Status.PASS)]][:MAX_ROWS]
    out_details: dict[str, Any] = {
        "pages_checked": total,
        "pages_fail": sum(v.status is Status.FAIL for v in verdicts),
        "pages_warn": sum(v.status is Status.WARN for v in verdicts),
        "pages": [{"url": v.page.final_url or v.page.url, "status": v.status.value, "found": v.found_en,
                   "samples": v.samples, **({"problem": v.problem} if v.problem else {})} for v in bad[:MAX_ROWS]],
        "table": {"columns": ["Trang / Page", "Kết quả / Verdict", *columns], "rows": rows},
        **(details or {}),
    }
    tail_vi = f" {note_vi}" if note_vi else ""
    tail_en = f" {note_en}" if note_en else ""
    if not bad:
        return rule.finding(ctx, Status.PASS, f"{ok_vi} ({total} trang đã kiểm tra).{tail_vi}",
                            f"{ok_en} ({total} page(s) checked).{tail_en}",
                            evidence=[_evidence(v) for v in verdicts[:3]], details=out_details)
    first = bad[0]
    name_vi, name_en = page_name(first.page)
    shown = "; ".join(f"“{s}”" for s in first.samples[:MAX_SAMPLES])
    sample_vi = f": {shown}" if shown else ""
    sample_en = f": {shown}" if shown else ""
    more_vi = f"; tương tự trên {len(bad) - 1} trang khác" if len(bad) > 1 else ""
    more_en = f"; {len(bad) - 1} other page(s) likewise" if len(bad) > 1 else ""
    return rule.finding(
        ctx, status,
        f"{what_vi} trên {len(bad)}/{total} trang đã kiểm tra. Ví dụ {name_vi} {first.page.url}: {first.found_vi}"
        f"{sample_vi}{more_vi}.{tail_vi}",
        f"{what_en} on {len(bad)} of {total} page(s) checked. E.g. the {name_en} {first.page.url}: {first.found_en}"
        f"{sample_en}{more_en}.{tail_en}",
        evidence=[_evidence(v) for v in bad[:MAX_EVIDENCE]], details=out_details)


def _evidence(verdict: PageVerdict) -> Evidence:
    return Evidence(url=verdict.page.final_url or verdict.page.url, locator=verdict.locator or None,
                    value=verdict.value or verdict.found_en or None,
                    snippet=" | ".join(verdict.samples[:MAX_SAMPLES]) or None)
