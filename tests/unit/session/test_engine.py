"""The session engine (session/engine.py) driven in-process through a scripted UI: no terminal,
no CLI, no subprocess. A real JournalStore in the test's home and a fixed clock; every check is
made on what the engine asked the UI and on what is in the journal file on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import (
    DEFAULT_DUE,
    EN_ANSWERS,
    JST,
    NOW_DT,
    QUESTION_IDS,
    journal_path,
    journal_paths,
    only_journal,
    only_journal_path,
    read_journal,
    values_of,
)
from trustcoach.catalog.say import say
from trustcoach.journal.history import CommitmentRow
from trustcoach.journal.model import Journal
from trustcoach.journal.store import JournalStore
from trustcoach.packs.loading import find_pack
from trustcoach.packs.model import Pack, Step
from trustcoach.session.engine import Session
from trustcoach.session.protocol import QuestionView, SessionUI, Summary

PACK = find_pack("trust-repair", "en", None)
KINDS = {question.id: question.kind for _, question in PACK.pack.questions()}

Reply = str | list[str] | BaseException


def clock_at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def keyboard(answers: dict[str, Any]) -> dict[str, list[Reply]]:
    """What a person types for each answer: one reply per question."""
    replies: dict[str, list[Reply]] = {}
    for qid, value in answers.items():
        if isinstance(value, bool):
            typed: str | list[str] = "y" if value else "n"
        elif isinstance(value, list):
            typed = value if KINDS[qid] == "list" else ",".join(value)
        else:
            typed = str(value)
        replies[qid] = [typed]
    return replies


class ScriptedUI:
    """A SessionUI that gives scripted replies and records what the engine asked and showed.

    ``replies`` maps a question id to what is typed each time that question is asked, in order:
    a refused reply makes the engine ask again, which takes the next one. ``rewrites`` and
    ``dues`` are the replies to the rewrite offers and to the due-date questions, in order (an
    unscripted due date is Enter: the default). A reply that is an exception is raised instead,
    as a terminal raises KeyboardInterrupt at Ctrl-C and EOFError at Ctrl-D. ``on_ask`` runs
    just before each reply with what is asked (a question id, or ``due: <item>``), so that a
    test can look at the disk at that moment.
    """

    def __init__(
        self,
        replies: dict[str, list[Reply]],
        *,
        rewrites: tuple[Reply, ...] = (),
        dues: tuple[Reply, ...] = (),
        on_ask: Callable[[str], None] | None = None,
    ) -> None:
        self.replies = {qid: list(queue) for qid, queue in replies.items()}
        self.rewrites = list(rewrites)
        self.dues = list(dues)
        self.on_ask = on_ask
        self.shown: list[str] = []  # intro, welcome back, steps, summary: in order
        self.asked: list[tuple[str, str | None]] = []  # (question id, problem shown with it)
        self.prompts: list[tuple[str, str]] = []  # (question id, prompt as shown)
        self.offers: list[tuple[str, list[str], str | None]] = []  # (item, notes, problem)
        self.due_asks: list[tuple[str, date, str | None]] = []  # (item, default, problem)
        self.summary_shown: Summary | None = None

    def intro(self, pack: Pack, journal_folder: Path) -> None:
        self.shown.append("intro")

    def welcome_back(self, step: Step) -> None:
        self.shown.append(f"welcome back: {step.id}")

    def step(self, step: Step, intro: str | None, index: int, total: int) -> None:
        self.shown.append(f"step {index}/{total}: {step.id}")

    def ask(self, view: QuestionView, problem: str | None) -> str | list[str]:
        qid = view.question.id
        self.asked.append((qid, problem))
        self.prompts.append((qid, view.prompt))
        return self._reply(self.replies.get(qid, []), qid)

    def ask_due(self, item: str, default: date, problem: str | None, lang: str) -> str:
        self.due_asks.append((item, default, problem))
        reply = self._reply(self.dues, f"due: {item}") if self.dues else ""
        assert isinstance(reply, str)
        return reply

    def ask_rewrite(self, item: str, notes: list[str], problem: str | None) -> str:
        self.offers.append((item, notes, problem))
        reply = self._reply(self.rewrites, f"rewrite: {item}")
        assert isinstance(reply, str)
        return reply

    def summary(self, summary: Summary, lang: str) -> None:
        self.shown.append("summary")
        self.summary_shown = summary

    def _reply(self, queue: list[Reply], what: str) -> str | list[str]:
        assert queue, f"{what} was asked more often than the script says"
        if self.on_ask is not None:
            self.on_ask(what)
        reply = queue.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply


def run(session: Session, ui: SessionUI) -> Journal:
    """Run a session through a UI typed as the engine's protocol (ScriptedUI must fit it)."""
    return session.run(ui)


