"""Guarantees that every refusal says the right thing, in one sentence (issue #15, items 4
and 5): a review from an answers file is checked like the same review at the keyboard, with a
message about what is actually wrong; a journal whose rating was hand-edited to a word is
unreadable when it is read, so ``resume`` says so instead of crashing in the summary; and
declining the final question of ``export --share`` says on stderr that nothing was written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import EN_ANSWERS, feed, write_answers
from tests.support.journals import journal_paths
from tests.support.runner import one_sentence_error, run_cli
from tests.support.sessions import complete_session, unfinished_session

pytestmark = pytest.mark.usefixtures("fixed_clock")

NOTE_LIMIT = 2_000  # the same as at the keyboard (session/records.py REVIEW_NOTE_LIMIT)


@pytest.fixture
def due_review(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A complete session whose commitments c1 to c3 are due a day later; the clock set to that
    day; the reference of c1 (the promise to oneself) in an answers file's [reviews]."""
    earlier = complete_session(isolated_home, tmp_path, EN_ANSWERS)
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-04T10:00:00+09:00")
    return f"{earlier.stem}/c1"


def start_with_review(tmp_path: Path, ref: str, review: Any) -> tuple[int, str]:
    """``start --answers`` reviewing c1 (c2 and c3 kept); the exit code and stderr."""
    reviews = {ref: review, ref.replace("/c1", "/c2"): "kept", ref.replace("/c1", "/c3"): "kept"}
    path = write_answers(tmp_path, EN_ANSWERS, reviews, name="with-review.toml")
    result = run_cli("start", "--lang", "en", "--answers", str(path))
    return result.exit_code, result.stderr


def test_a_review_note_that_is_not_text_is_named_as_such(
    due_review: str, isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 5: ``{ outcome = "kept", note = 5 }`` was refused as a bad outcome;
    the outcome is fine, and the message now says the note must be text."""
    before = journal_paths(isolated_home)
    code, stderr = start_with_review(tmp_path, due_review, {"outcome": "kept", "note": 5})
    assert code == 1, stderr
    assert f"reviews.{due_review}.note: the note must be text" in stderr
    assert "outcome must be" not in stderr
    assert journal_paths(isolated_home) == before


def test_a_review_note_from_a_file_has_the_keyboards_length_limit(
    due_review: str, isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 5: a review note of 300,000 characters was accepted from ``--answers``
    while the keyboard takes 2,000; now the file gets the same limit and the same words."""
    before = journal_paths(isolated_home)
    long_note = {"outcome": "partly", "note": "x" * 300_000}
    code, stderr = start_with_review(tmp_path, due_review, long_note)
    assert code == 1, stderr
    expected = f"This answer has 300000 characters; the limit is {NOTE_LIMIT}"
    assert f"reviews.{due_review}.note: {expected}" in stderr
    assert journal_paths(isolated_home) == before
    fits = {"outcome": "partly", "note": "y" * NOTE_LIMIT}
    assert start_with_review(tmp_path, due_review, fits)[0] == 0
    (new,) = set(journal_paths(isolated_home)) - set(before)
    assert "y" * NOTE_LIMIT in new.read_text("utf-8")


def test_resume_of_a_journal_whose_rating_is_a_word_says_so(isolated_home: Path) -> None:
    """Issue #15, item 4: a rating hand-edited to "abc" passed reading; ``resume`` then marked
    the journal complete and crashed in the summary (exit 70). Now the journal is unreadable
    when it is read, ``resume`` says why in one sentence, and the file is left as it is."""
    path = unfinished_session(isolated_home)  # partner, self_view, self_trust = 7
    text = path.read_text("utf-8")
    assert text.count("value = 7\n") == 1
    edited = text.replace("value = 7\n", 'value = "abc"\n').encode("utf-8")
    path.write_bytes(edited)
    rest = feed(["Bed by 11", "Water", "2", "4", "x", "1", "1", "", "a", "b", "3", "n", "c"])
    for args in (["resume", path.stem], ["resume"]):
        result = run_cli(*args, input=rest + feed(["Walk", "", "", "", "8"]))
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        sentence = one_sentence_error(result.stderr)
        assert "answers[2].value: a rating must be a whole number" in sentence, sentence
        assert path.read_bytes() == edited


def test_declining_the_final_share_question_says_nothing_was_written(
    isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 5: answering no to 'Write it to ...?' of ``export --share`` exited 1
    with nothing on stderr; now stderr says 'Nothing was written.' (the catalog's words)."""
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    target = tmp_path / "for-counselor.html"
    keep_every_suggestion = "\n" * len(EN_ANSWERS)
    args = ["export", "latest", "--format", "html", "--share", "--output", str(target)]
    result = run_cli(*args, input=keep_every_suggestion + "n\n")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr == "Nothing was written.\n"
    assert "Write it to" in result.stdout and "Nothing was written." not in result.stdout
    assert not target.exists()
