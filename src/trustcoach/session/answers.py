"""Turning what a person typed, or what an answers file holds, into a checked answer value.

Interactive input arrives as text (a list of lines for ``list`` questions); answers files hold
TOML values. Both end in the same checks, and a bad answer raises ``InvalidAnswer`` whose
message says what would be accepted (in the language of whoever shows it).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import typed_words
from trustcoach.errors import InvalidAnswer
from trustcoach.packs.model import Question
from trustcoach.text import clean_input, normalize

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

AnswerValue = str | int | bool | list[str]

# What an answers file should hold for each kind of question, when it holds something else.
_EXPECTED: dict[str, Key] = {
    "text": "expect_text",
    "rating": "expect_rating",
    "choice": "expect_choice",
    "multi": "expect_multi",
    "confirm": "expect_confirm",
    "list": "expect_list",
}
_LIST_SEPARATORS = re.compile(r"[,、，;・]+")


def parse_input(question: Question, raw: str | list[str]) -> AnswerValue | None:
    """Check one interactive answer; ``None`` means an optional question was skipped."""
    if question.kind == "list":
        lines = raw if isinstance(raw, list) else [raw]
        return _check_items(question, [clean_input(line) for line in lines])
    text = clean_input(raw if isinstance(raw, str) else "\n".join(raw))
    match question.kind:
        case "text":
            return _check_text(question, text)
        case "rating":
            return _parse_rating(question, text)
        case "choice":
            return _parse_choice(question, text)
        case "multi":
            return _parse_multi(question, text)
        case _:
            return _parse_confirm(question, text)


def coerce_value(question: Question, value: Any) -> AnswerValue | None:
    """Check one value from an answers file, accepting the natural TOML type for each kind."""
    kind = question.kind
    if kind == "rating" and isinstance(value, int) and not isinstance(value, bool):
        return _parse_rating(question, str(value))
    if kind == "confirm" and isinstance(value, bool):
        return value
    if kind in ("multi", "list") and isinstance(value, list):
        if not all(isinstance(item, str) for item in value):
            raise InvalidAnswer("item_not_string")
        if kind == "multi":
            return _parse_multi(question, ",".join(value))
        return _check_items(question, [clean_input(item) for item in value])
    if isinstance(value, str):
        return parse_input(question, [value] if kind == "list" else value)
    raise InvalidAnswer(_EXPECTED[kind], min=question.min, max=question.max)


def _check_text(question: Question, text: str) -> str | None:
    stripped = text.strip()
    if not stripped:
        if isinstance(question.default, str):
            return question.default
        if question.required:
            raise InvalidAnswer("need_text")
        return None
    if len(stripped) > question.text_limit:
        raise InvalidAnswer("too_long", length=len(stripped), limit=question.text_limit)
    return stripped


def _parse_rating(question: Question, text: str) -> int | None:
    low, high = question.min or 0, question.max or 0
    token = normalize(text)
    if not token:
        if isinstance(question.default, int) and not isinstance(question.default, bool):
            return question.default
        if not question.required:
            return None
    if re.fullmatch(r"[+-]?\d{1,4}", token):
        number = int(token)
        if low <= number <= high:
            return number
    raise InvalidAnswer("need_number", min=low, max=high)


def _match_choice(question: Question, token: str) -> str:
    choices = question.choices or []
    if token.isdigit() and 1 <= int(token) <= len(choices):
        return choices[int(token) - 1].value
    for choice in choices:
        if token in (choice.value, normalize(choice.label)):
            return choice.value
    if token.isdigit():
        raise InvalidAnswer("need_choice", count=len(choices))
    raise InvalidAnswer("unknown_choice", token=_shorten(token))


def _shorten(token: str, most: int = 20) -> str:
    return token if len(token) <= most else token[: most - 1] + "…"


def _parse_choice(question: Question, text: str) -> str | None:
    token = normalize(text)
    if not token:
        if isinstance(question.default, str):
            return question.default
        if question.required:
            raise InvalidAnswer("need_choice", count=len(question.choices or []))
        return None
    return _match_choice(question, token)


def _parse_multi(question: Question, text: str) -> list[str] | None:
    labels = {normalize(c.label) for c in question.choices or []}
    tokens: list[str] = []
    for piece in _LIST_SEPARATORS.split(normalize(text)):
        part = piece.strip()
        # A whole label with spaces in it ("saying thank you") is one choice, not three.
        tokens += [part] if part in labels else part.split()
    if not tokens:
        if question.required:
            raise InvalidAnswer("need_some")
        return None
    chosen: list[str] = []
    for token in tokens:
        value = _match_choice(question, token)
        if value not in chosen:
            chosen.append(value)
    alone = [c for c in question.choices or [] if c.exclusive and c.value in chosen]
    if alone and len(chosen) > 1:
        raise InvalidAnswer("exclusive_alone", label=alone[0].label)
    return chosen


def _parse_confirm(question: Question, text: str) -> bool | None:
    token = normalize(text)
    if not token:
        if isinstance(question.default, bool):
            return question.default
        if not question.required:
            return None
    if token in typed_words("typed_yes"):
        return True
    if token in typed_words("typed_no"):
        return False
    raise InvalidAnswer("need_yes_no")


def _check_items(question: Question, items: list[str]) -> list[str] | None:
    kept = [item.strip() for item in items if item.strip()]
    low, high = question.item_limits
    if not kept and low == 0:
        return None
    if len(kept) < low:
        raise InvalidAnswer("too_few_items", count=low)
    if len(kept) > high:
        raise InvalidAnswer("too_many_items", count=high)
    for item in kept:
        if len(item) > question.text_limit:
            raise InvalidAnswer("too_long", length=len(item), limit=question.text_limit)
    return kept


def parse_due(raw: str | date, today: date, default: date) -> date:
    """A due date from ``YYYY-MM-DD``, a number of days from today, or empty for the default."""
    if isinstance(raw, date):
        due = raw
    else:
        token = normalize(clean_input(raw)).removeprefix("+")
        if not token:
            return default
        if token.isdigit() and len(token) <= 3:
            due = today + timedelta(days=int(token))
        else:
            try:
                due = date.fromisoformat(token.replace("/", "-"))
            except ValueError:
                raise InvalidAnswer("bad_date", example=default.isoformat()) from None
    if not today <= due <= today + timedelta(days=366):
        raise InvalidAnswer("date_range")
    return due
