"""``trustcoach start`` and ``resume``: a guided session at the terminal or from a file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from trustcoach.cli.options import (
    LangOption,
    OptionalSessionArg,
    PackOption,
)
from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo
from trustcoach.default_pack import DEFAULT_PACK
from trustcoach.errors import SessionInterrupted

if TYPE_CHECKING:
    from trustcoach.journal.history import History
    from trustcoach.journal.model import Journal
    from trustcoach.journal.store import JournalStore
    from trustcoach.session.engine import Session


def start(
    ctx: typer.Context,
    lang: LangOption = None,
    pack: PackOption = DEFAULT_PACK,
    answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--answers", help=help_text("help_answers")),
    ] = None,
) -> None:
    """Start a new guided session; every answer is saved as you give it."""
    from trustcoach.clock import now
    from trustcoach.files import home_dir
    from trustcoach.packs.loading import find_pack
    from trustcoach.session.engine import Session

    run: Run = ctx.obj
    chosen = run.choose_lang(lang)
    loaded = find_pack(pack, chosen, home_dir())
    store = run.open_store()
    found = _history(store, chosen)
    session = Session(loaded, store, now, open_commitments=_open_commitments(found))
    if answers is not None:
        _start_unattended(session, found, answers, run)
        return
    again = _start_again(pack, lang)
    if _resumed_instead(store, found, run, unattended=False, again=again):
        return
    store.ensure()
    run_interactive(session, run, again)


def _start_again(pack: str, lang: str | None) -> str:
    """The command that begins this session again, with the options it was given."""
    import shlex

    words = ["start"]
    words += ["--pack", pack] if pack != DEFAULT_PACK else []
    words += ["--lang", lang] if lang else []
    return shlex.join(words)


def _start_unattended(session: "Session", found: "History", path: Path, run: Run) -> None:
    """A whole session from an answers file: every answer is checked before anything is
    written (an unfinished session from before is left only then), then saved at once."""
    from trustcoach.session.answers_file import read_answers_file
    from trustcoach.session.unattended import check_unattended, save_unattended

    checked = check_unattended(session, *read_answers_file(path))
    _resumed_instead(session.store, found, run, unattended=True)
    journal = save_unattended(session, checked)
    echo(run.say("session_saved", id=journal.id, path=session.store.path_for(journal.id)))


def resume(ctx: typer.Context, session_id: OptionalSessionArg = None) -> None:
    """Continue an unfinished session at its first unanswered question."""
    run: Run = ctx.obj
    store = run.open_store()
    chosen = store.latest_unfinished() if session_id is None else store.resolve(session_id)
    store.ensure()
    store.hold(chosen)
    journal = store.load(chosen)
    run.speak(journal.lang)
    if journal.status == "complete":
        echo(run.say("session_already_complete", id=chosen))
        return
    continue_session(store, journal, run)


def continue_session(store: "JournalStore", journal: "Journal", run: Run) -> None:
    """Run an unfinished session (held by this process) from its first unanswered question;
    one that was left unfinished is no longer left once it continues."""
    from trustcoach.clock import now
    from trustcoach.packs.loading import find_session_pack
    from trustcoach.session.engine import Session

    run.speak(journal.lang)
    journal.left_at = None
    loaded = find_session_pack(journal.pack, journal.pack_source, journal.lang, store.home)
    others = _open_commitments(_history(store, journal.lang), exclude=journal.id)
    run_interactive(Session(loaded, store, now, journal, others), run)


def _history(store: "JournalStore", lang: str) -> "History":
    from trustcoach.cli.terminal.progress import ProgressBar
    from trustcoach.journal.index import history

    return history(store, ProgressBar(lang))


def _open_commitments(found: "History", exclude: str | None = None) -> list[Any]:
    from trustcoach.journal.history import open_commitments

    return open_commitments(found, exclude_session=exclude)


def _resumed_instead(
    store: "JournalStore", found: "History", run: Run, *, unattended: bool, again: str = "start"
) -> bool:
    """With an unfinished session from before, ask whether to continue it (True: it was
    continued) or to leave it unfinished; an unattended start leaves it, and says so."""
    from trustcoach.clock import now
    from trustcoach.session.remembering import leave, resume_or_leave, unfinished_session

    journal = unfinished_session(store, found)
    if journal is None:
        return False
    store.ensure()  # tidy what a crash left before anything is asked
    if not unattended:
        from trustcoach.cli.dialogues.session import TerminalUI

        try:
            ui = TerminalUI(run.lang, program=run.program)
            resume = resume_or_leave(ui, journal, run.lang, run.program)
        except (KeyboardInterrupt, EOFError):
            echo("")
            raise SessionInterrupted("interrupted_nothing", again=again) from None
        if resume:
            continue_session(store, journal, run)
            return True
    leave(store, journal, now())
    store.release(journal.id)
    echo(run.say("left_notice", id=journal.id))
    return False


def run_interactive(session: "Session", run: Run, again: str = "start") -> None:
    """Run a session at the terminal; Ctrl-C or end of input says how to resume."""
    from trustcoach.cli.dialogues.session import TerminalUI
    from trustcoach.errors import SessionInterrupted

    run.speak(session.lang)
    try:
        session.run(TerminalUI(session.lang, program=run.program))
    except (KeyboardInterrupt, EOFError):
        echo("")
        if session.session_id:
            raise SessionInterrupted("interrupted", id=session.session_id) from None
        raise SessionInterrupted("interrupted_nothing", again=again) from None
