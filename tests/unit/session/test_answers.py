"""Unit tests of session/answers.py: reading typed answers, values from an answers file, due
dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import tomli

from trustcoach.catalog.say import Message, say, tell
from trustcoach.errors import InvalidAnswer
from trustcoach.journal.encoding import JournalWriter
from trustcoach.journal.model import SCHEMA_VERSION, Answer, Journal, parse_journal
from trustcoach.packs.model import Choice, Question
from trustcoach.session.answers import coerce_value, parse_due, parse_input

TODAY = date(2026, 11, 26)
DEFAULT = TODAY + timedelta(days=7)

RATING = Question(id="self_trust", kind="rating", prompt="How much?", min=1, max=10)
RATING_DEFAULT = Question(id="r", kind="rating", prompt="p", min=0, max=5, default=3)
RATING_OPTIONAL = Question(id="r", kind="rating", prompt="p", min=1, max=10, required=False)
CHOICES = [
    Choice(value="yes", label="Yes, I have believed it"),
    Choice(value="partly", label="Partly"),
    Choice(value="no", label="No, not really"),
]
CHOICE = Question(id="never_belief", kind="choice", prompt="p", choices=CHOICES)
CHOICE_JA = Question(
    id="never_belief",
    kind="choice",
    prompt="p",
    choices=[
        Choice(value="yes", label="そう思っていた"),
        Choice(value="partly", label="ある程度そう思っていた"),
        Choice(value="no", label="あまりそうは思っていなかった"),
    ],
)
CHOICE_DEFAULT = Question(id="c", kind="choice", prompt="p", choices=CHOICES, default="no")
MULTI = Question(
    id="gestures",
    kind="multi",
    prompt="p",
    choices=[
        Choice(value="messages", label="Messages or letters"),
        Choice(value="apology", label="Apologising again and again"),
        Choice(value="promise-change", label="Promising to change"),
        Choice(value="thanks", label="Saying thank you"),
        Choice(value="gifts", label="Gifts"),
    ],
)
MULTI_OPTIONAL = MULTI.model_copy(update={"required": False})
CONFIRM = Question(id="asked_others", kind="confirm", prompt="p", default=False)
CONFIRM_NO_DEFAULT = Question(id="c", kind="confirm", prompt="p")
CONFIRM_OPTIONAL = Question(id="c", kind="confirm", prompt="p", required=False)
TEXT = Question(id="self_view", kind="text", prompt="p")
TEXT_DEFAULT = Question(id="partner", kind="text", prompt="p", default="your partner")
TEXT_OPTIONAL = Question(id="landing", kind="text", prompt="p", required=False)
TEXT_SHORT = Question(id="t", kind="text", prompt="p", max_length=10)
LIST = Question(
    id="commitments",
    kind="list",
    prompt="p",
    min_items=1,
    max_items=3,
    max_length=300,
    commitments=True,
    due_days=7,
)
LIST_OPTIONAL = Question(id="l", kind="list", prompt="p", required=False)


def rejects(question: Question, raw: str | list[str], lang: str = "en") -> str:
    """Why ``raw`` is refused, as the one who shows it says it in ``lang``."""
    with pytest.raises(InvalidAnswer) as info:
        parse_input(question, raw)
    return tell(lang, info.value.message)


def test_a_refusal_carries_a_key_and_values_never_a_language() -> None:
    """Whoever shows a refusal says it in its own language (a session in its questions', an
    answers file's report in the command's); its ``str()`` is English, as every error's."""
    with pytest.raises(InvalidAnswer) as info:
        parse_input(RATING, "11")
    assert info.value.message == Message("need_number", {"min": 1, "max": 10})
    assert vars(info.value) == {"message": info.value.message}  # nothing else, no language
    assert str(info.value) == say("en", "need_number", min=1, max=10)


