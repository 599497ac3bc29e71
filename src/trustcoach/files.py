"""Files on disk: where the home is, private folders, TOML in and out, and atomic writes.

The pieces the other modules read and write files with: ``read_regular`` (a regular file of at
most a given size, never a pipe or a device), ``write_atomic`` (a private temporary file, synced,
then renamed: a crash leaves the old file or the new one), ``destroy_file`` (overwritten, then
removed), and TOML errors said in one sentence. The user's words in the home go through the
home's vault (``lock/vault.py``), which uses these; exports and calendars: ``outputs.py``.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import Message, tell
from trustcoach.errors import TrustcoachError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from trustcoach.catalog.keys import Key

HOME_ENV = "TRUSTCOACH_HOME"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
TEMP_PREFIX = ".tmp-"


def home_dir() -> Path:
    """The trustcoach home folder (not created here).

    UsageError when ``TRUSTCOACH_HOME`` names the home of a user that does not exist
    (``~nouser/x``), or when the home's path exists and is not a folder: every command says so
    in one sentence rather than seeing no sessions in a file.
    """
    configured = os.environ.get(HOME_ENV, "").strip()
    if configured:
        try:
            home = Path(configured).expanduser().absolute()
        except RuntimeError:  # "~someone" where there is no such user
            raise UsageError("home_env_no_user", value=configured) from None
    else:
        from platformdirs import user_data_path

        home = user_data_path("trustcoach", appauthor=False)
    _check_home(home)
    return home


def _check_home(home: Path) -> None:
    """Refuse a home whose path is taken by something other than a folder (absent is fine:
    it is created at the first session)."""
    try:
        info = os.stat(home)
    except FileNotFoundError:
        return
    except NotADirectoryError:  # a part of the path above it is a file
        raise UsageError("home_not_folder", path=home) from None
    except OSError as exc:
        raise UsageError("home_unusable", path=home, reason=exc.strerror) from None
    if not stat.S_ISDIR(info.st_mode):
        raise UsageError("home_not_folder", path=home)


class NotRegularFile(OSError):
    """A path that cannot be read as a file of the user's: not a regular file (a named pipe,
    a device, a socket), or larger than the reader's limit; ``message`` says which."""

    def __init__(self, key: Key, /, **values: object) -> None:
        super().__init__(key)
        self.message = Message(key, values)

    def __str__(self) -> str:
        return tell("en", self.message)


_KINDS: tuple[tuple[Callable[[int], bool], Key], ...] = (
    (stat.S_ISFIFO, "file_kind_fifo"),
    (stat.S_ISCHR, "file_kind_device"),
    (stat.S_ISBLK, "file_kind_device"),
    (stat.S_ISSOCK, "file_kind_socket"),
)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (a symbolic link to one is fine), at most
    ``limit`` of them: journals, check-ins, the key file, packs and answers files are read so.

    The file is opened without blocking and checked before a byte is read, so a named pipe, a
    device (``/dev/zero``) or a socket raise NotRegularFile at once instead of hanging or
    filling memory, and so does a file larger than ``limit``. A folder raises
    IsADirectoryError; other failures to open raise the OSError (FileNotFoundError...).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            kind: Key = next((key for test, key in _KINDS if test(info.st_mode)), "file_kind_other")
            raise NotRegularFile("file_not_regular", kind=Message(kind))
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        chunks: list[bytes] = []
        left = limit + 1  # one byte more than allowed tells a file that grew meanwhile
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def _too_large(size: int, limit: int) -> NotRegularFile:
    return NotRegularFile("file_too_large", size=megabytes(size), limit=megabytes(limit))


def megabytes(size: int) -> str:
    """A size for people, in decimal megabytes: ``10 MB``, ``12.3 MB``, ``0.2 MB``."""
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000} MB"
    return f"{size / 1_000_000:.1f} MB"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents); make it readable by the owner only."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            raise TrustcoachError("folder_symlink", path=path)
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:  # others could look in: take their access away, keep the owner's
            path.chmod(mode & PRIVATE_DIR)
    except PermissionError:
        raise TrustcoachError("folder_denied", path=path) from None
    except OSError as exc:
        raise TrustcoachError("folder_failed", path=path, reason=exc.strerror) from None
    return path


