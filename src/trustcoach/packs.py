"""Prompt packs: the pydantic models, loading and validation, and where packs are found.

A pack is one TOML file per language (``prompts/<lang>/<id>.toml``). Everything in it is data a
counselor may edit, so unknown keys are errors and every problem is reported with its place.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from trustcoach.errors import PackError, UsageError
from trustcoach.names import ID_PATTERN, PLACEHOLDER_RE, Kind
from trustcoach.pack_files import pack_dirs
from trustcoach.tomlio import TomlReadError, read_toml

PACK_NAME_RE = re.compile(ID_PATTERN)
DEFAULT_PACK = "trust-repair"
MAX_TEXT_LENGTH = 20_000


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty or only spaces")
    return text


Text = Annotated[str, AfterValidator(_not_blank)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One option of a ``choice`` or ``multi`` question."""

    value: str = Field(pattern=ID_PATTERN)
    label: Text


class Question(_Strict):
    """One question; which keys apply depends on its ``kind``."""

    id: str = Field(pattern=ID_PATTERN)
    kind: Kind
    prompt: Text
    label: str | None = None
    help: str | None = None
    required: bool = True
    default: str | int | bool | None = None
    min: int | None = None
    max: int | None = None
    choices: list[Choice] | None = None
    min_items: int | None = Field(default=None, ge=0, le=50)
    max_items: int | None = Field(default=None, ge=1, le=50)
    max_length: int | None = Field(default=None, ge=1, le=MAX_TEXT_LENGTH)
    commitments: bool = False
    due_days: int | None = Field(default=None, ge=0, le=365)
    share: bool = True

    @model_validator(mode="after")
    def _check_kind_keys(self) -> Question:
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
                raise ValueError(f"'{key}' does not apply to a {self.kind} question")
        if (self.commitments or self.due_days is not None) and self.kind != "list":
            raise ValueError("'commitments' and 'due_days' apply only to a list question")
        if self.kind == "rating":
            self._check_rating()
        if self.kind in ("choice", "multi"):
            self._check_choices()
        if self.kind == "list":
            low, high = self.min_items or 0, self.max_items or 10
            if low > high:
                raise ValueError("'min_items' must not be larger than 'max_items'")
        if self.kind == "text" and self.default is not None and not isinstance(self.default, str):
            raise ValueError("the 'default' of a text question must be a string")
        if (
            self.kind == "confirm"
            and self.default is not None
            and not isinstance(self.default, bool)
        ):
            raise ValueError("the 'default' of a confirm question must be true or false")
        return self

    def _check_rating(self) -> None:
        if self.min is None or self.max is None:
            raise ValueError("a rating question needs both 'min' and 'max'")
        if not self.min < self.max or self.max - self.min > 100:
            raise ValueError("'min' must be below 'max', at most 100 apart")
        default = self.default
        if default is not None and (
            isinstance(default, bool)
            or not isinstance(default, int)
            or not self.min <= default <= self.max
        ):
            raise ValueError("the 'default' of a rating must be a whole number between min and max")

    def _check_choices(self) -> None:
        if not self.choices or len(self.choices) < 2:
            raise ValueError(f"a {self.kind} question needs at least two 'choices'")
        values = [choice.value for choice in self.choices]
        if len(set(values)) != len(values):
            raise ValueError("two choices share the same 'value'")
        if self.default is not None and self.default not in values:
            raise ValueError("the 'default' must be the value of one of the choices")

    @property
    def item_limits(self) -> tuple[int, int]:
        """The fewest and most items a list answer may hold."""
        low = self.min_items if self.min_items is not None else (1 if self.required else 0)
        return low, self.max_items if self.max_items is not None else 10

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
    title: Text
    intro: str | None = None
    questions: list[Question] = Field(min_length=1)


class Check(_Strict):
    """A gentle check of commitments against a misconception: words that suggest it."""

    id: str = Field(pattern=ID_PATTERN)
    misconception: str = Field(pattern=ID_PATTERN)
    words: list[str] = Field(min_length=1)
    message: Text

    @field_validator("words")
    @classmethod
    def _no_empty_words(cls, words: list[str]) -> list[str]:
        if any(not word.strip() for word in words):
            raise ValueError("a word to look for cannot be empty")
        return words


class Counselor(_Strict):
    """Who prepared a pack, how to reach them, and what they want to say at the start."""

    name: Text
    contact: str = ""
    message: str = ""


