"""Whole guided sessions through the command line: piped answers, --answers files, resume.

Every test fixes the clock with TRUSTCOACH_NOW, reads the journal back with tomli and compares
each stored value with what was typed.
"""

from __future__ import annotations

import re
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.support.answers import QUESTION_IDS, feed
from tests.support.clocks import DEFAULT_DUE, NOW, NOW_DT
from tests.support.journals import (
    journal_paths,
    only_journal,
    only_journal_path,
    read_journal,
    to_partner,
    values_of,
)
from tests.support.packs import PACKS, pack_file
from tests.support.runner import Result, run_cli, run_process
from trustcoach.catalog.say import say
from trustcoach.journal.model import parse_journal

pytestmark = pytest.mark.usefixtures("fixed_clock")

ORDER = [
    ("self", "partner", "text"),
    ("self", "self_view", "text"),
    ("self", "self_trust", "rating"),
    ("self", "self_promise_recent", "text"),
    ("self", "self_promise_small", "list"),
    ("myth-never", "never_belief_start", "rating"),
    ("myth-never", "partner_trust", "rating"),
    ("myth-never", "one_point_action", "text"),
    ("myth-never", "never_belief_end", "rating"),
    ("myth-words", "words_belief_start", "rating"),
    ("myth-words", "gestures", "multi"),
    ("myth-words", "gestures_landing", "text"),
    ("myth-words", "costly_actions", "text"),
    ("myth-words", "showing_action", "text"),
    ("myth-words", "words_belief_end", "rating"),
    ("myth-others", "others_belief_start", "rating"),
    ("myth-others", "asked_others", "confirm"),
    ("myth-others", "only_me", "text"),
    ("myth-others", "others_belief_end", "rating"),
    ("commitments", "commitments", "list"),
    ("commitments", "commitment_confidence", "rating"),
]
assert [question for _, question, _ in ORDER] == QUESTION_IDS

LONG = ("長い回答、long answer ✓ " * 300)[:4999] + "終"
assert len(LONG) == 5000

ESCAPE_TEXT = "\x1b[31mred alert\x1b[0m and more"


def same(text: str) -> tuple[str, str]:
    """A text answer: stored exactly as typed."""
    return text, text


# What is typed for each question, and the value the journal must hold.
EN_TYPED: dict[str, tuple[str, Any]] = {
    "partner": same("Sam [bold]"),
    "self_view": same('I "try" [/] but fail 🙂 — 正直に'),
    "self_trust": ("7", 7),
    "self_promise_recent": same(r"C:\Users\me \\ double \n not a newline"),
    "self_promise_small": (":smile: walk [red]daily[/red]", [":smile: walk [red]daily[/red]"]),
    "never_belief_start": ("80", 80),
    "partner_trust": ("3", 3),
    "one_point_action": same(LONG),
    "never_belief_end": ("0", 0),
    "words_belief_start": ("100", 100),
    "gestures": ("1,3", ["messages", "promise-change"]),
    "gestures_landing": same(""),
    "costly_actions": same(ESCAPE_TEXT),
    "showing_action": same("{partner} stays {literal} 'quoted'"),
    "words_belief_end": (" 55 ", 55),
    "others_belief_start": ("+10", 10),
    "asked_others": ("y", True),
    "only_me": same("Be home by 7 — 毎日 😊"),
    "others_belief_end": ("5", 5),
    "commitment_confidence": ("8", 8),
}
EN_COMMITMENTS = [("[bold]Call[/bold] at 7pm :smile:", ""), ('Walk 🚶 "daily" \\ home', "+3")]
EN_DUES = [DEFAULT_DUE, date(2026, 11, 29)]

