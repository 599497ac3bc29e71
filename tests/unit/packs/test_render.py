"""How answers read inside other texts (``packs/render.py``): items in a sentence are joined
without a comma after a full stop."""

from __future__ import annotations

from trustcoach.packs.render import joined


def test_items_in_a_sentence_are_not_joined_with_a_comma_after_a_full_stop() -> None:
    assert joined(["Walk after dinner.", "Cook on Sunday"], "en") == (
        "Walk after dinner. Cook on Sunday"
    )
    assert joined(["Messages", "Gifts"], "en") == "Messages, Gifts"
    assert joined(["散歩する。", "料理する"], "ja") == "散歩する。料理する"
    assert joined(["散歩する", "料理する"], "ja") == "散歩する、料理する"
