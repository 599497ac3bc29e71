"""The one error hierarchy: every error a user can cause carries one clear sentence.

An error holds a key of the catalog and its values, not text: the layer that raises it does not
know (and must not decide) the language it will be shown in. The CLI's one error printer says it
in the language of the command. ``str()`` of an error is its English text, for tracebacks
(``--debug``) and logs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from trustcoach.catalog.say import Message, tell

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key


class TrustcoachError(Exception):
    """An error to show the user as one message (and a list of problems), with an exit code."""

    exit_code = 1

    def __init__(self, key: Key, /, *, problems: Iterable[Message] = (), **values: object) -> None:
        super().__init__(key)
        self.message = Message(key, values)
        self.problems = list(problems)

    def __str__(self) -> str:
        return tell("en", self.message)


class UsageError(TrustcoachError):
    """The command was asked for something it cannot do (unknown session, bad option value)."""


class PackError(TrustcoachError):
    """A prompt pack is missing, unreadable or invalid; ``problems`` lists each with its place."""


class JournalError(TrustcoachError):
    """A journal could not be read or written."""


class AnswersFileError(TrustcoachError):
    """An ``--answers`` file is unreadable, or holds missing or invalid answers."""


class InvalidAnswer(ValueError):
    """An answer does not fit its question.

    ``message`` says what would fit, in no language yet: whoever shows it says it in its own
    (a session in the language of its questions, the report of an answers file with its place
    in the command's). ``str()`` is its English text, as for every error here.
    """

    def __init__(self, key: Key, /, **values: object) -> None:
        super().__init__(key)
        self.message = Message(key, values)

    def __str__(self) -> str:
        return tell("en", self.message)


class SessionInterrupted(TrustcoachError):
    """Ctrl-C or end of input during a session; what was answered is saved."""

    exit_code = 130
