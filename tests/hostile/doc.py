"""docs/hostile-portals.md, written from the table of cases: ``python -m tests.hostile.doc`` rewrites it.

tests/test_hostile.py checks that the file on disk is what this module writes, so the doc never lags
behind tests/hostile/cases.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.hostile.cases import CASES, PAGE_BUDGET, Case, describe_check

PATH = Path(__file__).resolve().parents[2] / "docs" / "hostile-portals.md"

INTRO = f"""\
# Hostile portals / Cổng thông tin "khó chịu"

<!-- Written by `python -m tests.hostile.doc` from tests/hostile/cases.py: edit the cases, not this file. -->

nd42 crawls old, misconfigured and sometimes hostile servers unattended. `tests/test_hostile.py` runs one
real `nd42 nightly` over {len(CASES)} portals that each do one thing wrong, on 127.0.0.1 only: one threaded
server (`tests/hostile/server.py`, raw sockets, so that it can lie about lengths, stall, drip, reset and send
garbage) serves every case by its Host header (and, for HTTPS, by SNI: valid, expired, self-signed,
wrong-host certificates, or a refused handshake), and a loopback DNS server answers the DNS cases. Each case is
an ordinary small portal (`tests/hostile/site.py`: a home page, news and directive listings, articles,
contacts, a site map, a search page) with the one thing wrong.

Every case must, in the same night (12 portals at once, `--timeout 3`, a page budget of {PAGE_BUDGET}):

- finish within its time budget (the column *budget*, plus one download timeout and 3 s of slack for a busy
  2-core machine), measured from the servers' own logs and the progress lines;
- keep the crawling process's peak RSS under 400 MB (all cases together; `wait4`), the whole night under 60 s;
- get an HTML report and stored findings, no `error` finding;
- leave every check that could not run *not determinable* with an error class, and when the home page could
  not be read, no verdict at all except the network probes' (TLS, DNS, IPv6, the home page's status);
- request nothing off the portal's own host and its `www.` twin (asserted from the server's log: requests, TLS
  connections and their SNI, DNS queries);
- store a bounded snapshot (at most 1,000,000 characters as JSON, no string over 20,000 characters, error
  messages at most 500);
- leave no traceback in the log, and the night exits 0.

## Running it

```
.venv/bin/python -m pytest -q tests/test_hostile.py             # the whole night, ~20-40 s
ND42_HOSTILE=gzip-bomb,redirect-loop .venv/bin/python -m pytest -q -s tests/test_hostile.py
```

`ND42_HOSTILE` runs the night over the named cases only (the same caps apply); `-s` shows the night's wall time
and peak RSS. To add a case: a row in `CASES` (`tests/hostile/cases.py`: a handler or pages overriding the
ordinary portal, the budget, whether the home page must be read or fail with which error classes, pinned rule
verdicts, a check), then `python -m tests.hostile.doc` to rewrite this page.

## Error classes

What the report shows for a fetch that failed (the crawl's pages, sections and the findings they leave
*not determinable*): `timeout` (no complete answer within the download timeout), `dns`, `tls`, `refused`,
`reset` (the connection closed or broke before a complete answer: a reset, a truncated body, garbage instead of
HTTP), `too_large` (over the 10 MB download cap, decompressed size included), `redirect_loop`, `offsite` (a
redirect off the portal's hosts, not followed), `redirect_scheme` (a redirect to `file:`, `ftp:`, `data:`,
`javascript:`...), `redirect_invalid` (a malformed `Location`), `http_NNN`, `waf` (a challenge page),
`robots` (robots.txt disallows it), `time_budget` (a section asked for, not answered before the portal's time
budget ran out). A meta refresh that may not be followed (off-site, another scheme, a loop) leaves the page as
read.

## The cases

| id | what the portal does | budget (s) | expected |
|---|---|---|---|
"""


def _expected(case: Case) -> str:
    parts = ["home page read" if case.home == "read" else f"home page fails: {' or '.join(case.errors)}"]
    parts += [f"{rule} {status}" for rule, status in case.statuses.items()]
    if case.check is not None:
        parts.append(describe_check(case.check))
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def render() -> str:
    rows = [f"| `{case.id}` | {_cell(case.what)} | {case.budget:g} | {_cell(_expected(case))} |"
            for case in CASES]
    return INTRO + "\n".join(rows) + "\n"


def main() -> int:
    PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {PATH} ({len(CASES)} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
