"""Command line: ``nd42 check URL``, ``nd42 demo``, ``nd42 report``, ``nd42 rules``, evaluations.

Exit codes: 0 when the run completed, whatever the verdicts; 2 for bad input (malformed URL,
unwritable output, invalid configuration), with one clear message on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nd42 import __version__
from nd42.clock import crawl_start, parse_clock
from nd42.config import (
    ConfigError,
    CrawlOptions,
    PortalConfig,
    load_portal_file,
    parse_resolve,
    portal_id_from_url,
    validate_level,
    validate_parent,
    validate_url,
)
from nd42.records import LEVELS, Finding, PortalSnapshot

EXIT_OK = 0
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input detected by the CLI itself."""


# ---------------------------------------------------------------------------------------------- helpers
def _writable_dir(path: Path, what: str) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{what} {path}: không tạo được thư mục / cannot create directory ({exc.strerror})") from exc
    if not path.is_dir() or not os.access(path, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {path}: không ghi được / not writable")
    return path


def _writable_file(path: Path, what: str) -> Path:
    parent = path.parent if str(path.parent) else Path()
    if not parent.is_dir():
        raise UsageError(f"{what} {path}: thư mục cha không tồn tại / parent directory does not exist")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"{what} {path}: không ghi được / not writable")
    return path


def _crawl_options(args: argparse.Namespace) -> CrawlOptions:
    options = CrawlOptions(
        page_budget=args.budget, item_pages=args.item_pages, delay=args.delay, concurrency=args.concurrency,
        timeout=args.timeout, obey_robots=not args.ignore_robots, doc_pages=args.doc_pages,
        resolve=parse_resolve(args.resolve), dns_server=args.dns_server, ca_file=args.ca_file,
        network_probes=not args.no_network_probes, link_sample=args.link_sample,
    )
    options.validate()
    return options


