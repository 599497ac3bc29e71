"""Misconception checks on commitments: the packs' rules, the keyboard flow, answers files, and
rules that are data (a copied pack with other words behaves differently)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w

from conftest import EN_LINES_BEFORE_COMMITMENTS, JA_LINES_BEFORE_COMMITMENTS, REPO, run_cli
from trustcoach.packs.checks import matching_checks
from trustcoach.packs.loading import load_pack_file

NOW = "2026-11-26T10:00:00+09:00"

PACK_FILES = {lang: REPO / "prompts" / lang / "trust-repair.toml" for lang in ("en", "ja")}
PACK_DATA = {lang: tomli.loads(path.read_text("utf-8")) for lang, path in PACK_FILES.items()}
CHECKS = {lang: load_pack_file(path).pack.checks for lang, path in PACK_FILES.items()}
MESSAGES = {
    lang: {check["id"]: check["message"] for check in data["checks"]}
    for lang, data in PACK_DATA.items()
}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", NOW)


# ---------------------------------------------------------------------------------------------
# The rules of the built-in packs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "I will tell her I'm sorry every day", ["only-words"]),
        ("en", "Ask her sister to talk to her", ["someone-else"]),
        ("en", "After dinner I will wash the dishes", []),
        ("en", "Hotel booking", []),
        ("en", "Stella's intellectual hotel", []),  # "tell" inside other words
        ("en", "TELL Sam the truth", ["only-words"]),  # case does not matter
        ("en", "ＴＥＬＬ Sam the truth", ["only-words"]),  # nor full-width letters
        ("en", "Ask her sister to tell her", ["only-words", "someone-else"]),
        ("en", "Convince him that I changed", ["someone-else"]),
        ("en", "It is too late, but I will cook", ["giving-up"]),
        ("en", "Sayonara to late nights", []),  # "say" only as a whole word
        ("ja", "妻に説明する", ["only-words"]),
        ("ja", "義姉に頼んで話してもらう", ["someone-else"]),
        ("ja", "毎晩スマホを別の部屋に置く", []),
        ("ja", "どうせ無理だけど料理する", ["giving-up"]),
        ("ja", "毎日 LINE を送る", ["only-words"]),
    ],
)
def test_pack_checks_match_commitments(lang: str, text: str, expected: list[str]) -> None:
    assert [check.id for check in matching_checks(text, CHECKS[lang])] == expected


@pytest.mark.parametrize("text", ["毎日LINEを送る", "夜にLINEする"])
def test_latin_word_of_ja_pack_matches_inside_japanese_text(text: str) -> None:
    assert [check.id for check in matching_checks(text, CHECKS["ja"])] == ["only-words"]


def test_rules_are_the_pack_data() -> None:
    """Each check's words come from the pack file: each word alone matches its own check."""
    for lang, data in PACK_DATA.items():
        for check in data["checks"]:
            for word in check["words"]:
                found = [c.id for c in matching_checks(f"x {word} x", CHECKS[lang])]
                assert check["id"] in found, (lang, word)


# ---------------------------------------------------------------------------------------------
# At the keyboard
# ---------------------------------------------------------------------------------------------

BEFORE_COMMITMENTS = {
    "en": EN_LINES_BEFORE_COMMITMENTS,
    "ja": JA_LINES_BEFORE_COMMITMENTS,
}
PARTNER = {"en": "Robin", "ja": "妻"}


def keyboard(lang: str, items: list[str], rewrites: list[list[str]]) -> str:
    """Every line typed in a session: the items (and an empty line unless the list is full);
    then, item by item, the answers to its rewrite offers and Enter for its due date (the
    default); then a confidence rating."""
    lines = [*BEFORE_COMMITMENTS[lang], *items]
    if len(items) < 3:
        lines.append("")
    for number in range(len(items)):
        lines += [*(rewrites[number] if number < len(rewrites) else []), ""]
    lines.append("8")
    return "".join(line + "\n" for line in lines)


def only_journal(home: Path) -> tuple[str, dict[str, Any]]:
    files = sorted((home / "journals").glob("*.toml"))
    assert len(files) == 1, files
    text = files[0].read_text("utf-8")
    return text, tomli.loads(text)


