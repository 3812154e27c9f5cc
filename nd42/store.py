"""The SQLite store: every run, every portal's snapshot and findings, kept as history.

Each portal's snapshot is stored whole (zlib-compressed JSON of ``to_jsonable(snapshot)``): it is
the source of truth, so rules can run again without a recrawl.  Pages, sections, items and
findings are also stored as rows, for queries, history and exports.  Every write is one
transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), so a killed process leaves whole portals or none.

The schema has an explicit version (``meta.schema_version``) and forward-only migrations that
run when a database is opened.  See docs/data-dictionary.md for every table and column.

The query helpers at the end (runs of a kind, a run's portals, one portal's rule statuses over
runs) are what history, exports and the dashboard read; they never write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from nd42 import __version__
from nd42.clock import VN_TZ, in_vietnam
from nd42.records import (
    Finding,
    LegalRef,
    PortalSnapshot,
    Status,
    finding_from_dict,
    legal_ref_from_dict,
    snapshot_from_dict,
    to_jsonable,
)

SCHEMA_VERSION = 3

RUN_KINDS = ("check", "nightly", "recheck")
RUN_STATUSES = ("running", "complete", "incomplete")
STATUSES = tuple(s.value for s in Status)  # status_counts keys them all

BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """The database cannot be opened or used as asked (a user-facing problem, exit code 2)."""


def default_db_path(*, create_dir: bool = True) -> Path:
    """``$ND42_DB`` if set, else ``$XDG_DATA_HOME/nd42/nd42.sqlite3`` (XDG default ``~/.local/share``).

    An explicit ``$ND42_DB`` is taken as given: its directory must exist (``Store`` says so if it
    does not).  The default location is nd42's own, so its ``nd42/`` directory is created (mode
    0700, as the XDG spec asks) unless ``create_dir`` is false.
    """
    explicit = os.environ.get("ND42_DB")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec: a relative path in $XDG_DATA_HOME is invalid and must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    path = base / "nd42" / "nd42.sqlite3"
    if create_dir:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: không tạo được thư mục / cannot create the directory: {exc}") from exc
    return path


@dataclasses.dataclass(frozen=True)
class RunInfo:
    """One row of ``runs``."""

    id: int
    kind: str  # check | nightly | recheck
    started_at: dt.datetime  # the run's crawl clock, Asia/Ho_Chi_Minh
    finished_at: dt.datetime | None
    status: str  # running | complete | incomplete
    profile: str
    tool_version: str
    options: dict[str, Any] = dataclasses.field(default_factory=dict, hash=False)
    # SHA-256 of the portal registry the run was begun from (nightly runs; None otherwise).
    registry_digest: str | None = None


@dataclasses.dataclass(frozen=True)
class PortalRow:
    """One row of ``portal_runs`` without the snapshot blob: what lists, filters and exports need."""

    run_id: int
    portal_id: str
    url: str
    name: str | None
    agency: str | None
    level: str | None
    tags: tuple[str, ...]
    profile: str | None
    home_url: str | None
    cms: str | None
    started_at: dt.datetime
    finished_at: dt.datetime | None
    duration_s: float | None
    reachable: bool
    pages_fetched: int
    score: float | None
    config_digest: str | None


# ---------------------------------------------------------------------------------------------
# Forward-only migrations: MIGRATIONS[i] upgrades a database from version i to i + 1, in one
# transaction.  A released step is never edited; a change of schema is a new step at the end.
# Statements are listed one by one (no executescript: it would commit the transaction).

_V1: tuple[str, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running',
        profile TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        options_json TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE portal_runs (
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
    )""",
    "CREATE INDEX portal_runs_portal ON portal_runs (portal_id, run_id)",
    """CREATE TABLE pages (
        portal_run_id INTEGER NOT NULL REFERENCES portal_runs(id) ON DELETE CASCADE,
        url TEXT NOT NULL, final_url TEXT, role TEXT NOT NULL, kind TEXT, status INTEGER,
        elapsed_ms INTEGER, size INTEGER, content_type TEXT, error_class TEXT
    )""",
    "CREATE INDEX pages_portal_run ON pages (portal_run_id)",
    """CREATE TABLE sections (
        id INTEGER PRIMARY KEY,
        portal_run_id INTEGER NOT NULL REFERENCES portal_runs(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, label TEXT, url TEXT, via TEXT, state TEXT NOT NULL,
        item_count INTEGER NOT NULL, dated_count INTEGER NOT NULL,
        newest_date TEXT, newest_url TEXT, error_class TEXT, date_order TEXT
    )""",
    "CREATE INDEX sections_portal_run ON sections (portal_run_id)",
    """CREATE TABLE items (
        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
        title TEXT, url TEXT, date TEXT, date_text TEXT, date_source TEXT, date_url TEXT
    )""",
    "CREATE INDEX items_section ON items (section_id)",
    """CREATE TABLE findings (
        portal_run_id INTEGER NOT NULL REFERENCES portal_runs(id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, area TEXT NOT NULL,
        title_vi TEXT, title_en TEXT, message_vi TEXT, message_en TEXT, error_class TEXT,
        evidence_json TEXT NOT NULL, legal_refs_json TEXT NOT NULL, details_json TEXT NOT NULL
    )""",
    "CREATE INDEX findings_portal_run ON findings (portal_run_id)",
    "CREATE INDEX findings_rule ON findings (rule_id)",
)

