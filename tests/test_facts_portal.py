"""``snapshot.portal``: the portal as configured (portal file ``[portal]`` and CLI flags), validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from nd42.cli import main
from nd42.config import ConfigError, PortalConfig, load_portal_file


def _portal_file(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "portal.toml"
    path.write_text('[portal]\nurl = "https://skhcn.hoalam.gov.vn/"\nname = "Sở KH&CN tỉnh Hòa Lâm"\n' + extra,
                    encoding="utf-8")
    return path


def test_portal_file_level_parent_tags(tmp_path: Path) -> None:
    portal = load_portal_file(_portal_file(tmp_path, 'level = "department"\nparent = "https://hoalam.gov.vn"\n'
                                                     'tags = ["so", "khcn"]\nprofile = "nd224-2026"\n'
                                                     '[rules."FR-001"]\nmax_age_days = 45\n'))
    assert portal.info() == {"name": "Sở KH&CN tỉnh Hòa Lâm", "level": "department",
                             "parent": "https://hoalam.gov.vn/", "tags": ["so", "khcn"], "profile": "nd224-2026",
                             "rules": {"FR-001": {"max_age_days": 45}}}
    assert PortalConfig(id="x", url="https://x.gov.vn/").info()["level"] is None


@pytest.mark.parametrize(("extra", "field"), [
    ('level = "huyen"\n', "portal.level"),
    ("level = 3\n", "portal.level"),
    ('parent = "hoalam.gov.vn"\n', "portal.parent"),
    ('tags = "so"\n', "portal.tags"),
])
def test_portal_file_errors_name_the_file_and_field(tmp_path: Path, extra: str, field: str) -> None:
    path = _portal_file(tmp_path, extra)
    with pytest.raises(ConfigError) as err:
        load_portal_file(path)
    assert str(path) in str(err.value) and field in str(err.value)


def test_bad_portal_flags_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["check", "http://127.0.0.1:9/", "--out", str(tmp_path), "--db", str(tmp_path / "db.sqlite3")]
    assert main([*base, "--parent", "not a url"]) == 2
    assert "--parent" in capsys.readouterr().err
    assert main([*base, "--resolve", "skhcn.hoalam.gov.vn"]) == 2
    assert "HOST:IP" in capsys.readouterr().err
    assert main([*base, "--doc-pages", "-1"]) == 2
    with pytest.raises(SystemExit) as leave:
        main([*base, "--level", "huyen"])
    assert leave.value.code == 2