# ---------------------------------------------------------------------------------------------
# Ratings
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [("7", 7), ("１０", 10), ("７", 7), (" 3 ", 3), ("1", 1), ("10", 10), ("\u30007\u3000", 7)],
)
def test_rating_accepts_ascii_and_full_width_digits(raw: str, value: int) -> None:
    assert parse_input(RATING, raw) == value


@pytest.mark.parametrize("raw", ["11", "0", "-1", "abc", "7.5", "seven", "", "   ", "1 0", "七"])
def test_rating_rejects_out_of_range_or_not_a_number(raw: str) -> None:
    assert rejects(RATING, raw) == say("en", "need_number", min=1, max=10)


def test_rating_error_is_in_the_session_language() -> None:
    assert rejects(RATING, "１１", "ja") == say("ja", "need_number", min=1, max=10)
    assert "1" in say("ja", "need_number", min=1, max=10)


def test_rating_empty_input_takes_default_or_skips() -> None:
    assert parse_input(RATING_DEFAULT, "") == 3
    assert parse_input(RATING_DEFAULT, "  ") == 3
    assert parse_input(RATING_OPTIONAL, "") is None
    assert parse_input(RATING_DEFAULT, "0") == 0  # the minimum is not "empty"


# ---------------------------------------------------------------------------------------------
# Choices
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1", "yes"),
        ("２", "partly"),
        ("3", "no"),
        ("partly", "partly"),  # by value
        ("PARTLY", "partly"),
        ("Partly", "partly"),  # by label
        ("No, not really", "no"),
        ("no, NOT really", "no"),
        (" 2 ", "partly"),
    ],
)
def test_choice_by_number_value_or_label(raw: str, value: str) -> None:
    assert parse_input(CHOICE, raw) == value


@pytest.mark.parametrize(("raw", "value"), [("ある程度そう思っていた", "partly"), ("３", "no")])
def test_choice_japanese_label_and_full_width_number(raw: str, value: str) -> None:
    assert parse_input(CHOICE_JA, raw) == value


def test_choice_number_out_of_range_names_the_range() -> None:
    assert rejects(CHOICE, "4") == say("en", "need_choice", count=3)
    assert rejects(CHOICE, "0") == say("en", "need_choice", count=3)


def test_choice_unknown_word_is_quoted_in_the_message() -> None:
    message = rejects(CHOICE, "maybe")
    assert "maybe" in message
    assert message == say("en", "unknown_choice", token="maybe")
    assert "たぶん" in rejects(CHOICE_JA, "たぶん", "ja")


def test_choice_empty_takes_default_or_is_refused() -> None:
    assert parse_input(CHOICE_DEFAULT, "") == "no"
    assert rejects(CHOICE, "") == say("en", "need_choice", count=3)


# ---------------------------------------------------------------------------------------------
# Multi
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1,3", ["messages", "promise-change"]),
        ("1、3", ["messages", "promise-change"]),
        ("１，３", ["messages", "promise-change"]),
        ("1 3", ["messages", "promise-change"]),
        ("1, 3", ["messages", "promise-change"]),
        ("3,1", ["promise-change", "messages"]),
        ("1,1,3", ["messages", "promise-change"]),
        ("gifts,thanks", ["gifts", "thanks"]),
        ("Saying thank you", ["thanks"]),
        ("5", ["gifts"]),
    ],
)
def test_multi_numbers_values_and_labels(raw: str, value: list[str]) -> None:
    assert parse_input(MULTI, raw) == value


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [
        ("メッセージや手紙を送る、何度も謝る", "ja", ["messages", "apology"]),
        ("gifts, promise-change", "en", ["gifts", "promise-change"]),
    ],
)
def test_multi_several_labels_or_values(raw: str, lang: str, value: list[str]) -> None:
    question = MULTI
    if lang == "ja":
        labels = [
            "メッセージや手紙を送る",
            "何度も謝る",
            "「変わる」と約束する",
            "感謝を伝える",
            "贈り物",
        ]
        question = MULTI.model_copy(
            update={
                "choices": [
                    Choice(value=c.value, label=label)
                    for c, label in zip(MULTI.choices or [], labels, strict=True)
                ]
            }
        )
    assert parse_input(question, raw) == value


