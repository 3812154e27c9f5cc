"""``nd42 export [RUN] --what runs|portals|findings|changes --format csv|json --out FILE``: the store as tables."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _resolve_run(store: Any, value: str | None) -> int:
    """``latest`` is the latest complete run (else the latest run at all); otherwise a run id."""
    from nd42.cli import UsageError

    if value in (None, "latest"):
        info = store.latest_run() or store.latest_run(complete_only=False)
        if info is None:
            raise UsageError("cơ sở dữ liệu chưa có lượt chạy nào / the database holds no run yet")
        return int(info.id)
    try:
        return int(str(value))
    except ValueError:
        raise UsageError(f"RUN {value!r}: không phải số lượt chạy / not a run id (a number or 'latest')") from None


def cmd_export(args: argparse.Namespace) -> int:
    from nd42.cli import UsageError, _writable_file
    from nd42.export import render_chunks, write_atomic
    from nd42.store import Store, default_db_path

    out = None if args.out in (None, "-") else Path(args.out)
    fmt = args.format or (out.suffix.lstrip(".").lower() if out is not None and out.suffix.lower() in
                          (".csv", ".json") else "csv")
    if args.flap_k < 1:
        raise UsageError(f"--flap-k {args.flap_k}: phải ≥ 1 / must be ≥ 1")
    if out is not None:
        _writable_file(out, "--out")
    with Store(Path(args.db) if args.db else default_db_path(), create=False) as store:
        if args.what == "runs":
            run_id = None if args.run is None else _resolve_run(store, args.run)
            if run_id is not None:
                store.get_run(run_id)  # an unknown run is an error, not an empty table
        else:
            run_id = _resolve_run(store, args.run)
        # Streamed from the store to the file: a fleet's findings are never held whole.
        data = render_chunks(store, args.what, fmt, run_id, flap_k=args.flap_k)
        if out is None:
            for piece in data:
                sys.stdout.buffer.write(piece)
            sys.stdout.flush()
        else:
            write_atomic(out, data)
    if out is not None:
        print(f"{out} ({args.what}, {fmt}{'' if run_id is None else f', run {run_id}'})", file=sys.stderr)
    return 0


def add_subcommand(sub: Any, add_crawl_args: Callable[[Any], None]) -> None:
    """Register ``nd42 export`` (it crawls nothing: no crawl arguments)."""
    export = sub.add_parser(
        "export", help="export runs, a run's portals, findings or changes as CSV (UTF-8 with BOM, for Excel) or JSON "
                       "(schema nd42.export/1, docs/export-schema.md)")
    export.add_argument("run", nargs="?", default=None,
                        help="run id or 'latest' (default: the latest complete run; for --what runs: every run, "
                             "or every run up to RUN)")
    export.add_argument("--what", choices=("runs", "portals", "findings", "changes"), default="findings",
                        help="one row per run, per portal of the run, per finding of the run (default), or per rule "
                             "that changed against the previous complete run")
    export.add_argument("--format", choices=("csv", "json"),
                        help="default: from --out's suffix (.csv, .json), else csv")
    export.add_argument("--out", help="output file (default: standard output)")
    export.add_argument("--db", help="SQLite database (default $ND42_DB or ~/.local/share/nd42/nd42.sqlite3)")
    export.add_argument("--flap-k", type=int, default=2,
                        help="K for the 'change' columns: runs a change must hold to be confirmed (default 2)")
    export.set_defaults(func=cmd_export)
