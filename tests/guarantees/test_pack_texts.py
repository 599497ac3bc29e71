"""Guarantees about a pack's own texts (issue #15, items 2, 6 and 7).

A pack is a file someone else wrote. Each of its texts is shown as written: rich markup in a
title is text, not a link, a blink or a crash; control characters and direction overrides are
shown as escapes at the terminal and escaped in ``pack show --json`` as in the exports.
``pack validate`` draws every text the way a session does, so a pack that validates never
fails on the screen, and every text has a length limit, so that it shows at once.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.support.answers import EN_LINES_BEFORE_COMMITMENTS, feed
from tests.support.packs import PACKS
from tests.support.runner import one_sentence_error, run_cli
from tests.support.sessions import complete_session

pytestmark = pytest.mark.usefixtures("fixed_clock")

# Markup that rich would act on, a bracket it would drop, an emoji code, a C1 control (CSI) and
# a right-to-left override; and how the terminal must show it.
HOSTILE = (
    "[draft] [link=http://evil.example]CLICK[/link] [blink]b[/blink] [/bold] :smile: "
    "\u202eevil\u202c \x9b31m"
)
SHOWN = (
    "[draft] [link=http://evil.example]CLICK[/link] [blink]b[/blink] [/bold] :smile: "
    "\\u202eevil\\u202c \\x9b31m"
)
# Where a session shows each text of the pack, keyed by where it is in the pack.
TEXT_FIELDS = [
    ("title",),
    ("intro",),
    ("safety",),
    ("closing",),
    ("steps", 0, "title"),
    ("steps", 0, "intro"),
    ("steps", 1, "title"),
    ("steps", 0, "questions", 0, "prompt"),
    ("steps", 0, "questions", 1, "help"),
    ("steps", 2, "questions", 1, "choices", 0, "label"),
    ("checks", 0, "message"),
]
# The keyboard of a whole session, with one commitment the first check catches (kept as it is).
KEYBOARD = feed(
    [*EN_LINES_BEFORE_COMMITMENTS, "I will tell her I'm sorry every day", "", "", "", "", "8"]
)


def hostile_pack(
    folder: Path, fields: list[tuple[Any, ...]] = TEXT_FIELDS, hostile: str = HOSTILE
) -> Path:
    """The default English pack with the hostile text in the given places, plus resources and
    a counselor with it; its path."""
    data = copy.deepcopy(PACKS["en"])
    for place in fields:
        target = data
        for key in place[:-1]:
            target = target[key]
        target[place[-1]] = f"{hostile} {'.'.join(map(str, place))}"
    data["resources"] = [f"{hostile} resources"]
    data["counselor"] = {
        "name": f"{hostile} name",
        "contact": f"{hostile} contact",
        "message": f"{hostile} message",
    }
    path = folder / "hostile.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def test_pack_texts_are_shown_as_written_in_a_whole_session(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #15, item 2: rich read a panel's title as markup even with markup off, so a pack
    title could send a live link or a blink, '[draft]' vanished and '[/bold]' crashed the
    session (exit 70, MarkupError) although 'pack validate' had passed. Now every text of a
    pack, titles included, is shown as written, control characters as escapes."""
    monkeypatch.setenv("COLUMNS", "400")  # no text is wrapped or shortened
    pack = hostile_pack(tmp_path)
    validated = run_cli("pack", "validate", str(pack))
    assert validated.exit_code == 0, validated.stdout + validated.stderr
    result = run_cli("start", "--lang", "en", "--pack", str(pack), input=KEYBOARD)
    assert result.exit_code == 0, result.stdout + result.stderr
    screen = result.stdout
    for place in [*TEXT_FIELDS, ("resources",), ("name",), ("contact",), ("message",)]:
        assert f"{SHOWN} {'.'.join(map(str, place))}" in screen, place
    assert "\x9b" not in screen and "\u202e" not in screen and "😄" not in screen


@pytest.mark.slow
def test_a_hostile_pack_title_sends_no_link_or_blink_to_a_colour_terminal(
    isolated_home: Path, tmp_path: Path, terminals: Any
) -> None:
    """Issue #15, item 2: in a terminal with colours, a pack's title sent a real hyperlink
    (OSC 8) and a blink; now it sends neither, and the title shows as written."""
    link = "[link=http://evil.example]CLICK[/link] [blink]b[/blink]"  # markup that parses
    pack = hostile_pack(tmp_path, [("title",), ("steps", 0, "title")], hostile=link)
    terminal = terminals(isolated_home, "start", "--lang", "en", "--pack", str(pack), colour=True)
    terminal.begin()
    terminal.child.expect_exact("> ")  # the first question
    terminal.child.sendintr()
    assert terminal.end()[0] == 130
    screen = terminal.output
    assert "\x1b]8;" not in screen  # no hyperlink
    assert "\x1b[5m" not in screen and ";5m" not in screen  # no blink
    assert f"{link} title" in screen.replace("\r\n", "")


