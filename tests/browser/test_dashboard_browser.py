"""The dashboard site in a real browser: Debian's headless Chromium, opened from file:// as from a file share.

One browser launch: the dashboard and a portal report rendered by ``render_site`` from a store
with three nightly runs (tests/test_dashboard.py builds it).  Asserted: no console error and no
page error (a script or style refused by the CSP would log one), nothing requested from anywhere,
no dialog (the hostile portal's payloads stay text), the filters really hide and show rows, the
relative links work both ways, an injected script or HTML sink is refused by the CSP, and
axe-core (pinned in tools/axe, every rule it runs by default) finds no serious or critical
violation on either page.  With JavaScript off, the whole table shows and the filter form stays
hidden.  A screenshot of the dashboard is saved (its path is printed; ``ND42_SCREENSHOT_DIR``
keeps it somewhere else than pytest's tmp).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from nd42.store import Store
from reports.site import file_names, render_site
from tests.browser import axe_harness
from tests.test_dashboard import LAST, PORTALS, XSS, build_store

AXE_ALL = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations'], iframes: false});
  return {version: axe.version,
          violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                               nodes: v.nodes.map(n => n.target.join(' '))}))};
}"""

# Runs in the page (Playwright's evaluate is not subject to the CSP, what it injects is): an HTML sink
# and a new inline script, as a payload that escaped the template would try.
PROBE = """async () => {
  const out = {html: "allowed", script: "allowed"};
  try { document.body.insertAdjacentHTML("beforeend", "<b>x</b>"); } catch (e) { out.html = e.name; }
  try {
    const s = document.createElement("script");
    s.textContent = "window.__nd42_ran = true;";
    document.body.appendChild(s);
  } catch (e) { out.script = e.name; }
  await new Promise(r => setTimeout(r, 50));
  out.ran = Boolean(window.__nd42_ran);
  return out;
}"""


def visible_rows(page: Any, table: str) -> list[str]:
    return [str(p) for p in page.eval_on_selector_all(
        f"#{table} tbody tr[data-portal]", "rows => rows.filter(r => !r.hidden && r.offsetParent !== null)"
                                           ".map(r => r.dataset.portal)")]


