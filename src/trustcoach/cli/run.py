"""What one command run holds: the stores and locks of the home it opened, and the language it
speaks (for its words and its errors). They are let go when the command ends (``app.main``)."""

from pathlib import Path
from typing import TYPE_CHECKING

from trustcoach.catalog.lang import choose_lang
from trustcoach.catalog.say import DEFAULT_LANG
from trustcoach.errors import TrustcoachError

if TYPE_CHECKING:
    from trustcoach.journal.store import JournalStore
    from trustcoach.lock.vault import Vault

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
        from trustcoach.cli.terminal.passphrase import opener
        from trustcoach.lock.vault import Vault

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
