"""The current time, which tests and demonstrations may set with ``TRUSTCOACH_NOW``."""

from __future__ import annotations

import os
from datetime import datetime

NOW_ENV = "TRUSTCOACH_NOW"


def now() -> datetime:
    """The local time with its UTC offset, to the second."""
    fixed = os.environ.get(NOW_ENV, "").strip()
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed)
        except ValueError:
            from trustcoach.errors import UsageError

            raise UsageError("now_invalid", value=fixed) from None
        return (moment if moment.tzinfo else moment.astimezone()).replace(microsecond=0)
    return datetime.now().astimezone().replace(microsecond=0)
