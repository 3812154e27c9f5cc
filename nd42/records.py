"""Shared records: what a crawl stores and what rules emit.

These plain dataclasses are the contract between the layers: ``crawler/`` builds a
:class:`PortalSnapshot`, ``rules/`` read it and emit :class:`Finding` records, ``reports/``
render both from the store.  Nothing here imports Scrapy, and everything round-trips through
JSON (``to_dict`` / ``from_dict``) so that rules can run again on stored snapshots.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

# 2: ``portal``, ``discovery`` and ``probes`` on the snapshot, ``meta`` on listing items, page facts
# for the content, layout and function rules (docs/facts.md).  Version-1 snapshots load with those
# fields empty.
SNAPSHOT_SCHEMA = 2

# Kinds of section the crawler looks for.  "Listing" kinds carry dated items (the first four are
# the freshness kinds; the rest are the Law 104/2016 Art. 19 sections); the others are pages whose
# presence and content the rules check.
LISTING_KINDS = ("directive_documents", "party_union", "news", "legal_documents", "legal_dissemination", "plans",
                 "investment", "budget", "statistics", "science", "consultation")
PAGE_KINDS = ("procedures", "qa", "introduction", "organisation", "leaders", "contacts", "sitemap",
              "access_to_information")
SECTION_KINDS = LISTING_KINDS + PAGE_KINDS
# Levels of agency a portal belongs to (the domain pattern depends on it; Decree 224/2026 Art. 11.4).
LEVELS = ("ministry", "province", "department", "district", "commune", "unit")


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 (a status, not a password)
    FAIL = "fail"
    WARN = "warn"
    NOT_DETERMINABLE = "not_determinable"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


class Certainty(StrEnum):
    """How sure the legal basis is, as tagged in the project's legal research note."""

    VERIFIED = "VERIFIED"
    VERIFIED_2ND = "VERIFIED-2nd"
    UNVERIFIED = "UNVERIFIED"


@dataclasses.dataclass(frozen=True)
class LegalRef:
    """A citation: instrument, article, clause, and how certain the basis is."""

    instrument: str  # "Nghị định 42/2022/NĐ-CP"
    article: str  # "Điều 4"
    clause: str = ""  # "khoản 1, điểm a"
    certainty: Certainty = Certainty.UNVERIFIED
    # in_force | repealed | legacy_guidance | provincial
    standing: str = "in_force"
    note_vi: str = ""
    note_en: str = ""

    def label(self) -> str:
        parts = [self.article, self.clause, self.instrument]
        return ", ".join(p for p in parts if p)


@dataclasses.dataclass
class PageFetch:
    """One HTTP exchange of the crawl (or its failure)."""

    url: str
    role: str  # home | sitemap_page | sitemap_xml | robots | listing | article | content
    final_url: str | None = None
    status: int | None = None
    kind: str | None = None  # the section kind the page was fetched for
    elapsed_ms: int | None = None
    size: int | None = None
    content_type: str | None = None
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    error_class: str | None = None  # timeout | dns | tls | refused | reset | http_4xx | waf | robots | ...
    error_message: str | None = None
    fetched_at: str | None = None  # ISO 8601, Asia/Ho_Chi_Minh
    facts: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error_class is None and self.status is not None and 200 <= self.status < 300


@dataclasses.dataclass
class SectionCandidate:
    """A link that looks like a section of a given kind, and where it was seen."""

    kind: str
    label: str
    url: str
    via: str  # menu | dropdown | sidebar | home | body | footer | sitemap_page | sitemap_xml | slug | override
    score: float
    matched: str = ""  # the lexicon phrase that matched


@dataclasses.dataclass
class ListingItem:
    title: str
    url: str | None
    date: dt.date | None = None
    date_text: str | None = None  # the exact text the date was read from
    date_source: str | None = None  # listing | attribute | article | override
    date_url: str | None = None  # page the date was read on (the article, when opened)
    # Labelled fields of the item (documents: issued/posted/effective dates, number, type, issuer,
    # abstract, files; consultations: deadline) from its listing row and its detail page.  Keys and
    # their meaning: docs/facts.md, "ListingItem.meta".
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class SectionSnapshot:
    kind: str
    label: str
    url: str
    via: str
    # found | unreachable (fetch failed) | empty (fetched, no items) | page (non-listing kind)
    state: str = "found"
    pages: list[str] = dataclasses.field(default_factory=list)
    items: list[ListingItem] = dataclasses.field(default_factory=list)
    error_class: str | None = None
    date_order: str | None = None  # DMY | MDY, as decided for the listing
    notes: list[str] = dataclasses.field(default_factory=list)

    def dated_items(self) -> list[ListingItem]:
        return [i for i in self.items if i.date is not None]

    def newest(self) -> ListingItem | None:
        """The newest dated item: the maximum, never the first row (lists carry pinned items)."""
        dated = self.dated_items()
        if not dated:
            return None
        return max(dated, key=lambda i: i.date or dt.date.min)