JA_TYPED: dict[str, tuple[str, Any]] = {
    "partner": same("妻"),
    "self_view": same("約束を守れない自分が「嫌い」です😢 [/]"),
    "self_trust": ("７", 7),
    "self_promise_recent": same("早く寝る＼バックスラッシュ\\も"),
    "self_promise_small": (
        "毎朝[bold]散歩[/bold]する :smile:",
        ["毎朝[bold]散歩[/bold]する :smile:"],
    ),
    "never_belief_start": ("７０", 70),
    "partner_trust": ("３", 3),
    "one_point_action": same(LONG),
    "never_belief_end": ("５０", 50),
    "words_belief_start": ("１", 1),
    "gestures": ("1、3", ["messages", "promise-change"]),
    "gestures_landing": same("あまり響かなかった"),
    "costly_actions": same(ESCAPE_TEXT),
    "showing_action": same('帰る時間を "必ず" 連絡する'),
    "words_belief_end": ("0", 0),
    "others_belief_start": ("3", 3),
    "asked_others": ("いいえ", False),
    "only_me": same("正直に話すこと🙏"),
    "others_belief_end": ("２", 2),
    "commitment_confidence": ("７", 7),
}
JA_COMMITMENTS = [
    ("毎晩22時に[/]スマホを置く", "2026-12-03"),
    ("週末に一緒に料理する🍳", "２０２６－１２－１０"),
]
JA_DUES = [date(2026, 12, 3), date(2026, 12, 10)]


def lines_for(
    typed: dict[str, tuple[str, Any]],
    commitments: list[tuple[str, str]],
    questions: list[str] | None = None,
) -> list[str]:
    """The lines a person types for ``questions`` (all by default), due dates included."""
    lines: list[str] = []
    for question in questions or QUESTION_IDS:
        if question == "commitments":
            assert len(commitments) < 3  # fewer than the maximum: an empty line ends the list
            lines += [text for text, _ in commitments] + [""]
            lines += [line for _, due in commitments for line in ("", due)]  # days, due
        elif question == "self_promise_small":  # one item ends the list; its days, due date
            lines += [typed[question][0], "", ""]
        else:
            lines.append(typed[question][0])
    return lines


def expected_values(typed: dict[str, tuple[str, Any]], commitments: list[tuple[str, str]]):
    values = {question: stored for question, (_, stored) in typed.items()}
    values["commitments"] = [text for text, _ in commitments]
    return values


def assert_no_traceback(result: Any) -> None:
    assert "Traceback" not in result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------
# Full sessions with piped input
# ---------------------------------------------------------------------------------------------


def test_full_session_en_piped_stores_every_value_exactly(isolated_home: Path) -> None:
    result = run_cli("start", "--lang", "en", input=feed(lines_for(EN_TYPED, EN_COMMITMENTS)))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert_no_traceback(result)
    path = only_journal_path(isolated_home)
    journal = read_journal(path)

    assert values_of(journal) == expected_values(EN_TYPED, EN_COMMITMENTS)
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS
    # trustcoach reads its own file back to the same values.
    model = parse_journal(path.read_bytes())
    assert model.values() == {
        q: v
        for q, v in expected_values(EN_TYPED, EN_COMMITMENTS).items()
        if q != "gestures_landing"
    }
    skipped = {a["question"] for a in journal["answers"] if a.get("skipped")}
    assert skipped == {"gestures_landing"}
    assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == list(
        zip([t for t, _ in EN_COMMITMENTS], EN_DUES, strict=True)
    )


def test_full_session_ja_piped_stores_every_value_exactly(isolated_home: Path) -> None:
    result = run_cli("start", "--lang", "ja", input=feed(lines_for(JA_TYPED, JA_COMMITMENTS)))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert_no_traceback(result)
    journal = only_journal(isolated_home)

    assert journal["lang"] == "ja"
    assert values_of(journal) == expected_values(JA_TYPED, JA_COMMITMENTS)
    assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == list(
        zip([t for t, _ in JA_COMMITMENTS], JA_DUES, strict=True)
    )
    # Prompts are stored as shown, with the partner's name and the rating filled in.
    prompts = {a["question"]: a["prompt"] for a in journal["answers"]}
    assert prompts["partner_trust"].startswith("妻は今、あなたのことを")
    assert "今は10のうち3くらいだと感じているのですね" in prompts["one_point_action"]
    assert "{partner}" not in "".join(prompts.values())


