"""Prompt packs as pydantic models: a pack, its steps, questions, checks and counselor.

A pack is one TOML file per language (``prompts/<lang>/<id>.toml``). Everything in it is data a
counselor may edit, so unknown keys are errors and every problem is reported with its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from trustcoach.names import COMMITMENTS, ID_PATTERN, REVIEWS, Kind, Toward

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

MAX_TEXT_LENGTH = 20_000  # characters of one text of a pack (an intro, a prompt) or an answer
MAX_NAME_LENGTH = 500  # characters of a one-line text of a pack (a title, a label, a choice)
MAX_COMMITMENTS = 99  # commitment ids are c1 to c99 in a session, over all its lists


def _problem(key: Key, /, **values: object) -> PydanticCustomError:
    """A problem of a pack, as a catalog key: loading reports it with its place, in the
    language of the command (the key is its type, the values its context)."""
    return PydanticCustomError(key, key, values)


def _not_blank(text: str) -> str:
    if not text.strip():
        raise _problem("pack_blank")
    return text


# Every text of a pack has a length limit, so that a pack that validates shows at once.
Text = Annotated[str, Field(max_length=MAX_TEXT_LENGTH), AfterValidator(_not_blank)]
Name = Annotated[str, Field(max_length=MAX_NAME_LENGTH), AfterValidator(_not_blank)]
OptionalText = Annotated[str, Field(max_length=MAX_TEXT_LENGTH)]
OptionalName = Annotated[str, Field(max_length=MAX_NAME_LENGTH)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One option of a ``choice`` or ``multi`` question."""

    value: str = Field(pattern=ID_PATTERN)
    label: Name
    exclusive: bool = False  # multi: cannot be chosen with others ("None of these")


class Question(_Strict):
    """One question; which keys apply depends on its ``kind``."""

    id: str = Field(pattern=ID_PATTERN)
    kind: Kind
    prompt: Text
    intro: OptionalText | None = None  # shown before the question (the idea of a step)
    label: OptionalName | None = None
    help: OptionalText | None = None
    required: bool = True
    default: str | int | bool | None = None
    min: int | None = None
    max: int | None = None
    choices: list[Choice] | None = None
    min_items: int | None = Field(default=None, ge=0, le=50)
    max_items: int | None = Field(default=None, ge=1, le=50)
    max_length: int | None = Field(default=None, ge=1, le=MAX_TEXT_LENGTH)
    commitments: bool = False
    toward: Toward | None = None  # a commitments list: to oneself, or to the partner (default)
    due_days: int | None = Field(default=None, ge=0, le=365)
    share: bool = True
    remember: bool = False  # text: the last session's answer is the default
    shrink_below: int | None = None  # rating: below this, offer to make commitments smaller

    @model_validator(mode="before")
    @classmethod
    def _commitments_toward_partner(cls, data: object) -> object:
        """A commitments list is made to the partner unless it says otherwise (so that
        ``pack show --json`` always says whom its commitments are made to)."""
        if isinstance(data, dict) and data.get("commitments") is True and "toward" not in data:
            return {**data, "toward": "partner"}
        return data

    @model_validator(mode="after")
    def _check_kind_keys(self) -> Question:
        if self.id == REVIEWS:
            raise _problem("pack_reserved_id", id=self.id)
        if self.id == COMMITMENTS and not self.commitments:
            raise _problem("pack_commitments_id")
        allowed = {
            "text": {"default", "max_length"},
            "rating": {"min", "max", "default"},
            "choice": {"choices", "default"},
            "multi": {"choices"},
            "confirm": {"default"},
            "list": {"min_items", "max_items", "max_length", "commitments", "due_days"},
        }[self.kind]
        optional = ("default", "min", "max", "choices", "min_items", "max_items", "max_length")
        for key in optional:
            if getattr(self, key) is not None and key not in allowed:
                raise _problem("pack_key_not_for_kind", key=key, kind=self.kind)
        if (self.commitments or self.due_days is not None) and self.kind != "list":
            raise _problem("pack_commitments_list_only")
        if self.toward is not None and not self.commitments:
            raise _problem("pack_toward_commitments_only")
        if self.remember and self.kind != "text":
            raise _problem("pack_key_not_for_kind", key="remember", kind=self.kind)
        if self.shrink_below is not None and self.kind != "rating":
            raise _problem("pack_key_not_for_kind", key="shrink_below", kind=self.kind)
        if self.kind == "choice" and any(c.exclusive for c in self.choices or []):
            raise _problem("pack_key_not_for_kind", key="exclusive", kind=self.kind)
        if self.kind == "rating":
            self._check_rating()
        if self.kind in ("choice", "multi"):
            self._check_choices()
        if self.kind == "list":
            low, high = self.min_items or 0, self.max_items or 10
            if low > high:
                raise _problem("pack_items_order")
        if self.kind == "text" and self.default is not None and not isinstance(self.default, str):
            raise _problem("pack_text_default")
        if (
            self.kind == "confirm"
            and self.default is not None
            and not isinstance(self.default, bool)
        ):
            raise _problem("pack_confirm_default")
        return self

    def _check_rating(self) -> None:
        if self.min is None or self.max is None:
            raise _problem("pack_rating_bounds")
        if not self.min < self.max or self.max - self.min > 100:
            raise _problem("pack_rating_range")
        default = self.default
        if default is not None and (
            isinstance(default, bool)
            or not isinstance(default, int)
            or not self.min <= default <= self.max
        ):
            raise _problem("pack_rating_default")
        if self.shrink_below is not None and not self.min < self.shrink_below <= self.max:
            raise _problem("pack_shrink_range")

    def _check_choices(self) -> None:
        if not self.choices or len(self.choices) < 2:
            raise _problem("pack_two_choices", kind=self.kind)
        values = [choice.value for choice in self.choices]
        if len(set(values)) != len(values):
            raise _problem("pack_choice_twice")
        if self.default is not None and self.default not in values:
            raise _problem("pack_choice_default")

    @property
    def item_limits(self) -> tuple[int, int]:
        """The fewest and most items a list answer may hold."""
        low = self.min_items if self.min_items is not None else (1 if self.required else 0)
        return low, self.max_items if self.max_items is not None else 10

    @property
    def direction(self) -> Toward:
        """Whom the commitments of this list are made to."""
        return self.toward or "partner"

    @property
    def text_limit(self) -> int:
        """The longest text accepted, in characters."""
        return self.max_length or MAX_TEXT_LENGTH

    def choice_label(self, value: str) -> str:
        """The label shown for a choice value (the value itself if unknown)."""
        for choice in self.choices or []:
            if choice.value == value:
                return choice.label
        return value


