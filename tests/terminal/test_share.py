"""``export --share`` in a real pseudo-terminal: the client goes through every answer, sees what
is suggested, decides, sees a preview, and only then is anything written.

The session comes from a counselor's pack with one question marked ``share = false`` (its
suggestion is [y/N]) and reviews an earlier session's commitments (the first item offered).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import QUESTION_IDS, TEXT_QUESTIONS, tagged_answers, token
from tests.support.documents import strip_tags
from tests.support.packs import (
    COUNSELOR_PACK,
    SLEEP_PROMPT,
    add_to_self_step,
    pack_file,
    question_block,
)
from tests.support.runner import ok, run_cli
from tests.support.sessions import start_unattended
from tests.support.terminal import Terminal

pytestmark = pytest.mark.slow

HINT_RE = re.compile(r"Include it\? \[(Y/n|y/N)/a\]")

# every item offered, in order: the reviews, then each answer in the pack's order
ITEMS = ["reviews", *QUESTION_IDS[:5], "sleep", *QUESTION_IDS[5:]]
LEFT_OUT = ("self_view", "costly_actions")


def answers_for(tag: str) -> dict[str, Any]:
    return tagged_answers(tag, sleep=2)  # "sleep": the rating the counselor's pack adds


def shown_text(item: str) -> str:
    """A piece of what the client sees for an item, to know which item is being asked."""
    if item == "reviews":
        return "S1commitone"
    if item in TEXT_QUESTIONS:
        return token("S2", item)
    if item == "commitments":
        return "S2commitone"
    if item == "sleep":
        return "How well did you sleep"
    return ""


def add_sleep_question(path: Path) -> None:
    """The rating the counselor adds to the first step, not shared by default."""
    path.write_text(add_to_self_step(path.read_text("utf-8"), question_block("en")), "utf-8")


def start(
    folder: Path,
    mp: pytest.MonkeyPatch,
    when: str,
    answers: dict[str, Any],
    reviews: dict[str, Any] | None = None,
) -> str:
    """A session with the counselor's pack through an answers file; its id."""
    args = ("--pack", COUNSELOR_PACK, "--lang", "en")
    return start_unattended(folder, mp, when, answers, *args, reviews=reviews)


