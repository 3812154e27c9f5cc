"""A run's static site: the dashboard (``index.html``) and every portal's report (``portals/<id>.html``).

Written from the store alone (no crawl, no rules).  Links are relative and nothing is loaded from
anywhere, so the folder works when copied to a file share or opened offline.  Portals are read
one at a time (snapshot, findings, report written) and only their small dashboard row is kept, so
memory stays flat however many portals a night holds.  Each file is written whole to a temporary
name and renamed into place: a reader never sees half a page.  The nightly job stages the whole
folder and renames it; ``nd42 report`` writes into its ``--out``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nd42.history import PortalChanges, RunChanges, portal_trend, rule_trend, run_changes
from nd42.store import Store
from reports import dashboard
from reports.render import render_portal_report, safe_name

TREND_LIMIT = 30
RULE_TREND_LIMIT = 10  # columns of a table, not points of a line
PORTALS = "portals"
_WINDOWS_DEVICE = re.compile(r"(?i)con|prn|aux|nul|com[0-9]|lpt[0-9]")


def file_names(portal_ids: Iterable[str]) -> dict[str, str]:
    """``portal id → file name`` under ``portals/``, unique even when two ids clean up to the same name.

    ``safe_name`` keeps ``[A-Za-z0-9._-]``; a collision (``sở a`` and ``s-a``), case-insensitive
    too (file shares on Windows fold case), gets a short hash of the id, and so does a name Windows
    keeps for a device whatever its extension (``con``, ``nul``, ``com1``: ``nul.html`` cannot be
    opened from a share).
    """
    ids = sorted(set(portal_ids))
    base = {pid: safe_name(pid) for pid in ids}
    seen: dict[str, int] = {}
    for name in base.values():
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
    out = {}
    for pid, name in base.items():
        digest = hashlib.sha256(pid.encode("utf-8")).hexdigest()[:8]
        if name.endswith(f"-{digest}"):
            pass  # a long id safe_name capped: it carries this hash already
        elif seen[name.casefold()] > 1 or name != pid or _WINDOWS_DEVICE.fullmatch(name.split(".")[0]):
            # A cleaned-up id may meet another portal's verbatim id later: hash whenever the id was changed.
            name = f"{name}-{digest}"
        out[pid] = f"{name}.html"
    return out


def _write(path: Path, content: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # two renders of one folder never share a temp
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(path)


def _profile(profile_id: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    from rules.profiles import ProfileError, load_profile, profile_info

    if profile_id not in cache:
        try:
            cache[profile_id] = profile_info(load_profile(profile_id))
        except ProfileError:  # a run stored under a profile file that is gone: show its id only
            cache[profile_id] = {"id": profile_id, "title_vi": profile_id, "title_en": profile_id}
    return cache[profile_id]


PARALLEL_FROM = 64  # portals: below this, starting worker processes costs more than it saves
CHUNK = 16  # portals a worker renders per task (small: the two cores finish together)


@dataclasses.dataclass(frozen=True)
class _SiteJob:
    """What every portal's page needs besides its own rows, sent whole to a worker process."""

    run_id: int
    out_dir: Path
    lang: str
    run: dict[str, Any]
    default_profile: str
    names: dict[str, str]
    profiles: dict[str, str | None]  # portal id → the profile its findings were evaluated under


