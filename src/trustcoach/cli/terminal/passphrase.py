"""Where a passphrase comes from: the terminal, without echo, or the first line of a file.

Never from a command-line argument (other users see the arguments of running programs) nor from
an environment variable holding the secret itself (it is handed to every child process and can
be read from ``/proc`` by the same user): an environment variable only names a file,
``TRUSTCOACH_PASSPHRASE_FILE`` (``TRUSTCOACH_NEW_PASSPHRASE_FILE`` for a new passphrase). The
file may be a regular file or a pipe, so ``TRUSTCOACH_PASSPHRASE_FILE=<(pass show trustcoach)``
works; only its first line is read, without its line ending. A named pipe nobody writes to yet
is waited for, with a notice after a moment, and only so long (``PIPE_WAIT``): then one sentence.

At a terminal a passphrase is typed without echo (``getpass``, on the terminal itself), with
three tries; a new passphrase is typed twice. Ctrl-C or Ctrl-D at the prompt changes nothing.
"""

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trustcoach.cli.terminal.output import echo
from trustcoach.errors import SessionInterrupted, UsageError

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

PASSPHRASE_ENV = "TRUSTCOACH_PASSPHRASE_FILE"
NEW_PASSPHRASE_ENV = "TRUSTCOACH_NEW_PASSPHRASE_FILE"
TRIES = 3
MIN_LENGTH = 8  # characters
LINE_LIMIT = 64 * 1024  # bytes read from a passphrase file, at most
PIPE_NOTICE_AFTER = 1.0  # seconds of waiting for a pipe's passphrase before saying so
PIPE_WAIT = 60  # seconds: time for `pass` or gpg to ask for their own passphrase, not forever


class Skipped(Exception):
    """The person chose not to give the passphrase (where that is allowed: ``doctor``)."""


def opener(lang_of: Callable[[], str], *, skippable: bool = False) -> Callable[[int], str]:
    """The passphrase that opens a locked home, for ``Vault(ask=...)``: ``ask(attempt)`` gives
    the passphrase to try, or raises when there are no more tries. When ``skippable``, Enter
    alone at the terminal, or no terminal and no file, raises Skipped instead."""

    def ask(attempt: int) -> str:
        path = _named_file(PASSPHRASE_ENV)
        if path is not None:
            if attempt:
                raise UsageError("passphrase_file_wrong", path=path, variable=PASSPHRASE_ENV)
            return read_first_line(path, PASSPHRASE_ENV, lang_of())
        if attempt >= TRIES:
            raise UsageError("passphrase_wrong", count=TRIES)
        lang = lang_of()
        if attempt:
            echo(_say(lang, "passphrase_retry"), err=True)
        if not sys.stdin.isatty():
            if skippable:
                raise Skipped
            raise UsageError("passphrase_no_terminal", variable=PASSPHRASE_ENV)
        if not skippable:
            return _type(_say(lang, "passphrase_prompt"))
        typed = _type(_say(lang, "passphrase_prompt_skippable"))
        if not typed:
            raise Skipped
        return typed

    return ask


def new_passphrase(lang: str, *, first_lock: bool = False) -> Callable[[], str]:
    """The new passphrase of a home (``lock``, ``lock --change``), asked for when called:
    from ``TRUSTCOACH_NEW_PASSPHRASE_FILE`` (or, for a first lock, from
    ``TRUSTCOACH_PASSPHRASE_FILE``: the file it will be opened with from then on), else typed
    twice at the terminal."""

    def ask() -> str:
        names = [NEW_PASSPHRASE_ENV, PASSPHRASE_ENV] if first_lock else [NEW_PASSPHRASE_ENV]
        for name in names:
            path = _named_file(name)
            if path is not None:
                return _checked(read_first_line(path, name, lang), name)
        if not sys.stdin.isatty():
            raise UsageError("passphrase_new_no_terminal", variable=NEW_PASSPHRASE_ENV)
        intro: Key = "passphrase_new_intro" if first_lock else "passphrase_change_intro"
        echo(_say(lang, intro, min=MIN_LENGTH), err=True)
        for _ in range(TRIES):
            first = _type(_say(lang, "passphrase_new_prompt"))
            if len(first) < MIN_LENGTH:
                echo(_say(lang, "passphrase_short_retry", min=MIN_LENGTH), err=True)
                continue
            if _type(_say(lang, "passphrase_again_prompt")) == first:
                return first
            echo(_say(lang, "passphrase_mismatch_retry"), err=True)
        raise UsageError("passphrase_not_set")

    return ask


def _checked(passphrase: str, variable: str) -> str:
    if len(passphrase) < MIN_LENGTH:
        raise UsageError("passphrase_file_short", variable=variable, min=MIN_LENGTH)
    return passphrase


def _say(lang: str, key: "Key", **values: object) -> str:
    from trustcoach.catalog.say import say

    return say(lang, key, **values)


def _type(prompt: str) -> str:
    """A line typed at the terminal without echo; Ctrl-C or Ctrl-D ends the command, with
    nothing opened or changed."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except (KeyboardInterrupt, EOFError):
        echo("", err=True)
        raise SessionInterrupted("passphrase_cancelled") from None


def _named_file(variable: str) -> Path | None:
    value = os.environ.get(variable, "")
    return Path(value).expanduser() if value.strip() else None


def read_first_line(path: Path, variable: str, lang: str) -> str:
    """The first line of a passphrase file, without its line ending; UsageError in one
    sentence when it cannot be read or is empty. A pipe is read up to its first line, waited
    for at most PIPE_WAIT seconds (with a notice in ``lang`` once the wait is noticeable)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)  # a FIFO: no writer yet
    except OSError as exc:
        raise UsageError(
            "passphrase_file_unreadable", path=path, variable=variable, reason=exc.strerror
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise UsageError("passphrase_file_kind", path=path, variable=variable)
        if stat.S_ISFIFO(mode):
            data = _read_pipe(fd, path, variable, lang)
        else:
            data = b""
            while b"\n" not in data and len(data) < LINE_LIMIT:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                data += chunk
    except OSError as exc:
        raise UsageError(
            "passphrase_file_unreadable", path=path, variable=variable, reason=exc.strerror
        ) from None
    finally:
        os.close(fd)
    line = data.split(b"\n", 1)[0].removesuffix(b"\r")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("passphrase_file_not_utf8", path=path, variable=variable) from None
    if not text:
        raise UsageError("passphrase_file_empty", path=path, variable=variable)
    return text


def _silent(path: Path, variable: str) -> UsageError:
    return UsageError("passphrase_pipe_silent", path=path, variable=variable, count=PIPE_WAIT)


def _read_pipe(fd: int, path: Path, variable: str, lang: str) -> bytes:
    """A pipe's bytes up to its first line or its end, waiting for a writer at most PIPE_WAIT
    seconds. The pipe is open without blocking: a read is made only once ``select`` says
    there is something (a named pipe nobody opened yet reads as ended, and is not)."""
    import select
    import time

    started = time.monotonic()
    deadline, notice_at = started + PIPE_WAIT, started + PIPE_NOTICE_AFTER
    told = False
    data = b""
    while b"\n" not in data and len(data) < LINE_LIMIT:
        now = time.monotonic()
        if now >= deadline:
            raise _silent(path, variable)
        if not told and now >= notice_at:
            echo(_say(lang, "passphrase_pipe_waiting", path=path, count=PIPE_WAIT), err=True)
            told = True
        ready, _, _ = select.select([fd], [], [], (deadline if told else notice_at) - now)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            continue
        if not chunk:
            break
        data += chunk
    return data
