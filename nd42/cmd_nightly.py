"""``nd42 nightly``: check every portal of the registry as one run (issue 5; nd42/nightly.py).

Exit codes:

- 0: the run completed (whatever the verdicts), or ``--validate-only`` found the registry valid;
- 1: the run was stopped by a signal (Ctrl-C, ``systemctl stop``): it stays ``incomplete``, nothing
  is published;
- 2: bad input (registry, options, database or output folder), one message naming the file, the
  entry and the field; nothing was locked, crawled or written;
- 3: another run holds the lock (its pid and start time are printed).

Defaults: the registry is ``--registry``, else ``$ND42_REGISTRY``, else
``$XDG_CONFIG_HOME/nd42/registry.toml`` (``~/.config/nd42/registry.toml``); the database is
``--db``, else ``$ND42_DB``, else ``~/.local/share/nd42/nd42.sqlite3``; the output folder is
``--out``, else ``nightly/`` next to the database; last night's answers, for conditional requests
(crawler/httpcache.py), are kept in ``--http-cache``, else ``<db>.httpcache/`` (``--no-http-cache``: none).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nd42.nightly_lock import EXIT_LOCKED

EPILOG = ("exit codes: 0 run completed (whatever the verdicts); 1 stopped by a signal (run left incomplete); "
          "2 bad input; 3 another run holds the lock.  See docs/scheduling.md.")


def default_registry() -> Path:
    if os.environ.get("ND42_REGISTRY"):
        return Path(os.environ["ND42_REGISTRY"]).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".config"
    return base / "nd42" / "registry.toml"


def add_subcommand(sub: Any, add_crawl_args: Callable[[Any], None]) -> None:
    """Register ``nd42 nightly`` on the CLI's subparsers."""
    p = sub.add_parser("nightly", help="check every portal of the registry as one run (cron / systemd timer)",
                       description="Kiểm tra mọi cổng trong sổ đăng ký thành một lượt — checks every portal of the "
                                   "registry as one run: lock, bounded parallelism, budgets, dashboard, summary.",
                       epilog=EPILOG)
    p.add_argument("--registry", help="the portal registry (TOML; default $ND42_REGISTRY or "
                                      "~/.config/nd42/registry.toml); example: config/registry/daknong.toml")
    p.add_argument("--out", help="output folder: OUT/index.html and OUT/runs/<run>/ (default: nightly/ next to "
                                 "the database)")
    p.add_argument("--db", help="SQLite database (default $ND42_DB or ~/.local/share/nd42/nd42.sqlite3)")
    p.add_argument("--profile", help="legal profile for entries that name none (default nd42-2022)")
    p.add_argument("--flap-k", type=int, default=2, metavar="K",
                   help="a change counts once it has held for K consecutive complete runs (default 2; 1 = at once)")
    p.add_argument("--notify", action="store_true", help="send the e-mail digests configured in [notify]")
    p.add_argument("--max-portals-at-once", type=int, default=16, metavar="N",
                   help="portals crawled at the same time, each on its own host (default 16)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes crawling at once, each with a share of the servers and of "
                        "--max-portals-at-once (default 1; up to the machine's cores for a large registry)")
    p.add_argument("--time-budget", type=float, default=300.0, metavar="SECONDS",
                   help="seconds per portal, network probes included, unless its entry says otherwise (default 300)")
    p.add_argument("--http-cache", metavar="DIR",
                   help="where last night's answers are kept for conditional requests (default: DB.httpcache/ "
                        "next to the database)")
    p.add_argument("--no-http-cache", action="store_true",
                   help="no conditional requests: every page asked for afresh, nothing kept")
    p.add_argument("--validate-only", action="store_true", help="validate the registry and exit (no lock, no crawl)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="dashboard and report language (default vi)")
    p.add_argument("--quiet", action="store_true", help="no line per portal on stderr")
    p.add_argument("--verbose", action="store_true", help="Scrapy's log at INFO level")
    add_crawl_args(p)
    p.set_defaults(func=cmd_nightly)


def cmd_nightly(args: argparse.Namespace) -> int:
    from crawler.httpcache import cache_dir_for
    from nd42.cli import UsageError, _clock, _crawl_options, _writable_dir
    from nd42.nightly import NightlySettings, run_nightly, summary
    from nd42.nightly_lock import LockHeld
    from nd42.registry import check_profiles, load_registry
    from nd42.store import default_db_path

    registry = load_registry(Path(args.registry) if args.registry else default_registry())
    check_profiles(registry, args.profile)
    if args.notify and not registry.notify:
        raise UsageError(f"--notify: {registry.source} không có bảng [notify] / has no [notify] table "
                         "(docs/notifications.md)")
    if args.validate_only:
        print(f"{registry.source}: hợp lệ / valid: {len(registry.portals)} cổng/portals, digest {registry.digest}")
        return 0
    if args.max_portals_at_once < 1:
        raise UsageError("--max-portals-at-once: phải ≥ 1 / must be at least 1")
    from nd42.nightly_workers import MAX_WORKERS

    if not 1 <= args.workers <= MAX_WORKERS:
        raise UsageError(f"--workers: từ 1 đến {MAX_WORKERS} / must be 1 to {MAX_WORKERS}")
    if args.flap_k < 1:
        raise UsageError("--flap-k: phải ≥ 1 / must be at least 1")
    options = _crawl_options(args)
    options.time_budget = args.time_budget
    options.validate()
    db_path = Path(args.db) if args.db else default_db_path()
    if not db_path.parent.is_dir():
        raise UsageError(f"--db {db_path}: thư mục {db_path.parent} không tồn tại / directory does not exist")
    out = _writable_dir(Path(args.out) if args.out else db_path.parent / "nightly", "--out")
    settings = NightlySettings(db_path=db_path, out=out, options=options, now=_clock(args.now),
                               profile=args.profile or "nd42-2022", flap_k=args.flap_k,
                               max_at_once=args.max_portals_at_once, workers=args.workers, notify=args.notify,
                               lang=args.lang,
                               quiet=args.quiet, http_cache=None if args.no_http_cache else (
                                   Path(args.http_cache) if args.http_cache else cache_dir_for(db_path)),
                               log_level="INFO" if args.verbose else ("CRITICAL" if args.quiet else "ERROR"))
    try:
        result = run_nightly(registry, settings)
    except LockHeld as exc:
        print(f"nd42: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:  # the output folder or the lock file could not be written
        raise UsageError(f"{exc.filename or args.out}: không ghi được / cannot write: {exc.strerror or exc}") from exc
    print(summary(result, settings))
    return 0 if result.status == "complete" else 1