def test_pack_validate_draws_every_text_as_a_session_would(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #15, item 2: 'pack validate' checked a pack's fields but never drew them, so a
    title that broke the screen passed. Now it draws every text with the session's own screens
    (into memory) and a text that cannot be drawn is a problem at its place."""
    from trustcoach.cli.dialogues.session import TerminalUI

    drawn_steps: list[str] = []
    real_step = TerminalUI.step

    def fragile_step(self: TerminalUI, step: Any, *args: Any) -> None:
        drawn_steps.append(step.id)
        if step.id == "myth-words":
            raise ValueError("closing tag '[/bold]' has nothing to close")
        real_step(self, step, *args)

    monkeypatch.setattr(TerminalUI, "step", fragile_step)
    pack = tmp_path / "pack.toml"
    pack.write_text(tomli_w.dumps(PACKS["en"]), "utf-8")
    result = run_cli("pack", "validate", str(pack))
    assert result.exit_code == 1, result.stdout
    assert str(pack) in result.stderr and "the pack has 1 problem" in result.stderr
    shown = "step 'myth-words': cannot be shown at the terminal (ValueError: closing tag"
    assert shown in result.stderr
    assert drawn_steps == [step["id"] for step in PACKS["en"]["steps"]]


def test_pack_show_json_escapes_controls_like_the_exports(
    isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 6: 'pack show --json' printed U+009B, U+0085 and U+202E as they are,
    while the exports escape them; now both go through one helper, and the text reads back the
    same from the JSON. The readable 'pack show' shows them as escapes."""
    text = "a\x9bb\x85c\u202ed\u2028e\u2066f\x7fg"
    data = copy.deepcopy(PACKS["en"])
    data["title"] = text
    data["steps"][0]["questions"][0]["prompt"] = text
    pack = tmp_path / "controls.toml"
    pack.write_text(tomli_w.dumps(data), "utf-8")
    result = run_cli("pack", "show", str(pack), "--lang", "en", "--json")
    assert result.exit_code == 0, result.stderr
    raw = result.stdout
    for char in "\x9b\x85\u202e\u2028\u2066\x7f":
        assert char not in raw, repr(char)
        assert f"\\u{ord(char):04x}" in raw
    shown = json.loads(raw)
    assert shown["title"] == text
    assert shown["steps"][0]["questions"][0]["prompt"] == text
    readable = run_cli("pack", "show", str(pack), "--lang", "en").stdout
    assert "a\\x9bb\\x85c\\u202ed\\u2028e\\u2066f\\x7fg" in readable
    assert not any(char in readable for char in "\x9b\x85\u202e\u2028\u2066\x7f")


def test_list_json_escapes_controls_from_a_journal(isolated_home: Path, tmp_path: Path) -> None:
    """Issue #15, item 6: every JSON trustcoach prints goes through the same helper; the place
    of an unknown key in a hand-edited journal reaches 'list --json' escaped."""
    journal = complete_session(isolated_home, tmp_path)
    journal.write_text('"a\x9bb\u202ec" = 1\n' + journal.read_text("utf-8"), "utf-8")
    result = run_cli("list", "--json")
    assert result.exit_code == 0, result.stderr
    assert "\x9b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout


@pytest.mark.parametrize(
    ("place", "length", "limit", "named"),
    [
        (("intro",), 20_001, 20_000, "intro"),
        (("safety",), 20_001, 20_000, "safety"),
        (("closing",), 20_001, 20_000, "closing"),
        (("steps", 0, "questions", 0, "prompt"), 20_001, 20_000, "question 'partner', prompt"),
        (("title",), 501, 500, "title"),
        (("steps", 1, "title"), 501, 500, "step 'myth-never', title"),
    ],
    ids=lambda value: ".".join(map(str, value)) if isinstance(value, tuple) else str(value),
)
def test_pack_texts_have_a_length_limit(
    place: tuple[Any, ...],
    length: int,
    limit: int,
    named: str,
    isolated_home: Path,
    tmp_path: Path,
) -> None:
    """Issue #15, item 7: a 10 MB intro took a minute to show. Texts of a pack now have limits
    (20,000 characters, 500 for titles and other one-line names) and a longer one is a
    problem at its place; one character less passes."""
    data = copy.deepcopy(PACKS["en"])
    target = data
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = "x" * length
    pack = tmp_path / "long.toml"
    pack.write_text(tomli_w.dumps(data), "utf-8")
    result = run_cli("pack", "validate", str(pack))
    assert result.exit_code == 1, result.stdout
    assert f"{named}: this text has {length} characters; the limit is {limit}" in result.stderr
    assert one_sentence_error(result.stderr.splitlines()[0])
    target[place[-1]] = "x" * limit
    pack.write_text(tomli_w.dumps(data), "utf-8")
    assert run_cli("pack", "validate", str(pack)).exit_code == 0
