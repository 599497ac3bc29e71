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

from tests.support.answers import EN_ANSWERS, QUESTION_IDS
from tests.support.clocks import DEFAULT_DUE, JST, NOW_DT
from tests.support.journals import (
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
PROMISED = [*EN_ANSWERS["self_promise_small"], *EN_ANSWERS["commitments"]]
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
    a refused reply makes the engine ask again, which takes the next one. ``rewrites``,
    ``schedules`` and ``dues`` are the replies to the rewrite offers, to the questions of a
    commitment's days and to the due-date questions, in order (an unscripted due date or
    days is Enter: the default). A reply that is an exception is raised instead,
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
        schedules: tuple[Reply, ...] = (),
        on_ask: Callable[[str], None] | None = None,
    ) -> None:
        self.replies = {qid: list(queue) for qid, queue in replies.items()}
        self.rewrites = list(rewrites)
        self.dues = list(dues)
        self.schedules = list(schedules)
        self.schedule_asks: list[tuple[str, str, str | None]] = []  # (item, prompt, problem)
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

    def ask_schedule(self, item: str, prompt: str, problem: str | None) -> str:
        self.schedule_asks.append((item, prompt, problem))
        reply = self._reply(self.schedules, f"days: {item}") if self.schedules else ""
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
    # the promise to oneself first (c1), then the commitments to the partner
    assert [(c.id, c.text, c.due, c.toward) for c in journal.commitments] == [
        ("c1", EN_ANSWERS["self_promise_small"][0], DEFAULT_DUE, "self"),
        *[
            (f"c{n}", text, DEFAULT_DUE, "partner")
            for n, text in enumerate(EN_ANSWERS["commitments"], start=2)
        ],
    ]
    on_disk = only_journal(isolated_home)
    assert on_disk["status"] == "complete"
    assert values_of(on_disk) == EN_ANSWERS
    assert [c["text"] for c in on_disk["commitments"]] == PROMISED
    assert [c.get("toward", "partner") for c in on_disk["commitments"]] == [
        "self",
        "partner",
        "partner",
    ]
    # every question asked once, accepted at once; the steps shown in order, then the summary
    assert ui.asked == [(qid, None) for qid in QUESTION_IDS]
    steps = [f"step {n}/5: {step.id}" for n, step in enumerate(PACK.pack.steps, start=1)]
    assert ui.shown == ["intro", *steps, "summary"]
    assert "Alex" in dict(ui.prompts)["partner_trust"]  # earlier answers fill later prompts
    assert ui.summary_shown is not None
    assert ui.summary_shown.path == only_journal_path(isolated_home)
    assert [rating for _, rating, _, _ in ui.summary_shown.ratings] == [6, 3, 8]
    beliefs = ui.summary_shown.beliefs
    assert [value for _, value, _ in beliefs] == ["70 → 50", "80 → 60", "30 → 20"]
    assert [before for _, _, before in beliefs] == [None, None, None]  # the first session
    shown = ui.summary_shown
    assert shown.commitments == [(t, DEFAULT_DUE, "daily") for t in EN_ANSWERS["commitments"]]
    assert shown.promises == [(EN_ANSWERS["self_promise_small"][0], DEFAULT_DUE, "daily")]


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

    ui = ScriptedUI(keyboard(EN_ANSWERS), dues=("", "", ""), on_ask=look)
    run(Session(PACK, stores(), clock_at(NOW_DT)), ui)

    for number, qid in enumerate(QUESTION_IDS):
        values, _ = seen[qid]
        assert values == {q: EN_ANSWERS[q] for q in QUESTION_IDS[:number]}, qid
    # The list is saved as soon as it is typed; each commitment as soon as its date is given.
    (promise,) = EN_ANSWERS["self_promise_small"]
    first, second = EN_ANSWERS["commitments"]
    assert seen[f"due: {promise}"][1] == []
    assert seen["never_belief_start"][1] == [promise]
    assert seen[f"due: {first}"] == (
        {q: EN_ANSWERS[q] for q in QUESTION_IDS[: QUESTION_IDS.index("commitments") + 1]},
        [promise],
    )
    assert seen[f"due: {second}"][1] == [promise, first]
    assert seen["commitment_confidence"][1] == [promise, first, second]


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
        "never_belief_start": ["101", "70"],
        "gestures": ["1,6", "1,2"],
    }
    ui = ScriptedUI(replies, dues=("", "someday", "", "+3"))
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)

    need_number = say("en", "need_number", min=1, max=10)
    asked = {qid: [p for q, p in ui.asked if q == qid] for qid in QUESTION_IDS}
    assert asked["self_trust"] == [None, need_number, need_number]
    assert asked["never_belief_start"] == [None, say("en", "need_number", min=0, max=100)]
    # "None of these" cannot be chosen with another gesture
    alone = say("en", "exclusive_alone", label="None of these")
    assert asked["gestures"] == [None, alone]
    for qid, problems in asked.items():
        if qid not in ("self_trust", "never_belief_start", "gestures"):
            assert problems == [None], qid
    bad_date = say("en", "bad_date", example=DEFAULT_DUE.isoformat())
    assert [problem for _, _, problem in ui.due_asks] == [None, None, bad_date, None]
    # only the accepted replies are stored
    assert journal.values()["self_trust"] == 7
    assert journal.values()["never_belief_start"] == 70
    assert journal.values()["gestures"] == ["messages", "apology"]
    assert [c.due for c in journal.commitments] == [
        DEFAULT_DUE,
        DEFAULT_DUE,
        NOW_DT.date() + timedelta(days=3),
    ]
    assert values_of(only_journal(isolated_home))["self_trust"] == 7


