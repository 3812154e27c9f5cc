"""The index page of a set of portal reports (demo, re-rendered runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reports.i18n import STATUS, text
from reports.render import environment

FRESHNESS_RULES = ("FR-001", "FR-002", "FR-003")


def write_index(out_dir: Path, rows: list[dict[str, Any]], *, lang: str = "vi", title: str) -> Path:
    view = []
    for row in rows:
        status = {f.rule_id: f.status.value for f in row["findings"]}
        counts = {s: sum(1 for f in row["findings"] if f.status.value == s) for s in ("fail", "warn",
                                                                                     "not_determinable")}
        view.append({"row": row, "fresh": [status.get(r, "") for r in FRESHNESS_RULES], "counts": counts})
    html = environment().get_template("index.html.j2").render(
        lang=lang, title=title, rows=view, rules=FRESHNESS_RULES, t=lambda k: text(k, lang),
        status_name=lambda s: STATUS[s][lang] if s in STATUS else "—")
    path = out_dir / "index.html"
    path.write_text(html, encoding="utf-8")
    return path
