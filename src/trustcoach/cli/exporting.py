"""``trustcoach export``: one session, or a report since a date, for a counselor."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from trustcoach.cli.common import NamesOption, OutputOption, complete_session, open_store
from trustcoach.errors import UsageError

if TYPE_CHECKING:
    from trustcoach.journal.store import JournalStore


def export(
    session: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="ID|latest",
            help="The session to export (not with --since).",
            autocompletion=complete_session,
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", help="md, json or html.")] = "md",
    output: OutputOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing --output file.")
    ] = False,
    share: Annotated[
        bool, typer.Option("--share", help="Choose answer by answer what goes in, then preview.")
    ] = False,
    only: NamesOption = None,
    exclude: NamesOption = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help="A report over all sessions from this date (YYYY-MM-DD)."),
    ] = None,
) -> None:
    """Export a session (or a report since a date) as Markdown, JSON or printable HTML."""
    from trustcoach.export.assemble import check_format
    from trustcoach.export.selection import split_names

    check_format(format)
    names = split_names(only or []), split_names(exclude or [])
    store = open_store()
    if since is not None:
        if session is not None or share:
            raise UsageError(
                "--since makes a report over several sessions: leave out ID and --share"
            )
        text = _report(store, since, format, *names)
    elif session is None:
        raise UsageError("say which session to export: an id, a prefix of one, or latest")
    else:
        text, output = _session(store, session, format, names, output, force, share)
    _write(text, output, force)


def _report(
    store: "JournalStore", since: str, fmt: str, only: list[str], exclude: list[str]
) -> str:
    from trustcoach.clock import now
    from trustcoach.export.assemble import report_text

    return report_text(store, since, fmt, only=only, exclude=exclude, today=now().date())


def _session(
    store: "JournalStore",
    ref: str,
    fmt: str,
    names: tuple[list[str], list[str]],
    output: Path | None,
    force: bool,
    share: bool,
) -> tuple[str, Path | None]:
    """The text of one session's export, and where it goes; with ``share``, the client chooses
    what goes in, sees a preview and says yes before anything is written."""
    from trustcoach.export import assemble

    journal, pack = assemble.load_session(store, ref)
    if not share:
        doc = assemble.session_document(journal, pack, *names)
        return assemble.renderer(fmt)(doc), output
    from trustcoach.cli.ui import TerminalUI
    from trustcoach.errors import SessionInterrupted
    from trustcoach.export.render_text import render as preview
    from trustcoach.files import check_output

    output = output or assemble.default_output(journal.id, fmt)
    check_output(output, force=force)  # before the client spends time choosing
    ui = TerminalUI(journal.lang)
    try:
        doc = assemble.session_document(journal, pack, *names, chooser=ui)
        if not ui.confirm_export(preview(doc), output):
            raise typer.Exit(1)
    except (KeyboardInterrupt, EOFError):
        raise SessionInterrupted("Nothing was written.") from None
    return assemble.renderer(fmt)(doc), output


def _write(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from trustcoach.files import write_new_file

    write_new_file(output, text, force=force)
    typer.echo(f"Wrote {output}")