def test_session_engine_reasks_when_list_has_too_many_items(
    stores: Callable[[], JournalStore],
) -> None:
    """The engine itself explains too many items and asks again."""
    items = ["a at 7", "b at 8", "c at 9", "d at 10"]
    replies = {**keyboard(EN_ANSWERS), "commitments": [items, items[:2]]}
    ui = ScriptedUI(replies)
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)
    assert ("commitments", say("en", "too_many_items", count=3)) in ui.asked
    assert journal.values()["commitments"] == items[:2]
    assert [c.due for c in journal.commitments] == [DEFAULT_DUE, DEFAULT_DUE, DEFAULT_DUE]


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
    rows = [
        CommitmentRow(earlier.id, c.id, c.text, c.due.isoformat(), c.toward)
        for c in earlier.commitments
    ]

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
        "review_note": ["Rain, but I went", "", "Too tired"],
        "review_outcome": ["partly", "not_kept"],
        "review_follow": ["carry"],
    }
    ui = ScriptedUI(replies)
    done = run(Session(PACK, store, clock_at(DUE_DAY_EVENING), journal, rows), ui)

    # First the note that was pending, then the reviews not begun; the first outcome stays.
    # The one not kept is carried over with a new date (the default: a week later).
    asked = [qid for qid, _ in ui.asked]
    assert asked[:6] == [
        "review_note",
        "review_outcome",
        "review_note",
        "review_outcome",
        "review_note",
        "review_follow",
    ]
    assert asked[6:] == QUESTION_IDS
    assert ui.prompts[0][1].startswith(say("en", "review_again", text=rows[0].text))
    expected = [
        ("c1", "kept", "Rain, but I went", False),
        ("c2", "partly", "", False),
        ("c3", "not_kept", "Too tired", False),
    ]
    assert [(r.commitment, r.outcome, r.note, r.note_pending) for r in done.reviews] == expected
    assert [r.follow for r in done.reviews] == [None, None, "carry"]
    assert reviews_on_disk() == expected
    carried = done.commitments[0]  # before this session's own commitments
    assert (carried.id, carried.text, carried.origin, carried.question) == (
        "c1",
        rows[2].text,
        rows[2].ref,
        "reviews",
    )
    assert carried.due == DUE_DAY_EVENING.date() + timedelta(days=7)
    assert [c.id for c in done.commitments] == ["c1", "c2", "c3", "c4"]
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
    promise = EN_ANSWERS["self_promise_small"][0]
    assert [item for item, _, _ in ui.due_asks] == [promise, REWRITTEN, "Walk after dinner"]
    assert journal.values()["commitments"] == [REWRITTEN, "Walk after dinner"]
    assert [(c.text, c.flags) for c in journal.commitments[1:]] == [
        (REWRITTEN, []),
        ("Walk after dinner", []),
    ]
    on_disk = only_journal(isolated_home)
    assert values_of(on_disk)["commitments"] == [REWRITTEN, "Walk after dinner"]
    assert [c["text"] for c in on_disk["commitments"][1:]] == [REWRITTEN, "Walk after dinner"]
    assert WORDS_ONLY not in only_journal_path(isolated_home).read_text("utf-8")


def test_enter_at_a_rewrite_offer_keeps_the_commitment_with_its_check(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    answers = {**EN_ANSWERS, "commitments": [WORDS_ONLY, "Walk after dinner"]}
    ui = ScriptedUI(keyboard(answers), rewrites=("",))
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)

    assert [item for item, _, _ in ui.offers] == [WORDS_ONLY]  # offered once, for one item
    assert [(c.text, c.flags) for c in journal.commitments[1:]] == [
        (WORDS_ONLY, ["only-words"]),
        ("Walk after dinner", []),
    ]
    stored = only_journal(isolated_home)["commitments"][1:]
    assert [(c["text"], c["flags"]) for c in stored] == [
        (WORDS_ONLY, ["only-words"]),
        ("Walk after dinner", []),
    ]


