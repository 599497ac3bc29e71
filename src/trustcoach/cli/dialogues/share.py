"""The screens of ``export --share``: each answer with its suggestion and, for a No, why; a way
to take the suggestions for all the rest; the preview; and the final yes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.catalog.say import typed_words
from trustcoach.cli.dialogues.session import TerminalUI
from trustcoach.text import normalize

if TYPE_CHECKING:
    from pathlib import Path

    from trustcoach.export.assemble import ShareItem


class ShareUI(TerminalUI):
    """The session's terminal UI, with the questions of choosing what to share."""

    def choose_shared(self, items: list[ShareItem]) -> set[str]:
        """Ask, for each item the client may share, whether to include it."""
        self.console.print()
        self._print(self._say("share_intro"))
        kept: set[str] = set()
        for index, item in enumerate(items):
            self.console.print()
            self._print(item.prompt, style="bold")
            shown = item.answer if len(item.answer) <= 300 else item.answer[:299] + "…"
            self._print("  " + shown.replace("\n", "\n  "))
            if item.why:
                self._print(item.why, style="dim")
            hint = self._say("share_default_yes" if item.suggested else "share_default_no")
            choice = self._yes_no_or_all(self._say("share_item", hint=hint), item.suggested)
            if choice is None:  # the suggestions for this item and every one after it
                rest = items[index:]
                kept |= {later.id for later in rest if later.suggested}
                self._print(self._say("share_rest", count=len(rest)), style="dim")
                break
            if choice:
                kept.add(item.id)
        return kept

    def confirm_export(self, preview: str, path: Path) -> bool:
        """Show what will be written and ask before writing it (the caller says so when the
        answer is no)."""
        self.console.print()
        self._print(self._say("share_preview"), style="bold")
        self.console.print()
        self._print(preview)
        self.console.print()
        return self._yes_no(self._say("share_confirm", path=path))

    def _yes_no_or_all(self, prompt: str, default: bool) -> bool | None:
        """Ask for a yes or a no (Enter: ``default``), or a word of ``typed_all``: None, the
        suggestion for this and every remaining item."""
        while True:
            self._print(prompt, style="dim")
            reply = normalize(self._read_line("> "))
            if not reply:
                return default
            if reply in typed_words("typed_yes"):
                return True
            if reply in typed_words("typed_no"):
                return False
            if reply in typed_words("typed_all"):
                return None
            self._print(f"→ {self._say('need_yes_no_all')}", style="yellow")
