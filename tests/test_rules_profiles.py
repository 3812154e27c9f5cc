"""Profiles: loading, validation errors that name file and key, and option precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from nd42.records import Severity
from rules.base import all_rules
from rules.profiles import ProfileError, list_profiles, load_profile

HEADER = 'id = "test"\ntitle_vi = "Thử"\ntitle_en = "Test"\n'


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_builtin_profile_loads_with_metadata_and_covers_every_rule() -> None:
    assert "nd42-2022" in list_profiles()
    profile = load_profile("nd42-2022")
    assert profile.id == "nd42-2022"
    assert profile.title_vi and profile.title_en
    assert any("224/2026" in n for n in profile.notes_en) and any("224/2026" in n for n in profile.notes_vi)
    assert any("01/07/2026" in n for n in profile.notes_en)
    assert set(profile.rules) == set(all_rules())


def test_builtin_profile_statuses() -> None:
    profile = load_profile("nd42-2022")
    rules = all_rules()
    expected_missing = {"SP-001": "warn", "SP-002": "warn", "SP-003": "warn", "SP-004": "fail", "SP-005": "fail",
                        "SP-006": "warn", "SP-007": "fail", "SP-008": "fail", "SP-009": "fail", "SP-010": "fail",
                        "SP-011": "warn"}
    for rule_id, status in expected_missing.items():
        assert profile.settings_for(rules[rule_id]).options["missing_status"] == status, rule_id
    fr = {rid: profile.settings_for(rules[rid]) for rid in ("FR-001", "FR-002", "FR-003")}
    assert (fr["FR-001"].options, fr["FR-001"].severity) == ({"max_age_days": 30, "stale_status": "fail"},
                                                             Severity.HIGH)
    assert (fr["FR-002"].options, fr["FR-002"].severity) == ({"max_age_days": 30, "stale_status": "warn"},
                                                             Severity.MEDIUM)
    assert (fr["FR-003"].options, fr["FR-003"].severity) == ({"max_age_days": 7, "stale_status": "fail"},
                                                             Severity.MEDIUM)


def test_precedence_default_then_profile_then_portal(tmp_path: Path) -> None:
    rule = all_rules()["FR-001"]
    path = write(tmp_path, '[rules."FR-001"]\nmax_age_days = 60\nseverity = "critical"\n')
    profile = load_profile(path)
    assert rule.default_options()["max_age_days"] == 30
    assert profile.settings_for(rule).options == {"max_age_days": 60, "stale_status": "fail"}
    assert profile.settings_for(rule).severity is Severity.CRITICAL
    eff = profile.settings_for(rule, {"max_age_days": 10})
    assert eff.options == {"max_age_days": 10, "stale_status": "fail"} and eff.severity is Severity.CRITICAL
    untouched = profile.settings_for(all_rules()["FR-003"])
    assert untouched.options["max_age_days"] == 7 and untouched.enabled


@pytest.mark.parametrize(("body", "needle"), [
    ('[rules."FR-999"]\nmax_age_days = 3\n', 'rules."FR-999": unknown rule id'),
    ('[rules."FR-001"]\nmax_days = 3\n', "unknown key 'max_days'"),
    ('[rules."FR-001"]\nmax_age_days = "thirty"\n', 'rules."FR-001".max_age_days: expected int'),
    ('[rules."FR-001"]\nmax_age_days = -1\n', "max_age_days: -1 is below the minimum"),
    ('[rules."FR-001"]\nstale_status = "panic"\n', "stale_status: 'panic' is not one of"),
    ('[rules."FR-001"]\nseverity = "huge"\n', "severity: 'huge' is not one of"),
    ('[rules."FR-001"]\nenabled = "yes"\n', "enabled: expected true or false"),
    ('[rules."SP-002"]\nmissing_status = "fail"\n', 'rules."SP-002".missing_status'),
    ('colour = "red"\n', "unknown key 'colour'"),
    ("notes_en = 3\n", "notes_en: expected a list of strings"),
])
def test_profile_errors_name_file_and_key(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(path) in str(info.value)
    assert needle in str(info.value)


def test_missing_required_key_and_bad_toml(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('title_vi = "a"\ntitle_en = "b"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="id: required"):
        load_profile(path)
    path.write_text("id = [", encoding="utf-8")
    with pytest.raises(ProfileError, match="invalid TOML"):
        load_profile(path)


def test_unknown_profile_name_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"unknown profile 'nd99'.*nd42-2022"):
        load_profile("nd99")
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile(tmp_path / "absent.toml")


def test_all_builtin_profiles_load_and_cover_every_rule() -> None:
    assert {"nd42-2022", "nd224-2026", "daknong-cchc"} <= set(list_profiles())
    for name in ("nd42-2022", "nd224-2026", "daknong-cchc"):
        profile = load_profile(name)
        assert profile.id == name and profile.notes_vi and profile.notes_en
        assert len(profile.notes_vi) == len(profile.notes_en), name
        assert set(profile.rules) == set(all_rules()), (name, set(all_rules()) - set(profile.rules))


def test_extends_merges_settings_and_the_child_wins(tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    base.write_text(HEADER.replace('"test"', '"base"') + '[rules."FR-001"]\nmax_age_days = 40\nseverity = "low"\n'
                    '[rules."FR-003"]\nenabled = false\n', encoding="utf-8")
    child = write(tmp_path, f'extends = "{base}"\n[rules."FR-001"]\nmax_age_days = 10\n')
    profile = load_profile(child)
    rules = all_rules()
    eff = profile.settings_for(rules["FR-001"])
    assert eff.options["max_age_days"] == 10 and eff.severity is Severity.LOW  # child option, inherited severity
    assert not profile.settings_for(rules["FR-003"]).enabled
    assert profile.extends == str(base)


def test_extends_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"p\.toml: extends: unknown profile 'nope'"):
        load_profile(write(tmp_path, 'extends = "nope"\n'))
    loop = tmp_path / "loop.toml"
    loop.write_text(HEADER + f'extends = "{loop}"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="chain longer"):
        load_profile(loop)


def test_citations_are_chosen_by_the_profile(tmp_path: Path) -> None:
    from rules.citations import ND224_9_3

    rule = all_rules()["FR-001"]
    assert load_profile(write(tmp_path, "")).settings_for(rule).citations == rule.legal_refs
    profile = load_profile(write(tmp_path, '[rules."FR-001"]\ncitations = ["ND224_9_3"]\n'))
    assert profile.settings_for(rule).citations == (ND224_9_3,)
    with pytest.raises(ProfileError, match=r'rules\."FR-001"\.citations: unknown citation \'ND99\''):
        load_profile(write(tmp_path, '[rules."FR-001"]\ncitations = ["ND99"]\n'))
    with pytest.raises(ProfileError, match="non-empty list"):
        load_profile(write(tmp_path, '[rules."FR-001"]\ncitations = "ND224_9_3"\n'))


def test_portal_overrides_cannot_change_citations() -> None:
    from rules.profiles import validate_overrides

    with pytest.raises(ProfileError, match="unknown key 'citations'"):
        validate_overrides({"FR-001": {"citations": ["ND224_9_3"]}})


def test_successor_and_carry_over(tmp_path: Path) -> None:
    import datetime as dt

    from rules.profiles import carry_over

    profile = load_profile("nd42-2022")
    assert profile.successor is not None and profile.successor.profile == "nd224-2026"
    assert profile.successor.replaced_on == dt.date(2026, 7, 1)
    assert "01/07/2026" in profile.successor.note_vi and "01/07/2026" in profile.successor.note_en
    result = carry_over(profile)
    assert result is not None
    assert "FR-001" in result.same and "FN-005" in result.changed  # English pages: fail → warn under 224/2026
    assert set(result.carried) | set(result.dropped) == set(profile.enabled_rules())
    assert carry_over(load_profile("nd224-2026")) is None
    with pytest.raises(ProfileError, match=r"successor\.replaced_on: required"):
        load_profile(write(tmp_path, '[successor]\nprofile = "nd224-2026"\n'))
    with pytest.raises(ProfileError, match=r"successor\.when: unknown key"):
        load_profile(write(tmp_path, '[successor]\nprofile = "x"\nreplaced_on = 2026-07-01\nwhen = 1\n'))


def test_provincial_profile_adds_its_criteria() -> None:
    rules = all_rules()
    national, provincial = load_profile("nd224-2026"), load_profile("daknong-cchc")
    assert provincial.extends == "nd224-2026"
    assert not national.settings_for(rules["FR-004"]).enabled and provincial.settings_for(rules["FR-004"]).enabled
    assert national.settings_for(rules["FR-002"]).options["stale_status"] == "warn"
    assert provincial.settings_for(rules["FR-002"]).options["stale_status"] == "fail"
    fr1 = provincial.settings_for(rules["FR-001"])
    assert fr1.options["max_age_days"] < national.settings_for(rules["FR-001"]).options["max_age_days"]
    assert fr1.citations[0].standing == "provincial"
    # Inherited untouched: the presence rules keep the national settings.
    assert provincial.settings_for(rules["SP-004"]) == national.settings_for(rules["SP-004"])
