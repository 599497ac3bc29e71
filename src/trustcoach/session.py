"""The session engine: walks a pack, asks through an injected UI, and saves after every answer.

It never touches the terminal. A UI object asks and shows; tests drive the engine with a
scripted one. Ctrl-C and end of input propagate from the UI as KeyboardInterrupt / EOFError,
after which everything already answered is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, cast

from trustcoach.answers import AnswerValue, coerce_value, parse_due, parse_input
from trustcoach.checks import matching_checks
from trustcoach.errors import AnswersFileError, InvalidAnswer
from trustcoach.history import CommitmentRow
from trustcoach.journal import (
    SCHEMA_VERSION,
    Answer,
    Commitment,
    Journal,
    Outcome,
    Review,
    new_session_id,
)
from trustcoach.messages import say
from trustcoach.names import PLACEHOLDER_RE
from trustcoach.packs import (
    Choice,
    LoadedPack,
    Pack,
    Question,
    Step,
    display_value,
    render,
)
from trustcoach.store import JournalStore
from trustcoach.text import clean_input

DEFAULT_DUE_DAYS = 7
FILE_MESSAGES = "en"  # problems in an answers file are reported with the program's other errors


@dataclass(frozen=True)
class QuestionView:
    """What the UI needs to ask one question: the question and its texts as they will be shown."""

    question: Question
    prompt: str
    help: str | None
    lang: str


@dataclass(frozen=True)
class Summary:
    """The recap shown at the end of a session."""

    ratings: list[tuple[str, int, int]] = field(default_factory=list)
    beliefs: list[tuple[str, str]] = field(default_factory=list)
    commitments: list[tuple[str, date]] = field(default_factory=list)
    closing: str = ""
    path: Path | None = None


class SessionUI(Protocol):
    """Everything the engine asks of a user interface."""

    def intro(self, pack: Pack, journal_folder: Path) -> None:
        """Show the pack's introduction and safety text before the first step."""

    def welcome_back(self, step: Step) -> None:
        """Say that a resumed session continues at ``step``."""

    def step(self, step: Step, intro: str | None, index: int, total: int) -> None:
        """Show a step's title and introduction."""

    def ask(self, view: QuestionView, problem: str | None) -> str | list[str]:
        """Ask one question; ``problem`` explains why the previous try was not accepted."""

    def ask_due(self, item: str, default: date, problem: str | None, lang: str) -> str:
        """Ask by when a commitment is due."""

    def ask_rewrite(self, item: str, notes: list[str], problem: str | None) -> str:
        """Show why a commitment may rest on a misconception; return a new wording or ""."""

    def summary(self, summary: Summary, lang: str) -> None:
        """Show the closing summary."""