@dataclasses.dataclass
class PortalSnapshot:
    """Everything the rules may look at, captured once per portal per run."""

    portal_id: str
    url: str
    started_at: dt.datetime  # the crawl clock: timezone-aware, Asia/Ho_Chi_Minh
    finished_at: dt.datetime | None = None
    home_url: str | None = None
    name: str | None = None
    cms: str | None = None
    pages: list[PageFetch] = dataclasses.field(default_factory=list)
    sections: dict[str, SectionSnapshot] = dataclasses.field(default_factory=dict)
    candidates: list[SectionCandidate] = dataclasses.field(default_factory=list)
    crawl: dict[str, Any] = dataclasses.field(default_factory=dict)
    # The portal as configured (registry entry, portal file or CLI): name, agency, level, parent,
    # tags, profile and rule overrides.  Rules read the level and parent from here (docs/facts.md).
    portal: dict[str, Any] = dataclasses.field(default_factory=dict)
    # Which discovery sources were read: menus, sitemap_page, sitemap_xml → read|absent|failed|invalid.
    # A presence rule fails only when every source was read (docs/facts.md, "discovery").
    discovery: dict[str, str] = dataclasses.field(default_factory=dict)
    # Results of active probes: search, english, print (docs/facts.md, "probes").
    probes: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    schema: int = SNAPSHOT_SCHEMA

    def home(self) -> PageFetch | None:
        return next((p for p in self.pages if p.role == "home"), None)

    def pages_where(self, role: str | None = None, kind: str | None = None, ok: bool = True) -> list[PageFetch]:
        """Fetched pages of a role and/or section kind (only successful ones unless ``ok=False``)."""
        return [p for p in self.pages if (role is None or p.role == role) and (kind is None or p.kind == kind)
                and (p.ok or not ok)]

    def reachable(self) -> bool:
        home = self.home()
        return home is not None and home.ok


@dataclasses.dataclass
class Evidence:
    url: str | None = None
    locator: str | None = None
    value: str | None = None
    snippet: str | None = None
    dates: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Finding:
    rule_id: str
    status: Status
    severity: Severity
    area: str  # freshness | content | technical
    title_vi: str
    title_en: str
    message_vi: str
    message_en: str
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    legal_refs: list[LegalRef] = dataclasses.field(default_factory=list)
    details: dict[str, Any] = dataclasses.field(default_factory=dict)
    error_class: str | None = None


# ---------------------------------------------------------------------------------------------
# JSON round trip.  Dates travel as ISO strings; the loaders know which fields hold them.

T = TypeVar("T")


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _build(cls: type[T], data: dict[str, Any]) -> T:
    # Keys a newer or older nd42 stored that this one does not know are left out; the names are
    # cached because a run's reports build a quarter of a million records.
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


def item_from_dict(data: dict[str, Any]) -> ListingItem:
    return _build(ListingItem, {**data, "date": _date(data.get("date"))})


def section_from_dict(data: dict[str, Any]) -> SectionSnapshot:
    items = [item_from_dict(i) for i in data.get("items", [])]
    return _build(SectionSnapshot, {**data, "items": items})


def snapshot_from_dict(data: dict[str, Any]) -> PortalSnapshot:
    started = _datetime(data["started_at"])
    assert started is not None
    return _build(
        PortalSnapshot,
        {
            **data,
            "started_at": started,
            "finished_at": _datetime(data.get("finished_at")),
            "pages": [_build(PageFetch, p) for p in data.get("pages", [])],
            "sections": {k: section_from_dict(v) for k, v in data.get("sections", {}).items()},
            "candidates": [_build(SectionCandidate, c) for c in data.get("candidates", [])],
        },
    )


def legal_ref_from_dict(data: dict[str, Any]) -> LegalRef:
    return _build(LegalRef, {**data, "certainty": Certainty(data.get("certainty", "UNVERIFIED"))})


def finding_from_dict(data: dict[str, Any]) -> Finding:
    return _build(
        Finding,
        {
            **data,
            "status": Status(data["status"]),
            "severity": Severity(data["severity"]),
            "evidence": [_build(Evidence, e) for e in data.get("evidence", [])],
            "legal_refs": [r if isinstance(r, LegalRef) else legal_ref_from_dict(r)
                           for r in data.get("legal_refs", [])],
        },
    )


def findings_from_dicts(rows: Iterable[dict[str, Any]]) -> list[Finding]:
    return [finding_from_dict(r) for r in rows]