def stored(journal: dict[str, Any]) -> list[tuple[str, list[str]]]:
    commitments = [(c["text"], c["flags"]) for c in journal["commitments"]]
    value = next(a["value"] for a in journal["answers"] if a["question"] == "commitments")
    assert value == [text for text, _ in commitments]
    return commitments


def flat(text: str, lang: str) -> str:
    """Text with line breaks and wrapping removed, to find a reflowed message in the output."""
    return re.sub(r"\s+", "" if lang == "ja" else " ", text).strip()


def message(lang: str, check_id: str, partner: str) -> str:
    return flat(MESSAGES[lang][check_id].replace("{partner}", partner), lang)


def run_keyboard(lang: str, items: list[str], rewrites: list[list[str]], *pack: str) -> str:
    result = run_cli("start", "--lang", lang, *pack, input=keyboard(lang, items, rewrites))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_keyboard_rewrite_replaces_the_commitment(isolated_home: Path) -> None:
    original = "I will tell Robin I'm sorry every day"
    out = run_keyboard("en", [original, "Walk after dinner"], [["Wash the dishes after dinner"]])
    assert out.count("Before saving this commitment, a gentle check:") == 1
    assert f"“{original}”" in out
    assert message("en", "only-words", "Robin") in flat(out, "en")
    assert "{partner}" not in out
    text, journal = only_journal(isolated_home)
    assert stored(journal) == [("Wash the dishes after dinner", []), ("Walk after dinner", [])]
    assert original not in text  # only the chosen wording is kept


def test_keyboard_enter_keeps_the_commitment_and_records_the_check(isolated_home: Path) -> None:
    items = ["I will tell her I'm sorry every day", "Ask her sister to talk to her"]
    out = run_keyboard("en", items, [[""], [""]])
    assert out.count("Before saving this commitment, a gentle check:") == 2
    page = flat(out, "en")
    assert message("en", "only-words", "Robin") in page
    assert message("en", "someone-else", "Robin") in page
    assert message("en", "giving-up", "Robin") not in page
    _, journal = only_journal(isolated_home)
    assert stored(journal) == [(items[0], ["only-words"]), (items[1], ["someone-else"])]
    shown = run_cli("show", "latest").stdout
    assert items[0] in shown and items[1] in shown


def test_keyboard_rewrite_that_still_matches_is_checked_again(isolated_home: Path) -> None:
    out = run_keyboard("en", ["Tell her I love her"], [["Say sorry [/] daily", "Cook dinner"]])
    assert out.count("Before saving this commitment, a gentle check:") == 2
    assert "“Say sorry [/] daily”" in out
    _, journal = only_journal(isolated_home)
    assert stored(journal) == [("Cook dinner", [])]


def test_keyboard_commitment_without_match_is_not_questioned(isolated_home: Path) -> None:
    out = run_keyboard("en", ["After dinner I will wash the dishes"], [])
    assert "gentle check" not in out
    _, journal = only_journal(isolated_home)
    assert stored(journal) == [("After dinner I will wash the dishes", [])]


def test_keyboard_check_in_japanese(isolated_home: Path) -> None:
    items = ["妻に説明する", "義姉に頼んで話してもらう", "毎晩スマホを別の部屋に置く"]
    out = run_keyboard("ja", items, [[""], ["毎週末に自分で料理する"], []])
    assert out.count("この約束を保存する前に、一つ確かめさせてください。") == 2
    page = flat(out, "ja")
    assert message("ja", "only-words", "妻") in page
    assert message("ja", "someone-else", "妻") in page
    assert "「妻に説明する」" in out
    _, journal = only_journal(isolated_home)
    assert stored(journal) == [
        ("妻に説明する", ["only-words"]),
        ("毎週末に自分で料理する", []),
        ("毎晩スマホを別の部屋に置く", []),
    ]


# ---------------------------------------------------------------------------------------------
# Answers files
# ---------------------------------------------------------------------------------------------

