"""``trustcoach export``: one session, or a report since a date, for a counselor."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from trustcoach.cli.common import (
    NamesOption,
    OutputOption,
    command_lang,
    complete_session,
    help_text,
    open_store,
    speak,
    spoken_lang,
)
from trustcoach.cli.output import echo, echo_data
from trustcoach.errors import UsageError

if TYPE_CHECKING:
    from trustcoach.export.selection import Selection
    from trustcoach.journal.store import JournalStore


def export(
    session: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="ID|latest",
            help=help_text("help_export_session"),
            autocompletion=complete_session,
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", help=help_text("help_format"))] = "md",
    output: OutputOption = None,
    force: Annotated[bool, typer.Option("--force", help=help_text("help_force"))] = False,
    share: Annotated[bool, typer.Option("--share", help=help_text("help_share"))] = False,
    only: NamesOption = None,
    exclude: NamesOption = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help=help_text("help_since")),
    ] = None,
) -> None:
    """Export a session (or a report since a date) as Markdown, JSON or printable HTML."""
    from trustcoach.export.assemble import check_format
    from trustcoach.export.selection import Selection, split_names

    lang = command_lang()
    check_format(format)
    names = Selection(tuple(split_names(only or [])), tuple(split_names(exclude or [])))
    store = open_store()
    if since is not None:
        if session is not None or share:
            raise UsageError("export_since_alone")
        text = _report(store, since, format, names, lang)
    elif session is None:
        raise UsageError("export_which")
    else:
        text, output = _session(store, session, format, names, output, force, share)
    _write(text, output, force)


def _report(store: "JournalStore", since: str, fmt: str, names: "Selection", lang: str) -> str:
    from trustcoach.clock import now
    from trustcoach.export.assemble import report_text

    today = now().date()
    text = report_text(store, since, fmt, selection=names, today=today, lang=lang)
    _say_skipped(store, since, lang)
    return text


def _say_skipped(store: "JournalStore", since: str, lang: str) -> None:
    """Say on stderr how many journal files of the report's period could not be read, and so
    are not in it (a journal's file name starts with the day it began)."""
    from datetime import date

    from trustcoach.catalog.say import say
    from trustcoach.journal.index import scan

    first = date.fromisoformat(since).strftime("%Y%m%d")
    skipped = [u for u in scan(store)[1] if u.path.stem[:8] >= first]
    if skipped:
        echo(say(lang, "report_skipped", count=len(skipped)), err=True)


def _session(
    store: "JournalStore",
    ref: str,
    fmt: str,
    names: "Selection",
    output: Path | None,
    force: bool,
    share: bool,
) -> tuple[str, Path | None]:
    """The text of one session's export, and where it goes; with ``share``, the client chooses
    what goes in, sees a preview and says yes before anything is written."""
    from trustcoach.export import assemble

    journal, pack = assemble.load_session(store, ref)
    if not share:
        doc = assemble.session_document(store, journal, pack, names)
        return assemble.renderer(fmt)(doc), output
    from trustcoach.cli.ui import TerminalUI
    from trustcoach.errors import SessionInterrupted
    from trustcoach.export.render_text import render as preview
    from trustcoach.files import check_output

    output = output or assemble.default_output(journal.id, fmt)
    check_output(output, force=force)  # before the client spends time choosing
    speak(journal.lang)
    ui = TerminalUI(journal.lang)
    try:
        doc = assemble.session_document(store, journal, pack, names, chooser=ui)
        if not ui.confirm_export(preview(doc), output):
            _declined()
    except (KeyboardInterrupt, EOFError):
        raise SessionInterrupted("share_cancelled") from None
    return assemble.renderer(fmt)(doc), output


def _declined() -> NoReturn:
    """The client said no at the last question: say that nothing was written, and exit 1."""
    from trustcoach.catalog.say import say

    echo(say(spoken_lang(), "share_cancelled"), err=True)
    raise typer.Exit(1)


def _write(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        echo_data(text)
        return
    from trustcoach.catalog.say import say
    from trustcoach.files import write_new_file

    write_new_file(output, text, force=force)
    echo(say(spoken_lang(), "export_wrote", path=output))
