"""The command line: the typer application, its commands, and one place that turns errors into
one sentence and an exit code.

Commands live in small modules by what they are for; this module only puts them together.
Heavy modules (rich's renderables, the pack models, the session engine) are imported inside the
commands that use them, so ``--help`` and ``--version`` stay fast. Help texts come from the
catalog, in the language of ``--lang`` on the command line or else of the environment.
"""

import sys
from typing import Annotated

import typer

from trustcoach import __version__
from trustcoach.cli.commands import (
    checkin,
    doctor,
    exporting,
    forgetting,
    locking,
    looking_back,
    packs,
    remind,
    safety,
    sessions,
)
from trustcoach.cli.run import forget_lang, release_stores, spoken_lang
from trustcoach.cli.terminal import clicks
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo
from trustcoach.errors import TrustcoachError

app = typer.Typer(
    name="trustcoach",
    help=help_text("help_app"),
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=clicks.Group,
)
pack_app = typer.Typer(
    help=help_text("help_pack_group"), rich_markup_mode=None, cls=clicks.Group, no_args_is_help=True
)
app.add_typer(pack_app, name="pack")


COMMAND = clicks.Command  # every command's help is laid out by clicks.HelpFormatter

app.command(help=help_text("help_start"), cls=COMMAND)(sessions.start)
app.command(help=help_text("help_resume"), cls=COMMAND)(sessions.resume)
app.command(help=help_text("help_safety"), cls=COMMAND)(safety.safety)
app.command("list", help=help_text("help_list"), cls=COMMAND)(looking_back.list_sessions)
app.command(help=help_text("help_show"), cls=COMMAND)(looking_back.show)
app.command(help=help_text("help_export"), cls=COMMAND)(exporting.export)
app.command(help=help_text("help_progress"), cls=COMMAND)(looking_back.progress)
app.command(help=help_text("help_checkin"), cls=COMMAND)(checkin.checkin)
app.command(help=help_text("help_remind"), cls=COMMAND)(remind.remind)
pack_app.command("list", help=help_text("help_pack_list"), cls=COMMAND)(packs.pack_list)
pack_app.command("show", help=help_text("help_pack_show"), cls=COMMAND)(packs.pack_show)
pack_app.command("init", help=help_text("help_pack_init"), cls=COMMAND)(packs.pack_init)
pack_app.command("validate", help=help_text("help_pack_validate"), cls=COMMAND)(
    packs.pack_validate
)
app.command(help=help_text("help_doctor"), cls=COMMAND)(doctor.doctor)
app.command(help=help_text("help_forget"), cls=COMMAND)(forgetting.forget)
app.command(help=help_text("help_lock"), cls=COMMAND)(locking.lock)
app.command(help=help_text("help_unlock"), cls=COMMAND)(locking.unlock)


def _version(value: bool) -> None:
    if value:
        echo(f"trustcoach {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=help_text("help_version")),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=help_text("help_debug"))] = False,
) -> None:
    """trustcoach: a calm, private guide for rebuilding trust, one honest step at a time."""
    from trustcoach.clock import check_now

    check_now()
    if ctx.invoked_subcommand is None:
        looking_back.home()


def main(argv: list[str] | None = None) -> None:
    """Run the program; user errors become one sentence on stderr and a non-zero exit."""
    from trustcoach.catalog.say import name_program
    from trustcoach.cli.terminal.invocation import how_run

    args = sys.argv[1:] if argv is None else argv
    name_program(how_run() if argv is None else "trustcoach")
    debug = "--debug" in args
    try:
        code = app(args=args, prog_name="trustcoach", standalone_mode=False)
    except TrustcoachError as exc:
        if debug:
            raise
        _print_error(exc)
        sys.exit(exc.exit_code)
    except (clicks.CommandLineError, clicks.Stopped) as exc:
        _print_command_line_error(exc)
    except Exception as exc:
        if debug:
            raise
        from trustcoach.catalog.say import say

        detail = say(spoken_lang(), "unexpected", kind=type(exc).__name__, detail=exc)
        echo(detail, err=True)
        sys.exit(70)
    finally:
        release_stores()
        forget_lang()
    sys.exit(code if isinstance(code, int) else 0)


def _print_command_line_error(exc: Exception) -> None:
    """Click's error about the command line, in the command's language; exit 2 (1 when a
    question was stopped)."""
    from trustcoach.catalog.say import PROGRAM, say

    lang = spoken_lang()
    if isinstance(exc, clicks.HelpInstead):  # a group given no command: its help
        echo(exc.format_message(), err=True)
        sys.exit(2)
    if isinstance(exc, clicks.Stopped):
        echo(say(lang, "error", message=say(lang, "usage_stopped")), err=True)
        sys.exit(1)
    message = clicks.usage_problem(exc, lang, PROGRAM[0])
    echo(say(lang, "error", message=message), err=True)
    sys.exit(2)


def _print_error(exc: TrustcoachError) -> None:
    """The error in the command's language: one sentence, then its problems one per line."""
    from trustcoach.catalog.say import say, tell
    from trustcoach.errors import SessionInterrupted
    from trustcoach.text import visible

    lang = spoken_lang()
    message = visible(tell(lang, exc.message))
    if isinstance(exc, SessionInterrupted):
        echo(message, err=True)
        return
    echo(say(lang, "error", message=message), err=True)
    for problem in exc.problems:
        echo(say(lang, "error_problem", problem=visible(tell(lang, problem))), err=True)
