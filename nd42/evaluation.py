"""Measurements against yardsticks we do not own: the labelled real-page corpus and the devzoo.

Both are read at run time from folders given on the command line (``../shared/...`` beside a
checkout); nothing from them is copied into the repository.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.extract.article import extract_article_date
from crawler.extract.dates import DateBounds
from crawler.extract.listing import extract_listing
from crawler.extract.page import ParsedPage
from crawler.extract.sections import match_label
from nd42.clock import VN_TZ, crawl_start, vn_today
from nd42.config import CrawlOptions, PortalConfig
from nd42.records import PortalSnapshot

LISTING_PAGE_KINDS = ("listing", "document_listing", "qa")
FRESHNESS_RULES = {"directive_documents": "FR-001", "party_union": "FR-002", "news": "FR-003"}


def _capture_day(label: dict[str, Any]) -> dt.date | None:
    raw = str(label.get("capture", {}).get("date", ""))[:10]
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def evaluate_corpus(folder: Path, as_json: bool = False) -> int:
    """Date and section extraction over the corpus pages, against its labels.json."""
    labels_path = folder / "labels.json"
    if not labels_path.is_file():
        print(f"nd42: {labels_path}: not found", file=sys.stderr)
        return 2
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["files"]
    rows: list[dict[str, Any]] = []
    for name, label in sorted(labels.items()):
        path = folder / "pages" / name
        if not path.is_file():
            continue
        day = _capture_day(label) or dt.date(2026, 11, 24)
        # The page's own clock is its capture day: dates after it are traps, as they were then.
        bounds = DateBounds(now=dt.datetime.combine(day, dt.time(23, 59), VN_TZ))
        url = label.get("capture", {}).get("original_url") or f"http://{label.get('site', 'corpus.invalid')}/{name}"
        page = ParsedPage(url, path.read_bytes())
        kind = label["page_kind"]
        row: dict[str, Any] = {"file": name, "kind": kind}
        if kind in LISTING_PAGE_KINDS and label.get("newest_item_date"):
            result = extract_listing(page, bounds, label=label.get("section_name", ""))
            dated = [i.date for i in result.items if i.date]
            row.update({
                "items": len(result.items), "items_expected": label.get("item_count"),
                "newest": max(dated).isoformat() if dated else None, "newest_expected": label["newest_item_date"],
                "oldest": min(dated).isoformat() if dated else None, "oldest_expected": label.get("oldest_item_date"),
                "order": result.date_order,
            })
            row["newest_ok"] = row["newest"] == row["newest_expected"]
            row["oldest_ok"] = row["oldest"] == row["oldest_expected"]
            row["count_ok"] = row["items"] == row["items_expected"]
        elif kind in ("article", "document_detail") or label.get("published_date") or label.get("posting_date_raw"):
            expected = label.get("published_date") or label.get("posting_date_shown")
            found = extract_article_date(page, bounds)
            row.update({"date": found.date.isoformat() if found else None, "date_expected": expected,
                        "date_text": found.text if found else None, "stage": found.stage if found else None})
            if isinstance(expected, str) and len(expected) == 10:
                row["date_ok"] = row["date"] == expected
        if label.get("section_name"):
            match = match_label(label["section_name"])
            row["section_label"] = label["section_name"]
            row["section_kind"] = match.kind if match else None
        if kind == "home":
            menu = list(label.get("main_menu", []))
            for children in label.get("main_menu_children", {}).values():
                menu.extend(children)
            classified = {m: (hit.kind if (hit := match_label(m)) else None) for m in menu}
            row["menu_labels"] = len(menu)
            row["menu_classified"] = {k: v for k, v in classified.items() if v}
        rows.append(row)

    def share(key: str) -> tuple[int, int]:
        scored = [r[key] for r in rows if key in r]
        return sum(scored), len(scored)

    summary = {k: share(k) for k in ("newest_ok", "oldest_ok", "count_ok", "date_ok")}
    if as_json:
        print(json.dumps({"rows": rows, "summary": summary}, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        if "newest_ok" in r:
            print(f"{r['file']:<55} listing  items {r['items']}/{r['items_expected']}  newest {r['newest']} "
                  f"(label {r['newest_expected']}) {'✓' if r['newest_ok'] else '✗'}  oldest {r['oldest']} "
                  f"(label {r['oldest_expected']}) {'✓' if r['oldest_ok'] else '✗'}  order {r['order']}")
        elif "date_expected" in r:
            mark = "✓" if r.get("date_ok") else ("·" if "date_ok" not in r else "✗")
            print(f"{r['file']:<55} {r['kind']:<8} date {r['date']} (label {r['date_expected']}) {mark} "
                  f"[{r['stage']}: {r['date_text']!r}]")
        if "section_label" in r:
            print(f"{'':<55} section {r['section_label']!r} → {r['section_kind']}")
        if "menu_classified" in r:
            print(f"{r['file']:<55} home: {len(r['menu_classified'])}/{r['menu_labels']} menu labels named a kind: "
                  + ", ".join(f"{k!r}→{v}" for k, v in r["menu_classified"].items()))
    print("Summary: " + "; ".join(f"{k} {a}/{b}" for k, (a, b) in summary.items()))
    return 0


# ---------------------------------------------------------------------------------------------- devzoo
def _path_of(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return (parts.path.rstrip("/") or "/") + (f"?{parts.query}" if parts.query else "")


def evaluate_devzoo(folder: Path, today: str | None = None, as_json: bool = False, delay: float = 0.0) -> int:
    """Generate the zoo for a day, serve it, check every portal, compare with truth.json."""
    from crawler.runner import crawl_portals
    from rules.engine import evaluate
    from rules.profiles import load_profile

    zoo, serve = folder / "zoo.py", folder / "serve.py"
    if not zoo.is_file() or not serve.is_file():
        print(f"nd42: {folder}: zoo.py/serve.py not found", file=sys.stderr)
        return 2
    day = dt.date.fromisoformat(today) if today else vn_today(crawl_start())
    now = dt.datetime.combine(day, dt.time(12, 0), VN_TZ)
    profile = load_profile("nd42-2022")
    with tempfile.TemporaryDirectory(prefix="nd42-devzoo-") as tmp:
        subprocess.run([sys.executable, str(zoo), tmp, "--today", day.isoformat()], check=True,  # noqa: S603
                       capture_output=True)
        truth = json.loads((Path(tmp) / "truth.json").read_text(encoding="utf-8"))
        server = subprocess.Popen([sys.executable, str(serve), tmp, "--seconds", "1800"],  # noqa: S603
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None
            urls = json.loads(server.stdout.readline())
            snapshots: dict[str, PortalSnapshot] = {}
            configs = [PortalConfig(id=pid, url=base + "/") for pid, base in sorted(urls.items())]
            crawl_portals(configs, CrawlOptions(delay=delay, autothrottle=False), now,
                          lambda s: snapshots.__setitem__(s.portal_id, s))
        finally:
            server.terminate()
            server.wait(timeout=10)
    results = []
    for pid, facts in sorted(truth["portals"].items()):
        snap = snapshots.get(pid)
        findings = evaluate(snap, profile, now) if snap else []
        status = {f.rule_id: f.status.value for f in findings}
        for kind, expected in facts["sections"].items():
            section = snap.sections.get(kind) if snap else None
            newest = section.newest() if section else None
            row: dict[str, Any] = {
                "portal": pid, "kind": kind, "present": expected["present"], "found": section is not None,
                "url": _path_of(section.url) if section else None, "url_expected": expected.get("url"),
                "newest": newest.date.isoformat() if newest and newest.date else None,
                "newest_expected": expected.get("newest_date"), "via": section.via if section else None,
            }
            fresh = facts["verdicts"].get(f"{kind}_fresh")
            if kind in FRESHNESS_RULES:
                ours = status.get(FRESHNESS_RULES[kind])
            else:
                ours = None if newest is None or newest.date is None else (
                    "pass" if (day - newest.date).days <= truth["fresh_max_days"] else "fail")
            row.update({"verdict": ours, "fresh_expected": fresh,
                        "false_stale": fresh is True and ours in ("fail", "warn")})
            row["section_ok"] = row["found"] == row["present"] and (
                not row["present"] or _path_of(expected["url"]) == row["url"])
            row["newest_ok"] = (not row["present"]) or row["newest"] == row["newest_expected"]
            row["verdict_ok"] = fresh is None or (fresh and ours == "pass") or (not fresh and ours in ("fail", "warn"))
            results.append(row)
    present = [r for r in results if r["present"]]
    summary = {
        "sections_found": (sum(r["section_ok"] for r in present), len(present)),
        "absent_not_invented": (sum(not r["found"] for r in results if not r["present"]),
                                sum(1 for r in results if not r["present"])),
        "newest_exact": (sum(r["newest_ok"] for r in present), len(present)),
        "verdicts": (sum(r["verdict_ok"] for r in present), len(present)),
        "false_stale": sum(r["false_stale"] for r in results),
    }
    if as_json:
        print(json.dumps({"today": day.isoformat(), "rows": results, "summary": summary}, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        if not r["present"] and not r["found"]:
            continue
        marks = "".join("✓" if r[k] else "✗" for k in ("section_ok", "newest_ok", "verdict_ok"))
        print(f"{r['portal']:<18} {r['kind']:<20} {marks}  via {r['via'] or '—':<12} newest {r['newest']} "
              f"(truth {r['newest_expected']})  verdict {r['verdict']} (fresh={r['fresh_expected']})"
              + ("" if r["section_ok"] else f"  url {r['url']} vs {r['url_expected']}"))
    print("Summary: " + "; ".join(f"{k} {v[0]}/{v[1]}" if isinstance(v, tuple) else f"{k} {v}"
                                  for k, v in summary.items()))
    return 0
