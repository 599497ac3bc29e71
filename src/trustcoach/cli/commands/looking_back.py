"""Looking back: the home screen, ``list``, ``show`` and ``progress``."""

from typing import Annotated

import typer

from trustcoach.cli.options import JsonOption, SessionArg
from trustcoach.cli.run import command_lang, open_store
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import HANG, echo, echo_data
from trustcoach.cli.terminal.progress import ProgressBar


def home() -> None:
    """The home screen: the last session, the trend, commitments due, what to do next."""
    from trustcoach.cli.screens.home import home_text
    from trustcoach.clock import now
    from trustcoach.journal.index import scan
    from trustcoach.session.between import gather

    lang = command_lang()
    store, today = open_store(), now().date()
    found, unreadable = scan(store, ProgressBar(lang))
    echo(home_text(found, today, len(unreadable), lang, gather(store, found, today)), hang=HANG)


def list_sessions(as_json: JsonOption = False) -> None:
    """List past sessions, newest first: date, status, ratings, commitments kept."""
    from trustcoach.cli.screens.lists import list_rows, list_text
    from trustcoach.journal.index import scan

    lang = command_lang()
    store = open_store()
    others: list[str] = []  # what else is in the folder, seen by the same directory pass
    found, unreadable = scan(store, ProgressBar(lang), others)
    from trustcoach.journal.folder import count_sync_leftovers

    leftovers = count_sync_leftovers(store.folder, others)
    if not as_json:
        echo(list_text(found, unreadable, lang, leftovers), hang=HANG)
        return
    from trustcoach.catalog.say import say
    from trustcoach.text import json_text

    echo_data(json_text(list_rows(found, unreadable)))
    if leftovers:  # the JSON is the sessions; what a sync tool left is said beside it
        echo(say(lang, "list_sync_leftovers", count=leftovers), err=True)


def show(session: SessionArg) -> None:
    """Show one session, readable, in the language it was answered in."""
    from trustcoach.export.assemble import load_session, own_document
    from trustcoach.export.render_text import render

    command_lang()
    echo(render(own_document(load_session(open_store(), session))))


def progress(
    as_json: JsonOption = False,
    show_all: Annotated[bool, typer.Option("--all", help=help_text("help_all"))] = False,
) -> None:
    """Ratings over time as a chart, and commitments made and kept."""
    from trustcoach.cli.screens.lists import progress_data, progress_text
    from trustcoach.clock import now
    from trustcoach.journal.index import scan
    from trustcoach.session.between import gather

    lang = command_lang()
    store = open_store()
    found, unreadable = scan(store, ProgressBar(lang))
    between = gather(store, found, now().date(), compare=False)
    if as_json:
        from trustcoach.text import json_text

        echo_data(json_text(progress_data(found, unreadable, between)))
    else:
        echo(progress_text(found, unreadable, show_all, lang, between), hang=HANG)
