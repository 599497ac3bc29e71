"""The journal: one TOML file per session, its pydantic model, and reading it safely."""

import secrets
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from trustcoach.errors import JournalError
from trustcoach.files import TomlReadError, dump_toml, read_toml
from trustcoach.names import ID_PATTERN, SESSION_ID_RE, Kind
from trustcoach.text import format_location

SCHEMA_VERSION = 1

Status = Literal["in_progress", "complete"]
Outcome = Literal["kept", "partly", "not_kept"]


class _Strict(BaseModel):
    # The validator is built on first use: journals exactly as trustcoach writes them are read
    # without it (quick_models, in parse_journal), which is most of what show and export read.
    model_config = ConfigDict(extra="forbid", defer_build=True)


def table_toml(array: str, fields: dict[str, Any]) -> str:
    """One ``[[array]]`` table of plain values (no nested tables), as TOML text."""
    return f"[[{array}]]\n" + dump_toml(fields).decode("utf-8")


# The TOML text of each answer, by the answer's id (the answer is kept alive with it, so the
# id cannot be reused while cached).
_TABLES: dict[int, tuple["Answer", str]] = {}


class Answer(_Strict):
    """One answered (or knowingly skipped) question, with the prompt exactly as it was shown."""

    step: str
    question: str
    kind: Kind
    prompt: str
    value: str | int | bool | list[str]
    answered_at: datetime
    skipped: bool = False
    step_title: str = ""
    label: str = ""  # the question's short name, for summaries
    shown: str = ""  # the value as the user saw it (choice labels, yes/no), for reading
    share: bool = True  # whether the pack offers this answer for sharing by default
    template: str = ""  # the prompt before earlier answers were filled in (when it uses any)

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        _TABLES.pop(id(self), None)

    def toml_table(self) -> str:
        """This answer as a ``[[answers]]`` table, remembered until the answer changes.

        A journal is rewritten after every answer; re-serializing only the new answer keeps a
        save fast however long the journal grows. Setting a field forgets the text.
        """
        cached = _TABLES.get(id(self))
        if cached is None:
            cached = _TABLES[id(self)] = (self, table_toml("answers", self.model_dump()))
        return cached[1]


class Commitment(_Strict):
    """A concrete action the user committed to, with its due date."""

    id: str = Field(pattern=r"^c\d{1,2}$")
    question: str
    text: str
    due: date
    flags: list[str] = []  # misconception checks the user saw and chose to keep it through


class Review(_Strict):
    """How an earlier session's commitment went, recorded in the session that reviewed it."""

    session: str = Field(pattern=SESSION_ID_RE.pattern)
    commitment: str = Field(pattern=r"^c\d{1,2}$")
    text: str
    outcome: Outcome
    note: str = ""
    note_pending: bool = False  # the outcome is saved and its note not answered yet
    reviewed_at: datetime


class Journal(_Strict):
    """One session: its pack, state, answers, commitments and reviews."""

    schema_version: int
    id: str = Field(pattern=SESSION_ID_RE.pattern)
    pack: str = Field(pattern=ID_PATTERN)
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

    def to_toml(self) -> bytes:
        """The journal as TOML bytes; absent optional fields are left out."""
        head = self.model_dump(exclude_none=True, exclude={"answers", "commitments", "reviews"})
        parts = [dump_toml(head).decode("utf-8")]
        parts += [answer.toml_table() for answer in self.answers]
        parts += [table_toml("commitments", c.model_dump()) for c in self.commitments]
        parts += [table_toml("reviews", r.model_dump()) for r in self.reviews]
        return "\n".join(parts).encode("utf-8")


def new_session_id(moment: datetime) -> str:
    """An id that sorts by start time and is unlikely to collide: ``20261126-140512-a3f9``."""
    return f"{moment:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def parse_journal(raw: bytes) -> Journal:
    """Read journal bytes; raise JournalError with the reason if they cannot be trusted."""
    if not raw.strip():
        raise JournalError("is empty")
    try:
        data = read_toml(raw)
    except TomlReadError as exc:
        raise JournalError(str(exc)) from None
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise JournalError(
            f"was written by a newer trustcoach (schema {version}); update trustcoach to read it"
        )
    if version != SCHEMA_VERSION:
        raise JournalError(f"has schema_version {version!r}; this trustcoach reads version 1")
    from trustcoach.quick_models import NotPlain, quick_reader

    try:
        return quick_reader(Journal)(data)  # type: ignore[no-any-return]
    except NotPlain:
        pass  # not exactly as trustcoach writes it: pydantic decides, and says why
    try:
        return Journal.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        place = format_location(tuple(error["loc"]))
        reason = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise JournalError(f"is not a valid journal: {place}: {reason}{more}") from None