class Session:
    """One session of a pack, new or resumed, bound to its journal."""

    def __init__(
        self,
        loaded: LoadedPack,
        store: JournalStore,
        clock: Callable[[], datetime],
        journal: Journal | None = None,
        open_commitments: list[CommitmentRow] | None = None,
    ) -> None:
        self.loaded = loaded
        self.pack = loaded.pack
        self.store = store
        self.clock = clock
        self.journal = journal
        self.lang = journal.lang if journal else self.pack.lang
        self.open_commitments = open_commitments or []
        self.review_plan: list[CommitmentRow] = []
        if journal is not None:
            planned = set(journal.review_plan)
            self.review_plan = [c for c in self.open_commitments if c.ref in planned]

    @property
    def session_id(self) -> str | None:
        """The journal's id once something has been saved."""
        return self.journal.id if self.journal else None

    def run(self, ui: SessionUI) -> Journal:
        """Ask every unanswered question in order, saving each answer; then finish."""
        steps = self.pack.steps
        first_open = next((s for s in steps if self._open_questions(s)), None)
        if self.journal is None:
            ui.intro(self.pack, self.store.folder)
            self.review_plan = self._plan_reviews(ui)
        elif first_open is not None:
            ui.welcome_back(first_open)
        reviews = self._unreviewed()
        pending_notes = [r for r in self.journal.reviews if r.note_pending] if self.journal else []
        for index, step in enumerate(steps, start=1):
            open_questions = self._open_questions(step)
            if not open_questions and not (index == 1 and (reviews or pending_notes)):
                continue
            values = self._values()
            intro = render(step.intro, self.pack, values) if step.intro else None
            ui.step(step, intro, index, len(steps))
            if index == 1:
                for review in pending_notes:
                    self._ask_note(ui, review, say(self.lang, "review_again", text=review.text))
                for commitment in reviews:
                    self._review(ui, commitment)
            for question in open_questions:
                if self.journal is None or self.journal.answer(question.id) is None:
                    self._ask_and_save(ui, step, question)
                else:  # answered, but some commitments still need their check and due date
                    self._make_commitments(ui, question)
        journal = self._finish()
        ui.summary(self.summary(), self.lang)
        return journal

    def _open_questions(self, step: Step) -> list[Question]:
        """Questions of a step still to ask, or whose commitments are not all recorded yet."""
        return [q for q in step.questions if self._is_open(q)]

    def _is_open(self, question: Question) -> bool:
        answer = self.journal.answer(question.id) if self.journal else None
        if answer is None:
            return True
        if not question.commitments or answer.skipped or not isinstance(answer.value, list):
            return False
        assert self.journal is not None
        made = sum(c.question == question.id for c in self.journal.commitments)
        return made < len(answer.value)

    def _plan_reviews(self, ui: SessionUI) -> list[CommitmentRow]:
        """Open commitments that are due, and the others too if the user wants."""
        today = self.clock().date()
        due = [c for c in self.open_commitments if c.due_date <= today]
        later = [c for c in self.open_commitments if c.due_date > today]
        if later:
            scope = Question(
                id="review_scope",
                kind="confirm",
                prompt=say(self.lang, "review_scope", due=len(due), later=len(later)),
                default=False,
            )
            if self._ask(ui, self._plain_view(scope, scope.prompt)):
                return due + later
        return due

    def _unreviewed(self) -> list[CommitmentRow]:
        done = {
            f"{r.session}/{r.commitment}" for r in (self.journal.reviews if self.journal else [])
        }
        return [c for c in self.review_plan if c.ref not in done]

    def _review(self, ui: SessionUI, commitment: CommitmentRow) -> None:
        """Ask how one earlier commitment went; the outcome is saved before the note is asked,
        marked as waiting for its note, so that a session stopped in between asks it on resume."""
        outcome_question, _ = review_questions(self.lang)
        heading = say(self.lang, "review_heading", text=commitment.text, due=commitment.due)
        outcome = self._ask(
            ui, self._plain_view(outcome_question, f"{heading}\n{outcome_question.prompt}")
        )
        moment = self.clock()
        review = Review(
            session=commitment.session,
            commitment=commitment.id,
            text=commitment.text,
            outcome=cast(Outcome, outcome),
            note="",
            note_pending=True,
            reviewed_at=moment,
        )
        self._save(moment, reviews=[review])
        self._ask_note(ui, review)

    def _ask_note(self, ui: SessionUI, review: Review, heading: str | None = None) -> None:
        """Ask the one-line note of a review and save it (an empty note is an answer too)."""
        _, note_question = review_questions(self.lang)
        prompt = f"{heading}\n{note_question.prompt}" if heading else note_question.prompt
        note = self._ask(ui, self._plain_view(note_question, prompt))
        review.note = note if isinstance(note, str) else ""
        review.note_pending = False
        self._save(self.clock())

    def _plain_view(self, question: Question, prompt: str) -> QuestionView:
        """A view of one of the program's own questions (not from the pack)."""
        return QuestionView(question, prompt, question.help, self.lang)

    def _ask(self, ui: SessionUI, view: QuestionView) -> AnswerValue | None:
        """Ask until the answer fits the question; each refusal says why."""
        problem: str | None = None
        while True:
            raw = ui.ask(view, problem)
            try:
                return parse_input(view.question, raw, self.lang)
            except InvalidAnswer as exc:
                problem = str(exc)

    def _answers(self) -> list[Answer]:
        return self.journal.answers if self.journal else []

    def _values(self) -> dict[str, Any]:
        return self.journal.values() if self.journal else {}

    def view(self, question: Question) -> QuestionView:
        """The question with its texts filled in from earlier answers."""
        values = self._values()
        help_text = render(question.help, self.pack, values) if question.help else None
        return QuestionView(
            question, render(question.prompt, self.pack, values), help_text, self.lang
        )

    def _ask_and_save(self, ui: SessionUI, step: Step, question: Question) -> None:
        view = self.view(question)
        value = self._ask(ui, view)
        self.record(step, question, view.prompt, value, [])
        if question.commitments and isinstance(value, list):
            self._make_commitments(ui, question)

    def _make_commitments(self, ui: SessionUI, question: Question) -> None:
        """Check and date each committed item, saving each one as soon as it is complete.

        The list itself is already saved, so an interruption here loses nothing: resuming
        continues with the next item. A rewritten item replaces the typed one in the answer.
        """
        assert self.journal is not None
        answer = self.journal.answer(question.id)
        assert answer is not None and isinstance(answer.value, list)
        items = list(answer.value)
        done = {c.id for c in self.journal.commitments if c.question == question.id}
        today = self.clock().date()
        default = today + timedelta(days=_due_days(question))
        for number, typed in enumerate(items, start=1):
            if f"c{number}" in done:
                continue
            item, flags = self._check_commitment(ui, question, typed)
            due = self._ask_due(ui, item, today, default)
            if item != typed:
                items[number - 1] = item
                answer.value = list(items)
            commitment = Commitment(
                id=f"c{number}", question=question.id, text=item, due=due, flags=flags
            )
            self._save(self.clock(), commitments=[commitment])

    def _check_commitment(
        self, ui: SessionUI, question: Question, typed: str
    ) -> tuple[str, list[str]]:
        """Offer a rewrite when a commitment matches a misconception check; the user decides.

        Returns the final wording and the ids of the checks it still matches.
        """
        values = self._values()
        item, problem = typed, None
        while hits := matching_checks(item, self.pack.checks):
            notes = [render(check.message, self.pack, values) for check in hits]
            raw = clean_input(ui.ask_rewrite(item, notes, problem)).strip()
            if not raw:
                break
            if len(raw) > question.text_limit:
                problem = say(self.lang, "too_long", length=len(raw), limit=question.text_limit)
                continue
            item, problem = raw, None
        return item, [check.id for check in hits]

    def _ask_due(self, ui: SessionUI, item: str, today: date, default: date) -> date:
        problem: str | None = None
        while True:
            raw = ui.ask_due(item, default, problem, self.lang)
            try:
                return parse_due(raw, today, default, self.lang)
            except InvalidAnswer as exc:
                problem = str(exc)

    def record(
        self,
        step: Step,
        question: Question,
        prompt: str,
        value: AnswerValue | None,
        commitments: list[Commitment],
    ) -> None:
        """Add one answer to the journal and save it at once (creating the file on first save)."""
        moment = self.clock()
        answer = make_answer(step, question, prompt, value, moment, self.lang)
        self._save(moment, answers=[answer], commitments=commitments)

    def _save(
        self,
        moment: datetime,
        *,
        answers: list[Answer] | None = None,
        commitments: list[Commitment] | None = None,
        reviews: list[Review] | None = None,
    ) -> None:
        """Add to the journal and write it at once, creating the file on the first save."""
        journal = self.journal or self._new_journal(moment)
        journal.answers.extend(answers or [])
        journal.commitments.extend(commitments or [])
        journal.reviews.extend(reviews or [])
        journal.updated_at = moment
        if self.journal is None:
            self.journal = self.store.create(journal)
        else:
            self.store.save(journal)

    def _new_journal(self, moment: datetime) -> Journal:
        loaded = self.loaded
        return Journal(
            schema_version=SCHEMA_VERSION,
            id=new_session_id(moment),
            pack=self.pack.id,
            pack_version=self.pack.version,
            pack_sha256=loaded.sha256,
            pack_source="" if loaded.by_name else str(loaded.path),
            lang=self.lang,
            status="in_progress",
            review_plan=[c.ref for c in self.review_plan],
            started_at=moment,
            updated_at=moment,
        )

    def _finish(self) -> Journal:
        moment = self.clock()
        if self.journal is None:  # a pack with only skipped questions still leaves a record
            self.journal = self.store.create(self._new_journal(moment))
        self.journal.status = "complete"
        self.journal.finished_at = moment
        self.journal.updated_at = moment
        self.store.save(self.journal)
        return self.journal

    def summary(self) -> Summary:
        """Ratings, beliefs and commitments of this session, with the pack's closing text."""
        assert self.journal is not None
        values = self.journal.values()
        ratings, beliefs = [], []
        for _, question in self.pack.questions():
            if question.id not in values:
                continue
            label = question.label or question.prompt
            if question.kind == "rating":
                ratings.append((label, int(values[question.id]), question.max or 0))
            elif question.kind == "choice":
                beliefs.append((label, display_value(question, values[question.id], self.lang)))
        return Summary(
            ratings=ratings,
            beliefs=beliefs,
            commitments=[(c.text, c.due) for c in self.journal.commitments],
            closing=render(self.pack.closing, self.pack, values),
            path=self.store.path_for(self.journal.id),
        )

    def run_unattended(
        self, answers: dict[str, Any], reviews: dict[str, Any] | None = None
    ) -> Journal:
        """Record a whole session from an answers file, or nothing at all if any answer is bad.

        ``reviews`` maps ``<session id>/<commitment id>`` to an outcome (``kept``, ``partly``,
        ``not_kept``) or a table ``{outcome, note}``; every open commitment that is due needs one.
        """
        moment = self.clock()
        today = moment.date()
        self.review_plan = []
        given, problems = self._unattended_reviews(reviews or {}, today)
        journal = self._new_journal(moment)
        journal.reviews.extend(given)
        self.journal = journal
        known = {q.id for _, q in self.pack.questions()}
        problems += [
            f"answers.{key}: there is no question with this id in the pack"
            for key in answers
            if key not in known
        ]
        for step, question in self.pack.questions():
            prompt = self.view(question).prompt
            raw = answers.get(question.id)
            try:
                value, commitments = self._coerce(question, raw, today)
            except InvalidAnswer as exc:
                problems.append(f"answers.{question.id}: {exc}")
                continue
            journal.answers.append(make_answer(step, question, prompt, value, moment, self.lang))
            journal.commitments.extend(commitments)
        if problems:
            self.journal = None
            raise AnswersFileError(
                f"{len(problems)} answer(s) are missing or invalid; nothing was saved", problems
            )
        journal.status = "complete"
        journal.finished_at = moment
        self.journal = self.store.create(journal)
        return self.journal

    def _unattended_reviews(
        self, given: dict[str, Any], today: date
    ) -> tuple[list[Review], list[str]]:
        """The reviews of an answers file that are valid (they also become the review plan),
        and the problems with the others."""
        problems: list[str] = []
        by_ref = {c.ref: c for c in self.open_commitments}
        valid: list[Review] = []
        for ref in given:
            if ref not in by_ref:
                problems.append(f"reviews.{ref}: there is no open commitment with this reference")
        for commitment in self.open_commitments:
            raw = given.get(commitment.ref)
            if raw is None:
                if commitment.due_date <= today:
                    problems.append(f"reviews.{commitment.ref}: missing; this commitment is due")
                continue
            outcome, note = raw, ""
            if isinstance(raw, dict):
                outcome, note = raw.get("outcome"), raw.get("note", "")
                if set(raw) - {"outcome", "note"}:
                    problems.append(f"reviews.{commitment.ref}: use only 'outcome' and 'note'")
                    continue
            if outcome not in ("kept", "partly", "not_kept") or not isinstance(note, str):
                problems.append(
                    f"reviews.{commitment.ref}: the outcome must be kept, partly or not_kept"
                )
                continue
            self.review_plan.append(commitment)
            valid.append(
                Review(
                    session=commitment.session,
                    commitment=commitment.id,
                    text=commitment.text,
                    outcome=outcome,
                    note=clean_input(note).strip(),
                    reviewed_at=self.clock(),
                )
            )
        return valid, problems

    def _coerce(
        self, question: Question, raw: Any, today: date
    ) -> tuple[AnswerValue | None, list[Commitment]]:
        if raw is None:
            if question.required and question.default is None:
                raise InvalidAnswer("missing; this question needs an answer")
            raw = "" if question.kind != "list" else []
        if question.commitments and isinstance(raw, str | dict):
            raw = [raw]  # one commitment given on its own
        if not (question.commitments and isinstance(raw, list)):
            return coerce_value(question, raw, FILE_MESSAGES), []
        default = today + timedelta(days=_due_days(question))
        texts: list[str] = []
        dues: list[date] = []
        for index, item in enumerate(raw, start=1):
            text, due_raw = _commitment_item(item, index)
            if text.strip():  # blank items are dropped, like empty lines at the keyboard
                texts.append(text)
                dues.append(parse_due(due_raw, today, default, FILE_MESSAGES))
        value = coerce_value(question, texts, FILE_MESSAGES)
        kept = value if isinstance(value, list) else []
        commitments = [
            Commitment(
                id=f"c{n}",
                question=question.id,
                text=text,
                due=due,
                flags=[check.id for check in matching_checks(text, self.pack.checks)],
            )
            for n, (text, due) in enumerate(zip(kept, dues, strict=False), start=1)
        ]
        return value, commitments


