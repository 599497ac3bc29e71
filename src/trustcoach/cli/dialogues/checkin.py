"""The check-in's dialogue: one commitment at a time, one line typed for each."""

import sys
from typing import TYPE_CHECKING

from trustcoach.cli.terminal.output import echo, echo_after

if TYPE_CHECKING:
    from trustcoach.journal.history import CommitmentRow


class CheckinTerminal:
    """Asks the check-in's questions at a terminal or through a pipe, one line each."""

    def __init__(self, lang: str, yesterday: bool = False) -> None:
        self.lang = lang
        self.yesterday = yesterday
        from trustcoach.cli.terminal.typed_input import prepare_stdin

        self.interactive = prepare_stdin()

    def ask_mark(
        self,
        number: int,
        total: int,
        commitment: "CommitmentRow",
        earlier: bool | None,
        problem: str | None,
    ) -> str:
        """Show one commitment (or why the last answer was not taken) and read a line."""
        from trustcoach.catalog.say import say
        from trustcoach.journal.checkins.book import toward
        from trustcoach.text import visible

        if problem:
            echo(visible(f"→ {problem}"))
        else:
            item = say(
                self.lang,
                "checkin_item_self" if toward(commitment) == "self" else "checkin_item",
                number=number,
                total=total,
                text=commitment.text,
                due=commitment.due,
            )
            echo("")
            echo(visible(item))
            if earlier is not None:
                echo(say(self.lang, "checkin_earlier_done" if earlier else "checkin_earlier_not"))
        sys.stdout.flush()
        line = input("> ")
        if not self.interactive:  # show piped answers, so the transcript reads like a dialogue
            echo_after("> ", visible(line))
        return line
