"""Fixtures of the command-line tests: a history of four weekly sessions, made once."""

from __future__ import annotations

import pytest

from tests.support.histories import Built, Planned, planned_history, run_planned
from tests.support.sessions import CopyHome, home_made_once


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Four weekly sessions (en, ja, en, ja) made through ``start --answers`` with a simulated
    clock, reviews of every due commitment included; made once for the whole run."""
    sessions = planned_history()
    with home_made_once(tmp_path_factory, "history") as (folder, mp):
        for plan in sessions:
            plan.id = run_planned(plan, sessions, folder, mp)
    return Built(folder / "home", sessions)


@pytest.fixture
def history(built: Built, copy_home: CopyHome) -> list[Planned]:
    """The built history, copied into this test's home; the clock a week later."""
    copy_home(built.home, "2026-12-03T09:00:00+09:00")
    return built.sessions
