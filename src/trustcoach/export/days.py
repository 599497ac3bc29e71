"""What a document says of a commitment's days and of what its check-ins said at its review:
added to the lines of ``build.py`` (a commitment of every day, as every commitment was before
schedules, and a review without check-ins, say nothing more)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.catalog.say import say
from trustcoach.schedule import DAILY, describe, schedule_of

if TYPE_CHECKING:
    from trustcoach.journal.model import Review


def with_days(line: str, schedule: str, lang: str) -> str:
    """A commitment's line with its days, when they are not every day."""
    if schedule == DAILY:
        return line
    return say(lang, "doc_schedule", line=line, schedule=describe(schedule_of(schedule), lang))


def with_checkins(line: str, review: Review, lang: str) -> str:
    """A review's line with what the check-ins said ("done on 1 of 1 scheduled days")."""
    if not review.checked_days:
        return line
    done, count = review.done_days, review.checked_days
    return say(lang, "doc_review_checkins", line=line, done=done, count=count)
