"""What the engine asks of a user interface, and what it hands to one.

The engine never touches the terminal: the CLI implements ``SessionUI`` with rich, and tests
drive the engine with a scripted one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from trustcoach.journal.compare import Tally
from trustcoach.packs.model import Pack, Question, Step

if TYPE_CHECKING:
    from trustcoach.journal.history import CommitmentRow
    from trustcoach.journal.model import Answer, Commitment, Journal, Review
    from trustcoach.journal.store import JournalStore
    from trustcoach.session.answers import AnswerValue


@dataclass(frozen=True)
class QuestionView:
    """What the UI needs to ask one question: the question and its texts as they will be shown."""

    question: Question
    prompt: str
    help: str | None
    lang: str
    intro: str | None = None  # a text shown before the question (the idea of a step)


@dataclass(frozen=True)
class Summary:
    """The recap shown at the end of a session, compared with the session before it.

    ``ratings`` are (label, value, top, value last time), ``beliefs`` (label, words, words last
    time); "last time" is None when there was no earlier session or it did not answer it.
    ``commitments`` are those to the partner, ``promises`` those to oneself (text, due date
    and days). ``tally`` and
    ``tally_before`` count the reviews of this session and of the one before (None when a
    session looked back at nothing)."""

    ratings: list[tuple[str, int, int, int | None]] = field(default_factory=list)
    beliefs: list[tuple[str, str, str | None]] = field(default_factory=list)
    commitments: list[tuple[str, date, str]] = field(default_factory=list)  # to the partner
    promises: list[tuple[str, date, str]] = field(default_factory=list)  # to oneself
    closing: str = ""
    path: Path | None = None
    tally: Tally | None = None
    tally_before: Tally | None = None


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

    def ask_schedule(self, item: str, prompt: str, problem: str | None) -> str:
        """Ask on which days a commitment is; ``prompt`` says what Enter keeps."""

    def ask_rewrite(self, item: str, notes: list[str], problem: str | None) -> str:
        """Show why a commitment may rest on a misconception; return a new wording or ""."""

    def summary(self, summary: Summary, lang: str) -> None:
        """Show the closing summary."""


class SessionState(Protocol):
    """What the parts of a session (``committing``, ``following``, ``reviewing``) use of the
    running session, which they read and do not replace: ``engine.Session`` is one. They take
    it as this, so that they depend on what they use and not on the engine that calls them."""

    @property
    def pack(self) -> Pack: ...
    @property
    def store(self) -> JournalStore: ...
    @property
    def clock(self) -> Callable[[], datetime]: ...
    @property
    def journal(self) -> Journal | None: ...
    @property
    def lang(self) -> str: ...
    @property
    def open_commitments(self) -> list[CommitmentRow]: ...
    @property
    def review_plan(self) -> list[CommitmentRow]: ...

    def text_values(self) -> dict[str, Any]:
        """The values that fill a text's placeholders."""

    def plain_view(self, question: Question, prompt: str) -> QuestionView:
        """A view of one of the program's own questions."""

    def ask(self, ui: SessionUI, view: QuestionView) -> AnswerValue | None:
        """Ask until the answer fits the question."""

    def save(
        self,
        moment: datetime,
        *,
        answers: list[Answer] | None = None,
        commitments: list[Commitment] | None = None,
        reviews: list[Review] | None = None,
    ) -> None:
        """Add to the journal and write it at once."""
