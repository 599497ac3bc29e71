"""What a new session remembers of earlier ones: the answers a pack asks to remember (how the
user refers to their partner), and the session left unfinished last time, which the user may
continue or leave."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.catalog.say import say, tell
from trustcoach.errors import InvalidAnswer, TrustcoachError
from trustcoach.packs.model import Choice, Question
from trustcoach.session.answers import parse_input
from trustcoach.session.protocol import QuestionView

if TYPE_CHECKING:
    from datetime import datetime

    from trustcoach.journal.history import History
    from trustcoach.journal.model import Journal
    from trustcoach.journal.store import JournalStore
    from trustcoach.packs.model import Pack
    from trustcoach.session.protocol import SessionUI

LOOK_BACK = 20  # journals read, newest first, to find a remembered answer


def remembered_answers(
    store: JournalStore, pack: Pack, lang: str, exclude: str | None = None
) -> dict[str, str]:
    """The latest answers, in sessions of this pack and language (other than ``exclude``, the
    session being resumed), to the questions that remember them (``remember = true``)."""
    from trustcoach.journal.store import Unreadable

    wanted = {q.id for _, q in pack.questions() if q.remember}
    found: dict[str, str] = {}
    for session_id in list(reversed(store.session_ids()))[:LOOK_BACK]:
        if not wanted - set(found):
            break
        if session_id == exclude:
            continue
        journal = store.read(session_id)
        if isinstance(journal, Unreadable) or journal.pack != pack.id or journal.lang != lang:
            continue
        for question_id in wanted - set(found):
            answer = journal.answer(question_id)
            if answer and not answer.skipped and isinstance(answer.value, str):
                found[question_id] = answer.value
    return found


def unfinished_session(store: JournalStore, history: History) -> Journal | None:
    """The newest unfinished session that was not left, held by this process from now on;
    None when there is none (or it is open in another terminal, or cannot be read)."""
    for row in reversed(history.sessions):
        if row.status == "complete" or row.left:
            continue
        try:
            store.hold(row.id)
            return store.load(row.id)
        except TrustcoachError:
            return None
    return None


def resume_or_leave(ui: SessionUI, journal: Journal, lang: str, program: str) -> bool:
    """Ask whether to continue an unfinished session (True) or leave it and start anew (the
    help names ``program``, the command that runs trustcoach)."""
    day = f"{journal.started_at:%Y-%m-%d}"
    saved = len(journal.answers) + len(journal.reviews)
    question = Question(
        id="unfinished",
        kind="choice",
        prompt=say(lang, "unfinished_prompt", day=day, count=saved),
        help=say(lang, "unfinished_help", id=journal.id, program=program),
        choices=[
            Choice(value="resume", label=say(lang, "unfinished_resume")),
            Choice(value="leave", label=say(lang, "unfinished_leave")),
        ],
        default="resume",
    )
    view = QuestionView(question, question.prompt, question.help, lang)
    problem: str | None = None
    while True:
        try:
            return parse_input(question, ui.ask(view, problem)) == "resume"
        except InvalidAnswer as exc:
            problem = tell(lang, exc.message)


def leave(store: JournalStore, journal: Journal, moment: datetime) -> None:
    """Mark an unfinished session as left (it stays unfinished and can still be resumed)."""
    journal.left_at = moment
    store.save(journal)
