"""The order a night's portals start in: spread over their servers, slowest first.

The rule (docs/scheduling.md):

1. Portals sharing a parent domain (``sgtvt.daknong.gov.vn`` and ``sct.daknong.gov.vn`` share
   ``daknong.gov.vn``) or, by the previous night's DNS answers, an IP address form a group: they
   are likely the same provincial server.
2. Each step takes the slowest portal left (the previous night's crawl duration; a portal never
   seen before counts as its time budget, so a new portal starts early) whose group differs from
   the previous portal's, so portals of one group are never consecutive when the others can come
   between them; a choice that would leave too many portals of one group for the rest of the night
   to separate is skipped.  Ties go by portal id, so the order is reproducible.

Consecutive portals are the ones that run together (``--max-portals-at-once``), and the slowest
start first so that none of them is left to stretch the end of the night.  The crawler adds a
guard of its own when it starts them (crawler/runner.py: never two crawls of one host at once).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from nd42.config import PortalConfig, site_domain

UNKNOWN_DURATION = 300.0  # seconds: a new portal without a time budget counts as the default budget


def spread_order(portals: list[PortalConfig], durations: Mapping[str, float] | None = None,
                 addresses: Mapping[str, list[str]] | None = None, *,
                 default_budget: float | None = None) -> list[PortalConfig]:
    known = durations or {}

    def duration(portal: PortalConfig) -> float:
        return portal_duration(portal, known, default_budget)

    group_of = _groups(portals, addresses or {})
    left: dict[str, list[PortalConfig]] = {}
    for portal in sorted(portals, key=lambda p: (-duration(p), p.id)):
        left.setdefault(group_of[portal.id], []).append(portal)
    order: list[PortalConfig] = []
    last: str | None = None
    while left:
        choice = _choose(left, last, lambda p: (-duration(p), p.id))
        portal = left[choice].pop(0)
        if not left[choice]:
            del left[choice]
        order.append(portal)
        last = choice
    return order


def portal_duration(portal: PortalConfig, durations: Mapping[str, float], default_budget: float | None = None) -> float:
    """The previous night's crawl duration, else the portal's time budget, else the run's."""
    if portal.id in durations:
        return float(durations[portal.id])
    return float(portal.time_budget or default_budget or UNKNOWN_DURATION)


def _choose(left: dict[str, list[PortalConfig]], last: str | None, key: Callable[[PortalConfig], Any]) -> str:
    total = sum(len(v) for v in left.values())
    others = [g for g in left if g != last]
    if not others:
        return next(iter(left))
    # After a pick from g, the rest (total - 1 portals, g first forbidden) can be kept apart only if
    # g has at most half of it rounded down, and every other group at most half rounded up.
    feasible = [g for g in others if _separable(left, g, total - 1)]
    pool = feasible or [max(others, key=lambda g: (len(left[g]), g))]
    return min(pool, key=lambda g: (key(left[g][0]), g))


def _separable(left: dict[str, list[PortalConfig]], picked: str, rest: int) -> bool:
    for group, members in left.items():
        count = len(members) - (group == picked)
        limit = rest // 2 if group == picked else (rest + 1) // 2
        if count > limit:
            return False
    return True


def _groups(portals: list[PortalConfig], addresses: Mapping[str, list[str]]) -> dict[str, str]:
    """Portal id → group name: union of "same parent domain" and "same address" (union-find)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for portal in portals:
        union(f"portal:{portal.id}", f"site:{site_domain(portal.url)}")
        for address in addresses.get(portal.id, []):
            union(f"portal:{portal.id}", f"ip:{address}")
    return {p.id: find(f"portal:{p.id}") for p in portals}