@pytest.fixture
def stores(isolated_home: Path) -> Iterator[Callable[[], JournalStore]]:
    """Open stores of the test's home, as separate runs of the program would; their session
    locks are let go at the end, as the end of a process lets them go."""
    opened: list[JournalStore] = []

    def open_store() -> JournalStore:
        opened.append(JournalStore(isolated_home))
        return opened[-1]

    yield open_store
    for store in opened:
        store.release_all()


def resumed(
    open_store: Callable[[], JournalStore], session_id: str
) -> tuple[JournalStore, Journal]:
    """A new store holding the session, and its journal loaded from disk (what resume does)."""
    store = open_store()
    store.hold(session_id)
    return store, store.load(session_id)


# ---------------------------------------------------------------------------------------------
# A whole session, saved answer by answer
# ---------------------------------------------------------------------------------------------


def test_a_whole_session_ends_complete_with_every_value_stored(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    ui = ScriptedUI(keyboard(EN_ANSWERS))
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)

    assert journal.status == "complete"
    assert journal.finished_at == NOW_DT
    assert journal.values() == EN_ANSWERS
    assert [a.question for a in journal.answers] == QUESTION_IDS
    assert [(c.text, c.due) for c in journal.commitments] == [
        (text, DEFAULT_DUE) for text in EN_ANSWERS["commitments"]
    ]
    on_disk = only_journal(isolated_home)
    assert on_disk["status"] == "complete"
    assert values_of(on_disk) == EN_ANSWERS
    assert [c["text"] for c in on_disk["commitments"]] == EN_ANSWERS["commitments"]
    # every question asked once, accepted at once; the steps shown in order, then the summary
    assert ui.asked == [(qid, None) for qid in QUESTION_IDS]
    steps = [f"step {n}/5: {step.id}" for n, step in enumerate(PACK.pack.steps, start=1)]
    assert ui.shown == ["intro", *steps, "summary"]
    assert "Alex" in dict(ui.prompts)["partner_trust"]  # earlier answers fill later prompts
    assert ui.summary_shown is not None
    assert ui.summary_shown.path == only_journal_path(isolated_home)
    assert [rating for _, rating, _ in ui.summary_shown.ratings] == [6, 3, 8]
    assert ui.summary_shown.commitments == [(t, DEFAULT_DUE) for t in EN_ANSWERS["commitments"]]


