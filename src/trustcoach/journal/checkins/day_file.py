"""The file of one day's check-in (``<home>/checkins/YYYY-MM-DD.toml``): its model, read
strictly like a journal, and written as TOML.

```toml
schema_version = 1
day = 2026-12-02

[[marks]]
session = "20261201-211000-0cf7"
commitment = "c1"
done = true
checked_at = 2026-12-02 21:40:00+09:00
```
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from msgspec import Struct

from trustcoach.errors import JournalError
from trustcoach.journal.model import CommitmentId, SessionId

SCHEMA_VERSION = 1


class CheckinMark(Struct, kw_only=True, forbid_unknown_fields=True):
    """One commitment on one day: done, or not today (a skipped one has no mark)."""

    session: SessionId
    commitment: CommitmentId
    done: bool
    checked_at: datetime


class CheckinDay(Struct, kw_only=True, forbid_unknown_fields=True):
    """The check-in of one day: a mark per commitment the user answered for."""

    schema_version: int
    day: date
    marks: list[CheckinMark] = []

    def refs(self) -> dict[str, bool]:
        """Done or not, by ``<session id>/<commitment id>``."""
        return {ref_of(mark): mark.done for mark in self.marks}


def ref_of(mark: CheckinMark) -> str:
    """The commitment a mark is about: ``<session id>/<commitment id>``."""
    return f"{mark.session}/{mark.commitment}"


def parse_day(raw: bytes, day: date) -> CheckinDay:
    """A day's check-in from its file's bytes; JournalError says why they cannot be trusted."""
    import msgspec

    from trustcoach.files import TomlReadError, read_toml
    from trustcoach.journal.model import _describe

    try:
        data = read_toml(raw)
    except TomlReadError as exc:
        values: dict[str, Any] = dict(exc.message.values)
        raise JournalError(exc.message.key, **values) from None
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise JournalError("checkin_schema", version=repr(version))
    try:
        checkin = msgspec.convert(data, CheckinDay, strict=True)
    except msgspec.ValidationError as exc:
        place, reason = _describe(str(exc))
        raise JournalError("checkin_invalid", place=place, reason=reason) from None
    if checkin.day != day:
        raise JournalError("checkin_wrong_day", day=checkin.day.isoformat())
    refs = [ref_of(mark) for mark in checkin.marks]
    if len(set(refs)) != len(refs):
        raise JournalError("checkin_twice")
    return checkin


def encode_day(checkin: CheckinDay) -> bytes:
    """A day's check-in as TOML bytes."""
    from trustcoach.files import dump_toml
    from trustcoach.journal.model import as_data

    return dump_toml(as_data(checkin))
