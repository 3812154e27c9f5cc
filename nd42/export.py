"""Exports of the store: runs, a run's portals, findings or changes, as CSV or JSON (``nd42.export/1``).

docs/export-schema.md documents every column.  CSV is UTF-8 with a byte-order mark, so Excel
opens Vietnamese intact; JSON rows carry the same keys as the CSV header, with native types.  The
same store and run always give the same bytes (no wall-clock time is written).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from nd42 import __version__
from nd42.history import BUCKETS, RunChanges, run_changes
from nd42.store import STATUSES, RunInfo, Store

SCHEMA_ID = "nd42.export/1"
WHATS = ("runs", "portals", "findings", "changes")
FORMATS = ("csv", "json")
LIST_SEPARATOR = "; "  # citation labels contain commas
# A text cell starting with one of these is a formula to Excel or LibreOffice (CSV injection): portal
# text is untrusted.  Spreadsheets skip leading blanks and controls before they look (``"  =1+1"`` is
# evaluated), so the test is made after them; a tab or carriage return at the start is neutralised
# whatever follows.  Numbers (int, float) are written as they are: ``-3`` stays a number.
_FORMULA = re.compile(r"[\t\r]|[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff]*[=+\-@]")

RUN_COLUMNS = ("run_id", "kind", "status", "started_at", "finished_at", "profile", "tool_version",
               "registry_digest", "portals", "portals_reachable", "pages_fetched", "score_mean", "score_min",
               "score_max", "findings_fail")
PORTAL_COLUMNS = ("run_id", "run_started_at", "portal_id", "name", "agency", "level", "tags", "url", "home_url",
                  "cms", "profile", "reachable", "pages_fetched", "duration_s", "score",
                  *(f"count_{s}" for s in STATUSES), *BUCKETS)
FINDING_COLUMNS = ("run_id", "run_started_at", "portal_id", "portal_name", "agency", "level", "rule_id", "status",
                   "severity", "area", "title_vi", "title_en", "message_vi", "message_en", "error_class",
                   "evidence_url", "evidence_urls", "citations", "change")
CHANGE_COLUMNS = ("run_id", "previous_run_id", "portal_id", "portal_name", "agency", "level", "rule_id", "change",
                  "status", "previous_status", "held", "needed", "since_run_id", "severity", "area", "title_vi",
                  "title_en", "message_vi", "message_en", "evidence_url")
COLUMNS = {"runs": RUN_COLUMNS, "portals": PORTAL_COLUMNS, "findings": FINDING_COLUMNS, "changes": CHANGE_COLUMNS}

Row = dict[str, Any]


def _instant(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


# ---------------------------------------------------------------------------------------------- rows
def run_rows(store: Store, until_run: int | None = None) -> Iterator[Row]:
    """Every run (up to ``until_run``), oldest first, with its portals' totals."""
    runs = sorted(store.runs(), key=lambda r: r.id)
    for run in runs:
        if until_run is not None and run.id > until_run:
            break
        portals, reachable, pages, mean, low, high = store.db.execute(
            "SELECT count(*), coalesce(sum(reachable), 0), coalesce(sum(pages_fetched), 0), avg(score), min(score), "
            "max(score) FROM portal_runs WHERE run_id = ?", (run.id,)).fetchone()
        fails = store.db.execute("SELECT count(*) FROM findings f JOIN portal_runs p ON p.id = f.portal_run_id "
                                 "WHERE p.run_id = ? AND f.status = 'fail'", (run.id,)).fetchone()[0]
        yield {"run_id": run.id, "kind": run.kind, "status": run.status, "started_at": _instant(run.started_at),
               "finished_at": _instant(run.finished_at), "profile": run.profile, "tool_version": run.tool_version,
               "registry_digest": run.registry_digest, "portals": int(portals), "portals_reachable": int(reachable),
               "pages_fetched": int(pages), "score_mean": None if mean is None else round(float(mean), 1),
               "score_min": low, "score_max": high, "findings_fail": int(fails)}


def portal_rows(store: Store, run_id: int, changes: RunChanges | None = None) -> Iterator[Row]:
    """The run's portals, by portal id, with their findings per status and their changes."""
    run = store.get_run(run_id)
    for row in store.portal_rows(run_id):
        counts = store.status_counts(row.portal_id, [run_id]).get(run_id, dict.fromkeys(STATUSES, 0))
        change = changes.portals.get(row.portal_id) if changes else None
        yield {"run_id": run_id, "run_started_at": _instant(run.started_at), "portal_id": row.portal_id,
               "name": row.name, "agency": row.agency, "level": row.level, "tags": list(row.tags), "url": row.url,
               "home_url": row.home_url, "cms": row.cms, "profile": row.profile, "reachable": row.reachable,
               "pages_fetched": row.pages_fetched, "duration_s": row.duration_s, "score": row.score,
               **{f"count_{s}": counts[s] for s in STATUSES},
               **{b: len(getattr(change, b)) if change else None for b in BUCKETS}}


