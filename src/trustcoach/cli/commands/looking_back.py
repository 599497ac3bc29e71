"""Looking back: the home screen, ``list``, ``show`` and ``progress``."""

from typing import Annotated

import typer

from trustcoach.cli.options import JsonOption, SessionArg
from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import HANG, echo, echo_data
from trustcoach.cli.terminal.progress import ProgressBar


def home(ctx: typer.Context) -> None:
    """The home screen: the last session, the trend, commitments due, what to do next."""
    from trustcoach.cli.screens.home import home_text
    from trustcoach.clock import now
    from trustcoach.journal.index import scan
    from trustcoach.session.between import gather

    run: Run = ctx.obj
    lang = run.choose_lang()
    store, today = run.open_store(), now().date()
    found, unreadable = scan(store, ProgressBar(lang))
    between = gather(store, found, today)
    text = home_text(found, today, len(unreadable), lang, between, program=run.program)
    echo(text, hang=HANG)


def list_sessions(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List past sessions, newest first: date, status, ratings, commitments kept."""
    from trustcoach.cli.screens.lists import list_rows, list_text
    from trustcoach.journal.index import scan

    run: Run = ctx.obj
    lang = run.choose_lang()
    store = run.open_store()
    others: list[str] = []  # what else is in the folder, seen by the same directory pass
    found, unreadable = scan(store, ProgressBar(lang), others)
    from trustcoach.journal.folder import count_sync_leftovers

    leftovers = count_sync_leftovers(store.folder, others)
    if not as_json:
        echo(list_text(found, unreadable, lang, leftovers, program=run.program), hang=HANG)
        return
    from trustcoach.text import json_text

    echo_data(json_text(list_rows(found, unreadable, run.program)))
    if leftovers:  # the JSON is the sessions; what a sync tool left is said beside it
        echo(run.say("list_sync_leftovers", count=leftovers), err=True)


def show(ctx: typer.Context, session: SessionArg) -> None:
    """Show one session, readable, in the language it was answered in."""
    from trustcoach.export.assemble import load_session, own_document
    from trustcoach.export.render_text import render

    run: Run = ctx.obj
    run.choose_lang()
    echo(render(own_document(load_session(run.open_store(), session))))


def progress(
    ctx: typer.Context,
    as_json: JsonOption = False,
    show_all: Annotated[bool, typer.Option("--all", help=help_text("help_all"))] = False,
) -> None:
    """Ratings over time as a chart, and commitments made and kept."""
    from trustcoach.cli.screens.lists import progress_data, progress_text
    from trustcoach.clock import now
    from trustcoach.journal.index import scan
    from trustcoach.session.between import gather

    run: Run = ctx.obj
    lang = run.choose_lang()
    store = run.open_store()
    found, unreadable = scan(store, ProgressBar(lang))
    between = gather(store, found, now().date(), compare=False)
    if as_json:
        from trustcoach.text import json_text

        echo_data(json_text(progress_data(found, unreadable, between, run.program)))
    else:
        text = progress_text(found, unreadable, show_all, lang, between, program=run.program)
        echo(text, hang=HANG)
