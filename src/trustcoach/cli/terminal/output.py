"""Plain text out: ``echo`` for what a person reads (messages, errors, the check-in, the screens
of lines such as home, ``list`` and ``progress``), wrapped to the terminal's width by
``wrap.wrap`` when it goes to a terminal (a pipe or a file gets it as it is), and ``echo_data``
for what a program or a file takes (JSON, exports), which is never reshaped.

A session is drawn on a rich console instead (``console.py``, ``screen.py``), help is laid out
by click (``clicks.py``), and the progress bar writes to standard error itself (``progress.py``).
"""

import os
import sys
from typing import TextIO

import typer

DEFAULT_COLUMNS = 80
HANG = 2  # a screen of lines under headings: how much further a wrapped indented line goes in


def echo(text: str, *, err: bool = False, width: int | None = None, hang: int = 0) -> None:
    """Text for a person to read, on standard output (or standard error): wrapped to ``width``
    cells when given, else to the terminal's width when the stream is a terminal. ``hang``:
    the lines after the first of an indented line go that many cells further in (``HANG`` for
    the screens of lines under headings: home, ``list``, ``progress``)."""
    if width is None:
        width = terminal_width(sys.stderr if err else sys.stdout)
    if width is not None:
        from trustcoach.wrap import wrap

        text = wrap(text, width, hang=hang)
    typer.echo(text, err=err)


def echo_after(prompt: str, text: str) -> None:
    """Text after a prompt that ``input()`` already wrote on its line (an answer read from a
    pipe, shown back): at a terminal, wrapped as if the prompt were part of it."""
    width = terminal_width(sys.stdout)
    if width is not None:
        from trustcoach.wrap import wrap

        laid = wrap(prompt + text, width)
        text = laid[len(prompt) :] if laid.startswith(prompt) else wrap(text, width)
    typer.echo(text)


def echo_data(text: str) -> None:
    """Data for a program or a file (JSON, an export), exactly as it is."""
    typer.echo(text, nl=not text.endswith("\n"))


def terminal_width(stream: TextIO) -> int | None:
    """How many columns ``stream`` shows when it is a terminal (``COLUMNS`` when set, as rich
    and click read it too); None for a pipe or a file."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):  # a closed or unusual stream
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns or DEFAULT_COLUMNS
    except (OSError, ValueError):
        return DEFAULT_COLUMNS
