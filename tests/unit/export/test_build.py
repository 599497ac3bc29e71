"""The document of a session: what a reader sees of each commitment, and every field of the
journal copied, by name, into the part of the document that has it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.support.checkout import REPO
from trustcoach.export.build import answer_text, build, commitment_line, copied
from trustcoach.export.document import Item, SessionInfo, SharedCommitment, SharedReview
from trustcoach.export.selection import everything
from trustcoach.export.source import SessionSource
from trustcoach.journal.model import Answer, Commitment, Journal, Review, parse_journal

OLD_JOURNALS = sorted((REPO / "tests" / "data" / "journals-279af0b").glob("*.toml"))
MOMENT = datetime.fromisoformat("2026-11-26T10:00:00+09:00")
WHEN = datetime(2026, 3, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "plain", "checked"),
    [
        ("en", "Call at 7 (due 2026-12-03)", "kept as written after the check only-words"),
        ("ja", "Call at 7（期日 2026-12-03）", "この書き方のままにしました：only-words"),
    ],
)
def test_a_commitment_kept_through_a_check_says_so(lang: str, plain: str, checked: str) -> None:
    """The flags recorded when a user keeps a commitment through a misconception check are
    shown where a counselor reads it, and a commitment without flags reads plainly."""
    due = date(2026, 12, 3)
    bare = Commitment(id="c1", question="commitments", text="Call at 7", due=due)
    flagged = Commitment(
        id="c2", question="commitments", text="Call at 7", due=due, flags=["only-words"]
    )
    assert commitment_line(bare, lang) == plain
    line = commitment_line(flagged, lang)
    assert checked in line and "Call at 7" in line and "2026-12-03" in line


# What of the journal no document carries, by table, and why: anything else a journal's table
# holds reaches the document's part of the same name. A field added to the journal is named
# here or given a field of the same name in ``document.py``.
NOT_IN_DOCUMENTS = {
    # its version, where the pack file lies (never leaves the machine), when it was last
    # saved or left, and the tables, which become the document's own parts
    Journal: {"schema_version", "pack_source", "updated_at", "left_at"}
    | {"answers", "commitments", "reviews"},
    Answer: {"labels"},  # in the item's codes, each with its value
    Commitment: set(),
    Review: set(),
}
PARTS = {Journal: SessionInfo, Answer: Item, Commitment: SharedCommitment, Review: SharedReview}


def test_every_field_of_a_journal_reaches_its_part_of_the_document_or_is_named() -> None:
    for table, part in PARTS.items():
        carried = set(table.__struct_fields__) - NOT_IN_DOCUMENTS[table]
        assert carried <= set(part.__struct_fields__), (table.__name__, part.__name__)


@pytest.mark.parametrize("path", OLD_JOURNALS, ids=lambda path: path.stem)
def test_the_document_holds_each_field_as_the_journal_holds_it(path: Path) -> None:
    """Fields of the same name are copied (lists as tuples); the few made for the reader
    (the prompt as shared, the answer in words, a line) are not the journal's."""
    journal = parse_journal(path.read_bytes())
    document = build(SessionSource(journal), everything(journal))
    items = [item for section in document.sections for item in section.items]
    made = {"prompt", "words", "codes", "line", "client", "counselor"}
    pairs = [
        (journal, document.info),
        *zip(journal.answers, items, strict=True),
        *zip(journal.commitments, document.commitments, strict=True),
        *zip(journal.reviews, document.reviews, strict=True),
    ]
    for record, part in pairs:
        same = (set(record.__struct_fields__) & set(part.__struct_fields__)) - made
        assert same, type(part)
        for name in same:
            value = getattr(record, name)
            assert getattr(part, name) == (tuple(value) if isinstance(value, list) else value)


def test_a_part_of_the_document_that_nothing_fills_is_an_error() -> None:
    answer = Answer(
        step="self", question="q", kind="text", prompt="?", value="x", answered_at=MOMENT
    )
    with pytest.raises(TypeError, match=r"nothing fills Item\.codes, words"):
        copied(answer, Item, prompt="?")
    assert copied(answer, Item, words="x", codes=()).share is True


def answer(kind: str, value: object, shown: str = "") -> Answer:
    return Answer(
        step="commitments",
        question="commitments",
        kind=kind,
        prompt="Write one to three actions.",
        value=value,  # type: ignore[arg-type]
        answered_at=WHEN,
        shown=shown,
    )


def test_a_list_answer_is_one_item_per_line() -> None:
    items = ["Walk after dinner.", "Cook on Sunday."]
    assert answer_text(answer("list", items), "en") == "Walk after dinner.\nCook on Sunday."


def test_a_rating_reads_with_its_scale_as_it_was_shown() -> None:
    assert answer_text(answer("rating", 3, "3 / 10"), "en") == "3 / 10"
