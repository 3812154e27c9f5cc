"""The demo's nights: what a portal changed between night 1 and night 2 of the same day.

Issue 5 runs the nightly job twice over the demo portals, with a change in between, so that the
dashboard shows history and a diff on first use.  Night 1 is the demo as it has always been (the
end-to-end yardstick); night 2 is the same portals the next time the job looks, a few of them changed
in ways an inspector cares about (see :mod:`nd42.demo.portals`).

A portal module states its night-2 changes (:meth:`nd42.demo.common._Site.night_changes`): a summary,
the rules that turn fail (new failures) or stop failing (fixed) under each profile, the pages and the
network settings that changed.  :func:`compare` checks that statement against the two builds of the
same day — the pages served, the :class:`~nd42.demo.common.Net`, and both nights' ``truth["expect"]`` —
and raises when they disagree, so a change to a portal cannot leave its declared diff behind.

Only ``fail`` counts as failing, as in the nightly history (:mod:`nd42.history`): a rule that goes from
``pass`` to ``not_determinable`` is neither a new failure nor fixed (it is listed in ``expect`` only).
Every new failure and every fix goes between ``fail`` and a verdict (``pass`` or ``warn``), never a
status that is no verdict (``not_determinable``, ``error``, ``not_applicable``, ``off``): the history
calls those moves "unknown" or "first seen", so :func:`compare` refuses them, and the demo's lists mean
what the history's buckets ``new_failures`` and ``fixed`` mean (with K = 1).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from nd42.demo.common import DemoPortal
from nd42.demo.expect import PROFILES, status_for

NIGHTS = (1, 2)
NO_VERDICT = ("not_determinable", "error", "not_applicable", "off")  # nd42.history: neither ok nor fail
# Fields a night may not change: the portal is the same agency at the same address with the same stack.
_FIXED = ("id", "name", "cms", "hostname", "level", "parent", "headers", "server", "searches")
_UNCHANGED: dict[str, Any] = {"summary_vi": "Không thay đổi so với đêm 1.", "summary_en": "Unchanged since night 1.",
                              "new_failures": {}, "fixed": {}, "pages": {"changed": [], "added": [], "removed": []},
                              "network": {}}

Turned = dict[str, list[str]]  # rule id → the profiles where it turned, in PROFILES order


def _answer(portal: DemoPortal, path: str) -> tuple[Any, ...]:
    """Everything a client can see of one path: body, type and status, or the redirect."""
    if path in portal.redirects:
        return ("redirect", portal.redirects[path], portal.redirect_status.get(path, 302))
    return ("file", portal.files[path], portal.content_types.get(path), portal.statuses.get(path, 200))


def page_diff(before: DemoPortal, after: DemoPortal) -> dict[str, list[str]]:
    """Paths (files and redirects) whose answer changed, that appeared, that disappeared."""
    old = set(before.files) | set(before.redirects)
    new = set(after.files) | set(after.redirects)
    return {"changed": sorted(p for p in old & new if _answer(before, p) != _answer(after, p)),
            "added": sorted(new - old), "removed": sorted(old - new)}


def net_diff(before: DemoPortal, after: DemoPortal) -> dict[str, dict[str, Any]]:
    """The :class:`Net` fields that differ: ``{field: {"night1": old, "night2": new}}``."""
    old, new = dataclasses.asdict(before.net), dataclasses.asdict(after.net)
    return {k: {"night1": old[k], "night2": new[k]} for k in old if old[k] != new[k]}


def expect_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every rule whose expectation differs between the two truths: ``{rule: {"night1": …, "night2": …}}``."""
    return {rule: {"night1": before["expect"][rule], "night2": value}
            for rule, value in after["expect"].items() if before["expect"][rule] != value}


def turned(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[Turned, Turned]:
    """(new failures, fixed) from the two truths' expectations, per rule and profile."""
    new: Turned = {}
    fixed: Turned = {}
    for rule, value in after["expect"].items():
        for profile in PROFILES:
            was, now = status_for(before["expect"][rule], profile), status_for(value, profile)
            if now == "fail" and was != "fail":
                new.setdefault(rule, []).append(profile)
            elif was == "fail" and now != "fail":
                fixed.setdefault(rule, []).append(profile)
    return new, fixed


def by_profile(new: Mapping[str, Sequence[str]], fixed: Mapping[str, Sequence[str]]) -> dict[str, dict[str, list[str]]]:
    """The same lists seen from one profile: ``{profile: {"new_failures": [rule…], "fixed": [rule…]}}``."""
    return {p: {"new_failures": sorted(r for r, ps in new.items() if p in ps),
                "fixed": sorted(r for r, ps in fixed.items() if p in ps)} for p in PROFILES}


def _ordered(turns: Mapping[str, Sequence[str]]) -> Turned:
    unknown = [p for ps in turns.values() for p in ps if p not in PROFILES]
    if unknown:
        raise ValueError(f"unknown profiles {unknown}")
    return {rule: [p for p in PROFILES if p in ps] for rule, ps in sorted(turns.items())}


def compare(before: DemoPortal, after: DemoPortal) -> dict[str, Any]:
    """The night-2 ``truth["changes"]`` of ``after`` (night 2) against ``before`` (night 1, same day).

    Raises ``ValueError`` naming the portal when the module's statement and the builds disagree.
    """
    pid = after.id
    declared: Mapping[str, Any] = after.truth.get("changes") or _UNCHANGED

    def mismatch(what: str, stated: Any, found: Any) -> ValueError:
        return ValueError(f"{pid}: night 2 {what}: stated {stated!r}, the builds show {found!r}")

    for name in _FIXED:
        if getattr(before, name) != getattr(after, name):
            raise mismatch(f"changes {name}", "no change", getattr(after, name))
    pages = page_diff(before, after)
    if pages != declared["pages"]:
        raise mismatch("pages", declared["pages"], pages)
    network = net_diff(before, after)
    # A module states new values; a completed record (compare's own output) holds both nights' values.
    stated = {k: v["night2"] if isinstance(v, dict) else v for k, v in declared["network"].items()}
    if {k: v["night2"] for k, v in network.items()} != stated:
        raise mismatch("network", declared["network"], network)
    new, fixed = turned(before.truth, after.truth)
    if new != _ordered(declared["new_failures"]):
        raise mismatch("new failures", declared["new_failures"], new)
    if fixed != _ordered(declared["fixed"]):
        raise mismatch("fixed rules", declared["fixed"], fixed)
    expect = expect_diff(before.truth, after.truth)
    for rule, change in expect.items():
        for profile in PROFILES:
            pair = {status_for(change["night1"], profile), status_for(change["night2"], profile)}
            if "fail" in pair and pair & set(NO_VERDICT):
                raise mismatch(f"{rule} under {profile}", "a move the history counts as a change",
                               f"{change['night1']!r} → {change['night2']!r}, between fail and no verdict")
    return {"since_night": 1, "summary_vi": declared["summary_vi"], "summary_en": declared["summary_en"],
            "new_failures": new, "fixed": fixed, "by_profile": by_profile(new, fixed), "expect": expect,
            "pages": pages, "network": network}