class Step(_Strict):
    """A step of the session: a title, an optional introduction, and its questions."""

    id: str = Field(pattern=ID_PATTERN)
    title: Name
    intro: OptionalText | None = None
    questions: list[Question] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, step_id: str) -> str:
        if step_id == REVIEWS:  # a step may be called "commitments": the word means it too
            raise _problem("pack_reserved_id", id=step_id)
        return step_id


class Check(_Strict):
    """A gentle check of commitments: words that suggest a misconception (or a commitment too
    vague to see), phrases that excuse them, and phrases of which at least one should appear.
    How they are matched is described in ``packs/checks.py``."""

    id: str = Field(pattern=ID_PATTERN)
    misconception: str | None = Field(default=None, pattern=ID_PATTERN)
    words: list[OptionalName] = []
    unless: list[OptionalName] = []
    missing: list[OptionalName] = []
    toward: Toward | None = None  # only commitments made to oneself, or to the partner
    message: Text

    @field_validator("words", "unless", "missing")
    @classmethod
    def _no_empty_words(cls, words: list[str]) -> list[str]:
        from trustcoach.packs.checks import MAX_SLOTS, slot_count

        if any(not word.strip() for word in words):
            raise _problem("pack_empty_word")
        slotted = [word for word in words if slot_count(word) > MAX_SLOTS]  # slow: checks.py
        if slotted:
            raise _problem("pack_check_slots", phrase=slotted[0], most=MAX_SLOTS)
        return words

    @model_validator(mode="after")
    def _something_to_look_for(self) -> Check:
        if not self.words and not self.missing:
            raise _problem("pack_check_nothing")
        return self


class Counselor(_Strict):
    """Who prepared a pack, how to reach them, and what they want to say at the start."""

    name: Name
    contact: OptionalName = ""
    message: OptionalText = ""


class Pack(_Strict):
    """A whole prompt pack in one language."""

    id: str = Field(pattern=ID_PATTERN)
    lang: Literal["ja", "en"]
    version: str = Field(min_length=1, max_length=40)
    title: Name
    description: OptionalText = ""
    intro: Text
    safety: Text
    resources: list[OptionalName] = []
    closing: Text
    counselor: Counselor | None = None
    steps: list[Step] = Field(min_length=1)
    checks: list[Check] = []

    @model_validator(mode="after")
    def _checks_name_steps(self) -> Pack:
        step_ids = {step.id for step in self.steps}
        for check in self.checks:
            if check.misconception is not None and check.misconception not in step_ids:
                raise _problem("pack_check_step", id=check.id, misconception=check.misconception)
        for step in self.steps:
            for index, question in enumerate(step.questions):
                listed = any(q.commitments for q in step.questions[:index])
                if question.shrink_below is not None and not listed:
                    raise _problem("pack_shrink_needs_list", id=question.id)
        return self

    @field_validator("steps")
    @classmethod
    def _unique_ids(cls, steps: list[Step]) -> list[Step]:
        step_ids = [step.id for step in steps]
        for step_id in step_ids:
            if step_ids.count(step_id) > 1:
                raise _problem("pack_step_twice", id=step_id)
        seen: set[str] = set()
        for step in steps:
            for question in step.questions:
                if question.id in seen:
                    raise _problem("pack_question_twice", id=question.id)
                if question.id in step_ids and question.id != COMMITMENTS:
                    raise _problem("pack_question_is_step", id=question.id)
                seen.add(question.id)
        lists = [q for s in steps for q in s.questions if q.commitments]
        if sum(q.item_limits[1] for q in lists) > MAX_COMMITMENTS:
            raise _problem("pack_too_many_commitments", most=MAX_COMMITMENTS)
        return steps

    def questions(self) -> Iterator[tuple[Step, Question]]:
        """Every question in order, with its step."""
        for step in self.steps:
            for question in step.questions:
                yield step, question

    def question(self, question_id: str) -> Question | None:
        """The question with this id, if the pack has one."""
        for _, question in self.questions():
            if question.id == question_id:
                return question
        return None


@dataclass(frozen=True)
class LoadedPack:
    """A validated pack with where it came from and a hash of its bytes."""

    pack: Pack
    path: Path
    sha256: str
    builtin: bool
    by_name: bool = False  # found by its name in a packs folder, not given as a path
