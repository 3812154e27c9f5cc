"""Subcommands beyond ``check``: demo, report, recheck, rules, eval-corpus, eval-devzoo."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nd42 import __version__
from nd42.clock import vn_today
from nd42.config import PortalConfig
from nd42.records import Finding, PortalSnapshot


def demo_agreement(findings: list[Finding], expect: dict[str, Any], profile_id: str) -> list[tuple[str, str, str]]:
    """``(rule, expected, got)`` for every rule whose finding disagrees with a demo portal's truth.

    ``expect`` is ``truth["expect"]``: a status per rule, or a status per profile; ``off`` means the
    profile does not run the rule, so no finding is expected.
    """
    got = {f.rule_id: f.status.value for f in findings}
    out = []
    for rule_id, value in expect.items():
        want = value if isinstance(value, str) else value.get(profile_id, "off")
        have = got.get(rule_id, "off")
        if want != have:
            out.append((rule_id, want, have))
    out += [(rule_id, "—", got[rule_id]) for rule_id in got if rule_id not in expect]
    return out


# ---------------------------------------------------------------------------------------------- demo
def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the bundled demo portals on 127.0.0.1 under their public host names, check them all, write the
    reports and an index, and print how every verdict compares with the portals' known truth."""
    from crawler.runner import crawl_portals
    from nd42.cli import Progress, _clock, _crawl_options, _profile_info, _writable_dir
    from nd42.demo.portals import build_portals
    from nd42.demo.server import start
    from nd42.store import Store
    from reports.index import write_index
    from reports.render import write_portal_report
    from rules.engine import evaluate
    from rules.profiles import load_profile
    from rules.scoring import score as score_findings

    out_dir = _writable_dir(Path(args.out), "--out")
    now = _clock(args.now)
    portals = build_portals(vn_today(now))
    profile = load_profile(args.profile or "nd42-2022")
    options = _crawl_options(args)
    db_path = Path(args.db) if args.db else out_dir / "nd42-demo.sqlite3"
    rows: list[dict[str, Any]] = []
    progress = Progress(not args.quiet)
    # HTTP and HTTPS listeners (a local CA), [::1] twins and a DNS server, all on loopback: the crawler
    # and its probes reach every portal by its public name through --resolve, --dns-server and --ca-file.
    with start(portals, now=now) as network, Store(db_path) as store:
        options.resolve.update(network.resolve)
        options.dns_server = options.dns_server or network.dns_server
        options.ca_file = options.ca_file or network.ca_file
        configs = [PortalConfig(id=pid, url=network.url(pid), name=portals[pid].name, level=portals[pid].level,
                                parent=portals[pid].parent, endpoints=network.endpoints(pid))
                   for pid in sorted(portals)]
        run_id = store.begin_run("check", now, profile.id, {"demo": True})

        def handle(snapshot: PortalSnapshot) -> None:
            findings = evaluate(snapshot, profile, now)
            score = score_findings(findings)
            store.save_portal(run_id, snapshot, findings, score.get("score"))
            run = {"id": run_id, "kind": "check", "started_at": now, "finished_at": snapshot.finished_at,
                   "tool_version": __version__, "status": "complete", "profile": profile.id}
            path = write_portal_report(out_dir, snapshot, findings, score=score, run=run,
                                       profile=_profile_info(profile), lang=args.lang)
            rows.append({"portal": snapshot.portal_id, "name": snapshot.name, "score": score.get("score"),
                         "report": path.name, "findings": findings, "truth": portals[snapshot.portal_id].truth})

        crawl_portals(configs, options, now, handle, progress=progress)
        progress.done()
        store.finish_run(run_id, status="complete")
    rows.sort(key=lambda r: r["portal"])
    index = write_index(out_dir, [{k: r[k] for k in ("portal", "name", "score", "report", "findings")} for r in rows],
                        lang=args.lang, title="nd42 — demo")
    fresh = ("FR-001", "FR-002", "FR-003")
    print(f"{'portal':<18} {'score':>5}  " + "  ".join(f"{rid:<15}" for rid in fresh) + "  truth")
    agree = total = 0
    for r in rows:
        expect = r["truth"].get("expect", {})
        wrong = demo_agreement(r["findings"], expect, profile.id)
        total += len(expect)
        agree += len(expect) - len(wrong)
        status = {f.rule_id: f.status.value for f in r["findings"]}
        score = "—" if r["score"] is None else f"{r['score']:.0f}"
        cells = "  ".join(f"{status.get(rid, 'off'):<15}" for rid in fresh)
        print(f"{r['portal']:<18} {score:>5}  {cells}  {len(expect) - len(wrong)}/{len(expect)}")
        for rule_id, want, have in wrong:
            print(f"{'':18}   ✗ {rule_id}: {'mong đợi' if args.lang == 'vi' else 'expected'} {want}, "
                  f"{'kết quả' if args.lang == 'vi' else 'got'} {have}")
    print(("Kết quả khớp với dữ liệu chuẩn của các cổng mẫu" if args.lang == "vi" else
           "Verdicts matching the demo portals' truth") + f" ({profile.id}): {agree}/{total}")
    print(f"Index: {index}")
    print(f"Database: {db_path}")
    return 0


