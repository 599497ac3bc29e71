"""Every screen in a real pseudo-terminal, 60 columns wide: it fits, it breaks by the rules of
its language, and under a Japanese locale it is in Japanese. And the start of a session waits
for Enter, so that nothing scrolls off a 24-line screen before it is read.

What the program printed is read from the terminal's transcript: a line longer than the
terminal would be folded by the terminal, so it shows in the transcript as one long line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import (
    BEGIN_PROMPTS,
    JA_ANSWERS,
    MORE_PROMPTS,
    journal_paths,
    start_unattended,
)
from trustcoach.text import columns
from trustcoach.wrap import NO_END, NO_START

pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
JAPANESE = re.compile(r"[ぁ-んァ-ン一-龥]")
LONG_COMMITMENT = (
    "平日の夕食後、家で、二十二時までスマートフォンを別の部屋に置いておき、"
    "夫と一緒にその日のことを話す時間をつくる"
)
ANSWERS = {
    **JA_ANSWERS,
    "self_view": "約束を守れない人間だと感じています。朝は「今日こそは」と思うのに、"
    "夜になると疲れて何もできず、そのたびに自分にがっかりしてしまいます。",
    "commitments": [LONG_COMMITMENT, "土曜日の朝、家計簿を開いて、その週に使ったお金を書き出す"],
}
# Click's own few words stay English; everything else is the program's.
CLICK_WORDS = re.compile(
    r"Usage:|Options:|Arguments:|Commands:|\[default:[^\]]*\]|\[required\]|<[a-z\[\]]+>"
)
ENGLISH_WORDS = re.compile(r"\b(?:the|is|are|not|and|or|with|for|this|there|no|your)\b", re.I)

HELP_COMMANDS = [
    [],
    ["start"],
    ["resume"],
    ["safety"],
    ["list"],
    ["show"],
    ["export"],
    ["progress"],
    ["doctor"],
    ["pack"],
    ["pack", "list"],
    ["pack", "show"],
    ["pack", "init"],
    ["pack", "validate"],
]
SCREENS = [[], ["list"], ["show", "latest"], ["progress"], ["doctor"], ["safety"]]
SCREENS += [["pack", "list"], ["pack", "show", "trust-repair"]]
ERRORS = [
    ["show", "nosuch"],
    ["show", "20991231-235959-abcd"],
    ["resume"],
    ["export"],
    ["export", "latest", "--format", "pdf"],
    ["export", "--since", "yesterday", "--format", "md"],
    ["pack", "validate", "/no/such/pack.toml"],
    ["pack", "show", "nosuch"],
    ["pack", "init", "BAD"],
    ["start", "--pack", "nosuch"],
    ["list", "--jsn"],
    ["lst"],
    ["show"],
    ["start", "--lang", "fr"],
]


@pytest.fixture
def home_with_sessions(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Two Japanese sessions with long answers, the later one a week after the first."""
    with pytest.MonkeyPatch.context() as mp:
        start_unattended(tmp_path, mp, "2026-03-01T21:00:00+09:00", ANSWERS, "--lang", "ja")
        start_unattended(tmp_path, mp, "2026-03-02T21:00:00+09:00", ANSWERS, "--lang", "ja")
    monkeypatch.delenv("COLUMNS", raising=False)
    return isolated_home


def screen(terminals: Any, home: Path, lang: str, args: list[str], width: int) -> list[str]:
    """What ``trustcoach ARGS`` printed in a terminal ``width`` columns wide, line by line."""
    env = {"LANG": "ja_JP.UTF-8" if lang == "ja" else "en_US.UTF-8"}
    terminal = terminals(home, *args, env=env, size=(200, width))
    terminal.end()
    text = ANSI.sub("", terminal.output).replace("\r\n", "\n")
    return [line for line in text.split("\n") if line.strip()]


def assert_laid_out(lines: list[str], width: int, what: list[str]) -> None:
    for number, line in enumerate(lines):
        assert columns(line) <= width, (what, line)
        if number and line.lstrip()[:1] in NO_START:
            raise AssertionError((what, "starts with a closing mark", line))
        assert line.rstrip()[-1:] not in NO_END, (what, "ends with an opening mark", line)


@pytest.mark.parametrize("args", HELP_COMMANDS, ids=" ".join)
def test_help_fits_sixty_columns_in_japanese(
    terminals: Any, home_with_sessions: Path, args: list[str]
) -> None:
    lines = screen(terminals, home_with_sessions, "ja", [*args, "--help"], 60)
    assert_laid_out(lines, 60, args)
    own = [CLICK_WORDS.sub("", line) for line in lines]
    assert any(JAPANESE.search(line) for line in own)
    assert not [line for line in own if ENGLISH_WORDS.search(line)], own