class Pack(_Strict):
    """A whole prompt pack in one language."""

    id: str = Field(pattern=ID_PATTERN)
    lang: Literal["ja", "en"]
    version: str = Field(min_length=1, max_length=40)
    title: Text
    description: str = ""
    intro: Text
    safety: Text
    resources: list[str] = []
    closing: Text
    counselor: Counselor | None = None
    steps: list[Step] = Field(min_length=1)
    checks: list[Check] = []

    @model_validator(mode="after")
    def _checks_name_steps(self) -> Pack:
        step_ids = {step.id for step in self.steps}
        for check in self.checks:
            if check.misconception not in step_ids:
                raise ValueError(
                    f"the check '{check.id}' names the misconception '{check.misconception}', "
                    "which is not a step of this pack"
                )
        return self

    @field_validator("steps")
    @classmethod
    def _unique_ids(cls, steps: list[Step]) -> list[Step]:
        step_ids = [step.id for step in steps]
        for step_id in step_ids:
            if step_ids.count(step_id) > 1:
                raise ValueError(f"the step id '{step_id}' is used twice")
        seen: set[str] = set()
        for step in steps:
            for question in step.questions:
                if question.id in seen:
                    raise ValueError(f"the question id '{question.id}' is used twice")
                seen.add(question.id)
        if sum(q.commitments for s in steps for q in s.questions) > 1:
            raise ValueError("only one question may have 'commitments = true'")
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


def reference_problems(pack: Pack) -> tuple[list[str], list[str]]:
    """Placeholders that cannot be filled, with their place: (errors, warnings).

    A placeholder naming no question of the pack is an error: the client would see it as
    written. One naming a question that is only answered later is a warning: it is shown
    empty, so the pack runs, but the text will not read as intended.
    """
    errors: list[str] = []
    warnings: list[str] = []
    earlier: set[str] = set()
    all_ids = {question.id for _, question in pack.questions()}

    def check(text: str | None, place: str, *, anything_earlier: bool = True) -> None:
        for name in PLACEHOLDER_RE.findall(text or ""):
            if name not in all_ids:
                errors.append(f"{place}: '{{{name}}}' does not name any question of this pack")
            elif not anything_earlier:
                warnings.append(f"{place}: '{{{name}}}' is shown before any question is answered")
            elif name not in earlier:
                warnings.append(
                    f"{place}: '{{{name}}}' names a question that is only answered later"
                )

    for s_index, step in enumerate(pack.steps):
        check(step.intro, f"steps[{s_index}].intro")
        for q_index, question in enumerate(step.questions):
            place = f"steps[{s_index}].questions[{q_index}]"
            check(question.prompt, f"{place}.prompt")
            check(question.help, f"{place}.help")
            earlier.add(question.id)
    before = [("intro", pack.intro), ("safety", pack.safety)]
    before += [(f"resources[{i}]", text) for i, text in enumerate(pack.resources)]
    if pack.counselor is not None:
        before.append(("counselor.message", pack.counselor.message))
    for key, text in before:
        check(text, key, anything_earlier=False)
    check(pack.closing, "closing")
    for c_index, item in enumerate(pack.checks):
        check(item.message, f"checks[{c_index}].message")
    return errors, warnings


def _raw_unknown_placeholders(data: dict[str, Any]) -> list[str]:
    """Placeholders naming no question, found in a pack that does not validate otherwise,
    so that every problem is listed at once."""
    steps = (
        [s for s in data.get("steps", []) if isinstance(s, dict)]
        if isinstance(data.get("steps"), list)
        else []
    )
    questions = [
        (s_index, q_index, q)
        for s_index, step in enumerate(steps)
        if isinstance(step.get("questions"), list)
        for q_index, q in enumerate(step["questions"])
        if isinstance(q, dict)
    ]
    ids = {q.get("id") for _, _, q in questions}
    texts: list[tuple[str, Any]] = [(key, data.get(key)) for key in ("intro", "safety", "closing")]
    texts += [(f"steps[{i}].intro", step.get("intro")) for i, step in enumerate(steps)]
    for s_index, q_index, q in questions:
        for key in ("prompt", "help"):
            texts.append((f"steps[{s_index}].questions[{q_index}].{key}", q.get(key)))
    return [
        f"{place}: '{{{name}}}' does not name any question of this pack"
        for place, text in texts
        if isinstance(text, str)
        for name in PLACEHOLDER_RE.findall(text)
        if name not in ids
    ]


def structure(pack: Pack) -> list[tuple[str, list[tuple[str, str, tuple[Any, ...]]]]]:
    """The language-independent shape of a pack: step ids, question ids, kinds and limits."""
    return [
        (
            step.id,
            [
                (
                    q.id,
                    q.kind,
                    (
                        q.required,
                        q.min,
                        q.max,
                        tuple(c.value for c in q.choices or []),
                        q.item_limits if q.kind == "list" else None,
                        q.commitments,
                    ),
                )
                for q in step.questions
            ],
        )
        for step in pack.steps
    ]