# v2: stable row order and ids (pages, items and findings get an INTEGER PRIMARY KEY, which VACUUM
# keeps; a bare rowid it may renumber), the page's error message and fetch time, the profile and
# time the findings were evaluated under (a recheck may use another profile), and the indexes the
# history queries (trends, diffs, flap suppression) need.  Child tables only are rebuilt, so the
# foreign keys stay valid throughout.
_V2: tuple[str, ...] = (
    """CREATE TABLE pages_v2 (
        id INTEGER PRIMARY KEY,
        portal_run_id INTEGER NOT NULL REFERENCES portal_runs(id) ON DELETE CASCADE,
        url TEXT NOT NULL, final_url TEXT, role TEXT NOT NULL, kind TEXT, status INTEGER,
        elapsed_ms INTEGER, size INTEGER, content_type TEXT, error_class TEXT,
        error_message TEXT, fetched_at TEXT
    )""",
    """INSERT INTO pages_v2 (portal_run_id, url, final_url, role, kind, status, elapsed_ms, size,
                             content_type, error_class)
       SELECT portal_run_id, url, final_url, role, kind, status, elapsed_ms, size, content_type, error_class
       FROM pages ORDER BY rowid""",
    "DROP TABLE pages",
    "ALTER TABLE pages_v2 RENAME TO pages",
    "CREATE INDEX pages_portal_run ON pages (portal_run_id)",
    """CREATE TABLE items_v2 (
        id INTEGER PRIMARY KEY,
        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
        title TEXT, url TEXT, date TEXT, date_text TEXT, date_source TEXT, date_url TEXT
    )""",
    """INSERT INTO items_v2 (section_id, title, url, date, date_text, date_source, date_url)
       SELECT section_id, title, url, date, date_text, date_source, date_url FROM items ORDER BY rowid""",
    "DROP TABLE items",
    "ALTER TABLE items_v2 RENAME TO items",
    "CREATE INDEX items_section ON items (section_id)",
    """CREATE TABLE findings_v2 (
        id INTEGER PRIMARY KEY,
        portal_run_id INTEGER NOT NULL REFERENCES portal_runs(id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, area TEXT NOT NULL,
        title_vi TEXT, title_en TEXT, message_vi TEXT, message_en TEXT, error_class TEXT,
        evidence_json TEXT NOT NULL, legal_refs_json TEXT NOT NULL, details_json TEXT NOT NULL
    )""",
    """INSERT INTO findings_v2 (portal_run_id, rule_id, status, severity, area, title_vi, title_en, message_vi,
                                message_en, error_class, evidence_json, legal_refs_json, details_json)
       SELECT portal_run_id, rule_id, status, severity, area, title_vi, title_en, message_vi,
              message_en, error_class, evidence_json, legal_refs_json, details_json
       FROM findings ORDER BY rowid""",
    "DROP TABLE findings",
    "ALTER TABLE findings_v2 RENAME TO findings",
    "CREATE INDEX findings_portal_run_rule ON findings (portal_run_id, rule_id)",
    "CREATE INDEX findings_rule_status ON findings (rule_id, status)",
    "ALTER TABLE portal_runs ADD COLUMN profile TEXT",
    "ALTER TABLE portal_runs ADD COLUMN evaluated_at TEXT",
    "UPDATE portal_runs SET profile = (SELECT runs.profile FROM runs WHERE runs.id = portal_runs.run_id)",
    "DROP INDEX sections_portal_run",
    "CREATE UNIQUE INDEX sections_portal_run_kind ON sections (portal_run_id, kind)",
    "CREATE INDEX runs_kind_status ON runs (kind, status, id)",
)