@pytest.fixture
def home(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two sessions with the counselor's pack; the second reviews the first's commitments."""
    ok(run_cli("pack", "init", COUNSELOR_PACK, "--lang", "en"))
    add_sleep_question(pack_file(isolated_home, "en"))
    first = start(tmp_path, monkeypatch, "2026-03-01T10:00:00+09:00", answers_for("S1"))
    reviews = {f"{first}/c2": "kept", f"{first}/c3": {"outcome": "partly", "note": "S1noteq"}}
    start(tmp_path, monkeypatch, "2026-03-09T10:00:00+09:00", answers_for("S2"), reviews=reviews)
    return isolated_home


class ShareTerminal(Terminal):
    """``export latest --format html --share`` in a pseudo-terminal."""

    def offered(self, item: str) -> str:
        """Wait for the next item's question; check it is ``item``; its suggestion."""
        self.child.expect(HINT_RE)
        hint = self.child.match.group(1)
        assert shown_text(item) in self.child.before, (item, self.child.before)
        self.child.expect_exact("> ")
        return hint


@pytest.fixture
def sharing(terminals: Any) -> Any:
    """Start ``export latest --format html --share --output FILE`` at a terminal."""

    def spawn(home: Path, output: Path) -> ShareTerminal:
        args = ["export", "latest", "--format", "html", "--share", "--output", str(output)]
        return terminals(
            home,
            *args,
            kind=ShareTerminal,
            cwd=output.parent,
            env={"TRUSTCOACH_NOW": "2026-03-10T10:00:00+09:00"},
        )

    return spawn


def preview_of(output: str) -> str:
    start = output.index("This is what the export will contain:")
    return output[start : output.index("Write it to", start)]


def test_share_walks_every_answer_then_writes_what_was_chosen(
    home: Path, tmp_path: Path, sharing: Any
) -> None:
    target = tmp_path / "for-counselor.html"
    terminal = sharing(home, target)
    terminal.child.expect_exact("You choose what goes into this export.")
    for item in ITEMS:
        hint = terminal.offered(item)
        assert hint == ("y/N" if item == "sleep" else "Y/n"), item
        if item == "sleep":  # a suggestion of No says why
            asked = terminal.output.rsplit(SLEEP_PROMPT["en"], 1)[1]
            assert "Suggested: no, because the pack marks it private." in asked
        if item == "self_trust":  # neither yes nor no: asked again
            terminal.child.sendline("maybe")
            terminal.child.expect_exact("Please type y or n, or a to keep the suggestions")
            terminal.child.expect(HINT_RE)
            terminal.child.expect_exact("> ")
        if item in LEFT_OUT:
            terminal.child.sendline("n")
        elif item == "sleep":
            terminal.child.sendline("y")  # the client decides to share it after all
        else:
            terminal.child.sendline("")
    terminal.child.expect_exact("Write it to")
    terminal.child.expect_exact("(y/n)")
    terminal.child.expect_exact("> ")
    assert not target.exists(), "written before the client confirmed"
    preview = preview_of(terminal.output)
    for qid in LEFT_OUT:
        assert token("S2", qid) not in preview
    for qid in set(TEXT_QUESTIONS) - set(LEFT_OUT):
        assert token("S2", qid) in preview, qid
    assert SLEEP_PROMPT["en"] in preview
    assert "2 answers were left out of this export." in preview
    terminal.child.sendline("y")
    assert terminal.finish() == 0
    assert "Wrote" in terminal.output
    assert "Traceback" not in terminal.output

    page = target.read_text("utf-8")
    text = strip_tags(page)
    for qid in LEFT_OUT:
        assert token("S2", qid) not in text
    for qid in set(TEXT_QUESTIONS) - set(LEFT_OUT):
        assert token("S2", qid) in text, qid
    assert "S1commitone" in text  # the reviews were kept
    assert "S1noteq" in text
    assert SLEEP_PROMPT["en"] in text
    assert "2 answers were left out of this export." in text


def test_share_answered_no_at_the_confirmation_writes_nothing(
    home: Path, tmp_path: Path, sharing: Any
) -> None:
    target = tmp_path / "for-counselor.html"
    terminal = sharing(home, target)
    for item in ITEMS:
        terminal.offered(item)
        terminal.child.sendline("")  # every suggestion kept: sleep stays out (share = false)
    terminal.child.expect_exact("(y/n)")
    terminal.child.expect_exact("> ")
    preview = preview_of(terminal.output)
    assert SLEEP_PROMPT["en"] not in preview
    assert all(token("S2", qid) in preview for qid in TEXT_QUESTIONS)
    assert "1 answer was left out of this export." in preview
    terminal.child.sendline("n")
    assert terminal.finish() != 0
    assert "Nothing was written." in terminal.output
    assert "Traceback" not in terminal.output
    assert not target.exists()
    assert list(tmp_path.glob("*.html")) == []


def test_ctrl_c_during_the_walk_writes_nothing(home: Path, tmp_path: Path, sharing: Any) -> None:
    target = tmp_path / "for-counselor.html"
    terminal = sharing(home, target)
    for item in ITEMS[:4]:
        terminal.offered(item)
        terminal.child.sendline("n")
    terminal.offered(ITEMS[4])
    terminal.child.sendintr()
    assert terminal.finish() == 130
    assert "Nothing was written." in terminal.output
    assert "Traceback" not in terminal.output
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".html"] == []


def test_a_takes_the_suggestions_for_every_remaining_answer(
    home: Path, tmp_path: Path, sharing: Any
) -> None:
    """After two decisions, 'a' keeps the suggestion for this answer and every one after it
    (the private one stays out); the preview and the final yes are still asked."""
    target = tmp_path / "for-counselor.html"
    terminal = sharing(home, target)
    terminal.offered("reviews")
    terminal.child.sendline("")
    terminal.offered("partner")
    terminal.child.sendline("n")
    terminal.offered("self_view")
    terminal.child.sendline("a")
    remaining = len(ITEMS) - 2
    terminal.child.expect_exact(f"Kept the suggestions for the {remaining} remaining answers.")
    terminal.child.expect_exact("This is what the export will contain:")
    terminal.child.expect_exact("(y/n)")
    terminal.child.expect_exact("> ")
    assert terminal.output.count("Include it?") == 3  # nothing more was asked
    assert not target.exists()
    terminal.child.sendline("y")
    assert terminal.finish() == 0
    text = strip_tags(target.read_text("utf-8"))
    assert all(token("S2", qid) in text for qid in TEXT_QUESTIONS)
    assert SLEEP_PROMPT["en"] not in text  # suggested No, and kept so
    assert "Robin" not in text  # the partner's name: the client said no
    assert "2 answers were left out of this export." in text
