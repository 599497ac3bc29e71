"""The words of the summary at the end of a session, each value beside its value the session
before: ratings, beliefs, how the reviews went, and the commitments. Pure: the terminal UI
prints the sections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.catalog.say import say

if TYPE_CHECKING:
    from datetime import date

    from trustcoach.catalog.keys import Key
    from trustcoach.journal.compare import Tally
    from trustcoach.session.protocol import Summary


def summary_sections(summary: Summary, lang: str) -> list[tuple[Key, list[str]]]:
    """The summary's sections: a heading key and its lines (a section may be empty)."""
    ratings = [
        beside(
            say(lang, "summary_rating", label=name, value=value, top=top),
            value,
            before,
            lang,
            say(lang, "rating_value", value=before, top=top),  # a rating with its scale
        )
        for name, value, top, before in summary.ratings
    ]
    beliefs = [
        beside(say(lang, "labelled", label=name, value=words), words, before, lang)
        for name, words, before in summary.beliefs
    ]
    promises = [commitment_line(*made, lang) for made in summary.commitments]
    to_self = [commitment_line(*made, lang) for made in summary.promises]
    return [
        ("summary_looking_back", tallies(summary, lang)),
        ("summary_ratings", ratings),
        ("summary_beliefs", beliefs),
        ("summary_promises", to_self),
        ("summary_commitments", promises),
    ]


def commitment_line(text: str, due: date, schedule: str, lang: str) -> str:
    """A commitment with its due date, and its days when they are not every day."""
    from trustcoach.schedule import DAILY, describe, schedule_of

    when = say(lang, "summary_due", due=due)
    if schedule != DAILY:
        days = describe(schedule_of(schedule), lang)
        when = say(lang, "home_when_schedule", schedule=days, when=when)
    return say(lang, "aside", text=text, aside=when)


def beside(text: str, value: object, before: object, lang: str, shown: str = "") -> str:
    """A value of this session, beside its value last time (as ``shown``, else as it is)
    when there was one."""
    if before is None:
        return text
    if before == value:
        return say(lang, "summary_same", text=text)
    return say(lang, "summary_before", text=text, before=shown or before)


def tallies(summary: Summary, lang: str) -> list[str]:
    """How the reviews went in this session, beside how they went in the one before (only
    when this session looked back at something)."""
    pairs: list[tuple[Key, Tally | None]] = [
        ("summary_tally_now", summary.tally),
        ("summary_tally_before", summary.tally_before if summary.tally else None),
    ]
    return [say(lang, key, tally=say(lang, "tally", **n._asdict())) for key, n in pairs if n]
