"""Every text of a pack shown the way a session shows it, into memory, so that ``pack validate``
can promise that a pack that validates never fails on the screen.

The screens are drawn by the session's own ``TerminalUI`` on a console that writes to a string:
the introduction (title, intro, safety, resources, counselor), each step and each question (with
its help and choices), the pack's notes on commitments, and the closing. A text that cannot be
drawn is a problem at its place, like any other problem of the pack.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trustcoach.catalog.say import Message

if TYPE_CHECKING:
    from trustcoach.packs.model import Pack

PREVIEW_WIDTH = 60  # columns: the narrowest screen the session is laid out for


def preview_problems(pack: Pack) -> list[Message]:
    """Where drawing a text of ``pack`` fails, with why; none for a pack that shows."""
    from rich.console import Console

    from trustcoach.cli.dialogues.session import TerminalUI
    from trustcoach.packs.render import render
    from trustcoach.session.protocol import QuestionView, Summary

    console = Console(
        file=io.StringIO(),
        width=PREVIEW_WIDTH,
        markup=False,
        emoji=False,
        highlight=False,
        color_system=None,
    )
    ui = TerminalUI(pack.lang, console)
    problems: list[Message] = []

    def show(place: str, draw: Callable[..., object], *args: object) -> None:
        try:
            draw(*args)
        except Exception as exc:  # whatever rich raises, the pack must not pass
            reason = f"{type(exc).__name__}: {exc}"
            problem = Message("pack_problem_not_shown", {"reason": reason})
            problems.append(Message("at_place", {"place": place, "problem": problem}))

    def text(value: str | None) -> str | None:
        return render(value, pack, {}) if value else None

    show("intro", ui.intro, pack, Path("journals"))
    total = len(pack.steps)
    for s_index, step in enumerate(pack.steps):
        show(f"steps[{s_index}]", ui.step, step, text(step.intro), s_index + 1, total)
        show(f"steps[{s_index}].title", ui.welcome_back, step)
        for q_index, question in enumerate(step.questions):
            prompt, help_text = text(question.prompt) or "", text(question.help)
            view = QuestionView(question, prompt, help_text, pack.lang)
            show(f"steps[{s_index}].questions[{q_index}]", ui.show_question, view, None)
    for c_index, check in enumerate(pack.checks):
        notes = [text(check.message) or ""]
        show(f"checks[{c_index}].message", ui.show_rewrite, check.words[0], notes)
    show("closing", ui.summary, Summary(closing=text(pack.closing) or ""), pack.lang)
    return problems
