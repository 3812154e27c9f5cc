"""The SQLite store: every run, every portal's snapshot and findings, kept as history.

Each portal's snapshot is stored whole (zlib-compressed JSON) so that rules can run again
without a recrawl; pages, sections, items and findings are also stored as rows for queries and
exports.  Every write of a portal is one transaction, so a killed process never leaves half a
portal behind.  See docs/data-dictionary.md for the tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from nd42 import __version__
from nd42.records import Finding, PortalSnapshot, finding_from_dict, snapshot_from_dict, to_jsonable

SCHEMA_VERSION = 1


class StoreError(Exception):
    """The database cannot be opened or used as asked (a user-facing problem, exit code 2)."""


def default_db_path() -> Path:
    """``$ND42_DB``, else ``$XDG_DATA_HOME/nd42/nd42.sqlite3`` (default ``~/.local/share/nd42/``)."""
    explicit = os.environ.get("ND42_DB")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    path = base / "nd42" / "nd42.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@dataclasses.dataclass(frozen=True)
class RunInfo:
    id: int
    kind: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    profile: str
    tool_version: str
    options: dict[str, Any]


# Forward-only migrations: index i upgrades a database from version i to i + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running',
        profile TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        options_json TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE portal_runs (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        portal_id TEXT NOT NULL,
        url TEXT NOT NULL,
        name TEXT,
        home_url TEXT,
        cms TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        reachable INTEGER NOT NULL,
        pages_fetched INTEGER NOT NULL,
        score REAL,
        snapshot BLOB NOT NULL,
        UNIQUE (run_id, portal_id)
    );
    CREATE INDEX portal_runs_portal ON portal_runs (portal_id, run_id);
    CREATE TABLE pages (
        portal_run_id INTEGER NOT NULL REFERENCES portal_runs(id) ON DELETE CASCADE,
        url TEXT NOT NULL, final_url TEXT, role TEXT NOT NULL, kind TEXT, status INTEGER,
        elapsed_ms INTEGER, size INTEGER, content_type TEXT, error_class TEXT
    );
    CREATE INDEX pages_portal_run ON pages (portal_run_id);
    CREATE TABLE sections (
        id INTEGER PRIMARY KEY,
        portal_run_id INTEGER NOT NULL REFERENCES portal_runs(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, label TEXT, url TEXT, via TEXT, state TEXT NOT NULL,
        item_count INTEGER NOT NULL, dated_count INTEGER NOT NULL,
        newest_date TEXT, newest_url TEXT, error_class TEXT, date_order TEXT
    );
    CREATE INDEX sections_portal_run ON sections (portal_run_id);
    CREATE TABLE items (
        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
        title TEXT, url TEXT, date TEXT, date_text TEXT, date_source TEXT, date_url TEXT
    );
    CREATE INDEX items_section ON items (section_id);
    CREATE TABLE findings (
        portal_run_id INTEGER NOT NULL REFERENCES portal_runs(id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, area TEXT NOT NULL,
        title_vi TEXT, title_en TEXT, message_vi TEXT, message_en TEXT, error_class TEXT,
        evidence_json TEXT NOT NULL, legal_refs_json TEXT NOT NULL, details_json TEXT NOT NULL
    );
    CREATE INDEX findings_portal_run ON findings (portal_run_id);
    CREATE INDEX findings_rule ON findings (rule_id);
    """,
]


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _dt(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _json(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)


class Store:
    """One SQLite database of runs.  Use as a context manager."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.parent.is_dir():
            raise StoreError(f"--db {self.path}: thư mục không tồn tại / directory does not exist")
        try:
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE … COMMIT) in _tx().
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=30000")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"--db {self.path}: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    class _Tx:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> sqlite3.Connection:
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                     tb: TracebackType | None) -> None:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")

    def _tx(self) -> Store._Tx:
        return Store._Tx(self.db)

    def _migrate(self) -> None:
        has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        version = 0
        if has_meta:
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this nd42 ({SCHEMA_VERSION})")
        for target in range(version, SCHEMA_VERSION):
            with self._tx() as db:
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                           (str(target + 1),))

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    # ------------------------------------------------------------------ runs
    def begin_run(self, kind: str, started_at: dt.datetime, profile: str, options: dict[str, Any]) -> int:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO runs (kind, started_at, status, profile, tool_version, options_json) "
                "VALUES (?, ?, 'running', ?, ?, ?)",
                (kind, started_at.isoformat(), profile, __version__, _json(options)),
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str = "complete", finished_at: dt.datetime | None = None) -> None:
        with self._tx() as db:
            db.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
                       (status, _iso(finished_at) or dt.datetime.now(dt.UTC).isoformat(), run_id))

    def _run(self, row: tuple[Any, ...]) -> RunInfo:
        started = _dt(row[2])
        assert started is not None
        return RunInfo(int(row[0]), row[1], started, _dt(row[3]), row[4], row[5], row[6], json.loads(row[7]))

    def runs(self, limit: int | None = None) -> list[RunInfo]:
        sql = "SELECT id, kind, started_at, finished_at, status, profile, tool_version, options_json FROM runs " \
              "ORDER BY id DESC"
        rows = self.db.execute(sql + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
        return [self._run(r) for r in rows]

    def latest_run(self, kind: str | None = None, complete_only: bool = True) -> RunInfo | None:
        for run in self.runs():
            if (kind is None or run.kind == kind) and (not complete_only or run.status == "complete"):
                return run
        return None

    # ------------------------------------------------------------------ portals
    def save_portal(self, run_id: int, snapshot: PortalSnapshot, findings: list[Finding], score: float | None) -> int:
        """Store one portal of a run (replacing an earlier save of the same portal), atomically."""
        blob = zlib.compress(_json(snapshot).encode("utf-8"), 6)
        with self._tx() as db:
            db.execute("DELETE FROM portal_runs WHERE run_id = ? AND portal_id = ?", (run_id, snapshot.portal_id))
            cur = db.execute(
                "INSERT INTO portal_runs (run_id, portal_id, url, name, home_url, cms, started_at, finished_at, "
                "reachable, pages_fetched, score, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, snapshot.portal_id, snapshot.url, snapshot.name, snapshot.home_url, snapshot.cms,
                 snapshot.started_at.isoformat(), _iso(snapshot.finished_at), int(snapshot.reachable()),
                 len(snapshot.pages), score, blob),
            )
            portal_run_id = int(cur.lastrowid or 0)
            db.executemany(
                "INSERT INTO pages (portal_run_id, url, final_url, role, kind, status, elapsed_ms, size, "
                "content_type, error_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(portal_run_id, p.url, p.final_url, p.role, p.kind, p.status, p.elapsed_ms, p.size, p.content_type,
                  p.error_class) for p in snapshot.pages],
            )
            for section in snapshot.sections.values():
                newest = section.newest()
                cur = db.execute(
                    "INSERT INTO sections (portal_run_id, kind, label, url, via, state, item_count, dated_count, "
                    "newest_date, newest_url, error_class, date_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (portal_run_id, section.kind, section.label, section.url, section.via, section.state,
                     len(section.items), len(section.dated_items()),
                     newest.date.isoformat() if newest and newest.date else None, newest.url if newest else None,
                     section.error_class, section.date_order),
                )
                section_id = int(cur.lastrowid or 0)
                db.executemany(
                    "INSERT INTO items (section_id, title, url, date, date_text, date_source, date_url) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(section_id, i.title, i.url, i.date.isoformat() if i.date else None, i.date_text, i.date_source,
                      i.date_url) for i in section.items],
                )
            self._insert_findings(db, portal_run_id, findings)
        return portal_run_id

    @staticmethod
    def _insert_findings(db: sqlite3.Connection, portal_run_id: int, findings: list[Finding]) -> None:
        db.executemany(
            "INSERT INTO findings (portal_run_id, rule_id, status, severity, area, title_vi, title_en, message_vi, "
            "message_en, error_class, evidence_json, legal_refs_json, details_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(portal_run_id, f.rule_id, f.status.value, f.severity.value, f.area, f.title_vi, f.title_en,
              f.message_vi, f.message_en, f.error_class, _json(f.evidence), _json(f.legal_refs), _json(f.details))
             for f in findings],
        )

    def _portal_run_id(self, run_id: int, portal_id: str) -> int:
        row = self.db.execute("SELECT id FROM portal_runs WHERE run_id = ? AND portal_id = ?",
                              (run_id, portal_id)).fetchone()
        if row is None:
            raise StoreError(f"run {run_id} has no portal {portal_id!r}")
        return int(row[0])

    def replace_findings(self, run_id: int, portal_id: str, findings: list[Finding], score: float | None) -> None:
        """New findings for a stored snapshot (rules re-run without a recrawl)."""
        portal_run_id = self._portal_run_id(run_id, portal_id)
        with self._tx() as db:
            db.execute("DELETE FROM findings WHERE portal_run_id = ?", (portal_run_id,))
            db.execute("UPDATE portal_runs SET score = ? WHERE id = ?", (score, portal_run_id))
            self._insert_findings(db, portal_run_id, findings)

    def portal_ids(self, run_id: int) -> list[str]:
        rows = self.db.execute("SELECT portal_id FROM portal_runs WHERE run_id = ? ORDER BY portal_id", (run_id,))
        return [r[0] for r in rows]

    def load_snapshot(self, run_id: int, portal_id: str) -> PortalSnapshot:
        row = self.db.execute("SELECT snapshot FROM portal_runs WHERE run_id = ? AND portal_id = ?",
                              (run_id, portal_id)).fetchone()
        if row is None:
            raise StoreError(f"run {run_id} has no portal {portal_id!r}")
        return snapshot_from_dict(json.loads(zlib.decompress(row[0]).decode("utf-8")))

    def load_findings(self, run_id: int, portal_id: str) -> list[Finding]:
        portal_run_id = self._portal_run_id(run_id, portal_id)
        rows = self.db.execute(
            "SELECT rule_id, status, severity, area, title_vi, title_en, message_vi, message_en, error_class, "
            "evidence_json, legal_refs_json, details_json FROM findings WHERE portal_run_id = ? ORDER BY rowid",
            (portal_run_id,))
        return [finding_from_dict({
            "rule_id": r[0], "status": r[1], "severity": r[2], "area": r[3], "title_vi": r[4], "title_en": r[5],
            "message_vi": r[6], "message_en": r[7], "error_class": r[8], "evidence": json.loads(r[9]),
            "legal_refs": json.loads(r[10]), "details": json.loads(r[11]),
        }) for r in rows]

    def iter_portal_rows(self, run_id: int) -> Iterator[tuple[str, float | None]]:
        yield from self.db.execute("SELECT portal_id, score FROM portal_runs WHERE run_id = ? ORDER BY portal_id",
                                   (run_id,))

    def integrity_ok(self) -> bool:
        return bool(self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