def test_each_answer_is_on_disk_before_the_next_question_is_asked(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    seen: dict[str, tuple[dict[str, Any], list[str]]] = {}

    def look(what: str) -> None:
        """What the journal file holds at this moment: its values and its commitments."""
        if not journal_paths(isolated_home):
            seen[what] = ({}, [])
            return
        journal = only_journal(isolated_home)
        seen[what] = (values_of(journal), [c["text"] for c in journal.get("commitments", [])])

    ui = ScriptedUI(keyboard(EN_ANSWERS), dues=("", ""), on_ask=look)
    run(Session(PACK, stores(), clock_at(NOW_DT)), ui)

    for number, qid in enumerate(QUESTION_IDS):
        values, _ = seen[qid]
        assert values == {q: EN_ANSWERS[q] for q in QUESTION_IDS[:number]}, qid
    # The list is saved as soon as it is typed; each commitment as soon as its date is given.
    first, second = EN_ANSWERS["commitments"]
    assert seen[f"due: {first}"] == (
        {q: EN_ANSWERS[q] for q in QUESTION_IDS[: QUESTION_IDS.index("commitments") + 1]},
        [],
    )
    assert seen[f"due: {second}"][1] == [first]
    assert seen["commitment_confidence"][1] == [first, second]


def test_end_of_input_before_the_first_answer_saves_nothing(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    session = Session(PACK, stores(), clock_at(NOW_DT))
    with pytest.raises(EOFError):
        run(session, ScriptedUI({"partner": [EOFError()]}))
    assert session.session_id is None
    assert journal_paths(isolated_home) == []


# ---------------------------------------------------------------------------------------------
# Refused answers are asked again, with the reason
# ---------------------------------------------------------------------------------------------


def test_a_refused_answer_is_asked_again_with_the_problem(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    replies = {
        **keyboard(EN_ANSWERS),
        "self_trust": ["11", "seven", "7"],
        "never_belief": ["maybe", "2"],
    }
    ui = ScriptedUI(replies, dues=("someday", "", "+3"))
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)

    need_number = say("en", "need_number", min=1, max=10)
    asked = {qid: [p for q, p in ui.asked if q == qid] for qid in QUESTION_IDS}
    assert asked["self_trust"] == [None, need_number, need_number]
    assert asked["never_belief"] == [None, say("en", "unknown_choice", token="maybe")]
    for qid, problems in asked.items():
        if qid not in ("self_trust", "never_belief"):
            assert problems == [None], qid
    bad_date = say("en", "bad_date", example=DEFAULT_DUE.isoformat())
    assert [problem for _, _, problem in ui.due_asks] == [None, bad_date, None]
    # only the accepted replies are stored
    assert journal.values()["self_trust"] == 7
    assert journal.values()["never_belief"] == "partly"
    assert [c.due for c in journal.commitments] == [DEFAULT_DUE, NOW_DT.date() + timedelta(days=3)]
    assert values_of(only_journal(isolated_home))["self_trust"] == 7


def test_session_engine_reasks_when_list_has_too_many_items(
    stores: Callable[[], JournalStore],
) -> None:
    """The engine itself explains too many items and asks again."""
    replies = {**keyboard(EN_ANSWERS), "commitments": [["a", "b", "c", "d"], ["a", "b"]]}
    ui = ScriptedUI(replies)
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)
    assert ("commitments", say("en", "too_many_items", count=3)) in ui.asked
    assert journal.values()["commitments"] == ["a", "b"]
    assert [c.due for c in journal.commitments] == [DEFAULT_DUE, DEFAULT_DUE]


# ---------------------------------------------------------------------------------------------
# Ctrl-C, and resume
# ---------------------------------------------------------------------------------------------


def test_ctrl_c_keeps_every_earlier_answer_and_resume_asks_the_first_unanswered(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    stop = QUESTION_IDS.index("partner_trust")
    session = Session(PACK, stores(), clock_at(NOW_DT))
    with pytest.raises(KeyboardInterrupt):
        run(session, ScriptedUI({**keyboard(EN_ANSWERS), "partner_trust": [KeyboardInterrupt()]}))

    stopped = only_journal(isolated_home)
    assert stopped["id"] == session.session_id
    assert stopped["status"] == "in_progress"
    assert [a["question"] for a in stopped["answers"]] == QUESTION_IDS[:stop]
    assert values_of(stopped) == {q: EN_ANSWERS[q] for q in QUESTION_IDS[:stop]}

    assert session.session_id is not None
    session.store.release_all()  # the interrupted program ends, and its lock goes with it
    store, journal = resumed(stores, session.session_id)
    ui = ScriptedUI(keyboard(EN_ANSWERS))
    done = run(Session(PACK, store, clock_at(NOW_DT), journal), ui)

    assert ui.shown[0] == "welcome back: myth-never"
    assert "intro" not in ui.shown
    assert [qid for qid, _ in ui.asked] == QUESTION_IDS[stop:]  # nothing is asked twice
    assert "Alex" in dict(ui.prompts)["partner_trust"]  # an answer from before the stop
    assert done.status == "complete"
    assert [a.question for a in done.answers] == QUESTION_IDS
    on_disk = only_journal(isolated_home)
    assert on_disk["status"] == "complete"
    assert values_of(on_disk) == EN_ANSWERS
    assert on_disk["answers"][:stop] == stopped["answers"]


# ---------------------------------------------------------------------------------------------
# Reviews of an earlier session's commitments
# ---------------------------------------------------------------------------------------------

DUE_DAY_EVENING = datetime(2026, 12, 3, 20, 0, tzinfo=JST)  # both commitments are due


def test_a_review_saves_its_outcome_before_its_note_and_resume_asks_the_note(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    earlier = run(Session(PACK, stores(), clock_at(NOW_DT)), ScriptedUI(keyboard(EN_ANSWERS)))
    earlier_bytes = journal_path(isolated_home, earlier.id).read_bytes()
    rows = [CommitmentRow(earlier.id, c.id, c.text, c.due.isoformat()) for c in earlier.commitments]

    def reviews_on_disk() -> list[tuple[str, str, str, bool]]:
        (path,) = [p for p in journal_paths(isolated_home) if p.stem != earlier.id]
        reviews = read_journal(path).get("reviews", [])
        return [(r["commitment"], r["outcome"], r["note"], r["note_pending"]) for r in reviews]

    at_note: list[list[tuple[str, str, str, bool]]] = []

    def look(what: str) -> None:
        if what == "review_note":
            at_note.append(reviews_on_disk())

    replies: dict[str, list[Reply]] = {
        "review_outcome": ["kept"],
        "review_note": [KeyboardInterrupt()],
    }
    ui = ScriptedUI(replies, on_ask=look)
    session = Session(PACK, stores(), clock_at(DUE_DAY_EVENING), open_commitments=rows)
    with pytest.raises(KeyboardInterrupt):
        run(session, ui)

    # The outcome was on disk, waiting for its note, when the note was asked.
    assert at_note == [[("c1", "kept", "", True)]]
    assert session.session_id is not None
    stopped = read_journal(journal_path(isolated_home, session.session_id))
    assert stopped["review_plan"] == [row.ref for row in rows]
    assert reviews_on_disk() == [("c1", "kept", "", True)]

    session.store.release_all()  # the interrupted program ends, and its lock goes with it
    store, journal = resumed(stores, session.session_id)
    replies = {
        **keyboard(EN_ANSWERS),
        "review_note": ["Rain, but I went", ""],
        "review_outcome": ["partly"],
    }
    ui = ScriptedUI(replies)
    done = run(Session(PACK, store, clock_at(DUE_DAY_EVENING), journal, rows), ui)

    # First the note that was pending, then the review not begun; the first outcome stays.
    asked = [qid for qid, _ in ui.asked]
    assert asked[:3] == ["review_note", "review_outcome", "review_note"]
    assert asked[3:] == QUESTION_IDS
    assert ui.prompts[0][1].startswith(say("en", "review_again", text=rows[0].text))
    expected = [("c1", "kept", "Rain, but I went", False), ("c2", "partly", "", False)]
    assert [(r.commitment, r.outcome, r.note, r.note_pending) for r in done.reviews] == expected
    assert reviews_on_disk() == expected
    assert done.status == "complete"
    assert journal_path(isolated_home, earlier.id).read_bytes() == earlier_bytes


# ---------------------------------------------------------------------------------------------
# Misconception checks on commitments
# ---------------------------------------------------------------------------------------------

WORDS_ONLY = "I will tell her I'm sorry every day"  # matches the pack's "only-words" check
REWRITTEN = "Wash the dishes after dinner"


def test_a_commitment_matching_a_check_offers_a_rewrite_and_the_rewrite_is_stored(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    answers = {**EN_ANSWERS, "commitments": [WORDS_ONLY, "Walk after dinner"]}
    ui = ScriptedUI(keyboard(answers), rewrites=("x" * 301, REWRITTEN))
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)

    too_long = say("en", "too_long", length=301, limit=300)
    assert [(item, problem) for item, _, problem in ui.offers] == [
        (WORDS_ONLY, None),
        (WORDS_ONLY, too_long),  # a rewrite that does not fit is refused, with the reason
    ]
    (note,) = ui.offers[0][1]
    assert "Alex" in note and "{partner}" not in note  # the pack's message, filled in
    assert [item for item, _, _ in ui.due_asks] == [REWRITTEN, "Walk after dinner"]
    assert journal.values()["commitments"] == [REWRITTEN, "Walk after dinner"]
    assert [(c.text, c.flags) for c in journal.commitments] == [
        (REWRITTEN, []),
        ("Walk after dinner", []),
    ]
    on_disk = only_journal(isolated_home)
    assert values_of(on_disk)["commitments"] == [REWRITTEN, "Walk after dinner"]
    assert [c["text"] for c in on_disk["commitments"]] == [REWRITTEN, "Walk after dinner"]
    assert WORDS_ONLY not in only_journal_path(isolated_home).read_text("utf-8")


def test_enter_at_a_rewrite_offer_keeps_the_commitment_with_its_check(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    answers = {**EN_ANSWERS, "commitments": [WORDS_ONLY, "Walk after dinner"]}
    ui = ScriptedUI(keyboard(answers), rewrites=("",))
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)

    assert [item for item, _, _ in ui.offers] == [WORDS_ONLY]  # offered once, for one item
    assert [(c.text, c.flags) for c in journal.commitments] == [
        (WORDS_ONLY, ["only-words"]),
        ("Walk after dinner", []),
    ]
    stored = only_journal(isolated_home)["commitments"]
    assert [(c["text"], c["flags"]) for c in stored] == [
        (WORDS_ONLY, ["only-words"]),
        ("Walk after dinner", []),
    ]
