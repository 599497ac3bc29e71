"""Where an output the person names goes (``export --output``, ``remind --ics``).

- ``-``, or a path that is this process's standard output (``/dev/stdout``, a link to
  ``/proc/self/fd/1``, the very file standard output was sent to): standard output.
- A named pipe or a character device (a terminal, ``/dev/null``), also behind a link: written
  into, as the shell's ``>`` would; a pipe nobody reads from is one sentence, never a wait.
- Anything else that exists and is not a regular file (a socket, a block device, which as root
  would be a disk): refused in one sentence, before it is opened.
- A regular file: written atomically (``files.write_atomic``); one that exists needs ``force``.

None of them is ever replaced by a regular file but the last, and only a regular file is met
with advice to use ``--force``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from trustcoach.catalog.say import Message
from trustcoach.errors import UsageError

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

Kind = Literal["stdout", "stream", "file"]
STDOUT = "-"


def output_kind(path: Path, *, force: bool) -> Kind:
    """What ``path`` is as an output, refused in one sentence (before any work is done) when it
    cannot or should not be written."""
    if str(path) == STDOUT:
        return "stdout"
    try:
        info = os.stat(path)  # through links: what would be written is what they point to
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:
        raise UsageError("output_failed", path=path, reason=exc.strerror) from None
    if info is None:
        if not path.parent.is_dir():
            raise UsageError("output_no_folder", folder=path.parent)
        return "file"
    if stat.S_ISDIR(info.st_mode):
        raise UsageError("output_is_folder", path=path)
    if _is_standard_output(info):
        return "stdout"
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return "stream"
    if not stat.S_ISREG(info.st_mode):
        raise UsageError("output_not_file", path=path, kind=Message(_kind(info.st_mode)))
    if not force:
        raise UsageError("output_exists", path=path)
    return "file"


def _is_standard_output(info: os.stat_result) -> bool:
    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # closed, or not a file descriptor at all
        return False
    return (out.st_dev, out.st_ino) == (info.st_dev, info.st_ino)


def _kind(mode: int) -> Key:
    if stat.S_ISBLK(mode):
        return "file_kind_block_device"
    return "file_kind_socket" if stat.S_ISSOCK(mode) else "file_kind_other"


def check_output(path: Path, *, force: bool) -> None:
    """Refuse, before any work is done, an output that cannot or should not be written."""
    output_kind(path, force=force)


def write_new_file(path: Path, data: str | bytes, *, force: bool) -> bool:
    """Write ``data`` (text as UTF-8) where ``path`` says: whether that was standard output
    (where nothing else should then be said)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return write_output(path, raw, force=force) == "stdout"


def write_output(path: Path, data: bytes, *, force: bool) -> Kind:
    """Write ``data`` where ``path`` says (see the module's description); what it was."""
    from trustcoach.files import write_atomic

    kind = output_kind(path, force=force)
    try:
        if kind == "stdout":
            _write_standard_output(data)
        elif kind == "stream":
            _write_into(path, data)
        else:
            write_atomic(path, data)
    except OSError as exc:
        raise UsageError("output_failed", path=path, reason=exc.strerror or str(exc)) from None
    return kind


def _write_standard_output(data: bytes) -> None:
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a stream of text only (a test's): the bytes are UTF-8 text
        sys.stdout.write(data.decode("utf-8"))
    else:
        out.write(data)
    sys.stdout.flush()


def _write_into(path: Path, data: bytes) -> None:
    """Write into a named pipe or a character device, never creating or truncating a file: a
    pipe is opened without waiting for a reader (none: one sentence), and what was opened is
    checked again, so a path swapped for a regular file meanwhile is not written over."""
    flags = os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a named pipe that nobody reads from
            raise UsageError("output_no_reader", path=path) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode):
            raise UsageError("output_exists", path=path)
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise UsageError("output_not_file", path=path, kind=Message(_kind(mode)))
        with contextlib.suppress(OSError):  # from now on a write waits for the reader
            import fcntl

            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
