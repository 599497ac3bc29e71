"""Text of a session on the screen: wrapped by ``wrap.wrap`` to the terminal's width, so that
rich never breaks a line again (it prints each line as it is given), and boxes whose text is
wrapped to the inside of the box. Through a pipe, text goes out as it is, and boxes become
plain paragraphs. Every text reaches rich as a ``Text`` made by ``console.safe_text`` (control
characters visible, no markup, even in a box's or a rule's title).

Each block knows how many lines it takes, so the session can pause before a block would push
the top of the screen out of sight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from trustcoach.cli.terminal.console import safe_text
from trustcoach.text import columns, visible
from trustcoach.wrap import wrap

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

BOX_EDGES = 2  # a box's left and right border, in cells; and its top and bottom, in lines
RULE_ENDS = 6  # a rule shows at least "── " and " ──" around its title


class Block(NamedTuple):
    """Something to print, and how many lines it takes on the screen."""

    renderable: RenderableType
    height: int


class Screen:
    """Prints a session's text through rich, wrapped here rather than by rich."""

    def __init__(self, console: Console) -> None:
        self.console = console

    @property
    def wrapping(self) -> bool:
        """Whether text is wrapped: at a terminal only; a pipe gets it as it is."""
        return self.console.is_terminal

    @property
    def width(self) -> int:
        return self.console.width

    def lay_out(self, text: str, width: int | None = None) -> str:
        """``text`` made safe to show and, at a terminal, wrapped to ``width`` (the screen's)."""
        shown = visible(text)
        return wrap(shown, width or self.width) if self.wrapping else shown

    def paragraph(self, text: str, style: str = "") -> Block:
        """A paragraph of text in ``style``."""
        shown = self.lay_out(text)
        return Block(_unwrapped(shown, style), shown.count("\n") + 1)

    def box(
        self, body: str, title: str = "", style: str = "", padding: tuple[int, int] = (0, 1)
    ) -> Block:
        """``body`` in a box with ``title`` on its top edge (inside, when it is too long for
        the edge); through a pipe, the title and the body as paragraphs."""
        from rich.panel import Panel

        if not self.wrapping:
            return self.paragraph(f"{title}\n\n{body}" if title else body)
        inner = self.width - BOX_EDGES - 2 * padding[1]
        if title and columns(title) + 6 > self.width:
            body, title = f"{title}\n\n{body}", ""
        shown = self.lay_out(body, inner)
        heading = safe_text(title) if title else None
        panel = Panel(_unwrapped(shown), title=heading, padding=padding, border_style=style)
        return Block(panel, shown.count("\n") + 1 + BOX_EDGES + 2 * padding[0])

    def rule(self, title: str, style: str = "") -> Block:
        """A line across the screen with ``title`` in it; above the title when it is too long."""
        from rich.console import Group
        from rich.rule import Rule

        if not self.wrapping:
            return self.paragraph(f"── {title} ──", style)
        if columns(title) + RULE_ENDS <= self.width:
            return Block(Rule(safe_text(title), style=style), 1)
        heading = self.paragraph(title, f"bold {style}".strip())
        return Block(Group(Rule(style=style), heading.renderable), heading.height + 1)

    def show(self, block: Block) -> None:
        """Print a block, each of its lines as it is."""
        self.console.print(block.renderable, soft_wrap=True)

    def after_prompt(self, prompt: str, text: str) -> None:
        """Print ``text`` after ``prompt``, which ``input()`` already wrote on the line (an
        answer read from a pipe, shown back), laid out as if the prompt were part of it."""
        shown = self.lay_out(prompt + text)
        shown = shown[len(prompt) :] if shown.startswith(prompt) else self.lay_out(text)
        self.console.print(_unwrapped(shown), soft_wrap=True)

    def print(self, text: str, style: str = "") -> None:
        """Print a paragraph."""
        self.console.print(self.paragraph(text, style).renderable, soft_wrap=True)

    def blank(self) -> None:
        self.console.print()


def _unwrapped(shown: str, style: str = "") -> Text:
    """Text already made visible and laid out, for rich to print line by line as it is."""
    from rich.text import Text

    return Text(shown, style=style, no_wrap=True, overflow="ignore")
