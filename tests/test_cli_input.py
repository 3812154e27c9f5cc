"""Bad input gives exit code 2 and one clear message, before any request is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from nd42.cli import main
from nd42.config import ConfigError, load_portal_file, portal_id_from_url, validate_url


@pytest.mark.parametrize("url", ["not a url", "ftp://example.gov.vn/", "http://", "skhcn.daknong.gov.vn",
                                 "http://user@host.gov.vn/", "http://host.gov.vn:99999/"])
def test_malformed_url_exits_2(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", url, "--out", str(tmp_path / "out"), "--db", str(tmp_path / "db.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nd42: ") and err.count("\n") == 1


def test_unwritable_output_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A path below a regular file cannot be created, whoever runs the test (root included).
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["check", "http://127.0.0.1:9/", "--out", str(blocker / "reports")]) == 2
    assert "--out" in capsys.readouterr().err


def test_json_in_missing_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "http://127.0.0.1:9/", "--out", str(tmp_path), "--json", str(tmp_path / "no" / "x.json")])
    assert code == 2 and "--json" in capsys.readouterr().err


def test_bad_now_and_bad_concurrency_exit_2(tmp_path: Path) -> None:
    assert main(["check", "http://127.0.0.1:9/", "--out", str(tmp_path), "--now", "yesterday"]) == 2
    assert main(["check", "http://127.0.0.1:9/", "--out", str(tmp_path), "--concurrency", "8"]) == 2


def test_url_normalisation_and_ids() -> None:
    assert validate_url(" https://skhcn.daknong.gov.vn ") == "https://skhcn.daknong.gov.vn/"
    assert portal_id_from_url("https://www.skhcn.daknong.gov.vn/") == "skhcn.daknong.gov.vn"
    assert portal_id_from_url("http://127.0.0.1:8100/") == "127.0.0.1-8100"


def test_portal_file_errors_name_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "p.toml"
    bad.write_text('[portal]\nurl = "https://a.gov.vn/"\n[sections.chi_dao]\nurl = "https://a.gov.vn/x"\n',
                   encoding="utf-8")
    with pytest.raises(ConfigError, match=r"p\.toml: sections\.chi_dao"):
        load_portal_file(bad)
    bad.write_text('[portal]\nurl = "https://a.gov.vn/"\n[sections.news]\nitem = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sections\.news\.item"):
        load_portal_file(bad)
    bad.write_text("[portal\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_portal_file(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_portal_file(tmp_path / "missing.toml")
    good = tmp_path / "g.toml"
    good.write_text('[portal]\nid = "so-x"\nurl = "https://a.gov.vn"\n[sections.directive_documents]\n'
                    'url = "https://a.gov.vn/cddh"\norder = "MDY"\n[rules."FR-001"]\nmax_age_days = 45\n',
                    encoding="utf-8")
    cfg = load_portal_file(good)
    assert cfg.id == "so-x" and cfg.sections["directive_documents"].order == "MDY"
    assert cfg.rules == {"FR-001": {"max_age_days": 45}}