def render_site(store: Store, run_id: int, out_dir: Path, *, lang: str = "vi", flap_k: int = 2,
                changes: RunChanges | None = None, workers: int = 1) -> Path:
    """Write the run's dashboard and portal pages into ``out_dir``; returns the dashboard's path.

    ``changes``: the run's :func:`~nd42.history.run_changes` when the caller has them already (the
    nightly computes them once for the site and the exports).  ``workers`` > 1 renders the portal pages
    in that many processes (each reads the store itself) once there are ``PARALLEL_FROM`` portals:
    the same files, faster on a machine with the cores."""
    out_dir = Path(out_dir)
    (out_dir / PORTALS).mkdir(parents=True, exist_ok=True)
    info = store.get_run(run_id)
    changes = changes or run_changes(store, run_id, flap_k=flap_k)
    previous = (dashboard.run_view(store.get_run(changes.previous_run_id), lang)
                if changes.previous_run_id is not None else None)
    run = {"id": run_id, "kind": info.kind, "started_at": info.started_at, "finished_at": info.finished_at,
           "tool_version": info.tool_version, "status": info.status, "profile": info.profile,
           "source_run": info.options.get("source_run")}
    stored = {row.portal_id: row for row in store.portal_rows(run_id)}
    job = _SiteJob(run_id, out_dir, lang, run, info.profile, file_names(stored),
                   {pid: row.profile for pid, row in stored.items()})
    ids = sorted(stored)
    if workers > 1 and len(ids) >= PARALLEL_FROM:
        rows = _render_parallel(store.path, job, ids, changes, workers)
    else:
        cache: dict[str, dict[str, Any]] = {}
        rows = [_portal_page(store, job, pid, changes.portals.get(pid), cache) for pid in ids]
    view = dashboard.build(dashboard.run_view(info, lang), rows, lang=lang, previous=previous,
                           flap_k=changes.flap_k, registry_changed=changes.registry_changed,
                           portals_added=changes.portals_added, portals_removed=changes.portals_removed,
                           portals_changed=changes.registry_portals_changed)
    index = out_dir / "index.html"
    _write(index, dashboard.render(view))
    return index


def _portal_page(store: Store, job: _SiteJob, portal_id: str, portal_changes: PortalChanges | None,
                 profiles: dict[str, dict[str, Any]]) -> dashboard.PortalRow:
    """Write one portal's report; its dashboard row."""
    from rules.scoring import score as score_findings

    run_id, lang = job.run_id, job.lang
    snapshot = store.load_snapshot(run_id, portal_id)
    findings = store.load_findings(run_id, portal_id)
    score = score_findings(findings)
    # Up to this run, which is included whatever its status: an older run's dashboard shows its own past.
    trend = portal_trend(store, portal_id, limit=TREND_LIMIT, until_run=run_id)
    href = f"{PORTALS}/{job.names[portal_id]}"
    row = dashboard.portal_row(snapshot, findings, href=href, trend=trend, changes=portal_changes, lang=lang)
    # The profile the findings were evaluated under (the registry entry's, in a nightly run).
    profile = _profile(job.profiles.get(portal_id) or job.default_profile, profiles)
    page_changes = dashboard.change_view(portal_changes, findings, "", lang)
    # Only the rules that changed get their history: a few per portal, one query each.
    listed = {ref.rule_id for refs in (page_changes.new_failures, page_changes.fixed, page_changes.pending,
                                       page_changes.unknown) for ref in refs}
    trends = {rule_id: rule_trend(store, portal_id, rule_id, limit=RULE_TREND_LIMIT, until_run=run_id)
              for rule_id in sorted(listed)}
    html = render_portal_report(snapshot, findings, score=score, run=job.run, profile=profile, lang=lang,
                                site={"back": "../index.html", "spark": row.spark, "points": row.trend,
                                      "changes": page_changes,
                                      "rules": dashboard.rule_history(page_changes, trends)})
    _write(job.out_dir / href, html)
    return row


def _render_parallel(db_path: Path, job: _SiteJob, ids: list[str], changes: RunChanges,
                     workers: int) -> list[dashboard.PortalRow]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from nd42.procs import die_with_parent

    chunks = [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
    # spawn: a worker opens the database itself and inherits nothing of this process's connection; it dies
    # with this process, so a killed night leaves no writer in its staging folder.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        done = pool.map(_render_chunk, [db_path] * len(chunks), [job] * len(chunks), chunks,
                        [{pid: changes.portals.get(pid) for pid in chunk} for chunk in chunks])
        return [row for rows in done for row in rows]


_PROFILES: dict[str, dict[str, Any]] = {}  # a worker's profiles, across its tasks


def _render_chunk(db_path: Path, job: _SiteJob, ids: list[str],
                  portal_changes: dict[str, PortalChanges | None]) -> list[dashboard.PortalRow]:
    with Store(db_path, create=False) as store:
        return [_portal_page(store, job, pid, portal_changes.get(pid), _PROFILES) for pid in ids]

