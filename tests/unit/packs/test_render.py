"""How answers read in a document and inside other texts: a list one item per line, items in a
sentence joined without a comma after a full stop, a rating with its scale."""

from __future__ import annotations

from datetime import UTC, datetime

from trustcoach.export.build import answer_text
from trustcoach.journal.model import Answer
from trustcoach.packs.render import joined

WHEN = datetime(2026, 3, 1, 10, tzinfo=UTC)


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
    assert answer_text(answer("list", items), None, "en") == "Walk after dinner.\nCook on Sunday."


def test_items_in_a_sentence_are_not_joined_with_a_comma_after_a_full_stop() -> None:
    assert joined(["Walk after dinner.", "Cook on Sunday"], "en") == (
        "Walk after dinner. Cook on Sunday"
    )
    assert joined(["Messages", "Gifts"], "en") == "Messages, Gifts"
    assert joined(["散歩する。", "料理する"], "ja") == "散歩する。料理する"
    assert joined(["散歩する", "料理する"], "ja") == "散歩する、料理する"


def test_a_rating_reads_with_its_scale_as_it_was_shown() -> None:
    assert answer_text(answer("rating", 3, "3 / 10"), None, "en") == "3 / 10"
