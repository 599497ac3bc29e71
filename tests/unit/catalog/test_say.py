"""Saying things (``catalog/say.py``): plural forms by the count, a message inside a message,
lists joined as each language joins them, quotes nested as Japanese nests them, and a lookup
that imports only its own language."""

from __future__ import annotations

import subprocess
import sys

import pytest

from trustcoach.catalog.say import Message, say, typed_words


@pytest.mark.parametrize(
    ("count", "english"),
    [
        (0, "0 answers were left out of this export."),
        (1, "1 answer was left out of this export."),
        (3, "3 answers were left out of this export."),
    ],
)
def test_plural_form_follows_the_count(count: int, english: str) -> None:
    assert say("en", "doc_left_out", count=count) == english
    japanese = f"{count}件の回答はこのエクスポートに含まれていません。"
    assert say("ja", "doc_left_out", count=count) == japanese


def test_a_message_inside_a_message_is_said_in_the_same_language_with_its_own_count() -> None:
    later = Message("review_scope_later", {"count": 1})
    assert say("en", "review_scope", count=2, later=later).startswith(
        "2 commitments are due for review, and 1 more is not due yet."
    )
    assert say("ja", "review_scope", count=2, later=later).startswith(
        "振り返りの時期が来た約束が2件、まだ期日前の約束が1件あります。"
    )


def test_a_list_is_joined_the_way_the_language_joins_lists() -> None:
    values = {"name": "x", "id": "i", "pack": "trust-repair", "known": ["self", "reviews"]}
    assert "the steps are self, reviews," in say("en", "select_unknown", **values)
    assert "ステップは self、reviews です" in say("ja", "select_unknown", **values)


def test_an_unknown_language_is_said_in_english() -> None:
    assert say("fr", "need_text") == say("en", "need_text")


def test_the_same_yes_and_no_words_in_every_language() -> None:
    yes, no = typed_words("typed_yes"), typed_words("typed_no")
    assert {"y", "yes", "ok", "はい", "うん"} <= yes
    assert {"n", "no", "いいえ"} <= no
    assert not yes & no


def test_a_lookup_imports_only_its_own_language() -> None:
    program = (
        "import sys; from trustcoach.catalog.say import say; say('en', 'yes'); "
        "print(sorted(m for m in sys.modules if m.startswith('trustcoach.catalog')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    loaded = ["trustcoach.catalog", "trustcoach.catalog.en", "trustcoach.catalog.say"]
    assert out.strip() == str(loaded)


def test_a_quote_inside_japanese_quotes_is_shown_in_double_brackets() -> None:
    """Japanese nests 『』 inside 「」; a value put between 「」 by an entry is shown that way."""
    text = "「ごめん」と言う前に皿を洗う"
    assert say("ja", "quoted", text=text) == "「『ごめん』と言う前に皿を洗う」"
    assert say("ja", "review_again", text=text).startswith("「『ごめん』と言う前に")
    assert say("en", "quoted", text=text) == f"“{text}”"  # English quotes are left alone
    assert say("ja", "doc_review", text=text, outcome="守れた") == f"{text}：守れた"  # not quoted
