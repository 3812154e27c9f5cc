"""The JSON document of one portal's run: schema ``nd42.check/1`` (see docs/json-schema.md).

The shape is written out field by field here, not derived from the records' dataclasses, so that
a change in ``nd42.records`` never changes the document by accident.  Additive changes keep
``/1``; removing, renaming or changing the meaning of a field bumps the version.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nd42 import __version__
from nd42.records import (
    SECTION_KINDS,
    Evidence,
    Finding,
    LegalRef,
    ListingItem,
    PageFetch,
    PortalSnapshot,
    SectionSnapshot,
    to_jsonable,
)
from nd42.store import RunInfo

SCHEMA_ID = "nd42.check/1"


def _sorted_keys(value: Any) -> Any:
    """Open-ended maps (crawl facts, rule details) are emitted with sorted keys, recursively."""
    if isinstance(value, dict):
        return {k: _sorted_keys(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(v) for v in value]
    return value


def _run(run: RunInfo | Mapping[str, Any], profile: Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(run, RunInfo):
        fields: Mapping[str, Any] = {"id": run.id, "kind": run.kind, "started_at": run.started_at,
                                     "finished_at": run.finished_at, "status": run.status, "profile": run.profile,
                                     "tool_version": run.tool_version}
    else:
        fields = run
    return {
        "id": fields.get("id"),
        "kind": fields.get("kind"),
        "started_at": to_jsonable(fields.get("started_at")),
        "finished_at": to_jsonable(fields.get("finished_at")),
        "status": fields.get("status"),
        "tool_version": fields.get("tool_version"),
        "profile": {
            "id": profile.get("id") or fields.get("profile"),
            "title_vi": profile.get("title_vi"),
            "title_en": profile.get("title_en"),
            "notes_vi": list(profile.get("notes_vi") or []),
            "notes_en": list(profile.get("notes_en") or []),
            "extends": profile.get("extends"),
            "successor": profile.get("successor"),
        },
    }


def _portal(snapshot: PortalSnapshot) -> dict[str, Any]:
    return {
        "id": snapshot.portal_id,
        "url": snapshot.url,
        "home_url": snapshot.home_url,
        "name": snapshot.name,
        "cms": snapshot.cms,
        "reachable": snapshot.reachable(),
        "started_at": to_jsonable(snapshot.started_at),
        "finished_at": to_jsonable(snapshot.finished_at),
    }


def _page(page: PageFetch) -> dict[str, Any]:
    return {
        "url": page.url,
        "final_url": page.final_url,
        "role": page.role,
        "kind": page.kind,
        "status": page.status,
        "elapsed_ms": page.elapsed_ms,
        "size": page.size,
        "content_type": page.content_type,
        "error_class": page.error_class,
        "error_message": page.error_message,
        "fetched_at": page.fetched_at,
    }


def _item(item: ListingItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "url": item.url,
        "date": to_jsonable(item.date),
        "date_text": item.date_text,
        "date_source": item.date_source,
        "date_url": item.date_url,
    }


def _section(section: SectionSnapshot) -> dict[str, Any]:
    newest = section.newest()
    return {
        "kind": section.kind,
        "label": section.label,
        "url": section.url,
        "via": section.via,
        "state": section.state,
        "error_class": section.error_class,
        "date_order": section.date_order,
        "item_count": len(section.items),
        "dated_count": len(section.dated_items()),
        "pages": list(section.pages),
        "notes": list(section.notes),
        "newest": None if newest is None else {
            "date": to_jsonable(newest.date),
            "title": newest.title,
            "url": newest.url,
            "date_text": newest.date_text,
            "date_url": newest.date_url,
        },
        "items": [_item(i) for i in section.items],
    }


def _section_order(section: SectionSnapshot) -> tuple[int, str]:
    """The canonical order of SECTION_KINDS (not crawl order), unknown kinds last by name."""
    rank = SECTION_KINDS.index(section.kind) if section.kind in SECTION_KINDS else len(SECTION_KINDS)
    return rank, section.kind


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "url": evidence.url,
        "locator": evidence.locator,
        "value": evidence.value,
        "snippet": evidence.snippet,
        "dates": list(evidence.dates),
    }


def _legal_ref(ref: LegalRef) -> dict[str, Any]:
    return {
        "instrument": ref.instrument,
        "article": ref.article,
        "clause": ref.clause,
        "label": ref.label(),
        "certainty": str(ref.certainty),
        "standing": ref.standing,
        "note_vi": ref.note_vi,
        "note_en": ref.note_en,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "status": str(finding.status),
        "severity": str(finding.severity),
        "area": finding.area,
        "title_vi": finding.title_vi,
        "title_en": finding.title_en,
        "message_vi": finding.message_vi,
        "message_en": finding.message_en,
        "error_class": finding.error_class,
        "evidence": [_evidence(e) for e in finding.evidence],
        "legal_refs": [_legal_ref(r) for r in finding.legal_refs],
        "details": _sorted_keys(to_jsonable(finding.details)),
    }


def portal_document(run: RunInfo | Mapping[str, Any], snapshot: PortalSnapshot, findings: list[Finding],
                    score: Mapping[str, Any], profile: Mapping[str, Any]) -> dict[str, Any]:
    """Everything one check of one portal found, in the stable, documented ``nd42.check/1`` shape.

    ``run``: a stored :class:`RunInfo`, or a dict with the same keys (``id``, ``kind``, ``started_at``,
    ``finished_at``, ``status``, ``profile``, ``tool_version``).  ``score``: the dict of
    ``rules.scoring.score``.  ``profile``: ``id``, ``title_vi``, ``title_en`` (``notes_vi``/``notes_en``
    optional).  The same inputs always give the same document, key order included.
    """
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": "nd42", "version": __version__},
        "run": _run(run, profile),
        "portal": _portal(snapshot),
        "crawl": _sorted_keys(to_jsonable(snapshot.crawl)),
        "pages": [_page(p) for p in snapshot.pages],
        "sections": [_section(s) for s in sorted(snapshot.sections.values(), key=_section_order)],
        "findings": [_finding(f) for f in findings],
        "summary": to_jsonable(dict(score)),
    }


def dumps(document: Mapping[str, Any]) -> str:
    """The document as text: UTF-8 friendly (no ``\\u`` escapes), indented by 2, newline-terminated."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_json(path: Path | str, document: Mapping[str, Any]) -> None:
    """Write the document in UTF-8; a regular file is replaced atomically (never left half-written)."""
    target = Path(path)
    text = dumps(document)
    if target.exists() and not target.is_file():  # /dev/stdout, a pipe: write through
        with target.open("w", encoding="utf-8") as out:
            out.write(text)
        return
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        temp.replace(target)
    finally:
        temp.unlink(missing_ok=True)
