"""Shared fixtures: every test gets its own trustcoach home, plain output and a fixed locale."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pexpect
import pytest
from typer.testing import CliRunner

from trustcoach.cli.app import main

REPO = Path(__file__).resolve().parents[1]


# Complete answers to the default pack, for tests that need a session but not particular words.
# Spread them into a new dict to change some ({**EN_ANSWERS, "self_trust": 3}); never mutate.
EN_ANSWERS: dict[str, Any] = {
    "partner": "Alex",
    "self_view": "I keep most promises",
    "self_trust": 6,
    "self_promise_recent": "Go to bed by 11",
    "self_promise_small": "Drink water daily",
    "never_belief": "partly",
    "partner_trust": 3,
    "one_point_action": "Be on time",
    "words_belief": "yes",
    "gestures": ["messages", "apology"],
    "gestures_landing": "Coldly",
    "costly_actions": "Hiding my spending",
    "showing_action": "Showing the bank statements",
    "others_belief": "no",
    "asked_others": False,
    "only_me": "Keep my word",
    "commitments": ["Call at 7pm", "Walk after dinner"],
    "commitment_confidence": 8,
}

JA_ANSWERS: dict[str, Any] = {
    "partner": "夫",
    "self_view": "約束を守れないと感じる",
    "self_trust": 6,
    "self_promise_recent": "早く寝る",
    "self_promise_small": "毎朝水を飲む",
    "never_belief": "partly",
    "partner_trust": 3,
    "one_point_action": "遅れるときは連絡する",
    "words_belief": "yes",
    "gestures": ["messages", "apology"],
    "gestures_landing": "冷たかった",
    "costly_actions": "お金のことを隠していた",
    "showing_action": "明細を見せる",
    "others_belief": "no",
    "asked_others": False,
    "only_me": "言ったことを守る",
    "commitments": ["毎晩十時に帰る", "週末に料理する"],
    "commitment_confidence": 8,
}

# The question ids of the default pack, in the order they are asked (a contract).
QUESTION_IDS = list(EN_ANSWERS)

# The text questions of the default pack, in order: tests put distinctive words in each.
TEXT_QUESTIONS = [
    "self_view",
    "self_promise_recent",
    "self_promise_small",
    "one_point_action",
    "gestures_landing",
    "costly_actions",
    "showing_action",
    "only_me",
]


def token(tag: str, qid: str) -> str:
    """A unique answer text (letters and digits only, so it reads the same in every format)."""
    return f"{tag}x{qid.replace('_', '')}q"


def tagged_answers(tag: str, **changes: Any) -> dict[str, Any]:
    """Complete English answers whose texts and commitments carry ``tag``, so that a test can
    tell in any output which session and which question a text came from."""
    return {
        **EN_ANSWERS,
        "partner": "Robin",
        **{q: token(tag, q) for q in TEXT_QUESTIONS},
        "gestures": ["messages"],
        "commitments": [f"{tag}commitone", f"{tag}committwo"],
        **changes,
    }


# Keyboard lines for an English session from the partner's name up to the commitments.
EN_LINES_BEFORE_COMMITMENTS = [
    "Robin",  # partner
    "I see myself [/] trying",  # self_view
    "6",  # self_trust
    "Bed by 11",  # self_promise_recent
    "Drink water",  # self_promise_small
    "2",  # never_belief
    "4",  # partner_trust
    "Call when late",  # one_point_action
    "1",  # words_belief
    "1,3",  # gestures
    "",  # gestures_landing (optional)
    "Hiding things",  # costly_actions
    "Open phone",  # showing_action
    "3",  # others_belief
    "n",  # asked_others
    "Keep my word",  # only_me
]

# The same for a Japanese session (a full-width digit for the rating, as people type it).
JA_LINES_BEFORE_COMMITMENTS = [
    "妻",
    "努力している[/]",
    "６",
    "早く寝る",
    "水を飲む",
    "2",
    "4",
    "遅れるときは連絡する",
    "1",
    "1,3",
    "",
    "隠しごと",
    "スマホを見せる",
    "3",
    "n",
    "約束を守る",
]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point TRUSTCOACH_HOME at a fresh folder and make output stable."""
    home = tmp_path / "home"
    monkeypatch.setenv("TRUSTCOACH_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("TRUSTCOACH_NOW", raising=False)
    return home


@dataclass
class Result:
    """What one run of the program printed, and how it exited."""

    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, input: str | None = None) -> Result:
    """Run trustcoach in this process, through the same entry point as the installed command."""
    runner = CliRunner()
    with runner.isolation(input=input) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode()
    return Result(code, stdout, stderr)


def run_process(
    *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m trustcoach`` as a separate process (a pipe, not a terminal)."""
    data = input.encode() if isinstance(input, str) else input
    return subprocess.run(
        [sys.executable, "-m", "trustcoach", *args],
        input=data,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


PTY_TIMEOUT = 10  # seconds to wait for any one thing on a pseudo-terminal
PTY_NOW = "2026-03-10T20:15:00+09:00"


class Terminal:
    """One trustcoach process in a 24x80 pseudo-terminal, with everything it printed."""

    def __init__(
        self,
        home: Path,
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        colour: bool = False,
    ) -> None:
        full_env = {
            **os.environ,
            "TRUSTCOACH_HOME": str(home),
            "TERM": "xterm",
            "TRUSTCOACH_NOW": PTY_NOW,
            **(env or {}),
        }
        if colour:
            full_env.pop("NO_COLOR", None)
        self.transcript = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "trustcoach", *args],
            env=full_env,
            cwd=str(cwd) if cwd else None,
            dimensions=(24, 80),
            encoding="utf-8",
            codec_errors="replace",
            timeout=PTY_TIMEOUT,
        )
        self.child.logfile_read = self.transcript
        self.child.delaybeforesend = None  # we always wait for the prompt before typing

    def wait_prompt(self, question_text: str) -> None:
        """Wait until the question and the ``> `` prompt after it are on screen."""
        self.child.expect_exact(question_text)
        self.child.expect_exact("> ")

    def answer(self, question_text: str, typed: str) -> None:
        """Wait for the question's prompt, then type the answer."""
        self.wait_prompt(question_text)
        self.child.sendline(typed)

    def end(self) -> tuple[int | None, int | None]:
        """Wait for the process to end: (exit status, signal)."""
        self.child.expect_exact(pexpect.EOF)
        self.child.wait()
        self.child.close()
        return self.child.exitstatus, self.child.signalstatus

    def finish(self) -> int:
        """Wait for the program to end normally; its exit status."""
        status, signal_status = self.end()
        assert signal_status is None, self.output
        return int(status or 0)

    @property
    def output(self) -> str:
        """Everything the program printed so far."""
        return self.transcript.getvalue()

    def kill(self) -> None:
        """End the process if it still runs."""
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def terminals() -> Iterator[Callable[..., Any]]:
    """Spawn terminals (``kind`` may be a subclass of Terminal); killed if a test left them."""
    spawned: list[Terminal] = []

    def spawn(home: Path, *args: str, kind: type[Terminal] = Terminal, **options: Any) -> Any:
        terminal = kind(home, *args, **options)
        spawned.append(terminal)
        return terminal

    yield spawn
    for terminal in spawned:
        terminal.kill()
