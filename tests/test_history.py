"""History over synthetic stores: buckets for K = 1, 2, 3, flap suppression, registry changes, trends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nd42.clock import VN_TZ
from nd42.history import BUCKETS, portal_trend, rule_trend, run_changes, verdict
from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from nd42.store import Store

NOW = dt.datetime(2026, 11, 24, 1, 30, tzinfo=VN_TZ)
# One letter per run: the rule's status in that run.
LETTERS = {"P": Status.PASS, "W": Status.WARN, "F": Status.FAIL, "U": Status.NOT_DETERMINABLE, "E": Status.ERROR,
           "N": Status.NOT_APPLICABLE}
# "-": the rule did not run on the portal; "X": the portal is not in the run.


def snapshot(portal_id: str, *, name: str = "Sở Công Thương", agency: str | None = "Sở Công Thương",
             reachable: bool = True, day: int = 0) -> PortalSnapshot:
    base = f"https://{portal_id}/"
    snap = PortalSnapshot(portal_id, base, NOW + dt.timedelta(days=day), name=name,
                          finished_at=NOW + dt.timedelta(days=day, seconds=90),
                          portal={"name": name, "agency": agency, "level": "department", "tags": ["so"],
                                  "profile": None, "rules": {}},
                          crawl={"duration_s": 88.5})
    snap.pages = [PageFetch(base, "home", status=200 if reachable else None,
                            error_class=None if reachable else "timeout")]
    return snap


def finding(rule_id: str, status: Status) -> Finding:
    return Finding(rule_id, status, Severity.HIGH, "freshness", f"Tiêu đề {rule_id}", f"Title {rule_id}",
                   f"Thông điệp {rule_id}: {status.value}", f"Message {rule_id}: {status.value}",
                   [Evidence(url=f"https://x/{rule_id}")])


def build(path: Path, plan: dict[str, dict[str, str]], *, kind: str = "nightly", statuses: str = "",
          digests: list[str | None] | None = None) -> list[int]:
    """Runs from a plan ``{portal: {rule: "PFF…"}}`` (one letter per run); ``statuses``: one letter per run,
    ``c`` complete (default), ``i`` incomplete, ``r`` left running.  Returns the run ids."""
    length = max(len(seq) for rules in plan.values() for seq in rules.values())
    ids = []
    with Store(path) as store:
        for n in range(length):
            digest = digests[n] if digests else None
            run = store.begin_run(kind, NOW + dt.timedelta(days=n), "nd42-2022", {}, registry_digest=digest)
            for portal_id, rules in plan.items():
                letters = {rule: seq[n] if n < len(seq) else "-" for rule, seq in rules.items()}
                if "X" in letters.values():
                    continue
                found = [finding(rule, LETTERS[letter]) for rule, letter in sorted(letters.items()) if letter != "-"]
                store.save_portal(run, snapshot(portal_id, day=n), found, None)
            state = statuses[n] if n < len(statuses) else "c"
            if state != "r":
                store.finish_run(run, "complete" if state == "c" else "incomplete", NOW + dt.timedelta(days=n, hours=1))
            ids.append(run)
    return ids


def bucket_of(path: Path, run_id: int, k: int, portal: str = "so-a.gov.vn", rule: str = "FR-001") -> str | None:
    with Store(path) as store:
        changes = run_changes(store, run_id, flap_k=k)
    found = [b for b in BUCKETS if rule in getattr(changes.portals[portal], b)]
    assert len(found) <= 1, found  # buckets are exclusive
    return found[0] if found else None


# sequence of one rule's statuses (the last run is the one compared) → bucket for K = 1, 2, 3
CASES = [
    ("P", (None, None, None)),
    ("F", ("first_seen", "first_seen", "first_seen")),  # the first run: nothing to compare with
    ("PF", ("new_failures", "pending", "pending")),
    ("PFF", ("persistent", "new_failures", "pending")),
    ("PFFF", ("persistent", "persistent", "new_failures")),
    ("PFFFF", ("persistent", "persistent", "persistent")),
    ("FP", ("fixed", "pending", "pending")),
    ("FPP", (None, "fixed", "pending")),
    ("FPPP", (None, None, "fixed")),
    ("FF", ("persistent", "persistent", "persistent")),  # the first verdict needs no confirmation
    ("PP", (None, None, None)),
    # flapping: with K ≥ 2 a change that does not hold is never reported as new or fixed
    ("PFPF", ("new_failures", "pending", "pending")),
    ("PFPFPF", ("new_failures", "pending", "pending")),
    ("PFPFP", ("fixed", None, None)),
    ("FPFPF", ("new_failures", "persistent", "persistent")),
    ("FPF", ("new_failures", "persistent", "persistent")),
    ("PPFFP", ("fixed", "pending", None)),
    # warn is met, like pass
    ("PW", (None, None, None)),
    ("FW", ("fixed", "pending", "pending")),
    ("WF", ("new_failures", "pending", "pending")),
    # no verdict (not determinable, error, not applicable, not run) never fixes and never fails
    ("PU", (None, None, None)),
    ("FU", ("unknown", "unknown", "unknown")),
    ("FE", ("unknown", "unknown", "unknown")),
    ("FN", ("unknown", "unknown", "unknown")),
    ("F-", ("unknown", "unknown", "unknown")),
    ("FFU", ("unknown", "unknown", "unknown")),
    ("PFU", ("unknown", None, None)),  # K ≥ 2: a pending failure that goes unknown is not listed
    ("UUF", ("first_seen", "first_seen", "first_seen")),
    ("UUP", (None, None, None)),
    # …and does not break a streak either: an unreachable night in the middle changes nothing
    ("PFUF", ("persistent", "new_failures", "pending")),
    ("PFUFUF", ("persistent", "persistent", "new_failures")),
    ("FUP", ("fixed", "pending", "pending")),
    ("FPUP", (None, "fixed", "pending")),
    # a rule added by an upgrade (or a profile change) has no baseline
    ("-F", ("first_seen", "first_seen", "first_seen")),
    ("--P", (None, None, None)),
    ("P-F", ("new_failures", "pending", "pending")),
]


@pytest.mark.parametrize(("sequence", "expected"), CASES, ids=[c[0] for c in CASES])
def test_buckets_for_k_1_2_3(tmp_path: Path, sequence: str, expected: tuple[str | None, ...]) -> None:
    db = tmp_path / "h.sqlite3"
    runs = build(db, {"so-a.gov.vn": {"FR-001": sequence, "FR-002": "P" * len(sequence)}})
    for k, want in zip((1, 2, 3), expected, strict=True):
        assert bucket_of(db, runs[-1], k) == want, f"K={k}"
        assert bucket_of(db, runs[-1], k, rule="FR-002") is None


def test_each_run_of_a_sequence_for_k_2(tmp_path: Path) -> None:
    """Night by night: a regression is pending, then confirmed once, then persistent; a fix likewise."""
    db = tmp_path / "h.sqlite3"
    runs = build(db, {"so-a.gov.vn": {"FR-001": "PPFFFPPP"}})
    got = [bucket_of(db, run, 2) for run in runs]
    assert got == [None, None, "pending", "new_failures", "persistent", "pending", "fixed", None]


def test_details_of_a_change(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    runs = build(db, {"so-a.gov.vn": {"FR-001": "PPFF", "FR-002": "FFFU", "FR-003": "FFPF"}})
    with Store(db) as store:
        changes = run_changes(store, runs[-1], flap_k=2)
    portal = changes.portals["so-a.gov.vn"]
    assert (portal.new_failures, portal.unknown, portal.persistent) == (["FR-001"], ["FR-002"], ["FR-003"])
    new = portal.rules["FR-001"]
    assert (new.change, new.status, new.previous_status, new.confirmed) == ("new_failures", "fail", "fail", "fail")
    assert (new.held, new.needed, new.since_run_id) == (2, 2, runs[2])
    assert (new.title_vi, new.message_en, new.severity, new.area) == (
        "Tiêu đề FR-001", "Message FR-001: fail", "high", "freshness")
    assert new.evidence_url == "https://x/FR-001"
    unknown = portal.rules["FR-002"]
    assert (unknown.status, unknown.confirmed, unknown.held, unknown.since_run_id) == (
        "not_determinable", "fail", 0, None)
    assert portal.rules["FR-003"].held == 1  # the failure came back after one pass: the fix was never confirmed
    assert [c.rule_id for c in portal.bucket("persistent")] == ["FR-003"]
    assert changes.counts() == {"new_failures": 1, "fixed": 0, "persistent": 1, "pending": 0, "unknown": 1,
                                "first_seen": 0}
    assert [c.rule_id for c in changes.changes()] == ["FR-001", "FR-002", "FR-003"]
    assert [c.rule_id for c in changes.changes("unknown")] == ["FR-002"]
    with pytest.raises(ValueError, match="bucket"):
        changes.changes("regressions")
    assert (portal.name, portal.agency, portal.level) == ("Sở Công Thương", "Sở Công Thương", "department")


def test_a_removed_rule_keeps_the_text_it_had(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    runs = build(db, {"so-a.gov.vn": {"FR-001": "FF-", "FR-002": "PPP"}})
    with Store(db) as store:
        gone = run_changes(store, runs[-1]).portals["so-a.gov.vn"].rules["FR-001"]
    assert (gone.change, gone.status, gone.previous_status) == ("unknown", None, "fail")
    assert gone.title_vi == "Tiêu đề FR-001"


def test_only_complete_runs_of_the_same_kind_are_history(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    # the middle runs failed but were incomplete (killed) or are still running: they are not history
    runs = build(db, {"so-a.gov.vn": {"FR-001": "PFFF"}}, statuses="ciic")
    with Store(db) as store:
        changes = run_changes(store, runs[-1], flap_k=2)
        assert changes.previous_run_id == runs[0] and changes.compared_run_ids == [runs[0]]
        assert changes.portals["so-a.gov.vn"].pending == ["FR-001"]
        assert run_changes(store, runs[-1], flap_k=1).portals["so-a.gov.vn"].new_failures == ["FR-001"]
        # a check run in between is another kind: the nightly history skips it
        check = store.begin_run("check", NOW, "nd42-2022", {})
        store.save_portal(check, snapshot("so-a.gov.vn"), [finding("FR-001", Status.PASS)], None)
        store.finish_run(check)
        night = store.begin_run("nightly", NOW + dt.timedelta(days=9), "nd42-2022", {})
        store.save_portal(night, snapshot("so-a.gov.vn"), [finding("FR-001", Status.FAIL)], None)
        # asked about while still running: the nightly draws its dashboard before it closes the run
        changes = run_changes(store, night, flap_k=2)
        assert changes.previous_run_id == runs[-1] and changes.kind == "nightly"
        assert changes.portals["so-a.gov.vn"].new_failures == ["FR-001"]
        # the check run compares with no earlier check run
        first_check = run_changes(store, check)
        assert first_check.first_run and first_check.portals["so-a.gov.vn"].first_seen == []


def test_portals_added_and_removed(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    plan = {"so-a.gov.vn": {"FR-001": "PP"}, "so-b.gov.vn": {"FR-001": "PX"}, "so-c.gov.vn": {"FR-001": "XF"},
            "so-d.gov.vn": {"FR-001": "PXF"}}
    runs = build(db, plan)
    with Store(db) as store:
        first = run_changes(store, runs[0])
        assert first.first_run and first.portals_added == [] and first.portals_removed == []
        second = run_changes(store, runs[1])
        assert (second.portals_added, second.portals_removed) == (["so-c.gov.vn"], ["so-b.gov.vn", "so-d.gov.vn"])
        added = second.portals["so-c.gov.vn"]
        assert added.added and added.first_seen == ["FR-001"] and added.previous_reachable is None
        assert "so-b.gov.vn" not in second.portals
        third = run_changes(store, runs[2], flap_k=1)
        # back after a night away: compared with its own earlier verdicts, not "first seen"
        assert third.portals["so-d.gov.vn"].added and third.portals["so-d.gov.vn"].new_failures == ["FR-001"]


def test_registry_change_is_warned(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    runs = build(db, {"so-a.gov.vn": {"FR-001": "PPPP"}}, digests=["aaa", "aaa", "bbb", None])
    with Store(db) as store:
        assert not run_changes(store, runs[1]).registry_changed
        changed = run_changes(store, runs[2])
        assert changed.registry_changed
        assert (changed.registry_digest, changed.previous_registry_digest) == ("bbb", "aaa")
        assert not run_changes(store, runs[3]).registry_changed  # not known: not claimed
        # which entries changed: the portal's configuration as its snapshot recorded it
        night = store.begin_run("nightly", NOW + dt.timedelta(days=5), "nd42-2022", {"registry_digest": "ccc"})
        store.save_portal(night, snapshot("so-a.gov.vn", name="Sở Công Thương tỉnh Đắk Nông"), [], None)
        changes = run_changes(store, night)
        assert changes.registry_changed is False  # the previous run recorded no digest
        assert changes.registry_portals_changed == ["so-a.gov.vn"]
        assert store.get_run(night).registry_digest == "ccc"  # taken from the options too


def test_scores_and_reachability_of_the_compared_runs(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    with Store(db) as store:
        one = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.save_portal(one, snapshot("so-a.gov.vn"), [finding("FR-001", Status.PASS)], 100.0)
        store.finish_run(one)
        two = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.save_portal(two, snapshot("so-a.gov.vn", reachable=False),
                          [finding("FR-001", Status.NOT_DETERMINABLE)], None)
        portal = run_changes(store, two).portals["so-a.gov.vn"]
    assert (portal.score, portal.previous_score, portal.reachable, portal.previous_reachable) == (
        None, 100.0, False, True)
    assert not portal.rules  # unreachable: no verdict, nothing changed


def test_flap_k_must_be_positive_and_window_bounds_history(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    runs = build(db, {"so-a.gov.vn": {"FR-001": "FPPPF"}})
    with Store(db) as store:
        with pytest.raises(ValueError, match="flap_k"):
            run_changes(store, runs[-1], flap_k=0)
        assert run_changes(store, runs[-1], flap_k=1).portals["so-a.gov.vn"].new_failures == ["FR-001"]
        # a window of one earlier run: only "P" is known before
        limited = run_changes(store, runs[-1], flap_k=1, window=1)
        assert limited.compared_run_ids == [runs[-2]] and limited.portals["so-a.gov.vn"].new_failures == ["FR-001"]


def test_verdicts() -> None:
    assert [verdict(s) for s in ("pass", "warn", "fail", "not_determinable", "not_applicable", "error", None)] == [
        "ok", "ok", "fail", None, None, None, None]


# ---------------------------------------------------------------------------------------------- trends
def test_portal_and_rule_trends(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    runs = build(db, {"so-a.gov.vn": {"FR-001": "PFU-P", "FR-002": "PPPPF"}}, statuses="ccicc")
    with Store(db) as store:
        trend = portal_trend(store, "so-a.gov.vn")
        assert [p.run_id for p in trend] == [runs[0], runs[1], runs[3], runs[4]]  # the incomplete run is skipped
        assert trend[0].counts["pass"] == 2 and trend[1].counts["fail"] == 1
        assert set(trend[0].counts) == {s.value for s in Status}
        assert trend[2].counts == {**dict.fromkeys(trend[2].counts, 0), "pass": 1}
        assert trend[0].started_at == NOW and trend[0].kind == "nightly" and trend[0].reachable
        assert [p.run_id for p in portal_trend(store, "so-a.gov.vn", limit=2)] == [runs[3], runs[4]]
        # up to a run, that run included whatever its status
        assert [p.run_id for p in portal_trend(store, "so-a.gov.vn", until_run=runs[2])] == runs[:3]
        points = rule_trend(store, "so-a.gov.vn", "FR-001")
        assert [(p.status, p.verdict) for p in points] == [("pass", "ok"), ("fail", "fail"), (None, None),
                                                           ("pass", "ok")]
        assert portal_trend(store, "nowhere.gov.vn") == []
        assert portal_trend(store, "so-a.gov.vn", kind="check") == []
