"""Our accessibility verdicts agree with axe-core's on the checks both make.

The fixture pages (``pages.py``) are served on 127.0.0.1.  For each page, axe-core (pinned in
tools/axe) runs in Debian's headless Chromium, and our side reads the same bytes over HTTP,
extracts the facts with the crawler's own code, called as the spider calls it
(``crawler.extract.facts.page_facts_scan`` and ``crawler.extract.tech.tech_facts``), and runs
the AC rules on a one-page snapshot.  For every overlapping axe rule the test asserts that both
say "violation" on the same pages (and, where the facts count the elements, that the count is
the number of elements axe reports), and that every check has pages of both kinds (so agreement
is not vacuous).  One browser launch for all pages: a single test.

Checks compared (axe rule ↔ our rule and the part of its verdict):
html-has-lang ↔ AC-001 "missing"; html-lang-valid ↔ AC-001 "invalid" (where axe's has-lang
passed: a blank lang fires both in axe); document-title ↔ AC-002; image-alt ↔ AC-003; label ↔
AC-004 inputs; select-name ↔ AC-004 selects; link-name ↔ AC-007 nameless links; marquee, blink ↔
AC-008; frame-title ↔ AC-009; heading-order ↔ AC-005 skipped levels; td-has-header
(experimental, 3 × 3 tables and larger) ↔ AC-006.  AC-001's "not vi on Vietnamese content" and
AC-007's vague texts go beyond axe and are not compared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

from nd42.clock import VN_TZ
from nd42.config import allowed_hosts
from nd42.records import Finding, PageFetch, PortalSnapshot, Status
from rules.base import all_rules
from rules.engine import evaluate
from tests.browser import axe_harness
from tests.browser.pages import PAGES

NOW = dt.datetime(2026, 9, 15, 9, 30, tzinfo=VN_TZ)
AC_RULES = ("AC-001", "AC-002", "AC-003", "AC-004", "AC-005", "AC-006", "AC-007", "AC-008", "AC-009")


def problem(finding: Finding) -> str:
    """Which part of a one-page finding failed (``details["pages"][0]["problem"]``), "" when it passed."""
    if finding.status not in (Status.FAIL, Status.WARN):
        return ""
    pages = finding.details.get("pages") or [{}]
    return str(pages[0].get("problem", ""))


@dataclasses.dataclass(frozen=True)
class Check:
    axe: str
    rule: str
    ours: Callable[[Finding], bool]
    count: str | None = None  # the a11y fact counting the elements axe reports
    applies: Callable[[dict[str, Any]], bool] = lambda axe: True


CHECKS = (
    Check("html-has-lang", "AC-001", lambda f: problem(f) == "missing"),
    Check("html-lang-valid", "AC-001", lambda f: problem(f) == "invalid",
          applies=lambda axe: "html-has-lang" not in axe["violations"]),
    Check("document-title", "AC-002", lambda f: f.status is Status.FAIL),
    Check("image-alt", "AC-003", lambda f: f.status is Status.FAIL, "images_no_alt"),
    Check("label", "AC-004", lambda f: "inputs_unlabelled" in problem(f), "inputs_unlabelled"),
    Check("select-name", "AC-004", lambda f: "selects_unlabelled" in problem(f), "selects_unlabelled"),
    Check("link-name", "AC-007", lambda f: problem(f) == "nameless", "links_no_name"),
    Check("marquee", "AC-008", lambda f: "marquee" in problem(f), "marquee"),
    Check("blink", "AC-008", lambda f: "blink" in problem(f), "blink"),
    Check("frame-title", "AC-009", lambda f: f.status is Status.FAIL, "frames_untitled"),
    Check("heading-order", "AC-005", lambda f: problem(f) == "skip"),
    Check("td-has-header", "AC-006", lambda f: f.status in (Status.WARN, Status.FAIL)),
)


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only: the test's own server
        return response.read(), response.headers.get("Content-Type", "")


def our_side(url: str) -> tuple[dict[str, Finding], dict[str, Any]]:
    """Our findings for one page (as the portal's home page) and its ``a11y`` facts."""
    from crawler.extract.facts import page_facts_scan
    from crawler.extract.page import ParsedPage
    from crawler.extract.tech import tech_facts

    body, content_type = fetch(url)
    hosts = allowed_hosts(url)  # what the spider passes (crawler/spiders/portal.py)
    parsed = ParsedPage(url, body, content_type)
    facts, found = page_facts_scan(parsed, "home", hosts)
    facts["tech"] = tech_facts(parsed, body, content_type, found=found, home=True, hosts=hosts)
    home = PageFetch(url=url, role="home", final_url=url, status=200, content_type=content_type,
                     headers={"content-type": content_type}, fetched_at=NOW.isoformat(), facts=facts)
    snapshot = PortalSnapshot(portal_id="axe", url=url, started_at=NOW, finished_at=NOW, home_url=url, pages=[home],
                              discovery={"menus": "read", "sitemap_page": "absent", "sitemap_xml": "absent"})
    registry = all_rules()
    findings = evaluate(snapshot, "nd42-2022", NOW, overrides={r: {"enabled": True} for r in AC_RULES},
                        rules=[registry[r] for r in AC_RULES])
    return {f.rule_id: f for f in findings}, facts["tech"].get("a11y", {})


def agreement(base: str, axe: dict[str, dict[str, Any]]) -> tuple[list[list[Any]], list[str], list[str]]:
    """The agreement table (check, pages compared, verdicts agreeing, axe violations, counts agreeing),
    the disagreements (page, check, ours, axe's) and the checks lacking a passing or a failing page."""
    ours = {name: our_side(base + name) for name in axe}
    table, disagreements, vacuous = [], [], []
    for check in CHECKS:
        compared = agreed = violating = counted = counts_agree = 0
        for name, result in axe.items():
            if not check.applies(result):
                continue
            findings, a11y = ours[name]
            finding = findings[check.rule]
            axe_nodes = result["violations"].get(check.axe, [])
            mine, theirs = check.ours(finding), bool(axe_nodes)
            compared += 1
            violating += theirs
            if mine == theirs:
                agreed += 1
            else:
                disagreements.append(f"{name}: {check.axe}: ours {'violation' if mine else 'pass'} "
                                     f"({check.rule} {finding.status.value}: {finding.message_en}), axe "
                                     f"{'violation ' + str(axe_nodes) if theirs else 'pass'}")
            if check.count is not None:
                counted += 1
                recorded = int(a11y.get(check.count) or 0)
                if recorded == len(axe_nodes):
                    counts_agree += 1
                else:
                    disagreements.append(f"{name}: {check.axe}: facts.tech.a11y.{check.count} = {recorded}, axe "
                                         f"reports {len(axe_nodes)} element(s) {axe_nodes}")
        if not violating or violating == compared:
            vacuous.append(f"{check.axe}: {violating} violating of {compared} pages")
        table.append([check.axe, check.rule, compared, agreed, violating,
                      f"{counts_agree}/{counted}" if check.count else "—"])
    return table, disagreements, vacuous


def test_axe_agreement() -> None:
    why = axe_harness.missing()
    if why is not None:
        reason, skip = why
        if skip:
            pytest.skip(reason)
        pytest.fail(reason)
    names = list(PAGES)
    with axe_harness.serve(PAGES) as base:
        axe = axe_harness.run_axe(base, names)
        table, disagreements, vacuous = agreement(base, axe)
    versions = {r["version"] for r in axe.values()}
    assert versions == {axe_harness.pinned_axe_version()}, versions
    shown = "\n".join(f"{c:16} {r}  pages {n:2}  agree {a:2}  axe violations {v:2}  counts {k}"
                      for c, r, n, a, v, k in table)
    assert not vacuous, "checks not exercised both ways:\n" + "\n".join(vacuous)
    assert not disagreements, f"{len(disagreements)} disagreement(s):\n" + "\n".join(disagreements) + "\n\n" + shown
