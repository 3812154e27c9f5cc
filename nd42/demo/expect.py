"""The verdict each rule should give on each demo portal, under each legal profile.

A portal module states *outcomes* in the words of the rule catalogue (``"pass"``, ``"missing"``,
``"stale"``…); this module turns them into statuses per profile, following the working contract
(issue 3, ``rules-spec.md``): rule defaults under ``nd42-2022``, the listed differences under
``nd224-2026`` and ``daknong-cchc``.  Keeping the profile arithmetic here, once, means a portal
cannot state a daknong verdict that contradicts its own national one.

Outcome tokens:

* a status (``pass``, ``fail``, ``warn``, ``not_applicable``, ``not_determinable``): the same under
  every profile;
* ``missing``: the rule's "missing"/"bad" branch, whose status is the rule's ``missing_status``
  option as each profile sets it;
* ``stale`` (freshness): the rule's ``stale_status`` per profile.

Presence rules (SP-xxx) and freshness rules (FR-xxx) are derived from the portal's truth
(sections present, newest ages, which discovery sources a crawler can read), so they cannot drift
from the content.  Two technical verdicts depend on the machine the demo runs on, not on the
portal: :func:`adjust` turns them into what the probes will find there (no IPv6 loopback, an
OpenSSL that cannot offer TLS 1.0).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

PROFILES = ("nd42-2022", "nd224-2026", "daknong-cchc")
DEFAULT_PROFILE = PROFILES[0]

# The technical standards of issue 4 (tech-spec.md): every one keeps its defaults in the three
# profiles, so a portal states their statuses directly.
TECH_RULE_IDS = (
    *(f"TL-{n:03d}" for n in range(1, 9)),
    *(f"NW-{n:03d}" for n in range(1, 4)),
    *(f"SH-{n:03d}" for n in range(1, 6)),
    *(f"PF-{n:03d}" for n in range(1, 7)),
    *(f"SM-{n:03d}" for n in range(1, 4)),
    *(f"UC-{n:03d}" for n in range(1, 4)),
    *(f"MB-{n:03d}" for n in range(1, 3)),
    *(f"AC-{n:03d}" for n in range(1, 10)),
    *(f"OT-{n:03d}" for n in range(1, 7)),
)
RULE_IDS = (
    *(f"FR-{n:03d}" for n in range(1, 5)),
    *(f"SP-{n:03d}" for n in range(1, 20)),
    *(f"CT-{n:03d}" for n in range(1, 14)),
    *(f"FN-{n:03d}" for n in range(1, 6)),
    *(f"LY-{n:03d}" for n in range(1, 4)),
    "DM-001",
    *TECH_RULE_IDS,
)

# Presence rule of each section kind, with its default missing_status (contract, "Presence").
PRESENCE: dict[str, tuple[str, str]] = {
    "directive_documents": ("SP-001", "warn"),
    "party_union": ("SP-002", "warn"),
    "news": ("SP-003", "warn"),
    "legal_documents": ("SP-004", "fail"),
    "procedures": ("SP-005", "fail"),
    "qa": ("SP-006", "warn"),
    "introduction": ("SP-007", "fail"),
    "organisation": ("SP-008", "fail"),
    "leaders": ("SP-009", "fail"),
    "contacts": ("SP-010", "fail"),
    "sitemap": ("SP-011", "warn"),
    "legal_dissemination": ("SP-012", "fail"),
    "plans": ("SP-013", "fail"),
    "investment": ("SP-014", "fail"),
    "budget": ("SP-015", "warn"),
    "statistics": ("SP-016", "fail"),
    "science": ("SP-017", "warn"),
    "consultation": ("SP-018", "warn"),
    "access_to_information": ("SP-019", "fail"),
}

# Freshness rules: kind, max_age_days and stale_status per profile ("off": the profile disables it).
FRESHNESS: dict[str, tuple[str, dict[str, tuple[int, str]]]] = {
    "FR-001": ("directive_documents", {"nd42-2022": (30, "fail"), "nd224-2026": (30, "fail"),
                                       "daknong-cchc": (21, "fail")}),
    "FR-002": ("party_union", {"nd42-2022": (30, "warn"), "nd224-2026": (30, "warn"),
                               "daknong-cchc": (30, "fail")}),
    "FR-003": ("news", {"nd42-2022": (7, "fail"), "nd224-2026": (7, "fail"), "daknong-cchc": (7, "fail")}),
    "FR-004": ("legal_dissemination", {"nd42-2022": (0, "off"), "nd224-2026": (0, "off"),
                                       "daknong-cchc": (90, "fail")}),
}


def _same(status: str) -> dict[str, str]:
    return dict.fromkeys(PROFILES, status)


# The "missing" branch of the other rules, per profile (rule defaults unless the contract's
# "Profiles" section changes them).
MISSING: dict[str, dict[str, str]] = {
    **{f"CT-{n:03d}": _same("fail") for n in range(1, 14)},
    "CT-011": _same("warn"),  # only first listing pages are read: a report may sit further down
    "FN-001": _same("warn"),  # legacy basis (43/2011 Art. 15.2)
    "FN-002": _same("fail"),
    "FN-003": _same("fail"),
    "FN-004": _same("fail"),
    "FN-005": {"nd42-2022": "fail", "nd224-2026": "warn", "daknong-cchc": "warn"},
    "LY-001": {"nd42-2022": "warn", "nd224-2026": "warn", "daknong-cchc": "fail"},
    "LY-002": {"nd42-2022": "warn", "nd224-2026": "warn", "daknong-cchc": "fail"},
    "LY-003": {"nd42-2022": "warn", "nd224-2026": "warn", "daknong-cchc": "fail"},
    "DM-001": _same("fail"),
}

# Rules whose "fail" is a warning on run days before the obligation starts (Decree 224/2026 in force).
GATED = {"SP-009": dt.date(2026, 7, 1), "CT-003": dt.date(2026, 7, 1)}
STATUSES = ("pass", "fail", "warn", "not_applicable", "not_determinable", "off")


def _collapse(per_profile: Mapping[str, str]) -> str | dict[str, str]:
    values = set(per_profile.values())
    return next(iter(values)) if len(values) == 1 else {p: per_profile[p] for p in PROFILES}


def _gate(rule: str, status: str, today: dt.date) -> str:
    start = GATED.get(rule)
    return "warn" if start is not None and today < start and status == "fail" else status


def resolve(rule: str, outcome: str, today: dt.date) -> str | dict[str, str]:
    """One rule's expected status (or per-profile statuses) from an outcome token."""
    if outcome == "missing":
        per = dict(MISSING[rule])
    elif outcome in STATUSES:
        per = _same(outcome)
    else:
        raise ValueError(f"{rule}: unknown outcome {outcome!r}")
    return _collapse({p: _gate(rule, s, today) for p, s in per.items()})


