"""What the calendar files of a home have said so far: ``<home>/calendar.toml``.

It holds the home's own random id, made once, which every event id of its calendar files is
derived from (so that the files of two homes imported into one calendar never share an id),
and, for every event written, its id, its ``SEQUENCE``, a fingerprint of its contents, its first
day and whether it was withdrawn. So the next file can keep an event that did not change,
number a changed one higher, and withdraw (``STATUS:CANCELLED``) one whose commitment has been
looked back at. It holds no words and no session ids: the event ids and fingerprints are
hashes. Like a check-in it is written atomically, private to the owner.

```toml
schema_version = 1
home = "5f0c2d9e8a7b4c31"

[[events]]
uid = "0b2e…@trustcoach.invalid"
sequence = 1
fingerprint = "9c1d…"
start = 2026-12-05
last = 2026-12-19
cancelled = true
```
"""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta, Struct

from trustcoach.errors import JournalError

RECORD_FILE = "calendar.toml"
SCHEMA_VERSION = 1
RECORD_LIMIT = 1_000_000  # bytes: a few thousand events

HomeId = Annotated[str, Meta(pattern=r"^[0-9a-f]{16}\Z")]


class Written(Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """One event as the last file wrote it."""

    uid: str
    sequence: Annotated[int, Meta(ge=0)]
    fingerprint: str
    start: date  # its first day (a withdrawal is written on it)
    last: date  # its last day: a withdrawal stays in the files until well after it
    cancelled: bool = False


class CalendarRecord(Struct, kw_only=True, forbid_unknown_fields=True):
    """The home's id and every event its calendar files have written."""

    schema_version: int
    home: HomeId
    events: list[Written] = []

    def by_uid(self) -> dict[str, Written]:
        """The events written, by id."""
        return {event.uid: event for event in self.events}


def record_path(home: Path) -> Path:
    return home / RECORD_FILE


def read_record(home: Path) -> CalendarRecord:
    """The home's record, or a new one (with a new random id) when it has none yet;
    JournalError says why a record that exists cannot be used (it is never replaced then)."""
    from trustcoach.catalog.say import Message
    from trustcoach.files import NotRegularFile, TomlReadError, read_regular, read_toml
    from trustcoach.journal.model import _describe

    path = record_path(home)
    try:
        raw = read_regular(path, RECORD_LIMIT)
    except FileNotFoundError:
        return CalendarRecord(schema_version=SCHEMA_VERSION, home=secrets.token_hex(8))
    except NotRegularFile as exc:
        raise JournalError("calendar_record_unreadable", path=path, problem=exc.message) from None
    except OSError as exc:
        failed = Message("journal_os_error", {"reason": exc.strerror})
        raise JournalError("calendar_record_unreadable", path=path, problem=failed) from None
    problem: Message | str
    try:
        data: dict[str, Any] = read_toml(raw)
        if data.get("schema_version") == SCHEMA_VERSION:
            return msgspec.convert(data, CalendarRecord, strict=True)
        problem = f"schema_version {data.get('schema_version')!r}"
    except TomlReadError as exc:
        problem = exc.message
    except msgspec.ValidationError as exc:
        place, reason = _describe(str(exc))
        problem = Message("at_place", {"place": place, "problem": reason})
    raise JournalError("calendar_record_unreadable", path=path, problem=problem)


def write_record(home: Path, record: CalendarRecord) -> None:
    """Save the record atomically (only after the calendar file itself was written)."""
    from trustcoach.files import dump_toml, ensure_private_dir, write_atomic
    from trustcoach.journal.model import as_data

    ensure_private_dir(home)
    data = as_data(record)
    data["events"] = [as_data(event) for event in record.events]
    write_atomic(record_path(home), dump_toml(data))