def review_questions(lang: str) -> tuple[Question, Question]:
    """The two questions asked about each earlier commitment: how it went, and why."""
    outcome = Question(
        id="review_outcome",
        kind="choice",
        prompt=say(lang, "review_outcome"),
        choices=[
            Choice(value="kept", label=say(lang, "outcome_kept")),
            Choice(value="partly", label=say(lang, "outcome_partly")),
            Choice(value="not_kept", label=say(lang, "outcome_not_kept")),
        ],
    )
    note = Question(
        id="review_note",
        kind="text",
        prompt=say(lang, "review_note"),
        required=False,
        max_length=2000,
    )
    return outcome, note


def _commitment_item(item: Any, index: int) -> tuple[str, str | date]:
    """The text and due date of one commitment in an answers file (a string or a table)."""
    if isinstance(item, str):
        return item, ""
    if (
        not isinstance(item, dict)
        or set(item) - {"text", "due"}
        or not isinstance(item.get("text"), str)
    ):
        raise InvalidAnswer(f"item {index} must be a string or a table with 'text' and 'due'")
    due = item.get("due", "")
    if isinstance(due, datetime) or not isinstance(due, str | date):
        raise InvalidAnswer(f"item {index}: 'due' must be a date like 2026-12-03")
    return item["text"], due


