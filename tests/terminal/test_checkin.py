"""``trustcoach checkin`` in a real pseudo-terminal: typed answers, Japanese input, and Ctrl-C
halfway, which keeps what was marked and exits 130."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli

from tests.support.answers import EN_ANSWERS, JA_ANSWERS, write_answers
from tests.support.clocks import PTY_NOW
from tests.support.runner import ok, run_cli
from tests.support.terminal import Terminal

pytestmark = pytest.mark.slow

DAY = PTY_NOW[:10]


def session(home: Path, folder: Path, answers: dict[str, Any], lang: str) -> None:
    """A session started at the terminal's clock, so its commitments run through today."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_NOW", PTY_NOW)
        path = write_answers(folder, answers)
        ok(run_cli("start", "--lang", lang, "--answers", str(path)))


def marks(home: Path) -> list[tuple[str, bool]]:
    data = tomli.loads((home / "checkins" / f"{DAY}.toml").read_text("utf-8"))
    return [(m["commitment"], m["done"]) for m in data["marks"]]


def test_ctrl_c_halfway_keeps_the_first_mark(
    isolated_home: Path, tmp_path: Path, terminals: Callable[..., Terminal]
) -> None:
    session(isolated_home, tmp_path, EN_ANSWERS, "en")
    terminal = terminals(isolated_home, "checkin")
    terminal.answer("1/3  “Drink water daily”", "y")
    terminal.wait_prompt("2/3  “Call at 7pm”")
    terminal.child.sendcontrol("c")
    assert terminal.finish() == 130
    assert "What you marked so far is saved; the rest was skipped." in terminal.output
    assert "Traceback" not in terminal.output
    assert marks(isolated_home) == [("c1", True)]


def test_japanese_typed_at_a_terminal(
    isolated_home: Path, tmp_path: Path, terminals: Callable[..., Terminal]
) -> None:
    session(isolated_home, tmp_path, JA_ANSWERS, "ja")
    terminal = terminals(isolated_home, "checkin", env={"TRUSTCOACH_LANG": "ja"})
    terminal.answer("1/2  「毎朝水を飲む」", "うん")
    terminal.answer("2/2  「毎晩十時に帰る」", "いいえ")  # 週末に料理する: not on a Tuesday
    assert terminal.finish() == 0
    assert f"{DAY}の分を保存しました。" in terminal.output
    assert "週末に料理する" not in terminal.output
    assert "次のチェックイン：2026-03-11（水）" in terminal.output
    assert marks(isolated_home) == [("c1", True), ("c2", False)]
