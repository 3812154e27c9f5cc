"""Shared pieces of the rule-case builders: the clock, a portal and snapshot factories."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nd42.clock import VN_TZ
from nd42.records import (
    LISTING_KINDS,
    ListingItem,
    PageFetch,
    PortalSnapshot,
    SectionCandidate,
    SectionSnapshot,
    to_jsonable,
)

# After 01/07/2026: Decree 224/2026 in force, 42/2022 repealed (the law the tool runs under today).
NOW = dt.datetime(2026, 9, 15, 9, 30, tzinfo=VN_TZ)
BEFORE_224 = dt.datetime(2026, 6, 30, 9, 30, tzinfo=VN_TZ)
BASE = "https://sokhcn.example.gov.vn"
# Every discovery source read: a missing section is then strong evidence (presence rules may fail).
ALL_READ = {"menus": "read", "sitemap_page": "read", "sitemap_xml": "read"}
MENUS_ONLY = {"menus": "read", "sitemap_page": "absent", "sitemap_xml": "absent"}


def day(days_ago: int, now: dt.datetime = NOW) -> dt.date:
    return now.date() - dt.timedelta(days=days_ago)


def items(*ages: int | None, now: dt.datetime = NOW) -> list[ListingItem]:
    """Listing rows in page order; ``None`` is an undated row."""
    out = []
    for n, age in enumerate(ages):
        date = day(age, now) if age is not None else None
        out.append(ListingItem(
            title=f"Văn bản số {n + 1}", url=f"{BASE}/item/{n + 1}", date=date,
            date_text=date.strftime("%d/%m/%Y") if date else None, date_source="listing" if date else None,
        ))
    return out


def section(kind: str, *, state: str | None = None, rows: list[ListingItem] | None = None, url: str | None = None,
            error_class: str | None = None, label: str | None = None, via: str = "menu") -> SectionSnapshot:
    if state is None:
        state = ("found" if rows else "empty") if kind in LISTING_KINDS else "page"
    url = url or f"{BASE}/{kind}"
    return SectionSnapshot(kind=kind, label=label or kind.replace("_", " ").title(), url=url,
                           via=via, state=state, items=rows or [], error_class=error_class, pages=[url])


def page(url: str, role: str, *, kind: str | None = None, status: int | None = 200, error_class: str | None = None,
         facts: dict[str, Any] | None = None, now: dt.datetime = NOW) -> PageFetch:
    """A fetched page with its recorded facts (docs/facts.md)."""
    return PageFetch(url=url, role=role, kind=kind, final_url=url, status=status, error_class=error_class,
                     content_type="text/html; charset=utf-8", fetched_at=now.isoformat(), facts=facts or {})


def snapshot(*sections: SectionSnapshot, home_status: int | None = 200, home_error: str | None = None,
             candidates: list[SectionCandidate] | None = None, now: dt.datetime = NOW,
             home_facts: dict[str, Any] | None = None, pages: list[PageFetch] | None = None,
             discovery: dict[str, str] | None = None, portal: dict[str, Any] | None = None,
             probes: dict[str, dict[str, Any]] | None = None, url: str = f"{BASE}/") -> PortalSnapshot:
    home = PageFetch(url=url, role="home", final_url=url, status=home_status, error_class=home_error,
                     fetched_at=now.isoformat(), facts=home_facts or {})
    return PortalSnapshot(portal_id="sokhcn", url=url, started_at=now, finished_at=now, home_url=url,
                          name="Sở Khoa học và Công nghệ", pages=[home, *(pages or [])],
                          sections={s.kind: s for s in sections}, candidates=candidates or [],
                          portal=portal or {}, discovery=ALL_READ if discovery is None else discovery,
                          probes=probes or {})


def case(description: str, snap: PortalSnapshot, status: str, *, options: dict[str, Any] | None = None,
         error_class: str | None = None, details: dict[str, Any] | None = None,
         now: dt.datetime = NOW) -> dict[str, Any]:
    expect: dict[str, Any] = {"status": status}
    if error_class is not None:
        expect["error_class"] = error_class
    if details:
        expect["details"] = details
    data: dict[str, Any] = {"description": description, "now": now.isoformat()}
    if options:
        data["options"] = options
    data["snapshot"] = to_jsonable(snap)
    data["expect"] = expect
    return data
