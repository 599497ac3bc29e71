"""The command line: the typer application, its commands, and one place that turns errors into
one sentence and an exit code.

Commands live in small modules by what they are for; this module only puts them together.
Heavy modules (rich's renderables, the pack models, the session engine) are imported inside the
commands that use them, so ``--help`` and ``--version`` stay fast. Help texts come from the
catalog, said when the help is shown, in the language of ``--lang`` on the command line or else
of the environment (``cli/terminal/help_words.py``).
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
from trustcoach.cli.run import Run
from trustcoach.cli.terminal import clicks
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo
from trustcoach.errors import TrustcoachError

COMMAND = clicks.Command  # every command's help is laid out by clicks.HelpFormatter


def make_app() -> typer.Typer:
    """The typer application with every command, made for each run (nothing of it is kept
    between runs)."""
    app = typer.Typer(
        name="trustcoach",
        help=help_text("help_app"),
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        cls=clicks.Group,
    )
    app.callback()(root)
    app.command(help=help_text("help_start"), cls=COMMAND)(sessions.start)
    app.command(help=help_text("help_resume"), cls=COMMAND)(sessions.resume)
    app.command(help=help_text("help_safety"), cls=COMMAND)(safety.safety)
    app.command("list", help=help_text("help_list"), cls=COMMAND)(looking_back.list_sessions)
    app.command(help=help_text("help_show"), cls=COMMAND)(looking_back.show)
    app.command(help=help_text("help_export"), cls=COMMAND)(exporting.export)
    app.command(help=help_text("help_progress"), cls=COMMAND)(looking_back.progress)
    app.command(help=help_text("help_checkin"), cls=COMMAND)(checkin.checkin)
    app.command(help=help_text("help_remind"), cls=COMMAND)(remind.remind)
    app.command(help=help_text("help_doctor"), cls=COMMAND)(doctor.doctor)
    app.command(help=help_text("help_forget"), cls=COMMAND)(forgetting.forget)
    app.command(help=help_text("help_lock"), cls=COMMAND)(locking.lock)
    app.command(help=help_text("help_unlock"), cls=COMMAND)(locking.unlock)
    app.add_typer(_pack_app(), name="pack")
    return app


def _pack_app() -> typer.Typer:
    pack_app = typer.Typer(
        help=help_text("help_pack_group"),
        rich_markup_mode=None,
        cls=clicks.Group,
        no_args_is_help=True,
    )
    pack_app.command("list", help=help_text("help_pack_list"), cls=COMMAND)(packs.pack_list)
    pack_app.command("show", help=help_text("help_pack_show"), cls=COMMAND)(packs.pack_show)
    pack_app.command("init", help=help_text("help_pack_init"), cls=COMMAND)(packs.pack_init)
    pack_app.command("validate", help=help_text("help_pack_validate"), cls=COMMAND)(
        packs.pack_validate
    )
    return pack_app


def _version(value: bool) -> None:
    if value:
        echo(f"trustcoach {__version__}")
        raise typer.Exit()


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
        looking_back.home(ctx)


def main(argv: list[str] | None = None) -> None:
    """Run the program once; user errors become one sentence on stderr and a non-zero exit.

    The run (its program name, languages, open stores) is made here for this command line,
    handed to the commands as ``ctx.obj``, and closed here however the command ends."""
    from trustcoach.cli.terminal.invocation import how_run

    args = sys.argv[1:] if argv is None else argv
    run = Run(how_run() if argv is None else "trustcoach", args)
    debug = "--debug" in args
    try:
        code = make_app()(args=args, prog_name="trustcoach", standalone_mode=False, obj=run)
    except TrustcoachError as exc:
        if debug:
            raise
        _print_error(exc, run)
        sys.exit(exc.exit_code)
    except (clicks.CommandLineError, clicks.Stopped) as exc:
        _print_command_line_error(exc, run)
    except Exception as exc:
        if debug:
            raise
        echo(run.say("unexpected", kind=type(exc).__name__, detail=exc), err=True)
        sys.exit(70)
    finally:
        run.close()
    sys.exit(code if isinstance(code, int) else 0)


def _print_command_line_error(exc: Exception, run: Run) -> None:
    """Click's error about the command line, in the command's language; exit 2 (1 when a
    question was stopped)."""
    if isinstance(exc, clicks.HelpInstead):  # a group given no command: its help
        echo(exc.format_message(), err=True)
        sys.exit(2)
    if isinstance(exc, clicks.Stopped):
        echo(run.say("error", message=run.say("usage_stopped")), err=True)
        sys.exit(1)
    message = clicks.usage_problem(exc, run.lang, run.program)
    echo(run.say("error", message=message), err=True)
    sys.exit(2)


def _print_error(exc: TrustcoachError, run: Run) -> None:
    """The error in the command's language: one sentence, then its problems one per line."""
    from trustcoach.errors import SessionInterrupted
    from trustcoach.text import visible

    message = visible(run.tell(exc.message))
    if isinstance(exc, SessionInterrupted):
        echo(message, err=True)
        return
    echo(run.say("error", message=message), err=True)
    for problem in exc.problems:
        echo(run.say("error_problem", problem=visible(run.tell(problem))), err=True)