def presence(kind: str, state: str, discovery_complete: bool, today: dt.date) -> str | dict[str, str]:
    """SP-xxx: ``state`` is ``present``, ``absent`` (no link anywhere), ``broken`` (the link answers 404) or
    ``error`` (the link answers 5xx).

    Honest verdicts: an absent section is ``fail`` only when menus, the HTML site map and sitemap.xml
    were all read; a broken link is strong evidence and keeps the configured status; a server error says
    nothing about the section, so presence cannot be judged.
    """
    rule, configured = PRESENCE[kind]
    if state == "present":
        return "pass"
    if state == "error":
        return "not_determinable"
    if state == "broken" or discovery_complete:
        return _gate(rule, configured, today)
    if state == "absent":
        return "warn"
    raise ValueError(f"{kind}: unknown presence state {state!r}")


def freshness(rule: str, age_days: int | None) -> str | dict[str, str]:
    """FR-xxx from the newest item's age (None: the section is absent)."""
    _kind, per = FRESHNESS[rule]
    out = {}
    for profile, (max_age, stale_status) in per.items():
        if stale_status == "off":
            out[profile] = "off"
        elif age_days is None:
            out[profile] = "not_applicable"
        else:
            out[profile] = "pass" if age_days <= max_age else stale_status
    return _collapse(out)


def build(truth: Mapping[str, Any], outcomes: Mapping[str, str], presence_states: Mapping[str, str],
          today: dt.date) -> dict[str, str | dict[str, str]]:
    """Every rule's expectation for one portal: derived ones plus the portal's stated outcomes."""
    complete = all(v == "read" for v in truth["discovery"].values())
    expect: dict[str, str | dict[str, str]] = {}
    listings = {**truth["sections"], **truth["listings"]}
    for rule, (kind, _per) in FRESHNESS.items():
        sec = listings[kind]
        expect[rule] = freshness(rule, sec["age_days"] if sec["present"] else None)
    for kind, (rule, _configured) in PRESENCE.items():
        expect[rule] = presence(kind, presence_states[kind], complete, today)
    for rule, outcome in outcomes.items():
        if rule in expect:
            raise ValueError(f"{truth['id']}: {rule} is derived from the truth; do not state it")
        expect[rule] = resolve(rule, outcome, today)
    missing = [r for r in RULE_IDS if r not in expect]
    extra = [r for r in expect if r not in RULE_IDS]
    if missing or extra:
        raise ValueError(f"{truth['id']}: expectations missing for {missing}, unknown rules {extra}")
    return {r: expect[r] for r in RULE_IDS}


def status_for(expectation: str | Mapping[str, str], profile: str = DEFAULT_PROFILE) -> str:
    """The expected status of one rule under ``profile``."""
    return expectation if isinstance(expectation, str) else expectation[profile]


def adjust(truth: dict[str, Any], env: Mapping[str, bool]) -> None:
    """Make ``truth["expect"]`` say what the probes meet on this machine (``env``: ``ipv6``, ``legacy_tls``).

    Without an IPv6 loopback nothing listens on ``::1``, and the scanner has no route there either:
    the reachability rule cannot judge (``no_ipv6_route``), it never fails.  An OpenSSL that cannot
    offer TLS 1.0/1.1 leaves those versions untested: the versions rule judges what it could test
    (TLS 1.2 and 1.3, offered).
    """
    net = truth["network"]
    expect, notes = truth["expect"], truth["expect_notes"]
    truth["env"] = dict(env)
    if net["aaaa"] and not env["ipv6"] and expect["NW-002"] not in ("not_applicable", "not_determinable"):
        expect["NW-002"] = "not_determinable"
        notes["NW-002"] = "this machine has no IPv6 loopback: the scanner has no IPv6 route (no_ipv6_route)"
    if net["legacy_tls"] and not env["legacy_tls"] and expect["TL-005"] == "fail":
        expect["TL-005"] = "pass"
        notes["TL-005"] = ("this machine's OpenSSL cannot offer TLS 1.0/1.1: they are untested, TLS 1.2/1.3 are "
                           "offered")
