"""Choosing the language (``catalog/lang.py``): ``--lang``, then ``TRUSTCOACH_LANG``, then the
locale; a language trustcoach does not speak is a user error, and errors are said in the
language chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from tests.support.answers import EN_ANSWERS
from tests.support.runner import run_cli
from trustcoach.catalog.lang import choose_lang
from trustcoach.errors import UsageError


@pytest.fixture
def japanese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("TRUSTCOACH_LANG", raising=False)


@pytest.mark.usefixtures("japanese_locale")
def test_lang_option_comes_first_then_the_variable_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert choose_lang(None) == "ja"
    monkeypatch.setenv("TRUSTCOACH_LANG", "en")
    assert choose_lang(None) == "en"
    assert choose_lang("ja") == "ja"
    monkeypatch.delenv("TRUSTCOACH_LANG")
    assert choose_lang("en") == "en"


@pytest.mark.parametrize(
    ("lc_all", "lc_messages", "lang", "expected"),
    [
        (None, None, "ja_JP.UTF-8", "ja"),
        (None, "ja_JP.UTF-8", "C.UTF-8", "ja"),
        ("C.UTF-8", "ja_JP.UTF-8", "ja_JP.UTF-8", "en"),
        ("ja_JP.eucJP", None, "en_US.UTF-8", "ja"),
        (None, None, None, "en"),
        (None, None, "fr_FR.UTF-8", "en"),
    ],
)
def test_the_locale_decides_in_the_order_of_its_variables(
    monkeypatch: pytest.MonkeyPatch,
    lc_all: str | None,
    lc_messages: str | None,
    lang: str | None,
    expected: str,
) -> None:
    monkeypatch.delenv("TRUSTCOACH_LANG", raising=False)
    for name, value in (("LC_ALL", lc_all), ("LC_MESSAGES", lc_messages), ("LANG", lang)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert choose_lang(None) == expected


def test_a_language_trustcoach_does_not_speak_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(UsageError) as option:
        choose_lang("fr")
    assert option.value.message.key == "bad_lang_option"
    monkeypatch.setenv("TRUSTCOACH_LANG", "klingon")
    with pytest.raises(UsageError) as variable:
        choose_lang(None)
    assert variable.value.message.key == "bad_lang_env"
    result = run_cli("list")
    assert result.exit_code == 1
    assert result.stderr == (
        "trustcoach: TRUSTCOACH_LANG must be ja or en, not 'klingon'; change it or unset it\n"
    )


# ---------------------------------------------------------------------------------------------
# Errors in the language of the command
# ---------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("japanese_locale")
@pytest.mark.parametrize("ref", ["nosuch", "20991231-235959-abcd"])
def test_an_error_under_a_japanese_locale_is_one_japanese_sentence(ref: str) -> None:
    result = run_cli("show", ref)
    assert result.exit_code == 1
    assert result.stdout == ""
    line = result.stderr.removesuffix("\n")
    assert "\n" not in line
    assert line.startswith(f"trustcoach: 「{ref}」")
    assert line.endswith("。") and line.count("。") == 1, line
    assert "session" not in line


def test_the_same_error_in_english_is_unchanged() -> None:
    result = run_cli("show", "nosuch")
    assert result.exit_code == 1
    assert result.stderr == (
        "trustcoach: 'nosuch' is not a session id (like 20261126-140512-a3f9)\n"
    )


@pytest.mark.usefixtures("japanese_locale")
def test_the_problems_of_a_pack_are_listed_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('id = "bad"\nlang = "en"\nversion = "1"\ncolour = 1\n', "utf-8")
    result = run_cli("pack", "validate", str(path))
    assert result.exit_code == 1
    head, *problems = result.stderr.splitlines()
    assert head.startswith(f"trustcoach: {path}：パックに")
    assert head.endswith("件の問題があります。")
    unknown = "colour：不明なキー「colour」です（つづりを確かめてください）"
    assert f"  ・{path}:4：{unknown}" in problems
    assert f"  ・{path}：title：必要なキーがありません" in problems


def test_the_problems_of_an_answers_file_follow_the_session_language(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps({"answers": {**EN_ANSWERS, "self_trust": 11}}), "utf-8")
    result = run_cli("start", "--lang", "ja", "--answers", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "trustcoach: 1件の回答が足りないか正しくないため、何も保存していません。",
        "  ・answers.self_trust：1から10までの数字を入力してください。",
    ]
