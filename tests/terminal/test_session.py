"""Real pseudo-terminal runs of ``trustcoach start`` / ``resume``, driven with pexpect.

These tests type into the program the way a person does: they wait until the question is on
screen and the ``> `` prompt is shown, then type the answer. They check what the user sees
(the resume hint, the hint for a bad rating) and what ends up in the journal on disk.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import QUESTION_IDS
from tests.support.clocks import PTY_DEFAULT_DUE
from tests.support.journals import journal_paths, only_journal, values_of
from tests.support.runner import RESUME_RE
from tests.support.terminal import DAYS_QUESTION, Terminal

pytestmark = pytest.mark.slow

# Terminal runs trustcoach with its clock at clocks.PTY_NOW, so due dates and ids are known.
DUE_IN_3_DAYS = "2026-03-13"

SGR_RE = re.compile(r"\x1b\[[0-9;]*m")

JAPANESE_SELF_VIEW = "約束を守れないことが多い。でも、変わりたい。"
JAPANESE_COMMITMENT = "夫に毎晩9時に「ただいま」と言う"
SECOND_COMMITMENT = "Weekday evenings at home — I will leave my phone in another room until 10 pm."


LIST = "list: "  # before a question's text: the answer is a list item ("1. "), not "> "

# (a piece of the question's text that fits on its first screen line, what to type)
FIRST_TWO = [
    ("How should the questions that follow refer to your partner?", "Sam"),
    ("how do you see yourself when it comes to keeping your word?", JAPANESE_SELF_VIEW),
]
REMAINING_BEFORE_LIST = [
    ("How much do you trust your own word today?", "6"),
    ("Think of a recent promise you made to yourself", "Bed by 11; kept it twice."),
    # a list of one item (the promise to oneself): its line, then its due date
    (LIST + "What is one small promise to yourself", "Walk for ten minutes after lunch."),
    (DAYS_QUESTION, ""),
    ("By when?", ""),
    ("How much do you believe, right now, that lost trust can never come back?", "70"),
    # {partner} is filled in with the first answer
    ("how much do you think Sam trusts you today?", "3"),
    # {partner} and {partner_trust} are filled in
    ("You put Sam's trust in you at 3 out of 10.", "Text Sam when I will be late."),
    ("Having thought it through, how much do you believe now", "50"),
    ("How much do you believe, right now, that saying the right thing", "80"),
    ("Which of these have you tried, or planned to try, to win back Sam's", "1,3"),
    ("If you tried any of them, how did Sam receive them?", ""),  # optional: skipped
    ("which of your own actions cost Sam's trust?", "I hid messages from Sam."),
    ("What action, rather than words, would show Sam", "Come home when I say I will."),
    ("And now, how much do you believe that saying the right thing", "60"),
    ("How much do you believe, right now, that someone else could put this right", "30"),
    ("Have you asked, or thought of asking, someone else to persuade Sam?", "y"),
    ("What part of rebuilding Sam's trust can only you do?", "Tell the truth."),
    ("And now, how much do you believe that someone else could put this right", "20"),
]

EXPECTED_VALUES: dict[str, Any] = {
    "partner": "Sam",
    "self_view": JAPANESE_SELF_VIEW,
    "self_trust": 6,
    "self_promise_recent": "Bed by 11; kept it twice.",
    "self_promise_small": ["Walk for ten minutes after lunch."],
    "never_belief_start": 70,
    "partner_trust": 3,
    "one_point_action": "Text Sam when I will be late.",
    "never_belief_end": 50,
    "words_belief_start": 80,
    "gestures": ["messages", "promise-change"],
    "gestures_landing": "",
    "costly_actions": "I hid messages from Sam.",
    "showing_action": "Come home when I say I will.",
    "words_belief_end": 60,
    "others_belief_start": 30,
    "asked_others": True,
    "only_me": "Tell the truth.",
    "others_belief_end": 20,
    "commitments": [JAPANESE_COMMITMENT, SECOND_COMMITMENT],
    "commitment_confidence": 8,
}


def interrupted_id(output: str) -> str:
    match = RESUME_RE.search(output)
    assert match, f"no 'trustcoach resume <id>' in the output:\n{output}"
    return match.group(1)


def answer_all(terminal: Terminal, answers: list[tuple[str, str]]) -> None:
    """Type each answer once its question is on screen."""
    for question_text, typed in answers:
        if question_text.startswith(LIST):
            terminal.child.expect_exact(question_text.removeprefix(LIST))
            terminal.child.expect_exact("1. ")
            terminal.child.sendline(typed)
        else:
            terminal.answer(question_text, typed)


def answer_the_rest(terminal: Terminal) -> None:
    """Answer every question after ``self_view`` as a person would, up to the summary."""
    terminal.child.expect_exact("Welcome back.")
    answer_all(terminal, REMAINING_BEFORE_LIST)
    terminal.child.expect_exact("Write one to three actions or promises for the coming days.")
    terminal.child.expect_exact("1. ")
    terminal.child.sendline(JAPANESE_COMMITMENT)
    terminal.child.expect_exact("2. ")
    terminal.child.sendline(SECOND_COMMITMENT)
    terminal.child.expect_exact("3. ")
    terminal.child.sendline("")  # an empty line finishes the list
    # one due date per item; neither item trips a misconception check, so no rewrite is offered
    terminal.child.expect_exact(f"“{JAPANESE_COMMITMENT}”")
    terminal.answer(DAYS_QUESTION, "")
    terminal.answer("By when?", "")  # Enter keeps the default due date
    terminal.child.expect_exact(f"“{SECOND_COMMITMENT[:40]}")
    terminal.answer(DAYS_QUESTION, "")
    terminal.answer("By when?", "3")  # in three days
    terminal.answer("How sure are you that you can keep these commitments?", "8")
    terminal.child.expect_exact("Summary")


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_ctrl_c_then_resume_completes_the_session(
    isolated_home: Path, terminals: Any, colour: bool
) -> None:
    first = terminals(isolated_home, "start", "--lang", "en", colour=colour)
    first.begin()
    for question_text, typed in FIRST_TWO:
        first.answer(question_text, typed)
    first.child.expect_exact("How much do you trust your own word today?")
    first.child.expect_exact("> ")
    first.child.sendintr()
    assert first.finish() == 130
    session_id = interrupted_id(first.output)
    assert "Traceback" not in first.output

    saved = only_journal(isolated_home)
    assert saved["id"] == session_id
    assert saved["status"] == "in_progress"
    assert "finished_at" not in saved
    assert [a["question"] for a in saved["answers"]] == ["partner", "self_view"]
    assert values_of(saved) == {"partner": "Sam", "self_view": JAPANESE_SELF_VIEW}
    if colour:
        assert SGR_RE.search(first.output), "no colour or style codes without NO_COLOR"
    else:
        assert not SGR_RE.search(first.output), "colour codes sent although NO_COLOR is set"

    # `resume ID` continues that session; plain `resume` continues the latest unfinished one
    resume_args = ("resume",) if colour else ("resume", session_id)
    second = terminals(isolated_home, *resume_args, colour=colour)
    answer_the_rest(second)
    assert second.finish() == 0
    assert "Traceback" not in second.output

    done = only_journal(isolated_home)
    assert done["id"] == session_id
    assert done["status"] == "complete"
    assert "finished_at" in done
    assert [a["question"] for a in done["answers"]] == QUESTION_IDS
    assert values_of(done) == EXPECTED_VALUES
    assert done["answers"][:2] == saved["answers"], "the answers given before Ctrl-C changed"
    landing = next(a for a in done["answers"] if a["question"] == "gestures_landing")
    assert landing["skipped"] is True
    one_point = next(a for a in done["answers"] if a["question"] == "one_point_action")
    assert one_point["prompt"].startswith("You put Sam's trust in you at 3 out of 10. What is")
    commitments = [(c["text"], c["due"].isoformat()) for c in done["commitments"]]
    assert commitments == [
        ("Walk for ten minutes after lunch.", PTY_DEFAULT_DUE),
        (JAPANESE_COMMITMENT, PTY_DEFAULT_DUE),
        (SECOND_COMMITMENT, DUE_IN_3_DAYS),
    ]
    # the summary shows the ratings just given
    plain_screen = SGR_RE.sub("", second.output)
    assert "Self-trust: 6 / 10" in plain_screen
    assert "Confidence in keeping them: 8 / 10" in plain_screen


def test_ctrl_d_at_a_prompt_keeps_saved_answers(isolated_home: Path, terminals: Any) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.begin()
    for question_text, typed in FIRST_TWO:
        terminal.answer(question_text, typed)
    terminal.child.expect_exact("How much do you trust your own word today?")
    terminal.child.expect_exact("> ")
    terminal.child.sendeof()
    assert terminal.finish() == 130
    session_id = interrupted_id(terminal.output)
    assert "Traceback" not in terminal.output

    saved = only_journal(isolated_home)
    assert saved["id"] == session_id
    assert saved["status"] == "in_progress"
    assert values_of(saved) == {"partner": "Sam", "self_view": JAPANESE_SELF_VIEW}


def test_ctrl_d_before_any_answer_saves_nothing(isolated_home: Path, terminals: Any) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.begin()
    terminal.child.expect_exact(FIRST_TWO[0][0])
    terminal.child.expect_exact("> ")
    terminal.child.sendeof()
    assert terminal.finish() == 130
    assert "Nothing was saved yet" in terminal.output
    assert "trustcoach start --lang en" in terminal.output
    assert not RESUME_RE.search(terminal.output)
    assert "Traceback" not in terminal.output
    assert journal_paths(isolated_home) == []


def test_invalid_rating_shows_a_hint_and_asks_again(isolated_home: Path, terminals: Any) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.begin()
    for question_text, typed in FIRST_TWO:
        terminal.answer(question_text, typed)
    hint = "Please type a whole number from 1 to 10."
    terminal.answer("How much do you trust your own word today?", "11")
    for wrong in ("0", "seven"):
        terminal.child.expect_exact(hint)
        terminal.child.expect_exact("> ")
        terminal.child.sendline(wrong)
    terminal.child.expect_exact(hint)
    terminal.child.expect_exact("> ")
    terminal.child.sendline("７")  # a full-width digit, as an input method may type it
    terminal.child.expect_exact("Think of a recent promise you made to yourself")
    terminal.child.expect_exact("> ")
    terminal.child.sendintr()
    assert terminal.finish() == 130
    assert terminal.output.count(hint) == 3

    saved = only_journal(isolated_home)
    assert [a["question"] for a in saved["answers"]] == ["partner", "self_view", "self_trust"]
    assert values_of(saved)["self_trust"] == 7


def test_line_editing_and_pasted_lines(isolated_home: Path, terminals: Any) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.begin()
    # a typo corrected with Backspace (DEL), over a wide character too
    terminal.answer(FIRST_TWO[0][0], "夫X\x7f\x7f妻")
    terminal.child.expect_exact(FIRST_TWO[1][0])
    terminal.child.expect_exact("> ")
    # two lines pasted at once stay in this answer instead of answering the next question
    terminal.child.send("first line\nsecond line\n")
    terminal.child.expect_exact("How much do you trust your own word today?")
    terminal.child.expect_exact("> ")
    terminal.child.sendintr()
    assert terminal.finish() == 130

    saved = only_journal(isolated_home)
    assert values_of(saved) == {"partner": "妻", "self_view": "first line\nsecond line"}


def test_japanese_typed_under_a_locale_this_computer_lacks_is_kept(
    isolated_home: Path, terminals: Any
) -> None:
    """LC_ALL names a locale that is not installed: the C library falls back to "C", and GNU
    readline would turn each byte of 妻 into an escape sequence unless given a UTF-8 LC_CTYPE."""
    import locale

    missing = "xx_XX.UTF-8"
    with pytest.raises(locale.Error):  # the premise: no such locale here
        locale.setlocale(locale.LC_CTYPE, missing)
    env = {"LC_ALL": missing, "LANG": missing, "LC_CTYPE": "", "TRUSTCOACH_LANG": "ja"}
    terminal = terminals(isolated_home, "start", env=env)
    terminal.begin()
    terminal.answer("パートナーのことを何と呼びますか", "妻の由紀")
    terminal.answer("今の自分をどのような人だと感じていますか", JAPANESE_SELF_VIEW)
    terminal.wait_prompt("自分の言葉をどのくらい信頼できていますか")
    terminal.child.sendintr()
    assert terminal.finish() == 130

    saved = only_journal(isolated_home)
    assert values_of(saved) == {"partner": "妻の由紀", "self_view": JAPANESE_SELF_VIEW}


def test_help_text_names_the_partner(isolated_home: Path, terminals: Any) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.begin()
    answer_all(terminal, FIRST_TWO + REMAINING_BEFORE_LIST[:13])
    terminal.child.expect_exact("What action, rather than words, would show Sam")
    terminal.child.expect_exact("> ")
    terminal.child.sendintr()
    assert terminal.finish() == 130
    # the help of showing_action is "Think of something {partner} could notice ..."
    assert "{partner}" not in terminal.output
    assert "Think of something Sam could notice" in terminal.output


def test_words_only_commitment_can_be_rewritten(isolated_home: Path, terminals: Any) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.begin()
    answer_all(terminal, FIRST_TWO + REMAINING_BEFORE_LIST)
    terminal.child.expect_exact("1. ")
    terminal.child.sendline("Tell Sam I am sorry every evening.")
    terminal.child.expect_exact("2. ")
    terminal.child.sendline("")
    # the pack's "only-words" check questions a commitment that rests on words
    terminal.child.expect_exact("“Tell Sam I am sorry every evening.”")
    terminal.answer("may rest mainly on words", "Be home by 7 pm on weekdays.")
    terminal.child.expect_exact("“Be home by 7 pm on weekdays.”")
    terminal.answer(DAYS_QUESTION, "")
    terminal.answer("By when?", "")
    terminal.answer("How sure are you that you can keep these commitments?", "9")
    assert terminal.finish() == 0

    done = only_journal(isolated_home)
    assert done["status"] == "complete"
    assert values_of(done)["commitments"] == ["Be home by 7 pm on weekdays."]
    assert [c["text"] for c in done["commitments"]] == [
        "Walk for ten minutes after lunch.",
        "Be home by 7 pm on weekdays.",
    ]