class TomlReadError(ValueError):
    """The bytes are not a TOML document trustcoach can read; ``message`` says why and where
    (``str()`` in English)."""

    def __init__(self, key: Key, /, **values: object) -> None:
        super().__init__(key)
        self.message = Message(key, values)

    def __str__(self) -> str:
        return tell("en", self.message)


def read_toml(raw: bytes) -> dict[str, Any]:
    """Parse TOML bytes, reporting encoding, nesting and syntax problems in one sentence."""
    import tomli

    text = _toml_text(raw)
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        row, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        reason = toml_reason(getattr(exc, "msg", str(exc)).split(" (at ")[0])
        if row is None:
            raise TomlReadError("toml_invalid", reason=reason) from None
        raise TomlReadError("toml_invalid_at", line=row, column=column, reason=reason) from None
    except RecursionError:
        raise TomlReadError("toml_too_deep") from None


# The parser's reasons a person meets in a file edited by hand, said in the catalog's words (the
# English ones are the parser's own); any other reason stays in the parser's English.
_TOML_REASONS: tuple[tuple[str, Key], ...] = (
    (r"Illegal character '\\n'", "toml_reason_open_string"),
    (r"Illegal character (?P<char>.+)", "toml_reason_illegal_char"),
    (r"Unterminated string", "toml_reason_unterminated"),
    (r"Invalid value", "toml_reason_invalid_value"),
    (r"Invalid statement", "toml_reason_invalid_statement"),
    (r"Expected '=' after a key in a key/value pair", "toml_reason_expected_equals"),
    (r"Expected newline or end of document after a statement", "toml_reason_expected_newline"),
    (r"Cannot overwrite a value", "toml_reason_overwrite"),
    (r"Cannot declare (?P<key>.+) twice", "toml_reason_twice"),
    (r"Unclosed array", "toml_reason_unclosed_array"),
    (r"Unclosed inline table", "toml_reason_unclosed_table"),
    (r"Invalid initial character for a key part", "toml_reason_key_char"),
)


def toml_reason(text: str) -> Message | str:
    """The parser's reason for refusing a TOML file, as a catalog message when it is one of the
    common ones (so that a Japanese screen says it in Japanese), else as the parser wrote it."""
    import re

    for pattern, key in _TOML_REASONS:
        found = re.fullmatch(pattern, text)
        if found:
            return Message(key, found.groupdict())
    return text


def read_toml_fast(raw: bytes) -> dict[str, Any] | None:
    """Parse TOML bytes with rtoml (Rust), about four times faster than tomli; None when rtoml
    refuses them (``read_toml`` then says why, in the same words as everywhere else).

    Only for reading many files at once (the index rebuild) and the small key file of a locked
    home: its date-times carry rtoml's own time zone class, which cannot be copied, so what it
    returns is read, never kept or saved.
    The two parsers agree on what is TOML (a property test compares them on journals).
    """
    import rtoml

    try:
        data: dict[str, Any] = rtoml.loads(_toml_text(raw))
    except (TomlReadError, rtoml.TomlParsingError):
        return None
    return data


def _toml_text(raw: bytes) -> str:
    """TOML bytes as text: UTF-8, without a byte-order mark."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise TomlReadError("toml_bom")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TomlReadError("toml_not_utf8", line=line) from None


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


def overwrite_in_place(fd: int) -> None:
    """Overwrite the regular file open at ``fd`` with random bytes where its blocks lie, synced,
    so that a disk that writes in place keeps nothing of it in free blocks (an SSD or a
    copy-on-write file system may). One with another name too (a backup's hard link, a save's
    last step) is left as it is."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
        return
    os.lseek(fd, 0, os.SEEK_SET)
    left = info.st_size
    while left > 0:
        left -= os.write(fd, os.urandom(min(left, 1 << 20)))
    os.fsync(fd)


def destroy_file(path: Path) -> bool:
    """Overwrite a file where it lies (``overwrite_in_place``), then remove its name (a link,
    not followed, or a pipe only loses its name); False when there was nothing of that name."""
    flags = os.O_WRONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return False
    except OSError:  # a link, a pipe nobody reads, a folder: nothing to overwrite
        fd = -1
    if fd >= 0:
        try:
            overwrite_in_place(fd)
        finally:
            os.close(fd)
    os.unlink(path)
    return True
