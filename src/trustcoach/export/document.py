"""One session as a document that holds only what is shared: what every renderer receives.

``build.py`` makes a ``SharedSession`` from a session's source and a selection, once; the
renderers (``render_<format>.py``, the report and its chart) read nothing else. The types here
hold plain values only (text, numbers, dates, tuples), never a journal or a part of one, and
this module imports nothing from ``journal`` or ``packs``: what a renderer gets is all it can
show. They are frozen msgspec structs: made in a tenth of a millisecond, where dataclasses
cost several.

To add a field: add it to the type here (a field named as the journal names it is copied by
``build.copied``; fill any other in ``build.py``), and show it in the renderers that need it.
To add a format: a new ``render_<format>.py`` with ``render(document) -> str``, and its line
in ``formats.FORMATS``.
"""

from __future__ import annotations

from datetime import date, datetime

from msgspec import Struct

Value = str | int | bool | tuple[str, ...]


class Item(Struct, frozen=True, kw_only=True):
    """One answered (or knowingly skipped) question: the prompt as shown, with any answer that
    is not shared taken out of it, and the answer as stored and as words."""

    step: str
    question: str
    kind: str
    prompt: str
    value: Value
    answered_at: datetime
    skipped: bool
    step_title: str
    label: str
    shown: str  # the value as the user saw it (choice labels, yes/no), as stored
    share: bool  # whether the pack suggested sharing it
    template: str  # the prompt before earlier answers were filled in (the pack's words)
    words: str  # the answer as the reader sees it (choice labels, yes/no, items joined)
    codes: tuple[tuple[str, str], ...] = ()  # a choice's values with their labels, in order


class Section(Struct, frozen=True, kw_only=True):
    """A step of the session and its shared questions."""

    id: str
    title: str
    items: tuple[Item, ...]


class SharedCommitment(Struct, frozen=True, kw_only=True):
    """A commitment made in this session, from a commitment list that is shared."""

    id: str
    question: str
    text: str
    due: date
    flags: tuple[str, ...]  # misconception checks the user saw and kept it through
    toward: str  # "self" (a promise to oneself) or "partner"
    origin: str  # the earlier commitment it carries on ("<session>/<id>"), if any
    smaller_from: str  # its wording before the user made it smaller, if they did
    line: str  # as one line for a reader
    schedule: str = "daily"  # its days, as the journal keeps them (``trustcoach.schedule``)


class SharedReview(Struct, frozen=True, kw_only=True):
    """How an earlier commitment went, written in this session; shared only when the
    commitment itself is shared in its own session."""

    session: str
    commitment: str
    text: str
    outcome: str
    note: str
    note_pending: bool
    reviewed_at: datetime
    toward: str  # whom the reviewed commitment was made to
    follow: str | None  # after "not kept": smaller, carry or let_go
    follow_text: str  # the smaller wording the user wrote
    line: str  # as one line for a reader
    done_days: int = 0  # what the check-ins said when it was reviewed: scheduled days done...
    checked_days: int = 0  # ...of the scheduled days checked in

    @property
    def ref(self) -> str:
        """``<session id>/<commitment id>``."""
        return f"{self.session}/{self.commitment}"


class SessionInfo(Struct, frozen=True, kw_only=True):
    """What is said about the session itself. Where a pack file lies never leaves the
    machine: only the pack's id, version and fingerprint."""

    id: str
    lang: str
    status: str
    pack: str
    pack_version: str
    pack_sha256: str
    started_at: datetime
    finished_at: datetime | None
    review_plan: tuple[str, ...]  # the shared reviews this session set out to write
    client: str | None = None  # the label the client gave the export (--client)
    counselor: str | None = None  # the pack's counselor, by name


class SharedSession(Struct, frozen=True, kw_only=True):
    """Everything a reader may see of one session, and how many answers were left out."""

    info: SessionInfo
    title: str
    meta: tuple[tuple[str, str], ...]  # labelled lines about the session, in its language
    sections: tuple[Section, ...]
    commitments: tuple[SharedCommitment, ...]
    reviews: tuple[SharedReview, ...]
    ratings: tuple[tuple[str, int], ...]  # shared ratings, by question id, in order
    left_out: int  # answers (and reviews) not shared; never which

    @property
    def lang(self) -> str:
        """The session's language."""
        return self.info.lang

    def rating(self, question_id: str) -> int | None:
        """A shared rating, or None when it is not shared (or was not given)."""
        return dict(self.ratings).get(question_id)


class Strength(Struct, frozen=True, kw_only=True):
    """The strength of keeping one's word toward oneself or the partner, over the reviews a
    report shares, and how those reviews went (computed by ``keeping.py``)."""

    toward: str  # "self" or "partner"
    percent: int  # 0 to 100
    kept: int
    partly: int
    not_kept: int

    @property
    def reviews(self) -> int:
        """How many reviews were counted."""
        return self.kept + self.partly + self.not_kept
