"""The rich console a session is drawn on (``dialogues/session.py``, through ``screen.py``),
and how text reaches it; ``pack validate`` draws the same screens on a console of its own, in
memory (``dialogues/pack_preview.py``). What the commands print goes through ``output.py``.

The console never interprets markup or emoji codes, and every text that may hold a user's or a
pack's words reaches it as ``safe_text()``: control characters made visible (``visible()``),
then a rich ``Text``. A plain string is not enough: rich reads a panel's or a rule's title as
markup whatever the console says, so ``[link=...]`` would send a live link and ``[/bold]``
would crash. Without a terminal, or with ``NO_COLOR``, no colours or styles are sent; however
narrow or wide the terminal says it is (``COLUMNS=0``), the console keeps between MIN_WIDTH and
MAX_WIDTH columns.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from trustcoach.text import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

MIN_WIDTH = 20  # columns: below this a box has no room for a word (COLUMNS=0 emptied them)
MAX_WIDTH = 1000  # columns: above this rich runs out of memory drawing a box


def make_console(*, stderr: bool = False) -> Console:
    """A console that never interprets markup or emoji codes in what it prints, between
    MIN_WIDTH and MAX_WIDTH columns wide whatever ``COLUMNS`` says."""
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR")) or not (sys.stderr if stderr else sys.stdout).isatty()
    console = Console(
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
        color_system=None if plain else "auto",
    )
    if not MIN_WIDTH <= console.width <= MAX_WIDTH:
        console.width = min(MAX_WIDTH, max(MIN_WIDTH, console.width))
    return console


def safe_text(text: str, style: str = "") -> Text:
    """Text from a person or a pack as rich shows it: control characters made visible, and no
    markup, whatever rich does with a plain string in that place."""
    from rich.text import Text

    return Text(visible(text), style=style)
