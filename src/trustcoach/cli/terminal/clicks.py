"""What trustcoach changes in click (which typer carries inside it as ``typer._click``): help
laid out by ``wrap.wrap`` in display cells, so that Japanese help fits the terminal and breaks
between phrases, a command's first sentence as its line in the list of commands, and click's own
errors about the command line said through the catalog.

This is the one module that knows click's inner classes. ``pyproject.toml`` asks for typer 0.29
or later and sets no upper bound, so the tests are what tells when a newer typer carries click
otherwise: ``tests/cli/test_command_line.py`` (click's errors said through the catalog, help and
``--version``) and ``tests/terminal/test_layout.py`` (help laid out at 60 columns, in Japanese
and in English).
"""

import re
import shutil
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer
from typer._click import exceptions, formatting
from typer.core import TyperCommand, TyperGroup

from trustcoach.cli.terminal.plain_options import install

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

HELP_MAX_WIDTH = 80  # click's own default
# Patterns are compiled when first used (by re's cache): every command imports this module.
FIRST_SENTENCE = r"(.+?(?:。|[.!?](?=\s|$)))"


class HelpFormatter(formatting.HelpFormatter):
    """Click's help formatter, measuring text in display cells and wrapping it with
    ``wrap.wrap`` (click counts characters and breaks only at spaces, which puts Japanese past
    the edge of the terminal and cuts it anywhere)."""

    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ) -> None:
        if width is None:
            terminal = shutil.get_terminal_size().columns
            width = max(min(terminal, max_width or HELP_MAX_WIDTH) - 2, 20)
        super().__init__(indent_increment, width, max_width)

    def _wrapped(self, text: str, width: int) -> list[str]:
        from trustcoach.text import reflow
        from trustcoach.wrap import wrap

        paragraphs = [reflow(part) for part in text.split("\n\n") if part.strip()]
        # "[default: md]" stays in one piece (a no-break space is no place to break).
        paragraphs = [part.replace("[default: ", "[default:\u00a0") for part in paragraphs]
        lines: list[str] = []
        for number, paragraph in enumerate(paragraphs):
            lines += ([""] if number else []) + wrap(paragraph, width, table=False).split("\n")
        return lines

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in self._wrapped(text, self.width - self.current_indent):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        from trustcoach.text import columns

        rows = list(rows)
        first_col = min(max((columns(first) for first, _ in rows), default=0), col_max)
        first_col += col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(indent + first)
            if not second:
                self.write("\n")
                continue
            if columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = self._wrapped(second, max(self.width - first_col - 2, 10)) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class Context(typer.Context):
    """A click context that formats help with ``HelpFormatter``."""

    formatter_class = HelpFormatter


def _short_help(help_text: str | None) -> str:
    """A command's line in the list of commands: the first sentence of its help, whole
    (click would cut it to the width by characters, mid-word in Japanese)."""
    from trustcoach.text import reflow

    text = reflow(help_text or "")
    found = re.match(FIRST_SENTENCE, text)
    return found.group(1) if found else text


# The options click and typer add to every program, with their help from the catalog.
_OWN_OPTIONS: dict[str, "Key"] = {
    "help": "help_help",
    "install_completion": "help_install_completion",
    "show_completion": "help_show_completion",
}


def _said(params: list[Any]) -> list[Any]:
    """The parameters, with the help of click's and typer's own options in the help language."""
    from trustcoach.cli.terminal.help_words import help_text

    for param in params:
        key = _OWN_OPTIONS.get(param.name or "")
        if key is not None:
            param.help = help_text(key)
    return params


class Command(TyperCommand):
    """A typer command whose help is laid out by ``HelpFormatter``."""

    context_class = Context

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Click's parser raises some errors without the command they are about: name it, so
        that the error says where to read how to use it."""
        try:
            return super().parse_args(ctx, args)
        except exceptions.UsageError as error:
            if error.ctx is None:
                error.ctx, error.cmd = ctx, self
            raise

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or _short_help(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return install(_said(super().get_params(ctx)))


class Group(TyperGroup):
    """A typer group whose help, and whose commands' help, is laid out by ``HelpFormatter``."""

    context_class = Context

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or _short_help(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return install(_said(super().get_params(ctx)))


# ---------------------------------------------------------------------------------------------
# Click's errors about the command line, said through the catalog
# ---------------------------------------------------------------------------------------------

CommandLineError = exceptions.UsageError
HelpInstead = exceptions.NoArgsIsHelpError
Stopped = typer.Abort
_NO_COMMAND = r"No such command '(.*?)'"
_EXTRA = r"unexpected extra argument\S* \((.*)\)"


def usage_problem(error: Any, lang: str, program: str) -> str:
    """What was wrong with the command line, in ``lang``, and where to read how to use it."""
    from difflib import get_close_matches

    from trustcoach.catalog.say import say

    ctx = error.ctx
    command = " ".join([program, *ctx.command_path.split()[1:]]) if ctx else program
    detail = error.format_message()
    if isinstance(error, exceptions.NoSuchOption):
        problem = say(lang, "usage_no_option", option=error.option_name)
        if error.possibilities:
            options = sorted(error.possibilities)
            problem = say(lang, "usage_similar", problem=problem, options=options)
    elif isinstance(error, exceptions.MissingParameter) and error.param is not None:
        problem = say(lang, "usage_missing", param=_param_name(error.param))
    elif isinstance(error, exceptions.BadParameter) and error.param is not None:
        param = _param_name(error.param)
        problem = say(lang, "usage_bad_value", param=param, detail=error.message)
    elif isinstance(error, exceptions.BadOptionUsage) and " requires " in error.message:
        problem = say(lang, "usage_needs_value", option=error.option_name)
    elif found := re.search(_NO_COMMAND, detail):
        problem = say(lang, "usage_no_command", name=found.group(1))
        known = list(getattr(ctx.command, "commands", {})) if ctx else []
        if similar := get_close_matches(found.group(1), known):
            problem = say(lang, "usage_similar", problem=problem, options=similar)
    elif found := re.search(_EXTRA, detail):
        problem = say(lang, "usage_extra", args=found.group(1))
    else:
        problem = say(lang, "usage_other", detail=detail)
    return say(lang, "usage_error", problem=problem, command=command)


def _param_name(param: Any) -> str:
    """How a parameter is written on the command line: ``--since``, or ``ID|latest``."""
    hint: str = param.get_error_hint()
    return hint.replace("'", "")
