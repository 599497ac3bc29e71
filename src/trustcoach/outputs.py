"""Writing an export where the user asked, without replacing a file by accident."""

from __future__ import annotations

from pathlib import Path

from trustcoach.errors import UsageError
from trustcoach.tomlio import write_atomic


def check_output(path: Path, *, force: bool) -> None:
    """Refuse, before any work is done, an output that cannot or should not be written."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name for --output")
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; use --force to replace it")
    if not path.parent.is_dir():
        raise UsageError(f"the folder {path.parent} does not exist")


def write_new_file(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``path`` atomically; an existing file needs ``force``."""
    check_output(path, force=force)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"could not write {path}: {exc.strerror}") from None
