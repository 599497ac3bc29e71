"""Shell completion of session ids and pack names, and the help it shows, asked of trustcoach as
a shell asks it: through ``main``, whose run opens the store the completion reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.answers import counselor_answers
from tests.support.packs import COUNSELOR_PACK
from tests.support.runner import ok, run_cli
from tests.support.sessions import start_unattended


def completed(monkeypatch: pytest.MonkeyPatch, words: str, shell: str = "bash") -> list[str]:
    """What ``shell`` completion offers for the last word of ``words``."""
    with monkeypatch.context() as patch:
        patch.setenv("_TRUSTCOACH_COMPLETE", f"complete_{shell}")
        patch.setenv("COMP_WORDS", words)  # bash
        patch.setenv("COMP_CWORD", str(len(words.split(" ")) - 1))
        patch.setenv("_TYPER_COMPLETE_ARGS", words)  # zsh
        result = run_cli()
    assert result.exit_code == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_completion_of_sessions_and_packs(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert completed(monkeypatch, "trustcoach show 2026") == []
    first = start_unattended(
        tmp_path, monkeypatch, "2026-03-28T10:00:00+09:00", counselor_answers("A")
    )
    second = start_unattended(
        tmp_path, monkeypatch, "2026-04-02T10:00:00+09:00", counselor_answers("B")
    )
    assert completed(monkeypatch, "trustcoach show 2026") == [second, first]  # newest first
    assert completed(monkeypatch, "trustcoach show 202603") == [first]
    assert completed(monkeypatch, "trustcoach show ") == ["latest", second, first]
    assert completed(monkeypatch, "trustcoach export lat") == ["latest"]
    assert completed(monkeypatch, "trustcoach forget 2025") == []

    assert completed(monkeypatch, "trustcoach start --pack my") == []
    ok(run_cli("pack", "init", COUNSELOR_PACK, "--lang", "en"))
    ok(run_cli("pack", "init", "my-other", "--lang", "ja"))
    assert completed(monkeypatch, "trustcoach start --pack my") == ["my-other", COUNSELOR_PACK]
    assert completed(monkeypatch, "trustcoach start --pack my-p") == [COUNSELOR_PACK]
    packs = ["my-other", COUNSELOR_PACK, "trust-repair"]
    assert completed(monkeypatch, "trustcoach start --pack ") == packs


def test_completion_shows_help_in_the_language_of_the_environment(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """zsh shows a command's first sentence and an option's whole help beside each name."""
    commands = completed(monkeypatch, "trustcoach ", "zsh")
    start = "Start a new guided session; every answer is saved as you give it."
    assert f'"start":"{start}"' in commands[0]
    options = "\n".join(completed(monkeypatch, "trustcoach start --", "zsh"))
    assert '"--answers":"Answer every question from a TOML file, unattended."' in options
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    commands = completed(monkeypatch, "trustcoach ", "zsh")
    assert '"start":"新しいセッションを始めます。"' in commands[0]
    options = "\n".join(completed(monkeypatch, "trustcoach start --", "zsh"))
    assert '"--answers":"TOML ファイルの回答で、すべての質問に自動で答えます。"' in options
    assert "help_" not in options
