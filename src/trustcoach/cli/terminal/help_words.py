"""Help texts of commands and options, in the language of the help."""

import sys
from typing import TYPE_CHECKING

from trustcoach.catalog.lang import choose_lang
from trustcoach.catalog.say import DEFAULT_LANG, say
from trustcoach.errors import TrustcoachError

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key


def _help_lang(args: list[str]) -> str:
    """The language of the help texts, read before any command runs: ``--lang`` when it is on
    the command line, else the environment's; never an error (help must always show)."""
    explicit = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            explicit = args[index + 1]
        elif arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
    for candidate in (explicit, None):
        try:
            return choose_lang(candidate)
        except TrustcoachError:
            continue
    return DEFAULT_LANG


HELP_LANG = _help_lang(sys.argv[1:])


def help_text(key: "Key", **values: object) -> str:
    """A help text of a command or option, in the help language (typer reads help texts when
    the command modules are imported, so they are looked up then)."""
    return say(HELP_LANG, key, **values)