def portal_config_digest(url: str, portal: dict[str, Any]) -> str:
    """SHA-256 of a portal's configuration as the snapshot records it (its URL and ``snapshot.portal``).

    Keys are sorted, so the same entry always gives the same digest; history compares digests
    to tell which registry entries changed between two runs.  Changing this definition makes
    every stored digest differ from new ones: it needs a migration that recomputes them.
    """
    text = json.dumps({"url": url, "portal": to_jsonable(portal)}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _snapshot_duration(data: dict[str, Any]) -> float | None:
    """The crawl's own duration (the spider's clock), else finished − started, else None."""
    crawl = data.get("crawl") or {}
    value = crawl.get("duration_s") if isinstance(crawl, dict) else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    started, finished = _parse_instant(data.get("started_at")), _parse_instant(data.get("finished_at"))
    if started is None or finished is None:
        return None
    return round((finished - started).total_seconds(), 2)


def _portal_columns(url: str, portal: Any, duration_s: float | None) -> tuple[Any, ...]:
    """``agency, level, tags_json, duration_s, config_digest`` from the portal as configured."""
    info: dict[str, Any] = portal if isinstance(portal, dict) else {}
    tags = info.get("tags") or []
    return (info.get("agency") or None, info.get("level") or None,
            _json([str(t) for t in tags] if isinstance(tags, list) else []), duration_s,
            portal_config_digest(url, info))


def _v3_backfill(db: sqlite3.Connection) -> None:
    """v3's new columns for rows written before it, read from each stored snapshot and run options."""
    for run_id, options in db.execute("SELECT id, options_json FROM runs").fetchall():
        try:
            digest = json.loads(options).get("registry_digest")
        except (ValueError, AttributeError):
            digest = None
        if isinstance(digest, str) and digest:
            db.execute("UPDATE runs SET registry_digest = ? WHERE id = ?", (digest, run_id))
    # One blob at a time (ids first): memory stays flat however long the history is.
    for (row_id,) in db.execute("SELECT id FROM portal_runs ORDER BY id").fetchall():
        url, blob = db.execute("SELECT url, snapshot FROM portal_runs WHERE id = ?", (row_id,)).fetchone()
        try:
            data = json.loads(zlib.decompress(blob).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, ValueError):
            continue  # an unreadable snapshot keeps NULLs; load_snapshot reports it when asked
        if not isinstance(data, dict):
            continue
        db.execute("UPDATE portal_runs SET agency = ?, level = ?, tags_json = ?, duration_s = ?, config_digest = ? "
                   "WHERE id = ?", (*_portal_columns(url, data.get("portal"), _snapshot_duration(data)), row_id))


# v3: what nightly history, exports and dashboards filter and compare on, as columns: the registry
# digest of a run (registry changed between two runs?), and per portal run its agency, level,
# tags, crawl duration and configuration digest (which registry entries changed?).  Existing rows
# are filled from their snapshots (the step after the ALTERs is Python: SQL cannot read the blobs).
_V3: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    "ALTER TABLE runs ADD COLUMN registry_digest TEXT",
    "ALTER TABLE portal_runs ADD COLUMN agency TEXT",
    "ALTER TABLE portal_runs ADD COLUMN level TEXT",
    "ALTER TABLE portal_runs ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE portal_runs ADD COLUMN duration_s REAL",
    "ALTER TABLE portal_runs ADD COLUMN config_digest TEXT",
    _v3_backfill,
    "CREATE INDEX portal_runs_run_agency ON portal_runs (run_id, agency)",
)