def make_answer(
    step: Step,
    question: Question,
    prompt: str,
    value: AnswerValue | None,
    moment: datetime,
    lang: str,
) -> Answer:
    """An answer that describes itself: the step's title, the question's label, the value
    in words and whether it is shared by default, so a journal reads well without its pack."""
    return Answer(
        step=step.id,
        step_title=step.title,
        question=question.id,
        label=question.label or "",
        kind=question.kind,
        prompt=prompt,
        value=_empty_value(question) if value is None else value,
        shown=_shown(question, value, lang),
        template=_template(question),
        share=question.share,
        answered_at=moment,
        skipped=value is None,
    )


def _shown(question: Question, value: AnswerValue | None, lang: str) -> str:
    """The value in words, for kinds whose stored value is not what the user saw."""
    if value is None or question.kind not in ("choice", "multi", "confirm"):
        return ""
    return display_value(question, value, lang)


def _template(question: Question) -> str:
    """The prompt before earlier answers were filled in, when it uses any."""
    from trustcoach.text import reflow

    return reflow(question.prompt) if PLACEHOLDER_RE.search(question.prompt) else ""


def _due_days(question: Question) -> int:
    return question.due_days if question.due_days is not None else DEFAULT_DUE_DAYS


def _empty_value(question: Question) -> AnswerValue:
    return [] if question.kind in ("multi", "list") else ""