# ---------------------------------------------------------------------------------------------
# Between sessions: following through, smaller commitments, remembering
# ---------------------------------------------------------------------------------------------


def test_a_smaller_version_typed_after_not_kept_is_kept_when_the_session_stops(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    """The smaller wording is saved as soon as it is typed: stopped at its due date, the
    session asks only the due date when it resumes, and carries the smaller version on."""
    earlier = run(Session(PACK, stores(), clock_at(NOW_DT)), ScriptedUI(keyboard(EN_ANSWERS)))
    rows = [
        CommitmentRow(earlier.id, c.id, c.text, c.due.isoformat(), c.toward)
        for c in earlier.commitments
    ]
    smaller = "One glass of water at breakfast"
    replies: dict[str, list[Reply]] = {
        "review_outcome": ["not_kept"],
        "review_note": ["Forgot"],
        "review_follow": ["1"],
        "follow_text": [smaller],
    }
    ui = ScriptedUI(replies, dues=(KeyboardInterrupt(),))
    session = Session(PACK, stores(), clock_at(DUE_DAY_EVENING), open_commitments=rows)
    with pytest.raises(KeyboardInterrupt):
        run(session, ui)
    assert ui.prompts[0][1].startswith(
        say("en", "review_heading_self", text=rows[0].text, due=rows[0].due)
    )
    assert session.session_id is not None
    (stopped,) = read_journal(journal_path(isolated_home, session.session_id))["reviews"]
    assert (stopped["follow"], stopped["follow_text"], stopped["toward"]) == (
        "smaller",
        smaller,
        "self",
    )

    session.store.release_all()
    store, journal = resumed(stores, session.session_id)
    replies = {
        **keyboard(EN_ANSWERS),
        "review_outcome": ["kept", "kept"],
        "review_note": ["", ""],
    }
    ui = ScriptedUI(replies, dues=("+2",))
    done = run(Session(PACK, store, clock_at(DUE_DAY_EVENING), journal, rows), ui)
    assert [qid for qid, _ in ui.asked][:4] == [
        "review_outcome",
        "review_note",
        "review_outcome",
        "review_note",
    ]
    assert ui.due_asks[0][0] == smaller  # asked first: nothing typed before is asked again
    carried = done.commitments[0]
    assert (carried.text, carried.toward, carried.origin) == (smaller, "self", rows[0].ref)
    assert carried.due == DUE_DAY_EVENING.date() + timedelta(days=2)


def test_low_confidence_offers_to_make_the_commitments_smaller_now(
    stores: Callable[[], JournalStore], isolated_home: Path
) -> None:
    replies = {
        **keyboard(EN_ANSWERS),
        "commitment_confidence": ["5"],
        "shrink_offer": ["y"],
        "shrink_text": ["Call at 7pm on Mondays", ""],
    }
    ui = ScriptedUI(replies)
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)
    first, second = EN_ANSWERS["commitments"]
    assert [(c.text, c.smaller_from) for c in journal.commitments[1:]] == [
        ("Call at 7pm on Mondays", first),
        (second, ""),
    ]
    assert journal.values()["commitments"] == ["Call at 7pm on Mondays", second]
    offer = dict(ui.prompts)["shrink_offer"]
    assert first in offer and second in offer
    assert offer.startswith("You rated your confidence 5 / 10.")  # a rating with its scale
    assert EN_ANSWERS["self_promise_small"][0] not in offer  # another step's list
    stored = only_journal(isolated_home)["commitments"][1]
    assert stored["smaller_from"] == first


def test_confidence_of_seven_or_more_offers_nothing(stores: Callable[[], JournalStore]) -> None:
    ui = ScriptedUI({**keyboard(EN_ANSWERS), "commitment_confidence": ["7"]})
    run(Session(PACK, stores(), clock_at(NOW_DT)), ui)
    assert "shrink_offer" not in [qid for qid, _ in ui.asked]


def test_the_partner_term_defaults_to_the_last_sessions(stores: Callable[[], JournalStore]) -> None:
    replies = {**keyboard(EN_ANSWERS), "partner": [""]}
    session = Session(PACK, stores(), clock_at(NOW_DT), remembered={"partner": "Alex"})
    ui = ScriptedUI(replies)
    journal = run(session, ui)
    assert journal.values()["partner"] == "Alex"


