"""Help texts of commands and options, said in the language of the help.

typer reads help texts when the command modules are imported, before any command line is
known, so a help text is kept as its catalog key (``help_text``) and put into words when the
help is shown: ``clicks.HelpFormatter`` says it (``in_words``) in the language of the help of
that command line (``help_lang``).
"""

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from trustcoach.catalog.lang import choose_lang
from trustcoach.catalog.say import DEFAULT_LANG, say, words
from trustcoach.errors import TrustcoachError

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

# A help text as typer holds it: a key, and what typer adds after it ("  [default: md]").
# Compiled when first used (by re's cache): every command imports this module.
KEPT_HELP = r"(help_[a-z_]+)((?:\s.*)?)"


def help_text(key: "Key") -> str:
    """The help text of a command or option as typer keeps it: its key, said when the help
    is shown."""
    return key


def help_lang(args: Sequence[str]) -> str:
    """The language of the help of a command line: ``--lang`` when it is on it, else the
    environment's; never an error (help must always show)."""
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


def in_words(text: str, lang: str) -> str:
    """A help text in ``lang``: a kept key said, with what typer added after it; any other
    text as it is."""
    found = re.fullmatch(KEPT_HELP, text, re.DOTALL)
    if found is None or found.group(1) not in words(lang):
        return text
    key = cast("Key", found.group(1))  # a key, checked above
    return say(lang, key, **_values(key)) + found.group(2)


def _values(key: str) -> dict[str, object]:
    """What a help text that names what the program holds is said with: the export formats
    of ``--format``, from their table (so a format added there is listed)."""
    if key == "help_format":
        from trustcoach.export.formats import help_words

        return {"formats": help_words()}
    return {}
