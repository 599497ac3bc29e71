"""The journal: one TOML file per session, its model, and reading it strictly (written as
TOML by ``encoding.py``, to disk by ``store.py``).

The model is made of msgspec ``Struct``s: decoding checks every type, pattern and unknown key in
C, strictly (no text becomes a number, no number a flag), so a journal is read by one model and
nothing else. Values are then checked against their question's kind (a rating is a whole number,
a confirmation true or false), so that a hand edit that would break a command later is reported
when the file is read.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

import msgspec
from msgspec import Meta, Struct

from trustcoach.catalog.say import Message
from trustcoach.errors import JournalError
from trustcoach.journal.upgrade import CURRENT, READABLE, upgraded
from trustcoach.names import COMMITMENT_ID_PATTERN, ID_PATTERN, SESSION_ID_RE, Kind, Toward
from trustcoach.schedule import DAILY, SCHEDULE_PATTERN

if TYPE_CHECKING:
    from collections.abc import Iterator

    from trustcoach.catalog.keys import Key

SCHEMA_VERSION = CURRENT  # what each version added: ``upgrade.py``

Status = Literal["in_progress", "complete"]
Outcome = Literal["kept", "partly", "not_kept"]
FollowUp = Literal["smaller", "carry", "let_go"]  # what the user chose after "not kept"


def _whole(pattern: str) -> str:
    """A pattern that must match the whole value: msgspec searches, and ``$`` would also
    match before a final newline."""
    return pattern.removesuffix("$") + r"\Z"


PackId = Annotated[str, Meta(pattern=_whole(ID_PATTERN))]
SessionId = Annotated[str, Meta(pattern=_whole(SESSION_ID_RE.pattern))]
CommitmentId = Annotated[str, Meta(pattern=_whole(COMMITMENT_ID_PATTERN))]
ScheduleWord = Annotated[str, Meta(pattern=_whole(SCHEDULE_PATTERN))]
Value = str | int | bool | list[str]

# Every table is a Struct with keyword-only fields (kept in the order they are written, so
# required fields may follow optional ones) that refuses unknown keys. Fields added after the
# first format (``ADDED_FIELDS``) are written only when they differ from their default, so that
# a journal that does not use them is written exactly as before.


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
    labels: list[str] = []  # a choice's labels, one for each chosen value (empty: not known)
    share: bool = True  # whether the pack offers this answer for sharing by default
    template: str = ""  # the prompt before earlier answers were filled in (when it uses any)


class Commitment(Struct, kw_only=True, forbid_unknown_fields=True):
    """A concrete action the user committed to, with its due date."""

    id: CommitmentId
    question: str
    text: str
    due: date
    flags: list[str] = []  # misconception checks the user saw and chose to keep it through
    toward: Toward = "partner"  # a commitment to oneself, or to the partner
    origin: str = ""  # "<session>/<id>" of the earlier commitment it carries on, if any
    smaller_from: str = ""  # its wording before the user made it smaller, if they did
    schedule: ScheduleWord = DAILY  # its days (``trustcoach.schedule``): older journals, daily


class Review(Struct, kw_only=True, forbid_unknown_fields=True):
    """How an earlier session's commitment went, recorded in the session that reviewed it."""

    session: SessionId
    commitment: CommitmentId
    text: str
    outcome: Outcome
    note: str = ""
    note_pending: bool = False  # the outcome is saved and its note not answered yet
    reviewed_at: datetime
    toward: Toward = "partner"  # whom the reviewed commitment was made to
    follow: FollowUp | None = None  # after "not kept": made smaller, carried over, or let go
    follow_text: str = ""  # the smaller wording, once typed (kept if the session stops)
    done_days: int = 0  # what the check-ins said when it was reviewed: scheduled days done...
    checked_days: int = 0  # ...of the scheduled days checked in (0: no check-ins)


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
    left_at: datetime | None = None  # when the user chose to leave it unfinished
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


# Fields added after the first format, with their defaults: written only when they differ.
ADDED_FIELDS: dict[str, dict[str, Any]] = {
    "answers": {"labels": []},
    "commitments": {"toward": "partner", "origin": "", "smaller_from": "", "schedule": DAILY},
    "reviews": {
        "toward": "partner",
        "follow": None,
        "follow_text": "",
        "done_days": 0,
        "checked_days": 0,
    },
}


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
        raise JournalError("journal_empty")
    data = read_toml_fast(raw) if fast else None
    if data is None:
        try:
            data = read_toml(raw)
        except TomlReadError as exc:
            values: dict[str, Any] = dict(exc.message.values)
            raise JournalError(exc.message.key, **values) from None
    return journal_from_data(data)


def journal_from_data(data: dict[str, Any]) -> Journal:
    """A journal from parsed TOML; JournalError says what is wrong and where."""
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise JournalError("journal_newer_schema", version=version)
    if version not in READABLE:
        raise JournalError("journal_old_schema", version=repr(version), newest=SCHEMA_VERSION)
    try:
        journal = msgspec.convert(upgraded(data), Journal, strict=True)
    except msgspec.ValidationError as exc:
        place, reason = _describe(str(exc))
        raise JournalError("journal_invalid", place=place, reason=reason) from None
    problem = next(_kind_problems(journal), None)
    if problem is not None:
        raise JournalError("journal_invalid", place=problem[0], reason=problem[1])
    return journal


def _describe(message: str) -> tuple[str, Message | str]:
    """The place and the reason of a msgspec error such as
    ``Expected `int`, got `str` - at `$.answers[0].value```: ``answers[0].value`` and
    ``expected `int`, got `str``` (kept in msgspec's words, which name types); a key that is
    unknown or missing is named in the place."""
    reason, _, place = message.partition(" - at `$")
    place = place.rstrip("`").lstrip(".")
    for found, said in (
        ("Object contains unknown field `", "journal_unknown_key"),
        ("Object missing required field `", "journal_missing_key"),
    ):
        if reason.startswith(found):
            key = reason.removeprefix(found).rstrip("`")
            return (f"{place}.{key}" if place else key), Message(cast("Key", said))
    if " matching regex " in reason:
        return place or "$", Message("journal_bad_form")
    return place or "$", reason[:1].lower() + reason[1:]


def _kind_problems(journal: Journal) -> Iterator[tuple[str, Message]]:
    """Answers whose value does not fit their kind (a rating that is not a whole number...)."""
    for index, answer in enumerate(journal.answers):
        value, place, kind = answer.value, f"answers[{index}].value", answer.kind
        if answer.skipped:
            if value not in ("", []):
                yield place, Message("journal_skipped_value")
        elif kind == "rating" and type(value) is not int:
            yield place, Message("journal_rating_value")
        elif kind == "confirm" and type(value) is not bool:
            yield place, Message("journal_confirm_value")
        elif kind in ("text", "choice") and type(value) is not str:
            yield place, Message("journal_text_value", {"kind": kind})
        elif kind in ("multi", "list") and type(value) is not list:
            yield place, Message("journal_list_value", {"kind": kind})
        if answer.labels and len(answer.labels) != _choices_made(answer):
            yield f"answers[{index}].labels", Message("journal_labels")


def _choices_made(answer: Answer) -> int:
    """How many labels an answer can have: one for each chosen value of a choice."""
    if answer.skipped or answer.kind not in ("choice", "multi"):
        return 0
    return len(answer.value) if isinstance(answer.value, list) else 1