def test_a_vague_commitment_is_gently_asked_again(stores: Callable[[], JournalStore]) -> None:
    answers = {**EN_ANSWERS, "commitments": ["Be a better husband"]}
    ui = ScriptedUI(keyboard(answers), rewrites=("Weekday evenings after dinner, wash up",))
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)
    ((item, notes, _),) = ui.offers
    assert item == "Be a better husband" and "when or where" in notes[0]
    assert journal.commitments[1].text == "Weekday evenings after dinner, wash up"


def test_a_rewrite_caught_again_takes_no_due_date_for_its_wording(
    stores: Callable[[], JournalStore],
) -> None:
    """Caught twice, a tester typed "+4" for the due date one question too early: it is
    refused as a wording (no words in it), and the next line is the wording."""
    answers = {**EN_ANSWERS, "commitments": ["Be a better husband"]}
    again = "Be more patient"  # caught again: no when or where
    final = "Weekday evenings after dinner, wash up"
    ui = ScriptedUI(keyboard(answers), rewrites=(again, "+4", "2026-12-12", final), dues=("", "+4"))
    journal = run(Session(PACK, stores(), clock_at(NOW_DT)), ui)
    refused = say("en", "rewrite_needs_words")
    assert [(item, problem) for item, _, problem in ui.offers] == [
        ("Be a better husband", None),
        (again, None),
        (again, refused),
        (again, refused),
    ]
    assert (journal.commitments[1].text, journal.commitments[1].due) == (
        final,
        NOW_DT.date() + timedelta(days=4),
    )


def earlier_rows(journal: Journal) -> list[CommitmentRow]:
    """The commitments of an earlier session as the next session finds them open."""
    return [
        CommitmentRow(journal.id, c.id, c.text, c.due.isoformat(), c.toward)
        for c in journal.commitments
    ]


def test_a_resumed_session_still_offers_the_last_sessions_partner_term(
    stores: Callable[[], JournalStore],
) -> None:
    """Stopped after the review, before the partner question: on resume, Enter at that
    question keeps the last session's term ("Alex"), not the pack's ("your partner")."""
    earlier = run(Session(PACK, stores(), clock_at(NOW_DT)), ScriptedUI(keyboard(EN_ANSWERS)))
    rows = earlier_rows(earlier)
    looked_back: dict[str, list[Reply]] = {
        "review_outcome": ["kept"] * 3,
        "review_note": [""] * 3,
    }
    stopped = {**looked_back, "partner": [KeyboardInterrupt()]}
    session = Session(PACK, stores(), clock_at(DUE_DAY_EVENING), open_commitments=rows)
    with pytest.raises(KeyboardInterrupt):
        run(session, ScriptedUI(stopped))
    assert session.session_id is not None
    session.store.release_all()
    store, journal = resumed(stores, session.session_id)
    ui = ScriptedUI({**keyboard(EN_ANSWERS), "partner": [""]})
    done = run(Session(PACK, store, clock_at(DUE_DAY_EVENING), journal, rows), ui)
    assert done.values()["partner"] == "Alex"
    assert "Alex" in dict(ui.prompts)["partner_trust"]


def test_the_checks_of_a_commitment_carried_on_from_the_review_name_the_partner(
    stores: Callable[[], JournalStore],
) -> None:
    """The review comes before this session's partner question: a check shown then names
    the partner as the last session did, never an empty name."""
    handed = "I'll get my brother to talk to Alex"
    first = {**EN_ANSWERS, "commitments": [handed]}
    kept_as_typed = ScriptedUI(keyboard(first), rewrites=("",))
    earlier = run(Session(PACK, stores(), clock_at(NOW_DT)), kept_as_typed)
    replies: dict[str, list[Reply]] = {
        **keyboard(EN_ANSWERS),
        "review_outcome": ["kept", "not_kept"],
        "review_note": ["", ""],
        "review_follow": ["2"],
    }
    rows = earlier_rows(earlier)
    ui = ScriptedUI(replies, rewrites=("",))
    run(Session(PACK, stores(), clock_at(DUE_DAY_EVENING), open_commitments=rows), ui)
    ((item, notes, _),) = ui.offers
    assert item == handed
    assert "between you and Alex is" in " ".join(notes).replace("\n", " ")


def test_without_an_earlier_answer_texts_name_the_partner_by_the_packs_term(
    stores: Callable[[], JournalStore],
) -> None:
    session = Session(PACK, stores(), clock_at(NOW_DT))
    assert session.text_values()["partner"] == "your partner"
    assert "partner" not in session.values()
