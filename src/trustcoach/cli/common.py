"""What every command shares: the store of the home, the language, option types and help.

Like the command modules, this module does not postpone its annotations: typer reads them on
every run, and evaluating them once at import is faster than evaluating strings each time.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from trustcoach.catalog.lang import choose_lang
from trustcoach.catalog.say import DEFAULT_LANG, say
from trustcoach.errors import TrustcoachError

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.journal.store import JournalStore
    from trustcoach.journal.vault import Vault

_OPEN_STORES: list["JournalStore"] = []  # their session locks are let go when a command ends
_VAULTS: dict[Path, "Vault"] = {}  # one per home for the command: the passphrase is asked once
_SPOKEN: list[str] = []  # the language of the running command, once it is known


def open_store(words: bool = True) -> "JournalStore":
    """The store of journals in the home; its locks are released when the command ends.

    With ``words`` (every command that reads or writes what the user wrote), a locked home's
    passphrase is asked for now, before anything else is shown; without it (shell completion,
    ``doctor``'s first checks, ``forget --all``) only when a sealed file must be opened.
    """
    from trustcoach.files import home_dir
    from trustcoach.journal.store import JournalStore

    home = home_dir()
    store = JournalStore(home, vault_of(home))
    _OPEN_STORES.append(store)
    if words and store.vault.locked:
        store.vault.key()
    return store


def vault_of(home: Path) -> "Vault":
    """The lock of a home for this command, asking for the passphrase in its language."""
    vault = _VAULTS.get(home)
    if vault is None:
        from trustcoach.cli.passphrase import opener
        from trustcoach.journal.vault import Vault

        vault = _VAULTS[home] = Vault(home, opener(spoken_lang))
    return vault


def release_stores() -> None:
    """Let go of every session lock and home lock this process holds, and of the data keys."""
    while _OPEN_STORES:
        _OPEN_STORES.pop().release_all()
    while _VAULTS:
        _VAULTS.popitem()[1].release()


def command_lang(explicit: str | None = None) -> str:
    """The language of this command's words (``--lang``, ``TRUSTCOACH_LANG``, the locale);
    the error printer says this command's errors in it too."""
    lang = choose_lang(explicit)
    speak(lang)
    return lang


def speak(lang: str) -> None:
    """Say this command's errors in ``lang`` from now on (a session's own language, once the
    command knows it)."""
    _SPOKEN[:] = [lang]


def spoken_lang() -> str:
    """The language the command speaks now, for its last words and its errors: the one it
    chose or learnt so far, else the environment's (English when even that is not a language
    trustcoach speaks)."""
    if _SPOKEN:
        return _SPOKEN[0]
    try:
        return choose_lang(None)
    except TrustcoachError:
        return DEFAULT_LANG


def forget_lang() -> None:
    """The command is over: the next one chooses its language again."""
    _SPOKEN.clear()


def _help_lang(args: list[str]) -> str:
    """The language of the help texts, read before any command runs: ``--lang`` when it is on
    the command line, else the environment's; never an error (help must always show)."""
    explicit = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            explicit = args[index + 1]
        elif arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
    for candidate in (explicit, None):
        try:
            return choose_lang(candidate)
        except TrustcoachError:
            continue
    return DEFAULT_LANG


HELP_LANG = _help_lang(sys.argv[1:])


def help_text(key: "Key") -> str:
    """A help text of a command or option, in the help language (typer reads help texts when
    the command modules are imported, so they are looked up then)."""
    return say(HELP_LANG, key)


def complete_session(incomplete: str) -> list[str]:
    """Session ids (and ``latest``) for shell completion."""
    try:
        ids = open_store(words=False).session_ids()
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
    typer.Option("--lang", help=help_text("help_lang")),
]
JsonOption = Annotated[bool, typer.Option("--json", help=help_text("help_json"))]
SessionArg = Annotated[
    str,
    typer.Argument(
        metavar="ID|latest",
        help=help_text("help_session"),
        autocompletion=complete_session,
    ),
]
OptionalSessionArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Argument(
        metavar="ID",
        help=help_text("help_resume_session"),
        autocompletion=complete_session,
    ),
]
PackOption = Annotated[
    str,
    typer.Option("--pack", help=help_text("help_pack_ref"), autocompletion=complete_pack),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help=help_text("help_output")),
]
NamesOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(help=help_text("help_names")),
]
DEFAULT_PACK = "trust-repair"


class ProgressBar:
    """A one-line bar on standard error while many files are read or converted (only at a
    terminal), as narrow as the screen needs; it clears itself when the last one is done."""

    WIDTH = 30

    def __init__(self, lang: str, label: "Key" = "reading_journals") -> None:
        self.stream = sys.stderr
        self.enabled = self.stream.isatty()
        self.label = say(lang, label)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (done % 50 and done != total):
            return
        import shutil

        from trustcoach.text import columns

        counts = f" {done}/{total}"
        room = shutil.get_terminal_size().columns - columns(self.label) - len(counts) - 4
        width = max(0, min(self.WIDTH, room))
        filled = width * done // total
        bar = f" [{'#' * filled}{'.' * (width - filled)}]" if width >= 5 else ""
        end = "\r\x1b[2K" if done == total else ""  # erase the line it drew
        self.stream.write(f"\r{self.label}{bar}{counts}{end}")
        self.stream.flush()
