"""What every command shares: the store of the home, the language, and option types.

Like the command modules, this module does not postpone its annotations: typer reads them on
every run, and evaluating them once at import is faster than evaluating strings each time.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from trustcoach.errors import UsageError

if TYPE_CHECKING:
    from trustcoach.journal.store import JournalStore

_OPEN_STORES: list["JournalStore"] = []  # their session locks are let go when a command ends


def open_store() -> "JournalStore":
    """The store of journals in the home; its locks are released when the command ends."""
    from trustcoach.files import home_dir
    from trustcoach.journal.store import JournalStore

    store = JournalStore(home_dir())
    _OPEN_STORES.append(store)
    return store


def release_stores() -> None:
    """Let go of every session lock this process holds."""
    while _OPEN_STORES:
        _OPEN_STORES.pop().release_all()


def locale_lang() -> str:
    """``ja`` when the locale is Japanese, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def check_lang(lang: str | None) -> str:
    """The language asked for with ``--lang``, or the locale's."""
    if lang is None:
        return locale_lang()
    if lang not in ("ja", "en"):
        raise UsageError(f"--lang must be ja or en, not '{lang}'")
    return lang


def complete_session(incomplete: str) -> list[str]:
    """Session ids (and ``latest``) for shell completion."""
    try:
        ids = open_store().session_ids()
    except Exception:
        return []
    return [i for i in ["latest", *reversed(ids)] if i.startswith(incomplete)]


def complete_pack(incomplete: str) -> list[str]:
    """Pack names for shell completion."""
    from trustcoach.files import home_dir
    from trustcoach.packs.files import list_pack_files

    try:
        names = sorted({entry.id for entry in list_pack_files(home_dir())})
    except Exception:
        return []
    return [name for name in names if name.startswith(incomplete)]


LangOption = Annotated[
    Optional[str],  # noqa: UP045  (typer reads the annotation at run time)
    typer.Option("--lang", help="Language of the session: ja or en (default: from the locale)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
SessionArg = Annotated[
    str,
    typer.Argument(
        metavar="ID|latest",
        help="A session id, a unique prefix of one, or latest.",
        autocompletion=complete_session,
    ),
]
OptionalSessionArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Argument(
        metavar="ID",
        help="The session to continue (default: the latest).",
        autocompletion=complete_session,
    ),
]
PackOption = Annotated[
    str,
    typer.Option(
        "--pack", help="A pack name or a path to a pack's .toml file.", autocompletion=complete_pack
    ),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help="Write to this file instead of standard output."),
]
NamesOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(help="Step or question ids, repeated or comma-separated; 'reviews' too."),
]
DEFAULT_PACK = "trust-repair"


class ProgressBar:
    """A one-line bar on standard error while many journals are read (only at a terminal);
    it clears itself when the last one is read."""

    WIDTH = 30

    def __init__(self) -> None:
        import sys

        self.stream = sys.stderr
        self.enabled = self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (done % 50 and done != total):
            return
        filled = self.WIDTH * done // total
        bar = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}"
        end = "\r" + " " * 70 + "\r" if done == total else ""
        self.stream.write(f"\rReading journals {bar}{end}")
        self.stream.flush()
