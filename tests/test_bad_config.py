"""Bad configuration (issue 6): one clear message naming the file and the field, exit code 2, nothing
overwritten.

A real nightly run leaves a database, its lock file, a published run folder and a landing page; then
every bad invocation below runs over the same paths, and afterwards every file there is byte for byte
what it was (no file added, none removed, none rewritten: not even the database's modification time moves).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from nd42.cli import main
from tests.test_nightly_sites import Sites, registry, run_nightly

pytestmark = pytest.mark.e2e
GOOD = '[[portal]]\nid = "sa"\nname = "Sở A"\nurl = "https://sa.hoalam.gov.vn/"\n'


def tree(root: Path) -> dict[str, tuple[str, int]]:
    return {str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    sites = Sites({"sa.hoalam.gov.vn": 0.0})
    tmp = tmp_path_factory.mktemp("state")
    try:
        out = run_nightly(sites, tmp, registry(sites, tmp / "registry.toml"))
        assert out.returncode == 0, out.stderr
    finally:
        sites.close()
    assert (tmp / "out" / "index.html").is_file() and (tmp / "out" / "runs" / "1" / "index.html").is_file()
    yield tmp


def write(tmp: Path, name: str, text: str | bytes) -> Path:
    path = tmp / "bad" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# (case id, file name, file content or None for no file, extra args, what the message must name)
REGISTRY_CASES = [
    ("invalid-toml", "r.toml", '[[portal]\nid = "a"\n', (), ["r.toml", "TOML không hợp lệ / invalid TOML"]),
    ("not-utf8", "r.toml", b'[[portal]]\nid = "s\xe0"\nurl = "https://a.gov.vn/"\n', (), ["r.toml", "UTF-8"]),
    ("unknown-top-key", "r.toml", 'titel = "x"\n' + GOOD, (), ["r.toml", "titel: khóa không hợp lệ / unknown key"]),
    ("unknown-portal-key", "r.toml", GOOD + 'agnecy = "x"\n', (), ["r.toml", "portal #1 (sa): agnecy:"]),
    ("bad-url", "r.toml", '[[portal]]\nid = "sa"\nurl = "htp://sa.hoalam.gov.vn/"\n', (),
     ["r.toml", "portal #1 (sa): url:"]),
    ("url-no-host", "r.toml", '[[portal]]\nid = "sa"\nurl = "https:///trang"\n', (),
     ["r.toml", "portal #1 (sa): url:"]),
    ("bad-level", "r.toml", GOOD + 'level = "ward"\n', (), ["r.toml", "portal #1 (sa): level:"]),
    ("unknown-profile", "r.toml", GOOD + 'profile = "nd99"\n', (), ["r.toml", "portal #1 (sa): profile:"]),
    ("unknown-rule", "r.toml", GOOD + '[portal.rules."XX-999"]\nenabled = false\n', (),
     ["r.toml", 'rules."XX-999": unknown rule id']),
    ("bad-notify", "r.toml", '[notify]\nenabled = true\nsmtp_host = "mail.hoalam.gov.vn"\nsmtp_port = 0\n' + GOOD,
     ("--notify",),
     ["r.toml", "notify: smtp_port"]),
    ("no-portal", "r.toml", "[defaults]\n", (), ["r.toml", "no [[portal]] entry"]),
    ("missing-file", "nope.toml", None, (), ["nope.toml", "không đọc được tệp / cannot read"]),
    ("a-directory", "adir", "DIR", (), ["adir", "không đọc được tệp / cannot read"]),
]


def snapshot_of(state: Path) -> dict[str, tuple[str, int]]:
    return {**{f"out/{k}": v for k, v in tree(state / "out").items()},
            **{k: v for k, v in tree(state).items() if not k.startswith(("out/", "bad/"))}}


@pytest.mark.parametrize(("name", "content", "extra", "needles"),
                         [c[1:] for c in REGISTRY_CASES], ids=[c[0] for c in REGISTRY_CASES])
def test_a_bad_registry_exits_2_names_file_and_field_and_touches_nothing(
        state: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | bytes | None,
        extra: tuple[str, ...], needles: list[str]) -> None:
    before = snapshot_of(state)
    path = state / "bad" / name
    if content == "DIR":
        path.mkdir(parents=True, exist_ok=True)
    elif content is not None:
        path = write(state, name, content)
    code = main(["nightly", "--registry", str(path), "--db", str(state / "db.sqlite3"), "--out", str(state / "out"),
                 "--now", "2026-11-25", *extra])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith(f"nd42: {path}"), err  # one line, the file first
    for needle in needles:
        assert needle in err, err
    assert snapshot_of(state) == before


@pytest.mark.parametrize("case", ["missing-db-dir", "db-is-a-directory", "out-is-a-file"])
def test_bad_paths_exit_2_and_touch_nothing(state: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    before = snapshot_of(state)
    db, out = state / "db.sqlite3", state / "out"
    if case == "missing-db-dir":
        db = state / "bad" / "no-such-dir" / "db.sqlite3"
    elif case == "db-is-a-directory":
        db = state / "bad" / "db-dir"
        db.mkdir(parents=True, exist_ok=True)
    else:
        out = write(state, "out-file", "not a directory")
    code = main(["nightly", "--registry", str(state / "registry.toml"), "--db", str(db), "--out", str(out),
                 "--now", "2026-11-25", "--no-network-probes"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and (str(db) in err or str(out) in err), err
    assert snapshot_of(state) == before


@pytest.mark.parametrize(("text", "needle"), [
    ('[portal]\nurl = "https://sa.hoalam.gov.vn/"\nspeed = 3\n', "speed"),
    ('[portal]\nurl = "htp://x"\n', "url"),
    ('[portal\n', "TOML"),
])
def test_a_bad_portal_file_for_check_exits_2_and_touches_nothing(
        state: Path, capsys: pytest.CaptureFixture[str], text: str, needle: str) -> None:
    before = snapshot_of(state)
    path = write(state, "portal.toml", text)
    code = main(["check", "--portal-config", str(path), "--db", str(state / "db.sqlite3"),
                 "--out", str(state / "out"), "--now", "2026-11-25"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and str(path) in err and needle in err, err
    assert snapshot_of(state) == before


def test_the_store_commands_refuse_a_bad_run_or_database(state: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot_of(state)
    for argv in (["report", "99", "--db", str(state / "db.sqlite3"), "--out", str(state / "out")],
                 ["recheck", "99", "--db", str(state / "db.sqlite3"), "--out", str(state / "out")],
                 ["export", "--db", str(state / "bad" / "absent.sqlite3"), "--out", str(state / "bad" / "x")]):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2, (argv, err)
        assert err.count("\n") == 1 and err.startswith("nd42: "), (argv, err)
    assert snapshot_of(state) == before
    assert not (state / "bad" / "absent.sqlite3").exists()


def test_the_state_is_readable_afterwards(state: Path) -> None:
    """After every refusal the database is whole and the next command works on it."""
    import sqlite3

    con = sqlite3.connect(state / "db.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT status FROM runs").fetchall() == [("complete",)]
    finally:
        con.close()
    assert os.access(state / "out" / "index.html", os.R_OK)
