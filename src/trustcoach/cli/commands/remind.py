"""``trustcoach remind``: an iCalendar file of due dates, so any calendar can remind."""

from pathlib import Path
from typing import Annotated

import typer

from trustcoach.cli.commands.checkin import open_commitments
from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo


def remind(
    ctx: typer.Context,
    ics: Annotated[Path, typer.Option("--ics", help=help_text("help_remind_ics"))],
    detailed: Annotated[
        bool, typer.Option("--detailed", help=help_text("help_remind_detailed"))
    ] = False,
    with_checkin: Annotated[
        bool, typer.Option("--checkin", help=help_text("help_remind_checkin"))
    ] = False,
    at: Annotated[str, typer.Option("--at", help=help_text("help_remind_at"))] = "21:00",
    force: Annotated[bool, typer.Option("--force", help=help_text("help_remind_force"))] = False,
) -> None:
    """Write an iCalendar file with the days and due date of each open commitment."""
    from trustcoach.clock import now
    from trustcoach.export.calendar import CalendarRequest, home_calendar, parse_time
    from trustcoach.outputs import check_output, write_new_file

    run: Run = ctx.obj
    lang = run.choose_lang()
    checkin_at = parse_time(at) if with_checkin else None
    check_output(ics, force=force)
    store = run.open_store()
    commitments = open_commitments(store, lang)
    request = CalendarRequest(commitments, now(), lang, detailed, checkin_at, program=run.program)
    data, withdrawn = home_calendar(store.home, request)
    if write_new_file(ics, data, force=force):
        return  # the calendar went to standard output: nothing else goes there
    echo(run.say("remind_wrote", path=ics, count=len(commitments)))
    if withdrawn:
        echo(run.say("remind_withdrawn", count=withdrawn))
    echo(run.say("remind_detailed" if detailed else "remind_neutral"))
