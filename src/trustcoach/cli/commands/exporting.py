"""``trustcoach export``: one session, or a report since a date, for a counselor."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from trustcoach.cli.options import NamesOption, OutputOption, complete_session
from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo, echo_data
from trustcoach.errors import UsageError
from trustcoach.export.formats import DEFAULT

if TYPE_CHECKING:
    from trustcoach.export.selection import Selection
    from trustcoach.journal.store import JournalStore


def export(
    ctx: typer.Context,
    session: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="ID|latest",
            help=help_text("help_export_session"),
            autocompletion=complete_session,
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help=help_text("help_format"))
    ] = DEFAULT,
    output: OutputOption = None,
    force: Annotated[bool, typer.Option("--force", help=help_text("help_force"))] = False,
    share: Annotated[bool, typer.Option("--share", help=help_text("help_share"))] = False,
    only: NamesOption = None,
    exclude: NamesOption = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help=help_text("help_since")),
    ] = None,
    client: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--client", help=help_text("help_client")),
    ] = None,
    to_age: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--to-age", metavar="RECIPIENT", help=help_text("help_to_age")),
    ] = None,
) -> None:
    """Export a session (or a report since a date) as Markdown, JSON, printable HTML or FHIR."""
    from trustcoach.export.formats import find_format
    from trustcoach.export.selection import Selection, split_names

    run: Run = ctx.obj
    run.choose_lang()
    find_format(format)
    how = _Handover(format, output, force, client, to_age)
    names = Selection(tuple(split_names(only or [])), tuple(split_names(exclude or [])))
    store = run.open_store()
    if since is not None:
        if session is not None or share:
            raise UsageError("export_since_alone")
        text = _report(store, since, names, run, how)
    elif session is None:
        raise UsageError("export_which")
    else:
        text = _session(store, session, names, share, how, run)
    _write(text, how, run)


class _Handover:
    """How an export is handed over: its format, the client's label, where it goes (a file,
    or standard output), and the counselor's key when it is encrypted."""

    def __init__(
        self,
        fmt: str,
        output: Path | None,
        force: bool,
        client: str | None,
        to_age: list[str] | None,
    ) -> None:
        from trustcoach.export.handover import check_client

        self.fmt, self.output, self.force = fmt, output, force
        self.client = check_client(client) if client is not None else None
        self.recipients = []
        if to_age:  # before any work, so that a mistyped key costs nothing
            from trustcoach.export.sealing import check_recipients

            self.recipients = check_recipients(to_age)

    def decide(self, default: Path, *, always_a_file: bool = False) -> Path | None:
        """Where the export goes: --output; else a file named ``default`` (``.age`` added
        when encrypted) when it is encrypted, chosen with --share, or HTML at a terminal;
        else standard output."""
        import sys

        from trustcoach.export.formats import FORMATS

        if self.output is not None:
            return self.output
        if self.recipients:
            self.output = default.with_name(default.name + ".age")
        elif always_a_file or (FORMATS[self.fmt].page and sys.stdout.isatty()):
            self.output = default
        return self.output


def _report(store: "JournalStore", since: str, names: "Selection", run: Run, how: _Handover) -> str:
    from trustcoach.clock import now
    from trustcoach.export.assemble import report_start, report_text
    from trustcoach.export.handover import report_output

    today = now().date()
    start = report_start(since, today).isoformat()
    how.decide(report_output(start, how.fmt, how.client))
    text = report_text(
        store, since, how.fmt, selection=names, today=today, lang=run.lang, client=how.client
    )
    _say_skipped(store, since, run)
    return text


def _say_skipped(store: "JournalStore", since: str, run: Run) -> None:
    """Say on stderr how many journal files of the report's period could not be read, and so
    are not in it (a journal's file name starts with the day it began)."""
    from datetime import date

    from trustcoach.journal.index import scan

    first = date.fromisoformat(since).strftime("%Y%m%d")
    skipped = [u for u in scan(store)[1] if u.path.stem[:8] >= first]
    if skipped:
        echo(run.say("report_skipped", count=len(skipped)), err=True)


def _session(
    store: "JournalStore", ref: str, names: "Selection", share: bool, how: _Handover, run: Run
) -> str:
    """The text of one session's export; with ``share``, the client chooses what goes in,
    sees a preview and says yes before anything is written."""
    from trustcoach.export import assemble
    from trustcoach.export.formats import FORMATS, session_renderer
    from trustcoach.export.handover import default_output

    source = assemble.load_session(store, ref)
    default = default_output(source.journal.id, how.fmt, how.client)
    output = how.decide(default, always_a_file=share)
    if not share:
        doc = assemble.session_document(store, source, names, client=how.client)
        return session_renderer(FORMATS[how.fmt])(doc)
    from trustcoach.cli.dialogues.share import ShareUI
    from trustcoach.errors import SessionInterrupted
    from trustcoach.export.render_text import render as preview
    from trustcoach.outputs import check_output

    assert output is not None  # --share always writes a file
    if str(output) == "-":
        raise UsageError("share_needs_file")
    check_output(output, force=how.force)  # before the client spends time choosing
    run.speak(source.lang)
    ui = ShareUI(source.lang)
    try:
        doc = assemble.session_document(store, source, names, ui, how.client)
        if not ui.confirm_export(preview(doc), output):
            _declined(run)
    except (KeyboardInterrupt, EOFError):
        raise SessionInterrupted("share_cancelled") from None
    return session_renderer(FORMATS[how.fmt])(doc)


def _declined(run: Run) -> NoReturn:
    """The client said no at the last question: say that nothing was written, and exit 1."""
    echo(run.say("share_cancelled"), err=True)
    raise typer.Exit(1)


def _write(text: str, how: _Handover, run: Run) -> None:
    if how.output is None:
        echo_data(text)
        return
    from trustcoach.outputs import write_new_file

    data = text.encode("utf-8")
    if how.recipients:
        from trustcoach.export.sealing import seal

        data = seal(data, how.recipients)  # in memory: the plain text never reaches the disk
    if write_new_file(how.output, data, force=how.force):
        return  # it went to standard output: nothing else goes there
    if not how.recipients:
        echo(run.say("export_wrote", path=how.output))
    elif len(how.recipients) == 1:
        echo(run.say("export_wrote_sealed", path=how.output))
    else:
        echo(run.say("export_wrote_sealed_many", path=how.output, count=len(how.recipients)))
