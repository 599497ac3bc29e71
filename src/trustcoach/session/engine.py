"""The session engine: walks a pack, asks through an injected UI, and saves after every answer.

It never touches the terminal. A UI object asks and shows; tests drive the engine with a
scripted one. Ctrl-C and end of input propagate from the UI as KeyboardInterrupt / EOFError,
after which everything already answered is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, cast

from trustcoach.catalog.say import Message, say
from trustcoach.errors import InvalidAnswer
from trustcoach.journal.history import CommitmentRow
from trustcoach.journal.model import (
    SCHEMA_VERSION,
    Answer,
    Commitment,
    Journal,
    Outcome,
    Review,
    new_session_id,
)
from trustcoach.journal.store import JournalStore
from trustcoach.packs.checks import matching_checks
from trustcoach.packs.model import LoadedPack, Question, Step
from trustcoach.packs.render import answer_words, render
from trustcoach.session.answers import AnswerValue, parse_due, parse_input
from trustcoach.session.protocol import QuestionView, SessionUI, Summary
from trustcoach.session.records import due_days, make_answer, review_questions
from trustcoach.text import clean_input


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
                prompt=say(
                    self.lang,
                    "review_scope",
                    count=len(due),
                    later=Message("review_scope_later", {"count": len(later)}),
                ),
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
        self.record(step, question, view.prompt, value)
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
        default = today + timedelta(days=due_days(question))
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
        self, step: Step, question: Question, prompt: str, value: AnswerValue | None
    ) -> None:
        """Add one answer to the journal and save it at once (creating the file on first save)."""
        moment = self.clock()
        self._save(moment, answers=[make_answer(step, question, prompt, value, moment, self.lang)])

    def _save(
        self,
        moment: datetime,
        *,
        answers: list[Answer] | None = None,
        commitments: list[Commitment] | None = None,
        reviews: list[Review] | None = None,
    ) -> None:
        """Add to the journal and write it at once, creating the file on the first save."""
        journal = self.journal or self.new_journal(moment)
        journal.answers.extend(answers or [])
        journal.commitments.extend(commitments or [])
        journal.reviews.extend(reviews or [])
        journal.updated_at = moment
        if self.journal is None:
            self.journal = self.store.create(journal)
        else:
            self.store.save(journal)

    def new_journal(self, moment: datetime) -> Journal:
        """An empty journal of this session, started at ``moment``."""
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
            self.journal = self.store.create(self.new_journal(moment))
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
                beliefs.append((label, answer_words(values[question.id], self.lang, question)))
        return Summary(
            ratings=ratings,
            beliefs=beliefs,
            commitments=[(c.text, c.due) for c in self.journal.commitments],
            closing=render(self.pack.closing, self.pack, values),
            path=self.store.path_for(self.journal.id),
        )
