"""``trustcoach remind``: an iCalendar file of due dates, so any calendar can remind."""

from pathlib import Path
from typing import Annotated

import typer

from trustcoach.cli.commands.checkin import open_commitments
from trustcoach.cli.run import command_lang, open_store
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo


def remind(
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
    """Write an iCalendar file with the due date of each open commitment."""
    from trustcoach.catalog.say import say
    from trustcoach.clock import now
    from trustcoach.errors import UsageError
    from trustcoach.export.calendar import CalendarRequest, calendar_bytes, parse_time
    from trustcoach.outputs import check_output, write_new_file

    lang = command_lang()
    checkin_at = parse_time(at) if with_checkin else None
    check_output(ics, force=force)
    commitments = open_commitments(open_store(), lang)
    if not commitments:
        raise UsageError("remind_nothing")
    request = CalendarRequest(commitments, now(), lang, detailed, checkin_at)
    if write_new_file(ics, calendar_bytes(request), force=force):
        return  # the calendar went to standard output: nothing else goes there
    echo(say(lang, "remind_wrote", path=ics, count=len(commitments)))
    echo(say(lang, "remind_detailed" if detailed else "remind_neutral"))