# ---------------------------------------------------------------------------------------------- report / recheck
def _run_id(store: Any, value: str | None) -> int:
    if value in (None, "latest"):
        info = store.latest_run(complete_only=False)
        if info is None:
            from nd42.cli import UsageError

            raise UsageError("cơ sở dữ liệu chưa có lượt chạy nào / the database holds no run yet")
        return int(info.id)
    return int(str(value))


def write_run_reports(store: Any, run_id: int, out_dir: Path, lang: str) -> tuple[Path, list[Path]]:
    """Render every portal of a stored run, and its index, from the store alone (no crawl, no rules)."""
    from reports.index import write_index
    from reports.render import write_portal_report
    from rules.profiles import ProfileError, load_profile, profile_info
    from rules.scoring import score as score_findings

    info = store.get_run(run_id)
    try:
        profile = profile_info(load_profile(info.profile))
    except ProfileError:  # a run stored under a profile file that is gone: show its id only
        profile = {"id": info.profile, "title_vi": info.profile, "title_en": info.profile}
    run = {"id": run_id, "kind": info.kind, "started_at": info.started_at, "finished_at": info.finished_at,
           "tool_version": info.tool_version, "status": info.status, "profile": info.profile,
           "source_run": info.options.get("source_run")}
    rows, paths = [], []
    for portal_id in store.portal_ids(run_id):
        snapshot = store.load_snapshot(run_id, portal_id)
        findings = store.load_findings(run_id, portal_id)
        score = score_findings(findings)
        path = write_portal_report(out_dir, snapshot, findings, score=score, run=run, profile=profile, lang=lang)
        rows.append({"portal": portal_id, "name": snapshot.name, "score": score.get("score"), "report": path.name,
                     "findings": findings})
        paths.append(path)
    title = f"nd42 — {'lượt' if lang == 'vi' else 'run'} {run_id} ({info.kind}, {profile['id']})"
    return write_index(out_dir, rows, lang=lang, title=title), paths


def cmd_report(args: argparse.Namespace) -> int:
    """Render reports again from the store, without crawling."""
    from nd42.cli import _writable_dir
    from nd42.store import Store, default_db_path

    out_dir = _writable_dir(Path(args.out), "--out")
    with Store(Path(args.db) if args.db else default_db_path()) as store:
        index, paths = write_run_reports(store, _run_id(store, args.run), out_dir, args.lang)
    for path in paths:
        print(path)
    print(index)
    return 0


def cmd_recheck(args: argparse.Namespace) -> int:
    """Evaluate the current rules on a stored run's snapshots, as a new run; no crawl.

    The new run (kind ``recheck``) keeps the source run untouched, records ``source_run`` in its
    options, uses each snapshot's own crawl clock and the portal's stored rule overrides, and
    gets its own reports.
    """
    from nd42.cli import _writable_dir
    from nd42.store import Store, default_db_path
    from rules.engine import evaluate
    from rules.profiles import load_profile
    from rules.scoring import score as score_findings

    out_dir = _writable_dir(Path(args.out), "--out")
    with Store(Path(args.db) if args.db else default_db_path()) as store:
        source = store.get_run(_run_id(store, args.run))
        profile = load_profile(args.profile or source.profile)
        portal_ids = store.portal_ids(source.id)
        origin = {"source_run": source.id, "source_kind": source.kind, "source_profile": source.profile}
        run_id = store.begin_run("recheck", source.started_at, profile.id, origin)
        last = source.started_at
        for portal_id in portal_ids:
            snapshot = store.load_snapshot(source.id, portal_id)
            overrides = snapshot.portal.get("rules") or None
            # The clock of a re-check is the original crawl's clock, not today.
            findings = evaluate(snapshot, profile, snapshot.started_at, overrides=overrides)
            score = score_findings(findings)
            store.save_portal(run_id, snapshot, findings, score.get("score"))
            last = max(last, snapshot.finished_at or snapshot.started_at)
            counts = {k: v for k, v in score["counts"].items() if v}
            print(f"{portal_id}: {len(findings)} findings {counts}, score {score.get('score')}")
        store.finish_run(run_id, status="complete", finished_at=last)
        index, _paths = write_run_reports(store, run_id, out_dir, args.lang)
    word = "Lượt kiểm tra lại" if args.lang == "vi" else "Re-check run"
    print(f"{word} {run_id} ({profile.id}, source run {source.id}): {index}")
    return 0


