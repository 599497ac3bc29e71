"""``trustcoach start`` and ``resume``: a guided session at the terminal or from a file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from trustcoach.cli.common import (
    DEFAULT_PACK,
    LangOption,
    OptionalSessionArg,
    PackOption,
    command_lang,
    help_text,
    open_store,
    speak,
)
from trustcoach.cli.output import echo

if TYPE_CHECKING:
    from trustcoach.journal.store import JournalStore
    from trustcoach.session.engine import Session


def start(
    lang: LangOption = None,
    pack: PackOption = DEFAULT_PACK,
    answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--answers", help=help_text("help_answers")),
    ] = None,
) -> None:
    """Start a new guided session; every answer is saved as you give it."""
    from trustcoach.catalog.say import say
    from trustcoach.clock import now
    from trustcoach.files import home_dir
    from trustcoach.packs.loading import find_pack
    from trustcoach.session.engine import Session

    chosen = command_lang(lang)
    loaded = find_pack(pack, chosen, home_dir())
    store = open_store()
    session = Session(loaded, store, now, open_commitments=_open_commitments(store, chosen))
    if answers is not None:
        from trustcoach.session.answers_file import read_answers_file
        from trustcoach.session.unattended import run_unattended

        journal = run_unattended(session, *read_answers_file(answers))
        path = store.path_for(journal.id)
        echo(say(chosen, "session_saved", id=journal.id, path=path))
        return
    store.ensure()
    run_interactive(session)


def resume(session_id: OptionalSessionArg = None) -> None:
    """Continue an unfinished session at its first unanswered question."""
    from trustcoach.catalog.say import say
    from trustcoach.clock import now
    from trustcoach.packs.loading import find_session_pack
    from trustcoach.session.engine import Session

    store = open_store()
    chosen = store.latest_unfinished() if session_id is None else store.resolve(session_id)
    store.ensure()
    store.hold(chosen)
    journal = store.load(chosen)
    speak(journal.lang)
    if journal.status == "complete":
        echo(say(journal.lang, "session_already_complete", id=chosen))
        return
    loaded = find_session_pack(journal.pack, journal.pack_source, journal.lang, store.home)
    others = _open_commitments(store, journal.lang, exclude=chosen)
    run_interactive(Session(loaded, store, now, journal, others))


def _open_commitments(store: "JournalStore", lang: str, exclude: str | None = None) -> list[Any]:
    from trustcoach.cli.common import ProgressBar
    from trustcoach.journal.history import open_commitments
    from trustcoach.journal.index import history

    return open_commitments(history(store, ProgressBar(lang)), exclude_session=exclude)


def run_interactive(session: "Session") -> None:
    """Run a session at the terminal; Ctrl-C or end of input says how to resume."""
    from trustcoach.cli.ui import TerminalUI
    from trustcoach.errors import SessionInterrupted

    speak(session.lang)
    try:
        session.run(TerminalUI(session.lang))
    except (KeyboardInterrupt, EOFError):
        echo("")
        if session.session_id:
            raise SessionInterrupted("interrupted", id=session.session_id) from None
        raise SessionInterrupted("interrupted_nothing") from None
