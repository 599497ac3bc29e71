"""``trustcoach forget`` at a real terminal: it says what goes (how many sessions, when, the
reviews in later sessions that stay without the commitments' words) and deletes only after a
yes; Enter alone, a no and Ctrl-C keep everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.answers import counselor_answers
from tests.support.journals import journal_path
from tests.support.runner import ok, run_cli
from tests.support.sessions import SessionsHome, start_unattended
from tests.support.terminal import Terminal

pytestmark = pytest.mark.slow


@pytest.fixture
def sessions(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionsHome:
    """S1, and S2 a week later reviewing S1's two commitments."""
    s1 = start_unattended(
        tmp_path, monkeypatch, "2026-03-01T21:30:00+09:00", counselor_answers("S1")
    )
    reviews = {f"{s1}/c2": "kept", f"{s1}/c3": {"outcome": "partly", "note": "two days"}}
    answers = counselor_answers("S2")
    s2 = start_unattended(
        tmp_path, monkeypatch, "2026-03-09T21:30:00+09:00", answers, reviews=reviews
    )
    ok(run_cli("list"))
    return SessionsHome(isolated_home, [s1, s2])


def forgetting(home: Path, *args: str, lang: str = "C.UTF-8") -> Terminal:
    # LC_CTYPE: the characters a person types (this machine has no ja_JP locale installed)
    return Terminal(home, "forget", *args, env={"LANG": lang, "LC_CTYPE": "C.UTF-8"})


@pytest.mark.parametrize("reply", ["", "n", "C-c"])
def test_nothing_goes_without_a_yes(reply: str, sessions: SessionsHome) -> None:
    s1 = sessions.ids[0]
    copy = sessions.home / "journals" / f"{s1} (conflicted copy 2026-03-02 101010).toml"
    copy.write_text("as synced", "utf-8")
    terminal = forgetting(sessions.home, s1)
    try:
        terminal.child.expect_exact("This deletes 1 session for good:")
        terminal.child.expect_exact(f"2026-03-01 21:30  {s1}")
        terminal.child.expect_exact("1 copy of them that a sync tool left beside them goes too.")
        terminal.child.expect_exact("2 reviews of these commitments were written in later")
        terminal.child.expect_exact("Files you exported yourself are not touched.")
        terminal.wait_prompt("Delete for good? [y/N]")
        if reply == "C-c":
            terminal.child.sendintr()
        else:
            terminal.child.sendline(reply)
        terminal.child.expect_exact("Nothing was deleted.")
        assert terminal.finish() == (130 if reply == "C-c" else 1)
    finally:
        terminal.kill()
    assert journal_path(sessions.home, s1).exists()
    assert copy.exists()


def test_a_yes_deletes_and_says_so_in_japanese(sessions: SessionsHome) -> None:
    terminal = forgetting(sessions.home, "--all", lang="ja_JP.UTF-8")
    try:
        terminal.child.expect_exact("次の2件のセッションを完全に削除します：")
        for session in sessions.ids:
            terminal.child.expect_exact(session)
        terminal.wait_prompt("完全に削除しますか。[y/N]")
        terminal.child.sendline("はい")
        terminal.child.expect_exact("2件のセッションを削除しました。")
        assert terminal.finish() == 0
    finally:
        terminal.kill()
    assert not any(journal_path(sessions.home, i).exists() for i in sessions.ids)