def language_mismatches(pack: Pack, other: Pack) -> list[str]:
    """Where two language versions of a pack disagree in ids, kinds or limits."""
    problems = []
    mine, theirs = structure(pack), structure(other)
    if [s for s, _ in mine] != [s for s, _ in theirs]:
        problems.append(
            f"the steps differ from the {other.lang} version: "
            f"{[s for s, _ in mine]} here, {[s for s, _ in theirs]} there"
        )
    their_questions = {qid: (kind, limits) for _, qs in theirs for qid, kind, limits in qs}
    my_questions = {qid: (kind, limits) for _, qs in mine for qid, kind, limits in qs}
    for qid, (kind, limits) in my_questions.items():
        if qid not in their_questions:
            problems.append(f"question '{qid}' is missing from the {other.lang} version")
        elif their_questions[qid][0] != kind:
            problems.append(
                f"question '{qid}' is a {kind} here but a {their_questions[qid][0]} "
                f"in the {other.lang} version"
            )
        elif their_questions[qid][1] != limits:
            problems.append(
                f"question '{qid}' has other limits or choices in the {other.lang} version"
            )
    for qid in their_questions:
        if qid not in my_questions:
            problems.append(f"question '{qid}' of the {other.lang} version is missing here")
    if pack.version != other.version:
        problems.append(f"the version is {pack.version} here but {other.version} in {other.lang}")
    return problems


def format_location(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location into ``steps[2].questions[0].kind``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "the pack"


def _describe(error: Any) -> str:
    kind, loc = error["type"], tuple(error["loc"])
    if kind == "extra_forbidden":
        return f"{format_location(loc)}: unknown key '{loc[-1]}' (check its spelling)"
    if kind == "missing":
        return f"{format_location(loc)}: this key is required but missing"
    if kind in ("string_too_short", "too_short") and loc and loc[-1] != "steps":
        return f"{format_location(loc)}: must not be empty"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{format_location(loc)}: must be one of {expected}"
    if kind == "string_pattern_mismatch":
        return (
            f"{format_location(loc)}: use lowercase letters, digits, '-' or '_', "
            "starting with a letter (at most 40)"
        )
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{format_location(loc)}: {message}"


def parse_pack(data: dict[str, Any]) -> Pack:
    """Validate a pack's data; every problem is listed in the raised PackError."""
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(error) for error in exc.errors()]
        problems += _raw_unknown_placeholders(data)
        raise PackError(f"the pack has {len(problems)} problem(s)", problems) from None
    problems = reference_problems(pack)[0]
    if problems:
        raise PackError(f"the pack has {len(problems)} problem(s)", problems)
    return pack


def load_pack_file(path: Path, *, builtin: bool = False) -> LoadedPack:
    """Read and validate one pack file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PackError(f"{path}: no such pack file") from None
    except OSError as exc:
        raise PackError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = read_toml(raw)
    except TomlReadError as exc:
        raise PackError(f"{path}: {exc}") from None
    try:
        pack = parse_pack(data)
    except PackError as exc:
        raise PackError(f"{path}: {exc.message}", exc.problems) from None
    return LoadedPack(pack, path, hashlib.sha256(raw).hexdigest(), builtin)


def find_pack(name_or_path: str, lang: str, home: Path | None) -> LoadedPack:
    """Load a pack by name (user packs first, then built-in) or by a path to a TOML file."""
    if "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith(".toml"):
        loaded = load_pack_file(Path(name_or_path).expanduser())
        return loaded
    if not PACK_NAME_RE.fullmatch(name_or_path):
        raise UsageError(
            f"'{name_or_path}' is not a pack name: use lowercase letters, digits, '-' or '_', "
            "or give a path to a .toml file"
        )
    for folder, builtin in pack_dirs(home):
        candidate = folder / lang / f"{name_or_path}.toml"
        if candidate.is_file():
            loaded = load_pack_file(candidate, builtin=builtin)
            if loaded.pack.id != name_or_path:
                raise PackError(
                    f'{candidate} says id = "{loaded.pack.id}"; make it "{name_or_path}", '
                    "the file's name, so that its sessions can find it again"
                )
            return LoadedPack(loaded.pack, loaded.path, loaded.sha256, builtin, by_name=True)
    raise UsageError(
        f"there is no pack named '{name_or_path}' in {lang}: 'trustcoach pack list' shows them"
    )


def render(text: str, pack: Pack, answers: dict[str, Any]) -> str:
    """The text as shown: lines reflowed, ``{question_id}`` filled with earlier answers."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        question = pack.question(name)
        if question is None or name not in answers:
            return match.group(0) if question is None else ""
        return display_value(question, answers[name], pack.lang)

    from trustcoach.text import reflow

    return PLACEHOLDER_RE.sub(fill, reflow(text))


def display_value(question: Question, value: Any, lang: str) -> str:
    """An answer as words: choice labels instead of values, lists joined."""
    separator = "、" if lang == "ja" else ", "
    if question.kind == "choice":
        return question.choice_label(str(value))
    if question.kind == "multi":
        return separator.join(question.choice_label(str(v)) for v in value)
    if question.kind == "confirm":
        yes_no = {"ja": ("はい", "いいえ"), "en": ("yes", "no")}[lang]
        return yes_no[0] if value else yes_no[1]
    if question.kind == "list":
        return separator.join(str(item) for item in value)
    return str(value)