def test_multi_several_labels_with_spaces() -> None:
    assert parse_input(MULTI, "Gifts, Saying thank you") == ["gifts", "thanks"]
    assert parse_input(MULTI, "Messages or letters, 4") == ["messages", "thanks"]


def test_multi_rejects_unknown_and_out_of_range() -> None:
    assert rejects(MULTI, "1,9") == say("en", "need_choice", count=5)
    assert "flowers" in rejects(MULTI, "1,flowers")


def test_multi_empty_required_or_optional() -> None:
    assert rejects(MULTI, "") == say("en", "need_some")
    assert rejects(MULTI, " , ") == say("en", "need_some")
    assert parse_input(MULTI_OPTIONAL, "") is None


# ---------------------------------------------------------------------------------------------
# Confirm
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("y", True),
        ("Y", True),
        ("yes", True),
        ("YES", True),
        ("はい", True),
        ("ｙ", True),
        ("n", False),
        ("N", False),
        ("no", False),
        ("いいえ", False),
        ("ｎ", False),
    ],
)
def test_confirm_yes_and_no_in_both_languages(raw: str, value: bool) -> None:
    assert parse_input(CONFIRM_NO_DEFAULT, raw) is value


def test_confirm_empty_and_unknown() -> None:
    assert parse_input(CONFIRM, "") is False
    assert parse_input(CONFIRM.model_copy(update={"default": True}), "") is True
    assert parse_input(CONFIRM_OPTIONAL, "") is None
    assert rejects(CONFIRM_NO_DEFAULT, "") == say("en", "need_yes_no")
    assert rejects(CONFIRM, "perhaps") == say("en", "need_yes_no")
    assert rejects(CONFIRM, "たぶん", "ja") == say("ja", "need_yes_no")


# ---------------------------------------------------------------------------------------------
# Text and lists
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "[bold]not bold[/bold] [/]",
        ":smile: stays a word",
        "quotes \"double\" and 'single'",
        "back\\slash \\n \\\\",
        "日本語の回答です😀",
        "\x1b[31mred\x1b[0m",
        "{partner} in braces",
    ],
)
def test_text_is_kept_exactly(raw: str) -> None:
    assert parse_input(TEXT, raw) == raw


def test_text_long_answer_and_limit() -> None:
    long = "あ" * 5000
    assert parse_input(TEXT, long) == long
    assert parse_input(TEXT_SHORT, "x" * 10) == "x" * 10
    assert rejects(TEXT_SHORT, "x" * 11) == say("en", "too_long", length=11, limit=10)


def test_text_empty_takes_default_skips_or_is_refused() -> None:
    assert parse_input(TEXT_DEFAULT, "") == "your partner"
    assert parse_input(TEXT_DEFAULT, "   ") == "your partner"
    assert parse_input(TEXT_OPTIONAL, "") is None
    assert rejects(TEXT, "") == say("en", "need_text")
    assert rejects(TEXT, "\u3000 ", "ja") == say("ja", "need_text")


def test_list_items_limits() -> None:
    assert parse_input(LIST, ["a", " b ", "", "c"]) == ["a", "b", "c"]
    assert rejects(LIST, ["a", "b", "c", "d"]) == say("en", "too_many_items", count=3)
    assert rejects(LIST, ["", "  "]) == say("en", "too_few_items", count=1)
    assert rejects(LIST, ["x" * 301]) == say("en", "too_long", length=301, limit=300)
    assert parse_input(LIST_OPTIONAL, []) is None


# ---------------------------------------------------------------------------------------------
# Values from an answers file
# ---------------------------------------------------------------------------------------------


