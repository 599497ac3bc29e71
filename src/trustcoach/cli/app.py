"""The command line: the typer application, its commands, and one place that turns errors into
one sentence and an exit code.

Commands live in small modules by what they are for; this module only puts them together.
Heavy modules (rich's renderables, the pack models, the session engine) are imported inside the
commands that use them, so ``--help`` and ``--version`` stay fast.
"""

import sys
from typing import Annotated

import typer

from trustcoach import __version__
from trustcoach.cli import doctor, exporting, looking_back, packs, sessions
from trustcoach.cli.common import release_stores
from trustcoach.errors import TrustcoachError

app = typer.Typer(
    name="trustcoach",
    help="A guided self-reflection for rebuilding a partner's trust. Private: nothing leaves "
    "this computer.",
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
pack_app = typer.Typer(help="See, check and copy prompt packs.", rich_markup_mode=None)
app.add_typer(pack_app, name="pack")

app.command()(sessions.start)
app.command()(sessions.resume)
app.command("list")(looking_back.list_sessions)
app.command()(looking_back.show)
app.command()(exporting.export)
app.command()(looking_back.progress)
pack_app.command("list")(packs.pack_list)
pack_app.command("show")(packs.pack_show)
pack_app.command("init")(packs.pack_init)
pack_app.command("validate")(packs.pack_validate)
app.command()(doctor.doctor)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trustcoach {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a full traceback when something fails.")
    ] = False,
) -> None:
    """trustcoach: a calm, private guide for rebuilding trust, one honest step at a time."""
    if ctx.invoked_subcommand is None:
        looking_back.home()


def main(argv: list[str] | None = None) -> None:
    """Run the program; user errors become one sentence on stderr and a non-zero exit."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        app(args=args, prog_name="trustcoach")
    except TrustcoachError as exc:
        if debug:
            raise
        _print_error(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:
        if debug:
            raise
        typer.echo(
            f"trustcoach: unexpected problem ({type(exc).__name__}: {exc}). "
            "Your saved answers are safe. Run the command again with --debug for details.",
            err=True,
        )
        sys.exit(70)
    finally:
        release_stores()


def _print_error(exc: TrustcoachError) -> None:
    from trustcoach.errors import SessionInterrupted
    from trustcoach.text import visible

    if isinstance(exc, SessionInterrupted):
        typer.echo(visible(exc.message), err=True)
        return
    typer.echo(f"trustcoach: {visible(exc.message)}", err=True)
    for problem in getattr(exc, "problems", []):
        typer.echo(f"  - {visible(problem)}", err=True)
