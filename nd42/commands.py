"""Subcommands beyond ``check``: demo, report, recheck, rules, eval-corpus, eval-devzoo."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nd42.clock import vn_today
from nd42.records import Finding


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
def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def demo_registry(network: Any, portals: dict[str, Any], path: Path) -> Path:
    """The demo portals as a registry file: public names, level, parent, and the probes' endpoints."""
    lines = ["# The bundled demo portals (written by `nd42 demo`; their ports change with each demo).", ""]
    for pid in sorted(portals):
        demo = portals[pid]
        ends = network.endpoints(pid)
        lines += ["[[portal]]", f"id = {_toml(pid)}", f"name = {_toml(demo.name)}",
                  f"url = {_toml(network.url(pid))}", 'agency = "UBND tỉnh Hòa Lâm"', f"level = {_toml(demo.level)}"]
        if demo.parent:
            lines.append(f"parent = {_toml(demo.parent)}")
        lines += [f'endpoints = {{ http = {_toml(ends["http"])}, https = {_toml(ends["https"])} }}', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def cmd_demo(args: argparse.Namespace) -> int:
    """The main job on the bundled demo portals: two nightly runs, with a change on the portals in between.

    The portals are served on loopback (HTTP and HTTPS with a local CA, [::1] twins, their own DNS zone)
    under their public names; each night is a real ``nd42 nightly`` run (a process of its own: Scrapy's
    reactor cannot start twice in one process).  Night 1 is the day before the run clock, night 2 the
    run clock, when some portals fixed things and others broke.  Changes are confirmed at once (K = 1)
    so that the first dashboard already shows the diff.  Every verdict and the diff are compared with
    the portals' known truth.
    """
    import datetime as dt
    import subprocess

    from nd42.cli import _clock, _writable_dir
    from nd42.demo.portals import build_portals, changes_for
    from nd42.demo.server import start
    from nd42.history import run_changes
    from nd42.store import Store
    from rules.profiles import load_profile
    from rules.scoring import score as score_findings

    out_dir = _writable_dir(Path(args.out), "--out")
    now2 = _clock(args.now)
    now1 = now2 - dt.timedelta(days=1)
    profile = load_profile(args.profile or "nd42-2022")
    db_path = Path(args.db) if args.db else out_dir / "nd42-demo.sqlite3"
    if not args.db:
        # Each demo starts a fresh history of its own: its two nights, nothing left from an earlier demo.
        import shutil

        db_path.unlink(missing_ok=True)
        shutil.rmtree(out_dir / "runs", ignore_errors=True)
    nights = {1: (now1, build_portals(vn_today(now1))), 2: (now2, build_portals(vn_today(now2), night=2))}
    vi = args.lang == "vi"
    results: dict[int, int] = {}
    with start(nights[1][1], now=now1) as network:
        registry = demo_registry(network, nights[1][1], out_dir / "demo-registry.toml")
        common = ["--registry", str(registry), "--db", str(db_path), "--out", str(out_dir), "--profile", profile.id,
                  "--flap-k", "1", "--lang", args.lang, "--dns-server", network.dns_server, "--ca-file",
                  network.ca_file, "--delay", str(args.delay), "--budget", str(args.budget), "--timeout",
                  str(args.timeout), "--concurrency", str(args.concurrency),
                  *[a for host, ip in sorted(network.resolve.items()) for a in ("--resolve", f"{host}:{ip}")]]
        if args.quiet:
            common.append("--quiet")
        for night, (clock, portals) in nights.items():
            if night == 2:
                network.switch(portals, now=clock)
            print(("Đêm" if vi else "Night") + f" {night} ({clock:%d/%m/%Y}) …", flush=True)
            command = [sys.executable, "-m", "nd42.cli", "nightly", *common, "--now", clock.isoformat()]
            done = subprocess.run(command, stdout=subprocess.PIPE, text=True)  # noqa: S603 (our own interpreter)
            if done.returncode != 0:
                print(done.stdout)
                print(f"nd42 demo: nightly run {night} exited with {done.returncode}", file=sys.stderr)
                return done.returncode
            with Store(db_path) as store:
                latest = store.latest_run(kind="nightly")
                assert latest is not None
                results[night] = latest.id
    with Store(db_path) as store:
        total = agree = 0
        for night, run_id in results.items():
            portals = nights[night][1]
            print()
            print(("Đêm" if vi else "Night") + f" {night} — " + ("lượt" if vi else "run") + f" {run_id}")
            print(f"{'portal':<18} {'score':>5}  truth")
            for pid in store.portal_ids(run_id):
                findings = store.load_findings(run_id, pid)
                value = score_findings(findings).get("score")
                expect = portals[pid].truth.get("expect", {})
                wrong = demo_agreement(findings, expect, profile.id)
                total += len(expect)
                agree += len(expect) - len(wrong)
                shown = "—" if value is None else f"{value:.0f}"
                print(f"{pid:<18} {shown:>5}  {len(expect) - len(wrong)}/{len(expect)}")
                for rule_id, want, have in wrong:
                    print(f"{'':18}   ✗ {rule_id}: {'mong đợi' if vi else 'expected'} {want}, "
                          f"{'kết quả' if vi else 'got'} {have}")
        changes = run_changes(store, results[2], flap_k=1)
        declared = changes_for(nights[2][1], profile.id)
        got = {pid: {"new_failures": sorted(c.new_failures), "fixed": sorted(c.fixed)}
               for pid, c in changes.portals.items()}
        expected_diff = {pid: {k: sorted(v) for k, v in d.items()} for pid, d in declared.items()}
        same_diff = all(got.get(pid, {"new_failures": [], "fixed": []}) == expected_diff[pid] for pid in expected_diff)
        print()
        print(("Thay đổi từ đêm 1 sang đêm 2" if vi else "Changes from night 1 to night 2") + ":")
        for pid in sorted(expected_diff):
            entry = got.get(pid, {"new_failures": [], "fixed": []})
            if entry["new_failures"] or entry["fixed"]:
                print(f"  {pid}: {'lỗi mới' if vi else 'new failures'} {', '.join(entry['new_failures']) or '—'}; "
                      f"{'đã khắc phục' if vi else 'fixed'} {', '.join(entry['fixed']) or '—'}")
        print(("Kết quả khớp với dữ liệu chuẩn của các cổng mẫu" if vi else "Verdicts matching the demo portals' truth")
              + f" ({profile.id}): {agree}/{total}; "
              + ("thay đổi khớp" if vi else "changes match") + f": {'✓' if same_diff else '✗'}")
    print(("Trang tổng hợp" if vi else "Dashboard") + f": {out_dir / 'index.html'}")
    print(("Cơ sở dữ liệu" if vi else "Database") + f": {db_path}")
    return 0 if agree == total and same_diff else 1


# ---------------------------------------------------------------------------------------------- report / recheck
def _run_id(store: Any, value: str | None) -> int:
    if value in (None, "latest"):
        info = store.latest_run(complete_only=False)
        if info is None:
            from nd42.cli import UsageError

            raise UsageError("cơ sở dữ liệu chưa có lượt chạy nào / the database holds no run yet")
        return int(info.id)
    return int(str(value))


def cmd_report(args: argparse.Namespace) -> int:
    """Render a stored run again from the store, without crawling: OUT/runs/<run>/ and the landing page."""
    from nd42.cli import _writable_dir
    from nd42.nightly_out import publish_run
    from nd42.store import Store, default_db_path

    out_dir = _writable_dir(Path(args.out), "--out")
    with Store(Path(args.db) if args.db else default_db_path(), create=False) as store:
        run_id = _run_id(store, args.run)
        dashboard = publish_run(store, run_id, out_dir, lang=args.lang, flap_k=args.flap_k)
    print(("Trang tổng hợp" if args.lang == "vi" else "Dashboard") + f": {dashboard}")
    print(("Trang chính" if args.lang == "vi" else "Landing page") + f": {out_dir / 'index.html'}")
    return 0


def cmd_recheck(args: argparse.Namespace) -> int:
    """Evaluate the current rules on a stored run's snapshots, as a new run; no crawl.

    The new run (kind ``recheck``) keeps the source run untouched, records ``source_run`` in its
    options, uses each snapshot's own crawl clock and the portal's stored rule overrides, and
    gets its own reports.
    """
    from nd42.cli import _writable_dir
    from nd42.nightly_out import publish_run
    from nd42.store import Store, default_db_path
    from rules.engine import evaluate
    from rules.profiles import load_profile
    from rules.scoring import score as score_findings

    out_dir = _writable_dir(Path(args.out), "--out")
    with Store(Path(args.db) if args.db else default_db_path(), create=False) as store:
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
        index = publish_run(store, run_id, out_dir, lang=args.lang, flap_k=args.flap_k)
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
    report.add_argument("--flap-k", type=int, default=2, metavar="K",
                        help="changes count once held for K consecutive complete runs (default 2)")
    report.set_defaults(func=cmd_report)

    recheck = sub.add_parser("recheck", help="evaluate the current rules on a stored run's snapshots as a new run "
                                             "and write its reports (no crawl)")
    recheck.add_argument("run", nargs="?", default="latest", help="run id (default: the latest)")
    recheck.add_argument("--db", help="SQLite database")
    recheck.add_argument("--profile", help="evaluate under another profile (default: the source run's)")
    recheck.add_argument("--out", default="nd42-out", help="directory for the new run's reports")
    recheck.add_argument("--lang", choices=("vi", "en"), default="vi")
    recheck.add_argument("--flap-k", type=int, default=2, metavar="K", help="for its dashboard's changes (default 2)")
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
