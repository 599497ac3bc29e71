"""A progress bar on standard error while many files are read or converted."""

import sys
from typing import TYPE_CHECKING

from trustcoach.catalog.say import say

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key


class ProgressBar:
    """A one-line bar on standard error while many files are read or converted (only at a
    terminal), as narrow as the screen needs; it clears itself when the last one is done."""

    WIDTH = 30

    def __init__(self, lang: str, label: "Key" = "reading_journals") -> None:
        self.stream = sys.stderr
        self.enabled = self.stream.isatty()
        self.label = say(lang, label)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (done % 50 and done != total):
            return
        import shutil

        from trustcoach.text import columns

        counts = f" {done}/{total}"
        room = shutil.get_terminal_size().columns - columns(self.label) - len(counts) - 4
        width = max(0, min(self.WIDTH, room))
        filled = width * done // total
        bar = f" [{'#' * filled}{'.' * (width - filled)}]" if width >= 5 else ""
        end = "\r\x1b[2K" if done == total else ""  # erase the line it drew
        self.stream.write(f"\r{self.label}{bar}{counts}{end}")
        self.stream.flush()
