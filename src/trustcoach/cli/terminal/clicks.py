"""What trustcoach changes in click (which typer carries inside it as ``typer._click``): help
said in the language of the help (``help_words``) and laid out by ``wrap.wrap`` in display cells,
so that Japanese help fits the terminal and breaks between phrases, a command's first sentence
as its line in the list of commands (and in shell completion), and click's own errors about the
command line said through the catalog.

This is the one module that knows click's inner classes. ``pyproject.toml`` asks for typer 0.29
or later and sets no upper bound, so the tests are what tells when a newer typer carries click
otherwise: ``tests/cli/test_command_line.py`` (click's errors said through the catalog, help and
``--version``) and ``tests/terminal/test_layout.py`` (help laid out at 60 columns, in Japanese
and in English).
"""

import re
import shutil
from collections.abc import Mapping, Sequence
from gettext import gettext
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import typer
from typer._click import exceptions, formatting
from typer.core import TyperCommand, TyperGroup

from trustcoach.cli.terminal.help_words import help_lang, in_words
from trustcoach.cli.terminal.plain_options import install

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

HELP_MAX_WIDTH = 80  # click's own default
# Patterns are compiled when first used (by re's cache): every command imports this module.
FIRST_SENTENCE = r"(.+?(?:。|[.!?](?=\s|$)))"


class HelpFormatter(formatting.HelpFormatter):
    """Click's help formatter, saying help texts in ``lang`` and measuring text in display
    cells, wrapped with ``wrap.wrap`` (click counts characters and breaks only at spaces, which
    puts Japanese past the edge of the terminal and cuts it anywhere)."""

    def __init__(
        self,
        indent_increment: int = 2,
        width: int | None = None,
        max_width: int | None = None,
        lang: str = "en",
    ) -> None:
        if width is None:
            terminal = shutil.get_terminal_size().columns
            width = max(min(terminal, max_width or HELP_MAX_WIDTH) - 2, 20)
        super().__init__(indent_increment, width, max_width)
        self.lang = lang

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
        for line in self._wrapped(in_words(text, self.lang), self.width - self.current_indent):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        from trustcoach.text import columns

        rows = [(first, in_words(second, self.lang)) for first, second in rows]
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


def help_lang_of(ctx: Any) -> str:
    """The language of the help of this run: the run (``ctx.obj``, made by ``app.main``) read
    it from its command line; without one, the environment's."""
    lang = getattr(ctx.obj, "help_lang", None)
    return lang if isinstance(lang, str) else help_lang(())


class Context(typer.Context):
    """A click context that formats help with ``HelpFormatter``, in the language of the help."""

    formatter_class = HelpFormatter

    def make_formatter(self) -> HelpFormatter:
        width, most = self.terminal_width, self.max_content_width
        return HelpFormatter(width=width, max_width=most, lang=help_lang_of(self))


def _command_line(command: Any, lang: str) -> str:
    """A command's line in the list of commands: the first sentence of its help, whole
    (click would cut it to the width by characters, mid-word in Japanese)."""
    from trustcoach.text import reflow

    text = reflow(in_words(command.help or "", lang))
    found = re.match(FIRST_SENTENCE, text)
    return found.group(1) if found else text


# The options click and typer add to every program, with their help from the catalog.
_OWN_OPTIONS: Mapping[str, "Key"] = MappingProxyType(
    {
        "help": "help_help",
        "install_completion": "help_install_completion",
        "show_completion": "help_show_completion",
    }
)


def _own_help(params: list[Any]) -> list[Any]:
    """The parameters, with the help of click's and typer's own options kept as keys too."""
    for param in params:
        key = _OWN_OPTIONS.get(param.name or "")
        if key is not None:
            param.help = key
    return params


def _said_items(items: list[Any], lang: str, commands: Mapping[str, Any]) -> list[Any]:
    """Shell completion's items with their help in ``lang`` (zsh and fish show it): a
    command's line as in the list of commands, an option's help whole."""
    for item in items:
        if item.value in commands:
            item.help = _command_line(commands[item.value], lang)
        elif item.help:
            item.help = in_words(item.help, lang)
    return items


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

    def get_params(self, ctx: Any) -> list[Any]:
        return install(_own_help(super().get_params(ctx)))

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        return _said_items(super().shell_complete(ctx, incomplete), help_lang_of(ctx), {})


class Group(TyperGroup):
    """A typer group whose help, and whose commands' help, is laid out by ``HelpFormatter``."""

    context_class = Context

    def get_params(self, ctx: Any) -> list[Any]:
        return install(_own_help(super().get_params(ctx)))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        lang = help_lang_of(ctx)
        shown = [(name, c) for name, c in self.commands.items() if not c.hidden]
        if shown:
            with formatter.section(gettext("Commands")):  # the heading as typer writes it
                formatter.write_dl([(name, _command_line(c, lang)) for name, c in shown])

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        items = super().shell_complete(ctx, incomplete)
        return _said_items(items, help_lang_of(ctx), self.commands)


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
