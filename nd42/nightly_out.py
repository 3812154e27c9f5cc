"""The nightly output folder: one directory per run, written aside and renamed into place.

::

    OUT/index.html                 landing page: the latest complete run's dashboard, every run
    OUT/runs/<run_id>/index.html   the run's dashboard
    OUT/runs/<run_id>/portals/…    each portal's report
    OUT/runs/<run_id>/exports/…    CSV and JSON exports

A run's directory is built in ``OUT/runs/.staging-<run_id>-<pid>`` and renamed to ``OUT/runs/<run_id>``
only when it is whole; the landing page is written to a temporary file and ``os.replace``-d.  So
a run killed at any moment leaves every earlier run's files, and the landing page, as they were
(at worst a ``.staging-*`` folder, removed by the next run once its writer is gone).
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
from pathlib import Path

from nd42.export import write_exports
from nd42.history import RunChanges, run_changes
from nd42.store import Store
from reports.assets import source_hash
from reports.site import render_site

RUNS = "runs"
STAGING = ".staging-"
REPLACED = ".replaced-"


def run_dir(out: Path, run_id: int) -> Path:
    return out / RUNS / str(run_id)


def clean_stale(out: Path) -> list[Path]:
    """Remove what killed processes left half-written.  Temporary names end with their writer's pid:
    one still alive (an ``nd42 report`` into the same folder) keeps its own."""
    runs = out / RUNS
    stale = [p for p in runs.iterdir() if p.name.startswith((STAGING, REPLACED))] if runs.is_dir() else []
    pages = list(out.glob(".index.html.*.tmp")) if out.is_dir() else []
    gone = [p for p in stale + pages if not _alive(_writer(p.name))]
    for path in gone:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return gone


def _writer(name: str) -> int | None:
    """The pid in a temporary name (``.staging-12-4242``, ``.replaced-12-4242``, ``.index.html.4242.tmp``)."""
    if name.startswith((STAGING, REPLACED)):
        parts = name.split("-")[1:]  # run id, pid
        digits = parts[1] if len(parts) == 2 else ""
    else:
        digits = name.removeprefix(".index.html.").removesuffix(".tmp")
    return int(digits) if digits.isdigit() else None


def _alive(pid: int | None) -> bool:
    if pid is None or pid == os.getpid():
        return False  # a name without a pid is from an older nd42; our own is from an earlier call
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def publish_run(store: Store, run_id: int, out: Path, *, lang: str = "vi", flap_k: int = 2,
                changes: RunChanges | None = None, workers: int = 1) -> Path:
    """Write a stored run's directory (dashboard, portal reports, exports) and then the landing page;
    returns the run's dashboard.  ``nd42 nightly`` calls it after a run, ``nd42 report`` may again.
    ``changes``: the run's :func:`~nd42.history.run_changes`, when the caller has them already; ``workers``:
    processes rendering the portal pages (reports/site.py)."""
    runs = out / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    stage = runs / f"{STAGING}{run_id}-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    write_run_site(store, run_id, stage, lang=lang, flap_k=flap_k, changes=changes, workers=workers)
    final = run_dir(out, run_id)
    _swap_in(stage, final)
    write_landing(store, out, lang=lang)
    return final / "index.html"


def write_run_site(store: Store, run_id: int, folder: Path, *, lang: str, flap_k: int,
                   changes: RunChanges | None = None, workers: int = 1) -> None:
    """The dashboard and portal pages (reports/site.py), and the exports (nd42/export.py)."""
    changes = changes or run_changes(store, run_id, flap_k=flap_k)  # once for both: ~5 s at 1,000 portals
    render_site(store, run_id, folder, lang=lang, flap_k=flap_k, changes=changes, workers=workers)
    exports = folder / "exports"
    exports.mkdir(exist_ok=True)
    write_exports(store, run_id, exports, flap_k=flap_k, changes=changes)


def _swap_in(stage: Path, final: Path) -> None:
    """``stage`` becomes ``final`` in one rename.  A directory of the same run id already there (the run
    rendered again, or a database started afresh) is moved aside first and removed after."""
    aside = None
    if final.exists():
        aside = final.with_name(f"{REPLACED}{final.name}-{os.getpid()}")
        shutil.rmtree(aside, ignore_errors=True)
        final.rename(aside)
    stage.rename(final)
    _fsync_dir(final.parent)
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    # The rename is durable only once the directory entry is on disk (a power cut, not a kill).
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)  # os.replace: atomic on POSIX, readers see the old page or the new


# ---------------------------------------------------------------------------------------------- landing page
def write_landing(store: Store, out: Path, *, lang: str = "vi") -> Path:
    """``OUT/index.html``: the latest complete nightly run's dashboard and every nightly run, newest first."""
    rows, latest = [], None
    for run in store.runs():
        if run.kind != "nightly":
            continue
        has_dir = (run_dir(out, run.id) / "index.html").is_file()
        if latest is None and run.status == "complete" and has_dir:
            latest = run
        rows.append((run, has_dir))
    parts = [f"<h1>nd42 — {_t(lang, 'Kiểm tra hằng đêm', 'Nightly checks')}</h1>"]
    if latest is not None:
        parts.append(f'<p class="latest"><a href="{RUNS}/{latest.id}/index.html">'
                     f"{_t(lang, 'Lượt hoàn tất gần nhất', 'Latest complete run')}: {latest.id} "
                     f"({_e(latest.started_at.strftime('%d/%m/%Y %H:%M'))})</a></p>")
    else:
        parts.append(f"<p>{_t(lang, 'Chưa có lượt hoàn tất.', 'No complete run yet.')}</p>")
    head = (_t(lang, "Lượt", "Run"), _t(lang, "Bắt đầu", "Started"), _t(lang, "Trạng thái", "Status"),
            _t(lang, "Bảng tổng hợp", "Dashboard"))
    body = []
    for run, has_dir in rows:
        status = STATUS.get(run.status, (run.status, run.status))
        link = (f'<a href="{RUNS}/{run.id}/index.html">{_t(lang, "Xem", "Open")}</a>' if has_dir else "—")
        body.append(f"<tr><td>{run.id}</td><td>{_e(run.started_at.strftime('%d/%m/%Y %H:%M'))}</td>"
                    f"<td>{_e(status[0] if lang == 'vi' else status[1])}</td><td>{link}</td></tr>")
    parts.append(f"<table><caption>{_t(lang, 'Các lượt kiểm tra', 'Runs')}</caption><thead><tr>"
                 + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead><tbody>"
                 + "".join(body) + "</tbody></table>")
    path = out / "index.html"
    _write_atomic(path, _page("nd42", "\n".join(parts), lang))
    return path


STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
         "table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left}"
         "a{color:#0b4f9c}.latest{font-size:1.2rem}")
# Its one sheet is admitted by its hash, as in the reports (reports/assets.py): a style or markup that
# reached the page by a mistake in escaping would be refused, and the page loads nothing at all.
CSP = f"default-src 'none'; style-src {source_hash(STYLE)}; base-uri 'none'; form-action 'none'"
STATUS = {"complete": ("hoàn tất", "complete"), "incomplete": ("không hoàn tất", "incomplete"),
          "running": ("đang chạy", "running")}


def _t(lang: str, vi: str, en: str) -> str:
    return html.escape(vi if lang == "vi" else en)


def _e(value: object) -> str:
    return html.escape(str(value))


def _page(title: str, body: str, lang: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>{_e(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")
