"""Our pages' only style sheets and only script, and the Content-Security-Policies that admit exactly them.

Both are constants of this module, never templates: their SHA-256 hashes go into the page's CSP,
so anything else — a script or style that portal text might smuggle in, an inline event
handler, a ``style`` attribute — is refused by the browser even if escaping ever failed.  The
script holds no portal text and no language: it reads the rows' ``data-*`` attributes (escaped
by the template) and the counter's wording from the page, and writes with ``textContent`` only.
The page is complete without it (the filter form starts ``hidden``; every row is shown).
"""

from __future__ import annotations

import base64
import hashlib

from markupsafe import Markup

FILTER_SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var counter = document.getElementById("filter-count");
  if (!form || !counter) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-portal]"));
  var total = document.querySelectorAll("#ranking tbody tr[data-portal]").length;
  function tagsOf(row) {
    try {
      var list = JSON.parse(row.getAttribute("data-tags") || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }
  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : "";
  }
  function apply() {
    var agency = value("agency");
    var level = value("level");
    var tag = value("tag");
    var shown = 0;
    rows.forEach(function (row) {
      var keep = (!agency || row.getAttribute("data-agency") === agency) &&
        (!level || row.getAttribute("data-level") === level) &&
        (!tag || tagsOf(row).indexOf(tag) >= 0);
      row.hidden = !keep;
      if (keep && row.closest("#ranking")) { shown += 1; }
    });
    counter.textContent = (counter.getAttribute("data-template") || "{shown}/{total}")
      .replace("{shown}", String(shown)).replace("{total}", String(total));
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
}());
"""

DASHBOARD_CSS = """
body{font-family:"Segoe UI",Arial,"Noto Sans",sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:80rem;
padding:1rem;line-height:1.45}
h1{font-size:1.5rem;border-bottom:3px solid #a50e0e;padding-bottom:.3rem;margin-top:.5rem}
h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1rem}
a{color:#0b4fa8}a:focus,select:focus,button:focus{outline:3px solid #c26a00;outline-offset:1px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #c8c8c8;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}caption{text-align:left;color:#444;font-size:.85rem;padding:.2rem 0}
td.num,th.num{text-align:right;white-space:nowrap}
.muted{color:#555;font-size:.85rem}.tags{display:block;color:#555;font-size:.8rem}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.b{display:inline-block;padding:.05rem .45rem;border-radius:.25rem;font-weight:600;font-size:.85rem}
.fail{background:#fde2e1;color:#7f1d1d}.pass{background:#e3f4e6;color:#14532d}.warn{background:#fff3cd;color:#6b4e00}
.note{border:1px solid #b58100;border-left:6px solid #b58100;background:#fffbeb;padding:.4rem .8rem;margin:.8rem 0}
.alert{border:1px solid #b91c1c;border-left:6px solid #b91c1c;background:#fff5f5;padding:.4rem .8rem;margin:.8rem 0}
dl.summary{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:.5rem 0}dl.summary div{min-width:10rem}
dl.summary dt{color:#444;font-size:.85rem}dl.summary dd{margin:0;font-size:1.25rem;font-weight:600}
nav.toc ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
form#filters{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:flex-end;border:1px solid #c8c8c8;
padding:.6rem .8rem;background:#fafafa}
form#filters[hidden]{display:none}form#filters label{display:block;font-size:.85rem;color:#333}
select,button{font:inherit;font-size:.9rem;padding:.2rem .3rem;border:1px solid #767676;border-radius:.2rem;
background:#fff;color:#1a1a1a}button{cursor:pointer;background:#f2f2f2}
#filter-count{margin:.4rem 0;font-weight:600}
tr[hidden]{display:none}
.score{font-weight:700;font-size:1rem}.delta{font-size:.8rem;color:#333;white-space:nowrap}
svg.spark{vertical-align:middle}td.trend{white-space:nowrap}
td.heat{text-align:center;font-weight:600;white-space:nowrap;min-width:5.5rem}
td.heat .k{display:block;font-weight:400;font-size:.8rem}
.h-good{background:#d3eeda;color:#0f3d1e}.h-mid{background:#fdeeb8;color:#503a00}
.h-bad{background:#f8cfcb;color:#6e0f0f}.h-none{background:#eceff3;color:#333}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}
ul.legend span.sw{display:inline-block;min-width:2.2rem;text-align:center;border:1px solid #999;margin-right:.3rem;
font-weight:600}
ul.rules{margin:0;padding-left:1.1rem}ul.rules li{margin:.1rem 0}
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem}
@media print{body{max-width:none;padding:0;font-size:9pt}
form#filters,nav.toc,#filter-count,noscript{display:none!important}a{color:#000;text-decoration:none}h2{break-after:avoid}tr,.note,.alert{break-inside:avoid}
td.heat,.b,.fail,.pass,.warn,.h-good,.h-mid,.h-bad,.h-none{-webkit-print-color-adjust:exact;print-color-adjust:exact}
thead{display:table-header-group}}
"""

# The portal reports' (and the demo index's) sheet, moved here from _base.html.j2 so that it too is
# admitted by its hash rather than by 'unsafe-inline'.  Those pages have no script at all.
REPORT_CSS = """
body{font-family:"Segoe UI",Arial,"Noto Sans",sans-serif;color:#1a1a1a;margin:0 auto;max-width:64rem;padding:1rem;
line-height:1.45}
h1{font-size:1.5rem;border-bottom:3px solid #a50e0e;padding-bottom:.3rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}
.b{display:inline-block;padding:.05rem .45rem;border-radius:.25rem;font-weight:600;font-size:.85rem}
.pass{background:#e3f4e6;color:#14532d}.fail{background:#fde2e1;color:#7f1d1d}.warn{background:#fff3cd;color:#6b4e00}
.not_determinable,.not_applicable{background:#eceff3;color:#333}.error{background:#f3e8ff;color:#4c1d95}
.f{border:1px solid #ddd;border-left:5px solid #999;padding:.5rem .8rem;margin:.6rem 0;break-inside:avoid}
.f.fail{border-left-color:#b91c1c;background:#fff}.f.warn{border-left-color:#b58100;background:#fff}
.f.pass{border-left-color:#15803d;background:#fff}
code,blockquote{font-size:.85rem;word-break:break-all}
blockquote{margin:.3rem 0;padding:.2rem .6rem;border-left:3px solid #ccc;background:#fafafa}
.muted{color:#555;font-size:.85rem}.unv{color:#7f1d1d;font-weight:600}
.note{border:1px solid #b58100;background:#fffbeb;padding:.4rem .8rem;margin:.6rem 0}
table.summary td:first-child{white-space:nowrap}table.details{margin:.4rem 0;font-size:.8rem}
@media print{body{max-width:none;padding:0;font-size:10pt}.f{background:none!important}h2{break-after:avoid}
a[href]:after{content:" (" attr(href) ")";font-size:.75rem;word-break:break-all}a[href^="#"]:after{content:""}
details{display:block}details>summary{display:none}details table{display:table}nav{display:none}}
"""


def source_hash(source: str) -> str:
    """The CSP source expression admitting exactly this inline ``<script>`` or ``<style>`` text."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def dashboard_csp() -> str:
    # default-src 'none' also forbids fetch/XHR, images, fonts, frames and plugins: the page needs none.
    # base-uri and form-action are not covered by default-src, so they are closed explicitly.  Trusted
    # Types with no policy make every HTML/script sink (innerHTML, script.text, …) throw: our script
    # writes textContent only, so a DOM-based injection has nowhere to land either.
    return (f"default-src 'none'; script-src {source_hash(FILTER_SCRIPT)}; style-src {source_hash(DASHBOARD_CSS)}; "
            "base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'")


def report_csp() -> str:
    return f"default-src 'none'; style-src {source_hash(REPORT_CSS)}; base-uri 'none'; form-action 'none'"


def script() -> Markup:
    # Marked safe because it is this module's constant (tests check it holds no "</").
    return Markup(FILTER_SCRIPT)  # noqa: S704 (our constant)


def style() -> Markup:
    return Markup(DASHBOARD_CSS)  # noqa: S704


def report_style() -> Markup:
    return Markup(REPORT_CSS)  # noqa: S704