Step = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: tuple[tuple[Step, ...], ...] = (_V1, _V2, _V3)
assert len(MIGRATIONS) == SCHEMA_VERSION


# ---------------------------------------------------------------------------------------------
def _instant(moment: dt.datetime) -> str:
    """Instants are stored as ISO 8601 in Vietnam time (one offset, so the text sorts by time)."""
    return in_vietnam(moment).isoformat()


def _opt_instant(moment: dt.datetime | None) -> str | None:
    return None if moment is None else _instant(moment)


def _parse_instant(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _now() -> str:
    """Wall-clock time of a write (not the crawl clock; rules never see it)."""
    return dt.datetime.now(VN_TZ).isoformat()


def _json(value: Any) -> str:
    # Key order is kept as given (a snapshot's sections stay in crawl order after a reload).
    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"), default=str)


def _iso_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception (KeyboardInterrupt included)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.store.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # locked past busy_timeout, read-only file, …
            raise StoreError(f"{self.store.path}: {exc}") from exc
        return self.store.db

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        db = self.store.db
        if exc_type is None:
            try:
                db.execute("COMMIT")
                return
            except sqlite3.Error as commit_exc:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise StoreError(f"{self.store.path}: {commit_exc}") from commit_exc
        if db.in_transaction:  # SQLite may already have rolled back (e.g. disk full)
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise StoreError(f"{self.store.path}: {exc}") from exc


class Store:
    """One SQLite database of runs.  Use as a context manager: ``with Store(path) as store: …``.

    A ``Store`` holds one connection and must be used from the thread that opened it.  Several
    processes may open the same file: writes are serialised by SQLite (WAL, ``busy_timeout``).
    """

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        """``create=False`` for commands that only read what a run stored (report, recheck, export): a
        mistyped ``--db`` is an error, not a new empty database left behind."""
        self.path = Path(path)
        self._legal_cache: dict[str, tuple[LegalRef, ...]] = {}  # legal_refs_json → the citations
        if not create and not self.path.exists():
            raise StoreError(f"--db {self.path}: không có cơ sở dữ liệu / no such database")
        if not self.path.parent.is_dir():
            raise StoreError(f"--db {self.path}: thư mục {self.path.parent} không tồn tại / "
                             f"directory {self.path.parent} does not exist")
        if self.path.is_dir():
            raise StoreError(f"--db {self.path}: là một thư mục / is a directory, not a database file")
        try:
            # Autocommit mode: every transaction is explicit (_Transaction).
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise StoreError(f"--db {self.path}: {exc}") from exc
        try:
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self._migrate()
        except (sqlite3.Error, StoreError) as exc:
            self.db.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"--db {self.path}: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _tx(self) -> _Transaction:
        return _Transaction(self)

    # ------------------------------------------------------------------ schema
    def _stored_version(self) -> int:
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
            if self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'").fetchone():
                raise StoreError(f"--db {self.path}: không phải cơ sở dữ liệu nd42 / not an nd42 database")
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(f"--db {self.path}: schema version {version} is newer than this nd42 supports "
                             f"({SCHEMA_VERSION}); upgrade nd42")

    def _migrate(self) -> None:
        version = self._stored_version()
        self._check_version(version)
        if version == SCHEMA_VERSION:
            return  # the common case takes no write lock: readers can open a busy database
        with self._tx() as db:
            version = self._stored_version()  # again, under the lock: another process may have migrated
            self._check_version(version)
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    if isinstance(statement, str):
                        db.execute(statement)
                    else:
                        statement(db)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                       (str(SCHEMA_VERSION),))

    @property
    def schema_version(self) -> int:
        return self._stored_version()

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` says ``ok`` and no row breaks a foreign key."""
        ok = self.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return ok and not self.db.execute("PRAGMA foreign_key_check").fetchall()

    # ------------------------------------------------------------------ runs
    def begin_run(self, kind: str, started_at: dt.datetime, profile: str, options: dict[str, Any],
                  *, registry_digest: str | None = None) -> int:
        """A new run (status ``running``); ``started_at`` is the run's crawl clock.

        ``registry_digest``: the registry's digest (nightly runs); when not given, an
        ``options["registry_digest"]`` string is taken, so either way of passing it is recorded.
        """
        if kind not in RUN_KINDS:
            raise ValueError(f"run kind {kind!r} is not one of {RUN_KINDS}")
        if registry_digest is None and isinstance(options.get("registry_digest"), str):
            registry_digest = options["registry_digest"]
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO runs (kind, started_at, status, profile, tool_version, options_json, registry_digest) "
                "VALUES (?, ?, 'running', ?, ?, ?, ?)",
                (kind, _instant(started_at), profile, __version__, _json(options), registry_digest or None),
            )
            assert cur.lastrowid is not None
            return cur.lastrowid

    def finish_run(self, run_id: int, status: str = "complete", finished_at: dt.datetime | None = None) -> None:
        """Close a run as ``complete`` or ``incomplete``; ``finished_at`` defaults to now."""
        if status not in ("complete", "incomplete"):
            raise ValueError(f"a run finishes as 'complete' or 'incomplete', not {status!r}")
        with self._tx() as db:
            cur = db.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
                             (status, _instant(finished_at) if finished_at else _now(), run_id))
            if cur.rowcount != 1:
                raise StoreError(f"lượt chạy {run_id} không tồn tại / run {run_id} does not exist")

    def abandon_running(self, kind: str | None = "nightly") -> list[int]:
        """Mark runs still ``running`` as ``incomplete``; their ids, oldest first.

        Call it only while holding the lock that keeps runs of ``kind`` from overlapping (the
        nightly lock): then a ``running`` run of that kind is one whose process died.  Runs of
        other kinds (an ``nd42 check`` in another shell) may be alive and are left alone;
        ``kind=None`` abandons every running run.  ``finished_at`` becomes the end of the run's
        last saved portal (the last sign of life, on the run's own clock), else its start.
        """
        with self._tx() as db:
            ids = [int(r[0]) for r in db.execute(
                "SELECT id FROM runs WHERE status = 'running' AND (?1 IS NULL OR kind = ?1) ORDER BY id", (kind,))]
            for run_id in ids:
                db.execute(
                    "UPDATE runs SET status = 'incomplete', finished_at = coalesce("
                    "(SELECT max(coalesce(finished_at, started_at)) FROM portal_runs WHERE run_id = ?1), started_at) "
                    "WHERE id = ?1", (run_id,))
        return ids

    _RUN_COLUMNS = "id, kind, started_at, finished_at, status, profile, tool_version, options_json, registry_digest"

    @staticmethod
    def _run_info(row: tuple[Any, ...]) -> RunInfo:
        started = _parse_instant(row[2])
        assert started is not None
        return RunInfo(int(row[0]), row[1], started, _parse_instant(row[3]), row[4], row[5], row[6],
                       json.loads(row[7]), row[8])

    def runs(self, limit: int | None = None) -> list[RunInfo]:
        """Runs, newest first (by id: the order they were begun, whatever their crawl clock)."""
        rows = self.db.execute(f"SELECT {self._RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT ?",
                               (-1 if limit is None else max(int(limit), 0),))
        return [self._run_info(r) for r in rows]

    def get_run(self, run_id: int) -> RunInfo:
        row = self.db.execute(f"SELECT {self._RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise StoreError(f"lượt chạy {run_id} không tồn tại / run {run_id} does not exist")
        return self._run_info(row)

    def latest_run(self, kind: str | None = None, complete_only: bool = True) -> RunInfo | None:
        """The most recently begun run (of ``kind``, if given); only ``complete`` ones unless told otherwise."""
        row = self.db.execute(
            f"SELECT {self._RUN_COLUMNS} FROM runs WHERE (?1 IS NULL OR kind = ?1) "
            "AND (?2 = 0 OR status = 'complete') ORDER BY id DESC LIMIT 1",
            (kind, int(complete_only)),
        ).fetchone()
        return None if row is None else self._run_info(row)

    # ------------------------------------------------------------------ portals
    def save_portal(self, run_id: int, snapshot: PortalSnapshot, findings: list[Finding], score: float | None,
                    *, profile: str | None = None) -> int:
        """Store one portal of a run, atomically, replacing an earlier save of the same portal.

        ``profile`` is the profile the findings were evaluated under (default: the run's).
        Returns the new ``portal_runs.id`` (a re-save gets a new id; (run_id, portal_id) is the key).
        """
        blob = zlib.compress(_json(snapshot).encode("utf-8"), 6)  # outside the lock
        duration = _snapshot_duration({"crawl": snapshot.crawl, "started_at": _instant(snapshot.started_at),
                                       "finished_at": _opt_instant(snapshot.finished_at)})
        columns = _portal_columns(snapshot.url, snapshot.portal, duration)
        with self._tx() as db:
            run = db.execute("SELECT profile FROM runs WHERE id = ?", (run_id,)).fetchone()
            if run is None:
                raise StoreError(f"lượt chạy {run_id} không tồn tại / run {run_id} does not exist")
            # ON DELETE CASCADE removes the old pages, sections, items and findings.
            db.execute("DELETE FROM portal_runs WHERE run_id = ? AND portal_id = ?", (run_id, snapshot.portal_id))
            cur = db.execute(
                "INSERT INTO portal_runs (run_id, portal_id, url, name, home_url, cms, started_at, finished_at, "
                "reachable, pages_fetched, score, snapshot, profile, evaluated_at, agency, level, tags_json, "
                "duration_s, config_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, snapshot.portal_id, snapshot.url, snapshot.name, snapshot.home_url, snapshot.cms,
                 _instant(snapshot.started_at), _opt_instant(snapshot.finished_at), int(snapshot.reachable()),
                 len(snapshot.pages), score, blob, profile or run[0], _now(), *columns),
            )
            assert cur.lastrowid is not None
            portal_run_id = cur.lastrowid
            self._insert_snapshot_rows(db, portal_run_id, snapshot)
            self._insert_findings(db, portal_run_id, findings)
        return portal_run_id

    @staticmethod
    def _insert_snapshot_rows(db: sqlite3.Connection, portal_run_id: int, snapshot: PortalSnapshot) -> None:
        db.executemany(
            "INSERT INTO pages (portal_run_id, url, final_url, role, kind, status, elapsed_ms, size, "
            "content_type, error_class, error_message, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(portal_run_id, p.url, p.final_url, p.role, p.kind, p.status, p.elapsed_ms, p.size, p.content_type,
              p.error_class, p.error_message, p.fetched_at) for p in snapshot.pages],
        )
        for section in snapshot.sections.values():
            newest = section.newest()
            cur = db.execute(
                "INSERT INTO sections (portal_run_id, kind, label, url, via, state, item_count, dated_count, "
                "newest_date, newest_url, error_class, date_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (portal_run_id, section.kind, section.label, section.url, section.via, section.state,
                 len(section.items), len(section.dated_items()),
                 _iso_date(newest.date) if newest else None, newest.url if newest else None,
                 section.error_class, section.date_order),
            )
            section_id = cur.lastrowid
            db.executemany(
                "INSERT INTO items (section_id, title, url, date, date_text, date_source, date_url) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(section_id, i.title, i.url, _iso_date(i.date), i.date_text, i.date_source, i.date_url)
                 for i in section.items],
            )

    @staticmethod
    def _insert_findings(db: sqlite3.Connection, portal_run_id: int, findings: list[Finding]) -> None:
        db.executemany(
            "INSERT INTO findings (portal_run_id, rule_id, status, severity, area, title_vi, title_en, message_vi, "
            "message_en, error_class, evidence_json, legal_refs_json, details_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(portal_run_id, f.rule_id, str(f.status), str(f.severity), f.area, f.title_vi, f.title_en,
              f.message_vi, f.message_en, f.error_class, _json(f.evidence), _json(f.legal_refs), _json(f.details))
             for f in findings],
        )

    def _portal_run_id(self, db: sqlite3.Connection, run_id: int, portal_id: str) -> int:
        row = db.execute("SELECT id FROM portal_runs WHERE run_id = ? AND portal_id = ?",
                         (run_id, portal_id)).fetchone()
        if row is None:
            raise StoreError(f"lượt chạy {run_id} không có cổng {portal_id!r} / run {run_id} has no portal "
                             f"{portal_id!r}")
        return int(row[0])

    def replace_findings(self, run_id: int, portal_id: str, findings: list[Finding], score: float | None,
                         *, profile: str | None = None) -> None:
        """New findings for a stored snapshot (rules re-run without a recrawl), atomically.

        ``profile``: the profile they were evaluated under, when not the one stored before.
        """
        with self._tx() as db:
            portal_run_id = self._portal_run_id(db, run_id, portal_id)
            db.execute("DELETE FROM findings WHERE portal_run_id = ?", (portal_run_id,))
            db.execute("UPDATE portal_runs SET score = ?, profile = coalesce(?, profile), evaluated_at = ? "
                       "WHERE id = ?", (score, profile, _now(), portal_run_id))
            self._insert_findings(db, portal_run_id, findings)

    def portal_ids(self, run_id: int) -> list[str]:
        rows = self.db.execute("SELECT portal_id FROM portal_runs WHERE run_id = ? ORDER BY portal_id", (run_id,))
        return [r[0] for r in rows]

    def load_snapshot(self, run_id: int, portal_id: str) -> PortalSnapshot:
        row = self.db.execute("SELECT snapshot FROM portal_runs WHERE run_id = ? AND portal_id = ?",
                              (run_id, portal_id)).fetchone()
        if row is None:
            raise StoreError(f"lượt chạy {run_id} không có cổng {portal_id!r} / run {run_id} has no portal "
                             f"{portal_id!r}")
        try:
            data = json.loads(zlib.decompress(row[0]).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, ValueError) as exc:
            raise StoreError(f"run {run_id}, portal {portal_id!r}: the stored snapshot is unreadable: {exc}") from exc
        return snapshot_from_dict(data)

    def load_findings(self, run_id: int, portal_id: str) -> list[Finding]:
        """The findings of one portal of a run, in the order they were saved."""
        portal_run_id = self._portal_run_id(self.db, run_id, portal_id)
        rows = self.db.execute(
            "SELECT rule_id, status, severity, area, title_vi, title_en, message_vi, message_en, error_class, "
            "evidence_json, legal_refs_json, details_json FROM findings WHERE portal_run_id = ? ORDER BY id",
            (portal_run_id,))
        return [finding_from_dict({
            "rule_id": r[0], "status": r[1], "severity": r[2], "area": r[3], "title_vi": r[4], "title_en": r[5],
            "message_vi": r[6], "message_en": r[7], "error_class": r[8], "evidence": json.loads(r[9]),
            "legal_refs": self._legal_refs(r[10]), "details": json.loads(r[11]),
        }) for r in rows]

    def _legal_refs(self, raw: str) -> list[LegalRef]:
        # A rule cites the same texts on every portal: a night's reports would otherwise decode the same
        # few dozen citations a hundred thousand times.  LegalRef is frozen, so sharing is safe.
        refs = self._legal_cache.get(raw)
        if refs is None:
            refs = self._legal_cache[raw] = tuple(legal_ref_from_dict(d) for d in json.loads(raw))
        return list(refs)

    # ------------------------------------------------------------------ queries (read-only)
    def runs_of_kind(self, kind: str, *, before: int | None = None, status: str | None = "complete",
                     limit: int | None = None) -> list[RunInfo]:
        """Runs of ``kind``, newest first: only ``status`` ones (None: any), begun before run ``before``."""
        rows = self.db.execute(
            f"SELECT {self._RUN_COLUMNS} FROM runs WHERE kind = ?1 AND (?2 IS NULL OR status = ?2) "
            "AND (?3 IS NULL OR id < ?3) ORDER BY id DESC LIMIT ?4",
            (kind, status, before, -1 if limit is None else max(int(limit), 0)))
        return [self._run_info(r) for r in rows]

    def previous_complete_run(self, run_id: int) -> RunInfo | None:
        """The complete run of the same kind begun last before ``run_id`` (what history compares with)."""
        kind = self.get_run(run_id).kind
        earlier = self.runs_of_kind(kind, before=run_id, limit=1)
        return earlier[0] if earlier else None

    _PORTAL_COLUMNS = ("run_id, portal_id, url, name, agency, level, tags_json, profile, home_url, cms, started_at, "
                       "finished_at, duration_s, reachable, pages_fetched, score, config_digest")

    @staticmethod
    def _portal_row(row: tuple[Any, ...]) -> PortalRow:
        started = _parse_instant(row[10])
        assert started is not None
        tags = json.loads(row[6] or "[]")
        return PortalRow(int(row[0]), row[1], row[2], row[3], row[4], row[5], tuple(str(t) for t in tags), row[7],
                         row[8], row[9], started, _parse_instant(row[11]), row[12], bool(row[13]), int(row[14]),
                         row[15], row[16])

    def portal_rows(self, run_id: int) -> list[PortalRow]:
        """Every portal of a run, by portal id, without loading snapshots."""
        rows = self.db.execute(f"SELECT {self._PORTAL_COLUMNS} FROM portal_runs WHERE run_id = ? ORDER BY portal_id",
                               (run_id,))
        return [self._portal_row(r) for r in rows]

    def portal_history(self, portal_id: str, run_ids: Iterable[int]) -> dict[int, PortalRow]:
        """The rows of one portal in the given runs (runs without it are absent from the result)."""
        ids = sorted(set(run_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT {self._PORTAL_COLUMNS} FROM portal_runs WHERE portal_id = ? "
                               f"AND run_id IN ({marks})", (portal_id, *ids))
        return {int(r[0]): self._portal_row(r) for r in rows}

    def rule_statuses(self, portal_id: str, run_ids: Sequence[int]) -> dict[int, dict[str, str]]:
        """``{run_id: {rule_id: status}}`` for one portal in the given runs (runs without it: absent)."""
        ids = sorted(set(run_ids))
        out: dict[int, dict[str, str]] = {}
        if not ids:
            return out
        marks = ",".join("?" * len(ids))
        for prid, run_id in self.db.execute(f"SELECT id, run_id FROM portal_runs WHERE portal_id = ? "
                                            f"AND run_id IN ({marks})", (portal_id, *ids)).fetchall():
            out[int(run_id)] = {r[0]: r[1] for r in self.db.execute(
                "SELECT rule_id, status FROM findings WHERE portal_run_id = ? ORDER BY id", (prid,))}
        return out

    def status_counts(self, portal_id: str, run_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """``{run_id: {status: count}}`` of one portal's findings; every status is a key (zeros included)."""
        ids = sorted(set(run_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        out: dict[int, dict[str, int]] = {}
        for (run_id,) in self.db.execute(f"SELECT run_id FROM portal_runs WHERE portal_id = ? AND run_id IN ({marks})",
                                         (portal_id, *ids)).fetchall():
            out[int(run_id)] = dict.fromkeys(STATUSES, 0)
        for run_id, status, n in self.db.execute(
                f"SELECT p.run_id, f.status, count(*) FROM findings f JOIN portal_runs p ON p.id = f.portal_run_id "
                f"WHERE p.portal_id = ? AND p.run_id IN ({marks}) GROUP BY p.run_id, f.status", (portal_id, *ids)):
            out[int(run_id)][status] = int(n)
        return out

    def runs_with_portal(self, portal_id: str, *, kind: str | None = None, until: int | None = None,
                         limit: int | None = None) -> list[RunInfo]:
        """Complete runs that hold ``portal_id`` (of ``kind``, up to run ``until``), newest first.

        Run ``until`` itself is included whatever its status: a nightly run draws its own
        dashboard before it is marked complete.
        """
        rows = self.db.execute(
            f"SELECT {', '.join('r.' + c for c in self._RUN_COLUMNS.split(', '))} FROM runs r "
            "JOIN portal_runs p ON p.run_id = r.id WHERE p.portal_id = ?1 AND (?2 IS NULL OR r.kind = ?2) "
            "AND (?3 IS NULL OR r.id <= ?3) AND (r.status = 'complete' OR r.id = ?3) ORDER BY r.id DESC LIMIT ?4",
            (portal_id, kind, until, -1 if limit is None else max(int(limit), 0)))
        return [self._run_info(r) for r in rows]
