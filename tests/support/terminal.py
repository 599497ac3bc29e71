"""One trustcoach process in a pseudo-terminal (pexpect), with everything it printed, run as a
person who installed trustcoach runs it: by a ``trustcoach`` command on the PATH."""

from __future__ import annotations

import atexit
import functools
import io
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

import pexpect

from tests.support.clocks import PTY_NOW

PTY_TIMEOUT = 10  # seconds to wait for any one thing on a pseudo-terminal
BEGIN_PROMPTS = ["Press Enter to begin.", "Enterを押すと始まります。"]
MORE_PROMPTS = ["Press Enter to read on.", "Enterを押すと続きを表示します。"]

# A command that is both a shell script and Python (as pip writes one when the path of its
# Python is too long for a #! line): sh runs this Python on the file, Python reads the second
# and third lines as a string.
LAUNCHER = """#!/bin/sh
'''exec' {python} "$0" "$@"
' '''
import sys

from trustcoach.cli.app import main

sys.exit(main())
"""


@functools.cache
def trustcoach_command() -> Path:
    """A ``trustcoach`` command that is this program (this Python, this checkout), made once
    per process in a folder of its own, as an installed one would be. Run by it with its folder
    first on the PATH (``on_path``), trustcoach names itself ``trustcoach`` in its hints, as
    for someone who installed it; run as ``python -m trustcoach`` it would name the Python by
    its path, and a long checkout path makes every hint wider than the screen."""
    folder = Path(tempfile.mkdtemp(prefix="trustcoach-bin-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    command = folder / "trustcoach"
    command.write_text(LAUNCHER.format(python=shlex.quote(sys.executable)), "utf-8")
    command.chmod(0o755)
    return command


def on_path(env: dict[str, str]) -> dict[str, str]:
    """``env`` with the folder of ``trustcoach_command`` first on its PATH."""
    path = [str(trustcoach_command().parent), env.get("PATH", os.defpath)]
    return {**env, "PATH": os.pathsep.join(path)}


DAYS_QUESTION = "days"  # what both ways of asking a commitment's days say ("Days: ...", "On
# which days?"); at a terminal, the question before "By when?"


class Terminal:
    """One trustcoach process in a pseudo-terminal (24 lines of 80 columns unless ``size``
    says otherwise), run by the ``trustcoach`` on its PATH, with everything it printed."""

    def __init__(
        self,
        home: Path,
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        colour: bool = False,
        size: tuple[int, int] = (24, 80),
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
        for name in ("COLUMNS", "LINES"):  # the terminal's own size decides, as for a person
            full_env.pop(name, None)
        self.transcript = io.StringIO()
        self.child = pexpect.spawn(
            str(trustcoach_command()),
            list(args),
            env=on_path(full_env),
            cwd=str(cwd) if cwd else None,
            dimensions=size,
            encoding="utf-8",
            codec_errors="replace",
            timeout=PTY_TIMEOUT,
        )
        self.child.logfile_read = self.transcript
        self.child.delaybeforesend = None  # we always wait for the prompt before typing

    def begin(self) -> int:
        """Press Enter at each pause of the introduction, up to the one where a session waits
        before its first step (at a terminal, so that nothing scrolls away unread); how many
        pauses there were."""
        pauses = 0
        while True:
            found = self.child.expect_exact([*BEGIN_PROMPTS, *MORE_PROMPTS])
            self.child.sendline("")
            pauses += 1
            if found < len(BEGIN_PROMPTS):
                return pauses

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
