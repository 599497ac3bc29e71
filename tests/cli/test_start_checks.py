"""Misconception checks on commitments through ``start``: the keyboard flow, answers files, and
rules that are data (a copied pack with other words behaves differently)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import EN_LINES_BEFORE_COMMITMENTS, JA_LINES_BEFORE_COMMITMENTS, feed
from tests.support.clocks import NOW
from tests.support.journals import (
    journal_path,
    only_journal,
    only_journal_path,
    read_journal,
    to_partner,
)
from tests.support.packs import PACK_FILES, PACKS
from tests.support.runner import run_cli
from tests.support.sessions import start_unattended

pytestmark = pytest.mark.usefixtures("fixed_clock")

MESSAGES = {
    lang: {check["id"]: check["message"] for check in data["checks"]}
    for lang, data in PACKS.items()
}


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
    then, item by item, the answers to its rewrite offers and Enter for its days and its due
    date (the defaults); then a confidence rating."""
    lines = [*BEFORE_COMMITMENTS[lang], *items]
    if len(items) < 3:
        lines.append("")
    for number in range(len(items)):
        lines += [*(rewrites[number] if number < len(rewrites) else []), "", ""]
    lines.append("8")
    return feed(lines)


def stored(journal: dict[str, Any]) -> list[tuple[str, list[str]]]:
    commitments = [(c["text"], c["flags"]) for c in to_partner(journal["commitments"])]
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
    journal = only_journal(isolated_home)
    assert stored(journal) == [("Wash the dishes after dinner", []), ("Walk after dinner", [])]
    text = only_journal_path(isolated_home).read_text("utf-8")
    assert original not in text  # only the chosen wording is kept


def test_keyboard_enter_keeps_the_commitment_and_records_the_check(isolated_home: Path) -> None:
    items = ["I will tell her I'm sorry every day", "Ask her sister to talk to her on Sunday"]
    out = run_keyboard("en", items, [[""], [""]])
    assert out.count("Before saving this commitment, a gentle check:") == 2
    page = flat(out, "en")
    assert message("en", "only-words", "Robin") in page
    assert message("en", "someone-else", "Robin") in page
    assert message("en", "giving-up", "Robin") not in page
    journal = only_journal(isolated_home)
    assert stored(journal) == [(items[0], ["only-words"]), (items[1], ["someone-else"])]
    shown = run_cli("show", "latest").stdout
    assert items[0] in shown and items[1] in shown


def test_keyboard_rewrite_that_still_matches_is_checked_again(isolated_home: Path) -> None:
    out = run_keyboard(
        "en", ["Tell her I love her every day"], [["Say sorry [/] daily", "Cook dinner"]]
    )
    assert out.count("Before saving this commitment, a gentle check:") == 2
    assert "“Say sorry [/] daily”" in out
    journal = only_journal(isolated_home)
    assert stored(journal) == [("Cook dinner", [])]


def test_keyboard_commitment_without_match_is_not_questioned(isolated_home: Path) -> None:
    out = run_keyboard("en", ["After dinner I will wash the dishes"], [])
    assert "gentle check" not in out
    journal = only_journal(isolated_home)
    assert stored(journal) == [("After dinner I will wash the dishes", [])]


def test_keyboard_check_in_japanese(isolated_home: Path) -> None:
    items = ["妻に毎晩説明する", "義姉に頼んで週末に話してもらう", "毎晩スマホを別の部屋に置く"]
    out = run_keyboard("ja", items, [[""], ["毎週末に自分で料理する"], []])
    assert out.count("この約束を保存する前に、一つ確かめさせてください。") == 2
    page = flat(out, "ja")
    assert message("ja", "only-words", "妻") in page
    assert message("ja", "someone-else", "妻") in page
    assert "「妻に毎晩説明する」" in out
    journal = only_journal(isolated_home)
    assert stored(journal) == [
        ("妻に毎晩説明する", ["only-words"]),
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
    "self_promise_small": "small, daily",
    "never_belief_start": 50,
    "partner_trust": 3,
    "one_point_action": "act",
    "never_belief_end": 40,
    "words_belief_start": 60,
    "gestures": ["messages"],
    "costly_actions": "cost",
    "showing_action": "show",
    "words_belief_end": 30,
    "others_belief_start": 20,
    "asked_others": False,
    "only_me": "me",
    "others_belief_end": 10,
    "commitment_confidence": 8,
}