def finding_rows(store: Store, run_id: int, changes: RunChanges | None = None) -> Iterator[Row]:
    """The run's findings: portals by id, each portal's findings in the rule engine's order."""
    run = store.get_run(run_id)
    for row in store.portal_rows(run_id):
        change = changes.portals.get(row.portal_id) if changes else None
        for f in store.load_findings(run_id, row.portal_id):
            urls = [e.url for e in f.evidence if e.url]
            listed = change.rules.get(f.rule_id) if change else None
            yield {"run_id": run_id, "run_started_at": _instant(run.started_at), "portal_id": row.portal_id,
                   "portal_name": row.name, "agency": row.agency, "level": row.level, "rule_id": f.rule_id,
                   "status": str(f.status), "severity": str(f.severity), "area": f.area, "title_vi": f.title_vi,
                   "title_en": f.title_en, "message_vi": f.message_vi, "message_en": f.message_en,
                   "error_class": f.error_class, "evidence_url": urls[0] if urls else None,
                   "evidence_urls": urls, "citations": [r.label() for r in f.legal_refs],
                   "change": listed.change if listed else None}


def change_rows(changes: RunChanges) -> Iterator[Row]:
    """Every rule a history bucket lists, by portal id then rule id (rules that did not run included)."""
    for c in changes.changes():
        portal = changes.portals[c.portal_id]
        yield {"run_id": changes.run_id, "previous_run_id": changes.previous_run_id, "portal_id": c.portal_id,
               "portal_name": portal.name, "agency": portal.agency, "level": portal.level, "rule_id": c.rule_id,
               "change": c.change, "status": c.status, "previous_status": c.previous_status, "held": c.held,
               "needed": c.needed, "since_run_id": c.since_run_id, "severity": c.severity or None,
               "area": c.area or None, "title_vi": c.title_vi, "title_en": c.title_en, "message_vi": c.message_vi,
               "message_en": c.message_en, "evidence_url": c.evidence_url}


def _history_object(changes: RunChanges) -> dict[str, Any]:
    return {"previous_run_id": changes.previous_run_id, "compared_run_ids": list(changes.compared_run_ids),
            "counts": changes.counts(), "portals_added": list(changes.portals_added),
            "portals_removed": list(changes.portals_removed), "registry_changed": changes.registry_changed,
            "registry_portals_changed": list(changes.registry_portals_changed),
            "registry_digest": changes.registry_digest, "previous_registry_digest": changes.previous_registry_digest,
            "tool_version": changes.tool_version, "previous_tool_version": changes.previous_tool_version}


# ---------------------------------------------------------------------------------------------- formats
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if is_formula(text) else text


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (it then gets a leading apostrophe)."""
    return _FORMULA.match(text) is not None


def csv_text(columns: Sequence[str], rows: Iterator[Row]) -> str:
    """CSV with a header row, CRLF line ends (RFC 4180, what Excel writes), no BOM (added on writing)."""
    return "".join(csv_chunks(columns, rows))


def csv_chunks(columns: Sequence[str], rows: Iterator[Row], lines: int = 256) -> Iterator[str]:
    """:func:`csv_text` in pieces of ``lines`` rows, so that a fleet's findings are never held whole."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for n, row in enumerate(rows, 1):
        writer.writerow([_cell(row[c]) for c in columns])
        if n % lines == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _run_object(run: RunInfo | None) -> dict[str, Any] | None:
    if run is None:
        return None
    return {"id": run.id, "kind": run.kind, "status": run.status, "started_at": _instant(run.started_at),
            "finished_at": _instant(run.finished_at), "profile": run.profile, "tool_version": run.tool_version,
            "registry_digest": run.registry_digest}


def json_head(what: str, columns: Sequence[str], run: RunInfo | None, flap_k: int | None,
              changes: RunChanges | None = None) -> dict[str, Any]:
    """The JSON document without its ``rows`` (they come last, written one by one)."""
    document: dict[str, Any] = {"schema": SCHEMA_ID, "tool": {"name": "nd42", "version": __version__}, "what": what,
                                "run": _run_object(run), "flap_k": flap_k}
    if what == "changes" and changes is not None:
        document["history"] = _history_object(changes)
    document["columns"] = list(columns)
    return document


