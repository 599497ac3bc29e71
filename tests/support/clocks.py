"""The times trustcoach's clock is set to (``TRUSTCOACH_NOW``) in-process and at a terminal, and the
due dates that follow from them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9))

# The clock of in-process runs (the ``fixed_clock`` fixture sets it) and of most spawned ones.
NOW = "2026-11-26T10:00:00+09:00"
NOW_DT = datetime(2026, 11, 26, 10, 0, 0, tzinfo=JST)
DEFAULT_DUE = date(2026, 12, 3)  # seven days after NOW: the default pack's due_days

# The clock of every pseudo-terminal run (``Terminal``) and of the installed wheel's runs: every
# session those tests start begins in this same second.
PTY_NOW = "2026-03-10T20:15:00+09:00"
PTY_DEFAULT_DUE = "2026-03-17"  # PTY_NOW + the pack's due_days (7)
