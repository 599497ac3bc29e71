"""Running trustcoach, in this process or as a child process through a pipe, and how a run must
end: with success, or refused in one sentence."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass

from typer.testing import CliRunner

from trustcoach.cli.app import main

RESUME_RE = re.compile(r"trustcoach resume (\d{8}-\d{6}-[0-9a-f]{4})")


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


def ok(result: Result) -> str:
    """A run that succeeded without a traceback; what it printed."""
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def one_sentence_error(stderr: str) -> str:
    """Exactly one line on stderr, prefixed with the program name, no traceback, no raw control
    character; that line."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("trustcoach: "), stderr
    assert "Traceback" not in stderr
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in stderr), repr(stderr)
    return lines[0]


def refused(result: Result) -> str:
    """A user error: exit 1, one sentence on stderr, no traceback; that sentence."""
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return one_sentence_error(result.stderr)