def json_document(what: str, columns: Sequence[str], rows: Iterator[Row], run: RunInfo | None,
                  flap_k: int | None, changes: RunChanges | None = None) -> dict[str, Any]:
    document = json_head(what, columns, run, flap_k, changes)
    document["rows"] = [{c: row[c] for c in columns} for row in rows]
    return document


def json_chunks(head: dict[str, Any], columns: Sequence[str], rows: Iterator[Row]) -> Iterator[str]:
    """The same text as ``json.dumps({**head, "rows": [...]}, ensure_ascii=False, indent=2) + "\\n"``,
    a row at a time: the head is dumped around an empty ``rows`` list and each row, dumped on its own,
    is indented to the depth it has inside the list (JSON escapes newlines in strings, so a row's own
    lines are exactly the lines of its dump)."""
    text = json.dumps({**head, "rows": []}, ensure_ascii=False, indent=2)
    tail = '"rows": []\n}'
    if not text.endswith(tail):  # rows is the last key: anything else is a change to json_head
        raise AssertionError("export JSON: 'rows' must come last")
    first = True
    for row in rows:
        body = json.dumps({c: row[c] for c in columns}, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        if first:
            yield text[: -len(tail)] + '"rows": [\n    ' + body
            first = False
        else:
            yield ",\n    " + body
    yield text + "\n" if first else "\n  ]\n}\n"


def render(store: Store, what: str, fmt: str, run_id: int | None, *, flap_k: int = 2,
           changes: RunChanges | None = None) -> bytes:
    """One export as bytes: ``what`` of run ``run_id`` (for ``runs``: every run up to it; None: all)."""
    return b"".join(render_chunks(store, what, fmt, run_id, flap_k=flap_k, changes=changes))


def render_chunks(store: Store, what: str, fmt: str, run_id: int | None, *, flap_k: int = 2,
                  changes: RunChanges | None = None) -> Iterator[bytes]:
    """:func:`render` as a stream of UTF-8 pieces: the store is read as they are written, so exporting
    a thousand portals' findings holds a few hundred rows at a time, not the whole table.  Arguments
    are checked before the first piece (the caller has not opened its file yet)."""
    if what not in WHATS or fmt not in FORMATS:
        raise ValueError(f"export {what!r} as {fmt!r}: expected one of {WHATS} as one of {FORMATS}")
    run = store.get_run(run_id) if run_id is not None else None
    rows: Iterator[Row]
    if what == "runs":
        rows, k = run_rows(store, run_id), None
    else:
        if run_id is None:
            raise ValueError(f"exporting {what} needs a run")
        changes = changes or run_changes(store, run_id, flap_k=flap_k)
        k = changes.flap_k
        if what == "portals":
            rows = portal_rows(store, run_id, changes)
        elif what == "findings":
            rows = finding_rows(store, run_id, changes)
        else:
            rows = change_rows(changes)
    columns = COLUMNS[what]
    if fmt == "csv":
        pieces = csv_chunks(columns, rows)
        first = "\ufeff"
    else:
        pieces = json_chunks(json_head(what, columns, run if what != "runs" else None, k, changes), columns, rows)
        first = ""
    return _encoded(first, pieces)


def _encoded(first: str, pieces: Iterator[str]) -> Iterator[bytes]:
    yield first.encode("utf-8")
    for piece in pieces:
        yield piece.encode("utf-8")


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """A regular file is replaced whole (never left half-written); anything else (a pipe) is written through.

    ``data``: the bytes, or an iterable of pieces written as they come (:func:`render_chunks`)."""
    pieces = (data,) if isinstance(data, bytes) else data
    if path.exists() and not path.is_file():
        with path.open("wb") as out:
            for piece in pieces:
                out.write(piece)
        return
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temp.open("wb") as out:
            for piece in pieces:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)


def write_exports(store: Store, run_id: int, folder: Path | str, *, flap_k: int = 2,
                  changes: RunChanges | None = None) -> list[Path]:
    """The nightly's ``exports/``: runs, portals, findings and changes of the run, each as CSV and JSON.

    ``changes``: the run's :func:`run_changes` when the caller already has them (computed once).
    Returns the files written, in a stable order.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    changes = changes or run_changes(store, run_id, flap_k=flap_k)
    written = []
    for what in WHATS:
        for fmt in FORMATS:
            path = target / f"{what}.{fmt}"
            write_atomic(path, render_chunks(store, what, fmt, run_id, flap_k=flap_k, changes=changes))
            written.append(path)
    return written

