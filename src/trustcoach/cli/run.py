"""What one run of trustcoach holds: how it was run (the program's name in its hints, the
language of its help), the language it speaks (for its words and its errors), and the stores
and locks of the home it opened.

``app.main`` makes one ``Run`` for each command line and hands it to the commands as click's
context object (``ctx.obj``, hatch's way with its ``Application``); a command reads it with
``run = ctx.obj``. ``main`` closes it when the command ends, however it ends, and says the
command's errors in the run's language.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trustcoach.catalog.lang import choose_lang
from trustcoach.catalog.say import DEFAULT_LANG, DEFAULT_PROGRAM, Message, say, tell
from trustcoach.cli.terminal.help_words import help_lang
from trustcoach.errors import TrustcoachError

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.journal.store import JournalStore
    from trustcoach.lock.vault import Vault


class Run:
    """One run of a command: its program name, languages, and what it opened."""

    def __init__(self, program: str = DEFAULT_PROGRAM, args: Sequence[str] = ()) -> None:
        self.program = program  # how the hints name trustcoach: {program}
        self.help_lang = help_lang(args)  # --lang on the command line, else the environment's
        self._lang: str | None = None  # the language spoken, once the command knows it
        self._stores: list[JournalStore] = []  # their session locks are let go at the end
        self._vaults: dict[Path, Vault] = {}  # one per home: the passphrase is asked once

    def choose_lang(self, explicit: str | None = None) -> str:
        """The language of this command's words (``--lang``, ``TRUSTCOACH_LANG``, the locale);
        its errors are said in it too."""
        self._lang = choose_lang(explicit)
        return self._lang

    def speak(self, lang: str) -> None:
        """Say this command's words and errors in ``lang`` from now on (a session's own
        language, once the command knows it)."""
        self._lang = lang

    @property
    def lang(self) -> str:
        """The language the command speaks now, for its words and its errors: the one it chose
        or learnt so far, else the environment's (English when even that is not a language
        trustcoach speaks)."""
        if self._lang is not None:
            return self._lang
        try:
            return choose_lang(None)
        except TrustcoachError:
            return DEFAULT_LANG

    def say(self, key: "Key", /, **values: object) -> str:
        """The words of ``key`` in the language spoken now, naming the program as it was run."""
        return say(self.lang, key, program=self.program, **values)

    def tell(self, message: Message) -> str:
        """A ``Message`` in the language spoken now, naming the program as it was run."""
        return tell(self.lang, message, self.program)

    def open_store(self, words: bool = True) -> "JournalStore":
        """The store of journals in the home; its locks are released when the run is closed.

        With ``words`` (every command that reads or writes what the user wrote), a locked home's
        passphrase is asked for now, before anything else is shown; without it (shell completion,
        ``doctor``'s first checks, ``forget --all``) only when a sealed file must be opened.
        """
        from trustcoach.files import home_dir
        from trustcoach.journal.store import JournalStore

        home = home_dir()
        store = JournalStore(home, self.vault_of(home))
        self._stores.append(store)
        if words and store.vault.locked:
            store.vault.key()
        return store

    def vault_of(self, home: Path) -> "Vault":
        """The lock of a home for this run, asking for the passphrase in its language."""
        vault = self._vaults.get(home)
        if vault is None:
            from trustcoach.cli.terminal.passphrase import opener
            from trustcoach.lock.vault import Vault

            vault = self._vaults[home] = Vault(home, opener(lambda: self.lang))
        return vault

    def close(self) -> None:
        """Let go of every session lock and home lock this run holds, and of the data keys."""
        while self._stores:
            self._stores.pop().release_all()
        while self._vaults:
            self._vaults.popitem()[1].release()