class Progress:
    """Live progress on stderr: pages fetched and sections found."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.last_pages = 0

    def __call__(self, event: str, data: dict[str, Any]) -> None:
        if not self.enabled:
            return
        pages, sections = data.get("pages", 0), ", ".join(data.get("sections", [])) or "—"
        line = f"[nd42] {data.get('portal')}: {pages} trang/pages · chuyên mục/sections: {sections}"
        if self.tty:
            sys.stderr.write("\r\033[K" + line[:160])
            sys.stderr.flush()
        elif event == "section" or pages - self.last_pages >= 10:
            self.last_pages = pages
            sys.stderr.write(line + "\n")

    def done(self) -> None:
        if self.enabled and self.tty:
            sys.stderr.write("\n")


STATUS_LABEL = {
    "vi": {"pass": "Đạt", "fail": "Không đạt", "warn": "Cảnh báo", "not_determinable": "Không xác định",
           "not_applicable": "Không áp dụng", "error": "Lỗi"},
    "en": {"pass": "pass", "fail": "fail", "warn": "warning", "not_determinable": "not determinable",
           "not_applicable": "not applicable", "error": "error"},
}


def _summary_table(snapshot: PortalSnapshot, findings: list[Finding], score: dict[str, Any], lang: str) -> str:
    labels = STATUS_LABEL[lang]
    width = max((len(f.rule_id) for f in findings), default=6)
    rows = [f"{'Quy tắc' if lang == 'vi' else 'Rule':<{width}}  {'Trạng thái' if lang == 'vi' else 'Status':<16}  "
            f"{'Nội dung' if lang == 'vi' else 'Title'}"]
    for f in findings:
        title = f.title_vi if lang == "vi" else f.title_en
        extra = f" [{f.error_class}]" if f.error_class else ""
        rows.append(f"{f.rule_id:<{width}}  {labels[f.status.value]:<16}  {title}{extra}")
    value = score.get("score")
    rows.append(("Điểm" if lang == "vi" else "Score") + f": {value:.0f}/100" if value is not None else "Điểm/Score: —")
    return "\n".join(rows)


def _clock(value: str | None) -> dt.datetime:
    if not value:
        return crawl_start()
    try:
        return parse_clock(value)
    except ValueError as exc:
        raise UsageError(f"--now {value!r}: không phải ngày ISO / not an ISO date or date-time") from exc


# ---------------------------------------------------------------------------------------------- check
def _evaluate_and_store(snapshot: PortalSnapshot, portal: PortalConfig, profile: Any, store: Any, run_id: int,
                        now: dt.datetime) -> tuple[list[Finding], dict[str, Any]]:
    from rules.engine import evaluate
    from rules.scoring import score as score_findings

    findings = evaluate(snapshot, profile, now, overrides=portal.rules or None)
    score = score_findings(findings)
    store.save_portal(run_id, snapshot, findings, score.get("score"))
    return findings, score


def _profile_info(profile: Any) -> dict[str, Any]:
    from rules.profiles import profile_info

    return profile_info(profile)


def cmd_check(args: argparse.Namespace) -> int:
    # Bad input is reported before anything heavy is imported or any request is made.
    if args.portal_config:
        portal = load_portal_file(Path(args.portal_config))
        if args.url and validate_url(args.url) != portal.url:
            portal.url = validate_url(args.url)
    elif args.url:
        url = validate_url(args.url)
        portal = PortalConfig(id=portal_id_from_url(url), url=url)
    else:
        raise UsageError("thiếu URL / missing URL: nd42 check https://portal.example.gov.vn/")
    _apply_portal_flags(portal, args)
    out_dir = _writable_dir(Path(args.out), "--out")
    json_path = _writable_file(Path(args.json), "--json") if args.json else None
    options = _crawl_options(args)
    now = _clock(args.now)

    from crawler.runner import crawl_portals
    from nd42.jsonout import portal_document, write_json
    from nd42.store import Store, default_db_path
    from reports.render import write_portal_report
    from rules.profiles import load_profile

    profile = load_profile(args.profile or portal.profile or "nd42-2022")
    db_path = Path(args.db) if args.db else default_db_path()

    progress = Progress(not args.quiet)
    snapshots: list[PortalSnapshot] = []
    with Store(db_path) as store:
        run_id = store.begin_run("check", now, profile.id, {"url": portal.url, "budget": options.page_budget})
        crawl_portals([portal], options, now, snapshots.append, progress=progress,
                      log_level="INFO" if args.verbose else ("CRITICAL" if args.quiet else "ERROR"))
        progress.done()
        if not snapshots:
            store.finish_run(run_id, status="incomplete")
            print("nd42: thu thập không hoàn tất / the crawl did not complete", file=sys.stderr)
            return EXIT_OK
        snapshot = snapshots[0]
        findings, score = _evaluate_and_store(snapshot, portal, profile, store, run_id, now)
        finished = snapshot.finished_at or now
        store.finish_run(run_id, status="complete", finished_at=finished)
        run = {"id": run_id, "kind": "check", "started_at": now, "finished_at": finished, "tool_version": __version__,
               "status": "complete", "profile": profile.id}
        report = write_portal_report(out_dir, snapshot, findings, score=score, run=run, profile=_profile_info(profile),
                                     lang=args.lang)
        if json_path is not None:
            write_json(json_path, portal_document(run, snapshot, findings, score, _profile_info(profile)))
    print(_summary_table(snapshot, findings, score, args.lang))
    print(("Báo cáo" if args.lang == "vi" else "Report") + f": {report}")
    if json_path is not None:
        print(f"JSON: {json_path}")
    print(("Cơ sở dữ liệu" if args.lang == "vi" else "Database") + f": {db_path} (run {run_id})")
    return EXIT_OK


def _apply_portal_flags(portal: PortalConfig, args: argparse.Namespace) -> None:
    """``--name``, ``--level`` and ``--parent`` win over the portal file."""
    if args.name:
        portal.name = args.name
    if args.level:
        portal.level = validate_level(args.level, "--level")
    if args.parent:
        portal.parent = validate_parent(args.parent, "--parent")


# ---------------------------------------------------------------------------------------------- parser
def _add_crawl_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("crawl (politeness and bounds)")
    g.add_argument("--budget", type=int, default=80, help="page budget per portal (default 80)")
    g.add_argument("--item-pages", type=int, default=3, help="K: item pages opened when a listing shows no dates (3)")
    g.add_argument("--doc-pages", type=int, default=3,
                   help="document detail pages opened per documents listing, for their fields (3)")
    g.add_argument("--link-sample", type=int, default=5,
                   help="home-page links fetched for their status only, to find broken links (5)")
    g.add_argument("--delay", type=float, default=0.5, help="seconds between requests to a portal (default 0.5)")
    g.add_argument("--concurrency", type=int, default=2, help="concurrent requests per portal, 1 or 2 (default 2)")
    g.add_argument("--timeout", type=float, default=30.0, help="download timeout in seconds (default 30)")
    g.add_argument("--ignore-robots", action="store_true",
                   help="do not obey robots.txt (an inspector's explicit choice; the report says so)")
    g.add_argument("--now", help="crawl clock override, ISO date or date-time (tests, re-runs); default: now")
    g.add_argument("--resolve", action="append", metavar="HOST:IP",
                   help="reach HOST at IP without any DNS query (repeatable), e.g. skhcn.hoalam.gov.vn:127.0.0.1")
    n = p.add_argument_group("network probes (TLS, HTTP → HTTPS, DNS, IPv6; before each crawl)")
    n.add_argument("--dns-server", metavar="HOST:PORT",
                   help="DNS server the probes ask (an IP address, port 53 by default); default: the system's. "
                        "Hosts mapped by --resolve are looked up only when this is given")
    n.add_argument("--ca-file", metavar="PEM", help="extra trusted CA certificates for the chain check (PEM file)")
    n.add_argument("--no-network-probes", action="store_true",
                   help="skip the network probes (the TLS, redirect, DNS and IPv6 rules are then not determinable)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nd42",
        description="Kiểm tra cổng/trang thông tin điện tử theo Nghị định 42/2022/NĐ-CP — "
                    "checks Vietnamese state portals against Decree 42/2022/NĐ-CP.",
    )
    parser.add_argument("--version", action="version", version=f"nd42 {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="crawl one portal, evaluate the rules, write the report")
    check.add_argument("url", nargs="?", help="the portal's URL, e.g. https://skhcn.daknong.gov.vn/")
    check.add_argument("--portal-config", help="a portal TOML file (section overrides, rule options)")
    check.add_argument("--profile", help="legal profile (default nd42-2022)")
    check.add_argument("--name", help="the agency's full name (the header rule looks for it)")
    check.add_argument("--level", choices=LEVELS, help="the agency's level (the domain rule depends on it)")
    check.add_argument("--parent", help="the parent portal's URL, e.g. https://hoalam.gov.vn/")
    check.add_argument("--out", default="nd42-out", help="directory for the HTML report (default ./nd42-out)")
    check.add_argument("--json", help="also write the run as JSON (schema nd42.check/1) to this file")
    check.add_argument("--db", help="SQLite database (default $ND42_DB or ~/.local/share/nd42/nd42.sqlite3)")
    check.add_argument("--lang", choices=("vi", "en"), default="vi", help="report language (default vi)")
    check.add_argument("--quiet", action="store_true", help="no live progress")
    check.add_argument("--verbose", action="store_true", help="Scrapy's log at INFO level")
    _add_crawl_args(check)
    check.set_defaults(func=cmd_check)

    from nd42 import commands

    commands.add_subcommands(sub, _add_crawl_args)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (UsageError, ConfigError) as exc:
        print(f"nd42: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # store/profile errors are user errors too; anything else propagates
        if type(exc).__name__ in ("StoreError", "ProfileError"):
            print(f"nd42: {exc}", file=sys.stderr)
            return EXIT_USAGE
        raise


if __name__ == "__main__":
    # ``python -m nd42.cli`` runs this file as ``__main__``: the subcommands raise ``nd42.cli.UsageError``, which
    # is another class than ``__main__.UsageError``, so the entry point must be the imported module's.
    from nd42.cli import main as _main

    sys.exit(_main())