ANSWERS: dict[str, Any] = {
    "partner": "Alex",
    "self_view": "view",
    "self_trust": 6,
    "self_promise_recent": "recent",
    "self_promise_small": "small",
    "never_belief": "partly",
    "partner_trust": 3,
    "one_point_action": "act",
    "words_belief": "yes",
    "gestures": ["messages"],
    "costly_actions": "cost",
    "showing_action": "show",
    "others_belief": "no",
    "asked_others": False,
    "only_me": "me",
    "commitment_confidence": 8,
}


def run_answers(
    tmp_path: Path, lang: str, commitments: list[str], *pack: str
) -> tuple[str, dict[str, Any]]:
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps({"answers": {**ANSWERS, "commitments": commitments}}), "utf-8")
    result = run_cli("start", "--lang", lang, *pack, "--answers", str(path))
    assert result.exit_code == 0, result.stdout + result.stderr
    session_id = re.search(r"(?:Session|セッション) (\S+) (?:is complete|を)", result.stdout)
    assert session_id
    home = Path(os.environ["TRUSTCOACH_HOME"])
    text = (home / "journals" / f"{session_id.group(1)}.toml").read_text("utf-8")
    return session_id.group(1), tomli.loads(text)


@pytest.mark.parametrize(
    ("lang", "items", "flags"),
    [
        (
            "en",
            [
                "I will tell her I'm sorry every day",
                "Ask her sister to talk to her",
                "After dinner I will wash the dishes",
            ],
            [["only-words"], ["someone-else"], []],
        ),
        (
            "ja",
            ["妻に説明する", "義姉に頼んで話してもらう", "毎晩スマホを別の部屋に置く"],
            [["only-words"], ["someone-else"], []],
        ),
    ],
)
def test_answers_file_keeps_matching_commitments_and_records_flags(
    lang: str, items: list[str], flags: list[list[str]], isolated_home: Path, tmp_path: Path
) -> None:
    _, journal = run_answers(tmp_path, lang, items)
    assert stored(journal) == list(zip(items, flags, strict=True))


# ---------------------------------------------------------------------------------------------
# Rules are data: a copied pack with other words
# ---------------------------------------------------------------------------------------------

SCREEN_CHECK = '''
[[checks]]
id = "screen-time"
misconception = "myth-words"
words = ["phone"]
message = """
A rule about a phone: will {partner} see it kept
without being told?"""
'''


@pytest.fixture
def copied_pack(tmp_path: Path) -> Path:
    """The English pack with a new check ("phone") and without the word "tell"."""
    text = PACK_FILES["en"].read_text("utf-8")
    assert '"tell", ' in text
    text = text.replace('"tell", ', "", 1) + SCREEN_CHECK
    folder = tmp_path / "mypacks"
    folder.mkdir()
    path = folder / "trust-repair.toml"
    path.write_text(text, "utf-8")
    assert run_cli("pack", "validate", str(path)).exit_code == 0
    return path


def test_copied_pack_changes_the_checks(
    copied_pack: Path, isolated_home: Path, tmp_path: Path
) -> None:
    items = ["Leave my phone in another room", "I will tell her I'm sorry every day"]
    _, default = run_answers(tmp_path, "en", items)
    assert stored(default) == [(items[0], []), (items[1], ["only-words"])]
    _, copied = run_answers(tmp_path, "en", items, "--pack", str(copied_pack))
    assert stored(copied) == [(items[0], ["screen-time"]), (items[1], [])]
    assert copied["pack_source"] == str(copied_pack)


def test_copied_pack_message_at_the_keyboard(copied_pack: Path, isolated_home: Path) -> None:
    out = run_keyboard(
        "en",
        ["Leave my phone in another room", "Tell her the plan"],
        [[""]],
        "--pack",
        str(copied_pack),
    )
    assert out.count("Before saving this commitment, a gentle check:") == 1
    assert "A rule about a phone: will Robin see it kept without being told?" in flat(out, "en")
    _, journal = only_journal(isolated_home)
    assert stored(journal) == [
        ("Leave my phone in another room", ["screen-time"]),
        ("Tell her the plan", []),
    ]
