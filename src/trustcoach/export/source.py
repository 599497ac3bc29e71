"""One session as export reads it, once: its journal, the pack it was made with, and the
pack's counselor. Everything that builds a document or decides what is shared takes it.

A journal written since answers describe themselves (their step titles and the values as
shown) is read without its pack, and the pack is not looked up for it (only, once, if a client
names something the answers do not hold). An older journal needs its pack's words; the pack is
then looked up once, when the source is made, and the source says whether it was found, or
why not.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

if TYPE_CHECKING:
    from pathlib import Path

    from trustcoach.journal.model import Answer, Journal
    from trustcoach.packs.model import Pack, Question


# The pack's states are msgspec structs: made in microseconds at import, where a NamedTuple
# class costs a fifth of a millisecond.


class PackFound(Struct, frozen=True):
    """The journal needs its pack's words, and the pack was read."""

    pack: Pack


class PackNotNeeded(Struct, frozen=True):
    """The journal reads on its own; its pack was not looked up."""


class PackGone(Struct, frozen=True):
    """The journal needs its pack's words, and they cannot be had: ``absent`` (no pack of
    that name, or no file where it was), or ``changed`` (the file there is another pack now,
    or no longer one trustcoach can read)."""

    why: Literal["absent", "changed"]


PackState = PackFound | PackNotNeeded | PackGone
NOT_NEEDED = PackNotNeeded()
_ABSENT = frozenset({"pack_not_found", "pack_no_file"})  # the reasons find_pack says it


def needs_pack(journal: Journal) -> bool:
    """Whether a journal lacks what its answers need to be read without the pack
    (journals written before answers carried their step titles and shown values)."""
    return any(not answer.step_title for answer in journal.answers)


class SessionSource:
    """A session's journal, its pack (``pack``: found, not needed, or gone), and what else is
    read from the pack only when asked: its counselor and the ids it knows."""

    def __init__(
        self, journal: Journal, pack: PackState = NOT_NEEDED, home: Path | None = None
    ) -> None:
        self.journal = journal
        self.lang = journal.lang  # the session's language
        self.pack = pack
        self.home = home  # where the pack is looked for (None: nowhere)
        self._names: set[str] | None = None

    @classmethod
    def read(cls, journal: Journal, home: Path) -> SessionSource:
        """The source of a journal, its pack looked up when the journal needs it."""
        if not needs_pack(journal):
            return cls(journal, NOT_NEEDED, home)
        return cls(journal, _look_up(journal, home), home)

    def question(self, question_id: str) -> Question | None:
        """The pack's question of that id, when the pack was read."""
        pack = self.pack
        return pack.pack.question(question_id) if type(pack) is PackFound else None

    def fitting_question(self, answer: Answer) -> Question | None:
        """The pack's question of an answer, when the pack was read and the question is still
        of the answer's kind (else the pack changed since, and its labels may not fit)."""
        question = self.question(answer.question)
        return question if question is not None and question.kind == answer.kind else None

    def pack_questions(self) -> list[Question]:
        """Every question of the pack, when the pack was read."""
        if not isinstance(self.pack, PackFound):
            return []
        return [question for _, question in self.pack.pack.questions()]

    @cached_property
    def counselor(self) -> str | None:
        """The name of the pack's counselor (``[counselor] name``); None when it names none or
        cannot be found. A pack that was not read is not built for this: only that table of
        its file is read."""
        if isinstance(self.pack, PackFound):
            counselor = self.pack.pack.counselor
            return counselor.name.strip() if counselor else None
        if self.home is None:
            return None
        from trustcoach.packs.files import quick_counselor, session_pack_file

        journal = self.journal
        path = session_pack_file(journal.pack, journal.pack_source, journal.lang, self.home)
        return quick_counselor(path, journal.pack) if path is not None else None

    def pack_names(self) -> set[str]:
        """The step and question ids of the pack (none when it cannot be read), for names a
        client gives that are not among the answers: an unfinished session has not reached
        every question yet. A pack that was not needed is read now, once."""
        if self._names is None:
            pack = self.pack
            if isinstance(pack, PackNotNeeded) and self.home is not None:
                pack = _look_up(self.journal, self.home)
            self._names = set()
            if isinstance(pack, PackFound):
                steps = {step.id for step in pack.pack.steps}
                self._names = steps | {q.id for _, q in pack.pack.questions()}
        return self._names


def _look_up(journal: Journal, home: Path) -> PackFound | PackGone:
    """The pack a session was made with, read again, or why it cannot be."""
    from trustcoach.errors import TrustcoachError
    from trustcoach.packs.loading import find_session_pack

    try:
        found = find_session_pack(journal.pack, journal.pack_source, journal.lang, home)
    except TrustcoachError as exc:
        return PackGone("absent" if exc.message.key in _ABSENT else "changed")
    return PackFound(found.pack)