def test_journal_fields_and_permissions(isolated_home: Path) -> None:
    result = run_cli("start", "--lang", "en", input=feed(lines_for(EN_TYPED, EN_COMMITMENTS)))
    assert result.exit_code == 0, result.stderr
    path = only_journal_path(isolated_home)
    journal = read_journal(path)

    assert journal["schema_version"] == 2
    assert re.fullmatch(r"20261126-100000-[0-9a-f]{4}", journal["id"])
    assert path.name == f"{journal['id']}.toml"
    assert journal["pack"] == "trust-repair"
    assert journal["pack_version"] == PACKS["en"]["version"]
    assert journal["lang"] == "en"
    assert journal["status"] == "complete"
    for key in ("started_at", "updated_at", "finished_at"):
        assert journal[key] == NOW_DT, key

    pack_steps = {
        q["id"]: (step["id"], q["kind"]) for step in PACKS["en"]["steps"] for q in step["questions"]
    }
    for answer in journal["answers"]:
        assert {"step", "question", "kind", "prompt", "value", "answered_at"} <= set(answer)
        assert (answer["step"], answer["kind"]) == pack_steps[answer["question"]]
        assert answer["answered_at"] == NOW_DT
    assert [(a["step"], a["question"], a["kind"]) for a in journal["answers"]] == ORDER

    prompts = {a["question"]: a["prompt"] for a in journal["answers"]}
    assert prompts["self_trust"] == "How much do you trust your own word today?"
    assert prompts["partner_trust"] == (
        "On a scale of 1 to 10, how much do you think Sam [bold] trusts you today?"
    )
    assert prompts["one_point_action"] == (
        "You put Sam [bold]'s trust in you at 3 out of 10. What is one action that, "
        "repeated over the coming weeks, could move it one point higher?"
    )

    # a choice keeps the labels the user saw, as a list; no other kind has them
    gestures = next(a for a in journal["answers"] if a["kind"] == "multi")
    questions = [q for step in PACKS["en"]["steps"] for q in step["questions"]]
    labels = {c["value"]: c["label"] for q in questions for c in q.get("choices", [])}
    assert gestures["labels"] == [labels[value] for value in gestures["value"]]
    assert gestures["shown"] == ", ".join(gestures["labels"])
    assert all("labels" not in a for a in journal["answers"] if a["kind"] != "multi")

    commitments = to_partner(journal["commitments"])
    assert [c["due"] for c in commitments] == [DEFAULT_DUE, date(2026, 11, 29)]
    for commitment in commitments:
        assert isinstance(commitment["due"], date)
        assert not isinstance(commitment["due"], datetime)
    assert len({c["id"] for c in commitments}) == len(commitments)
    assert all(c["question"] == "commitments" for c in commitments)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((isolated_home / "journals").stat().st_mode) == 0o700
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700
    # No temporary files are left next to the journal.
    assert [p.name for p in (isolated_home / "journals").iterdir()] == [path.name]


def test_output_shows_user_text_literally_and_summary(isolated_home: Path) -> None:
    result = run_cli("start", "--lang", "en", input=feed(lines_for(EN_TYPED, EN_COMMITMENTS)))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert_no_traceback(result)
    # Brackets, emoji codes and backslashes are printed as typed, never interpreted.
    assert "Sam [bold]" in out
    assert 'I "try" [/] but fail 🙂' in out
    assert ":smile: walk [red]daily[/red]" in out
    assert "😄" not in out
    assert r"C:\Users\me \\ double \n not a newline" in out
    # The escape sequence is shown, not sent to the terminal.
    assert "\x1b" not in out
    assert r"\x1b[31mred alert\x1b[0m" in out
    # The prompts and help texts shown use the partner's name.
    assert "how much do you think Sam [bold] trusts you today?" in out
    flat = " ".join(out.split())
    assert "Think of something Sam [bold] could notice" in flat

    summary = out[out.rindex(say("en", "summary_title")) :]
    rating_lines = {
        label: next(line for line in summary.splitlines() if label in line)
        for label in ("Self-trust", "Partner's trust", "Confidence in keeping them")
    }
    assert re.search(r"\b7\b", rating_lines["Self-trust"])
    assert re.search(r"\b3\b", rating_lines["Partner's trust"])
    assert re.search(r"\b8\b", rating_lines["Confidence in keeping them"])
    for (text, _), due in zip(EN_COMMITMENTS, EN_DUES, strict=True):
        line = next(line for line in summary.splitlines() if text in line)
        assert due.isoformat() in line
    journal_path = journal_paths(isolated_home)[0]
    assert journal_path.name in summary.replace("\n", "")