def test_coerce_natural_toml_types() -> None:
    assert coerce_value(RATING, 7) == 7
    assert coerce_value(RATING, "７") == 7
    assert coerce_value(CONFIRM, True) is True
    assert coerce_value(CONFIRM, "いいえ") is False
    assert coerce_value(CHOICE, "partly") == "partly"
    assert coerce_value(MULTI, ["gifts", "1"]) == ["gifts", "messages"]
    assert coerce_value(LIST, ["a", "b"]) == ["a", "b"]
    assert coerce_value(LIST, "only one") == ["only one"]
    assert coerce_value(TEXT, "x [/] y") == "x [/] y"


@pytest.mark.parametrize(
    ("question", "value"),
    [
        (RATING, 11),
        (RATING, 0),
        (RATING, True),  # a bool is not a rating, although Python counts it as an int
        (RATING, 7.0),
        (TEXT, 5),
        (TEXT, ["a"]),
        (CONFIRM, 1),
        (CHOICE, 1.5),
        (CHOICE, "maybe"),
        (MULTI, [1, 2]),
        (MULTI, {"a": 1}),
        (LIST, [1]),
        (LIST, ["a", "b", "c", "d"]),
    ],
)
def test_coerce_rejects_wrong_types_and_values(question: Question, value: object) -> None:
    with pytest.raises(InvalidAnswer) as info:
        coerce_value(question, value)
    assert str(info.value)


# ---------------------------------------------------------------------------------------------
# Due dates
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "due"),
    [
        ("", DEFAULT),
        ("   ", DEFAULT),
        ("+3", date(2026, 11, 29)),
        ("3", date(2026, 11, 29)),
        ("＋３", date(2026, 11, 29)),
        ("0", TODAY),
        ("2026-12-03", date(2026, 12, 3)),
        ("2026/12/03", date(2026, 12, 3)),
        ("２０２６－１２－１０", date(2026, 12, 10)),
        (" 2026-12-10 ", date(2026, 12, 10)),
        (date(2026, 12, 24), date(2026, 12, 24)),
        ("+366", TODAY + timedelta(days=366)),
    ],
)
def test_parse_due_accepts_dates_days_and_empty(raw: str | date, due: date) -> None:
    assert parse_due(raw, TODAY, DEFAULT) == due


@pytest.mark.parametrize("raw", ["someday", "next week", "2026-13-01", "12/03", "-1", "3日後"])
def test_parse_due_rejects_what_is_not_a_date(raw: str) -> None:
    with pytest.raises(InvalidAnswer) as info:
        parse_due(raw, TODAY, DEFAULT)
    assert tell("en", info.value.message) == say("en", "bad_date", example=DEFAULT.isoformat())


@pytest.mark.parametrize(
    "raw", ["2026-11-25", "2020-01-01", "+367", "2028-01-01", date(2026, 1, 1)]
)
def test_parse_due_rejects_past_and_far_future(raw: str | date) -> None:
    with pytest.raises(InvalidAnswer) as info:
        parse_due(raw, TODAY, DEFAULT)
    assert tell("ja", info.value.message) == say("ja", "date_range")


# ---------------------------------------------------------------------------------------------
# A cleaned answer is storable
# ---------------------------------------------------------------------------------------------


def test_cleaned_answer_can_be_saved_and_read_back() -> None:
    moment = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=9)))
    value = parse_input(TEXT, "caf\udce9 \x1b[31m [/]")
    assert value == "caf\ufffd \x1b[31m [/]"
    journal = Journal(
        schema_version=SCHEMA_VERSION,
        id="20261126-100000-abcd",
        pack="trust-repair",
        pack_version="1.0.0",
        lang="en",
        status="in_progress",
        started_at=moment,
        updated_at=moment,
        answers=[
            Answer(
                step="self",
                question="self_view",
                kind="text",
                prompt="p",
                value=value,
                answered_at=moment,
            )
        ],
    )
    raw = JournalWriter().encode(journal)
    assert tomli.loads(raw.decode("utf-8"))["answers"][0]["value"] == value
    assert parse_journal(raw).answers[0].value == value