def run_answers(
    tmp_path: Path, mp: pytest.MonkeyPatch, lang: str, commitments: list[str], *pack: str
) -> dict[str, Any]:
    """A session from an answers file with these commitments; its journal as TOML data."""
    answers = {**ANSWERS, "commitments": commitments}
    session_id = start_unattended(tmp_path, mp, NOW, answers, "--lang", lang, *pack)
    return read_journal(journal_path(Path(os.environ["TRUSTCOACH_HOME"]), session_id))


@pytest.mark.parametrize(
    ("lang", "items", "flags"),
    [
        (
            "en",
            [
                "I will tell her I'm sorry every day",
                "Ask her sister to talk to her on Sunday",
                "After dinner I will wash the dishes",
            ],
            [["only-words"], ["someone-else"], []],
        ),
        (
            "ja",
            ["妻に毎晩説明する", "義姉に頼んで週末に話してもらう", "毎晩スマホを別の部屋に置く"],
            [["only-words"], ["only-words", "someone-else"], []],
        ),
    ],
)
def test_answers_file_keeps_matching_commitments_and_records_flags(
    lang: str,
    items: list[str],
    flags: list[list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = run_answers(tmp_path, monkeypatch, lang, items)
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
    copied_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = ["Leave my phone in another room", "I will tell her everything every day"]
    default = run_answers(tmp_path, monkeypatch, "en", items)
    assert stored(default) == [(items[0], []), (items[1], ["only-words"])]
    copied = run_answers(tmp_path, monkeypatch, "en", items, "--pack", str(copied_pack))
    assert stored(copied) == [(items[0], ["screen-time"]), (items[1], [])]
    assert copied["pack_source"] == str(copied_pack)


def test_copied_pack_message_at_the_keyboard(copied_pack: Path, isolated_home: Path) -> None:
    out = run_keyboard(
        "en",
        ["Leave my phone in another room", "Tell her the plan tonight"],
        [[""]],
        "--pack",
        str(copied_pack),
    )
    assert out.count("Before saving this commitment, a gentle check:") == 1
    assert "A rule about a phone: will Robin see it kept without being told?" in flat(out, "en")
    journal = only_journal(isolated_home)
    assert stored(journal) == [
        ("Leave my phone in another room", ["screen-time"]),
        ("Tell her the plan tonight", []),
    ]


# ---------------------------------------------------------------------------------------------
# Any dash, or none: the form "when, where, what" is a suggestion, not a syntax
# ---------------------------------------------------------------------------------------------

DASHED = {
    "en": [
        "Weekday evenings at home - leave my phone in the hall",
        "Weekday evenings at home — leave my phone in the hall",
        "Weekday evenings at home leave my phone in the hall",
    ],
    "ja": [
        "平日の夜、家で――スマートフォンを玄関に置く",
        "平日の夜、家でースマートフォンを玄関に置く",
        "平日の夜、家で - スマートフォンを玄関に置く",
        "平日の夜、家でスマートフォンを玄関に置く",
    ],
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_commitments_take_any_dash_or_none_and_keep_it_as_typed(lang: str) -> None:
    result = run_cli("start", "--lang", lang, input=keyboard(lang, DASHED[lang][:3], []))
    assert result.exit_code == 0, result.stdout + result.stderr
    commitments = only_journal(Path(os.environ["TRUSTCOACH_HOME"]))["commitments"]
    to_partner = [c for c in commitments if c["question"] == "commitments"]
    assert [(c["text"], c.get("flags", [])) for c in to_partner] == [
        (text, []) for text in DASHED[lang][:3]
    ]
    help_text = PACKS[lang]["steps"][-1]["questions"][0]["help"]
    assert not re.search("[—―]", help_text)  # the help asks for no hard-to-type dash
