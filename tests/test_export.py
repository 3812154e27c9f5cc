"""Exports: CSV that Excel opens (BOM, Vietnamese intact, no formulas), JSON nd42.export/1, the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from nd42.cli import main
from nd42.clock import VN_TZ
from nd42.export import (
    CHANGE_COLUMNS,
    COLUMNS,
    FINDING_COLUMNS,
    PORTAL_COLUMNS,
    RUN_COLUMNS,
    SCHEMA_ID,
    _cell,
    csv_chunks,
    json_chunks,
    json_document,
    json_head,
    render,
    render_chunks,
    write_atomic,
    write_exports,
)
from nd42.records import Certainty, Evidence, Finding, LegalRef, PageFetch, PortalSnapshot, Severity, Status
from nd42.store import Store

NOW = dt.datetime(2026, 11, 24, 1, 30, tzinfo=VN_TZ)
AGENCY = "Sở Giao thông vận tải tỉnh Đắk Nông"


def snapshot(portal_id: str, day: int, *, tags: list[str] | None = None) -> PortalSnapshot:
    base = f"https://{portal_id}/"
    snap = PortalSnapshot(portal_id, base, NOW + dt.timedelta(days=day), name=f"Cổng {portal_id}", home_url=base,
                          cms="liferay", finished_at=NOW + dt.timedelta(days=day, seconds=75),
                          portal={"name": f"Cổng {portal_id}", "agency": AGENCY, "level": "department",
                                  "tags": tags if tags is not None else ["sở", "giao-thông"], "rules": {}},
                          crawl={"duration_s": 74.5})
    snap.pages = [PageFetch(base, "home", status=200)]
    return snap


def finding(rule_id: str, status: Status, message: str = "Văn bản mới nhất ngày 20/10/2026, 35 ngày trước") -> Finding:
    return Finding(rule_id, status, Severity.HIGH, "freshness", "Cập nhật văn bản chỉ đạo điều hành",
                   "Directive documents updated", message, "Newest 2026-10-20, 35 days ago",
                   [Evidence(url="https://sgtvt.daknong.gov.vn/van-ban"), Evidence(url="https://sgtvt.daknong.gov.vn/2")],
                   [LegalRef("Nghị định 42/2022/NĐ-CP", "Điều 4", "khoản 1", Certainty.VERIFIED),
                    LegalRef("Thông tư 26/2009/TT-BTTTT", "Điều 9")])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "nd42.sqlite3"
    with Store(path) as store:
        for day, status in enumerate((Status.PASS, Status.FAIL, Status.FAIL)):
            run = store.begin_run("nightly", NOW + dt.timedelta(days=day), "daknong-cchc", {},
                                  registry_digest="d" * 64)
            store.save_portal(run, snapshot("sgtvt.daknong.gov.vn", day),
                              [finding("FR-001", status), finding("FR-002", Status.PASS, "=HYPERLINK(\"x\")"),
                               finding("FR-003", Status.NOT_DETERMINABLE, "-1 ngày / @ai")], 60.0)
            store.save_portal(run, snapshot("skhcn.daknong.gov.vn", day, tags=[]), [finding("FR-001", Status.PASS)],
                              100.0)
            store.finish_run(run, "complete", NOW + dt.timedelta(days=day, hours=1))
    return path


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_findings_csv(db: Path) -> None:
    with Store(db) as store:
        data = render(store, "findings", "csv", 3)
    rows = read_csv(data)
    assert list(rows[0]) == list(FINDING_COLUMNS)
    assert [(r["portal_id"], r["rule_id"]) for r in rows] == [
        ("sgtvt.daknong.gov.vn", "FR-001"), ("sgtvt.daknong.gov.vn", "FR-002"), ("sgtvt.daknong.gov.vn", "FR-003"),
        ("skhcn.daknong.gov.vn", "FR-001")]
    first = rows[0]
    assert first["agency"] == AGENCY and first["level"] == "department"
    assert first["portal_name"] == "Cổng sgtvt.daknong.gov.vn"
    assert first["message_vi"] == "Văn bản mới nhất ngày 20/10/2026, 35 ngày trước"  # Vietnamese intact
    assert first["title_vi"] == "Cập nhật văn bản chỉ đạo điều hành"
    assert (first["status"], first["severity"], first["area"]) == ("fail", "high", "freshness")
    assert first["evidence_url"] == "https://sgtvt.daknong.gov.vn/van-ban"
    assert first["evidence_urls"] == "https://sgtvt.daknong.gov.vn/van-ban; https://sgtvt.daknong.gov.vn/2"
    assert first["citations"] == "Điều 4, khoản 1, Nghị định 42/2022/NĐ-CP; Điều 9, Thông tư 26/2009/TT-BTTTT"
    assert first["change"] == "new_failures"  # P F F with K = 2
    assert first["run_id"] == "3" and first["run_started_at"] == "2026-11-26T01:30:00+07:00"
    assert first["error_class"] == ""  # null is an empty cell
    # portal text that Excel would run as a formula is neutralised
    assert rows[1]["message_vi"] == "'=HYPERLINK(\"x\")" and rows[2]["message_vi"] == "'-1 ngày / @ai"
    assert rows[1]["change"] == ""


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(1)", "\t1", "\rx", "  =1+1", "\t=1", " \u00a0@x",
                                  "\u3000+1", "\x00=1", "\ufeff-1", "\u200b=cmd|' /C calc'!A0", "\n=1"])
def test_formula_cells_get_an_apostrophe_even_after_blanks(text: str) -> None:
    assert _cell(text) == "'" + text


def test_other_cells_are_written_as_they_are() -> None:
    for value, cell in ((-3, "-3"), (-2.5, "-2.5"), (0, "0"), ("Sở = 1", "Sở = 1"), (" Sở", " Sở"),
                        ("2026-11-01", "2026-11-01"), (["=x", "y"], "'=x; y"), (["a", "=x"], "a; =x"), (None, ""),
                        (True, "true")):
        assert _cell(value) == cell, value


def test_findings_change_follows_k(db: Path) -> None:
    with Store(db) as store:
        rows = read_csv(render(store, "findings", "csv", 3, flap_k=1))
        assert rows[0]["change"] == "persistent"
        rows = read_csv(render(store, "findings", "csv", 2))
        assert rows[0]["change"] == "pending"


def test_portals_and_runs_csv(db: Path) -> None:
    with Store(db) as store:
        portals = read_csv(render(store, "portals", "csv", 3))
        runs = read_csv(render(store, "runs", "csv", None))
        upto = read_csv(render(store, "runs", "csv", 2))
    assert list(portals[0]) == list(PORTAL_COLUMNS)
    a = portals[0]
    assert (a["portal_id"], a["tags"], a["reachable"], a["score"], a["duration_s"]) == (
        "sgtvt.daknong.gov.vn", "sở; giao-thông", "true", "60.0", "74.5")
    assert (a["count_pass"], a["count_fail"], a["count_not_determinable"], a["new_failures"]) == ("1", "1", "1", "1")
    assert portals[1]["tags"] == "" and portals[1]["new_failures"] == "0"
    assert (a["persistent"], a["pending"], a["unknown"], a["first_seen"]) == ("0", "0", "0", "0")
    assert list(runs[0]) == list(RUN_COLUMNS)
    assert [r["run_id"] for r in runs] == ["1", "2", "3"] and [r["run_id"] for r in upto] == ["1", "2"]
    assert (runs[2]["portals"], runs[2]["portals_reachable"], runs[2]["score_mean"], runs[2]["findings_fail"]) == (
        "2", "2", "80.0", "1")
    assert runs[2]["registry_digest"] == "d" * 64 and runs[2]["profile"] == "daknong-cchc"


def test_json_documents(db: Path) -> None:
    with Store(db) as store:
        findings = json.loads(render(store, "findings", "json", 3).decode("utf-8"))
        portals = json.loads(render(store, "portals", "json", 3))
        runs = json.loads(render(store, "runs", "json", None))
    for doc, what in ((findings, "findings"), (portals, "portals"), (runs, "runs")):
        assert doc["schema"] == SCHEMA_ID == "nd42.export/1"
        assert doc["what"] == what and doc["tool"]["name"] == "nd42"
        assert doc["columns"] == list(COLUMNS[what])
        assert all(list(row) == doc["columns"] for row in doc["rows"])  # same keys, same order as the CSV
    assert findings["run"] == {"id": 3, "kind": "nightly", "status": "complete",
                               "started_at": "2026-11-26T01:30:00+07:00", "finished_at": "2026-11-26T02:30:00+07:00",
                               "profile": "daknong-cchc", "tool_version": findings["run"]["tool_version"],
                               "registry_digest": "d" * 64}
    assert findings["flap_k"] == 2 and runs["run"] is None and runs["flap_k"] is None
    row = findings["rows"][0]
    assert row["citations"] == ["Điều 4, khoản 1, Nghị định 42/2022/NĐ-CP", "Điều 9, Thông tư 26/2009/TT-BTTTT"]
    assert row["evidence_urls"][0] == row["evidence_url"] and row["error_class"] is None
    assert findings["rows"][1]["message_vi"] == "=HYPERLINK(\"x\")"  # JSON is data: never altered
    assert findings["rows"][1]["change"] is None
    p = portals["rows"][0]
    assert p["tags"] == ["sở", "giao-thông"] and p["reachable"] is True and p["score"] == 60.0
    assert p["count_fail"] == 1 and p["new_failures"] == 1
    assert runs["rows"][0]["portals"] == 2 and runs["rows"][0]["score_min"] == 60.0
    with Store(db) as store:
        text = render(store, "findings", "json", 3).decode("utf-8")
    assert "Điều 4" in text and "\\u" not in text  # written as is, not escaped


def test_changes_export(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        # a third portal's failing rule stops running: listed as unknown, though it has no finding
        night = store.begin_run("nightly", NOW + dt.timedelta(days=3), "daknong-cchc", {}, registry_digest="e" * 64)
        store.save_portal(night, snapshot("sgtvt.daknong.gov.vn", 3), [finding("FR-002", Status.PASS)], 70.0)
        store.finish_run(night)
        rows = read_csv(render(store, "changes", "csv", night))
        doc = json.loads(render(store, "changes", "json", night))
    assert list(rows[0]) == list(CHANGE_COLUMNS)
    assert [(r["portal_id"], r["rule_id"], r["change"], r["status"], r["previous_status"]) for r in rows] == [
        ("sgtvt.daknong.gov.vn", "FR-001", "unknown", "", "fail")]
    assert rows[0]["title_vi"] == "Cập nhật văn bản chỉ đạo điều hành" and rows[0]["agency"] == AGENCY
    assert (rows[0]["held"], rows[0]["needed"], rows[0]["previous_run_id"]) == ("0", "2", "3")
    history = doc["history"]
    assert history["previous_run_id"] == 3 and history["portals_removed"] == ["skhcn.daknong.gov.vn"]
    assert history["registry_changed"] is True and history["counts"]["unknown"] == 1
    assert history["compared_run_ids"] == [3, 2, 1]
    assert doc["rows"][0]["status"] is None and doc["rows"][0]["held"] == 0
    assert list(doc) == ["schema", "tool", "what", "run", "flap_k", "history", "columns", "rows"]


def test_write_exports_is_deterministic_and_atomic(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "run" / "exports"
    with Store(db) as store:
        written = write_exports(store, 3, folder)
        first = {p.name: p.read_bytes() for p in written}
        write_exports(store, 3, folder)
    assert [p.name for p in written] == ["runs.csv", "runs.json", "portals.csv", "portals.json", "findings.csv",
                                         "findings.json", "changes.csv", "changes.json"]
    assert {p.name: p.read_bytes() for p in written} == first
    assert sorted(p.name for p in folder.iterdir()) == sorted(first)  # no temporary file left
    assert [r["run_id"] for r in read_csv(first["runs.csv"])] == ["1", "2", "3"]


# ---------------------------------------------------------------------------------------------- streaming
ODD_ROWS = [{"a": i, "b": f"dòng {i}\n\"x\"\u2028", "c": [] if i % 2 else ["=1", {"k": None}]} for i in range(700)]


@pytest.mark.parametrize("count", [0, 1, 256, 257, 700])
def test_streamed_json_is_the_documents_dump(count: int) -> None:
    """A row at a time, the same bytes as dumping the whole document (nested lists, newlines in strings)."""
    rows, columns = ODD_ROWS[:count], ("a", "b", "c")
    head = json_head("findings", columns, None, 2)
    whole = json.dumps(json_document("findings", columns, iter(rows), None, 2), ensure_ascii=False, indent=2) + "\n"
    assert "".join(json_chunks(head, columns, iter(rows))) == whole
    assert json.loads(whole)["rows"] == [dict(r) for r in rows]


@pytest.mark.parametrize("count", [0, 255, 256, 257, 700])
def test_streamed_csv_is_written_in_pieces(count: int) -> None:
    pieces = list(csv_chunks(("a", "b"), iter(ODD_ROWS[:count])))
    assert len(pieces) == count // 256 + 1
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([("a", "b"), *((r["a"], r["b"]) for r in ODD_ROWS[:count])])
    assert "".join(pieces) == buffer.getvalue()


def test_render_chunks_reads_the_store_as_it_writes(db: Path) -> None:
    """Every export streamed is the export rendered whole; bad arguments are refused before any piece."""
    with Store(db) as store:
        for what in ("runs", "portals", "findings", "changes"):
            for fmt in ("csv", "json"):
                stream = render_chunks(store, what, fmt, 3)
                assert b"".join(stream) == render(store, what, fmt, 3)
        with pytest.raises(ValueError, match="needs a run"):
            render_chunks(store, "findings", "json", None)  # raised by the call, not by the first next()


def test_write_atomic_takes_pieces_and_leaves_nothing_when_they_fail(tmp_path: Path) -> None:
    path = tmp_path / "findings.csv"
    write_atomic(path, iter([b"a,", b"b\r\n"]))
    assert path.read_bytes() == b"a,b\r\n"

    def broken() -> Iterator[bytes]:
        yield b"half"
        raise OSError("the store went away")

    with pytest.raises(OSError):
        write_atomic(path, broken())
    assert path.read_bytes() == b"a,b\r\n"  # the previous file stands whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.csv"]


def test_render_rejects_unknown_kinds(db: Path) -> None:
    with Store(db) as store, pytest.raises(ValueError):
        render(store, "pages", "csv", 3)
    with Store(db) as store, pytest.raises(ValueError, match="needs a run"):
        render(store, "findings", "csv", None)


# ---------------------------------------------------------------------------------------------- CLI
def test_cli_export_to_files(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "findings.csv"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0  # default: findings of the latest run
    assert [r["run_id"] for r in read_csv(out.read_bytes())] == ["3"] * 4
    assert "findings.csv" in capsys.readouterr().err
    doc = tmp_path / "p.json"
    assert main(["export", "2", "--what", "portals", "--db", str(db), "--out", str(doc)]) == 0  # format from suffix
    assert json.loads(doc.read_text(encoding="utf-8"))["run"]["id"] == 2
    forced = tmp_path / "runs.txt"
    assert main(["export", "--what", "runs", "--format", "json", "--db", str(db), "--out", str(forced)]) == 0
    assert len(json.loads(forced.read_text(encoding="utf-8"))["rows"]) == 3


def test_cli_export_to_stdout(db: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "latest", "--what", "runs", "--db", str(db)]) == 0
    assert len(read_csv(capsysbinary.readouterr().out)) == 3


def test_cli_export_errors(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "99", "--db", str(db), "--out", str(tmp_path / "x.csv")]) == 2
    assert "99" in capsys.readouterr().err
    assert main(["export", "abc", "--db", str(db)]) == 2
    assert "not a run id" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "missing" / "x.csv")]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--flap-k", "0"]) == 2
    assert "--flap-k" in capsys.readouterr().err
    empty = tmp_path / "empty.sqlite3"
    assert main(["export", "--db", str(empty)]) == 2
    assert "no such database" in capsys.readouterr().err and not empty.exists()  # a typo creates nothing
    Store(empty).close()
    assert main(["export", "--db", str(empty)]) == 2
    assert "no run" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
