"""The JSON document of one portal's run: schema ``nd42.check/1`` (see docs/json-schema.md).

Additive changes keep ``/1``; removing or renaming a field bumps the version.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nd42 import __version__
from nd42.records import Finding, PortalSnapshot, SectionSnapshot, to_jsonable

SCHEMA_ID = "nd42.check/1"


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
        "pages": list(section.pages),
        "notes": list(section.notes),
        "newest": None if newest is None else {
            "date": newest.date.isoformat() if newest.date else None,
            "title": newest.title,
            "url": newest.url,
            "date_text": newest.date_text,
            "date_url": newest.date_url,
        },
        "items": [to_jsonable(i) for i in section.items],
    }


def portal_document(run: dict[str, Any], snapshot: PortalSnapshot, findings: list[Finding], score: dict[str, Any],
                    profile: dict[str, Any]) -> dict[str, Any]:
    """Everything one check found, in a stable, documented shape."""
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": "nd42", "version": __version__},
        "run": {
            "id": run.get("id"),
            "kind": run.get("kind"),
            "started_at": to_jsonable(run.get("started_at")),
            "finished_at": to_jsonable(run.get("finished_at")),
            "status": run.get("status"),
            "profile": {"id": profile.get("id"), "title_vi": profile.get("title_vi"),
                        "title_en": profile.get("title_en")},
        },
        "portal": {
            "id": snapshot.portal_id,
            "url": snapshot.url,
            "home_url": snapshot.home_url,
            "name": snapshot.name,
            "cms": snapshot.cms,
            "reachable": snapshot.reachable(),
        },
        "crawl": to_jsonable(snapshot.crawl),
        "pages": [
            {k: getattr(p, k) for k in ("url", "final_url", "role", "kind", "status", "elapsed_ms", "size",
                                          "content_type", "error_class")}
            for p in snapshot.pages
        ],
        "sections": [_section(s) for s in snapshot.sections.values()],
        "findings": [to_jsonable(f) for f in findings],
        "summary": to_jsonable(score),
    }


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
