"""The portal registry: the shipped example loads, defaults merge, and every mistake gets one message
naming the file, the entry (number and id) and the field; ``nd42 nightly`` exits 2 on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from nd42.cli import main
from nd42.config import ConfigError
from nd42.registry import check_profiles, load_registry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "config" / "registry" / "daknong.toml"

DEFAULTS = """
[defaults]
profile = "daknong-cchc"
level = "department"
parent = "https://daknong.gov.vn/"
tags = ["so-nganh"]
time_budget = 120
[defaults.rules."FR-001"]
max_age_days = 30
"""
SGTVT = """
[[portal]]
id = "sgtvt"
name = "Sở Giao thông vận tải"
agency = "UBND tỉnh Đắk Nông"
url = "https://sgtvt.daknong.gov.vn"
tags = ["kiem-tra-2023"]
page_budget = 50
[portal.rules."FR-001"]
stale_status = "warn"
[portal.sections.directive_documents]
url = "https://sgtvt.daknong.gov.vn/van-ban-chi-dao"
order = "DMY"
"""
TINH = """
[[portal]]
id = "tinh"
url = "https://daknong.gov.vn/"
level = "province"
profile = "nd224-2026"
"""
GOOD = DEFAULTS + SGTVT + TINH


def write(tmp_path: Path, text: str, name: str = "registry.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_daknong_example_is_valid() -> None:
    registry = load_registry(EXAMPLE)
    check_profiles(registry, None)
    ids = [p.id for p in registry.portals]
    assert {"sgtvt", "skhcn", "sct"} <= set(ids) and len(ids) >= 5
    for portal in registry.portals:
        assert portal.url == f"https://{portal.id}.daknong.gov.vn/"
        assert portal.profile == "daknong-cchc" and portal.level == "department"
        assert portal.parent == "https://daknong.gov.vn/" and portal.agency and portal.name
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "Lâm Đồng" in text and "2025" in text and "never" in text  # the merger, and no test crawls it


def test_defaults_merge_under_each_entry(tmp_path: Path) -> None:
    registry = load_registry(write(tmp_path, GOOD))
    sgtvt, tinh = registry.portals
    assert sgtvt.profile == "daknong-cchc" and tinh.profile == "nd224-2026"
    assert sgtvt.level == "department" and tinh.level == "province"
    assert sgtvt.tags == ["so-nganh", "kiem-tra-2023"] and tinh.tags == ["so-nganh"]
    assert sgtvt.rules == {"FR-001": {"max_age_days": 30, "stale_status": "warn"}}
    assert tinh.rules == {"FR-001": {"max_age_days": 30}}
    assert sgtvt.page_budget == 50 and tinh.page_budget is None
    assert sgtvt.time_budget == tinh.time_budget == 120.0
    assert sgtvt.url == "https://sgtvt.daknong.gov.vn/" and sgtvt.agency == "UBND tỉnh Đắk Nông"
    assert sgtvt.sections["directive_documents"].url == "https://sgtvt.daknong.gov.vn/van-ban-chi-dao"
    assert sgtvt.info()["agency"] == "UBND tỉnh Đắk Nông"
    check_profiles(registry, None)


def test_the_digest_ignores_layout_and_order_but_not_settings(tmp_path: Path) -> None:
    base = load_registry(write(tmp_path, GOOD))
    reordered = "# a comment\n" + DEFAULTS + TINH.replace("\n", "\n\n") + SGTVT
    assert [p.id for p in load_registry(write(tmp_path, reordered, "b.toml")).portals] == ["tinh", "sgtvt"]
    assert load_registry(tmp_path / "b.toml").digest == base.digest
    changed = load_registry(write(tmp_path, GOOD.replace("page_budget = 50", "page_budget = 51"), "c.toml"))
    assert changed.digest != base.digest
    assert changed.entry_digests["tinh"] == base.entry_digests["tinh"]
    assert changed.entry_digests["sgtvt"] != base.entry_digests["sgtvt"]


def test_a_relative_profile_file_is_read_next_to_the_registry(tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "mine.toml").write_text('id = "mine"\nextends = "nd224-2026"\ntitle_vi = "Của tôi"\n'
                                                     'title_en = "Mine"\n', encoding="utf-8")
    registry = load_registry(write(tmp_path, '[[portal]]\nid = "a"\nurl = "https://a.gov.vn/"\n'
                                             'profile = "profiles/mine.toml"\n'))
    assert registry.portals[0].profile == str(tmp_path / "profiles" / "mine.toml")
    check_profiles(registry, None)


ENTRY = '[[portal]]\nid = "a"\nurl = "https://a.gov.vn/"\n\n[[portal]]\nid = "b"\nurl = "https://b.gov.vn/"\n\n'


@pytest.mark.parametrize(("text", "message"), [
    (ENTRY + '[[portal]]\nid = "sct"\nurl = "htp://sct.daknong.gov.vn/"\n',
     "portal #3 (sct): url: không phải URL http(s) / not an http(s) URL: 'htp://sct.daknong.gov.vn/'"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\nagnecy = "x"\n', "portal #3 (c): agnecy: khóa không "
     "hợp lệ / unknown key"),
    (ENTRY + '[[portal]]\nid = "a"\nurl = "https://c.gov.vn/"\n', "portal #3 (a): id: trùng với cổng #1 / "
     "duplicate of portal #1: 'a'"),
    (ENTRY + '[[portal]]\nurl = "https://c.gov.vn/"\n', "portal #3: id: thiếu / missing"),
    (ENTRY + '[[portal]]\nid = "Sở CT"\nurl = "https://c.gov.vn/"\n', "portal #3 (Sở CT): id: phải là chữ thường"),
    (ENTRY + '[[portal]]\nid = "c"\n', "portal #3 (c): url: thiếu / missing"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\nlevel = "ward"\n',
     "portal #3 (c): level: unknown level 'ward'"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\nparent = "daknong.gov.vn"\n',
     "portal #3 (c): parent: không phải URL hợp lệ / not a valid URL"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\ntags = "so"\n',
     "portal #3 (c): tags: phải là danh sách chuỗi / must be a list of strings"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\ntime_budget = -5\n',
     "portal #3 (c): time_budget: phải là số giây dương / positive seconds"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\npage_budget = 2.5\n',
     "portal #3 (c): page_budget: phải là số nguyên dương / a positive integer"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\n[portal.sections.tin_tuc]\nurl = "https://c.gov.vn/t"\n',
     "portal #3 (c): sections.tin_tuc: unknown section kind"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\n[portal.sections.news]\nitem = 3\n',
     "portal #3 (c): sections.news.item: must be a string"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\nendpoints = { https = "http://c.gov.vn/" }\n',
     "portal #3 (c): endpoints.https: 'http://c.gov.vn/' is not an https:// URL"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\nrules = 3\n',
     "portal #3 (c): rules: phải là bảng các bảng / must be a table of tables"),
    ('[defaults]\nprofil = "x"\n' + ENTRY, "defaults: profil: khóa không hợp lệ / unknown key"),
    ('[defaults]\nparent = "ftp://x.gov.vn/"\n' + ENTRY, "defaults: parent: không phải URL http(s)"),
    ('[portals]\nid = "a"\n', "portals: khóa không hợp lệ / unknown key (known: defaults, notify, portal)"),
    ('title = "x"\n', "title: khóa không hợp lệ / unknown key"),
    ("[defaults]\n", "portal: không có cổng nào / no [[portal]] entry"),
    ('[portal]\nid = "a"\n', "portal: phải là các mục [[portal]] / must be [[portal]] entries"),
    ('[notify]\nsmtp_host = "mail.example.gov.vn"\nsmtp_port = 0\n' + ENTRY, "notify: smtp_port: không phải cổng"),
    ('[notify]\nsmtp_hots = "mail.example.gov.vn"\n' + ENTRY, "notify: smtp_hots: khoá không biết / unknown key"),
    ('[[portal]\nid = "a"\n', "TOML không hợp lệ / invalid TOML"),
])
def test_one_message_names_file_entry_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_registry(path)
    assert str(caught.value).startswith(f"{path}: "), caught.value
    assert message in str(caught.value), caught.value


@pytest.mark.parametrize(("text", "message"), [
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\nprofile = "nd99"\n',
     "portal #3 (c): profile: unknown profile 'nd99'"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\n[portal.rules."FR-001"]\nmax_age = 3\n',
     "portal #3 (c): rules.\"FR-001\": unknown key 'max_age'"),
    (ENTRY + '[[portal]]\nid = "c"\nurl = "https://c.gov.vn/"\n[portal.rules."XX-999"]\nenabled = false\n',
     "portal #3 (c): rules.\"XX-999\": unknown rule id"),
])
def test_profiles_and_overrides_are_checked_before_any_crawl(tmp_path: Path, text: str, message: str) -> None:
    registry = load_registry(write(tmp_path, text))
    with pytest.raises(ConfigError) as caught:
        check_profiles(registry, None)
    assert str(caught.value).startswith(f"{tmp_path / 'registry.toml'}: "), caught.value
    assert message in str(caught.value)


def test_nightly_exits_2_on_a_bad_registry_and_writes_nothing(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, ENTRY + '[[portal]]\nid = "sct"\nurl = "htp://sct.daknong.gov.vn/"\n')
    db, out = tmp_path / "db.sqlite3", tmp_path / "out"
    assert main(["nightly", "--registry", str(path), "--db", str(db), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "portal #3 (sct): url:" in err
    assert not db.exists() and not out.exists() and not (tmp_path / "db.sqlite3.lock").exists()


def test_nightly_exits_2_on_an_unreadable_or_missing_registry(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.toml"
    assert main(["nightly", "--registry", str(missing), "--db", str(tmp_path / "db.sqlite3")]) == 2
    assert f"{missing}: không đọc được tệp / cannot read" in capsys.readouterr().err
    assert main(["nightly", "--registry", str(tmp_path), "--db", str(tmp_path / "db.sqlite3")]) == 2
    assert f"{tmp_path}: không đọc được tệp / cannot read" in capsys.readouterr().err


def test_nightly_exits_2_when_the_database_directory_is_missing(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, ENTRY)
    db = tmp_path / "no-such-dir" / "db.sqlite3"
    assert main(["nightly", "--registry", str(path), "--db", str(db), "--out", str(tmp_path / "out")]) == 2
    assert "no-such-dir" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_validate_only_checks_the_file_and_touches_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ND42_REGISTRY", str(EXAMPLE))
    monkeypatch.setenv("ND42_DB", str(tmp_path / "db.sqlite3"))
    assert main(["nightly", "--validate-only"]) == 0
    out = capsys.readouterr().out
    assert str(EXAMPLE) in out and "hợp lệ / valid" in out
    assert list(tmp_path.iterdir()) == []


def test_notify_needs_a_notify_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, ENTRY)
    assert main(["nightly", "--registry", str(path), "--notify", "--db", str(tmp_path / "db.sqlite3")]) == 2
    assert f"--notify: {path} không có bảng [notify] / has no [notify] table" in capsys.readouterr().err
    assert not (tmp_path / "db.sqlite3").exists()
