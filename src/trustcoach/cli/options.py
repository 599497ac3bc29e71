"""What the commands share on the command line: the option and argument types (their help texts
said in the help language) and shell completion.

Like the command modules, this module does not postpone its annotations: typer reads them on
every run, and evaluating them once at import is faster than evaluating strings each time.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text


def complete_session(ctx: typer.Context, incomplete: str) -> list[str]:
    """Session ids (and ``latest``) for shell completion, from the store of the run."""
    run: Run = ctx.obj
    try:
        ids = run.open_store(words=False).session_ids()
    except Exception:
        return []
    return [i for i in ["latest", *reversed(ids)] if i.startswith(incomplete)]


def complete_pack(incomplete: str) -> list[str]:
    """Pack names for shell completion."""
    from trustcoach.files import home_dir
    from trustcoach.packs.files import list_pack_files

    try:
        names = sorted({entry.id for entry in list_pack_files(home_dir())})
    except Exception:
        return []
    return [name for name in names if name.startswith(incomplete)]


LangOption = Annotated[
    Optional[str],  # noqa: UP045  (typer reads the annotation at run time)
    typer.Option("--lang", help=help_text("help_lang")),
]
JsonOption = Annotated[bool, typer.Option("--json", help=help_text("help_json"))]
SessionArg = Annotated[
    str,
    typer.Argument(
        metavar="ID|latest",
        help=help_text("help_session"),
        autocompletion=complete_session,
    ),
]
OptionalSessionArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Argument(
        metavar="ID",
        help=help_text("help_resume_session"),
        autocompletion=complete_session,
    ),
]
PackOption = Annotated[
    str,
    typer.Option("--pack", help=help_text("help_pack_ref"), autocompletion=complete_pack),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help=help_text("help_output")),
]
NamesOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(help=help_text("help_names")),
]
