"""No withheld word reaches any export, whatever the pack and the selection: generated packs
(random ``share`` flags, prompts that quote earlier answers, a commitment list), two sessions
(the second reviews the first's commitments, with notes) answered with unique tokens, random
``--only``/``--exclude`` names or random choices in ``--share``; every format and the report.

The expectation is computed here again from the rules as the README states them, not from the
code under test. Each token is letters and digits, so escaping cannot change it; the outputs
are also searched after undoing Markdown, HTML and JSON escaping. And every shared token must
appear, so that printing nothing would not pass.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.answers import write_answers
from tests.support.documents import plain_text, strip_tags
from tests.support.packs import SmallQuestion, small_pack
from tests.support.runner import ok, run_cli

SELECTORS = ("reviews", "commitments")
STEP_IDS = ["self", "myth-words", "commitments", "later"]
TEXT_IDS = ["partner", "t_one", "t_two", "t_three"]
S1_WHEN, S2_WHEN, NOW = (
    "2026-03-01T10:00:00+09:00",
    "2026-03-08T10:00:00+09:00",
    "2026-03-09T10:00:00+09:00",
)


@dataclass
class Case:
    """A generated pack, answers for two sessions, and what the client chose."""

    steps: list[tuple[str, list[SmallQuestion]]]
    only: list[str]
    exclude: list[str]
    choices: dict[str, bool] | None  # --share: question id (or "reviews") -> yes
    answers: list[dict[str, Any]] = field(default_factory=list)  # per session
    outcomes: list[str] = field(default_factory=list)  # S2's review of each S1 commitment

    def questions(self) -> Iterator[tuple[str, SmallQuestion]]:
        for step, questions in self.steps:
            for question in questions:
                yield step, question

    def tokens(self, session: int, qid: str) -> list[str]:
        value = self.answers[session].get(qid)
        if isinstance(value, list):
            return value
        return [value] if isinstance(value, str) else []

    def note(self, number: int) -> str:
        return f"wnote{number}z"


@st.composite
def cases(draw: st.DrawFn) -> Case:
    step_ids = draw(st.permutations(STEP_IDS))[: draw(st.integers(1, 3))]
    texts = draw(st.lists(st.sampled_from(TEXT_IDS), min_size=1, max_size=4, unique=True))
    ratings = draw(st.lists(st.sampled_from(["self_trust", "partner_trust"]), unique=True))
    list_id = draw(st.sampled_from(["commitments", "promises"]))
    order = draw(st.permutations([*texts, *ratings, list_id]))
    placed: dict[str, list[SmallQuestion]] = {step: [] for step in step_ids}
    for qid in order:
        kind = "list" if qid == list_id else "rating" if qid in ratings else "text"
        step = draw(st.sampled_from(step_ids))
        shared = draw(st.sampled_from([True, True, False]))  # most answers are shared
        placed[step].append(SmallQuestion(qid, kind, shared))
    steps = [(step, placed[step]) for step in step_ids if placed[step]]
    earlier: list[str] = []
    for _, questions in steps:
        for question in questions:
            if question.kind == "text" and earlier and draw(st.booleans()):
                question.quotes = draw(st.sampled_from(earlier))
            if question.kind != "list":
                earlier.append(question.id)
    names = [s for s, _ in steps] + [q.id for _, qs in steps for q in qs] + list(SELECTORS)
    pick = st.lists(st.sampled_from(sorted(set(names))), max_size=3, unique=True)
    only = draw(st.one_of(st.just([]), pick))  # half the time, no --only at all
    exclude = draw(st.lists(st.sampled_from(sorted(set(names))), max_size=2, unique=True))
    case = Case(steps, only, exclude, None)
    if draw(st.integers(0, 3)) == 0:
        keys = [q.id for _, q in case.questions()] + ["reviews"]
        case.choices = {key: draw(st.booleans()) for key in keys}
    for tag in "ab":
        answers: dict[str, Any] = {}
        for number, (_, question) in enumerate(case.questions()):
            if question.kind == "rating":
                answers[question.id] = draw(st.integers(1, 10))
            elif question.kind == "list":
                count = draw(st.integers(1, 2))
                answers[question.id] = [f"w{tag}{number}c{n}z" for n in range(count)]
            else:
                answers[question.id] = f"w{tag}{number}q{question.id.replace('_', '')}z"
        case.answers.append(answers)
    commitments = len(case.tokens(0, list_id))
    outcomes = st.sampled_from(["kept", "partly", "not_kept"])
    case.outcomes = [draw(outcomes) for _ in range(commitments)]
    return case


# ---------------------------------------------------------------------------------------------
# The rules, as the README says them
# ---------------------------------------------------------------------------------------------


def chooses(names: list[str], step: str, question: SmallQuestion) -> bool:
    """Whether a list of names chooses a question: by its id, its step, or ``commitments``
    (the step of that name and every commitment list)."""
    is_list = question.kind == "list"
    return (
        question.id in names
        or step in names
        or ("commitments" in names and (is_list or step == "commitments"))
    )


def withheld(case: Case, step: str, question: SmallQuestion) -> bool:
    named_by_id = question.id in case.only and question.id not in SELECTORS
    private = not question.share and not named_by_id
    return chooses(case.exclude, step, question) or private


def shared_questions(case: Case) -> set[str]:
    if case.choices is not None:
        return {q.id for _, q in case.questions() if case.choices[q.id]}
    return {
        q.id
        for step, q in case.questions()
        if not withheld(case, step, q) and (not case.only or chooses(case.only, step, q))
    }


def reviews_shared(case: Case) -> bool:
    """Whether S2's reviews of S1's commitments are shared (one list made them all)."""
    step, commitment_list = next((s, q) for s, q in case.questions() if q.kind == "list")
    if withheld(case, step, commitment_list):  # in S1, under the same names
        return False
    if case.choices is not None:
        return case.choices["reviews"]
    return ("reviews" in case.only if case.only else True) and "reviews" not in case.exclude


def list_id(case: Case) -> str:
    return next(q.id for _, q in case.questions() if q.kind == "list")


def review_tokens(case: Case) -> set[str]:
    return set(case.tokens(0, list_id(case))) | {case.note(n) for n in range(len(case.outcomes))}


def all_tokens(case: Case) -> set[str]:
    return {t for s in (0, 1) for _, q in case.questions() for t in case.tokens(s, q.id)} | {
        case.note(n) for n in range(len(case.outcomes))
    }


def allowed_tokens(case: Case, sessions: tuple[int, ...]) -> set[str]:
    kept = shared_questions(case)
    allowed = {t for s in sessions for q in kept for t in case.tokens(s, q)}
    return allowed | (review_tokens(case) if reviews_shared(case) else set())


# ---------------------------------------------------------------------------------------------
# Running it
# ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def make_sessions(case: Case, folder: Path) -> None:
    """The pack file and the two sessions."""
    pack = folder / "small.toml"
    pack.write_text(small_pack(case.steps), "utf-8")
    with environment(TRUSTCOACH_NOW=S1_WHEN):
        path = write_answers(folder, case.answers[0], name="a1.toml")
        ok(run_cli("start", "--pack", str(pack), "--answers", str(path)))
    first = sorted((folder / "home" / "journals").glob("*.toml"))[0].stem
    reviews = {
        f"{first}/c{n + 1}": {"outcome": outcome, "note": case.note(n)}
        for n, outcome in enumerate(case.outcomes)
    }
    with environment(TRUSTCOACH_NOW=S2_WHEN):
        path = write_answers(folder, case.answers[1], reviews, name="a2.toml")
        ok(run_cli("start", "--pack", str(pack), "--answers", str(path)))


def names(case: Case) -> list[str]:
    args = []
    for option, chosen in (("--only", case.only), ("--exclude", case.exclude)):
        if chosen:
            args += [option, ",".join(chosen)]
    return args


def share_input(case: Case, offered_reviews: bool) -> str:
    assert case.choices is not None
    items = (["reviews"] if offered_reviews else []) + [q.id for _, q in case.questions()]
    return "".join("y\n" if case.choices[item] else "n\n" for item in items) + "y\n"


def readings(fmt: str, text: str) -> list[str]:
    """An output as written, and as read once its escaping is undone."""
    found = [text, plain_text(fmt, text)]
    if fmt == "md":
        found.append(re.sub(r"\\(.)", r"\1", text))
    if fmt == "html":
        found.append(html.unescape(strip_tags(text)))
    return found


def check(fmt: str, text: str, allowed: set[str], withheld_tokens: set[str]) -> None:
    for reading in readings(fmt, text):
        leaked = sorted(t for t in withheld_tokens if t in reading)
        assert not leaked, (fmt, leaked)
    missing = sorted(t for t in allowed if t not in plain_text(fmt, text))
    assert not missing, (fmt, missing)


def report_cells(case: Case, table: list[list[str]]) -> None:
    kept = shared_questions(case)
    for session, row in enumerate(table):
        for column, qid in ((1, "self_trust"), (2, "partner_trust")):
            expected = (
                str(case.answers[session][qid])
                if qid in kept and qid in case.answers[session]
                else "–"
            )
            assert row[column] == expected, (session, qid, row)
        made = len(case.tokens(session, list_id(case))) if list_id(case) in kept else 0
        assert row[3] == str(made), row
        if not reviews_shared_at_all(case):
            assert row[4] == "–", row
        elif session == 0 and list_id(case) in kept and reviews_shared(case):
            assert row[4] == str(case.outcomes.count("kept")), row
        else:  # commitments that no shared review looked back at are said to be so, never 0
            assert row[4] == ("not reviewed yet" if made else "0"), row


def reviews_shared_at_all(case: Case) -> bool:
    return ("reviews" in case.only if case.only else True) and "reviews" not in case.exclude


def table_of(page: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S):
        cells = [strip_tags(c).strip() for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
        if cells:
            rows.append(cells)
    return rows


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_no_withheld_token_reaches_any_export(case: Case) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        with environment(TRUSTCOACH_HOME=str(folder / "home"), TRUSTCOACH_NOW=NOW):
            make_sessions(case, folder)
            tokens = all_tokens(case)
            allowed = allowed_tokens(case, (1,))
            withheld_tokens = tokens - allowed
            if case.choices is None:
                for fmt in ("md", "json", "html"):
                    text = ok(run_cli("export", "latest", "--format", fmt, *names(case)))
                    check(fmt, text, allowed, withheld_tokens)
                report_allowed = allowed_tokens(case, (0, 1))
                for fmt in ("md", "html"):
                    args = ("--since", S1_WHEN[:10], "--format", fmt, *names(case))
                    text = ok(run_cli("export", *args))
                    check(fmt, text, report_allowed, tokens - report_allowed)
                    if fmt == "html":
                        report_cells(case, table_of(text))
            else:
                step, commitment_list = next(
                    (s, q) for s, q in case.questions() if q.kind == "list"
                )
                offered = not withheld(case, step, commitment_list)
                for fmt in ("md", "json", "html"):
                    target = folder / f"shared.{fmt}"
                    args = ("--share", "--format", fmt, "--output", str(target), *names(case))
                    ok(run_cli("export", "latest", *args, input=share_input(case, offered)))
                    check(fmt, target.read_text("utf-8"), allowed, withheld_tokens)
            preview = preview_text(case, folder)
            for token in withheld_tokens:
                assert token not in preview
            assert all(token in preview for token in allowed)


def preview_text(case: Case, folder: Path) -> str:
    """The text renderer (``show``'s, and the preview of --share) on the same selection."""
    from trustcoach.export import assemble
    from trustcoach.export.render_text import render
    from trustcoach.export.selection import Selection
    from trustcoach.journal.store import JournalStore

    store = JournalStore(folder / "home")
    source = assemble.load_session(store, "latest")
    chooser = None if case.choices is None else Chooser(case.choices)
    selection = Selection(tuple(case.only), tuple(case.exclude))
    return render(assemble.session_document(store, source, selection, chooser))


class Chooser:
    """The client's answers in --share, given in-process."""

    def __init__(self, choices: dict[str, bool]) -> None:
        self.choices = choices

    def choose_shared(self, items: list[Any]) -> set[str]:
        from trustcoach.export.assemble import REVIEWS_ITEM

        key = {REVIEWS_ITEM: "reviews"}
        return {item.id for item in items if self.choices[key.get(item.id, item.id)]}
