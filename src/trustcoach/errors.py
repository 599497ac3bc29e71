"""The one error hierarchy: every error a user can cause carries one clear sentence."""

from __future__ import annotations


class TrustcoachError(Exception):
    """An error to show the user as one message, with an exit code."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(TrustcoachError):
    """The command was asked for something it cannot do (unknown session, bad option value)."""


class PackError(TrustcoachError):
    """A prompt pack is missing, unreadable or invalid."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class JournalError(TrustcoachError):
    """A journal could not be read or written."""


class AnswersFileError(TrustcoachError):
    """An ``--answers`` file is unreadable, or holds missing or invalid answers."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class InvalidAnswer(ValueError):
    """An answer does not fit its question; the message says what would."""


class SessionInterrupted(TrustcoachError):
    """Ctrl-C or end of input during a session; what was answered is saved."""

    exit_code = 130
