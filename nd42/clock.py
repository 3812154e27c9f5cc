"""The crawl clock.

Rules never call ``now()``: the run's start time is taken once, here, by the command that starts
a run, and passed down as data (``PortalSnapshot.started_at`` / ``RuleContext.now``).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def crawl_start() -> dt.datetime:
    """The current instant in Vietnam time: call once per run, at its start."""
    return dt.datetime.now(VN_TZ)


def in_vietnam(moment: dt.datetime) -> dt.datetime:
    """``moment`` in Asia/Ho_Chi_Minh; a naive value is taken as Vietnam local time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)


def vn_today(moment: dt.datetime) -> dt.date:
    return in_vietnam(moment).date()


def parse_clock(text: str) -> dt.datetime:
    """Parse ``--now`` values: an ISO date (midnight+12h local) or an ISO date-time."""
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(12, 0), VN_TZ)
    return in_vietnam(dt.datetime.fromisoformat(text))