def test_help_fits_in_english(terminals: Any, home_with_sessions: Path) -> None:
    """(click lays help out at most 80 columns wide, so 60 is the width to try)"""
    width = 60
    for args in HELP_COMMANDS:
        lines = screen(terminals, home_with_sessions, "en", [*args, "--help"], width)
        assert_laid_out(lines, width, args)
        assert not any(JAPANESE.search(line) for line in lines)


@pytest.mark.parametrize("args", SCREENS + ERRORS, ids=" ".join)
def test_every_screen_and_error_fits_sixty_columns_in_japanese(
    terminals: Any, home_with_sessions: Path, args: list[str]
) -> None:
    lines = screen(terminals, home_with_sessions, "ja", args, 60)
    assert_laid_out(lines, 60, args)
    assert any(JAPANESE.search(line) for line in lines), lines
    prose = [re.sub(r"'[^']*'|\S*[/.]\S*|--?\w[\w-]*", "", line) for line in lines]
    assert not [line for line in prose if ENGLISH_WORDS.search(line)], lines


def test_long_japanese_answers_are_wrapped_not_cropped(
    terminals: Any, home_with_sessions: Path
) -> None:
    lines = screen(terminals, home_with_sessions, "ja", [], 60)
    joined = "".join(line.strip() for line in lines)
    assert re.search(f"{LONG_COMMITMENT}（期日 2026-03-0[89]", joined)  # whole, with its date
    bullet = next(n for n, line in enumerate(lines) if line.startswith("  - 平日の夕食後"))
    assert lines[bullet + 1].startswith("    ") and lines[bullet + 1][4] != " "


@pytest.mark.parametrize(
    ("args", "width"),
    [(args, 60) for args in SCREENS + ERRORS] + [(args, 100) for args in SCREENS],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_every_screen_and_error_fits_in_english(
    terminals: Any, home_with_sessions: Path, args: list[str], width: int
) -> None:
    lines = screen(terminals, home_with_sessions, "en", args, width)
    assert_laid_out(lines, width, args)


# ---------------------------------------------------------------------------------------------
# Pacing: the introduction waits for Enter
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), [("ja", (24, 60)), ("en", (24, 80)), ("ja", (30, 80))])
def test_the_introduction_waits_for_enter_page_by_page(
    terminals: Any, isolated_home: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
    size: tuple[int, int],
) -> None:
    """Nothing scrolls away unread: each page of the introduction, with the command line above
    it, fits the screen before the program waits; the first question comes after the last."""
    monkeypatch.delenv("COLUMNS", raising=False)
    terminal = terminals(isolated_home, "start", "--lang", lang, size=size)
    pages = terminal.begin()
    terminal.child.expect_exact("> ")
    text = ANSI.sub("", terminal.output).replace("\r\n", "\n")
    pauses = "|".join(re.escape(prompt) for prompt in [*BEGIN_PROMPTS, *MORE_PROMPTS])
    prompts = re.split(pauses, text)
    assert len(prompts) == pages + 1
    for page in prompts[:-1]:
        assert page.count("\n") + 2 <= size[0], page  # + the command line and the prompt line
    inside = [re.sub(r"^[│╭╰]\s?|\s?[│╮╯]$", "", line) for line in text.split("\n")]
    assert_laid_out([line for line in inside if line.strip()], size[1], ["start"])
    safety = "danger" if lang == "en" else "危険"
    assert safety in "".join(prompts[:-1])  # the safety text is shown before the first step
    first_step = "Step 1 of 5" if lang == "en" else "ステップ1／5"
    assert first_step in prompts[-1] and first_step not in "".join(prompts[:-1])


@pytest.mark.parametrize("key", ["C-c", "C-d"])
def test_leaving_at_the_introduction_saves_nothing(
    terminals: Any, isolated_home: Path, key: str
) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.child.expect_exact(["Press Enter to read on.", "Press Enter to begin."])
    if key == "C-c":
        terminal.child.sendintr()
    else:
        terminal.child.sendeof()
    assert terminal.finish() == 130
    assert "Nothing was saved yet" in terminal.output
    assert journal_paths(isolated_home) == []


def test_a_piped_session_never_waits(isolated_home: Path) -> None:
    """Through a pipe nothing waits for Enter: the first line answers the first question."""
    from tests.helpers import run_process

    result = run_process("start", "--lang", "en", input="Sam\n")
    assert result.returncode == 130
    out = result.stdout.decode()
    assert "Press Enter" not in out
    assert '"partner"' not in out
    assert "Sam" in out  # shown back as the answer to the first question
