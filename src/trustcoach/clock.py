"""The current time, which tests and demonstrations may set with ``TRUSTCOACH_NOW``."""

from __future__ import annotations

import os
from datetime import datetime

NOW_ENV = "TRUSTCOACH_NOW"
# The years TRUSTCOACH_NOW may name: session ids and due dates need four-digit years with room
# to add a year, and some platforms cannot convert times before 1970 or after 3000.
YEARS = (1971, 2999)


def now() -> datetime:
    """The local time with its UTC offset, to the second."""
    fixed = os.environ.get(NOW_ENV, "").strip()
    if fixed:
        from trustcoach.errors import UsageError

        try:
            moment = datetime.fromisoformat(fixed)
        except ValueError:
            raise UsageError("now_invalid", value=fixed) from None
        if not YEARS[0] <= moment.year <= YEARS[1]:
            raise UsageError("now_out_of_range", value=fixed, first=YEARS[0], last=YEARS[1])
        return (moment if moment.tzinfo else moment.astimezone()).replace(microsecond=0)
    return datetime.now().astimezone().replace(microsecond=0)


def check_now() -> None:
    """Refuse a ``TRUSTCOACH_NOW`` that cannot be used, in one sentence, before any command
    runs: also the commands that never ask the time, so that a mistyped value is never
    silently ignored."""
    if os.environ.get(NOW_ENV, "").strip():
        now()
