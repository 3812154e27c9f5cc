"""Date extraction throughput (issue 7): nd42's fast path against dateparser alone, same answers asserted.

10,000 date strings in the forms Vietnamese portals print (with a weekday and time,
time, bare ``dd/mm/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``, ISO dates and timestamps, "ngày 5 tháng 3
năm 2024", English month names), drawn reproducibly.  Each string goes through
:func:`crawler.extract.dates.parse_date` without its dateparser fallback (``fallback=False``: the
fast path alone) and through :func:`crawler.extract.dates.dateparser_date` (dateparser alone, vi and
en); the dates must be identical for every string.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def _forms(d: dt.date, rng: random.Random) -> list[str]:
    h, m = rng.randrange(7, 18), rng.randrange(60)
    wd = WEEKDAYS[d.weekday()]
    return [
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year} {h:02d}:{m:02d}",
        f"{wd}, {d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.year}-{d.month:02d}-{d.day:02d}",
        f"{d.year}-{d.month:02d}-{d.day:02d}T{h:02d}:{m:02d}:00+07:00",
        f"ngày {d.day} tháng {d.month} năm {d.year}",
        f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}",
        f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}",
    ]


def strings(n: int = 10_000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    out: list[str] = []
    while len(out) < n:
        d = start + dt.timedelta(days=rng.randrange(2150))
        out.append(rng.choice(_forms(d, rng)))
    return out


def run(n: int = 10_000) -> dict[str, Any]:
    from crawler.extract.dates import DateBounds, dateparser_date, parse_date

    bounds = DateBounds(dt.datetime(2026, 11, 24, 8, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    texts = strings(n)
    dateparser_date(texts[0], bounds)  # dateparser's import and its locale loading are not timed
    parse_date(texts[0], bounds, fallback=False)
    t0 = time.process_time()
    fast = []
    for text in texts:
        hit = parse_date(text, bounds, fallback=False)
        fast.append(hit.date if hit else None)
    t1 = time.process_time()
    slow = [dateparser_date(text, bounds) for text in texts]
    t2 = time.process_time()
    differ = [(t, f, s) for t, f, s in zip(texts, fast, slow, strict=True) if f != s]
    assert not differ, f"{len(differ)} strings read differently, e.g. {differ[:5]}"
    assert all(f is not None for f in fast)
    return {"strings": n, "fast_s": t1 - t0, "dateparser_s": t2 - t1, "ratio": (t2 - t1) / max(t1 - t0, 1e-9)}


if __name__ == "__main__":
    print(run())
