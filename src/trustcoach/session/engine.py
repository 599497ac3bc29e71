"""The session engine: walks a pack, asks through an injected UI, and saves after every answer.

It never touches the terminal. A UI object asks and shows; tests drive the engine with a
scripted one. Ctrl-C and end of input propagate from the UI as KeyboardInterrupt / EOFError,
after which everything already answered is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from trustcoach.catalog.say import say, tell
from trustcoach.default_pack import BELIEFS
from trustcoach.errors import InvalidAnswer
from trustcoach.journal import compare
from trustcoach.journal.history import CommitmentRow
from trustcoach.journal.model import (
    SCHEMA_VERSION,
    Answer,
    Commitment,
    Journal,
    Review,
    new_session_id,
)
from trustcoach.journal.store import JournalStore
from trustcoach.packs.model import LoadedPack, Question, Step
from trustcoach.packs.render import render
from trustcoach.session.answers import AnswerValue, parse_input
from trustcoach.session.committing import make_commitments
from trustcoach.session.following import follow_through, offer_smaller, pending_follow_ups
from trustcoach.session.protocol import QuestionView, SessionUI, Summary
from trustcoach.session.records import make_answer
from trustcoach.session.reviewing import ask_note, plan_reviews, review, unreviewed


class Session:
    """One session of a pack, new or resumed, bound to its journal."""

    def __init__(
        self,
        loaded: LoadedPack,
        store: JournalStore,
        clock: Callable[[], datetime],
        journal: Journal | None = None,
        open_commitments: list[CommitmentRow] | None = None,
        remembered: dict[str, str] | None = None,
    ) -> None:
        self.loaded = loaded
        self.pack = loaded.pack
        self.store = store
        self.clock = clock
        self.journal = journal
        self.lang = journal.lang if journal else self.pack.lang
        self.open_commitments = open_commitments or []
        self._remembered = remembered  # earlier answers of questions that remember them
        self.review_plan: list[CommitmentRow] = []
        if journal is not None:
            planned = set(journal.review_plan)
            self.review_plan = [c for c in self.open_commitments if c.ref in planned]

    @property
    def remembered(self) -> dict[str, str]:
        """The last sessions' answers to the questions that remember them, read from the store
        when first needed (unless given): a resumed session offers them as a new one does."""
        if self._remembered is None:
            from trustcoach.session.remembering import remembered_answers

            exclude = self.journal.id if self.journal else None
            self._remembered = remembered_answers(self.store, self.pack, self.lang, exclude)
        return self._remembered

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
            self.review_plan = plan_reviews(self, ui)
        elif first_open is not None:
            ui.welcome_back(first_open)
        reviews = unreviewed(self)
        pending_notes = [r for r in self.journal.reviews if r.note_pending] if self.journal else []
        looking_back = bool(reviews or pending_notes or pending_follow_ups(self))
        for index, step in enumerate(steps, start=1):
            open_questions = self._open_questions(step)
            if not open_questions and not (index == 1 and looking_back):
                continue
            values = self.text_values()
            intro = render(step.intro, self.pack, values) if step.intro else None
            ui.step(step, intro, index, len(steps))
            if index == 1:
                for pending in pending_notes:
                    again = say(self.lang, "review_again", text=pending.text)
                    ask_note(self, ui, pending, again)
                for waiting in pending_follow_ups(self):
                    follow_through(self, ui, waiting)
                for commitment in reviews:
                    review(self, ui, commitment)
            for question in open_questions:
                if self.journal is None or self.journal.answer(question.id) is None:
                    self._ask_and_save(ui, step, question)
                else:  # answered, but some commitments still need their check and due date
                    make_commitments(self, ui, question)
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

    def plain_view(self, question: Question, prompt: str) -> QuestionView:
        """A view of one of the program's own questions (not from the pack)."""
        return QuestionView(question, prompt, question.help, self.lang)

    def ask(self, ui: SessionUI, view: QuestionView) -> AnswerValue | None:
        """Ask until the answer fits the question; each refusal says why."""
        problem: str | None = None
        while True:
            raw = ui.ask(view, problem)
            try:
                return parse_input(view.question, raw)
            except InvalidAnswer as exc:
                problem = tell(self.lang, exc.message)

    def values(self) -> dict[str, Any]:
        """Answered values by question id (none before the first answer)."""
        return self.journal.values() if self.journal else {}

    def text_values(self) -> dict[str, Any]:
        """The values that fill a text's placeholders: the answers so far and, for a question
        that remembers its answer but is not answered yet in this session, the answer it would
        default to (the last session's, else the pack's), so that a text shown before it is
        asked (a check of a commitment carried on from the review) never names no one."""
        values = self.values()
        for _, question in self.pack.questions():
            if question.remember and question.id not in values:
                default = self.effective(question).default
                if isinstance(default, str) and default:
                    values[question.id] = default
        return values

    def effective(self, question: Question) -> Question:
        """The question as it is asked: one that remembers its answer takes the last
        session's answer as its default."""
        earlier = self.remembered.get(question.id) if question.remember else None
        return question.model_copy(update={"default": earlier}) if earlier else question

    def view(self, question: Question) -> QuestionView:
        """The question with its texts filled in from earlier answers."""
        values = self.text_values()
        help_text = render(question.help, self.pack, values) if question.help else None
        intro = render(question.intro, self.pack, values) if question.intro else None
        prompt = render(question.prompt, self.pack, values)
        return QuestionView(self.effective(question), prompt, help_text, self.lang, intro)

    def _ask_and_save(self, ui: SessionUI, step: Step, question: Question) -> None:
        view = self.view(question)
        value = self.ask(ui, view)
        self.record(step, question, view.prompt, value)
        if question.commitments and isinstance(value, list):
            make_commitments(self, ui, question)
        low = question.shrink_below
        if low is not None and isinstance(value, int) and value < low:
            offer_smaller(self, ui, step, value, question.max or 0)

    def record(
        self, step: Step, question: Question, prompt: str, value: AnswerValue | None
    ) -> None:
        """Add one answer to the journal and save it at once (creating the file on first save)."""
        moment = self.clock()
        self.save(moment, answers=[make_answer(step, question, prompt, value, moment, self.lang)])

    def save(
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

    def _belief(self, values: dict[str, Any], start: str, end: str) -> str | None:
        """A belief as measured at the start and the end of its step, in words; None when a
        session did not measure both (older journals asked yes / partly / no)."""
        if type(values.get(start)) is not int or type(values.get(end)) is not int:
            return None
        return say(self.lang, "summary_belief", start=values[start], end=values[end])

    def summary(self) -> Summary:
        """Ratings, beliefs and commitments of this session, each beside its value in the
        session before (when there is one), with the pack's closing text."""
        assert self.journal is not None
        values = self.journal.values()
        previous = compare.previous_complete(self.store, self.journal.id)
        before = previous.values() if previous else {}
        ratings = []
        measured = {qid for _, start, end in BELIEFS for qid in (start, end)}
        for _, question in self.pack.questions():
            if question.id not in values or question.id in measured:
                continue
            label = question.label or question.prompt
            if question.kind == "rating":
                last = before.get(question.id)
                last_value = last if type(last) is int else None
                ratings.append((label, int(values[question.id]), question.max or 0, last_value))
        titles = {step.id: step.title for step in self.pack.steps}
        beliefs = [
            (titles[step], now, self._belief(before, s, e))
            for step, s, e in BELIEFS
            if step in titles and (now := self._belief(values, s, e)) is not None
        ]
        return Summary(
            ratings=ratings,
            beliefs=beliefs,
            commitments=[
                (c.text, c.due, c.schedule) for c in self.journal.commitments if c.toward != "self"
            ],
            promises=[
                (c.text, c.due, c.schedule) for c in self.journal.commitments if c.toward == "self"
            ],
            closing=render(self.pack.closing, self.pack, values),
            path=self.store.path_for(self.journal.id),
            tally=compare.tally(self.journal),
            tally_before=compare.tally(previous) if previous else None,
        )
