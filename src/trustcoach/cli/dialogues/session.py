"""A session at the terminal: ``TerminalUI``, the ``SessionUI`` the engine asks and shows
through from the introduction to the summary (what ``start`` and ``resume`` say before and
after it is theirs, in ``commands/sessions.py``).

Output goes through a console of ``cli/terminal/console.py``, and every text that may hold a
user's or a pack's words reaches it through ``safe_text()`` (``visible()``, then a rich ``Text``),
so brackets, backslashes and escape codes are shown as typed. Input is read line by line with
``input()``: line editing at a terminal, plain lines from a pipe.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from trustcoach.catalog.say import DEFAULT_PROGRAM, say, typed_words
from trustcoach.cli.terminal.console import make_console
from trustcoach.cli.terminal.screen import Block, Screen
from trustcoach.cli.terminal.typed_input import prepare_stdin
from trustcoach.packs.safety import counselor_line, safety_text
from trustcoach.text import normalize, reflow

if TYPE_CHECKING:
    from rich.console import Console

    from trustcoach.catalog.keys import Key
    from trustcoach.packs.model import Pack, Step
    from trustcoach.session.protocol import QuestionView, Summary


PACING_MARGIN = 3  # lines of the screen kept for the command typed, a blank line and the prompt


def _input_waiting(seconds: float = 0.03) -> bool:
    """True when more typed or pasted input is already waiting on standard input."""
    import select

    try:
        ready, _, _ = select.select([sys.stdin], [], [], seconds)
    except (OSError, ValueError):
        return False
    return bool(ready)


class TerminalUI:
    """Asks questions and shows a session at a terminal or through pipes."""

    def __init__(
        self, lang: str, console: Console | None = None, *, program: str = DEFAULT_PROGRAM
    ) -> None:
        self.lang = lang
        self.program = program  # how its hints name trustcoach
        self.console = console or make_console()
        self.screen = Screen(self.console)
        self.interactive = prepare_stdin()

    def _say(self, key: Key, **values: object) -> str:
        return say(self.lang, key, program=self.program, **values)

    def _sentences(self, *keys: Key) -> str:
        """Sentences one after another, with the gap the language puts between them."""
        return self._say("sentence_gap").join(self._say(key) for key in keys)

    def _print(self, text: str, style: str = "") -> None:
        self.screen.print(text, style)

    def _bullet(self, text: str) -> None:
        """One list item whose wrapped lines stay indented under the bullet."""
        self._print(f"  • {text}")

    def intro(self, pack: Pack, journal_folder: Path) -> None:
        """The pack's introduction, its safety text, the counselor's words and where answers
        are kept; at a terminal, page by page, each page waiting for Enter."""
        screen = self.screen
        blocks = [screen.box(reflow(pack.intro), title=pack.title, padding=(1, 2))]
        blocks.append(screen.box(safety_text(pack, self.lang), style="yellow"))
        heading = counselor_line(pack, self.lang)
        if heading is not None:
            message = pack.counselor.message if pack.counselor else ""
            blocks.append(screen.box(heading + ("\n\n" + reflow(message) if message else "")))
        blocks.append(screen.paragraph(self._say("stored_in", path=journal_folder), "dim"))
        self._paced(blocks)

    def _paced(self, blocks: list[Block]) -> None:
        """Blocks one after another; at a terminal, Enter is awaited before a block that would
        push the first one on the screen out of sight, and after the last one."""
        pausing = self.interactive and self.screen.wrapping
        room = self.console.height - PACING_MARGIN
        used = 0
        for block in blocks:
            if pausing and used and used + block.height + 1 > room:
                self._pause("press_enter_more")
                used = 0
            self.console.print()
            self.screen.show(block)
            used += block.height + 1
        if pausing:
            self._pause("press_enter_begin")

    def _pause(self, key: Key) -> None:
        self.console.print()
        self._read_line(self._say(key) + " ")

    def welcome_back(self, step: Step) -> None:
        """Say where a resumed session continues."""
        self.console.print()
        self._print(self._say("welcome_back", title=step.title))

    def step(self, step: Step, intro: str | None, index: int, total: int) -> None:
        """A rule with the step's number and title, then its introduction."""
        counter = self._say("step_counter", index=index, total=total)
        self.console.print()
        title = self._say("step_rule", counter=counter, title=step.title)
        self.screen.show(self.screen.rule(title, style="cyan"))
        if intro:
            self.console.print()
            self._print(intro.strip())

    def ask(self, view: QuestionView, problem: str | None) -> str | list[str]:
        """Show the question (and why the last answer was not taken), then read the answer."""
        question = view.question
        self.show_question(view, problem)
        if question.kind == "list":
            return self._read_items(question.item_limits[1])
        answer = self._read_line("> ")
        if question.kind == "text":
            # Lines pasted together arrive at once: keep them in this answer, not the next ones.
            while self.interactive and _input_waiting():
                answer += "\n" + self._read_line("  ")
        return answer

    def show_question(self, view: QuestionView, problem: str | None) -> None:
        """The question with its help, choices and how to answer (or why the last answer was
        not taken)."""
        question = view.question
        if problem:
            self._print(f"→ {problem}", style="yellow")
        else:
            self.console.print()
            if view.intro:
                self._print(view.intro.strip())
                self.console.print()
            self._print(view.prompt.strip(), style="bold")
            if view.help:
                self._print(view.help.strip(), style="dim")
            for number, choice in enumerate(question.choices or [], start=1):
                self._print(f"  {number}) {choice.label}")
            self._print(self._hint(view), style="dim")

    def _hint(self, view: QuestionView) -> str:
        question = view.question
        match question.kind:
            case "rating":
                hint = self._say("hint_rating", min=question.min, max=question.max)
            case "choice":
                hint = self._say("hint_choice")
            case "multi":
                hint = self._say("hint_multi" if question.required else "hint_multi_optional")
            case "confirm":
                if question.default is True:
                    return self._sentences("hint_confirm", "default_yes")
                if question.default is False:
                    return self._sentences("hint_confirm", "default_no")
                return self._say("hint_confirm")
            case "list" if question.item_limits[1] == 1:
                return self._say("hint_list_one")
            case "list":
                return self._say("hint_list", max=question.item_limits[1])
            case _:
                hint = self._say("hint_text" if question.required else "hint_text_optional")
        if question.default is not None:
            shown = question.choice_label(str(question.default))
            hint += self._say("sentence_gap") + self._say("hint_default", default=shown)
        return hint

    def _read_line(self, prompt: str) -> str:
        self.console.file.flush()
        line = input(prompt)
        if not self.interactive:  # show piped answers, so the transcript reads like a dialogue
            self.screen.after_prompt(prompt, line)
        return line

    def _read_items(self, most: int) -> list[str]:
        items: list[str] = []
        while len(items) < most:
            line = self._read_line(self._say("item_prompt", number=len(items) + 1) + " ")
            if not line.strip():
                break
            items.append(line)
        if len(items) == most > 1:
            self._print(self._say("list_full", max=most), style="dim")
        return items

    def ask_due(self, item: str, default: date, problem: str | None, lang: str) -> str:
        """Ask for the due date of one commitment."""
        if problem:
            self._print(f"→ {problem}", style="yellow")
        else:
            self.console.print()
            self._print(say(lang, "quoted", text=item), style="bold")
            example = default.isoformat()
            self._print(self._say("due_prompt", example=example, default=example), style="dim")
        return self._read_line("> ")

    def ask_schedule(self, item: str, prompt: str, problem: str | None) -> str:
        """Ask on which days one commitment is (``prompt`` says what Enter keeps)."""
        if problem:
            self._print(f"→ {problem}", style="yellow")
        else:
            self.console.print()
            self._print(say(self.lang, "quoted", text=item), style="bold")
            self._print(prompt, style="dim")
        return self._read_line("> ")

    def ask_rewrite(self, item: str, notes: list[str], problem: str | None) -> str:
        """Explain a misconception check on a commitment; read a new wording, or "" to keep it."""
        if problem:
            self._print(f"→ {problem}", style="yellow")
        else:
            self.show_rewrite(item, notes)
        return self._read_line("> ")

    def show_rewrite(self, item: str, notes: list[str]) -> None:
        """A commitment and the pack's notes on the misconceptions it may rest on."""
        self.console.print()
        self._print(self._say("rewrite_intro"), style="bold")
        self._print(self._say("quoted", text=item))
        for note in notes:
            self._print(note.strip(), style="yellow")
        self._print(self._say("rewrite_prompt"), style="dim")

    def confirm(self, text: str, question: str) -> bool:
        """Show what is about to happen and ask; only a yes goes ahead (Enter alone is no)."""
        self._print(text)
        return self._yes_no(question, False)

    def _yes_no(self, prompt: str, default: bool | None = None) -> bool:
        """Ask until the answer is a yes or a no: any word of ``typed_yes`` or ``typed_no``, in
        any language (the same words a confirm question takes); Enter alone gives ``default``
        when there is one."""
        while True:
            self._print(prompt)
            reply = normalize(self._read_line("> "))
            if not reply and default is not None:
                return default
            if reply in typed_words("typed_yes"):
                return True
            if reply in typed_words("typed_no"):
                return False
            self._print(f"→ {self._say('need_yes_no')}", style="yellow")

    def summary(self, summary: Summary, lang: str) -> None:
        """Ratings, beliefs, commitments, the closing words, where to find the safety text
        again, and the journal's path."""
        self.console.print()
        self.screen.show(self.screen.rule(self._say("summary_title"), style="cyan"))
        from trustcoach.cli.screens.summary import summary_sections

        sections = summary_sections(summary, self.lang)
        for key, lines in sections:
            if not lines:
                continue
            self.console.print()
            self._print(self._say(key), style="bold")
            for line in lines:
                self._bullet(line)
            if key == "summary_commitments":  # what helps between now and the next session
                self.console.print()
                self._print(self._say("summary_between"), style="dim")
        if summary.closing:
            self.console.print()
            self._print(summary.closing.strip())
        self.console.print()
        self._print(self._say("safety_again"), style="dim")
        if summary.path is not None:
            self.console.print()
            label = self._say("summary_journal")
            self._print(self._say("labelled", label=label, value=summary.path), style="dim")