def test_ja_summary_shows_ratings_and_commitments(isolated_home: Path) -> None:
    result = run_cli("start", "--lang", "ja", input=feed(lines_for(JA_TYPED, JA_COMMITMENTS)))
    assert result.exit_code == 0, result.stderr
    summary = result.stdout[result.stdout.rindex(say("ja", "summary_title")) :]
    lines = summary.splitlines()
    assert re.search(r"\b7\b", next(line for line in lines if "自分への信頼" in line))
    assert re.search(r"\b7\b", next(line for line in lines if "約束を守れる自信" in line))
    for (text, _), due in zip(JA_COMMITMENTS, JA_DUES, strict=True):
        assert due.isoformat() in next(line for line in lines if text in line)
    assert "毎晩22時に[/]スマホを置く" in summary


def test_piped_session_in_a_real_process(isolated_home: Path) -> None:
    """The installed entry point reads a real pipe the same way, even with CRLF line ends."""
    crlf = feed(lines_for(JA_TYPED, JA_COMMITMENTS)).replace("\n", "\r\n")
    proc = run_process(
        "start",
        "--lang",
        "ja",
        input=crlf,
        env={"TRUSTCOACH_NOW": NOW},
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    journal = only_journal(isolated_home)
    assert values_of(journal) == expected_values(JA_TYPED, JA_COMMITMENTS)
    assert journal["status"] == "complete"


def test_invalid_utf8_bytes_become_replacement_character(isolated_home: Path) -> None:
    """Bytes that are not UTF-8 (read as lone surrogates) are stored as U+FFFD, not lost."""
    lines = lines_for(EN_TYPED, EN_COMMITMENTS)
    data = feed(lines).encode("utf-8")
    data = data.replace(b"Sam [bold]\n", b"Ren\xe9e\n", 1)
    proc = run_process("start", "--lang", "en", input=data, env={"TRUSTCOACH_NOW": NOW})
    assert proc.returncode == 0, proc.stderr.decode()
    journal = only_journal(isolated_home)
    assert values_of(journal)["partner"] == "Ren\ufffde"
    assert journal["status"] == "complete"


# ---------------------------------------------------------------------------------------------
# Full sessions from --answers
# ---------------------------------------------------------------------------------------------


def answers_file_data(typed: dict[str, tuple[str, Any]], commitments: list[Any]) -> dict:
    answers = {question: stored for question, (_, stored) in typed.items()}
    del answers["gestures_landing"]  # optional: left out
    answers["commitments"] = commitments
    return {"answers": answers}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_full_session_from_answers_file(lang: str, isolated_home: Path, tmp_path: Path) -> None:
    typed = EN_TYPED if lang == "en" else JA_TYPED
    commitments = [
        "[bold]Call[/bold] at 7pm :smile:",
        {"text": '週末に料理 🍳 \\ "一緒に"', "due": date(2026, 12, 3)},
        {"text": ESCAPE_TEXT, "due": "+3"},
    ]
    file = tmp_path / "answers.toml"
    file.write_text(tomli_w.dumps(answers_file_data(typed, commitments)), "utf-8")

    result = run_cli("start", "--lang", lang, "--answers", str(file))
    assert result.exit_code == 0, result.stdout + result.stderr
    path = only_journal_path(isolated_home)
    journal = read_journal(path)
    assert path.name in result.stdout

    assert journal["status"] == "complete"
    assert journal["lang"] == lang
    assert journal["finished_at"] == NOW_DT
    values = values_of(journal)
    for question, (_, stored) in typed.items():
        if question != "gestures_landing":
            assert values[question] == stored, question
    assert values["commitments"] == [
        "[bold]Call[/bold] at 7pm :smile:",
        '週末に料理 🍳 \\ "一緒に"',
        ESCAPE_TEXT,
    ]
    assert [c["due"] for c in to_partner(journal["commitments"])] == [
        DEFAULT_DUE,
        date(2026, 12, 3),
        date(2026, 11, 29),
    ]
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    partner = typed["partner"][1]
    prompts = {a["question"]: a["prompt"] for a in journal["answers"]}
    assert partner in prompts["partner_trust"]


# ---------------------------------------------------------------------------------------------
# Invalid answers at the keyboard
# ---------------------------------------------------------------------------------------------


def replace_answer(lines: list[str], question: str, *attempts: str) -> list[str]:
    """Put ``attempts`` (wrong tries, then the right one) where ``question`` is answered."""
    index = QUESTION_IDS.index(question)
    if index > QUESTION_IDS.index("self_promise_small"):
        index += 2  # the promise to oneself is followed by its days and its due date
    return [*lines[:index], *attempts, *lines[index + 1 :]]


@pytest.mark.parametrize(
    ("question", "attempts", "message", "stored"),
    [
        ("self_trust", ["11", "5"], say("en", "need_number", min=1, max=10), 5),
        ("self_trust", ["abc", "0", "10"], say("en", "need_number", min=1, max=10), 10),
        ("self_trust", ["７"], None, 7),
        ("never_belief_start", ["101", "sure", "0"], say("en", "need_number", min=0, max=100), 0),
        ("never_belief_end", ["-1", "１００"], say("en", "need_number", min=0, max=100), 100),
        ("gestures", ["1,9", "2,5"], say("en", "need_choice", count=6), ["apology", "gifts"]),
        ("gestures", ["", "4"], say("en", "need_some"), ["thanks"]),
        ("gestures", ["1,6", "6"], "“None of these” cannot be chosen together", ["none"]),
        ("asked_others", ["perhaps", "n"], say("en", "need_yes_no"), False),
        ("self_view", ["   ", "now written"], say("en", "need_text"), "now written"),
    ],
)
def test_invalid_answer_is_explained_and_asked_again(
    question: str, attempts: list[str], message: str | None, stored: Any, isolated_home: Path
) -> None:
    lines = replace_answer(lines_for(EN_TYPED, EN_COMMITMENTS), question, *attempts)
    result = run_cli("start", "--lang", "en", input=feed(lines))
    assert result.exit_code == 0, result.stdout + result.stderr
    if message is not None:
        assert result.stdout.count(message) == len(attempts) - 1
    journal = only_journal(isolated_home)
    values = values_of(journal)
    assert values[question] == stored
    # Everything after the corrected answer still lands on the right question.
    assert values["commitment_confidence"] == 8
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS


def test_invalid_rating_in_japanese_is_explained_in_japanese(isolated_home: Path) -> None:
    lines = replace_answer(lines_for(JA_TYPED, JA_COMMITMENTS), "self_trust", "１１", "abc", "４")
    result = run_cli("start", "--lang", "ja", input=feed(lines))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(say("ja", "need_number", min=1, max=10)) == 2
    journal = only_journal(isolated_home)
    assert values_of(journal)["self_trust"] == 4


def test_invalid_due_date_is_explained_and_asked_again(isolated_home: Path) -> None:
    lines = lines_for(EN_TYPED, [("Call mum at 6", "someday")])
    index = lines.index("someday")
    lines[index + 1 : index + 1] = ["2020-01-01", "+2"]
    result = run_cli("start", "--lang", "en", input=feed(lines))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert say("en", "bad_date", example=DEFAULT_DUE.isoformat()) in result.stdout
    assert say("en", "date_range") in result.stdout
    journal = only_journal(isolated_home)
    assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == [
        ("Call mum at 6", date(2026, 11, 28))
    ]


def test_too_long_commitment_is_explained_and_asked_again(isolated_home: Path) -> None:
    lines = lines_for(EN_TYPED, [("Call mum at 6", "")])
    index = lines.index("Call mum at 6")
    lines[index:index] = ["x" * 301, ""]
    result = run_cli("start", "--lang", "en", input=feed(lines))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert say("en", "too_long", length=301, limit=300) in result.stdout
    journal = only_journal(isolated_home)
    assert values_of(journal)["commitments"] == ["Call mum at 6"]


def test_list_at_keyboard_ends_by_itself_at_its_limit(isolated_home: Path) -> None:
    """After the third commitment the list closes, says so, and asks for the due dates."""
    lines = lines_for(EN_TYPED, [("Walk at 7", ""), ("Call at 8", "")])
    index = lines.index("Walk at 7")
    # Three items and no empty line: the list is full, so the next lines are their days and
    # due dates.
    lines[index : index + 7] = ["one at 1", "two at 2", "three at 3", *[""] * 6]
    result = run_cli("start", "--lang", "en", input=feed(lines))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert say("en", "list_full", max=3) in result.stdout
    journal = only_journal(isolated_home)
    assert values_of(journal)["commitments"] == ["one at 1", "two at 2", "three at 3"]
    assert [c["text"] for c in to_partner(journal["commitments"])] == [
        "one at 1",
        "two at 2",
        "three at 3",
    ]


# ---------------------------------------------------------------------------------------------
# End of input, and resume
# ---------------------------------------------------------------------------------------------


def test_end_of_input_saves_answers_and_says_how_to_resume(isolated_home: Path) -> None:
    lines = lines_for(EN_TYPED, EN_COMMITMENTS)
    result = run_cli("start", "--lang", "en", input=feed(lines[:4]))
    assert result.exit_code == 130
    assert_no_traceback(result)
    journal = only_journal(isolated_home)
    assert f"trustcoach resume {journal['id']}" in result.stdout + result.stderr
    assert journal["status"] == "in_progress"
    assert "finished_at" not in journal
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS[:4]
    assert values_of(journal) == {q: EN_TYPED[q][1] for q in QUESTION_IDS[:4]}
    assert journal.get("commitments", []) == []


def test_end_of_input_before_any_answer_saves_nothing(isolated_home: Path) -> None:
    result = run_cli("start", "--lang", "en", input="")
    assert result.exit_code == 130
    assert_no_traceback(result)
    assert journal_paths(isolated_home) == []
    assert "trustcoach start --lang en\n" in result.stdout + result.stderr


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_command_to_begin_again_keeps_the_options_it_was_given(
    lang: str, isolated_home: Path, tmp_path: Path
) -> None:
    """Stopped before any answer, the hint to begin again names the pack and the language
    the session was started with, not a bare ``trustcoach start`` that would begin another."""
    assert run_cli("pack", "init", "mine").exit_code == 0
    folder = tmp_path / "from my counselor"
    folder.mkdir()
    path = folder / "mine.toml"
    path.write_bytes(pack_file(isolated_home, lang, "mine").read_bytes())
    result = run_cli("start", "--pack", str(path), "--lang", lang, input="")
    assert result.exit_code == 130, result.stderr
    said = " ".join((result.stdout + result.stderr).split())
    assert f"trustcoach start --pack '{path}' --lang {lang}" in said
    assert journal_paths(isolated_home) == []


def separate_process(*args: str, input: str | None = None) -> Result:
    """``python -m trustcoach`` in its own process, as a person's separate commands run."""
    proc = run_process(*args, input=input)
    return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.mark.parametrize(("lang", "cut"), [("en", 1), ("en", 4), ("ja", 9), ("en", 17)])
def test_resume_completes_with_every_answer_once(lang: str, cut: int, isolated_home: Path) -> None:
    typed, commitments = (EN_TYPED, EN_COMMITMENTS) if lang == "en" else (JA_TYPED, JA_COMMITMENTS)
    first = lines_for(typed, commitments, QUESTION_IDS[:cut])
    rest = lines_for(typed, commitments, QUESTION_IDS[cut:])
    interrupted = run_cli("start", "--lang", lang, input=feed(first))
    assert interrupted.exit_code == 130, interrupted.stdout + interrupted.stderr
    path = only_journal_path(isolated_home)
    journal = read_journal(path)
    session_id = journal["id"]
    assert f"trustcoach resume {session_id}" in interrupted.stdout + interrupted.stderr
    assert journal["status"] == "in_progress"
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS[:cut]

    resumed = run_cli("resume", session_id, input=feed(rest))
    assert resumed.exit_code == 0, resumed.stdout + resumed.stderr
    assert_no_traceback(resumed)
    path_after = only_journal_path(isolated_home)
    journal = read_journal(path_after)
    assert path_after == path
    assert journal["status"] == "complete"
    assert journal["finished_at"] == NOW_DT
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS
    assert values_of(journal) == expected_values(typed, commitments)
    assert [c["text"] for c in to_partner(journal["commitments"])] == [t for t, _ in commitments]
    # Prompts asked after the resume still use earlier answers.
    prompts = {a["question"]: a["prompt"] for a in journal["answers"]}
    assert typed["partner"][1] in prompts["only_me"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_resume_in_separate_processes(isolated_home: Path) -> None:
    """The same, as two real commands reading real pipes."""
    first = lines_for(JA_TYPED, JA_COMMITMENTS, QUESTION_IDS[:6])
    rest = lines_for(JA_TYPED, JA_COMMITMENTS, QUESTION_IDS[6:])
    interrupted = separate_process("start", "--lang", "ja", input=feed(first))
    assert interrupted.exit_code == 130, interrupted.stderr
    journal = only_journal(isolated_home)
    assert f"trustcoach resume {journal['id']}" in interrupted.stdout + interrupted.stderr
    assert "Traceback" not in interrupted.stderr
    resumed = separate_process("resume", journal["id"], input=feed(rest))
    assert resumed.exit_code == 0, resumed.stderr
    journal = only_journal(isolated_home)
    assert journal["status"] == "complete"
    assert values_of(journal) == expected_values(JA_TYPED, JA_COMMITMENTS)
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS


def test_end_of_input_during_due_dates_keeps_the_list_and_dated_items(
    isolated_home: Path,
) -> None:
    """Input ends after the commitments are typed and one due date is given: the list and the
    first commitment are saved; resume asks only the remaining due dates, each commitment once."""
    lines = lines_for(EN_TYPED, EN_COMMITMENTS)
    before = QUESTION_IDS.index("commitments")
    cut = (
        len(lines_for(EN_TYPED, EN_COMMITMENTS, QUESTION_IDS[:before])) + 3 + 2
    )  # items, "", 1 days and due
    interrupted = run_cli("start", "--lang", "en", input=feed(lines[:cut]))
    assert interrupted.exit_code == 130
    journal = only_journal(isolated_home)
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS[: before + 1]
    assert values_of(journal)["commitments"] == [t for t, _ in EN_COMMITMENTS]
    assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == [
        (EN_COMMITMENTS[0][0], EN_DUES[0])
    ]
    resumed = run_cli("resume", input=feed(lines[cut:]))
    assert resumed.exit_code == 0, resumed.stdout + resumed.stderr
    journal = only_journal(isolated_home)
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS
    assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == list(
        zip([t for t, _ in EN_COMMITMENTS], EN_DUES, strict=True)
    )


def test_ctrl_c_saves_answers_and_exits_130(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at the sixth question: five answers saved, how to resume said, exit 130."""
    import builtins

    lines = iter(lines_for(EN_TYPED, EN_COMMITMENTS))
    calls = 0

    def fake_input(prompt: str = "") -> str:
        nonlocal calls
        calls += 1
        if calls == 6:
            raise KeyboardInterrupt
        return next(lines)

    monkeypatch.setattr(builtins, "input", fake_input)
    result = run_cli("start", "--lang", "en", input="")
    assert result.exit_code == 130
    assert_no_traceback(result)
    journal = only_journal(isolated_home)
    assert f"trustcoach resume {journal['id']}" in result.stdout + result.stderr
    assert journal["status"] == "in_progress"
    assert values_of(journal) == {q: EN_TYPED[q][1] for q in QUESTION_IDS[:5]}


def test_resume_latest_by_default_and_interrupted_again(isolated_home: Path) -> None:
    lines = lines_for(EN_TYPED, EN_COMMITMENTS)
    assert run_cli("start", "--lang", "en", input=feed(lines[:2])).exit_code == 130
    again = run_cli("resume", input=feed(lines[2:5]))
    assert again.exit_code == 130
    journal = only_journal(isolated_home)
    assert f"trustcoach resume {journal['id']}" in again.stdout + again.stderr
    assert journal["status"] == "in_progress"
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS[:5]
    done = run_cli("resume", input=feed(lines[5:]))
    assert done.exit_code == 0, done.stdout + done.stderr
    journal = only_journal(isolated_home)
    assert journal["status"] == "complete"
    assert values_of(journal) == expected_values(EN_TYPED, EN_COMMITMENTS)
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS
    nothing_left = run_cli("resume")
    assert nothing_left.exit_code != 0
    assert "trustcoach start" in nothing_left.stderr
    assert_no_traceback(nothing_left)


def test_resume_of_complete_session_says_it_is_complete(isolated_home: Path) -> None:
    done = run_cli("start", "--lang", "en", input=feed(lines_for(EN_TYPED, EN_COMMITMENTS)))
    assert done.exit_code == 0, done.stderr
    path = only_journal_path(isolated_home)
    journal = read_journal(path)
    before = path.read_bytes()
    again = run_cli("resume", journal["id"], input="should not be read\n")
    assert "complete" in (again.stdout + again.stderr).lower()
    assert journal["id"] in again.stdout + again.stderr
    assert_no_traceback(again)
    assert path.read_bytes() == before


def test_resume_of_unknown_session_is_one_sentence(isolated_home: Path) -> None:
    result = run_cli("resume", "20261126-999999-ffff")
    assert result.exit_code != 0
    assert "20261126-999999-ffff" in result.stderr
    assert_no_traceback(result)


# ---------------------------------------------------------------------------------------------
# Language and clock
# ---------------------------------------------------------------------------------------------


def test_language_comes_from_the_locale(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    result = run_cli("start", input=feed(lines_for(JA_TYPED, JA_COMMITMENTS)))
    assert result.exit_code == 0, result.stdout + result.stderr
    journal = only_journal(isolated_home)
    assert journal["lang"] == "ja"
    assert say("ja", "summary_title") in result.stdout


def test_unknown_language_is_refused(isolated_home: Path) -> None:
    result = run_cli("start", "--lang", "fr", input="x\n")
    assert result.exit_code != 0
    assert "fr" in result.stderr
    assert_no_traceback(result)
    assert journal_paths(isolated_home) == []


def test_clock_from_environment_sets_every_date(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", "2027-02-27T23:30:00-05:00")
    result = run_cli("start", "--lang", "en", input=feed(lines_for(EN_TYPED, EN_COMMITMENTS)))
    assert result.exit_code == 0, result.stderr
    journal = only_journal(isolated_home)
    moment = datetime(2027, 2, 27, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert journal["started_at"] == journal["finished_at"] == moment
    assert journal["id"].startswith("20270227-233000-")
    # Local date 2027-02-27: seven days later is 2027-03-06, three days later 2027-03-02.
    assert [c["due"] for c in to_partner(journal["commitments"])] == [
        date(2027, 3, 6),
        date(2027, 3, 2),
    ]


def test_bad_clock_value_is_one_sentence(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", "yesterday")
    result = run_cli("start", "--lang", "en", input="x\n")
    assert result.exit_code != 0
    assert "TRUSTCOACH_NOW" in result.stderr
    assert_no_traceback(result)