def test_dashboard_in_chromium(tmp_path: Path) -> None:
    why = axe_harness.missing()
    if why is not None:
        reason, skip = why
        if skip:
            pytest.skip(reason)
        pytest.fail(reason)
    from playwright.sync_api import Request, Route, expect, sync_playwright

    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    runs = build_store(tmp_path / "nd42.sqlite3")
    with Store(tmp_path / "nd42.sqlite3") as store:
        index = render_site(store, runs[-1], tmp_path / "site")
    report_name = file_names(PORTALS)["krongno"]
    screenshot = Path(os.environ.get("ND42_SCREENSHOT_DIR") or tmp_path) / "nd42-dashboard.png"

    errors: list[str] = []
    requests: list[str] = []
    dialogs: list[str] = []
    axe: dict[str, dict[str, Any]] = {}

    def refuse(route: Route) -> None:
        requests.append(route.request.url)
        route.abort()

    def watch(page: Any) -> None:
        page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        def seen(request: Request) -> None:
            if not request.url.startswith("file://"):
                requests.append(request.url)
        page.on("request", seen)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(axe_harness.CHROMIUM), headless=True,
                                     args=axe_harness.LAUNCH_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("http://**/*", refuse)
            context.route("https://**/*", refuse)
            context.add_init_script(path=str(axe_harness.AXE_JS))
            page = context.new_page()
            watch(page)
            page.goto(index.as_uri(), wait_until="load")

            # The script ran (the CSP admitted its hash): the form is shown and the counter filled in.
            assert page.is_visible("#filters")
            everyone = visible_rows(page, "ranking")
            assert sorted(everyone) == sorted(LAST) and len(visible_rows(page, "heat")) == len(LAST)
            page.select_option("#f-agency", "UBND huyện Krông Nô")
            assert sorted(visible_rows(page, "ranking")) == ["down", "krongno"]
            assert sorted(visible_rows(page, "heat")) == ["down", "krongno"]
            assert visible_rows(page, "changes-table") == ["krongno"]
            assert page.text_content("#filter-count") == "Đang hiển thị 2 trên 6 cổng"
            page.select_option("#f-level", "department")  # no department of that agency
            assert visible_rows(page, "ranking") == [] and page.text_content("#filter-count").startswith(
                "Đang hiển thị 0 ")
            page.click("button[type=reset]")
            # The form's reset applies after the browser restores the selects (a task later): poll.
            expect(page.locator("#filter-count")).to_have_text("Đang hiển thị 6 trên 6 cổng")
            assert visible_rows(page, "ranking") == everyone
            page.select_option("#f-tag", "daknong")
            assert sorted(visible_rows(page, "ranking")) == ["sgtvt", "skhcn"]
            page.select_option("#f-tag", XSS)  # a hostile tag is just a value
            assert visible_rows(page, "ranking") == ["hostile"]
            page.select_option("#f-tag", "")
            page.select_option("#f-level", "district")
            assert sorted(visible_rows(page, "ranking")) == ["daksong", "down", "krongno"]
            page.click("button[type=reset]")
            # The form's reset applies after the browser restores the selects (a task later): poll.
            expect(page.locator("#filter-count")).to_have_text("Đang hiển thị 6 trên 6 cổng")
            page.screenshot(path=str(screenshot), full_page=True)
            axe["index.html"] = page.evaluate(AXE_ALL)

            # The report link is relative and works from file://; so does the link back.
            page.click(f"#ranking a[href='portals/{report_name}']")
            page.wait_for_load_state("load")
            assert page.url.endswith(f"/portals/{report_name}")
            assert page.is_visible("table.history")
            axe[report_name] = page.evaluate(AXE_ALL)
            page.click("nav a[href='../index.html']")
            page.wait_for_load_state("load")
            assert page.url == index.as_uri()
            # The hostile portal's report: its payloads are text; nothing runs.
            page.goto((index.parent / "portals" / file_names(PORTALS)["hostile"]).as_uri(), wait_until="load")
            assert XSS in page.text_content("body")

            # Were escaping ever to fail, the dashboard's CSP still refuses an injected script and an HTML
            # sink (Trusted Types).  A page without the console watch: these refusals log errors on purpose.
            probe = context.new_page()
            probe.goto(index.as_uri(), wait_until="load")
            assert probe.evaluate(PROBE) == {"html": "TypeError", "script": "TypeError", "ran": False}
            context.close()

            # JavaScript off: no filter form, every row shown.
            plain = browser.new_context(java_script_enabled=False)
            plain.route("http://**/*", refuse)
            plain.route("https://**/*", refuse)
            nojs = plain.new_page()
            watch(nojs)
            nojs.goto(index.as_uri(), wait_until="load")
            assert not nojs.is_visible("#filters")
            assert nojs.locator("#ranking tbody tr:visible").count() == len(LAST)
            assert nojs.locator("noscript").count() == 1
            plain.close()
        finally:
            browser.close()

    print(f"\nscreenshot: {screenshot}")
    counts = {name: {impact: sum(1 for v in r["violations"] if v["impact"] == impact)
                     for impact in ("critical", "serious", "moderate", "minor")} for name, r in axe.items()}
    print(f"axe-core {axe['index.html']['version']}: {counts}")
    for name, r in axe.items():
        for v in r["violations"]:
            print(f"  {name}: {v['id']} ({v['impact']}): {v['help']} {v['nodes'][:3]}")
    assert not errors, errors
    assert not requests, requests
    assert not dialogs, dialogs
    assert {r["version"] for r in axe.values()} == {axe_harness.pinned_axe_version()}
    serious = [f"{name}: {v['id']} ({v['impact']}): {v['help']} {v['nodes'][:3]}"
               for name, r in axe.items() for v in r["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)
    assert screenshot.is_file() and screenshot.stat().st_size > 10_000
