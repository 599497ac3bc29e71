"""The journal: one TOML file per session, its model, and reading and writing it safely.

The model is made of msgspec ``Struct``s: decoding checks every type, pattern and unknown key in
C, strictly (no text becomes a number, no number a flag), so a journal is read by one model and
nothing else. Values are then checked against their question's kind (a rating is a whole number,
a confirmation true or false), so that a hand edit that would break a command later is reported
when the file is read.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

from trustcoach.errors import JournalError
from trustcoach.names import COMMITMENT_ID_PATTERN, ID_PATTERN, SESSION_ID_RE, Kind

if TYPE_CHECKING:
    from collections.abc import Iterator

SCHEMA_VERSION = 1

Status = Literal["in_progress", "complete"]
Outcome = Literal["kept", "partly", "not_kept"]


def _whole(pattern: str) -> str:
    """A pattern that must match the whole value: msgspec searches, and ``$`` would also
    match before a final newline."""
    return pattern.removesuffix("$") + r"\Z"


PackId = Annotated[str, Meta(pattern=_whole(ID_PATTERN))]
SessionId = Annotated[str, Meta(pattern=_whole(SESSION_ID_RE.pattern))]
CommitmentId = Annotated[str, Meta(pattern=_whole(COMMITMENT_ID_PATTERN))]
Value = str | int | bool | list[str]

# Every table is a Struct with keyword-only fields (kept in the order they are written, so
# required fields may follow optional ones) that refuses unknown keys.


class Answer(Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """One answered (or knowingly skipped) question, with the prompt exactly as it was shown.

    Answers never change once recorded (a new value is a new Answer), so the text of each one
    can be kept while a long journal is saved again and again.
    """

    step: str
    question: str
    kind: Kind
    prompt: str
    value: Value
    answered_at: datetime
    skipped: bool = False
    step_title: str = ""
    label: str = ""  # the question's short name, for summaries
    shown: str = ""  # the value as the user saw it (choice labels, yes/no), for reading
    share: bool = True  # whether the pack offers this answer for sharing by default
    template: str = ""  # the prompt before earlier answers were filled in (when it uses any)


class Commitment(Struct, kw_only=True, forbid_unknown_fields=True):
    """A concrete action the user committed to, with its due date."""

    id: CommitmentId
    question: str
    text: str
    due: date
    flags: list[str] = []  # misconception checks the user saw and chose to keep it through


class Review(Struct, kw_only=True, forbid_unknown_fields=True):
    """How an earlier session's commitment went, recorded in the session that reviewed it."""

    session: SessionId
    commitment: CommitmentId
    text: str
    outcome: Outcome
    note: str = ""
    note_pending: bool = False  # the outcome is saved and its note not answered yet
    reviewed_at: datetime


class Journal(Struct, kw_only=True, forbid_unknown_fields=True):
    """One session: its pack, state, answers, commitments and reviews."""

    schema_version: int
    id: SessionId
    pack: PackId
    pack_version: str
    pack_sha256: str = ""
    pack_source: str = ""
    lang: Literal["ja", "en"]
    status: Status
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    review_plan: list[str] = []  # earlier commitments ("<session>/<id>") this session reviews
    answers: list[Answer] = []
    commitments: list[Commitment] = []
    reviews: list[Review] = []

    def answer(self, question_id: str) -> Answer | None:
        """The recorded answer to a question, if any."""
        for answer in self.answers:
            if answer.question == question_id:
                return answer
        return None

    def values(self) -> dict[str, Any]:
        """Answered values by question id, skipped questions left out."""
        return {a.question: a.value for a in self.answers if not a.skipped}


def new_session_id(moment: datetime) -> str:
    """An id that sorts by start time and is unlikely to collide: ``20261126-140512-a3f9``."""
    return f"{moment:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def as_data(record: Struct) -> dict[str, Any]:
    """A journal or one of its tables as plain data, dates and times kept as such, absent
    optional values (None) left out."""
    data: dict[str, Any] = msgspec.to_builtins(record, builtin_types=(datetime, date))
    return {key: value for key, value in data.items() if value is not None}


def as_json_data(record: Struct) -> dict[str, Any]:
    """A journal as JSON-ready data: dates and times as ISO 8601 text, None left out."""
    data: dict[str, Any] = msgspec.to_builtins(record)
    return {key: value for key, value in data.items() if value is not None}


def parse_journal(raw: bytes, *, fast: bool = False) -> Journal:
    """Read journal bytes; raise JournalError with the reason if they cannot be trusted.

    ``fast`` parses the TOML with rtoml, for reading thousands of journals into the index; the
    journal it gives is only to be read (see ``files.read_toml_fast``).
    """
    from trustcoach.files import TomlReadError, read_toml, read_toml_fast

    if not raw.strip():
        raise JournalError("is empty")
    data = read_toml_fast(raw) if fast else None
    if data is None:
        try:
            data = read_toml(raw)
        except TomlReadError as exc:
            raise JournalError(str(exc)) from None
    return journal_from_data(data)


def journal_from_data(data: dict[str, Any]) -> Journal:
    """A journal from parsed TOML; JournalError says what is wrong and where."""
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise JournalError(
            f"was written by a newer trustcoach (schema {version}); update trustcoach to read it"
        )
    if version != SCHEMA_VERSION:
        raise JournalError(f"has schema_version {version!r}; this trustcoach reads version 1")
    try:
        journal = msgspec.convert(data, Journal, strict=True)
    except msgspec.ValidationError as exc:
        raise JournalError(f"is not a valid journal: {_describe(str(exc))}") from None
    problem = next(_kind_problems(journal), None)
    if problem is not None:
        raise JournalError(f"is not a valid journal: {problem}")
    return journal


def _describe(message: str) -> str:
    """msgspec's ``Expected `int`, got `str` - at `$.answers[0].value``` as
    ``answers[0].value: expected `int`, got `str```; a key that is unknown or missing is named
    in the place."""
    reason, _, place = message.partition(" - at `$")
    place = place.rstrip("`").lstrip(".")
    for found, said in (
        ("Object contains unknown field `", "unknown key"),
        ("Object missing required field `", "this key is required but missing"),
    ):
        if reason.startswith(found):
            key = reason.removeprefix(found).rstrip("`")
            place, reason = f"{place}.{key}" if place else key, said
    if " matching regex " in reason:
        reason = "not in the form trustcoach writes"
    reason = reason[:1].lower() + reason[1:]
    return f"{place}: {reason}" if place else reason


def _kind_problems(journal: Journal) -> Iterator[str]:
    """Answers whose value does not fit their kind (a rating that is not a whole number...)."""
    for index, answer in enumerate(journal.answers):
        value, place = answer.value, f"answers[{index}].value"
        if answer.skipped:
            if value not in ("", []):
                yield f"{place}: a skipped answer has no value"
        elif answer.kind == "rating" and (type(value) is not int):
            yield f"{place}: a rating must be a whole number"
        elif answer.kind == "confirm" and type(value) is not bool:
            yield f"{place}: a confirmation must be true or false"
        elif answer.kind in ("text", "choice") and type(value) is not str:
            yield f"{place}: a {answer.kind} answer must be text"
        elif answer.kind in ("multi", "list") and type(value) is not list:
            yield f"{place}: a {answer.kind} answer must be a list of texts"