# ---------------------------------------------------------------------------------------------- rules
def cmd_rules(args: argparse.Namespace) -> int:
    """``nd42 rules`` lists the catalogue, ``nd42 rules ID`` explains one rule, ``nd42 rules docs`` writes the docs."""
    from nd42.cli import UsageError
    from rules.docs import DOCS_DIR, write_docs
    from rules.registry_view import explain, list_rules

    words = list(args.target)
    action = words.pop(0).lower() if words else "list"
    if action == "list" and not words:
        print(list_rules(args.lang, as_json=args.json))
    elif action == "docs" and not words:
        folder = Path(args.out) if args.out else DOCS_DIR
        written = write_docs(folder)
        print(f"{len(written)} {'trang' if args.lang == 'vi' else 'pages'}: {folder}")
    elif (action == "explain" and len(words) == 1) or (action not in ("list", "docs", "explain") and not words):
        rule_id = words[0] if action == "explain" else action
        try:
            print(explain(rule_id, args.lang))
        except ValueError as exc:
            raise UsageError(f"{exc}") from None
    else:
        raise UsageError("cách dùng / usage: nd42 rules [list | docs | ID | explain ID]")
    return 0


# ---------------------------------------------------------------------------------------------- evaluations
def cmd_eval_corpus(args: argparse.Namespace) -> int:
    from nd42.evaluation import evaluate_corpus

    return evaluate_corpus(Path(args.corpus), as_json=args.json)


def cmd_eval_devzoo(args: argparse.Namespace) -> int:
    from nd42.evaluation import evaluate_devzoo

    return evaluate_devzoo(Path(args.devzoo), today=args.today, as_json=args.json, delay=args.delay)


def add_subcommands(sub: Any, add_crawl_args: Callable[[argparse.ArgumentParser], None]) -> None:
    from nd42 import cmd_export, cmd_nightly

    cmd_nightly.add_subcommand(sub, add_crawl_args)
    cmd_export.add_subcommand(sub, add_crawl_args)
    demo = sub.add_parser("demo", help="serve the bundled demo portals locally and check them all")
    demo.add_argument("--out", default="nd42-demo", help="output directory (default ./nd42-demo)")
    demo.add_argument("--db", help="SQLite database (default OUT/nd42-demo.sqlite3)")
    demo.add_argument("--profile", help="legal profile (default nd42-2022)")
    demo.add_argument("--lang", choices=("vi", "en"), default="vi")
    demo.add_argument("--quiet", action="store_true")
    add_crawl_args(demo)
    demo.set_defaults(func=cmd_demo, delay=0.05)

    report = sub.add_parser("report", help="render reports again from the store (no crawl)")
    report.add_argument("run", nargs="?", default="latest", help="run id (default: the latest)")
    report.add_argument("--db", help="SQLite database")
    report.add_argument("--out", default="nd42-out")
    report.add_argument("--lang", choices=("vi", "en"), default="vi")
    report.set_defaults(func=cmd_report)

    recheck = sub.add_parser("recheck", help="evaluate the current rules on a stored run's snapshots as a new run "
                                             "and write its reports (no crawl)")
    recheck.add_argument("run", nargs="?", default="latest", help="run id (default: the latest)")
    recheck.add_argument("--db", help="SQLite database")
    recheck.add_argument("--profile", help="evaluate under another profile (default: the source run's)")
    recheck.add_argument("--out", default="nd42-out", help="directory for the new run's reports")
    recheck.add_argument("--lang", choices=("vi", "en"), default="vi")
    recheck.set_defaults(func=cmd_recheck)

    rules = sub.add_parser("rules", help="the rule catalogue: nd42 rules (list), nd42 rules ID (explain), "
                                         "nd42 rules docs (write docs/rules/)")
    rules.add_argument("target", nargs="*", metavar="ID", help="a rule id to explain; or list, docs, explain ID")
    rules.add_argument("--lang", choices=("vi", "en"), default="vi")
    rules.add_argument("--json", action="store_true", help="list: the catalogue as JSON")
    rules.add_argument("--out", help="docs: output directory (default docs/rules in the checkout)")
    rules.set_defaults(func=cmd_rules)

    corpus = sub.add_parser("eval-corpus", help="measure date and section extraction on labelled real pages")
    corpus.add_argument("corpus", help="the corpus folder (with labels.json and pages/), e.g. ../shared/corpus")
    corpus.add_argument("--json", action="store_true", help="print the results as JSON")
    corpus.set_defaults(func=cmd_eval_corpus)

    zoo = sub.add_parser("eval-devzoo", help="generate, serve and check the development zoo; compare with truth")
    zoo.add_argument("devzoo", help="the devzoo folder (with zoo.py and serve.py), e.g. ../shared/devzoo")
    zoo.add_argument("--today", help="zoo day, YYYY-MM-DD (default: today in Vietnam)")
    zoo.add_argument("--delay", type=float, default=0.0)
    zoo.add_argument("--json", action="store_true")
    zoo.set_defaults(func=cmd_eval_devzoo)
