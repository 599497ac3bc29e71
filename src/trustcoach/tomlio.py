"""TOML in and out: a reader that turns every failure into one sentence, and an atomic writer."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

PRIVATE_FILE = 0o600
TEMP_PREFIX = ".tmp-"


class TomlReadError(ValueError):
    """The bytes are not a TOML document trustcoach can read; the message says why and where."""


def read_toml(raw: bytes) -> dict[str, Any]:
    """Parse TOML bytes, reporting encoding, nesting and syntax problems in one sentence."""
    import tomli

    if raw.startswith(b"\xef\xbb\xbf"):
        raise TomlReadError("starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TomlReadError(f"is not UTF-8 text (line {line}); save it as UTF-8") from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        where = ""
        lineno, colno = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        if lineno is not None:
            where = f" at line {lineno}, column {colno}"
        reason = getattr(exc, "msg", str(exc)).split(" (at ")[0]
        raise TomlReadError(f"is not valid TOML{where}: {reason}") from None
    except RecursionError:
        raise TomlReadError("is nested too deeply to read") from None


def dump_toml(data: dict[str, Any]) -> bytes:
    """Serialize a document as UTF-8 TOML."""
    import tomli_w

    return tomli_w.dumps(data, multiline_strings=False).encode("utf-8")


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, never half.

    The bytes go to a private temporary file in the same folder, are flushed and fsynced, then
    renamed over the target, and the folder is fsynced so the rename itself survives a crash.
    With ``exclusive`` the target must not exist yet (it is linked, never replaced).
    """
    folder = path.parent
    temp = folder / f"{TEMP_PREFIX}{path.name}.{os.getpid()}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, PRIVATE_FILE)
    try:
        try:
            os.fchmod(fd, PRIVATE_FILE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if exclusive:
            os.link(temp, path)
            os.unlink(temp)
        else:
            os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
